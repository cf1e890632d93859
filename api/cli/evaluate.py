"""``careerpath evaluate``: how well the ranking model orders a catalog's reference plans."""

from __future__ import annotations

import json

import click

from api.cli.common import CATALOG_OPTION, MODEL_OPTION, RANKING_OPTION, open_catalog
from api.cli.engine import open_engine
from api.cli.reference import open_model, open_plans
from recommender.arrays import CatalogArrays
from recommender.evaluation import levels as level_set
from recommender.evaluation.matching import LabelError, evaluate_matching, format_report
from recommender.evaluation.personas import PERSONAS_PATH, PersonaError, evaluate_personas, load_personas, report_lines
from recommender.evaluation.ranking import BASELINE_VERSION, advice, check_ranking
from recommender.reference import evaluate
from skills import CatalogError
from skills.loader import resolve_catalog_dir


@click.command("evaluate")
@click.option(
    "--data",
    "data_path",
    type=click.Path(dir_okay=False, exists=True),
    help="Reference plans (JSON Lines; default: the catalog's reference_plans.jsonl, the shipped set for the "
    "shipped catalog, else plans generated from its prerequisite graph).",
)
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.option("--personas", is_flag=True, help="Judge the persona benchmark's plans instead (docs/evaluation.md).")
@click.option("--matching", is_flag=True, help="Precision and recall of name matching instead (docs/matching.md).")
@click.option(
    "--levels",
    "levels",
    is_flag=True,
    help="How much single entries credit, against the labelled levels set, instead (docs/evaluation.md).",
)
@click.option(
    "--failures",
    is_flag=True,
    help="With --matching or --levels: also list the dev names or entries read wrongly (never the holdout's, "
    "which is not tuned to).",
)
@CATALOG_OPTION
@MODEL_OPTION
@RANKING_OPTION
def evaluate_command(data_path, folds, as_json, personas, matching, levels, failures, catalog_dir, model_path, ranking):
    """Cross-validated NDCG@10 of the ranking model against the catalog-order baseline.

    On the catalog's reference plans (or plans generated from its prerequisite graph):
    the model as it is, a model fitted on these plans (cross-validated) and catalog
    order, and which ranking to use on this catalog.

    With --personas: each persona's verdict and the pass rates of the persona benchmark, with the
    ranking the service would use (--ranking).
    With --matching: precision and recall of name matching on the labelled set, dev and holdout.
    With --levels: how often one entry alone is read at the levels a mentor would credit, dev and holdout.
    """
    if levels:
        try:
            level_report = level_set.evaluate_levels(catalog_dir)
        except (CatalogError, level_set.LabelError) as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(
            json.dumps(level_report.as_dict(), indent=2) if as_json else level_set.format_report(level_report, failures)
        )
        return
    if matching:
        try:
            report = evaluate_matching(catalog_dir)
        except (CatalogError, LabelError) as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report, failures))
        return
    if personas:
        echo_personas(open_engine(catalog_dir, model_path, ranking), as_json, catalog_dir)
        return
    catalog = open_catalog(catalog_dir)
    model = open_model(model_path)
    refs = open_plans(catalog, catalog_dir, data_path)
    arrays = CatalogArrays.from_catalog(catalog)
    check = check_ranking(arrays, refs, model.coef)
    report = evaluate(arrays, refs, folds=folds)
    report.update(
        catalog=catalog.name,
        plans=refs.source,
        current={"version": model.version, "ndcg": check.model.ndcg, "violations": check.model.violations},
        use="model" if check.use_model else BASELINE_VERSION,
        advice=advice(check, model),
    )
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{report['profiles']} reference plans, {report['folds']}-fold cross-validation")
    click.echo(f"catalog {catalog.name}, plans {refs.source}\n")
    click.echo(f"{'ranker':<24}{'NDCG@' + str(report['k']):>10}{'± std':>9}{'prerequisite violations':>26}")
    current = report["current"]
    click.echo(f"{model.version + ' as is':<24}{current['ndcg']:>10.3f}{'-':>9}{current['violations']:>26}")
    for name, label in (("model", "fitted model"), ("baseline", "catalog order")):
        row = report[name]
        click.echo(f"{label:<24}{row['ndcg']:>10.3f}{row['std']:>9.3f}{row['violations']:>26}")
    click.echo(f"\n{report['advice']}")


def echo_personas(engine, as_json, catalog_dir=None):
    """Each persona's verdict and the pass rates (recommender.evaluation.personas), from the catalog's own personas."""
    try:
        report = evaluate_personas(
            engine, load_personas(engine.catalog, resolve_catalog_dir(catalog_dir) / PERSONAS_PATH)
        )
    except PersonaError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else "\n".join(report_lines(report)))
