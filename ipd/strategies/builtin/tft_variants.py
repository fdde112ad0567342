"""Named variants of tit for tat: harder, softer, noise-aware, adaptive and end-game ones.

Rules that read only the opponent's moves and keep bounded counters are
finite-state machines grown by :func:`._builders.machine`; memory-one rules
are :class:`~ipd.strategies.families.MemoryOne` vectors; the rest are compiled steps. Every rule
carries the exact Axelrod-Python 4.14 name of the same rule; where ipd reads
the published description differently, the docstring says so.
"""

from __future__ import annotations

import numpy as np

from ipd.core.game import Game
from ipd.engine.random import bernoulli
from ipd.strategies import catalogue
from ipd.strategies.builtin._builders import RecentMoves, machine, whole_number
from ipd.strategies.builtin._moves import count_defections, opening_or_end
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.registry import step

# --------------------------------------------------------------------------- memory-one variants


# --------------------------------------------------------------------------- machines


def _window_machine(depth: int, defects) -> FiniteStateMachine:
    """Co-operate first, then defect when ``defects(window)`` holds for the
    opponent's last ``depth`` moves (fewer at the start of the game)."""

    def rule(window: str, last: str) -> tuple[str, str]:
        window = (window + last)[-depth:]
        return window, "D" if defects(window) else "C"

    return machine("C", "", rule)


def hard_tft(game: Game) -> FiniteStateMachine:
    return _window_machine(3, lambda window: "D" in window)


def hard_tf2t(game: Game) -> FiniteStateMachine:
    return _window_machine(3, lambda window: "DD" in window)


def spiteful_tft(game: Game) -> FiniteStateMachine:
    # State: (opponent's previous move, grudge held).
    def rule(state, last):
        before, grudge = state
        grudge = grudge or (before == "D" and last == "D")
        return (last, grudge), "D" if grudge else last

    return machine("C", ("C", False), rule)


def n_tits_for_m_tats(game: Game, n: float = 3, m: float = 2) -> FiniteStateMachine:
    """N tits for M tats (Axelrod-Python, by Marc Harper).

    On every move, if the opponent's last M moves were all defections (always
    true when M = 0), the count of defections still to play is set to N; the
    rule then defects while that count is positive (counting it down) and
    co-operates otherwise. (1, 1) is tit for tat, (1, 2) tit for two tats,
    (2, 1) two tits for tat; N = 0 always co-operates and M = 0 (with N > 0)
    always defects.

    Memory depth: a defection at move t needs a run of M defections ending
    within the last N moves, so the rule reads N + M - 1 moves back (4 for
    the defaults), not max(N, M) as Axelrod-Python declares; it is declared
    unbounded here because it depends on the parameters.
    """
    n_, m_ = whole_number("n", n, 0, 50), whole_number("m", m, 0, 50)

    def decide(owed: int, run: int) -> tuple[int, str]:
        if run >= m_:
            owed = n_
        if owed > 0:
            return owed - 1, "D"
        return owed, "C"

    def rule(state, last):
        owed, run = state
        run = min(run + 1, m_) if last == "D" else 0
        owed, action = decide(owed, run)
        return (owed, run), action

    owed, first = decide(0, 0)
    return machine(first, (owed, 0), rule)


# --------------------------------------------------------------------------- recent-move tables


def slow_tf2t2(game: Game) -> RecentMoves:
    return RecentMoves(
        1, 2, lambda mine, theirs: theirs[1] if theirs[0] == theirs[1] else mine[0], ("C", "C")
    )


# --------------------------------------------------------------------------- compiled rules


@step
def adaptive_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Adaptive tit for tat, basic model.

    world starts at 1/2; after each move of the opponent it becomes
    world + rate (1 - world) (co-operation) or world - rate world (defection);
    co-operate when world >= 1/2. memory[0] holds world.

    Axelrod-Python starts world at ``rate`` instead of 1/2; the two agree
    for the default rate 1/2 (Tzafestas's starting value is 1/2, and any
    value >= 1/2 gives the same first moves).
    """
    if turn == 0:
        memory[0] = 0.5
        return 0
    rate = params[0]
    if opp[turn - 1] == 0:
        memory[0] += rate * (1.0 - memory[0])
    else:
        memory[0] -= rate * memory[0]
    return 0 if memory[0] >= 0.5 else 1


_CT_INTENDED = 0  # the move it chose last turn (before noise)
_CT_CONTRITE = 1  # 1 while it owes the opponent a co-operation


@step
def contrite_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Contrite tit for tat, as Axelrod-Python reads Wu and Axelrod (1995).

    Without noise it is tit for tat. It becomes contrite when its previous
    move came out as D although it chose C (noise) while the opponent played
    C. While contrite, once its own previous move came out as C it
    co-operates whatever the opponent did (taking the punishment) and stops
    being contrite; otherwise it plays tit for tat.

    Memory depth is unbounded: being contrite depends on which of its moves
    noise flipped, which the history does not show (memory[0] keeps the move
    it chose).
    """
    if turn == 0:
        memory[_CT_INTENDED] = 0
        return 0
    mine = own[turn - 1]
    if memory[_CT_CONTRITE] == 1 and mine == 0:
        memory[_CT_CONTRITE] = 0
        memory[_CT_INTENDED] = 0
        return 0
    if memory[_CT_INTENDED] != mine and mine == 1 and opp[turn - 1] == 0:
        memory[_CT_CONTRITE] = 1
    move = np.int64(opp[turn - 1])
    memory[_CT_INTENDED] = move
    return move


