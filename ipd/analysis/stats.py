"""Rank statistics shared by the analyses: average ranks, Spearman's rho, permutation tests."""

from __future__ import annotations

import itertools
import math

import numpy as np


def rank_average(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n of ``values`` (ascending), ties sharing their average rank."""
    values = np.asarray(values, dtype=np.float64)
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    sorted_values = values[order]
    start = 0
    for stop in range(1, len(values) + 1):
        if stop == len(values) or sorted_values[stop] != sorted_values[start]:
            ranks[order[start:stop]] = 0.5 * (start + 1 + stop)
            start = stop
    return ranks


def spearman(x, y) -> float:
    """Spearman's rank correlation (Pearson's on average ranks); NaN without variation."""
    rx, ry = rank_average(x), rank_average(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denominator = math.sqrt(float(rx @ rx) * float(ry @ ry))
    return float(rx @ ry) / denominator if denominator > 0 else math.nan


def permutation_p_value(x, y, direction: int, permutations: int = 9999, seed=0) -> float:
    """One-sided permutation p-value of Spearman's rho in the given direction.

    The p-value is the chance that shuffling ``x`` among the strategies gives a
    correlation at least as large as the observed one (times ``direction``).
    All ``n!`` orders are enumerated when there are no more than
    ``permutations`` of them (an exact test); otherwise ``permutations``
    random shuffles from ``numpy.random.default_rng(seed)`` give
    ``(1 + hits) / (1 + permutations)``, which is never 0 (Phipson and Smyth
    2010). NaN when ``x`` or ``y`` has no variation.
    """
    return permutation_p_values(x, y, permutations, seed)[direction]


def permutation_p_values(x, y, permutations, seed) -> dict[int, float]:
    """Both one-sided p-values, {+1: rho this large or larger, -1: this small or smaller}."""
    rx, ry = rank_average(x), rank_average(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    norm = math.sqrt(float(rx @ rx) * float(ry @ ry))
    if norm == 0:
        return {1: math.nan, -1: math.nan}
    observed = float(rx @ ry) / norm
    tolerance = 1e-9
    n = len(rx)
    if math.factorial(n) <= permutations:
        stats = np.array(list(itertools.permutations(rx))) @ ry / norm
        return {
            1: float(np.mean(stats >= observed - tolerance)),
            -1: float(np.mean(stats <= observed + tolerance)),
        }
    rng = np.random.default_rng(seed)
    above = below = done = 0
    while done < permutations:
        size = min(4096, permutations - done)
        stats = rng.permuted(np.broadcast_to(rx, (size, n)), axis=1) @ ry / norm
        above += int(np.count_nonzero(stats >= observed - tolerance))
        below += int(np.count_nonzero(stats <= observed + tolerance))
        done += size
    return {1: (1 + above) / (1 + permutations), -1: (1 + below) / (1 + permutations)}
