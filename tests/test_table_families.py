"""The lookup-table, Gambler, memory-n, hidden-Markov, neural-network and cycler families.

(a) Each family refuses bad values with a one-line IpdError naming the field.
(b) Each plays what its description says: small hand-built instances whose
    moves against fixed opponents are worked out in the comments (they also
    pin the key order of the tables and the feature order of the network).
(c) Classifiers: memory depth and stochasticity follow from the values.
(d) Random instances of every family play, move for move, what the naive
    twins in tests/reference/families.py play (with noise, against each other).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ipd
from ipd import Game, IpdError
from ipd.core.game import moves_to_string
from ipd.core.players import parse_player
from ipd.engine import api
from ipd.strategies import families
from ipd.strategies.families import (
    Cycler,
    Gambler,
    HiddenMarkovModel,
    LookupTable,
    MemoryN,
    MemoryOne,
    NeuralNetwork,
)
from tests.reference import engine as reference_engine

FAMILY_STEPS = (
    families.memory_one_step,
    families.fsm_step,
    families.table_step,
    families.hmm_step,
    families.ann_step,
    families.cycler_step,
)


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    """One kernel for every family step, compiled (or loaded) once for the module."""
    api.kernels(FAMILY_STEPS)


def cycle(pattern: str) -> ipd.Behaviour:
    return Cycler(pattern).behaviour()


OPPONENTS = {
    "allc": cycle("C"),
    "alld": cycle("D"),
    "alternator": cycle("CD"),  # C, D, C, D, ...
    "ccd": cycle("CCD"),
    "tft": parse_player("tft").behaviour(Game()),
}


def play(shape, opponent, turns=12, *, seed=0, noise=0.0):
    """The shape's moves and the opponent's, as strings."""
    other = OPPONENTS[opponent] if isinstance(opponent, str) else opponent
    record = api.play_match(
        shape.behaviour(),
        other,
        length=turns,
        reveal_length=False,
        payoffs=(3.0, 0.0, 5.0, 1.0),
        noise=noise,
        seed=seed,
    )
    return moves_to_string(record.moves_a), moves_to_string(record.moves_b)


def mine(shape, opponent, turns=12, **kw):
    return play(shape, opponent, turns, **kw)[0]


# --------------------------------------------------------------------------- (a) validation

ONE_ONE_ONE = {"plays": 1, "op_plays": 1, "op_start_plays": 1}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {**ONE_ONE_ONE, "table": "CDDC"},
            r"^table must have 8 entries \(2\^3 keys for plays=1, op_plays=1, "
            r"op_start_plays=1\), got 4$",
        ),
        ({**ONE_ONE_ONE, "table": "CDDCCDDX"}, r"^table: a move must be 'C' or 'D', got 'X'$"),
        ({**ONE_ONE_ONE, "table": 7}, r"^table must be a string of C and D or a list of moves"),
        (
            {**ONE_ONE_ONE, "table": "CDDCCDDC", "initial": "CC"},
            r"^initial must have 1 entries \(one per turn before the table applies",
        ),
        ({"plays": -1, "op_plays": 1, "op_start_plays": 0, "table": "CD"}, "^plays must be"),
        ({"plays": 1.5, "op_plays": 1, "op_start_plays": 0, "table": "CD"}, "^plays must be a"),
        (
            {"plays": 9, "op_plays": 8, "op_start_plays": 0, "table": "C"},
            r"^plays \+ op_plays \+ op_start_plays must be at most 16, got 17$",
        ),
    ],
)
def test_lookup_table_refuses_bad_values(kwargs, message):
    with pytest.raises(IpdError, match=message):
        LookupTable(**kwargs)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([0.5, 1.5], r"^table\[1\] must be a probability in \[0, 1\], got 1.5$"),
        ([-0.1, 1], r"^table\[0\] must be a probability in \[0, 1\], got -0.1$"),
        ([0.5, "often"], r"^table\[1\] must be a probability, got 'often'$"),
        ([0.5, 0.5, 0.5], r"^table must have 2 entries \(2\^1 keys"),
    ],
)
def test_gambler_refuses_bad_probabilities(table, message):
    with pytest.raises(IpdError, match=message):
        Gambler(0, 1, 0, table)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 2, "p": [1.0] * 15}, r"^p must have 16 entries \(one per history of the last 2 "),
        ({"n": 1, "p": [1, 0, 2, 0]}, r"^p\[2\] must be a probability in \[0, 1\], got 2$"),
        ({"n": 0, "p": [1.0]}, "^n must be between 1 and 8, got 0$"),
        ({"n": 9, "p": [1.0]}, "^n must be between 1 and 8, got 9$"),
        ({"n": 2, "p": [1.0] * 16, "first": "C"}, r"^first must have 2 entries"),
        ({"n": 1, "p": [1.0] * 4, "first": [1.2]}, r"^first\[0\] must be a probability"),
    ],
)
def test_memory_n_refuses_bad_values(kwargs, message):
    with pytest.raises(IpdError, match=message):
        MemoryN(**kwargs)


IDENTITY = [[1, 0], [0, 1]]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"transitions_c": [[0.5, 0.4], [0, 1]]}, r"^transitions_c\[0\] must sum to 1, got 0.9$"),
        ({"transitions_d": [[1, 0]]}, r"^transitions_d must be a list of 2 rows \(one per state"),
        ({"transitions_c": [[1], [1]]}, r"^transitions_c\[0\] must have 2 entries"),
        ({"transitions_c": [[1.5, -0.5], [0, 1]]}, r"^transitions_c\[0\]\[0\] must be a prob"),
        ({"emissions": [1, 1.1]}, r"^emissions\[1\] must be a probability in \[0, 1\], got 1.1$"),
        ({"emissions": []}, "^emissions must have 1 to 64 entries"),
        ({"initial_state": 2}, r"^initial state 2 is not one of 0..1$"),
        ({"initial_action": "X"}, "^a move must be 'C' or 'D', got 'X'$"),
    ],
)
def test_hidden_markov_model_refuses_bad_values(kwargs, message):
    values = {"transitions_c": IDENTITY, "transitions_d": IDENTITY, "emissions": [1, 0]}
    with pytest.raises(IpdError, match=message):
        HiddenMarkovModel(**{**values, **kwargs})


ZERO_ROW = [0.0] * 17


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hidden_weights": [[0.0] * 16]}, r"^hidden_weights\[0\] must be a list of 17 numbers"),
        ({"hidden_weights": []}, "^hidden_weights must be a list of 1 to 256 rows of 17 weights$"),
        ({"output_weights": [1.0, 2.0]}, "^output_weights must be a list of 1 numbers, got 2$"),
        ({"biases": [float("nan")]}, r"^biases\[0\] must be a finite number, got nan$"),
        ({"biases": ["x"]}, r"^biases\[0\] must be a finite number, got 'x'$"),
        ({"axelrod_relu": "yes"}, "^axelrod_relu must be true or false, got 'yes'$"),
    ],
)
def test_neural_network_refuses_bad_values(kwargs, message):
    values = {"hidden_weights": [ZERO_ROW], "output_weights": [1.0], "biases": [0.0]}
    with pytest.raises(IpdError, match=message):
        NeuralNetwork(**{**values, **kwargs})


def test_neural_network_reads_the_flat_layout_and_checks_its_length():
    flat = [float(k) for k in range(2 * 19)]
    net = NeuralNetwork.from_flat(flat, 2)
    assert net.hidden_weights == (tuple(flat[:17]), tuple(flat[17:34]))
    assert net.output_weights == (34.0, 35.0)
    assert net.biases == (36.0, 37.0)
    with pytest.raises(IpdError, match=r"^2 hidden units need 38 weights, got 37$"):
        NeuralNetwork.from_flat(flat[:-1], 2)


@pytest.mark.parametrize(
    ("cycle_", "message"),
    [
        ("", "^cycle must have 1 to 4096 moves, got 0$"),
        ("CCX", "^cycle: a move must be 'C' or 'D', got 'X'$"),
        (3, "^cycle must be a string of C and D or a list of moves, got 3$"),
    ],
)
def test_cycler_refuses_bad_cycles(cycle_, message):
    with pytest.raises(IpdError, match=message):
        Cycler(cycle_)


# --------------------------------------------------------------------------- (b) behaviour


def test_lookup_table_on_the_opponents_last_move_is_tit_for_tat():
    tft = LookupTable(0, 1, 0, "CD")  # key: opponent's last move; first move C by default
    assert mine(tft, "alternator") == "C" + "CD" * 5 + "C"
    assert mine(tft, "ccd") == "C" + "CCD" * 3 + "CC"


def test_lookup_table_puts_own_moves_before_the_opponents():
    # Keys (own last, opponent's last): CC -> C, CD -> D, DC -> D, DD -> C is
    # win-stay lose-shift; with the opposite order the table would be the same
    # here, so use an asymmetric one: CC -> C, CD -> C, DC -> D, DD -> D plays
    # its own last move again (C for ever after a first C, D for ever after D).
    assert mine(LookupTable(1, 1, 0, "CCDD"), "alternator") == "C" * 12
    assert mine(LookupTable(1, 1, 0, "CCDD", initial="D"), "allc") == "D" * 12
    # The other order (opponent's move first) would copy the opponent instead.
    assert mine(LookupTable(1, 1, 0, "CDCD"), "alternator") == "C" + "CD" * 5 + "C"


def test_lookup_table_reads_oldest_moves_first():
    # Keys: the opponent's last two moves, older first. D only after (D, C): against
    # C, C, D it defects on the move after the C that follows each D (0-based 4, 7, 10).
    table = LookupTable(0, 2, 0, "CCDC")  # CC -> C, CD -> C, DC -> D, DD -> C
    assert mine(table, "ccd") == "CCCCDCCDCCDC"


def test_lookup_table_keys_on_the_opponents_first_moves_for_the_whole_match():
    # Key: the opponent's first move only; it copies it for ever after one initial C.
    copy_opening = LookupTable(0, 0, 1, "CD")
    assert mine(copy_opening, "alternator") == "C" * 12
    assert mine(copy_opening, OPPONENTS["alld"]) == "C" + "D" * 11
    assert mine(copy_opening, cycle("DCC")) == "C" + "D" * 11
    assert copy_opening.memory_depth is None


def test_lookup_table_plays_its_initial_moves_before_the_table_applies():
    # Depth 3 (three opening moves): D, D, C, then tit for tat on the opponent's last move
    # (the opening key is read but the table ignores it).
    table = LookupTable(0, 1, 3, "C" * 8 + "D" * 8, initial="DDC")
    assert mine(table, "allc") == "DDC" + "C" * 9
    assert mine(table, "alld") == "DDC" + "D" * 9


def test_gambler_with_certain_entries_is_the_lookup_table():
    certain = Gambler(1, 2, 0, [1, 0, 1, 0, 0, 1, 0, 0], initial=[1, 1])
    table = LookupTable(1, 2, 0, "CDCDDCDD", initial="CC")
    assert certain.behaviour().params.tolist() == table.behaviour().params.tolist()
    assert not certain.stochastic
    assert Gambler(1, 2, 0, "CDCDDCDD").behaviour().params.tolist() == (
        table.behaviour().params.tolist()
    )


def test_gambler_co_operates_with_its_tables_probability():
    # After the opponent's C it co-operates with probability 0.25: over 4000 moves
    # against a co-operator the rate is 0.25 within five standard errors (0.034).
    quarter = Gambler(0, 1, 0, [0.25, 0.0])
    moves = mine(quarter, "allc", 4001, seed=3)[1:]
    assert abs(moves.count("C") / 4000 - 0.25) < 5 * (0.25 * 0.75 / 4000) ** 0.5


def test_memory_n_with_n_1_plays_exactly_as_memory_one():
    # Same probabilities drawn from the same stream in the same order: same moves.
    vector, first = (0.9, 0.2, 0.6, 0.4), 0.7
    one = MemoryOne(*vector, first=first)
    n1 = MemoryN(1, vector, first=[first])
    for opponent in ("alternator", "ccd", "tft"):
        for seed in (1, 2, 3):
            assert mine(n1, opponent, 40, seed=seed) == mine(one, opponent, 40, seed=seed)


def test_memory_two_reads_the_opponents_last_two_moves_older_first():
    # Tit for two tats as a memory-two table: D only when the opponent's last two
    # moves were D, D (indices whose last two bits are 1, 1).
    tf2t = MemoryN(2, [0.0 if k % 4 == 3 else 1.0 for k in range(16)], first="CC")
    assert mine(tf2t, "alld") == "CC" + "D" * 10
    assert mine(tf2t, "alternator") == "C" * 12
    assert mine(tf2t, "ccd") == "C" * 12


def test_memory_two_reads_its_own_last_two_moves_older_first():
    # C exactly when its own move two turns ago was D (bit 3 of the index): first
    # moves C, D, then D (two ago: C), C (two ago: D), C, D, D, C, ...
    shape = MemoryN(2, [1.0 if k & 8 else 0.0 for k in range(16)], first="CD")
    assert mine(shape, "alld") == "CDDC" * 3


def test_hidden_markov_model_with_certain_values_is_a_finite_state_machine():
    # State 0 emits C, state 1 emits D; after C go to 0, after D to 1: tit for tat.
    tft = HiddenMarkovModel(
        [[1, 0], [1, 0]], [[0, 1], [0, 1]], [1, 0], initial_state=0, initial_action="C"
    )
    assert not tft.stochastic
    assert mine(tft, "alternator") == "C" + "CD" * 5 + "C"
    assert mine(tft, "ccd") == "C" + "CCD" * 3 + "CC"


def test_hidden_markov_model_draws_the_next_state_from_the_row():
    # From either state, the opponent's C leads to state 0 (emits C) with probability
    # 0.25 and to state 1 (emits D) otherwise: against a co-operator, C a quarter of
    # the time after the first move.
    row = [0.25, 0.75]
    shape = HiddenMarkovModel([row, row], [row, row], [1, 0], initial_action="D")
    moves = mine(shape, "allc", 4001, seed=11)
    assert moves[0] == "D"
    assert abs(moves[1:].count("C") / 4000 - 0.25) < 5 * (0.25 * 0.75 / 4000) ** 0.5


def one_unit(feature: int, bias: float, *, weight: float = 1.0) -> NeuralNetwork:
    """One hidden unit reading one feature: C when weight * feature + bias > 0."""
    row = [0.0] * 17
    row[feature] = weight
    return NeuralNetwork([row], [1.0], [bias])


# The opponent C, C, D, C, C, D, ... and what each feature is before each of our moves.
FEATURE_TRANSCRIPTS = {
    # 0/1: opponent's first move C / D: 0 before it is played, then 1 / 0 for ever.
    0: "D" + "C" * 11,
    1: "D" * 12,
    # 2/3: opponent's second move C / D (C): known from our third move.
    2: "DD" + "C" * 10,
    3: "D" * 12,
    # 8/9: opponent's last move C / D: C, C, D, ... lagged by one (first move: 0, 0).
    8: "DCCDCCDCCDCC",
    9: "DDDCDDCDDCDD",
    # 10/11: opponent's move before last C / D: lagged by two.
    10: "DDCCDCCDCCDC",
    11: "DDDDCDDCDDCD",
}


@pytest.mark.parametrize("feature", sorted(FEATURE_TRANSCRIPTS))
def test_neural_network_features_of_the_opponents_moves(feature):
    assert mine(one_unit(feature, -0.5), "ccd") == FEATURE_TRANSCRIPTS[feature]


def test_neural_network_features_of_its_own_moves():
    # Feature 4 (own last move was C) with a weight of -1 and a bias of 0.5: C when its
    # last move was not C: D, C, D, C, ... alternates (first move: the feature is 0).
    assert mine(one_unit(4, 0.5, weight=-1.0), "allc") == "CD" * 6
    # Feature 5 (own last move was D): C when its last move was D: D, C, D, C, ...
    assert mine(one_unit(5, -0.5), "allc") == "DC" * 6
    # Features 6 and 7 (own move before last): with feature 7 (it was D), C two moves
    # after each D: D, D, C, C, D, D, C, C, ...
    assert mine(one_unit(7, -0.5), "allc") == "DDCC" * 3
    assert mine(one_unit(6, 0.5, weight=-1.0), "allc") == "CCDD" * 3


def test_neural_network_counts_and_turn_features():
    # 12: opponent's co-operations so far, bias -2.5: C once it has co-operated three
    # times; against C, C, D that is from our fifth move (after C, C, D, C).
    assert mine(one_unit(12, -2.5), "ccd") == "DDDDCCCCCCCC"
    # 13: opponent's defections; bias -1.5: C once it has defected twice (moves 3, 6).
    assert mine(one_unit(13, -1.5), "ccd") == "DDDDDDCCCCCC"
    # 14 / 15: own co-operations / defections. With feature 15 and bias -2.5 it
    # defects three times, then co-operates for ever.
    assert mine(one_unit(15, -2.5), "alld") == "DDD" + "C" * 9
    assert mine(one_unit(14, -0.5), "alld") == "D" * 12
    # 16: the number of turns played, bias -3.5: C from the fifth move on.
    assert mine(one_unit(16, -3.5), "alld") == "DDDD" + "C" * 8


def test_neural_network_sums_the_hidden_units_with_their_output_weights():
    # Unit 0 follows the opponent's last C, unit 1 its last D with weight 2: output
    # = h0 - h1 with h0 = 1.5 * [C] - 0.5 > 0 only after C, h1 = 2 [D] - 1 > 0 only after
    # D. So tit for tat, except the first move (both units off: output 0, D).
    rows = [[0.0] * 17, [0.0] * 17]
    rows[0][8], rows[1][9] = 1.5, 2.0
    net = NeuralNetwork(rows, [1.0, -1.0], [-0.5, -1.0])
    assert mine(net, "alternator") == "D" + "CD" * 5 + "C"


def test_neural_network_axelrod_relu_truncates_the_activations():
    # Unit 0's input is -1 (inactive), unit 1's is 0.5 with output weight 1: the plain
    # rectifier gives output 0.5 (C); Axelrod-Python's truncates 0.5 to 0 (D).
    rows = [[0.0] * 17, [0.0] * 17]
    plain = NeuralNetwork(rows, [1.0, 1.0], [-1.0, 0.5])
    quirky = NeuralNetwork(rows, [1.0, 1.0], [-1.0, 0.5], axelrod_relu=True)
    assert mine(plain, "allc", 3) == "CCC"
    assert mine(quirky, "allc", 3) == "DDD"
    # With unit 0 active nothing is truncated: output 1.2 - 1.1 > 0 (C), where truncated
    # activations would give 1 - 1 = 0 (D).
    active = NeuralNetwork(rows, [1.0, -1.0], [1.2, 1.1], axelrod_relu=True)
    assert mine(active, "allc", 3) == "CCC"


def test_cycler_plays_its_cycle_whatever_the_opponent_does():
    for opponent in OPPONENTS:
        assert mine(Cycler("CCDCD"), opponent, 12) == "CCDCDCCDCDCC"
        assert mine(Cycler(["D", "C"]), opponent, 5) == "DCDCD"


def test_cycler_position_follows_the_turn_even_with_noise():
    # With noise, a flipped move does not shift the cycle: every turn whose move was
    # not flipped shows the cycle's move, so the moves differ from the cycle only on
    # about noise * turns turns (not on everything after the first flip).
    moves = mine(Cycler("CCD"), "allc", 300, seed=5, noise=0.05)
    differ = sum(a != b for a, b in zip(moves, "CCD" * 100, strict=True))
    assert 0 < differ < 45


# --------------------------------------------------------------------------- (c) classifiers


def test_memory_depth_and_stochasticity_follow_from_the_values():
    assert LookupTable(2, 1, 0, "C" * 8).memory_depth == 2
    assert LookupTable(0, 1, 2, "C" * 8).memory_depth is None
    assert Gambler(1, 1, 0, [1, 0.5, 0, 0]).stochastic
    assert not Gambler(1, 1, 0, [1, 1, 0, 0], initial=[0]).stochastic
    assert Gambler(1, 1, 0, [1, 1, 0, 0], initial=[0.5]).stochastic
    assert MemoryN(3, [0.5] * 64, first=[0.5] * 3).memory_depth == 0
    assert MemoryN(3, [0.5] * 64).memory_depth == 3  # first moves C, table 0.5: not constant
    assert MemoryN(2, [1] * 16).behaviour().stochastic is False
    row = [0.5, 0.5]
    assert HiddenMarkovModel([row, row], IDENTITY, [1, 0]).stochastic
    assert HiddenMarkovModel([[1]], [[1]], [0.5]).memory_depth == 1
    assert Cycler("DDD").memory_depth == 0
    assert Cycler("DDC").memory_depth is None


def test_table_parameter_vector_is_header_initial_moves_then_table():
    params = LookupTable(1, 2, 0, "CDCDDCDD", initial="DC").behaviour().params
    assert params.dtype == np.float64
    # header (1, 2, 0, depth 2), initial D, C as P(C) = 0, 1, then P(C) per entry.
    assert params.tolist() == [1, 2, 0, 2, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0]


# --------------------------------------------------------------------------- (d) twins

probabilities = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))
moves_ = st.sampled_from("CD")


@st.composite
def tables(draw):
    sizes = [draw(st.integers(0, 2)) for _ in range(3)]
    depth, entries = max(sizes), 2 ** sum(sizes)
    if draw(st.booleans()):
        table = "".join(draw(st.lists(moves_, min_size=entries, max_size=entries)))
        initial = "".join(draw(st.lists(moves_, min_size=depth, max_size=depth)))
        return LookupTable(*sizes, table, initial=initial)
    table = draw(st.lists(probabilities, min_size=entries, max_size=entries))
    initial = draw(st.lists(probabilities, min_size=depth, max_size=depth))
    return Gambler(*sizes, table, initial=initial)


@st.composite
def memory_ns(draw):
    n = draw(st.integers(1, 3))
    p = draw(st.lists(probabilities, min_size=4**n, max_size=4**n))
    return MemoryN(n, p, first=draw(st.lists(probabilities, min_size=n, max_size=n)))


@st.composite
def stochastic_rows(draw, n):
    # Rows that sum to 1 (within the family's tolerance): normalised positive weights,
    # or a certain transition.
    if draw(st.booleans()):
        row = [0.0] * n
        row[draw(st.integers(0, n - 1))] = 1.0
        return row
    weights = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(any))
    return [w / sum(weights) for w in weights]


@st.composite
def hmms(draw):
    n = draw(st.integers(1, 4))
    after_c = [draw(stochastic_rows(n)) for _ in range(n)]
    after_d = [draw(stochastic_rows(n)) for _ in range(n)]
    emissions = draw(st.lists(probabilities, min_size=n, max_size=n))
    return HiddenMarkovModel(
        after_c,
        after_d,
        emissions,
        initial_state=draw(st.integers(0, n - 1)),
        initial_action=draw(moves_),
    )


weights_ = st.floats(-3.0, 3.0, allow_nan=False)


@st.composite
def networks(draw):
    hidden = draw(st.integers(1, 4))
    rows = [draw(st.lists(weights_, min_size=17, max_size=17)) for _ in range(hidden)]
    output = draw(st.lists(weights_, min_size=hidden, max_size=hidden))
    biases = draw(st.lists(weights_, min_size=hidden, max_size=hidden))
    return NeuralNetwork(rows, output, biases, axelrod_relu=draw(st.booleans()))


cyclers = st.lists(moves_, min_size=1, max_size=7).map(lambda m: Cycler("".join(m)))
shapes = st.one_of(tables(), memory_ns(), hmms(), networks(), cyclers)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    a=shapes,
    b=shapes,
    length=st.integers(1, 120),
    noise=st.one_of(st.just(0.0), st.floats(0.0, 0.5)),
    seed=st.integers(0, 2**63 - 1),
)
def test_compiled_steps_match_their_twins(a, b, length, noise, seed):
    settings_ = {
        "length": length,
        "reveal_length": False,
        "payoffs": (3.0, 0.0, 5.0, 1.0),
        "noise": noise,
        "seed": seed,
        "rep": 1,
        "row": 2,
        "col": 3,
    }
    record = api.play_match(a.behaviour(), b.behaviour(), **settings_)
    moves_a, moves_b, score_a, score_b = reference_engine.reference_match(
        a.behaviour(), b.behaviour(), **settings_
    )
    assert record.moves_a.tolist() == moves_a
    assert record.moves_b.tolist() == moves_b
    assert (record.score_a, record.score_b) == (score_a, score_b)
