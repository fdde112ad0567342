"""Grudgers and forgivers: rules that punish defections for good, for a while, or not at all.

Rules that read only the opponent's moves are finite-state machines grown by
:func:`._builders.machine` (the machine never sees its own moves, which these
rules do not read either); the others are compiled steps.
"""

from __future__ import annotations

import numpy as np

from ipd.core.game import Game
from ipd.engine.random import uniform
from ipd.strategies import catalogue
from ipd.strategies.builtin._builders import RecentMoves, machine, whole_number
from ipd.strategies.builtin._moves import count_defections, opening_or_end
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.registry import step

# --------------------------------------------------------------------------- machines


def _flag_machine(first: str, flag_on: str, opening: str, when_set: str, when_clear: str):
    """A machine with one flag that is set, for good, by the opponent's first ``flag_on``
    move; it plays ``opening`` first, then ``when_set`` or ``when_clear``."""

    def rule(state, last):
        turn, flag = state
        flag = flag or last == flag_on
        if turn < len(opening):
            action = opening[turn]
        else:
            action = when_set if flag else when_clear
        return (min(turn + 1, len(opening)), flag), action

    return machine(first, (1, False), rule)


def fool_me_once(game: Game) -> FiniteStateMachine:
    def rule(seen, last):
        seen = min(seen + (last == "D"), 2)
        return seen, "D" if seen > 1 else "C"

    return machine("C", 0, rule)


def forgetful_grudger(game: Game) -> FiniteStateMachine:
    """As Axelrod-Python plays it: a defection by the opponent while it is grudging does
    not restart the ten-move count."""

    def rule(state, last):
        grudged, played = state
        if played == 10:
            grudged, played = False, 0
        grudged = grudged or last == "D"
        if grudged:
            return (True, played + 1), "D"
        return (False, played), "C"

    return machine("C", (False, 0), rule)


def general_soft_grudger(
    game: Game, n: float = 1, d: float = 4, c: float = 2
) -> FiniteStateMachine:
    """The punishment: a D on the move after the n-th consecutive defection, then
    d - 1 more D's and c C's, during which the opponent's moves start nothing (but
    still count towards the next run of n). With d = 1 and c = 0 the punishment is
    the single D (Axelrod-Python fails on that case)."""
    n_ = whole_number("n", n, 1, 50)
    grudge = "D" * (whole_number("d", d, 1, 50) - 1) + "C" * whole_number("c", c, 0, 50)

    def rule(state, last):
        grudged, played, run = state
        run = min(run + 1, n_) if last == "D" else 0
        if grudged:
            action = grudge[played]
            played += 1
            if played == len(grudge):
                grudged, played = False, 0
            return (grudged, played, run), action
        if run >= n_:
            return (len(grudge) > 0, 0, run), "D"
        return (False, 0, run), "C"

    return machine("C", (False, 0, 0), rule)


def soft_grudger(game: Game) -> FiniteStateMachine:
    return general_soft_grudger(game, 1, 4, 2)


def once_bitten(game: Game) -> FiniteStateMachine:
    """As Axelrod-Python plays it: the defection that starts the grudge is not counted
    among the ten, so a grudge is eleven defections; it co-operates on the first two
    moves."""

    def rule(state, last):
        turn, grudged, played, before = state
        if played >= 10:
            grudged, played = False, 0
        if turn < 2:
            action = "C"
        elif grudged:
            played += 1
            action = "D"
        elif before == "D" and last == "D":
            grudged = True
            action = "D"
        else:
            action = "C"
        return (min(turn + 1, 2), grudged, played, last), action

    return machine("C", (1, False, 0, "C"), rule)


def gradual_killer(game: Game) -> FiniteStateMachine:
    opening = "DDDDDCC"

    def rule(state, last):
        turn, sixth, seventh = state
        sixth = last if turn == 6 else sixth
        seventh = last if turn == 7 else seventh
        if turn < len(opening):
            action = opening[turn]
        else:
            action = "D" if sixth == seventh == "D" else "C"
        return (min(turn + 1, len(opening) + 1), sixth, seventh), action

    return machine("D", (1, "", ""), rule)


# --------------------------------------------------------------------------- recent-move tables

