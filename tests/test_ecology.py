"""The ecological simulation (Axelrod 1984, chapter 2)."""

import numpy as np
import pandas as pd
import pytest

import ipd
from ipd.analysis.ecology import simulate
from ipd.core.errors import IpdError


def matrix(values, labels):
    return pd.DataFrame(values, index=labels, columns=labels, dtype=float)


def test_one_generation_matches_a_hand_computation():
    # Shares 1/2, 1/2; fitness of a = 0.5*3 + 0.5*0 = 1.5, of b = 0.5*5 + 0.5*1 = 3;
    # mean fitness 2.25, so a's share becomes 0.5 * 1.5 / 2.25 = 1/3.
    eco = simulate(matrix([[3, 0], [5, 1]], ["a", "b"]), generations=1)
    assert eco.shares.loc[1, "a"] == pytest.approx(1 / 3)
    assert eco.shares.loc[1, "b"] == pytest.approx(2 / 3)
    assert eco.shares.loc[0].tolist() == [0.5, 0.5]


def test_two_generations_by_hand_with_uneven_start():
    # Start 0.2/0.8. Gen 1: f_a = 0.2*3 + 0.8*1 = 1.4, f_b = 0.2*2 + 0.8*2 = 2.0,
    # mean = 0.2*1.4 + 0.8*2 = 1.88 -> a = 0.28/1.88.
    eco = simulate(matrix([[3, 1], [2, 2]], ["a", "b"]), generations=2, initial={"a": 1, "b": 4})
    a1 = 0.28 / 1.88
    assert eco.shares.loc[1, "a"] == pytest.approx(a1)
    b1 = 1 - a1
    fa, fb = 3 * a1 + 1 * b1, 2.0
    assert eco.shares.loc[2, "a"] == pytest.approx(a1 * fa / (a1 * fa + b1 * fb))


def test_shares_always_sum_to_one_and_extinction_is_reported():
    eco = simulate(matrix([[3, 0], [5, 1]], ["allc", "alld"]), generations=200, threshold=1e-3)
    assert np.allclose(eco.shares.sum(axis=1), 1.0)
    assert "allc" in eco.extinctions and eco.survivors == ["alld"]
    first = eco.extinctions["allc"]
    assert eco.shares.loc[first, "allc"] < 1e-3 <= eco.shares.loc[first - 1, "allc"]


def test_exploiters_grow_then_die_out_with_reciprocators_present():
    results = ipd.Tournament(["tft", "allc", "alld"], turns=200, repetitions=1, seed=0).play()
    eco = results.ecology(generations=400)
    alld = eco.shares["alld"]
    assert alld.iloc[1] > alld.iloc[0]  # feeds on the co-operators at first
    assert alld.iloc[-1] < 1e-3  # then starves
    assert "tft" in eco.survivors


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"generations": 0}, "generations"),
        ({"threshold": 0}, "threshold"),
        ({"initial": {"zzz": 1}}, "unknown strategies"),
        ({"initial": {"a": 0, "b": 0}}, "not all zero"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(IpdError, match=message):
        simulate(matrix([[3, 0], [5, 1]], ["a", "b"]), **kwargs)


def test_needs_self_play_and_non_negative_payoffs():
    without = ipd.Tournament(["tft", "alld"], turns=10, repetitions=1, seed=0, self_play=False)
    with pytest.raises(IpdError, match="self-play"):
        without.play().ecology()
    with pytest.raises(IpdError, match="non-negative"):
        simulate(matrix([[3, -1], [5, 1]], ["a", "b"]))
