"""The compiled match and tournament kernels, as a template.

Never compiled from here: :mod:`ipd.engine._assemble` parses this file and
writes a module per set of step functions (a tournament's lineup), in which
every ``x = step_dispatch(kind, ...)`` statement of the template becomes an
``if kind == 0: ... elif kind == 1: ...`` chain of direct calls to those step
functions, which numba inlines into the turn loop. Every function is a pure
function of arrays.

A tournament here is one or more *cells* (one for an ordinary tournament; a
batch of sweep cells otherwise): every pairing belongs to a cell, which gives
its seed, continuation probability, noise, discount and payoffs. A match's
random streams depend only on its cell's seed, its repetition and its two
entrants, so a match plays the same in a batch as alone.

A match may report *snapshots*: the scores and counters after each of several
lengths, from one play of the longest. A deterministic pair without noise
plays the same moves whatever its length (when the length is hidden), so one
play gives the result of every repetition of that pair.
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
    N_MATCH_FIELDS,
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
def play_match(kind_a, params_a, kind_b, params_b, snaps, key, rules, buffers, scores, counts):
    """Play one match of ``snaps[-1]`` turns; fill the move buffers, ``scores`` and ``counts``.

    ``snaps`` holds ascending lengths; row k of ``scores`` (two columns) and of
    ``counts`` receives what a match of ``snaps[k]`` turns would have given (the
    same numbers, added in the same order). ``rules`` is ``(reveal_length,
    payoffs, noise, discount)``; ``buffers`` is ``(hist_a, hist_b, mem_a, mem_b,
    rng_a, rng_b, rng_noise)``, reused from match to match.

    Scores are totals, or with ``discount`` w > 0 the discounted sums
    ``(1 - w) * sum(w**t * payoff_t)``, comparable to a payoff per turn.
    Strategies always see the undiscounted running totals. Moves are 0 (C)
    and 1 (D); what each player sees of the past is the moves actually
    played, after noise.
    """
    reveal_length, payoffs, noise, discount = rules
    hist_a, hist_b, mem_a, mem_b, rng_a, rng_b, rng_noise = buffers
    length = snaps[snaps.shape[0] - 1]
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
    snap = 0
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
        if t + 1 == snaps[snap]:
            if discount > 0.0:
                scores[snap, 0] = (1.0 - discount) * discounted_a
                scores[snap, 1] = (1.0 - discount) * discounted_b
            else:
                scores[snap, 0] = score_a
                scores[snap, 1] = score_b
            snap += 1
    count_outcomes(hist_a, hist_b, snaps, counts)


@njit(cache=True)
def count_outcomes(hist_a, hist_b, snaps, counts):
    """Fill the per-match counters from the two move records, at each length in ``snaps``.

    One pass over the longest record: what a move contributes to counters that
    depend on the move after it is added when that move is reached, so row k
    counts exactly a match of ``snaps[k]`` turns. A separate pass over the
    finished match keeps the turn loop short.
    """
    running = np.zeros(N_MATCH_FIELDS, np.int64)
    first_a = -1
    first_b = -1
    snap = 0
    length = snaps[snaps.shape[0] - 1]
    for t in range(length):
        a = np.int64(hist_a[t])
        b = np.int64(hist_b[t])
        running[2 * a + b] += 1
        if a == 1 and first_a < 0:
            first_a = t
        if b == 1 and first_b < 0:
            first_b = t
        if t > 0:
            u = t - 1
            prev_a = np.int64(hist_a[u])
            prev_b = np.int64(hist_b[u])
            running[PREV + 2 * prev_a + prev_b] += 1
            running[COOP_AFTER_A + 2 * prev_a + prev_b] += 1 - a
            running[COOP_AFTER_B + 2 * prev_b + prev_a] += 1 - b
            # Move u, now that move t follows it.
            calm_a = u == 0 or hist_a[u - 1] == 0
            calm_b = u == 0 or hist_b[u - 1] == 0
            if prev_b == 1 and calm_a:
                running[PROVOCATIONS_BY_B] += 1
                running[A_RETALIATED] += a
            if prev_a == 1 and calm_b:
                running[PROVOCATIONS_BY_A] += 1
                running[B_RETALIATED] += b
            if u > 0 and prev_b == 0 and hist_b[u - 1] == 1:
                running[RETURNS_BY_B] += 1
                running[A_FORGAVE] += 1 - a
            if u > 0 and prev_a == 0 and hist_a[u - 1] == 1:
                running[RETURNS_BY_A] += 1
                running[B_FORGAVE] += 1 - b
        if t + 1 == snaps[snap]:
            # Element by element: a slice assignment compiles a shape check (seconds).
            for f in range(N_MATCH_FIELDS):
                counts[snap, f] = running[f]
            counts[snap, TURNS] = t + 1
            counts[snap, FIRST_DEFECTION_A] = first_a
            counts[snap, FIRST_DEFECTION_B] = first_b
            snap += 1


@njit(cache=True)
def copy_moves(hist_a, hist_b, length, out):
    """The first ``length`` moves of both records into ``out`` (2 x at least ``length``)."""
    for t in range(length):
        out[0, t] = hist_a[t]
        out[1, t] = hist_b[t]


@njit(cache=True)
def slot_lengths(pairs, pair_cell, cell_seed, cell_continuation, rep_start, n_reps, lengths):
    """The length of every match of a block: slot ``s`` is repetition ``rep_start + s // n_pairs``
    of pairing ``s % n_pairs``; ``lengths[c, r]`` is cell c's fixed length in that repetition."""
    n_pairs = pairs.shape[0]
    out = np.empty(n_pairs * n_reps, np.int64)
    for s in range(n_pairs * n_reps):
        r = s // n_pairs
        pair = s % n_pairs
        c = pair_cell[pair]
        key = match_key(cell_seed[c], rep_start + r, pairs[pair, 0], pairs[pair, 1])
        out[s] = match_length(lengths[c, r], cell_continuation[c], key)
    return out


