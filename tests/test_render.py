"""The renderer: the engine's arrays for one profile to the response dict (recommender/render.py)."""

from __future__ import annotations

import copy
import dataclasses
import re
from types import MappingProxyType
from urllib.parse import urlsplit

import numpy as np
import orjson
import pytest
from engine_strategies import CATALOG, LEVEL_WORDS, STEP_KEYS, batches
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.plan_markdown import plan_markdown
from recommender.profiles import ParsedProfile
from recommender.render import MAX_RESOURCES, Renderer, choose_resources, resource_fit, short_title
from skills.catalog import LevelBand, Resource

PROPERTY = settings(max_examples=60, deadline=None)
JSON_TYPES = (dict, list, str, int, float, bool, type(None))
FIT_CHANGE = re.compile(r"fit from ([\d.]+)% to ([\d.]+)%")
AI_ENGINEER = CATALOG.role("ai-engineer")


def render(engine, request: dict, limit: int | None = None):
    """``(response, scores)`` for one request, rendered from the engine's own arrays."""
    batch = engine.parse([request])
    assert not batch.parsed[0].errors
    scores = engine.score(
        batch.levels, batch.targets, batch.hours_per_week, limit, batch.goals, batch.restricted, batch.no_alternative
    )
    response = engine.renderer.response(scores, 0, batch.parsed[0], limit, float(batch.hours_per_week[0]))
    return response, scores


def step_of(response: dict, skill_id: str) -> dict:
    return next(s for s in response["plan"]["steps"] if s["skill"] == skill_id)


def starting(step: dict, lead: str) -> list[str]:
    return [r for r in step["reasons"] if r.startswith(lead)]


def fit_reasons(step: dict) -> list[str]:
    return starting(step, "raises your ")


def names(names: list[str]) -> str:
    return " and ".join(names) if len(names) <= 2 else f"{names[0]}, {names[1]} and {len(names) - 2} more"


def level(value: int) -> str:
    return f"{value} ({LEVEL_WORDS[value]})"


def time_reason(hours: float, pace: float) -> str:
    weeks = hours / pace
    when = "under a week" if weeks < 1 else f"about {round(weeks)} week{'s' if round(weeks) != 1 else ''}"
    return f"{hours:g} hour{'s' if hours != 1 else ''}: {when} at your {pace:g} hour{'s' if pace != 1 else ''} a week"


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


def with_python_needed_at(engine, levels: dict[str, int]) -> Renderer:
    """A renderer for the shipped catalog with Python's dependents needing it at these levels."""
    skills = tuple(
        dataclasses.replace(s, prerequisite_levels=MappingProxyType({**s.prerequisite_levels, "python": levels[s.id]}))
        if s.id in levels
        else s
        for s in CATALOG.skills
    )
    return Renderer(dataclasses.replace(CATALOG, skills=skills), engine.model)


def python_stages(engine, cuts: list[int]):
    """A beginner's AI Engineer scores whose first steps are Python's stages between ``cuts``."""
    _, scores = render(engine, {"skills": [], "target_role": "ai-engineer"}, len(cuts) - 1)
    scores = copy.deepcopy(scores)
    p = scores.plans
    k = len(cuts) - 1
    p.skill[0, :k], p.from_level[0, :k], p.to_level[0, :k] = CATALOG.skill_ids.index("python"), cuts[:-1], cuts[1:]
    in_plan = [s for s in CATALOG.skills if p.in_plan[0, CATALOG.skill_ids.index(s.id)]]
    return scores, [s for s in in_plan if "python" in s.prerequisites]


def test_each_stage_unlocks_the_skills_waiting_for_the_level_it_reaches(engine):
    """Using LLM APIs needs Python at 2, the rest at the role's level: Python 0->2 unlocks one, 2->4 the others."""
    target = AI_ENGINEER.skills["python"].level
    scores, waiting = python_stages(engine, [0, 2, target])
    assert "llm-apis" in [s.id for s in waiting] and len(waiting) > 1
    renderer = with_python_needed_at(engine, {s.id: 2 if s.id == "llm-apis" else target for s in waiting})
    first, second = renderer.plan(scores, 0, 2, 10.0)["steps"]
    assert starting(first, "unlocks ") == [f"unlocks {CATALOG.skill('llm-apis').name}"]
    assert starting(second, "unlocks ") == [f"unlocks {names([s.name for s in waiting if s.id != 'llm-apis'])}"]


