"""Goals outside the plan's role: a short detour planned first, a far one left to the roles that hold it."""

from __future__ import annotations

import numpy as np
import pytest
from engine_strategies import ARRAYS, CATALOG, N_SKILLS, level_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender import kernels
from recommender.alternatives import Edge
from recommender.engine import PADDING, STEP_FIELDS, Engine, widen_steps
from recommender.goal_ways import MOST_DETOUR_HOURS, deepened_skills, wanted_levels
from recommender.modelio import load_model
from recommender.plan_markdown import plan_markdown

PROPERTY = settings(max_examples=60, deadline=None)
SKILLS = CATALOG.skill_ids
ROLES = CATALOG.role_ids
ENGINE = Engine(CATALOG, load_model(), threads=1)
# A researcher who trains models and has never called a hosted one: the builder's map holds no model API.
RESEARCHER = {"python": 4, "math-for-ml": 4, "statistics": 3, "ml-fundamentals": 4, "dl-fundamentals": 4, "pytorch": 3}


def row_of(levels: dict[str, int]) -> np.ndarray:
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    for sid, level in levels.items():
        row[0, SKILLS.index(sid)] = level
    return row


def goal_row(*skill_ids: str) -> np.ndarray:
    row = np.zeros((1, N_SKILLS), dtype=bool)
    row[0, [SKILLS.index(sid) for sid in skill_ids]] = True
    return row


def steps(scores, j: int = 0) -> list[tuple[str, int, int, bool]]:
    p = scores.plans
    n = int(min(p.n_steps[j], p.skill.shape[1]))
    return [
        (SKILLS[p.skill[j, k]], int(p.from_level[j, k]), int(p.to_level[j, k]), bool(p.toward_goal[j, k]))
        for k in range(n)
    ]


def way_to(catalog, role: str, goal: str, want: int, met: frozenset[Edge]) -> dict[str, int]:
    """The oracle, in plain Python over the catalog: each skill on the way to ``goal`` at level ``want`` with the
    level the way needs of it, the goal included. A prerequisite is needed at the level its dependent names, or all
    of its step when it names none (the role's level, else ``want``); an edge in ``met``, met by an alternative, is
    not followed."""
    held = catalog.role(role).skills
    need = {goal: want}
    stack = [goal]
    while stack:
        sid = stack.pop()
        skill = catalog.skill(sid)
        for pre in skill.prerequisites:
            if Edge(sid, pre) in met:
                continue
            at = skill.prerequisite_levels.get(pre, held[pre].level if pre in held else want)
            if need.get(pre, 0) < at:
                need[pre] = at
                stack.append(pre)
    return need


def detour_hours(row: np.ndarray, role: int, goal: str) -> float:
    """The way to ``goal`` past what the person holds and the role teaches, in hours (the oracle, in Python)."""
    s = SKILLS.index(goal)
    want = int(wanted_levels(row[s : s + 1], np.array([True]), CATALOG.max_level)[0])
    met = ARRAYS.alternatives.met(ARRAYS.alternatives.code(row))
    hours = 0.0
    for sid, need in way_to(CATALOG, ROLES[role], goal, want, met).items():
        k = SKILLS.index(sid)
        start = max(int(row[k]), int(ARRAYS.targets[role, k]))
        hours += max(ARRAYS.cum_hours[k, max(need, start)] - ARRAYS.cum_hours[k, start], 0.0)
    return hours


def test_a_researcher_asking_for_a_models_api_gets_it_first():
    """The builder's map holds no model API; a researcher who names it as a goal starts there (a 6-hour detour),
    each prerequisite on the way first, and fits stay the role's own."""
    scientist = ROLES.index("data-scientist")
    row = row_of(RESEARCHER)
    plain = ENGINE.score(row, np.array([scientist]))
    aimed = ENGINE.score(row, np.array([scientist]), goals=goal_row("llm-apis"))
    plan = steps(aimed)
    taken = [sid for sid, _, _, toward in plan if toward]
    assert taken and taken[-1] == "llm-apis"
    assert [toward for *_, toward in plan] == [True] * len(taken) + [False] * (len(plan) - len(taken))
    assert max(to for sid, _, to, _ in plan if sid == "llm-apis") == 2
    for pre in CATALOG.skill("llm-apis").prerequisites:  # each one met before, by the person or on the way
        need = CATALOG.skill("llm-apis").prerequisite_levels[pre]
        reached = max([to for sid, _, to, _ in plan[: len(taken)] if sid == pre], default=row[0, SKILLS.index(pre)])
        met = ARRAYS.alternatives.met(ARRAYS.alternatives.code(row[0]))
        assert reached >= need or ("llm-apis", pre) in met
    np.testing.assert_array_equal(plain.fit, aimed.fit)
    np.testing.assert_array_equal(plain.missing, aimed.missing)
    assert aimed.plans.total_hours[0] > plain.plans.total_hours[0]


