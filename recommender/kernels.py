"""The engine's per-profile loops, compiled with numba.

A profile's role fits, its plan's order and the plan's measures are a few hundred
scalar operations. As numpy calls over a batch they cost one call per plan position
(several microseconds each, however few the rows); compiled, one loop over the rows
does all of it, and releases the GIL (``nogil``) so row blocks run on threads.

Every compiled function lives in this one module on purpose: numba's on-disk cache
(``cache=True``) is invalidated when a function's own source file changes, not when
a file it calls into does, so helpers spread over modules could run stale code.

Sums are done in numpy's order (:func:`pairwise_sum`), roundings as ``np.round``
does them, and the step scores' logistic function comes from a table the engine
computes with numpy, so results match a numpy formulation bit for bit
(``tests/test_planner.py`` keeps a plain-Python reference of the plans).

The loop's inputs and outputs are named tuples (:class:`Tables`, :class:`Outputs`),
which numba passes as they are.
"""

from __future__ import annotations

import logging
import math
from typing import NamedTuple

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
    return _njit(func)


def helper(func):
    """:func:`jit` for a helper of the loops, inlined into its callers by numba.

    numba counts references to the arrays a compiled function is passed, with atomic
    operations at every call that is not inlined; in a loop run per profile on
    both cores those counts cost more than the work (a quarter of the time in one
    thread, and the two cores contend for the same counters).
    """
    return _njit(func, inline="always")


def _njit(func, **options):
    try:
        return numba.njit(cache=True, nogil=True, **options)(func)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        if not _uncached:
            log.warning("numba finds no writable cache directory: compiling the engine's loops in every process")
        _uncached.append(func.__name__)
        return numba.njit(nogil=True, **options)(func)


FIT_DECIMALS = 4
FIT_SCALE = 10.0**FIT_DECIMALS  # fits are rounded to 4 decimals
TAIL_LANE = 8  # recommender.arrays.TAIL_LANE
PW_BLOCK = 128  # numpy's pairwise sum adds runs of up to this many values with 8 accumulators
WHOLE_STEP = -1  # a prerequisite's level when the catalog names none (recommender.arrays.WHOLE_STEP)
# Added to the raw score of a stage on the way to a goal the person named: above any model score (a logit of a
# few units), so among the ready stages those toward a goal are always taken first, in the model's order.
GOAL_PRIORITY = 1.0e6
# Added to the key of a stage on the way to a goal when the stage before it, of the same skill, is taken: above
# every other stage, so the skill goes on to the level a goal needs in one step (_greedy, _toward_goals).
GOAL_CONTINUE = 1.0e12
# Added besides GOAL_PRIORITY to a stage on the way to a goal whose skill is Gen AI practice in a role learnt in
# depth (``deepened`` and ``practice_first`` of score_rows): above any model score, below GOAL_PRIORITY, so among the way's ready stages
# one the person can run comes before the theory (Hugging Face before the transformer's internals, toward RLHF).
PRACTICE_FIRST = 1.0e3
# A mentor gets a learner to a first level of a goal within the first GOAL_STEPS steps. When the plan's order
# reaches fewer of the goals the person does not hold yet there than an order taking each goal's own ready stage
# first (GOAL_READY added besides GOAL_PRIORITY, below it), the latter is taken (score_rows, _new_goals_reached);
# when each goal's way is at most GOAL_STEPS skills, so is one taking the nearest goal's way first, goal by goal
# (GOAL_READY times its nearness, _nearest_first): a short way can wait behind another goal's longer one.
GOAL_STEPS = 5
GOAL_READY = 1.0e4


class Tables(NamedTuple):
    """What :func:`score_rows` looks up: one catalog's arrays and one model's scores (see ``Engine``).

    Everything about a plan is kept per role over the role's own skills, its *slots*
    (``recommender.arrays``): slot ``role_ptr[r] + i`` is role ``r``'s ``i``-th skill,
    and edges between a role's skills name the other end by ``i``, its local index.
    """

    n_levels: int  # the catalog's level scale is 0 .. n_levels - 1: the width of every per-level table
    role_ptr: np.ndarray  # (R + 1,) each role's slots
    role_skill: np.ndarray  # (n_slots,) the skill of each slot
    slot_target: np.ndarray  # (n_slots,) the role's level of it
    role_rank: np.ndarray  # (R,) ties in fit broken by this
    reached: np.ndarray  # (n_slots * n_levels,) share of the role's fit reached at each level
    hours: np.ndarray  # (n_slots * n_levels,) hours from each level to the role's level
    cum_hours: np.ndarray  # (S, n_levels) hours from level 0 to each level
    # The catalog's faster_with rules (arrays.Faster), global skill indices: holding ``faster_by`` at
    # ``faster_level`` or more, a profile needs ``faster_share`` of ``faster_skill``'s hours.
    faster_skill: np.ndarray
    faster_by: np.ndarray
    faster_level: np.ndarray
    faster_share: np.ndarray
    lane: np.ndarray  # how fits are added in numpy's order: recommender.arrays.FitSum
    leaf_lo: np.ndarray
    leaf_tail: np.ndarray
    leaf_hi: np.ndarray
    prog_ptr: np.ndarray
    prog: np.ndarray
    leaf_of: np.ndarray  # the same sums seen from the skills a profile holds: recommender.arrays.HeldIndex
    lane_of: np.ndarray
    split_depth: np.ndarray
    skill_slot_ptr: np.ndarray
    skill_slot: np.ndarray
    slot_role: np.ndarray
    # (2 * n_slots * n_levels * n_levels,) raw model score of each (later, slot, from, to) stage
    base_scores: np.ndarray
    unlock_scores: np.ndarray  # (S + 1,) the "unlocks" term of the raw score for each count
    prereqs_ptr: np.ndarray  # per slot, its direct prerequisites in the role with the level needed (CSR)
    prereqs_idx: np.ndarray
    prereqs_level: np.ndarray
    freed_ptr: np.ndarray  # the same edges from the prerequisite's side, by the level waited for (arrays.Freed)
    freed_idx: np.ndarray
    ancestors_ptr: np.ndarray  # per slot, its prerequisites in the role, direct or not (CSR)
    ancestors_idx: np.ndarray
    ancestors_level: np.ndarray  # the level of each a skill waits for (n_levels: all of its step)
    waiting: np.ndarray  # (n_slots * n_levels,) the waits a beginner's plan counts: arrays.slot_waiting
    split: np.ndarray  # (n_slots,) a beginner's stage splits: arrays.BeginnerStages
    named: np.ndarray  # (n_slots * n_levels,)
    # Prerequisites needed past a level of a skill (arrays.CatalogArrays.role_staged_*): per dependent slot, and
    # per prerequisite slot, the other end, the level needed and the level of the dependent past which it is.
    staged_of: np.ndarray  # the dependent of each staged edge, local to its role
    staged_ptr: np.ndarray
    staged_idx: np.ndarray
    staged_level: np.ndarray
    staged_beyond: np.ndarray
    staged_dependents_ptr: np.ndarray
    staged_dependents_idx: np.ndarray
    staged_dependents_level: np.ndarray
    staged_dependents_beyond: np.ndarray
    # per slot, its direct dependents in the role in the catalog's whole graph, alternatives met or not, staged
    # or not (CSR)
    users_ptr: np.ndarray
    users_idx: np.ndarray
    users_level: np.ndarray  # the level a user must be held at besides practised: a stand-in's (arrays.stand_in_users)
    used_through_score: float  # the "used_through" term of a stage's raw score (features.FEATURES)
    practised: int  # the level from which a person uses a skill at work (features.practised_level)
    # A widened copy (recommender.goal_ways): every role holds every skill, and a plan's targets are each profile's
    # own (the role's level; a goal outside the role and its way at the levels they need; 0 for the rest of the
    # catalog): ``own_target`` is the role's level of each slot, 0 for a skill outside the role. Otherwise False,
    # and ``own_target`` is ``slot_target``.
    widened: bool
    own_target: np.ndarray  # (n_slots,)
    # A role first by fit alone (no goal named) hands first place to role ``hand_to`` (-1: none) for someone who
    # holds skill ``hand_holding`` at ``hand_at`` or more and skill ``hand_lacking`` below ``hand_below``
    # (roles.yaml ``hand_over``: a classic data scientist is planned as an AI Engineer, not a model builder).
    hand_to: np.ndarray  # (R,) int64
    hand_holding: np.ndarray
    hand_at: np.ndarray
    hand_lacking: np.ndarray
    hand_below: np.ndarray


class Outputs(NamedTuple):
    """What :func:`score_rows` writes; step arrays are (P, K), K the most steps asked for."""

    fit: np.ndarray  # (P, R) float64
    missing: np.ndarray  # (P, R) int64
    role_order: np.ndarray  # (P, R) int64, best first: goals held among the near fits, then fit (_before)
    has_best_fit: np.ndarray  # (P,) bool, false when no role stands out: nothing fits, or a tie at the top
    target: np.ndarray  # (P,) int64, the role planned for
    in_plan: np.ndarray  # (P, S) bool, skills with a stage in the whole plan
    n_steps: np.ndarray  # (P,) int64, steps in the whole plan (a skill's stages taken back to back are one)
    total_hours: np.ndarray  # (P,) float64
    weeks: np.ndarray  # (P,) int64
    skill: np.ndarray  # (P, K) int64, -1 past the plan's end
    from_level: np.ndarray  # (P, K) int64
    to_level: np.ndarray  # (P, K) int64
    hours: np.ndarray  # (P, K) float64
    score: np.ndarray  # (P, K) float64, the raw model score (-inf past a plan's end): engine.step_scores
    fit_after: np.ndarray  # (P, K) float64
    start_week: np.ndarray  # (P, K) int64
    end_week: np.ndarray  # (P, K) int64
    toward_goal: np.ndarray  # (P, K) bool, a step the plan took first on the way to a goal named (_toward_goals)

    @classmethod
    def empty(cls, n: int, n_roles: int, n_skills: int, width: int) -> Outputs:
        ints, floats = np.int64, np.float64
        step = {name: np.empty((n, width), dtype=ints) for name in ("skill", "from_level", "to_level")}
        step |= {name: np.empty((n, width), dtype=floats) for name in ("hours", "score", "fit_after")}
        step |= {name: np.empty((n, width), dtype=ints) for name in ("start_week", "end_week")}
        step["toward_goal"] = np.empty((n, width), dtype=bool)
        return cls(
            fit=np.empty((n, n_roles)),
            missing=np.empty((n, n_roles), dtype=ints),
            role_order=np.empty((n, n_roles), dtype=ints),
            has_best_fit=np.empty(n, dtype=bool),
            target=np.empty(n, dtype=ints),
            in_plan=np.zeros((n, n_skills), dtype=bool),  # the loop sets a plan's skills only
            n_steps=np.empty(n, dtype=ints),
            total_hours=np.empty(n),
            weeks=np.empty(n, dtype=ints),
            **step,
        )

    def rows(self, rows: slice) -> Outputs:
        return Outputs(*(x[rows] for x in self))


