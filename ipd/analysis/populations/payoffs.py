"""Where a population's payoffs come from: a table between strategies, or matches played anew.

Two sources:

* a **payoff table**: the expected payoff per move of each strategy against
  each (a tournament's :meth:`~ipd.core.results.Results.payoff_matrix`, or
  :func:`ipd.analysis.exact.exact_payoffs` under a continuation probability
  w). An individual's payoff is then the mean of the table's entries against
  its neighbours: fast, for large populations and many runs;
* :class:`Matches`: real matches between neighbouring individuals, played by
  the compiled engine every generation, so noise and stochastic strategies
  make each generation's payoffs random (as in Axelrod-Python's
  ``MoranProcess``).

The match between individuals i < j in generation g of run r is the
engine's match (row ``b N + i``, column ``b N + j``, repetition 0) under the
seed ``match_key(seed, tag, r // B, g)``, where ``b = r % B``: the runs of
a batch of B consecutive runs play each generation's matches in one call of
the engine, yet every match is fixed by the seed and its place in the
process alone, whatever else is computed alongside. Two
deterministic strategies without noise and with fixed lengths always play
the same match, so such pairs are played once per strategy pair and reused
(bit-identical to playing them again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ipd.core.errors import IpdError
from ipd.core.players import parse_player
from ipd.core.settings import Settings


def payoff_table(payoffs: Any) -> tuple[list[str], np.ndarray]:
    """The labels and the ``(k, k)`` array of a square payoff table, checked."""
    if not isinstance(payoffs, pd.DataFrame):
        raise IpdError(
            "payoffs must be a square DataFrame of payoffs (row strategy against column), "
            f"got {type(payoffs).__name__}"
        )
    labels = [str(c) for c in payoffs.columns]
    if payoffs.shape[0] != payoffs.shape[1] or [str(i) for i in payoffs.index] != labels:
        raise IpdError("the payoff table must be square, with the same strategies on both axes")
    if len(set(labels)) != len(labels):
        raise IpdError("the payoff table names a strategy twice")
    try:
        values = payoffs.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise IpdError("the payoff table must hold numbers") from None
    if not np.isfinite(values).all():
        raise IpdError(
            "the payoff table has gaps (NaN): every strategy needs a payoff against every "
            "strategy, its own kind included (play the tournament with self-play)"
        )
    return labels, np.ascontiguousarray(values)


def tournament_payoffs(
    strategies: Sequence[str], settings: Settings | None = None, **overrides: Any
) -> pd.DataFrame:
    """The payoff table of a tournament among ``strategies`` (self-play on: the diagonal)."""
    from ipd.core.tournament import Tournament

    settings = (settings or Settings()).updated(**overrides)
    if not settings.self_play:
        raise IpdError("a population's payoff table needs self-play (each against its own kind)")
    return Tournament(list(strategies), settings).play().payoff_matrix()


@dataclass(frozen=True)
class Matches:
    """Payoffs from real matches, played by the engine between neighbours every generation.

    Parameters
    ----------
    strategies : the strategies of the population (ids, with parameters).
    settings : how matches are played: ``turns`` (or ``continuation``),
        ``discount``, ``noise``, ``misperception``, ``payoffs`` and ``reveal_length`` of a
        :class:`~ipd.core.settings.Settings`. The population's own seed
        fixes the matches.
    """

    strategies: tuple[str, ...]
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        strategies = tuple(str(s) for s in self.strategies)
        object.__setattr__(self, "strategies", strategies)
        if not strategies:
            raise IpdError("give at least one strategy")
        players = [parse_player(s) for s in strategies]
        labels = [p.label for p in players]
        duplicates = sorted({x for x in labels if labels.count(x) > 1})
        if duplicates:
            raise IpdError(f"strategy listed twice: {', '.join(duplicates)}")
        if self.settings.lengths is not None:
            raise IpdError(
                "matches in a population have one length (turns) or a continuation "
                "probability, not a list of lengths"
            )

    @property
    def labels(self) -> list[str]:
        return [parse_player(s).label for s in self.strategies]

    def to_config(self) -> dict[str, Any]:
        keys = ("turns", "continuation", "discount", "noise", "payoffs", "reveal_length")
        config = self.settings.to_config()
        out = {"strategies": self.labels, **{k: config[k] for k in keys}}
        if self.settings.misperception:
            out["misperception"] = self.settings.misperception
        return out


class MatchPlay:
    """Plays one population's matches: the engine for random pairs, a table for the rest."""

    def __init__(self, matches: Matches, edges: np.ndarray) -> None:
        from ipd.engine import api

        s = matches.settings
        self.settings = s
        players = [parse_player(x) for x in matches.strategies]
        self.behaviours = [p.behaviour(s.payoffs) for p in players]
        # One kernel and parameter layout for every generation: entrants copy these.
        self.line = api.lineup(self.behaviours, misperceive=s.misperception > 0.0)
        k = len(players)
        self.stochastic = np.array([b.stochastic for b in self.behaviours])
        fixed_play = s.noise == 0.0 and s.misperception == 0.0 and s.continuation is None
        self.fixed_play = fixed_play
        self.cached = (~self.stochastic[:, None] & ~self.stochastic[None, :]) & fixed_play
        self.table = np.full((k, k), np.nan)
        self.turns_played = 0
        if self.cached.any():
            pairs = np.array([(a, b) for a in range(k) for b in range(a, k)], dtype=np.int64)
            pairs = pairs[self.cached[pairs[:, 0], pairs[:, 1]]]
            totals = self._play(np.arange(k), pairs, 0)
            for (a, b), (va, vb) in zip(pairs, totals.pair_rate_shift, strict=True):
                if a == b:
                    self.table[a, a] = 0.5 * (va + vb)
                else:
                    self.table[a, b], self.table[b, a] = va, vb
        self.edges = np.ascontiguousarray(edges, dtype=np.int64).reshape(-1, 2)
        self.loops = self.edges[:, 0] == self.edges[:, 1]

    @property
    def all_cached(self) -> bool:
        return bool(self.cached.all())

    def _play(self, types: np.ndarray, pairs: np.ndarray, seed: int):
        """Play ``pairs`` of entrants, entrant e a copy of strategy ``types[e]``."""
        from ipd.engine import api

        s = self.settings
        totals = api.play_lineup(
            api.copies(self.line, types),
            self.stochastic[types],
            pairs,
            rep_lengths=np.array([s.turns], dtype=np.int64),
            seed=int(seed),
            counters=False,  # the scores are all a population needs
            **s.engine_args(),
        )
        from ipd.engine.layout import TURNS

        self.turns_played += int(totals.pair_counts[:, TURNS].sum())
        return totals

    def edge_scores(self, types: np.ndarray, seed: int, wanted: np.ndarray | None = None):
        """Score per move of both sides of every edge's match (``wanted``: only those edges).

        A self-loop (an individual against its twin) gets the mean of both sides.
        """
        return self.batch_scores([(0, types, wanted)], seed)[0]

    def batch_scores(self, runs: list[tuple[int, np.ndarray, np.ndarray | None]], seed: int):
        """:meth:`edge_scores` of several populations at once, in one call of the engine.

        Each of ``runs`` is ``(slot, types, wanted)``: population ``slot``'s
        individual i is the engine's entrant ``slot * n + i``, so its matches
        do not depend on which other populations share the call. The matches
        to play are found for all the populations at once.
        """
        n = len(runs[0][1])
        slots = np.array([slot for slot, _, _ in runs], dtype=np.int64)
        types = np.stack([t for _, t, _ in runs])
        want = np.ones((len(runs), len(self.edges)), dtype=bool)
        for r, (_, _, wanted) in enumerate(runs):
            if wanted is not None:
                want[r] = wanted
        ta, tb = types[:, self.edges[:, 0]], types[:, self.edges[:, 1]]
        scores = np.empty((*ta.shape, 2))
        scores[..., 0] = self.table[ta, tb]
        scores[..., 1] = self.table[tb, ta]
        run, edge = np.nonzero(want & ~self.cached[ta, tb])
        if len(run):
            entrants = np.zeros((int(slots.max()) + 1) * n, dtype=np.int64)
            entrants[(slots[:, None] * n + np.arange(n)).reshape(-1)] = types.reshape(-1)
            pairs = self.edges[edge] + (slots[run] * n)[:, None]
            values = self._play(entrants, pairs, seed).pair_rate_shift
            loops = self.loops[edge]
            if loops.any():
                values[loops] = values[loops].mean(axis=1, keepdims=True)
            scores[run, edge] = values
        return [
            scores[r] if wanted is None else scores[r][wanted]
            for r, (_, _, wanted) in enumerate(runs)
        ]


def slot_map(indptr: np.ndarray, indices: np.ndarray, edges: np.ndarray):
    """For each neighbour slot (i, j) of a graph: the edge index of {i, j} and i's side of it."""
    position = {(int(a), int(b)): e for e, (a, b) in enumerate(edges)}
    n = len(indptr) - 1
    rows = np.repeat(np.arange(n), np.diff(indptr))
    slot_edge = np.empty(len(indices), dtype=np.int64)
    slot_side = np.empty(len(indices), dtype=np.int64)
    for s, (i, j) in enumerate(zip(rows.tolist(), indices.tolist(), strict=True)):
        if i <= j:
            slot_edge[s], slot_side[s] = position[(i, j)], 0
        else:
            slot_edge[s], slot_side[s] = position[(j, i)], 1
    return slot_edge, slot_side


def generation_seed(seed: int, tag: int, batch: int, generation: int) -> int:
    """The engine seed of one generation's matches (see the module notes)."""
    from ipd.analysis.populations._kernels import generation_key

    return int(generation_key(int(seed), int(tag), int(batch), int(generation)))
