"""The prerequisite graph: its cycles, and what each skill builds on; walked without recursion, so that no chain
is too long."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple


def ancestors(prerequisites: Mapping[str, Sequence[str]]) -> Callable[[str], frozenset[str]]:
    """What each skill builds on, directly or not, in the graph ``skill -> its prerequisites`` (kept per skill
    once asked for). Edges to skills that are not keys are ignored."""
    found: dict[str, frozenset[str]] = {}

    def of(skill: str) -> frozenset[str]:
        hit = found.get(skill)
        if hit is None:
            seen: set[str] = set()
            todo = [skill]
            while todo:
                for p in prerequisites.get(todo.pop(), ()):
                    if p in prerequisites and p not in seen:
                        seen.add(p)
                        todo.append(p)
            hit = found[skill] = frozenset(seen)
        return hit

    return of


class Cycles(NamedTuple):
    shown: list[list[str]]
    """Up to ``limit`` cycles, each as ``[a, b, ..., z, a]`` along real edges; ``z -> a`` closed it."""
    more: int
    """How many more were found and not spelled out."""


def find_cycles(prerequisites: Mapping[str, Sequence[str]], limit: int = 100) -> Cycles:
    """The cycles of the graph ``skill -> its prerequisites``, one per back edge of a depth-first search.

    The search walks skills and prerequisites in the order given, with an explicit
    stack. Each prerequisite that leads back onto the current path (``z -> a``)
    closes a cycle, shown from ``a`` along the path. Without those closing links the
    graph has no cycle, so an author who drops the last link of every cycle shown
    has none left. Edges to skills that are not keys are ignored. Time grows with
    skills + edges (plus the length of the cycles shown).
    """
    edges = {skill: [p for p in needs if p in prerequisites] for skill, needs in prerequisites.items()}
    state: dict[str, bool] = {}  # True while on the current path, False once done
    shown: list[list[str]] = []
    found = 0
    for root in edges:
        if root in state:
            continue
        path, at = [root], {root: 0}
        state[root] = True
        stack = [iter(edges[root])]
        while stack:
            for prereq in stack[-1]:
                if state.get(prereq) is None:
                    state[prereq], at[prereq] = True, len(path)
                    path.append(prereq)
                    stack.append(iter(edges[prereq]))
                    break
                if state[prereq]:
                    found += 1
                    if len(shown) < limit:
                        shown.append([*path[at[prereq] :], prereq])
            else:
                state[path[-1]] = False
                del at[path.pop()]
                stack.pop()
    return Cycles(shown, found - len(shown))
