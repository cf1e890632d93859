"""``POST /v1/cohorts/recommendations``: JSON and CSV cohorts, per-row errors, limits, the document."""

from __future__ import annotations

import csv
import io
import json

import pytest
from api_helpers import assert_documented, assert_error

from api.app import create_app
from recommender.summary import OTHER_GROUPS

URL = "/v1/cohorts/recommendations"
RESERVED = ("id", "target_role", "hours_per_week", "group", "goals")


@pytest.fixture(scope="module")
def spec(engine):
    return create_app({"TESTING": True, "ENGINE": engine}).test_client().get("/openapi.json").get_json()


def app_with(engine, **config):
    return create_app({"TESTING": True, "ENGINE": engine, **config}).test_client()


def csv_profiles(path) -> tuple[str, list[dict]]:
    """The example cohort as CSV text and as the equivalent JSON profiles."""
    text = path.read_text(encoding="utf-8")
    profiles = []
    for row in csv.DictReader(io.StringIO(text)):
        skills = [{"name": k, "level": int(v) if v.isdigit() else v} for k, v in row.items() if k not in RESERVED and v]
        profile = {"id": row["id"], "skills": skills, "group": row["group"] or None}
        if row["target_role"]:
            profile["target_role"] = row["target_role"]
        if row["hours_per_week"]:
            profile["hours_per_week"] = float(row["hours_per_week"])
        if row.get("goals"):
            profile["goals"] = [g.strip() for g in row["goals"].split(";") if g.strip()]
        profiles.append(profile)
    return text, profiles


MALFORMED = [
    {"id": "ok-1", "skills": [{"name": "Python", "level": "advanced"}, {"name": "RAG", "level": 2}]},
    {"id": "bad-level", "skills": [{"name": "Python", "level": "expertt"}]},
    {"id": "unknown-skill", "skills": [{"name": "quantum knitting", "level": 3}], "target_role": "ai-engineer"},
    {"id": "bad-role", "skills": [], "target_role": "ml-engineer"},
    {"id": "", "skills": []},
    {"id": "no-skills"},
    {"id": "bad-hours", "skills": [], "hours_per_week": 500},
    "not an object",
    {"id": 42, "skills": [{"name": "prompt engineering", "level": 3}], "hours_per_week": "8", "group": "g"},
]


def test_malformed_profiles_lose_nothing_and_keep_their_order(client, spec):
    response = client.post(URL, json={"profiles": MALFORMED, "steps": 3})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert_documented(spec, URL, "post", response)
    body = response.get_json()
    results, errors = body["results"], body["errors"]
    assert len(results) + len(errors) == len(MALFORMED)
    assert [r["index"] for r in results] == [0, 2, 8]
    assert [e["index"] for e in errors] == [1, 3, 4, 5, 6, 7]
    assert [r["id"] for r in results] == ["ok-1", "unknown-skill", "42"]
    by_index = {e["index"]: e for e in errors}
    assert by_index[1]["errors"] == {"skills.0.level": [by_index[1]["errors"]["skills.0.level"][0]]}
    assert "'expertt' is not a level" in by_index[1]["errors"]["skills.0.level"][0]
    assert "ml-engineer" in by_index[3]["errors"]["target_role"][0]
    assert by_index[4]["id"] is None and "id" in by_index[4]["errors"]
    assert by_index[5]["errors"] == {"skills": ["Missing data for required field."]}
    assert "hours_per_week" in by_index[6]["errors"]
    assert by_index[7] == {"index": 7, "id": None, "errors": {"_schema": ["each profile must be an object"]}}
    assert body["ignored"] == [
        {"name": "quantum knitting", "rows": 1, "suggestions": body["ignored"][0]["suggestions"], "reason": None}
    ]
    assert body["summary"]["rows"] == len(MALFORMED) and body["summary"]["errors"] == 6


def test_each_result_equals_post_recommendations(client, example_cohort):
    _, profiles = csv_profiles(example_cohort)
    body = client.post(URL, json={"profiles": profiles, "steps": 4}).get_json()
    assert len(body["results"]) == 37
    for result in body["results"]:
        profile = dict(profiles[result["index"]])
        del profile["id"], profile["group"]
        single = client.post("/v1/recommendations", json={**profile, "limit": 4}).get_json()
        assert result["roles"] == single["roles"]
        assert result["target_role"] == single["target_role"]
        assert result["plan"] == single["plan"]


