"""``careerpath evaluate``: how well the ranking model orders reference plans."""

from __future__ import annotations

import json

import click

from api.cli.common import CATALOG_OPTION, MODEL_OPTION
from api.cli.engine import open_engine
from api.cli.reference import open_reference
from recommender.evaluation.matching import evaluate_matching, format_report
from recommender.evaluation.personas import PersonaError, evaluate_personas, load_personas, report_lines
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
@click.option("--personas", is_flag=True, help="Judge the persona benchmark's plans instead (docs/evaluation.md).")
@click.option("--matching", is_flag=True, help="Precision and recall of name matching instead (docs/matching.md).")
@CATALOG_OPTION
@MODEL_OPTION
def evaluate_command(data_path, folds, as_json, personas, matching, catalog_dir, model_path):
    """Cross-validated NDCG@10 of the ranking model against the catalog-order baseline.

    With --personas: each persona's verdict and the pass rates of the persona benchmark.
    With --matching: precision and recall of name matching on the labelled set, dev and holdout.
    """
    if matching:
        report = evaluate_matching(catalog_dir)
        click.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report))
        return
    if personas:
        echo_personas(open_engine(catalog_dir, model_path), as_json)
        return
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


def echo_personas(engine, as_json):
    """Each persona's verdict and the pass rates (recommender.evaluation.personas)."""
    try:
        report = evaluate_personas(engine, load_personas(engine.catalog))
    except PersonaError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else "\n".join(report_lines(report)))
