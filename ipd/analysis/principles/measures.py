"""Per-strategy measures of Axelrod's principles, from the engine's per-pair counters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ipd.analysis.principles.definitions import MEASURE_COLUMNS
from ipd.engine import layout as L


def measure(results) -> pd.DataFrame:
    """Per-strategy measures of Axelrod's four principles, best-ranked first.

    All rates are pooled over every match against another strategy (the twin
    match is excluded; see the module notes), summed over repetitions.

    Parameters
    ----------
    results : ipd.core.results.Results

    Returns
    -------
    pandas.DataFrame
        One row per strategy, in rank order, with columns:

        rank, strategy, name, score
            From the tournament's summary (score: mean points per match).
        matches
            Matches against other strategies (repetitions x opponents).
        first_defection_rate
            Fraction of those matches in which it defected before its opponent
            had ever defected: strictly first, or on the same move as the
            opponent's first defection (neither was answering the other).
            First defections on the last ``END_GAME_MOVES`` moves are excused
            (Axelrod 1980a).
        nice
            ``first_defection_rate == 0``: never first to defect against any
            opponent (Axelrod 1980a).
        win_rate
            Fraction of matches in which it scored more than its opponent.
        score_difference
            Mean over matches of its score minus its opponent's.
        provocations, provocability
            Unprovoked defections by its opponents (the opponent defected
            although it had not defected on the move before, and another move
            followed), and the fraction of them it answered by defecting on
            the very next move.
        returns, forgiveness
            Returns to co-operation by its opponents (the opponent co-operated
            right after defecting, and another move followed), and the fraction
            of them it answered by co-operating on the very next move.
        reciprocity
            ``min(provocability, forgiveness)``: it reciprocates *both*
            defection and co-operation only as far as it does the weaker one.
        coop_after_cc, coop_after_cd, coop_after_dc, coop_after_dd
            Probability it co-operated right after each joint outcome of the
            previous move (own move first).
        clarity
            Accuracy of the best deterministic memory-one model of its play,
            fitted against each opponent separately (one fixed first move and
            one move for each previous joint outcome, each the one it played
            most often), pooled over opponents: the fraction of its moves an
            opponent who remembers only the last round could have foretold.
            1 for any deterministic memory-one rule without noise; about
            max(p, 1 - p) for a rule co-operating at random with probability p.
        entropy
            Conditional entropy, in bits per move, of its move given the
            previous joint outcome (the first move given nothing), per
            opponent, pooled: 0 when fully predictable, 1 for a fair coin.

        Rates with no occurrences (say, a strategy never provoked) are NaN.
    """
    n = results.n_strategies
    counts = np.asarray(results.pair_counts, dtype=np.float64).reshape(len(results.pairs), -1)
    pairs = np.asarray(results.pairs, dtype=np.int64).reshape(-1, 2)
    pair_scores = np.asarray(results.pair_scores, dtype=np.float64).reshape(-1, 2)
    others = pairs[:, 0] != pairs[:, 1]
    counts, pairs, pair_scores = counts[others], pairs[others], pair_scores[others]

    # Every match-up against another strategy, once from each side's point of view.
    views = np.concatenate([counts, counts[:, L.b_view(counts.shape[1])]])
    me = np.concatenate([pairs[:, 0], pairs[:, 1]])
    difference = np.concatenate(
        [pair_scores[:, 0] - pair_scores[:, 1], pair_scores[:, 1] - pair_scores[:, 0]]
    )
    matches_per_view = np.full(len(views), float(results.repetitions))

    first = views[:, L.A_DEFECTED_FIRST] + views[:, L.SAME_TURN_FIRST]
    if views.shape[1] > L.A_DEFECTED_FIRST_LATE:  # results saved before late counts lack it
        first = first - views[:, L.A_DEFECTED_FIRST_LATE]
    hits, moves, bits = _memory_one_fit(views, matches_per_view)

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(me, weights=values, minlength=n).astype(np.float64)

    def total_field(index: int) -> np.ndarray:
        return total(views[:, index])

    matches = total(matches_per_view)
    provocations = total_field(L.PROVOCATIONS_BY_B)
    returns = total_field(L.RETURNS_BY_B)
    first_defections = total(first)
    with np.errstate(invalid="ignore", divide="ignore"):
        provocability = total_field(L.A_RETALIATED) / provocations
        forgiveness = total_field(L.A_FORGAVE) / returns
        coop_after = [total_field(L.COOP_AFTER_A + k) / total_field(L.PREV + k) for k in range(4)]
        frame = pd.DataFrame(
            {
                "strategy": results.labels,
                "matches": matches.astype(np.int64),
                "first_defection_rate": first_defections / matches,
                "nice": pd.array(
                    [
                        pd.NA if m == 0 else bool(f == 0)
                        for f, m in zip(first_defections, matches, strict=True)
                    ],
                    dtype="boolean",
                ),
                "win_rate": total_field(L.A_WINS) / matches,
                "score_difference": total(difference) / matches,
                "provocations": provocations.astype(np.int64),
                "provocability": provocability,
                "returns": returns.astype(np.int64),
                "forgiveness": forgiveness,
                "reciprocity": np.minimum(provocability, forgiveness),
                "coop_after_cc": coop_after[0],
                "coop_after_cd": coop_after[1],
                "coop_after_dc": coop_after[2],
                "coop_after_dd": coop_after[3],
                "clarity": total(hits) / total(moves),
                "entropy": total(bits) / total(moves),
            }
        )
    ranked = results.summary()[["rank", "strategy", "name", "score"]]
    frame = ranked.merge(frame, on="strategy", how="left", validate="one_to_one")
    return frame[MEASURE_COLUMNS].reset_index(drop=True)


def _memory_one_fit(views: np.ndarray, matches: np.ndarray):
    """Best deterministic memory-one model of the row player, one per row of ``views``.

    Each row holds one pairing's counters from the modelled player's side.
    The model plays its most frequent first move, and after each joint
    outcome the move it made most often after that outcome. Returns, per
    row, the moves it foretells, the moves it covers, and the summed
    conditional entropy in bits (moves x bits per move).
    """
    coop = views[:, L.COOP_AFTER_A : L.COOP_AFTER_A + 4]
    seen = views[:, L.PREV : L.PREV + 4]
    first_c = views[:, L.INITIAL_C_A]
    hits = np.maximum(coop, seen - coop).sum(axis=1) + np.maximum(first_c, matches - first_c)
    moves = seen.sum(axis=1) + matches
    bits = (seen * _binary_entropy(coop, seen)).sum(axis=1) + matches * _binary_entropy(
        first_c, matches
    )
    return hits, moves, bits


def _binary_entropy(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Entropy in bits of a coin landing ``successes`` times in ``trials`` (0 when no trials)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(trials > 0, successes / np.where(trials > 0, trials, 1), 0.0)
        q = 1.0 - p
        h = -(np.where(p > 0, p * np.log2(np.where(p > 0, p, 1)), 0.0)) - np.where(
            q > 0, q * np.log2(np.where(q > 0, q, 1)), 0.0
        )
    return h
