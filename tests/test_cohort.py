"""Cohorts in the engine layer: wide tables and records to batches, results, and the summary."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recommender import cohort
from recommender.cohort import CohortFileError, frame_to_batch, records_to_batch, resolve_columns
from recommender.summary import OTHER_GROUPS, CohortSummary


def frame(rows: list[dict], columns: list[str] | None = None) -> pd.DataFrame:
    """A wide table as it comes out of a CSV reader: every cell text, empty for not rated."""
    columns = columns or list(dict.fromkeys(k for row in rows for k in row))
    return pd.DataFrame([[str(row.get(c, "")) for c in columns] for row in rows], columns=columns)


def request_for(row: dict) -> dict:
    """The POST /v1/recommendations request equivalent to one wide row."""
    reserved = {"id", "target_role", "hours_per_week", "group"}
    skills = [
        {"name": k, "level": int(v) if str(v).isdigit() else v} for k, v in row.items() if k not in reserved and v != ""
    ]
    request = {"skills": skills}
    if row.get("target_role"):
        request["target_role"] = row["target_role"]
    if row.get("hours_per_week"):
        request["hours_per_week"] = float(row["hours_per_week"])
    return request


MALFORMED = [
    {"id": "ok-1", "python": "4", "rag": "advanced", "prompt-engineering": "3"},
    {"id": "bad-level", "python": "expertt", "rag": "2"},
    {"id": "ok-2", "python": "2", "quantum-computing": "5", "target_role": "ai-engineer"},
    {"id": "bad-role", "python": "3", "target_role": "ml-engineer"},
    {"id": "", "python": "3"},
    {"id": "bad-hours", "python": "3", "hours_per_week": "120"},
    {"id": "ok-3", "hours_per_week": "6"},
    {"id": "two-problems", "rag": "9", "target_role": "boss"},
]


# ---------------------------------------------------------------------------
# The header
# ---------------------------------------------------------------------------


def test_columns_by_id_name_alias_and_module(engine):
    columns = resolve_columns(
        engine, ["ID", "target_role", "Hours per week", "group", "PyTorch", "vector db", "retrieval"]
    )
    assert dict(columns.reserved) == {"id": 0, "target_role": 1, "hours_per_week": 2, "group": 3}
    skills = {engine.arrays.skill_ids[s] for _, s in columns.skills}
    assert skills == {"pytorch", "vector-databases"}
    ((pos, module_skills),) = columns.modules
    assert pos == 6
    assert {engine.arrays.skill_ids[s] for s in module_skills} == {
        s.id for s in engine.catalog.module_skills("retrieval")
    }
    assert not columns.ignored


def test_unknown_columns_are_ignored_with_suggestions_not_guessed(engine):
    columns = resolve_columns(engine, ["id", "pytroch", "email"])
    assert not columns.skills  # a near miss is not silently taken for pytorch
    assert columns.ignored["pytroch"][0] == "pytorch"
    assert columns.ignored["email"] == ()


@pytest.mark.parametrize(
    "column", ["email", "first name", "last name", "team", "manager", "job title", "employee id", "notes", "score"]
)
def test_a_roster_column_is_ignored_without_a_suggestion(engine, column):
    """A programme's roster columns beside the skills are not near misses of a skill: suggesting one (time to
    first token for "first name", fine-tuning jobs for "job title") would be wrong."""
    columns = resolve_columns(engine, ["id", column, "PyTorch"])
    assert columns.ignored == {column: ()}


@pytest.mark.parametrize(
    ("names", "fragment"),
    [
        (["name", "python"], "no 'id' column"),
        (["id", "rag", "RAG"], "columns 'rag' and 'RAG' both give skill rag"),
        (["id", "ID"], "both give column id"),
    ],
)
def test_broken_headers_fail_the_file(engine, names, fragment):
    with pytest.raises(CohortFileError, match=fragment):
        resolve_columns(engine, names)


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


def test_malformed_rows_lose_nothing_and_keep_their_order(engine):
    batch = frame_to_batch(engine, frame(MALFORMED), start=100)
    valid = batch.valid
    assert len(batch) == len(MALFORMED)
    assert list(batch.index) == list(range(100, 100 + len(MALFORMED)))
    assert [batch.ids[i] for i in np.flatnonzero(valid)] == ["ok-1", "ok-2", "ok-3"]
    errors = {batch.id_at(r) or f"#{r}": e for r, e in batch.errors.items()}
    assert set(errors) == {"bad-level", "bad-role", "#4", "bad-hours", "two-problems"}
    assert "'expertt' is not a level" in errors["bad-level"]["python"][0]
    assert "unknown role 'ml-engineer'" in errors["bad-role"]["target_role"][0]
    assert errors["#4"] == {"id": ["an id is required"]}
    assert errors["bad-hours"] == {"hours_per_week": ["120 is out of range; use 1-80 hours per week"]}
    assert set(errors["two-problems"]) == {"rag", "target_role"}
    # The unknown column is reported once for the file, with how many rows filled it.
    assert batch.ignored == {"quantum-computing": 1}
    # Invalid rows never reach the engine with half-parsed levels.
    assert not batch.levels[~valid].any()


def test_error_records_and_frame_account_for_every_invalid_row(engine):
    batch = frame_to_batch(engine, frame(MALFORMED))
    records = batch.error_records()
    assert [r["index"] for r in records] == [1, 3, 4, 5, 7]
    assert records[2] == {"index": 4, "id": None, "errors": {"id": ["an id is required"]}}
    errors = cohort.errors_frame(batch)
    assert list(errors.columns) == ["index", "id", "fields", "message"]
    assert errors.loc[errors["index"] == 7, "fields"].item() == "target_role, rag"
    assert errors.loc[errors["index"] == 7, "message"].item().startswith("target_role: unknown role 'boss'")


def test_levels_as_words_numbers_and_numeric_text(engine):
    rows = [{"id": "a", "python": " Advanced ", "rag": "3.0", "pytorch": "EXPERT", "llm-apis": "0"}]
    batch = frame_to_batch(engine, frame(rows))
    index = {s: i for i, s in enumerate(engine.arrays.skill_ids)}
    assert not batch.errors
    assert batch.levels[0, index["python"]] == 4
    assert batch.levels[0, index["rag"]] == 3
    assert batch.levels[0, index["pytorch"]] == 5
    assert batch.levels[0, index["llm-apis"]] == 0


def test_levels_in_other_languages_and_as_ratings_out_of_the_top(engine):
    rows = [{"id": "a", "python": "Básico", "rag": "3/5", "pytorch": "fortgeschritten"}, {"id": "b", "rag": "7/10"}]
    batch = frame_to_batch(engine, frame(rows))
    index = {s: i for i, s in enumerate(engine.arrays.skill_ids)}
    assert batch.levels[0, index["python"]] == 2
    assert batch.levels[0, index["rag"]] == 3
    assert batch.levels[0, index["pytorch"]] == 4
    (record,) = batch.error_records()  # the row on another scale is reported, not lost
    assert record["index"] == 1 and "rates out of 10, not 5" in record["errors"]["rag"][0]


def test_module_columns_fill_their_skills_unless_the_skill_is_rated(engine):
    rows = [{"id": "a", "retrieval": "3", "rag": "1"}, {"id": "b", "retrieval": "2"}]
    batch = frame_to_batch(engine, frame(rows))
    expected = engine.parse([request_for(r) for r in rows])
    np.testing.assert_array_equal(batch.levels, expected.levels)
    index = {s: i for i, s in enumerate(engine.arrays.skill_ids)}
    assert batch.levels[0, index["rag"]] == 1 and batch.levels[0, index["vector-databases"]] == 3


def read_as_a_profile(engine, rows: list[dict]):
    """A file's rows read as the same rows sent as profiles are: the batch, checked level for level."""
    batch = frame_to_batch(engine, frame(rows))
    np.testing.assert_array_equal(batch.levels, engine.parse([request_for(r) for r in rows]).levels)
    return batch


