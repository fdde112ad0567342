"""Naive twins of the table, hidden-Markov, neural-network and cycler families' steps.

Written from the families' descriptions (ipd/strategies/families/), not from
their compiled steps: the tables are rebuilt as dictionaries keyed on tuples
of moves, the network's features are recounted from the whole history every
turn, the cycle is indexed by the turn number. Only what cannot be
recomputed, a hidden Markov model's current state (it was drawn at random),
is kept between calls.
"""

from __future__ import annotations

import math
from itertools import product

from tests.reference.strategies import twin

C, D = 0, 1


@twin("table_step")
def lookup_table(params, stream):
    # Header: sizes of the three keys and the number of initial turns; then the
    # initial probabilities; then one probability per key, keys listed as
    # itertools.product of (own last moves, opponent's last moves, opponent's
    # first moves), each a tuple over (C, D).
    plays, op_plays, op_start, depth = (int(x) for x in params[:4])
    initial = params[4 : 4 + depth]
    entries = params[4 + depth :]
    keys = product(
        product((C, D), repeat=plays),
        product((C, D), repeat=op_plays),
        product((C, D), repeat=op_start),
    )
    table = dict(zip(keys, entries, strict=True))

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn < depth:
            p = initial[turn]
        else:
            mine = tuple(own[len(own) - plays :]) if plays else ()
            theirs = tuple(opp[len(opp) - op_plays :]) if op_plays else ()
            p = table[(mine, theirs, tuple(opp[:op_start]))]
        return C if stream.bernoulli(p) else D

    return move


@twin("hmm_step")
def hidden_markov_model(params, stream):
    n, initial_state, initial_move = (int(x) for x in params[:3])
    flat = params[3:]
    after_c = [flat[i * n : (i + 1) * n] for i in range(n)]
    after_d = [flat[n * n + i * n : n * n + (i + 1) * n] for i in range(n)]
    emissions = flat[2 * n * n :]
    state = [initial_state]

    def draw_next(row):
        if 1.0 in row:  # a certain transition draws nothing
            return row.index(1.0)
        u = stream.uniform()
        cumulative = 0.0
        for j, p in enumerate(row):
            if p > 0:
                cumulative += p
                if u < cumulative:
                    return j
        return max(j for j, p in enumerate(row) if p > 0)  # u above a row summing to 1 - ulp

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        if turn == 0:
            state[0] = initial_state
            return initial_move
        matrix = after_c if opp[-1] == C else after_d
        state[0] = draw_next(matrix[state[0]])
        return C if stream.bernoulli(emissions[state[0]]) else D

    return move


def ann_features(own, opp):
    """The 17 features of the history, recounted from scratch."""
    turn = len(own)

    def one_hot(history, at):
        # (is C, is D) for history[at], or (0, 0) if that move has not been played.
        if -len(history) <= at < len(history):
            return [1 if history[at] == C else 0, 1 if history[at] == D else 0]
        return [0, 0]

    return [
        *one_hot(opp, 0),
        *one_hot(opp, 1),
        *one_hot(own, -1),
        *one_hot(own, -2),
        *one_hot(opp, -1),
        *one_hot(opp, -2),
        opp.count(C),
        opp.count(D),
        own.count(C),
        own.count(D),
        turn,
    ]


@twin("ann_step")
def neural_network(params, stream):
    # Header: 17 features, the hidden size, and whether to truncate the activations to
    # integers whenever the first unit's input is negative (Axelrod-Python's rectifier).
    n_features, hidden, axelrod_relu = int(params[0]), int(params[1]), params[2] > 0
    weights = params[3 : 3 + hidden * n_features]
    rows = [weights[j * n_features : (j + 1) * n_features] for j in range(hidden)]
    out_weights = params[3 + hidden * n_features : 3 + hidden * n_features + hidden]
    biases = params[3 + hidden * n_features + hidden :]

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        features = ann_features(own, opp)
        inputs = [
            b + sum(w * f for w, f in zip(row, features, strict=True))
            for row, b in zip(rows, biases, strict=True)
        ]
        activations = [max(z, 0.0) for z in inputs]
        if axelrod_relu and inputs[0] < 0:
            activations = [float(math.trunc(a)) for a in activations]
        output = sum(a * v for a, v in zip(activations, out_weights, strict=True))
        return C if output > 0 else D

    return move


@twin("cycler_step")
def cycler(params, stream):
    cycle = [int(x) for x in params[1:]]

    def move(turn, own, opp, length, payoffs, own_score, opp_score):
        return cycle[turn % len(cycle)]

    return move
