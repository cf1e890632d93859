"""Plans: order, measure, schedule (recommender/planner.py, through ``engine.score``)."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
from engine_strategies import ARRAYS, CATALOG, N_ROLES, N_SKILLS, batches, fixed_roles, level_rows, step_hours
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from recommender import kernels
from recommender.features import UNLOCKS, cell_features, unlocks
from recommender.fit import role_fit
from recommender.planner import order_steps

PROPERTY = settings(max_examples=80, deadline=None)
SKILLS = CATALOG.skill_ids
PREREQUISITES = [np.flatnonzero(row).tolist() for row in ARRAYS.prereq]
STEP_FIELDS = ("skill", "from_level", "to_level", "hours", "score", "fit_after", "start_week", "end_week")


def plan_of(scores, p: int) -> list[int]:
    """The skill indices of profile ``p``'s returned steps, in order."""
    row = scores.plans.skill[p]
    n = int(min(scores.plans.n_steps[p], len(row)))
    assert (row[:n] >= 0).all() and (row[n:] == -1).all()
    return row[:n].tolist()


def prerequisite_breaks(order: list[int], in_plan: np.ndarray) -> list[tuple[str, str]]:
    """(step, prerequisite) pairs where an in-plan prerequisite is not earlier in ``order``."""
    position = {s: i for i, s in enumerate(order)}
    return [
        (SKILLS[s], SKILLS[j])
        for i, s in enumerate(order)
        for j in np.flatnonzero(ARRAYS.prereq[s])
        if in_plan[j] and position.get(j, len(order)) > i
    ]


# ---------------------------------------------------------------------------
# Whole plans, through the engine
# ---------------------------------------------------------------------------


@PROPERTY
@given(batches())
def test_whole_plans_are_complete_ordered_measured_and_scheduled(engine, batch):
    levels, targets, hours_per_week = batch
    scores = engine.score(levels, targets, hours_per_week, limit=None)
    plans = scores.plans
    for p in range(len(levels)):
        t = int(scores.target[p])
        assert t == (targets[p] if targets[p] >= 0 else scores.role_order[p, 0])
        role_targets = ARRAYS.targets[t]
        order = plan_of(scores, p)
        needed = np.flatnonzero(levels[p] < role_targets)
        # Every skill below target exactly once, nothing else, no prerequisite broken.
        assert sorted(order) == needed.tolist()
        assert plans.n_steps[p] == len(needed)
        assert prerequisite_breaks(order, levels[p] < role_targets) == []
        k = len(order)
        assert plans.from_level[p, :k].tolist() == levels[p, order].tolist()
        assert plans.to_level[p, :k].tolist() == role_targets[order].tolist()
        expected_hours = [step_hours(CATALOG.skills[s], levels[p, s], role_targets[s]) for s in order]
        assert plans.hours[p, :k] == pytest.approx(expected_hours)
        assert plans.total_hours[p] == pytest.approx(sum(expected_hours))
        assert ((plans.score[p, :k] >= 0) & (plans.score[p, :k] <= 1)).all()
        check_fit_after(scores, levels[p], p, t, order)
        check_weeks(plans, p, k, float(hours_per_week[p]))


def check_fit_after(scores, levels, p, t, order):
    fit_after = scores.plans.fit_after[p, : len(order)]
    if not order:
        return
    assert fit_after[0] >= scores.fit[p, t]
    assert (np.diff(fit_after) >= 0).all(), fit_after
    assert fit_after[-1] == 1.0
    assert (fit_after[:-1] < 1.0).all()
    # fit_after is the fit of the profile with this step and all before it done.
    done = levels.astype(np.int32).copy()
    after = []
    for s in order:
        done[s] = ARRAYS.targets[t, s]
        after.append(done.copy())
    fits, _ = role_fit(ARRAYS, np.array(after))
    assert fit_after == pytest.approx(fits[:, t], abs=2e-4)


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
def test_a_limited_plan_is_the_start_of_the_whole_plan(engine, batch, limit):
    levels, targets, hpw = batch
    whole = engine.score(levels, targets, hpw, limit=None).plans
    cut = engine.score(levels, targets, hpw, limit=limit).plans
    assert cut.skill.shape[1] <= limit
    k = cut.skill.shape[1]
    for name in ("skill", "from_level", "to_level", "hours", "score", "fit_after", "start_week", "end_week"):
        np.testing.assert_array_equal(getattr(cut, name), getattr(whole, name)[:, :k], err_msg=name)
    for name in ("n_steps", "total_hours", "weeks"):
        np.testing.assert_array_equal(getattr(cut, name), getattr(whole, name), err_msg=name)


