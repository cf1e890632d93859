"""Profile normalisation: lists of ``{"name", "level"}`` entries to a level matrix.

Everything a person can get wrong is reported as an input error keyed by the
field path (``skills.3.level``), never raised from deep inside.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from recommender.implied import Implication
from recommender.matching import (
    ASSISTED_CAP,
    ASSISTED_REASON,
    Match,
    RoleReader,
    SkillMatcher,
    assistant_writes_code,
    faded_level,
    stated_level,
)
from skills import Catalog
from skills.catalog import PracticeRule

MAX_HOURS_PER_WEEK = 80
DEFAULT_HOURS_PER_WEEK = 10
MAX_GOALS = 10  # what a person wants to learn next: a few names, not a second profile
EQUALS = frozenset("/+&")  # signs that set the parts of an entry side by side, as equals


def _unaccented(text: str) -> str:
    """``text`` without its accents ("básico", "débutant", "anfänger" as "basico", "debutant", "anfanger"): level
    words are plain lower-case letters, and people type them either way."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@dataclass
class ParsedProfile:
    """How one profile was read (shapes in docs/matching.md), or its errors.

    ``matched``: one record per name read; ``unmatched``: names that rate nothing;
    ``merged``: skills or modules rated by several entries, at the highest level of the entries that name them
    alone or lead with them (:func:`used_level`);
    ``inferred``: skills raised by what the profile implies, with the rated skill
    they were inferred from; ``goals``: each goal named, with the skills it was read as (none when unread);
    ``concerns``: skills the person's work calls for first though no goal names them, with the entry that says so
    and why (:meth:`ProfileParser.parse_concerns`).
    """

    matched: list[dict] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)
    merged: list[dict] = field(default_factory=list)
    inferred: list[dict] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    goals: list[dict] = field(default_factory=list)
    concerns: list[dict] = field(default_factory=list)


