"""Scoring a cohort file of any size, chunk by chunk (what ``careerpath batch`` runs).

The pipeline: the main thread reads the input in blocks (for CSV, only cutting it
at line ends) and hands them to a small thread pool, which parses, scores and builds
each block's output tables (pyarrow and numpy release the GIL, so two blocks really
run at once on two cores); the main thread then writes finished blocks in input
order, numbering their rows. At most ``threads + 2`` blocks are in flight (one being
scored per thread, one queued for the first thread to finish, one being written), so
memory stays flat whatever the file's size. Outputs go to temporary files that replace
the real ones only at the end (:class:`recommender.batch.files.AtomicFile`).
"""

from __future__ import annotations

import copy
import json
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pyarrow as pa
from tqdm import tqdm

from recommender import cohort
from recommender.batch.files import (
    DEFAULT_CHUNK_ROWS,
    AtomicFile,
    Source,
    TableWriter,
    check_outputs,
    errors_path_for,
    file_format,
)
from recommender.cohort import CohortFileError, ignored_report

# Checks JSON Lines profiles before the engine sees them: ``(records as loaded, {row: field errors})``.
RecordCheck = Callable[[Sequence], tuple[list, dict[int, dict[str, list[str]]]]]


class BatchError(ValueError):
    """A run that cannot go ahead as asked; the message says why."""


@dataclass
class BatchRun:
    """What a run did: counts, the files written, the summary (when asked for)."""

    rows: int = 0
    results: int = 0
    errors: int = 0
    ignored: Counter = field(default_factory=Counter)
    suggestions: dict = field(default_factory=dict)
    reasons: dict = field(default_factory=dict)  # ignored name -> why it names nothing, where the catalog says
    summary: object | None = None
    output: Path | None = None
    errors_output: Path | None = None
    # CPU seconds by stage, summed over the threads that ran it: where a run's time goes
    # (benchmarks/bench_batch.py --breakdown). Worker stages: parse, levels, score, summary,
    # build; the main thread's: split (cutting the input into chunks) and write.
    cpu: Counter = field(default_factory=Counter)


class _Clock:
    """This thread's CPU time per stage: ``clock("parse")`` ends the stage before and starts ``parse``."""

    def __init__(self):
        self.spent: Counter = Counter()
        self._stage, self._start = None, time.thread_time()

    def __call__(self, stage: str | None) -> None:
        now = time.thread_time()
        if self._stage is not None:
            self.spent[self._stage] += now - self._start
        self._stage, self._start = stage, now


def _score_chunk(engine, columns, chunk, steps: int, summary_factory, check_records: RecordCheck | None):
    """Parse and score one chunk; runs in a worker thread."""
    clock = _Clock()
    clock("parse")
    # Rows are numbered from 0 here; the writer adds the rows of the chunks before.
    if chunk.load().frame is not None:
        clock("levels")
        batch = cohort.frame_to_batch(engine, chunk.frame, columns, readings=False)
        for row, message in chunk.bad.items():  # rows that could not be read: their own message, nothing else
            batch.errors[row] = {"_schema": [message]}
    else:
        loaded, known = check_records(chunk.records) if check_records else (chunk.records, {})
        for row, message in chunk.bad.items():
            known[row] = {"_schema": [message]}
        clock("levels")
        batch = cohort.records_to_batch(engine, loaded, 0, known)
    clock("score")
    scores = cohort.score_batch(engine, batch, steps)
    part = None
    if summary_factory is not None:
        clock("summary")
        part = summary_factory()
        part.add(batch, scores)
    clock("build")
    results = cohort.results_table(engine, batch, scores, steps)
    errors = cohort.errors_table(batch)
    clock(None)
    return _Scored(results, errors, part, batch, clock.spent)


