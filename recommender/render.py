"""Turning the engine's arrays into the JSON response, with reasons a learner can read.

A whole plan is up to ~120 steps (stages of a skill: from one level to a higher one)
of 15 fields and 3-5 reasons each, rendered on every request, so whatever depends
only on the catalog is made on first use and kept by :class:`Renderer`: per role, a
"cell" for every step (skill, from level, to level, hours) a plan has had, holding a
template of the step's dict with its static fields and resources filled in, its role
reason, and the masks of its prerequisites and of the skills it unlocks. Nothing is
made per role x skill x level up front, so building a renderer costs what reading
the catalog's skills and edges does, whatever its size. Masks are ints with a bit per
skill of the role's *view*: the role's own skills and their prerequisites, the only
skills a plan for it names, so they grow with the role, not with the catalog. Texts
that depend on the profile too are kept once made: "unlocks ..." per skill and set of
dependents in the plan, "builds on ..." per skill and set of prerequisites held, and
per cell the time it takes at the paces met so far. Per profile, each plan array
becomes a list with one ``tolist()`` (no per-element numpy indexing), and each step
is a copy of its cell's template with the profile's numbers and reasons stored in it.

A step's reasons, most specific first, so steps do not all open with the same words:
for a step the plan took first for the person's goals, that goal (it is one, or it is on
the way to one); what it unlocks (later skills in the plan that wait for the level it reaches: the
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

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

from skills import Catalog
from skills.catalog import LevelBand
from skills.graph import ancestors

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
# Cells and texts made on first use stop being kept past this many (per role, per role's skill).
MAX_CELLS = 100_000
# Paces (hours a week) whose time texts each cell keeps: most people keep the default.
MAX_PACES = 8
# Resources listed per step.
MAX_RESOURCES = 3


class Cell(NamedTuple):
    """What every step (skill, from level, to level, hours) of a plan for one role shares."""

    template: dict
    role_reason: str
    slot: int  # the skill's place in the role's view (see RoleView)
    unlocks: int  # view bits of the dependents this step's levels let start (see Renderer._bits)
    unlock_texts: dict  # those dependents that are in a plan, as bits -> "unlocks ..." text
    builds_on: int  # view bits of the skill's prerequisites
    build_texts: dict  # prerequisites the person holds, as bits -> "builds on ..." text
    time_texts: dict  # hours a week -> how long the step takes at that pace


class Texts(NamedTuple):
    """One skill's reason texts in one role, keyed by view bits."""

    unlocks: dict
    builds_on: dict


class RoleView(NamedTuple):
    """The skills a plan for one role can name, its own and their prerequisites, and what it has rendered.

    A plan holds only its role's skills (the engine's ``in_plan``), and a step names
    only its skill's dependents in the plan and prerequisites held, so masks over the
    view's ``slots`` say all a mask over the whole catalog would, in a few hundred bits.
    """

    slots: np.ndarray  # catalog indices, ascending: learning order
    slot_of: dict  # catalog index -> place in slots
    cells: dict  # (skill, from level, to level, hours) -> Cell
    texts: dict  # catalog index -> Texts


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2} more"


def short_title(title: str) -> str:
    """A role's title without its gloss in brackets: "AI Engineer (adapts models...)" -> "AI Engineer"."""
    return title.split(" (", 1)[0]


def count(n: float, noun: str) -> str:
    """``n`` and the noun, plural unless it is one: "1 hour", "2.5 hours", "3 weeks"."""
    return f"{n:g} {noun}{'' if n == 1 else 's'}"


def _weeks(hours: float, pace: float) -> str:
    weeks = hours / pace
    if weeks < 1:
        return "under a week"
    return f"about {count(max(1, round(weeks)), 'week')}"


def resource_fit(band: LevelBand | None, frm: int, to: int, max_level: int) -> float:
    """How well a resource for levels ``band`` fits a step learning levels ``frm + 1`` to ``to``.

    The share of the two level ranges' union they have in common: 1 when the resource
    covers exactly the step's levels, 0 when they do not overlap. A resource tied to
    no band serves every level of the catalog's scale, 1 to ``max_level``.
    """
    lo, hi = band or (1, max_level)
    common = min(hi, to) - max(lo, frm + 1) + 1
    if common <= 0:
        return 0.0
    return common / (max(hi, to) - min(lo, frm + 1) + 1)


