"""Every registered strategy's declared classifiers, tested against how it plays.

Parametrised over the registry, so a new strategy is covered as soon as it
is registered:

* not ``stochastic``: its moves do not depend on the seed (against fixed,
  deterministic opponents); ``stochastic``: with the default parameters they
  do, against at least one opponent;
* not ``uses_length``: its moves are the same whether the length is revealed;
  ``uses_length``: against some opponent they are not;
* not ``uses_payoffs``: its moves are the same under other payoffs;
* a finite ``memory_depth`` d (deterministic strategies): an upper bound, two
  histories that agree on the last d rounds (or on the whole history, when it
  is shorter) are always followed by the same move.

Strategies are grouped by the module of their step function, and each group
plays a few tournaments (one compiled kernel per group) with fixed opponents;
every strategy's checks then read its own matches.
"""

from __future__ import annotations

import functools
from collections import defaultdict

import numpy as np
import pytest

import ipd
from ipd.strategies.registry import all_strategies
from tests.conftest import strategy_group, strategy_groups, warm_group

DETERMINISTIC_OPPONENTS = ("allc", "alld", "tft", "alternator", "grudger", "stft")
RANDOM_OPPONENTS = ("random:p=0.2", "random", "random:p=0.8")
TURNS = 120
REPETITIONS = 4
OTHER_PAYOFFS = (4.0, 0.5, 7.0, 2.0)


def group_of(info) -> str:
    return strategy_group(info)


def groups() -> dict[str, list[str]]:
    return strategy_groups()


# In reverse registry order: test_engine_reference.py plays the same group kernels in
# registry order, usually in another worker at the same time, so each file compiles about
# half of them and loads the rest from the other's cache instead of both compiling all.
STRATEGIES = [info.id for info in reversed(all_strategies())]
PAYOFF_BLIND = [info.id for info in all_strategies() if not info.uses_payoffs]
BOUNDED = [
    info.id for info in all_strategies() if info.memory_depth is not None and not info.stochastic
]


@functools.cache
def played(group: str, **changes) -> ipd.Results:
    """The group's strategies and the fixed opponents in a round robin, moves kept.

    Under other payoffs the strategies that use the payoffs are replaced by
    copies of allc (a zero-determinant strategy has no version for every payoff
    matrix), so every other entrant keeps its place and so its random streams.
    """
    ids = groups()[group]
    field = ids + [s for s in (*DETERMINISTIC_OPPONENTS, *RANDOM_OPPONENTS) if s not in ids]
    if "payoffs" in changes:
        field = [
            f"allc#{k}" if ipd.strategies.get(s.split(":")[0]).uses_payoffs else s
            for k, s in enumerate(field, start=1)
        ]
    # The length is told by default: a rule that is random only when it knows the
    # length (Knowledgeable Worse and Worse) is declared stochastic.
    settings = {
        "turns": TURNS,
        "repetitions": REPETITIONS,
        "seed": 11,
        "keep_moves": True,
        "reveal_length": True,
    }
    settings.update(changes)
    warm_group(group)
    return ipd.Tournament(field, **settings).play()


def moves_against(results: ipd.Results, me: str, opponent: str) -> list[str]:
    return [results.match_moves(me, opponent, r)[0] for r in range(results.repetitions)]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_stochastic_is_declared_exactly_when_play_depends_on_the_seed(strategy):
    info = ipd.strategies.get(strategy)
    group = group_of(info)
    a, b = played(group, seed=11), played(group, seed=12)
    differs = [
        o
        for o in DETERMINISTIC_OPPONENTS
        if moves_against(a, strategy, o) != moves_against(b, strategy, o)
    ]
    if info.stochastic:
        against_random = [o for o in RANDOM_OPPONENTS if o != strategy]
        differs += [
            o
            for o in against_random
            if moves_against(a, strategy, o) != moves_against(b, strategy, o)
        ]
        assert differs, f"{strategy} is declared stochastic but never depends on the seed"
    else:
        assert not differs, (
            f"{strategy} is declared deterministic but depends on the seed ({differs})"
        )


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_uses_length_is_declared_when_play_depends_on_knowing_the_length(strategy):
    info = ipd.strategies.get(strategy)
    group = group_of(info)
    hidden, told = played(group, reveal_length=False), played(group, reveal_length=True)
    opponents = [o for o in (*DETERMINISTIC_OPPONENTS, *RANDOM_OPPONENTS) if o != strategy]
    differs = [
        o
        for o in opponents
        if moves_against(hidden, strategy, o) != moves_against(told, strategy, o)
    ]
    if info.uses_length:
        assert differs, f"{strategy} declares that it uses the length but never does here"
    else:
        assert not differs, f"{strategy} plays differently when told the length ({differs})"


@pytest.mark.parametrize("strategy", PAYOFF_BLIND)
def test_uses_payoffs_is_declared_when_play_depends_on_the_payoffs(strategy):
    info = ipd.strategies.get(strategy)
    group = group_of(info)
    usual, other = played(group), played(group, payoffs=OTHER_PAYOFFS, allow_non_dilemma=True)
    opponents = [o for o in (*DETERMINISTIC_OPPONENTS, *RANDOM_OPPONENTS) if o != strategy]
    differs = [
        o
        for o in opponents
        if moves_against(usual, strategy, o) != moves_against(other, strategy, o)
    ]
    assert not differs, f"{strategy} plays differently under other payoffs ({differs})"


def contexts(results: ipd.Results, me: str, opponents, depth: int) -> dict:
    """Each context (up to ``depth`` last rounds) seen, with the set of moves that followed it."""
    seen: dict[tuple, set[str]] = defaultdict(set)
    for opponent in opponents:
        for r in range(results.repetitions):
            mine, theirs = results.match_moves(me, opponent, r)
            for t in range(len(mine)):
                start = max(0, t - depth)
                seen[(mine[start:t], theirs[start:t])].add(mine[t])
    return seen


@pytest.mark.parametrize("strategy", BOUNDED)
def test_a_finite_memory_depth_is_an_upper_bound(strategy):
    # Stochastic strategies are left out: one context may be followed by either move.
    info = ipd.strategies.get(strategy)
    results = played(group_of(info))
    opponents = [o for o in (*DETERMINISTIC_OPPONENTS, *RANDOM_OPPONENTS) if o != strategy]
    seen = contexts(results, strategy, opponents, info.memory_depth)
    ambiguous = {k: v for k, v in seen.items() if len(v) > 1}
    assert not ambiguous, (
        f"{strategy} declares memory depth {info.memory_depth}, but these last rounds were "
        f"followed by both moves: {sorted(ambiguous)[:3]}"
    )
    assert len(seen) > 1 or info.memory_depth == 0


def test_the_memory_depth_check_can_fail():
    # Tit for two tats looks two rounds back: a declared depth of 1 would be false.
    results = played(group_of(ipd.strategies.get("tf2t")))
    seen = contexts(results, "tf2t", RANDOM_OPPONENTS, 1)
    assert any(len(v) > 1 for v in seen.values())
    assert not any(len(v) > 1 for v in contexts(results, "tf2t", RANDOM_OPPONENTS, 2).values())


def test_every_strategy_is_in_some_group():
    assert sorted(s for ids in groups().values() for s in ids) == sorted(STRATEGIES)
    assert np.all([len(ids) > 0 for ids in groups().values()])
