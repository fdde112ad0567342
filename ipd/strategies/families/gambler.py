"""The probabilistic lookup-table family (Gambler): a LookerUp whose entries are probabilities."""

from __future__ import annotations

from dataclasses import dataclass

from ipd.strategies.families.base import Declared, family
from ipd.strategies.families.lookup_table import (
    check_sizes,
    table_memory_depth,
    table_params,
    table_step,
)
from ipd.strategies.families.values import exactly, probabilities, stochastic
from ipd.strategies.registry import Behaviour


@family("gambler", keys=("plays", "op_plays", "op_start_plays", "table", "initial"))
@dataclass(frozen=True)
class Gambler:
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

    def __post_init__(self) -> None:
        plays, op_plays, op_start = check_sizes(self.plays, self.op_plays, self.op_start_plays)
        object.__setattr__(self, "plays", plays)
        object.__setattr__(self, "op_plays", op_plays)
        object.__setattr__(self, "op_start_plays", op_start)
        bits = plays + op_plays + op_start
        why = f"2^{bits} keys for plays={plays}, op_plays={op_plays}, op_start_plays={op_start}"
        table = exactly(probabilities(self.table, "table"), 2**bits, "table", why)
        object.__setattr__(self, "table", table)
        depth = max(plays, op_plays, op_start)
        initial = (1.0,) * depth if self.initial is None else probabilities(self.initial, "initial")
        why = f"one per turn before the table applies, max({plays}, {op_plays}, {op_start})"
        object.__setattr__(self, "initial", exactly(initial, depth, "initial", why))

    @property
    def memory_depth(self) -> int | None:
        return table_memory_depth(self.plays, self.op_plays, self.op_start_plays)

    @property
    def stochastic(self) -> bool:
        return stochastic(self.table) or stochastic(self.initial)

    def behaviour(self) -> Behaviour:
        params = table_params(
            self.plays, self.op_plays, self.op_start_plays, self.initial, self.table
        )
        return Behaviour(table_step, params, self.stochastic)

    @classmethod
    def from_toml(cls, entry: dict) -> Declared:
        """``plays``, ``op_plays``, ``op_start_plays`` (default 0), ``table``, ``initial``."""
        shape = cls(
            entry.get("plays", 0),
            entry.get("op_plays", 0),
            entry.get("op_start_plays", 0),
            entry.get("table", []),
            initial=entry.get("initial"),
        )
        return Declared(shape, shape.memory_depth, shape.stochastic)
