"""Fuzzing from the contract: schemathesis generates requests from the app's own OpenAPI
document, for every operation, and sends them through the WSGI app (no server).

Each operation gets valid and invalid requests (wrong types, out-of-range values,
missing fields, random bytes as bodies, unknown query parameters). Every response
must: not be a 5xx; have a status code the document lists for the operation; match
the schema documented for that status, with a documented content type and headers;
answer invalid requests with a 4xx; and refuse requests without a valid key (the app
runs with keys configured, as in production).

Not checked: that every schema-valid request is accepted. The document types role ids
and level words as plain strings because a deployment brings its own catalog; unknown
ones are a documented 422.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_schema_validator import OAS30Validator
from schemathesis import checks
from schemathesis.generation import GenerationMode

from api.app import create_app
from api.security.keys import create_key

# Bounded so the whole suite stays fast (about half a minute for all operations);
# raise it for a deeper run: CAREERPATH_FUZZ_EXAMPLES=1000 pytest tests/test_fuzz.py
MAX_EXAMPLES = int(os.environ.get("CAREERPATH_FUZZ_EXAMPLES", "40"))
FUZZ_SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck), "derandomize": True}
COHORTS = "/v1/cohorts/recommendations"


@pytest.fixture(scope="module")
def fuzz_key(tmp_path_factory) -> tuple[str, str]:
    key_file = tmp_path_factory.mktemp("fuzz") / "keys"
    return str(key_file), create_key(key_file, "fuzzer")


@pytest.fixture(scope="module")
def api_schema(engine, fuzz_key):
    key_file, _ = fuzz_key
    app = create_app(
        {
            "TESTING": True,
            "ENGINE": engine,
            "API_KEYS_FILE": key_file,
            # Generous limits: the fuzzer is one client sending hundreds of requests a minute.
            "RATE_LIMIT": "1000000/minute",
            "COHORT_RATE_LIMIT": "1000000/minute",
        }
    )
    return schemathesis.openapi.from_wsgi("/openapi.json", app)


@pytest.fixture(scope="module")
def auth(fuzz_key) -> dict[str, str]:
    return {"Authorization": f"Bearer {fuzz_key[1]}"}


@pytest.fixture(scope="module")
def cohort_envelope(api_schema) -> OAS30Validator:
    """The cohort request as the server checks it as a whole. Members are checked one by
    one and reported in the response's ``errors`` (a 200), so any item passes here."""
    spec = api_schema.raw_schema
    body = spec["paths"][COHORTS]["post"]["requestBody"]["content"]["application/json"]["schema"]
    envelope = dict(spec["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]])
    envelope["properties"] = {**envelope["properties"], "profiles": {"type": "array"}}
    return OAS30Validator({**envelope, "components": spec["components"]})


def all_operations(api_schema) -> list:
    return [result.ok() for result in api_schema.get_all_operations()]


# Every documented operation, fuzzed one by one. Named here rather than found at collection
# time because the document comes from an app built in a fixture; the next test keeps this
# list equal to the document's. (schemathesis's pytest plugin would find them itself, but
# it reaches into pytest internals and breaks on new pytest releases.)
OPERATIONS = [
    "GET /health",
    "GET /v1/roles",
    "GET /v1/roles/{role_id}",
    "GET /v1/skills",
    "GET /v1/skills/{skill_id}",
    "POST /v1/recommendations",
    f"POST {COHORTS}",
]


# Operations that take no input at all have no invalid request to generate.
NO_INPUT = {"GET /health"}
RUNS = [
    (operation, mode)
    for operation in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if not (mode == GenerationMode.NEGATIVE and operation in NO_INPUT)
]


def test_every_documented_operation_is_fuzzed(api_schema):
    operations = {op.label: op for op in all_operations(api_schema)}
    assert sorted(operations) == sorted(OPERATIONS)
    for label in NO_INPUT:
        op = operations[label]
        assert not (op.path_parameters or op.query or op.headers or op.body), f"{label} takes input: fuzz it"


@pytest.mark.parametrize(("operation", "mode"), RUNS, ids=[f"{op}-{mode.value}" for op, mode in RUNS])
def test_every_operation_honours_its_contract(api_schema, operation, mode, auth, cohort_envelope):
    method, path = operation.split()

    @given(case=api_schema[path][method].as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, **FUZZ_SETTINGS)
    def run(case):
        cohort_json = path == COHORTS and case.media_type == "application/json"
        excluded = [checks.positive_data_acceptance]
        if cohort_json:
            excluded.append(checks.negative_data_rejection)  # replaced by the envelope check below
        response = case.call(headers=auth)
        case.validate_response(response, headers=auth, excluded_checks=excluded)
        if cohort_json and mode == GenerationMode.NEGATIVE and response.status_code == 200:
            assert cohort_envelope.is_valid(case.body), f"an invalid cohort request was accepted: {case.body!r}"

    run()


@pytest.mark.parametrize("operation", ["GET /v1/skills/{skill_id}", "POST /v1/recommendations", f"POST {COHORTS}"])
def test_without_a_key_generated_requests_get_the_documented_401(api_schema, operation):
    method, path = operation.split()

    @given(case=api_schema[path][method].as_strategy())
    @settings(max_examples=10, **FUZZ_SETTINGS)
    def run(case):
        response = case.call()
        assert response.status_code == 401, response.text
        case.validate_response(response, checks=[checks.status_code_conformance, checks.response_schema_conformance])

    run()


# ---------------------------------------------------------------------------
# What the fuzzer found, kept as plain regression tests
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        # The documented steps query parameter was ignored, even out of range, for JSON bodies.
        ({"query_string": {"steps": 1001}, "json": {"profiles": []}}, 422),
        # steps 2.5 (or 1e-42) was read as a whole number of steps.
        ({"json": {"profiles": [], "steps": 2.5}}, 422),
        # A carriage return inside the CSV header row was a 500.
        ({"data": b"\rNh\x12\xc2\x8ab|", "content_type": "text/csv"}, 400),
        ({"data": b"id\r,python\n", "content_type": "text/csv"}, 400),
        # A skill name that is an object was a 500 in the free-text count; it is that member's error.
        ({"json": {"profiles": [{"id": "m-1", "skills": [{"name": {}, "level": "0"}]}]}}, 200),
    ],
)
def test_fuzzer_findings_stay_fixed(client, kwargs, code):
    response = client.post(COHORTS, **kwargs)
    assert response.status_code == code, response.get_data(as_text=True)
    body = response.get_json()
    if code == 200:
        assert [row["index"] for row in body["errors"]] == [0]  # that member's error, not the request's
    else:
        assert body["code"] == code
