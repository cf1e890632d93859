"""``careerpath evaluate``: how well the ranking model orders reference plans."""

from __future__ import annotations

import json

import click

from api.cli.common import CATALOG_OPTION
from api.cli.reference import open_reference
from recommender.reference import evaluate


@click.command("evaluate")
@click.option(
    "--data",
    "data_path",
    type=click.Path(dir_okay=False, exists=True),
    help="Reference plans (JSON Lines; default: the shipped set).",
)
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@CATALOG_OPTION
def evaluate_command(data_path, folds, as_json, catalog_dir):
    """Cross-validated NDCG@10 of the ranking model against the catalog-order baseline."""
    arrays, refs = open_reference(catalog_dir, data_path)
    report = evaluate(arrays, refs, folds=folds)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{report['profiles']} reference plans, {report['folds']}-fold cross-validation\n")
    click.echo(f"{'ranker':<16}{'NDCG@' + str(report['k']):>10}{'± std':>9}{'prerequisite violations':>26}")
    for name, label in (("model", "fitted model"), ("baseline", "catalog order")):
        row = report[name]
        click.echo(f"{label:<16}{row['ndcg']:>10.3f}{row['std']:>9.3f}{row['violations']:>26}")