@PROPERTY
@given(level_rows(), fixed_roles, st.integers(0, N_SKILLS - 1), st.integers(1, 5), st.integers(1, 80))
def test_raising_one_level_never_adds_hours_nor_lowers_the_fit(engine, row, role, skill, by, hpw):
    higher = row.copy()
    higher[skill] = min(5, int(higher[skill]) + by)
    scores = engine.score(np.array([row, higher]), np.array([role, role]), np.array([hpw, hpw], float))
    plans = scores.plans
    assert plans.total_hours[1] <= plans.total_hours[0]
    assert plans.weeks[1] <= plans.weeks[0]
    assert plans.n_steps[1] <= plans.n_steps[0]
    assert scores.fit[1, role] >= scores.fit[0, role]


@PROPERTY
@given(st.lists(st.integers(0, 5), min_size=N_SKILLS, max_size=N_SKILLS), st.integers(-1, N_ROLES - 1))
def test_a_profile_at_or_above_every_target_has_nothing_to_learn(engine, extra, target):
    levels = np.minimum(ARRAYS.targets.max(axis=0) + np.array(extra), 5)[None, :]
    scores = engine.score(levels, np.array([target]), limit=None)
    assert scores.fit.tolist() == [[1.0] * N_ROLES]
    assert scores.missing.tolist() == [[0] * N_ROLES]
    assert scores.plans.n_steps.tolist() == [0]
    assert scores.plans.total_hours.tolist() == [0.0]
    assert scores.plans.weeks.tolist() == [0]
    assert scores.plans.skill.shape == (1, 0)


@PROPERTY
@given(batches(max_size=6))
def test_each_row_of_a_batch_is_what_it_gets_alone(engine, batch):
    levels, targets, hpw = batch
    together = engine.score(levels, targets, hpw, limit=10)
    for p in range(len(levels)):
        alone = engine.score(levels[p : p + 1], targets[p : p + 1], hpw[p : p + 1], limit=10)
        for name in ("fit", "missing", "role_order", "target"):
            np.testing.assert_array_equal(getattr(alone, name)[0], getattr(together, name)[p], err_msg=name)
        k = alone.plans.skill.shape[1]
        for name in ("skill", "from_level", "to_level", "hours", "score", "fit_after", "start_week", "end_week"):
            got, want = getattr(together.plans, name)[p], getattr(alone.plans, name)[0]
            np.testing.assert_array_equal(got[:k], want, err_msg=name)
            assert (together.plans.skill[p, k:] == -1).all()
        for name in ("n_steps", "total_hours", "weeks"):
            assert getattr(together.plans, name)[p] == getattr(alone.plans, name)[0], name


@PROPERTY
@given(batches(max_size=6))
def test_scoring_is_deterministic(engine, batch):
    first = engine.score(*batch, limit=None)
    again = engine.score(*batch, limit=None)
    for name in ("fit", "missing", "role_order", "target"):
        np.testing.assert_array_equal(getattr(first, name), getattr(again, name))
    for name in vars(first.plans):
        np.testing.assert_array_equal(getattr(first.plans, name), getattr(again.plans, name))


def test_empty_batch(engine):
    scores = engine.score(np.zeros((0, N_SKILLS), dtype=np.int8), np.zeros(0, dtype=int), np.zeros(0), limit=10)
    assert scores.fit.shape == (0, N_ROLES)
    assert scores.plans.skill.shape[0] == 0