@helper
def cell_index(n_slots, n_levels, later, slot, from_level, to_level):
    """The flat index of a (later, slot, from level, to level) stage in the stage tables.

    ``later`` is 1 for a stage after a skill's first: the person had not started
    that part (the model's ``started`` means the person's own level, not the plan's).
    """
    return ((later * n_slots + slot) * n_levels + from_level) * n_levels + to_level


def as_input(values, dtype) -> np.ndarray:
    """``values`` as the one kind of array the loops are compiled for: C order, aligned, writeable.

    numba compiles (and caches) a function once per kind of argument; a read-only
    or Fortran-ordered array would mean another compilation, seconds long, at the
    first call that passes one.
    """
    out = np.ascontiguousarray(values, dtype=dtype)
    return out if out.flags.writeable and out.flags.aligned else out.copy()


@helper
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


@helper
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
    if hi - lo <= PW_BLOCK:
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


@helper
def round_fit(value):
    """``np.round(value, 4)``: numpy scales, rounds half to even and scales back."""
    return np.rint(value * FIT_SCALE) / FIT_SCALE


@helper
def _held(row, n_levels, held):
    """Check the row's levels and write the skills held above 0, in order, to ``held``; return how many."""
    bad = False
    h = 0
    for s in range(len(row)):
        v = row[s]
        bad |= (v < 0) | (v >= n_levels)
        held[h] = s  # written always, kept only when held: no branch to mispredict
        h += v != 0
    if bad:
        raise ValueError("levels must be between 0 and the top of the catalog's level scale")
    return h


@helper
def _role_fit(row, r, tb, acc, stack):
    """Role ``r``'s fit for one profile, added as numpy adds the dense row of every skill's share.

    Only the role's slots are visited: the other skills' shares are +0.0 (see
    ``recommender.arrays.FitSum``). Each leaf run of numpy's pairwise sum adds its slots
    into 8 lanes, joins them, then adds its tail; ``prog`` joins the leaf sums. Returns the
    sum and, counted on the same pass, how many of the role's skills are below its level.
    """
    n_levels = tb.n_levels
    top = 0
    below = 0
    for i in range(tb.prog_ptr[r], tb.prog_ptr[r + 1]):
        op = tb.prog[i]
        if op < 0:
            top -= 1
            stack[top - 1] = stack[top - 1] + stack[top]
            continue
        for j in range(8):
            acc[j] = 0.0
        for slot in range(tb.leaf_lo[op], tb.leaf_tail[op]):
            level = row[tb.role_skill[slot]]
            acc[tb.lane[slot]] += tb.reached[slot * n_levels + level]
            below += level < tb.slot_target[slot]
        res = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
        for slot in range(tb.leaf_tail[op], tb.leaf_hi[op]):
            level = row[tb.role_skill[slot]]
            res += tb.reached[slot * n_levels + level]
            below += level < tb.slot_target[slot]
        stack[top] = res
        top += 1
    return (0.0 + stack[0] if top else 0.0), below


@helper
def _role_fits(row, tb, fit, missing, acc, stack):
    """Fit and count of skills below target of one profile for every role."""
    for r in range(len(tb.role_rank)):
        total, below = _role_fit(row, r, tb, acc, stack)
        fit[r] = round_fit(total)
        missing[r] = below


@helper
def _held_fits(row, held, h, tb, fit, missing, sc):
    """:func:`_role_fits` from the ``h`` skills the profile holds, for a sparse profile (``recommender.arrays.HeldIndex``).

    The skills not held add +0.0 to every role's sum, which changes nothing, so only the leaves (runs of numpy's
    pairwise sum) holding a held skill are summed: each role's lanes, joined, then its tail added one by one, as
    numpy does. The leaves' sums are then joined as numpy's tree joins them, leaving out the subtrees holding no
    held skill (their sum is +0.0): a stack, where two neighbouring sums are added once both neighbours across the
    deeper of their two splits are in. Time grows with the skills held and the roles holding them, not with ``S``.
    """
    n_roles = len(tb.role_rank)
    n_levels = tb.n_levels
    lanes, leaf_sum, leaf_at, meet, roles, in_leaf, stack, depth = sc
    for r in range(n_roles):
        missing[r] = tb.role_ptr[r + 1] - tb.role_ptr[r]
    k = 0
    i = 0
    while i < h:
        leaf = tb.leaf_of[held[i]]
        sums = k * n_roles
        for r in range(n_roles):
            leaf_sum[sums + r] = 0.0
        nt = 0
        while i < h and tb.leaf_of[held[i]] == leaf and tb.lane_of[held[i]] != TAIL_LANE:
            s = held[i]
            level = row[s]
            lane = tb.lane_of[s]
            for e in range(tb.skill_slot_ptr[s], tb.skill_slot_ptr[s + 1]):
                slot = tb.skill_slot[e]
                r = tb.slot_role[slot]
                if not in_leaf[r]:
                    in_leaf[r] = True
                    roles[nt] = r
                    nt += 1
                    for j in range(8):
                        lanes[r * 8 + j] = 0.0
                lanes[r * 8 + lane] += tb.reached[slot * n_levels + level]
                missing[r] -= level >= tb.slot_target[slot]
            i += 1
        for t in range(nt):
            r = roles[t]
            a = r * 8
            leaf_sum[sums + r] = ((lanes[a] + lanes[a + 1]) + (lanes[a + 2] + lanes[a + 3])) + (
                (lanes[a + 4] + lanes[a + 5]) + (lanes[a + 6] + lanes[a + 7])
            )
            in_leaf[r] = False
        while i < h and tb.leaf_of[held[i]] == leaf:  # the leaf's tail
            s = held[i]
            level = row[s]
            for e in range(tb.skill_slot_ptr[s], tb.skill_slot_ptr[s + 1]):
                slot = tb.skill_slot[e]
                r = tb.slot_role[slot]
                leaf_sum[sums + r] += tb.reached[slot * n_levels + level]
                missing[r] -= level >= tb.slot_target[slot]
            i += 1
        leaf_at[k] = leaf
        if k:  # where this leaf meets the one before: the shallowest split between them
            d = tb.split_depth[leaf]
            for g in range(leaf_at[k - 1] + 1, leaf):
                d = min(d, tb.split_depth[g])
            meet[k] = d
        k += 1
    for r in range(n_roles):
        top = 0
        for j in range(k):
            cur = leaf_sum[j * n_roles + r]
            right = meet[j + 1] if j + 1 < k else -1
            while top > 0 and depth[top - 1] > right:  # the split on cur's left is deeper: join across it
                top -= 1
                cur = stack[top] + cur
            stack[top] = cur
            depth[top] = right
            top += 1
        fit[r] = round_fit(0.0 + stack[0] if k else 0.0)


# Goals choose among the roles that fit nearly as well as the best (this share of its fit): a data scientist
# whose goal is fine-tuning is planned as an AI Engineer (14% fit) rather than an app developer (18%), who does
# not fine-tune; a goal does not carry someone to a role they fit far less well.
GOAL_ROLE_SHARE = 0.75
# A goal a role's map holds counts this much in ``_goal_cover``; one the map also takes to working level counts one
# more: a role holding more of the goals always comes first, and of two holding as many, the one taking more of them
# to working level (fewer than GOAL_HELD goals are ever named).
GOAL_HELD = 1024


@helper
def _goal_cover(goal_skill, lo, hi, fit, p, row, tb, past_ground, cover, weigh):
    """How many of the skills named as goals (``goal_skill[lo:hi]``) each role's own map holds (``cover``, per
    role, ``GOAL_HELD`` each), counted for the roles whose fit (``fit[p]``) is at least ``GOAL_ROLE_SHARE`` of the
    best; 0 for the others. A goal past the ground every path stands on (``past_ground``) that the map takes to
    working level (``tb.practised``) and above the person's level (``row``) counts one more: someone running
    Kubernetes who wants to serve LLMs on it is planned as the AI Engineer, who serves models at 4, rather than
    as the app developer, who fits a little better and deploys at 2. Foundations (Python, machine learning) do not
    count so: every role teaches them to its own depth, and that depth is no reason to take a role.
    ``weigh``: how much each role's map weighs those goals, the share of its fit they are worth at its
    level (every role: it only parts roles that tie on goals held and fit). Indices, not slices: each slice of
    an array is a reference count, contended by the threads."""
    best = 0.0
    for r in range(len(cover)):
        cover[r] = 0
        weigh[r] = 0.0
        best = max(best, fit[p, r])
    n_levels = tb.n_levels
    for g in range(lo, hi):
        s = goal_skill[g]
        for e in range(tb.skill_slot_ptr[s], tb.skill_slot_ptr[s + 1]):
            slot = tb.skill_slot[e]
            r = tb.slot_role[slot]
            if tb.own_target[slot] > 0:
                weigh[r] += tb.reached[slot * n_levels + tb.slot_target[slot]]
                if fit[p, r] >= GOAL_ROLE_SHARE * best:
                    cover[r] += GOAL_HELD
                    cover[r] += past_ground[s] and tb.own_target[slot] >= max(tb.practised, row[s] + 1)


@helper
def _before(cover_r, cover_q, fit_r, fit_q, weigh_r, weigh_q, rank_r, rank_q):
    """Role ``r`` ranks before role ``q``: it holds more of the goals named (or as many, and takes more of them to
    working level: :func:`_goal_cover`), else it fits better, else its map
    weighs the goals more (someone nothing of whose was read, who names a goal), else by rank.

    It takes the two roles' values, not the arrays: numba counts references to an array passed to an inlined helper
    (an atomic increment and decrement per call) where it cannot prove the pair useless, as in this sort's loop."""
    if cover_r != cover_q:
        return cover_r > cover_q
    if fit_r != fit_q:
        return fit_r > fit_q
    if weigh_r != weigh_q:
        return weigh_r > weigh_q
    return rank_r < rank_q


