"""Other named rules (ipd/strategies/builtin/misc.py).

(a) Transcripts against fixed opponents, derived by hand from each rule's
    description (the comment above each block says how).
(b) Properties of the random rules that hold for any seed, and frequencies.
(c) The compiled steps play as their plain-Python twins, with noise.
(d) Metadata.
"""

from __future__ import annotations

import math

import pytest

from ipd.core.players import parse_player
from ipd.strategies import collection
from tests.named_support import assert_twin_agrees, cooperation_rate, play, warm_kernel

IDS = [
    "tricky_cooperator",
    "tricky_defector",
    "average_copier",
    "nice_average_copier",
    "worse_and_worse",
    "knowledgeable_worse_and_worse",
    "better_and_better",
    "worse_and_worse_2",
    "worse_and_worse_3",
    "inverse",
    "doubler",
    "very_bad",
    "short_mem",
    "stalker",
    "self_steem",
    "memory_decay",
    "mem2",
]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*IDS, "tft", "random"])


TRANSCRIPTS = {
    # Tricky Cooperator: from move 4, D while the opponent's last ten moves hold no D.
    ("tricky_cooperator", "allc", 20): "CCC" + "D" * 17,
    ("tricky_cooperator", "alld", 20): "C" * 20,
    ("tricky_cooperator", "alternator", 20): "C" * 20,
    ("tricky_cooperator", "CCCCD", 20): "CCCDD" + "C" * 15,
    ("tricky_cooperator", "C" * 11 + "D", 23): "CCC" + "D" * 9 + "C" * 10 + "D",
    # Tricky Defector: D, but C after three D's in a row from an opponent that has
    # co-operated before. TFT answers with D's four moves later.
    ("tricky_defector", "allc", 20): "D" * 20,
    ("tricky_defector", "alld", 20): "D" * 20,
    ("tricky_defector", "CDDD", 20): "DDDD" + "CDDD" * 4,
    ("tricky_defector", "tft", 20): "DDDD" + "CCDDDD" * 2 + "CCDD",
    ("tricky_defector", "alternator", 20): "D" * 20,
    # Average copiers with a certain rate draw nothing.
    ("nice_average_copier", "alld", 20): "C" + "D" * 19,
    ("nice_average_copier", "allc", 20): "C" * 20,
    ("worse_and_worse_3", "alld", 20): "C" + "D" * 19,
    # Worse and Worse with a horizon of one move defects for certain; Better and Better
    # co-operates for certain.
    ("worse_and_worse:horizon=1", "allc", 10): "D" * 10,
    ("better_and_better:horizon=1", "alld", 10): "C" * 10,
    # Knowledgeable Worse and Worse co-operates with probability 1 - n/N: D on the last.
    ("knowledgeable_worse_and_worse", "allc", 1): "D",
    # Worse and Worse 2: tit for tat for 20 moves.
    ("worse_and_worse_2", "alld", 20): "C" + "D" * 19,
    ("worse_and_worse_2", "alternator", 20): "C" + "CD" * 9 + "C",
    # Inverse: D for certain right after a D.
    ("inverse", "allc", 20): "C" * 20,
    ("inverse", "alld", 20): "C" + "D" * 19,
    # Doubler: answers a D with D while the opponent's C's are at most twice its D's.
    ("doubler", "allc", 20): "C" * 20,
    ("doubler", "alld", 20): "C" + "D" * 19,
    ("doubler", "alternator", 20): "C" + "CD" * 9 + "C",
    ("doubler", "tft", 20): "C" * 20,
    ("doubler", "CCD", 20): "C" + ("CCD" * 7)[:19],  # exactly twice: still D
    ("doubler", "CCCD", 20): "C" * 20,  # three times: forgiven
    # VeryBad: C three times; then C above half co-operation, D below, copy on a tie.
    ("very_bad", "allc", 20): "C" * 20,
    ("very_bad", "alld", 20): "CCC" + "D" * 17,
    ("very_bad", "alternator", 20): "CCC" + "CD" * 8 + "C",
    ("very_bad", "tft", 20): "C" * 20,
    ("very_bad", "CCD", 20): "C" * 20,
    # ShortMem: C for 11 moves; then over the last ten: C if 3+ more C's, D if 3+ more
    # D's, else tit for tat. CCD's windows hold 7 or 6 C's.
    ("short_mem", "allc", 20): "C" * 20,
    ("short_mem", "alld", 20): "C" * 11 + "D" * 9,
    ("short_mem", "alternator", 20): "C" * 11 + "CDCDCDCDC",
    ("short_mem", "tft", 20): "C" * 20,
    ("short_mem", "CCD", 20): "C" * 11 + "CDCCDCCDC",
    # Stalker: its average payoff against co-operators stays R: C (D on the last move).
    ("stalker", "allc", 20): "C" * 19 + "D",
    ("stalker", "tft", 20): "C" * 19 + "D",
    # Memory Decay without decay: tit for tat for 15 moves, then D when the opponent's
    # C's minus twice its D's (all remembered) fall below 0: the alternator's 8 and 7
    # do; CCD's 10 and 5 never do.
    ("memory_decay:p_memory_delete=0,p_memory_alter=0", "alternator", 20): "C" + "CD" * 7 + "D" * 5,
    ("memory_decay:p_memory_delete=0,p_memory_alter=0", "CCD", 20): "C"
    + ("CCD" * 5)[:14]
    + "C" * 5,
    ("memory_decay", "alld", 20): "C" + "D" * 19,  # whatever it forgets, only D's remain
    ("memory_decay", "allc", 20): "C" * 20,
    # MEM2: tit for tat on moves 1-2; on moves 3, 5, ... the last two rounds choose: CC
    # and CC -> TFT, CD and DC -> TF2T, else ALLD (for good once chosen twice). Against
    # co-operators every choice is TFT.
    ("mem2", "allc", 20): "C" * 20,
    ("mem2", "tft", 20): "C" * 20,
    # alld: TFT gives C, D; move 3 sees CD, DD: ALLD; move 5 sees DD, DD: ALLD again.
    ("mem2", "alld", 20): "C" + "D" * 19,
    # alternator (C, D, ...): C, C; move 3 sees CC, CD: ALLD; move 5 DC, DD: ALLD again.
    ("mem2", "alternator", 20): "CC" + "D" * 18,
    # stft (D, then our last move): C, D; move 3 sees CD, DC: TF2T, C, C (his D, C and
    # C, D are not two D's); move 5 sees CD, CC: ALLD; move 7 DC, DD: ALLD again.
    ("mem2", "stft", 20): "CDCC" + "D" * 16,
    # CCD: C, C; move 3 sees CC, CC: TFT, C then D (his D of move 3); move 5 sees CD, DC:
    # TF2T, C, C; move 7 sees CC, CD: ALLD; move 9 DC, DC: ALLD again.
    ("mem2", "CCD", 20): "CCCDCC" + "D" * 14,
}


