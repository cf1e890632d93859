"""Opening the engine for the commands that score (``recommend``, ``batch``)."""

from __future__ import annotations

import click

from recommender.engine import Engine
from recommender.evaluation.ranking import load_ranked_engine
from recommender.modelio import ModelError
from skills import CatalogError


def open_engine(catalog_dir, model_path, ranking: str = "auto") -> Engine:
    """Build the engine as the service does (catalog order where the model fits the catalog worse, with the
    warning on stderr), or stop with a one-line error."""
    try:
        engine, warning = load_ranked_engine(catalog_dir, model_path, ranking)
    except (CatalogError, ModelError) as exc:
        raise click.ClickException(str(exc)) from None
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return engine
