"""Reference plans, fitting and evaluation (recommender/reference.py)."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.cli import main
from api.settings import ConfigError
from recommender.arrays import CatalogArrays
from recommender.evaluation.ranking import BASELINE_VERSION, PLANS_FILE, catalog_plans, check_ranking, choose_model
from recommender.features import FEATURES, cell_features, plan_mask, step_features
from recommender.modelio import RankingModel, load_model, save_model
from recommender.ranker import StepRanker
from recommender.reference import (
    GENERATED_PER_ROLE,
    Edges,
    ReferenceError,
    catalog_order_weights,
    count_violations,
    default_reference_path,
    evaluate,
    fit_model,
    generated_plans,
    load_reference,
    ndcg,
    produced_orders,
    training_rows,
)
from skills import default_catalog_dir, load_catalog

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "web-development")


@pytest.fixture(scope="module")
def refs(engine):
    return load_reference(engine.parser)


@pytest.fixture(scope="module")
def report(engine, refs):
    return evaluate(engine.arrays, refs)


def shipped_lines() -> list[str]:
    return [line for line in default_reference_path().read_text(encoding="utf-8").splitlines() if line.strip()]


def write_lines(tmp_path, lines) -> str:
    path = tmp_path / "plans.jsonl"
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    return str(path)


# ---------------------------------------------------------------------------
# The shipped set
# ---------------------------------------------------------------------------


def test_the_shipped_set_covers_all_roles_from_beginners_to_near_experts(engine, refs):
    assert len(refs) >= 60
    assert len(set(refs.ids)) == len(refs)
    assert set(refs.roles.tolist()) == set(range(engine.arrays.n_roles))
    fit = engine.score(refs.levels, limit=0).fit
    own = fit[np.arange(len(refs)), refs.roles]
    assert (own == 0).any()  # complete beginners
    assert (own > 0.9).any()  # nearly there
    for role in range(engine.arrays.n_roles):
        assert (refs.roles == role).sum() >= 15
    assert all(len(o) >= 2 for o in refs.orderings)


def test_expert_orderings_respect_prerequisites(engine, refs):
    in_plan = engine.arrays.targets[refs.roles] > refs.levels
    orders = np.full((len(refs), engine.arrays.n_skills), -1)
    for r, ordering in enumerate(refs.orderings):
        orders[r, : len(ordering)] = ordering
        assert in_plan[r, ordering].all()
    assert count_violations(engine.arrays, orders, in_plan, refs.blocked) == 0


def test_evaluate_model_beats_the_catalog_order_without_violations(report, refs):
    assert report["profiles"] == len(refs)
    assert report["folds"] == 5 and report["k"] == 10
    assert report["model"]["ndcg"] > report["baseline"]["ndcg"]
    assert report["model"]["violations"] == 0
    assert report["baseline"]["violations"] == 0
    for row in (report["model"], report["baseline"]):
        assert 0 < row["ndcg"] <= 1 and row["std"] >= 0


def test_evaluate_is_reproducible(engine, refs, report):
    assert evaluate(engine.arrays, refs) == report


def test_the_shipped_model_is_what_fit_makes_of_the_shipped_set(engine, refs):
    refitted = fit_model(engine.arrays, refs)
    np.testing.assert_allclose(
        refitted.ranker.coef_,
        engine.model.ranker.coef_,
        rtol=1e-4,
        atol=1e-6,
        err_msg="recommender/data/model.skops is stale: refit it with `careerpath fit` on the reference plans",
    )
    assert refitted.trained_on == engine.model.trained_on == len(refs)


def test_training_rows_are_one_group_per_expert_decision(engine, refs):
    X, y, groups = training_rows(engine.arrays, refs)
    assert X.shape[0] == len(y) == len(groups)
    for g in np.unique(groups):
        assert y[groups == g].sum() == 1.0  # exactly the step the expert took
        assert (groups == g).sum() >= 2
    decisions = sum(len(o) for o in refs.orderings)
    assert 0 < len(np.unique(groups)) <= decisions


def test_ndcg_scores_the_experts_own_order_as_perfect(engine, refs):
    orders = np.full((len(refs), engine.arrays.n_skills), -1)
    for r, ordering in enumerate(refs.orderings):
        orders[r, : len(ordering)] = ordering
    assert ndcg(refs, np.arange(len(refs)), orders) == pytest.approx(1.0)
    reversed_orders = np.full_like(orders, -1)
    for r, ordering in enumerate(refs.orderings):
        reversed_orders[r, : len(ordering)] = ordering[::-1]
    assert ndcg(refs, np.arange(len(refs)), reversed_orders) < 1.0


def test_count_violations_counts_steps_before_their_prerequisites(engine):
    skills = engine.arrays.skill_ids
    rag, emb, api = skills.index("rag"), skills.index("embeddings"), skills.index("llm-apis")
    vdb, pe = skills.index("vector-databases"), skills.index("prompt-engineering")
    in_plan = np.zeros((1, engine.arrays.n_skills), dtype=bool)
    in_plan[0, [rag, emb, api, vdb, pe]] = True
    order = np.full((1, engine.arrays.n_skills), -1)
    order[0, :5] = [rag, emb, api, vdb, pe]
    assert count_violations(engine.arrays, order, in_plan) == 2
    order[0, :5] = [emb, rag, api, vdb, pe]
    assert count_violations(engine.arrays, order, in_plan) == 1
    # A reference ordering names each skill's first step: vector databases and prompt engineering, needed past
    # RAG's level 2, may follow.
    order[0, :5] = [emb, api, rag, vdb, pe]
    assert count_violations(engine.arrays, order, in_plan) == 0


def test_the_baseline_follows_the_catalog_learning_order(engine, refs):
    orders, in_plan = produced_orders(engine.arrays, refs.levels, refs.roles, catalog_order_weights())
    for order, mask in zip(orders, in_plan, strict=True):
        assert order[order >= 0].tolist() == np.flatnonzero(mask).tolist()


# ---------------------------------------------------------------------------
# Bad files
# ---------------------------------------------------------------------------

BEGINNER = {"id": "x", "role": "software-developer", "skills": []}

BAD_LINES = [
    ("prerequisite-broken", {**BEGINNER, "ordering": ["python", "llm-apis"]}, "llm-apis comes before its prerequisite"),
    ("unknown-skill-in-ordering", {**BEGINNER, "ordering": ["python", "basket-weaving"]}, "unknown skills"),
    (
        "unknown-skill-in-profile",
        {**BEGINNER, "skills": [{"name": "basket weaving", "level": 2}], "ordering": ["python"]},
        "basket weaving",
    ),
    ("unknown-role", {**BEGINNER, "role": "astronaut", "ordering": ["python"]}, "unknown role"),
    ("missing-role", {"id": "x", "skills": [], "ordering": ["python"]}, "role: required"),
    (
        "bad-level",
        {**BEGINNER, "skills": [{"name": "python", "level": 9}], "ordering": ["math-for-ml"]},
        "skills.0.level",
    ),
    ("step-not-in-plan", {**BEGINNER, "ordering": ["python", "rlhf"]}, "rlhf is not in this plan"),
    ("step-twice", {**BEGINNER, "ordering": ["python", "python"]}, "listed twice"),
    ("ordering-not-a-list", {**BEGINNER, "ordering": "python"}, "ordering must be a list"),
    ("not-json", '{"id": "x", "role": ', "not JSON"),
    ("not-an-object", "[1, 2, 3]", "must be a JSON object"),
]


@pytest.mark.parametrize(("bad", "message"), [case[1:] for case in BAD_LINES], ids=[c[0] for c in BAD_LINES])
def test_a_bad_line_is_rejected_naming_the_line(engine, tmp_path, bad, message):
    lines = shipped_lines()[:5]
    lines.insert(3, bad)  # a blank line before it must not shift the count
    lines.insert(1, "")
    path = write_lines(tmp_path, lines)
    with pytest.raises(ReferenceError) as info:
        load_reference(engine.parser, path)
    assert str(info.value).startswith("plans.jsonl line 5: ")
    assert message in str(info.value)


def test_an_empty_or_missing_file_is_rejected(engine, tmp_path):
    with pytest.raises(ReferenceError, match="no reference plans"):
        load_reference(engine.parser, write_lines(tmp_path, ["", "  "]))
    with pytest.raises(ReferenceError, match="cannot read"):
        load_reference(engine.parser, tmp_path / "nowhere.jsonl")


def test_a_portals_own_file_loads(engine, tmp_path):
    good = [
        {**BEGINNER, "id": "a", "ordering": ["python", "genai-fundamentals", "llm-apis"]},
        {
            "id": "b",
            "role": "data-scientist",
            "skills": [{"name": "Python", "level": "advanced"}, {"name": "foundations", "level": 1}],
            "ordering": ["math-for-ml", "ml-fundamentals"],
        },
    ]
    refs = load_reference(engine.parser, write_lines(tmp_path, good))
    skills = engine.arrays.skill_ids
    assert refs.ids == ["a", "b"]
    assert [engine.arrays.role_ids[r] for r in refs.roles] == ["software-developer", "data-scientist"]
    assert refs.orderings[1] == [skills.index("math-for-ml"), skills.index("ml-fundamentals")]
    assert refs.levels[1, skills.index("python")] == 4
    assert refs.levels[1, skills.index("pytorch")] == 1


# ---------------------------------------------------------------------------
# Staged readiness: a prerequisite blocks only below the level its dependent needs
# ---------------------------------------------------------------------------


def staged_line(engine, python_level: int) -> dict:
    """An app developer's plan where the first model call comes before more Python."""
    need = engine.catalog.skill("llm-apis").prerequisite_levels
    held = [
        {"name": "python", "level": python_level},
        {"name": "genai-fundamentals", "level": need["genai-fundamentals"]},
    ]
    return {"id": "staged", "role": "software-developer", "skills": held, "ordering": ["llm-apis", "python"]}


