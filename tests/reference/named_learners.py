"""Naive twins of the named learners, sequence players, majority rules and other named rules.

Same conventions as :mod:`tests.reference.named`: whole histories, recomputed
every move; kept between calls only what the history cannot show (moves as
chosen before noise, the learned model of DBS, which is rebuilt one
observation per move exactly as its description adds them).
"""

from __future__ import annotations

import math

from tests.reference.named import last, tit_for_tat
from tests.reference.strategies import twin

C, D = 0, 1
OUTCOMES = [(C, C), (C, D), (D, C), (D, D)]


def payoff(payoffs, mine, theirs):
    R, S, T, P = payoffs
    return {(C, C): R, (C, D): S, (D, C): T, (D, D): P}[(mine, theirs)]


def total(payoffs, own, opp):
    score = 0.0
    for mine, theirs in zip(own, opp, strict=True):
        score += payoff(payoffs, mine, theirs)
    return score


# --------------------------------------------------------------------------- learners


@twin("q_learner")
def q_learner(params, stream):
    learning_rate, discount, exploration, window = params
    window = int(window)
    chosen = []

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        # Trailing run of the opponent's defections.
        run = 0
        while run < len(opp) and opp[-1 - run] == D:
            run += 1
        q = {C: 0.0, D: 0.0}
        if run >= window:
            # The state "window of all D's" was entered on turn `entered` and has
            # recurred on every turn since; replay its updates.
            entered = turn - (run - window)
            value = 0.0
            for u in range(entered + 1, turn + 1):
                a = chosen[u - 1]
                reward = payoff(payoffs, a, opp[u - 1])
                q[a] = (1.0 - learning_rate) * q[a] + learning_rate * (reward + discount * value)
                value = max(q[C], q[D])
        if stream.uniform() < 1.0 - exploration:
            decision = C if q[C] >= q[D] else D
        else:
            decision = C if stream.bernoulli(0.5) else D
        chosen.append(decision)
        return decision

    return move


@twin("bush_mosteller")
def bush_mosteller(params, stream):
    c_start, d_start, divider, rate = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        propensity = {C: c_start, D: d_start}
        best = max(payoffs)
        aspiration = abs(best / divider)
        spread = abs(best - aspiration)
        for mine, theirs in zip(own, opp, strict=True):
            gap = payoff(payoffs, mine, theirs) - aspiration
            stimulus = max(gap / spread, -1) if spread > 0 else 0.0
            x = propensity[mine]
            if stimulus >= 0:
                propensity[mine] = x + rate * stimulus * (1 - x)
            else:
                propensity[mine] = x + rate * stimulus * x
        both = propensity[C] + propensity[D]
        p = propensity[C] / both if both > 0 else 0.5
        return C if stream.bernoulli(p) else D

    return move


@twin("adaptor")
def adaptor(params, stream):
    delta = dict(zip(OUTCOMES, params[:4], strict=True))
    perr = params[4]

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        s = 0.0
        for outcome in zip(own, opp, strict=True):
            s += delta[outcome]
        p = perr + (1.0 - 2 * perr) * (1.0 if -1 <= s < 1 else 0.0)
        return C if stream.bernoulli(p) else D

    return move


@twin("adaptive")
def adaptive(params, stream):
    opening = [C] * 6 + [D] * 5

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < len(opening):
            return opening[turn]
        earned = {C: 0.0, D: 0.0}
        for mine, theirs in zip(own, opp, strict=True):
            earned[mine] += payoff(payoffs, mine, theirs)
        return C if earned[C] > earned[D] else D

    return move


@twin("momentum")
def momentum(params, stream):
    alpha, threshold = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            return C
        level = 1.0
        for theirs in opp:
            level = alpha * level + (1 - alpha) * (1.0 if theirs == C else 0.0)
        return C if level >= threshold else D

    return move


