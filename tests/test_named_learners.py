"""Learners (ipd/strategies/builtin/learners.py).

(a) Transcripts of the deterministic learners, derived by hand from their
    descriptions (the comment above each block says how).
(b) Properties that follow from the descriptions: what a learner settles on
    against all-C and all-D, and its first moves.
(c) The compiled steps play as their plain-Python twins, with noise.
(d) Metadata.
"""

from __future__ import annotations

import pytest

from ipd.core.players import parse_player
from ipd.strategies import collection
from tests.named_support import assert_twin_agrees, cooperation_rate, play, warm_kernel

QLEARNERS = ["risky_qlearner", "arrogant_qlearner", "hesitant_qlearner", "cautious_qlearner"]
IDS = [
    *QLEARNERS,
    "bush_mosteller",
    "adaptor_brief",
    "adaptor_long",
    "adaptive",
    "momentum",
    "dbs",
    "frequency_analyzer",
]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*IDS, "tft", "random"])


OPENING = "CCCCCCDDDDD"  # Adaptive's

TRANSCRIPTS = {
    # Adaptive: after the opening, the move that has earned more so far (D on a tie).
    # allc: C earned 18, D 25; alld: 0 and 5; alternator: 9 and 17; CCD: 12 and 21.
    ("adaptive", "allc", 20): OPENING + "D" * 9,
    ("adaptive", "alld", 20): OPENING + "D" * 9,
    ("adaptive", "alternator", 20): OPENING + "D" * 9,
    ("adaptive", "CCD", 20): OPENING + "D" * 9,
    # TFT: C earned 18, D 5 + 1 + 1 + 1 + 1 = 9 (TFT answers from move 8): C, for good.
    ("adaptive", "tft", 20): OPENING + "C" * 9,
    # Momentum: m = alpha m + (1 - alpha) [opponent's C], from m = 1; C while m is at
    # least the threshold. After k D's in a row m = alpha^k: below the threshold at k = 4.
    ("momentum", "allc", 20): "C" * 20,
    ("momentum", "alld", 20): "CCCC" + "D" * 16,
    ("momentum", "alternator", 20): "C" * 8 + "D" * 12,
    ("momentum", "tft", 20): "C" * 20,
    ("momentum", "CCD", 20): "C" * 12 + "DDC" + "D" * 5,
    ("momentum", "CCCD", 30): "C" * 16 + "D" + "CCC" + "D" * 10,
    # Frequency Analyzer: tit for tat for 30 moves; on move 31 against the alternator
    # the history (C, D, D, C) has been answered by C twelve times: 12/30 > 1/4: C
    # (where tit for tat plays D).
    ("frequency_analyzer", "allc", 40): "C" * 40,
    ("frequency_analyzer", "alld", 40): "C" + "D" * 39,
    ("frequency_analyzer", "tft", 40): "C" * 40,
    ("frequency_analyzer", "alternator", 31): "C" + "CD" * 14 + "CC",
}


@pytest.mark.parametrize(("rule", "other", "turns"), list(TRANSCRIPTS), ids=str)
def test_transcript(rule, other, turns):
    expected = TRANSCRIPTS[(rule, other, turns)]
    assert len(expected) == turns
    assert play(rule, other, turns)[0] == expected


# --------------------------------------------------------------------------- (b) properties


def test_dbs_keeps_co_operating_with_co_operators():
    # DBS starts from the belief that the opponent is tit for tat; co-operators never
    # contradict it, and against tit for tat mutual co-operation is the best plan.
    for other in ("allc", "tft", "dbs"):
        assert play("dbs", other, 60)[0] == "C" * 60


def test_dbs_learns_to_defect_against_all_d():
    mine, _ = play("dbs", "alld", 100)
    assert mine[0] == "C"
    assert mine[-60:] == "D" * 60


def test_dbs_look_ahead_depth_one_is_greedy():
    # With one move of look-ahead the best reply to a model that co-operates next is D.
    mine, _ = play("dbs:tree_depth=1", "allc", 10)
    assert mine == "C" + "D" * 9


