"""Jupyter display: ``_repr_html_`` of results, matches, principles reports, ecologies,
comparisons with published tables and population results (Moran runs, fixation matrices,
the small-mutation limit, spatial games).

Each is parsed as HTML (it must be well formed: every tag closed), must show its numbers,
and must escape what users name (a tournament title with markup in it).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import ipd
from ipd.analysis import reproduction
from ipd.engine import api
from ipd.strategies import families

FIELD = ["tft", "alld", "grudger", "wsls", "random"]
VOID = {"br", "hr", "img", "meta", "link", "input", "col", "wbr"}


@pytest.fixture(scope="module", autouse=True)
def warm_kernel():
    api.kernels((families.memory_one_step, families.fsm_step))


class Checker(HTMLParser):
    """Collects text, and fails on a closing tag that does not match the open one."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Checker:
    checker = Checker()
    checker.feed(markup)
    checker.close()
    assert not checker.stack, f"unclosed tags: {checker.stack}"
    return checker


@pytest.fixture(scope="module")
def results() -> ipd.Results:
    return ipd.Tournament(FIELD, turns=50, repetitions=4, seed=3, name="Five <b>rules</b>").play()


def test_results_show_the_summary_table(results):
    page = parse(results._repr_html_())
    text = " ".join(page.text)
    assert "table" in page.tags
    summary = results.summary()
    for row in summary.itertuples():
        assert row.strategy in text
        assert f"{row.score:.3f}" in text
    assert "5 strategies, 50 turns, 4 repetitions" in text and "seed 3" in text
    # The title is the user's text, shown as text, not markup.
    assert "b" not in page.tags and "Five <b>rules</b>" in text


def test_results_caption_names_the_match_lengths():
    geometric = ipd.Tournament(["tft", "alld"], continuation=0.9, repetitions=2, seed=1).play()
    assert "continuation w = 0.9" in geometric._repr_html_()
    cycled = ipd.Tournament(["tft", "alld"], lengths=[5, 7], repetitions=2, seed=1).play()
    assert "lengths 5,7" in cycled._repr_html_()


def test_match_shows_both_players_moves_and_scores():
    match = ipd.play_match("tft", "alld", turns=6)
    page = parse(match._repr_html_())
    text = "".join(page.text)
    assert "CDDDDD" in text and "DDDDDD" in text
    assert f"{match.scores[0]:g}" in text and f"{match.scores[1]:g}" in text
    assert "6 turns" in text and "seed 0" in text


def test_long_match_is_cut_with_a_count():
    match = ipd.play_match("tft", "random", turns=1000, seed=2)
    markup = match._repr_html_(limit=100)
    parse(markup)
    assert "(900 more)" in markup
    assert markup.count("<span") == 200


def test_principles_report_shows_verdicts_and_measures(results):
    found = results.principles()
    page = parse(found._repr_html_())
    text = " ".join(page.text)
    for verdict in found.verdicts:
        assert verdict.evidence in text
    for strategy in found.measures["strategy"]:
        assert strategy in text
    assert "clarity" in text and "Five <b>rules</b>" in text


def test_ecology_shows_initial_and_final_shares(results):
    ecology = results.ecology(generations=200)
    page = parse(ecology._repr_html_())
    cells = [t for t in page.text if t.strip()]
    final = ecology.shares.iloc[-1]
    for strategy in FIELD:
        assert strategy in cells
        assert f"{final[strategy]:.3f}" in cells
    for strategy, generation in ecology.extinctions.items():
        k = cells.index(strategy)
        assert cells[k + 3] == str(generation)
    assert "200 generations" in " ".join(cells)


def cells_of(markup: str) -> list[str]:
    return [t.strip() for t in parse(markup).text if t.strip()]


# --------------------------------------------------------------------------- published tables


def test_comparison_by_score_shows_both_tables_and_the_figures():
    published = reproduction.published_table("axelrod_1980_first")
    ours = published.assign(strategy=published["id"], score=published["score"] + 2.0)
    comparison = reproduction.compare_with_published(ours, published)
    table, figures = comparison  # still unpacks as a pair
    assert table is comparison.table
    assert figures["mean_abs_diff"] == pytest.approx(2.0)
    cells = cells_of(comparison._repr_html_())
    caption = cells[0]
    assert "axelrod_1980_first" in caption and "Spearman rank correlation 1.000" in caption
    assert "mean absolute score difference 2.0 points" in caption and "15 rules" in caption
    k = cells.index("tideman_chieruzzi")
    assert cells[k : k + 7] == ["tideman_chieruzzi", "TIDEMAN AND CHIERUZZI", "2", "500.4",
                                "2", "502.4", "2.0"]  # fmt: skip


def test_comparison_by_rank_says_the_table_has_ranks_only():
    published = reproduction.published_table("axelrod_1980_second")
    reversed_ranks = published.assign(
        strategy=published["id"], rank=published["rank"].max() + 1 - published["rank"], score=0.0
    )
    comparison = reproduction.compare_with_published(reversed_ranks, published)
    caption = cells_of(comparison._repr_html_())[0]
    assert "Spearman rank correlation -1.000" in caption and "ranks only" in caption
    assert f"{len(published)} rules compared" in caption