def column(engine, batch, skill: str) -> list[int]:
    return batch.levels[:, engine.arrays.skill_ids.index(skill)].tolist()


def test_a_capped_column_merges_with_the_skills_own_as_a_profile_does(engine):
    """matching.yaml's up_to in a header: "ChatGPT" at 3 is Gen AI fundamentals at 1 at most, and beside the skill's own
    column the higher level counts, as in a single profile (no 'both give' error)."""
    rows = [
        {"id": "a", "ChatGPT": "3", "genai-fundamentals": "", "SOQL": "4"},
        {"id": "b", "ChatGPT": "3", "genai-fundamentals": "3", "SOQL": ""},
        {"id": "c", "ChatGPT": "", "genai-fundamentals": "", "SOQL": "1"},
    ]
    batch = read_as_a_profile(engine, rows)
    assert column(engine, batch, "genai-fundamentals") == [1, 3, 0]
    assert column(engine, batch, "sql-and-data") == [2, 0, 1]


def test_a_capped_column_implies_nothing_as_in_a_profile(engine):
    """A web UI's column ("ComfyUI") credits Stable Diffusion up to 2 without its prerequisites; the skill's
    own column, where it gives more, implies them."""
    rows = [
        {"id": "a", "ComfyUI": "3", "stable-diffusion": ""},
        {"id": "b", "ComfyUI": "2", "stable-diffusion": "3"},
        {"id": "c", "ComfyUI": "2", "stable-diffusion": "2"},
    ]
    batch = read_as_a_profile(engine, rows)
    assert column(engine, batch, "stable-diffusion") == [2, 3, 2]
    python = column(engine, batch, "python")
    assert python[0] == 0 < python[1]


