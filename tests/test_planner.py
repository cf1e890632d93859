"""Plans in stages: order, measure, schedule (the scoring loop in recommender/kernels.py, through ``score``)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from engine_strategies import (
    ARRAYS,
    CATALOG,
    N_ROLES,
    N_SKILLS,
    SCORER,
    batches,
    expected_fit,
    fixed_roles,
    level_rows,
    step_hours,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import skills
from recommender import kernels
from recommender.arrays import CatalogArrays
from recommender.engine import Scorer
from recommender.features import FEATURES, UNLOCKS, USED_THROUGH, cell_features, practised_level, unlocks_scale
from recommender.goal_ways import past_ground
from recommender.modelio import load_model

PROPERTY = settings(max_examples=80, deadline=None)
SKILLS = CATALOG.skill_ids
SCORER_COEF = load_model().coef  # the shipped model's weights, as SCORER has them
# SCORER with the skills past the ground marked, as the engine marks them (goal_ways.past_ground).
PAST_GROUND = past_ground(CATALOG)
DEEP_SCORER = Scorer(ARRAYS, SCORER_COEF, threads=1)
DEEP_SCORER.past_ground = PAST_GROUND
STEP_FIELDS = ("skill", "from_level", "to_level", "hours", "score", "fit_after", "start_week", "end_week")


def stages_of(scores, p: int) -> list[tuple[int, int, int]]:
    """Profile ``p``'s returned steps as (skill, from level, to level), in order."""
    plans = scores.plans
    n = int(min(plans.n_steps[p], plans.skill.shape[1]))
    assert (plans.skill[p, :n] >= 0).all() and (plans.skill[p, n:] == -1).all()
    return list(
        zip(plans.skill[p, :n].tolist(), plans.from_level[p, :n].tolist(), plans.to_level[p, :n].tolist(), strict=True)
    )


# ---------------------------------------------------------------------------
# Whole plans, through the engine
# ---------------------------------------------------------------------------


@PROPERTY
@given(batches())
def test_whole_plans_are_complete_ordered_measured_and_scheduled(batch):
    levels, targets, hours_per_week = batch
    scores = SCORER.score(levels, targets, hours_per_week, limit=None)
    plans = scores.plans
    for p in range(len(levels)):
        t = int(scores.target[p])
        assert t == (targets[p] if targets[p] >= 0 else scores.role_order[p, 0])
        goal = ARRAYS.targets[t]
        stages = stages_of(scores, p)
        assert plans.n_steps[p] == len(stages)
        assert SHIPPED.breaks(stages, levels[p], goal) == []
        # Each skill below target climbs from its level to the role's in contiguous, increasing stages.
        by_skill: dict[int, list[tuple[int, int]]] = {}
        for s, lo, hi in stages:
            by_skill.setdefault(s, []).append((lo, hi))
        assert sorted(by_skill) == np.flatnonzero(levels[p] < goal).tolist()
        for s, climbs in by_skill.items():
            assert climbs[0][0] == levels[p, s] and climbs[-1][1] == goal[s]
            assert all(lo < hi for lo, hi in climbs)
            assert all(a[1] == b[0] for a, b in zip(climbs, climbs[1:], strict=False))
        # Hours: each stage's from the catalog, and a skill's stages add up to its whole step.
        k = len(stages)
        # (at the profile's share of them: a developer fluent in another language learns Python faster).
        row = levels[p]
        assert plans.hours[p, :k] == pytest.approx([step_hours(CATALOG.skills[s], lo, hi, row) for s, lo, hi in stages])
        for s in by_skill:
            mine = sum(h for (q, _, _), h in zip(stages, plans.hours[p, :k], strict=True) if q == s)
            assert mine == pytest.approx(step_hours(CATALOG.skills[s], levels[p, s], goal[s], row))
        assert plans.total_hours[p] == pytest.approx(plans.hours[p, :k].sum())
        assert ((plans.score[p, :k] >= 0) & (plans.score[p, :k] <= 1)).all()
        check_fit_after(scores, levels[p], p, t, stages)
        check_weeks(plans, p, k, float(hours_per_week[p]))


def check_fit_after(scores, levels, p, t, stages):
    fit_after = scores.plans.fit_after[p, : len(stages)]
    if not stages:
        return
    assert fit_after[0] >= scores.fit[p, t]
    assert (np.diff(fit_after) >= 0).all(), fit_after
    assert fit_after[-1] == 1.0
    # fit_after is the fit of the profile with this stage and all before it done.
    done = {sid: int(v) for sid, v in zip(SKILLS, levels, strict=True)}
    role = CATALOG.roles[t]
    for (s, _, hi), fit in zip(stages, fit_after, strict=True):
        done[SKILLS[s]] = hi
        assert fit == pytest.approx(expected_fit(role, done), abs=2e-4)