def test_a_prerequisite_named_by_bare_id_waits_for_the_roles_level(engine):
    target = AI_ENGINEER.skills["python"].level
    scores, waiting = python_stages(engine, [0, 1, target])
    renderer = engine.renderer  # levels as the catalog names them, bare ids elsewhere
    bare = [s.name for s in waiting if "python" not in s.prerequisite_levels]
    named_at_1 = [s.name for s in waiting if s.prerequisite_levels.get("python") == 1]
    first, second = renderer.plan(scores, 0, 2, 10.0)["steps"]
    assert starting(first, "unlocks ") == ([f"unlocks {names(named_at_1)}"] if named_at_1 else [])
    later = [s.name for s in waiting if 1 < s.prerequisite_levels.get("python", target) <= target]
    assert set(bare) <= set(later)
    assert starting(second, "unlocks ") == ([f"unlocks {names(later)}"] if later else [])


def test_unlocks_names_only_dependents_in_the_plan(engine):
    # Every skill that needs Python held at 5: no Python stage unlocks anything.
    skills = [{"name": s.id, "level": 5} for s in CATALOG.skills if "python" in s.prerequisites]
    response, _ = render(engine, {"skills": [*skills, {"name": "python", "level": 1}], "target_role": "ai-engineer"})
    stages = [s for s in response["plan"]["steps"] if s["skill"] == "python"]
    assert stages and not [r for s in stages for r in starting(s, "unlocks ")]


def unlocked_by_python(engine, waiting: str, language: str | None) -> list[str]:
    """What the Python stages of an AI Engineer plan say they unlock, for someone a level short of the Python ``waiting``
    needs who holds every other skill built on Python at 5, and ``language`` at 5 (None: no other language)."""
    held = [{"name": s.id, "level": 5} for s in CATALOG.skills if "python" in s.prerequisites and s.id != waiting]
    if language:
        held.append({"name": language, "level": 5})
    python = {"name": "python", "level": CATALOG.skill(waiting).prerequisite_levels["python"] - 1}  # said: not implied
    request = {"skills": [*held, python], "target_role": "ai-engineer", "limit": None}
    stages = [s for s in engine.recommend(request)["plan"]["steps"] if s["skill"] == "python"]
    assert stages
    return [r for s in stages for r in starting(s, "unlocks ")]


@pytest.mark.parametrize("waiting", ["embeddings", "llm-apis"])
def test_a_stage_does_not_unlock_what_another_language_already_meets(engine, waiting):
    """Embeddings and Using LLM APIs need Python, or another language at 3 (``or``): a Clojure developer's Python
    steps do not claim to unlock them, as the scoring loop counts no such edge (recommender.alternatives); a Python
    beginner's do."""
    skill = CATALOG.skill(waiting)
    assert "programming-languages" in [a for a, _ in skill.prerequisite_alternatives["python"]]
    unlocks = [f"unlocks {skill.name}"]
    assert unlocked_by_python(engine, waiting, None) == unlocks
    assert unlocked_by_python(engine, waiting, "Clojure") == []


def test_a_language_no_sdk_serves_meets_only_the_prerequisites_it_stands_in_for(engine):
    """VB6 at 5 is programming held whole, yet it meets Python's place under Using LLM APIs, the embedding skills and
    (since session 45) RAG (meets_no_alternative) for no one: a Python step still unlocks those."""
    renderer, index = engine.renderer, CATALOG.skill_ids.index
    (rule,) = [r for r in CATALOG.no_alternative_rules if "llm-apis" in r.skills]
    levels = np.zeros(len(CATALOG.skills), dtype=np.int64)
    levels[index(rule.means)] = 5
    unmet = np.zeros(len(CATALOG.skills), dtype=bool)
    dependents = [s.id for s in CATALOG.skills if "python" in s.prerequisite_alternatives]
    assert set(rule.skills) <= set(dependents) and "rag" in rule.skills
    slot_of = {index(sid): k for k, sid in enumerate(dependents)}

    def met(unmet):
        bits = renderer._met_bits(index("python"), levels, unmet, slot_of)
        return {sid for sid, k in zip(dependents, range(len(dependents)), strict=True) if bits >> (8 * k) & 1}

    by_language = {
        s.id for s in CATALOG.skills for a, _ in s.prerequisite_alternatives.get("python", ()) if a == rule.means
    }
    assert met(None) == met(unmet) == by_language  # a Kotlin developer's
    unmet[index(rule.means)] = True
    assert met(unmet) == by_language - set(rule.skills) and "rag" not in met(unmet)