def test_a_prerequisite_held_at_the_level_needed_does_not_block(engine, tmp_path):
    python_needed = engine.catalog.skill("llm-apis").prerequisite_levels["python"]
    refs = load_reference(engine.parser, write_lines(tmp_path, [staged_line(engine, python_needed)]))
    skills = engine.arrays.skill_ids
    llm_apis, python = skills.index("llm-apis"), skills.index("python")
    edges = Edges.of(engine.arrays)
    (edge,) = np.flatnonzero((edges.skill == llm_apis) & (edges.prerequisite == python))
    assert not refs.blocked[0, edge]
    order = np.full((1, engine.arrays.n_skills), -1)
    order[0, :2] = [llm_apis, python]
    in_plan = engine.arrays.targets[refs.roles] > refs.levels
    assert count_violations(engine.arrays, order, in_plan, refs.blocked) == 0
    direct = edges.prerequisite[edges.skill == llm_apis]
    every = int(in_plan[0, direct].sum())  # without levels every prerequisite counts
    assert every >= 1 and count_violations(engine.arrays, order, in_plan) == every
    X, y, groups = training_rows(engine.arrays, refs)
    assert (groups == 0).sum() >= 2 and y[groups == 0].sum() == 1.0  # the first call was a real choice


def test_a_prerequisite_held_below_the_level_needed_still_comes_first(engine, tmp_path):
    python_needed = engine.catalog.skill("llm-apis").prerequisite_levels["python"]
    path = write_lines(tmp_path, [staged_line(engine, python_needed - 1)])
    with pytest.raises(ReferenceError, match="llm-apis comes before its prerequisite python"):
        load_reference(engine.parser, path)