def check_weeks(plans, p, k, hpw):
    weeks = int(plans.weeks[p])
    if k == 0:
        assert weeks == 0 and plans.total_hours[p] == 0
        return
    start, end = plans.start_week[p, :k], plans.end_week[p, :k]
    done = np.cumsum(plans.hours[p, :k])
    before = done - plans.hours[p, :k]
    eps = 1e-6
    assert start[0] == 1
    assert (start <= end).all()
    assert (np.diff(start) >= 0).all() and (np.diff(end) >= 0).all()
    # A step starts in the week its first hour falls in and ends in the week its last hour falls in.
    assert ((start - 1) * hpw <= before + eps).all() and (before < start * hpw + eps).all()
    assert ((end - 1) * hpw < done + eps).all() and (done <= end * hpw + eps).all()
    assert end[-1] == weeks
    assert (weeks - 1) * hpw < plans.total_hours[p] + eps <= weeks * hpw + 2 * eps
    assert (plans.start_week[p, k:] == 0).all() and (plans.end_week[p, k:] == 0).all()


@PROPERTY
@given(batches(), st.integers(0, 50))
def test_a_limited_plan_is_the_start_of_the_whole_plan(batch, limit):
    levels, targets, hpw = batch
    whole = SCORER.score(levels, targets, hpw, limit=None).plans
    cut = SCORER.score(levels, targets, hpw, limit=limit).plans
    assert cut.skill.shape[1] <= limit
    k = cut.skill.shape[1]
    for name in STEP_FIELDS:
        np.testing.assert_array_equal(getattr(cut, name), getattr(whole, name)[:, :k], err_msg=name)
    for name in ("n_steps", "total_hours", "weeks"):
        np.testing.assert_array_equal(getattr(cut, name), getattr(whole, name), err_msg=name)


@PROPERTY
@given(level_rows(), fixed_roles, st.integers(0, N_SKILLS - 1), st.integers(1, 5), st.integers(1, 80))
def test_raising_one_level_never_adds_hours_nor_lowers_the_fit(row, role, skill, by, hpw):
    higher = row.copy()
    higher[skill] = min(5, int(higher[skill]) + by)
    scores = SCORER.score(np.array([row, higher]), np.array([role, role]), np.array([hpw, hpw], float))
    plans = scores.plans
    assert plans.total_hours[1] <= plans.total_hours[0]
    assert plans.weeks[1] <= plans.weeks[0]
    # Not the step count: a raised level can change the order and part two stages taken back to back.
    assert scores.fit[1, role] >= scores.fit[0, role]


@PROPERTY
@given(st.lists(st.integers(0, 5), min_size=N_SKILLS, max_size=N_SKILLS), st.integers(-1, N_ROLES - 1))
def test_a_profile_at_or_above_every_target_has_nothing_to_learn(extra, target):
    levels = np.minimum(ARRAYS.targets.max(axis=0) + np.array(extra), 5)[None, :]
    scores = SCORER.score(levels, np.array([target]), limit=None)
    assert scores.fit.tolist() == [[1.0] * N_ROLES]
    assert scores.missing.tolist() == [[0] * N_ROLES]
    assert scores.plans.n_steps.tolist() == [0]
    assert scores.plans.total_hours.tolist() == [0.0]
    assert scores.plans.weeks.tolist() == [0]
    assert scores.plans.skill.shape == (1, 0)


@PROPERTY
@given(batches(max_size=6))
def test_each_row_of_a_batch_is_what_it_gets_alone(batch):
    levels, targets, hpw = batch
    together = SCORER.score(levels, targets, hpw, limit=10)
    for p in range(len(levels)):
        alone = SCORER.score(levels[p : p + 1], targets[p : p + 1], hpw[p : p + 1], limit=10)
        for name in ("fit", "missing", "role_order", "target"):
            np.testing.assert_array_equal(getattr(alone, name)[0], getattr(together, name)[p], err_msg=name)
        k = alone.plans.skill.shape[1]
        for name in STEP_FIELDS:
            got, want = getattr(together.plans, name)[p], getattr(alone.plans, name)[0]
            np.testing.assert_array_equal(got[:k], want, err_msg=name)
            assert (together.plans.skill[p, k:] == -1).all()
        for name in ("n_steps", "total_hours", "weeks"):
            assert getattr(together.plans, name)[p] == getattr(alone.plans, name)[0], name


@PROPERTY
@given(batches(max_size=6))
def test_scoring_is_deterministic(batch):
    first = SCORER.score(*batch, limit=None)
    again = SCORER.score(*batch, limit=None)
    for name in ("fit", "missing", "role_order", "target"):
        np.testing.assert_array_equal(getattr(first, name), getattr(again, name))
    for name in vars(first.plans):
        np.testing.assert_array_equal(getattr(first.plans, name), getattr(again.plans, name))


def test_empty_batch():
    scores = SCORER.score(np.zeros((0, N_SKILLS), dtype=np.int8), np.zeros(0, dtype=int), np.zeros(0), limit=10)
    assert scores.fit.shape == (0, N_ROLES)
    assert scores.plans.skill.shape[0] == 0


