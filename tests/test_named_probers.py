"""Probers and classifiers (ipd/strategies/builtin/probers.py).

(a) Transcripts against fixed opponents, derived by hand from each rule's
    description (the comment above each block says how).
(b) The random probers: properties for any seed.
(c) The compiled steps play as their plain-Python twins, with noise.
(d) Metadata.
"""

from __future__ import annotations

import pytest

from ipd.core.players import parse_player
from ipd.strategies import collection
from tests.named_support import assert_twin_agrees, play, warm_kernel

PROBER_4_OPENING = "CCDCDDDCCDCDCCDCDDCD"  # as published (PRISON)

IDS = [
    "prober",
    "prober_2",
    "prober_3",
    "hard_prober",
    "detective",
    "handshake",
    "collective_strategy",
    "naive_prober",
    "prober_4",
    "remorseful_prober",
    "apavlov_2006",
    "apavlov_2011",
]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*IDS, "tft", "stft"])


TFT_OF_CCD = ("DCC" * 7)[:17]  # tit for tat's moves 4-20 against C, C, D, ...

TRANSCRIPTS = {
    # Prober: D, C, C; D for good if the opponent co-operated on moves 2 and 3, else TFT.
    ("prober", "allc", 20): "DCC" + "D" * 17,
    ("prober", "alld", 20): "DCC" + "D" * 17,
    ("prober", "tft", 20): "DCC" + "C" * 17,  # TFT's move 2 answers the opening D
    ("prober", "alternator", 20): "DCC" + ("CD" * 9)[:17],
    ("prober", "CCD", 20): "DCC" + TFT_OF_CCD,
    # Prober 2: D, C, C; C for good if the opponent answered D, C on moves 2, 3, else TFT.
    ("prober_2", "allc", 20): "DCC" + "C" * 17,
    ("prober_2", "alld", 20): "DCC" + "D" * 17,
    ("prober_2", "tft", 20): "DCC" + "C" * 17,
    ("prober_2", "alternator", 20): "DCC" + "C" * 17,
    ("prober_2", "CCD", 20): "DCC" + TFT_OF_CCD,
    # Prober 3: D, C; D for good if the opponent co-operated on move 2, else TFT.
    ("prober_3", "allc", 20): "DC" + "D" * 18,
    ("prober_3", "alld", 20): "DC" + "D" * 18,
    ("prober_3", "tft", 20): "DC" * 10,  # TFT echoes its opening: D, C, D, C, ...
    ("prober_3", "alternator", 20): "DC" * 10,
    ("prober_3", "CCD", 20): "DC" + "D" * 18,
    # Hard Prober: D, D, C, C; D for good if the opponent co-operated on moves 2 and 3.
    ("hard_prober", "allc", 20): "DDCC" + "D" * 16,
    ("hard_prober", "alld", 20): "DDCC" + "D" * 16,
    ("hard_prober", "tft", 20): "DDCC" + "C" * 16,
    ("hard_prober", "alternator", 20): "DDCC" + "DC" * 8,
    ("hard_prober", "CCD", 20): "DDCC" + ("CCD" * 6)[:16],
    # Detective: C, D, C, C; D for good if the opponent never defected meanwhile, else TFT.
    ("detective", "allc", 20): "CDCC" + "D" * 16,
    ("detective", "alld", 20): "CDCC" + "D" * 16,
    ("detective", "tft", 20): "CDCC" + "C" * 16,
    ("detective", "alternator", 20): "CDCC" + "DC" * 8,
    ("detective", "CCD", 20): "CDCC" + ("CCD" * 6)[:16],
    # Handshake: C, D; C for good if the opponent opened C, D, else D for good.
    ("handshake", "allc", 20): "CD" + "D" * 18,
    ("handshake", "alld", 20): "CD" + "D" * 18,
    ("handshake", "tft", 20): "CD" + "D" * 18,
    ("handshake", "alternator", 20): "CD" + "C" * 18,
    ("handshake", "handshake", 20): "CD" + "C" * 18,
    # Collective Strategy: C, D; then C while the opponent opened C, D and has defected
    # only once.
    ("collective_strategy", "allc", 20): "CD" + "D" * 18,
    ("collective_strategy", "alld", 20): "CD" + "D" * 18,
    ("collective_strategy", "tft", 20): "CD" + "D" * 18,
    ("collective_strategy", "alternator", 20): "CDCC" + "D" * 16,  # second D on move 4
    ("collective_strategy", "collective_strategy", 20): "CD" + "C" * 18,
    # Naive Prober defects for certain after a D, so against alld nothing is drawn.
    ("naive_prober", "alld", 20): "C" + "D" * 19,
    ("naive_prober:p=0", "alternator", 20): "C" + "CD" * 9 + "C",
    # Prober 4: the opening, then: allc (no D counted) and alld (9 retaliating D's, 11
    # unprovoked ones, its first move included) differ by at most 2: D for good.
    ("prober_4", "allc", 25): PROBER_4_OPENING + "D" * 5,
    ("prober_4", "alld", 25): PROBER_4_OPENING + "D" * 5,
    # The alternator's D's on moves 2, 4, ..., 20 answer our moves 1, 3, ..., 19: five
    # D's and five C's: D for good.
    ("prober_4", "alternator", 25): PROBER_4_OPENING + "D" * 5,
    # TFT only retaliates (9 against 0): C five times, then TFT, which has nothing left
    # to answer but our last opening D, on move 20 (its move 21 answers it; we are
    # co-operating then).
    ("prober_4", "tft", 30): PROBER_4_OPENING + "C" * 10,
    # CCD's D's answer our moves 2, 5, 8, 11, 14, 17: C, D, C, C, C, D: 2 against 4.
    ("prober_4", "CCD", 25): PROBER_4_OPENING + "D" * 5,
    # Remorseful Prober with p = 1 probes after every C and takes TFT's retaliation once.
    ("remorseful_prober:p=1", "tft", 20): "C" + ("DDC" * 7)[:19],
    ("remorseful_prober:p=1", "alld", 20): "C" + "D" * 19,
    ("remorseful_prober:p=0", "alternator", 20): "C" + "CD" * 9 + "C",
    # Adaptive Pavlov 2006: TFT for six moves, then a class from the last six.
    ("apavlov_2006", "allc", 20): "C" * 20,
    ("apavlov_2006", "alld", 20): "C" + "D" * 19,
    ("apavlov_2006", "tft", 20): "C" * 20,
    # STFT opens D and echoes us: D C D C D C is the STFT class: C on moves 7, 8 (the
    # first two of each six), which STFT echoes into co-operation.
    ("apavlov_2006", "stft", 20): "CDCDCD" + "C" * 14,
    ("apavlov_2006", "alternator", 20): "CCDCDC" + "D" * 14,  # C D C D C D: random
    ("apavlov_2006", "DDC", 20): "CDDCDD" + "DCCCCCDCCCCCDC",  # Pavlov-D: D every sixth
    # Adaptive Pavlov 2011: by the number of D's in the last six.
    ("apavlov_2011", "allc", 20): "C" * 20,
    ("apavlov_2011", "alld", 20): "C" + "D" * 19,
    ("apavlov_2011", "tft", 20): "C" * 20,
    ("apavlov_2011", "alternator", 20): "CCDCDC" + "C" * 14,  # 3 D's: STFT, gets TF2T
    ("apavlov_2011", "CCD", 20): "CCCDCC" + "D" * 14,  # 2 D's: first class, random
    ("apavlov_2011", "DDC", 20): "CDDCDD" + "D" * 14,  # 4 D's: all-D
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


def test_prober_4_plays_the_published_opening_against_anyone():
    for other in ("allc", "alld", "random"):
        assert play("prober_4", other, 20)[0] == PROBER_4_OPENING


# --------------------------------------------------------------------------- (b) random probers


@pytest.mark.parametrize("seed", range(5))
def test_random_probers_follow_tit_for_tat_after_a_defection(seed):
    for rule in ("naive_prober", "remorseful_prober"):
        mine, theirs = play(rule, "alternator", 100, seed=seed)
        assert mine[0] == "C"
        for t in range(1, 100):
            if theirs[t - 1] == "D":
                # Naive Prober retaliates; Remorseful Prober too, unless it had probed.
                probed = mine[t - 1] == "D" and (t < 2 or theirs[t - 2] == "C")
                assert mine[t] == "D" or (rule == "remorseful_prober" and probed)


def test_naive_prober_probes_at_its_rate():
    moves = "".join(play("naive_prober", "allc", 200, seed=s)[0] for s in range(20))
    assert moves.count("D") / len(moves) == pytest.approx(0.1, abs=0.02)


# --------------------------------------------------------------------------- (c) twins

CODE_RULES = ["prober_4", "remorseful_prober", "apavlov_2006", "apavlov_2011"]


@pytest.mark.parametrize("rule", CODE_RULES)
@pytest.mark.parametrize("other", ["tft", "stft", "DDCDDC", "random"])
def test_compiled_rule_plays_as_its_twin(rule, other):
    assert_twin_agrees(rule, other, reveal_length=other != "random")


# --------------------------------------------------------------------------- (d) metadata


def test_every_rule_is_in_the_collection_and_names_its_axelrod_counterpart():
    members = set(collection("probers"))
    for rule in IDS:
        info = parse_player(rule).info
        assert rule in members
        assert info.axelrod_name and info.source and info.description