def test_a_reason_names_a_prerequisite_the_person_holds(engine):
    response, _ = render(engine, {"skills": [{"name": "python", "level": 3}], "target_role": "software-developer"})
    llm_apis = step_of(response, "llm-apis")  # its first stage
    assert "python" in CATALOG.skill("llm-apis").prerequisites
    assert f"builds on your {CATALOG.skill('python').name}" in llm_apis["reasons"]


def test_a_language_no_sdk_serves_is_not_what_the_first_model_call_builds_on(engine):
    """VB6 at 5 does not stand in for Python at the model API (matching.yaml's meets_no_alternative): the first
    model call does not claim to build on it, and the Python step says why it comes; a C# developer's call
    builds on C#, and their plan has no such Python step."""
    (rule,) = [r for r in CATALOG.no_alternative_rules if "llm-apis" in r.skills]
    languages = CATALOG.skill(rule.means).name
    why = f"your {languages} cannot stand in for it here: {rule.reason}"
    for name, stands_in in (("Visual Basic 6", False), ("C#", True)):
        request = {"skills": [{"name": name, "level": 5}], "target_role": "software-developer", "limit": None}
        response = engine.recommend(request)
        said = " ".join(starting(step_of(response, "llm-apis"), "builds on "))
        assert (languages in said) is stands_in, name
        python = [r for s in response["plan"]["steps"] if s["skill"] == "python" for r in s["reasons"]]
        assert (why in python) is not stands_in, name


def test_a_step_learnt_faster_says_what_carries_over(engine):
    """A developer fluent in another language learns Python in a share of a beginner's hours (faster_with): the step
    takes that share and says why; a beginner's step takes all of them and says nothing of it."""
    rule = min(CATALOG.skill("python").faster_with, key=lambda r: r.share)  # the fluent developer's
    other = CATALOG.skill(rule.skill)
    request = {"skills": [{"name": "python", "level": 2}], "target_role": "software-developer", "limit": 40}
    beginner, _ = render(engine, request)
    developer, _ = render(engine, {**request, "skills": [*request["skills"], {"name": other.id, "level": 5}]})
    plain, fast = step_of(beginner, "python"), step_of(developer, "python")
    assert (plain["from_level"], plain["to_level"]) == (fast["from_level"], fast["to_level"]) == (2, 3)
    usual = sum(CATALOG.skill("python").hours[2:3])
    assert plain["hours"] == usual and fast["hours"] == round(usual * rule.share, 1)
    said = f"{rule.share:.0%} of a beginner's {usual:g} hours: your {other.name} carries over"
    assert said in fast["reasons"] and not any("beginner's" in r for r in plain["reasons"])
    assert time_reason(fast["hours"], 10) in fast["reasons"]


@PROPERTY
@given(batch=batches(max_size=4))
def test_builds_on_names_the_prerequisites_held_at_a_skills_first_stage(engine, batch):
    levels, targets, hours = batch
    scores = engine.score(levels, targets, hours)
    for j in range(len(levels)):
        held = {s.id: int(v) for s, v in zip(CATALOG.skills, scores.levels[j], strict=True) if v}
        for step in engine.renderer.plan(scores, j, None, float(hours[j]))["steps"]:
            below = builds_on(CATALOG.skill(step["skill"]))
            have = [s.name for s in CATALOG.skills if s.id in held and s.id in below]
            first = step["from_level"] == held.get(step["skill"], 0)
            expected = [f"builds on your {names(have)}"] if have and first else []
            assert starting(step, "builds on ") == expected


