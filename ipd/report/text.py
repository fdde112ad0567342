"""Plain-text reports of results, as the command line prints them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from ipd.analysis.ecology import Ecology
    from ipd.core.results import Results
    from ipd.core.settings import Settings


def length_text(settings: Settings) -> str:
    """How long the matches were: ``200 turns``, ``lengths 63,77``, ``continuation w=0.9``."""
    if settings.continuation:
        return f"continuation w={settings.continuation:g}"
    if settings.lengths:
        return "lengths " + ",".join(str(n) for n in settings.lengths)
    return f"{settings.turns} turns"


def tournament_table(results: Results) -> str:
    """The title line with every setting, the ranked table and a key to its columns."""
    s = results.settings
    summary = results.summary()
    g = s.payoffs
    title = results.about.get("name") or "Tournament"
    lines = [
        f"{title}: {len(results.labels)} strategies, {length_text(s)}, "
        f"{s.repetitions} repetitions, noise {s.noise:g}, "
        + (f"misperception {s.misperception:g}, " if s.misperception else "")
        + f"seed {s.seed}, "
        f"payoffs R={g.R:g} S={g.S:g} T={g.T:g} P={g.P:g}, "
        f"self-play {'counted' if s.self_play else 'off'}"
        + (f", discount w={s.discount:g}" if s.discount else "")
    ]
    width = max(8, *(len(x) for x in summary["strategy"]))
    lines.append(
        f"{'rank':>4}  {'strategy':<{width}}  {'score':>9}  {'per turn':>8}  "
        f"{'std':>7}  {'coop':>6}  {'wins':>6}"
    )
    for row in summary.itertuples():
        lines.append(
            f"{row.rank:>4}  {row.strategy:<{width}}  {row.score:>9.2f}  "
            f"{row.score_per_turn:>8.3f}  {row.score_std:>7.2f}  "
            f"{row.cooperation_rate:>6.1%}  {row.wins:>6}"
        )
    lines.append(
        f"score: {s.rank_by} points per match over repetitions; std: across repetitions; "
        "coop: co-operation rate; wins: matches won."
    )
    return "\n".join(lines)


def published_comparison(table: pd.DataFrame, figures: dict[str, float]) -> str:
    """Our table beside a published one: one line per rule, then the two summary figures.

    ``table`` and ``figures`` are what
    :func:`ipd.analysis.reproduction.compare_with_published` returns.
    """
    width = max(8, *(len(str(s)) for s in table["strategy"]))
    lines = [
        f"{'pub rank':>8}  {'strategy':<{width}}  {'pub score':>9}  {'our rank':>8}  "
        f"{'our score':>9}  {'diff':>6}",
    ]
    for row in table.itertuples(index=False):
        if pd.isna(row.score):
            mine = f"{'-':>8}  {'-':>9}  {'-':>6}"
        else:
            diff = f"{'-':>6}" if pd.isna(row.difference) else f"{row.difference:>+6.1f}"
            mine = f"{int(row.rank):>8}  {row.score:>9.1f}  {diff}"
        lines.append(
            f"{int(row.published_rank):>8}  {row.strategy:<{width}}  "
            f"{_published_score(row.published_score)}  {mine}"
        )
    lines.append(comparison_figures(figures))
    return "\n".join(lines)


def _published_score(score: float) -> str:
    return f"{'-':>9}" if pd.isna(score) else f"{score:>9.1f}"


def comparison_figures(figures: dict[str, float]) -> str:
    """The summary line of a comparison with a published table."""
    compared = f"({figures['compared']} rules compared)"
    if figures.get("by") == "rank":
        return (
            f"Spearman rank correlation {figures['spearman']:.3f} between the published ranking "
            f"and ours (the published table gives ranks only); ranks differ by "
            f"{figures['mean_abs_rank_diff']:.1f} places on average {compared}."
        )
    return (
        f"Spearman rank correlation {figures['spearman']:.3f}; mean absolute score difference "
        f"{figures['mean_abs_diff']:.1f} points per match {compared}."
    )


def ecology_report(results: Results, eco: Ecology) -> str:
    """The ecological simulation: start and final shares, extinctions and survivors."""
    start, final = eco.shares.iloc[0], eco.shares.iloc[-1]
    generations = len(eco.shares) - 1
    title = results.about.get("name") or "Tournament"
    lines = [
        f"Ecological simulation of {title}: {len(start)} strategies, {generations} generations, "
        f"extinct below a share of {eco.threshold:g}, seed {results.settings.seed}"
        + (f", assortment r={eco.assortment:g}" if eco.assortment else "")
    ]
    order = eco.survivors + sorted(eco.extinctions, key=lambda s: (eco.extinctions[s], s))
    width = max(8, *(len(s) for s in order))
    lines.append(f"{'strategy':<{width}}  {'start':>7}  {'final':>7}  extinct at")
    for s in order:
        extinct = f"generation {eco.extinctions[s]}" if s in eco.extinctions else "survives"
        lines.append(f"{s:<{width}}  {start[s]:>7.2%}  {final[s]:>7.2%}  {extinct}")
    lines.append(f"survivors ({len(eco.survivors)}): {', '.join(eco.survivors) or 'none'}")
    gone = sorted(eco.extinctions.items(), key=lambda item: (item[1], item[0]))
    lines.append(f"extinct ({len(gone)}): " + (", ".join(f"{s} ({g})" for s, g in gone) or "none"))
    return "\n".join(lines)


def scores_against_table(frame: pd.DataFrame, label: str, name: str) -> str:
    """:meth:`~ipd.core.results.Results.scores_against` as text, one line per opponent."""
    width = max(8, *(len(x) for x in frame["opponent"]))
    lines = [
        f"{name}'s score per game against each rule (mean over repetitions), and the rule's:",
        f"{'rank':>4}  {'opponent':<{width}}  {label:>9}  {'opponent':>9}",
    ]
    for row in frame.itertuples():
        lines.append(
            f"{row.rank:>4}  {row.opponent:<{width}}  {row.score:>9.1f}  {row.opponent_score:>9.1f}"
        )
    return "\n".join(lines)
