"""Reference plans: the labelled data the ranking model is fitted and judged on.

Each line of a reference file is a profile, its role and an expert's ordering of
the first steps of its plan::

    {"id": "...", "role": "data-scientist", "skills": [{"name": "python", "level": 3}],
     "ordering": ["math-for-ml", "ml-fundamentals", ...]}

An ordering lists each skill where its first stage starts. A prerequisite must come
earlier only while the person holds it below the level the skill needs (a bare
prerequisite: always), as in the engine's staged plans.

Where the shipped orderings come from: ``recommender/data/README.md``. A catalog without
reference plans of its own is judged on plans generated from its prerequisite graph
(:func:`generated_plans`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from graphlib import TopologicalSorter
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

from recommender.arrays import WHOLE_STEP, CatalogArrays
from recommender.engine import Scorer
from recommender.features import FEATURES, plan_mask, step_features
from recommender.modelio import RankingModel
from recommender.profiles import ProfileParser

NDCG_K = 10
GENERATED_PER_ROLE = 6  # generated profiles per role, from a newcomer to someone holding most of it
GENERATED = "generated from the prerequisite graph"  # the source of generated plans
ALL_OF_IT = np.iinfo(np.int8).max  # the need of a bare prerequisite: above every level of any catalog's scale


def _met_by(arrays: CatalogArrays) -> MetBy | None:
    """The catalog's alternatives (``recommender.alternatives``) by edge index, or None without any."""
    alternatives = arrays.alternatives
    if not alternatives:
        return None
    index = {sid: i for i, sid in enumerate(arrays.skill_ids)}
    edge, kept = [], []
    for a, g in enumerate(alternatives.alt_edge.tolist()):
        s, p = (index[x] for x in alternatives.edges[g])
        row = np.arange(arrays.prereqs_ptr[s], arrays.prereqs_ptr[s + 1])
        found = row[arrays.prereqs_idx[row] == p]
        if len(found):  # a staged edge (``beyond``) is not among them: no ordering checks it, met or not
            edge.append(int(found[0]))
            kept.append(a)
    if not edge:
        return None
    return MetBy(np.array(edge, dtype=np.intp), alternatives.alt_skill[kept], alternatives.alt_level[kept])


class ReferenceError(ValueError):
    """A reference file that cannot be used; names the line and the problem."""


class MetBy(NamedTuple):
    """Skills that meet a prerequisite edge instead (``or``): edge ``edge[a]`` is met by ``skill[a]`` held at
    ``level[a]``."""

    edge: np.ndarray  # (A,) index into Edges
    skill: np.ndarray  # (A,)
    level: np.ndarray  # (A,)


class Edges(NamedTuple):
    """The catalog's prerequisite edges, in the order of :class:`CatalogArrays`' compressed rows."""

    skill: np.ndarray  # (E,) the dependent
    prerequisite: np.ndarray  # (E,)
    need: np.ndarray  # (E,) the level the dependent needs; ALL_OF_IT for a bare prerequisite
    met_by: MetBy | None = None

    @classmethod
    def of(cls, arrays: CatalogArrays) -> Edges:
        skill = np.repeat(np.arange(arrays.n_skills), np.diff(arrays.prereqs_ptr))
        need = np.where(arrays.prereqs_level == WHOLE_STEP, ALL_OF_IT, arrays.prereqs_level)
        return cls(skill, arrays.prereqs_idx, need, _met_by(arrays))

    def blocking(self, levels: np.ndarray) -> np.ndarray:
        """``(..., E)``: the edges whose prerequisite is held below the level needed (it must come first), unless
        a skill that meets it instead is held."""
        blocked = levels[..., self.prerequisite] < self.need
        if self.met_by is not None:
            met = levels[..., self.met_by.skill] >= self.met_by.level
            for a, e in enumerate(self.met_by.edge.tolist()):
                blocked[..., e] &= ~met[..., a]
        return blocked

    def waiting(self, blocked: np.ndarray, pending: np.ndarray) -> np.ndarray:
        """``(S,)``: skills with a blocking prerequisite still ``pending`` (one plan's rows)."""
        out = np.zeros(len(pending), dtype=bool)
        out[self.skill[blocked & pending[self.prerequisite]]] = True
        return out


@dataclass
class ReferenceSet:
    ids: list[str]
    levels: np.ndarray  # (N, S)
    roles: np.ndarray  # (N,)
    orderings: list[list[int]]
    blocked: np.ndarray  # (N, E): prerequisite edge held below the level its dependent needs (Edges order)
    source: str = ""  # where the plans come from, for reports

    def __len__(self) -> int:
        return len(self.ids)


