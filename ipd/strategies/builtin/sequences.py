"""Rules driven by a fixed sequence or a fixed ratio: Thue-Morse players, the
Anti-Cycler and the mathematical-constant players (golden ratio, pi, e)."""

from __future__ import annotations

from ipd.strategies import catalogue
from ipd.strategies.registry import step

TAGS = ("sequences",)


@step
def thue_morse(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Term t of the sequence is the parity of the number of 1 bits of t. Thue-Morse plays
    D on 0 and C on 1 (so D first); Thue-Morse Inverse (``inverse = 1``) the opposite."""
    bits = 0
    t = turn
    while t > 0:
        bits ^= t & 1
        t >>= 1
    move = 1 - bits
    if params[0] == 1:
        move = 1 - move
    return move


@step
def anti_cycler(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """After the opening C, D, D, blocks of k C's and a D for k = 1, 2, 3, ...
    memory[0] is k - 1 for the current block, memory[1] the C's played in it."""
    if turn < 3:
        return 0 if turn == 0 else 1
    if memory[1] < memory[0] + 1:
        memory[1] += 1
        return 0
    memory[0] += 1
    memory[1] = 0
    return 1


@step
def cooperation_ratio(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Co-operate first. Then defect while the opponent has never defected; afterwards
    defect when the game's co-operations (both players') over its defections exceed
    ``ratio`` and co-operate otherwise, which keeps that ratio near ``ratio``. memory[0]
    and memory[1] count the opponent's and its own co-operations."""
    if turn == 0:
        return 0
    if opp[turn - 1] == 0:
        memory[0] += 1
    if own[turn - 1] == 0:
        memory[1] += 1
    if memory[0] == turn:
        return 1
    cooperations = memory[0] + memory[1]
    defections = 2 * turn - cooperations
    return 1 if cooperations / defections > params[0] else 0


catalogue.register(__name__)
