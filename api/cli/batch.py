"""``careerpath batch``: score a cohort file of any size, here or on Apache Spark.

The work is :mod:`recommender.batch`'s; this module turns options into a run and
the run's errors into one-line messages.
"""

from __future__ import annotations

import os
import signal
import sys

import click

from api.cli.common import CATALOG_OPTION, MODEL_OPTION, RANKING_OPTION
from api.cli.engine import open_engine
from api.v1.cohort_schemas import validate_profiles
from recommender.batch.files import CohortIOError, Source, check_outputs, errors_path_for, file_format
from recommender.batch.pipeline import BatchError, BatchRun, score_file, write_summary
from recommender.cohort import DEFAULT_STEPS, CohortFileError
from recommender.engine import MAX_LIMIT
from recommender.summary import DEFAULT_MIN_GROUP, CohortSummary

FORMAT_CHOICE = click.Choice(["csv", "jsonl", "parquet"])


def _interrupt_on_sigterm():
    # Python dies on SIGTERM without running cleanup; as an interrupt, temporary files are removed.
    def handler(signum, frame):
        raise KeyboardInterrupt

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, handler)


@click.command("batch")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "output_path",
    required=True,
    type=click.Path(),  # a directory only with --engine spark, which writes part files
    help="Results file: .csv, .jsonl or .parquet (or a directory, with --engine spark).",
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False),
    help="Rows that could not be scored, as CSV [default: OUTPUT's name + .errors.csv].",
)
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Write the cohort summary as HTML.")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False), help="Write the cohort summary as JSON.")
@click.option(
    "--steps", default=DEFAULT_STEPS, show_default=True, type=click.IntRange(0, MAX_LIMIT), help="Plan steps per row."
)
@click.option(
    "--min-group",
    default=DEFAULT_MIN_GROUP,
    show_default=True,
    type=click.IntRange(1),
    help="Groups with fewer scored members appear in the summary only as a count.",
)
@click.option("--format", "in_format", type=FORMAT_CHOICE, help="Input format [default: from INPUT's extension].")
@click.option("--out-format", type=FORMAT_CHOICE, help="Output format [default: from OUTPUT's extension].")
@click.option(
    "--strict", is_flag=True, help="Fail, before scoring, if a column is not a skill or module (default: warn)."
)
@click.option("--chunk-rows", default=100_000, show_default=True, type=click.IntRange(100), help="Rows per chunk.")
@click.option(
    "--threads",
    default=lambda: min(2, os.cpu_count() or 1),
    show_default="2",
    type=click.IntRange(1, 64),
    help="Chunks scored at once.",
)
@click.option(
    "--engine",
    "runner",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="Score here, or on Apache Spark (pip install 'careerpath[spark]').",
)
@click.option(
    "--spark-master",
    envvar="SPARK_MASTER",
    default="local[*]",
    show_default=True,
    help="Spark master URL, with --engine spark (env SPARK_MASTER).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but warnings and errors.")
