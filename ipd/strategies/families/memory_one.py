"""The memory-one family: four conditional probabilities and a first move."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from ipd.core.errors import IpdError
from ipd.core.values import check_probability
from ipd.engine.random import bernoulli
from ipd.strategies.families.base import Declared, family
from ipd.strategies.registry import Behaviour, register_step, step


@njit(inline="always")
def memory_one_move(params, at, turn, own_last, opp_last, rng):
    """The move of the rule whose five probabilities start at ``params[at]``, given both
    players' last moves (not read on turn 0). The step and a team's members play it."""
    if turn == 0:
        p = params[at + 4]
    else:
        p = params[at + 2 * own_last + opp_last]
    return 0 if bernoulli(rng, p) else 1


@step
def memory_one_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (p_CC, p_CD, p_DC, p_DD, p_first): probabilities of co-operating."""
    if turn == 0:
        return memory_one_move(params, 0, 0, 0, 0, rng)
    return memory_one_move(params, 0, turn, np.int64(own[turn - 1]), np.int64(opp[turn - 1]), rng)


register_step(memory_one_step)


@family("memory_one", keys=("p", "first"))
@dataclass(frozen=True)
class MemoryOne:
    """A memory-one strategy: probabilities of co-operating.

    One compiled step plays every memory-one strategy; a builder registered
    with :func:`ipd.strategy` returns one, and user TOML files declare one with
    ``family = "memory_one"``.

    Parameters
    ----------
    cc, cd, dc, dd : float
        Probability of co-operating after the previous round was CC, CD, DC or
        DD (own move first).
    first : float
        Probability of co-operating on the first move.

    Examples
    --------
    >>> import ipd
    >>> wsls = ipd.MemoryOne(cc=1.0, cd=0.0, dc=0.0, dd=1.0)  # win-stay, lose-shift
    >>> wsls.vector
    (1.0, 0.0, 0.0, 1.0, 1.0)
    >>> wsls.behaviour().stochastic, ipd.MemoryOne(1.0, 0.1, 1.0, 0.1).behaviour().stochastic
    (False, True)
    """

    cc: float
    cd: float
    dc: float
    dd: float
    first: float = 1.0

    def __post_init__(self) -> None:
        for name in ("cc", "cd", "dc", "dd", "first"):
            object.__setattr__(self, name, check_probability(name, getattr(self, name)))

    @property
    def vector(self) -> tuple[float, float, float, float, float]:
        return (self.cc, self.cd, self.dc, self.dd, self.first)

    def behaviour(self) -> Behaviour:
        stochastic = any(0.0 < p < 1.0 for p in self.vector)
        return Behaviour(memory_one_step, np.asarray(self.vector, dtype=np.float64), stochastic)

    @classmethod
    def from_toml(cls, entry: dict) -> Declared:
        """``p = [CC, CD, DC, DD]`` and ``first`` (a probability, or "C"/"D")."""
        p = entry.get("p")
        if not isinstance(p, list) or len(p) != 4:
            raise IpdError("'p' must be a list of four probabilities [CC, CD, DC, DD]")
        first = entry.get("first", 1.0)
        if isinstance(first, str):
            first = {"C": 1.0, "D": 0.0}.get(first.upper(), first)
        shape = cls(*p, first=first)
        return Declared(shape, 0 if len(set(p)) == 1 else 1, shape.behaviour().stochastic)
