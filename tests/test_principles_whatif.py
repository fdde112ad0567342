"""What-if verdicts: twins replayed with common random numbers, against hand-worked matches,
full replays of the changed field, and the verdict rules."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import ipd
from ipd.analysis import principles as P
from ipd.analysis.principles import whatif as W
from ipd.analysis.stats import partial_spearman, permutation_p_values, spearman
from ipd.core.errors import IpdError

FIELD = ["tft", "allc", "alld", "grudger"]
NOISY = ["tft", "allc", "alld", "grudger", "random", "wsls"]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    """One compiled kernel for the whole module: the noisy field's steps and every twin
    of TFT and ALLD (every replay below plays a subset of it)."""
    from ipd.core.players import parse_player
    from ipd.engine import api

    game = ipd.Game()
    players = [parse_player(s) for s in NOISY]
    for base in ("tft", "alld"):
        for changes in W.CHANGES.values():
            players += [parse_player(base).transformed(c.layer) for c in changes]
    api.kernels(list(dict.fromkeys(p.behaviour(game).step for p in players)))


@pytest.fixture(scope="module")
def small():
    return ipd.Tournament(FIELD, turns=10, repetitions=3, seed=1, self_play=False).play()


@pytest.fixture(scope="module")
def small_report(small):
    return W.what_if(small, strategies=["tft", "alld"])


def case(report, twin):
    row = report.cases[report.cases["twin"] == twin]
    assert len(row) == 1, twin
    return row.iloc[0]


def test_twins_of_tft_are_the_documented_ones(small_report):
    cases = small_report.cases[small_report.cases["strategy"] == "tft"]
    twins = list(cases["twin"])
    assert twins == [
        "tft|envious",
        "tft|first_defector",
        "tft|first_defector:random=10",
        "tft|nice",
        "tft|unprovocable",
        "tft|unforgiving",
        "tft|randomised",
    ]
    effects = dict(zip(cases["twin"], cases["effect"], strict=True))
    assert effects.pop("tft|nice") == "follows"
    assert set(effects.values()) == {"breaks"}
    # TFT is nice already: made nice it plays exactly as before and is not counted.
    assert case(small_report, "tft|nice").outcome == W.UNCHANGED


def test_first_defection_by_hand(small_report):
    # Ten moves, no self-play. TFT defecting on move 1, then copying:
    # vs ALLC  D C...C against C...: 5 + 9*3 = 32 (TFT had 30): +2
    # vs ALLD  D D...D against D...: 10 (TFT had 0 + 9 = 9):    +1
    # vs GRUDGER D C D...D against C D...D: 5 + 0 + 8 = 13 (30): -17
    row = case(small_report, "tft|first_defector")
    assert row.delta == pytest.approx((2 + 1 - 17) / 3, abs=1e-12)
    assert row.ci_low == row.ci_high == row.delta  # deterministic: no spread
    assert row.outcome == W.SUPPORTS and row.base_rank == 2  # ALLD wins this field


def test_a_twin_that_plays_the_same_is_unchanged(small_report):
    # TFT is behind only just after its opponent defected, when it defects anyway.
    row = case(small_report, "tft|envious")
    assert row.outcome == W.UNCHANGED and row.delta == 0.0


def test_replaying_only_the_changed_matches_equals_playing_the_whole_changed_field():
    results = ipd.Tournament(NOISY, turns=40, repetitions=6, seed=3, noise=0.02).play()
    report = W.what_if(results, strategies=["tft"])
    field = ipd.Tournament(NOISY, turns=40, repetitions=6, seed=3, noise=0.02)
    e = NOISY.index("tft")
    for row in report.cases.itertuples():
        whole = field.with_entrant(e, row.twin).play().summary().set_index("strategy")
        assert row.twin_score == pytest.approx(whole.loc[row.twin, "score"], rel=1e-12)
        assert row.twin_rank == whole.loc[row.twin, "rank"]


def test_common_random_numbers_make_an_idle_change_exactly_zero_under_noise():
    # With q = 0 the unprovocable layer never acts (and draws nothing), so every
    # match, noise included, replays bit for bit.
    results = ipd.Tournament(NOISY, turns=30, repetitions=4, seed=2, noise=0.05).play()
    field = ipd.Tournament(NOISY, turns=30, repetitions=4, seed=2, noise=0.05)
    e = NOISY.index("tft")
    pairs = results.pairs[(results.pairs[:, 0] == e) | (results.pairs[:, 1] == e)]
    before = field.play_totals(pairs=pairs)
    after = field.with_entrant(e, "tft|unprovocable:q=0").play_totals(pairs=pairs)
    np.testing.assert_array_equal(before.strategy_rep_scores, after.strategy_rep_scores)


def test_a_not_nice_strategy_is_made_nice(small_report):
    row = case(small_report, "alld|nice")
    # ALLD made nice co-operates with ALLC, GRUDGER (and copies of itself): it follows
    # the advice and, in this field, loses by it (it exploited ALLC before).
    assert row.effect == "follows"
    assert row.outcome in (W.SUPPORTS, W.CONTRADICTS)
    assert math.copysign(1, row.delta) == (1 if row.outcome == W.SUPPORTS else -1)


def test_default_examines_the_top_five_and_the_best_rule_that_is_not_nice():
    results = ipd.Tournament(NOISY, turns=20, repetitions=2, seed=1).play()
    measures = P.measure(results)
    chosen = W._examined(results, measures, None, False)
    top = [results.labels.index(s) for s in measures["strategy"][: W.TOP]]
    assert chosen[: W.TOP] == top
    if all(measures["nice"][: W.TOP]):
        assert not measures.set_index("strategy").loc[results.labels[chosen[-1]], "nice"]


def test_verdict_rules():
    principle = next(p for p in P.PRINCIPLES if p.key == "envy")

    def judged(*outcomes):
        rows = [
            {
                "principle": "envy",
                "strategy": f"s{k}",
                "change": "defects whenever it is behind",
                "delta": -1.0 if o == W.SUPPORTS else 1.0,
                "outcome": o,
            }
            for k, o in enumerate(outcomes)
        ]
        return W._judge(principle, pd.DataFrame(rows, columns=W.CASE_COLUMNS)).verdict

    assert judged(W.SUPPORTS, W.SUPPORTS, W.UNCLEAR) == P.HOLDS
    assert judged(W.SUPPORTS, W.UNCLEAR, W.UNCLEAR) == P.INCONCLUSIVE
    assert judged(W.CONTRADICTS, W.UNCHANGED) == P.DOES_NOT_HOLD
    assert judged(W.SUPPORTS, W.CONTRADICTS) == P.MIXED
    assert judged(W.UNCHANGED, W.UNCHANGED) == P.INCONCLUSIVE
    assert judged() == P.INCONCLUSIVE


def test_report_carries_both_parts(small):
    report = small.principles(permutations=99, strategies=["tft", "alld"])
    assert report.what_if is not None
    document = report.to_dict()
    assert document["what_if"]["settings"]["examined"] == ["tft", "alld"]
    assert "What if?" in report.format() and "What-if verdicts:" in report.format()
    assert small.principles(permutations=99).what_if is None


def test_bad_inputs(small):
    with pytest.raises(IpdError, match="not in this tournament: wsls"):
        W.what_if(small, strategies=["wsls"])
    with pytest.raises(IpdError, match="z must be a positive number"):
        W.what_if(small, strategies=["tft", "alld"], z=-1)


def test_stratified_permutations_shuffle_only_within_groups():
    x = np.arange(6.0)
    y = np.array([1, 3, 2, 5, 4, 6.0])
    strata = [0, 0, 0, 1, 1, 1]
    # 3! * 3! = 36 arrangements, enumerated: count those at least as large by hand.
    exact = permutation_p_values(x, y, 9999, 0, strata=strata)
    import itertools

    rx = x - x.mean()
    ry = y - y.mean()
    observed = rx @ ry
    stats = [
        np.r_[np.array(a), np.array(b)] @ ry
        for a in itertools.permutations(rx[:3])
        for b in itertools.permutations(rx[3:])
    ]
    assert exact[1] == pytest.approx(np.mean(np.array(stats) >= observed - 1e-9))
    sampled = permutation_p_values(x, y, 35, 1, strata=strata)
    assert 0 < sampled[1] <= 1
    # Without strata the same data look far stronger.
    assert permutation_p_values(x, y, 9999, 0)[1] < exact[1]


def test_partial_spearman_closed_form():
    x = np.array([1.0, 2, 3, 4, 5, 6])
    y = np.array([2.0, 1, 4, 3, 6, 5])
    z = np.array([0.0, 0, 0, 1, 1, 1])
    rxy, rxz, ryz = spearman(x, y), spearman(x, z), spearman(y, z)
    expected = (rxy - rxz * ryz) / math.sqrt((1 - rxz**2) * (1 - ryz**2))
    assert partial_spearman(x, y, z) == pytest.approx(expected)
    assert math.isnan(partial_spearman(x, y, np.ones(6)))


def test_what_if_panel_draws_every_case_with_its_outcome_colour(small, small_report):
    from ipd.report import plots
    from ipd.report.principles_plots import OUTCOME_COLOURS, what_if_figure

    fig = what_if_figure(small_report)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == 4
    drawn = sum(
        len([ln for ln in ax.lines if ln.get_marker() == "o" and len(ln.get_xdata())])
        for ax in panels
    )
    assert drawn == len(small_report.cases)
    envy = next(ax for ax in panels if ax.get_title(loc="left").startswith("don't be envious"))
    dot = next(ln for ln in envy.lines if ln.get_marker() == "o" and len(ln.get_xdata()))
    assert dot.get_color() == OUTCOME_COLOURS["unchanged"]
    both = plots.principles_plot(small, what_if=small_report)
    assert len([ax for ax in both.axes if ax.get_visible()]) == 4 + len(
        plots._principles_columns(P.measure(small))
    )


def test_cli_prints_both_parts_and_json_carries_the_what_if(tmp_path):
    import json

    from click.testing import CliRunner

    from ipd.cli.principles_cmd import principles

    spec = tmp_path / "small.toml"
    spec.write_text(
        f"strategies = {NOISY!r}\nturns = 30\nrepetitions = 3\nseed = 1\n".replace("'", '"')
    )
    result = CliRunner().invoke(principles, [str(spec), "--json", "--examine", "tft"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    twins = {c["twin"] for c in document["what_if"]["cases"]}
    assert {"tft|envious", "tft|nice", "tft|randomised", "tft|unforgiving"} <= twins
    assert [v["principle"] for v in document["what_if"]["verdicts"]] == [
        p.key for p in P.PRINCIPLES
    ]
    text = CliRunner().invoke(principles, [str(spec), "--examine", "tft"])
    assert "What if?" in text.output and "What-if verdicts:" in text.output