def test_top_up_marks_a_foundation_already_used_not_new_learning_nor_gen_ai_material(engine):
    arrays = engine.arrays
    index = {sid: i for i, sid in enumerate(arrays.skill_ids)}
    role = np.array([arrays.role_ids.index("data-scientist")])
    levels = np.zeros((1, arrays.n_skills), dtype=np.int8)
    for sid, level in {"python": 4, "math-for-ml": 2, "ml-fundamentals": 2, "dl-fundamentals": 3}.items():
        levels[0, index[sid]] = level
    levels[0, index["self-attention"]] = 3  # Gen AI material held at the same level: raising it is not a top-up
    in_plan = plan_mask(arrays, levels, role)
    top_up = step_features(arrays, levels, role, in_plan)[0, :, FEATURES.index("top_up")]
    marked = {arrays.skill_ids[s] for s in np.flatnonzero(top_up * in_plan[0])}
    assert marked == {"dl-fundamentals"}  # ML and maths at 2 are still being learned; Python is at its target


def test_deepens_marks_a_breadth_first_tracks_skill_already_used_not_a_foundation_nor_one_being_learned(engine):
    arrays, catalog = engine.arrays, engine.catalog
    index = {sid: i for i, sid in enumerate(arrays.skill_ids)}
    # An AI Engineer and a builder who both use RAG, Hugging Face, self-attention and Python at work.
    roles = np.array([arrays.role_ids.index("ai-engineer"), arrays.role_ids.index("data-scientist")])
    held = {"python": 3, "rag": 3, "hugging-face": 3, "prompt-engineering": 2, "self-attention": 3, "decoder": 3}
    levels = np.zeros((2, arrays.n_skills), dtype=np.int8)
    for sid, level in held.items():
        levels[:, index[sid]] = level
    in_plan = plan_mask(arrays, levels, roles)
    deepens = step_features(arrays, levels, roles, in_plan)[..., FEATURES.index("deepens")]
    marked = [
        {arrays.skill_ids[s] for s in np.flatnonzero(row * plan)} for row, plan in zip(deepens, in_plan, strict=True)
    ]
    breadth_first = {s.id for s in catalog.skills if catalog.breadth_first(catalog.module(s.module).track)}
    # RAG and Hugging Face are user-path skills used at work; prompting at 2 is still being learned, Python is a
    # foundation (a top-up), and the transformer blocks are the builder path's, learnt in depth.
    assert marked[0] == {"rag", "hugging-face"} <= breadth_first
    assert in_plan[1, index["decoder"]] and not marked[1] & {"self-attention", "decoder", "python"}


