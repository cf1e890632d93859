"""Request bodies checked against the published OpenAPI document by compiled code, before marshmallow.

Loading ``POST /v1/recommendations``' body with its marshmallow schema took 40-100 µs a
request (a tenth of the whole request in a worker); jsonschema-rs checks the same body
against the JSON Schema the OpenAPI document gives for it in 1-2 µs. The document is
generated from the marshmallow schema, so the rule is still stated once, there.

A body the document accepts is passed on as it came: the document states at least what
the schema checks (fields, JSON types, lengths; no unknown fields), so such a body is
one the schema loads unchanged (tests/test_schemas.py checks this on random bodies).
Every other body, and so every error message, goes through marshmallow as before,
including what the document is stricter about than the schema (a level out of the
catalog's range, numeric text such as ``"8"`` hours), which the engine or the schema
then answers in their own words.

OpenAPI 3.0 schemas are JSON Schema draft 4 with a few changes; the only one a request
schema here uses, ``nullable``, is written out as a ``null`` type for the check.
"""

from __future__ import annotations

import jsonschema_rs
from apispec.ext.marshmallow import resolver
from flask import current_app, request
from marshmallow import Schema
from webargs import core
from webargs.flaskparser import FlaskParser

EXTENSION = "careerpath.request_checks"


class CheckedParser(FlaskParser):
    """webargs' parser that passes a JSON body the document accepts without loading it through marshmallow."""

    def parse(self, argmap, req=None, *, location=None, **kwargs):
        checks = current_app.extensions.get(EXTENSION, {})
        check = checks.get(type(argmap)) if location == "json" and isinstance(argmap, Schema) else None
        if check is not None:
            body = self.load_json(req or request, argmap)
            if body is not core.missing and check.is_valid(body):
                return body
        return super().parse(argmap, req, location=location, **kwargs)


def json_schema(document: dict, name: str) -> dict:
    """Component ``name`` of an OpenAPI 3.0 ``document`` as a draft 4 JSON Schema (its ``$ref``\\ s resolve)."""
    return {"$ref": f"#/components/schemas/{name}", "components": _nullable_as_type(document["components"])}


def _nullable_as_type(node):
    if isinstance(node, list):
        return [_nullable_as_type(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _nullable_as_type(value) for key, value in node.items()}  # draft 4 ignores "nullable" itself
    if node.get("nullable") is True and "type" in node:
        out["type"] = [node["type"], "null"]
        if "enum" in node:
            out["enum"] = [*node["enum"], None]
    return out


def init_app(app, api, schemas: tuple[type[Schema], ...]) -> None:
    """Compile the document's JSON Schema of each of ``schemas`` (request bodies) for :class:`CheckedParser`.

    Call once every blueprint is registered: the document is complete then.
    """
    document = api.spec.to_dict()
    app.extensions[EXTENSION] = {
        schema: jsonschema_rs.Draft4Validator(json_schema(document, resolver(schema))) for schema in schemas
    }
