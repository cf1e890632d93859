"""Benchmark ``careerpath batch`` on 1,000,000 synthetic profiles, CSV in, Parquet out.

A script, not a test::

    python benchmarks/bench_batch.py                 # 1,000,000 rows in benchmarks/out/
    python benchmarks/bench_batch.py --rows 200000   # quicker
    python benchmarks/bench_batch.py --breakdown     # also the CPU time of each stage, in-process
    git archive HEAD~3 | tar -x -C /tmp/before && python benchmarks/bench_batch.py --baseline /tmp/before --repeat 3

It prints, each measured in its own process (wall time, peak resident memory):

* ``careerpath batch in.csv --out out.parquet`` (what a user runs, start-up included);
* the floor: pyarrow alone reading the same CSV and writing a Parquet file with the
  same rows and columns as the batch output (no parsing, no scoring);
* the same floor with pandas' default CSV reader, for reference;
* the engine alone: ``Engine.score`` on the million level rows, already in memory;
* with ``--baseline DIR``, ``careerpath batch`` from another source tree (the code before a
  change), in the same rounds, so a shared machine's load falls on both alike.

Goal on a 2-core machine: batch under 20 s, under 1.5 GB, at most 1.5x the pyarrow floor (issue 14).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
WORDS = np.array(["none", "aware", "beginner", "intermediate", "advanced", "expert"])


def generate(path: Path, rows: int, seed: int = 0) -> None:
    """A realistic cohort: 10-25 rated skills per row, a fifth as words, ~1% of rows invalid."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    from recommender.engine import Engine

    engine = Engine.load()
    skills, roles = engine.arrays.skill_ids, engine.arrays.role_ids
    rng = np.random.default_rng(seed)
    block = 200_000
    options = pa_csv.WriteOptions(quoting_style="none")
    writer = None
    for start in range(0, rows, block):
        n = min(block, rows - start)
        rated = rng.random((n, len(skills))).argsort(axis=1) < rng.integers(10, 26, n)[:, None]
        levels = rng.integers(0, 6, (n, len(skills)))
        as_word = rng.random((n, len(skills))) < 0.2
        columns = {
            "id": np.char.add("p", np.arange(start, start + n).astype(str)).astype(object),
            "target_role": rng.choice(["", "", *roles], n).astype(object),
            "hours_per_week": rng.choice(["", "4", "6", "8", "10", "15"], n),
            "group": np.char.add("site-", rng.integers(0, 40, n).astype(str)),
        }
        for j, skill in enumerate(skills):
            text = np.where(as_word[:, j], WORDS[levels[:, j]], levels[:, j].astype(str))
            columns[skill] = np.where(rated[:, j], text, "")
        # About 1% of rows cannot be scored: a misspelt level, an unknown role or no id.
        bad = rng.random(n) < 0.01
        kind = rng.integers(0, 3, n)
        columns["python"] = np.where(bad & (kind == 0), "expertt", columns["python"])
        columns["target_role"] = np.where(bad & (kind == 1), "astronaut", columns["target_role"])
        columns["id"] = np.where(bad & (kind == 2), "", columns["id"])
        table = pa.table({k: pa.array(v.astype(str)) for k, v in columns.items()})
        if writer is None:
            writer = pa_csv.CSVWriter(str(path), table.schema, write_options=options)
        writer.write_table(table)
    writer.close()


FLOOR = textwrap.dedent(
    """
    import sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq
    src, out, reader, schema_path = sys.argv[1:5]
    schema = pq.read_schema(schema_path)
    if reader == "pandas":
        import pandas as pd
        table = pa.Table.from_pandas(pd.read_csv(src, keep_default_na=False), preserve_index=False)
    else:
        import pyarrow.csv as pa_csv
        table = pa_csv.read_csv(src)
    n = table.num_rows
    # The output's columns, as cheaply as possible: ids and groups from the input, the
    # rest without parsing or scoring anything (role and skill columns as dictionaries).
    cols = []
    for field in schema:
        if field.name in ("id", "group"):
            col = table.column(field.name).cast(field.type)
        elif pa.types.is_dictionary(field.type):
            indices = pa.array(np.arange(n, dtype=np.int8) % 3, type=field.type.index_type)
            col = pa.DictionaryArray.from_arrays(indices, pa.array(["a", "b", "c"], type=field.type.value_type))
        elif pa.types.is_integer(field.type):
            col = pa.array(np.arange(n, dtype=np.int64))
        else:
            col = pa.array(np.linspace(0, 1, n))
        cols.append(col)
    pq.write_table(pa.table(cols, names=schema.names), out, compression="zstd")
    """
)