def test_the_role_reason_says_where_the_step_takes_the_person(engine):
    response, _ = render(engine, {"skills": [{"name": "python", "level": 1}], "target_role": "ai-engineer"})
    target = AI_ENGINEER.skills["python"].level
    stages = [s for s in response["plan"]["steps"] if s["skill"] == "python"]
    assert stages[-1]["to_level"] == target
    for s in stages:
        frm, to = level(s["from_level"]), level(s["to_level"])
        if s["to_level"] == target:
            assert f"AI Engineer needs {level(target)}; you are at {frm}" in s["reasons"]
        else:
            assert f"AI Engineer needs {level(target)}; this stage reaches {to}, the rest comes later" in s["reasons"]
    response, _ = render(engine, {"skills": [], "target_role": "software-developer"})
    title = short_title(CATALOG.role("software-developer").title)
    optional = next(s for s in response["plan"]["steps"] if s["tier"] == "optional")
    frm, to = level(optional["from_level"]), level(optional["to_level"])
    assert f"optional for {title}, it sets an advanced one apart: {frm} to {to}" in optional["reasons"]


def test_a_role_is_named_without_the_gloss_in_its_title():
    assert short_title("AI Engineer (adapts models and ships products)") == "AI Engineer"
    assert short_title("Data Scientist") == "Data Scientist"


@pytest.mark.parametrize("pace", [1.0, 4.5, 10.0, 80.0])
def test_each_step_says_how_long_it_takes_at_the_persons_pace(engine, pace):
    response, _ = render(engine, {"skills": [], "target_role": "data-scientist", "hours_per_week": pace})
    for step in response["plan"]["steps"]:
        assert time_reason(step["hours"], pace) in step["reasons"]


def test_steps_do_not_all_open_with_the_same_words(engine):
    for role in CATALOG.role_ids:
        for skills in ([], [{"name": "python", "level": 3}, {"name": "ml-fundamentals", "level": 2}]):
            response, _ = render(engine, {"skills": skills, "target_role": role})
            openings = {" ".join(s["reasons"][0].split()[:2]) for s in response["plan"]["steps"]}
            assert len(openings) >= 3, (role, openings)


@PROPERTY
@given(batch=batches(max_size=6))
def test_no_reason_claims_a_fit_change_that_rounds_to_zero(engine, batch):
    levels, targets, hours = batch
    scores = engine.score(levels, targets, hours)
    for j in range(len(levels)):
        for step in engine.renderer.plan(scores, j, None, float(hours[j]))["steps"]:
            for before, after in (FIT_CHANGE.search(r).groups() for r in fit_reasons(step)):
                assert float(after) > float(before)


def test_unlocks_is_the_same_whatever_the_cut(engine):
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
        before = next(r["fit"] for r in response["roles"] if r["role"] == response["target_role"])
        for step in response["plan"]["steps"]:
            after = step["fit_after"]
            rises = after - before >= 0.005
            rises_seen += rises
            assert len(fit_reasons(step)) == rises
            if rises:
                assert step["reasons"][-1] == fit_reasons(step)[0]  # always the last reason
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
        ["raises your AI Engineer fit from 50% to 51%"],
        [],
        ["raises your AI Engineer fit from 51% to 52%"],
        [],
        ["raises your AI Engineer fit from 52% to 53%"],
    ]


def test_fit_percentages_round_as_python_formats_them(engine):
    fits = [0.125, 0.135, 0.145, 0.155, 0.165, 0.995, 1.0]
    texts = fit_texts_for(engine, 0.0, fits)
    # 0.145 follows 0.135: both read 14%, so that rise shows one decimal.
    whole = [
        f"{x:.0%}" if f"{x:.0%}" != f"{b:.0%}" else f"{x * 100:.1f}%"
        for b, x in zip([0.0, *fits[:-1]], fits, strict=True)
    ]
    assert [t[0].rsplit(" ", 1)[1] for t in texts] == whole
    assert "14.5%" in whole
    assert texts[0] == ["raises your AI Engineer fit from 0% to 12%"]  # 12.5 exactly: half to even


def test_a_rise_whole_percentages_would_hide_shows_one_decimal(engine):
    # 18% to 18% (18.5 rounds half to even), then 18.5% to 19%: only the first needs a decimal.
    texts = fit_texts_for(engine, 0.18, [0.185, 0.1925])
    assert texts == [
        ["raises your AI Engineer fit from 18.0% to 18.5%"],
        ["raises your AI Engineer fit from 18% to 19%"],
    ]


# ---------------------------------------------------------------------------
# What was understood, and which role fits
# ---------------------------------------------------------------------------