class ProfileParser:
    """Turns requests into a (profiles x skills) level matrix plus what was understood."""

    def __init__(self, catalog: Catalog, matcher: SkillMatcher | None = None):
        self.catalog = catalog
        self.matcher = matcher or SkillMatcher(catalog)
        self.implication = Implication(catalog)
        # Practice rules naming a skill's id among their products: an entry read as the skill itself (not a restricted
        # form) shows the practice too ("SAS" at 5 is statistics used on real work, which works in some maths).
        ids = set(catalog.skill_ids)
        self._skill_practice: dict[str, tuple[PracticeRule, ...]] = {}
        for rule in catalog.practice_rules:
            for product in rule.products:
                if product in ids:
                    self._skill_practice[product] = (*self._skill_practice.get(product, ()), rule)
        self._index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
        self._module_cols = {
            m.id: np.array([self._index[s.id] for s in catalog.module_skills(m.id)]) for m in catalog.modules
        }
        ids = catalog.skill_ids  # a property that builds a tuple: read once, not per module rating
        self._module_skill_ids = {m: [ids[c] for c in cols] for m, cols in self._module_cols.items()}
        self._words = {lv.word: lv.value for lv in catalog.levels}  # the words answers and hints show
        self._all_words = catalog.level_words  # and the other words people write for a level ("basic")
        self._roles = {rid: i for i, rid in enumerate(catalog.role_ids)}
        self.role_reader = RoleReader(catalog.roles)
        # The levels nearly every entry gives, as given: an int in range or an exact level
        # word. Looked up by type first, since True == 1 and 3.0 == 3 hash alike.
        self._plain_levels = {**{v: v for v in range(catalog.n_levels)}, **self._all_words}
        self._top = catalog.max_level
        # The lowest level at which each skill meets a prerequisite in another's place (skills.yaml's or), for the
        # skills some names of which meet none (matching.yaml's meets_no_alternative).
        lowest: dict[str, int] = {}
        for skill in catalog.skills:
            for alternatives in skill.prerequisite_alternatives.values():
                for sid, level in alternatives:
                    lowest[sid] = min(level, lowest.get(sid, level))
        self.alternative_level = {r.means: lowest[r.means] for r in catalog.no_alternative_rules if r.means in lowest}

    @property
    def level_hint(self) -> str:
        return f"use 0-{self._top} or one of {', '.join(self._words)}"

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
            if 0 <= value <= self._top:
                return value
            return f"{value} is out of range for the scale {self.catalog.scale}; {self.level_hint}"
        if isinstance(value, str):
            text = _unaccented(" ".join(value.lower().split()))  # "Básico" is "basico", an other word
            if text in self._all_words:
                return self._all_words[text]
            if text.isascii() and text.isdigit():
                return self.parse_level(int(text))
            # "3/5", as people rate themselves on forms and in spreadsheets: the scale's own top only, since
            # "7/10" on another scale has no one level here.
            rated, slash, out_of = (part.strip() for part in text.partition("/"))
            if slash and (rated + out_of).isascii() and rated.isdigit() and out_of.isdigit():
                if int(out_of) == self._top:
                    return self.parse_level(int(rated))
                example = f"{(self._top + 1) // 2}/{self._top}"
                return f"{value!r} rates out of {out_of}, not {self._top}; {self.level_hint}, or a rating such as '{example}'"
        return f"{value!r} is not a level; {self.level_hint}"

    def role_index(self, role) -> int | str:
        """The role's row, ``-1`` for "best fit" (None or empty), or an error message."""
        if role is None or role == "":
            return -1
        if isinstance(role, str) and role in self._roles:
            return self._roles[role]
        return f"unknown role {role!r}; choose one of {', '.join(sorted(self._roles))}"

    def wished_target(self, goals: Sequence[Mapping]) -> int:
        """The target of a profile naming no target role, from its goals' readings (:meth:`parse_goals`): the role
        the first goal naming one wishes to become, as :func:`wished` codes it, or -1 (the best fit) for none."""
        for goal in goals:
            if "role" in goal:
                return wished(self._roles[goal["role"]])
        return -1

    def parse_hours(self, value) -> float | str:
        if value is None:
            return float(DEFAULT_HOURS_PER_WEEK)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            return f"{value!r} is not a number of hours"
        if not 1 <= value <= MAX_HOURS_PER_WEEK:
            return f"{value} is out of range; use 1-{MAX_HOURS_PER_WEEK} hours per week"
        return float(value)

    def parse_goals(self, entries, row: np.ndarray, out: ParsedProfile, prefix: str = "goals") -> None:
        """Mark in ``row`` (bool, one per skill) the skills ``entries`` name as goals
        (:meth:`recommender.matching.SkillMatcher.read_goals`), and record each goal's reading, or its error,
        in ``out``.

        A goal is what the person wants to build or get better at next ("RAG over our docs", "evals"):
        the plan takes its way first (:func:`recommender.kernels._toward_goals`). A name that reads as no
        skill is reported with suggestions, as an unread skill name is, not refused. A module ("fine-tuning",
        "LLM apps") names an area, not a next step: it is reported with its skills as suggestions and plans
        nothing first (measured: taking all of a module's skills, or its entry skills, as goals put concept
        steps first and passed fewer personas, docs/evaluation.md).
        """
        if entries is None:
            return
        if not isinstance(entries, Sequence) or isinstance(entries, str | bytes):
            out.errors[prefix] = ["must be a list of names of what you want to learn next"]
            return
        if len(entries) > MAX_GOALS:
            out.errors[prefix] = [f"{len(entries)} goals; name at most {MAX_GOALS}"]
            return
        names = []
        for i, name in enumerate(entries):
            if not isinstance(name, str) or not name.strip():
                out.errors[f"{prefix}.{i}"] = ["must be a non-empty name"]
            else:
                names.append(name)
        read = self.matcher.read_goals(names)
        for name in names:
            goal = read[name]
            for sid in goal.skills:
                row[self._index[sid]] = True
            record = {"input": name.strip(), "skills": list(goal.skills)}
            if goal.modules:
                record["modules"] = list(goal.modules)
            if role := self.role_reader.role(name):  # "become a data scientist": the job wished for
                record["role"] = role
            if not goal.skills:
                near = [*goal.suggestions, *(s for a in goal.modules for s in self._module_skill_ids[a])]
                record["suggestions"] = list(dict.fromkeys(near))
            out.goals.append(record)

    def parse_concerns(self, entries, row: np.ndarray, out: ParsedProfile) -> None:
        """Mark in ``row`` (bool, one per skill: the goals') the skills the person's work calls for first
        (``matching.yaml``'s ``concerns``: an entry rated above 0 naming patients' health records makes responsible
        AI a goal), and record each in ``out.concerns`` with the first entry that says so and why. A skill a goal
        names already is not repeated: the goal says it."""
        named = {s for goal in out.goals for s in goal["skills"]}
        for entry in entries:
            name = entry.get("name") if isinstance(entry, Mapping) else None
            if not isinstance(name, str) or not isinstance(level := self.parse_level(entry.get("level")), int):
                continue
            for concern in self.matcher.concerns(name) if level > 0 else ():
                if concern.skill not in named:
                    named.add(concern.skill)
                    row[self._index[concern.skill]] = True
                    out.concerns.append({"input": name.strip(), "skill": concern.skill, "reason": concern.reason})

    def parse_skills(
        self,
        entries: Sequence[Mapping],
        levels: np.ndarray,
        rated: np.ndarray | None = None,
        prefix: str = "skills",
        restricted: np.ndarray | None = None,
        no_alternative: np.ndarray | None = None,
    ) -> ParsedProfile:
        """Fill one row of ``levels`` from ``entries`` (and mark the skills rated in ``rated``, and those
        held only in a restricted form, which imply nothing (:mod:`recommender.implied`), in ``restricted``, and
        those held at an alternative's level only through names that meet no alternative in ``no_alternative``).

        Entries rating the same skill or module merge (:func:`used_level`), and ``merged`` says which entries
        it came from. A skill rated itself wins over its module's rating. Only a value that is itself invalid
        is an error.
        """
        out = ParsedProfile()
        if not isinstance(entries, Sequence) or isinstance(entries, str | bytes):
            out.errors[prefix] = ["must be a list of {name, level} entries"]
            return out
        valid: list[tuple[int, str, int]] = []
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
            valid.append((i, name, level))
        resolved = self.matcher.resolve_many(name for _, name, _ in valid)
        valid = [(i, name, faded_level(name, level, resolved[name])) for i, name, level in valid]  # "R, rusty" 2 is 1
        valid = [(i, name, stated_level(name, level)) for i, name, level in valid]  # "PyTorch (basic)" 4 is 3
        # "chatgpt writes most of my code": the profile's languages at most intermediate, whatever their entries say
        assisted = assistant_writes_code(name for _, name, _ in valid)
        if _developer(valid, resolved):  # "Copilot" alone beside Node.js at 4 is GitHub Copilot
            resolved = {**resolved, **{n: read for _, n, _ in valid if (read := self.matcher.for_developer(n))}}
        ratings: dict[tuple[str, str], list[Source]] = {}  # (kind, id) -> the entries that rate it
        alone: set[tuple[str, str, int]] = set()  # (kind, id, entry) where the entry names it alone
        capped: set[tuple[str, str, int]] = set()  # (kind, id, entry) where the entry names a restricted form
        # Products used on real work (matching.yaml's practice), each with the rule it meets.
        practised: list[tuple[Match, PracticeRule, Source]] = []
        # (id, entry) where the entry reads the skill only through names that meet no alternative ("VB6")
        unmet: set[tuple[str, int]] = set()
        for i, name, level in valid:
            named = [m.text for m in resolved[name] if m.target is not None]
            written_in = {m.text for m in resolved[name] if m.kind == "skill" and m.target in WRITTEN_IN_A_LANGUAGE}
            for match in resolved[name]:
                if match.target is None:
                    out.unmatched.append(
                        {"input": match.text, "suggestions": list(match.suggestions), "reason": match.reason}
                    )
                    # A product of no skill used on real work may show one ("MongoDB" at 3: some data querying).
                    for practice in _practised(match.practice, level):
                        practised.append((match, practice, Source(i, name.strip(), level)))
                    continue
                credited = level if match.up_to is None else min(level, match.up_to)
                helped = assisted and _is_language(match) and credited > ASSISTED_CAP
                credited = ASSISTED_CAP if helped else credited
                record = {
                    "input": match.text,
                    match.kind: match.target,
                    "level": credited,
                    "match": match.method,
                    "confidence": match.confidence,
                }
                if match.kind == "module":
                    record["skills"] = list(self._module_skill_ids[match.target])
                if match.up_to is not None:  # a restricted form of the skill (matching.yaml's up_to), cut or not
                    record["reason"] = _capped(match.up_to, level, match.reason)
                elif match.reason:  # a product read by its use (matching.yaml's uses)
                    record["reason"] = match.reason
                if helped:
                    record["reason"] = f"credited at {credited} at most, not {level}: {ASSISTED_REASON}"
                out.matched.append(record)
                ratings.setdefault((match.kind, match.target), []).append(Source(i, name.strip(), credited))
                # A language set beside a web framework as its equal ("Drupal 10 / PHP", "Spring Boot / Java") is
                # rated alike: the framework is written in it, so the framework's name does not make it one in
                # passing (a tool's does: "Docker / Kotlin"; session 41).
                beside = [n for n in named if n not in written_in] if _is_language(match) else named
                if match.up_to is None and _rates(name, match.text, beside):  # a restricted form rates something else
                    alone.add((match.kind, match.target, i))
                if match.up_to is not None:
                    capped.add((match.kind, match.target, i))
                if match.target in self.alternative_level and self.matcher.meets_no_alternative(match):
                    unmet.add((match.target, i))
                shown = match.practice
                if match.kind == "skill" and match.up_to is None:
                    shown = (*shown, *self._skill_practice.get(match.target, ()))
                for practice in _practised(shown, level):
                    practised.append((match, practice, Source(i, name.strip(), level)))
        self._fill(ratings, alone, capped, levels, out)
        self._credit_practice(practised, ratings, capped, levels, restricted, out)
        if restricted is not None and capped:  # most profiles name no restricted form
            for target in _restricted(ratings, alone, capped):
                col = self._index[target]
                if levels[col] <= max(s.level for s in ratings["skill", target]):  # not one a module rated higher
                    restricted[col] = True
        if no_alternative is not None and unmet:
            self._mark_unmet(ratings, unmet, levels, no_alternative)
        if rated is not None:  # what an entry rates, not what the catalog credits a restricted form as
            for (kind, target), sources in ratings.items():
                if any((kind, target, s.index) not in capped for s in sources):
                    rated[self._module_cols[target] if kind == "module" else self._index[target]] = True
        return out

    def _mark_unmet(
        self,
        ratings: dict[tuple[str, str], list[Source]],
        unmet: set[tuple[str, int]],
        levels: np.ndarray,
        no_alternative: np.ndarray,
    ) -> None:
        """Mark the skills held at an alternative's level only through names that meet no alternative: "Visual Basic
        6" at 5 beside "C#" at 2 is programming at 5 that does not stand in for Python at a model's SDK, where "C#"
        at 3 would. Another entry rating the skill, or its module, at the alternative's level meets it as before."""
        for target in {t for t, _ in unmet}:
            col = self._index[target]
            other = [s.level for s in ratings["skill", target] if (target, s.index) not in unmet]
            other += [
                max(s.level for s in sources)
                for (kind, module), sources in ratings.items()
                if kind == "module" and col in self._module_cols[module]
            ]
            lowest = self.alternative_level[target]
            if levels[col] >= lowest and max(other, default=0) < lowest:
                no_alternative[col] = True

    def _credit_practice(
        self,
        practised: list[tuple[Match, PracticeRule, Source]],
        ratings: dict[tuple[str, str], list[Source]],
        capped: set[tuple[str, str, int]],
        levels: np.ndarray,
        restricted: np.ndarray | None,
        out: ParsedProfile,
    ) -> None:
        """What products used on real work show of another skill (``matching.yaml``'s ``practice``: "ChatGPT" at 3
        is some prompt engineering), credited as a restricted form: never over an entry rating the skill itself
        (one crediting only a restricted form of it, "ChatGPT" as Gen AI fundamentals up to 1, does not), never
        lowering a level, implying nothing and never counted as rated; several such entries merge."""
        shown: dict[str, list[Source]] = {}
        for match, practice, entry in practised:
            if any(
                ("skill", practice.means, s.index) not in capped for s in ratings.get(("skill", practice.means), ())
            ):
                continue
            credited = min(entry.level, practice.up_to)
            out.matched.append(
                {
                    "input": match.text,
                    "skill": practice.means,
                    "level": credited,
                    "match": match.method,
                    "confidence": match.confidence,
                    "reason": _capped(practice.up_to, entry.level, practice.reason),
                }
            )
            shown.setdefault(practice.means, []).append(entry._replace(level=credited))
        for skill, sources in shown.items():
            # With the restricted forms of the skill other entries credit: all caps, so the highest counts.
            every = sorted([*ratings.get(("skill", skill), ()), *sources], key=lambda s: s.index)
            level = max(s.level for s in every)
            if len(every) > 1:
                out.merged[:] = [m for m in out.merged if m.get("skill") != skill]
                out.merged.append({"skill": skill, "level": level, "from": [s._asdict() for s in every]})
            col = self._index[skill]
            if level > levels[col]:
                levels[col] = level
                if restricted is not None:
                    restricted[col] = True

    def _fill(
        self,
        ratings: dict[tuple[str, str], list[Source]],
        alone: set[tuple[str, str, int]],
        capped: set[tuple[str, str, int]],
        levels: np.ndarray,
        out: ParsedProfile,
    ) -> None:
        """Write the merged ratings into ``levels``: modules first, so a skill's own rating wins; but a skill
        named only in restricted forms (credited "at most" a level) never lowers what a module rated: "Prompting"
        at 4 beside "Voiceflow KB" (prompt engineering up to 2) is prompt engineering 4.

        A restricted form, already cut to what it shows, is a floor under the entries rating the skill itself:
        "SQL (notions)" 1 beside "Power Query" 4 is SQL and data 2, the data wrangling done daily in the spreadsheet,
        though the SQL is weak (session 42). A name in passing is no floor ("Rasa (... in Python)" 3 beside
        "Python" 2 is Python 2): what it rates is another thing, where a restricted form says how far it shows."""
        merged = {
            key: max(
                used_level(sources, {s.index for s in sources if (*key, s.index) in alone}),
                _form_floor(key, sources, capped),
            )
            for key, sources in ratings.items()
        }
        for (kind, target), sources in ratings.items():
            if len(sources) > 1:
                out.merged.append({kind: target, "level": merged[kind, target], "from": [s._asdict() for s in sources]})
        for (kind, target), level in merged.items():
            if kind == "module":
                levels[self._module_cols[target]] = level
        for (kind, target), level in merged.items():
            if kind == "skill":
                col = self._index[target]
                if all((kind, target, s.index) in capped for s in ratings[kind, target]):
                    level = max(level, int(levels[col]))
                levels[col] = level

    def infer(
        self,
        levels: np.ndarray,
        rated: np.ndarray,
        parsed: Sequence[ParsedProfile],
        restricted: np.ndarray | None = None,
    ) -> None:
        """Raise ``levels`` to what they imply (:mod:`recommender.implied`) and list the raised cells.

        A skill the person rated keeps the level they gave it; one held only in a restricted form implies nothing.
        """
        inferred = self.implication.apply(levels, rated, restricted)
        ids = self.catalog.skill_ids
        for row, skill, level, source in zip(*(x.tolist() for x in inferred), strict=True):
            parsed[row].inferred.append({"skill": ids[skill], "level": level, "from_skill": ids[source]})


