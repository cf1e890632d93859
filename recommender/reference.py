"""Reference plans: the labelled data the ranking model is fitted and judged on.

Each line of a reference file is a profile, its role and an expert's ordering of
the first steps of its plan::

    {"id": "...", "role": "data-scientist", "skills": [{"name": "python", "level": 3}],
     "ordering": ["math-for-ml", "ml-fundamentals", ...]}

An ordering lists each skill where its first stage starts. A prerequisite must come
earlier only while the person holds it below the level the skill needs (a bare
prerequisite: always), as in the engine's staged plans.

Where the shipped orderings come from: ``recommender/data/README.md``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from sklearn.metrics import ndcg_score
from sklearn.model_selection import KFold

from recommender.arrays import CatalogArrays
from recommender.engine import Scorer
from recommender.features import FEATURES, plan_mask, step_features
from recommender.modelio import RankingModel
from recommender.profiles import ProfileParser
from recommender.ranker import StepRanker
from skills import Catalog
from skills.catalog import MAX_LEVEL

NDCG_K = 10


class ReferenceError(ValueError):
    """A reference file that cannot be used; names the line and the problem."""


@dataclass
class ReferenceSet:
    ids: list[str]
    levels: np.ndarray  # (N, S)
    roles: np.ndarray  # (N,)
    orderings: list[list[int]]
    blocked: np.ndarray  # (N, S, S): prerequisite p of s held below the level s needs (p must come first)

    def __len__(self) -> int:
        return len(self.ids)


def default_reference_path() -> Path:
    return Path(str(resources.files("recommender") / "data" / "reference_plans.jsonl"))


def load_reference(parser: ProfileParser, path: str | os.PathLike | None = None) -> ReferenceSet:
    """Read and check a reference file against the parser's catalog."""
    path = Path(path) if path else default_reference_path()
    arrays = CatalogArrays.from_catalog(parser.catalog)
    index = {sid: i for i, sid in enumerate(arrays.skill_ids)}
    need = needed_levels(parser.catalog)
    ids, rows, roles, orderings, blocked = [], [], [], [], []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReferenceError(f"{path}: cannot read ({exc.strerror})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReferenceError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(doc, dict):
            raise ReferenceError(f"{where}: each line must be a JSON object")
        levels = np.zeros(arrays.n_skills, dtype=np.int8)
        parsed = parser.parse_skills(doc.get("skills") or [], levels)
        role = parser.role_index(doc.get("role"))
        problems = [f"{k}: {' '.join(v)}" for k, v in parsed.errors.items()]
        problems += [f"skill {u['input']!r} matches nothing in the catalog" for u in parsed.unmatched]
        if isinstance(role, str) or role < 0:
            problems.append(f"role: {role if isinstance(role, str) else 'required'}")
        if problems:
            raise ReferenceError(f"{where}: " + "; ".join(problems))
        ordering = doc.get("ordering")
        if not isinstance(ordering, list) or not all(isinstance(s, str) for s in ordering):
            raise ReferenceError(f"{where}: ordering must be a list of skill ids")
        unknown = [s for s in ordering if s not in index]
        if unknown:
            raise ReferenceError(f"{where}: ordering names unknown skills {unknown}")
        order = [index[s] for s in ordering]
        blocks = arrays.prereq & (levels[None, :] < need)
        _check_ordering(arrays, blocks, levels < arrays.targets[role], order, where)
        ids.append(str(doc.get("id", number)))
        rows.append(levels)
        roles.append(role)
        orderings.append(order)
        blocked.append(blocks)
    if not ids:
        raise ReferenceError(f"{path}: no reference plans")
    return ReferenceSet(ids, np.array(rows, dtype=np.int8), np.array(roles), orderings, np.array(blocked))


def needed_levels(catalog: Catalog) -> np.ndarray:
    """``(S, S)``: the level skill ``s`` needs of prerequisite ``p``; a bare prerequisite needs all of its step."""
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    need = np.full((len(index), len(index)), MAX_LEVEL + 1, dtype=np.int8)
    for skill in catalog.skills:
        for p, level in skill.prerequisite_levels.items():
            need[index[skill.id], index[p]] = level
    return need


def _check_ordering(arrays, blocked, in_plan, order, where) -> None:
    seen: set[int] = set()
    for s in order:
        if not in_plan[s]:
            raise ReferenceError(f"{where}: {arrays.skill_ids[s]} is not in this plan")
        if s in seen:
            raise ReferenceError(f"{where}: {arrays.skill_ids[s]} is listed twice")
        missing = [p for p in np.flatnonzero(blocked[s]) if in_plan[p] and p not in seen]
        if missing:
            raise ReferenceError(
                f"{where}: {arrays.skill_ids[s]} comes before its prerequisite {arrays.skill_ids[missing[0]]}"
            )
        seen.add(s)


def training_rows(arrays: CatalogArrays, refs: ReferenceSet, rows=None):
    """One group per expert decision: the chosen step against every other ready step.

    Replaying the expert's ordering, the candidates at each decision are exactly the
    steps the planner could take there, so the model learns the planner's choice.
    """
    rows = np.arange(len(refs)) if rows is None else np.asarray(rows)
    levels, roles = refs.levels[rows], refs.roles[rows]
    in_plan = plan_mask(arrays, levels, roles)
    features = step_features(arrays, levels, roles, in_plan)
    xs, ys, groups = [], [], []
    group = 0
    for j, r in enumerate(rows):
        done = np.zeros(arrays.n_skills, dtype=bool)
        for chosen in refs.orderings[r]:
            pending = in_plan[j] & ~done
            ready = pending & ~(refs.blocked[r] & pending[None, :]).any(axis=1)
            candidates = np.flatnonzero(ready)
            if len(candidates) > 1:
                xs.append(features[j, candidates])
                ys.append((candidates == chosen).astype(float))
                groups.append(np.full(len(candidates), group))
                group += 1
            done[chosen] = True
    if not xs:
        return np.empty((0, features.shape[-1])), np.empty(0), np.empty(0)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def fit_model(arrays: CatalogArrays, refs: ReferenceSet, rows=None, C: float = 1.0) -> RankingModel:
    X, y, groups = training_rows(arrays, refs, rows)
    ranker = StepRanker(C=C).fit(X, y, groups)
    return RankingModel.from_ranker(ranker, trained_on=len(refs) if rows is None else len(rows))


def produced_orders(arrays: CatalogArrays, levels, roles, coef) -> tuple[np.ndarray, np.ndarray]:
    """Whole plans as the engine makes them for a linear model's weights ``coef``: each plan's
    skills in the order they first appear (a skill's later stages are not new skills), and the plan masks."""
    plans = Scorer(arrays, coef, threads=1).score(levels, np.asarray(roles)).plans
    orders = np.full((len(levels), arrays.n_skills), -1, dtype=np.int64)
    for j, steps in enumerate(plans.skill):
        skills = list(dict.fromkeys(steps[steps >= 0].tolist()))
        orders[j, : len(skills)] = skills
    return orders, plans.in_plan


def catalog_order_weights() -> np.ndarray:
    """The baseline: follow the catalog's learning order, prerequisites first (a weight on position alone)."""
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("position")] = -1.0
    return coef


