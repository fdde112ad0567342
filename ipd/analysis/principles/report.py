"""The principles report: measures and verdicts for one tournament, as data, JSON and text."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ipd.analysis.principles import whatif
from ipd.analysis.principles.definitions import (
    ALPHA,
    END_GAME_MOVES,
    MIN_STRATEGIES,
    PERMUTATIONS,
    find_verdict,
)
from ipd.analysis.principles.measures import measure
from ipd.analysis.principles.text import num, pct
from ipd.analysis.principles.verdicts import Verdict, verdicts
from ipd.analysis.principles.whatif import WhatIfReport
from ipd.core.jsonio import plain, records


@dataclass
class PrinciplesReport:
    """Per-strategy measures and per-principle verdicts for one tournament.

    Attributes
    ----------
    measures : the DataFrame of :func:`measure`.
    verdicts : one :class:`Verdict` per principle.
    settings : the tournament's settings that matter for reading the report,
        and the test's settings (permutations, seed, alpha).
    what_if : the what-if verdicts, or None when not asked for.
    """

    measures: pd.DataFrame
    verdicts: list[Verdict]
    settings: dict[str, Any]
    what_if: WhatIfReport | None = None
    """The counterfactual part (:func:`~ipd.analysis.principles.whatif.what_if`), when asked for."""

    def verdict(self, principle: str) -> Verdict:
        """The verdict on one principle, by key (``"envy"``, ``"niceness"``, ...)."""
        return find_verdict(self.verdicts, principle)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: settings, measures (one record per strategy) and verdicts."""
        return {
            "settings": plain(self.settings),
            "measures": records(self.measures),
            "verdicts": [v.to_dict() for v in self.verdicts],
            "what_if": None if self.what_if is None else self.what_if.to_dict(),
        }

    def _repr_html_(self) -> str:
        """The report for Jupyter: one line per verdict, then the table of measures."""
        s = self.settings
        title = (
            f"Axelrod's principles in {s.get('name') or 'this tournament'}: "
            f"{s['strategies']} strategies, noise {s['noise']:g} "
            "(measures over matches against other strategies)"
        )
        verdicts = "".join(f"<li>{html.escape(v.evidence)}</li>" for v in self.verdicts)
        columns = ["rank", "strategy", "score", "nice", "first_defection_rate", "win_rate"]
        columns += ["score_difference", "provocability", "forgiveness", "clarity"]
        shown = [c for c in columns if c in self.measures.columns]
        table = self.measures[shown].to_html(
            index=False, float_format=lambda v: f"{v:.3f}", border=0, classes="ipd-principles"
        )
        return f"<div><p><strong>{html.escape(title)}</strong></p><ul>{verdicts}</ul>{table}</div>"

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
                f"{pct(row.first_defection_rate):>6}  {pct(row.win_rate):>6}  "
                f"{num(row.score_difference, '+.1f'):>7}  {num(row.provocability, '.2f'):>6}  "
                f"{num(row.forgiveness, '.2f'):>7}  {num(row.clarity, '.3f'):>7}"
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
        if self.what_if is not None:
            lines.append("")
            lines.append(self.what_if.format())
        return "\n".join(lines)


def report(
    results,
    permutations: int = PERMUTATIONS,
    seed: int = 0,
    alpha: float = ALPHA,
    *,
    what_if: bool = False,
    strategies: list[str] | None = None,
    every: bool = False,
) -> PrinciplesReport:
    """Measures and verdicts for a tournament (what ``results.principles()`` returns).

    The descriptive part (measures and correlational verdicts) costs
    O(pairs); ``what_if=True`` adds the counterfactual part, which replays
    the examined strategies' matches with twins (``strategies``, or the top
    five; ``every`` for all), see :mod:`ipd.analysis.principles.whatif`.
    """
    measures = measure(results)
    found = verdicts(results, measures, permutations=permutations, seed=seed, alpha=alpha)
    counterfactual = (
        whatif.what_if(results, measures, strategies=strategies, every=every)
        if what_if or strategies or every
        else None
    )
    s = results.settings
    settings = {
        "name": results.about.get("name"),
        "strategies": results.n_strategies,
        "turns": s.turns,
        "repetitions": results.repetitions,
        "noise": s.noise,
        "self_play": s.self_play,
        "seed": s.seed,
        "rank_by": s.rank_by,
        "alpha": alpha,
        "permutations": permutations,
        "permutation_seed": seed,
        "min_strategies": MIN_STRATEGIES,
        "end_game_allowance": END_GAME_MOVES,
    }
    return PrinciplesReport(measures, found, settings, counterfactual)
