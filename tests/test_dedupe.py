"""Deterministic pairs play once: totals bit-identical to playing every match."""

from __future__ import annotations

import numpy as np
import pytest

from ipd.core.game import Game
from ipd.core.pairings import round_robin
from ipd.core.players import parse_player
from ipd.engine import _plan, api
from tests.conftest import assert_same_totals

# Deterministic code and data strategies, and stochastic ones to mix in.
FIELD = ["tft", "alld", "grudger", "tf2t", "gradual", "nydegger", "random", "joss", "wsls"]


def totals(replay: bool, **settings):
    game = Game()
    behaviours = [parse_player(s).behaviour(game) for s in FIELD]
    options = {
        "rep_lengths": np.full(12, 60),
        "reveal_length": False,
        "payoffs": game.payoffs,
        "noise": 0.0,
        "seed": 7,
        "block_reps": 5,
    }
    options.update(settings)
    return api.play_tournament(behaviours, round_robin(len(FIELD)), replay=replay, **options)


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"rep_lengths": np.array([63, 77, 151, 156, 308] * 2), "reveal_length": True},
        {"rep_lengths": np.array([63, 77, 151, 156, 308] * 2)},
        {"continuation": 0.95, "rep_lengths": np.ones(40, dtype=np.int64)},
        {"discount": 0.9},
        {"keep_moves": True, "rep_lengths": np.array([20, 35, 20])},
        {"keep_moves": True, "rep_lengths": np.array([20, 35, 20]), "reveal_length": True},
    ],
    ids=["fixed", "lengths-told", "lengths-hidden", "continuation", "discount", "moves", "told"],
)
def test_deduplicated_totals_equal_replaying_every_match(settings):
    assert_same_totals(totals(False, **settings), totals(True, **settings))


def test_with_noise_every_match_is_played():
    # Noise makes every pair stochastic: nothing is deduplicated, and the totals agree.
    assert_same_totals(totals(False, noise=0.02), totals(True, noise=0.02))


def test_one_template_serves_every_length_when_the_length_is_hidden():
    lengths = np.array([5, 9, 5, 7, 9, 5])  # three repetitions of two pairings
    deterministic = np.array([True, False])
    hidden = _plan.plan(lengths, deterministic, 3, per_length=False)
    assert hidden.template_pair.tolist() == [0]
    assert hidden.snap_lengths.tolist() == [5, 9]  # pairing 0 has lengths 5, 5, 9
    assert hidden.slots.tolist() == [0, 2, 4] and hidden.rows.tolist() == [0, 0, 1]
    told = _plan.plan(lengths, deterministic, 3, per_length=True)
    assert told.template_pair.tolist() == [0, 0]  # lengths 5 and 9, a template each
    assert told.snap_starts.tolist() == [0, 1, 2] and told.rows.tolist() == [0, 0, 1]