@pytest.mark.parametrize(("rule", "other", "turns"), list(TRANSCRIPTS), ids=str)
def test_transcript(rule, other, turns):
    expected = TRANSCRIPTS[(rule, other, turns)]
    assert len(expected) == turns
    assert play(rule, other, turns)[0] == expected


def test_every_deterministic_rule_has_transcripts_against_five_opponents():
    for rule in IDS:
        if parse_player(rule).info.stochastic:
            continue
        opponents = {k[1] for k in TRANSCRIPTS if k[0] == rule}
        assert len(opponents) >= 5, rule


# --------------------------------------------------------------------------- (b) random rules


def test_turn_driven_rules_defect_at_their_published_rates():
    # Worse and Worse: D with probability n/1000 on move n: about 0.1 over 200 moves.
    assert 1 - cooperation_rate("worse_and_worse", "allc") == pytest.approx(0.1005, abs=0.02)
    assert cooperation_rate("better_and_better", "allc") == pytest.approx(0.1005, abs=0.02)
    # Knowledgeable: n/N over an N-move match: about one half.
    assert cooperation_rate("knowledgeable_worse_and_worse", "allc") == pytest.approx(
        0.4975, abs=0.03
    )
    # Without the length it cannot count to the end and co-operates.
    assert play("knowledgeable_worse_and_worse", "allc", 30, reveal_length=False)[0] == "C" * 30


