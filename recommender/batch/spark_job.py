"""``careerpath batch --engine spark``: the same scoring, run by Apache Spark.

Spark writes directories of part files, so ``--out scored.parquet`` becomes a
directory of that name (as with any Spark job), and so does the errors output.
On a local filesystem both are written to hidden temporary directories and
renamed into place only when the whole job succeeded; on a remote filesystem
(``s3://``, ``hdfs://``) Spark's own commit protocol decides what appears.
"""

from __future__ import annotations

import shutil
import uuid
from collections import Counter
from pathlib import Path

from recommender.batch.files import FORMULA_START, errors_path_for, file_format
from recommender.batch.pipeline import BatchError, BatchRun, ignored_message
from recommender.cohort import CohortFileError, resolve_columns
from recommender.spark import default_session, score_spark, summarize_spark


class _Summary:
    """A finished summary dict, with the interface of :class:`CohortSummary` the command uses."""

    def __init__(self, data: dict):
        self.data = data

    def to_dict(self) -> dict:
        return self.data


def _remote(path: str) -> bool:
    return "://" in str(path)


class _Target:
    """Where Spark writes: a temporary sibling directory for local paths, renamed at the end."""

    def __init__(self, path: str):
        self.path = str(path)
        self.tmp = (
            self.path if _remote(path) else str(Path(path).with_name(f".{Path(path).name}.{uuid.uuid4().hex}.part"))
        )

    def commit(self) -> None:
        if self.tmp == self.path:
            return
        final = Path(self.path)
        if final.is_dir():
            shutil.rmtree(final)
        elif final.exists():
            final.unlink()
        Path(self.tmp).rename(final)

    def discard(self) -> None:
        if self.tmp != self.path:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _read(spark, path: str, fmt: str):
    if fmt == "csv":
        # Every column as text, nulls for empty cells: the engine parses levels itself.
        sep = "\t" if ".tsv" in [s.lower() for s in Path(path).suffixes] else ","
        return spark.read.option("header", True).option("sep", sep).csv(path)
    if fmt == "parquet":
        return spark.read.parquet(path)
    raise BatchError("--engine spark reads wide tables (CSV or Parquet); score JSON Lines profiles with --engine local")


def _neutralise_formulas(frame):
    """Spark's side of :func:`~recommender.batch.files.neutralise_formulas`: the same rule, the same regex."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType

    for field in frame.schema.fields:
        if isinstance(field.dataType, StringType):
            cell = F.col(field.name)
            frame = frame.withColumn(
                field.name, F.when(cell.rlike(FORMULA_START), F.concat(F.lit("'"), cell)).otherwise(cell)
            )
    return frame


def _write(frame, path: str, fmt: str) -> None:
    if fmt == "csv":
        frame = _neutralise_formulas(frame)
    writer = frame.write.mode("overwrite")
    if fmt == "csv":
        # Spark's CSV writer strips leading spaces and tabs by default: a cell is written as it is.
        writer.options(header=True, ignoreLeadingWhiteSpace=False, ignoreTrailingWhiteSpace=False).csv(path)
    elif fmt == "parquet":
        writer.option("compression", "zstd").parquet(path)
    else:
        writer.json(path)  # JSON Lines part files


def run_spark(
    input_path,
    output_path,
    *,
    errors_path,
    steps,
    in_format,
    out_format,
    catalog_dir,
    model_path,
    master,
    engine,
    min_group,
    strict,
    warn,
) -> BatchRun:
    try:  # optional: pip install 'careerpath[spark]'
        from pyspark import StorageLevel
    except ImportError:
        raise BatchError("--engine spark needs Apache Spark: pip install 'careerpath[spark]'") from None

    fmt_in = file_format(input_path, in_format)
    fmt_out = file_format(output_path, out_format)
    errors_path = str(errors_path or errors_path_for(output_path))
    spark = default_session(master, "careerpath batch")
    df = _read(spark, str(input_path), fmt_in)
    columns = resolve_columns(engine, df.columns)
    if columns.ignored:
        if strict:
            raise CohortFileError(ignored_message(columns.ignored) + " (--strict)")
        warn(ignored_message(columns.ignored))

    scored = score_spark(df, catalog_dir, model_path, steps, engine=engine).persist(StorageLevel.MEMORY_AND_DISK)
    results = scored.where("error_message IS NULL").drop("error_fields", "error_message")
    errors = scored.where("error_message IS NOT NULL").selectExpr(
        "index", "id", "error_fields AS fields", "error_message AS message"
    )
    out, err = _Target(output_path), _Target(errors_path)
    try:
        _write(results, out.tmp, fmt_out)
        _write(errors, err.tmp, "csv")
        run = BatchRun(output=Path(output_path), errors_output=Path(errors_path))
        run.results, run.errors = results.count(), errors.count()
        run.rows = run.results + run.errors
        run.ignored = Counter({name: 0 for name in columns.ignored})
        run.suggestions = dict(columns.ignored)
        run.reasons = dict(columns.reasons)
        if min_group is not None:
            run.summary = _Summary(summarize_spark(df, catalog_dir, model_path, min_group=min_group, engine=engine))
        err.commit()
        out.commit()
    except BaseException:
        out.discard()
        err.discard()
        raise
    finally:
        scored.unpersist()
    return run
