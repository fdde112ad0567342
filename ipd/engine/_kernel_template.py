"""The compiled match and tournament kernels, as a template.

Never compiled from here: :mod:`ipd.engine._assemble` parses this file and
writes a module per set of step functions (a tournament's lineup), in which
every ``x = step_dispatch(kind, ...)`` statement of the template becomes an
``if kind == 0: ... elif kind == 1: ...`` chain of direct calls to those step
functions, inlined into the turn loop or called out of line (see
:mod:`ipd.engine._steps`). Every function is a pure function of arrays.

A tournament here is one or more *cells* (one for an ordinary tournament; a
batch of sweep cells otherwise): every pairing belongs to a cell, which gives
its seed, continuation probability, noise, discount and payoffs. A match's
random streams depend only on its cell's seed, its repetition and its two
entrants, so a match plays the same in a batch as alone.

With *misperception* e > 0 each player sees each of the other's moves wrongly
with probability e (its own moves it knows): the moves played, and so the
payoffs, are the real ones, but each player keeps its own record of the other
and reckons the scores from it. Noise, in contrast, flips the move played, and
both records show the flipped move. Misperception is compiled only into the
kernels that need it (:data:`MISPERCEIVE`, which the assembler sets): without
it the turn loop is exactly the one it always was, and as fast.

A match may report *snapshots*: the scores and counters after each of several
lengths, from one play of the longest. A deterministic pair without noise
plays the same moves whatever its length (when the length is hidden), so one
play gives the result of every repetition of that pair.

What does not depend on the steps (match lengths, payoff sums, counters,
buffers, move copies) is in :mod:`ipd.engine._match_parts`, compiled once for
every lineup.
"""

from numba import njit, prange

from ipd.engine._dispatch_placeholder import step_dispatch
from ipd.engine._match_parts import (
    NO_PAYOFFS,
    add_payoffs,
    chunk_buffers,
    copy_moves,
    count_outcomes,
    count_turns,
    item_jobs,
    job_match,
    record_scores,
    work_items,
)
from ipd.engine.constants import (
    STREAM_A,
    STREAM_B,
    STREAM_NOISE,
    STREAM_PERCEPTION,
)
from ipd.engine.random import match_key, stream_seed, uniform

MISPERCEIVE = False
"""Whether this kernel can play misperception (a compile-time constant: the assembler writes
``True`` into the kernels of lineups that play it; in the others the branches fold away)."""


