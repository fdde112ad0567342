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

from ipd.strategies import catalogue

catalogue.register(__name__)
