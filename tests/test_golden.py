"""Results and command output stay bit-identical to what ipd produced before the redesign.

``tests/data/golden/`` holds what these commands printed (and wrote) with the
code as it stood before the settings object, the layered packages and the
lineup-keyed kernels (issue 10). Every case is replayed and compared exactly:
text byte for byte, JSON value for value (floats are written with ``repr``,
so equal JSON means equal bits). Only the environment block (package and
Python versions) is left out, since CI may install other versions.

Regenerate (only when a change of results is intended, and say so in the
CHANGELOG) with ``IPD_WRITE_GOLDEN=1 pytest tests/test_golden.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipd.cli.main import main

GOLDEN = Path(__file__).parent / "data" / "golden"
WRITE = os.environ.get("IPD_WRITE_GOLDEN") == "1"
ENVIRONMENT_KEYS = ("ipd_version", "numba_version", "python_version")

CLASSIC = [
    "allc", "alld", "random", "tft", "stft", "wsls", "gtft", "alternator",
    "grudger", "tf2t", "2tft", "extort2", "zdgtft2", "gradual",
]  # fmt: skip
FIRST_1980 = [
    "tft", "tideman_chieruzzi", "nydegger", "grofman", "shubik", "stein_rapoport",
    "friedman", "davis", "graaskamp", "downing", "feld", "joss", "tullock",
    "anonymous", "random",
]  # fmt: skip


def _s(ids):
    return [arg for sid in ids for arg in ("-s", sid)]


CASES = {
    "readme_table": [
        "tournament", *_s(["tft", "alld", "grudger", "wsls", "random"]),
        "--turns", "200", "--repetitions", "100", "--seed", "1", "--no-progress",
    ],
    "classic_spec": ["tournament", "tournaments/classic.toml", "--no-progress", "--json"],
    "noisy_median_payoffs": [
        "tournament", *_s(c for c in CLASSIC if c != "zdgtft2"), "--noise", "0.05",
        "--no-self-play", "--rank-by", "median",
        "--payoffs", "4,0,6,1", "--repetitions", "20", "--seed", "3", "--json",
    ],
    "first_1980_lengths": [
        "tournament", *_s(FIRST_1980), "--lengths", "63,77,151,156,308", "--reveal-length",
        "--repetitions", "5", "--seed", "2", "--json",
    ],
    "first_1980_table": [
        "tournament", *_s(FIRST_1980), "--turns", "200", "--reveal-length",
        "--repetitions", "10", "--seed", "7", "--no-progress",
    ],
    "continuation": [
        "tournament", *_s(["tft", "alld", "wsls", "gtft", "random", "gradual"]),
        "--continuation", "0.9", "--repetitions", "50", "--seed", "4", "--json",
    ],
    "discount": [
        "tournament", *_s(["tft", "alld", "extort2", "zdgtft2", "grudger"]),
        "--discount", "0.95", "--turns", "150", "--repetitions", "10", "--seed", "5", "--json",
    ],
    "exact_text": [
        "tournament", *_s(["tft", "alld", "alternator", "wsls"]), "--continuation", "0.9",
        "--exact",
    ],
    "exact_json": [
        "tournament", *_s(["tft", "alld", "gtft", "grudger"]), "--continuation", "0.8",
        "--noise", "0.01", "--seed", "3", "--exact", "--json",
    ],
    "match_text": ["match", "tft", "alld", "--turns", "10"],
    "match_json": ["match", "random:p=0.3", "gtft", "--turns", "20", "--seed", "4", "--json"],
    "match_noisy": ["match", "joss", "tft", "--turns", "50", "--noise", "0.1", "--seed", "9",
                    "--json"],
    "principles_text": [
        "principles", *_s(FIRST_1980), "--turns", "200", "--repetitions", "20", "--seed", "5",
        "--reveal-length", "--no-what-if",
    ],
    "principles_json": [
        "principles", *_s(CLASSIC), "--turns", "100", "--repetitions", "10", "--seed", "6",
        "--noise", "0.02", "--json", "--no-what-if",
    ],
    "ecology_json": [
        "ecology", *_s(["tft", "allc", "alld", "grudger", "random", "wsls"]),
        "--repetitions", "20", "--seed", "1", "--generations", "200", "--json",
    ],
    "ecology_text": [
        "ecology", *_s(FIRST_1980), "--reveal-length", "--repetitions", "5", "--seed", "1",
    ],
}  # fmt: skip


def _clean(document):
    """Drop the environment (package and Python versions) wherever it appears."""
    if isinstance(document, dict):
        return {k: _clean(v) for k, v in document.items() if k not in ENVIRONMENT_KEYS}
    if isinstance(document, list):
        return [_clean(v) for v in document]
    return document


def _invoke(argv) -> str:
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if not ln.startswith("ipd: compiling")]
    return "\n".join(lines) + "\n"


def _compare(name: str, text: str) -> None:
    is_json = text.lstrip().startswith(("{", "["))
    path = GOLDEN / (name + (".json" if is_json else ".txt"))
    if is_json:
        value = _clean(json.loads(text))
        if WRITE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value, indent=1) + "\n")
        assert value == json.loads(path.read_text())
    else:
        if WRITE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        assert text == path.read_text()


@pytest.mark.parametrize("name", list(CASES))
def test_command_output_is_unchanged(name):
    _compare(name, _invoke(CASES[name]))


def test_saved_files_are_unchanged(tmp_path):
    argv = ["tournament", *_s(CLASSIC[:6]), "--repetitions", "7", "--seed", "11", "--no-progress"]
    for suffix in ("json", "csv", "parquet"):
        _invoke([*argv, "--out", str(tmp_path / f"r.{suffix}")])
    _compare("saved_csv", (tmp_path / "r.csv").read_text())
    _compare("saved_json", (tmp_path / "r.json").read_text())
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "r.parquet")
    _compare("saved_parquet_summary", table.to_pandas().to_csv(index=False, float_format="%r"))
    _compare("saved_parquet_meta", table.schema.metadata[b"ipd"].decode())


def test_kept_moves_are_unchanged():
    import ipd

    results = ipd.Tournament(
        ["tft", "joss", "random", "gradual"], turns=60, repetitions=3, seed=8, noise=0.02,
        keep_moves=True,
    ).play()  # fmt: skip
    moves = {
        f"{a}|{b}|{r}": list(results.match_moves(a, b, r))
        for a in results.labels
        for b in results.labels
        for r in range(3)
    }
    _compare("kept_moves", json.dumps(moves))


def test_sweep_dataset_is_unchanged(tmp_path):
    from ipd.sweep import load_sweep

    for mode, extra in (("continuation", []), ("exact", ["--exact"])):
        out = tmp_path / mode
        _invoke([
            "sweep", "run", *_s(["tft", "alld", "grudger", "wsls"]), "--w", "0.5,0.9",
            "--noise", "0,0.01", "--repetitions", "20", "--seed", "1", "--pairs", *extra,
            "--out", str(out), "--no-progress",
        ])  # fmt: skip
        for table in ("strategies", "pairs"):
            frame = load_sweep(out, table)
            _compare(f"sweep_{mode}_{table}", frame.to_csv(index=False, float_format="%r"))
