"""Intervals for estimated probabilities (fixation frequencies)."""

from __future__ import annotations

import math

Z95 = 1.959963984540054
"""The two-sided 95% quantile of the standard normal."""


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a probability seen ``hits`` times in ``n`` trials.

    Unlike the normal interval it stays inside [0, 1] and is not empty when
    ``hits`` is 0 or ``n``: the right one for small fixation probabilities.
    """
    if n <= 0:
        return math.nan, math.nan
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def standard_error(p: float, n: int) -> float:
    """The standard error of a frequency ``p`` over ``n`` independent trials."""
    return math.sqrt(p * (1 - p) / n) if n > 0 else math.nan