def test_a_capped_column_rises_to_what_the_rest_of_the_row_implies_as_in_a_profile(engine):
    """ "ChatGPT" at 3 credits Gen AI fundamentals at 1 at most (at 4 its practice credits 2), but a RAG engineer's row implies it at 3: the capped
    column is no ceiling on what the rest implies, in a file as in a profile ("ChatGPT" 0 neither)."""
    rows = [
        {"id": "a", "ChatGPT": "3", "rag": "4"},
        {"id": "b", "ChatGPT": "0", "rag": "4"},
        {"id": "c", "ChatGPT": "3", "rag": ""},
    ]
    assert column(engine, read_as_a_profile(engine, rows), "genai-fundamentals") == [3, 3, 1]


def test_a_bare_copilot_column_is_github_copilot_in_a_developers_row_as_in_a_profile(engine):
    """A column headed "Copilot" is Microsoft's chat assistant (Gen AI fundamentals up to 1) in most rows, but in a
    row rating a programming language at 3 or more it is GitHub Copilot, as the same entries in a profile are; a
    language rated lower, or only through a capped column ("SOQL"), makes no developer."""
    rows = [
        {"id": "dev", "Copilot": "3", "JavaScript": "4", "Python": "", "SOQL": ""},
        {"id": "pythonist", "Copilot": "2", "JavaScript": "", "Python": "3", "SOQL": ""},
        {"id": "analyst", "Copilot": "3", "JavaScript": "", "Python": "", "SOQL": "4"},
        {"id": "learner", "Copilot": "3", "JavaScript": "2", "Python": "", "SOQL": ""},
        {"id": "none", "Copilot": "", "JavaScript": "4", "Python": "", "SOQL": ""},
    ]
    batch = read_as_a_profile(engine, rows)
    assert column(engine, batch, "ai-coding-assistants") == [3, 2, 0, 0, 0]
    assert column(engine, batch, "genai-fundamentals")[2:4] == [1, 1]
    restricted = batch.restricted[:, engine.arrays.skill_ids.index("genai-fundamentals")]
    assert restricted.tolist() == [False, False, True, True, False]


