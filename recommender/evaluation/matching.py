"""Precision and recall of name matching on a labelled set (skills/data/eval/matching.csv).

Each row is a name as people write it, labelled with the skill or module ids it
names (several for a compound such as "PyTorch & JAX", separated by ``;``) or
``none``. Counting is per named target: a target the matcher reports and the
label has is a true positive, one the label lacks a false positive, one the label
has and the matcher misses a false negative.

A fifth of the set, chosen by a hash of the name, is the ``holdout`` split: it is
never looked at to tune aliases or thresholds, so its figures say how matching
does on names nobody tuned for.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from recommender.matching import SkillMatcher
from skills import Catalog, default_catalog_dir, load_catalog
from skills.loader import resolve_catalog_dir

SET_PATH = Path("eval", "matching.csv")  # in the catalog directory: labels are the catalog's ids
GOAL_KIND = "goal"  # rows naming what a person wants to learn next, read as goals are
COLUMNS = ("name", "label", "kind", "source", "split")
SPLITS = ("dev", "holdout")
HOLDOUT_SHARE = 5  # one name in five


def split_of(name: str) -> str:
    """``holdout`` for a fixed fifth of names (by a hash of the name), else ``dev``."""
    digest = hashlib.sha256(name.strip().lower().encode()).digest()
    return "holdout" if digest[0] % HOLDOUT_SHARE == 0 else "dev"


class Example(NamedTuple):
    name: str
    targets: frozenset[str]  # ids; empty for "none"
    kind: str
    source: str
    split: str


class LabelError(ValueError):
    """A labelled set that cannot be used; the message names the row and the problem."""


def read_rows(
    path: str | os.PathLike | None, set_path: Path, columns: Sequence[str], what: str
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a labelled CSV set with their line numbers, its columns checked; ``path`` defaults to
    ``set_path`` in the shipped catalog's directory. Shared by the labelled names and levels."""
    path = Path(path or default_catalog_dir() / set_path)
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
    except OSError as exc:
        raise LabelError(
            f"{path}: cannot read ({exc.strerror}); a catalog's labelled {what} live in {set_path}"
        ) from None
    if tuple(reader.fieldnames or ()) != tuple(columns):
        raise LabelError(f"columns must be {', '.join(columns)}, not {reader.fieldnames}")
    return list(enumerate(rows, start=2))


def load_examples(catalog: Catalog, path: str | os.PathLike | None = None) -> list[Example]:
    """Read and check the labelled set: known ids, the split each name's hash gives."""
    known = set(catalog.skill_ids) | {m.id for m in catalog.modules}
    out = []
    for line, row in read_rows(path, SET_PATH, COLUMNS, "names"):
        label = row["label"].strip()
        targets = frozenset() if label == "none" else frozenset(t.strip() for t in label.split(";"))
        unknown = sorted(targets - known)
        if unknown or not label:
            raise LabelError(f"line {line} ({row['name']!r}): unknown label {', '.join(unknown) or '(empty)'}")
        if row["split"] != split_of(row["name"]):
            raise LabelError(f"line {line} ({row['name']!r}): split must be {split_of(row['name'])}")
        out.append(Example(row["name"], targets, row["kind"], row["source"], row["split"]))
    return out


def _share(hits: int, misses: int) -> float:
    """hits / (hits + misses), 1.0 where there is nothing to count (no reading claimed, none missed)."""
    return hits / (hits + misses) if hits + misses else 1.0


@dataclass
class Counts:
    """True and false positives and false negatives of one group of names."""

    names: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _share(self.tp, self.fp)

    @property
    def recall(self) -> float:
        return _share(self.tp, self.fn)

    def add(self, gold: frozenset[str], found: frozenset[str]) -> None:
        self.names += 1
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    def as_dict(self) -> dict:
        return {"names": self.names, "precision": round(self.precision, 4), "recall": round(self.recall, 4)}


class Failure(NamedTuple):
    name: str
    expected: frozenset[str]
    found: frozenset[str]


@dataclass
class SuggestionCounts:
    """How the suggestions given for names read as nothing fare (docs/matching.md, Unmatched: no suggestion is
    better than a wrong one). ``unread``: labelled names read as nothing; ``right``: those suggested one of their
    labels; ``wrong``: names read as nothing whose suggestions hold none of their labels (every suggestion for a
    name labelled ``none`` is wrong)."""

    unread: int = 0
    right: int = 0
    wrong: int = 0

    @property
    def precision(self) -> float:
        """The share of names given suggestions whose suggestions hold one of their labels."""
        return _share(self.right, self.wrong)

    def add(self, gold: frozenset[str], suggestions: Sequence[str]) -> None:
        if gold:
            self.unread += 1
        if gold & set(suggestions):
            self.right += 1
        elif suggestions:
            self.wrong += 1

    def as_dict(self) -> dict:
        return {"unread": self.unread, "right": self.right, "wrong": self.wrong, "precision": round(self.precision, 4)}


