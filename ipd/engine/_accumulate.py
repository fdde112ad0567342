"""Folding a block's per-match outputs into a tournament's running totals (compiled once).

This kernel does not depend on the strategies, so it lives in a fixed module
whose compiled code numba caches beside it, shared by every lineup.
"""

from numba import njit

from ipd.engine.constants import REP_CHUNK
from ipd.engine.layout import (
    A_DEFECTED_FIRST,
    A_DEFECTED_FIRST_LATE,
    A_WINS,
    B_DEFECTED_FIRST,
    B_DEFECTED_FIRST_LATE,
    B_WINS,
    DRAWS,
    END_GAME_MOVES,
    FIRST_DEFECTION_A,
    FIRST_DEFECTION_B,
    INITIAL_C_A,
    INITIAL_C_B,
    N_SUMMED,
    SAME_TURN_FIRST,
    TURNS,
)


@njit(cache=True)
def accumulate_block(pairs, pair_cell, n_entrants, reps, outputs, totals, partial):
    """Fold one block's per-match outputs into the running totals, in slot order.

    ``reps`` is ``(rep_start, n_reps, rep_base)``: the block's first repetition,
    its number of repetitions, and the repetition of column 0 of the
    per-strategy totals. ``outputs`` is ``(scores, counts, rows,
    scores_are_rates)``: slot ``s`` (repetition ``rep_start + s // n_pairs`` of
    pairing ``s % n_pairs``) has
    its scores and counters in row ``rows[s]``, and by cell whether its scores
    are already per-turn figures (normalised discounted payoffs). ``totals`` is ``(pair_scores,
    pair_rate_shift, pair_rates, pair_rate_squares, pair_counts,
    strategy_rep_scores, strategy_rep_turns)``; rows of the per-strategy
    arrays are ``cell * n_entrants + entrant``.

    Sums over repetitions of floating-point figures go first into ``partial``
    (``pair_scores``, ``pair_rates``, ``pair_rate_squares`` of the current
    chunk of :data:`REP_CHUNK` repetitions), which is added to the totals as
    each chunk ends: a fixed summation order, so totals are bit-identical
    however the matches were scheduled, split into blocks or spread over
    machines (a chunk is never split). A self-play match counts once for its
    strategy, with the mean of its two sides.
    """
    rep_start, n_reps, rep_base = reps
    scores, counts, rows, scores_are_rates = outputs
    pair_rate_shift = totals[1]
    pair_counts = totals[4]
    strategy_rep_scores = totals[5]
    strategy_rep_turns = totals[6]
    part_scores, part_rates, part_squares = partial
    n_pairs = pairs.shape[0]
    for s in range(n_pairs * n_reps):
        rep = rep_start + s // n_pairs
        pair = s % n_pairs
        if pair == 0 and rep > 0 and rep % REP_CHUNK == 0:
            flush(partial, totals)
        cell = pair_cell[pair]
        i = cell * n_entrants + pairs[pair, 0]
        j = cell * n_entrants + pairs[pair, 1]
        row = rows[s]
        score_a = scores[row, 0]
        score_b = scores[row, 1]
        c = counts[row]
        turns = c[TURNS]
        part_scores[pair, 0] += score_a
        part_scores[pair, 1] += score_b
        if turns > 0:
            # Sums of score per turn are kept shifted by the first repetition's
            # value, so the spread of a pairing that always scores the same is
            # exactly zero rather than round-off.
            rate_a = score_a if scores_are_rates[cell] else score_a / turns
            rate_b = score_b if scores_are_rates[cell] else score_b / turns
            if rep == 0:
                pair_rate_shift[pair, 0] = rate_a
                pair_rate_shift[pair, 1] = rate_b
            rate_a -= pair_rate_shift[pair, 0]
            rate_b -= pair_rate_shift[pair, 1]
            part_rates[pair, 0] += rate_a
            part_rates[pair, 1] += rate_b
            part_squares[pair, 0] += rate_a * rate_a
            part_squares[pair, 1] += rate_b * rate_b
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
        column = rep - rep_base
        if i == j:
            strategy_rep_scores[i, column] += 0.5 * (score_a + score_b)
            strategy_rep_turns[i, column] += turns
        else:
            strategy_rep_scores[i, column] += score_a
            strategy_rep_scores[j, column] += score_b
            strategy_rep_turns[i, column] += turns
            strategy_rep_turns[j, column] += turns


@njit(cache=True)
def flush(partial, totals):
    """Add the current chunk's partial sums to the totals and start the next chunk at zero."""
    part_scores, part_rates, part_squares = partial
    pair_scores = totals[0]
    pair_rates = totals[2]
    pair_rate_squares = totals[3]
    for pair in range(part_scores.shape[0]):
        for side in range(2):
            pair_scores[pair, side] += part_scores[pair, side]
            pair_rates[pair, side] += part_rates[pair, side]
            pair_rate_squares[pair, side] += part_squares[pair, side]
            part_scores[pair, side] = 0.0
            part_rates[pair, side] = 0.0
            part_squares[pair, side] = 0.0
