"""Limits on input: each a clear 4xx, answered quickly, never a slow path or a 500."""

from __future__ import annotations

import io
import json

import pytest
from api_helpers import assert_error
from flask import request
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import RequestEntityTooLarge

from api.app import create_app
from api.security import json_depth
from api.settings import ConfigError
from api.v1.schemas import MAX_LEVEL_WORD_LENGTH, MAX_NAME_LENGTH, MAX_SKILLS
from recommender.batch.files import MAX_UPLOAD_COLUMNS
from recommender.matching import SkillMatcher

REC, COHORTS = "/v1/recommendations", "/v1/cohorts/recommendations"


@pytest.fixture
def unmatched(monkeypatch):
    """A refusal here is quick because it comes before any name is matched, the slow part of a request (a few ms a
    free-text name; benchmarks/test_bench_input_limits.py times the refusals): the matcher fails the test if asked."""

    def no_matching(matcher, names, *args, **kwargs):
        names = [names] if isinstance(names, str) else list(names)
        if names:  # asked about nothing (a refused row's empty profile) is no work
            raise AssertionError("a name was matched before the request was refused")
        return []

    for method in ("match", "resolve", "resolve_many", "read_goals"):
        monkeypatch.setattr(SkillMatcher, method, no_matching)


def as_json(value) -> dict:
    return {"data": value if isinstance(value, str | bytes) else json.dumps(value), "content_type": "application/json"}


# ---------------------------------------------------------------------------
# Nesting depth
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", [REC, COHORTS])
@pytest.mark.parametrize("body", ["[" * 100_000, '{"a":' * 100_000, "[" * 100_000 + "]" * 100_000])
def test_a_body_nested_100k_deep_is_refused_unread_400(client, path, body, unmatched):
    response = client.post(path, **as_json(body))
    error = assert_error(response, 400)
    assert "more than 32 levels deep" in error["message"]


def test_the_depth_limit_is_checked_inside_big_cohort_bodies_too(client, unmatched):
    # Over the API-wide 1 MiB but under the cohort limit: read under the cohort's own limit.
    profiles = [{"id": i, "skills": [{"name": "python", "level": 3}]} for i in range(30_000)]
    body = json.dumps({"profiles": profiles, "x": json.loads("[" * 40 + "]" * 40)})
    assert len(body) > 1 << 20
    response = client.post(COHORTS, **as_json(body))
    assert_error(response, 400)


def test_nesting_up_to_the_limit_reaches_the_schema(client):
    # 32 levels deep passes the guard; the schema then names the field.
    body = {"skills": [{"name": "python", "level": json.loads("[" * 29 + "]" * 29)}]}
    assert_error(client.post(REC, json=body), 422)
    body["skills"][0]["level"] = json.loads("[" * 30 + "]" * 30)
    assert_error(client.post(REC, json=body), 400)


def test_brackets_inside_strings_do_not_count(client):
    name = "[[[[" * 40  # 160 characters, within the name limit
    response = client.post(REC, json={"skills": [{"name": name, "level": 1}]})
    assert response.status_code == 200
    assert response.get_json()["profile"]["unmatched"][0]["input"] == name


def test_a_utf16_body_is_measured_too(client):
    body = json.dumps({"profiles": [], "x": json.loads("[" * 40 + "]" * 40)}).encode("utf-16")
    assert_error(client.post(COHORTS, data=body, content_type="application/json"), 400)


def test_the_depth_limit_is_a_setting(engine):
    client = create_app({"TESTING": True, "ENGINE": engine, "JSON_MAX_DEPTH": 2}).test_client()
    assert client.post(REC, json={"skills": []}).status_code == 200  # depth 2
    error = assert_error(client.post(REC, json={"skills": [{"name": "rag", "level": 1}]}), 400)
    assert "more than 2 levels" in error["message"]


@pytest.mark.parametrize("value", [0, 501, "deep", True])
def test_a_bad_depth_setting_stops_the_server(engine, value):
    with pytest.raises(ConfigError, match="CAREERPATH_JSON_MAX_DEPTH"):
        create_app({"TESTING": True, "ENGINE": engine, "JSON_MAX_DEPTH": value})


