"""The compiled kernel that plays deterministic data strategies until their joint state repeats.

Never imported from here: :mod:`ipd.engine.cycles` copies this file into the
kernel cache folder under a name that hashes it together with every file its
compiled code depends on (the family steps it inlines, the kernel parts
whose ``count_outcomes`` it calls, the engine helpers), so numba's on-disk
cache, which notices only edits to a function's own file, never serves stale
code.

A pair of deterministic data strategies (memory-one, finite-state machine,
lookup table, cycler; no noise) is a deterministic system whose *joint
state* before turn t is: the last K joint moves (K the longer look-back of
the two), each machine's state (an FSM's current state, a cycler's phase)
and nothing else, once t is past both players' opening moves. The kernel
plays the match with the families' own step functions, watching that state
with Brent's method (compare with a saved state; save anew at doubling
distances), which finds a turn T0 and a period P with state(T0) ==
state(T0 + P) after O(T0 + P) turns. From T0 on the moves repeat with period
P, and so does everything the engine reports:

* **counters**: what turn t adds depends on the moves of turns t - 2 .. t
  only, so from T1 = T0 + 2 on it is periodic: the counters of a match of
  L = T1 + q P + r turns are those of T1 + r turns plus q times those of one
  period (first defections, if any, fall before T0 + P). The counting itself
  is the template's ``count_outcomes`` over the first T1 + P moves.
* **scores**: the engine adds float payoffs turn by turn. When every payoff
  is a multiple of 2**-e and the match is short enough that L * max|payoff|
  * 2**e <= 2**53 (``exact_limit``; e.g. 900 million million moves of the
  standard 3, 0, 5, 1), every partial sum is a multiple of 2**-e below 2**53
  times 2**-e, so it is exactly representable and each addition is exact:
  the engine's total equals the exact sum, and so does T1 + r turns' total
  plus q times one period's (each of those operations is exact too). Scores
  are then arithmetic. Otherwise (payoffs such as 0.1, or a discount, whose
  weights w**t are not periodic) the scores are summed turn by turn over the
  repeated moves, in the engine's order and with its operations: O(L), but
  a few additions a turn instead of two strategy steps (a discounted sum
  stops once the weight has underflowed to zero).

With ``keep_moves`` the move record is filled to the end by repeating the
period. Results are bit-identical to playing every turn.
"""

import numpy as np
from numba import njit, prange

from ipd.engine._match_parts import (
    NO_PAYOFFS,
    add_payoffs,
    chunk_buffers,
    copy_moves,
    count_outcomes,
    item_jobs,
    job_match,
    record_scores,
    work_items,
)
from ipd.engine.constants import STREAM_A, STREAM_B
from ipd.engine.layout import FIRST_DEFECTION_A, FIRST_DEFECTION_B, N_MATCH_FIELDS, N_SUMMED
from ipd.engine.random import match_key, stream_seed
from ipd.strategies.families.cycler import cycler_step
from ipd.strategies.families.fsm import fsm_step
from ipd.strategies.families.lookup_table import table_step
from ipd.strategies.families.memory_one import memory_one_step

MEMORY_ONE = 0
FSM = 1
TABLE = 2
CYCLER = 3


@njit(inline="always")
def family_move(family, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """The move of a data family's own step (normalised to 0/1 as the template does)."""
    if family == MEMORY_ONE:
        m = memory_one_step(
            turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng
        )
    elif family == FSM:
        m = fsm_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng)
    elif family == TABLE:
        m = table_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng)
    else:
        m = cycler_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng)
    return 1 if m else 0


@njit
def look_back(family, params):
    """How many past joint moves the family's next move and next state depend on."""
    if family == TABLE:
        return max(np.int64(params[0]), np.int64(params[1]))
    if family == CYCLER:
        return np.int64(0)
    return np.int64(1)


