"""Jupyter display: ``_repr_html_`` of results, matches, principles reports and ecologies.

Each is parsed as HTML (it must be well formed: every tag closed), must show its numbers,
and must escape what users name (a tournament title with markup in it).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import ipd
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


def test_figures_are_returned_not_shown(results):
    """Plot functions hand back a Figure and leave pyplot's state alone (nothing is shown)."""
    import matplotlib
    from matplotlib.figure import Figure

    from ipd.report import plots

    figure = plots.payoff_heatmap(results)
    assert isinstance(figure, Figure)
    pyplot = matplotlib.pyplot if hasattr(matplotlib, "pyplot") else None
    assert pyplot is None or not pyplot.get_fignums()
