"""Servers for the benchmarks: a free port, starting one and waiting until it answers, stopping it, its CPU time.

Used by ``bench_api.py``, ``load.py`` and ``slow_clients.py``: one "wait for the server" loop for all of them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
START_SECONDS = 60  # a cold start imports numba-compiled code and builds the engine's tables


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def log_paths(logs: Path, name: str) -> tuple[Path, Path]:
    """Where :func:`start_server` writes ``name``'s stdout (the access log) and stderr."""
    return logs / f"{name}.stdout.log", logs / f"{name}.stderr.log"


def start_server(
    command: list[str], port: int, logs: Path, env: dict[str, str] | None = None, name: str = "server"
) -> subprocess.Popen:
    """Run ``command`` (with ``env`` on top of this process's environment) and return once ``GET /health`` on
    ``port`` answers 200; exit with a message naming its logs if it dies or does not answer within a minute."""
    out_path, err_path = log_paths(logs, name)
    with out_path.open("wb") as out, err_path.open("wb") as err:  # the child keeps its own copies
        process = subprocess.Popen(command, stdout=out, stderr=err, env={**os.environ, **(env or {})})
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{name} exited with {process.returncode}; see {err_path}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"{name} did not answer on port {port} within {START_SECONDS} s; see {err_path}")


def time_to_first_200(
    command: list[str], port: int, env: dict | None = None, timeout: float = START_SECONDS, cwd=None
) -> float:
    """Seconds from starting ``command`` to the first 200 from ``GET /health`` on ``port`` (start-up benchmarks);
    the server is stopped afterwards. ``env``: the whole environment (None: this process's)."""
    start = time.perf_counter()
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < timeout:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/health", timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except OSError:
                pass
            if server.poll() is not None:
                raise SystemExit(f"{' '.join(command)} exited with {server.returncode}")
            time.sleep(0.01)
        raise SystemExit(f"no 200 from /health within {timeout} s")
    finally:
        server.terminate()
        server.wait(20)


def stop_server(process: subprocess.Popen, timeout: float = 60) -> None:
    """SIGTERM (gunicorn's graceful shutdown: requests in flight finish), then SIGKILL if it is still running."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its live children (the gunicorn workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    total = 0.0
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total