@CATALOG_OPTION
@MODEL_OPTION
@RANKING_OPTION
def batch_command(
    input_path,
    output_path,
    errors_path,
    report_path,
    summary_path,
    steps,
    min_group,
    in_format,
    out_format,
    strict,
    chunk_rows,
    threads,
    runner,
    spark_master,
    quiet,
    catalog_dir,
    model_path,
    ranking,
):
    """Score every row of INPUT (CSV, JSON Lines or Parquet) into --out.

    \b
    CSV and Parquet rows: id, optional target_role, hours_per_week and group, then
    one column per skill or module id holding a level (a number on the catalog's
    scale, 0 to its top, or a level word; empty: not rated). JSON Lines: one POST /v1/cohorts/recommendations profile per line.

    Rows that cannot be scored go to the errors file with the reason; results plus
    errors always account for every input row. Nothing is written unless the whole
    run succeeds.
    """
    _interrupt_on_sigterm()
    say = (lambda text: None) if quiet else (lambda text: click.echo(text, err=True))
    source = None
    _check_paths(input_path, output_path, errors_path, report_path, summary_path, spark=runner == "spark")
    if runner == "spark":  # Spark reads the input itself; check both names before any work
        _check_formats(input_path, in_format, output_path, out_format)
    if runner == "local":
        # Open the input first: a missing file or a bad output name fails at once, not
        # after seconds of loading the engine. (Parsing the first blocks while the engine
        # loads was tried: pyarrow's CSV reader and the imports then take turns on the
        # GIL, and the engine took twice as long to load.)
        source = _open(input_path, chunk_rows, in_format, output_path, out_format)
    engine = open_engine(catalog_dir, model_path, ranking)
    want_summary = bool(report_path or summary_path)
    if runner == "spark":
        run = _run_spark(
            input_path,
            output_path,
            errors_path=errors_path,
            steps=steps,
            in_format=in_format,
            out_format=out_format,
            catalog_dir=catalog_dir,
            model_path=model_path,
            master=spark_master,
            engine=engine,
            min_group=min_group if want_summary else None,
            strict=strict,
            warn=lambda text: click.echo(f"warning: {text}", err=True),
        )
    else:
        run = _run_local(
            engine,
            input_path,
            output_path,
            source=source,
            errors_path=errors_path,
            steps=steps,
            in_format=in_format,
            out_format=out_format,
            chunk_rows=chunk_rows,
            threads=threads,
            min_group=min_group if want_summary else None,
            strict=strict,
        )
    if summary_path or report_path:
        try:
            write_summary(engine, run, input_path, summary_path, report_path)
        except CohortIOError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # a full disk: the temporary file is gone, the message says why
            raise click.ClickException(
                f"{exc.filename or summary_path or report_path}: {exc.strerror or exc}"
            ) from None
    say(
        f"{run.rows:,} rows: {run.results:,} scored -> {run.output}, "
        f"{run.errors:,} not scored -> {run.errors_output}" + (f"; report -> {report_path}" if report_path else "")
    )


def _open(input_path, chunk_rows, in_format, output_path=None, out_format=None):
    try:
        if output_path is not None:
            file_format(output_path, out_format)  # a bad output name fails before any work
        return Source(input_path, None, chunk_rows, in_format)
    except CohortIOError as exc:
        raise click.ClickException(str(exc)) from None


def _check_paths(input_path, output_path, errors_path, report_path, summary_path, *, spark: bool) -> None:
    """Every file the run will write, checked before the engine loads or a row is scored."""
    outputs = {
        "--out": output_path,
        "--errors": errors_path or errors_path_for(output_path),
        "--report": report_path,
        "--summary": summary_path,
    }
    try:
        check_outputs({"INPUT": input_path}, outputs, directories=("--out", "--errors") if spark else ())
    except CohortIOError as exc:
        raise click.ClickException(str(exc)) from None


def _check_formats(input_path, in_format, output_path, out_format) -> None:
    try:
        file_format(input_path, in_format)
        file_format(output_path, out_format)
    except CohortIOError as exc:
        raise click.ClickException(str(exc)) from None


def _run_local(engine, input_path, output_path, *, min_group, **options) -> BatchRun:
    factory = None
    if min_group is not None:

        def factory():
            return CohortSummary(engine.arrays, engine.catalog, min_group=min_group)

    try:
        return score_file(
            engine,
            input_path,
            output_path,
            summary_factory=factory,
            progress=sys.stderr.isatty(),
            warn=lambda text: click.echo(f"warning: {text}", err=True),
            check_records=validate_profiles,  # JSON Lines rows are the API's cohort profiles
            **options,
        )
    except (CohortIOError, CohortFileError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{exc.filename or input_path}: {exc.strerror or exc}") from None


def _run_spark(*args, **options) -> BatchRun:
    # Spark is an optional extra, and its module imports pandas (0.17 s): only a Spark run pays for it.
    from recommender.batch.spark_job import run_spark

    try:
        return run_spark(*args, **options)
    except (BatchError, CohortFileError) as exc:
        raise click.ClickException(str(exc)) from None