ENGINE_ONLY = textwrap.dedent(
    """
    import sys, time, numpy as np
    from recommender.engine import Engine
    engine = Engine.load()
    rows, threads, chunk = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(0)
    S = engine.arrays.n_skills
    blocks = []
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        rated = rng.random((n, S)).argsort(axis=1) < rng.integers(10, 26, n)[:, None]
        blocks.append(np.where(rated, rng.integers(0, 6, (n, S)), 0).astype(np.int8))
    times = []
    for workers in (1, threads):
        engine.threads = workers  # the engine scores big batches in row blocks on its own threads
        t = time.perf_counter()
        for lv in blocks:
            engine.score(lv, limit=10)
        times.append(time.perf_counter() - t)
    print(*times)
    """
)


def wait_idle(limit: float) -> float:
    """On a shared machine, wait (up to ``limit`` s) for 5 s with the CPUs over 90% idle."""

    def snapshot():
        with open("/proc/stat", encoding="ascii") as fh:
            ticks = list(map(int, fh.readline().split()[1:]))
        return sum(ticks), ticks[3] + ticks[4]

    deadline = time.monotonic() + limit
    idle = 0.0
    while time.monotonic() < deadline:
        total0, idle0 = snapshot()
        time.sleep(5)
        total1, idle1 = snapshot()
        idle = (idle1 - idle0) / max(total1 - total0, 1)
        if idle > 0.9:
            break
    return round(idle, 2)


