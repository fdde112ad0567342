"""A lesson page: why tit-for-tat wins, told with data computed on the spot.

:func:`build_lesson` plays a tournament (by default Axelrod's 1980 first
tournament when its spec is present, else the classic strategies), then
variants of it (with noise; with a short and a long shadow of the future),
runs the ecological simulation, and writes one self-contained HTML page:
figures embedded as base64 PNG, CSS inline, no script, no font and no
network request, readable on a projector and on a phone.

Every sentence that states a result is generated from the numbers of this
run, so a class that reruns it with other settings reads its own story.
Each section has a stable id: ``game``, ``tournament``, ``principles``,
``ecology``, ``noise``, ``shadow`` and ``rerun``.
"""

from __future__ import annotations

import base64
import html
import shlex
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipd.core.errors import IpdError

SECTION_IDS = ("game", "tournament", "principles", "ecology", "noise", "shadow", "rerun")
"""The id of every section of the page, in order."""

DEFAULT_SPEC_NAME = "axelrod-1980-first.toml"
NOISE_PLAYERS = ("tft", "gtft", "wsls")
"""Added to the population for the noise comparison when absent."""
EXPLOITER = "alld"
"""Added to the population for the shadow-of-the-future comparison when absent."""

_FIGURE_DPI = 110
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
"""The page may load nothing: images come from data: URLs, styles from the page itself."""


def default_spec() -> Path | None:
    """The 1980 first tournament's spec shipped beside the package, if present."""
    path = Path(__file__).resolve().parent.parent / "tournaments" / DEFAULT_SPEC_NAME
    return path if path.is_file() else None


@dataclass
class Lesson:
    """A built lesson page.

    Attributes
    ----------
    html : the page, one self-contained HTML document.
    facts : the numbers the page's sentences were generated from (JSON-ready).
    settings : every setting needed to rebuild it, including the command line.
    seconds : time taken to build it.
    images : the alt text of every embedded figure, in page order.
    """

    html: str
    facts: dict[str, Any]
    settings: dict[str, Any]
    seconds: float = 0.0
    images: list[str] = field(default_factory=list)

    def write(self, path: str | Path, *, force: bool = False) -> Path:
        """Write the page atomically; an existing file is kept unless ``force``."""
        from ipd.core.io import check_output_path, write_atomically

        path = check_output_path(path, force=force, suffixes=(".html", ".htm"))
        write_atomically(path, self.html.encode("utf-8"))
        return path


# --------------------------------------------------------------------------- running


