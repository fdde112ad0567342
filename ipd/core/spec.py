"""Tournament specifications in TOML.

Schema (every key optional except ``strategies`` or ``collections``)::

    name = "Classic strategies"          # title shown above the table
    description = "..."
    strategies = ["tft", "alld", "random:p=0.3"]   # ids with optional parameters
    collections = ["classic"]            # named collections, added to strategies
    strategy_files = ["my.toml"]         # user strategy files, relative to this file
    turns = 200                          # moves per match (>= 1)
    repetitions = 10                     # round robins played (>= 1)
    lengths = [63, 77, 151, 156, 308]    # match length by repetition, cycled (replaces turns)
    continuation = 0.99654               # or: probability w of another move (geometric lengths)
    discount = 0.9                       # weight w**(t-1) on move t; scores normalised by (1 - w)
    noise = 0.0                          # probability each move is flipped, in [0, 1]
    seed = 1                             # master seed, 0 .. 2**63 - 1
    self_play = true                     # each strategy also meets its twin (counted)
    reveal_length = false                # strategies are told the match length
    rank_by = "mean"                     # or "median" (over repetitions)
    payoffs = { R = 3, S = 0, T = 5, P = 1 }   # or [3, 0, 5, 1]
    allow_non_dilemma = false            # accept payoffs that are not a dilemma
    published = "axelrod_1980_first"     # compare with a published table shipped with ipd
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ipd.core.errors import IpdError

_TYPES: dict[str, tuple[type, ...]] = {
    "name": (str,),
    "description": (str,),
    "strategies": (list,),
    "collections": (list,),
    "strategy_files": (list,),
    "turns": (int,),
    "repetitions": (int,),
    "lengths": (list,),
    "continuation": (int, float),
    "discount": (int, float),
    "noise": (int, float),
    "seed": (int,),
    "self_play": (bool,),
    "reveal_length": (bool,),
    "rank_by": (str,),
    "payoffs": (dict, list),
    "allow_non_dilemma": (bool,),
    "published": (str,),
}


def load_spec(path: str | Path) -> dict[str, Any]:
    """Read and validate a tournament spec; returns its settings as a dict.

    ``strategy_files`` come back as absolute paths. Raises :class:`IpdError`
    naming the file (and line, for malformed TOML) on any problem.
    """
    path = Path(path)
    if not path.is_file():
        raise IpdError(f"tournament spec {path} does not exist")
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise IpdError(f"{path}: malformed TOML: {exc}") from None
    except UnicodeDecodeError:
        raise IpdError(f"{path}: not a text file") from None
    unknown = sorted(set(data) - set(_TYPES))
    if unknown:
        raise IpdError(f"{path}: unknown key(s) {unknown}; allowed: {', '.join(_TYPES)}")
    for key, value in data.items():
        allowed = _TYPES[key]
        if isinstance(value, bool) and bool not in allowed:
            allowed = ()
        if not isinstance(value, allowed):
            names = " or ".join(t.__name__ for t in _TYPES[key])
            raise IpdError(f"{path}: '{key}' must be {names}, got {value!r}")
    for key in ("strategies", "collections", "strategy_files"):
        if not all(isinstance(v, str) for v in data.get(key, [])):
            raise IpdError(f"{path}: '{key}' must be a list of strings")
    if not data.get("strategies") and not data.get("collections"):
        raise IpdError(f"{path}: give 'strategies' (a list of ids) or 'collections'")
    if "payoffs" in data:
        data["payoffs"] = _payoffs(path, data["payoffs"])
    data["strategy_files"] = [
        str((path.parent / f).resolve()) for f in data.get("strategy_files", [])
    ]
    return data


def _payoffs(path: Path, value) -> str:
    if isinstance(value, dict):
        if set(value) != set("RSTP"):
            raise IpdError(f"{path}: 'payoffs' must have exactly the keys R, S, T, P")
        value = [value[k] for k in "RSTP"]
    if len(value) != 4 or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    ):
        raise IpdError(f"{path}: 'payoffs' must be four numbers R, S, T, P")
    return ",".join(repr(float(v)) for v in value)
