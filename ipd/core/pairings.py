"""Who meets whom: pairings of entrants as data.

A pairing is a row of two entrant indices ``(row, column)``; the row player
is the one whose view the counters take. ``(i, i)`` is entrant i against its
own twin (self-play). The engine plays any list of pairings; a round robin is
just the default one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ipd.core.errors import IpdError


def round_robin(n: int, self_play: bool = True) -> np.ndarray:
    """Every entrant against every other once (row <= column), and its twin with self-play."""
    return np.array(
        [(i, j) for i in range(n) for j in range(i if self_play else i + 1, n)],
        dtype=np.int64,
    ).reshape(-1, 2)


def check_pairings(pairings: Any, labels: Sequence[str]) -> np.ndarray:
    """Pairings as an ``(n_pairs, 2)`` int64 array, checked against the entrants.

    ``pairings`` is a sequence of ``(row, column)`` pairs of entrant indices
    or labels, or a networkx graph whose nodes are entrant indices or labels
    (each edge a pairing, a self-loop a twin match). Every entrant must play
    at least once, and no two entrants may meet twice (in either order: a
    pairing's random streams depend on who meets whom).
    """
    if hasattr(pairings, "edges") and hasattr(pairings, "nodes"):
        pairings = list(pairings.edges())
    index = {label: k for k, label in enumerate(labels)}
    rows = []
    for pair in pairings:
        try:
            a, b = pair
        except (TypeError, ValueError):
            raise IpdError(f"a pairing is two entrants (row, column), got {pair!r}") from None
        rows.append((_entrant(a, index, len(labels)), _entrant(b, index, len(labels))))
    if not rows:
        raise IpdError("a tournament needs at least one pairing")
    seen: dict[frozenset, tuple[int, int]] = {}
    for a, b in rows:
        key = frozenset((a, b))
        if key in seen:
            raise IpdError(f"{labels[a]} and {labels[b]} are paired twice")
        seen[key] = (a, b)
    playing = {k for pair in rows for k in pair}
    idle = [labels[k] for k in range(len(labels)) if k not in playing]
    if idle:
        raise IpdError(f"entrant(s) with no pairing: {', '.join(idle)}")
    return np.asarray(rows, dtype=np.int64).reshape(-1, 2)


def _entrant(value: Any, index: dict[str, int], n: int) -> int:
    if isinstance(value, str):
        if value not in index:
            raise IpdError(f"{value!r} in a pairing is not an entrant ({', '.join(index)})")
        return index[value]
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or not 0 <= value < n:
        raise IpdError(f"a pairing names entrant {value!r}; entrants are 0..{n - 1} or labels")
    return int(value)


def opponents(pairs: np.ndarray, n: int) -> np.ndarray:
    """How many pairings each entrant plays (its twin match counts once)."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    counts = np.bincount(pairs[:, 0], minlength=n)
    others = pairs[:, 0] != pairs[:, 1]
    return counts + np.bincount(pairs[others, 1], minlength=n)


def population(counts: dict[str, int] | Iterable[tuple[str, int]]) -> list[str]:
    """Entrant labels for copies of strategies: ``{"tft": 2, "alld": 1}`` -> tft#1, tft#2, alld#1.

    Each copy is a separate entrant with its own random streams; pass the
    labels to :class:`ipd.Tournament`.

    Parameters
    ----------
    counts : dict or iterable of (str, int)
        How many copies of each strategy (an id, with parameters if any).

    Returns
    -------
    list of str
        One label per copy, numbered from 1.

    Examples
    --------
    >>> import ipd
    >>> ipd.population({"tft": 2, "random:p=0.3": 1})
    ['tft#1', 'tft#2', 'random:p=0.3#1']
    """
    items = counts.items() if isinstance(counts, dict) else counts
    out = []
    for strategy, count in items:
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise IpdError(f"the number of copies of {strategy} must be >= 1, got {count!r}")
        out += [f"{strategy}#{k}" for k in range(1, count + 1)]
    return out
