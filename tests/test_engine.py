"""The engine end to end: requests in, responses out (recommender/engine.py, render.py)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest
from engine_strategies import ARRAYS, CATALOG, ROLE_IDS, STEP_KEYS, requests, step_hours
from hypothesis import given, settings
from hypothesis import strategies as st

import skills
from recommender import kernels
from recommender.engine import Engine, InputError
from recommender.modelio import MODEL_ENV_VAR, RankingModel, default_model_path, save_model
from recommender.ranker import StepRanker

PROPERTY = settings(max_examples=60, deadline=None)


def levels_of(engine, request) -> dict[str, int]:
    batch = engine.parse([request])
    return {sid: int(v) for sid, v in zip(CATALOG.skill_ids, batch.levels[0], strict=True)}


def check_response(engine, request, response):
    """Everything the contract promises about one response, given its request."""
    assert set(response) >= {"catalog", "model", "profile", "roles", "target_role", "plan"}
    assert response["catalog"] == {"name": CATALOG.name, "version": CATALOG.version}
    assert response["model"] == {"version": engine.model.version}
    assert json.loads(json.dumps(response)) == response  # plain JSON types only

    levels = levels_of(engine, request)
    roles = response["roles"]
    assert sorted(r["role"] for r in roles) == sorted(ROLE_IDS)
    by_fit = sorted(roles, key=lambda r: (-r["fit"], r["role"]))
    hand = CATALOG.role(by_fit[0]["role"]).hand_over  # roles.yaml: the first by fit hands first place on
    if hand is not None and levels[hand.holding] >= hand.at and levels[hand.lacking] < hand.below:
        by_fit = [r for r in by_fit if r["role"] == hand.to] + [r for r in by_fit if r["role"] != hand.to]
    assert roles == by_fit
    target = request.get("target_role") or roles[0]["role"]
    assert response["target_role"] == target
    role = CATALOG.role(target)
    fit_now = next(r["fit"] for r in roles if r["role"] == target)

    plan = response["plan"]
    steps = plan["steps"]
    below = [sid for sid, rs in role.skills.items() if levels[sid] < rs.level]
    limit = request.get("limit")
    assert len(steps) == (plan["total_steps"] if limit is None else min(limit, plan["total_steps"]))
    assert plan["total_steps"] >= len(below)
    hpw = request.get("hours_per_week", 10)
    assert plan["hours_per_week"] == hpw
    # Shown to 0.1 h: a share of a beginner's hours (faster_with) makes fractions.
    whole = sum(step_hours(CATALOG.skill(s), levels[s], role.skills[s].level, levels) for s in below)
    assert plan["total_hours"] == pytest.approx(whole, abs=0.05 + 1e-9)
    assert plan["weeks"] == math.ceil(whole / hpw - 1e-9)

    reached = dict(levels)
    previous_fit = fit_now
    # A skill's stages taken one right after the other are one step: no skill twice in a row.
    assert all(a["skill"] != b["skill"] for a, b in zip(steps, steps[1:], strict=False))
    for k, step in enumerate(steps):
        skill = CATALOG.skill(step["skill"])
        assert list(step) == list(STEP_KEYS)
        assert step["rank"] == k + 1
        assert (step["name"], step["module"]) == (skill.name, skill.module)
        # Stages of a skill follow on from each other, up to the role's level.
        assert skill.id in below
        assert step["from_level"] == reached[skill.id] < step["to_level"] <= role.skills[skill.id].level
        assert step["hours"] == round(step_hours(skill, step["from_level"], step["to_level"], levels), 1)
        assert step["tier"] == role.skills[skill.id].tier
        assert step["prerequisites"] == list(skill.prerequisites)
        # No stage before each prerequisite reached the level this skill needs (its role level by default), or
        # one of its alternatives was held at the level it names ("or": another language at 3 for Python); one
        # needed past a level of the skill (``beyond``) only from there.
        for prereq in skill.prerequisites:
            if step["to_level"] <= skill.prerequisites_beyond.get(prereq, 0):
                continue
            goal = role.skills[prereq].level if prereq in role.skills else 0
            need = min(skill.prerequisite_levels.get(prereq, goal), goal)
            instead = skill.prerequisite_alternatives.get(prereq, ())
            met = reached[prereq] >= need or any(reached.get(other, 0) >= at for other, at in instead)
            assert met, f"{skill.id} before {prereq} reached {need}"
        reached[skill.id] = step["to_level"]
        assert 0 <= step["score"] <= 1
        assert previous_fit <= step["fit_after"] <= 1.0
        previous_fit = step["fit_after"]
        assert step["reasons"] and all(isinstance(r, str) and r for r in step["reasons"])
    if steps and len(steps) == plan["total_steps"]:
        assert all(reached[s] == role.skills[s].level for s in below)
        assert steps[-1]["fit_after"] == 1.0
        assert steps[-1]["end_week"] == plan["weeks"]
        assert sum(s["hours"] for s in steps) == pytest.approx(plan["total_hours"])
    if steps:
        assert sum(s["hours"] for s in steps) <= plan["total_hours"] + 1e-9
        assert steps[0]["start_week"] == 1
        for a, b in zip(steps, steps[1:], strict=False):
            assert a["start_week"] <= a["end_week"] <= b["end_week"]
            assert b["start_week"] in (a["end_week"], a["end_week"] + 1)
        done = 0.0
        for step in steps:
            assert (step["start_week"] - 1) * hpw <= done + 1e-6 < step["start_week"] * hpw + 1e-6
            done += step["hours"]
            assert (step["end_week"] - 1) * hpw < done + 1e-6 and done <= step["end_week"] * hpw + 1e-6


@pytest.fixture(scope="module")
def other_engine():
    """A second engine, loaded from the same files independently of ``engine``."""
    return Engine.load(skills.default_catalog_dir(), default_model_path())


# ---------------------------------------------------------------------------
# Examples
# ---------------------------------------------------------------------------


def test_the_example_request_of_the_contract(engine):
    request = {
        "skills": [{"name": "PyTorch", "level": 3}, {"name": "prompt-engineering", "level": "advanced"}],
        "target_role": "ai-engineer",
        "hours_per_week": 8,
        "limit": 20,
    }
    response = engine.recommend(request)
    check_response(engine, request, response)
    assert [(m["skill"], m["level"]) for m in response["profile"]["matched"]] == [
        ("pytorch", 3),
        ("prompt-engineering", 4),
    ]
    assert len(response["plan"]["steps"]) == 20
    assert response["plan"]["total_steps"] > 20


def test_a_beginner_starts_with_what_everything_else_needs(engine):
    steps = engine.recommend({"skills": [], "target_role": "data-scientist"})["plan"]["steps"]
    first = steps[0]
    assert first["prerequisites"] == []
    assert any(first["skill"] in CATALOG.skill(s["skill"]).prerequisites for s in steps[1:])


def test_after_a_first_model_call_an_app_developer_goes_wide_before_the_apis_finer_points(engine):
    """Breadth first on the user path: the API to the tutorial level (2), then structured output, tools and RAG,
    then the API's next stage, not the API 0 -> 3 in one go."""
    request = {"skills": [{"name": "python", "level": 3}, {"name": "web-apis", "level": 3}]}
    steps = engine.recommend({**request, "target_role": "software-developer"})["plan"]["steps"]
    stages = [(s["skill"], s["from_level"], s["to_level"]) for s in steps]
    assert ("llm-apis", 0, 2) in stages
    deeper = next(k for k, (skill, lo, _) in enumerate(stages) if skill == "llm-apis" and lo == 2)
    for wide in ("structured-outputs", "tool-calling", "rag"):
        assert next(k for k, (skill, *_) in enumerate(stages) if skill == wide) < deeper, wide


