"""Prerequisites another skill meets instead (skills.yaml's ``or``; recommender/alternatives.py).

The shipped catalog's Using LLM APIs needs Python at 2, or another programming language at 3.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from conftest import entry
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.alternatives import Alternatives, Edge
from recommender.arrays import CatalogArrays
from recommender.engine import Scorer
from recommender.implied import Implication
from recommender.modelio import load_model
from skills import CatalogError, load_catalog
from skills.checks import MOST_ALTERNATIVES

ALTERNATIVE = ("programming-languages", 3)  # what meets llm-apis' Python prerequisite in the shipped catalog


@pytest.fixture(scope="module")
def alternatives(catalog) -> Alternatives:
    return Alternatives(catalog)


def levels_of(catalog, **held: int) -> np.ndarray:
    row = np.zeros((1, len(catalog.skill_ids)), dtype=np.int8)
    for sid, level in held.items():
        row[0, catalog.skill_ids.index(sid.replace("_", "-"))] = level
    return row


def test_the_shipped_catalog_lets_another_language_meet_pythons_need_for_an_llm_api(catalog, alternatives):
    assert catalog.skill("llm-apis").prerequisite_alternatives == {"python": (ALTERNATIVE,)}
    assert Edge("llm-apis", "python") in alternatives.edges


@pytest.mark.parametrize(("level", "met"), [(0, False), (2, False), (3, True), (5, True)])
def test_a_profile_meets_the_edge_from_the_alternatives_level(catalog, alternatives, level, met):
    (code,) = alternatives.codes(levels_of(catalog, programming_languages=level))
    assert (Edge("llm-apis", "python") in alternatives.met(int(code))) is met


def test_the_variant_catalog_drops_only_the_edges_met(catalog, alternatives):
    (code,) = alternatives.codes(levels_of(catalog, programming_languages=4))
    variant = alternatives.without(int(code))
    assert "python" not in variant.skill("llm-apis").prerequisites
    assert variant.skill("llm-apis").prerequisites == ("genai-fundamentals",)
    assert variant.skill("ml-fundamentals").prerequisites == catalog.skill("ml-fundamentals").prerequisites
    assert alternatives.without(0) is catalog


@pytest.mark.parametrize(("language", "python"), [(0, 2), (2, 2), (4, 0)])
def test_calling_a_models_api_implies_python_only_without_another_language(catalog, language, python):
    """A Rails developer calling models with the ruby-openai gem has not shown Python; a beginner's call has."""
    levels = levels_of(catalog, llm_apis=3, programming_languages=language)
    Implication(catalog).apply(levels)
    assert levels[0, catalog.skill_ids.index("python")] == python


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=12))
def test_a_cohort_is_implied_row_by_row(catalog, rows):
    """Rows of different codes in one batch are raised as each is alone, cells listed row by row."""
    implication = Implication(catalog)
    batch = np.concatenate([levels_of(catalog, llm_apis=a, programming_languages=b, rag=c) for a, b, c in rows])
    together = batch.copy()
    found = implication.apply(together)
    assert (np.diff(found.rows) >= 0).all()
    for p in range(len(batch)):
        alone = batch[p : p + 1].copy()
        cells = implication.apply(alone)
        np.testing.assert_array_equal(together[p], alone[0])
        mine = found.rows == p
        assert found.skills[mine].tolist() == cells.skills.tolist()
        assert found.sources[mine].tolist() == cells.sources.tolist()
    counted = batch.copy()
    assert implication.count(counted).tolist() == [int((found.rows == p).sum()) for p in range(len(batch))]
    np.testing.assert_array_equal(counted, together)


def first_index(plan, skill: str) -> int:
    return next(i for i, step in enumerate(plan["steps"]) if step["skill"] == skill)


def test_a_developer_in_another_language_calls_a_model_before_learning_python(engine):
    request = {"skills": [{"name": "Kotlin", "level": 4}], "target_role": "software-developer", "limit": None}
    plan = engine.recommend(request)["plan"]
    assert first_index(plan, "llm-apis") < first_index(plan, "python")


