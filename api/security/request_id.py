"""``X-Request-ID``: echo the caller's id or create one, on every response.

The id ties a client's report to the access log line and to any logged error.
"""

from __future__ import annotations

import os
import re

from flask import request

HEADER = "X-Request-ID"
ENVIRON_KEY = "careerpath.request_id"
# Only ids that are safe to echo in a header and to write into a log line verbatim.
_VALID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}")


def current() -> str:
    """The id of the request being handled (made on first use: an error logged early needs one too)."""
    environ = request.environ
    rid = environ.get(ENVIRON_KEY)
    if rid is None:
        incoming = request.headers.get(HEADER)
        rid = environ[ENVIRON_KEY] = incoming if incoming and _VALID.fullmatch(incoming) else os.urandom(16).hex()
    return rid


def _echo(response):
    response.headers[HEADER] = current()
    return response


def init_app(app) -> None:
    # after_request hooks run for every response the app makes, error responses included.
    app.after_request(_echo)
