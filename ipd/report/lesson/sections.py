"""The lesson's first sections, facts and HTML from played results: the game, the table,
the ecology (the principles are in :mod:`.principles`)."""

from __future__ import annotations

from typing import Any

from ipd.report.lesson.html import Figures, esc, join_words, ordinal
from ipd.report.lesson.html import table as html_table


def game_section(results) -> tuple[str, dict]:
    """The rules of the game, with this tournament's payoffs and match lengths."""
    s = results.settings
    g = s.payoffs
    rows = [
        ["co-operate (C)", f"{g.R:g}, {g.R:g}", f"{g.S:g}, {g.T:g}"],
        ["defect (D)", f"{g.T:g}, {g.S:g}", f"{g.P:g}, {g.P:g}"],
    ]
    matrix = (
        "<div class='table-wrap'><table class='payoffs'>"
        "<caption>Points for (you, the other player) in one round</caption>"
        "<thead><tr><th scope='col'>you \u2193 \u00b7 the other \u2192</th>"
        "<th scope='col'>co-operates (C)</th><th scope='col'>defects (D)</th></tr></thead><tbody>"
        + "".join(
            f"<tr><th scope='row'>{esc(r[0])}</th><td>{esc(r[1])}</td><td>{esc(r[2])}</td></tr>"
            for r in rows
        )
        + "</tbody></table></div>"
    )
    if s.continuation:
        length = f"after every move the match goes on with probability {s.continuation:g}"
    elif s.lengths:
        length = "matches last " + ", ".join(str(n) for n in s.lengths) + " moves"
    else:
        length = f"every match lasts {s.turns} moves"
    told = ", and the players know it" if s.reveal_length else ""
    n = len(results.labels)
    body = f"""
<h2>The game</h2>
<p>Two players each choose, at the same time, to <strong>co-operate</strong> (C) or to
<strong>defect</strong> (D). The table gives the points: reward R = {g.R:g} each for mutual
co-operation, punishment P = {g.P:g} each for mutual defection, and when one defects
against a co-operator the defector gets the temptation T = {g.T:g} and the co-operator the
sucker's payoff S = {g.S:g}.</p>
{matrix}
<p>In a single round, defecting pays more whatever the other does (T&nbsp;&gt;&nbsp;R and
P&nbsp;&gt;&nbsp;S), yet two defectors end with {g.P:g} each, less than the {g.R:g} two
co-operators would have had. That is the dilemma.</p>
<p>Now repeat it. Robert Axelrod invited experts to submit computer programs and let every
program play every other, and its own twin. Here {n} strategies do the same:
{esc(length)}{esc(told)}; the round robin is played {results.repetitions} times. A strategy's
<strong>score</strong> is its average number of points per match.</p>
"""
    return body, {"payoffs": g.as_dict(), "strategies": n}


def _published(summary, published: str | None):
    """Our table beside the published one, when the spec names one and ipd ships it."""
    if not published:
        return None
    from ipd.analysis import reproduction

    if published not in reproduction.available():
        return None
    return reproduction.compare_with_published(summary, reproduction.published_table(published))


