"""Profile normalisation: lists of ``{"name", "level"}`` entries to a level matrix.

Everything a person can get wrong is reported as an input error keyed by the
field path (``skills.3.level``), never raised from deep inside.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from recommender.matching import SkillMatcher
from skills import Catalog
from skills.catalog import MAX_LEVEL, MIN_LEVEL

MAX_HOURS_PER_WEEK = 80
DEFAULT_HOURS_PER_WEEK = 10


@dataclass
class ParsedProfile:
    """One profile's matched and unmatched entries, or its errors."""

    matched: list[dict] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)


class ProfileParser:
    """Turns requests into a (profiles x skills) level matrix plus what was understood."""

    def __init__(self, catalog: Catalog, matcher: SkillMatcher | None = None):
        self.catalog = catalog
        self.matcher = matcher or SkillMatcher(catalog)
        self._index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
        self._module_cols = {
            m.id: np.array([self._index[s.id] for s in catalog.module_skills(m.id)]) for m in catalog.modules
        }
        ids = catalog.skill_ids  # a property that builds a tuple: read once, not per module rating
        self._module_skill_ids = {m: [ids[c] for c in cols] for m, cols in self._module_cols.items()}
        self._words = {lv.word: lv.value for lv in catalog.levels}
        self._roles = {rid: i for i, rid in enumerate(catalog.role_ids)}
        # The levels nearly every entry gives, as given: an int in range or an exact level
        # word. Looked up by type first, since True == 1 and 3.0 == 3 hash alike.
        self._plain_levels = {**{v: v for v in range(MIN_LEVEL, MAX_LEVEL + 1)}, **self._words}

    @property
    def level_hint(self) -> str:
        return f"use {MIN_LEVEL}-{MAX_LEVEL} or one of {', '.join(self._words)}"

    def parse_level(self, value) -> int | str:
        """The level as an int, or an error message."""
        if type(value) is int or type(value) is str:
            plain = self._plain_levels.get(value)
            if plain is not None:
                return plain
        if isinstance(value, bool):
            return f"{value!r} is not a level; {self.level_hint}"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int):
            if MIN_LEVEL <= value <= MAX_LEVEL:
                return value
            return f"{value} is out of range; {self.level_hint}"
        if isinstance(value, str):
            text = value.strip().lower()
            if text in self._words:
                return self._words[text]
            if text.isascii() and text.isdigit():
                return self.parse_level(int(text))
        return f"{value!r} is not a level; {self.level_hint}"

    def role_index(self, role) -> int | str:
        """The role's row, ``-1`` for "best fit" (None or empty), or an error message."""
        if role is None or role == "":
            return -1
        if isinstance(role, str) and role in self._roles:
            return self._roles[role]
        return f"unknown role {role!r}; choose one of {', '.join(sorted(self._roles))}"

    def parse_hours(self, value) -> float | str:
        if value is None:
            return float(DEFAULT_HOURS_PER_WEEK)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            return f"{value!r} is not a number of hours"
        if not 1 <= value <= MAX_HOURS_PER_WEEK:
            return f"{value} is out of range; use 1-{MAX_HOURS_PER_WEEK} hours per week"
        return float(value)

    def parse_skills(self, entries: Sequence[Mapping], levels: np.ndarray, prefix: str = "skills") -> ParsedProfile:
        """Fill one row of ``levels`` from ``entries``; module ratings yield to skill ratings."""
        out = ParsedProfile()
        if not isinstance(entries, Sequence) or isinstance(entries, str | bytes):
            out.errors[prefix] = ["must be a list of {name, level} entries"]
            return out
        rated: dict[tuple[str, str], int] = {}  # ("skill", id) / ("module", id) -> entry index
        module_rows: list[tuple[np.ndarray, int]] = []
        for i, entry in enumerate(entries):
            if type(entry) is not dict and not isinstance(entry, Mapping):  # the ABC check is slow
                out.errors[f"{prefix}.{i}"] = ["must be an object with name and level"]
                continue
            name, raw_level = entry.get("name"), entry.get("level")
            if not isinstance(name, str) or not name.strip():
                out.errors[f"{prefix}.{i}.name"] = ["a non-empty skill name is required"]
                continue
            level = self.parse_level(raw_level) if "level" in entry else "level is required"
            if isinstance(level, str):
                out.errors[f"{prefix}.{i}.level"] = [level]
                continue
            match = self.matcher.match(name)
            if match.target is None:
                out.unmatched.append({"input": name, "suggestions": list(match.suggestions)})
                continue
            key = (match.kind, match.target)
            if key in rated:
                out.errors[f"{prefix}.{i}.name"] = [
                    f"{name!r} rates {match.kind} {match.target}, already rated by {prefix}.{rated[key]}"
                ]
                continue
            rated[key] = i
            record = {"input": name, "level": level, "confidence": match.confidence}
            if match.kind == "module":
                cols = self._module_cols[match.target]
                module_rows.append((cols, level))
                record.update(module=match.target, skills=list(self._module_skill_ids[match.target]))
            else:
                record["skill"] = match.target
            out.matched.append(record)
        for cols, level in module_rows:
            levels[cols] = level
        for record in out.matched:
            if "skill" in record:
                levels[self._index[record["skill"]]] = record["level"]
        return out


@dataclass
class ProfileBatch:
    """Parsed requests: valid rows feed the engine, invalid rows carry their errors."""

    levels: np.ndarray  # (P, S) int8, rows of invalid profiles are zero
    targets: np.ndarray  # (P,) role index, -1 = best fit
    hours_per_week: np.ndarray  # (P,) float
    parsed: list[ParsedProfile]

    @property
    def valid(self) -> np.ndarray:
        return np.array([not p.errors for p in self.parsed], dtype=bool)


def parse_requests(parser: ProfileParser, requests: Sequence[Mapping]) -> ProfileBatch:
    """Parse many requests (``skills``, ``target_role``, ``hours_per_week``)."""
    n = len(requests)
    levels = np.zeros((n, len(parser.catalog.skills)), dtype=np.int8)
    targets = np.empty(n, dtype=np.int64)  # empty + fill: np.full costs more than the fill for a few rows
    targets.fill(-1)
    hours = np.empty(n)
    hours.fill(DEFAULT_HOURS_PER_WEEK)
    parsed = []
    for p, request in enumerate(requests):
        if type(request) is not dict and not isinstance(request, Mapping):
            parsed.append(ParsedProfile(errors={"_schema": ["each profile must be an object"]}))
            continue
        row = parser.parse_skills(request.get("skills") or [], levels[p])
        role = parser.role_index(request.get("target_role"))
        if isinstance(role, str):
            row.errors["target_role"] = [role]
        else:
            targets[p] = role
        hpw = parser.parse_hours(request.get("hours_per_week"))
        if isinstance(hpw, str):
            row.errors["hours_per_week"] = [hpw]
        else:
            hours[p] = hpw
        if row.errors:
            levels[p] = 0
        parsed.append(row)
    return ProfileBatch(levels=levels, targets=targets, hours_per_week=hours, parsed=parsed)
