"""Does the ranking model fit a catalog? The model against catalog order on that catalog's plans.

The shipped model was fitted on the Gen AI catalog's reference plans. Its features are
the graph's, the hours', the weights' and the levels' (never skill ids), so it can rank
any catalog, but not necessarily well. :func:`check_ranking` scores a model and the
catalog-order baseline on the catalog's own reference plans, or, where it has none, on
plans generated from its prerequisite graph (:func:`recommender.reference.generated_plans`);
:func:`choose_model` is the decision the service takes at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import numpy as np

from recommender.arrays import CatalogArrays
from recommender.engine import Engine
from recommender.modelio import RankingModel
from recommender.profiles import ProfileParser
from recommender.reference import (
    ReferenceSet,
    catalog_order_weights,
    count_violations,
    default_reference_path,
    generated_plans,
    load_reference,
    ndcg,
    produced_orders,
)
from skills import Catalog, default_catalog_dir

PLANS_FILE = "reference_plans.jsonl"  # a catalog's own reference plans, in its directory
RANKINGS = ("auto", "model", "catalog-order")  # the service's choice (setting CAREERPATH_RANKING)
BASELINE_VERSION = "catalog-order"


class Score(NamedTuple):
    ndcg: float  # mean NDCG@10 against the plans' orderings
    violations: int  # steps placed before an in-plan prerequisite


class RankingCheck(NamedTuple):
    plans: int
    source: str  # where the plans come from: a file, or "generated from the prerequisite graph"
    model: Score
    baseline: Score

    @property
    def use_model(self) -> bool:
        """Whether the model ranks these plans at least as well as catalog order does."""
        return self.model.ndcg >= self.baseline.ndcg


class Choice(NamedTuple):
    model: RankingModel  # what the engine ranks with: the model, or catalog order
    check: RankingCheck | None  # None when the setting forced a choice without checking
    warning: str | None  # for the service's log, when catalog order replaces the model


def catalog_plans(
    catalog: Catalog, catalog_dir=None, data_path=None, parser: ProfileParser | None = None, arrays=None
) -> ReferenceSet:
    """The plans a catalog is judged on: ``data_path``, else ``reference_plans.jsonl`` in its
    directory, else the shipped plans for the shipped catalog, else plans generated from its graph.

    ``parser`` and ``arrays``, when the caller has them (an engine does), are not built again.
    """
    own = Path(catalog_dir) / PLANS_FILE if catalog_dir else None
    path = data_path or (own if own is not None and own.is_file() else None)
    if path is None and (catalog_dir is None or _same_dir(catalog_dir, default_catalog_dir())):
        path = default_reference_path()
    if path is None:
        return generated_plans(arrays or CatalogArrays.from_catalog(catalog))
    return load_reference(parser or ProfileParser(catalog), path)


def _same_dir(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def check_ranking(arrays: CatalogArrays, refs: ReferenceSet, coef: np.ndarray) -> RankingCheck:
    """NDCG@10 and prerequisite violations of a model's weights ``coef`` and of catalog order, on ``refs``."""
    rows = np.arange(len(refs))

    def score(weights) -> Score:
        orders, in_plan = produced_orders(arrays, refs.levels, refs.roles, weights)
        return Score(ndcg(refs, rows, orders), count_violations(arrays, orders, in_plan, refs.blocked))

    return RankingCheck(len(refs), refs.source, score(coef), score(catalog_order_weights()))


def baseline_model() -> RankingModel:
    """Catalog order as a model: prerequisites first, then the catalog's learning order."""
    return RankingModel(coef=catalog_order_weights(), version=BASELINE_VERSION, trained_on=0)


def choose_model(
    catalog: Catalog,
    model: RankingModel,
    ranking: str = "auto",
    catalog_dir=None,
    arrays: CatalogArrays | None = None,
    parser: ProfileParser | None = None,
) -> Choice:
    """The ranking the service uses: ``model`` unless it ranks the catalog's plans worse than catalog order.

    ``ranking`` (the setting ``CAREERPATH_RANKING``): ``auto`` checks; ``model`` and
    ``catalog-order`` force one without checking. ``arrays`` and ``parser``: the engine's, if built.
    """
    if ranking not in RANKINGS:
        raise ValueError(f"ranking must be one of {', '.join(RANKINGS)}, not {ranking!r}")
    if ranking == "model":
        return Choice(model, None, None)
    if ranking == "catalog-order":
        return Choice(baseline_model(), None, None)
    arrays = arrays or CatalogArrays.from_catalog(catalog)
    check = check_ranking(arrays, catalog_plans(catalog, catalog_dir, parser=parser, arrays=arrays), model.coef)
    if check.use_model:
        return Choice(model, check, None)
    warning = (
        f"ranking model {model.version} orders catalog {catalog.name}'s {check.plans} plans "
        f"({check.source}) worse than catalog order (NDCG@10 {check.model.ndcg:.3f} against "
        f"{check.baseline.ndcg:.3f}): plans follow catalog order. Fit a model for this catalog with "
        "`careerpath fit --catalog DIR`, or set CAREERPATH_RANKING=model to keep this one."
    )
    return Choice(baseline_model(), check, warning)


class RankedEngine(NamedTuple):
    engine: Engine  # ranks with the model, or with catalog order when the model fits the catalog worse
    warning: str | None  # for the log or stderr, when catalog order replaced the model


def load_ranked_engine(catalog_dir=None, model_path=None, ranking: str = "auto") -> RankedEngine:
    """The engine every scoring entry point uses (service, ``recommend``, ``batch``): the catalog and the
    model, with the model replaced by catalog order when :func:`choose_model` says so."""
    engine = Engine.load(catalog_dir, model_path)
    choice = choose_model(engine.catalog, engine.model, ranking, catalog_dir, engine.arrays, engine.parser)
    if choice.model is engine.model:
        return RankedEngine(engine, None)
    return RankedEngine(Engine(engine.catalog, choice.model), choice.warning)


def advice(check: RankingCheck, model: RankingModel) -> str:
    """One sentence: which ranking to use on this catalog, and why."""
    figures = f"NDCG@10 {check.model.ndcg:.3f} against {check.baseline.ndcg:.3f} for catalog order"
    if check.use_model:
        return f"use the model ({model.version}): {figures}"
    return (
        f"use catalog order: the model ({model.version}) ranks these plans worse ({figures}); "
        "the service falls back to catalog order unless CAREERPATH_RANKING=model, "
        "or fit a model for this catalog with `careerpath fit --catalog DIR`"
    )