def test_used_through_marks_what_a_skill_used_at_work_builds_on_held_below_it(engine):
    """A TypeScript developer who calls models at work (3) with Python at 1 and Gen AI fundamentals at 2 uses both
    through that call, whose need for Python another language meets; prompting at 3, which no skill held builds
    on, and evaluation, which they do not have, are not marked."""
    arrays = engine.arrays
    index = {sid: i for i, sid in enumerate(arrays.skill_ids)}
    role = np.array([arrays.role_ids.index("software-developer")])
    held = {"programming-languages": 4, "llm-apis": 3, "python": 1, "genai-fundamentals": 2, "prompt-engineering": 3}
    levels = np.zeros((1, arrays.n_skills), dtype=np.int8)
    for sid, level in held.items():
        levels[0, index[sid]] = level
    in_plan = plan_mask(arrays, levels, role)
    through = step_features(arrays, levels, role, in_plan)[0, :, FEATURES.index("used_through")]
    marked = {arrays.skill_ids[s] for s in np.flatnonzero(through * in_plan[0])}
    assert marked == {"python", "genai-fundamentals"}
    assert in_plan[0, index["prompt-engineering"]] and in_plan[0, index["app-evaluation"]]


@pytest.mark.parametrize(
    ("held", "marked"),
    [
        ({"programming-languages": 5, "python": 2}, True),  # a Go developer who writes the odd Python script
        ({"programming-languages": 4, "python": 1}, True),
        ({"programming-languages": 2, "python": 1}, False),  # another language below the alternative's level
        ({"programming-languages": 3, "python": 2}, True),  # uses it at work (3), the alternative's level
        ({"linux-shell": 4, "python": 1}, False),  # model deployment's Linux alternative needs 5
    ],
)
def test_a_language_standing_in_for_python_marks_python_used_through(engine, held, marked):
    """A developer who calls models from another language at work meets Python's place at a model's SDK through it,
    so uses at work, in that language, what Python is needed for: a mentor gives them the Gen AI material first
    and Python when a Python-only library needs it. A stand-in counts at its alternative's level."""
    arrays = engine.arrays
    index = {sid: i for i, sid in enumerate(arrays.skill_ids)}
    role = np.array([arrays.role_ids.index("software-developer")])
    levels = np.zeros((1, arrays.n_skills), dtype=np.int8)
    for sid, level in held.items():
        levels[0, index[sid]] = level
    in_plan = plan_mask(arrays, levels, role)
    through = step_features(arrays, levels, role, in_plan)[0, :, FEATURES.index("used_through")]
    assert in_plan[0, index["python"]]
    assert bool(through[index["python"]]) is marked


def test_a_go_developer_learns_the_api_before_python(engine):
    """Seven years of Go and Python for the odd script: the first five steps are Gen AI material, no Python."""
    profile = {"skills": [{"name": "Go", "level": 5}, {"name": "python scripting", "level": 2}]}
    steps = engine.recommend_many([profile])[0]["plan"]["steps"][:5]
    assert "python" not in {step["skill"] for step in steps}


