"""Helpers for the HTTP API tests: the error shape and the documented response schemas."""

from __future__ import annotations

from http import HTTPStatus

from openapi_schema_validator import OAS30Validator

README_BEGINNER = {"skills": [], "hours_per_week": 8}
EXPERIENCED = {
    "skills": [
        {"name": "Python", "level": "advanced"},
        {"name": "prompt engineering", "level": 3},
        {"name": "RAG", "level": 2},
        {"name": "Docker", "level": "intermediate"},
    ],
    "target_role": "ai-engineer",
    "hours_per_week": 10,
}


def assert_error(response, code: int) -> dict:
    """``response`` is a JSON error in the one shape, with status ``code``; returns the body."""
    assert response.status_code == code, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"}
    assert body["code"] == code
    assert body["status"] == HTTPStatus(code).phrase
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["errors"], dict)
    for field, messages in body["errors"].items():
        assert isinstance(field, str)
        assert messages and all(isinstance(m, str) for m in messages)
    return body


def _resolve(spec: dict, node: dict) -> dict:
    while "$ref" in node:
        *_, section, name = node["$ref"].split("/")
        node = spec["components"][section][name]
    return node


def documented_schema(spec: dict, path: str, method: str, status: int) -> dict:
    """The JSON schema the OpenAPI document gives for that response (or its default)."""
    responses = spec["paths"][path][method.lower()]["responses"]
    response = _resolve(spec, responses.get(str(status)) or responses["default"])
    schema = response["content"]["application/json"]["schema"]
    # Keep the components next to the schema so its "#/components/..." refs resolve.
    return {**schema, "components": spec["components"]}


def assert_documented(spec: dict, path: str, method: str, response) -> None:
    """The response body validates against the schema documented for its status."""
    schema = documented_schema(spec, path, method, response.status_code)
    OAS30Validator(schema).validate(response.get_json())