def test_defaults_are_best_role_and_ten_hours_a_week(engine):
    levels = np.zeros((1, N_SKILLS), dtype=np.int8)
    scores = engine.score(levels)
    assert scores.target[0] == scores.role_order[0, 0]
    assert scores.plans.weeks[0] == np.ceil(scores.plans.total_hours[0] / 10)


# ---------------------------------------------------------------------------
# The greedy order itself, with scores of our choosing
# ---------------------------------------------------------------------------


@st.composite
def masks_and_scores(draw):
    n = draw(st.integers(1, 6))
    in_plan = draw(hnp.arrays(bool, (n, N_SKILLS)))
    scores = draw(hnp.arrays(np.float64, (n, N_SKILLS), elements=st.floats(-20, 20, width=32)))
    return in_plan, scores


@settings(max_examples=150, deadline=None)
@given(masks_and_scores())
def test_order_steps_takes_the_best_ready_step_each_time(data):
    in_plan, scores = data
    order = order_steps(ARRAYS, in_plan, scores, N_SKILLS)
    assert order.shape == (len(in_plan), N_SKILLS)
    for p in range(len(in_plan)):
        taken = order[p][order[p] >= 0].tolist()
        assert (order[p][len(taken) :] == -1).all()
        assert sorted(taken) == np.flatnonzero(in_plan[p]).tolist()
        assert prerequisite_breaks(taken, in_plan[p]) == []
        # Replay: each step was ready and scored at least as well as every other ready step.
        pending = in_plan[p].copy()
        waiting = (ARRAYS.prereq & pending[None, :]).sum(axis=1)
        for s in taken:
            ready = pending & (waiting == 0)
            assert ready[s]
            assert scores[p, s] >= scores[p, ready].max() - 1e-6
            pending[s] = False
            waiting -= ARRAYS.prereq[:, s]


def test_equal_scores_follow_the_learning_order():
    in_plan = np.ones((1, N_SKILLS), dtype=bool)
    order = order_steps(ARRAYS, in_plan, np.zeros((1, N_SKILLS)), N_SKILLS)
    # The catalog lists every skill after its prerequisites, so this is a valid plan.
    assert order[0].tolist() == list(range(N_SKILLS))


def test_prerequisites_block_even_the_best_scoring_step():
    rag, vdb = SKILLS.index("rag"), SKILLS.index("vector-databases")
    in_plan = np.zeros((1, N_SKILLS), dtype=bool)
    in_plan[0, [rag, vdb]] = True
    scores = np.zeros((1, N_SKILLS))
    scores[0, rag] = 10.0
    assert order_steps(ARRAYS, in_plan, scores, 5)[0, :2].tolist() == [vdb, rag]


def test_a_prerequisite_outside_the_plan_blocks_nothing():
    rag, python = SKILLS.index("rag"), SKILLS.index("python")
    in_plan = np.zeros((1, N_SKILLS), dtype=bool)
    in_plan[0, [rag, python]] = True  # rag's prerequisites (vector DBs, prompting) are already done
    scores = np.zeros((1, N_SKILLS))
    scores[0, rag] = 1.0
    assert order_steps(ARRAYS, in_plan, scores, 5)[0].tolist() == [rag, python, -1, -1, -1]


def test_order_steps_stops_at_the_limit():
    in_plan = np.ones((3, N_SKILLS), dtype=bool)
    in_plan[1] = False
    scores = np.random.default_rng(0).normal(size=(3, N_SKILLS))
    order = order_steps(ARRAYS, in_plan, scores, 4)
    assert order.shape == (3, 4)
    assert (order[1] == -1).all()
    whole = order_steps(ARRAYS, in_plan, scores, N_SKILLS)
    np.testing.assert_array_equal(order, whole[:, :4])
    assert order_steps(ARRAYS, in_plan, scores, 0).shape == (3, 0)