def _check_w(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise IpdError(f"{name} must be a probability strictly between 0 and 1, got {value!r}")
    return float(value)


def _base_tournament(spec, seed, repetitions, turns, strategy_files):
    from ipd.core.tournament import Tournament
    from ipd.strategies import collection

    if spec is not None:
        # The ecological simulation needs every strategy's payoff against its own kind.
        return Tournament.from_spec(
            spec,
            seed=seed,
            repetitions=repetitions,
            turns=turns,
            self_play=True,
            strategy_files=list(strategy_files),
        )
    return Tournament(
        collection("classic"),
        turns=turns or 200,
        repetitions=repetitions,
        seed=seed,
        self_play=True,
        strategy_files=strategy_files,
        name="Classic strategies",
    )


def _variant(base, extra=(), *, only=None, **changes):
    """The base tournament's settings with more (or ``only`` these) strategies, some changed."""
    from ipd.core.tournament import Tournament

    labels = list(only) if only is not None else [p.label for p in base.players]
    labels += [s for s in extra if s not in labels]
    settings = {
        "turns": base.turns,
        "repetitions": base.repetitions,
        "lengths": base.lengths,
        "continuation": base.continuation,
        "discount": base.discount,
        "noise": base.noise,
        "seed": base.seed,
        "payoffs": base.game,
        "self_play": True,
        "reveal_length": base.reveal_length,
        "rank_by": base.rank_by,
        "strategy_files": base.strategy_files,
        "name": base.name,
    }
    settings.update(changes)
    return Tournament(labels, **settings)


# --------------------------------------------------------------------------- html helpers


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _list(items: list[str]) -> str:
    items = list(items)
    if not items:
        return "none"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _is_number(value: Any) -> bool:
    if isinstance(value, int | float):
        return True
    try:
        float(str(value).rstrip("%"))
    except ValueError:
        return False
    return True


def _table(headers, rows, highlight_rows=(), caption=None) -> str:
    """An HTML table; columns whose cells are all numbers are right-aligned."""
    numeric = [bool(rows) and all(_is_number(r[k]) for r in rows) for k in range(len(headers))]
    align = [" class='num'" if n else "" for n in numeric]
    head = "".join(f"<th scope='col'{a}>{_e(h)}</th>" for h, a in zip(headers, align, strict=True))
    body = []
    for k, row in enumerate(rows):
        cls = " class='highlight'" if k in highlight_rows else ""
        cells = "".join(f"<td{a}>{_e(c)}</td>" for c, a in zip(row, align, strict=True))
        body.append(f"<tr{cls}>{cells}</tr>")
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return (
        "<div class='table-wrap'><table>"
        f"{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


class _Figures:
    """Renders figures to embedded PNG and remembers their alt texts."""

    def __init__(self) -> None:
        self.alts: list[str] = []

    def embed(self, fig, alt: str, caption: str) -> str:
        from ipd.report.plots import figure_bytes

        data = base64.b64encode(figure_bytes(fig, "png", dpi=_FIGURE_DPI)).decode("ascii")
        self.alts.append(alt)
        return (
            f"<figure><img src='data:image/png;base64,{data}' alt='{_e(alt)}'>"
            f"<figcaption>{_e(caption)}</figcaption></figure>"
        )


# --------------------------------------------------------------------------- sections


def _game_section(base, results) -> tuple[str, dict]:
    g = base.game
    config = results.config
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
            f"<tr><th scope='row'>{_e(r[0])}</th><td>{_e(r[1])}</td><td>{_e(r[2])}</td></tr>"
            for r in rows
        )
        + "</tbody></table></div>"
    )
    if config.get("continuation"):
        length = f"after every move the match goes on with probability {config['continuation']:g}"
    elif config.get("lengths"):
        length = "matches last " + ", ".join(str(n) for n in config["lengths"]) + " moves"
    else:
        length = f"every match lasts {config['turns']} moves"
    told = ", and the players know it" if config.get("reveal_length") else ""
    n = len(results.labels)
    body = f"""
<h2>1. The game</h2>
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
program play every other, and its own twin. Here {n} strategies do the same: {_e(length)}{_e(told)};
the round robin is played {results.repetitions} times. A strategy's
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


def _tournament_section(results, figures: _Figures, published=None) -> tuple[str, dict]:
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
    table = _table(
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
            "mean_abs_diff": float(figures_then["mean_abs_diff"]),
        }
        table += (
            "<p class='note'>The last column is the rank Axelrod published in 1980 (five "
            "round robins). Spearman's rank correlation between his ranking and this one is "
            f"{figures_then['spearman']:.2f}; scores differ by "
            f"{figures_then['mean_abs_diff']:.1f} points per match on average.</p>"
        )
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
                f"It finished <strong>{_ordinal(int(tft['rank']))}</strong> of {n}, "
                f"{leader['score'] - tft['score']:.1f} points per match behind "
                f"{_e(leader['strategy'])}."
            )
        if more_wins_below:
            standing += (
                f" {len(more_wins_below)} strateg{'y' if len(more_wins_below) == 1 else 'ies'}"
                f" that won more matches finished below it, among them "
                f"{_e(most['strategy'])}, which won {int(most['wins'])} matches and ranked "
                f"{_ordinal(int(most['rank']))}."
            )
        average = (
            "On average over the repetitions, its score against each opponent never exceeded "
            "that opponent's score against it."
            if not ahead
            else f"On average it outscored {_list([_e(s) for s in ahead])}."
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
        "<h2>2. The tournament</h2>",
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
    if "tft" in by_id.index and not results.config.get("continuation"):
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


_PRINCIPLES_TEXT = """
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


