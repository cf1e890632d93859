"""The engine: requests in, role fit and learning plans out, for one profile or millions."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from recommender import kernels
from recommender.arrays import CatalogArrays
from recommender.features import build_tables, graph_variants
from recommender.goal_ways import GoalWays, deepened_skills, past_ground, practice_first
from recommender.modelio import RankingModel, load_model
from recommender.profiles import (
    DEFAULT_HOURS_PER_WEEK,
    MAX_HOURS_PER_WEEK,
    ProfileBatch,
    ProfileParser,
    parse_requests,
)
from recommender.render import Renderer
from skills import Catalog, load_catalog

__all__ = ["DEFAULT_HOURS_PER_WEEK", "MAX_HOURS_PER_WEEK", "MAX_LIMIT", "Engine", "InputError", "Scorer"]

MAX_LIMIT = 1000
# Rows per task when a big batch is spread over threads: a few ms of work each.
BLOCK_ROWS = 8192
# The fewest rows a thread is given: below twice this a batch runs on the calling thread (no pool starts).
MIN_BLOCK_ROWS = 1024


class InputError(ValueError):
    """A request the engine cannot score; ``errors`` maps field paths to messages."""

    def __init__(self, errors: Mapping[str, list[str]]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items()))


@dataclass
class Plans:
    """Plans of ``P`` profiles, each cut to its first ``K`` stages (``-1`` pads ``skill``).

    A step is a stage of a skill: from one level to a higher one. A skill's step
    splits into stages where a later skill of the plan needs an intermediate level.
    """

    skill: np.ndarray  # (P, K) skill index
    from_level: np.ndarray  # (P, K)
    to_level: np.ndarray  # (P, K)
    hours: np.ndarray  # (P, K)
    score: np.ndarray  # (P, K) in (0, 1)
    fit_after: np.ndarray  # (P, K)
    start_week: np.ndarray  # (P, K)
    end_week: np.ndarray  # (P, K)
    toward_goal: np.ndarray  # (P, K) bool: taken first, on the way to a goal the profile names
    in_plan: np.ndarray  # (P, S) skills with a stage in the whole plan
    n_steps: np.ndarray  # (P,) stages in the whole plan
    total_hours: np.ndarray  # (P,) hours of the whole plan
    weeks: np.ndarray  # (P,) weeks of the whole plan


@dataclass
class Scores:
    """Everything the engine computed for a batch of valid profiles."""

    levels: np.ndarray  # (P, S) the levels scored
    fit: np.ndarray  # (P, R)
    missing: np.ndarray  # (P, R)
    role_order: np.ndarray  # (P, R) best first
    has_best_fit: np.ndarray  # (P,) bool: the first of role_order stands out (not nothing fitting, nor a tie)
    target: np.ndarray  # (P,) role index scored
    plans: Plans
    goals: np.ndarray | None = None  # (P, S) bool: the skills each profile names as goals, None for none
    # (P, S) bool: levels held only through names that meet no alternative (ProfileBatch.no_alternative), None for none
    no_alternative: np.ndarray | None = None


class Scorer:
    """The compiled scoring loop with its tables: one catalog's arrays and one linear model's weights.

    :class:`Engine` is a scorer that also reads requests and writes responses;
    evaluation scores reference profiles with a scorer of its own weights.
    """

    # Plans again, on a widened copy of the role, the profiles with a goal outside their role's map
    # (recommender.goal_ways); None plans every profile on its role's own skills.
    goal_ways: GoalWays | None = None
    # (R,) bool: the roles whose way to a goal takes the Gen AI practice (``deepened``) first among its ready
    # stages (goal_ways.practice_first, kernels.PRACTICE_FIRST); None for none.
    practice_first: np.ndarray | None = None
    # (S,) bool: the Gen AI practice a goal held at work below the role's level goes on with first
    # (goal_ways.deepened_skills, kernels._toward_goals); None for none.
    deepened: np.ndarray | None = None
    # (S,) bool: the skills past the ground every path stands on (goal_ways.past_ground, kernels._goal_cover).
    past_ground: np.ndarray | None = None

    def __init__(
        self, arrays: CatalogArrays, coef: np.ndarray, threads: int | None = None, own_target: np.ndarray | None = None
    ):
        self.arrays = arrays
        self.coef = np.asarray(coef, dtype=np.float64)
        self.threads = threads or min(4, len(os.sched_getaffinity(0)))
        # own_target: the arrays are a widened copy's, whose plans take each profile's own targets (goal_ways).
        self.tables = build_tables(arrays, self.coef, own_target)
        # A profile that meets a prerequisite another way is planned without it: the same tables, fewer edges.
        self.variants = graph_variants(arrays, self.tables)
        # Compile the scoring loop now (or load it from numba's cache), not on the first request.
        self.score(np.zeros((1, arrays.n_skills), dtype=np.int8))

    def score(
        self,
        levels: np.ndarray,
        targets: np.ndarray | None = None,
        hours_per_week: np.ndarray | None = None,
        limit: int | None = None,
        goals: np.ndarray | None = None,
        restricted: np.ndarray | None = None,
        no_alternative: np.ndarray | None = None,
    ) -> Scores:
        """Fit for every role and the plan for each profile's target role.

        Parameters
        ----------
        levels : ndarray of shape (P, S), levels 0..catalog.max_level in catalog skill order
        targets : ndarray of shape (P,), role index or -1 for the best fit, or ``-2 - r`` for the best fit with role
            r, wished for in a goal, first among the near fits (``recommender.profiles.wished``)
        hours_per_week : ndarray of shape (P,), default DEFAULT_HOURS_PER_WEEK (10)
        limit : most plan steps to return per profile, None for all
        goals : ndarray of shape (P, S), bool: the skills each profile names as its goals, whose way the plan
            takes first (``kernels._toward_goals``); None for none
        restricted : ndarray of shape (P, S), bool: levels held only in a restricted form (``ProfileBatch.restricted``:
            R read as programming at 3 at most), which meet no prerequisite in another's place
            (``recommender.alternatives``: a statistics language does not stand in for Python at an LLM SDK);
            None for none
        no_alternative : ndarray of shape (P, S), bool: levels held only through names that meet no alternative of
            some prerequisites (``ProfileBatch.no_alternative``: VB6 at 5 does not stand in for Python at a model's
            SDK, as no SDK serves it, but meets RAG's need of a program of one's own); None for none
        """
        a = self.arrays
        levels = kernels.as_input(levels, np.int8)
        if levels.ndim != 2 or levels.shape[1] != a.n_skills:
            raise ValueError(f"levels must have shape (profiles, {a.n_skills}), not {levels.shape}")
        n = len(levels)
        targets = np.full(n, -1) if targets is None else kernels.as_input(targets, np.int64)
        hours_per_week = (
            np.full(n, float(DEFAULT_HOURS_PER_WEEK))
            if hours_per_week is None
            else kernels.as_input(hours_per_week, np.float64)
        )
        if targets.shape != (n,) or hours_per_week.shape != (n,):
            raise ValueError(f"targets and hours_per_week must have shape ({n},)")
        goal_ptr, goal_skill = goal_rows(goals, levels.shape)
        width = a.max_stages if limit is None else max(0, min(limit, a.max_stages))
        out = kernels.Outputs.empty(n, a.n_roles, a.n_skills, width)
        # The levels that may meet a prerequisite another way: a restricted form stands in for nothing.
        if restricted is not None and not restricted.any():
            restricted = None
        meets = levels if restricted is None else np.where(restricted, 0, levels).astype(np.int8)
        if no_alternative is not None and not no_alternative.any():
            no_alternative = None
        groups = self._groups(meets, no_alternative)

        first = np.zeros(a.n_roles, dtype=bool) if self.practice_first is None else self.practice_first
        deepened = np.zeros(a.n_skills, dtype=bool) if self.deepened is None else self.deepened
        past_ground = np.zeros(a.n_skills, dtype=bool) if self.past_ground is None else self.past_ground

        def run(tables: kernels.Tables, rows: np.ndarray) -> int:
            return kernels.score_rows(
                levels, targets, hours_per_week, tables, out, rows, goal_ptr, goal_skill, first, deepened, past_ground
            )

        blocks = block_count(n, self.threads)
        if blocks == 1:
            longest = max((run(tables, rows) for tables, rows in groups), default=0)
            step_scores(out.score)
        else:
            # The compiled loop and numpy's ufuncs release the GIL: row blocks on threads use
            # every core, each writing its own rows of the same output arrays.
            bounds = np.linspace(0, n, blocks + 1).astype(np.int64).tolist()
            work = [(tables, chunk) for tables, rows in groups for chunk in np.array_split(rows, blocks) if len(chunk)]
            with ThreadPoolExecutor(self.threads) as pool:
                longest = max(pool.map(run, *zip(*work, strict=True)), default=0)
                list(pool.map(lambda lo, hi: step_scores(out.score[lo:hi]), bounds[:-1], bounds[1:]))
        if goals is not None and self.goal_ways is not None:
            out, longest = self._replan_outside_goals(
                out, longest, levels, hours_per_week, limit, goal_ptr, goal_skill, restricted, meets, no_alternative
            )
        if longest < width:  # step columns past the longest plan are left out
            cut = slice(0, longest)
            out = out._replace(**{name: getattr(out, name)[:, cut] for name in STEP_FIELDS})
        plans = Plans(**{name: getattr(out, name) for name in Plans.__dataclass_fields__})
        return Scores(
            levels=levels,
            fit=out.fit,
            missing=out.missing,
            role_order=out.role_order,
            has_best_fit=out.has_best_fit,
            target=out.target,
            plans=plans,
            goals=None if goals is None else np.asarray(goals, dtype=bool),
            no_alternative=no_alternative,
        )

    def _replan_outside_goals(
        self, out, longest, levels, hours_per_week, limit, goal_ptr, goal_skill, restricted, meets, no_alternative
    ):
        """``out`` with the plans of profiles that take a detour to a goal outside their role made again on the
        widened copy (:mod:`recommender.goal_ways`): only plan columns change, fits and the role planned for stay.
        ``meets``: the levels that may meet a prerequisite another way (``levels`` less the ``restricted`` ones), some
        prerequisites only outside ``no_alternative``."""
        ways = self.goal_ways
        owner = np.repeat(np.arange(len(levels)), np.diff(goal_ptr))  # the profile of each goal
        detour = ways.detours(levels, out.target, owner, goal_skill, meets, no_alternative)
        if not detour.any():
            return out, longest
        replanned = np.zeros(len(levels), dtype=bool)
        replanned[owner[detour]] = True
        rows = np.flatnonzero(replanned)
        targets = out.target[rows]
        # The goals the widened plans take first: those of the role, and those with a detour.
        taken = replanned[owner] & (detour | ways.holds(out.target[owner], goal_skill))
        aimed = np.zeros((len(rows), levels.shape[1]), dtype=bool)
        aimed[np.searchsorted(rows, owner[taken]), goal_skill[taken]] = True
        kept = None if restricted is None else restricted[rows]
        unmet = None if no_alternative is None else no_alternative[rows]
        plans = ways.scorer.score(levels[rows], targets, hours_per_week[rows], limit, aimed, kept, unmet).plans
        k = plans.skill.shape[1]
        if k > out.skill.shape[1]:
            out = widen_steps(out, k)
        for name in STEP_FIELDS:
            column = getattr(out, name)
            column[rows, :k] = getattr(plans, name)
            column[rows, k:] = PADDING[name]
        for name in ("in_plan", "n_steps", "total_hours", "weeks"):
            getattr(out, name)[rows] = getattr(plans, name)
        return out, max(longest, int(plans.n_steps.max()))

    def _groups(self, levels: np.ndarray, unmet: np.ndarray | None = None) -> list[tuple[kernels.Tables, np.ndarray]]:
        """The tables to score each group of rows with: profiles that meet a prerequisite another way
        (``recommender.alternatives``) are planned with their variant's, in place; all rows are one group for a
        catalog without alternatives, a single profile, or a cohort whose rows all meet the same."""
        everyone = np.arange(len(levels), dtype=np.int64)
        if self.variants is None:
            return [(self.tables, everyone)]
        return [(tables, everyone if rows is None else rows) for tables, rows in self.variants.groups(levels, unmet)]


def goal_rows(goals: np.ndarray | None, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Each profile's goal skills as compressed rows (``ptr``, ``skill``), the form the scoring loop reads."""
    if goals is None:
        return np.zeros(shape[0] + 1, dtype=np.int64), np.zeros(0, dtype=np.int64)
    goals = np.asarray(goals, dtype=bool)
    if goals.shape != shape:
        raise ValueError(f"goals must have shape {shape}, not {goals.shape}")
    rows, skill = np.nonzero(goals)
    ptr = np.zeros(shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=shape[0]), out=ptr[1:])
    return ptr, skill.astype(np.int64)


