"""POST /v1/recommendations: answers, validation errors and body-level errors."""

from __future__ import annotations

import json

import pytest
from api_helpers import EXPERIENCED, README_BEGINNER, assert_documented, assert_error

from api.app import create_app

PATH = "/v1/recommendations"


@pytest.fixture(scope="module")
def spec(engine):
    return create_app({"TESTING": True, "ENGINE": engine}).test_client().get("/openapi.json").get_json()


def post(client, body, **kwargs):
    return client.post(PATH, json=body, **kwargs)


def strip_reasons(step: dict) -> dict:
    return {k: v for k, v in step.items() if k != "reasons"}


# ---------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------


def test_a_beginner_gets_a_whole_plan_for_the_best_fitting_role(client, engine, spec):
    response = post(client, README_BEGINNER)
    assert response.status_code == 200
    assert_documented(spec, PATH, "post", response)
    body = response.get_json()
    assert body == engine.recommend(README_BEGINNER)  # the engine's answer, untouched
    assert body["target_role"] == body["roles"][0]["role"]
    assert body["plan"]["hours_per_week"] == 8
    assert body["plan"]["total_steps"] == len(body["plan"]["steps"]) > 0
    # Knowing nothing, each skill is learnt from 0, in stages that pick up where the last one ended.
    reached: dict[str, int] = {}
    for step in body["plan"]["steps"]:
        assert step["from_level"] == reached.get(step["skill"], 0) < step["to_level"], step
        reached[step["skill"]] = step["to_level"]


def test_an_experienced_developer_gets_a_plan_for_the_chosen_role(client, engine, spec):
    response = post(client, EXPERIENCED)
    assert response.status_code == 200
    assert_documented(spec, PATH, "post", response)
    body = response.get_json()
    assert body["target_role"] == "ai-engineer"
    docker = engine.parser.matcher.match("Docker").target  # the skill the catalog files Docker under
    assert {m["skill"] for m in body["profile"]["matched"]} == {"python", "prompt-engineering", "rag", docker}
    assert [m["level"] for m in body["profile"]["matched"]] == [4, 3, 2, 3]
    steps = body["plan"]["steps"]
    python = next((s for s in steps if s["skill"] == "python"), None)
    assert python is None or python["from_level"] == 4


def test_keys_keep_the_engines_order(client):
    text = post(client, README_BEGINNER).get_data(as_text=True)
    assert list(json.loads(text)) == ["catalog", "model", "profile", "roles", "best_fit", "target_role", "plan"]


def test_defaults_and_limit(client):
    full = post(client, {"skills": [{"name": "python", "level": 1}]}).get_json()
    assert full["plan"]["hours_per_week"] == 10.0
    cut = post(client, {"skills": [{"name": "python", "level": 1}], "limit": 3}).get_json()
    assert len(cut["plan"]["steps"]) == 3
    assert cut["plan"]["total_steps"] == full["plan"]["total_steps"]
    # The same first steps. (Not compared: the order of "needed before ..." names in
    # reasons, which the engine derives from the cut plan; reported upstream.)
    assert [strip_reasons(s) for s in cut["plan"]["steps"]] == [strip_reasons(s) for s in full["plan"]["steps"][:3]]
    assert post(client, {"skills": [], "limit": 0}).get_json()["plan"]["steps"] == []


def test_module_ratings_free_text_and_level_forms(client, spec):
    body = {
        "skills": [
            {"name": "llm-apps", "level": 2},
            {"name": "cobol mainframes", "level": 5},
            {"name": "pytorch", "level": " Advanced "},
            {"name": "docker", "level": 3.0},
            {"name": "embeddings", "level": "2"},
        ],
        "target_role": None,
    }
    response = post(client, body)
    assert response.status_code == 200, response.get_json()
    assert_documented(spec, PATH, "post", response)
    profile = response.get_json()["profile"]
    module = next(m for m in profile["matched"] if m.get("module") == "llm-apps")
    assert module["skills"] and "skill" not in module
    assert profile["unmatched"][0]["input"] == "cobol mainframes"
    levels = {m["input"]: m["level"] for m in profile["matched"]}
    assert levels == {"llm-apps": 2, "pytorch": 4, "docker": 3, "embeddings": 2}


def test_a_known_role_can_be_targeted_whatever_the_fit(client):
    for role in ("data-scientist", "software-developer", "ai-engineer"):
        assert post(client, {"skills": [], "target_role": role}).get_json()["target_role"] == role


# ---------------------------------------------------------------------------
# 422: invalid fields, named by path
# ---------------------------------------------------------------------------

