"""Plain-text reports of population models, as the population commands print them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from ipd.analysis.populations.fixation import FixationResult
    from ipd.analysis.populations.moran import MoranResult
    from ipd.analysis.populations.small_mutation import Stationary
    from ipd.analysis.populations.spatial import SpatialResult


def _process_line(settings, n: int, graph: str) -> str:
    s = settings
    line = (
        f"N = {n}, {'birth-death' if s.process == 'bd' else 'death-birth'}, "
        f"{s.fitness} fitness, intensity {s.intensity:g}, graph {graph}"
    )
    if s.reproduction is not None:
        line += f" (reproduction graph {s.reproduction})"
    if getattr(s, "assortment", 0.0):
        line += f", assortment r={s.assortment:g}"
    return line


def moran_report(result: MoranResult, source: str) -> str:
    """The runs: settings, one line per strategy (fixations with their interval), run counts."""
    s = result.settings
    lines = [
        f"Moran process: {_process_line(s, result.n, result.interaction['description'])}, "
        f"mutation {s.mutation:g}, {result.runs} run{'s' * (result.runs != 1)}, "
        f"seed {s.seed}; payoffs: {source}"
    ]
    summary = result.summary()
    width = max(8, *(len(x) for x in summary["strategy"]))
    lines.append(
        f"{'strategy':<{width}}  {'start':>5}  {'fixed':>6}  {'probability':>11}  "
        f"{'95% interval':>15}  {'generations':>11}  {'final share':>11}"
    )
    for row in summary.itertuples():
        generations = "-" if np.isnan(row.mean_generations) else f"{row.mean_generations:.0f}"
        lines.append(
            f"{row.strategy:<{width}}  {row.start:>5}  {row.fixations:>6}  "
            f"{row.fixation_probability:>11.4f}  [{row.low:.4f}, {row.high:.4f}]  "
            f"{generations:>11}  {row.mean_final_share:>11.2%}"
        )
    unfinished = int((result.fixed < 0).sum())
    if s.stops:
        lines.append(
            f"fixed: runs the strategy took over; generations: their mean length. "
            f"{unfinished} run(s) had not fixed after {s.generations} generations."
        )
    else:
        lines.append(
            f"With mutation nothing fixes for good: runs went on for {s.generations} "
            f"generations; fixed counts runs that ended with one strategy."
        )
    return "\n".join(lines)


def _square(frame: pd.DataFrame, digits: int = 4) -> list[str]:
    labels = [str(x) for x in frame.index]
    width = max(8, *(len(x) for x in labels))
    cell = max(digits + 4, *(len(x) for x in labels))
    lines = [" " * width + "  " + "  ".join(f"{x:>{cell}}" for x in frame.columns)]
    for label, row in zip(labels, frame.to_numpy(), strict=True):
        values = "  ".join(
            f"{'-':>{cell}}" if not np.isfinite(v) else f"{v:>{cell}.{digits}f}" for v in row
        )
        lines.append(f"{label:<{width}}  {values}")
    return lines


def fixation_report(result: FixationResult, limit: Stationary | None, source: str) -> str:
    """The fixation matrix (rows: the mutant), compared with neutral drift, and the limit."""
    s = result.settings
    runs = f", {s.runs} runs per pair, seed {s.seed}" if result.method == "simulate" else ""
    lines = [
        f"Fixation probabilities ({result.method}{runs}): "
        f"{_process_line(s, result.n, str(s.interaction))}; payoffs: {source}",
        f"row: one mutant, column: the residents; neutral drift 1/N = {result.neutral:.4f}",
    ]
    lines += _square(result.probability)
    if result.method == "simulate":
        lines.append("95% Wilson intervals: --json or --out give them for every pair.")
    if limit is not None:
        lines.append("")
        lines.append(
            "Small-mutation limit (Fudenberg and Imhof 2006): share of time in each "
            "monomorphic state"
        )
        width = max(8, *(len(str(x)) for x in limit.distribution.index))
        order = limit.distribution.sort_values(ascending=False)
        for label, share in order.items():
            lines.append(f"  {label:<{width}}  {share:>7.2%}")
        lines.append(f"most abundant: {limit.most_abundant}")
    return "\n".join(lines)


def sweep_report(table: pd.DataFrame, axis: str) -> str:
    """The stationary distribution along w or noise: one row per value."""
    wide = table.pivot(index=axis, columns="strategy", values="share")
    labels = list(dict.fromkeys(table["strategy"]))
    wide = wide[labels]
    width = max(8, *(len(x) for x in labels))
    lines = [
        f"Small-mutation limit along {axis}: share of time in each monomorphic state",
        f"{axis:>8}  " + "  ".join(f"{x:>{width}}" for x in labels) + "  most abundant",
    ]
    for value, row in wide.iterrows():
        top = row.idxmax()
        lines.append(f"{value:>8.4g}  " + "  ".join(f"{v:>{width}.2%}" for v in row) + f"  {top}")
    return "\n".join(lines)


def spatial_report(result: SpatialResult, source: str) -> str:
    s = result.settings
    shares = result.shares()
    lines = [
        f"Spatial game on {s.to_config()['graph']}: {s.generations} generations, "
        f"{'self-interaction, ' if s.self_interaction else ''}{s.scoring} scores, "
        f"seed {s.seed}; payoffs: {source}",
        f"{'strategy':<10}  {'start':>7}  {'final':>7}  {'mean of last 10%':>16}",
    ]
    tail = shares.iloc[-max(1, len(shares) // 10) :].mean()
    for label in result.labels:
        lines.append(
            f"{label:<10}  {shares[label].iloc[0]:>7.2%}  {shares[label].iloc[-1]:>7.2%}  "
            f"{tail[label]:>16.2%}"
        )
    if result.still is not None:
        lines.append(f"the lattice stopped changing at generation {result.still}")
    return "\n".join(lines)


def invasion_report(thresholds: pd.DataFrame, source: str, runs: pd.DataFrame | None) -> str:
    lines = [
        "Cluster invasion (Axelrod 1984, ch. 3): the proportion p of its interactions a "
        f"cluster must have with its own kind to invade; payoffs: {source}",
        "row: the cluster's strategy, column: the natives'; 0: invades alone, -: never",
    ]
    lines += _square(thresholds)
    if runs is not None:
        lines.append("")
        lines.append("Clusters placed on the graph (territorial dynamics):")
        lines.append(
            f"{'size':>5}  {'own p':>7}  {'p > p*':>6}  {'outscores':>9}  {'final cells':>11}  grew"
        )
        for row in runs.itertuples():
            lines.append(
                f"{row.size:>5}  {row.proportion:>7.3f}  {row.above_threshold!s:>6}  "
                f"{row.outscores_natives!s:>9}  {row.final_count:>11}  {row.grew}"
            )
    return "\n".join(lines)
