"""Implied knowledge: a skill held at a level implies its prerequisites.

Someone who pretrained BERT models at level 5 knows the encoder, and someone at
deep learning 4 is not a beginner at machine-learning fundamentals. The rule,
stated once (:data:`RULE`): a skill held at level ``L`` lifts each prerequisite to

- ``min(L, stated)``, once ``L`` is at least 2 (beginner: the skill has been used,
  not just heard of), where the catalog states the level of the prerequisite the
  skill needs (``Skill.prerequisite_levels``);
- else to level 2, once ``L`` is at least 3;
- to ``L`` itself, once ``L`` is at least 2, where the catalog marks the prerequisite as
  used whenever the skill is (``Skill.prerequisites_in_use``: tool calling is done through a
  model's API, so calling tools at work is calling the API at work);

and, once ``L`` is at least 3 (the skill is used on real work), lifts every
prerequisite, direct or not, to ``L - 1``. A prerequisite needed only past a level of
the skill (``Skill.prerequisites_beyond``) is implied at its stated level only by the skill
held above that level (a first RAG app at 2 says nothing of vector databases, RAG at 3
does); the last rule lifts it as any other, however far down the chain. The stated levels are what a learner
needs to *start* a skill; someone who works with it has kept using all it builds
on, however far down the chain (a PhD who pretrained BERT at 5 is not a beginner
at machine-learning fundamentals), so this part does not fade along a chain.

A skill is lifted no more than one level above a direct prerequisite of it the person rated at
``said_upto`` (1) or lower: who says they only know of language models is not intermediate at GPT.

Two skills the person said they hold at ``shared_from`` (3) or more that build on a skill along different lines
(through different direct dependents of it) lift it to the lower of their two levels: one practice at 3 says a
prerequisite at 2, two practices resting on it (PyTorch and training objectives, a masked language model written
and trained) say it is kept in use at 3. Skills reaching it only through one dependent are one practice (Hugging
Face and fine-tuning both reach the decoder through language models); a prerequisite with one dependent is
reached through it by every line, so that does not separate them. Implied levels corroborate nothing.

Lifted levels lift their own prerequisites in turn (transitively). They only
ever raise a level: what a person said is never lowered or overridden.
"""

from __future__ import annotations

import contextlib
import functools
from graphlib import TopologicalSorter
from typing import NamedTuple

import numpy as np

from recommender import kernels
from recommender.alternatives import Alternatives, Variants
from skills import Catalog


class Rule(NamedTuple):
    """What holding a skill implies about its prerequisites (see the module docstring)."""

    stated_from: int  # the level held from which a stated prerequisite level is implied
    unstated_from: int  # the level held from which a prerequisite with no stated level is implied...
    unstated_level: int  # ...at this level
    experienced_from: int  # the level held from which every prerequisite, direct or not, is implied one level lower
    said_upto: int = 1  # a direct prerequisite the person rated at this level or lower bounds the skill one above it
    shared_from: int = 0  # two skills said at this level or more, built on a skill along different lines, imply it


RULE = Rule(stated_from=2, unstated_from=3, unstated_level=2, experienced_from=3, said_upto=1, shared_from=3)


def implied_level(held: int, stated: int | None, rule: Rule = RULE, in_use: bool = False) -> int:
    """The level a prerequisite is implied at by a skill held at ``held``; ``in_use``: a prerequisite used
    whenever the skill is (``Skill.prerequisites_in_use``), implied at the level held."""
    if in_use and held >= rule.stated_from:
        return held
    if stated is not None:
        return min(held, stated) if held >= rule.stated_from else 0
    return rule.unstated_level if held >= rule.unstated_from else 0


def experienced_level(held: int, rule: Rule = RULE) -> int:
    """The level every prerequisite, direct or not, is implied at by a skill held at ``held``."""
    return held - 1 if held >= rule.experienced_from else 0


class Inferred(NamedTuple):
    """Cells lifted by implication: ``rows[i]`` holds ``skills[i]`` at ``levels[i]``, implied by ``sources[i]``."""

    rows: np.ndarray
    skills: np.ndarray
    levels: np.ndarray
    sources: np.ndarray