def test_an_app_developer_with_python_at_2_calls_a_model_within_60_plan_hours(engine):
    """Issue 16: Using LLM APIs needs Python at 2 and Gen AI fundamentals at 1, not all of Python."""
    for role in ("software-developer", "ai-engineer"):
        request = {"skills": [{"name": "python", "level": 2}, {"name": "web-apis", "level": 3}], "target_role": role}
        steps = engine.recommend(request)["plan"]["steps"]
        first = next(k for k, step in enumerate(steps) if step["skill"] == "llm-apis")
        assert sum(step["hours"] for step in steps[:first]) <= 60, [(s["skill"], s["hours"]) for s in steps[:first]]


def test_a_stage_is_credited_only_with_what_waits_for_its_level(engine):
    """Python's first stage (0 -> the lowest level a skill of the role waits for: the model-API call's) unlocks
    what waits for that level; the stage from there is not scored as if it unlocked it again."""
    arrays = engine.arrays
    role = ROLE_IDS.index("software-developer")
    index = {sid: i for i, sid in enumerate(CATALOG.skill_ids)}
    python = index["python"]
    goals = np.broadcast_to(arrays.targets[role].astype(np.int64), (2, arrays.n_skills)).copy()
    needs = {d.id: d.prerequisite_levels["python"] for d in CATALOG.skills if "python" in d.prerequisite_levels}
    first = min(level for sid, level in needs.items() if goals[0, index[sid]] > 0)
    levels = np.zeros((2, arrays.n_skills), dtype=np.int64)
    levels[1, python] = first  # the same plan, Python's first stage now from there
    to_level, counts, used_through = np.empty_like(levels), np.empty_like(levels), np.empty_like(levels)
    kernels.first_stage_rows(
        levels, np.full(len(levels), role), levels < goals, engine.tables, to_level, counts, used_through
    )
    waiting = [sid for sid, level in needs.items() if goals[0, index[sid]] > 0 and level == first]
    assert to_level[0, python] == first and waiting
    assert counts[1, python] < counts[0, python]  # the part from there no longer unlocks what needed it
    assert counts[0, python] >= len(waiting)


