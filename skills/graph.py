"""Prerequisite cycles, found without recursion so that no chain is too long to check."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from graphlib import CycleError, TopologicalSorter


def find_cycles(prerequisites: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Cycles of the graph ``skill -> its prerequisites``, each as ``[a, b, ..., a]`` along real edges.

    Empty when the graph is acyclic. The cycles share no skill; each starts at its
    first skill in ``prerequisites``' order and takes no detour its own skills allow
    (a shortest cycle through that skill among them). Edges to skills that are not
    keys are ignored. Time grows with skills + edges.
    """
    rank = {skill: n for n, skill in enumerate(prerequisites)}
    edges = {skill: [p for p in needs if p in rank] for skill, needs in prerequisites.items()}
    stuck = _stuck(edges)
    # Every stuck skill waits on a stuck prerequisite, so following one from any of
    # them must come back round: a walk that meets itself has found a cycle.
    nxt = {skill: next(p for p in edges[skill] if p in stuck) for skill in stuck}
    seen: set[str] = set()
    cycles = []
    for start in sorted(stuck, key=rank.__getitem__):
        walk: dict[str, int] = {}
        node = start
        while node not in seen:
            seen.add(node)
            walk[node] = len(walk)
            node = nxt[node]
        if node in walk:
            on_cycle = list(walk)[walk[node] :]
            first = min(on_cycle, key=rank.__getitem__)
            # Within its own skills only, so that cycles stay apart and each is reported once.
            cycles.append(_shortest_cycle(first, edges, set(on_cycle)))
    return cycles


def _stuck(edges: Mapping[str, list[str]]) -> set[str]:
    """Skills that never become ready: on a cycle or after one."""
    sorter = TopologicalSorter(edges)
    try:
        sorter.prepare()
        return set()
    except CycleError:
        pass  # documented: get_ready() still hands out every skill the cycles do not block
    done: set[str] = set()
    while sorter.is_active():
        ready = sorter.get_ready()
        if not ready:
            break
        sorter.done(*ready)
        done.update(ready)
    return set(edges) - done


def _shortest_cycle(start: str, edges: Mapping[str, list[str]], among: set[str]) -> list[str]:
    """Breadth-first from ``start`` back to it, over ``among`` only (it is on a cycle there)."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for prereq in edges[node]:
            if prereq == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if prereq in among and prereq not in parent:
                parent[prereq] = node
                queue.append(prereq)
    raise AssertionError(f"{start} is on no cycle")  # unreachable: callers pass a skill on a cycle
