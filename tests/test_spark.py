"""Cohort scoring on Apache Spark in local mode: the same results as the local engine."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from api.cli import main
from recommender import cohort
from recommender.summary import CohortSummary

pytestmark = [
    pytest.mark.spark,
    # PySpark 4.x has not caught up with pandas 3 yet; what it warns about does not affect mapInPandas.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]


@pytest.fixture(scope="module")
def sample(engine) -> pd.DataFrame:
    """300 rows, every column text as a CSV reader gives it; a few rows that cannot be scored."""
    rng = np.random.default_rng(42)
    n = 300
    words = np.array(["none", "aware", "beginner", "intermediate", "advanced", "expert"])
    data = {
        "id": [f"s{i:03d}" for i in range(n)],
        "target_role": rng.choice([None, *engine.arrays.role_ids], n),
        "hours_per_week": rng.choice([None, "4", "12"], n),
        "group": rng.choice(["north", "south", "tiny"], n, p=[0.5, 0.49, 0.01]),
    }
    for s in (*engine.arrays.skill_ids[:18], "retrieval"):
        level = rng.integers(0, 6, n)
        data[s] = np.where(rng.random(n) < 0.5, np.where(rng.random(n) < 0.3, words[level], level.astype(str)), None)
    frame = pd.DataFrame(data)
    frame.loc[[3, 150], "python"] = "guru"
    frame.loc[77, "target_role"] = "astronaut"
    frame.loc[200, "id"] = None
    return frame


def local(engine, frame: pd.DataFrame, steps: int):
    batch = cohort.frame_to_batch(engine, frame)
    scores = cohort.score_batch(engine, batch, steps)
    return batch, scores, cohort.results_frame(engine, batch, scores, steps)


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype({c: object for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])})
    return frame.where(frame.notna(), None).reset_index(drop=True)


def test_spark_scores_like_the_local_engine(spark, engine, sample):
    from recommender.spark import score_spark

    df = spark.createDataFrame(sample.astype(object).where(sample.notna(), None)).repartition(3)
    scored = score_spark(df, steps=5, engine=engine).toPandas()
    assert len(scored) == len(sample), "one row out per row in"
    batch, _, expected = local(engine, sample, 5)

    done = scored[scored["error_message"].isna()].drop(columns=["error_fields", "error_message"])
    done = done.set_index("id").loc[expected["id"]].reset_index()[list(expected.columns)]
    # Repartitioning shuffles rows, so ``index`` follows Spark's order; everything else must agree.
    pd.testing.assert_frame_equal(
        plain(done.drop(columns="index")), plain(expected.drop(columns="index")), check_dtype=False
    )
    failed = scored[scored["error_message"].notna()]
    assert sorted(failed["id"].fillna("")) == sorted(r["id"] or "" for r in batch.error_records())
    assert sorted(scored["index"]) == list(range(len(sample)))


def test_index_is_the_row_number_without_a_shuffle(spark, engine, sample, tmp_path):
    from recommender.spark import score_spark

    path = tmp_path / "sample.csv"
    sample.to_csv(path, index=False)
    df = spark.read.option("header", True).csv(str(path))
    scored = score_spark(df, steps=2, engine=engine).toPandas().sort_values("index")
    assert list(scored["index"]) == list(range(len(sample)))
    assert list(scored["id"].fillna("")) == list(sample["id"].fillna(""))


def test_spark_summary_equals_the_local_summary(spark, engine, sample):
    from recommender.spark import summarize_spark

    df = spark.createDataFrame(sample.astype(object).where(sample.notna(), None)).repartition(2)
    batch, scores, _ = local(engine, sample, 0)
    expected = CohortSummary(engine.arrays, engine.catalog, min_group=5)
    expected.add(batch, scores)
    assert summarize_spark(df, min_group=5, engine=engine) == expected.to_dict()


def test_batch_engine_spark(spark, engine, sample, tmp_path):
    source = tmp_path / "cohort.csv"
    sample.to_csv(source, index=False)
    out, summary = tmp_path / "out.parquet", tmp_path / "summary.json"
    result = CliRunner().invoke(
        main, ["batch", str(source), "--out", str(out), "--engine", "spark", "--summary", str(summary), "--steps", "3"]
    )
    assert result.exit_code == 0, result.output
    assert out.is_dir() and (out / "_SUCCESS").exists(), "Spark writes a directory of part files"
    results = pd.read_parquet(out).sort_values("index").reset_index(drop=True)
    errors = pd.concat(pd.read_csv(p) for p in (tmp_path / "out.errors.csv").glob("*.csv"))
    assert len(results) + len(errors) == len(sample)
    assert sorted(errors["index"]) == [3, 77, 150, 200]
    _, _, expected = local(engine, sample, 3)
    pd.testing.assert_frame_equal(plain(results), plain(expected), check_dtype=False)
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["rows"] == len(sample) and data["errors"] == 4
    assert {g["group"]: g["suppressed"] for g in data["groups"]}["tiny"] is True
    assert not list(tmp_path.glob(".*.part"))
