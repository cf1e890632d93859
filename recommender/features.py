"""What the ranking model sees of each step: one feature vector per (profile, stage).

Every feature but ``unlocks`` depends only on the stage's (role, skill, from level,
to level) cell, so the engine computes them once per catalog as a table and looks
them up; ``unlocks`` depends on the whole plan and is counted by the scoring loop's
own code (:func:`recommender.kernels.first_stage_rows`), for training as for scoring.
"""

from __future__ import annotations

import numpy as np

from recommender import kernels
from recommender.arrays import N_LEVELS, CatalogArrays

FEATURES = (
    "importance",  # the role's weight for the skill
    "core",  # 1 for a core skill of the role, 0 for an optional one
    "gap",  # levels the stage climbs, over 5
    "unlocks",  # how many later steps of this plan need the skill, directly or not (log-scaled)
    "effort",  # hours of the stage (log-scaled)
    "position",  # place in the catalog's learning order, 0 first to 1 last
    "track",  # 1 when the skill's module belongs to the role's track
    "started",  # 1 when the stage starts above level 0
    "top_up",  # 1 when the stage raises a foundation the person already uses (held at PRACTISED or more)
)
PRACTISED = 3  # "uses it at work" on the catalog's scale: a climb from here is a top-up, not new learning
FOUNDATION_SHARE = 0.4  # a foundation: a skill this share of the catalog builds on (Python, maths, ML, DL, ...)
UNLOCKS = FEATURES.index("unlocks")


def cell_features(arrays: CatalogArrays, first_stage: bool = True) -> np.ndarray:
    """Features of every (role, skill, from level, to level) stage, ``unlocks`` left at 0.

    Cells that are not a stage (``to <= from``) get a gap and effort of 0. ``started``
    is the person's own level: a skill's first stage from above 0 has it, a later stage
    (``first_stage=False``: a part the plan reached, the person never started) has not.
    ``top_up`` marks a first stage from ``PRACTISED`` or above of a foundation (a skill at
    least ``FOUNDATION_SHARE`` of the catalog needs, directly or not): a mentor gives someone
    who already uses it at work the Gen AI material first and tops the foundation up later.

    Returns
    -------
    ndarray of shape (R, S, 6, 6, len(FEATURES)), float32
    """
    lo = np.arange(N_LEVELS)[None, None, :, None]
    hi = np.arange(N_LEVELS)[None, None, None, :]
    shape = (arrays.n_roles, arrays.n_skills, N_LEVELS, N_LEVELS)
    cum = arrays.cum_hours[None, :, :]
    hours = np.clip(cum[:, :, None, :] - cum[:, :, :, None], 0, None)  # (1, S, from, to)
    out = np.zeros((*shape, len(FEATURES)), dtype=np.float32)
    out[..., 0] = np.broadcast_to(arrays.weights[:, :, None, None], shape)
    out[..., 1] = np.broadcast_to(arrays.core[:, :, None, None], shape)
    out[..., 2] = np.broadcast_to(np.clip(hi - lo, 0, None) / 5.0, shape)
    out[..., 4] = np.broadcast_to(np.log1p(hours) / np.log1p(arrays.cum_hours[:, -1].max()), shape)
    out[..., 5] = np.broadcast_to(arrays.position[None, :, None, None], shape)
    out[..., 6] = np.broadcast_to(arrays.track_match[:, :, None, None], shape)
    out[..., 7] = np.broadcast_to(first_stage & (lo > 0), shape)
    built_on = np.bincount(arrays.ancestors_idx, minlength=arrays.n_skills)  # skills that need it, directly or not
    foundation = (built_on >= FOUNDATION_SHARE * arrays.n_skills)[None, :, None, None]
    out[..., 8] = np.broadcast_to(first_stage & (lo >= PRACTISED) & foundation, shape)
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

    Parameters
    ----------
    levels : ndarray of shape (P, S)
    roles : ndarray of shape (P,), the role row of each profile
    in_plan : ndarray of shape (P, S), bool

    Returns
    -------
    ndarray of shape (P, S, len(FEATURES)), float32
    """
    a = arrays
    cells = cell_features(a)
    skills = np.arange(a.n_skills)[None, :]
    rows = kernels.as_input(levels, np.int64)
    goals = kernels.as_input(np.where(in_plan, a.targets[roles], levels), np.int64)  # outside the plan: nothing
    to_level = np.empty_like(rows)
    counts = np.empty_like(rows)
    kernels.first_stage_rows(
        rows, goals, a.prereqs_ptr, a.prereqs_idx, a.prereqs_level,
        a.ancestors_ptr, a.ancestors_idx, a.ancestors_level, to_level, counts,
    )  # fmt: skip
    out = cells[roles[:, None], skills, rows, to_level]
    out[..., UNLOCKS] = unlocks_scale(a.n_skills)[counts]
    return out


def plan_mask(arrays: CatalogArrays, levels: np.ndarray, roles: np.ndarray) -> np.ndarray:
    """Skills below the target level of each profile's role: its plan's steps (P x S)."""
    return levels < arrays.targets[roles]
