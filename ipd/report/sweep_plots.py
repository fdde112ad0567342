"""The sweep figure: score per turn against w with labelled line ends, and ranks as a heatmap.

The figure of ``ipd sweep plot`` and ``ipd plot sweep``. A rank panel of one
line per strategy becomes a tangle once a dozen strategies cross; here ranks
are a heatmap (strategies down, w across, the rank written in each cell), and
each strategy's *collective-stability threshold* in the sweep is marked: the
smallest w of the sweep from which the strategy is collectively stable in the
pool (no other strategy of the pool invades it, :mod:`ipd.analysis.stability`)
at that w and every larger one. Tit-for-tat's theoretical threshold
(Axelrod's Proposition 2) is drawn as a dashed line in both panels.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ipd.core.errors import IpdError
from ipd.report.figures import HEATMAP_CMAP, line_style, styled

ANNOTATE_UP_TO = 24
"""Rank numbers are written in the cells when the sweep has at most this many w values."""
MAX_W_TICKS = 12


def stability_thresholds(data: pd.DataFrame) -> dict[str, float | None]:
    """Each strategy's collective-stability threshold in one slice of a sweep.

    The smallest w of the slice from which the strategy is collectively stable
    at every larger w of the slice; ``None`` when it is not stable at the
    largest w, or when the sweep did not record stability (no self-play).
    """
    out: dict[str, float | None] = {}
    for label, rows in data.groupby("strategy", sort=False):
        rows = rows.sort_values("w")
        stable = rows["stable"].tolist()
        if not stable or any(x is None or x is pd.NA for x in stable) or not bool(stable[-1]):
            out[str(label)] = None
            continue
        k = len(stable) - 1
        while k > 0 and bool(stable[k - 1]):
            k -= 1
        out[str(label)] = float(rows["w"].iloc[k])
    return out


def _column_position(ws: Sequence[float], value: float) -> float | None:
    """Where ``value`` falls among the heatmap's columns (centres at 0, 1, ...), if inside."""
    ws = list(ws)
    if not ws or value < ws[0] or value > ws[-1]:
        return None
    if len(ws) == 1:
        return 0.0
    k = int(np.searchsorted(ws, value, side="right")) - 1
    k = min(max(k, 0), len(ws) - 2)
    return k + (value - ws[k]) / (ws[k + 1] - ws[k])


def _spread(values: list[float], gap: float) -> list[float]:
    """``values`` moved apart (keeping their order) so neighbours are at least ``gap`` apart."""
    order = np.argsort(values)
    placed = np.asarray(values, dtype=float)[order].copy()
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    # Centre the block of moved labels on the original values.
    shift = (placed - np.asarray(values, dtype=float)[order]).mean()
    placed -= shift / 2
    out = np.empty_like(placed)
    out[order] = placed
    return out.tolist()


def mark_threshold(ax, x: float, text: str, height: float, drop: float) -> None:
    """A dashed vertical line at ``x``, labelled ``text`` beside it at ``height`` (an axes
    fraction), ``drop`` points lower."""
    ax.axvline(x, color="black", linestyle="--", linewidth=1)
    ax.annotate(
        text,
        xy=(x, height),
        xycoords=("data", "axes fraction"),
        xytext=(4, drop),
        textcoords="offset points",
        fontsize=10,
    )


def _score_panel(ax, data, labels, threshold) -> None:
    ends = []
    for k, label in enumerate(labels):
        colour, dashes = line_style(k)
        rows = data[data["strategy"] == label].sort_values("w")
        marker = "o" if len(rows) < 30 else None
        ax.plot(
            rows["w"],
            rows["score_per_turn"],
            color=colour,
            linestyle=dashes,
            marker=marker,
            ms=3,
            label=label,
        )
        ends.append((float(rows["w"].iloc[-1]), float(rows["score_per_turn"].iloc[-1]), colour))
    if ends:
        low, high = ax.get_ylim()
        placed = _spread([y for _, y, _ in ends], (high - low) / 28)
        for label, (x, _, colour), y in zip(labels, ends, placed, strict=True):
            ax.annotate(
                label,
                xy=(x, y),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=10,
                color=colour,
                annotation_clip=False,
            )
    if threshold is not None:
        mark_threshold(ax, threshold, f"TFT collectively stable for w ≥ {threshold:.3g}", 1.0, -14)
    ax.set_ylabel("score per turn")
    ax.set_xlabel("w")
    ax.grid(alpha=0.3)


