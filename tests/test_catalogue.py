"""The strategy catalogue (docs/strategies.md) and the Axelrod-Python names it relies on.

(a) The file on disk is what docs/make_strategies.py writes from the registry
    now: after adding strategies, rerun the generator.
(b) Every ipd ``axelrod_name`` is a real name of Axelrod-Python 4.14 (from
    the recorded list, ipd/data/axelrod_python_4_14_strategies.csv; Axelrod-
    Python itself is not needed), and the catalogue's table of missing ones
    is exactly the rest.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ipd.strategies import all_strategies, registry
from ipd.strategies.axelrod_python import axelrod_python_strategies

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "docs" / "make_strategies.py"
CATALOGUE = ROOT / "docs" / "strategies.md"


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("make_strategies", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rendered(generator) -> str:
    return generator.render()


def test_the_catalogue_on_disk_is_what_the_generator_writes(rendered):
    assert CATALOGUE.read_text() == rendered, (
        "docs/strategies.md is out of date: run python docs/make_strategies.py"
    )


def test_the_catalogue_lists_every_builtin_strategy_once(rendered):
    builtin = [s for s in all_strategies() if s.origin == registry.BUILTIN]
    rows = [line for line in rendered.splitlines() if line.startswith("| `")]
    listed = [line.split("|")[1].strip().strip("`") for line in rows]
    # Grouped by module, which keeps the registration order (modules register one by one).
    assert [i for i in listed if i in {s.id for s in builtin}] == [s.id for s in builtin]


def test_the_recorded_list_is_axelrod_python_4_14():
    recorded = axelrod_python_strategies()
    names = [s.name for s in recorded]
    assert len(names) == 244 == len(set(names))
    assert {"Tit For Tat", "Meta Majority", "EvolvedLookerUp2_2_2", "$\\phi$"} <= set(names)
    assert [s.name for s in recorded if s.cheats] == ["Darwin"]
    assert sum(s.long_run_time for s in recorded) == 19


def test_every_axelrod_name_is_a_real_axelrod_python_name():
    known = {s.name for s in axelrod_python_strategies()}
    wrong = {s.id: s.axelrod_name for s in all_strategies() if s.axelrod_name not in (None, *known)}
    assert not wrong, f"not names of Axelrod-Python 4.14 strategies: {wrong}"


def test_the_missing_table_is_every_unported_name_with_a_reason(rendered, generator):
    table = rendered.split("## Axelrod-Python 4.14 strategies not in ipd")[1]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    missing = [line.split(" | ")[0].removeprefix("| `").removesuffix("`") for line in rows]
    ported = {s.axelrod_name for s in all_strategies() if s.origin == registry.BUILTIN}
    expected = [s.name for s in axelrod_python_strategies() if s.name not in ported]
    assert [m.replace("\\|", "|") for m in missing] == expected
    assert all(line.rstrip(" |").split(" | ")[-1] for line in rows)  # every row has a reason
    darwin = next(line for line in rows if line.startswith("| `Darwin`"))
    assert "reads or changes its opponent" in darwin
    assert set(generator.REASONS) <= {s.name for s in axelrod_python_strategies()}