@pytest.mark.parametrize("rule", QLEARNERS)
def test_q_learners_co_operate_with_co_operators_and_learn_to_defect_against_defectors(rule):
    # Every state met against allc is new (its co-operation count grows), with Q values
    # 0: the rule co-operates unless it explores (probability 0.05 of a D).
    assert cooperation_rate(rule, "allc") == pytest.approx(0.95, abs=0.02)
    # Against alld the state recurs once the window is all D; a D tried there earns
    # P > S and becomes the preferred move.
    late = "".join(play(rule, "alld", 300, seed=s)[0][150:] for s in range(10))
    assert late.count("C") / len(late) < 0.1


def test_q_learner_without_exploration_is_deterministic():
    mine, _ = play("risky_qlearner:action_selection=0", "alld", 30)
    assert mine == "C" * 30  # never tries D, so Q(D) stays 0 = Q(C): ties go to C


def test_bush_mosteller_opens_at_even_odds_and_without_learning_stays_there():
    first = "".join(play("bush_mosteller", "allc", 1, seed=s)[0] for s in range(400))
    assert first.count("C") / 400 == pytest.approx(0.5, abs=0.08)
    assert cooperation_rate("bush_mosteller:learning_rate=0", "alld") == pytest.approx(
        0.5, abs=0.03
    )


def test_bush_mosteller_reinforces_what_pays():
    # Against allc both moves beat the aspiration T/3 and both propensities rise to 1:
    # even odds. Against alld neither does, and C (payoff S, stimulus -1/2) is punished
    # harder than D (payoff P, stimulus -1/5): about 28% C over 200 moves (the
    # expectation of the published update, worked out by simulating it).
    assert cooperation_rate("bush_mosteller", "allc", seeds=range(40)) == pytest.approx(
        0.5, abs=0.05
    )
    assert cooperation_rate("bush_mosteller", "alld", seeds=range(40)) == pytest.approx(
        0.28, abs=0.05
    )


def test_adaptors_leave_their_co_operative_band_as_their_state_drifts():
    # s moves by 0 after CC: against allc the brief Adaptor co-operates with probability
    # 0.99; each of its D's (DC) raises s by 0.99 and nothing lowers it, so after two
    # errors s >= 1 and it defects with probability 0.99 for good.
    early = "".join(play("adaptor_brief", "allc", 20, seed=s)[0] for s in range(10))
    assert early.count("C") / len(early) > 0.95
    late = "".join(play("adaptor_brief", "allc", 1000, seed=s)[0][-200:] for s in range(10))
    assert late.count("C") / len(late) < 0.1
    # Against alld a C costs 1.0 (brief) and D's keep pushing s down: D with 0.99.
    assert cooperation_rate("adaptor_brief", "alld") < 0.05
    # The long Adaptor's state rises 1.89 after its C and falls 1.00 after its D against
    # alld: it co-operates in a share 1.00 / (1.89 + 1.00) = 0.345 of the moves.
    assert cooperation_rate("adaptor_long", "alld") == pytest.approx(0.345, abs=0.03)


# --------------------------------------------------------------------------- (c) twins

CODE_RULES = [
    *QLEARNERS,
    "risky_qlearner:memory_length=2",
    "bush_mosteller",
    "adaptor_brief",
    "adaptor_long",
    "adaptive",
    "momentum",
    "dbs",
    "dbs:promotion_threshold=1,violation_threshold=1,reject_threshold=0,tree_depth=3",
    "frequency_analyzer",
]


@pytest.mark.parametrize("rule", CODE_RULES)
@pytest.mark.parametrize("other", ["tft", "alld", "CCDCD", "random"])
def test_compiled_rule_plays_as_its_twin(rule, other):
    assert_twin_agrees(rule, other, reveal_length=other != "random")


# --------------------------------------------------------------------------- (d) metadata


def test_every_rule_is_in_the_collection_and_names_its_axelrod_counterpart():
    members = set(collection("learners"))
    for rule in IDS:
        info = parse_player(rule).info
        assert rule in members
        assert info.axelrod_name and info.source and info.description
    assert "dbs" in collection("long_run_time")
