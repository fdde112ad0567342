"""Grudgers and forgivers: rules that punish defections for good, for a while, or not at all.

Rules that read only the opponent's moves are finite-state machines grown by
:func:`._builders.machine` (the machine never sees its own moves, which these
rules do not read either); the others are compiled steps.
"""

from __future__ import annotations

import numpy as np

from ipd.core.game import Game
from ipd.engine.random import uniform
from ipd.strategies.builtin._builders import RecentMoves, machine, whole_number
from ipd.strategies.builtin._sources import AXELROD_PYTHON, LI_2011, PRISON
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.registry import step, strategy

TAGS = ("grudgers",)


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


@strategy(
    "aggravater",
    "Aggravater",
    description="Defects on its first three moves, then plays grudger.",
    source=f"T. Campbell's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Aggravater",
)
def aggravater(game: Game) -> FiniteStateMachine:
    return _flag_machine("D", "D", "DDD", "D", "C")


@strategy(
    "spiteful_cc",
    "Spiteful CC",
    description="Co-operates on its first two moves, then plays grudger.",
    source=(
        "P. Mathieu and J.-P. Delahaye (2015), 'New winning strategies for the iterated "
        "prisoner's dilemma', Proc. AAMAS 2015, 1665-1666 (spiteful_cc)"
    ),
    memory_depth=None,
    tags=(*TAGS, "mathieu_2015"),
    axelrod_name="SpitefulCC",
)
def spiteful_cc(game: Game) -> FiniteStateMachine:
    return _flag_machine("C", "D", "CC", "D", "C")


@strategy(
    "easy_go",
    "Easy Go",
    aliases=("reverse_grudger", "fool_me_forever"),
    description="Defects until the opponent defects once, then co-operates for ever.",
    source=f"{PRISON}; as Reverse Grudger (RGRIM) in {LI_2011}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="EasyGo",
)
def easy_go(game: Game) -> FiniteStateMachine:
    return _flag_machine("D", "D", "", "C", "D")


@strategy(
    "opposite_grudger",
    "Opposite Grudger",
    description="Defects until the opponent co-operates once, then co-operates for ever.",
    source=f"G. Palmer's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Opposite Grudger",
)
def opposite_grudger(game: Game) -> FiniteStateMachine:
    return _flag_machine("D", "C", "", "C", "D")


@strategy(
    "fool_me_once",
    "Fool Me Once",
    description="Co-operates until the opponent's second defection, then defects for ever.",
    source=f"M. Harper's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Fool Me Once",
)
def fool_me_once(game: Game) -> FiniteStateMachine:
    def rule(seen, last):
        seen = min(seen + (last == "D"), 2)
        return seen, "D" if seen > 1 else "C"

    return machine("C", 0, rule)


@strategy(
    "forgetful_grudger",
    "Forgetful Grudger",
    description=(
        "Grudger that forgets: a defection starts ten defections, and once they are played "
        "it co-operates again unless the opponent's last move was a defection."
    ),
    source=f"G. Palmer's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Forgetful Grudger",
)
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


@strategy(
    "general_soft_grudger",
    "General Soft Grudger",
    description=(
        "After n consecutive defections by the opponent, defects d times then co-operates "
        "c times, ignoring the opponent meanwhile (by default n, d, c = 1, 4, 2)."
    ),
    source=f"J. T. Smith's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    params={"n": (1, 50), "d": (1, 50), "c": (0, 50)},
    axelrod_name="General Soft Grudger",
)
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


@strategy(
    "soft_grudger",
    "Soft Grudger",
    aliases=("sgrim",),
    description=(
        "Co-operates until the opponent defects; then plays D, D, D, D, C, C whatever the "
        "opponent does, and co-operates again."
    ),
    source=LI_2011,
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Soft Grudger",
)
def soft_grudger(game: Game) -> FiniteStateMachine:
    return general_soft_grudger(game, 1, 4, 2)


@strategy(
    "once_bitten",
    "Once Bitten",
    description=(
        "Co-operates, forgiving single defections; after two defections in a row it "
        "defects for eleven moves, then forgives again."
    ),
    source=f"H. Marissa's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Once Bitten",
)
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


@strategy(
    "gradual_killer",
    "Gradual Killer",
    description=(
        "Plays D, D, D, D, D, C, C; then defects for ever if the opponent defected on "
        "moves 6 and 7, and co-operates for ever otherwise."
    ),
    source=PRISON,
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Gradual Killer",
)
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


@strategy(
    "capri",
    "CAPRI",
    description=(
        "A memory-three rule built from five principles: co-operate at mutual co-operation, "
        "accept punishment for one's own error, punish a defection once, recover from mutual "
        "defection, and defect otherwise."
    ),
    source=(
        "Y. Murase and S. K. Baek (2020), 'Five rules for friendly rivalry in direct "
        "reciprocity', Scientific Reports 10:16904"
    ),
    memory_depth=3,
    tags=TAGS,
    axelrod_name="CAPRI",
)
def capri(game: Game) -> RecentMoves:
    """The histories on which CAPRI co-operates are those of the paper's rules C, A, P and
    R (listed in ``_CAPRI_COOPERATES``); at (CCC, CCD) rule P defects, and every other
    history defects (rule I). Moves before the first count as mutual co-operation."""
    return RecentMoves(
        3, 3, lambda mine, theirs: "C" if (mine, theirs) in _CAPRI_COOPERATES else "D"
    )


