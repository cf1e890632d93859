"""Reference plans, fitting and evaluation (recommender/reference.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from recommender.features import FEATURES, plan_mask, step_features
from recommender.reference import (
    ReferenceError,
    catalog_order_weights,
    count_violations,
    default_reference_path,
    evaluate,
    fit_model,
    load_reference,
    ndcg,
    produced_orders,
    training_rows,
)


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
    rag, vdb, pe = skills.index("rag"), skills.index("vector-databases"), skills.index("prompt-engineering")
    in_plan = np.zeros((1, engine.arrays.n_skills), dtype=bool)
    in_plan[0, [rag, vdb, pe]] = True
    order = np.full((1, engine.arrays.n_skills), -1)
    order[0, :3] = [rag, vdb, pe]
    assert count_violations(engine.arrays, order, in_plan) == 2
    order[0, :3] = [vdb, rag, pe]
    assert count_violations(engine.arrays, order, in_plan) == 1
    order[0, :3] = [vdb, pe, rag]
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
    assert not refs.blocked[0, llm_apis, python]
    order = np.full((1, engine.arrays.n_skills), -1)
    order[0, :2] = [llm_apis, python]
    in_plan = engine.arrays.targets[refs.roles] > refs.levels
    assert count_violations(engine.arrays, order, in_plan, refs.blocked) == 0
    every = int((engine.arrays.prereq[llm_apis] & in_plan[0]).sum())  # without levels every prerequisite counts
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
