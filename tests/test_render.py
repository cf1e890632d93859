"""The renderer: the engine's arrays for one profile to the response dict (recommender/render.py)."""

from __future__ import annotations

import copy

import numpy as np
import orjson
import pytest
from engine_strategies import CATALOG, LEVEL_WORDS, STEP_KEYS, batches
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.profiles import ParsedProfile

PROPERTY = settings(max_examples=60, deadline=None)
JSON_TYPES = (dict, list, str, int, float, bool, type(None))


def render(engine, request: dict, limit: int | None = None):
    """``(response, scores)`` for one request, rendered from the engine's own arrays."""
    batch = engine.parse([request])
    assert not batch.parsed[0].errors
    scores = engine.score(batch.levels, batch.targets, batch.hours_per_week, limit)
    response = engine.renderer.response(scores, 0, batch.parsed[0], limit, float(batch.hours_per_week[0]))
    return response, scores


def step_of(response: dict, skill_id: str) -> dict:
    return next(s for s in response["plan"]["steps"] if s["skill"] == skill_id)


def fit_reasons(step: dict) -> list[str]:
    return [r for r in step["reasons"] if r.startswith("takes your ")]


def non_json_values(value, path="response"):
    """Paths of values that are not exactly a JSON type (numpy scalars subclass float, so check ``type``)."""
    if type(value) not in JSON_TYPES:
        yield f"{path}: {type(value).__name__}"
    if isinstance(value, dict):
        for k, v in value.items():
            if type(k) is not str:
                yield f"{path} key {k!r}: {type(k).__name__}"
            yield from non_json_values(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from non_json_values(v, f"{path}[{i}]")


# ---------------------------------------------------------------------------
# Reasons
# ---------------------------------------------------------------------------


def test_reasons_of_a_beginner_aiming_at_ai_engineering(engine):
    response, _ = render(engine, {"skills": [], "target_role": "ai-engineer"})
    python = step_of(response, "python")
    assert python["reasons"][:3] == [
        "core skill for AI Engineer",
        "you are at 0 (none), the role needs 4 (advanced)",
        # Python's five dependents are all in a beginner's plan: named in learning order.
        "needed before Machine learning fundamentals, PyTorch and 3 more",
    ]
    assert step_of(response, "ml-fundamentals")["reasons"][2] == (
        "needed before Deep learning fundamentals and Embeddings"
    )


def test_an_optional_skill_says_so(engine):
    response, _ = render(engine, {"skills": [], "target_role": "software-developer"})
    assert step_of(response, "math-for-ml")["reasons"][:2] == [
        "optional skill that sets an advanced Software developer apart",
        "you are at 0 (none), the role needs 1 (aware)",
    ]


def test_needed_before_names_only_dependents_in_the_plan_in_learning_order(engine):
    # PyTorch and deployment are past the role's targets: Python is needed before the other three.
    skills = [{"name": "python", "level": 1}, {"name": "pytorch", "level": 5}, {"name": "deployment", "level": 5}]
    response, _ = render(engine, {"skills": skills, "target_role": "ai-engineer"})
    python = step_of(response, "python")
    assert python["reasons"][1] == "you are at 1 (aware), the role needs 4 (advanced)"
    assert python["reasons"][2] == "needed before Machine learning fundamentals, Using LLM APIs and 1 more"
    # Two dependents are both named; one is named alone.
    skills += [{"name": "hugging-face", "level": 5}]
    response, _ = render(engine, {"skills": skills, "target_role": "ai-engineer"})
    assert step_of(response, "python")["reasons"][2] == "needed before Machine learning fundamentals and Using LLM APIs"
    skills += [{"name": "llm-apis", "level": 5}]
    response, _ = render(engine, {"skills": skills, "target_role": "ai-engineer"})
    assert step_of(response, "python")["reasons"][2] == "needed before Machine learning fundamentals"


def test_a_skill_nothing_in_the_plan_needs_has_no_needed_before(engine):
    skills = [{"name": sid, "level": 5} for sid in ("ml-fundamentals", "pytorch", "llm-apis", "hugging-face")]
    skills += [{"name": "deployment", "level": 5}, {"name": "python", "level": 2}]
    response, _ = render(engine, {"skills": skills, "target_role": "ai-engineer"})
    assert not [r for r in step_of(response, "python")["reasons"] if r.startswith("needed before")]


def test_needed_before_is_the_same_whatever_the_cut(engine):
    """Dependents past the returned steps are named too: a limit changes no reason."""
    request = {"skills": [{"name": "python", "level": 2}], "target_role": "data-scientist"}
    whole, _ = render(engine, request)
    for limit in (1, 3, 10):
        cut, _ = render(engine, request, limit)
        assert cut["plan"]["steps"] == whole["plan"]["steps"][:limit]


@pytest.mark.parametrize("role", [None, *CATALOG.role_ids])
def test_the_fit_reason_appears_when_the_fit_rises_half_a_point(engine, role):
    rng = np.random.default_rng(7)
    rises_seen = 0
    for _ in range(30):
        levels = rng.integers(0, 6, size=len(CATALOG.skills)) * (rng.random(len(CATALOG.skills)) < rng.random())
        request = {"skills": [{"name": s.id, "level": int(v)} for s, v in zip(CATALOG.skills, levels, strict=True)]}
        request["target_role"] = role
        response, _ = render(engine, request)
        title = CATALOG.role(response["target_role"]).title
        before = next(r["fit"] for r in response["roles"] if r["role"] == response["target_role"])
        for step in response["plan"]["steps"]:
            after = step["fit_after"]
            rises = after - before >= 0.005
            rises_seen += rises
            expected = [f"takes your {title} fit from {before:.0%} to {after:.0%}"] if rises else []
            assert fit_reasons(step) == expected
            if rises:
                assert step["reasons"][-1] == expected[0]  # always the last reason
            before = after
    assert rises_seen  # small rises are rare: test_rises_under_half_a_point_get_no_fit_reason has them


def fit_texts_for(engine, fit_now: float, fits_after: list[float]) -> list[list[str]]:
    """The fit reasons of a beginner's first steps, with the fits replaced by these."""
    request = {"skills": [], "target_role": "ai-engineer"}
    batch = engine.parse([request])
    scores = engine.score(batch.levels, batch.targets, batch.hours_per_week, len(fits_after))
    scores.fit[0, scores.target[0]] = fit_now
    scores.plans.fit_after[0] = fits_after
    response = engine.renderer.response(scores, 0, batch.parsed[0], None, 10.0)
    assert [s["fit_after"] for s in response["plan"]["steps"]] == fits_after
    return [fit_reasons(s) for s in response["plan"]["steps"]]


def test_rises_under_half_a_point_get_no_fit_reason(engine):
    # Rises of 0.4, 0.6, 0, 0.75, 0.25 and 1 points.
    texts = fit_texts_for(engine, 0.5, [0.504, 0.51, 0.51, 0.5175, 0.52, 0.53])
    assert texts == [
        [],
        ["takes your AI Engineer fit from 50% to 51%"],
        [],
        ["takes your AI Engineer fit from 51% to 52%"],
        [],
        ["takes your AI Engineer fit from 52% to 53%"],
    ]


def test_fit_percentages_round_as_python_formats_them(engine):
    fits = [0.125, 0.135, 0.145, 0.155, 0.165, 0.995, 1.0]
    texts = fit_texts_for(engine, 0.0, fits)
    assert [t[0].rsplit(" ", 1)[1] for t in texts] == [f"{x:.0%}" for x in fits]
    assert texts[0] == ["takes your AI Engineer fit from 0% to 12%"]  # 12.5 exactly: half to even


# ---------------------------------------------------------------------------
# The response against the engine's arrays
# ---------------------------------------------------------------------------


def expected_response(engine, scores, j, parsed, limit, hours_per_week):
    """The response, element by element from the arrays: the renderer's contract, written plainly."""
    p = scores.plans
    r = int(scores.target[j])
    role = CATALOG.roles[r]
    n = int(p.n_steps[j])
    in_plan = {CATALOG.skills[s].id for s in np.flatnonzero(p.in_plan[j])}
    steps = []
    before = float(scores.fit[j, r])
    for k in range(n if limit is None else min(n, limit)):
        skill = CATALOG.skills[int(p.skill[j, k])]
        frm, to, after = int(p.from_level[j, k]), int(p.to_level[j, k]), float(p.fit_after[j, k])
        tier = role.skills[skill.id].tier
        reasons = [
            f"core skill for {role.title}"
            if tier == "core"
            else f"optional skill that sets an advanced {role.title} apart",
            f"you are at {frm} ({LEVEL_WORDS[frm]}), the role needs {to} ({LEVEL_WORDS[to]})",
        ]
        later = [s.name for s in CATALOG.skills if skill.id in s.prerequisites and s.id in in_plan]
        if later:
            shown = " and ".join(later) if len(later) <= 2 else f"{later[0]}, {later[1]} and {len(later) - 2} more"
            reasons.append(f"needed before {shown}")
        if after - before >= 0.005:
            reasons.append(f"takes your {role.title} fit from {before:.0%} to {after:.0%}")
        values = [
            k + 1,
            skill.id,
            skill.name,
            skill.module,
            frm,
            to,
            round(float(p.hours[j, k]), 1),
            int(p.start_week[j, k]),
            int(p.end_week[j, k]),
            float(p.score[j, k]),
            after,
            tier,
            list(skill.prerequisites),
            reasons,
        ]
        steps.append(dict(zip(STEP_KEYS, values, strict=True)))
        before = after
    roles = [
        {
            "role": CATALOG.roles[x].id,
            "title": CATALOG.roles[x].title,
            "track": CATALOG.roles[x].track,
            "fit": float(scores.fit[j, x]),
            "missing": int(scores.missing[j, x]),
        }
        for x in scores.role_order[j]
    ]
    return {
        "catalog": {"name": CATALOG.name, "version": CATALOG.version},
        "model": {"version": engine.model.version},
        "profile": {"matched": parsed.matched, "unmatched": parsed.unmatched},
        "roles": roles,
        "target_role": role.id,
        "plan": {
            "hours_per_week": hours_per_week,
            "total_hours": round(float(p.total_hours[j]), 1),
            "weeks": int(p.weeks[j]),
            "total_steps": n,
            "steps": steps,
        },
    }


@PROPERTY
@given(batch=batches(max_size=6), limit=st.one_of(st.none(), st.integers(0, 50)), data=st.data())
def test_responses_match_the_arrays(engine, batch, limit, data):
    levels, targets, hours = batch
    scores = engine.score(levels, targets, hours, limit)
    parsed = ParsedProfile(matched=[{"input": "x", "skill": "python", "level": 1, "confidence": 1.0}])
    for j in range(len(levels)):
        cut = data.draw(st.one_of(st.none(), st.integers(0, 50))) if limit is None else limit
        got = engine.renderer.response(scores, j, parsed, cut, float(hours[j]))
        want = expected_response(engine, scores, j, parsed, cut, float(hours[j]))
        assert got == want
        # Same keys in the same order, same types: byte for byte the same JSON.
        assert orjson.dumps(got) == orjson.dumps(want)


def test_steps_with_hours_the_catalog_does_not_give(engine):
    """A step's hours come from the plan's arrays, rounded to 0.1, even when no catalog step has them."""
    request = {"skills": [], "target_role": "data-scientist"}
    _, scores = render(engine, request, 3)
    scores = copy.deepcopy(scores)
    scores.plans.hours[0, :3] = [12.345, 0.04, 7.25]
    batch = engine.parse([request])
    for _ in range(2):  # made on first sight, then kept
        steps = engine.renderer.response(scores, 0, batch.parsed[0], 3, 10.0)["plan"]["steps"]
        assert [s["hours"] for s in steps] == [12.3, 0.0, 7.2]
        assert [list(s) for s in steps] == [list(STEP_KEYS)] * 3


# ---------------------------------------------------------------------------
# Plain JSON values, fresh per response
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [None, 0, 1, 5])
@pytest.mark.parametrize("role", [None, *CATALOG.role_ids])
def test_no_numpy_values_anywhere(engine, role, limit):
    requests = [
        {"skills": [], "target_role": role, "limit": limit},
        {"skills": [{"name": "Python", "level": "advanced"}, {"name": "rag", "level": 2}], "target_role": role},
        {"skills": [{"name": "foundations", "level": 3}, {"name": "no such thing", "level": 1}], "hours_per_week": 7},
    ]
    for response in engine.recommend_many(requests, limit):
        assert list(non_json_values(response)) == []
        assert orjson.dumps(response) == orjson.dumps(response, option=orjson.OPT_SERIALIZE_NUMPY)


def test_each_response_has_its_own_steps_and_reasons(engine):
    first, second = engine.recommend_many([{"skills": [], "target_role": "ai-engineer"}] * 2)
    assert first == second
    for a, b in zip(first["plan"]["steps"], second["plan"]["steps"], strict=True):
        assert a is not b and a["reasons"] is not b["reasons"]
    # Changing one response's steps leaves the next response alone.
    expected = orjson.dumps(second)
    first["plan"]["steps"][0]["rank"] = 99
    first["plan"]["steps"][0]["reasons"].append("changed")
    assert orjson.dumps(engine.recommend({"skills": [], "target_role": "ai-engineer"})) == expected
