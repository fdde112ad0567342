"""The lesson's principles, from one principles report: the static section and the grid's data.

Both read only a :class:`~ipd.analysis.principles.PrinciplesReport` (its
``measures`` and ``verdicts``), so a richer report (say, what-if verdicts:
would a strategy have scored better had it not followed the advice) is
shown by extending these two functions alone.
"""

from __future__ import annotations

from typing import Any

from ipd.report.lesson.html import Figures, esc

PRINCIPLES_TEXT = """
<p>Axelrod drew four lessons from his tournaments:</p>
<ol class='principles'>
<li><strong>Don't be envious.</strong> Do well for yourself; do not try to beat the other.</li>
<li><strong>Don't be the first to defect.</strong> The &ldquo;nice&rdquo; rules, which never
defected first, took the top places.</li>
<li><strong>Reciprocate both co-operation and defection.</strong> Punish a defection at once,
then forgive as soon as the other co-operates again.</li>
<li><strong>Don't be too clever.</strong> Be clear, so the other can learn to co-operate with
you.</li>
</ol>
"""


def principles_section(report, figures: Figures) -> tuple[str, dict]:
    """The principles section of the page, and its facts, from a principles report."""
    from ipd.report.plots import principles_figure

    measures = report.measures
    ranks = measures.set_index("strategy")["rank"]
    parts = ["<h2>The four principles, measured</h2>", PRINCIPLES_TEXT]
    parts.append(
        figures.embed(
            principles_figure(measures, ranks),
            "Bar charts of each strategy's principle measures, strategies in rank order.",
            "Each panel: one measure for every strategy, best-ranked on the left. "
            "First-defection rate: share of matches in which it defected before its opponent; "
            "win rate: share of matches it won; provocability and forgiveness: share of the "
            "opponent's unprovoked defections it answered with D, and of the opponent's returns "
            "to co-operation it answered with C; clarity: share of its moves a memory-one "
            "model foretells.",
        )
    )
    facts: dict[str, Any] = {"verdicts": [v.to_dict() for v in report.verdicts]}
    if report.what_if is not None and not report.what_if.cases.empty:
        parts.extend(_what_if_parts(report.what_if, figures))
        facts["what_if"] = report.what_if.to_dict()
    items = "".join(f"<li>{esc(v.evidence)}</li>" for v in report.verdicts)
    parts.append(
        "<p>Across the whole field (a principle <em>holds</em> when its measure goes with a "
        "higher score, tested by a one-sided permutation test of Spearman's rank "
        "correlation, within the nice and the not-nice rules where niceness would "
        "confound it):</p>"
        f"<ul class='verdicts'>{items}</ul>"
    )
    return "\n".join(parts), facts


def _what_if_parts(what_if, figures: Figures) -> list[str]:
    """Did following the advice pay? The winner's twins, replayed, in words and a figure."""
    from ipd.report.principles_plots import what_if_figure

    cases = what_if.cases
    who = ", ".join(dict.fromkeys(cases["strategy"]))
    rows = []
    for r in cases.itertuples():
        if r.outcome == "unchanged":
            effect = "played exactly as before"
        else:
            effect = (
                f"{r.delta:+.1f} points per game ({r.ci_low:+.1f} to {r.ci_high:+.1f}); "
                f"rank {r.base_rank} &rarr; {r.twin_rank}"
            )
        rows.append(f"<tr><td>{esc(r.strategy)}</td><td>{esc(r.change)}</td><td>{effect}</td></tr>")
    items = "".join(f"<li>{esc(v.evidence)}</li>" for v in what_if.verdicts)
    return [
        "<h3>Did following the advice pay?</h3>",
        f"<p>The strongest check of a piece of advice is to break it and see. Below, "
        f"{esc(who)} is replaced by twins that each break one principle, and its games are "
        "played again with the same random numbers, so the difference is the effect of the "
        "change and nothing else.</p>",
        "<div class='table-wrap'><table class='whatif compact'><thead><tr><th>strategy</th>"
        "<th>the twin</th><th>change in its score</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>",
        figures.embed(
            what_if_figure(what_if),
            "Dot plot: each twin's change in score per game, with its interval.",
            "Each dot: how much the twin scored per game minus what the original scored "
            "(blue: the advice paid; vermillion: it cost), with a 95% interval over repetitions.",
        ),
        f"<ul class='verdicts'>{items}</ul>",
    ]


def principles_data(report) -> list[dict[str, Any]]:
    """The verdicts of one grid cell, as the page's sliders show them."""
    out = []
    for v in report.verdicts:
        d = v.to_dict()
        out.append(
            {
                "principle": d["principle"],
                "title": d["title"],
                "verdict": d["verdict"],
                "rho": None if d["rho"] is None else round(float(d["rho"]), 3),
                "p": None if d["p_value"] is None else round(float(d["p_value"]), 4),
                "evidence": d["evidence"],
            }
        )
    return out
