"""The Flask application factory."""

from __future__ import annotations

import logging

import flask

from api import errors
from api.errors import Api
from api.security import hardening, request_id
from api.settings import load_config
from api.v1 import catalog_docs, cohorts, docs, health, recommendations, request_check, roles, skills
from api.v1.schemas import RecommendationRequestSchema
from api.web import views as web
from recommender.evaluation.ranking import load_ranked_engine


def create_app(test_config: dict | None = None) -> flask.Flask:
    """Build the app: config, the engine (loaded once, here), error handling, blueprints.

    ``test_config`` overrides everything else; its ``ENGINE`` key, if given, is used
    instead of loading one (tests share a single engine that way).
    """
    app = flask.Flask(__name__, static_folder=None)  # the form serves its own assets, with its headers
    load_config(app.config, test_config)
    app.logger.setLevel(logging.getLevelName(app.config["LOG_LEVEL"]))
    app.json.sort_keys = False  # keep the engine's field order; sorting costs time, too

    engine = app.config.pop("ENGINE", None)
    if engine is None:
        # A model that orders this catalog's plans worse than catalog order is not used (CAREERPATH_RANKING).
        engine, warning = load_ranked_engine(app.config["CATALOG"], app.config["MODEL"], app.config["RANKING"])
        if warning:
            app.logger.warning(warning)
    app.extensions["careerpath"] = engine

    request_id.init_app(app)
    errors.init_app(app)
    app.config.update(catalog_docs.openapi_settings(engine.catalog))  # the document's title: the catalog's
    api = Api(app)
    hardening.init_app(app, api)  # keys, rate limits, CORS, input limits: before any blueprint
    catalog_docs.init_api(api, engine.catalog)  # the document's domain words: the catalog's; before any blueprint
    # flask-smorest blueprints appear in /openapi.json; plain Flask ones do not.
    for blueprint in (health.blp, skills.blp, roles.blp, recommendations.blp, cohorts.blp):
        api.register_blueprint(blueprint)
    request_check.init_app(app, api, (RecommendationRequestSchema,))  # from the whole document: after the blueprints
    app.register_blueprint(docs.blp)  # Swagger UI's assets
    app.register_blueprint(web.bp)  # the self-assessment form at /

    return app