def reference_depth(value) -> int:
    if isinstance(value, list):
        return 1 + max((reference_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((reference_depth(v) for v in value.values()), default=0)
    return 0


# Strings full of the characters that could fool a byte scan: brackets, quotes, backslashes.
tricky_text = st.text(alphabet=st.sampled_from('[]{}"\\a,: \u00e9\u2603\U0001f600'), max_size=8)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | tricky_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(tricky_text, inner, max_size=3),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(
    value=json_values,
    limit=st.integers(0, 12),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-be", "utf-32"]),
    ascii_only=st.booleans(),
)
def test_the_byte_scan_agrees_with_the_parsed_depth(value, limit, encoding, ascii_only):
    body = json.dumps(value, ensure_ascii=ascii_only).encode(encoding)
    assert json_depth.exceeds(body, limit) == (reference_depth(value) > limit)


def test_the_byte_scan_reads_big_bodies():
    # Its speed on these is benchmarks/test_bench_input_limits.py's.
    profiles = [{"id": f"m{i}", "skills": [{"name": 'say "hi" \\ [', "level": 3}] * 5} for i in range(10_000)]
    assert not json_depth.exceeds(json.dumps({"profiles": profiles}).encode(), 32)
    assert json_depth.exceeds(b"[" * (16 << 20), 32)


# ---------------------------------------------------------------------------
# Size, counts and lengths
# ---------------------------------------------------------------------------


def test_a_body_over_the_size_limit_is_413(engine):
    client = create_app({"TESTING": True, "ENGINE": engine, "MAX_CONTENT_LENGTH": 4096}).test_client()
    body = {"skills": [{"name": "python", "level": 3}] * 150}
    error = assert_error(client.post(REC, json=body), 413)
    assert "4096 bytes" in error["message"]


def test_the_cohort_body_and_row_limits_are_413(engine):
    client = create_app(
        {"TESTING": True, "ENGINE": engine, "COHORT_MAX_CONTENT_LENGTH": 4096, "COHORT_MAX_ROWS": 3}
    ).test_client()
    too_big = assert_error(client.post(COHORTS, json={"profiles": [{"id": "x" * 5000, "skills": []}]}), 413)
    assert "4096 bytes" in too_big["message"]  # the cohort endpoint's own limit, not the API-wide one
    rows = assert_error(client.post(COHORTS, json={"profiles": [{"id": i, "skills": []} for i in range(4)]}), 413)
    assert "at most 3" in rows["message"] and "careerpath batch" in rows["message"]


def chunked(client, path: str, body: bytes, content_type: str):
    """POST ``body`` as a WSGI server passes a chunked upload on: no Content-Length, a terminated stream."""
    return client.post(
        path,
        input_stream=io.BytesIO(body),
        headers={"Content-Type": content_type, "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_a_chunked_cohort_over_the_limit_is_413_and_nothing_is_scored(engine):
    limit = 100_000
    client = create_app({"TESTING": True, "ENGINE": engine, "COHORT_MAX_CONTENT_LENGTH": limit}).test_client()
    csv = ("id,skill,level\n" + "".join(f"m-{i},python,3\n" for i in range(14_190))).encode()
    assert len(csv) > limit
    error = assert_error(chunked(client, COHORTS, csv, "text/csv"), 413)
    assert f"{limit} bytes" in error["message"]
    # Under the limit, the same way of sending scores every row.
    small = csv[: csv.index(b"\nm-2000,") + 1]
    answer = chunked(client, COHORTS, small, "text/csv")
    assert answer.status_code == 200 and answer.get_json()["summary"]["rows"] == 2_000


def test_a_chunked_2mb_body_to_recommendations_is_413_not_400(client):
    body = b'{"skills": [], "pad": "' + b"x" * (2 << 20) + b'"}'
    assert_error(chunked(client, REC, body, "application/json"), 413)


@settings(max_examples=25, deadline=None)
@given(size=st.integers(0, 6000), limit=st.integers(1, 5000))
def test_a_chunked_body_is_read_whole_or_refused(engine, size, limit):
    app = create_app({"TESTING": True, "ENGINE": engine, "MAX_CONTENT_LENGTH": limit})
    body = b"[" + b" " * max(0, size - 2) + b"]" if size >= 2 else b"[]"
    with app.test_request_context(
        "/", method="POST", input_stream=io.BytesIO(body), environ_overrides={"wsgi.input_terminated": True}
    ):
        if len(body) > limit:
            with pytest.raises(RequestEntityTooLarge):
                request.get_data()
        else:
            assert request.get_data() == body


def test_rows_times_steps_over_the_cap_is_413_naming_steps(engine, monkeypatch):
    client = create_app(
        {"TESTING": True, "ENGINE": engine, "COHORT_MAX_ROW_STEPS": 1_000, "RATELIMIT_ENABLED": False}
    ).test_client()
    profiles = [{"id": f"m-{i}", "skills": [{"name": "python", "level": 2}]} for i in range(100)]
    plan = engine.recommend_many
    monkeypatch.setattr(engine, "recommend_many", lambda *a, **k: pytest.fail("planned before the cap was checked"))
    error = assert_error(client.post(COHORTS, json={"profiles": profiles, "steps": 11}), 413)
    assert "100 rows" in error["message"] and "11 steps" in error["message"] and "steps" in error["errors"]
    csv = "id,python\n" + "".join(f"m-{i},2\n" for i in range(100))
    assert_error(client.post(f"{COHORTS}?steps=11", data=csv, content_type="text/csv"), 413)
    monkeypatch.setattr(engine, "recommend_many", plan)
    assert client.post(COHORTS, json={"profiles": profiles, "steps": 10}).status_code == 200  # exactly at the cap


def test_a_body_that_is_not_json_is_415(client):
    assert_error(client.post(REC, data="skills=python", content_type="application/x-www-form-urlencoded"), 415)
    assert_error(client.post(COHORTS, data="<xml/>", content_type="application/xml"), 415)


@pytest.mark.parametrize("items", [MAX_SKILLS + 1, 250_000])
def test_too_many_skills_is_a_422_before_matching(client, items, unmatched):
    response = client.post(REC, **as_json({"skills": [{}] * items}))
    error = assert_error(response, 422)
    assert error["errors"] == {"skills": [f"Longer than maximum length {MAX_SKILLS}."]}


def test_too_many_skills_in_a_cohort_profile_is_that_row_s_error(client):
    profile = {"id": "m-1", "skills": [{"name": "python", "level": 3}] * 20_000}
    response = client.post(COHORTS, json={"profiles": [profile]})
    assert response.status_code == 200
    (row,) = response.get_json()["errors"]
    assert row["errors"]["skills"] == [f"Longer than maximum length {MAX_SKILLS}."]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"skills": [{"name": "x" * (MAX_NAME_LENGTH + 1), "level": 1}]}, "skills.0.name"),
        ({"skills": [{"name": "", "level": 1}]}, "skills.0.name"),
        ({"skills": [{"name": "rag", "level": "x" * (MAX_LEVEL_WORD_LENGTH + 1)}]}, "skills.0.level"),
        ({"skills": [], "target_role": "x" * 900_000}, "target_role"),
    ],
)
def test_strings_over_their_length_are_422_naming_the_field(client, body, field, unmatched):
    response = client.post(REC, json=body)
    assert field in assert_error(response, 422)["errors"]


