"""The OpenAPI document's account of keys and rate limits.

Two security schemes (the same key as a Bearer token or in ``X-API-Key``) and, on
every ``/v1/`` operation, which of them it takes and its 401 and 429 responses. With
no keys configured the requirement includes ``{}`` (anonymous), so the document
stays true of an open deployment.

An apispec plugin adds them as each path is registered, so the blueprints need not
repeat them operation by operation.
"""

from __future__ import annotations

from apispec import BasePlugin
from flask_smorest.utils import prepare_response

from api.security.auth import PROTECTED_PREFIX

BEARER, HEADER = "ApiKeyBearer", "ApiKeyHeader"
UNAUTHORIZED, RATE_LIMITED = "API_KEY_REQUIRED", "RATE_LIMITED"  # beside flask-smorest's NOT_FOUND etc.

SCHEMES = {
    BEARER: {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key from 'careerpath keys create', as 'Authorization: Bearer <key>'.",
    },
    HEADER: {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "The same API key in the X-API-Key header.",
    },
}


class SecurityPlugin(BasePlugin):
    """Adds security requirements and 401/429 responses to every ``/v1/`` operation."""

    def __init__(self, keys_required: bool, rate_limited: bool):
        self.security = [{BEARER: []}, {HEADER: []}] + ([] if keys_required else [{}])
        self.rate_limited = rate_limited

    def operation_helper(self, path=None, operations=None, **kwargs):
        if not path or not path.startswith(PROTECTED_PREFIX):
            return
        for method, operation in (operations or {}).items():
            if method in ("parameters", "summary", "description"):
                continue
            operation.setdefault("security", self.security)
            responses = operation.setdefault("responses", {})
            responses.setdefault("401", UNAUTHORIZED)
            if self.rate_limited:
                responses.setdefault("429", RATE_LIMITED)


def init_api(api, *, keys_required: bool, rate_limited: bool) -> None:
    """Register the schemes and responses on ``api.spec``; call before any blueprint is registered."""
    spec = api.spec
    for name, scheme in SCHEMES.items():
        spec.components.security_scheme(name, scheme)
    error = {"schema": api.ERROR_SCHEMA}
    unauthorized = {
        "description": "No API key, or one that is not valid (only when the server has keys configured).",
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}, "description": 'Bearer realm="careerpath"'}},
        **error,
    }
    rate_limited = {
        "description": "Too many requests for this key (or address); wait for Retry-After seconds.",
        "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}, "description": "Seconds to wait."}},
        **error,
    }
    for name, response in ((UNAUTHORIZED, unauthorized), (RATE_LIMITED, rate_limited)):
        prepare_response(response, spec, api.DEFAULT_RESPONSE_CONTENT_TYPE)
        spec.components.response(name, response)
    plugin = SecurityPlugin(keys_required, rate_limited)
    plugin.init_spec(spec)
    spec.plugins.append(plugin)