def test_a_beginner_in_another_language_learns_python_before_calling_a_model(engine, catalog):
    request = {"skills": [{"name": "Kotlin", "level": 2}], "target_role": "software-developer", "limit": None}
    plan = engine.recommend(request)["plan"]
    python = next(s for s in plan["steps"] if s["skill"] == "python")
    needed = catalog.skill("llm-apis").prerequisite_levels["python"]  # Python enough to run the SDK's examples
    assert first_index(plan, "python") < first_index(plan, "llm-apis") and python["to_level"] >= needed


def test_a_language_held_only_in_a_restricted_form_does_not_stand_in_for_python(engine, catalog):
    """R for data analysis is read as programming at 3 at most, a restricted form (matching.yaml's up_to): it
    meets no prerequisite in Python's place, so an R user learns Python before calling a model, where a Kotlin
    developer at the same level calls it first."""
    r = engine.parse([{"skills": [{"name": "R (tidyverse)", "level": 4}]}])
    column = catalog.skill_ids.index("programming-languages")
    assert r.levels[0, column] == ALTERNATIVE[1] and r.restricted[0, column]
    for name, level, restricted in (("R (tidyverse)", 4, True), ("Kotlin", 3, False)):
        request = {"skills": [{"name": name, "level": level}], "target_role": "software-developer"}
        plan = engine.recommend(request)["plan"]
        assert (first_index(plan, "python") < first_index(plan, "llm-apis")) is restricted


def test_a_cohorts_restricted_column_stands_in_for_nothing_either(engine):
    import pandas as pd

    from recommender.cohort import frame_to_batch, records_to_batch, results, score_batch

    for name, restricted in (("RStudio", True), ("Kotlin", False)):  # RStudio: an R IDE, programming at 3 at most
        wide = pd.DataFrame({"id": ["a"], name: [4], "target_role": ["software-developer"]})
        record = {"id": "a", "skills": [{"name": name, "level": 4}], "target_role": "software-developer"}
        for batch in (frame_to_batch(engine, wide), records_to_batch(engine, [record])):
            (row,) = results(engine, batch, score_batch(engine, batch, 60), 60)
            assert (first_index(row["plan"], "python") < first_index(row["plan"], "llm-apis")) is restricted


# Names no model SDK serves (matching.yaml's meets_no_alternative): programming read whole, at its level, that
# does not stand in for Python at a model's or an embeddings API, but meets RAG's need of a program of one's own.


def test_a_language_no_sdk_serves_meets_neither_the_apis_nor_rags_alternative(catalog, alternatives):
    """Since session 45 RAG is among the skills whose Python such a language does not stand in for: a RAG app is
    written with libraries none of them has (matching.yaml's meets_no_alternative). The same level from a
    language some SDK serves meets both."""
    held = levels_of(catalog, programming_languages=5)
    unmet = held > 0
    met = alternatives.met(int(alternatives.codes(held, unmet)[0]))
    model_skills = ("llm-apis", "embeddings", "semantic-search", "vector-databases", "rag")
    assert not {Edge(s, "python") for s in model_skills} & met
    assert alternatives.met(int(alternatives.codes(held)[0])) >= met | {
        Edge("llm-apis", "python"),
        Edge("rag", "python"),
    }
    assert alternatives.code(held[0], unmet[0]) == int(alternatives.codes(held, unmet)[0])


@pytest.mark.parametrize(
    ("entries", "unmet"),
    [
        ([("Visual Basic 6", 5)], True),
        ([("COBOL (Enterprise COBOL z/OS) - 19 yrs", 5), ("C# (.NET 4.8 web service)", 2)], True),  # C# 2 meets none
        ([("Visual Basic 6", 5), ("C#", 3)], False),  # C# at work meets it: the .NET SDK
        ([("Java, VBA", 4)], False),  # Java named in the same list
        ([("Kotlin", 4)], False),
    ],
)
def test_a_profile_read_only_through_names_no_sdk_serves_is_marked_whole(engine, catalog, entries, unmet):
    batch = engine.parse([{"skills": [{"name": n, "level": lv} for n, lv in entries]}])
    column = catalog.skill_ids.index("programming-languages")
    assert batch.levels[0, column] == max(lv for _, lv in entries)  # the programming is credited in full
    assert (batch.no_alternative is not None and bool(batch.no_alternative[0, column])) is unmet
    assert batch.restricted is None or not batch.restricted[0, column]


