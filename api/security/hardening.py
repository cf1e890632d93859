"""Production hardening, wired into the app in one place: keys, rate limits, CORS, input limits, proxies.

:func:`init_app` is called by :func:`api.app.create_app` right after the ``Api`` is
made and before any blueprint is registered, because order matters twice over:

* the OpenAPI plugin must be in place before the blueprints' paths are documented;
* ``before_request`` hooks run in registration order, and the rate limiter counts
  per API key name, so the key is looked up first; a request without a valid key is
  refused after the limiter has counted it against its address (key guessing is throttled);
* the URL map must stop merging slashes before any rule is added (``/v1//roles`` was a
  308 to an absolute URL built from the request's ``Host``);
* blueprints declare their own rate limits as they are registered
  (:func:`api.security.ratelimit.limit_blueprint`), which needs the limiter in place.
"""

from __future__ import annotations

from api.security import auth, cookies, cors, headers, input_limits, log_privacy, openapi, proxy, ratelimit


def init_app(app, api) -> None:
    # "/v1//roles" is a 404, not a redirect whose Location trusts the Host header.
    app.url_map.merge_slashes = False
    log_privacy.init_app(app)
    proxy.init_app(app)
    input_limits.init_app(app)
    auth.init_app(app)
    ratelimit.init_app(app)
    auth.refuse_init_app(app)
    cors.init_app(app)
    headers.init_app(app)
    cookies.init_app(app)
    openapi.init_api(
        api,
        keys_required=app.extensions[auth.EXTENSION] is not None,
        rate_limited=app.config["RATELIMIT_ENABLED"],
    )
