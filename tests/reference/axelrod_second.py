"""Naive twins of the rules of Axelrod's second tournament (ipd/strategies/builtin/axelrod_second).

Written from the Fortran functions of Axelrod-Python/TourExec as we read them,
not from the compiled steps: each twin is a small class holding the Fortran's
variables under their Fortran names, with one method ``call(j, m, k, el, r,
ja)`` mirroring the function KnnR(J, M, K, L, R, JA). Every move the twin
replays the whole game from move 1 through a fresh instance, feeding it the
history it was given (the other's moves, its own moves, both running totals
recomputed from the payoffs and truncated to integers); so nothing is kept
between calls except the random numbers already drawn (one per move, for the
rules that read R). REAL variables are numpy float32 scalars; every constant
they meet is made float32 first, so the arithmetic is single precision as in
the Fortran.
"""

from __future__ import annotations

import math

import numpy as np

from tests.reference.strategies import twin

f32 = np.float32


def trunc_div(a, b):
    """Fortran integer division: truncate toward zero."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def replayed(step_name, stochastic=False):
    """Register a twin that replays a Fortran-like class from move 1 on every call."""

    def register(cls):
        def make(params, stream):
            drawn = []

            def move(turn, own, opp, length, payoffs, own_score, opp_score):
                if turn == 0:
                    drawn.clear()
                if stochastic:
                    drawn.append(f32(stream.uniform()))
                rule = cls(params)
                R, S, T, P = payoffs
                gains = {(0, 0): (R, R), (0, 1): (S, T), (1, 0): (T, S), (1, 1): (P, P)}
                mine = theirs = 0.0
                choice = 0
                for u in range(turn + 1):
                    if u > 0:
                        a, b = gains[(own[u - 1], opp[u - 1])]
                        mine += a
                        theirs += b
                    j = opp[u - 1] if u > 0 else 0
                    ja = own[u - 1] if u > 0 else 0
                    r = drawn[u] if stochastic else None
                    choice = rule.call(j, u + 1, int(mine), int(theirs), r, ja)
                return int(choice)

            return move

        twin(step_name)(make)
        return cls

    return register


# --------------------------------------------------------------------------- ranks 1-16


@replayed("k61r", stochastic=True)
class Champion:
    def __init__(self, params):
        self.fixed = params[0] != 0
        self.icoop = 0

    def call(self, j, m, k, el, r, ja):
        if j == 0:
            self.icoop += 1
        if m == 1:
            return 0
        if m <= 10:
            return ja
        if m <= 25:
            return j
        if not self.fixed:
            return 0  # the carried count keeps the rate above 0.6
        rate = f32(self.icoop) / f32(m)
        return 1 if (j == 1 and rate < f32(0.6) and r > rate) else 0


@replayed("k42r")
class Borufsen:
    def __init__(self, params):
        self.mutual = 0
        self.echoes = 0
        self.defect_mode = False
        self.spare_next_defection = False
        self.mine = [0]  # its own choices, C assumed before move 1
        self.his = [0]  # J as seen on each move
        self.replies = {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 0}

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            self.mine.append(0)
            self.his.append(0)
            return 0
        last_mine = self.mine[-1]
        two_back_mine = self.mine[-2]
        two_back_his = self.his[-1]
        if m > 2:
            self.replies[(two_back_mine, j)] += 1
        if self.defect_mode:
            choice = 1
        elif last_mine == 1 and j == 1:
            self.mutual += 1
            if self.mutual >= 3:
                choice = 0
                self.mutual = 0
                self.echoes = 0
            else:
                choice = j
        else:
            self.mutual = 0
            echo = last_mine != j and j == two_back_mine and last_mine == two_back_his
            if echo:
                self.echoes += 1
                if self.echoes >= 3:
                    self.echoes = 0
                    self.mutual = 0
                    self.spare_next_defection = True
            else:
                self.echoes = 0
            choice = j
        if m > 2 and (m - 2) % 25 == 0:
            coops = self.replies[(0, 0)] + self.replies[(1, 0)]
            random_like = 8 <= coops <= 17 and 100 * self.replies[(0, 0)] // coops < 70
            self.defect_mode = coops < 3 or random_like
            self.replies = dict.fromkeys(self.replies, 0)
            if self.defect_mode:
                self.spare_next_defection = False
                self.mutual = 0
                self.echoes = 0
                choice = 1
        if self.spare_next_defection and choice == 1:
            self.spare_next_defection = False
            choice = 0
        self.mine.append(choice)
        self.his.append(j)
        return choice


@replayed("k49r", stochastic=True)
class Cave:
    def __init__(self, params):
        self.defections = 0

    def call(self, j, m, k, el, r, ja):
        self.defections += j
        pct = 100 * self.defections // m
        if j == 0:
            choice = 0
        elif self.defections <= 17:
            choice = int(r + f32(0.5))
        else:
            choice = 1
        if m > 19 and pct > 79:
            choice = 1
        if m > 29 and pct > 65:
            choice = 1
        if m > 39 and pct > 39:
            choice = 1
        return choice


@replayed("k44r", stochastic=True)
class WmAdams:
    def __init__(self, params):
        self.count = 0
        self.allowed = f32(4.0)

    def call(self, j, m, k, el, r, ja):
        if m < 3:
            return 0
        self.count += j
        if f32(self.count) < self.allowed:
            return 0
        if f32(self.count) == self.allowed:
            return 1
        self.allowed = self.allowed / f32(2.0)
        self.count = 0
        return 0 if r < self.allowed else 1


GRAASKAMP_KATZEN_SCHEDULE = {11: 23, 21: 53, 31: 83, 41: 113, 51: 143, 101: 293}


@replayed("k60r")
class GraaskampKatzen:
    def __init__(self, params):
        self.gave_up = False

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        if self.gave_up:
            return 1
        if m in GRAASKAMP_KATZEN_SCHEDULE and k < GRAASKAMP_KATZEN_SCHEDULE[m]:
            self.gave_up = True
            return 1
        return j


@replayed("k41r")
class Weiner:
    def __init__(self, params):
        self.case = 1
        self.no_forgiving_before = 0
        self.window = [0] * 12

    def call(self, j, m, k, el, r, ja):
        choice = j
        if self.case == 1:
            self.case = j + 1
        elif self.case == 2:
            self.case = 1 if j == 1 else 3
        else:
            if self.no_forgiving_before < m:
                choice = 0
            self.no_forgiving_before += 20 * j
            self.case = 1
        if sum(self.window) >= 5:
            choice = 1
        self.window = [*self.window[1:], j]
        return choice


@replayed("k75r", stochastic=True)
class Harrington:
    def __init__(self, params):
        self.hist = {(a, b): f32(0.0) for a in range(1, 5) for b in range(2)}
        self.burned = False
        self.alt_runs = {1: 0, 2: 0}
        self.run = 0
        self.twin = 0
        self.pardons = 0
        self.owe_coop = 0
        self.since_try = 0
        self.random_score = 0
        self.rand = 0
        self.party = 1
        self.last_outcome = 0
        self.my_last = 0
        self.pardon_length = 5
        self.his_defections = 0
        self.prob = f32(0.2)

    def random_looking(self, m):
        n = f32(m - 2)
        if self.hist[(1, 0)] / n >= f32(0.8):
            return False
        if self.his_defections * 4 < m - 2 or self.his_defections * 4 > 3 * m - 6:
            return False
        rows = {a: self.hist[(a, 0)] + self.hist[(a, 1)] for a in range(1, 5)}
        cols = {}
        for b in range(2):
            s = f32(0.0)
            for a in range(1, 5):
                s = s + self.hist[(a, b)]
            cols[b] = s
        chi = f32(0.0)
        for a in range(1, 5):
            for b in range(2):
                expected = rows[a] * cols[b] / n
                if expected > f32(1.0):
                    chi = chi + (self.hist[(a, b)] - expected) ** 2 / expected
        return not chi > f32(3.0)

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        if m > 2:
            if self.rand == 1:
                self.random_score += 4 * j - 3
                if self.random_score >= 11:
                    self.rand = 2
                    self.owe_coop = 2
                    return 0
                return 1
            self.his_defections += j
            self.hist[(self.last_outcome, j)] += f32(1.0)
            if m != 15 and m % 15 == 0 and self.rand != 2 and self.random_looking(m):
                self.rand = 1
                return 1
        if self.since_try == 1 and j == 1:
            self.burned = True
        if m <= 37 and j == 0:
            self.twin += 1
        if m == 38 and j == 1:
            self.twin += 1
        if m >= 39 and self.twin == 37 and j == 1:
            self.twin = 0
        outcome = "C"
        if self.twin != 37:
            self.run = self.run * j + j
            if self.run >= 20:
                outcome = "punish"
            else:
                self.party = 3 - self.party
                self.alt_runs[self.party] = self.alt_runs[self.party] * j + j
                if self.alt_runs[self.party] >= self.pardon_length:
                    self.alt_runs[self.party] = 0
                    self.pardons += 1
                    if self.pardons == 8:
                        self.pardon_length = 3
                elif self.owe_coop >= 1:
                    pass
                elif m < 37 or self.burned:
                    outcome = "C" if j == 0 else "punish"
                elif m == 37 or r <= self.prob:
                    self.since_try = 2
                    self.owe_coop = 2
                    self.prob = self.prob + f32(0.05)
                    outcome = "probe"
                else:
                    outcome = "C" if j == 0 else "punish"
        if outcome == "C":
            choice = 0
            self.since_try -= 1
            self.owe_coop -= 1
        else:
            if outcome == "punish":
                self.alt_runs[self.party] += 1
            choice = 1
        self.last_outcome = 2 * self.my_last + j + 1
        self.my_last = choice
        return choice


@replayed("k84r")
class TidemanChieruzzi2:
    def __init__(self, params):
        self.signal = 0
        self.diff_at_start = f32(0.0)
        self.previous = 0
        self.his_defections = f32(0.0)
        self.runs = 0
        self.fm = f32(0.0)

    def call(self, j, m, k, el, r, ja):
        if m > 1:
            if j == 1:
                self.his_defections = self.his_defections + f32(1.0)
            if self.signal == 1:
                self.signal = m
                self.previous = 0
                self.runs = 0
                self.diff_at_start = f32(k - el)
                return 0
            self.fm = f32(m)
            if self.previous == 0 and j == 1:
                self.runs += 1
        owed = 5 * self.runs * (self.runs - 1) // 2
        if f32(k - el) - self.diff_at_start - f32(owed) >= f32(0.0):
            self.previous = j
            return 0
        n1 = self.fm - f32(1.0)
        just_started = self.previous - j < 0
        too_soon = m - self.signal < 10
        near_half = abs(self.his_defections - n1 / f32(2.0)) < f32(1.5) * np.sqrt(n1)
        if just_started or too_soon or near_half:
            self.previous = j
            return 1
        self.signal = 1
        self.previous = j
        return 0


@replayed("k32r", stochastic=True)
class Kluepfel:
    def __init__(self, params):
        self.c = [f32(0.0)] * 4  # his C after my D, his D after my D, his C after my C, his D
        self.his = [0, 0]  # his moves two and one back
        self.mine = [0, 0]  # my choices two and one back

    def call(self, j, m, k, el, r, ja):
        choice = None
        if m >= 3:
            index = (0 if self.mine[0] == 1 else 2) + j
            self.c[index] = self.c[index] + f32(1.0)
            if m >= 27:
                c1, c2, c3, c4 = self.c
                ok1 = not c1 < ((c1 + c2) - f32(1.5) * np.sqrt(c1 + c2)) / f32(2.0)
                ok4 = not c4 < ((c3 + c4) - f32(1.5) * np.sqrt(c3 + c4)) / f32(2.0)
                if ok1 and ok4:
                    choice = 1
        if choice is None:
            two, one = self.his
            if one == j and two == one:
                choice = j
            else:
                if one != j:
                    p = f32(0.6) if j == 1 else f32(0.7)
                else:
                    p = f32(0.9)
                choice = j if r < p else 1 - j
        self.his = [self.his[1], j]
        self.mine = [self.mine[1], choice]
        return choice


@replayed("k35r", stochastic=True)
class Getzler:
    def __init__(self, params):
        self.flack = f32(0.0)

    def call(self, j, m, k, el, r, ja):
        self.flack = (self.flack + f32(j)) * f32(0.5)
        return 1 if self.flack > r else 0


@replayed("k68r", stochastic=True)
class Leyvraz:
    def __init__(self, params):
        self.j1 = 0
        self.j2 = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        pattern = (self.j2, self.j1, j)
        self.j2, self.j1 = self.j1, j
        if pattern[1] == 1 and pattern[2] == 1:
            return 1 if r < f32(0.75) else 0
        if pattern == (0, 1, 0):
            return 1
        if pattern == (0, 0, 1):
            return 1 if r < f32(0.5) else 0
        return 0


@replayed("k72r")
class White:
    def __init__(self, params):
        self.count = 0

    def call(self, j, m, k, el, r, ja):
        self.count += j
        n = int(math.log(m)) if (j == 1 and m > 10) else 1
        return 1 if (n * self.count) // m >= 1 else 0


@replayed("k46r", stochastic=True)
class Eatherley:
    def __init__(self, params):
        self.defections = 0

    def call(self, j, m, k, el, r, ja):
        self.defections += j
        if j == 0:
            return 0
        return 1 if r < f32(self.defections) / f32(m - 1) else 0


@replayed("k83r", stochastic=True)
class Black:
    def __init__(self, params):
        self.seen = []

    def call(self, j, m, k, el, r, ja):
        self.seen.append(j)
        if m <= 5:
            return 0
        d = sum(self.seen[-5:])
        return 1 if r * f32(25.0) < f32(d * d - 1) else 0


@replayed("k47r")
class RichardHufford:
    def __init__(self, params):
        self.num, self.den, self.rip = 2, 2, 20
        self.long, self.short = 1, 5
        self.recent = [1, 1, 1, 1]
        self.n = 1
        self.my_last = 0
        self.my_move = 0

    def call(self, j, m, k, el, r, ja):
        if m <= self.rip and j == 1:
            self.rip = m + (20 * self.num) // self.den + 1
        self.n = self.n % 4 + 1
        self.short -= self.recent[self.n - 1]
        agree = j == self.my_last
        if agree:
            self.long += 1
            self.short += 1
        self.recent[self.n - 1] = 1 if agree else 0
        self.my_last = self.my_move
        choice = j
        if f32(self.long) < f32(0.625) * f32(m) or self.short < 3:
            choice = 1
        if f32(self.long) > f32(0.9) * f32(m) and self.short == 5:
            choice = 0
        if m == self.rip:
            choice = 1
        if m >= self.rip + 2:
            choice = 0
            self.num += j
            self.den += 1 - j
            self.rip = m + (20 * self.num) // self.den + 1
        self.my_move = choice
        return choice


# --------------------------------------------------------------------------- ranks 17-32


@replayed("k64r")
class Yamachi:
    def __init__(self, params):
        self.table = {(x, y): 0 for x in (0, 1) for y in (0, 1)}
        self.context = (0, 0)
        self.c = 0
        self.d = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        choice = 0 if self.table[self.context] >= 0 else 1
        self.table[self.context] += 1 if j == 0 else -1
        self.context = (j, choice)
        self.c += j == 0
        self.d += j == 1
        if m > 40 and 10 * abs(self.c - self.d) < m:
            choice = 1
        return choice


@replayed("k78r", stochastic=True)
class Mauk:
    def __init__(self, params):
        self.outcomes = {}
        self.previous_code = 0
        self.verdict = 0
        self.countdown = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        if m <= 50:
            return j
        if m == 51:
            return 1
        if m <= 56:
            if m >= 53:
                self.outcomes[m - 52] = self.previous_code + j
            self.previous_code = 2 if j == 0 else 4
            return j
        if m == 57:
            o = self.outcomes
            if el <= 135:
                self.verdict = 3
                return 1
            if (o[1], o[2], o[3], o[4]) == (2, 3, 4, 2):
                self.verdict = 4
            elif (o[1], o[2], o[3]) in ((3, 4, 3), (5, 5, 5)):
                self.verdict = 2
            else:
                self.verdict = 1
                self.countdown = int(r * f32(10.0) + f32(5.0))
            return 0
        if self.verdict == 1:
            if self.countdown <= 0:
                self.countdown = int(r * f32(10.0) + f32(5.0))
                return 1
            self.countdown -= 1
            return j
        if self.verdict == 2:
            return j
        if self.verdict == 3:
            return 1
        if m >= 118:
            self.verdict = 2
        return 0


@replayed("k66r")
class Mikkelson:
    def __init__(self, params):
        self.d = f32(0.0)
        self.score = -3

    def call(self, j, m, k, el, r, ja):
        self.d = self.d + f32(j)
        self.score = min(10, max(-5, self.score - 1 + 3 * j))
        if m < 3 or self.score < 3:
            return 0
        if m <= 10:
            self.score = -1
            return 1
        return 0 if self.d / f32(m) < f32(0.15) else 1


@replayed("k58r")
class Rowsam:
    def __init__(self, params):
        self.anger = 0
        self.phase = 0

    def call(self, j, m, k, el, r, ja):
        if self.anger > 6:
            return 1
        if self.phase >= 1:
            self.phase -= 1
            return 1 if self.phase == 0 else 0
        if m % 18 == 0 and self.anger > 2:
            self.anger -= 1
        if m % 6 != 0:
            return 0
        for limit, add in ((10 * m, 5), (15 * m, 3), (20 * m, 2), (25 * m, 1)):
            if 10 * k < limit:
                self.anger += add
                self.phase = 2
                return 1
        return 0


@replayed("k88r", stochastic=True)
class Appold:
    def __init__(self, params):
        self.after_c = [0, 0]  # his moves counted, his defections
        self.after_d = [1, 0]
        self.rate_c = f32(0.0)
        self.rate_d = f32(0.0)
        self.forgave = False
        self.mine = [0, 0]  # my choices two and one back

    def call(self, j, m, k, el, r, ja):
        two_back = self.mine[0]
        if m >= 2:
            if two_back == 0:
                self.after_c[0] += 1
                self.after_c[1] += j
                self.rate_c = f32(self.after_c[1]) / f32(self.after_c[0])
            else:
                self.after_d[0] += 1
                self.after_d[1] += j
                self.rate_d = f32(self.after_d[1]) / f32(self.after_d[0])
        choice = 0
        if m > 4:
            if j == 1 and not self.forgave:
                self.forgave = True
            elif r < (self.rate_c if two_back == 0 else self.rate_d):
                choice = 1
        self.mine = [self.mine[1], choice]
        return choice


@replayed("k31r")
class Grisell:
    def __init__(self, params):
        self.s = f32(0.0)

    def call(self, j, m, k, el, r, ja):
        self.s = self.s + f32(j)
        return 0 if self.s / f32(m) < f32(0.5) else 1


@replayed("k39r")
class Almy:
    def __init__(self, params):
        self.step, self.substep = 1, 1
        self.both = 0
        self.mine_d = 0
        self.his_d = 0
        self.evil = 0
        self.gap = 1
        self.exploited = 0
        self.ok = {1: 0, 2: 0, 3: 0}
        self.total_k = 0
        self.old_move = 0
        self.count = 0
        self.old_step = 0

    def best_defence(self):
        step = 1
        for i1 in (1, 2):
            for i2 in (2, 3):
                better = self.ok[i1] != 0 and self.ok[i2] != 0 and self.ok[i1] < self.ok[i2]
                if better and step == i1:
                    step = i2
        if step != 3 and self.ok[step + 1] == 0 and (self.his_d >= 4 or self.mine_d == 0):
            step += 1
        if step < self.old_step and self.both > 0:
            step = 5
        self.step = step

    def call(self, j, m, k, el, r, ja):
        self.both = self.both + 1 if ja + j == 2 else 0
        self.count -= 1
        before = self.old_move
        self.old_move = j
        if j == 1:
            self.his_d += 1
            if self.evil == 0:
                self.evil = 1
        while True:
            if self.step in (1, 2, 3):
                if self.substep == 1:
                    self.count, self.his_d, self.mine_d, self.substep = 10, 0, 0, 2
                    continue
                if self.substep == 2:
                    if self.step == 1:
                        choice = 1 if before + j == 2 else 0
                    elif self.step == 2:
                        choice = j
                    else:
                        choice = 1
                    self.mine_d += choice
                    if self.count == 0:
                        self.substep = 3
                    return choice
                self.old_step = self.step
                self.ok[self.step] = k - self.total_k
                self.total_k = k
                self.substep = 1
                if self.his_d == 0:
                    self.step = 1 if self.evil == 1 else 4
                    if self.evil == 0:
                        self.evil = -1
                    continue
                self.best_defence()
                continue
            if self.step == 4:
                if self.substep == 1 or (self.substep == 3 and self.his_d == 0):
                    if self.substep == 3:
                        self.exploited = 1
                    self.substep, self.count, self.his_d = 2, self.gap, 0
                    return 1
                if self.substep == 2:
                    if self.count == 0:
                        self.substep = 3
                    return 0
                if self.substep == 3:
                    if self.exploited:
                        self.gap += 1
                        self.substep, self.step = 1, 1
                        continue
                    self.substep = 4
                    self.gap += j
                    self.his_d = j
                    return 0
                if self.his_d <= 4:
                    return 0
                self.substep, self.step = 1, 1
                continue
            if self.substep != 2:
                self.count, self.substep = 5, 2
            if self.count != 0:
                return 0
            self.substep = 1
            self.best_defence()


@replayed("k79r")
class AmbuehlHickey:
    def __init__(self, params):
        self.seen = []

    def call(self, j, m, k, el, r, ja):
        window = self.seen[-5:]
        self.seen.append(j)
        if m == 1:
            return 0
        if m < 6:
            return j
        return 1 if sum(window) >= 3 else 0


@replayed("k67r", stochastic=True)
class Tranquilizer:
    def __init__(self, params):
        self.run = f32(0.0)
        self.ad = f32(5.0)
        self.no = f32(0.0)
        self.nk = f32(1.0)
        self.ak = f32(1.0)
        self.fd = f32(0.0)
        self.coops = f32(0.0)

    def call(self, j, m, k, el, r, ja):
        if self.fd == f32(2.0):
            self.fd = f32(0.0)
            self.no = (self.no * self.nk + f32(3.0) - f32(3 * j) + f32(2 * ja) - f32(ja * j)) / (
                self.nk + f32(1.0)
            )
            self.nk = self.nk + f32(1.0)
        if self.fd == f32(1.0):
            self.fd = f32(2.0)
            self.ad = (self.ad * self.ak + f32(3.0) - f32(3 * j) + f32(2 * ja) - f32(ja * j)) / (
                self.ak + f32(1.0)
            )
            self.ak = self.ak + f32(1.0)
        if j:
            self.run = self.run + f32(1.0)
        else:
            self.run = f32(0.0)
            self.coops = self.coops + f32(1.0)
        if abs(self.fd - f32(1.5)) == f32(0.5):
            return 0
        fm = f32(m)
        if f32(k) >= f32(2.25) * fm:
            p = (
                f32(0.95)
                - (self.ad + self.no - f32(5.0)) / f32(15.0)
                + f32(1.0) / f32(m**2)
                - f32(j) / f32(4.0)
            )
            if r <= p:
                return 0
            self.fd = f32(1.0)
            return 1
        if f32(k) < f32(1.75) * fm:
            return j
        p = (
            f32(0.25)
            + self.coops / fm
            - self.run * f32(0.25)
            + f32(k - el) / f32(100.0)
            + f32(4.0) / fm
        )
        return 0 if r <= p else 1


@replayed("k86r")
class Grofman2:
    def __init__(self, params):
        self.record = []

    def call(self, j, m, k, el, r, ja):
        self.record.append(j)  # IOPPNT(M) = J
        if m <= 2:
            return 0
        if m <= 7:
            return j
        window = sum(self.record[m - 8 : m - 1])  # IOPPNT(M - 7) .. IOPPNT(M - 1)
        return 1 if window > (2 if ja == 0 else 1) else 0


@replayed("k69r", stochastic=True)
class Joss2:
    def __init__(self, params):
        self.s = 1
        self.f = 0
        self.d = 0
        self.c = 0

    def bump(self, j):
        self.d = self.d + 1 if j == 1 else 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        if j != 1:
            self.c += 1
        if self.s == 1 and r < f32(0.1):
            self.s = 5
            return 1
        if self.s == 3:
            self.bump(j)
            if self.d > 20:
                self.s, self.d = 3, 0
                return 0
            return j
        if self.s == 4:
            if j == 1:
                self.f += 1
                if self.f > 3:
                    self.s, self.d = 3, 0
                    return 0
            self.s = 1
            return 0
        if self.s == 5:
            self.s = 4
        if self.s in (1, 4):
            self.bump(j)
            if self.d > 20:
                self.s, self.d = 3, 0
                return 0
            if not f32(self.c) < f32(0.7) * f32(m - 3):
                return j
        self.s = 2
        self.bump(j)
        if self.d > 10:
            self.s = 3
        return 1


@replayed("k91r")
class Pinkley:
    POLICIES = (
        (0, 0, 0, 0),
        (0, 1, 0, 0),
        (0, 1, 0, 1),
        (0, 1, 1, 0),
        (1, 0, 0, 0),
        (1, 0, 0, 1),
        (1, 0, 1, 0),
        (1, 1, 0, 0),
        (1, 1, 0, 1),
        (1, 1, 1, 0),
        (1, 1, 1, 1),
    )

    def __init__(self, params):
        self.x, self.px = f32(0.999), f32(0.001)
        self.y, self.py = f32(0.001), f32(0.999)
        self.z, self.pz = f32(0.999), f32(0.001)
        self.w, self.pw = f32(0.001), f32(0.999)
        self.qc = [f32(1.999), f32(1.999), f32(0.001), f32(0.001)]
        self.qn = [f32(2.0)] * 4
        self.my_last = 0
        self.outcome = 0

    def expectations(self):
        x, px, y, py, z, pz, w, pw = (
            self.x,
            self.px,
            self.y,
            self.py,
            self.z,
            self.pz,
            self.w,
            self.pw,
        )
        n1, n2, n3, n5, n8 = f32(1), f32(2), f32(3), f32(5), f32(8)
        pairs = [
            (n3 * z, z + px),
            (n3 * (y * z + w * pz) + n5 * z * px + px * pz, y * z + w * pz + px + z * px + px * pz),
            (n3 * w * y + n5 * w * px + px * pz, w * y + n2 * w * px + px * pz),
            (n3 * w * py + n5 * z * px + px * py, w * py + px * py + z * px + px * py),
            (n3 * z + n5 * x * z + z * px, n1 - x * y - w * px + n2 * z),
            (n8 * w * z + z * px, n2 * w * z + w * py + z * px),
            (n3 * z * py + n5 * x * z + z * py, n2 * z * py + pw * py + x * z),
            (
                n3 * (y * z + w * pz) + n5 * (z * pw + w * x) + n1 - x * y - z * py,
                y * z + w * pz + n2 - n2 * x * y - w * px + z * pw + w * x - z * py,
            ),
            (n3 * w * y + n5 * w + n1 - x * y - z * py, n2 * w + n1 - x * y - z * py),
            (n3 * w * py + n5 * (z * pw + w * x) + py, py + z * pw + w * x + py),
            (n5 * w + py, w + py),
        ]
        with np.errstate(divide="ignore", invalid="ignore"):
            return [np.float32(a) / np.float32(b) for a, b in pairs]

    def call(self, j, m, k, el, r, ja):
        if m > 2:
            n = self.outcome
            if j == 0:
                self.qc[n - 1] = self.qc[n - 1] + f32(1.0)
            self.qn[n - 1] = self.qn[n - 1] + f32(1.0)
            p = self.qc[n - 1] / self.qn[n - 1]
            if n == 1:
                self.x, self.px = p, f32(1.0) - p
            elif n == 2:
                self.z, self.pz = p, f32(1.0) - p
            elif n == 3:
                self.y, self.py = p, f32(1.0) - p
            else:
                self.w = p
        e = self.expectations()
        best = 0
        for i in range(1, 11):
            if not e[i] <= e[best]:
                best = i
        self.outcome = 2 * self.my_last + j + 1
        choice = self.POLICIES[best][self.outcome - 1]
        self.my_last = choice
        return choice


@replayed("k57r")
class Nydegger2:
    COOPERATE = frozenset((0, 27, 28, 32, 40, 41, 42, 43, 44, 46, 47, 48, 56, 57, 59, 60, 62, 63))

    def __init__(self, params):
        self.n = 0

    def call(self, j, m, k, el, r, ja):
        self.n = 4 * (self.n % 16) + 2 * ja + j
        if m <= 3:
            return 1 if (m == 3 and self.n == 6) else j
        return 0 if self.n in self.COOPERATE else 1


@replayed("k70r", stochastic=True)
class Pebly:
    def __init__(self, params):
        self.mine = 0

    def call(self, j, m, k, el, r, ja):
        if j != self.mine:
            self.mine = 1 if r > f32(0.2) else 0
        return self.mine


# --------------------------------------------------------------------------- ranks 33-48


@replayed("k85r")
class FalkLangsted:
    def __init__(self, params):
        self.i = [f32(0.0)] * 4  # his C after my D, his D after my D, his C after my C, his D
        self.flag = 0
        self.f1 = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        index = (0 if self.f1 != 0 else 2) + j
        self.i[index] = self.i[index] + f32(1.0)
        self.f1 = ja
        i1, i2, i3, i4 = self.i
        if m > 20:
            tiny = f32(1e-6)
            a = (i1 + tiny) / (i2 + tiny)
            b = (i3 + tiny) / (i4 + tiny)
            if f32(0.5) <= a <= f32(1.5) and f32(0.5) <= b <= f32(1.5):
                self.flag = 0
                return 1
        if i2 + i4 >= i1 + i2 + f32(3.0):
            self.flag = 0
            return 1
        if (ja, j) == (1, 0):
            self.flag = 0
            return 1
        if self.flag == 1:
            self.flag = 0
            return 0
        if (ja, j) == (0, 0):
            return 0
        if (ja, j) == (0, 1):
            self.flag = 0
            return 1
        self.flag = 1
        return 1


@replayed("k40r", stochastic=True)
class RobertAdams:
    def __init__(self, params):
        self.s = f32(3.0)
        self.w = f32(0.0)
        self.q = f32(0.8)

    def call(self, j, m, k, el, r, ja):
        self.s = self.s + f32(1.0)
        if j == 1:
            self.w = self.w + f32(1.0)
            self.q = self.q / f32(2.0)
        if m < 3:
            return 0

        def whole(x):
            return x == f32(int(x))  # W/3 .EQ. IFIX(W/3)

        third = whole(self.w / f32(3.0))
        third_less_one = whole((self.w - f32(1.0)) / f32(3.0))
        if j == 1:
            self.w = self.w + f32(1.0)
            third = whole(self.w / f32(3.0))
            third_less_one = whole((self.w - f32(1.0)) / f32(3.0))
            if (self.w > f32(2.0) and third) or third_less_one:
                self.s = f32(1.0)
                self.q = self.q / f32(2.0)
                return 1
            q = self.q
            self.q = self.q / f32(2.0)
            return 1 if r >= q else 0
        if self.s == f32(1.0) or self.s == f32(2.0):
            return 1
        if self.w > f32(2.0) and (third or third_less_one):
            self.s = f32(1.0)
            self.q = self.q / f32(2.0)
            return 1
        return 0


@replayed("k80r")
class DawesBatell:
    def __init__(self, params):
        self.defecting = False
        self.defections = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        if self.defecting:
            return 1
        if j == 1:
            self.defections += 1
            t1 = self.power(f32(1.6667), self.defections)
            t2 = self.power(f32(0.882), m - self.defections)
            if t1 * t2 >= f32(5.0):
                self.defecting = True
                return 1
        return 0

    @staticmethod
    def power(x, n):
        # libgcc's __powisf2: square-and-multiply on the bits of n, in single precision.
        result = x if n & 1 else f32(1.0)
        with np.errstate(over="ignore", under="ignore"):
            while n > 1:
                n >>= 1
                x = x * x
                if n & 1:
                    result = result * x
        return result


@replayed("k37r")
class Lefevre:
    def __init__(self, params):
        self.nd = 0

    def call(self, j, m, k, el, r, ja):
        self.nd += j
        return 1 if 5 * self.nd > m else 0


@replayed("revised_downing")
class RevisedDowning:
    def __init__(self, params):
        self.good, self.bad = f32(1.0), f32(0.0)
        self.nice1 = self.nice2 = self.totcop = self.totdef = 0
        self.past = 0

    def call(self, j, m, k, el, r, ja):
        if m >= 3:
            if self.past == 1:
                self.nice2 += j == 0
                self.totdef += 1
                self.bad = f32(self.nice2) / f32(self.totdef)
            else:
                self.nice1 += j == 0
                self.totcop += 1
                self.good = f32(self.nice1) / f32(self.totcop)
        self.past = ja
        c = f32(6.0) * self.good - f32(8.0) * self.bad - f32(2.0)
        alt = f32(4.0) * self.good - f32(5.0) * self.bad - f32(1.0)
        if c >= 0 and c >= alt:
            return 0
        if c >= 0 or alt >= 0:
            return 1 - ja
        return 1


@replayed("k43r")
class Anderson:
    def __init__(self, params):
        self.counts = {"cc": 0, "cd": 0, "dc": 0, "dd": 0}
        self.kount = 0
        self.twin = False
        self.mine = [0, 0]

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            self.mine = [0, 0]
            return 0
        if m >= 3:
            head = "d" if self.mine[0] == 1 else "c"
            self.counts[head + ("d" if j else "c")] += 1
        n = self.counts
        if m < 16:
            if j == 1 and self.kount < 3:
                self.kount += 1
                choice = 1
            else:
                choice = 0
        else:
            if m == 17 and j == 1 and n["cd"] == 1 and n["dd"] == 0:
                self.twin = True
            if 3 * n["cd"] >= n["cc"] + n["cd"]:
                choice = 1
            elif m % 4 or self.twin:
                choice = 0
            else:
                choice = 1 if (n["dc"] >= m // 12 or n["dd"] == 0) else 0
        self.mine = [self.mine[1], choice]
        return choice


@replayed("k73r")
class Zimmerman:
    def __init__(self, params):
        self.tolerance = 4
        self.seen_against = 0
        self.seen_for = 0
        self.payback = 8
        self.posture = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        watched = 1 if self.posture == 0 else 0
        if j != watched:
            return self.posture
        if self.posture == 0:
            self.seen_against += 1
        else:
            self.seen_for += 1
        if self.seen_against < self.tolerance and self.seen_for < self.payback:
            return self.posture
        self.seen_against = self.seen_for = 0
        self.posture = j
        if self.posture == 1:
            self.payback = int(f32(1.6667) * f32(self.tolerance + 1))
        else:
            self.tolerance = max(1, self.tolerance - 3 + trunc_div(k, m))
        return self.posture


@replayed("k55r")
class Newman:
    def __init__(self, params):
        self.alpha, self.beta = f32(1.0), f32(0.0)
        self.qca = self.qna = self.qcb = self.qnb = f32(0.0)
        self.past = 0
        self.mutual = 0

    def call(self, j, m, k, el, r, ja):
        if m > 2:
            if self.past == 1:
                if j == 0:
                    self.qcb = self.qcb + f32(1.0)
                self.qnb = self.qnb + f32(1.0)
                self.beta = self.qcb / self.qnb
            else:
                if j == 0:
                    self.qca = self.qca + f32(1.0)
                self.qna = self.qna + f32(1.0)
                self.alpha = self.qca / self.qna
        self.past = ja
        polc = f32(6.0) * self.alpha - f32(9.0) * self.beta - f32(2.0)
        polalt = f32(4.0) * self.alpha - f32(6.0) * self.beta - f32(1.0)
        if polc >= 0:
            return 0 if polc >= polalt else 1 - ja
        if polalt >= 0:
            return 1 - ja
        if j == 1 and ja == 1:
            self.mutual += 1
            return 0 if self.mutual > 3 else 1
        self.mutual = 0
        return 1


@replayed("k81r")
class Jones:
    def __init__(self, params):
        self.l4 = [[f32(0.0), f32(0.0)] for _ in range(8)]
        self.t0 = 0
        self.t4 = 0
        self.t5 = 0
        self.t6 = 25
        self.t8 = f32(0.0)
        self.t9 = 5
        self.s1 = 0
        self.x = [f32(0.0)] * 8

    def rates(self, d4):
        a1, a2 = self.l4[d4]
        if a2 == 0:
            a2 = f32(1.0)
        a3 = a1 / a2
        a = f32(3.0) * a3
        return a, a + a3 + f32(1.0)

    def look_ahead(self, shifted, bigger):
        if self.t4 > 4:
            self.t4 -= 4
        self.t4 *= 2
        for c in range(1, 9):
            d4 = self.t4 + 1 if c in shifted else self.t4
            if d4 == 9:
                d4 = 1
            if d4 > 7:
                d4 -= 8
            a, b = self.rates(d4)
            self.x[c - 1] = self.x[c - 1] + (b if c in bigger else a)

    def decide(self, j, m, k, el):
        if self.t5 > 7:
            self.t5 -= 8
        if j == 0:
            self.l4[self.t5][0] = self.l4[self.t5][0] + f32(1.0)
        if self.t9 == 9 and self.t0 == 1:
            if j == 1:
                self.t0 = 0
            else:
                base = 0
                while True:
                    if 80 + base < m < 140 + base:
                        return 1
                    if 140 + base <= m <= 180 + base:
                        return 0
                    base += 100
        if j == 1:
            self.t8 = self.t8 + f32(1.0)
            if f32(8.0) <= self.t8 <= f32(9.0):
                return 0
            if self.t8 > f32(1.0):
                self.t8 = f32(1.0)
        elif f32(0.0) <= self.t8 < f32(6.0):
            self.t8 = f32(0.0)
        else:
            if self.t8 > 0:
                self.t8 = f32(-200.0)
            self.t8 = self.t8 + f32(1.0)
            return 0
        if el > k + self.t6:
            return j
        a, b = self.rates(self.t4 - 8 if self.t4 > 7 else self.t4)
        self.x = [a] * 4 + [b] * 4
        self.look_ahead({5, 6, 7, 8}, {3, 4, 7, 8})
        self.look_ahead({3, 4, 7, 8}, {2, 4, 6, 8})
        best = f32(0.0)
        for c in range(1, 9):
            if self.x[c - 1] > best:
                best = self.x[c - 1]
                self.s1 = c
        return 1 if self.s1 >= 5 else 0

    def call(self, j, m, k, el, r, ja):
        if m == 81 and k == el == 237:
            self.t0 = 1
        if m == 2 and j == 1:
            self.t9 = 9
        choice = j if m < self.t9 else self.decide(j, m, k, el)
        self.t5 = self.t4
        if m % 10 == 0:
            for row in self.l4:
                row[0] = row[0] * f32(9.0)
            self.t6 += 1
        if self.t4 > 7:
            self.t4 -= 8
        if m > 3:
            self.l4[self.t4][1] = self.l4[self.t4][1] + f32(1.0)
        if self.t4 > 4:
            self.t4 -= 4
        self.t4 = self.t4 * 2 + choice
        return choice


@replayed("k87r", stochastic=True)
class Schurmann:
    def __init__(self, params):
        self.provoked = False
        self.q6 = f32(0.5)
        self.mine = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        outcome = (self.mine, j)
        if not self.provoked:
            if j == 0:
                self.mine = 0
                return 0
            self.provoked = True
        if outcome == (0, 0):
            self.q6 = self.q6 * f32(0.57) + f32(0.43)
        elif outcome == (1, 1):
            self.q6 = f32(0.74) * self.q6 + f32(0.104)
        else:
            self.q6 = f32(0.5) * self.q6
        self.mine = 1 if r > self.q6 else 0
        return self.mine


@replayed("k53r", stochastic=True)
class Nussbacher:
    THRESHOLD = (None, 0.23, 0.87, 0.915, 0.915, 0.87, 0.87, 0.87, 0.915, 0.94, 0.94)

    def __init__(self, params):
        self.seen = []

    def call(self, j, m, k, el, r, ja):
        self.seen.append(j)
        if m <= 10:
            return 0
        d = sum(self.seen[-10:])
        if d == 0:
            return 0
        return 1 if r < f32(self.THRESHOLD[d]) else 0


@replayed("k76r")
class Gladstein:
    def __init__(self, params):
        self.patsy = True
        self.dc = f32(0.0)
        self.mdc = 0
        self.g = f32(1.0)

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 1
        if not self.patsy:
            return j
        if j == 1:
            self.patsy = False
            return 0
        self.dc = self.dc + f32(1.0)
        if self.g == 0:
            self.mdc += 1
        self.g = f32(1.0) if f32(self.mdc) / (self.dc + f32(1.0)) >= f32(0.5) else f32(0.0)
        return int(self.g)


@replayed("k65r")
class Batell:
    def __init__(self, params):
        self.last_d = 0
        self.total = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        if self.total >= 10:
            return 1
        if j != 1:
            return 0
        self.total += 1
        if self.total >= 10:
            return 1
        if self.last_d and m - self.last_d <= 4:
            self.total = 10
            return 1
        self.last_d = m
        return 0


@replayed("k52r", stochastic=True)
class Smith:
    def __init__(self, params):
        self.run = 0
        self.long_answers = 0

    def call(self, j, m, k, el, r, ja):
        self.run = self.run + 1 if j > 0 else 0
        choice = 0
        if self.run >= 2:
            choice = 1
            if self.run >= 5 + 3 * self.long_answers:
                self.run = 0
                self.long_answers += 1
        if r <= f32(0.05):
            choice = 1 - choice
        return choice


# --------------------------------------------------------------------------- ranks 49-63


@replayed("k82r", stochastic=True)
class Leyland:
    def __init__(self, params):
        self.i5 = 0
        self.d4 = f32(0.0)
        self.x = f32(0.75)
        self.i1 = self.i2 = 0
        self.i3 = 1

    def reset(self, recheck):
        if recheck:
            self.i2 = 0
            self.i3 = 0 if self.i5 > 5 else 1
        self.i5 = 0
        self.i1 = 0
        return 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 0
        self.i5 += j
        self.d4 = self.d4 + f32(j)
        if j == 0 and self.i5 > 1:
            if self.i5 > 5:
                return self.reset(False)
            self.i5 = 0
        if m < 30:
            return j
        if self.i3 == 0:
            return self.reset(True)
        if abs(self.d4 / (f32(m) - f32(1.0)) - f32(0.5)) < f32(0.1):
            self.x = self.x - f32(0.2)
        if self.i2 == 1:
            if j == 1:
                self.x = min(self.x + f32(0.15), f32(1.0))
                return self.reset(True)
            self.x = max(self.x - f32(0.05), f32(0.0))
            self.i2 = 0
            if self.x >= f32(0.3):
                return j
        if r > self.x:
            self.i1 = 1
            return 1
        self.i2 = self.i1
        return j


@replayed("k45r")
class McGurrin:
    def __init__(self, params):
        self.first = 0
        self.mode = None
        self.jold = 0
        self.e = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            return 1
        if m == 2:
            self.first = j
            return 0
        if m == 3:
            if (self.first, j) == (0, 0):
                self.mode = "exploit"
            elif (self.first, j) == (1, 1):
                self.mode = "tft"
            return 0
        if self.mode is None:
            if j == 1:
                self.mode = "tft"
                return self.first
            self.mode = "tf2t"
            return 0
        if self.mode == "tft":
            return j
        if self.mode == "exploit":
            self.e += 1
            if self.e == 8:
                self.e = 0
                self.jold = j
                return 1
        choice = 1 if (self.jold == 1 and j == 1) else 0
        self.jold = j
        return choice


@replayed("k62r", stochastic=True)
class Hollander:
    def __init__(self, params):
        self.jold = 0
        self.surprise = 0

    def call(self, j, m, k, el, r, ja):
        if m == 1:
            self.surprise = int(f32(23.0) * r + f32(1.0))
        choice = 0
        if m == self.surprise:
            choice = 1
            self.surprise = int(f32(23.0) * r + f32(m) + f32(1.0))
        elif self.jold == 1 and j == 1:
            choice = 1
        self.jold = j
        return choice


@replayed("k48r")
class GeorgeHufford:
    ORDER = (2, 4, 3, 5, 1)

    def __init__(self, params):
        self.pattern = [0] * 5
        self.k5 = 0
        self.klast = 0
        self.change = 1
        self.at = 1

    def call(self, j, m, k, el, r, ja):
        if m <= 5:
            self.pattern[self.ORDER[self.at - 1] - 1] = j
            self.at += j
            return j
        position = (m - 1) % 5
        if position:
            return self.pattern[position]
        previous = self.k5
        self.k5 = k - self.klast
        self.klast = k
        if previous > self.k5:
            self.change = -self.change
            self.at += self.change
        self.at = 0 if self.at < 1 else 6 if self.at > 5 else self.at
        if 1 <= self.at <= 5:
            self.pattern[self.ORDER[self.at - 1] - 1] += self.change
            self.at += self.change
        return self.pattern[0]


@replayed("k77r", stochastic=True)
class Feld2:
    def __init__(self, params):
        self.rule = 3
        self.tried = 0
        self.record = [100] * 5
        self.start = 0

    def call(self, j, m, k, el, r, ja):
        if self.tried >= 20:
            here = self.rule - 1
            self.record[here] = k - self.start
            if self.rule < 5 and self.record[here + 1] > self.record[here]:
                self.rule += 1
            elif self.rule > 1 and self.record[here - 1] > self.record[here]:
                self.rule -= 1
                j = 0
            self.start = k
            self.tried = 0
        self.tried += 1
        if self.rule == 1:
            return 0
        if self.rule == 2:
            return 1 if (j == 1 and r <= f32(0.75)) else 0
        if self.rule == 3:
            return j
        if self.rule == 4:
            return 0 if (j == 0 and r <= f32(0.75)) else 1
        return 1


@replayed("k89r")
class Snodgrass:
    def __init__(self, params):
        self.sc = [0] * 6
        self.selected = [True] * 6
        self.gt = [0] * 5
        self.tm = [0] * 6
        self.cn = 10
        self.csrc = 5
        self.alt_last = 1
        self.tf2t_last = 0

    def evaluate(self):
        st = [self.sc[i + 1] - self.sc[i] for i in range(5)]
        for i in range(5):
            self.gt[i] += st[i]
        mean = trunc_div(sum(st), self.csrc) if self.csrc else 0
        bar = trunc_div(9 * mean, 10)
        for i in range(5):
            if self.selected[i]:
                if st[i] < bar:
                    self.selected[i] = False
            elif trunc_div(10 * self.gt[i], self.tm[i]) > bar:
                self.selected[i] = True
        self.csrc = sum(self.selected[:5])
        if self.csrc == 0:
            self.selected[:5] = [True] * 5
            self.csrc = 5
        self.cn = 10

    def call(self, j, m, k, el, r, ja):
        while True:
            code = self.cn // 10
            if self.cn % 10 == 0:
                self.sc[code - 1] = k
            if not self.selected[code - 1]:
                self.cn += 10
                continue
            self.cn += 1
            self.tm[code - 1] += 1
            if code == 1:
                return 0
            if code == 2:
                return 1
            if code == 3:
                self.alt_last = 1 - self.alt_last
                return self.alt_last
            if code == 4:
                return j
            if code == 5:
                choice = 1 if (j == 1 and self.tf2t_last == 1) else 0
                self.tf2t_last = j
                return choice
            self.evaluate()


@replayed("k54r")
class Robertson:
    def __init__(self, params):
        self.fixed = params[0] != 0
        self.start()

    def start(self):
        self.opdef = 0
        self.stdef = 0
        self.dl = f32(0.2)
        self.coops = 0
        self.okdef = True
        self.mydef = False
        self.nodef = 0
        self.nd = 12

    def call(self, j, m, k, el, r, ja):
        mm = m if self.fixed else el  # the declared M receives the other's score
        if mm <= 1:
            self.start()
            return 0
        if mm == 20:
            self.dl = f32(0.1)
        if j == 1:
            self.coops = 0
            if mm <= 4:
                return 1
            self.stdef += 1
            self.opdef += 1
            if self.mydef:
                self.okdef = False
            excessive = f32(self.opdef) > f32(mm) * self.dl or self.stdef > 2
        else:
            self.stdef = 0
            self.coops += 1
            excessive = f32(self.opdef) > f32(mm) * self.dl
            if not excessive and mm % self.nd == 0 and self.okdef:
                self.mydef = False
                self.nodef += 1
                if self.nodef % 6 == 0:
                    self.nd = max(1, self.nd - 1)
                return 1
        if not excessive:
            self.mydef = False
            return 0
        if 20 * self.opdef <= self.coops * mm:
            return 0
        self.mydef = False
        return 1


@replayed("k33r")
class Rabbie:
    CONST = (0, 4, 6, 6, 8, 12)
    COEFF = (
        (36, 0, 0, 0),
        (16, 12, 12, 0),
        (0, 18, 24, 0),
        (12, 12, 9, 9),
        (0, 16, 16, 12),
        (0, 0, 0, 48),
    )
    DEFECT = (None, (), (1,), (1, 3), (1, 2), (1, 2, 3), (1, 2, 3, 4))

    def __init__(self, params):
        self.coop = [f32(0.0)] * 4
        self.count = [f32(0.0)] * 4
        self.p = [f32(0.0)] * 4
        self.last1 = self.last2 = 1
        self.twin = True
        self.index = 0

    def call(self, j, m, k, el, r, ja):
        if m > 2:
            i = self.index - 1
            self.coop[i] = self.coop[i] + f32(1 - j)
            self.count[i] = self.count[i] + f32(1.0)
            self.p[i] = self.coop[i] / self.count[i]
        self.index = 2 * self.last2 + self.last1 + 1
        if m > 1 and j != self.last1:
            self.twin = False
        if m <= 22:
            policy = 4
        elif self.twin:
            policy = 1
        else:
            best, policy = f32(0.0), 1
            for ii in range(6):
                total = f32(self.CONST[ii])
                for jj in range(4):
                    total = total + f32(self.COEFF[ii][jj]) * self.p[jj]
                if total > best:
                    best, policy = total, ii + 1
        choice = 1 if self.index in self.DEFECT[policy] else 0
        self.last2, self.last1 = self.last1, choice
        return choice


@replayed("k74r")
class Friedland:
    def __init__(self, params):
        self.alpha, self.beta = f32(1.0), f32(0.3)
        self.qca = self.qna = self.qcb = self.qnb = f32(0.0)
        self.past = 0

    def call(self, j, m, k, el, r, ja):
        if m > 2:
            if self.past == 1:
                self.qcb = self.qcb + (f32(1.0) if j == 0 else f32(0.0))
                self.qnb = self.qnb + f32(1.0)
                self.beta = self.qcb / self.qnb
                self.qcb, self.qnb = self.qcb * f32(0.8), self.qnb * f32(0.8)
            else:
                self.qca = self.qca + (f32(1.0) if j == 0 else f32(0.0))
                self.qna = self.qna + f32(1.0)
                self.alpha = self.qca / self.qna
                self.qca, self.qna = self.qca * f32(0.8), self.qna * f32(0.8)
        self.past = ja
        polc = f32(6.0) * self.alpha - f32(8.0) * self.beta - f32(2.0)
        polalt = f32(4.0) * self.alpha - f32(5.0) * self.beta - f32(1.0)
        if polc == 0:
            return 0
        return 1 - ja if polalt >= 0 else 1


@replayed("k36r", stochastic=True)
class Hotz:
    def __init__(self, params):
        pass

    def call(self, j, m, k, el, r, ja):
        p = f32(0.1) if m < 100 else f32(0.05) if m < 200 else f32(0.15) if m < 300 else f32(0)
        return 0 if r < p else 1
