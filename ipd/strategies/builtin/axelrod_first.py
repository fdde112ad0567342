"""The rules of Axelrod's first computer tournament (Axelrod 1980a), as compiled strategies.

R. Axelrod, "Effective Choice in the Prisoner's Dilemma", Journal of Conflict
Resolution 24(1):3-25 (1980), reports a round robin of fourteen submitted rules
plus RANDOM. Every pair met for games of exactly 200 moves, a length the
entrants knew; every rule also met its own twin and RANDOM; payoffs were
R = 3, S = 0, T = 5, P = 1; the whole round robin was played five times, and a
rule's score is its mean points per game over its fifteen opponents.

TIT FOR TAT and RANDOM are the classic ``tft`` and ``random``. This module
holds the other thirteen. Each docstring gives the paper's description in our
own words, every interpretation we had to make and the source that supports
it. Besides the paper's appendix and text, the primary source is the Fortran
of Axelrod's second tournament (the Axelrod-Python/TourExec repository): K57R
(Nydegger) and K59R (Downing's rule, revised) are marked there as the same
rule as in round one; the function GRASR is Graaskamp's round-one rule; K84R
is Tideman and Chieruzzi's second-round rule, used only to settle details.
Move numbers in the docstrings count from 1, as the paper does; the code
counts turns from 0.
"""

from __future__ import annotations

import numpy as np

from ipd.core.game import Game
from ipd.engine.random import bernoulli, uniform
from ipd.strategies import catalogue
from ipd.strategies.builtin._moves import opening_or_end
from ipd.strategies.builtin.classic import grudger
from ipd.strategies.families import FiniteStateMachine, MemoryOne
from ipd.strategies.registry import step

# --------------------------------------------------------------------------- Tideman and Chieruzzi

_TC_RUNS = 0  # runs of opponent defections since the current (fresh) start
_TC_OWED = 1  # extra punishing defections still owed
_TC_START = 2  # turn on which the current game (or fresh start) began
_TC_FRESH = 3  # 1 when the second co-operation of a fresh start is due
_TC_OPP_D = 4  # opponent's defections over the whole game


