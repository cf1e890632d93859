"""Prerequisites another skill can meet instead (``skills.yaml``'s ``or``).

Calling a model's API needs Python at 2, or another programming language used at work (3):
every provider has SDKs for JavaScript, Java, Go and C#. A profile that holds an alternative
at its level meets the prerequisite, so for that profile the edge is not there: holding the
dependent implies nothing of the prerequisite, and a plan does not wait for it. A profile
that holds none learns the prerequisite itself, as before. A prerequisite needed only past a
level of the skill (``beyond``) may have alternatives too: the variant drops its staged edge.

Which edges a profile meets this way is a few bits per profile (its *code*), and the edges
left are those of a variant of the catalog without them. Profiles are scored in groups of
one code, each against its variant's tables, in the same compiled loop: a single profile
is one group, and a cohort has as many groups as codes among its rows (two, for today's
catalog). Variants are built the first time a code is seen.

A level held only through names no model SDK serves (``matching.yaml``'s ``meets_no_alternative``: VB6, MATLAB,
COBOL) is programming held whole, yet it does not meet the prerequisites that rule lists (calling a model's API):
:meth:`Alternatives.codes` takes those cells (``unmet``) and leaves those edges' bits unset for them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Generic, NamedTuple, TypeVar

import numpy as np

from skills import Catalog
from skills.checks import MOST_ALTERNATIVES

T = TypeVar("T")


class Edge(NamedTuple):
    """A prerequisite given with alternatives: ``skill`` needs ``prerequisite``."""

    skill: str
    prerequisite: str


class Alternatives:
    """The catalog's prerequisites given with alternatives, and which of them each profile meets so.

    ``edges[g]`` is bit ``g`` of a code; ``alt_edge``, ``alt_skill``, ``alt_level`` list every
    alternative (the edge it meets, its skill index, the level that meets it).
    """

    def __init__(self, catalog: Catalog):
        index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
        edges, alt_edge, alt_skill, alt_level = [], [], [], []
        for skill in catalog.skills:
            for prerequisite, alternatives in skill.prerequisite_alternatives.items():
                for sid, level in alternatives:
                    alt_edge.append(len(edges))
                    alt_skill.append(index[sid])
                    alt_level.append(level)
                edges.append(Edge(skill.id, prerequisite))
        if len(edges) > MOST_ALTERNATIVES:  # the loader refuses such a catalog; a code is one int64 of bits
            raise ValueError(
                f"at most {MOST_ALTERNATIVES} prerequisites can have alternatives ('or'), not {len(edges)}"
            )
        self.catalog = catalog
        self.edges = tuple(edges)
        self.alt_edge = np.array(alt_edge, dtype=np.int64)
        self.alt_skill = np.array(alt_skill, dtype=np.intp)
        self.alt_level = np.array(alt_level, dtype=np.int64)
        # The edges one (skill, level) meets, as the bits of a code: each column is compared once per level named
        # (another language at 3 meets four of today's edges). Of those, the edges a level held only through names
        # that meet no alternative does not meet (matching.yaml's meets_no_alternative: "VB6" for llm-apis' Python).
        unmet_by = {(r.means, s) for r in catalog.no_alternative_rules for s in r.skills}
        bits: dict[tuple[int, int], list[int]] = {}
        for skill, level, edge in zip(alt_skill, alt_level, alt_edge, strict=True):
            both = bits.setdefault((skill, level), [0, 0])
            both[0] |= 1 << edge
            if (catalog.skill_ids[skill], edges[edge].skill) in unmet_by:
                both[1] |= 1 << edge
        self._meets = tuple((skill, level, bit, strict) for (skill, level), (bit, strict) in bits.items())
        self.strict = any(strict for *_, strict in self._meets)

    def __bool__(self) -> bool:
        return bool(self.edges)

    def codes(self, levels: np.ndarray, unmet: np.ndarray | None = None) -> np.ndarray:
        """``(P,)`` int64: bit ``g`` set where the profile's levels (P, S) meet ``edges[g]`` by an alternative.
        ``unmet`` (P, S) bool: levels held only through names that meet no alternative of some edges
        (``ProfileBatch.no_alternative``), which meet the others only; None for none."""
        codes = np.zeros(len(levels), dtype=np.int64)
        for skill, level, bits, strict in self._meets:  # a handful: one pass over a column per level named
            held = levels[:, skill] >= level
            if strict and unmet is not None:
                codes |= held * np.int64(bits & ~strict) | (held & ~unmet[:, skill]) * np.int64(strict)
            else:
                codes |= held * np.int64(bits)
        return codes

    def code(self, row: np.ndarray, unmet: np.ndarray | None = None) -> int:
        """:meth:`codes` of one profile's levels (S,) (and ``unmet`` (S,)), without arrays: a request's."""
        code = 0
        for skill, level, bits, strict in self._meets:
            if row[skill] >= level:
                code |= bits & ~strict if unmet is not None and unmet[skill] else bits
        return code

    def met(self, code: int) -> frozenset[Edge]:
        """The edges a code's profiles meet by an alternative."""
        return frozenset(e for g, e in enumerate(self.edges) if code >> g & 1)

    def without(self, code: int) -> Catalog:
        """The catalog without the edges ``code`` meets: what a profile of that code still needs."""
        if not code:
            return self.catalog
        met = self.met(code)
        skills = tuple(_without(skill, {p for s, p in met if s == skill.id}) for skill in self.catalog.skills)
        return dataclasses.replace(self.catalog, skills=skills)