def test_the_answer_shows_how_the_profile_was_read(engine):
    """Matches with their method and confidence, merges and inferred levels reach the answer as parsed."""
    parsed = ParsedProfile(
        matched=[
            {"name": "LoRA", "skill": "peft", "level": 3, "match": "alias", "confidence": 1.0},
            {"name": "QLoRA", "skill": "peft", "level": 4, "match": "alias", "confidence": 1.0},
            {"input": "pytorh", "skill": "pytorch", "level": 2, "match": "fuzzy", "confidence": 0.91},
        ],
        unmatched=[{"input": "Tableau", "suggestions": [], "reason": "no close name"}],
        merged=[
            {
                "skill": "peft",
                "level": 4,
                "from": [{"index": 0, "name": "LoRA", "level": 3}, {"index": 1, "name": "QLoRA", "level": 4}],
            }
        ],
        inferred=[{"skill": "python", "level": 2, "from_skill": "pytorch"}],
        goals=[{"input": "agents", "skills": [], "modules": ["agents"], "suggestions": ["tool-calling"]}],
        concerns=[{"input": "Cerner build", "skill": "responsible-ai", "reason": "patients' records"}],
    )
    _, scores = render(engine, {"skills": [], "target_role": "ai-engineer"}, 1)
    profile = engine.renderer.response(scores, 0, parsed, 1, 10.0)["profile"]
    assert profile == {
        "matched": parsed.matched,
        "unmatched": parsed.unmatched,
        "merged": parsed.merged,
        "inferred": parsed.inferred,
        "goals": parsed.goals,
        "concerns": parsed.concerns,
    }


def test_nothing_rated_names_no_best_fit(engine):
    response, _ = render(engine, {"skills": []})
    assert {r["fit"] for r in response["roles"]} == {0.0}
    assert response["best_fit"] is None
    assert response["plan"]["steps"]  # a starting plan all the same


@PROPERTY
@given(batch=batches(max_size=6))
def test_the_best_fit_is_the_one_role_with_the_highest_fit(engine, batch):
    """... or the role it hands first place to (roles.yaml ``hand_over``, no goal named)."""
    levels, targets, hours = batch
    scores = engine.score(levels, targets, hours, 0)
    for j in range(len(levels)):
        assert engine.renderer.best_fit(scores, j) == expected_best_fit(engine, scores, j)


def expected_best_fit(engine, scores, j: int) -> str | None:
    """The one role with the highest fit, or the role it hands first place to (no goal named)."""
    fits = {r["role"]: r["fit"] for r in engine.renderer.roles_list(scores, j)}
    top = max(fits.values())
    leaders = [role for role, fit in fits.items() if fit == top]
    hand = engine.catalog.role(min(leaders)).hand_over
    row = dict(zip(engine.catalog.skill_ids, scores.levels[j].tolist(), strict=True))
    if hand is not None and row[hand.holding] >= hand.at and row[hand.lacking] < hand.below:
        return hand.to
    return leaders[0] if top > 0 and len(leaders) == 1 else None


# ---------------------------------------------------------------------------
# The answer as Markdown
# ---------------------------------------------------------------------------


def test_markdown_shows_every_step_with_its_reasons_and_links(engine):
    response = engine.recommend({"skills": [{"name": "python", "level": 2}], "limit": 12})
    text = plan_markdown(response, CATALOG)
    for step in response["plan"]["steps"]:
        assert f"{step['rank']}. **{step['name']}**" in text
        assert all(f"   - {reason}\n" in text for reason in step["reasons"])
        assert all(f"]({r['url']})" in text for r in step["resources"] if r["url"])
    assert f"The first 12 of {response['plan']['total_steps']} steps are shown." in text


def test_markdown_calls_no_role_the_best_fit_unless_it_stands_out(engine):
    nothing = plan_markdown(engine.recommend({"skills": []}), CATALOG)
    assert "nothing was rated" in nothing and "best fit" not in nothing
    for skills in ([{"name": "python", "level": 2}], [{"name": s.id, "level": 4} for s in CATALOG.skills[:40]]):
        response = engine.recommend({"skills": skills})
        top = response["roles"][0]
        lead = "Your best fit" if top["fit"] >= 0.5 else "Your closest role"
        assert f"{lead}: {short_title(top['title'])} ({top['fit']:.0%})." in plan_markdown(response, CATALOG)


