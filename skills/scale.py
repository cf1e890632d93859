"""The catalog's own level scale: ``catalog.yaml`` declares it, and every level the other files give must lie on it.

The marshmallow and JSON Schemas state each level's shape (a whole number, 1 or more); how high
it may go is the catalog's own top, so these checks hold each file's levels and hours against
the scale ``catalog.yaml`` declares. They read the entries as written, so an entry with another
mistake still has its levels checked; a value its schema already refuses is left to the schema.
While the scale itself is broken nothing is held against it: its own problem comes first.
"""

from __future__ import annotations

from collections import Counter

from skills.catalog import TOP_LEVEL_LIMIT, Level, scale_text
from skills.parts import MATCHING_FILE, RESOURCES_FILE, entries, item_name
from skills.problems import Findings

SCALE_FIX = (
    f"number your levels 0, 1, 2, ... up to your top level (1 to {TOP_LEVEL_LIMIT}), each once, with its own word "
    "and description (docs/catalog.md, Level scale)"
)


def checked_scale(levels: list[Level], found: Findings) -> tuple[Level, ...] | None:
    """The declared levels in order when their values are a scale (0..top, no gap); else ``None``. Each problem,
    a word used twice included, is added to ``found``."""
    values = sorted(lv.value for lv in levels)
    wrong = _off_scale(values)
    if wrong:
        problem = (
            f"must run 0, 1, 2, ... up to a top of 1 to {TOP_LEVEL_LIMIT}, each level once; "
            f"this scale has {len(values)}: {values} ({'; '.join(wrong)})"
        )
        found.add("catalog.yaml", problem, "levels", ("levels",), SCALE_FIX)
    _check_words(levels, found)
    return None if wrong else tuple(sorted(levels, key=lambda lv: lv.value))


def _off_scale(values: list[int]) -> list[str]:
    """What keeps sorted level values from being 0..top for a top of 1 to the limit: ``["missing 2", ...]``."""
    top = min(values[-1], TOP_LEVEL_LIMIT) if values else 0
    counts = Counter(values)
    wrong = [
        f"{label} {', '.join(map(str, vs))}"
        for label, vs in (
            ("missing", [v for v in range(top + 1) if v not in counts]),
            ("repeated", [v for v, n in counts.items() if n > 1]),
            (f"above {TOP_LEVEL_LIMIT}:", [v for v in values if v > TOP_LEVEL_LIMIT]),
        )
        if vs
    ]
    return wrong + ["no level above 0: a scale needs at least two levels"] if top == 0 else wrong


def _check_words(levels: list[Level], found: Findings) -> None:
    """Each word, a level's own or one of its other words (``also``), names one level."""
    seen: set[str] = set()
    for n, level in enumerate(levels):
        for word in (level.word, *level.also):
            if word in seen:
                fix = "give each level its own words: profiles may name a level by any of them"
                found.add("catalog.yaml", "duplicate level word", f"level word '{word}'", ("levels", n), fix)
            seen.add(word)


def check_on_scale(docs: dict, scale: tuple[Level, ...], found: Findings) -> None:
    """Hours have one figure per step of ``scale``; role targets, prerequisite levels, resource bands and the
    matching rules' caps lie on it."""
    rules = LevelRules(scale, found)
    for index, entry in entries(docs, "skills.yaml") or ():
        rules.skill(index, entry)
    for index, entry in entries(docs, "roles.yaml") or ():
        rules.role(index, entry)
    matching = docs.get(MATCHING_FILE)
    listed_rules = matching.get("rules") if isinstance(matching, dict) else None
    for index, entry in enumerate(listed_rules if isinstance(listed_rules, list) else ()):
        rules.name_rule(index, entry)
    listed_heads = matching.get("heads") if isinstance(matching, dict) else None
    for index, entry in enumerate(listed_heads if isinstance(listed_heads, list) else ()):
        rules.name_rule(index, entry, "heads")
    listed_shows = matching.get("shows") if isinstance(matching, dict) else None
    for index, entry in enumerate(listed_shows if isinstance(listed_shows, list) else ()):
        rules.name_rule(index, entry, "shows")
    listed_practice = matching.get("practice") if isinstance(matching, dict) else None
    for index, entry in enumerate(listed_practice if isinstance(listed_practice, list) else ()):
        rules.practice(index, entry)
    resources = docs.get(RESOURCES_FILE)
    for skill_id, listed in resources.items() if isinstance(resources, dict) else ():
        for n, resource in enumerate(listed if isinstance(listed, list) else ()):
            where = (RESOURCES_FILE, f"skill '{skill_id}'", (skill_id, n))
            rules.band(*where, resource, f"resource #{n + 1}: levels")