def test_a_vb6_expert_learns_python_before_calling_a_model_and_a_csharp_developer_does_not(engine):
    for name, python_first in (("Visual Basic 6", True), ("MATLAB", True), ("C#", False)):
        request = {"skills": [{"name": name, "level": 5}], "target_role": "software-developer", "limit": None}
        plan = engine.recommend(request)["plan"]
        assert (first_index(plan, "python") < first_index(plan, "llm-apis")) is python_first, name


def test_a_cohort_mixing_names_no_sdk_serves_plans_each_row_as_alone(engine):
    """One batch of several codes: each row is planned as if scored alone, wide or as profile objects."""
    import pandas as pd

    from recommender.cohort import frame_to_batch, records_to_batch, results, score_batch

    names = ["VB6", "Kotlin", "COBOL", "Java, VBA", "Visual Basic 6"]
    records = [
        {"id": str(i), "skills": [{"name": n, "level": 4}], "target_role": "software-developer"}
        for i, n in enumerate(names)
    ]
    together = results(engine, batch := records_to_batch(engine, records), score_batch(engine, batch, 60), 60)
    alone = [engine.recommend({**r, "limit": 60}) for r in records]
    assert [row["plan"] for row in together] == [a["plan"] for a in alone]
    first = [first_index(row["plan"], "python") < first_index(row["plan"], "llm-apis") for row in together]
    assert first == [True, False, True, False, True]
    for name, python_first in (("VB6", True), ("Kotlin", False)):
        wide = pd.DataFrame({"id": ["a", "b"], name: [4, 0], "target_role": ["software-developer"] * 2})
        batch = frame_to_batch(engine, wide)
        assert (batch.no_alternative is not None) is python_first
        row, _ = results(engine, batch, score_batch(engine, batch, 60), 60)
        assert (first_index(row["plan"], "python") < first_index(row["plan"], "llm-apis")) is python_first


def test_a_catalog_without_the_rule_lets_every_language_meet_the_alternatives(catalog):
    bare = dataclasses.replace(catalog, no_alternative_rules=())
    held = levels_of(bare, programming_languages=5)
    assert not Alternatives(bare).strict
    assert Alternatives(bare).codes(held, held > 0).tolist() == Alternatives(bare).codes(held).tolist()


def test_a_catalog_without_alternatives_plans_as_before(catalog):
    """No variants: every profile is scored with the catalog's own tables, as before alternatives existed."""
    bare = dataclasses.replace(
        catalog, skills=tuple(dataclasses.replace(s, prerequisite_alternatives={}) for s in catalog.skills)
    )
    assert not Alternatives(bare) and Alternatives(bare).codes(levels_of(bare, programming_languages=5)).tolist() == [0]
    scorer = Scorer(CatalogArrays.from_catalog(bare), load_model().coef, threads=1)
    assert scorer.variants is None
    plan = scorer.score(levels_of(bare, programming_languages=4), np.array([bare.role_ids.index("software-developer")]))
    ids = [bare.skill_ids[s] for s in plan.plans.skill[0] if s >= 0]
    assert ids.index("python") < ids.index("llm-apis")


def _with_alternative(alternative):
    def mutate(doc):
        skill = entry(doc, "llm-apis")
        skill["prerequisites"] = [{"skill": "python", "level": 2, "or": [alternative]}]

    return mutate


@pytest.mark.parametrize(
    ("alternative", "problem"),
    [
        ({"skill": "cobol", "level": 3}, "unknown skill 'cobol' in or"),
        ({"skill": "python", "level": 3}, "'python' cannot meet a prerequisite of its own"),
        ({"skill": "programming-languages", "level": 9}, "prerequisites.0.or.0.level: level 9 is above the top"),
        ({"skill": "programming-languages"}, "Missing data for required field."),
    ],
)
def test_a_wrong_alternative_is_a_clear_error_naming_it(broken_catalog, alternative, problem):
    directory = broken_catalog("skills.yaml", _with_alternative(alternative))
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(directory)
    assert any(problem in p.problem and p.item == "skill 'llm-apis'" for p in excinfo.value.problems), (
        excinfo.value.problems
    )


