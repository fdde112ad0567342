"""Punishers (ipd/strategies/builtin/punishers.py).

(a) Transcripts against fixed opponents, derived by hand from each rule's
    description (the comment above each block says how).
(b) The compiled steps play as their plain-Python twins, with noise.
(c) Metadata.
"""

from __future__ import annotations

import pytest

from ipd.core.players import parse_player
from ipd.strategies import collection
from tests.named_support import assert_twin_agrees, play, warm_kernel

IDS = [
    "punisher",
    "inverse_punisher",
    "level_punisher",
    "tricky_level_punisher",
    "retaliate",
    "retaliate_2",
    "retaliate_3",
    "limited_retaliate",
    "limited_retaliate_2",
    "limited_retaliate_3",
    "resurrection",
    "double_resurrection",
]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*IDS, "tft"])


RARE_20 = "C" * 19 + "D"  # one D in twenty
RARE_25 = "C" * 24 + "D"

TRANSCRIPTS = {
    # Punisher: a D starts floor(20 d / n) further D's (d the opponent's D's, n moves).
    ("punisher", "allc", 20): "C" * 20,
    ("punisher", "alld", 20): "C" + "D" * 19,  # 20 more D's each time
    ("punisher", "tft", 20): "C" * 20,
    # Alternator: move 3 (1 D in 2 moves): D + 10 D's; move 14 (7 D's in 14): D + 10.
    ("punisher", "alternator", 20): "CC" + "D" * 11 + "C" + "D" * 6,
    # CCD: move 4 (1 in 3): D + 6; move 13 (4 in 12): D + 6.
    ("punisher", "CCD", 20): "CCC" + "D" * 7 + "CC" + "D" * 7 + "C",
    ("punisher", RARE_20, 40): "C" * 20 + "DD" + "C" * 18,  # 1 in 20: D + 1
    ("punisher", RARE_25, 30): "C" * 25 + "D" + "C" * 4,  # 1 in 25: the D alone
    # Inverse Punisher: floor(20 c / n) further D's, at least 1.
    ("inverse_punisher", "allc", 20): "C" * 20,
    ("inverse_punisher", "alld", 20): "C" + "D" * 19,  # D + 1, and the next D follows
    ("inverse_punisher", "tft", 20): "C" * 20,
    ("inverse_punisher", "alternator", 20): "CC" + "D" * 11 + "C" + "D" * 6,
    # CCD: move 4 (2 C's in 3): D + 13; move 19 (12 in 18): D + 13.
    ("inverse_punisher", "CCD", 20): "CCC" + "D" * 14 + "C" + "DD",
    ("inverse_punisher", RARE_20, 40): "C" * 20 + "D" * 20,  # 19 in 20: D + 19
    # Level Punisher: C for ten moves, then D while the opponent's D rate exceeds 20%.
    ("level_punisher", "allc", 20): "C" * 20,
    ("level_punisher", "alld", 20): "C" * 10 + "D" * 10,
    ("level_punisher", "alternator", 20): "C" * 10 + "D" * 10,
    ("level_punisher", "tft", 20): "C" * 20,
    ("level_punisher", "CCCCD", 20): "C" * 20,  # exactly 20% at most: never above
    ("level_punisher", "CCCD", 20): "C" * 12 + "DDDCDDDD",  # 3/12 > 0.2, 3/15 = 0.2, ...
    # Tricky Level Punisher: rate above 20% before move 11, 10% before 51, 5% before 101.
    ("tricky_level_punisher", "allc", 20): "C" * 20,
    ("tricky_level_punisher", "alld", 105): "C" + "D" * 99 + "C" * 5,
    ("tricky_level_punisher", "alternator", 20): "CC" + "D" * 18,
    ("tricky_level_punisher", "tft", 20): "C" * 20,
    ("tricky_level_punisher", "CCCCCCCCCD", 20): "C" * 10 + "D" * 10,  # 10% > 5%
    # Retaliate: D while (C, D) rounds exceed 0.1 x (D, C) rounds. Against the
    # alternator one exploitation outweighs up to nine of its own: C again on move 22.
    ("retaliate", "allc", 20): "C" * 20,
    ("retaliate", "alld", 20): "C" + "D" * 19,
    ("retaliate", "tft", 20): "C" * 20,
    ("retaliate", "alternator", 24): "CC" + "D" * 19 + "CDD",
    # CCD: its D's meet two C's in every three moves; the tenth outweighs on move 18.
    ("retaliate", "CCD", 20): "CCC" + "D" * 14 + "CDD",
    ("retaliate_2", "alternator", 30): "CC" + "D" * 25 + "CDD",  # twelve outweighed
    ("retaliate_3", "alternator", 45): "CC" + "D" * 39 + "CDDD",  # nineteen outweighed
    ("retaliate_2", "allc", 10): "C" * 10,
    ("retaliate_3", "alld", 10): "C" + "D" * 9,
    # Limited Retaliate: at most 20 D's in a row (15 for the second), then one C.
    ("limited_retaliate", "allc", 20): "C" * 20,
    ("limited_retaliate", "alld", 25): "C" + "D" * 20 + "C" + "DDD",
    ("limited_retaliate", "alternator", 24): "CC" + "D" * 19 + "CDD",  # limit not reached
    ("limited_retaliate", "tft", 20): "C" * 20,
    ("limited_retaliate", "CCD", 25): "CCC" + "D" * 14 + "C" + "D" * 7,
    ("limited_retaliate_2", "alld", 20): "C" + "D" * 15 + "C" + "DDD",
    ("limited_retaliate_2", "alternator", 20): "CC" + "D" * 15 + "CDD",
    ("limited_retaliate_3", "alld", 25): "C" + "D" * 20 + "C" + "DDD",
    ("limited_retaliate_3", "alternator", 25): "CC" + "D" * 20 + "CDD",
    # Resurrection: tit for tat, but D after five D's of its own in a row.
    ("resurrection", "allc", 20): "C" * 20,
    ("resurrection", "alld", 20): "C" + "D" * 19,
    ("resurrection", "alternator", 20): "C" + "CD" * 9 + "C",
    ("resurrection", "tft", 20): "C" * 20,
    ("resurrection", "DDDDDDC", 20): "C" + "D" * 19,  # TFT would answer the C
    # Double Resurrection: also C after five D's; and D after five C's.
    ("double_resurrection", "allc", 20): "CCCCCD" * 3 + "CC",
    ("double_resurrection", "alld", 20): "C" + "DDDDDC" * 3 + "D",
    ("double_resurrection", "tft", 20): "CCCCC" + "DC" * 7 + "D",
    ("double_resurrection", "alternator", 20): "C" + "CD" * 9 + "C",
    ("double_resurrection", "CCD", 20): "C" + ("CCD" * 7)[:19],
}


