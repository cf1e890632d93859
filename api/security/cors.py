"""CORS for browser-based portals: an allowlist of origins, for ``/v1/*`` only.

``CORS_ORIGINS`` (``CAREERPATH_CORS_ORIGINS``) is a comma-separated list such as
``https://portal.example.com,https://staging.example.com`` (or a JSON list). Empty,
the default, allows no origin: browsers then refuse cross-origin calls, which is
right for portals that call from their servers. ``*`` allows every origin; that is
safe only because keys travel in headers the page must set itself, never in cookies.
"""

from __future__ import annotations

import re

from flask_cors import CORS

from api.security.request_id import HEADER as REQUEST_ID_HEADER
from api.settings import ConfigError

_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?|https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


def parse_origins(value) -> list[str]:
    """The configured origins as a list; raises :class:`ConfigError` for one that is not
    ``scheme://host[:port]`` (a path or a trailing slash never matches a browser's Origin)."""
    if value in (None, ""):
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    origins = [str(item).strip() for item in items if str(item).strip()]
    for origin in origins:
        if origin != "*" and not _ORIGIN.fullmatch(origin):
            raise ConfigError(
                f"CAREERPATH_CORS_ORIGINS: {origin!r} is not an origin; use scheme://host[:port], "
                "e.g. https://portal.example.com, comma-separated"
            )
    return origins


def init_app(app) -> None:
    origins = parse_origins(app.config.setdefault("CORS_ORIGINS", ""))
    app.config["CORS_ORIGINS"] = origins
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