@step
def tideman_chieruzzi(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Tideman and Chieruzzi (second place, 500.4 points).

    Published description: start with co-operation and tit for tat. When the
    other player ends his second run of defections an extra punishment begins,
    and each later run adds one more punishing defection. The other player gets a
    fresh start when all of these hold: he is 10 or more points behind, he has
    not just started a run of defections, at least 20 moves have passed since
    the last fresh start, at least 10 moves remain, and his number of
    defections is at least 3.0 standard deviations away from what a 50-50
    random player would show. A fresh start is two co-operations, after which
    the rule plays as though the game had just begun. It defects on the last
    two moves.

    Interpretation:

    * Punishment. Every defection of the other is answered by a defection (tit
      for tat). When his k-th run of defections ends (he co-operates after a
      defection), k - 1 further defections are added to what is owed, and owed
      defections are played on the following moves on which he co-operated
      last. So run k costs him its own length plus k - 1 moves. K84R, the
      authors' second-round rule, does much the same with scores: it defects
      until its lead over the other reaches 5 (T - S) times 0 + 1 + ... +
      (k - 1), that is one extra exploited defection per earlier run.
    * A fresh start is considered only on moves where the rule would
      otherwise defect: it is a way of forgiving, as in K84R, which runs the
      test only then.
    * "Just started a run": his last move was a defection and the move before
      it (within the current game) was not. Runs count from the current start.
    * Points behind: our total minus his total, over the whole game, at least 10.
    * 20 moves since a fresh start: the start of the game counts as one, as in
      K84R (its fresh-start clock starts at zero), so the first fresh start can
      come on move 21 at the earliest.
    * 10 moves remaining: this move and those after it number at least 10.
    * Randomness: with d his defections over his n moves so far (the whole
      game, as in K84R, which never resets the count), a fresh start needs
      ``|d - n/2| >= 3.0 * sqrt(n)/2``, that is ``(2d - n)^2 >= 9n`` (K84R writes
      the same bound as 1.5 sqrt(n)).
    * The two co-operations: the first is played on the move where the fresh
      start is decided; the game then begins again on the next move, whose
      co-operation is the new game's opening move (as in K84R, which resets
      its state on that move). The other's reply to the first co-operation is
      forgotten; runs and owed punishment start from zero.
    * Without a known length (``length == -1``) the rule cannot count moves
      to the end: it never plays the final defections and treats the
      remaining-moves condition as met.
    """
    move = opening_or_end(turn, length, 2)
    if move >= 0:
        return move
    last = opp[turn - 1]
    if last == 1:
        memory[_TC_OPP_D] += 1
    if memory[_TC_FRESH] == 1.0:
        # The second co-operation: the game starts again here.
        memory[_TC_FRESH] = 0.0
        memory[_TC_START] = turn
        memory[_TC_RUNS] = 0.0
        memory[_TC_OWED] = 0.0
        return 0
    start = np.int64(memory[_TC_START])
    previous_c = turn - 1 == start or opp[turn - 2] == 0
    new_run = last == 1 and previous_c
    if new_run:
        memory[_TC_RUNS] += 1
    if last == 0 and turn - 1 > start and opp[turn - 2] == 1:
        memory[_TC_OWED] += memory[_TC_RUNS] - 1
    if last == 1:
        move = 1
    elif memory[_TC_OWED] > 0:
        memory[_TC_OWED] -= 1
        move = 1
    else:
        move = 0
    if move == 1:
        n = np.int64(turn)
        gap = 2 * np.int64(memory[_TC_OPP_D]) - n
        if (
            own_score - opp_score >= 10.0
            and not new_run
            and turn - start >= 20
            and (length < 0 or length - turn >= 10)
            and gap * gap >= 9 * n
        ):
            memory[_TC_FRESH] = 1.0
            return 0
    return move


# --------------------------------------------------------------------------- Nydegger

NYDEGGER_DEFECT = (1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61)
"""Values of A on which Nydegger defects, as listed in the paper's appendix."""
_NYDEGGER_MASK = sum(1 << a for a in NYDEGGER_DEFECT)


