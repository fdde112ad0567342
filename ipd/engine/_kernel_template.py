"""The compiled tournament kernels, as a template.

This file is never executed from here in earnest: the assembler copies its
text into a generated module beside a dispatcher over every registered step
function (the import marked ``ipd:dispatch`` is replaced), so the kernels are
compiled once per set of strategies and cached on disk. Every function is a
pure function of arrays.
"""

import numpy as np
from numba import njit, prange

from ipd.engine._dispatch_placeholder import step_dispatch  # ipd:dispatch
from ipd.engine.layout import (
    A_DEFECTED_FIRST,
    A_DEFECTED_FIRST_LATE,
    A_FORGAVE,
    A_RETALIATED,
    A_WINS,
    B_DEFECTED_FIRST,
    B_DEFECTED_FIRST_LATE,
    B_FORGAVE,
    B_RETALIATED,
    B_WINS,
    COOP_AFTER_A,
    COOP_AFTER_B,
    DRAWS,
    END_GAME_MOVES,
    FIRST_DEFECTION_A,
    FIRST_DEFECTION_B,
    INITIAL_C_A,
    INITIAL_C_B,
    MEMORY_SLOTS,
    N_MATCH_FIELDS,
    N_SUMMED,
    PREV,
    PROVOCATIONS_BY_A,
    PROVOCATIONS_BY_B,
    RETURNS_BY_A,
    RETURNS_BY_B,
    SAME_TURN_FIRST,
    TURNS,
)
from ipd.engine.random import match_key, stream_seed, uniform

STREAM_A = 1
STREAM_B = 2
STREAM_NOISE = 3
STREAM_LENGTH = 4
CHUNK = 16
"""Matches per parallel work item; buffers are allocated once per item."""


@njit(cache=True)
def match_length(fixed_length, continuation, key):
    """Length of one match: fixed, or geometric with mean 1 / (1 - continuation)."""
    if continuation <= 0.0:
        return fixed_length
    rng = np.empty(1, np.uint64)
    rng[0] = stream_seed(key, STREAM_LENGTH)
    u = uniform(rng)
    return 1 + np.int64(np.floor(np.log1p(-u) / np.log(continuation)))


@njit(cache=True)
def play_match(
    kind_a,
    params_a,
    kind_b,
    params_b,
    length,
    reveal_length,
    payoffs,
    noise,
    discount,
    key,
    hist_a,
    hist_b,
    mem_a,
    mem_b,
    rng_a,
    rng_b,
    rng_noise,
    counts,
):
    """Play one match of ``length`` turns; fill ``hist_a``/``hist_b`` and ``counts``.

    Returns the two scores: totals, or with ``discount`` w > 0 the discounted
    sums ``(1 - w) * sum(w**t * payoff_t)``, comparable to a payoff per turn.
    Strategies always see the undiscounted running totals. Moves are 0 (C)
    and 1 (D); what each player sees of the past is the moves actually
    played, after noise.
    """
    rng_a[0] = stream_seed(key, STREAM_A)
    rng_b[0] = stream_seed(key, STREAM_B)
    rng_noise[0] = stream_seed(key, STREAM_NOISE)
    mem_a[:] = 0.0
    mem_b[:] = 0.0
    shown = length if reveal_length else -1
    score_a = 0.0
    score_b = 0.0
    discounted_a = 0.0
    discounted_b = 0.0
    weight = 1.0
    for t in range(length):
        # The assembler expands each ipd:inline line into an if/elif chain over the
        # kinds, calling each step function directly: a call through a dispatcher
        # function costs ten times the whole turn.
        a = step_dispatch(
            kind_a, t, hist_a, hist_b, shown, payoffs, score_a, score_b, params_a, mem_a, rng_a
        )  # ipd:inline
        b = step_dispatch(
            kind_b, t, hist_b, hist_a, shown, payoffs, score_b, score_a, params_b, mem_b, rng_b
        )  # ipd:inline
        if noise > 0.0:
            if uniform(rng_noise) < noise:
                a = 1 - a
            if uniform(rng_noise) < noise:
                b = 1 - b
        hist_a[t] = a
        hist_b[t] = b
        gain_a = payoffs[2 * a + b]
        gain_b = payoffs[2 * b + a]
        score_a += gain_a
        score_b += gain_b
        if discount > 0.0:
            discounted_a += weight * gain_a
            discounted_b += weight * gain_b
            weight *= discount
    count_outcomes(hist_a, hist_b, length, counts)
    if discount > 0.0:
        return (1.0 - discount) * discounted_a, (1.0 - discount) * discounted_b
    return score_a, score_b


