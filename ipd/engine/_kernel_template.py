"""The compiled match and tournament kernels, as a template.

Never compiled from here: :mod:`ipd.engine._assemble` parses this file and
writes a module per set of step functions (a tournament's lineup), in which
every ``x = step_dispatch(kind, ...)`` statement of the template becomes an
``if kind == 0: ... elif kind == 1: ...`` chain of direct calls to those step
functions, which numba inlines into the turn loop. Every function is a pure
function of arrays.
"""

import numpy as np
from numba import njit, prange

from ipd.engine._dispatch_placeholder import step_dispatch
from ipd.engine.constants import (
    CHUNK,
    MEMORY_SLOTS,
    STREAM_A,
    STREAM_B,
    STREAM_LENGTH,
    STREAM_NOISE,
)
from ipd.engine.layout import (
    A_FORGAVE,
    A_RETALIATED,
    B_FORGAVE,
    B_RETALIATED,
    COOP_AFTER_A,
    COOP_AFTER_B,
    FIRST_DEFECTION_A,
    FIRST_DEFECTION_B,
    PREV,
    PROVOCATIONS_BY_A,
    PROVOCATIONS_BY_B,
    RETURNS_BY_A,
    RETURNS_BY_B,
    TURNS,
)
from ipd.engine.random import match_key, stream_seed, uniform


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
def play_match(kind_a, params_a, kind_b, params_b, length, key, rules, buffers, counts):
    """Play one match of ``length`` turns; fill the move buffers and ``counts``.

    ``rules`` is ``(reveal_length, payoffs, noise, discount)``; ``buffers`` is
    ``(hist_a, hist_b, mem_a, mem_b, rng_a, rng_b, rng_noise)``, reused from
    match to match.

    Returns the two scores: totals, or with ``discount`` w > 0 the discounted
    sums ``(1 - w) * sum(w**t * payoff_t)``, comparable to a payoff per turn.
    Strategies always see the undiscounted running totals. Moves are 0 (C)
    and 1 (D); what each player sees of the past is the moves actually
    played, after noise.
    """
    reveal_length, payoffs, noise, discount = rules
    hist_a, hist_b, mem_a, mem_b, rng_a, rng_b, rng_noise = buffers
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
        # Each step_dispatch statement becomes an if/elif chain of direct calls: a call
        # through a dispatcher function, or a non-inlined step, costs more than the turn.
        a = step_dispatch(
            kind_a, t, hist_a, hist_b, shown, payoffs, score_a, score_b, params_a, mem_a, rng_a
        )
        b = step_dispatch(
            kind_b, t, hist_b, hist_a, shown, payoffs, score_b, score_a, params_b, mem_b, rng_b
        )
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
    block_lengths,
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
    pair ``s % n_pairs``; ``block_lengths[r]`` is the (fixed) match length of
    repetition ``rep_start + r``. Each slot is written by exactly one iteration, and
    every draw comes from the match's own streams, so the result does not
    depend on the number of threads or on how repetitions are split into
    blocks.
    """
    n_pairs = pairs.shape[0]
    n_slots = n_pairs * n_reps
    n_chunks = (n_slots + CHUNK - 1) // CHUNK
    rules = (reveal_length, payoffs, noise, discount)
    for chunk in prange(n_chunks):
        first = chunk * CHUNK
        last = min(first + CHUNK, n_slots)
        longest = 1
        for s in range(first, last):
            rep = rep_start + s // n_pairs
            pair = s % n_pairs
            key = match_key(seed, rep, pairs[pair, 0], pairs[pair, 1])
            longest = max(longest, match_length(block_lengths[s // n_pairs], continuation, key))
        hist_a = np.zeros(longest, np.uint8)
        hist_b = np.zeros(longest, np.uint8)
        buffers = (
            hist_a,
            hist_b,
            np.zeros(MEMORY_SLOTS, np.float64),
            np.zeros(MEMORY_SLOTS, np.float64),
            np.zeros(1, np.uint64),
            np.zeros(1, np.uint64),
            np.zeros(1, np.uint64),
        )
        for s in range(first, last):
            rep = rep_start + s // n_pairs
            pair = s % n_pairs
            i = pairs[pair, 0]
            j = pairs[pair, 1]
            key = match_key(seed, rep, i, j)
            length = match_length(block_lengths[s // n_pairs], continuation, key)
            score_a, score_b = play_match(
                kinds[i],
                params[param_bounds[i, 0] : param_bounds[i, 1]],
                kinds[j],
                params[param_bounds[j, 0] : param_bounds[j, 1]],
                length,
                key,
                rules,
                buffers,
                counts_out[s],
            )
            scores_out[s, 0] = score_a
            scores_out[s, 1] = score_b
            if keep_moves:
                moves_out[s, 0, :length] = hist_a[:length]
                moves_out[s, 1, :length] = hist_b[:length]