def _principles_section(results, figures: _Figures) -> tuple[str, dict]:
    summary = results.summary()
    parts = ["<h2>3. The four principles, measured</h2>", _PRINCIPLES_TEXT]
    facts: dict[str, Any] = {}
    from ipd.analysis import principles
    from ipd.report.plots import principles_figure

    report = principles.report(results)
    ranks = summary.set_index("strategy")["rank"]
    parts.append(
        figures.embed(
            principles_figure(report.measures, ranks),
            "Bar charts of each strategy's principle measures, strategies in rank order.",
            "Each panel: one measure for every strategy, best-ranked on the left. "
            "First-defection rate: share of matches in which it defected before its opponent; "
            "win rate: share of matches it won; provocability and forgiveness: share of the "
            "opponent's unprovoked defections it answered with D, and of the opponent's returns "
            "to co-operation it answered with C; clarity: share of its moves a memory-one "
            "model foretells.",
        )
    )
    facts["verdicts"] = [v.to_dict() for v in report.verdicts]
    items = "".join(f"<li>{_e(v.evidence)}</li>" for v in report.verdicts)
    parts.append(
        "<p>What this tournament says about each principle (a principle <em>holds</em> when "
        "its measure goes with a higher score, tested by a one-sided permutation test of "
        "Spearman's rank correlation):</p>"
        f"<ul class='verdicts'>{items}</ul>"
    )
    return "\n".join(parts), facts


DEMO_POPULATION = ("tft", "allc", "alld")
"""A population small enough to watch an exploiter rise and fall."""


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
    return _list(
        [
            f"{_e(x['strategy'])} rose from {x['start']:.1%} to {x['peak']:.1%} by generation "
            f"{x['peak_generation']} and was extinct by generation {x['extinct_at']}"
            for x in items
        ]
    )


def _demo_ecology(base, generations, figures: _Figures) -> tuple[list[str], dict]:
    """The same settings, three strategies: the rise and fall of an exploiter, made visible."""
    from ipd.report.plots import ecology_plot

    results = _variant(base, only=DEMO_POPULATION).play()
    eco = results.ecology(generations=generations)
    items = _grew_then_died(eco)
    final = eco.shares.iloc[-1]
    facts = {"strategies": list(DEMO_POPULATION), "grew_then_died": items}
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


def _ecology_section(base, results, generations, figures: _Figures) -> tuple[str, dict]:
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
            f"{eco.threshold:.1%}): " + _list([f"{_e(s)} (generation {g})" for s, g in order]) + "."
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
                f"{len(eco.survivors)} survivors, {_ordinal(place)} largest at the end."
            )
        else:
            sentences.append(
                f"Tit-for-tat died out at generation {eco.extinctions['tft']} in this run."
            )
    survivor_rows = [[s, f"{start[s]:.1%}", f"{final[s]:.1%}"] for s in eco.survivors]
    body = [
        "<h2>4. The ecological simulation</h2>",
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
        _table(
            ["survivor", "share at start", f"share after {generations} generations"],
            survivor_rows,
            [k for k, r in enumerate(survivor_rows) if r[0] == "tft"],
        ),
    ]
    if not grew_then_died:
        demo, facts["demo"] = _demo_ecology(base, generations, figures)
        body += demo
    return "\n".join(body), facts


def _ranks(results, labels):
    frame = results.summary().set_index("strategy")
    return {s: frame.loc[s] for s in labels if s in frame.index}


