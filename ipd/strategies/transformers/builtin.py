"""The transformers ipd ships: Axelrod-Python's, and the twins the principles need.

Most are a rule (:func:`_rule`): given the move the wrapped step chose (it is
asked first, every move, so its state stays right), the move to play.
``params[0]`` is the layer's first memory slot, ``params[1:1 + k]`` its k
parameters, the rest the wrapped strategy's. Who each transformer is (title,
description, source, parameters, classifiers) is data, in ``builtin.toml``
beside this module; this module holds the rules, and says which of them draw
random numbers. Sources: Axelrod-Python's strategy transformers
(``axelrod.strategy_transformers``, documented in its tutorial "Strategy
Transformers") for the first fourteen, whose behaviour is described there in a
sentence each; the principles' twins follow Axelrod (1984, ch. 6).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ipd.engine.random import bernoulli, uniform
from ipd.strategies import catalogue
from ipd.strategies.registry import step
from ipd.strategies.transformers import transformer

_CLASSIFIERS = ("uses_length", "uses_payoffs", "keeps_state", "looks_back")


def _about(name: str) -> dict[str, Any]:
    """``name``'s catalogue entry as :func:`~ipd.strategies.transformers.transformer`'s
    arguments (references filled in)."""
    data = catalogue.tables(__name__)
    entry, refs = data[name], data["refs"]
    unknown = set(entry) - {"title", "description", "source", "params", *_CLASSIFIERS}
    if unknown:
        raise KeyError(f"builtin.toml: {name} has unknown keys {sorted(unknown)}")
    return {
        "title": entry["title"],
        "description": entry["description"],
        "source": entry["source"].format(**refs),
        "params": {key: tuple(value) for key, value in entry.get("params", {}).items()} or None,
        **{key: entry[key] for key in _CLASSIFIERS if key in entry},
    }


def _probability(name: str):
    return lambda values: 0.0 < values[name] < 1.0


def _rule(random: Callable[[dict], bool] | None = None) -> Callable:
    """Register the transformer named after its rule
    ``rule(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng)``,
    which returns the move to play instead of ``move``, the wrapped step's; ``random(values)``
    says whether it draws random numbers with these parameter values (never, if not given).

    The layer's step asks the wrapped step first, every move (so its state stays right),
    passing it the parameters after the layer's own, then the rule.
    """

    def register(rule: Callable) -> Callable:
        about = _about(rule.__name__)
        if random is not None:
            about["random"] = random
        skip = 1 + len(about["params"] or {})
        change = step(rule)

        def make(inner):
            def layer(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
                wrapped = params[skip:]
                move = inner(
                    turn, own, opp, length, payoffs, own_score, opp_score, wrapped, memory, rng
                )
                return change(
                    move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng
                )

            return layer

        transformer(rule.__name__, **about)(make)
        return rule

    return register


@step
def _opponent_defections(turn, opp, params, memory):
    """How many times the opponent has defected so far (counted in the layer's first slot)."""
    slot = np.int64(params[0])
    if turn > 0 and opp[turn - 1] == 1:
        memory[slot] += 1.0
    return memory[slot]


@_rule()
def flip(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 - move


@transformer("dual", **_about("dual"))
def dual(inner):
    # Not a rule: it changes what the wrapped step sees.
    def layer(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
        # Flip the record in place, ask, flip back: O(turn) a move, nothing allocated.
        for t in range(turn):
            own[t] = 1 - own[t]
        move = inner(turn, own, opp, length, payoffs, own_score, opp_score, params[1:], memory, rng)
        for t in range(turn):
            own[t] = 1 - own[t]
        return 1 - move

    return layer


@_rule(random=_probability("p"))
def noisy(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 - move if bernoulli(rng, params[1]) else move


@_rule(random=_probability("p"))
def forgiver(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if move == 1 and bernoulli(rng, params[1]):
        return 0
    return move


@_rule()
def nice(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return move if _opponent_defections(turn, opp, params, memory) > 0.0 else 0


@_rule()
def initial(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return np.int64(params[2]) if turn < params[1] else move


@_rule()
def final(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if length >= 0 and turn >= length - params[1]:
        return np.int64(params[2])
    return move


@_rule()
def track_history(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return move


@_rule()
def deadlock_breaking(
    move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng
):
    if move == 0 or turn < 2:
        return move
    deadlock = own[turn - 2] == 1 and opp[turn - 2] == 0
    deadlock = deadlock and own[turn - 1] == 0 and opp[turn - 1] == 1
    return 0 if deadlock else move


@_rule()
def grudge(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 if _opponent_defections(turn, opp, params, memory) > params[1] else move


@_rule()
def apology(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if turn > 0 and own[turn - 1] == 1 and opp[turn - 1] == 0:
        return 0
    return move


@_rule(random=lambda v: v["p"] > 0.0 and (v["p"] < 1.0 or 0.0 < v["c"] < 1.0))
def mixed(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if bernoulli(rng, params[1]):
        return 0 if bernoulli(rng, params[2]) else 1
    return move


@_rule(random=lambda v: v["a"] + v["b"] > 0.0)
def joss_ann(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if params[1] + params[2] <= 0.0:
        return move
    u = uniform(rng)
    if u < params[1]:
        return 0
    if u < params[1] + params[2]:
        return 1
    return move


@_rule()
def retaliation(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    back = min(turn, np.int64(params[1]))
    for t in range(turn - back, turn):
        if opp[t] == 1:
            return 1
    return move


@_rule()
def retaliate_until_apology(
    move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng
):
    return 1 if turn > 0 and opp[turn - 1] == 1 else move


# --------------------------------------------------------------------------- the principles' twins


@_rule()
def envious(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 if own_score < opp_score else move


@_rule(random=lambda v: v["random"] > 1.0)
def first_defector(
    move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng
):
    slot = np.int64(params[0])
    if turn == 0:
        if params[2] > 1.0:
            memory[slot] = 1.0 + np.floor(uniform(rng) * params[2])
        else:
            memory[slot] = params[1]
    return 1 if turn + 1 == memory[slot] else move


@_rule(random=_probability("q"))
def unprovocable(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if move == 1 and turn > 0 and opp[turn - 1] == 1 and bernoulli(rng, params[1]):
        return 0
    return move


@_rule()
def unforgiving(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 if _opponent_defections(turn, opp, params, memory) >= params[1] else move


@_rule(random=lambda v: v["e"] > 0.0)
def randomised(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if bernoulli(rng, params[1]):
        return 0 if uniform(rng) < 0.5 else 1
    return move