def test_average_copiers_copy_the_opponents_rate():
    assert cooperation_rate("average_copier", "CCD", 300) == pytest.approx(2 / 3, abs=0.03)
    assert cooperation_rate("worse_and_worse_3", "CCCD", 300) == pytest.approx(0.75, abs=0.03)


@pytest.mark.parametrize("seed", range(5))
def test_random_rules_follow_their_deterministic_parts(seed):
    # Inverse: D right after a D; C when the opponent has never defected.
    mine, theirs = play("inverse", "CCCCD", 100, seed=seed)
    assert mine[:5] == "CCCCC"
    assert all(mine[t] == "D" for t in range(1, 100) if theirs[t - 1] == "D")
    # SelfSteem on turns t (from 0): D when t mod 10 is 2 or 3, C when 7 or 8, tit for tat
    # when 1, 4, 6 or 9.
    mine, theirs = play("self_steem", "alternator", 100, seed=seed)
    for t in range(1, 100):
        phase = t % 10
        if phase in (2, 3):
            assert mine[t] == "D"
        elif phase in (7, 8):
            assert mine[t] == "C"
        elif phase in (1, 4, 6, 9):
            assert mine[t] == theirs[t - 1]
    # Worse and Worse 2: tit for tat for 20 moves, then C with probability 20/n.
    mine, theirs = play("worse_and_worse_2", "CCD", 100, seed=seed)
    assert all(mine[t] == theirs[t - 1] for t in range(1, 20))


def test_self_steem_wave_thresholds():
    # The wave's values at the ten phases sit well clear of the thresholds 0.3 and 0.95.
    values = [math.sin(2 * math.pi * k / 10) for k in range(10)]
    assert all(min(abs(abs(v) - 0.3), abs(abs(v) - 0.95)) > 1e-3 for v in values)


@pytest.mark.parametrize("seed", range(5))
def test_stalker_flips_a_coin_only_at_low_averages(seed):
    mine, _ = play("stalker", "alld", 40, seed=seed)
    assert mine[0] == "C" and mine[-1] == "D"
    # Against alld its average is at most P = 1 after move 1: every move is a coin flip.
    assert 0 < mine[1:-1].count("C") < 38


# --------------------------------------------------------------------------- (c) twins

CODE_RULES = [
    "average_copier",
    "nice_average_copier",
    "worse_and_worse",
    "knowledgeable_worse_and_worse",
    "better_and_better",
    "worse_and_worse_2",
    "worse_and_worse_3",
    "inverse",
    "doubler",
    "very_bad",
    "short_mem",
    "stalker",
    "self_steem",
    "memory_decay",
    "memory_decay:p_memory_delete=0.5,p_memory_alter=0.5,start_strategy_duration=3",
    "mem2",
]


@pytest.mark.parametrize("rule", CODE_RULES)
@pytest.mark.parametrize("other", ["tft", "alternator", "CCDCD", "random"])
def test_compiled_rule_plays_as_its_twin(rule, other):
    assert_twin_agrees(rule, other, reveal_length=other != "random")
    assert_twin_agrees(rule, other, reveal_length=other == "random")


# --------------------------------------------------------------------------- (d) metadata


def test_every_rule_is_in_the_collection_and_names_its_axelrod_counterpart():
    members = set(collection("misc"))
    for rule in IDS:
        info = parse_player(rule).info
        assert rule in members
        assert info.axelrod_name and info.source and info.description