# --------------------------------------------------------------------------- compiled rules


@strategy(
    "grudger_alternator",
    "Grudger Alternator",
    aliases=("c_then_per_dc",),
    description=(
        "Co-operates until the opponent defects once, then alternates D, C, D, C, ... for ever."
    ),
    source=PRISON,
    memory_depth=None,
    tags=TAGS,
    axelrod_name="GrudgerAlternator",
)
@step
def grudger_alternator(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Once the opponent has defected (memory[0] = 1), it plays the opposite of its own
    last move (as played, so noise shifts the alternation)."""
    if turn >= 1 and opp[turn - 1] == 1:
        memory[0] = 1
    if memory[0] == 1 and own[turn - 1] == 0:
        return 1
    return 0


@strategy(
    "forgiver",
    "Forgiver",
    description=(
        "Co-operates unless the opponent has defected on more than a tenth of the moves so far."
    ),
    source=f"T. Campbell's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    params={"threshold": (0.1, 0.0, 1.0), "copy_last": (0.0, 0.0, 1.0)},
    axelrod_name="Forgiver",
)
@step
def forgiver(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Forgiver, and Forgiving Tit For Tat (``copy_last = 1``).

    While the opponent's defections so far are more than ``threshold`` times
    the number of moves, Forgiver defects and Forgiving Tit For Tat copies the
    opponent's last move; otherwise both co-operate. memory[0] counts the
    opponent's defections.
    """
    if turn >= 1 and opp[turn - 1] == 1:
        memory[0] += 1
    if memory[0] > turn * params[0]:
        if params[1] == 1:
            return np.int64(opp[turn - 1])
        return 1
    return 0


strategy(
    "forgiving_tft",
    "Forgiving Tit For Tat",
    aliases=("forgiving_tit_for_tat",),
    description=(
        "Co-operates while the opponent has defected on at most a tenth of the moves so far; "
        "otherwise copies the opponent's last move."
    ),
    source=f"T. Campbell's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=(*TAGS, "tit_for_tat_variants"),
    params={"threshold": (0.1, 0.0, 1.0), "copy_last": (1.0, 0.0, 1.0)},
    axelrod_name="Forgiving Tit For Tat",
)(forgiver)


@strategy(
    "forgetful_fool_me_once",
    "Forgetful Fool Me Once",
    description=(
        "Fool Me Once that, on each move with probability 0.05, forgets the defections it "
        "has counted."
    ),
    source=f"M. Harper's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    params={"forget_probability": (0.05, 0.0, 1.0)},
    axelrod_name="Forgetful Fool Me Once",
)
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


@strategy(
    "grumpy",
    "Grumpy",
    description=(
        "Gets grumpier with each defection of the opponent and calmer with each "
        "co-operation; defects from when the balance exceeds 10 until it falls below -10."
    ),
    source=f"J. Young's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    params={
        "start_grumpy": (0.0, 0.0, 1.0),
        "grumpy_threshold": (10.0, -1e9, 1e9),
        "nice_threshold": (-10.0, -1e9, 1e9),
    },
    axelrod_name="Grumpy",
)
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


@strategy(
    "backstabber",
    "BackStabber",
    description=(
        "Forgives the opponent's first three defections and defects for ever from the "
        "fourth; defects on the last two moves when it knows the match length."
    ),
    source=f"T. Campbell's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    uses_length=True,
    tags=TAGS,
    params={"double_cross": (0.0, 0.0, 1.0)},
    axelrod_name="BackStabber",
)
@step
def backstabber(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """BackStabber, and DoubleCrosser (``double_cross = 1``).

    Co-operate until the opponent has defected four times in all, then defect;
    on the last two moves of a match of known length, defect. DoubleCrosser
    plays tit for two tats instead (defects only after two defections in a
    row) on moves 8 to 180 if the opponent did not defect on its first seven
    moves (the 180 is the rule's own constant, written for 200-move matches).
    memory[0] counts the opponent's defections.
    """
    if turn >= 1 and opp[turn - 1] == 1:
        memory[0] += 1
    if length >= 0 and turn >= length - 2:
        return 1
    if turn == 0:
        return 0
    if params[0] == 1 and 7 <= turn <= 179:
        clean = True
        for k in range(7):
            if opp[k] == 1:
                clean = False
        if clean:
            return 1 if opp[turn - 1] == 1 and opp[turn - 2] == 1 else 0
    return 1 if memory[0] > 3 else 0


strategy(
    "double_crosser",
    "DoubleCrosser",
    description=(
        "BackStabber that plays tit for two tats on moves 8 to 180 against an opponent that "
        "did not defect on its first seven moves."
    ),
    source=f"T. Campbell's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    uses_length=True,
    tags=TAGS,
    params={"double_cross": (1.0, 0.0, 1.0)},
    axelrod_name="DoubleCrosser",
)(backstabber)