def test_markdown_names_the_role_first_for_the_goals_as_such(engine):
    """A role first for the goals named while another fits better is not called the best fit."""
    held = {"python": 4, "sql-and-data": 4, "git": 3, "web-apis": 3, "containers": 3, "cloud-platforms": 3}
    skills = [{"name": sid, "level": level} for sid, level in {**held, "ml-fundamentals": 3}.items()]
    plain = engine.recommend({"skills": skills})
    aimed = engine.recommend({"skills": skills, "goals": ["supervised-fine-tuning"]})
    assert plain["roles"][0]["role"] == "software-developer"
    # either builder-side role holds fine-tuning; the two fit this profile within a thousandth of each other
    assert aimed["best_fit"] == aimed["target_role"] in {"ai-engineer", "data-scientist"}
    top = aimed["roles"][0]
    assert top["fit"] < max(r["fit"] for r in aimed["roles"])
    text = plan_markdown(aimed, CATALOG)
    assert f"The role for your goals: {short_title(top['title'])} ({top['fit']:.0%})" in text
    assert "best fit" not in text.split("\n\n")[1]


def test_markdown_names_the_role_chosen_by_goals_alone_as_such(engine):
    """Nothing read fits a role, but a goal a role's map weighs most names that role: it is the role for the goals,
    never a "closest role" at 0%."""
    aimed = engine.recommend({"skills": [{"name": "stenography", "level": 5}], "goals": ["speech to text API"]})
    assert aimed["best_fit"] is not None and aimed["roles"][0]["fit"] == 0
    lead = plan_markdown(aimed, CATALOG).split("\n\n")[1].splitlines()[0]
    title = short_title(CATALOG.role(aimed["best_fit"]).title)
    assert lead == f"The role for your goals: {title}, whose map weighs them most; nothing you rated fits a role yet."


def test_markdown_says_how_the_profile_was_read(engine):
    parsed = ParsedProfile(
        matched=[{"input": "pytorh", "skill": "pytorch", "level": 2, "match": "fuzzy", "confidence": 0.91}],
        unmatched=[{"input": "ChatGPT", "suggestions": [], "reason": "using the chat product is not its API"}],
        merged=[
            {
                "skill": "peft",
                "level": 4,
                "from": [{"index": 0, "name": "LoRA", "level": 3}, {"index": 1, "name": "QLoRA", "level": 4}],
            }
        ],
        inferred=[{"skill": "python", "level": 2, "from_skill": "pytorch"}],
    )
    _, scores = render(engine, {"skills": [], "target_role": "ai-engineer"}, 1)
    text = plan_markdown(engine.renderer.response(scores, 0, parsed, 1, 10.0), CATALOG)
    peft, pytorch, python = (CATALOG.skill(s).name for s in ("peft", "pytorch", "python"))
    assert f'"LoRA" (3) and "QLoRA" (4) rate the same thing, {peft}: the highest, 4, is used.' in text
    assert f"Because you have {pytorch}, you know at least {python} (2)." in text
    assert f'"pytorh" is read as {pytorch} (a close spelling, 91% sure).' in text
    assert '"ChatGPT" was left out: using the chat product is not its API.' in text


def test_markdown_says_when_an_entry_naming_a_skill_alone_decided(engine):
    entries = [{"name": "Python", "level": 2}, {"name": "Rasa (NLU and custom actions in Python)", "level": 3}]
    text = plan_markdown(engine.recommend({"skills": entries}), CATALOG)
    python = CATALOG.skill("python").name
    expected = f'"Python" (2) and "{entries[1]["name"]}" (3) rate the same thing, {python}: your rating of it alone, 2'
    assert expected in text


def test_markdown_of_a_role_already_met(engine):
    top = {sid: rs.level for sid, rs in AI_ENGINEER.skills.items()}
    response = engine.recommend(
        {"skills": [{"name": s, "level": v} for s, v in top.items()], "target_role": "ai-engineer"}
    )
    assert response["plan"]["total_steps"] == 0
    assert plan_markdown(response, CATALOG).endswith("You already meet every level this role asks for.\n")


# ---------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------


