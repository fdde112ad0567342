"""Axelrod's four principles, measured on any tournament and tested against its ranking.

Axelrod (1984, ch. 6; first drawn from the tournaments of 1980a and 1980b)
advised: don't be envious; don't be the first to defect; reciprocate both
co-operation and defection; don't be too clever. Glynatsi, Knight and Harper
(arXiv 2001.05911) found, over thousands of tournaments, that these hold only
in some environments. This module says, for one tournament, which of them
held there, and why.

Everything is computed from the engine's per-pair counters
(:mod:`ipd.engine.layout`), never from per-turn histories, so it costs
O(pairs) whatever the number of turns.

Conventions
-----------
* **Opponents only.** Every behavioural measure is taken over matches against
  *other* strategies: a strategy's match against its own twin (self-play) is
  left out, since how a rule treats a copy of itself says nothing about how it
  treats others (and the twin match is neither won nor lost). Score and rank
  are the tournament's own, self-play included when the tournament counted it.
* **Moves as played.** With noise, the counters see the moves after flips, so
  a flipped move counts like a chosen one: with noise nobody stays nice.
* **End game.** Axelrod (1980a; 1984, ch. 2) counted a rule as nice when it is
  not the first to defect *before the last few moves*. When the engine records
  late first defections (``layout.A_DEFECTED_FIRST_LATE``), a first defection
  on one of the last ``layout.END_GAME_MOVES`` moves of a match is excused;
  without that counter no allowance is made (:data:`END_GAME_ALLOWANCE`).

References
----------
R. Axelrod (1980a), "Effective Choice in the Prisoner's Dilemma", Journal of
Conflict Resolution 24(1):3-25. R. Axelrod (1980b), "More Effective Choice in
the Prisoner's Dilemma", JCR 24(3):379-403. R. Axelrod (1984), The Evolution
of Cooperation, ch. 6 "How to Choose Effectively". N. E. Glynatsi, V. Knight,
M. Harper (2020), "Properties of winning Iterated Prisoner's Dilemma
strategies", arXiv:2001.05911.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ipd.core.errors import IpdError
from ipd.engine import layout as L

ALPHA = 0.05
"""Significance level of the one-sided permutation tests."""

MIN_STRATEGIES = 5
"""Fewer strategies with a defined measure than this give an inconclusive verdict.