@njit(cache=True)
def count_outcomes(hist_a, hist_b, length, counts):
    """Fill the per-match counters from the two move records.

    A separate pass over the finished match keeps the turn loop short.
    """
    counts[:] = 0
    first_a = -1
    first_b = -1
    for t in range(length):
        a = np.int64(hist_a[t])
        b = np.int64(hist_b[t])
        counts[2 * a + b] += 1
        if a == 1 and first_a < 0:
            first_a = t
        if b == 1 and first_b < 0:
            first_b = t
        if t > 0:
            prev_a = np.int64(hist_a[t - 1])
            prev_b = np.int64(hist_b[t - 1])
            counts[PREV + 2 * prev_a + prev_b] += 1
            counts[COOP_AFTER_A + 2 * prev_a + prev_b] += 1 - a
            counts[COOP_AFTER_B + 2 * prev_b + prev_a] += 1 - b
        if t + 1 < length:
            next_a = np.int64(hist_a[t + 1])
            next_b = np.int64(hist_b[t + 1])
            calm_a = t == 0 or hist_a[t - 1] == 0
            calm_b = t == 0 or hist_b[t - 1] == 0
            if b == 1 and calm_a:
                counts[PROVOCATIONS_BY_B] += 1
                counts[A_RETALIATED] += next_a
            if a == 1 and calm_b:
                counts[PROVOCATIONS_BY_A] += 1
                counts[B_RETALIATED] += next_b
            if t > 0 and b == 0 and hist_b[t - 1] == 1:
                counts[RETURNS_BY_B] += 1
                counts[A_FORGAVE] += 1 - next_a
            if t > 0 and a == 0 and hist_a[t - 1] == 1:
                counts[RETURNS_BY_A] += 1
                counts[B_FORGAVE] += 1 - next_b
    counts[TURNS] = length
    counts[FIRST_DEFECTION_A] = first_a
    counts[FIRST_DEFECTION_B] = first_b


@njit(parallel=True, cache=True)
def play_block(
    kinds,
    param_bounds,
    params,
    pairs,
    rep_start,
    n_reps,
    rep_lengths,
    continuation,
    reveal_length,
    payoffs,
    noise,
    discount,
    seed,
    keep_moves,
    scores_out,
    counts_out,
    moves_out,
):
    """Play every pair for repetitions ``rep_start .. rep_start + n_reps - 1``.

    Slot ``s`` of the outputs is repetition ``rep_start + s // n_pairs`` of
    pair ``s % n_pairs``. Each slot is written by exactly one iteration, and
    every draw comes from the match's own streams, so the result does not
    depend on the number of threads or on how repetitions are split into
    blocks.
    """
    n_pairs = pairs.shape[0]
    n_slots = n_pairs * n_reps
    n_chunks = (n_slots + CHUNK - 1) // CHUNK
    for chunk in prange(n_chunks):
        first = chunk * CHUNK
        last = min(first + CHUNK, n_slots)
        longest = 1
        for s in range(first, last):
            rep = rep_start + s // n_pairs
            pair = s % n_pairs
            key = match_key(seed, rep, pairs[pair, 0], pairs[pair, 1])
            longest = max(longest, match_length(rep_lengths[rep], continuation, key))
        hist_a = np.zeros(longest, np.uint8)
        hist_b = np.zeros(longest, np.uint8)
        mem_a = np.zeros(MEMORY_SLOTS, np.float64)
        mem_b = np.zeros(MEMORY_SLOTS, np.float64)
        rng_a = np.zeros(1, np.uint64)
        rng_b = np.zeros(1, np.uint64)
        rng_noise = np.zeros(1, np.uint64)
        for s in range(first, last):
            rep = rep_start + s // n_pairs
            pair = s % n_pairs
            i = pairs[pair, 0]
            j = pairs[pair, 1]
            key = match_key(seed, rep, i, j)
            length = match_length(rep_lengths[rep], continuation, key)
            score_a, score_b = play_match(
                kinds[i],
                params[param_bounds[i, 0] : param_bounds[i, 1]],
                kinds[j],
                params[param_bounds[j, 0] : param_bounds[j, 1]],
                length,
                reveal_length,
                payoffs,
                noise,
                discount,
                key,
                hist_a,
                hist_b,
                mem_a,
                mem_b,
                rng_a,
                rng_b,
                rng_noise,
                counts_out[s],
            )
            scores_out[s, 0] = score_a
            scores_out[s, 1] = score_b
            if keep_moves:
                moves_out[s, 0, :length] = hist_a[:length]
                moves_out[s, 1, :length] = hist_b[:length]


