"""Zero-determinant memory-one strategies beyond the classic two, as data for the memory-one family.

Each is Stewart and Plotkin's parametrisation (see
:func:`ipd.strategies.builtin.classic.zero_determinant`) with the slope ``s``,
scale ``phi`` and baseline ``l`` Axelrod-Python 4.14 gives it. Where the
baseline is written as a number (1, 2 or 3) it is that number of points,
whatever the payoffs: P, (R + P) / 2 and R of the usual game (3, 0, 5, 1).
For payoffs that put a vector outside [0, 1], building the strategy fails
with a message naming phi and s.
"""

from __future__ import annotations

from ipd.game import Game
from ipd.strategies.builtin.classic import zero_determinant
from ipd.strategies.families import MemoryOne
from ipd.strategies.registry import strategy

PROBABILITY = (0.0, 1.0)
SLOPE = (-1.0, 1.0)
TAGS = ("zero_determinant",)
ROEMHELD_2013 = (
    "L. Roemheld (2013), 'Evolutionary Extortion and Mischief: Zero Determinant strategies in "
    "iterated 2x2 games', arXiv:1308.2576"
)
KUHN_2017 = (
    "S. Kuhn (2017), 'Prisoner's Dilemma', The Stanford Encyclopedia of Philosophy "
    "(Spring 2017 Edition)"
)
PRESS_DYSON_2012 = (
    "W. H. Press and F. J. Dyson (2012), 'Iterated Prisoner's Dilemma contains strategies "
    "that dominate any evolutionary opponent', PNAS 109(26):10409-10413"
)
PARAMS = "parameters as in Axelrod-Python 4.14"


def _zd(id_, name, *, description, source, phi, s, baseline, axelrod_name, aliases=()):
    """Register a ZD strategy with fixed baseline ``baseline`` and default ``phi``, ``s``."""

    def build(game: Game, phi: float = phi, s: float = s) -> MemoryOne:
        return zero_determinant(game, phi, s, baseline=baseline)

    build.__doc__ = f"Zero-determinant: phi = {phi:.6g}, s = {s:.6g}, baseline l = {baseline:g}."
    return strategy(
        id_,
        name,
        aliases=aliases,
        description=description,
        source=f"{source}; {PARAMS}",
        memory_depth=1,
        stochastic=True,
        uses_payoffs=True,
        tags=TAGS,
        params={"phi": PROBABILITY, "s": SLOPE},
        axelrod_name=axelrod_name,
    )(build)


zd_extortion = _zd(
    "zd_extortion",
    "ZD-Extortion",
    aliases=("zdextortion",),
    description="An extortionate zero-determinant strategy whose surplus over 1 is ten times "
    "the opponent's.",
    source=ROEMHELD_2013,
    phi=0.2,
    s=0.1,
    baseline=1,
    axelrod_name="ZD-Extortion",
)
zd_extort_2_v2 = _zd(
    "zd_extort_2_v2",
    "ZD-Extort-2 v2",
    aliases=("zdextort2v2", "extort2_v2"),
    description="Extort-2 with phi = 1/8 and baseline 1: its surplus over 1 is twice the "
    "opponent's.",
    source=KUHN_2017,
    phi=1 / 8,
    s=0.5,
    baseline=1,
    axelrod_name="ZD-Extort-2 v2",
)
zd_extort3 = _zd(
    "zd_extort3",
    "ZD-Extort3",
    aliases=("zdextort3", "extort3"),
    description="An extortionate zero-determinant strategy whose surplus over 1 is three times "
    "the opponent's.",
    source=PRESS_DYSON_2012,
    phi=3 / 26,
    s=1 / 3,
    baseline=1,
    axelrod_name="ZD-Extort3",
)
zd_extort4 = _zd(
    "zd_extort4",
    "ZD-Extort-4",
    aliases=("zdextort4", "extort4"),
    description="An extortionate zero-determinant strategy whose surplus over 1 is four times "
    "the opponent's.",
    source="Axelrod-Python 4.14's Extort 4 (original name by M. Harper)",
    phi=4 / 17,
    s=0.25,
    baseline=1,
    axelrod_name="ZD-Extort-4",
)
zd_gen2 = _zd(
    "zd_gen2",
    "ZD-GEN-2",
    aliases=("zdgen2", "gen2"),
    description="A generous zero-determinant strategy: its own shortfall below 3 is twice the "
    "opponent's.",
    source=KUHN_2017,
    phi=1 / 8,
    s=0.5,
    baseline=3,
    axelrod_name="ZD-GEN-2",
)
zd_mischief = _zd(
    "zd_mischief",
    "ZD-Mischief",
    aliases=("zdmischief",),
    description="A zero-determinant strategy with slope 0 that sets the opponent's long-run "
    "score to 1 point a round.",
    source=ROEMHELD_2013,
    phi=0.1,
    s=0.0,
    baseline=1,
    axelrod_name="ZD-Mischief",
)
zd_set2 = _zd(
    "zd_set2",
    "ZD-SET-2",
    aliases=("zdset2", "set2"),
    description="An equaliser zero-determinant strategy: whatever the opponent does, its "
    "long-run score is 2 points a round.",
    source=KUHN_2017,
    phi=1 / 4,
    s=0.0,
    baseline=2,
    axelrod_name="ZD-SET-2",
)
