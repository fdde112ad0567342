"""The lesson's "what changes the result" sections, from played results: noise and the
shadow of the future."""

from __future__ import annotations

from typing import Any

from ipd.report.lesson.html import Figures, esc, join_words, ordinal, table

NOISE_PLAYERS = ("tft", "gtft", "wsls")
"""Added to the population for the noise comparison when absent."""
EXPLOITER = "alld"
"""Added to the population for the shadow-of-the-future comparison when absent."""


def _ranks(results, labels):
    frame = results.summary().set_index("strategy")
    return {s: frame.loc[s] for s in labels if s in frame.index}


def noise_section(quiet, noisy, figures: Figures) -> tuple[str, dict]:
    """The same population with and without noise (and gtft, wsls added)."""
    from ipd.report.plots import rank_comparison

    noise = noisy.settings.noise
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
        f"With {noise:.0%} noise, tit-for-tat ranks {ordinal(int(after['tft']['rank']))} of {n} "
        f"({ordinal(int(before['tft']['rank']))} without noise); generous tit-for-tat "
        f"{ordinal(int(after['gtft']['rank']))} ({ordinal(int(before['gtft']['rank']))}); "
        f"win-stay-lose-shift {ordinal(int(after['wsls']['rank']))} "
        f"({ordinal(int(before['wsls']['rank']))})."
    ]
    sentences.append(
        f"Two tit-for-tats meeting each other earn {m1.loc['tft', 'tft']:.2f} points per move "
        f"with noise instead of {m0.loc['tft', 'tft']:.2f}: one accidental defection starts an "
        "echo of retaliations that only another accident ends."
    )
    if better:
        also = [s for s in better if before[s]["rank"] < before["tft"]["rank"]]
        sentences.append(
            f"Here {join_words([names[s] for s in better])} "
            f"finish{'es' if len(better) == 1 else ''} above tit-for-tat with noise"
            + (
                f" ({join_words([names[s] for s in also])} did so without noise too)."
                if also
                else "."
            )
        )
    else:
        sentences.append(
            "In this population neither generous tit-for-tat nor win-stay-lose-shift finishes "
            "above tit-for-tat, even with noise."
        )
    body = [
        "<h2>What changes the result: noise</h2>",
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
        table(
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
    return "\n".join(body), facts


def shadow_section(short, long, figures: Figures) -> tuple[str, dict]:
    """The same population (and alld) with a short and a long shadow of the future."""
    from ipd.analysis.stability import tft_threshold
    from ipd.report.plots import rank_comparison

    short_w, long_w = short.settings.continuation, long.settings.continuation
    threshold = tft_threshold(short.settings.payoffs)
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
        f"finishes {ordinal(int(a[EXPLOITER]['rank']))} of {n} and the winner is "
        f"{esc(facts['winner_short'])}; with w = {long_w:g} (about {1 / (1 - long_w):.0f} moves) "
        f"always-defect finishes {ordinal(int(b[EXPLOITER]['rank']))} and the winner is "
        f"{esc(facts['winner_long'])}."
    ]
    if "tft" in a:
        sentences.append(
            f"Tit-for-tat goes from {ordinal(int(a['tft']['rank']))} to "
            f"{ordinal(int(b['tft']['rank']))}."
        )
    body = [
        "<h2>What changes the result: the shadow of the future</h2>",
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
        table(
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
    return "\n".join(body), facts
