"""The built-in strategies' metadata as data: one TOML catalogue beside each builtin module.

A builtin module holds only what needs code (compiled steps, and builders that
read the game or take parameters); who each strategy is (id, name, aliases,
description, published source, classifiers, collections, Axelrod-Python name)
is a ``[[strategy]]`` table in the TOML file of the same name, registered
through :func:`ipd.strategies.registry.strategy` when the module calls
:func:`register`. A table names what it plays in one of two ways::

    [refs]                          # text that several entries cite
    ashlock_2009 = "D. Ashlock and E.-Y. Kim (2009), ..."

    [[strategy]]
    id = "usually_defects"
    name = "Usually Defects"
    aliases = ["ud"]
    description = "Defects, except ..."
    source = "{ashlock_2009}; table 2"   # {name} is replaced by refs.name
    memory_depth = "unbounded"          # or an integer upper bound
    tags = ["ashlock"]
    axelrod_name = "UsuallyDefects"
    call = "FiniteStateMachine.from_rows"   # a callable of the module or a family ...
    args = ["1C2D 1D1D 2C1D 2D1C", 1, "D"]    # ... and its literal arguments
    doc = "Usually Defects: the mirror image of Usually Cooperates."

    [[strategy]]
    id = "k55r"
    ...
    build = "k55r"                      # a builder f(game, ...) or a compiled step
    params = { p = [0.5, 0.0, 1.0] }    # a step's (default, low, high); a builder's [low, high]

Optional classifiers (``stochastic``, ``uses_length``, ``uses_payoffs``) are
false unless given; ``memory_depth`` must always be given, so that no entry
is unbounded by omission.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from ipd.core.game import Game
from ipd.strategies import families
from ipd.strategies.registry import strategy

UNBOUNDED = "unbounded"
_FLAGS = ("stochastic", "uses_length", "uses_payoffs")
_KEYS = {
    "id",
    "name",
    "aliases",
    "description",
    "source",
    "memory_depth",
    "tags",
    "axelrod_name",
    "params",
    "build",
    "call",
    "args",
    "kwargs",
    "doc",
    *_FLAGS,
}


@cache
def tables(module: str) -> dict[str, Any]:
    """Everything in ``module``'s catalogue, as read (other tables may hold the module's data)."""
    with _path(module).open("rb") as handle:
        return tomllib.load(handle)


def _path(module: str) -> Path:
    return Path(sys.modules[module].__file__).with_suffix(".toml")


@cache
def entries(module: str) -> tuple[dict[str, Any], ...]:
    """The ``[[strategy]]`` tables of ``module``'s catalogue, references filled in."""
    path = _path(module)
    data = tables(module)
    refs = data.get("refs", {})
    out = []
    for table in data["strategy"]:
        unknown = set(table) - _KEYS
        if unknown:
            raise KeyError(f"{path.name}: {table['id']} has unknown keys {sorted(unknown)}")
        if ("build" in table) == ("call" in table):
            raise KeyError(f"{path.name}: {table['id']} needs exactly one of 'build' and 'call'")
        entry = dict(table)
        entry["source"] = entry.get("source", "").format(**refs)
        out.append(entry)
    return tuple(out)


def register(module: str, only: Callable[[dict[str, Any]], bool] | None = None) -> None:
    """Register every strategy of ``module``'s catalogue (those ``only`` accepts, if given)."""
    namespace = vars(sys.modules[module])
    for entry in entries(module):
        if only is None or only(entry):
            strategy(entry["id"], entry["name"], **_metadata(entry))(
                _target(entry, namespace, module)
            )


def _metadata(entry: dict[str, Any]) -> dict[str, Any]:
    depth = entry["memory_depth"]
    params = {
        key: tuple(value) if isinstance(value, list) else value
        for key, value in entry.get("params", {}).items()
    }
    return {
        "description": entry["description"],
        "source": entry["source"],
        "aliases": tuple(entry.get("aliases", ())),
        "memory_depth": None if depth == UNBOUNDED else int(depth),
        "tags": tuple(entry.get("tags", ())),
        "params": params or None,
        "axelrod_name": entry.get("axelrod_name"),
        **{flag: bool(entry.get(flag, False)) for flag in _FLAGS},
    }


def _target(entry: dict[str, Any], namespace: dict[str, Any], module: str) -> Any:
    if "build" in entry:
        return namespace[entry["build"]]
    head, *rest = entry["call"].split(".")
    call = namespace.get(head) or getattr(families, head)
    for name in rest:
        call = getattr(call, name)
    args = tuple(entry.get("args", ()))
    kwargs = dict(entry.get("kwargs", {}))

    def build(game: Game) -> Any:
        return call(*args, **kwargs)

    build.__doc__ = entry.get("doc", "")
    build.__module__ = module
    build.__qualname__ = build.__name__ = entry["id"]
    return build
