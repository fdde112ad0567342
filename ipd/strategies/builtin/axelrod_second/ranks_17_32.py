"""Axelrod's second tournament, published ranks 17-32: YAMACHI to PEBLY.

How the Fortran's arguments map onto the step contract: see
:mod:`ipd.strategies.builtin.axelrod_second`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ipd.core.game import Game
from ipd.engine.random import uniform
from ipd.strategies import catalogue
from ipd.strategies.builtin._moves import count_defections
from ipd.strategies.builtin.axelrod_second import _fortran as fortran
from ipd.strategies.builtin.classic import tf2t
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.registry import step

F32 = np.float32

# --------------------------------------------------------------------------- 17 K64R Yamachi

_YA_A = 0  # 0..3: his net co-operation after each context [his move two back][my last]
_YA_X = 4  # context: his move two back (0/1)
_YA_Y = 5  # context: my last move as first chosen (0/1)
_YA_E = 6  # his co-operations
_YA_F = 7  # his defections


@step
def k64r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """YAMACHI: co-operate where co-operation has been returned.

    A(x, y) is his co-operations minus his defections after the context x =
    his move two moves back, y = its own last move. It co-operates when A of
    the current context is >= 0, then credits his latest reply to that
    context. After move 40 it defects when his co-operations and defections
    differ by less than M / 10 (``10 |C - D| < M``). The context keeps the move
    the table chose, before that override, as the Fortran does.
    """
    return _k64r(turn, turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k64r(turn, m, j, memory):
    if turn == 0:
        return 0
    slot = _YA_A + 2 * np.int64(memory[_YA_X]) + np.int64(memory[_YA_Y])
    move = 0 if memory[slot] >= 0.0 else 1
    memory[slot] += 1.0 if j == 0 else -1.0
    memory[_YA_X] = j
    memory[_YA_Y] = move
    if j == 0:
        memory[_YA_E] += 1.0
    else:
        memory[_YA_F] += 1.0
    gap = abs(np.int64(memory[_YA_E]) - np.int64(memory[_YA_F]))
    if m > 40 and 10 * gap < m:
        move = 1
    return move


# --------------------------------------------------------------------------- 18 K51R Colbert

_COLBERT_OPENING = "CCCCCDCC"


def k51r(game: Game) -> FiniteStateMachine:
    """COLBERT: a fixed opening, then a four-move answer to each defection.

    Moves 1-8 are C, C, C, C, C, D, C, C whatever he does. From move 9: if he
    defected on the previous move it plays D, D, C, C (its counter LASTI runs
    4, 3, 2, 1) and looks at his moves again only after those four;
    otherwise it co-operates. As a machine: states 0-7 are the opening (state
    k: move k + 1 played), 8 is "looking", 9-11 the rest of an answer.
    """
    rows = []
    for k in range(7):
        for o in "CD":
            rows.append((k, o, k + 1, _COLBERT_OPENING[k + 1]))
    for state in (7, 8):  # after move 8, and looking: answer a defection
        rows += [(state, "C", 8, "C"), (state, "D", 9, "D")]
    for o in "CD":
        rows += [(9, o, 10, "D"), (10, o, 11, "C"), (11, o, 8, "C")]
    return FiniteStateMachine(rows, initial_state=0, first_move="C")


# --------------------------------------------------------------------------- 19 K78R Mauk

_GR_NMOV = 0  # 0..3: outcomes of rounds 52-55, coded 2 (CC), 3 (CD), 4 (DC), 5 (DD)
_GR_MMOVE = 4  # 2 after own C, 4 after own D
_GR_IGAME = 5  # verdict at move 57: 1 other, 2 tit for tat, 3 give up, 4 exploit window
_GR_N = 6  # moves to the next random defection (verdict 1)


@step
def k78r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """MAUK: Graaskamp's round-one rule (the Fortran function GRASR).

    Tit for tat on moves 2-50, a defection on move 51 (a probe), tit for
    tat on moves 52-56 while recording the outcomes of rounds 52-55 (own move
    first: CC, CD, DC or DD; the Fortran codes them MMOVE + his move with
    MMOVE = 2 after its own C and 4 after its own D). On move 57:

    * if his score is at most 135, it defects for the rest of the game;
    * if rounds 52-55 read CC, CD, DC, CC it co-operates until move 117 and
      plays tit for tat from move 118;
    * if rounds 52-54 read CD, DC, CD (the echo of a tit-for-tat partner) or
      DD, DD, DD it plays tit for tat;
    * otherwise it plays tit for tat with a defection every N moves, N =
      INT(10 R + 5) (5-14, single precision), redrawn at each defection.
    """
    return _k78r(
        turn,
        turn + 1,
        fortran.his_last(turn, opp),
        F32(uniform(rng)),
        np.int64(opp_score),
        memory,
    )


@njit
def _k78r(turn, m, j, r, opp_l, memory):
    if turn == 0:
        return 0
    if m < 51:
        return j
    if m == 51:
        return 1
    if m < 57:
        if m > 52:
            memory[_GR_NMOV + m - 53] = memory[_GR_MMOVE] + j
        memory[_GR_MMOVE] = 2.0 if j == 0 else 4.0
        return j
    if m == 57:
        if opp_l <= 135:
            memory[_GR_IGAME] = 3.0
            return 1
        n1 = memory[_GR_NMOV]
        n2 = memory[_GR_NMOV + 1]
        n3 = memory[_GR_NMOV + 2]
        n4 = memory[_GR_NMOV + 3]
        if n2 == 3.0 and n1 == 2.0 and n3 == 4.0 and n4 == 2.0:
            memory[_GR_IGAME] = 4.0
            return 0
        if (n2 == 4.0 and n1 == 3.0 and n3 == 3.0) or (n2 == 5.0 and n1 == 5.0 and n3 == 5.0):
            memory[_GR_IGAME] = 2.0
            return 0
        memory[_GR_IGAME] = 1.0
        memory[_GR_N] = np.int64(r * F32(10.0) + F32(5.0))
        return 0
    game = memory[_GR_IGAME]
    if game == 1.0:
        if memory[_GR_N] <= 0.0:
            memory[_GR_N] = np.int64(r * F32(10.0) + F32(5.0))
            return 1
        memory[_GR_N] -= 1.0
        return j
    if game == 2.0:
        return j
    if game == 3.0:
        return 1
    if m >= 118:
        memory[_GR_IGAME] = 2.0
    return 0


# --------------------------------------------------------------------------- 20 K66R Mikkelson

_MI_D = 0  # his defections (REAL)
_MI_J2 = 1  # a defection score, kept between -5 and 10 (stored + 3, so 0 means -3)


@step
def k66r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """MIKKELSON: defect when recent defections pile up.

    J2 starts at -3 and changes by -1 + 3 J each move (so +2 for his
    defection, -1 for his co-operation), clamped to [-5, 10]. It co-operates
    on moves 1-2 and while J2 < 3. When J2 >= 3: up to move 10 it defects and
    resets J2 to -1; after move 10 it defects unless his defections make less
    than 15% of M (single precision, the harness's C before move 1 counted
    as a move).
    """
    return _k66r(turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k66r(m, j, memory):
    d = F32(memory[_MI_D]) + F32(j)
    memory[_MI_D] = d
    score = memory[_MI_J2] - 3.0 - 1.0 + 3.0 * j
    score = min(max(score, -5.0), 10.0)
    memory[_MI_J2] = score + 3.0
    if m < 3 or score < 3.0:
        return 0
    if m <= 10:
        memory[_MI_J2] = -1.0 + 3.0
        return 1
    if d / F32(m) < F32(0.15):
        return 0
    return 1


# --------------------------------------------------------------------------- 21 K58R Rowsam

_RO_KAM = 0  # anger: above 6 it defects for good
_RO_NPHA = 1  # moves left of a D, C, D answer


@step
def k58r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """ROWSAM: co-operate, but keep an eye on the score.

    It co-operates, except on every sixth move, where with K its own score:
    K < M adds 5 to its anger KAM, K < 1.5 M adds 3, K < 2 M adds 2, K < 2.5 M
    adds 1 (integer comparisons, as typed), and any increase starts a D, C, D
    answer from that move. Anger above 6 means defection for the rest of the
    game; on every 18th move anger above 2 cools by 1.
    """
    return _k58r(turn + 1, np.int64(own_score), memory)


@njit
def _k58r(m, k, memory):
    if memory[_RO_KAM] > 6.0:
        return 1
    if memory[_RO_NPHA] >= 1.0:
        memory[_RO_NPHA] -= 1.0
        return 1 if memory[_RO_NPHA] == 0.0 else 0
    if m % 18 == 0 and memory[_RO_KAM] > 2.0:
        memory[_RO_KAM] -= 1.0
    if m % 6 != 0:
        return 0
    if k < m:
        memory[_RO_KAM] += 5.0
    elif k * 10 < m * 15:
        memory[_RO_KAM] += 3.0
    elif k < m * 2:
        memory[_RO_KAM] += 2.0
    elif k * 10 < m * 25:
        memory[_RO_KAM] += 1.0
    else:
        return 0
    memory[_RO_NPHA] = 2.0
    return 1


# --------------------------------------------------------------------------- 22 K88R Appold

_AP_MMC = 0  # replies counted after own C (two back)
_AP_LMV = 1  # own last move (as chosen)
_AP_MP = 2  # his defections after own C
_AP_MMV = 3  # own move two back (as chosen)
_AP_MP2 = 4  # his defections after own D
_AP_MMD = 5  # replies counted after own D, from 1
_AP_DFLG = 6  # 1 once a defection after move 4 has been forgiven
_AP_PRC = 7  # his defection rate after own C (REAL)
_AP_PRD = 8  # his defection rate after own D (REAL)


@step
def k88r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """APPOLD: mirror the other's conditional defection rates.

    It estimates his probability of defecting after its own co-operation
    (PRC) and after its own defection (PRD, with one imaginary co-operative
    reply to start), crediting each of his moves to what it itself played
    two moves before. It co-operates on moves 1-4, and on the first move
    after move 4 at which he has just defected; otherwise, with MMV its own
    move two back, it defects with probability PRC if MMV was C and PRD if
    it was D (single precision).
    """
    return _k88r(turn + 1, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k88r(m, j, r, memory):
    if m == 1:
        memory[_AP_MMD] = 1.0
    if m >= 2:
        if memory[_AP_MMV] == 0.0:
            memory[_AP_MMC] += 1.0
            memory[_AP_MP] += j
            memory[_AP_PRC] = F32(memory[_AP_MP]) / F32(memory[_AP_MMC])
        else:
            memory[_AP_MMD] += 1.0
            memory[_AP_MP2] += j
            memory[_AP_PRD] = F32(memory[_AP_MP2]) / F32(memory[_AP_MMD])
    move = 0
    if m > 4:
        if j == 1 and memory[_AP_DFLG] == 0.0:
            memory[_AP_DFLG] = 1.0
        elif memory[_AP_MMV] == 0.0:
            if r < F32(memory[_AP_PRC]):
                move = 1
        elif r < F32(memory[_AP_PRD]):
            move = 1
    memory[_AP_MMV] = memory[_AP_LMV]
    memory[_AP_LMV] = move
    return move


# --------------------------------------------------------------------------- 23 K31R Grisell


@step
def k31r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """GRISELL: go by the majority, ties co-operating.

    The Fortran defects when S / M >= 0.5, S his defections so far and M the
    move number (single precision). M counts his moves so far plus one, the
    harness's C before move 1, and S / M is 0.5 exactly only when 2 S = M
    (otherwise it is at least 1 / 2M away, far above rounding), so the test
    is the integer one 2 S >= M: it defects exactly when his defections
    outnumber his co-operations.
    """
    count_defections(turn, opp, memory, 0)
    return 1 if turn > 0 and 2 * np.int64(memory[0]) >= turn + 1 else 0


# --------------------------------------------------------------------------- 24 K90R Maynard Smith


def k90r(game: Game) -> FiniteStateMachine:
    """MAYNARD SMITH: TIT FOR TWO TATS, the rule that would have won round one.

    The Fortran keeps his previous move JOLD (C before the first) and
    defects when JOLD and J are both D: the ``tf2t`` machine.
    """
    return tf2t(game)


# --------------------------------------------------------------------------- 25 K39R Almy

_AL_STEP = 0  # mode: 1 TF2T, 2 TFT, 3 all D, 4 exploit, 5 cool off
_AL_SUBSTP = 1  # phase within the mode
_AL_BOTHD = 2  # mutual defections in a row
_AL_TITCNT = 3  # own defections in the current block
_AL_TATCNT = 4  # his defections in the current block
_AL_EVIL = 5  # 1 once he has defected; -1 once we have tried exploiting a nice one
_AL_N = 6  # gap between exploiting defections
_AL_F = 7  # 1 once an exploiting defection went unpunished
_AL_OK = 8  # 8..10: points earned in the last block of modes 1-3
_AL_TOTK = 11  # own score at the last evaluation
_AL_OLDMOV = 12  # his last move
_AL_COUNT = 13  # moves left in the current block
_AL_OLDSTP = 14  # the mode before the last evaluation


@step
def k39r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """ALMY: choose the best of three defensive modes by their scores.

    Modes 1-3 (tit for two tats, tit for tat, all-D) are played in blocks of
    11 moves; at the end of a block its points (own score now minus at the
    last evaluation) are stored, and the next mode is the best-scoring of
    those tried (a later mode replaces an earlier one only with strictly more
    points), moving on to an untried mode when he defected four or more times
    in the block or we never defected. If he never defected in a block it
    tries to exploit him (mode 4): a defection, N co-operations, and again
    while unpunished; once punished it backs off (N grows) or, if it was the
    first try, co-operates until he has defected 5 times. If the new mode is
    lower than the old one while both players defected last, it co-operates
    5 moves (mode 5) and then re-evaluates without scoring.

    Followed label by label from the Fortran (its own previous move is JA).
    """
    return _k39r(
        turn + 1,
        fortran.his_last(turn, opp),
        0 if turn == 0 else np.int64(own[turn - 1]),
        np.int64(own_score),
        memory,
    )


@njit
def _k39r(m, j, ja, k, memory):
    if m == 1:
        memory[_AL_STEP] = 1.0
        memory[_AL_SUBSTP] = 1.0
        memory[_AL_N] = 1.0
    if ja + j == 2:
        memory[_AL_BOTHD] += 1.0
    else:
        memory[_AL_BOTHD] = 0.0
    memory[_AL_COUNT] -= 1.0
    move = 0
    voldmv = np.int64(memory[_AL_OLDMOV])
    memory[_AL_OLDMOV] = j
    if j == 1:
        memory[_AL_TATCNT] += 1.0
        if memory[_AL_EVIL] == 0.0:
            memory[_AL_EVIL] = 1.0
    label = 20
    while True:
        if label == 20:
            mode = np.int64(memory[_AL_STEP])
            sub = np.int64(memory[_AL_SUBSTP])
            if mode <= 3:
                if sub == 1:  # 101: start a block
                    memory[_AL_COUNT] = 10.0
                    memory[_AL_TATCNT] = 0.0
                    memory[_AL_TITCNT] = 0.0
                    memory[_AL_SUBSTP] = 2.0
                    continue
                if sub == 2:
                    if mode == 1:
                        if voldmv + j == 2:
                            move = 1
                    elif mode == 2:
                        move = j
                    else:
                        move = 1
                    memory[_AL_TITCNT] += move
                    if memory[_AL_COUNT] == 0.0:
                        memory[_AL_SUBSTP] = 3.0
                    return move
                label = 120
            elif mode == 4:
                if sub == 1:  # 401: a disruptive defection
                    memory[_AL_SUBSTP] = 2.0
                    memory[_AL_COUNT] = memory[_AL_N]
                    memory[_AL_TATCNT] = 0.0
                    return 1
                if sub == 2:
                    if memory[_AL_COUNT] == 0.0:
                        memory[_AL_SUBSTP] = 3.0
                    return 0
                if sub == 3:
                    if memory[_AL_TATCNT] == 0.0:
                        memory[_AL_F] = 1.0
                        memory[_AL_SUBSTP] = 2.0
                        memory[_AL_COUNT] = memory[_AL_N]
                        memory[_AL_TATCNT] = 0.0
                        return 1
                    if memory[_AL_F] != 0.0:
                        memory[_AL_N] += 1.0
                        memory[_AL_SUBSTP] = 1.0
                        memory[_AL_STEP] = 1.0
                        continue
                    memory[_AL_SUBSTP] = 4.0
                    if j == 1:
                        memory[_AL_N] += 1.0
                    memory[_AL_TATCNT] = j
                    return 0
                if memory[_AL_TATCNT] <= 4.0:
                    return 0
                memory[_AL_SUBSTP] = 1.0
                memory[_AL_STEP] = 1.0
                continue
            else:  # mode 5: cool off
                if sub != 2:
                    memory[_AL_COUNT] = 5.0
                    memory[_AL_SUBSTP] = 2.0
                if memory[_AL_COUNT] != 0.0:
                    return 0
                memory[_AL_SUBSTP] = 1.0
                label = 130
        if label == 120:
            memory[_AL_OLDSTP] = memory[_AL_STEP]
            memory[_AL_OK + np.int64(memory[_AL_STEP]) - 1] = k - memory[_AL_TOTK]
            memory[_AL_TOTK] = k
            memory[_AL_SUBSTP] = 1.0
            if memory[_AL_TATCNT] <= 0.0:
                memory[_AL_STEP] = 4.0
                if memory[_AL_EVIL] == 1.0:
                    memory[_AL_STEP] = 1.0
                if memory[_AL_EVIL] == 0.0:
                    memory[_AL_EVIL] = -1.0
                label = 20
                continue
            label = 130
        # 130: the best defence so far
        best = 1
        for i1 in range(1, 3):
            for i2 in range(2, 4):
                ok1 = memory[_AL_OK + i1 - 1]
                ok2 = memory[_AL_OK + i2 - 1]
                if ok1 == 0.0 or ok2 == 0.0 or ok1 >= ok2:
                    continue
                if best == i1:
                    best = i2
        if (
            best != 3
            and memory[_AL_OK + best] == 0.0
            and (memory[_AL_TATCNT] >= 4.0 or memory[_AL_TITCNT] == 0.0)
        ):
            best += 1
        if best < memory[_AL_OLDSTP] and memory[_AL_BOTHD] > 0.0:
            best = 5
        memory[_AL_STEP] = best
        label = 20


# --------------------------------------------------------------------------- 26 K79R Ambuehl


@step
def k79r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """AMBUEHL AND HICKEY: go by the majority of recent moves.

    Tit for tat on moves 1-5. From move 6 it defects if 3 or more of the
    last five numbers in its window are defections. The window is filled
    after the decision, so it holds his five moves before the latest one
    (and, on move 6, the harness's C before move 1): the decision on move M
    looks at his moves M - 6 to M - 2.
    """
    return _k79r(turn, fortran.his_last(turn, opp), memory, opp)


@njit
def _k79r(turn, j, memory, opp):
    if turn < 5:
        return j
    d = 0
    for k in range(max(0, turn - 6), turn - 1):
        d += opp[k]
    return 1 if d >= 3 else 0


# --------------------------------------------------------------------------- 27 K67R Feathers

_FE_S = 0  # his defections in a row
_FE_AD = 1  # mean payoff of the moves on which it probed (REAL, from 5)
_FE_NO = 2  # mean payoff of the move after a probe's reply (REAL)
_FE_NK = 3  # count behind NO (from 1)
_FE_AK = 4  # count behind AD (from 1)
_FE_FD = 5  # 1 on the move of a probe, 2 on the next
_FE_C = 6  # his co-operations (the harness's C before move 1 included)


@step
def k67r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """FEATHERS (TRANQUILIZER): lull the other into co-operation, then probe.

    With K its own score: when K < 1.75 M it plays tit for tat. When
    1.75 M <= K < 2.25 M it co-operates with probability .25 + C/M - .25 S
    + (K - L)/100 + 4/M (C his co-operations, S his current run of
    defections, L his score). When K >= 2.25 M it co-operates with
    probability .95 - (AD + NO - 5)/15 + 1/M^2 - J/4, and a defection there
    is a probe: the move after it is a co-operation, and the payoffs of the
    probe move and of the move after it update the running means AD and NO.
    The payoff of a move is computed as the Fortran does, 3 - 3J + 2JA - JA J
    (R, S, T, P = 3, 0, 5, 1). Single precision, in the Fortran's order.
    """
    return _k67r(
        turn + 1,
        fortran.his_last(turn, opp),
        0 if turn == 0 else np.int64(own[turn - 1]),
        F32(uniform(rng)),
        np.int64(own_score),
        np.int64(opp_score),
        memory,
    )


@njit(inline="always")
def _k67r_average(memory, mean, count, j, ja):
    """Add this move's payoff to the rule (3 - 3J + 2JA - JA J, from R = 3, S = 0, T = 5,
    P = 1) to the running mean in ``memory[mean]`` over ``memory[count]`` moves (REAL)."""
    n = F32(memory[count])
    total = F32(memory[mean]) * n + F32(3.0) - F32(3 * j) + F32(2 * ja) - F32(ja * j)
    memory[mean] = total / (n + F32(1.0))
    memory[count] = n + F32(1.0)


@njit
def _k67r(m, j, ja, r, k, opp_l, memory):
    if m == 1:
        memory[_FE_AD] = 5.0
        memory[_FE_NK] = 1.0
        memory[_FE_AK] = 1.0
    fd = F32(memory[_FE_FD])
    if fd == F32(2.0):
        fd = F32(0.0)
        _k67r_average(memory, _FE_NO, _FE_NK, j, ja)
    if fd == F32(1.0):
        fd = F32(2.0)
        _k67r_average(memory, _FE_AD, _FE_AK, j, ja)
    memory[_FE_FD] = fd
    if j != 0:
        memory[_FE_S] += 1.0
    else:
        memory[_FE_S] = 0.0
        memory[_FE_C] += 1.0
    if abs(fd - F32(1.5)) == F32(0.5):
        return 0
    fm = F32(m)
    if F32(k) < F32(2.25) * fm:
        if F32(k) < F32(1.75) * fm:
            return j
        p = (
            F32(0.25)
            + F32(memory[_FE_C]) / fm
            - F32(memory[_FE_S]) * F32(0.25)
            + F32(k - opp_l) / F32(100.0)
            + F32(4.0) / fm
        )
        return 0 if r <= p else 1
    p = (
        F32(0.95)
        - (F32(memory[_FE_AD]) + F32(memory[_FE_NO]) - F32(5.0)) / F32(15.0)
        + F32(1.0) / F32(m * m)
        - F32(j) / F32(4.0)
    )
    if r <= p:
        return 0
    memory[_FE_FD] = 1.0
    return 1


# --------------------------------------------------------------------------- 28 K86R Grofman


@step
def k86r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """GROFMAN (second round): a tolerant seven-move window.

    Moves 1-2: C; moves 3-7: tit for tat. From move 8 it counts his
    defections among seven moves of his: the Fortran sums its record from
    M - 7 to M - 1, and the record of move M (his latest move) is not in
    it, so these are his moves M - 8 to M - 2 (on move 8, the harness's C
    before move 1 and his first six). After its own co-operation (JA) it
    defects if there are more than 2; after its own defection, more than 1.
    """
    return _k86r(
        turn,
        fortran.his_last(turn, opp),
        0 if turn == 0 else np.int64(own[turn - 1]),
        memory,
        opp,
    )


@njit
def _k86r(turn, j, ja, memory, opp):
    if turn < 2:
        return 0
    if turn < 7:
        return j
    d = 0
    for k in range(max(0, turn - 8), turn - 1):
        d += opp[k]
    if ja == 0:
        return 1 if d > 2 else 0
    return 1 if d > 1 else 0


# --------------------------------------------------------------------------- 29 K69R Joss

_JO_S = 0  # mode: 1 normal, 2 defect, 3 tit for tat, 4 after a probe, 5 probing
_JO_F = 1  # his retaliations to probes
_JO_D = 2  # his defections in a row (counted twice on some paths, as typed)
_JO_C = 3  # his co-operations


@step
def k69r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """JOSS (second round): a sneaky tit for tat with escape hatches.

    In its normal mode it plays tit for tat but defects with probability
    0.1 (a probe); the move after a probe is judged normally, and on the
    next one his defection counts as a retaliation (more than three of them:
    plain tit for tat from then on). It switches to defecting when his
    co-operations fall below 0.7 (M - 3), and from defecting to plain tit
    for tat after more than 10 of his defections in a row; in normal mode
    or plain tit for tat, more than 20 defections in a row get one
    co-operation and plain tit for tat. Followed label by label, including
    that the path from the normal mode into defecting counts his current
    defection run twice.
    """
    return _k69r(turn + 1, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit(inline="always")
def _k69r_forgives(memory, j):
    """Count his defections in a row; after more than 20, forgive: reset the count and
    switch to tit for tat (mode 3), co-operating on this move."""
    memory[_JO_D] = memory[_JO_D] + 1.0 if j == 1 else 0.0
    if memory[_JO_D] > 20.0:
        memory[_JO_S] = 3.0
        memory[_JO_D] = 0.0
        return True
    return False


@njit
def _k69r(m, j, r, memory):
    if m == 1:
        memory[_JO_S] = 1.0
        return 0
    if j != 1:
        memory[_JO_C] += 1.0
    mode = memory[_JO_S]
    label = 702
    if mode == 1.0:
        if r < F32(0.1):
            memory[_JO_S] = 5.0
            return 1
    elif mode == 2.0:
        label = 800
    elif mode == 3.0:
        if _k69r_forgives(memory, j):
            return 0
        return j
    elif mode == 4.0:
        if j == 1:
            memory[_JO_F] += 1.0
            if memory[_JO_F] > 3.0:
                memory[_JO_S] = 3.0
                memory[_JO_D] = 0.0
                return 0
        memory[_JO_S] = 1.0
        return 0
    else:
        memory[_JO_S] = 4.0
    if label == 702:
        if _k69r_forgives(memory, j):
            return 0
        if not (F32(memory[_JO_C]) < F32(0.7) * F32(m - 3)):
            return j
    memory[_JO_S] = 2.0
    memory[_JO_D] = memory[_JO_D] + 1.0 if j == 1 else 0.0
    if memory[_JO_D] > 10.0:
        memory[_JO_S] = 3.0
    return 1


# --------------------------------------------------------------------------- 30 K91R Pinkley

_PI_X = 0  # estimated P(his C | outcome CC), then 1 - it, and so on for the others
_PI_PX = 1
_PI_Y = 2  # P(his C | outcome DC)
_PI_PY = 3
_PI_Z = 4  # P(his C | outcome CD)
_PI_PZ = 5
_PI_W = 6  # P(his C | outcome DD)
_PI_PW = 7
_PI_QC = 8  # 8..11: his co-operations after each outcome (with priors)
_PI_QN = 12  # 12..15: replies counted after each outcome (from 2)
_PI_IOLD = 16  # own last move as chosen
_PI_N = 17  # the last outcome, 1 + 2 * own + his

_PINKLEY_POLICIES = (
    0b0000,
    0b0010,
    0b1010,
    0b0110,
    0b0001,
    0b1001,
    0b0101,
    0b0011,
    0b1011,
    0b0111,
    0b1111,
)
"""Pinkley's eleven policies (DATA IPOL in k91r.f): bit k - 1 of policy i is its move (1 = D)
after outcome k = 1 + 2 * (own last move) + (his last move), i.e. after CC, CD, DC, DD."""


@njit(inline="always")
def _pinkley_q(a, b):
    """a / b in single precision, with IEEE results (not an error) for b = 0."""
    if b == F32(0.0):
        if a == F32(0.0) or a != a:
            return F32(np.nan)
        return F32(np.inf) if a > F32(0.0) else F32(-np.inf)
    return a / b


@step
def k91r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """PINKLEY: the best of eleven reaction policies under a learnt model.

    It estimates the other's probability of co-operating after each outcome
    (its own move and his): X after CC, Z after CD, Y after DC, W after DD,
    from priors .999, .999, .001, .001 worth two observations. Eleven
    policies (what to play after each outcome) have closed-form expected
    payoffs in these probabilities (the Fortran's E(1) ... E(11)); it plays
    the best policy's move for the last outcome (the first best on ties).
    Followed exactly, in single precision and the Fortran's order of
    operations, including that PW stays .999 (W is re-estimated, PW never).
    """
    return _k91r(turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k91r(m, j, memory):
    if m == 1:
        memory[_PI_X] = F32(0.999)
        memory[_PI_PX] = F32(0.001)
        memory[_PI_Y] = F32(0.001)
        memory[_PI_PY] = F32(0.999)
        memory[_PI_Z] = F32(0.999)
        memory[_PI_PZ] = F32(0.001)
        memory[_PI_W] = F32(0.001)
        memory[_PI_PW] = F32(0.999)
        memory[_PI_QC] = F32(1.999)
        memory[_PI_QC + 1] = F32(1.999)
        memory[_PI_QC + 2] = F32(0.001)
        memory[_PI_QC + 3] = F32(0.001)
        for k in range(4):
            memory[_PI_QN + k] = 2.0
    elif m > 2:
        n = np.int64(memory[_PI_N]) - 1
        if j == 0:
            memory[_PI_QC + n] = F32(memory[_PI_QC + n]) + F32(1.0)
        memory[_PI_QN + n] = F32(memory[_PI_QN + n]) + F32(1.0)
        p = F32(memory[_PI_QC + n]) / F32(memory[_PI_QN + n])
        if n == 0:
            memory[_PI_X] = p
            memory[_PI_PX] = F32(1.0) - p
        elif n == 1:
            memory[_PI_Z] = p
            memory[_PI_PZ] = F32(1.0) - p
        elif n == 2:
            memory[_PI_Y] = p
            memory[_PI_PY] = F32(1.0) - p
        else:
            memory[_PI_W] = p
    x = F32(memory[_PI_X])
    px = F32(memory[_PI_PX])
    y = F32(memory[_PI_Y])
    py = F32(memory[_PI_PY])
    z = F32(memory[_PI_Z])
    pz = F32(memory[_PI_PZ])
    w = F32(memory[_PI_W])
    pw = F32(memory[_PI_PW])
    one = F32(1.0)
    two = F32(2.0)
    three = F32(3.0)
    five = F32(5.0)
    best = 0
    best_e = _pinkley_q(three * z, z + px)
    for i in range(1, 11):
        if i == 1:
            e = _pinkley_q(
                three * (y * z + w * pz) + five * z * px + px * pz,
                y * z + w * pz + px + z * px + px * pz,
            )
        elif i == 2:
            e = _pinkley_q(three * w * y + five * w * px + px * pz, w * y + two * w * px + px * pz)
        elif i == 3:
            e = _pinkley_q(
                three * w * py + five * z * px + px * py, w * py + px * py + z * px + px * py
            )
        elif i == 4:
            e = _pinkley_q(three * z + five * x * z + z * px, one - x * y - w * px + two * z)
        elif i == 5:
            e = _pinkley_q(F32(8.0) * w * z + z * px, two * w * z + w * py + z * px)
        elif i == 6:
            e = _pinkley_q(three * z * py + five * x * z + z * py, two * z * py + pw * py + x * z)
        elif i == 7:
            e = _pinkley_q(
                three * (y * z + w * pz) + five * (z * pw + w * x) + one - x * y - z * py,
                y * z + w * pz + two - two * x * y - w * px + z * pw + w * x - z * py,
            )
        elif i == 8:
            e = _pinkley_q(
                three * w * y + five * w + one - x * y - z * py, two * w + one - x * y - z * py
            )
        elif i == 9:
            e = _pinkley_q(three * w * py + five * (z * pw + w * x) + py, py + z * pw + w * x + py)
        else:
            e = _pinkley_q(five * w + py, w + py)
        if not (e <= best_e):
            best = i
            best_e = e
    n = 2 * np.int64(memory[_PI_IOLD]) + j + 1
    memory[_PI_N] = n
    move = (_PINKLEY_POLICIES[best] >> (n - 1)) & 1
    memory[_PI_IOLD] = move
    return move


# --------------------------------------------------------------------------- 31 K57R Nydegger

_NYDEGGER_2_COOPERATE = (0, 27, 28, 32, 40, 41, 42, 43, 44, 46, 47, 48, 56, 57, 59, 60, 62, 63)
"""Codes on which K57R co-operates (its Fortran comment lists them; it defects on the 46 others)."""
_NYDEGGER_2_MASK = sum(1 << a for a in _NYDEGGER_2_COOPERATE)


@step
def k57r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """NYDEGGER (second round): Nydegger's round-one rule as Axelrod retyped it.

    The code of the last three outcomes is N = 16 a(oldest) + 4 a + a(latest)
    with a = 2 (own move, JA) + (his move), outcomes before move 1 counting
    as CC. Moves 1-3: tit for tat, except a defection on move 3 when N = 6
    (it alone co-operated, then it alone defected). From move 4 it
    co-operates only for N in 0, 27, 28, 32, 40-44, 46-48, 56, 57, 59, 60,
    62, 63 (the Fortran's table; the round-one rule ``nydegger`` uses the
    appendix's shorter list).
    """
    return _k57r(turn, fortran.his_last(turn, opp), memory, own, opp)


@njit
def _k57r(turn, j, memory, own, opp):
    if turn == 0:
        return 0
    n = 0
    for k in range(max(0, turn - 3), turn):
        n = 4 * n + 2 * np.int64(own[k]) + np.int64(opp[k])
    if turn < 3:
        if turn == 2 and n == 6:
            return 1
        return j
    return 1 - ((_NYDEGGER_2_MASK >> n) & 1)


# --------------------------------------------------------------------------- 32 K70R Pebly


@step
def k70r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """PEBLY: stay after agreement, lean to defection after disagreement.

    JZ is its own last move as chosen (C before move 1). If his last move
    equals JZ it plays JZ again; otherwise it defects when R > 0.2 (single
    precision). Without noise this is the memory-one rule (1, 0.2, 0.2, 0);
    it is code because JZ is the move it chose, which noise can change.
    """
    return _k70r(fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k70r(j, r, memory):
    jz = np.int64(memory[0])
    move = jz if jz == j else (1 if r > F32(0.2) else 0)
    memory[0] = move
    return move


catalogue.register(__name__)