def test_a_staged_edge_splits_the_step_only_where_the_prerequisite_is_still_needed(engine):
    """RAG needs a vector database at 2 past level 2: a person below it takes RAG in two stages (0 -> 2, then the
    climb past 2 that waits for it); one already holding it takes RAG in one stage, nothing waiting at 2. (AI
    agents, which needs RAG at 2, is held: no dependent splits RAG there.)"""
    arrays = engine.arrays
    role = ROLE_IDS.index("ai-engineer")
    index = {sid: i for i, sid in enumerate(CATALOG.skill_ids)}
    rag, vector_databases, agents = index["rag"], index["vector-databases"], index["ai-agents"]
    prompting = index["prompt-engineering"]
    assert CATALOG.skill("rag").prerequisites_beyond == {"vector-databases": 2, "prompt-engineering": 2}
    goals = np.broadcast_to(arrays.targets[role].astype(np.int64), (2, arrays.n_skills)).copy()
    assert goals[0, rag] > 2 and goals[0, vector_databases] >= 2 and goals[0, prompting] > 2
    levels = np.zeros((2, arrays.n_skills), dtype=np.int64)
    levels[:, agents] = goals[0, agents]
    levels[:, prompting] = 2  # prompt engineering, also needed past RAG's 2, held: only the vector database waits
    levels[1, vector_databases] = 2
    to_level, counts, used_through = np.empty_like(levels), np.empty_like(levels), np.empty_like(levels)
    kernels.first_stage_rows(
        levels, np.full(len(levels), role), levels < goals, engine.tables, to_level, counts, used_through
    )
    assert to_level[0, rag] == 2
    assert to_level[1, rag] == goals[1, rag]