def test_a_products_column_used_on_real_work_credits_its_practice_as_a_profile_does(engine):
    """matching.yaml's practice: "ChatGPT" at 2 also credits prompt engineering up to 1, at 3 or more up to 2, in a
    file as in a profile; below 2, or where the file rates prompt engineering itself, it does not."""
    rows = [
        {"id": "a", "ChatGPT": "4", "prompt-engineering": ""},
        {"id": "b", "ChatGPT": "1", "prompt-engineering": ""},
        {"id": "c", "ChatGPT": "3", "prompt-engineering": "0"},
        {"id": "e", "ChatGPT": "2", "prompt-engineering": ""},
    ]
    assert column(engine, read_as_a_profile(engine, rows), "prompt-engineering") == [2, 0, 0, 1]
    bad = frame_to_batch(engine, frame([*rows, {"id": "d", "ChatGPT": "x", "prompt-engineering": ""}]))
    assert list(bad.errors) == [4] and list(bad.errors[4]) == ["ChatGPT"]  # one error for the cell, not three


def test_a_column_of_no_skill_used_on_real_work_credits_its_practice_as_a_profile_does(engine):
    """matching.yaml's practice through a rule meaning none: a "MongoDB" column at 3 credits SQL and data up to 1,
    below 3 nothing, and a column rating SQL and data itself wins, in a file as in a profile."""
    rows = [
        {"id": "a", "MongoDB": "4", "sql-and-data": ""},
        {"id": "b", "MongoDB": "2", "sql-and-data": ""},
        {"id": "c", "MongoDB": "3", "sql-and-data": "0"},
    ]
    assert column(engine, read_as_a_profile(engine, rows), "sql-and-data") == [1, 0, 0]


def test_typed_and_categorical_columns_parse_the_same(engine):
    text = frame([{"id": "1", "python": "4", "rag": "", "hours_per_week": "8"}, {"id": "2", "python": "", "rag": "2"}])
    typed = pd.DataFrame(
        {"id": [1, 2], "python": [4.0, np.nan], "rag": pd.Categorical([None, "2"]), "hours_per_week": [8, None]}
    )
    a, b = frame_to_batch(engine, text), frame_to_batch(engine, typed)
    np.testing.assert_array_equal(a.levels, b.levels)
    np.testing.assert_array_equal(a.hours_per_week, b.hours_per_week)
    assert list(a.ids) == list(b.ids) == ["1", "2"]
    assert not a.errors and not b.errors


def test_records_follow_the_engine_and_add_id_group_and_unknown_fields(engine):
    records = [
        {"id": "a", "skills": [{"name": "Python", "level": 3}], "group": "x"},
        {"id": 7, "skills": [{"name": "rag", "level": 9}]},
        {"skills": []},
        {"id": "d", "skills": [], "colour": "blue"},
        "not a profile",
        {"id": "f", "skills": [{"name": "quantum knitting", "level": 2}]},
    ]
    batch = records_to_batch(engine, records)
    assert [batch.id_at(r) for r in range(len(batch))] == ["a", "7", None, "d", None, "f"]
    assert [batch.group_at(r) for r in range(len(batch))] == ["x", None, None, None, None, None]
    assert set(batch.errors) == {1, 2, 3, 4}
    assert "skills.0.level" in batch.errors[1]
    assert batch.errors[2] == {"id": ["an id is required"]}
    assert batch.errors[3] == {"colour": ["Unknown field."]}
    assert "_schema" in batch.errors[4]
    assert batch.ignored == {"quantum knitting": 1}


def test_wide_rows_and_records_give_the_same_batch(engine):
    rows = [r for r in MALFORMED if r["id"].startswith("ok")]
    wide = frame_to_batch(engine, frame(rows))
    records = records_to_batch(engine, [{"id": r["id"], **request_for(r)} for r in rows])
    np.testing.assert_array_equal(wide.levels, records.levels)
    np.testing.assert_array_equal(wide.targets, records.targets)
    np.testing.assert_array_equal(wide.hours_per_week, records.hours_per_week)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("steps", [0, 3, 10])
