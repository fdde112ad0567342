"""Grudgers and forgivers (ipd/strategies/builtin/grudgers.py).

(a) Transcripts against fixed opponents, derived by hand from each rule's
    description (the comment above each block says how). Opponents: allc,
    alld, alternator (C, D, C, D, ...), tft, grudger, and cycles written in
    capitals (``"CCD"`` plays C, C, D, C, C, D, ...).
(b) Forgetful Fool Me Once, the one random rule: properties for any seed.
(c) The compiled steps play as their plain-Python twins, with noise.
(d) Metadata.
"""

from __future__ import annotations

import pytest

from ipd.core.players import parse_player
from ipd.strategies import collection
from tests.named_support import assert_twin_agrees, play, warm_kernel

IDS = [
    "aggravater",
    "spiteful_cc",
    "easy_go",
    "opposite_grudger",
    "fool_me_once",
    "forgetful_grudger",
    "general_soft_grudger",
    "soft_grudger",
    "once_bitten",
    "gradual_killer",
    "capri",
    "grudger_alternator",
    "forgiver",
    "forgiving_tft",
    "forgetful_fool_me_once",
    "grumpy",
    "backstabber",
    "double_crosser",
]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*IDS, "tft", "grudger"])


SOFT_VS_ALLD = "C" + ("DDDDCC" * 4)[:19]  # D on the trigger, then D, D, D, C, C

