"""Reference plans for the commands that fit or evaluate the ranking model."""

from __future__ import annotations

import click

from api.cli.common import open_catalog
from recommender.arrays import CatalogArrays
from recommender.profiles import ProfileParser
from recommender.reference import ReferenceError, load_reference


def open_reference(catalog_dir, data_path):
    """The catalog's arrays and the checked reference plans, or a one-line error."""
    catalog = open_catalog(catalog_dir)
    try:
        refs = load_reference(ProfileParser(catalog), data_path)
    except ReferenceError as exc:
        raise click.ClickException(str(exc)) from None
    return CatalogArrays.from_catalog(catalog), refs