def test_a_catalog_without_breadth_first_tracks_has_no_deepens_feature(tmp_path):
    """A catalog whose tracks never say ``breadth_first`` (every catalog before it) is planned as before."""
    directory = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), directory)
    info = directory / "catalog.yaml"
    info.write_text(info.read_text().replace(", breadth_first: true", ""))
    arrays = CatalogArrays.from_catalog(load_catalog(directory))
    assert not arrays.breadth_first.any()
    assert not cell_features(arrays)[..., FEATURES.index("deepens")].any()
    assert not cell_features(arrays, first_stage=False)[..., FEATURES.index("deepens")].any()
    assert CatalogArrays.from_catalog(load_catalog()).breadth_first.any()


def test_a_later_stage_of_a_breadth_first_skill_from_the_tutorial_level_deepens_it(engine):
    """A stage the plan reached (not the person) of a user-path skill, from 2 of 0-5 on, is marked ``deepens``:
    below 2 the skill is still being started; a foundation (Python) and the builder's skills are learnt in depth."""
    arrays = engine.arrays
    later = cell_features(arrays, first_stage=False)[..., FEATURES.index("deepens")]
    first = cell_features(arrays)[..., FEATURES.index("deepens")]
    role = arrays.role_ids.index("ai-engineer")

    def slot(sid):
        return arrays.slot_of[role, arrays.skill_ids.index(sid)]

    api = slot("llm-apis")
    assert later[api, 2, 3] == 1 and later[api, 3, 4] == 1
    assert later[api, 1, 2] == 0 and later[api, 0, 2] == 0
    assert first[api, 2, 3] == 0  # a first stage from 2: the person's own level, not yet used at work
    for sid in ("python", "self-attention", "pytorch"):
        assert not later[slot(sid)].any(), sid


# ---------------------------------------------------------------------------
# Plans generated from a catalog's prerequisite graph (a catalog without reference plans)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(engine):
    return generated_plans(engine.arrays)


def plain_chains(catalog, in_plan: dict[str, bool]) -> dict[str, int]:
    """The longest chain of in-plan skills waiting for each skill, by plain recursion over the catalog.

    A prerequisite needed only past a level of its dependent (``beyond``) is a staged edge: only the dependent's
    stages above that level wait for it, not its step, so it makes no chain (as in ``CatalogArrays``)."""
    dependents = {
        s.id: [d.id for d in catalog.skills if s.id in d.prerequisites and s.id not in d.prerequisites_beyond]
        for s in catalog.skills
    }

    def chain(sid: str) -> int:
        return max((chain(d) + 1 for d in dependents[sid] if in_plan[d]), default=0)

    return {sid: chain(sid) if in_plan[sid] else 0 for sid in dependents}


def test_generated_plans_cover_every_role_from_a_newcomer_on(engine, generated):
    arrays = engine.arrays
    assert generated.source == "generated from the prerequisite graph"
    assert len(generated) == arrays.n_roles * GENERATED_PER_ROLE
    for r in range(arrays.n_roles):
        rows = np.flatnonzero(generated.roles == r)
        assert len(rows) == GENERATED_PER_ROLE
        assert not generated.levels[rows[0]].any()  # the first of each role holds nothing
        assert generated.levels[rows[-1]].astype(bool).sum() > generated.levels[rows[1]].astype(bool).sum()
    assert all(2 <= len(o) <= 10 for o in generated.orderings)
    orders = np.full((len(generated), arrays.n_skills), -1)
    for r, ordering in enumerate(generated.orderings):
        orders[r, : len(ordering)] = ordering
    in_plan = generated.levels < arrays.targets[generated.roles]
    assert all(in_plan[r, o].all() and len(set(o)) == len(o) for r, o in enumerate(generated.orderings))
    assert count_violations(arrays, orders, in_plan, generated.blocked) == 0


def test_generated_profiles_hold_what_their_skills_need(engine, generated):
    catalog, index = engine.catalog, {sid: i for i, sid in enumerate(engine.arrays.skill_ids)}
    for levels in generated.levels:
        for skill in catalog.skills:
            if levels[index[skill.id]]:
                for p in skill.prerequisites:
                    if levels[index[skill.id]] <= skill.prerequisites_beyond.get(p, 0):
                        continue  # needed past a level of the skill it is not held above
                    need = skill.prerequisite_levels.get(p, 1)
                    assert levels[index[p]] >= need, (skill.id, p)


