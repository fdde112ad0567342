"""Field layout of the engine's per-match and per-pair counter arrays.

Kept free of numba so the results layer can read counters without importing
the compiler. The kernels freeze these integers in as constants.
"""

# Per-match counters (one row per match), from the row player's ("A") view.
CC, CD, DC, DD = 0, 1, 2, 3
"""Joint outcomes: A's move then B's move."""
COOP_AFTER_A = 4
"""4..7: times A co-operated right after the previous round was CC, CD, DC, DD (A's view)."""
COOP_AFTER_B = 8
"""8..11: times B co-operated after the previous round was CC, CD, DC, DD (B's view)."""
PREV = 12
"""12..15: how often each joint outcome (A's view) was followed by another round."""
TURNS = 16
FIRST_DEFECTION_A = 17
"""Turn (0-based) of A's first defection, or -1 if A never defected."""
FIRST_DEFECTION_B = 18
N_MATCH_FIELDS = 19

# Per-pair sums over repetitions: the same 0..16, then these.
INITIAL_C_A = 17
INITIAL_C_B = 18
A_DEFECTED_FIRST = 19
"""Matches where A defected strictly before B did (or B never did)."""
B_DEFECTED_FIRST = 20
SAME_TURN_FIRST = 21
"""Matches where both first defected on the same turn."""
A_WINS = 22
B_WINS = 23
DRAWS = 24
N_PAIR_FIELDS = 25

MEMORY_SLOTS = 32
"""Size of each player's scratch memory (float64), zeroed at the start of every match."""
