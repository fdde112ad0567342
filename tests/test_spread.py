"""A tournament spread over processes gives exactly what one process gives."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from click.testing import CliRunner

import ipd
from ipd.cli.main import main
from ipd.core.errors import IpdError
from ipd.sweep.spread import play_spread

FIELD = ["tft", "random", "wsls", "grudger", "joss", "alld"]


def tournament(**settings) -> ipd.Tournament:
    values = {"turns": 40, "repetitions": 300, "seed": 5, "noise": 0.01}
    values.update(settings)
    return ipd.Tournament(FIELD, **values)


def assert_identical(a: ipd.Results, b: ipd.Results) -> None:
    for field in dataclasses.fields(a):
        x, y = getattr(a, field.name), getattr(b, field.name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and np.array_equal(x, y), field.name
    assert a.summary().equals(b.summary())


@pytest.mark.parametrize("task_reps", [1, 128, 200, 1000])
def test_ranges_of_any_size_fold_back_to_the_same_totals(task_reps):
    game = tournament()
    assert_identical(play_spread(game, "sync", task_reps=task_reps), game.play())


def test_geometric_lengths_and_discounting_too():
    for settings in ({"continuation": 0.9}, {"discount": 0.95}):
        game = tournament(**settings)
        assert_identical(play_spread(game, "sync", task_reps=128), game.play())


def test_a_local_process_pool_gives_the_same_results():
    game = tournament()
    assert_identical(game.play(scheduler="processes", workers=2), game.play())


def test_the_command_line_spreads_a_tournament(tmp_path):
    args = ["tournament", *(a for s in FIELD for a in ("-s", s)), "--turns", "40"]
    args += ["--repetitions", "300", "--seed", "5", "--noise", "0.01", "--no-progress"]
    here = CliRunner().invoke(main, args)
    spread = CliRunner().invoke(main, [*args, "--scheduler", "processes", "--workers", "2"])
    assert here.exit_code == spread.exit_code == 0, spread.output
    assert here.output == spread.output
    bad = CliRunner().invoke(main, [*args, "--workers", "2"])
    assert bad.exit_code != 0 and "--scheduler" in bad.output


def test_bad_spreads_are_refused_in_one_line():
    with pytest.raises(IpdError, match="kept moves"):
        play_spread(tournament(keep_moves=True), "sync")
    with pytest.raises(IpdError, match="scheduler must be"):
        play_spread(tournament(), "nowhere")
    with pytest.raises(IpdError, match="per task"):
        play_spread(tournament(), "sync", task_reps=0)
