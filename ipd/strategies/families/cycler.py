"""The cycler family: a fixed sequence of moves played over and over, whatever the opponent does."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from ipd.core.errors import IpdError
from ipd.strategies.families.base import Declared, family
from ipd.strategies.families.values import moves
from ipd.strategies.registry import Behaviour, register_step, step

MAX_CYCLE = 4096


@njit(inline="always")
def cycler_move(params, at, turn):
    """The move on ``turn`` of the cycle whose parameters start at ``params[at]``. The step
    and a team's members play it."""
    return np.int64(params[at + 1 + turn % np.int64(params[at])])


@step
def cycler_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (n, move_0, ..., move_{n-1}): on turn t it plays move_{t mod n}."""
    return cycler_move(params, 0, turn)


register_step(cycler_step)


@family("cycler", keys=("cycle",))
@dataclass(frozen=True)
class Cycler:
    """Plays ``cycle`` (a string such as ``"CCD"`` or a list of moves) repeatedly.

    The move depends on the turn number alone, not on the history (so noise
    that flips one of its moves does not shift the cycle).
    """

    cycle: str | tuple

    def __post_init__(self) -> None:
        cycle = moves(self.cycle, "cycle")
        if not 1 <= len(cycle) <= MAX_CYCLE:
            raise IpdError(f"cycle must have 1 to {MAX_CYCLE} moves, got {len(cycle)}")
        object.__setattr__(self, "cycle", cycle)

    @property
    def memory_depth(self) -> int | None:
        # A constant cycle ignores everything; any other one counts turns.
        return 0 if len(set(self.cycle)) == 1 else None

    def behaviour(self) -> Behaviour:
        params = np.asarray([len(self.cycle), *self.cycle], dtype=np.float64)
        return Behaviour(cycler_step, params, False)

    @classmethod
    def from_toml(cls, entry: dict) -> Declared:
        """``cycle = "CCD"``."""
        shape = cls(entry.get("cycle", ""))
        return Declared(shape, shape.memory_depth, False)