def test_the_first_model_call_builds_on_the_other_language(engine):
    request = {"skills": [{"name": "Kotlin", "level": 4}], "target_role": "software-developer", "limit": None}
    steps = engine.recommend(request)["plan"]["steps"]
    (call,) = (s for s in steps if s["skill"] == "llm-apis" and s["from_level"] == 0)
    assert "builds on your Programming languages other than Python" in " ".join(call["reasons"])


def test_more_prerequisites_with_alternatives_than_a_code_holds_is_a_clear_error(broken_catalog):
    def mutate(doc):
        given = 0
        for skill in doc:
            for n, prerequisite in enumerate(skill.get("prerequisites") or []):
                pid = prerequisite["skill"] if isinstance(prerequisite, dict) else prerequisite
                other = "git" if pid != "git" and skill["id"] != "git" else "linux-shell"
                skill["prerequisites"][n] = {"skill": pid, "level": 1, "or": [{"skill": other, "level": 5}]}
                given += 1
        assert given > MOST_ALTERNATIVES

    with pytest.raises(CatalogError) as excinfo:
        load_catalog(broken_catalog("skills.yaml", mutate))
    (problem,) = [p for p in excinfo.value.problems if "more than" in p.problem]
    assert f"more than {MOST_ALTERNATIVES}" in problem.problem and problem.line


# A prerequisite needed past a level with alternatives (``beyond`` with ``or``): conftest's STAGED_ALTERNATIVE, RAG
# needing Python at 3 past level 1, or another language at 3.


def steps_of(engine, skills: list[dict]) -> list[tuple[str, int, int]]:
    request = {"skills": skills, "goals": ["rag"], "target_role": "software-developer", "limit": None}
    return [(s["skill"], s["from_level"], s["to_level"]) for s in engine.recommend(request)["plan"]["steps"]]


def test_the_variant_catalog_drops_a_staged_edge_met(staged_engine):
    catalog = staged_engine.catalog
    met = Alternatives(catalog)
    assert Edge("rag", "python") in met.edges
    (code,) = met.codes(levels_of(catalog, programming_languages=3))
    rag = met.without(int(code)).skill("rag")
    assert "python" not in rag.prerequisites
    staged = catalog.skill("rag").prerequisites_beyond
    assert staged["python"] == 1
    assert dict(rag.prerequisites_beyond) == {p: v for p, v in staged.items() if p != "python"}


def test_a_profile_holding_the_alternative_climbs_the_staged_skill_without_waiting(staged_engine):
    steps = steps_of(staged_engine, [{"name": "Kotlin", "level": 4}])
    rag = [i for i, (s, _, to) in enumerate(steps) if s == "rag" and to <= 2]
    python_3 = [i for i, (s, _, to) in enumerate(steps) if s == "python" and to >= 3]
    assert rag and all(i < min(python_3, default=len(steps)) for i in rag), steps


def test_a_profile_holding_neither_climbs_past_beyond_only_after_it(staged_engine):
    """Holding neither Python at 3 nor the alternative, RAG goes past level 1 only after Python 2 -> 3; a RAG step
    before it stops at 1 (awareness of RAG needs no more Python). Whether the model takes that free stage first is
    its choice: since RAG's prompt engineering is staged too (session 40) it takes Python 2 -> 3 first."""
    steps = steps_of(staged_engine, [{"name": "python", "level": 2}])
    python_3 = steps.index(("python", 2, 3))
    rag = [(i, to) for i, (s, _, to) in enumerate(steps) if s == "rag"]
    assert rag and all(i > python_3 or to <= 1 for i, to in rag), steps


@pytest.mark.parametrize(
    ("held", "python"),
    [({"rag": 1}, 0), ({"rag": 2}, 2), ({"rag": 3}, 3), ({"rag": 3, "programming_languages": 3}, 0)],
)
def test_a_staged_prerequisite_is_implied_past_its_level_unless_an_alternative_is_held(staged_engine, held, python):
    catalog = staged_engine.catalog
    row = levels_of(catalog, **held)
    Implication(catalog).apply(row)
    assert row[0, catalog.skill_ids.index("python")] == python
