"""Real ``careerpath serve`` processes for the fault and logging tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    base: str
    process: subprocess.Popen
    stdout: Path
    stderr: Path

    def logs(self) -> str:
        return self.stdout.read_text(errors="replace") + self.stderr.read_text(errors="replace")

    def workers(self) -> list[int]:
        """The gunicorn worker pids (the master's children)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def stop(self, timeout: float = 60) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)


def start_server(tmp_path: Path, *, workers: int = 2, env: dict[str, str] | None = None) -> Server:
    """Start ``careerpath serve`` on a free 127.0.0.1 port and wait until /health answers."""
    if not shutil.which("careerpath"):
        pytest.skip("careerpath is not installed (pip install -e .)")
    port = free_port()
    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            ["careerpath", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
            stdout=stdout,
            stderr=stderr,
            env={**os.environ, **(env or {})},
        )
    server = Server(f"http://127.0.0.1:{port}", process, out, err)
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{server.logs()}")
        try:
            if requests.get(f"{server.base}/health", timeout=2).status_code == 200 and len(server.workers()) == workers:
                return server
        except requests.RequestException:  # not listening yet, or too busy starting to answer within 2 s
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the server did not start within 60 s:\n{server.logs()}")
        time.sleep(0.2)


def kill(server: Server) -> None:
    """Stop ``server`` at once, whatever state the test left it in."""
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait()
