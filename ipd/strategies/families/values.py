"""Reading the values the table families are built from: lists of moves, probabilities, sizes.

Each helper accepts what a person types in Python or TOML (a string ``"CCD"``
or a list of ``"C"``/``"D"``; a list of numbers) and returns plain Python
values, or raises a one-line :class:`~ipd.core.errors.IpdError` naming the field.
"""

from __future__ import annotations

from typing import Any

from ipd.core.errors import IpdError
from ipd.core.values import check_probability as probability
from ipd.strategies.families.base import move, whole


def moves(value: Any, what: str) -> tuple[int, ...]:
    """A sequence of moves, ``"CDD"`` or ``["C", "D", "D"]`` (0/1 allowed), as 0/1 ints."""
    if isinstance(value, str):
        value = list(value.replace(" ", "").replace(",", ""))
    if not isinstance(value, list | tuple):
        raise IpdError(f"{what} must be a string of C and D or a list of moves, got {value!r}")
    try:
        return tuple(move(v) for v in value)
    except IpdError as exc:
        raise IpdError(f"{what}: {exc}") from None


def probabilities(value: Any, what: str) -> tuple[float, ...]:
    """A list of probabilities of co-operating; ``"C"``/``"D"`` stand for 1 and 0."""
    if isinstance(value, str):
        value = list(value.replace(" ", "").replace(",", ""))
    if not isinstance(value, list | tuple):
        raise IpdError(f"{what} must be a list of probabilities, got {value!r}")
    out = []
    for n, v in enumerate(value):
        if isinstance(v, str) and v.upper() in ("C", "D"):
            out.append(1.0 if v.upper() == "C" else 0.0)
        else:
            out.append(probability(f"{what}[{n}]", v))
    return tuple(out)


def size(value: Any, what: str, low: int, high: int) -> int:
    """A whole number in ``[low, high]``."""
    n = whole(value, what)
    if not low <= n <= high:
        raise IpdError(f"{what} must be between {low} and {high}, got {n}")
    return n


def exactly(items: tuple, count: int, what: str, why: str) -> tuple:
    """``items`` if it has ``count`` entries, else a one-line error saying why it should."""
    if len(items) != count:
        raise IpdError(f"{what} must have {count} entries ({why}), got {len(items)}")
    return items


def stochastic(values) -> bool:
    """Whether any probability lies strictly between 0 and 1."""
    return any(0.0 < float(p) < 1.0 for p in values)
