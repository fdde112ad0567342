"""The engine's per-match counters and their per-strategy roll-up."""

from hypothesis import given, settings
from hypothesis import strategies as st

import ipd
from ipd.core.game import Game
from ipd.core.players import parse_player
from ipd.engine import api
from ipd.engine import layout as L
from tests.reference.counters import reference_counts

IDS = ["tft", "alld", "random", "wsls", "grudger", "gradual", "gtft", "alternator", "2tft"]


@settings(max_examples=120, deadline=None)
@given(
    row=st.sampled_from(IDS),
    col=st.sampled_from(IDS),
    length=st.integers(1, 60),
    noise=st.sampled_from([0.0, 0.1, 0.3]),
    seed=st.integers(0, 2**40),
)
def test_match_counters_follow_their_definitions(row, col, length, noise, seed):
    game = Game()
    record = api.play_match(
        parse_player(row).behaviour(game),
        parse_player(col).behaviour(game),
        length=length,
        reveal_length=False,
        payoffs=game.payoffs,
        noise=noise,
        seed=seed,
    )
    expected = reference_counts(list(record.moves_a), list(record.moves_b))
    assert {f: int(record.counts[f]) for f in range(L.N_MATCH_FIELDS)} == expected


def test_tit_for_tat_is_provocable_and_forgiving_by_the_counters():
    results = ipd.Tournament(
        ["tft", "random", "alternator"], turns=100, repetitions=3, seed=4
    ).play()
    own = results._own_view_counts()
    tft = results.labels.index("tft")
    assert own[tft, L.PROVOCATIONS_BY_B] > 0
    assert own[tft, L.A_RETALIATED] == own[tft, L.PROVOCATIONS_BY_B]
    assert own[tft, L.A_FORGAVE] == own[tft, L.RETURNS_BY_B] > 0


def test_pair_tallies_of_first_defection_and_wins():
    results = ipd.Tournament(["tft", "alld", "allc"], turns=10, repetitions=2, seed=0).play()
    table = results.pair_table().set_index(["row", "column"])
    assert table.loc[("alld", "tft"), "row_defected_first"] == 2
    assert table.loc[("tft", "alld"), "column_defected_first"] == 2
    assert table.loc[("tft", "allc"), "row_defected_first"] == 0
    assert table.loc[("allc", "tft"), "draws"] == 2


@settings(max_examples=150, deadline=None)
@given(
    moves=st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), min_size=1, max_size=160),
    cuts=st.sets(st.integers(1, 160), max_size=6),
)
def test_counters_at_every_snapshot_are_those_of_the_match_cut_there(moves, cuts):
    # One pass over the longest match gives each shorter length's counters, whether the
    # stretch between two snapshots is tallied (long) or counted move by move (short).
    import numpy as np

    from ipd.engine._match_parts import count_outcomes

    a = [m[0] for m in moves]
    b = [m[1] for m in moves]
    snaps = np.array(sorted({c for c in cuts if c < len(moves)} | {len(moves)}), dtype=np.int64)
    counts = np.full((len(snaps), L.N_MATCH_FIELDS), -7, dtype=np.int64)
    count_outcomes(np.array(a, np.uint8), np.array(b, np.uint8), snaps, counts)
    for row, end in zip(counts, snaps, strict=True):
        expected = reference_counts(a[:end], b[:end])
        assert {f: int(row[f]) for f in range(L.N_MATCH_FIELDS)} == expected
