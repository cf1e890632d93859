"""API keys on /v1/, the public/private split, the key commands, and CORS."""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import time

import flask
import pytest
from api_helpers import assert_error
from click.testing import CliRunner
from openapi_spec_validator import validate
from security_helpers import PUBLIC_PATHS, V1_REQUESTS, bearer, keyed_app, make_keys

from api import server
from api.app import create_app
from api.cli import main
from api.security import auth
from api.security.keys import load_keys
from api.settings import ConfigError


@pytest.fixture
def key_file(tmp_path):
    return tmp_path / "api-keys"


@pytest.fixture
def keys(key_file):
    return make_keys(key_file, "portal-a", "portal-b")


@pytest.fixture
def keyed(engine, key_file, keys):
    return keyed_app(engine, key_file).test_client()


def call(client, method, path, kwargs, headers=None):
    return client.open(path, method=method, headers=headers or {}, **kwargs)


# ---------------------------------------------------------------------------
# Keys configured: /v1/ needs one, the rest stays public
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "kwargs"), V1_REQUESTS, ids=lambda v: v if isinstance(v, str) else "")
def test_every_v1_operation_needs_a_key(keyed, keys, method, path, kwargs):
    missing = call(keyed, method, path, kwargs)
    body = assert_error(missing, 401)
    assert "Authorization: Bearer" in body["message"] and "X-API-Key" in body["message"]
    assert missing.headers["WWW-Authenticate"] == 'Bearer realm="careerpath"'

    wrong = call(keyed, method, path, kwargs, bearer("cp_not-a-key"))
    assert_error(wrong, 401)
    assert 'error="invalid_token"' in wrong.headers["WWW-Authenticate"]
    assert "cp_not-a-key" not in wrong.get_data(as_text=True)

    assert call(keyed, method, path, kwargs, bearer(keys["portal-a"])).status_code == 200
    assert call(keyed, method, path, kwargs, {"X-API-Key": keys["portal-b"]}).status_code == 200


def test_the_key_is_taken_from_either_header_and_the_scheme_is_case_blind(keyed, keys):
    key = keys["portal-a"]
    assert keyed.get("/v1/roles", headers={"Authorization": f"bearer {key}"}).status_code == 200
    assert keyed.get("/v1/roles", headers={"Authorization": f"Bearer   {key}  "}).status_code == 200
    # Another scheme is not a key, whatever follows it.
    assert keyed.get("/v1/roles", headers={"Authorization": f"Basic {key}"}).status_code == 401
    assert keyed.get("/v1/roles", headers={"Authorization": "Bearer "}).status_code == 401
    assert keyed.get("/v1/roles", headers={"X-API-Key": key[:-1]}).status_code == 401


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_health_docs_and_the_form_stay_public(keyed, path):
    with keyed.get(path) as response:  # closed: an asset is a file response
        assert response.status_code == 200


def test_unknown_v1_paths_do_not_reveal_what_exists_without_a_key(keyed, keys):
    assert_error(keyed.get("/v1/nowhere"), 401)
    assert_error(keyed.delete("/v1/skills"), 401)
    assert_error(keyed.get("/v1/nowhere", headers=bearer(keys["portal-a"])), 404)
    assert_error(keyed.delete("/v1/skills", headers=bearer(keys["portal-a"])), 405)


def test_a_key_check_comes_before_the_body_is_looked_at(keyed):
    # 401, not 415/413/400: an anonymous caller learns nothing about what the endpoint takes.
    assert_error(keyed.post("/v1/recommendations", data="x", content_type="text/plain"), 401)
    assert_error(keyed.post("/v1/recommendations", data="[" * 100_000, content_type="application/json"), 401)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"data": "x" * (2 << 20), "content_type": "application/json"}, 413),
        ({"data": "skills=", "content_type": "application/x-www-form-urlencoded"}, 415),
        ({"json": {"skills": [{"name": "rag", "level": 9}]}}, 422),
        ({"data": "[" * 100_000, "content_type": "application/json"}, 400),
    ],
)
def test_with_a_valid_key_the_usual_errors_come_through(keyed, keys, kwargs, code):
    assert_error(keyed.post("/v1/recommendations", headers=bearer(keys["portal-a"]), **kwargs), code)


