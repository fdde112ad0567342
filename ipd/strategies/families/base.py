"""What every data family shares: the registry of families and the checks of their values.

A family is a frozen dataclass whose ``behaviour()`` returns the compiled
step that plays it and its parameter vector. Registering it with
:func:`family` gives it the name user TOML files use (``family = "fsm"``),
the keys such a table may hold, and makes :mod:`ipd.strategies.loader` able
to build it with the class's ``from_toml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ipd.core.errors import IpdError
from ipd.core.game import C, D

FAMILIES: dict[str, type] = {}
"""Family name (as written in TOML) -> its dataclass, in registration order."""


@dataclass(frozen=True)
class Declared:
    """A family instance read from TOML, with the classifiers it has."""

    shape: Any
    memory_depth: int | None
    stochastic: bool
    uses_payoffs: bool = False


def family(name: str, keys: Iterable[str]) -> Callable[[type], type]:
    """Register a family dataclass under ``name``; ``keys`` are its own TOML keys.

    The class must define ``from_toml(entry) -> Declared``.
    """

    def register(cls: type) -> type:
        cls.FAMILY = name
        cls.TOML_KEYS = frozenset(keys)
        FAMILIES[name] = cls
        return cls

    return register


def move(value: Any) -> int:
    """``"C"``/``"D"`` (any case) or 0/1 as a move."""
    if isinstance(value, str) and value.upper() in ("C", "D"):
        return C if value.upper() == "C" else D
    if value in (0, 1) and not isinstance(value, bool):
        return int(value)
    raise IpdError(f"a move must be 'C' or 'D', got {value!r}")


def whole(value: Any, what: str = "a state") -> int:
    """A whole number (an int, or a float with no fraction), or a one-line error."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise IpdError(f"{what} must be a whole number, got {value!r}")
    return int(value)