def test_defaults_are_best_role_and_ten_hours_a_week():
    levels = np.zeros((1, N_SKILLS), dtype=np.int8)
    scores = SCORER.score(levels)
    assert scores.target[0] == scores.role_order[0, 0]
    assert scores.plans.weeks[0] == np.ceil(scores.plans.total_hours[0] / 10)


# ---------------------------------------------------------------------------
# Stages and their order, against a plain reference written from the catalog objects
# ---------------------------------------------------------------------------


class Plain:
    """A plain-Python planner over one catalog, written from the catalog objects (the stage scores' cells
    from ``cell_features``, the model being linear)."""

    def __init__(self, catalog: skills.Catalog, arrays: CatalogArrays):
        self.catalog, self.arrays = catalog, arrays
        self.ids = catalog.skill_ids
        self.index = {sid: i for i, sid in enumerate(self.ids)}

    def met(self, skill: skills.Skill, pid: str, levels: np.ndarray) -> bool:
        """Whether the profile holds a skill that meets ``skill``'s prerequisite ``pid`` instead (``or``)."""
        return any(levels[self.index[a]] >= n for a, n in skill.prerequisite_alternatives.get(pid, ()))

    def needs(self, s: int, goal: np.ndarray, levels: np.ndarray, start: int | None = None) -> dict[int, int]:
        """Skill ``s``'s prerequisites and the level of each it waits for, for its stage starting at ``start``
        (``None``: its first stage).

        The level the catalog names, or the whole of the prerequisite's plan (the role's
        level) for a bare id; never more than the role's level. A prerequisite the profile
        meets another way (``or``) is not waited for, nor one needed past a level of the
        skill (``beyond``) by a stage starting below it.
        """
        skill = self.catalog.skills[s]
        start = int(levels[s]) if start is None else start
        out = {}
        for pid in skill.prerequisites:
            if self.met(skill, pid, levels) or start < skill.prerequisites_beyond.get(pid, 0):
                continue
            q = self.index[pid]
            level = skill.prerequisite_levels.get(pid, int(goal[q]))
            out[q] = max(out.get(q, 0), min(level, int(goal[q])))
        return out

    def waits_for(self, x: int, levels: np.ndarray) -> dict[int, int]:
        """Every prerequisite of skill ``x``, direct or not, and the level ``x`` waits for (``n_levels``: all of it).

        A prerequisite gates a skill's first stage, so ``x`` waits for what each of its
        prerequisites waits for: the highest level named on the way. One needed past a level
        of a skill (``beyond``) gates a later stage, and is not counted.
        """
        out: dict[int, int] = {}
        skill = self.catalog.skills[x]
        for pid in skill.prerequisites:
            if self.met(skill, pid, levels) or pid in skill.prerequisites_beyond:
                continue
            q = self.index[pid]
            for a, level in [
                (q, skill.prerequisite_levels.get(pid, self.catalog.n_levels)),
                *self.waits_for(q, levels).items(),
            ]:
                out[a] = max(out.get(a, 0), level)
        return out

    def breaks(self, stages, levels: np.ndarray, goal: np.ndarray) -> list[tuple[str, str, int]]:
        """(skill, prerequisite, level) where a stage starts before a prerequisite reached the level it needs."""
        reached = levels.astype(int).copy()
        out = []
        for s, lo, hi in stages:
            needs = self.needs(s, goal, levels, lo)
            out += [(self.ids[s], self.ids[q], n) for q, n in needs.items() if reached[q] < n]
            reached[s] = hi
        return out

    def plan(self, levels: np.ndarray, t: int, coef: np.ndarray) -> list[tuple[int, int, int, float]]:
        """The whole plan in steps, as plainly as it can be written: (skill, from, to, raw score) in order.

        A skill's step splits into stages at each level a dependent in the plan waits for;
        a stage unlocks the plan's skills waiting (directly or not) for the level it
        reaches. The ready stage with the best raw score goes next, the earlier stage
        (skill, then level order) on ties. A skill's stages taken one right after the
        other are one step, scored as that whole climb with what its stages unlock.
        """
        arrays, n_skills = self.arrays, len(self.ids)
        goal = arrays.targets[t].astype(int)
        plan = [s for s in range(n_skills) if levels[s] < goal[s]]
        waits = {x: self.waits_for(x, levels) for x in plan}
        cuts = {s: {goal[s]} for s in plan}
        for d in plan:
            skill = self.catalog.skills[d]
            for pid, beyond in skill.prerequisites_beyond.items():  # the climb past it waits: a stage of its own,
                q = self.index[pid]  # where the person is below the level needed (else nothing waits there)
                need = min(skill.prerequisite_levels.get(pid, int(goal[q])), int(goal[q]))
                if levels[d] < beyond < goal[d] and not self.met(skill, pid, levels) and levels[q] < need:
                    cuts[d].add(beyond)
            # What any of its stages needs splits the prerequisite's step.
            for q, n in self.needs(d, goal, levels, start=max(int(levels[d]), int(goal[d]) - 1)).items():
                if q in cuts and levels[q] < n:
                    cuts[q].add(n)
        stages = []
        for s in plan:
            bounds = [int(levels[s]), *sorted(cuts[s])]
            stages += [(s, lo, hi) for lo, hi in zip(bounds, bounds[1:], strict=False)]
        first, later = (cell_features(arrays, first_stage).astype(np.float64) @ coef for first_stage in (True, False))

        def cell(s, lo, hi):  # a part of a skill the person had not started is not "started"
            return (first if lo == levels[s] else later)[arrays.slot_of[t, s], lo, hi]

        unlock_terms = (float(coef[UNLOCKS]) * unlocks_scale(n_skills)).astype(np.float64)
        # Used through a skill built on it: a direct dependent of the role, held at work and above it; or through
        # a skill of the role standing in for it where the profile meets an edge to it that way (Go for Python).
        practised = practised_level(self.catalog.max_level)
        in_role = {s for s in range(n_skills) if arrays.slot_of[t, s] >= 0}
        stand_ins = {
            (self.index[a], self.index[pid], n)
            for d in self.catalog.skills
            for pid, alternatives in d.prerequisite_alternatives.items()
            if self.met(d, pid, levels)
            for a, n in alternatives
        }
        used_through = {
            s: any(
                self.index[pid] == s and d in in_role and levels[d] >= practised and levels[d] > levels[s]
                for d in in_role
                for pid in self.catalog.skills[d].prerequisites
            )
            or any(
                q == s and a in in_role and levels[a] >= max(practised, n) and levels[a] > levels[s]
                for a, q, n in stand_ins
            )
            for s in plan
        }
        through_term = float(coef[USED_THROUGH])
        unlocks = {
            (s, lo, hi): sum(s in cuts and lo < min(waits[x][s], goal[s]) <= hi for x in plan if s in waits[x])
            for s, lo, hi in stages
        }
        raw = {st: cell(*st) + unlock_terms[unlocks[st]] + through_term * used_through[st[0]] for st in stages}
        reached = levels.astype(int).copy()
        left, order = list(stages), []
        while left:
            ready = [
                st
                for st in left
                if reached[st[0]] == st[1]
                and all(reached[q] >= n for q, n in self.needs(st[0], goal, levels, st[1]).items())
            ]
            best = max(ready, key=lambda st: (raw[st], -stages.index(st)))
            order.append(best)
            left.remove(best)
            reached[best[0]] = best[2]
        steps: list[list] = []  # [skill, from, to, unlocks, number of the last stage]
        for stage in order:
            number = stages.index(stage)
            if steps and steps[-1][4] == number - 1 and steps[-1][0] == stage[0]:
                steps[-1][2:] = [stage[2], steps[-1][3] + unlocks[stage], number]
            else:
                steps.append([*stage, unlocks[stage], number])
        return [
            (s, lo, hi, cell(s, lo, hi) + unlock_terms[u] + through_term * used_through[s]) for s, lo, hi, u, _ in steps
        ]


