"""``careerpath serve``: a real gunicorn server, the API doc's curl examples, SIGTERM."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from api.cli import main
from api.server import TakeTurns

API_DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"
ACCESS_FIELDS = {"time", "method", "path", "status", "duration_ms", "request_id"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def documented_curls() -> list[str]:
    """The first four curl commands in docs/api.md, as written: a beginner, an experienced developer, a developer
    with goals, a bad request."""
    blocks = re.findall(r"```sh\n(.*?)```", API_DOC.read_text(encoding="utf-8"), flags=re.S)
    return [block.strip() for block in blocks if block.lstrip().startswith("curl")][:4]


@pytest.fixture
def server(tmp_path):
    """``careerpath serve`` on a free port; yields (base url, process, stdout path, stderr path)."""
    if not shutil.which("careerpath"):
        pytest.skip("careerpath is not installed (pip install -e .)")
    port = free_port()
    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            ["careerpath", "serve", "--port", str(port), "--workers", "2"], stdout=stdout, stderr=stderr
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, err.read_text()
            try:
                requests.get(f"{base}/health", timeout=2)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "the server did not start within 60 s"
                time.sleep(0.2)
        yield base, process, out, err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.server
def test_the_documented_examples_work_against_careerpath_serve(server):
    base, process, out, err = server
    curls = documented_curls()
    assert len(curls) == 4
    answers = []
    for command in curls:
        assert "${CAREERPATH_URL:-http://127.0.0.1:8000}/" in command
        done = subprocess.run(
            ["bash", "-c", command],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={**os.environ, "CAREERPATH_URL": base},
        )
        answers.append(json.loads(done.stdout))
    beginner, experienced, aiming, bad = answers
    assert beginner["profile"]["matched"] == [] and len(beginner["plan"]["steps"]) == 3
    assert experienced["target_role"] == "ai-engineer"
    assert {m["skill"] for m in experienced["profile"]["matched"]} >= {"python", "rag"}
    assert aiming["profile"]["goals"][0]["skills"] == ["rag"]
    assert aiming["plan"]["steps"][0]["reasons"][0].startswith("on the way to your goal")
    assert bad["code"] == 422 and bad["status"] == "Unprocessable Entity"
    assert set(bad["errors"]) == {"skills.3.level", "target_role"}
    assert "software-developer" in bad["errors"]["target_role"][0]

    # Every response carries a request id: the caller's, echoed, or a new one.
    assert requests.get(f"{base}/health", headers={"X-Request-ID": "portal-42"}).headers["X-Request-ID"] == "portal-42"
    missing = requests.get(f"{base}/v1/nowhere")
    assert missing.status_code == 404 and missing.json()["code"] == 404
    assert missing.headers["Content-Type"] == "application/json"
    assert re.fullmatch(r"[0-9a-f]{32}", missing.headers["X-Request-ID"])
    too_big = requests.post(
        f"{base}/v1/recommendations",
        data=b'{"skills": [], "pad": "' + b"x" * (1 << 20) + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert too_big.status_code == 413 and too_big.json()["code"] == 413

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    assert "Shutting down" in err.read_text()

    # The access log: one JSON object per request, without bodies or profile contents.
    lines = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    assert len(lines) >= 7
    assert all(set(line) == ACCESS_FIELDS for line in lines)
    posts = [line for line in lines if line["method"] == "POST"]
    assert [p["status"] for p in posts] == [200, 200, 200, 422, 413]
    assert any(line["request_id"] == "portal-42" and line["path"] == "/health" for line in lines)
    logs = out.read_text() + err.read_text()
    for secret in ("prompt engineering", "PyTorch", "guru", "astronaut", "hours_per_week"):
        assert secret not in logs


@pytest.mark.server
def test_sigterm_lets_the_request_in_flight_finish(server):
    base, process, _, err = server
    port = int(base.rsplit(":", 1)[1])
    body = json.dumps({"skills": [], "limit": 1}).encode()
    head = f"POST /v1/recommendations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode() + body[:5])  # a worker is now waiting for the rest of the body
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        time.sleep(1)
        # No new request is served (refused, or left in the closing socket's backlog) ...
        with pytest.raises(requests.RequestException):
            requests.get(f"{base}/health", timeout=2)
        sock.sendall(body[5:])  # ... but the one in flight is answered
        response = b""
        while chunk := sock.recv(65536):
            response += chunk
    assert response.startswith(b"HTTP/1.1 200 OK"), response[:200]
    assert json.loads(response.split(b"\r\n\r\n", 1)[1])["plan"]["total_steps"] > 0
    assert process.wait(timeout=60) == 0
    assert "Shutting down: Master" in err.read_text()


def test_a_bad_serve_option_from_the_environment_names_the_variable(monkeypatch):
    monkeypatch.setenv("CAREERPATH_PORT", "eighty")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "Invalid value for '--port' (from CAREERPATH_PORT): 'eighty'" in result.output


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CAREERPATH_MAX_CONTENT_LENGTH", "lots", "must be a positive number of bytes"),
        ("CAREERPATH_COHORT_MAX_ROWS", "0", "must be a whole number of at least 1"),
        ("CAREERPATH_CORS_ORIGINS", "portal.example.com", "must be origins"),
    ],
)
def test_serve_stops_with_a_readable_error_on_bad_settings(monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    result = CliRunner().invoke(main, ["serve", "--port", "1"])
    assert result.exit_code == 1
    assert f"Error: {variable} {message}" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # a message, not a traceback


def test_serve_stops_with_a_readable_error_on_a_broken_catalog(broken_catalog):
    catalog_dir = broken_catalog("skills.yaml", text="- id: rag\n  name: [unclosed\n")
    result = CliRunner().invoke(main, ["serve", "--catalog", str(catalog_dir), "--port", "1"])
    assert result.exit_code == 1
    assert "skills.yaml" in result.output and "Traceback" not in result.output


def test_each_request_first_lets_the_worker_serve_what_else_is_ready():
    # Under gevent, pause() is gevent.sleep(0): a client whose next request is always there cannot keep the worker.
    calls = []

    def app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return [b"{}"]

    served = TakeTurns(app, pause=lambda: calls.append("pause"))
    for path in ("/a", "/b"):
        assert served({"PATH_INFO": path}, None) == [b"{}"]
    assert calls == ["pause", "/a", "pause", "/b"]
