"""The step-ranking model: a linear pairwise ranker in scikit-learn's conventions."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted, validate_data


class StepRanker(BaseEstimator):
    """Learns which of the steps a learner could take next an expert takes first.

    Training rows come in groups (one group per decision an expert made); within a
    group every row with a higher ``y`` should rank above every row with a lower
    one. The model fits a logistic regression on feature differences of those pairs
    (the linear RankNet / RankSVM formulation), so its scores are comparable across
    groups and cheap to apply to millions of steps at once.

    Parameters
    ----------
    C : float, default=1.0
        Inverse regularisation strength of the pairwise logistic regression.
    max_iter : int, default=1000
        Solver iterations.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Weight of each feature in the score.
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_pairs_ : int
        Ordered pairs the model was fitted on.
    """

    def __init__(self, C=1.0, max_iter=1000):
        self.C = C
        self.max_iter = max_iter

    def fit(self, X, y, groups=None):
        """Fit from rows ``X``, their preference grades ``y`` and decision ``groups``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Higher means "should come first" within its group.
        groups : array-like of shape (n_samples,), default=None
            Decision each row belongs to; all rows form one group when omitted.

        Returns
        -------
        self : StepRanker
        """
        X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64, reset=True)
        groups = np.zeros(len(y), dtype=np.int64) if groups is None else np.asarray(groups)
        if groups.shape != y.shape:
            raise ValueError(f"groups has shape {groups.shape}, expected {y.shape}")
        diffs = _pair_differences(X, y, groups)
        self.n_pairs_ = len(diffs)
        if self.n_pairs_ == 0:
            self.coef_ = np.zeros(X.shape[1])
            return self
        # Each pair appears both ways round so the two classes are balanced.
        pairs = np.vstack([diffs, -diffs])
        labels = np.r_[np.ones(len(diffs)), np.zeros(len(diffs))]
        model = LogisticRegression(C=self.C, fit_intercept=False, max_iter=self.max_iter)
        self.coef_ = model.fit(pairs, labels).coef_.ravel()
        return self

    def decision_function(self, X):
        """Raw scores: higher ranks first.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return X @ self.coef_

    def predict(self, X):
        """Scores in (0, 1): the logistic of :meth:`decision_function`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        return 1.0 / (1.0 + np.exp(-self.decision_function(X)))

    def score_steps(self, features: np.ndarray) -> np.ndarray:
        """Raw scores for a (P, S, F) feature block without re-validating it.

        The hot path calls this on arrays the engine built itself, so the per-call
        validation of :meth:`decision_function` would only cost time.
        """
        check_is_fitted(self)
        return features @ self.coef_.astype(features.dtype)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        return tags


def _pair_differences(X: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    out = []
    order = np.argsort(groups, kind="stable")
    bounds = np.flatnonzero(np.diff(groups[order])) + 1
    for idx in np.split(order, bounds):
        gy = y[idx]
        better, worse = np.nonzero(gy[:, None] > gy[None, :])
        if len(better):
            out.append(X[idx[better]] - X[idx[worse]])
    return np.vstack(out) if out else np.empty((0, X.shape[1]))
