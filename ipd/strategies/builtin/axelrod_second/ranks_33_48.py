"""Axelrod's second tournament, published ranks 33-48: FALK AND LANGSTED to SMITH.

How the Fortran's arguments map onto the step contract: see
:mod:`ipd.strategies.builtin.axelrod_second`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ipd.engine.random import uniform
from ipd.strategies import catalogue
from ipd.strategies.builtin._moves import count_defections
from ipd.strategies.builtin.axelrod_second import _fortran as fortran
from ipd.strategies.registry import step

F32 = np.float32

# --------------------------------------------------------------------------- 33 K85R Falk

_FL_I = 0  # 0..3: his C and D after own D, his C and D after own C (REAL counts)
_FL_D = 4  # 1 on the move after a D answering mutual defection


@step
def k85r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """FALK AND LANGSTED: basic rules with a randomness check.

    It counts his replies to its own move two back (JA of the previous move):
    co-operations I1 and defections I2 after its defection, I3 and I4 after
    its co-operation. After move 20 it defects if both ratios
    (I1 + 1e-6) / (I2 + 1e-6) and (I3 + 1e-6) / (I4 + 1e-6) lie in [0.5, 1.5]
    (single precision): he looks random. Else it defects if his counted
    defections exceed its own by 3 or more (I2 + I4 >= I1 + I2 + 3, as
    typed). Else the basic rules on the last outcome (own move first): CC ->
    C, CD -> D, DC -> D, DD -> D and, on the next move, C.

    The Fortran also keeps two decimal "shift registers" in single precision
    for a tit-for-tat mode, a continual-defection test, a "he co-operated
    twice in the first 30 moves" test and a "he plays tit for tat" test; but
    it shifts in the constant 5 instead of the moves, so the registers never
    show the patterns tested for (they read 5, 55, ..., about 5.6e7 whatever
    is played): those tests are dead and we omit them.
    """
    j, ja, two = fortran.previous(turn, own, opp)
    return _k85r(turn, turn + 1, j, ja, two, memory)


@njit
def _k85r(turn, m, j, ja, two_back, memory):
    if turn == 0:
        return 0
    slot = _FL_I + (0 if two_back != 0 else 2) + j
    memory[slot] = F32(memory[slot]) + F32(1.0)
    i1 = F32(memory[_FL_I])
    i2 = F32(memory[_FL_I + 1])
    i3 = F32(memory[_FL_I + 2])
    i4 = F32(memory[_FL_I + 3])
    if m > 20:
        tiny = F32(1e-6)
        a = (i1 + tiny) / (i2 + tiny)
        b = (i3 + tiny) / (i4 + tiny)
        if not (a > F32(1.5) or a < F32(0.5) or b > F32(1.5) or b < F32(0.5)):
            memory[_FL_D] = 0.0
            return 1
    if i2 + i4 >= i1 + i2 + F32(3.0):
        memory[_FL_D] = 0.0
        return 1
    if ja == 1 and j == 0:
        memory[_FL_D] = 0.0
        return 1
    if memory[_FL_D] == 1.0:
        memory[_FL_D] = 0.0
        return 0
    if ja == 0:
        if j == 1:
            memory[_FL_D] = 0.0
            return 1
        return 0
    memory[_FL_D] = 1.0
    return 1


# --------------------------------------------------------------------------- 34 K38R Weiderman


# --------------------------------------------------------------------------- 35 K40R R. Adams

_RA_S = 0  # moves since the last punishment started (REAL; 1 and 2 mean punish)
_RA_W = 1  # his defections, counted twice from move 3 (REAL)
_RA_Q = 2  # probability of forgiving a defection, halving (REAL)


@step
def k40r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """ROBERT ADAMS: decreasing forgiveness with counted punishments.

    W counts his defections (twice each from move 3, as typed), Q starts at
    0.8 and halves with each of his defections (and with each punishment).
    Moves 1-2: C. After his defection: if W is of the form 3k + 1, or a
    multiple of 3 above 2, it punishes (defects now and on the next move);
    otherwise it defects when R >= Q. After his co-operation it defects
    while a punishment lasts, and starts one when W > 2 is of one of those
    forms (the second test has Axelrod's 1993 parentheses, the first its
    original precedence: (W > 2 and 3 | W) or 3 | W - 1). All in single
    precision.
    """
    return _k40r(turn + 1, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k40r(m, j, r, memory):
    if m == 1:
        memory[_RA_S] = 3.0
        memory[_RA_Q] = F32(0.8)
    memory[_RA_S] += 1.0
    if j == 1:
        memory[_RA_W] += 1.0
        memory[_RA_Q] = F32(memory[_RA_Q]) / F32(2.0)
    if m < 3:
        return 0
    w = np.int64(memory[_RA_W])
    punish = False
    if j == 1:
        w += 1
        memory[_RA_W] = w
        if (w > 2 and w % 3 == 0) or (w - 1) % 3 == 0:
            punish = True
        else:
            q = F32(memory[_RA_Q])
            memory[_RA_Q] = q / F32(2.0)
            return 1 if r >= q else 0
    else:
        if memory[_RA_S] == 1.0 or memory[_RA_S] == 2.0:
            return 1
        punish = w > 2 and (w % 3 == 0 or (w - 1) % 3 == 0)
    if punish:
        memory[_RA_S] = 1.0
        memory[_RA_Q] = F32(memory[_RA_Q]) / F32(2.0)
        return 1
    return 0


# --------------------------------------------------------------------------- 36 K80R Dawes


@njit(inline="always")
def _powi32(x, n):
    """x ** n in single precision by repeated squaring, as libgcc's __powisf2 (n >= 0)."""
    y = x if n % 2 == 1 else F32(1.0)
    n = n >> 1
    while n > 0:
        x = x * x
        if n % 2 == 1:
            y = y * x
        n = n >> 1
    return y