def measure(command: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Wall time and peak RSS of one child process (``wait4`` gives that child's own rusage)."""
    start = time.perf_counter()
    # One BLAS thread everywhere, as careerpath batch sets for itself: threads of our own do the parallel work.
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", **(env or {})}
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    out, err = process.stdout.read().decode(), process.stderr.read().decode()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    return {
        "wall_s": round(wall, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "stdout": out.strip(),
        "stderr": err.strip(),
    }  # noqa: E501


def breakdown(path: Path, chunk_rows: int, threads: int) -> dict:
    """The batch pipeline run in-process as ``careerpath batch`` runs it: CPU seconds by stage, over all threads.

    Worker threads parse chunks (pyarrow), read their levels (implied ones too), score
    them and build the output tables; the main thread splits the input and writes.
    """
    import resource

    from recommender.batch.pipeline import score_file
    from recommender.engine import Engine

    def cpu():
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    start_wall, start_cpu = time.perf_counter(), cpu()
    engine = Engine.load()
    loaded_wall, loaded_cpu = time.perf_counter(), cpu()
    out = path.with_name("breakdown.parquet")
    run = score_file(engine, path, out, chunk_rows=chunk_rows, threads=threads)
    end_wall, end_cpu = time.perf_counter(), cpu()
    return {
        "engine_load": {"wall_s": round(loaded_wall - start_wall, 2), "cpu_s": round(loaded_cpu - start_cpu, 2)},
        "score_file": {"wall_s": round(end_wall - loaded_wall, 2), "cpu_s": round(end_cpu - loaded_cpu, 2)},
        "cpu_by_stage_s": {stage: round(seconds, 2) for stage, seconds in run.cpu.most_common()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=HERE / "out")
    parser.add_argument("--chunk-rows", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="Rounds of all measurements, interleaved; the run of median wall time is reported.",
    )
    parser.add_argument("--breakdown", action="store_true", help="Also the CPU time of each stage, in-process.")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="Also run careerpath batch from this source tree (the code before a change) in every round.",
    )
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="On a shared machine: before each run, wait up to SECONDS for idle CPUs.",
    )
    args = parser.parse_args()
    args.dir = args.dir.resolve()  # the baseline runs in its own directory
    args.dir.mkdir(parents=True, exist_ok=True)
    source = args.dir / f"cohort-{args.rows}.csv"
    if args.generate_only:
        generate(source, args.rows)
        return
    if not source.exists():
        # In a child process: a child's peak memory (wait4) starts from its parent's at fork,
        # so generating here would make every measurement below report the generator's peak.
        t = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--generate-only", *sys.argv[1:]], check=True)
        print(f"generated {source} ({source.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s")
    out = args.dir / "scored.parquet"
    batch_cmd = [
        sys.executable, "-m", "api.cli", "batch", str(source), "--out", str(out),
        "--chunk-rows", str(args.chunk_rows), "--threads", str(args.threads),
    ]  # fmt: skip
    report = args.dir / "report.html"
    floor_out = args.dir / "floor.parquet"
    commands = {
        "batch": batch_cmd,
        "batch_with_report": [*batch_cmd, "--report", str(report)],
        # What every run pays before reading a byte: importing and loading the engine.
        "startup": [sys.executable, "-c", "from recommender.engine import Engine; Engine.load()"],
        # The floors read the batch output's schema: they run after it in each round.
        **{
            f"floor_{reader}": [sys.executable, "-c", FLOOR, str(source), str(floor_out), reader, str(out)]
            for reader in ("pyarrow", "pandas")
        },
        "engine_only": [sys.executable, "-c", ENGINE_ONLY, str(args.rows), str(args.threads), str(args.chunk_rows)],
    }
    # Where each command runs: the baseline from its own tree (python -m finds api.cli in the working directory).
    where: dict[str, dict] = {name: {} for name in commands}
    if args.baseline:
        tree = args.baseline.resolve()
        commands["batch_baseline"] = [*batch_cmd[:6], str(args.dir / "baseline.parquet"), *batch_cmd[7:]]
        where["batch_baseline"] = {"cwd": tree, "env": {"PYTHONPATH": str(tree)}}
    # Rounds of every command in turn, so a shared machine's load falls on all of them alike.
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in commands.items():
            idle = wait_idle(args.wait_idle) if args.wait_idle else None
            load = os.getloadavg()[0]
            runs[name].append({**measure(command, **where[name]), "idle_before": idle, "load_before": round(load, 1)})
            print(name, runs[name][-1], flush=True)
    results = {"rows": args.rows, "cpus": os.cpu_count(), "csv_mb": round(source.stat().st_size / 1e6)}
    for name, done in runs.items():  # the run of median wall time
        results[name] = sorted(done, key=lambda r: r["wall_s"])[len(done) // 2]
    one, many = map(float, results["engine_only"].pop("stdout").split())
    results["engine_only"].update(score_1_thread_s=round(one, 2), score_s=round(many, 2))
    if args.breakdown:
        if args.wait_idle:
            wait_idle(args.wait_idle)
        results["breakdown"] = breakdown(source, args.chunk_rows, args.threads)
    import pyarrow.parquet as pq

    meta = pq.read_metadata(out)
    with open(out.with_name("scored.errors.csv"), encoding="utf-8") as fh:
        errors = sum(1 for _ in fh) - 1
    results["output"] = {"rows": meta.num_rows, "columns": meta.num_columns, "errors_rows": errors}
    for run in commands:
        results[run].pop("stdout", None)
        results[run].pop("stderr", None)
    b, f = results["batch"], results["floor_pyarrow"]
    print(json.dumps(results, indent=2))
    print(
        f"\nbatch: {b['wall_s']} s, {b['peak_mb']} MB peak | pyarrow floor {f['wall_s']} s "
        f"-> {b['wall_s'] / f['wall_s']:.2f}x (by CPU, steadier on a shared machine: {b['cpu_s']} s against "
        f"{f['cpu_s']} s, {b['cpu_s'] / f['cpu_s']:.2f}x) | engine start-up {results['startup']['wall_s']} s, "
        f"engine.score alone {results['engine_only']['score_s']:.1f} s "
        f"| goal: < 20 s, < 1536 MB, <= 1.5x floor"
    )
    if args.baseline:
        a = results["batch_baseline"]
        print(
            f"baseline ({args.baseline}): {a['wall_s']} s, {a['cpu_s']} s CPU, {a['peak_mb']} MB peak "
            f"-> {a['wall_s'] / f['wall_s']:.2f}x the floor by wall, {a['cpu_s'] / f['cpu_s']:.2f}x by CPU"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main()
