"""``careerpath fit``: fit the ranking model on reference plans."""

from __future__ import annotations

import click

from api.cli.common import CATALOG_OPTION
from api.cli.reference import open_reference
from recommender.features import FEATURES
from recommender.modelio import save_model
from recommender.reference import fit_model


@click.command("fit")
@click.argument("data_path", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write the fitted model (.skops).",
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
    """Fit the ranking model on reference plans in DATA_PATH and save it to --out."""
    arrays, refs = open_reference(catalog_dir, data_path)
    model = fit_model(arrays, refs, C=C)
    save_model(model, out_path)
    weights = ", ".join(f"{f} {w:+.2f}" for f, w in zip(FEATURES, model.ranker.coef_, strict=True))
    click.echo(f"model {model.version} fitted on {len(refs)} reference plans ({model.ranker.n_pairs_} pairs)")
    click.echo(f"weights: {weights}")
    click.echo(f"saved to {out_path}")