class Source(NamedTuple):
    """One entry behind a merged rating."""

    index: int
    name: str
    level: int


def used_level(sources: Sequence[Source], alone: set[int]) -> int:
    """The level several entries rating one skill give it: the highest of the entries that name it alone or
    lead with it (``alone``: their indexes, :func:`_rates`), else the highest of all.

    "Python" 2 beside "Rasa (NLU and custom actions in Python)" 3 is Python 2: the person rated it
    themselves, and the other entry rates Rasa, naming Python in passing. "Swift basics" 2 beside "Kotlin
    Multiplatform + Compose, 4 yrs Kotlin" 4 is other languages 4: that entry is about Kotlin. An entry naming
    only a restricted form ("Excel", SQL and data up to 1) rates that product, not the skill: it is not alone.
    """
    return max(s.level for s in sources if not alone or s.index in alone)


def _rates(entry: str, part: str, named: Sequence[str] = ()) -> bool:
    """Whether an entry rates the skill its ``part`` names: the part is the whole entry, or the entry's first
    part, what it is about ("Kotlin Multiplatform + Compose, 4 yrs Kotlin"), not a name in passing ("Ignition
    SCADA with Jython scripting", "Rasa (NLU and custom actions in Python)"). A part set beside the first as its
    equal ("/", "+", "&") rates its skill too when the parts before it name nothing known (``named``: the parts of
    the entry read as a skill): "Unity 2022 LTS / C#" is about C# as much as Unity."""
    entry = entry.strip()
    if entry.startswith(part):
        return True
    at = entry.find(part)
    before = entry[:at].rstrip()
    if at > 0 and before[-1:] == "," and all(p.strip() in named for p in before[:-1].split(",")):
        return True  # a plain list of names, each rated alike: "C++, bash, perl (kaldi recipes)"
    return at > 0 and before[-1:] in EQUALS and not any(n in before for n in named if n != part)