def test_each_result_equals_the_single_profile_api(engine, steps):
    rows = [r for r in MALFORMED if r["id"].startswith("ok")] + [{"id": "z", "retrieval": "4", "python": "expert"}]
    batch = frame_to_batch(engine, frame(rows))
    results = cohort.results(engine, batch, cohort.score_batch(engine, batch, steps), steps)
    assert [r["id"] for r in results] == [r["id"] for r in rows]
    for row, result in zip(rows, results, strict=True):
        single = engine.recommend({**request_for(row), "limit": steps})
        assert result["roles"] == single["roles"]
        assert result["target_role"] == single["target_role"]
        assert result["plan"] == single["plan"]


def test_a_staged_prerequisite_met_another_way_plans_each_row_as_alone(staged_engine):
    """RAG needing Python at 3 past level 1, or another language at 3 (conftest's STAGED_ALTERNATIVE): a cohort
    mixing rows that meet it through Kotlin, hold neither, or hold Python (at the level needed or not) gives each
    row its own plan."""
    rows = [
        {"id": "kotlin", "Kotlin": "4", "rag": "1"},
        {"id": "python-beginner", "python": "2", "rag": "1"},
        {"id": "newcomer", "prompt-engineering": "1"},
        {"id": "both", "Kotlin": "4", "python": "3", "rag": "2"},
        {"id": "python-held", "python": "4"},  # holds the level needed: RAG's step is not split at 1
    ]
    batch = frame_to_batch(staged_engine, frame(rows))
    results = cohort.results(staged_engine, batch, cohort.score_batch(staged_engine, batch, 10), 10)
    for row, result in zip(rows, results, strict=True):
        assert result["plan"] == staged_engine.recommend({**request_for(row), "limit": 10})["plan"], row["id"]


def test_results_frame_has_one_flat_row_per_valid_profile(engine):
    batch = frame_to_batch(engine, frame(MALFORMED))
    scores = cohort.score_batch(engine, batch, 4)
    out = cohort.results_frame(engine, batch, scores, 4)
    roles = engine.arrays.role_ids
    assert list(out.columns) == [
        "index",
        "id",
        "target_role",
        "best_role",
        "target_fit",
        *(cohort.column_name("fit", r) for r in roles),
        "total_steps",
        "total_hours",
        "hours_per_week",
        "weeks",
        "inferred_skills",
        "step_1",
        "step_2",
        "step_3",
        "step_4",
    ]
    assert list(out["index"]) == [0, 2, 6]
    results = cohort.results(engine, batch, scores, 4)
    for (_, row), result in zip(out.iterrows(), results, strict=True):
        assert row["target_role"] == result["target_role"]
        assert row["best_role"] == result["roles"][0]["role"]
        assert row["total_hours"] == result["plan"]["total_hours"]
        assert row["weeks"] == result["plan"]["weeks"]
        steps = [s["skill"] for s in result["plan"]["steps"]]
        assert [row[f"step_{k}"] for k in range(1, 5) if isinstance(row[f"step_{k}"], str)] == steps


def test_results_table_codes_roles_and_steps_as_dictionaries_and_missing_steps_as_nulls(engine):
    """What Parquet files get: role and step columns dictionary-encoded over the catalog's ids, past the plan null."""
    batch = frame_to_batch(engine, frame(MALFORMED))
    scores = cohort.score_batch(engine, batch, 12)
    table = cohort.results_table(engine, batch, scores, 12)
    for name in ("target_role", "best_role", "step_1", "step_12"):
        column = table.column(name).combine_chunks()
        assert pa.types.is_dictionary(column.type), name
        assert column.dictionary.to_pylist() == list(
            engine.arrays.role_ids if name.endswith("role") else engine.arrays.skill_ids
        )
    steps = [table.column(f"step_{k}").to_pylist() for k in range(1, 13)]
    for row, result in enumerate(cohort.results(engine, batch, scores, 12)):
        plan = [s["skill"] for s in result["plan"]["steps"]]
        assert [step[row] for step in steps] == plan + [None] * (12 - len(plan))
        assert table.column("id")[row].as_py() == result["id"]
    errors = cohort.errors_table(batch)
    assert errors.column("index").to_pylist() == [r["index"] for r in batch.error_records()]
    assert errors.column("id").to_pylist() == [r["id"] for r in batch.error_records()]


