"""Probers and classifiers: rules that test the opponent with an opening and adapt for good.

A prober plays a fixed opening and reads the opponent's answers to it:
those that then settle on one of tit for tat, all-D or all-C are
finite-state machines; Prober 4 (which weighs the answers against its own
moves), the random probers and the Adaptive Pavlov classifiers are compiled
steps.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numba import njit

from ipd.core.game import Game
from ipd.engine.random import bernoulli
from ipd.strategies import catalogue
from ipd.strategies.builtin._builders import machine
from ipd.strategies.families import FiniteStateMachine, MemoryOne
from ipd.strategies.registry import step


def _probe_machine(opening: str, verdict: Callable[[str], str]) -> FiniteStateMachine:
    """Play ``opening``; then, for good, the mode ``verdict(opponent's opening moves)``:
    "C", "D" or "tft"."""
    n = len(opening)

    def rule(state, last):
        turn, seen = state
        if turn <= n:
            seen += last
        if turn < n:
            action = opening[turn]
        else:
            mode = verdict(seen)
            action = last if mode == "tft" else mode
        return (min(turn + 1, n + 1), seen), action

    return machine(opening[0], (1, ""), rule)


def prober(game: Game) -> FiniteStateMachine:
    return _probe_machine("DCC", lambda seen: "D" if seen[1:3] == "CC" else "tft")


def prober_2(game: Game) -> FiniteStateMachine:
    return _probe_machine("DCC", lambda seen: "C" if seen[1:3] == "DC" else "tft")


def prober_3(game: Game) -> FiniteStateMachine:
    return _probe_machine("DC", lambda seen: "D" if seen[1] == "C" else "tft")


def hard_prober(game: Game) -> FiniteStateMachine:
    return _probe_machine("DDCC", lambda seen: "D" if seen[1:3] == "CC" else "tft")


def detective(game: Game) -> FiniteStateMachine:
    return _probe_machine("CDCC", lambda seen: "tft" if "D" in seen else "D")


def handshake(game: Game) -> FiniteStateMachine:
    return _probe_machine("CD", lambda seen: "C" if seen == "CD" else "D")


def collective_strategy(game: Game) -> FiniteStateMachine:
    def rule(state, last):
        turn, first_two, defections = state
        if turn <= 2:
            first_two += last
        defections = min(defections + (last == "D"), 2)
        if turn == 1 or defections > 1:
            action = "D"
        else:
            action = "C" if first_two == "CD" else "D"
        return (min(turn + 1, 3), first_two, defections), action

    return machine("C", (1, "", 0), rule)


def naive_prober(game: Game, p: float = 0.1) -> MemoryOne:
    return MemoryOne(1 - p, 0, 1 - p, 0, first=1)


# --------------------------------------------------------------------------- compiled rules

PROBER_4_OPENING = "CCDCDDDCCDCDCCDCDDCD"
_PROBER_4_MASK = sum(1 << k for k, m in enumerate(PROBER_4_OPENING) if m == "D")
_P4_JUST = 0  # opponent's defections that answered one of ours
_P4_UNJUST = 1  # opponent's defections that answered a co-operation
_P4_DEFECTOR = 2


@step
def prober_4(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """The opening is ``PROBER_4_OPENING``. Once it is over, each of the opponent's 20
    moves is classified: a D retaliates when it answers a D of ours (our previous move)
    and is unprovoked otherwise (its first move included).

    Axelrod-Python compares the opponent's D with our move of the same round instead,
    and leaves out the opponent's 20th move; a move cannot answer one played at the same
    time, so we read "retaliating" as answering our previous move. The two readings
    part against, for instance, C, C, D, ... (Axelrod-Python co-operates, we defect).
    """
    n = len(PROBER_4_OPENING)
    if 1 <= turn <= n and opp[turn - 1] == 1:
        if turn >= 2 and own[turn - 2] == 1:
            memory[_P4_JUST] += 1
        else:
            memory[_P4_UNJUST] += 1
    if turn < n:
        return (_PROBER_4_MASK >> turn) & 1
    if turn == n:
        memory[_P4_DEFECTOR] = 1 if abs(memory[_P4_JUST] - memory[_P4_UNJUST]) <= 2 else 0
    if memory[_P4_DEFECTOR] == 1:
        return 1
    if turn < n + 5:
        return 0
    return np.int64(opp[turn - 1])


@step
def remorseful_prober(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] is 1 when its previous move was a random probe (as chosen, before noise;
    so the memory depth is unbounded, not 2 as Axelrod-Python declares)."""
    if turn == 0:
        return 0
    if opp[turn - 1] == 1:
        if memory[0] == 1:
            memory[0] = 0
            return 0
        return 1
    if bernoulli(rng, 1.0 - params[0]):
        memory[0] = 0
        return 0
    memory[0] = 1
    return 1


_AP_CLASS = 0  # 0 unknown, 1 co-operative, 2 all-D, 3 STFT, 4 Pavlov-D, 5 random
_COOPERATIVE, _ALLD, _STFT, _PAVLOVD, _RANDOM = 1.0, 2.0, 3.0, 4.0, 5.0
_AP_2006_WINDOWS = (
    (0b000000, _COOPERATIVE),
    (0b111111, _ALLD),
    (0b101010, _STFT),
    (0b110110, _PAVLOVD),
)
"""APavlov 2006's classes by the opponent's last six moves (oldest first, 1 = D)."""


@njit(inline="always")
def _class_or_random(memory):
    """The opponent's class; random if no window of six has matched a class yet."""
    if memory[_AP_CLASS] == 0:
        memory[_AP_CLASS] = _RANDOM
    return memory[_AP_CLASS]


@step
def apavlov_2006(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Classes by the opponent's last six moves: CCCCCC co-operative, DDDDDD all-D, DCDCDC
    STFT, DDCDDC Pavlov-D; a window matching none keeps the previous class, or makes it
    random the first time. Replies: all-D and random get D; STFT gets C on the first two
    moves of each six and tit for tat otherwise; Pavlov-D gets D on the first move of each
    six and C otherwise; co-operative gets tit for tat."""
    if turn < 6:
        return 0 if turn == 0 else np.int64(opp[turn - 1])
    phase = turn % 6
    if phase == 0:
        code = np.int64(0)
        for k in range(turn - 6, turn):
            code = 2 * code + np.int64(opp[k])
        for window, kind in _AP_2006_WINDOWS:
            if code == window:
                memory[_AP_CLASS] = kind
    kind = _class_or_random(memory)
    if kind in (_RANDOM, _ALLD):
        return 1
    if kind == _STFT:
        if phase <= 1:
            return 0
        return np.int64(opp[turn - 1])
    if kind == _PAVLOVD:
        return 1 if phase == 0 else 0
    return np.int64(opp[turn - 1])


@step
def apavlov_2011(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Classes by the opponent's defections d in its last six moves: d = 0 co-operative,
    d >= 4 all-D, d = 3 STFT; d = 1 or 2 keeps the previous class, or makes it random the
    first time. Replies: all-D and random get D, STFT gets tit for two tats, co-operative
    gets tit for tat."""
    if turn < 6:
        return 0 if turn == 0 else np.int64(opp[turn - 1])
    if turn % 6 == 0:
        defections = 0
        for k in range(turn - 6, turn):
            defections += opp[k]
        if defections == 0:
            memory[_AP_CLASS] = _COOPERATIVE
        if defections >= 4:
            memory[_AP_CLASS] = _ALLD
        if defections == 3:
            memory[_AP_CLASS] = _STFT
    kind = _class_or_random(memory)
    if kind in (_RANDOM, _ALLD):
        return 1
    if kind == _STFT:
        return 1 if opp[turn - 1] == 1 and opp[turn - 2] == 1 else 0
    return np.int64(opp[turn - 1])


catalogue.register(__name__)
