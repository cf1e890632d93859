"""What the form and results templates draw, computed here so the templates stay dumb.

Charts are inline SVG positioned in percentages (``x="12.5%"``) rather than a
``viewBox``: the shapes stretch with the page while text keeps its size, and
nothing needs an inline ``style`` that the Content-Security-Policy would block.
"""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import TopologicalSorter
from statistics import median
from typing import NamedTuple

from api.web.answers import MODULE, SKILL, Answers
from skills import Catalog
from skills.catalog import Level

# Gridline spacing in weeks: the first that leaves at most this many lines.
GRID_STEPS = (1, 2, 4, 8, 13, 26, 52, 104, 208)
MAX_GRIDLINES = 8
MIN_BAR_PCT = 0.8  # a one-week step in a years-long plan must still show
AXIS_END_GAP = 0.06  # no gridline label this close to the last week's, or they collide
AXIS_END_GAP_PHONE = 0.15  # on a phone's narrow axis the labels need more room (class near-end hides them)
# The modules the form lists before "more topics": few enough that a beginner reads them all.
FIRST_MODULES = 6
MIN_MORE = 3  # fewer left than this are listed too: a click to see one or two is not worth it


# -- the form ------------------------------------------------------------------


@dataclass
class SkillRow:
    id: str
    name: str
    description: str
    roles: str  # space-separated role ids that need this skill, for the script
    level: str | None
    shown: bool
    errors: list[str]


@dataclass
class ModuleCard:
    id: str
    name: str
    description: str
    track: str  # the catalog's name for the module's track, "" when it has none
    ticked: bool  # on "which of these have you done?"
    level: str | None  # its own scale's answer, none included
    rating: str | None  # what it is rated: its own level above none, else the tick's
    errors: list[str]
    skills: list[SkillRow]

    @property
    def open(self) -> bool:
        """Open the one-by-one list when it holds answers or errors, so none is out of sight."""
        return any(s.level or s.errors for s in self.skills)

    @property
    def answered(self) -> bool:
        """Ticked, rated or in error: its scale is shown and "more topics" opens for it."""
        return self.ticked or self.level is not None or bool(self.errors) or self.open

    @property
    def shown(self) -> bool:
        return any(s.shown for s in self.skills)

    @property
    def rated(self) -> int:
        """Skills rated above none, one by one or through the module, among those shown
        (a none is not in ``answers``: :mod:`api.web.answers` leaves it out)."""
        return sum(1 for s in self.skills if s.shown and (s.level or self.rating))

    @property
    def total(self) -> int:
        return sum(1 for s in self.skills if s.shown)


class Topics(NamedTuple):
    """The form's modules: those listed first, and the rest behind "more topics"."""

    first: list[ModuleCard]
    more: list[ModuleCard]

    @property
    def all(self) -> list[ModuleCard]:
        return self.first + self.more


def beginner_order(catalog: Catalog) -> tuple[str, ...]:
    """Module ids, those a newcomer can rate first: by the median depth of their skills in
    the prerequisite graph (a skill with no prerequisites is at depth 0), ties in catalog order.

    Prompting and calling a model's API come before fine-tuning and serving models, in
    any catalog, because their skills stand on fewer others. One pass in topological
    order: linear in the prerequisite edges.
    """
    prerequisites = {s.id: s.prerequisites for s in catalog.skills}
    depth: dict[str, int] = {}
    for skill in TopologicalSorter(prerequisites).static_order():
        depth[skill] = 1 + max((depth[p] for p in prerequisites.get(skill, ())), default=-1)
    medians = {m.id: median([depth[s.id] for s in catalog.module_skills(m.id)] or [0]) for m in catalog.modules}
    return tuple(sorted(medians, key=medians.__getitem__))


def form_topics(
    catalog: Catalog, order: tuple[str, ...], answers: Answers, role: str | None, errors: dict | None = None
) -> Topics:
    """Every module in ``order``, the first :data:`FIRST_MODULES` listed first (all of
    them when fewer than :data:`MIN_MORE` would be left for "more topics").

    Every skill is rendered; those outside ``role`` are only marked hidden, so the
    script can show them again and their answers are still submitted.
    """
    errors = errors or {}
    needed = {s.id: " ".join(r.id for r in catalog.roles if s.id in r.skills) for s in catalog.skills}
    cards = []
    for module_id in order:
        module = catalog.module(module_id)
        rows = [
            SkillRow(
                id=s.id,
                name=s.name,
                description=s.description,
                roles=needed[s.id],
                level=answers.level(SKILL + s.id),
                shown=role is None or role in needed[s.id].split(),
                errors=errors.get(SKILL + s.id, []),
            )
            for s in catalog.module_skills(module.id)
        ]
        name = MODULE + module.id
        cards.append(
            ModuleCard(
                module.id,
                module.name,
                module.description,
                track_name(catalog, module.track),
                answers.ticked(module.id),
                answers.level(name),
                answers.module_level(module.id),
                errors.get(name, []),
                rows,
            )
        )
    split = FIRST_MODULES if len(cards) - FIRST_MODULES >= MIN_MORE else len(cards)
    return Topics(cards[:split], cards[split:])


def track_name(catalog: Catalog, track_id: str | None) -> str:
    return catalog.track(track_id).name if track_id else ""


def progress(topics: Topics) -> tuple[int, int]:
    return sum(m.rated for m in topics.all), sum(m.total for m in topics.all)


# -- the results ---------------------------------------------------------------


