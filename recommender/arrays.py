"""The catalog as numpy arrays, built once per catalog and shared by every batch."""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import TopologicalSorter

import numpy as np

from skills import Catalog

N_LEVELS = 6  # levels 0-5
WHOLE_STEP = -1  # the level a bare prerequisite needs: all of its step in the plan (the role's target)


@dataclass(frozen=True, eq=False)
class CatalogArrays:
    """Dense views of a catalog: ``S`` skills, ``R`` roles.

    Attributes
    ----------
    prereq : ndarray of shape (S, S), bool
        ``prereq[s, j]`` is true when skill ``j`` is a direct prerequisite of ``s``.
    cum_hours : ndarray of shape (S, 6), float64
        Hours from level 0 to each level.
    targets, weights : ndarray of shape (R, S)
        The role's target level (0 = not in the role) and importance weight.
    core : ndarray of shape (R, S), bool
    hours_table, gain_table, reached_table : ndarray of shape (R, S, 6)
        Per role, skill and current level: hours to the role's target, the share of
        the role's fit that step adds, and the share of fit already reached.
    cell_offsets : ndarray of shape (R, S), int32
        Where each (role, skill) row of the level tables starts in their flat form.
    prereqs_ptr, prereqs_idx, prereqs_level : ndarray of shape (S + 1,), (E,), (E,), int64
        Direct prerequisites in compressed sparse row form: skill ``s`` needs
        ``prereqs_idx[prereqs_ptr[s]:prereqs_ptr[s + 1]]``, each at the level in
        ``prereqs_level`` (``WHOLE_STEP``: all of its step in the plan).
    dependents_ptr, dependents_idx, dependents_level : the same edges seen from the prerequisite.
    ancestors_ptr, ancestors_idx, ancestors_level : ndarray of shape (S + 1,), (A,), (A,), int64
        Every skill's prerequisites, direct or not, each with the level the skill
        waits for: the highest a skill on the way names (a prerequisite gates a
        skill's first stage, so a dependent waits for all of its prerequisite's
        needs); ``N_LEVELS`` for all of the prerequisite's step.
    max_stages : int
        The most stages a plan can have: each skill's step splits at most at every
        level its dependents name.
    track_match : ndarray of shape (R, S), bool
        Whether the skill's module belongs to the role's track.
    """

    skill_ids: tuple[str, ...]
    role_ids: tuple[str, ...]
    prereq: np.ndarray
    cum_hours: np.ndarray
    targets: np.ndarray
    weights: np.ndarray
    core: np.ndarray
    track_match: np.ndarray
    position: np.ndarray
    role_rank: np.ndarray
    hours_table: np.ndarray
    gain_table: np.ndarray
    reached_table: np.ndarray
    cell_offsets: np.ndarray
    prereqs_ptr: np.ndarray
    prereqs_idx: np.ndarray
    prereqs_level: np.ndarray
    dependents_ptr: np.ndarray
    dependents_idx: np.ndarray
    dependents_level: np.ndarray
    ancestors_ptr: np.ndarray
    ancestors_idx: np.ndarray
    ancestors_level: np.ndarray
    max_stages: int

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> CatalogArrays:
        ids = catalog.skill_ids
        index = {sid: i for i, sid in enumerate(ids)}
        n = len(ids)
        needs = _prerequisite_levels(catalog, index)
        prereq = np.zeros((n, n), dtype=bool)
        for (s, p), _ in needs.items():
            prereq[s, p] = True
        hours = np.array([s.hours for s in catalog.skills], dtype=np.float64)
        cum_hours = np.concatenate([np.zeros((n, 1)), np.cumsum(hours, axis=1)], axis=1)
        roles = catalog.roles
        targets = np.zeros((len(roles), n), dtype=np.int8)
        weights = np.zeros((len(roles), n), dtype=np.float64)
        core = np.zeros((len(roles), n), dtype=bool)
        track_match = np.zeros((len(roles), n), dtype=bool)
        for r, role in enumerate(roles):
            for sid, rs in role.skills.items():
                s = index[sid]
                targets[r, s], weights[r, s], core[r, s] = rs.level, rs.weight, rs.tier == "core"
            for s, skill in enumerate(catalog.skills):
                track = catalog.module(skill.module).track
                track_match[r, s] = catalog.in_track(role.track, track)
        role_ids = tuple(r.id for r in roles)
        tables = _level_tables(targets, weights, cum_hours)
        edges = sorted(needs.items())  # (dependent, prerequisite) pairs, dependent-major
        by_prereq = sorted(((p, s), level) for (s, p), level in needs.items())
        # A skill's step splits at each distinct level its dependents name, into at most 5 stages.
        named = {}
        for (_, p), level in needs.items():
            if level != WHOLE_STEP:
                named.setdefault(p, set()).add(level)
        return cls(
            skill_ids=ids,
            role_ids=role_ids,
            prereq=prereq,
            cum_hours=cum_hours,
            targets=targets,
            weights=weights,
            core=core,
            track_match=track_match,
            position=np.arange(n, dtype=np.float64) / max(n - 1, 1),
            role_rank=np.argsort(np.argsort(np.array(role_ids))),
            hours_table=tables[0],
            gain_table=tables[1],
            reached_table=tables[2],
            cell_offsets=(np.arange(len(roles) * n, dtype=np.int32).reshape(len(roles), n) * N_LEVELS),
            **_edge_rows("prereqs", n, edges),
            **_edge_rows("dependents", n, by_prereq),
            **_ancestor_rows(n, needs),
            max_stages=sum(min(N_LEVELS - 1, 1 + len(named.get(s, ()))) for s in range(n)),
        )

    @property
    def n_skills(self) -> int:
        return len(self.skill_ids)

    @property
    def n_roles(self) -> int:
        return len(self.role_ids)


