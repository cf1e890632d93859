"""A recommendation as Markdown a person can read in a terminal or keep as a file.

It reads the response dict (:meth:`recommender.render.Renderer.response`), so it
shows exactly what the API answers: the role, how the profile was read, and each
step with its reasons and where to learn it.
"""

from __future__ import annotations

from recommender.render import count, short_title
from skills import Catalog

# Under this fit the top role is the closest one, not a "best fit" (issue 18).
BEST_FIT_MIN = 0.5


def _names(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _percent(fit: float) -> str:
    return f"{fit:.0%}"


def first_for_goals(roles: list[dict]) -> bool:
    """Whether the first of an answer's ``roles`` is there for the goals named while another fits better, or while
    nothing fits at all (``kernels._before``: a named goal's weight in the maps chose it): it is then the role for
    the goals, not the best fit."""
    return roles[0]["fit"] < max(r["fit"] for r in roles) or roles[0]["fit"] == 0


def only_closest(roles: list[dict]) -> bool:
    """Whether the first of an answer's ``roles`` fits too little (under ``BEST_FIT_MIN``) to be called the best
    fit: it is then the closest role (the Markdown plan and the web results say so alike)."""
    return roles[0]["fit"] < BEST_FIT_MIN


def _heading(response: dict, catalog: Catalog) -> list[str]:
    target = catalog.role(response["target_role"]).title
    roles = response["roles"]
    best = response["best_fit"]
    if best is None:
        lead = "No role fits you better than another yet" + (
            "." if response["profile"]["matched"] else ": nothing was rated."
        )
    elif roles[0]["fit"] == 0:  # nothing rated fits a role; the goals named chose it
        lead = (
            f"The role for your goals: {short_title(catalog.role(best).title)}, whose map weighs them most; "
            "nothing you rated fits a role yet."
        )
    elif first_for_goals(roles):
        lead = (
            f"The role for your goals: {short_title(catalog.role(best).title)} ({_percent(roles[0]['fit'])}), "
            "which holds them; another fits a little better without them."
        )
    elif only_closest(roles):
        lead = f"Your closest role: {short_title(catalog.role(best).title)} ({_percent(roles[0]['fit'])})."
    else:
        lead = f"Your best fit: {short_title(catalog.role(best).title)} ({_percent(roles[0]['fit'])})."
    fits = ", ".join(f"{short_title(r['title'])} {_percent(r['fit'])}" for r in roles)
    return [f"# Your plan: {target}", "", lead, f"Fit per role: {fits}."]


def _profile(profile: dict, catalog: Catalog, response: dict) -> list[str]:
    def rated(item: dict) -> str:
        return catalog.skill(item["skill"]).name if "skill" in item else catalog.module(item["module"]).name

    lines = []
    for item in profile["merged"]:
        sources = _names([f'"{s["name"]}" ({s["level"]})' for s in item["from"]])
        if item["level"] < max(s["level"] for s in item["from"]):
            used = f"your rating of it alone, {item['level']}, is used"
        else:
            used = f"the highest, {item['level']}, is used"
        lines.append(f"- {sources} rate the same thing, {rated(item)}: {used}.")
    by_source: dict[str, list[str]] = {}
    for item in profile["inferred"]:
        by_source.setdefault(item["from_skill"], []).append(f"{catalog.skill(item['skill']).name} ({item['level']})")
    for source, implied in by_source.items():
        lines.append(f"- Because you have {catalog.skill(source).name}, you know at least {_names(implied)}.")
    for item in profile["matched"]:
        if item.get("reason"):
            lines.append(f'- "{item["input"]}" is read as {rated(item)}, {item["reason"]}.')
        elif item["match"] == "phrase":
            lines.append(f'- "{item["input"]}" is read as {rated(item)}.')
        elif item["match"] == "fuzzy":
            lines.append(
                f'- "{item["input"]}" is read as {rated(item)} (a close spelling, {item["confidence"]:.0%} sure).'
            )
    for item in profile["unmatched"]:
        why = item.get("reason") or "not a skill or module in the catalog"
        lines.append(f'- "{item["input"]}" was left out: {why}.')
    role = catalog.role(response["target_role"])
    detours = {g["skill"] for g in response["plan"]["goals"] if g.get("detour")}
    lines += [_goal(goal, catalog, role, detours) for goal in profile.get("goals", ())]
    for item in profile.get("concerns", ()):
        name = catalog.skill(item["skill"]).name
        lines.append(f'- Because of "{item["input"]}", the plan takes {name} first: {item["reason"]}.')
    return ["", "## How your profile was read", "", *lines] if lines else []


def _goal(goal: dict, catalog: Catalog, role, detours: set[str]) -> str:
    """One goal as read: the skills the plan takes the way to first (the role's own, or a detour beyond it), ones
    too far beyond the role to plan, an area too broad to plan, or nothing."""
    if goal["skills"]:
        read = f'- Your goal "{goal["input"]}" is read as {_names([catalog.skill(s).name for s in goal["skills"]])}'
        title = short_title(role.title)
        if any(s in role.skills for s in goal["skills"]):
            return f"{read}."
        if any(s in detours for s in goal["skills"]):
            return f"{read}: beyond what {title} needs but near, so the plan takes a short detour to it first."
        return (
            f"{read}: beyond what {title} needs and too far for a detour; choose a role that holds it to plan for it."
        )
    if goal.get("modules"):
        return f'- Your goal "{goal["input"]}" names a whole area, too broad to plan first: name one of its skills.'
    return f'- Your goal "{goal["input"]}" names no skill of the catalog, so it was left out.'


def _weeks(step: dict) -> str:
    start, end = step["start_week"], step["end_week"]
    return f"week {start}" if start == end else f"weeks {start}-{end}"


def _step(step: dict, words: dict[int, str]) -> list[str]:
    frm, to = step["from_level"], step["to_level"]
    lines = [
        f"{step['rank']}. **{step['name']}**, {frm} ({words[frm]}) to {to} ({words[to]}): "
        f"{count(step['hours'], 'hour')}, {_weeks(step)}",
        *(f"   - {reason}" for reason in step["reasons"]),
    ]
    for r in step["resources"]:
        label = f"[{r['title']}]({r['url']})" if r["url"] else r["title"]
        lines.append(f"   - learn with {label} ({r['kind']}{', free' if r['free'] else ''})")
    return lines


def plan_markdown(response: dict, catalog: Catalog) -> str:
    """The whole answer as Markdown: heading and fits, how the profile was read, the steps."""
    plan = response["plan"]
    words = {lv.value: lv.word for lv in catalog.levels}
    lines = _heading(response, catalog) + _profile(response["profile"], catalog, response)
    if not plan["total_steps"]:
        return "\n".join([*lines, "", "You already meet every level this role asks for."]) + "\n"
    lines += [
        "",
        "## Steps",
        "",
        f"{count(plan['total_steps'], 'step')}, {count(plan['total_hours'], 'hour')}: about "
        f"{count(plan['weeks'], 'week')} at {count(plan['hours_per_week'], 'hour')} a week.",
        "",
    ]
    for step in plan["steps"]:
        lines += _step(step, words)
    if len(plan["steps"]) < plan["total_steps"]:
        lines += ["", f"The first {len(plan['steps'])} of {plan['total_steps']} steps are shown."]
    return "\n".join(lines) + "\n"
