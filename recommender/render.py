"""Turning the engine's arrays into the JSON response, with reasons a learner can read.

A whole plan is up to ~120 steps (stages of a skill: from one level to a higher one)
of 15 fields and 3-5 reasons each, rendered on every request, so whatever depends
only on the catalog is prepared once in :class:`Renderer`: per role, a "cell" for
every possible step (skill, from level, to level, hours) holding a template of the
step's dict with its static fields and resources filled in, its role reason, and the
masks of its prerequisites and of the skills it unlocks. Texts that depend on the
profile too are kept once made: "unlocks ..." per skill and set of dependents in the
plan, "builds on ..." per skill and set of prerequisites held, and per cell the time
it takes at the paces met so far. Per profile, each plan array becomes a list with
one ``tolist()`` (no per-element numpy indexing), and each step is a copy of its
cell's template with the profile's numbers and reasons stored in it.

A step's reasons, most specific first, so steps do not all open with the same words:
what it unlocks (later skills in the plan that wait for the level it reaches: the
level a prerequisite names, or else the role's level), what it builds on (the
prerequisites the person already holds, rated or inferred; said at a skill's first
stage), where it takes them against the role's level, how long it takes at their
pace and, when the role fit rises by half a point or more, the rise (with one
decimal when whole percentages would read "18% to 18%").

A step's resources are the skill's resources whose level band overlaps the levels
the step teaches, at most :data:`MAX_RESOURCES`: free first, then the closest band.

Responses hold plain ``int``/``float``/``str``/``list``/``dict`` only, never numpy
scalars. Some values are shared between responses rather than copied: the
``catalog`` and ``model`` dicts, each skill's ``prerequisites`` list, each step's
``resources`` list and the parsed profile's lists. Callers must not mutate a
response in place; none does.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import numpy as np

from skills import Catalog
from skills.catalog import MAX_LEVEL, LevelBand

# Step fields in response order; "reasons" is always last.
STEP_KEYS = (
    "rank",
    "skill",
    "name",
    "module",
    "from_level",
    "to_level",
    "hours",
    "start_week",
    "end_week",
    "score",
    "fit_after",
    "tier",
    "prerequisites",
    "resources",
    "reasons",
)
# A step's fit reason appears when the step raises the role fit by at least this much.
FIT_RISE = 0.005
# "0%" to "100%": a fit in [0, 1] as a percentage, looked up rather than formatted per step.
PERCENTS = tuple(f"{k}%" for k in range(101))
# Cells made for steps the catalog does not give, and texts kept per profile shape, stop
# being kept past this many (per role, per skill, per renderer).
MAX_CELLS = 100_000
# Paces (hours a week) whose time texts each cell keeps: most people keep the default.
MAX_PACES = 8
# Resources listed per step.
MAX_RESOURCES = 3
# The band of a resource the catalog ties to no level.
ALL_LEVELS = LevelBand(1, MAX_LEVEL)


class Cell(NamedTuple):
    """What every step (skill, from level, to level, hours) of a plan for one role shares."""

    template: dict
    role_reason: str
    unlocks: int  # bits of the dependents this step's levels let start (see Renderer._bits)
    unlock_texts: dict  # those dependents that are in a plan, as bits -> "unlocks ..." text
    builds_on: int  # bits of the skill's prerequisites
    build_texts: dict  # prerequisites the person holds, as bits -> "builds on ..." text
    time_texts: dict  # hours a week -> how long the step takes at that pace


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2} more"


def short_title(title: str) -> str:
    """A role's title without its gloss in brackets: "AI Engineer (adapts models...)" -> "AI Engineer"."""
    return title.split(" (", 1)[0]


def _weeks(hours: float, pace: float) -> str:
    weeks = hours / pace
    if weeks < 1:
        return "under a week"
    n = max(1, round(weeks))
    return f"about {n} week{'s' if n != 1 else ''}"


def resource_fit(band: LevelBand | None, frm: int, to: int) -> float:
    """How well a resource for levels ``band`` fits a step learning levels ``frm + 1`` to ``to``.

    The share of the two level ranges' union they have in common: 1 when the resource
    covers exactly the step's levels, 0 when they do not overlap. A resource tied to
    no band serves every level.
    """
    lo, hi = band or ALL_LEVELS
    common = min(hi, to) - max(lo, frm + 1) + 1
    if common <= 0:
        return 0.0
    return common / (max(hi, to) - min(lo, frm + 1) + 1)


def choose_resources(resources, frm: int, to: int, limit: int = MAX_RESOURCES) -> list[dict]:
    """The resources whose level band overlaps the step ``frm -> to``, as response dicts.

    Free ones first (``free`` unknown counts as not free), then the best fit of band,
    then the catalog's order; at most ``limit``.
    """
    fits = [resource_fit(r.levels, frm, to) for r in resources]
    overlapping = [i for i, fit in enumerate(fits) if fit > 0]
    chosen = sorted(overlapping, key=lambda i: (resources[i].free is not True, -fits[i]))[:limit]  # a stable sort
    return [
        {"title": r.title, "kind": r.kind, "url": r.url, "free": r.free} for r in map(resources.__getitem__, chosen)
    ]


