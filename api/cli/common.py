"""What several ``careerpath`` commands share: the catalog and model options, and opening them."""

from __future__ import annotations

import click

from skills import CatalogError, load_catalog

CATALOG_OPTION = click.option(
    "--catalog",
    "catalog_dir",
    type=click.Path(file_okay=False, exists=True),
    envvar="CAREERPATH_CATALOG",
    help="Catalog directory (default: the shipped Gen AI catalog; env CAREERPATH_CATALOG).",
)

MODEL_OPTION = click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False, exists=True),
    envvar="CAREERPATH_MODEL",
    help="Ranking model file from 'careerpath fit' (default: the shipped model; env CAREERPATH_MODEL).",
)


def open_catalog(catalog_dir):
    """Load the catalog or stop with its error, never a traceback."""
    try:
        return load_catalog(catalog_dir)
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from None
