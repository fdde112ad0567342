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


def permutation_p_values(x, y, permutations, seed, strata=None) -> dict[int, float]:
    """Both one-sided p-values, {+1: rho this large or larger, -1: this small or smaller}.

    With ``strata`` (one label per strategy), ``x`` is shuffled only among the
    strategies of the same stratum: the test then asks whether x goes with y
    *within* the strata, with the strata's own association with x and y held
    fixed (a stratified permutation test). For fixed strata that order of
    shuffles is also the order of the partial rank correlation given the
    stratum (:func:`partial_spearman`), so the p-value is that statistic's too.
    Every arrangement is enumerated when there are no more than
    ``permutations`` of them (an exact test).
    """
    rx, ry = rank_average(x), rank_average(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    norm = math.sqrt(float(rx @ rx) * float(ry @ ry))
    if norm == 0:
        return {1: math.nan, -1: math.nan}
    observed = float(rx @ ry) / norm
    tolerance = 1e-9
    n = len(rx)
    groups = [np.arange(n)] if strata is None else _groups(strata)
    arrangements = math.prod(math.factorial(len(g)) for g in groups)
    if arrangements <= permutations:
        stats = _enumerated(rx, groups) @ ry / norm
        return {
            1: float(np.mean(stats >= observed - tolerance)),
            -1: float(np.mean(stats <= observed + tolerance)),
        }
    rng = np.random.default_rng(seed)
    above = below = done = 0
    while done < permutations:
        size = min(4096, permutations - done)
        shuffled = np.array(np.broadcast_to(rx, (size, n)))
        for g in groups:
            shuffled[:, g] = rng.permuted(shuffled[:, g], axis=1)
        stats = shuffled @ ry / norm
        above += int(np.count_nonzero(stats >= observed - tolerance))
        below += int(np.count_nonzero(stats <= observed + tolerance))
        done += size
    return {1: (1 + above) / (1 + permutations), -1: (1 + below) / (1 + permutations)}


def _groups(strata) -> list[np.ndarray]:
    labels = np.asarray(strata)
    return [np.flatnonzero(labels == value) for value in dict.fromkeys(labels.tolist())]


def _enumerated(values: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    """Every arrangement of ``values`` that permutes only within each group, one per row."""
    rows = [values.copy()]
    for g in groups:
        if len(g) < 2:
            continue
        grown = []
        for row in rows:
            for order in itertools.permutations(row[g]):
                new = row.copy()
                new[g] = order
                grown.append(new)
        rows = grown
    return np.array(rows)


def partial_spearman(x, y, z) -> float:
    """Spearman's correlation of x and y with z partialled out (NaN when undefined).

    The usual first-order partial correlation of the three rank correlations:
    (r_xy - r_xz r_yz) / sqrt((1 - r_xz^2)(1 - r_yz^2)).
    """
    rxy, rxz, ryz = spearman(x, y), spearman(x, z), spearman(y, z)
    if any(math.isnan(r) for r in (rxy, rxz, ryz)):
        return math.nan
    denominator = math.sqrt(max(0.0, (1 - rxz**2) * (1 - ryz**2)))
    return (rxy - rxz * ryz) / denominator if denominator > 1e-12 else math.nan