def test_a_goal_of_another_path_changes_nothing():
    """The theory of language models is 130 hours from maths up for an app developer: another path, not a
    detour. The plan is the role's own; the answer names the roles that hold the goal."""
    developer = ROLES.index("software-developer")
    row = row_of({"programming-languages": 3, "web-apis": 3})
    assert detour_hours(row[0], developer, "language-models") > MOST_DETOUR_HOURS
    plain = ENGINE.score(row, np.array([developer]))
    aimed = ENGINE.score(row, np.array([developer]), goals=goal_row("language-models"))
    assert steps(plain) == steps(aimed)
    np.testing.assert_array_equal(plain.plans.total_hours, aimed.plans.total_hours)


@PROPERTY
@given(level_rows(), st.integers(0, len(ROLES) - 1), st.data())
def test_a_goal_outside_the_role_is_a_detour_first_or_nothing(row, role, data):
    """Fits, gaps and the role planned for never change. A goal within ``MOST_DETOUR_HOURS`` that the person does
    not yet use at work is reached first, at the level any goal is taken to; any other changes nothing. Every
    step is of the role, or on the way to the goal."""
    outside = [sid for sid in SKILLS if ARRAYS.targets[role, SKILLS.index(sid)] == 0]
    if not outside:
        return
    goal = data.draw(st.sampled_from(outside))
    s = SKILLS.index(goal)
    plain = ENGINE.score(row[None, :], np.array([role]))
    aimed = ENGINE.score(row[None, :], np.array([role]), goals=goal_row(goal))
    for name in ("fit", "missing", "target"):  # the role order may put the roles holding the goal first
        np.testing.assert_array_equal(getattr(plain, name), getattr(aimed, name))
    plan = steps(aimed)
    if row[s] >= 3 or detour_hours(row, role, goal) > MOST_DETOUR_HOURS:
        assert plan == steps(plain)
        return
    flags = [toward for *_, toward in plan]
    assert flags == sorted(flags, reverse=True), "a step toward the goal came after one that is not"
    want = int(wanted_levels(row[s : s + 1], np.array([True]), CATALOG.max_level)[0])
    assert max(to for sid, _, to, toward in plan if sid == goal and toward) == want
    met = ARRAYS.alternatives.met(ARRAYS.alternatives.code(row))
    way = way_to(CATALOG, ROLES[role], goal, want, met)
    assert all(ARRAYS.targets[role, SKILLS.index(sid)] > 0 or sid in way for sid, *_ in plan)
    assert aimed.plans.fit_after[0, int(aimed.plans.n_steps[0]) - 1] == 1.0


def test_gen_ai_practice_is_deepened_and_the_ground_and_model_internals_are_not():
    """Past the ground (software engineering, foundations), and not the builder path's internals, learnt in depth."""
    deepened = dict(zip(SKILLS, deepened_skills(CATALOG), strict=True))
    assert all(deepened[s] for s in ("deployment", "guardrails", "llm-apis", "rag", "supervised-fine-tuning"))
    assert not any(deepened[s] for s in ("python", "containers", "statistics", "gpu-computing", "git"))
    assert not any(deepened[s] for s in ("language-models", "gpt", "distributed-training", "quantization"))


