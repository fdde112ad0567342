"""Punishers: rules whose retaliation is measured against the opponent's record.

Punisher and Inverse Punisher scale a punishment by the opponent's
defection (or co-operation) rate; the level punishers defect while that
rate is above a level; the Retaliate family answers the opponent's lead in
exploitations; Resurrection and Double Resurrection watch their own last five
moves.
"""

from __future__ import annotations

import numpy as np

from ipd.core.game import Game
from ipd.strategies import catalogue
from ipd.strategies.builtin._builders import RecentMoves
from ipd.strategies.registry import step

_PU_LENGTH = 0  # length of the current punishment
_PU_GRUDGED = 1
_PU_PLAYED = 2  # punishing moves played
_PU_DEFECTIONS = 3  # opponent's defections so far


@step
def punisher(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Punisher, and Inverse Punisher (``inverse = 1``).

    When not punishing and the opponent has just defected, a punishment of
    floor(20 d / n) moves begins, d being the opponent's defections and n the
    moves so far (Inverse Punisher: floor(20 c / n) with c its co-operations,
    and at least 1); the defection that starts it is its first move, and the
    opponent's moves during a punishment are ignored. As in Axelrod-Python, a
    punishment of length 0 (Punisher against a rare defector) is the single
    defection that starts it, and a punishment of length m > 0 is m + 1
    defections.
    """
    if turn == 0:
        memory[_PU_LENGTH] = 1
        memory[_PU_PLAYED] = 1
    elif opp[turn - 1] == 1:
        memory[_PU_DEFECTIONS] += 1
    if memory[_PU_PLAYED] >= memory[_PU_LENGTH]:
        memory[_PU_PLAYED] = 0
        memory[_PU_GRUDGED] = 0
    if memory[_PU_GRUDGED] == 1:
        memory[_PU_PLAYED] += 1
        return 1
    if turn >= 1 and opp[turn - 1] == 1:
        if params[0] == 1:
            cooperations = np.int64(turn) - np.int64(memory[_PU_DEFECTIONS])
            memory[_PU_LENGTH] = max((cooperations * 20) // turn, 1)
        else:
            memory[_PU_LENGTH] = (np.int64(memory[_PU_DEFECTIONS]) * 20) // turn
        memory[_PU_GRUDGED] = 1
        return 1
    return 0


@step
def level_punisher(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Level Punisher, and Tricky Level Punisher (``tricky = 1``).

    With r the opponent's defection rate so far: Level Punisher co-operates on
    moves 1-10 and then defects when r > 0.2. Tricky Level Punisher
    co-operates first, then defects when r > 0.2 (before move 11), r > 0.1
    (before move 51) or r > 0.05 (before move 101), and co-operates from move
    101 on whatever the rate. memory[0] counts the opponent's defections.
    """
    if turn == 0:
        return 0
    if opp[turn - 1] == 1:
        memory[0] += 1
    rate = memory[0] / turn
    if params[0] != 1:
        if turn < 10:
            return 0
        return 1 if rate > 0.2 else 0
    if turn < 10 and rate > 0.2:
        return 1
    if turn < 50 and rate > 0.1:
        return 1
    if turn < 100 and rate > 0.05:
        return 1
    return 0


_RE_CD = 0  # rounds in which it co-operated and the opponent defected
_RE_DC = 1  # rounds in which it defected and the opponent co-operated
_RE_COUNT = 2  # retaliations played in the current spell


@step
def retaliate(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Retaliate and Limited Retaliate.

    Count the rounds CD (it co-operated, the opponent defected) and DC. While
    CD > ``threshold`` x DC it retaliates: it defects, unless it has already
    defected ``limit`` times in this spell, in which case it co-operates once
    and starts counting again; when the condition fails it co-operates and the
    spell ends. Retaliate is the case of no limit (``limit = 0``).
    """
    if turn >= 1:
        mine = own[turn - 1]
        theirs = opp[turn - 1]
        if mine == 0 and theirs == 1:
            memory[_RE_CD] += 1
        elif mine == 1 and theirs == 0:
            memory[_RE_DC] += 1
    if memory[_RE_CD] > memory[_RE_DC] * params[0]:
        if params[1] == 0 or memory[_RE_COUNT] < params[1]:
            memory[_RE_COUNT] += 1
            return 1
        memory[_RE_COUNT] = 0
        return 0
    memory[_RE_COUNT] = 0
    return 0


def resurrection(game: Game) -> RecentMoves:
    return RecentMoves(5, 1, lambda mine, theirs: "D" if mine == "DDDDD" else theirs)


@step
def double_resurrection(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Before its sixth move it plays tit for tat (co-operating first)."""
    if turn == 0:
        return 0
    if turn >= 5:
        defections = 0
        for k in range(turn - 5, turn):
            defections += own[k]
        if defections == 0:
            return 1
        if defections == 5:
            return 0
    return np.int64(opp[turn - 1])


catalogue.register(__name__)
