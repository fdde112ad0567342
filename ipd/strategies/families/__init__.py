"""Generic strategy families played from data by one compiled step each.

* :class:`MemoryOne`: four conditional probabilities of co-operating after
  CC, CD, DC, DD (own move first) and the probability of co-operating first.
* :class:`FiniteStateMachine`: a transition table ``(state, opponent's last
  move) -> (next state, move)``, an initial state and a first move.

:data:`FAMILIES` maps the name a user TOML file gives (``family = "fsm"``)
to the family's class; see :mod:`.base` for what a family provides.
"""

from ipd.strategies.families.base import FAMILIES, Declared, family
from ipd.strategies.families.fsm import FiniteStateMachine, fsm_step
from ipd.strategies.families.memory_one import MemoryOne, memory_one_step

__all__ = [
    "FAMILIES",
    "Declared",
    "FiniteStateMachine",
    "MemoryOne",
    "family",
    "fsm_step",
    "memory_one_step",
]