def count_violations(arrays: CatalogArrays, orders: np.ndarray, in_plan: np.ndarray, blocked=None) -> int:
    """Steps placed before one of their in-plan prerequisites, over all plans.

    ``blocked`` (P, S, S), as in :class:`ReferenceSet`, counts only prerequisites held
    below the level needed; without it, every prerequisite counts.
    """
    if blocked is None:
        blocked = np.broadcast_to(arrays.prereq, (len(orders), *arrays.prereq.shape))
    violations = 0
    for order, mask, blocks in zip(orders, in_plan, blocked, strict=True):
        seen = np.zeros(arrays.n_skills, dtype=bool)
        for s in order[order >= 0]:
            violations += int((blocks[s] & mask & ~seen).sum())
            seen[s] = True
    return violations


def ndcg(refs: ReferenceSet, rows, orders: np.ndarray, k: int = NDCG_K) -> float:
    """Mean NDCG@k of produced orders against the experts' orderings."""
    n_skills = orders.shape[1]
    truth = np.zeros((len(rows), n_skills))
    predicted = np.zeros((len(rows), n_skills))
    for j, r in enumerate(rows):
        expert = refs.orderings[r]
        truth[j, expert] = np.arange(len(expert), 0, -1)
        order = orders[j][orders[j] >= 0]
        predicted[j, order] = np.arange(n_skills, n_skills - len(order), -1)
    return float(ndcg_score(truth, predicted, k=k))


def evaluate(arrays: CatalogArrays, refs: ReferenceSet, folds: int = 5, seed: int = 0, C: float = 1.0) -> dict:
    """Cross-validated NDCG@10 and prerequisite violations, model against baseline."""
    splitter = KFold(n_splits=min(folds, len(refs)), shuffle=True, random_state=seed)
    model_scores, base_scores = [], []
    model_violations = base_violations = 0
    for train, test in splitter.split(np.arange(len(refs))):
        model = fit_model(arrays, refs, train, C)
        levels, roles = refs.levels[test], refs.roles[test]
        orders, in_plan = produced_orders(arrays, levels, roles, model.coef)
        base, _ = produced_orders(arrays, levels, roles, catalog_order_weights())
        model_scores.append(ndcg(refs, test, orders))
        base_scores.append(ndcg(refs, test, base))
        model_violations += count_violations(arrays, orders, in_plan, refs.blocked[test])
        base_violations += count_violations(arrays, base, in_plan, refs.blocked[test])
    return {
        "profiles": len(refs),
        "folds": splitter.get_n_splits(),
        "k": NDCG_K,
        "model": {
            "ndcg": float(np.mean(model_scores)),
            "std": float(np.std(model_scores)),
            "violations": model_violations,
        },
        "baseline": {
            "ndcg": float(np.mean(base_scores)),
            "std": float(np.std(base_scores)),
            "violations": base_violations,
        },
    }