@helper
def _rank_roles(fit, cover, weigh, role_rank, order):
    """Role indices best first (:func:`_before`): an insertion sort, roles are few."""
    for i in range(len(fit)):
        r = i
        j = i - 1
        while j >= 0:
            q = order[j]
            if not _before(cover[r], cover[q], fit[r], fit[q], weigh[r], weigh[q], role_rank[r], role_rank[q]):
                break
            order[j + 1] = q
            j -= 1
        order[j + 1] = r


@helper
def _hand_first(row, hand_to, hand_holding, hand_at, hand_lacking, hand_below, order):
    """Roles ordered by fit alone (no goal named): move the role the first one hands first place to
    (``Tables.hand_to``) to the front when the profile holds what the hand-over names; return whether it did.

    It takes the five arrays, not the whole :class:`Tables`: passed the tables, this check cost about a tenth of
    the scoring loop, passed its arrays under a fiftieth (measured: docs/performance.md, thirty-ninth session; why
    numba compiles the two so differently was not established)."""
    r = order[0]
    q = hand_to[r]
    if q < 0 or row[hand_holding[r]] < hand_at[r] or row[hand_lacking[r]] >= hand_below[r]:
        return False
    _move_first(order, q)
    return True


@helper
def _move_first(order, q):
    """Move role ``q`` to the front of ``order``, the others keeping their order."""
    j = 0
    while order[j] != q:
        j += 1
    while j > 0:
        order[j] = order[j - 1]
        j -= 1
    order[0] = q


@helper
def _wish_first(fit, q, order):
    """Move role ``q``, wished for in a goal (``profiles.wished``: "become a data scientist"), to the front of
    ``order`` when it is among the near fits (at least ``GOAL_ROLE_SHARE`` of the best, as a goal's skills count);
    return whether it is first. The plan is for the role first, as with no target: a wish does not carry someone to
    a role they fit far less well, as a goal's skills do not (measured: planning for the role wished, however far,
    as for a target, won two dev personas and lost two; a Rails developer fitting the app developer 18% and the AI
    Engineer 10% who names "ML engineering" failed the hands-on check; docs/matching.md)."""
    best = 0.0
    for r in range(len(fit)):
        best = max(best, fit[r])
    if fit[q] < GOAL_ROLE_SHARE * best:
        return False
    _move_first(order, q)
    return True


@helper
def _compact(in_plan, n, steps):
    """Write the indices of a plan's skills among the first ``n``, in increasing order, to ``steps``; return how many."""
    m = 0
    for s in range(n):
        steps[m] = s  # written always, kept only when in the plan: no branch to mispredict
        m += in_plan[s]
    return m


@helper
def _count_waits(row, goal, plan, steps, m, base, anc_ptr, anc_idx, anc_level, n_levels, waiting):
    """``waiting[s * n_levels + level]``: how many of the plan's ``m`` skills wait, directly or not, for
    skill ``s`` to reach ``level`` (the level they need, at most the role's; needs already met
    are not counted). A stage reaching ``level`` unlocks those; the skill's whole step, all."""
    for i in range(m):
        s = steps[i]
        for level in range(n_levels):
            waiting[s * n_levels + level] = 0
    for i in range(m):
        x = steps[i]
        for e in range(anc_ptr[base + x], anc_ptr[base + x + 1]):
            a = anc_idx[e]
            need = min(anc_level[e], goal[a])
            if plan[a] and need > row[a]:
                waiting[a * n_levels + need] += 1


@helper
def _count_waits_from_beginner(goal, plan, m_role, base, tb, waiting):
    """:func:`_count_waits` as a beginner's counts (``tb.waiting``) less the waits of the role's skills not in the
    plan (held at the role's level): cheaper when those are fewer. Counts it keeps that :func:`_count_waits` leaves
    at 0 (for a prerequisite outside the plan, or for levels it is held at) are never read."""
    n_levels = tb.n_levels
    start = base * n_levels
    for j in range(m_role * n_levels):
        waiting[j] = tb.waiting[start + j]
    for x in range(m_role):
        if not plan[x]:
            for e in range(tb.ancestors_ptr[base + x], tb.ancestors_ptr[base + x + 1]):
                a = tb.ancestors_idx[e]
                waiting[a * n_levels + min(tb.ancestors_level[e], goal[a])] -= 1


@helper
def _unlocks(waiting, n_levels, s, lo, hi):
    """Skills of the plan a climb of ``s`` from ``lo`` to ``hi`` unlocks."""
    total = 0
    for level in range(lo + 1, hi + 1):
        total += waiting[s * n_levels + level]
    return total


@jit
def first_stage_rows(levels, roles, in_plan, tables, to_level, counts, used_through):
    """Each plan skill's first stage, as the scoring loop splits and counts it (for training).

    ``in_plan`` marks each profile's plan skills, all of them skills of its role
    ``roles[p]``. ``to_level[p, s]`` gets the level the first stage reaches (the lowest a
    dependent in the plan waits for above the current level, else the role's), ``counts[p, s]``
    what it unlocks, ``used_through[p, s]`` whether the person uses it through a skill built on it
    (:func:`_used_through`); skills outside the plan get their level, 0 and 0.
    """
    tb = tables
    size = _most_slots(tb.role_ptr)
    lv = np.empty(size, dtype=np.int64)
    plan = np.empty(size, dtype=np.bool_)
    reach = np.empty(size, dtype=np.int64)
    steps = np.empty(size, dtype=np.int64)
    waiting = np.empty(size * tb.n_levels, dtype=np.int64)
    for p in range(levels.shape[0]):
        base = tb.role_ptr[roles[p]]
        m_role = tb.role_ptr[roles[p] + 1] - base
        goal = tb.slot_target[base : base + m_role]
        for s in range(levels.shape[1]):
            to_level[p, s] = levels[p, s]
            counts[p, s] = 0
            used_through[p, s] = 0
        for i in range(m_role):
            s = tb.role_skill[base + i]
            lv[i] = levels[p, s]
            plan[i] = in_plan[p, s]
            reach[i] = goal[i]
        m = _compact(plan, m_role, steps)
        for i in range(m):
            d = steps[i]
            for e in range(tb.prereqs_ptr[base + d], tb.prereqs_ptr[base + d + 1]):
                q = tb.prereqs_idx[e]
                if plan[q] and lv[q] < tb.prereqs_level[e] < reach[q]:
                    reach[q] = tb.prereqs_level[e]
            for e in range(tb.staged_ptr[base + d], tb.staged_ptr[base + d + 1]):  # as _staged_splits
                beyond, q = tb.staged_beyond[e], tb.staged_idx[e]
                if goal[d] > beyond:
                    if lv[d] < beyond < reach[d] and _need(tb.staged_level[e], goal[q]) > lv[q]:
                        reach[d] = beyond
                    if plan[q] and lv[q] < tb.staged_level[e] < reach[q]:
                        reach[q] = tb.staged_level[e]
        _count_waits(
            lv, goal, plan, steps, m, base, tb.ancestors_ptr, tb.ancestors_idx, tb.ancestors_level, tb.n_levels,
            waiting,
        )  # fmt: skip
        for i in range(m):
            x = steps[i]
            s = tb.role_skill[base + x]
            to_level[p, s] = reach[x]
            counts[p, s] = _unlocks(waiting, tb.n_levels, x, lv[x], reach[x])
            used_through[p, s] = _used_through(lv, base, x, tb)


@helper
def _used_through(lv, base, x, tb):
    """1 when the person uses the role's skill ``x`` at work through a skill built directly on it: a dependent
    held at ``tb.practised`` or more and above ``x`` (Python 1 beside Using LLM APIs 3 from TypeScript, Gen AI
    fundamentals 2 beside a RAG app at 3), else 0.

    ``lv`` is the person's levels of the role's skills, and the edges are the catalog's whole graph, met
    another way or not: calling a model from TypeScript at work is using, through another language, what
    Python is needed for.
    """
    for e in range(tb.users_ptr[base + x], tb.users_ptr[base + x + 1]):
        d = tb.users_idx[e]
        if lv[d] >= max(tb.practised, tb.users_level[e]) and lv[d] > lv[x]:
            return 1
    return 0


@helper
def _most_slots(role_ptr):
    """The most skills of any role (at least 1, so scratch arrays are never empty)."""
    most = 1
    for r in range(len(role_ptr) - 1):
        most = max(most, role_ptr[r + 1] - role_ptr[r])
    return most


@helper
def _need(level, role_level):
    """The level of a prerequisite a skill waits for: the level named, at most the plan's, else the plan's."""
    if level == WHOLE_STEP or level > role_level:
        return role_level
    return level


@helper
def _splits_and_waits(row, goal, plan, steps, m, base, pre_ptr, pre_idx, pre_level, split, waits):
    """Where each plan skill's step splits into stages, and how many prerequisites its first stage waits for.

    A skill's step from its current level to the role's splits at every level a
    dependent in the plan names for it (Python 2 -> 3 for one skill, 3 -> 4 for
    another): ``split[s]`` has those levels' bits. A skill's first stage waits, for
    each prerequisite still below the level the skill needs, for the prerequisite's
    stage that reaches it: ``waits[s]`` counts them. One pass over the plan's
    prerequisite edges finds both.
    """
    for i in range(m):
        s = steps[i]
        split[s] = 1 << goal[s]  # every step ends at the role's level
        waits[s] = 0
    for i in range(m):
        d = steps[i]
        for e in range(pre_ptr[base + d], pre_ptr[base + d + 1]):
            q = pre_idx[e]
            if plan[q]:
                level = pre_level[e]
                if row[q] < level < goal[q]:
                    split[q] |= 1 << level
                waits[d] += _need(level, goal[q]) > row[q]


