"""Cohort scoring on Apache Spark, for cohorts that do not fit one machine.

Each partition is scored by the same vectorised code as ``careerpath batch``
(:func:`recommender.cohort.frame_to_batch` and :meth:`Engine.score`) inside
``mapInPandas``. The catalog files and the model file are broadcast as bytes, and
each Python worker builds its engine from them once and keeps it, so executors
need neither the files nor a shared filesystem.

Usage (``pip install 'careerpath[spark]'``)::

    from recommender.spark import score_spark, summarize_spark

    cohort = spark.read.option("header", True).csv("s3://bucket/cohort/*.csv")
    scored = score_spark(cohort, steps=10)          # one row per input row
    scored.where("error_message IS NULL").write.parquet("s3://bucket/scored")
    scored.where("error_message IS NOT NULL").select("index", "id", "error_fields", "error_message") \\
        .write.csv("s3://bucket/scored-errors", header=True)
    summary = summarize_spark(cohort)                # the cohort summary, as a dict

The input is a wide table as for ``careerpath batch``: ``id``, optional
``target_role``, ``hours_per_week`` and ``group``, then one column per skill or
module holding a level; null or empty is "not rated". Column types do not matter
(levels may be numbers or words).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from recommender.cohort import (
    DEFAULT_STEPS,
    Columns,
    errors_frame,
    frame_to_batch,
    resolve_columns,
    results_frame,
    score_batch,
)

_ENGINES: dict[str, object] = {}  # per Python worker: payload digest -> Engine


# ---------------------------------------------------------------------------
# Shipping the engine to executors
# ---------------------------------------------------------------------------


def engine_payload(catalog_dir=None, model_path=None, model=None) -> dict:
    """The catalog files and model file as bytes, plus a digest that names them.

    ``model``: the ranking the driver's engine uses, when it is not simply the file's
    (catalog order replaces a model that fits the catalog worse: CAREERPATH_RANKING).
    """
    from recommender.modelio import load_model, runtime_document
    from skills import resolve_catalog_dir

    directory = Path(resolve_catalog_dir(catalog_dir))
    files = {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file() and p.suffix == ".yaml"}
    # Executors score, so they get the model's runtime file (weights), not the skops estimator.
    model = json.dumps(runtime_document(model or load_model(model_path))).encode()
    digest = hashlib.sha256(model)
    for name, data in files.items():
        digest.update(name.encode() + b"\0" + data)
    return {"digest": digest.hexdigest(), "catalog": files, "model": model}


def engine_from_payload(payload: dict):
    """The engine for a broadcast payload, built once per Python worker."""
    engine = _ENGINES.get(payload["digest"])
    if engine is None:
        from recommender.engine import Engine

        root = Path(tempfile.mkdtemp(prefix="careerpath-engine-"))
        (root / "catalog").mkdir()
        for name, data in payload["catalog"].items():
            (root / "catalog" / name).write_bytes(data)
        (root / "model.json").write_bytes(payload["model"])
        engine = _ENGINES[payload["digest"]] = Engine.load(root / "catalog", root / "model.json")
    return engine


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def output_columns(engine, columns: Columns, steps: int) -> list[tuple[str, str]]:
    """``(name, Spark SQL type)`` of :func:`score_spark`'s rows: the batch output plus the error columns."""
    types = []
    empty = pd.DataFrame({i: pd.Series([], dtype=object) for i in range(len(columns.names))})
    empty.columns = list(columns.names)
    batch = frame_to_batch(engine, empty, columns)
    frame = results_frame(engine, batch, engine.score(batch.levels, batch.targets, batch.hours_per_week, steps), steps)
    for name, dtype in frame.dtypes.items():
        if pd.api.types.is_integer_dtype(dtype):
            types.append((name, "bigint"))
        elif pd.api.types.is_float_dtype(dtype):
            types.append((name, "double"))
        else:
            types.append((name, "string"))
    return [*types, ("error_fields", "string"), ("error_message", "string")]


def _partition_offsets(df) -> dict[int, int]:
    """Rows before each partition, so ``index`` numbers rows across the whole input."""
    from pyspark.sql import functions as F

    counts = dict(df.select(F.spark_partition_id().alias("p")).groupBy("p").count().collect())
    offsets, total = {}, 0
    for p in range(max(counts, default=-1) + 1):
        offsets[p] = total
        total += counts.get(p, 0)
    return offsets


