"""Collective stability: TFT's threshold w >= max((T-R)/(T-P), (T-R)/(R-S)), from exact payoffs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ipd
from ipd.analysis.exact import exact_payoffs
from ipd.analysis.stability import invasions, payoff_estimates, stability, tft_threshold
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.strategies import MemoryOne

# Alternates D, C, D, C, ... starting with D (ipd's "alternator" starts with C).
ALTERNATOR_D = ("alternator_d", MemoryOne(0, 0, 1, 1, first=0))
POOL = ["tft", "alld", ALTERNATOR_D]

GAMES = {
    # payoffs: (threshold against ALLD, against the D-first alternator)
    (3, 0, 5, 1): (1 / 2, 2 / 3),  # the default: the alternator binds, 2/3
    (4, 0, 6, 1): (2 / 5, 1 / 2),  # both thresholds move; 1/2
    (3, 0, 4, 2): (1 / 2, 1 / 3),  # here ALLD binds: 1/2
}


def _tft_row(w: float, game: Game) -> pd.Series:
    table = stability(exact_payoffs(POOL, w, game=game))
    return table.set_index("strategy").loc["tft"]


def test_threshold_formula():
    assert tft_threshold() == pytest.approx(2 / 3)
    for payoffs, (against_alld, against_alternator) in GAMES.items():
        assert tft_threshold(Game(*payoffs)) == pytest.approx(max(against_alld, against_alternator))


@pytest.mark.parametrize("payoffs", list(GAMES))
def test_tft_is_stable_exactly_from_the_threshold(payoffs):
    game = Game(*payoffs)
    threshold = tft_threshold(game)
    just_below = threshold - 1e-6
    for w in (just_below, threshold, threshold + 1e-6, 0.95):
        row = _tft_row(w, game)
        assert row["stable"] == (w >= threshold), (payoffs, w, row.to_dict())
    # Just below, the strategy that sets the threshold is the one that invades.
    against_alld, against_alternator = GAMES[payoffs]
    binding = "alld" if against_alld > against_alternator else "alternator_d"
    assert binding in _tft_row(just_below, game)["invaders"].split(",")


@pytest.mark.parametrize("payoffs", list(GAMES))
def test_each_invader_has_its_own_threshold(payoffs):
    """ALLD invades TFT below (T-R)/(T-P); the D-first alternator below (T-R)/(R-S)."""
    game = Game(*payoffs)
    for invader, threshold in zip(("alld", "alternator_d"), GAMES[payoffs], strict=True):
        for w, invades in ((threshold - 1e-6, True), (threshold, False), (threshold + 1e-6, False)):
            table = invasions(exact_payoffs(POOL, w, game=game))
            row = table[(table["resident"] == "tft") & (table["invader"] == invader)].iloc[0]
            assert bool(row["invades"]) == invades, (payoffs, invader, w)


def test_stability_table_for_a_hand_made_matrix():
    labels = ["a", "b", "c"]
    # V(row vs column); residents are columns. a: b gets 2 > 1 against a -> invaded by b.
    matrix = pd.DataFrame(
        [[1.0, 0.0, 3.0], [2.0, 2.0, 1.0], [1.5, 2.0, 3.0]], index=labels, columns=labels
    )
    table = stability(matrix).set_index("strategy")
    assert table.loc["a", "invaders"] == "b,c"  # strongest first: b gains 1, c gains 0.5
    assert table.loc["a", "best_invader"] == "b"
    assert table.loc["a", "margin"] == pytest.approx(1.0)
    assert not table.loc["a", "stable"]
    assert table.loc["b", "stable"]  # c ties at 2: a tie does not invade
    assert table.loc["b", "n_invaders"] == 0
    assert table.loc["c", "stable"]
    assert list(table.index) == labels


def test_ties_within_tolerance_do_not_invade_but_larger_gains_do():
    matrix = pd.DataFrame([[1.0, 0.0], [1.0 + 1e-12, 0.5]], index=["x", "y"], columns=["x", "y"])
    assert stability(matrix).set_index("strategy").loc["x", "stable"]
    assert not stability(matrix, tol=0.0).set_index("strategy").loc["x", "stable"]


def test_missing_self_play_and_bad_matrices_are_refused():
    matrix = pd.DataFrame([[np.nan, 1.0], [2.0, 1.0]], index=["x", "y"], columns=["x", "y"])
    with pytest.raises(IpdError, match=r"twin.*x"):
        stability(matrix)
    with pytest.raises(IpdError, match="same strategies"):
        stability(pd.DataFrame([[1.0, 2.0]], index=["x"], columns=["x", "y"]))
    with pytest.raises(IpdError, match="DataFrame"):
        stability([[1.0]])
    with pytest.raises(IpdError, match="T > R > P > S"):
        tft_threshold(Game(3, 0, 2, 1, allow_non_dilemma=True))


def test_stability_from_a_fixed_length_tournament():
    results = ipd.Tournament(["tft", "alld", "allc"], turns=50, repetitions=2, seed=1).play()
    table = stability(payoff_estimates(results)).set_index("strategy")
    assert table.loc["tft", "stable"]
    assert table.loc["alld", "stable"]
    assert table.loc["allc", "invaders"] == "alld"
    pd.testing.assert_frame_equal(payoff_estimates(results), results.payoff_matrix())


def test_geometric_tournament_estimates_are_totals_over_moves_not_mean_rates():
    """E[score / length] is not E[score] / E[length]: only the latter estimates V.

    TFT against ALLD at w = 0.5 is worth (1 - w) S + w P = 0.5 per move; the mean of
    per-match rates tends to P + (S - P) E[1/L] = 1 - ln 2 = 0.31 instead.
    """
    w = 0.5
    results = ipd.Tournament(["tft", "alld"], continuation=w, repetitions=20000, seed=2).play()
    estimate = payoff_estimates(results).loc["tft", "alld"]
    assert estimate == pytest.approx((1 - w) * 0.0 + w * 1.0, abs=0.01)
    # The mean of per-match rates would be biased towards 1 - ln 2 = 0.31.
    table = results.pair_table().set_index(["row", "column"])
    assert table.loc[("tft", "alld"), "score_per_turn"] == pytest.approx(estimate)
    assert abs(estimate - (1 - np.log(2))) > 0.1


def test_discounted_tournament_estimates_are_its_payoff_matrix():
    results = ipd.Tournament(["tft", "alld"], discount=0.9, turns=400, repetitions=1).play()
    estimates = payoff_estimates(results)
    pd.testing.assert_frame_equal(estimates, results.payoff_matrix())
    exact = exact_payoffs(["tft", "alld"], 0.9)
    np.testing.assert_allclose(estimates.to_numpy(), exact.to_numpy(), atol=1e-12)
