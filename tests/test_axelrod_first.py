"""The rules of Axelrod's first tournament (ipd/strategies/builtin/axelrod_first.py).

(a) Transcripts against fixed opponents, derived by hand from each rule's
    description and the interpretations in its docstring (the comment above
    each block says how); for the random rules, properties that hold for any
    seed, frequencies over fixed seeds, and reproducibility.
(b) The compiled engine plays exactly the moves of the plain-Python reference
    engine for all fifteen rules against each other, with and without noise.
(c) The paper's Table 3 game: TIT FOR TAT 236, JOSS 241.
(d) The collection ``axelrod_1980_first`` holds the fifteen rules.

Move numbers in comments count from 1, as the paper does; indices from 0.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np
import pytest

import ipd
from ipd import Game
from ipd.core.players import parse_player
from ipd.engine import api
from tests.reference import engine as reference_engine
from tests.reference.rng import Stream, match_key
from tests.reference.strategies import TWINS

PAYOFFS = (3.0, 0.0, 5.0, 1.0)
FIRST = [
    "tft",
    "tideman_chieruzzi",
    "nydegger",
    "grofman",
    "shubik",
    "stein_rapoport",
    "friedman",
    "davis",
    "graaskamp",
    "downing",
    "feld",
    "joss",
    "tullock",
    "anonymous",
    "random",
]


def cycle(pattern: str) -> ipd.FiniteStateMachine:
    """A machine playing ``pattern`` over and over whatever its opponent does."""
    n = len(pattern)
    rows = [(k, o, (k + 1) % n, pattern[(k + 1) % n]) for k in range(n) for o in "CD"]
    return ipd.FiniteStateMachine(rows, initial_state=0, first_move=pattern[0])


OPPONENTS = {
    "allc": parse_player("allc").behaviour(Game()),
    "alld": parse_player("alld").behaviour(Game()),
    "alternator": parse_player("alternator").behaviour(Game()),  # C, D, C, D, ...
    "tft": parse_player("tft").behaviour(Game()),
    "ccd": cycle("CCD").behaviour(),  # C, C, D, C, C, D, ...
    "ccccd": cycle("CCCCD").behaviour(),
    "dc": cycle("DC").behaviour(),  # D, C, D, C, ...
}


def play(rule, opponent, turns, *, seed=0, reveal_length=True, noise=0.0):
    """Both move strings of ``rule`` (row) against a fixed opponent (column)."""
    me = parse_player(rule).behaviour(Game())
    record = api.play_match(
        me,
        OPPONENTS[opponent],
        length=turns,
        reveal_length=reveal_length,
        payoffs=PAYOFFS,
        noise=noise,
        seed=seed,
    )
    return ipd.core.game.moves_to_string(record.moves_a), ipd.core.game.moves_to_string(
        record.moves_b
    )


def tft_of(moves: str) -> str:
    """What tit for tat plays against ``moves``."""
    return ("C" + moves)[: len(moves)]


# --------------------------------------------------------------------------- (a) transcripts

# (rule, opponent, turns) -> the rule's moves. The match length is told (as in the paper).
TRANSCRIPTS = {
    # TIDEMAN AND CHIERUZZI: tit for tat; the k-th run of his defections, once over,
    # costs k - 1 extra defections; D on the last two moves. No fresh start before move 21.
    ("tideman_chieruzzi", "allc", 20): "C" * 18 + "DD",
    ("tideman_chieruzzi", "alld", 20): "C" + "D" * 19,  # always 5 behind: no fresh start
    ("tideman_chieruzzi", "tft", 20): "C" * 18 + "DD",
    # Alternator: runs of one D each. Run 1: D (tft). Run 2: D + 1 extra. Run 3: D +
    # 2 extra, ... the owed defections pile up and it never co-operates again.
    ("tideman_chieruzzi", "alternator", 20): "CCDC" + "D" * 16,
    # CCD: his runs start on moves 3, 6, 9, 12, 15 (0-based 2, 5, ...). Moves 4: D;
    # 7-8: D + 1 extra; 10-12: D + 2 extra; 13-16: D + 3 extra; 16 onwards D.
    ("tideman_chieruzzi", "ccd", 20): "CCCDCCDDCDDDDDDDDDDD",
    # CCCCD over 60 moves, with the fresh starts worked out by hand in the scores:
    # run 4 ends on move 21 (index 20) and owes 3; on index 21 and 22 his 4 defections
    # in 21-22 moves are within 3 sd of a coin ((2d - n)^2 < 9n); on index 23 they are
    # not, we lead by 25: fresh start, C on 23 and 24 (the new game begins on 24). The
    # next one comes on index 46 (22 moves after 24; lead 55; 9 defections in 46 moves).
    ("tideman_chieruzzi", "ccccd", 60): (
        "CCCCCDCCCCDDCCCDDDCCDDDCCDCCCCDDCCCDDDCCDDDDCDCCCCDCCCCDDCDD"
    ),
    # NYDEGGER: tit for tat for three moves, then A = 16 a(oldest) + 4 a + a(latest)
    # with a = 2 (own D) + 1 (his D); D only for the listed A.
    ("nydegger", "allc", 20): "C" * 20,  # A = 0
    ("nydegger", "tft", 20): "C" * 20,
    # ALLD: C D D (tft), then A = 31 -> D, 63 -> C, 61 -> D, 55 -> D, 31 -> D, 63 -> C...
    ("nydegger", "alld", 20): "CDDD" * 5,
    # Alternator: C C D, then A = 6 -> D, 27 -> C, 44 -> C, 49 -> D, 6 -> D, ...
    ("nydegger", "alternator", 20): "CCDD" * 5,
    # CCD: C C C, then A = 1 -> D, 6 -> D, 26 -> D, 43 -> C, 44 -> C, 48 -> C, 1 -> D, ...
    ("nydegger", "ccd", 20): "CCC" + ("DDDCCC" * 3)[:17],
    # D, C, ...: alone C on move 1, alone D on move 2 -> D on move 3 (tft would play
    # C); then A = 27 -> C, 44 -> C, 49 -> D, 6 -> D, 27 -> C, ...
    ("nydegger", "dc", 20): "CDD" + ("CCDD" * 5)[:17],
    # SHUBIK: after a CD outcome, k defections (k = 1, 2, ...); his defections during a
    # retaliation are ignored.
    ("shubik", "allc", 20): "C" * 20,
    ("shubik", "tft", 20): "C" * 20,
    ("shubik", "alld", 20): "CDCDDCDDDCDDDDCDDDDD",
    ("shubik", "alternator", 20): "CCDCDDCCDDDCDDDDCCDD",
    ("shubik", "ccd", 20): "CCCDCCDDCDDDCCCDDDDC",
    # STEIN AND RAPOPORT: C on moves 1-4, D on the last two, tit for tat otherwise,
    # until a check before move 15, 30, ... gives up on him (then D to the end).
    ("stein_rapoport", "allc", 32): "C" * 30 + "DD",  # C->C transitions only: not random
    ("stein_rapoport", "tft", 32): "C" * 30 + "DD",
    ("stein_rapoport", "alld", 32): "CCCC" + "D" * 28,  # D->D only: not random; tft
    # Alternator: CD, DC, CD on moves 4-6 -> gives up at move 15 (index 14), for good.
    ("stein_rapoport", "alternator", 32): "CCCC" + "DC" * 5 + "D" * 18,
    # CCD: on index 14 its transitions (from C: 9, 5 to C; from D: 4, all to C) give
    # 1/9 + 4 < 5.991, so it looks random -> D from then on.
    ("stein_rapoport", "ccd", 32): "CCCC" + "CCDCCDCCDC" + "D" * 18,
    # The verdict stands: on index 29 the statistic (1/19 + 9 > 5.991, no CD/DC echo)
    # would clear him, and a verdict that lapsed would bring tit for tat back there.
    # FRIEDMAN: C until his first D, then D for ever.
    ("friedman", "allc", 20): "C" * 20,
    ("friedman", "tft", 20): "C" * 20,
    ("friedman", "alld", 20): "C" + "D" * 19,
    ("friedman", "alternator", 20): "CC" + "D" * 18,
    ("friedman", "ccd", 20): "CCC" + "D" * 17,
    # DAVIS: C on moves 1-10, then D for ever if he has ever defected.
    ("davis", "allc", 20): "C" * 20,
    ("davis", "tft", 20): "C" * 20,
    ("davis", "alld", 20): "C" * 10 + "D" * 10,
    ("davis", "alternator", 20): "C" * 10 + "D" * 10,
    ("davis", "ccd", 20): "C" * 10 + "D" * 10,
    # DOWNING: g = P(his C | our C), b = P(his C | our D), 1/2 until observed; C if
    # E_C >= E_D and E_C >= E_alt, alternate if E_alt >= E_D, else D.
    # ALLC: b = 1 from move 3 on, E_D = 5 is best for ever.
    ("downing", "allc", 20): "D" * 20,
    # ALLD: b = 0, g = 1/2: E_C = E_alt = 1.5 > E_D = 1 -> C (twice); then g = 0 -> D.
    ("downing", "alld", 20): "DDCC" + "D" * 16,
    # TFT: D, D; b = 0 -> C (the tie E_C = E_alt goes to C); then g = 1 -> C for ever.
    ("downing", "tft", 20): "DD" + "C" * 18,
    # Alternator: b = 0 -> C on move 3; then b = 1/2, g = 0 -> D for ever.
    ("downing", "alternator", 20): "DDCD" + "D" * 16,
    # CCD: b >= 1/2 whenever it is estimated, g stays 1/2: E_D >= 3 always wins.
    ("downing", "ccd", 20): "D" * 20,
    # GRAASKAMP: tit for tat for 50 moves, D on 51, tit for tat on 52-56, then the
    # checks. TFT: echo CD, DC, CD on 52-54 -> tit for tat, starting with C on 57.
    ("graaskamp", "tft", 70): "C" * 50 + "D" + "CDCDC" + "C" * 14,
    # ALLD: his score over 56 moves is 5 + 55 = 60 <= 135 -> D for ever.
    ("graaskamp", "alld", 70): "C" + "D" * 69,
    # Alternator: tit for tat gives CD, DC, CD on 52-54 (like TFT's echo) and he has
    # 3 + 28 * 5 = 143 > 135 points -> tit for tat from move 57, opening with C.
    ("graaskamp", "alternator", 70): "CC" + "DC" * 24 + "DCDCDC" + "CC" + "DC" * 6,
    # Deterministic rules against which the random rules draw nothing:
    ("grofman", "allc", 20): "C" * 20,  # CC -> C, no draw
    ("grofman", "tft", 20): "C" * 20,
    ("joss", "alld", 20): "C" + "D" * 19,  # D after D, no draw
    ("feld", "alld", 20): "C" + "D" * 19,
    ("tullock", "alld", 20): "C" * 11 + "D" * 9,  # at most 0 C in his last ten: p = 0
}


@pytest.mark.parametrize(("rule", "opponent", "turns"), list(TRANSCRIPTS), ids=lambda x: str(x))
def test_transcript(rule, opponent, turns):
    expected = TRANSCRIPTS[(rule, opponent, turns)]
    assert len(expected) == turns
    mine, _ = play(rule, opponent, turns)
    assert mine == expected


def test_every_rule_has_transcripts_against_every_fixed_opponent():
    # Deterministic rules: a transcript against each of the five standard opponents.
    # Random rules: the property tests below cover them.
    deterministic = [r for r in FIRST if not parse_player(r).info.stochastic and r != "tft"]
    for rule in deterministic:
        for opponent in ("allc", "alld", "alternator", "tft", "ccd"):
            assert any(k[:2] == (rule, opponent) for k in TRANSCRIPTS), (rule, opponent)


def test_tideman_chieruzzi_without_the_length_never_plays_the_final_defections():
    # Unknown length: the remaining-moves condition counts as met, the last two moves
    # cannot be found. Against CCCCD the first 58 moves are as with the length known.
    told, _ = play("tideman_chieruzzi", "ccccd", 60)
    untold, _ = play("tideman_chieruzzi", "ccccd", 60, reveal_length=False)
    assert untold == told[:58] + "CC"
    assert play("tideman_chieruzzi", "allc", 20, reveal_length=False)[0] == "C" * 20
    assert play("stein_rapoport", "allc", 20, reveal_length=False)[0] == "C" * 20


def test_tideman_chieruzzi_fresh_start_forgets_his_earlier_runs():
    # After the fresh start on moves 24-25 the next run is run 1 again: answered by a
    # single D (index 25), not by D plus 4 extra as a fifth run would be.
    mine, his = play("tideman_chieruzzi", "ccccd", 60)
    assert his[24] == "D" and mine[25:27] == "DC"


def test_friedman_is_the_grim_trigger_machine_of_grudger():
    friedman = parse_player("friedman").behaviour(Game())
    grudger = parse_player("grudger").behaviour(Game())
    assert friedman.step is grudger.step
    assert np.array_equal(friedman.params, grudger.params)


def test_nydegger_three_mutual_defections_bring_a_cooperation():
    # The paper: "if all three preceding moves are mutual defection, A = 63 and the rule
    # co-operates". Against ALLD every fourth move is C, right after three DD.
    mine, his = play("nydegger", "alld", 40)
    for k in range(3, 40):
        three_dd = all(mine[j] == his[j] == "D" for j in range(k - 3, k))
        assert (mine[k] == "C") == three_dd


SEEDS = range(12)


def defection_after_opponent_defection_always(rule, opponent, turns=200):
    for seed in SEEDS:
        mine, his = play(rule, opponent, turns, seed=seed)
        assert mine[0] == "C"
        assert all(mine[k] == "D" for k in range(1, turns) if his[k - 1] == "D")


@pytest.mark.parametrize("opponent", ["allc", "alld", "alternator", "tft", "ccd"])
@pytest.mark.parametrize("rule", ["joss", "feld"])
def test_joss_and_feld_never_cooperate_right_after_a_defection(rule, opponent):
    defection_after_opponent_defection_always(rule, opponent)


def cooperation_rate_after(rule, opponent, condition, seeds=range(40), turns=200):
    """Share of C among the rule's moves k >= 1 for which ``condition(k, mine, his)``."""
    hits = total = 0
    for seed in seeds:
        mine, his = play(rule, opponent, turns, seed=seed)
        for k in range(1, turns):
            if condition(k, mine, his):
                total += 1
                hits += mine[k] == "C"
    return hits / total