def test_limits_cap_the_steps_but_not_the_totals(engine):
    base = {"skills": [{"name": "python", "level": 2}], "target_role": "ai-engineer"}
    whole = engine.recommend(base)["plan"]
    for request, limit, shown in (
        ({**base, "limit": 5}, None, 5),
        (base, 3, 3),
        ({**base, "limit": 5}, 2, 2),
        ({**base, "limit": 2}, 5, 2),
        ({**base, "limit": 0}, None, 0),
        ({**base, "limit": 1000}, None, whole["total_steps"]),
    ):
        plan = engine.recommend(request, limit=limit)["plan"]
        assert len(plan["steps"]) == shown
        assert plan["steps"] == whole["steps"][:shown]
        for key in ("total_steps", "total_hours", "weeks", "hours_per_week"):
            assert plan[key] == whole[key]


def test_a_profile_at_every_target_gets_an_empty_plan(engine):
    top = ARRAYS.targets.max(axis=0)
    entries = [{"name": sid, "level": int(v)} for sid, v in zip(CATALOG.skill_ids, top, strict=True)]
    for role in (None, *ROLE_IDS):
        response = engine.recommend({"skills": entries, "target_role": role})
        # Fits all tie at 1.0, so the best fit is the first role id.
        assert response["target_role"] == (role or sorted(ROLE_IDS)[0])
        assert [r["fit"] for r in response["roles"]] == [1.0] * len(ROLE_IDS)
        assert [r["missing"] for r in response["roles"]] == [0] * len(ROLE_IDS)
        assert response["plan"] == {
            "hours_per_week": 10.0,
            "total_hours": 0.0,
            "weeks": 0,
            "total_steps": 0,
            "goals": [],
            "steps": [],
        }


# ---------------------------------------------------------------------------
# Properties over random requests
# ---------------------------------------------------------------------------


@PROPERTY
@given(requests())
def test_every_response_keeps_the_contract(engine, request):
    check_response(engine, request, engine.recommend(request))


@PROPERTY
@given(requests(), st.sampled_from(ROLE_IDS), st.data())
def test_raising_one_level_never_adds_hours_nor_lowers_the_fit(engine, request, role, data):
    request = {**request, "target_role": role, "limit": None}
    levels = levels_of(engine, request)
    skill = data.draw(st.sampled_from(CATALOG.skill_ids))
    new_level = data.draw(st.integers(levels[skill], 5))
    raised = {**request, "skills": [{"name": s, "level": v} for s, v in levels.items() if s != skill]}
    raised["skills"].append({"name": skill, "level": new_level})
    lower = engine.recommend({**raised, "skills": [{"name": s, "level": v} for s, v in levels.items()]})
    higher = engine.recommend(raised)
    assert higher["plan"]["total_hours"] <= lower["plan"]["total_hours"]
    fit = {r["role"]: r["fit"] for r in lower["roles"]}
    fit_higher = {r["role"]: r["fit"] for r in higher["roles"]}
    assert fit_higher[role] >= fit[role]


@PROPERTY
@given(requests())
def test_the_same_request_gives_the_same_response(engine, other_engine, request):
    first = engine.recommend(request)
    assert engine.recommend(json.loads(json.dumps(request))) == first
    assert other_engine.recommend(request) == first


@PROPERTY
@given(st.lists(requests(allow_invalid=True), min_size=1, max_size=8), st.one_of(st.none(), st.integers(0, 30)))
def test_a_batch_gives_each_request_what_it_gets_alone(engine, batch, limit):
    together = engine.recommend_many(batch, limit=limit)
    assert len(together) == len(batch)
    for request, got in zip(batch, together, strict=True):
        try:
            alone = engine.recommend(request, limit=limit)
        except InputError as exc:
            assert isinstance(got, InputError)
            assert got.errors == exc.errors
        else:
            assert got == alone


# ---------------------------------------------------------------------------
# Cohort and single paths agree with the vectorised core
# ---------------------------------------------------------------------------


