"""Axelrod's four principles, measured on any tournament and tested against its ranking.

Axelrod (1984, ch. 6; first drawn from the tournaments of 1980a and 1980b)
advised: don't be envious; don't be the first to defect; reciprocate both
co-operation and defection; don't be too clever. Glynatsi, Knight and Harper
(arXiv 2001.05911) found, over thousands of tournaments, that these hold only
in some environments. This module says, for one tournament, which of them
held there, and why.

Everything is computed from the engine's per-pair counters
(:mod:`ipd.engine.layout`), never from per-turn histories, so it costs
O(pairs) whatever the number of turns.

Conventions
-----------
* **Opponents only.** Every behavioural measure is taken over matches against
  *other* strategies: a strategy's match against its own twin (self-play) is
  left out, since how a rule treats a copy of itself says nothing about how it
  treats others (and the twin match is neither won nor lost). Score and rank
  are the tournament's own, self-play included when the tournament counted it.
* **Moves as played.** With noise, the counters see the moves after flips, so
  a flipped move counts like a chosen one: with noise nobody stays nice.
* **End game.** Axelrod (1980a; 1984, ch. 2) counted a rule as nice when it is
  not the first to defect *before the last few moves*. When the engine records
  late first defections (``layout.A_DEFECTED_FIRST_LATE``), a first defection
  on one of the last ``layout.END_GAME_MOVES`` moves of a match is excused;
  without that counter no allowance is made (the report's ``end_game_allowance``).

References
----------
R. Axelrod (1980a), "Effective Choice in the Prisoner's Dilemma", Journal of
Conflict Resolution 24(1):3-25. R. Axelrod (1980b), "More Effective Choice in
the Prisoner's Dilemma", JCR 24(3):379-403. R. Axelrod (1984), The Evolution
of Cooperation, ch. 6 "How to Choose Effectively". N. E. Glynatsi, V. Knight,
M. Harper (2020), "Properties of winning Iterated Prisoner's Dilemma
strategies", arXiv:2001.05911.
"""

from ipd.analysis.principles.definitions import (
    ALPHA,
    DOES_NOT_HOLD,
    END_GAME_MOVES,
    HOLDS,
    INCONCLUSIVE,
    MEASURE_COLUMNS,
    MIN_STRATEGIES,
    MIXED,
    PERMUTATIONS,
    PRINCIPLES,
    Principle,
)
from ipd.analysis.principles.measures import measure
from ipd.analysis.principles.report import PrinciplesReport, report
from ipd.analysis.principles.verdicts import Verdict, verdicts
from ipd.analysis.principles.whatif import WhatIfReport, WhatIfVerdict, what_if
from ipd.analysis.stats import permutation_p_value, rank_average, spearman

__all__ = [
    "ALPHA",
    "DOES_NOT_HOLD",
    "END_GAME_MOVES",
    "HOLDS",
    "INCONCLUSIVE",
    "MEASURE_COLUMNS",
    "MIN_STRATEGIES",
    "MIXED",
    "PERMUTATIONS",
    "PRINCIPLES",
    "Principle",
    "PrinciplesReport",
    "Verdict",
    "WhatIfReport",
    "WhatIfVerdict",
    "measure",
    "permutation_p_value",
    "rank_average",
    "report",
    "spearman",
    "verdicts",
    "what_if",
]