@njit
def opening(family, params):
    """The first turn from which the joint state determines the rest: after the opening moves
    (a table's opening key is fixed once that many moves are played)."""
    if family == TABLE:
        return max(np.int64(1), np.int64(params[3]))
    return np.int64(1)


@njit(inline="always")
def machine_state(family, turn, params, memory):
    """The part of a player's state that is not in the recent moves."""
    if family == FSM:
        return np.int64(memory[0])
    if family == CYCLER:
        return turn % np.int64(params[0])
    return np.int64(0)


@njit(cache=True)
def play_until_cycle(players, length, shown, payoffs, buffers):
    """Play up to ``length`` turns, stopping when the joint state repeats.

    Returns ``(played, start, period)``: turns played (into the move buffers),
    and a turn whose state recurs ``period`` turns later (period 0: none
    found before the end).
    """
    family_a, params_a, family_b, params_b = players
    hist_a, hist_b, mem_a, mem_b, rng_a, rng_b = buffers
    k = max(look_back(family_a, params_a), look_back(family_b, params_b))
    mask = (np.int64(1) << (2 * k)) - 1
    first = max(opening(family_a, params_a), opening(family_b, params_b))
    recent = np.int64(0)
    saved_turn = np.int64(-1)
    saved_recent = np.int64(0)
    saved_a = np.int64(0)
    saved_b = np.int64(0)
    power = np.int64(1)
    score_a = 0.0
    score_b = 0.0
    for t in range(length):
        if t >= first:
            state_a = machine_state(family_a, t, params_a, mem_a)
            state_b = machine_state(family_b, t, params_b, mem_b)
            if (
                saved_turn >= 0
                and recent == saved_recent
                and state_a == saved_a
                and state_b == saved_b
            ):
                return t, saved_turn, t - saved_turn
            if saved_turn < 0 or t - saved_turn == power:
                if saved_turn >= 0:
                    power *= 2
                saved_turn = t
                saved_recent = recent
                saved_a = state_a
                saved_b = state_b
        a = family_move(
            family_a, t, hist_a, hist_b, shown, payoffs, score_a, score_b, params_a, mem_a, rng_a
        )
        b = family_move(
            family_b, t, hist_b, hist_a, shown, payoffs, score_b, score_a, params_b, mem_b, rng_b
        )
        hist_a[t] = a
        hist_b[t] = b
        score_a += payoffs[2 * a + b]
        score_b += payoffs[2 * b + a]
        recent = ((recent << 2) | (2 * a + b)) & mask
    return length, -1, 0


@njit
def scores_at(hist_a, hist_b, lengths, payoffs, out):
    """Undiscounted running totals after each of ``lengths`` (ascending, distinct, > 0) turns,
    added exactly as the engine adds them."""
    score_a = 0.0
    score_b = 0.0
    snap = 0
    for t in range(lengths[lengths.shape[0] - 1]):
        a = np.int64(hist_a[t])
        b = np.int64(hist_b[t])
        score_a += payoffs[2 * a + b]
        score_b += payoffs[2 * b + a]
        if t + 1 == lengths[snap]:
            out[snap, 0] = score_a
            out[snap, 1] = score_b
            snap += 1


@njit
def scores_turn_by_turn(hist_a, hist_b, snaps, cycle, payoffs, discount, scores):
    """Every snapshot's scores, summed turn by turn over the moves, the period repeated.

    ``cycle = (first, end)``: move t >= end is move t - k (end - first) in [first, end)
    (``end`` 0: no repetition, the record is complete). Same operations, in the same order,
    as the engine's turn loop.
    """
    first, end = cycle
    sums = NO_PAYOFFS
    snap = 0
    n = snaps.shape[0]
    at = 0
    for t in range(snaps[n - 1]):
        a = np.int64(hist_a[at])
        b = np.int64(hist_b[at])
        at += 1
        if at == end:
            at = first
        sums = add_payoffs(sums, payoffs[2 * a + b], payoffs[2 * b + a], discount)
        while snap < n and t + 1 == snaps[snap]:
            record_scores(scores, snap, sums, discount)
            snap += 1
        if discount > 0.0 and sums[4] == 0.0 and sums[2] != 0.0 and sums[3] != 0.0:
            # The weight has underflowed: every later term is a signed zero, which leaves a
            # non-zero sum as it is.
            while snap < n:
                record_scores(scores, snap, sums, discount)
                snap += 1
            return


