"""Dan Ashlock's and Wendy Ashlock's finite-state machines, as data for the FSM family.

The transition tables are those published in Axelrod-Python 4.14, written in
its state labels as ``"1C2D"`` = "in state 1, after the opponent's C, go to
state 2 and play D". The FSM family numbers states 0..n-1, so :func:`machine`
renumbers Axelrod-Python's labels in increasing order (1, 2, 3 become 0, 1,
2; labels with no transitions are dropped); the behaviour is unchanged.

Memory depth: Axelrod-Python declares some of these machines memory-two or
-three, which holds when a player's own moves reveal its state. Our
histories are the moves after noise, and no machine here forgets its state
after a fixed number of opponent moves (none has a synchronising word), so
two histories agreeing on their last d rounds can leave it in different
states: every machine is declared unbounded.
"""

from __future__ import annotations

import re

from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.registry import strategy

_ROW = re.compile(r"(\d+)([CD])(\d+)([CD])")

ASHLOCK_2006 = (
    "D. Ashlock, E. Y. Kim and N. Leahy (2006), 'Understanding Representational Sensitivity in "
    "the Iterated Prisoner's Dilemma with Fingerprints', IEEE Transactions on Systems, Man, "
    "and Cybernetics, Part C 36(4)"
)
ASHLOCK_2006B = (
    "W. Ashlock and D. Ashlock (2006), 'Changes in Prisoner's Dilemma Strategies Over "
    "Evolutionary Time With Different Population Sizes', IEEE Congress on Evolutionary "
    "Computation 2006, doi:10.1109/CEC.2006.1688322"
)
ASHLOCK_2008 = (
    "D. Ashlock and E. Y. Kim (2008), 'Fingerprinting: Visualization and Automatic Analysis "
    "of Prisoner's Dilemma Strategies', IEEE Transactions on Evolutionary Computation "
    "12(5):647-659"
)
ASHLOCK_2009 = (
    "D. Ashlock, E. Y. Kim and W. Ashlock (2009), 'Fingerprint Analysis of the Noisy "
    "Prisoner's Dilemma Using a Finite-State Representation', IEEE Transactions on "
    "Computational Intelligence and AI in Games 1(2):154-167"
)
ASHLOCK_2014 = (
    "W. Ashlock, J. Tsang and D. Ashlock (2014), 'The evolution of exploitation', IEEE "
    "Symposium on Foundations of Computational Intelligence (FOCI) 2014, "
    "doi:10.1109/FOCI.2014.7007818"
)
ASHLOCK_2015 = (
    "D. Ashlock, J. A. Brown and P. Hingston (2015), 'Multiple Opponent Optimization of "
    "Prisoner's Dilemma Playing Agents', IEEE Transactions on Computational Intelligence "
    "and AI in Games 7(1):53-65, doi:10.1109/TCIAIG.2014.2326012"
)
TABLE = "transition table as published in Axelrod-Python 4.14"
TAGS = ("ashlock", "fsm")


def machine(rows: str, initial_state: int, first_move: str) -> FiniteStateMachine:
    """A machine from rows ``"1C2D 1D1D ..."`` in any state labels, renumbered 0..n-1."""
    parsed = _ROW.findall(rows)
    if len(parsed) != len(rows.split()):
        raise IpdError(f"cannot read machine rows {rows!r}")
    labels = sorted({int(r[0]) for r in parsed})
    number = {label: k for k, label in enumerate(labels)}
    transitions = [(number[int(a)], o, number[int(b)], m) for a, o, b, m in parsed]
    return FiniteStateMachine(
        transitions, initial_state=number[initial_state], first_move=first_move
    )


@strategy(
    "fortress3",
    "Fortress3",
    aliases=("fortress_3",),
    description=(
        "Defects until the opponent defects twice in a row, then co-operates for as long as "
        "the opponent does; any defection sends it back to the start."
    ),
    source=f"{ASHLOCK_2006B}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Fortress3",
)
def fortress3(game: Game) -> FiniteStateMachine:
    """Fortress3: a handshake of two opponent defections opens the fortress.

    Axelrod-Python notes that the description in Lee, Hingston and Kendall
    (2011) is wrong; this is the machine of the CEC 2006 paper.
    """
    return machine("1C1D 1D2D 2C1D 2D3C 3C3C 3D1D", 1, "D")


@strategy(
    "fortress4",
    "Fortress4",
    aliases=("fortress_4",),
    description=(
        "Defects until the opponent defects three times in a row, then co-operates for as "
        "long as the opponent does; any defection sends it back to the start."
    ),
    source=f"{ASHLOCK_2006B}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Fortress4",
)
def fortress4(game: Game) -> FiniteStateMachine:
    """Fortress4: like :func:`fortress3` with a handshake of three defections."""
    return machine("1C1D 1D2D 2C1D 2D3D 3C1D 3D4C 4C4C 4D1D", 1, "D")