def resources(top: int):
    """Up to 8 resources on a level scale 0..top, some tied to no level."""
    bands = st.one_of(st.none(), st.tuples(st.integers(1, top), st.integers(1, top)).map(sorted))
    return st.lists(
        st.builds(
            Resource,
            title=st.text(min_size=1, max_size=5),
            kind=st.just("docs"),
            url=st.just("https://example.org/"),
            free=st.one_of(st.none(), st.booleans()),
            levels=bands.map(lambda b: b and LevelBand(*b)),
        ),
        max_size=8,
        unique_by=lambda r: r.title,
    )


@given(data=st.data(), top=st.integers(1, 9))
def test_chosen_resources_are_the_best_that_overlap_the_step(data, top):
    offered = data.draw(resources(top))
    frm, to = data.draw(st.tuples(st.integers(0, top), st.integers(0, top)).filter(lambda t: t[0] < t[1]))
    chosen = choose_resources(offered, frm, to, top)
    assert len(chosen) <= MAX_RESOURCES

    def rank(r: Resource):
        return (r.free is not True, -resource_fit(r.levels, frm, to, top))

    def serves(r: Resource) -> bool:
        lo, hi = r.levels or (1, top)
        return any(lo <= v <= hi for v in range(frm + 1, to + 1))

    overlapping = [r for r in offered if serves(r)]
    assert len(chosen) == min(MAX_RESOURCES, len(overlapping))
    picked = [next(r for r in overlapping if r.title == c["title"]) for c in chosen]
    assert [rank(r) for r in picked] == sorted(rank(r) for r in picked)
    # Nothing left out ranks above what was chosen.
    if picked:
        assert all(rank(r) >= rank(picked[-1]) for r in overlapping if r not in picked)
    assert all(c["free"] is r.free and c["url"] == r.url for c, r in zip(chosen, picked, strict=True))


def test_resource_fit_is_one_for_the_exact_band_and_zero_apart():
    assert resource_fit(LevelBand(1, 3), 0, 3, 5) == 1.0
    assert resource_fit(LevelBand(4, 5), 0, 3, 5) == 0.0
    assert resource_fit(LevelBand(3, 5), 0, 3, 5) == pytest.approx(1 / 5)


def test_a_resource_tied_to_no_level_spans_the_catalog_s_own_scale():
    assert resource_fit(None, 2, 4, 5) == pytest.approx(2 / 5)
    assert resource_fit(None, 2, 4, 9) == pytest.approx(2 / 9)
    assert resource_fit(None, 0, 3, 3) == 1.0


@pytest.mark.parametrize("role", CATALOG.role_ids)
def test_every_step_lists_resources_for_its_levels_with_well_formed_urls(engine, role):
    response, _ = render(engine, {"skills": [], "target_role": role})
    for step in response["plan"]["steps"]:
        offered = CATALOG.skill(step["skill"]).resources
        assert step["resources"] or not offered
        for resource in step["resources"]:
            match = next(r for r in offered if r.title == resource["title"])
            assert resource_fit(match.levels, step["from_level"], step["to_level"], CATALOG.max_level) > 0
            if resource["url"] is not None:
                parts = urlsplit(resource["url"])
                assert parts.scheme == "https" and parts.netloc and " " not in resource["url"]
        free = [r["free"] is True for r in step["resources"]]
        assert free == sorted(free, reverse=True)


# ---------------------------------------------------------------------------
# The response against the engine's arrays
# ---------------------------------------------------------------------------


def builds_on(skill) -> set[str]:
    """What "builds on your ..." may name: the skill's prerequisites and the skills that meet one instead (``or``)."""
    return {*skill.prerequisites, *(a for alts in skill.prerequisite_alternatives.values() for a, _ in alts)}


