"""Logs: one JSON line per request with request id, key name, status and duration; never a
key, never what a profile contains."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
import requests
from gunicorn.config import Config
from security_helpers import make_keys
from server_helpers import kill, start_server
from web_helpers import csrf_token

from api.server import API_KEY_ENVIRON, JsonAccessLogger

# Distinctive values that must never reach a log, whichever way they were sent.
SKILL = "Quokkafied Hyperparameter Wrangling"
ROLE = "quokka-astronaut"
LEVEL_WORD = "quokkalicious"
MEMBER_ID, GROUP = "member-quokka-4711", "quokka-class-b"
BASE_FIELDS = {"time", "method", "path", "status", "duration_ms", "request_id"}


def access_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.mark.server
def test_access_log_lines_name_the_key_and_nothing_sent_reaches_any_log(tmp_path):
    key_file = tmp_path / "keys"
    key = make_keys(key_file, "portal-logs")["portal-logs"]
    wrong_key = "cp_" + "Q" * 43
    server = start_server(tmp_path, env={"CAREERPATH_API_KEYS_FILE": str(key_file)})
    try:
        base, auth = server.base, {"Authorization": f"Bearer {key}"}
        profile = {"skills": [{"name": SKILL, "level": 3}, {"name": "python", "level": 4}], "limit": 2}
        with requests.Session() as s:
            ok = s.post(f"{base}/v1/recommendations", json=profile, headers={**auth, "X-Request-ID": "trace-1"})
            assert ok.status_code == 200 and ok.json()["profile"]["unmatched"][0]["input"] == SKILL
            assert s.post(f"{base}/v1/recommendations", json=profile, headers={"X-API-Key": key}).status_code == 200
            assert (
                s.post(f"{base}/v1/recommendations", json=profile, headers={"X-API-Key": wrong_key}).status_code == 401
            )
            bad = {"skills": [{"name": SKILL, "level": LEVEL_WORD}], "target_role": ROLE}
            assert s.post(f"{base}/v1/recommendations", json=bad, headers=auth).status_code == 422
            cohort = {"profiles": [{"id": MEMBER_ID, "group": GROUP, "skills": [{"name": SKILL, "level": 2}]}]}
            assert s.post(f"{base}/v1/cohorts/recommendations", json=cohort, headers=auth).status_code == 200
            csv = f"id,group,{SKILL}\n{MEMBER_ID},{GROUP},3\n"
            posted = s.post(
                f"{base}/v1/cohorts/recommendations", data=csv, headers={**auth, "Content-Type": "text/csv"}
            )
            assert posted.status_code == 200
            # The form, with the same skill typed in as a field name, and the role in a query string.
            token = csrf_token(s.get(f"{base}/?role={ROLE}").content)
            form = {"csrf_token": token, f"skill.{SKILL}": "3", "role": ROLE, "hours": "8"}
            assert s.post(f"{base}/", data=form).status_code == 400  # the unknown role, on the page
            assert s.get(f"{base}/plan.json", params={f"skill.{SKILL}": "2"}).status_code == 200
            assert s.get(f"{base}/health").status_code == 200
    finally:
        assert server.stop() == 0
        kill(server)

    out, err = server.stdout.read_text(), server.stderr.read_text()
    lines = access_lines(out)
    assert len(lines) == len(out.splitlines()) >= 11  # stdout is the access log and nothing else
    for line in lines:
        assert isinstance(line["duration_ms"], float) and line["request_id"]
        if line["path"].startswith("/v1/"):
            assert set(line) == BASE_FIELDS | {"key"}, line
        else:
            assert set(line) == BASE_FIELDS, line  # public paths have no key to name
    v1 = [line for line in lines if line["path"].startswith("/v1/")]
    assert [(line["status"], line["key"]) for line in v1] == [
        (200, "portal-logs"),
        (200, "portal-logs"),
        (401, None),
        (422, "portal-logs"),
        (200, "portal-logs"),
        (200, "portal-logs"),
    ]
    assert v1[0]["request_id"] == "trace-1"
    assert "API keys: 1 key(s)" in err
    for secret in (key, wrong_key, SKILL, SKILL.split()[0], ROLE, LEVEL_WORD, MEMBER_ID, GROUP):
        assert secret not in out + err, secret


def test_an_open_api_says_so_at_start_up(engine, caplog):
    from api.app import create_app

    with caplog.at_level(logging.WARNING):
        client = create_app({"TESTING": True, "ENGINE": engine, "API_KEYS_FILE": None}).test_client()
    assert "API keys are not configured (CAREERPATH_API_KEYS_FILE): the /v1/ API is open" in caplog.text
    assert client.get("/v1/roles").status_code == 200


def test_the_access_logger_writes_the_key_name_only_when_keys_are_on():
    logger = JsonAccessLogger(Config())
    logger.cfg.set("accesslog", "-")
    written: list[str] = []
    logger.access_log = SimpleNamespace(info=written.append)
    response = SimpleNamespace(status="200 OK", headers=[("X-Request-ID", "r-1")])
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/v1/recommendations", "QUERY_STRING": "secret=1"}
    logger.access(response, None, environ, timedelta(milliseconds=12.5))
    logger.access(response, None, {**environ, API_KEY_ENVIRON: "portal-a"}, timedelta(milliseconds=3))
    logger.access(response, None, {**environ, API_KEY_ENVIRON: None}, timedelta(milliseconds=3))
    first, second, third = (json.loads(line) for line in written)
    # Without keys (an open API) the line keeps its base fields: no key to name.
    assert set(first) == BASE_FIELDS and first["duration_ms"] == 12.5 and first["request_id"] == "r-1"
    assert second["key"] == "portal-a" and third["key"] is None
    assert not any("secret" in line for line in written)


def test_an_unexpected_error_is_logged_with_its_frames_but_not_its_message(engine, caplog):
    from api.app import create_app

    app = create_app({"ENGINE": engine})

    @app.post("/v1/boom")
    def boom():
        raise KeyError(SKILL)  # as if a bug met a profile

    with caplog.at_level(logging.ERROR):
        response = app.test_client().post("/v1/boom", json={"skills": [{"name": SKILL, "level": 3}]})
    assert response.status_code == 500 and SKILL not in response.get_data(as_text=True)
    request_id = response.headers["X-Request-ID"]
    assert f"request_id={request_id}" in caplog.text
    assert "in boom" in caplog.text and "KeyError: (message withheld" in caplog.text
    assert SKILL not in caplog.text
