"""Field layout of the engine's per-match and per-pair counter arrays.

Kept free of numba so the results layer can read counters without importing
the compiler. The kernels freeze these integers in as constants.

Every field is from the row player's ("A") point of view unless it names B.
Fields ``0 .. N_SUMMED - 1`` are counted in each match and summed per pair;
the per-match array then holds the first-defection turns, the per-pair array
match-level tallies.
"""

# Counted per match and summed per pair.
CC, CD, DC, DD = 0, 1, 2, 3
"""Joint outcomes: A's move then B's move."""
COOP_AFTER_A = 4
"""4..7: times A co-operated right after the previous round was CC, CD, DC, DD (A's view)."""
COOP_AFTER_B = 8
"""8..11: times B co-operated after the previous round was CC, CD, DC, DD (B's view)."""
PREV = 12
"""12..15: how often each joint outcome (A's view) was followed by another round."""
TURNS = 16
PROVOCATIONS_BY_B = 17
"""B defected although A had not defected on the move before (or on B's first move),
and another move followed."""
A_RETALIATED = 18
"""Of those, how often A defected on the very next move."""
PROVOCATIONS_BY_A = 19
B_RETALIATED = 20
RETURNS_BY_B = 21
"""B co-operated right after defecting, and another move followed."""
A_FORGAVE = 22
"""Of those, how often A co-operated on the very next move."""
RETURNS_BY_A = 23
B_FORGAVE = 24
N_SUMMED = 25

# Per match only.
FIRST_DEFECTION_A = 25
"""Turn (0-based) of A's first defection, or -1 if A never defected."""
FIRST_DEFECTION_B = 26
N_MATCH_FIELDS = 27

# Per pair only: tallies of matches.
INITIAL_C_A = 25
INITIAL_C_B = 26
A_DEFECTED_FIRST = 27
"""Matches where A defected strictly before B did (or B never did)."""
B_DEFECTED_FIRST = 28
SAME_TURN_FIRST = 29
"""Matches where both first defected on the same turn."""
A_WINS = 30
B_WINS = 31
DRAWS = 32
A_DEFECTED_FIRST_LATE = 33
"""Matches where A's first defection came no later than B's and fell on one of the
last ``END_GAME_MOVES`` moves (an end-game defection, as Axelrod's "before move 199")."""
B_DEFECTED_FIRST_LATE = 34
N_PAIR_FIELDS = 35

END_GAME_MOVES = 2
"""How many final moves count as the end game for :data:`A_DEFECTED_FIRST_LATE`."""

SWAPPED_FOR_B = (
    (CD, DC),
    *((COOP_AFTER_A + k, COOP_AFTER_B + k) for k in range(4)),
    (PREV + 1, PREV + 2),
    (PROVOCATIONS_BY_B, PROVOCATIONS_BY_A),
    (A_RETALIATED, B_RETALIATED),
    (RETURNS_BY_B, RETURNS_BY_A),
    (A_FORGAVE, B_FORGAVE),
    (INITIAL_C_A, INITIAL_C_B),
    (A_DEFECTED_FIRST, B_DEFECTED_FIRST),
    (A_WINS, B_WINS),
    (A_DEFECTED_FIRST_LATE, B_DEFECTED_FIRST_LATE),
)
"""Pairs of per-pair fields that trade places when the column player becomes the row."""


def b_view(width: int = N_PAIR_FIELDS) -> list[int]:
    """Index permutation that turns per-pair counters into the column player's view.

    ``width`` is the counters' own width: results saved before a field was
    added read correctly (only fields present are swapped).
    """
    perm = list(range(width))
    for x, y in SWAPPED_FOR_B:
        if x < width and y < width:
            perm[x], perm[y] = y, x
    return perm