SHIPPED = Plain(CATALOG, ARRAYS)


# A few values make ties common; any float makes them rare.
weights = st.lists(
    st.one_of(st.sampled_from([-2.0, -0.5, 0.0, 1.0, 3.0]), st.floats(-10, 10)),
    min_size=len(FEATURES),
    max_size=len(FEATURES),
).map(np.array)


@settings(max_examples=40, deadline=None)
@given(batches(max_size=4), weights)
def test_plans_are_the_plain_reference_for_any_weights(batch, coef):
    levels, targets, hours_per_week = batch
    scores = Scorer(ARRAYS, coef, threads=1).score(levels, targets, hours_per_week)
    for p in range(len(levels)):
        want = SHIPPED.plan(levels[p], int(scores.target[p]), coef)
        assert stages_of(scores, p) == [st[:3] for st in want]
        k = len(want)
        expected = np.round(1.0 / (1.0 + np.exp(-np.array([st[3] for st in want], dtype=np.float64))), 3)
        np.testing.assert_array_equal(scores.plans.score[p, :k], expected)


def _staged_everywhere(catalog: skills.Catalog) -> skills.Catalog:
    """The catalog with every other prerequisite needed only past level 1, 2 or 3 of its skill (``beyond``), those
    that allow it: no alternatives (``or``), not ``in_use``."""
    n = 0
    staged = []
    for skill in catalog.skills:
        beyond = {}
        for pid in skill.prerequisites:
            if pid not in skill.prerequisite_alternatives and pid not in skill.prerequisites_in_use:
                n += 1
                if n % 2:
                    beyond[pid] = 1 + n % 3
        staged.append(dataclasses.replace(skill, prerequisites_beyond=beyond))
    return dataclasses.replace(catalog, skills=tuple(staged))


STAGED_CATALOG = _staged_everywhere(CATALOG)
STAGED_ARRAYS = CatalogArrays.from_catalog(STAGED_CATALOG)
STAGED = Plain(STAGED_CATALOG, STAGED_ARRAYS)


