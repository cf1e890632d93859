"""POST /v1/recommendations: answers, validation errors and body-level errors."""

from __future__ import annotations

import json

import pytest
from api_helpers import EXPERIENCED, README_BEGINNER, assert_documented, assert_error
from hypothesis import given, settings
from hypothesis import strategies as st

from api import create_app

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
    assert [s["from_level"] for s in body["plan"]["steps"]] == [0] * len(body["plan"]["steps"])


def test_an_experienced_developer_gets_a_plan_for_the_chosen_role(client, spec):
    response = post(client, EXPERIENCED)
    assert response.status_code == 200
    assert_documented(spec, PATH, "post", response)
    body = response.get_json()
    assert body["target_role"] == "ai-engineer"
    assert {m["skill"] for m in body["profile"]["matched"]} == {"python", "prompt-engineering", "rag", "deployment"}
    assert [m["level"] for m in body["profile"]["matched"]] == [4, 3, 2, 3]
    steps = body["plan"]["steps"]
    python = next((s for s in steps if s["skill"] == "python"), None)
    assert python is None or python["from_level"] == 4


def test_keys_keep_the_engines_order(client):
    text = post(client, README_BEGINNER).get_data(as_text=True)
    assert list(json.loads(text)) == ["catalog", "model", "profile", "roles", "target_role", "plan"]


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
        ({"skills": [*FOUR, {"name": "", "level": 2}]}, "skills.3.name", "Length"),
        ({"skills": [*FOUR, {"name": "x" * 201, "level": 2}]}, "skills.3.name", "Length"),
        ({"skills": [*FOUR, {"name": "   ", "level": 2}]}, "skills.3.name", "name"),
        ({"skills": [*FOUR, "pytorch"]}, "skills.3", "Invalid input"),
        ({"skills": [*FOUR, {"name": "pytorch", "level": 2, "years": 3}]}, "skills.3.years", "Unknown"),
        ({"skills": [*FOUR, {"name": "Python", "level": 2}]}, "skills.3.name", "already rated"),
        ({"skills": [{"name": "python", "level": 1}] * 201}, "skills", "Longer"),
        ({"skills": "python"}, "skills", "Not a valid list"),
        ({}, "skills", "Missing"),
        ({"skills": [], "hours_per_week": 0}, "hours_per_week", "greater than or equal to 1"),
        ({"skills": [], "hours_per_week": 81}, "hours_per_week", "less than or equal to 80"),
        ({"skills": [], "hours_per_week": "lots"}, "hours_per_week", "Not a valid number"),
        ({"skills": [], "limit": -1}, "limit", "greater than or equal to 0"),
        ({"skills": [], "limit": 1001}, "limit", "less than or equal to 1000"),
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


def test_no_schema_is_built_per_request(client, monkeypatch):
    # webargs builds a schema per request when given a class; that was 0.8 ms of each.
    from marshmallow import Schema

    built = []
    init = Schema.__init__

    def counting_init(self, *args, **kwargs):
        built.append(type(self).__name__)
        init(self, *args, **kwargs)

    monkeypatch.setattr(Schema, "__init__", counting_init)
    assert post(client, README_BEGINNER).status_code == 200
    assert_error(post(client, {"skills": [{"name": "python", "level": 9}]}), 422)
    assert built == []


# ---------------------------------------------------------------------------
# The request schema's shortcut for plainly valid requests
# ---------------------------------------------------------------------------

_anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=1002),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 0.5, 1.0, 3.0, 5.0, 5.5, 80.0, 80.5, 1000.0, 1e300]),
    st.text(max_size=3),
    st.sampled_from(["", " ", "8", "  Expert ", "x" * 40, " " + "x" * 40 + " ", "x" * 41, "x" * 200, "x" * 201]),
    st.lists(st.integers(), max_size=1),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)


def _mostly(valid, weird):
    """Nine draws in ten from ``valid``: whole requests are then often valid, or nearly so."""
    return st.sampled_from(range(10)).flatmap(lambda i: weird if i == 0 else valid)


def _or_just_out(valid, *out_of_bounds):
    return _mostly(valid, st.one_of(st.sampled_from(out_of_bounds), _anything))