def _noise_section(base, noise, figures: _Figures) -> tuple[str, dict, list]:
    from ipd.report.plots import rank_comparison

    quiet = _variant(base, NOISE_PLAYERS, noise=0.0).play()
    noisy = _variant(base, NOISE_PLAYERS, noise=noise).play()
    before, after = _ranks(quiet, NOISE_PLAYERS), _ranks(noisy, NOISE_PLAYERS)
    m0, m1 = quiet.payoff_matrix(), noisy.payoff_matrix()
    n = len(quiet.labels)
    rows, facts = [], {"noise": noise, "strategies": n}
    for s in NOISE_PLAYERS:
        rows.append(
            [
                s,
                before[s]["rank"],
                after[s]["rank"],
                f"{before[s]['score_per_turn']:.3f}",
                f"{after[s]['score_per_turn']:.3f}",
                f"{m0.loc[s, s]:.2f}",
                f"{m1.loc[s, s]:.2f}",
            ]
        )
        facts[s] = {
            "rank_without_noise": int(before[s]["rank"]),
            "rank_with_noise": int(after[s]["rank"]),
            "twin_score_without_noise": float(m0.loc[s, s]),
            "twin_score_with_noise": float(m1.loc[s, s]),
        }
    better = [s for s in ("gtft", "wsls") if after[s]["rank"] < after["tft"]["rank"]]
    facts["beat_tft_with_noise"] = better
    names = {"gtft": "generous tit-for-tat", "wsls": "win-stay-lose-shift"}
    sentences = [
        f"With {noise:.0%} noise, tit-for-tat ranks {_ordinal(int(after['tft']['rank']))} of {n} "
        f"({_ordinal(int(before['tft']['rank']))} without noise); generous tit-for-tat "
        f"{_ordinal(int(after['gtft']['rank']))} ({_ordinal(int(before['gtft']['rank']))}); "
        f"win-stay-lose-shift {_ordinal(int(after['wsls']['rank']))} "
        f"({_ordinal(int(before['wsls']['rank']))})."
    ]
    sentences.append(
        f"Two tit-for-tats meeting each other earn {m1.loc['tft', 'tft']:.2f} points per move "
        f"with noise instead of {m0.loc['tft', 'tft']:.2f}: one accidental defection starts an "
        "echo of retaliations that only another accident ends."
    )
    if better:
        also = [s for s in better if before[s]["rank"] < before["tft"]["rank"]]
        sentences.append(
            f"Here {_list([names[s] for s in better])} finish{'es' if len(better) == 1 else ''}"
            " above tit-for-tat with noise"
            + (f" ({_list([names[s] for s in also])} did so without noise too)." if also else ".")
        )
    else:
        sentences.append(
            "In this population neither generous tit-for-tat nor win-stay-lose-shift finishes "
            "above tit-for-tat, even with noise."
        )
    body = [
        "<h2>5. What changes the result: noise</h2>",
        f"<p>Real players make mistakes. Suppose every intended move is flipped with "
        f"probability {noise:g}. We add generous tit-for-tat (gtft: like tit-for-tat, but "
        "forgives a defection now and then) and win-stay-lose-shift (wsls: repeats its move "
        "after a good result, changes it after a bad one) to the population, and play the "
        "tournament with and without noise.</p>",
        figures.embed(
            rank_comparison(
                quiet,
                noisy,
                labels=("no noise", f"noise {noise:g}"),
                highlight=NOISE_PLAYERS,
                title="Ranks without and with noise",
            ),
            "Slope chart of every strategy's rank without noise and with noise.",
            "Each line joins a strategy's rank without noise (left) to its rank with noise "
            "(right).",
        ),
        "<p class='fact'>" + " ".join(sentences) + "</p>",
        _table(
            [
                "strategy",
                "rank, no noise",
                "rank, noise",
                "per move, no noise",
                "per move, noise",
                "against its twin, no noise",
                "against its twin, noise",
            ],
            rows,
        ),
    ]
    return "\n".join(body), facts, [quiet.config, noisy.config]


