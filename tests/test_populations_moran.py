"""The Moran process: the compiled runs against their plain-Python twins, reproducibility
(threads, chunks, batches, Dask), the matches path, and the checks at the door."""

from __future__ import annotations

import numba
import numpy as np
import pandas as pd
import pytest

import ipd
from ipd.analysis.populations import Matches, MoranSettings, make_graph, moran
from ipd.analysis.populations import moran as moran_module
from ipd.analysis.populations.moran import TAG_MORAN, prepare, run_block
from ipd.analysis.populations.moran_matches import BATCH
from ipd.core.errors import IpdError
from tests.reference import populations as twin

TABLE3 = pd.DataFrame(
    [[3.0, 0.9, 2.0], [1.4, 1.0, 1.2], [2.5, 0.8, 2.7]],
    index=["a", "b", "c"],
    columns=["a", "b", "c"],
)


@pytest.fixture(scope="module", autouse=True)
def warm_engine():
    """One engine kernel for every strategy this module plays."""
    from ipd.core.players import parse_player
    from ipd.engine import api

    steps = {
        parse_player(s).behaviour(ipd.Game()).step for s in ("tft", "alld", "random", "gradual")
    }
    api.kernels(sorted(steps, key=repr))


def trajectory(result: moran_module.MoranResult, run: int) -> list[list[int]]:
    mask = result.record_run == run
    return result.record_counts[mask].tolist()


@pytest.mark.parametrize("process", ["bd", "db"])
@pytest.mark.parametrize(
    ("fitness", "intensity", "mutation", "matrix"),
    [
        ("linear", 0.5, 0.0, None),
        ("exponential", 2.0, 0.05, None),
        ("linear", 1.0, 0.1, ((0, 0.5, 0.5), (1, 0, 0), (0.25, 0.75, 0))),
        ("exponential", 0.3, 1.0, None),
    ],
)
def test_well_mixed_runs_match_the_twin_move_for_move(
    process, fitness, intensity, mutation, matrix
):
    counts = {"a": 3, "b": 4, "c": 2}
    settings = MoranSettings(
        process=process,
        fitness=fitness,
        intensity=intensity,
        mutation=mutation,
        mutation_matrix=matrix,
        generations=60,
        runs=4,
        seed=11,
    )
    result = moran(TABLE3, counts, settings)
    A = TABLE3.to_numpy().tolist()
    shift = float(TABLE3.to_numpy().max())
    for run in range(4):
        expected = twin.moran_mixed(
            [3, 4, 2],
            A,
            process,
            fitness,
            intensity,
            shift,
            mutation,
            matrix,
            60,
            settings.stops,
            11,
            TAG_MORAN,
            run,
        )
        assert trajectory(result, run) == expected


@pytest.mark.parametrize("process", ["bd", "db"])
@pytest.mark.parametrize(
    ("graph", "reproduction"),
    [("ring:2", None), ("lattice:4x4:moore", None), ("star", "ring"), ("lattice:4x4", "complete")],
)
def test_runs_on_graphs_match_the_twin_move_for_move(process, graph, reproduction):
    settings = MoranSettings(
        process=process,
        interaction=graph,
        reproduction=reproduction,
        intensity=0.8,
        mutation=0.02,
        generations=80,
        runs=3,
        seed=5,
    )
    result = moran(TABLE3, {"a": 6, "b": 6, "c": 4}, settings)
    g_int, g_rep = settings.graphs(16, connected=False)
    lists = [g_int.neighbours(i) for i in range(16)]
    out = [g_rep.neighbours(i) for i in range(16)]
    into = out  # undirected
    start = [0] * 6 + [1] * 6 + [2] * 4
    for run in range(3):
        expected = twin.moran_graph(
            start,
            3,
            TABLE3.to_numpy().tolist(),
            lists,
            out,
            into,
            process,
            "linear",
            0.8,
            3.0,
            0.02,
            None,
            80,
            False,
            5,
            TAG_MORAN,
            run,
            True,
        )
        assert trajectory(result, run) == expected


