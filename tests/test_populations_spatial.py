"""Spatial games: the lattice kernel against its twin, Nowak and May's results, iterated
matches between neighbours, frames and the animated GIF."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PIL import Image

import ipd
from ipd.analysis.populations import Matches, lattice
from ipd.analysis.populations.spatial import SpatialSettings, nowak_may_payoffs, spatial
from ipd.core.errors import IpdError
from tests.reference import populations as twin

THREE = pd.DataFrame(
    [[1.0, 0.0, 0.5], [1.7, 0.1, 0.2], [0.6, 0.9, 0.8]],
    index=list("xyz"),
    columns=list("xyz"),
)


@pytest.mark.parametrize(
    ("neighbourhood", "periodic", "self_interaction", "scoring"),
    [
        ("moore", True, True, "sum"),
        ("von_neumann", True, False, "mean"),
        ("moore", False, False, "mean"),
        ("von_neumann", False, True, "sum"),
    ],
)
def test_the_lattice_kernel_matches_its_twin(neighbourhood, periodic, self_interaction, scoring):
    settings = SpatialSettings(
        rows=7,
        cols=9,
        neighbourhood=neighbourhood,
        periodic=periodic,
        self_interaction=self_interaction,
        scoring=scoring,
        generations=25,
        frame_every=1,
        seed=4,
    )
    result = spatial(THREE, {"x": 0.5, "y": 0.3, "z": 0.2}, settings)
    graph = lattice(7, 9, neighbourhood, periodic)
    states = twin.imitation(
        result.frames[0].tolist(),
        [graph.neighbours(i) for i in range(63)],
        THREE.to_numpy().tolist(),
        1.0 if self_interaction else 0.0,
        scoring == "mean",
        25,
    )
    assert [f.tolist() for f in result.frames] == states
    assert result.previous[5].tolist() == states[4]
    counts = [[s.count(a) for a in range(3)] for s in states]
    assert result.counts.tolist() == counts


def test_a_single_defector_becomes_a_three_by_three_block():
    # Nowak and May: in a sea of co-operators a defector scores 8b (self-play gives 0), its
    # co-operating neighbours 8 (seven co-operators and themselves); b > 1, so all eight copy it.
    result = spatial(nowak_may_payoffs(1.5), "single", rows=11, generations=1, frame_every=1)
    block = np.zeros((11, 11), dtype=int)
    block[4:7, 4:7] = 1
    assert result.frame(1).tolist() == block.tolist()
    # Generation 2: a corner of the block scores 5b = 7.5 but sees a co-operator scoring 8
    # (one defector, seven co-operators and itself), so it co-operates; an edge defector
    # (3b = 4.5) and the centre (0) see a corner's 7.5, more than any co-operator next to
    # them (at most 7), and stay: a plus of five defectors.
    two = spatial(nowak_may_payoffs(1.5), "single", rows=11, generations=2, frame_every=1)
    plus = np.zeros((11, 11), dtype=int)
    plus[5, 4:7] = plus[4:7, 5] = 1
    assert two.frame(2).tolist() == plus.tolist()


def test_nowak_and_may_co_operators_hover_around_a_third_for_b_between_1_8_and_2():
    # Nowak and May (1992) report the co-operator share settling near 0.318 from random
    # starts for 1.8 < b < 2.
    result = spatial(nowak_may_payoffs(1.9), None, rows=50, generations=250, seed=3, frame_every=0)
    late = result.shares()["C"].iloc[100:]
    assert 0.25 < late.mean() < 0.4
    assert late.std() < 0.05
    # Below b = 1 + 1/8... co-operators win outright in a random start with b just above 1.
    low = spatial(nowak_may_payoffs(1.05), None, rows=40, generations=100, seed=3)
    assert low.shares()["C"].iloc[-1] > 0.8
    assert low.still is not None


def test_the_kaleidoscope_is_symmetric():
    result = spatial(nowak_may_payoffs(1.9), "single", rows=41, generations=40, frame_every=1)
    for g in range(41):
        cells = result.frame(g)
        assert np.array_equal(cells, cells.T) and np.array_equal(cells, cells[::-1])


def always_play(monkeypatch):
    from ipd.analysis.populations import payoffs

    init = payoffs.MatchPlay.__init__

    def patched(self, matches, edges):
        init(self, matches, edges)
        self.cached = np.zeros_like(self.cached)
        self.fixed_play = False
        self.table[:] = np.nan
        self.turns_played = 0  # count only the matches played generation by generation

    monkeypatch.setattr(payoffs.MatchPlay, "__init__", patched)


@pytest.mark.parametrize("self_interaction", [True, False])
def test_matches_between_neighbours_give_the_game_of_their_table(monkeypatch, self_interaction):
    settings = ipd.Settings(turns=30)
    table = ipd.Tournament(["tft", "alld"], settings, repetitions=1).play().payoff_matrix()
    options = {
        "rows": 9,
        "generations": 12,
        "frame_every": 1,
        "seed": 2,
        "self_interaction": self_interaction,
        "neighbourhood": "von_neumann",
    }
    start = {"tft": 0.6, "alld": 0.4}
    expected = spatial(table, start, **options)
    always_play(monkeypatch)
    played = spatial(Matches(("tft", "alld"), settings), start, **options)
    assert played.engine_turns > 0
    assert np.array_equal(expected.frames, played.frames)
    assert np.array_equal(expected.counts, played.counts)


def test_noisy_matches_between_neighbours_are_reproducible():
    pool = Matches(("tft", "alld", "wsls"), ipd.Settings(turns=20, noise=0.05))
    runs = [
        spatial(
            pool,
            {"tft": 0.4, "alld": 0.3, "wsls": 0.3},
            rows=6,
            generations=8,
            seed=s,
            scoring="mean",
        )
        for s in (5, 5, 6)
    ]
    assert np.array_equal(runs[0].counts, runs[1].counts)
    assert not np.array_equal(runs[0].frames, runs[2].frames)


def test_frames_and_the_gif(tmp_path):
    from ipd.report.figures import figure_bytes
    from ipd.report.population_plots import lattice_frames, lattice_gif

    result = spatial(nowak_may_payoffs(1.85), None, rows=20, generations=12, frame_every=3, seed=1)
    assert result.frame_generations.tolist() == [0, 3, 6, 9, 12]
    assert figure_bytes(lattice_frames(result, [0, 6, 12]))[:4] == b"\x89PNG"
    with pytest.raises(IpdError, match="generation 5 was not kept"):
        lattice_frames(result, [5])
    described = lattice_gif(result, tmp_path / "game.gif", fps=4)
    with Image.open(tmp_path / "game.gif") as image:
        assert image.n_frames == 5
    assert described["frames"] == 5
    with pytest.raises(IpdError, match="already exists"):
        lattice_gif(result, tmp_path / "game.gif")
    assert [p.name for p in tmp_path.iterdir()] == ["game.gif"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"rows": 2}, "too small for the moore neighbourhood"),
        ({"neighbourhood": "hex"}, "unknown neighbourhood"),
        ({"scoring": "max"}, "scoring must be sum or mean"),
        ({"generations": 0}, "generations must be a whole number >= 1"),
    ],
)
def test_bad_lattices_are_one_line_errors(options, message):
    with pytest.raises(IpdError, match=message):
        spatial(nowak_may_payoffs(1.8), None, **options)