# ---------------------------------------------------------------------------
# The summary
# ---------------------------------------------------------------------------


def random_cohort(engine, n: int, seed: int = 0, groups=("a", "b", "c")) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    skills = engine.arrays.skill_ids
    data = {"id": [f"p{i}" for i in range(n)], "group": rng.choice(groups, n)}
    for s in skills[:20]:
        data[s] = np.where(rng.random(n) < 0.5, rng.integers(0, 6, n).astype(str), "")
    data["target_role"] = rng.choice(["", *engine.arrays.role_ids], n)
    return pd.DataFrame(data)


def summarise(engine, df, **kwargs) -> tuple[CohortSummary, cohort.CohortBatch, object]:
    batch = frame_to_batch(engine, df)
    scores = cohort.score_batch(engine, batch, 0)
    summary = CohortSummary(engine.arrays, engine.catalog, **kwargs)
    summary.add(batch, scores)
    return summary, batch, scores


def test_summary_statistics_match_numpy(engine):
    summary, batch, scores = summarise(engine, random_cohort(engine, 301))
    out = summary.to_dict()
    roles = engine.arrays.role_ids
    assert out["rows"] == out["scored"] == 301 and out["errors"] == 0
    for r, role in enumerate(roles):
        assert out["fit"][role]["mean"] == pytest.approx(scores.fit[:, r].mean(), abs=1e-4)
        assert out["fit"][role]["median"] == pytest.approx(np.median(scores.fit[:, r]), abs=1e-9)
        assert sum(out["fit_histogram"]["counts"][role]) == 301
    assert out["best_fit"] == {role: int((scores.role_order[:, 0] == r).sum()) for r, role in enumerate(roles)}
    ready = scores.fit[np.arange(301), scores.target]
    assert out["readiness"]["median"] == pytest.approx(np.median(ready), abs=1e-9)
    assert sum(out["readiness"]["counts"]) == 301
    # The most-lacking skill, by brute force.
    goal = engine.arrays.targets[scores.target]
    below = (batch.levels < goal).sum(axis=0)
    top = out["lacking"][0]
    assert top["members_below"] == below.max()
    s = engine.arrays.skill_ids.index(top["skill"])
    gaps = (goal[:, s] - batch.levels[:, s])[batch.levels[:, s] < goal[:, s]]
    assert top["mean_gap"] == pytest.approx(gaps.mean(), abs=0.01)
    shares = [x["share_below"] for x in out["lacking"]]
    assert shares == sorted(shares, reverse=True)


def test_summary_hours_are_each_members_share_of_them(engine):
    # A developer fluent in another language learns Python in a share of a beginner's hours (faster_with): the
    # cohort's hours to close its Python gap count what the plans count.
    df = pd.DataFrame(
        {
            "id": ["beginner", "developer"],
            "python": ["0", "0"],
            "programming-languages": ["0", "5"],
            "target_role": ["software-developer"] * 2,
        }
    )
    summary, batch, scores = summarise(engine, df, min_group=1)
    python = next(x for x in summary.to_dict()["lacking"] if x["skill"] == "python")
    target = engine.catalog.role("software-developer").skills["python"].level
    usual = sum(engine.catalog.skill("python").hours[:target])
    rule = min(engine.catalog.skill("python").faster_with, key=lambda r: r.share)  # the fluent developer's
    assert rule.skill == "programming-languages" and rule.level <= 5
    assert python["members_below"] == 2
    assert python["total_hours"] == pytest.approx(round(usual * (1 + rule.share), 1))


def test_partial_summaries_merge_to_the_whole(engine):
    df = random_cohort(engine, 400, seed=3)
    whole, *_ = summarise(engine, df, min_group=1)
    parts = [summarise(engine, df.iloc[i : i + 90].reset_index(drop=True), min_group=1)[0] for i in range(0, 400, 90)]
    merged = parts[0]
    for part in parts[1:]:
        merged.merge(part)
    assert merged.to_dict() == whole.to_dict()


