"""Naive twins of the rules of Axelrod's first tournament (ipd/strategies/builtin/axelrod_first.py).

Written from the published descriptions and the interpretations stated in the
compiled rules' docstrings, not from the compiled code: each twin looks at the
whole history it is given and works out its move from scratch. Rules whose
decisions depend on their own earlier decisions (a fresh start, a retaliation
in progress) replay those decisions from move 1 every time. Only what cannot
be recomputed from the history, the random numbers already drawn, is kept
between calls.

Exact arithmetic (integers, :class:`fractions.Fraction`) is used wherever a
rule compares quantities that can tie.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import pairwise

from tests.reference.strategies import twin

C, D = 0, 1

NYDEGGER_DEFECT = {1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61}


def points(own, opp, payoffs):
    """Both totals so far, added move by move in order (as the engines do)."""
    R, S, T, P = payoffs
    table = {(C, C): (R, R), (C, D): (S, T), (D, C): (T, S), (D, D): (P, P)}
    mine = theirs = 0.0
    for a, b in zip(own, opp, strict=True):
        gain_a, gain_b = table[(a, b)]
        mine += gain_a
        theirs += gain_b
    return mine, theirs


@twin("tideman_chieruzzi")
def tideman_chieruzzi(params, stream):
    # Replays its decisions from move 1, keeping the totals, the other's
    # defections and his runs of defections (since the current start) as it
    # goes. The "game" restarts on the second co-operation of a fresh start;
    # each finished run k adds k - 1 owed defections, paid on moves after a
    # co-operation of his.
    R, S, T, P = 0, 1, 2, 3

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        gain = {
            (C, C): (payoffs[R], payoffs[R]),
            (C, D): (payoffs[S], payoffs[T]),
            (D, C): (payoffs[T], payoffs[S]),
            (D, D): (payoffs[P], payoffs[P]),
        }
        mine = theirs = 0.0
        his_defections = 0
        game_start = 0
        second_due = False
        owed = 0
        runs = 0
        decision = C
        for u in range(turn + 1):
            if u > 0:
                mine += gain[(own[u - 1], opp[u - 1])][0]
                theirs += gain[(own[u - 1], opp[u - 1])][1]
                his_defections += opp[u - 1] == D
            if length >= 0 and u >= length - 2:
                decision = D
                continue
            if u == 0:
                decision = C
                continue
            if second_due:
                second_due = False
                game_start = u
                owed = 0
                runs = 0
                decision = C
                continue
            last = opp[u - 1]
            before = opp[u - 2] if u - 2 >= game_start else C
            started = last == D and before == C
            finished = last == C and before == D
            runs += started
            if finished:
                owed += runs - 1
            if last == D:
                wanted = D
            elif owed > 0:
                owed -= 1
                wanted = D
            else:
                wanted = C
            decision = wanted
            if wanted == D:
                far_from_random = abs(his_defections - u / 2) >= 3.0 * math.sqrt(u) / 2
                if (
                    mine - theirs >= 10
                    and not started
                    and u - game_start >= 20
                    and (length < 0 or length - u >= 10)
                    and far_from_random
                ):
                    second_due = True
                    decision = C
        return decision

    return move


@twin("nydegger")
def nydegger(params, stream):
    code = {(C, C): 0, (C, D): 1, (D, C): 2, (D, D): 3}  # own move first; own D = 2

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            return C
        if turn == 2 and (own[0], opp[0], own[1], opp[1]) == (C, D, D, C):
            return D
        if turn < 3:
            return opp[-1]
        a = sum(w * code[(own[k], opp[k])] for w, k in zip((16, 4, 1), (-3, -2, -1), strict=True))
        return D if a in NYDEGGER_DEFECT else C

    return move


@twin("shubik")
def shubik(params, stream):
    # Replays: a retaliation of length k (k = 1, 2, ...) starts the move after an
    # outcome C (ours), D (his) that happens while not retaliating.
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        retaliations = 0
        busy_until = 0  # first turn after the current retaliation
        decision = C
        for u in range(turn + 1):
            if u == 0:
                decision = C
            elif u < busy_until:
                decision = D
            elif (own[u - 1], opp[u - 1]) == (C, D):
                retaliations += 1
                busy_until = u + retaliations
                decision = D
            else:
                decision = C
        return decision

    return move


def _chi_squared_transitions(moves):
    """(statistic, rows with data) for the other's transitions against a fair coin."""
    rows = {C: [0, 0], D: [0, 0]}  # previous move -> [count, next move was C]
    for before, after in pairwise(moves):
        rows[before][0] += 1
        rows[before][1] += after == C
    statistic = 0.0
    used = 0
    for count, to_c in rows.values():
        if count:
            expected = count / 2
            statistic += (to_c - expected) ** 2 / expected + (
                count - to_c - expected
            ) ** 2 / expected
            used += 1
    return statistic, used