def test_the_key_name_is_recorded_for_the_access_log_never_the_key(engine, key_file, keys):
    app = keyed_app(engine, key_file)
    with app.test_request_context("/v1/roles", headers=bearer(keys["portal-a"])):
        from flask import request

        app.preprocess_request()
        assert request.environ[auth.ENVIRON_KEY] == "portal-a"
    assert auth.ENVIRON_KEY == server.API_KEY_ENVIRON  # the access log reads the same environ key


def test_keys_created_and_revoked_while_running_take_effect(engine, key_file, keys):
    client = keyed_app(engine, key_file).test_client()
    runner = CliRunner()
    created = runner.invoke(main, ["keys", "create", "portal-c", "--file", str(key_file)])
    assert created.exit_code == 0, created.output
    new_key = created.stdout.strip()
    assert client.get("/v1/roles", headers=bearer(new_key)).status_code == 200

    assert runner.invoke(main, ["keys", "revoke", "portal-a", "--file", str(key_file)]).exit_code == 0
    assert_error(client.get("/v1/roles", headers=bearer(keys["portal-a"])), 401)
    assert client.get("/v1/roles", headers=bearer(keys["portal-b"])).status_code == 200


def test_revoking_the_last_key_locks_the_api_rather_than_opening_it(engine, key_file, keys):
    client = keyed_app(engine, key_file).test_client()
    for name in keys:
        assert CliRunner().invoke(main, ["keys", "revoke", name, "--file", str(key_file)]).exit_code == 0
    assert key_file.read_text() == ""
    assert_error(client.get("/v1/roles"), 401)
    assert_error(client.get("/v1/roles", headers=bearer(keys["portal-a"])), 401)


def test_a_key_file_broken_after_start_keeps_only_the_keys_still_written(engine, key_file, keys, caplog):
    client = keyed_app(engine, key_file).test_client()
    good_b = next(line for line in key_file.read_text().splitlines() if line.startswith("portal-b "))
    key_file.write_text(f"portal-a sha256:not-hex\n{good_b}\n")
    with caplog.at_level(logging.ERROR):
        assert client.get("/v1/roles", headers=bearer(keys["portal-b"])).status_code == 200
    assert_error(client.get("/v1/roles", headers=bearer(keys["portal-a"])), 401)
    assert "line 1" in caplog.text and "still in the file stay in force" in caplog.text
    key_file.unlink()  # nothing confirms any key now
    assert_error(client.get("/v1/roles", headers=bearer(keys["portal-b"])), 401)


def test_a_revoked_key_stays_refused_when_a_bad_write_follows_the_revocation(engine, key_file, keys):
    client = keyed_app(engine, key_file).test_client()
    assert client.get("/v1/roles", headers=bearer(keys["portal-a"])).status_code == 200
    assert CliRunner().invoke(main, ["keys", "revoke", "portal-a", "--file", str(key_file)]).exit_code == 0
    with key_file.open("a") as out:  # a bad write before the server looked at the file again
        out.write("portal-c sha256:half-writ")
    for _ in range(30):
        assert_error(client.get("/v1/roles", headers=bearer(keys["portal-a"])), 401)
    assert client.get("/v1/roles", headers=bearer(keys["portal-b"])).status_code == 200


