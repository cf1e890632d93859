"""Hypothesis strategies and plain-Python oracles shared by the engine tests.

Profiles are drawn in three shapes so the properties see beginners, random mixes
and people close to (or past) a role's targets.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import skills
from api.v1.schemas import StepSchema
from recommender.arrays import CatalogArrays
from recommender.engine import Scorer
from recommender.modelio import load_model

CATALOG = skills.load_catalog(skills.default_catalog_dir())
ARRAYS = CatalogArrays.from_catalog(CATALOG)
# The scoring loop with the shipped model's weights, on one thread.
SCORER = Scorer(ARRAYS, load_model().coef, threads=1)
N_SKILLS = ARRAYS.n_skills
N_ROLES = ARRAYS.n_roles
ROLE_IDS = CATALOG.role_ids
# A plan step's fields, in the order the API documents them (the OpenAPI step schema).
STEP_KEYS = tuple(StepSchema().fields)
LEVEL_WORDS = {lv.value: lv.word for lv in CATALOG.levels}

levels_array = hnp.arrays(np.int8, N_SKILLS, elements=st.integers(0, 5))
deltas_array = hnp.arrays(np.int8, N_SKILLS, elements=st.integers(-3, 1))


@st.composite
def level_rows(draw) -> np.ndarray:
    """One profile as a (S,) int8 row of levels 0-5."""
    shape = draw(st.sampled_from(["random", "sparse", "near-role"]))
    if shape == "random":
        row = draw(levels_array)
    elif shape == "sparse":
        row = np.zeros(N_SKILLS, dtype=np.int64)
        for s, v in draw(st.dictionaries(st.integers(0, N_SKILLS - 1), st.integers(1, 5), max_size=8)).items():
            row[s] = v
    else:
        role = draw(st.integers(0, N_ROLES - 1))
        row = np.clip(ARRAYS.targets[role].astype(np.int64) + draw(deltas_array), 0, 5)
    return row.astype(np.int8)


role_targets = st.integers(-1, N_ROLES - 1)  # -1: the best-fitting role
fixed_roles = st.integers(0, N_ROLES - 1)
hours_per_week = st.one_of(st.integers(1, 80), st.floats(1, 80, allow_nan=False).map(lambda h: round(h, 2)))


@st.composite
def batches(draw, min_size=1, max_size=12):
    """``(levels (P, S), targets (P,), hours_per_week (P,))``."""
    n = draw(st.integers(min_size, max_size))
    rows = [draw(level_rows()) for _ in range(n)]
    targets = [draw(role_targets) for _ in range(n)]
    hours = [float(draw(hours_per_week)) for _ in range(n)]
    return np.array(rows, dtype=np.int8).reshape(n, N_SKILLS), np.array(targets), np.array(hours)


@st.composite
def requests(draw, allow_invalid=False) -> dict:
    """A request dict whose skills are spelled as ids, names, aliases or level words.

    Each skill appears at most once, so the request is valid unless ``allow_invalid``
    lets a broken level or role slip in.
    """
    row = draw(level_rows())
    entries = []
    for s in np.flatnonzero(row >= 0):
        value = int(row[s])
        if value == 0 and draw(st.booleans()):
            continue  # a zero may be left out or given
        skill = CATALOG.skills[s]
        name = draw(st.sampled_from([skill.id, skill.name, *skill.aliases]))
        level = draw(st.sampled_from([value, LEVEL_WORDS[value], str(value)]))
        entries.append({"name": name, "level": level})
    entries = draw(st.permutations(entries))
    if draw(st.booleans()):
        entries.append({"name": draw(st.sampled_from(["basket weaving", "quantum computing"])), "level": 3})
    request: dict = {"skills": entries}
    if draw(st.booleans()):
        request["target_role"] = draw(st.sampled_from(ROLE_IDS))
    if draw(st.booleans()):
        request["hours_per_week"] = draw(hours_per_week)
    if draw(st.booleans()):
        request["limit"] = draw(st.integers(0, 60))
    if allow_invalid and draw(st.integers(0, 4)) == 0:
        broken = draw(st.sampled_from(["level", "role", "hours"]))
        if broken == "level" and entries:
            entries[0] = {**entries[0], "level": 6}
        elif broken == "role":
            request["target_role"] = "astronaut"
        else:
            request["hours_per_week"] = 0
    return request


# ---------------------------------------------------------------------------
# Oracles written from the catalog objects, not from the engine's arrays
# ---------------------------------------------------------------------------


def expected_fit(role: skills.Role, levels: dict[str, int]) -> float:
    """The importance-weighted share of the role's target levels reached."""
    total = sum(rs.weight for rs in role.skills.values())
    reached = sum(rs.weight * min(levels.get(sid, 0), rs.level) / rs.level for sid, rs in role.skills.items())
    return reached / total


def step_hours(skill: skills.Skill, from_level: int, to_level: int, row=None) -> float:
    """The catalog's hours of the step, at the share of them a profile of levels ``row`` needs (faster_with)."""
    return float(sum(skill.hours[from_level:to_level])) * (1.0 if row is None else hour_share(skill, row))


def hour_share(skill: skills.Skill, row) -> float:
    """The share of ``skill``'s hours a profile of levels ``row`` (an array in catalog order, or skill id -> level)
    needs: the smallest of the faster_with rules it meets."""
    held = row.get if isinstance(row, dict) else (lambda sid: row[CATALOG.skill_ids.index(sid)])
    met = [r.share for r in skill.faster_with if held(r.skill) >= r.level]
    return min(met, default=1.0)


def as_dict(row: np.ndarray) -> dict[str, int]:
    return {sid: int(v) for sid, v in zip(CATALOG.skill_ids, row, strict=True)}
