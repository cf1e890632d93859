"""Slow clients against a real ``careerpath serve`` (issue 17, finding 1).

Half-sent request heads and bodies must not hold the server: ``/health`` and the API keep
answering while they wait, a stalled body is dropped with 408, and a chunked body over the
limit is refused with 413 before the app sees any of it.
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
import time

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from server_helpers import kill, start_server

from api.server import ReadBodyFirst

SLOW_SOCKETS = 6  # three per worker: with sync workers, two were enough to stop a 2-worker server


def slow_socket(base: str, first_bytes: bytes) -> socket.socket:
    port = int(base.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(first_bytes)
    return sock


def half_head() -> bytes:
    return b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def half_body(path: str = "/v1/recommendations", content_type: str = "application/json") -> bytes:
    body = json.dumps({"skills": [], "limit": 1}).encode()
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body[:5]


SLOW_OPENINGS = [half_head(), half_body(), half_body("/", "application/x-www-form-urlencoded")]  # head, API body, form


@pytest.fixture
def server(tmp_path):
    server = start_server(tmp_path, workers=2)
    yield server
    kill(server)


@pytest.mark.server
def test_health_and_the_api_answer_while_slow_clients_hold_connections(server):
    for _ in range(4):  # each worker's first answer (a cold engine) may take seconds on a busy machine
        requests.post(f"{server.base}/v1/recommendations", json={"skills": [], "limit": 1}, timeout=60)
    sockets = [slow_socket(server.base, SLOW_OPENINGS[i % len(SLOW_OPENINGS)]) for i in range(SLOW_SOCKETS)]
    try:
        time.sleep(0.5)  # every slow connection has been accepted by a worker by now
        with requests.Session() as session:
            for _ in range(10):
                assert session.get(f"{server.base}/health", timeout=3).status_code == 200
                answer = session.post(f"{server.base}/v1/recommendations", json={"skills": [], "limit": 1}, timeout=3)
                assert answer.status_code == 200
    finally:
        for sock in sockets:
            sock.close()


@pytest.mark.server
def test_a_half_sent_head_is_closed_and_a_stalled_body_gets_408(server):
    head = slow_socket(server.base, half_head())
    body = slow_socket(server.base, half_body())
    started = time.monotonic()
    assert head.recv(1024) == b""  # closed without an answer once the head timeout passes
    head_closed = time.monotonic() - started
    answer = b""
    while chunk := body.recv(65536):
        answer += chunk
    body_closed = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["code"] == 408
    assert head_closed < 15 and body_closed < 20
    head.close()
    body.close()


@pytest.mark.server
def test_a_chunked_body_over_the_limit_gets_413_and_is_never_scored(server):
    port = int(server.base.rsplit(":", 1)[1])
    piece = b'{"skills": [], "pad": "' + b"x" * (3 << 20) + b'"}'  # 3 MiB, over the 1 MiB default
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            b"POST /v1/recommendations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        for start in range(0, len(piece), 1 << 16):
            part = piece[start : start + (1 << 16)]
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(part), part))
            except (BrokenPipeError, ConnectionResetError):
                break  # the server answered and closed early: also fine
        else:
            sock.sendall(b"0\r\n\r\n")
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    assert answer.startswith(b"HTTP/1.1 413"), answer[:300]
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["code"] == 413


# ---------------------------------------------------------------------------
# ReadBodyFirst on its own: what the app sees, and a body that trickles for too long
# ---------------------------------------------------------------------------


class Trickle(io.RawIOBase):
    """A request body that arrives ``step`` bytes at a time, ``pause`` seconds apart."""

    def __init__(self, data: bytes, step: int, pause: float = 0.0):
        self.data, self.step, self.pause = data, step, pause

    def read(self, size=-1):
        time.sleep(self.pause)
        chunk, self.data = self.data[: min(self.step, size)], self.data[min(self.step, size) :]
        return chunk


def seen_by_app(middleware_args: dict, environ: dict):
    seen = {}

    def app(environ, start_response):
        seen["length"] = environ.get("CONTENT_LENGTH")
        seen["body"] = environ["wsgi.input"].read()
        seen["chunked"] = "HTTP_TRANSFER_ENCODING" in environ
        start_response("200 OK", [])
        return [b""]

    statuses = []
    ReadBodyFirst(app, **middleware_args)(environ, lambda status, headers: statuses.append(status))
    return seen, statuses


@settings(max_examples=50, deadline=None)
@given(size=st.integers(0, 3000), limit=st.integers(1, 2000), step=st.integers(1, 700))
def test_the_app_sees_a_whole_body_with_its_length_or_none_over_the_limit(size, limit, step):
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    environ = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": Trickle(data, step)}
    seen, statuses = seen_by_app({"max_bytes": limit, "read_timeout": 5, "deadline": contextlib.nullcontext}, environ)
    assert not seen["chunked"]
    if size <= limit:
        assert seen["body"] == data and seen["length"] == str(size)
    else:  # the app refuses it from the length (413) and gets no bytes
        assert seen["body"] == b"" and int(seen["length"]) > limit


def test_a_body_still_trickling_after_the_total_time_is_408():
    environ = {"CONTENT_LENGTH": "1000", "wsgi.input": Trickle(b"x" * 1000, step=1, pause=0.02)}
    args = {"max_bytes": 10_000, "read_timeout": 5, "deadline": contextlib.nullcontext, "total_timeout": 0.2}
    seen, statuses = seen_by_app(args, environ)
    assert statuses == ["408 Request Timeout"] and seen == {}
