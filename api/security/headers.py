"""Hardening headers: what a browser may load, frame, sniff, cache or send on.

The form's blueprint adds :data:`PAGE_HEADERS` to each of its responses (the pages
carry a CSRF token and someone's answers). :func:`init_app` adds, to every other
response, ``X-Content-Type-Options: nosniff``; to JSON ones ``Cache-Control: no-store``
(an answer describes a person or a cohort: no shared cache keeps it); and to the
Swagger UI page at ``/docs`` a CSP of its own that allows its one inline script by hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

from flask import request

CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

DOCS_PATH = "/docs"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def docs_csp(page: bytes) -> str:
    """The /docs page's CSP: its own assets, and its inline scripts by their SHA-256."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(page)
    )
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'self' {hashes}".strip(),
            "style-src 'self' 'unsafe-inline'",  # Swagger UI styles elements as it renders them
            "img-src 'self' data:",
            "connect-src 'self'",
            "form-action 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        )
    )


def _api_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "application/json":
        response.headers.setdefault("Cache-Control", "no-store")
    if request.path == DOCS_PATH and response.mimetype == "text/html" and not response.is_streamed:
        response.headers.setdefault("Content-Security-Policy", docs_csp(response.get_data()))
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def init_app(app) -> None:
    app.after_request(_api_headers)