def tournament_section(results, figures: Figures, published=None, note=None) -> tuple[str, dict]:
    from ipd.report.plots import match_timeline, payoff_heatmap, score_distribution

    summary = results.summary()
    n = len(summary)
    by_id = summary.set_index("strategy")
    comparison = _published(summary, published)
    then = {}
    if comparison is not None:
        table_then, figures_then = comparison
        then = table_then.set_index("strategy")["published_rank"].to_dict()
    rows, highlight = [], []
    for k, r in enumerate(summary.itertuples()):
        if r.strategy == "tft":
            highlight.append(k)
        row = [
            r.rank,
            f"{r.name} ({r.strategy})" if r.name != r.strategy else r.strategy,
            f"{r.score:.1f}",
            f"{r.score_per_turn:.3f}",
            r.wins,
            r.draws,
            r.losses,
        ]
        if then:
            row.append(then.get(r.strategy, "–"))
        rows.append(row)
    headers = ["rank", "strategy", "score per match", "per move", "matches won", "drawn", "lost"]
    table = html_table(
        headers + (["rank in 1980"] if then else []),
        rows,
        highlight,
        caption=f"The tournament table, {results.repetitions} repetitions",
    )
    facts: dict[str, Any] = {"winner": summary.iloc[0]["strategy"]}
    if then:
        facts["published"] = {
            "name": published,
            "spearman": float(figures_then["spearman"]),
            "by": figures_then["by"],
            "mean_abs_diff": float(figures_then["mean_abs_diff"]),
            "mean_abs_rank_diff": float(figures_then["mean_abs_rank_diff"]),
        }
        if figures_then["by"] == "rank":
            apart = (
                f"ranks differ by {figures_then['mean_abs_rank_diff']:.1f} places on average "
                "(the published table gives ranks, not scores)"
            )
        else:
            apart = (
                f"scores differ by {figures_then['mean_abs_diff']:.1f} points per match on average"
            )
        table += (
            "<p class='note'>The last column is the rank Axelrod published in 1980. Spearman's "
            "rank correlation between his ranking and this one is "
            f"{figures_then['spearman']:.2f}; {apart}.</p>"
        )
    if note:
        facts["note"] = note
        table += f"<p class='note'>{esc(note)}</p>"
    most = summary.sort_values(["wins", "rank"], ascending=[False, True]).iloc[0]
    facts["most_wins"] = {"strategy": most["strategy"], "wins": int(most["wins"])}
    facts["most_wins"]["rank"] = int(most["rank"])
    if "tft" in by_id.index:
        tft = by_id.loc["tft"]
        matrix = results.payoff_matrix()
        others = [s for s in results.labels if s != "tft"]
        ahead = [s for s in others if matrix.loc["tft", s] > matrix.loc[s, "tft"] + 1e-12]
        played = int(tft["wins"] + tft["draws"] + tft["losses"])
        facts["tft"] = {
            "rank": int(tft["rank"]),
            "wins": int(tft["wins"]),
            "draws": int(tft["draws"]),
            "losses": int(tft["losses"]),
            "matches": played,
            "opponents_outscored_on_average": ahead,
        }
        more_wins_below = [
            s
            for s in summary["strategy"]
            if by_id.loc[s, "rank"] > tft["rank"] and by_id.loc[s, "wins"] > tft["wins"]
        ]
        if tft["wins"] == 0:
            first = (
                f"It won <strong>not one</strong> of its {played} matches against other "
                f"strategies: it drew {int(tft['draws'])} and lost {int(tft['losses'])}."
            )
        else:
            first = (
                f"It won {int(tft['wins'])} of its {played} matches against other strategies, "
                f"drew {int(tft['draws'])} and lost {int(tft['losses'])}."
            )
        if tft["rank"] == 1:
            standing = "Yet it finished <strong>first</strong>."
        else:
            leader = summary.iloc[0]
            standing = (
                f"It finished <strong>{ordinal(int(tft['rank']))}</strong> of {n}, "
                f"{leader['score'] - tft['score']:.1f} points per match behind "
                f"{esc(leader['strategy'])}."
            )
        if more_wins_below:
            standing += (
                f" {len(more_wins_below)} strateg{'y' if len(more_wins_below) == 1 else 'ies'}"
                f" that won more matches finished below it, among them "
                f"{esc(most['strategy'])}, which won {int(most['wins'])} matches and ranked "
                f"{ordinal(int(most['rank']))}."
            )
        average = (
            "On average over the repetitions, its score against each opponent never exceeded "
            "that opponent's score against it."
            if not ahead
            else f"On average it outscored {join_words([esc(s) for s in ahead])}."
        )
        fact = f"<p class='fact'>Look at tit-for-tat (tft). {first} {standing} {average}</p>"
        so_well = "come first" if tft["rank"] == 1 else "do so well"
        why = (
            ""
            if tft["wins"]
            else f"""
<p>How can a strategy that never beats anybody {so_well}? Tit-for-tat co-operates on the
first move and then copies the other's last move. It can never score more than the other
player in a match &mdash; it defects only after being defected against &mdash; but it gets
the other to co-operate, so its matches are rich in mutual rewards. The strategies that
beat their opponents did it in matches where both sides ended up poor. The score counts
points earned, not opponents beaten.</p>"""
        )
    else:
        fact = "<p class='fact'>Tit-for-tat (tft) is not in this tournament.</p>"
        why = ""
    parts = [
        "<h2>The tournament</h2>",
        table,
        fact,
        why,
        figures.embed(
            score_distribution(results, highlight=["tft"]),
            "Box plots of each strategy's score per match over the repetitions, ranked.",
            "Each box: one strategy's score per match in every repetition; the diamond is the "
            "mean, which sets the rank.",
        ),
    ]
    if "tft" in by_id.index and not results.settings.continuation:
        parts.append(
            figures.embed(
                match_timeline("tft", results=results),
                "Every move tit-for-tat and each opponent made, blue for co-operation, "
                "orange for defection, with both match totals.",
                "Tit-for-tat (upper line) against each opponent (lower line) in the first "
                "repetition; blue = co-operate, orange = defect. At the right, the two totals: "
                "tit-for-tat's never exceeds its opponent's.",
            )
        )
    parts.append(
        figures.embed(
            payoff_heatmap(results),
            "Heatmap of the mean points per move of each row strategy against each column "
            "strategy.",
            "Mean points per move of the row strategy against the column strategy. Light rows "
            "earn a lot; the top rows earn about R against each other.",
        )
    )
    return "\n".join(parts), facts


