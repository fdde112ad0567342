"""ipd/reproduction.py: the shipped published tables and the comparison with a run."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ipd import IpdError
from ipd.analysis.reproduction import (
    TABLE_COLUMNS,
    available,
    compare_with_published,
    published_table,
    spearman,
)
from ipd.report.text import published_comparison

# --------------------------------------------------------------------------- published tables


def test_axelrod_1980_first_is_shipped_with_its_citation():
    assert "axelrod_1980_first" in available()
    table = published_table("axelrod_1980_first")
    assert list(table.columns) == ["rank", "id", "rule", "author", "score"]
    assert len(table) == 15
    assert "Effective Choice in the Prisoner's Dilemma" in table.attrs["citation"]
    assert "24(1):3-25" in table.attrs["citation"]


def test_axelrod_1980_first_holds_the_published_numbers():
    # The appendix of Axelrod (1980a), as quoted in the issue.
    table = published_table().set_index("id")
    assert table.loc["tft", "score"] == 504.5
    assert table.loc["tideman_chieruzzi", "score"] == 500.4
    assert table.loc["graaskamp", "score"] == 400.7
    assert table.loc["random", "score"] == 276.3
    assert table.loc["anonymous", "rule"] == "(Name withheld)"
    assert table.loc["stein_rapoport", "author"] == "William Stein and Amnon Rapoport"
    assert table["score"].is_monotonic_decreasing
    assert list(table["rank"]) == list(range(1, 16))


def test_unknown_table_is_a_one_line_error():
    with pytest.raises(IpdError, match=r"no published table named 'nope'.*axelrod_1980_first"):
        published_table("nope")


# --------------------------------------------------------------------------- comparison

PUBLISHED = pd.DataFrame(
    {
        "rank": [1, 2, 3],
        "id": ["a", "b", "c"],
        "rule": ["A", "B", "C"],
        "author": ["", "", ""],
        "score": [10.0, 8.0, 5.0],
    }
)


def test_comparison_by_hand():
    # Ours: c first (12), then a (11), b (7); "extra" was not in the published tournament.
    summary = pd.DataFrame(
        {"strategy": ["extra", "c", "a", "b"], "rank": [1, 2, 3, 4], "score": [99.0, 12, 11, 7]}
    )
    table, figures = compare_with_published(summary, PUBLISHED)
    assert list(table.columns) == TABLE_COLUMNS
    assert list(table["strategy"]) == ["a", "b", "c"]  # published order
    assert list(table["published_rank"]) == [1, 2, 3]
    assert list(table["rank"]) == [2, 3, 1]  # among the rules in both tables
    assert list(table["score"]) == [11.0, 7.0, 12.0]
    assert list(table["difference"]) == [1.0, -1.0, 7.0]
    # Spearman: our ranks by score (b 1, a 2, c 3) against the published (c 1, b 2, a 3):
    # d = -1, -1, 2, sum d^2 = 6, rho = 1 - 6 * 6 / (3 * 8) = -0.5.
    assert figures["spearman"] == pytest.approx(-0.5)
    assert figures["mean_abs_diff"] == pytest.approx(3.0)  # (1 + 1 + 7) / 3
    assert figures["compared"] == 3


def test_rules_we_did_not_play_are_left_out_of_the_figures():
    summary = pd.DataFrame({"strategy": ["b", "a"], "rank": [1, 2], "score": [9.0, 8.0]})
    table, figures = compare_with_published(summary, PUBLISHED)
    row = table.set_index("strategy").loc["c"]
    assert pd.isna(row["rank"]) and math.isnan(row["score"]) and math.isnan(row["difference"])
    assert figures["compared"] == 2
    assert figures["spearman"] == pytest.approx(-1.0)
    assert figures["mean_abs_diff"] == pytest.approx(1.5)  # (|8 - 10| + |9 - 8|) / 2


def test_perfect_reproduction():
    summary = pd.DataFrame({"strategy": ["a", "b", "c"], "rank": [1, 2, 3], "score": [10, 8, 5]})
    _, figures = compare_with_published(summary, PUBLISHED)
    assert figures == {
        "spearman": pytest.approx(1.0),
        "by": "score",
        "mean_abs_diff": 0.0,
        "mean_abs_rank_diff": 0.0,
        "compared": 3,
    }


def test_a_table_of_ranks_only_is_compared_by_rank():
    # The second tournament's table has no scores. Ours: c, a, b (b unplayed is left out).
    ranks_only = PUBLISHED.assign(score=math.nan)
    summary = pd.DataFrame({"strategy": ["c", "a"], "rank": [1, 2], "score": [12.0, 11.0]})
    table, figures = compare_with_published(summary, ranks_only)
    assert table["difference"].isna().all()
    assert figures["by"] == "rank" and figures["compared"] == 2
    assert figures["spearman"] == pytest.approx(-1.0)  # a above c there, c above a here
    assert math.isnan(figures["mean_abs_diff"])
    assert figures["mean_abs_rank_diff"] == pytest.approx(1.0)  # a: 2 vs 1, c: 1 vs 2
    text = published_comparison(table, figures)
    assert "ranks only" in text and "nan" not in text


def test_a_player_with_parameters_stands_for_its_rule():
    summary = pd.DataFrame(
        {"strategy": ["a", "b:x=1", "c"], "rank": [1, 2, 3], "score": [10, 8, 5]}
    )
    table, figures = compare_with_published(summary, PUBLISHED)
    assert list(table["strategy"]) == ["a", "b:x=1", "c"]
    assert figures["compared"] == 3 and figures["mean_abs_diff"] == 0.0


def test_a_variant_beside_its_plain_rule_or_another_variant_is_left_out():
    summary = pd.DataFrame(
        {
            "strategy": ["b:x=1", "a", "b", "c:y=1", "c:y=2"],
            "rank": [1, 2, 3, 4, 5],
            "score": [99, 10, 8, 5, 4],
        }
    )
    table, figures = compare_with_published(summary, PUBLISHED)
    assert list(table["strategy"]) == ["a", "b", "c"]
    assert list(table["score"].iloc[:2]) == [10, 8] and pd.isna(table["score"].iloc[2])
    assert figures["compared"] == 2


def test_nothing_in_common_gives_nan_figures():
    summary = pd.DataFrame({"strategy": ["x"], "rank": [1], "score": [1.0]})
    table, figures = compare_with_published(summary, PUBLISHED)
    assert table["score"].isna().all()
    assert math.isnan(figures["spearman"]) and math.isnan(figures["mean_abs_diff"])
    assert figures["compared"] == 0


def test_summary_without_the_needed_columns_is_an_error():
    with pytest.raises(IpdError, match="score"):
        compare_with_published(pd.DataFrame({"strategy": ["a"], "rank": [1]}), PUBLISHED)


def test_spearman_gives_ties_their_mean_rank():
    # Ranks of x: 1, 2.5, 2.5, 4; Pearson with 1..4: 4.5 / sqrt(4.5 * 5).
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))
    assert spearman([3, 1, 2], [30, 10, 20]) == pytest.approx(1.0)
    assert math.isnan(spearman([1], [2]))
    assert math.isnan(spearman([1, 1, 1], [1, 2, 3]))


def test_the_text_report_shows_both_tables_and_the_figures():
    summary = pd.DataFrame({"strategy": ["b", "a"], "rank": [1, 2], "score": [9.0, 8.0]})
    text = published_comparison(*compare_with_published(summary, PUBLISHED))
    lines = text.splitlines()
    assert len(lines) == 1 + 3 + 1
    assert lines[1].split() == ["1", "a", "10.0", "2", "8.0", "-2.0"]
    assert lines[3].split() == ["3", "c", "5.0", "-", "-", "-"]
    assert "Spearman rank correlation -1.000" in lines[-1]
    assert "mean absolute score difference 1.5" in lines[-1]
