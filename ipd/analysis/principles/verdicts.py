"""Verdicts on the principles: a one-sided permutation test of each measure against the score."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ipd.analysis.principles.definitions import (
    ALPHA,
    DOES_NOT_HOLD,
    HOLDS,
    INCONCLUSIVE,
    MIN_STRATEGIES,
    PERMUTATIONS,
    PRINCIPLES,
    Principle,
)
from ipd.analysis.principles.measures import measure
from ipd.analysis.principles.text import MEASURE_WORDS, evidence_line, fmt, fmt_p
from ipd.analysis.stats import partial_spearman, permutation_p_values, spearman
from ipd.core.errors import IpdError
from ipd.core.jsonio import plain


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
            "rho": plain(self.rho),
            "p_value": plain(self.p_value),
            "n": self.n,
            "reason": self.reason,
            "evidence": self.evidence,
            "details": plain(self.details),
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

    **Controlling for niceness.** In most fields the nice rules take the top
    ranks, and win rate, reciprocity and clarity differ between nice and
    not-nice rules, so a plain correlation would credit those measures with
    niceness's effect. When the tested strategies include both nice and
    not-nice ones, the three other principles are therefore judged within
    those groups: rho is the partial rank correlation given niceness
    (:func:`~ipd.analysis.stats.partial_spearman`) and the permutation test
    shuffles the measure only among strategies of the same group (the plain
    rho is kept in ``details["rho_unadjusted"]``).

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
    key = "score_median" if results.settings.rank_by == "median" else "score"
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
        controlled = bool((details or {}).get("controlled_for_niceness"))
        evidence = evidence_line(
            principle, outcome, reason, frame, measure_name, rho, p, n, controlled=controlled
        )
        return Verdict(
            verdict=outcome,
            rho=rho,
            p_value=p,
            reason=reason,
            evidence=evidence,
            details=details or {},
            **base,
        )

    label = MEASURE_WORDS.get(measure_name, measure_name)
    if n < MIN_STRATEGIES:
        return verdict(
            INCONCLUSIVE,
            f"too few strategies: {n} with a defined {label}, at least {MIN_STRATEGIES} needed",
        )
    if np.all(x == x[0]):
        return verdict(
            INCONCLUSIVE, f"no variation: every strategy has the same {label} ({fmt(x[0])})"
        )
    if np.all(y == y[0]):
        return verdict(INCONCLUSIVE, "no variation: every strategy scored the same")
    strata = _niceness_strata(principle, frame, defined)
    details = _details(principle.key, frame)
    if strata is not None:
        if all(np.all(x[strata == v] == x[strata == v][0]) for v in (0, 1)):
            return verdict(
                INCONCLUSIVE,
                f"the {label} is fixed by niceness: nothing to compare within the nice and "
                "the not-nice strategies",
            )
        details["rho_unadjusted"] = spearman(x, y)
        rho = partial_spearman(x, y, strata)
    else:
        rho = spearman(x, y)
    if math.isnan(rho):
        return verdict(INCONCLUSIVE, f"no rank correlation can be computed for the {label}")
    if abs(rho) < 1e-12:
        rho = 0.0
    p_values = permutation_p_values(x, y, permutations, seed, strata=strata)
    p, p_reverse = p_values[direction], p_values[-direction]
    details["p_value_reverse"] = p_reverse
    details["controlled_for_niceness"] = strata is not None
    if direction * rho > 0 and p < alpha:
        reason = f"rho points the principle's way and p = {fmt_p(p)} < {alpha:g}"
        return verdict(HOLDS, reason, rho, p, details)
    if direction * rho > 0:
        reason = f"rho points the principle's way but p = {fmt_p(p)} >= {alpha:g}: too weak"
        return verdict(INCONCLUSIVE, reason, rho, p, details)
    if rho == 0:
        reason = "no association at all (rho = 0)"
    else:
        strength = "significantly" if p_reverse < alpha else "not significantly"
        reason = f"rho points against the principle ({strength}: reverse p = {fmt_p(p_reverse)})"
    return verdict(DOES_NOT_HOLD, reason, rho, p, details)


def _niceness_strata(principle: Principle, frame: pd.DataFrame, defined) -> np.ndarray | None:
    """Nice (1) / not nice (0) of the strategies tested, when a measure must be read
    within those groups: niceness goes with rank in most fields, and win rate,
    reciprocity and clarity all differ between nice and not-nice rules, so a plain
    correlation would credit them with niceness's effect. None when there is
    nothing to control for (one group only, or niceness unknown)."""
    if principle.key == "niceness":
        return None
    nice = frame["nice"].to_numpy()[defined]
    if pd.isna(nice).any():
        return None
    strata = nice.astype(np.int64)
    return strata if 0 < strata.sum() < len(strata) else None


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