def _grew_then_died(eco) -> list[dict[str, Any]]:
    """Extinct strategies whose share first rose above where it started."""
    shares, start = eco.shares, eco.shares.iloc[0]
    found = []
    for s, gen in sorted(eco.extinctions.items(), key=lambda item: item[1]):
        peak_generation = int(shares[s].idxmax())
        if shares[s].iloc[peak_generation] > start[s] * (1 + 1e-9):
            found.append(
                {
                    "strategy": s,
                    "start": float(start[s]),
                    "peak": float(shares[s].max()),
                    "peak_generation": peak_generation,
                    "extinct_at": gen,
                }
            )
    return found


def _rise_and_fall(items) -> str:
    return join_words(
        [
            f"{esc(x['strategy'])} rose from {x['start']:.1%} to {x['peak']:.1%} by generation "
            f"{x['peak_generation']} and was extinct by generation {x['extinct_at']}"
            for x in items
        ]
    )


def _demo_ecology(demo, generations, figures: Figures) -> tuple[list[str], dict]:
    """The same settings, three strategies: the rise and fall of an exploiter, made visible."""
    from ipd.report.plots import ecology_plot

    eco = demo.ecology(generations=generations)
    items = _grew_then_died(eco)
    final = eco.shares.iloc[-1]
    facts = {"strategies": list(demo.labels), "grew_then_died": items}
    facts["final_shares"] = {k: float(v) for k, v in final.items()}
    if items:
        text = (
            "A smaller population shows the mechanism. With only tit-for-tat, "
            "always-co-operate and always-defect, in equal shares and otherwise the same "
            f"settings: {_rise_and_fall(items)}. Tit-for-tat, which always-defect can exploit "
            f"only on the first move, ends with {final['tft']:.1%} of the population."
        )
    else:
        text = (
            "Even a population of only tit-for-tat, always-co-operate and always-defect shows "
            f"no exploiter growing with these settings; tit-for-tat ends with {final['tft']:.1%}."
        )
    last = max(eco.extinctions.values(), default=0)
    shown = min(generations, max(30, 3 * last))
    html = [
        "<p class='fact'>" + text + "</p>",
        figures.embed(
            ecology_plot(eco, generations=shown, title="Tit-for-tat, co-operators and a defector"),
            "Stacked areas of the shares of tit-for-tat, always-co-operate and always-defect "
            "over generations.",
            f"The three-strategy population, generations 0 to {shown}.",
        ),
    ]
    return html, facts


