"""Strategies: the registry, the generic families, built-ins and user files."""

from ipd.strategies.families import FiniteStateMachine, MemoryOne
from ipd.strategies.loader import load_strategy_file
from ipd.strategies.registry import (
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
    "StrategyInfo",
    "all_strategies",
    "collection",
    "collections",
    "get",
    "load_strategy_file",
    "step",
    "strategy",
]