@njit(inline="always")
def position(ascending, x):
    """The index of ``x`` in an ascending array that holds it (binary search)."""
    low = 0
    high = ascending.shape[0] - 1
    while low < high:
        mid = (low + high) // 2
        if ascending[mid] < x:
            low = mid + 1
        else:
            high = mid
    return low


@njit
def report(hist_a, hist_b, snaps, found, rules, scores, counts):
    """Fill each snapshot's scores and counters from the moves played and the period found.

    ``snaps`` ascending, distinct and positive (as the template's).
    ``found = (played, start, period)`` from :func:`play_until_cycle`, the
    move buffers already extended by two repeated moves past ``played`` (or to
    the end). ``rules = (payoffs, discount, exact)``.
    """
    played, start, period = found
    payoffs, discount, exact = rules
    n = snaps.shape[0]
    length = snaps[n - 1]
    first = start + 2  # from here on, what a turn adds to any counter is periodic
    end = first + period
    direct = min(length, end) if period > 0 else played
    reduced = np.empty(n, np.int64)
    repeats = np.zeros(n, np.int64)
    for k in range(n):
        if snaps[k] <= direct:
            reduced[k] = snaps[k]
        else:
            repeats[k] = (snaps[k] - first) // period
            reduced[k] = first + (snaps[k] - first) % period
    wrapped = snaps[n - 1] > direct
    if wrapped:
        # The distinct lengths to count at, ascending, without sorting: marked on a ruler
        # (a byte a move, as the move records).
        marks = np.zeros(direct + 1, np.bool_)
        for k in range(n):
            marks[reduced[k]] = True
        marks[first] = True
        marks[end] = True
        m = 0
        for x in range(direct + 1):
            m += marks[x]
        distinct = np.empty(m, np.int64)
        m = 0
        for x in range(direct + 1):
            if marks[x]:
                distinct[m] = x
                m += 1
    else:
        distinct = snaps
        m = n
    at_counts = np.zeros((m, N_MATCH_FIELDS), np.int64)
    count_outcomes(hist_a, hist_b, distinct, at_counts)
    i_first = position(distinct, first) if wrapped else 0
    i_end = position(distinct, end) if wrapped else 0
    for k in range(n):
        row = position(distinct, reduced[k])
        q = repeats[k]
        for f in range(N_SUMMED):
            extra = q * (at_counts[i_end, f] - at_counts[i_first, f]) if q > 0 else 0
            counts[k, f] = at_counts[row, f] + extra
        last = i_end if q > 0 else row
        counts[k, FIRST_DEFECTION_A] = at_counts[last, FIRST_DEFECTION_A]
        counts[k, FIRST_DEFECTION_B] = at_counts[last, FIRST_DEFECTION_B]
    if exact and discount == 0.0:
        at_scores = np.zeros((m, 2))
        scores_at(hist_a, hist_b, distinct, payoffs, at_scores)
        for k in range(n):
            row = position(distinct, reduced[k])
            q = repeats[k]
            for side in range(2):
                value = at_scores[row, side]
                if q > 0:
                    value += q * (at_scores[i_end, side] - at_scores[i_first, side])
                scores[k, side] = value
    else:
        cycle = (first, end if wrapped else np.int64(0))
        scores_turn_by_turn(hist_a, hist_b, snaps, cycle, payoffs, discount, scores)


