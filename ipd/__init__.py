"""ipd: fast, faithful iterated Prisoner's Dilemma tournaments.

>>> import ipd
>>> results = ipd.Tournament(["tft", "alld", "grudger"], turns=200, repetitions=10, seed=1).play()
>>> list(results.summary()["strategy"])  # best first
['tft', 'grudger', 'alld']

Names are imported on first use, so ``import ipd`` (and ``ipd --help``) stays
instant: numba and pandas load only when a strategy or a tournament needs them.
"""

from importlib import import_module

from ipd._version import __version__

_EXPORTS = {
    "IpdError": ".core.errors",
    "Game": ".core.game",
    "MatchResult": ".core.match",
    "play_match": ".core.match",
    "Tournament": ".core.tournament",
    "Results": ".core.results",
    "Settings": ".core.settings",
    "population": ".core.pairings",
    "load_spec": ".core.spec",
    "FiniteStateMachine": ".strategies",
    "MemoryOne": ".strategies",
    "collection": ".strategies",
    "load_strategy_file": ".strategies",
    "step": ".strategies",
    "strategy": ".strategies",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ipd' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
