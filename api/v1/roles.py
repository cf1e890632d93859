"""``/v1/roles``: the roles and, per skill, their target level, weight and tier."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from api.v1.schemas import RoleListSchema, RoleSchema

blp = Blueprint("roles", __name__, url_prefix="/v1/roles", description="The roles a plan can target.")


def _catalog():
    return current_app.extensions["careerpath"].catalog


@blp.route("")
class Roles(MethodView):
    @blp.response(200, RoleListSchema)
    def get(self):
        """All roles with their skill targets"""
        return {"roles": _catalog().roles}


@blp.route("/<role_id>")
class RoleById(MethodView):
    @blp.response(200, RoleSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, role_id: str):
        """One role: per skill its target level, weight and tier"""
        catalog = _catalog()
        if not catalog.has_role(role_id):
            abort(404, message=f"No role {role_id!r}; choose one of {', '.join(catalog.role_ids)}.")
        return catalog.role(role_id)
