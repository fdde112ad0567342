"""Cluster invasion: Axelrod's threshold from the payoffs, and clusters placed on a lattice."""

from __future__ import annotations

import math

import pytest

from ipd.analysis.exact import exact_payoffs
from ipd.analysis.populations import lattice
from ipd.analysis.populations.invasion import (
    cluster,
    cluster_invasion,
    cluster_threshold,
    cluster_thresholds,
    own_proportion,
)
from ipd.core.errors import IpdError


def test_axelrods_example_tft_needs_one_interaction_in_twenty_one():
    # Axelrod (1984, ch. 3): T, R, S, P = 5, 3, 0, 1 and w = 0.9; totals over a match:
    # V(TFT|TFT) = 30, V(TFT|ALLD) = 9, V(ALLD|ALLD) = 10, so p* = (10 - 9) / (30 - 9).
    assert cluster_threshold(30, 9, 10) == pytest.approx(1 / 21)
    # The same from exact normalised values: p* does not depend on the scale.
    table = exact_payoffs(["tft", "alld"], 0.9)
    thresholds = cluster_thresholds(table)
    assert thresholds.loc["tft", "alld"] == pytest.approx(1 / 21, abs=1e-12)
    assert math.isnan(thresholds.loc["alld", "tft"])  # ALLD cannot invade TFT at w = 0.9
    assert math.isnan(thresholds.loc["tft", "tft"])


def test_thresholds_grow_as_the_future_matters_less():
    values = [
        cluster_thresholds(exact_payoffs(["tft", "alld"], w)).loc["tft", "alld"]
        for w in (0.95, 0.9, 0.5, 0.3)
    ]
    assert values == sorted(values)
    # w = 0.5: V(T|T) = 3, V(T|A) = 0.5, V(A|A) = 1, p* = 0.5 / 2.5.
    assert values[2] == pytest.approx(0.2)


def test_a_lone_invader_that_beats_the_natives_needs_no_cluster_and_some_never_invade():
    assert cluster_threshold(aa=1.0, ab=5.0, bb=3.0) == 0.0  # ALLD among ALLC
    assert math.isnan(cluster_threshold(aa=1.0, ab=1.4, bb=3.0))  # ALLD among TFT
    assert math.isnan(cluster_threshold(aa=2.0, ab=0.0, bb=3.0))  # p* would be 1.5


def test_clusters_and_their_own_proportion():
    grid = lattice(9, 9, "von_neumann")
    centre = 4 * 9 + 4
    assert cluster(grid, 1).tolist() == [centre]
    # Breadth first, neighbours in reading order: the centre, then up, left, right, down.
    assert cluster(grid, 5).tolist() == [centre, centre - 9, centre - 1, centre + 1, centre + 9]
    assert own_proportion(grid, cluster(grid, 1)) == 0.0
    assert own_proportion(grid, cluster(grid, 2)) == 0.25
    block = [4 * 9 + 4, 4 * 9 + 5, 5 * 9 + 4, 5 * 9 + 5]  # a 2 x 2 block: 2 of 4 neighbours
    assert own_proportion(grid, block) == 0.5
    with pytest.raises(IpdError, match="does not fit"):
        cluster(grid, 82)


def test_tft_clusters_on_a_lattice_follow_the_threshold_at_w_0_9():
    table = exact_payoffs(["tft", "alld"], 0.9)
    runs = cluster_invasion(table, "tft", "alld", sizes=(1, 2, 4, 9))
    # A lone TFT (p = 0 < 1/21) is exploited and dies; any cluster (p >= 1/4) outscores the
    # natives and takes the whole lattice.
    assert runs["above_threshold"].tolist() == [False, True, True, True]
    assert runs["outscores_natives"].tolist() == [False, True, True, True]
    assert runs["final_count"].tolist() == [0, 441, 441, 441]
    assert runs["grew"].tolist() == [False, True, True, True]


def test_near_the_threshold_the_natives_next_to_the_cluster_matter():
    # w = 0.5, p* = 0.2: a pair (p = 0.25) beats the natives' average, but the natives next
    # to it score (V(A|T) + 3 V(A|A)) / 4 = 1.5 > its 1.125, and convert it.
    runs = cluster_invasion(exact_payoffs(["tft", "alld"], 0.5), "tft", "alld", sizes=(2, 9))
    assert runs["outscores_natives"].tolist() == [True, True]
    assert runs["grew"].tolist() == [False, True]


def test_bad_invasions_are_one_line_errors():
    table = exact_payoffs(["tft", "alld"], 0.9)
    with pytest.raises(IpdError, match="'wsls' is not in the payoff table"):
        cluster_invasion(table, "wsls", "alld")
    with pytest.raises(IpdError, match="must be different"):
        cluster_invasion(table, "tft", "tft")