@helper
def _splits_from_beginner(row, goal, plan, steps, m, owned, n_owned, base, tb, split, waits, dropped, dirty):
    """:func:`_splits_and_waits` from a beginner's splits and waits (``tb.split``, ``tb.named``: every skill of
    the role in the plan at 0), corrected for the ``n_owned`` skills of the role held above 0 (``owned``, local):
    cheaper when those are few. A skill held at the role's level leaves the plan, with the splits it named and
    the waits it caused; one held below it waits for nothing up to its level and splits only above it.
    ``dropped`` and ``dirty`` are all 0 on entry and left so.
    """
    n_levels = tb.n_levels
    for i in range(m):
        s = steps[i]
        split[s] = tb.split[base + s]
        waits[s] = tb.prereqs_ptr[base + s + 1] - tb.prereqs_ptr[base + s]
    n_dirty = 0
    for j in range(n_owned):
        x = owned[j]
        cell = (base + x) * n_levels
        # Its dependents no longer wait for the levels it holds (for any, once out of the plan: needs <= its goal).
        for e in range(tb.freed_ptr[cell], tb.freed_ptr[cell + min(row[x], goal[x]) + 1]):
            waits[tb.freed_idx[e]] -= 1
        if not plan[x]:  # out of the plan: the levels it names split no prerequisite's step
            for e in range(tb.prereqs_ptr[base + x], tb.prereqs_ptr[base + x + 1]):
                q = tb.prereqs_idx[e]
                level = tb.prereqs_level[e]
                if 0 < level < goal[q]:
                    dropped[q * n_levels + level] += 1
                    if not dirty[q]:
                        dirty[q] = True
                        owned[n_owned + n_dirty] = q  # the dirty list follows the held skills
                        n_dirty += 1
    for j in range(n_dirty):
        q = owned[n_owned + j]
        bits = 1 << goal[q]
        for level in range(1, goal[q]):
            if tb.named[(base + q) * n_levels + level] > dropped[q * n_levels + level]:
                bits |= 1 << level
            dropped[q * n_levels + level] = 0
        split[q] = bits
        dirty[q] = False
    for j in range(n_owned):
        x = owned[j]
        split[x] &= -(2 << row[x])  # only levels above the one held


@helper
def _number_stages(row, steps, m, split, waits, first, st_skill, st_from, st_to, pending):
    """Number the stages of the plan's skills, in skill order, then level order; return how many.

    A stage waits for its skill's previous stage, a skill's first stage for ``waits[s]``
    prerequisites' stages: ``pending`` gets those counts.
    """
    n = 0
    for i in range(m):
        s = steps[i]
        first[s] = n
        pending[n] = waits[s]
        lo = row[s]
        bits = split[s] & -(2 << lo)  # the levels above the current one the step stops at
        level = lo
        while bits:  # one turn a stage: the lowest bit left is where it ends
            level += 1
            while not (bits >> level) & 1:  # scales have at most 11 levels: a few shifts
                level += 1
            st_skill[n] = s
            st_from[n] = lo
            st_to[n] = level
            lo = level
            n += 1
            pending[n] = 1  # a later stage waits for the one before (overwritten past the last)
            bits &= bits - 1
    return n


@helper
def _staged_splits(lv, goal, plan, m_role, base, tb, split):
    """Add the splits of the plan's staged edges (``Tables.staged_*``): a skill's step splits at the level past
    which it needs a prerequisite (RAG past 2) where the person is below the level needed (a stage waits there:
    :func:`_staged_waits`; one already holding it climbs in one stage, as from a prerequisite met), and the
    prerequisite's at the level needed, as any dependent's need splits it. An edge past the skill's target in
    this plan never holds. The role's few staged edges are visited, not each skill of the plan."""
    for e in range(tb.staged_ptr[base], tb.staged_ptr[base + m_role]):
        d = tb.staged_of[e]
        beyond = tb.staged_beyond[e]
        if plan[d] and goal[d] > beyond:
            q = tb.staged_idx[e]
            level = tb.staged_level[e]
            if lv[d] < beyond and _need(level, goal[q]) > lv[q]:
                split[d] |= 1 << beyond
            if plan[q] and lv[q] < level < goal[q]:
                split[q] |= 1 << level


@helper
def _stage_from(first, st_from, s, level):
    """The stage of skill ``s`` that starts at ``level`` (one does: the step splits there, or starts there)."""
    k = first[s]
    while st_from[k] < level:
        k += 1
    return k


@helper
def _staged_waits(lv, goal, plan, m_role, base, tb, first, st_from, pending):
    """Add to ``pending`` the waits of the plan's staged edges: the stage of a skill that starts past the level
    named (or its first stage, when the person is past it already) waits for the prerequisite's stage that
    reaches the level needed, where the person is below it. :func:`_greedy` frees it (``_staged_freed``)."""
    for e in range(tb.staged_ptr[base], tb.staged_ptr[base + m_role]):
        d = tb.staged_of[e]
        beyond = tb.staged_beyond[e]
        q = tb.staged_idx[e]
        if plan[d] and goal[d] > beyond and _need(tb.staged_level[e], goal[q]) > lv[q]:
            pending[_stage_from(first, st_from, d, max(lv[d], beyond))] += 1


@helper
def _staged_freed(q, reached, lv, goal, plan, first, st_from, base, tb, pending, ready, keys, size, raw):
    """Free the stages waiting, through staged edges, for skill ``q`` to reach ``reached``; return the new size of
    ``ready``. The same conditions as :func:`_staged_waits`: each wait counted there is freed once."""
    for e in range(tb.staged_dependents_ptr[base + q], tb.staged_dependents_ptr[base + q + 1]):
        d = tb.staged_dependents_idx[e]
        beyond = tb.staged_dependents_beyond[e]
        if plan[d] and goal[d] > beyond and _need(tb.staged_dependents_level[e], goal[q]) == reached:
            k = _stage_from(first, st_from, d, max(lv[d], beyond))
            pending[k] -= 1
            if pending[k] == 0:
                size = _insert(ready, keys, size, k, raw[k])
    return size


@helper
def _goal_level(level, practised):
    """The level a goal held at ``level`` is taken to first: the level below work use (``practised - 1``: 2 of 0-5,
    simple tasks done with help), or one up from where the person is (at most the role's level, or the top)."""
    return max(practised - 1, level + 1, 1)


@helper
def _toward_goals(lv, goal, plan, steps, m, m_role, base, tb, goals, deepened, wanted, way, named, near):
    """``wanted[x]``: the level up to which plan skill ``x`` (a local index) is on the way to a goal, 0 for none;
    ``named[x]``: ``x`` is a goal with a way; ``near[x]``: the level a goal itself needs of ``x`` (its own level
    wanted, or a direct prerequisite's level needed), up to which a skill goes on in one step (:func:`_greedy`).

    A goal of the plan is wanted to the level below work use (``tb.practised - 1``: 2 of 0-5, simple tasks
    done with help; at most the role's level), or one level up from where the person is: a mentor gets a
    learner going on their goal before widening the plan, and leaves its depth to the plan's own order.
    Each of its prerequisites in the role, direct or not, is wanted to the level the goal waits for, up to the
    skills the person already holds at the level the way needs (:func:`_want_ancestors`).
    A goal outside the role, or one the person already uses at work (``tb.practised`` or more: they are
    past getting going, and deepening it is the plan's own order), changes nothing, unless it is Gen AI practice
    (``deepened``, per catalog skill: ``goal_ways.deepened_skills``) held below the role's level: it goes on one
    level first (``_goal_level``: work level and up, one up), within the role's own tables.
    """
    for x in range(m_role):
        wanted[x] = 0
        named[x] = False
        near[x] = 0
    for i in range(m):
        x = steps[i]
        skill = tb.role_skill[base + x]
        is_goal = False
        for g in range(len(goals)):
            is_goal |= goals[g] == skill
        # One held at work is left to the plan's order, but Gen AI practice below the role's level goes on first.
        if not is_goal or (lv[x] >= tb.practised and not (deepened[skill] and lv[x] < goal[x])):
            continue
        named[x] = True
        wanted[x] = max(wanted[x], min(goal[x], _goal_level(lv[x], tb.practised)))
        # The levels the goal itself needs: of itself, and of each direct prerequisite.
        near[x] = max(near[x], wanted[x])
        for e in range(tb.prereqs_ptr[base + x], tb.prereqs_ptr[base + x + 1]):
            q = tb.prereqs_idx[e]
            need = _need(tb.prereqs_level[e], goal[q])
            if plan[q] and need > lv[q]:
                near[q] = max(near[q], need)
        _want_ancestors(lv, goal, plan, base, tb, x, wanted, way)
    # A skill wanted past a level a staged edge names (RAG 2 -> 3 wants vector databases at 2) wants its
    # prerequisite too, with all it builds on: repeated until nothing changes, staged edges being few.
    changed = True
    while changed:
        changed = False
        for e in range(tb.staged_ptr[base], tb.staged_ptr[base + m_role]):  # the role's few staged edges
            q = tb.staged_idx[e]
            need = _need(tb.staged_level[e], goal[q])
            if wanted[tb.staged_of[e]] > tb.staged_beyond[e] and plan[q] and need > max(lv[q], wanted[q]):
                wanted[q] = need
                _want_ancestors(lv, goal, plan, base, tb, q, wanted, way)
                changed = True


@helper
def _practice_gates(lv, goal, steps, m, base, tb, deepened, wanted, gate):
    """``gate[x]``: the level Gen AI practice on the way to a goal (``deepened``, wanted above the person's level)
    waits for of plan skill ``x``, its only direct prerequisite the person lacks; 0 for none. A stage below it
    opens that practice: the two-hour Gen AI orientation Hugging Face needs comes before the way's theory, as
    Hugging Face itself does. Practice waiting for two or more (deployment for containers and web APIs) opens no
    gate: the way's own order takes that ground (as every gate, all prerequisites counted, it put a CUDA engineer's
    containers and web APIs before the attention he asked for)."""
    for i in range(m):
        gate[steps[i]] = 0
    for i in range(m):
        d = steps[i]
        if not deepened[tb.role_skill[base + d]] or wanted[d] <= lv[d]:
            continue
        missing, last, level = 0, -1, 0
        for e in range(tb.prereqs_ptr[base + d], tb.prereqs_ptr[base + d + 1]):
            q = tb.prereqs_idx[e]
            need = _need(tb.prereqs_level[e], goal[q])
            if lv[q] < need:
                missing += 1
                last, level = q, need
        if missing == 1:
            gate[last] = max(gate[last], level)


@helper
def _want_ancestors(lv, goal, plan, base, tb, x, wanted, way):
    """Want each prerequisite of plan skill ``x`` in the role, direct or not, to the level it waits for, walking
    down direct prerequisites and stopping at one the person holds at that level: what it builds on is behind
    them, not on their way (a Kaggle grandmaster holding self-attention at 2 goes to PEFT without deep learning
    2 -> 3, which self-attention's later levels build on). ``way`` is the walk's stack: a skill is pushed only
    when its wanted level rises, at most ``n_levels - 1`` times, so ``m_role * n_levels + 1`` entries hold it."""
    way[0] = x
    top = 1
    while top > 0:
        top -= 1
        y = way[top]
        for e in range(tb.prereqs_ptr[base + y], tb.prereqs_ptr[base + y + 1]):
            q = tb.prereqs_idx[e]
            need = _need(tb.prereqs_level[e], goal[q])
            if plan[q] and need > lv[q] and need > wanted[q]:
                wanted[q] = need
                way[top] = q
                top += 1


