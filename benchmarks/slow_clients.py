"""Slow clients: does normal traffic keep flowing while hundreds of connections dawdle?

Starts its own ``careerpath serve`` on a free 127.0.0.1 port, then measures normal
traffic (keyless single recommendations from ``--clients`` threads, and ``/health``
every 0.1 s) twice, for ``--duration`` seconds each:

1. alone (the baseline);
2. with ``--slow`` slow connections held open by a separate process: half of them send a
   request head one byte a second (the server closes them after its head timeout; they
   reconnect at once), half send a head announcing a 1 MB body and then one body byte
   every 2 s (inside the server's per-read timeout, so they stay).

It reports throughput, p50 and p99 of the normal traffic in both phases, the /health
checks that failed, and how many slow connections were open. Goal (issue 17): with
500 slow clients, at least 80 % of the baseline throughput, p99 under 100 ms, and every
/health check answered. Exits 1 when a goal is missed.

Bounded: 127.0.0.1 only, at most 2,000 slow connections and 120 s per phase; the server
is stopped with SIGTERM at the end, whatever happens.

    python benchmarks/slow_clients.py                  # 500 slow, 10 s per phase
    python benchmarks/slow_clients.py --slow 1000 --duration 20 --json
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from servers import HOST, cpu_seconds, free_port, start_server, stop_server

MAX_SLOW = 2000
MAX_DURATION = 120
BODY = json.dumps({"skills": [{"name": "python", "level": 3}, {"name": "rag", "level": 2}], "limit": 3}).encode()
HEADERS = {"Content-Type": "application/json"}


# -- the slow clients (a separate process, so their work does not slow the measuring threads) --


def _slow_opening(index: int) -> bytes:
    if index % 2:
        return b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"  # a head, then one header byte a second
    return (
        b"POST /v1/recommendations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000000\r\n\r\n{"  # a body announced, then one byte every 2 s
    )


def slow_clients(port: int, count: int, stop_at: float, open_count) -> None:
    """Keep ``count`` slow connections open until ``stop_at``, reconnecting the ones the server closes."""
    selector = selectors.DefaultSelector()
    next_byte: dict[socket.socket, float] = {}

    def connect(index: int) -> None:
        try:
            sock = socket.create_connection((HOST, port), timeout=2)
            sock.sendall(_slow_opening(index))
            sock.setblocking(False)
        except OSError:
            return
        selector.register(sock, selectors.EVENT_READ, index)
        next_byte[sock] = time.monotonic() + (1 if index % 2 else 2)

    for index in range(count):
        connect(index)
    while time.monotonic() < stop_at:
        for key, _ in selector.select(timeout=0.2):  # readable: answered or closed by the server
            selector.unregister(key.fileobj)
            next_byte.pop(key.fileobj, None)
            key.fileobj.close()
            connect(key.data)
        now = time.monotonic()
        for sock, due in list(next_byte.items()):
            if now >= due:
                index = selector.get_key(sock).data
                try:
                    sock.send(b"X" if index % 2 else b" ")
                    next_byte[sock] = now + (1 if index % 2 else 2)
                except OSError:
                    selector.unregister(sock)
                    del next_byte[sock]
                    sock.close()
                    connect(index)
        open_count.value = len(next_byte)
    for key in list(selector.get_map().values()):
        key.fileobj.close()


# -- normal traffic -----------------------------------------------------------------


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    health_ok: int = 0
    health_failed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(port: int, stop_at: float, phase: Phase) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            connection.request("POST", "/v1/recommendations", body=BODY, headers=HEADERS)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
        with phase.lock:
            if ok:
                phase.latencies.append(time.perf_counter() - started)
            else:
                phase.errors += 1
    connection.close()


def health(port: int, stop_at: float, phase: Phase) -> None:
    while time.monotonic() < stop_at:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)  # a new connection each time
            connection.request("GET", "/health")
            ok = connection.getresponse().status == 200
            connection.close()
        except (OSError, http.client.HTTPException):
            ok = False
        with phase.lock:
            phase.health_ok += ok
            phase.health_failed += not ok
        time.sleep(0.1)


def run_phase(port: int, clients: int, seconds: float, server: int, attacker: int | None = None) -> dict:
    phase = Phase()
    cpu_before = cpu_seconds(server), cpu_seconds(attacker) if attacker else 0.0
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(port, stop_at, phase)) for _ in range(clients)]
    threads.append(threading.Thread(target=health, args=(port, stop_at, phase)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ms = sorted(x * 1000 for x in phase.latencies)
    server_cpu = cpu_seconds(server) - cpu_before[0]
    return {
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(1, len(ms)), 3),
        "attacker_cpu_seconds": round(cpu_seconds(attacker) - cpu_before[1], 2) if attacker else 0.0,
        "requests": len(ms),
        "per_second": round(len(ms) / seconds, 1),
        "p50_ms": round(statistics.median(ms), 2) if ms else None,
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 2) if ms else None,
        "errors": phase.errors,
        "health_ok": phase.health_ok,
        "health_failed": phase.health_failed,
    }


# -- the server ------------------------------------------------------------------------


def start_careerpath(port: int, workers: int, logs: Path) -> subprocess.Popen:
    env = {"CAREERPATH_RATE_LIMIT": "1000000/minute", "CAREERPATH_LOG_LEVEL": "WARNING", "CAREERPATH_API_KEYS_FILE": ""}
    command = ["careerpath", "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)]
    return start_server(command, port, logs, env)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slow", type=int, default=500, help=f"slow connections (at most {MAX_SLOW})")
    parser.add_argument("--duration", type=float, default=10, help=f"seconds per phase (at most {MAX_DURATION})")
    parser.add_argument("--clients", type=int, default=2, help="threads of normal traffic")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    slow, seconds = min(args.slow, MAX_SLOW), min(args.duration, MAX_DURATION)

    port = free_port()
    with tempfile.TemporaryDirectory() as logs:
        server = start_careerpath(port, args.workers, Path(logs))
        try:
            for _ in range(20):  # warm every worker
                run_phase(port, args.clients, 0.1, server.pid)
            baseline = run_phase(port, args.clients, seconds, server.pid)
            open_count = multiprocessing.Value("i", 0)
            attacker = multiprocessing.Process(
                target=slow_clients, args=(port, slow, time.monotonic() + seconds + 5, open_count), daemon=True
            )
            attacker.start()
            time.sleep(3)  # every slow connection is open and stalled
            attacked = run_phase(port, args.clients, seconds, server.pid, attacker.pid)
            attacked["slow_open_at_end"] = open_count.value
            attacker.join(timeout=MAX_DURATION)
            if attacker.is_alive():
                attacker.kill()
        finally:
            stop_server(server)

    ratio = attacked["per_second"] / baseline["per_second"] if baseline["per_second"] else 0.0
    goals = {
        "throughput_kept_at_least_80pct": ratio >= 0.8,
        "p99_under_100ms": attacked["p99_ms"] is not None and attacked["p99_ms"] < 100,
        "health_answered_every_time": attacked["health_failed"] == 0 and baseline["health_failed"] == 0,
    }
    summary = {
        "slow_clients": slow,
        "seconds_per_phase": seconds,
        "baseline": baseline,
        "with_slow_clients": attacked,
        "throughput_kept": round(ratio, 3),
        "goals": goals,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for name in ("baseline", "with_slow_clients"):
            p = summary[name]
            print(
                f"{name:18} {p['per_second']:8.1f} req/s  p50 {p['p50_ms']} ms  p99 {p['p99_ms']} ms  "
                f"errors {p['errors']}  /health {p['health_ok']} ok, {p['health_failed']} failed  "
                f"server CPU {p['server_cpu_ms_per_request']} ms/request  attacker CPU {p['attacker_cpu_seconds']} s"
            )
        print(f"slow connections open at the end: {attacked['slow_open_at_end']} of {slow}")
        print(f"throughput kept: {ratio:.1%}; goals: {goals}")
    return 0 if all(goals.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