def test_csv_and_json_give_the_same_results(client, example_cohort, spec):
    text, profiles = csv_profiles(example_cohort)
    from_json = client.post(URL, json={"profiles": profiles, "steps": 5}).get_json()
    response = client.post(f"{URL}?steps=5", data=text, content_type="text/csv")
    assert response.status_code == 200
    assert_documented(spec, URL, "post", response)
    from_csv = response.get_json()

    def without_matches(results):  # a CSV row's columns are read once, for the whole file
        return [{**r, "profile": {**r["profile"], "matched": []}} for r in results]

    assert all(not r["profile"]["matched"] for r in from_csv["results"])
    assert any(r["profile"]["inferred"] for r in from_csv["results"]), "the example cohort implies some levels"
    assert from_csv["results"] == without_matches(from_json["results"])
    assert [e["index"] for e in from_csv["errors"]] == [e["index"] for e in from_json["errors"]]
    summary_csv, summary_json = from_csv["summary"], from_json["summary"]
    assert summary_csv == summary_json


def test_csv_row_errors_name_the_column_and_unknown_columns_are_reported(client):
    text = "id,python,rag,pytroch,target_role\na,3,,2,\nb,expertt,1,,\n,2,,,\nd,,,,boss\n"
    body = client.post(URL, data=text, content_type="text/csv").get_json()
    assert [r["id"] for r in body["results"]] == ["a"]
    assert [(e["index"], sorted(e["errors"])) for e in body["errors"]] == [
        (1, ["python"]),
        (2, ["id"]),
        (3, ["target_role"]),
    ]
    assert body["ignored"][0]["name"] == "pytroch" and body["ignored"][0]["suggestions"][0] == "pytorch"
    assert body["ignored"][0]["reason"] is None


def test_an_ignored_name_the_catalog_explains_carries_its_reason(client, engine):
    """As a single profile's unmatched entry does: "Prometheus" is monitoring, not LLM observability."""
    (rule,) = [r for r in engine.catalog.name_rules if r.name == "Prometheus"]
    csv_body = client.post(URL, data="id,python,Prometheus\na,3,4\n", content_type="text/csv").get_json()
    json_body = client.post(URL, json={"profiles": [{"id": "a", "skills": [{"name": "Prometheus", "level": 4}]}]})
    for ignored in (csv_body["ignored"], json_body.get_json()["ignored"]):
        assert ignored == [{"name": "Prometheus", "rows": 1, "suggestions": [], "reason": rule.reason}]


def test_summary_groups_respect_the_configured_minimum(engine, example_cohort):
    _, profiles = csv_profiles(example_cohort)
    body = app_with(engine).post(URL, json={"profiles": profiles}).get_json()
    groups = {g["group"]: g for g in body["summary"]["groups"]}
    assert groups["evening"] == {"group": "evening", "rows": 3, "suppressed": True}
    assert groups["class-a"]["suppressed"] is False and groups["class-a"]["scored"] >= 5
    body = app_with(engine, COHORT_MIN_GROUP=20).post(URL, json={"profiles": profiles}).get_json()
    assert all(g["suppressed"] for g in body["summary"]["groups"] if g["group"] != OTHER_GROUPS)


def test_a_member_alone_in_her_group_is_not_recovered_by_subtraction(engine):
    """Issue 17 §4 as the attacker did it: the overall minus team-a's figures were alice's."""
    team = [{"id": f"t{i}", "group": "team-a", "skills": [{"name": "python", "level": 5}]} for i in range(5)]
    alice = {"id": "alice", "group": "alice", "skills": [{"name": "rag", "level": 1}], "target_role": "ai-engineer"}
    summary = app_with(engine).post(URL, json={"profiles": [*team, alice]}).get_json()["summary"]
    shown = [g for g in summary["groups"] if not g["suppressed"]]
    assert all(g["scored"] >= summary["min_group_size"] for g in shown)
    for figure in (
        lambda s: list(s["best_fit"].values()),
        lambda s: s["readiness"]["counts"],
        lambda s: [c for counts in s["fit_histogram"]["counts"].values() for c in counts],
    ):
        left = [sum(v) for v in zip(figure(summary), *([-x for x in figure(g)] for g in shown), strict=True)]
        assert sum(left) == 0 or sum(left) >= summary["min_group_size"]