@step
def dynamic_2tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] counts the opponent's co-operations."""
    if turn == 0:
        return 0
    if opp[turn - 1] == 0:
        memory[0] += 1
    if opp[turn - 1] == 1 or (turn >= 2 and opp[turn - 2] == 1):
        return 0 if bernoulli(rng, memory[0] / turn) else 1
    return 0


@step
def tft_endgame(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Tit for tat with an end game (Alexei; Eugine Nier with ``grudge = 5``).

    Co-operate first, then copy the opponent's previous move; once the
    opponent has defected ``grudge`` times in all (``grudge > 0``), defect for
    the rest of the game. On the last move of a match of known length, defect.
    """
    count_defections(turn, opp, memory, 0)
    move = opening_or_end(turn, length, 1)
    if move >= 0:
        return move
    if params[0] > 0 and memory[0] >= params[0]:
        return 1
    return np.int64(opp[turn - 1])


@step
def michaelos(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] is 1 once it has decided to defect for good."""
    move = opening_or_end(turn, length, 1)
    if move >= 0:
        return move
    if memory[0] == 1:
        return 1
    if own[turn - 1] == 1 and opp[turn - 1] == 0:
        if bernoulli(rng, 0.5):
            return 0
        memory[0] = 1
        return 1
    return np.int64(opp[turn - 1])


_OM_RANDOMNESS = 0
_OM_DEADLOCK = 1


@step
def omega_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Omega TFT with a deadlock threshold and a randomness threshold (3 and 8).

    C first, tit for tat on move 2. Afterwards, while the deadlock counter is
    below its threshold: the randomness counter goes down by one after two
    co-operations in a row by the opponent, up by one when the opponent
    changed its move, and up by one when its last move differed from ours;
    if the randomness counter has reached its threshold, defect; otherwise play
    tit for tat, counting a change of the opponent's move towards a deadlock
    (and resetting that count when it repeats its move). Once the deadlock
    counter reaches its threshold, co-operate on two moves (the counter is
    then reset). The randomness counter can fall again, so the defection it
    triggers is not for ever (as in Axelrod-Python, which we follow).
    """
    if turn == 0:
        return 0
    last = np.int64(opp[turn - 1])
    if turn == 1:
        return last
    deadlock_threshold = params[0]
    if memory[_OM_DEADLOCK] >= deadlock_threshold:
        if memory[_OM_DEADLOCK] == deadlock_threshold:
            memory[_OM_DEADLOCK] = deadlock_threshold + 1
        else:
            memory[_OM_DEADLOCK] = 0
        return 0
    before = np.int64(opp[turn - 2])
    if before == 0 and last == 0:
        memory[_OM_RANDOMNESS] -= 1
    if before != last:
        memory[_OM_RANDOMNESS] += 1
    if own[turn - 1] != last:
        memory[_OM_RANDOMNESS] += 1
    if memory[_OM_RANDOMNESS] >= params[1]:
        return 1
    if before != last:
        memory[_OM_DEADLOCK] += 1
    else:
        memory[_OM_DEADLOCK] = 0
    return last


_OG_CALMING = 0
_OG_PUNISHING = 1
_OG_COUNT = 2
_OG_LIMIT = 3


@step
def original_gradual(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Gradual as Axelrod-Python's OriginalGradual reads Beaufils et al. (1997).

    The punishment grows with the number of punishments started so far (one
    per defection seen while co-operating), not with the opponent's total of
    defections (that is ipd's ``gradual``, Axelrod-Python's Gradual). A
    punishment is k defections, the first on the move after the defection,
    then two co-operations during which the opponent's moves are ignored.
    """
    if memory[_OG_CALMING] == 1:
        memory[_OG_CALMING] = 0
        return 0
    if memory[_OG_PUNISHING] == 1:
        if memory[_OG_COUNT] < memory[_OG_LIMIT]:
            memory[_OG_COUNT] += 1
            return 1
        memory[_OG_CALMING] = 1
        memory[_OG_PUNISHING] = 0
        memory[_OG_COUNT] = 0
        return 0
    if turn >= 1 and opp[turn - 1] == 1:
        memory[_OG_PUNISHING] = 1
        memory[_OG_COUNT] += 1
        memory[_OG_LIMIT] += 1
        return 1
    return 0


@step
def random_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Memory depth is unbounded (Axelrod-Python says 1): the move depends on the parity
    of the turn, which the last moves do not reveal."""
    if turn == 0:
        return 0
    if turn % 2 == 1:
        return np.int64(opp[turn - 1])
    return 0 if bernoulli(rng, params[0]) else 1


@step
def sneaky_tft(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] is 1 once the opponent has defected."""
    if turn >= 1 and opp[turn - 1] == 1:
        memory[0] = 1
    if turn < 2:
        return 0
    if memory[0] == 0:
        return 1
    if opp[turn - 1] == 1 and own[turn - 2] == 1:
        return 0
    return np.int64(opp[turn - 1])


catalogue.register(__name__)