@twin("stein_rapoport")
def stein_rapoport(params, stream):
    critical = {1: 3.841458820694124, 2: 5.991464547107979}

    def gives_up_at(check, own, opp):
        statistic, used = _chi_squared_transitions(opp[:check])
        if used and statistic < critical[used]:
            return True
        # Any three consecutive moves since the last check going CD, DC, CD or DC, CD, DC.
        outcomes = [(own[k], opp[k]) for k in range(max(0, check - 15), check)]
        triples = zip(outcomes, outcomes[1:], outcomes[2:], strict=False)
        return any(t in (((C, D), (D, C), (C, D)), ((D, C), (C, D), (D, C))) for t in triples)

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if length >= 0 and turn >= length - 2:
            return D
        if turn < 4:
            return C
        checks = [u for u in range(4, turn + 1) if (u + 1) % 15 == 0]
        if any(gives_up_at(check, own, opp) for check in checks):
            return D
        return opp[-1]

    return move


@twin("davis")
def davis(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < 10:
            return C
        return D if D in opp else C

    return move


@twin("graaskamp")
def graaskamp(params, stream):
    # The mode and the random countdown depend on draws already made, so they
    # are kept; everything else is read off the history.
    state = {"mode": None, "wait": None}

    def countdown():
        return 5 + math.floor(10 * stream.uniform())

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        tit_for_tat = opp[-1] if opp else C
        if turn == 0:
            return C
        if turn == 50:
            return D
        if turn < 56:
            return tit_for_tat
        if turn == 56:
            _, theirs = points(own, opp, payoffs)
            letters = "".join("CD"[own[k]] + "CD"[opp[k]] for k in range(51, 55))
            if theirs <= 135:
                state["mode"] = "defect"
                return D
            if letters[:6] in ("CDDCCD", "DDDDDD"):
                state["mode"] = "tft"
            elif letters == "CCCDDCCC":
                state["mode"] = "analogy"
            else:
                state["mode"] = "random"
                state["wait"] = countdown()
            return C
        mode = state["mode"]
        if mode == "defect":
            return D
        if mode == "analogy":
            if turn + 1 >= 118:
                state["mode"] = "tft"
            return C
        if mode == "random":
            if state["wait"] == 0:
                state["wait"] = countdown()
                return D
            state["wait"] -= 1
        return tit_for_tat

    return move


@twin("downing")
def downing(params, stream):
    # Expected long-run payoffs per move with the tournament's payoffs, which the
    # rule assumes whatever the game (its coefficients are fixed, as in K59R).
    R, S, T, P = (Fraction(x) for x in (3, 0, 5, 1))

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        # His move on move s + 1 answers ours on move s.
        after_c = [opp[s + 1] for s in range(turn - 1) if own[s] == C]
        after_d = [opp[s + 1] for s in range(turn - 1) if own[s] == D]
        g = Fraction(after_c.count(C), len(after_c)) if after_c else Fraction(1, 2)
        b = Fraction(after_d.count(C), len(after_d)) if after_d else Fraction(1, 2)
        always_c = R * g + S * (1 - g)
        always_d = T * b + P * (1 - b)
        alternate = (R * b + S * (1 - b) + T * g + P * (1 - g)) / 2
        if always_c >= always_d and always_c >= alternate:
            return C
        if alternate >= always_d:
            return D if turn == 0 else 1 - own[-1]
        return D

    return move


@twin("feld")
def feld(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            return C
        if opp[-1] == D:
            return D
        # 1 on move 1, falling linearly to exactly 1/2 on move 200 (turn 199).
        p = float(Fraction(398 - turn, 398)) if turn < 199 else 0.5
        return C if stream.bernoulli(p) else D

    return move


@twin("tullock")
def tullock(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < 11:
            return C
        cooperations = opp[-10:].count(C)
        p = max(0.0, (cooperations - 1) / 10)
        return C if stream.bernoulli(p) else D

    return move


@twin("anonymous")
def anonymous(params, stream):
    probabilities = []  # P for moves 1-10, 11-20, ...

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        block = turn // 10
        if block == 0:
            probabilities[:] = [0.3]
        elif len(probabilities) == block:
            probabilities.append(0.3 + 0.4 * stream.uniform())
        return C if stream.bernoulli(probabilities[block]) else D

    return move