_name = _or_just_out(st.one_of(st.text(min_size=1, max_size=8), st.sampled_from(["  ", "x" * 200])), "", "x" * 201)
_level = _or_just_out(
    st.one_of(st.integers(0, 5), st.sampled_from([0.0, -0.0, 5.0, "advanced", " Expert ", "y" * 40])),
    *(-1, 6, 6.0, -1.0, 2.5, "", "  ", "y" * 41),
)
_skill = _mostly(
    st.fixed_dictionaries({"name": _name, "level": _level}),
    st.one_of(_anything, st.fixed_dictionaries({}, optional={"name": _name, "level": _level, "years": _anything})),
)
_skills = _mostly(st.lists(_skill, max_size=4), st.integers(199, 201).map(lambda n: [FOUR[0]] * n))
_optional = {
    "target_role": _or_just_out(st.one_of(st.none(), st.text(max_size=8), st.just("r" * 200)), "r" * 201),
    "hours_per_week": _or_just_out(st.one_of(st.integers(1, 80), st.floats(1, 80)), 0, 81, 0.99, 80.01),
    "limit": _or_just_out(st.integers(0, 1000), -1, 1001),
}
_request = st.one_of(
    st.fixed_dictionaries({"skills": _skills}, optional=_optional),
    st.fixed_dictionaries({"skills": _skills}, optional=_optional),
    st.fixed_dictionaries({"skills": _skills, "target_roel": _anything}, optional=_optional),
    st.fixed_dictionaries({}, optional={"skills": _anything, "hours_per_week": _anything}),
    _anything,
)


def _typed(value):
    """``value`` with every scalar's type attached: 8 and 8.0 are equal in Python, not here."""
    if isinstance(value, dict):
        return ("dict", [(key, _typed(item)) for key, item in value.items()])  # in order
    if isinstance(value, list):
        return ("list", [_typed(item) for item in value])
    return (type(value).__name__, repr(value))


def assert_loaded_as_marshmallow_would(body):
    from marshmallow import Schema, ValidationError

    from api.schemas import RecommendationRequestSchema, load_valid_request

    schema = RecommendationRequestSchema()
    fast = load_valid_request(body)
    try:
        slow = Schema.load(schema, body)  # marshmallow itself, without the shortcut
    except ValidationError:
        slow = None
    if fast is not None:  # what the shortcut accepts, marshmallow accepts, and loads the same
        assert slow is not None, body
        assert _typed(fast) == _typed(slow), body
    elif slow is not None:  # what it leaves to marshmallow still loads
        assert _typed(schema.load(body)) == _typed(slow)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(_request)
def test_the_shortcut_loads_exactly_what_marshmallow_loads(body):
    assert_loaded_as_marshmallow_would(body)


_BOUNDS = {
    "name": ["", "x", "x" * 200, "x" * 201, None, 3],
    "level": [-1, 0, 5, 6, -1.0, 0.0, 5.0, 6.0, 2.5, True, None, "", " ", "y" * 40, "y" * 41, " Y ", [3]],
    "target_role": [None, "", "r" * 200, "r" * 201, 3],
    "hours_per_week": [0, 1, 80, 81, 0.99, 1.0, 80.0, 80.01, float("nan"), float("inf"), 10**400, True, "8", None],
    "limit": [-1, 0, 1000, 1001, 0.0, 2.5, True, None, "3"],
}


@pytest.mark.parametrize(
    ("field", "value"), [(field, value) for field, values in _BOUNDS.items() for value in values], ids=repr
)
def test_the_shortcut_at_every_bound(field, value):
    body = {"skills": [{"name": "python", "level": 3}], "hours_per_week": 8}
    if field in ("name", "level"):
        body["skills"].append({"name": "rag", "level": 2, field: value})
    else:
        body[field] = value
    assert_loaded_as_marshmallow_would(body)


def test_the_usual_requests_take_the_shortcut():
    from api.schemas import load_valid_request

    for body in (README_BEGINNER, EXPERIENCED, {"skills": [{"name": "python", "level": 3.0}], "limit": 0}):
        assert load_valid_request(body) is not None, body
