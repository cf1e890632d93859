"""Role fit: the importance-weighted share of a role's target levels a profile reaches."""

from __future__ import annotations

import numpy as np

from recommender import kernels
from recommender.arrays import CatalogArrays

FIT_DECIMALS = 4  # kernels.FIT_SCALE is 10 ** FIT_DECIMALS


def role_fit(arrays: CatalogArrays, levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fit in [0, 1] and count of skills below target, for every profile and role.

    The same compiled loop as the engine's (:mod:`recommender.kernels`), so the two
    agree to the last bit.

    Returns
    -------
    fit : ndarray of shape (P, R), rounded to ``FIT_DECIMALS``
    missing : ndarray of shape (P, R), int
    """
    levels = kernels.as_input(levels, np.int8)
    fit = np.empty((len(levels), arrays.n_roles))
    missing = np.empty((len(levels), arrays.n_roles), dtype=np.int64)
    n_levels = arrays.reached_table.shape[-1]
    kernels.role_fit_rows(
        levels, arrays.targets, arrays.reached_table.ravel(), arrays.cell_offsets, n_levels, fit, missing
    )
    return fit, missing


def rank_roles(arrays: CatalogArrays, fit: np.ndarray) -> np.ndarray:
    """Role indices per profile, best fit first, ties broken by role id."""
    order = np.empty(fit.shape, dtype=np.int64)
    kernels.rank_role_rows(kernels.as_input(fit, np.float64), arrays.role_rank, order)
    return order