@pytest.mark.parametrize(("rule", "other", "turns"), list(TRANSCRIPTS), ids=str)
def test_transcript(rule, other, turns):
    expected = TRANSCRIPTS[(rule, other, turns)]
    assert len(expected) == turns
    assert play(rule, other, turns)[0] == expected


def test_every_rule_has_transcripts():
    for rule in IDS:
        opponents = {k[1] for k in TRANSCRIPTS if k[0] == rule}
        wanted = 2 if rule[-2:] in ("_2", "_3") else 5
        assert len(opponents) >= wanted, rule


@pytest.mark.parametrize("rule", ["retaliate", "retaliate_2", "retaliate_3"])
def test_retaliate_is_limited_retaliate_without_a_limit(rule):
    threshold = parse_player(rule).info.params[0].default
    limited = f"limited_retaliate:threshold={threshold},limit=1000"
    for other in ("alternator", "CCDCD", "alld"):
        assert play(rule, other, 60)[0] == play(limited, other, 60)[0]


CODE_RULES = [
    "punisher",
    "inverse_punisher",
    "level_punisher",
    "tricky_level_punisher",
    "retaliate",
    "limited_retaliate:limit=3",
    "double_resurrection",
    "resurrection",
]


@pytest.mark.parametrize("rule", CODE_RULES)
@pytest.mark.parametrize("other", ["tft", "alternator", "CCDCD", "random"])
def test_compiled_rule_plays_as_its_twin(rule, other):
    assert_twin_agrees(rule, other, reveal_length=other != "random")


def test_every_rule_is_in_the_collection_and_names_its_axelrod_counterpart():
    members = set(collection("punishers"))
    for rule in IDS:
        info = parse_player(rule).info
        assert rule in members
        assert info.axelrod_name and info.source and info.description