@helper
def _detour_targets(row, base, m_role, tb, goals, target):
    """``target[x]``: the level a plan on a widened copy takes skill ``x`` to (``Tables.widened``). The role's own
    level; for a goal outside the role the person does not use at work, the level any goal is taken to
    (:func:`_toward_goals`); for each prerequisite on its way, direct or not, the level the way needs if higher (all
    of its step, when the catalog names no level: the role's level, or the goal's); else 0, out of the plan.
    Every role of a widened copy holds every skill in catalog order, so a skill's local index is its own."""
    top = tb.n_levels - 1
    for x in range(m_role):
        target[x] = tb.own_target[base + x]
    for g in range(len(goals)):
        x = goals[g]
        if tb.own_target[base + x] > 0 or row[x] >= tb.practised:
            continue
        want = min(top, _goal_level(row[x], tb.practised))
        target[x] = max(target[x], want)
        for e in range(tb.ancestors_ptr[base + x], tb.ancestors_ptr[base + x + 1]):
            a = tb.ancestors_idx[e]
            need = tb.ancestors_level[e]
            if need >= tb.n_levels:
                need = tb.own_target[base + a] if tb.own_target[base + a] > 0 else want
            target[a] = max(target[a], need)


@helper
def _hours_to(steps, m, base, role_skill, row, target, cum_hours, share):
    """Hours of a plan whose targets are a profile's own (a widened copy's, :func:`_detour_targets`)."""
    total = 0.0
    for i in range(m):
        x = steps[i]
        s = role_skill[base + x]
        total += (cum_hours[s, target[x]] - cum_hours[s, row[x]]) * share[s]
    return total


@helper
def _set_shares(row, tb, share):
    """Set ``share`` (per catalog skill, all 1.0 on entry) to the share of each skill's hours the profile of levels
    ``row`` needs: the smallest of the faster_with rules it meets (``arrays.CatalogArrays.hour_shares``)."""
    for e in range(len(tb.faster_skill)):
        if row[tb.faster_by[e]] >= tb.faster_level[e]:
            s = tb.faster_skill[e]
            share[s] = min(share[s], tb.faster_share[e])


@helper
def _reset_shares(tb, share):
    """Put back the 1.0 of every skill a faster_with rule names, for the next profile."""
    for e in range(len(tb.faster_skill)):
        share[tb.faster_skill[e]] = 1.0


@helper
def _insert(ready, keys, size, k, x):
    """Add stage ``k`` (raw score ``x``) to ``ready[:size]``, the ready stages sorted worst first (the best, taken
    next, is last); return the new size. ``keys`` holds each entry's raw score beside it.

    Of equal scores the lower stage number is the better. A plan of the shipped catalog has 14-20 ready stages on
    average (a hundred at most on a generated 10,000-skill one): moving them along a sorted array costs less than
    a binary heap's unpredictable branches (8% of the scoring loop; docs/performance.md).
    """
    i = size
    while i > 0 and (keys[i - 1] > x or (keys[i - 1] == x and ready[i - 1] < k)):
        ready[i] = ready[i - 1]
        keys[i] = keys[i - 1]
        i -= 1
    ready[i] = k
    keys[i] = x
    return size + 1


@helper
def _greedy(
    n, raw, goal_stage, goes_on, st_skill, st_from, st_to, lv, goal, plan, first, base, tb, pending, ready, keys, width,
    order, passed_over, stop,
):  # fmt: skip
    """Write the first of ``n`` stages, in plan order, into ``order``; return how many.

    Repeatedly takes the ready stage with the highest raw score (the lowest stage
    number among equal scores: the catalog's learning order). Taking a stage frees
    its skill's next stage and the first stage of every dependent in the plan that
    waits for the level it reaches (``freed_ptr`` lists the dependents by that level).

    How many steps a learner sees depends on which stages end up back to back, so a
    cut plan is ordered past its ``width`` steps (and one more, which ends the last),
    until no two stages of one skill are left to be taken: from there on every stage
    is a step of its own, and the rest of the order changes no count.

    The ready stages are kept sorted in ``ready`` (:func:`_insert`), the best last.

    On a widened copy (``tb.widened``: targets of each profile's own), a skill's last stage frees the levels above
    it too: a prerequisite named without a level waits for all of the skill's step, whatever its target.

    A skill's later stage waits for the one before it and, past a level a staged edge names, for that
    prerequisite (:func:`_staged_waits`): it is ready once both are taken.

    On the way to a goal (``goes_on``: below the level a goal itself needs of the skill, :func:`_toward_goals`),
    a skill's next stage, ready as its stage before is taken, is taken next (``GOAL_CONTINUE``), unless a goal's
    own stage (``goal_stage``) is ready: the goal comes first.

    ``passed_over[0]`` is set when, within the first ``GOAL_STEPS`` steps, another stage on the way is taken while the
    first stage of a goal the person does not hold is ready: only then can taking goals first (``GOAL_READY``) reach
    more of them there. The
    order ends once ``stop`` steps are complete (``n`` for none): enough to count what its first steps reach.
    """
    n_levels, freed_ptr, freed_idx = tb.n_levels, tb.freed_ptr, tb.freed_idx
    size = 0
    for k in range(n):
        if pending[k] == 0:
            size = _insert(ready, keys, size, k, raw[k])
    taken = 0
    pairs = n  # untaken stages whose skill's next stage is untaken too (counted below)
    for k in range(n):
        pairs -= k + 1 >= n or st_skill[k + 1] != st_skill[k]
    steps = 0
    while size > 0:
        size -= 1
        best_stage = ready[size]
        q = st_skill[best_stage]
        steps += taken == 0 or best_stage != order[taken - 1] + 1 or st_skill[order[taken - 1]] != q
        if steps > stop:
            return taken
        if steps <= GOAL_STEPS and raw[best_stage] >= GOAL_PRIORITY and not goal_stage[best_stage]:
            for i in range(size):
                r = ready[i]
                passed_over[0] |= goal_stage[r] and st_from[r] == 0 and lv[st_skill[r]] == 0
        order[taken] = best_stage
        taken += 1
        has_next = best_stage + 1 < n and st_skill[best_stage + 1] == q
        next_ready = False  # the skill's next stage is ready: inserted once the dependents freed are
        if has_next:
            pending[best_stage + 1] -= 1
            next_ready = pending[best_stage + 1] == 0
            pairs -= 1
        elif pairs == 0 and steps > width:
            return taken
        if tb.staged_dependents_ptr[base + q + 1] > tb.staged_dependents_ptr[base + q]:
            size = _staged_freed(
                q, st_to[best_stage], lv, goal, plan, first, st_from, base, tb, pending, ready, keys, size, raw
            )
        cell = (base + q) * n_levels + st_to[best_stage]
        end = (base + q + 1) * n_levels if tb.widened and not has_next else cell + 1
        freed_way = math.inf  # hours of the shortest stage on the way to a goal the stage lets start
        for e in range(freed_ptr[cell], freed_ptr[end]):
            d = freed_idx[e]
            if plan[d]:
                k = first[d]
                pending[k] -= 1
                if pending[k] == 0:
                    size = _insert(ready, keys, size, k, raw[k])
                    if raw[k] >= GOAL_PRIORITY:
                        freed_way = min(freed_way, _stage_hours(tb, base, st_skill[k], st_from[k], st_to[k]))
        if next_ready:
            k = best_stage + 1
            key = raw[k]
            if raw[k] >= GOAL_PRIORITY and goes_on[k]:
                # On the way to a goal, a skill goes on to the level the way needs in one step, unless a goal
                # itself is ready: the goal comes first.
                # A long climb waits for a shorter stage on the way that its first part lets start: Python 0 -> 1,
                # the first model call, then Python 1 -> 3 for RAG, not 60 hours of Python before any model.
                waits = freed_way < _stage_hours(tb, base, q, st_from[k], st_to[k])
                for i in range(size):
                    waits |= goal_stage[ready[i]]
                if not waits:
                    key += GOAL_CONTINUE
            size = _insert(ready, keys, size, k, key)
    return taken


@helper
def _stage_hours(tb, base, x, lo, hi):
    """Catalog hours of plan skill ``x`` (a local index) from level ``lo`` to ``hi``."""
    s = tb.role_skill[base + x]
    return tb.cum_hours[s, hi] - tb.cum_hours[s, lo]


@helper
def _merge(order, n, st_skill, starts):
    """Group the ordered stages into the steps a learner sees: a skill's stages taken one right
    after the other are one step. ``starts[j]`` is where step ``j`` starts in ``order``; returns
    how many steps (``starts`` gets one more entry, ``n``, closing the last)."""
    j = 0
    for i in range(n):
        k = order[i]
        starts[j] = i
        j += not (i > 0 and k == order[i - 1] + 1 and st_skill[k] == st_skill[order[i - 1]])
    starts[j] = n
    return j


@helper
def _new_goals_reached(order, ordered, st_skill, st_from, lv, goal_stage, n_steps):
    """How many goals the person does not hold (level 0) the first ``n_steps`` steps of ``order[:ordered]`` reach:
    each such goal's first stage counted once (a later stage of it comes after its first).

    Also returns how soon: a bit per step, the first step the highest (``1 << (n_steps - step)``), set where the
    step reaches such a goal (a step is one skill's stages, so it reaches at most one). Of two orders reaching as
    many goals, the one with the larger value gets the person to a goal sooner (:func:`_other_order`)."""
    reached = 0
    sooner = 0
    steps = 0
    for i in range(ordered):
        k = order[i]
        s = st_skill[k]
        steps += i == 0 or k != order[i - 1] + 1 or st_skill[order[i - 1]] != s
        if steps > n_steps:
            break
        if goal_stage[k] and lv[s] == 0 and st_from[k] == 0:
            reached += 1
            sooner |= 1 << (n_steps - steps)
    return reached, sooner


@helper
def _same_goals(order, ordered, other, ordered_other, st_skill, st_from, lv, goal_stage):
    """Whether every goal not held that the first ``GOAL_STEPS`` steps of ``order[:ordered]`` reach is reached by
    ``other[:ordered_other]`` too (ordered up to its ``GOAL_STEPS``-th step): of two orders reaching as many goals,
    the sooner is taken only for the same goals, never trading the goal a person gets for another."""
    steps = 0
    for i in range(ordered):
        k = order[i]
        s = st_skill[k]
        steps += i == 0 or k != order[i - 1] + 1 or st_skill[order[i - 1]] != s
        if steps > GOAL_STEPS:
            break
        if goal_stage[k] and lv[s] == 0 and st_from[k] == 0:
            found = False
            for j in range(ordered_other):
                found |= other[j] == k
            if not found:
                return False
    return True


