"""Checks of single values users give: probabilities, and lists of numbers typed as text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ipd.core.errors import IpdError

N = TypeVar("N", int, float)


def check_probability(name: str, value: Any) -> float:
    """A probability in [0, 1] as a float, or a one-line error naming it."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise IpdError(f"{name} must be a probability, got {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise IpdError(f"{name} must be a probability in [0, 1], got {number:g}")
    return number


def check_probability_open(name: str, value: Any) -> float:
    """A continuation probability or discount factor: strictly between 0 and 1."""
    try:
        w = float(value)
    except (TypeError, ValueError):
        raise IpdError(f"{name} must be a number in (0, 1), got {value!r}") from None
    if not 0.0 < w < 1.0:
        raise IpdError(f"{name} must be strictly between 0 and 1, got {value!r}")
    return w


def split_numbers(text: str, convert: Callable[[str], N], error: str) -> list[N]:
    """Comma-separated numbers (``"63,77,151"``), each converted; ``error`` if any is not one."""
    parts = [p.strip() for p in str(text).split(",")]
    if not parts or any(not p for p in parts):
        raise IpdError(error)
    try:
        return [convert(p) for p in parts]
    except ValueError:
        raise IpdError(error) from None
