"""Deterministic memory-two strategies of Hilbe et al. (2017), as data for the memory-n family.

C. Hilbe, L. A. Martinez-Vaquero, K. Chatterjee and M. A. Nowak (2017),
"Memory-n strategies of direct reciprocity", PNAS 114(18):4715-4720, study
the all-or-none rules AON_k. The paper gives several memory-two vectors that
behave alike on the path of play; we use the ones Axelrod-Python 4.14 chose
(its docstrings give the self-co-operation rates that decided the choice).
Vectors are in :class:`~ipd.strategies.families.MemoryN`'s order: own last
two moves, then the opponent's, oldest first.
"""

from __future__ import annotations

from ipd.strategies import catalogue

catalogue.register(__name__)
