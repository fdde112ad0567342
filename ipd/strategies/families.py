"""Generic strategy families played from data by one compiled step each.

* :class:`MemoryOne`: four conditional probabilities of co-operating after
  CC, CD, DC, DD (own move first) and the probability of co-operating first.
* :class:`FiniteStateMachine`: a transition table ``(state, opponent's last
  move) -> (next state, move)``, an initial state and a first move.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.random import bernoulli
from ..errors import IpdError
from ..game import C, D
from .registry import Behaviour, register_step, step


@step
def memory_one_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (p_CC, p_CD, p_DC, p_DD, p_first): probabilities of co-operating."""
    if turn == 0:
        p = params[4]
    else:
        p = params[2 * own[turn - 1] + opp[turn - 1]]
    return 0 if bernoulli(rng, p) else 1


@step
def fsm_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (n_states, initial_state, first_move, then per (state, opp move): next, move).

    memory[0] holds the current state.
    """
    if turn == 0:
        memory[0] = params[1]
        return np.int64(params[2])
    row = 3 + 4 * np.int64(memory[0]) + 2 * opp[turn - 1]
    memory[0] = params[row]
    return np.int64(params[row + 1])


register_step(memory_one_step)
register_step(fsm_step)


def _probability(name: str, value: float) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise IpdError(f"{name} must be a probability, got {value!r}") from None
    if not 0.0 <= value <= 1.0:
        raise IpdError(f"{name} must be a probability in [0, 1], got {value:g}")
    return value


@dataclass(frozen=True)
class MemoryOne:
    """A memory-one strategy: probabilities of co-operating.

    Parameters
    ----------
    cc, cd, dc, dd : probability of co-operating after the previous round was
        CC, CD, DC or DD (own move first).
    first : probability of co-operating on the first move.
    """

    cc: float
    cd: float
    dc: float
    dd: float
    first: float = 1.0

    def __post_init__(self) -> None:
        for name in ("cc", "cd", "dc", "dd", "first"):
            object.__setattr__(self, name, _probability(name, getattr(self, name)))

    @property
    def vector(self) -> tuple[float, float, float, float, float]:
        return (self.cc, self.cd, self.dc, self.dd, self.first)

    def behaviour(self) -> Behaviour:
        stochastic = any(0.0 < p < 1.0 for p in self.vector)
        return Behaviour(memory_one_step, np.asarray(self.vector, dtype=np.float64), stochastic)


def _move(value) -> int:
    if isinstance(value, str) and value.upper() in ("C", "D"):
        return C if value.upper() == "C" else D
    if value in (0, 1) and not isinstance(value, bool):
        return int(value)
    raise IpdError(f"a move must be 'C' or 'D', got {value!r}")


def _state(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise IpdError(f"a state must be a whole number, got {value!r}")
    return int(value)


@dataclass(frozen=True)
class FiniteStateMachine:
    """A deterministic finite-state machine.

    Parameters
    ----------
    transitions : rows ``(state, opponent's last move, next state, move)``, one
        for every state and both opponent moves. Moves are ``"C"``/``"D"``.
    initial_state : the state before the first move.
    first_move : the move played on the first turn.
    """

    transitions: tuple[tuple[int, str, int, str], ...]
    initial_state: int = 0
    first_move: str = "C"

    def __post_init__(self) -> None:
        rows = tuple(tuple(row) for row in self.transitions)
        object.__setattr__(self, "transitions", rows)
        self.table()  # validate now, not at play time
        _move(self.first_move)

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
            _state(row[0])
            _state(row[2])
        states = sorted({_state(r[0]) for r in rows})
        if states != list(range(len(states))):
            raise IpdError(f"states must be numbered 0..n-1, got {states}")
        n = len(states)
        table = np.full((n, 2, 2), -1.0)
        for state, opp_move, nxt, move in rows:
            state, nxt = _state(state), _state(nxt)
            if not 0 <= nxt < n:
                raise IpdError(f"transition from state {state} goes to unknown state {nxt}")
            slot = table[state, _move(opp_move)]
            if slot[0] >= 0:
                raise IpdError(f"state {state} has two transitions for opponent move {opp_move}")
            slot[:] = (nxt, _move(move))
        missing = np.argwhere(table[:, :, 0] < 0)
        if len(missing):
            state, m = missing[0]
            raise IpdError(f"state {state} has no transition for opponent move {'CD'[m]}")
        if not 0 <= _state(self.initial_state) < n:
            raise IpdError(f"initial state {self.initial_state} is not one of 0..{n - 1}")
        return table

    def behaviour(self) -> Behaviour:
        table = self.table()
        head = [len(table), _state(self.initial_state), _move(self.first_move)]
        params = np.concatenate([np.asarray(head, dtype=np.float64), table.reshape(-1)])
        return Behaviour(fsm_step, params, False)