@settings(max_examples=40, deadline=None)
@given(batches(max_size=4), weights)
def test_prerequisites_needed_past_a_level_plan_as_the_plain_reference(batch, coef):
    """Stages past a level wait for what is needed there, and only they: the scoring loop against the plain
    planner on a catalog where half the prerequisites are needed past level 1, 2 or 3."""
    levels, targets, hours_per_week = batch
    scores = Scorer(STAGED_ARRAYS, coef, threads=1).score(levels, targets, hours_per_week, limit=None)
    for p in range(len(levels)):
        t = int(scores.target[p])
        want = STAGED.plan(levels[p], t, coef)
        got = stages_of(scores, p)
        assert got == [st[:3] for st in want]
        assert STAGED.breaks(got, levels[p], STAGED_ARRAYS.targets[t]) == []


def test_a_prerequisite_level_splits_the_prerequisites_step():
    """A skill that needs a prerequisite at level L waits for the stage that reaches L, not for all of it."""
    for t in range(N_ROLES):
        goal = ARRAYS.targets[t]
        for d, skill in enumerate(CATALOG.skills):
            for pid, level in skill.prerequisite_levels.items():
                q = SHIPPED.index[pid]
                if goal[d] > 0 and 0 < level < goal[q]:
                    levels = np.zeros((1, N_SKILLS), dtype=np.int8)
                    plan = SCORER.score(levels, np.array([t]))
                    assert plan.plans.n_steps[0] > 0
                    stages = stages_of(plan, 0)
                    first_of_d = next(i for i, st in enumerate(stages) if st[0] == d)
                    reached = next(i for i, (s, lo, hi) in enumerate(stages) if s == q and lo < level <= hi)
                    assert reached < first_of_d
                    return
    pytest.skip("no prerequisite in the catalog names a level below a role's")


def test_a_catalog_without_prerequisite_levels_plans_whole_steps():
    bare = dataclasses.replace(
        CATALOG,
        skills=tuple(dataclasses.replace(s, prerequisite_levels={}, prerequisites_beyond={}) for s in CATALOG.skills),
    )
    arrays = type(ARRAYS).from_catalog(bare)
    assert arrays.max_stages == np.diff(arrays.role_ptr).max()  # one stage per skill of the largest role
    levels = np.zeros((N_ROLES, N_SKILLS), dtype=np.int8)
    scores = Scorer(arrays, SCORER_COEF, threads=1).score(levels, np.arange(N_ROLES))
    for p in range(N_ROLES):
        stages = stages_of(scores, p)
        assert [lo for _, lo, _ in stages] == [0] * len(stages)
        assert [hi for s, _, hi in stages] == [int(arrays.targets[p, s]) for s, _, _ in stages]


@pytest.mark.parametrize("n", [*range(0, 300), 1000, 1024, 4099, 20_000])
def test_pairwise_sum_adds_as_numpy_does(n):
    values = np.random.default_rng(n).random(n + 3) * 10.0 ** np.random.default_rng(n).integers(-3, 4, n + 3)
    for lo in (0, 3):
        assert kernels.pairwise_sum(values, lo, lo + n) == values[lo : lo + n].sum()
    zeros = np.full(n, -0.0)
    assert np.signbit(kernels.pairwise_sum(zeros, 0, n)) == np.signbit(zeros.sum())


def dense_per_level(arrays, per_slot: np.ndarray) -> np.ndarray:
    """A per-slot level table as the dense (role, skill, level) array numpy sums over."""
    out = np.zeros((arrays.n_roles, arrays.n_skills, arrays.n_levels))
    role = np.repeat(np.arange(arrays.n_roles), np.diff(arrays.role_ptr))
    out[role, arrays.role_skill] = per_slot.reshape(-1, arrays.n_levels)
    return out