def default_reference_path() -> Path:
    return Path(str(resources.files("recommender") / "data" / "reference_plans.jsonl"))


def load_reference(parser: ProfileParser, path: str | os.PathLike | None = None) -> ReferenceSet:
    """Read and check a reference file against the parser's catalog."""
    path = Path(path) if path else default_reference_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReferenceError(f"{path}: cannot read ({exc.strerror})") from None
    docs = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            docs.append((f"{path.name} line {number}", json.loads(line)))
        except json.JSONDecodeError as exc:
            raise ReferenceError(f"{path.name} line {number}: not JSON ({exc.msg})") from None
    if not docs:
        raise ReferenceError(f"{path}: no reference plans")
    return reference_set(parser, docs, source=str(path))


def reference_set(parser: ProfileParser, docs, source: str = "", arrays: CatalogArrays | None = None) -> ReferenceSet:
    """Check reference plans, given as ``(where, document)`` pairs, against the parser's catalog."""
    arrays = arrays or CatalogArrays.from_catalog(parser.catalog)
    index = {sid: i for i, sid in enumerate(arrays.skill_ids)}
    edges = Edges.of(arrays)
    ids, rows, roles, orderings, blocked = [], [], [], [], []
    for number, (where, doc) in enumerate(docs, 1):
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
        blocks = edges.blocking(levels)
        _check_ordering(arrays, edges, blocks, levels < arrays.targets[role], order, where)
        ids.append(str(doc.get("id", number)))
        rows.append(levels)
        roles.append(role)
        orderings.append(order)
        blocked.append(blocks)
    if not ids:
        raise ReferenceError(f"{source}: no reference plans")
    return ReferenceSet(
        ids, np.array(rows, dtype=np.int8), np.array(roles), orderings, np.array(blocked, dtype=bool), source
    )


def _check_ordering(arrays, edges: Edges, blocked, in_plan, order, where) -> None:
    seen = np.zeros(arrays.n_skills, dtype=bool)
    for s in order:
        if not in_plan[s]:
            raise ReferenceError(f"{where}: {arrays.skill_ids[s]} is not in this plan")
        if seen[s]:
            raise ReferenceError(f"{where}: {arrays.skill_ids[s]} is listed twice")
        row = slice(arrays.prereqs_ptr[s], arrays.prereqs_ptr[s + 1])
        prerequisites = edges.prerequisite[row]
        missing = prerequisites[blocked[row] & in_plan[prerequisites] & ~seen[prerequisites]]
        if len(missing):
            raise ReferenceError(
                f"{where}: {arrays.skill_ids[s]} comes before its prerequisite {arrays.skill_ids[missing[0]]}"
            )
        seen[s] = True


def generated_plans(arrays: CatalogArrays, per_role: int = GENERATED_PER_ROLE, seed: int = 0) -> ReferenceSet:
    """Reference plans made from the catalog's prerequisite graph, for a catalog without its own.

    For each role, ``per_role`` profiles from a newcomer to someone holding most of the
    role: the k-th holds each of the role's skills with chance k / ``per_role``, at a level
    drawn up to the role's target, and every prerequisite of what it holds at the level
    that skill needs (someone who uses a skill has what it builds on). Its ordering is
    what the graph alone says a mentor would do (critical-path scheduling): among the
    steps that are ready, first the one with the longest chain of plan steps waiting for
    it, then the one the role weighs more, then the shorter one, then catalog order; ten
    steps at most. The levels are built as arrays, not read from text, so no profile is
    parsed; every ordering respects the prerequisites by construction.
    """
    edges = Edges.of(arrays)
    layers = _layers(arrays, edges)
    rng = np.random.default_rng(seed)
    ids, rows, roles, orderings, blocked = [], [], [], [], []
    for r, role in enumerate(arrays.role_ids):
        target = arrays.targets[r]
        # A plan holds only its role's skills: ordering it needs only the edges among them.
        inside = (target[edges.skill] > 0) & (target[edges.prerequisite] > 0)
        position = np.cumsum(inside) - 1
        role_edges = Edges(*(column[inside] for column in edges[:3]))  # generated plans: no alternatives
        role_layers = [position[layer[inside[layer]]] for layer in layers]
        for k in range(per_role):
            held = (target > 0) & (rng.random(arrays.n_skills) < k / per_role)
            levels = np.where(held, rng.integers(1, np.maximum(target, 1) + 1), 0).astype(np.int8)
            levels = _with_prerequisites(edges, layers, levels, target)
            while _lift_staged(arrays, r, levels, target):  # a staged need lifted: its own needs follow
                levels = _with_prerequisites(edges, layers, levels, target)
            blocks = edges.blocking(levels)
            ordering = _graph_order(arrays, role_edges, role_layers, levels, blocks[inside], r)
            if ordering:
                ids.append(f"{role}-generated-{k + 1}")
                rows.append(levels)
                roles.append(r)
                orderings.append(ordering)
                blocked.append(blocks)
    if not ids:
        raise ReferenceError("generated from the prerequisite graph: no role has a plan")
    return ReferenceSet(
        ids, np.array(rows, dtype=np.int8), np.array(roles), orderings, np.array(blocked, dtype=bool), GENERATED
    )


