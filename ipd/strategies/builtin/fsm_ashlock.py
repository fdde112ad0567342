"""Dan Ashlock's and Wendy Ashlock's finite-state machines, as data for the FSM family.

The transition tables are those published in Axelrod-Python 4.14, written in
its state labels as ``"1C2D"`` = "in state 1, after the opponent's C, go to
state 2 and play D". The FSM family numbers states 0..n-1, so
:meth:`~ipd.strategies.families.FiniteStateMachine.from_rows` renumbers
Axelrod-Python's labels in increasing order (1, 2, 3 become 0, 1, 2; labels
with no transitions are dropped); the behaviour is unchanged.

Memory depth: Axelrod-Python declares some of these machines memory-two or
-three, which holds when a player's own moves reveal its state. Our
histories are the moves after noise, and no machine here forgets its state
after a fixed number of opponent moves (none has a synchronising word), so
two histories agreeing on their last d rounds can leave it in different
states: every machine is declared unbounded.
"""

from __future__ import annotations

from ipd.strategies import catalogue

catalogue.register(__name__)