With four strategies only a perfect, tie-free ordering reaches p < 0.05 (the
exact one-sided p is then 1/24), so a verdict would hang on one arrangement;
five is the smallest field judged."""

PERMUTATIONS = 9999
"""Default number of random permutations (exact enumeration when n! is no larger)."""

HOLDS, DOES_NOT_HOLD, INCONCLUSIVE = "holds", "does not hold", "inconclusive"

_LATE_A = getattr(L, "A_DEFECTED_FIRST_LATE", None)
_LATE_B = getattr(L, "B_DEFECTED_FIRST_LATE", None)
END_GAME_MOVES = int(getattr(L, "END_GAME_MOVES", 0)) if _LATE_A is not None else 0
END_GAME_ALLOWANCE = _LATE_A is not None and _LATE_B is not None
"""Whether first defections on the last few moves are excused (the engine counts them)."""

MEASURE_COLUMNS = [
    "rank",
    "strategy",
    "name",
    "score",
    "matches",
    "first_defection_rate",
    "nice",
    "win_rate",
    "score_difference",
    "provocations",
    "provocability",
    "returns",
    "forgiveness",
    "reciprocity",
    "coop_after_cc",
    "coop_after_cd",
    "coop_after_dc",
    "coop_after_dd",
    "clarity",
    "entropy",
]


@dataclass(frozen=True)
class Principle:
    """One of Axelrod's principles, as tested here.

    ``direction`` is +1 when a higher value of ``measure`` should go with a
    higher score if the principle holds, -1 when a lower value should.
    """

    key: str
    title: str
    measure: str
    direction: int
    meaning: str


PRINCIPLES = (
    Principle(
        "envy",
        "don't be envious",
        "win_rate",
        -1,
        "winning matches (outscoring the opponent) does not buy a high tournament score",
    ),
    Principle(
        "niceness",
        "don't be the first to defect",
        "nice",
        +1,
        "strategies that are never first to defect score higher than those that are",
    ),
    Principle(
        "reciprocity",
        "reciprocate both co-operation and defection",
        "reciprocity",
        +1,
        "strategies that both retaliate and forgive score higher",
    ),
    Principle(
        "clarity",
        "don't be too clever",
        "clarity",
        +1,
        "strategies whose moves are easy to foresee from the last round score higher",
    ),
)


# ---------------------------------------------------------------------------- measures


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
            when :data:`END_GAME_ALLOWANCE` is on (Axelrod 1980a).
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
    views = np.concatenate([counts, counts[:, _swap_permutation(counts.shape[1])]])
    me = np.concatenate([pairs[:, 0], pairs[:, 1]])
    difference = np.concatenate(
        [pair_scores[:, 0] - pair_scores[:, 1], pair_scores[:, 1] - pair_scores[:, 0]]
    )
    matches_per_view = np.full(len(views), float(results.repetitions))

    first = views[:, L.A_DEFECTED_FIRST] + views[:, L.SAME_TURN_FIRST]
    if END_GAME_ALLOWANCE and views.shape[1] > max(_LATE_A, _LATE_B):
        first = first - views[:, _LATE_A]
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


def _swap_permutation(width: int) -> np.ndarray:
    """Index permutation turning a pair's counters into the column player's view.

    Built for the array's own width, so results saved before a counter was
    added still read correctly.
    """
    perm = np.arange(width)
    for x, y in L.SWAPPED_FOR_B:
        if x < width and y < width:
            perm[x], perm[y] = y, x
    if END_GAME_ALLOWANCE and max(_LATE_A, _LATE_B) < width:
        perm[_LATE_A], perm[_LATE_B] = _LATE_B, _LATE_A
    return perm


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


# ---------------------------------------------------------------------------- statistics


def rank_average(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n of ``values`` (ascending), ties sharing their average rank."""
    values = np.asarray(values, dtype=np.float64)
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    sorted_values = values[order]
    start = 0
    for stop in range(1, len(values) + 1):
        if stop == len(values) or sorted_values[stop] != sorted_values[start]:
            ranks[order[start:stop]] = 0.5 * (start + 1 + stop)
            start = stop
    return ranks


