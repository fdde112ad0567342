"""The memory-n family: probabilities of co-operating after each history of the last n rounds.

Memory-two (16 probabilities and two first moves) is this family with n = 2.
A memory-n strategy is a probabilistic lookup table keyed on both players'
last n moves, so it is played by the table families' compiled step
(:func:`~ipd.strategies.families.lookup_table.table_step`) with
``plays = op_plays = n`` and no opening key.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipd.strategies.families.base import Declared, family
from ipd.strategies.families.lookup_table import table_params, table_step
from ipd.strategies.families.values import exactly, probabilities, size, stochastic
from ipd.strategies.registry import Behaviour

MAX_N = 8
"""4**8 = 65536 probabilities: a bound on typing mistakes."""


@family("memory_n", keys=("n", "p", "first"))
@dataclass(frozen=True)
class MemoryN:
    """A memory-n strategy.

    Parameters
    ----------
    n : how many past rounds it remembers (1 to 8).
    p : ``4 ** n`` probabilities of co-operating, one per history of the last
        n rounds. The history is written as its own last n moves (oldest
        first) followed by the opponent's last n moves (oldest first), C < D,
        and the list is in increasing order of that string: for n = 2,
        ``P(C | CC,CC), P(C | CC,CD), P(C | CC,DC), ..., P(C | DD,DD)`` where
        ``CD,DC`` means "I played C then D, the opponent D then C". For n = 1
        this is MemoryOne's order CC, CD, DC, DD.
    first : probabilities of co-operating (or moves) on each of the first n
        turns; all C if omitted.
    """

    n: int
    p: tuple
    first: str | tuple | None = None

    def __post_init__(self) -> None:
        n = size(self.n, "n", 1, MAX_N)
        object.__setattr__(self, "n", n)
        why = f"one per history of the last {n} round{'s' * (n > 1)}, 4^{n}"
        object.__setattr__(self, "p", exactly(probabilities(self.p, "p"), 4**n, "p", why))
        first = (1.0,) * n if self.first is None else probabilities(self.first, "first")
        why = f"one for each of the first {n} turns"
        object.__setattr__(self, "first", exactly(first, n, "first", why))

    @property
    def memory_depth(self) -> int:
        return 0 if len({*self.p, *self.first}) == 1 else self.n

    @property
    def stochastic(self) -> bool:
        return stochastic(self.p) or stochastic(self.first)

    def behaviour(self) -> Behaviour:
        params = table_params(self.n, self.n, 0, self.first, self.p)
        return Behaviour(table_step, params, self.stochastic)

    @classmethod
    def from_toml(cls, entry: dict) -> Declared:
        """``n``, ``p`` (4^n probabilities) and ``first`` (n probabilities, or a string "CC")."""
        shape = cls(entry.get("n", 0), entry.get("p", []), first=entry.get("first"))
        return Declared(shape, shape.memory_depth, shape.stochastic)