@PROPERTY
@given(st.lists(requests(), min_size=1, max_size=6))
def test_responses_match_the_arrays_of_score(engine, batch):
    parsed = engine.parse(batch)
    scores = engine.score(
        parsed.levels,
        parsed.targets,
        parsed.hours_per_week,
        limit=None,
        goals=parsed.goals,
        restricted=parsed.restricted,
        no_alternative=parsed.no_alternative,  # "COBOL" at 3 stands in for Python at fewer skills
    )
    for j, request in enumerate(batch):
        response = engine.recommend({**request, "limit": None})
        by_role = {r["role"]: r for r in response["roles"]}
        for r, rid in enumerate(ROLE_IDS):
            assert by_role[rid]["fit"] == scores.fit[j, r]
            assert by_role[rid]["missing"] == scores.missing[j, r]
        assert response["target_role"] == ROLE_IDS[scores.target[j]]
        steps = response["plan"]["steps"]
        assert [s["skill"] for s in steps] == [CATALOG.skill_ids[s] for s in scores.plans.skill[j, : len(steps)]]
        assert [s["fit_after"] for s in steps] == scores.plans.fit_after[j, : len(steps)].tolist()
        assert response["plan"]["weeks"] == scores.plans.weeks[j]


def test_row_blocks_on_threads_give_what_one_call_gives(engine, monkeypatch):
    import recommender.engine

    rng = np.random.default_rng(3)
    n = 100
    levels = rng.binomial(5, rng.random((n, 1)), size=(n, len(CATALOG.skill_ids))).astype(np.int8)
    targets, hours = rng.integers(-1, len(ROLE_IDS), size=n), rng.integers(1, 81, size=n).astype(float)
    monkeypatch.setattr(engine, "threads", 1)
    one = engine.score(levels, targets, hours, limit=None)
    monkeypatch.setattr(engine, "threads", 2)
    monkeypatch.setattr(recommender.engine, "BLOCK_ROWS", 7)
    monkeypatch.setattr(recommender.engine, "MIN_BLOCK_ROWS", 5)
    assert recommender.engine.block_count(n, 2) == 16  # uneven blocks of 6 and 7 rows, 8 for each thread
    blocks = engine.score(levels, targets, hours, limit=None)
    for name in ("fit", "missing", "role_order", "target"):
        np.testing.assert_array_equal(getattr(blocks, name), getattr(one, name), err_msg=name, strict=True)
    for name in vars(one.plans):
        np.testing.assert_array_equal(getattr(blocks.plans, name), getattr(one.plans, name), err_msg=name, strict=True)


