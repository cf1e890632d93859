"""Saving and loading the fitted ranking model (skops, never pickle)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import skops.io as sio

from recommender.features import FEATURES
from recommender.ranker import StepRanker

MODEL_ENV_VAR = "CAREERPATH_MODEL"
FORMAT = 1


class ModelError(ValueError):
    """A model file that cannot be used."""


@dataclass(frozen=True)
class RankingModel:
    """A fitted :class:`StepRanker` with what it was fitted on."""

    ranker: StepRanker
    version: str
    trained_on: int  # reference profiles

    @classmethod
    def from_ranker(cls, ranker: StepRanker, trained_on: int) -> RankingModel:
        digest = hashlib.sha256(np.asarray(ranker.coef_, dtype=np.float64).tobytes())
        digest.update(",".join(FEATURES).encode())
        return cls(ranker=ranker, version=f"rank-{digest.hexdigest()[:8]}", trained_on=trained_on)


def default_model_path() -> Path:
    return Path(str(resources.files("recommender") / "data" / "model.skops"))


def resolve_model_path(path: str | os.PathLike | None = None) -> Path:
    chosen = path or os.environ.get(MODEL_ENV_VAR)
    return Path(chosen) if chosen else default_model_path()


def save_model(model: RankingModel, path: str | os.PathLike) -> None:
    state = {
        "format": FORMAT,
        "features": list(FEATURES),
        "version": model.version,
        "trained_on": model.trained_on,
        "ranker": model.ranker,
    }
    sio.dump(state, path)


def load_model(path: str | os.PathLike | None = None) -> RankingModel:
    """Load a model saved by :func:`save_model`; only our own ranker type is trusted."""
    path = resolve_model_path(path)
    try:
        state = sio.load(path, trusted=["recommender.ranker.StepRanker"])
    except FileNotFoundError:
        raise ModelError(f"{path}: no such model file") from None
    except Exception as exc:  # skops raises many types for corrupt or untrusted files
        raise ModelError(f"{path}: not a careerpath model ({exc})") from None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ModelError(f"{path}: not a careerpath model of format {FORMAT}")
    if state.get("features") != list(FEATURES):
        raise ModelError(f"{path}: fitted on features {state.get('features')}, this version uses {list(FEATURES)}")
    ranker, version, trained_on = state.get("ranker"), state.get("version"), state.get("trained_on")
    coef = getattr(ranker, "coef_", None)
    if not isinstance(ranker, StepRanker) or np.shape(coef) != (len(FEATURES),):
        raise ModelError(f"{path}: not a careerpath model (no fitted StepRanker with {len(FEATURES)} weights)")
    if not isinstance(version, str) or not isinstance(trained_on, int):
        raise ModelError(f"{path}: not a careerpath model (version or trained_on missing)")
    return RankingModel(ranker=ranker, version=version, trained_on=trained_on)
