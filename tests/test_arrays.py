"""The catalog's arrays against plain reference implementations, on random prerequisite graphs.

``recommender.arrays`` keeps everything per role over the role's own skills and finds
the prerequisite closure in one topological pass per role; these tests rebuild each
table the plain way (breadth-first search per skill, dense numpy sums) and compare.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import deque
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pytest
from engine_strategies import hour_share, level_rows
from hypothesis import given, settings
from hypothesis import strategies as st

import skills
from recommender import kernels
from recommender.arrays import WHOLE_STEP, CatalogArrays
from recommender.engine import Scorer
from recommender.modelio import load_model

CATALOG = skills.load_catalog(skills.default_catalog_dir())
COEF = load_model().coef
SHIPPED = CatalogArrays.from_catalog(CATALOG)
PROPERTY = settings(max_examples=60, deadline=None)


@st.composite
def catalogs(draw, max_skills: int = 30, max_prereqs: int = 4, min_skills: int = 1) -> skills.Catalog:
    """A random catalog: a DAG over skills listed in a shuffled order (so list order is not a topological
    order), prerequisites bare or with a level, 1-4 roles over random subsets, on a level scale 0..top of 1 to 9."""
    top = draw(st.sampled_from([5, 1, 3, 9]))  # shrinks to the shipped scale
    n = draw(st.integers(min_skills, max_skills))
    rank = draw(st.permutations(range(n)))  # rank[i]: skill i's place in a hidden topological order
    by_rank = sorted(range(n), key=lambda i: rank[i])
    ids = [f"s{i}" for i in range(n)]
    built = []
    for i in range(n):
        earlier = by_rank[: rank[i]]
        picked = draw(st.lists(st.sampled_from(earlier), max_size=max_prereqs, unique=True)) if earlier else []
        levels = {ids[p]: draw(st.integers(1, top)) for p in picked if draw(st.booleans())}
        hours = tuple(float(h) for h in draw(st.lists(st.integers(1, 50), min_size=top, max_size=top)))
        built.append(
            skills.Skill(
                id=ids[i], name=f"Skill {i}", module=CATALOG.modules[0].id, description="", hours=hours,
                prerequisites=tuple(ids[p] for p in picked), prerequisite_levels=MappingProxyType(levels),
            )
        )  # fmt: skip
    roles = []
    for r in range(draw(st.integers(1, 4))):
        members = draw(st.lists(st.sampled_from(range(n)), min_size=1, max_size=n, unique=True))
        role_skills = {
            ids[s]: skills.RoleSkill(draw(st.integers(1, top)), draw(st.integers(1, 10)) / 10, "core") for s in members
        }
        roles.append(skills.Role(f"r{r}", f"Role {r}", CATALOG.roles[0].track, "", MappingProxyType(role_skills)))
    scale = tuple(skills.Level(v, f"level{v}", f"Level {v}.") for v in range(top + 1))
    return dataclasses.replace(CATALOG, levels=scale, skills=tuple(built), roles=tuple(roles))


def direct_waits(catalog) -> dict[int, dict[int, int]]:
    """``s -> {prerequisite: level waited for}`` (the scale's ``n_levels`` for a bare id)."""
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    whole = catalog.n_levels
    return {
        index[s.id]: {index[p]: s.prerequisite_levels.get(p, whole) for p in s.prerequisites} for s in catalog.skills
    }


def reachable(waits: dict[int, dict[int, int]], x: int) -> set[int]:
    """Every prerequisite of ``x``, direct or not, by breadth-first search."""
    seen, queue = set(), deque(waits[x])
    while queue:
        q = queue.popleft()
        if q not in seen:
            seen.add(q)
            queue.extend(waits[q])
    return seen


def plain_role_ancestors(catalog, role) -> set[tuple[int, int, int]]:
    """``(skill, ancestor, level)`` for role skills: the level is the highest wait of an edge into the ancestor
    from the skill itself or one of its ancestors."""
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    members = {index[sid] for sid in role.skills}
    waits = direct_waits(catalog)
    out = set()
    for x in members:
        up = reachable(waits, x)
        for a in up & members:
            out.add((x, a, max(waits[y][a] for y in up | {x} if a in waits[y])))
    return out


def csr_triples(arrays: CatalogArrays, r: int, ptr, idx, level) -> set[tuple[int, int, int]]:
    lo, hi = arrays.role_ptr[r], arrays.role_ptr[r + 1]
    skill = arrays.role_skill
    return {
        (int(skill[s]), int(skill[lo + idx[e]]), int(level[e]))
        for s in range(lo, hi)
        for e in range(ptr[s], ptr[s + 1])
    }


@PROPERTY
@given(catalogs())
def test_role_closure_is_the_plain_search(catalog):
    arrays = CatalogArrays.from_catalog(catalog)
    a = arrays
    for r, role in enumerate(catalog.roles):
        got = csr_triples(a, r, a.role_ancestors_ptr, a.role_ancestors_idx, a.role_ancestors_level)
        assert got == plain_role_ancestors(catalog, role)


@PROPERTY
@given(catalogs())
def test_needed_by_counts_every_skill_that_needs_it(catalog):
    arrays = CatalogArrays.from_catalog(catalog)
    waits = direct_waits(catalog)
    want = np.zeros(arrays.n_skills, dtype=np.int64)
    for x in range(arrays.n_skills):
        for a in reachable(waits, x):
            want[a] += 1
    np.testing.assert_array_equal(arrays.needed_by, want)


@PROPERTY
@given(catalogs())
def test_role_edges_are_the_catalogs_edges_within_each_role(catalog):
    a = CatalogArrays.from_catalog(catalog)
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    for r, role in enumerate(catalog.roles):
        members = {index[sid] for sid in role.skills}
        want = {
            (index[s.id], index[p], s.prerequisite_levels.get(p, WHOLE_STEP))
            for s in catalog.skills
            for p in s.prerequisites
            if index[s.id] in members and index[p] in members
        }
        assert csr_triples(a, r, a.role_prereqs_ptr, a.role_prereqs_idx, a.role_prereqs_level) == want
        back = csr_triples(a, r, a.role_dependents_ptr, a.role_dependents_idx, a.role_dependents_level)
        assert back == {(p, s, level) for s, p, level in want}


@PROPERTY
@given(catalogs())
def test_topological_order_puts_prerequisites_first(catalog):
    a = CatalogArrays.from_catalog(catalog)
    order = kernels.topological_order(a.prereqs_ptr, a.prereqs_idx)
    place = np.empty_like(order)
    place[order] = np.arange(len(order))
    assert sorted(order.tolist()) == list(range(a.n_skills))
    for s in range(a.n_skills):
        assert all(place[p] < place[s] for p in a.prereqs_idx[a.prereqs_ptr[s] : a.prereqs_ptr[s + 1]])


def test_a_cycle_is_an_error_not_a_hang():
    ptr, idx = np.array([0, 1, 2, 3]), np.array([2, 0, 1])  # 0 needs 2 needs 1 needs 0
    with pytest.raises(ValueError, match="cycle"):
        kernels.topological_order(ptr, idx)


@PROPERTY
@given(catalogs())
def test_slot_tables_are_the_dense_formulas(catalog):
    a = CatalogArrays.from_catalog(catalog)
    for r in range(a.n_roles):
        for slot in range(a.role_ptr[r], a.role_ptr[r + 1]):
            s = a.role_skill[slot]
            target = int(a.targets[r, s])
            assert a.slot_of[r, s] == slot and a.slot_target[slot] == target > 0
            for level in range(a.n_levels):
                reach = min(level, target)
                assert a.slot_hours[slot * a.n_levels + level] == a.cum_hours[s, target] - a.cum_hours[s, reach]
                share = reach / target * (a.weights[r, s] / a.weights[r].sum())
                assert a.slot_reached[slot * a.n_levels + level] == share
    assert (a.slot_of >= 0).sum() == a.n_slots == (a.targets > 0).sum()


@PROPERTY
@given(catalogs())
def test_max_stages_bounds_every_plan_and_is_the_plain_count(catalog):
    a = CatalogArrays.from_catalog(catalog)
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    want = 0
    for role in catalog.roles:
        named: dict[int, set[int]] = {}
        for s in catalog.skills:
            for p, level in s.prerequisite_levels.items():
                if s.id in role.skills and p in role.skills:
                    named.setdefault(index[p], set()).add(level)
        want = max(want, sum(min(a.n_levels - 1, 1 + len(named.get(index[sid], ()))) for sid in role.skills))
    assert a.max_stages == want
    beginners = np.zeros((a.n_roles, a.n_skills), dtype=np.int8)
    scores = Scorer(a, COEF, threads=1).score(beginners, np.arange(a.n_roles))
    assert (scores.plans.n_steps <= a.max_stages).all()


def check_fits_are_numpys(catalog, seed):
    a = CatalogArrays.from_catalog(catalog)
    rng = np.random.default_rng(seed)
    levels = rng.integers(0, a.n_levels, (20, a.n_skills)).astype(np.int8)
    levels[10:] *= rng.random((10, a.n_skills)) < rng.random((10, 1)) * 0.2
    dense = np.zeros((a.n_roles, a.n_skills, a.n_levels))
    role = np.repeat(np.arange(a.n_roles), np.diff(a.role_ptr))
    dense[role, a.role_skill] = a.slot_reached.reshape(-1, a.n_levels)
    want = np.stack([dense[r, np.arange(a.n_skills), levels].sum(axis=1) for r in range(a.n_roles)], axis=1)
    scores = Scorer(a, COEF, threads=1).score(levels, limit=0)
    np.testing.assert_array_equal(scores.fit, np.round(want, 4))
    below = np.stack([((levels < a.targets[r]) & (a.targets[r] > 0)).sum(axis=1) for r in range(a.n_roles)], axis=1)
    np.testing.assert_array_equal(scores.missing, below)


@settings(max_examples=25, deadline=None)
@given(catalogs(max_skills=700, max_prereqs=2, min_skills=100), st.integers(0, 2**32 - 1))
def test_fits_add_as_numpy_sums_the_dense_rows(catalog, seed):
    """Role fits visit a role's skills only (or, for a sparse profile, the skills held) and still add in numpy's
    pairwise order over all skills (leaves of 128 split in halves, lanes of 8, tails): the same bits as the dense
    sum, for any number of skills. Half the rows hold a fifth of the skills or fewer (kernels._held_fits)."""
    check_fits_are_numpys(catalog, seed)


@PROPERTY
@given(catalogs(), st.integers(0, 2**32 - 1))
def test_fits_of_small_catalogs_are_numpys(catalog, seed):
    """The same with 1-30 skills: one leaf, shorter than 8 (all tail) or with lanes and a tail."""
    check_fits_are_numpys(catalog, seed)


def chain(n: int) -> skills.Catalog:
    """``n`` skills, each needing the one before: the deepest graph there is."""
    base = dataclasses.replace(CATALOG.skills[0], prerequisite_levels=MappingProxyType({}), resources=())
    built = tuple(
        dataclasses.replace(base, id=f"c{i}", name=f"Chain {i}", prerequisites=(f"c{i - 1}",) if i else ())
        for i in range(n)
    )
    role = skills.Role(
        "all", "All", CATALOG.roles[0].track, "", {s.id: skills.RoleSkill(3, 1.0, "core") for s in built}
    )
    return dataclasses.replace(CATALOG, skills=built, roles=(role,))


def test_a_1000_long_chain_plans_without_recursion():
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # nothing on the way may recurse per skill
    try:
        a = CatalogArrays.from_catalog(chain(1000))
    finally:
        sys.setrecursionlimit(limit)
    assert a.needed_by[0] == 999 and a.needed_by[-1] == 0
    assert len(a.role_ancestors_idx) == 1000 * 999 // 2  # every earlier link, one role over all of them
    plans = Scorer(a, COEF, threads=1).score(np.zeros((1, 1000), dtype=np.int8)).plans
    assert plans.skill[0].tolist() == list(range(1000))  # the chain's only order


def test_a_catalog_without_roles_is_a_clear_error():
    with pytest.raises(ValueError, match="no roles"):
        CatalogArrays.from_catalog(dataclasses.replace(CATALOG, roles=()))


def test_a_10000_skill_catalog_loads_and_scores(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bench_scale import generate

    counts = generate(10_000, tmp_path)
    catalog = skills.load_catalog(tmp_path)
    a = CatalogArrays.from_catalog(catalog)
    assert a.n_skills == 10_000 and len(a.prereqs_idx) == counts["edges"]
    assert a.n_slots == (a.targets > 0).sum()  # tables per role over the role's own skills, not R x S
    scores = Scorer(a, COEF, threads=1).score(np.zeros((3, a.n_skills), dtype=np.int8), np.arange(3), limit=10)
    assert (scores.plans.skill >= 0).all() and (scores.plans.n_steps > 10).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(level_rows(), min_size=1, max_size=8))
def test_hour_shares_are_the_smallest_rule_each_profile_meets(rows):
    levels = np.array(rows, dtype=np.int8)
    shares = SHIPPED.hour_shares(levels)
    assert shares.shape == levels.shape
    for p, row in enumerate(levels):
        assert shares[p].tolist() == [hour_share(skill, row) for skill in CATALOG.skills]
