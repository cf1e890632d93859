"""The catalog as numpy arrays, built once per catalog and shared by every batch.

Costs grow with the prerequisite edges and with each role's own skills, never with
skills x skills: a plan only ever holds its role's skills, so the level and score
tables, the prerequisite edges and their closure are kept per role over the role's
skills (its *slots*). The dense ``prereq`` matrix exists for training code only and
is built when first asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np

from recommender import kernels
from recommender.alternatives import Alternatives
from skills import Catalog

WHOLE_STEP = -1  # the level a bare prerequisite needs: all of its step in the plan (the role's target)
PW_BLOCK = 128  # numpy's pairwise summation sums runs of up to this many values with 8 accumulators
# Closure columns per pass (skills of one role): bounds the pass's skills x columns scratch table.
CLOSURE_COLUMNS = 2048
# The scoring loop marks the levels a skill's step splits at as bits of one int64.
MOST_LEVELS = 63


class Edges(NamedTuple):
    """Prerequisite edges ``skill -> prerequisite`` (global skill indices), with the level needed."""

    skill: np.ndarray  # (E,) int64, the dependent
    prereq: np.ndarray  # (E,) int64
    level: np.ndarray  # (E,) int64, WHOLE_STEP for all of the prerequisite's step
    beyond: np.ndarray  # (E,) int64, the level of the skill past which it is needed (Skill.prerequisites_beyond), 0

    def where(self, keep: np.ndarray) -> Edges:
        return Edges(*(column[keep] for column in self))


class FitSum(NamedTuple):
    """How to add a role's reached shares in exactly numpy's order (see :func:`_fit_sums`).

    numpy sums the dense row of all ``S`` skills pairwise: runs of at most 128 values
    (8 interleaved accumulators, then a tail) joined in a fixed tree. A role's other
    skills add +0.0, which changes no sum of non-negative values, so only the role's
    slots are visited: each leaf run adds its slots into their ``lane`` (0-7) and then its
    tail slots in order, and ``prog`` joins leaf sums as the tree does.
    """

    lane: np.ndarray  # (n_slots,) accumulator of each slot in its leaf
    leaf_lo: np.ndarray  # (L,) first slot of each leaf
    leaf_tail: np.ndarray  # (L,) first slot of the leaf's tail (added one by one after the lanes)
    leaf_hi: np.ndarray  # (L,) end of the leaf's slots
    prog_ptr: np.ndarray  # (R + 1,) each role's program in prog
    prog: np.ndarray  # leaf index to push, or -1 to add the top two sums


@dataclass(frozen=True, eq=False)
class CatalogArrays:
    """Views of a catalog: ``S`` skills, ``R`` roles, ``n_slots`` (role, skill) pairs of the roles' own skills.

    Attributes
    ----------
    n_levels : int
        The catalog's level scale is 0 .. ``n_levels - 1`` (``Catalog.n_levels``); every per-level table is
        this wide (``L`` below).
    cum_hours : ndarray of shape (S, L), float64
        Hours from level 0 to each level.
    targets, weights : ndarray of shape (R, S)
        The role's target level (0 = not in the role) and importance weight.
    core, track_match : ndarray of shape (R, S), bool
        A core skill of the role; the skill's module belongs to the role's track.
    role_ptr, role_skill : ndarray of shape (R + 1,), (n_slots,), int64
        Role ``r``'s skills, in catalog order, are slots ``role_ptr[r]:role_ptr[r + 1]``.
    slot_of : ndarray of shape (R, S), int64
        The slot of each (role, skill), -1 for a skill outside the role.
    slot_target : ndarray of shape (n_slots,), int64
    slot_hours, slot_reached : ndarray of shape (n_slots * L,), float64
        Per slot and current level: hours to the role's target, and the share of the
        role's fit already reached.
    prereqs_ptr, prereqs_idx, prereqs_level : direct prerequisites of every skill, needed from its start (CSR,
        global indices).
    role_prereqs_*, role_dependents_*, role_ancestors_* : ndarray, CSR over slots
        Within each role, in *local* indices (position among the role's skills): a
        slot's direct prerequisites and dependents with the level named
        (``WHOLE_STEP``: all of the step), and its prerequisites direct or not (through
        any skill) with the level it waits for: the highest an edge into the
        prerequisite names on the way (a prerequisite gates a skill's first stage, so a
        dependent waits for all of its prerequisite's needs); ``L`` for all of the step.
        These hold the edges needed from a skill's start only: a prerequisite needed past a level of the skill
        (``beyond``) is a *staged* edge, kept apart below.
    role_staged_*, role_staged_dependents_* : ndarray, CSR over slots
        Staged edges within each role, from the dependent's and the prerequisite's side, in local indices, with
        the level needed (``_level``) and the level of the dependent past which it is (``_beyond``). A plan splits
        the dependent's step there, and only its stages above wait (``kernels._staged_waits``). They add to no
        closure: what a skill waits for, directly or not, is what its first stage does.
    role_users_ptr, role_users_idx, role_users_level : ndarray, CSR over slots
        Each slot's direct dependents in the role, staged or not: a skill built on it that the person uses
        (level 0 here: held at work counts; a variant's tables add the skills standing in for it, :func:`stand_in_users`).
    needed_by : ndarray of shape (S,), int64
        How many skills need each skill, directly or not, from their start or past a level.
    breadth_first : ndarray of shape (S,), bool
        The skill's module is on a track learnt breadth first (``Track.breadth_first``).
    max_stages : int
        The most stages a plan can have: each skill of a role splits at most at every
        level its dependents in the role name.
    """

    skill_ids: tuple[str, ...]
    role_ids: tuple[str, ...]
    n_levels: int
    cum_hours: np.ndarray
    targets: np.ndarray
    weights: np.ndarray
    core: np.ndarray
    track_match: np.ndarray
    position: np.ndarray
    role_rank: np.ndarray
    role_ptr: np.ndarray
    role_skill: np.ndarray
    slot_of: np.ndarray
    slot_target: np.ndarray
    slot_hours: np.ndarray
    slot_reached: np.ndarray
    fit_sum: FitSum
    prereqs_ptr: np.ndarray
    prereqs_idx: np.ndarray
    prereqs_level: np.ndarray
    role_prereqs_ptr: np.ndarray
    role_prereqs_idx: np.ndarray
    role_prereqs_level: np.ndarray
    role_dependents_ptr: np.ndarray
    role_dependents_idx: np.ndarray
    role_dependents_level: np.ndarray
    role_ancestors_ptr: np.ndarray
    role_ancestors_idx: np.ndarray
    role_ancestors_level: np.ndarray
    role_staged_ptr: np.ndarray
    role_staged_idx: np.ndarray
    role_staged_level: np.ndarray
    role_staged_beyond: np.ndarray
    role_staged_dependents_ptr: np.ndarray
    role_staged_dependents_idx: np.ndarray
    role_staged_dependents_level: np.ndarray
    role_staged_dependents_beyond: np.ndarray
    role_users_ptr: np.ndarray
    role_users_idx: np.ndarray
    role_users_level: np.ndarray
    needed_by: np.ndarray
    breadth_first: np.ndarray
    max_stages: int
    hand_to: np.ndarray
    hand_holding: np.ndarray
    hand_at: np.ndarray
    hand_lacking: np.ndarray
    hand_below: np.ndarray
    faster: Faster
    alternatives: Alternatives | None = None
    """The prerequisites other skills can meet instead (``or``): a profile that holds one is planned on a variant
    of the catalog without the edge (``recommender.alternatives``). ``None`` or empty: none."""

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> CatalogArrays:
        ids = catalog.skill_ids
        index = {sid: i for i, sid in enumerate(ids)}
        n = len(ids)
        if not catalog.roles:
            raise ValueError("the catalog has no roles: roles.yaml must name at least one role")
        every_edge = _edges(catalog, index)
        edges, staged = every_edge.where(every_edge.beyond == 0), every_edge.where(every_edge.beyond > 0)
        n_levels = catalog.n_levels
        hours = _step_hours(catalog, n_levels)
        cum_hours = np.concatenate([np.zeros((n, 1)), np.cumsum(hours, axis=1)], axis=1)
        roles = catalog.roles
        targets = np.zeros((len(roles), n), dtype=np.int8)
        weights = np.zeros((len(roles), n), dtype=np.float64)
        core = np.zeros((len(roles), n), dtype=bool)
        track_match = np.zeros((len(roles), n), dtype=bool)
        module_of = np.array([skill.module for skill in catalog.skills], dtype=object)
        modules = sorted(set(module_of.tolist()))
        module_index = np.searchsorted(np.array(modules, dtype=object), module_of) if n else np.zeros(0, int)
        for r, role in enumerate(roles):
            for sid, rs in role.skills.items():
                s = index[sid]
                targets[r, s], weights[r, s], core[r, s] = rs.level, rs.weight, rs.tier == "core"
            # One in_track call per module, not per skill: catalogs of 10,000+ skills have few modules.
            in_track = np.array([catalog.in_track(role.track, catalog.module(m).track) for m in modules], dtype=bool)
            track_match[r] = in_track[module_index] if n else in_track[:0]
        role_ids = tuple(r.id for r in roles)
        prereqs = _csr(n, edges.skill, edges.prereq, edges.level)
        order = kernels.topological_order(prereqs.ptr, prereqs.idx)
        slots = _slots(targets)
        levels = _slot_levels(slots, targets, weights, cum_hours)
        within = _role_edges(slots, edges)
        staged_within = _role_edges(slots, staged)
        staged_beyond = _role_edges(slots, staged._replace(level=staged.beyond))  # the same edges, same order
        users = _role_edges(slots, every_edge._replace(level=np.zeros_like(every_edge.level))).dependents
        return cls(
            skill_ids=ids,
            role_ids=role_ids,
            n_levels=n_levels,
            cum_hours=cum_hours,
            targets=targets,
            weights=weights,
            core=core,
            track_match=track_match,
            position=np.arange(n, dtype=np.float64) / max(n - 1, 1),
            role_rank=np.argsort(np.argsort(np.array(role_ids))),
            role_ptr=slots.ptr,
            role_skill=slots.skill,
            slot_of=slots.slot_of,
            slot_target=targets[slots.role, slots.skill].astype(np.int64),
            slot_hours=levels.hours.ravel(),
            slot_reached=levels.reached.ravel(),
            fit_sum=_fit_sums(slots, n),
            prereqs_ptr=prereqs.ptr,
            prereqs_idx=prereqs.idx,
            prereqs_level=prereqs.level,
            **_prefixed("role_prereqs", within.prereqs),
            **_prefixed("role_dependents", within.dependents),
            **_prefixed("role_ancestors", _role_ancestors(slots, prereqs, order, n_levels)),
            **_prefixed("role_staged", staged_within.prereqs),
            role_staged_beyond=staged_beyond.prereqs.level,
            **_prefixed("role_staged_dependents", staged_within.dependents),
            role_staged_dependents_beyond=staged_beyond.dependents.level,
            role_users_ptr=users.ptr,
            role_users_idx=users.idx,
            role_users_level=users.level,
            needed_by=_needed_by(*_with_order(_csr(n, every_edge.skill, every_edge.prereq, every_edge.level))),
            breadth_first=np.array(
                [catalog.breadth_first(catalog.module(s.module).track) for s in catalog.skills], dtype=bool
            ),
            max_stages=_max_stages(slots, within.prereqs, staged_within.prereqs, staged_beyond.prereqs, n_levels),
            faster=_faster(catalog, index),
            **_hand_over(roles, index),
            alternatives=Alternatives(catalog),
        )

    @property
    def n_skills(self) -> int:
        return len(self.skill_ids)

    @property
    def n_roles(self) -> int:
        return len(self.role_ids)

    @property
    def n_slots(self) -> int:
        return len(self.role_skill)

    @cached_property
    def prereq(self) -> np.ndarray:
        """``prereq[s, j]``: skill ``j`` is a direct prerequisite of ``s`` (S x S, bool). For training code only."""
        out = np.zeros((self.n_skills, self.n_skills), dtype=bool)
        out[np.repeat(np.arange(self.n_skills), np.diff(self.prereqs_ptr)), self.prereqs_idx] = True
        return out

    def hour_shares(self, levels: np.ndarray) -> np.ndarray:
        """The share of each skill's hours each profile needs, ``(P, S)``: below 1 where the profile holds a skill
        that makes it faster to learn (``Skill.faster_with``), the smallest share of those met; 1 elsewhere."""
        shares = np.ones(levels.shape)
        f = self.faster
        for skill, by, level, share in zip(
            f.skill.tolist(), f.by.tolist(), f.level.tolist(), f.share.tolist(), strict=True
        ):
            np.minimum(shares[:, skill], np.where(levels[:, by] >= level, share, 1.0), out=shares[:, skill])
        return shares

    @cached_property
    def hours_table(self) -> np.ndarray:
        """Hours from each level to the role's target, ``(R, S, L)`` (0 outside the role), for cohort summaries."""
        out = np.zeros((self.n_roles, self.n_skills, self.n_levels))
        role = np.repeat(np.arange(self.n_roles), np.diff(self.role_ptr))
        out[role, self.role_skill] = self.slot_hours.reshape(-1, self.n_levels)
        return out

    @cached_property
    def cell_offsets(self) -> np.ndarray:
        """Where each (role, skill) row of :attr:`hours_table` starts in its flat form, ``(R, S)``."""
        return np.arange(self.n_roles * self.n_skills, dtype=np.int64).reshape(self.n_roles, -1) * self.n_levels


class CSR(NamedTuple):
    ptr: np.ndarray
    idx: np.ndarray
    level: np.ndarray


class Slots(NamedTuple):
    ptr: np.ndarray  # (R + 1,)
    role: np.ndarray  # (n_slots,) the role of each slot
    skill: np.ndarray  # (n_slots,) its global skill index
    local: np.ndarray  # (n_slots,) its position among the role's skills
    slot_of: np.ndarray  # (R, S), -1 outside the role


class SlotLevels(NamedTuple):
    hours: np.ndarray  # (n_slots, L)
    reached: np.ndarray  # (n_slots, L)


class RoleEdges(NamedTuple):
    prereqs: CSR
    dependents: CSR


def _prefixed(name: str, csr: CSR) -> dict[str, np.ndarray]:
    return {f"{name}_ptr": csr.ptr, f"{name}_idx": csr.idx, f"{name}_level": csr.level}


def _edges(catalog: Catalog, index: dict[str, int]) -> Edges:
    """Every ``(skill, prerequisite)`` once, with the level needed and the level past which it is (0: from the
    start); a repeat keeps the higher need, from the earlier of the two.

    The whole step (a bare id) is the most a prerequisite can be asked for.
    """
    needs: dict[tuple[int, int], tuple[int, int]] = {}
    for skill in catalog.skills:
        levels = getattr(skill, "prerequisite_levels", None) or {}
        beyond = getattr(skill, "prerequisites_beyond", None) or {}
        s = index[skill.id]
        for p in skill.prerequisites:
            key = (s, index[p])
            level, past = int(levels.get(p, WHOLE_STEP)), int(beyond.get(p, 0))
            if key in needs:
                old, old_past = needs[key]
                level = WHOLE_STEP if WHOLE_STEP in (old, level) else max(old, level)
                past = min(old_past, past)
            needs[key] = level, past
    pairs = np.array(list(needs), dtype=np.int64).reshape(-1, 2)
    values = np.array(list(needs.values()), dtype=np.int64).reshape(-1, 2)
    return Edges(pairs[:, 0], pairs[:, 1], values[:, 0], values[:, 1])


class Faster(NamedTuple):
    """The catalog's ``faster_with`` rules, one per entry (E,): holding skill ``by`` at ``level`` or more, a person
    needs ``share`` of skill ``skill``'s hours."""

    skill: np.ndarray  # int64
    by: np.ndarray  # int64
    level: np.ndarray  # int64
    share: np.ndarray  # float64


def _faster(catalog: Catalog, index: Mapping[str, int]) -> Faster:
    rules = [(index[s.id], index[r.skill], r.level, r.share) for s in catalog.skills for r in s.faster_with]
    skill, by, level, share = zip(*rules, strict=True) if rules else ((), (), (), ())
    ints = np.int64
    return Faster(np.array(skill, ints), np.array(by, ints), np.array(level, ints), np.array(share, np.float64))


def _step_hours(catalog: Catalog, n_levels: int) -> np.ndarray:
    """Each skill's hours per level step, ``(S, n_levels - 1)``; a clear error where a skill's count is off."""
    if not 2 <= n_levels <= MOST_LEVELS:
        raise ValueError(f"the level scale must have 2 to {MOST_LEVELS} levels, not {n_levels}")
    for skill in catalog.skills:
        if len(skill.hours) != n_levels - 1:
            raise ValueError(
                f"skill {skill.id!r}: hours must give one figure per level step ({n_levels - 1}), not {len(skill.hours)}"
            )
    return np.array([s.hours for s in catalog.skills], dtype=np.float64).reshape(len(catalog.skills), n_levels - 1)


def _csr(n: int, rows: np.ndarray, cols: np.ndarray, levels: np.ndarray) -> CSR:
    """Edges in compressed sparse row form, each row's columns in increasing order."""
    order = np.lexsort((cols, rows))
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=ptr[1:])
    return CSR(ptr, cols[order].astype(np.int64), levels[order].astype(np.int64))


def _hand_over(roles, index: dict[str, int]) -> dict[str, np.ndarray]:
    """Each role's ``hand_over`` (roles.yaml) as indices: the role it hands first place to (-1: none), the skill
    held at ``at`` or more and the skill held below ``below`` for which it does."""
    n = len(roles)
    out = {key: np.zeros(n, dtype=np.int64) for key in ("hand_holding", "hand_at", "hand_lacking", "hand_below")}
    out["hand_to"] = np.full(n, -1, dtype=np.int64)
    role_index = {role.id: r for r, role in enumerate(roles)}
    for r, role in enumerate(roles):
        hand = role.hand_over
        if hand is not None:
            out["hand_to"][r] = role_index[hand.to]
            out["hand_holding"][r], out["hand_at"][r] = index[hand.holding], hand.at
            out["hand_lacking"][r], out["hand_below"][r] = index[hand.lacking], hand.below
    return out


def _slots(targets: np.ndarray) -> Slots:
    role, skill = np.nonzero(targets > 0)  # role-major, skills in catalog order
    ptr = np.zeros(targets.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(role, minlength=targets.shape[0]), out=ptr[1:])
    slot_of = np.full(targets.shape, -1, dtype=np.int64)
    slot_of[role, skill] = np.arange(len(role))
    return Slots(ptr, role.astype(np.int64), skill.astype(np.int64), np.arange(len(role)) - ptr[role], slot_of)


def _slot_levels(slots: Slots, targets, weights, cum_hours) -> SlotLevels:
    """Per slot and level: hours to the role's target and the share of fit reached (numpy's arithmetic, per element)."""
    level = np.arange(cum_hours.shape[1])[None, :]
    target = targets[slots.role, slots.skill].astype(np.int64)[:, None]
    reach = np.minimum(level, target)
    cum = cum_hours[slots.skill]
    hours = np.take_along_axis(cum, target, axis=1) - np.take_along_axis(cum, reach, axis=1)
    # The role's weights summed over its dense row, as the fit's normalisation always was.
    norm = (weights[slots.role, slots.skill] / weights.sum(axis=1)[slots.role])[:, None]
    reached = reach / np.maximum(target, 1) * norm
    return SlotLevels(hours, reached)


def _fit_sums(slots: Slots, n_skills: int) -> FitSum:
    """The leaves and join programs of numpy's pairwise sum over ``n_skills`` values, kept to each role's slots."""
    leaves: list[tuple[int, int, int]] = []
    lane = np.zeros(len(slots.skill), dtype=np.int64)
    progs: list[list[int]] = []
    for r in range(len(slots.ptr) - 1):
        lo, hi = int(slots.ptr[r]), int(slots.ptr[r + 1])
        skills = slots.skill[lo:hi]
        prog: list[int] = []
        # numpy's recursion, walked with a stack of (start, end, joined) nodes; depth is log2(S / 128).
        stack = [(0, n_skills, False)]
        while stack:
            a, b, joined = stack.pop()
            first, last = np.searchsorted(skills, [a, b])
            if joined:
                prog.append(-1)
            elif first == last:
                continue
            elif b - a <= PW_BLOCK:
                body_end = a if b - a < 8 else b - (b - a) % 8
                tail = np.searchsorted(skills, body_end)
                lane[lo + first : lo + tail] = (skills[first:tail] - a) % 8
                prog.append(len(leaves))
                leaves.append((lo + int(first), lo + int(tail), lo + int(last)))
            else:
                half = (b - a) // 2
                half -= half % 8
                left, right = (a, a + half), (a + half, b)
                if all(_holds(skills, *part) for part in (left, right)):
                    stack.append((a, b, True))  # join after both halves
                stack.extend([(*right, False), (*left, False)])
        progs.append(prog)
    prog_ptr = np.zeros(len(progs) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in progs], out=prog_ptr[1:])
    table = np.array(leaves, dtype=np.int64).reshape(-1, 3)
    return FitSum(
        lane, table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy(), prog_ptr,
        np.array([op for p in progs for op in p], dtype=np.int64),
    )  # fmt: skip


def stand_in_users(arrays: CatalogArrays, variant: Catalog) -> CSR:
    """Each slot's users (``role_users_*``) for profiles planned on ``variant``, a catalog without the prerequisites
    they meet another way (:meth:`Alternatives.without`): its direct dependents, and each skill standing in for it
    there, with the level it stands in at. A Go developer who writes the odd Python script uses at work, in Go, what
    Python is needed for; a level held only through names that meet no alternative (MATLAB) meets no edge, so stands
    in for nothing."""
    alternatives = arrays.alternatives
    base = alternatives.catalog
    index = {sid: i for i, sid in enumerate(base.skill_ids)}
    edges = _edges(base, index)
    edges = edges._replace(level=np.zeros_like(edges.level))
    kept = {skill.id: set(skill.prerequisites) for skill in variant.skills}
    pairs: dict[tuple[int, int], int] = {}
    for edge in alternatives.edges:
        if edge.prerequisite in kept[edge.skill]:
            continue  # not met: the variant still needs it
        for alt, level in base.skill(edge.skill).prerequisite_alternatives[edge.prerequisite]:
            pair = index[alt], index[edge.prerequisite]
            pairs[pair] = min(level, pairs.get(pair, level))
    if pairs:
        extra = np.array([(*pair, level) for pair, level in sorted(pairs.items())], dtype=np.int64)
        zeros = np.zeros(len(extra), np.int64)
        edges = Edges(
            *(np.concatenate(c) for c in zip(edges, (extra[:, 0], extra[:, 1], extra[:, 2], zeros), strict=True))
        )
    ptr = arrays.role_ptr
    role = np.repeat(np.arange(len(ptr) - 1), np.diff(ptr))
    slots = Slots(ptr, role, arrays.role_skill, np.arange(len(role)) - ptr[role], arrays.slot_of)
    return _role_edges(slots, edges).dependents


def _role_edges(slots: Slots, edges: Edges) -> RoleEdges:
    """Direct prerequisite edges with both ends in a role, per role, in local indices (CSR over slots)."""
    n_roles = len(slots.ptr) - 1
    rows, cols, levels, back_rows, back_cols = [], [], [], [], []
    for r in range(n_roles):
        s_slot, p_slot = slots.slot_of[r, edges.skill], slots.slot_of[r, edges.prereq]
        keep = (s_slot >= 0) & (p_slot >= 0)
        rows.append(s_slot[keep])
        cols.append(slots.local[p_slot[keep]])
        levels.append(edges.level[keep])
        back_rows.append(p_slot[keep])
        back_cols.append(slots.local[s_slot[keep]])
    n = len(slots.skill)
    level = np.concatenate(levels) if levels else np.zeros(0, np.int64)
    prereqs = _csr(n, np.concatenate(rows), np.concatenate(cols), level)
    dependents = _csr(n, np.concatenate(back_rows), np.concatenate(back_cols), level)
    return RoleEdges(prereqs, dependents)


def _role_ancestors(slots: Slots, prereqs: CSR, order: np.ndarray, n_levels: int) -> CSR:
    """Per role, each slot's prerequisites among the role's skills, direct or not (through any skill), with the
    level it waits for (``n_levels`` for all of its step). One pass over the graph in topological order per block
    of a role's columns: time grows with (skills + edges) x the role's skills, memory with skills x
    ``CLOSURE_COLUMNS``."""
    n_skills = len(prereqs.ptr) - 1
    wait = np.where(prereqs.level == WHOLE_STEP, n_levels, prereqs.level).astype(np.int8)
    rows, cols, levels = [], [], []
    for r in range(len(slots.ptr) - 1):
        lo, hi = int(slots.ptr[r]), int(slots.ptr[r + 1])
        local = np.full(n_skills, -1, dtype=np.int64)
        local[slots.skill[lo:hi]] = np.arange(hi - lo)
        for c0 in range(0, hi - lo, CLOSURE_COLUMNS):
            c1 = min(c0 + CLOSURE_COLUMNS, hi - lo)
            table = np.empty((n_skills, c1 - c0), dtype=np.int8)
            kernels.closure_levels(order, prereqs.ptr, prereqs.idx, wait, local, c0, table)
            x, a = np.nonzero(table[slots.skill[lo:hi]])
            rows.append(x + lo)
            cols.append(a + c0)
            levels.append(table[slots.skill[lo:hi]][x, a])
    if not rows:
        return _csr(len(slots.skill), *(np.zeros(0, np.int64),) * 3)
    return _csr(len(slots.skill), np.concatenate(rows), np.concatenate(cols), np.concatenate(levels).astype(np.int64))


def _with_order(prereqs: CSR) -> tuple[CSR, np.ndarray]:
    return prereqs, kernels.topological_order(prereqs.ptr, prereqs.idx)


def _needed_by(prereqs: CSR, order: np.ndarray) -> np.ndarray:
    """How many skills need each skill, directly or not: reachability bits in blocks of 4,096 skills."""
    n = len(prereqs.ptr) - 1
    counts = np.zeros(n, dtype=np.int64)
    words = 64
    for c0 in range(0, n, 64 * words):
        bits = np.zeros((n, words), dtype=np.uint64)
        kernels.ancestor_bits(order, prereqs.ptr, prereqs.idx, c0, bits)  # bits[x]: x's ancestors in the block
        counts[c0 : c0 + 64 * words] += _column_counts(bits)[: min(64 * words, n - c0)]
    return counts


def _column_counts(bits: np.ndarray) -> np.ndarray:
    """How many rows have each bit set, bit ``i`` of word ``w`` as column ``64 w + i``."""
    as_bytes = bits.view(np.uint8).reshape(len(bits), -1)  # little-endian: byte k holds bits 8k..8k+7
    return np.unpackbits(as_bytes, axis=1, bitorder="little").sum(axis=0, dtype=np.int64)


def _max_stages(slots: Slots, prereqs: CSR, staged: CSR, staged_beyond: CSR, n_levels: int) -> int:
    """The most stages of any role's plan: a skill's step splits at each distinct level its dependents in the role
    name, and at each level past which it needs a prerequisite, into at most ``n_levels - 1`` stages."""
    slot, level = [], []
    for edges in (prereqs, staged):
        named = edges.level != WHOLE_STEP
        row = np.repeat(np.arange(len(slots.skill)), np.diff(edges.ptr))
        slot.append((slots.ptr[slots.role[row]] + edges.idx)[named])  # the prerequisite's slot
        level.append(edges.level[named])
    slot.append(np.repeat(np.arange(len(slots.skill)), np.diff(staged_beyond.ptr)))  # the dependent's own split
    level.append(staged_beyond.level)
    pairs = np.unique(np.stack([np.concatenate(slot), np.concatenate(level)]), axis=1)
    distinct = np.bincount(pairs[0], minlength=len(slots.skill)) if pairs.size else np.zeros(len(slots.skill), int)
    stages = np.minimum(n_levels - 1, 1 + distinct)
    return int(np.bincount(slots.role, weights=stages, minlength=len(slots.ptr) - 1).max(initial=0))


def _holds(skills: np.ndarray, lo: int, hi: int) -> bool:
    """Whether the sorted ``skills`` has one in ``[lo, hi)``."""
    first, last = np.searchsorted(skills, [lo, hi])
    return bool(last > first)


# -- indexes the scoring loop works from (built with the model's tables: recommender.features.build_tables) --------


class HeldIndex(NamedTuple):
    """The role fits seen from the skills a profile holds, in numpy's order of summing (``kernels._held_fits``).

    numpy sums the dense row of all ``S`` skills in *leaves* (runs of at most 128 skills, 8 lanes and a tail)
    joined pairwise in a fixed tree; the skills a profile does not hold add +0.0, which changes no sum. So a
    sparse profile's fits need only the leaves holding its skills, each role's part of them, and where in the tree
    two of those leaves meet. Leaves are the same for every role: the tree is over all ``S`` skills.
    """

    leaf_of: np.ndarray  # (S,) the leaf each skill is summed in
    lane_of: np.ndarray  # (S,) its lane 0-7 in the leaf, or TAIL_LANE: added one by one after the lanes are joined
    split_depth: np.ndarray  # (leaves,) depth in the tree of the split just before leaf l (-1 for the first)
    skill_slot_ptr: np.ndarray  # (S + 1,) each skill's slots, one per role holding it (CSR)
    skill_slot: np.ndarray
    slot_role: np.ndarray  # (n_slots,) the role of each slot


TAIL_LANE = 8


def held_index(arrays: CatalogArrays) -> HeldIndex:
    n = arrays.n_skills
    leaf_of = np.empty(n, dtype=np.int64)
    lane_of = np.empty(n, dtype=np.int64)
    split_depth: list[int] = []
    splits: dict[int, int] = {}  # where a node splits in two -> its depth
    stack = [(0, n, 0)]
    while stack:  # numpy's recursion, left halves first, so leaves come in order
        a, b, depth = stack.pop()
        if b - a <= PW_BLOCK:
            leaf_of[a:b] = len(split_depth)
            body_end = a if b - a < 8 else b - (b - a) % 8
            lane_of[a:body_end] = np.arange(body_end - a) % 8
            lane_of[body_end:b] = TAIL_LANE
            split_depth.append(splits.get(a, -1))
            continue
        half = (b - a) // 2
        half -= half % 8
        splits[a + half] = depth
        stack.extend([(a + half, b, depth + 1), (a, a + half, depth + 1)])
    slot_role = np.repeat(np.arange(arrays.n_roles), np.diff(arrays.role_ptr))
    by_skill = np.argsort(arrays.role_skill, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(arrays.role_skill, minlength=n), out=ptr[1:])
    return HeldIndex(leaf_of, lane_of, np.array(split_depth, dtype=np.int64), ptr, by_skill.astype(np.int64), slot_role)


def slot_waiting(arrays: CatalogArrays) -> np.ndarray:
    """``(n_slots * L,)``: how many of its role's skills wait, directly or not, for each slot's skill to reach each
    level (the level they need, at most the role's): what a beginner's plan counts, before the skills a profile
    already holds at the role's level are taken out (``kernels._count_waits``)."""
    a = arrays
    n_levels = a.n_levels
    slot_role = np.repeat(np.arange(a.n_roles), np.diff(a.role_ptr))
    waiter = np.repeat(np.arange(a.n_slots), np.diff(a.role_ancestors_ptr))
    ancestor = a.role_ptr[slot_role[waiter]] + a.role_ancestors_idx
    need = np.minimum(a.role_ancestors_level, a.slot_target[ancestor])
    return np.bincount(ancestor * n_levels + need, minlength=a.n_slots * n_levels).astype(np.int64)


class Freed(NamedTuple):
    """Each slot's dependents in its role by the level of it they wait for: a stage reaching level ``v`` of slot
    ``q`` frees the first stage of ``idx[ptr[q * L + v]:ptr[q * L + v + 1]]`` (local indices) where in the plan."""

    ptr: np.ndarray  # (n_slots * L + 1,)
    idx: np.ndarray


def freed_by_level(arrays: CatalogArrays, capped: bool = True) -> Freed:
    """Each slot's dependents by the level they wait for: the level named, at most the slot's target (``capped``),
    all of its step when none is named. Uncapped for a widened copy (``recommender.goal_ways``), whose plans take
    targets of their own: a stage there reaching its skill's last level frees every level above it too
    (``kernels._greedy``)."""
    a = arrays
    n_levels = a.n_levels
    prereq = np.repeat(np.arange(a.n_slots), np.diff(a.role_dependents_ptr))
    goal = a.slot_target[prereq]
    level = a.role_dependents_level
    above = (level > goal) if capped else np.zeros(len(level), dtype=bool)
    need = np.where((level == WHOLE_STEP) | above, goal, level)  # kernels._need
    key = prereq * n_levels + need
    order = np.argsort(key, kind="stable")
    ptr = np.zeros(a.n_slots * n_levels + 1, dtype=np.int64)
    np.cumsum(np.bincount(key, minlength=a.n_slots * n_levels), out=ptr[1:])
    return Freed(ptr, a.role_dependents_idx[order].astype(np.int64))


class BeginnerStages(NamedTuple):
    """How a beginner's plan splits each slot's step into stages (``kernels._stages``), to start a profile's from."""

    split: np.ndarray  # (n_slots,) int64 bits: the role's level and every level between 0 and it a dependent names
    named: np.ndarray  # (n_slots * L,) how many of the role's skills name each level of the slot's skill


def beginner_stages(arrays: CatalogArrays) -> BeginnerStages:
    a = arrays
    n_levels = a.n_levels
    slot_role = np.repeat(np.arange(a.n_roles), np.diff(a.role_ptr))
    dependent = np.repeat(np.arange(a.n_slots), np.diff(a.role_prereqs_ptr))
    prereq = a.role_ptr[slot_role[dependent]] + a.role_prereqs_idx
    level = a.role_prereqs_level
    inner = (level > 0) & (level < a.slot_target[prereq])  # a bare prerequisite (WHOLE_STEP) splits nothing
    named = np.bincount(prereq[inner] * n_levels + level[inner], minlength=a.n_slots * n_levels)
    bits = (named.reshape(-1, n_levels) > 0) << np.arange(n_levels)
    split = np.bitwise_or.reduce(bits, axis=1) | (1 << a.slot_target)
    return BeginnerStages(split.astype(np.int64), named.astype(np.int64))