def test_generated_plans_on_a_0_to_3_scale_stay_on_it_and_hold_what_their_skills_need():
    """The example catalog's four levels: a bare prerequisite is held at the role's target of it, a levelled one
    at its level, and nothing above the scale's top, 3."""
    example = load_catalog(EXAMPLE)
    arrays = CatalogArrays.from_catalog(example)
    plans = generated_plans(arrays)
    assert example.max_level == 3 and plans.levels.max() == 3 and len(plans) == arrays.n_roles * GENERATED_PER_ROLE
    index = {sid: i for i, sid in enumerate(arrays.skill_ids)}
    for levels, role in zip(plans.levels, plans.roles, strict=True):
        for skill in example.skills:
            if levels[index[skill.id]]:
                for p in skill.prerequisites:
                    need = skill.prerequisite_levels.get(p, max(arrays.targets[role, index[p]], 1))
                    assert levels[index[p]] >= need, (skill.id, p)
    orders = np.full((len(plans), arrays.n_skills), -1)
    for r, ordering in enumerate(plans.orderings):
        orders[r, : len(ordering)] = ordering
    in_plan = plans.levels < arrays.targets[plans.roles]
    assert count_violations(arrays, orders, in_plan, plans.blocked) == 0


def test_a_generated_ordering_takes_the_ready_step_the_longest_chain_waits_for(engine, generated):
    arrays, catalog = engine.arrays, engine.catalog
    for levels, role, ordering, blocked in zip(
        generated.levels, generated.roles, generated.orderings, generated.blocked, strict=True
    ):
        in_plan = levels < arrays.targets[role]
        chains = plain_chains(catalog, dict(zip(arrays.skill_ids, in_plan.tolist(), strict=True)))
        edges = Edges.of(arrays)
        ready = np.flatnonzero(in_plan & ~edges.waiting(blocked, in_plan))
        first = ordering[0]
        assert first in ready
        longest = max(chains[arrays.skill_ids[s]] for s in ready)
        assert chains[arrays.skill_ids[first]] == longest
        ties = [s for s in ready if chains[arrays.skill_ids[s]] == longest]
        assert arrays.weights[role, first] == max(arrays.weights[role, s] for s in ties)


def test_generated_plans_are_reproducible(engine, generated):
    again = generated_plans(engine.arrays)
    assert again.orderings == generated.orderings
    np.testing.assert_array_equal(again.levels, generated.levels)
    other = generated_plans(engine.arrays, seed=1)
    assert not np.array_equal(other.levels, generated.levels)


def test_the_shipped_model_beats_catalog_order_on_generated_plans_too(engine, generated):
    check = check_ranking(engine.arrays, generated, engine.model.coef)
    assert check.plans == len(generated) and check.source == generated.source
    assert check.use_model and check.model.violations == check.baseline.violations == 0


# ---------------------------------------------------------------------------
# Which ranking a catalog gets: the model, or catalog order when the model is worse
# ---------------------------------------------------------------------------

LEVELS = [{"value": v, "word": w, "description": f"{w}."} for v, w in enumerate(["none", "aware", "a", "b", "c", "d"])]
# A small graph: two branches from one root that join again, and a side chain.
SMALL_GRAPH = {"a": [], "b": ["a"], "c": ["a"], "d": ["b", "c"], "e": ["d"], "f": ["a"], "g": ["f"], "h": ["e", "g"]}