def test_serving_held_at_work_goes_on_first_python_and_model_internals_do_not():
    """Someone serving models at work (3; the AI Engineer's map asks 4) who names serving as a goal goes on to 4
    first; Python held at work (3 of 4), or language models in the builder's map (3 of 4), stay in the plan's order."""
    engineer, scientist = ROLES.index("ai-engineer"), ROLES.index("data-scientist")
    row = row_of({"python": 3, "containers": 4, "cloud-platforms": 4, "deployment": 3, "ml-fundamentals": 2})
    plain = ENGINE.score(row, np.array([engineer]))
    aimed = ENGINE.score(row, np.array([engineer]), goals=goal_row("deployment"))
    plan = steps(aimed)
    taken = [(sid, start, to) for sid, start, to, toward in plan if toward]
    assert taken and taken[-1] == ("deployment", 3, 4)
    # In the role's own plan, the first pass: no detour, so no second pass on the widened copy.
    detour = ENGINE.goal_ways.detours(row, np.array([engineer]), np.array([0]), np.array([SKILLS.index("deployment")]))
    assert not detour.any()
    assert [toward for *_, toward in plan] == [True] * len(taken) + [False] * (len(plan) - len(taken))
    np.testing.assert_array_equal(plain.fit, aimed.fit)
    assert steps(ENGINE.score(row, np.array([engineer]), goals=goal_row("python"))) == steps(plain)
    researcher = row_of(RESEARCHER | {"language-models": 3})
    alone = steps(ENGINE.score(researcher, np.array([scientist])))
    assert steps(ENGINE.score(researcher, np.array([scientist]), goals=goal_row("language-models"))) == alone


def test_an_expert_linux_admin_serves_on_gpu_nodes_without_python_or_pytorch_first():
    """An expert Linux admin (5) with Docker (3) and a Python beginner's scripts (2) who names GPU nodes and
    serving as goals reaches both without firming up Python, writing web APIs or learning PyTorch first; at
    Linux 4 the way to serving still runs through Python 3."""
    engineer = ROLES.index("ai-engineer")
    admin = {"linux-shell": 5, "containers": 3, "python": 2, "git": 3, "gpu-computing": 1}
    plan = steps(ENGINE.score(row_of(admin), np.array([engineer]), goals=goal_row("gpu-computing", "deployment")))
    taken = [sid for sid, _, _, toward in plan if toward]
    assert {"gpu-computing", "deployment"} <= set(taken)
    assert not {"python", "web-apis", "pytorch"} & set(taken)
    below = steps(ENGINE.score(row_of(admin | {"linux-shell": 4}), np.array([engineer]), goals=goal_row("deployment")))
    assert "python" in [sid for sid, _, _, toward in below if toward]


@PROPERTY
@given(level_rows(), st.integers(0, len(ROLES) - 1), st.data())
def test_a_goal_held_at_work_below_the_roles_level_goes_on_first_or_changes_nothing(row, role, data):
    """A goal of the role held at work level below the role's level: Gen AI practice goes on one level first, in
    the role's own plan (a prefix of it; fits, the skills planned and the hours unchanged: no detour, whatever the
    way's hours); any other changes nothing."""
    deep = [sid for sid in SKILLS if ARRAYS.targets[role, SKILLS.index(sid)] > 3]
    if not deep:
        return
    goal = data.draw(st.sampled_from(deep))
    s = SKILLS.index(goal)
    row[s] = data.draw(st.integers(3, int(ARRAYS.targets[role, s]) - 1))
    plain = ENGINE.score(row[None, :], np.array([role]))
    aimed = ENGINE.score(row[None, :], np.array([role]), goals=goal_row(goal))
    for name in ("fit", "missing", "target"):
        np.testing.assert_array_equal(getattr(plain, name), getattr(aimed, name))
    plan = steps(aimed)
    if not deepened_skills(CATALOG)[s]:
        assert plan == steps(plain)
        return
    flags = [toward for *_, toward in plan]
    assert flags == sorted(flags, reverse=True), "a step toward the goal came after one that is not"
    assert max(to for sid, _, to, toward in plan if sid == goal and toward) == row[s] + 1
    np.testing.assert_array_equal(plain.plans.in_plan, aimed.plans.in_plan)
    np.testing.assert_allclose(plain.plans.total_hours, aimed.plans.total_hours)


def test_a_cohort_row_gets_the_plan_it_gets_alone():
    """One code path: rows with detours of different roles and goals, and rows without, scored together, get each
    the plan they get alone."""
    scientist, developer = ROLES.index("data-scientist"), ROLES.index("software-developer")
    cases = [
        (RESEARCHER, scientist, ("llm-apis",)),
        (RESEARCHER, scientist, ("rag",)),
        ({"python": 3, "ml-fundamentals": 3}, developer, ()),
        (RESEARCHER, scientist, ("llm-apis", "guardrails")),
        ({"programming-languages": 3}, developer, ("language-models",)),
        (RESEARCHER, scientist, ()),
    ]
    levels = np.concatenate([row_of(levels) for levels, _, _ in cases])
    targets = np.array([role for _, role, _ in cases])
    goals = np.concatenate([goal_row(*goal) if goal else np.zeros((1, N_SKILLS), bool) for *_, goal in cases])
    together = ENGINE.score(levels, targets, goals=goals)
    for j in range(len(cases)):
        alone = ENGINE.score(levels[j : j + 1], targets[j : j + 1], goals=goals[j : j + 1])
        assert steps(together, j) == steps(alone)
        assert together.plans.total_hours[j] == alone.plans.total_hours[0]
        np.testing.assert_array_equal(together.plans.in_plan[j], alone.plans.in_plan[0])