def _shadow_section(base, short_w, long_w, figures: _Figures) -> tuple[str, dict, list]:
    from ipd.report.plots import rank_comparison

    g = base.game
    threshold = max((g.T - g.R) / (g.T - g.P), (g.T - g.R) / (g.R - g.S))
    changes = {"lengths": None, "reveal_length": False, "discount": None}
    short = _variant(base, [EXPLOITER], continuation=short_w, **changes).play()
    long = _variant(base, [EXPLOITER], continuation=long_w, **changes).play()
    watch = [s for s in (EXPLOITER, "tft") if s in short.labels]
    a, b = _ranks(short, watch), _ranks(long, watch)
    n = len(short.labels)
    facts: dict[str, Any] = {
        "short_w": short_w,
        "long_w": long_w,
        "threshold": threshold,
        "strategies": n,
        "winner_short": short.summary().iloc[0]["strategy"],
        "winner_long": long.summary().iloc[0]["strategy"],
    }
    rows = []
    for s in watch:
        facts[s] = {"rank_short": int(a[s]["rank"]), "rank_long": int(b[s]["rank"])}
        rows.append(
            [
                s,
                a[s]["rank"],
                b[s]["rank"],
                f"{a[s]['score_per_turn']:.3f}",
                f"{b[s]['score_per_turn']:.3f}",
            ]
        )
    sentences = [
        f"With w = {short_w:g} (about {1 / (1 - short_w):.0f} moves per match) always-defect "
        f"finishes {_ordinal(int(a[EXPLOITER]['rank']))} of {n} and the winner is "
        f"{_e(facts['winner_short'])}; with w = {long_w:g} (about {1 / (1 - long_w):.0f} moves) "
        f"always-defect finishes {_ordinal(int(b[EXPLOITER]['rank']))} and the winner is "
        f"{_e(facts['winner_long'])}."
    ]
    if "tft" in a:
        sentences.append(
            f"Tit-for-tat goes from {_ordinal(int(a['tft']['rank']))} to "
            f"{_ordinal(int(b['tft']['rank']))}."
        )
    body = [
        "<h2>6. What changes the result: the shadow of the future</h2>",
        "<p>Co-operation pays only if the future matters enough. Let every match end at "
        "random: after each move, the players meet again with probability <em>w</em>, so a "
        "match lasts 1/(1 &minus; w) moves on average and nobody knows which move is the last. "
        f"Axelrod showed that tit-for-tat cannot be invaded only when w is at least "
        f"max((T&minus;R)/(T&minus;P), (T&minus;R)/(R&minus;S)) = {threshold:.3g} with these "
        f"payoffs. We add always-defect (alld) and play with w = {short_w:g} and w = "
        f"{long_w:g}.</p>",
        figures.embed(
            rank_comparison(
                short,
                long,
                labels=(f"w = {short_w:g}", f"w = {long_w:g}"),
                highlight=watch,
                title="Ranks with a short and a long shadow of the future",
            ),
            "Slope chart of every strategy's rank with a short and with a long expected "
            "match length.",
            f"Each line joins a strategy's rank with w = {short_w:g} (left) to its rank with "
            f"w = {long_w:g} (right).",
        ),
        "<p class='fact'>" + " ".join(sentences) + "</p>",
        _table(
            [
                "strategy",
                f"rank, w = {short_w:g}",
                f"rank, w = {long_w:g}",
                f"per move, w = {short_w:g}",
                f"per move, w = {long_w:g}",
            ],
            rows,
        ),
    ]
    return "\n".join(body), facts, [short.config, long.config]


def _command(settings: dict[str, Any]) -> str:
    words = ["ipd", "lesson", "--out", settings["out"]]
    if settings["spec"]:
        words.append(settings["spec"])
    words += ["--seed", str(settings["seed"]), "--repetitions", str(settings["repetitions"])]
    if settings["turns_given"] is not None:
        words += ["--turns", str(settings["turns_given"])]
    words += ["--noise", f"{settings['noise']:g}"]
    words += ["--short-w", f"{settings['short_w']:g}", "--long-w", f"{settings['long_w']:g}"]
    words += ["--generations", str(settings["generations"])]
    for path in settings["strategy_files"]:
        words += ["--strategy-file", path]
    return shlex.join(words)


def _tournament_command(config: dict[str, Any], spec: str | None, base: list[str]) -> str:
    """The ``ipd tournament`` command that plays exactly this tournament."""
    words = ["ipd", "tournament"]
    if spec and not config.get("continuation"):
        # The spec, plus the strategies this variant added to it.
        words.append(spec)
        added = [s for s in config["strategies"] if s not in base]
    else:
        added = config["strategies"]
    for label in added:
        words += ["-s", label]
    if config.get("continuation"):
        words += ["--continuation", f"{config['continuation']:g}"]
    elif config.get("lengths"):
        words += ["--lengths", ",".join(str(n) for n in config["lengths"])]
    else:
        words += ["--turns", str(config["turns"])]
    words += ["--repetitions", str(config["repetitions"]), "--seed", str(config["seed"])]
    words += ["--noise", f"{config['noise']:g}"]
    p = config["payoffs"]
    words += ["--payoffs", f"{p['R']:g},{p['S']:g},{p['T']:g},{p['P']:g}"]
    words.append("--reveal-length" if config["reveal_length"] else "--hide-length")
    words.append("--self-play")
    for path in config.get("strategy_files") or []:
        words += ["--strategy-file", path]
    return shlex.join(words)


