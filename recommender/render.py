"""Turning the engine's arrays into the JSON response, with reasons a learner can read.

A whole plan is ~46 steps of 14 fields and 2-4 reasons each, rendered on every
request, so whatever depends only on the catalog is prepared once in
:class:`Renderer`: per role, a "cell" for every possible step (skill, from level,
to level, hours) holding a template of the step's dict with its static fields filled
in and its first two reasons; "needed before" texts are kept per skill and set of
dependents in the plan, made the first time a plan has that set. Per profile, each plan
array becomes a list with one ``tolist()`` (no per-element numpy indexing), and each
step is a copy of its cell's template with the profile's numbers stored in it.

Responses hold plain ``int``/``float``/``str``/``list``/``dict`` only, never numpy
scalars. Some values are shared between responses rather than copied: the
``catalog`` and ``model`` dicts, each skill's ``prerequisites`` list and the
parsed profile's ``matched``/``unmatched`` lists. Callers must not mutate a
response in place; none does.
"""

from __future__ import annotations

import itertools

import numpy as np

from recommender.arrays import CatalogArrays
from skills import Catalog

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
    "reasons",
)
# A step's fit reason appears when the step raises the role fit by at least this much.
FIT_RISE = 0.005
# "0%" to "100%": a fit in [0, 1] as a percentage, looked up rather than formatted per step.
PERCENTS = tuple(f"{k}%" for k in range(101))
# Cells made for steps the catalog does not give stop being kept past this many per role.
MAX_CELLS = 100_000


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2} more"


class Renderer:
    """Builds response dicts; everything per skill, role and level is prepared once."""

    def __init__(self, catalog: Catalog, arrays: CatalogArrays, model):
        self.catalog = catalog
        self.arrays = arrays
        self.header = {
            "catalog": {"name": catalog.name, "version": catalog.version},
            "model": {"version": model.version},
        }
        self.skills = catalog.skills
        self.words = {lv.value: lv.word for lv in catalog.levels}
        self.roles = catalog.roles
        self.prereqs = [list(s.prerequisites) for s in catalog.skills]
        index = {s.id: i for i, s in enumerate(catalog.skills)}
        # Direct dependents of each skill, in learning (catalog) order.
        self.dependents = [[] for _ in catalog.skills]
        for s, skill in enumerate(catalog.skills):
            for pre in dict.fromkeys(skill.prerequisites):
                self.dependents[index[pre]].append(s)
        self._role_rows = [(r.id, r.title, r.track) for r in catalog.roles]
        # Per skill: the bits of its direct dependents (see _plan_bits), and the
        # "needed before" text of each subset of them met so far, made on first use.
        self._before = [(sum(1 << (8 * d) for d in deps), {}) for deps in self.dependents]
        self._fit_prefix = [f"takes your {r.title} fit from " for r in catalog.roles]
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
    def _cell(self, r: int, key: tuple[int, int, int, float]) -> tuple:
        """What every step ``key = (skill, from level, to level, hours)`` of a plan for role ``r`` shares.

        ``(template, first reason, second reason, dependents' mask, "needed before"
        texts)``: the template holds the step's fields in response order, the static
        ones filled in; the texts are keyed by which of the skill's direct dependents
        the plan holds (see :meth:`_plan_bits`), and filled in as plans need them.

        Cells are made once, in ``__init__`` for every step the catalog allows, and
        otherwise when a plan first has one (hours the catalog does not give, say).
        """
        s, frm, to, hours = key
        role, skill = self.roles[r], self.skills[s]
        tier = role.skills[skill.id].tier
        template = dict.fromkeys(STEP_KEYS) | {
            "skill": skill.id,
            "name": skill.name,
            "module": skill.module,
            "from_level": frm,
            "to_level": to,
            "hours": round(hours, 1),
            "tier": tier,
            "prerequisites": self.prereqs[s],
        }
        why = (
            f"core skill for {role.title}"
            if tier == "core"
            else f"optional skill that sets an advanced {role.title} apart"
        )
        gap = f"you are at {frm} ({self.words[frm]}), the role needs {to} ({self.words[to]})"
        cell = (template, why, gap, *self._before[s])
        cells = self._cells[r]
        if len(cells) < MAX_CELLS:
            cells[key] = cell
        return cell

    def _needed_text(self, texts: dict, bits: int) -> str:
        """ "needed before" and the dependents set in ``bits``, in learning order; kept in ``texts``."""
        later = [d for d in range(len(self.skills)) if bits >> (8 * d) & 1]
        text = "needed before " + _names([self.skills[d].name for d in later])
        if len(texts) < MAX_CELLS:
            texts[bits] = text
        return text

    @staticmethod
    def _plan_bits(in_plan: np.ndarray) -> int:
        """A profile's in-plan skills as one int: bit ``8 * s`` is set when skill ``s`` has a step."""
        return int.from_bytes(in_plan.astype(np.bool_, copy=False).tobytes(), "little")

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
            "steps": self._steps(scores, j, count) if count > 0 else [],
        }

    def _steps(self, scores, j: int, count: int) -> list[dict]:
        p = scores.plans
        target = int(scores.target[j])
        cells = self._cells[target]
        # Dependents in the plan always come later, whether or not the returned cut shows them.
        # They are named in learning order, not plan order: how far the plan was cut (a
        # request's limit, or the largest limit of a batch) must not change the reasons.
        plan_bits = self._plan_bits(p.in_plan[j])
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
            try:
                template, why, gap, dependents, before = cells[key]
            except KeyError:
                template, why, gap, dependents, before = self._cell(target, key)
            step = template.copy()
            step["rank"] = rank
            step["start_week"] = start
            step["end_week"] = end
            step["score"] = score
            step["fit_after"] = fit
            later = plan_bits & dependents
            if later:
                needed = before.get(later) or self._needed_text(before, later)
                reasons = [why, gap, needed]
            else:
                reasons = [why, gap]
            k = round(fit * 100)
            fit_percent = PERCENTS[k] if 0 <= k <= 100 else f"{k}%"
            if fit - prev_fit >= FIT_RISE:
                reasons.append(f"{fit_prefix}{prev_percent} to {fit_percent}")
            step["reasons"] = reasons
            append(step)
            prev_fit, prev_percent = fit, fit_percent
        return steps

    def response(self, scores, j: int, parsed, limit: int | None, hours_per_week: float) -> dict:
        return {
            **self.header,
            "profile": {"matched": parsed.matched, "unmatched": parsed.unmatched},
            "roles": self.roles_list(scores, j),
            "target_role": self.roles[scores.target[j]].id,
            "plan": self.plan(scores, j, limit, hours_per_week),
        }
