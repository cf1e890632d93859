"""The engine: requests in, role fit and learning plans out, for one profile or millions."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from recommender.arrays import CatalogArrays
from recommender.features import UNLOCKS, cell_features, unlocks
from recommender.fit import cell_index, rank_roles, role_fit
from recommender.modelio import RankingModel, load_model
from recommender.planner import Plans, build_plans
from recommender.profiles import ProfileBatch, ProfileParser, parse_requests
from recommender.render import Renderer
from skills import Catalog, load_catalog

MAX_LIMIT = 1000
# Rows scored together: big enough that numpy's per-call cost vanishes, small enough
# that a block's arrays (rows x skills x 8 bytes) stay in cache.
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

    @classmethod
    def concat(cls, parts: Sequence[Scores]) -> Scores:
        """Scores of consecutive row blocks as one."""
        return cls(
            fit=np.concatenate([p.fit for p in parts]),
            missing=np.concatenate([p.missing for p in parts]),
            role_order=np.concatenate([p.role_order for p in parts]),
            target=np.concatenate([p.target for p in parts]),
            plans=Plans.concat([p.plans for p in parts]),
        )


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
        self.renderer = Renderer(catalog, self.arrays, model)
        # The model is linear, so all but the per-plan "unlocks" term is a table lookup.
        coef = np.asarray(model.ranker.coef_, dtype=np.float64)
        self._base_scores = (cell_features(self.arrays).astype(np.float64) @ coef).ravel()
        self._unlock_coef = float(coef[UNLOCKS])

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
        hours_per_week : ndarray of shape (P,), default 10
        limit : most plan steps to return per profile, None for all
        """
        levels = np.asarray(levels, dtype=np.int8)
        n = len(levels)
        targets = np.full(n, -1) if targets is None else np.asarray(targets)
        hours_per_week = np.full(n, 10.0) if hours_per_week is None else np.asarray(hours_per_week, float)
        if n <= BLOCK_ROWS:
            return self._score(levels, targets, hours_per_week, limit)
        # Row blocks keep every intermediate array a few MB: they stay in cache and
        # are reused by the allocator instead of page-faulted in afresh, which alone
        # halves the time of a big batch. numpy releases the GIL in its array loops,
        # so blocks scored on threads use every core. Rows are independent: the
        # result is the same as scoring them all at once.
        blocks = [slice(a, min(a + BLOCK_ROWS, n)) for a in range(0, n, BLOCK_ROWS)]

        def run(rows: slice) -> Scores:
            return self._score(levels[rows], targets[rows], hours_per_week[rows], limit)

        if self.threads == 1:
            return Scores.concat([run(b) for b in blocks])
        with ThreadPoolExecutor(self.threads) as pool:
            return Scores.concat(list(pool.map(run, blocks)))

    def _score(self, levels, targets, hours_per_week, limit) -> Scores:
        levels32 = levels.astype(np.int32)
        n = len(levels)
        fit, missing = role_fit(self.arrays, levels32)
        role_order = rank_roles(self.arrays, fit)
        target = np.where(targets >= 0, targets, role_order[:, 0])
        target_levels = self.arrays.targets[target]
        in_plan = levels < target_levels
        cells = cell_index(self.arrays, levels32, target)
        raw = self._base_scores[cells] + self._unlock_coef * unlocks(self.arrays, in_plan)
        plans = build_plans(
            self.arrays,
            levels,
            target_levels,
            in_plan,
            raw,
            fit[np.arange(n), target],
            self.arrays.gain_table.ravel()[cells],
            self.arrays.hours_table.ravel()[cells],
            hours_per_week,
            limit,
        )
        return Scores(fit=fit, missing=missing, role_order=role_order, target=target, plans=plans)

    # -- requests --------------------------------------------------------------
    def parse(self, requests: Sequence[Mapping]) -> ProfileBatch:
        return parse_requests(self.parser, requests)

    def recommend_many(self, requests: Sequence[Mapping], limit: int | None = None) -> list[dict | InputError]:
        """One response dict or :class:`InputError` per request, in order.

        ``limit`` caps the steps of every plan; a request's own ``limit`` can lower it.
        """
        batch = self.parse(requests)
        limits = [self._limit(r, limit, p) for r, p in zip(requests, batch.parsed, strict=True)]
        valid = batch.valid
        out: list[dict | InputError] = [InputError(p.errors) for p in batch.parsed]
        rows = np.flatnonzero(valid)
        if len(rows) == 0:
            return out
        wanted = [limits[i] for i in rows]
        cap = None if any(v is None for v in wanted) else max(wanted)
        scores = self.score(batch.levels[rows], batch.targets[rows], batch.hours_per_week[rows], cap)
        for j, i in enumerate(rows):
            out[i] = self.renderer.response(scores, j, batch.parsed[i], limits[i], float(batch.hours_per_week[i]))
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