# Skills whose names are frameworks one writes in a language: a web framework ("Drupal", "Laravel", "Spring Boot").
WRITTEN_IN_A_LANGUAGE = frozenset({"web-apis"})
# Languages whose rating at DEVELOPER_LEVEL or more, not in a restricted form, makes a profile a developer's.
LANGUAGES = frozenset({"python", "programming-languages"})
DEVELOPER_LEVEL = 3


def _is_language(match: Match) -> bool:
    """Whether ``match`` names a programming language (:data:`LANGUAGES`) as a skill."""
    return match.kind == "skill" and match.target in LANGUAGES


def _developer(valid: Sequence[tuple[int, str, int]], resolved: Mapping[str, Sequence[Match]]) -> bool:
    """Whether an entry rates a programming language, whole, at :data:`DEVELOPER_LEVEL` or more: the profile is a
    developer's, whose bare "Copilot" is GitHub Copilot (:meth:`SkillMatcher.for_developer`)."""
    return any(
        level >= DEVELOPER_LEVEL and _is_language(m) and m.up_to is None
        for _, name, level in valid
        for m in resolved[name]
    )


def _form_floor(key: tuple[str, str], sources: Sequence[Source], capped: set[tuple[str, str, int]]) -> int:
    """The highest level a restricted form of ``key`` is credited at among ``sources``: a floor under the entries
    rating the skill itself (:meth:`ProfileParser._fill`), 0 where none names one."""
    return max((s.level for s in sources if (*key, s.index) in capped), default=0)