def test_joss_cooperates_nine_times_in_ten_after_a_cooperation():
    rate = cooperation_rate_after("joss", "allc", lambda k, m, h: True)
    assert rate == pytest.approx(0.9, abs=0.01)  # 7960 draws: sd 0.0034
    rate = cooperation_rate_after("joss:p=0.5", "allc", lambda k, m, h: True)
    assert rate == pytest.approx(0.5, abs=0.02)


def test_feld_cooperation_falls_linearly_to_one_half_by_move_200():
    # After his C, on move m: 1 - 0.5 (m - 1) / 199. Means over moves 2-50 and 151-200.
    seeds = range(80)
    early = cooperation_rate_after("feld", "allc", lambda k, m, h: k < 50, seeds)
    late = cooperation_rate_after("feld", "allc", lambda k, m, h: k >= 150, seeds)
    expected_early = np.mean([1 - 0.5 * k / 199 for k in range(1, 50)])
    expected_late = np.mean([1 - 0.5 * k / 199 for k in range(150, 200)])
    assert early == pytest.approx(expected_early, abs=0.02)
    assert late == pytest.approx(expected_late, abs=0.03)


@pytest.mark.parametrize("opponent", ["allc", "alld", "alternator", "tft", "ccd"])
def test_grofman_cooperates_after_equal_moves_and_two_in_seven_after_unequal(opponent):
    for seed in SEEDS:
        mine, his = play("grofman", opponent, 200, seed=seed)
        assert mine[0] == "C"
        assert all(mine[k] == "C" for k in range(1, 200) if mine[k - 1] == his[k - 1])


