"""Reading the published parameter tables of trained strategies from ``ipd/data``.

The files are comma-separated: leading ``#`` lines cite the source, then one
row per strategy, its ipd id first. They are read once, when a strategy that
needs them is first built.
"""

from __future__ import annotations

import functools
from importlib import resources

from ipd.core.errors import IpdError

ANN_WEIGHTS = "harper_2017_ann_weights.csv"
GAMBLER_TABLES = "harper_2017_pso_gambler.csv"


@functools.cache
def rows(filename: str) -> dict[str, tuple[str, ...]]:
    """The rows of a data file, by strategy id (the first column)."""
    text = resources.files("ipd").joinpath("data", filename).read_text()
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            sid, *values = line.split(",")
            out[sid] = tuple(values)
    return out


def row(filename: str, sid: str) -> tuple[str, ...]:
    """The values of strategy ``sid`` in ``filename``."""
    try:
        return rows(filename)[sid]
    except KeyError:
        raise IpdError(f"no parameters for {sid!r} in ipd/data/{filename}") from None
