"""Saving and loading the ranking model.

A model is two files side by side: the fitted scikit-learn estimator in skops
format (``model.skops``, never pickle), the artefact for refitting and evaluation,
and a small JSON runtime file (``model.json``: weights, feature names, version)
that serving and scoring read. Reading the JSON needs neither scikit-learn (with
scipy and pandas) nor skops, which together took 2.6 s to import for a linear
model's few weights.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from recommender.features import FEATURES

if TYPE_CHECKING:
    from recommender.ranker import StepRanker

MODEL_ENV_VAR = "CAREERPATH_MODEL"
FORMAT = 1
RUNTIME_SUFFIX = ".json"


class ModelError(ValueError):
    """A model file that cannot be used."""


@dataclass(frozen=True)
class RankingModel:
    """The ranking model's weights with what they were fitted on.

    ``ranker`` is the fitted :class:`~recommender.ranker.StepRanker`; a model loaded
    from its runtime file reads it from the skops file beside it on first use only
    (refitting and evaluation need it, scoring does not).
    """

    coef: np.ndarray  # (len(FEATURES),) float64
    version: str
    trained_on: int  # reference profiles
    source: Path | None = None  # the skops file, where the ranker is read from
    _ranker: StepRanker | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_ranker(cls, ranker: StepRanker, trained_on: int, source: Path | None = None) -> RankingModel:
        coef = np.asarray(ranker.coef_, dtype=np.float64)
        digest = hashlib.sha256(coef.tobytes())
        digest.update(",".join(FEATURES).encode())
        version = f"rank-{digest.hexdigest()[:8]}"
        return cls(coef=coef, version=version, trained_on=trained_on, source=source, _ranker=ranker)

    @property
    def ranker(self) -> StepRanker:
        if self._ranker is None:
            if self.source is None:
                raise ModelError(f"model {self.version}: no skops file to read the fitted ranker from")
            fitted = load_fitted(self.source)
            if fitted.version != self.version:
                raise ModelError(
                    f"{self.source}: model {fitted.version}, but its runtime file has {self.version}; "
                    "save both again with `careerpath fit`"
                )
            object.__setattr__(self, "_ranker", fitted.ranker)
        return self._ranker


def default_model_path() -> Path:
    return Path(str(resources.files("recommender") / "data" / "model.skops"))


def resolve_model_path(path: str | os.PathLike | None = None) -> Path:
    chosen = path or os.environ.get(MODEL_ENV_VAR)
    return Path(chosen) if chosen else default_model_path()


def runtime_path(path: str | os.PathLike) -> Path:
    """The runtime file that goes with the skops file ``path``: the same name ending in ``.json``."""
    return Path(path).with_suffix(RUNTIME_SUFFIX)


def runtime_document(model: RankingModel) -> dict:
    """The runtime file's content: everything scoring needs, in plain JSON."""
    return {
        "format": FORMAT,
        "features": list(FEATURES),
        "version": model.version,
        "trained_on": model.trained_on,
        "coef": model.coef.tolist(),  # repr of a float64 reads back to the same bits
    }


def save_model(model: RankingModel, path: str | os.PathLike) -> Path:
    """Write the skops file ``path`` and the runtime file beside it; return the runtime file's path."""
    import skops.io as sio

    path = Path(path)
    if path.suffix == RUNTIME_SUFFIX:
        raise ModelError(f"{path}: name the skops file (for example model.skops); the .json file is written beside it")
    state = {
        "format": FORMAT,
        "features": list(FEATURES),
        "version": model.version,
        "trained_on": model.trained_on,
        "ranker": model.ranker,
    }
    sio.dump(state, path)
    runtime = runtime_path(path)
    runtime.write_text(json.dumps(runtime_document(model), indent=1) + "\n", encoding="utf-8")
    return runtime


def load_model(path: str | os.PathLike | None = None) -> RankingModel:
    """The model for scoring: its runtime file, given or beside the skops file ``path``.

    A skops file without a runtime file beside it (saved by an older version) is
    read whole, which imports scikit-learn and skops.
    """
    path = resolve_model_path(path)
    if path.suffix == RUNTIME_SUFFIX:
        return _read_runtime(path, source=None)
    runtime = runtime_path(path)
    if runtime.is_file():
        return _read_runtime(runtime, source=path)
    return load_fitted(path)


def _read_runtime(path: Path, source: Path | None) -> RankingModel:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no such model file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: not a careerpath model ({exc})") from None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ModelError(f"{path}: not a careerpath model of format {FORMAT}")
    _check_features(path, state)
    coef, version, trained_on = state.get("coef"), state.get("version"), state.get("trained_on")
    if not (
        isinstance(coef, list)
        and len(coef) == len(FEATURES)
        and all(isinstance(w, float | int) and not isinstance(w, bool) for w in coef)
    ):
        raise ModelError(f"{path}: not a careerpath model (coef must be {len(FEATURES)} numbers)")
    _check_version(path, version, trained_on)
    return RankingModel(coef=np.array(coef, dtype=np.float64), version=version, trained_on=trained_on, source=source)


def load_fitted(path: str | os.PathLike | None = None) -> RankingModel:
    """The model with its fitted ranker, from the skops file; only our own ranker type is trusted."""
    import skops.io as sio

    from recommender.ranker import StepRanker

    path = resolve_model_path(path)
    try:
        state = sio.load(path, trusted=["recommender.ranker.StepRanker"])
    except FileNotFoundError:
        raise ModelError(f"{path}: no such model file") from None
    except Exception as exc:  # skops raises many types for corrupt or untrusted files
        raise ModelError(f"{path}: not a careerpath model ({exc})") from None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ModelError(f"{path}: not a careerpath model of format {FORMAT}")
    _check_features(path, state)
    ranker, version, trained_on = state.get("ranker"), state.get("version"), state.get("trained_on")
    coef = getattr(ranker, "coef_", None)
    if not isinstance(ranker, StepRanker) or np.shape(coef) != (len(FEATURES),):
        raise ModelError(f"{path}: not a careerpath model (no fitted StepRanker with {len(FEATURES)} weights)")
    _check_version(path, version, trained_on)
    return RankingModel(
        coef=np.asarray(coef, dtype=np.float64), version=version, trained_on=trained_on, source=path, _ranker=ranker
    )


def _check_features(path: Path, state: dict) -> None:
    if state.get("features") != list(FEATURES):
        raise ModelError(f"{path}: fitted on features {state.get('features')}, this version uses {list(FEATURES)}")


def _check_version(path: Path, version, trained_on) -> None:
    if not isinstance(version, str) or not isinstance(trained_on, int) or isinstance(trained_on, bool):
        raise ModelError(f"{path}: not a careerpath model (version or trained_on missing)")
