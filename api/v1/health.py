"""``GET /health``: is the service up, and with which catalog and model."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from api.v1.schemas import HealthSchema

blp = Blueprint("health", __name__, url_prefix="/health", description="Liveness and versions.")


@blp.route("")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    def get(self):
        """Service status with the catalog and model versions"""
        engine = current_app.extensions["careerpath"]
        return {
            "status": "ok",
            "catalog": {"name": engine.catalog.name, "version": engine.catalog.version},
            "model": {"version": engine.model.version},
        }
