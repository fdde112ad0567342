"""`ipd ecology`: the ecological simulation from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

import ipd
from ipd.cli.ecology_cmd import ecology
from tests.conftest import assert_one_line_error

SPEC_1980 = Path(__file__).resolve().parent.parent / "tournaments" / "axelrod-1980-first.toml"


def invoke(*args):
    return CliRunner().invoke(ecology, [str(a) for a in args])


def test_two_generations_match_a_hand_computation():
    # TFT and ALLD over 10 moves, self-play counted. Points per move:
    # tft-tft 3, tft-alld 9/10 = 0.9, alld-tft 14/10 = 1.4, alld-alld 1.
    # Generation 1 from (1/2, 1/2): f_tft = 0.5*3 + 0.5*0.9 = 1.95, f_alld = 0.5*1.4 + 0.5*1 = 1.2,
    # mean 0.5*1.95 + 0.5*1.2 = 1.575, so tft -> 0.5*1.95/1.575.
    x1 = 0.5 * 1.95 / 1.575
    # Generation 2: f_tft = 3*x1 + 0.9*(1-x1), f_alld = 1.4*x1 + 1*(1-x1).
    f_tft, f_alld = 3 * x1 + 0.9 * (1 - x1), 1.4 * x1 + (1 - x1)
    x2 = x1 * f_tft / (x1 * f_tft + (1 - x1) * f_alld)
    result = invoke("-s", "tft", "-s", "alld", "--turns", 10, "--repetitions", 1, "--json")
    assert result.exit_code == 0, result.output
    one = json.loads(result.stdout)
    assert one["generations"] == 1000
    shares = [
        json.loads(
            invoke("-s", "tft", "-s", "alld", "--turns", 10, "--generations", g, "--json").stdout
        )["final_shares"]["tft"]
        for g in (1, 2)
    ]
    assert shares == pytest.approx([x1, x2], rel=1e-12)
    assert x1 == pytest.approx(0.6190476190476191)
    assert one["survivors"] == ["tft"] and list(one["extinctions"]) == ["alld"]
    assert one["initial_shares"] == {"tft": 0.5, "alld": 0.5}


def test_text_report_lists_shares_extinctions_and_survivors():
    args = ["-s", "tft", "-s", "allc", "-s", "alld", "--turns", 200, "--seed", 0]
    result = invoke(*args, "--generations", 400)
    assert result.exit_code == 0, result.output
    expected = (
        ipd.Tournament(["tft", "allc", "alld"], turns=200, repetitions=10, seed=0)
        .play()
        .ecology(generations=400)
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ecological simulation of Tournament: 3 strategies, 400 generations")
    generation = expected.extinctions["alld"]
    (alld,) = [line for line in lines if line.startswith("alld ")]
    assert alld.split()[1:3] == ["33.33%", "0.00%"] and alld.endswith(f"generation {generation}")
    assert lines[-2] == f"survivors (2): {', '.join(expected.survivors)}"
    assert lines[-1] == f"extinct (1): alld ({generation})"


def test_json_equals_the_python_api_and_the_plot_is_written(tmp_path):
    out = tmp_path / "eco.svg"
    args = ["-s", "tft", "-s", "grudger", "-s", "alld", "-s", "random", "--turns", 50]
    result = invoke(*args, "--repetitions", 3, "--seed", 9, "--generations", 120, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"wrote {out}"
    assert b"<svg" in out.read_bytes()[:500]
    played = ipd.Tournament(
        ["tft", "grudger", "alld", "random"], turns=50, repetitions=3, seed=9
    ).play()
    expected = played.ecology(generations=120, threshold=0.01)
    png = tmp_path / "eco.png"
    result = invoke(
        *args,
        "--repetitions",
        3,
        "--seed",
        9,
        "--generations",
        120,
        "--threshold",
        0.01,
        "--out",
        png,
        "--json",
    )
    document = json.loads(result.stdout)
    for key, value in expected.to_dict().items():
        assert document[key] == (pytest.approx(value) if key == "final_shares" else value)
    assert document["tournament"]["seed"] == 9
    assert document["plot"]["out"] == str(png)
    assert (document["plot"]["width_px"], document["plot"]["height_px"]) == Image.open(png).size


def test_from_a_spec_and_from_a_saved_result(tmp_path):
    spec = tmp_path / "small.toml"
    spec.write_text('name = "Small"\nstrategies = ["tft", "alld", "allc"]\nturns = 20\nseed = 4\n')
    from_spec = invoke(spec, "--repetitions", 2, "--json")
    assert from_spec.exit_code == 0, from_spec.output
    saved = ipd.Tournament.from_spec(spec, repetitions=2).play().save(tmp_path / "r.parquet")
    from_file = invoke(saved, "--json")
    assert (
        json.loads(from_file.stdout)["final_shares"] == json.loads(from_spec.stdout)["final_shares"]
    )
    assert "Ecological simulation of Small" in invoke(saved).stdout


def test_axelrod_1980_first_low_ranked_rules_die_out_and_tft_survives():
    # Acceptance check of the issue: the low-ranked rules die out, tit-for-tat survives.
    if SPEC_1980.is_file():
        source = [SPEC_1980, "--repetitions", 5]
    else:
        source = ["--collection", "axelrod_1980_first", "--turns", 200, "--reveal-length"]
        source += ["--repetitions", 5, "--seed", 1]
    result = invoke(*source, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    played = ipd.Tournament(
        document["tournament"]["strategies"],
        turns=200,
        repetitions=5,
        seed=document["tournament"]["seed"],
        reveal_length=True,
    ).play()
    ranked = list(played.summary()["strategy"])
    assert len(ranked) == 15
    assert set(ranked[-5:]) <= set(document["extinctions"])
    assert "tft" in document["survivors"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([], "give a tournament spec"),
        (["-s", "tft", "-s", "alld", "--generations", "0"], "generations"),
        (["-s", "tft", "-s", "alld", "--threshold", "2"], "threshold"),
        (["-s", "tft", "-s", "alld", "--no-self-play"], "self-play"),
        (["-s", "tft", "-s", "alld", "--out", "plot.gif"], ".png, .svg, .pdf"),
        (["missing.toml"], "does not exist"),
    ],
)
def test_bad_input_is_one_line(args, fragment, tmp_path):
    with CliRunner().isolated_filesystem(temp_dir=tmp_path):
        result = CliRunner().invoke(ecology, [*args, "--turns", "5"])
    assert_one_line_error(result, fragment)


def test_existing_output_is_refused_before_playing(tmp_path):
    out = tmp_path / "eco.png"
    out.write_bytes(b"keep me")
    result = invoke("-s", "tft", "-s", "nosuch", "--out", out)
    # The output is checked first: the unknown strategy is never reached.
    assert_one_line_error(result, "already exists")
    assert out.read_bytes() == b"keep me"
    result = invoke("-s", "tft", "-s", "alld", "--turns", 5, "--out", out, "--force")
    assert result.exit_code == 0 and Image.open(out).format == "PNG"
