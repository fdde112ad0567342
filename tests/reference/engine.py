"""A deliberately plain match engine: one Python call per move, lists for histories."""

from __future__ import annotations

from tests.reference.rng import Stream, match_key
from tests.reference.strategies import TWINS

STREAM_A, STREAM_B, STREAM_NOISE = 1, 2, 3


def make_player(step, params, stream):
    """The twin of a compiled step: a strategy's own, or a transformer's around its inner one."""
    params = [float(x) for x in params]
    name = getattr(step, "ipd_transformer", None)
    if name is None:
        return TWINS[step.py_func.__name__](params, stream)
    from ipd.strategies.transformers import get
    from tests.reference.transformers import TRANSFORMER_TWINS

    k = len(get(name).params)
    inner = make_player(step.ipd_wraps, params[1 + k :], stream)
    return TRANSFORMER_TWINS[name](params[1 : 1 + k], stream, inner)


def reference_match(
    behaviour_a, behaviour_b, *, length, reveal_length, payoffs, noise, seed, rep=0, row=0, col=1
):
    """Play one match the slow, obvious way; return (moves_a, moves_b, score_a, score_b)."""
    key = match_key(seed, rep, row, col)
    player_a = make_player(behaviour_a.step, behaviour_a.params, Stream(key, STREAM_A))
    player_b = make_player(behaviour_b.step, behaviour_b.params, Stream(key, STREAM_B))
    noise_stream = Stream(key, STREAM_NOISE)
    R, S, T, P = payoffs
    table = {(0, 0): (R, R), (0, 1): (S, T), (1, 0): (T, S), (1, 1): (P, P)}
    shown = length if reveal_length else -1
    moves_a, moves_b = [], []
    score_a = score_b = 0.0
    for turn in range(length):
        a = player_a(turn, list(moves_a), list(moves_b), shown, payoffs, score_a, score_b)
        b = player_b(turn, list(moves_b), list(moves_a), shown, payoffs, score_b, score_a)
        if noise > 0:
            if noise_stream.uniform() < noise:
                a = 1 - a
            if noise_stream.uniform() < noise:
                b = 1 - b
        moves_a.append(a)
        moves_b.append(b)
        gain_a, gain_b = table[(a, b)]
        score_a += gain_a
        score_b += gain_b
    return moves_a, moves_b, score_a, score_b
