"""What several second-tournament rules share: the harness's view of the last moves, Fortran's
integer division, and Downing's running estimate of how the other answers the rule's moves.

Both are inlined into the steps that use them, so they cost nothing at run time.
"""

from __future__ import annotations

import numpy as np
from numba import njit

F32 = np.float32


@njit(inline="always")
def his_last(turn, opp):
    """J, the other's previous move as the harness hands it over: C (0) before move 1."""
    return 0 if turn == 0 else np.int64(opp[turn - 1])


@njit(inline="always")
def recent_defections(turn, opp, n):
    """His defections in his last ``n`` moves (``turn >= n``)."""
    d = 0
    for k in range(turn - n, turn):
        d += opp[k]
    return d


@njit(inline="always")
def tdiv(a, b):
    """Fortran INTEGER division: the quotient truncated toward zero."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


@njit(inline="always")
def previous(turn, own, opp):
    """J, JA and the rule's own move two back, as the harness hands them to the Fortran:
    each is C (0) until there is such a move."""
    j = his_last(turn, opp)
    ja = 0 if turn == 0 else np.int64(own[turn - 1])
    two = 0 if turn < 2 else np.int64(own[turn - 2])
    return j, ja, two


ALPHA, BETA = 0, 1
"""Memory slots of Downing's model: his co-operation rate after the rule's C, after its D."""
AFTER_C = (2, 3, ALPHA)
"""Slots of his co-operations after its C, its Cs counted, and the rate they give."""
AFTER_D = (4, 5, BETA)
"""The same after its D."""
MODEL_SLOTS = 6
"""Slots the model takes; a rule's own state starts here."""


@njit(inline="always")
def count_reply(memory, two, j):
    """Downing's model: count his reply ``j`` to the rule's own move two back (``two``).

    The counts are REAL in the Fortran, so they are kept in single precision (whole
    numbers: exact), and the rate of the context just seen (:data:`AFTER_C` or
    :data:`AFTER_D`) becomes co-operations / moves counted. Returns that context's slots,
    for rules that then change the counts.
    """
    slots = AFTER_D if two == 1 else AFTER_C
    c, n, rate = slots
    if j == 0:
        memory[c] = F32(memory[c]) + F32(1.0)
    memory[n] = F32(memory[n]) + F32(1.0)
    memory[rate] = F32(memory[c]) / F32(memory[n])
    return slots


@njit(inline="always")
def values(memory, c_weight, alt_weight):
    """Downing's values of co-operating and of alternating under the model (POLC and POLALT):
    6 ALPHA - ``c_weight`` BETA - 2 and 4 ALPHA - ``alt_weight`` BETA - 1, in single precision
    (the entries differ only in the two weights)."""
    alpha = F32(memory[ALPHA])
    beta = F32(memory[BETA])
    polc = F32(6.0) * alpha - F32(c_weight) * beta - F32(2.0)
    polalt = F32(4.0) * alpha - F32(alt_weight) * beta - F32(1.0)
    return polc, polalt