TRANSCRIPTS = {
    # Aggravater: D, D, D, then grudger (D for good once the opponent has defected).
    ("aggravater", "allc", 20): "DDD" + "C" * 17,
    ("aggravater", "alld", 20): "D" * 20,
    ("aggravater", "alternator", 20): "D" * 20,
    ("aggravater", "tft", 20): "D" * 20,  # TFT answers its D's
    ("aggravater", "CCD", 20): "D" * 20,  # the cycle's D on move 3 comes in time
    # Spiteful CC: C, C, then grudger.
    ("spiteful_cc", "allc", 20): "C" * 20,
    ("spiteful_cc", "alld", 20): "CC" + "D" * 18,
    ("spiteful_cc", "alternator", 20): "CC" + "D" * 18,
    ("spiteful_cc", "tft", 20): "C" * 20,
    ("spiteful_cc", "CCD", 20): "CCC" + "D" * 17,
    # Easy Go: D until the opponent's first D, then C for ever.
    ("easy_go", "allc", 20): "D" * 20,
    ("easy_go", "alld", 20): "D" + "C" * 19,
    ("easy_go", "alternator", 20): "DD" + "C" * 18,
    ("easy_go", "tft", 20): "DD" + "C" * 18,  # TFT's D on move 2 answers its first D
    ("easy_go", "CCD", 20): "DDD" + "C" * 17,
    # Opposite Grudger: D until the opponent's first C, then C for ever.
    ("opposite_grudger", "allc", 20): "D" + "C" * 19,
    ("opposite_grudger", "alld", 20): "D" * 20,
    ("opposite_grudger", "alternator", 20): "D" + "C" * 19,
    ("opposite_grudger", "tft", 20): "D" + "C" * 19,
    ("opposite_grudger", "DC", 20): "DD" + "C" * 18,
    # Fool Me Once: C until the opponent's second D.
    ("fool_me_once", "allc", 20): "C" * 20,
    ("fool_me_once", "alld", 20): "CC" + "D" * 18,
    ("fool_me_once", "alternator", 20): "CCCC" + "D" * 16,
    ("fool_me_once", "tft", 20): "C" * 20,
    ("fool_me_once", "CCD", 20): "C" * 6 + "D" * 14,
    # Forgetful Grudger: a D starts ten D's; after them it looks at the last move again.
    ("forgetful_grudger", "allc", 20): "C" * 20,
    ("forgetful_grudger", "alld", 20): "C" + "D" * 19,
    ("forgetful_grudger", "alternator", 20): "CC" + "D" * 18,  # D's last move 12 restarts it
    ("forgetful_grudger", "tft", 20): "C" * 20,
    ("forgetful_grudger", "CCD", 20): "CCC" + "D" * 10 + "CC" + "D" * 5,
    # Soft Grudger (= General Soft Grudger 1, 4, 2): D, D, D, D, C, C after a D.
    ("soft_grudger", "allc", 20): "C" * 20,
    ("soft_grudger", "alld", 20): SOFT_VS_ALLD,
    ("soft_grudger", "alternator", 20): "CC" + "DDDDCC" * 3,
    ("soft_grudger", "tft", 20): "C" * 20,
    ("soft_grudger", "CCD", 20): "CCC" + "DDDDCC" * 2 + "DDDDC",
    ("general_soft_grudger", "allc", 20): "C" * 20,
    ("general_soft_grudger", "alld", 20): SOFT_VS_ALLD,
    ("general_soft_grudger", "alternator", 20): "CC" + "DDDDCC" * 3,
    ("general_soft_grudger", "tft", 20): "C" * 20,
    ("general_soft_grudger", "CCD", 20): "CCC" + "DDDDCC" * 2 + "DDDDC",
    # (2, 2, 1): after two D's in a row, D, D, C.
    ("general_soft_grudger:n=2,d=2,c=1", "alld", 20): "CC" + "DDC" * 6,
    ("general_soft_grudger:n=2,d=2,c=1", "DDC", 20): "CC" + "DDC" * 6,
    ("general_soft_grudger:n=2,d=2,c=1", "alternator", 20): "C" * 20,
    # Once Bitten: two D's in a row start eleven D's.
    ("once_bitten", "allc", 20): "C" * 20,
    ("once_bitten", "alld", 20): "CC" + "D" * 18,
    ("once_bitten", "alternator", 20): "C" * 20,
    ("once_bitten", "tft", 20): "C" * 20,
    ("once_bitten", "CCD", 20): "C" * 20,
    # DDC: grudge on moves 3-13; on move 14 the last two (moves 12, 13) are C, D.
    ("once_bitten", "DDC", 20): "CC" + "D" * 11 + "C" + "D" * 6,
    # Gradual Killer: D, D, D, D, D, C, C; then D for good if the opponent played D on
    # moves 6 and 7 (as grudger does against it), else C for good.
    ("gradual_killer", "allc", 20): "DDDDDCC" + "C" * 13,
    ("gradual_killer", "alld", 20): "DDDDDCC" + "D" * 13,
    ("gradual_killer", "alternator", 20): "DDDDDCC" + "C" * 13,  # moves 6, 7 are D, C
    ("gradual_killer", "tft", 20): "DDDDDCC" + "C" * 13,  # TFT's moves 6, 7 echo D, C
    ("gradual_killer", "grudger", 20): "DDDDDCC" + "D" * 13,
    # CAPRI: alld: (CCC, CCD) punishes, and all-D windows are not recovered from.
    ("capri", "allc", 20): "C" * 20,
    ("capri", "alld", 20): "C" + "D" * 19,
    ("capri", "tft", 20): "C" * 20,
    # Alternator: (CCC, CCC) C; (CCC, CCD) D; (CCD, CDC) C (rule P); then no rule
    # applies (the alternator never plays D, D, so R never does either).
    ("capri", "alternator", 20): "CCDC" + "D" * 16,
    # CCD: (CCC, CCD) D, (CCD, CDC) C, (CDC, DCC) C, (DCC, CCD) none: D, and again.
    ("capri", "CCD", 20): "CCC" + "DCC" * 5 + "DC",
    # Grudger Alternator: C until the opponent's first D, then D, C, D, C, ...
    ("grudger_alternator", "allc", 20): "C" * 20,
    ("grudger_alternator", "alld", 20): "C" + "DC" * 9 + "D",
    ("grudger_alternator", "alternator", 20): "CC" + "DC" * 9,
    ("grudger_alternator", "tft", 20): "C" * 20,
    ("grudger_alternator", "CCD", 20): "CCC" + "DC" * 8 + "D",
    # Forgiver: D while the opponent's D's exceed a tenth of the moves. Against CCCCD
    # (a fifth) it defects from move 6; against a tenth exactly it never does.
    ("forgiver", "allc", 20): "C" * 20,
    ("forgiver", "alld", 20): "C" + "D" * 19,
    ("forgiver", "alternator", 20): "CC" + "D" * 18,
    ("forgiver", "tft", 20): "C" * 20,
    ("forgiver", "CCCCD", 20): "CCCCC" + "D" * 15,
    ("forgiver", "CCCCCCCCCD", 30): "C" * 30,
    # Forgiving TFT: the same test, then tit for tat instead of D.
    ("forgiving_tft", "allc", 20): "C" * 20,
    ("forgiving_tft", "alld", 20): "C" + "D" * 19,
    ("forgiving_tft", "alternator", 20): "CC" + "DC" * 9,
    ("forgiving_tft", "tft", 20): "C" * 20,
    ("forgiving_tft", "CCCCD", 20): "CCCCC" + "DCCCC" * 3,
    # Grumpy: grumpy (D) once the opponent's D's exceed its C's by more than 10, nice
    # again when they fall short by more than 10.
    ("grumpy", "allc", 20): "C" * 20,
    ("grumpy", "alld", 20): "C" * 11 + "D" * 9,
    ("grumpy", "alternator", 20): "C" * 20,
    ("grumpy", "tft", 20): "C" * 20,
    ("grumpy", "CCD", 20): "C" * 20,
    ("grumpy:start_grumpy=1", "allc", 20): "D" * 11 + "C" * 9,
    # BackStabber: C until the opponent's 4th D; D on the last two moves.
    ("backstabber", "allc", 20): "C" * 18 + "DD",
    ("backstabber", "alld", 20): "CCCC" + "D" * 16,
    ("backstabber", "alternator", 20): "C" * 8 + "D" * 12,
    ("backstabber", "tft", 20): "C" * 18 + "DD",
    ("backstabber", "CCD", 20): "C" * 12 + "D" * 8,  # 4th D on move 12
    # DoubleCrosser: tit for two tats on moves 8-180 against an opponent clean for 7 moves.
    ("double_crosser", "allc", 20): "C" * 18 + "DD",
    ("double_crosser", "alld", 20): "CCCC" + "D" * 16,
    ("double_crosser", "alternator", 20): "C" * 8 + "D" * 12,
    ("double_crosser", "tft", 20): "C" * 18 + "DD",
    ("double_crosser", "CCCCCCCCDD", 30): "C" * 10 + "D" + "C" * 9 + "D" + "C" * 7 + "DD",
    ("backstabber", "CCCCCCCCDD", 30): "C" * 20 + "D" * 10,
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


def test_backstabbers_play_to_the_end_without_the_length():
    assert play("backstabber", "allc", 20, reveal_length=False)[0] == "C" * 20
    assert play("double_crosser", "allc", 20, reveal_length=False)[0] == "C" * 20


# --------------------------------------------------------------------------- (b) random rule


@pytest.mark.parametrize("seed", range(5))
def test_forgetful_fool_me_once_defects_only_after_two_defections(seed):
    mine, theirs = play("forgetful_fool_me_once", "CCCCD", 100, seed=seed)
    for t, m in enumerate(mine):
        if m == "D":
            assert theirs[:t].count("D") >= 2
    # Against alld it defects from move 3 except on moves right after forgetting.
    mine, _ = play("forgetful_fool_me_once", "alld", 100, seed=seed)
    assert mine[:2] == "CC"
    assert mine.count("C") < 20


def test_forgetful_fool_me_once_never_forgetting_is_fool_me_once():
    for other in ("alld", "alternator", "CCD"):
        assert (
            play("forgetful_fool_me_once:forget_probability=0", other, 30)[0]
            == (play("fool_me_once", other, 30)[0])
        )


# --------------------------------------------------------------------------- (c) twins

CODE_RULES = [
    "capri",
    "grudger_alternator",
    "forgiver",
    "forgiving_tft",
    "forgetful_fool_me_once",
    "grumpy:grumpy_threshold=3,nice_threshold=-2",
    "backstabber",
    "double_crosser",
]


@pytest.mark.parametrize("rule", CODE_RULES)
@pytest.mark.parametrize("other", ["tft", "alternator", "CCDCD", "random"])
def test_compiled_rule_plays_as_its_twin(rule, other):
    assert_twin_agrees(rule, other, reveal_length=other != "random")


# --------------------------------------------------------------------------- (d) metadata


def test_every_rule_is_in_the_collection_and_names_its_axelrod_counterpart():
    members = set(collection("grudgers"))
    for rule in IDS:
        info = parse_player(rule).info
        assert rule in members
        assert info.axelrod_name and info.source and info.description
