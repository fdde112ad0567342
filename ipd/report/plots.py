"""Figures of tournaments, matches, populations and sweeps, in the style of :mod:`.figures`.

Every function returns a :class:`matplotlib.figure.Figure`; write it with
:func:`ipd.report.figures.save_figure`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import matplotlib
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ipd.core.errors import IpdError
from ipd.report.figures import (
    COOPERATE_COLOUR,
    DEFECT_COLOUR,
    HEATMAP_CMAP,
    OKABE_ITO,
    layer_style,
    styled,
)
from ipd.report.sweep_plots import sweep_plot

__all__ = [
    "ecology_plot",
    "match_timeline",
    "payoff_heatmap",
    "principles_figure",
    "principles_plot",
    "rank_comparison",
    "score_distribution",
    "sweep_plot",
]

if TYPE_CHECKING:
    from ipd.analysis.ecology import Ecology
    from ipd.core.results import Results


# --------------------------------------------------------------------------- tournaments


@styled
def score_distribution(results: Results, *, highlight: Sequence[str] = ()) -> Figure:
    """Each strategy's score in every repetition, as ranked box plots.

    Parameters
    ----------
    results : a played tournament.
    highlight : strategy labels drawn in the second palette colour.

    Returns
    -------
    Figure
        One horizontal box per strategy, best at the top, with its mean (the
        ranking score) marked by a diamond.
    """
    summary = results.summary()
    order = summary["strategy"].tolist()
    scores = results.scores().loc[order]
    n = len(order)
    fig = Figure(figsize=(9, 1.8 + 0.42 * n), layout="constrained")
    ax = fig.add_subplot()
    positions = np.arange(n, 0, -1)
    boxes = ax.boxplot(
        [scores.loc[s].to_numpy() for s in order],
        positions=positions,
        orientation="horizontal",
        widths=0.6,
        patch_artist=True,
        medianprops={"color": "black", "linewidth": 1.5},
        flierprops={"marker": ".", "markersize": 4, "markerfacecolor": "0.3"},
    )
    wanted = set(highlight)
    for label, patch in zip(order, boxes["boxes"], strict=True):
        patch.set_facecolor(OKABE_ITO[1] if label in wanted else OKABE_ITO[4])
        patch.set_edgecolor("black")
    ax.plot(summary["score"], positions, "D", color="black", markersize=5, label="mean (ranks)")
    ax.set_yticks(positions, [f"{r}. {s}" for r, s in zip(summary["rank"], order, strict=True)])
    ax.set_ylim(0.3, n + 0.7)
    ax.set_xlabel("points per match (one value per repetition)")
    ax.set_ylabel("strategy, by rank")
    reps = results.repetitions
    ax.set_title(f"Score distribution over {reps} repetition{'s' if reps != 1 else ''}")
    ax.legend(loc="lower right")
    ax.grid(axis="x", color="0.88")
    ax.set_axisbelow(True)
    return fig


@styled
def payoff_heatmap(results: Results, *, annotate: bool | None = None) -> Figure:
    """Mean score per turn of every row strategy against every column strategy.

    Parameters
    ----------
    results : a played tournament.
    annotate : write each value in its cell; by default when there are at
        most 20 strategies.

    Returns
    -------
    Figure
        Strategies in rank order on both axes; the colour scale runs from S to
        T so colours mean the same in every tournament with these payoffs.
    """
    order = results.summary()["strategy"].tolist()
    matrix = results.payoff_matrix().loc[order, order]
    values = matrix.to_numpy(dtype=float)
    n = len(order)
    game = results.settings.payoffs
    low = min(game.S, float(np.nanmin(values)))
    high = max(game.T, float(np.nanmax(values)))
    side = max(5.5, 2.8 + 0.55 * n)
    fig = Figure(figsize=(side + 1.4, side), layout="constrained")
    ax = fig.add_subplot()
    cmap = heatmap(ax, values, order, (low, high), "mean points per turn of the row player")
    ax.set(
        xlabel="column player (opponent)",
        ylabel="row player",
        title="Mean score per turn, row against column",
    )
    if annotate is None:
        annotate = n <= 20
    if annotate:
        size = 11 if n <= 8 else 9 if n <= 14 else 7.5
        for (i, j), v in np.ndenumerate(values):
            if math.isnan(v):
                ax.text(j, i, "–", ha="center", va="center", fontsize=size, in_layout=False)
                continue
            shade = cmap((v - low) / (high - low) if high > low else 0.5)
            cell_text(ax, i, j, f"{v:.2f}", shade, size)
    return fig


def heatmap(ax, values, labels: Sequence[str], limits: tuple[float, float], bar_label: str):
    """Draw the square matrix ``values`` (NaN in grey) on ``ax``, ``labels`` on both axes.

    ``limits`` are the (low, high) ends of the colour scale, whose bar is
    labelled ``bar_label``. Returns the colour map, for the cells' text.
    """
    n = len(labels)
    cmap = matplotlib.colormaps[HEATMAP_CMAP].with_extremes(bad="0.85")
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=limits[0], vmax=limits[1])
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label(bar_label)
    ax.set_xticks(range(n), labels, rotation=60, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(n), labels)
    ax.spines[:].set_visible(False)
    return cmap


def cell_text(ax, i: int, j: int, text: str, shade, size: float) -> None:
    """Write ``text`` in cell (i, j) of a heatmap, black or white for contrast with ``shade``."""
    luminance = 0.2126 * shade[0] + 0.7152 * shade[1] + 0.0722 * shade[2]
    # Cells lie inside the axes: leaving them out of the layout saves measuring each.
    ax.text(
        j,
        i,
        text,
        ha="center",
        va="center",
        fontsize=size,
        color="black" if luminance > 0.45 else "white",
        in_layout=False,
    )


def _with_moves(results: Results, repetition: int) -> Results:
    """Results whose moves are kept: these, or their first ``repetition + 1`` repetitions rerun."""
    if not 0 <= repetition < results.repetitions:
        raise IpdError(f"repetition must be in 0..{results.repetitions - 1}, got {repetition}")
    if results.moves is not None:
        return results
    if results.settings.continuation:
        raise IpdError("timelines need fixed-length matches, not a continuation probability")
    from ipd.core.tournament import Tournament

    return Tournament.rerun(results, repetitions=repetition + 1, keep_moves=True).play()


def _match_records(row, opponents, results, repetition, settings):
    """Moves (0 = C, 1 = D) and total scores of ``row`` against each opponent."""
    from ipd.core.game import Game, string_to_moves
    from ipd.core.match import play_match

    if results is not None:
        results = _with_moves(results, repetition)
        game = results.settings.payoffs
    else:
        game = settings.get("game") or Game()
    table = np.array([[[game.R, game.R], [game.S, game.T]], [[game.T, game.S], [game.P, game.P]]])
    records = []
    for opponent in opponents:
        if results is not None:
            a, b = results.match_moves(row, opponent, repetition)
            mine = np.array(string_to_moves(a), dtype=np.int64)
            theirs = np.array(string_to_moves(b), dtype=np.int64)
        else:
            match = play_match(row, opponent, **settings)
            mine = np.asarray(match.moves[0], dtype=np.int64)
            theirs = np.asarray(match.moves[1], dtype=np.int64)
        totals = table[mine, theirs].sum(axis=0) if len(mine) else np.zeros(2)
        records.append((opponent, mine, theirs, float(totals[0]), float(totals[1])))
    return records


@styled
def match_timeline(
    row: str,
    opponents: str | Sequence[str] | None = None,
    *,
    results: Results | None = None,
    repetition: int = 0,
    turns: int = 200,
    noise: float = 0.0,
    seed: int = 0,
    game=None,
    reveal_length: bool = False,
) -> Figure:
    """The moves of one match, or of one strategy against several opponents, as a C/D raster.

    Parameters
    ----------
    row : the strategy whose point of view is shown.
    opponents : one opponent (a single match: two lines, ``row`` on top) or a
        list of them (one pair of lines per opponent, ``row`` on the upper
        line). With ``results`` and no opponents: every other strategy in it.
    results : show this tournament's matches: its kept moves when present,
        otherwise its first ``repetition + 1`` round robins are replayed from
        its settings and seed (the very same matches).
    repetition : which repetition of ``results`` to show.
    turns, noise, seed, game, reveal_length : settings of stand-alone matches
        (:func:`ipd.play_match`) when no ``results`` are given.

    Returns
    -------
    Figure
        Co-operation in blue, defection in orange; each pair's total scores
        are written at its right end.
    """
    single = isinstance(opponents, str)
    if opponents is None:
        if results is None:
            raise IpdError("name the opponents, or give the tournament results to take them from")
        ranked = results.summary()["strategy"]
        opponents = [s for s in ranked if s != row] or [row]
    names = [opponents] if single else list(opponents)
    if not names:
        raise IpdError("a timeline needs at least one opponent")
    settings = {
        "turns": turns,
        "noise": noise,
        "seed": seed,
        "game": game,
        "reveal_length": reveal_length,
    }
    records = _match_records(row, names, results, repetition, settings)
    length = max(1, *(len(r[1]) for r in records))
    # Each opponent gets two lines and a blank spacer line (NaN, drawn as background).
    lines = 2 if single else 3 * len(records) - 1
    raster = np.full((lines, length), np.nan)
    for k, (_, mine, theirs, _, _) in enumerate(records):
        top = 0 if single else 3 * k
        raster[top, : len(mine)] = mine
        raster[top + 1, : len(theirs)] = theirs
    height = 2.8 if single else 1.9 + 0.2 * lines
    fig = Figure(figsize=(11, height), layout="constrained")
    ax = fig.add_subplot()
    cmap = ListedColormap([COOPERATE_COLOUR, DEFECT_COLOUR]).with_extremes(bad="white")
    ax.imshow(
        np.ma.masked_invalid(raster),
        cmap=cmap,
        vmin=0,
        vmax=1,
        aspect="auto",
        interpolation="nearest",
        extent=(0.5, length + 0.5, lines - 0.5, -0.5),
    )
    if single:
        opponent, _, _, mine_total, theirs_total = records[0]
        ax.set_yticks([0, 1], [row, opponent])
        ax.set_ylabel("player")
        ax.set_title(f"{row} against {opponent}: every move")
        for line, total in ((0, mine_total), (1, theirs_total)):
            ax.text(length + 1.5, line, f"{total:g}", va="center", fontsize=11)
    else:
        ax.set_yticks([3 * k + 0.5 for k in range(len(records))], [r[0] for r in records])
        ax.set_ylabel("opponent (lower line of each pair)")
        ax.set_title(f"{row} (upper line of each pair) against every opponent")
        for k, (_, _, _, mine_total, theirs_total) in enumerate(records):
            mark = ">" if mine_total > theirs_total else "<" if mine_total < theirs_total else "="
            ax.text(
                length + 1.5,
                3 * k + 0.5,
                f"{mine_total:g} {mark} {theirs_total:g}",
                va="center",
                fontsize=10,
            )
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("move")
    ax.spines[["left", "bottom"]].set_visible(False)
    fig.legend(
        handles=[
            Patch(color=COOPERATE_COLOUR, label="C  co-operate"),
            Patch(color=DEFECT_COLOUR, label="D  defect"),
        ],
        loc="outside lower right",
        ncols=2,
    )
    return fig


@styled
def rank_comparison(
    before: Results,
    after: Results,
    *,
    labels: tuple[str, str] = ("before", "after"),
    highlight: Sequence[str] = (),
    title: str = "How the ranking changes",
) -> Figure:
    """A slope chart of each strategy's rank in two tournaments of the same strategies.

    Parameters
    ----------
    before, after : the two tournaments (only strategies in both are drawn).
    labels : what distinguishes them, written under each column.
    highlight : strategy labels drawn in colour and bold; the others in grey.
    title : the figure's title.

    Returns
    -------
    Figure
    """
    first = before.summary().set_index("strategy")["rank"]
    second = after.summary().set_index("strategy")["rank"]
    common = [s for s in first.index if s in second.index]
    if not common:
        raise IpdError("the two tournaments have no strategy in common")
    n = len(common)
    fig = Figure(figsize=(7.5, 1.8 + 0.36 * n), layout="constrained")
    ax = fig.add_subplot()
    colours = iter(OKABE_ITO)
    for label in common:
        y = [first[label], second[label]]
        if label in highlight:
            colour, width, weight = next(colours, "black"), 3.0, "bold"
        else:
            colour, width, weight = "0.65", 1.2, "normal"
        ax.plot([0, 1], y, "-o", color=colour, linewidth=width, markersize=5)
        ax.text(
            -0.04, y[0], f"{label} {y[0]}", ha="right", va="center", color=colour, weight=weight
        )
        ax.text(1.04, y[1], f"{y[1]} {label}", ha="left", va="center", color=colour, weight=weight)
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylim(n + 0.7, 0.3)
    ax.set_xticks([0, 1], list(labels))
    ax.set_yticks([])
    ax.set_ylabel("rank (1 at the top)")
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.tick_params(axis="x", length=0)
    ax.set_title(title)
    return fig


# --------------------------------------------------------------------------- principles

_PRINCIPLE_COLUMNS = (
    ("first_defection_rate", "first-defection rate", "share of matches"),
    ("win_rate", "match win rate", "share of matches"),
    ("provocability", "provocability", "share answered by D"),
    ("forgiveness", "forgiveness", "share answered by C"),
    ("clarity", "clarity", "share of moves foretold"),
)
"""Measures drawn by :func:`principles_plot` (column, title, axis label), in this order."""


def _principles_columns(measures) -> list[tuple[str, str]]:
    import pandas as pd

    numeric = [c for c in measures.columns if pd.api.types.is_numeric_dtype(measures[c].dtype)]
    chosen = [entry for entry in _PRINCIPLE_COLUMNS if entry[0] in numeric]
    if not chosen:
        skip = {"rank", "score", "score_per_turn"}
        chosen = [(c, c.replace("_", " "), "value") for c in numeric if c not in skip]
    return chosen


@styled
def principles_figure(measures, ranks, *, into=None) -> Figure:
    """Bars of each principle measure, strategies in rank order.

    Parameters
    ----------
    measures : DataFrame, one row per strategy (a ``strategy`` column or the
        index), numeric measure columns (see :data:`_PRINCIPLE_COLUMNS`).
    ranks : mapping or Series from strategy label to tournament rank.

    into : draw into this (sub)figure instead of a new one.

    Returns
    -------
    Figure
        One panel per measure, sharing the x axis (strategies, best first).
    """
    frame = measures.set_index("strategy") if "strategy" in measures.columns else measures
    ranks = dict(ranks)
    order = sorted((s for s in frame.index if s in ranks), key=lambda s: ranks[s])
    if not order:
        raise IpdError("the measures name no strategy of this tournament")
    columns = _principles_columns(frame)
    if not columns:
        raise IpdError("the measures have no numeric column to draw")
    n = len(order)
    if into is None:
        size = (max(7.0, 2.0 + 0.5 * n), 1.2 + 1.9 * len(columns))
        fig = Figure(figsize=size, layout="constrained")
    else:
        fig = into  # a subfigure of a larger figure
    axes = fig.subplots(len(columns), 1, sharex=True, squeeze=False)[:, 0]
    x = np.arange(1, n + 1)
    for k, (ax, (column, title, unit)) in enumerate(zip(axes, columns, strict=True)):
        values = frame.loc[order, column].to_numpy(dtype=float)
        ax.bar(x, np.nan_to_num(values), color=OKABE_ITO[k % 6], width=0.7)
        ax.set_ylabel(unit, fontsize=10)
        ax.set_title(title, loc="left", fontsize=12)
        top = np.nanmax(values) if np.isfinite(values).any() else 1.0
        ax.set_ylim(min(0.0, np.nanmin(values) if np.isfinite(values).any() else 0.0), max(1, top))
        ax.grid(axis="y", color="0.88")
        ax.set_axisbelow(True)
    axes[-1].set_xticks(x, [f"{r}. {s}" for r, s in zip(x, order, strict=True)], rotation=60)
    for label in axes[-1].get_xticklabels():
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")
    axes[-1].set_xlabel("strategy, by tournament rank (best on the left)")
    fig.suptitle("Axelrod's principles, measured, against rank", fontweight="bold", fontsize=14)
    return fig


def principles_plot(results: Results, what_if=None) -> Figure:
    """Each strategy's principle measures (niceness, envy, reciprocity, clarity) against its rank.

    Parameters
    ----------
    results : a played tournament.
    what_if : its :class:`~ipd.analysis.principles.WhatIfReport`, to add the
        what-if panel below (:func:`ipd.report.principles_plots.measures_and_what_if`).

    Returns
    -------
    Figure
        See :func:`principles_figure`.
    """
    from ipd.analysis import principles

    measures = principles.measure(results)
    ranks = results.summary().set_index("strategy")["rank"]
    if what_if is not None:
        from ipd.report.principles_plots import measures_and_what_if

        return measures_and_what_if(measures, ranks, what_if)
    return principles_figure(measures, ranks)


# --------------------------------------------------------------------------- ecology


@styled
def ecology_plot(
    ecology: Ecology, *, generations: int | None = None, title: str | None = None
) -> Figure:
    """Population shares over generations, as a stack plot.

    Parameters
    ----------
    ecology : the output of :meth:`ipd.core.results.Results.ecology`.
    generations : draw only generations 0 to this (the story is often told
        early); all by default.
    title : the figure's title.

    Returns
    -------
    Figure
        Survivors at the bottom, largest final share first; then the extinct,
        latest extinction first. The legend gives each extinction's generation.
    """
    shares = ecology.shares
    if generations is not None:
        shares = shares.loc[: int(generations)]
    final = ecology.shares.iloc[-1]
    survivors = sorted(
        (s for s in shares.columns if s not in ecology.extinctions), key=lambda s: -final[s]
    )
    extinct = sorted(ecology.extinctions, key=lambda s: -ecology.extinctions[s])
    order = survivors + [s for s in extinct if s in shares.columns]
    fig = Figure(figsize=(10, 5.8), layout="constrained")
    ax = fig.add_subplot()
    styles = [layer_style(k) for k in range(len(order))]
    layers = ax.stackplot(
        shares.index.to_numpy(),
        shares[order].to_numpy().T,
        labels=[
            f"{s} (extinct at {ecology.extinctions[s]})" if s in ecology.extinctions else s
            for s in order
        ],
        colors=[c for c, _ in styles],
        edgecolor="white",
        linewidth=0.4,
    )
    for layer, (_, hatch) in zip(layers, styles, strict=True):
        layer.set_hatch(hatch)
    ax.set_xlim(shares.index[0], shares.index[-1])
    ax.set_ylim(0, 1)
    ax.set_xlabel("generation")
    ax.set_ylabel("share of the population")
    total = len(ecology.shares) - 1
    shown = len(shares) - 1
    ax.set_title(
        title
        or f"Ecological simulation: generations 0–{shown}"
        + (f" of {total}" if shown < total else "")
    )
    # Legend top-down in the same order as the layers bottom-up, read from the top.
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig
