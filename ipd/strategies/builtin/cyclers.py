"""Cyclers: fixed sequences of moves played over and over, as data for the cycler family.

Axelrod-Python 4.14's named cyclers (after M. Harper); CCD and DDC are the
periodic players of Mittal and Deb (2009). Each plays the move of its cycle
at the turn's position, whatever the opponent does; with noise a flipped
move does not shift the cycle. Memory depth: Axelrod-Python declares
``len(cycle) - 1``, true when a player's own moves are exactly its intended
ones; with noise the position in the cycle is known only from the turn
number, so we declare it unbounded.
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies.families import Cycler
from ipd.strategies.registry import strategy

HARPER = "Axelrod-Python 4.14's cyclers (original name by M. Harper)"
MITTAL_2009 = (
    "S. Mittal and K. Deb (2009), 'Optimal strategies of the iterated prisoner's dilemma "
    "problem for multiple conflicting objectives', IEEE Transactions on Evolutionary "
    "Computation 13(3):554-565 (periodic player)"
)
TAGS = ("cycler",)


def _cycler(cycle: str, source: str, tag: str):
    """Register the cycler that plays ``cycle`` repeatedly."""

    def build(game: Game) -> Cycler:
        return Cycler(cycle)

    build.__doc__ = f"Plays {', '.join(cycle)} over and over."
    return strategy(
        f"cycler_{cycle.lower()}",
        f"Cycler {cycle}",
        aliases=(f"cycler{cycle.lower()}", f"periodic_{cycle.lower()}"),
        description=f"Plays {', '.join(cycle)} over and over, whatever the opponent does.",
        source=source,
        memory_depth=None,
        tags=(*TAGS, tag),
        axelrod_name=f"Cycler {cycle}",
    )(build)


cycler_dc = _cycler("DC", HARPER, "axelrod_python")
cycler_ccd = _cycler("CCD", f"{MITTAL_2009}; {HARPER}", "mittal_deb_2009")
cycler_ddc = _cycler("DDC", f"{MITTAL_2009}; {HARPER}", "mittal_deb_2009")
cycler_cccd = _cycler("CCCD", HARPER, "axelrod_python")
cycler_ccccd = _cycler("CCCCCD", HARPER, "axelrod_python")
cycler_cccdcd = _cycler("CCCDCD", HARPER, "axelrod_python")