def numpy_fits(arrays, levels, targets, goals=None, past_ground=None):
    """Fit, missing, role order and target as numpy computes them: the loop must agree bit for bit. Roles holding
    more of the ``goals`` (P x S, bool) come first among those within ``GOAL_ROLE_SHARE`` of the best fit, and of
    those holding as many, the roles taking more goals of ``past_ground`` (S, bool) to working level (3) and above
    the person's level."""
    a = arrays
    reached = dense_per_level(a, a.slot_reached)  # (R, S, 6), 0 outside each role
    fit = np.empty((len(levels), a.n_roles))
    missing = np.empty((len(levels), a.n_roles), dtype=np.int64)
    for r in range(a.n_roles):
        fit[:, r] = reached[r, np.arange(a.n_skills), levels].sum(axis=1)
        missing[:, r] = np.count_nonzero(levels < a.targets[r], axis=1)
    fit = np.round(fit, 4)
    goals = np.zeros(levels.shape, dtype=bool) if goals is None else goals
    cover = goals.astype(np.int64) @ (a.targets > 0).T  # (P, R) goals each role's map holds
    past_ground = np.zeros(levels.shape[1], dtype=bool) if past_ground is None else past_ground
    working = a.targets[None, :, :] >= np.maximum(3, levels[:, None, :] + 1)  # (P, R, S) taken to working level
    deep = np.einsum("ps,prs->pr", (goals & past_ground).astype(np.int64), working.astype(np.int64))
    cover = cover * kernels.GOAL_HELD + deep
    cover[fit < kernels.GOAL_ROLE_SHARE * fit.max(axis=1, keepdims=True)] = 0
    # how much each role's map weighs the goals (its share of the fit at the role's level): parts exact ties
    weigh = goals.astype(float) @ (a.weights / a.weights.sum(axis=1, keepdims=True)).T
    keys = (np.broadcast_to(a.role_rank, fit.shape), -weigh, -fit, -cover)
    role_order = np.lexsort(keys, axis=-1)
    # roles.yaml hand_over: with no goal named, the first role hands first place on (a classic data scientist)
    first, rows = role_order[:, 0], np.arange(len(levels))
    to = a.hand_to[first]
    handed = (
        ~goals.any(axis=1)
        & (to >= 0)
        & (levels[rows, a.hand_holding[first]] >= a.hand_at[first])
        & (levels[rows, a.hand_lacking[first]] < a.hand_below[first])
    )
    for p in np.flatnonzero(handed):
        role_order[p] = [to[p], *(r for r in role_order[p] if r != to[p])]
    return fit, missing, role_order, np.where(targets >= 0, targets, role_order[:, 0])


@PROPERTY
@given(batches())
def test_fits_are_bit_for_bit_those_of_numpy(batch):
    levels, targets, hours_per_week = batch
    scores = SCORER.score(levels, targets, hours_per_week, limit=0)
    for name, want in zip(("fit", "missing", "role_order", "target"), numpy_fits(ARRAYS, levels, targets), strict=True):
        np.testing.assert_array_equal(getattr(scores, name), want, err_msg=name, strict=True)


@PROPERTY
@given(batches(), st.data())
def test_goals_choose_among_the_roles_that_fit_nearly_as_well(batch, data):
    """Roles holding more of the goals named come first among those within GOAL_ROLE_SHARE of the best fit; fits,
    gaps and a role asked for never change."""
    levels, targets, hours_per_week = batch
    goals = np.zeros(levels.shape, dtype=bool)
    cells = st.tuples(st.integers(0, len(levels) - 1), st.integers(0, levels.shape[1] - 1))
    for p, s in data.draw(st.lists(cells, max_size=3 * len(levels))):
        goals[p, s] = True
    plain = SCORER.score(levels, targets, hours_per_week, limit=0)
    aimed = SCORER.score(levels, targets, hours_per_week, limit=0, goals=goals)
    for name, want in zip(
        ("fit", "missing", "role_order", "target"), numpy_fits(ARRAYS, levels, targets, goals), strict=True
    ):
        np.testing.assert_array_equal(getattr(aimed, name), want, err_msg=name, strict=True)
    np.testing.assert_array_equal(aimed.fit, plain.fit)
    asked = targets >= 0
    np.testing.assert_array_equal(aimed.target[asked], plain.target[asked])


@PROPERTY
@given(batches(), st.data())
def test_of_roles_holding_as_many_goals_the_one_taking_more_to_working_level_comes_first(batch, data):
    """With the skills past the ground marked (as the engine marks them), roles holding as many of the goals and
    fitting nearly as well come by how many of those goals they take to working level; fits never change."""
    levels, targets, hours_per_week = batch
    goals = np.zeros(levels.shape, dtype=bool)
    cells = st.tuples(st.integers(0, len(levels) - 1), st.integers(0, levels.shape[1] - 1))
    for p, s in data.draw(st.lists(cells, max_size=3 * len(levels))):
        goals[p, s] = True
    aimed = DEEP_SCORER.score(levels, targets, hours_per_week, limit=0, goals=goals)
    want = numpy_fits(ARRAYS, levels, targets, goals, PAST_GROUND)
    for name, w in zip(("fit", "missing", "role_order", "target"), want, strict=True):
        np.testing.assert_array_equal(getattr(aimed, name), w, err_msg=name, strict=True)


def one_profile_with_goal(held: dict[str, int], goal: str) -> tuple[np.ndarray, np.ndarray]:
    """The levels and goals arrays of one profile holding ``held`` (skill id -> level) and naming ``goal``."""
    levels = np.zeros((1, len(CATALOG.skill_ids)), dtype=np.int8)
    for sid, level in held.items():
        levels[0, CATALOG.skill_ids.index(sid)] = level
    goals = np.zeros(levels.shape, dtype=bool)
    goals[0, CATALOG.skill_ids.index(goal)] = True
    return levels, goals


