"""Hunters (ipd/strategies/builtin/hunters.py).

(a) Transcripts against fixed opponents, derived by hand from each rule's
    description (the comment above each block says how).
(b) Calculator's random opening: properties for any seed.
(c) The compiled steps play as their plain-Python twins, with noise.
(d) Metadata.
"""

from __future__ import annotations

import pytest

from ipd.core.players import parse_player
from ipd.strategies import collection
from tests.named_support import assert_twin_agrees, play, warm_kernel

IDS = [
    "defector_hunter",
    "cooperator_hunter",
    "alternator_hunter",
    "cycle_hunter",
    "eventual_cycle_hunter",
    "calculator",
    "math_constant_hunter",
    "random_hunter",
]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*IDS, "tft", "stft", "golden"])


TRANSCRIPTS = {
    # Defector Hunter: from move 5, D while the opponent has only defected.
    ("defector_hunter", "allc", 20): "C" * 20,
    ("defector_hunter", "alld", 20): "CCCC" + "D" * 16,
    ("defector_hunter", "alternator", 20): "C" * 20,
    ("defector_hunter", "tft", 20): "C" * 20,
    ("defector_hunter", "stft", 20): "C" * 20,  # STFT's second move is C
    # Cooperator Hunter: from move 5, D while the opponent has only co-operated; TFT
    # answers on move 6, after which it co-operates for good.
    ("cooperator_hunter", "allc", 20): "CCCC" + "D" * 16,
    ("cooperator_hunter", "alld", 20): "C" * 20,
    ("cooperator_hunter", "alternator", 20): "C" * 20,
    ("cooperator_hunter", "tft", 20): "CCCCDD" + "C" * 14,
    ("cooperator_hunter", "CCD", 20): "C" * 20,
    # Alternator Hunter: after six moves, D for good if the opponent alternated.
    ("alternator_hunter", "allc", 20): "C" * 20,
    ("alternator_hunter", "alld", 20): "C" * 20,
    ("alternator_hunter", "alternator", 20): "C" * 6 + "D" * 14,
    ("alternator_hunter", "DC", 20): "C" * 6 + "D" * 14,
    ("alternator_hunter", "tft", 20): "C" * 20,
    ("alternator_hunter", "CCD", 20): "C" * 20,
    # Cycle Hunter: D for good once the history repeats a non-constant cycle of 3-12
    # moves at least twice: the alternator from move 9 (period 4 fits 8 moves), CCD
    # from move 7, CCCCD from move 11.
    ("cycle_hunter", "allc", 20): "C" * 20,
    ("cycle_hunter", "alld", 20): "C" * 20,
    ("cycle_hunter", "alternator", 20): "C" * 8 + "D" * 12,
    ("cycle_hunter", "tft", 20): "C" * 20,
    ("cycle_hunter", "CCD", 20): "C" * 6 + "D" * 14,
    ("cycle_hunter", "CCCCD", 20): "C" * 10 + "D" * 10,
    # Eventual Cycle Hunter: from move 21, checks every ten moves the history after the
    # first ten; constant stretches count (alld), but an all-C opponent is spared.
    ("eventual_cycle_hunter", "allc", 25): "C" * 25,
    ("eventual_cycle_hunter", "alld", 25): "C" * 20 + "D" * 5,
    ("eventual_cycle_hunter", "alternator", 25): "C" * 20 + "D" * 5,
    ("eventual_cycle_hunter", "tft", 25): "C" * 25,
    ("eventual_cycle_hunter", "CCD", 25): "C" * 20 + "D" * 5,
    # Calculator: Joss for 20 moves (certain D after a D: nothing drawn against alld),
    # then D for good after constant play.
    ("calculator", "alld", 30): "C" + "D" * 29,
    # Math Constant Hunter: on move 9 the three rates (both players' C's) against the
    # alternator are 3/4, 3/4, 3/4: D; on move 10, 3/4, 3/4, 7/10: D; on move 11 the
    # second half's rate has fallen to 1/2: C.
    ("math_constant_hunter", "alternator", 11): "C" * 8 + "DDC",
    ("math_constant_hunter", "allc", 20): "C" * 20,  # needs both moves from the opponent
    ("math_constant_hunter", "alld", 20): "C" * 20,
    ("math_constant_hunter", "tft", 20): "C" * 20,
    # CCD on move 9: 7/8, 3/4, 7/8: D.
    ("math_constant_hunter", "CCD", 9): "C" * 8 + "D",
    # Random Hunter: from move 12, D when the opponent answers its C's with C about half
    # the time: the alternator (5 of 11), not alld (0) or allc (1).
    ("random_hunter", "allc", 20): "C" * 20,
    ("random_hunter", "alld", 20): "C" * 20,
    ("random_hunter", "alternator", 20): "C" * 11 + "D" * 9,
    ("random_hunter", "tft", 20): "C" * 20,
    # CCD answers 7 of its 11 C's with C: D from move 12; on move 18 its six D's have
    # been answered by D once (1/6, too far from 1/2): C; then 2 of 6, 2 of 7: D.
    ("random_hunter", "CCD", 20): "C" * 11 + "DDDDDDCDD",
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


# --------------------------------------------------------------------------- (b) Calculator


@pytest.mark.parametrize("seed", range(5))
def test_calculator_hunts_cycles_and_otherwise_plays_tit_for_tat(seed):
    # allc and the alternator repeat cycles of length 1 and 2: D from move 21.
    for cyclic in ("allc", "alternator", "CCD"):
        mine, _ = play("calculator", cyclic, 40, seed=seed)
        assert mine[20:] == "D" * 20
        assert mine[0] == "C"
    # An irregular opponent: tit for tat from move 21.
    irregular = "CCDCDDDCCCDCCDDDCDCC"  # no period of 10 or less
    mine, theirs = play("calculator", irregular, 40, seed=seed)
    assert all(mine[t] == theirs[t - 1] for t in range(20, 40))


# --------------------------------------------------------------------------- (c) twins

CODE_RULES = [
    "cycle_hunter",
    "eventual_cycle_hunter",
    "calculator",
    "math_constant_hunter",
    "random_hunter",
]


@pytest.mark.parametrize("rule", CODE_RULES)
@pytest.mark.parametrize("other", ["tft", "alternator", "CCDCD", "random", "golden"])
def test_compiled_rule_plays_as_its_twin(rule, other):
    assert_twin_agrees(rule, other, reveal_length=other != "random")


# --------------------------------------------------------------------------- (d) metadata


def test_every_rule_is_in_the_collection_and_names_its_axelrod_counterpart():
    members = set(collection("hunters"))
    for rule in IDS:
        info = parse_player(rule).info
        assert rule in members
        assert info.axelrod_name and info.source and info.description
