"""``careerpath batch``: score a cohort file of any size, chunk by chunk.

The pipeline: the main thread reads the input in blocks (for CSV, only cutting it
at line ends) and hands them to a small thread pool, which parses, scores and builds
each block's output tables (pyarrow and numpy release the GIL, so two blocks really
run at once on two cores); the main thread then writes finished blocks in input
order, numbering their rows. At most ``threads + 1`` blocks are in flight, so memory
stays flat whatever the file's size. Outputs go to temporary files that replace the
real ones only at the end (:class:`api.cohort_io.AtomicFile`).
"""

from __future__ import annotations

import copy
import os
import signal
import sys
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import click

from api.options import CATALOG_OPTION, MODEL_OPTION

FORMAT_CHOICE = click.Choice(["csv", "jsonl", "parquet"])


@dataclass
class BatchRun:
    """What a run did: counts, the files written, the summary (when asked for)."""

    rows: int = 0
    results: int = 0
    errors: int = 0
    ignored: Counter = field(default_factory=Counter)
    suggestions: dict = field(default_factory=dict)
    summary: object | None = None
    output: Path | None = None
    errors_output: Path | None = None


def _score_chunk(engine, columns, chunk, steps: int, summary_factory):
    """Parse and score one chunk; runs in a worker thread."""
    from api.cohort_io import to_arrow
    from recommender import cohort

    # Rows are numbered from 0 here; the writer adds the rows of the chunks before.
    if chunk.load().frame is not None:
        batch = cohort.frame_to_batch(engine, chunk.frame, columns)
    else:
        from api.cohort_schemas import validate_profiles

        loaded, known = validate_profiles(chunk.records)
        for row, message in chunk.bad_json.items():
            known[row] = {"_schema": [message]}
        batch = cohort.records_to_batch(engine, loaded, 0, known)
    scores = cohort.score_batch(engine, batch, steps)
    part = None
    if summary_factory is not None:
        part = summary_factory()
        part.add(batch, scores)
    results = to_arrow(cohort.results_frame(engine, batch, scores, steps))
    errors = to_arrow(cohort.errors_frame(batch))
    return results, errors, part, batch


def score_file(
    engine,
    input_path,
    output_path,
    *,
    errors_path=None,
    steps: int = 10,
    in_format: str | None = None,
    out_format: str | None = None,
    chunk_rows: int | None = None,
    threads: int = 2,
    summary_factory=None,
    strict: bool = False,
    progress: bool = False,
    warn=None,
    source=None,
) -> BatchRun:
    """Score ``input_path`` into ``output_path`` (and the errors file); all or nothing.

    ``summary_factory`` builds an empty :class:`~recommender.summary.CohortSummary`
    when a summary is wanted. ``warn`` is called with the warning about ignored
    columns before scoring starts, so a misspelt header can be stopped early.
    ``source`` is the input already opened (an :class:`api.cohort_io.Source`).
    """
    from tqdm import tqdm

    from api.cohort_io import DEFAULT_CHUNK_ROWS, Source, TableWriter, errors_path_for, file_format
    from recommender.cohort import CohortFileError

    # Our threads score whole chunks (parsing, scoring, building output), so the engine
    # need not spread each chunk over threads of its own as well. A shallow copy: the
    # caller's engine (shared, perhaps) keeps its setting.
    engine = copy.copy(engine)
    engine.threads = 1
    out_format = file_format(output_path, out_format)  # a bad output name fails before any work
    source = (source or Source(input_path, None, chunk_rows or DEFAULT_CHUNK_ROWS, in_format)).resolve(engine)
    if source.columns is not None and source.columns.ignored:
        message = ignored_message(source.columns.ignored)
        if strict:
            raise CohortFileError(message + " (--strict)")
        if warn:
            warn(message)
    run = BatchRun(output=Path(output_path), errors_output=Path(errors_path or errors_path_for(output_path)))
    out = TableWriter(run.output, out_format)
    try:
        err = TableWriter(run.errors_output, "csv")
    except BaseException:
        out.discard()
        raise
    total, unit = (source.total_rows, "rows") if source.total_rows is not None else (source.size, "B")
    bar = tqdm(total=total, unit=unit, unit_scale=True, disable=not progress, file=sys.stderr, desc="scoring")
    pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="careerpath-batch")
    pending: deque = deque()

    def finish(future):
        results, errors, part, batch = future.result()
        out.write(_offset(results, run.rows))
        err.write(_offset(errors, run.rows))
        run.rows += len(batch)
        run.results += results.num_rows
        run.errors += errors.num_rows
        run.ignored.update(batch.ignored)
        run.suggestions.update(batch.suggestions)
        if part is not None:
            run.summary = part if run.summary is None else run.summary.merge(part)
        bar.update(len(batch) if unit == "rows" else source.position - bar.n)

    try:
        for chunk in source:
            pending.append(pool.submit(_score_chunk, engine, source.columns, chunk, steps, summary_factory))
            while len(pending) > threads:  # a bounded queue: memory stays flat
                finish(pending.popleft())
        while pending:
            finish(pending.popleft())
        if out.schema is None:  # no rows at all: still a file with the right columns
            results, errors, *_ = _score_chunk(engine, source.columns, source.empty_chunk(), steps, None)
            out.write(results)
            err.write(errors)
        if run.summary is None and summary_factory is not None:
            run.summary = summary_factory()
        # The errors file first: an output that exists always has its errors file.
        err.commit()
        out.commit()
        if source.columns is None and run.ignored and warn:  # JSON Lines: names, known only at the end
            warn(unmatched_message(run.ignored, run.suggestions))
    except BaseException:
        for future in pending:
            future.cancel()
        out.discard()
        err.discard()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
    return run


