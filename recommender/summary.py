"""What a cohort looks like as a whole, computed from the engine's score arrays.

The summary is an accumulator: :meth:`CohortSummary.add` takes one scored chunk at
a time and :meth:`CohortSummary.merge` combines partial summaries (threads, Spark
partitions), so a file of millions of rows is summarised in flat memory. Fit is
rounded to 4 decimals by the engine, so a histogram of 10,001 bins per role holds
the exact distribution: medians are exact, not approximations.

Groups (class, team, site) smaller than ``min_group`` scored members are reported
only as a count, so no individual can be singled out from a cohort report. Hiding a
small group is not enough on its own: the cohort's figures minus the shown groups'
would give the hidden members' (one member alone in a group: her role, readiness and
fit). So the hidden groups' members are pooled into one ``(other groups)`` entry,
shown when it has at least ``min_group`` scored members; when it has fewer, the
smallest shown groups join the pool until it has enough. Every figure an attacker
can get by subtracting shown entries from the cohort's then covers at least
``min_group`` members (or the whole cohort, whose figures are shown anyway).
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from recommender.arrays import CatalogArrays
from recommender.kernels import FIT_DECIMALS

STEPS = 10**FIT_DECIMALS  # fit k / STEPS for k in 0..STEPS
READINESS_BINS = 10
FIT_CHART_BINS = 20
DEFAULT_MIN_GROUP = 5
DEFAULT_TOP = 10
MAX_GROUPS = 1000
OTHER_GROUPS = "(other groups)"


class _Stats:
    """Counts and sums for one set of members (the cohort or one group)."""

    def __init__(self, n_roles: int, n_skills: int):
        self.scored = 0
        self.best = np.zeros(n_roles, dtype=np.int64)
        self.target = np.zeros(n_roles, dtype=np.int64)
        self.fit_sum = np.zeros(n_roles)
        self.fit_hist = np.zeros((n_roles, STEPS + 1), dtype=np.int32)
        self.ready_hist = np.zeros(STEPS + 1, dtype=np.int32)  # fit for each member's target role
        self.below = np.zeros((n_roles, n_skills), dtype=np.int64)  # by target role, members below its level
        self.gap = np.zeros((n_roles, n_skills))  # summed levels missing
        self.hours = np.zeros((n_roles, n_skills))  # summed hours to close the gap
        self.with_goals = 0  # members who name a goal
        self.wanted = np.zeros(n_skills, dtype=np.int64)  # members naming each skill as a goal

    def add(self, arrays: CatalogArrays, levels, fit, best, target, goals=None) -> None:
        n = len(levels)
        if n == 0:
            return
        if goals is not None:
            self.with_goals += int(goals.any(axis=1).sum())
            self.wanted += goals.sum(axis=0, dtype=np.int64)
        n_roles, n_skills = self.below.shape
        q = np.rint(fit * STEPS).astype(np.int64)
        self.scored += n
        self.best += np.bincount(best, minlength=n_roles)
        self.target += np.bincount(target, minlength=n_roles)
        self.fit_sum += fit.sum(axis=0)
        # One histogram over (role, fit) pairs: role r's bins start at r * (STEPS + 1).
        cells = (q + np.arange(n_roles) * (STEPS + 1)).ravel()
        self.fit_hist += np.bincount(cells, minlength=self.fit_hist.size).astype(np.int32).reshape(n_roles, -1)
        self.ready_hist += np.bincount(q[np.arange(n), target], minlength=STEPS + 1).astype(np.int32)
        goal = arrays.targets[target]
        below = levels < goal
        gap = np.where(below, goal - levels, 0)
        # Hours from the member's level to the target role's level (0 at or above it), at the member's share of
        # each skill's hours (Skill.faster_with).
        hours = arrays.hours_table.ravel()[arrays.cell_offsets[target] + levels] * arrays.hour_shares(levels)
        by_role = np.zeros((n_roles, n), dtype=np.float64)
        by_role[target, np.arange(n)] = 1.0
        self.below += np.rint(by_role @ below).astype(np.int64)
        self.gap += by_role @ gap
        self.hours += by_role @ hours

    def merge(self, other: _Stats) -> None:
        for name in ("best", "target", "fit_sum", "fit_hist", "ready_hist", "below", "gap", "hours", "wanted"):
            getattr(self, name).__iadd__(getattr(other, name))
        self.scored += other.scored
        self.with_goals += other.with_goals

    # -- reporting ----------------------------------------------------------------
    def _median(self, hist: np.ndarray) -> float | None:
        if not self.scored:
            return None
        cum = np.cumsum(hist, dtype=np.int64)
        lo, hi = np.searchsorted(cum, [(self.scored - 1) // 2, self.scored // 2], side="right")
        return round(float(lo + hi) / 2 / STEPS, FIT_DECIMALS + 1)

    def _mean(self, hist: np.ndarray) -> float | None:
        if not self.scored:
            return None
        return round(float(hist @ np.arange(STEPS + 1)) / STEPS / self.scored, FIT_DECIMALS)

    def readiness(self) -> dict:
        hist = self.ready_hist
        counts = hist[:STEPS].reshape(READINESS_BINS, -1).sum(axis=1)
        counts[-1] += hist[STEPS]
        return {
            "edges": _edges(READINESS_BINS),
            "counts": counts.tolist(),
            "mean": self._mean(hist),
            "median": self._median(hist),
            "ready": int(hist[STEPS]),
        }

    def as_dict(self, arrays: CatalogArrays, catalog, top: int) -> dict:
        roles = arrays.role_ids
        n = self.scored
        chart = self.fit_hist[:, :STEPS].reshape(len(roles), FIT_CHART_BINS, -1).sum(axis=2)
        chart[:, -1] += self.fit_hist[:, STEPS]
        return {
            "scored": n,
            "best_fit": {role: int(c) for role, c in zip(roles, self.best, strict=True)},
            "target_roles": {role: int(c) for role, c in zip(roles, self.target, strict=True)},
            "fit": {
                role: {
                    "mean": round(float(self.fit_sum[r]) / n, FIT_DECIMALS) if n else None,
                    "median": self._median(self.fit_hist[r]),
                }
                for r, role in enumerate(roles)
            },
            "fit_histogram": {
                "edges": _edges(FIT_CHART_BINS),
                "counts": {role: chart[r].tolist() for r, role in enumerate(roles)},
            },
            "readiness": self.readiness(),
            "lacking": self.lacking(arrays, catalog, top),
            "goals": self.goals(catalog, top),
        }

    def goals(self, catalog, top: int) -> dict:
        """What members want to learn next (their ``goals``): how many name one, and the skills named most."""
        order = [s for s in np.argsort(-self.wanted, kind="stable") if self.wanted[s] > 0][:top]
        skills = [
            {
                "skill": catalog.skills[s].id,
                "name": catalog.skills[s].name,
                "members": int(self.wanted[s]),
                "share": round(int(self.wanted[s]) / self.scored, 4),
            }
            for s in order
        ]
        return {"members": self.with_goals, "skills": skills}

    def lacking(self, arrays: CatalogArrays, catalog, top: int) -> list[dict]:
        """Skills most members are below their target role's level on, most common first."""
        below = self.below.sum(axis=0)
        order = [s for s in np.argsort(-below, kind="stable") if below[s] > 0][:top]
        out = []
        for s in order:
            skill = catalog.skills[s]
            count = int(below[s])
            by_role = {}
            for r, role in enumerate(arrays.role_ids):
                needed = arrays.targets[r, s] > 0 and self.target[r] > 0
                by_role[role] = round(float(self.below[r, s]) / self.target[r], 4) if needed else None
            out.append(
                {
                    "skill": skill.id,
                    "name": skill.name,
                    "module": skill.module,
                    "members_below": count,
                    "share_below": round(count / self.scored, 4),
                    "mean_gap": round(float(self.gap[:, s].sum()) / count, 2),
                    "mean_hours": round(float(self.hours[:, s].sum()) / count, 1),
                    "total_hours": round(float(self.hours[:, s].sum()), 1),
                    "share_below_by_target": by_role,
                }
            )
        return out