def spearman(x, y) -> float:
    """Spearman's rank correlation (Pearson's on average ranks); NaN without variation."""
    rx, ry = rank_average(x), rank_average(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denominator = math.sqrt(float(rx @ rx) * float(ry @ ry))
    return float(rx @ ry) / denominator if denominator > 0 else math.nan


def permutation_p_value(x, y, direction: int, permutations: int = PERMUTATIONS, seed=0) -> float:
    """One-sided permutation p-value of Spearman's rho in the given direction.

    The p-value is the chance that shuffling ``x`` among the strategies gives a
    correlation at least as large as the observed one (times ``direction``).
    All ``n!`` orders are enumerated when there are no more than
    ``permutations`` of them (an exact test); otherwise ``permutations``
    random shuffles from ``numpy.random.default_rng(seed)`` give
    ``(1 + hits) / (1 + permutations)``, which is never 0 (Phipson and Smyth
    2010). NaN when ``x`` or ``y`` has no variation.
    """
    return _permutation_p_values(x, y, permutations, seed)[direction]


def _permutation_p_values(x, y, permutations, seed) -> dict[int, float]:
    """Both one-sided p-values, {+1: rho this large or larger, -1: this small or smaller}."""
    rx, ry = rank_average(x), rank_average(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    norm = math.sqrt(float(rx @ rx) * float(ry @ ry))
    if norm == 0:
        return {1: math.nan, -1: math.nan}
    observed = float(rx @ ry) / norm
    tolerance = 1e-9
    n = len(rx)
    if math.factorial(n) <= permutations:
        stats = np.array(list(itertools.permutations(rx))) @ ry / norm
        return {
            1: float(np.mean(stats >= observed - tolerance)),
            -1: float(np.mean(stats <= observed + tolerance)),
        }
    rng = np.random.default_rng(seed)
    above = below = done = 0
    while done < permutations:
        size = min(4096, permutations - done)
        stats = rng.permuted(np.broadcast_to(rx, (size, n)), axis=1) @ ry / norm
        above += int(np.count_nonzero(stats >= observed - tolerance))
        below += int(np.count_nonzero(stats <= observed + tolerance))
        done += size
    return {1: (1 + above) / (1 + permutations), -1: (1 + below) / (1 + permutations)}


# ---------------------------------------------------------------------------- verdicts


@dataclass
class Verdict:
    """What one tournament says about one principle.

    Attributes
    ----------
    principle : key of the principle (``envy``, ``niceness``, ``reciprocity``, ``clarity``).
    title : the principle in Axelrod's words, e.g. "don't be envious".
    verdict : ``"holds"``, ``"does not hold"`` or ``"inconclusive"``.
    measure : the column of :func:`measure` that was tested.
    direction : +1 if the principle predicts that a higher measure goes with a
        higher score, -1 if a lower one does.
    rho : Spearman's rank correlation between the measure and the score
        (NaN when it could not be computed).
    p_value : one-sided permutation p-value in the principle's direction.
    n : strategies with a defined measure.
    reason : which rule decided the verdict.
    evidence : one line for people, e.g. "don't be the first to defect:
        HOLDS — the 8 nice strategies took ranks 1–8 (...)".
    details : supporting figures (component correlations, group ranks, ...).
    """

    principle: str
    title: str
    verdict: str
    measure: str
    direction: int
    rho: float
    p_value: float
    n: int
    reason: str
    evidence: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "principle": self.principle,
            "title": self.title,
            "verdict": self.verdict,
            "measure": self.measure,
            "direction": self.direction,
            "rho": _json_number(self.rho),
            "p_value": _json_number(self.p_value),
            "n": self.n,
            "reason": self.reason,
            "evidence": self.evidence,
            "details": _json_ready(self.details),
        }


def verdicts(
    results,
    measures: pd.DataFrame | None = None,
    permutations: int = PERMUTATIONS,
    seed: int = 0,
    alpha: float = ALPHA,
) -> list[Verdict]:
    """One verdict per principle for this tournament.

    Each principle names a measure and the direction in which it should go
    with the score if the principle holds (see :data:`PRINCIPLES`). Let rho be
    Spearman's rank correlation, over the strategies whose measure is
    defined, between the measure and the score the tournament ranked by (mean
    or median points per match), and p the one-sided permutation p-value of
    rho in the principle's direction (:func:`permutation_p_value`). Then:

    * **inconclusive** when fewer than :data:`MIN_STRATEGIES` strategies have
      a defined measure, when the measure or the score takes a single value
      (no variation to test), or when rho points the principle's way but
      p >= ``alpha`` (too weak to tell);
    * **holds** when rho points the principle's way and p < ``alpha``;
    * **does not hold** when rho is zero or points against the principle:
      this tournament gives it no support (the evidence line says whether the
      reversal is itself significant).

    The four principles and their measures:

    * don't be envious (``win_rate``, lower is better): holds when strategies
      that won fewer of their matches scored significantly higher; does not
      hold when winning matches went with a higher score (rho >= 0).
    * don't be the first to defect (``nice``, nice is better): when the
      tournament has both nice and not-nice strategies, rho is the rank
      correlation between the nice label (1/0) and the score, which for fixed
      group sizes orders permutations exactly as the difference between the
      two groups' mean ranks does; so it holds when nice strategies rank
      significantly better. When nobody (or everybody) is nice, as with noise,
      the continuous ``first_defection_rate`` (lower is better) is tested
      instead.
    * reciprocate both co-operation and defection (``reciprocity`` =
      min(provocability, forgiveness), higher is better).
    * don't be too clever (``clarity``, higher is better).

    Parameters
    ----------
    results : ipd.core.results.Results
    measures : the output of :func:`measure` (computed when not given).
    permutations : random shuffles per test (exact enumeration for n! <= permutations).
    seed : seed of the shuffles; principle k uses ``default_rng([seed, k])``.
    alpha : significance level.

    Returns
    -------
    list of Verdict, in the order of :data:`PRINCIPLES`.
    """
    if isinstance(permutations, bool) or not isinstance(permutations, int) or permutations < 1:
        raise IpdError(f"permutations must be a whole number of at least 1, got {permutations!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise IpdError(f"the permutation seed must be a whole number >= 0, got {seed!r}")
    if not 0.0 < float(alpha) < 1.0:
        raise IpdError(f"alpha must be strictly between 0 and 1, got {alpha!r}")
    if measures is None:
        measures = measure(results)
    summary = results.summary().set_index("strategy")
    key = "score_median" if results.config.get("rank_by") == "median" else "score"
    frame = measures.set_index("strategy")
    frame = frame.assign(_score=summary.loc[frame.index, key].to_numpy())
    out = []
    for k, principle in enumerate(PRINCIPLES):
        out.append(_judge(principle, frame, permutations, [seed, k], alpha))
    return out


def _judge(principle: Principle, frame: pd.DataFrame, permutations, seed, alpha) -> Verdict:
    measure_name, direction = principle.measure, principle.direction
    values = frame[measure_name].astype("float64")
    if principle.key == "niceness":
        labels = values.dropna()
        if labels.nunique() < 2:
            measure_name, direction = "first_defection_rate", -1
            values = frame[measure_name].astype("float64")
    defined = values.notna().to_numpy()
    x = values.to_numpy()[defined]
    y = frame["_score"].to_numpy()[defined]
    n = int(defined.sum())
    base = {
        "principle": principle.key,
        "title": principle.title,
        "measure": measure_name,
        "direction": direction,
        "n": n,
    }

    def verdict(outcome, reason, rho=math.nan, p=math.nan, details=None):
        evidence = _evidence(principle, outcome, reason, frame, measure_name, rho, p, n)
        return Verdict(
            verdict=outcome,
            rho=rho,
            p_value=p,
            reason=reason,
            evidence=evidence,
            details=details or {},
            **base,
        )

    label = _MEASURE_WORDS.get(measure_name, measure_name)
    if n < MIN_STRATEGIES:
        return verdict(
            INCONCLUSIVE,
            f"too few strategies: {n} with a defined {label}, at least {MIN_STRATEGIES} needed",
        )
    if np.all(x == x[0]):
        return verdict(
            INCONCLUSIVE, f"no variation: every strategy has the same {label} ({_fmt(x[0])})"
        )
    if np.all(y == y[0]):
        return verdict(INCONCLUSIVE, "no variation: every strategy scored the same")
    rho = spearman(x, y)
    if abs(rho) < 1e-12:
        rho = 0.0
    p_values = _permutation_p_values(x, y, permutations, seed)
    p, p_reverse = p_values[direction], p_values[-direction]
    details = {"p_value_reverse": p_reverse, **_details(principle.key, frame)}
    if direction * rho > 0 and p < alpha:
        reason = f"rho points the principle's way and p = {_fmt_p(p)} < {alpha:g}"
        return verdict(HOLDS, reason, rho, p, details)
    if direction * rho > 0:
        reason = f"rho points the principle's way but p = {_fmt_p(p)} >= {alpha:g}: too weak"
        return verdict(INCONCLUSIVE, reason, rho, p, details)
    if rho == 0:
        reason = "no association at all (rho = 0)"
    else:
        strength = "significantly" if p_reverse < alpha else "not significantly"
        reason = f"rho points against the principle ({strength}: reverse p = {_fmt_p(p_reverse)})"
    return verdict(DOES_NOT_HOLD, reason, rho, p, details)


_MEASURE_WORDS = {
    "win_rate": "win rate",
    "nice": "niceness",
    "first_defection_rate": "first-defection rate",
    "reciprocity": "reciprocity",
    "clarity": "clarity",
}


def _details(key: str, frame: pd.DataFrame) -> dict[str, Any]:
    score = frame["_score"].to_numpy()

    def rho_of(column):
        values = frame[column].astype("float64").to_numpy()
        ok = ~np.isnan(values)
        return spearman(values[ok], score[ok]) if ok.sum() >= 2 else math.nan

    if key == "envy":
        return {"rho_score_difference": rho_of("score_difference")}
    if key == "niceness":
        nice = frame["nice"].fillna(False).to_numpy(dtype=bool)
        return {
            "nice": [s for s, v in zip(frame.index, nice, strict=True) if v],
            "nice_ranks": sorted(int(r) for r in frame["rank"][nice]),
            "not_nice_ranks": sorted(int(r) for r in frame["rank"][~nice]),
            "rho_first_defection_rate": rho_of("first_defection_rate"),
        }
    if key == "reciprocity":
        return {
            "rho_provocability": rho_of("provocability"),
            "rho_forgiveness": rho_of("forgiveness"),
        }
    if key == "clarity":
        return {"rho_entropy": rho_of("entropy")}
    return {}


def _evidence(principle, outcome, reason, frame, measure_name, rho, p, n) -> str:
    head = f"{principle.title}: {outcome.upper()} — "
    if math.isnan(rho):
        return head + reason
    words = _MEASURE_WORDS[measure_name]
    stats = f"Spearman rho = {rho:+.2f} between {words} and score, p = {_fmt_p(p)}"
    by_rank = frame.sort_values("rank")
    top = by_rank.iloc[0]
    if principle.key == "envy":
        most = frame.sort_values(["win_rate", "rank"], ascending=[False, True]).iloc[0]
        if top.win_rate == 0:
            won = f"ranked 1st yet won none of its {int(top.matches)} matches"
        else:
            won = f"ranked 1st winning {_share(top.win_rate)} of its matches"
        story = (
            f"{top.name} {won}; {most.name} won the most ({_share(most.win_rate)}) "
            f"and ranked {_ordinal(most['rank'])}"
        )
    elif measure_name == "nice":
        nice = frame["nice"].fillna(False).to_numpy(dtype=bool)
        ranks = sorted(int(r) for r in frame["rank"][nice])
        others = sorted(int(r) for r in frame["rank"][~nice])
        count = f"the {len(ranks)} nice strateg{'y' if len(ranks) == 1 else 'ies'}"
        if ranks == list(range(1, len(ranks) + 1)):
            story = f"{count} took rank{'s' if len(ranks) > 1 else ''} {_ranges(ranks)}"
        elif ranks == list(range(len(frame) - len(ranks) + 1, len(frame) + 1)):
            story = f"{count} took the last ranks, {_ranges(ranks)}"
        else:
            story = (
                f"{count} took ranks {_ranges(ranks)} (mean {np.mean(ranks):.1f}, "
                f"against {np.mean(others):.1f} for the other {len(others)})"
            )
    elif measure_name == "first_defection_rate":
        story = (
            f"no strategy was {'nice' if not frame['nice'].fillna(False).any() else 'not nice'}"
            f"; {top.name} ranked 1st, first to defect in {_share(top.first_defection_rate)} "
            "of its matches"
        )
    elif principle.key == "reciprocity":
        story = (
            f"{top.name} ranked 1st with provocability {_fmt(top.provocability)} "
            f"and forgiveness {_fmt(top.forgiveness)}"
        )
    else:
        least = frame.sort_values(["clarity", "rank"]).iloc[0]
        story = (
            f"{top.name} ranked 1st with clarity {_fmt(top.clarity)}; the least clear, "
            f"{least.name} ({_fmt(least.clarity)}), ranked {_ordinal(least['rank'])}"
        )
    tail = "" if outcome == HOLDS else f"; {reason}"
    return f"{head}{story} ({stats}{tail})"


# ---------------------------------------------------------------------------- report


@dataclass
class PrinciplesReport:
    """Per-strategy measures and per-principle verdicts for one tournament.

    Attributes
    ----------
    measures : the DataFrame of :func:`measure`.
    verdicts : one :class:`Verdict` per principle.
    settings : the tournament's settings that matter for reading the report,
        and the test's settings (permutations, seed, alpha).
    """

    measures: pd.DataFrame
    verdicts: list[Verdict]
    settings: dict[str, Any]

    def verdict(self, principle: str) -> Verdict:
        """The verdict on one principle, by key (``"envy"``, ``"niceness"``, ...)."""
        for v in self.verdicts:
            if v.principle == principle:
                return v
        keys = ", ".join(p.key for p in PRINCIPLES)
        raise IpdError(f"no principle {principle!r}; choose from {keys}")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: settings, measures (one record per strategy) and verdicts."""
        records = []
        for record in self.measures.to_dict(orient="records"):
            records.append({k: _json_value(v) for k, v in record.items()})
        return {
            "settings": _json_ready(self.settings),
            "measures": records,
            "verdicts": [v.to_dict() for v in self.verdicts],
        }

    def format(self) -> str:
        """The report as text: a table of measures, then one line per verdict."""
        s = self.settings
        lines = [
            f"Axelrod's principles in {s.get('name') or 'this tournament'}: "
            f"{s['strategies']} strategies, noise {s['noise']:g}, "
            f"self-play {'counted' if s['self_play'] else 'off'} "
            "(measures over matches against other strategies)"
        ]
        m = self.measures
        width = max(8, *(len(x) for x in m["strategy"]))
        lines.append(
            f"{'rank':>4}  {'strategy':<{width}}  {'score':>8}  {'nice':>4}  {'1st D':>6}  "
            f"{'wins':>6}  {'diff':>7}  {'provoc':>6}  {'forgive':>7}  {'clarity':>7}"
        )
        for row in m.itertuples():
            nice = "?" if pd.isna(row.nice) else ("yes" if row.nice else "no")
            lines.append(
                f"{row.rank:>4}  {row.strategy:<{width}}  {row.score:>8.2f}  {nice:>4}  "
                f"{_pct(row.first_defection_rate):>6}  {_pct(row.win_rate):>6}  "
                f"{_num(row.score_difference, '+.1f'):>7}  {_num(row.provocability, '.2f'):>6}  "
                f"{_num(row.forgiveness, '.2f'):>7}  {_num(row.clarity, '.3f'):>7}"
            )
        lines.append(
            "1st D: share of matches in which it defected before its opponent"
            + (f" (last {END_GAME_MOVES} moves excused)" if s.get("end_game_allowance") else "")
            + "; wins: share of matches won; diff: mean score minus opponent's per match; "
            "provoc/forgive: share of unprovoked defections answered with D / of returns "
            "to co-operation answered with C; clarity: share of moves a memory-one model "
            "foretells."
        )
        lines.append("")
        lines.append(
            f"Verdicts (one-sided permutation tests of Spearman's rho, alpha {s['alpha']:g}, "
            f"{s['permutations']} permutations, seed {s['permutation_seed']}):"
        )
        lines.extend(f"  {v.evidence}" for v in self.verdicts)
        return "\n".join(lines)


def report(
    results, permutations: int = PERMUTATIONS, seed: int = 0, alpha: float = ALPHA
) -> PrinciplesReport:
    """Measures and verdicts for a tournament (what ``results.principles()`` returns)."""
    measures = measure(results)
    found = verdicts(results, measures, permutations=permutations, seed=seed, alpha=alpha)
    config = results.config
    settings = {
        "name": config.get("name"),
        "strategies": results.n_strategies,
        "turns": config.get("turns"),
        "repetitions": results.repetitions,
        "noise": float(config.get("noise", 0.0)),
        "self_play": bool(config.get("self_play", True)),
        "seed": config.get("seed"),
        "rank_by": config.get("rank_by", "mean"),
        "alpha": alpha,
        "permutations": permutations,
        "permutation_seed": seed,
        "min_strategies": MIN_STRATEGIES,
        "end_game_allowance": END_GAME_MOVES if END_GAME_ALLOWANCE else 0,
    }
    return PrinciplesReport(measures, found, settings)


# ---------------------------------------------------------------------------- formatting


def _ordinal(rank) -> str:
    rank = int(rank)
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _ranges(ranks: list[int]) -> str:
    """``[1, 2, 3, 5, 7, 8]`` -> ``"1–3, 5, 7–8"``."""
    parts = []
    for _, group in itertools.groupby(enumerate(ranks), key=lambda t: t[1] - t[0]):
        run = [r for _, r in group]
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
    return ", ".join(parts)


def _share(value) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{value:.0%}"


def _pct(value) -> str:
    return "-" if value is None or pd.isna(value) else f"{value:.0%}"


def _num(value, spec: str) -> str:
    return "-" if value is None or pd.isna(value) else format(value, spec)


def _fmt(value) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{float(value):.2f}"


def _fmt_p(p: float) -> str:
    return f"{p:.2g}" if p < 0.001 else f"{p:.3f}"


def _json_number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else value


def _json_value(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return _json_number(value)
    return value


def _json_ready(data):
    if isinstance(data, dict):
        return {k: _json_ready(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_json_ready(v) for v in data]
    return _json_value(data)
