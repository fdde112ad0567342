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

from ipd.core.game import Game
from ipd.strategies.families import MemoryN
from ipd.strategies.registry import strategy

HILBE_2017 = (
    "C. Hilbe, L. A. Martinez-Vaquero, K. Chatterjee and M. A. Nowak (2017), 'Memory-n "
    "strategies of direct reciprocity', PNAS 114(18):4715-4720; vector as chosen in "
    "Axelrod-Python 4.14"
)
TAGS = ("hilbe_2017", "memory_two")


@strategy(
    "aon2",
    "AON2",
    aliases=("all_or_none_2",),
    description=(
        "All-or-none with memory two: co-operates only if both players made the same choice "
        "in each of the last two rounds; starts C, C."
    ),
    source=HILBE_2017,
    memory_depth=2,
    tags=TAGS,
    axelrod_name="AON2",
)
def aon2(game: Game) -> MemoryN:
    """AON2: C after (CC,CC), (CD,CD), (DC,DC), (DD,DD), that is when own and opponent's
    moves agreed in both of the last two rounds; D otherwise."""
    return MemoryN(2, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], first="CC")


@strategy(
    "delayed_aon1",
    "Delayed AON1",
    aliases=("delayed_all_or_none_1",),
    description=(
        "A memory-two relative of win-stay lose-shift: co-operates after the histories "
        "(CC,CC), (CD,CD), (CD,DD), (DD,CD), (DC,DC) and (DD,DD); starts C, C."
    ),
    source=HILBE_2017,
    memory_depth=2,
    tags=TAGS,
    axelrod_name="Delayed AON1",
)
def delayed_aon1(game: Game) -> MemoryN:
    """Delayed AON1 (AON1 itself is win-stay lose-shift): histories written own two
    moves, opponent's two moves."""
    return MemoryN(2, [1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1], first="CC")
