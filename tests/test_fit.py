"""Role fit and role ranking (the fit part of the scoring loop, recommender/kernels.py)."""

from __future__ import annotations

import numpy as np
import pytest
from engine_strategies import ARRAYS, CATALOG, N_SKILLS, SCORER, as_dict, expected_fit, level_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.kernels import FIT_DECIMALS

PROPERTY = settings(max_examples=100, deadline=None)


def role_fit(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fit and count of skills below target, per profile and role, as the engine scores them."""
    scores = SCORER.score(levels, limit=0)
    return scores.fit, scores.missing


def role_order(levels: np.ndarray) -> np.ndarray:
    return SCORER.score(levels, limit=0).role_order


def hand_over(row, order: list[int]) -> tuple[list[int], bool]:
    """Roles by fit ``order`` after roles.yaml's ``hand_over`` (no goal named): the first hands first place to its
    ``to`` for someone holding ``holding`` at ``at`` or more and ``lacking`` below ``below``; and whether it did."""
    a, first = ARRAYS, order[0]
    to = int(a.hand_to[first])
    if to < 0 or row[a.hand_holding[first]] < a.hand_at[first] or row[a.hand_lacking[first]] >= a.hand_below[first]:
        return order, False
    return [to, *(r for r in order if r != to)], True


def test_nobody_fits_an_empty_profile():
    fit, missing = role_fit(np.zeros((1, N_SKILLS), dtype=np.int32))
    assert fit.tolist() == [[0.0] * ARRAYS.n_roles]
    assert missing.tolist() == [[len(role.skills) for role in CATALOG.roles]]


def test_a_profile_at_every_target_fits_every_role_fully():
    levels = ARRAYS.targets.max(axis=0)[None, :].astype(np.int32)
    for bump in (0, 1, 5):
        fit, missing = role_fit(np.minimum(levels + bump, 5))
        assert fit.tolist() == [[1.0] * ARRAYS.n_roles]
        assert missing.tolist() == [[0] * ARRAYS.n_roles]


def test_a_profile_at_one_roles_targets_fits_it_fully():
    for r, role in enumerate(CATALOG.roles):
        fit, missing = role_fit(ARRAYS.targets[r][None, :].astype(np.int32))
        assert fit[0, r] == 1.0, role.id
        assert missing[0, r] == 0
        # It has no skill beyond this role's, so roles needing more fit less.
        others = [o for o in range(ARRAYS.n_roles) if o != r]
        for o in others:
            if (ARRAYS.targets[o] > ARRAYS.targets[r]).any():
                assert fit[0, o] < 1.0


def test_skills_outside_a_role_do_not_change_its_fit():
    role = CATALOG.role("software-developer")
    r = CATALOG.role_ids.index(role.id)
    outside = [s for s, sid in enumerate(CATALOG.skill_ids) if sid not in role.skills]
    assert outside  # the software developer needs no pretraining, for one
    levels = np.zeros((2, N_SKILLS), dtype=np.int32)
    levels[1, outside] = 5
    fit, missing = role_fit(levels)
    assert fit[0, r] == fit[1, r] == 0.0
    assert missing[0, r] == missing[1, r]


def test_one_skill_gives_its_weighted_share():
    role = CATALOG.role("data-scientist")
    r = CATALOG.role_ids.index(role.id)
    s = CATALOG.skill_ids.index("python")
    levels = np.zeros((1, N_SKILLS), dtype=np.int32)
    levels[0, s] = role.skills["python"].level // 2
    total = sum(rs.weight for rs in role.skills.values())
    share = role.skills["python"].weight * levels[0, s] / role.skills["python"].level / total
    assert role_fit(levels)[0][0, r] == pytest.approx(share, abs=10**-FIT_DECIMALS)


@PROPERTY
@given(st.lists(level_rows(), min_size=1, max_size=8))
def test_fit_is_the_weighted_share_of_targets_reached(rows):
    levels = np.array(rows, dtype=np.int32)
    fit, missing = role_fit(levels)
    assert fit.shape == missing.shape == (len(rows), ARRAYS.n_roles)
    for p, row in enumerate(rows):
        have = as_dict(row)
        for r, role in enumerate(CATALOG.roles):
            assert 0.0 <= fit[p, r] <= 1.0
            assert fit[p, r] == pytest.approx(expected_fit(role, have), abs=0.6 * 10**-FIT_DECIMALS)
            assert missing[p, r] == sum(have[sid] < rs.level for sid, rs in role.skills.items())


@PROPERTY
@given(level_rows(), st.integers(0, N_SKILLS - 1), st.integers(1, 5))
def test_raising_a_level_never_lowers_any_fit(row, skill, raise_by):
    higher = row.astype(np.int32).copy()
    higher[skill] = min(5, higher[skill] + raise_by)
    fit, missing = role_fit(np.array([row, higher], dtype=np.int32))
    assert (fit[1] >= fit[0]).all()
    assert (missing[1] <= missing[0]).all()


@PROPERTY
@given(st.lists(level_rows(), min_size=1, max_size=8))
def test_roles_are_ranked_best_fit_first_ties_by_id(rows):
    fit, _ = role_fit(np.array(rows, dtype=np.int32))
    order = role_order(np.array(rows, dtype=np.int32))
    for p in range(len(rows)):
        expected = sorted(range(ARRAYS.n_roles), key=lambda r, p=p: (-fit[p, r], CATALOG.role_ids[r]))
        assert order[p].tolist() == hand_over(rows[p], expected)[0]


def test_ties_go_to_the_role_id_in_alphabetical_order():
    order = role_order(np.zeros((1, N_SKILLS), dtype=np.int8))[0]
    assert [CATALOG.role_ids[r] for r in order] == sorted(CATALOG.role_ids)


def test_engine_reports_the_same_fits(engine):
    request = {"skills": [{"name": "langchain", "level": 3}, {"name": "python", "level": 4}]}
    response = engine.recommend(request)
    fit, missing = role_fit(engine.parse([request]).levels)  # the levels the engine read, inferred ones too
    by_role = {r["role"]: r for r in response["roles"]}
    for r, rid in enumerate(CATALOG.role_ids):
        assert by_role[rid]["fit"] == fit[0, r]
        assert by_role[rid]["missing"] == missing[0, r]
    assert [r["fit"] for r in response["roles"]] == sorted((r["fit"] for r in response["roles"]), reverse=True)


@PROPERTY
@given(st.lists(level_rows(), min_size=1, max_size=8))
def test_a_best_fit_is_a_role_that_stands_out(rows):
    scores = SCORER.score(np.array(rows, dtype=np.int8), limit=0)
    for p, row in enumerate(rows):
        fits = sorted(scores.fit[p], reverse=True)
        by_fit = np.lexsort((ARRAYS.role_rank, -scores.fit[p])).tolist()  # ties by rank
        order, handed = hand_over(row, by_fit)  # a role handed first place stands out
        assert scores.role_order[p].tolist() == order
        assert scores.has_best_fit[p] == (handed or (fits[0] > 0 and (len(fits) == 1 or fits[0] > fits[1])))


def test_with_nothing_rated_no_role_is_the_best_fit():
    scores = SCORER.score(np.zeros((1, N_SKILLS), dtype=np.int8), limit=0)
    assert scores.has_best_fit.tolist() == [False]
    one_role = ARRAYS.targets[0][None, :]
    assert SCORER.score(one_role, limit=0).has_best_fit.tolist() == [
        bool((ARRAYS.targets[1:] > ARRAYS.targets[0]).any(axis=1).all())
    ]


def test_a_classic_data_scientist_naming_no_goal_is_planned_as_an_ai_engineer(engine):
    """roles.yaml hand_over: machine learning at 4 without deep learning practised (under 2) fits the builder's map
    first by its foundations alone; with no goal named, the AI Engineer comes first and is the best fit."""
    classic = [
        {"name": "python", "level": 4},
        {"name": "ml-fundamentals", "level": 4},
        {"name": "statistics", "level": 4},
        {"name": "math-for-ml", "level": 3},
        {"name": "sql-and-data", "level": 3},
    ]
    fits = {r["role"]: r["fit"] for r in engine.recommend({"skills": classic})["roles"]}
    assert max(fits, key=fits.get) == "data-scientist"  # the builder fits best ...
    answer = engine.recommend({"skills": classic})
    assert answer["best_fit"] == answer["target_role"] == "ai-engineer"  # ... and hands first place on
    deep = engine.recommend({"skills": [*classic, {"name": "dl-fundamentals", "level": 2}]})
    assert deep["best_fit"] == "data-scientist"  # deep learning practised: the builder keeps it
    shallow = engine.recommend({"skills": [*classic[:1], {"name": "ml-fundamentals", "level": 3}, *classic[2:]]})
    assert shallow["best_fit"] == "data-scientist"  # machine learning below 4: not a classic data scientist
    aimed = engine.recommend({"skills": classic, "goals": ["pretraining data"]})
    assert aimed["best_fit"] == "data-scientist"  # a goal, when read, chooses the role
