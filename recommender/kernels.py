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

import logging
import math

import numba
import numpy as np

log = logging.getLogger(__name__)
_uncached: list[str] = []


def jit(func):
    """``numba.njit(nogil=True)``, its machine code cached on disk when numba finds a place.

    numba caches in ``__pycache__`` beside this file, else in the user's cache
    directory (or ``NUMBA_CACHE_DIR``). Where neither is writable it refuses
    ``cache=True`` outright; then every process compiles afresh (some seconds).
    """
    try:
        return numba.njit(cache=True, nogil=True)(func)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        if not _uncached:
            log.warning("numba finds no writable cache directory: compiling the engine's loops in every process")
        _uncached.append(func.__name__)
        return numba.njit(nogil=True)(func)


FIT_SCALE = 10.0**4  # fits are rounded to 4 decimals (recommender.fit.FIT_DECIMALS)


def as_input(values, dtype) -> np.ndarray:
    """``values`` as the one kind of array the loops are compiled for: C order, aligned, writeable.

    numba compiles (and caches) a function once per kind of argument; a read-only
    or Fortran-ordered array would mean another compilation, seconds long, at the
    first call that passes one.
    """
    out = np.ascontiguousarray(values, dtype=dtype)
    return out if out.flags.writeable and out.flags.aligned else out.copy()


@jit
def _run_sum(values, lo, hi):
    """numpy's sum of a run of at most 128 values: 8 interleaved accumulators."""
    n = hi - lo
    if n < 8:
        res = 0.0
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
    The sum starts from numpy's identity, +0.0, so negative zeros add up to +0.0.
    """
    if hi - lo <= 128:
        return 0.0 + _run_sum(values, lo, hi)
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
            return 0.0 + total
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
def _compact(in_plan, steps):
    """Write the indices of a plan's skills, in increasing order, to ``steps``; return how many."""
    m = 0
    for s in range(len(in_plan)):
        steps[m] = s  # written always, kept only when in the plan: no branch to mispredict
        m += in_plan[s]
    return m


@jit
def _greedy(in_plan, steps, m, scores, limit, dep_ptr, dep_idx, pending, ready, order):
    """Write a plan's first ``limit`` steps into ``order``; return how many there are.

    Repeatedly takes the best-scoring ready step: the one with the highest score,
    the lowest skill index among equal scores. A step is ready once every
    prerequisite in the plan (``in_plan``; its ``m`` skills listed in ``steps``) is
    taken: ``pending`` counts those still to take, and a step joins ``ready`` when
    its count reaches zero. A prerequisite outside the plan is never counted, so it
    blocks nothing.
    """
    for i in range(m):
        pending[steps[i]] = 0
    for i in range(m):
        s = steps[i]
        for e in range(dep_ptr[s], dep_ptr[s + 1]):
            pending[dep_idx[e]] += 1  # dependents outside the plan are counted too, never read
    n_ready = 0
    for i in range(m):
        s = steps[i]
        if pending[s] == 0:
            ready[n_ready] = s
            n_ready += 1
    taken = 0
    while taken < limit and n_ready > 0:
        best = 0
        best_skill = ready[0]
        best_score = scores[best_skill]
        for c in range(1, n_ready):
            s = ready[c]
            if scores[s] > best_score or (scores[s] == best_score and s < best_skill):
                best, best_skill, best_score = c, s, scores[s]
        n_ready -= 1
        ready[best] = ready[n_ready]
        order[taken] = best_skill
        taken += 1
        for e in range(dep_ptr[best_skill], dep_ptr[best_skill + 1]):
            d = dep_idx[e]
            if in_plan[d]:
                pending[d] -= 1
                if pending[d] == 0:
                    ready[n_ready] = d
                    n_ready += 1
    return taken


@jit
def order_rows(in_plan, scores, dep_ptr, dep_idx, order):
    """:func:`_greedy` for every row; ``order``'s width is the limit, ``-1`` pads."""
    n_profiles, n_skills = in_plan.shape
    steps = np.empty(n_skills, dtype=np.int64)
    pending = np.empty(n_skills, dtype=np.int64)
    ready = np.empty(n_skills, dtype=np.int64)
    for p in range(n_profiles):
        m = _compact(in_plan[p], steps)
        taken = _greedy(in_plan[p], steps, m, scores[p], order.shape[1], dep_ptr, dep_idx, pending, ready, order[p])
        order[p, taken:] = -1


@jit
def score_rows(levels, targets, hours_per_week, tables, out):
    """Everything :meth:`recommender.engine.Engine.score` returns, one profile at a time.

    ``tables`` and ``out`` are the tuples :class:`recommender.engine.Engine` builds
    (``Engine._build_tables`` and ``Engine.score``); ``out``'s step arrays are as wide
    as the most steps asked for, and every column past a plan's end is padded.
    Returns the most steps of any plan.
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
    steps = np.empty(n_skills, dtype=np.int64)
    pending = np.empty(n_skills, dtype=np.int64)
    ready = np.empty(n_skills, dtype=np.int64)
    longest = 0
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
        for s in range(n_skills):
            cells[s] = cell_offsets[t, s] + row[s]
            plan[s] = row[s] < role_targets[t, s]
            unlocks[s] = 0
        m = _compact(plan, steps)
        n_steps[p] = m
        longest = max(longest, m)
        # "unlocks": how many of the plan's skills need each skill, directly or not.
        for i in range(m):
            s = steps[i]
            for e in range(anc_ptr[s], anc_ptr[s + 1]):
                unlocks[anc_idx[e]] += 1
        for i in range(m):
            s = steps[i]
            raw[s] = base_scores[cells[s]] + unlock_scores[unlocks[s]]

        # Total hours as numpy's masked sum adds them: each run of consecutive plan
        # skills summed pairwise, the runs' sums added in order.
        total = 0.0
        i = 0
        while i < m:
            lo = i
            buf[i] = hours[cells[steps[i]]]
            i += 1
            while i < m and steps[i] == steps[i - 1] + 1:
                buf[i] = hours[cells[steps[i]]]
                i += 1
            total += pairwise_sum(buf, lo, i)
        total_hours[p] = total
        per_week = hours_per_week[p]
        weeks[p] = math.ceil(total / per_week - 1e-9)

        taken = _greedy(plan, steps, m, raw, width, dep_ptr, dep_idx, pending, ready, skill[p])
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
    return longest
