"""The data-defined strategies: trained tables, networks, hidden Markov models and machines,
Ashlock's machines, cyclers and memory-two rules.

(a) Transcripts worked out by hand from the published tables (comments say how), 20 turns
    against Cooperator, Defector, Alternator, Tit For Tat and a C, C, D cycle.
(b) Transcripts played by Axelrod-Python 4.14 (tests/data/axelrod_family_transcripts.csv,
    40 turns, the same five opponents; see the file's header): every deterministic port
    plays them, in both seats, and so do the stochastic ones where their path is certain.
(c) Published numbers: the parameter vectors the strategies are built from.
(d) Stochastic rules: co-operation frequencies match the published probabilities; against
    Random with a fixed seed they repeat their moves, and play those of their plain-Python
    twins (an independent derivation of the seeded transcript).
(e) Registration: ids, Axelrod-Python names, sources, tags, classifiers.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from itertools import product
from pathlib import Path

import numpy as np
import pytest

import ipd
from ipd import Game
from ipd.core.game import moves_to_string
from ipd.core.players import parse_player
from ipd.engine import api
from ipd.strategies import families, get
from tests.reference import engine as reference_engine

DATA = Path(__file__).parent / "data" / "axelrod_family_transcripts.csv"

PORTS = {
    "memory_two": ["aon2", "delayed_aon1"],
    "lookup_table": ["evolved_lookerup_1_1_1", "evolved_lookerup_2_2_2", "winner12", "winner21"],
    "gambler": [
        "pso_gambler_mem1",
        "pso_gambler_1_1_1",
        "pso_gambler_2_2_2",
        "pso_gambler_2_2_2_noise05",
        "zd_mem2",
    ],
    "ann": ["evolved_ann", "evolved_ann_5", "evolved_ann_5_noise05"],
    "hmm": ["evolved_hmm_5"],
    "fsm": [
        "fortress3",
        "fortress4",
        "predator",
        "pun1",
        "raider",
        "ripoff",
        "usually_cooperates",
        "usually_defects",
        "solution_b1",
        "solution_b5",
        "thumper",
        "evolved_fsm_4",
        "evolved_fsm_6",
        "evolved_fsm_16",
        "evolved_fsm_16_noise05",
        "tf1",
        "tf2",
        "tf3",
    ],
    "cycler": [
        "cycler_dc",
        "cycler_ccd",
        "cycler_ddc",
        "cycler_cccd",
        "cycler_cccccd",
        "cycler_cccdcd",
    ],
}
ALL = [sid for ids in PORTS.values() for sid in ids]
STOCHASTIC = [sid for sid in ALL if get(sid).stochastic]
DETERMINISTIC = [sid for sid in ALL if not get(sid).stochastic]
GAME = Game()
PAYOFFS = (3.0, 0.0, 5.0, 1.0)


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    """One kernel for every step these strategies and their opponents play."""
    api.kernels(
        (
            families.memory_one_step,
            families.fsm_step,
            families.table_step,
            families.hmm_step,
            families.ann_step,
            families.cycler_step,
        )
    )


OPPONENTS = {
    "allc": parse_player("allc").behaviour(GAME),
    "alld": parse_player("alld").behaviour(GAME),
    "alternator": parse_player("alternator").behaviour(GAME),  # C, D, C, D, ...
    "tft": parse_player("tft").behaviour(GAME),
    "cycle": families.Cycler("CCD").behaviour(),  # C, C, D, C, C, D, ...
    "random": parse_player("random").behaviour(GAME),
}


def behaviour(sid):
    return parse_player(sid).behaviour(GAME)


def play(sid, opponent, turns, *, seed=0, swap=False):
    """The strategy's moves and the opponent's (whatever the seat), as strings."""
    me, other = behaviour(sid), OPPONENTS[opponent]
    a, b = (other, me) if swap else (me, other)
    record = api.play_match(
        a, b, length=turns, reveal_length=False, payoffs=PAYOFFS, noise=0.0, seed=seed
    )
    moves = (moves_to_string(record.moves_a), moves_to_string(record.moves_b))
    return moves[::-1] if swap else moves


# --------------------------------------------------------------------------- (a) by hand

ALL_C, ALL_D = "C" * 20, "D" * 20
OPPONENT_MOVES = {
    "allc": lambda mine: "C" * len(mine),
    "alld": lambda mine: "D" * len(mine),
    "alternator": lambda mine: ("CD" * len(mine))[: len(mine)],
    "tft": lambda mine: ("C" + mine)[: len(mine)],
    "cycle": lambda mine: ("CCD" * len(mine))[: len(mine)],
}

HAND = {
    # Cyclers: their cycle, whatever the opponent does.
    **{
        (f"cycler_{c.lower()}", opp): (c * 20)[:20]
        for c in ("DC", "CCD", "DDC", "CCCD", "CCCCCD", "CCCDCD")
        for opp in OPPONENT_MOVES
    },
    # AON2 (C C first): C only if own and opponent's moves agreed in both of the last two
    # rounds. Against a defector: CD, CD -> D; CD, DD -> D; DD, DD -> C; DD, CD -> D, ...
    ("aon2", "allc"): ALL_C,
    ("aon2", "alld"): "CC" + "DDC" * 6,
    ("aon2", "alternator"): "CC" + "D" * 18,  # its D's never meet two agreeing rounds
    ("aon2", "tft"): ALL_C,
    ("aon2", "cycle"): "CCC" + "D" * 17,
    # Delayed AON1: C after (own two; opponent's two) CC;CC, CD;CD, CD;DD, DC;DC, DD;CD,
    # DD;DD. Against a defector: CC;DD -> D, CD;DD -> C, DC;DD -> D, CD;DD -> C, ...
    ("delayed_aon1", "allc"): ALL_C,
    ("delayed_aon1", "alld"): "CC" + "DC" * 9,
    # alternator: CC;CD -> D, CD;DC -> D, DD;CD -> C, DC;DC -> C, CC;CD -> D, ...
    ("delayed_aon1", "alternator"): "CC" + "DDCC" * 4 + "DD",
    ("delayed_aon1", "tft"): ALL_C,
    # cycle: CC;CC -> C, CC;CD -> D, CD;DC -> D, DD;CC -> D, DD;CD -> C, DC;DC -> C,
    # CC;CC -> C, and again.
    ("delayed_aon1", "cycle"): "CCC" + "DDDCCC" * 2 + "DDDCC",
    # Winner12 (own last; opponent's last two), C C first: after its own C it copies the
    # opponent's last move; after its own D it plays C only after the opponent's C, D.
    ("winner12", "allc"): ALL_C,
    ("winner12", "alld"): "CC" + "D" * 18,
    ("winner12", "alternator"): "CCDD" * 5,  # C;CD -> D, D;DC -> D, D;CD -> C, C;DC -> C
    ("winner12", "tft"): ALL_C,
    # cycle: C;CC -> C, C;CD -> D, D;DC -> D, D;CC -> D, D;CD -> C, C;DC -> C, C;CC -> C ...
    ("winner12", "cycle"): "CCC" + "DDDCCC" * 2 + "DDDCC",
    # Evolved LookerUp 1 1 1 (own last, opponent's last, opponent's first), C first: with an
    # opponent that opened with C, C only after CC; with one that opened D, C only after DC.
    ("evolved_lookerup_1_1_1", "allc"): ALL_C,
    ("evolved_lookerup_1_1_1", "alld"): "C" + "D" * 19,  # CD with opening D -> D, DD -> D
    ("evolved_lookerup_1_1_1", "alternator"): "CC" + "D" * 18,
    ("evolved_lookerup_1_1_1", "tft"): ALL_C,
    ("evolved_lookerup_1_1_1", "cycle"): "CCC" + "D" * 17,
    # Fortress3 (D first): D until the opponent defects twice running (then C), C while
    # the opponent co-operates after that, a D starts again.
    ("fortress3", "allc"): ALL_D,
    ("fortress3", "alld"): "DDC" * 6 + "DD",  # D, D, C on each handshake, the third D resets
    ("fortress3", "alternator"): ALL_D,  # never two D's in a row
    ("fortress3", "cycle"): ALL_D,
    # Against TFT (which echoes it): D, D, then the echo D, D opens the fortress (C), the
    # echo of D resets, the echo of C keeps state 1: D, C, D, D repeating from move 3.
    ("fortress3", "tft"): "DD" + "DCDD" * 4 + "DC",
    # Thumper (C first): a defection, seen in its calm state, costs two D's.
    ("thumper", "allc"): ALL_C,
    ("thumper", "alld"): "C" + "D" * 19,
    ("thumper", "alternator"): "CC" + "D" * 18,
    ("thumper", "tft"): ALL_C,
    ("thumper", "cycle"): "CCC" + "DDC" * 5 + "DD",
    # Pun1 (D first): C on every other move whatever happened, tit for tat in between.
    ("pun1", "allc"): "D" + "C" * 19,
    ("pun1", "alld"): "D" + "CD" * 9 + "C",
    ("pun1", "alternator"): "D" + "CD" * 9 + "C",  # the TFT moves answer its D's
    ("pun1", "tft"): "D" + "CD" * 9 + "C",
    ("pun1", "cycle"): "D" + "CCCCCD" * 3 + "C",  # TFT moves meet the cycle's D every 6
    # Ripoff (D first): alternates C, D against co-operation; the opponent's first D (seen
    # in either of its first two states) is answered with C and makes it tit for tat.
    ("ripoff", "allc"): "DC" * 10,
    ("ripoff", "alld"): "DC" + "D" * 18,
    ("ripoff", "alternator"): "DCC" + "CD" * 8 + "C",
    ("ripoff", "tft"): "D" + "C" * 19,
    ("ripoff", "cycle"): "DCDC" + "CCD" * 5 + "C",
    # SolutionB1 (D first): D until it has answered the opponent's first C, then C.
    ("solution_b1", "allc"): "DD" + "C" * 18,
    ("solution_b1", "alld"): ALL_D,
    ("solution_b1", "alternator"): "DD" + "C" * 18,
    ("solution_b1", "tft"): "DD" + "C" * 18,
    ("solution_b1", "cycle"): "DD" + "C" * 18,
    # Usually Cooperates (C first): D only when the opponent's C ends an odd run of D's.
    ("usually_cooperates", "allc"): ALL_C,
    ("usually_cooperates", "alld"): ALL_C,
    ("usually_cooperates", "alternator"): "CCC" + "DC" * 8 + "D",
    ("usually_cooperates", "tft"): ALL_C,
    ("usually_cooperates", "cycle"): "CCCC" + "DCC" * 5 + "D",
    # Usually Defects (D first): C only when the opponent's D ends an odd run of C's.
    ("usually_defects", "allc"): ALL_D,
    ("usually_defects", "alld"): ALL_D,
    ("usually_defects", "alternator"): "DD" + "CD" * 9,
    ("usually_defects", "tft"): "DDC" * 6 + "DD",
    ("usually_defects", "cycle"): ALL_D,  # the cycle's runs of C have length 2
}


def test_hand_transcripts_are_well_formed():
    assert all(len(moves) == 20 and set(moves) <= {"C", "D"} for moves in HAND.values())
    for sid in {s for s, _ in HAND}:
        assert all((sid, opp) in HAND for opp in OPPONENT_MOVES), sid


@pytest.mark.parametrize(("sid", "opponent"), sorted(HAND))
def test_plays_its_hand_derived_transcript_in_either_seat(sid, opponent):
    mine = HAND[sid, opponent]
    expected = (mine, OPPONENT_MOVES[opponent](mine))
    assert play(sid, opponent, 20) == expected
    assert play(sid, opponent, 20, swap=True) == expected


# --------------------------------------------------------------------------- (b) Axelrod-Python


def axelrod_transcripts() -> dict[tuple[str, str], tuple[str, str]]:
    lines = [line for line in DATA.read_text().splitlines() if not line.startswith("#")]
    return {(s, o): (m, t) for s, o, m, t in csv.reader(lines)}


AXELROD = axelrod_transcripts()


def test_axelrod_transcripts_cover_every_deterministic_port():
    assert {s for s, _ in AXELROD} <= set(ALL)
    for sid in DETERMINISTIC:
        assert all((sid, opp) in AXELROD for opp in OPPONENT_MOVES), sid
    assert all(len(m) == len(t) == 40 for m, t in AXELROD.values())


@pytest.mark.parametrize(("sid", "opponent"), sorted(AXELROD))
def test_plays_the_axelrod_python_transcript_in_either_seat(sid, opponent):
    expected = AXELROD[sid, opponent]
    assert play(sid, opponent, 40, seed=17) == expected
    assert play(sid, opponent, 40, seed=18, swap=True) == expected


@pytest.mark.parametrize(("sid", "opponent"), sorted(set(HAND) & set(AXELROD)))
def test_hand_transcripts_agree_with_axelrod_python(sid, opponent):
    assert AXELROD[sid, opponent][0][:20] == HAND[sid, opponent]


# --------------------------------------------------------------------------- (c) published numbers


def vector(sid, **values):
    return get(sid).behaviour(GAME, values).params.tolist()


def test_gambler_tables_are_the_published_probabilities():
    mem1 = vector("pso_gambler_mem1")
    assert mem1 == [1, 1, 0, 1, 1.0, 1.0, 0.52173487, 0.0, 0.12050939]  # header, C first
    one = vector("pso_gambler_1_1_1")
    assert one[5:] == [1.0, 1.0, 0.12304797, 0.57740178, 0.0, 0.0, 0.13581423, 0.11886807]
    for sid in ("pso_gambler_2_2_2", "pso_gambler_2_2_2_noise05"):
        params = vector(sid)
        assert params[:6] == [2, 2, 2, 2, 1, 1]  # sizes, depth 2, C, C first
        assert len(params) == 6 + 64
    assert vector("pso_gambler_2_2_2")[6:14] == [1, 1, 1, 0, 1, 0.95280465, 0, 0]
    assert vector("pso_gambler_2_2_2")[-3:] == [0.24523149, 1.0, 0.0]
    assert vector("pso_gambler_2_2_2_noise05")[6:14] == [1, 1, 0, 0, 0, 1, 0.98603825, 1]
    assert vector("pso_gambler_2_2_2_noise05")[-3:] == [0.0, 1.0, 0.0]
    zd_mem2 = [11 / 12, 4 / 11, 7 / 9, 1 / 10, 5 / 6, 3 / 11, 7 / 9, 1 / 10]
    zd_mem2 += [2 / 3, 1 / 11, 7 / 9, 1 / 10, 3 / 4, 2 / 11, 7 / 9, 1 / 10]
    assert vector("zd_mem2") == [2, 2, 0, 2, 1, 1, *zd_mem2]


def test_network_weights_are_the_published_ones():
    # (17 features, hidden units, Axelrod-Python's rectifier, then the weights.)
    big, five, noisy = (vector(s) for s in PORTS["ann"])
    assert big[:3] == [17, 10, 1] and len(big) == 3 + 10 * 19
    assert five[:3] == [17, 5, 1] and len(five) == 3 + 5 * 19
    assert noisy[:3] == [17, 5, 1] and len(noisy) == 3 + 5 * 19
    assert big[3:6] == [3.459899447605539, 2.1318404265386586, 13.17966613895038]


def test_evolved_hmm_5_is_the_published_model():
    params = vector("evolved_hmm_5")
    assert params[:3] == [5, 3, 0]  # five states, initial state 3, first move C
    after_c, after_d = np.reshape(params[3:28], (5, 5)), np.reshape(params[28:53], (5, 5))
    assert after_c[3].tolist() == [0.631, 0, 0, 0.369, 0]
    assert after_d[4].tolist() == [0, 0.287, 0.456, 0.146, 0.111]
    assert params[53:] == [1, 0, 0, 1, 0.111]


def test_machines_are_renumbered_without_changing_their_transitions():
    # Fortress3 is published with states 1, 2, 3: they become 0, 1, 2.
    params = vector("fortress3")
    assert params[:3] == [3, 0, 1]  # three states, start in (old) 1, first move D
    # (old state 2, opponent D) -> (old state 3, C): row 3 + 4 * 1 + 2.
    assert params[3 + 4 * 1 + 2 : 3 + 4 * 1 + 4] == [2, 0]
    # Evolved FSM 16 has no states 4 and 9: fourteen states remain.
    assert vector("evolved_fsm_16")[0] == 14
    assert vector("evolved_fsm_6")[:2] == [6, 2]  # labels 2..7; it starts in (old) 4


# --------------------------------------------------------------------------- (d) chance


def context_frequencies(sid, turns, seed, key):
    """Co-operation counts by context ``key(own, opp)`` over a long match against Random."""
    mine, theirs = play(sid, "random", turns, seed=seed)
    counts = defaultdict(lambda: [0, 0])
    for t in range(turns):
        k = key(mine[:t], theirs[:t])
        if k is not None:
            counts[k][0] += mine[t] == "C"
            counts[k][1] += 1
    return counts


def assert_frequencies(counts, probability, minimum=150):
    checked = 0
    for k, (c, n) in counts.items():
        if n < minimum:
            continue
        p = probability(k)
        sd = math.sqrt(p * (1 - p) / n)
        assert abs(c / n - p) <= 5 * sd + 1e-12, (k, c, n, p)
        checked += 1
    assert checked


TABLE_KEYS = {
    "pso_gambler_mem1": (1, 1, 0),
    "pso_gambler_1_1_1": (1, 1, 1),
    "pso_gambler_2_2_2": (2, 2, 2),
    "pso_gambler_2_2_2_noise05": (2, 2, 2),
    "zd_mem2": (2, 2, 0),
}


@pytest.mark.parametrize("sid", sorted(TABLE_KEYS))
def test_gamblers_co_operate_with_their_tables_probabilities(sid):
    # Keys rebuilt from the moves as tuples (own last, opponent's last, opponent's first),
    # each table entry looked up in itertools.product order of those tuples.
    plays, op_plays, op_start = TABLE_KEYS[sid]
    depth = max(TABLE_KEYS[sid])
    entries = vector(sid)[4 + depth :]
    keys = list(product(product("CD", repeat=plays), product("CD", repeat=op_plays)))
    keys = [(a, b, c) for (a, b) in keys for c in product("CD", repeat=op_start)]
    table = dict(zip(keys, entries, strict=True))

    def key(own, opp):
        if len(own) < depth:
            return None
        tail = (tuple(own[len(own) - plays :]), tuple(opp[len(opp) - op_plays :]))
        return (*tail, tuple(opp[:op_start]))

    for seed in (1, 2, 3):
        assert_frequencies(context_frequencies(sid, 3000, seed, key), table.get, minimum=100)


def test_evolved_hmm_5_leaves_state_3_as_published_against_a_co_operator():
    # From state 3 the opponent's C leads to state 0 (emits C, then stays there while the
    # opponent co-operates) with probability 0.631, else back to 3 (emits C): always C.
    assert play("evolved_hmm_5", "allc", 50, seed=4)[0] == "C" * 50
    # Against a defector the first transitions are certain: 3 -> 0 (emits C), 0 -> 1
    # (emits D); later ones are drawn.
    for seed in (4, 5, 6):
        assert play("evolved_hmm_5", "alld", 3, seed=seed)[0] == "CCD"


@pytest.mark.parametrize("sid", STOCHASTIC)
def test_stochastic_rule_repeats_with_a_seed_and_follows_its_twin(sid):
    first = play(sid, "random", 60, seed=99)
    assert play(sid, "random", 60, seed=99) == first
    moves_a, moves_b, _, _ = reference_engine.reference_match(
        behaviour(sid),
        OPPONENTS["random"],
        length=60,
        reveal_length=False,
        payoffs=PAYOFFS,
        noise=0.0,
        seed=99,
    )
    assert first == (moves_to_string(np.array(moves_a)), moves_to_string(np.array(moves_b)))
    others = {play(sid, "random", 60, seed=s)[0] for s in range(100, 106)}
    assert len(others | {first[0]}) > 1  # chance shows


# --------------------------------------------------------------------------- (e) registration


@pytest.mark.parametrize("sid", ALL)
def test_registration_metadata(sid):
    info = get(sid)
    assert info.axelrod_name, sid
    assert info.source and info.description and info.name
    assert info.description.endswith(".")
    assert info.uses_length is False and info.uses_payoffs is False
    assert info.tags


def test_axelrod_names_are_unique_and_every_port_is_counted():
    names = [get(sid).axelrod_name for sid in ALL]
    assert len(set(names)) == len(names) == len(ALL) == 39
    assert len(STOCHASTIC) == 6


def test_declared_stochasticity_is_that_of_the_behaviour():
    for sid in ALL:
        assert get(sid).stochastic == behaviour(sid).stochastic, sid


def test_collections_by_source():
    harper = ipd.strategies.collection("harper_2017")
    assert {"evolved_lookerup_2_2_2", "pso_gambler_2_2_2", "evolved_ann", "evolved_hmm_5"} <= set(
        harper
    )
    # The collection gathers every rule from Ashlock's papers: the eleven machines ported
    # here, and rules named there under other names (Anti-TFT is Ashlock's Psycho).
    ashlock = set(ipd.strategies.collection("ashlock"))
    assert set(PORTS["fsm"][:11]) <= ashlock
    assert all("Ashlock" in ipd.strategies.get(s).source for s in ashlock)
    assert set(ipd.strategies.collection("cycler")) == set(PORTS["cycler"])