def _without(skill, dropped: set[str]):
    if not dropped:
        return skill
    return dataclasses.replace(
        skill,
        prerequisites=tuple(p for p in skill.prerequisites if p not in dropped),
        prerequisite_levels={p: v for p, v in skill.prerequisite_levels.items() if p not in dropped},
        prerequisite_alternatives={p: v for p, v in skill.prerequisite_alternatives.items() if p not in dropped},
        prerequisites_in_use=skill.prerequisites_in_use - dropped,
        # A prerequisite needed past a level (``beyond``) may have alternatives too: met, no stage waits for it.
        prerequisites_beyond={p: v for p, v in skill.prerequisites_beyond.items() if p not in dropped},
    )


class Variants(Generic[T]):
    """One object per code (an implication, a scorer's tables), made from the variant catalog the first time the
    code is seen; code 0's is the catalog's own."""

    def __init__(self, alternatives: Alternatives, make: Callable[[Catalog], T], own: T | None = None):
        self.alternatives = alternatives
        self._make = make
        self._made: dict[int, T] = {} if own is None else {0: own}

    def __getitem__(self, code: int) -> T:
        found = self._made.get(code)
        if found is None:
            found = self._made[code] = self._make(self.alternatives.without(code))
        return found

    def groups(self, levels: np.ndarray, unmet: np.ndarray | None = None) -> Iterator[tuple[T, np.ndarray | None]]:
        """``(object, rows)`` per code among ``levels``' rows (``unmet``: :meth:`Alternatives.codes`); ``rows`` is
        None when all rows share the code (no index needed: a single profile, or a cohort that holds no
        alternative)."""
        if len(levels) <= 1:
            code = self.alternatives.code(levels[0], None if unmet is None else unmet[0]) if len(levels) else 0
            yield self[code], None
            return
        codes = self.alternatives.codes(levels, unmet)
        if (codes == codes[0]).all():
            yield self[int(codes[0])], None
            return
        # numpy sorts integers of 16 bits or fewer by radix, stably: several times faster than int64.
        order = np.argsort(codes.astype(np.uint16) if len(self.alternatives.edges) <= 16 else codes, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(codes[order]) != 0])
        for lo, hi in zip(starts, [*starts[1:], len(order)], strict=True):
            yield self[int(codes[order[lo]])], order[lo:hi]
