"""Opening the engine for the commands that score (``recommend``, ``batch``)."""

from __future__ import annotations

import click

from recommender.engine import Engine
from recommender.modelio import ModelError, load_model
from skills import CatalogError, load_catalog


def open_engine(catalog_dir, model_path) -> Engine:
    """Build the engine or stop with a one-line error."""
    try:
        return Engine(load_catalog(catalog_dir), load_model(model_path))
    except (CatalogError, ModelError) as exc:
        raise click.ClickException(str(exc)) from None
