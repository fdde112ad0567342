"""The four principles as tested here, and the settings of the tests."""

from __future__ import annotations

from dataclasses import dataclass

from ipd.engine import layout as L

ALPHA = 0.05
"""Significance level of the one-sided permutation tests."""

MIN_STRATEGIES = 5
"""Fewer strategies with a defined measure than this give an inconclusive verdict.

With four strategies only a perfect, tie-free ordering reaches p < 0.05 (the
exact one-sided p is then 1/24), so a verdict would hang on one arrangement;
five is the smallest field judged."""

PERMUTATIONS = 9999
"""Default number of random permutations (exact enumeration when n! is no larger)."""

HOLDS, DOES_NOT_HOLD, INCONCLUSIVE = "holds", "does not hold", "inconclusive"
MIXED = "mixed"
"""A what-if verdict when some strategies gained by the advice and others lost."""

END_GAME_MOVES = L.END_GAME_MOVES
"""First defections on this many last moves of a match are excused (Axelrod 1980a)."""

MEASURE_COLUMNS = [
    "rank",
    "strategy",
    "name",
    "score",
    "matches",
    "first_defection_rate",
    "nice",
    "win_rate",
    "score_difference",
    "provocations",
    "provocability",
    "returns",
    "forgiveness",
    "reciprocity",
    "coop_after_cc",
    "coop_after_cd",
    "coop_after_dc",
    "coop_after_dd",
    "clarity",
    "entropy",
]


@dataclass(frozen=True)
class Principle:
    """One of Axelrod's principles, as tested here.

    ``direction`` is +1 when a higher value of ``measure`` should go with a
    higher score if the principle holds, -1 when a lower value should.
    """

    key: str
    title: str
    measure: str
    direction: int
    meaning: str


PRINCIPLES = (
    Principle(
        "envy",
        "don't be envious",
        "win_rate",
        -1,
        "winning matches (outscoring the opponent) does not buy a high tournament score",
    ),
    Principle(
        "niceness",
        "don't be the first to defect",
        "nice",
        +1,
        "strategies that are never first to defect score higher than those that are",
    ),
    Principle(
        "reciprocity",
        "reciprocate both co-operation and defection",
        "reciprocity",
        +1,
        "strategies that both retaliate and forgive score higher",
    ),
    Principle(
        "clarity",
        "don't be too clever",
        "clarity",
        +1,
        "strategies whose moves are easy to foresee from the last round score higher",
    ),
)


def find_verdict(verdicts, principle: str):
    """The verdict on one principle, by key (``"envy"``, ``"niceness"``, ...), from a list."""
    from ipd.core.errors import IpdError

    for v in verdicts:
        if v.principle == principle:
            return v
    keys = ", ".join(p.key for p in PRINCIPLES)
    raise IpdError(f"no principle {principle!r}; choose from {keys}")
