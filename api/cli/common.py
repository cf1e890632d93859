"""Command-line options that several ``careerpath`` commands share."""

import click

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