def test_a_directed_reproduction_graph_follows_its_edges():
    import networkx as nx

    cycle = nx.DiGraph([(i, (i + 1) % 8) for i in range(8)])
    settings = MoranSettings(
        interaction="ring", reproduction=cycle, process="db", generations=50, runs=2, seed=3
    )
    result = moran(TABLE3, {"a": 4, "b": 4}, settings)
    g = make_graph(cycle)
    out = [g.neighbours(i) for i in range(8)]
    into = [[j for j in range(8) if i in out[j]] for i in range(8)]
    ring = make_graph("ring", 8)
    lists = [ring.neighbours(i) for i in range(8)]
    for run in range(2):
        expected = twin.moran_graph(
            [0] * 4 + [1] * 4,
            3,
            TABLE3.to_numpy().tolist(),
            lists,
            out,
            into,
            "db",
            "linear",
            1.0,
            3.0,
            0.0,
            None,
            50,
            True,
            3,
            TAG_MORAN,
            run,
            True,
        )
        assert trajectory(result, run) == expected


def test_runs_do_not_depend_on_threads_or_chunking():
    settings = MoranSettings(intensity=0.3, mutation=0.01, generations=400, runs=37, seed=8)
    graph_settings = settings.updated(interaction="ring:2")
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = [moran(TABLE3, {"a": 10, "b": 10}, s) for s in (settings, graph_settings)]
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        two = [moran(TABLE3, {"a": 10, "b": 10}, s) for s in (settings, graph_settings)]
    finally:
        numba.set_num_threads(before)
    for a, b in zip(one, two, strict=True):
        assert np.array_equal(a.record_counts, b.record_counts)
        assert np.array_equal(a.generations, b.generations)
    problem = prepare(TABLE3, {"a": 10, "b": 10}, graph_settings)
    pieces = [run_block(problem, first, count) for first, count in ((0, 5), (5, 1), (6, 31))]
    assert np.concatenate([p.generations for p in pieces]).tolist() == one[1].generations.tolist()
    joined = np.concatenate([c for p in pieces for c in p.record_counts])
    assert np.array_equal(joined, one[1].record_counts)


def test_runs_over_dask_processes_are_the_runs_of_one_process():
    settings = MoranSettings(intensity=0.5, generations=300, runs=12, seed=21)
    here = moran(TABLE3, {"a": 5, "b": 5}, settings)
    there = moran(TABLE3, {"a": 5, "b": 5}, settings, scheduler="processes", workers=2, chunk=5)
    assert np.array_equal(here.record_counts, there.record_counts)
    assert np.array_equal(here.record_generation, there.record_generation)


def test_a_well_mixed_process_stops_at_fixation_and_records_as_asked():
    result = moran(TABLE3, {"a": 1, "b": 5}, runs=20, seed=2, record_every=3)
    for run in range(20):
        gens = result.record_generation[result.record_run == run]
        assert gens[0] == 0 and gens[-1] == result.generations[run]
        assert all(g % 3 == 0 for g in gens[1:-1])
    assert (result.final.max(axis=1) == 6).all()
    summary = result.summary()
    assert summary["fixations"].sum() == 20
    assert (summary["low"] <= summary["fixation_probability"]).all()
    assert (summary["fixation_probability"] <= summary["high"]).all()


def test_with_mutation_runs_go_on_for_every_generation():
    result = moran(TABLE3, {"a": 3, "b": 3}, mutation=0.2, generations=500, runs=3, seed=1)
    assert result.generations.tolist() == [500, 500, 500]
    # Mutants of c arise although c starts at 0.
    assert result.record_counts[:, 2].max() > 0


# --------------------------------------------------------------------------- matches


def always_play(monkeypatch):
    """Make the matches path play every match, even the cached deterministic ones."""
    from ipd.analysis.populations import payoffs

    init = payoffs.MatchPlay.__init__

    def patched(self, matches, edges):
        init(self, matches, edges)
        self.cached = np.zeros_like(self.cached)
        self.fixed_play = False
        self.table[:] = np.nan
        self.turns_played = 0  # count only the matches played generation by generation

    monkeypatch.setattr(payoffs.MatchPlay, "__init__", patched)


