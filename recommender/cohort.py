"""Cohorts: many profiles at once, from wide tables or from API-shaped records.

Two ways in, one way through the engine:

* :func:`frame_to_batch` turns a *wide* table chunk (a pandas DataFrame read from
  CSV or Parquet: ``id``, optional ``target_role``, ``hours_per_week``, ``group`` and
  ``goals`` (names separated by ``;``), then one column per skill or module) into the engine's level matrix
  without a Python loop over rows: every column is factorised, its few distinct
  values are parsed with the engine's own parser, and the codes are mapped back.
* :func:`records_to_batch` takes the JSON profiles of the API
  (``{"id", "skills": [...], ...}``) through :meth:`Engine.parse`.

Both give a :class:`CohortBatch`; :func:`score_batch` scores its valid rows with
:meth:`Engine.score`, and :func:`results` / :func:`results_frame` turn the scores
into API results or an analyst's table. Invalid rows never disappear: they carry
their errors, keyed by field, and every input row ends up in exactly one of the two.

Columns that are neither reserved nor a skill or module id, name or alias are a
file-level matter, not a row error: they are ignored and reported once in
:attr:`CohortBatch.ignored` (with suggestions), the way the single-profile API
reports names it could not match. A programme manager's export often carries
extra columns (names, e-mails, start dates) that must not sink every row, while a
misspelt skill column must not pass silently: callers print the report.

pandas is imported where a frame is at hand, not with this module: ``careerpath batch``
reads files with pyarrow and builds its output tables with it, and importing pandas
(0.17 s of CPU) on its one-threaded start-up cost more than the whole build stage.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pyarrow as pa

if TYPE_CHECKING:  # the engine imports scikit-learn (seconds): only the functions that score need it
    import pandas as pd

    from recommender.engine import Engine, Scores
    from recommender.implied import Inferred

RESERVED = ("id", "target_role", "hours_per_week", "group", "goals")
PROFILE_FIELDS = frozenset({"id", "skills", "target_role", "hours_per_week", "group", "goals"})
GOAL_SEPARATOR = ";"  # a wide table's goals cell: "RAG over our docs; evals"
DEFAULT_STEPS = 10
MAX_ID_LENGTH = 200
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


class CohortFileError(ValueError):
    """A problem with the file as a whole (its header), not with some of its rows."""


# ---------------------------------------------------------------------------
# The header
# ---------------------------------------------------------------------------


class Capped(NamedTuple):
    """A column credited up to a level: a restricted form of ``cols``' skills, or (``practice``) what using the
    product it names on real work shows (``matching.yaml``'s ``practice``), for levels of ``from_level`` or more
    and where no column rates the skill itself, as in a profile an entry naming the skill alone wins."""

    pos: int
    cols: np.ndarray
    cap: int
    from_level: int = 0
    practice: bool = False


@dataclass(frozen=True)
class Columns:
    """What each column of a wide table means, resolved once per file.

    Columns are addressed by position, so odd or repeated header names cannot
    confuse pandas.
    """

    names: tuple[str, ...]
    reserved: Mapping[str, int]  # "id" / "target_role" / ... -> position
    skills: tuple[tuple[int, int], ...]  # (position, skill index)
    modules: tuple[tuple[int, np.ndarray], ...]  # (position, skill indices)
    ignored: Mapping[str, tuple[str, ...]]  # column name -> suggestions
    # A restricted form of a skill or a product credited up to a level (matching.yaml's up_to: "SOQL",
    # "ChatGPT"), and what such a product's use shows (its practice). It merges with the skill's own column at
    # the higher level, as entries of one profile do.
    capped: tuple[Capped, ...] = ()
    reasons: Mapping[str, str] = field(default_factory=dict)  # ignored column -> why it names nothing, if known
    # Columns whose header says the person's work calls for a skill first (matching.yaml's concerns: "Epic
    # ClinDoc"): a row rating it above 0 has that skill as a goal, as a profile's entry would.
    concerns: tuple[tuple[int, int, str], ...] = ()  # (position, skill index, reason)
    # Capped columns whose bare name is, in a developer's row, the developer's tool of that name
    # (matching.for_developer: "Copilot" beside a language rated 3 or more is GitHub Copilot), as in a profile.
    for_developers: tuple[tuple[int, np.ndarray], ...] = ()  # (position, skill indices in a developer's row)
    # Skill columns whose header names the skill through names that meet no alternative of some prerequisites
    # (matching.yaml's meets_no_alternative: "VB6"), as in a profile: (position, skill index).
    no_alternative: tuple[tuple[int, int], ...] = ()

    @property
    def has_group(self) -> bool:
        return "group" in self.reserved


def reserved_key(name: str) -> str | None:
    """``"id"``, ``"target_role"``, ``"hours_per_week"``, ``"group"`` or ``"goals"`` for such a header, else None."""
    key = str(name).strip().lower().replace("-", "_").replace(" ", "_")
    return key if key in RESERVED else None


def resolve_columns(engine: Engine, names: Sequence) -> Columns:
    """Work out which column is which; raise :class:`CohortFileError` for a broken header.

    Skill and module columns may be named by id, name or alias (case, spaces and
    hyphens do not matter), but only exactly: a header is typed once for
    thousands of rows, so a fuzzy guess would be a silent, cohort-wide mistake.
    """
    names = tuple(str(n) for n in names)
    reserved: dict[str, int] = {}
    claimed: dict[str, str] = {}  # "skill:rag" / "reserved:id" -> the column that claimed it
    skills: list[tuple[int, int]] = []
    modules: list[tuple[int, np.ndarray]] = []
    capped: list[Capped] = []
    ignored: dict[str, tuple[str, ...]] = {}
    reasons: dict[str, str] = {}
    index = {sid: i for i, sid in enumerate(engine.catalog.skill_ids)}
    concerns = []
    for_developers: list[tuple[int, np.ndarray]] = []
    no_alternative: list[tuple[int, int]] = []
    for pos, name in enumerate(names):
        key = reserved_key(name)
        if key:
            target = f"reserved:{key}"
        else:
            concerns += [(pos, index[c.skill], c.reason) for c in engine.parser.matcher.concerns(name)]
            match = engine.parser.matcher.match(name)
            if match.target is None or match.confidence < 1.0:
                suggestions = (match.target,) if match.target else match.suggestions
                ignored[name] = tuple(suggestions)
                if match.target is None and match.reason:  # "Prometheus": the catalog says why
                    reasons[name] = match.reason
                if match.target is None and match.confidence == 1.0:  # a product of no skill may show one when used
                    for shown in match.practice:
                        capped.append(Capped(pos, np.array([index[shown.means]]), shown.up_to, shown.from_level, True))
                continue
            if match.up_to is not None:
                cols = [index[match.target]] if match.kind == "skill" else _module_cols(engine, match.target, index)
                if developers := engine.parser.matcher.for_developer(name):
                    for_developers.append((pos, np.array([index[m.target] for m in developers if m.kind == "skill"])))
                capped.append(Capped(pos, np.array(cols), match.up_to))
                for shown in match.practice:
                    capped.append(Capped(pos, np.array([index[shown.means]]), shown.up_to, shown.from_level, True))
                continue
            target = f"{match.kind}:{match.target}"
        if target in claimed:
            what = target.replace("reserved:", "column ").replace(":", " ")
            raise CohortFileError(f"columns {claimed[target]!r} and {name!r} both give {what}; keep one of them")
        claimed[target] = name
        kind, ident = target.split(":", 1)
        if kind == "reserved":
            reserved[ident] = pos
        elif kind == "skill":
            skills.append((pos, index[ident]))
            if ident in engine.parser.alternative_level and engine.parser.matcher.meets_no_alternative(match):
                no_alternative.append((pos, index[ident]))
        else:
            modules.append((pos, np.array(_module_cols(engine, ident, index))))
    if "id" not in reserved:
        raise CohortFileError(
            "the file has no 'id' column; every row needs an id so results and errors can be traced back"
        )
    return Columns(
        names,
        reserved,
        tuple(skills),
        tuple(modules),
        ignored,
        tuple(capped),
        reasons,
        tuple(concerns),
        tuple(for_developers),
        tuple(no_alternative),
    )


def _module_cols(engine: Engine, module: str, index: Mapping[str, int]) -> list[int]:
    return [index[s.id] for s in engine.catalog.module_skills(module)]


# ---------------------------------------------------------------------------
# A parsed chunk
# ---------------------------------------------------------------------------


@dataclass
class CohortBatch:
    """A chunk of a cohort, parsed: valid rows go to the engine, the others carry errors.

    ``index`` numbers rows across the whole input (0 is the first data row), so
    results and errors from different chunks can be put back in order.
    """

    index: np.ndarray  # (P,) int64
    ids: pd.api.extensions.ExtensionArray  # (P,) pandas strings, missing where not given
    groups: pd.api.extensions.ExtensionArray | None  # (P,) likewise; None when the input has no groups
    levels: np.ndarray  # (P, S) int8, zero on invalid rows
    targets: np.ndarray  # (P,) role index, -1 = best fit
    hours_per_week: np.ndarray  # (P,) float
    errors: dict[int, dict[str, list[str]]]  # row (0..P-1) -> field -> messages
    goals: np.ndarray | None = None  # (P, S) bool: the skills each row names as goals; None when none does
    # (P, S) bool: levels held only in a restricted form ("R" as programming), which meet no prerequisite in another's
    # place (Scorer.score); None when none is
    restricted: np.ndarray | None = None
    # (P, S) bool: levels held only through names that meet no alternative of some prerequisites ("VB6"), whole
    # (ProfileBatch.no_alternative); None when none is
    no_alternative: np.ndarray | None = None
    goal_readings: list[list[dict]] | None = None  # wide rows read with readings=True: how each row's goals were read
    concern_readings: list[list[dict]] | None = None  # and what each row's work calls for first (Columns.concerns)
    ignored: Counter = field(default_factory=Counter)  # unmatched column or name -> rows that rated it
    suggestions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)  # ignored name -> why it names nothing, if known
    # How each row was read. Profile objects (the API's JSON, JSON Lines files): the single-profile
    # API's "matched", "merged" and "inferred" per row. Wide rows (CSV, Parquet), whose columns are
    # read once for the whole file: the cells raised by implied knowledge, as arrays.
    profiles: list[dict] | None = None
    inferred: Inferred | None = None
    inferred_count: np.ndarray | None = None  # (P,) wide rows read for a file: only how many cells were raised

    def __len__(self) -> int:
        return len(self.index)

    @property
    def valid(self) -> np.ndarray:
        mask = np.ones(len(self), dtype=bool)
        if self.errors:
            mask[np.fromiter(self.errors, dtype=np.int64, count=len(self.errors))] = False
        return mask

    def id_at(self, row: int) -> str | None:
        return _text_or_none(self.ids[row])

    def group_at(self, row: int) -> str | None:
        return None if self.groups is None else _text_or_none(self.groups[row])

    def inferred_counts(self) -> np.ndarray:
        """(P,) how many skills of each row were raised by implied knowledge."""
        if self.inferred_count is not None:
            return self.inferred_count
        if self.inferred is not None:
            return np.bincount(self.inferred.rows, minlength=len(self)).astype(np.int64)
        if self.profiles is not None:
            return np.array([len(p["inferred"]) for p in self.profiles], dtype=np.int64)
        return np.zeros(len(self), dtype=np.int64)

    def profile_readings(self, skill_ids: Sequence[str]) -> list[dict]:
        """Per row, how its entries were read: ``matched``, ``merged`` and ``inferred``, as the API shows them."""
        if self.profiles is not None:
            return self.profiles
        if self.inferred_count is not None:
            raise ValueError("these rows were read for a file, which keeps only counts: read them with readings=True")
        goals = self.goal_readings or [[] for _ in range(len(self))]
        concerns = self.concern_readings or [[] for _ in range(len(self))]
        out = [
            {"matched": [], "merged": [], "inferred": [], "goals": goals[r], "concerns": concerns[r]}
            for r in range(len(self))
        ]
        if self.inferred is not None:
            for row, skill, level, source in zip(*(x.tolist() for x in self.inferred), strict=True):
                out[row]["inferred"].append(
                    {"skill": skill_ids[skill], "level": level, "from_skill": skill_ids[source]}
                )
        return out

    def error_records(self) -> list[dict]:
        """One ``{"index", "id", "errors"}`` per invalid row, in input order."""
        return [
            {"index": int(self.index[r]), "id": self.id_at(r), "errors": self.errors[r]} for r in sorted(self.errors)
        ]


def _text_or_none(value) -> str | None:
    return value if isinstance(value, str) else None  # pandas' missing values (NA, NaN) are not text


class _Errors:
    """Row errors collected column by column, as arrays, until someone asks for dicts."""

    def __init__(self):
        self._parts: list[tuple[str, np.ndarray, np.ndarray, list[str]]] = []

    def add(self, name: str, rows: np.ndarray, which: np.ndarray, messages: list[str]) -> None:
        if len(rows):
            self._parts.append((name, rows, which, messages))

    def rows(self) -> np.ndarray:
        if not self._parts:
            return np.empty(0, dtype=np.int64)
        return np.unique(np.concatenate([rows for _, rows, _, _ in self._parts]))

    def as_dict(self) -> dict[int, dict[str, list[str]]]:
        out: dict[int, dict[str, list[str]]] = {}
        for name, rows, which, messages in self._parts:  # only the invalid cells, never every row
            for r, m in zip(rows.tolist(), which.tolist(), strict=True):
                out.setdefault(r, {})[name] = [messages[m]]
        return out


def _codes(column: pd.Series) -> tuple[np.ndarray, Sequence]:
    """Integer codes (-1 for missing) and the distinct values they point to."""
    import pandas as pd  # loaded with the frame

    if isinstance(column.dtype, pd.CategoricalDtype):  # pyarrow dictionaries arrive like this, for free
        return column.cat.codes.to_numpy(), column.cat.categories
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes, uniques


def _blank(value) -> bool:
    """A distinct value of a column (:func:`_codes`, which leaves pandas' NA out) that rates nothing."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, float) and math.isnan(value))


def _plain(value):
    """A numpy or pandas scalar as the Python value the engine's parser expects; numbers in text as numbers."""
    if isinstance(value, np.generic):
        value = value.item()
    if not isinstance(value, str | int | float):  # a date a CSV reader recognised: report it as written
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        # A CSV cell has no type: "3" and "3.0" are numbers there, as they would be in JSON.
        if _NUMBER.match(text):
            number = float(text)
            return int(number) if number.is_integer() else number
        return text
    return value


def _decode(column: pd.Series, parse, dtype, errors: _Errors, name: str) -> np.ndarray:
    """Parse a column through its distinct values: the parsed value per row, -1 where none.

    Only the few distinct values go through ``parse`` (the engine's own parser, so
    messages match the single-profile API); rows get theirs with one gather. A cell
    that does not parse is reported to ``errors`` and reads as -1, like a blank one.
    """
    codes, uniques = _codes(column)
    lut = np.full(len(uniques) + 1, -1, dtype=dtype)  # the extra slot is code -1: missing
    bad: np.ndarray | None = None
    messages: list[str] = []
    for u, raw in enumerate(uniques):
        if _blank(raw):
            continue
        parsed = parse(_plain(raw))
        if isinstance(parsed, str):
            if bad is None:
                bad = np.full(len(uniques) + 1, -1, dtype=np.int64)
            bad[u] = len(messages)
            messages.append(parsed)
        else:
            lut[u] = parsed
    if bad is not None:  # most columns have no bad value: skip the second gather
        which = bad[codes]
        rows = np.flatnonzero(which >= 0)
        errors.add(name, rows, which[rows], messages)
    return lut[codes]


def _text_column(column: pd.Series) -> pd.api.extensions.ExtensionArray:
    """Strings stripped of surrounding space, missing where blank (a pandas string array, for millions of ids)."""
    import pandas as pd  # loaded with the frame

    if pd.api.types.is_float_dtype(column.dtype):
        # Parquet holds integer ids with a null as floats: 17.0 is id "17".
        whole = column.dropna()
        if (whole == np.floor(whole)).all():
            column = column.astype("Int64")
    text = column.astype("str").str.strip()
    return text.mask(text.isna() | text.eq("").fillna(True)).array


def frame_to_batch(
    engine: Engine, frame: pd.DataFrame, columns: Columns | None = None, start: int = 0, readings: bool = True
) -> CohortBatch:
    """Parse one chunk of a wide table.

    Parameters
    ----------
    frame : the chunk; any dtypes (strings, numbers, categoricals)
    columns : the header resolved once per file by :func:`resolve_columns`
    start : the input row number of the chunk's first row
    readings : keep each cell that implied knowledge raised, for :meth:`CohortBatch.profile_readings`
        (the API shows them); False keeps only how many per row, all a file shows, and is cheaper

    Module columns set every skill of the module; a skill's own column wins
    where it is filled, as in the single-profile API.
    """
    import pandas as pd  # loaded with the frame

    from recommender.profiles import DEFAULT_HOURS_PER_WEEK

    columns = columns or resolve_columns(engine, frame.columns)
    n = len(frame)
    parser = engine.parser
    errors = _Errors()
    col = frame.iloc

    ids = _text_column(col[:, columns.reserved["id"]])
    length = pd.Series(ids).str.len().to_numpy(dtype=float, na_value=np.nan)
    id_problem = np.where(np.isnan(length), 0, np.where(length > MAX_ID_LENGTH, 1, -1))
    rows = np.flatnonzero(id_problem >= 0)
    errors.add("id", rows, id_problem[rows], ["an id is required", f"at most {MAX_ID_LENGTH} characters"])

    targets = np.full(n, -1, dtype=np.int64)  # -1: the best fit
    if "target_role" in columns.reserved:
        pos = columns.reserved["target_role"]
        targets = _decode(col[:, pos], _role_parser(parser), np.int64, errors, "target_role")
    hours = np.full(n, float(DEFAULT_HOURS_PER_WEEK))
    if "hours_per_week" in columns.reserved:
        parsed = _decode(
            col[:, columns.reserved["hours_per_week"]], parser.parse_hours, np.float64, errors, "hours_per_week"
        )
        hours = np.where(parsed >= 0, parsed, hours)
    groups = _text_column(col[:, columns.reserved["group"]]) if columns.has_group else None
    goals = goal_readings = concern_readings = None
    if "goals" in columns.reserved:
        goals, goal_readings, wished = _goals(col[:, columns.reserved["goals"]], parser, errors, readings)
        targets = np.where(targets == -1, wished, targets)  # no target given: the role a goal wishes to become

    # Skill-major, so every column is written contiguously, with -1 where a cell is not
    # rated; transposed once at the end into the levels and what the person said.
    said = np.full((engine.arrays.n_skills, n), -1, dtype=np.int8)
    # Modules first, so a skill's own column overrides its module's rating.
    for pos, skill_cols in columns.modules:
        parsed = _decode(col[:, pos], parser.parse_level, np.int8, errors, columns.names[pos])
        said[skill_cols] = np.where(parsed >= 0, parsed, said[skill_cols])
    by_module = {s: said[s].copy() for _, s in columns.no_alternative}  # what module columns say of such skills
    own: dict[int, np.ndarray] = {}  # skill -> what its own column says
    for pos, s in columns.skills:
        parsed = own[s] = _decode(col[:, pos], parser.parse_level, np.int8, errors, columns.names[pos])
        said[s] = np.where(parsed >= 0, parsed, said[s]) if columns.modules else parsed
    given: dict[int, np.ndarray] = {}  # a product's column credits two skills: read once
    developer = _developers(engine, own, n) if columns.for_developers else None
    for pos, cols in columns.for_developers:  # "Copilot" in a developer's row: GitHub Copilot, a skill's own rating
        given[pos] = _decode(col[:, pos], parser.parse_level, np.int8, errors, columns.names[pos])
        said[cols] = np.maximum(said[cols], np.where(developer, given[pos], -1).astype(np.int8))
    # What the person said, which implied levels never change: not what a capped column is credited as.
    rated = np.ascontiguousarray((said >= 0).T)
    # A capped column names a restricted form of its skills ("ComfyUI"): at most cap, never below what
    # another column said, and where it alone gives the level, implying nothing (recommender.implied).
    restricted = np.zeros(said.shape, dtype=bool) if columns.capped else None
    developers_read = {pos for pos, _ in columns.for_developers}
    for pos, cols, cap, from_level, practice in columns.capped:
        if pos not in given:
            given[pos] = _decode(col[:, pos], parser.parse_level, np.int8, errors, columns.names[pos])
        shown = given[pos] >= from_level
        if pos in developers_read:  # a developer's row read it as their own tool above
            shown &= ~developer
        if practice and cols[0] in own:  # never over the skill's own column: an entry naming it alone wins
            shown &= own[cols[0]] < 0
        parsed = np.where(shown, np.minimum(given[pos], cap), -1).astype(np.int8)
        restricted[cols] |= parsed > said[cols]
        said[cols] = np.maximum(said[cols], parsed)
    # A column naming the skill only through names that meet no alternative ("VB6"), where no module column rates
    # the skill at the alternative's level (Scorer.score's no_alternative).
    no_alternative = np.zeros((n, engine.arrays.n_skills), dtype=bool) if columns.no_alternative else None
    for _, s in columns.no_alternative:
        lowest = engine.parser.alternative_level[engine.catalog.skill_ids[s]]
        no_alternative[:, s] = (own[s] >= lowest) & (by_module[s] < lowest)
    said = np.ascontiguousarray(said.T)
    levels = np.maximum(said, 0)
    if restricted is not None:
        restricted = np.ascontiguousarray(restricted.T) & (levels > 0)

    ignored: Counter = Counter()
    for pos, name in enumerate(columns.names):
        if name in columns.ignored:
            codes, uniques = _codes(col[:, pos])
            filled = np.array([not _blank(u) for u in uniques] + [False], dtype=bool)
            ignored[name] = int(filled[codes].sum())

    if columns.concerns:
        goals, concern_readings = _concerns(col, columns, parser, goals, n, readings)
    levels[errors.rows()] = 0
    if goals is not None:
        goals[errors.rows()] = False
    # The levels a rated skill implies, as the single-profile API infers them (recommender.implied).
    implication = parser.implication
    inferred = implication.apply(levels, rated, restricted) if readings else None
    count = None if readings else implication.count(levels, rated, restricted)
    return CohortBatch(
        index=np.arange(start, start + n, dtype=np.int64),
        ids=ids,
        groups=groups,
        levels=levels,
        targets=targets,
        hours_per_week=hours,
        errors=errors.as_dict(),
        ignored=ignored,
        suggestions=dict(columns.ignored),
        reasons=dict(columns.reasons),
        inferred=inferred,
        inferred_count=count,
        goals=goals if goals is not None and goals.any() else None,
        goal_readings=goal_readings,
        concern_readings=concern_readings,
        restricted=restricted if restricted is not None and restricted.any() else None,
        no_alternative=no_alternative if no_alternative is not None and no_alternative.any() else None,
    )


def _developers(engine: Engine, own: Mapping[int, np.ndarray], n: int) -> np.ndarray:
    """(n,) bool: the rows that are a developer's, as :func:`recommender.profiles._developer` reads a profile: a
    programming language's own column (not a capped or module one) rated at its level or more."""
    from recommender.profiles import DEVELOPER_LEVEL, LANGUAGES

    ids = engine.catalog.skill_ids
    rated = [own[s] >= DEVELOPER_LEVEL for s in own if ids[s] in LANGUAGES]
    return np.logical_or.reduce(rated) if rated else np.zeros(n, dtype=bool)


def _concerns(col, columns: Columns, parser, goals: np.ndarray | None, n: int, readings: bool):
    """``goals`` (made when None) with the skills the rows' work calls for first (``Columns.concerns``: a row rating
    such a column above 0, as :meth:`ProfileParser.parse_concerns` reads an entry), and with ``readings`` each
    row's concerns as the API shows them. A value that is no level is the column's own error, or none: an ignored
    column's cells are not checked, so here they only count when they read as a level."""
    goals = np.zeros((n, len(parser.catalog.skills)), dtype=bool) if goals is None else goals
    named = goals.copy()  # a skill a goal names already is not repeated: the goal says it
    out: list[list[dict]] | None = [[] for _ in range(n)] if readings else None
    for pos, skill, reason in columns.concerns:
        codes, uniques = _codes(col[:, pos])
        above = np.array([isinstance(v := parser.parse_level(_plain(u)), int) and v > 0 for u in uniques] + [False])
        rows = np.flatnonzero(above[codes] & ~named[:, skill])
        if out is not None:
            for r in rows[~goals[rows, skill]].tolist():
                out[r].append({"input": columns.names[pos], "skill": parser.catalog.skill_ids[skill], "reason": reason})
        goals[rows, skill] = True
    return goals, out


def _goals(column: pd.Series, parser, errors: _Errors, readings: bool) -> tuple[np.ndarray, list | None, np.ndarray]:
    """(P, S) bool: the skills each row's goals cell names, names separated by ``;``, read through its distinct
    values as the API reads a profile's ``goals`` (:meth:`ProfileParser.parse_goals`); with ``readings``, also
    each row's reading of them, as the API shows it; and (P,) the target each row's goals wish for when it names
    no target role (:meth:`ProfileParser.wished_target`, -1 for none)."""
    from recommender.profiles import ParsedProfile

    codes, uniques = _codes(column)
    read_as: list[list[dict]] = [[] for _ in uniques]
    lut = np.zeros((len(uniques) + 1, len(parser.catalog.skills)), dtype=bool)  # the extra row is code -1: blank
    bad = np.full(len(uniques) + 1, -1, dtype=np.int64)
    wished = np.full(len(uniques) + 1, -1, dtype=np.int64)
    messages: list[str] = []
    for u, raw in enumerate(uniques):
        if _blank(raw):
            continue
        names = [n for n in str(_plain(raw)).split(GOAL_SEPARATOR) if n.strip()]
        read = ParsedProfile()
        parser.parse_goals(names, lut[u], read)
        read_as[u] = read.goals
        wished[u] = parser.wished_target(read.goals)
        if read.errors:
            bad[u] = len(messages)
            messages.append(" ".join(m for ms in read.errors.values() for m in ms))
            lut[u] = False
    which = bad[codes]
    rows = np.flatnonzero(which >= 0)
    errors.add("goals", rows, which[rows], messages)
    if not readings:
        return lut[codes], None, wished[codes]
    return lut[codes], [read_as[c] if c >= 0 else [] for c in codes.tolist()], wished[codes]


def _role_parser(parser):
    def parse(value):
        return parser.role_index(value.strip() if isinstance(value, str) else value)

    return parse


# ---------------------------------------------------------------------------
# API-shaped records
# ---------------------------------------------------------------------------


def records_to_batch(
    engine: Engine, records: Sequence, start: int = 0, known: Mapping[int, Mapping[str, list[str]]] | None = None
) -> CohortBatch:
    """Parse the API's profile objects (``id``, ``skills``, ``goals``, ``target_role``, ``hours_per_week``,
    ``group``).

    Skills go through :meth:`Engine.parse`, so names, aliases, free text and
    their error messages are exactly those of the single-profile API. ``known``
    holds errors a caller already found (a schema, a line that is not JSON); they
    win over the engine's message for the same field.
    """
    import pandas as pd  # profile objects are few (an API request, a JSON Lines chunk): pandas' strings serve

    known = known or {}
    n = len(records)
    batch = engine.parse(records)
    ids = np.empty(n, dtype=object)
    groups = np.empty(n, dtype=object)
    errors: dict[int, dict[str, list[str]]] = {}
    ignored: Counter = Counter()
    suggestions: dict[str, tuple[str, ...]] = {}
    reasons: dict[str, str] = {}
    for r, (record, parsed) in enumerate(zip(records, batch.parsed, strict=True)):
        found = {**parsed.errors, **known.get(r, {})}
        if isinstance(record, Mapping):
            ids[r] = _record_text(record.get("id"), "id", found, required=True)
            groups[r] = _record_text(record.get("group"), "group", found, required=False)
            for key in sorted(set(record) - PROFILE_FIELDS, key=str):
                found.setdefault(str(key), ["Unknown field."])
        for item in parsed.unmatched:
            ignored[item["input"]] += 1
            suggestions.setdefault(item["input"], tuple(item["suggestions"]))
            if item["reason"]:
                reasons.setdefault(item["input"], item["reason"])
        if found:
            errors[r] = found
    levels, goals = batch.levels, batch.goals
    if errors:
        levels[list(errors)] = 0
        if goals is not None:
            goals[list(errors)] = False
    # Always an array, so every chunk of a JSON Lines file has the same output columns.
    return CohortBatch(
        index=np.arange(start, start + n, dtype=np.int64),
        ids=pd.array(ids, dtype="str"),
        groups=pd.array(groups, dtype="str"),
        levels=levels,
        targets=batch.targets,
        hours_per_week=batch.hours_per_week,
        errors=errors,
        ignored=ignored,
        suggestions=suggestions,
        reasons=reasons,
        profiles=[
            {"matched": p.matched, "merged": p.merged, "inferred": p.inferred, "goals": p.goals, "concerns": p.concerns}
            for p in batch.parsed
        ],
        goals=goals if goals is not None and goals.any() else None,
        restricted=batch.restricted if batch.restricted is not None and batch.restricted.any() else None,
        no_alternative=batch.no_alternative,
    )


def _record_text(value, name: str, errors: dict, required: bool) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | type(None)):
        errors.setdefault(name, [f"must be a string, not {type(value).__name__}"])
        return None
    text = None if value is None else str(value).strip() or None
    if text is None and required:
        errors.setdefault(name, ["an id is required"])
    elif text is not None and len(text) > MAX_ID_LENGTH:
        errors.setdefault(name, [f"at most {MAX_ID_LENGTH} characters"])
    return text


# ---------------------------------------------------------------------------
# Scoring and output
# ---------------------------------------------------------------------------


def check_steps(steps) -> int:
    from recommender.engine import MAX_LIMIT

    if isinstance(steps, bool) or not isinstance(steps, int) or not 0 <= steps <= MAX_LIMIT:
        raise ValueError(f"{steps!r} is not a step count; use 0-{MAX_LIMIT}")
    return steps


def score_batch(engine: Engine, batch: CohortBatch, steps: int = DEFAULT_STEPS) -> Scores:
    """Score the batch's valid rows (in order) with plans cut to ``steps`` steps.

    One :meth:`Engine.score` call: the engine itself spreads big batches over its
    threads in row blocks.
    """
    rows = np.flatnonzero(batch.valid)
    goals = None if batch.goals is None else batch.goals[rows]
    restricted = None if batch.restricted is None else batch.restricted[rows]
    unmet = None if batch.no_alternative is None else batch.no_alternative[rows]
    levels, targets, hours = batch.levels[rows], batch.targets[rows], batch.hours_per_week[rows]
    return engine.score(levels, targets, hours, check_steps(steps), goals, restricted, unmet)


def results(engine: Engine, batch: CohortBatch, scores: Scores, steps: int) -> list[dict]:
    """API results for the valid rows: ``roles``, ``best_fit``, ``target_role``, ``plan`` and how the
    profile was read (``profile``) as the single-profile API gives them."""
    renderer = engine.renderer
    role_ids = engine.arrays.role_ids
    readings = batch.profile_readings(engine.arrays.skill_ids)
    out = []
    for j, r in enumerate(np.flatnonzero(batch.valid).tolist()):
        out.append(
            {
                "index": int(batch.index[r]),
                "id": batch.id_at(r),
                "group": batch.group_at(r),
                "roles": renderer.roles_list(scores, j),
                "best_fit": renderer.best_fit(scores, j),
                "target_role": role_ids[scores.target[j]],
                "plan": renderer.plan(scores, j, steps, float(batch.hours_per_week[r]), readings[r]["concerns"]),
                "profile": readings[r],
            }
        )
    return out


def column_name(prefix: str, ident: str) -> str:
    """``fit_ai_engineer``: identifiers analysts can use in SQL and pandas attribute access."""
    return f"{prefix}_{ident.replace('-', '_')}"


def results_table(engine: Engine, batch: CohortBatch, scores: Scores, steps: int) -> pa.Table:
    """One flat row per valid profile, for files: built from arrays, no loop over rows.

    Columns: ``index``, ``id``, ``group`` (when the input has groups), ``target_role``,
    ``best_role``, ``target_fit``, ``fit_<role>`` per role, ``total_steps``,
    ``total_hours``, ``hours_per_week``, ``weeks``, ``inferred_skills`` (skills raised by
    implied knowledge) and ``step_1`` .. ``step_<steps>``
    (skill ids, empty past the end of the plan). Role and skill columns are
    dictionary-encoded, as they are in Parquet.
    """
    rows = np.flatnonzero(batch.valid)
    arrays = engine.arrays
    roles = pa.array(arrays.role_ids, pa.string())
    n = len(rows)
    out: dict[str, object] = {
        "index": batch.index[rows],
        "id": _strings(batch.ids[rows]),
    }
    if batch.groups is not None:
        out["group"] = _strings(batch.groups[rows])
    out["target_role"] = _categorical(scores.target, roles)
    out["best_role"] = _categorical(scores.role_order[:, 0], roles)
    out["target_fit"] = scores.fit[np.arange(n), scores.target]
    for r, role in enumerate(arrays.role_ids):
        out[column_name("fit", role)] = scores.fit[:, r]
    plans = scores.plans
    out["total_steps"] = plans.n_steps.astype(np.int64)
    out["total_hours"] = np.round(plans.total_hours, 1)
    out["hours_per_week"] = batch.hours_per_week[rows]
    out["weeks"] = plans.weeks.astype(np.int64)
    out["inferred_skills"] = batch.inferred_counts()[rows]
    skills = pa.array(arrays.skill_ids, pa.string())
    for k in range(steps):
        codes = plans.skill[:, k] if k < plans.skill.shape[1] else np.full(n, -1)
        out[f"step_{k + 1}"] = _categorical(codes, skills)
    return pa.table(out)


def results_frame(engine: Engine, batch: CohortBatch, scores: Scores, steps: int) -> pd.DataFrame:
    """:func:`results_table` as a pandas DataFrame (Spark's ``mapInPandas``): role and skill columns categorical."""
    return results_table(engine, batch, scores, steps).to_pandas()


def errors_table(batch: CohortBatch) -> pa.Table:
    """One row per invalid profile: ``index``, ``id``, ``fields`` and a readable ``message``."""
    rows = np.array(sorted(batch.errors), dtype=np.int64)
    return pa.table(
        {
            "index": batch.index[rows],
            "id": _strings(batch.ids[rows]),
            "fields": pa.array([", ".join(batch.errors[r]) for r in rows.tolist()], pa.large_string()),
            "message": pa.array(
                ["; ".join(f"{k}: {' '.join(v)}" for k, v in batch.errors[r].items()) for r in rows.tolist()],
                pa.large_string(),
            ),
        }
    )


def errors_frame(batch: CohortBatch) -> pd.DataFrame:
    """:func:`errors_table` as a pandas DataFrame."""
    return errors_table(batch).to_pandas()


def _strings(values) -> pa.Array:
    """Ids or groups (a pandas string array) as Arrow text, missing where missing."""
    return pa.array(values, pa.large_string(), from_pandas=True)


def _categorical(codes: np.ndarray, values: pa.Array) -> pa.DictionaryArray:
    """Codes into ``values`` (-1: missing), with pandas' smallest index type, so the columns are as they were."""
    kind = np.int8 if len(values) < 127 else np.int16 if len(values) < 32767 else np.int32
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(kind), mask=codes < 0), values)


def ignored_report(
    counts: Counter, suggestions: Mapping[str, Iterable[str]], reasons: Mapping[str, str] | None = None
) -> list[dict]:
    """``[{"name", "rows", "suggestions", "reason"}]`` for columns or names that matched nothing, most used first;
    ``reason`` says why the catalog reads the name as naming nothing ("Prometheus"), else None."""
    reasons = reasons or {}
    return [
        {"name": name, "rows": rows, "suggestions": list(suggestions.get(name, ())), "reason": reasons.get(name)}
        for name, rows in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
