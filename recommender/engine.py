"""The engine: requests in, role fit and learning plans out, for one profile or millions."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from recommender import kernels
from recommender.arrays import CatalogArrays
from recommender.features import UNLOCKS, cell_features, unlocks_scale
from recommender.modelio import RankingModel, load_model
from recommender.planner import Plans, score_table
from recommender.profiles import DEFAULT_HOURS_PER_WEEK, ProfileBatch, ProfileParser, parse_requests
from recommender.render import Renderer
from skills import Catalog, load_catalog

MAX_LIMIT = 1000
# Rows per task when a big batch is spread over threads: a few ms of work each.
BLOCK_ROWS = 8192


class InputError(ValueError):
    """A request the engine cannot score; ``errors`` maps field paths to messages."""

    def __init__(self, errors: Mapping[str, list[str]]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items()))


@dataclass
class Scores:
    """Everything the engine computed for a batch of valid profiles."""

    fit: np.ndarray  # (P, R)
    missing: np.ndarray  # (P, R)
    role_order: np.ndarray  # (P, R) best first
    target: np.ndarray  # (P,) role index scored
    plans: Plans
    levels: np.ndarray  # (P, S) the levels scored


class Engine:
    """Scores profiles against a catalog with a fitted ranking model.

    Build it once per process (:meth:`load`) and share it: it holds the catalog's
    arrays, the matcher and the model, and keeps no per-request state.
    """

    def __init__(self, catalog: Catalog, model: RankingModel, threads: int | None = None):
        self.catalog = catalog
        self.threads = threads or min(4, len(os.sched_getaffinity(0)))
        self.model = model
        self.arrays = CatalogArrays.from_catalog(catalog)
        self.parser = ProfileParser(catalog)
        self.renderer = Renderer(catalog, model)
        self._tables = self._build_tables()
        # Compile the scoring loop now (or load it from numba's cache), not on the first request.
        self.score(np.zeros((1, self.arrays.n_skills), dtype=np.int8))

    def _build_tables(self) -> tuple:
        """What :func:`recommender.kernels.score_rows` looks up, in the order it unpacks them."""
        a = self.arrays
        # The model is linear, so all but the per-plan "unlocks" term is a table lookup:
        # a step's raw score is its cell's base score plus the term for its unlocks count.
        coef = self.model.coef
        base_scores = (cell_features(a).astype(np.float64) @ coef).ravel()
        unlock_scores = float(coef[UNLOCKS]) * unlocks_scale(a.n_skills)  # float32, as the features are
        score_start, scores = score_table(a, base_scores, unlock_scores)
        return (
            a.targets,
            a.reached_table.ravel(),
            a.cell_offsets,
            a.reached_table.shape[-1],
            a.role_rank,
            base_scores,
            unlock_scores.astype(np.float64),
            score_start,
            scores,
            a.gain_table.ravel(),
            a.hours_table.ravel(),
            a.dependents_ptr,
            a.dependents_idx,
            a.ancestors_ptr,
            a.ancestors_idx,
        )

    @classmethod
    def load(cls, catalog_dir: str | os.PathLike | None = None, model_path: str | os.PathLike | None = None):
        return cls(load_catalog(catalog_dir), load_model(model_path))

    # -- the vectorised core -------------------------------------------------
    def score(
        self,
        levels: np.ndarray,
        targets: np.ndarray | None = None,
        hours_per_week: np.ndarray | None = None,
        limit: int | None = None,
    ) -> Scores:
        """Fit for every role and the plan for each profile's target role.

        Parameters
        ----------
        levels : ndarray of shape (P, S), levels 0-5 in catalog skill order
        targets : ndarray of shape (P,), role index or -1 for the best fit
        hours_per_week : ndarray of shape (P,), default DEFAULT_HOURS_PER_WEEK (10)
        limit : most plan steps to return per profile, None for all
        """
        levels = kernels.as_input(levels, np.int8)
        if levels.ndim != 2 or levels.shape[1] != self.arrays.n_skills:
            raise ValueError(f"levels must have shape (profiles, {self.arrays.n_skills}), not {levels.shape}")
        n = len(levels)
        targets = np.full(n, -1) if targets is None else kernels.as_input(targets, np.int64)
        hours_per_week = (
            np.full(n, float(DEFAULT_HOURS_PER_WEEK))
            if hours_per_week is None
            else kernels.as_input(hours_per_week, np.float64)
        )
        if targets.shape != (n,) or hours_per_week.shape != (n,):
            raise ValueError(f"targets and hours_per_week must have shape ({n},)")
        width = self.arrays.n_skills if limit is None else max(0, min(limit, self.arrays.n_skills))
        a = self.arrays
        out = (
            np.empty((n, a.n_roles)),  # fit
            np.empty((n, a.n_roles), dtype=np.int64),  # missing
            np.empty((n, a.n_roles), dtype=np.int64),  # role_order
            np.empty(n, dtype=np.int64),  # target
            np.empty((n, a.n_skills), dtype=bool),  # in_plan
            np.empty(n, dtype=np.int64),  # n_steps
            np.empty(n),  # total_hours
            np.empty(n, dtype=np.int64),  # weeks
            *(np.empty((n, width), dtype=np.int64) for _ in range(3)),  # skill, from_level, to_level
            *(np.empty((n, width)) for _ in range(3)),  # hours, score, fit_after
            *(np.empty((n, width), dtype=np.int64) for _ in range(2)),  # start_week, end_week
        )
        if n <= BLOCK_ROWS or self.threads == 1:
            longest = kernels.score_rows(levels, targets, hours_per_week, self._tables, out)
        else:
            # The compiled loop releases the GIL: row blocks on threads use every core,
            # each writing its own rows of the same output arrays.
            def run(start: int) -> int:
                rows = slice(start, start + BLOCK_ROWS)
                parts = tuple(x[rows] for x in out)
                return kernels.score_rows(levels[rows], targets[rows], hours_per_week[rows], self._tables, parts)

            with ThreadPoolExecutor(self.threads) as pool:
                longest = max(pool.map(run, range(0, n, BLOCK_ROWS)))
        fit, missing, role_order, target, in_plan, n_steps, total_hours, weeks, *steps = out
        if longest < width:  # step columns past the longest plan are left out
            steps = [x[:, :longest] for x in steps]
        skill, from_level, to_level, hours, score, fit_after, start_week, end_week = steps
        plans = Plans(
            skill=skill,
            from_level=from_level,
            to_level=to_level,
            hours=hours,
            score=score,
            fit_after=fit_after,
            start_week=start_week,
            end_week=end_week,
            in_plan=in_plan,
            n_steps=n_steps,
            total_hours=total_hours,
            weeks=weeks,
        )
        return Scores(fit=fit, missing=missing, role_order=role_order, target=target, plans=plans, levels=levels)

    # -- requests --------------------------------------------------------------
    def parse(self, requests: Sequence[Mapping]) -> ProfileBatch:
        return parse_requests(self.parser, requests)

    def recommend_many(self, requests: Sequence[Mapping], limit: int | None = None) -> list[dict | InputError]:
        """One response dict or :class:`InputError` per request, in order.

        ``limit`` caps the steps of every plan; a request's own ``limit`` can lower it.
        """
        batch = self.parse(requests)
        parsed = batch.parsed
        limits = [self._limit(r, limit, p) for r, p in zip(requests, parsed, strict=True)]
        out: list = [InputError(p.errors) if p.errors else None for p in parsed]  # None: filled in below
        rows = [i for i, p in enumerate(parsed) if not p.errors]
        if not rows:
            return out
        wanted = [limits[i] for i in rows]
        cap = None if None in wanted else max(wanted)
        if len(rows) == len(parsed):  # all valid, as a single request nearly always is: no copies
            levels, targets, hours_per_week = batch.levels, batch.targets, batch.hours_per_week
        else:
            levels, targets, hours_per_week = batch.levels[rows], batch.targets[rows], batch.hours_per_week[rows]
        scores = self.score(levels, targets, hours_per_week, cap)
        response = self.renderer.response
        for j, (i, hours) in enumerate(zip(rows, hours_per_week.tolist(), strict=True)):
            out[i] = response(scores, j, parsed[i], limits[i], hours)
        return out

    def recommend(self, request: Mapping, limit: int | None = None) -> dict:
        """One request: a cohort of one. Raises :class:`InputError` on bad input."""
        (result,) = self.recommend_many([request], limit)
        if isinstance(result, InputError):
            raise result
        return result

    @staticmethod
    def _limit(request, cap, parsed) -> int | None:
        value = request.get("limit") if isinstance(request, Mapping) else None
        if value is None:
            return cap
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_LIMIT:
            parsed.errors["limit"] = [f"{value!r} is not a step count; use 0-{MAX_LIMIT}"]
            return cap
        return value if cap is None else min(value, cap)
