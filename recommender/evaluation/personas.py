"""The persona benchmark: realistic people, a mentor's expectations, a verdict each.

``skills/data/eval/personas.yaml`` holds the personas (how they were written is at
its top). Every persona's request goes through the engine's public API in one batch
(:meth:`Engine.parse` for the levels the profile is read as, :meth:`Engine.recommend_many`
for the answer) and each expectation becomes a check with a reason when it fails:

- ``answered``: the request was not refused;
- ``honest_reasons`` (always): no step's reason claims a fit change from N% to the same N%;
- ``best_fit``: the answer's ``best_fit`` role is one of ``acceptable_roles``;
- ``must_include`` / ``must_not_include``: skills among the first five plan steps;
- ``hands_on``: plan hours before the first hands-on step of the plan role's track;
- ``no_reteach``: no step starts at 0 for a prerequisite, direct or not, of a skill
  the profile is read at :func:`held_level` or more (3 on the shipped scale 0..5);
- ``read_as``: each skill in ``expected_skills`` is read at the expected level.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np
import yaml

from recommender.alternatives import Alternatives
from skills import Catalog
from skills.graph import ancestors

FIRST_STEPS = 5


def held_level(top: int) -> int:
    """A skill read at this level or more has its prerequisites' fundamentals; re-teaching them from 0 fails.

    The first level of the upper half of a scale 0..top: 3 (intermediate, "uses it on real work without help")
    on the shipped 0..5, 2 on a 0..3.
    """
    return top // 2 + 1


SPLITS = ("dev", "holdout")
# "from 18% to 18%": a change the reader cannot see (issue 16 §4).
NO_CHANGE = re.compile(r"from (\d+(?:\.\d+)?%) to \1(?![\d.])")
EXPECTATIONS = frozenset(
    [
        "acceptable_roles",
        "first_steps_must_include",
        "first_steps_must_not_include",
        "max_hours_before_hands_on",
        "no_reteach",
        "expected_skills",
    ]
)


class PersonaError(ValueError):
    """A persona file that cannot be used; names the persona, the field and the problem."""


class LevelRange(NamedTuple):
    low: int
    high: int

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"

    def miss(self, level: int) -> int:
        """How far ``level`` lies outside the range: above it > 0 (over-credit), below it < 0, within 0."""
        return level - self.high if level > self.high else level - self.low if level < self.low else 0


class Expectations(NamedTuple):
    acceptable_roles: tuple[str, ...]
    must_include: tuple[str, ...]
    must_not_include: tuple[str, ...]
    max_hours_before_hands_on: float | None
    no_reteach: bool
    expected_skills: Mapping[str, LevelRange]


class Persona(NamedTuple):
    id: str
    split: str
    background: str
    request: dict
    expect: Expectations


class Benchmark(NamedTuple):
    personas: tuple[Persona, ...]
    hands_on: Mapping[str, frozenset[str]]  # track -> skill ids whose steps are hands-on


class Failure(NamedTuple):
    check: str
    reason: str


class Verdict(NamedTuple):
    persona: str
    split: str
    checks: int
    failures: tuple[Failure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


class PassRate(NamedTuple):
    passed: int
    total: int

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


class Report(NamedTuple):
    verdicts: tuple[Verdict, ...]
    rates: Mapping[str, PassRate]  # split -> personas passed

    def as_dict(self) -> dict:
        return {
            "personas": [
                {
                    "id": v.persona,
                    "split": v.split,
                    "passed": v.passed,
                    "checks": v.checks,
                    "failures": [f._asdict() for f in v.failures],
                }
                for v in self.verdicts
            ],
            "pass_rates": {split: {**r._asdict(), "rate": r.rate} for split, r in self.rates.items()},
        }


PERSONAS_PATH = Path("eval", "personas.yaml")  # in the catalog directory: expectations use the catalog's ids


def default_personas_path() -> Path:
    return Path(str(resources.files("skills") / "data")) / PERSONAS_PATH


def load_personas(catalog: Catalog, path: str | os.PathLike | None = None) -> Benchmark:
    """Read and check a persona file against ``catalog``'s skills and roles."""
    path = Path(path) if path else default_personas_path()
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PersonaError(
            f"{path}: cannot read ({exc.strerror}); a catalog's personas live in {PERSONAS_PATH}"
        ) from None
    except yaml.YAMLError as exc:
        raise PersonaError(f"{path}: not YAML ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("personas"), list) or not doc["personas"]:
        raise PersonaError(f"{path}: needs a non-empty 'personas' list")
    tracks = tuple(track.id for track in catalog.tracks)
    known = _Known(frozenset(catalog.skill_ids), frozenset(catalog.role_ids), catalog.max_level, tracks)
    hands_on = _hands_on(doc.get("hands_on"), known, path.name)
    personas = tuple(_persona(entry, i, known, path.name) for i, entry in enumerate(doc["personas"]))
    seen: set[str] = set()
    for p in personas:
        if p.id in seen:
            raise PersonaError(f"{path.name}: persona id {p.id!r} appears twice")
        seen.add(p.id)
    return Benchmark(personas, hands_on)


class _Known(NamedTuple):
    skills: frozenset[str]
    roles: frozenset[str]
    top: int
    """The top of the catalog's level scale."""
    tracks: tuple[str, ...]
    """The catalog's track ids (none for a catalog without tracks)."""


def _hands_on(value, known: _Known, where: str) -> dict[str | None, frozenset[str]]:
    """Track id (None for a role without one) -> the skills whose steps are hands-on in that track's plans.

    One list serves every track; a mapping lists each of the catalog's tracks, and a role without a track (which
    follows every track) counts them all.
    """
    if isinstance(value, list):
        ids = frozenset(_ids(value, known.skills, f"{where} hands_on"))
        return dict.fromkeys((*known.tracks, None), ids)
    if not isinstance(value, dict) or not known.tracks or set(value) != set(known.tracks):
        each = f"for each of the catalog's tracks ({', '.join(known.tracks)}), or " if known.tracks else ""
        raise PersonaError(f"{where}: hands_on must list skill ids {each}as one list for every plan")
    per_track = {
        track: frozenset(_ids(value[track], known.skills, f"{where} hands_on.{track}")) for track in known.tracks
    }
    return per_track | {None: frozenset().union(*per_track.values())}  # a role without a track follows every track


def _ids(value, allowed: frozenset[str], where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PersonaError(f"{where}: must be a list of ids")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise PersonaError(f"{where}: unknown ids {unknown}")
    return tuple(value)


def _persona(entry, i: int, known: _Known, where: str) -> Persona:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise PersonaError(f"{where} personas.{i}: must be a mapping with a string id")
    where = f"{where} persona {entry['id']!r}"
    if entry.get("split") not in SPLITS:
        raise PersonaError(f"{where}: split must be one of {', '.join(SPLITS)}")
    if not isinstance(entry.get("skills"), list):
        raise PersonaError(f"{where}: skills must be a list of {{name, level}} entries")
    if entry.get("target_role") is not None and entry["target_role"] not in known.roles:
        raise PersonaError(f"{where}: target_role {entry['target_role']!r} is not a role")
    goals = entry.get("goals")
    if goals is not None and not (isinstance(goals, list) and all(isinstance(g, str) and g.strip() for g in goals)):
        raise PersonaError(f"{where}: goals must be a list of names of what the person wants to learn next")
    request = {"skills": entry["skills"]}
    request.update((k, entry[k]) for k in ("hours_per_week", "target_role", "goals") if entry.get(k))
    return Persona(entry["id"], entry["split"], str(entry.get("background", "")), request, _expect(entry, known, where))


def _expect(entry: dict, known: _Known, where: str) -> Expectations:
    expect = entry.get("expect")
    if not isinstance(expect, dict):
        raise PersonaError(f"{where}: expect must be a mapping")
    extra = set(expect) - EXPECTATIONS
    if extra:
        raise PersonaError(f"{where}: unknown expectations {sorted(extra)}")
    hours = expect.get("max_hours_before_hands_on")
    if hours is not None and (isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0):
        raise PersonaError(f"{where}: max_hours_before_hands_on must be a number of hours >= 0")
    if not isinstance(expect.get("no_reteach"), bool):
        raise PersonaError(f"{where}: no_reteach must be true or false")
    skills = expect.get("expected_skills") or {}
    if not isinstance(skills, dict):
        raise PersonaError(f"{where}: expected_skills must map skill ids to levels")
    _ids(list(skills), known.skills, f"{where} expected_skills")
    return Expectations(
        acceptable_roles=_ids(expect.get("acceptable_roles", []), known.roles, f"{where} acceptable_roles"),
        must_include=_ids(expect.get("first_steps_must_include", []), known.skills, f"{where} must_include"),
        must_not_include=_ids(expect.get("first_steps_must_not_include", []), known.skills, f"{where} must_not"),
        max_hours_before_hands_on=None if hours is None else float(hours),
        no_reteach=expect["no_reteach"],
        expected_skills={
            sid: _level_range(v, f"{where} expected_skills.{sid}", known.top) for sid, v in skills.items()
        },
    )


def _level_range(value, where: str, top: int) -> LevelRange:
    bounds = value if isinstance(value, list) and len(value) == 2 else [value, value]
    if not all(type(b) is int and 0 <= b <= top for b in bounds) or bounds[0] > bounds[1]:
        raise PersonaError(f"{where}: must be a level 0-{top} or [low, high]")
    return LevelRange(*bounds)


# -- judging ---------------------------------------------------------------------------------


def evaluate_personas(engine, benchmark: Benchmark) -> Report:
    """Run every persona through ``engine`` in one batch and judge each answer."""
    requests = [p.request for p in benchmark.personas]
    batch = engine.parse(requests)  # the levels each profile is read as (rated, merged, inferred)
    answers = engine.recommend_many(requests)
    judge = Judge(engine.catalog, benchmark.hands_on)
    ids = engine.catalog.skill_ids
    verdicts = tuple(
        judge.verdict(
            p,
            answer,
            dict(zip(ids, levels.tolist(), strict=True)),
            frozenset(ids[i] for i in np.flatnonzero(restricted)),
        )
        for p, answer, levels, restricted in zip(
            benchmark.personas, answers, batch.levels, batch.restricted, strict=True
        )
    )
    rates = {
        split: PassRate(sum(v.passed for v in verdicts if v.split == split), sum(v.split == split for v in verdicts))
        for split in SPLITS
    }
    return Report(verdicts, rates)


class Judge:
    """The checks, one method each: (expectations, answer, levels read) -> failures."""

    def __init__(self, catalog: Catalog, hands_on: Mapping[str, frozenset[str]]):
        self.catalog = catalog
        self.hands_on = hands_on
        self.held_level = held_level(catalog.max_level)
        self.ancestors = _ancestors(catalog)
        self._alternatives = Alternatives(catalog)
        self._variant_ancestors = cache(lambda code: _ancestors(self._alternatives.without(code)))

    def needed(self, sid: str, levels: Mapping[str, int]) -> frozenset[str]:
        """The skills ``sid`` builds on, directly or not, that the person needed to hold it: in the catalog's
        variant without the prerequisites they meet through an alternative (recommender.alternatives: an app
        developer calling a model's API from PHP meets its Python through another language at 3)."""
        code = self._alternatives.code([levels.get(s, 0) for s in self.catalog.skill_ids])
        return self._variant_ancestors(code)(sid)

    def verdict(
        self, persona: Persona, answer, levels: dict[str, int], restricted: frozenset[str] = frozenset()
    ) -> Verdict:
        """``restricted``: the skills read only through a restricted form, which implies nothing of what they
        build on (recommender.implied), so teaching those from 0 is not re-teaching."""
        if isinstance(answer, Exception):
            return Verdict(persona.id, persona.split, 1, (Failure("answered", f"request refused: {answer}"),))
        e = persona.expect
        checks = [
            (e.acceptable_roles, self.best_fit),
            (e.must_include, self.must_include),
            (e.must_not_include, self.must_not_include),
            (e.max_hours_before_hands_on is not None, self.hands_on_hours),
            (e.no_reteach, partial(self.no_reteach, restricted=restricted)),
            (e.expected_skills, self.read_as),
        ]
        run = [self.honest_reasons] + [check for wanted, check in checks if wanted]
        failures = tuple(f for check in run for f in check(e, answer, levels))
        return Verdict(persona.id, persona.split, len(run), failures)

    @staticmethod
    def honest_reasons(e: Expectations, answer: dict, levels) -> list[Failure]:
        return [
            Failure("honest_reasons", f"{step['skill']} step says {reason!r}")
            for step in answer["plan"]["steps"]
            for reason in step["reasons"]
            if NO_CHANGE.search(reason)
        ]

    @staticmethod
    def best_fit(e: Expectations, answer: dict, levels) -> list[Failure]:
        best = answer["best_fit"]
        if best in e.acceptable_roles:
            return []
        wanted = "/".join(e.acceptable_roles)
        if best is None:
            return [Failure("best_fit", f"no role called the best fit, expected {wanted}")]
        fit = next(r["fit"] for r in answer["roles"] if r["role"] == best)
        return [Failure("best_fit", f"best fit is {best} ({fit:.0%}), expected {wanted}")]

    @staticmethod
    def must_include(e: Expectations, answer: dict, levels) -> list[Failure]:
        first = _first_steps(answer)
        missing = [s for s in e.must_include if s not in first]
        if not missing:
            return []
        return [
            Failure("must_include", f"{', '.join(missing)} not in the first {FIRST_STEPS} steps ({_steps(answer)})")
        ]

    @staticmethod
    def must_not_include(e: Expectations, answer: dict, levels) -> list[Failure]:
        first = _first_steps(answer)
        present = [s for s in e.must_not_include if s in first]
        if not present:
            return []
        return [
            Failure("must_not_include", f"{', '.join(present)} in the first {FIRST_STEPS} steps ({_steps(answer)})")
        ]

    def hands_on_hours(self, e: Expectations, answer: dict, levels) -> list[Failure]:
        track = self.catalog.role(answer["target_role"]).track
        hands_on = self.hands_on[track]
        hours = 0.0
        for step in answer["plan"]["steps"]:
            if step["skill"] in hands_on:
                break
            hours += step["hours"]
        if hours <= e.max_hours_before_hands_on:
            return []
        limit = f"{e.max_hours_before_hands_on:g}"
        return [
            Failure("hands_on", f"{hours:g} plan hours before the first hands-on step ({track} track), over {limit}")
        ]

    def no_reteach(
        self, e: Expectations, answer: dict, levels: dict[str, int], restricted: frozenset[str] = frozenset()
    ) -> list[Failure]:
        held = [sid for sid, level in levels.items() if level >= self.held_level and sid not in restricted]
        # A skill the person rated 0 themselves is taught from 0 as they said: what a person says is never raised.
        matched = answer.get("profile", {}).get("matched", ())
        said_none = {m["skill"] for m in matched if m.get("skill") and m["level"] == 0}
        out = []
        for step in answer["plan"]["steps"]:
            if step["from_level"] != 0 or step["skill"] in said_none:
                continue
            because = [sid for sid in held if step["skill"] in self.needed(sid, levels)]
            if because:
                out.append(
                    Failure(
                        "no_reteach", f"{step['skill']} taught from 0, but {because[0]} is read at {levels[because[0]]}"
                    )
                )
        return out

    @staticmethod
    def read_as(e: Expectations, answer, levels: dict[str, int]) -> list[Failure]:
        wrong = [
            f"{sid} read at {levels[sid]}, expected {want}"
            for sid, want in e.expected_skills.items()
            if not want.low <= levels[sid] <= want.high
        ]
        return [Failure("read_as", "; ".join(wrong))] if wrong else []


def _ancestors(catalog: Catalog) -> Callable[[str], frozenset[str]]:
    """What each skill of ``catalog`` builds on, directly or not (cached per skill)."""
    return ancestors({s.id: s.prerequisites for s in catalog.skills})


def _first_steps(answer: dict) -> list[str]:
    return [step["skill"] for step in answer["plan"]["steps"][:FIRST_STEPS]]


def _steps(answer: dict) -> str:
    return ", ".join(f"{s['skill']} {s['from_level']}->{s['to_level']}" for s in answer["plan"]["steps"][:FIRST_STEPS])


def report_lines(report: Report) -> list[str]:
    """The report as text: one line per persona, its failures under it, then the pass rates."""
    lines = []
    for v in report.verdicts:
        lines.append(
            f"{'PASS' if v.passed else 'FAIL'}  {v.persona:<32} {v.split:<8} {v.checks - _failed(v)}/{v.checks} checks"
        )
        lines.extend(f"        {f.check}: {f.reason}" for f in v.failures)
    lines.append("")
    for split, rate in report.rates.items():
        lines.append(f"{split:<8} {rate.passed}/{rate.total} personas pass ({rate.rate:.0%})")
    return lines


def _failed(v: Verdict) -> int:
    return len({f.check for f in v.failures})