def _rank_panel(ax, data, labels, ws, threshold) -> None:
    n, m = len(labels), len(ws)
    ranks = np.full((n, m), np.nan)
    column = {w: j for j, w in enumerate(ws)}
    row = {s: i for i, s in enumerate(labels)}
    for r in data.itertuples():
        ranks[row[r.strategy], column[r.w]] = r.rank
    image = ax.imshow(
        ranks,
        cmap=HEATMAP_CMAP + "_r",
        aspect="auto",
        vmin=1,
        vmax=max(2, int(np.nanmax(ranks))) if n else 2,
        interpolation="nearest",
    )
    if m <= ANNOTATE_UP_TO:
        size = 10 if m <= 12 and n <= 16 else 8
        for i in range(n):
            for j in range(m):
                if np.isnan(ranks[i, j]):
                    continue
                light = image.norm(ranks[i, j]) > 0.55
                ax.text(
                    j,
                    i,
                    f"{int(ranks[i, j])}",
                    ha="center",
                    va="center",
                    fontsize=size,
                    color="white" if light else "black",
                )
    stable = data[data["stable"].fillna(False).astype(bool)] if "stable" in data else data[:0]
    if len(stable):
        xs = [column[w] + 0.36 for w in stable["w"]]
        ys = [row[s] - 0.3 for s in stable["strategy"]]
        ax.scatter(xs, ys, s=14, color="white", edgecolors="black", linewidths=0.8, zorder=3)
    thresholds = stability_thresholds(data)
    for i, label in enumerate(labels):
        w0 = thresholds.get(label)
        text = "never stable" if w0 is None else f"stable for w ≥ {w0:g}"
        if w0 is not None:
            j = column[w0]
            ax.plot([j - 0.5, j - 0.5], [i - 0.5, i + 0.5], color="black", linewidth=3.5)
        ax.text(m - 0.5 + 0.15, i, text, va="center", fontsize=9, clip_on=False)
    at = None if threshold is None else _column_position(ws, threshold)
    if at is not None:
        ax.axvline(at, color="black", linestyle="--", linewidth=1)
    ax.set_yticks(range(n), [f"{s}" for s in labels])
    step = max(1, -(-m // MAX_W_TICKS))
    ax.set_xticks(range(0, m, step), [f"{w:g}" for w in ws[::step]])
    ax.set_xlabel("w (continuation probability / discount factor), one column per value swept")
    ax.set_ylabel("strategy, by rank at the largest w")
    ax.set_title(
        "Rank at each w (1 = best); dot: collectively stable in this pool at that w; "
        "bar: stable from there on",
        fontsize=11,
    )
    ax.spines[["top", "right", "left", "bottom"]].set_visible(False)


@styled
def sweep_plot(
    folder: str | Path,
    *,
    noise: float | None = None,
    payoffs: str | Sequence[float] | None = None,
    strategies: Sequence[str] | None = None,
    misperception: float | None = None,
) -> Figure:
    """Score per turn against w (labelled lines) and the rank of each strategy at each w
    (a heatmap), each strategy's collective-stability threshold and TFT's marked.

    Parameters
    ----------
    folder : a sweep's output folder.
    noise, payoffs, misperception : which slice to draw when the sweep has several
        (required then).
    strategies : draw only these.

    Returns
    -------
    Figure, with two axes: the scores (top) and the rank heatmap (bottom).
    """
    from ipd.analysis.stability import tft_threshold
    from ipd.core.game import Game
    from ipd.sweep.store import sweep_slice

    data, (R, S, T, P), noise = sweep_slice(
        folder, noise=noise, payoffs=payoffs, strategies=strategies, misperception=misperception
    )
    ws = sorted(float(w) for w in data["w"].unique())
    last = data[data["w"] == ws[-1]].sort_values("rank") if ws else data
    labels = list(dict.fromkeys(last["strategy"]))
    labels += [s for s in dict.fromkeys(data["strategy"]) if s not in labels]
    try:
        threshold = tft_threshold(Game(R, S, T, P, allow_non_dilemma=True))
    except IpdError:
        threshold = None
    height = 4.2 + 0.32 * max(len(labels), 4)
    figure = Figure(figsize=(11, height), layout="constrained")
    score_axes, rank_axes = figure.subplots(
        2, 1, height_ratios=[3.6, 0.3 * max(len(labels), 4) + 0.8]
    )
    _score_panel(score_axes, data, labels, threshold)
    _rank_panel(rank_axes, data, labels, ws, threshold)
    mode = data["mode"].iloc[0] if len(data) else ""
    figure.suptitle(
        f"Score and rank against the shadow of the future w ({mode} sweep, "
        f"payoffs R={R:g} S={S:g} T={T:g} P={P:g}, noise {float(noise):g})",
        fontweight="bold",
        fontsize=13,
    )
    score_axes.set_title("Score per turn of each strategy", fontsize=11)
    return figure
