"""Faults against a real ``careerpath serve``: SIGTERM during a cohort request, a worker killed mid-request.

Each test pins a request on a worker by sending all of its body but the last bytes:
the worker is then inside that request, waiting, for as long as the test needs.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import time
from pathlib import Path

import pytest
import requests
from server_helpers import kill, start_server

pytestmark = pytest.mark.server

COHORTS = "/v1/cohorts/recommendations"
SKILLS = ["python", "pytorch", "rag", "docker", "prompt engineering", "transformers", "llmops", "vector databases"]


def cohort_body(rows: int, seed: int = 7) -> bytes:
    rnd = random.Random(seed)
    profiles = [
        {"id": f"m-{i}", "skills": [{"name": s, "level": rnd.randrange(6)} for s in rnd.sample(SKILLS, 4)]}
        for i in range(rows)
    ]
    return json.dumps({"profiles": profiles, "steps": 5}).encode()


def open_request(base: str, path: str, body: bytes, held_back: int = 1) -> socket.socket:
    """A POST whose body is sent but for its last ``held_back`` bytes; returns the socket."""
    port = int(base.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    sock.sendall(head.encode() + body[:-held_back])
    return sock


def finish_request(sock: socket.socket, body: bytes, held_back: int = 1) -> tuple[int, bytes]:
    """Send the rest of the body and read the whole response: ``(status, body)``."""
    sock.sendall(body[-held_back:])
    data = b""
    while chunk := sock.recv(1 << 20):
        data += chunk
    sock.close()
    head, _, payload = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), payload


def socket_inode(local_port: int, remote_port: int) -> str | None:
    """The inode of the server side of the connection 127.0.0.1:remote -> 127.0.0.1:local."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        if int(local.split(":")[1], 16) == local_port and int(remote.split(":")[1], 16) == remote_port:
            return inode
    return None


def worker_holding(server, sock: socket.socket) -> int:
    """The pid of the worker that accepted ``sock``'s connection."""
    server_port = int(server.base.rsplit(":", 1)[1])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        inode = socket_inode(server_port, sock.getsockname()[1])
        for pid in server.workers() if inode else ():
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                try:
                    if os.readlink(fd) == f"socket:[{inode}]":
                        return pid
                except OSError:
                    continue
        time.sleep(0.05)
    raise AssertionError("no worker took the connection")


def test_sigterm_during_a_cohort_request_lets_it_finish_and_exits_cleanly(tmp_path):
    server = start_server(tmp_path, workers=2)
    try:
        body = cohort_body(5_000)
        sock = open_request(server.base, COHORTS, body)
        worker = worker_holding(server, sock)  # the request is in a worker now
        server.process.send_signal(signal.SIGTERM)
        time.sleep(1)
        assert server.process.poll() is None, "the master must wait for the request in flight"
        # Finished within gunicorn's graceful timeout, or the worker would have been killed mid-answer.
        status, payload = finish_request(sock, body)
        assert status == 200, payload[:300]
        answer = json.loads(payload)
        assert len(answer["results"]) + len(answer["errors"]) == 5_000
        assert answer["summary"]["rows"] == 5_000
        assert server.process.wait(timeout=60) == 0
        assert not Path(f"/proc/{worker}").exists()
        logs = server.logs()
        assert "Shutting down: Master" in logs and "Traceback" not in logs
    finally:
        kill(server)


def test_a_worker_killed_mid_request_is_replaced_and_the_next_requests_succeed(tmp_path):
    server = start_server(tmp_path, workers=2)
    try:
        body = cohort_body(2_000)
        sock = open_request(server.base, COHORTS, body)
        victim = worker_holding(server, sock)
        survivor = next(pid for pid in server.workers() if pid != victim)
        os.kill(victim, signal.SIGKILL)

        # The request on the killed worker is lost: the client sees the connection close unanswered ...
        try:
            sock.sendall(body[-1:])
            received = sock.recv(1 << 16)
        except (ConnectionResetError, BrokenPipeError):
            received = b""
        sock.close()
        assert received == b""

        # ... the master starts a replacement ...
        deadline = time.monotonic() + 30
        while True:
            workers = server.workers()
            if len(workers) == 2 and victim not in workers:
                break
            assert time.monotonic() < deadline, f"no replacement worker: {workers}"
            time.sleep(0.1)
        assert survivor in workers and server.process.poll() is None

        # ... and every request after it succeeds, single and cohort alike.
        with requests.Session() as session:
            for _ in range(20):
                answer = session.post(f"{server.base}/v1/recommendations", json={"skills": [], "limit": 1}, timeout=30)
                assert answer.status_code == 200
            cohort = session.post(
                f"{server.base}{COHORTS}", data=body, headers={"Content-Type": "application/json"}, timeout=60
            )
            assert cohort.status_code == 200 and cohort.json()["summary"]["rows"] == 2_000
        assert server.stop() == 0
        assert f"Worker (pid:{victim})" in server.logs()
    finally:
        kill(server)