class LevelRules:
    """What each file's levels must be on one scale, each problem worded with the scale's own top and words."""

    def __init__(self, scale: tuple[Level, ...], found: Findings):
        self.top, self.found = scale[-1], found
        self.scale = f"the catalog's scale, {scale_text(scale)}"
        self.range = f"1 to {self.top.value} ({self.top.word})"

    def above(self, value) -> bool:
        """A whole number its schema takes (1 or more) that is above the top; any other is the schema's to report."""
        return type(value) is int and self.top.value < value

    def _level(self, item: str, value, path: tuple, noun: str, fix: str) -> None:
        """Say so where ``value`` (a dict from skills.yaml) gives a ``level`` above the scale's top; ``path`` is where
        the dict sits, and the problem names it dotted ("prerequisites.1.level: prerequisite level 6 is above ...")."""
        level = value.get("level") if isinstance(value, dict) else None
        if self.above(level):
            dotted = ".".join(str(p) for p in path[1:])
            problem = f"{dotted}.level: {noun} {level} is above the top of {self.scale}"
            self.found.add("skills.yaml", problem, item, (*path, "level"), fix)

    def skill(self, index: int, entry: dict) -> None:
        item, hours = item_name("skill", entry, index), entry.get("hours")
        steps = self.top.value
        if isinstance(hours, list) and hours and len(hours) != steps:
            problem = f"hours: {len(hours)} figures for the {steps} level steps of {self.scale}"
            fix = "list the hours from level " + _steps(steps)
            self.found.add("skills.yaml", problem, item, (index, "hours"), fix)
        prerequisites = entry.get("prerequisites")
        for n, prerequisite in enumerate(prerequisites if isinstance(prerequisites, list) else ()):
            fix = f"give the level this skill needs of it, {self.range}, or the bare id for all of its step"
            self._level(item, prerequisite, (index, "prerequisites", n), "prerequisite level", fix)
            beyond = prerequisite.get("beyond") if isinstance(prerequisite, dict) else None
            if type(beyond) is int and self.top.value <= beyond:
                problem = f"prerequisites.{n}.beyond: {beyond} is not below the top of {self.scale}"
                fix = f"give the level of this skill past which it needs the prerequisite, 1 to {self.top.value - 1}"
                self.found.add("skills.yaml", problem, item, (index, "prerequisites", n, "beyond"), fix)
            alternatives = prerequisite.get("or") if isinstance(prerequisite, dict) else None
            for k, alternative in enumerate(alternatives if isinstance(alternatives, list) else ()):
                fix = f"give the level of it that meets the prerequisite, {self.range}"
                self._level(item, alternative, (index, "prerequisites", n, "or", k), "level", fix)
        faster = entry.get("faster_with")
        for n, rule in enumerate(faster if isinstance(faster, list) else ()):
            fix = f"give the level of it from which this skill comes faster, {self.range}"
            self._level(item, rule, (index, "faster_with", n), "level", fix)
        resources = entry.get("resources")
        for n, resource in enumerate(resources if isinstance(resources, list) else ()):
            self.band("skills.yaml", item, (index, "resources", n), resource, f"resources.{n}.levels")

    def role(self, index: int, entry: dict) -> None:
        listed = entry.get("skills")
        for skill_id, target in listed.items() if isinstance(listed, dict) else ():
            level = target.get("level") if isinstance(target, dict) else None
            if self.above(level):
                problem = f"skills.{skill_id}.level: target level {level} is above the top of {self.scale}"
                fix = f"give the level the role needs, {self.range}"
                at = (index, "skills", skill_id, "level")
                self.found.add("roles.yaml", problem, item_name("role", entry, index), at, fix)

    def name_rule(self, index: int, entry, section: str = "rules") -> None:
        level = entry.get("up_to") if isinstance(entry, dict) else None
        if self.above(level):
            problem = f"up_to: level {level} is above the top of {self.scale}"
            fix = f"give the highest level the name is credited at, {self.range}"
            if section != "rules":
                item = f"{section.removesuffix('s')} #{index + 1}"
            else:
                item = f"rule '{entry.get('name')}'" if isinstance(entry.get("name"), str) else f"rule #{index + 1}"
            self.found.add(MATCHING_FILE, problem, item, (section, index, "up_to"), fix)

    def practice(self, index: int, entry) -> None:
        for key in ("from", "up_to"):
            level = entry.get(key) if isinstance(entry, dict) else None
            if self.above(level):
                problem = f"{key}: level {level} is above the top of {self.scale}"
                fix = f"give a level {self.range}"
                self.found.add(MATCHING_FILE, problem, f"practice #{index + 1}", ("practice", index, key), fix)

    def band(self, file: str, item: str, at: tuple, resource, shown: str) -> None:
        band = resource.get("levels") if isinstance(resource, dict) else None
        if isinstance(band, list) and any(self.above(level) for level in band):
            problem = f"{shown}: {band} goes above the top of {self.scale}"
            fix = f"write [lo, hi] with 1 <= lo <= hi <= {self.top.value} ({self.top.word})"
            self.found.add(file, problem, item, (*at, "levels"), fix)


def _steps(top: int) -> str:
    """``0 to 1, 1 to 2 and 2 to 3`` for a scale whose top is 3."""
    steps = [f"{n} to {n + 1}" for n in range(top)]
    return steps[0] if len(steps) == 1 else f"{', '.join(steps[:-1])} and {steps[-1]}"
