"""What the ranking model sees of each step: one feature vector per (profile, skill).

Every feature but ``unlocks`` depends only on (role, skill, current level), so the
engine computes them once per catalog as a table and gathers from it; ``unlocks``
depends on the whole plan and is computed per profile with one matrix product.
"""

from __future__ import annotations

import numpy as np

from recommender.arrays import CatalogArrays

FEATURES = (
    "importance",  # the role's weight for the skill
    "core",  # 1 for a core skill of the role, 0 for an optional one
    "gap",  # levels to climb, over 5
    "unlocks",  # how many later steps of this plan need it, directly or not (log-scaled)
    "effort",  # hours of the step (log-scaled)
    "position",  # place in the catalog's learning order, 0 first to 1 last
    "track",  # the skill's module belongs to the role's track
    "started",  # the learner already has some of it
)
UNLOCKS = FEATURES.index("unlocks")
N_LEVELS = 6


def cell_features(arrays: CatalogArrays) -> np.ndarray:
    """Features of every (role, skill, current level) cell, ``unlocks`` left at 0.

    Returns
    -------
    ndarray of shape (R, S, 6, len(FEATURES)), float32
    """
    level = np.arange(N_LEVELS)[None, None, :]
    target = arrays.targets[:, :, None].astype(np.int64)
    shape = (arrays.n_roles, arrays.n_skills, N_LEVELS)
    out = np.zeros((*shape, len(FEATURES)), dtype=np.float32)
    out[..., 0] = np.broadcast_to(arrays.weights[:, :, None], shape)
    out[..., 1] = np.broadcast_to(arrays.core[:, :, None], shape)
    out[..., 2] = np.clip(target - level, 0, None) / 5.0
    out[..., 4] = np.log1p(arrays.hours_table) / np.log1p(arrays.cum_hours[:, -1].max())
    out[..., 5] = np.broadcast_to(arrays.position[None, :, None], shape)
    out[..., 6] = np.broadcast_to(arrays.track_match[:, :, None], shape)
    out[..., 7] = np.broadcast_to(level > 0, shape)
    return out


def unlocks(arrays: CatalogArrays, in_plan: np.ndarray) -> np.ndarray:
    """Log-scaled count of in-plan skills that need each skill, directly or not (P x S)."""
    counts = in_plan.view(np.int8).astype(np.float32) @ arrays.descendants.T
    return unlocks_scale(arrays.n_skills)[counts.astype(np.intp)]


def unlocks_scale(n_skills: int) -> np.ndarray:
    """The ``unlocks`` feature of each count 0..``n_skills`` of skills unlocked, float32.

    Counts are small whole numbers: a lookup table is several times faster than log1p.
    """
    return (np.log1p(np.arange(n_skills + 1)) / np.log1p(n_skills)).astype(np.float32)


def step_features(arrays: CatalogArrays, levels: np.ndarray, roles: np.ndarray, in_plan: np.ndarray) -> np.ndarray:
    """Features of every (profile, skill) pair for each profile's role.

    Parameters
    ----------
    levels : ndarray of shape (P, S)
    roles : ndarray of shape (P,), the role row of each profile
    in_plan : ndarray of shape (P, S), bool

    Returns
    -------
    ndarray of shape (P, S, len(FEATURES)), float32
    """
    cells = cell_features(arrays)
    out = cells[roles[:, None], np.arange(arrays.n_skills)[None, :], levels]
    out[..., UNLOCKS] = unlocks(arrays, in_plan)
    return out


def plan_mask(arrays: CatalogArrays, levels: np.ndarray, roles: np.ndarray) -> np.ndarray:
    """Skills below the target level of each profile's role: its plan's steps (P x S)."""
    return levels < arrays.targets[roles]