def test_a_revocation_takes_effect_within_the_reload_time_even_with_an_unchanged_time_stamp(engine, key_file, keys):
    client = keyed_app(engine, key_file, API_KEYS_RELOAD_SECONDS=0.2).test_client()
    assert client.get("/v1/roles", headers=bearer(keys["portal-a"])).status_code == 200
    before = key_file.stat()
    # An in-place rewrite of the same size within one time-stamp tick: portal-a's hash replaced.
    text = key_file.read_text()
    line = next(line for line in text.splitlines() if line.startswith("portal-a "))
    key_file.write_text(text.replace(line, "portal-a sha256:" + "0" * 64))
    os.utime(key_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    time.sleep(0.25)
    assert_error(client.get("/v1/roles", headers=bearer(keys["portal-a"])), 401)


def test_an_empty_key_file_refuses_everything_and_says_so(engine, key_file, caplog):
    key_file.write_text("# no keys yet\n")
    with caplog.at_level(logging.WARNING):
        client = keyed_app(engine, key_file).test_client()
    assert "holds no keys" in caplog.text
    assert_error(client.get("/v1/skills"), 401)


@pytest.mark.parametrize("content", [None, "portal-a sha256:1234\n", "only-a-name\n"])
def test_a_missing_or_malformed_key_file_stops_the_server(engine, key_file, content):
    if content is not None:
        key_file.write_text(content)
    with pytest.raises(ConfigError, match="CAREERPATH_API_KEYS_FILE"):
        keyed_app(engine, key_file)


def test_the_key_file_can_be_named_in_the_environment(engine, key_file, keys, monkeypatch):
    monkeypatch.setenv("CAREERPATH_API_KEYS_FILE", str(key_file))
    client = create_app({"TESTING": True, "ENGINE": engine}).test_client()
    assert_error(client.get("/v1/skills"), 401)
    assert client.get("/v1/skills", headers=bearer(keys["portal-a"])).status_code == 200


# ---------------------------------------------------------------------------
# No keys configured: open, and the start-up log says so
# ---------------------------------------------------------------------------


def test_without_keys_the_api_is_open_and_the_log_warns(engine, caplog):
    with caplog.at_level(logging.WARNING):
        client = create_app({"TESTING": True, "ENGINE": engine}).test_client()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("API keys are not configured" in r.getMessage() and "open" in r.getMessage() for r in warnings)
    for method, path, kwargs in V1_REQUESTS:
        assert call(client, method, path, kwargs).status_code == 200, path
    # A key sent anyway is ignored, not checked.
    assert client.get("/v1/skills", headers=bearer("cp_whatever")).status_code == 200


def test_with_keys_the_log_says_how_many_and_never_the_keys(engine, key_file, keys, caplog):
    with caplog.at_level(logging.DEBUG):
        client = keyed_app(engine, key_file).test_client()
        client.get("/v1/skills", headers=bearer(keys["portal-a"]))
        client.get("/v1/skills", headers=bearer("cp_wrong"))
    assert "2 key(s)" in caplog.text
    assert "API keys are not configured" not in caplog.text
    for key in (*keys.values(), "cp_wrong"):
        assert key not in caplog.text


# ---------------------------------------------------------------------------
# The OpenAPI document
# ---------------------------------------------------------------------------


def v1_operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


@pytest.mark.parametrize("with_keys", [True, False])
def test_the_document_has_the_security_schemes_and_the_401_and_429_responses(engine, key_file, with_keys):
    if with_keys:
        make_keys(key_file, "portal-a")
        spec = keyed_app(engine, key_file).test_client().get("/openapi.json").get_json()
    else:
        spec = create_app({"TESTING": True, "ENGINE": engine}).test_client().get("/openapi.json").get_json()
    validate(spec)
    schemes = spec["components"]["securitySchemes"]
    assert schemes["ApiKeyBearer"]["type"] == "http" and schemes["ApiKeyBearer"]["scheme"] == "bearer"
    assert schemes["ApiKeyHeader"]["in"] == "header" and schemes["ApiKeyHeader"]["name"] == "X-API-Key"
    operations = list(v1_operations(spec))
    assert len(operations) >= 6
    for path, method, operation in operations:
        if not path.startswith("/v1/"):
            assert "security" not in operation, path  # /health is public
            continue
        expected = [{"ApiKeyBearer": []}, {"ApiKeyHeader": []}] + ([] if with_keys else [{}])
        assert operation["security"] == expected, (path, method)
        assert operation["responses"]["401"] == {"$ref": "#/components/responses/API_KEY_REQUIRED"}
        assert operation["responses"]["429"] == {"$ref": "#/components/responses/RATE_LIMITED"}
    limited = spec["components"]["responses"]["RATE_LIMITED"]
    assert "Retry-After" in limited["headers"]
    assert limited["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "WWW-Authenticate" in spec["components"]["responses"]["API_KEY_REQUIRED"]["headers"]


# ---------------------------------------------------------------------------
# careerpath keys
# ---------------------------------------------------------------------------


def test_keys_create_prints_the_key_once_and_stores_only_its_hash(key_file):
    runner = CliRunner()
    result = runner.invoke(main, ["keys", "create", "portal-a", "--file", str(key_file)])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip()
    assert key.startswith("cp_") and len(key) > 40 and "\n" not in key
    assert "cannot be shown again" in result.stderr
    text = key_file.read_text()
    assert key not in text and text.startswith("portal-a sha256:")
    assert key_file.stat().st_mode & 0o077 == 0  # owner-only
    assert load_keys(key_file).verify(key) == "portal-a"

    listed = runner.invoke(main, ["keys", "list", "--file", str(key_file)])
    assert listed.exit_code == 0 and listed.stdout.startswith("portal-a\tsha256:")
    assert key not in listed.output

    again = runner.invoke(main, ["keys", "create", "portal-a", "--file", str(key_file)])
    assert again.exit_code == 1 and "exists" in again.output


def test_keys_commands_read_the_file_from_the_environment_and_explain_mistakes(key_file, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(main, ["keys", "list"]).exit_code == 2  # no file named anywhere
    monkeypatch.setenv("CAREERPATH_API_KEYS_FILE", str(key_file))
    assert runner.invoke(main, ["keys", "create", "portal-a"]).exit_code == 0
    bad_name = runner.invoke(main, ["keys", "create", "two words"])
    assert bad_name.exit_code == 1 and "letters, digits" in bad_name.output
    missing = runner.invoke(main, ["keys", "revoke", "portal-z"])
    assert missing.exit_code == 1 and "no key named 'portal-z'" in missing.output
    assert runner.invoke(main, ["keys", "revoke", "portal-a"]).exit_code == 0
    assert runner.invoke(main, ["keys", "list"]).stderr.startswith("no keys")
    assert "Traceback" not in runner.invoke(main, ["keys", "list", "--file", str(key_file) + ".nope"]).output
    nowhere = runner.invoke(
        main, ["keys", "create", "portal-b", "--file", str(key_file.parent / "no" / "such" / "dir")]
    )
    assert nowhere.exit_code == 1 and "No such file or directory" in nowhere.output
    assert "Traceback" not in nowhere.output


def test_revoke_never_follows_a_symlink_planted_at_a_temporary_name(key_file, keys, tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    for name in (key_file.name + ".tmp", "api-keys.tmp", "." + key_file.name + ".tmp"):
        (tmp_path / name).unlink(missing_ok=True)
        (tmp_path / name).symlink_to(victim)
    assert CliRunner().invoke(main, ["keys", "revoke", "portal-a", "--file", str(key_file)]).exit_code == 0
    assert victim.read_text() == "precious\n"
    assert not key_file.is_symlink() and [n for n, _ in load_keys(key_file).entries] == ["portal-b"]
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_a_key_file_others_can_read_is_tightened_by_the_cli_and_warned_about_by_the_server(
    engine, key_file, keys, caplog
):
    key_file.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        keyed_app(engine, key_file)
    assert "other users" in caplog.text and "chmod 600" in caplog.text
    listed = CliRunner().invoke(main, ["keys", "list", "--file", str(key_file)])
    assert listed.exit_code == 0 and "owner-only (600) now" in listed.stderr
    assert key_file.stat().st_mode & 0o777 == 0o600


# ---------------------------------------------------------------------------
# Headers, redirects and cookies (issue 17, finding 11)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/v1//roles", "/v1//skills/rag", "/docs//assets/swagger-ui.css"])
def test_a_doubled_slash_never_redirects_to_the_host_the_client_named(client, path):
    response = client.get(path, headers={"Host": "evil.example"})
    assert "evil.example" not in response.headers.get("Location", "")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "kwargs"), [*V1_REQUESTS, ("GET", "/v1/nowhere", {}), ("GET", "/health", {})]
)
def test_json_answers_are_not_sniffed_nor_cached(client, method, path, kwargs):
    response = call(client, method, path, kwargs)
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_the_docs_page_has_a_csp_that_allows_only_its_own_scripts(client):
    page = client.get("/docs")
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-eval'" not in csp
    inline = re.findall(rb"<script>(.*?)</script>", page.data, re.S)
    assert inline  # the page's one inline script is allowed by its hash, and nothing else inline
    for script in inline:
        assert "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'" in csp
    assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_the_form_cookie_is_secure_over_https_only(engine):
    app = create_app({"TESTING": True, "ENGINE": engine, "TRUSTED_PROXIES": 1})
    client = app.test_client()
    over_https = client.get("/", base_url="https://careerpath.example")
    assert "Secure" in over_https.headers["Set-Cookie"] and "HttpOnly" in over_https.headers["Set-Cookie"]
    # Through a trusted proxy that terminated TLS.
    proxied = client.get("/", headers={"X-Forwarded-Proto": "https"}, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert "Secure" in proxied.headers["Set-Cookie"]
    plain = app.test_client().get("/")
    assert "Secure" not in plain.headers["Set-Cookie"]


@pytest.mark.parametrize(("method", "path", "kwargs"), V1_REQUESTS)
def test_the_json_api_neither_reads_nor_sets_the_form_cookie(engine, method, path, kwargs):
    app = create_app({"TESTING": True, "ENGINE": engine})
    client = app.test_client()
    assert "Set-Cookie" in client.get("/").headers  # the form's session cookie, now sent with every request
    response = call(client, method, path, kwargs)
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
    with app.test_request_context(path, method=method):
        assert app.session_interface.open_session(app, flask.request) is None  # Flask's null session: no writes


# ---------------------------------------------------------------------------
# CORS
# ---------------------------------------------------------------------------

PORTAL = "https://portal.example.com"


def test_no_origin_is_allowed_by_default(client):
    response = client.get("/v1/skills", headers={"Origin": PORTAL})
    assert response.status_code == 200
    assert not [h for h, _ in response.headers.items() if h.startswith("Access-Control-")]


@pytest.fixture
def cors_client(engine, key_file, keys):
    return keyed_app(engine, key_file, CORS_ORIGINS=f"{PORTAL}, https://staging.example.com:8443").test_client()


def test_allowed_origins_get_cors_headers_on_v1_only(cors_client, keys):
    ok = cors_client.get("/v1/skills", headers={"Origin": PORTAL, **bearer(keys["portal-a"])})
    assert ok.headers["Access-Control-Allow-Origin"] == PORTAL
    assert "X-Request-ID" in ok.headers["Access-Control-Expose-Headers"]
    assert "Retry-After" in ok.headers["Access-Control-Expose-Headers"]
    assert "Origin" in ok.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in ok.headers
    staging = cors_client.get("/v1/roles", headers={"Origin": "https://staging.example.com:8443"})
    assert staging.headers["Access-Control-Allow-Origin"] == "https://staging.example.com:8443"
    # A 401 is readable by the portal's script too, so it can tell its user why.
    assert_error(staging, 401)

    other = cors_client.get("/v1/skills", headers={"Origin": "https://evil.example.net", **bearer(keys["portal-a"])})
    assert other.status_code == 200 and "Access-Control-Allow-Origin" not in other.headers
    assert "Access-Control-Allow-Origin" not in cors_client.get("/health", headers={"Origin": PORTAL}).headers
    assert "Access-Control-Allow-Origin" not in cors_client.get("/", headers={"Origin": PORTAL}).headers


def test_a_preflight_needs_no_key(cors_client):
    preflight = cors_client.options(
        "/v1/recommendations",
        headers={
            "Origin": PORTAL,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == PORTAL
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    allowed = preflight.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed
    assert int(preflight.headers["Access-Control-Max-Age"]) > 0


def test_origins_can_be_a_json_list_or_a_star(engine):
    listed = create_app({"TESTING": True, "ENGINE": engine, "CORS_ORIGINS": [PORTAL]}).test_client()
    assert listed.get("/v1/roles", headers={"Origin": PORTAL}).headers["Access-Control-Allow-Origin"] == PORTAL
    anyone = create_app({"TESTING": True, "ENGINE": engine, "CORS_ORIGINS": "*"}).test_client()
    for origin in (PORTAL, "http://localhost:3000"):
        allowed = anyone.get("/v1/roles", headers={"Origin": origin}).headers["Access-Control-Allow-Origin"]
        assert allowed in {"*", origin}


@pytest.mark.parametrize(
    "value", ["portal.example.com", "https://portal.example.com/", "https://x.com/path", "ftp://x"]
)
def test_a_malformed_origin_stops_the_server(engine, value):
    with pytest.raises(ConfigError, match="CAREERPATH_CORS_ORIGINS"):
        create_app({"TESTING": True, "ENGINE": engine, "CORS_ORIGINS": value})