def test_a_platform_engineer_who_wants_to_serve_models_is_planned_as_an_ai_engineer():
    """Model deployment is in both maps, the app developer's at 2, the AI Engineer's at 4: someone running
    Kubernetes who wants to serve LLMs on it is planned as the AI Engineer, who takes serving to working level,
    though the app developer fits a little better; without the goal, the app developer."""
    runs_clusters = {"containers": 5, "linux-shell": 5, "cloud-platforms": 4, "ci-cd": 4, "git": 3, "python": 3}
    levels, goals = one_profile_with_goal(runs_clusters, "deployment")
    roles = list(CATALOG.role_ids)
    plain = DEEP_SCORER.score(levels, limit=0)
    aimed = DEEP_SCORER.score(levels, limit=0, goals=goals)
    assert roles[plain.role_order[0, 0]] == "software-developer"
    assert roles[aimed.role_order[0, 0]] == "ai-engineer" == roles[aimed.target[0]]
    assert aimed.fit[0, roles.index("ai-engineer")] < aimed.fit[0, roles.index("software-developer")]
    assert aimed.has_best_fit[0]


def test_an_ml_engineer_who_wants_to_fine_tune_is_planned_as_an_ai_engineer():
    """Fine-tuning is not in the app developer's map: with it as a goal, the AI Engineer, who fits nearly as well,
    is the best fit and the role planned for; without it, the app developer, who fits a little better."""
    ships_services = {"python": 4, "sql-and-data": 4, "git": 3, "web-apis": 3, "containers": 3, "cloud-platforms": 3}
    levels, goals = one_profile_with_goal({**ships_services, "ml-fundamentals": 3}, "supervised-fine-tuning")
    roles = list(CATALOG.role_ids)
    plain = SCORER.score(levels, limit=0)
    aimed = SCORER.score(levels, limit=0, goals=goals)
    assert roles[plain.role_order[0, 0]] == "software-developer"
    assert roles[aimed.role_order[0, 0]] == "ai-engineer" == roles[aimed.target[0]]
    assert aimed.fit[0, roles.index("ai-engineer")] < aimed.fit[0, roles.index("software-developer")]
    assert aimed.has_best_fit[0]


def test_with_nothing_read_the_role_whose_map_weighs_the_goals_most_is_the_best_fit():
    """Nothing rated fits every role at 0; a goal named (multimodal APIs: 0.4 in the app developer's map, 0.1 in
    the AI Engineer's, absent from the ML Research Engineer's) makes the role that weighs it most the best fit.
    Without goals no role stands out."""
    levels = np.zeros((2, len(CATALOG.skill_ids)), dtype=np.int8)
    goals = np.zeros(levels.shape, dtype=bool)
    goals[0, CATALOG.skill_ids.index("multimodal-apis")] = True
    roles = list(CATALOG.role_ids)
    aimed = SCORER.score(levels, limit=0, goals=goals)
    assert roles[aimed.role_order[0, 0]] == "software-developer" == roles[aimed.target[0]]
    assert roles[aimed.role_order[0, 1]] == "ai-engineer"
    assert aimed.has_best_fit.tolist() == [True, False]
    assert not SCORER.score(levels, limit=0).has_best_fit.any()


@settings(max_examples=30, deadline=None)
@given(batches(), st.one_of(st.none(), st.integers(0, 50)))
def test_fractional_hours_add_up_as_numpy_adds_them(batch, limit):
    # The shipped catalog's hours are whole, so any order of adding them agrees; these are not.
    odd = dataclasses.replace(ARRAYS, cum_hours=ARRAYS.cum_hours * 1.0137, slot_hours=ARRAYS.slot_hours * 1.0137)
    levels, targets, hours_per_week = batch
    scores = Scorer(odd, SCORER_COEF, threads=1).score(levels, targets, hours_per_week, limit=limit)
    plans = scores.plans
    shares = odd.hour_shares(levels)  # a developer fluent in another language learns Python faster
    hours = dense_per_level(odd, odd.slot_hours)[scores.target[:, None], np.arange(N_SKILLS), levels] * shares
    total = hours.sum(axis=1, where=plans.in_plan)
    np.testing.assert_array_equal(plans.total_hours, total, strict=True)
    np.testing.assert_array_equal(plans.weeks, np.ceil(total / hours_per_week - 1e-9).astype(np.int64))
    for p in range(len(levels)):
        for j, (s, lo, hi) in enumerate(stages_of(scores, p)):
            assert plans.hours[p, j] == (odd.cum_hours[s, hi] - odd.cum_hours[s, lo]) * shares[p, s]


# ---------------------------------------------------------------------------
# A catalog with a level scale of its own: 0..3, written to files and loaded
# ---------------------------------------------------------------------------

FOUR_LEVELS = ("none", "aware", "practising", "fluent")
# id: (hours per level step, prerequisites as written): a chain, a diamond, bare and levelled needs, fractional hours.
FOUR_LEVEL_SKILLS = {
    "basics": ([1.5, 4, 9.25], []),
    "syntax": ([2, 6.5, 12], [{"skill": "basics", "level": 1}]),
    "tooling": ([1, 3, 5], ["basics"]),
    "testing": ([2.25, 5, 11], [{"skill": "syntax", "level": 2}, "tooling"]),
    "design": ([3, 7, 15.5], [{"skill": "basics", "level": 2}]),
    "systems": ([4, 9, 20], [{"skill": "testing", "level": 1}, {"skill": "design", "level": 3}]),
    "review": ([1, 2, 4], ["syntax"]),
    "writing": ([1.75, 3, 6], []),
}
FOUR_LEVEL_ROLES = {
    "builder": {"basics": 3, "syntax": 3, "tooling": 2, "testing": 3, "design": 3, "systems": 3, "writing": 1},
    "reviewer": {"basics": 2, "syntax": 1, "design": 3, "review": 3, "writing": 3},
}


