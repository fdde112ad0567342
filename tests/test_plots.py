"""Figures: each one built from a small real tournament, its content checked."""

from __future__ import annotations

import io
import json

import matplotlib
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from PIL import Image

import ipd
from ipd.cli.plot_cmd import plot as plot_command
from ipd.core.errors import IpdError
from ipd.report import figures, plots
from tests.conftest import assert_one_line_error

STRATEGIES = ["tft", "alld", "grudger", "allc", "random"]


@pytest.fixture(scope="module")
def results():
    return ipd.Tournament(STRATEGIES, turns=30, repetitions=6, seed=3, keep_moves=True).play()


def text_of(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def assert_labelled(ax):
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()


# --------------------------------------------------------------------------- tournaments


def test_score_distribution_has_one_ranked_box_per_strategy(results):
    fig = plots.score_distribution(results, highlight=["tft"])
    (ax,) = fig.axes
    assert_labelled(ax)
    assert "6 repetitions" in ax.get_title()
    summary = results.summary()
    boxes = [p for p in ax.patches if isinstance(p, PathPatch)]
    assert len(boxes) == len(STRATEGIES)
    # Best at the top: tick labels read from the top down in rank order.
    ticks = sorted(zip(ax.get_yticks(), ax.get_yticklabels(), strict=True), key=lambda t: -t[0])
    assert [label.get_text().split(". ")[1] for _, label in ticks] == list(summary["strategy"])
    # The diamonds are the means the ranking uses.
    (means,) = [line for line in ax.lines if line.get_label() == "mean (ranks)"]
    np.testing.assert_allclose(means.get_xdata(), summary["score"])
    colours = {matplotlib.colors.to_hex(b.get_facecolor()) for b in boxes}
    assert colours == {plots.OKABE_ITO[1].lower(), plots.OKABE_ITO[4].lower()}


def test_payoff_heatmap_shows_the_matrix_in_rank_order(results):
    fig = plots.payoff_heatmap(results)
    ax = fig.axes[0]
    assert_labelled(ax)
    order = list(results.summary()["strategy"])
    assert [t.get_text() for t in ax.get_yticklabels()] == order
    (image,) = ax.images
    expected = results.payoff_matrix().loc[order, order].to_numpy()
    np.testing.assert_allclose(np.ma.filled(image.get_array(), np.nan), expected)
    # One annotation per cell, and each says the cell's value.
    texts = text_of(fig)
    assert len(texts) == len(order) ** 2
    assert texts[0] == f"{expected[0, 0]:.2f}"
    # The colour scale runs over the payoffs, S to T, so colours compare across tournaments.
    assert image.get_clim() == (0.0, 5.0)
    assert fig.axes[1].get_ylabel() == "mean points per turn of the row player"


def test_heatmap_without_self_play_marks_the_empty_diagonal():
    played = ipd.Tournament(["tft", "alld", "allc"], turns=10, repetitions=1, self_play=False)
    fig = plots.payoff_heatmap(played.play())
    assert text_of(fig).count("–") == 3


def test_match_timeline_of_one_match_is_the_moves():
    fig = plots.match_timeline("tft", "alld", turns=10)
    (ax,) = fig.axes
    assert_labelled(ax)
    (image,) = ax.images
    raster = np.ma.filled(image.get_array(), np.nan)
    assert raster.shape == (2, 10)
    assert "".join("CD"[int(v)] for v in raster[0]) == "CDDDDDDDDD"
    assert "".join("CD"[int(v)] for v in raster[1]) == "D" * 10
    assert [t.get_text() for t in ax.get_yticklabels()] == ["tft", "alld"]
    assert text_of(fig) == ["9", "14"]  # the closed form: TFT 9, ALLD 14 over 10 moves
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["C  co-operate", "D  defect"]


def test_timeline_against_every_opponent_matches_the_kept_moves(results):
    fig = plots.match_timeline("tft", results=results, repetition=2)
    ax = fig.axes[0]
    raster = np.ma.filled(ax.images[0].get_array(), np.nan)
    opponents = [s for s in results.summary()["strategy"] if s != "tft"]
    assert [t.get_text() for t in ax.get_yticklabels()] == opponents
    assert raster.shape == (3 * len(opponents) - 1, 30)
    for k, opponent in enumerate(opponents):
        mine, theirs = results.match_moves("tft", opponent, 2)
        assert "".join("CD"[int(v)] for v in raster[3 * k]) == mine
        assert "".join("CD"[int(v)] for v in raster[3 * k + 1]) == theirs
        if k < len(opponents) - 1:
            assert np.isnan(raster[3 * k + 2]).all()  # the spacer line


def test_timeline_replayed_from_the_config_equals_the_tournament(results):
    # Without kept moves the tournament is replayed from its config: the very same matches,
    # random ones included (a stand-alone match with the same seed would differ).
    bare = ipd.Tournament(STRATEGIES, turns=30, repetitions=6, seed=3).play()
    replayed = plots.match_timeline("random", results=bare, repetition=4)
    kept = plots.match_timeline("random", results=results, repetition=4)
    np.testing.assert_array_equal(
        np.ma.filled(replayed.axes[0].images[0].get_array(), -1),
        np.ma.filled(kept.axes[0].images[0].get_array(), -1),
    )
    assert text_of(replayed) == text_of(kept)
    with pytest.raises(IpdError, match=r"repetition must be in 0\.\.5"):
        plots.match_timeline("tft", results=bare, repetition=6)
    geometric = ipd.Tournament(["tft", "alld"], continuation=0.5, repetitions=1).play()
    with pytest.raises(IpdError, match="fixed-length"):
        plots.match_timeline("tft", results=geometric)


def test_rank_comparison_draws_one_line_per_strategy(results):
    noisy = ipd.Tournament(STRATEGIES, turns=30, repetitions=6, seed=3, noise=0.1).play()
    fig = plots.rank_comparison(results, noisy, labels=("quiet", "noisy"), highlight=["tft"])
    (ax,) = fig.axes
    assert ax.get_title() and ax.get_ylabel()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["quiet", "noisy"]
    assert len(ax.lines) == len(STRATEGIES)
    before = results.summary().set_index("strategy")["rank"]
    after = noisy.summary().set_index("strategy")["rank"]
    (tft,) = [line for line in ax.lines if line.get_linewidth() == 3.0]
    assert list(tft.get_ydata()) == [before["tft"], after["tft"]]


# --------------------------------------------------------------------------- principles


def test_principles_figure_has_a_panel_per_measure():
    measures = pd.DataFrame(
        {
            "strategy": ["a", "b", "c"],
            "first_defection_rate": [0.0, 0.5, 1.0],
            "forgiveness": [1.0, 0.25, np.nan],
            "ignored_text": ["x", "y", "z"],
        }
    )
    fig = plots.principles_figure(measures, {"a": 2, "b": 1, "c": 3})
    assert len(fig.axes) == 2
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["first-defection rate", "forgiveness"]
    heights = [[bar.get_height() for bar in ax.patches] for ax in fig.axes]
    assert heights == [[0.5, 0.0, 1.0], [0.25, 1.0, 0.0]]  # rank order b, a, c; NaN drawn as 0
    assert all(ax.get_ylabel() for ax in fig.axes)
    assert fig.axes[-1].get_xlabel()
    assert [t.get_text() for t in fig.axes[-1].get_xticklabels()] == ["1. b", "2. a", "3. c"]


def test_principles_plot_on_a_real_tournament(results):
    fig = plots.principles_plot(results)
    assert len(fig.axes) >= 4
    for ax in fig.axes:
        assert ax.get_ylabel() and ax.get_title(loc="left")
        assert len([p for p in ax.patches if isinstance(p, Rectangle)]) == len(STRATEGIES)


# --------------------------------------------------------------------------- ecology


def test_ecology_plot_stacks_every_strategy(results):
    eco = results.ecology(generations=200)
    fig = plots.ecology_plot(eco, generations=50)
    (ax,) = fig.axes
    assert_labelled(ax)
    layers = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(layers) == len(STRATEGIES)
    assert ax.get_xlim() == (0.0, 50.0)
    assert "0–50 of 200" in ax.get_title()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for strategy, generation in eco.extinctions.items():
        assert f"{strategy} (extinct at {generation})" in legend
    assert set(eco.survivors) <= set(legend)
    # The layers stack to the whole population at every generation.
    top = layers[-1].get_paths()[0].vertices[:, 1]
    assert top.max() == pytest.approx(1.0)


def test_more_layers_than_colours_get_patterns():
    styles = [figures.layer_style(k) for k in range(15)]
    assert len(set(styles)) == 15
    assert all(colour != "#F0E442" for colour, _ in styles)  # no yellow areas


# --------------------------------------------------------------------------- saving and style


def test_figure_bytes_in_every_format(results):
    fig = plots.payoff_heatmap(results)
    png = figures.figure_bytes(fig, "png", dpi=50)
    width, height = Image.open(io.BytesIO(png)).size
    w_in, h_in = fig.get_size_inches()
    assert (width, height) == (int(w_in * 50), int(h_in * 50))
    svg = figures.figure_bytes(plots.score_distribution(results), "svg")
    assert b"<svg" in svg
    # No creation date: the same figure built again gives the same bytes.
    assert figures.figure_bytes(plots.score_distribution(results), "svg") == svg
    assert figures.figure_bytes(plots.score_distribution(results), "pdf").startswith(b"%PDF")
    with pytest.raises(IpdError, match="png, svg or pdf"):
        figures.figure_bytes(fig, "gif")


def test_save_figure_is_atomic_and_refuses_to_overwrite(results, tmp_path):
    fig = plots.score_distribution(results)
    path = figures.save_figure(fig, tmp_path / "scores.png")
    assert Image.open(path).format == "PNG"
    with pytest.raises(IpdError, match="already exists"):
        figures.save_figure(fig, path)
    figures.save_figure(fig, path, force=True)
    with pytest.raises(IpdError, match=r"\.png, \.svg, \.pdf"):
        figures.save_figure(fig, tmp_path / "scores.jpg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.png"]


def test_style_does_not_leak_into_the_callers_settings(results):
    before = dict(matplotlib.rcParams)
    plots.score_distribution(results)
    assert dict(matplotlib.rcParams) == before


# --------------------------------------------------------------------------- sweep


def test_sweep_figure_is_delegated_to_the_sweep_module(tmp_path):
    from ipd import sweep

    settings = sweep.SweepSettings(
        strategies=("tft", "alld", "allc"), w=(0.3, 0.6, 0.9), repetitions=2, seed=1
    )
    sweep.run_sweep(settings, tmp_path / "sweep", scheduler="sync")
    fig = plots.sweep_plot(tmp_path / "sweep")
    score_axes, rank_axes = fig.axes[:2]
    assert score_axes.get_ylabel() and rank_axes.get_xlabel() and score_axes.get_title()
    assert len(score_axes.lines) >= 3  # one per strategy (plus the stability threshold)
    result = CliRunner().invoke(
        plot_command, ["sweep", str(tmp_path / "sweep"), "--out", str(tmp_path / "s.png")]
    )
    assert result.exit_code == 0, result.output
    assert Image.open(tmp_path / "s.png").size[0] > 500


# --------------------------------------------------------------------------- the command


def invoke(*args):
    return CliRunner().invoke(plot_command, [str(a) for a in args])


def test_plot_command_writes_and_describes_the_file(tmp_path):
    out = tmp_path / "scores.png"
    args = ["scores", "-s", "tft", "-s", "alld", "-s", "grudger", "--turns", "20"]
    result = invoke(*args, "--repetitions", 3, "--seed", 5, "--out", out, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["kind"] == "scores" and document["out"] == str(out)
    assert document["strategies"] == ["tft", "alld", "grudger"] and document["seed"] == 5
    assert document["bytes"] == out.stat().st_size
    assert (document["width_px"], document["height_px"]) == Image.open(out).size
    again = invoke(*args, "--out", out)
    assert_one_line_error(again, "already exists")
    assert invoke(*args, "--out", out, "--force").exit_code == 0


def test_plot_command_from_a_saved_result_in_svg_and_pdf(results, tmp_path):
    saved = results.save(tmp_path / "results.json")
    for kind, suffix in (("payoffs", "svg"), ("ecology", "pdf"), ("timeline", "png")):
        out = tmp_path / f"{kind}.{suffix}"
        result = invoke(kind, saved, "--out", out, "--generations", 50)
        assert result.exit_code == 0, result.output
        head = out.read_bytes()[:600]
        assert {"svg": b"<svg", "pdf": b"%PDF", "png": b"PNG"}[suffix] in head
    assert_one_line_error(
        invoke("scores", saved, "--turns", 5, "--out", tmp_path / "x.png"), "saved result"
    )


def test_plot_command_timeline_of_chosen_opponents(tmp_path):
    out = tmp_path / "t.png"
    result = invoke(
        "timeline",
        *("-s", "tft", "-s", "alld", "-s", "allc", "--turns", 12, "--seed", 1),
        *("--player", "alld", "--opponent", "tft", "--out", out, "--json"),
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["player"] == "alld"
    # One match: two lines of 12 moves, wider than tall.
    width, height = Image.open(out).size
    assert width > 2 * height


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["scores"], "give a tournament spec"),
        (["scores", "-s", "tft", "-s", "nosuch"], "nosuch"),
        (["scores", "notes.txt", "-s", "tft"], "cannot read notes.txt"),
        (["timeline", "-s", "tft", "-s", "alld", "--player", "wsls", "--turns", "5"], "'wsls'"),
        (["ecology", "-s", "tft", "-s", "alld", "--no-self-play", "--turns", "5"], "self-play"),
    ],
)
def test_plot_command_bad_input_is_one_line(tmp_path, args, fragment):
    (tmp_path / "notes.txt").write_text("hello")
    with CliRunner().isolated_filesystem(temp_dir=tmp_path):
        (tmp_path / "notes.txt").rename("notes.txt")
        result = CliRunner().invoke(plot_command, [*args, "--out", "out.png"])
    assert_one_line_error(result, fragment)


def test_plot_command_checks_the_output_before_playing(tmp_path):
    result = invoke("scores", "-s", "tft", "--out", tmp_path / "missing" / "x.png")
    assert_one_line_error(result, "does not exist")
    result = invoke("scores", "-s", "tft", "--out", tmp_path / "x.jpg")
    assert_one_line_error(result, ".png, .svg, .pdf")
