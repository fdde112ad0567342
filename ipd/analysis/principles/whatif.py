"""What-if verdicts: each principle checked by replaying a strategy's matches with a twin.

A correlation across a field says whether the strategies that follow a piece
of advice did well; it cannot say whether following it is *why*. The what-if
test asks the counterfactual directly: replace one strategy by a twin that
differs only in breaking the principle (or, for a strategy that breaks it, in
following it), replay that strategy's matches and see what its score would
have been, everything else the same.

Method
------
* **Twins** are strategy transformers (:mod:`ipd.strategies.transformers`)
  put on the outside of the strategy (:data:`CHANGES`): ``envious`` (defects
  whenever behind), ``first_defector`` (defects unprovoked on move 1, or on a
  random move among the first ten), ``nice`` (co-operates until the opponent
  defects: it follows the advice), ``unprovocable`` (answers defection with
  co-operation), ``unforgiving`` (defects for ever after the opponent's first
  defection) and ``randomised`` (plays a coin's move one time in ten).
* **Common random numbers.** A match's random streams are keyed by the seed,
  the repetition and the two entrants' places (:func:`ipd.engine.random.match_key`),
  so the twin, put in the strategy's place, meets every opponent with the
  same streams: a deterministic field replays exactly, and in a noisy one the
  difference is the effect of the change, not fresh noise.
* **Only what changes is replayed**: the matches of the strategy in question,
  once as it is and once as the twin; every other strategy's total is
  corrected by the difference, so the twin's new rank is its rank in the
  whole field as it would have been.
* **The effect** on the strategy is the paired difference of its score
  (mean points per match) in each repetition, twin minus original, with a
  normal interval ``mean ± z sd / sqrt(R)`` over the R repetitions. It
  *supports* the principle when breaking the advice lowered the score (or
  following it raised it) beyond the interval, *contradicts* it when the
  reverse held beyond the interval, and is *unclear* otherwise; a twin that
  played every match exactly as the original is *unchanged* and not counted
  (an always-defector cannot be made more unforgiving).
* **The verdict** on a principle over the examined strategies: it *holds*
  when at least half of the counted cases support it and none contradicts
  it, *does not hold* in the mirror case, is *mixed* when some cases support
  and others contradict it, and is *inconclusive* otherwise.

By default the top five strategies are examined, and for "don't be the first
to defect" also the best-ranked strategy that is not nice (so that following
the advice is tried too); ``every=True`` examines every strategy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ipd.analysis.principles.definitions import (
    DOES_NOT_HOLD,
    HOLDS,
    INCONCLUSIVE,
    MIXED,
    PRINCIPLES,
    find_verdict,
)
from ipd.core.errors import IpdError
from ipd.core.jsonio import plain, records

Z = 1.96
"""Half-width of the interval in standard errors (95% under a normal approximation)."""
TOP = 5
"""Strategies examined by default: the best-ranked this many."""

SUPPORTS, CONTRADICTS, UNCLEAR, UNCHANGED = "supports", "contradicts", "unclear", "unchanged"


@dataclass(frozen=True)
class Change:
    """One counterfactual: the transformer that makes the twin, and what it does."""

    principle: str
    layer: str
    effect: str
    """``"breaks"`` (the twin breaks the principle) or ``"follows"``."""
    words: str

    @property
    def expected(self) -> int:
        """The sign of the score change the principle predicts."""
        return -1 if self.effect == "breaks" else +1


CHANGES = {
    "envy": (Change("envy", "envious", "breaks", "defects whenever it is behind"),),
    "niceness": (
        Change("niceness", "first_defector", "breaks", "defects unprovoked on move 1"),
        Change(
            "niceness",
            "first_defector:random=10",
            "breaks",
            "defects unprovoked on a random move among the first ten",
        ),
        Change("niceness", "nice", "follows", "never defects first (made nice)"),
    ),
    "reciprocity": (
        Change("reciprocity", "unprovocable", "breaks", "answers defection with co-operation"),
        Change(
            "reciprocity", "unforgiving", "breaks", "never forgives the opponent's first defection"
        ),
    ),
    "clarity": (Change("clarity", "randomised", "breaks", "plays a coin's move one time in ten"),),
}
"""The twins of each principle. Every examined strategy gets all of them: a twin
that changes nothing (a nice rule made nice, an always-defector made
unforgiving) plays exactly as the original and is not counted, so no measured
label decides which twins apply (with noise nobody *plays* nice, though many
rules mean to)."""


@dataclass
class WhatIfVerdict:
    """What the twins say about one principle in this tournament."""

    principle: str
    title: str
    verdict: str
    supported_by: list[str]
    contradicted_by: list[str]
    unclear: list[str]
    unchanged: list[str]
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {k: plain(v) for k, v in self.__dict__.items()}


@dataclass
class WhatIfReport:
    """Every counterfactual played (``cases``, one row per strategy and twin) and the
    verdict on each principle."""

    cases: pd.DataFrame
    verdicts: list[WhatIfVerdict]
    settings: dict[str, Any]

    def verdict(self, principle: str) -> WhatIfVerdict:
        """The verdict on one principle, by key (``"envy"``, ``"niceness"``, ...)."""
        return find_verdict(self.verdicts, principle)

    def to_dict(self) -> dict[str, Any]:
        return {
            "settings": plain(self.settings),
            "cases": records(self.cases),
            "verdicts": [v.to_dict() for v in self.verdicts],
        }

    def format(self) -> str:
        s = self.settings
        lines = [
            f"What if? Each examined strategy replaced by a twin, its matches replayed with "
            f"the same random streams ({s['repetitions']} repetitions; change in score per "
            f"match, twin minus original, with a {s['confidence']:.0%} interval):"
        ]
        c = self.cases
        if c.empty:
            lines.append("  (no strategy examined)")
        width = max([8, *(len(x) for x in c["twin"])]) if not c.empty else 8
        for row in c.itertuples():
            if row.outcome == UNCHANGED:
                effect = "played exactly as before"
            else:
                effect = (
                    f"{row.delta:+8.3f} [{row.ci_low:+.3f}, {row.ci_high:+.3f}]  "
                    f"rank {row.base_rank} -> {row.twin_rank}"
                )
            lines.append(f"  {row.principle:<11}  {row.twin:<{width}}  {effect}  {row.outcome}")
        lines.append("")
        lines.append("What-if verdicts:")
        lines.extend(f"  {v.evidence}" for v in self.verdicts)
        return "\n".join(lines)


def what_if(
    results,
    measures: pd.DataFrame | None = None,
    strategies: list[str] | None = None,
    every: bool = False,
    z: float = Z,
) -> WhatIfReport:
    """Replay the examined strategies' matches with each twin and judge each principle.

    Parameters
    ----------
    results : the tournament (:class:`~ipd.core.results.Results`); its
        strategies and strategy files must be loadable here, as for a rerun.
    measures : :func:`~ipd.analysis.principles.measure` of it (computed when not given).
    strategies : labels to examine (default: the top five, see the module notes).
    every : examine every strategy.
    z : interval half-width in standard errors.
    """
    from ipd.analysis.principles.measures import measure

    if not (isinstance(z, int | float) and z > 0 and math.isfinite(z)):
        raise IpdError(f"z must be a positive number, got {z!r}")
    if measures is None:
        measures = measure(results)
    examined = _examined(results, measures, strategies, every)
    field, plan = _plan(results, examined)
    _warm(field, plan, results.settings)
    base_rep_scores = results.strategy_rep_scores
    base_rep_turns = results.strategy_rep_turns
    from ipd.core.results import standing

    opponents = results.opponents()
    base = standing(base_rep_scores, base_rep_turns, opponents, results.settings)
    base_rank = _ranks(base["order"])
    rows = []
    for e, changes in plan.items():
        pairs = np.flatnonzero((results.pairs[:, 0] == e) | (results.pairs[:, 1] == e))
        own = field.play_totals(pairs=results.pairs[pairs])
        for change, twin in changes:
            swapped = field.with_entrant(e, twin)
            new = swapped.play_totals(pairs=results.pairs[pairs])
            rep_scores = base_rep_scores - own.strategy_rep_scores + new.strategy_rep_scores
            rep_turns = base_rep_turns - own.strategy_rep_turns + new.strategy_rep_turns
            after = standing(rep_scores, rep_turns, opponents, results.settings)
            same = np.array_equal(own.strategy_rep_scores, new.strategy_rep_scores) and (
                np.array_equal(own.strategy_rep_turns, new.strategy_rep_turns)
            )
            rows.append(
                _case(results, e, change, twin, base, after, base_rank, same, z),
            )
    cases = pd.DataFrame(rows, columns=CASE_COLUMNS)
    verdicts = [_judge(p, cases) for p in PRINCIPLES]
    settings = {
        "repetitions": results.repetitions,
        "z": z,
        "confidence": _coverage(z),
        "examined": [results.labels[e] for e in examined],
        "every": every,
    }
    return WhatIfReport(cases, verdicts, settings)


CASE_COLUMNS = [
    "principle",
    "strategy",
    "twin",
    "layer",
    "effect",
    "change",
    "base_score",
    "twin_score",
    "delta",
    "ci_low",
    "ci_high",
    "base_rank",
    "twin_rank",
    "outcome",
]


def _examined(results, measures, strategies, every) -> list[int]:
    order = [results.labels.index(s) for s in measures["strategy"]]
    if every:
        return order
    if strategies:
        unknown = [s for s in strategies if s not in results.labels]
        if unknown:
            raise IpdError(
                f"not in this tournament: {', '.join(unknown)} "
                f"(its strategies: {', '.join(results.labels)})"
            )
        return [results.labels.index(s) for s in dict.fromkeys(strategies)]
    chosen = order[:TOP]
    nice = dict(zip(measures["strategy"], measures["nice"], strict=True))
    if all(nice[results.labels[e]] is True or nice[results.labels[e]] == 1 for e in chosen):
        rest = [
            e
            for e in order[TOP:]
            if nice[results.labels[e]] is False or nice[results.labels[e]] == 0
        ]
        chosen += rest[:1]
    return chosen


def _plan(results, examined):
    """The field as a tournament, and for each examined entrant its (change, twin player)."""
    from ipd.core.tournament import Tournament

    field = Tournament(
        results.labels,
        results.settings.updated(keep_moves=False),
        pairings=results.pairs,
        strategy_files=results.about.get("strategy_files") or (),
    )
    plan = {}
    for e in examined:
        player = field.players[e]
        taken = set(field.labels)
        changes = []
        for principle in PRINCIPLES:
            for change in CHANGES[principle.key]:
                twin = player.transformed(change.layer)
                if twin.label not in taken:
                    changes.append((change, twin))
        plan[e] = changes
    return field, plan


def _warm(field, plan, settings) -> None:
    """Compile (or load) one kernel holding every step the replays need."""
    from ipd.engine import api

    steps = [b.step for b in field.behaviours]
    steps += [
        twin.behaviour(settings.payoffs).step for changes in plan.values() for _, twin in changes
    ]
    api.kernels(list(dict.fromkeys(steps)), misperceive=settings.misperception > 0)


def _ranks(order: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def _case(results, e, change, twin, base, after, base_rank, same, z) -> dict[str, Any]:
    delta = after["per_rep"][e] - base["per_rep"][e]
    mean = float(delta.mean())
    r = len(delta)
    half = z * float(delta.std(ddof=1)) / math.sqrt(r) if r > 1 else math.nan
    if same:
        outcome = UNCHANGED
    elif math.isnan(half) or abs(mean) <= half:
        outcome = UNCLEAR
    else:
        outcome = SUPPORTS if math.copysign(1, mean) == change.expected else CONTRADICTS
    return {
        "principle": change.principle,
        "strategy": results.labels[e],
        "twin": twin.label,
        "layer": change.layer,
        "effect": change.effect,
        "change": change.words,
        "base_score": float(base["score"][e]),
        "twin_score": float(after["score"][e]),
        "delta": mean,
        "ci_low": mean - half,
        "ci_high": mean + half,
        "base_rank": int(base_rank[e]),
        "twin_rank": int(_ranks(after["order"])[e]),
        "outcome": outcome,
    }


def _coverage(z: float) -> float:
    return math.erf(z / math.sqrt(2.0))


def _judge(principle, cases: pd.DataFrame) -> WhatIfVerdict:
    mine = cases[cases["principle"] == principle.key]

    def who(outcome):
        return list(dict.fromkeys(mine["strategy"][mine["outcome"] == outcome]))

    supports, contradicts, unclear = who(SUPPORTS), who(CONTRADICTS), who(UNCLEAR)
    unchanged = who(UNCHANGED)
    n = {k: int((mine["outcome"] == k).sum()) for k in (SUPPORTS, CONTRADICTS, UNCLEAR)}
    counted = sum(n.values())
    if counted == 0:
        verdict = INCONCLUSIVE
    elif n[SUPPORTS] and not n[CONTRADICTS] and 2 * n[SUPPORTS] >= counted:
        verdict = HOLDS
    elif n[CONTRADICTS] and not n[SUPPORTS] and 2 * n[CONTRADICTS] >= counted:
        verdict = DOES_NOT_HOLD
    elif n[SUPPORTS] and n[CONTRADICTS]:
        verdict = MIXED
    else:
        verdict = INCONCLUSIVE
    if counted == 0:
        story = (
            "no twin played differently from its original"
            if len(mine)
            else "no strategy was examined"
        )
    else:
        story = f"the advice paid in {n[SUPPORTS]} of {counted} twins"
        if supports:
            story += f" (for {', '.join(supports)})"
        against = [
            f"{r.strategy} {r.change} {r.delta:+.2f}"
            for r in mine.itertuples()
            if r.outcome == CONTRADICTS
        ]
        if against:
            story += f"; it cost in {n[CONTRADICTS]}: " + "; ".join(against)
        if n[UNCLEAR]:
            story += f"; {n[UNCLEAR]} without a clear effect"
    if unchanged and counted:
        story += f"; {len(mine) - counted} played as before"
    evidence = f"{principle.title}: {verdict.upper()} — {story}"
    return WhatIfVerdict(
        principle.key,
        principle.title,
        verdict,
        supports,
        contradicts,
        unclear,
        unchanged,
        evidence,
    )
