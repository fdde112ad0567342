"""The probabilistic lookup-table family (Gambler): a LookerUp whose entries are probabilities."""

from __future__ import annotations

from dataclasses import dataclass

from ipd.strategies.families.base import family
from ipd.strategies.families.lookup_table import TABLE_KEYS, TableFamily, table_params, table_step
from ipd.strategies.families.values import probabilities, stochastic
from ipd.strategies.registry import Behaviour


@family("gambler", keys=TABLE_KEYS)
@dataclass(frozen=True)
class Gambler(TableFamily):
    """A lookup table of probabilities of co-operating (Harper et al. 2017's Gambler).

    Keyed exactly as :class:`~ipd.strategies.families.lookup_table.LookupTable`
    (see that module for the key order) and played by the same compiled step.

    Parameters
    ----------
    plays, op_plays, op_start_plays : the sizes of the three keys.
    table : ``2 ** (plays + op_plays + op_start_plays)`` probabilities of co-operating.
    initial : probabilities (or moves ``"C"``/``"D"``) for the first
        ``max(plays, op_plays, op_start_plays)`` turns; all C if omitted.
    """

    plays: int
    op_plays: int
    op_start_plays: int
    table: tuple
    initial: str | tuple | None = None

    _entries = staticmethod(probabilities)
    _first = 1.0

    @property
    def stochastic(self) -> bool:
        return stochastic(self.table) or stochastic(self.initial)

    def behaviour(self) -> Behaviour:
        params = table_params(
            self.plays, self.op_plays, self.op_start_plays, self.initial, self.table
        )
        return Behaviour(table_step, params, self.stochastic)