def test_steps(client):
    profiles = [{"id": "a", "skills": []}]
    body = client.post(URL, json={"profiles": profiles}).get_json()
    assert body["steps"] == 10 and len(body["results"][0]["plan"]["steps"]) == 10
    body = client.post(URL, json={"profiles": profiles, "steps": 0}).get_json()
    assert body["results"][0]["plan"]["steps"] == [] and body["results"][0]["plan"]["total_steps"] > 0
    assert_error(client.post(URL, json={"profiles": profiles, "steps": -1}), 422)
    body = assert_error(client.post(f"{URL}?steps=many", data="id\na\n", content_type="text/csv"), 422)
    assert "steps" in body["errors"]


# ---------------------------------------------------------------------------
# Limits and errors
# ---------------------------------------------------------------------------


def test_too_many_rows_is_413_pointing_to_the_command_line(engine):
    client = app_with(engine, COHORT_MAX_ROWS=3)
    profiles = [{"id": str(i), "skills": []} for i in range(4)]
    body = assert_error(client.post(URL, json={"profiles": profiles}), 413)
    assert "at most 3" in body["message"] and "careerpath batch" in body["message"]
    body = assert_error(client.post(URL, data="id\n1\n2\n3\n4\n", content_type="text/csv"), 413)
    assert "careerpath batch" in body["message"]
    assert client.post(URL, json={"profiles": profiles[:3]}).status_code == 200


def test_the_cohort_body_limit_is_its_own(engine):
    client = app_with(engine, MAX_CONTENT_LENGTH=2048)
    profiles = [{"id": f"member-{i}", "skills": [{"name": "Python", "level": 3}]} for i in range(100)]
    assert len(json.dumps({"profiles": profiles})) > 2048
    assert client.post(URL, json={"profiles": profiles}).status_code == 200
    client = app_with(engine, COHORT_MAX_CONTENT_LENGTH=1024)
    assert_error(client.post(URL, json={"profiles": profiles}), 413)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"data": "{", "content_type": "application/json"}, 400),
        ({"data": b"\xff\xfe", "content_type": "application/json"}, 400),
        ({"data": "profiles=1", "content_type": "application/x-www-form-urlencoded"}, 415),
        ({"json": {"profiles": "all of them"}}, 422),
        ({"json": {"members": []}}, 422),
        ({"json": [1, 2]}, 422),
        ({"data": "name,python\nAda,3\n", "content_type": "text/csv"}, 422),
        ({"data": "id,rag,RAG\na,1,2\n", "content_type": "text/csv"}, 422),
        ({"data": "", "content_type": "text/csv"}, 400),
        ({"data": 'id,python\n"a,3\n', "content_type": "text/csv"}, 400),
    ],
    ids=[
        "bad-json",
        "not-utf8",
        "form",
        "profiles-not-a-list",
        "no-profiles",
        "body-not-object",
        "csv-without-id",
        "csv-duplicate-column",
        "csv-empty",
        "csv-broken-quote",
    ],
)
def test_request_level_errors_have_the_one_shape(client, spec, kwargs, code):
    response = client.post(URL, **kwargs)
    assert_error(response, code)
    assert_documented(spec, URL, "post", response)


def test_empty_cohort(client):
    body = client.post(URL, json={"profiles": []}).get_json()
    assert body["results"] == [] and body["errors"] == []
    assert body["summary"]["rows"] == 0 and body["summary"]["fit"]["ai-engineer"] == {"mean": None, "median": None}


def test_the_endpoint_is_documented(spec):
    post = spec["paths"][URL]["post"]
    assert {"200", "400", "413", "415", "422"} <= set(post["responses"])
    assert {"application/json", "text/csv"} <= set(post["requestBody"]["content"])
    result = spec["components"]["schemas"]["CohortResult"]
    assert set(result["required"]) >= {"index", "id", "roles", "target_role", "plan"}


def test_a_cohort_row_is_read_as_the_same_profile_alone(client):
    """Merges, implied levels and how each name was matched, per member (issue 15)."""
    skills = [{"name": "LoRA", "level": 3}, {"name": "QLoRA", "level": 4}, {"name": "BERT", "level": 4}]
    alone = client.post("/v1/recommendations", json={"skills": skills}).get_json()["profile"]
    (row,) = client.post(URL, json={"profiles": [{"id": "m-1", "skills": skills}]}).get_json()["results"]
    assert row["profile"] == {key: alone[key] for key in ("matched", "merged", "inferred", "goals", "concerns")}
    assert row["profile"]["merged"] and row["profile"]["inferred"]
