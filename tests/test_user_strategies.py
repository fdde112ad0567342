"""User strategies from files: compiled Python step functions and declarative TOML."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ipd.cli.main import main


def ipd_cli(*args):
    # A separate process keeps the user's strategies out of this test session's registry.
    return subprocess.run(
        [sys.executable, "-m", "ipd.cli.main", *args], capture_output=True, text=True
    )


def test_python_step_function_plays_at_compiled_speed_in_a_tournament():
    result = ipd_cli(
        "tournament",
        "-s",
        "alld",
        "-s",
        "forgiving_grudger",
        "-s",
        "forgiving_grudger:patience=2",
        "--strategy-file",
        "strategies/forgiving_grudger.py",
        "--turns",
        "6",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    pairs = json.loads(result.stdout)["pairs"]
    scores = {(p["row"], p["column"]): p["score_per_turn"] for p in pairs}
    # Against ALLD: C then D for ever (CDDDDD = 0 + 5 x 1 point over 6 moves).
    assert scores[("forgiving_grudger", "alld")] == pytest.approx(5 / 6)


def test_python_step_function_transcript():
    result = ipd_cli(
        "match",
        "forgiving_grudger:patience=2",
        "alternator",
        "--turns",
        "8",
        "--json",
        "--strategy-file",
        "strategies/forgiving_grudger.py",
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    # Alternator plays CDCDCDCD; each D earns two D's in reply, then forgiveness.
    assert document["column_moves"] == "CDCDCDCD"
    assert document["row_moves"] == "CCDDDDDD"


def test_python_file_errors_name_the_line(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("import ipd\n\nx = 1 / 0\n")
    result = CliRunner().invoke(main, ["match", "tft", "alld", "--strategy-file", str(broken)])
    assert result.exit_code != 0
    assert f"{broken}, line 3: ZeroDivisionError" in result.output
    assert "Traceback" not in result.output


def test_python_file_without_strategies_is_refused(tmp_path):
    empty = tmp_path / "empty.py"
    empty.write_text("VALUE = 1\n")
    result = CliRunner().invoke(main, ["strategies", "--strategy-file", str(empty)])
    assert result.exit_code != 0 and "defines no strategy" in result.output


def test_toml_strategies_play_from_data():
    result = CliRunner().invoke(
        main,
        [
            "match",
            "tf3t",
            "alld",
            "--turns",
            "6",
            "--json",
            "--strategy-file",
            "strategies/cautious.toml",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["row_moves"] == "CCCDDD"
