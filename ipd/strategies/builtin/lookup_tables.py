"""Deterministic lookup-table strategies (LookerUp), as data for the lookup-table family.

Each table is keyed on the strategy's own last moves, the opponent's last
moves and the opponent's first moves; the key order is the one of
:mod:`ipd.strategies.families.lookup_table` (own moves, then the opponent's,
then its openings, oldest first, C before D), in which Axelrod-Python 4.14
writes its patterns, so the published patterns are used as they stand.

Memory depth: a table that reads the opponent's first moves remembers them
for the whole match (``None``); one that does not looks back
``max(plays, op_plays)`` rounds.
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies import catalogue
from ipd.strategies.families import LookupTable

HARPER_2017 = (
    "M. Harper, V. Knight, M. Jones, G. Koutsovoulos, N. E. Glynatsi and O. Campbell (2017), "
    "'Reinforcement learning produces dominant strategies for the Iterated Prisoner's "
    "Dilemma', PLoS ONE 12(12):e0188046"
)
MATHIEU_2015 = (
    "P. Mathieu and J.-P. Delahaye (2015), 'New Winning Strategies for the Iterated "
    "Prisoner's Dilemma', Proceedings of AAMAS 2015"
)
AXELROD_DATA = "table as published in Axelrod-Python 4.14"


def evolved_lookerup_2_2_2(game: Game) -> LookupTable:
    """A 2-2-2 LookerUp trained by an evolutionary algorithm (Harper et al. 2017).

    One of the strongest strategies of the paper's standard tournament; the 64
    entries are the published pattern, the first two moves are C, C.
    """
    pattern = "CDDCDCDDCDDDCDDDDDCDCDCCCDDCCDCDDDCCCCCDDDCDDDDDDDDDCCDDCDDDCCCD"
    return LookupTable(2, 2, 2, pattern, initial="CC")


catalogue.register(__name__)
