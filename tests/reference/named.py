"""Naive twins of the named rules: tit-for-tat variants, grudgers, punishers, probers, hunters.

Written from the rules' descriptions (the docstrings in ipd/strategies/builtin/),
not from the compiled code: each twin looks at the whole history and works out
its move from scratch, replaying its own earlier decisions from move 1 when a
rule depends on them. Only what the history cannot show is kept between calls:
random outcomes already drawn, and moves as chosen before noise flipped them.
"""

from __future__ import annotations

from tests.reference.strategies import twin

C, D = 0, 1


def last(history, k):
    """The last k moves (fewer at the start); k = 0 gives none."""
    return history[max(0, len(history) - k) :] if k > 0 else []


def tit_for_tat(opp):
    return opp[-1] if opp else C


def periodic(moves, period):
    return all(moves[i] == moves[i % period] for i in range(len(moves)))


def smallest_period(moves, low, high):
    """The smallest period p with low <= p <= min(high, len // 2), or None."""
    for p in range(low, min(high, len(moves) // 2) + 1):
        if periodic(moves, p):
            return p
    return None


# --------------------------------------------------------------------------- recent-move tables


@twin("recent_moves_step")
def recent_moves(params, stream):
    k_own, k_opp, n_open = (int(x) for x in params[:3])
    opening = [int(x) for x in params[3 : 3 + n_open]]
    table = [int(x) for x in params[3 + n_open :]]

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < n_open:
            return opening[turn]
        mine = last([C] * k_own + own, k_own)
        theirs = last([C] * k_opp + opp, k_opp)
        index = int("".join(str(m) for m in mine + theirs) or "0", 2)
        return table[index]

    return move


# --------------------------------------------------------------------------- tit-for-tat variants


@twin("adaptive_tft")
def adaptive_tft(params, stream):
    (rate,) = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        world = 0.5
        for m in opp:
            if m == C:
                world += rate * (1.0 - world)
            else:
                world -= rate * world
        return C if world >= 0.5 else D

    return move


@twin("contrite_tft")
def contrite_tft(params, stream):
    chosen = []  # its moves before noise

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        contrite = False
        decision = C
        for u in range(1, turn + 1):
            if contrite and own[u - 1] == C:
                contrite = False
                decision = C
                continue
            noise_hit = chosen[u - 1] == C and own[u - 1] == D
            if noise_hit and opp[u - 1] == C:
                contrite = True
            decision = opp[u - 1]
        chosen.append(decision)
        return decision

    return move


@twin("dynamic_2tft")
def dynamic_2tft(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0 or D not in opp[-2:]:
            return C
        return C if stream.bernoulli(opp.count(C) / len(opp)) else D

    return move


@twin("tft_endgame")
def tft_endgame(params, stream):
    (grudge,) = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if length >= 0 and turn == length - 1:
            return D
        if turn == 0:
            return C
        if grudge > 0 and opp.count(D) >= grudge:
            return D
        return opp[-1]

    return move


@twin("michaelos")
def michaelos(params, stream):
    gave_up = []  # set once the coin said "defect for good"

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if length >= 0 and turn == length - 1:
            return D
        if turn == 0:
            return C
        if gave_up:
            return D
        if (own[-1], opp[-1]) == (D, C):
            if stream.bernoulli(0.5):
                return C
            gave_up.append(turn)
            return D
        return opp[-1]

    return move


@twin("omega_tft")
def omega_tft(params, stream):
    deadlock_threshold, randomness_threshold = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < 2:
            return tit_for_tat(opp)
        randomness = deadlock = 0
        decision = C
        for u in range(2, turn + 1):
            if deadlock >= deadlock_threshold:
                deadlock = deadlock_threshold + 1 if deadlock == deadlock_threshold else 0
                decision = C
                continue
            changed = opp[u - 2] != opp[u - 1]
            if (opp[u - 2], opp[u - 1]) == (C, C):
                randomness -= 1
            if changed:
                randomness += 1
            if own[u - 1] != opp[u - 1]:
                randomness += 1
            if randomness >= randomness_threshold:
                decision = D
                continue
            decision = opp[u - 1]
            deadlock = deadlock + 1 if changed else 0
        return decision

    return move


@twin("original_gradual")
def original_gradual(params, stream):
    # Replay: idle, punishing (k D's planned) or calming; the k-th punishment is k D's
    # and then two C's.
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        plan = []
        punishments = 0
        decision = C
        for u in range(turn + 1):
            if plan:
                decision = plan.pop(0)
            elif u >= 1 and opp[u - 1] == D:
                punishments += 1
                plan = [D] * punishments + [C, C]
                decision = plan.pop(0)
            else:
                decision = C
        return decision

    return move


@twin("random_tft")
def random_tft(params, stream):
    (p,) = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            return C
        if turn % 2 == 1:
            return opp[-1]
        return C if stream.bernoulli(p) else D

    return move


@twin("sneaky_tft")
def sneaky_tft(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < 2:
            return C
        if D not in opp:
            return D
        if opp[-1] == D and own[-2] == D:
            return C
        return opp[-1]

    return move


# --------------------------------------------------------------------------- grudgers


@twin("grudger_alternator")
def grudger_alternator(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if D in opp and own[-1] == C:
            return D
        return C

    return move


@twin("forgiver")
def forgiver(params, stream):
    threshold, copy_last = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if opp.count(D) > len(opp) * threshold:
            return opp[-1] if copy_last == 1 else D
        return C

    return move


@twin("forgetful_fool_me_once")
def forgetful_fool_me_once(params, stream):
    (forget,) = params
    draws = []

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        draws.append(stream.uniform())
        if turn == 0:
            return C
        # Defections counted since the latest move on which it forgot.
        forgot = [u for u in range(1, turn + 1) if draws[u] < forget]
        since = forgot[-1] if forgot else 0
        return D if opp[since:].count(D) > 1 else C

    return move


@twin("grumpy")
def grumpy(params, stream):
    start, grumpy_at, nice_at = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        is_grumpy = start == 1
        for u in range(turn + 1):
            grumpiness = opp[:u].count(D) - opp[:u].count(C)
            if not is_grumpy and grumpiness > grumpy_at:
                is_grumpy = True
            elif is_grumpy and grumpiness < nice_at:
                is_grumpy = False
        return D if is_grumpy else C

    return move


@twin("backstabber")
def backstabber(params, stream):
    (double_cross,) = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if length >= 0 and turn >= length - 2:
            return D
        if turn == 0:
            return C
        move_number = turn + 1
        if double_cross == 1 and 8 <= move_number <= 180 and D not in opp[:7]:
            return D if opp[-2:] == [D, D] else C
        return D if opp.count(D) >= 4 else C

    return move


# --------------------------------------------------------------------------- punishers


@twin("punisher")
def punisher(params, stream):
    (inverse,) = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        # Replay: a punishment planned as a number of D's still owed after the first.
        owed = None  # None: not punishing
        decision = C
        for u in range(turn + 1):
            if owed:
                owed -= 1
                decision = D
                continue
            owed = None
            if u >= 1 and opp[u - 1] == D:
                seen = opp[:u]
                if inverse == 1:
                    owed = max(20 * seen.count(C) // u, 1)
                else:
                    owed = 20 * seen.count(D) // u
                decision = D
            else:
                decision = C
        return decision

    return move


@twin("level_punisher")
def level_punisher(params, stream):
    (tricky,) = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            return C
        rate = opp.count(D) / turn
        if tricky != 1:
            return D if turn >= 10 and rate > 0.2 else C
        for horizon, level in ((10, 0.2), (50, 0.1), (100, 0.05)):
            if turn < horizon and rate > level:
                return D
        return C

    return move


@twin("retaliate")
def retaliate(params, stream):
    threshold, limit = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        spell = 0
        decision = C
        suckered = exploiting = 0  # rounds (C, D) and (D, C) before move u
        for u in range(turn + 1):
            if u >= 1:
                suckered += (own[u - 1], opp[u - 1]) == (C, D)
                exploiting += (own[u - 1], opp[u - 1]) == (D, C)
            exploited = suckered > exploiting * threshold
            if exploited and (limit == 0 or spell < limit):
                spell += 1
                decision = D
            else:
                spell = 0
                decision = C
        return decision

    return move


@twin("double_resurrection")
def double_resurrection(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn >= 5 and own[-5:] == [C] * 5:
            return D
        if turn >= 5 and own[-5:] == [D] * 5:
            return C
        return tit_for_tat(opp)

    return move


# --------------------------------------------------------------------------- probers

PROBER_4_OPENING = [C, C, D, C, D, D, D, C, C, D, C, D, C, C, D, C, D, D, C, D]


@twin("prober_4")
def prober_4(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        n = len(PROBER_4_OPENING)
        if turn < n:
            return PROBER_4_OPENING[turn]
        # Each D of the opponent in the opening answers our previous move: retaliation
        # if that was D, unprovoked otherwise (its first move has nothing to answer).
        just = unjust = 0
        for u in range(n):
            if opp[u] == D:
                if u >= 1 and own[u - 1] == D:
                    just += 1
                else:
                    unjust += 1
        if abs(just - unjust) <= 2:
            return D
        if turn < n + 5:
            return C
        return opp[-1]

    return move


@twin("remorseful_prober")
def remorseful_prober(params, stream):
    (p,) = params
    probes = []  # turns on which it defected at random

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            return C
        if opp[-1] == D:
            return C if turn - 1 in probes else D
        if stream.bernoulli(1 - p):
            return C
        probes.append(turn)
        return D

    return move


COOPERATIVE, ALLD, STFT, PAVLOVD, RANDOM = "co-operative", "all-D", "STFT", "Pavlov-D", "random"


@twin("apavlov_2006")
def apavlov_2006(params, stream):
    names = {(C,) * 6: COOPERATIVE, (D,) * 6: ALLD, (D, C) * 3: STFT, (D, D, C) * 2: PAVLOVD}

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < 6:
            return tit_for_tat(opp)
        kind = None
        for u in range(6, turn + 1, 6):
            kind = names.get(tuple(opp[u - 6 : u]), kind or RANDOM)
        if kind in (RANDOM, ALLD):
            return D
        if kind == STFT:
            return C if turn % 6 in (0, 1) else opp[-1]
        if kind == PAVLOVD:
            return D if turn % 6 == 0 else C
        return opp[-1]

    return move


@twin("apavlov_2011")
def apavlov_2011(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < 6:
            return tit_for_tat(opp)
        kind = None
        for u in range(6, turn + 1, 6):
            d = opp[u - 6 : u].count(D)
            if d == 0:
                kind = COOPERATIVE
            elif d >= 4:
                kind = ALLD
            elif d == 3:
                kind = STFT
            elif kind is None:
                kind = RANDOM
        if kind in (RANDOM, ALLD):
            return D
        if kind == STFT:
            return D if opp[-2:] == [D, D] else C
        return opp[-1]

    return move


# --------------------------------------------------------------------------- hunters


@twin("cycle_hunter")
def cycle_hunter(params, stream):
    (eventual,) = params
    found = []  # plain Cycle Hunter: set for good on the first cycle

    def plain(turn, opp):
        if found:
            return D
        p = smallest_period(opp, 3, 12)
        if p is not None and len(set(opp[:p])) > 1:
            found.append(turn)
            return D
        return C

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if eventual != 1:
            return plain(turn, opp)
        if turn < 10 or D not in opp:
            return C
        verdict = False
        for u in range(10, turn + 1, 10):
            if D in opp[:u]:  # a check happens only then
                verdict = smallest_period(opp[10:u], 3, 12) is not None
        return D if verdict else C

    return move


@twin("calculator")
def calculator(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            return C
        if turn < 20:
            if opp[-1] == D:
                return D
            return C if stream.bernoulli(0.9) else D
        if smallest_period(opp[:20], 1, 12) is not None:
            return D
        return opp[-1]

    return move


@twin("math_constant_hunter")
def math_constant_hunter(params, stream):
    def rate(own, opp, start, end):
        return 0.5 * (own[start:end].count(C) + opp[start:end].count(C)) / (end - start)

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        n = turn
        if n < 8 or C not in opp or D not in opp:
            return C
        first = rate(own, opp, 0, n // 2)
        middle = rate(own, opp, n // 4, 3 * n // 4)
        second = rate(own, opp, n // 2, n)
        if abs(first - middle) < 0.2 and abs(first - second) < 0.2:
            return D
        return C

    return move


@twin("random_hunter")
def random_hunter(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn <= 10:
            return C
        answered = list(zip(own[:-1], opp[1:], strict=True))
        frequencies = []
        if own.count(C) > 5:
            frequencies.append(answered.count((C, C)) / own.count(C))
        if own.count(D) > 5:
            frequencies.append(answered.count((D, D)) / own.count(D))
        if frequencies and all(abs(f - 0.5) < 0.25 for f in frequencies):
            return D
        return C

    return move
