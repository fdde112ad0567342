"""Axelrod-Python 4.14's strategies, read from ``ipd/data/axelrod_python_4_14_strategies.csv``.

A recorded fact (the names, classes and four classifiers of
``axelrod.all_strategies``), used to check that every ``axelrod_name`` ipd
gives is a real Axelrod-Python name and to list, in ``docs/strategies.md``,
the Axelrod-Python strategies ipd does not have.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

DATA_FILE = "axelrod_python_4_14_strategies.csv"


@dataclass(frozen=True)
class AxelrodPythonStrategy:
    """One strategy of Axelrod-Python 4.14 and the classifiers it declares."""

    name: str
    class_name: str
    long_run_time: bool
    inspects_source: bool
    manipulates_source: bool
    manipulates_state: bool

    @property
    def cheats(self) -> bool:
        """Whether it reads or changes its opponent's code or state."""
        return self.inspects_source or self.manipulates_source or self.manipulates_state


@functools.cache
def axelrod_python_strategies() -> tuple[AxelrodPythonStrategy, ...]:
    """Every strategy of Axelrod-Python 4.14, in ``axelrod.all_strategies`` order."""
    text = resources.files("ipd").joinpath("data", DATA_FILE).read_text()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    out = []
    for row in csv.DictReader(lines):
        flags = [row[k] == "true" for k in _FLAGS]
        out.append(AxelrodPythonStrategy(row["name"], row["class"], *flags))
    return tuple(out)


_FLAGS = ("long_run_time", "inspects_source", "manipulates_source", "manipulates_state")