def test_grofman_two_in_seven():
    rate = cooperation_rate_after("grofman", "alld", lambda k, m, h: m[k - 1] != h[k - 1])
    assert rate == pytest.approx(2 / 7, abs=0.02)


@pytest.mark.parametrize("opponent", ["alld", "alternator", "ccd"])
def test_grofman_after_dd_zero_repeats_mutual_defection(opponent):
    # The text-consistent option: after DD it defects; after CC and unequal moves it
    # plays as published.
    dd_seen = False
    for seed in SEEDS:
        mine, his = play("grofman:after_dd=0", opponent, 200, seed=seed)
        assert mine[0] == "C"
        for k in range(1, 200):
            if mine[k - 1] == his[k - 1]:
                assert mine[k] == ("C" if mine[k - 1] == "C" else "D")
                dd_seen |= mine[k - 1] == "D"
    assert dd_seen


@pytest.mark.parametrize("opponent", ["allc", "alld", "alternator", "tft", "ccd"])
def test_tullock_cooperates_on_the_first_eleven_moves(opponent):
    for seed in SEEDS:
        mine, his = play("tullock", opponent, 60, seed=seed)
        assert mine[:11] == "C" * 11
        # At most one C among his last ten: probability 0, so D.
        assert all(mine[k] == "D" for k in range(11, 60) if his[k - 10 : k].count("C") <= 1)