@strategy(
    "predator",
    "Predator",
    description=(
        "A nine-state machine that opens with C and then mostly defects, co-operating only "
        "in a few states reached through particular runs of the opponent's moves."
    ),
    source=f"{ASHLOCK_2006B}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Predator",
)
def predator(game: Game) -> FiniteStateMachine:
    """Predator: an exploiter that evolved in small populations."""
    rows = (
        "0C0D 0D1D 1C2D 1D3D 2C4C 2D3D 3C5D 3D4C 4C2C 4D6D 5C7D 5D3D 6C7C 6D7D 7C8D 7D7D 8C8D 8D6D"
    )
    return machine(rows, 0, "C")


@strategy(
    "pun1",
    "Pun1",
    aliases=("punish_once",),
    description=(
        "Opens with D; from then on it co-operates unconditionally on every other move and "
        "plays tit for tat on the moves in between."
    ),
    source=f"{ASHLOCK_2006}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Pun1",
)
def pun1(game: Game) -> FiniteStateMachine:
    """Pun1: two states, one co-operating whatever happened, one copying the opponent."""
    return machine("1C2C 1D2C 2C1C 2D1D", 1, "D")


@strategy(
    "raider",
    "Raider",
    description=(
        "Defects unless the opponent answers its opening with two defections in a row, in "
        "which case it co-operates and turns into tit for tat for good."
    ),
    source=f"{ASHLOCK_2014}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Raider",
)
def raider(game: Game) -> FiniteStateMachine:
    """Raider: an exploiter with a defection handshake leading to a tit-for-tat state.

    From its start it defects twice; a D from the opponent on the second of
    those moves draws a C, and another D then a C and tit for tat for ever; a
    C from the opponent at either point sends it back to the start.
    """
    return machine("0C2D 0D2D 1C1C 1D1D 2C0D 2D3C 3C0D 3D1C", 0, "D")


@strategy(
    "ripoff",
    "Ripoff",
    aliases=("rip_off",),
    description=(
        "Opens with D, then alternates C and D while the opponent keeps co-operating; the "
        "opponent's first defection turns it into tit for tat."
    ),
    source=f"{ASHLOCK_2008}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Ripoff",
)
def ripoff(game: Game) -> FiniteStateMachine:
    """Ripoff: exploits unconditional co-operators; its third state is tit for tat."""
    return machine("1C2C 1D3C 2C1D 2D3C 3C3C 3D3D", 1, "D")


@strategy(
    "usually_cooperates",
    "Usually Cooperates",
    aliases=("usuallycooperates", "uc"),
    description=(
        "Co-operates, except that it defects when the opponent co-operates right after a run "
        "of defections of odd length."
    ),
    source=f"{ASHLOCK_2009}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="UsuallyCooperates",
)
def usually_cooperates(game: Game) -> FiniteStateMachine:
    """Usually Cooperates (UC): its second state means "the opponent's current run of
    defections has odd length"; a C there is answered with D."""
    return machine("1C1C 1D2C 2C1D 2D1C", 1, "C")


@strategy(
    "usually_defects",
    "Usually Defects",
    aliases=("usuallydefects", "ud"),
    description=(
        "Defects, except that it co-operates when the opponent defects right after a run of "
        "co-operations of odd length."
    ),
    source=f"{ASHLOCK_2009}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="UsuallyDefects",
)
def usually_defects(game: Game) -> FiniteStateMachine:
    """Usually Defects (UD): the mirror image of :func:`usually_cooperates`."""
    return machine("1C2D 1D1D 2C1D 2D1C", 1, "D")


@strategy(
    "solution_b1",
    "SolutionB1",
    aliases=("solutionb1",),
    description=(
        "Defects until it has answered the opponent's first co-operation with a defection, "
        "then co-operates for ever."
    ),
    source=f"{ASHLOCK_2015}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="SolutionB1",
)
def solution_b1(game: Game) -> FiniteStateMachine:
    """SolutionB1: a three-state machine optimised against several opponents."""
    return machine("1C2D 1D1D 2C2C 2D3C 3C3C 3D3C", 1, "D")


@strategy(
    "solution_b5",
    "SolutionB5",
    aliases=("solutionb5",),
    description=(
        "A six-state machine optimised against several opponents at once: it opens with D and "
        "mixes retaliation with returns to co-operation."
    ),
    source=f"{ASHLOCK_2015}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="SolutionB5",
)
def solution_b5(game: Game) -> FiniteStateMachine:
    """SolutionB5: six states."""
    return machine("1C2C 1D6D 2C2C 2D3D 3C6C 3D1D 4C3C 4D6D 5C5D 5D4D 6C3C 6D5D", 1, "D")


@strategy(
    "thumper",
    "Thumper",
    description=(
        "Co-operates until the opponent defects, then defects twice whatever the opponent "
        "does in between, and starts again."
    ),
    source=f"{ASHLOCK_2008}; {TABLE}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="Thumper",
)
def thumper(game: Game) -> FiniteStateMachine:
    """Thumper: two states; a defection costs the opponent two."""
    return machine("1C1C 1D2D 2C1D 2D1D", 1, "C")
