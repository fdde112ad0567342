"""Sequence and ratio players (ipd/strategies/builtin/sequences.py).

Transcripts derived by hand from the descriptions: the Thue-Morse sequence
(OEIS A010060), the Anti-Cycler's blocks and the running ratio of co-operations
to defections; twins.
"""

from __future__ import annotations

import pytest

from ipd.core.players import parse_player
from ipd.strategies import collection
from tests.named_support import assert_twin_agrees, play, warm_kernel

IDS = ["thue_morse", "thue_morse_inverse", "anti_cycler", "golden", "pi", "e"]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*IDS, "tft"])


THUE_MORSE = "01101001100101101001011001101001"  # OEIS A010060, terms 0-31

TRANSCRIPTS = {
    # Golden (1.618...): D while the opponent has not defected; then D when the game's
    # C's over D's exceed the ratio. Against alld it co-operates for ever (ratio 1).
    ("golden", "allc", 20): "C" + "D" * 19,
    ("golden", "alld", 20): "C" * 20,
    # Alternator, ratios worked out move by move: 2/2, 4/2, 4/4, 6/4, 7/5, 9/5, 9/7,
    # 11/7, 12/8, 14/8 on moves 3-12.
    ("golden", "alternator", 12): "CDCDCCCDCCCD",
    # TFT: no D from it until move 3 (it answers our D of move 2); then ratios 3/3, 4/4,
    # 6/4, 8/4 (D), 9/5 (D), 9/7, 10/8, 12/8, 14/8 (D), 15/9 (D).
    ("golden", "tft", 13): "CDDCCCDDCCCDD",
    ("pi", "allc", 20): "C" + "D" * 19,
    ("pi", "alld", 20): "C" * 20,
    # Against the alternator the ratio tends to 3 < pi: C for good after move 2.
    ("pi", "alternator", 20): "CD" + "C" * 18,
    # e: the ratio reaches 2.714 on move 14 (C) and 2.75 on move 16 (D).
    ("e", "alternator", 16): "CD" + "C" * 13 + "D",
    ("e", "alld", 20): "C" * 20,
}


@pytest.mark.parametrize(("rule", "other", "turns"), list(TRANSCRIPTS), ids=str)
def test_transcript(rule, other, turns):
    expected = TRANSCRIPTS[(rule, other, turns)]
    assert len(expected) == turns
    assert play(rule, other, turns)[0] == expected


@pytest.mark.parametrize("other", ["allc", "alld", "tft", "CCD"])
def test_thue_morse_players_play_the_sequence_whatever_the_opponent(other):
    ones_as_c = "".join("C" if b == "1" else "D" for b in THUE_MORSE)
    ones_as_d = "".join("D" if b == "1" else "C" for b in THUE_MORSE)
    assert play("thue_morse", other, 32)[0] == ones_as_c
    assert play("thue_morse_inverse", other, 32)[0] == ones_as_d


ANTI_CYCLER = "CDD" + "".join("C" * k + "D" for k in range(1, 9))  # CDD, CD, CCD, ...


@pytest.mark.parametrize("other", ["allc", "alld", "tft", "CCD", "alternator"])
def test_the_anti_cycler_plays_its_blocks_whatever_the_opponent(other):
    assert len(ANTI_CYCLER) == 47
    assert ANTI_CYCLER[:17] == "CDDCDCCDCCCDCCCCD"
    assert play("anti_cycler", other, 47)[0] == ANTI_CYCLER


@pytest.mark.parametrize("rule", IDS)
@pytest.mark.parametrize("other", ["tft", "alternator", "CCDCD", "random"])
def test_compiled_rule_plays_as_its_twin(rule, other):
    assert_twin_agrees(rule, other)


def test_metadata():
    members = set(collection("sequences"))
    assert set(collection("mathematical_constants")) == {"golden", "pi", "e"}
    for rule in IDS:
        info = parse_player(rule).info
        assert rule in members
        assert info.axelrod_name and info.source and info.description
