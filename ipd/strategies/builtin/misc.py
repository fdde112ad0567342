"""Other named rules: tricky co-operators and defectors, copiers, score watchers, rules
driven by the turn number, and simple rules over the opponent's record."""

from __future__ import annotations

import math

import numpy as np

from ipd.core.game import Game
from ipd.engine.random import bernoulli, uniform
from ipd.strategies import catalogue
from ipd.strategies.builtin._builders import machine
from ipd.strategies.builtin._moves import count_defections, opening_or_end
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.registry import step

TAGS = ("misc",)


# --------------------------------------------------------------------------- machines


def tricky_cooperator(game: Game) -> FiniteStateMachine:
    # State: (turn, capped at 10; the opponent's trailing co-operations, capped at 10).
    def rule(state, last):
        turn, clean = state
        clean = min(clean + 1, 10) if last == "C" else 0
        action = "D" if turn >= 3 and clean >= min(turn, 10) else "C"
        return (min(turn + 1, 10), clean), action

    return machine("C", (1, 0), rule)


def tricky_defector(game: Game) -> FiniteStateMachine:
    def rule(state, last):
        cooperated, run = state
        cooperated = cooperated or last == "C"
        run = min(run + 1, 3) if last == "D" else 0
        return (cooperated, run), "C" if cooperated and run >= 3 else "D"

    return machine("D", (False, 0), rule)


# --------------------------------------------------------------------------- compiled rules


@step
def average_copier(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Co-operates first with probability ``first`` (1/2; 1 for Nice Average Copier and
    Worse and Worse 3). memory[0] counts the opponent's co-operations.

    Worse and Worse 3 is published as 'defect with probability (the opponent's
    defections) / (moves so far)', which is the same probability; Axelrod-Python
    computes it as 1 - d / n rather than c / n, which can differ in the last bit."""
    if turn == 0:
        return 0 if bernoulli(rng, params[0]) else 1
    if opp[turn - 1] == 0:
        memory[0] += 1
    return 0 if bernoulli(rng, memory[0] / turn) else 1


@step
def worse_and_worse(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """On its n-th move (n = turn + 1) it co-operates with probability 1 - n / h, where h
    is ``horizon`` or, with ``use_length``, the match length (Knowledgeable Worse and
    Worse; it co-operates when the length is not told, as Axelrod-Python does for
    matches of unknown length); Better and Better (``better = 1``) co-operates with
    probability n / h instead."""
    n = turn + 1.0
    if params[1] == 1:
        if length < 0:
            return 0
        horizon = float(length)
    else:
        horizon = params[0]
    p = n / horizon
    if params[2] != 1:
        p = 1 - p
    return 0 if bernoulli(rng, p) else 1


@step
def worse_and_worse_2(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """From move 21 it co-operates with probability 20 / n."""
    if turn == 0:
        return 0
    if turn < 20:
        return np.int64(opp[turn - 1])
    return 0 if bernoulli(rng, 20.0 / (turn + 1)) else 1


@step
def inverse(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Right after a defection (k = 1) it defects for certain."""
    for k in range(turn - 1, -1, -1):
        if opp[k] == 1:
            return 0 if bernoulli(rng, 1.0 - 1.0 / (turn - k)) else 1
    return 0


@step
def doubler(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] counts the opponent's defections."""
    count_defections(turn, opp, memory, 0)
    if turn > 0 and opp[turn - 1] == 1 and turn - memory[0] <= 2 * memory[0]:
        return 1
    return 0


@step
def very_bad(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] counts the opponent's co-operations."""
    if turn >= 1 and opp[turn - 1] == 0:
        memory[0] += 1
    if turn < 3:
        return 0
    twice = 2 * memory[0]
    if twice > turn:
        return 0
    if twice < turn:
        return 1
    return np.int64(opp[turn - 1])


