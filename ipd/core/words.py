"""Words for numbers and lists in the text ipd writes: ordinals, ranges, "a, b and c"."""

from __future__ import annotations

import itertools
from collections.abc import Iterable


def ordinal(rank: int) -> str:
    """``1`` -> ``"1st"``, ``12`` -> ``"12th"``, ``23`` -> ``"23rd"``."""
    rank = int(rank)
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def join_words(items: Iterable[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``; nothing -> ``"none"``."""
    items = list(items)
    if not items:
        return "none"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def ranges(ranks: list[int]) -> str:
    """``[1, 2, 3, 5, 7, 8]`` -> ``"1–3, 5, 7–8"``."""
    parts = []
    for _, group in itertools.groupby(enumerate(ranks), key=lambda t: t[1] - t[0]):
        run = [r for _, r in group]
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
    return ", ".join(parts)