def _rerun_section(settings, configs) -> str:
    from ipd._version import __version__

    rows = [
        ["tournament", settings["title"]],
        ["spec", settings["spec"] or "(none: the classic strategies)"],
        ["seed", settings["seed"]],
        ["repetitions", settings["repetitions"]],
        ["noise in the noise comparison", f"{settings['noise']:g}"],
        ["w, short and long", f"{settings['short_w']:g} and {settings['long_w']:g}"],
        ["generations of the ecology", settings["generations"]],
        ["self-play", "counted (the ecological simulation needs it)"],
        ["ipd version", __version__],
    ]
    labels = ["the tournament", "without noise", "with noise", "short w", "long w"]
    commands = "\n".join(
        f"# {label}\n{_tournament_command(c, settings['spec'], settings['strategies'])}"
        for label, c in zip(labels, configs, strict=True)
    )
    return f"""
<h2>7. Run it yourself</h2>
<p>Everything on this page was computed by ipd when the page was made, and the same
settings give the same page. To rebuild it:</p>
<pre class='command'>{_e(settings["command"])}</pre>
<p>Change the seed, the number of repetitions, the noise, the values of w or the spec file
(any tournament spec works) and the story is told again from the new data.</p>
{_table(["setting", "value"], rows)}
<p>The tournaments behind each section, as <code>ipd tournament</code> commands:</p>
<pre class='command'>{_e(commands)}</pre>
"""


_CSS = """
:root { --ink: #141414; --paper: #ffffff; --muted: #4a4a4a; --blue: #0072B2;
  --orange: #E69F00; --soft: #f4f6f9; }
* { box-sizing: border-box; }
html { font-size: clamp(17px, 0.85rem + 0.55vw, 24px); -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.55;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  Arial, sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem clamp(0.8rem, 3vw, 2.5rem) 4rem; }
header h1 { font-size: clamp(1.7rem, 1.2rem + 2vw, 2.6rem); line-height: 1.15;
  margin: 1.2rem 0 0.5rem; }
.lead { font-size: 1.15rem; color: var(--muted); }
h2 { font-size: clamp(1.35rem, 1.1rem + 1vw, 1.8rem); line-height: 1.2; margin: 2.6rem 0 1rem;
  padding-top: 0.7rem; border-top: 5px solid var(--blue); }
nav ol { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; padding: 0; margin: 1rem 0;
  list-style: none; }
nav a { color: var(--blue); }
figure { margin: 1.6rem 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #e3e3e3; }
figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.4rem; }
.table-wrap { overflow-x: auto; margin: 1rem 0; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.95rem; }
caption { text-align: left; color: var(--muted); padding-bottom: 0.3rem; }
th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #dcdcdc; text-align: left;
  vertical-align: bottom; }
td { white-space: nowrap; }
th { min-width: 4rem; }
.num { text-align: right; }
thead th { border-bottom: 2px solid var(--ink); }
tr.highlight { background: #fdf0d5; font-weight: 700; }
table.payoffs { font-size: 1.2rem; }
table.payoffs td { text-align: center; }
.fact { font-size: 1.1rem; background: var(--soft); border-left: 6px solid var(--orange);
  padding: 0.7rem 1rem; }
.note { color: var(--muted); }
pre { background: #f1f1f1; padding: 0.8rem 1rem; overflow-x: auto; white-space: pre-wrap;
  word-break: break-word; font-size: 0.85rem; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
footer { color: var(--muted); font-size: 0.85rem; margin-top: 3rem; }
@media print { h2 { break-before: page; } figure { break-inside: avoid; } }
"""