def test_rules_not_played_show_a_dash():
    published = reproduction.published_table("axelrod_1980_first")
    ours = published.assign(strategy=published["id"]).iloc[:3]
    cells = cells_of(reproduction.compare_with_published(ours, published)._repr_html_())
    k = cells.index("random")
    assert cells[k + 4 : k + 7] == ["—", "—", "—"]


# --------------------------------------------------------------------------- populations


@pytest.fixture(scope="module")
def table():
    from ipd.analysis.exact import exact_payoffs

    return exact_payoffs(["tft", "alld", "wsls"], 0.9)


def test_moran_result_shows_each_strategy_fixations(table):
    from ipd.analysis.populations import moran

    result = moran(table, {"tft": 4, "alld": 4, "wsls": 2}, runs=40, seed=5)
    cells = cells_of(result._repr_html_())
    caption = cells[0]
    assert "N = 10, birth-death" in caption and "40 runs, seed 5" in caption
    for row in result.summary().itertuples():
        k = cells.index(row.strategy)
        assert cells[k + 1 : k + 4] == [str(row.start), str(row.fixations),
                                        f"{row.fixation_probability:.4f}"]  # fmt: skip
    assert sum(int(cells[cells.index(s) + 2]) for s in ("tft", "alld", "wsls")) == 40


def test_moran_result_counts_unfinished_runs(table):
    from ipd.analysis.populations import moran

    result = moran(table, {"tft": 10, "alld": 10}, runs=5, seed=1, generations=3)
    assert "5 run(s) ended before fixation" in result._repr_html_()


def test_fixation_matrix_has_mutants_as_rows(table):
    from ipd.analysis.populations.fixation import fixation_matrix

    result = fixation_matrix(table, 20, intensity=0.1)
    markup = result._repr_html_()
    cells = cells_of(markup)
    assert "Fixation probabilities (exact)" in cells[0] and "N = 20" in cells[0]
    k = cells.index("alld", cells.index("wsls") + 1)  # the row of alld mutants
    assert cells[k + 1 : k + 4] == [f"{v:.4f}" for v in result.probability.loc["alld"]]
    assert "<th>alld</th>" in markup and "1/N = 0.0500" in markup


def test_small_mutation_limit_is_largest_first(table):
    from ipd.analysis.populations.fixation import fixation_matrix

    limit = fixation_matrix(table, 20, intensity=0.1).small_mutation()
    cells = cells_of(limit._repr_html_())
    order = limit.distribution.sort_values(ascending=False)
    assert cells[cells.index("share") + 1 :] == [
        x for label, v in order.items() for x in (label, f"{v:.4f}")
    ]
    assert f"most abundant: {limit.most_abundant}" in cells[0]


def test_spatial_result_shows_start_and_final_shares():
    from ipd.analysis.populations.spatial import nowak_may_payoffs, spatial

    result = spatial(nowak_may_payoffs(1.85), rows=9, generations=4, seed=2)
    cells = cells_of(result._repr_html_())
    assert "lattice" in cells[0] and "4 generations" in cells[0] and "seed 2" in cells[0]
    shares = result.shares()
    for label in ("C", "D"):
        k = cells.index(label)
        assert cells[k + 1 : k + 3] == [f"{shares[label].iloc[0]:.4f}",
                                        f"{shares[label].iloc[-1]:.4f}"]  # fmt: skip


def test_display_table_escapes_and_cuts_long_tables():
    import pandas as pd

    from ipd.core.display import html_table

    frame = pd.DataFrame({"strategy": [f"s<{k}>" for k in range(10)], "x": range(10)})
    markup = html_table(frame, "a <caption>", max_rows=4)
    cells = cells_of(markup)
    assert cells[0] == "a <caption>" and "<caption>" not in markup
    assert "s<3>" in cells and "s<4>" not in cells and "… and 6 more rows" in cells


# --------------------------------------------------------------------------- figures


def _population_figures(results):
    from ipd.analysis.exact import exact_payoffs
    from ipd.analysis.populations import moran
    from ipd.analysis.populations.fixation import fixation_matrix
    from ipd.analysis.populations.spatial import nowak_may_payoffs, spatial
    from ipd.report import plots, population_plots

    table = exact_payoffs(["tft", "alld"], 0.9)
    fixation = fixation_matrix(table, 10)
    yield plots.payoff_heatmap(results)
    yield population_plots.population_plot(moran(table, {"tft": 5, "alld": 5}, runs=3, seed=1))
    yield population_plots.fixation_heatmap(fixation, fixation.small_mutation())
    yield population_plots.lattice_frames(spatial(nowak_may_payoffs(1.85), rows=9, seed=1))


def test_figures_are_returned_not_shown(results):
    """Plot functions hand back a Figure and leave pyplot's state alone (nothing is shown)."""
    import matplotlib
    from matplotlib.figure import Figure

    figures = list(_population_figures(results))
    assert len(figures) == 4
    assert all(isinstance(figure, Figure) for figure in figures)
    pyplot = matplotlib.pyplot if hasattr(matplotlib, "pyplot") else None
    assert pyplot is None or not pyplot.get_fignums()
