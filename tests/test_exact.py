"""Exact discounted payoffs: closed forms, engine twins, simulation, and the refusals."""

from __future__ import annotations

import numpy as np
import pytest

import ipd
from ipd.analysis.exact import (
    cycle_values,
    entrants,
    exact_analysis,
    exact_payoffs,
    exact_results_table,
    markov_values,
    truncated_moves,
)
from ipd.analysis.stability import payoff_estimates
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.players import parse_player
from ipd.engine import api
from ipd.strategies import MemoryOne

R, S, T, P = 3.0, 0.0, 5.0, 1.0
W_VALUES = [0.1, 0.5, 2 / 3, 0.9, 0.99]

# The strategy that alternates starting with D (ipd's "alternator" starts with C).
ALTERNATOR_D = ("alternator_d", MemoryOne(0, 0, 1, 1, first=0))


def closed_forms(w: float) -> dict[tuple[str, str], float]:
    """Hand-derived normalised values (1 - w) sum w^(t-1) payoff_t of deterministic pairs."""
    return {
        ("tft", "alld"): (1 - w) * S + w * P,  # S, then P for ever
        ("alld", "tft"): (1 - w) * T + w * P,
        ("tft", "tft"): R,
        ("alld", "allc"): T,
        ("allc", "alld"): S,
        ("wsls", "tft"): R,
        ("grudger", "tft"): R,
        ("grudger", "alld"): (1 - w) * S + w * P,
        # WSLS against ALLD: C, D, C, D, ... scores S, P, S, P, ...
        ("wsls", "alld"): (S + w * P) / (1 + w),
        # TFT against STFT: they echo each other out of phase: S, T, S, T, ...
        ("tft", "stft"): (S + w * T) / (1 + w),
        ("stft", "tft"): (T + w * S) / (1 + w),
        # Grudger against ipd's alternator (C, D, C, D, ...): CC, CD, then DC, DD, DC, DD...
        ("grudger", "alternator"): (1 - w) * (R + w * S) + w**2 * (T + w * P) / (1 + w),
        ("alternator_d", "tft"): (T + w * S) / (1 + w),
    }


@pytest.mark.parametrize("w", W_VALUES)
def test_closed_forms_to_1e9(w):
    values = exact_payoffs(
        ["tft", "alld", "allc", "wsls", "grudger", "stft", "alternator", ALTERNATOR_D], w
    )
    for (row, column), expected in closed_forms(w).items():
        assert values.loc[row, column] == pytest.approx(expected, abs=1e-9), (row, column)


def test_pairs_of_deterministic_data_strategies_are_solved_by_a_proved_cycle():
    result = exact_analysis(["tft", "alld", "grudger", "tf2t", "2tft"], 0.9)
    assert set(result.method.to_numpy().ravel()) == {"cycle"}
    assert (result.error_bound.to_numpy() == 0).all()


DETERMINISTIC_DATA = [
    "allc",
    "alld",
    "tft",
    "stft",
    "wsls",
    "alternator",
    "grudger",
    "tf2t",
    "2tft",
]


@pytest.mark.parametrize("w", [0.3, 0.9, 0.99])
def test_cycle_sums_equal_a_long_discounted_engine_match(w):
    """Naive twin: the engine's discounted score over so many moves that w^N is negligible."""
    game = Game()
    pool = entrants([*DETERMINISTIC_DATA, ALTERNATOR_D], game)
    length = int(np.ceil(np.log(1e-15) / np.log(w)))
    for a in pool:
        for b in pool:
            record = api.play_match(
                a.behaviour,
                b.behaviour,
                length=length,
                reveal_length=False,
                payoffs=game.payoffs,
                noise=0.0,
                seed=0,
                discount=w,
            )
            va, vb, _, _ = cycle_values(a, b, w, game.payoffs)
            assert va == pytest.approx(record.score_a, abs=1e-9), (a.label, b.label)
            assert vb == pytest.approx(record.score_b, abs=1e-9), (a.label, b.label)