class Implication:
    """Applies implied knowledge to a (profiles x skills) level matrix.

    Since every step of implication is monotone in the level held, a chain of them
    composes into one table per (held skill, prerequisite it reaches) pair, worked
    out once here by walking the catalog's prerequisites in topological order.
    Applying them is then one lookup and maximum per pair and profile, in one
    compiled pass over the rows (:func:`recommender.kernels.imply_rows`).

    A prerequisite another skill meets instead (``or``) is implied only by profiles that hold
    none of its alternatives: a Rails developer calling models with the ruby-openai gem has not
    shown Python. Rows that hold one are raised by the implication of a variant of the catalog
    without that edge (:mod:`recommender.alternatives`).
    """

    BLOCK_ROWS = 16384  # rows per pass: bounds the (rows x prerequisites) record of sources

    def __init__(self, catalog: Catalog, rule: Rule = RULE, *, alternatives: bool = True):
        self.n_skills = len(catalog.skill_ids)
        self.n_levels = (
            catalog.n_levels
        )  # the catalog's own scale, 0..max_level: each pair's table has a cell per level
        pairs = _reach(catalog, rule)
        index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
        self.source = pairs.source
        self.table = pairs.table.astype(np.int32).reshape(-1)  # (pairs * levels,)
        self.offset = np.arange(len(pairs.source), dtype=np.intp) * self.n_levels
        self.target, group_of = np.unique(pairs.target, return_inverse=True)
        self.group_of = group_of.astype(np.intp)
        # The same pairs by held skill (stable: each skill's pairs in prerequisite order), for rows to visit
        # only the pairs of the skills they hold.
        self.source_pairs = np.argsort(pairs.source, kind="stable").astype(np.intp)
        self.source_ptr = np.searchsorted(pairs.source[self.source_pairs], np.arange(self.n_skills + 1)).astype(np.intp)
        # Each skill's direct prerequisites (this catalog's: a variant's lacks those met by an alternative), whose
        # level as the person said it bounds what implication raises the skill to (:func:`said_bound`).
        needed = [[index[p] for p in s.prerequisites] for s in catalog.skills]
        self.needs_ptr = np.cumsum([0] + [len(x) for x in needed]).astype(np.intp)
        self.needs = np.array([p for x in needed for p in x], dtype=np.intp)
        self.said_upto = rule.said_upto
        self.shared_from = rule.shared_from
        self.via = pairs.via.astype(np.int64)
        if len(pairs.source) and pairs.table[:, 0].any():
            raise ValueError("an implication rule must imply nothing from a skill held at 0")
        met = Alternatives(catalog) if alternatives else None
        self._variants = Variants(met, lambda c: Implication(c, rule, alternatives=False), own=self) if met else None

    def apply(
        self, levels: np.ndarray, rated: np.ndarray | None = None, restricted: np.ndarray | None = None
    ) -> Inferred:
        """Raise ``levels`` (P, S) in place to what the levels held imply; return the cells raised.

        Cells where ``rated`` (P, S) is true are what the person said, and are never
        changed. Cells where ``restricted`` is true were credited through a restricted form of
        the skill (``matching.yaml``'s ``up_to``: Stable Diffusion through a no-code web UI,
        SQL as Salesforce's SOQL, Gen AI fundamentals as ChatGPT): they imply nothing, since
        the restricted form shares the skill's part that was credited, not what the whole
        skill builds on, and are raised to what the rest of the profile implies of the skill
        where that is more (a RAG engineer who also rates ChatGPT knows Gen AI beyond
        awareness). A raised cell's source is the skill held that implied it (for a
        chain, the skill at its far end); of equal claims, the first in catalog order.
        """
        if self._variants is None:
            return self._apply(levels, rated, restricted)
        parts = []
        for implication, rows in self._variants.groups(levels):
            if rows is None:
                return implication._apply(levels, rated, restricted)
            some = levels[rows]
            found = implication._apply(some, _rows(rated, rows), _rows(restricted, rows))
            levels[rows] = some
            parts.append(found._replace(rows=rows[found.rows]))
        joined = Inferred(*(np.concatenate(x) for x in zip(*parts, strict=True)))
        order = np.argsort(joined.rows, kind="stable")  # each row's cells together, in the order found
        return Inferred(*(x[order] for x in joined))

    def _apply(
        self, levels: np.ndarray, rated: np.ndarray | None, restricted: np.ndarray | None, says=None
    ) -> Inferred:
        """:meth:`apply` with this catalog's edges for every row; ``says``: the cells whose level bounds their
        dependents' (default ``rated``)."""
        if restricted is not None and restricted.any():
            with _held_aside(levels, restricted) as kept:
                found = self._apply(levels, rated, None, _said(rated, restricted))
            raised = found.levels > kept[found.rows, found.skills]
            return Inferred(*(x[raised] for x in found))
        parts = [
            self._cells(levels[start : start + len(by)], by, start) for start, by in self._raise(levels, rated, says)
        ]
        if len(parts) == 1:  # a request or a chunk: no blocks to join
            return parts[0]
        return Inferred(*(np.concatenate(x) for x in zip(*parts, strict=True)))

    def count(
        self, levels: np.ndarray, rated: np.ndarray | None = None, restricted: np.ndarray | None = None
    ) -> np.ndarray:
        """Raise ``levels`` in place as :meth:`apply` does; return how many cells of each row were raised.

        Files show only this count, and counting skips the record of raised cells,
        which cost more than raising them (on 100,000 rows of the 72-skill catalog,
        about 1.8 million cells: 0.25 s of the 0.36 s).
        """
        if self._variants is None:
            return self._counted(levels, rated, restricted)
        counts = np.zeros(len(levels), dtype=np.int64)
        for implication, rows in self._variants.groups(levels):
            if rows is None:
                return implication._counted(levels, rated, restricted)
            some = levels[rows]
            counts[rows] = implication._counted(some, _rows(rated, rows), _rows(restricted, rows))
            levels[rows] = some
        return counts

    def _counted(self, levels: np.ndarray, rated: np.ndarray | None, restricted: np.ndarray | None) -> np.ndarray:
        """:meth:`count` with this catalog's edges for every row."""
        if restricted is not None and restricted.any():
            with _held_aside(levels, restricted) as kept:
                return self._count(levels, rated, kept, _said(rated, restricted))
        return self._count(levels, rated)

    def _count(
        self, levels: np.ndarray, rated: np.ndarray | None, kept: np.ndarray | None = None, says=None
    ) -> np.ndarray:
        """Cells raised per row; with ``kept`` (restricted credits held aside), only cells raised above them."""
        counts = np.zeros(len(levels), dtype=np.int64)
        # Only the prerequisites some row holds aside can rise no higher than their credit: compare those alone.
        held = np.flatnonzero(kept[:, self.target].any(axis=0)) if kept is not None else ()
        for start, by in self._raise(levels, rated, says):
            raised = by >= 0
            if len(held):
                rows, skills = slice(start, start + len(by)), self.target[held]
                raised[:, held] &= levels[rows, skills] > kept[rows, skills]
            counts[start : start + len(by)] = np.count_nonzero(raised, axis=1)
        return counts

    def _raise(self, levels: np.ndarray, rated: np.ndarray | None, says: np.ndarray | None = None):
        """Raise ``levels`` block by block; yield each block's first row and the source of each raise (-1: none).

        ``says`` (default ``rated``): cells whose level the person said, which bound what their dependents are
        raised to (one above it)."""
        if rated is None:
            rated = np.zeros(levels.shape, dtype=bool)
        if says is None:
            says = rated
        for start in range(0, max(len(levels), 1), self.BLOCK_ROWS):
            rows = slice(start, start + self.BLOCK_ROWS)
            block = levels[rows]
            if not (len(self.source) and len(block)):  # a catalog without prerequisites, or no rows
                yield start, np.full((len(block), len(self.target)), -1, dtype=np.int64)
                continue
            # One compiled pass per row (recommender.kernels.imply_rows), no (rows x pairs) temporaries.
            work = kernels.as_input(block, np.int8)
            raised_by = np.empty((len(block), len(self.target)), dtype=np.int64)
            kernels.imply_rows(
                work, kernels.as_input(rated[rows], bool), kernels.as_input(says[rows], bool), self.source_ptr,
                self.source_pairs, self.group_of, self.target, self.table, self.offset, self.needs_ptr, self.needs,
                self.said_upto, self.shared_from, self.via, raised_by,
            )  # fmt: skip
            if work is not block:
                block[...] = work
            yield start, raised_by

    def _cells(self, levels: np.ndarray, raised_by: np.ndarray, first_row: int) -> Inferred:
        rows, cols = np.nonzero(raised_by >= 0)
        skills = self.target[cols]
        return Inferred(rows + first_row, skills, levels[rows, skills].astype(np.intp), raised_by[rows, cols])