def _prerequisite_levels(catalog: Catalog, index: dict[str, int]) -> dict[tuple[int, int], int]:
    """``(skill, prerequisite) -> level needed`` (``WHOLE_STEP`` for a bare id); a repeat keeps the higher need."""
    needs: dict[tuple[int, int], int] = {}
    for skill in catalog.skills:
        levels = getattr(skill, "prerequisite_levels", None) or {}
        for p in skill.prerequisites:
            key = (index[skill.id], index[p])
            level = int(levels.get(p, WHOLE_STEP))
            old = needs.get(key)
            # The whole step is the most a prerequisite can be asked for.
            needs[key] = level if old is None else (WHOLE_STEP if WHOLE_STEP in (old, level) else max(old, level))
    return needs


def _level_tables(targets, weights, cum_hours):
    level = np.arange(cum_hours.shape[1])[None, None, :]
    target = targets[:, :, None].astype(np.int64)
    reach = np.minimum(level, target)
    cols = np.arange(targets.shape[1])[None, :, None]
    hours = cum_hours[cols, target] - cum_hours[cols, reach]
    norm = (weights / weights.sum(axis=1, keepdims=True))[:, :, None]
    safe = np.maximum(target, 1)
    reached = np.where(target > 0, reach / safe, 0.0) * norm
    gain = np.where(target > 0, (target - reach) / safe, 0.0) * norm
    return hours, gain, reached


def _edge_rows(name: str, n: int, edges: list[tuple[tuple[int, int], int]]) -> dict[str, np.ndarray]:
    """Edges ``((row, col), level)``, sorted by row then column, in compressed sparse row form."""
    rows = np.array([e[0][0] for e in edges], dtype=np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=ptr[1:])
    return {
        f"{name}_ptr": ptr,
        f"{name}_idx": np.array([e[0][1] for e in edges], dtype=np.int64),
        f"{name}_level": np.array([e[1] for e in edges], dtype=np.int64),
    }


def _ancestor_rows(n: int, needs: dict[tuple[int, int], int]) -> dict[str, np.ndarray]:
    """Every skill's prerequisites, direct or not, with the level it waits for, found in topological order."""
    direct: dict[int, dict[int, int]] = {s: {} for s in range(n)}
    for (s, p), level in needs.items():
        direct[s][p] = N_LEVELS if level == WHOLE_STEP else level
    ancestors: dict[int, dict[int, int]] = {}
    for s in TopologicalSorter(direct).static_order():  # prerequisites come first
        waits = dict(direct[s])
        for p in direct[s]:
            for a, level in ancestors[p].items():
                waits[a] = max(waits.get(a, 0), level)
        ancestors[s] = waits
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(ancestors[s]) for s in range(n)], out=ptr[1:])
    pairs = [(p, ancestors[s][p]) for s in range(n) for p in sorted(ancestors[s])]
    return {
        "ancestors_ptr": ptr,
        "ancestors_idx": np.array([p for p, _ in pairs], dtype=np.int64),
        "ancestors_level": np.array([level for _, level in pairs], dtype=np.int64),
    }