def ecology_section(results, demo, generations, figures: Figures) -> tuple[str, dict]:
    """The ecological simulation; ``demo`` (tft, allc, alld) shows an exploiter's rise and fall
    when the tournament's own population does not."""
    from ipd.report.plots import ecology_plot

    eco = results.ecology(generations=generations)
    shares = eco.shares
    start = shares.iloc[0]
    final = shares.iloc[-1]
    grew_then_died = _grew_then_died(eco)
    facts: dict[str, Any] = {
        "generations": generations,
        "extinctions": dict(eco.extinctions),
        "survivors": eco.survivors,
        "grew_then_died": grew_then_died,
    }
    last = max(eco.extinctions.values(), default=0)
    shown = min(generations, max(50, 3 * last))
    sentences = []
    if eco.extinctions:
        order = sorted(eco.extinctions.items(), key=lambda item: item[1])
        sentences.append(
            f"{len(order)} of {len(shares.columns)} strategies died out (share below "
            f"{eco.threshold:.1%}): "
            + join_words([f"{esc(s)} (generation {g})" for s, g in order])
            + "."
        )
    else:
        sentences.append(f"No strategy died out in {generations} generations.")
    if grew_then_died:
        sentences.append(
            f"Exploiters first grew while they had prey, then starved: "
            f"{_rise_and_fall(grew_then_died)}."
        )
    elif eco.extinctions:
        sentences.append(
            "None of them ever grew above its starting share: in this population the "
            "exploiters found too little prey to grow at all."
        )
    if "tft" in shares.columns:
        tft = shares["tft"]
        peak_gen = int(tft.idxmax())
        facts["tft"] = {
            "start": float(start["tft"]),
            "peak": float(tft.max()),
            "peak_generation": peak_gen,
            "final": float(final["tft"]),
            "survives": "tft" in eco.survivors,
        }
        if "tft" in eco.survivors:
            place = eco.survivors.index("tft") + 1
            change = "grew" if final["tft"] > start["tft"] else "shrank"
            sentences.append(
                f"Tit-for-tat {change} from {start['tft']:.1%} to {final['tft']:.1%} of the "
                f"population (peak {tft.max():.1%} at generation {peak_gen}) and is among the "
                f"{len(eco.survivors)} survivors, {ordinal(place)} largest at the end."
            )
        else:
            sentences.append(
                f"Tit-for-tat died out at generation {eco.extinctions['tft']} in this run."
            )
    survivor_rows = [[s, f"{start[s]:.1%}", f"{final[s]:.1%}"] for s in eco.survivors]
    body = [
        "<h2>The ecological simulation</h2>",
        "<p>Now imagine the strategies as species. Each generation, a strategy's share of the "
        "population grows in proportion to its share times its average score against the "
        "population as it is now (using the tournament's mean payoffs). A strategy that does "
        "well against the strategies that are common does well; one that lives off weak "
        "strategies loses its food when they disappear.</p>",
        figures.embed(
            ecology_plot(eco, generations=shown),
            "Stacked areas of each strategy's share of the population over generations.",
            f"Population shares, generations 0 to {shown} of {generations}; survivors at the "
            "bottom, the extinct above, with their generation of extinction in the legend.",
        ),
        "<p class='fact'>" + " ".join(sentences) + "</p>",
        html_table(
            ["survivor", "share at start", f"share after {generations} generations"],
            survivor_rows,
            [k for k, r in enumerate(survivor_rows) if r[0] == "tft"],
        ),
    ]
    if not grew_then_died:
        shown, facts["demo"] = _demo_ecology(demo, generations, figures)
        body += shown
    return "\n".join(body), facts
