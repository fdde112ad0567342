"""The hidden-Markov-model family: a stochastic finite-state machine.

Harper et al. (2017)'s HMM player: hidden states, one transition matrix for
each of the opponent's moves, and in each state a probability of
co-operating. It plays ``initial_action`` first; on every later turn it moves
to a state drawn from the row of its current state in the matrix of the
opponent's last move, then co-operates with that state's probability.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ipd.core.errors import IpdError
from ipd.engine.random import bernoulli, uniform
from ipd.strategies.families.base import Declared, family, move, whole
from ipd.strategies.families.values import probabilities, stochastic
from ipd.strategies.registry import Behaviour, register_step, step

ROW_TOLERANCE = 1e-8
"""How far from 1 a row of a transition matrix may sum."""

MAX_STATES = 64


@step
def hmm_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (n, initial_state, initial_move, T_C[n][n], T_D[n][n], emissions[n]).

    memory[0] holds the current state. A row holding a 1 moves there without a
    draw; otherwise one uniform u picks the first state whose cumulative
    probability exceeds u (the last state of positive probability if rounding
    leaves u above the row's sum).
    """
    if turn == 0:
        memory[0] = params[1]
        return np.int64(params[2])
    n = np.int64(params[0])
    row = 3 + np.int64(opp[turn - 1]) * n * n + np.int64(memory[0]) * n
    nxt = np.int64(-1)
    for j in range(n):
        if params[row + j] >= 1.0:
            nxt = j
            break
    if nxt < 0:
        u = uniform(rng)
        total = 0.0
        last = np.int64(0)
        for j in range(n):
            p = params[row + j]
            if p > 0.0:
                last = j
                total += p
                if u < total:
                    nxt = j
                    break
        if nxt < 0:
            nxt = last
    memory[0] = nxt
    return 0 if bernoulli(rng, params[3 + 2 * n * n + nxt]) else 1


register_step(hmm_step)


def _matrix(value, n: int, what: str) -> tuple[tuple[float, ...], ...]:
    if not isinstance(value, list | tuple) or len(value) != n:
        raise IpdError(f"{what} must be a list of {n} rows (one per state)")
    rows = []
    for i, row in enumerate(value):
        row = probabilities(row, f"{what}[{i}]")
        if len(row) != n:
            raise IpdError(f"{what}[{i}] must have {n} entries (one per state), got {len(row)}")
        if not math.isclose(sum(row), 1.0, rel_tol=0.0, abs_tol=ROW_TOLERANCE):
            raise IpdError(f"{what}[{i}] must sum to 1, got {sum(row):.10g}")
        rows.append(row)
    return tuple(rows)


@family(
    "hmm", keys=("transitions_c", "transitions_d", "emissions", "initial_state", "initial_action")
)
@dataclass(frozen=True)
class HiddenMarkovModel:
    """A hidden Markov model player.

    Parameters
    ----------
    transitions_c, transitions_d : n x n stochastic matrices: row i gives the
        probabilities of moving from state i to each state after the opponent
        played C (respectively D).
    emissions : n probabilities of co-operating, one per state.
    initial_state : the state before the first transition.
    initial_action : the first move, ``"C"`` or ``"D"``.
    """

    transitions_c: tuple
    transitions_d: tuple
    emissions: tuple
    initial_state: int = 0
    initial_action: str = "C"

    def __post_init__(self) -> None:
        emissions = probabilities(self.emissions, "emissions")
        n = len(emissions)
        if not 1 <= n <= MAX_STATES:
            raise IpdError(f"emissions must have 1 to {MAX_STATES} entries (one per state)")
        object.__setattr__(self, "emissions", emissions)
        object.__setattr__(self, "transitions_c", _matrix(self.transitions_c, n, "transitions_c"))
        object.__setattr__(self, "transitions_d", _matrix(self.transitions_d, n, "transitions_d"))
        state = whole(self.initial_state, "initial_state")
        if not 0 <= state < n:
            raise IpdError(f"initial state {state} is not one of 0..{n - 1}")
        object.__setattr__(self, "initial_state", state)
        move(self.initial_action)

    @property
    def n_states(self) -> int:
        return len(self.emissions)

    @property
    def stochastic(self) -> bool:
        rows = (*self.transitions_c, *self.transitions_d)
        return stochastic(self.emissions) or any(stochastic(row) for row in rows)

    @property
    def memory_depth(self) -> int | None:
        # One state: every move after the first is the same draw.
        return 1 if self.n_states == 1 else None

    def behaviour(self) -> Behaviour:
        head = [self.n_states, self.initial_state, move(self.initial_action)]
        flat = [p for m in (self.transitions_c, self.transitions_d) for row in m for p in row]
        params = np.asarray([*head, *flat, *self.emissions], dtype=np.float64)
        return Behaviour(hmm_step, params, self.stochastic)

    @classmethod
    def from_toml(cls, entry: dict) -> Declared:
        """``transitions_c``, ``transitions_d``, ``emissions``, ``initial_state``,
        ``initial_action``."""
        shape = cls(
            entry.get("transitions_c", []),
            entry.get("transitions_d", []),
            entry.get("emissions", []),
            initial_state=entry.get("initial_state", 0),
            initial_action=entry.get("initial_action", "C"),
        )
        return Declared(shape, shape.memory_depth, shape.stochastic)
