"""Cluster invasion: how much a small cluster must keep to itself to invade (Axelrod 1984, ch. 3).

Axelrod (The Evolution of Cooperation, 1984, chapter 3) asks when newcomers
of strategy A, arriving as a small cluster, can invade a population of B.
The natives are so many that they meet almost only each other and score
V(B|B); a newcomer meets its own kind in a proportion p of its interactions
and scores ``p V(A|A) + (1 - p) V(A|B)``. The cluster invades when that
beats the natives:

    p > p* = (V(B|B) - V(A|B)) / (V(A|A) - V(A|B)).

With T, R, S, P = 5, 3, 0, 1 and w = 0.9, TFT clusters invade ALLD once
p > 1/21, "about 5 percent" in Axelrod's words. The values may be totals or
per-move (normalised) values: p* is the same. When ``V(A|B) > V(B|B)`` a
single A already does better than the natives (p* = 0); when A does no
better against its own kind than against B while natives beat its score
against them, no cluster invades (p* is NaN).

:func:`cluster_invasion` shows it on a graph: clusters of A of growing size
are placed in a lattice of B and the territorial dynamics run (each player
adopts the strategy of its most successful neighbour when that one did
better; scores are means over neighbours, Axelrod's territories of chapter
8). A cluster's own proportion p is the share of its members' neighbours
that are members.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ipd.analysis.populations.graphs import Graph, lattice, make_graph
from ipd.analysis.populations.payoffs import payoff_table
from ipd.analysis.populations.settings import whole
from ipd.core.errors import IpdError


def cluster_threshold(aa: float, ab: float, bb: float) -> float:
    """The proportion p* of interactions among themselves above which a cluster of A invades B.

    ``aa``, ``ab``, ``bb`` are V(A|A), V(A|B) and V(B|B). Returns 0 when a
    lone A already beats the natives and NaN when no cluster can.

    Examples
    --------
    >>> w = 0.9  # Axelrod's example: TFT (A) against ALLD (B), totals over a match
    >>> round(cluster_threshold(3 / (1 - w), 0 + w * 1 / (1 - w), 1 / (1 - w)), 6)  # 1/21
    0.047619
    """
    aa, ab, bb = (float(x) for x in (aa, ab, bb))
    if ab > bb:
        return 0.0
    if aa <= ab:
        return float("nan")
    threshold = (bb - ab) / (aa - ab)
    return threshold if threshold < 1.0 else float("nan")


def cluster_thresholds(payoffs: pd.DataFrame) -> pd.DataFrame:
    """p* for every ordered pair of a pool (rows: the cluster's strategy, columns: the natives').

    The diagonal is NaN (a strategy does not invade itself).
    """
    labels, table = payoff_table(payoffs)
    k = len(labels)
    values = np.full((k, k), np.nan)
    for a in range(k):
        for b in range(k):
            if a != b:
                values[a, b] = cluster_threshold(table[a, a], table[a, b], table[b, b])
    return pd.DataFrame(
        values,
        index=pd.Index(labels, name="invader"),
        columns=pd.Index(labels, name="native"),
    )


def cluster(graph: Graph, size: int, centre: int | None = None) -> np.ndarray:
    """The ``size`` nodes nearest ``centre`` (breadth first, neighbours in the graph's order).

    The centre defaults to the middle cell of a lattice (node n // 2 otherwise).
    """
    size = whole("the cluster size", size, 1)
    if size > graph.n:
        raise IpdError(f"a cluster of {size} does not fit in {graph.n} nodes")
    if centre is None:
        centre = (
            (graph.shape[0] // 2) * graph.shape[1] + graph.shape[1] // 2
            if graph.shape
            else graph.n // 2
        )
    order = [centre]
    seen = {centre}
    at = 0
    while len(order) < size and at < len(order):
        for j in graph.neighbours(order[at]):
            if j not in seen:
                seen.add(j)
                order.append(j)
        at += 1
    if len(order) < size:
        raise IpdError(f"only {len(order)} nodes can be reached from node {centre}")
    return np.array(order[:size], dtype=np.int64)


def own_proportion(graph: Graph, members: np.ndarray) -> float:
    """The share of the members' neighbour slots that hold members (their p)."""
    inside = np.zeros(graph.n, dtype=bool)
    inside[members] = True
    out_ptr, out_idx = graph.csr[:2]
    own = total = 0
    for i in members:
        neighbours = out_idx[out_ptr[i] : out_ptr[i + 1]]
        own += int(inside[neighbours].sum())
        total += len(neighbours)
    return own / total


def cluster_invasion(
    payoffs: pd.DataFrame,
    invader: str,
    native: str,
    sizes: Sequence[int] = (1, 2, 3, 4, 5, 6, 8, 9, 12, 16),
    *,
    graph: Any = None,
    generations: int = 50,
) -> pd.DataFrame:
    """Clusters of ``invader`` of each size placed among ``native`` on a graph, and their fate.

    Parameters
    ----------
    payoffs : payoff table including both strategies (e.g. exact values under w).
    invader, native : the cluster's and the population's strategies.
    sizes : cluster sizes to try.
    graph : default a 21 x 21 von Neumann lattice with periodic edges.
    generations : generations of territorial dynamics.

    Returns
    -------
    DataFrame with one row per size: ``size``, ``proportion`` (the cluster's
    own p), ``threshold`` (p*), ``above_threshold``, the mean scores of the
    cluster and of the natives at the start (``invader_score``,
    ``native_score``, ``outscores_natives``: Axelrod's criterion, measured),
    ``final_count`` and ``final_share`` of the invader after the territorial
    dynamics, and ``grew`` (it ended with more cells than it started with).
    Natives next to the cluster score more than V(B|B) by exploiting it, so
    the territorial outcome can differ from the criterion near p*.
    """
    from ipd.analysis.populations.spatial import SpatialSettings, spatial

    labels, table = payoff_table(payoffs)
    for name in (invader, native):
        if name not in labels:
            raise IpdError(f"{name!r} is not in the payoff table ({', '.join(labels)})")
    if invader == native:
        raise IpdError("the invader and the natives must be different strategies")
    a, b = labels.index(invader), labels.index(native)
    pair = payoffs.iloc[[a, b], [a, b]]
    threshold = cluster_threshold(table[a, a], table[a, b], table[b, b])
    graph = lattice(21, 21, "von_neumann") if graph is None else make_graph(graph)
    graph.check_no_isolated("interaction")
    settings = SpatialSettings(
        graph=graph,
        self_interaction=False,
        scoring="mean",
        generations=whole("generations", generations, 1),
        frame_every=0,
        seed=0,
    )
    rows = []
    for size in sizes:
        members = cluster(graph, size)
        start = np.ones(graph.n, dtype=np.int64)
        start[members] = 0
        scores = _mean_scores(graph, start, pair.to_numpy(dtype=float))
        invader_score = float(scores[members].mean())
        native_score = float(scores[start == 1].mean())
        result = spatial(pair, start, settings)
        final = int(result.counts[-1, 0])
        p = own_proportion(graph, members)
        rows.append(
            {
                "size": int(size),
                "proportion": p,
                "threshold": threshold,
                "above_threshold": bool(p > threshold) if threshold == threshold else False,
                "invader_score": invader_score,
                "native_score": native_score,
                "outscores_natives": invader_score > native_score,
                "final_count": final,
                "final_share": final / graph.n,
                "grew": final > size,
            }
        )
    return pd.DataFrame(rows)


def _mean_scores(graph: Graph, types: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Each node's mean payoff against its neighbours."""
    out_ptr, out_idx = graph.csr[:2]
    rows = np.repeat(np.arange(graph.n), np.diff(out_ptr))
    values = table[types[rows], types[out_idx]]
    return np.bincount(rows, weights=values, minlength=graph.n) / np.diff(out_ptr)