# ---------------------------------------------------------------------------
# The compiled planner against plain references
# ---------------------------------------------------------------------------


def reference_order(in_plan: np.ndarray, scores: np.ndarray, limit: int) -> list[int]:
    """The greedy plan as plainly as it can be written: the best ready step, the earlier skill on ties."""
    left = set(np.flatnonzero(in_plan).tolist())
    order = []
    while left and len(order) < limit:
        ready = [s for s in left if not any(j in left for j in PREREQUISITES[s])]
        best = max(ready, key=lambda s: (scores[s], -s))
        order.append(best)
        left.remove(best)
    return order + [-1] * (limit - len(order))


# Scores from a handful of values make ties common; any float32 value makes them rare.
tie_scores = st.sampled_from([-2.0, -0.5, 0.0, 0.25, 1.0, 3.0])
any_scores = st.floats(-20, 20, width=32)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            hnp.arrays(bool, (n, N_SKILLS)),
            hnp.arrays(np.float64, (n, N_SKILLS), elements=st.one_of(tie_scores, any_scores)),
        )
    ),
    st.integers(0, N_SKILLS + 3),
)
def test_order_steps_is_the_plain_greedy_order(data, limit):
    in_plan, scores = data
    order = order_steps(ARRAYS, in_plan, scores, limit)
    assert order.shape == (len(in_plan), limit) and order.dtype == np.int64
    for p in range(len(in_plan)):
        assert order[p].tolist() == reference_order(in_plan[p], scores[p], limit)


def test_order_steps_takes_any_array_like():
    in_plan = np.ones((2, N_SKILLS), dtype=bool)
    scores = np.broadcast_to(-ARRAYS.position.astype(np.float32), (2, N_SKILLS))  # read-only, float32
    assert order_steps(ARRAYS, in_plan.tolist(), scores, 3).tolist() == [[0, 1, 2], [0, 1, 2]]
    assert order_steps(ARRAYS, in_plan, scores, -1).shape == (2, 0)


@pytest.mark.parametrize("n", [*range(0, 300), 1000, 1024, 4099, 20_000])
def test_pairwise_sum_adds_as_numpy_does(n):
    values = np.random.default_rng(n).random(n + 3) * 10.0 ** np.random.default_rng(n).integers(-3, 4, n + 3)
    for lo in (0, 3):
        assert kernels.pairwise_sum(values, lo, lo + n) == values[lo : lo + n].sum()
    zeros = np.full(n, -0.0)
    assert np.signbit(kernels.pairwise_sum(zeros, 0, n)) == np.signbit(zeros.sum())


