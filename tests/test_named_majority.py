"""Go By Majority and its windowed and hard forms (ipd/strategies/builtin/majority.py).

Transcripts derived by hand: D when the opponent's D's outnumber its C's over
the window, the tie going to C (soft) or D (hard); twins; metadata.
"""

from __future__ import annotations

import pytest

from ipd.core.players import parse_player
from ipd.strategies import all_strategies, collection
from tests.named_support import assert_twin_agrees, play, warm_kernel

IDS = collection("go_by_majority")


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*IDS, "tft"])


TRANSCRIPTS = {
    ("go_by_majority", "allc", 20): "C" * 20,
    ("go_by_majority", "alld", 20): "C" + "D" * 19,
    ("go_by_majority", "alternator", 20): "C" * 20,  # ties and C majorities
    ("go_by_majority", "tft", 20): "C" * 20,
    ("go_by_majority", "DDC", 20): "C" + "D" * 19,
    ("go_by_majority", "CCDD", 20): "C" * 20,
    ("hard_go_by_majority", "allc", 20): "D" + "C" * 19,  # the empty history is a tie
    ("hard_go_by_majority", "alld", 20): "D" * 20,
    ("hard_go_by_majority", "alternator", 20): "DC" * 10,  # ties after even moves
    ("hard_go_by_majority", "tft", 20): "DC" * 10,  # TFT echoes it into alternation
    ("hard_go_by_majority", "CCD", 20): "D" + "C" * 19,
    # Last five moves: CCDD repeated gives windows CCDDC, CDDCC (C), DDCCD, DCCDD (D), ...
    ("go_by_majority_5", "CCDD", 20): "C" * 5 + "CCDD" * 3 + "CCD",
    ("hard_go_by_majority_5", "CCDD", 20): "DCCCD" + "CCDD" * 3 + "CCD",
    ("go_by_majority_5", "alld", 10): "C" + "D" * 9,
    ("hard_go_by_majority_5", "allc", 10): "D" + "C" * 9,
    # A window forgets: 10 C's then D's. The whole-history rule waits for a D majority
    # (move 22), a window of 10 for 6 of its 10 (move 17), of 20 for move 22 as well.
    ("go_by_majority", "C" * 10 + "D" * 20, 25): "C" * 21 + "D" * 4,
    ("go_by_majority_10", "C" * 10 + "D" * 20, 25): "C" * 16 + "D" * 9,
    ("go_by_majority_20", "C" * 10 + "D" * 20, 25): "C" * 21 + "D" * 4,
    ("go_by_majority_40", "C" * 10 + "D" * 20, 25): "C" * 21 + "D" * 4,
    ("hard_go_by_majority_10", "C" * 10 + "D" * 20, 25): "D" + "C" * 14 + "D" * 10,
    ("hard_go_by_majority_20", "C" * 10 + "D" * 20, 25): "D" + "C" * 19 + "D" * 5,
    ("hard_go_by_majority_40", "C" * 10 + "D" * 20, 25): "D" + "C" * 19 + "D" * 5,
}


@pytest.mark.parametrize(("rule", "other", "turns"), list(TRANSCRIPTS), ids=str)
def test_transcript(rule, other, turns):
    expected = TRANSCRIPTS[(rule, other, turns)]
    assert len(expected) == turns
    assert play(rule, other, turns)[0] == expected


def test_ten_rules_with_fixed_windows():
    assert len(IDS) == 10
    for info in all_strategies():
        if info.id in IDS and info.memory_depth is not None:
            (window,) = (p for p in info.params if p.name == "memory")
            assert window.low == window.high == window.default == info.memory_depth


@pytest.mark.parametrize("rule", IDS)
def test_compiled_rule_plays_as_its_twin(rule):
    for other in ("tft", "CCDCD", "random"):
        assert_twin_agrees(rule, other)


def test_metadata():
    for rule in IDS:
        info = parse_player(rule).info
        assert info.axelrod_name == info.name
        assert info.source and info.description
