"""Like-mindedness (assortment) and ``ipd levers``: closed-form thresholds against the
simulations, the levers' tables and figures, and their bad inputs."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import ipd
from ipd import Game, IpdError
from ipd.analysis.assortment import (
    assorted,
    donation_table,
    hamilton_threshold,
    tft_alld_threshold,
)
from ipd.analysis.ecology import simulate
from ipd.analysis.exact import exact_analysis
from ipd.analysis.levers import Dynamic, crossing, levers, outcome
from ipd.analysis.populations import moran
from ipd.analysis.populations.fixation import fixation_matrix, fixation_probability
from ipd.cli.main import main
from ipd.core.settings import Settings
from tests.conftest import assert_one_line_error, warm_players

GAME = Game()
CLASSIC = list(ipd.collection("classic"))


@pytest.fixture(scope="module", autouse=True)
def kernel():
    """One kernel (and its misperceiving variant) for every lineup of this module."""
    return warm_players(CLASSIC)


def cooperators_and_defectors(b=3.0, c=1.0):
    V = donation_table(b, c)
    C = pd.DataFrame([[1.0, 1.0], [0.0, 0.0]], index=V.index, columns=V.columns)
    return V, C


def tft_alld_tables(w: float):
    result = exact_analysis(["tft", "alld"], w)
    return result.payoffs, result.cooperation


# --------------------------------------------------------------------------- assortment


def test_assorted_table_is_own_kind_at_one_and_untouched_at_zero():
    V, _ = tft_alld_tables(0.9)
    assert assorted(V, 0.0) is V
    own = assorted(V, 1.0)
    for row in own.index:
        assert (own.loc[row] == V.loc[row, row]).all()
    half = assorted(V, 0.5).to_numpy()
    expected = 0.5 * V.to_numpy() + 0.5 * np.diag(V.to_numpy())[:, None]
    assert np.array_equal(half, expected)
    with pytest.raises(IpdError, match="assortment"):
        assorted(V, 1.5)


@pytest.mark.parametrize("b, c", [(3.0, 1.0), (5.0, 2.0)])
def test_hamiltons_rule_decides_the_ecology_of_the_donation_game(b, c):
    V, C = cooperators_and_defectors(b, c)
    threshold = hamilton_threshold(b, c)
    for r, cooperators_win in ((threshold - 0.02, False), (threshold + 0.02, True)):
        result = outcome(V, C, Dynamic("ecology", generations=2000), r)
        assert (result["dominant"] == "C") is cooperators_win, r
        assert (result["cooperation"] > 0.99) is cooperators_win
    grid = np.round(np.arange(0.0, 1.0001, 0.05), 2)
    rates = [outcome(V, C, Dynamic("ecology", generations=2000), r)["cooperation"] for r in grid]
    where, side = crossing(grid, rates)
    assert side == "above" and abs(where - threshold) <= 0.05


def test_moran_under_assortment_is_the_process_on_the_assorted_table():
    V, _ = tft_alld_tables(0.6)
    for graph in ("complete", "ring:2"):
        options = {"runs": 40, "seed": 3, "interaction": graph, "intensity": 0.5}
        direct = moran(V, {"tft": 5, "alld": 15}, assortment=0.3, **options)
        table = moran(assorted(V, 0.3), {"tft": 5, "alld": 15}, **options)
        assert np.array_equal(direct.final, table.final)
        assert np.array_equal(direct.generations, table.generations)
        assert direct.config["assortment"] == 0.3 and "assortment" not in table.config
    with pytest.raises(IpdError, match="assortment"):
        moran(V, {"tft": 5, "alld": 15}, assortment=-0.1)


def test_fixation_with_assortment_simulated_matches_the_closed_form():
    V, _ = cooperators_and_defectors(3.0, 1.0)
    table = V + 1.0  # positive fitness under linear maps
    exact = fixation_matrix(table, 10, intensity=0.5, assortment=0.5)
    direct = fixation_probability(table.to_numpy(), 10, 0.5, assortment=0.5)
    assert exact.probability.loc["C", "D"] == pytest.approx(direct, abs=1e-15)
    simulated = fixation_matrix(
        table, 10, intensity=0.5, assortment=0.5, method="simulate", runs=4000, seed=2
    )
    p = exact.probability.loc["C", "D"]
    assert simulated.low.loc["C", "D"] - 0.02 <= p <= simulated.high.loc["C", "D"] + 0.02
    assert p > 0.1 > fixation_probability(table.to_numpy(), 10, 0.5)  # assortment helps


@pytest.mark.parametrize("w", [0.3, 0.9])
def test_tft_alld_assortment_threshold(w):
    R, S, T, P = GAME.payoffs
    V, C = tft_alld_tables(w)
    threshold = tft_alld_threshold(w)
    rare = (1 - w) * (P - S)
    common = (1 - w) * T + w * P - R
    # The harder of the two ends decides: TFT rare (invading) or TFT common (resisting).
    start = "mutant:tft" if rare >= common else "mutant:alld"
    dynamic = Dynamic("ecology", start=start, generations=2000)
    below = outcome(V, C, dynamic, max(0.0, threshold - 0.02))
    above = outcome(V, C, dynamic, threshold + 0.02)
    assert above["dominant"] == "tft" and below["dominant"] == "alld"


def test_ecology_assortment_option_and_spec_key(tmp_path):
    results = ipd.Tournament(["tft", "alld", "allc"], turns=20, repetitions=2, seed=1).play()
    plain = results.ecology(generations=50)
    assert plain.shares.equals(simulate(results.payoff_matrix(), generations=50).shares)
    assert "assortment" not in plain.to_dict()
    assort = results.ecology(generations=50, assortment=0.4)
    assert assort.to_dict()["assortment"] == 0.4
    spec = tmp_path / "s.toml"
    spec.write_text('strategies = ["tft", "alld", "allc"]\nturns = 20\nassortment = 0.4\n')
    out = CliRunner().invoke(main, ["ecology", str(spec), "--generations", "50", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["assortment"] == 0.4
    (tmp_path / "bad.toml").write_text('strategies = ["tft"]\nassortment = 3\n')
    bad = CliRunner().invoke(main, ["ecology", str(tmp_path / "bad.toml")])
    assert_one_line_error(bad, "assortment")
    for command in (["ecology"], ["moran", "--exact", "0.9"], ["fixation", "--exact", "0.9"]):
        bad = CliRunner().invoke(main, [*command, "-s", "tft", "-s", "alld", "--assortment", "2"])
        assert_one_line_error(bad, "assortment")


def test_moran_command_with_assortment_and_matches_refused():
    out = CliRunner().invoke(
        main, ["moran", "-s", "tft", "-s", "alld", "--exact", "0.9", "--n", "10", "--runs", "5",
               "--assortment", "0.5", "--seed", "1", "--json"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["config"]["assortment"] == 0.5
    refused = CliRunner().invoke(
        main, ["moran", "-s", "tft", "-s", "alld", "--matches", "--turns", "5", "--n", "6",
               "--assortment", "0.5"],
    )  # fmt: skip
    assert_one_line_error(refused, "payoff table")


# --------------------------------------------------------------------------- levers


def test_w_lever_finds_the_tft_alld_threshold():
    R, _, T, P = GAME.payoffs
    grid = [round(0.3 + 0.02 * k, 2) for k in range(21)]
    result = levers(
        ["tft", "alld"],
        Settings(continuation=0.9, seed=1),
        levers=["w"],
        values={"w": grid},
        dynamic=Dynamic("ecology", start="mutant:alld", generations=2000),
        exact=True,
    )
    row = result.summary.iloc[0]
    assert row["theory"] == pytest.approx((T - R) / (T - P))
    assert row["side"] == "above" and abs(row["threshold"] - row["theory"]) <= 0.02
    assert result.lever("w")["dominant"].iloc[-1] == "tft"


def test_w_lever_with_simulated_tournaments_finds_the_same_threshold():
    R, _, T, P = GAME.payoffs
    grid = [round(0.3 + 0.05 * k, 2) for k in range(9)]
    result = levers(
        ["tft", "alld"],
        Settings(continuation=0.9, repetitions=3000, seed=2),
        levers=["w"],
        values={"w": grid},
        dynamic=Dynamic("ecology", start="mutant:alld", generations=2000),
    )
    row = result.summary.iloc[0]
    assert row["side"] == "above" and abs(row["threshold"] - (T - R) / (T - P)) <= 0.05


def test_population_grid_has_assortment_and_misperception_axes(tmp_path):
    from ipd.analysis.populations.grid import load_grid

    out = CliRunner().invoke(
        main, ["moran", "-s", "tft", "-s", "alld", "--exact", "0.9", "--n", "10", "--runs", "5",
               "--assortment", "0,0.5", "--seed", "1", "--out", str(tmp_path / "g"),
               "--no-progress"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    frame = load_grid(tmp_path / "g")
    assert sorted(frame["assortment"].unique()) == [0.0, 0.5]
    from ipd.analysis.populations.grid import PopulationGrid

    with pytest.raises(IpdError, match="payoff table"):
        PopulationGrid(
            job="moran", source="matches", strategies=("tft", "alld"),
            axes=(("assortment", (0.0, 0.5)),), play={"turns": 5},
        )  # fmt: skip
    grid = PopulationGrid(
        job="fixation", source="exact", strategies=("tft", "wsls"), w=0.9,
        axes=(("misperception", (0.0, 0.1)),), population={"n": 10},
    )  # fmt: skip
    assert [c["misperception"] for c in grid.cells()] == [0.0, 0.1]


def test_levers_on_the_classic_population(tmp_path):
    values = {
        "w": "0.2,0.9",
        "length": "1,50",
        "T": "3.5,5",
        "S": "0,0.5",
        "misperception": "0,0.1",
        "noise": "0,0.1",
        "assortment": "0,0.5",
    }
    base = Settings(turns=50, repetitions=2, seed=1)
    result = levers(CLASSIC, base, values=values, out=tmp_path / "out")
    table = result.table
    assert sorted(table["lever"].unique()) == sorted(values)
    assert len(table) == 14 and table["cooperation"].between(0, 1).all()
    # Each lever's baseline value (when it has one) gives the baseline's own outcome.
    at_base = table[table["baseline"]]
    assert set(at_base["lever"]) == {"length", "T", "S", "misperception", "noise", "assortment"}
    assert (at_base["change"] == 0).all()
    assert list(result.summary["effect"]) == sorted(result.summary["effect"], reverse=True)
    json.dumps(result.to_dict())  # JSON-ready
    # The baseline cell is the tournament of the baseline, with the cell's own seed.
    cell = result.problem.baseline_cell
    alone = ipd.Tournament(CLASSIC, cell.settings).play()
    frame = pd.read_parquet(tmp_path / "out" / "levers.parquet")
    assert frame.equals(table)
    pairs = pd.concat(pd.read_parquet(p) for p in (tmp_path / "out" / "pairs").glob("*.parquet"))
    mine = pairs[pairs["cell"] == cell.id].pivot(index="row", columns="column", values="payoff")
    expected = alone.payoff_matrix()
    assert np.array_equal(mine.loc[CLASSIC, CLASSIC].to_numpy(), expected.to_numpy())
    # Resuming the same folder reads the finished cells back and gives the same table.
    again = levers(CLASSIC, base, values=values, out=tmp_path / "out")
    assert again.table.equals(table)
    with pytest.raises(IpdError, match="other settings"):
        levers(CLASSIC, base.updated(turns=40), values=values, out=tmp_path / "out")


def test_tournament_and_moran_dynamics():
    base = Settings(turns=30, repetitions=2, seed=4)
    pool = ["tft", "alld", "wsls", "allc"]
    tour = levers(pool, base, levers=["noise"], values={"noise": "0,0.2"}, dynamic="tournament")
    assert set(tour.table["dominant"]) <= set(pool)
    dyn = Dynamic("moran", n=8, runs=20, generations=5000)
    result = levers(pool, base, levers=["assortment"], values={"assortment": "0,1"}, dynamic=dyn)
    at_one = result.lever("assortment").iloc[-1]
    # Everyone meets its own kind: ALLD earns P, the others R, so co-operation takes over.
    assert at_one["dominant"] != "alld" and at_one["cooperation"] > 0.9


def test_levers_command_prints_plots_and_json(tmp_path):
    argv = ["levers", "-s", "tft", "-s", "alld", "-s", "wsls", "--turns", "20",
            "--repetitions", "2", "--seed", "1", "--lever", "w", "--lever", "assortment",
            "--values", "w=0.2,0.9", "--values", "assortment=0,0.6", "--no-progress"]  # fmt: skip
    out = CliRunner().invoke(main, [*argv, "--plots", str(tmp_path / "figs")])
    assert out.exit_code == 0, out.output
    assert "co-operation" in out.output and "takes over" in out.output
    names = sorted(p.name for p in (tmp_path / "figs").iterdir())
    assert names == ["levers-assortment.png", "levers-summary.png", "levers-w.png"]
    again = CliRunner().invoke(main, [*argv, "--plots", str(tmp_path / "figs")])
    assert again.exit_code != 0 and "--force" in again.output
    document = CliRunner().invoke(main, [*argv, "--json"])
    data = json.loads(document.output)
    assert {row["lever"] for row in data["summary"]} == {"w", "assortment"}


@pytest.mark.parametrize(
    "extra, fragment",
    [
        (["--lever", "luck"], "unknown lever"),
        (["--values", "w=2"], "w"),
        (["--values", "w"], "NAME=V1"),
        (["--values", "T=9"], "Prisoner's Dilemma"),
        (["--values", "S=2"], "Prisoner's Dilemma"),
        (["--values", "length=0.5"], "whole number"),
        (["--values", "misperception=0.1,x"], "misperception"),
        (["--assortment", "1.5"], "assortment"),
        (["--dynamic", "moran", "--n", "1"], "N >= 2"),
        (["--start", "1,2"], "--start"),
        (["--exact"], "continuation"),
        (["--no-self-play"], "self-play"),
        (["--misperception", "-0.5"], "misperception"),
        (["--scheduler", "threads"], "threads scheduler"),
        (["--workers", "2"], "workers"),
    ],
)
def test_levers_bad_input_is_one_line_and_writes_nothing(tmp_path, extra, fragment):
    argv = ["levers", "-s", "tft", "-s", "alld", "-s", "wsls", "--turns", "5",
            "--repetitions", "1", "--out", str(tmp_path / "out"), "--plots",
            str(tmp_path / "figs"), *extra]  # fmt: skip
    assert_one_line_error(CliRunner().invoke(main, argv), fragment)
    assert not (tmp_path / "out").exists() and not (tmp_path / "figs").exists()