def _layers(arrays: CatalogArrays, edges: Edges) -> list[np.ndarray]:
    """Edge indices by the depth of their dependent (its longest prerequisite chain), deepest first.

    Passing over them in this order visits every dependent before its prerequisites, so a
    value can flow down the graph in one pass per depth, in time linear in the edges.
    """
    depth = np.zeros(arrays.n_skills, dtype=np.int64)
    ptr, idx = arrays.prereqs_ptr, arrays.prereqs_idx
    for s in TopologicalSorter({s: idx[ptr[s] : ptr[s + 1]].tolist() for s in range(arrays.n_skills)}).static_order():
        row = idx[ptr[s] : ptr[s + 1]]
        depth[s] = depth[row].max() + 1 if len(row) else 0
    by_depth = depth[edges.skill]
    return [np.flatnonzero(by_depth == d) for d in range(int(depth.max(initial=0)), 0, -1)]


def _with_prerequisites(edges: Edges, layers, levels: np.ndarray, target: np.ndarray) -> np.ndarray:
    """``levels`` with every prerequisite, direct or not, of a held skill at the level needed
    (a bare prerequisite: the role's target of it, at least 1)."""
    out = levels.copy()
    lift = np.where(edges.need == ALL_OF_IT, np.maximum(target[edges.prerequisite], 1), edges.need).astype(out.dtype)
    for layer in layers:
        np.maximum.at(out, edges.prerequisite[layer], np.where(out[edges.skill[layer]] > 0, lift[layer], 0))
    return out


def _lift_staged(arrays: CatalogArrays, role: int, levels: np.ndarray, target: np.ndarray) -> bool:
    """Lift, in place, each prerequisite a skill of ``role`` held past the level it is needed from (``beyond``,
    ``arrays.role_staged_*``) to the level needed; whether any was lifted."""
    lo, hi = arrays.role_ptr[role], arrays.role_ptr[role + 1]
    slots = np.arange(lo, hi)
    counts = np.diff(arrays.role_staged_ptr[lo : hi + 1])
    edge = np.arange(arrays.role_staged_ptr[lo], arrays.role_staged_ptr[hi])
    skill = arrays.role_skill[np.repeat(slots, counts)]
    prereq = arrays.role_skill[lo + arrays.role_staged_idx[edge]]
    level = arrays.role_staged_level[edge]
    need = np.where(level == WHOLE_STEP, np.maximum(target[prereq], 1), level).astype(levels.dtype)
    lift = np.where(levels[skill] > arrays.role_staged_beyond[edge], need, 0).astype(levels.dtype)
    before = levels.copy()
    np.maximum.at(levels, prereq, lift)
    return bool((levels != before).any())


def _graph_order(arrays: CatalogArrays, edges: Edges, layers, levels: np.ndarray, blocked, role: int) -> list[int]:
    in_plan = levels < arrays.targets[role]
    chain = np.zeros(arrays.n_skills, dtype=np.int64)  # the longest chain of plan steps waiting for each skill
    for layer in layers:
        layer = layer[in_plan[edges.skill[layer]] & in_plan[edges.prerequisite[layer]]]
        np.maximum.at(chain, edges.prerequisite[layer], chain[edges.skill[layer]] + 1)
    skills = np.arange(arrays.n_skills)
    hours = arrays.cum_hours[skills, arrays.targets[role]] - arrays.cum_hours[skills, levels]
    place = np.empty_like(skills)
    place[np.lexsort((skills, hours, -arrays.weights[role], -chain))] = skills  # the last key sorts first
    done = np.zeros(arrays.n_skills, dtype=bool)
    order = []
    while len(order) < NDCG_K:
        pending = in_plan & ~done
        ready = np.flatnonzero(pending & ~edges.waiting(blocked, pending))
        if not len(ready):
            break
        chosen = ready[np.argmin(place[ready])]
        order.append(int(chosen))
        done[chosen] = True
    return order


