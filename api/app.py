"""The Flask application factory."""

from __future__ import annotations

import logging

import flask
from flask.sessions import NullSession, SecureCookieSessionInterface

from api import docs, errors, health, recommendations, request_id, roles, skills_bp, web
from api.config import load_config
from api.errors import Api

# The JSON API, its document and health check are stateless: no cookie session there.
STATELESS_PREFIXES = ("/v1/", "/health", "/openapi.json", "/docs")


class StatelessSession(NullSession):
    """The session of a request to a stateless path: empty, and refusing writes."""

    def _fail(self, *args, **kwargs):
        raise RuntimeError("The JSON API is stateless: there is no session on /v1/, /health, /openapi.json or /docs.")

    __setitem__ = __delitem__ = clear = pop = popitem = update = setdefault = _fail
    del _fail


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, opened only where it is used: the form (its CSRF token).

    Opening it reads the cookie and builds an itsdangerous serializer on every request,
    ~15 µs that a JSON API call has no use for, and an API call never sets a cookie.
    """

    null_session_class = StatelessSession

    def open_session(self, app, request):
        if request.path.startswith(STATELESS_PREFIXES):
            return None  # Flask then uses a StatelessSession, and saves nothing
        return super().open_session(app, request)


def create_app(test_config: dict | None = None) -> flask.Flask:
    """Build the app: config, the engine (loaded once, here), error handling, blueprints.

    ``test_config`` overrides everything else; its ``ENGINE`` key, if given, is used
    instead of loading one (tests share a single engine that way).
    """
    app = flask.Flask(__name__)
    app.session_interface = SessionInterface()
    load_config(app.config, test_config)
    app.logger.setLevel(logging.getLevelName(app.config["LOG_LEVEL"]))
    app.json.sort_keys = False  # keep the engine's field order; sorting costs time, too

    engine = app.config.pop("ENGINE", None)
    if engine is None:
        from recommender.engine import Engine

        engine = Engine.load(app.config["CATALOG"], app.config["MODEL"])
    app.extensions["careerpath"] = engine

    request_id.init_app(app)
    errors.init_app(app)
    api = Api(app)
    from api import hardening  # keys, rate limits, CORS, input limits; before any blueprint

    hardening.init_app(app, api)
    for blueprint in (health.blp, skills_bp.blp, roles.blp, recommendations.blp):
        api.register_blueprint(blueprint)
    app.register_blueprint(docs.blp)

    # -- blueprints of the other parts of careerpath --------------------------------
    # Register here: api.register_blueprint(...) for flask-smorest blueprints (they
    # appear in /openapi.json), app.register_blueprint(...) for plain Flask ones.
    # e.g. the self-assessment form (api/web.py) and cohort scoring (api/cohorts.py).
    app.register_blueprint(web.bp)  # the self-assessment form at /, not in the OpenAPI document
    from api import cohorts  # here, not at the top, so edits to the line above never collide

    api.register_blueprint(cohorts.blp)  # POST /v1/cohorts/recommendations

    return app