@pytest.mark.parametrize("limit", [3, None])
def test_a_detour_plan_is_cut_as_any_plan(limit):
    """Asked for all steps, the answer holds the whole plan, detour included; asked for three, three."""
    scientist = ROLES.index("data-scientist")
    aimed = ENGINE.score(row_of(RESEARCHER), np.array([scientist]), limit=limit, goals=goal_row("llm-apis"))
    n = int(aimed.plans.n_steps[0])
    shown = n if limit is None else limit
    assert aimed.plans.skill.shape[1] == shown
    assert (aimed.plans.skill[0, :shown] >= 0).all()


def test_step_columns_widen_with_padding():
    """A widened role's plan can be longer than any of the catalog's own (a custom catalog's): the step columns
    grow, padded as the scoring loop pads past a plan's end."""
    out = kernels.Outputs.empty(2, ARRAYS.n_roles, N_SKILLS, 3)
    for name in STEP_FIELDS:
        getattr(out, name)[:] = 1
    wide = widen_steps(out, 5)
    for name in STEP_FIELDS:
        column = getattr(wide, name)
        assert column.shape == (2, 5) and column.dtype == getattr(out, name).dtype
        assert (column[:, :3] == 1).all() and (column[:, 3:] == PADDING[name]).all()


def test_the_answer_says_a_detour_is_beyond_the_role(engine):
    answer = engine.recommend(
        {
            "skills": [{"name": sid, "level": level} for sid, level in RESEARCHER.items()],
            "goals": ["Using LLM APIs"],
            "target_role": "data-scientist",
        }
    )
    assert answer["plan"]["goals"] == [
        {"skill": "llm-apis", "in_role": False, "detour": True, "roles": ["software-developer", "ai-engineer"]}
    ]
    step = next(step for step in answer["plan"]["steps"] if step["skill"] == "llm-apis")
    assert step["tier"] == "optional"
    assert step["reasons"][0] == "one of the goals you named: Using LLM APIs"
    assert any(reason.startswith("beyond what ML Research Engineer needs") for reason in step["reasons"])


def test_the_markdown_plan_says_which_goals_take_a_detour(engine, catalog):
    near = engine.recommend(
        {
            "skills": [{"name": sid, "level": level} for sid, level in RESEARCHER.items()],
            "goals": ["Using LLM APIs"],
            "target_role": "data-scientist",
        }
    )
    far = engine.recommend({"skills": [], "goals": ["how language models work"], "target_role": "software-developer"})
    assert far["plan"]["goals"][0]["detour"] is False
    assert "beyond what ML Research Engineer needs but near, so the plan takes a short detour to it first" in (
        plan_markdown(near, catalog)
    )
    assert "too far for a detour; choose a role that holds it" in plan_markdown(far, catalog)


@PROPERTY
@given(level_rows(), st.integers(0, len(ROLES) - 1), st.lists(st.sampled_from(SKILLS), min_size=1, max_size=3))
def test_goals_in_and_beyond_the_role_together(row, role, goals):
    """Any mix of goals: fits never change, the steps taken for goals are a prefix of the plan, and each goal beyond
    the role that gets a detour (``plan.goals``' ``detour``) is reached at the level any goal is taken to."""
    plain = ENGINE.score(row[None, :], np.array([role]))
    aimed = ENGINE.score(row[None, :], np.array([role]), goals=goal_row(*goals))
    np.testing.assert_array_equal(plain.fit, aimed.fit)
    plan = steps(aimed)
    flags = [toward for *_, toward in plan]
    assert flags == sorted(flags, reverse=True)
    for goal in set(goals):
        s = SKILLS.index(goal)
        if ARRAYS.targets[role, s] or row[s] >= 3:
            continue
        near = detour_hours(row, role, goal) <= MOST_DETOUR_HOURS
        assert bool(aimed.plans.in_plan[0, s]) == near
        if near:
            want = int(wanted_levels(row[s : s + 1], np.array([True]), CATALOG.max_level)[0])
            assert max(to for sid, _, to, toward in plan if sid == goal and toward) == want