@pytest.mark.parametrize("process", ["bd", "db"])
def test_played_matches_give_the_runs_of_their_table(monkeypatch, process):
    # Deterministic strategies without noise: every generation's matches are the same,
    # so playing them each generation (forced here) must give the runs the table gives.
    settings = ipd.Settings(turns=20)
    pool = Matches(("tft", "alld", "gradual"), settings)
    table = ipd.Tournament(["tft", "alld", "gradual"], settings, repetitions=1).play()
    table = table.payoff_matrix()
    population = {"tft": 4, "alld": 3, "gradual": 3}
    ms = MoranSettings(
        interaction="ring:2", process=process, generations=60, runs=3, seed=4, mutation=0.05
    )
    from_table = moran(table, population, ms)
    always_play(monkeypatch)
    played = moran(pool, population, ms)
    assert played.engine_turns > 0
    assert np.array_equal(from_table.record_counts, played.record_counts)


def test_matches_runs_do_not_depend_on_their_batch_or_chunk():
    pool = Matches(("tft", "alld", "random"), ipd.Settings(turns=10, noise=0.05))
    problem = prepare(
        pool,
        {"tft": 3, "alld": 3, "random": 2},
        MoranSettings(generations=40, runs=BATCH + 3, seed=9),
    )
    whole = run_block(problem, 0, BATCH + 3)
    alone = [run_block(problem, r, 1) for r in (0, 7, BATCH + 1)]
    for r, block in zip((0, 7, BATCH + 1), alone, strict=True):
        assert np.array_equal(block.record_counts[0], whole.record_counts[r])
    assert whole.engine_turns > 0


def test_noise_makes_the_matches_random():
    # With noise, two seeds give different runs; with the same seed, the same.
    pool = Matches(("tft", "alld"), ipd.Settings(turns=10, noise=0.1))
    runs = [moran(pool, {"tft": 4, "alld": 4}, runs=6, seed=s) for s in (1, 1, 2)]
    assert np.array_equal(runs[0].record_counts, runs[1].record_counts)
    assert not np.array_equal(runs[0].record_counts, runs[2].record_counts)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("population", "options", "message"),
    [
        ({"a": 1}, {}, "at least 2 individuals"),
        ({"a": 5, "b": 5}, {"mutation": 1.5}, "mutation rate must be a probability in [0, 1]"),
        ({"a": 5, "b": 5}, {"mutation": -0.1}, "mutation rate must be a probability in [0, 1]"),
        ({"a": 5, "b": 5}, {"interaction": "hexagon"}, "unknown graph kind 'hexagon'"),
        (
            {"a": 5, "b": 4},
            {"interaction": "lattice:3x3:moore", "reproduction": "lattice:2x2"},
            "too small",
        ),
        ({"a": 5, "b": 4}, {"interaction": "lattice"}, None),
        ({"a": 5, "b": 5}, {"interaction": "lattice"}, "square number"),
        ({"a": 5, "b": 5}, {"process": "moran"}, "unknown process"),
        ({"a": 5, "z": 5}, {}, "'z'"),
        ({"a": 5, "b": 5}, {"intensity": 3.0}, "linear fitness 1 - s + s * payoff is negative"),
        ({"a": 2, "b": 2}, {"mutation_matrix": ((0, 1), (1, 0))}, "mutation matrix is 2 x 2"),
        (
            {"a": 2, "b": 2},
            {"mutation_matrix": ((0, 0.5, 0.4), (1, 0, 0), (1, 0, 0))},
            "sums to 0.9",
        ),
    ],
)
def test_bad_input_is_a_one_line_error(population, options, message):
    table = TABLE3 - 1.0 if "intensity" in options else TABLE3
    if message is None:
        moran(table, population, generations=5, **options)  # 9 individuals: a 3 x 3 lattice
        return
    with pytest.raises(IpdError) as error:
        moran(table, population, generations=5, **options)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_graphs_with_isolated_nodes_or_parts_are_refused():
    import networkx as nx

    isolated = nx.path_graph(5)
    isolated.add_node(5)
    with pytest.raises(IpdError, match="node 5 of the interaction graph has no neighbour"):
        moran(TABLE3, {"a": 3, "b": 3}, interaction=isolated)
    two = nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(3))
    with pytest.raises(IpdError, match="reproduction graph is not connected"):
        moran(TABLE3, {"a": 3, "b": 3}, interaction=two)
    # Without stopping at fixation (mutation), a graph in two parts is allowed.
    moran(TABLE3, {"a": 3, "b": 3}, interaction=two, mutation=0.1, generations=10)
