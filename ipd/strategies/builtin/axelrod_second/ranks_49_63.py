"""Axelrod's second tournament, published ranks 49-63: LEYLAND to HOTZ, and RANDOM.

How the Fortran's arguments map onto the step contract: see
:mod:`ipd.strategies.builtin.axelrod_second`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ipd.core.game import Game
from ipd.engine.random import uniform
from ipd.strategies import catalogue
from ipd.strategies.builtin.axelrod_second import _fortran as fortran
from ipd.strategies.builtin.classic import grudger
from ipd.strategies.families import FiniteStateMachine
from ipd.strategies.registry import step

F32 = np.float32

# --------------------------------------------------------------------------- 49 K82R Leyland

_LE_I5 = 0  # his defections since the last reset
_LE_D4 = 1  # his defections over the game (REAL)
_LE_X = 2  # probability of co-operating when probing (REAL, from 0.75)
_LE_I1 = 3  # 1 if its last probe was a defection
_LE_I2 = 4  # 1 when the last probe's reply is to be judged
_LE_I3 = 5  # 0 after a long run of his defections (a reset is due)


@step
def k82r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """LEYLAND: tit for tat with adaptive random defections.

    Tit for tat to move 29. From move 30 it defects when R > X, X starting
    at 0.75: after such a defection, his co-operation lowers X by 0.05 (more
    probing; below 0.3 it probes again at once), his defection raises X by
    0.15 (at most 1) and resets. X also drops by 0.2 whenever his defections
    so far are within 0.1 of half his moves (he looks like a coin). A run of
    more than five of his defections ended by a co-operation gives a
    co-operation and a reset. Followed label by label, single precision.
    """
    return _k82r(turn + 1, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k82r(m, j, r, memory):
    if m == 1:
        memory[_LE_X] = F32(0.75)
        memory[_LE_I3] = 1.0
        return 0
    move = j
    memory[_LE_I5] += j
    memory[_LE_D4] = F32(memory[_LE_D4]) + F32(j)
    label = 2010
    if j == 0 and memory[_LE_I5] > 1.0:
        if memory[_LE_I5] > 5.0:
            label = 2200
        else:
            memory[_LE_I5] = 0.0
    if label == 2010:
        if m < 30:
            return move
        if memory[_LE_I3] == 0.0:
            label = 2190
        else:
            x = F32(memory[_LE_X])
            if abs(F32(memory[_LE_D4]) / (F32(m) - F32(1.0)) - F32(0.5)) < F32(0.1):
                x = x - F32(0.2)
            label = 2030
            if memory[_LE_I2] == 1.0:
                if j == 0:
                    x = x - F32(0.05)
                    if x < F32(0.0):
                        x = F32(0.0)
                    memory[_LE_I2] = 0.0
                    if x >= F32(0.3):
                        memory[_LE_X] = x
                        return move
                else:
                    x = x + F32(0.15)
                    if x > F32(1.0):
                        x = F32(1.0)
                    label = 2190
            memory[_LE_X] = x
            if label == 2030:
                if r > x:
                    memory[_LE_I1] = 1.0
                    return 1
                memory[_LE_I2] = memory[_LE_I1]
                return move
    if label == 2190:
        memory[_LE_I2] = 0.0
        memory[_LE_I3] = 0.0 if memory[_LE_I5] > 5.0 else 1.0
    memory[_LE_I5] = 0.0
    memory[_LE_I1] = 0.0
    return 0


# --------------------------------------------------------------------------- 50 K45R McGurrin

_MG_JOLD = 0  # his previous move (for the tit-for-two-tats modes)
_MG_A = 1  # 1: he co-operated on moves 1-2 (exploit mode)
_MG_B = 2  # 1: tit for two tats
_MG_C = 3  # 1: tit for tat
_MG_D = 4  # his first move
_MG_E = 5  # moves since the last exploiting defection


@step
def k45r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """MCGURRIN: classify the other by his opening, then pick a reply rule.

    Moves: D, C, C. His first two moves decide: C, C -> tit for two tats
    with a defection on moves 11, 19, 27, ... (every 8th from move 4);
    D, D -> tit for tat; D, C
    -> his third move decides (D: tit for tat, C: tit for two tats); C, D ->
    likewise (D: tit for tat, co-operating on move 4; C: tit for two tats).
    """
    return _k45r(turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k45r(m, j, memory):
    if m == 1:
        return 1
    if m == 2:
        memory[_MG_D] = j
        return 0
    if m == 3:
        if j == 1:
            if memory[_MG_D] == 1.0:
                memory[_MG_C] = 1.0
        elif memory[_MG_D] != 1.0:
            memory[_MG_A] = 1.0
        return 0
    if memory[_MG_C] == 1.0:
        return j
    if memory[_MG_B] == 1.0:
        move = 1 if memory[_MG_JOLD] == 1.0 and j == 1 else 0
        memory[_MG_JOLD] = j
        return move
    if memory[_MG_A] == 1.0:
        memory[_MG_E] += 1.0
        if memory[_MG_E] == 8.0:
            memory[_MG_E] = 0.0
            memory[_MG_JOLD] = j
            return 1
        move = 1 if memory[_MG_JOLD] == 1.0 and j == 1 else 0
        memory[_MG_JOLD] = j
        return move
    if j == 1:
        memory[_MG_C] = 1.0
        return 1 if memory[_MG_D] == 1.0 else 0
    memory[_MG_B] = 1.0
    return 0


# --------------------------------------------------------------------------- 51 K62R Hollander


@step
def k62r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """HOLLANDER: tit for two tats with random surprises.

    On move 1 it draws the first surprise move INT(23 R + 1); on that move it
    defects and draws the next as INT(23 R + M + 1) (single precision, the
    same move's R). Otherwise it defects only after two defections of his in
    a row. The harness's C counts as his move before move 1.
    """
    return _k62r(turn + 1, fortran.his_last(turn, opp), F32(uniform(rng)), memory)


@njit
def _k62r(m, j, r, memory):
    if m == 1:
        memory[1] = np.int64(F32(23.0) * r + F32(1.0))
    move = 0
    if m == memory[1]:
        move = 1
        memory[1] = np.int64(F32(23.0) * r + F32(m) + F32(1.0))
    elif memory[0] == 1.0 and j == 1:
        move = 1
    memory[0] = j
    return move


# --------------------------------------------------------------------------- 52 K34R Friedman


def k34r(game: Game) -> FiniteStateMachine:
    """FRIEDMAN: the grudger, as in round one.

    The Fortran sums his moves and defects once the sum is positive: the
    ``grudger`` machine.
    """
    return grudger(game)


# --------------------------------------------------------------------------- 53 K48R G. Hufford

_GH_ARRAY = 0  # 0..4: its five-move pattern
_GH_KOLD = 5  # points of the previous five-move block
_GH_K5 = 6  # points of the last block
_GH_KLAST = 7  # own score at the last block's start
_GH_ICHAN = 8  # +1 or -1: direction of change
_GH_IPO1 = 9  # position of the next change (0..6)

_HUFFORD_ORDER = (2, 4, 3, 5, 1)
"""The order in which George Hufford's rule changes the positions of its pattern (DATA IPO2)."""


@step
def k48r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """GEORGE HUFFORD: hill-climbing on a five-move cycle.

    Moves 1-5: tit for tat, each of his defections setting the next position
    of a five-move pattern (positions taken in the order 2, 4, 3, 5, 1) to D.
    From move 6 it repeats the pattern. At the start of each cycle (moves 6,
    11, ...) it compares its points in the last cycle with the one before:
    if they fell, the direction reverses; it then turns the next position to
    D (direction up) or back to C (down), and plays the cycle's first
    position as it now stands.
    """
    return _k48r(turn + 1, fortran.his_last(turn, opp), np.int64(own_score), memory)


@njit
def _k48r(m, j, k, memory):
    if m == 1:
        memory[_GH_ICHAN] = 1.0
        memory[_GH_IPO1] = 1.0
    if m <= 5:
        ipo1 = np.int64(memory[_GH_IPO1])
        memory[_GH_ARRAY + _HUFFORD_ORDER[ipo1 - 1] - 1] = j
        memory[_GH_IPO1] = ipo1 + j
        return j
    mm = (m - 1) % 5
    if mm != 0:
        return np.int64(memory[_GH_ARRAY + mm])
    kold = np.int64(memory[_GH_K5])
    k5 = k - np.int64(memory[_GH_KLAST])
    memory[_GH_KOLD] = kold
    memory[_GH_K5] = k5
    memory[_GH_KLAST] = k
    ichan = np.int64(memory[_GH_ICHAN])
    ipo1 = np.int64(memory[_GH_IPO1])
    if kold > k5:
        ichan = -ichan
        ipo1 += ichan
    if ipo1 < 1:
        ipo1 = 0
    if ipo1 > 5:
        ipo1 = 6
    memory[_GH_ICHAN] = ichan
    if ipo1 < 1 or ipo1 > 5:
        memory[_GH_IPO1] = ipo1
        return np.int64(memory[_GH_ARRAY])
    memory[_GH_ARRAY + _HUFFORD_ORDER[ipo1 - 1] - 1] += ichan
    memory[_GH_IPO1] = ipo1 + ichan
    return np.int64(memory[_GH_ARRAY])


# --------------------------------------------------------------------------- 54 K50R Rik


# --------------------------------------------------------------------------- 55 K77R Feld

_FD_JSTR = 0  # current reply rule, 1 (nicest) .. 5 (nastiest)
_FD_KTRY = 1  # moves played with it
_FD_KEXP = 2  # 2..6: points earned by rules 1..5 in their last 20 moves (from 100)
_FD_KI = 7  # own score when the current rule started


@step
def k77r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """FELD (second round): hill-climbing between five reply rules.

    Rules 1-5: always C; C, but D after his D with probability 0.75; tit for
    tat; D, but C after his C with probability 0.75; always D. It starts
    with rule 3. Every 20 moves it records the points the current rule made
    and moves to the next nastier rule if that one's record (100 until
    tried) is higher, else to the next nicer one if that one's is higher.
    Moving to a nicer rule, it treats his last move as a co-operation on that
    move (the Fortran overwrites its J argument: we change only our own copy,
    the harness's variable is the other's to keep).
    """
    return _k77r(
        turn + 1,
        fortran.his_last(turn, opp),
        F32(uniform(rng)),
        np.int64(own_score),
        memory,
    )


@njit
def _k77r(m, jpick, r, score, memory):
    if m == 1:
        memory[_FD_JSTR] = 3.0
        for k in range(5):
            memory[_FD_KEXP + k] = 100.0
    rule = np.int64(memory[_FD_JSTR])
    if memory[_FD_KTRY] >= 20.0:
        here = _FD_KEXP + rule - 1
        memory[here] = score - memory[_FD_KI]
        if rule != 5 and memory[here + 1] > memory[here]:
            rule += 1
        elif rule != 1 and memory[here - 1] > memory[here]:
            rule -= 1
            jpick = 0
        memory[_FD_JSTR] = rule
        memory[_FD_KI] = score
        memory[_FD_KTRY] = 0.0
    memory[_FD_KTRY] += 1.0
    if rule == 1:
        return 0
    if rule == 2:
        return 1 if jpick == 1 and r <= F32(0.75) else 0
    if rule == 3:
        return jpick
    if rule == 4:
        return 0 if jpick == 0 and r <= F32(0.75) else 1
    return 1


# --------------------------------------------------------------------------- 56 K89R Snodgrass

_SN_SC = 0  # 0..5: own score when rule 1..6 last began
_SN_SL = 6  # 6..11: rule 1..6 selected
_SN_GT = 12  # 12..16: points of rules 1..5 over the game
_SN_TM = 17  # 17..22: moves played by rules 1..6
_SN_CN = 23  # 10 * rule + moves played in its current block
_SN_CSRC = 24  # selected rules at the last evaluation
_SN_MYLM = 25  # its last move while alternating
_SN_HLM = 26  # his last move seen by tit for two tats


@step
def k89r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """SNODGRASS: a tournament of five rules inside the rule.

    Each selected rule plays a block of 10 moves in turn (all C, all D,
    alternate starting with C, tit for tat, tit for two tats). After the
    fifth block the points of each block are compared with 9/10 of their
    mean (integer division): a selected rule below it is dropped, a dropped
    rule whose points per 10 moves over the game exceed it is readmitted;
    the cycle restarts.

    The mean divides by the number of rules selected; with the tournament's
    payoffs the best rule always stays selected. With negative payoffs all
    could be dropped, and the Fortran would then divide by zero; we readmit
    all five instead.
    """
    return _k89r(turn, fortran.his_last(turn, opp), np.int64(own_score), memory)


@njit
def _k89r(turn, hcm, mysc, memory):
    if turn == 0:
        for k in range(6):
            memory[_SN_SL + k] = 1.0
        memory[_SN_CN] = 10.0
        memory[_SN_CSRC] = 5.0
        memory[_SN_MYLM] = 1.0
    while True:
        cn = np.int64(memory[_SN_CN])
        code = cn // 10
        if 10 * code == cn:
            memory[_SN_SC + code - 1] = mysc
        if memory[_SN_SL + code - 1] != 1.0:
            memory[_SN_CN] = cn + 10
            continue
        memory[_SN_CN] = cn + 1
        memory[_SN_TM + code - 1] += 1.0
        if code == 1:
            return 0
        if code == 2:
            return 1
        if code == 3:
            move = 1 - np.int64(memory[_SN_MYLM])
            memory[_SN_MYLM] = move
            return move
        if code == 4:
            return hcm
        if code == 5:
            move = 1 if hcm == 1 and memory[_SN_HLM] == 1.0 else 0
            memory[_SN_HLM] = hcm
            return move
        total = 0
        for i in range(5):
            points = np.int64(memory[_SN_SC + i + 1]) - np.int64(memory[_SN_SC + i])
            total += points
            memory[_SN_GT + i] += points
        selected = np.int64(memory[_SN_CSRC])
        mean = fortran.tdiv(total, selected) if selected != 0 else 0
        bar = fortran.tdiv(9 * mean, 10)
        selected = 0
        for i in range(5):
            points = np.int64(memory[_SN_SC + i + 1]) - np.int64(memory[_SN_SC + i])
            if memory[_SN_SL + i] == 1.0:
                if points < bar:
                    memory[_SN_SL + i] = 0.0
            elif (
                fortran.tdiv(10 * np.int64(memory[_SN_GT + i]), np.int64(memory[_SN_TM + i])) > bar
            ):
                memory[_SN_SL + i] = 1.0
            if memory[_SN_SL + i] == 1.0:
                selected += 1
        if selected == 0:
            for i in range(5):
                memory[_SN_SL + i] = 1.0
            selected = 5
        memory[_SN_CSRC] = selected
        memory[_SN_CN] = 10.0


# --------------------------------------------------------------------------- 57 K63R Duisman


# --------------------------------------------------------------------------- 58 K54R Robertson

_RB_OPDEF = 0  # his defections after the first four "moves"
_RB_STDEF = 1  # his current run of such defections
_RB_DL = 2  # tolerated defection rate (REAL, .2 then .1)
_RB_COOPS = 3  # his current run of co-operations
_RB_OKDEF = 4  # 1 while trial defections are allowed
_RB_MYDEF = 5  # never set to 1 by the code as typed
_RB_NODEF = 6  # trial defections made
_RB_ND = 7  # trial defections come when the "move number" is a multiple of ND


@step
def k54r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """ROBERTSON: a tolerant rule with trial defections, and a typo.

    The intended rule: defect against defections in the first four moves;
    later tolerate his defections while they stay under 20% of the moves
    (10% from move 20) and come at most two in a row, otherwise defect
    unless his co-operation run outweighs them (20 OPDEF <= COOPS M); and
    try a defection whenever the move number is a multiple of ND (12, one
    less every six trials).

    The bug (``fixed=0``, the default, as it ran): the function is declared
    K54R(J, K, L, M, R, JA) but called with (J, M, K, L, R, JA), so its "M"
    is the other player's score. Every test above uses his score as the
    move number (his score is at most 1 only before the first move, which
    restarts the rule). ``fixed=1`` reads the move number instead. The code
    never sets MYDEF, so trial defections never become forbidden.
    """
    return _k54r(
        turn,
        turn + 1,
        fortran.his_last(turn, opp),
        np.int64(opp_score),
        params[0],
        memory,
    )


@njit
def _k54r(turn, m, j, opp_l, p, memory):
    m = opp_l if p == 0.0 else turn + 1
    if m <= 1:
        for k in range(8):
            memory[k] = 0.0
        memory[_RB_DL] = F32(0.2)
        memory[_RB_OKDEF] = 1.0
        memory[_RB_ND] = 12.0
        return 0
    if m == 20:
        memory[_RB_DL] = F32(0.1)
    dl = F32(memory[_RB_DL])
    opdef = np.int64(memory[_RB_OPDEF])
    if j != 1:
        memory[_RB_STDEF] = 0.0
        memory[_RB_COOPS] += 1.0
        if F32(opdef) > F32(m) * dl:
            excessive = True
        elif m % np.int64(memory[_RB_ND]) == 0 and memory[_RB_OKDEF] == 1.0:
            memory[_RB_MYDEF] = 0.0
            memory[_RB_NODEF] += 1.0
            if np.int64(memory[_RB_NODEF]) % 6 == 0:
                memory[_RB_ND] -= 1.0
            if memory[_RB_ND] < 1.0:
                memory[_RB_ND] = 1.0
            return 1
        else:
            memory[_RB_MYDEF] = 0.0
            return 0
    else:
        memory[_RB_COOPS] = 0.0
        if m <= 4:
            return 1
        memory[_RB_STDEF] += 1.0
        opdef += 1
        memory[_RB_OPDEF] = opdef
        if memory[_RB_MYDEF] == 1.0:
            memory[_RB_OKDEF] = 0.0
        excessive = F32(opdef) > F32(m) * dl or memory[_RB_STDEF] > 2.0
        if not excessive:
            memory[_RB_MYDEF] = 0.0
            return 0
    if 20 * opdef <= np.int64(memory[_RB_COOPS]) * m:
        return 0
    memory[_RB_MYDEF] = 0.0
    return 1


# --------------------------------------------------------------------------- 59 K33R Rabbie

_RA_COOP = 0  # 0..3: his co-operations after each pair of own moves (REAL)
_RA_COUNT = 4  # 4..7: times each pair was seen (REAL)
_RA_P = 8  # 8..11: his estimated co-operation rate after each pair (REAL)
_RA_LAST1 = 12  # own last move as chosen
_RA_LAST2 = 13  # own move before that
_RA_TWIN = 14  # 1 while he has always played its previous move
_RA_INDEX = 15  # the pair code 1..4 of the current move

_RABBIE_CONST = (0.0, 4.0, 6.0, 6.0, 8.0, 12.0)
_RABBIE_COEFF = (
    *(36.0, 0.0, 0.0, 0.0),
    *(16.0, 12.0, 12.0, 0.0),
    *(0.0, 18.0, 24.0, 0.0),
    *(12.0, 12.0, 9.0, 9.0),
    *(0.0, 16.0, 16.0, 12.0),
    *(0.0, 0.0, 0.0, 48.0),
)
"""Rabbie's six policies' expected scores over four moves are CONST(i) + sum over k of
COEFF(i, k) P(k) (DATA statements in k33r.f): policy i's four coefficients, in turn."""
_RABBIE_DEFECT = (0b0000, 0b0001, 0b0101, 0b0011, 0b0111, 0b1111)
"""Policy i's moves (the computed GO TOs of k33r.f): bit k - 1 is 1 where it defects for the
pair code k = 2 (own move two back) + (own last move) + 1, k = 1 being C, C and 4 D, D."""


@step
def k33r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """RABBIE: best response to a model of the other.

    It assumes his probability of co-operating depends only on its own last
    two moves, and estimates the four probabilities P (single precision).
    Moves 1-22 follow policy 4 (defect when its move two back was C: the
    cycle C, C, D, D from an imagined D, D), which visits all four pairs.
    From move 23 it co-operates with a twin (an other who has always played
    its previous move), and otherwise plays the policy whose expected score
    CONST + COEFF . P is highest (the first on ties; coefficients from the
    Fortran's DATA statements).
    """
    return _k33r(turn + 1, fortran.his_last(turn, opp), memory)


@njit
def _k33r(m, j, memory):
    if m == 1:
        memory[_RA_LAST1] = 1.0
        memory[_RA_LAST2] = 1.0
        memory[_RA_TWIN] = 1.0
    if m > 2:
        i = np.int64(memory[_RA_INDEX]) - 1
        memory[_RA_COOP + i] = F32(memory[_RA_COOP + i]) + F32(1 - j)
        memory[_RA_COUNT + i] = F32(memory[_RA_COUNT + i]) + F32(1.0)
        memory[_RA_P + i] = F32(memory[_RA_COOP + i]) / F32(memory[_RA_COUNT + i])
    last1 = np.int64(memory[_RA_LAST1])
    index = 2 * np.int64(memory[_RA_LAST2]) + last1 + 1
    memory[_RA_INDEX] = index
    if m != 1 and j != last1:
        memory[_RA_TWIN] = 0.0
    if m <= 22:
        policy = 4
    elif memory[_RA_TWIN] == 1.0:
        policy = 1
    else:
        best = F32(0.0)
        policy = 1
        for ii in range(6):
            total = F32(_RABBIE_CONST[ii])
            for jj in range(4):
                total = total + F32(_RABBIE_COEFF[4 * ii + jj]) * F32(memory[_RA_P + jj])
            if not (total <= best):
                best = total
                policy = ii + 1
    move = (_RABBIE_DEFECT[policy - 1] >> (index - 1)) & 1
    memory[_RA_LAST2] = last1
    memory[_RA_LAST1] = move
    return move


# --------------------------------------------------------------------------- 60 K71R Hill


# --------------------------------------------------------------------------- 61 K74R Friedland


@step
def k74r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """FRIEDLAND: Downing's model, discounted, with two dead branches.

    ALPHA and BETA are his co-operation rates after its own co-operation and
    defection (own move two back), each count multiplied by 0.8 after each
    use (single precision), from 1 and 0.3. With POLC = 6 ALPHA - 8 BETA - 2
    and POLALT = 4 ALPHA - 5 BETA - 1 it co-operates only when POLC is
    exactly 0 (typed ``POLC .EQ. 0``), alternates (plays the opposite of its
    last move) when POLALT >= 0 and defects otherwise; so it defects on move
    1. Its test for a random other at move 37 compares his moves with a
    variable that is never set, can never fire and is omitted. (TourExec
    also keeps a version K74RXX; the tournament's K74R is this one.)
    """
    j, ja, two = fortran.previous(turn, own, opp)
    return _k74r(turn + 1, j, ja, two, memory)


@njit
def _k74r(m, j, ja, two, memory):
    if m == 1:
        memory[fortran.ALPHA] = 1.0
        memory[fortran.BETA] = F32(0.3)
    if m > 2:
        c, n, _ = fortran.count_reply(memory, two, j)
        memory[c] = F32(memory[c]) * F32(0.8)
        memory[n] = F32(memory[n]) * F32(0.8)
    polc, polalt = fortran.values(memory, 8.0, 5.0)
    if polc == F32(0.0):
        return 0
    if polalt >= F32(0.0):
        return 1 - ja
    return 1


# --------------------------------------------------------------------------- 62 K93R RANDOM


# --------------------------------------------------------------------------- 63 K36R Hotz


@step
def k36r(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    """HOTZ: a nearly unconditional defector with a move-dependent chance of C.

    It co-operates when R is below 0.1 (moves 1-99), 0.05 (100-199), 0.15
    (200-299) or 0 (from move 300), in single precision.
    """
    return _k36r(turn + 1, F32(uniform(rng)), memory)


@njit
def _k36r(m, r, memory):
    if m < 100:
        p = F32(0.1)
    elif m < 200:
        p = F32(0.05)
    elif m < 300:
        p = F32(0.15)
    else:
        p = F32(0.0)
    return 0 if r < p else 1


catalogue.register(__name__)
