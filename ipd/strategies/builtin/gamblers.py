"""Probabilistic lookup tables (Gambler) trained by particle swarm optimisation, and ZD-Mem2.

The PSO Gambler tables are read from ``ipd/data/harper_2017_pso_gambler.csv``
(Harper et al. 2017's published probabilities); key order as in
:mod:`ipd.strategies.families.lookup_table`. Each plays C before its table
applies, as Axelrod-Python 4.14 does (it gives these tables no initial moves,
so they default to co-operation).
"""

from __future__ import annotations

from ipd.core.game import Game
from ipd.strategies.builtin.lookup_tables import AXELROD_DATA, HARPER_2017
from ipd.strategies.builtin.trained_data import GAMBLER_TABLES, row
from ipd.strategies.families import Gambler
from ipd.strategies.registry import strategy

TAGS = ("harper_2017", "gambler")


def published(sid: str) -> Gambler:
    """The Gambler whose sizes and table are the data file's row ``sid``."""
    plays, op_plays, op_start, *table = row(GAMBLER_TABLES, sid)
    return Gambler(int(plays), int(op_plays), int(op_start), [float(p) for p in table])


@strategy(
    "pso_gambler_mem1",
    "PSO Gambler Mem1",
    aliases=("psogamblermem1",),
    description=(
        "A memory-one table of co-operation probabilities trained by particle swarm: always "
        "C after CC, about 52% after CD, never after DC, about 12% after DD; starts with C."
    ),
    source=f"{HARPER_2017}; {AXELROD_DATA} (axelrod/data/pso_gambler.csv)",
    memory_depth=1,
    stochastic=True,
    tags=TAGS,
    axelrod_name="PSO Gambler Mem1",
)
def pso_gambler_mem1(game: Game) -> Gambler:
    """A 1-1-0 Gambler trained against Axelrod-Python's short-run-time strategies."""
    return published("pso_gambler_mem1")


@strategy(
    "pso_gambler_1_1_1",
    "PSO Gambler 1 1 1",
    aliases=("psogambler1_1_1",),
    description=(
        "A trained table of co-operation probabilities over both last moves and the "
        "opponent's first move; starts with C."
    ),
    source=f"{HARPER_2017}; {AXELROD_DATA} (axelrod/data/pso_gambler.csv)",
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    axelrod_name="PSO Gambler 1_1_1",
)
def pso_gambler_1_1_1(game: Game) -> Gambler:
    """A 1-1-1 Gambler trained by particle swarm optimisation."""
    return published("pso_gambler_1_1_1")


@strategy(
    "pso_gambler_2_2_2",
    "PSO Gambler 2 2 2",
    aliases=("psogambler2_2_2",),
    description=(
        "A trained table of co-operation probabilities over both players' last two moves and "
        "the opponent's first two; starts C, C."
    ),
    source=f"{HARPER_2017}; {AXELROD_DATA} (axelrod/data/pso_gambler.csv)",
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    axelrod_name="PSO Gambler 2_2_2",
)
def pso_gambler_2_2_2(game: Game) -> Gambler:
    """A 2-2-2 Gambler trained by particle swarm optimisation (after G. Koutsovoulos)."""
    return published("pso_gambler_2_2_2")


@strategy(
    "pso_gambler_2_2_2_noise05",
    "PSO Gambler 2 2 2 Noise 05",
    aliases=("psogambler2_2_2_noise05",),
    description=(
        "The 2-2-2 table of co-operation probabilities trained with 5% noise; starts C, C."
    ),
    source=f"{HARPER_2017}; {AXELROD_DATA} (axelrod/data/pso_gambler.csv)",
    memory_depth=None,
    stochastic=True,
    tags=TAGS,
    axelrod_name="PSO Gambler 2_2_2 Noise 05",
)
def pso_gambler_2_2_2_noise05(game: Game) -> Gambler:
    """A 2-2-2 Gambler trained by particle swarm optimisation in matches with noise 0.05."""
    return published("pso_gambler_2_2_2_noise05")


@strategy(
    "zd_mem2",
    "ZD-Mem2",
    aliases=("zdmem2",),
    description=(
        "A memory-two generalisation of a zero-determinant strategy: fixed probabilities of "
        "co-operating after each pair of rounds, C on the first two moves."
    ),
    source=(
        "S. Li (2014), 'Strategies in the Stochastic Iterated Prisoner's Dilemma', University "
        f"of Chicago REU paper; {AXELROD_DATA}"
    ),
    memory_depth=2,
    stochastic=True,
    tags=("memory_two", "zero_determinant"),
    axelrod_name="ZD-Mem2",
)
def zd_mem2(game: Game) -> Gambler:
    """ZD-Mem2: a Gambler keyed on both players' last two moves (no opening key).

    Probabilities in key order (own two moves, then the opponent's two):
    11/12, 4/11, 7/9, 1/10, 5/6, 3/11, 7/9, 1/10, 2/3, 1/11, 7/9, 1/10, 3/4,
    2/11, 7/9, 1/10. The first two moves are C (the default initial moves).
    """
    table = [11 / 12, 4 / 11, 7 / 9, 1 / 10, 5 / 6, 3 / 11, 7 / 9, 1 / 10]
    table += [2 / 3, 1 / 11, 7 / 9, 1 / 10, 3 / 4, 2 / 11, 7 / 9, 1 / 10]
    return Gambler(2, 2, 0, table, initial="CC")