@helper
def _starts_a_goal_first(sooner_other, sooner):
    """The other order's first step reaches a goal and this order's does not (bits of :func:`_new_goals_reached`)."""
    return sooner_other >> (GOAL_STEPS - 1) > sooner >> (GOAL_STEPS - 1)


@helper
def _prefer_other(reached, sooner, reached_other, sooner_other):
    """Whether the other order may be taken on its counts alone: more goals not held reached in the first
    ``GOAL_STEPS`` steps, or as many and a goal at the first step where this order has none, or as many and sooner
    (then only for the same goals, :func:`_same_goals`, which the caller checks)."""
    if reached_other != reached:
        return reached_other > reached
    return _starts_a_goal_first(sooner_other, sooner) or sooner_other > sooner


@helper
def _other_order(
    bonus, reached, sooner, ordered, n, raw, raw_other, goal_stage, goes_on, st_skill, st_from, st_to, lv, goal, plan,
    first, base, tb, pending, pending_saved, ready, keys, width, order, other, passed_over,
):  # fmt: skip
    """Another candidate order, the model's scores plus ``GOAL_READY`` times ``bonus`` per stage: its first
    ``GOAL_STEPS`` steps are ordered into ``other`` and compared with ``order``'s ``reached`` goals not held; only when
    it reaches more of them, or as many with a goal at the first step where ``order`` has none, or the same ones
    sooner (``sooner`` of :func:`_new_goals_reached`, :func:`_prefer_other`, :func:`_same_goals`: a mentor gets the
    person to a first goal as soon as the goals allow), is the whole order made, into ``order``. Returns the stages
    ordered, the goals reached and how soon, of the order kept."""
    for k in range(n):
        raw_other[k] = raw[k] + GOAL_READY * bonus[k]
    pending[: n + 1] = pending_saved[: n + 1]
    ordered_other = _greedy(
        n, raw_other, goal_stage, goes_on, st_skill, st_from, st_to, lv, goal, plan, first, base, tb,
        pending, ready, keys, width, other, passed_over, GOAL_STEPS,
    )  # fmt: skip
    reached_other, sooner_other = _new_goals_reached(
        other, ordered_other, st_skill, st_from, lv, goal_stage, GOAL_STEPS
    )
    if not _prefer_other(reached, sooner, reached_other, sooner_other) or (
        reached_other == reached
        and not _starts_a_goal_first(sooner_other, sooner)
        and not _same_goals(order, ordered, other, ordered_other, st_skill, st_from, lv, goal_stage)
    ):
        return ordered, reached, sooner
    pending[: n + 1] = pending_saved[: n + 1]
    ordered = _greedy(
        n, raw_other, goal_stage, goes_on, st_skill, st_from, st_to, lv, goal, plan, first, base, tb,
        pending, ready, keys, width, order, passed_over, n,
    )  # fmt: skip
    return ordered, reached_other, sooner_other


@helper
def _goal_way(x, lv, goal, plan, steps, m, base, tb, way_level, way):
    """``way_level[y]``: the level up to which plan skill ``y`` is on the way to goal ``x`` alone (its own level
    wanted, each prerequisite's as :func:`_want_ancestors` walks them); returns how many skills the way has left:
    the steps it takes at least, a skill going on to the level the way needs in one step (``GOAL_CONTINUE``)."""
    for i in range(m):
        way_level[steps[i]] = 0
    way_level[x] = min(goal[x], _goal_level(lv[x], tb.practised))
    _want_ancestors(lv, goal, plan, base, tb, x, way_level, way)
    left = 0
    for i in range(m):
        left += way_level[steps[i]] > lv[steps[i]]
    return left


@helper
def _nearest_first(
    order, ordered, lv, goal, plan, steps, m, base, tb, named, first, st_skill, st_from, n, way_level, way, hit,
    goal_x, goal_hours, nearest, share,
):  # fmt: skip
    """``nearest[k]``: how near stage ``k``'s goal is, for an order taking the way of the goal nearest to being
    reached first, goal by goal: the goal named with the fewest hours left on its way (:func:`_goal_way`, held ones
    too: a goal held below the level wanted keeps its short way first) gets the most (as many as the goals), and a
    stage on several ways the most of theirs; 0 off every way. Returns how many goals the person does not hold
    ``order[:ordered]`` leaves unreached within ``GOAL_STEPS`` steps though their way is at most that many skills:
    only then can this order reach more of them there. 0 as well (``nearest`` not written) when a goal's way is
    longer: the model's order heads for it through what the ways share, and taking a nearer goal's way first only
    trades one goal for another (an Agentforce developer's way to agents, seven skills, for guardrails)."""
    for i in range(m):
        hit[steps[i]] = False
    n_steps = 0
    for i in range(ordered):
        k = order[i]
        n_steps += i == 0 or k != order[i - 1] + 1 or st_skill[order[i - 1]] != st_skill[k]
        if n_steps > GOAL_STEPS:
            break
        hit[st_skill[k]] = True
    g = 0
    short = 0
    for i in range(m):
        x = steps[i]
        if named[x]:
            left = _goal_way(x, lv, goal, plan, steps, m, base, tb, way_level, way)
            if left > GOAL_STEPS:
                return 0  # the hours of the other ways are not needed then
            short += lv[x] == 0 and not hit[x]
            hours = 0.0
            for j in range(m):
                y = steps[j]
                skill = tb.role_skill[base + y]
                hours += (tb.cum_hours[skill, max(way_level[y], lv[y])] - tb.cum_hours[skill, lv[y]]) * share[skill]
            # Kept sorted by hours left, the nearest first (of equal ways, the catalog's order).
            j = g
            while j > 0 and goal_hours[j - 1] > hours:
                goal_x[j] = goal_x[j - 1]
                goal_hours[j] = goal_hours[j - 1]
                j -= 1
            goal_x[j] = x
            goal_hours[j] = hours
            g += 1
    if short == 0:
        return 0
    for k in range(n):
        nearest[k] = 0
    for r in range(g):
        _goal_way(goal_x[r], lv, goal, plan, steps, m, base, tb, way_level, way)
        for i in range(m):
            y = steps[i]
            k = first[y]
            while k < n and st_skill[k] == y and st_from[k] < way_level[y]:
                nearest[k] = max(nearest[k], g - r)
                k += 1
    return short


@helper
def _total_hours(steps, m, base, role_skill, row, hours, n_levels, buf, share):
    """Hours of the whole plan as numpy's masked sum over the dense row of skills adds them (each skill's
    hours times its ``share``): each run of plan skills consecutive in the catalog summed pairwise, the runs'
    sums added in order."""
    total = 0.0
    i = 0
    while i < m:
        lo = i
        buf[i] = hours[(base + steps[i]) * n_levels + row[steps[i]]] * share[role_skill[base + steps[i]]]
        i += 1
        while i < m and role_skill[base + steps[i]] == role_skill[base + steps[i - 1]] + 1:
            buf[i] = hours[(base + steps[i]) * n_levels + row[steps[i]]] * share[role_skill[base + steps[i]]]
            i += 1
        # Runs are mostly short: numpy's sum of one leaf inline, a call (and its reference counts) only past it.
        total += (0.0 + _run_sum(buf, lo, i)) if i - lo <= PW_BLOCK else pairwise_sum(buf, lo, i)
    return total


