"""Opening the engine for the commands that score (``recommend``, ``batch``)."""

from __future__ import annotations

import click

from recommender.engine import Engine
from recommender.evaluation.ranking import load_ranked_engine
from recommender.modelio import ModelError
from recommender.reference import ReferenceError
from skills import CatalogError


def open_engine(catalog_dir, model_path, ranking: str = "auto") -> Engine:
    """Build the engine as the service does (catalog order where the model fits the catalog worse, with the
    warning on stderr), or stop with a one-line error."""
    try:
        engine, warning = load_ranked_engine(catalog_dir, model_path, ranking)
    except (CatalogError, ModelError) as exc:
        raise click.ClickException(str(exc)) from None
    except ReferenceError as exc:  # the catalog's own plans, read to check the model (CAREERPATH_RANKING=auto)
        raise click.ClickException(reference_problem(exc)) from None
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return engine


def reference_problem(exc: ReferenceError) -> str:
    """What is wrong with the catalog's reference plans, and the two ways on."""
    return (
        f"the catalog's reference plans: {exc}; fix that plan, or set CAREERPATH_RANKING to model or "
        "catalog-order to skip checking the model against them"
    )