def goals_of(goals: np.ndarray | None, rows: np.ndarray) -> np.ndarray | None:
    return None if goals is None else goals[rows]


def _edges(bins: int) -> list[float]:
    return [round(i / bins, 4) for i in range(bins + 1)]


class CohortSummary:
    """The cohort summary, accumulated chunk by chunk.

    Parameters
    ----------
    arrays : the engine's :class:`CatalogArrays`
    catalog : the engine's catalog (skill names)
    min_group : groups with fewer scored members are reported only as a count
    top : how many most-lacking skills to list
    """

    def __init__(self, arrays: CatalogArrays, catalog, min_group: int = DEFAULT_MIN_GROUP, top: int = DEFAULT_TOP):
        self.arrays = arrays
        self.catalog = catalog
        self.min_group = min_group
        self.top = top
        self.rows = 0
        self.errors = 0
        self.all = self._stats()
        self.has_groups = False
        self.groups: dict[str | None, _Stats] = {}
        self.group_rows: Counter = Counter()
        self.group_errors: Counter = Counter()
        self._known: set = set()

    def _stats(self) -> _Stats:
        return _Stats(self.arrays.n_roles, self.arrays.n_skills)

    def add(self, batch, scores) -> None:
        """Add a scored :class:`~recommender.cohort.CohortBatch` (``scores`` covers its valid rows)."""
        valid = batch.valid
        self.rows += len(valid)
        self.errors += int((~valid).sum())
        levels = batch.levels[valid]
        goals = None if batch.goals is None else batch.goals[valid]
        best = scores.role_order[:, 0]
        if batch.groups is None:
            self.all.add(self.arrays, levels, scores.fit, best, scores.target, goals)
            return
        import pandas as pd  # batch.groups is a pandas string array: pandas is loaded already

        codes, names = pd.factorize(batch.groups, use_na_sentinel=True)
        keys = [self._group_key(g) for g in names] + [None]  # code -1: no group given
        self.has_groups |= len(names) > 0
        for code, count in zip(*np.unique(codes, return_counts=True), strict=True):
            self.group_rows[keys[code]] += int(count)
        bad = codes[~valid]
        for code, count in zip(*np.unique(bad, return_counts=True), strict=True):
            self.group_errors[keys[code]] += int(count)
        # Sort the valid members by group once, then hand each group a contiguous slice.
        vcodes = codes[valid]
        if not len(vcodes):
            return
        order = np.argsort(vcodes, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(vcodes[order]) != 0])
        ends = np.r_[starts[1:], len(order)]
        # The cohort's counts are the sum of its groups': each member is counted once.
        for a, b in zip(starts, ends, strict=True):
            idx = order[a:b]
            part = self._stats()
            part.add(self.arrays, levels[idx], scores.fit[idx], best[idx], scores.target[idx], goals_of(goals, idx))
            self.groups.setdefault(keys[vcodes[idx[0]]], self._stats()).merge(part)
            self.all.merge(part)

    def _group_key(self, name) -> str | None:
        # Ten thousand "groups" is an id column by mistake; cap the memory it can take.
        if name in self._known or len(self._known) < MAX_GROUPS:
            self._known.add(name)
            return name
        return OTHER_GROUPS

    def merge(self, other: CohortSummary) -> CohortSummary:
        self.rows += other.rows
        self.errors += other.errors
        self.all.merge(other.all)
        self.has_groups |= other.has_groups
        for key, stats in other.groups.items():
            key = self._group_key(key)
            if key in self.groups:
                self.groups[key].merge(stats)
            else:
                self.groups[key] = stats
        self.group_rows.update(other.group_rows)
        self.group_errors.update(other.group_errors)
        return self

    def state(self) -> dict:
        """Counters only (no catalog), to send a partial summary between processes."""
        return {k: v for k, v in self.__dict__.items() if k not in ("arrays", "catalog")}

    @classmethod
    def from_state(cls, state: dict, arrays: CatalogArrays, catalog) -> CohortSummary:
        summary = cls(arrays, catalog, min_group=state["min_group"], top=state["top"])
        summary.__dict__.update(state)
        return summary

    def to_dict(self) -> dict:
        out = {
            "rows": self.rows,
            "errors": self.errors,
            **self.all.as_dict(self.arrays, self.catalog, self.top),
            "min_group_size": self.min_group,
        }
        if self.has_groups:
            out["groups"] = self._groups()
        return out

    def _scored(self, key) -> int:
        stats = self.groups.get(key)
        return stats.scored if stats is not None else 0

    def _pooled(self) -> set:
        """The groups whose members go into the ``(other groups)`` pool (see the module's docstring)."""
        pooled = {key for key in self.group_rows if key == OTHER_GROUPS or self._scored(key) < self.min_group}
        shown = sorted(set(self.group_rows) - pooled, key=lambda k: (self._scored(k), str(k)))
        size = sum(self._scored(key) for key in pooled)
        # A pool of one to min_group - 1 members would be the cohort minus the shown groups: too small to show.
        while 0 < size < self.min_group and shown:
            key = shown.pop(0)
            pooled.add(key)
            size += self._scored(key)
        return pooled

    def _groups(self) -> list[dict]:
        keys = sorted(self.group_rows, key=lambda k: (k is None, str(k)))
        pooled = self._pooled()
        out = [self._group(key, self.groups.get(key), suppressed=key in pooled) for key in keys if key != OTHER_GROUPS]
        if pooled:
            pool = self._stats()
            for key in pooled:
                if key in self.groups:
                    pool.merge(self.groups[key])
            rows = sum(self.group_rows[key] for key in pooled)
            errors = sum(self.group_errors[key] for key in pooled)
            out.append(
                self._group(OTHER_GROUPS, pool, suppressed=pool.scored < self.min_group, rows=rows, errors=errors)
            )
        return out

    def _group(self, key, stats: _Stats | None, *, suppressed: bool, rows=None, errors=None) -> dict:
        rows = self.group_rows[key] if rows is None else rows
        if suppressed or stats is None:
            return {"group": key, "rows": rows, "suppressed": True}
        body = stats.as_dict(self.arrays, self.catalog, min(self.top, 5))
        errors = self.group_errors[key] if errors is None else errors
        return {"group": key, "rows": rows, "errors": errors, "suppressed": False, **body}