def test_markov_chain_agrees_with_the_cycle_on_deterministic_pairs():
    """Two independent exact methods for the same pairs."""
    game = Game()
    pool = entrants(DETERMINISTIC_DATA, game)
    for a in pool:
        for b in pool:
            by_chain = markov_values(a.automaton, b.automaton, 0.8, game.payoffs, 0.0)
            by_cycle = cycle_values(a, b, 0.8, game.payoffs)
            np.testing.assert_allclose(by_chain, by_cycle, atol=1e-12, err_msg=f"{a.label}")


def test_noise_turns_p_into_p_times_one_minus_e_plus_one_minus_p_times_e():
    """ALLD against ALLC with noise e: each move independently flipped, so V is one expectation."""
    e = 0.1
    values = exact_payoffs(["alld", "allc"], 0.7, noise=e)
    expected = (1 - e) ** 2 * T + (1 - e) * e * P + e * (1 - e) * R + e**2 * S
    assert values.loc["alld", "allc"] == pytest.approx(expected, abs=1e-12)
    assert exact_analysis(["alld", "allc"], 0.7, noise=e).method.loc["alld", "allc"] == "markov"


def _simulated_match_values(a, b, w, noise, repetitions, seed):
    """Per-match normalised values (1 - w) * total of A, from matches of geometric length."""
    totals = api.play_tournament(
        [a, b],
        np.array([[0, 1]]),
        rep_lengths=np.ones(repetitions, dtype=np.int64),
        continuation=w,
        reveal_length=False,
        payoffs=Game().payoffs,
        noise=noise,
        seed=seed,
    )
    return (1 - w) * totals.strategy_rep_scores[0]


@pytest.mark.parametrize(
    ("row", "column", "w", "noise"),
    [("tft", "alld", 0.9, 0.0), ("alld", "tft", 0.75, 0.0), ("tft", "tft", 0.9, 0.05)],
)
def test_simulated_means_under_geometric_ending_agree_with_exact_values(row, column, w, noise):
    game = Game()
    a, b = (parse_player(x).behaviour(game) for x in (row, column))
    samples = _simulated_match_values(a, b, w, noise, repetitions=20000, seed=11)
    exact = exact_payoffs([row, column] if row != column else [row], w, noise=noise)
    target = exact.loc[row, column]
    if noise == 0.0:
        assert target == pytest.approx(closed_forms(w)[(row, column)], abs=1e-12)
    standard_error = samples.std(ddof=1) / np.sqrt(len(samples))
    assert abs(samples.mean() - target) < 4 * standard_error


def test_random_memory_one_pair_matches_a_long_simulation():
    rng = np.random.default_rng(2024)
    first, second = (MemoryOne(*rng.uniform(0.05, 0.95, size=5)) for _ in range(2))
    w, noise = 0.85, 0.02
    result = exact_analysis([("m1", first), ("m2", second)], w, noise=noise)
    assert result.method.loc["m1", "m2"] == "markov"
    samples = _simulated_match_values(
        first.behaviour(), second.behaviour(), w, noise, repetitions=40000, seed=5
    )
    standard_error = samples.std(ddof=1) / np.sqrt(len(samples))
    assert abs(samples.mean() - result.payoffs.loc["m1", "m2"]) < 4 * standard_error


def test_code_strategy_values_are_bounded_by_the_tolerance():
    w = 0.95
    result = exact_analysis(["gradual", "alld", "tft", "allc"], w, tol=1e-12)
    assert result.method.loc["gradual", "alld"] == "truncated"
    assert result.error_bound.loc["gradual", "alld"] <= 1e-12
    assert result.payoffs.loc["gradual", "tft"] == pytest.approx(R, abs=1e-11)
    # Gradual against ALLD: C, then punishments 1, 2, 3, ... with two calming Cs between,
    # all against D: compare with the engine's discounted score over many more moves.
    game = Game()
    gradual, alld = (parse_player(x).behaviour(game) for x in ("gradual", "alld"))
    record = api.play_match(
        gradual, alld, length=4 * truncated_moves(w, game.payoffs, 1e-12),
        reveal_length=False, payoffs=game.payoffs, noise=0.0, seed=0, discount=w,
    )  # fmt: skip
    assert result.payoffs.loc["gradual", "alld"] == pytest.approx(record.score_a, abs=2e-12)


