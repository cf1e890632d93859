"""What the ranking model sees of each step: one feature vector per (profile, stage).

Every feature but ``unlocks`` and ``used_through`` depends only on the stage's (role,
skill, from level, to level) cell, so the engine computes them once per catalog as a
table and looks them up; ``unlocks`` depends on the whole plan and ``used_through`` on
the person's levels of the skills built on the stage's, and the scoring loop's own code
works both out (:func:`recommender.kernels.first_stage_rows`), for training as for scoring.
"""

from __future__ import annotations

import numpy as np

from recommender import kernels
from recommender.alternatives import Variants
from recommender.arrays import CatalogArrays, beginner_stages, freed_by_level, held_index, slot_waiting, stand_in_users

FEATURES = (
    "importance",  # the role's weight for the skill
    "core",  # 1 for a core skill of the role, 0 for an optional one
    "gap",  # levels the stage climbs, over the top of the catalog's scale (5 for 0-5)
    "unlocks",  # how many later steps of this plan need the skill, directly or not (log-scaled)
    "effort",  # hours of the stage (log-scaled)
    "position",  # place in the catalog's learning order, 0 first to 1 last
    "track",  # 1 when the skill's module belongs to the role's track
    "started",  # 1 when the stage starts above level 0
    "top_up",  # 1 when the stage raises a foundation the person already uses (held at practised_level or more)
    "deepens",  # 1 when the stage raises a breadth-first track's skill the person uses (practised_level+) or the plan started
    "used_through",  # 1 when the person uses at work (practised_level+) a skill built directly on it, held above it
)
# "Uses it at work": level 3 of a 0-5 scale; a climb from there is a top-up, not new learning.
PRACTISED, PRACTISED_OF = 3, 5
FOUNDATION_SHARE = 0.4  # a foundation: a skill this share of the catalog builds on (Python, maths, ML, DL, ...)
UNLOCKS = FEATURES.index("unlocks")
USED_THROUGH = FEATURES.index("used_through")