@jit
def score_rows(
    levels, targets, hours_per_week, tables, out, rows, goal_ptr, goal_skill, practice_first, deepened, past_ground
):
    """Everything :meth:`recommender.engine.Scorer.score` returns, one profile at a time, for profiles ``rows``
    (indices into every input and output row: a batch scores its profiles of one prerequisite variant at a time,
    ``recommender.alternatives``).

    ``tables`` is a :class:`Tables`, ``out`` an :class:`Outputs` whose step arrays
    are as wide as the most steps asked for; every column past a plan's end is
    padded. ``out.score`` gets each step's raw model score (the engine turns it into
    the logistic; padding is -inf, whose logistic is 0). Returns the most steps of any plan.

    A plan holds its role's skills only, so past the role fits everything works on
    the target role's slots, in local indices (``lv``: the person's levels of them).
    ``out.in_plan`` must be all False on entry (:meth:`Outputs.empty`): only a plan's
    skills are written, not a whole row of the catalog.

    ``goal_skill[goal_ptr[p]:goal_ptr[p + 1]]`` are the skills profile ``p`` names as its goals (CSR over every
    input row; ``goal_ptr`` all 0 for none): :func:`_toward_goals` puts the stages leading to them first.
    ``deepened`` (S,) bool: the skills of Gen AI practice (``goal_ways.deepened_skills``): a goal held at work below
    the role's level goes on with them first (:func:`_toward_goals`), and in the roles of ``practice_first`` (R,)
    bool (learnt in depth) the way to a goal takes their ready stages first (``PRACTICE_FIRST``); all False for none.
    ``past_ground`` (S,) bool: the skills past the ground every path stands on (``goal_ways.past_ground``): of the
    roles holding as many of the goals, the one taking more of these to working level comes first
    (:func:`_goal_cover`); all False for none.
    """
    tb = tables
    n_skills = levels.shape[1]
    n_roles = len(tb.role_rank)
    n_slots = len(tb.role_skill)
    width = out.skill.shape[1]
    n_levels = tb.n_levels
    size = _most_slots(tb.role_ptr)
    most = size * (n_levels - 1)  # stages: each skill's step splits at most at every level
    acc = np.empty(8)
    stack = np.empty(64)
    cover = np.zeros(n_roles, dtype=np.int64)
    no_cover = np.zeros(n_roles, dtype=np.int64)
    weigh = np.zeros(n_roles)
    no_weigh = np.zeros(n_roles)
    lv = np.empty(size, dtype=np.int64)
    buf = np.empty(size)
    waiting = np.empty(size * n_levels, dtype=np.int64)
    way = np.empty(size * n_levels + 1, dtype=np.int64)  # _want_ancestors' stack
    st_unlocks = np.empty(most, dtype=np.int64)
    starts = np.empty(most + 1, dtype=np.int64)
    steps = np.empty(size, dtype=np.int64)
    plan = np.empty(size, dtype=np.bool_)
    split = np.empty(size, dtype=np.int64)
    waits = np.empty(size, dtype=np.int64)
    through = np.empty(size)  # per plan skill, its "used_through" term: the same for each of its stages
    gate = np.empty(size, dtype=np.int64)  # per plan skill, the level Gen AI practice on the way waits for of it
    first = np.empty(size, dtype=np.int64)
    st_skill = np.empty(most, dtype=np.int64)
    st_from = np.empty(most, dtype=np.int64)
    st_to = np.empty(most, dtype=np.int64)
    raw = np.empty(most)
    goal_stage = np.empty(most, dtype=np.bool_)  # a stage of a goal named, below the level wanted
    goes_on = np.empty(most, dtype=np.bool_)  # a stage below the level a goal itself needs of its skill
    pending = np.empty(most + 1, dtype=np.int64)
    ready = np.empty(most, dtype=np.int64)
    keys = np.empty(most)
    order = np.empty(most, dtype=np.int64)
    other = np.empty(most, dtype=np.int64)  # the first steps of the order taking goals first (GOAL_READY)
    raw_other = np.empty(most)
    pending_saved = np.empty(most + 1, dtype=np.int64)
    passed_over = np.zeros(1, dtype=np.bool_)  # _greedy: a goal's ready stage waited within the first GOAL_STEPS
    way_level = np.empty(size, dtype=np.int64)  # one goal's way (_goal_way)
    hit = np.empty(size, dtype=np.bool_)  # the plan skills the first GOAL_STEPS steps reach (_nearest_first)
    goal_x = np.empty(size, dtype=np.int64)  # the goals named, nearest first (_nearest_first)
    goal_hours = np.empty(size)  # the hours left on their ways
    nearest = np.empty(most, dtype=np.int64)
    held = np.empty(n_skills, dtype=np.int64)
    share = np.ones(n_skills)  # each skill's share of its hours for the profile: 1.0 but where a rule is met
    owned = np.empty(2 * size, dtype=np.int64)
    dropped = np.zeros(size * n_levels, dtype=np.int64)
    dirty = np.zeros(size, dtype=np.bool_)
    wanted = np.empty(size, dtype=np.int64)
    named = np.empty(size, dtype=np.bool_)  # the plan skills named as goals with a way (_toward_goals)
    near = np.empty(size, dtype=np.int64)  # the level a goal itself needs of each plan skill (_toward_goals)
    own = np.empty(size, dtype=np.int64)  # a widened copy's targets for the profile (_detour_targets)
    n_leaves = len(tb.split_depth)
    sparse = (
        np.empty(n_roles * 8), np.empty(n_leaves * n_roles), np.empty(n_leaves, dtype=np.int64),
        np.empty(n_leaves, dtype=np.int64), np.empty(n_roles, dtype=np.int64), np.zeros(n_roles, dtype=np.bool_),
        np.empty(64), np.empty(64, dtype=np.int64),
    )  # fmt: skip
    longest = 0
    for i in range(len(rows)):
        p = rows[i]
        row = levels[p]
        h = _held(row, n_levels, held)
        # Role fits from the skills held when they are few (sparse profiles of a large catalog), else from
        # every role's skills: the same sums either way.
        if 4 * h < n_skills:
            _held_fits(row, held, h, tb, out.fit[p], out.missing[p], sparse)
        else:
            _role_fits(row, tb, out.fit[p], out.missing[p], acc, stack)
        has_goals = goal_ptr[p + 1] > goal_ptr[p]
        handed = False
        if has_goals:  # the roles holding more of the goals first among the near fits (GOAL_ROLE_SHARE)
            _goal_cover(goal_skill, goal_ptr[p], goal_ptr[p + 1], out.fit, p, row, tb, past_ground, cover, weigh)
            _rank_roles(out.fit[p], cover, weigh, tb.role_rank, out.role_order[p])
        else:  # by fit alone: a branch of its own keeps the loop as fast as before goals ordered roles
            _rank_roles(out.fit[p], no_cover, no_weigh, tb.role_rank, out.role_order[p])
            # roles.yaml hand_over
            handed = _hand_first(
                row, tb.hand_to, tb.hand_holding, tb.hand_at, tb.hand_lacking, tb.hand_below, out.role_order[p]
            )
        t = targets[p]
        if t < -1:  # a role wished for in a goal, no target given (profiles.wished): first among the near fits
            if -2 - t >= n_roles:
                raise ValueError("wished role index out of range")
            if _wish_first(out.fit[p], -2 - t, out.role_order[p]):
                handed = True
            t = -1  # planned for the role first, as with no target
        best, second = out.role_order[p, 0], out.role_order[p, min(1, n_roles - 1)]
        top = out.fit[p, best]
        # The first stands out: something fits, or its map weighs the goals named (nothing read, a goal named),
        # and the next holds fewer of the goals, fits less, or fits as well and weighs the goals less.
        weighs = has_goals and weigh[best] > 0.0
        out.has_best_fit[p] = (top > 0.0 or weighs) and (
            n_roles == 1
            or handed
            or (has_goals and cover[best] > cover[second])
            or top > out.fit[p, second]
            or (weighs and top == out.fit[p, second] and weigh[best] > weigh[second])
        )
        if t == -1:
            t = out.role_order[p, 0]
        elif t >= n_roles:
            raise ValueError("target role index out of range")
        out.target[p] = t
        base = tb.role_ptr[t]
        m_role = tb.role_ptr[t + 1] - base
        goal = tb.slot_target[base : base + m_role]
        if tb.widened:
            _detour_targets(row, base, m_role, tb, goal_skill[goal_ptr[p] : goal_ptr[p + 1]], own)
            goal = own[:m_role]

        # The plan: every skill of the role below its target, in stages.
        n_owned = 0  # the role's skills held above 0
        for i in range(m_role):
            s = tb.role_skill[base + i]
            lv[i] = row[s]
            plan[i] = lv[i] < goal[i]
            out.in_plan[p, s] = plan[i]
            owned[n_owned] = i
            n_owned += lv[i] > 0
        m = _compact(plan, m_role, steps)
        # What waits for each skill: counted over the plan's skills, or as a beginner's counts less the
        # role's skills not in the plan, whichever visits fewer prerequisite pairs.
        pairs_in_plan = 0
        for i in range(m):
            pairs_in_plan += tb.ancestors_ptr[base + steps[i] + 1] - tb.ancestors_ptr[base + steps[i]]
        # A widened copy's beginner counts are those of every skill to the top level: not this plan's.
        if tb.widened or 2 * pairs_in_plan <= tb.ancestors_ptr[base + m_role] - tb.ancestors_ptr[base]:
            _count_waits(
                lv, goal, plan, steps, m, base, tb.ancestors_ptr, tb.ancestors_idx, tb.ancestors_level, n_levels,
                waiting,
            )  # fmt: skip
        else:
            _count_waits_from_beginner(goal, plan, m_role, base, tb, waiting)
        # Splits and waits from the plan's edges, or from a beginner's when the profile holds few of the role's skills.
        if 4 * n_owned < m and not tb.widened:
            _splits_from_beginner(lv, goal, plan, steps, m, owned, n_owned, base, tb, split, waits, dropped, dirty)
        else:
            _splits_and_waits(
                lv, goal, plan, steps, m, base, tb.prereqs_ptr, tb.prereqs_idx, tb.prereqs_level, split, waits
            )
        if has_goals:
            _toward_goals(
                lv, goal, plan, steps, m, m_role, base, tb, goal_skill[goal_ptr[p] : goal_ptr[p + 1]], deepened,
                wanted, way, named, near,
            )  # fmt: skip
            # The way to a goal ends at the level wanted: one more split, so the rest of the skill's step
            # (language models 3 -> 4 after 2 -> 3) waits for the plan's own order instead of coming first.
            for i in range(m):
                x = steps[i]
                if lv[x] < wanted[x] < goal[x]:
                    split[x] |= 1 << wanted[x]
        _staged_splits(lv, goal, plan, m_role, base, tb, split)
        n = _number_stages(lv, steps, m, split, waits, first, st_skill, st_from, st_to, pending)
        _staged_waits(lv, goal, plan, m_role, base, tb, first, st_from, pending)
        for i in range(m):
            through[steps[i]] = tb.used_through_score * _used_through(lv, base, steps[i], tb)
        for k in range(n):
            s = st_skill[k]
            st_unlocks[k] = _unlocks(waiting, n_levels, s, st_from[k], st_to[k])
            cell = cell_index(n_slots, n_levels, st_from[k] != lv[s], base + s, st_from[k], st_to[k])
            raw[k] = tb.base_scores[cell] + tb.unlock_scores[st_unlocks[k]] + through[s]
        if has_goals:  # (_greedy reads goal_stage and goes_on of a stage above GOAL_PRIORITY only: of this plan)
            _practice_gates(lv, goal, steps, m, base, tb, deepened, wanted, gate)
            for k in range(n):
                s = st_skill[k]
                toward = st_from[k] < wanted[s]
                if toward:
                    practice = deepened[tb.role_skill[base + s]] or st_from[k] < gate[s]
                    raw[k] += GOAL_PRIORITY + PRACTICE_FIRST * (practice_first[t] and practice)
                goal_stage[k] = toward and named[s]
                goes_on[k] = toward and st_from[k] < near[s]
        _set_shares(row, tb, share)
        if tb.widened:
            total = _hours_to(steps, m, base, tb.role_skill, lv, goal, tb.cum_hours, share)
        else:
            total = _total_hours(steps, m, base, tb.role_skill, lv, tb.hours, n_levels, buf, share)
        out.total_hours[p] = total
        per_week = hours_per_week[p]
        out.weeks[p] = math.ceil(total / per_week - 1e-9)

        new_goals = 0  # goals of this plan the person does not hold yet
        if has_goals:
            for k in range(n):
                new_goals += goal_stage[k] and lv[st_skill[k]] == 0 and st_from[k] == 0
            if new_goals > 0:
                pending_saved[: n + 1] = pending[: n + 1]
        passed_over[0] = False
        ordered = _greedy(
            n, raw, goal_stage, goes_on, st_skill, st_from, st_to, lv, goal, plan, first, base, tb, pending, ready, keys,
            width, order, passed_over, n,
        )  # fmt: skip
        reached = new_goals
        sooner = 0
        if new_goals > 0:
            reached, sooner = _new_goals_reached(order, ordered, st_skill, st_from, lv, goal_stage, GOAL_STEPS)
        if reached < new_goals and passed_over[0]:
            # A goal ready while another goal's way goes on can wait behind all of that way: when taking each
            # goal's own ready stage first reaches more of the new goals within GOAL_STEPS steps, take that order.
            ordered, reached, sooner = _other_order(
                goal_stage, reached, sooner, ordered, n, raw, raw_other, goal_stage, goes_on, st_skill, st_from, st_to,
                lv, goal, plan, first, base, tb, pending, pending_saved, ready, keys, width, order, other, passed_over,
            )  # fmt: skip
        if reached < new_goals and _nearest_first(
            order, ordered, lv, goal, plan, steps, m, base, tb, named, first, st_skill, st_from, n, way_level, way,
            hit, goal_x, goal_hours, nearest, share,
        ):  # fmt: skip
            # A short way to a goal can wait behind the longer way of another goal, its own stage never ready in
            # the first GOAL_STEPS steps: when taking the way of the goal nearest to being reached first, goal by
            # goal, reaches more of the new goals there, take that order.
            ordered, reached, sooner = _other_order(
                nearest, reached, sooner, ordered, n, raw, raw_other, goal_stage, goes_on, st_skill, st_from, st_to,
                lv, goal, plan, first, base, tb, pending, pending_saved, ready, keys, width, order, other, passed_over,
            )  # fmt: skip
        shown = _merge(order, ordered, st_skill, starts) + n - ordered  # stages left unordered: a step each
        out.n_steps[p] = shown
        longest = max(longest, shown)
        taken = min(shown, width)
        fit_now = out.fit[p, t]
        gained = 0.0
        done = 0.0
        for j in range(taken):
            k = order[starts[j]]
            s, lo, hi = st_skill[k], st_from[k], st_to[order[starts[j + 1] - 1]]
            unlocked = 0
            for i in range(starts[j], starts[j + 1]):
                unlocked += st_unlocks[order[i]]
            slot = base + s
            skill = tb.role_skill[slot]
            out.skill[p, j] = skill
            out.from_level[p, j] = lo
            out.to_level[p, j] = hi
            out.toward_goal[p, j] = has_goals and lo < wanted[s]
            h = (tb.cum_hours[skill, hi] - tb.cum_hours[skill, lo]) * share[skill]
            out.hours[p, j] = h
            out.score[p, j] = (
                tb.base_scores[cell_index(n_slots, n_levels, lo != lv[s], slot, lo, hi)]
                + tb.unlock_scores[unlocked]
                + through[s]
            )
            gained += tb.reached[slot * n_levels + hi] - tb.reached[slot * n_levels + lo]
            # Float sums drift; the last step of a whole plan reaches the role's targets exactly.
            out.fit_after[p, j] = 1.0 if j >= shown - 1 else min(round_fit(fit_now + gained), 1.0)
            done += h
            start = math.floor((done - h) / per_week + 1e-9) + 1
            out.start_week[p, j] = start
            out.end_week[p, j] = max(start, math.ceil(done / per_week - 1e-9))
        _reset_shares(tb, share)
        for j in range(taken, width):
            out.skill[p, j] = -1
            out.from_level[p, j] = 0
            out.to_level[p, j] = 0
            out.hours[p, j] = 0.0
            out.score[p, j] = -math.inf  # the engine's logistic makes it 0.0 (engine.step_scores)
            out.fit_after[p, j] = 0.0
            out.start_week[p, j] = 0
            out.end_week[p, j] = 0
            out.toward_goal[p, j] = False
    return longest


