"""A deliberately plain match engine: one Python call per move, lists for histories."""

from __future__ import annotations

from tests.reference.rng import Stream, match_key
from tests.reference.strategies import TWINS

STREAM_A, STREAM_B, STREAM_NOISE, STREAM_PERCEPTION = 1, 2, 3, 5


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
    behaviour_a,
    behaviour_b,
    *,
    length,
    reveal_length,
    payoffs,
    noise,
    seed,
    misperception=0.0,
    rep=0,
    row=0,
    col=1,
    records=False,
):
    """Play one match the slow, obvious way; return (moves_a, moves_b, score_a, score_b).

    Under misperception each player keeps its own record of the other's moves
    (each move seen wrongly with probability ``misperception``, drawn after the
    noise: A's view of B's move, then B's view of A's) and is shown the totals
    of its own record; the real moves decide the payoffs. With ``records`` the
    two records (A's of B, B's of A) are returned too, as a fifth item.
    """
    key = match_key(seed, rep, row, col)
    player_a = make_player(behaviour_a.step, behaviour_a.params, Stream(key, STREAM_A))
    player_b = make_player(behaviour_b.step, behaviour_b.params, Stream(key, STREAM_B))
    noise_stream = Stream(key, STREAM_NOISE)
    seen_stream = Stream(key, STREAM_PERCEPTION)
    R, S, T, P = payoffs
    table = {(0, 0): (R, R), (0, 1): (S, T), (1, 0): (T, S), (1, 1): (P, P)}
    shown = length if reveal_length else -1
    moves_a, moves_b = [], []
    a_saw, b_saw = [], []  # each player's record of the other's moves
    score_a = score_b = 0.0
    for turn in range(length):
        # Each player's view: its own moves, its record of the other's, the totals of both.
        if misperception > 0:
            a_view = sum(table[(x, y)][0] for x, y in zip(moves_a, a_saw, strict=True))
            a_view_other = sum(table[(x, y)][1] for x, y in zip(moves_a, a_saw, strict=True))
            b_view = sum(table[(x, y)][0] for x, y in zip(moves_b, b_saw, strict=True))
            b_view_other = sum(table[(x, y)][1] for x, y in zip(moves_b, b_saw, strict=True))
        else:
            a_view, a_view_other, b_view, b_view_other = score_a, score_b, score_b, score_a
        a = player_a(turn, list(moves_a), list(a_saw), shown, payoffs, a_view, a_view_other)
        b = player_b(turn, list(moves_b), list(b_saw), shown, payoffs, b_view, b_view_other)
        if noise > 0:
            if noise_stream.uniform() < noise:
                a = 1 - a
            if noise_stream.uniform() < noise:
                b = 1 - b
        moves_a.append(a)
        moves_b.append(b)
        if misperception > 0:
            a_saw.append(1 - b if seen_stream.uniform() < misperception else b)
            b_saw.append(1 - a if seen_stream.uniform() < misperception else a)
        else:
            a_saw.append(b)
            b_saw.append(a)
        gain_a, gain_b = table[(a, b)]
        score_a += gain_a
        score_b += gain_b
    if records:
        return moves_a, moves_b, score_a, score_b, (a_saw, b_saw)
    return moves_a, moves_b, score_a, score_b
