"""What several ``careerpath`` commands share: the catalog and model options, and opening them."""

from __future__ import annotations

import click
from click.core import ParameterSource

from skills import CatalogError, load_catalog


class EnvOption(click.Option):
    """An option that may come from a ``CAREERPATH_*`` variable: a bad value from the
    environment is reported under the variable's name, where the user set it."""

    def get_error_hint(self, ctx) -> str:
        hint = super().get_error_hint(ctx)
        if self.envvar and ctx.get_parameter_source(self.name) is ParameterSource.ENVIRONMENT:
            return f"{hint} (from {self.envvar})"
        return hint


CATALOG_OPTION = click.option(
    "--catalog",
    "catalog_dir",
    cls=EnvOption,
    type=click.Path(file_okay=False, exists=True),
    envvar="CAREERPATH_CATALOG",
    help="Catalog directory (default: env CAREERPATH_CATALOG, else the shipped catalog).",
)

MODEL_OPTION = click.option(
    "--model",
    "model_path",
    cls=EnvOption,
    type=click.Path(dir_okay=False, exists=True),
    envvar="CAREERPATH_MODEL",
    help="Ranking model file from 'careerpath fit' (default: the shipped model; env CAREERPATH_MODEL).",
)

RANKING_OPTION = click.option(
    "--ranking",
    cls=EnvOption,
    type=click.Choice(["auto", "model", "catalog-order"]),
    default="auto",
    show_default=True,
    envvar="CAREERPATH_RANKING",
    help="auto: the model unless it orders the catalog's plans worse than catalog order (then a warning and "
    "catalog order), as the service does; model or catalog-order: that one (env CAREERPATH_RANKING).",
)


def open_catalog(catalog_dir):
    """Load the catalog or stop with its error, never a traceback."""
    try:
        return load_catalog(catalog_dir)
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from None
