"""The self-assessment form's answers, in the one shape every form route shares.

A field is named ``skill.<id>`` or ``module.<id>`` (a level), ``role`` (a role id,
empty for "suggest the best fit") or ``hours`` (hours per week). The POSTed form and
the query string use the same names, so "change my answers" and "download this plan"
are plain links that carry every answer.

Every level control starts at 0 ("none"), so a submitted form rates every skill and
module. A rating of none is the default and is left out here: it is not an answer,
and leaving it out is what lets a module's rating apply to the skills left at none
(the engine lets a skill's own rating override its module's, so a skill sent as 0
would mask a module rated 3). A link without the 0s brings them back as the
preselected none, so nothing is lost on the way round.

Nothing is validated here: values go to the engine as typed, and the engine's
:class:`~recommender.engine.InputError` is mapped back to the field that caused it.
The JSON API and the form thereby accept and reject exactly the same things.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

SKILL, MODULE = "skill.", "module."
ROLE, HOURS = "role", "hours"
# The catalog has fewer than a hundred skills and modules; more fields than this is
# not a person filling in the form, and the engine should not be asked to match them.
MAX_RATINGS = 300
GENERAL = "_form"


@dataclass(frozen=True)
class Answers:
    """What a person entered: raw text per field, empty and none (0) levels left out."""

    levels: dict[str, str] = field(default_factory=dict)  # "skill.python" -> "3"
    role: str = ""
    hours: str = ""
    too_many: bool = False

    @classmethod
    def from_fields(cls, values: Mapping[str, str]) -> Answers:
        """Read a form or query string (any mapping; with repeated keys the first wins)."""
        levels = {}
        for key in values:
            if key.startswith((SKILL, MODULE)) and len(key) > len(SKILL):
                text = str(values[key]).strip()
                if text and not is_none(text):
                    levels[key] = text
        too_many = len(levels) > MAX_RATINGS
        if too_many:
            levels = dict(list(levels.items())[:MAX_RATINGS])
        return cls(
            levels=levels,
            role=str(values.get(ROLE, "")).strip(),
            hours=str(values.get(HOURS, "")).strip(),
            too_many=too_many,
        )

    def level(self, name: str) -> str | None:
        return self.levels.get(name)

    def query(self) -> dict[str, str]:
        """The answers as query-string parameters (for url_for)."""
        out = dict(self.levels)
        if self.role:
            out[ROLE] = self.role
        if self.hours:
            out[HOURS] = self.hours
        return out

    def to_request(self) -> tuple[dict, list[str]]:
        """The engine request and, per ``skills`` entry, the field it came from.

        Module ratings go first; the engine lets a skill's own rating override its
        module's, whatever the order, so order only matters for error paths.
        """
        fields = [k for k in self.levels if k.startswith(MODULE)] + [k for k in self.levels if k.startswith(SKILL)]
        skills = [{"name": key.split(".", 1)[1], "level": self.levels[key]} for key in fields]
        request = {"skills": skills, "target_role": self.role or None, "hours_per_week": _hours(self.hours)}
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