@njit
def play_cyclic_match(players, snaps, key, rules, buffers, keep_moves, scores, counts):
    """One match of ``snaps[-1]`` turns (snapshots at ``snaps``), the period done by arithmetic;
    returns the number of turns actually played."""
    reveal_length, payoffs, discount, exact_limit = rules
    hist_a, hist_b, mem_a, mem_b, rng_a, rng_b = buffers
    n = snaps.shape[0]
    length = snaps[n - 1]
    rng_a[0] = stream_seed(key, STREAM_A)
    rng_b[0] = stream_seed(key, STREAM_B)
    mem_a[:] = 0.0
    mem_b[:] = 0.0
    shown = length if reveal_length else -1
    found = play_until_cycle(players, length, shown, payoffs, buffers)
    played, start, period = found
    if period > 0:
        fill = length if keep_moves else min(length, start + period + 2)
        for t in range(played, fill):
            hist_a[t] = hist_a[t - period]
            hist_b[t] = hist_b[t - period]
    report(hist_a, hist_b, snaps, found, (payoffs, discount, length <= exact_limit), scores, counts)
    return played


@njit(cache=True)
def play_chunk(first, last, lineup, cells, jobs, snap_lengths, keep_moves, outputs):
    """Jobs ``first .. last - 1`` of :func:`play_block`, with one set of buffers."""
    families, param_bounds, params, pairs, pair_cell = lineup
    cell_seed, cell_discount, cell_payoffs, reveal_length, exact_limit = cells
    scores_out, counts_out, moves_out, played_out = outputs
    buffers = chunk_buffers(snap_lengths, jobs[2], first, last)
    # The template's buffers but those of noise and misperception, which never apply here.
    played_buffers = (buffers[0], buffers[1], buffers[4], buffers[5], buffers[6], buffers[7])
    for k in range(first, last):
        i, j, c, rep, top, end = job_match(k, jobs, pairs, pair_cell)
        players = (
            families[i],
            params[c, param_bounds[i, 0] : param_bounds[i, 1]],
            families[j],
            params[c, param_bounds[j, 0] : param_bounds[j, 1]],
        )
        rules = (reveal_length, cell_payoffs[c], cell_discount[c], exact_limit[c])
        played_out[k] = play_cyclic_match(
            players,
            snap_lengths[top:end],
            match_key(cell_seed[c], rep, i, j),
            rules,
            played_buffers,
            keep_moves,
            scores_out[top:end],
            counts_out[top:end],
        )
        if keep_moves:
            copy_moves(buffers, snap_lengths[end - 1], moves_out[k])


@njit(parallel=True, cache=True)
def play_block(lineup, cells, jobs, snap_lengths, keep_moves, outputs, lanes):
    """Play every job of a block as the template's ``play_block`` would, for pairs of data
    strategies, in chunks of jobs (:func:`play_chunk`, which says what the arguments hold).

    ``lineup`` is ``(families, param_bounds, params, pairs, pair_cell)``:
    ``families[i]`` is entrant i's family (the constants above). ``cells`` is
    ``(seed, discount, payoffs, reveal_length, exact_limit)``:
    ``exact_limit[c]`` the longest match whose running totals are exact under
    cell c's payoffs (0: none). ``jobs`` is ``(pairing, repetition, start)`` as
    in the template; job k's rows are ``start[k] .. start[k + 1] - 1`` of
    ``snap_lengths`` and of the first two ``outputs`` (``scores``, ``counts``,
    ``moves``, ``played``), its moves ``moves[k]``; ``played[k]`` receives the
    turns job k played before its period was found. Work is split into chunks
    of jobs and dealt to ``lanes`` lanes as in the template; each output row is written by
    one job only.
    """
    n_jobs = jobs[0].shape[0]
    items = work_items(n_jobs)
    for lane in prange(lanes):  # items dealt round-robin (constants.LANES_PER_THREAD)
        for item in range(lane, items, lanes):
            first, last = item_jobs(item, n_jobs)
            play_chunk(first, last, lineup, cells, jobs, snap_lengths, keep_moves, outputs)