@twin("dbs")
def dbs(params, stream):
    alpha, promotion, violation, reject, depth = params
    depth = int(depth)
    model = {
        "certain": {},  # outcome -> answer (1 = C, 0 = D): deterministic rules learned
        "default": {(C, C): 1, (C, D): 1, (D, C): 0, (D, D): 0},  # tit for tat's answers
        "violations": {},
        "v": 0,
        "answers": {o: [] for o in OUTCOMES},  # answers seen after each outcome, in order
        "log": [],  # (outcome, answer) observed on each move from the third
    }

    def frequency(outcome, turn):
        # Discounted frequency of C answers, newest observation first, the prior last.
        g = f = 0.0
        weight = 1.0
        for seen, answer in reversed(model["log"]):
            if seen == outcome:
                f += weight
                g += weight * answer
            weight = alpha * weight
        prior = model["default_start"][outcome]
        g += weight * prior
        f += weight
        return g / f if f > 0 else prior

    model["default_start"] = dict(model["default"])

    def observe(outcome, answer):
        certain, default = model["certain"], model["default"]
        model["log"].append((outcome, answer))
        seen = model["answers"][outcome]
        seen.append(answer)
        if outcome not in certain:
            run = 0
            while run < len(seen) and seen[-1 - run] == answer:
                run += 1
            if run >= promotion:
                certain[outcome] = answer
                model["violations"][outcome] = 0
        if outcome in certain:
            if certain[outcome] == answer:
                model["violations"][outcome] = 0
            else:
                model["violations"][outcome] += 1
                if model["violations"][outcome] >= violation:
                    default.update(certain)
                    certain.clear()
                    model["violations"].clear()
                    model["v"] = 0
        confirms_certain = certain.get(outcome) == answer
        violates_default = default.get(outcome) == 1 - answer
        if violates_default:
            model["v"] += 1
        if model["v"] > reject or (confirms_certain and violates_default):
            default.clear()
            model["v"] = 0

    def search(policy, payoffs, root):
        # The tree search of the description; a node's value depends only on its outcome
        # and depth, so values are remembered rather than recomputed (the tree has 4^depth
        # leaves).
        seen = {}

        def worth(outcome):
            return payoff(payoffs, *outcome)

        def chance(mine, p, level):
            return p * node((mine, C), level + 1) + (1 - p) * node((mine, D), level + 1)

        def node(outcome, level):
            if (outcome, level) not in seen:
                if level == depth:
                    seen[outcome, level] = worth(outcome)
                else:
                    p = policy[outcome]
                    best = max(chance(C, p, level), chance(D, p, level))
                    seen[outcome, level] = best + worth(outcome)
            return seen[outcome, level]

        p = policy[root]
        return chance(C, p, 0) + worth(root), chance(D, p, 0) + worth(root)

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            return C
        if turn >= 2:
            observe((own[-2], opp[-2]), 1 if opp[-1] == C else 0)
            policy = {}
            for outcome in OUTCOMES:
                if outcome in model["default"]:
                    policy[outcome] = model["default"][outcome]
                elif outcome in model["certain"]:
                    policy[outcome] = model["certain"][outcome]
                else:
                    policy[outcome] = frequency(outcome, turn)
        else:
            policy = dict(model["default"])
        value_c, value_d = search(policy, payoffs, (own[-1], opp[-1]))
        return C if value_c >= value_d else D

    return move