def test_small_groups_are_only_counted_and_pooled(engine):
    df = random_cohort(engine, 30, seed=5)
    df["group"] = ["big"] * 20 + ["five"] * 5 + ["four"] * 4 + [""]
    df.loc[24, "python"] = "wrong"  # "five" has 5 rows but only 4 scored members
    out = summarise(engine, df, min_group=5)[0].to_dict()
    groups = {g["group"]: g for g in out["groups"]}
    assert set(groups) == {"big", "five", "four", None, OTHER_GROUPS}
    assert groups["big"]["suppressed"] is False and groups["big"]["scored"] == 20
    for name in ("five", "four", None):
        assert groups[name] == {"group": name, "rows": groups[name]["rows"], "suppressed": True}
    assert groups["five"]["rows"] == 5
    pool = groups[OTHER_GROUPS]
    assert not pool["suppressed"] and (pool["rows"], pool["scored"], pool["errors"]) == (10, 9, 1)
    out = summarise(engine, df, min_group=4)[0].to_dict()
    groups = {g["group"]: g for g in out["groups"]}
    # None's one member alone would be the residual: the smallest shown group ("five", 4) joins the pool.
    assert not groups["four"]["suppressed"] and groups["five"]["suppressed"] and groups[None]["suppressed"]
    assert not groups[OTHER_GROUPS]["suppressed"] and groups[OTHER_GROUPS]["scored"] == 5


def residual(out: dict, figure) -> np.ndarray:
    """What subtraction gives an attacker: the cohort's figure minus every shown group's."""
    shown = [g for g in out.get("groups", []) if not g["suppressed"]]
    return figure(out) - sum((figure(g) for g in shown), np.zeros_like(figure(out)))


FIGURES = {
    "best_fit": lambda s: np.array(list(s["best_fit"].values())),
    "readiness": lambda s: np.array(s["readiness"]["counts"]),
    "fit bucket": lambda s: np.array(list(s["fit_histogram"]["counts"].values())).ravel(),
    "target": lambda s: np.array(list(s["target_roles"].values())),
}


def assert_no_one_singled_out(out: dict, k: int) -> None:
    """Any set of members whose figures can be computed has at least k members, or is the whole cohort."""
    shown = [g for g in out.get("groups", []) if not g["suppressed"]]
    assert all(g["scored"] >= k for g in shown)
    for name, figure in FIGURES.items():
        left = residual(out, figure)
        members = int(left.sum()) // (len(out["best_fit"]) if name == "fit bucket" else 1)
        assert members == 0 or members >= k or members == out["scored"], (name, members)


def test_a_suppressed_member_cannot_be_recovered_by_subtraction(engine):
    """Issue 17 §4: five in team-a and alice alone; overall minus team-a was alice's role, readiness and fit."""
    roles = engine.arrays.role_ids
    team = [{"id": f"t{i}", "python": "5", "group": "team-a", "target_role": roles[0]} for i in range(5)]
    alice = {"id": "alice", "group": "alice", "target_role": roles[-1], "prompt-engineering": "1"}
    df = frame([*team, alice, *({**m, "id": f"b{i}", "group": "team-b"} for i, m in enumerate(team))])
    summary, batch, scores = summarise(engine, df, min_group=5)
    out = summary.to_dict()
    assert {g["group"]: g["suppressed"] for g in out["groups"]}["alice"]
    for name, figure in FIGURES.items():
        left = residual(out, figure)
        assert left.sum() == 0 or left.sum() >= 5 * (len(roles) if name == "fit bucket" else 1), name
    # Her own figures are nowhere on their own: not as a residual, not as an entry.
    her_role = roles[scores.role_order[5, 0]]  # row 5; every row is valid
    alone = np.array([int(r == her_role) for r in roles])
    assert not np.array_equal(residual(out, FIGURES["best_fit"]), alone)
    assert all(not np.array_equal(FIGURES["best_fit"](g), alone) for g in out["groups"] if not g["suppressed"])
    assert_no_one_singled_out(out, 5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(0, 8), min_size=1, max_size=6), k=st.integers(1, 6), ungrouped=st.integers(0, 3))
