"""Hunters: rules that look for a recognisable kind of opponent and exploit it.

The defector, co-operator and alternator hunters are finite-state machines;
the cycle hunters, Calculator, the mathematical-constant hunter and the
random hunter are compiled steps. The cycle tests share two helpers: move by
move, ``_track_periods`` keeps (as bits) the periods from 1 to 12 that the
opponent's moves still repeat, and ``_smallest_period`` picks the smallest one
that the moves so far repeat at least twice.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ipd.core.game import Game
from ipd.engine.random import bernoulli
from ipd.strategies import catalogue
from ipd.strategies.builtin._builders import machine
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.registry import step

TAGS = ("hunters",)


def _all_same_hunter(target: str) -> FiniteStateMachine:
    """Co-operate, but from the fifth move on defect while the opponent has played
    only ``target`` so far."""

    def rule(state, last):
        turn, only = state
        only = only and last == target
        return (min(turn + 1, 4), only), "D" if turn >= 4 and only else "C"

    return machine("C", (1, True), rule)


def alternator_hunter(game: Game) -> FiniteStateMachine:
    def rule(state, last):
        turn, alternating, before = state
        if 2 <= turn <= 6:
            alternating = alternating and last != before
        action = "D" if turn >= 6 and alternating else "C"
        return (min(turn + 1, 7), alternating, last), action

    return machine("C", (1, True, ""), rule)


# --------------------------------------------------------------------------- compiled rules


@njit(inline="always")
def _track_periods(opp, turn, start, periods):
    """``periods`` with bit p cleared for each p that the opponent's latest move breaks:
    bit p stays set while opp[k] == opp[k - p] for every k >= start + p seen so far."""
    k = turn - 1
    for p in range(1, 13):
        if k - start >= p and opp[k] != opp[k - p]:
            periods &= ~(1 << p)
    return periods


@njit(inline="always")
def _smallest_period(periods, moves, low, high):
    """The smallest p in [low, high] still set in ``periods`` that ``moves`` moves repeat
    at least twice (p <= moves // 2); 0 when there is none."""
    for p in range(low, min(high, moves // 2) + 1):
        if (periods >> p) & 1:
            return p
    return 0


_ALL_PERIODS = (1 << 13) - 2  # bits 1 to 12


@step
def cycle_hunter(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Cycle Hunter, and Eventual Cycle Hunter (``eventual = 1``).

    Cycle Hunter: the opponent's whole history (at least twice the period
    long) must repeat with a period of 3 to 12 moves, and not be constant.
    Eventual Cycle Hunter ignores the opponent's first ten moves: from its
    11th move it co-operates while the opponent has never defected; otherwise
    on every tenth move it checks whether the moves after the first ten repeat
    with a period of 3 to 12 (constant ones included) and defects until the
    next check if they do. memory[0] holds the verdict, memory[1] the
    opponent's co-operations, memory[2] the periods its moves keep, memory[3] is 1
    once it has played both moves.
    """
    eventual = params[0] == 1
    start = 10 if eventual else 0
    if turn == 0:
        memory[2] = _ALL_PERIODS
    elif turn > start:
        memory[2] = _track_periods(opp, turn, start, np.int64(memory[2]))
    if turn >= 1:
        if opp[turn - 1] == 0:
            memory[1] += 1
        if opp[turn - 1] != opp[0]:
            memory[3] = 1  # not constant
    periods = np.int64(memory[2])
    if not eventual:
        if memory[0] == 0 and memory[3] == 1 and _smallest_period(periods, turn, 3, 12) > 0:
            memory[0] = 1
        return 1 if memory[0] == 1 else 0
    if turn < 10 or memory[1] == turn:
        return 0
    if turn % 10 == 0:
        memory[0] = 1 if _smallest_period(periods, turn - 10, 3, 12) > 0 else 0
    return 1 if memory[0] == 1 else 0


@step
def calculator(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Joss: co-operate first; then defect after a defection and co-operate with
    probability 0.9 after a co-operation. The check on move 21 counts constant play
    (period 1) as a cycle, so it defects for ever against all-C and all-D. memory[1]
    tracks the periods the opponent's moves keep."""
    if turn == 0:
        memory[1] = _ALL_PERIODS
        return 0
    if turn <= 20:
        memory[1] = _track_periods(opp, turn, 0, np.int64(memory[1]))
    if turn < 20:
        if opp[turn - 1] == 1:
            return 1
        return 0 if bernoulli(rng, 0.9) else 1
    if turn == 20:
        memory[0] = 1 if _smallest_period(np.int64(memory[1]), 20, 1, 12) > 0 else 0
    if memory[0] == 1:
        return 1
    return np.int64(opp[turn - 1])


@njit(inline="always")
def _both_c(own, opp, k):
    """The number of C's both players played on move k."""
    return (1 - np.int64(own[k])) + (1 - np.int64(opp[k]))


_MC_OPP_C = 0  # the opponent's co-operations
_MC_FIRST = 1  # both players' C's on moves [0, n//2)
_MC_MIDDLE = 2  # ... on [n//4, 3n//4)
_MC_SECOND = 3  # ... on [n//2, n)


@step
def math_constant_hunter(
    turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng
):
    """Only once the opponent has played both moves. With n moves so far, the three
    stretches are [0, n//2), [n//4, 3n//4) and [n//2, n); a stretch's rate is half its
    number of C's (both players' together) over its length; defect when the first rate is
    within 0.2 of each of the others (a test meant to catch players of a fixed ratio of
    C to D, such as the mathematical-constant rules, and random ones). The three counts
    are kept up to date as the stretches' ends move by at most one move per turn."""
    n = turn
    if n >= 1:
        m = n - 1  # the stretches were those of m moves; move m has just been played
        if opp[m] == 0:
            memory[_MC_OPP_C] += 1
        if n // 2 > m // 2:
            memory[_MC_FIRST] += _both_c(own, opp, m // 2)
        if 3 * n // 4 > 3 * m // 4:
            memory[_MC_MIDDLE] += _both_c(own, opp, 3 * m // 4)
        if n // 4 > m // 4:
            memory[_MC_MIDDLE] -= _both_c(own, opp, m // 4)
        memory[_MC_SECOND] += _both_c(own, opp, m)
        if n // 2 > m // 2:
            memory[_MC_SECOND] -= _both_c(own, opp, m // 2)
    if n < 8 or memory[_MC_OPP_C] == 0 or memory[_MC_OPP_C] == n:
        return 0
    r1 = 0.5 * memory[_MC_FIRST] / (n // 2)
    r2 = 0.5 * memory[_MC_MIDDLE] / (3 * n // 4 - n // 4)
    r3 = 0.5 * memory[_MC_SECOND] / (n - n // 2)
    if abs(r1 - r2) < 0.2 and abs(r1 - r3) < 0.2:
        return 1
    return 0


_RH_CC = 0  # its C answered by the opponent's C on the next move
_RH_DD = 1  # its D answered by the opponent's D
_RH_OWN_C = 2  # its own co-operations


@step
def random_hunter(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """The frequencies are (its C followed by the opponent's C) / (its C's) and (its D
    followed by the opponent's D) / (its D's), each used only once it has played that move
    more than 5 times; defect when every frequency used is within 0.25 of 1/2."""
    if turn >= 1 and own[turn - 1] == 0:
        memory[_RH_OWN_C] += 1
    if turn > 1:
        if own[turn - 2] == 0 and opp[turn - 1] == 0:
            memory[_RH_CC] += 1
        if own[turn - 2] == 1 and opp[turn - 1] == 1:
            memory[_RH_DD] += 1
    if turn <= 10:
        return 0
    cooperations = memory[_RH_OWN_C]
    defections = turn - cooperations
    used = False
    close = True
    if cooperations > 5:
        used = True
        close = close and abs(memory[_RH_CC] / cooperations - 0.5) < 0.25
    if defections > 5:
        used = True
        close = close and abs(memory[_RH_DD] / defections - 0.5) < 0.25
    return 1 if used and close else 0


catalogue.register(__name__)