def test_a_csv_upload_with_too_many_columns_is_a_422_before_matching(client, unmatched):
    header = "id," + ",".join(f"column {i}" for i in range(100_000))
    response = client.post(COHORTS, data=header + "\n", content_type="text/csv")
    error = assert_error(response, 422)
    assert f"at most {MAX_UPLOAD_COLUMNS}" in error["message"]


def test_a_cohort_of_thousands_of_made_up_skill_names_is_a_422_before_matching(client, unmatched):
    # Each name that is not a catalog key is matched by similarity, a few ms apiece.
    profiles = [
        {"id": i, "skills": [{"name": f"made-up skill {i}-{j}", "level": 1} for j in range(200)]} for i in range(50)
    ]
    response = client.post(COHORTS, json={"profiles": profiles})
    error = assert_error(response, 422)
    assert "more than 2,000 different skill names" in error["message"] and "careerpath batch" in error["message"]


def test_catalog_names_in_any_spelling_do_not_count_as_free_text(engine):
    client = create_app({"TESTING": True, "ENGINE": engine, "COHORT_MAX_FREE_TEXT_NAMES": 1}).test_client()
    spellings = ["Python", "PYTHON", "python", "Retrieval-Augmented Generation", "RAG", "vector_databases"]
    profiles = [{"id": i, "skills": [{"name": name, "level": 2}]} for i, name in enumerate(spellings)]
    profiles.append({"id": "typo", "skills": [{"name": "pytorhc", "level": 2}]})  # one free-text name: allowed
    answer = client.post(COHORTS, json={"profiles": profiles})
    assert answer.status_code == 200 and answer.get_json()["errors"] == []
    profiles.append({"id": "other", "skills": [{"name": "underwater basket weaving", "level": 2}]})
    assert_error(client.post(COHORTS, json={"profiles": profiles}), 422)


