"""Reference plans and the model for the commands that fit or evaluate the ranking model."""

from __future__ import annotations

import click

from recommender.evaluation.ranking import catalog_plans
from recommender.modelio import ModelError, RankingModel, load_model
from recommender.reference import ReferenceError, ReferenceSet
from skills import Catalog


def open_plans(catalog: Catalog, catalog_dir, data_path) -> ReferenceSet:
    """The checked reference plans the catalog is judged on (see ``catalog_plans``), or a one-line error."""
    try:
        return catalog_plans(catalog, catalog_dir, data_path)
    except ReferenceError as exc:
        raise click.ClickException(str(exc)) from None


def open_model(model_path) -> RankingModel:
    """The ranking model (the shipped one when ``model_path`` is None), or a one-line error."""
    try:
        return load_model(model_path)
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None
