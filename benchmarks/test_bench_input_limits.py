"""How long the API takes to refuse input it must refuse (tests/test_input_limits.py checks the refusals themselves).

A refusal should cost about what reading the body costs, never the engine's time: these time the worst bodies the
limits are for. Figures go to docs/performance.md ("Refusing bad input").
"""

from __future__ import annotations

import json

import pytest

from api.app import create_app
from api.security import json_depth

REC, COHORTS = "/v1/recommendations", "/v1/cohorts/recommendations"


@pytest.fixture(scope="module")
def client(engine):
    return create_app({"TESTING": True, "ENGINE": engine, "RATELIMIT_ENABLED": False}).test_client()


def _record(benchmark):
    benchmark.extra_info["mean_ms"] = round(benchmark.stats.stats.mean * 1e3, 3)


def test_byte_scan_of_a_16_mib_bracket_run(benchmark):
    body = b"[" * (16 << 20)
    assert benchmark(json_depth.exceeds, body, 32)
    _record(benchmark)


def test_byte_scan_of_a_big_cohort_body(benchmark):
    profiles = [{"id": f"m{i}", "skills": [{"name": 'say "hi" \\ [', "level": 3}] * 5} for i in range(10_000)]
    body = json.dumps({"profiles": profiles}).encode()
    assert not benchmark(json_depth.exceeds, body, 32)
    _record(benchmark)


@pytest.mark.parametrize("path", [REC, COHORTS])
def test_a_body_nested_100k_deep(benchmark, client, path):
    body = "[" * 100_000
    response = benchmark(client.post, path, data=body, content_type="application/json")
    assert response.status_code == 400
    _record(benchmark)


def test_250k_skills_in_one_profile(benchmark, client):
    body = json.dumps({"skills": [{}] * 250_000})
    response = benchmark(client.post, REC, data=body, content_type="application/json")
    assert response.status_code == 422
    _record(benchmark)


def test_20k_skills_in_one_cohort_row(benchmark, client):
    profile = {"id": "m-1", "skills": [{"name": "python", "level": 3}] * 20_000}
    response = benchmark(client.post, COHORTS, json={"profiles": [profile]})
    assert response.status_code == 200 and response.get_json()["errors"]
    _record(benchmark)


def test_a_csv_header_of_100k_columns(benchmark, client):
    header = "id," + ",".join(f"column {i}" for i in range(100_000)) + "\n"
    response = benchmark(client.post, COHORTS, data=header, content_type="text/csv")
    assert response.status_code == 422
    _record(benchmark)


def test_10k_made_up_skill_names_in_a_cohort(benchmark, client):
    profiles = [
        {"id": i, "skills": [{"name": f"made-up skill {i}-{j}", "level": 1} for j in range(200)]} for i in range(50)
    ]
    response = benchmark(client.post, COHORTS, json={"profiles": profiles})
    assert response.status_code == 422
    _record(benchmark)