def training_rows(arrays: CatalogArrays, refs: ReferenceSet, rows=None):
    """One group per expert decision: the chosen step against every other ready step.

    Replaying the expert's ordering, the candidates at each decision are exactly the
    steps the planner could take there, so the model learns the planner's choice.
    """
    rows = np.arange(len(refs)) if rows is None else np.asarray(rows)
    edges = Edges.of(arrays)
    levels, roles = refs.levels[rows], refs.roles[rows]
    in_plan = plan_mask(arrays, levels, roles)
    features = step_features(arrays, levels, roles, in_plan)
    xs, ys, groups = [], [], []
    group = 0
    for j, r in enumerate(rows):
        done = np.zeros(arrays.n_skills, dtype=bool)
        for chosen in refs.orderings[r]:
            pending = in_plan[j] & ~done
            ready = pending & ~edges.waiting(refs.blocked[r], pending)
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
    from recommender.ranker import StepRanker  # scikit-learn: for fitting only, not for the start-up check

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

    ``blocked`` (P, E), as in :class:`ReferenceSet`, counts only prerequisites held
    below the level needed; without it, every prerequisite counts.
    """
    edges = Edges.of(arrays)
    if blocked is None:
        blocked = np.ones((len(orders), len(edges.skill)), dtype=bool)
    violations = 0
    for order, mask, blocks in zip(orders, in_plan, blocked, strict=True):
        seen = np.zeros(arrays.n_skills, dtype=bool)
        for s in order[order >= 0]:
            row = slice(arrays.prereqs_ptr[s], arrays.prereqs_ptr[s + 1])
            prerequisites = edges.prerequisite[row]
            violations += int((blocks[row] & mask[prerequisites] & ~seen[prerequisites]).sum())
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
    return float(np.mean([_ndcg_row(t, p, k) for t, p in zip(truth, predicted, strict=True)]))


def _ndcg_row(truth: np.ndarray, predicted: np.ndarray, k: int) -> float:
    """One plan's NDCG@k as scikit-learn's ``ndcg_score`` computes it (tied scores share their places'
    discounts and average their gains; no relevant skill: 0). Written out because the service runs this
    check at start-up, where importing scikit-learn would cost 0.9 s (issue 14's start-up goals)."""
    discount = 1 / np.log2(np.arange(len(truth)) + 2)
    discount[k:] = 0
    ideal = float(np.sort(truth)[::-1] @ discount)
    if ideal == 0:
        return 0.0
    _, group, counts = np.unique(-predicted, return_inverse=True, return_counts=True)
    gains = np.bincount(group, weights=truth) / counts
    places = np.cumsum(discount)[np.cumsum(counts) - 1]
    return float(gains @ np.diff(places, prepend=0.0)) / ideal


def evaluate(arrays: CatalogArrays, refs: ReferenceSet, folds: int = 5, seed: int = 0, C: float = 1.0) -> dict:
    """Cross-validated NDCG@10 and prerequisite violations, model against baseline.

    ``ndcg`` is the mean over all plans (each scored by the model fitted without its fold),
    so the baseline's equals its NDCG on the whole set; ``std`` is over the folds' means.
    """
    from sklearn.model_selection import KFold  # cross-validation only

    splitter = KFold(n_splits=min(folds, len(refs)), shuffle=True, random_state=seed)
    model_scores, base_scores, sizes = [], [], []
    model_violations = base_violations = 0
    for train, test in splitter.split(np.arange(len(refs))):
        model = fit_model(arrays, refs, train, C)
        levels, roles = refs.levels[test], refs.roles[test]
        orders, in_plan = produced_orders(arrays, levels, roles, model.coef)
        base, _ = produced_orders(arrays, levels, roles, catalog_order_weights())
        model_scores.append(ndcg(refs, test, orders))
        base_scores.append(ndcg(refs, test, base))
        sizes.append(len(test))
        model_violations += count_violations(arrays, orders, in_plan, refs.blocked[test])
        base_violations += count_violations(arrays, base, in_plan, refs.blocked[test])
    return {
        "profiles": len(refs),
        "folds": splitter.get_n_splits(),
        "k": NDCG_K,
        "model": {
            "ndcg": float(np.average(model_scores, weights=sizes)),
            "std": float(np.std(model_scores)),
            "violations": model_violations,
        },
        "baseline": {
            "ndcg": float(np.average(base_scores, weights=sizes)),
            "std": float(np.std(base_scores)),
            "violations": base_violations,
        },
    }