@step
def nydegger(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Nydegger (third place, 485.5 points).

    Published description: tit for tat on the first three moves, except that
    if it alone co-operated on move 1 and alone defected on move 2, it defects
    on move 3. From move 4 the last three outcomes decide: each outcome is
    scored by its defections (the other's counts 2 points and one's own 1, in
    the appendix's words), and A = 16 x (oldest) + 4 x (middle) + (latest). It defects only when A
    is one of 1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55,
    58, 61; three mutual defections give A = 63 and a co-operation.

    Interpretation: the appendix says the *other's* defection counts 2 and
    one's own 1. We count one's *own* defection as 2 and the other's as 1,
    because

    * K57R, which Axelrod marked as the same rule as round one and retyped
      from the round-one code, builds A that way (2 * own move + other's move);
      it also codes the move-3 exception as A = 6, which is "only I co-operated,
      then only I defected" under this coding and not under the other;
    * under the appendix's literal coding the listed values can never follow
      three of its own co-operations (its own digits would all be 0 or 2), so
      the rule would co-operate for ever once it had co-operated three times.
      The paper says the opposite: it was built to look "not gullible", and it
      escaped "mutual recriminations" with FELD and JOSS by co-operating after
      three mutual defections, which presumes it retaliates.

    The list of values is the appendix's. (K57R's retyped table defects on
    more codes, 46 of 64, including every code from 1 to 26; it contains the
    appendix's 19, and we keep the published list.)
    """
    if turn == 0:
        return 0
    if turn < 3:
        if turn == 2 and own[0] == 0 and opp[0] == 1 and own[1] == 1 and opp[1] == 0:
            return 1
        return np.int64(opp[turn - 1])
    a = np.int64(0)
    for k in range(turn - 3, turn):
        a = 4 * a + 2 * np.int64(own[k]) + np.int64(opp[k])
    return (_NYDEGGER_MASK >> a) & 1


# --------------------------------------------------------------------------- Grofman


def grofman(game: Game, after_dd: float = 1.0) -> MemoryOne:
    """Grofman (fourth place, 481.9 points).

    Published description: if the players did different things on the previous
    move, co-operate with probability 2/7; otherwise always co-operate.

    Interpretation: a memory-one rule (1, 2/7, 2/7, 1); on the first move
    there is no previous move, and "otherwise always co-operates" applies.
    Grofman's second-round rule (K86R) is a different rule and is not used.

    Where the 2/7 probably comes from (our derivation from the abstract of
    Grofman and Pool (1977), the only part we have read): they study a partial
    tit-for-tat (matching) rule and bound the matching frequency that makes
    co-operation the other's best reply by a function of the Rapoport-Chammah
    index K = (R - P) / (T - S). Matching the other's last move with
    probability m, and doing the opposite otherwise, makes always-C at least
    as good as always-D exactly when m >= 1 / (1 + K), which is 5/7 for the
    tournament's payoffs: 2/7 is the probability of not matching.

    ``after_dd`` is the probability of co-operating after mutual defection:
    1 as published. The paper's own text contradicts that sentence in four
    places (see ``docs/axelrod-1980.md``); ``after_dd=0`` ("otherwise repeat
    the move both made") is the reading consistent with the text, offered as
    an option, not as the default.
    """
    return MemoryOne(1.0, 2 / 7, 2 / 7, after_dd, first=1.0)


# --------------------------------------------------------------------------- Shubik

_SH_TRIGGERS = 0  # retaliations started so far (the next lasts one move longer)
_SH_LEFT = 1  # retaliating defections still to play


@step
def shubik(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Shubik (fifth place, 480.7 points).

    Published description: co-operate until the other defects, then defect
    once; if he defects again after co-operation has resumed, defect twice;
    in general each departure from mutual co-operation lengthens the
    retaliation by one.

    Interpretation, from Shubik (1970), which Axelrod cites for the rule (as
    quoted in the Axelrod-Python documentation): retaliation is
    k defections on the moves right after the one on which the other defected,
    after which the rule resumes co-operating; only a defection answered
    while the rule co-operates (an outcome C by us, D by him) triggers a new
    retaliation, one move longer than the last. Defections he plays while we
    retaliate are part of the same episode and add nothing; a defection on the
    very move we resume co-operating does trigger the next, longer one.
    """
    if turn == 0:
        return 0
    if memory[_SH_LEFT] > 0:
        memory[_SH_LEFT] -= 1
        return 1
    if own[turn - 1] == 0 and opp[turn - 1] == 1:
        memory[_SH_TRIGGERS] += 1
        memory[_SH_LEFT] = memory[_SH_TRIGGERS] - 1
        return 1
    return 0


# --------------------------------------------------------------------------- Stein and Rapoport

_SR_FROM_C = 0  # opponent's transitions out of C
_SR_C_TO_C = 1  # ... of which to C
_SR_FROM_D = 2  # opponent's transitions out of D
_SR_D_TO_C = 3  # ... of which to C
_SR_STREAK = 4  # length of the current run of alternating CD / DC outcomes
_SR_ECHO_END = 5  # 1 + the last turn that ended a run of three or more such outcomes
_SR_GIVE_UP = 6  # 1 once a check has found the opponent random or alternating

CHI2_95 = (3.841458820694124, 5.991464547107979)
"""Upper 5% points of the chi-squared distribution with 1 and 2 degrees of freedom."""


@step
def stein_rapoport(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Stein and Rapoport (sixth place, 477.8 points).

    Published description: tit for tat, except that it co-operates on the
    first four moves, defects on the last two, and every fifteen moves checks
    whether the other seems to be playing randomly; the check is a chi-squared
    test of the other's transition probabilities, and also looks for
    alternating moves of CD and DC.

    Interpretation (no code survives; these are our choices):

    * Checks happen before moves 15, 30, 45, ... A positive verdict means the
      rule gives up on the other: it defects on every remaining move, the
      standard answer to a player who cannot be influenced (GRAASKAMP's check
      for RANDOM does the same, and the paper's discussion of RANDOM says "to
      do well with RANDOM requires giving up on it early"). Later checks can
      no longer change it.
    * Transition test: over the other's whole history, count his moves that
      follow a C and those that follow a D, and how many of each are C. A
      50-50 random player makes each of the two transition probabilities 1/2;
      the statistic is the sum over the rows with data of (2 c - n)^2 / n
      (n moves in the row, c of them C), with one degree of freedom per row.
      He "seems random" when it is below the 5% critical value (3.841 for one
      row, 5.991 for two): the test fails to reject a fair coin.
    * Alternation: among the moves since the previous check (the last 15;
      14 at the first check) there are three in a row whose outcomes go CD,
      DC, CD or DC, CD, DC (our move first): the echo in which two
      tit-for-tat-like players take turns punishing each other. Three moves
      is the shortest pattern that alternates rather than merely answering
      one defection (one punished defection gives CD, DC and stops). The
      paper names it as part of the same check, so it has the same
      consequence.
    * Why these readings: the paper says that among the nice rules only TIT
      FOR TAT and TIDEMAN AND CHIERUZZI taught DOWNING that co-operation pays
      and "all of the other nice rules went downhill with DOWNING". Without a
      check that fires in that game the rule is tit for tat there and the game
      settles into mutual co-operation (about 600 points each; a stricter
      alternation test, requiring every move since the last check to
      alternate, never fires). With a verdict that lapsed at the next check,
      the rule would go back to tit for tat and exploit DOWNING's alternating
      (about 490 points). Giving up for good ends the game in mutual
      defection, as the paper says. Both readings reproduce the paper's
      footnote 3 (with P = 2 the top four are TIDEMAN AND CHIERUZZI, STEIN
      AND RAPOPORT, FRIEDMAN, TIT FOR TAT).
    * Last two moves: when the length is unknown (``length == -1``) they
      cannot be identified and the rule never plays them.
    """
    # Once given up on, the other is never checked again: no bookkeeping needed.
    if memory[_SR_GIVE_UP] == 1.0 or (length >= 0 and turn >= length - 2):
        return 1
    if turn >= 2:
        if opp[turn - 2] == 0:
            memory[_SR_FROM_C] += 1
            memory[_SR_C_TO_C] += 1 - np.int64(opp[turn - 1])
        else:
            memory[_SR_FROM_D] += 1
            memory[_SR_D_TO_C] += 1 - np.int64(opp[turn - 1])
    if turn >= 1:
        mixed = own[turn - 1] != opp[turn - 1]
        if mixed and memory[_SR_STREAK] > 0 and own[turn - 2] == opp[turn - 1]:
            memory[_SR_STREAK] += 1
        elif mixed:
            memory[_SR_STREAK] = 1
        else:
            memory[_SR_STREAK] = 0
        if memory[_SR_STREAK] >= 3:
            memory[_SR_ECHO_END] = turn
    if turn < 4:
        return 0
    if (turn + 1) % 15 == 0:
        chi2 = 0.0
        rows = 0
        if memory[_SR_FROM_C] > 0:
            gap = 2.0 * memory[_SR_C_TO_C] - memory[_SR_FROM_C]
            chi2 += gap * gap / memory[_SR_FROM_C]
            rows += 1
        if memory[_SR_FROM_D] > 0:
            gap = 2.0 * memory[_SR_D_TO_C] - memory[_SR_FROM_D]
            chi2 += gap * gap / memory[_SR_FROM_D]
            rows += 1
        random_looking = rows > 0 and chi2 < CHI2_95[rows - 1]
        # Three alternating outcomes inside the moves since the last check.
        alternating = memory[_SR_ECHO_END] - 1 >= turn - min(turn, 15) + 2
        # A verdict of random or alternating stands for the rest of the game.
        if random_looking or alternating:
            memory[_SR_GIVE_UP] = 1.0
            return 1
    return np.int64(opp[turn - 1])


# --------------------------------------------------------------------------- Friedman


def friedman(game: Game) -> FiniteStateMachine:
    """Friedman (seventh place, 473.4 points).

    Published description: co-operate until the other defects, then defect
    until the end of the game. This is the grim trigger, played by the same
    two-state machine as ``grudger``.
    """
    return grudger(game)


# --------------------------------------------------------------------------- Davis

_DAVIS_SEEN_D = 0  # 1 once the opponent has defected


@step
def davis(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Davis (eighth place, 471.8 points).

    Published description: co-operate on the first ten moves; then, if there
    is a defection, defect until the end of the game.

    Interpretation: "a defection" is any defection by the other, including one
    during the first ten moves (which the rule then punishes from move 11).
    """
    if turn >= 1 and opp[turn - 1] == 1:
        memory[_DAVIS_SEEN_D] = 1.0
    if turn < 10:
        return 0
    return 1 if memory[_DAVIS_SEEN_D] == 1.0 else 0


# --------------------------------------------------------------------------- Graaskamp

_GR_MODE = 0  # after move 57: 1 TFT with random defections, 2 TFT, 3 defect, 4 analogy
_GR_WAIT = 1  # mode 1: tit-for-tat moves left before the next random defection

GRAASKAMP_RANDOM_SCORE = 135.0
"""The opponent's score over moves 1-56 at or below which GRASR takes it for RANDOM."""

_CC, _CD, _DC, _DD = 0, 1, 2, 3  # outcome codes, own move first


@step
def graaskamp(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Graaskamp (ninth place, 400.7 points).

    Published description: tit for tat for 50 moves, a defection on move 51,
    five more moves of tit for tat. Then: if the other seems to be RANDOM,
    defect from then on; if it seems to be TIT FOR TAT, ANALOGY (a rule of the
    preliminary tournament) or its own twin, play tit for tat; otherwise keep
    playing tit for tat but throw in a defection every 5 to 15 moves.

    The details follow GRASR, the Fortran that survives in TourExec and matches
    the description step for step (it is not one of the second round's
    entries, whose Graaskamp rule, with Katzen, is K60R):

    * The RANDOM check, made before move 57: the other's score over moves
      1-56 is at most 135 points. (The paper says "if its score is not very
      good"; GRASR tests its fourth argument, which in Axelrod's calling
      convention is the other player's score.)
    * The recognition patterns, from the outcomes of moves 52-55 (ours first):
      CD, DC, CD (the echo of its move-51 defection off TIT FOR TAT) or DD,
      DD, DD (its twin, which also defected on move 51) -> tit for tat,
      starting with a co-operation on move 57; CC, CD, DC, CC (taken to be
      ANALOGY) -> co-operate on moves 57 to 118, tit for tat after that.
    * Otherwise it co-operates on move 57 and draws N = 5 + floor(10 u), u
      uniform: it plays N moves of tit for tat, defects, draws a new N, and
      so on, so its unprovoked defections come every 6 to 15 moves.
    * Random draws: one uniform at move 57 in that last case and one at each
      random defection, from the player's own stream.
    """
    if turn == 0:
        return 0
    if turn < 50:
        return np.int64(opp[turn - 1])
    if turn == 50:
        return 1
    if turn < 56:
        return np.int64(opp[turn - 1])
    if turn == 56:
        if opp_score <= GRAASKAMP_RANDOM_SCORE:
            memory[_GR_MODE] = 3.0
            return 1
        o52 = 2 * np.int64(own[51]) + np.int64(opp[51])
        o53 = 2 * np.int64(own[52]) + np.int64(opp[52])
        o54 = 2 * np.int64(own[53]) + np.int64(opp[53])
        o55 = 2 * np.int64(own[54]) + np.int64(opp[54])
        if (o52 == _CD and o53 == _DC and o54 == _CD) or (o52 == _DD and o53 == _DD and o54 == _DD):
            memory[_GR_MODE] = 2.0
        elif o52 == _CC and o53 == _CD and o54 == _DC and o55 == _CC:
            memory[_GR_MODE] = 4.0
        else:
            memory[_GR_MODE] = 1.0
            memory[_GR_WAIT] = 5.0 + np.floor(10.0 * uniform(rng))
        return 0
    mode = memory[_GR_MODE]
    if mode == 3.0:
        return 1
    if mode == 4.0:
        if turn + 1 >= 118:
            memory[_GR_MODE] = 2.0
        return 0
    if mode == 1.0:
        if memory[_GR_WAIT] <= 0:
            memory[_GR_WAIT] = 5.0 + np.floor(10.0 * uniform(rng))
            return 1
        memory[_GR_WAIT] -= 1
    return np.int64(opp[turn - 1])


# --------------------------------------------------------------------------- Downing

_DW_AFTER_C = 0  # our co-operations whose next-move reply we have seen
_DW_C_AFTER_C = 1  # ... answered by a co-operation
_DW_AFTER_D = 2  # our defections whose next-move reply we have seen
_DW_C_AFTER_D = 3  # ... answered by a co-operation


@step
def downing(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Downing (tenth place, 390.6 points).

    Published description: choose the move that maximises its own long-term
    expected payoff, assuming the other co-operates with a fixed probability
    that depends only on whether Downing co-operated or defected on the
    previous move. Both probabilities are estimated as play goes on; at the
    start both are taken as .5 (the pessimistic belief that the other is not
    responsive), an estimate given no weight once real information arrives.
    So it defects on the first two moves. Sometimes it finds alternating
    co-operation and defection best.

    The decision rule is K59R's, Axelrod's "REVISED DOWNING", which the paper
    says differs from DOWNING only in its initial beliefs (1 and 0 instead of
    .5 and .5):

    * The other's move on move m answers our move on move m - 1. Let
      g = P(he co-operates | we co-operated) and b = P(he co-operates | we
      defected), each the observed frequency (or 1/2 while there is no
      observation of that kind).
    * Co-operate if 6g - 8b - 2 >= 0 and 6g - 8b - 2 >= 4g - 5b - 1; else,
      if 4g - 5b - 1 >= 0, play the opposite of our previous move; else
      defect. These are K59R's tests. With the tournament's payoffs they
      compare the long-run payoffs per move of always co-operating
      (3g), always defecting (5b + (1 - b)) and alternating (the mean of
      3b and 5g + (1 - g)): the two expressions are twice the gains of
      co-operating and of alternating over defecting. Like the submitted
      program, the rule keeps these coefficients whatever the payoffs.
    * The comparisons are exact (integer counts, both sides multiplied by the
      denominators), so ties, which do occur (g = 1/2, b = 0, say), are
      resolved the same way every time.
    """
    if turn >= 2:
        reply_c = 1 - np.int64(opp[turn - 1])
        if own[turn - 2] == 0:
            memory[_DW_AFTER_C] += 1
            memory[_DW_C_AFTER_C] += reply_c
        else:
            memory[_DW_AFTER_D] += 1
            memory[_DW_C_AFTER_D] += reply_c
    g_num, g_den = np.int64(1), np.int64(2)
    if memory[_DW_AFTER_C] > 0:
        g_num, g_den = np.int64(memory[_DW_C_AFTER_C]), np.int64(memory[_DW_AFTER_C])
    b_num, b_den = np.int64(1), np.int64(2)
    if memory[_DW_AFTER_D] > 0:
        b_num, b_den = np.int64(memory[_DW_C_AFTER_D]), np.int64(memory[_DW_AFTER_D])
    # K59R's two tests, times g_den * b_den.
    cooperate = 6 * g_num * b_den - 8 * b_num * g_den - 2 * g_den * b_den
    alternate = 4 * g_num * b_den - 5 * b_num * g_den - g_den * b_den
    if cooperate >= 0 and cooperate >= alternate:
        return 0
    if alternate >= 0:
        return 1 if turn == 0 else 1 - np.int64(own[turn - 1])
    return 1


# --------------------------------------------------------------------------- Feld


@step
def feld(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Feld (eleventh place, 327.6 points).

    Published description: starts as tit for tat; its probability of
    co-operating after the other's co-operation is lowered gradually until it
    is .5 by move 200; it always defects after a defection.

    Interpretation: the decline is linear ("declines steadily", in the text),
    from 1 on move 1 to exactly .5 on move 200: on move m the probability is
    1 - 0.5 (m - 1)/199, computed as (398 - t)/398 for turn t = m - 1; it
    stays .5 after move 200. The schedule is tied to move 200, not to the
    match length. (The text's remark that FELD defected on about 25% of its
    moves against DOWNING fits the linear mean, 0.75.)
    """
    if turn == 0:
        return 0
    if opp[turn - 1] == 1:
        return 1
    p = max(0.5, (398.0 - turn) / 398.0)
    return 0 if bernoulli(rng, p) else 1


# --------------------------------------------------------------------------- Joss


def joss(game: Game, p: float = 0.9) -> MemoryOne:
    """Joss (twelfth place, 304.4 points).

    Published description: co-operate 90% of the time after a co-operation by
    the other; always defect after his defection. It is a variant of tit for
    tat, and the paper's Table 3 game shows it co-operating on move 1.

    Interpretation: a memory-one rule (p, 0, p, 0) with a sure co-operation
    first; ``p`` (default 0.9, the published value) is a parameter.
    """
    return MemoryOne(p, 0.0, p, 0.0, first=1.0)


# --------------------------------------------------------------------------- Tullock

_TU_WINDOW_C = 0  # opponent's co-operations among its last ten moves


@step
def tullock(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """Tullock (thirteenth place, 300.5 points).

    Published description: co-operate on the first eleven moves; then
    co-operate 10% less than the other player co-operated on the preceding ten
    moves.

    Interpretation: "10% less" is ten percentage points: with c co-operations
    among his last ten moves, the rule co-operates with probability
    max(0, (c - 1)/10). (The relative reading, 0.9 c/10, agrees when he
    co-operated on all ten and differs by at most 0.09 otherwise.)
    """
    if turn >= 1:
        memory[_TU_WINDOW_C] += 1 - np.int64(opp[turn - 1])
    if turn >= 11:
        memory[_TU_WINDOW_C] -= 1 - np.int64(opp[turn - 11])
    if turn < 11:
        return 0
    c = memory[_TU_WINDOW_C]
    p = (c - 1.0) / 10.0 if c >= 1.0 else 0.0
    return 0 if bernoulli(rng, p) else 1


# --------------------------------------------------------------------------- Anonymous

_AN_P = 0  # current probability of co-operating


@step
def anonymous(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """(Name withheld), fourteenth place, 282.2 points.

    Published description: a probability of co-operating, P, starts at 30%
    and is updated every 10 moves; it is adjusted if the other seems random,
    very co-operative or very uncooperative, and after move 130 if the rule is
    behind. The adjustments, Axelrod says, often left P between 30% and 70%,
    so the rule looked random to many others.

    Interpretation: the 77-line program and its adjustment rules were never
    published, so this is a stand-in built only from what was: P = 0.3 on
    moves 1-10; before moves 11, 21, 31, ... a new P is drawn uniformly from
    [0.3, 0.7], the range the paper reports; each move co-operates with
    probability P. Draws, in order: the new P (when due), then the move.
    This is the one rule here that is not a reconstruction.
    """
    if turn == 0:
        memory[_AN_P] = 0.3
    elif turn % 10 == 0:
        memory[_AN_P] = 0.3 + 0.4 * uniform(rng)
    return 0 if bernoulli(rng, memory[_AN_P]) else 1


catalogue.register(__name__)
