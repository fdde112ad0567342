"""The levers' report: a text table of effects, one figure per lever, and a tornado summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.figure import Figure

from ipd.report.figures import COOPERATE_COLOUR, DEFECT_COLOUR, line_style, styled

if TYPE_CHECKING:
    from ipd.analysis.levers import LeversResult


def _number(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    return f"{value:g}"


def baseline_text(result: LeversResult) -> str:
    """One line: the pool, the baseline's settings, the dynamic and the assortment."""
    from ipd.report.text import length_text

    p = result.problem
    s = p.baseline
    g = s.payoffs
    parts = [
        f"{len(p.strategies)} strategies",
        length_text(s),
        f"payoffs R={g.R:g} S={g.S:g} T={g.T:g} P={g.P:g}",
        f"noise {s.noise:g}",
        f"misperception {s.misperception:g}",
        f"assortment {p.assortment:g}",
        "exact values" if p.exact else f"{s.repetitions} repetitions, seed {s.seed}",
    ]
    return "Baseline: " + ", ".join(parts) + f"; dynamic: {p.dynamic.describe()}"


def levers_report(result: LeversResult) -> str:
    """The summary (largest effect first) and each lever's values, as plain text."""
    from ipd.analysis.levers import LEVER_INFO, TAKEOVER

    b = result.baseline
    lines = [
        baseline_text(result),
        f"At the baseline co-operation is {b['cooperation']:.1%} and {b['dominant']} dominates "
        f"({b['dominant_share']:.0%}).",
        "",
        f"{'lever':<14} {'baseline':>9} {'co-operation: lowest':>24} {'highest':>18} "
        f"{'effect':>7}  takes over (> {TAKEOVER:.0%})   closed form (TFT v ALLD)",
    ]
    for row in result.summary.itertuples():
        threshold = (
            f"{row.side} {row.threshold:.3g}"
            if row.threshold is not None and not np.isnan(row.threshold)
            else "never in range"
        )
        closed = (
            f"{row.theory_side} {row.theory:.3g}"
            if row.theory is not None and not np.isnan(row.theory)
            else "-"
        )
        lines.append(
            f"{row.lever:<14} {_number(row.baseline_value):>9} "
            f"{row.lowest:>12.1%} at {row.lowest_at:<8g} "
            f"{row.highest:>7.1%} at {row.highest_at:<7g} "
            f"{row.effect:>+7.1%}  {threshold:<24} {closed}"
        )
    for name, _ in result.problem.levers:
        part = result.lever(name)
        lines.append("")
        lines.append(f"{name}: {LEVER_INFO[name].title}")
        for row in part.itertuples():
            mark = "  (baseline)" if row.baseline else ""
            lines.append(
                f"  {row.value:>9g}  co-operation {row.cooperation:>6.1%}  "
                f"co-operators {row.cooperator_share:>6.1%}  "
                f"dominant {row.dominant} ({row.dominant_share:.0%}){mark}"
            )
    for note in result.problem.notes:
        lines.append(f"note: {note}")
    lines.append("")
    lines.append(
        "co-operation: how often a move between members of the long-run population is C; "
        "co-operators: the share of strategies that co-operate with their own kind; "
        f"takes over: the value beyond which co-operation stays above {TAKEOVER:.0%} "
        "(interpolated)."
    )
    return "\n".join(lines)


@styled
def lever_figure(result: LeversResult, name: str) -> Figure:
    """Co-operation against one lever's values: the rate, the co-operators' share, the
    baseline, the simulated take-over point and the closed form for TFT against ALLD."""
    from ipd.analysis.levers import LEVER_INFO, TAKEOVER

    part = result.lever(name)
    row = result.summary.set_index("lever").loc[name]
    fig = Figure(figsize=(9, 7), layout="constrained")
    ax = fig.add_subplot()
    x = part["value"].to_numpy()
    ax.plot(x, part["cooperation"], "o-", color=COOPERATE_COLOUR, label="co-operation rate")
    ax.plot(
        x,
        part["cooperator_share"],
        "s--",
        color=DEFECT_COLOUR,
        label="share of co-operators",
    )
    dominants = list(dict.fromkeys(part["dominant"]))
    for k, label in enumerate(dominants):
        colour, _ = line_style(k + 2)
        at = part["dominant"] == label
        ax.scatter(
            x[at.to_numpy()],
            np.full(int(at.sum()), -0.06),
            marker="|",
            s=300,
            color=colour,
            label=f"dominant: {label}",
            clip_on=False,
        )
    ax.axhline(TAKEOVER, color="0.6", linewidth=0.8)
    base = row["baseline_value"]
    if base is not None and not np.isnan(base):
        ax.axvline(base, color="0.3", linestyle=":", label=f"baseline ({base:g})")
    if row["threshold"] is not None and not np.isnan(row["threshold"]):
        ax.axvline(
            row["threshold"],
            color=COOPERATE_COLOUR,
            linestyle="-.",
            linewidth=1,
            label=f"co-operation takes over ({row['side']} {row['threshold']:.3g})",
        )
    if row["theory"] is not None and not np.isnan(row["theory"]):
        low, high = x.min(), x.max()
        if low <= row["theory"] <= high:
            ax.axvline(
                row["theory"],
                color="0.1",
                linestyle="--",
                linewidth=1,
                label=f"closed form, TFT v ALLD ({row['theory_side']} {row['theory']:.3g})",
            )
    if name in ("length",) and x.min() > 0 and x.max() / x.min() > 50:
        ax.set_xscale("log")
    ax.set_ylim(-0.1, 1.02)
    ax.set_xlabel(LEVER_INFO[name].title)
    ax.set_ylabel("long-run co-operation")
    ax.set_title(f"Lever: {LEVER_INFO[name].title}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=10)
    return fig


@styled
def tornado_figure(result: LeversResult) -> Figure:
    """A tornado of the levers' effects: from the baseline's co-operation, how far each lever
    lowers it (left, orange) and raises it (right, blue) over its range, the value that
    does it at each end; the largest effect on top."""
    summary = result.summary
    n = len(summary)
    fig = Figure(figsize=(9.5, 1.6 + 0.7 * n), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(n)[::-1]
    base = result.baseline["cooperation"]
    for k, row in enumerate(summary.itertuples()):
        low, high = min(row.lowest, base), max(row.highest, base)
        falls = ax.barh(y[k], base - low, left=low, color=DEFECT_COLOUR, height=0.6)
        rises = ax.barh(y[k], high - base, left=base, color=COOPERATE_COLOUR, height=0.6)
        if low < base:
            ax.text(low - 0.01, y[k], f"{row.lowest_at:g}", ha="right", va="center", fontsize=10)
        if high > base:
            ax.text(high + 0.01, y[k], f"{row.highest_at:g}", ha="left", va="center", fontsize=10)
        if low == high:
            ax.plot([base], [y[k]], "|", color="0.3", markersize=14)
    falls.set_label("co-operation falls (to the value shown)")
    rises.set_label("co-operation rises (to the value shown)")
    ax.axvline(base, color="0.2", linestyle=":", label=f"baseline ({base:.0%})")
    ax.set_yticks(y, [f"{row.lever}" for row in summary.itertuples()])
    ax.set_xlim(-0.1, 1.1)
    ax.set_xlabel("long-run co-operation over each lever's range")
    ax.set_title("Which lever moves co-operation most")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=10)
    return fig
