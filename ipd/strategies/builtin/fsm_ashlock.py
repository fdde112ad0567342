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
from ipd.strategies import catalogue
from ipd.strategies.families import FiniteStateMachine

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


def predator(game: Game) -> FiniteStateMachine:
    """Predator: an exploiter that evolved in small populations."""
    rows = (
        "0C0D 0D1D 1C2D 1D3D 2C4C 2D3D 3C5D 3D4C 4C2C 4D6D 5C7D 5D3D 6C7C 6D7D 7C8D 7D7D 8C8D 8D6D"
    )
    return machine(rows, 0, "C")


catalogue.register(__name__)
