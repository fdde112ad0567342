"""Fixation probabilities: the closed forms, against simulation; neutral drift; strong
selection; the small-mutation limit."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ipd.analysis.exact import exact_payoffs
from ipd.analysis.populations import MoranSettings
from ipd.analysis.populations.fixation import fixation_matrix, fixation_probability
from ipd.analysis.populations.small_mutation import stationary, stationary_sweep
from ipd.core.errors import IpdError


def frame(values, labels):
    return pd.DataFrame(values, index=labels, columns=labels)


@pytest.fixture(scope="module")
def tft_alld():
    return exact_payoffs(["tft", "alld"], 0.9)


def test_constant_fitness_gives_the_classic_moran_formula():
    # Fitness r for mutants and 1 for residents whatever the population: (1 - 1/r) / (1 - 1/r^N).
    for r, n in ((1.5, 10), (0.8, 7), (3.0, 40)):
        expected = (1 - 1 / r) / (1 - r**-n)
        assert fixation_probability([[r, r], [1, 1]], n) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("process", ["bd", "db"])
@pytest.mark.parametrize("n", [2, 10, 100])
def test_neutral_drift_is_one_over_n(process, n):
    assert fixation_probability([[2, 2], [2, 2]], n, 0.7, process=process) == 1 / n
    # A strategy against its own kind, any payoffs: neutral too.
    assert fixation_probability([[3, 0.9], [1.4, 1]], n, 0.0, process=process) == pytest.approx(
        1 / n
    )


@pytest.mark.parametrize(("process", "fitness"), [("bd", "linear"), ("db", "exponential")])
def test_the_closed_form_agrees_with_simulation(tft_alld, process, fitness):
    # TFT invading ALLD (and back) at w = 0.9, N = 12: rho(tft) is far above 1/N, rho(alld)
    # far below; 20,000 runs per pair give standard errors small enough to tell them apart.
    settings = MoranSettings(process=process, fitness=fitness, intensity=0.4, runs=20_000, seed=3)
    exact = fixation_matrix(tft_alld, 12, settings, method="exact")
    simulated = fixation_matrix(tft_alld, 12, settings, method="simulate")
    assert exact.probability.loc["tft", "alld"] > 1.5 / 12
    assert exact.probability.loc["alld", "tft"] < 0.5 / 12
    for a in ("tft", "alld"):
        for b in ("tft", "alld"):
            p = exact.probability.loc[a, b]
            q = simulated.probability.loc[a, b]
            se = math.sqrt(p * (1 - p) / simulated.finished.loc[a, b])
            assert abs(q - p) < 3 * se, (a, b, p, q, se)
            assert simulated.low.loc[a, b] <= q <= simulated.high.loc[a, b]


def test_neutral_drift_on_graphs_is_one_over_n_on_average():
    # Birth-death on any connected graph, a uniformly placed mutant: the mean reproductive
    # value is 1/N, even on a star.
    equal = frame(np.ones((1, 1)), ["x"])
    for graph in ("star", "ring:2", "lattice:4x4:moore"):
        result = fixation_matrix(equal, 16, interaction=graph, runs=6000, seed=7)
        assert result.method == "simulate"
        hits = result.fixations.to_numpy()
        p = hits / result.finished.to_numpy()
        se = math.sqrt((1 / 16) * (15 / 16) / 6000)
        assert np.all(np.abs(p - 1 / 16) < 3 * se), (graph, p)


def test_a_dominant_strategy_fixes_with_probability_near_one_under_strong_selection():
    pool = exact_payoffs(["alld", "allc"], 0.5)
    values = []
    for s in (0.1, 1.0, 10.0):
        result = fixation_matrix(pool, 30, intensity=s, fitness="exponential", method="exact")
        values.append(result.probability.loc["alld", "allc"])
        assert result.probability.loc["allc", "alld"] < 1 / 30
    assert values == sorted(values)
    assert values[-1] > 0.999


def test_the_small_mutation_limit_of_two_strategies_is_the_ratio_of_fixations(tft_alld):
    result = fixation_matrix(tft_alld, 20, intensity=0.2)
    limit = result.small_mutation()
    rho = result.probability
    ratio = rho.loc["tft", "alld"] / rho.loc["alld", "tft"]
    assert limit.distribution["tft"] / limit.distribution["alld"] == pytest.approx(ratio)
    assert limit.distribution.sum() == pytest.approx(1.0)
    assert limit.most_abundant == "tft"
    np.testing.assert_allclose(limit.transitions.to_numpy().sum(axis=1), 1.0)


def test_the_stationary_distribution_is_invariant_under_its_chain():
    pool = exact_payoffs(["tft", "alld", "wsls", "allc"], 0.8)
    result = fixation_matrix(pool, 25, intensity=0.3)
    limit = stationary(result)
    pi = limit.distribution.to_numpy()
    np.testing.assert_allclose(pi @ limit.transitions.to_numpy(), pi, atol=1e-14)
    matrix = [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]]
    cyclic = stationary(result, matrix)
    np.testing.assert_allclose(
        cyclic.distribution.to_numpy() @ cyclic.transitions.to_numpy(),
        cyclic.distribution.to_numpy(),
        atol=1e-14,
    )
    assert not np.allclose(cyclic.distribution.to_numpy(), pi)


def test_a_sweep_of_w_favours_reciprocity_as_the_future_matters_more():
    table = stationary_sweep(["tft", "alld"], 30, "w", [0.2, 0.5, 0.9], intensity=0.5)
    tft = table[table["strategy"] == "tft"].set_index("w")["share"]
    assert tft.loc[0.2] < 0.01 and tft.loc[0.9] > 0.9
    assert list(tft) == sorted(tft)
    noise = stationary_sweep(["tft", "alld"], 30, "noise", [0.0, 0.2], w=0.9, intensity=0.5)
    share = noise[noise["strategy"] == "tft"].set_index("noise")["share"]
    assert share.loc[0.2] < share.loc[0.0]


def test_bad_fixation_requests_are_one_line_errors(tft_alld):
    with pytest.raises(IpdError, match="no closed form on graphs"):
        fixation_matrix(tft_alld, 10, interaction="ring", method="exact")
    with pytest.raises(IpdError, match="without mutation"):
        fixation_matrix(tft_alld, 10, mutation=0.1)
    with pytest.raises(IpdError, match="N must be a whole number >= 2"):
        fixation_matrix(tft_alld, 1)
    with pytest.raises(IpdError, match="positive fitness"):
        fixation_probability([[0, 0], [0, 0]], 5, 1.0)
    with pytest.raises(IpdError, match="not connected"):
        import networkx as nx

        fixation_matrix(
            tft_alld, 6, interaction=nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(3))
        )
