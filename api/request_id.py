"""``X-Request-ID``: echo the caller's id or create one, on every response.

The id ties a client's report to the access log line and to any logged error.
"""

from __future__ import annotations

import os
import re

from flask import Response, g, request

HEADER = "X-Request-ID"
# Only ids that are safe to echo in a header and to write into a log line verbatim.
_VALID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}")


def current() -> str:
    """The id of the request being handled (created on first use)."""
    rid = g.get("request_id")
    if rid is None:
        incoming = request.headers.get(HEADER, "")
        rid = incoming if _VALID.fullmatch(incoming) else os.urandom(16).hex()
        g.request_id = rid
    return rid


def _echo(response: Response) -> Response:
    response.headers[HEADER] = current()
    return response


def init_app(app) -> None:
    # No before_request hook: current() creates the id lazily, at the latest here.
    app.after_request(_echo)