def _restricted(
    ratings: dict[tuple[str, str], list[Source]], alone: set[tuple[str, str, int]], capped: set[tuple[str, str, int]]
) -> list[str]:
    """The skills whose merged level (:func:`used_level`) comes only from entries naming a restricted form of
    them (``capped``): "Stable Diffusion in ComfyUI" 3 is Stable Diffusion through a web UI."""
    out = []
    for (kind, target), sources in ratings.items():
        if kind != "skill":
            continue
        considered = [s for s in sources if (kind, target, s.index) in alone] or sources
        top = max(s.level for s in considered)
        if _form_floor((kind, target), sources, capped) > top or all(
            (kind, target, s.index) in capped for s in considered if s.level == top
        ):
            out.append(target)
    return out


def wished(role: int) -> int:
    """The ``targets`` code (:class:`ProfileBatch`) of role ``role`` wished for in a goal, no target role given: among
    the near fits (``kernels.GOAL_ROLE_SHARE``) it comes first, and so is the best fit planned for
    (``kernels._wish_first``); a role fitting far less well than the best changes nothing."""
    return -2 - role


@dataclass
class ProfileBatch:
    """Parsed requests: valid rows feed the engine, invalid rows carry their errors."""

    levels: np.ndarray  # (P, S) int8, rows of invalid profiles are zero
    targets: np.ndarray  # (P,) role index, -1 = best fit, -2 - r: role r wished for in a goal (:func:`wished`)
    hours_per_week: np.ndarray  # (P,) float
    parsed: list[ParsedProfile]
    restricted: np.ndarray | None = None  # (P, S) bool: held only through a restricted form, implying nothing
    goals: np.ndarray | None = None  # (P, S) bool: the skills each profile names as goals; None when none does
    # (P, S) bool: held at an alternative's level only through names that meet none of the alternatives
    # matching.yaml's meets_no_alternative says ("VB6" for Python at a model's SDK), though held whole; None when none is
    no_alternative: np.ndarray | None = None

    @property
    def valid(self) -> np.ndarray:
        return np.array([not p.errors for p in self.parsed], dtype=bool)