def test_no_exact_answer_names_the_strategy_and_the_fallback():
    with pytest.raises(IpdError, match=r"gradual.*random.*stochastic.*fallback='simulate'"):
        exact_payoffs(["gradual", "random"], 0.9)
    with pytest.raises(IpdError, match=r"gradual is a strategy written as code.*noise"):
        exact_payoffs(["gradual", "tft"], 0.9, noise=0.01)


def test_fallback_simulates_only_the_pairs_without_an_exact_answer():
    result = exact_analysis(
        ["gradual", "random", "tft"], 0.8, fallback="simulate", repetitions=4000, seed=3
    )
    method = result.method
    assert method.loc["gradual", "random"] == "simulated"
    assert method.loc["random", "tft"] == "markov"
    assert method.loc["gradual", "tft"] == "truncated"
    assert np.isnan(result.error_bound.loc["gradual", "random"])
    # The same matches a tournament with this seed plays: totals over moves of that pair.
    tournament = ipd.Tournament(
        ["gradual", "random", "tft"], continuation=0.8, repetitions=4000, seed=3
    ).play()
    estimates = payoff_estimates(tournament)
    assert result.payoffs.loc["gradual", "random"] == estimates.loc["gradual", "random"]
    assert result.payoffs.loc["random", "gradual"] == estimates.loc["random", "gradual"]
    again = exact_analysis(
        ["gradual", "random", "tft"], 0.8, fallback="simulate", repetitions=4000, seed=3
    )
    assert again.payoffs.equals(result.payoffs)


@pytest.mark.parametrize("w", [0.0, 1.0, -0.5, 1.5, "x"])
def test_w_must_lie_strictly_between_0_and_1(w):
    with pytest.raises(IpdError, match="w"):
        exact_payoffs(["tft", "alld"], w)


def test_bad_fallback_and_pool_are_refused():
    with pytest.raises(IpdError, match="fallback"):
        exact_payoffs(["tft"], 0.5, fallback="guess")
    with pytest.raises(IpdError, match="twice"):
        exact_payoffs(["tft", "tft"], 0.5)
    with pytest.raises(IpdError, match="MemoryOne"):
        exact_payoffs([("x", 3)], 0.5)


def test_exact_results_table_ranks_by_expected_payoff():
    w = 0.9
    table = exact_results_table(["tft", "alld", "allc"], w)
    assert list(table.columns[:3]) == ["rank", "strategy", "name"]
    per_turn = dict(zip(table["strategy"], table["score_per_turn"], strict=True))
    # TFT meets TFT (R), ALLD ((1-w)S + wP) and ALLC (R).
    assert per_turn["tft"] == pytest.approx((R + (1 - w) * S + w * P + R) / 3, abs=1e-12)
    assert table["score"].to_numpy() == pytest.approx(table["score_per_turn"] / (1 - w))
    assert list(table["rank"]) == [1, 2, 3]
    assert table["score_per_turn"].is_monotonic_decreasing
    stable = dict(zip(table["strategy"], table["stable"], strict=True))
    assert stable == {"tft": True, "alld": True, "allc": False}
    no_twin = exact_results_table(["tft", "alld", "allc"], w, self_play=False)
    per_turn = dict(zip(no_twin["strategy"], no_twin["score_per_turn"], strict=True))
    assert per_turn["tft"] == pytest.approx(((1 - w) * S + w * P + R) / 2, abs=1e-12)


def test_payoffs_change_with_the_game():
    game = Game(4, 0, 6, 1)
    values = exact_payoffs(["tft", "alld"], 0.5, game=game)
    assert values.loc["alld", "tft"] == pytest.approx(0.5 * 6 + 0.5 * 1, abs=1e-12)
    assert values.loc["tft", "tft"] == 4.0
