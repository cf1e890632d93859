"""Configuration: defaults, then ``CAREERPATH_*`` environment variables, then the test config."""

from __future__ import annotations

import logging
from importlib import metadata

from flask import Config

ENV_PREFIX = "CAREERPATH"
MIB = 1024 * 1024


class ConfigError(ValueError):
    """A setting the service cannot start with; ``str()`` names the variable."""


def package_version() -> str:
    try:
        return metadata.version("careerpath")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


DEFAULTS = {
    "CATALOG": None,  # catalog directory; None: the shipped Gen AI catalog
    "MODEL": None,  # ranking model file; None: the shipped model
    "MAX_CONTENT_LENGTH": MIB,  # request bodies above this get 413
    "LOG_LEVEL": "INFO",
    # flask-smorest: the OpenAPI document and the interactive docs.
    "API_TITLE": "careerpath",
    "API_VERSION": package_version(),
    # Swagger UI (served from the swagger-ui-bundle package) renders OpenAPI 3.0.
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "/docs",
    "OPENAPI_SWAGGER_UI_URL": "/docs/assets/",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": (
                "Role fit and a prerequisite-aware learning plan for careers in generative AI. "
                "Every error has the body {code, status, message, errors}, with errors keyed "
                "by field path such as skills.3.level."
            )
        }
    },
}


def load_config(config: Config, test_config: dict | None = None) -> None:
    """Fill ``config`` from defaults, environment and ``test_config``, then check it."""
    config.from_mapping(DEFAULTS)
    # Values are JSON-parsed where they parse ("2048" -> 2048, "null" -> None) and
    # kept as strings otherwise, so paths and level names arrive as text.
    config.from_prefixed_env(ENV_PREFIX)
    if test_config:
        config.from_mapping(test_config)
    for key in ("CATALOG", "MODEL"):
        config[key] = _path(config[key])
    config["MAX_CONTENT_LENGTH"] = _byte_limit(config["MAX_CONTENT_LENGTH"])
    config["LOG_LEVEL"] = _log_level(config["LOG_LEVEL"])


def _path(value) -> str | None:
    # A directory named "2024" JSON-parses to an int; "" means "not set".
    return None if value is None or value == "" else str(value)


def _byte_limit(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{ENV_PREFIX}_MAX_CONTENT_LENGTH must be a positive number of bytes, not {value!r}")
    return value


def _log_level(value) -> str:
    name = str(value).strip().upper()
    if name not in logging.getLevelNamesMapping() or name == "NOTSET":
        raise ConfigError(f"{ENV_PREFIX}_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {value!r}")
    return name
