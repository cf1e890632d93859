"""Prerequisite cycles (skills/graph.py) against a plain search, on random graphs and very deep chains."""

from __future__ import annotations

import sys
from graphlib import CycleError, TopologicalSorter

from hypothesis import given, settings
from hypothesis import strategies as st

from skills.graph import ancestors, find_cycles


@st.composite
def graphs(draw) -> dict[str, list[str]]:
    """``skill -> prerequisites`` over up to 25 skills, any edges (cycles, self-loops and unknown ids included)."""
    n = draw(st.integers(1, 25))
    ids = [f"s{i}" for i in range(n)]
    return {s: draw(st.lists(st.sampled_from([*ids, "unknown"]), max_size=4, unique=True)) for s in ids}


def acyclic(graph: dict[str, list[str]]) -> bool:
    try:
        TopologicalSorter({s: [p for p in needs if p in graph] for s, needs in graph.items()}).prepare()
    except CycleError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_cycles_are_real_and_dropping_their_closing_links_leaves_none(graph):
    cycles = find_cycles(graph)
    assert (cycles.shown == []) == acyclic(graph)
    for cycle in cycles.shown:
        assert cycle[0] == cycle[-1]
        assert all(b in graph[a] for a, b in zip(cycle, cycle[1:], strict=False))  # along real edges
    if cycles.more == 0:
        pruned = {s: list(needs) for s, needs in graph.items()}
        for cycle in cycles.shown:
            pruned[cycle[-2]].remove(cycle[-1])
        assert acyclic(pruned)


def test_a_10000_long_chain_closed_into_a_cycle_is_found_without_recursion():
    n = 10_000
    graph = {f"s{i}": [f"s{i - 1}"] if i else [f"s{n - 1}"] for i in range(n)}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100)
    try:
        cycles = find_cycles(graph)
    finally:
        sys.setrecursionlimit(limit)
    assert len(cycles.shown) == 1 and len(cycles.shown[0]) == n + 1 and cycles.more == 0


def test_ancestors_are_every_skill_built_on_even_down_a_chain_longer_than_recursion_allows():
    chain = {f"s{i}": [f"s{i - 1}"] if i else [] for i in range(5000)}
    chain["other"] = ["s2", "not-a-skill"]
    of = ancestors(chain)
    assert of("s3") == {"s0", "s1", "s2"}
    assert of("other") == {"s0", "s1", "s2"}  # an edge to a skill that is not a key is ignored
    assert len(of("s4999")) == 4999 and of("s0") == frozenset()
