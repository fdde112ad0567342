"""Other named rules: tricky co-operators and defectors, copiers, score watchers, rules
driven by the turn number, and simple rules over the opponent's record."""

from __future__ import annotations

import math

import numpy as np

from ipd.core.game import Game
from ipd.engine.random import bernoulli, uniform
from ipd.strategies.builtin._builders import machine
from ipd.strategies.builtin._sources import ANDRE_2013, AXELROD_PYTHON, PRISON
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.registry import step, strategy

TAGS = ("misc",)


# --------------------------------------------------------------------------- machines


@strategy(
    "tricky_cooperator",
    "Tricky Cooperator",
    description=(
        "Co-operates, but from its fourth move defects whenever the opponent has not "
        "defected in its last ten moves."
    ),
    source=f"K. Langner's rule in {AXELROD_PYTHON}",
    memory_depth=10,
    tags=TAGS,
    axelrod_name="Tricky Cooperator",
)
def tricky_cooperator(game: Game) -> FiniteStateMachine:
    # State: (turn, capped at 10; the opponent's trailing co-operations, capped at 10).
    def rule(state, last):
        turn, clean = state
        clean = min(clean + 1, 10) if last == "C" else 0
        action = "D" if turn >= 3 and clean >= min(turn, 10) else "C"
        return (min(turn + 1, 10), clean), action

    return machine("C", (1, 0), rule)


@strategy(
    "tricky_defector",
    "Tricky Defector",
    description=(
        "Defects, but co-operates when an opponent that has co-operated at least once has "
        "just defected three times in a row."
    ),
    source=f"K. Langner's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Tricky Defector",
)
def tricky_defector(game: Game) -> FiniteStateMachine:
    def rule(state, last):
        cooperated, run = state
        cooperated = cooperated or last == "C"
        run = min(run + 1, 3) if last == "D" else 0
        return (cooperated, run), "C" if cooperated and run >= 3 else "D"

    return machine("D", (False, 0), rule)


# --------------------------------------------------------------------------- compiled rules


@strategy(
    "average_copier",
    "Average Copier",
    description=(
        "Opens at random, then co-operates with probability equal to the opponent's "
        "co-operation rate so far."
    ),
    source=f"G. Palmer's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    params={"first": (0.5, 0.0, 1.0)},
    axelrod_name="Average Copier",
)
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


strategy(
    "nice_average_copier",
    "Nice Average Copier",
    description=(
        "Co-operates first, then co-operates with probability equal to the opponent's "
        "co-operation rate so far."
    ),
    source=f"O. Campbell's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    params={"first": (1.0, 0.0, 1.0)},
    axelrod_name="Nice Average Copier",
)(average_copier)

strategy(
    "worse_and_worse_3",
    "Worse and Worse 3",
    description=(
        "Co-operates first, then defects with probability equal to the opponent's defection "
        "rate so far."
    ),
    source=PRISON,
    memory_depth=None,
    stochastic=True,
    tags=(*TAGS, "worse_and_worse"),
    params={"first": (1.0, 0.0, 1.0)},
    axelrod_name="Worse and Worse 3",
)(average_copier)


@strategy(
    "worse_and_worse",
    "Worse and Worse",
    description="Defects with probability n/1000 on its n-th move, whatever the opponent does.",
    source=PRISON,
    memory_depth=None,
    stochastic=True,
    tags=(*TAGS, "worse_and_worse"),
    params={
        "horizon": (1000.0, 1.0, 1e12),
        "use_length": (0.0, 0.0, 1.0),
        "better": (0.0, 0.0, 1.0),
    },
    axelrod_name="Worse and Worse",
)
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


strategy(
    "knowledgeable_worse_and_worse",
    "Knowledgeable Worse and Worse",
    description=(
        "Defects with probability n/N on its n-th move of an N-move match, whatever the "
        "opponent does."
    ),
    source=f"A. Pohl's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    stochastic=True,
    uses_length=True,
    tags=(*TAGS, "worse_and_worse"),
    params={
        "horizon": (1000.0, 1.0, 1e12),
        "use_length": (1.0, 0.0, 1.0),
        "better": (0.0, 0.0, 1.0),
    },
    axelrod_name="Knowledgeable Worse and Worse",
)(worse_and_worse)

strategy(
    "better_and_better",
    "Better and Better",
    description=(
        "Defects with probability (1000 - n)/1000 on its n-th move, whatever the opponent does."
    ),
    source=PRISON,
    memory_depth=None,
    stochastic=True,
    tags=(*TAGS, "worse_and_worse"),
    params={
        "horizon": (1000.0, 1.0, 1e12),
        "use_length": (0.0, 0.0, 1.0),
        "better": (1.0, 0.0, 1.0),
    },
    axelrod_name="Better and Better",
)(worse_and_worse)


