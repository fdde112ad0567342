"""Figures of population models, in the style of :mod:`.figures`: the population over
generations, the fixation matrix, the small-mutation limit, lattice frames (and an animated
GIF), and cluster invasion.

Every function returns a :class:`matplotlib.figure.Figure` (write it with
:func:`ipd.report.figures.save_figure`), except :func:`lattice_gif`, which
writes its file itself, atomically, with matplotlib's Pillow writer.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ipd.core.errors import IpdError
from ipd.core.io import replacing
from ipd.report.figures import OKABE_ITO, STYLE, layer_style, styled
from ipd.report.plots import cell_text, heatmap
from ipd.report.sweep_plots import mark_threshold

if TYPE_CHECKING:
    import pandas as pd

    from ipd.analysis.populations.fixation import FixationResult
    from ipd.analysis.populations.moran import MoranResult
    from ipd.analysis.populations.small_mutation import Stationary
    from ipd.analysis.populations.spatial import SpatialResult

CHANGE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#E69F00")
"""Two strategies on a lattice, after Nowak and May's colouring: first stays first (blue),
second stays second (vermillion), newly first (bluish green), newly second (orange)."""


def _stacked(ax, shares: pd.DataFrame, labels: Sequence[str], **style) -> None:
    """Columns of ``shares`` as stacked layers over its index (colours, then hatching)."""
    styles = [layer_style(k) for k in range(len(labels))]
    layers = ax.stackplot(
        shares.index.to_numpy(),
        shares.to_numpy().T,
        labels=labels,
        colors=[c for c, _ in styles],
        edgecolor="white",
        **style,
    )
    for layer, (_, hatch) in zip(layers, styles, strict=True):
        layer.set_hatch(hatch)


@styled
def population_plot(result: MoranResult, run: int = 0) -> Figure:
    """The population of one run over generations, and with several runs how often each fixed.

    Returns
    -------
    Figure
        Left: the shares of ``run`` as stacked layers (colours, then hatching
        once they run out). Right, with more than one run: each strategy's
        fixation frequency with its 95% Wilson interval, and the neutral 1/k
        share of the start for comparison.
    """
    shares = result.shares(run)
    labels = result.labels
    several = result.runs > 1
    fig = Figure(figsize=(13 if several else 10, 5.6), layout="constrained")
    if several:
        ax, bars = fig.subplots(1, 2, width_ratios=(2.2, 1))
    else:
        ax, bars = fig.add_subplot(), None
    _stacked(ax, shares, labels, linewidth=0.3, step="post")
    ax.set_xlim(shares.index[0], max(shares.index[-1], 1))
    ax.set_ylim(0, 1)
    ax.set_xlabel("generation (one birth and one death)")
    ax.set_ylabel("share of the population")
    s = result.settings
    ax.set_title(
        f"Moran process, N = {result.n}, run {run}" + (f" of {result.runs}" if several else "")
    )
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if bars is not None:
        summary = result.summary()
        y = np.arange(len(labels))[::-1]
        p = summary["fixation_probability"].to_numpy()
        err = np.vstack([p - summary["low"].to_numpy(), summary["high"].to_numpy() - p])
        for k, (yy, pp) in enumerate(zip(y, p, strict=True)):
            colour, hatch = layer_style(k)
            bars.barh(yy, pp, color=colour, hatch=hatch, edgecolor="white")
        bars.errorbar(p, y, xerr=err, fmt="none", ecolor="black", capsize=3)
        start = result.start / result.n
        bars.plot(start, y, "|", color="black", markersize=16, label="share at the start")
        bars.set_yticks(y, labels)
        bars.set_xlim(0, 1)
        bars.set_xlabel("runs it fixed in (95% interval)")
        what = "fixation" if s.stops else "monomorphic at the end"
        bars.set_title(f"{result.runs} runs: {what}")
        bars.legend(loc="lower right")
    return fig


@styled
def fixation_heatmap(result: FixationResult, limit: Stationary | None = None) -> Figure:
    """The fixation matrix, coloured by how far each value is from neutral drift.

    Cells show the probability; the colour is log10(N rho), so neutral (1/N)
    sits in the middle of the scale. With ``limit``, a bar chart of the
    small-mutation limit stands beside it.
    """
    labels = result.labels
    n = len(labels)
    values = result.probability.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.log10(values * result.n)
    bound = 2.0
    relative = np.clip(relative, -bound, bound)
    side = max(5.5, 2.8 + 0.6 * n)
    fig = Figure(figsize=(side + (5.5 if limit is not None else 1.6), side), layout="constrained")
    if limit is not None:
        ax, bars = fig.subplots(1, 2, width_ratios=(side, 4))
    else:
        ax, bars = fig.add_subplot(), None
    cmap = heatmap(
        ax, relative, labels, (-bound, bound), "log10(N × fixation probability); 0 = neutral drift"
    )
    ax.set(
        xlabel="residents",
        ylabel="one mutant",
        title=f"Fixation probabilities, N = {result.n} ({result.method})",
    )
    if n <= 16:
        size = 10 if n <= 8 else 8
        for (i, j), v in np.ndenumerate(values):
            t = relative[i, j]
            shade = cmap((t + bound) / (2 * bound)) if math.isfinite(t) else (0.85,) * 3
            cell_text(ax, i, j, "–" if not math.isfinite(v) else f"{v:.3g}", shade, size)
    if bars is not None:
        share = limit.distribution.to_numpy()
        y = np.arange(n)[::-1]
        for k, (yy, v) in enumerate(zip(y, share, strict=True)):
            colour, hatch = layer_style(k)
            bars.barh(yy, v, color=colour, hatch=hatch, edgecolor="white")
            bars.text(v, yy, f" {v:.1%}", va="center", fontsize=10)
        bars.set_yticks(y, labels)
        bars.set_xlim(0, min(1.0, max(share) * 1.3 + 0.05))
        bars.set_xlabel("share of time (small-mutation limit)")
        bars.set_title("Stationary distribution")
    return fig


@styled
def stationary_plot(table: pd.DataFrame, axis: str) -> Figure:
    """The small-mutation limit as w or the noise varies: stacked shares of time."""
    wide = table.pivot(index=axis, columns="strategy", values="share")
    labels = list(dict.fromkeys(table["strategy"]))
    wide = wide[labels]
    fig = Figure(figsize=(10, 5.6), layout="constrained")
    ax = fig.add_subplot()
    _stacked(ax, wide, labels, linewidth=0.4)
    ax.set_xlim(wide.index.min(), wide.index.max())
    ax.set_ylim(0, 1)
    ax.set_xlabel("w (continuation probability)" if axis == "w" else "noise")
    ax.set_ylabel("share of time in the monomorphic state")
    ax.set_title(f"Small-mutation limit along {axis}")
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def _frame_image(result: SpatialResult, f: int) -> tuple[np.ndarray, ListedColormap, list]:
    """Colour indices of frame ``f`` and the colour map and legend that go with them."""
    now = result.frames[f].astype(np.int64)
    before = result.previous[f].astype(np.int64)
    labels = result.labels
    if len(labels) == 2:
        # 0: first stays, 1: second stays, 2: became first, 3: became second.
        index = np.where(now == before, now, 2 + now)
        colours = list(CHANGE_COLOURS)
        legend = [f"{labels[0]}", f"{labels[1]}", f"new {labels[0]}", f"new {labels[1]}"]
    else:
        index = now
        colours = [OKABE_ITO[k % 7] for k in range(len(labels))]
        legend = list(labels)
    if result.shape:
        index = index.reshape(result.shape)
    else:
        side = math.ceil(math.sqrt(len(index)))
        index = np.concatenate([index, np.full(side * side - len(index), -1)]).reshape(side, side)
    cmap = ListedColormap(colours).with_extremes(under="white")
    return index, cmap, legend


def _draw_frame(ax, result: SpatialResult, f: int):
    index, cmap, legend = _frame_image(result, f)
    norm = BoundaryNorm(np.arange(-0.5, len(cmap.colors) + 0.5), len(cmap.colors))
    image = ax.imshow(index, cmap=cmap, norm=norm, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines[:].set_visible(True)
    share = result.counts[result.frame_generations[f]] / result.counts[0].sum()
    ax.set_title(
        f"generation {result.frame_generations[f]}: "
        + ", ".join(f"{lab} {v:.0%}" for lab, v in zip(result.labels, share, strict=True)),
        fontsize=10,
    )
    return image, cmap, legend


@styled
def lattice_frames(result: SpatialResult, generations: Sequence[int] | None = None) -> Figure:
    """Snapshots of the lattice at some kept generations (default: up to six, spread out)."""
    kept = list(result.frame_generations)
    if generations is None:
        picks = np.unique(np.linspace(0, len(kept) - 1, min(6, len(kept))).round().astype(int))
        chosen = [kept[p] for p in picks]
    else:
        chosen = list(generations)
        missing = [g for g in chosen if g not in kept]
        if missing:
            every = result.settings.every
            raise IpdError(
                f"generation {missing[0]} was not kept (frames every {every} generations, "
                f"0..{kept[-1]})"
            )
    count = len(chosen)
    columns = min(3, count)
    rows = -(-count // columns)
    fig = Figure(figsize=(4.2 * columns, 4.4 * rows + 0.8), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    legend = cmap = None
    for ax, g in zip(axes, chosen, strict=False):
        _, cmap, legend = _draw_frame(ax, result, kept.index(g))
    for ax in axes[count:]:
        ax.set_visible(False)
    handles = [
        Patch(facecolor=c, edgecolor="0.3", label=lab)
        for c, lab in zip(cmap.colors, legend, strict=True)
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
    fig.suptitle("Spatial game: " + result.settings.to_config()["graph"], fontweight="bold")
    return fig


def lattice_gif(
    result: SpatialResult, path: str | Path, *, fps: int = 8, force: bool = False, dpi: int = 80
) -> dict:
    """Write every kept frame as an animated GIF (matplotlib's Pillow writer), atomically.

    Returns a description of the file written.
    """
    from matplotlib.animation import FuncAnimation, PillowWriter

    from ipd.core.io import check_output_path

    path = check_output_path(path, force=force, suffixes=(".gif",))
    if not isinstance(fps, int) or fps < 1:
        raise IpdError(f"frames per second must be a whole number >= 1, got {fps!r}")
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6, 6.4), layout="constrained")
        ax = fig.add_subplot()
        image, cmap, legend = _draw_frame(ax, result, 0)
        handles = [
            Patch(facecolor=c, edgecolor="0.3", label=lab)
            for c, lab in zip(cmap.colors, legend, strict=True)
        ]
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize=9)

        def update(f):
            index, _, _ = _frame_image(result, f)
            image.set_data(index)
            share = result.counts[result.frame_generations[f]] / result.counts[0].sum()
            ax.set_title(
                f"generation {result.frame_generations[f]}: "
                + ", ".join(f"{lab} {v:.0%}" for lab, v in zip(result.labels, share, strict=True)),
                fontsize=10,
            )
            return (image,)

        animation = FuncAnimation(fig, update, frames=len(result.frame_generations), blit=False)
        folder = path.parent if str(path.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".gif")
        os.close(fd)
        with replacing(tmp, path):
            animation.save(tmp, writer=PillowWriter(fps=fps), dpi=dpi)
    return {
        "out": str(path),
        "format": "gif",
        "bytes": path.stat().st_size,
        "frames": len(result.frame_generations),
    }


@styled
def invasion_plot(runs: pd.DataFrame, invader: str, native: str) -> Figure:
    """Clusters of growing size: where they started (own proportion p) and what share they won."""
    fig = Figure(figsize=(9, 5.4), layout="constrained")
    ax = fig.add_subplot()
    threshold = float(runs["threshold"].iloc[0])
    grew = runs["grew"].to_numpy(dtype=bool)
    ax.scatter(
        runs["proportion"][grew],
        runs["final_share"][grew],
        s=60,
        marker="o",
        color=OKABE_ITO[0],
        label="grew",
        zorder=3,
    )
    ax.scatter(
        runs["proportion"][~grew],
        runs["final_share"][~grew],
        s=60,
        marker="x",
        color=OKABE_ITO[5],
        label="did not grow",
        zorder=3,
    )
    for row in runs.itertuples():
        ax.annotate(
            str(row.size),
            (row.proportion, row.final_share),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=9,
        )
    if math.isfinite(threshold):
        mark_threshold(ax, threshold, f"p* = {threshold:.3g}", 0.98, -12)
    ax.set_xlim(-0.02, 1.0)
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlabel("cluster's own proportion p (share of its members' neighbours in it)")
    ax.set_ylabel(f"final share of {invader}")
    ax.set_title(f"Clusters of {invader} among {native} (labels: cluster size)")
    ax.legend(loc="center right")
    ax.grid(alpha=0.3)
    return fig


@styled
def threshold_heatmap(thresholds: pd.DataFrame) -> Figure:
    """Axelrod's cluster thresholds p* of a pool (rows: the cluster, columns: the natives)."""
    labels = [str(x) for x in thresholds.index]
    values = thresholds.to_numpy(dtype=float)
    n = len(labels)
    side = max(5.0, 2.8 + 0.6 * n)
    fig = Figure(figsize=(side + 1.6, side), layout="constrained")
    ax = fig.add_subplot()
    cmap = heatmap(
        ax, values, labels, (0, 1), "p*: share of interactions with its own kind needed to invade"
    )
    ax.set(xlabel="natives", ylabel="cluster", title="Cluster invasion thresholds (grey: never)")
    if n <= 16:
        for (i, j), v in np.ndenumerate(values):
            if math.isfinite(v):
                cell_text(ax, i, j, f"{v:.3g}", cmap(v), 10)
    return fig