@step
def k80r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """DAWES AND BATELL: a sequential test for a defector.

    On each of his defections it computes 1.6667^INOD * 0.882^(M - INOD)
    (INOD his defections so far, M the move number), a likelihood ratio of
    "defector" over "co-operator"; once it reaches 5 it defects for the rest
    of the game. The powers are REAL ** INTEGER, which gfortran computes by
    repeated squaring in single precision (libgcc's __powisf2): reproduced.
    """
    return _k80r(turn, fortran.his_last(turn, opp), memory)


@njit
def _k80r(turn, j, memory):
    if turn == 0:
        return 0
    if memory[0] == 1.0:
        return 1
    if j == 1:
        memory[1] += 1.0
        d = np.int64(memory[1])
        test = _powi32(F32(1.6667), d) * _powi32(F32(0.882), turn + 1 - d)
        if test >= F32(5.0):
            memory[0] = 1.0
            return 1
    return 0


# --------------------------------------------------------------------------- 37 K37R Lefevre


@step
def k37r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """LEFEVRE: tolerate up to 20% defections.

    It defects when 5 ND > M, ND his defections so far and M the move number.
    """
    count_defections(turn, opp, memory, 0)
    return 1 if turn > 0 and 5 * np.int64(memory[0]) > turn + 1 else 0


# --------------------------------------------------------------------------- 38 K56R Quayle
# --------------------------------------------------------------------------- 40 K59R Downing


