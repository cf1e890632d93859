"""``X-Request-ID``: echo the caller's id or create one, on every response.

The id ties a client's report to the access log line and to any logged error.
"""

from __future__ import annotations

import os
import re

from flask import request

HEADER = "X-Request-ID"
_INCOMING = "HTTP_X_REQUEST_ID"  # where WSGI puts the header
ENVIRON_KEY = "careerpath.request_id"
# Only ids that are safe to echo in a header and to write into a log line verbatim.
_VALID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}")


def current() -> str:
    """The id of the request being handled (created on first use)."""
    environ = request.environ
    return environ.get(ENVIRON_KEY) or _create(environ)


def _create(environ) -> str:
    incoming = environ.get(_INCOMING)  # request.headers.get(HEADER), without the lookups
    rid = environ[ENVIRON_KEY] = incoming if incoming and _VALID.fullmatch(incoming) else os.urandom(16).hex()
    return rid


def init_app(app) -> None:
    # No before_request hook: current() creates the id lazily, at the latest when the
    # response starts. The header is added where the response starts, in WSGI: an
    # after_request hook setting it through werkzeug's Headers cost 5 µs a request.
    app.wsgi_app = _EchoMiddleware(app.wsgi_app)


class _EchoMiddleware:
    """Adds ``X-Request-ID`` to every response, errors included."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        def start_with_id(status, headers, exc_info=None):
            rid = environ.get(ENVIRON_KEY) or _create(environ)
            headers.append((HEADER, rid))
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start_with_id)
