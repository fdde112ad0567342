"""The transformers ipd ships: Axelrod-Python's, and the twins the principles need.

Most are a rule (:func:`_rule`): given the move the wrapped step chose (it is
asked first, every move, so its state stays right), the move to play.
``params[0]`` is the layer's first memory slot, ``params[1:1 + k]`` its k
parameters, the rest the wrapped strategy's. Sources: Axelrod-Python's
strategy transformers (``axelrod.strategy_transformers``, documented in its
tutorial "Strategy Transformers") for the first fourteen, whose behaviour is
described there in a sentence each; the principles' twins follow Axelrod
(1984, ch. 6).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ipd.engine.random import bernoulli, uniform
from ipd.strategies.registry import step
from ipd.strategies.transformers import transformer

AXELROD_PYTHON = "Axelrod-Python's strategy transformers (axelrod.strategy_transformers)"
PRINCIPLES = "Axelrod (1984), The Evolution of Cooperation, ch. 6: a twin that breaks a principle"


def _probability(name: str):
    return lambda values: 0.0 < values[name] < 1.0


def _rule(title: str, **about: Any) -> Callable:
    """Register the transformer named after its rule
    ``rule(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng)``,
    which returns the move to play instead of ``move``, the wrapped step's (``about``: the
    rest of :func:`~ipd.strategies.transformers.transformer`'s arguments).

    The layer's step asks the wrapped step first, every move (so its state stays right),
    passing it the parameters after the layer's own, then the rule.
    """
    skip = 1 + len(about.get("params") or {})

    def register(rule: Callable) -> Callable:
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

        transformer(rule.__name__, title, **about)(make)
        return rule

    return register


@step
def _opponent_defections(turn, opp, params, memory):
    """How many times the opponent has defected so far (counted in the layer's first slot)."""
    slot = np.int64(params[0])
    if turn > 0 and opp[turn - 1] == 1:
        memory[slot] += 1.0
    return memory[slot]


@_rule(
    "Flipped",
    description="Plays the opposite of the wrapped strategy's move.",
    source=AXELROD_PYTHON + " (FlipTransformer)",
)
def flip(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 - move


@transformer(
    "dual",
    "Dual",
    description="Plays the opposite of what the wrapped strategy would play were its own past "
    "moves the opposite of what they were (its running scores are left as they are).",
    source=AXELROD_PYTHON + " (DualTransformer)",
)
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


@_rule(
    "Noisy",
    description="Flips the wrapped strategy's move with probability p.",
    source=AXELROD_PYTHON + " (NoisyTransformer)",
    params={"p": (0.05, 0.0, 1.0)},
    random=_probability("p"),
)
def noisy(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 - move if bernoulli(rng, params[1]) else move


@_rule(
    "Forgiver",
    description="Turns the wrapped strategy's defections into co-operations with probability p.",
    source=AXELROD_PYTHON + " (ForgiverTransformer)",
    params={"p": (0.1, 0.0, 1.0)},
    random=_probability("p"),
)
def forgiver(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if move == 1 and bernoulli(rng, params[1]):
        return 0
    return move


@_rule(
    "Nice",
    description="Co-operates until the opponent has defected once, then plays as the wrapped "
    "strategy: it is never the first to defect.",
    source=AXELROD_PYTHON + " (NiceTransformer)",
    keeps_state=True,
)
def nice(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return move if _opponent_defections(turn, opp, params, memory) > 0.0 else 0


@_rule(
    "Initial moves",
    description="Plays `move` (0 = C, 1 = D) on the first n moves, then as the wrapped strategy.",
    source=AXELROD_PYTHON + " (InitialTransformer, with a run of one move)",
    params={"n": (1.0, 0.0, 1e9), "move": (1.0, 0.0, 1.0)},
)
def initial(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return np.int64(params[2]) if turn < params[1] else move


@_rule(
    "Final moves",
    description="Plays `move` (0 = C, 1 = D) on the last n moves when it knows the length.",
    source=AXELROD_PYTHON + " (FinalTransformer, with a run of one move)",
    params={"n": (2.0, 0.0, 1e9), "move": (1.0, 0.0, 1.0)},
    uses_length=True,
)
def final(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if length >= 0 and turn >= length - params[1]:
        return np.int64(params[2])
    return move


@_rule(
    "Track history",
    description="Plays exactly as the wrapped strategy: the engine always keeps the history "
    "(kept for Axelrod-Python users' compositions).",
    source=AXELROD_PYTHON + " (TrackHistoryTransformer)",
)
def track_history(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return move


@_rule(
    "Deadlock breaking",
    description="Co-operates instead of defecting after rounds (D, C) then (C, D), own move "
    "first: it breaks the alternating deadlock of two tit-for-tats.",
    source=AXELROD_PYTHON + " (DeadlockBreakingTransformer)",
    looks_back=2,
)
def deadlock_breaking(
    move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng
):
    if move == 0 or turn < 2:
        return move
    deadlock = own[turn - 2] == 1 and opp[turn - 2] == 0
    deadlock = deadlock and own[turn - 1] == 0 and opp[turn - 1] == 1
    return 0 if deadlock else move


@_rule(
    "Grudge",
    description="Defects for ever once the opponent has defected more than n times.",
    source=AXELROD_PYTHON + " (GrudgeTransformer)",
    params={"n": (0.0, 0.0, 1e9)},
    keeps_state=True,
)
def grudge(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 if _opponent_defections(turn, opp, params, memory) > params[1] else move


@_rule(
    "Apology",
    description="Co-operates after a round it defected in while the opponent co-operated.",
    source=AXELROD_PYTHON + " (ApologyTransformer([D], [C]))",
    looks_back=1,
)
def apology(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if turn > 0 and own[turn - 1] == 1 and opp[turn - 1] == 0:
        return 0
    return move


@_rule(
    "Mixed",
    description="With probability p plays as a random player co-operating with probability c "
    "instead of the wrapped strategy.",
    source=AXELROD_PYTHON + " (MixedTransformer, with Random(c) as the other strategy)",
    params={"p": (0.1, 0.0, 1.0), "c": (0.5, 0.0, 1.0)},
    random=lambda v: v["p"] > 0.0 and (v["p"] < 1.0 or 0.0 < v["c"] < 1.0),
)
def mixed(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if bernoulli(rng, params[1]):
        return 0 if bernoulli(rng, params[2]) else 1
    return move


@_rule(
    "Joss-Ann",
    description="Co-operates with probability a, defects with probability b, and otherwise plays "
    "as the wrapped strategy (Stewart and Plotkin's Joss-Ann transform).",
    source=AXELROD_PYTHON + " (JossAnnTransformer); Stewart and Plotkin (2012)",
    params={"a": (0.1, 0.0, 1.0), "b": (0.0, 0.0, 1.0)},
    random=lambda v: v["a"] + v["b"] > 0.0,
)
def joss_ann(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if params[1] + params[2] <= 0.0:
        return move
    u = uniform(rng)
    if u < params[1]:
        return 0
    if u < params[1] + params[2]:
        return 1
    return move


@_rule(
    "Retaliation",
    description="Defects if the opponent defected on any of the last n moves.",
    source=AXELROD_PYTHON + " (RetaliationTransformer)",
    params={"n": (1.0, 1.0, 30.0)},
    looks_back=30,
)
def retaliation(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    back = min(turn, np.int64(params[1]))
    for t in range(turn - back, turn):
        if opp[t] == 1:
            return 1
    return move


@_rule(
    "Retaliate until apology",
    description="Defects after each defection of the opponent until it co-operates again.",
    source=AXELROD_PYTHON + " (RetaliateUntilApologyTransformer)",
    looks_back=1,
)
def retaliate_until_apology(
    move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng
):
    return 1 if turn > 0 and opp[turn - 1] == 1 else move


# --------------------------------------------------------------------------- the principles' twins


@_rule(
    "Envious",
    description="Defects whenever it is behind in the running score: it breaks 'don't be envious'.",
    source=PRINCIPLES,
    uses_payoffs=True,
    keeps_state=True,
)
def envious(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 if own_score < opp_score else move


@_rule(
    "First defector",
    description="Defects on move k whatever happened before (with `random` = m > 0, on a move "
    "drawn at random from 1..m in each match): it breaks 'don't be the first to defect'.",
    source=PRINCIPLES,
    params={"k": (1.0, 1.0, 1e9), "random": (0.0, 0.0, 1e6)},
    random=lambda v: v["random"] > 1.0,
)
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


@_rule(
    "Unprovocable",
    description="Answers the opponent's defection with co-operation, where the wrapped strategy "
    "would defect, with probability q: it breaks 'reciprocate defection'.",
    source=PRINCIPLES,
    params={"q": (1.0, 0.0, 1.0)},
    random=_probability("q"),
    looks_back=1,
)
def unprovocable(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if move == 1 and turn > 0 and opp[turn - 1] == 1 and bernoulli(rng, params[1]):
        return 0
    return move


@_rule(
    "Unforgiving",
    description="Defects for ever from the opponent's k-th defection on: it breaks "
    "'reciprocate co-operation' (forgiveness).",
    source=PRINCIPLES,
    params={"k": (1.0, 1.0, 1e9)},
    keeps_state=True,
)
def unforgiving(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 if _opponent_defections(turn, opp, params, memory) >= params[1] else move


@_rule(
    "Randomised",
    description="Plays a fair coin's move instead of the wrapped strategy's with probability e: "
    "it breaks 'don't be too clever' (be clear).",
    source=PRINCIPLES + "; the symmetric Joss-Ann transform",
    params={"e": (0.1, 0.0, 1.0)},
    random=lambda v: v["e"] > 0.0,
)
def randomised(move, turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    if bernoulli(rng, params[1]):
        return 0 if uniform(rng) < 0.5 else 1
    return move
