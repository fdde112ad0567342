"""Cycle detection for deterministic data strategies: bit-identical to playing every turn.

Random memory-one rules, finite-state machines, lookup tables, memory-n tables
and cyclers are played against each other with detection from the first turn
(``min_turns=1``) and compared, field by field and bit for bit, with every
match replayed turn by turn by the ordinary kernel, and with the reference
engine's move records and scores; lengths run from 1 through the detected
cycle's boundaries to 10**6. Payoffs include integers, other dyadic numbers,
numbers such as 0.1 (not exactly summable) and huge ones (sums that round).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ipd
from ipd import FiniteStateMachine, MemoryOne
from ipd.core.pairings import round_robin
from ipd.core.players import parse_player
from ipd.engine import api, cycles
from ipd.engine.play import Cells, play_cells
from ipd.strategies.families import (
    Cycler,
    Gambler,
    LookupTable,
    MemoryN,
    cycler_step,
    fsm_step,
    memory_one_step,
    table_step,
)
from tests.conftest import assert_same_totals
from tests.reference.engine import reference_match

FAMILY_STEPS = [memory_one_step, fsm_step, table_step, cycler_step]


@pytest.fixture(scope="module", autouse=True)
def warm():
    # One kernel for every lineup of this module, and the cycle kernel.
    api.kernels(FAMILY_STEPS)
    cycles.kernel()


# --------------------------------------------------------------------------- random machines

moves = st.sampled_from("CD")
memory_one = st.builds(MemoryOne, *[st.sampled_from([0.0, 1.0])] * 5)


@st.composite
def fsm(draw):
    n = draw(st.integers(1, 6))
    rows = [(s, o, draw(st.integers(0, n - 1)), draw(moves)) for s in range(n) for o in ("C", "D")]
    return FiniteStateMachine(
        rows, initial_state=draw(st.integers(0, n - 1)), first_move=draw(moves)
    )


@st.composite
def lookup_table(draw):
    plays, op_plays, op_start = draw(st.tuples(*[st.integers(0, 3)] * 3).filter(lambda s: sum(s)))
    table = "".join(draw(st.lists(moves, min_size=2 ** (plays + op_plays + op_start),
                                  max_size=2 ** (plays + op_plays + op_start))))  # fmt: skip
    depth = max(plays, op_plays, op_start)
    initial = "".join(draw(st.lists(moves, min_size=depth, max_size=depth)))
    return LookupTable(plays, op_plays, op_start, table, initial)


@st.composite
def memory_n(draw):
    n = draw(st.integers(1, 2))
    p = draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=4**n, max_size=4**n))
    return MemoryN(n, p, draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=n, max_size=n)))


cycler = st.text("CD", min_size=1, max_size=7).map(Cycler)
machine = st.one_of(memory_one, fsm(), lookup_table(), memory_n(), cycler)

payoffs = st.one_of(
    st.just((3.0, 0.0, 5.0, 1.0)),
    st.tuples(*[st.integers(-20, 20).map(float)] * 4),
    st.tuples(*[st.integers(-64, 64).map(lambda k: k / 16)] * 4),  # dyadic, exact
    st.just((0.3, 0.1, 0.7, 0.2)),  # not exactly summable
    st.just((2.0**52, 0.5, 3.0 * 2**51, 1.0)),  # exact for a few turns, then rounding
)


def totals(behaviours, lengths, *, replay, pairs=None, **options):
    settings = {"reveal_length": False, "payoffs": (3.0, 0.0, 5.0, 1.0), "noise": 0.0}
    settings.update(options)
    pairs = round_robin(len(behaviours)) if pairs is None else pairs
    return api.play_tournament(
        behaviours,
        pairs,
        rep_lengths=np.asarray(lengths, dtype=np.int64),
        seed=11,
        replay=replay,
        **settings,
    )


def detected_and_replayed(behaviours, lengths, **options):
    with cycles.detection(min_turns=1):
        detected = totals(behaviours, lengths, replay=False, **options)
    replayed = totals(behaviours, lengths, replay=True, **options)
    assert_same_totals(detected, replayed)
    return detected


def find_cycle(a, b, length=10**6):
    """(turns played, start, period) of one match, from the kernel's own detector."""
    module = cycles.kernel()
    players = []
    for shape in (a, b):
        behaviour = shape.behaviour()
        family = cycles._FAMILIES[behaviour.step]
        players += [np.int64(family), np.ascontiguousarray(behaviour.params)]
    buffers = (
        np.zeros(length, np.uint8),
        np.zeros(length, np.uint8),
        np.zeros(64),
        np.zeros(64),
        np.zeros(1, np.uint64),
        np.zeros(1, np.uint64),
    )
    payoffs = np.array([3.0, 0.0, 5.0, 1.0])
    found = module.play_until_cycle(
        tuple(players), np.int64(length), np.int64(-1), payoffs, buffers
    )
    return tuple(int(x) for x in found)