def write_four_level_catalog(directory) -> None:
    """A small catalog on the scale 0..3 in the shipped file format."""
    lines = ["name: four-levels", "title: Four levels", "description: A catalog on a 0..3 scale.", "levels:"]
    lines += [f"  - {{value: {v}, word: {w}, description: Level {w}.}}" for v, w in enumerate(FOUR_LEVELS)]
    (directory / "catalog.yaml").write_text("\n".join(lines) + "\n")
    (directory / "modules.yaml").write_text("- {id: craft, name: Craft, description: Everything.}\n")
    skill_lines = []
    for sid, (hours, prerequisites) in FOUR_LEVEL_SKILLS.items():
        skill_lines += [f"- id: {sid}", f"  name: {sid.title()}", "  module: craft", f"  description: {sid}."]
        skill_lines += [f"  hours: {hours}", f"  prerequisites: {prerequisites}"]
    (directory / "skills.yaml").write_text("\n".join(skill_lines) + "\n")
    role_lines = []
    for rid, targets in FOUR_LEVEL_ROLES.items():
        role_lines += [f"- id: {rid}", f"  title: {rid.title()}", f"  summary: {rid}.", "  skills:"]
        role_lines += [
            f"    {sid}: {{level: {level}, weight: 0.{level + 2}, tier: core}}" for sid, level in targets.items()
        ]
    (directory / "roles.yaml").write_text("\n".join(role_lines) + "\n")


@pytest.fixture(scope="module")
def four_levels(tmp_path_factory) -> Plain:
    directory = tmp_path_factory.mktemp("four-levels")
    write_four_level_catalog(directory)
    catalog = skills.load_catalog(directory)
    assert catalog.n_levels == 4
    return Plain(catalog, CatalogArrays.from_catalog(catalog))


four_level_batches = st.integers(1, 6).flatmap(
    lambda n: st.tuples(
        st.lists(st.lists(st.integers(0, 3), min_size=8, max_size=8), min_size=n, max_size=n).map(np.array),
        st.lists(st.integers(-1, 1), min_size=n, max_size=n).map(np.array),
        st.lists(st.integers(1, 40), min_size=n, max_size=n).map(lambda h: np.array(h, dtype=float)),
    )
)


@settings(max_examples=60, deadline=None)
@given(four_level_batches, weights)
def test_a_four_level_scale_plans_as_the_plain_reference(four_levels, batch, coef):
    """On a 0..3 scale the tables are 4 levels wide: plans are the plain planner's, no stage goes past 3, a skill's
    stages add up to its hours from the person's level to the role's, and fits are numpy's."""
    plain, (levels, targets, hours_per_week) = four_levels, batch
    arrays = plain.arrays
    assert arrays.cum_hours.shape == (arrays.n_skills, 4) and arrays.slot_reached.shape == (arrays.n_slots * 4,)
    scores = Scorer(arrays, coef, threads=1).score(levels, targets, hours_per_week)
    for name, want in zip(("fit", "missing", "role_order", "target"), numpy_fits(arrays, levels, targets), strict=True):
        np.testing.assert_array_equal(getattr(scores, name), want, err_msg=name, strict=True)
    plans = scores.plans
    for p in range(len(levels)):
        t = int(scores.target[p])
        want = plain.plan(levels[p], t, coef)
        stages = stages_of(scores, p)
        assert stages == [st[:3] for st in want]
        expected = np.round(1.0 / (1.0 + np.exp(-np.array([st[3] for st in want], dtype=np.float64))), 3)
        np.testing.assert_array_equal(plans.score[p, : len(want)], expected)
        goal = arrays.targets[t]
        assert plain.breaks(stages, levels[p], goal) == []
        assert all(0 <= lo < hi <= 3 for _, lo, hi in stages)
        for s in {s for s, _, _ in stages}:
            mine = sum(h for (q, _, _), h in zip(stages, plans.hours[p], strict=False) if q == s)
            assert mine == pytest.approx(step_hours(plain.catalog.skills[s], levels[p, s], goal[s]))
        assert plans.total_hours[p] == pytest.approx(plans.hours[p, : len(stages)].sum())


def test_a_level_above_the_scales_top_is_refused(four_levels):
    scorer = Scorer(four_levels.arrays, SCORER_COEF, threads=1)
    with pytest.raises(ValueError, match="level scale"):
        scorer.score(np.full((1, four_levels.arrays.n_skills), 4, dtype=np.int8))
