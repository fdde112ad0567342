"""The `ipd` command: every command, its --json form, and every bad-input path."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipd.cli.main import main
from tests.conftest import assert_one_line_error


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result


def test_version_and_help():
    assert run("--version").output.strip() == "ipd, version " + __import__("ipd").__version__
    for command in ([], ["tournament"], ["match"], ["strategies"]):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_help_and_strategies_compile_nothing():
    # Run in a fresh interpreter: --help must not even import numba, and listing
    # strategies must not build (or load) a compiled kernel.
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from ipd.cli.main import main\n"
        "CliRunner().invoke(main, ['--help'])\n"
        "assert 'numba' not in sys.modules, 'numba imported by --help'\n"
        "r = CliRunner().invoke(main, ['strategies'])\n"
        "assert r.exit_code == 0\n"
        "assert not [m for m in sys.modules if m.startswith('ipd_kernel_')], 'kernel loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_strategies_table_and_json():
    table = run("strategies")
    assert table.exit_code == 0
    assert "tft" in table.output and "Tit For Tat" in table.output
    listing = json.loads(run("strategies", "--json").stdout)
    tft = next(s for s in listing if s["id"] == "tft")
    assert tft["memory_depth"] == 1 and tft["stochastic"] is False
    assert {"uses_length", "uses_payoffs", "description", "source"} <= set(tft)
    random = next(s for s in listing if s["id"] == "random")
    assert random["parameters"] == {"p": 0.5}


def test_strategies_collections_and_contract():
    groups = json.loads(run("strategies", "--collections", "--json").stdout)
    assert "tft" in groups["deterministic"] and "random" not in groups["deterministic"]
    only = json.loads(run("strategies", "--collection", "stochastic", "--json").stdout)
    assert {s["id"] for s in only} >= {"random", "gtft"}
    assert "memory" in run("strategies", "--contract").output
    assert_one_line_error(run("strategies", "--collection", "clasic"), "did you mean 'classic'")


def test_match_shows_moves_and_scores():
    result = run("match", "tft", "alld", "--turns", "10")
    assert result.exit_code == 0
    assert "CDDDDDDDDD" in result.output and "DDDDDDDDDD" in result.output
    document = json.loads(run("match", "tft", "alld", "--turns", "10", "--json").stdout)
    assert document["row_moves"] == "CDDDDDDDDD"
    assert document["column_moves"] == "DDDDDDDDDD"
    assert (document["row_score"], document["column_score"]) == (9.0, 14.0)


def test_match_with_parameters_noise_and_payoffs():
    document = json.loads(
        run("match", "random:p=1", "alld", "--turns", "4", "--payoffs", "4,0,6,1", "--json").stdout
    )
    assert document["row_moves"] == "CCCC" and document["column_score"] == 24.0
    noisy = json.loads(
        run("match", "allc", "allc", "--noise", "0.5", "--turns", "50", "--json").stdout
    )
    assert "D" in noisy["row_moves"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["match", "tft", "tfft"], "did you mean 'tft'"),
        (["match", "tft", "alld", "--turns", "0"], "turns"),
        (["match", "tft", "alld", "--noise", "2"], "noise"),
        (["match", "tft", "alld", "--payoffs", "1,2,3,4"], "not a Prisoner's Dilemma"),
        (["match", "tft", "alld", "--payoffs", "a,b,c,d"], "four numbers"),
        (["match", "random:p=2", "alld"], "must be in [0, 1]"),
        (["match", "random:q=0.2", "alld"], "no parameter 'q'"),
        (["match", "random:p", "alld"], "ID:NAME=VALUE"),
        (["match", "tft", "alld", "--seed", "-3"], "seed"),
    ],
)
def test_match_bad_input(args, fragment):
    assert_one_line_error(run(*args), fragment)


def test_tournament_prints_ranked_table():
    result = run(
        "tournament",
        "-s",
        "tft",
        "-s",
        "alld",
        "-s",
        "grudger",
        "-s",
        "wsls",
        "-s",
        "random",
        "--turns",
        "200",
        "--repetitions",
        "20",
        "--seed",
        "1",
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if line.lstrip().startswith("rank"))
    for column in ("strategy", "score", "per turn", "coop", "wins"):
        assert column in header
    assert any(line.split()[:2] == ["1", "grudger"] for line in lines if line.strip())


def test_tournament_json_is_one_document():
    result = run("tournament", "-s", "tft", "-s", "alld", "--turns", "5", "--seed", "3", "--json")
    document = json.loads(result.stdout)
    assert document["config"]["seed"] == 3
    assert [row["strategy"] for row in document["summary"]] == ["tft", "alld"]


def test_self_play_switch():
    on = json.loads(run("tournament", "-s", "tft", "-s", "alld", "--turns", "10", "--json").stdout)
    off = json.loads(
        run(
            "tournament", "-s", "tft", "-s", "alld", "--turns", "10", "--no-self-play", "--json"
        ).stdout
    )
    assert on["config"]["self_play"] is True and off["config"]["self_play"] is False
    assert off["payoff_matrix"]["tft"]["tft"] is None
    assert on["payoff_matrix"]["tft"]["tft"] == 3.0


def test_tournament_from_spec_with_override(tmp_path):
    spec = tmp_path / "t.toml"
    spec.write_text('name = "Mini"\nstrategies = ["tft", "alld"]\nturns = 5\nseed = 2\n')
    result = run("tournament", str(spec), "--repetitions", "3", "--json")
    document = json.loads(result.stdout)
    assert document["config"]["repetitions"] == 3 and document["config"]["turns"] == 5
    assert document["config"]["name"] == "Mini"


def test_shipped_specs_run(tmp_path):
    for spec in ("tournaments/classic.toml", "tournaments/noisy.toml"):
        result = run("tournament", spec, "--repetitions", "2", "--json")
        assert result.exit_code == 0, result.output
        assert len(json.loads(result.stdout)["summary"]) >= 14


@pytest.mark.parametrize("suffix", ["json", "parquet", "csv"])
def test_tournament_out_files(tmp_path, suffix):
    out = tmp_path / f"r.{suffix}"
    result = run("tournament", "-s", "tft", "-s", "alld", "--turns", "5", "--out", str(out))
    assert result.exit_code == 0 and out.is_file()
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary left behind


def test_existing_output_is_kept_unless_forced(tmp_path):
    out = tmp_path / "r.json"
    out.write_text("precious")
    assert_one_line_error(
        run("tournament", "-s", "tft", "-s", "alld", "--out", str(out)), "already exists"
    )
    assert out.read_text() == "precious"
    forced = run("tournament", "-s", "tft", "-s", "alld", "--out", str(out), "--force")
    assert forced.exit_code == 0 and json.loads(out.read_text())["config"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-s", "tft", "-s", "grudgr"], "did you mean 'grudger'"),
        (["-s", "tft", "--turns", "0"], "turns"),
        (["-s", "tft", "--repetitions", "0"], "repetitions"),
        (["-s", "tft", "--noise", "1.5"], "noise"),
        (["-s", "tft", "--noise", "-0.5"], "noise"),
        (["-s", "tft", "--payoffs", "3,0,5,4"], "not a Prisoner's Dilemma"),
        (["-s", "tft", "--out", "/nonexistent-dir/r.json"], "does not exist"),
        (["-s", "tft", "--out", "r.txt"], "must end in"),
        (["-s", "tft", "--collection", "nope"], "unknown collection"),
        (["-s", "tft", "--strategy-file", "missing.toml"], "does not exist"),
        ([], "at least one strategy"),
        (["no-such-spec.toml"], "does not exist"),
        (["-s", "tft", "-s", "tft"], "listed twice"),
        (["-s", "tft", "--no-self-play"], "at least two strategies"),
        (["-s", "tft", "-s", "alld", "--repetitions", "100000000000"], "needs about"),
        (["-s", "tft", "--turns", "10000000000", "--repetitions", "1"], "memory"),
        (["-s", "tft", "--continuation", "0.9999999999"], "GB available"),
    ],
)
def test_tournament_bad_input(args, fragment):
    assert_one_line_error(run("tournament", *args), fragment)


def test_unwritable_output_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    # /proc refuses new files even to root; a read-only folder refuses everyone else.
    target = folder if os.geteuid() != 0 else Path("/proc")
    try:
        result = run("tournament", "-s", "tft", "--out", str(target / "r.json"))
        assert_one_line_error(result, "not writable")
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('strategies = ["tft"\nturns = 5\n', "malformed TOML"),
        ('strategies = ["tft"]\nturns = "many"\n', "'turns' must be int"),
        ('strategies = ["tft"]\nrounds = 5\n', "unknown key"),
        ("turns = 5\n", "give 'strategies'"),
        ('strategies = ["tft"]\npayoffs = { R = 3 }\n', "payoffs"),
        ('strategies = ["tft"]\nnoise = 3\n', "noise"),
    ],
)
def test_bad_spec_files(tmp_path, text, fragment):
    spec = tmp_path / "bad.toml"
    spec.write_text(text)
    result = run("tournament", str(spec))
    assert_one_line_error(result, fragment)
    if "malformed" in fragment:
        assert "line" in result.output and str(spec) in result.output


def test_user_strategy_files(tmp_path):
    document = json.loads(
        run(
            "tournament",
            "-s",
            "tft",
            "-s",
            "cautious_tft",
            "-s",
            "tf3t",
            "--strategy-file",
            "strategies/cautious.toml",
            "--turns",
            "20",
            "--json",
        ).stdout
    )
    assert {row["strategy"] for row in document["summary"]} == {"tft", "cautious_tft", "tf3t"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[[strategy]]\nid = "x1"\nfamily = "memory_one"\np = [1, 0, 2, 0]\n', "probability"),
        ('[[strategy]]\nid = "x2"\nfamily = "bogus"\n', "family"),
        ('[[strategy]]\nid = "x3"\nfamily = "fsm"\ntransitions = [[0, "C", 1, "C"]]\n', "state"),
        ('[[strategy]]\nid = "tft"\nfamily = "memory_one"\np = [1, 0, 1, 0]\n', "already"),
        ("[[strategy]\n", "malformed TOML"),
    ],
)
def test_bad_strategy_files(tmp_path, text, fragment):
    path = tmp_path / "mine.toml"
    path.write_text(text)
    result = run("match", "tft", "alld", "--strategy-file", str(path))
    assert_one_line_error(result, fragment)


def test_exact_tournament_table_and_its_limits():
    result = run(
        "tournament", "-s", "tft", "-s", "alld", "--continuation", "0.9", "--exact", "--json"
    )
    assert result.exit_code == 0, result.output
    rows = {row["strategy"]: row for row in json.loads(result.stdout)["summary"]}
    # TFT vs ALLD: (1 - w) S + w P = 0.9 per move; against its twin R = 3: mean 1.95.
    assert rows["tft"]["score_per_turn"] == pytest.approx((0.9 + 3.0) / 2, abs=1e-9)
    assert_one_line_error(run("tournament", "-s", "tft", "-s", "alld", "--exact"), "--continuation")
    assert_one_line_error(
        run("tournament", "-s", "tft", "--continuation", "0.9", "--exact", "--out", "x.json"),
        "--out",
    )
    assert_one_line_error(run("tournament", "-s", "tft", "--fallback", "simulate"), "--exact")
