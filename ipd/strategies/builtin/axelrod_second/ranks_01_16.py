"""Axelrod's second tournament, published ranks 1-16: TIT FOR TAT to RICHARD HUFFORD.

Each rule is our own code for what the rule's Fortran (Axelrod-Python/TourExec)
does; the docstrings give the rule's idea and every reading we had to make.
Conventions shared by the whole package (see ``__init__``): the Fortran's move
number M is ``turn + 1``; its J (the other's previous move) is ``opp[turn - 1]``
and 0 on the first move; its JA (own previous move) is ``own[turn - 1]``; its
scores K (own) and L (other's) are INTEGER, so ``own_score`` and ``opp_score``
are truncated to whole numbers (exact with whole-number payoffs); REAL
arithmetic is done in single precision (``np.float32``) in the Fortran's order;
a rule that reads R draws one ``uniform(rng)`` at the start of every move,
as the harness hands it one number per move, and sees it rounded to REAL.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ipd.engine.random import uniform
from ipd.strategies import catalogue
from ipd.strategies.builtin.axelrod_second import _fortran as fortran
from ipd.strategies.registry import step

F32 = np.float32

# --------------------------------------------------------------------------- 1 K92R Rapoport


# --------------------------------------------------------------------------- 2 K61R Champion

_CH_ICOOP = 0  # co-operations seen (the harness's C before move 1 included)


@step
def k61r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """CHAMPION: generous tit for tat with a co-operation-rate test.

    The rule: co-operate on moves 1-10, play tit for tat on moves 11-25, and
    from move 26 co-operate unless the other defected last, has co-operated on
    less than 60% of the moves (ICOOP / M < 0.6, ICOOP counting his
    co-operations and the harness's C before move 1) and the random number
    exceeds that rate.

    The bug (``fixed=0``, the default, as it ran): ICOOP is never reset, so it
    keeps the co-operations of all of Champion's earlier games. Once it passes
    185 the rate can never fall below 0.6 within a game of at most 308 moves,
    which happens by Champion's second or third game: from then on the rule
    never defects after move 25. We play that, for every game; only
    Champion's first game or two of the tournament differ. ``fixed=1`` is the
    2017 TourExec fix (ICOOP reset on move 1), which is Axelrod-Python's
    ``Second by Champion``; that version is stochastic, the default is not
    (it still draws its number each move, unread).

    Moves 2-10 return the rule's own previous move (the 1993 harness's JA;
    C without noise); COPRAT is single precision.
    """
    return _k61r(
        turn + 1,
        fortran.his_last(turn, opp),
        0 if turn == 0 else np.int64(own[turn - 1]),
        F32(uniform(rng)),
        params[0],
        memory,
    )


@njit
def _k61r(m, j, ja, r, p, memory):
    if j == 0:
        memory[_CH_ICOOP] += 1.0
    if m == 1:
        return 0
    if m <= 10:
        return ja
    if m <= 25:
        return j
    if p == 0.0:
        return 0
    coprat = F32(memory[_CH_ICOOP]) / F32(m)
    if j == 1 and coprat < F32(0.6) and r > coprat:
        return 1
    return 0


# --------------------------------------------------------------------------- 3 K42R Borufsen

_BO_L3MOV = 0  # mutual defections in a row
_BO_L3ECH = 1  # echoes (alternating C/D against D/C) in a row
_BO_IDEF = 2  # 1 while in defect mode
_BO_ICOOP = 3  # 1 when the next defection is to be replaced by a co-operation
_BO_IPICK = 4  # own last move (as chosen)
_BO_I2PCK = 5  # own move before that
_BO_J2PCK = 6  # the other's move before his last
_BO_HIST = 7  # 7..10: his replies, [own move two back][his last move], since the last check


@step
def k42r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """BORUFSEN: tit for tat with two repairs and a periodic check.

    * After three mutual defections in a row it co-operates once.
    * After three echoes in a row (the last moves differ and are the previous
      ones swapped, the two players taking turns to punish) its next
      defection becomes a co-operation.
    * On moves 27, 52, 77, ... it looks at the other's co-operations since
      the last check (counted by what it itself played two moves before each):
      fewer than 3, or 8 to 17 of which under 70% (integer percentage)
      followed its own co-operation, and it defects until the next check.
      Leaving defect mode, the check's own move is still a defection.

    Its own moves are the ones it chose (kept in memory), as in the Fortran.
    """
    return _k42r(turn, turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k42r(turn, m, jpick, memory):
    if turn == 0:
        return 0
    ipick = np.int64(memory[_BO_IPICK])
    i2 = np.int64(memory[_BO_I2PCK])
    j2 = np.int64(memory[_BO_J2PCK])
    if m != 2:
        memory[_BO_HIST + 2 * i2 + jpick] += 1.0
    if memory[_BO_IDEF] != 0.0:
        move = 1
    elif ipick == 1 and jpick == 1:
        memory[_BO_L3MOV] += 1.0
        if memory[_BO_L3MOV] >= 3.0:
            move = 0
            memory[_BO_L3MOV] = 0.0
            memory[_BO_L3ECH] = 0.0
        else:
            move = jpick
    else:
        memory[_BO_L3MOV] = 0.0
        if ipick != jpick and jpick == i2 and ipick == j2:
            memory[_BO_L3ECH] += 1.0
            if memory[_BO_L3ECH] >= 3.0:
                memory[_BO_L3ECH] = 0.0
                memory[_BO_L3MOV] = 0.0
                memory[_BO_ICOOP] = 1.0
        else:
            memory[_BO_L3ECH] = 0.0
        move = jpick
    if m != 2 and (m - 2) % 25 == 0:
        memory[_BO_IDEF] = 0.0
        after_c = np.int64(memory[_BO_HIST])
        coops = after_c + np.int64(memory[_BO_HIST + 2])
        if coops < 3 or (8 <= coops <= 17 and (100 * after_c) // coops < 70):
            memory[_BO_IDEF] = 1.0
        for k in range(4):
            memory[_BO_HIST + k] = 0.0
        if memory[_BO_IDEF] != 0.0:
            memory[_BO_ICOOP] = 0.0
            memory[_BO_L3MOV] = 0.0
            memory[_BO_L3ECH] = 0.0
            move = 1
    if memory[_BO_ICOOP] != 0.0 and move != 0:
        memory[_BO_ICOOP] = 0.0
        move = 0
    memory[_BO_I2PCK] = ipick
    memory[_BO_J2PCK] = jpick
    memory[_BO_IPICK] = move
    return move


# --------------------------------------------------------------------------- 4 K49R Cave


@step
def k49r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """CAVE: forgiving tit for tat that gives up on defective or random others.

    After his co-operation it co-operates. After his defection it defects
    with probability 1/2 (INT(R + .5) in single precision) while he has
    defected at most 17 times, and surely after that. Whatever that says,
    it defects when his percentage of defections so far (integer
    100 * defections / M) exceeds 79 after move 19, 65 after move 29, or 39
    after move 39.
    """
    return _k49r(turn + 1, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k49r(m, j, r, memory):
    if j == 1:
        memory[0] += 1.0
    defections = np.int64(memory[0])
    percent = (100 * defections) // m
    if j == 0:
        move = 0
    elif defections <= 17:
        move = np.int64(r + F32(0.5))
    else:
        move = 1
    if (m > 19 and percent > 79) or (m > 29 and percent > 65) or (m > 39 and percent > 39):
        move = 1
    return move


# --------------------------------------------------------------------------- 5 K44R Wm. Adams

_WA_MC = 0  # his defections counted since the last lowering of the threshold
_WA_AM = 1  # the threshold (REAL): 4, 2, 1, 1/2, ...


@step
def k44r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """WM. ADAMS: a patient rule with a shrinking tolerance.

    It counts his defections from his second move on (his first is not
    counted: counting starts on move 3). Below the threshold AM (4 at first)
    it co-operates; at it, it defects (on every move until his next
    defection); above it, the threshold halves, the count restarts from zero
    and it co-operates with probability AM (the new threshold: certainly while
    AM >= 1, then 1/2, 1/4, ...), otherwise defects. Once AM < 1 the count
    can never equal it, so each of his defections is forgiven with
    probability AM, which halves each time.
    """
    return _k44r(turn + 1, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k44r(m, j, r, memory):
    if m == 1:
        memory[_WA_AM] = 4.0
    if m < 3:
        return 0
    memory[_WA_MC] += j
    mc = F32(memory[_WA_MC])
    am = F32(memory[_WA_AM])
    if mc < am:
        return 0
    if mc == am:
        return 1
    am = am / F32(2.0)
    memory[_WA_AM] = am
    memory[_WA_MC] = 0.0
    if r < am:
        return 0
    return 1


# --------------------------------------------------------------------------- 6 K60R Graaskamp

_GK_CHECKS = (11, 21, 31, 41, 51, 101)
_GK_SCORES = (23, 53, 83, 113, 143, 293)


@step
def k60r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """GRAASKAMP AND KATZEN: tit for tat with a score schedule.

    Tit for tat, except that on moves 11, 21, 31, 41, 51 and 101 it checks its
    own score so far against 23, 53, 83, 113, 143 and 293 (about what it
    would have after mutual co-operation from move 3 on, less a margin): if it
    is below, it defects on that move and on every move after.
    """
    return _k60r(turn, turn + 1, fortran.his_last(turn, opp), np.int64(own_score), memory)


@njit
def _k60r(turn, m, j, score, memory):
    if turn == 0:
        return 0
    if memory[0] != 0.0:
        return 1
    for k in range(6):
        if m == _GK_CHECKS[k] and score < _GK_SCORES[k]:
            memory[0] = 1.0
            return 1
    return j


# --------------------------------------------------------------------------- 7 K41R Weiner

_WE_CASE = 0  # 0: plain; 1: he defected last; 2: he defected, then co-operated
_WE_FORGIVE = 1  # no forgiveness before this move number


@step
def k41r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """WEINER: tit for tat with occasional forgiveness and a defection window.

    Tit for tat, with a three-state memory of his last moves: after a run of
    his defections of odd length and then a co-operation, his next move is
    answered with a co-operation, unless a defection was forgiven less than
    20 moves before (a forgiven defection blocks forgiveness until 20 moves
    later). Whatever that gives,
    it defects if he defected 5 or more times among the 12 moves before his
    last one (the window does not yet hold his latest move, as in the
    Fortran).
    """
    return _k41r(turn, turn + 1, fortran.his_last(turn, opp), memory, opp)


@njit
def _k41r(turn, m, j, memory, opp):
    case = memory[_WE_CASE]
    move = j
    if case == 0.0:
        memory[_WE_CASE] = j
    elif case == 1.0:
        memory[_WE_CASE] = 0.0 if j == 1 else 2.0
    else:
        if memory[_WE_FORGIVE] < m:
            move = 0
        memory[_WE_FORGIVE] += 20 * j
        memory[_WE_CASE] = 0.0
    recent = 0
    for k in range(max(0, turn - 13), max(0, turn - 1)):
        recent += opp[k]
    if recent >= 5:
        move = 1
    return move


# --------------------------------------------------------------------------- 8 K75R Harrington

_HA_HIST = 0  # 0..7: his replies [last outcome][his move] (REAL)
_HA_IBURN = 8  # 1 once a probe was punished: no more probes
_HA_ID = 9  # 9, 10: his defections in a row on alternate moves
_HA_IDEF = 11  # his defections in a row
_HA_ITWIN = 12  # co-operation count for the twin test
_HA_ISTRNG = 13  # forgiven alternate-move runs
_HA_ICOOP = 14  # co-operations still owed
_HA_ITRY = 15  # moves since a probe (counts down)
_HA_IRDCHK = 16  # score of the random phase
_HA_IRAND = 17  # 0 normal, 1 he looked random (defecting), 2 random phase over
_HA_IPARTY = 18  # which alternate-move counter is current (1 or 2)
_HA_IND = 19  # last outcome, 1 + 2 * own + his
_HA_MY = 20  # own last move as chosen
_HA_INDEF = 21  # alternate-move run length that earns forgiveness (5, later 3)
_HA_IOPP = 22  # his defections from move 2 on
_HA_PROB = 23  # probability of a probe (REAL)


@step
def k75r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """HARRINGTON: a probing tit for tat.

    * Tit for tat to move 36. On move 37, and then with a probability that
      starts at 0.2 and grows by 0.05 with each probe, it defects to probe,
      then co-operates twice; if the other answered the probe with a
      defection it never probes again.
    * Every 15 moves from move 30 (not once the random phase is over) a
      chi-squared test on his replies to the four outcomes (single precision,
      expected counts above 1 only, threshold 3), when he co-operated after
      mutual co-operation less than 80% of the time and defected between a
      quarter and three quarters of his moves: if he looks random it defects
      until a score (+1 for each of his defections, -3 for each
      co-operation) reaches 11, then co-operates for three moves and never
      tests again.
    * It forgives (co-operates once) a run of 5 defections on alternate moves
      (3 after eight such pardons); after 20 defections in a row it defects.
    * Twin test: if he co-operated on moves 1-36 and defected on move 37 (as
      it does), it co-operates for good, unless he defects again.

    The code is followed as written, including that the random phase leaves
    the last-outcome memory as it was.
    """
    return _k75r(turn + 1, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k75r(m, j, r, memory):
    if m == 1:
        memory[_HA_IPARTY] = 1.0
        memory[_HA_INDEF] = 5.0
        memory[_HA_PROB] = F32(0.2)
        return 0
    if m != 2:
        if memory[_HA_IRAND] == 1.0:
            memory[_HA_IRDCHK] += 4 * j - 3
            if memory[_HA_IRDCHK] >= 11.0:
                memory[_HA_IRAND] = 2.0
                memory[_HA_ICOOP] = 2.0
                return 0
            return 1
        memory[_HA_IOPP] += j
        ind = np.int64(memory[_HA_IND])
        memory[_HA_HIST + 2 * (ind - 1) + j] += 1.0
        if m != 15 and m % 15 == 0 and memory[_HA_IRAND] != 2.0:
            n = F32(m - 2)
            iopp = np.int64(memory[_HA_IOPP])
            if not (F32(memory[_HA_HIST]) / n >= F32(0.8)) and not (
                iopp * 4 < m - 2 or iopp * 4 > 3 * m - 6
            ):
                total = F32(0.0)
                for ia in range(4):
                    row = F32(memory[_HA_HIST + 2 * ia]) + F32(memory[_HA_HIST + 2 * ia + 1])
                    for ib in range(2):
                        col = F32(0.0)
                        for ka in range(4):
                            col = col + F32(memory[_HA_HIST + 2 * ka + ib])
                        ex = row * col / n
                        if ex > F32(1.0):
                            gap = F32(memory[_HA_HIST + 2 * ia + ib]) - ex
                            total = total + gap * gap / ex
                if not (total > F32(3.0)):
                    memory[_HA_IRAND] = 1.0
                    return 1
    if memory[_HA_ITRY] == 1.0 and j == 1:
        memory[_HA_IBURN] = 1.0
    if m <= 37 and j == 0:
        memory[_HA_ITWIN] += 1.0
    if m == 38 and j == 1:
        memory[_HA_ITWIN] += 1.0
    if m >= 39 and memory[_HA_ITWIN] == 37.0 and j == 1:
        memory[_HA_ITWIN] = 0.0
    label = 80
    party = _HA_ID
    if memory[_HA_ITWIN] != 37.0:
        memory[_HA_IDEF] = memory[_HA_IDEF] * j + j
        party = _HA_ID + np.int64(memory[_HA_IPARTY]) - 1
        if memory[_HA_IDEF] >= 20.0:
            label = 90
        else:
            memory[_HA_IPARTY] = 3.0 - memory[_HA_IPARTY]
            party = _HA_ID + np.int64(memory[_HA_IPARTY]) - 1
            memory[party] = memory[party] * j + j
            if memory[party] >= memory[_HA_INDEF]:
                memory[party] = 0.0
                memory[_HA_ISTRNG] += 1.0
                if memory[_HA_ISTRNG] == 8.0:
                    memory[_HA_INDEF] = 3.0
            elif memory[_HA_ICOOP] >= 1.0:
                label = 80
            elif (m < 37 or memory[_HA_IBURN] == 1.0) or (m != 37 and r > F32(memory[_HA_PROB])):
                label = 80 if j == 0 else 90
            else:
                memory[_HA_ITRY] = 2.0
                memory[_HA_ICOOP] = 2.0
                memory[_HA_PROB] = F32(memory[_HA_PROB]) + F32(0.05)
                label = 92
    if label == 80:
        move = 0
        memory[_HA_ITRY] -= 1.0
        memory[_HA_ICOOP] -= 1.0
    else:
        if label == 90:
            memory[party] += 1.0
        move = 1
    memory[_HA_IND] = 2 * memory[_HA_MY] + j + 1
    memory[_HA_MY] = move
    return move


# --------------------------------------------------------------------------- 9 K84R Tideman

_TC_ISIG = 0  # 1 when the second co-operation of a fresh start is due, else its move
_TC_DS = 1  # score difference at the last fresh start (REAL)
_TC_JQ = 2  # his previous move (0 after a fresh start)
_TC_FJD = 3  # his defections over the game (REAL)
_TC_JDR = 4  # runs of his defections since the last fresh start
_TC_FM = 5  # the move number of the last normal move (REAL)


@step
def k84r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """TIDEMAN AND CHIERUZZI: graduated punishment kept in points.

    It co-operates while its own score minus his, less the difference at the
    last fresh start, is at least 5 * (0 + 1 + ... + (k - 1)) for k runs of
    his defections since then (integer arithmetic, as typed); otherwise it
    defects. On a move where it would defect, it offers a fresh start (two
    co-operations, after which runs and the score difference count from
    zero) when he did not just start a run, 10 or more moves have passed since
    the last fresh start (since move 0 at first), and his defections over
    the whole game are at least 1.5 sqrt(M - 1) away from (M - 1) / 2
    (single precision). The second co-operation of a fresh start is the new
    beginning; its move number is the new reference.
    """
    j, _, _ = fortran.previous(turn, own, opp)
    return _k84r(turn + 1, j, np.int64(own_score), np.int64(opp_score), memory)


@njit
def _k84r(m, jp, mine, his, memory):
    if m > 1:
        if jp == 1:
            memory[_TC_FJD] = F32(memory[_TC_FJD]) + F32(1.0)
        if memory[_TC_ISIG] == 1.0:
            memory[_TC_ISIG] = m
            memory[_TC_JQ] = 0.0
            memory[_TC_JDR] = 0.0
            memory[_TC_DS] = F32(mine - his)
            return 0
        memory[_TC_FM] = F32(m)
        if memory[_TC_JQ] == 0.0 and jp == 1:
            memory[_TC_JDR] += 1.0
    runs = np.int64(memory[_TC_JDR])
    owed = (5 * runs * (runs - 1)) // 2
    if F32(mine - his) - F32(memory[_TC_DS]) - F32(owed) >= F32(0.0):
        memory[_TC_JQ] = jp
        return 0
    jq = np.int64(memory[_TC_JQ])
    fm1 = F32(memory[_TC_FM]) - F32(1.0)
    if (
        jq - jp < 0
        or m - np.int64(memory[_TC_ISIG]) < 10
        or abs(F32(memory[_TC_FJD]) - fm1 / F32(2.0)) < F32(1.5) * np.sqrt(fm1)
    ):
        memory[_TC_JQ] = jp
        return 1
    memory[_TC_ISIG] = 1.0
    memory[_TC_JQ] = jp
    return 0


# --------------------------------------------------------------------------- 10 K32R Kluepfel

_KL_C = 0  # 0..3: his C after my D, his D after my D, his C after my C, his D after my C
_KL_J2 = 4  # his move two back
_KL_J1 = 5  # his last move
_KL_I2 = 6  # own move two back (as chosen)
_KL_I1 = 7  # own last move (as chosen)


@step
def k32r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """KLUEPFEL: a probabilistic echo with a randomness detector.

    It records how he replied to its own move two back (co-operations and
    defections after its co-operation and after its defection). From move 27
    it defects if both his co-operations after its defections and his
    defections after its co-operations reach ((n) - 1.5 sqrt(n)) / 2 for the
    n replies concerned, i.e. he looks like a coin. Otherwise: if his last
    three moves agree it answers in kind; if only the last two do, in kind
    with probability 0.9; after a single defection it defects with
    probability 0.6, after a single co-operation co-operates with
    probability 0.7. The harness's C before move 1 counts as his moves
    before the first (single precision throughout).
    """
    return _k32r(turn + 1, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k32r(m, j, r, memory):
    move = -1
    if m >= 3:
        slot = _KL_C + (0 if memory[_KL_I2] != 0.0 else 2) + j
        memory[slot] = F32(memory[slot]) + F32(1.0)
        if m >= 27:
            c1 = F32(memory[_KL_C])
            c2 = F32(memory[_KL_C + 1])
            c3 = F32(memory[_KL_C + 2])
            c4 = F32(memory[_KL_C + 3])
            n12 = c1 + c2
            n34 = c3 + c4
            if not (c1 < (n12 - F32(1.5) * np.sqrt(n12)) / F32(2.0)) and not (
                c4 < (n34 - F32(1.5) * np.sqrt(n34)) / F32(2.0)
            ):
                move = 1
    if move < 0:
        j1 = np.int64(memory[_KL_J1])
        j2 = np.int64(memory[_KL_J2])
        if j1 != j:
            p = F32(0.6) if j == 1 else F32(0.7)
        elif j2 != j1:
            p = F32(0.9)
        else:
            p = F32(2.0)  # three in a row: in kind for certain
        move = j if r < p else 1 - j
    memory[_KL_J2] = memory[_KL_J1]
    memory[_KL_J1] = j
    memory[_KL_I2] = memory[_KL_I1]
    memory[_KL_I1] = move
    return move


# --------------------------------------------------------------------------- 11 K35R Getzler


@step
def k35r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """GETZLER: defect with the probability of his recent defections.

    FLACK = (FLACK + J) / 2 each move (his defections fading by half per
    move, in single precision, the harness's C before move 1 included); it
    defects when FLACK exceeds the random number.
    """
    return _k35r(fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k35r(j, r, memory):
    flack = (F32(memory[0]) + F32(j)) * F32(0.5)
    memory[0] = flack
    return 1 if flack > r else 0


# --------------------------------------------------------------------------- 12 K68R Leyvraz


@step
def k68r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """LEYVRAZ: a reaction table over his last three moves.

    With his last three moves (oldest first; moves before his first count as
    C): D, D as the last two -> defect with probability 3/4; C, D, C -> defect;
    C, C, D -> defect with probability 1/2; anything else -> co-operate.
    It co-operates on move 1.
    """
    return _k68r(turn, fortran.his_last(turn, opp), F32(uniform(rng)), memory, opp)


@njit
def _k68r(turn, j, r, memory, opp):
    if turn == 0:
        return 0
    j1 = np.int64(opp[turn - 2]) if turn >= 2 else 0
    j2 = np.int64(opp[turn - 3]) if turn >= 3 else 0
    if j1 == 1 and j == 1:
        return 1 if r < F32(0.75) else 0
    if j2 == 0 and j1 == 1 and j == 0:
        return 1
    if j2 == 0 and j1 == 0 and j == 1:
        return 1 if r < F32(0.5) else 0
    return 0


# --------------------------------------------------------------------------- 13 K72R White


@step
def k72r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """WHITE: defect when his defections outweigh the move number.

    With D his defections so far and N = 1, or N = INT(ln M) when he
    defected last and M > 10, the Fortran defects when R <= (N * D) / M.
    That division is INTEGER, so the right side is 0 until N * D >= M and at
    least 1 after: the rule defects exactly when N * D >= M (or when R is
    exactly 0, which has probability 0). We play it as the deterministic rule
    it is and draw no number.
    """
    return _k72r(turn, turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k72r(turn, m, j, memory):
    if turn == 0:
        return 0
    memory[0] += j
    n = 1
    if j == 1 and m > 10:
        n = np.int64(np.log(np.float64(m)))
    return 1 if n * np.int64(memory[0]) >= m else 0


# --------------------------------------------------------------------------- 14 K46R Eatherley


@step
def k46r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """EATHERLEY: punish a defection with the probability of his defection rate.

    After his co-operation it co-operates; after his defection it defects
    with probability (his defections) / (M - 1), in single precision.
    """
    return _k46r(turn, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k46r(turn, j, r, memory):
    if turn == 0:
        return 0
    memory[0] += j
    if j == 0:
        return 0
    p = F32(memory[0]) / F32(turn)
    return 1 if r < p else 0


# --------------------------------------------------------------------------- 15 K83R Black


@step
def k83r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """BLACK: punish in proportion to the square of recent defections.

    Co-operates on moves 1-5. Then with d his defections among his last five
    moves, it defects when 25 R < d * d - 1 (single precision): never for
    d <= 1, with probability 3/25, 8/25, 15/25, 24/25 for d = 2, ..., 5.
    """
    return _k83r(turn, F32(uniform(rng)), memory, opp)


@njit
def _k83r(turn, r, memory, opp):
    if turn < 5:
        return 0
    d = fortran.recent_defections(turn, opp, 5)
    return 1 if r * F32(25.0) < F32(d * d - 1) else 0


# --------------------------------------------------------------------------- 16 K47R R. Hufford

_RH_NUM = 0  # successes and failures of its rip-offs (a ratio sets the gap to the next)
_RH_DEN = 1
_RH_RF = 2  # move of the next rip-off
_RH_LONG = 3  # agreements (his move equal to my move before it) over the game
_RH_SHORT = 4  # agreements among the last four, plus one
_RH_SH2 = 5  # 5..8: the last four agreements, cyclically
_RH_N = 9  # the cycle's position, 1..4
_RH_MYLAST = 10  # own move before the last (as chosen)
_RH_MYMOVE = 11  # own last move (as chosen)


@step
def k47r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """RICHARD HUFFORD: tit for tat with a sense of the other and a rip-off schedule.

    An agreement is his move matching the move it made two moves before
    (what a tit-for-tat partner would echo). LONG counts agreements over
    the game (from 1), SHORT those among the last four (plus one). It plays
    tit for tat, but defects when LONG < 0.625 M or SHORT < 3, and
    co-operates when LONG > 0.9 M and SHORT is 5 (single precision). On the
    rip-off move RF (first 20, postponed while he defects before it) it
    defects; two moves later it co-operates, counts his reply to the rip-off
    as a success or failure, and sets the next rip-off 20 * NUM / DEN + 1
    moves on (integer division; NUM grows with his retaliations, DEN with his
    acceptances, both from 2).
    """
    return _k47r(turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k47r(m, j, memory):
    if m == 1:
        memory[_RH_NUM] = 2.0
        memory[_RH_DEN] = 2.0
        memory[_RH_RF] = 20.0
        memory[_RH_LONG] = 1.0
        memory[_RH_SHORT] = 5.0
        for k in range(4):
            memory[_RH_SH2 + k] = 1.0
        memory[_RH_N] = 1.0
    num = np.int64(memory[_RH_NUM])
    den = np.int64(memory[_RH_DEN])
    if m <= memory[_RH_RF] and j == 1:
        memory[_RH_RF] = m + (20 * num) // den + 1
    n = np.int64(memory[_RH_N]) % 4 + 1
    memory[_RH_N] = n
    memory[_RH_SHORT] -= memory[_RH_SH2 + n - 1]
    if j == memory[_RH_MYLAST]:
        memory[_RH_LONG] += 1.0
        memory[_RH_SHORT] += 1.0
        memory[_RH_SH2 + n - 1] = 1.0
    else:
        memory[_RH_SH2 + n - 1] = 0.0
    memory[_RH_MYLAST] = memory[_RH_MYMOVE]
    move = j
    big = F32(memory[_RH_LONG])
    short = memory[_RH_SHORT]
    if big < F32(0.625) * F32(m) or short < 3.0:
        move = 1
    if big > F32(0.9) * F32(m) and short == 5.0:
        move = 0
    rf = np.int64(memory[_RH_RF])
    if m == rf:
        move = 1
    if m >= rf + 2:
        move = 0
        num += j
        den += 1 - j
        memory[_RH_NUM] = num
        memory[_RH_DEN] = den
        memory[_RH_RF] = m + (20 * num) // den + 1
    memory[_RH_MYMOVE] = move
    return move


catalogue.register(__name__)