def numpy_scores(engine, levels, targets, hours_per_week, limit):
    """What ``engine.score`` computes, in the numpy formulation the compiled loop replaced.

    Returns ``(fit, missing, role_order, target, plans)`` with ``plans`` a dict of
    the :class:`recommender.planner.Plans` fields; the greedy order is
    :func:`reference_order` on the model's raw scores.
    """
    a = engine.arrays
    n = len(levels)
    levels32 = levels.astype(np.int32)
    reached = a.reached_table.ravel()
    fit = np.empty((n, a.n_roles))
    missing = np.empty((n, a.n_roles), dtype=np.int64)
    for r in range(a.n_roles):
        fit[:, r] = reached[a.cell_offsets[r] + levels32].sum(axis=1)
        missing[:, r] = np.count_nonzero(levels < a.targets[r], axis=1)
    fit = np.round(fit, 4)
    role_order = np.lexsort((np.broadcast_to(a.role_rank, fit.shape), -fit), axis=-1)
    target = np.where(targets >= 0, targets, role_order[:, 0])
    target_levels = a.targets[target]
    in_plan = levels < target_levels
    cells = a.cell_offsets[target] + levels32
    coef = np.asarray(engine.model.ranker.coef_, dtype=np.float64)
    base_scores = (cell_features(a).astype(np.float64) @ coef).ravel()
    raw = base_scores[cells] + float(coef[UNLOCKS]) * unlocks(a, in_plan)
    gains = a.gain_table.ravel()[cells]
    step_hours = a.hours_table.ravel()[cells]
    fit_now = fit[np.arange(n), target]

    n_steps = in_plan.sum(axis=1)
    k = a.n_skills if limit is None else max(0, min(limit, a.n_skills))
    k = min(k, int(n_steps.max(initial=0)))
    skill = np.array([reference_order(in_plan[p], raw[p], k) for p in range(n)], dtype=np.int64).reshape(n, k)
    valid = skill >= 0
    col = np.where(valid, skill, 0)

    def pick(matrix, fill=0):
        return np.where(valid, np.take_along_axis(matrix, col, 1), fill)

    hours = pick(step_hours, 0.0)
    score = np.where(valid, 1.0 / (1.0 + np.exp(-pick(raw, 0.0).astype(np.float64))), 0.0)
    fit_after = fit_now[:, None] + np.cumsum(pick(gains, 0.0), axis=1)
    last = np.arange(k)[None, :] >= (n_steps[:, None] - 1)
    fit_after = np.where(last, 1.0, np.minimum(np.round(fit_after, 4), 1.0))
    fit_after[~valid] = 0.0
    hpw = hours_per_week[:, None]
    done_after = np.cumsum(hours, axis=1)
    start_week = np.floor((done_after - hours) / hpw + 1e-9).astype(np.int64) + 1
    end_week = np.maximum(start_week, np.ceil(done_after / hpw - 1e-9).astype(np.int64))
    total_hours = step_hours.sum(axis=1, where=in_plan)
    plans = {
        "skill": skill,
        "from_level": pick(levels).astype(np.int64),
        "to_level": pick(target_levels).astype(np.int64),
        "hours": hours,
        "score": np.round(score, 3),
        "fit_after": fit_after,
        "start_week": np.where(valid, start_week, 0),
        "end_week": np.where(valid, end_week, 0),
        "in_plan": in_plan,
        "n_steps": n_steps,
        "total_hours": total_hours,
        "weeks": np.ceil(total_hours / hours_per_week - 1e-9).astype(np.int64),
    }
    return fit, missing, role_order, target, plans


@PROPERTY
@given(batches(), st.one_of(st.none(), st.integers(0, 50)))
def test_scores_are_bit_for_bit_those_of_the_numpy_formulation(engine, batch, limit):
    levels, targets, hours_per_week = batch
    scores = engine.score(levels, targets, hours_per_week, limit=limit)
    fit, missing, role_order, target, plans = numpy_scores(engine, levels, targets, hours_per_week, limit)
    got = {"fit": scores.fit, "missing": scores.missing, "role_order": scores.role_order, "target": scores.target}
    want = {"fit": fit, "missing": missing, "role_order": role_order, "target": target}
    got |= {name: getattr(scores.plans, name) for name in plans}
    want |= plans
    for name, value in want.items():
        assert got[name].dtype == value.dtype, name
        np.testing.assert_array_equal(got[name], value, err_msg=name, strict=True)


@settings(max_examples=30, deadline=None)
@given(batches(), st.one_of(st.none(), st.integers(0, 50)))
def test_fractional_hours_add_up_as_numpy_adds_them(engine, batch, limit):
    # The shipped catalog's hours are whole, so any order of adding them agrees; these are not.
    odd = copy.copy(engine)
    odd.arrays = dataclasses.replace(engine.arrays, hours_table=engine.arrays.hours_table * 1.0137)
    odd._tables = odd._build_tables()
    levels, targets, hours_per_week = batch
    plans = odd.score(levels, targets, hours_per_week, limit=limit).plans
    want = numpy_scores(odd, levels, targets, hours_per_week, limit)[-1]
    for name in ("hours", "total_hours", "weeks", "start_week", "end_week"):
        np.testing.assert_array_equal(getattr(plans, name), want[name], err_msg=name, strict=True)
