"""Throughput and latency of POST /v1/recommendations against a parse-only baseline.

Starts ``careerpath serve`` and ``benchmarks/minimal_app.py`` (the same gunicorn setup,
a Flask view that only parses the JSON body) on free localhost ports, drives each in
turn with wrk (``apt-get install -y wrk``) at a fixed concurrency, alternating rounds
so background noise hits both alike, and prints requests per second, p50/p99 latency
the ratio, and the servers' CPU time per request (master and workers, from ``/proc``: steadier than
requests a second on a machine shared with other work), for two workloads:

``readme``
    the README's two examples (a beginner, an experienced developer), alternated;
``varied``
    2,000 distinct profiles drawn from the catalog with a fixed seed (0-15 skills
    by id or name at random levels, a target role or none, 2-40 hours a week,
    sometimes a step limit), in turn, so nothing can be served from a cache.

    python benchmarks/bench_api.py                    # both, 32 connections, 10 s per run
    python benchmarks/bench_api.py --workload varied --rounds 3 --duration 20
    python benchmarks/bench_api.py --precomputed      # and careerpath minus the engine
    python benchmarks/bench_api.py --answers          # and the minimal app sending careerpath's answers
    git archive HEAD~2 | tar -x -C /tmp/before && python benchmarks/bench_api.py --baseline /tmp/before

``--precomputed`` adds a third server, ``benchmarks/precomputed_app.py``: the whole
careerpath app with the workload's answers worked out before serving, so the gap to
the minimal app splits into what the engine costs and what the rest of a request does.
``--answers`` adds the minimal app sending careerpath's answers (``minimal_app.py
--answers``): what moving answers of their size costs, which bounds the ratio any app
sending them can reach. ``--baseline DIR`` adds ``careerpath serve`` from another source tree
(the code before a change), in the same rounds: before and after meet the same load.

Not a test: it takes about a minute and its figures depend on the machine. The load
generator runs on the same machine and competes with the servers for the CPUs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from servers import cpu_seconds, free_port, start_server, stop_server

HERE = Path(__file__).resolve().parent
PATH = "/v1/recommendations"
README_BODIES = [
    {"skills": [], "hours_per_week": 8},
    {
        "skills": [
            {"name": "Python", "level": "advanced"},
            {"name": "prompt engineering", "level": 3},
            {"name": "RAG", "level": 2},
            {"name": "Docker", "level": "intermediate"},
        ],
        "target_role": "ai-engineer",
        "hours_per_week": 10,
    },
]
BODIES = README_BODIES  # what engine_time_ms() times


def varied_bodies(n: int = 2000, seed: int = 7) -> list[dict]:
    """``n`` distinct, valid profiles over the shipped catalog (ids, names, level words)."""
    from skills import load_catalog

    catalog = load_catalog()
    rng = random.Random(seed)
    # Each skill or module at most once (a profile naming one twice is a 422), by id or by name.
    items = [(s.id, s.name) for s in catalog.skills] + [(m.id, m.id) for m in catalog.modules]
    words = [lv.word for lv in catalog.levels]
    roles = [None] + [r.id for r in catalog.roles]
    bodies, seen = [], set()
    while len(bodies) < n:
        picked = [rng.choice(pair) for pair in rng.sample(items, rng.randint(0, 15))]
        skills = [{"name": name, "level": rng.choice([rng.randint(0, 5), rng.choice(words)])} for name in picked]
        body = {"skills": skills, "hours_per_week": rng.choice([2, 5, 8, 10, 12.5, 20, 40])}
        if role := rng.choice(roles):
            body["target_role"] = role
        if rng.random() < 0.25:
            body["limit"] = rng.choice([3, 5, 10])
        key = json.dumps(body, sort_keys=True)
        if key not in seen:
            seen.add(key)
            bodies.append(body)
    return bodies


WORKLOADS = {"readme": lambda: README_BODIES, "varied": varied_bodies}

# wrk runs one Lua state per thread; done() runs once with the merged statistics.
WRK_SCRIPT = """
local bodies = {%(bodies)s}
local headers = {["Content-Type"] = "application/json"}
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format("POST", "%(path)s", headers, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '@@{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"non_2xx": %%d, "socket_errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def wrk(port: int, script: Path, *, connections: int, duration: int, threads: int) -> dict:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}{PATH}",
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    (line,) = [x for x in out.splitlines() if x.startswith("@@")]
    result = json.loads(line[2:])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def engine_time_ms() -> float:
    """Mean in-process time of engine.recommend over the bodies: the floor per request."""
    from recommender.engine import Engine

    engine = Engine.load()
    for body in BODIES * 20:
        engine.recommend(body)
    n = 200
    start_time = time.perf_counter()
    for _ in range(n):
        for body in BODIES:
            engine.recommend(body)
    return (time.perf_counter() - start_time) / (n * len(BODIES)) * 1000


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{len(os.sched_getaffinity(0))} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()}"


