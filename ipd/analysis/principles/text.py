"""The principles report in words: the evidence line of each verdict and number formats."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ipd.analysis.principles.definitions import HOLDS
from ipd.core.words import ordinal, ranges

MEASURE_WORDS = {
    "win_rate": "win rate",
    "nice": "niceness",
    "first_defection_rate": "first-defection rate",
    "reciprocity": "reciprocity",
    "clarity": "clarity",
}


def evidence_line(
    principle, outcome, reason, frame, measure_name, rho, p, n, controlled=False
) -> str:
    head = f"{principle.title}: {outcome.upper()} — "
    if math.isnan(rho):
        return head + reason
    words = MEASURE_WORDS[measure_name]
    kind = "partial Spearman rho (niceness held fixed)" if controlled else "Spearman rho"
    stats = f"{kind} = {rho:+.2f} between {words} and score, p = {fmt_p(p)}"
    by_rank = frame.sort_values("rank")
    top = by_rank.iloc[0]
    if principle.key == "envy":
        most = frame.sort_values(["win_rate", "rank"], ascending=[False, True]).iloc[0]
        if top.win_rate == 0:
            won = f"ranked 1st yet won none of its {int(top.matches)} matches"
        else:
            won = f"ranked 1st winning {share(top.win_rate)} of its matches"
        story = (
            f"{top.name} {won}; {most.name} won the most ({share(most.win_rate)}) "
            f"and ranked {ordinal(most['rank'])}"
        )
    elif measure_name == "nice":
        nice = frame["nice"].fillna(False).to_numpy(dtype=bool)
        ranks = sorted(int(r) for r in frame["rank"][nice])
        others = sorted(int(r) for r in frame["rank"][~nice])
        count = f"the {len(ranks)} nice strateg{'y' if len(ranks) == 1 else 'ies'}"
        if ranks == list(range(1, len(ranks) + 1)):
            story = f"{count} took rank{'s' if len(ranks) > 1 else ''} {ranges(ranks)}"
        elif ranks == list(range(len(frame) - len(ranks) + 1, len(frame) + 1)):
            story = f"{count} took the last ranks, {ranges(ranks)}"
        else:
            story = (
                f"{count} took ranks {ranges(ranks)} (mean {np.mean(ranks):.1f}, "
                f"against {np.mean(others):.1f} for the other {len(others)})"
            )
    elif measure_name == "first_defection_rate":
        story = (
            f"no strategy was {'nice' if not frame['nice'].fillna(False).any() else 'not nice'}"
            f"; {top.name} ranked 1st, first to defect in {share(top.first_defection_rate)} "
            "of its matches"
        )
    elif principle.key == "reciprocity":
        story = (
            f"{top.name} ranked 1st with provocability {fmt(top.provocability)} "
            f"and forgiveness {fmt(top.forgiveness)}"
        )
    else:
        least = frame.sort_values(["clarity", "rank"]).iloc[0]
        story = (
            f"{top.name} ranked 1st with clarity {fmt(top.clarity)}; the least clear, "
            f"{least.name} ({fmt(least.clarity)}), ranked {ordinal(least['rank'])}"
        )
    tail = "" if outcome == HOLDS else f"; {reason}"
    return f"{head}{story} ({stats}{tail})"


def share(value) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{value:.0%}"


def pct(value) -> str:
    return "-" if value is None or pd.isna(value) else f"{value:.0%}"


def num(value, spec: str) -> str:
    return "-" if value is None or pd.isna(value) else format(value, spec)


def fmt(value) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{float(value):.2f}"


def fmt_p(p: float) -> str:
    return f"{p:.2g}" if p < 0.001 else f"{p:.3f}"
