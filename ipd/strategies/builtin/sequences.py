"""Rules driven by a fixed sequence or a fixed ratio: Thue-Morse players, the
Anti-Cycler and the mathematical-constant players (golden ratio, pi, e)."""

from __future__ import annotations

import math

from ipd.strategies.builtin._sources import AXELROD_PYTHON
from ipd.strategies.registry import step, strategy

TAGS = ("sequences",)


@strategy(
    "thue_morse",
    "Thue-Morse",
    description=(
        "Plays the Thue-Morse sequence 0, 1, 1, 0, 1, 0, 0, 1, ... whatever the opponent "
        "does, 1 meaning C and 0 meaning D."
    ),
    source=(
        f"G. Palmer's rule in {AXELROD_PYTHON}; the sequence: A. Thue (1912) and M. Morse "
        "(1921), OEIS A010060"
    ),
    memory_depth=None,
    tags=TAGS,
    params={"inverse": (0.0, 0.0, 1.0)},
    axelrod_name="ThueMorse",
)
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


strategy(
    "thue_morse_inverse",
    "Thue-Morse Inverse",
    description=(
        "Plays the Thue-Morse sequence 0, 1, 1, 0, 1, 0, 0, 1, ... whatever the opponent "
        "does, 0 meaning C and 1 meaning D."
    ),
    source=f"G. Palmer's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    params={"inverse": (1.0, 0.0, 1.0)},
    axelrod_name="ThueMorseInverse",
)(thue_morse)


@strategy(
    "anti_cycler",
    "Anti-Cycler",
    aliases=("anticycler",),
    description=(
        "Plays C, D, D, then C, D, then C, C, D, then C, C, C, D, and so on (one more C "
        "each time), a sequence with no cycle, whatever the opponent does."
    ),
    source=f"M. Harper's rule in {AXELROD_PYTHON}",
    memory_depth=None,
    tags=TAGS,
    axelrod_name="AntiCycler",
)
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


def _constant(id, name, value, symbol, axelrod_name):
    strategy(
        id,
        name,
        description=(
            f"Steers the ratio of co-operations to defections in the game towards {symbol} "
            f"= {value:.5f}."
        ),
        source=f"T. Standen's rule in {AXELROD_PYTHON}",
        memory_depth=None,
        tags=(*TAGS, "mathematical_constants"),
        params={"ratio": (value, 0.0, 1e9)},
        axelrod_name=axelrod_name,
    )(cooperation_ratio)


_constant("golden", "Golden", (1 + math.sqrt(5)) / 2, "the golden ratio", "$\\phi$")
_constant("pi", "Pi", math.pi, "pi", "$\\pi$")
_constant("e", "e", math.e, "e", "$e$")