@step
def revised_downing(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """REVISED DOWNING (K56R, Quayle's copy of it, and K59R, Downing's own).

    It models the other as answering its own move: GOOD is the share of his
    co-operations after its co-operation, BAD after its defection (from 1
    and 0), each of his moves credited to its own move two back (JA of the
    previous move). With C = 6 GOOD - 8 BAD - 2 and ALT = 4 GOOD - 5 BAD - 1
    (single precision, the values of always co-operating and alternating
    relative to always defecting): it co-operates if C >= 0 and C >= ALT,
    alternates (plays the opposite of its last move) if C >= 0 and C < ALT
    or if ALT >= 0, and defects otherwise. Moves 1 and 2 co-operate (GOOD =
    1, BAD = 0).
    """
    j, ja, two = fortran.previous(turn, own, opp)
    return _revised_downing(turn, j, ja, two, memory)


@njit
def _revised_downing(turn, j, ja, two, memory):
    if turn == 0:
        memory[fortran.ALPHA] = 1.0
        return 0
    if turn >= 2:
        fortran.count_reply(memory, two, j)
    c, alt = fortran.values(memory, 8.0, 5.0)
    zero = F32(0.0)
    if c >= zero and c >= alt:
        return 0
    if (c >= zero and c < alt) or alt >= zero:
        return 1 - ja
    return 1


# --------------------------------------------------------------------------- 39 K43R Anderson

_AN_N = 0  # 0..3: his C and D after own C two back, his C and D after own D two back
_AN_KOUNT = 4  # retaliations in the first 15 moves
_AN_TWIN = 5  # 1 if it recognised its twin on move 17
_AN_IOLD1 = 6  # own last move as chosen
_AN_IOLD2 = 7  # own move before that


@step
def k43r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """ANDERSON: patient, then exploiting where exploitation goes unpunished.

    It counts his replies (co-operation or defection) to its own move two
    back. Moves 1-15: tit for tat, but only the first three of his
    defections are answered. From move 16: it defects if at least a third
    of his replies to its co-operation were defections; otherwise on every
    fourth move (M divisible by 4) it defects if his co-operations after its
    defections are at least M / 12 (integer) or he never defected after its
    defection, unless on move 17 it recognised its twin (he defected, with
    exactly one defection after its co-operation and none after its
    defection).
    """
    return _k43r(turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k43r(m, j, memory):
    if m == 1:
        return 0
    if m >= 3:
        base = _AN_N + (2 if memory[_AN_IOLD2] == 1.0 else 0)
        memory[base] += 1 - j
        memory[base + 1] += j
    memory[_AN_IOLD2] = memory[_AN_IOLD1]
    ncc = np.int64(memory[_AN_N])
    ncd = np.int64(memory[_AN_N + 1])
    ndc = np.int64(memory[_AN_N + 2])
    ndd = np.int64(memory[_AN_N + 3])
    if m < 16:
        if j == 0 or memory[_AN_KOUNT] >= 3.0:
            move = 0
        else:
            memory[_AN_KOUNT] += 1.0
            move = 1
    else:
        if m == 17 and j == 1 and ncd == 1 and ndd == 0:
            memory[_AN_TWIN] = 1.0
        if ncd * 3 >= ncc + ncd:
            move = 1
        elif m % 4 != 0 or memory[_AN_TWIN] == 1.0:
            move = 0
        elif ndc >= m // 12 or ndd == 0:
            move = 1
        else:
            move = 0
    memory[_AN_IOLD1] = move
    return move


# --------------------------------------------------------------------------- 41 K73R Zimmerman

_ZI_IAGGD = 0  # defections tolerated while co-operating
_ZI_IDUNU = 1  # his defections during the current co-operative posture
_ZI_IDUNB = 2  # his co-operations during the current defecting posture
_ZI_IPAYB = 3  # co-operations needed to end a defecting posture
_ZI_ITEST = 4  # the move of his that counts against the posture (1 while co-operating)
_ZI_IPOST = 5  # the posture: 0 co-operate, 1 defect


@step
def k73r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """ZIMMERMAN: postures with tolerances.

    It holds a posture, co-operate or defect, starting with co-operation.
    While co-operating it counts his defections; when they reach IAGGD (4 at
    first) it switches to defecting. While defecting it counts his
    co-operations; when they reach IPAYB it switches back. The counts need
    not be consecutive and restart at each switch. On switching to defection
    IPAYB becomes INT(1.6667 (IAGGD + 1)) (single precision); on switching
    back IAGGD becomes IAGGD - 3 + K / M (integer: its score per move), at
    least 1.
    """
    return _k73r(turn, fortran.his_last(turn, opp), np.int64(own_score), memory)


@njit
def _k73r(turn, j, own_k, memory):
    if turn == 0:
        memory[_ZI_IAGGD] = 4.0
        memory[_ZI_IPAYB] = 8.0
        memory[_ZI_ITEST] = 1.0
        return 0
    move = np.int64(memory[_ZI_IPOST])
    test = memory[_ZI_ITEST]
    if j != test:
        return move
    if test == 1.0:
        memory[_ZI_IDUNU] += 1.0
    else:
        memory[_ZI_IDUNB] += 1.0
    if memory[_ZI_IDUNU] < memory[_ZI_IAGGD] and memory[_ZI_IDUNB] < memory[_ZI_IPAYB]:
        return move
    memory[_ZI_IDUNU] = 0.0
    memory[_ZI_IDUNB] = 0.0
    move = j
    memory[_ZI_IPOST] = move
    if move == 1:
        memory[_ZI_ITEST] = 0.0
        memory[_ZI_IPAYB] = np.int64(F32(1.6667) * F32(np.int64(memory[_ZI_IAGGD]) + 1))
        return move
    memory[_ZI_ITEST] = 1.0
    aggd = np.int64(memory[_ZI_IAGGD]) - 3 + fortran.tdiv(own_k, turn + 1)
    memory[_ZI_IAGGD] = aggd if aggd > 0 else 1
    return move


# --------------------------------------------------------------------------- 42 K55R Newman

_NE_MUTDEF = fortran.MODEL_SLOTS  # mutual defections counted while defecting


@step
def k55r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """NEWMAN: a Downing-like model with a mutual-defection breaker.

    ALPHA and BETA are his co-operation rates after its own co-operation and
    defection (from 1 and 0), each of his moves credited to its own move two
    back. POLC = 6 ALPHA - 9 BETA - 2 and POLALT = 4 ALPHA - 6 BETA - 1
    (single precision): if POLC >= 0 it co-operates when POLC >= POLALT and
    alternates otherwise; if POLC < 0 it alternates when POLALT >= 0 and
    defects otherwise. When it is to defect after mutual defection it counts
    one (a defection after any other outcome resets the count), and from the
    fourth on it co-operates instead.
    """
    j, ja, two = fortran.previous(turn, own, opp)
    return _k55r(turn + 1, j, ja, two, memory)


@njit
def _k55r(m, j, ja, two, memory):
    if m == 1:
        memory[fortran.ALPHA] = 1.0
    if m > 2:
        fortran.count_reply(memory, two, j)
    polc, polalt = fortran.values(memory, 9.0, 6.0)
    zero = F32(0.0)
    if polc >= zero:
        return 0 if polc >= polalt else 1 - ja
    if polalt >= zero:
        return 1 - ja
    if j == 0 or ja == 0:
        memory[_NE_MUTDEF] = 0.0
        return 1
    memory[_NE_MUTDEF] += 1.0
    return 0 if memory[_NE_MUTDEF] > 3.0 else 1


# --------------------------------------------------------------------------- 43 K81R Jones

_JN_L4 = 0  # 0..15: L4(c, 1) at 2c, L4(c, 2) at 2c + 1 (REAL): his co-ops and visits by context
_JN_T0 = 16  # 1 in twin mode
_JN_T4 = 17  # own-move register
_JN_T5 = 18  # the register as it was after the last move
_JN_T6 = 19  # how far he may lead before tit for tat (from 25, +1 every 10 moves)
_JN_T8 = 20  # his defections in a row, as the Fortran keeps it
_JN_T9 = 21  # first move of the learning rule (5, or 9 if he defected first)
_JN_S1 = 22  # the best of eight look-ahead totals
_JN_X = 23  # 23..30: the eight look-ahead totals (REAL), scratch


@njit(inline="always")
def _jones_value(memory, d4):
    """A and B for register value d4: 3 q and 4 q + 1 with q his co-operation rate there."""
    a1 = F32(memory[_JN_L4 + 2 * d4])
    a2 = F32(memory[_JN_L4 + 2 * d4 + 1])
    if a2 == F32(0.0):
        a2 = F32(1.0)
    a3 = a1 / a2
    a = F32(3.0) * a3
    return a, a + a3 + F32(1.0)


@njit(inline="always")
def _jones_pass(memory, t4, e0, e1, e2, e3, f0, f1, f2, f3):
    """One look-ahead pass (label 900): update the totals X and return the new register."""
    if t4 > 4:
        t4 -= 4
    t4 = t4 * 2
    for c in range(1, 9):
        d4 = t4
        if c in (e0, e1, e2, e3):
            d4 = t4 + 1
        if d4 == 9:
            d4 = 1
        if d4 > 7:
            d4 -= 8
        a, b = _jones_value(memory, d4)
        at = _JN_X + c - 1
        if c in (f0, f1, f2, f3):
            memory[at] = F32(memory[at]) + b
        else:
            memory[at] = F32(memory[at]) + a
    return t4


@step
def k81r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """JONES: a look-ahead learner over its own move patterns.

    A register T4 of its own recent moves indexes a table L4 of his
    co-operations and of visits (the co-operation counts are multiplied by 9
    every 10 moves, as typed, in single precision). From move 5 (9 if he
    defected first) it plays, unless he leads by more than T6 points (25 at
    first, growing by 1 every 10 moves; then tit for tat): it sums, over two
    look-ahead passes, estimated payoffs 3 q (for its co-operation) or
    4 q + 1 (for its defection) of eight continuations, and defects when the
    best continuation is one of the last four. Twin mode: if on move 81 both
    scores are 237 and he defected on move 1 (as it would), it defects on
    moves 81-139, co-operates on 140-180, and so on every 100 moves, until he
    defects while it co-operates.

    Followed statement by statement, including the register arithmetic
    (T4 > 4 -> T4 - 4; T4 > 7 -> T4 - 8) and the state that the Fortran
    keeps but never uses to change a move (T8).
    """
    j, _, _ = fortran.previous(turn, own, opp)
    return _k81r(turn + 1, j, np.int64(own_score), np.int64(opp_score), memory)


@njit
def _k81r(m, j, k, ell, memory):
    if m == 81 and k == ell and k == 237:
        memory[_JN_T0] = 1.0
    if m == 1:
        memory[_JN_T6] = 25.0
        memory[_JN_T9] = 5.0
    if m == 2 and j == 1:
        memory[_JN_T9] = 9.0
    t4 = np.int64(memory[_JN_T4])
    move = -1
    if m >= memory[_JN_T9]:
        t5 = np.int64(memory[_JN_T5])
        if t5 > 7:
            t5 -= 8
        memory[_JN_T5] = t5
        if j == 0:
            memory[_JN_L4 + 2 * t5] = F32(memory[_JN_L4 + 2 * t5]) + F32(1.0)
        label = 1020
        if memory[_JN_T9] == 9.0 and memory[_JN_T0] == 1.0:
            if j == 1:
                memory[_JN_T0] = 0.0
            else:
                label = 1272
        if label == 1272:
            t2 = 0
            while True:
                if 80 + t2 < m < 140 + t2:
                    move = 1
                    break
                if 140 + t2 <= m <= 180 + t2:
                    move = 0
                    break
                t2 += 100
        else:
            t8 = F32(memory[_JN_T8])
            evaluate = True
            if j == 1:
                t8 = t8 + F32(1.0)
                if F32(8.0) <= t8 <= F32(9.0):
                    move = 0
                    evaluate = False
                elif t8 > F32(1.0):
                    t8 = F32(1.0)
            elif F32(0.0) <= t8 < F32(6.0):
                t8 = F32(0.0)
            else:
                if t8 > F32(0.0):
                    t8 = F32(-200.0)
                move = 0
                t8 = t8 + F32(1.0)
                evaluate = False
            memory[_JN_T8] = t8
            if evaluate:
                if ell > k + memory[_JN_T6]:
                    move = j
                else:
                    d4 = t4
                    if d4 > 7:
                        d4 -= 8
                    a, b = _jones_value(memory, d4)
                    for c in range(4):
                        memory[_JN_X + c] = a
                        memory[_JN_X + c + 4] = b
                    t4 = _jones_pass(memory, t4, 5, 6, 7, 8, 3, 4, 7, 8)
                    t4 = _jones_pass(memory, t4, 3, 4, 7, 8, 2, 4, 6, 8)
                    s = F32(0.0)
                    for c in range(8):
                        if F32(memory[_JN_X + c]) > s:
                            s = F32(memory[_JN_X + c])
                            memory[_JN_S1] = c + 1
                    move = 1 if memory[_JN_S1] >= 5.0 else 0
    if move < 0:
        move = j
    memory[_JN_T5] = t4
    if m % 10 == 0:
        for c in range(8):
            memory[_JN_L4 + 2 * c] = F32(memory[_JN_L4 + 2 * c]) * F32(9.0)
        memory[_JN_T6] += 1.0
    if t4 > 7:
        t4 -= 8
    if m > 3:
        memory[_JN_L4 + 2 * t4 + 1] = F32(memory[_JN_L4 + 2 * t4 + 1]) + F32(1.0)
    if t4 > 4:
        t4 -= 4
    memory[_JN_T4] = t4 * 2 + move
    return move


# --------------------------------------------------------------------------- 44 K87R Schurmann

_SC_Z = 0  # 1 once he has defected
_SC_Q6 = 1  # propensity to co-operate (REAL)
_SC_H = 2  # own last move as chosen


@step
def k87r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """SCHURMANN: a propensity learner once provoked.

    Co-operates while he has never defected. From his first defection on it
    updates a propensity Q6 (from 0.5) after each move by the outcome (its
    own move first): CC -> 0.57 Q6 + 0.43, DD -> 0.74 Q6 + 0.104, CD or DC
    -> 0.5 Q6, and co-operates when R <= Q6 (single precision).
    """
    return _k87r(turn, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k87r(turn, j, r, memory):
    if turn == 0:
        memory[_SC_Q6] = 0.5
        return 0
    s = 2 * j + np.int64(memory[_SC_H]) + 1
    if memory[_SC_Z] != 1.0:
        if j == 0:
            memory[_SC_H] = 0.0
            return 0
        memory[_SC_Z] = 1.0
    q6 = F32(memory[_SC_Q6])
    if s <= 1:
        q6 = q6 * F32(0.57) + F32(0.43)
    elif s == 4:
        q6 = F32(0.74) * q6 + F32(0.104)
    else:
        q6 = F32(0.5) * q6
    memory[_SC_Q6] = q6
    if r > q6:
        memory[_SC_H] = 1.0
        return 1
    memory[_SC_H] = 0.0
    return 0


# --------------------------------------------------------------------------- 45 K53R Nussbacher


@step
def k53r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """NUSSBACHER: a table over the last ten moves.

    Moves 1-10: C. Then, with d his defections among his last ten moves, it
    defects when R is below 0.23 (d = 1), 0.87 (d = 2, 5, 6, 7), 0.915
    (d = 3, 4, 8) or 0.94 (d = 9, 10); never when d = 0 (single precision).
    """
    return _k53r(turn, F32(uniform(rng)), memory, opp)


@njit
def _k53r(turn, r, memory, opp):
    if turn < 10:
        return 0
    d = fortran.recent_defections(turn, opp, 10)
    if d == 0:
        return 0
    if d >= 9:
        p = F32(0.94)
    elif d == 8 or d == 4 or d == 3:
        p = F32(0.915)
    elif d == 1:
        p = F32(0.23)
    else:
        p = F32(0.87)
    return 1 if r < p else 0


# --------------------------------------------------------------------------- 46 K76R Gladstein

_GL_PATSY = 0  # 1 while he has never defected
_GL_DC = 1  # moves played as a patsy's partner (REAL)
_GL_MDC = 2  # of which it co-operated the move before
_GL_G = 3  # its last move as a patsy's partner (REAL)


@step
def k76r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """GLADSTEIN (TESTER): test the other with a defection, exploit a patsy.

    It defects on move 1. If he ever defects, it co-operates once and then
    plays tit for tat for the rest of the game. While he has not, it defects
    whenever MDC / (DC + 1) >= 0.5 (single precision), DC counting the moves
    since the test and MDC those after which it had co-operated: a C, D, C,
    D, ... pattern after one extra C. (Axelrod-Python has it twice: Second by
    Gladstein and Second by Tester.)
    """
    return _k76r(turn, fortran.his_last(turn, opp), memory)


@njit
def _k76r(turn, j, memory):
    if turn == 0:
        memory[_GL_PATSY] = 1.0
        memory[_GL_G] = 1.0
        return 1
    if memory[_GL_PATSY] == 0.0:
        return j
    if j == 1:
        memory[_GL_PATSY] = 0.0
        return 0
    dc = F32(memory[_GL_DC]) + F32(1.0)
    memory[_GL_DC] = dc
    if memory[_GL_G] == 0.0:
        memory[_GL_MDC] += 1.0
    g = 1 if F32(memory[_GL_MDC]) / (dc + F32(1.0)) >= F32(0.5) else 0
    memory[_GL_G] = g
    return g


# --------------------------------------------------------------------------- 47 K65R Batell

_BA_LASTD = 0  # move of his last defection
_BA_TOTD = 1  # his defections; 10 means give up (REAL)


@step
def k65r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """BATELL: a grudge with two triggers.

    It co-operates until he has defected ten times, or defects again at most
    four moves after a defection (measured between the moves on which it
    sees them), and defects from that move on.
    """
    return _k65r(turn, turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k65r(turn, m, j, memory):
    if turn == 0:
        return 0
    if memory[_BA_TOTD] >= 10.0:
        return 1
    if j != 1:
        return 0
    memory[_BA_TOTD] += 1.0
    if memory[_BA_TOTD] >= 10.0:
        return 1
    if memory[_BA_LASTD] != 0.0 and m - memory[_BA_LASTD] <= 4.0:
        memory[_BA_TOTD] = 10.0
        return 1
    memory[_BA_LASTD] = m
    return 0


# --------------------------------------------------------------------------- 48 K52R Smith

_SM_D9 = 0  # his current run of defections (restarted after a long answer)
_SM_D8 = 1  # long answers given


@step
def k52r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """SMITH: tolerate single defections, answer runs, with 5% noise.

    D9 counts his current run of defections; it defects while D9 >= 2. When
    D9 reaches 5 + 3 D8 the run counter restarts (and D8 grows by one), so
    long runs are forgiven briefly. With probability 0.05 (R <= 0.05,
    single precision) it plays the opposite of that choice.
    """
    return _k52r(fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k52r(j, r, memory):
    d9 = np.int64(memory[_SM_D9]) + 1
    if j <= 0:
        d9 = 0
    move = 0
    if d9 >= 2:
        move = 1
        if d9 >= 5 + 3 * np.int64(memory[_SM_D8]):
            d9 = 0
            memory[_SM_D8] += 1.0
    memory[_SM_D9] = d9
    if not (r > F32(0.05)):
        move = 1 - move
    return move


catalogue.register(__name__)