_CAPRI_COOPERATES = {
    # (own last three moves, opponent's last three), oldest first.
    ("CCC", "CCC"),  # C: co-operate at mutual co-operation
    ("CCD", "CCC"),  # A: accept the punishment after one's own error ...
    ("CDC", "CCD"),
    ("DCC", "CDC"),
    ("CCC", "DCC"),
    ("CCD", "CDC"),  # P: punish a defection from mutual co-operation once, then ...
    ("CDC", "DCC"),
    ("DCC", "CCC"),
    ("DDD", "DDC"),  # R: recover co-operation from mutual defection
    ("DDC", "DCC"),
    ("DDC", "DDD"),
    ("DCC", "DDC"),
    ("DDC", "DDC"),
    ("DCC", "DCC"),
}


def capri(game: Game) -> RecentMoves:
    """The histories on which CAPRI co-operates are those of the paper's rules C, A, P and
    R (listed in ``_CAPRI_COOPERATES``); at (CCC, CCD) rule P defects, and every other
    history defects (rule I). Moves before the first count as mutual co-operation."""
    return RecentMoves(
        3, 3, lambda mine, theirs: "C" if (mine, theirs) in _CAPRI_COOPERATES else "D"
    )


# --------------------------------------------------------------------------- compiled rules


@step
def grudger_alternator(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Once the opponent has defected (memory[0] = 1), it plays the opposite of its own
    last move (as played, so noise shifts the alternation)."""
    if turn >= 1 and opp[turn - 1] == 1:
        memory[0] = 1
    if memory[0] == 1 and own[turn - 1] == 0:
        return 1
    return 0


@step
def forgiver(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Forgiver, and Forgiving Tit For Tat (``copy_last = 1``).

    While the opponent's defections so far are more than ``threshold`` times
    the number of moves, Forgiver defects and Forgiving Tit For Tat copies the
    opponent's last move; otherwise both co-operate. memory[0] counts the
    opponent's defections.
    """
    count_defections(turn, opp, memory, 0)
    if memory[0] > turn * params[0]:
        if params[1] == 1:
            return np.int64(opp[turn - 1])
        return 1
    return 0


@step
def forgetful_fool_me_once(
    turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng
):
    """A number is drawn on every move, the first included (as Axelrod-Python does); the
    count (memory[0]) grows with each defection of the opponent, is reset to zero when the
    number falls below ``forget_probability``, and the rule defects while it exceeds 1."""
    r = uniform(rng)
    if turn == 0:
        return 0
    if opp[turn - 1] == 1:
        memory[0] += 1
    if r < params[0]:
        memory[0] = 0
    return 1 if memory[0] > 1 else 0


_GR_GRUMPY = 0
_GR_SCORE = 1  # opponent's defections minus co-operations


@step
def grumpy(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Grumpiness is the opponent's defections minus its co-operations so far. A nice
    Grumpy turns grumpy (and defects) when grumpiness exceeds ``grumpy_threshold``; a
    grumpy one turns nice (and co-operates) when it falls below ``nice_threshold``."""
    if turn == 0:
        memory[_GR_GRUMPY] = 1 if params[0] == 1 else 0
    else:
        memory[_GR_SCORE] += 1 if opp[turn - 1] == 1 else -1
    if memory[_GR_GRUMPY] == 0:
        if memory[_GR_SCORE] > params[1]:
            memory[_GR_GRUMPY] = 1
            return 1
        return 0
    if memory[_GR_SCORE] < params[2]:
        memory[_GR_GRUMPY] = 0
        return 0
    return 1


@step
def backstabber(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """BackStabber, and DoubleCrosser (``double_cross = 1``).

    Co-operate until the opponent has defected four times in all, then defect;
    on the last two moves of a match of known length, defect. DoubleCrosser
    plays tit for two tats instead (defects only after two defections in a
    row) on moves 8 to 180 if the opponent did not defect on its first seven
    moves (the 180 is the rule's own constant, written for 200-move matches).
    """
    count_defections(turn, opp, memory, 0)
    move = opening_or_end(turn, length, 2)
    if move >= 0:
        return move
    if params[0] == 1 and 7 <= turn <= 179:
        clean = True
        for k in range(7):
            if opp[k] == 1:
                clean = False
        if clean:
            return 1 if opp[turn - 1] == 1 and opp[turn - 2] == 1 else 0
    return 1 if memory[0] > 3 else 0


catalogue.register(__name__)