@twin("frequency_analyzer")
def frequency_analyzer(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn <= 5:
            return tit_for_tat(opp)
        table = {}
        for u in range(6, turn + 1):
            key = (opp[u - 3], own[u - 3], opp[u - 2], own[u - 2])
            table.setdefault(key, []).append(opp[u - 1])
        current = (opp[-2], own[-2], opp[-1], own[-1])
        if turn < 30 or current not in table:
            return opp[-1]
        return C if table[current].count(C) / turn > 0.25 else D

    return move


# --------------------------------------------------------------------------- sequences and ratios


@twin("thue_morse")
def thue_morse(params, stream):
    (inverse,) = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        term = bin(turn).count("1") % 2
        if inverse == 1:
            return C if term == 0 else D
        return C if term == 1 else D

    return move


@twin("anti_cycler")
def anti_cycler(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        sequence = [C, D, D]
        k = 1
        while len(sequence) <= turn:
            sequence += [C] * k + [D]
            k += 1
        return sequence[turn]

    return move


@twin("cooperation_ratio")
def cooperation_ratio(params, stream):
    (ratio,) = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            return C
        if D not in opp:
            return D
        cooperations = own.count(C) + opp.count(C)
        defections = own.count(D) + opp.count(D)
        return D if cooperations / defections > ratio else C

    return move


@twin("go_by_majority")
def go_by_majority(params, stream):
    window, soft = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        seen = last(opp, int(window)) if window > 0 else opp
        if seen.count(D) > seen.count(C):
            return D
        if seen.count(D) == seen.count(C):
            return C if soft == 1 else D
        return C

    return move


# --------------------------------------------------------------------------- other rules


@twin("average_copier")
def average_copier(params, stream):
    (first,) = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        p = first if turn == 0 else opp.count(C) / len(opp)
        return C if stream.bernoulli(p) else D

    return move


@twin("worse_and_worse")
def worse_and_worse(params, stream):
    horizon, use_length, better = params

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if use_length == 1:
            if length < 0:
                return C
            horizon_ = float(length)
        else:
            horizon_ = horizon
        share = (turn + 1.0) / horizon_
        p = share if better == 1 else 1 - share
        return C if stream.bernoulli(p) else D

    return move


@twin("worse_and_worse_2")
def worse_and_worse_2(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < 20:
            return tit_for_tat(opp)
        return C if stream.bernoulli(20.0 / (turn + 1)) else D

    return move


@twin("inverse")
def inverse(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if D not in opp:
            return C
        ago = opp[::-1].index(D) + 1
        return C if stream.bernoulli(1.0 - 1.0 / ago) else D

    return move


@twin("doubler")
def doubler(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if opp and opp[-1] == D and opp.count(C) <= 2 * opp.count(D):
            return D
        return C

    return move


@twin("very_bad")
def very_bad(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < 3:
            return C
        share = opp.count(C) / turn
        if share > 0.5:
            return C
        if share < 0.5:
            return D
        return opp[-1]

    return move


@twin("short_mem")
def short_mem(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn <= 10:
            return C
        recent = opp[-10:]
        if recent.count(C) - recent.count(D) >= 3:
            return C
        if recent.count(D) - recent.count(C) >= 3:
            return D
        return opp[-1]

    return move


@twin("stalker")
def stalker(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if length >= 0 and turn == length - 1:
            return D
        if turn == 0:
            return C
        R, P = payoffs[0], payoffs[3]
        wish = (R + P) / 2
        average = total(payoffs, own, opp) / turn
        if average > R:
            return D
        if wish < average <= R:
            return C
        if P < average < wish:
            return D
        return C if stream.bernoulli(0.5) else D

    return move


@twin("self_steem")
def self_steem(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        wave = math.sin(2 * math.pi * (turn % 10) / 10)
        if wave > 0.95:
            return D
        if 0.3 < abs(wave) < 0.95:
            return opp[-1]
        if abs(wave) < 0.3:
            return C if stream.bernoulli(0.5) else D
        return C

    return move


@twin("memory_decay")
def memory_decay(params, stream):
    p_delete, p_alter, loss, gain, duration = params
    remembered = []  # the opponent's moves as it remembers them

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if opp:
            remembered.append(opp[-1])
        if turn < duration:
            return tit_for_tat(opp)
        if stream.uniform() <= p_alter and remembered:
            # A uniformly chosen entry is a C with probability (C's) / (entries).
            target = C if stream.uniform() < remembered.count(C) / len(remembered) else D
            remembered[remembered.index(target)] = 1 - target
        if stream.uniform() <= p_delete and remembered:
            target = C if stream.uniform() < remembered.count(C) / len(remembered) else D
            remembered.remove(target)
        score = gain * remembered.count(C) + loss * remembered.count(D)
        return D if score < 0 else C

    return move


@twin("mem2")
def mem2(params, stream):
    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        # Replay the choices from the start: which rule plays now, and how often
        # always defect was chosen.
        mode, chosen_alld = "tft", 0
        for t in range(2, turn + 1, 2):
            if chosen_alld >= 2:
                break
            rounds = {(own[t - 2], opp[t - 2]), (own[t - 1], opp[t - 1])}
            if rounds == {(C, C)}:
                mode = "tft"
            elif rounds == {(C, D), (D, C)}:
                mode = "tf2t"
            else:
                mode = "alld"
                chosen_alld += 1
        if mode == "tft":
            return tit_for_tat(opp)
        if mode == "tf2t":
            return D if opp[-2:] == [D, D] else C
        return D

    return move
