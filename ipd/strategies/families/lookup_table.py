"""The lookup-table family (LookerUp), and the compiled step and checks every table family shares.

A lookup table keys its move on three tuples of moves: its own last ``plays``
moves, the opponent's last ``op_plays`` moves and the opponent's first
``op_start_plays`` moves (Harper et al. 2017's LookerUp, after Martin Jones).
Until the history is long enough for every key (``max`` of the three sizes),
it plays its ``initial`` moves.

:func:`table_step` plays a table of *probabilities* of co-operating, so one
compiled step serves three families: :class:`LookupTable` (entries 0 or 1),
:class:`~ipd.strategies.families.gambler.Gambler` (any probabilities) and
:class:`~ipd.strategies.families.memory_n.MemoryN` (a Gambler keyed on the
last n rounds of both players, with probabilistic first moves).

Key order. A key is the bit string own moves (oldest first), then the
opponent's last moves (oldest first), then the opponent's opening moves
(first first), with C = 0 and D = 1; the table lists the entries in
increasing order of that binary number. This is the order in which
Axelrod-Python's published patterns are written, so its patterns are used as
they stand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numba import njit

from ipd.core.errors import IpdError
from ipd.engine.random import bernoulli
from ipd.strategies.families.base import Declared, family
from ipd.strategies.families.values import exactly, moves, size
from ipd.strategies.registry import Behaviour, register_step, step

MAX_KEY_BITS = 16
"""At most 2**16 table entries: a bound on typing mistakes, not on the engine."""

HEADER = 4
"""params = (plays, op_plays, op_start_plays, depth, initial[depth], table[2**bits])."""


@njit(inline="always")
def table_move(params, at, turn, own_bits, opp, rng):
    """The move of the table whose parameters start at ``params[at]``, given its own last
    ``plays`` moves as bits (the last move in bit 0; not read before the table's depth). The
    step and a team's members (whose own moves are their proposals) play it."""
    depth = np.int64(params[at + 3])
    if turn < depth:
        p = params[at + HEADER + turn]
    else:
        op_plays = np.int64(params[at + 1])
        op_start = np.int64(params[at + 2])
        key = own_bits
        for k in range(turn - op_plays, turn):
            key = 2 * key + np.int64(opp[k])
        for k in range(op_start):
            key = 2 * key + np.int64(opp[k])
        p = params[at + HEADER + depth + key]
    return 0 if bernoulli(rng, p) else 1


@step
def table_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (plays, op_plays, op_start_plays, depth, p_initial[depth], p_table[2**bits]).

    Every entry is a probability of co-operating; entries 0 and 1 draw nothing.
    Per turn it reads plays + op_plays + op_start_plays moves, whatever the turn.
    """
    bits = np.int64(0)
    if turn >= np.int64(params[3]):  # the depth: at least plays
        for j in range(np.int64(params[0])):
            bits |= np.int64(own[turn - 1 - j]) << j
    return table_move(params, 0, turn, bits, opp, rng)


register_step(table_step)


def table_params(plays: int, op_plays: int, op_start: int, initial, table) -> np.ndarray:
    """The parameter vector :func:`table_step` decodes."""
    depth = max(plays, op_plays, op_start)
    head = [plays, op_plays, op_start, depth]
    return np.asarray([*head, *initial, *table], dtype=np.float64)


def check_sizes(plays, op_plays, op_start) -> tuple[int, int, int]:
    """The three key sizes as whole numbers whose total is at most :data:`MAX_KEY_BITS`."""
    sizes = (
        size(plays, "plays", 0, MAX_KEY_BITS),
        size(op_plays, "op_plays", 0, MAX_KEY_BITS),
        size(op_start, "op_start_plays", 0, MAX_KEY_BITS),
    )
    if sum(sizes) > MAX_KEY_BITS:
        raise IpdError(
            f"plays + op_plays + op_start_plays must be at most {MAX_KEY_BITS}, got {sum(sizes)}"
        )
    return sizes


def table_memory_depth(plays: int, op_plays: int, op_start: int) -> int | None:
    """An upper bound on the rounds a table looks back: unbounded if it reads openings."""
    return None if op_start else max(plays, op_plays)


TABLE_KEYS = ("plays", "op_plays", "op_start_plays", "table", "initial")
"""The TOML keys of a table family."""


class TableFamily:
    """What the table families share: their checks, memory depth and reading from TOML.

    A subclass is a frozen dataclass with the fields of :data:`TABLE_KEYS` and a
    ``stochastic`` property; ``_entries(value, what)`` reads its table and initial
    entries, and ``_first`` is the initial entry of every turn when none are given.
    """

    _entries: ClassVar[Callable[[Any, str], tuple]]
    _first: ClassVar[float]

    def __post_init__(self) -> None:
        plays, op_plays, op_start = check_sizes(self.plays, self.op_plays, self.op_start_plays)
        object.__setattr__(self, "plays", plays)
        object.__setattr__(self, "op_plays", op_plays)
        object.__setattr__(self, "op_start_plays", op_start)
        bits = plays + op_plays + op_start
        why = f"2^{bits} keys for plays={plays}, op_plays={op_plays}, op_start_plays={op_start}"
        table = exactly(self._entries(self.table, "table"), 2**bits, "table", why)
        object.__setattr__(self, "table", table)
        depth = max(plays, op_plays, op_start)
        given = self.initial
        initial = (self._first,) * depth if given is None else self._entries(given, "initial")
        why = f"one per turn before the table applies, max({plays}, {op_plays}, {op_start})"
        object.__setattr__(self, "initial", exactly(initial, depth, "initial", why))

    @property
    def memory_depth(self) -> int | None:
        return table_memory_depth(self.plays, self.op_plays, self.op_start_plays)

    @classmethod
    def from_toml(cls, entry: dict) -> Declared:
        """``plays``, ``op_plays``, ``op_start_plays`` (default 0), ``table``, ``initial``."""
        shape = cls(
            entry.get("plays", 0),
            entry.get("op_plays", 0),
            entry.get("op_start_plays", 0),
            entry.get("table", ()),
            initial=entry.get("initial"),
        )
        return Declared(shape, shape.memory_depth, shape.stochastic)


@family("lookup_table", keys=TABLE_KEYS)
@dataclass(frozen=True)
class LookupTable(TableFamily):
    """A deterministic lookup table (LookerUp).

    Parameters
    ----------
    plays, op_plays, op_start_plays : how many of its own last moves, of the
        opponent's last moves and of the opponent's first moves key the table.
    table : ``2 ** (plays + op_plays + op_start_plays)`` moves, as a string
        such as ``"CDDC"`` or a list, in the key order of the module docstring.
    initial : the moves played before the table applies, one for each of the
        first ``max(plays, op_plays, op_start_plays)`` turns (all C if omitted).
    """

    plays: int
    op_plays: int
    op_start_plays: int
    table: str | tuple
    initial: str | tuple | None = None

    _entries = staticmethod(moves)
    _first = 0

    @property
    def stochastic(self) -> bool:
        return False

    def behaviour(self) -> Behaviour:
        cooperate = [1.0 - m for m in self.table]  # a move 0 (C) is certain co-operation
        first = [1.0 - m for m in self.initial]
        params = table_params(self.plays, self.op_plays, self.op_start_plays, first, cooperate)
        return Behaviour(table_step, params, False)
