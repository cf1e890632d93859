"""Turning step scores into prerequisite-respecting, scheduled plans for many profiles at once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recommender.arrays import CatalogArrays

# Far above any score gap, far below float64's exact range around scores of order 10.
BLOCK = 1e6


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

    @classmethod
    def concat(cls, parts: list[Plans]) -> Plans:
        """Plans of consecutive row blocks as one, padding the step columns to the widest."""
        width = max(p.skill.shape[1] for p in parts)

        def stack(name, fill):
            return np.concatenate(
                [np.pad(getattr(p, name), ((0, 0), (0, width - p.skill.shape[1])), constant_values=fill) for p in parts]
            )

        per_step = {name: stack(name, -1 if name == "skill" else 0) for name in _STEP_FIELDS}
        per_row = {name: np.concatenate([getattr(p, name) for p in parts]) for name in _ROW_FIELDS}
        return cls(**per_step, **per_row)


_STEP_FIELDS = ("skill", "from_level", "to_level", "hours", "score", "fit_after", "start_week", "end_week")
_ROW_FIELDS = ("in_plan", "n_steps", "total_hours", "weeks")


def order_steps(arrays: CatalogArrays, in_plan: np.ndarray, scores: np.ndarray, limit: int) -> np.ndarray:
    """Greedy order: repeatedly take the best-scoring step whose in-plan prerequisites are done.

    One iteration per plan position, each over all profiles at once. A prerequisite
    not in the plan (already at the level the role needs) blocks nothing.

    Each candidate holds its score minus ``BLOCK`` per pending prerequisite, so
    "ready" is just "above -BLOCK / 2" and taking a step is two scattered writes:
    its own cell to -inf, and ``+BLOCK`` on its dependents. Dependents are padded
    with the step itself, already at -inf, so no masks are needed in the loop.
    """
    n_profiles, n_skills = in_plan.shape
    order = np.full((n_profiles, limit), -1, dtype=np.int64)
    if limit == 0 or n_profiles == 0:
        return order
    # Counts are exact in float32, where the product is several times faster; the grid
    # itself is float64, since float32 cannot hold a score's decimals next to BLOCK.
    pending = in_plan.view(np.int8).astype(np.float32) @ arrays.dependents_f32
    grid = np.multiply(pending, -BLOCK, dtype=np.float64)
    grid += scores
    np.copyto(grid, -np.inf, where=~in_plan)
    flat_grid = grid.ravel()
    offsets = np.arange(n_profiles) * n_skills
    deps, degree = arrays.dependents_padded, arrays.degree
    big = n_profiles >= 1024
    for k in range(limit):
        choice = grid.argmax(axis=1)  # ties go to the earlier skill in learning order
        flat = offsets + choice
        order[:, k] = np.where(flat_grid[flat] > -BLOCK / 2, choice, -1)  # -1: nothing ready, plan done
        flat_grid[flat] = -np.inf
        if big:  # one 1-D scatter per dependent slot beats a 2-D one on big batches
            for col in deps[choice, : degree[choice].max()].T:
                flat_grid[offsets + col] += BLOCK
        else:  # on small ones the number of numpy calls is what costs
            flat_grid[offsets[:, None] + deps[choice]] += BLOCK
    return order


def build_plans(
    arrays: CatalogArrays,
    levels: np.ndarray,
    targets: np.ndarray,
    in_plan: np.ndarray,
    raw_scores: np.ndarray,
    fit_now: np.ndarray,
    gains: np.ndarray,
    step_hours: np.ndarray,
    hours_per_week: np.ndarray,
    limit: int | None,
) -> Plans:
    """Order, measure and schedule every profile's plan.

    Parameters
    ----------
    targets : (P, S) target level of each profile's role
    raw_scores : (P, S) model scores
    fit_now : (P,) fit for the target role today
    gains, step_hours : (P, S) fit each step adds and the hours it takes
    limit : most steps to return, None for all
    """
    n_profiles, n_skills = levels.shape
    n_steps = in_plan.sum(axis=1)
    k = n_skills if limit is None else max(0, min(limit, n_skills))
    k = min(k, int(n_steps.max(initial=0)))
    skill = order_steps(arrays, in_plan, raw_scores, k)
    valid = skill >= 0
    col = np.where(valid, skill, 0)

    def pick(matrix, fill=0):
        return np.where(valid, np.take_along_axis(matrix, col, 1), fill)

    hours = pick(step_hours, 0.0)
    score = np.where(valid, 1.0 / (1.0 + np.exp(-pick(raw_scores, 0.0).astype(np.float64))), 0.0)
    fit_after = fit_now[:, None] + np.cumsum(pick(gains, 0.0), axis=1)
    # Float sums drift; the last step of a whole plan reaches the role's targets exactly.
    last = np.arange(k)[None, :] >= (n_steps[:, None] - 1)
    fit_after = np.where(last, 1.0, np.minimum(np.round(fit_after, 4), 1.0))
    fit_after[~valid] = 0.0  # like every other per-step field past the plan's end
    hpw = hours_per_week[:, None]
    done_after = np.cumsum(hours, axis=1)
    start_week = np.floor((done_after - hours) / hpw + 1e-9).astype(np.int64) + 1
    end_week = np.maximum(start_week, np.ceil(done_after / hpw - 1e-9).astype(np.int64))
    total_hours = step_hours.sum(axis=1, where=in_plan)
    return Plans(
        skill=skill,
        from_level=pick(levels).astype(np.int64),
        to_level=pick(targets).astype(np.int64),
        hours=hours,
        score=np.round(score, 3),
        fit_after=fit_after,
        start_week=np.where(valid, start_week, 0),
        end_week=np.where(valid, end_week, 0),
        in_plan=in_plan,
        n_steps=n_steps,
        total_hours=total_hours,
        weeks=np.ceil(total_hours / hours_per_week - 1e-9).astype(np.int64),
    )