def _offset(table, rows: int):
    """Chunk row numbers (from 0) as input row numbers: ``index`` is the first column."""
    import pyarrow.compute as pc

    return table.set_column(0, "index", pc.add(table.column("index"), rows)) if rows else table


def ignored_message(ignored: dict) -> str:
    parts = [f"{name!r} (did you mean {', '.join(s)}?)" if s else repr(name) for name, s in list(ignored.items())[:20]]
    more = f" and {len(ignored) - 20} more" if len(ignored) > 20 else ""
    noun = "column that is not a skill or module" if len(ignored) == 1 else "columns that are not skills or modules"
    return f"ignoring {len(ignored)} {noun}: {', '.join(parts)}{more}"


def unmatched_message(counts: Counter, suggestions: dict) -> str:
    top = counts.most_common(10)
    parts = [
        f"{name!r} in {rows:,} rows"
        + (f" (did you mean {', '.join(suggestions[name])}?)" if suggestions.get(name) else "")
        for name, rows in top
    ]
    more = f" and {len(counts) - 10} more" if len(counts) > 10 else ""
    return f"ignored {len(counts)} skill names that match no skill or module: {'; '.join(parts)}{more}"


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
@click.option("--steps", default=10, show_default=True, type=click.IntRange(0, 1000), help="Plan steps per row.")
@click.option(
    "--min-group",
    default=5,
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
):
    """Score every row of INPUT (CSV, JSON Lines or Parquet) into --out.

    \b
    CSV and Parquet rows: id, optional target_role, hours_per_week and group, then
    one column per skill or module id holding a level (0-5 or a level word; empty:
    not rated). JSON Lines: one POST /v1/cohorts/recommendations profile per line.

    Rows that cannot be scored go to the errors file with the reason; results plus
    errors always account for every input row. Nothing is written unless the whole
    run succeeds.
    """
    # Blocks are scored in parallel by our own threads; BLAS thread pools inside each
    # would only fight them for the cores (and spin). Set before numpy is imported.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from api.cli import open_engine

    _interrupt_on_sigterm()
    say = (lambda text: None) if quiet else (lambda text: click.echo(text, err=True))
    source = None
    if runner == "spark":  # Spark reads the input itself; check both names before any work
        _check_formats(input_path, in_format, output_path, out_format)
    if runner == "local":
        # Open the input first: a missing file or a bad output name fails at once, not
        # after seconds of loading the engine. (Parsing the first blocks while the engine
        # loads was tried: pyarrow's CSV reader and the imports then take turns on the
        # GIL, and the engine took twice as long to load.)
        source = _open(input_path, chunk_rows, in_format, output_path, out_format)
    engine = open_engine(catalog_dir, model_path)
    want_summary = bool(report_path or summary_path)
    if runner == "spark":
        from api.batch_spark import run_spark

        run = run_spark(
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
        _write_summary(engine, run, input_path, summary_path, report_path)
    say(
        f"{run.rows:,} rows: {run.results:,} scored -> {run.output}, "
        f"{run.errors:,} not scored -> {run.errors_output}" + (f"; report -> {report_path}" if report_path else "")
    )


def _open(input_path, chunk_rows, in_format, output_path=None, out_format=None):
    from api.cohort_io import CohortIOError, Source, file_format

    try:
        if output_path is not None:
            file_format(output_path, out_format)  # a bad output name fails before any work
        return Source(input_path, None, chunk_rows, in_format)
    except CohortIOError as exc:
        raise click.ClickException(str(exc)) from None


def _check_formats(input_path, in_format, output_path, out_format) -> None:
    from api.cohort_io import CohortIOError, file_format

    try:
        file_format(input_path, in_format)
        file_format(output_path, out_format)
    except CohortIOError as exc:
        raise click.ClickException(str(exc)) from None


def _run_local(engine, input_path, output_path, *, min_group, **options) -> BatchRun:
    from api.cohort_io import CohortIOError
    from recommender.cohort import CohortFileError
    from recommender.summary import CohortSummary

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
            **options,
        )
    except (CohortIOError, CohortFileError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{exc.filename or input_path}: {exc.strerror or exc}") from None


def _write_summary(engine, run: BatchRun, input_path, summary_path, report_path) -> None:
    import json

    from api.cohort_io import AtomicFile
    from recommender.cohort import ignored_report

    summary = run.summary.to_dict()
    ignored = ignored_report(run.ignored, run.suggestions)
    if summary_path:
        target = AtomicFile(summary_path)
        with open(target.tmp, "w", encoding="utf-8") as fh:
            json.dump({**summary, "ignored": ignored}, fh, indent=2)
        target.commit()
    if report_path:
        from api.report import render_report

        page = render_report(
            summary, engine.catalog, source=Path(input_path).name, ignored=ignored, model_version=engine.model.version
        )
        target = AtomicFile(report_path)
        target.tmp.write_text(page, encoding="utf-8")
        target.commit()
