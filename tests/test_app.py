"""The app factory, the catalog endpoints, the OpenAPI document, the docs, and errors."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import yaml
from api_helpers import assert_documented, assert_error
from openapi_spec_validator import validate

from api.app import create_app
from api.settings import MIB, SETTINGS, ConfigError


@pytest.fixture(scope="module")
def spec(engine):
    return create_app({"TESTING": True, "ENGINE": engine}).test_client().get("/openapi.json").get_json()


# ---------------------------------------------------------------------------
# The factory and its configuration
# ---------------------------------------------------------------------------


def test_config_defaults(app):
    assert app.config["MAX_CONTENT_LENGTH"] == MIB
    assert app.config["LOG_LEVEL"] == "INFO"
    assert app.config["CATALOG"] is None and app.config["MODEL"] is None
    assert "ENGINE" not in app.config  # handed to app.extensions, not left in the config


def test_environment_overrides_defaults_and_test_config_overrides_both(engine, monkeypatch, tmp_path):
    monkeypatch.setenv("CAREERPATH_MAX_CONTENT_LENGTH", "2048")
    monkeypatch.setenv("CAREERPATH_LOG_LEVEL", "debug")
    monkeypatch.setenv("CAREERPATH_MODEL", str(tmp_path / "2024"))
    app = create_app({"ENGINE": engine, "CATALOG": tmp_path / "catalog"})
    assert app.config["MAX_CONTENT_LENGTH"] == 2048  # JSON-parsed to an int
    assert app.config["LOG_LEVEL"] == "DEBUG"
    assert app.logger.level == logging.DEBUG
    assert app.config["MODEL"] == str(tmp_path / "2024")
    assert app.config["CATALOG"] == str(tmp_path / "catalog")
    app = create_app({"ENGINE": engine, "MAX_CONTENT_LENGTH": 4096})
    assert app.config["MAX_CONTENT_LENGTH"] == 4096


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CAREERPATH_MAX_CONTENT_LENGTH", "1MiB"),
        ("CAREERPATH_MAX_CONTENT_LENGTH", "0"),
        ("CAREERPATH_MAX_CONTENT_LENGTH", "true"),
        ("CAREERPATH_LOG_LEVEL", "chatty"),
    ],
)
def test_bad_settings_name_the_variable(engine, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        create_app({"ENGINE": engine})


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("COHORT_MAX_ROWS", 0),
        ("COHORT_MAX_CONTENT_LENGTH", "64MiB"),
        ("COHORT_MAX_FREE_TEXT_NAMES", -1),
        ("COHORT_MIN_GROUP", 2.5),
        ("API_KEYS_RELOAD_SECONDS", "soon"),
        ("RATELIMIT_ENABLED", "yes"),
        ("RATELIMIT_STORAGE_OPTIONS", [1]),
    ],
)
def test_settings_are_checked_at_start_up_not_per_request(engine, setting, value):
    with pytest.raises(ConfigError, match=f"CAREERPATH_{setting} must be"):
        create_app({"TESTING": True, "ENGINE": engine, setting: value})


def test_only_declared_variables_are_read(engine, monkeypatch):
    monkeypatch.setenv("CAREERPATH_COHORT_MIN_GROUP", "7")
    monkeypatch.setenv("CAREERPATH_TESTING", "true")  # not a setting: Flask's own keys stay out of reach
    app = create_app({"ENGINE": engine})
    assert app.config["COHORT_MIN_GROUP"] == 7
    assert app.testing is False


def test_every_careerpath_variable_the_code_names_is_declared_in_the_table():
    serve_options = {"CAREERPATH_HOST", "CAREERPATH_PORT", "CAREERPATH_WORKERS"}  # careerpath serve's, checked by click
    declared = {setting.variable for setting in SETTINGS} | serve_options
    named = set()
    for path in (Path(__file__).resolve().parent.parent / "api").rglob("*.py"):
        named.update(re.findall(r"CAREERPATH_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8")))
    assert named, "the scan found nothing: has the api package moved?"
    assert named <= declared, sorted(named - declared)
    assert len({setting.name for setting in SETTINGS}) == len(SETTINGS), "a setting declared twice"


def test_the_engine_is_loaded_once_in_the_factory(engine, monkeypatch):
    from recommender.engine import Engine

    calls = []

    def load(catalog_dir=None, model_path=None):
        calls.append((catalog_dir, model_path))
        return engine

    monkeypatch.setattr(Engine, "load", load)
    app = create_app({"TESTING": True, "CATALOG": "/srv/catalog", "MODEL": "/srv/model.skops"})
    assert calls == [("/srv/catalog", "/srv/model.skops")]
    client = app.test_client()
    for _ in range(3):
        client.post("/v1/recommendations", json={"skills": []})
    assert len(calls) == 1
    assert app.extensions["careerpath"] is engine


def test_the_configured_catalog_is_served(catalog_copy, monkeypatch):
    info = catalog_copy / "catalog.yaml"
    doc = yaml.safe_load(info.read_text(encoding="utf-8"))
    doc["name"] = "acme"
    info.write_text(yaml.safe_dump(doc), encoding="utf-8")
    monkeypatch.setenv("CAREERPATH_CATALOG", str(catalog_copy))
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/health").get_json()["catalog"]["name"] == "acme"


# ---------------------------------------------------------------------------
# Endpoints
# ---------------------------------------------------------------------------


def test_health(client, engine, spec):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "catalog": {"name": engine.catalog.name, "version": engine.catalog.version},
        "model": {"version": engine.model.version},
    }
    assert_documented(spec, "/health", "get", response)


def test_skills_lists_skills_modules_levels_and_tracks_in_catalog_order(client, catalog, spec):
    response = client.get("/v1/skills")
    assert response.status_code == 200
    body = response.get_json()
    assert [s["id"] for s in body["skills"]] == list(catalog.skill_ids)
    assert [m["id"] for m in body["modules"]] == [m.id for m in catalog.modules]
    assert [lv["word"] for lv in body["levels"]] == [lv.word for lv in catalog.levels]
    assert [lv["also"] for lv in body["levels"]] == [list(lv.also) for lv in catalog.levels]  # "basic" for beginner
    assert [(t["id"], t["name"], t["shared"]) for t in body["tracks"]] == [
        (t.id, t.name, t.shared) for t in catalog.tracks
    ]
    assert_documented(spec, "/v1/skills", "get", response)


def test_one_skill(client, catalog, spec):
    response = client.get("/v1/skills/rag")
    assert response.status_code == 200
    skill = catalog.skill("rag")
    body = response.get_json()
    assert body["id"] == "rag" and body["module"] == skill.module
    assert body["prerequisites"] == list(skill.prerequisites)
    assert body["prerequisite_levels"] == dict(skill.prerequisite_levels)
    assert (
        body["prerequisites_beyond"]
        == {"vector-databases": 2, "prompt-engineering": 2}
        == dict(skill.prerequisites_beyond)
    )
    assert body["hours"] == list(skill.hours)
    assert body["resources"] == [{"title": r.title, "kind": r.kind} for r in skill.resources]
    assert_documented(spec, "/v1/skills/{skill_id}", "get", response)


def test_unknown_skill_is_404(client, spec):
    response = client.get("/v1/skills/quantum-computing")
    body = assert_error(response, 404)
    assert "quantum-computing" in body["message"]
    assert_documented(spec, "/v1/skills/{skill_id}", "get", response)


def test_roles(client, catalog, spec):
    response = client.get("/v1/roles")
    assert response.status_code == 200
    roles = response.get_json()["roles"]
    assert [r["id"] for r in roles] == list(catalog.role_ids)
    assert_documented(spec, "/v1/roles", "get", response)


def test_one_role_has_target_levels_weights_and_tiers(client, catalog, spec):
    response = client.get("/v1/roles/ai-engineer")
    assert response.status_code == 200
    role = catalog.role("ai-engineer")
    body = response.get_json()
    assert body["title"] == role.title
    assert body["skills"] == {
        sid: {"level": rs.level, "weight": rs.weight, "tier": rs.tier} for sid, rs in role.skills.items()
    }
    assert_documented(spec, "/v1/roles/{role_id}", "get", response)


def test_unknown_role_is_404_naming_the_roles(client, catalog, spec):
    response = client.get("/v1/roles/astronaut")
    body = assert_error(response, 404)
    assert all(rid in body["message"] for rid in catalog.role_ids)
    assert_documented(spec, "/v1/roles/{role_id}", "get", response)


# ---------------------------------------------------------------------------
# The OpenAPI document and the interactive docs
# ---------------------------------------------------------------------------


def test_the_openapi_document_is_valid_and_complete(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.0")
    assert set(spec["paths"]) >= {
        "/health",
        "/v1/skills",
        "/v1/skills/{skill_id}",
        "/v1/roles",
        "/v1/roles/{role_id}",
        "/v1/recommendations",
    }
    post = spec["paths"]["/v1/recommendations"]["post"]
    assert {"200", "400", "413", "415", "422"} <= set(post["responses"])
    assert post["requestBody"]["content"]["application/json"]["schema"]
    assert post["summary"]
    step = spec["components"]["schemas"]["Step"]
    assert set(step["required"]) >= {"rank", "skill", "from_level", "to_level", "hours", "reasons"}
    assert set(spec["components"]["schemas"]["Error"]["required"]) == {"code", "status", "message", "errors"}


def test_docs_page_loads_its_assets_from_the_app(client):
    response = client.get("/docs")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls, page
    assert not [u for u in urls if "//" in u], "the docs must not load anything from another host"
    for url in urls:
        with client.get(url) as asset:  # a file response: closed, or its file stays open
            assert asset.status_code == 200, url
            assert asset.mimetype in ("text/css", "text/javascript", "application/javascript")
    assert "/openapi.json" in page


def test_unknown_docs_asset_is_404(client):
    assert_error(client.get("/docs/assets/index.html"), 404)
    assert_error(client.get("/docs/assets/..%2Fsetup.cfg"), 404)


# ---------------------------------------------------------------------------
# Errors and the request id
# ---------------------------------------------------------------------------


def test_unknown_path_is_404(client):
    body = assert_error(client.get("/v2/skills"), 404)
    assert "/v2/skills" in body["message"]
    assert_error(client.get("/v1/skills/"), 404)  # no trailing-slash redirect to an HTML page


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/v1/skills"), ("delete", "/v1/roles/ai-engineer"), ("get", "/v1/recommendations"), ("put", "/health")],
)
def test_wrong_method_is_405_with_allow(client, method, path):
    response = getattr(client, method)(path)
    assert_error(response, 405)
    assert response.headers["Allow"]


def test_unexpected_exception_is_a_json_500_logged_with_the_request_id(engine, caplog):
    app = create_app({"TESTING": True, "ENGINE": engine})

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret database password in here")

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = app.test_client().get("/boom", headers={"X-Request-ID": "trace-42"})
    body = assert_error(response, 500)
    assert "secret" not in response.get_data(as_text=True)
    assert "trace-42" in body["message"]
    assert response.headers["X-Request-ID"] == "trace-42"
    (record,) = [r for r in caplog.records if "request_id=trace-42" in r.getMessage()]
    assert record.exc_info and "secret database password" in str(record.exc_info[1])


def test_request_id_is_echoed_or_created(client):
    assert client.get("/health", headers={"X-Request-ID": "portal-7f3a"}).headers["X-Request-ID"] == "portal-7f3a"
    created = client.get("/health").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", created)
    assert client.get("/health").headers["X-Request-ID"] != created
    assert client.get("/nowhere").headers["X-Request-ID"]  # on errors too
    # An id that could forge a log line or a header is replaced, not echoed.
    forged = client.get("/health", headers={"X-Request-ID": 'x" "status": 200'}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)


@pytest.mark.parametrize("path", ["/v1/roles", "/v1/recommendations", "/health", "/openapi.json", "/docs"])
def test_the_api_is_stateless_no_cookie_is_set_or_read(client, path):
    # A session cookie sent along is neither read nor answered.
    client.set_cookie("session", "anything")
    response = client.get(path)
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")


def test_the_form_still_has_its_session(app, client):
    from flask import session

    assert "session=" in client.get("/").headers["Set-Cookie"]  # the CSRF token lives there
    with app.test_request_context("/"):
        session["csrf_token"] = "x"
