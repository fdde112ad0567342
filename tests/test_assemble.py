"""The kernel assembler: generated source, cache keys and pruning of old kernels."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import ipd
from ipd.engine import _assemble


def _steps(*ids):
    return _assemble.canonical(ipd.strategies.get(i).behaviour(ipd.Game()).step for i in ids)


def test_every_step_is_called_directly_in_the_turn_loop():
    steps = _steps("tft", "grudger", "gradual", "joss")
    text, _ = _assemble.source(steps)
    calls = [
        node.func.id
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    ]
    assert "step_dispatch" not in calls
    for k in range(len(steps)):
        assert f"a = 1 if _step_{k}(" in text and f"b = 1 if _step_{k}(" in text
    assert f"_step_{len(steps)}" not in text


def test_a_kernel_holds_only_the_steps_of_its_lineup_in_a_fixed_order():
    assert _steps("joss", "tft", "allc") == _steps("allc", "tft", "joss", "alld")
    assert len(_steps("tft", "alld", "wsls")) == 1  # one memory-one step plays all three


def test_cache_key_changes_with_the_set_of_steps():
    _, full = _assemble.source(_steps("tft", "grudger", "gradual"))
    _, fewer = _assemble.source(_steps("tft", "grudger"))
    _, again = _assemble.source(_steps("gradual", "grudger", "tft"))
    assert full == again != fewer


def test_a_loaded_kernel_plays_any_subset_of_its_steps():
    big = _assemble.kernels(_steps("tft", "grudger", "gradual", "joss"))
    assert _assemble.kernels(_steps("gradual", "tft")) is big


def test_prune_keeps_the_most_recently_used(tmp_path):
    (tmp_path / "__pycache__").mkdir()
    for k in range(15):
        kernel = tmp_path / f"ipd_kernel_{k:02d}.py"
        kernel.write_text("")
        (tmp_path / "__pycache__" / f"ipd_kernel_{k:02d}.play_block-1.py311.nbi").write_text("")
        marker = kernel.with_suffix(".used")
        marker.write_text("")
        os.utime(marker, (1000 + k, 1000 + k))
    _assemble._prune(tmp_path, keep=tmp_path / "ipd_kernel_00.py")
    left = sorted(p.name for p in tmp_path.glob("ipd_kernel_*.py"))
    # The 12 most recently used stay, and so does the one being written.
    assert left == ["ipd_kernel_00.py"] + [f"ipd_kernel_{k:02d}.py" for k in range(3, 15)]
    assert not list(tmp_path.glob("__pycache__/ipd_kernel_01.*"))
    assert list(tmp_path.glob("__pycache__/ipd_kernel_03.*"))


def test_an_unused_user_strategy_file_compiles_nothing(tmp_path):
    # Kernels hold only the steps of their lineup: loading a .py strategy file that
    # does not play leaves the tft/alld kernel (warm after the first run) as it is.
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-m", "ipd.cli.main", "tournament", "-s", "tft", "-s", "alld"]
    command += ["--turns", "5", "--repetitions", "1", "--seed", "1"]
    subprocess.run(command, cwd=root, check=True, capture_output=True)
    again = subprocess.run(
        [*command, "--strategy-file", "strategies/forgiving_grudger.py"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "compiling" not in again.stderr
    assert "tft" in again.stdout and "forgiving_grudger" not in again.stdout