def test_tullock_is_ten_points_below_the_opponents_cooperation():
    # His last ten moves always hold 5 C (alternator): 0.5 - 0.1 = 0.4 (the relative
    # reading would give 0.45); against ALLC 0.9.
    assert cooperation_rate_after("tullock", "alternator", lambda k, m, h: k >= 11) == (
        pytest.approx(0.4, abs=0.02)
    )
    assert cooperation_rate_after("tullock", "allc", lambda k, m, h: k >= 11) == (
        pytest.approx(0.9, abs=0.015)
    )


def test_graaskamp_against_a_cooperator_defects_every_6_to_15_moves_after_move_57():
    for seed in range(30):
        mine, _ = play("graaskamp", "allc", 200, seed=seed)
        assert mine[:57] == "C" * 50 + "D" + "C" * 6
        defections = [k for k in range(57, 200) if mine[k] == "D"]
        assert 62 <= defections[0] <= 71
        assert all(6 <= b - a <= 15 for a, b in itertools.pairwise(defections))


def test_graaskamp_against_ccd_checks_on_move_57():
    # Tit for tat of C, C, D: D on every index divisible by 3; D on 51; tit for tat on
    # 52-56 (D C C D C); his score 146 > 135 and the pattern (DC, CC, ...) is none of
    # the recognised ones: C on move 57, then random defections.
    mine, _ = play("graaskamp", "ccd", 57)
    prefix = "".join("D" if k and k % 3 == 0 else "C" for k in range(50))
    assert mine == prefix + "D" + "DCCDC" + "C"