# ---------------------------------------------------------------------------
# The form's public routes that run the engine (issue 17, finding 2)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/plan", "/plan.json", "/plan.md", "/plan.ics"])
def test_a_plan_url_with_many_made_up_names_is_a_400_before_matching(client, path, unmatched):
    """Refused before any name is matched (matching 250 made-up names took 450 ms): the matcher is never asked."""
    query = {f"skill.made-up-skill-{i}": "3" for i in range(250)}
    response = client.get(path, query_string=query)
    assert response.status_code == 400
    assert "not in the catalog" in response.get_data(as_text=True)


def test_a_plan_url_with_an_overlong_name_or_level_is_400(client):
    long_name = client.get("/plan.json", query_string={"skill." + "x" * (MAX_NAME_LENGTH + 1): "3"})
    assert long_name.status_code == 400 and "characters" in long_name.get_data(as_text=True)
    long_level = client.get("/plan.json", query_string={"skill.python": "x" * (MAX_LEVEL_WORD_LENGTH + 1)})
    assert long_level.status_code == 400 and "level longer" in long_level.get_data(as_text=True)


def test_catalog_names_and_a_few_typed_ones_still_get_a_plan(engine):
    client = create_app({"TESTING": True, "ENGINE": engine, "FORM_MAX_FREE_TEXT_NAMES": 2}).test_client()
    names = {"skill.python": "3", "skill.Prompt Engineering": "2", "module.foundations": "2", "skill.pytorhc": "2"}
    assert client.get("/plan.json", query_string=names).status_code == 200
    three = {**names, "skill.cooking": "1", "skill.gardening": "1"}
    assert client.get("/plan.json", query_string=three).status_code == 400


# ---------------------------------------------------------------------------
# JSON that parses but cannot be used (issue 17, finding 7): 400, never 500
# ---------------------------------------------------------------------------

HUGE_INT = b"9" * 4301
# Any code points, lone surrogates drawn often: st.text never draws them.
ANY_TEXT = st.lists(st.integers(0xD800, 0xDFFF) | st.integers(0, 0x10FFFF), max_size=12).map(
    lambda points: "".join(map(chr, points))
)


@pytest.mark.parametrize(
    ("path", "body", "said"),
    [
        (REC, b'{"skills": [], "x": ' + HUGE_INT + b"}", "more than 4300 digits"),
        (REC, b'{"skills": [], "hours_per_week": ' + HUGE_INT + b"}", "more than 4300 digits"),
        (COHORTS, b'{"profiles": [], "x": ' + HUGE_INT + b"}", "more than 4300 digits"),
        (REC, b'{"skills": [{"name": "\\ud800", "level": 3}]}', "lone UTF-16 surrogate"),
        (COHORTS, b'{"profiles": [{"id": "\\ud800", "skills": []}]}', "lone UTF-16 surrogate"),
        (COHORTS, b'{"profiles": [{"id": "m", "skills": [{"name": "\\udc00x", "level": 1}]}]}', "lone UTF-16"),
    ],
)
def test_a_huge_integer_or_a_lone_surrogate_is_400_not_500(client, caplog, path, body, said):
    error = assert_error(client.post(path, **as_json(body)), 400)
    assert said in error["message"]
    assert "Traceback" not in caplog.text


def test_surrogate_pairs_and_escaped_backslashes_are_still_text(client):
    paired = client.post(REC, **as_json(b'{"skills": [{"name": "\\ud83d\\ude00 python", "level": 3}]}'))
    assert paired.status_code == 200
    backslash = client.post(REC, **as_json(b'{"skills": [{"name": "\\\\ud800", "level": 3}]}'))
    assert backslash.status_code == 200


@settings(max_examples=40, deadline=None)
@given(name=ANY_TEXT, member=ANY_TEXT)
def test_no_skill_name_or_cohort_id_is_a_500(engine, name, member):
    client = create_app({"TESTING": True, "ENGINE": engine, "RATELIMIT_ENABLED": False}).test_client()
    single = client.post(REC, **as_json({"skills": [{"name": name, "level": 2}]}))
    assert single.status_code in (200, 400, 422)
    cohort = client.post(COHORTS, **as_json({"profiles": [{"id": member, "skills": [{"name": name, "level": 2}]}]}))
    assert cohort.status_code in (200, 400, 422)