@dataclass
class Report:
    """Figures per split, overall and per kind of name, the names matched wrongly, and how the suggestions for
    names read as nothing fare."""

    overall: dict[str, Counts]
    by_kind: dict[str, dict[str, Counts]]
    failures: dict[str, list[Failure]]
    suggestions: dict[str, dict[str, SuggestionCounts]] | None = None  # split -> "names" or "goals" -> counts

    def as_dict(self) -> dict:
        return {
            split: {
                "overall": self.overall[split].as_dict(),
                "by_kind": {k: c.as_dict() for k, c in sorted(self.by_kind[split].items())},
                **(
                    {"suggestions": {g: c.as_dict() for g, c in self.suggestions[split].items()}}
                    if self.suggestions
                    else {}
                ),
            }
            for split in self.overall
        }


def found_targets(matcher: SkillMatcher, names: Iterable[str]) -> dict[str, frozenset[str]]:
    """What the matcher reads in each name: the ids it matched (none for unmatched)."""
    resolved = matcher.resolve_many(names)
    return {name: frozenset(m.target for m in matches if m.target) for name, matches in resolved.items()}


def goal_targets(matcher: SkillMatcher, names: Iterable[str]) -> dict[str, frozenset[str]]:
    """What the planner takes each goal (a ``goal`` row) to name: its skills (:meth:`SkillMatcher.read_goals`;
    an area, a module, names none)."""
    return {name: frozenset(goal.skills) for name, goal in matcher.read_goals(names).items()}


def suggested(matcher: SkillMatcher, names: Iterable[str], goals: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """What is suggested for each name read as nothing (the suggestions of its unmatched parts) and each goal read
    as no skill (:attr:`recommender.matching.Goal.suggestions`); names read as something are left out."""
    out = {}
    for name, matches in matcher.resolve_many(names).items():
        if not any(m.target for m in matches):
            out[name] = tuple(dict.fromkeys(s for m in matches for s in m.suggestions))
    goals = list(goals)
    for name, goal in (matcher.read_goals(goals) if goals else {}).items():
        if not goal.skills and not goal.modules:
            out[name] = goal.suggestions
    return out


def evaluate(matcher: SkillMatcher, examples: Sequence[Example]) -> Report:
    found = found_targets(matcher, [e.name for e in examples if e.kind != GOAL_KIND])
    goals = [e.name for e in examples if e.kind == GOAL_KIND]
    if goals:
        found.update(goal_targets(matcher, goals))
    given = suggested(matcher, [e.name for e in examples if e.kind != GOAL_KIND], goals)
    suggestions = {split: {"names": SuggestionCounts(), "goals": SuggestionCounts()} for split in SPLITS}
    overall = {split: Counts() for split in SPLITS}
    by_kind: dict[str, dict[str, Counts]] = {split: {} for split in SPLITS}
    failures: dict[str, list[Failure]] = {split: [] for split in SPLITS}
    for example in examples:
        got = found[example.name]
        overall[example.split].add(example.targets, got)
        by_kind[example.split].setdefault(example.kind, Counts()).add(example.targets, got)
        if got != example.targets:
            failures[example.split].append(Failure(example.name, example.targets, got))
        if example.name in given:
            group = "goals" if example.kind == GOAL_KIND else "names"
            suggestions[example.split][group].add(example.targets, given[example.name])
    return Report(overall, by_kind, failures, suggestions)


def evaluate_matching(catalog_dir: str | os.PathLike | None = None) -> Report:
    """A catalog's matcher on the catalog's own labelled set (``eval/matching.csv`` in its directory)."""
    catalog = load_catalog(catalog_dir)
    return evaluate(SkillMatcher(catalog), load_examples(catalog, resolve_catalog_dir(catalog_dir) / SET_PATH))


def format_report(report: Report, show_failures: bool = False) -> str:
    """The figures as a plain-text table; dev-split failures on request (never the holdout's)."""
    lines = [f"{'split':8} {'kind':14} {'names':>6} {'precision':>10} {'recall':>8}"]
    for split in SPLITS:
        rows = [("all", report.overall[split]), *sorted(report.by_kind[split].items())]
        for kind, counts in rows:
            lines.append(f"{split:8} {kind:14} {counts.names:6d} {counts.precision:10.3f} {counts.recall:8.3f}")
    if report.suggestions:
        lines.append("")
        lines.append(
            "suggestions for names read as nothing (labelled names unread; suggested right, wrong; precision):"
        )
        for split in SPLITS:
            for group, c in report.suggestions[split].items():
                lines.append(
                    f"{split:8} {group:14} unread {c.unread:4d}  right {c.right:4d}  wrong {c.wrong:4d}  {c.precision:.3f}"
                )
    if show_failures:
        lines.append("")
        lines.append("dev names read wrongly (expected -> found):")
        for failure in report.failures["dev"]:
            expected = ";".join(sorted(failure.expected)) or "none"
            found = ";".join(sorted(failure.found)) or "none"
            lines.append(f"  {failure.name!r}: {expected} -> {found}")
    return "\n".join(lines)
