"""Turning the engine's arrays into the JSON response, with reasons a learner can read."""

from __future__ import annotations

from recommender.arrays import CatalogArrays
from skills import Catalog


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2} more"


class Renderer:
    """Builds response dicts; everything per skill and role is prepared once."""

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
        self.dependents = [list(map(int, arrays.prereq[:, j].nonzero()[0])) for j in range(arrays.n_skills)]

    def roles_list(self, scores, j: int) -> list[dict]:
        return [
            {
                "role": self.roles[r].id,
                "title": self.roles[r].title,
                "track": self.roles[r].track,
                "fit": float(scores.fit[j, r]),
                "missing": int(scores.missing[j, r]),
            }
            for r in scores.role_order[j]
        ]

    def plan(self, scores, j: int, limit: int | None, hours_per_week: float) -> dict:
        p = scores.plans
        role = self.roles[scores.target[j]]
        n = int(p.n_steps[j])
        count = n if limit is None else min(n, limit)
        skills_row = p.skill[j, :count].tolist()
        in_plan = p.in_plan[j]
        steps = []
        prev_fit = float(scores.fit[j, scores.target[j]])
        for k, s in enumerate(skills_row):
            skill = self.skills[s]
            fit_after = float(p.fit_after[j, k])
            frm, to = int(p.from_level[j, k]), int(p.to_level[j, k])
            steps.append(
                {
                    "rank": k + 1,
                    "skill": skill.id,
                    "name": skill.name,
                    "module": skill.module,
                    "from_level": frm,
                    "to_level": to,
                    "hours": round(float(p.hours[j, k]), 1),
                    "start_week": int(p.start_week[j, k]),
                    "end_week": int(p.end_week[j, k]),
                    "score": float(p.score[j, k]),
                    "fit_after": fit_after,
                    "tier": role.skills[skill.id].tier,
                    "prerequisites": self.prereqs[s],
                    "reasons": self._reasons(role, s, frm, to, in_plan, prev_fit, fit_after),
                }
            )
            prev_fit = fit_after
        return {
            "hours_per_week": hours_per_week,
            "total_hours": round(float(p.total_hours[j]), 1),
            "weeks": int(p.weeks[j]),
            "total_steps": n,
            "steps": steps,
        }

    def _reasons(self, role, s, frm, to, in_plan, fit_before, fit_after) -> list[str]:
        tier = role.skills[self.skills[s].id].tier
        reasons = [
            f"core skill for {role.title}"
            if tier == "core"
            else f"optional skill that sets an advanced {role.title} apart"
        ]
        reasons.append(f"you are at {frm} ({self.words[frm]}), the role needs {to} ({self.words[to]})")
        # Dependents in the plan always come later, whether or not the returned cut shows them.
        # They are named in learning order, not plan order: how far the plan was cut (a
        # request's limit, or the largest limit of a batch) must not change the reasons.
        later = [d for d in self.dependents[s] if in_plan[d]]
        if later:
            reasons.append("needed before " + _names([self.skills[d].name for d in later]))
        if fit_after - fit_before >= 0.005:
            reasons.append(f"takes your {role.title} fit from {fit_before:.0%} to {fit_after:.0%}")
        return reasons

    def response(self, scores, j: int, parsed, limit: int | None, hours_per_week: float) -> dict:
        return {
            **self.header,
            "profile": {"matched": parsed.matched, "unmatched": parsed.unmatched},
            "roles": self.roles_list(scores, j),
            "target_role": self.roles[scores.target[j]].id,
            "plan": self.plan(scores, j, limit, hours_per_week),
        }
