"""Production hardening, wired into the app in one place: keys, rate limits, CORS, input limits, proxies.

:func:`init_app` is called by :func:`api.app.create_app` right after the ``Api`` is
made and before any blueprint is registered, because order matters twice over:

* the OpenAPI plugin must be in place before the blueprints' paths are documented;
* ``before_request`` hooks run in registration order, and the rate limiter counts
  per API key name, so the key check must be registered first;
* blueprints declare their own rate limits as they are registered
  (:func:`api.security.ratelimit.limit_blueprint`), which needs the limiter in place.
"""

from __future__ import annotations

from api.security import auth, cors, input_limits, log_privacy, openapi, proxy, ratelimit


def init_app(app, api) -> None:
    log_privacy.init_app(app)
    proxy.init_app(app)
    input_limits.init_app(app)
    auth.init_app(app)
    ratelimit.init_app(app)
    cors.init_app(app)
    openapi.init_api(
        api,
        keys_required=app.extensions[auth.EXTENSION] is not None,
        rate_limited=app.config["RATELIMIT_ENABLED"],
    )
