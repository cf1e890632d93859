"""Role fit: the importance-weighted share of a role's target levels a profile reaches."""

from __future__ import annotations

import numpy as np

from recommender.arrays import CatalogArrays

FIT_DECIMALS = 4


def cell_index(arrays: CatalogArrays, levels: np.ndarray, roles: np.ndarray | int) -> np.ndarray:
    """Flat indices into the (R, S, 6) level tables for each profile's role and levels."""
    return arrays.cell_offsets[roles] + levels


def role_fit(arrays: CatalogArrays, levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fit in [0, 1] and count of skills below target, for every profile and role.

    Returns
    -------
    fit : ndarray of shape (P, R), rounded to ``FIT_DECIMALS``
    missing : ndarray of shape (P, R), int
    """
    n_profiles = len(levels)
    fit = np.empty((n_profiles, arrays.n_roles))
    missing = np.empty((n_profiles, arrays.n_roles), dtype=np.int64)
    reached = arrays.reached_table.ravel()
    for r in range(arrays.n_roles):  # a loop over the roles, never over profiles
        fit[:, r] = reached[cell_index(arrays, levels, r)].sum(axis=1)
        missing[:, r] = np.count_nonzero(levels < arrays.targets[r], axis=1)
    return np.round(fit, FIT_DECIMALS), missing


def rank_roles(arrays: CatalogArrays, fit: np.ndarray) -> np.ndarray:
    """Role indices per profile, best fit first, ties broken by role id."""
    ids = np.broadcast_to(arrays.role_rank, fit.shape)
    return np.lexsort((ids, -fit), axis=-1)