def expected_reasons(role, skill, frm, to, hours, pace, in_plan, held, before, after) -> list[str]:
    """A step's reasons, written plainly from the rules the renderer documents."""
    need = role.skills[skill.id]
    title = short_title(role.title)
    reasons = []
    unlocked = [
        s.name
        for s in CATALOG.skills
        if skill.id in s.prerequisites
        and s.id in in_plan
        and frm < s.prerequisite_levels.get(skill.id, need.level) <= to
        and not any(held.get(a, 0) >= v for a, v in s.prerequisite_alternatives.get(skill.id, ()))  # met another way
    ]
    if unlocked:
        reasons.append(f"unlocks {names(unlocked)}")
    have = [s.name for s in CATALOG.skills if s.id in builds_on(skill) and s.id in held]
    if have and frm == held.get(skill.id, 0):
        reasons.append(f"builds on your {names(have)}")
    if need.tier == "optional":
        reasons.append(f"optional for {title}, it sets an advanced one apart: {level(frm)} to {level(to)}")
    elif to < need.level:
        reasons.append(f"{title} needs {level(need.level)}; this stage reaches {level(to)}, the rest comes later")
    else:
        reasons.append(f"{title} needs {level(need.level)}; you are at {level(frm)}")
    reasons.append(time_reason(hours, pace))
    met = sorted((r.share, r.skill) for r in skill.faster_with if held.get(r.skill, 0) >= r.level)
    if met:  # the share of a beginner's hours the person needs (faster_with): the smallest rule met says why
        share, other = met[0]
        usual = sum(skill.hours[frm:to])
        noun = "hour" if usual == 1 else "hours"  # a one-hour block (layer normalisation 0 -> 1) is "1 hour"
        reasons.append(f"{share:.0%} of a beginner's {usual:g} {noun}: your {CATALOG.skill(other).name} carries over")
    if after - before >= 0.005:
        whole = f"{before:.0%}", f"{after:.0%}"
        shown = whole if whole[0] != whole[1] else (f"{before * 100:.1f}%", f"{after * 100:.1f}%")
        reasons.append(f"raises your {title} fit from {shown[0]} to {shown[1]}")
    return reasons


def expected_response(engine, scores, j, parsed, limit, hours_per_week):
    """The response, element by element from the arrays: the renderer's contract, written plainly."""
    p = scores.plans
    r = int(scores.target[j])
    role = CATALOG.roles[r]
    n = int(p.n_steps[j])
    in_plan = {CATALOG.skills[s].id for s in np.flatnonzero(p.in_plan[j])}
    held = {s.id: int(v) for s, v in zip(CATALOG.skills, scores.levels[j], strict=True) if v}
    steps = []
    before = float(scores.fit[j, r])
    for k in range(n if limit is None else min(n, limit)):
        skill = CATALOG.skills[int(p.skill[j, k])]
        frm, to, after = int(p.from_level[j, k]), int(p.to_level[j, k]), float(p.fit_after[j, k])
        hours = round(float(p.hours[j, k]), 1)
        values = [
            k + 1,
            skill.id,
            skill.name,
            skill.module,
            frm,
            to,
            hours,
            int(p.start_week[j, k]),
            int(p.end_week[j, k]),
            float(p.score[j, k]),
            after,
            role.skills[skill.id].tier,
            list(skill.prerequisites),
            choose_resources(skill.resources, frm, to, CATALOG.max_level),
            expected_reasons(role, skill, frm, to, hours, hours_per_week, in_plan, held, before, after),
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
        "profile": {
            "matched": parsed.matched,
            "unmatched": parsed.unmatched,
            "merged": parsed.merged,
            "inferred": parsed.inferred,
            "goals": parsed.goals,
            "concerns": parsed.concerns,
        },
        "roles": roles,
        "best_fit": expected_best_fit(engine, scores, j),
        "target_role": role.id,
        "plan": {
            "hours_per_week": hours_per_week,
            "total_hours": round(float(p.total_hours[j]), 1),
            "weeks": int(p.weeks[j]),
            "total_steps": n,
            "goals": [],
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


@PROPERTY
@given(batch=batches(max_size=6), data=st.data())
def test_what_a_renderer_keeps_does_not_change_its_answers(engine, batch, data):
    """Cells and texts are made on first use and kept per role: a fresh renderer, fed the profiles in another
    order, answers as the engine's long-used one does."""
    levels, targets, hours = batch
    scores = engine.score(levels, targets, hours)
    parsed = ParsedProfile()
    fresh = Renderer(CATALOG, engine.model)
    order = data.draw(st.permutations(range(len(levels))))
    got = {j: fresh.response(scores, j, parsed, None, float(hours[j])) for j in order}
    for j in range(len(levels)):
        assert orjson.dumps(got[j]) == orjson.dumps(engine.renderer.response(scores, j, parsed, None, float(hours[j])))


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
        assert [starting(s, f"{s['hours']:g} hours: under a week") != [] for s in steps] == [False, True, True]


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