def test_anonymous_ignores_its_opponent_and_starts_at_three_in_ten():
    for seed in SEEDS:
        moves = {opp: play("anonymous", opp, 200, seed=seed)[0] for opp in OPPONENTS}
        assert len(set(moves.values())) == 1
    first_ten = [play("anonymous", "allc", 10, seed=s)[0] for s in range(100)]
    assert sum(m.count("C") for m in first_ten) / 1000 == pytest.approx(0.3, abs=0.045)
    later = [play("anonymous", "allc", 200, seed=s)[0][10:] for s in range(40)]
    assert sum(m.count("C") for m in later) / (190 * 40) == pytest.approx(0.5, abs=0.03)


@pytest.mark.parametrize("rule", [r for r in FIRST if parse_player(r).info.stochastic])
def test_random_rules_repeat_with_the_seed_and_vary_without_it(rule):
    opponent = "alld" if rule == "grofman" else "allc"
    runs = [play(rule, opponent, 200, seed=seed)[0] for seed in (5, 5, 6)]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


# --------------------------------------------------------------------------- (b) engines agree


def assert_engines_agree(a, b, **settings):
    record = api.play_match(a, b, **settings)
    moves_a, moves_b, score_a, score_b = reference_engine.reference_match(a, b, **settings)
    assert record.moves_a.tolist() == moves_a
    assert record.moves_b.tolist() == moves_b
    assert (record.score_a, record.score_b) == (score_a, score_b)


@pytest.mark.parametrize("noise", [0.0, 0.05])
def test_compiled_engine_matches_reference_engine_on_the_whole_tournament(noise):
    behaviours = [parse_player(r).behaviour(Game()) for r in FIRST]
    pairs = itertools.combinations_with_replacement(range(len(FIRST)), 2)
    for i, j in pairs:
        for rep, seed in enumerate((11, 2024)):
            assert_engines_agree(
                behaviours[i],
                behaviours[j],
                length=200,
                reveal_length=True,
                payoffs=PAYOFFS,
                noise=noise,
                seed=seed,
                rep=rep,
                row=i,
                col=j,
            )


def test_compiled_engine_matches_reference_engine_without_the_length():
    behaviours = [parse_player(r).behaviour(Game()) for r in FIRST]
    for i, a in enumerate(behaviours):
        for j in (0, 14, i):  # TFT, RANDOM and its twin
            assert_engines_agree(
                a,
                behaviours[j],
                length=200,
                reveal_length=False,
                payoffs=PAYOFFS,
                noise=0.02,
                seed=99,
                rep=0,
                row=i,
                col=j,
            )


# --------------------------------------------------------------------------- (c) Table 3

# Outcomes of the game in Axelrod's Table 3, move by move: 1 both co-operated, 2 only
# TIT FOR TAT co-operated, 3 only JOSS co-operated, 4 neither.
TABLE_3 = "1111123232323232323232324" + "4" * 175
JOSS_RANDOM_DEFECTIONS = (6, 25)  # moves, counted from 1

# JOSS draws only when TFT co-operated on the move before (after a D it defects for
# sure, and its first move is a sure C). In this game that is moves 2-6 and then the
# odd moves 7-25 while TFT echoes its defection: 15 draws, of which the 5th (move 6)
# and the 15th (move 25) come out as defections.
DEFECTING_DRAWS = (5, 15)
DRAWS = 15


