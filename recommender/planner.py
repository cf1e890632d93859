"""Turning step scores into prerequisite-respecting, scheduled plans for many profiles at once.

The loops themselves are compiled (:mod:`recommender.kernels`): the engine orders,
measures and schedules every plan in :func:`recommender.kernels.score_rows`, and
:func:`order_steps` is the ordering alone, for scores of the caller's choosing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recommender import kernels
from recommender.arrays import CatalogArrays


@dataclass
class Plans:
    """Plans of ``P`` profiles, each cut to its first ``K`` steps (``-1`` pads)."""

    skill: np.ndarray  # (P, K) skill index
    from_level: np.ndarray  # (P, K)
    to_level: np.ndarray  # (P, K)
    hours: np.ndarray  # (P, K)
    score: np.ndarray  # (P, K) in (0, 1)
    fit_after: np.ndarray  # (P, K)
    start_week: np.ndarray  # (P, K)
    end_week: np.ndarray  # (P, K)
    in_plan: np.ndarray  # (P, S) skills with a step in the whole plan
    n_steps: np.ndarray  # (P,) steps in the whole plan
    total_hours: np.ndarray  # (P,) hours of the whole plan
    weeks: np.ndarray  # (P,) weeks of the whole plan


def order_steps(arrays: CatalogArrays, in_plan: np.ndarray, scores: np.ndarray, limit: int) -> np.ndarray:
    """Greedy order: repeatedly take the best-scoring step whose in-plan prerequisites are done.

    Among equal scores the earlier skill (lower index: the catalog's learning order)
    goes first. A prerequisite not in the plan (already at the level the role needs)
    blocks nothing. Scores must not be NaN.

    Parameters
    ----------
    in_plan : (P, S) bool, the skills with a step in each plan
    scores : (P, S) the steps' scores, higher first
    limit : steps to return per plan

    Returns
    -------
    ndarray of shape (P, limit), int64: skill indices in order, ``-1`` past a plan's end
    """
    in_plan = kernels.as_input(in_plan, bool)
    order = np.empty((len(in_plan), max(0, limit)), dtype=np.int64)
    if order.size:
        scores = kernels.as_input(scores, np.float64)
        kernels.order_rows(in_plan, scores, arrays.dependents_ptr, arrays.dependents_idx, order)
    return order


def score_table(
    arrays: CatalogArrays, base_scores: np.ndarray, unlock_scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every step score a plan can show: the logistic of the model's raw score, rounded to 3 decimals.

    A step's raw score is ``base_scores[cell] + unlock_scores[unlocks]``: its
    (role, skill, current level) cell's share, and its ``unlocks`` feature's, a count
    between 0 and how many skills need the skill. So every score a plan can show is
    known in advance; computed here with numpy once, they are looked up per step.

    Parameters
    ----------
    base_scores : (R * S * L,) float64, one per cell of the level tables
    unlock_scores : (S + 1,) the ``unlocks`` term for each count (float32, as the engine adds it)

    Returns
    -------
    start : (R * S * L,) int64, where each cell's scores start in ``table``
    table : float64, ``table[start[cell] + unlocks]``
    """
    n_cells = len(base_scores)
    needed_by = np.bincount(arrays.ancestors_idx, minlength=arrays.n_skills)  # most unlocks of each skill
    sizes = np.broadcast_to((needed_by + 1)[None, :, None], arrays.hours_table.shape).ravel()
    start = np.zeros(n_cells, dtype=np.int64)
    np.cumsum(sizes[:-1], out=start[1:])
    cell = np.repeat(np.arange(n_cells), sizes)
    count = np.arange(len(cell)) - start[cell]
    raw = base_scores[cell] + unlock_scores[count]
    return start, np.round(1.0 / (1.0 + np.exp(-raw.astype(np.float64))), 3)
