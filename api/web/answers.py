"""The self-assessment form's answers, in the one shape every form route shares.

A field is named ``skill.<id>`` or ``module.<id>`` (a level), ``done`` (a module id,
once per module ticked as done), ``role`` (a role id, empty for "suggest the best
fit"), ``goals`` (what the person wants to build next, names separated by commas or
semicolons) or ``hours`` (hours per week). The POSTed form and the query string use the
same names, so "change my answers" and "download this plan" are plain links that
carry every answer.

A ticked module is rated at :func:`tick_level` of the catalog's scale unless its own
scale says otherwise: one click for a beginner who has tried something, a finer answer
for whoever wants one.
The module scales start with nothing chosen, so any level on one, none included, is
an answer (a ticked module set to none is not rated). Every skill control starts at 0
("none"), so a submitted form rates every skill: a skill at none is the default and
is left out here. It is not an answer, and leaving it out is what lets a module's
rating apply to the skills left at none (the engine lets a skill's own rating
override its module's, so a skill sent as 0 would mask a module rated 3). A link
without the 0s brings them back as the preselected none, so nothing is lost on the
way round.

Nothing is validated here: values go to the engine as typed, and the engine's
:class:`~recommender.engine.InputError` is mapped back to the field that caused it.
The JSON API and the form thereby accept and reject exactly the same things.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

SKILL, MODULE = "skill.", "module."
ROLE, HOURS, DONE, GOALS = "role", "hours", "done", "goals"
GOAL_SEPARATORS = re.compile(r"[,;\n]")  # one text box: "RAG over our docs, evals"
# The catalog has fewer than a hundred skills and modules; more fields than this is
# not a person filling in the form, and the engine should not be asked to match them.
MAX_RATINGS = 300
GENERAL = "_form"


def tick_level(top: int) -> int:
    """What a tick on "which of these have you done?" rates a module, on a scale 0..``top``: the top of the
    scale's lower half, at least 1.

    A tick says someone has tried it, not how well: on the shipped 0..5 that is 2 (*beginner*, has followed
    tutorials and can do simple tasks with help), on a 0..3 scale 1, on 0..1 the one level above none.
    """
    return max(1, top // 2)


@dataclass(frozen=True)
class Answers:
    """What a person entered: raw text per field, empty and none (0) levels left out."""

    tick: int
    """The level a tick rates a module: :func:`tick_level` of the catalog's scale."""
    levels: dict[str, str] = field(default_factory=dict)  # "skill.python" -> "3"
    done: tuple[str, ...] = ()  # module ids ticked as done
    role: str = ""
    hours: str = ""
    goals: str = ""
    too_many: bool = False

    @classmethod
    def from_fields(cls, values: Mapping[str, str], tick: int) -> Answers:
        """Read a form or query string (any mapping; with repeated keys the first wins, but
        every ``done`` counts when the mapping has ``getlist``, as Flask's do); a tick rates a module ``tick``."""
        levels = {}
        for key in values:
            if key.startswith((SKILL, MODULE)) and len(key) > len(SKILL):
                text = str(values[key]).strip()
                if text and not (key.startswith(SKILL) and is_none(text)):
                    levels[key] = text
        ticked = values.getlist(DONE) if hasattr(values, "getlist") else [values.get(DONE, "")]
        done = tuple(dict.fromkeys(t for t in (str(v).strip() for v in ticked) if t))
        too_many = len(levels) + len(done) > MAX_RATINGS
        if too_many:
            levels = dict(list(levels.items())[:MAX_RATINGS])
            done = done[: MAX_RATINGS - len(levels)]
        return cls(
            tick=tick,
            levels=levels,
            done=done,
            role=str(values.get(ROLE, "")).strip(),
            hours=str(values.get(HOURS, "")).strip(),
            goals=str(values.get(GOALS, "")).strip(),
            too_many=too_many,
        )

    def level(self, name: str) -> str | None:
        return self.levels.get(name)

    def ticked(self, module_id: str) -> bool:
        return module_id in self.done

    def module_level(self, module_id: str) -> str | None:
        """The level a module is rated: its own scale's, else the tick's; ``None`` when not rated."""
        own = self.levels.get(MODULE + module_id)
        if own is not None:
            return None if is_none(own) else own
        return str(self.tick) if self.ticked(module_id) else None

    def query(self) -> dict[str, str | list[str]]:
        """The answers as query-string parameters (for url_for; ``done`` is a list)."""
        out: dict[str, str | list[str]] = dict(self.levels)
        if self.done:
            out[DONE] = list(self.done)
        if self.role:
            out[ROLE] = self.role
        if self.hours:
            out[HOURS] = self.hours
        if self.goals:
            out[GOALS] = self.goals
        return out

    def to_request(self) -> tuple[dict, list[str]]:
        """The engine request and, per ``skills`` entry, the field it came from.

        Module ratings go first (a ticked module without a level of its own at
        :attr:`tick`; a module set to none not at all); the engine lets a skill's
        own rating override its module's, whatever the order, so order only matters for
        error paths.
        """
        modules = [k[len(MODULE) :] for k in self.levels if k.startswith(MODULE)]
        modules += [m for m in self.done if MODULE + m not in self.levels]
        rated = [(MODULE + m, level) for m in modules if (level := self.module_level(m)) is not None]
        rated += [(k, v) for k, v in self.levels.items() if k.startswith(SKILL)]
        fields = [name for name, _ in rated]
        skills = [{"name": name.split(".", 1)[1], "level": level} for name, level in rated]
        request = {"skills": skills, "target_role": self.role or None, "hours_per_week": _hours(self.hours)}
        goals = [g.strip() for g in GOAL_SEPARATORS.split(self.goals) if g.strip()]
        if goals:
            request["goals"] = goals
        return request, fields

    def field_errors(self, errors: Mapping[str, list[str]], fields: list[str]) -> dict[str, list[str]]:
        """Engine error paths (``skills.3.level``) as form field names (``skill.python``)."""
        out: dict[str, list[str]] = {}
        for path, messages in errors.items():
            parts = path.split(".")
            if parts[0] == "skills" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(fields):
                name = fields[int(parts[1])]
            elif path == "target_role":
                name = ROLE
            elif path == "hours_per_week":
                name = HOURS
            elif parts[0] == "goals":
                name = GOALS
            else:
                name = GENERAL
            out.setdefault(name, []).extend(messages)
        return out


def is_none(text: str) -> bool:
    """Whether the engine reads this level as 0: ``0``, ``00`` or ``none`` (any case)."""
    text = text.strip().lower()
    return text == "none" or (text.isdecimal() and int(text) == 0)


def _hours(text: str):
    """A number when the text is one, else the text itself for the engine to reject."""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return text
    if not math.isfinite(value):
        return text
    return int(value) if value.is_integer() else value