def practised_level(max_level: int) -> int:
    """The level from which a person uses a skill at work on a scale 0..``max_level``: the same share of the
    scale as 3 of 0-5, rounded up (2 of 0-3, 6 of 0-10), so features mean the same on any catalog's scale."""
    return -(-PRACTISED * max_level // PRACTISED_OF)


def cell_features(arrays: CatalogArrays, first_stage: bool = True) -> np.ndarray:
    """Features of every (slot, from level, to level) stage, ``unlocks`` and ``used_through`` left at 0.

    A slot is a (role, skill) pair of a role's own skills (``arrays.slot_of``): a plan
    holds no other. Cells that are not a stage (``to <= from``) get a gap and effort of
    0. ``started`` is the person's own level: a skill's first stage from above 0 has it,
    a later stage (``first_stage=False``: a part the plan reached, the person never
    started) has not. ``top_up`` marks a first stage from :func:`practised_level` or above of a
    foundation (a skill at least ``FOUNDATION_SHARE`` of the catalog needs, directly or
    not): a mentor gives someone who already uses it at work the Gen AI material first
    and tops the foundation up later. ``deepens`` marks the same for a skill of a track learnt
    breadth first (``Track.breadth_first``: a developer who calls a model API at work learns
    evaluation and tools before the API's finer points), a foundation excepted, and a later stage
    of such a skill from the level below that (2 of 0-5, the tutorials done): the plan started it,
    and the track's other skills come before its next stage (after a first model call, structured
    output and tools before the API's finer points). Reference orderings list first stages only,
    so the weight learnt there carries over.

    Returns
    -------
    ndarray of shape (n_slots, L, L, len(FEATURES)), float32, ``L`` the catalog's ``n_levels``
    """
    a = arrays
    top = a.n_levels - 1
    role = np.repeat(np.arange(a.n_roles), np.diff(a.role_ptr))
    skill = a.role_skill
    lo = np.arange(a.n_levels)[None, :, None]
    hi = np.arange(a.n_levels)[None, None, :]
    shape = (a.n_slots, a.n_levels, a.n_levels)
    cum = a.cum_hours[skill][:, None, :]
    hours = np.clip(cum - np.swapaxes(cum, 1, 2), 0, None)  # (slot, from, to)
    out = np.zeros((*shape, len(FEATURES)), dtype=np.float32)
    out[..., 0] = np.broadcast_to(a.weights[role, skill][:, None, None], shape)
    out[..., 1] = np.broadcast_to(a.core[role, skill][:, None, None], shape)
    out[..., 2] = np.broadcast_to(np.clip(hi - lo, 0, None) / float(top), shape)
    out[..., 4] = np.log1p(hours) / np.log1p(a.cum_hours[:, -1].max(initial=0.0))
    out[..., 5] = np.broadcast_to(a.position[skill][:, None, None], shape)
    out[..., 6] = np.broadcast_to(a.track_match[role, skill][:, None, None], shape)
    out[..., 7] = np.broadcast_to(first_stage & (lo > 0), shape)
    foundation = (a.needed_by >= FOUNDATION_SHARE * a.n_skills)[skill][:, None, None]
    practised = first_stage & (lo >= practised_level(top))
    out[..., 8] = np.broadcast_to(practised & foundation, shape)
    # A later stage from the tutorial level on deepens what the plan started; below it, the skill is still starting.
    deepening = practised | ((not first_stage) & (lo >= max(practised_level(top) - 1, 1)))
    out[..., 9] = np.broadcast_to(deepening & (a.breadth_first[skill][:, None, None] & ~foundation), shape)
    return out


def unlocks_scale(n_skills: int) -> np.ndarray:
    """The ``unlocks`` feature of each count 0..``n_skills`` of skills unlocked, float32.

    Counts are small whole numbers: a lookup table is several times faster than log1p.
    """
    return (np.log1p(np.arange(n_skills + 1)) / np.log1p(n_skills)).astype(np.float32)


def step_features(arrays: CatalogArrays, levels: np.ndarray, roles: np.ndarray, in_plan: np.ndarray) -> np.ndarray:
    """Features of every (profile, skill) first stage, for each profile's role.

    A reference ordering lists a skill where its first stage starts, and that stage
    (from the current level to the lowest level a dependent in the plan waits for) is
    what the planner weighs against the other ready stages: it is split and its
    ``unlocks`` counted by the scoring loop's own code (:func:`kernels.first_stage_rows`).
    Skills outside the role get zeros.

    Parameters
    ----------
    levels : ndarray of shape (P, S)
    roles : ndarray of shape (P,), the role row of each profile
    in_plan : ndarray of shape (P, S), bool, skills of the profile's role

    Returns
    -------
    ndarray of shape (P, S, len(FEATURES)), float32
    """
    a = arrays
    cells = cell_features(a)
    rows = kernels.as_input(levels, np.int64)
    roles = kernels.as_input(roles, np.int64)
    to_level, counts, used_through = np.empty_like(rows), np.empty_like(rows), np.empty_like(rows)
    in_plan = kernels.as_input(in_plan, bool)
    tables = build_tables(a, np.zeros(len(FEATURES)))
    variants = graph_variants(a, tables)
    for some, at in variants.groups(rows) if variants else [(tables, None)]:
        if at is None:
            kernels.first_stage_rows(rows, roles, in_plan, some, to_level, counts, used_through)
            continue
        parts = np.empty_like(rows[at]), np.empty_like(rows[at]), np.empty_like(rows[at])
        kernels.first_stage_rows(rows[at], roles[at], in_plan[at], some, *parts)
        to_level[at], counts[at], used_through[at] = parts
    slots = a.slot_of[roles]
    out = cells[np.maximum(slots, 0), rows, to_level]
    out[..., UNLOCKS] = unlocks_scale(a.n_skills)[counts]
    out[..., USED_THROUGH] = used_through
    out[slots < 0] = 0.0
    return out


def plan_mask(arrays: CatalogArrays, levels: np.ndarray, roles: np.ndarray) -> np.ndarray:
    """Skills below the target level of each profile's role: its plan's steps (P x S)."""
    return levels < arrays.targets[roles]


def build_tables(arrays: CatalogArrays, coef: np.ndarray, own_target: np.ndarray | None = None) -> kernels.Tables:
    """The scoring loop's lookup tables for a linear model with weights ``coef``.

    The model is linear, so all but the per-plan "unlocks" term is a table lookup:
    a stage's raw score is its (later, slot, from, to) cell's base score plus the
    term for its unlocks count. Tables are per role over the role's own skills (slots).

    ``own_target``: the arrays are a widened copy's (:mod:`recommender.goal_ways`), and this is each slot's level
    in the role's own map (0 outside it): plans take each profile's own targets.
    """
    a = arrays
    # A skill's first stage, then its later stages (not started by the person): see kernels.cell_index.
    base_scores = np.concatenate(
        [(cell_features(a, first_stage).astype(np.float64) @ coef).ravel() for first_stage in (True, False)]
    )
    unlock_scores = float(coef[UNLOCKS]) * unlocks_scale(a.n_skills)  # float32, as the features are
    fs = a.fit_sum
    held = held_index(a)
    return kernels.Tables(
        n_levels=a.n_levels,
        role_ptr=a.role_ptr,
        role_skill=a.role_skill,
        slot_target=a.slot_target,
        role_rank=a.role_rank,
        reached=a.slot_reached,
        hours=a.slot_hours,
        cum_hours=a.cum_hours,
        faster_skill=a.faster.skill,
        faster_by=a.faster.by,
        faster_level=a.faster.level,
        faster_share=a.faster.share,
        lane=fs.lane,
        leaf_lo=fs.leaf_lo,
        leaf_tail=fs.leaf_tail,
        leaf_hi=fs.leaf_hi,
        prog_ptr=fs.prog_ptr,
        prog=fs.prog,
        leaf_of=held.leaf_of,
        lane_of=held.lane_of,
        split_depth=held.split_depth,
        skill_slot_ptr=held.skill_slot_ptr,
        skill_slot=held.skill_slot,
        slot_role=held.slot_role,
        base_scores=base_scores,
        unlock_scores=unlock_scores.astype(np.float64),
        users_ptr=a.role_users_ptr,
        users_idx=a.role_users_idx,
        users_level=a.role_users_level,
        used_through_score=float(coef[USED_THROUGH]),
        practised=practised_level(a.n_levels - 1),
        widened=own_target is not None,
        own_target=a.slot_target if own_target is None else own_target,
        **graph_tables(a, widened=own_target is not None),
        hand_to=a.hand_to,
        hand_holding=a.hand_holding,
        hand_at=a.hand_at,
        hand_lacking=a.hand_lacking,
        hand_below=a.hand_below,
    )


def graph_variants(arrays: CatalogArrays, tables: kernels.Tables) -> Variants | None:
    """``tables`` for each code of prerequisites met another way (:mod:`recommender.alternatives`), made when
    first asked for; None for a catalog without alternatives."""
    if not arrays.alternatives:
        return None
    return Variants(
        arrays.alternatives,
        lambda catalog: tables._replace(
            **graph_tables(CatalogArrays.from_catalog(catalog), tables.widened),
            **_users(stand_in_users(arrays, catalog)),
        ),
        own=tables,
    )


def _users(users) -> dict[str, np.ndarray]:
    return {"users_ptr": users.ptr, "users_idx": users.idx, "users_level": users.level}


def graph_tables(arrays: CatalogArrays, widened: bool = False) -> dict[str, np.ndarray]:
    """The scoring loop's tables of the prerequisite graph (the rest of :func:`build_tables`).

    A variant of a catalog without the prerequisites a profile meets another way
    (:mod:`recommender.alternatives`) has these of its own and everything else of the catalog's: the same skills,
    roles and model scores, fewer edges.
    """
    a = arrays
    freed = freed_by_level(a, capped=not widened)
    beginner = beginner_stages(a)
    return {
        "prereqs_ptr": a.role_prereqs_ptr,
        "prereqs_idx": a.role_prereqs_idx,
        "prereqs_level": a.role_prereqs_level,
        "freed_ptr": freed.ptr,
        "freed_idx": freed.idx,
        "ancestors_ptr": a.role_ancestors_ptr,
        "ancestors_idx": a.role_ancestors_idx,
        "ancestors_level": a.role_ancestors_level,
        "waiting": slot_waiting(a),
        "split": beginner.split,
        "named": beginner.named,
        "staged_of": _staged_of(a),
        "staged_ptr": a.role_staged_ptr,
        "staged_idx": a.role_staged_idx,
        "staged_level": a.role_staged_level,
        "staged_beyond": a.role_staged_beyond,
        "staged_dependents_ptr": a.role_staged_dependents_ptr,
        "staged_dependents_idx": a.role_staged_dependents_idx,
        "staged_dependents_level": a.role_staged_dependents_level,
        "staged_dependents_beyond": a.role_staged_dependents_beyond,
    }


def _staged_of(arrays: CatalogArrays) -> np.ndarray:
    """The dependent of each staged edge (``arrays.role_staged_*``), as a local index in its role: a plan visits
    its role's few staged edges, not each of its skills (``kernels._staged_splits``)."""
    a = arrays
    slot = np.repeat(np.arange(a.n_slots), np.diff(a.role_staged_ptr))
    role = np.repeat(np.arange(a.n_roles), np.diff(a.role_ptr))
    return (slot - a.role_ptr[role[slot]]).astype(np.int64)
