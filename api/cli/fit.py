"""``careerpath fit``: fit the ranking model on reference plans."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli.common import CATALOG_OPTION, open_catalog
from api.cli.reference import open_plans
from recommender.arrays import CatalogArrays
from recommender.evaluation.ranking import advice, check_ranking
from recommender.features import FEATURES
from recommender.modelio import save_model
from recommender.reference import fit_model

MODEL_FILE = "model.skops"  # what `fit --catalog DIR` writes in DIR, with model.json beside it


@click.command("fit")
@click.argument("data_path", required=False, type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    help=f"Where to write the fitted model (.skops; model.json is written beside it). Default with --catalog: "
    f"DIR/{MODEL_FILE}.",
)
@click.option(
    "-C",
    "C",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Inverse regularisation strength.",
)
@CATALOG_OPTION
def fit_command(data_path, out_path, C, catalog_dir):
    """Fit the ranking model on reference plans in DATA_PATH and save it to --out.

    Without DATA_PATH: the catalog's own reference_plans.jsonl, the shipped set for the
    shipped catalog, else plans generated from the catalog's prerequisite graph.
    """
    if out_path is None:
        if catalog_dir is None:
            raise click.UsageError(f"Missing option '--out' (or give --catalog DIR to write DIR/{MODEL_FILE}).")
        out_path = Path(catalog_dir) / MODEL_FILE
    if not Path(out_path).resolve().parent.is_dir():  # before fitting, which takes a while
        raise click.BadParameter(f"the directory {Path(out_path).parent} does not exist", param_hint="'--out'")
    catalog = open_catalog(catalog_dir)
    refs = open_plans(catalog, catalog_dir, data_path)
    arrays = CatalogArrays.from_catalog(catalog)
    model = fit_model(arrays, refs, C=C)
    try:
        runtime = save_model(model, out_path)
    except OSError as exc:
        raise click.ClickException(f"--out {out_path}: cannot write ({exc.strerror})") from None
    weights = ", ".join(f"{f} {w:+.2f}" for f, w in zip(FEATURES, model.ranker.coef_, strict=True))
    click.echo(f"model {model.version} fitted on {len(refs)} reference plans ({model.ranker.n_pairs_} pairs)")
    click.echo(f"plans: {refs.source}")
    click.echo(f"weights: {weights}")
    click.echo(f"on these plans (not cross-validated): {advice(check_ranking(arrays, refs, model.coef), model)}")
    click.echo(f"saved to {out_path} and {runtime}")
