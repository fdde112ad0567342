"""Helpers that turn a rule into data: machines grown from a rule, and recent-move tables.

* :func:`machine` grows a :class:`~ipd.strategies.families.FiniteStateMachine`
  from a rule written over a small, hashable summary of what the rule has seen
  of its opponent. It suits rules that read only the opponent's moves and keep
  bounded counters (a grudge, a punishment left to play, the moves of an
  opening), so one compiled step (the machine family's) plays them all.
* :class:`RecentMoves` is a deterministic table over both players' last few
  moves, with a fixed opening: one compiled step plays every such rule.

Out-of-line bodies. A kernel inlines every step of its lineup, twice, into one
function, and its compile time grows faster than the code inlined into it
(measured: about 0.5 s per small step for 13 steps, 2.5 s per step for 48).
The largest named step, DBS (whose every move also costs time proportional to
the history), is therefore a thin ``@step`` wrapper around a body compiled on
its own with ``numba.njit(cache=True)`` and kept in the step's own file (so
that editing it changes the kernel's cache key): the body is compiled once per
machine and cached by numba, and a kernel only compiles a call to it. The call
costs some 40 ns per move (measured), small next to that body's own work; the
other steps stay inlined and are kept small (counters updated move by move
rather than scans of the history).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from ipd.core.errors import IpdError
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.families.base import move
from ipd.strategies.registry import Behaviour, register_step, step

Rule = Callable[[Hashable, str], tuple[Hashable, str]]

MAX_STATES = 4096


def machine(first_move: str, start: Hashable, rule: Rule) -> FiniteStateMachine:
    """The finite-state machine that plays ``rule``.

    ``rule(state, opponent_last_move) -> (next_state, move)`` is called on
    every move after the first with the state left by the previous call (at
    first ``start``) and the opponent's previous move ("C" or "D"). Only the
    states reachable from ``start`` become states of the machine (``start``
    is state 0).
    """
    order: list[Hashable] = [start]
    number = {start: 0}
    rows = []
    at = 0
    while at < len(order):
        state = order[at]
        for opp_move in "CD":
            nxt, action = rule(state, opp_move)
            if nxt not in number:
                if len(order) >= MAX_STATES:
                    raise IpdError(f"a rule's machine would have more than {MAX_STATES} states")
                number[nxt] = len(order)
                order.append(nxt)
            rows.append((at, opp_move, number[nxt], action))
        at += 1
    return FiniteStateMachine(rows, initial_state=0, first_move=first_move)


def whole_number(name: str, value: float, low: int, high: int) -> int:
    """A builder parameter that must be a whole number in [low, high]."""
    if value != int(value) or not low <= value <= high:
        raise IpdError(f"{name} must be a whole number from {low} to {high}, got {value:g}")
    return int(value)


# --------------------------------------------------------------------------- recent-move tables


@step
def recent_moves_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (k_own, k_opp, n_open, opening moves..., table of 2**(k_own + k_opp) moves).

    Before move ``n_open`` it plays the opening; afterwards it looks up the
    table at the index whose bits are its own last ``k_own`` moves then the
    opponent's last ``k_opp`` moves, oldest first (1 = D). Moves before the
    first are taken as C.
    """
    k_own = np.int64(params[0])
    k_opp = np.int64(params[1])
    n_open = np.int64(params[2])
    if turn < n_open:
        return np.int64(params[3 + turn])
    index = np.int64(0)
    for k in range(turn - k_own, turn):
        index = 2 * index + (np.int64(own[k]) if k >= 0 else 0)
    for k in range(turn - k_opp, turn):
        index = 2 * index + (np.int64(opp[k]) if k >= 0 else 0)
    return np.int64(params[3 + n_open + index])


register_step(recent_moves_step)


@dataclass(frozen=True)
class RecentMoves:
    """A deterministic rule over both players' last few moves.

    Parameters
    ----------
    k_own, k_opp : how many of its own and of the opponent's last moves it reads.
    rule : ``rule(own_window, opp_window) -> "C" or "D"``; the windows are
        strings of C and D, oldest first, padded with C before the first move.
    opening : moves played before the table is used (their number must be at
        most the number of moves the table is first used after, any number).
    """

    k_own: int
    k_opp: int
    rule: Callable[[str, str], str]
    opening: Sequence[str] = ()

    def params(self) -> np.ndarray:
        if not (0 <= self.k_own <= 6 and 0 <= self.k_opp <= 6):
            raise IpdError("a recent-moves table reads at most 6 moves of each player")
        table = []
        for index in range(2 ** (self.k_own + self.k_opp)):
            bits = format(index, f"0{self.k_own + self.k_opp}b") if self.k_own + self.k_opp else ""
            letters = "".join("CD"[int(b)] for b in bits)
            table.append(move(self.rule(letters[: self.k_own], letters[self.k_own :])))
        head = [self.k_own, self.k_opp, len(self.opening), *(move(m) for m in self.opening)]
        return np.asarray(head + table, dtype=np.float64)

    def behaviour(self) -> Behaviour:
        return Behaviour(recent_moves_step, self.params(), False)