def _said(rated: np.ndarray | None, restricted: np.ndarray) -> np.ndarray | None:
    """The cells whose level the person said whole: rated, not credited through a restricted form (held aside at 0
    while raising, a restricted credit says nothing of the whole skill's dependents)."""
    return None if rated is None else rated & ~restricted


def _rows(mask: np.ndarray | None, rows: np.ndarray) -> np.ndarray | None:
    return None if mask is None else mask[rows]


@contextlib.contextmanager
def _held_aside(levels: np.ndarray, restricted: np.ndarray):
    """While raising, the ``restricted`` cells of ``levels`` held at 0, implying nothing; after, each is the higher
    of its own level and what the rest of the profile implies of it. Yields the levels held aside (0 elsewhere)."""
    kept = np.where(restricted, levels, 0).astype(levels.dtype)
    levels[restricted] = 0
    try:
        yield kept
    finally:
        np.maximum(levels, kept, out=levels)


class Pairs(NamedTuple):
    """(held skill, prerequisite it implies) pairs by prerequisite, then held skill, in catalog order.

    ``table[k, h]`` is the level pair ``k`` implies from ``source[k]`` held at ``h``.
    """

    source: np.ndarray  # (pairs,) intp
    target: np.ndarray  # (pairs,) intp
    table: np.ndarray  # (pairs, catalog.n_levels) int8
    via: np.ndarray  # (pairs,) intp: the one direct dependent of the prerequisite every path from the held skill
    # comes through, else -1 (paths through several, or a prerequisite with one dependent, which all paths share)