def choose_resources(resources, frm: int, to: int, max_level: int, limit: int = MAX_RESOURCES) -> list[dict]:
    """The resources whose level band overlaps the step ``frm -> to``, as response dicts.

    Free ones first (``free`` unknown counts as not free), then the best fit of band
    (on a scale whose top is ``max_level``), then the catalog's order; at most ``limit``.
    """
    fits = [resource_fit(r.levels, frm, to, max_level) for r in resources]
    overlapping = [i for i, fit in enumerate(fits) if fit > 0]
    chosen = sorted(overlapping, key=lambda i: (resources[i].free is not True, -fits[i]))[:limit]  # a stable sort
    return [
        {"title": r.title, "kind": r.kind, "url": r.url, "free": r.free} for r in map(resources.__getitem__, chosen)
    ]


class Renderer:
    """Builds response dicts; what depends on the catalog alone is made on first use and kept."""

    def __init__(self, catalog: Catalog, model):
        self.catalog = catalog
        self.header = {
            "catalog": {"name": catalog.name, "version": catalog.version},
            "model": {"version": model.version},
        }
        self.skills = catalog.skills
        self.words = {lv.value: lv.word for lv in catalog.levels}
        self.max_level = catalog.max_level
        self.roles = catalog.roles
        self.prereqs = [list(s.prerequisites) for s in catalog.skills]
        self.index = {s.id: i for i, s in enumerate(catalog.skills)}
        # Direct dependents of each skill, in learning (catalog) order.
        self.dependents = [[] for _ in catalog.skills]
        for s, skill in enumerate(catalog.skills):
            for pre in dict.fromkeys(skill.prerequisites):
                self.dependents[self.index[pre]].append(s)
        self._role_rows = [(r.id, r.title, r.track) for r in catalog.roles]
        self._fit_prefix = [f"raises your {short_title(r.title)} fit from " for r in catalog.roles]
        # (role, skills a plan adds to the role for goals outside it, recommender.goal_ways) -> its view
        self._views: dict[tuple[int, tuple[int, ...]], RoleView] = {}
        self._holds = [np.array([s.id in r.skills for s in catalog.skills], dtype=bool) for r in catalog.roles]
        # (skill, from level, to level) -> the step's resources, shared by every role's cells.
        self._resources: dict[tuple[int, int, int], list[dict]] = {}
        self._builds_on_all = ancestors({s.id: s.prerequisites for s in catalog.skills})  # direct or not
        # Per skill, the skills a level held only through names that meet no alternative does not stand in for
        # (matching.yaml's meets_no_alternative): a VB6 maintainer's first model call does not build on VB6.
        self._not_in_place: dict[int, tuple[int, ...]] = {}
        for rule in catalog.no_alternative_rules:
            for sid in rule.skills:
                s = self.index[sid]
                if rule.means not in self.skills[s].prerequisites:  # a prerequisite of its own it builds on anyway
                    self._not_in_place[s] = (*self._not_in_place.get(s, ()), self.index[rule.means])
        # Per prerequisite those names do not meet (Python for the model API), why: said at its first stage.
        self._why_instead: dict[int, dict[int, str]] = {}
        for rule in catalog.no_alternative_rules:
            text = f"your {self.skills[self.index[rule.means]].name} cannot stand in for it here: {rule.reason}"
            for sid in rule.skills:
                for pre, alts in self.skills[self.index[sid]].prerequisite_alternatives.items():
                    if any(a == rule.means for a, _ in alts):
                        self._why_instead.setdefault(self.index[pre], {})[self.index[rule.means]] = text

        # Per prerequisite given with alternatives (``or``), its dependents with the alternatives that meet the edge
        # and the alternatives a level held only through names of meets_no_alternative does not stand in as: a
        # Clojure developer's Python 1 -> 2 does not unlock Embeddings, whose Python their Clojure meets already
        # (the scoring loop counts unlocks over the profile's variant of the graph, recommender.alternatives).
        unmet_by = {(self.index[r.means], self.index[s]) for r in catalog.no_alternative_rules for s in r.skills}
        self._met_instead: dict[int, list[tuple[int, tuple[tuple[int, int, bool], ...]]]] = {}
        for d, skill in enumerate(catalog.skills):
            for pre, alts in skill.prerequisite_alternatives.items():
                self._met_instead.setdefault(self.index[pre], []).append(
                    (d, tuple((self.index[a], level, (self.index[a], d) in unmet_by) for a, level in alts))
                )
        # Per skill, the faster_with rules as (catalog index of the skill held, level, share), smallest share first.
        self._faster = [
            sorted(((self.index[r.skill], r.level, r.share) for r in skill.faster_with), key=lambda r: r[2])
            for skill in catalog.skills
        ]

    # -- prepared once ---------------------------------------------------------
    def _level(self, value: int) -> str:
        return f"{value} ({self.words[value]})"

    def _role_reason(self, role, tier: str | None, frm: int, to: int, target: int) -> str:
        """Where the step takes the person against what the role asks for (``tier`` None: a skill outside the
        role, on the way to a goal the person named)."""
        title = short_title(role.title)
        if tier is None:
            return f"beyond what {title} needs: {self._level(frm)} to {self._level(to)}, for your goal"
        if to > target:
            return f"{title} needs {self._level(target)}; your goal needs {self._level(to)}"
        if tier == "optional":
            return f"optional for {title}, it sets an advanced one apart: {self._level(frm)} to {self._level(to)}"
        if to < target:
            return f"{title} needs {self._level(target)}; this stage reaches {self._level(to)}, the rest comes later"
        return f"{title} needs {self._level(target)}; you are at {self._level(frm)}"

    def _builds_on(self, s: int) -> set[str]:
        """What skill ``s`` builds on: its prerequisites and the skills that meet one instead (``or``: "builds on
        your Programming languages other than Python" for a Kotlin developer's first model call)."""
        skill = self.skills[s]
        return {*skill.prerequisites, *(a for alts in skill.prerequisite_alternatives.values() for a, _ in alts)}

    def _met_bits(self, s: int, levels: np.ndarray, unmet: np.ndarray | None, slot_of: Mapping[int, int]) -> int:
        """View bits of the dependents of skill ``s`` whose need of it the person meets another way (``or``): a
        step of ``s`` does not unlock those. ``levels`` (S,) are the person's, ``unmet`` (``Scores.no_alternative``)
        the levels held only through names that stand in for no prerequisite of some skills."""
        bits = 0
        for d, alts in self._met_instead[s]:
            if d in slot_of and any(
                levels[a] >= level and not (strict and unmet is not None and unmet[a]) for a, level, strict in alts
            ):
                bits |= 1 << (8 * slot_of[d])
        return bits

    def _standing_in(self, held: int, s: int, unmet: np.ndarray, slot_of: Mapping[int, int]) -> int:
        """``held`` (view bits) without the skills held only through names that do not stand in for a
        prerequisite of skill ``s`` (``Scores.no_alternative``)."""
        for m in self._not_in_place[s]:
            if unmet[m] and m in slot_of:
                held &= ~(0xFF << (8 * slot_of[m]))
        return held

    def _view(self, r: int, extra: tuple[int, ...] = ()) -> RoleView:
        """Role ``r``'s view, made at its first plan; with ``extra``, the skills a plan adds to the role on the
        way to goals outside it (:mod:`recommender.goal_ways`)."""
        members = {self.index[sid] for sid in self.roles[r].skills}
        members.update(extra)
        members.update(self.index[pre] for s in list(members) for pre in self._builds_on(s))
        slots = np.array(sorted(members), dtype=np.intp)
        view = RoleView(slots, {s: k for k, s in enumerate(slots.tolist())}, {}, {})
        self._views[r, extra] = view
        return view

    def _step_resources(self, s: int, frm: int, to: int) -> list[dict]:
        key = (s, frm, to)
        chosen = self._resources.get(key)
        if chosen is None:
            chosen = self._resources[key] = choose_resources(self.skills[s].resources, frm, to, self.max_level)
        return chosen

    def _cell(self, r: int, view: RoleView, key: tuple[int, int, int, float]) -> Cell:
        """What every step ``key = (skill, from level, to level, hours)`` of a plan for role ``r`` shares.

        Made when a plan for the role first has the step, and kept in its view.
        """
        s, frm, to, hours = key
        role, skill = self.roles[r], self.skills[s]
        slot_of = view.slot_of
        need = role.skills.get(skill.id)  # None: outside the role, on the way to a goal
        level = to if need is None else need.level
        template = dict.fromkeys(STEP_KEYS) | {
            "skill": skill.id,
            "name": skill.name,
            "module": skill.module,
            "from_level": frm,
            "to_level": to,
            "hours": round(hours, 1),
            "tier": "optional" if need is None else need.tier,
            "prerequisites": self.prereqs[s],
            "resources": self._step_resources(s, frm, to),
        }
        # A dependent waits for the level it names of this skill, or else for all of this
        # skill's plan (the role's level): the stage that reaches that level unlocks it.
        # Dependents outside the view are outside the role, so never in its plans.
        unlocks = sum(
            1 << (8 * slot_of[d])
            for d in self.dependents[s]
            if d in slot_of and frm < self.skills[d].prerequisite_levels.get(skill.id, level) <= to
        )
        texts = view.texts.get(s)
        if texts is None:
            texts = view.texts[s] = Texts({}, {})
        cell = Cell(
            template,
            self._role_reason(role, None if need is None else need.tier, frm, to, level),
            slot_of[s],
            unlocks,
            texts.unlocks,
            sum(1 << (8 * slot_of[self.index[pre]]) for pre in self._builds_on(s)),
            texts.builds_on,
            {},
        )
        if len(view.cells) < MAX_CELLS:
            view.cells[key] = cell
        return cell

    def _text(self, texts: dict, slots: np.ndarray, bits: int, lead: str) -> str:
        """``lead`` and the skills set in view ``bits``, in learning order; kept in ``texts``."""
        flags = np.frombuffer(bits.to_bytes(len(slots), "little"), dtype=np.bool_)
        text = lead + _names([self.skills[s].name for s in slots[flags].tolist()])
        if len(texts) < MAX_CELLS:
            texts[bits] = text
        return text

    def _goal_reason(self, goals: list[int], in_plan: np.ndarray, s: int, concerns: Mapping[int, str]) -> str:
        """Why a step the plan took first for the person's goals (``Plans.toward_goal``) comes now: it is one
        of them, or the goals of the plan that wait for it, directly or not (those of the plan, when the
        profile meets the prerequisite between them another way). A goal the person's work calls for though
        they did not name it (``concerns``: skill index -> why) says why instead."""
        if s in goals:
            return concerns.get(s) or f"one of the goals you named: {self.skills[s].name}"
        ahead = [g for g in goals if in_plan[g]]
        sid = self.skills[s].id
        served = [g for g in ahead if sid in self._builds_on_all(self.skills[g].id)] or ahead
        names = _names([self.skills[g].name for g in served])
        if all(g in concerns for g in served):
            return f"on the way to {names}, which your work calls for first"
        return "on the way to your goal " + names

    def _faster_reason(self, key: tuple[int, int, int, float], levels: np.ndarray) -> str | None:
        """Why step ``key`` takes fewer hours than the catalog gives a beginner: the faster_with rule the person
        meets (the engine took its share of the hours), or None when none is met."""
        s, frm, to, _ = key
        for by, level, share in self._faster[s]:
            if levels[by] >= level:
                usual = sum(self.skills[s].hours[frm:to])
                return f"{share:.0%} of a beginner's {count(usual, 'hour')}: your {self.skills[by].name} carries over"
        return None

    @staticmethod
    def _time(texts: dict, hours: float, pace: float) -> str:
        """How long a step of ``hours`` takes at the person's pace; kept in ``texts`` per pace."""
        text = f"{count(hours, 'hour')}: {_weeks(hours, pace)} at your {count(pace, 'hour')} a week"
        if len(texts) < MAX_PACES:
            texts[pace] = text
        return text

    @staticmethod
    def _bits(flags: np.ndarray) -> int:
        """Per-skill flags as one int: bit ``8 * k`` is set when flag ``k`` is."""
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

    def plan(self, scores, j: int, limit: int | None, hours_per_week: float, concerns: Sequence[Mapping] = ()) -> dict:
        """The plan's totals, goals and first ``limit`` steps; ``concerns`` are the profile's reading's
        (``ParsedProfile.concerns``), whose reasons its steps give."""
        p = scores.plans
        n = int(p.n_steps[j])
        count = n if limit is None else min(n, limit)
        return {
            "hours_per_week": hours_per_week,
            "total_hours": round(float(p.total_hours[j]), 1),
            "weeks": int(p.weeks[j]),
            "total_steps": n,
            "goals": self._plan_goals(scores, j),
            "steps": self._steps(scores, j, count, hours_per_week, concerns) if count > 0 else [],
        }

    def _plan_goals(self, scores, j: int) -> list[dict]:
        """Each goal skill of the profile and whether the plan's role holds it; when it does not, whether the plan
        takes a detour to it (``recommender.goal_ways``: it is then in the plan) and the roles that hold it (a portal
        can offer to plan for one of them: the role is never switched for a goal)."""
        if scores.goals is None or not scores.goals[j].any():
            return []
        role = self.roles[int(scores.target[j])]
        in_plan = scores.plans.in_plan[j]
        out = []
        for s in np.flatnonzero(scores.goals[j]).tolist():
            sid = self.skills[s].id
            if sid in role.skills:
                out.append({"skill": sid, "in_role": True})
            else:
                holders = [r.id for r in self.roles if sid in r.skills]
                out.append({"skill": sid, "in_role": False, "detour": bool(in_plan[s]), "roles": holders})
        return out

    def _steps(self, scores, j: int, count: int, pace: float, concerns: Sequence[Mapping] = ()) -> list[dict]:
        p = scores.plans
        target = int(scores.target[j])
        extra = ()
        if scores.goals is not None:  # a goal outside the role adds its way to the plan (recommender.goal_ways)
            extra = tuple(np.flatnonzero(p.in_plan[j] & ~self._holds[target]).tolist())
        view = self._views.get((target, extra)) or self._view(target, extra)
        slots, cells = view.slots, view.cells
        # Dependents in the plan always come later, whether or not the returned cut shows them.
        # They are named in learning order, not plan order: how far the plan was cut (a
        # request's limit, or the largest limit of a batch) must not change the reasons.
        plan_bits = self._bits(p.in_plan[j].take(slots))
        levels = scores.levels[j].take(slots)
        start_levels = levels.tolist()
        held_bits = self._bits(levels)
        fit_prefix = self._fit_prefix[target]
        prev_fit = float(scores.fit[j, target])
        prev_percent = f"{round(prev_fit * 100)}%"  # as f"{x:.0%}" rounds, for fits >= 0 (and PERCENTS)
        goals = [] if scores.goals is None else np.flatnonzero(scores.goals[j]).tolist()
        unmet = None if scores.no_alternative is None else scores.no_alternative[j]
        why = {self.index[c["skill"]]: c["reason"] for c in concerns}  # goals the person's work calls for
        steps = []
        append = steps.append
        for rank, (key, start, end, score, fit, toward) in enumerate(
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
                p.toward_goal[j, :count].tolist(),
                strict=True,
            ),
            1,
        ):
            template, role_reason, slot, unlocks, unlock_texts, builds_on, build_texts, time_texts = cells.get(
                key
            ) or self._cell(target, view, key)
            step = template.copy()
            step["rank"] = rank
            step["start_week"] = start
            step["end_week"] = end
            step["score"] = score
            step["fit_after"] = fit
            later = plan_bits & unlocks
            if later and key[0] in self._met_instead:
                later &= ~self._met_bits(key[0], scores.levels[j], unmet, view.slot_of)
            reasons = [unlock_texts.get(later) or self._text(unlock_texts, slots, later, "unlocks ")] if later else []
            if toward:  # what the person asked for, first: why this step comes now
                reasons.insert(0, self._goal_reason(goals, p.in_plan[j], key[0], why))
            held = held_bits & builds_on
            if held and unmet is not None and key[0] in self._not_in_place:
                held = self._standing_in(held, key[0], unmet, view.slot_of)
            if held and start_levels[slot] == key[1]:  # said once, at the skill's first stage
                reasons.append(build_texts.get(held) or self._text(build_texts, slots, held, "builds on your "))
            if unmet is not None and key[0] in self._why_instead and start_levels[slot] == key[1]:
                reasons.extend(text for m, text in self._why_instead[key[0]].items() if unmet[m])
            reasons.append(role_reason)
            reasons.append(time_texts.get(pace) or self._time(time_texts, template["hours"], pace))
            if self._faster[key[0]]:
                faster = self._faster_reason(key, scores.levels[j])
                if faster:
                    reasons.append(faster)
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
                "goals": parsed.goals,
                "concerns": parsed.concerns,
            },
            "roles": self.roles_list(scores, j),
            "best_fit": self.best_fit(scores, j),
            "target_role": self.roles[scores.target[j]].id,
            "plan": self.plan(scores, j, limit, hours_per_week, parsed.concerns),
        }
