"""`ipd moran`, `ipd fixation`, `ipd spatial`, `ipd invasion`: output, files, grids and errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from PIL import Image

from ipd.cli.main import main
from tests.conftest import assert_one_line_error


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def ok(*args):
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result


def test_the_commands_are_registered_with_help():
    listing = ok("--help").output
    for name in ("moran", "fixation", "spatial", "invasion"):
        assert name in listing
        assert "Examples:" in ok(name, "--help").output


def test_moran_prints_fixations_and_writes_trajectories_and_a_figure(tmp_path):
    out, figure = tmp_path / "runs.parquet", tmp_path / "runs.png"
    args = ["moran", "-s", "tft", "-s", "alld", "--exact", 0.9, "--n", 10, "--start", "3,7"]
    text = ok(*args, "--runs", 50, "--seed", 1, "--out", out, "--plot", figure).output
    assert "Moran process: N = 10" in text and "tft" in text and f"wrote {out}" in text
    frame = pd.read_parquet(out)
    assert list(frame.columns) == ["run", "generation", "tft", "alld"]
    assert (frame[["tft", "alld"]].sum(axis=1) == 10).all()
    assert sorted(frame["run"].unique()) == list(range(50))
    with Image.open(figure) as image:
        assert image.format == "PNG"
    document = json.loads(ok(*args, "--runs", 50, "--seed", 1, "--json").stdout)
    assert document["runs"] == 50 and document["config"]["seed"] == 1
    assert sum(row["fixations"] for row in document["summary"]) == 50
    again = json.loads(ok(*args, "--runs", 50, "--seed", 1, "--json").stdout)
    assert again["run_table"] == document["run_table"]
    refused = invoke(*args, "--runs", 5, "--out", out)
    assert_one_line_error(refused, "already exists")


def test_moran_with_matches_and_a_tournament_table():
    text = ok(
        "moran",
        "-s",
        "tft",
        "-s",
        "random",
        "--matches",
        "--turns",
        20,
        "--n",
        6,
        "--runs",
        3,
        "--seed",
        2,
        "--no-progress",
    ).output
    assert "matches every generation (20 turns)" in text
    text = ok(
        "moran",
        "-s",
        "tft",
        "-s",
        "alld",
        "--turns",
        20,
        "--repetitions",
        2,
        "--n",
        6,
        "--seed",
        2,
        "--runs",
        3,
        "--no-progress",
    ).output
    assert "tournament payoffs (20 turns, 2 repetitions)" in text


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--n", 1], "at least 2 individuals"),
        (["--mutation", 1.5], "mutation rate must be a probability in [0, 1], got 1.5"),
        (["--graph", "hexagon"], "unknown graph kind 'hexagon'"),
        (["--graph", "lattice:2x2", "--n", 4], "too small for the von_neumann neighbourhood"),
        (["--start", "1,2,3"], "--start gives 3 counts for 2 strategies"),
        (["--n", "5,x"], "--n must be numbers separated by commas"),
        (["--exact", 0.9, "--matches"], "either --exact W or --matches"),
        (["--n", "5,6"], "give --out FOLDER"),
    ],
)
def test_moran_bad_input_is_one_line(args, fragment):
    base = ["moran", "-s", "tft", "-s", "alld", "--turns", 5, "--repetitions", 1]
    if "--exact" not in args:
        base += ["--exact", 0.9]
    assert_one_line_error(invoke(*base, *args), fragment)


def test_moran_refuses_a_graph_file_with_an_isolated_node(tmp_path):
    path = tmp_path / "g.edgelist"
    path.write_text("0 1\n1 2\n2 0\n3 3\n")
    result = invoke("moran", "-s", "tft", "-s", "alld", "--exact", 0.9, "--n", 4, "--graph", path)
    assert_one_line_error(result, "node '3' of the interaction graph has no neighbour")


def test_fixation_exact_simulated_and_swept(tmp_path):
    args = ["fixation", "-s", "tft", "-s", "alld", "-s", "wsls", "--exact", 0.9, "--n", 20]
    document = json.loads(ok(*args, "--intensity", 0.1, "--json").stdout)
    pairs = {(p["mutant"], p["resident"]): p for p in document["pairs"]}
    assert pairs[("tft", "tft")]["probability"] == pytest.approx(0.05)
    assert pairs[("tft", "alld")]["probability"] > 0.05
    assert document["small_mutation"]["most_abundant"] in ("tft", "alld", "wsls")
    table = tmp_path / "fix.csv"
    text = ok(
        *args, "--graph", "ring", "--runs", 200, "--seed", 3, "--out", table, "--no-progress"
    ).output
    assert "Fixation probabilities (simulate, 200 runs per pair, seed 3)" in text
    assert len(pd.read_csv(table)) == 9
    figure = tmp_path / "sweep.png"
    text = ok(
        "fixation",
        "-s",
        "tft",
        "-s",
        "alld",
        "--sweep",
        "w",
        "--values",
        "0.2,0.9",
        "--n",
        20,
        "--plot",
        figure,
    ).output
    assert "Small-mutation limit along w" in text and figure.exists()
    assert_one_line_error(invoke(*args, "--graph", "star", "--method", "exact"), "no closed form")
    assert_one_line_error(invoke(*args, "--sweep", "w", "--values", "0.5"), "drop --exact")


def test_spatial_nowak_may_with_frames_a_gif_and_shares(tmp_path):
    shares, frames, gif = tmp_path / "s.csv", tmp_path / "f.png", tmp_path / "a.gif"
    text = ok(
        "spatial",
        "--b",
        1.85,
        "--size",
        21,
        "--generations",
        12,
        "--seed",
        1,
        "--frame-every",
        4,
        "--out",
        shares,
        "--plot",
        frames,
        "--gif",
        gif,
    ).output
    assert "Nowak and May's game, b = 1.85" in text
    table = pd.read_csv(shares)
    assert list(table.columns) == ["generation", "C", "D"] and len(table) == 13
    with Image.open(gif) as image:
        assert image.n_frames == 4
    document = json.loads(
        ok(
            "spatial",
            "-s",
            "tft",
            "-s",
            "alld",
            "--exact",
            0.9,
            "--size",
            9,
            "--generations",
            5,
            "--scoring",
            "mean",
            "--json",
        ).stdout
    )
    assert set(document["final_shares"]) == {"tft", "alld"}
    assert_one_line_error(invoke("spatial", "--size", 2), "too small for the moore")
    assert_one_line_error(invoke("spatial", "-s", "tft", "--b", 1.5), "drop --b")


def test_invasion_thresholds_and_clusters(tmp_path):
    document = json.loads(
        ok("invasion", "-s", "tft", "-s", "alld", "--exact", 0.9, "--json").stdout
    )
    assert document["thresholds"]["tft"]["alld"] == pytest.approx(1 / 21)
    figure = tmp_path / "c.png"
    text = ok(
        "invasion",
        "-s",
        "tft",
        "-s",
        "alld",
        "--exact",
        0.9,
        "--invader",
        "tft",
        "--native",
        "alld",
        "--sizes",
        "1,2",
        "--plot",
        figure,
    ).output
    assert "territorial dynamics" in text and figure.exists()
    assert_one_line_error(
        invoke("invasion", "-s", "tft", "-s", "alld", "--exact", 0.9, "--invader", "tft"),
        "give both --invader and --native",
    )


def test_a_grid_folder_is_resumed_and_guarded(tmp_path):
    from ipd.analysis.populations.grid import load_grid

    out = tmp_path / "grid"
    args = [
        "moran",
        "-s",
        "tft",
        "-s",
        "alld",
        "--exact",
        "0.5,0.9",
        "--n",
        "6,8",
        "--start",
        "mutant:tft",
        "--runs",
        20,
        "--seed",
        4,
        "--out",
        out,
    ]
    text = ok(*args).output
    assert "4 cell(s) computed, 0 already done, 4 in all" in text
    data = load_grid(out)
    assert list(data.columns[:4]) == ["n", "mutation", "intensity", "w"]
    assert len(data) == 4 * 20
    assert set(data["n"]) == {6, 8} and set(data["w"]) == {0.5, 0.9}
    # Lose a cell: a rerun computes just that one.
    next((out / "cells").glob("cell-*.parquet")).unlink()
    assert "1 cell(s) computed, 3 already done" in ok(*args).output
    assert load_grid(out).equals(data)
    changed = [a if a != 20 else 30 for a in args]
    assert_one_line_error(invoke(*changed), "holds a grid with different settings")
    spatial_out = tmp_path / "nm"
    ok(
        "spatial",
        "--b",
        "1.6,1.9",
        "--size",
        15,
        "--generations",
        10,
        "--seed",
        1,
        "--out",
        spatial_out,
    )
    shares = load_grid(spatial_out)
    assert set(shares["b"]) == {1.6, 1.9} and len(shares) == 2 * 11