def parse_requests(parser: ProfileParser, requests: Sequence[Mapping]) -> ProfileBatch:
    """Parse many requests (``skills``, ``goals``, ``target_role``, ``hours_per_week``)."""
    n = len(requests)
    levels = np.zeros((n, len(parser.catalog.skills)), dtype=np.int8)
    rated = np.zeros(levels.shape, dtype=bool)
    restricted = np.zeros(levels.shape, dtype=bool)
    no_alternative = np.zeros(levels.shape, dtype=bool)
    goals = np.zeros(levels.shape, dtype=bool)
    targets = np.empty(n, dtype=np.int64)  # empty + fill: np.full costs more than the fill for a few rows
    targets.fill(-1)
    hours = np.empty(n)
    hours.fill(DEFAULT_HOURS_PER_WEEK)
    parsed = []
    if n > 1:  # names that need the typo search are looked for in one batch, not one per profile
        parser.matcher.resolve_many(_names(requests))
    for p, request in enumerate(requests):
        if type(request) is not dict and not isinstance(request, Mapping):
            parsed.append(ParsedProfile(errors={"_schema": ["each profile must be an object"]}))
            continue
        row = parser.parse_skills(
            request.get("skills") or [], levels[p], rated[p], restricted=restricted[p], no_alternative=no_alternative[p]
        )
        parser.parse_goals(request.get("goals"), goals[p], row)
        if isinstance(entries := request.get("skills"), list):
            parser.parse_concerns(entries, goals[p], row)
        role = parser.role_index(request.get("target_role"))
        if isinstance(role, str):
            row.errors["target_role"] = [role]
        else:  # no target given: the role a goal wishes to become, if one does
            targets[p] = role if role >= 0 or not row.goals else parser.wished_target(row.goals)
        hpw = parser.parse_hours(request.get("hours_per_week"))
        if isinstance(hpw, str):
            row.errors["hours_per_week"] = [hpw]
        else:
            hours[p] = hpw
        if row.errors:
            levels[p] = 0
            goals[p] = False
        parsed.append(row)
    parser.infer(levels, rated, parsed, restricted if restricted.any() else None)
    return ProfileBatch(
        levels=levels,
        targets=targets,
        hours_per_week=hours,
        parsed=parsed,
        restricted=restricted,
        goals=goals if goals.any() else None,
        no_alternative=no_alternative if no_alternative.any() else None,
    )


def _names(requests: Sequence[Mapping]):
    """Every well-formed name in ``requests``; what is malformed is reported by :meth:`ProfileParser.parse_skills`."""
    for request in requests:
        entries = request.get("skills") if isinstance(request, Mapping) else None
        if isinstance(entries, list):
            for entry in entries:
                name = entry.get("name") if isinstance(entry, Mapping) else None
                if isinstance(name, str) and name.strip():
                    yield name


def _capped(up_to: int, level: int, why: str) -> str:
    """The reason of a reading credited only up to a level: the cap, and what it cut ("not 4") when it cut."""
    cut = f", not {level}" if level > up_to else ""
    return f"credited at {up_to} at most{cut}: {why}"


def _practised(rules: Sequence[PracticeRule], level: int) -> list[PracticeRule]:
    """The practice rules a product rated at ``level`` meets, one a skill: the one crediting it most ("ChatGPT" at 3
    is prompt engineering 2 by the rule from 3, not also 1 by the rule from 2)."""
    best: dict[str, PracticeRule] = {}
    for rule in rules:
        if level >= rule.from_level and (
            rule.means not in best or min(level, rule.up_to) > min(level, best[rule.means].up_to)
        ):
            best[rule.means] = rule
    return list(best.values())