def serve_and_measure(args, workload: str, bodies: list[dict], logs: Path) -> dict[str, list[dict]]:
    """Start both servers, warm them up, and run ``args.rounds`` alternating wrk runs on each."""
    script = logs / "post.lua"
    script.write_text(WRK_SCRIPT % {"bodies": ", ".join(f"[==[{json.dumps(b)}]==]" for b in bodies), "path": PATH})
    workers = ["--workers", str(args.workers)] if args.workers else []
    ports = {"careerpath": free_port(), "minimal": free_port()}
    commands = {
        "careerpath": ["careerpath", "serve", "--port", str(ports["careerpath"]), *workers],
        "minimal": [sys.executable, str(HERE / "minimal_app.py"), "--port", str(ports["minimal"]), *workers],
    }
    # The rate limiter stays on, so its cost per request is measured, with a limit
    # no run reaches: the default (600/minute per client) would turn most of the
    # load into 429s.
    envs = {"careerpath": {"CAREERPATH_RATE_LIMIT": "100000000/minute"}, "minimal": {}}
    if args.precomputed:
        ports["precomputed"] = free_port()
        commands["precomputed"] = [
            *(sys.executable, str(HERE / "precomputed_app.py"), "--port", str(ports["precomputed"])),
            *("--workload", workload, *workers),
        ]
        envs["precomputed"] = envs["careerpath"]
    if args.answers:
        ports["answers"] = free_port()
        commands["answers"] = [
            *(sys.executable, str(HERE / "minimal_app.py"), "--port", str(ports["answers"])),
            *("--answers", workload, *workers),
        ]
        envs["answers"] = {}
    if args.baseline:
        ports["baseline"] = free_port()
        commands["baseline"] = ["careerpath", "serve", "--port", str(ports["baseline"]), *workers]
        # The console script puts no working directory first on the path: PYTHONPATH wins over the installed tree.
        envs["baseline"] = {**envs["careerpath"], "PYTHONPATH": str(args.baseline.resolve())}
    servers: dict[str, subprocess.Popen] = {}
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    try:
        for name, command in commands.items():  # one that fails to start stops those started before it
            servers[name] = start_server(command, ports[name], logs, envs[name], name)
        for name in servers:  # warm-up: imports, caches, first-request paths
            wrk(ports[name], script, connections=args.connections, duration=2, threads=args.threads)
        for round_ in range(args.rounds):
            for name, process in servers.items():
                cpu_before = cpu_seconds(process.pid)
                result = wrk(
                    ports[name], script, connections=args.connections, duration=args.duration, threads=args.threads
                )
                result["cpu_ms"] = (cpu_seconds(process.pid) - cpu_before) / max(1, result["requests"]) * 1000
                runs[name].append(result)
                print(
                    f"round {round_ + 1} {name:<11} {result['rps']:8.0f} req/s  p50 {result['p50_us'] / 1000:6.1f} ms"
                    f"  p99 {result['p99_us'] / 1000:6.1f} ms  CPU {result['cpu_ms']:.3f} ms/request"
                    f"  non-2xx {result['non_2xx']}  socket errors {result['socket_errors']}",
                    flush=True,
                )
    finally:
        for process in servers.values():
            stop_server(process)
    return runs


