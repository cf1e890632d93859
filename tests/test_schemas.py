"""The request schema checks shape; the engine judges values, with one set of rules and messages.

A body of the right shape reaches the engine as sent, so ``POST /v1/recommendations``
answers exactly what ``Engine.recommend`` answers (the form and the command line call
the engine directly). The OpenAPI document states the engine's bounds, and speaks the
served catalog's words (issue 19 §2): a catalog of cooking skills gets a document about
cooking, with its level words, tracks and examples, and nothing of the shipped catalog.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from api_helpers import EXPERIENCED, README_BEGINNER, assert_documented
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from api.app import create_app
from api.v1 import request_check
from api.v1.schemas import MAX_LEVEL_WORD_LENGTH, MAX_NAME_LENGTH, RecommendationRequestSchema
from recommender.engine import MAX_HOURS_PER_WEEK, MAX_LIMIT, Engine, InputError

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


# Any JSON at all in each place, and fields the schema does not have: what the compiled check sees.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 1001) | st.floats(allow_nan=False) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
anything = st.one_of(
    json_values,
    st.sampled_from([0, 3, 2.0, 10, 12.5, "8", "", "x" * (MAX_NAME_LENGTH + 1), "Python", "ai-engineer", None, True]),
)
entries = st.one_of(
    st.fixed_dictionaries({"name": names, "level": levels}),
    st.fixed_dictionaries({"name": anything, "level": anything}),
    st.fixed_dictionaries({"name": names, "level": levels, "years": anything}),
    json_values,
)
odd_bodies = st.one_of(
    bodies,
    st.fixed_dictionaries(
        {},
        optional={
            "skills": st.one_of(st.lists(entries, max_size=4), anything),
            "hours_per_week": anything,
            "limit": anything,
            "target_role": anything,
            "mood": anything,
        },
    ),
    json_values,
)


@settings(max_examples=400, deadline=None)
@given(odd_bodies)
def test_a_body_the_compiled_check_passes_is_one_the_schema_loads_unchanged(client, body):
    """The check (api.v1.request_check) is the published document's: it lets a body skip marshmallow only when
    marshmallow would have taken it as it is."""
    check = client.application.extensions[request_check.EXTENSION][RecommendationRequestSchema]
    if check.is_valid(body):
        assert REQUEST.load(body) == body


WELL_FORMED = [
    README_BEGINNER,
    EXPERIENCED,
    {"skills": [{"name": "rag", "level": 0}], "target_role": None, "hours_per_week": 12.5, "limit": 3},
    {"skills": [{"name": "quantum knitting", "level": "expert"}], "limit": 0},
]


@pytest.mark.parametrize("body", WELL_FORMED, ids=str)
def test_well_formed_bodies_pass_the_compiled_check_and_are_answered_as_the_engine_answers(client, engine, body):
    check = client.application.extensions[request_check.EXTENSION][RecommendationRequestSchema]
    assert check.is_valid(body)
    assert client.post(PATH, json=body).get_json() == engine.recommend(body)


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ({"skills": [], "limit": 2.0}, "limit", "Not a valid integer."),
        ({"skills": [{"name": "rag", "level": 3}], "mood": "keen"}, "mood", "Unknown field."),
        ({"skills": [{"name": "", "level": True}]}, "skills.0.level", "Not a level"),
    ],
)
def test_what_the_check_refuses_is_answered_by_the_schema(client, body, path, message):
    response = client.post(PATH, json=body)
    assert response.status_code == 422
    assert message in " ".join(response.get_json()["errors"][path])


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


def test_the_document_states_the_engine_s_bounds(spec, catalog):
    request = spec["components"]["schemas"]["RecommendationRequest"]["properties"]
    assert (request["hours_per_week"]["minimum"], request["hours_per_week"]["maximum"]) == (1, MAX_HOURS_PER_WEEK)
    assert (request["limit"]["minimum"], request["limit"]["maximum"]) == (0, MAX_LIMIT)
    level = spec["components"]["schemas"]["SkillRating"]["properties"]["level"]
    number = next(option for option in level["oneOf"] if option["type"] == "integer")
    assert (number["minimum"], number["maximum"]) == (0, catalog.max_level)


# ---------------------------------------------------------------------------
# The document in the served catalog's words
# ---------------------------------------------------------------------------

KITCHEN_LEVELS = ["untried", "curious", "commis", "cook", "sous", "chef"]


def write_kitchen_catalog(directory) -> str:
    """A small catalog of cooking skills with its own title, level words and tracks (one role of every track)."""
    directory.mkdir()
    skills = {"knife-work": [], "stocks": ["knife-work"], "sauces": ["stocks"], "doughs": [], "laminating": ["doughs"]}
    modules = {"knife-work": "savoury", "stocks": "savoury", "sauces": "savoury", "doughs": "pastry"}
    files = {
        "catalog.yaml": {
            "name": "kitchen",
            "title": "Kitchen brigade paths",
            "description": "Skills of a professional kitchen, from knife work to laminated doughs.",
            "levels": [{"value": v, "word": w, "description": f"A {w}."} for v, w in enumerate(KITCHEN_LEVELS)],
            "tracks": [
                {"id": "savoury", "name": "Savoury kitchen", "description": "Stocks, sauces and the line."},
                {"id": "pastry", "name": "Pastry kitchen", "description": "Doughs, creams and sugar."},
            ],
        },
        "modules.yaml": [
            {"id": "savoury-basics", "name": "Savoury basics", "track": "savoury", "description": "The line."},
            {"id": "pastry-basics", "name": "Pastry basics", "track": "pastry", "description": "The pass."},
        ],
        "skills.yaml": [
            {
                "id": skill,
                "name": skill.replace("-", " ").capitalize(),
                "module": f"{modules.get(skill, 'pastry')}-basics",
                "description": f"{skill}.",
                "prerequisites": needs,
                "hours": [2, 4, 8, 16, 32],
            }
            for skill, needs in skills.items()
        ],
        "roles.yaml": [
            {
                "id": "saucier",
                "title": "Saucier",
                "track": "savoury",
                "summary": "Makes the sauces.",
                "skills": {s: {"level": 3, "weight": 1.0, "tier": "core"} for s in ("knife-work", "stocks", "sauces")},
            },
            {
                "id": "commis",
                "title": "Commis",
                "summary": "Helps everywhere.",
                "skills": {s: {"level": 2, "weight": 0.5, "tier": "core"} for s in skills},
            },
        ],
        "resources.yaml": {},
    }
    for name, doc in files.items():
        (directory / name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return str(directory)


@pytest.fixture(scope="module")
def kitchen(tmp_path_factory):
    """The app serving the kitchen catalog, its catalog and its OpenAPI document."""
    directory = write_kitchen_catalog(tmp_path_factory.mktemp("kitchen") / "catalog")
    engine = Engine.load(directory)
    client = create_app({"TESTING": True, "ENGINE": engine, "RATELIMIT_ENABLED": False}).test_client()
    return client, engine.catalog, client.get("/openapi.json").get_json()


def request_example(spec: dict, path: str, media: str = "application/json"):
    return spec["paths"][path]["post"]["requestBody"]["content"][media]["example"]


def test_the_document_has_the_catalogs_title_and_description(kitchen):
    _, catalog, spec = kitchen
    assert spec["info"]["title"] == catalog.title
    assert spec["info"]["description"].startswith(catalog.description)


def test_the_document_has_the_catalogs_level_scale_and_tracks(kitchen):
    _, catalog, spec = kitchen
    schemas = spec["components"]["schemas"]
    level = schemas["SkillRating"]["properties"]["level"]
    assert ", ".join(KITCHEN_LEVELS) in level["description"]
    word = next(option for option in level["oneOf"] if option["type"] == "string")
    assert word["example"] in KITCHEN_LEVELS
    for schema in ("Module", "Role", "RoleFit"):
        assert schemas[schema]["properties"]["track"]["enum"] == ["savoury", "pastry", None]
    assert "Savoury kitchen" in schemas["Module"]["properties"]["track"]["description"]


def test_the_documents_examples_are_the_catalogs_and_are_answered(kitchen):
    client, catalog, spec = kitchen
    single = request_example(spec, "/v1/recommendations")
    assert {entry["name"] for entry in single["skills"]} <= {skill.name for skill in catalog.skills}
    assert single["target_role"] in catalog.role_ids
    response = client.post("/v1/recommendations", json=single)
    assert response.status_code == 200, response.get_json()
    assert_documented(spec, "/v1/recommendations", "post", response)

    cohort = request_example(spec, "/v1/cohorts/recommendations")
    response = client.post("/v1/cohorts/recommendations", json=cohort)
    assert response.status_code == 200 and not response.get_json()["errors"], response.get_json()
    csv = request_example(spec, "/v1/cohorts/recommendations", "text/csv")
    assert set(csv.splitlines()[0].split(",")[4:]) <= set(catalog.skill_ids)
    response = client.post("/v1/cohorts/recommendations", data=csv, content_type="text/csv")
    assert response.status_code == 200 and not response.get_json()["errors"], response.get_json()


def test_the_document_says_nothing_of_the_shipped_catalog(kitchen, catalog):
    _, kitchen_catalog, spec = kitchen
    text = json.dumps(spec, ensure_ascii=False)
    assert not re.search(r"\bgen(erative)? ?AI\b", text, re.I)
    # Level words as values (an enum, an example) or listed as the scale; plain English may say "none".
    ours = {lv.word for lv in kitchen_catalog.levels}
    found = [lv.word for lv in catalog.levels if lv.word not in ours and f'"{lv.word}"' in text]
    if ", ".join(lv.word for lv in catalog.levels[:3]) in text:
        found.append("the shipped level scale")
    # Names of the shipped catalog anywhere: its title, tracks, skills, roles.
    names = [catalog.title, *(track.name for track in catalog.tracks), *(f'"{track.id}"' for track in catalog.tracks)]
    names += [skill.name for skill in catalog.skills] + [skill.id for skill in catalog.skills] + list(catalog.role_ids)
    found += [name for name in names if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    assert not found, f"words of the shipped catalog in the kitchen's document: {found}"


def test_the_shipped_documents_examples_are_answered(client, spec):
    response = client.post("/v1/recommendations", json=request_example(spec, "/v1/recommendations"))
    assert response.status_code == 200, response.get_json()
    assert spec["info"]["title"] == "Gen AI career paths"