def small_catalog(directory) -> str:
    """A catalog of eight skills and one role, written in ``directory``."""
    directory.mkdir()
    files = {
        "catalog.yaml": {"name": "small", "title": "Small", "description": "A small catalog.", "levels": LEVELS},
        "modules.yaml": [{"id": "basics", "name": "Basics", "track": "both", "description": "Basics."}],
        "skills.yaml": [
            {
                "id": f"skill-{s}",
                "name": f"Skill {s.upper()}",
                "module": "basics",
                "description": f"Skill {s}.",
                "prerequisites": [f"skill-{p}" for p in needs],
                "hours": [2, 4, 8, 16, 32],
            }
            for s, needs in SMALL_GRAPH.items()
        ],
        "roles.yaml": [
            {
                "id": "maker",
                "title": "Maker",
                "track": "both",
                "summary": "Makes things.",
                "skills": {f"skill-{s}": {"level": 3, "weight": 0.5, "tier": "core"} for s in SMALL_GRAPH},
            }
        ],
        "resources.yaml": {},
    }
    for name, doc in files.items():
        (directory / name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return str(directory)


def saved_model(path, coef) -> str:
    """A ranking model with weights ``coef``, saved as 'careerpath fit' saves one."""
    ranker = StepRanker()
    ranker.coef_, ranker.n_features_in_, ranker.n_pairs_ = np.asarray(coef, dtype=float), len(FEATURES), 0
    save_model(RankingModel.from_ranker(ranker, trained_on=0), path)
    return str(path)


def reversed_order_weights() -> np.ndarray:
    """The catalog order turned round: whatever is ready and comes last in the catalog first."""
    return -catalog_order_weights()


@pytest.fixture
def small(tmp_path):
    return small_catalog(tmp_path / "small")


def test_a_catalog_is_judged_on_its_own_plans_or_on_generated_ones(engine, small, tmp_path):
    catalog = load_catalog(small)
    assert catalog_plans(catalog, small).source == "generated from the prerequisite graph"
    assert catalog_plans(engine.catalog).source == str(default_reference_path())
    own = {"id": "own", "role": "maker", "skills": [], "ordering": ["skill-a", "skill-f", "skill-b"]}
    (tmp_path / "small" / PLANS_FILE).write_text(json.dumps(own) + "\n", encoding="utf-8")
    refs = catalog_plans(catalog, small)
    assert refs.ids == ["own"] and refs.source.endswith(PLANS_FILE)


def test_a_model_worse_than_catalog_order_is_replaced_by_it(small):
    catalog = load_catalog(small)
    worse = RankingModel(coef=reversed_order_weights(), version="rank-worse", trained_on=0)
    choice = choose_model(catalog, worse, catalog_dir=small)
    assert choice.check.model.ndcg < choice.check.baseline.ndcg
    assert choice.model.version == BASELINE_VERSION
    np.testing.assert_array_equal(choice.model.coef, catalog_order_weights())
    assert "rank-worse" in choice.warning and "worse than catalog order" in choice.warning
    assert "CAREERPATH_RANKING=model" in choice.warning
    kept = choose_model(catalog, worse, "model", small)
    assert kept.model is worse and kept.check is None and kept.warning is None
    forced = choose_model(load_catalog(small), worse, "catalog-order", small)
    assert forced.model.version == BASELINE_VERSION and forced.check is None
    with pytest.raises(ValueError, match="ranking must be one of auto, model, catalog-order"):
        choose_model(catalog, worse, "best")


def test_a_model_at_least_as_good_as_catalog_order_is_kept(engine, small):
    shipped = choose_model(engine.catalog, engine.model)
    assert shipped.model is engine.model and shipped.warning is None and shipped.check.use_model
    assert shipped.check.plans == len(load_reference(engine.parser))
    tie = RankingModel(coef=catalog_order_weights(), version="rank-same", trained_on=0)
    assert choose_model(load_catalog(small), tie, catalog_dir=small).model is tie


def test_the_service_warns_and_ranks_by_catalog_order_when_the_model_is_worse(small, tmp_path, caplog):
    worse = saved_model(tmp_path / "worse.skops", reversed_order_weights())
    with caplog.at_level(logging.WARNING):
        app = create_app({"TESTING": True, "CATALOG": small, "MODEL": worse})
    engine = app.extensions["careerpath"]
    assert engine.model.version == BASELINE_VERSION
    assert any("worse than catalog order" in r.getMessage() for r in caplog.records)
    answer = app.test_client().post("/v1/recommendations", json={"skills": [], "target_role": "maker"}).get_json()
    assert answer["model"] == {"version": BASELINE_VERSION}
    told = create_app({"TESTING": True, "CATALOG": small, "MODEL": worse, "RANKING": "model"})
    assert told.extensions["careerpath"].model.version == load_model(worse).version


def test_a_bad_ranking_setting_stops_the_service():
    with pytest.raises(ConfigError, match="CAREERPATH_RANKING must be one of auto, model, catalog-order"):
        create_app({"TESTING": True, "RANKING": "best"})


# ---------------------------------------------------------------------------
# careerpath evaluate --catalog / fit --catalog
# ---------------------------------------------------------------------------


def cli(*args):
    result = CliRunner().invoke(
        main, [str(a) for a in args], env={"CAREERPATH_MODEL": None, "CAREERPATH_CATALOG": None}
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_evaluate_on_another_catalog_compares_the_model_with_catalog_order(small, tmp_path):
    report = json.loads(cli("evaluate", "--catalog", small, "--folds", "2", "--json"))
    assert report["catalog"] == "small" and report["plans"] == "generated from the prerequisite graph"
    assert {"current", "model", "baseline", "use", "advice"} <= set(report)
    worse = saved_model(tmp_path / "worse.skops", reversed_order_weights())
    text = cli("evaluate", "--catalog", small, "--model", worse, "--folds", "2")
    assert "generated from the prerequisite graph" in text
    assert re.search(r"^rank-\w+ as is\s+[\d.]+\s+-\s+\d+$", text, re.M) and "catalog order" in text
    assert text.rstrip().splitlines()[-1].startswith("use catalog order: the model (rank-")


def test_evaluate_on_the_example_catalog_prints_both_rankings():
    text = cli("evaluate", "--catalog", EXAMPLE, "--folds", "2")
    assert "catalog web-development" in text
    assert re.search(r"^catalog order\s+[\d.]+\s+[\d.]+\s+\d+$", text, re.M)
    assert re.search(r"^use (the model|catalog order)", text.rstrip().splitlines()[-1])


def test_fit_for_a_catalog_writes_its_model_beside_it(small):
    output = cli("fit", "--catalog", small)
    skops, runtime = Path(small) / "model.skops", Path(small) / "model.json"
    assert skops.is_file() and runtime.is_file()
    model = load_model(skops)
    assert f"model {model.version} fitted on {model.trained_on} reference plans" in output
    assert "plans: generated from the prerequisite graph" in output
    check = check_ranking(
        CatalogArrays.from_catalog(load_catalog(small)), catalog_plans(load_catalog(small), small), model.coef
    )
    assert check.use_model  # fitted on these plans, it orders them at least as well as catalog order


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    n_skills=st.integers(2, 30),  # scikit-learn refuses a single document
    k=st.integers(1, 12),
)
def test_ndcg_equals_scikit_learns_with_ties_and_empty_plans(data, n_skills, k):
    """The start-up check's NDCG@k (written out to keep scikit-learn out of start-up) is scikit-learn's,
    including tied scores (skills outside a plan all score 0) and rows with nothing relevant."""
    from sklearn.metrics import ndcg_score

    from recommender.reference import _ndcg_row

    levels = st.integers(0, 4)
    truth = np.array(data.draw(st.lists(levels, min_size=n_skills, max_size=n_skills)), dtype=float)
    predicted = np.array(data.draw(st.lists(levels, min_size=n_skills, max_size=n_skills)), dtype=float)
    assert _ndcg_row(truth, predicted, k) == pytest.approx(ndcg_score([truth], [predicted], k=k), abs=1e-12)


def test_importing_the_start_up_check_leaves_scikit_learn_out():
    """The service checks its model against catalog order at every start; scikit-learn would add 0.9 s."""
    import subprocess
    import sys

    code = "import sys, recommender.evaluation.ranking; print(any(m.startswith('sklearn') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_reference_plans_load_on_a_catalog_with_a_staged_prerequisite_met_another_way(staged_engine):
    # A staged edge (``beyond``) is not among the edges an ordering is checked against, met or not: the shipped
    # plans load, and the alternatives left are those of edges needed from the start.
    arrays = CatalogArrays.from_catalog(staged_engine.catalog)
    edges = Edges.of(arrays)
    python, rag = (staged_engine.catalog.skill_ids.index(s) for s in ("python", "rag"))
    assert not ((edges.skill[edges.met_by.edge] == rag) & (edges.prerequisite[edges.met_by.edge] == python)).any()
    assert len(edges.met_by.edge) == len(arrays.alternatives.alt_edge) - 1
    assert len(load_reference(staged_engine.parser))
    assert len(generated_plans(arrays))