@strategy(
    "worse_and_worse_2",
    "Worse and Worse 2",
    description=(
        "Tit for tat for 20 moves; then defects with probability (n - 20)/n on its n-th move."
    ),
    source=PRISON,
    memory_depth=None,
    stochastic=True,
    tags=(*TAGS, "worse_and_worse"),
    axelrod_name="Worse and Worse 2",
)
@step
def worse_and_worse_2(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """From move 21 it co-operates with probability 20 / n."""
    if turn == 0:
        return 0
    if turn < 20:
        return np.int64(opp[turn - 1])
    return 0 if bernoulli(rng, 20.0 / (turn + 1)) else 1


@strategy(
    "inverse",
    "Inverse",
    description=(
        "Co-operates until the opponent defects; afterwards, k moves after the opponent's "
        "latest defection, defects with probability 1/k."
    ),
    source=f"K. Langner's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    axelrod_name="Inverse",
)
@step
def inverse(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Right after a defection (k = 1) it defects for certain."""
    for k in range(turn - 1, -1, -1):
        if opp[k] == 1:
            return 0 if bernoulli(rng, 1.0 - 1.0 / (turn - k)) else 1
    return 0


@strategy(
    "doubler",
    "Doubler",
    description=(
        "Co-operates, except that it answers a defection with a defection while the "
        "opponent's co-operations are at most twice its defections."
    ),
    source=PRISON,
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Doubler",
)
@step
def doubler(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """memory[0] counts the opponent's defections."""
    if turn == 0:
        return 0
    if opp[turn - 1] == 1:
        memory[0] += 1
        if turn - memory[0] <= 2 * memory[0]:
            return 1
    return 0


@strategy(
    "very_bad",
    "VeryBad",
    description=(
        "Co-operates three times; then co-operates if the opponent has co-operated more than "
        "half the time, defects if less, and copies its last move on a tie."
    ),
    source=ANDRE_2013,
    memory_depth=None,
    tags=TAGS,
    axelrod_name="VeryBad",
)
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


@strategy(
    "short_mem",
    "ShortMem",
    description=(
        "Co-operates for 11 moves; then, over the opponent's last ten moves, co-operates if "
        "it co-operated at least 3 more times than it defected, defects in the opposite "
        "case, and plays tit for tat otherwise."
    ),
    source=ANDRE_2013,
    memory_depth=None,
    tags=TAGS,
    axelrod_name="ShortMem",
)
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


@strategy(
    "stalker",
    "Stalker",
    description=(
        "Watches its own average payoff: defects when it is above R, co-operates when it is "
        "between (R + P)/2 and R, defects when between P and (R + P)/2, and moves at random "
        "otherwise; defects on the last move when it knows the match length."
    ),
    source=ANDRE_2013,
    memory_depth=None,
    stochastic=True,
    uses_length=True,
    uses_payoffs=True,
    tags=TAGS,
    axelrod_name="Stalker",
)
@step
def stalker(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """With a its average payoff so far, R and P the game's payoffs and w = (R + P)/2:
    D if a > R; C if w < a < R, and also when a = R; D if P < a < w; otherwise (a <= P
    or a = w) a coin flip. Axelrod-Python writes the middle thresholds as the numbers 2
    and 1, which are w and P for the usual payoffs; we use w and P for any game."""
    if length >= 0 and turn >= length - 1:
        return 1
    if turn == 0:
        return 0
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


@strategy(
    "self_steem",
    "SelfSteem",
    description=(
        "Follows a sine wave of period 10 moves: defects near its top, co-operates near its "
        "bottom, plays tit for tat on the slopes and at random around zero."
    ),
    source=ANDRE_2013,
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    axelrod_name="SelfSteem",
)
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


@strategy(
    "memory_decay",
    "Memory Decay",
    description=(
        "Tit for tat for 15 moves while remembering the opponent's moves; then co-operates "
        "while it remembers at least twice as many C's as D's, its memories being altered "
        "or forgotten at random."
    ),
    source=AXELROD_PYTHON,
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    params={
        "p_memory_delete": (0.1, 0.0, 1.0),
        "p_memory_alter": (0.03, 0.0, 1.0),
        "loss_value": (-2.0, -1e9, 1e9),
        "gain_value": (1.0, -1e9, 1e9),
        "start_strategy_duration": (15.0, 0.0, 1e9),
    },
    axelrod_name="Memory Decay",
)
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


@strategy(
    "mem2",
    "MEM2",
    description=(
        "Every second move from the third, picks from the last two rounds whether to play "
        "tit for tat (both mutual co-operation), tit for two tats (one CD and one DC) or "
        "always defect (anything else); after always defect is picked twice it keeps it."
    ),
    source=(
        "J. Li and G. Kendall (2014), 'The effect of memory size on the evolutionary "
        "stability of strategies in iterated prisoner's dilemma', IEEE Trans. Evol. "
        "Comput. 18:819-826"
    ),
    memory_depth=None,
    tags=TAGS,
    axelrod_name="MEM2",
)
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
