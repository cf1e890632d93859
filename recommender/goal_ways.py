"""Goals outside the plan's role: a short detour to them, planned first.

A plan holds its role's skills (:func:`recommender.kernels.score_rows`), so a goal the role does not hold (an ML
researcher who wants to call a hosted model's API, an ML engineer who wants RAG) would change nothing in it. A
mentor still gets the learner going on it when it is near: the plan takes a detour there first, if the way to it,
past what the person holds and the role teaches, is at most ``MOST_DETOUR_HOURS``. A goal farther off (the theory
of language models for an app developer, 130 hours from maths up) is another path, left to the roles that hold it,
which the answer names.

Such profiles are planned again, in the same compiled loop, on a *widened copy* of the catalog: every role holds
every skill, and each profile's plan takes the targets of its own (:func:`recommender.kernels._detour_targets`):

- the role's own levels;
- the goal at the level any goal is taken to (``kernels._toward_goals``: the level below work use, or one up from
  where the person is);
- every prerequisite on the way at the level the way needs, except those the person meets another way
  (:mod:`recommender.alternatives`);
- nothing of the rest.

A skill outside the role weighs nothing, so the fit, and the role planned for, stay the role's own; only the plan
changes, and the detour's stages come first as any goal's do.

A goal of the role the person already uses at work below the role's level changes nothing there either
(``kernels._toward_goals`` leaves its depth to the plan's order) unless it is Gen AI practice
(:func:`deepened_skills`): someone serving models at work at 3 who names serving fine-tuned Llama as a goal goes on
to 4 first, in the role's own plan (``kernels._toward_goals``: the goal is in the role and its level wanted at
most the role's, so no widened copy and no second pass). Python, the cloud or statistics held at work stay in the
plan's order (a mentor does not send a Kubernetes engineer back to containers first), and so do the builder path's
model internals (language models 3 -> 4 is 40 hours of theory the plan takes in turn).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cached_property, lru_cache

import numpy as np

from recommender.alternatives import Alternatives
from recommender.arrays import CatalogArrays
from recommender.features import practised_level
from skills import Catalog
from skills.catalog import LEGACY_TRACKS, RoleSkill

# The longest detour a plan takes for a goal outside its role: hours of the way past what the person holds and the
# role teaches, about a month at the default pace. Ways next to a role are short (the model API for a researcher
# 6 hours, RAG or guardrails for an ML engineer 13-27, distributed training for an AI Engineer 32), the next
# longest are another path (language models for an app developer with ML behind them 51, from maths up 136).
MOST_DETOUR_HOURS = 40.0


def wanted_levels(levels: np.ndarray, outside: np.ndarray, max_level: int) -> np.ndarray:
    """The level each goal outside the role is taken to (``kernels._goal_level``, vectorised), 0 elsewhere, int8."""
    want = np.maximum(np.int8(max(practised_level(max_level) - 1, 1)), levels + 1)
    return np.where(outside, np.minimum(want, max_level), 0).astype(np.int8)


def deepened_skills(catalog: Catalog) -> np.ndarray:
    """Per skill (catalog order), bool: Gen AI practice, which a goal held at work level goes on with first. Not the
    ground every path stands on (:func:`past_ground`), nor a track learnt in depth (neither shared nor breadth
    first: the builder path's model internals, which a plan deepens in its own order, theory a goal would only put
    before practice)."""
    tracks = catalog.tracks or LEGACY_TRACKS
    in_depth = {t.id for t in tracks if not t.shared and not t.breadth_first}
    track = {m.id: m.track for m in catalog.modules}
    return past_ground(catalog) & np.array([track[s.module] not in in_depth for s in catalog.skills], dtype=bool)


def past_ground(catalog: Catalog) -> np.ndarray:
    """Per skill (catalog order), bool: past the ground every path stands on (the catalog's leading modules serving
    every track: software engineering, foundations), whichever track it is of. A role's depth in such a skill named
    as a goal helps choose the role (``kernels._goal_cover``); every role teaches the ground to its own depth."""
    tracks = catalog.tracks or LEGACY_TRACKS
    shared = {t.id for t in tracks if t.shared}
    ground, past = set(), False
    for module in catalog.modules:
        past |= module.track is not None and module.track not in shared
        if not past:
            ground.add(module.id)
    return np.array([s.module not in ground for s in catalog.skills], dtype=bool)


def practice_first(catalog: Catalog) -> np.ndarray:
    """(R,) bool: the roles whose way to a goal takes Gen AI practice (:func:`deepened_skills`) first among its
    ready stages (``kernels.PRACTICE_FIRST``): those of a track learnt in depth (the builder path's, or a shared
    one), whose way to a goal otherwise runs through theory first: a researcher wanting RLHF gets Hugging Face,
    something to run, before the transformer's internals. Not a role learnt breadth first, whose way's ground (the
    model API, Python) comes before the practice built on it."""
    return np.array([not catalog.breadth_first(role.track) for role in catalog.roles], dtype=bool)


def widened_catalog(catalog: Catalog) -> Catalog:
    """``catalog`` whose every role also holds every skill it lacks, at the top level and weighing nothing (a plan
    on it takes each profile's own targets: :func:`recommender.kernels._detour_targets`).

    Its prerequisites are all needed from the start (``beyond`` dropped): the way to a goal is a closure of
    what first stages need, and a prerequisite needed past a level would join it only where the level wanted
    passes that level. Taking it whole keeps every detour's order sound at the cost of a longer way, for a
    path that is rare (a goal outside the role, held past the level a staged edge names)."""
    top = catalog.max_level
    roles = tuple(
        dataclasses.replace(
            role,
            skills={
                s.id: role.skills.get(s.id) or RoleSkill(level=top, weight=0.0, tier="optional") for s in catalog.skills
            },
        )
        for role in catalog.roles
    )
    skills = tuple(
        dataclasses.replace(s, prerequisites_beyond={}) if s.prerequisites_beyond else s for s in catalog.skills
    )
    return dataclasses.replace(catalog, roles=roles, skills=skills)


class GoalWays:
    """Which goals outside their role profiles get a detour to, and the scorer that plans them.

    ``make(arrays, own_target)`` builds a scorer of the engine's model over the widened copy's arrays, whose plans
    take the targets of their own (``own_target``: each slot's level in its role's own map, 0 outside it); it is
    built the first time a profile needs it.
    """

    def __init__(self, catalog: Catalog, arrays: CatalogArrays, make: Callable[[CatalogArrays, np.ndarray], object]):
        self.catalog = catalog
        self.arrays = arrays
        self._make = make
        self._alternatives = arrays.alternatives or Alternatives(catalog)
        self._holds = arrays.targets > 0  # (R, S)
        self._practised = practised_level(catalog.max_level)
        self._detour = lru_cache(maxsize=4096)(self._detour_need)

    @cached_property
    def scorer(self):
        """The scorer over the widened copy, made on first use."""
        wide = CatalogArrays.from_catalog(widened_catalog(self.catalog))
        role = np.repeat(np.arange(wide.n_roles), np.diff(wide.role_ptr))
        return self._make(wide, self.arrays.targets[role, wide.role_skill].astype(np.int64))

    def detours(
        self,
        levels: np.ndarray,
        targets: np.ndarray,
        rows: np.ndarray,
        skills: np.ndarray,
        meets: np.ndarray | None = None,
        unmet: np.ndarray | None = None,
    ) -> np.ndarray:
        """Which goals (profile ``rows[i]`` names skill ``skills[i]``) the plan takes a detour for, bool. The plan's
        role does not hold them, the person does not yet use them at work (such a goal changes nothing in a plan:
        ``kernels._toward_goals``), and the way to each, past what the person holds and the role teaches, takes at
        most ``MOST_DETOUR_HOURS``. ``meets``: the levels that may meet a prerequisite another way (``levels`` less
        those held only in a restricted form, ``Scorer.score``), ``levels`` when None; ``unmet``: those of them that
        meet some alternatives only (``Scorer.score``'s ``no_alternative``), None for none."""
        role = targets[rows]
        keep = ~self._holds[role, skills] & (levels[rows, skills] < self._practised)
        at = np.flatnonzero(keep)
        if not len(at):
            return keep
        rows, skills, role = rows[at], skills[at], role[at]
        want = wanted_levels(levels[rows, skills], np.ones(len(at), dtype=bool), self.catalog.max_level)
        meets = levels if meets is None else meets
        unmet = None if unmet is None else unmet[rows]
        codes = self._alternatives.codes(meets[rows], unmet) if self._alternatives else np.zeros(len(at), np.int64)
        # One int per (role, goal, level wanted, alternatives met): sorting ints, not rows, is several times faster.
        code_values, code_ids = np.unique(codes, return_inverse=True)
        n_skills, n_levels = len(self.catalog.skill_ids), self.catalog.n_levels
        keys = ((role.astype(np.int64) * n_skills + skills) * n_levels + want) * len(code_values) + code_ids.ravel()
        unique, inverse = np.unique(keys, return_inverse=True)
        inverse = inverse.ravel()
        rest, code = np.divmod(unique, len(code_values))
        rest, wanted = np.divmod(rest, n_levels)
        goal_role, goal = np.divmod(rest, n_skills)
        # Each goal's way as a run of (skill, level needed) entries, runs laid end to end: hours summed per run.
        ways = [
            self._detour(int(r), int(g), int(w), int(code_values[c]))
            for r, g, w, c in zip(goal_role, goal, wanted, code, strict=True)
        ]
        sizes = np.array([len(w[0]) for w in ways], dtype=np.int64)[inverse]
        way_skill = np.concatenate([w[0] for w in ways])
        way_need = np.concatenate([w[1] for w in ways])
        first = np.concatenate([[0], np.cumsum([len(w[0]) for w in ways])])[inverse]
        pair = np.repeat(np.arange(len(at)), sizes)
        entry = first[pair] + np.arange(len(pair)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        s, need = way_skill[entry], way_need[entry]
        start = np.maximum(levels[rows[pair], s], self.arrays.targets[role[pair], s]).astype(np.int64)
        cum = self.arrays.cum_hours
        hours = np.bincount(pair, cum[s, np.maximum(need, start)] - cum[s, start], minlength=len(at))
        keep[at] = hours <= MOST_DETOUR_HOURS
        return keep

    def holds(self, roles: np.ndarray, skills: np.ndarray) -> np.ndarray:
        """Whether role ``roles[i]`` holds skill ``skills[i]``."""
        return self._holds[roles, skills]

    def _detour_need(self, role: int, skill: int, want: int, code: int) -> tuple[np.ndarray, np.ndarray]:
        """The way to ``skill`` at ``want`` for profiles meeting alternatives ``code``: its skills' indices and the
        level each is needed at, read from the widened copy's tables as the scoring loop reads them
        (:func:`recommender.kernels._detour_targets`: its prerequisites in the role, direct or not, none met another
        way; all of a prerequisite's step, where the catalog names no level, at the role's level or else ``want``)."""
        scorer = self.scorer
        tables = scorer.variants[code] if scorer.variants is not None else scorer.tables
        base = int(tables.role_ptr[role])
        lo, hi = tables.ancestors_ptr[base + skill], tables.ancestors_ptr[base + skill + 1]
        way = tables.ancestors_idx[lo:hi]  # local indices: a widened role holds every skill in catalog order
        need = tables.ancestors_level[lo:hi]
        own = tables.own_target[base + way]
        need = np.where(need >= self.catalog.n_levels, np.where(own > 0, own, want), need)
        return np.r_[skill, way].astype(np.int64), np.r_[want, need].astype(np.int64)
