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
from ipd.strategies.families import LookupTable
from ipd.strategies.registry import strategy

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


@strategy(
    "evolved_lookerup_1_1_1",
    "Evolved LookerUp 1 1 1",
    aliases=("evolvedlookerup1_1_1",),
    description=(
        "An evolved table over both last moves and the opponent's opening: co-operates after "
        "mutual co-operation if the opponent opened with C, after its own D against a C if "
        "the opponent opened with D, and defects otherwise."
    ),
    source=f"{HARPER_2017}; {AXELROD_DATA}",
    memory_depth=None,
    tags=("harper_2017", "lookup_table"),
    axelrod_name="EvolvedLookerUp1_1_1",
)
def evolved_lookerup_1_1_1(game: Game) -> LookupTable:
    """A 1-1-1 LookerUp trained by an evolutionary algorithm (Harper et al. 2017).

    Keys (own last, opponent's last, opponent's first) in order CCC, CCD, CDC,
    ..., DDD map to C D D D D C D D; the first move is C.
    """
    return LookupTable(1, 1, 1, "CDDDDCDD", initial="C")


@strategy(
    "evolved_lookerup_2_2_2",
    "Evolved LookerUp 2 2 2",
    aliases=("evolvedlookerup2_2_2",),
    description=(
        "An evolved table over both players' last two moves and the opponent's first two; "
        "co-operates on the first two moves."
    ),
    source=f"{HARPER_2017}; {AXELROD_DATA}",
    memory_depth=None,
    tags=("harper_2017", "lookup_table"),
    axelrod_name="EvolvedLookerUp2_2_2",
)
def evolved_lookerup_2_2_2(game: Game) -> LookupTable:
    """A 2-2-2 LookerUp trained by an evolutionary algorithm (Harper et al. 2017).

    One of the strongest strategies of the paper's standard tournament; the 64
    entries are the published pattern, the first two moves are C, C.
    """
    pattern = "CDDCDCDDCDDDCDDDDDCDCDCCCDDCCDCDDDCCCCCDDDCDDDDDDDDDCCDDCDDDCCCD"
    return LookupTable(2, 2, 2, pattern, initial="CC")


@strategy(
    "winner12",
    "Winner12",
    aliases=("winner_12",),
    description=(
        "After its own C it copies the opponent's last move; after its own D it co-operates "
        "only if the opponent's last two moves were C then D; starts C, C."
    ),
    source=f"{MATHIEU_2015}; {AXELROD_DATA}",
    memory_depth=2,
    tags=("mathieu_2015", "lookup_table"),
    axelrod_name="Winner12",
)
def winner12(game: Game) -> LookupTable:
    """Winner12 (Mathieu and Delahaye 2015), keyed on its own last move and the opponent's
    last two.

    Keys (own last; opponent's second-last, last) C;CC, C;CD, C;DC, C;DD,
    D;CC, ..., D;DD map to C D C D D C D D; first moves C, C.
    """
    return LookupTable(1, 2, 0, "CDCDDCDD", initial="CC")


@strategy(
    "winner21",
    "Winner21",
    aliases=("winner_21",),
    description=(
        "After its own C it copies the opponent's last move; after its own D it co-operates "
        "only if the opponent's last two moves were both C; starts D, C."
    ),
    source=f"{MATHIEU_2015}; {AXELROD_DATA}",
    memory_depth=2,
    tags=("mathieu_2015", "lookup_table"),
    axelrod_name="Winner21",
)
def winner21(game: Game) -> LookupTable:
    """Winner21 (Mathieu and Delahaye 2015).

    Keys as for :func:`winner12` (own last move; opponent's last two) map to
    C D C D C D D D; first moves D, C. Interpretation: Axelrod-Python keys
    both Winner rules on one own move and two opponent moves; we follow it,
    having no other published table.
    """
    return LookupTable(1, 2, 0, "CDCDCDDD", initial="DC")
