"""The step-independent parts of the match kernel, compiled once for every lineup.

A tournament kernel (:mod:`ipd.engine._assemble` writes one per lineup from
``_kernel_template.py``) plays the steps of its lineup; everything it does
that does not depend on them is here: a match's length, the running sums of
its payoffs, its counters, the buffers and job bookkeeping of a block, and
the copy of its moves. numba compiles these once into its on-disk cache (next
to this file) and every kernel links them, instead of compiling them again
for each lineup (about 4 of the 13 s a new lineup's kernel takes). A
kernel's key hashes this file (:data:`ipd.engine._assemble.HELPERS`), so an
edit here compiles every kernel afresh.
"""

import numpy as np
from numba import njit

from ipd.engine.constants import MEMORY_SLOTS, STREAM_LENGTH
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


NO_PAYOFFS = (0.0, 0.0, 0.0, 0.0, 1.0)
"""The running sums of a match before its first turn: ``(score_a, score_b, discounted_a,
discounted_b, weight)`` (see :func:`add_payoffs`)."""


@njit(inline="always")
def add_payoffs(sums, gain_a, gain_b, discount):
    """The running sums ``(score_a, score_b, discounted_a, discounted_b, weight)`` after a
    turn that paid A ``gain_a`` and B ``gain_b``: the totals, and with a discount w > 0 the
    discounted sums (the weight is w**t)."""
    score_a, score_b, discounted_a, discounted_b, weight = sums
    score_a += gain_a
    score_b += gain_b
    if discount > 0.0:
        discounted_a += weight * gain_a
        discounted_b += weight * gain_b
        weight *= discount
    return score_a, score_b, discounted_a, discounted_b, weight


@njit(inline="always")
def record_scores(scores, snap, sums, discount):
    """Row ``snap`` of ``scores`` from the running sums: the totals, or with a discount w > 0
    the discounted sums times 1 - w."""
    if discount > 0.0:
        scores[snap, 0] = (1.0 - discount) * sums[2]
        scores[snap, 1] = (1.0 - discount) * sums[3]
    else:
        scores[snap, 0] = sums[0]
        scores[snap, 1] = sums[1]


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
def count_turns(snaps, counts):
    """Only the turns counter of each row (the others are left as they are): the counts of
    a caller that needs the scores alone."""
    for k in range(snaps.shape[0]):
        counts[k, TURNS] = snaps[k]


@njit(inline="always")
def chunk_buffers(snap_lengths, job_start, first, last):
    """The buffers :func:`play_match` reuses for jobs ``first .. last - 1`` (see
    :func:`play_block`): move records as long as their longest match, the players' memories
    and random streams."""
    longest = 1
    for k in range(first, last):
        longest = max(longest, snap_lengths[job_start[k + 1] - 1])
    return (
        np.zeros(longest, np.uint8),
        np.zeros(longest, np.uint8),
        np.zeros(longest, np.uint8),
        np.zeros(longest, np.uint8),
        np.zeros(MEMORY_SLOTS, np.float64),
        np.zeros(MEMORY_SLOTS, np.float64),
        np.zeros(1, np.uint64),
        np.zeros(1, np.uint64),
        np.zeros(1, np.uint64),
        np.zeros(1, np.uint64),
    )


@njit(inline="always")
def job_match(k, jobs, pairs, pair_cell):
    """Job k of ``jobs = (pairing, repetition, start)``: its two entrants, their cell, the
    repetition and its rows ``top .. end - 1``, as ``(i, j, c, rep, top, end)``."""
    job_pair, job_rep, job_start = jobs
    pair = job_pair[k]
    return (
        pairs[pair, 0],
        pairs[pair, 1],
        pair_cell[pair],
        job_rep[k],
        job_start[k],
        job_start[k + 1],
    )


@njit(cache=True)
def copy_moves(buffers, length, out):
    """The first ``length`` moves of both records in ``buffers`` into ``out`` (2 x at least
    ``length``); with four rows, also what A saw of B's moves and what B saw of A's (rows 2
    and 3)."""
    hist_a, hist_b, seen_a, seen_b = buffers[0], buffers[1], buffers[2], buffers[3]
    for t in range(length):
        out[0, t] = hist_a[t]
        out[1, t] = hist_b[t]
    if out.shape[0] >= 4:
        for t in range(length):
            out[2, t] = seen_a[t]
            out[3, t] = seen_b[t]


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
