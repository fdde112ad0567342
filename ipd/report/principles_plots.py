"""Figures of the principles' what-if part: the change each twin made, with its interval."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ipd.analysis.principles.definitions import PRINCIPLES
from ipd.core.errors import IpdError
from ipd.report.figures import OKABE_ITO, styled

OUTCOME_COLOURS = {
    "supports": OKABE_ITO[0],  # blue
    "contradicts": OKABE_ITO[5],  # vermillion
    "unclear": "0.55",
    "unchanged": "0.8",
}
SHORT = {
    "first_defector": "move 1",
    "first_defector:random=10": "moves 1-10",
    "unprovocable": "unprovocable",
    "unforgiving": "unforgiving",
    "nice": "made nice",
}
"""Short names of the twins in panels that show more than one kind."""
OUTCOME_WORDS = {
    "supports": "the advice paid",
    "contradicts": "the advice cost",
    "unclear": "no clear effect",
    "unchanged": "twin played as before",
}


def draw_what_if(fig, cases) -> None:
    """One panel per principle: each twin's change in score per match, with its interval.

    ``cases`` is :attr:`ipd.analysis.principles.WhatIfReport.cases`; ``fig`` a
    figure or subfigure to draw into.
    """
    if cases.empty:
        raise IpdError("the what-if report has no case to draw")
    keys = [p for p in PRINCIPLES if (cases["principle"] == p.key).any()]
    grid = (
        fig.subplots(2, 2, squeeze=False)
        if len(keys) > 2
        else fig.subplots(1, len(keys), squeeze=False)
    )
    axes = grid.ravel()
    for ax in axes[len(keys) :]:
        ax.set_visible(False)
    for ax, principle in zip(axes, keys, strict=False):
        mine = cases[cases["principle"] == principle.key].iloc[::-1]
        several = mine["layer"].nunique() > 1
        y = np.arange(len(mine))
        for k, row in enumerate(mine.itertuples()):
            colour = OUTCOME_COLOURS[row.outcome]
            if np.isfinite(row.ci_low) and row.ci_high > row.ci_low:
                ax.plot([row.ci_low, row.ci_high], [k, k], color=colour, lw=2.5)
            ax.plot([row.delta], [k], "o", color=colour, ms=6)
        ax.axvline(0.0, color="0.3", lw=0.8)
        labels = [
            f"{r.strategy} ({SHORT.get(r.layer, r.layer)})" if several else r.strategy
            for r in mine.itertuples()
        ]
        ax.set_yticks(y, labels, fontsize=9)
        kind = "" if several else f"\ntwin: {mine['change'].iloc[0]}"
        ax.set_title(f"{principle.title}{kind}", loc="left", fontsize=10)
        ax.set_xlabel("change in score per match")
        ax.grid(axis="x", color="0.9")
        ax.set_axisbelow(True)
    handles = [
        axes[0].plot([], [], "o", color=c, label=OUTCOME_WORDS[k])[0]
        for k, c in OUTCOME_COLOURS.items()
        if (cases["outcome"] == k).any()
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize=9)


@styled
def what_if_figure(report) -> Figure:
    """The what-if panel alone, for a :class:`~ipd.analysis.principles.WhatIfReport`."""
    fig = Figure(figsize=(12.0, _what_if_height(report.cases)), layout="constrained")
    draw_what_if(fig, report.cases)
    fig.suptitle(_title(report), fontweight="bold", fontsize=13)
    return fig


@styled
def measures_and_what_if(measures, ranks, report) -> Figure:
    """The measures against rank above, the what-if panel below."""
    from ipd.report.plots import _principles_columns, principles_figure

    n = len(measures)
    columns = len(_principles_columns(measures))
    top_height = 1.2 + 1.9 * columns
    bottom_height = _what_if_height(report.cases)
    fig = Figure(
        figsize=(max(12.0, 2.0 + 0.5 * n), top_height + bottom_height), layout="constrained"
    )
    top, bottom = fig.subfigures(2, 1, height_ratios=[top_height, bottom_height])
    principles_figure.__wrapped__(measures, ranks, into=top)
    top.suptitle("Axelrod's principles, measured, against rank", fontweight="bold", fontsize=13)
    draw_what_if(bottom, report.cases)
    bottom.suptitle(_title(report), fontweight="bold", fontsize=13)
    return fig


def _what_if_height(cases) -> float:
    counts = [int((cases["principle"] == p.key).sum()) for p in PRINCIPLES]
    pairs = [max(counts[0], counts[1]), max(counts[2], counts[3])]
    return 2.0 + sum(1.2 + 0.32 * max(c, 2) for c in pairs)


def _title(report) -> str:
    s = report.settings
    return (
        "What if? Twins that break (or follow) each principle, replayed with the same "
        f"random streams\n({s['repetitions']} repetitions, {s['confidence']:.0%} intervals)"
    )