# --------------------------------------------------------------------------- properties


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shapes=st.lists(machine, min_size=1, max_size=3),
    lengths=st.lists(st.integers(1, 90), min_size=1, max_size=6),
    pay=payoffs,
    told=st.booleans(),
)
def test_detection_equals_replay_on_random_machines_and_lengths(shapes, lengths, pay, told):
    behaviours = [s.behaviour() for s in shapes]
    detected_and_replayed(behaviours, lengths, payoffs=pay, reveal_length=told)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shapes=st.lists(machine, min_size=2, max_size=2),
    length=st.integers(1, 120),
    pay=payoffs,
    discount=st.sampled_from([0.0, 0.0, 0.9, 0.5]),
)
def test_detection_keeps_every_move_and_matches_the_reference_engine(shapes, length, pay, discount):
    behaviours = [s.behaviour() for s in shapes]
    pairs = np.array([[0, 1]], dtype=np.int64)
    result = detected_and_replayed(
        behaviours, [length, max(1, length // 2)], pairs=pairs, keep_moves=True, payoffs=pay,
        discount=discount,
    )  # fmt: skip
    moves_a, moves_b, score_a, score_b = reference_match(
        behaviours[0], behaviours[1], length=length, reveal_length=False, payoffs=pay, noise=0.0,
        seed=11,
    )  # fmt: skip
    assert result.moves[0, 0, 0, :length].tolist() == moves_a
    assert result.moves[0, 0, 1, :length].tolist() == moves_b
    if discount == 0.0:
        assert result.strategy_rep_scores[0, 0] == score_a
        assert result.strategy_rep_scores[1, 0] == score_b


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes=st.lists(machine, min_size=2, max_size=2), pay=payoffs, data=st.data())
def test_lengths_at_the_boundaries_of_the_detected_cycle(shapes, pay, data):
    played, start, period = find_cycle(*shapes, length=5000)
    assert period > 0 and played == start + period
    edges = [start, start + 1, start + 2, played, played + 1, played + 2, played + 3]
    edges += [start + 2 + k * period + r for k in (1, 2, 7) for r in (-1, 0, 1)]
    extra = data.draw(st.lists(st.integers(1, 20 * played + 40), max_size=4))
    lengths = sorted({x for x in edges + extra if x >= 1})
    behaviours = [s.behaviour() for s in shapes]
    pairs = np.array([[0, 1], [0, 0]], dtype=np.int64)
    detected_and_replayed(behaviours, lengths, pairs=pairs, payoffs=pay)
    detected_and_replayed(behaviours, lengths, pairs=pairs, payoffs=pay, reveal_length=True)


# --------------------------------------------------------------------------- long matches

LONG_FIELD = [
    MemoryOne(1, 0, 1, 0),  # tit for tat
    MemoryOne(1, 0, 0, 1),  # win-stay lose-shift
    MemoryOne(0, 0, 1, 1, first=1),  # alternator
    FiniteStateMachine([(0, "C", 0, "C"), (0, "D", 1, "D"), (1, "C", 1, "D"), (1, "D", 1, "D")]),
    LookupTable(1, 2, 1, "CDDCDCCDDDCCDCDC", "CD"),
    Cycler("CCDCD"),
    Cycler("DCCDCCD"),
]


@pytest.mark.parametrize(
    "options",
    [
        {"lengths": [10**6]},
        {"lengths": [10**6, 999_999, 3, 777_777]},
        {"lengths": [10**6], "payoffs": (0.3, 0.1, 0.7, 0.2)},
        {"lengths": [300_000], "discount": 0.999},
        {"lengths": [200_000, 1], "keep_moves": True},
        {"lengths": np.ones(300, dtype=np.int64), "continuation": 0.999},
    ],
    ids=["million", "several", "inexact-payoffs", "discount", "moves", "w=0.999"],
)
def test_long_matches_equal_replay(options):
    options = dict(options)
    lengths = options.pop("lengths")
    detected_and_replayed([s.behaviour() for s in LONG_FIELD], lengths, **options)


def test_batched_cells_of_other_payoffs_and_discounts_equal_replay():
    behaviours = [s.behaviour() for s in LONG_FIELD]
    line = api.lineup(behaviours)
    pairs = round_robin(len(behaviours))
    n_cells = 4
    cells = Cells(
        seed=np.arange(1, n_cells + 1, dtype=np.uint64),
        continuation=np.array([0.0, 0.999, 0.0, 0.0]),
        noise=np.zeros(n_cells),
        discount=np.array([0.0, 0.0, 0.99, 0.0]),
        payoffs=np.array([[3, 0, 5, 1], [4, 0, 6, 1], [3, 0, 5, 1], [0.3, 0.1, 0.7, 0.2]]),
        lengths=np.array([[5000, 7], [1, 1], [3000, 3000], [4000, 2]], dtype=np.int64),
    )

    def play(replay):
        return play_cells(
            line,
            np.tile(line.params, (n_cells, 1)),
            [b.stochastic for b in behaviours],
            np.tile(pairs, (n_cells, 1)),
            np.repeat(np.arange(n_cells), len(pairs)),
            cells,
            replay=replay,
        )

    assert_same_totals(play(False), play(True))


def test_a_million_turns_cost_a_cycle():
    # Every pair of this field falls into its cycle within a few hundred turns.
    for a in LONG_FIELD:
        for b in LONG_FIELD:
            played, _, period = find_cycle(a, b)
            assert 0 < period <= 35 and played < 300, (a, b, played)


def test_no_cycle_within_the_match_is_played_to_the_end():
    # Two coprime cyclers of 4093 and 4091 moves repeat only after their product.
    a, b = Cycler("C" * 4092 + "D"), Cycler("D" + "C" * 4090)
    assert find_cycle(a, b, length=50_000) == (50_000, -1, 0)
    detected_and_replayed([a.behaviour(), b.behaviour()], [50_000, 20_000])


# --------------------------------------------------------------------------- what qualifies


def test_stochastic_and_code_strategies_are_not_detected():
    game = ipd.Game()
    behaviours = [
        MemoryOne(1, 0, 1, 0).behaviour(),
        MemoryOne(1, 0.5, 1, 0).behaviour(),  # stochastic
        Gambler(1, 1, 0, [1.0, 0.0, 0.25, 1.0]).behaviour(),  # stochastic
        Gambler(1, 1, 0, [1.0, 0.0, 0.0, 1.0]).behaviour(),  # a deterministic table
        parse_player("gradual").behaviour(game),  # code
        FiniteStateMachine([(0, "C", 0, "D"), (0, "D", 0, "C")]).behaviour(),
    ]
    lineup = api.lineup(behaviours)
    table = cycles.families(
        lineup, lineup.params.reshape(1, -1), [b.stochastic for b in behaviours]
    )
    assert table.tolist() == [[0, -1, -1, 2, -1, 1]]


def test_transformed_data_strategies_are_not_detected():
    behaviour = parse_player("tft|dual").behaviour(ipd.Game())
    lineup = api.lineup([behaviour])
    assert cycles.families(lineup, lineup.params.reshape(1, -1), [False]).tolist() == [[-1]]


def test_detection_can_be_switched_off_and_bounded():
    behaviours = [s.behaviour() for s in LONG_FIELD[:3]]
    pairs = round_robin(3)
    n = len(pairs)
    lineup = api.lineup(behaviours)
    cells = Cells.one(
        seed=1, rep_lengths=[10, 5000], continuation=0.0, noise=0.0, discount=0.0,
        payoffs=(3, 0, 5, 1), reveal_length=False,
    )  # fmt: skip

    def detector(deterministic=None):
        deterministic = np.ones(n, dtype=bool) if deterministic is None else deterministic
        params = lineup.params.reshape(1, -1)
        where = np.zeros(n, dtype=np.int64)
        return cycles.Detector.of(lineup, params, [False] * 3, pairs, where, cells, deterministic)

    assert detector().eligible.all()
    assert detector(np.arange(n) % 2 == 0).eligible.tolist() == (np.arange(n) % 2 == 0).tolist()
    lengths = np.repeat([10, 5000], n)  # repetition 0, then repetition 1
    with cycles.detection(min_turns=100):
        assert detector().cyclic(lengths, 2).all()
        assert not detector().cyclic(lengths[:n], 1).any()
    with cycles.detection(enabled=False):
        assert not detector().eligible.any()
        assert detector().cyclic(lengths, 2) is None
    assert cycles.SETTINGS.enabled and cycles.SETTINGS.min_turns == cycles.Detection().min_turns


@pytest.mark.parametrize(
    ("payoffs", "limit"),
    [
        ((3, 0, 5, 1), 2**53 // 5),
        ((1.5, 0.25, 2.0, -0.75), 2**53 // 8),  # 2**2 times: 6, 1, 8, -3
        ((0, 0, 0, 0), 2**62),
        ((0.1, 0, 5, 1), 0),
        ((float("nan"), 0, 5, 1), 0),
    ],
)
def test_exact_limit_of_payoffs(payoffs, limit):
    assert cycles.exact_limit(payoffs) == float(limit)


def test_family_numbers_agree_with_the_kernel():
    module = cycles.kernel()
    expected = {memory_one_step: module.MEMORY_ONE, fsm_step: module.FSM}
    expected |= {table_step: module.TABLE, cycler_step: module.CYCLER}
    assert expected == cycles._FAMILIES


def test_tournaments_hand_long_data_pairs_to_the_detector(monkeypatch):
    calls = []
    original = cycles.Detector.play

    def spy(self, *args):
        played = original(self, *args)
        calls.append(played)
        return played

    monkeypatch.setattr(cycles.Detector, "play", spy)
    behaviours = [s.behaviour() for s in LONG_FIELD] + [MemoryOne(1, 0.5, 1, 0).behaviour()]
    totals(behaviours, [10**6], replay=False)  # the default threshold
    assert len(calls) == 1 and len(calls[0]) == 28  # the 7 data strategies' pairs, no others
    assert calls[0].max() < 300
    calls.clear()
    totals(behaviours, [cycles.Detection().min_turns - 1], replay=False)
    assert calls == []
