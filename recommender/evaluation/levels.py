"""How much one profile entry credits: levels read against a labelled set (skills/data/eval/levels.csv).

Each row is one entry as people write it ("PyTorch (3 yrs, production)", "used ChatGPT for emails") with
the level the person gave it on the form's scale, and what an experienced Gen AI mentor would credit after
reading that entry alone: ``skill:lo-hi`` ranges separated by ``;`` (``prompt-engineering:1-2;llm-apis:0``),
the skill the entry names and the prerequisites a naive reading would credit wrongly. A skill the row does
not list is not judged. How the set was written is in docs/evaluation.md.

Every row is read as a one-entry profile, all rows in one batch through the engine's parse path
(:func:`recommender.profiles.parse_requests`, what :meth:`Engine.parse` runs): the levels the engine
plans from, rated, merged and inferred. Per split: the share of rows whose every listed skill is read
within its range, the share of (row, skill) pairs within range, the mean absolute distance to the
nearest end of the range, and how many pairs are read above (over-credit) or below (under-credit) it.

The split is :func:`recommender.evaluation.matching.split_of` of the NAME alone, as for matching.csv:
the same name at several levels falls in one split, so what is tuned on a dev row never shows a
holdout row the same entry. The holdout is never looked at to tune reading; ``--failures`` lists dev
rows only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from recommender.evaluation.matching import SPLITS, LabelError, read_rows, split_of
from recommender.evaluation.personas import LevelRange
from recommender.profiles import ProfileParser, parse_requests
from skills import Catalog, load_catalog
from skills.loader import resolve_catalog_dir

SET_PATH = Path("eval", "levels.csv")  # in the catalog directory: ranges use the catalog's ids and scale
COLUMNS = ("name", "level", "expected", "source", "split")
RANGE = re.compile(r"^(?P<skill>[a-z0-9-]+):(?P<low>\d+)(?:-(?P<high>\d+))?$")


class Example(NamedTuple):
    name: str
    level: int  # as the person gave it
    expected: Mapping[str, LevelRange]  # skill id -> what a mentor credits from this entry alone
    source: str
    split: str


def _expected(text: str, known: frozenset[str], top: int, where: str) -> dict[str, LevelRange]:
    out: dict[str, LevelRange] = {}
    for part in text.split(";"):
        found = RANGE.match(part.strip())
        if not found:
            raise LabelError(f"{where}: expected {part.strip()!r} is not skill:level or skill:low-high")
        sid, low = found["skill"], int(found["low"])
        high = int(found["high"]) if found["high"] is not None else low
        if sid not in known:
            raise LabelError(f"{where}: expected names an unknown skill {sid}")
        if not low <= high <= top:
            raise LabelError(f"{where}: expected {sid}:{low}-{high} is not a range of levels 0-{top} in order")
        if sid in out:
            raise LabelError(f"{where}: expected lists {sid} twice")
        out[sid] = LevelRange(low, high)
    return out


def load_examples(catalog: Catalog, path: str | os.PathLike | None = None) -> list[Example]:
    """Read and check the set: known skill ids, levels and ranges on the catalog's scale, the split of each name."""
    known = frozenset(catalog.skill_ids)
    top = catalog.max_level
    out = []
    for line, row in read_rows(path, SET_PATH, COLUMNS, "levels"):
        where = f"line {line} ({row['name']!r})"
        level = row["level"].strip()
        if not level.isdigit() or int(level) > top:
            raise LabelError(f"{where}: level {level!r} is not a level 0-{top}")
        expected = _expected(row["expected"], known, top, where)
        if row["split"] != split_of(row["name"]):
            raise LabelError(f"{where}: split must be {split_of(row['name'])}")
        out.append(Example(row["name"], int(level), expected, row["source"], row["split"]))
    return out