# -- the catalog's graph, once per catalog (recommender.arrays) ------------------------------------------------


@jit
def topological_order(pre_ptr, pre_idx):
    """The skills, every prerequisite before the skills that need it (Kahn's algorithm: time grows with edges).

    Raises ValueError on a prerequisite cycle (the catalog's checks report which).
    """
    n = len(pre_ptr) - 1
    waiting = np.empty(n, dtype=np.int64)  # prerequisites not yet placed
    dep_count = np.zeros(n + 1, dtype=np.int64)
    for e in range(len(pre_idx)):
        dep_count[pre_idx[e] + 1] += 1
    dep_ptr = np.cumsum(dep_count)
    fill = dep_ptr[:-1].copy()
    dep_idx = np.empty(len(pre_idx), dtype=np.int64)
    for s in range(n):
        waiting[s] = pre_ptr[s + 1] - pre_ptr[s]
        for e in range(pre_ptr[s], pre_ptr[s + 1]):
            dep_idx[fill[pre_idx[e]]] = s
            fill[pre_idx[e]] += 1
    order = np.empty(n, dtype=np.int64)
    placed = 0
    for s in range(n):
        if waiting[s] == 0:
            order[placed] = s
            placed += 1
    i = 0
    while i < placed:
        s = order[i]
        i += 1
        for e in range(dep_ptr[s], dep_ptr[s + 1]):
            d = dep_idx[e]
            waiting[d] -= 1
            if waiting[d] == 0:
                order[placed] = d
                placed += 1
    if placed < n:
        raise ValueError("the catalog's prerequisites have a cycle")
    return order


@jit
def closure_levels(order, pre_ptr, pre_idx, wait, local, c0, table):
    """``table[x, c]``: the level skill ``x`` waits for of the role skill with local index ``c0 + c``
    (0: none), through any chain of prerequisites: the highest ``wait`` of an edge into it on the way.

    One pass in topological order: a skill's row is the maximum of its prerequisites' rows and
    its own edges' waits.
    """
    cols = table.shape[1]
    for i in range(len(order)):
        x = order[i]
        for c in range(cols):
            table[x, c] = 0
        for e in range(pre_ptr[x], pre_ptr[x + 1]):
            q = pre_idx[e]
            for c in range(cols):
                table[x, c] = max(table[x, c], table[q, c])
            c = local[q] - c0
            if 0 <= c < cols:
                table[x, c] = max(table[x, c], wait[e])


@jit
def ancestor_bits(order, pre_ptr, pre_idx, c0, bits):
    """``bits[x]``: which skills ``c0 .. c0 + 64 * words - 1`` skill ``x`` needs, directly or not (one pass)."""
    words = bits.shape[1]
    for i in range(len(order)):
        x = order[i]
        for w in range(words):
            bits[x, w] = 0
        for e in range(pre_ptr[x], pre_ptr[x + 1]):
            q = pre_idx[e]
            for w in range(words):
                bits[x, w] |= bits[q, w]
            c = q - c0
            if 0 <= c < 64 * words:
                bits[x, c >> 6] |= np.uint64(1) << np.uint64(c & 63)


@jit
def imply_rows(
    levels, rated, says, source_ptr, source_pairs, group_of, target, table, offset, needs_ptr, needs, said_upto,
    shared_from, via, raised_by,
):  # fmt: skip
    """Raise ``levels`` in place to the levels the held skills imply; ``raised_by`` gets each raise's source.

    ``recommender.implied.Implication`` groups its (held skill, prerequisite) pairs by
    prerequisite: pair ``k`` belongs to group ``group_of[k]`` (prerequisite
    ``target[group_of[k]]``) and implies ``table[offset[k] + level held]``. Skill ``s``'s
    pairs are ``source_pairs[source_ptr[s]:source_ptr[s + 1]]``, so a row visits only the
    pairs of the skills it holds (a sparse profile in a catalog of 10,000 skills touches
    thousands of its 1.3 million pairs). The best claim wins; of equal levels, the earlier
    source. A cell rated by the person (``rated``) is never changed. ``raised_by[p, g]``
    is the source of a raised cell, else -1. Holding a skill at 0 implies nothing.

    A cell is raised no more than one level above any direct prerequisite of its skill
    (``needs[needs_ptr[q]:needs_ptr[q + 1]]``) the person said (``says``) they hold at ``said_upto`` or
    less: someone who says they only know of language models is not intermediate at GPT, whatever
    else implies it.

    A cell of a skill marked ``shared`` that two held skills reach, each held at ``shared_from`` or more, is raised to the lower of the
    two highest such levels: who works at 3 on two skills built on deep learning has kept using it at 3.
    """
    n_skills = levels.shape[1]
    n_groups = len(target)
    held = np.empty(n_skills, dtype=levels.dtype)
    best = np.zeros(n_groups, dtype=table.dtype)
    best_source = np.empty(n_groups, dtype=np.int64)
    claimed = np.empty(n_groups, dtype=np.int64)  # the groups this row claimed, to settle and reset
    first = np.zeros(n_groups, dtype=table.dtype)  # the two highest levels said of skills reaching each group...
    first_via = np.empty(n_groups, dtype=np.int64)  # ...the line the first came along, the skill it was said of...
    first_source = np.empty(n_groups, dtype=np.int64)
    second = np.zeros(n_groups, dtype=table.dtype)  # ...and the best along another line
    for p in range(levels.shape[0]):
        row = levels[p]
        held[:] = row  # claims come from the levels held, not from levels this loop raised
        raised_by[p, :] = -1
        n_claimed = 0
        for s in range(n_skills):  # ascending: of equal claims the earlier source stays
            h = held[s]
            if h <= 0:
                continue
            for e in range(source_ptr[s], source_ptr[s + 1]):
                k = source_pairs[e]
                level = table[offset[k] + h]
                g = group_of[k]
                if level > best[g]:
                    if best[g] == 0:
                        claimed[n_claimed] = g
                        n_claimed += 1
                    best[g] = level
                    best_source[g] = s
                # Only a pair that implies something here corroborates: its group is then claimed, so what is
                # recorded below is reset when the row settles and never carries over to the next row.
                if shared_from > 0 and level > 0 and h >= shared_from and rated[p, s]:
                    v = via[k]
                    other = first[g] == 0 or v < 0 or v != first_via[g]
                    if h > first[g]:
                        if other:
                            second[g] = first[g]
                        first[g] = h
                        first_via[g] = v
                        first_source[g] = s
                    elif other and h > second[g]:
                        second[g] = h
        for i in range(n_claimed):
            g = claimed[i]
            q = target[g]
            level = max(best[g], second[g])
            # A level two lines corroborate names the skill said highest as its source, held at least at that level,
            # not the best single claim's (PyTorch at 3 beside fine-tuned BERT at 4 does not imply Python at 4).
            source = first_source[g] if second[g] > best[g] else best_source[g]
            first[g] = 0
            second[g] = 0
            for e in range(needs_ptr[q], needs_ptr[q + 1]):
                r = needs[e]
                if says[p, r] and held[r] <= said_upto and held[r] + 1 < level:
                    level = held[r] + 1
            if level > row[q] and not rated[p, q]:
                row[q] = level
                raised_by[p, g] = source
            best[g] = 0
