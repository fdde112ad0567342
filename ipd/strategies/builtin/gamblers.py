"""Probabilistic lookup tables (Gambler) trained by particle swarm optimisation, and ZD-Mem2.

The PSO Gambler tables are read from ``ipd/data/harper_2017_pso_gambler.csv``
(Harper et al. 2017's published probabilities); key order as in
:mod:`ipd.strategies.families.lookup_table`. Each plays C before its table
applies, as Axelrod-Python 4.14 does (it gives these tables no initial moves,
so they default to co-operation).
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies import catalogue
from ipd.strategies.builtin.trained_data import GAMBLER_TABLES, row
from ipd.strategies.families import Gambler


def published(sid: str) -> Gambler:
    """The Gambler whose sizes and table are the data file's row ``sid``."""
    plays, op_plays, op_start, *table = row(GAMBLER_TABLES, sid)
    return Gambler(int(plays), int(op_plays), int(op_start), [float(p) for p in table])


def zd_mem2(game: Game) -> Gambler:
    """ZD-Mem2: a Gambler keyed on both players' last two moves (no opening key).

    Probabilities in key order (own two moves, then the opponent's two):
    11/12, 4/11, 7/9, 1/10, 5/6, 3/11, 7/9, 1/10, 2/3, 1/11, 7/9, 1/10, 3/4,
    2/11, 7/9, 1/10. The first two moves are C (the default initial moves).
    """
    table = [11 / 12, 4 / 11, 7 / 9, 1 / 10, 5 / 6, 3 / 11, 7 / 9, 1 / 10]
    table += [2 / 3, 1 / 11, 7 / 9, 1 / 10, 3 / 4, 2 / 11, 7 / 9, 1 / 10]
    return Gambler(2, 2, 0, table, initial="CC")


catalogue.register(__name__)