def report(workload: str, runs: dict[str, list[dict]], n_bodies: int, args) -> None:
    summary = {
        name: {
            "rps": statistics.median(r["rps"] for r in results),
            "p50_ms": statistics.median(r["p50_us"] for r in results) / 1000,
            "p99_ms": statistics.median(r["p99_us"] for r in results) / 1000,
            "cpu_ms": statistics.median(r["cpu_ms"] for r in results),
        }
        for name, results in runs.items()
    }
    failed = [(name, r) for name, results in runs.items() for r in results if r["non_2xx"] or r["socket_errors"]]
    if failed:  # a refused or broken request is fast: its figures would flatter the server
        sys.exit(f"invalid run: {len(failed)} runs had non-2xx answers or socket errors; see above")
    ratio = summary["careerpath"]["rps"] / summary["minimal"]["rps"]
    print()
    print(
        f"workload {workload}: {n_bodies} distinct bodies in turn; wrk, {args.connections} connections, "
        f"{args.threads} thread, {args.duration} s x {args.rounds} rounds per server"
    )
    print(f"{'server':<34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/req':>12}")
    labels = {
        "careerpath": "careerpath serve (POST /v1/recommendations)",
        "minimal": "minimal Flask, parse only",
        "precomputed": "careerpath, answers precomputed",
        "answers": "minimal, sending the answers",
        "baseline": "careerpath from --baseline",
    }
    for name, row in summary.items():
        print(
            f"{labels[name]:<34.34}{row['rps']:>9.0f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['cpu_ms']:>12.3f}"
        )
    print(f"ratio careerpath / minimal: {ratio:.2f} (issue 14: at least 0.5)")
    cpu_ratio = summary["minimal"]["cpu_ms"] / summary["careerpath"]["cpu_ms"]
    print(f"CPU per request, minimal / careerpath: {cpu_ratio:.2f}")
    for name in ("precomputed", "answers", "baseline"):
        if name in summary:
            row = summary[name]
            print(
                f"ratio {name} / minimal: {row['rps'] / summary['minimal']['rps']:.2f}; "
                f"CPU per request, minimal / {name}: {summary['minimal']['cpu_ms'] / row['cpu_ms']:.2f}"
            )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=[*WORKLOADS, "both"], default="both")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--rounds", type=int, default=2, help="runs per server, alternating")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (each takes CPU from the servers)")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: as careerpath serve)")
    parser.add_argument(
        "--precomputed",
        action="store_true",
        help="also serve careerpath with every answer precomputed (benchmarks/precomputed_app.py): the cost besides the engine",
    )
    parser.add_argument(
        "--answers",
        action="store_true",
        help="also serve the minimal app sending careerpath's answers (minimal_app.py --answers): the cost of their size",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="also serve careerpath from this source tree (the code before a change), in the same rounds",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    if not shutil.which("careerpath"):
        sys.exit("careerpath is not installed: pip install -e .")

    workloads = list(WORKLOADS) if args.workload == "both" else [args.workload]
    print(f"machine: {machine()}", flush=True)
    for workload in workloads:
        bodies = WORKLOADS[workload]()
        with tempfile.TemporaryDirectory(prefix="careerpath-bench-") as tmp:
            runs = serve_and_measure(args, workload, bodies, Path(tmp))
        report(workload, runs, len(bodies), args)
    print(f"engine.recommend alone, in-process (README bodies): {engine_time_ms():.2f} ms per request")


if __name__ == "__main__":
    main()
