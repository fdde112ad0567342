"""Axelrod's ecological simulation: strategies grow in proportion to their success.

Axelrod (1984, The Evolution of Cooperation, chapter 2) ran the second
tournament's rules as a population: in each generation a rule's share grows
in proportion to its share times its average score against the current
population. With shares ``x`` and a payoff matrix ``V`` (row against
column), one generation is::

    fitness_i = sum_j V[i, j] * x_j
    x_i'      = x_i * fitness_i / sum_k x_k * fitness_k

This is the discrete-time replicator dynamic; it is deterministic given the
matrix, so the same tournament always tells the same ecological story.

With assortment r (like-mindedness, :mod:`ipd.analysis.assortment`) a rule
meets its own kind with probability r and a random member of the population
otherwise: ``fitness_i = r V[i, i] + (1 - r) sum_j V[i, j] x_j``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ipd.core.errors import IpdError


@dataclass(frozen=True)
class Ecology:
    """The population over generations.

    Attributes
    ----------
    shares : DataFrame, one row per generation (0 = the start), one column per strategy.
    extinctions : generation at which each strategy's share first fell below the threshold.
    threshold : the share below which a strategy counts as extinct.
    """

    shares: pd.DataFrame
    extinctions: dict[str, int]
    threshold: float
    assortment: float = 0.0

    @property
    def survivors(self) -> list[str]:
        """Strategies never extinct, largest final share first."""
        final = self.shares.iloc[-1]
        alive = [s for s in self.shares.columns if s not in self.extinctions]
        return sorted(alive, key=lambda s: -final[s])

    def _repr_html_(self) -> str:
        """For Jupyter: each strategy's first and last share and when it went extinct."""
        first, last = self.shares.iloc[0], self.shares.iloc[-1]
        rows = "".join(
            f"<tr><td>{html.escape(str(s))}</td><td>{first[s]:.3f}</td><td>{last[s]:.3f}</td>"
            f"<td>{self.extinctions.get(s, '—')}</td></tr>"
            for s in sorted(self.shares.columns, key=lambda s: -last[s])
        )
        generations = len(self.shares) - 1
        caption = (
            f"Ecological simulation, {generations} generations; extinct: share below "
            f"{self.threshold:g}; survivors: {', '.join(self.survivors) or 'none'}"
        )
        return (
            '<table class="ipd-ecology"><thead><tr><th>strategy</th><th>initial share</th>'
            "<th>final share</th><th>extinct at generation</th></tr></thead>"
            f"<tbody>{rows}</tbody><caption>{html.escape(caption)}</caption></table>"
        )

    def to_dict(self) -> dict:
        document = {
            "generations": len(self.shares) - 1,
            "threshold": self.threshold,
            "final_shares": {k: float(v) for k, v in self.shares.iloc[-1].items()},
            "extinctions": dict(self.extinctions),
            "survivors": self.survivors,
        }
        if self.assortment:
            document["assortment"] = self.assortment
        return document


def simulate(
    payoffs: pd.DataFrame,
    generations: int = 1000,
    initial: dict[str, float] | None = None,
    threshold: float = 1e-3,
    assortment: float = 0.0,
) -> Ecology:
    """Run the ecological simulation on a mean payoff matrix.

    Parameters
    ----------
    payoffs : square DataFrame, mean payoff of the row strategy against the
        column strategy (``Results.payoff_matrix()``), diagonal included.
    generations : number of generations to run.
    initial : starting shares by strategy (normalised); equal shares by default.
    threshold : a strategy whose share falls below this is reported extinct.
    assortment : the probability r that a rule meets its own kind rather than
        a random member of the population (like-mindedness).

    Returns
    -------
    Ecology
    """
    if isinstance(generations, bool) or not isinstance(generations, int) or generations < 1:
        raise IpdError(f"generations must be a whole number of at least 1, got {generations!r}")
    if not 0.0 < threshold < 1.0:
        raise IpdError(f"the extinction threshold must be in (0, 1), got {threshold!r}")
    from ipd.analysis.assortment import assorted, check_assortment

    assortment = check_assortment(assortment)
    matrix = payoffs.to_numpy(dtype=float)
    labels = [str(c) for c in payoffs.columns]
    if matrix.shape[0] != matrix.shape[1] or list(payoffs.index) != list(payoffs.columns):
        raise IpdError("the payoff matrix must be square, with the same strategies on both axes")
    if np.isnan(matrix).any():
        raise IpdError(
            "the payoff matrix has gaps (no self-play?): the ecology needs every pairing, "
            "including each strategy against its own kind"
        )
    if (matrix < 0).any():
        raise IpdError("the ecological simulation needs non-negative payoffs")
    matrix = assorted(matrix, assortment)
    n = len(labels)
    if initial is None:
        shares = np.full(n, 1.0 / n)
    else:
        unknown = set(initial) - set(labels)
        if unknown:
            raise IpdError(f"initial shares name unknown strategies: {sorted(unknown)}")
        shares = np.array([float(initial.get(s, 0.0)) for s in labels])
        if (shares < 0).any() or shares.sum() <= 0:
            raise IpdError("initial shares must be non-negative and not all zero")
        shares = shares / shares.sum()

    history = np.empty((generations + 1, n))
    history[0] = shares
    extinctions: dict[str, int] = {}
    for generation in range(1, generations + 1):
        fitness = matrix @ shares
        mean = shares @ fitness
        if mean <= 0:
            raise IpdError("the population's mean payoff fell to zero; shares are undefined")
        shares = shares * fitness / mean
        history[generation] = shares
        for k in np.flatnonzero(shares < threshold):
            extinctions.setdefault(labels[k], generation)
    for k in np.flatnonzero(history[0] < threshold):
        extinctions[labels[k]] = 0
    frame = pd.DataFrame(
        history,
        index=pd.RangeIndex(generations + 1, name="generation"),
        columns=pd.Index(labels, name="strategy"),
    )
    return Ecology(frame, extinctions, threshold, assortment)
