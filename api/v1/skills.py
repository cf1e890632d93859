"""``/v1/skills``: the catalog's skills, modules, level scale and tracks.

(Named ``skills_bp`` so it is never mistaken for the top-level ``skills`` package.)
"""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from api.v1.schemas import SkillListSchema, SkillSchema

blp = Blueprint("skills", __name__, url_prefix="/v1/skills", description="The skill catalog.")


def _catalog():
    return current_app.extensions["careerpath"].catalog


@blp.route("")
class Skills(MethodView):
    @blp.response(200, SkillListSchema)
    def get(self):
        """All skills and modules in learning order, the level scale and the tracks"""
        catalog = _catalog()
        return {
            "skills": catalog.skills,
            "modules": catalog.modules,
            "levels": catalog.levels,
            "tracks": catalog.tracks,
        }


@blp.route("/<skill_id>")
class SkillById(MethodView):
    @blp.response(200, SkillSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, skill_id: str):
        """One skill: module, prerequisites, hours per level step, aliases, resources"""
        catalog = _catalog()
        if not catalog.has_skill(skill_id):
            abort(404, message=f"No skill {skill_id!r}; GET /v1/skills lists them.")
        return catalog.skill(skill_id)
