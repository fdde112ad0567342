"""Strategies: the registry, the generic families, built-ins and user files."""

from .families import FiniteStateMachine, MemoryOne
from .loader import load_strategy_file
from .players import Player, parse_player
from .registry import (
    STEP_CONTRACT,
    Behaviour,
    StrategyInfo,
    all_strategies,
    collection,
    collections,
    get,
    step,
    strategy,
)

__all__ = [
    "STEP_CONTRACT",
    "Behaviour",
    "FiniteStateMachine",
    "MemoryOne",
    "Player",
    "StrategyInfo",
    "all_strategies",
    "collection",
    "collections",
    "get",
    "load_strategy_file",
    "parse_player",
    "step",
    "strategy",
]
