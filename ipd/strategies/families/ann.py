"""The neural-network family: one hidden layer over 17 features of the history.

Harper et al. (2017)'s ANN player, after Martin Jones. The features, in order:

 0, 1   the opponent's first move was C / was D      (0, 0 before it is played)
 2, 3   the opponent's second move was C / was D     (0, 0 before it is played)
 4, 5   its own last move was C / was D              (0, 0 on the first turn)
 6, 7   its own move before that was C / was D       (0, 0 before the third turn)
 8, 9   the opponent's last move was C / was D
 10, 11 the opponent's move before that was C / was D
 12, 13 how many times the opponent has co-operated / defected
 14, 15 how many times it has co-operated / defected
 16     the number of turns played so far

Each hidden unit j computes ``h_j = max(0, b_j + sum_i W[j][i] * f_i)``; the
network co-operates when ``sum_j v_j * h_j > 0`` and defects otherwise.

``axelrod_relu``: Axelrod-Python 4.14 evaluates the rectifier with
``numpy.vectorize``, which takes the output type from the first element: when
the first hidden unit's input is negative (its activation the integer 0),
every activation of that turn is truncated to an integer. The published
networks were trained and are played that way, so the registered ones set
this flag; it is off by default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ipd.core.errors import IpdError
from ipd.strategies.families.base import Declared, family
from ipd.strategies.registry import Behaviour, register_step, step

N_FEATURES = 17
MAX_HIDDEN = 256


@step
def ann_step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """params = (17, hidden, axelrod_relu, W[hidden][17] by unit, v[hidden], b[hidden]).

    memory[0:17] is the feature vector, brought up to date each turn from the
    last round (the totals are running counts), so a turn costs 17 * hidden
    multiplications whatever the turn number.
    """
    if turn > 0:
        mine = own[turn - 1]
        theirs = opp[turn - 1]
        if turn == 1:
            memory[0] = 1.0 - theirs
            memory[1] = theirs
        elif turn == 2:
            memory[2] = 1.0 - theirs
            memory[3] = theirs
        if turn >= 2:
            memory[6] = memory[4]
            memory[7] = memory[5]
            memory[10] = memory[8]
            memory[11] = memory[9]
        memory[4] = 1.0 - mine
        memory[5] = mine
        memory[8] = 1.0 - theirs
        memory[9] = theirs
        memory[12] += 1.0 - theirs
        memory[13] += theirs
        memory[14] += 1.0 - mine
        memory[15] += mine
        memory[16] = turn
    hidden = np.int64(params[1])
    quirk = params[2] > 0.0
    out_at = 3 + hidden * 17
    bias_at = out_at + hidden
    output = 0.0
    truncate = False
    for j in range(hidden):
        total = 0.0
        row = 3 + j * 17
        for i in range(17):
            total += params[row + i] * memory[i]
        total = params[bias_at + j] + total
        if j == 0 and quirk and total < 0.0:
            truncate = True
        if total > 0.0:
            if truncate:
                total = np.floor(total)
            output += total * params[out_at + j]
    return 0 if output > 0.0 else 1


register_step(ann_step)


def _weights(value, count: int, what: str) -> tuple[float, ...]:
    if not isinstance(value, list | tuple) or len(value) != count:
        got = len(value) if isinstance(value, list | tuple) else repr(value)
        raise IpdError(f"{what} must be a list of {count} numbers, got {got}")
    out = []
    for n, v in enumerate(value):
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise IpdError(f"{what}[{n}] must be a finite number, got {v!r}")
        out.append(float(v))
    return tuple(out)


@family("ann", keys=("hidden_weights", "output_weights", "biases", "axelrod_relu"))
@dataclass(frozen=True)
class NeuralNetwork:
    """A feed-forward network with one hidden layer over the 17 features above.

    Parameters
    ----------
    hidden_weights : one row of 17 weights per hidden unit (``W``).
    output_weights : one weight per hidden unit (``v``).
    biases : one bias per hidden unit (``b``).
    axelrod_relu : truncate the activations as Axelrod-Python does (module docstring).
    """

    hidden_weights: tuple
    output_weights: tuple
    biases: tuple
    axelrod_relu: bool = False

    def __post_init__(self) -> None:
        rows = self.hidden_weights
        if not isinstance(rows, list | tuple) or not 1 <= len(rows) <= MAX_HIDDEN:
            raise IpdError(
                f"hidden_weights must be a list of 1 to {MAX_HIDDEN} rows of {N_FEATURES} weights"
            )
        rows = tuple(_weights(r, N_FEATURES, f"hidden_weights[{j}]") for j, r in enumerate(rows))
        object.__setattr__(self, "hidden_weights", rows)
        n = len(rows)
        output = _weights(self.output_weights, n, "output_weights")
        object.__setattr__(self, "output_weights", output)
        object.__setattr__(self, "biases", _weights(self.biases, n, "biases"))
        if not isinstance(self.axelrod_relu, bool):
            raise IpdError(f"axelrod_relu must be true or false, got {self.axelrod_relu!r}")

    @classmethod
    def from_flat(cls, weights, hidden: int, axelrod_relu: bool = False) -> NeuralNetwork:
        """Read the flat layout of Axelrod-Python's weight files: W by unit, then v, then b."""
        weights = list(weights)
        expected = hidden * (N_FEATURES + 2)
        if len(weights) != expected:
            raise IpdError(f"{hidden} hidden units need {expected} weights, got {len(weights)}")
        split = hidden * N_FEATURES
        rows = [weights[j * N_FEATURES : (j + 1) * N_FEATURES] for j in range(hidden)]
        output, biases = weights[split : split + hidden], weights[split + hidden :]
        return cls(rows, output, biases, axelrod_relu=axelrod_relu)

    @property
    def hidden(self) -> int:
        return len(self.biases)

    def behaviour(self) -> Behaviour:
        flat = [w for row in self.hidden_weights for w in row]
        head = [N_FEATURES, self.hidden, float(self.axelrod_relu)]
        params = np.asarray([*head, *flat, *self.output_weights, *self.biases], dtype=np.float64)
        return Behaviour(ann_step, params, False)

    @classmethod
    def from_toml(cls, entry: dict) -> Declared:
        """``hidden_weights`` (rows of 17), ``output_weights``, ``biases``, ``axelrod_relu``."""
        shape = cls(
            entry.get("hidden_weights", []),
            entry.get("output_weights", []),
            entry.get("biases", []),
            axelrod_relu=entry.get("axelrod_relu", False),
        )
        return Declared(shape, None, False)
