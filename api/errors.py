"""One JSON error shape for every error the app answers.

``{"code": 422, "status": "Unprocessable Entity", "message": "...", "errors": {"skills.3.level": ["..."]}}``

flask-smorest routes every ``HTTPException`` (``abort``, routing, body limit, webargs
validation) to :meth:`Api.handle_http_exception`; any other exception goes to
:func:`handle_unexpected`, which logs it and reveals nothing. ``errors`` is always
present, keyed by dotted field path, and empty when no field is to blame.
"""

from __future__ import annotations

import json

import flask_smorest
from flask import current_app, request
from flask_smorest import abort
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from api.field_errors import flatten_errors
from api.security import request_id
from recommender.engine import MAX_HOURS_PER_WEEK

# Where webargs found the data; the top level of its ``messages``, not part of a field path.
_LOCATIONS = frozenset({"json", "query", "querystring", "form", "headers", "cookies", "files", "view_args", "path"})


class ErrorSchema(Schema):
    """The body of every error response."""

    code = fields.Integer(required=True, metadata={"example": 422})
    status = fields.String(required=True, metadata={"example": "Unprocessable Entity"})
    message = fields.String(required=True)
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={
            "description": "Messages by field path; empty when no field is to blame.",
            "example": {"hours_per_week": [f"0 is out of range; use 1-{MAX_HOURS_PER_WEEK} hours per week"]},
        },
    )


class Api(flask_smorest.Api):
    """flask-smorest's ``Api`` with careerpath's error shape."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):
        return error_response(error)


def error_response(error: HTTPException):
    data = getattr(error, "data", None) or {}
    exc = getattr(error, "exc", None)  # webargs keeps the JSON decoding error here
    if isinstance(exc, json.JSONDecodeError | UnicodeDecodeError):
        errors = {}  # the body did not parse: no field is to blame
    elif "errors" in data:
        errors = flatten_errors(data["errors"])
    elif "messages" in data:  # webargs: {"json": {"skills": {3: {"level": [...]}}}}
        errors = {}
        for location, messages in data["messages"].items():
            errors.update(flatten_errors(messages if location in _LOCATIONS else {location: messages}))
    else:
        errors = {}
    headers = dict(data.get("headers") or {})
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    message = data.get("message") or _default_message(error, exc)
    body = {"code": error.code, "status": error.name, "message": message, "errors": errors}
    return body, error.code, headers


def _default_message(error: HTTPException, exc) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"The request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
    if isinstance(exc, UnicodeDecodeError):
        return "The request body is not valid JSON: it is not UTF-8 text."
    if error.code == 422:
        return "The request has invalid fields; see errors."
    if error.code == 413:
        # This path's limit: the cohort endpoint's is not the app-wide one.
        return f"The request body is larger than the limit of {request.max_content_length} bytes."
    if error.code == 404:
        return f"No resource at {request.path}."
    if error.code == 405:
        return f"{request.method} is not allowed on {request.path}."
    if isinstance(error, InternalServerError):
        return _internal_message()
    return error.description or error.name


def _internal_message() -> str:
    return f"Internal error; it was logged with request id {request_id.current()}."


def handle_unexpected(exc: Exception):
    """Any exception that is not an HTTP error: log it with the request id, say nothing."""
    current_app.logger.error(
        "unhandled %s on %s %s request_id=%s",
        type(exc).__name__,
        request.method,
        request.path,
        request_id.current(),
        exc_info=exc,
    )
    error = InternalServerError()
    return {"code": 500, "status": error.name, "message": _internal_message(), "errors": {}}, 500


def require_json() -> None:
    """``before_request`` guard for blueprints whose POST bodies are JSON: 415 otherwise.

    Without it webargs would read a form-encoded body as "no JSON" and answer 422
    "skills: missing", which sends the client looking in the wrong place.
    """
    if request.method == "POST" and not request.is_json:
        abort(
            415,
            message=f"Send the body as JSON with 'Content-Type: application/json' (got {request.mimetype or 'none'!r}).",
        )


def init_app(app) -> None:
    app.register_error_handler(Exception, handle_unexpected)