class _Scored(NamedTuple):
    """One chunk's output tables, summary part and parsed rows, and the CPU time each stage took."""

    results: pa.Table
    errors: pa.Table
    part: object | None
    batch: cohort.CohortBatch
    cpu: Counter


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
    check_records: RecordCheck | None = None,
) -> BatchRun:
    """Score ``input_path`` into ``output_path`` (and the errors file); all or nothing.

    ``summary_factory`` builds an empty :class:`~recommender.summary.CohortSummary`
    when a summary is wanted. ``warn`` is called with the warning about ignored
    columns before scoring starts, so a misspelt header can be stopped early.
    ``source`` is the input already opened (a :class:`~recommender.batch.files.Source`).
    ``check_records`` checks JSON Lines profiles before the engine does (the API's
    profile schema, for one): its errors win over the engine's for the same field.
    """

    # Our threads score whole chunks (parsing, scoring, building output), so the engine
    # need not spread each chunk over threads of its own as well. A shallow copy: the
    # caller's engine (shared, perhaps) keeps its setting.
    engine = copy.copy(engine)
    engine.threads = 1
    out_format = file_format(output_path, out_format)  # a bad output name fails before any work
    source = (source or Source(input_path, None, chunk_rows or DEFAULT_CHUNK_ROWS, in_format)).resolve(engine)
    if source.columns is not None and source.columns.ignored:
        message = ignored_message(source.columns.ignored, source.columns.reasons)
        if strict:
            raise CohortFileError(message + " (--strict)")
        if warn:
            warn(message)
    run = BatchRun(output=Path(output_path), errors_output=Path(errors_path or errors_path_for(output_path)))
    check_outputs({"INPUT": input_path}, {"--out": run.output, "--errors": run.errors_output})
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
        results, errors, part, batch, cpu = future.result()
        run.cpu.update(cpu)
        clock("write")
        out.write(_offset(results, run.rows))
        err.write(_offset(errors, run.rows))
        clock(None)
        run.rows += len(batch)
        run.results += results.num_rows
        run.errors += errors.num_rows
        run.ignored.update(batch.ignored)
        run.suggestions.update(batch.suggestions)
        run.reasons.update(batch.reasons)
        if part is not None:
            run.summary = part if run.summary is None else run.summary.merge(part)
        bar.update(len(batch) if unit == "rows" else source.position - bar.n)

    clock = _Clock()
    try:
        for chunk in _split(source, clock):
            pending.append(
                pool.submit(_score_chunk, engine, source.columns, chunk, steps, summary_factory, check_records)
            )
            # A bounded queue, so memory stays flat; one chunk more than threads, so a thread that
            # finishes while the main thread writes finds the next one waiting (1,000,000 rows:
            # threads idle between chunks 0.4-0.9 s -> 0.01 s).
            while len(pending) > threads + 1:
                finish(pending.popleft())
        while pending:
            finish(pending.popleft())
        if out.schema is None:  # no rows at all: still a file with the right columns
            empty = _score_chunk(engine, source.columns, source.empty_chunk(), steps, None, None)
            out.write(empty.results)
            err.write(empty.errors)
        run.cpu.update(clock.spent)
        if run.summary is None and summary_factory is not None:
            run.summary = summary_factory()
        # The errors file first: an output that exists always has its errors file.
        err.commit()
        out.commit()
        if source.columns is None and run.ignored and warn:  # JSON Lines: names, known only at the end
            warn(unmatched_message(run.ignored, run.suggestions, run.reasons))
    except BaseException:
        for future in pending:
            future.cancel()
        try:
            out.discard()
        finally:
            err.discard()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
    return run


def _split(source, clock: _Clock):
    """The source's chunks, the time taken to cut each counted as ``split``."""
    chunks = iter(source)
    while True:
        clock("split")
        chunk = next(chunks, None)
        clock(None)
        if chunk is None:
            return
        yield chunk


def _offset(table, rows: int):
    """Chunk row numbers (from 0) as input row numbers: ``index`` is the first column."""
    return table.set_column(0, "index", pa.array(np.asarray(table.column("index")) + rows)) if rows else table


def ignored_message(ignored: dict, reasons: Mapping[str, str] | None = None) -> str:
    parts = [repr(name) + _why(name, s, reasons) for name, s in list(ignored.items())[:20]]
    more = f" and {len(ignored) - 20} more" if len(ignored) > 20 else ""
    noun = "column that is not a skill or module" if len(ignored) == 1 else "columns that are not skills or modules"
    return f"ignoring {len(ignored)} {noun}: {', '.join(parts)}{more}"


def unmatched_message(counts: Counter, suggestions: dict, reasons: Mapping[str, str] | None = None) -> str:
    top = counts.most_common(10)
    parts = [f"{name!r} in {rows:,} rows" + _why(name, suggestions.get(name), reasons) for name, rows in top]
    more = f" and {len(counts) - 10} more" if len(counts) > 10 else ""
    return f"ignored {len(counts)} skill names that match no skill or module: {'; '.join(parts)}{more}"


def _why(name: str, suggestions, reasons: Mapping[str, str] | None) -> str:
    """Why a name was ignored, as the single-profile API says it: the catalog's reason ("Prometheus": monitoring
    is not LLM observability), else the skills it may have meant."""
    reason = (reasons or {}).get(name)
    if reason:
        return f" ({reason})"
    return f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""


def write_summary(engine, run: BatchRun, input_path, summary_path=None, report_path=None) -> None:
    """The run's cohort summary as JSON (``summary_path``) and as an HTML report (``report_path``)."""
    summary = run.summary.to_dict()
    ignored = ignored_report(run.ignored, run.suggestions, run.reasons)
    if summary_path:
        with AtomicFile(summary_path) as target, open(target.tmp, "w", encoding="utf-8") as fh:
            json.dump({**summary, "ignored": ignored}, fh, indent=2)
    if report_path:
        # Here, not with the module: jinja2 and the report's module are 0.015 s of CPU on the
        # one-threaded start-up of every run, and only a run with --report needs them.
        from recommender.batch.report import render_report

        page = render_report(
            summary, engine.catalog, source=Path(input_path).name, ignored=ignored, model_version=engine.model.version
        )
        with AtomicFile(report_path) as target:
            target.tmp.write_text(page, encoding="utf-8")
