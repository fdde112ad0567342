"""Named memory-one rules: fixed probabilities of co-operating after CC, CD, DC and DD.

Zero-determinant memory-one rules are in :mod:`.zero_determinant`, the
classic ones (tit for tat, WSLS, GTFT, ...) in :mod:`.classic`.
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies import catalogue
from ipd.strategies.families import MemoryOne


def firm_but_fair(game: Game) -> MemoryOne:
    return MemoryOne(1, 0, 1, 2 / 3, first=1)


def stochastic_wsls(game: Game, ep: float = 0.05) -> MemoryOne:
    return MemoryOne(1 - ep, ep, ep, 1 - ep, first=1)


def soft_joss(game: Game, q: float = 0.9) -> MemoryOne:
    return MemoryOne(1, 1 - q, 1, 1 - q, first=1)


def allc_or_alld(game: Game, first: float = 0.6) -> MemoryOne:
    return MemoryOne(1, 1, 0, 0, first=first)


catalogue.register(__name__)