def _page(title: str, lead: str, sections: dict[str, str], footer: str) -> str:
    nav = "".join(
        f"<li><a href='#{sid}'>{k + 1}. {_e(name)}</a></li>"
        for k, (sid, name) in enumerate(
            zip(
                SECTION_IDS,
                [
                    "The game",
                    "The tournament",
                    "The principles",
                    "Ecology",
                    "Noise",
                    "Shadow of the future",
                    "Run it yourself",
                ],
                strict=True,
            )
        )
    )
    body = "\n".join(f"<section id='{sid}'>{sections[sid]}</section>" for sid in SECTION_IDS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>{_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<header>
<h1>{_e(title)}</h1>
<p class="lead">{lead}</p>
<nav aria-label="Sections"><ol>{nav}</ol></nav>
</header>
{body}
<footer>{footer}</footer>
</main>
</body>
</html>
"""


# --------------------------------------------------------------------------- public


def build_lesson(
    spec: str | Path | None = None,
    *,
    seed: int = 1,
    repetitions: int = 100,
    turns: int | None = None,
    noise: float = 0.05,
    short_w: float = 0.5,
    long_w: float = 0.99,
    generations: int = 1000,
    strategy_files: Sequence[str | Path] = (),
    out: str = "lesson.html",
) -> Lesson:
    """Play the tournaments and build the lesson page.

    Parameters
    ----------
    spec : a tournament spec; by default Axelrod's 1980 first tournament when
        its spec is present (:func:`default_spec`), else the classic strategies
        with self-play, 200 moves. Self-play is always counted (the ecological
        simulation needs it).
    seed : master seed of every tournament on the page.
    repetitions : round robins per tournament (overrides the spec's).
    turns : moves per match (overrides the spec's).
    noise : the flip probability of the noise comparison.
    short_w, long_w : continuation probabilities of the shadow-of-the-future
        comparison.
    generations : length of the ecological simulation.
    strategy_files : user strategy files the spec's strategies come from.
    out : the output file name, written into the page's rerun command.

    Returns
    -------
    Lesson
    """
    from ipd._version import __version__
    from ipd.core.settings import check_noise

    started = time.perf_counter()
    short_w, long_w = _check_w("short w", short_w), _check_w("long w", long_w)
    if short_w >= long_w:
        raise IpdError(f"short w ({short_w:g}) must be smaller than long w ({long_w:g})")
    noise = check_noise(noise)
    if noise == 0:
        raise IpdError("the noise comparison needs a noise level above 0")
    if spec is None:
        found = default_spec()
        spec_text = None
        if found is not None:
            try:
                spec_text = str(found.relative_to(Path.cwd()))
            except ValueError:
                spec_text = str(found)
        spec_path = found
    else:
        spec_path, spec_text = Path(spec), str(spec)
    strategy_files = [str(f) for f in strategy_files]
    base = _base_tournament(spec_path, seed, repetitions, turns, strategy_files)
    published = None
    if spec_path is not None:
        from ipd.core.spec import load_spec

        published = load_spec(spec_path).get("published")
    results = base.play()
    title = base.name or "Tournament"
    settings = {
        "spec": spec_text,
        "title": title,
        "seed": base.seed,
        "repetitions": base.repetitions,
        "turns_given": turns,
        "noise": noise,
        "short_w": short_w,
        "long_w": long_w,
        "generations": generations,
        "out": str(out),
        "strategies": list(results.labels),
        "strategy_files": strategy_files,
    }
    settings["command"] = _command(settings)

    figures = _Figures()
    facts: dict[str, Any] = {}
    sections: dict[str, str] = {}
    sections["game"], facts["game"] = _game_section(base, results)
    sections["tournament"], facts["tournament"] = _tournament_section(results, figures, published)
    sections["principles"], facts["principles"] = _principles_section(results, figures)
    sections["ecology"], facts["ecology"] = _ecology_section(base, results, generations, figures)
    sections["noise"], facts["noise"], noise_configs = _noise_section(base, noise, figures)
    sections["shadow"], facts["shadow"], shadow_configs = _shadow_section(
        base, short_w, long_w, figures
    )
    sections["rerun"] = _rerun_section(settings, [results.config, *noise_configs, *shadow_configs])
    lead = (
        "How can co-operation emerge among players who care only about themselves? "
        f"Robert Axelrod asked with computer tournaments. This page replays one &mdash; "
        f"<em>{_e(title)}</em>, {len(results.labels)} strategies, seed {base.seed} &mdash; "
        "and every number and every sentence about the results below was computed from it."
    )
    footer = (
        f"Made by ipd {_e(__version__)}. Figures use the Okabe&ndash;Ito colour-blind-safe "
        "palette: blue = co-operate, orange = defect."
    )
    page = _page(f"Why tit-for-tat wins: {title}", lead, sections, footer)
    seconds = time.perf_counter() - started
    return Lesson(page, facts, settings, seconds, list(figures.alts))


def write_lesson(path: str | Path, *, force: bool = False, **options: Any) -> Lesson:
    """Build the lesson (see :func:`build_lesson`) and write it to ``path``.

    The output path is checked before anything is computed, and the file is
    written atomically; an existing file is kept unless ``force``.
    """
    from ipd.core.io import check_output_path

    check_output_path(path, force=force, suffixes=(".html", ".htm"))
    lesson = build_lesson(out=str(path), **options)
    lesson.write(path, force=force)
    return lesson
