"""The catalog as numpy arrays, built once per catalog and shared by every batch."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from skills import Catalog


@dataclass(frozen=True, eq=False)
class CatalogArrays:
    """Dense views of a catalog: ``S`` skills, ``R`` roles.

    Attributes
    ----------
    prereq : ndarray of shape (S, S), bool
        ``prereq[s, j]`` is true when skill ``j`` is a direct prerequisite of ``s``.
    descendants : ndarray of shape (S, S), float32
        ``descendants[j, s]`` is 1 when ``s`` needs ``j`` directly or transitively.
    cum_hours : ndarray of shape (S, 6), float64
        Hours from level 0 to each level.
    targets, weights : ndarray of shape (R, S)
        The role's target level (0 = not in the role) and importance weight.
    core : ndarray of shape (R, S), bool
    hours_table, gain_table, reached_table : ndarray of shape (R, S, 6)
        Per role, skill and current level: hours to the role's target, the share of
        the role's fit that step adds, and the share of fit already reached. The
        engine gathers from these instead of recomputing per profile.
    dependents_ptr, dependents_idx : ndarray of shape (S + 1,) and (E,), int64
        Direct dependents of each skill in compressed sparse row form: the skills
        that need ``j`` directly are ``dependents_idx[dependents_ptr[j]:dependents_ptr[j + 1]]``.
    ancestors_ptr, ancestors_idx : ndarray of shape (S + 1,) and (A,), int64
        The same for every skill's prerequisites, direct or not.
    cell_offsets : ndarray of shape (R, S), int32
        Where each (role, skill) row of the level tables starts in their flat form.
    track_match : ndarray of shape (R, S), bool
        Whether the skill's module belongs to the role's track.
    """

    skill_ids: tuple[str, ...]
    role_ids: tuple[str, ...]
    prereq: np.ndarray
    descendants: np.ndarray
    cum_hours: np.ndarray
    targets: np.ndarray
    weights: np.ndarray
    core: np.ndarray
    track_match: np.ndarray
    position: np.ndarray
    role_rank: np.ndarray
    hours_table: np.ndarray
    gain_table: np.ndarray
    reached_table: np.ndarray
    cell_offsets: np.ndarray
    dependents_ptr: np.ndarray
    dependents_idx: np.ndarray
    ancestors_ptr: np.ndarray
    ancestors_idx: np.ndarray

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> CatalogArrays:
        ids = catalog.skill_ids
        index = {sid: i for i, sid in enumerate(ids)}
        n = len(ids)
        prereq = np.zeros((n, n), dtype=bool)
        for skill in catalog.skills:
            for p in skill.prerequisites:
                prereq[index[skill.id], index[p]] = True
        hours = np.array([s.hours for s in catalog.skills], dtype=np.float64)
        cum_hours = np.concatenate([np.zeros((n, 1)), np.cumsum(hours, axis=1)], axis=1)
        roles = catalog.roles
        targets = np.zeros((len(roles), n), dtype=np.int8)
        weights = np.zeros((len(roles), n), dtype=np.float64)
        core = np.zeros((len(roles), n), dtype=bool)
        track_match = np.zeros((len(roles), n), dtype=bool)
        for r, role in enumerate(roles):
            for sid, rs in role.skills.items():
                s = index[sid]
                targets[r, s], weights[r, s], core[r, s] = rs.level, rs.weight, rs.tier == "core"
            for s, skill in enumerate(catalog.skills):
                track = catalog.module(skill.module).track
                track_match[r, s] = role.track == "both" or track in (role.track, "both")
        role_ids = tuple(r.id for r in roles)
        tables = _level_tables(targets, weights, cum_hours)
        descendants = _transitive(prereq.T)
        return cls(
            skill_ids=ids,
            role_ids=role_ids,
            prereq=prereq,
            descendants=descendants.astype(np.float32),
            cum_hours=cum_hours,
            targets=targets,
            weights=weights,
            core=core,
            track_match=track_match,
            position=np.arange(n, dtype=np.float64) / max(n - 1, 1),
            role_rank=np.argsort(np.argsort(np.array(role_ids))),
            hours_table=tables[0],
            gain_table=tables[1],
            reached_table=tables[2],
            cell_offsets=(np.arange(len(roles) * n, dtype=np.int32).reshape(len(roles), n) * cum_hours.shape[1]),
            **_sparse_rows("dependents", prereq.T),
            **_sparse_rows("ancestors", descendants.T),
        )

    @property
    def n_skills(self) -> int:
        return len(self.skill_ids)

    @property
    def n_roles(self) -> int:
        return len(self.role_ids)

    def step_hours(self, from_level: np.ndarray, to_level: np.ndarray) -> np.ndarray:
        """Hours from ``from_level`` to ``to_level`` for every skill column (P x S)."""
        cols = np.arange(self.n_skills)
        return self.cum_hours[cols, to_level] - self.cum_hours[cols, from_level]


def _level_tables(targets, weights, cum_hours):
    level = np.arange(cum_hours.shape[1])[None, None, :]
    target = targets[:, :, None].astype(np.int64)
    reach = np.minimum(level, target)
    cols = np.arange(targets.shape[1])[None, :, None]
    hours = cum_hours[cols, target] - cum_hours[cols, reach]
    norm = (weights / weights.sum(axis=1, keepdims=True))[:, :, None]
    safe = np.maximum(target, 1)
    reached = np.where(target > 0, reach / safe, 0.0) * norm
    gain = np.where(target > 0, (target - reach) / safe, 0.0) * norm
    return hours, gain, reached


def _sparse_rows(name: str, mask: np.ndarray) -> dict[str, np.ndarray]:
    """The set columns of each row of ``mask``, in compressed sparse row form."""
    rows, cols = np.nonzero(mask)  # row-major: each row's columns in increasing order
    ptr = np.zeros(len(mask) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(mask)), out=ptr[1:])
    return {f"{name}_ptr": ptr, f"{name}_idx": cols.astype(np.int64)}


def _transitive(edges: np.ndarray) -> np.ndarray:
    """Transitive closure of a boolean adjacency matrix by repeated squaring."""
    reach = edges.copy()
    for _ in range(int(np.ceil(np.log2(max(len(edges), 2)))) + 1):
        nxt = reach | ((reach.astype(np.int32) @ reach.astype(np.int32)) > 0)
        if np.array_equal(nxt, reach):
            break
        reach = nxt
    return reach
