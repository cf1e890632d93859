"""``careerpath serve``: the HTTP API under gunicorn (gevent workers; bodies read in full first)."""

from __future__ import annotations

import click

from api.app import create_app
from api.cli.common import CATALOG_OPTION, MODEL_OPTION, EnvOption
from api.cli.engine import reference_problem
from api.server import default_workers, serve_wsgi
from api.settings import ConfigError
from recommender.modelio import ModelError
from recommender.reference import ReferenceError
from skills import CatalogError


@click.command("serve")
@click.option(
    "--host", cls=EnvOption, default="127.0.0.1", show_default=True, envvar="CAREERPATH_HOST", help="Address to bind."
)
@click.option(
    "--port", cls=EnvOption, default=8000, show_default=True, type=click.IntRange(0, 65535), envvar="CAREERPATH_PORT"
)
@click.option(
    "--workers",
    cls=EnvOption,
    default=default_workers,
    show_default="one per CPU",
    type=click.IntRange(1, 256),
    envvar="CAREERPATH_WORKERS",
    help="gunicorn worker processes (gevent: each holds many connections).",
)
@CATALOG_OPTION
@MODEL_OPTION
def serve_command(host, port, workers, catalog_dir, model_path):
    """Serve the HTTP API (docs at /docs) until SIGTERM or Ctrl-C.

    Access is logged to stdout as JSON lines; other settings come from CAREERPATH_*
    environment variables (see docs/api.md and docs/security.md).
    """
    overrides = {key: value for key, value in (("CATALOG", catalog_dir), ("MODEL", model_path)) if value}
    try:
        app = create_app(overrides)
    except (ConfigError, CatalogError, ModelError) as exc:
        raise click.ClickException(str(exc)) from None
    except ReferenceError as exc:
        raise click.ClickException(reference_problem(exc)) from None
    # Bodies are read in full before the app runs; no path accepts more than the largest limit.
    max_body = max(app.config["MAX_CONTENT_LENGTH"], app.config["COHORT_MAX_CONTENT_LENGTH"])
    serve_wsgi(app, host=host, port=port, workers=workers, log_level=app.config["LOG_LEVEL"], max_body=max_body)
