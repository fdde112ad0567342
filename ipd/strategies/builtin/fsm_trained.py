"""Finite-state machines trained by evolutionary algorithms (Harper et al. 2017; Knight et al.
2018), as data for the FSM family.

Transition tables as published in Axelrod-Python 4.14, in its state labels,
renumbered by :meth:`~ipd.strategies.families.FiniteStateMachine.from_rows`. As for
Ashlock's machines, memory depth is declared unbounded (none of them forgets
its state after a fixed number of moves).
"""

from __future__ import annotations

from ipd.strategies import catalogue

catalogue.register(__name__)
