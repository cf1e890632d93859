"""The step-ranking model and its files (recommender/ranker.py, recommender/modelio.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import skops.io as sio
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import parametrize_with_checks

from recommender.features import FEATURES
from recommender.modelio import (
    FORMAT,
    MODEL_ENV_VAR,
    ModelError,
    RankingModel,
    default_model_path,
    load_model,
    resolve_model_path,
    runtime_document,
    runtime_path,
    save_model,
)
from recommender.ranker import StepRanker

# ---------------------------------------------------------------------------
# scikit-learn conventions
# ---------------------------------------------------------------------------


@parametrize_with_checks([StepRanker()])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def test_parameters_live_in_init_and_fitted_state_ends_in_underscore():
    ranker = StepRanker(C=0.5, max_iter=50)
    assert ranker.get_params() == {"C": 0.5, "max_iter": 50}
    assert clone(ranker).get_params() == ranker.get_params()
    with pytest.raises(NotFittedError):
        ranker.decision_function(np.zeros((1, 3)))
    with pytest.raises(NotFittedError):
        ranker.score_steps(np.zeros((1, 1, 3)))
    X, y, groups = preference_groups(np.random.default_rng(0))
    assert ranker.fit(X, y, groups) is ranker
    assert ranker.coef_.shape == (X.shape[1],)
    assert ranker.n_features_in_ == X.shape[1]


# ---------------------------------------------------------------------------
# What fit learns, on synthetic decisions
# ---------------------------------------------------------------------------


def preference_groups(rng, n_groups=60, size=5, weights=(2.0, -1.0, 0.0)):
    """Groups whose best row maximises ``X @ weights``; graded 1 for it, 0 for the rest."""
    X = rng.normal(size=(n_groups * size, len(weights)))
    utility = X @ np.array(weights)
    groups = np.repeat(np.arange(n_groups), size)
    y = np.zeros(len(X))
    for g in range(n_groups):
        rows = np.flatnonzero(groups == g)
        y[rows[np.argmax(utility[rows])]] = 1.0
    return X, y, groups


def test_fit_learns_the_preference_of_synthetic_groups():
    rng = np.random.default_rng(42)
    X, y, groups = preference_groups(rng)
    ranker = StepRanker().fit(X, y, groups)
    assert ranker.n_pairs_ == 60 * 4  # one chosen row against four others, per group
    # The learned direction points where the preference does.
    assert ranker.coef_[0] > 0 > ranker.coef_[1]
    assert abs(ranker.coef_[2]) < 0.5 * min(abs(ranker.coef_[0]), abs(ranker.coef_[1]))
    # On fresh groups it picks the preferred row far above chance (1 in 5).
    X2, y2, groups2 = preference_groups(np.random.default_rng(7))
    scores = ranker.decision_function(X2)
    hits = [y2[groups2 == g][np.argmax(scores[groups2 == g])] == 1 for g in np.unique(groups2)]
    assert np.mean(hits) > 0.8


def test_pairs_are_only_formed_within_a_group():
    # Feature 0 shifts whole groups and happens to be higher in groups where y is
    # higher; within each group only feature 1 decides.  Cross-group pairs would
    # teach a weight on feature 0.
    X, y, groups = [], [], []
    for g in range(20):
        for better in (0, 1):
            X.append([float(g), 1.0 if better else -1.0])
            y.append(g + better)  # grades grow with the group
            groups.append(g)
    ranker = StepRanker().fit(np.array(X), np.array(y, float), np.array(groups))
    assert ranker.n_pairs_ == 20
    assert ranker.coef_[0] == pytest.approx(0.0, abs=1e-9)
    assert ranker.coef_[1] > 0
    one_group = StepRanker().fit(np.array(X), np.array(y, float))
    assert one_group.n_pairs_ > 20 and one_group.coef_[0] > 0.1


def test_groups_must_match_y():
    with pytest.raises(ValueError, match="groups"):
        StepRanker().fit(np.zeros((4, 2)), np.arange(4.0), groups=np.zeros(3))


def test_no_pairs_gives_zero_weights():
    ranker = StepRanker().fit(np.ones((3, 2)), np.ones(3), np.arange(3))
    assert ranker.n_pairs_ == 0
    assert ranker.coef_.tolist() == [0.0, 0.0]
    assert ranker.predict(np.ones((2, 2))).tolist() == [0.5, 0.5]


def test_predict_is_the_logistic_of_the_decision_function_and_keeps_its_order():
    X, y, groups = preference_groups(np.random.default_rng(1))
    ranker = StepRanker().fit(X, y, groups)
    raw, prob = ranker.decision_function(X), ranker.predict(X)
    assert ((prob > 0) & (prob < 1)).all()
    np.testing.assert_allclose(prob, 1 / (1 + np.exp(-raw)))
    np.testing.assert_array_equal(np.argsort(raw, kind="stable"), np.argsort(prob, kind="stable"))


def test_score_steps_equals_decision_function_on_blocks():
    X, y, groups = preference_groups(np.random.default_rng(2))
    ranker = StepRanker().fit(X, y, groups)
    block = X[:30].reshape(5, 6, -1)
    np.testing.assert_allclose(ranker.score_steps(block).ravel(), ranker.decision_function(X[:30]))


def test_stronger_regularisation_shrinks_the_weights():
    X, y, groups = preference_groups(np.random.default_rng(3))
    loose = StepRanker(C=10.0).fit(X, y, groups)
    tight = StepRanker(C=0.01).fit(X, y, groups)
    assert np.linalg.norm(tight.coef_) < np.linalg.norm(loose.coef_)


# ---------------------------------------------------------------------------
# Model files
# ---------------------------------------------------------------------------


@pytest.fixture
def fitted_model() -> RankingModel:
    rng = np.random.default_rng(5)
    X, y, groups = preference_groups(rng, weights=tuple(rng.normal(size=len(FEATURES))))
    return RankingModel.from_ranker(StepRanker(C=0.7).fit(X, y, groups), trained_on=60)


def test_save_load_round_trip_keeps_predictions_and_version(tmp_path, fitted_model):
    path = tmp_path / "model.skops"
    save_model(fitted_model, path)
    loaded = load_model(path)
    assert loaded.version == fitted_model.version
    assert loaded.trained_on == 60
    assert isinstance(loaded.ranker, StepRanker)
    assert loaded.ranker.get_params() == fitted_model.ranker.get_params()
    X = np.random.default_rng(9).normal(size=(50, len(FEATURES)))
    np.testing.assert_array_equal(loaded.ranker.predict(X), fitted_model.ranker.predict(X))
    np.testing.assert_array_equal(loaded.ranker.coef_, fitted_model.ranker.coef_)


def test_save_writes_a_runtime_file_that_scoring_reads_without_the_estimator(tmp_path, fitted_model):
    path = tmp_path / "model.skops"
    runtime = save_model(fitted_model, path)
    assert runtime == runtime_path(path) == tmp_path / "model.json"
    loaded = load_model(path)
    assert loaded._ranker is None  # only the weights were read
    np.testing.assert_array_equal(loaded.coef, fitted_model.ranker.coef_)
    assert (loaded.version, loaded.trained_on) == (fitted_model.version, 60)
    assert load_model(runtime).version == fitted_model.version
    np.testing.assert_array_equal(loaded.ranker.coef_, fitted_model.ranker.coef_)  # read from the skops file


def test_a_runtime_file_that_disagrees_with_its_skops_file_is_refused(tmp_path, fitted_model):
    path = tmp_path / "model.skops"
    save_model(fitted_model, path)
    sio.dump({**sio.load(path, trusted=["recommender.ranker.StepRanker"]), "version": "rank-other"}, path)
    with pytest.raises(ModelError, match="save both again"):
        load_model(path).ranker  # noqa: B018


def test_a_skops_file_without_a_runtime_file_still_loads(tmp_path, fitted_model):
    path = tmp_path / "model.skops"
    save_model(fitted_model, path)
    runtime_path(path).unlink()
    loaded = load_model(path)
    assert loaded.version == fitted_model.version
    np.testing.assert_array_equal(loaded.coef, fitted_model.ranker.coef_)


def test_the_runtime_file_cannot_be_the_skops_path(tmp_path, fitted_model):
    with pytest.raises(ModelError, match="name the skops file"):
        save_model(fitted_model, tmp_path / "model.json")


@pytest.mark.parametrize(
    "change",
    [
        {"coef": [1.0]},
        {"coef": ["a"] * len(FEATURES)},
        {"coef": None},
        {"format": FORMAT + 1},
        {"features": ["gap"]},
        {"version": 3},
        {"trained_on": True},
    ],
    ids=lambda change: "-".join(f"{k}={v}" for k, v in change.items()),
)
def test_a_bad_runtime_file_is_refused(tmp_path, fitted_model, change):
    document = {**runtime_document(fitted_model), **change}
    path = tmp_path / "model.json"
    path.write_text(json.dumps({k: v for k, v in document.items() if v is not None}))
    with pytest.raises(ModelError, match=f"{path.name}: (not a careerpath model|fitted on features)"):
        load_model(path)


def test_a_runtime_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "model.json"
    path.write_text("{")
    with pytest.raises(ModelError, match="not a careerpath model"):
        load_model(path)
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "nowhere.json")


def test_the_version_follows_the_weights(fitted_model):
    same = RankingModel.from_ranker(fitted_model.ranker, trained_on=1)
    assert same.version == fitted_model.version and same.version.startswith("rank-")
    other = clone(fitted_model.ranker)
    other.coef_ = fitted_model.ranker.coef_ * 2
    assert RankingModel.from_ranker(other, 60).version != fitted_model.version


def test_the_shipped_model_loads_and_its_runtime_file_agrees():
    model = load_model(default_model_path())
    np.testing.assert_array_equal(model.coef, model.ranker.coef_)
    assert isinstance(model.ranker, StepRanker)
    assert model.ranker.coef_.shape == (len(FEATURES),)
    assert model.trained_on >= 60
    assert model.version == RankingModel.from_ranker(model.ranker, model.trained_on).version


@pytest.mark.parametrize(
    "content",
    [b"", b"definitely not a zip file", b"PK\x03\x04" + b"\x00" * 64],
    ids=["empty", "text", "truncated-zip"],
)
def test_a_corrupt_model_file_raises_model_error(tmp_path, content):
    path = tmp_path / "model.skops"
    path.write_bytes(content)
    with pytest.raises(ModelError, match="not a careerpath model"):
        load_model(path)


def test_a_truncated_model_file_raises_model_error(tmp_path, fitted_model):
    path = tmp_path / "model.skops"
    save_model(fitted_model, path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ModelError, match=str(path.name)):
        load_model(path).ranker  # noqa: B018 (scoring never reads the skops file; refitting does)


def test_a_missing_model_file_raises_model_error(tmp_path):
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "nowhere.skops")


@pytest.mark.parametrize(
    "change",
    [
        {"ranker": "LogisticRegression"},  # a type skops trusts, but not our ranker
        {"ranker": "unfitted"},
        {"ranker": None},
        {"version": None},
        {"trained_on": "many"},
    ],
    ids=lambda change: "-".join(f"{k}={v}" for k, v in change.items()),
)
def test_a_file_without_a_usable_ranker_version_or_count_is_refused(tmp_path, fitted_model, change):
    from sklearn.linear_model import LogisticRegression

    replacements = {"LogisticRegression": LogisticRegression(), "unfitted": StepRanker()}
    state = {
        "format": FORMAT,
        "features": list(FEATURES),
        "version": fitted_model.version,
        "trained_on": 60,
        "ranker": fitted_model.ranker,
    }
    for key, value in change.items():
        state[key] = replacements.get(value, value)
    state = {k: v for k, v in state.items() if v is not None}
    path = tmp_path / "odd.skops"
    sio.dump(state, path)
    with pytest.raises(ModelError, match="not a careerpath model"):
        load_model(path)


def test_a_file_of_untrusted_types_is_refused(tmp_path):
    path = tmp_path / "other.skops"
    sio.dump({"format": FORMAT, "features": list(FEATURES), "ranker": RankingModel}, path)
    with pytest.raises(ModelError, match="not a careerpath model"):
        load_model(path)


def test_a_model_fitted_on_other_features_is_refused(tmp_path, fitted_model):
    path = tmp_path / "old.skops"
    state = {
        "format": FORMAT,
        "features": ["importance", "gap"],
        "version": "rank-old",
        "trained_on": 1,
        "ranker": fitted_model.ranker,
    }
    sio.dump(state, path)
    with pytest.raises(ModelError, match="features"):
        load_model(path)
    state["features"], state["format"] = list(FEATURES), FORMAT + 1
    sio.dump(state, path)
    with pytest.raises(ModelError, match="format"):
        load_model(path)


def test_model_path_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    assert resolve_model_path() == default_model_path()
    monkeypatch.setenv(MODEL_ENV_VAR, str(tmp_path / "env.skops"))
    assert resolve_model_path() == tmp_path / "env.skops"
    assert resolve_model_path(tmp_path / "arg.skops") == tmp_path / "arg.skops"
