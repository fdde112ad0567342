"""Pairings as data: copies of a strategy as separate entrants, explicit pairings, graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import ipd
from ipd.core.errors import IpdError
from ipd.core.pairings import check_pairings, opponents, population, round_robin


def test_round_robin_is_the_default_pairing():
    assert round_robin(3).tolist() == [[0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]]
    assert round_robin(3, self_play=False).tolist() == [[0, 1], [0, 2], [1, 2]]
    assert opponents(round_robin(3), 3).tolist() == [3, 3, 3]


def test_two_copies_of_tft_are_separate_entrants():
    assert population({"tft": 2, "alld": 1}) == ["tft#1", "tft#2", "alld#1"]
    results = ipd.Tournament(["tft#1", "tft#2", "alld"], turns=10, repetitions=1, seed=0).play()
    matrix = results.payoff_matrix() * 10  # points per match
    assert matrix.loc["tft#1", "tft#2"] == matrix.loc["tft#2", "tft#1"] == 30
    assert matrix.loc["tft#1", "alld"] == matrix.loc["tft#2", "alld"] == 9
    assert matrix.loc["alld", "tft#1"] == 14
    scores = results.summary().set_index("strategy")["score"]
    # Each meets its twin, the other copy and alld: (30 + 30 + 9) / 3.
    assert scores["tft#1"] == scores["tft#2"] == pytest.approx(23)
    assert scores["alld"] == pytest.approx((14 + 14 + 10) / 3)
    assert results.names[1] == "Tit For Tat #2"


def test_copies_of_a_random_player_draw_their_own_numbers():
    results = ipd.Tournament(
        ["random#1", "random#2"], turns=200, repetitions=1, seed=3, keep_moves=True
    ).play()
    first, second = results.match_moves("random#1", "random#2")
    assert first != second


def test_explicit_pairings_play_only_those_matches():
    ring = [(0, 1), (1, 2), (2, 3), (3, 0)]
    field = ["tft", "alld", "allc", "grudger"]
    results = ipd.Tournament(field, pairings=ring, turns=10, repetitions=2, seed=0).play()
    assert results.opponents().tolist() == [2, 2, 2, 2]
    scores = results.summary().set_index("strategy")
    # tft: 9 against alld, 30 against grudger; alld: 14 and 50 (against allc)...
    assert scores["score"].to_dict() == pytest.approx(
        {"tft": 19.5, "alld": 32, "allc": 15, "grudger": 30}
    )
    assert scores.loc["alld", "wins"] == 4  # both its matches, both repetitions
    assert np.isnan(results.payoff_matrix().loc["tft", "allc"])  # they never met
    with pytest.raises(IpdError, match="did not meet"):
        ipd.Tournament(field, pairings=ring, turns=5, keep_moves=True).play().match_moves(
            "tft", "allc"
        )


def test_a_graph_gives_the_same_tournament_as_its_edges():
    field = ["tft", "alld", "allc", "grudger"]
    by_edges = ipd.Tournament(field, pairings=[(0, 1), (1, 2), (2, 3), (0, 3)], seed=1).play()
    by_graph = ipd.Tournament(field, pairings=nx.cycle_graph(4), seed=1).play()
    named = [("tft", "alld"), ("alld", "allc"), ("allc", "grudger"), ("tft", "grudger")]
    by_labels = ipd.Tournament(field, pairings=named, seed=1).play()
    for other in (by_graph, by_labels):
        assert other.summary().equals(by_edges.summary())


def test_a_twin_match_in_explicit_pairings_counts_once():
    results = ipd.Tournament(["tft", "alld"], pairings=[(0, 0), (0, 1)], turns=10, seed=0).play()
    assert results.opponents().tolist() == [2, 1]
    scores = results.summary().set_index("strategy")["score"]
    assert scores["tft"] == pytest.approx((30 + 9) / 2) and scores["alld"] == 14


@pytest.mark.parametrize(
    ("pairings", "message"),
    [
        ([(0, 5)], "entrants are 0..2"),
        ([(0, 1), (1, 0), (1, 2)], "paired twice"),
        ([(0, 1)], "no pairing: random"),
        ([("tft", "nobody"), (1, 2)], "'nobody' in a pairing is not an entrant"),
        ([(0, 1, 2)], "two entrants"),
        ([], "at least one pairing"),
        ([(True, 1), (1, 2)], "names entrant True"),
    ],
)
def test_bad_pairings_are_refused_in_one_line(pairings, message):
    with pytest.raises(IpdError, match=message):
        check_pairings(pairings, ["tft", "alld", "random"])


def test_custom_pairings_are_recorded_and_rerun_exactly(tmp_path):
    ring = [(0, 1), (1, 2), (2, 0)]
    results = ipd.Tournament(
        ["tft", "random", "wsls"], pairings=ring, turns=30, repetitions=3, seed=2
    ).play()
    assert results.config["pairings"] == [[0, 1], [1, 2], [2, 0]]
    loaded = ipd.Results.load(results.save(tmp_path / "ring.json"))
    again = ipd.Tournament.rerun(loaded).play()
    assert again.summary().equals(results.summary())
    assert np.array_equal(again.pairs, results.pairs)


def test_copies_of_a_lineup_play_as_the_lineup_of_those_behaviours():
    """A population's entrants laid out from one lineup (api.copies) play exactly as the
    lineup of the same behaviours built entrant by entrant."""
    from ipd.core.players import parse_player
    from ipd.engine import api

    game = ipd.Game()
    behaviours = [parse_player(s).behaviour(game) for s in ("gtft", "tft", "random", "zdgtft2")]
    types = np.array([2, 0, 0, 3, 1, 2, 3])
    line = api.copies(api.lineup(behaviours), types)
    each = api.lineup([behaviours[t] for t in types])
    assert np.array_equal(line.params, each.params)
    assert np.array_equal(line.param_bounds, each.param_bounds)
    stochastic = [behaviours[t].stochastic for t in types]
    pairs = np.array([(i, j) for i in range(len(types)) for j in range(i, len(types))])
    options = {"rep_lengths": np.array([50, 50]), "seed": 11, "noise": 0.02}
    options |= {"reveal_length": False, "payoffs": game.payoffs}
    copied = api.play_lineup(line, stochastic, pairs, **options)
    direct = api.play_tournament([behaviours[t] for t in types], pairs, **options)
    assert np.array_equal(copied.pair_rate_shift, direct.pair_rate_shift)
    assert np.array_equal(copied.pair_counts, direct.pair_counts)