@njit(cache=True)
def accumulate_block(
    pairs,
    rep_start,
    n_reps,
    scores,
    counts,
    pair_scores,
    pair_rate_shift,
    pair_rates,
    pair_rate_squares,
    pair_counts,
    strategy_rep_scores,
    strategy_rep_turns,
    scores_are_rates,
):
    """Fold one block's per-match outputs into the running totals, in slot order.

    ``scores_are_rates`` says the scores are already per-turn figures
    (normalised discounted payoffs), not totals to divide by the length.

    Sequential on purpose: a fixed summation order keeps floating-point totals
    bit-identical however the matches were scheduled. A self-play match
    counts once for its strategy, with the mean of its two sides.
    """
    n_pairs = pairs.shape[0]
    for s in range(n_pairs * n_reps):
        rep = rep_start + s // n_pairs
        pair = s % n_pairs
        i = pairs[pair, 0]
        j = pairs[pair, 1]
        score_a = scores[s, 0]
        score_b = scores[s, 1]
        c = counts[s]
        turns = c[TURNS]
        pair_scores[pair, 0] += score_a
        pair_scores[pair, 1] += score_b
        if turns > 0:
            # Sums of score per turn are kept shifted by the first repetition's
            # value, so the spread of a pairing that always scores the same is
            # exactly zero rather than round-off.
            rate_a = score_a if scores_are_rates else score_a / turns
            rate_b = score_b if scores_are_rates else score_b / turns
            if rep == 0:
                pair_rate_shift[pair, 0] = rate_a
                pair_rate_shift[pair, 1] = rate_b
            rate_a -= pair_rate_shift[pair, 0]
            rate_b -= pair_rate_shift[pair, 1]
            pair_rates[pair, 0] += rate_a
            pair_rates[pair, 1] += rate_b
            pair_rate_squares[pair, 0] += rate_a * rate_a
            pair_rate_squares[pair, 1] += rate_b * rate_b
        out = pair_counts[pair]
        for f in range(N_SUMMED):
            out[f] += c[f]
        first_a = c[FIRST_DEFECTION_A]
        first_b = c[FIRST_DEFECTION_B]
        if first_a != 0:
            out[INITIAL_C_A] += 1
        if first_b != 0:
            out[INITIAL_C_B] += 1
        if first_a >= 0 and (first_b < 0 or first_a < first_b):
            out[A_DEFECTED_FIRST] += 1
        elif first_b >= 0 and (first_a < 0 or first_b < first_a):
            out[B_DEFECTED_FIRST] += 1
        elif first_a >= 0:
            out[SAME_TURN_FIRST] += 1
        if (
            first_a >= 0
            and (first_b < 0 or first_a <= first_b)
            and first_a >= turns - END_GAME_MOVES
        ):
            out[A_DEFECTED_FIRST_LATE] += 1
        if (
            first_b >= 0
            and (first_a < 0 or first_b <= first_a)
            and first_b >= turns - END_GAME_MOVES
        ):
            out[B_DEFECTED_FIRST_LATE] += 1
        if score_a > score_b:
            out[A_WINS] += 1
        elif score_b > score_a:
            out[B_WINS] += 1
        else:
            out[DRAWS] += 1
        if i == j:
            strategy_rep_scores[i, rep] += 0.5 * (score_a + score_b)
            strategy_rep_turns[i, rep] += turns
        else:
            strategy_rep_scores[i, rep] += score_a
            strategy_rep_scores[j, rep] += score_b
            strategy_rep_turns[i, rep] += turns
            strategy_rep_turns[j, rep] += turns


@njit(cache=True)
def play_single(
    kind_a,
    params_a,
    kind_b,
    params_b,
    length,
    reveal_length,
    payoffs,
    noise,
    discount,
    seed,
    rep,
    row,
    col,
):
    """One match with its full move record, as played inside a tournament."""
    hist_a = np.zeros(max(length, 1), np.uint8)
    hist_b = np.zeros(max(length, 1), np.uint8)
    counts = np.zeros(N_MATCH_FIELDS, np.int64)
    rng_a = np.zeros(1, np.uint64)
    rng_b = np.zeros(1, np.uint64)
    rng_noise = np.zeros(1, np.uint64)
    score_a, score_b = play_match(
        kind_a,
        params_a,
        kind_b,
        params_b,
        length,
        reveal_length,
        payoffs,
        noise,
        discount,
        match_key(seed, rep, row, col),
        hist_a,
        hist_b,
        np.zeros(MEMORY_SLOTS, np.float64),
        np.zeros(MEMORY_SLOTS, np.float64),
        rng_a,
        rng_b,
        rng_noise,
        counts,
    )
    return hist_a[:length], hist_b[:length], score_a, score_b, counts