def _as_spark(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Plain object/number columns in the order of the declared schema (Arrow has no pandas categoricals)."""
    out = {}
    for name in names:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(column.dtype):
            column = column.astype(object).where(column.notna(), None)
        out[name] = column
    return pd.DataFrame(out)


def score_spark(df, catalog_dir=None, model_path=None, steps: int = DEFAULT_STEPS, engine=None):
    """Score every row of a Spark DataFrame; returns a DataFrame with one row per input row.

    Scored rows have the columns of ``careerpath batch``'s output (``index``, ``id``,
    ``target_role``, ``best_role``, ``fit_<role>``, ``total_hours``, ``weeks``,
    ``step_1`` ...) and null ``error_fields`` / ``error_message``; rows that cannot
    be scored have those two set (and ``index``, ``id``), the rest null.

    ``index`` is the row's position in the DataFrame's partition order (for one
    CSV file, its data row number from 0). ``engine`` is an already-loaded engine
    for the same catalog and model, to save loading one on the driver.
    """
    from pyspark.sql import SparkSession

    from recommender.engine import Engine

    spark = SparkSession.getActiveSession() or df.sparkSession
    engine = engine or Engine.load(catalog_dir, model_path)
    columns = resolve_columns(engine, df.columns)
    schema = output_columns(engine, columns, steps)
    names = [name for name, _ in schema]
    payload = spark.sparkContext.broadcast(engine_payload(catalog_dir, model_path, engine.model))
    offsets = _partition_offsets(df)

    def score_partition(frames):
        from pyspark import TaskContext

        local = engine_from_payload(payload.value)
        start = offsets.get(TaskContext.get().partitionId(), 0)
        for frame in frames:
            batch = frame_to_batch(local, frame.reset_index(drop=True), columns, start, readings=False)
            start += len(frame)
            scores = score_batch(local, batch, steps)
            done = results_frame(local, batch, scores, steps)
            failed = errors_frame(batch).rename(columns={"fields": "error_fields", "message": "error_message"})
            if batch.groups is not None and len(failed):
                failed["group"] = batch.groups[np.asarray(sorted(batch.errors), dtype=np.int64)]
            both = pd.concat([_as_spark(done, [n for n in names if n in done]), failed], ignore_index=True)
            yield _as_spark(both.reindex(columns=names).sort_values("index", kind="stable"), names)

    return df.mapInPandas(score_partition, ", ".join(f"`{n}` {t}" for n, t in schema))


def summarize_spark(df, catalog_dir=None, model_path=None, min_group: int = 5, engine=None) -> dict:
    """The cohort summary (as :meth:`CohortSummary.to_dict`) of a Spark DataFrame.

    Each partition summarises itself (plans are not needed, so it is cheaper than
    scoring); the partial summaries are merged on the driver.
    """
    from pyspark.sql import SparkSession

    from recommender.engine import Engine
    from recommender.summary import CohortSummary

    spark = SparkSession.getActiveSession() or df.sparkSession
    engine = engine or Engine.load(catalog_dir, model_path)
    columns = resolve_columns(engine, df.columns)
    payload = spark.sparkContext.broadcast(engine_payload(catalog_dir, model_path, engine.model))

    def summarize_partition(frames):
        local = engine_from_payload(payload.value)
        part = CohortSummary(local.arrays, local.catalog, min_group=min_group)
        for frame in frames:
            batch = frame_to_batch(local, frame.reset_index(drop=True), columns, readings=False)
            part.add(batch, score_batch(local, batch, 0))  # no plan steps: the summary needs none
        # Our own counters, between our own processes: pickle is the simple choice here.
        yield pd.DataFrame({"summary": [pickle.dumps(part.state())]})

    total = CohortSummary(engine.arrays, engine.catalog, min_group=min_group)
    for row in df.mapInPandas(summarize_partition, "summary binary").collect():
        total.merge(CohortSummary.from_state(pickle.loads(row["summary"]), engine.arrays, engine.catalog))
    return total.to_dict()


def default_session(master: str = "local[*]", app_name: str = "careerpath", conf: dict | None = None):
    """A Spark session for the command line (or the active one); ``conf`` adds settings."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYARROW_IGNORE_TIMEZONE", "1")
    # PySpark warns about every pandas 3 release it has not been tested with; mapInPandas works.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    session = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower())
    )
    for key, value in (conf or {}).items():
        session = session.config(key, value)
    session = session.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


__all__ = ["default_session", "engine_from_payload", "engine_payload", "score_spark", "summarize_spark"]