@njit(cache=True)
def play_match(kind_a, params_a, kind_b, params_b, snaps, key, rules, buffers, scores):
    """Play one match of ``snaps[-1]`` turns; fill the move buffers and ``scores`` (the
    caller counts the outcomes from the buffers, see :func:`play_block`).

    ``snaps`` holds ascending lengths; row k of ``scores`` (two columns)
    receives what a match of ``snaps[k]`` turns would have given (the same
    numbers, added in the same order). ``rules`` is ``(reveal_length,
    payoffs, noise, discount, misperception)``; ``buffers`` is ``(hist_a,
    hist_b, seen_a, seen_b, mem_a, mem_b, rng_a, rng_b, rng_noise,
    rng_seen)``, reused from match to match (``seen_a`` is A's record of B's
    moves, ``seen_b`` B's of A's; written only under misperception).

    Scores are totals, or with ``discount`` w > 0 the discounted sums
    ``(1 - w) * sum(w**t * payoff_t)``, comparable to a payoff per turn.
    Strategies always see the undiscounted running totals. Moves are 0 (C)
    and 1 (D); what each player sees of the past is the moves actually
    played, after noise; under misperception it sees its own moves and its
    record of the other's, and the totals that record gives. Each turn draws
    noise for A then B (stream ``STREAM_NOISE``), then A's view of B's move
    and B's view of A's (stream ``STREAM_PERCEPTION``); nothing is drawn for
    a rate of 0, so play without misperception is unchanged by it.
    """
    reveal_length, payoffs, noise, discount, misperception = rules
    hist_a, hist_b, seen_a, seen_b, mem_a, mem_b, rng_a, rng_b, rng_noise, rng_seen = buffers
    length = snaps[snaps.shape[0] - 1]
    rng_a[0] = stream_seed(key, STREAM_A)
    rng_b[0] = stream_seed(key, STREAM_B)
    rng_noise[0] = stream_seed(key, STREAM_NOISE)
    misperceive = MISPERCEIVE and misperception > 0.0
    if misperceive:
        rng_seen[0] = stream_seed(key, STREAM_PERCEPTION)
    # What each player's step reads as the other's past: the moves played, or its own record.
    opp_a = hist_b
    opp_b = hist_a
    if misperceive:
        opp_a = seen_a
        opp_b = seen_b
    mem_a[:] = 0.0
    mem_b[:] = 0.0
    shown = length if reveal_length else -1
    sums = NO_PAYOFFS
    # The totals as each player reckons them (the real ones unless it misperceives).
    own_a = 0.0
    other_a = 0.0
    own_b = 0.0
    other_b = 0.0
    snap = 0
    for t in range(length):
        # Each step_dispatch statement becomes an if/elif chain of direct calls (each inlined
        # or out of line, see ipd.engine._steps): one call through a dispatcher function of
        # every step would cost more than the turn.
        a = step_dispatch(
            kind_a, t, hist_a, opp_a, shown, payoffs, own_a, other_a, params_a, mem_a, rng_a
        )
        b = step_dispatch(
            kind_b, t, hist_b, opp_b, shown, payoffs, own_b, other_b, params_b, mem_b, rng_b
        )
        if noise > 0.0:
            if uniform(rng_noise) < noise:
                a = 1 - a
            if uniform(rng_noise) < noise:
                b = 1 - b
        hist_a[t] = a
        hist_b[t] = b
        sums = add_payoffs(sums, payoffs[2 * a + b], payoffs[2 * b + a], discount)
        if misperceive:
            b_seen = b
            if uniform(rng_seen) < misperception:
                b_seen = 1 - b
            a_seen = a
            if uniform(rng_seen) < misperception:
                a_seen = 1 - a
            seen_a[t] = b_seen
            seen_b[t] = a_seen
            own_a += payoffs[2 * a + b_seen]
            other_a += payoffs[2 * b_seen + a]
            own_b += payoffs[2 * b + a_seen]
            other_b += payoffs[2 * a_seen + b]
        else:
            own_a = sums[0]
            other_a = sums[1]
            own_b = sums[1]
            other_b = sums[0]
        if t + 1 == snaps[snap]:
            record_scores(scores, snap, sums, discount)
            snap += 1


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
    counters,
    scores_out,
    counts_out,
    moves_out,
    lanes,
):
    """Play every job of a block: job k is one match, reported at one or more lengths.

    ``jobs`` is ``(pairing, repetition, start)``: job k plays pairing
    ``pairing[k]`` as in repetition ``repetition[k]``, to the longest of its
    snapshot lengths ``snap_lengths[start[k] : start[k + 1]]`` (ascending), and
    fills those rows of ``scores_out`` and ``counts_out`` (and, with
    ``keep_moves``, ``moves_out[k]``: two rows, or four with the players' own
    records of each other, see :func:`copy_moves`). With ``counters`` false
    only the turns column of ``counts_out`` is filled: for callers that need
    the scores alone, it saves about a quarter of the work. ``cells`` is ``(seed, noise,
    misperception, discount, payoffs, reveal_length)``, by cell but the last;
    ``params[c]`` is cell c's parameter vector. Each output row is written by
    exactly one job, and every draw comes from the match's own streams, so the
    result does not depend on the number of threads or on how the work is split.
    The work items (``CHUNK`` jobs each) are dealt round-robin to ``lanes`` lanes
    (:func:`ipd.engine.constants.lanes`), which numba shares out among its threads.
    """
    cell_seed, cell_noise, cell_misperception, cell_discount, cell_payoffs, reveal_length = cells
    n_jobs = jobs[0].shape[0]
    items = work_items(n_jobs)
    for lane in prange(lanes):  # items dealt round-robin (constants.LANES_PER_THREAD)
        for item in range(lane, items, lanes):
            first, last = item_jobs(item, n_jobs)
            buffers = chunk_buffers(snap_lengths, jobs[2], first, last)
            for k in range(first, last):
                i, j, c, rep, top, end = job_match(k, jobs, pairs, pair_cell)
                snaps = snap_lengths[top:end]
                rules = (
                    reveal_length,
                    cell_payoffs[c],
                    cell_noise[c],
                    cell_discount[c],
                    cell_misperception[c],
                )
                play_match(
                    kinds[i],
                    params[c, param_bounds[i, 0] : param_bounds[i, 1]],
                    kinds[j],
                    params[c, param_bounds[j, 0] : param_bounds[j, 1]],
                    snaps,
                    match_key(cell_seed[c], rep, i, j),
                    rules,
                    buffers,
                    scores_out[top:end],
                )
                if counters:
                    count_outcomes(buffers[0], buffers[1], snaps, counts_out[top:end])
                else:
                    count_turns(snaps, counts_out[top:end])
                if keep_moves:
                    copy_moves(buffers, snap_lengths[end - 1], moves_out[k])
