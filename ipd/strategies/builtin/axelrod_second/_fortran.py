"""What several second-tournament rules share: the harness's view of the last moves, and
Downing's running estimate of how the other answers the rule's own moves.

Both are inlined into the steps that use them, so they cost nothing at run time.
"""

from __future__ import annotations

import numpy as np
from numba import njit

F32 = np.float32


@njit(inline="always")
def previous(turn, own, opp):
    """J, JA and the rule's own move two back, as the harness hands them to the Fortran:
    each is C (0) until there is such a move."""
    j = 0 if turn == 0 else np.int64(opp[turn - 1])
    ja = 0 if turn == 0 else np.int64(own[turn - 1])
    two = 0 if turn < 2 else np.int64(own[turn - 2])
    return j, ja, two


@njit(inline="always")
def count_reply(memory, two, j, after_c, after_d):
    """Downing's model: count his reply ``j`` to the rule's own move two back (``two``).

    ``after_c`` and ``after_d`` are the memory slots (his co-operations, moves seen,
    rate) for the replies to its co-operation and to its defection. The counts are REAL
    in the Fortran, so they are kept in single precision (whole numbers: exact), and the
    rate of the context just seen becomes co-operations / moves seen. Returns that
    context's slots, for rules that then change the counts.
    """
    slots = after_d if two == 1 else after_c
    c, n, rate = slots
    if j == 0:
        memory[c] = F32(memory[c]) + F32(1.0)
    memory[n] = F32(memory[n]) + F32(1.0)
    memory[rate] = F32(memory[c]) / F32(memory[n])
    return slots
