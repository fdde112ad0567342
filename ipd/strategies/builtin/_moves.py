"""Small pieces of bookkeeping that several compiled steps share, inlined where they are used."""

from __future__ import annotations

from numba import njit


@njit(inline="always")
def count_defections(turn, opp, memory, slot):
    """Add one to ``memory[slot]`` if the opponent's previous move was a defection."""
    if turn >= 1 and opp[turn - 1] == 1:
        memory[slot] += 1


@njit(inline="always")
def in_last_moves(turn, length, k):
    """Whether this is one of the last ``k`` moves of a match whose length is revealed."""
    return length >= 0 and turn >= length - k


@njit(inline="always")
def opening_or_end(turn, length, last):
    """The moves of a rule that defects on its ``last`` moves when it knows the length and
    co-operates first: 1 on those last moves, else 0 on the first move, else -1 (the rule
    decides)."""
    if in_last_moves(turn, length, last):
        return 1
    if turn == 0:
        return 0
    return -1
