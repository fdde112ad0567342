"""The finite-state-machine family: a deterministic transition table."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from numba import njit

from ipd.core.errors import IpdError
from ipd.strategies.families.base import Declared, family, move, whole
from ipd.strategies.registry import Behaviour, register_step, step


@njit(inline="always")
def fsm_move(params, at, memory, slot, turn, opp_last):
    """The move of the machine whose parameters start at ``params[at]``, its state kept in
    ``memory[slot]``, given the opponent's last move (not read on turn 0). The step and a
    team's members play it."""
    if turn == 0:
        memory[slot] = params[at + 1]
        return np.int64(params[at + 2])
    row = at + 3 + 4 * np.int64(memory[slot]) + 2 * opp_last
    memory[slot] = params[row]
    return np.int64(params[row + 1])


@step
def fsm_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (n_states, initial_state, first_move, then per (state, opp move): next, move).

    memory[0] holds the current state.
    """
    if turn == 0:  # read nothing: reading opp[max(turn - 1, 0)] made the step 1.6x slower
        return fsm_move(params, 0, memory, 0, 0, 0)
    return fsm_move(params, 0, memory, 0, turn, np.int64(opp[turn - 1]))


register_step(fsm_step)

_ROW = re.compile(r"(\d+)([CD])(\d+)([CD])")


@family("fsm", keys=("initial_state", "first_move", "transitions"))
@dataclass(frozen=True)
class FiniteStateMachine:
    """A deterministic finite-state machine.

    One compiled step plays every machine; user TOML files declare one with
    ``family = "fsm"``.

    Parameters
    ----------
    transitions : sequence of (int, str, int, str)
        Rows ``(state, opponent's last move, next state, move)``, one for every
        state and both opponent moves. Moves are ``"C"``/``"D"``; states are
        numbered from 0.
    initial_state : int
        The state before the first move.
    first_move : str
        The move played on the first turn.

    Examples
    --------
    >>> import ipd
    >>> tft = ipd.FiniteStateMachine(
    ...     [(0, "C", 0, "C"), (0, "D", 1, "D"), (1, "C", 0, "C"), (1, "D", 1, "D")]
    ... )
    >>> tft.table().shape  # states x opponent's move x (next state, move)
    (2, 2, 2)
    >>> ipd.FiniteStateMachine([(0, "C", 0, "C")])
    Traceback (most recent call last):
    ...
    ipd.core.errors.IpdError: state 0 has no transition for opponent move D
    """

    transitions: tuple[tuple[int, str, int, str], ...]
    initial_state: int = 0
    first_move: str = "C"

    def __post_init__(self) -> None:
        rows = tuple(tuple(row) for row in self.transitions)
        object.__setattr__(self, "transitions", rows)
        self.table()  # validate now, not at play time
        move(self.first_move)

    def table(self) -> np.ndarray:
        rows = self.transitions
        if not rows:
            raise IpdError("a finite-state machine needs at least one transition")
        for row in rows:
            if len(row) != 4:
                raise IpdError(
                    f"transition {list(row)} must have 4 entries: state, opponent move, "
                    "next state, move"
                )
        for row in rows:
            whole(row[0])
            whole(row[2])
        states = sorted({whole(r[0]) for r in rows})
        if states != list(range(len(states))):
            raise IpdError(f"states must be numbered 0..n-1, got {states}")
        n = len(states)
        table = np.full((n, 2, 2), -1.0)
        for state, opp_move, nxt, action in rows:
            state, nxt = whole(state), whole(nxt)
            if not 0 <= nxt < n:
                raise IpdError(f"transition from state {state} goes to unknown state {nxt}")
            slot = table[state, move(opp_move)]
            if slot[0] >= 0:
                raise IpdError(f"state {state} has two transitions for opponent move {opp_move}")
            slot[:] = (nxt, move(action))
        missing = np.argwhere(table[:, :, 0] < 0)
        if len(missing):
            state, m = missing[0]
            raise IpdError(f"state {state} has no transition for opponent move {'CD'[m]}")
        if not 0 <= whole(self.initial_state) < n:
            raise IpdError(f"initial state {self.initial_state} is not one of 0..{n - 1}")
        return table

    def behaviour(self) -> Behaviour:
        table = self.table()
        head = [len(table), whole(self.initial_state), move(self.first_move)]
        params = np.concatenate([np.asarray(head, dtype=np.float64), table.reshape(-1)])
        return Behaviour(fsm_step, params, False)

    @classmethod
    def from_rows(cls, rows: str, initial_state: int, first_move: str) -> FiniteStateMachine:
        """A machine from compact rows ``"1C2D 1D1D ..."`` (in state 1, after the opponent's C,
        go to state 2 and play D) in any state labels, renumbered 0..n-1 in increasing order
        (labels with no transitions are dropped; the behaviour is unchanged)."""
        parsed = _ROW.findall(rows)
        if len(parsed) != len(rows.split()):
            raise IpdError(f"cannot read machine rows {rows!r}")
        labels = sorted({int(r[0]) for r in parsed})
        number = {label: k for k, label in enumerate(labels)}
        transitions = [(number[int(a)], o, number[int(b)], m) for a, o, b, m in parsed]
        return cls(transitions, initial_state=number[initial_state], first_move=first_move)

    @classmethod
    def from_toml(cls, entry: dict) -> Declared:
        """``transitions`` rows, ``initial_state`` and ``first_move``."""
        shape = cls(
            entry.get("transitions", []),
            initial_state=entry.get("initial_state", 0),
            first_move=entry.get("first_move", "C"),
        )
        return Declared(shape, None, False)