@dataclass
class Figures:
    """Rows and (row, skill) pairs read within range, and the distance and direction of the misses."""

    rows: int = 0
    rows_right: int = 0
    pairs: int = 0
    pairs_right: int = 0
    distance: int = 0  # summed over pairs: levels to the nearest end of the range
    over: int = 0  # pairs read above their range
    under: int = 0  # pairs read below it

    @property
    def row_accuracy(self) -> float:
        return self.rows_right / self.rows if self.rows else 1.0

    @property
    def pair_accuracy(self) -> float:
        return self.pairs_right / self.pairs if self.pairs else 1.0

    @property
    def mean_error(self) -> float:
        return self.distance / self.pairs if self.pairs else 0.0

    def add(self, misses: Sequence[int]) -> None:
        self.rows += 1
        self.rows_right += not any(misses)
        self.pairs += len(misses)
        self.pairs_right += sum(m == 0 for m in misses)
        self.distance += sum(abs(m) for m in misses)
        self.over += sum(m > 0 for m in misses)
        self.under += sum(m < 0 for m in misses)

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "row_accuracy": round(self.row_accuracy, 4),
            "pairs": self.pairs,
            "pair_accuracy": round(self.pair_accuracy, 4),
            "mean_abs_error": round(self.mean_error, 4),
            "over_credit": self.over,
            "under_credit": self.under,
        }


class Miss(NamedTuple):
    skill: str
    expected: LevelRange
    read: int

    def __str__(self) -> str:
        return f"{self.skill} {self.expected} read {self.read}"


class Failure(NamedTuple):
    name: str
    level: int
    misses: tuple[Miss, ...]


@dataclass
class Report:
    figures: dict[str, Figures]
    failures: dict[str, list[Failure]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {split: self.figures[split].as_dict() for split in self.figures}


def read_levels(parser: ProfileParser, examples: Sequence[Example]) -> np.ndarray:
    """The levels (rows x catalog skills) each entry is read as, alone: one batch, a one-entry profile a row."""
    requests = [{"skills": [{"name": e.name, "level": e.level}]} for e in examples]
    return parse_requests(parser, requests).levels  # a profile refused (its errors) reads as all zeros


def evaluate(parser: ProfileParser, examples: Sequence[Example]) -> Report:
    levels = read_levels(parser, examples)
    column = {sid: i for i, sid in enumerate(parser.catalog.skill_ids)}
    figures = {split: Figures() for split in SPLITS}
    failures: dict[str, list[Failure]] = {split: [] for split in SPLITS}
    for example, row in zip(examples, levels.tolist(), strict=True):
        read = {sid: row[column[sid]] for sid in example.expected}
        misses = [rng.miss(read[sid]) for sid, rng in example.expected.items()]
        figures[example.split].add(misses)
        if any(misses):
            wrong = tuple(Miss(sid, rng, read[sid]) for sid, rng in example.expected.items() if rng.miss(read[sid]))
            failures[example.split].append(Failure(example.name, example.level, wrong))
    return Report(figures, failures)


def evaluate_levels(catalog_dir: str | os.PathLike | None = None) -> Report:
    """A catalog's profile reading on the catalog's own levels set (``eval/levels.csv`` in its directory)."""
    catalog = load_catalog(catalog_dir)
    return evaluate(ProfileParser(catalog), load_examples(catalog, resolve_catalog_dir(catalog_dir) / SET_PATH))


def format_report(report: Report, show_failures: bool = False) -> str:
    """The figures as a plain-text table; dev-split failures on request (never the holdout's)."""
    lines = [f"{'split':8} {'rows':>5} {'row acc':>8} {'pairs':>6} {'pair acc':>9} {'MAE':>6} {'over':>5} {'under':>6}"]
    for split in SPLITS:
        f = report.figures[split]
        lines.append(
            f"{split:8} {f.rows:5d} {f.row_accuracy:8.3f} {f.pairs:6d} {f.pair_accuracy:9.3f} {f.mean_error:6.3f} "
            f"{f.over:5d} {f.under:6d}"
        )
    if show_failures:
        lines.append("")
        lines.append("dev entries read wrongly (skill expected read level):")
        for failure in report.failures["dev"]:
            lines.append(f"  {failure.name!r} at {failure.level}: {'; '.join(map(str, failure.misses))}")
    return "\n".join(lines)