class Renderer:
    """Builds response dicts; everything per skill, role and level is prepared once."""

    def __init__(self, catalog: Catalog, model):
        self.catalog = catalog
        self.header = {
            "catalog": {"name": catalog.name, "version": catalog.version},
            "model": {"version": model.version},
        }
        self.skills = catalog.skills
        self.words = {lv.value: lv.word for lv in catalog.levels}
        self.roles = catalog.roles
        self.prereqs = [list(s.prerequisites) for s in catalog.skills]
        index = {s.id: i for i, s in enumerate(catalog.skills)}
        self._prereq_bits = [sum(1 << (8 * index[p]) for p in set(s.prerequisites)) for s in catalog.skills]
        # Direct dependents of each skill, in learning (catalog) order.
        self.dependents = [[] for _ in catalog.skills]
        for s, skill in enumerate(catalog.skills):
            for pre in dict.fromkeys(skill.prerequisites):
                self.dependents[index[pre]].append(s)
        self._role_rows = [(r.id, r.title, r.track) for r in catalog.roles]
        # Per skill, texts made on first use: "unlocks ..." keyed by dependents' bits,
        # "builds on ..." keyed by held prerequisites' bits.
        self._unlock_texts = [{} for _ in catalog.skills]
        self._build_texts = [{} for _ in catalog.skills]
        self._fit_prefix = [f"raises your {short_title(r.title)} fit from " for r in catalog.roles]
        self._resources = {
            (s, frm, to): choose_resources(skill.resources, frm, to)
            for s, skill in enumerate(catalog.skills)
            for frm, to in itertools.combinations(range(MAX_LEVEL + 1), 2)
        }
        # Per role, the cell of every step the catalog allows (see _cell), with its hours
        # computed as the engine's tables do: hours to the target level minus hours to
        # the current one, both summed from level 0.
        self._cells: list[dict] = [{} for _ in self.roles]
        for r, role in enumerate(self.roles):
            for s, skill in enumerate(self.skills):
                if skill.id in role.skills:
                    cum = [0.0, *itertools.accumulate(map(float, skill.hours))]
                    for frm, to in itertools.combinations(range(len(cum)), 2):
                        self._cell(r, (s, frm, to, cum[to] - cum[frm]))

    # -- prepared once ---------------------------------------------------------
    def _level(self, value: int) -> str:
        return f"{value} ({self.words[value]})"

    def _role_reason(self, role, tier: str, frm: int, to: int, target: int) -> str:
        """Where the step takes the person against what the role asks for."""
        title = short_title(role.title)
        if tier == "optional":
            return f"optional for {title}, it sets an advanced one apart: {self._level(frm)} to {self._level(to)}"
        if to < target:
            return f"a stage toward the {self._level(target)} {title} needs: {self._level(frm)} to {self._level(to)}"
        return f"{title} needs {self._level(target)}; you are at {self._level(frm)}"

    def _cell(self, r: int, key: tuple[int, int, int, float]) -> Cell:
        """What every step ``key = (skill, from level, to level, hours)`` of a plan for role ``r`` shares.

        Cells are made once, in ``__init__`` for every step the catalog allows, and
        otherwise when a plan first has one (hours the catalog does not give, say).
        """
        s, frm, to, hours = key
        role, skill = self.roles[r], self.skills[s]
        need = role.skills[skill.id]
        template = dict.fromkeys(STEP_KEYS) | {
            "skill": skill.id,
            "name": skill.name,
            "module": skill.module,
            "from_level": frm,
            "to_level": to,
            "hours": round(hours, 1),
            "tier": need.tier,
            "prerequisites": self.prereqs[s],
            "resources": self._resources.get((s, frm, to)) or choose_resources(skill.resources, frm, to),
        }
        # A dependent waits for the level it names of this skill, or else for all of this
        # skill's plan (the role's level): the stage that reaches that level unlocks it.
        unlocks = sum(
            1 << (8 * d)
            for d in self.dependents[s]
            if frm < self.skills[d].prerequisite_levels.get(skill.id, need.level) <= to
        )
        cell = Cell(
            template,
            self._role_reason(role, need.tier, frm, to, need.level),
            unlocks,
            self._unlock_texts[s],
            self._prereq_bits[s],
            self._build_texts[s],
            {},
        )
        cells = self._cells[r]
        if len(cells) < MAX_CELLS:
            cells[key] = cell
        return cell

    def _text(self, texts: dict, bits: int, lead: str) -> str:
        """``lead`` and the skills set in ``bits``, in learning order; kept in ``texts``."""
        named = [self.skills[d].name for d in range(len(self.skills)) if bits >> (8 * d) & 1]
        text = lead + _names(named)
        if len(texts) < MAX_CELLS:
            texts[bits] = text
        return text

    @staticmethod
    def _time(texts: dict, hours: float, pace: float) -> str:
        """How long a step of ``hours`` takes at the person's pace; kept in ``texts`` per pace."""
        text = f"{hours:g} hour{'s' if hours != 1 else ''}: {_weeks(hours, pace)} at your {pace:g} hours a week"
        if len(texts) < MAX_PACES:
            texts[pace] = text
        return text

    @staticmethod
    def _bits(flags: np.ndarray) -> int:
        """A profile's per-skill flags as one int: bit ``8 * s`` is set when skill ``s``'s flag is."""
        return int.from_bytes(flags.astype(np.bool_, copy=False).tobytes(), "little")

    # -- per profile -------------------------------------------------------------
    def roles_list(self, scores, j: int) -> list[dict]:
        fit = scores.fit[j].tolist()
        missing = scores.missing[j].tolist()
        rows = self._role_rows
        out = []
        for r in scores.role_order[j].tolist():
            role_id, title, track = rows[r]
            out.append({"role": role_id, "title": title, "track": track, "fit": fit[r], "missing": missing[r]})
        return out

    def plan(self, scores, j: int, limit: int | None, hours_per_week: float) -> dict:
        p = scores.plans
        n = int(p.n_steps[j])
        count = n if limit is None else min(n, limit)
        return {
            "hours_per_week": hours_per_week,
            "total_hours": round(float(p.total_hours[j]), 1),
            "weeks": int(p.weeks[j]),
            "total_steps": n,
            "steps": self._steps(scores, j, count, hours_per_week) if count > 0 else [],
        }

    def _steps(self, scores, j: int, count: int, pace: float) -> list[dict]:
        p = scores.plans
        target = int(scores.target[j])
        cells = self._cells[target]
        # Dependents in the plan always come later, whether or not the returned cut shows them.
        # They are named in learning order, not plan order: how far the plan was cut (a
        # request's limit, or the largest limit of a batch) must not change the reasons.
        plan_bits = self._bits(p.in_plan[j])
        start_levels = scores.levels[j].tolist()
        held_bits = self._bits(scores.levels[j])
        fit_prefix = self._fit_prefix[target]
        prev_fit = float(scores.fit[j, target])
        prev_percent = f"{round(prev_fit * 100)}%"  # as f"{x:.0%}" rounds, for fits >= 0 (and PERCENTS)
        steps = []
        append = steps.append
        for rank, (key, start, end, score, fit) in enumerate(
            zip(
                zip(
                    p.skill[j, :count].tolist(),
                    p.from_level[j, :count].tolist(),
                    p.to_level[j, :count].tolist(),
                    p.hours[j, :count].tolist(),
                    strict=True,
                ),
                p.start_week[j, :count].tolist(),
                p.end_week[j, :count].tolist(),
                p.score[j, :count].tolist(),
                p.fit_after[j, :count].tolist(),
                strict=True,
            ),
            1,
        ):
            template, role_reason, unlocks, unlock_texts, builds_on, build_texts, time_texts = cells.get(
                key
            ) or self._cell(target, key)
            step = template.copy()
            step["rank"] = rank
            step["start_week"] = start
            step["end_week"] = end
            step["score"] = score
            step["fit_after"] = fit
            later = plan_bits & unlocks
            reasons = [unlock_texts.get(later) or self._text(unlock_texts, later, "unlocks ")] if later else []
            held = held_bits & builds_on
            if held and start_levels[key[0]] == key[1]:  # said once, at the skill's first stage
                reasons.append(build_texts.get(held) or self._text(build_texts, held, "builds on your "))
            reasons.append(role_reason)
            reasons.append(time_texts.get(pace) or self._time(time_texts, template["hours"], pace))
            k = round(fit * 100)
            fit_percent = PERCENTS[k] if 0 <= k <= 100 else f"{k}%"
            if fit - prev_fit >= FIT_RISE:
                if fit_percent == prev_percent:  # a rise that whole percentages would hide
                    reasons.append(f"{fit_prefix}{prev_fit * 100:.1f}% to {fit * 100:.1f}%")
                else:
                    reasons.append(f"{fit_prefix}{prev_percent} to {fit_percent}")
            step["reasons"] = reasons
            append(step)
            prev_fit, prev_percent = fit, fit_percent
        return steps

    def best_fit(self, scores, j: int) -> str | None:
        """The role that fits best, or None when none stands out (the engine's ``has_best_fit``)."""
        return self.roles[scores.role_order[j, 0]].id if scores.has_best_fit[j] else None

    def response(self, scores, j: int, parsed, limit: int | None, hours_per_week: float) -> dict:
        return {
            **self.header,
            "profile": {
                "matched": parsed.matched,
                "unmatched": parsed.unmatched,
                "merged": parsed.merged,
                "inferred": parsed.inferred,
            },
            "roles": self.roles_list(scores, j),
            "best_fit": self.best_fit(scores, j),
            "target_role": self.roles[scores.target[j]].id,
            "plan": self.plan(scores, j, limit, hours_per_week),
        }
