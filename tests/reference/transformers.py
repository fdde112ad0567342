"""Naive twins of the strategy transformers (ipd/strategies/transformers/builtin.py).

Written from each transformer's one-sentence description: a twin asks the
wrapped strategy's twin for its move (every move, as the compiled step does)
and recomputes whatever it needs from the whole history. ``TRANSFORMER_TWINS``
maps a transformer's name to ``make(values, stream, inner) -> move(...)``,
where ``values`` are its own parameters in declaration order and ``inner`` is
the wrapped strategy's twin ``move`` function.
"""

from __future__ import annotations

C, D = 0, 1
TRANSFORMER_TWINS = {}


def twin(name):
    def register(factory):
        TRANSFORMER_TWINS[name] = factory
        return factory

    return register


def points(own, opp, payoffs):
    R, S, T, P = payoffs
    table = {(C, C): (R, R), (C, D): (S, T), (D, C): (T, S), (D, D): (P, P)}
    mine = theirs = 0.0
    for a, b in zip(own, opp, strict=True):
        mine += table[(a, b)][0]
        theirs += table[(a, b)][1]
    return mine, theirs


@twin("flip")
def flip(values, stream, inner):
    return lambda turn, own, opp, *rest: 1 - inner(turn, own, opp, *rest)


@twin("dual")
def dual(values, stream, inner):
    def move(turn, own, opp, *rest):
        return 1 - inner(turn, [1 - x for x in own], opp, *rest)

    return move


@twin("noisy")
def noisy(values, stream, inner):
    (p,) = values

    def move(*args):
        m = inner(*args)
        return 1 - m if stream.bernoulli(p) else m

    return move


@twin("forgiver")
def forgiver(values, stream, inner):
    (p,) = values

    def move(*args):
        m = inner(*args)
        return C if m == D and stream.bernoulli(p) else m

    return move


@twin("nice")
def nice(values, stream, inner):
    def move(turn, own, opp, *rest):
        m = inner(turn, own, opp, *rest)
        return m if D in opp else C

    return move


@twin("initial")
def initial(values, stream, inner):
    n, first = values

    def move(turn, *rest):
        m = inner(turn, *rest)
        return int(first) if turn < n else m

    return move


@twin("final")
def final(values, stream, inner):
    n, last = values

    def move(turn, own, opp, length, *rest):
        m = inner(turn, own, opp, length, *rest)
        return int(last) if length >= 0 and turn >= length - n else m

    return move


@twin("track_history")
def track_history(values, stream, inner):
    return inner


@twin("deadlock_breaking")
def deadlock_breaking(values, stream, inner):
    def move(turn, own, opp, *rest):
        m = inner(turn, own, opp, *rest)
        rounds = list(zip(own, opp, strict=True))
        if m == D and rounds[-2:] == [(D, C), (C, D)]:
            return C
        return m

    return move


@twin("grudge")
def grudge(values, stream, inner):
    (n,) = values

    def move(turn, own, opp, *rest):
        m = inner(turn, own, opp, *rest)
        return D if opp.count(D) > n else m

    return move


@twin("apology")
def apology(values, stream, inner):
    def move(turn, own, opp, *rest):
        m = inner(turn, own, opp, *rest)
        return C if own and (own[-1], opp[-1]) == (D, C) else m

    return move


@twin("mixed")
def mixed(values, stream, inner):
    p, c = values

    def move(*args):
        m = inner(*args)
        if stream.bernoulli(p):
            return C if stream.bernoulli(c) else D
        return m

    return move


@twin("joss_ann")
def joss_ann(values, stream, inner):
    a, b = values

    def move(*args):
        m = inner(*args)
        if a + b <= 0:
            return m
        u = stream.uniform()
        return C if u < a else D if u < a + b else m

    return move


@twin("retaliation")
def retaliation(values, stream, inner):
    (n,) = values

    def move(turn, own, opp, *rest):
        m = inner(turn, own, opp, *rest)
        return D if D in opp[max(0, turn - int(n)) :] else m

    return move


@twin("retaliate_until_apology")
def retaliate_until_apology(values, stream, inner):
    def move(turn, own, opp, *rest):
        m = inner(turn, own, opp, *rest)
        return D if opp and opp[-1] == D else m

    return move


@twin("envious")
def envious(values, stream, inner):
    def move(turn, own, opp, length, payoffs, *rest):
        m = inner(turn, own, opp, length, payoffs, *rest)
        mine, theirs = points(own, opp, payoffs)
        return D if mine < theirs else m

    return move


@twin("first_defector")
def first_defector(values, stream, inner):
    k, spread = values
    chosen = []

    def move(turn, *rest):
        m = inner(turn, *rest)
        if turn == 0:
            chosen[:] = [int(1 + (stream.uniform() * spread) // 1) if spread > 1 else k]
        return D if turn + 1 == chosen[0] else m

    return move


@twin("unprovocable")
def unprovocable(values, stream, inner):
    (q,) = values

    def move(turn, own, opp, *rest):
        m = inner(turn, own, opp, *rest)
        if m == D and opp and opp[-1] == D and stream.bernoulli(q):
            return C
        return m

    return move


@twin("unforgiving")
def unforgiving(values, stream, inner):
    (k,) = values

    def move(turn, own, opp, *rest):
        m = inner(turn, own, opp, *rest)
        return D if opp.count(D) >= k else m

    return move


@twin("randomised")
def randomised(values, stream, inner):
    (e,) = values

    def move(*args):
        m = inner(*args)
        if stream.bernoulli(e):
            return C if stream.uniform() < 0.5 else D
        return m

    return move
