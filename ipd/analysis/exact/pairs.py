"""Which exact method solves a pair: each entrant as an automaton (data strategies) or code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.players import Player, parse_player
from ipd.core.settings import check_misperception, check_noise
from ipd.strategies.families import FiniteStateMachine, MemoryOne, fsm_step, memory_one_step
from ipd.strategies.registry import Behaviour

METHODS = ("cycle", "markov", "truncated", "simulated")
MAX_CHAIN_STATES = 4096
"""Largest joint Markov chain solved densely (4 x states of A x states of B)."""
MAX_TRUNCATED_MOVES = 20_000_000
"""Longest play used to bound a code strategy's value; beyond it w is too close to 1."""


@dataclass(frozen=True)
class Automaton:
    """A data strategy as a finite automaton with random output.

    Before move t >= 1 the strategy is in machine state ``m``; it co-operates
    with probability ``coop[m, own_last, opp_last]`` and moves to machine state
    ``next_state[m, opp_last]``. A memory-one strategy has one machine state.
    """

    n_states: int
    initial_state: int
    first_coop: float
    coop: np.ndarray  # (n_states, 2, 2)
    next_state: np.ndarray  # (n_states, 2) int

    @property
    def deterministic(self) -> bool:
        values = np.concatenate([[self.first_coop], self.coop.ravel()])
        return bool(np.all((values == 0.0) | (values == 1.0)))


@dataclass(frozen=True)
class Entrant:
    """One strategy of the pool: its label, name, engine behaviour and, if data, automaton."""

    label: str
    name: str
    behaviour: Behaviour
    automaton: Automaton | None
    memory_depth: int | None = None

    @property
    def deterministic(self) -> bool:
        if self.automaton is not None:
            return self.automaton.deterministic
        return not self.behaviour.stochastic


def automaton(behaviour: Behaviour) -> Automaton | None:
    """The automaton of a memory-one or finite-state behaviour; ``None`` for code strategies."""
    params = np.asarray(behaviour.params, dtype=np.float64)
    if behaviour.step is memory_one_step:
        coop = np.empty((1, 2, 2))
        for own in (0, 1):
            for opp in (0, 1):
                coop[0, own, opp] = params[2 * own + opp]
        return Automaton(1, 0, float(params[4]), coop, np.zeros((1, 2), dtype=np.int64))
    if behaviour.step is fsm_step:
        n = int(params[0])
        table = params[3:].reshape(n, 2, 2)  # (state, opponent's move) -> (next state, move)
        move = table[:, :, 1]
        # A machine's move ignores its own last move: copy it along that axis.
        coop = np.repeat((1.0 - move)[:, None, :], 2, axis=1)
        return Automaton(
            n, int(params[1]), 1.0 - float(params[2]), coop, table[:, :, 0].astype(np.int64)
        )
    return None


def entrants(strategies: Sequence, game: Game) -> list[Entrant]:
    """Resolve a pool: ids (``"random:p=0.3"``), players, or ``(label, strategy)`` pairs.

    A ``strategy`` in a pair is a :class:`MemoryOne`, a :class:`FiniteStateMachine`
    or an engine :class:`Behaviour`.
    """
    out = []
    for item in strategies:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
            label, obj = item
            if isinstance(obj, MemoryOne | FiniteStateMachine):
                behaviour = obj.behaviour()
            elif isinstance(obj, Behaviour):
                behaviour = obj
            else:
                raise IpdError(
                    f"strategy {label!r} must be a MemoryOne, a FiniteStateMachine or a "
                    f"Behaviour, got {type(obj).__name__}"
                )
            out.append(Entrant(label, label, behaviour, automaton(behaviour), None))
        else:
            player = item if isinstance(item, Player) else parse_player(item)
            behaviour = player.behaviour(game)
            out.append(
                Entrant(
                    player.label,
                    player.name,
                    behaviour,
                    automaton(behaviour),
                    player.info.memory_depth,
                )
            )
    labels = [e.label for e in out]
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    if duplicates:
        raise IpdError(f"strategy listed twice: {', '.join(duplicates)}")
    if not out:
        raise IpdError("give at least one strategy")
    return out


def pair_method(
    a: Entrant, b: Entrant, noise: float, misperception: float = 0.0
) -> tuple[str | None, str]:
    """How the pair (a, b) can be solved, and if it cannot, why.

    Returns ``(method, reason)``: ``method`` is ``"cycle"``, ``"markov"`` or
    ``"truncated"``, or ``None`` with ``reason`` naming the strategy at fault.
    """
    if a.automaton is not None and b.automaton is not None:
        if noise == 0.0 and misperception == 0.0 and a.deterministic and b.deterministic:
            return "cycle", ""
        return "markov", ""
    code = a if a.automaton is None else b
    other = b if code is a else a
    depth = "unbounded" if code.memory_depth is None else str(code.memory_depth)
    if not code.deterministic:
        return None, (
            f"{code.label} is a stochastic strategy written as code: its internal state is "
            "hidden, so its play is not a Markov chain ipd can solve"
        )
    if noise > 0.0:
        return None, (
            f"{code.label} is a strategy written as code (memory depth {depth}): with noise its "
            "play is random and its internal state is hidden, so there is no chain to solve"
        )
    if misperception > 0.0:
        return None, (
            f"{code.label} is a strategy written as code (memory depth {depth}): under "
            "misperception what it sees is random and its internal state is hidden, so there "
            "is no chain to solve (exact values under misperception need memory-one or "
            "state-machine strategies)"
        )
    if not other.deterministic:
        return None, (
            f"{code.label} is a strategy written as code (memory depth {depth}) and "
            f"{other.label} is stochastic: their joint play is random and {code.label}'s "
            "internal state is hidden"
        )
    return "truncated", ""


def check_exact(
    strategies: Sequence, noise: float = 0.0, game: Game | None = None, misperception: float = 0.0
) -> None:
    """Raise :class:`IpdError` unless every pair of the pool has an exact answer.

    Cheap: it classifies the strategies and plays nothing.
    """
    pool = entrants(strategies, game or Game())
    noise, misperception = check_noise(noise), check_misperception(misperception)
    for i, a in enumerate(pool):
        for b in pool[i:]:
            method, reason = pair_method(a, b, noise, misperception)
            if method is None:
                raise IpdError(no_exact_message(a, b, reason))


def no_exact_message(a: Entrant, b: Entrant, reason: str) -> str:
    return (
        f"no exact payoff for {a.label} against {b.label}: {reason}; "
        "ask for fallback='simulate' (--fallback simulate) to estimate it by simulation"
    )
