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

from ipd.engine.constants import CHUNK, MEMORY_SLOTS, STREAM_LENGTH
from ipd.engine.layout import (
    A_FORGAVE,
    A_RETALIATED,
    B_FORGAVE,
    B_RETALIATED,
    COOP_AFTER_A,
    COOP_AFTER_B,
    FIRST_DEFECTION_A,
    FIRST_DEFECTION_B,
    N_SUMMED,
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

    Every counter but the first defections is a sum over the moves of
    something that depends on three consecutive outcomes at most (the move
    before, the move, the move after: a *window*, see :func:`_add_window`).
    Over a long stretch between two snapshots the loop only tallies the
    windows (64 kinds), about one increment a move, and turns the tally into
    counters at the snapshot; a short stretch adds each window's counters as
    it comes. Row k counts exactly a match of ``snaps[k]`` turns (ascending).
    The first window pairs move 0 with a virtual mutual co-operation before
    it: a calm move before, and no return, exactly as the definitions treat
    the first move. A separate pass over the finished match keeps the turn
    loop short.
    """
    windows = np.zeros(64, np.int64)
    a = np.int64(hist_a[0])
    b = np.int64(hist_b[0])
    window = 2 * a + b
    first_a = 0 if a == 1 else -1
    first_b = 0 if b == 1 else -1
    t = 1
    for snap in range(snaps.shape[0]):
        end = snaps[snap]
        # Element by element: a slice assignment compiles a shape check (seconds).
        for f in range(N_SUMMED):
            counts[snap, f] = 0 if snap == 0 else counts[snap - 1, f]
        if snap == 0:
            counts[0, window] = 1
        row = counts[snap]
        if end - t < SHORT_STRETCH:
            for u in range(t, end):
                window, first_a, first_b = _next_window(hist_a, hist_b, u, window, first_a, first_b)
                _add_window(row, window, 1)
        else:
            for u in range(t, end):
                window, first_a, first_b = _next_window(hist_a, hist_b, u, window, first_a, first_b)
                windows[window] += 1
            for w in range(64):
                if windows[w] != 0:
                    _add_window(row, w, windows[w])
                    windows[w] = 0
        t = max(t, end)
        counts[snap, TURNS] = end
        counts[snap, FIRST_DEFECTION_A] = first_a
        counts[snap, FIRST_DEFECTION_B] = first_b


@njit(cache=True, inline="always")
def _next_window(hist_a, hist_b, u, window, first_a, first_b):
    """The window that move ``u`` ends, and the first defections seen up to it."""
    a = np.int64(hist_a[u])
    b = np.int64(hist_b[u])
    window = ((window << 2) | (2 * a + b)) & 63
    if first_a < 0 and a == 1:
        first_a = u
    if first_b < 0 and b == 1:
        first_b = u
    return window, first_a, first_b


SHORT_STRETCH = 48
"""Below this many moves between two snapshots, :func:`count_outcomes` adds each window's
counters as it comes rather than tallying 64 kinds of window first."""


@njit(cache=True, inline="always")
def _add_window(row, w, n):
    """Add to the counters ``row`` what ``n`` occurrences of window ``w`` contribute.

    Window ``16 z + 4 x + y`` is three consecutive outcomes (z, x, y), each
    coded 2 * A's move + B's move: moves u - 1, u and u + 1. It counts move
    u + 1's outcome, and what move u contributes to the counters that need
    the move after it (:mod:`ipd.engine.layout` defines each).
    """
    z, x, y = w >> 4, (w >> 2) & 3, w & 3
    a_z, b_z, a_x, b_x, a_y, b_y = z >> 1, z & 1, x >> 1, x & 1, y >> 1, y & 1
    row[y] += n
    row[PREV + x] += n
    row[COOP_AFTER_A + x] += n * (1 - a_y)
    row[COOP_AFTER_B + 2 * b_x + a_x] += n * (1 - b_y)
    if b_x == 1 and a_z == 0:  # B defected though A had not, the move before
        row[PROVOCATIONS_BY_B] += n
        row[A_RETALIATED] += n * a_y
    if a_x == 1 and b_z == 0:
        row[PROVOCATIONS_BY_A] += n
        row[B_RETALIATED] += n * b_y
    if b_x == 0 and b_z == 1:  # B co-operated right after defecting
        row[RETURNS_BY_B] += n
        row[A_FORGAVE] += n * (1 - a_y)
    if a_x == 0 and a_z == 1:
        row[RETURNS_BY_A] += n
        row[B_FORGAVE] += n * (1 - b_y)


@njit(cache=True)
def count_turns(snaps, counts):
    """Only the turns counter of each row (the others are left as they are): the counts of
    a caller that needs the scores alone."""
    for k in range(snaps.shape[0]):
        counts[k, TURNS] = snaps[k]


@njit(inline="always")
def work_items(n_jobs):
    """How many work items of ``CHUNK`` jobs a kernel call's ``n_jobs`` make."""
    return (n_jobs + CHUNK - 1) // CHUNK


@njit(inline="always")
def item_jobs(item, n_jobs):
    """The jobs ``first .. last - 1`` of work item ``item``."""
    first = item * CHUNK
    return first, min(first + CHUNK, n_jobs)


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