@given(st.integers(1, 10**6), st.integers(1, 8))
def test_row_blocks_are_even_bounded_and_one_for_a_request(n, threads):
    from recommender.engine import BLOCK_ROWS, MIN_BLOCK_ROWS, block_count

    blocks = block_count(n, threads)
    if n < 2 * MIN_BLOCK_ROWS or threads == 1:
        assert blocks == 1  # a single request never starts a thread pool
    else:
        assert blocks >= min(threads, n // MIN_BLOCK_ROWS)  # every core gets rows
        assert blocks % threads == 0 or blocks == n // MIN_BLOCK_ROWS  # as many for each, unless blocks are few
        assert n / blocks >= MIN_BLOCK_ROWS and -(-n // blocks) <= max(BLOCK_ROWS, -(-n // threads))


def test_score_refuses_levels_and_roles_out_of_range(engine):
    n_skills = len(CATALOG.skill_ids)
    with pytest.raises(ValueError, match="levels"):
        engine.score(np.full((1, n_skills), 6))
    with pytest.raises(ValueError, match="levels"):
        engine.score(np.zeros((2, n_skills - 1)))
    with pytest.raises(ValueError, match="role"):
        engine.score(np.zeros((1, n_skills)), np.array([len(ROLE_IDS)]))
    with pytest.raises(ValueError, match="shape"):
        engine.score(np.zeros((2, n_skills)), np.array([0]))
    with pytest.raises(ValueError, match="shape"):
        engine.score(np.zeros((2, n_skills)), None, np.ones((2, 1)))


def test_any_array_like_is_scored_by_the_loop_compiled_when_the_engine_was_built(engine):
    from recommender import kernels

    rng = np.random.default_rng(4)
    levels = rng.integers(0, 6, size=(5, len(CATALOG.skill_ids)))
    targets, hours = np.array([-1, 0, 1, 2, -1]), np.array([10, 5, 1, 80, 7])
    want = engine.score(levels.astype(np.int8), targets, hours.astype(float), limit=None)
    read_only = [np.asfortranarray(levels), targets.astype(np.int32), hours]
    for array in read_only:
        array.flags.writeable = False
    for args in (read_only, [levels.tolist(), targets.tolist(), hours.tolist()]):
        got = engine.score(*args, limit=None)
        for name in vars(want.plans):
            np.testing.assert_array_equal(getattr(got.plans, name), getattr(want.plans, name), strict=True)
    assert len(kernels.score_rows.signatures) == 1  # no second compilation for other kinds of arrays


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


def reversed_model(engine) -> RankingModel:
    ranker = StepRanker()
    ranker.coef_ = -np.asarray(engine.model.ranker.coef_)
    ranker.n_features_in_ = len(ranker.coef_)
    ranker.n_pairs_ = 0
    return RankingModel.from_ranker(ranker, trained_on=0)


def test_engine_load_uses_the_model_it_is_given(engine, tmp_path, monkeypatch):
    model = reversed_model(engine)
    path = tmp_path / "reversed.skops"
    save_model(model, path)
    request = {"skills": [{"name": "python", "level": 1}], "target_role": "ai-engineer"}
    loaded = Engine.load(model_path=path)
    assert loaded.model.version == model.version != engine.model.version
    response = loaded.recommend(request)
    assert response["model"] == {"version": model.version}
    check_response(loaded, request, response)  # another model, the same hard rules
    default = engine.recommend(request)
    assert [s["skill"] for s in response["plan"]["steps"]] != [s["skill"] for s in default["plan"]["steps"]]
    monkeypatch.setenv(MODEL_ENV_VAR, str(path))
    assert Engine.load().model.version == model.version


def test_loading_and_scoring_import_neither_scikit_learn_nor_skops():
    """Start-up: the engine reads the model's runtime file, not the skops estimator (issue 14 §3).

    Names that need the typo search (a typo, a name that matches nothing) import none of them either.
    """
    skills = "[{'name': 'python', 'level': 3}, {'name': 'pytorhc', 'level': 2}, {'name': 'basket weaving', 'level': 1}]"
    code = (
        "import sys; from recommender.engine import Engine; engine = Engine.load(); "
        f"engine.recommend({{'skills': {skills}, 'target_role': 'ai-engineer'}}); "
        "print(' '.join(m for m in ('sklearn', 'scipy.stats', 'skops', 'recommender.ranker') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.split() == []


def test_a_deep_learning_practitioner_takes_the_decoder_in_half_a_beginners_hours(engine):
    """faster_with: deep learning at 4 halves the transformer blocks built around attention, not attention itself;
    the order of the plan is the same."""
    held = [{"name": "embeddings", "level": 2}, {"name": "python", "level": 4}, {"name": "pytorch", "level": 3}]
    request = {"skills": held, "target_role": "data-scientist", "limit": None}
    plans = [
        engine.recommend({**request, "skills": [*held, {"name": "dl-fundamentals", "level": level}]})["plan"]["steps"]
        for level in (3, 4)
    ]
    course, practitioner = ({s["skill"]: s for s in steps if s["skill"] != "dl-fundamentals"} for steps in plans)
    decoder, attention = course["decoder"], course["self-attention"]
    assert practitioner["decoder"]["hours"] == round(decoder["hours"] / 2, 1) > 0
    assert practitioner["self-attention"]["hours"] == attention["hours"] > 0