def test_no_subtraction_singles_anyone_out(engine, sizes, k, ungrouped):
    groups = [f"g{i}" for i, n in enumerate(sizes) for _ in range(n)] + [""] * ungrouped
    if not groups:
        return
    df = random_cohort(engine, len(groups), seed=len(groups))
    df["group"] = groups
    out = summarise(engine, df, min_group=k)[0].to_dict()
    assert_no_one_singled_out(out, k)
    # Pooling loses no member: the shown entries and the residual account for the whole cohort.
    assert sum(
        g["rows"] for g in out.get("groups", [{"group": None, "rows": len(groups)}]) if g["group"] != OTHER_GROUPS
    ) == len(groups)


def test_no_group_column_no_group_breakdown(engine):
    out = summarise(engine, random_cohort(engine, 20).drop(columns="group"))[0].to_dict()
    assert "groups" not in out


@pytest.mark.parametrize("steps", [0, 3, 46])
def test_engine_threads_change_nothing(engine, catalog, steps, monkeypatch):
    # careerpath batch scores chunks on its own threads with a one-thread engine.
    from recommender import engine as engine_module
    from recommender.engine import Engine

    # Small blocks, so a small cohort is still spread over the engine's threads in several blocks.
    monkeypatch.setattr(engine_module, "BLOCK_ROWS", 256)
    single = Engine(catalog, engine.model, threads=1)
    batch = frame_to_batch(engine, random_cohort(engine, 2_000, seed=9))
    threaded, one = cohort.score_batch(engine, batch, steps), cohort.score_batch(single, batch, steps)
    pd.testing.assert_frame_equal(
        cohort.results_frame(engine, batch, one, steps), cohort.results_frame(engine, batch, threaded, steps)
    )


def test_a_wide_row_counts_the_skills_its_levels_imply(engine):
    frame = pd.DataFrame({"id": ["a", "b"], "bert": ["4", ""], "python": ["", "2"]})
    batch = cohort.frame_to_batch(engine, frame)
    out = cohort.results_frame(engine, batch, cohort.score_batch(engine, batch, 3), 3)
    alone = [
        engine.recommend({"skills": skills})["profile"]["inferred"]
        for skills in ([{"name": "bert", "level": 4}], [{"name": "python", "level": 2}])
    ]
    assert list(out["inferred_skills"]) == [len(a) for a in alone]
    assert out["inferred_skills"].iloc[0] > 0


def test_a_file_keeps_only_the_count_of_implied_skills(engine):
    """careerpath batch reads rows without recording each raised cell: the same levels and counts, no cells."""
    df = random_cohort(engine, 500, seed=3)
    shown, counted = frame_to_batch(engine, df), frame_to_batch(engine, df, readings=False)
    np.testing.assert_array_equal(counted.levels, shown.levels)
    np.testing.assert_array_equal(counted.inferred_counts(), shown.inferred_counts())
    assert counted.inferred_counts().sum() > 0
    with pytest.raises(ValueError, match="readings=True"):
        counted.profile_readings(engine.arrays.skill_ids)


def test_a_wide_tables_goals_wishing_for_a_role_set_the_target_as_the_api_does(engine):
    """One code path: a wide row's goals cell naming a role reads the target a profile's goals do."""
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "target_role": [None, "software-developer", None],
            "goals": ["become an ML engineer", "become an ML engineer", "help our AI engineers"],
            "python": [3, 3, 3],
        }
    )
    batch = frame_to_batch(engine, frame)
    python = [{"name": "python", "level": 3}]
    requests = [
        {"skills": python, "goals": ["become an ML engineer"]},
        {"skills": python, "goals": ["become an ML engineer"], "target_role": "software-developer"},
        {"skills": python, "goals": ["help our AI engineers"]},
    ]
    assert batch.targets.tolist() == engine.parse(requests).targets.tolist()
    assert batch.targets[0] < -1 and batch.targets[2] == -1