FOUR = [{"name": "python", "level": 3}, {"name": "rag", "level": 1}, {"name": "docker", "level": 2}]


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"skills": [*FOUR, {"name": "pytorch", "level": 9}]}, "skills.3.level", "out of range"),
        ({"skills": [*FOUR, {"name": "pytorch", "level": -1}]}, "skills.3.level", "out of range"),
        ({"skills": [*FOUR, {"name": "pytorch", "level": True}]}, "skills.3.level", "level"),
        ({"skills": [*FOUR, {"name": "pytorch", "level": 2.5}]}, "skills.3.level", "level"),
        ({"skills": [*FOUR, {"name": "pytorch", "level": "expertt"}]}, "skills.3.level", "expert"),
        ({"skills": [*FOUR, {"name": "pytorch"}]}, "skills.3.level", "Missing"),
        ({"skills": [*FOUR, {"name": "", "level": 2}]}, "skills.3.name", "non-empty"),
        ({"skills": [*FOUR, {"name": "x" * 201, "level": 2}]}, "skills.3.name", "maximum length 200"),
        ({"skills": [*FOUR, {"name": "   ", "level": 2}]}, "skills.3.name", "name"),
        ({"skills": [*FOUR, "pytorch"]}, "skills.3", "Invalid input"),
        ({"skills": [*FOUR, {"name": "pytorch", "level": 2, "years": 3}]}, "skills.3.years", "Unknown"),
        ({"skills": [{"name": "python", "level": 1}] * 201}, "skills", "Longer"),
        ({"skills": "python"}, "skills", "Not a valid list"),
        ({}, "skills", "Missing"),
        ({"skills": [], "hours_per_week": 0}, "hours_per_week", "0 is out of range; use 1-80"),
        ({"skills": [], "hours_per_week": 81}, "hours_per_week", "81 is out of range; use 1-80"),
        ({"skills": [], "hours_per_week": "lots"}, "hours_per_week", "Not a valid number"),
        ({"skills": [], "limit": -1}, "limit", "-1 is not a step count; use 0-1000"),
        ({"skills": [], "limit": 1001}, "limit", "1001 is not a step count; use 0-1000"),
        ({"skills": [], "limit": 2.5}, "limit", "Not a valid integer"),
        ({"skills": [], "target_roel": "ai-engineer"}, "target_roel", "Unknown field"),
        ({"skills": [], "target_role": 7}, "target_role", "Not a valid string"),
    ],
)
def test_invalid_fields_are_422_named_by_path(client, spec, body, field, says):
    response = post(client, body)
    errors = assert_error(response, 422)["errors"]
    assert field in errors, errors
    assert says in " ".join(errors[field])
    assert_documented(spec, PATH, "post", response)


def test_an_unknown_target_role_lists_the_valid_ones(client, catalog):
    errors = assert_error(post(client, {"skills": [], "target_role": "astronaut"}), 422)["errors"]
    (message,) = errors["target_role"]
    assert "astronaut" in message
    assert all(role in message for role in catalog.role_ids)


def test_every_invalid_field_is_reported_at_once(client):
    body = {"skills": [{"name": "python", "level": 7}, {"name": "", "level": 1}], "hours_per_week": 0, "limit": -3}
    errors = assert_error(post(client, body), 422)["errors"]
    assert set(errors) == {"skills.0.level", "skills.1.name", "hours_per_week", "limit"}


@pytest.mark.parametrize("body", ["[]", '"skills"', "null", "42"])
def test_a_body_that_is_not_an_object_is_422(client, body):
    response = client.post(PATH, data=body, content_type="application/json")
    assert "_schema" in assert_error(response, 422)["errors"]


# ---------------------------------------------------------------------------
# 400, 413, 415: the body itself
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("body", ['{"skills": [', "{'skills': []}", '{"skills": []} trailing', b"\xff\xfe{}"])
def test_malformed_json_is_400(client, spec, body):
    response = client.post(PATH, data=body, content_type="application/json")
    error = assert_error(response, 400)
    assert "not valid JSON" in error["message"]
    assert error["errors"] == {}
    assert_documented(spec, PATH, "post", response)


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("application/x-www-form-urlencoded", "skills=python"),
        ("text/plain", '{"skills": []}'),
        ("multipart/form-data; boundary=x", "--x--"),
        (None, '{"skills": []}'),
    ],
)
def test_a_body_that_is_not_json_is_415(client, spec, content_type, data):
    response = client.post(PATH, data=data, content_type=content_type)
    assert "application/json" in assert_error(response, 415)["message"]
    assert_documented(spec, PATH, "post", response)


def test_json_with_a_charset_or_a_json_suffix_is_accepted(client):
    for content_type in ("application/json; charset=utf-8", "application/vnd.careerpath+json"):
        response = client.post(PATH, data='{"skills": []}', content_type=content_type)
        assert response.status_code == 200, content_type


def test_a_body_over_the_default_limit_is_413(client, spec):
    padding = "x" * (1024 * 1024)
    response = client.post(PATH, data=json.dumps({"skills": [], "pad": padding}), content_type="application/json")
    assert "1048576 bytes" in assert_error(response, 413)["message"]
    assert_documented(spec, PATH, "post", response)


def test_the_body_limit_is_configurable(engine):
    client = create_app({"TESTING": True, "ENGINE": engine, "MAX_CONTENT_LENGTH": 200}).test_client()
    small = {"skills": [{"name": "python", "level": 3}]}
    assert client.post(PATH, json=small).status_code == 200
    big = {"skills": [{"name": f"skill number {i}", "level": 2} for i in range(10)]}
    assert "200 bytes" in assert_error(client.post(PATH, json=big), 413)["message"]


def test_answers_do_not_carry_over_between_requests(client):
    # One schema instance serves every request: what one request sent must not show in the next.
    first = post(client, {"skills": [{"name": "python", "level": 9}], "limit": 2})
    assert set(assert_error(first, 422)["errors"]) == {"skills.0.level"}
    second = post(client, README_BEGINNER)
    assert second.status_code == 200
    assert second.get_json()["plan"]["steps"] and "limit" not in README_BEGINNER
    assert len(second.get_json()["plan"]["steps"]) == second.get_json()["plan"]["total_steps"]
    third = post(client, {"skills": [{"name": "python", "level": 3, "years": 1}]})
    assert set(assert_error(third, 422)["errors"]) == {"skills.0.years"}
