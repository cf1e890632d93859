"""CORS for browser-based portals: an allowlist of origins, for ``/v1/*`` only.

``CORS_ORIGINS`` (``CAREERPATH_CORS_ORIGINS``) is a comma-separated list such as
``https://portal.example.com,https://staging.example.com`` (or a JSON list). Empty,
the default, allows no origin: browsers then refuse cross-origin calls, which is
right for portals that call from their servers. ``*`` allows every origin; that is
safe only because keys travel in headers the page must set itself, never in cookies.
"""

from __future__ import annotations

from flask_cors import CORS

from api.security.request_id import HEADER as REQUEST_ID_HEADER


def init_app(app) -> None:
    origins = app.config["CORS_ORIGINS"]  # a list, checked by api.settings
    if not origins:
        return  # no Access-Control-* headers at all: the browser's same-origin policy holds
    CORS(
        app,
        resources={r"/v1/*": {"origins": origins}},
        methods=["GET", "POST"],
        allow_headers=["Authorization", "X-API-Key", "Content-Type", REQUEST_ID_HEADER],
        # Without these a portal's script could not read the request id or how long to back off.
        expose_headers=[REQUEST_ID_HEADER, "Retry-After", "WWW-Authenticate"],
        supports_credentials=False,  # keys are headers, never cookies
        max_age=600,
    )