def outcome_codes(tft_moves: str, joss_moves: str) -> str:
    code = {("C", "C"): "1", ("C", "D"): "2", ("D", "C"): "3", ("D", "D"): "4"}
    return "".join(code[pair] for pair in zip(tft_moves, joss_moves, strict=True))


def check_table_3(tft_moves, joss_moves, tft_score, joss_score):
    assert outcome_codes(tft_moves, joss_moves) == TABLE_3
    unprovoked = [
        k + 1 for k in range(200) if joss_moves[k] == "D" and (k == 0 or tft_moves[k - 1] == "C")
    ]
    assert tuple(unprovoked) == JOSS_RANDOM_DEFECTIONS
    assert (tft_score, joss_score) == (236.0, 241.0)


class ScriptedStream:
    """A stand-in random stream: draw n gives 0.95 if n is scripted to defect, else 0.05."""

    def __init__(self, defecting_draws):
        self.defecting_draws = set(defecting_draws)
        self.draws = 0

    def uniform(self):
        self.draws += 1
        return 0.95 if self.draws in self.defecting_draws else 0.05

    def bernoulli(self, p):
        if p >= 1.0:
            return True
        if p <= 0.0:
            return False
        return self.uniform() < p


def test_table_3_with_scripted_draws_in_the_reference_engine(monkeypatch):
    joss_stream = ScriptedStream(DEFECTING_DRAWS)

    def streams(key, number):
        return joss_stream if number == reference_engine.STREAM_B else Stream(key, number)

    monkeypatch.setattr(reference_engine, "Stream", streams)
    tft = parse_player("tft").behaviour(Game())
    joss = parse_player("joss").behaviour(Game())
    assert joss.step.py_func.__name__ in TWINS
    moves_a, moves_b, score_a, score_b = reference_engine.reference_match(
        tft, joss, length=200, reveal_length=True, payoffs=PAYOFFS, noise=0.0, seed=0
    )
    check_table_3(
        ipd.core.game.moves_to_string(moves_a),
        ipd.core.game.moves_to_string(moves_b),
        score_a,
        score_b,
    )
    assert joss_stream.draws == DRAWS


@functools.cache
def table_3_seed() -> int:
    """The smallest master seed whose JOSS stream (column player, repetition 0) draws
    defections exactly on its 5th and 15th draws among the first 15.

    JOSS co-operates when its uniform draw is below 0.9. About one seed in 400 qualifies.
    """
    for seed in range(200_000):
        stream = Stream(match_key(seed, 0, 0, 1), reference_engine.STREAM_B)
        if all((stream.uniform() >= 0.9) == (n in DEFECTING_DRAWS) for n in range(1, DRAWS + 1)):
            return seed
    raise AssertionError("no seed found")  # pragma: no cover


def test_table_3_in_the_compiled_engine_with_a_searched_seed():
    seed = table_3_seed()
    result = ipd.play_match("tft", "joss", turns=200, seed=seed, reveal_length=True)
    check_table_3(*result.move_strings, *result.scores)
    # The reference engine, with the same seed and its own streams, agrees.
    tft = parse_player("tft").behaviour(Game())
    joss = parse_player("joss").behaviour(Game())
    moves_a, moves_b, score_a, score_b = reference_engine.reference_match(
        tft, joss, length=200, reveal_length=True, payoffs=PAYOFFS, noise=0.0, seed=seed
    )
    check_table_3(
        ipd.core.game.moves_to_string(moves_a),
        ipd.core.game.moves_to_string(moves_b),
        score_a,
        score_b,
    )


# --------------------------------------------------------------------------- (d) collection


def test_the_collection_holds_the_fifteen_rules_of_the_first_tournament():
    members = ipd.collection("axelrod_1980_first")
    assert sorted(members) == sorted(FIRST)
    assert len(members) == 15


def test_the_published_table_names_the_same_fifteen_rules():
    from ipd.analysis.reproduction import published_table

    table = published_table("axelrod_1980_first")
    assert list(table["id"]) == FIRST  # published order
    assert list(table["rank"]) == list(range(1, 16))


@pytest.mark.parametrize("rule", FIRST)
def test_every_rule_names_its_source(rule):
    info = parse_player(rule).info
    assert info.source
    if rule not in ("tft", "random"):
        assert "Axelrod (1980a)" in info.source
        assert "Interpretation" in info.doc or "Published description" in info.doc
