"""Finite-state machines trained by evolutionary algorithms (Harper et al. 2017; Knight et al.
2018), as data for the FSM family.

Transition tables as published in Axelrod-Python 4.14, in its state labels,
renumbered by :func:`~ipd.strategies.builtin.fsm_ashlock.machine`. As for
Ashlock's machines, memory depth is declared unbounded (none of them forgets
its state after a fixed number of moves).
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies import catalogue
from ipd.strategies.builtin.fsm_ashlock import machine
from ipd.strategies.families import FiniteStateMachine

KNIGHT_2018 = (
    "V. Knight, M. Harper, N. E. Glynatsi and O. Campbell (2018), 'Evolution reinforces "
    "cooperation with the emergence of self-recognition mechanisms: An empirical study of "
    "strategies in the Moran process for the iterated prisoner's dilemma', PLoS ONE "
    "13(10):e0204981"
)
HARPER_TAGS = ("harper_2017", "fsm")
MORAN_TAGS = ("knight_2018", "fsm")


def evolved_fsm_16(game: Game) -> FiniteStateMachine:
    """Evolved FSM 16: labels 4 and 9 have no transitions and are dropped."""
    rows = (
        "0C0C 0D12D 1C3D 1D6C 2C2D 2D14D 3C3D 3D3D 5C12D 5D10D 6C5C 6D12D 7C3D 7D1C 8C5C "
        "8D5C 10C11D 10D8C 11C15D 11D5D 12C8C 12D11D 13C13D 13D7D 14C13D 14D13D 15C15D 15D2C"
    )
    return machine(rows, 0, "C")


def evolved_fsm_16_noise05(game: Game) -> FiniteStateMachine:
    """Evolved FSM 16 Noise 05: labels 7 and 9 have no transitions and are dropped."""
    rows = (
        "0C8C 0D3D 1C13C 1D15D 2C12C 2D3D 3C10C 3D3D 4C5D 4D4D 5C4D 5D10D 6C8C 6D6D 8C2C "
        "8D4D 10C4D 10D1D 11C14D 11D13C 12C13C 12D2C 13C13C 13D6C 14C3D 14D13D 15C5D 15D11C"
    )
    return machine(rows, 0, "C")


def tf1(game: Game) -> FiniteStateMachine:
    """TF1: sixteen states, first move C."""
    rows = (
        "0C7C 0D1C 1C11D 1D11D 2C8D 2D8C 3C3C 3D12D 4C6C 4D3C 5C11C 5D8D 6C13D 6D14C 7C4D "
        "7D2D 8C14D 8D8D 9C0C 9D10D 10C8C 10D15C 11C6D 11D5D 12C6D 12D9D 13C9D 13D8D 14C8D "
        "14D13D 15C4C 15D5C"
    )
    return machine(rows, 0, "C")


def tf2(game: Game) -> FiniteStateMachine:
    """TF2: labels 5 and 6 have no transitions and are dropped (fourteen states)."""
    rows = (
        "0C13D 0D12D 1C3D 1D4D 2C14D 2D9D 3C0C 3D1D 4C1D 4D2D 7C12D 7D2D 8C7D 8D9D 9C8D "
        "9D0D 10C2C 10D15C 11C7D 11D13D 12C3C 12D8D 13C7C 13D10D 14C10D 14D7D 15C15C 15D11D"
    )
    return machine(rows, 0, "C")


def tf3(game: Game) -> FiniteStateMachine:
    """TF3: eight states, first move C."""
    rows = "0C0C 0D3C 1C5D 1D0C 2C3C 2D2D 3C4D 3D6D 4C3C 4D1D 5C6C 5D3D 6C6D 6D6D 7C7D 7D5C"
    return machine(rows, 0, "C")


catalogue.register(__name__)
