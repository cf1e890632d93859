"""The request schema checks shape; the engine judges values, with one set of rules and messages.

A body of the right shape reaches the engine as sent, so ``POST /v1/recommendations``
answers exactly what ``Engine.recommend`` answers (the form and the command line call
the engine directly). The OpenAPI document states the engine's bounds.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from api.app import create_app
from api.v1.schemas import MAX_LEVEL_WORD_LENGTH, MAX_NAME_LENGTH, RecommendationRequestSchema
from recommender.engine import MAX_HOURS_PER_WEEK, MAX_LIMIT, InputError
from skills.catalog import MAX_LEVEL, MIN_LEVEL

REQUEST = RecommendationRequestSchema()
PATH = "/v1/recommendations"

# Right shape, any value: names the catalog knows and some it does not, levels in and
# out of range, hours and limits around the engine's bounds.
names = st.one_of(st.sampled_from(["Python", "rag", " pytorch ", "", "   ", "quantum knitting"]), st.text(max_size=8))
levels = st.one_of(
    st.integers(min_value=-2, max_value=7),
    st.sampled_from([3.0, 2.5, "", " Advanced ", "EXPERT", "3", "expertt"]),
    st.text(max_size=MAX_LEVEL_WORD_LENGTH),
)
bodies = st.fixed_dictionaries(
    {"skills": st.lists(st.fixed_dictionaries({"name": names, "level": levels}), max_size=5)},
    optional={
        "hours_per_week": st.one_of(st.integers(-1, MAX_HOURS_PER_WEEK + 2), st.floats(0, 100)),
        "limit": st.integers(-2, MAX_LIMIT + 2),
        "target_role": st.one_of(st.none(), st.sampled_from(["ai-engineer", "astronaut", ""])),
    },
)


@pytest.fixture(scope="module")
def client(engine):
    return create_app({"TESTING": True, "ENGINE": engine, "RATELIMIT_ENABLED": False}).test_client()


@pytest.fixture(scope="module")
def spec(client):
    return client.get("/openapi.json").get_json()


@settings(max_examples=150, deadline=None)
@given(bodies)
def test_values_are_judged_by_the_engine_alone(client, engine, body):
    response = client.post(PATH, json=body)
    try:
        expected = engine.recommend(body)
    except InputError as exc:
        assert response.status_code == 422, response.get_json()
        assert response.get_json()["errors"] == exc.errors
    else:
        assert response.status_code == 200, response.get_json()
        assert response.get_json() == expected


@given(bodies)
def test_a_body_of_the_right_shape_reaches_the_engine_as_sent(body):
    loaded = REQUEST.load(body)
    assert loaded["skills"] == body["skills"]
    assert {k: v for k, v in loaded.items() if k != "hours_per_week"} == {
        k: v for k, v in body.items() if k != "hours_per_week"
    }


@pytest.mark.parametrize(
    ("skills", "path"),
    [
        ([{"name": "Python", "level": 3}, {"name": 7, "level": 3}], "skills.1.name"),
        ([{"name": "Python", "level": 3}, {"name": "rag", "level": True}], "skills.1.level"),
        ([{"name": "Python", "level": 3, "years": 2}], "skills.0.years"),
        ([{"name": "Python", "level": 3}, "RAG"], "skills.1._schema"),
        ([{"name": "x" * (MAX_NAME_LENGTH + 1), "level": 3}], "skills.0.name"),
        ([{"name": "rag", "level": "x" * (MAX_LEVEL_WORD_LENGTH + 1)}], "skills.0.level"),
    ],
)
def test_a_bad_shape_after_good_entries_is_named_by_its_path(skills, path):
    with pytest.raises(ValidationError) as info:
        REQUEST.load({"skills": skills})
    entry, _, field = path.split(".", 1)[1].partition(".")
    assert field in info.value.messages["skills"][int(entry)]


def test_numeric_text_is_a_number_but_other_text_is_not():
    assert REQUEST.load({"skills": [], "hours_per_week": "8"})["hours_per_week"] == 8.0
    with pytest.raises(ValidationError, match="Not a valid number"):
        REQUEST.load({"skills": [], "hours_per_week": "lots"})


def test_the_document_states_the_engine_s_bounds(spec):
    request = spec["components"]["schemas"]["RecommendationRequest"]["properties"]
    assert (request["hours_per_week"]["minimum"], request["hours_per_week"]["maximum"]) == (1, MAX_HOURS_PER_WEEK)
    assert (request["limit"]["minimum"], request["limit"]["maximum"]) == (0, MAX_LIMIT)
    level = spec["components"]["schemas"]["SkillRating"]["properties"]["level"]
    number = next(option for option in level["oneOf"] if option["type"] == "integer")
    assert (number["minimum"], number["maximum"]) == (MIN_LEVEL, MAX_LEVEL)
