"""Load test: mixed traffic against ``careerpath serve`` on localhost, bounded in time.

Starts its own server (keys configured, on a free 127.0.0.1 port), drives it from
``--concurrency`` client threads for ``--duration`` seconds with a mix of

* single recommendations with a key (``Authorization: Bearer``),
* cohort requests of ``--cohort-size`` members with a key (``X-API-Key``),
* catalog reads with a key,
* requests without a key or with a wrong one (401 expected),
* ``/health``,

then stops the server with SIGTERM and reports throughput, p50/p99 latency per kind,
the status codes, 5xx, dropped connections (no answer, reset or timeout) and anything
the server logged as an error. Exits 1 if there was any 5xx, dropped connection,
unexpected status or logged error.

    python benchmarks/load.py                       # 30 s, 16 clients, 2 workers
    python benchmarks/load.py --duration 60 --concurrency 32 --json

Rate limits are raised for the run (``--rate-limit``) so it measures serving, not
throttling; pass e.g. ``--rate-limit 600/minute`` to watch 429s instead (they count as
expected for requests with a key). The clients run on the same machine and take
CPU from the server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from servers import HOST, cpu_seconds, free_port, log_paths, start_server, stop_server

# Names as people type them (ids, aliases, a typo, free text); no two rate the same skill,
# which would be a 422.
SKILLS = [
    "python", "pytorhc", "rag", "docker", "prompt engineering", "transformers", "llmops", "vector databases",
    "fine tuning", "agents", "evaluation", "langchain", "statistics", "cooking",
]  # fmt: skip
LEVELS = [0, 1, 2, 3, 4, 5, "beginner", "intermediate", "advanced"]
ROLES = [None, "ai-engineer", "data-scientist", "software-developer"]
# kind -> (weight, statuses that are a correct answer)
MIX = {
    "single": (70, {200, 429}),
    "cohort": (5, {200, 429}),
    "catalog": (10, {200, 429}),
    "no_key": (5, {401}),
    "bad_key": (5, {401}),
    "health": (5, {200}),
}
MAX_DURATION, MAX_CONCURRENCY = 300, 128  # this script must stay a bounded, local load


def profile(rnd: random.Random) -> dict:
    skills = [{"name": name, "level": rnd.choice(LEVELS)} for name in rnd.sample(SKILLS, rnd.randrange(0, 8))]
    return {"skills": skills, "target_role": rnd.choice(ROLES), "hours_per_week": rnd.choice([5, 8, 10, 20])}


def cohort(rnd: random.Random, size: int) -> dict:
    return {"profiles": [{"id": f"m-{i}", **profile(rnd)} for i in range(size)], "steps": 5}


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    dropped: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, status: int | str, seconds: float) -> None:
        with self.lock:
            self.statuses[kind][status] += 1
            if isinstance(status, int):
                self.latencies[kind].append(seconds)
            else:
                self.dropped[status] += 1


class Client(threading.Thread):
    def __init__(self, port: int, keys: list[str], deadline: float, results: Results, seed: int, cohort_size: int):
        super().__init__(daemon=True)
        self.port, self.keys, self.deadline, self.results = port, keys, deadline, results
        self.rnd = random.Random(seed)
        self.cohort_size = cohort_size
        self.kinds, self.weights = zip(*((k, w) for k, (w, _) in MIX.items()), strict=True)

    def request(self, kind: str) -> tuple[str, str, bytes | None, dict]:
        key = self.rnd.choice(self.keys)
        json_type = {"Content-Type": "application/json"}
        if kind == "single":
            return "POST", "/v1/recommendations", json.dumps(profile(self.rnd)).encode(), {
                **json_type, "Authorization": f"Bearer {key}"}  # fmt: skip
        if kind == "cohort":
            body = json.dumps(cohort(self.rnd, self.cohort_size)).encode()
            return "POST", "/v1/cohorts/recommendations", body, {**json_type, "X-API-Key": key}
        if kind == "catalog":
            path = self.rnd.choice(["/v1/skills", "/v1/roles", "/v1/skills/rag", "/v1/roles/ai-engineer"])
            return "GET", path, None, {"X-API-Key": key}
        if kind == "no_key":
            return "POST", "/v1/recommendations", json.dumps(profile(self.rnd)).encode(), json_type
        if kind == "bad_key":
            return "GET", "/v1/skills", None, {"Authorization": "Bearer cp_" + "x" * 43}
        return "GET", "/health", None, {}

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            kind = self.rnd.choices(self.kinds, self.weights)[0]
            method, path, body, headers = self.request(kind)
            start = time.perf_counter()
            connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status: int | str = response.status
            except TimeoutError:
                status = "timeout"
            except (ConnectionError, http.client.HTTPException, OSError) as exc:
                status = type(exc).__name__
            finally:
                connection.close()
            self.results.add(kind, status, time.perf_counter() - start)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def report(results: Results, seconds: float, server_errors: list[str], cpu: dict, args) -> dict:
    kinds = {}
    for kind, (_, expected) in MIX.items():
        latencies = results.latencies.get(kind, [])
        statuses = results.statuses.get(kind, Counter())
        kinds[kind] = {
            "requests": sum(statuses.values()),
            "p50_ms": round(percentile(latencies, 50) * 1000, 1),
            "p99_ms": round(percentile(latencies, 99) * 1000, 1),
            "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
            "unexpected": sum(v for k, v in statuses.items() if isinstance(k, int) and k not in expected),
        }
    every = [status for counter in results.statuses.values() for status in counter.elements()]
    all_latencies = [x for values in results.latencies.values() for x in values]
    return {
        "machine": {"cpus": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version()},
        "settings": {
            "duration_s": args.duration,
            "concurrency": args.concurrency,
            "workers": args.workers,
            "cohort_size": args.cohort_size,
            "rate_limit": args.rate_limit,
        },
        "requests": len(every),
        "throughput_rps": round(len(every) / seconds, 1),
        "p50_ms": round(percentile(all_latencies, 50) * 1000, 1),
        "p99_ms": round(percentile(all_latencies, 99) * 1000, 1),
        "server_errors_5xx": sum(1 for s in every if isinstance(s, int) and s >= 500),
        "dropped_connections": sum(results.dropped.values()),
        "dropped_by_kind": dict(results.dropped),
        "unexpected_statuses": sum(k["unexpected"] for k in kinds.values()),
        "errors_logged_by_server": len(server_errors),
        # Of the machine's CPU time over the run: how busy the server was, and what the clients took from it.
        "cpu_share_server": round(cpu["server"] / (seconds * (os.cpu_count() or 1)), 2),
        "cpu_share_clients": round(cpu["clients"] / (seconds * (os.cpu_count() or 1)), 2),
        "kinds": kinds,
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def print_report(summary: dict) -> None:
    s = summary["settings"]
    print(f"{summary['machine']['cpus']} CPUs ({summary['machine']['cpu']}); {s['workers']} workers, "
          f"{s['concurrency']} clients, {s['duration_s']} s, cohorts of {s['cohort_size']}")  # fmt: skip
    print(f"\n{'kind':<10}{'requests':>10}{'p50 ms':>10}{'p99 ms':>10}  statuses")
    for kind, k in summary["kinds"].items():
        statuses = ", ".join(f"{code}: {n}" for code, n in k["statuses"].items())
        print(f"{kind:<10}{k['requests']:>10}{k['p50_ms']:>10}{k['p99_ms']:>10}  {statuses}")
    print(
        f"\n{summary['requests']} requests, {summary['throughput_rps']} req/s, "
        f"p50 {summary['p50_ms']} ms, p99 {summary['p99_ms']} ms; "
        f"5xx: {summary['server_errors_5xx']}, dropped connections: {summary['dropped_connections']}, "
        f"unexpected statuses: {summary['unexpected_statuses']}, "
        f"errors in the server log: {summary['errors_logged_by_server']}"
    )
    print(f"in the server (access log): p50 {summary['server_p50_ms']} ms, p99 {summary['server_p99_ms']} ms")
    print(
        f"CPU: the server used {summary['cpu_share_server']:.0%} of the machine, "
        f"the load generator {summary['cpu_share_clients']:.0%}"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30, help=f"seconds of load (at most {MAX_DURATION})")
    parser.add_argument("--concurrency", type=int, default=16, help=f"client threads (at most {MAX_CONCURRENCY})")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of the server")
    parser.add_argument("--cohort-size", type=int, default=100, help="members per cohort request")
    parser.add_argument("--rate-limit", default="1000000/minute", help="CAREERPATH_RATE_LIMIT for the run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if not 0 < args.duration <= MAX_DURATION or not 0 < args.concurrency <= MAX_CONCURRENCY:
        parser.error(f"--duration must be in (0, {MAX_DURATION}] and --concurrency in (0, {MAX_CONCURRENCY}]")

    from api.security.keys import create_key  # here, so --help works without the package installed

    with tempfile.TemporaryDirectory(prefix="careerpath-load-") as tmp:
        tmp = Path(tmp)
        keys = [create_key(tmp / "keys", name) for name in ("load-a", "load-b")]
        port = free_port()
        env = {
            "CAREERPATH_API_KEYS_FILE": str(tmp / "keys"),
            "CAREERPATH_RATE_LIMIT": args.rate_limit,
            "CAREERPATH_COHORT_RATE_LIMIT": args.rate_limit,
        }
        command = ["careerpath", "serve", "--host", HOST, "--port", str(port), "--workers", str(args.workers)]
        server = start_server(command, port, tmp, env)
        results = Results()
        try:
            server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
            start = time.monotonic()
            deadline = start + args.duration
            clients = [
                Client(port, keys, deadline, results, args.seed * 1000 + i, args.cohort_size)
                for i in range(args.concurrency)
            ]
            for client in clients:
                client.start()
            for client in clients:
                client.join(timeout=args.duration + 120)
            elapsed = time.monotonic() - start
            cpu = {"server": cpu_seconds(server.pid) - server_cpu, "clients": time.process_time() - client_cpu}
        finally:
            stop_server(server)
        stdout, stderr = (path.read_text(errors="replace") for path in log_paths(tmp, "server"))
        # The access log's durations: time in the worker, without the wait in the listen queue.
        served = [json.loads(line)["duration_ms"] / 1000 for line in stdout.splitlines() if line.startswith("{")]
        server_errors = [line for line in stderr.splitlines() if "[ERROR]" in line or "Traceback" in line]
        summary = report(results, elapsed, server_errors, cpu, args)
        summary["server_p50_ms"] = round(percentile(served, 50) * 1000, 1)
        summary["server_p99_ms"] = round(percentile(served, 99) * 1000, 1)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_report(summary)
        for line in server_errors[:10]:
            print("server:", line)
    bad = summary["server_errors_5xx"] + summary["dropped_connections"] + summary["unexpected_statuses"]
    return 1 if bad or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
