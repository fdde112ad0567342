"""The 63 rules of Axelrod's second computer tournament (Axelrod 1980b), from their Fortran.

R. Axelrod, "More Effective Choice in the Prisoner's Dilemma", Journal of
Conflict Resolution 24(3):379-403 (1980), reports a round robin of 62 entries
plus RANDOM. Every pair (each rule and its own twin included) played five
games, of 63, 77, 151, 308 and (the paper gives only four; 156 makes the
stated mean of 151) 156 moves; the entrants knew only that a game ended with
probability .00346 after each move, not its length.

Axelrod's Fortran of the rules survives (Axelrod-Python/TourExec): one
function KnnR per entry, nn = 31 ... 93 in order of entry, called as
KnnR(J, M, K, L, R, JA). Each rule here is written from reading that
function, ids ``k31r`` ... ``k93r``, aliased after the authors; the modules
are split by published rank. The harness maps onto the step contract as:

* J, the other's previous move (0 = C), is ``opp[turn - 1]``; the harness
  sets it to C before move 1, and the rules see that C as a move;
* M, the move number from 1, is ``turn + 1``;
* K and L are the rule's and the other's running scores (INTEGER, payoffs
  R = 3, S = 0, T = 5, P = 1): ``own_score`` and ``opp_score`` truncated;
* R is a REAL*4 uniform number handed over on every move: rules that read R
  draw one ``uniform(rng)`` at the start of every move and round it to
  single precision, so the Fortran fed the same numbers plays the same
  moves; rules that never read it draw nothing;
* JA, the rule's own previous move, added by Axelrod in 1993, is
  ``own[turn - 1]``. Rules that keep their own copy of their last move
  keep it in memory (it is the move chosen, which noise may change).

REAL arithmetic is reproduced in single precision, in the Fortran's order of
operations; INTEGER division truncates. Where the code has a bug that ran in
the tournament it is played as it ran and the fix is a parameter (K61R's
``fixed``, K54R's ``fixed``). Data families are used where a rule is one:
TIT FOR TAT and RANDOM (memory-one), the grudger, tit for two tats, and the
machines of COLBERT, WEIDERMAN, DUISMAN and HILL.
"""

# isort: skip_file
from ipd.strategies.builtin.axelrod_second import ranks_01_16  # noqa: F401
from ipd.strategies.builtin.axelrod_second import ranks_17_32  # noqa: F401
from ipd.strategies.builtin.axelrod_second import ranks_33_48  # noqa: F401
from ipd.strategies.builtin.axelrod_second import ranks_49_63  # noqa: F401
