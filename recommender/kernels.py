"""The engine's per-profile loops, compiled with numba.

A profile's role fits, its plan's order and the plan's measures are a few hundred
scalar operations. As numpy calls over a batch they cost one call per plan position
(several microseconds each, however few the rows); compiled, one loop over the rows
does all of it, and releases the GIL (``nogil``) so row blocks run on threads.

Every compiled function lives in this one module on purpose: numba's on-disk cache
(``cache=True``) is invalidated when a function's own source file changes, not when
a file it calls into does, so helpers spread over modules could run stale code.

The results are bit for bit those of the numpy formulation the engine had before
(``tests/test_planner.py`` keeps a plain-Python reference): sums are done in numpy's
order (:func:`pairwise_sum`), roundings as ``np.round`` does them, and the step
scores' logistic function comes from a table the engine computes with numpy.
"""

from __future__ import annotations

import math

import numba
import numpy as np

jit = numba.njit(cache=True, nogil=True)

FIT_SCALE = 10.0**4  # fits are rounded to 4 decimals (recommender.fit.FIT_DECIMALS)


@jit
def _run_sum(values, lo, hi):
    """numpy's sum of a run of at most 128 values: 8 interleaved accumulators."""
    n = hi - lo
    if n < 8:
        res = -0.0
        for i in range(lo, hi):
            res += values[i]
        return res
    r0, r1, r2, r3 = values[lo], values[lo + 1], values[lo + 2], values[lo + 3]
    r4, r5, r6, r7 = values[lo + 4], values[lo + 5], values[lo + 6], values[lo + 7]
    i = lo + 8
    end = hi - n % 8
    while i < end:
        r0 += values[i]
        r1 += values[i + 1]
        r2 += values[i + 2]
        r3 += values[i + 3]
        r4 += values[i + 4]
        r5 += values[i + 5]
        r6 += values[i + 6]
        r7 += values[i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < hi:
        res += values[i]
        i += 1
    return res


@jit
def _half(n):
    half = n // 2
    return half - half % 8


@jit
def pairwise_sum(values, lo, hi):
    """Sum of ``values[lo:hi]`` exactly as numpy's float64 ``add.reduce`` sums a contiguous run.

    Float addition is not associative, so numpy's order is kept: runs of up to 128
    values with 8 interleaved accumulators, longer ones split in two (at half the
    length, rounded down to a multiple of 8) and each half summed the same way.
    numpy recurses; a cached numba function cannot, so this walks the same tree
    with a stack of frames (state 1: summing the left half, 2: the right half).
    """
    if hi - lo <= 128:
        return _run_sum(values, lo, hi)
    los = np.empty(64, dtype=np.int64)
    his = np.empty(64, dtype=np.int64)
    states = np.empty(64, dtype=np.int8)
    lefts = np.empty(64)
    top = 0
    los[0], his[0] = lo, hi
    while True:
        a, b = los[top], his[top]
        if b - a > 128:  # a new frame: its left half first
            states[top] = 1
            top += 1
            los[top], his[top] = a, a + _half(b - a)
            continue
        total = _run_sum(values, a, b)
        top -= 1
        while top >= 0 and states[top] == 2:  # right halves done: add them to their left halves
            total = lefts[top] + total
            top -= 1
        if top < 0:
            return total
        lefts[top] = total  # a left half done: now the right half
        states[top] = 2
        a, b = los[top], his[top]
        top += 1
        los[top], his[top] = a + _half(b - a), b


@jit
def round_fit(value):
    """``np.round(value, 4)``: numpy scales, rounds half to even and scales back."""
    return np.rint(value * FIT_SCALE) / FIT_SCALE


@jit
def _check_levels(row, n_levels):
    for s in range(len(row)):
        if row[s] < 0 or row[s] >= n_levels:
            raise ValueError("levels must be between 0 and 5")


@jit
def _role_fits(row, role_targets, reached, cell_offsets, fit, missing, buf):
    """Fit and count of skills below target of one profile for every role."""
    n_roles, n_skills = role_targets.shape
    for r in range(n_roles):
        below = 0
        for s in range(n_skills):
            buf[s] = reached[cell_offsets[r, s] + row[s]]
            below += row[s] < role_targets[r, s]
        fit[r] = round_fit(pairwise_sum(buf, 0, n_skills))
        missing[r] = below


@jit
def _rank_roles(fit, role_rank, order):
    """Role indices best fit first, ties by ``role_rank``: an insertion sort, roles are few."""
    for i in range(len(fit)):
        r = i
        j = i - 1
        while j >= 0 and (fit[r] > fit[order[j]] or (fit[r] == fit[order[j]] and role_rank[r] < role_rank[order[j]])):
            order[j + 1] = order[j]
            j -= 1
        order[j + 1] = r


@jit
def role_fit_rows(levels, role_targets, reached, cell_offsets, n_levels, fit, missing):
    buf = np.empty(levels.shape[1])
    for p in range(levels.shape[0]):
        _check_levels(levels[p], n_levels)
        _role_fits(levels[p], role_targets, reached, cell_offsets, fit[p], missing[p], buf)


@jit
def rank_role_rows(fit, role_rank, order):
    for p in range(fit.shape[0]):
        _rank_roles(fit[p], role_rank, order[p])


@jit
def _greedy(in_plan, scores, limit, dep_ptr, dep_idx, candidates, pending, order):
    """Write one profile's first ``limit`` steps into ``order``; return how many there are.

    Repeatedly takes the best-scoring step whose in-plan prerequisites are all taken,
    the lowest skill index among equal scores (candidates are scanned in index
    order and only a strictly better score replaces the best so far). ``pending``
    counts each step's prerequisites still to take; a prerequisite outside the plan
    is never counted, so it blocks nothing.
    """
    n_skills = len(in_plan)
    pending[:] = 0
    m = 0
    for s in range(n_skills):
        if in_plan[s]:
            candidates[m] = s
            m += 1
            for e in range(dep_ptr[s], dep_ptr[s + 1]):
                pending[dep_idx[e]] += 1
    taken = 0
    while taken < limit and m > 0:
        best = -1
        best_score = 0.0
        for c in range(m):
            s = candidates[c]
            if pending[s] == 0 and (best < 0 or scores[s] > best_score):
                best = c
                best_score = scores[s]
        if best < 0:  # nothing ready: only a prerequisite cycle, which the catalog forbids
            break
        s = candidates[best]
        for c in range(best, m - 1):  # keep the rest in index order
            candidates[c] = candidates[c + 1]
        m -= 1
        order[taken] = s
        taken += 1
        for e in range(dep_ptr[s], dep_ptr[s + 1]):
            pending[dep_idx[e]] -= 1
    return taken


@jit
def order_rows(in_plan, scores, dep_ptr, dep_idx, order):
    """:func:`_greedy` for every row; ``order``'s width is the limit, ``-1`` pads."""
    n_profiles, n_skills = in_plan.shape
    candidates = np.empty(n_skills, dtype=np.int64)
    pending = np.empty(n_skills, dtype=np.int64)
    for p in range(n_profiles):
        taken = _greedy(in_plan[p], scores[p], order.shape[1], dep_ptr, dep_idx, candidates, pending, order[p])
        order[p, taken:] = -1


@jit
def score_rows(levels, targets, hours_per_week, tables, out):
    """Everything :meth:`recommender.engine.Engine.score` returns, one profile at a time.

    ``tables`` and ``out`` are the tuples :class:`recommender.engine.Engine` builds
    (see ``Engine._tables`` and ``Engine._score_into``); ``out``'s step arrays are as
    wide as the most steps asked for, and every column past a plan's end is padded.
    """
    (
        role_targets,
        reached,
        cell_offsets,
        n_levels,
        role_rank,
        base_scores,
        unlock_scores,
        score_start,
        score_table,
        gain,
        hours,
        dep_ptr,
        dep_idx,
        anc_ptr,
        anc_idx,
    ) = tables
    (
        fit,
        missing,
        role_order,
        target,
        in_plan,
        n_steps,
        total_hours,
        weeks,
        skill,
        from_level,
        to_level,
        step_hours,
        score,
        fit_after,
        start_week,
        end_week,
    ) = out
    n_profiles, n_skills = levels.shape
    n_roles = role_targets.shape[0]
    width = skill.shape[1]
    buf = np.empty(n_skills)
    cells = np.empty(n_skills, dtype=np.int64)
    unlocks = np.empty(n_skills, dtype=np.int64)
    raw = np.zeros(n_skills)
    candidates = np.empty(n_skills, dtype=np.int64)
    pending = np.empty(n_skills, dtype=np.int64)
    for p in range(n_profiles):
        row = levels[p]
        _check_levels(row, n_levels)
        _role_fits(row, role_targets, reached, cell_offsets, fit[p], missing[p], buf)
        _rank_roles(fit[p], role_rank, role_order[p])
        t = targets[p]
        if t < 0:
            t = role_order[p, 0]
        elif t >= n_roles:
            raise ValueError("target role index out of range")
        target[p] = t

        # The plan: every skill below the role's target, with its cell in the level tables.
        plan = in_plan[p]
        m = 0
        for s in range(n_skills):
            cells[s] = cell_offsets[t, s] + row[s]
            plan[s] = row[s] < role_targets[t, s]
            m += plan[s]
            unlocks[s] = 0
        n_steps[p] = m
        # "unlocks": how many in-plan skills need each skill, directly or not.
        for s in range(n_skills):
            if plan[s]:
                for e in range(anc_ptr[s], anc_ptr[s + 1]):
                    unlocks[anc_idx[e]] += 1
        for s in range(n_skills):
            if plan[s]:
                raw[s] = base_scores[cells[s]] + unlock_scores[unlocks[s]]

        # Total hours as numpy's masked sum adds them: each run of in-plan skills summed
        # pairwise, the runs' sums added in order.
        total = 0.0
        s = 0
        while s < n_skills:
            if plan[s]:
                lo = s
                while s < n_skills and plan[s]:
                    buf[s] = hours[cells[s]]
                    s += 1
                total += pairwise_sum(buf, lo, s)
            else:
                s += 1
        total_hours[p] = total
        per_week = hours_per_week[p]
        weeks[p] = math.ceil(total / per_week - 1e-9)

        taken = _greedy(plan, raw, width, dep_ptr, dep_idx, candidates, pending, skill[p])
        fit_now = fit[p, t]
        gained = 0.0
        done = 0.0
        for k in range(taken):
            s = skill[p, k]
            c = cells[s]
            from_level[p, k] = row[s]
            to_level[p, k] = role_targets[t, s]
            h = hours[c]
            step_hours[p, k] = h
            score[p, k] = score_table[score_start[c] + unlocks[s]]
            gained += gain[c]
            # Float sums drift; the last step of a whole plan reaches the role's targets exactly.
            fit_after[p, k] = 1.0 if k >= m - 1 else min(round_fit(fit_now + gained), 1.0)
            done += h
            first = math.floor((done - h) / per_week + 1e-9) + 1
            start_week[p, k] = first
            end_week[p, k] = max(first, math.ceil(done / per_week - 1e-9))
        for k in range(taken, width):
            skill[p, k] = -1
            from_level[p, k] = 0
            to_level[p, k] = 0
            step_hours[p, k] = 0.0
            score[p, k] = 0.0
            fit_after[p, k] = 0.0
            start_week[p, k] = 0
            end_week[p, k] = 0
