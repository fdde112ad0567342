"""Generic strategy families played from data by one compiled step each.

* :class:`MemoryOne`: four conditional probabilities of co-operating after
  CC, CD, DC, DD (own move first) and the probability of co-operating first.
* :class:`FiniteStateMachine`: a transition table ``(state, opponent's last
  move) -> (next state, move)``, an initial state and a first move.
* :class:`LookupTable`, :class:`Gambler`, :class:`MemoryN`: tables of moves or
  probabilities keyed on recent moves (one step, :func:`table_step`, plays all three);
  :class:`HiddenMarkovModel`, :class:`NeuralNetwork` and :class:`Cycler`;
  :class:`Team`, a team of the others combined by a rule (majority, winner, ...).

:data:`FAMILIES` maps the name a user TOML file gives (``family = "fsm"``)
to the family's class; see :mod:`.base` for what a family provides.
"""

from ipd.strategies.families.base import FAMILIES, Declared, family
from ipd.strategies.families.fsm import FiniteStateMachine, fsm_step
from ipd.strategies.families.memory_one import MemoryOne, memory_one_step

# isort: split
# Registered after the two above, so FAMILIES keeps them first.
from ipd.strategies.families.ann import NeuralNetwork, ann_step
from ipd.strategies.families.cycler import Cycler, cycler_step
from ipd.strategies.families.gambler import Gambler
from ipd.strategies.families.hmm import HiddenMarkovModel, hmm_step
from ipd.strategies.families.lookup_table import LookupTable, table_step
from ipd.strategies.families.memory_n import MemoryN
from ipd.strategies.families.team import Team, team_step

__all__ = [
    "FAMILIES",
    "Cycler",
    "Declared",
    "FiniteStateMachine",
    "Gambler",
    "HiddenMarkovModel",
    "LookupTable",
    "MemoryN",
    "MemoryOne",
    "NeuralNetwork",
    "Team",
    "ann_step",
    "cycler_step",
    "family",
    "fsm_step",
    "hmm_step",
    "memory_one_step",
    "table_step",
    "team_step",
]
