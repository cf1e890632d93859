"""Rate limits with flask-limiter: per API key on ``/v1/``, per address on the form's POST.

Settings (``CAREERPATH_`` environment variables or the app config), each a
flask-limiter limit string such as ``600/minute`` or ``20/second;600/minute``:

``RATE_LIMIT`` (``600/minute``)
    All ``/v1/`` requests of one key together (of one address when the API is open).
``COHORT_RATE_LIMIT`` (``30/minute``)
    ``POST /v1/cohorts/recommendations`` on its own, on top of ``RATE_LIMIT``: one
    cohort request can be thousands of profiles.
``FORM_RATE_LIMIT`` (``60/minute``)
    ``POST /`` (the self-assessment form) per client address.

flask-limiter's own settings pass through: ``RATELIMIT_STORAGE_URI`` (``memory://``,
counts per worker process; ``redis://host:6379`` shares them between workers and
servers), ``RATELIMIT_STRATEGY`` and ``RATELIMIT_ENABLED``.

A refused request gets 429 in the one error shape with ``Retry-After`` (seconds).
"""

from __future__ import annotations

import math
import time

from flask import current_app, request
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many
from limits.errors import ConfigurationError
from limits.storage import storage_from_string

from api.auth import PROTECTED_PREFIX, key_name
from api.config import ConfigError

EXTENSION = "careerpath.limiter"
STRATEGIES = ("sliding-window-counter", "fixed-window", "moving-window")

DEFAULTS = {
    "RATE_LIMIT": "600/minute",
    "COHORT_RATE_LIMIT": "30/minute",
    "FORM_RATE_LIMIT": "60/minute",
    "RATELIMIT_STORAGE_URI": "memory://",
    # A sliding window does not let a client send twice the limit around a window edge,
    # and costs two counters per key, in memory or in Redis.
    "RATELIMIT_STRATEGY": "sliding-window-counter",
}


def _setting(name: str):
    return lambda: current_app.config[name]


def _per_key() -> str:
    """Who a ``/v1/`` request is counted against: its key's name, else its address."""
    name = key_name()
    return f"key:{name}" if name else f"addr:{get_remote_address()}"


def _per_address() -> str:
    return f"addr:{get_remote_address()}"


def _message(what: str):
    def message() -> str:
        limiter: Limiter = current_app.extensions[EXTENSION]
        breached = limiter.current_limit
        limit = f" (limit: {breached.limit})" if breached else ""
        who = "this API key" if key_name() else "this address"
        return f"Too many {what} from {who}{limit}; retry after the seconds in Retry-After."

    return message


def _retry_after(response):
    """``Retry-After`` on 429s only (flask-limiter would put it on every response)."""
    if response.status_code == 429 and "Retry-After" not in response.headers:
        limiter: Limiter = current_app.extensions[EXTENSION]
        breached = limiter.current_limit
        seconds = math.ceil(breached.reset_at - time.time()) if breached else 1
        if breached:  # reset_at is a whole second, so the ceiling can overshoot the window by one
            seconds = min(seconds, breached.limit.get_expiry())
        response.headers["Retry-After"] = str(max(1, seconds))
    return response


def _check_config(config) -> None:
    for name in ("RATE_LIMIT", "COHORT_RATE_LIMIT", "FORM_RATE_LIMIT"):
        try:
            if not parse_many(str(config[name])):
                raise ValueError
        except ValueError:
            raise ConfigError(
                f"CAREERPATH_{name} must be a limit such as '600/minute' or '20/second;600/minute', "
                f"not {config[name]!r}"
            ) from None
    if config["RATELIMIT_STRATEGY"] not in STRATEGIES:
        raise ConfigError(
            f"CAREERPATH_RATELIMIT_STRATEGY must be one of {', '.join(STRATEGIES)}, not {config['RATELIMIT_STRATEGY']!r}"
        )
    uri = config["RATELIMIT_STORAGE_URI"]
    try:
        _probe_storage(str(uri))
    except ConfigurationError as exc:
        raise ConfigError(f"CAREERPATH_RATELIMIT_STORAGE_URI {uri!r}: {exc}") from None


def _probe_storage(uri: str) -> None:
    """Fail at start-up with a readable message (an unknown scheme, or redis:// without
    the redis package) rather than on the first request. Nothing is connected yet."""
    if uri.startswith("memory://"):
        return
    storage_from_string(uri)  # checks the scheme and that its client library is installed


def init_app(app) -> Limiter:
    """Rate-limit ``app``. Call after :func:`api.auth.init_app`: before_request hooks run in the order they
    were registered, and the key name must be known before requests are counted.
    """
    from api import cohorts, web  # their blueprints get their own limits

    for name, value in DEFAULTS.items():
        app.config.setdefault(name, value)
    _check_config(app.config)
    if not app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        # Redis down must not mean 500s: count in memory, per worker, until it is back.
        app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)

    limiter = Limiter(
        key_func=_per_key,
        application_limits=[
            ApplicationLimit(
                _setting("RATE_LIMIT"),
                scope="v1",
                exempt_when=lambda: not request.path.startswith(PROTECTED_PREFIX),
                error_message=_message("requests"),
            )
        ],
        key_prefix="careerpath",
    )
    # Preflights are the browser's, not the portal's: never count or refuse them.
    limiter.request_filter(lambda: request.method == "OPTIONS")
    limiter.limit(
        _setting("COHORT_RATE_LIMIT"),
        override_defaults=False,
        error_message=_message("cohort requests"),
    )(cohorts.blp)
    limiter.limit(
        _setting("FORM_RATE_LIMIT"),
        key_func=_per_address,
        methods=["POST"],
        error_message=_message("form submissions"),
    )(web.bp)
    limiter.init_app(app)
    app.extensions[EXTENSION] = limiter
    app.after_request(_retry_after)
    return limiter
