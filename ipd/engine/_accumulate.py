"""Folding a block's per-match outputs into a tournament's running totals (compiled once).

This kernel does not depend on the strategies, so it lives in a fixed module
whose compiled code numba caches beside it, shared by every lineup.
"""

from numba import njit

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