@step
def short_mem(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """The published rule starts 'from the tenth round'; as in Axelrod-Python, the window
    is used once the opponent has played more than ten moves."""
    if turn <= 10:
        return 0
    defections = 0
    for k in range(turn - 10, turn):
        defections += opp[k]
    balance = (10 - defections) - defections
    if balance >= 3:
        return 0
    if balance <= -3:
        return 1
    return np.int64(opp[turn - 1])


@step
def stalker(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """With a its average payoff so far, R and P the game's payoffs and w = (R + P)/2:
    D if a > R; C if w < a < R, and also when a = R; D if P < a < w; otherwise (a <= P
    or a = w) a coin flip. Axelrod-Python writes the middle thresholds as the numbers 2
    and 1, which are w and P for the usual payoffs; we use w and P for any game."""
    move = opening_or_end(turn, length, 1)
    if move >= 0:
        return move
    good = payoffs[0]
    bad = payoffs[3]
    wish = (good + bad) / 2
    average = own_score / turn
    if average > good:
        return 1
    if wish < average < good:
        return 0
    if average > wish:
        return 0
    if bad < average < wish:
        return 1
    return 0 if bernoulli(rng, 0.5) else 1


@step
def self_steem(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """With f = sin(2 pi t / 10) on turn t (counting from 0): D if f > 0.95; tit for tat if
    ``0.3 < |f| < 0.95``; a coin flip if ``|f| < 0.3``; C otherwise (f < -0.95). The published
    rule also shifts the wave when the opponent defects, without saying how; like
    Axelrod-Python we leave that out."""
    f = math.sin(2 * math.pi * (turn % 10) / 10)
    if f > 0.95:
        return 1
    if 0.3 < abs(f) < 0.95:
        return np.int64(opp[turn - 1])
    if -0.3 < f < 0.3:
        return 0 if bernoulli(rng, 0.5) else 1
    return 0


_MD_C = 0  # co-operations it remembers
_MD_D = 1  # defections it remembers


@step
def memory_decay(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Every move of the opponent is added to its memory. From move 16 (by default), on
    each move one remembered move is altered (C to D or back) with probability
    ``p_memory_alter``, then one is forgotten with probability ``p_memory_delete``; it
    defects when gain x (remembered C's) + loss x (remembered D's) < 0.

    Axelrod-Python keeps the list of remembered moves and alters or deletes a uniformly
    chosen entry. Only the numbers of C's and D's matter to the rule, and a uniformly
    chosen entry is a C with probability (C's) / (entries), so two counts are kept
    here (memory[0], memory[1]): the same process in distribution, with other draws.
    """
    if turn >= 1:
        memory[opp[turn - 1]] += 1
    if turn < params[4]:
        return 0 if turn == 0 else np.int64(opp[turn - 1])
    for change in range(2):
        if uniform(rng) <= params[1 - change]:
            remembered = memory[_MD_C] + memory[_MD_D]
            if remembered > 0:
                was_c = uniform(rng) < memory[_MD_C] / remembered
                memory[_MD_C if was_c else _MD_D] -= 1
                if change == 0:  # altered: it becomes the other move
                    memory[_MD_D if was_c else _MD_C] += 1
    score = params[3] * memory[_MD_C] + params[2] * memory[_MD_D]
    return 1 if score < 0 else 0


# --------------------------------------------------------------------------- switchers

_MEM2_MODE = 0  # 0: tit for tat, 1: tit for two tats, 2: always defect
_MEM2_ALLD = 1  # times always-defect was chosen


@step
def mem2(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """It starts as tit for tat. On moves 3, 5, 7, ... (turns 2, 4, 6, ...) it looks at
    the last two rounds, each an (own, opponent) pair of moves: both CC -> tit for tat;
    one CD and one DC -> tit for two tats; otherwise always defect, counted in
    memory[1]. Once always defect has been picked twice there are no more choices (the
    paper's rule reads only two rounds, but that count makes its memory unbounded, as
    Axelrod-Python notes). The rounds are the moves actually played (after noise).
    Tit for tat co-operates first; tit for two tats defects after two defections in a
    row."""
    if turn >= 2 and turn % 2 == 0 and memory[_MEM2_ALLD] < 2:
        a1 = own[turn - 2]
        b1 = opp[turn - 2]
        a2 = own[turn - 1]
        b2 = opp[turn - 1]
        if a1 == 0 and b1 == 0 and a2 == 0 and b2 == 0:
            memory[_MEM2_MODE] = 0
        elif a1 != b1 and a2 != b2 and a1 != a2:
            memory[_MEM2_MODE] = 1
        else:
            memory[_MEM2_MODE] = 2
            memory[_MEM2_ALLD] += 1
    mode = memory[_MEM2_MODE]
    if mode == 0:
        return 0 if turn == 0 else np.int64(opp[turn - 1])
    if mode == 1:
        return 1 if turn >= 2 and opp[turn - 1] == 1 and opp[turn - 2] == 1 else 0
    return 1


catalogue.register(__name__)