def pct(value: float) -> str:
    """An SVG percentage length, clamped to 0-100."""
    return f"{max(0.0, min(100.0, value)):.2f}%"


def role_bars(response: dict, catalog: Catalog) -> list[dict]:
    """The roles best first, each with its fit as a bar length."""
    return [
        {
            **r,
            "summary": catalog.role(r["role"]).summary if catalog.has_role(r["role"]) else "",
            "percent": round(r["fit"] * 100),
            "width": pct(r["fit"] * 100),
            "target": r["role"] == response["target_role"],
        }
        for r in response["roles"]
    ]


def level(catalog: Catalog, value: int) -> Level:
    return next(lv for lv in catalog.levels if lv.value == value)


def level_label(catalog: Catalog, value: int) -> str:
    words = {lv.value: lv.word for lv in catalog.levels}
    return f"{value} {words.get(value, '')}".strip()


def timeline(plan: dict, catalog: Catalog) -> dict:
    """Week geometry for the plan's Gantt chart and rows for its table."""
    steps = plan["steps"]
    weeks = max([plan["weeks"], *(s["end_week"] for s in steps)], default=0) or 1
    step = next((g for g in GRID_STEPS if weeks / g <= MAX_GRIDLINES), GRID_STEPS[-1])
    grid = [
        {
            "x": pct(100 * w / weeks),
            "week": w,
            "label": w <= weeks * (1 - AXIS_END_GAP),
            "near_end": w > weeks * (1 - AXIS_END_GAP_PHONE),
        }
        for w in range(step, weeks, step)
    ]
    rows = []
    for s in steps:
        # Week n spans [n-1, n); a step ending in the week the next starts shares it.
        start = s["start_week"] - 1
        width = max(100 * (s["end_week"] - start) / weeks, MIN_BAR_PCT)
        rows.append(
            {
                **s,
                "x": pct(min(100 * start / weeks, 100 - width)),
                "width": pct(width),
                "from_label": level_label(catalog, s["from_level"]),
                "to_label": level_label(catalog, s["to_level"]),
                "weeks_label": _weeks(s["start_week"], s["end_week"]),
                "module_name": catalog.module(s["module"]).name if catalog.has_module(s["module"]) else s["module"],
            }
        )
    return {"weeks": weeks, "grid": grid, "rows": rows}


def _weeks(start: int, end: int) -> str:
    return f"week {start}" if start == end else f"weeks {start}–{end}"


def ignored(response: dict, catalog: Catalog) -> list[dict]:
    """Inputs the engine could not match, with suggestions named as people know them."""
    return [
        {
            "input": item["input"],
            "suggestions": [_skill_name(catalog, s) for s in item["suggestions"]],
            "reason": item.get("reason"),
        }
        for item in response["profile"]["unmatched"]
    ]


def guessed(response: dict, catalog: Catalog) -> list[dict]:
    """Inputs matched by similarity rather than by id or name (only links edited by
    hand, or saved before the catalog renamed a skill, have them)."""
    out = []
    for item in response["profile"]["matched"]:
        if item["confidence"] < 1:
            if "skill" in item:
                name = _skill_name(catalog, item["skill"])
            else:
                name = catalog.module(item["module"]).name if catalog.has_module(item["module"]) else item["module"]
            out.append({"input": item["input"], "name": name})
    return out


def _skill_name(catalog: Catalog, skill_id: str) -> str:
    return catalog.skill(skill_id).name if catalog.has_skill(skill_id) else skill_id


# -- milestones and strengths ------------------------------------------------------

# A milestone where the role's fit first reaches each of these: the first comes early,
# since a goal months away does not keep anyone going.
MILESTONE_FITS = (0.10, 0.25, 0.50, 0.75)
MILESTONE_SKILLS = 4  # skills named per milestone before "and N more"


@dataclass(frozen=True)
class Milestone:
    week: int
    fit: int  # percent of the target role's fit reached by then
    skills: str  # what the learner can do by then, as skill names
    last: bool


def milestones(response: dict) -> list[Milestone]:
    """The plan cut where the target role's fit first reaches 10%, 25%, 50%, 75%, and at its end.

    A hundred weeks is not a goal a learner can aim at; the week a quarter of the role
    is within reach is. Each milestone names the skills learned since the one before.
    """
    steps = response["plan"]["steps"]
    start = next((r["fit"] for r in response["roles"] if r["role"] == response["target_role"]), 0.0)
    marks = [m for m in MILESTONE_FITS if m > start]
    out, since = [], []
    for i, step in enumerate(steps):
        since.append(step["name"])
        last = i == len(steps) - 1
        reached = [m for m in marks if step["fit_after"] + 1e-9 >= m]
        if reached or last:
            out.append(Milestone(step["end_week"], round(step["fit_after"] * 100), _names(since), last))
            since = []
            marks = marks[len(reached) :]
    return out


def _names(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))  # a skill raised in two steps is named once
    shown, rest = unique[:MILESTONE_SKILLS], len(unique) - MILESTONE_SKILLS
    if rest > 0:
        return ", ".join(shown) + f" and {rest} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def strengths(response: dict, catalog: Catalog) -> list[str]:
    """What the person already has, as they rated it: "Python programming (4 advanced)"."""
    out = []
    for item in response["profile"]["matched"]:
        if "skill" in item:
            name = _skill_name(catalog, item["skill"])
        else:
            name = catalog.module(item["module"]).name if catalog.has_module(item["module"]) else item["module"]
        if item["level"] > 0:
            out.append(f"{name} ({level_label(catalog, item['level'])})")
    return out