def _reach(catalog: Catalog, rule: Rule) -> Pairs:
    """For each skill held and each prerequisite it implies, the implied level by the level held.

    Chains compose: the level implied along a path is each step's table applied in
    turn, and of several paths the highest counts. One pass over the skills,
    dependents before their prerequisites, carries to each skill the tables of all
    the skills that reach it, so the cost follows the edges times the sources that
    reach them (the pairs it returns), not skills squared.
    """
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    order = TopologicalSorter({s.id: s.prerequisites for s in catalog.skills}).static_order()
    levels = np.arange(catalog.n_levels, dtype=np.int8)
    experienced = np.array([experienced_level(h, rule) for h in levels], dtype=np.int8)
    claims: list[list[Pairs]] = [[] for _ in index]  # per skill: (source, table) from each dependent
    empty = _empty(catalog.n_levels)
    reach: list[Pairs] = [empty] * len(index)

    @functools.cache
    def step(stated: int | None, in_use: bool) -> np.ndarray:
        """The level one edge implies by the level held: one table per kind of edge, not per edge."""
        return np.array([implied_level(h, stated, rule, in_use) for h in levels], dtype=np.int8)

    for sid in reversed(list(order)):  # dependents before their prerequisites
        i = index[sid]
        reach[i] = _best_by_source(claims[i], i) if claims[i] else empty
        claims[i] = []
        skill = catalog.skill(sid)
        if not skill.prerequisites:
            continue
        # The skill itself held at h, then each skill reaching it: the level it is reached at, by h.
        sources = np.concatenate(([i], reach[i].source))
        held = np.vstack((levels, reach[i].table))
        steps = np.stack(
            [step(skill.prerequisite_levels.get(p), p in skill.prerequisites_in_use) for p in skill.prerequisites]
        )
        stepped = steps[:, held]  # (prerequisites, sources, levels)
        for k, p in enumerate(skill.prerequisites):
            if p in skill.prerequisites_beyond:  # needed past a level: held no higher, its stated level is not implied
                stepped[k] *= held > skill.prerequisites_beyond[p]
        lifted = np.maximum(stepped, experienced)
        for p, table in zip(skill.prerequisites, lifted, strict=True):
            claims[index[p]].append(Pairs(sources, None, table, np.full(len(sources), i, dtype=np.intp)))
    return _joined(reach, empty)


def _empty(n_levels: int) -> Pairs:
    none = np.empty(0, dtype=np.intp)
    return Pairs(none, none, np.empty((0, n_levels), dtype=np.int8), none)


def _best_by_source(claims: list[Pairs], target: int) -> Pairs:
    """Of the claims on one skill, the highest table per source, sources in catalog order; each source's ``via``, the
    one dependent all its claims came through (-1: several, or the skill has one dependent)."""
    source = np.concatenate([c.source for c in claims])
    table = np.concatenate([c.table for c in claims])
    via = np.concatenate([c.via for c in claims])
    by = np.argsort(source, kind="stable")
    source, table, via = source[by], table[by], via[by]
    firsts = np.flatnonzero(np.r_[True, source[1:] != source[:-1]])
    low, high = np.minimum.reduceat(via, firsts), np.maximum.reduceat(via, firsts)
    one = np.where(low == high, low, -1) if len(claims) > 1 else np.full(len(firsts), -1, dtype=np.intp)
    return Pairs(source[firsts], np.full(len(firsts), target, dtype=np.intp), np.maximum.reduceat(table, firsts), one)


def _joined(reach: list[Pairs], empty: Pairs) -> Pairs:
    """All skills' pairs in one table, dropping pairs that imply nothing at any level."""
    if not any(len(r.source) for r in reach):
        return empty
    kept = [r for r in reach if len(r.source)]
    pairs = Pairs(*(np.concatenate(x) for x in zip(*kept, strict=True)))
    implies = pairs.table.any(axis=1)
    return Pairs(*(x[implies] for x in pairs))
