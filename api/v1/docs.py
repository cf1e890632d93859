"""Swagger UI's assets, served by the app itself so ``/docs`` works offline (no CDN).

The files come from the ``swagger-ui-bundle`` package, a pinned dependency, rather
than being vendored into this repository.
"""

from __future__ import annotations

from flask import Blueprint, send_from_directory
from flask_smorest import abort
from swagger_ui_bundle import swagger_ui_path

ASSETS_URL = "/docs/assets/"  # the OPENAPI_SWAGGER_UI_URL default points here
# What flask-smorest's swagger_ui.html loads; nothing else in the bundle is served.
ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"})

blp = Blueprint("docs_assets", __name__, url_prefix=ASSETS_URL.rstrip("/"))


@blp.get("/<name>")
def asset(name: str):
    if name not in ASSETS:
        abort(404, message=f"No documentation asset {name!r}.")
    return send_from_directory(str(swagger_ui_path), name, max_age=24 * 3600)