@njit(parallel=True, cache=True)
def play_block(
    kinds,
    param_bounds,
    params,
    pairs,
    pair_cell,
    cells,
    jobs,
    snap_lengths,
    keep_moves,
    scores_out,
    counts_out,
    moves_out,
):
    """Play every job of a block: job k is one match, reported at one or more lengths.

    ``jobs`` is ``(pairing, repetition, start)``: job k plays pairing
    ``pairing[k]`` as in repetition ``repetition[k]``, to the longest of its
    snapshot lengths ``snap_lengths[start[k] : start[k + 1]]`` (ascending), and
    fills those rows of ``scores_out`` and ``counts_out`` (and, with
    ``keep_moves``, ``moves_out[k]``). ``cells`` is ``(seed, noise, discount,
    payoffs, reveal_length)``, by cell but the last; ``params[c]`` is cell c's
    parameter vector. Each output row is written by exactly one job, and every
    draw comes from the match's own streams, so the result does not depend on
    the number of threads or on how the work is split.
    """
    cell_seed, cell_noise, cell_discount, cell_payoffs, reveal_length = cells
    job_pair, job_rep, job_start = jobs
    n_jobs = job_pair.shape[0]
    n_chunks = (n_jobs + CHUNK - 1) // CHUNK
    for chunk in prange(n_chunks):
        first = chunk * CHUNK
        last = min(first + CHUNK, n_jobs)
        longest = 1
        for k in range(first, last):
            longest = max(longest, snap_lengths[job_start[k + 1] - 1])
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
        for k in range(first, last):
            pair = job_pair[k]
            i = pairs[pair, 0]
            j = pairs[pair, 1]
            c = pair_cell[pair]
            top, end = job_start[k], job_start[k + 1]
            rules = (reveal_length, cell_payoffs[c], cell_noise[c], cell_discount[c])
            play_match(
                kinds[i],
                params[c, param_bounds[i, 0] : param_bounds[i, 1]],
                kinds[j],
                params[c, param_bounds[j, 0] : param_bounds[j, 1]],
                snap_lengths[top:end],
                match_key(cell_seed[c], job_rep[k], i, j),
                rules,
                buffers,
                scores_out[top:end],
                counts_out[top:end],
            )
            if keep_moves:
                copy_moves(hist_a, hist_b, snap_lengths[end - 1], moves_out[k])
