"""Every ``CAREERPATH_*`` setting of the service, declared once: name, default, check and meaning.

:func:`load_config` reads them at start-up, from the defaults, then the environment
(``CAREERPATH_<NAME>``), then the test config, and checks each one: a bad value
raises :class:`ConfigError` naming the variable, so the server never starts with it
(``careerpath serve`` prints the message and exits 1). Requests then read checked
values from ``app.config``.

Environment values are JSON-parsed where they parse (``"2048"`` -> 2048, ``"null"``
-> None, ``'["https://a.example"]'`` -> a list) and kept as text otherwise, as
Flask's ``from_prefixed_env`` does.

``careerpath serve``'s own variables (``CAREERPATH_HOST``, ``_PORT``, ``_WORKERS``)
are its command-line options' and are checked by them.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Callable, Mapping
from importlib import metadata
from typing import Any, NamedTuple

from flask import Config
from limits import parse_many
from limits.errors import ConfigurationError
from limits.storage import storage_from_string

from recommender.summary import DEFAULT_MIN_GROUP

ENV_PREFIX = "CAREERPATH"
MIB = 1024 * 1024
# The rate-limit strategies of the limits library that careerpath accepts.
RATELIMIT_STRATEGIES = ("sliding-window-counter", "fixed-window", "moving-window")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?|https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


class ConfigError(ValueError):
    """A setting the service cannot start with; ``str()`` names the variable."""


class Invalid(ValueError):
    """Raised by a check: what the value should be (the variable and the value are added)."""


# ---------------------------------------------------------------------------
# Checks: each takes the raw value and returns the value to use, or raises Invalid
# ---------------------------------------------------------------------------


def optional_path(value) -> str | None:
    # A directory named "2024" JSON-parses to an int; "" means "not set".
    return None if value is None or value == "" else str(value)


def optional_text(value) -> str | None:
    # An all-digit secret JSON-parses to a number: it is still the text that was set.
    return None if value is None or value == "" else str(value)


def whole_number(low: int, high: int | None = None) -> Callable[[Any], int]:
    expected = f"a whole number from {low} to {high}" if high is not None else f"a whole number of at least {low}"

    def check(value) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
            raise Invalid(f"must be {expected}")
        return value

    return check


def byte_count(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise Invalid("must be a positive number of bytes")
    return value


def seconds(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise Invalid("must be a number of seconds (0 or more)")
    return float(value)


def flag(value) -> bool:
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def optional_flag(value) -> bool | None:
    return None if value is None else flag(value)


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value) -> str:
        if value not in choices:
            raise Invalid(f"must be one of {', '.join(choices)}")
        return value

    return check


def log_level(value) -> str:
    name = str(value).strip().upper()
    if name not in LOG_LEVELS:
        raise Invalid(f"must be {', '.join(LOG_LEVELS[:-1])} or {LOG_LEVELS[-1]}")
    return name


def rate_limit(value) -> str:
    text = str(value)
    try:
        if parse_many(text):
            return text
    except ValueError:
        pass
    raise Invalid("must be a limit such as '600/minute' or '20/second;600/minute'")


def storage_uri(value) -> str:
    """An unknown scheme, or redis:// without the redis package, stops start-up rather
    than failing the first request. Nothing is connected yet."""
    uri = str(value)
    if not uri.startswith("memory://"):
        try:
            storage_from_string(uri)
        except ConfigurationError as exc:
            raise Invalid(f"cannot be used: {exc}") from None
    return uri


def networks(value) -> list:
    """Comma-separated (or a JSON list of) addresses or networks: 10.0.0.5, 10.0.0.0/8, ::1."""
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    found = []
    for item in (str(item).strip() for item in items):
        if item:
            try:
                found.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                raise Invalid(
                    f"must be addresses or networks such as 10.0.0.5 or 10.0.0.0/8; {item!r} is not one"
                ) from None
    return found


def options(value) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise Invalid("must be a JSON object")
    return dict(value)


def origins(value) -> list[str]:
    """A comma-separated list (or a JSON list) of ``scheme://host[:port]``, or ``*``: a path or a
    trailing slash never matches a browser's Origin header."""
    if value in (None, ""):
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    found = [str(item).strip() for item in items if str(item).strip()]
    for origin in found:
        if origin != "*" and not _ORIGIN.fullmatch(origin):
            raise Invalid(
                f"must be origins such as https://portal.example.com (scheme://host[:port]), comma-separated; "
                f"{origin!r} is not one"
            )
    return found


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------


class Setting(NamedTuple):
    """One setting: ``app.config[name]``, from the environment variable ``CAREERPATH_<name>``."""

    name: str
    default: Any
    check: Callable[[Any], Any]
    help: str

    @property
    def variable(self) -> str:
        return f"{ENV_PREFIX}_{self.name}"


