"""``careerpath validate``: a catalog directory checked, with its reference plans if it has them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from recommender.evaluation.ranking import PLANS_FILE
from recommender.profiles import ProfileParser
from recommender.reference import ReferenceError, load_reference
from skills import CatalogError, load_catalog


@click.command("validate")
@click.argument("directory", type=click.Path(file_okay=False))
def validate_command(directory):
    """Check a catalog DIRECTORY; if it is broken, list every problem (file, line, fix) and exit 1.

    The directory's reference plans (reference_plans.jsonl), if it has them, are checked against it too:
    the service reads them at start-up to judge the ranking model.
    """
    try:
        catalog = load_catalog(directory)
    except CatalogError as exc:
        click.echo(f"invalid catalog: {exc}", err=True)
        sys.exit(1)
    click.echo(
        f"ok: catalog {catalog.name} {catalog.version}: {len(catalog.modules)} modules, "
        f"{len(catalog.skills)} skills, {len(catalog.roles)} roles"
    )
    plans = Path(directory) / PLANS_FILE
    if plans.is_file():
        try:
            refs = load_reference(ProfileParser(catalog), plans)
        except ReferenceError as exc:
            click.echo(f"invalid reference plans: {exc}", err=True)
            sys.exit(1)
        click.echo(f"ok: {len(refs)} reference plan{'s' if len(refs) != 1 else ''} in {PLANS_FILE}")