def block_count(n: int, threads: int) -> int:
    """How many equal row blocks to score ``n`` rows in: at most ``BLOCK_ROWS`` each, a multiple of the threads,
    never under ``MIN_BLOCK_ROWS`` rows (one block, on the calling thread, for a single request).

    Equal blocks, as many for each thread, keep every core busy to the end: 10,000 rows are two blocks of 5,000,
    not 8,192 and 1,808, and 100,000 on two threads 14 blocks of 7,143, not 13 of 7,693 (one core would score the
    last alone: 7 blocks against 6, an eighth longer).
    """
    if threads <= 1:
        return 1
    blocks = -(-max(-(-n // BLOCK_ROWS), threads) // threads) * threads
    return max(1, min(blocks, n // MIN_BLOCK_ROWS))


STEP_FIELDS = (
    "skill", "from_level", "to_level", "hours", "score", "fit_after", "start_week", "end_week", "toward_goal",
)  # fmt: skip


# What a step column holds past a plan's end once scores are logistic (kernels.score_rows pads so).
PADDING = {
    "skill": -1, "from_level": 0, "to_level": 0, "hours": 0.0, "score": 0.0, "fit_after": 0.0, "start_week": 0,
    "end_week": 0, "toward_goal": False,
}  # fmt: skip


def widen_steps(out: kernels.Outputs, width: int) -> kernels.Outputs:
    """``out`` with step columns ``width`` wide, the new ones padded."""
    extra = width - out.skill.shape[1]
    return out._replace(
        **{
            name: np.concatenate(
                [getattr(out, name), np.full((len(out.skill), extra), PADDING[name], getattr(out, name).dtype)],
                axis=1,
            )
            for name in STEP_FIELDS
        }
    )


def step_scores(raw: np.ndarray) -> np.ndarray:
    """The score a step shows: the logistic of its raw model score, rounded to 3 decimals, in place.

    numpy computes it over a whole block at once; the loop pads past a plan's end with
    -inf, whose logistic is exactly 0.0, so no mask is needed (a request saves a
    microsecond).
    """
    np.negative(raw, out=raw)
    np.exp(raw, out=raw)
    raw += 1.0
    np.divide(1.0, raw, out=raw)
    np.round(raw, 3, out=raw)
    return raw


class Engine(Scorer):
    """Scores profiles against a catalog with a fitted ranking model.

    Build it once per process (:meth:`load`) and share it: it holds the catalog's
    arrays, the matcher and the model, and keeps no per-request state.
    """

    def __init__(self, catalog: Catalog, model: RankingModel, threads: int | None = None):
        self.catalog = catalog
        self.model = model
        self.parser = ProfileParser(catalog)
        self.renderer = Renderer(catalog, model)
        self.practice_first = practice_first(catalog)
        self.deepened = deepened_skills(catalog)
        self.past_ground = past_ground(catalog)
        super().__init__(CatalogArrays.from_catalog(catalog), model.coef, threads)
        self.goal_ways = GoalWays(catalog, self.arrays, self._widened_scorer)

    def _widened_scorer(self, arrays: CatalogArrays, own: np.ndarray) -> Scorer:
        """A scorer over a widened copy (goal_ways): the same skills, in the same order, so the same practice and
        deepened skills."""
        scorer = Scorer(arrays, self.coef, self.threads, own_target=own)
        scorer.practice_first = self.practice_first
        scorer.deepened = self.deepened
        scorer.past_ground = self.past_ground
        return scorer

    @classmethod
    def load(cls, catalog_dir: str | os.PathLike | None = None, model_path: str | os.PathLike | None = None):
        return cls(load_catalog(catalog_dir), load_model(model_path))

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
        goals, restricted, unmet = batch.goals, batch.restricted, batch.no_alternative
        if len(rows) == len(parsed):  # all valid, as a single request nearly always is: no copies
            levels, targets, hours_per_week = batch.levels, batch.targets, batch.hours_per_week
        else:
            levels, targets, hours_per_week = batch.levels[rows], batch.targets[rows], batch.hours_per_week[rows]
            goals = None if goals is None else goals[rows]
            restricted = None if restricted is None else restricted[rows]
            unmet = None if unmet is None else unmet[rows]
        scores = self.score(levels, targets, hours_per_week, cap, goals, restricted, unmet)
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