SETTINGS = (
    Setting("CATALOG", None, optional_path, "Catalog directory; unset: the shipped Gen AI catalog."),
    Setting("MODEL", None, optional_path, "Ranking model file from 'careerpath fit'; unset: the shipped model."),
    Setting(
        "RANKING",
        "auto",
        one_of("auto", "model", "catalog-order"),
        "auto: the model unless it orders the catalog's reference plans worse than catalog order (then a "
        "start-up warning and catalog order); model or catalog-order: that one, unchecked.",
    ),
    Setting("MAX_CONTENT_LENGTH", MIB, byte_count, "Largest request body in bytes (413 above it)."),
    Setting("LOG_LEVEL", "INFO", log_level, "The app's log level."),
    Setting("SECRET_KEY", None, optional_text, "Signs the form's CSRF cookie; unset: a key per server start."),
    # Security (api/security/)
    Setting("API_KEYS_FILE", None, optional_path, "The API key file; set, every /v1/ request needs a key."),
    Setting("API_KEYS_RELOAD_SECONDS", 1.0, seconds, "How often the key file is checked for changes (0: always)."),
    Setting("TRUSTED_PROXIES", 0, whole_number(0, 10), "Proxies in front whose X-Forwarded-For is believed."),
    Setting(
        "TRUSTED_PROXY_ADDRESSES",
        "127.0.0.1,::1",
        networks,
        "Addresses or networks of those proxies: X-Forwarded-* from anyone else is ignored.",
    ),
    # Above a few hundred, Python's JSON parser itself would run out of recursion first.
    Setting("JSON_MAX_DEPTH", 32, whole_number(1, 500), "Deepest nesting of a JSON body (400 deeper)."),
    Setting("CORS_ORIGINS", "", origins, "Origins whose pages may call /v1/ from a browser ('*': any)."),
    Setting("RATE_LIMIT", "600/minute", rate_limit, "All /v1/ requests of one key (of one address when open)."),
    Setting("COHORT_RATE_LIMIT", "30/minute", rate_limit, "Cohort requests of one key, on top of RATE_LIMIT."),
    Setting("FORM_RATE_LIMIT", "60/minute", rate_limit, "Form requests that run the engine, of one address."),
    # The form only sends catalog ids; each other name costs ~2 ms of similarity matching.
    Setting(
        "FORM_MAX_FREE_TEXT_NAMES", 20, whole_number(0), "Most skill names per form request that are not catalog keys."
    ),
    Setting("RATELIMIT_ENABLED", True, flag, "Whether requests are counted at all."),
    Setting("RATELIMIT_STORAGE_URI", "memory://", storage_uri, "Where counts are kept; redis://host:6379 shares them."),
    Setting("RATELIMIT_STORAGE_OPTIONS", None, options, "Options of the storage (a JSON object)."),
    # A sliding window does not let a client send twice the limit around a window edge.
    Setting("RATELIMIT_STRATEGY", "sliding-window-counter", one_of(*RATELIMIT_STRATEGIES), "How requests are counted."),
    Setting(
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED",
        None,
        optional_flag,
        "Count in memory while the shared storage is unreachable; unset: on for a shared storage.",
    ),
    # Cohort scoring (POST /v1/cohorts/recommendations)
    Setting("COHORT_MAX_ROWS", 10_000, whole_number(1), "Most profiles in one cohort request (413 above)."),
    Setting("COHORT_MAX_CONTENT_LENGTH", 64 * MIB, byte_count, "Largest cohort body in bytes."),
    # A plan step is ~0.3 KB of JSON: 383 KB of rows at steps=1000 answered 136 MB and took 800 MB in a worker.
    Setting(
        "COHORT_MAX_ROW_STEPS",
        100_000,
        whole_number(1),
        "Most rows x steps in one cohort request (413 above; the defaults, 10,000 rows x 10 steps, fit).",
    ),
    Setting(
        "COHORT_MAX_FREE_TEXT_NAMES",
        2_000,
        whole_number(1),
        "Most different skill names per cohort that are not catalog ids, names or aliases.",
    ),
    # Protects members, so it is the server's to set, never the caller's.
    Setting(
        "COHORT_MIN_GROUP", DEFAULT_MIN_GROUP, whole_number(1), "Groups with fewer scored members show only a count."
    ),
)


def package_version() -> str:
    try:
        return metadata.version("careerpath")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


# flask-smorest's settings for the OpenAPI document and the interactive docs: fixed, not settings.
# Its title and description are the served catalog's (api.v1.catalog_docs).
OPENAPI = {
    "API_VERSION": package_version(),
    # Swagger UI (served from the swagger-ui-bundle package) renders OpenAPI 3.0.
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "/docs",
    "OPENAPI_SWAGGER_UI_URL": "/docs/assets/",
}


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings set in ``environ``, JSON-parsed where they parse."""
    values = {}
    for setting in SETTINGS:
        if setting.variable in environ:
            text = environ[setting.variable]
            try:
                values[setting.name] = json.loads(text)
            except json.JSONDecodeError:
                values[setting.name] = text
    return values


def load_config(config: Config, test_config: dict | None = None, environ: Mapping[str, str] = os.environ) -> None:
    """Fill ``config`` from defaults, ``environ`` and ``test_config``, and check every setting."""
    config.from_mapping(OPENAPI)
    config.from_mapping({setting.name: setting.default for setting in SETTINGS})
    config.from_mapping(from_environment(environ))
    if test_config:
        config.from_mapping(test_config)
    for setting in SETTINGS:
        try:
            config[setting.name] = setting.check(config[setting.name])
        except Invalid as exc:
            raise ConfigError(f"{setting.variable} {exc}, not {config[setting.name]!r}") from None


__all__ = ["ConfigError", "SETTINGS", "Setting", "load_config"]
