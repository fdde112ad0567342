"""Tit-for-tat variants (ipd/strategies/builtin/tft_variants.py).

(a) Transcripts against fixed opponents, derived by hand from each rule's
    description (the comment above each block says how). Opponents: allc,
    alld, alternator (C, D, C, D, ...), tft, and cycles written in capitals
    (``"CCD"`` plays C, C, D, C, C, D, ...).
(b) Properties of the random rules that hold for any seed, and frequencies.
(c) The compiled steps play as their plain-Python twins, with noise.
(d) Metadata: Axelrod-Python names, sources, the collection.
"""

from __future__ import annotations

import pytest

from ipd.core.players import parse_player
from ipd.strategies import collection
from tests.named_support import assert_twin_agrees, cooperation_rate, play, warm_kernel

IDS = [
    "anti_tft",
    "bully",
    "burn_both_ends",
    "hard_tft",
    "hard_tf2t",
    "spiteful_tft",
    "n_tits_for_m_tats",
    "slow_tf2t2",
    "adaptive_tft",
    "contrite_tft",
    "dynamic_2tft",
    "alexei",
    "eugine_nier",
    "michaelos",
    "omega_tft",
    "original_gradual",
    "random_tft",
    "sneaky_tft",
]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*IDS, "tft", "gradual"])


TFT_VS_ALT = "C" + "CD" * 9 + "C"  # tit for tat against the alternator, 20 moves
TFT_VS_CCD = "C" + ("CCD" * 7)[:19]

# (rule, opponent, turns) -> the rule's moves. Match lengths are told to the players.
TRANSCRIPTS = {
    # Anti TFT: C, then the opposite of the opponent's last move. Against TFT each
    # move is the opposite of its own move two back: C D D C, C D D C, ...
    ("anti_tft", "allc", 20): "C" + "D" * 19,
    ("anti_tft", "alld", 20): "C" * 20,
    ("anti_tft", "alternator", 20): "C" + "DC" * 9 + "D",
    ("anti_tft", "tft", 20): "CDDC" * 5,
    ("anti_tft", "CCD", 20): "C" + "DDC" * 6 + "D",
    # Bully: the same, opening with D; against TFT: D D C C, D D C C, ...
    ("bully", "allc", 20): "D" * 20,
    ("bully", "alld", 20): "D" + "C" * 19,
    ("bully", "alternator", 20): "D" + "DC" * 9 + "D",
    ("bully", "tft", 20): "DDCC" * 5,
    ("bully", "CCD", 20): "D" + "DDC" * 6 + "D",
    # Burn Both Ends defects for certain after a defection, so against alld nothing is drawn.
    ("burn_both_ends", "alld", 20): "C" + "D" * 19,
    # Hard TFT: D if any of the opponent's last three moves was D.
    ("hard_tft", "allc", 20): "C" * 20,
    ("hard_tft", "alld", 20): "C" + "D" * 19,
    ("hard_tft", "alternator", 20): "CC" + "D" * 18,
    ("hard_tft", "tft", 20): "C" * 20,
    ("hard_tft", "CCD", 20): "CCC" + "D" * 17,
    ("hard_tft", "CCCCD", 20): "CCCCC" + "DDDCC" * 3,  # each D echoed three times
    # Hard TF2T: D if two D's in a row appear within the last three moves.
    ("hard_tf2t", "allc", 20): "C" * 20,
    ("hard_tf2t", "alld", 20): "CC" + "D" * 18,
    ("hard_tf2t", "alternator", 20): "C" * 20,
    ("hard_tf2t", "tft", 20): "C" * 20,
    ("hard_tf2t", "CCD", 20): "C" * 20,
    ("hard_tf2t", "DDC", 20): "CC" + "DDC" * 6,  # windows D, DD, DDC, DCD, CDD, DDC, ...
    # Spiteful TFT: tit for tat until two D's in a row, then D for good.
    ("spiteful_tft", "allc", 20): "C" * 20,
    ("spiteful_tft", "alld", 20): "C" + "D" * 19,
    ("spiteful_tft", "alternator", 20): TFT_VS_ALT,
    ("spiteful_tft", "tft", 20): "C" * 20,
    ("spiteful_tft", "CCD", 20): TFT_VS_CCD,
    ("spiteful_tft", "DDC", 20): "C" + "D" * 19,
    # N Tits For M Tats (3, 2): after two D's in a row, three D's (a new run of two
    # restarts the count).
    ("n_tits_for_m_tats", "allc", 20): "C" * 20,
    ("n_tits_for_m_tats", "alld", 20): "CC" + "D" * 18,
    ("n_tits_for_m_tats", "alternator", 20): "C" * 20,
    ("n_tits_for_m_tats", "tft", 20): "C" * 20,
    ("n_tits_for_m_tats", "DDC", 20): "CC" + "D" * 18,  # a new run every three moves
    ("n_tits_for_m_tats", "CCDD", 20): "CCCC" + "DDDC" * 4,
    ("n_tits_for_m_tats:n=1,m=1", "alternator", 20): TFT_VS_ALT,  # tit for tat
    ("n_tits_for_m_tats:n=2,m=0", "allc", 5): "DDDDD",  # M = 0: always defects
    ("n_tits_for_m_tats:n=0,m=1", "alld", 5): "CCCCC",  # N = 0: always co-operates
    # Slow TF2T 2: C, C; then the opponent's move if it repeated it, else its own last.
    ("slow_tf2t2", "allc", 20): "C" * 20,
    ("slow_tf2t2", "alld", 20): "CC" + "D" * 18,
    ("slow_tf2t2", "alternator", 20): "C" * 20,  # never repeats: keeps its own C
    ("slow_tf2t2", "tft", 20): "C" * 20,
    ("slow_tf2t2", "CCD", 20): "C" * 20,
    ("slow_tf2t2", "CCDD", 20): "CC" + "CCDD" * 4 + "CC",
    # Adaptive TFT: with rate 1/2 it is tit for tat (after a C the image is >= 1/2,
    # after a D below); with rate 0.1 the image against CCD creeps up: always C.
    ("adaptive_tft", "allc", 20): "C" * 20,
    ("adaptive_tft", "alld", 20): "C" + "D" * 19,
    ("adaptive_tft", "alternator", 20): TFT_VS_ALT,
    ("adaptive_tft", "tft", 20): "C" * 20,
    ("adaptive_tft", "CCD", 20): TFT_VS_CCD,
    ("adaptive_tft:rate=0.1", "CCD", 20): "C" * 20,
    ("adaptive_tft:rate=0.1", "DDC", 20): "C" + "D" * 19,  # image falls to 0.37
    # Contrite TFT without noise is tit for tat.
    ("contrite_tft", "allc", 20): "C" * 20,
    ("contrite_tft", "alld", 20): "C" + "D" * 19,
    ("contrite_tft", "alternator", 20): TFT_VS_ALT,
    ("contrite_tft", "tft", 20): "C" * 20,
    ("contrite_tft", "CCD", 20): TFT_VS_CCD,
    # Dynamic 2TFT: C unless D in the opponent's last two; then C with the opponent's
    # co-operation rate, which is 0 against alld (no draw).
    ("dynamic_2tft", "allc", 20): "C" * 20,
    ("dynamic_2tft", "alld", 20): "C" + "D" * 19,
    # Alexei: tit for tat, D on the last move.
    ("alexei", "allc", 20): "C" * 19 + "D",
    ("alexei", "alld", 20): "C" + "D" * 19,
    ("alexei", "alternator", 20): TFT_VS_ALT[:19] + "D",
    ("alexei", "tft", 20): "C" * 19 + "D",
    ("alexei", "CCD", 20): TFT_VS_CCD[:19] + "D",
    # Eugine Nier: tit for tat until the opponent's fifth D, then D for good.
    ("eugine_nier", "allc", 20): "C" * 19 + "D",
    ("eugine_nier", "alld", 20): "C" + "D" * 19,
    ("eugine_nier", "alternator", 20): "CCDCDCDCDC" + "D" * 10,  # 5th D is move 10
    ("eugine_nier", "tft", 20): "C" * 19 + "D",
    ("eugine_nier", "CCD", 20): "CCCDCCDCCDCCDCC" + "D" * 5,  # 5th D is move 15
    # Michaelos: deterministic while its D never meets a C.
    ("michaelos", "allc", 20): "C" * 19 + "D",
    ("michaelos", "alld", 20): "C" + "D" * 19,
    ("michaelos", "tft", 20): "C" * 19 + "D",
    # Omega TFT (thresholds 3 and 8), counters worked out move by move:
    # alternator: see-saw counted on moves 3-5, broken by C, C on moves 6-7; the
    # randomness counter reaches 8 on move 9 and only grows after that.
    ("omega_tft", "allc", 20): "C" * 20,
    ("omega_tft", "alld", 20): "C" + "D" * 19,
    ("omega_tft", "alternator", 20): "CCDCDCCC" + "D" * 12,
    ("omega_tft", "tft", 20): "C" * 20,
    # CCD: each cycle adds 3 to the randomness counter (CC -1, changes +2, ours +2);
    # it reaches 8 on move 11.
    ("omega_tft", "CCD", 20): "CCCDCCDCCD" + "D" * 10,
    # Original Gradual: the k-th punishment is k D's then C, C.
    ("original_gradual", "allc", 20): "C" * 20,
    ("original_gradual", "tft", 20): "C" * 20,
    ("original_gradual", "alld", 20): "C"
    + "D"
    + "CC"
    + "DD"
    + "CC"
    + "DDD"
    + "CC"
    + "DDDD"
    + "CC"
    + "D",
    ("original_gradual", "alternator", 20): "CC"
    + "D"
    + "CC"
    + "C"
    + "DD"
    + "CC"
    + "DDD"
    + "CC"
    + "C"
    + "DDDD",
    ("original_gradual", "CCD", 20): "CCC"
    + "D"
    + "CC"
    + "DD"
    + "CC"
    + "CC"
    + "DDD"
    + "CC"
    + "C"
    + "DD",
    # Random TFT with p = 0 or 1 draws nothing: tit for tat on moves 2, 4, ...
    ("random_tft:p=0", "allc", 20): "C" + "CD" * 9 + "C",
    ("random_tft:p=1", "alld", 20): "C" + "DC" * 9 + "D",
    # Sneaky TFT: C, C; D while the opponent never defected; then tit for tat, but C
    # when its own D two moves back was just answered by D.
    ("sneaky_tft", "allc", 20): "CC" + "D" * 18,
    ("sneaky_tft", "alld", 20): "CC" + "DDCC" * 4 + "DD",
    ("sneaky_tft", "tft", 20): "CCDDCC" + "C" * 14,
    ("sneaky_tft", "alternator", 20): "CC" + "DCCC" * 4 + "DC",
    ("sneaky_tft", "CCD", 20): "CCD" + ("DCC" * 6)[:17],  # then tit for tat
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


def test_original_gradual_differs_from_gradual():
    # gradual punishes by the opponent's total of defections, original_gradual by the
    # number of punishments: against the alternator (three D's by then) they part on
    # move 9, the third move of the second punishment.
    mine, _ = play("original_gradual", "alternator", 20)
    theirs, _ = play("gradual", "alternator", 20)
    assert mine[:8] == theirs[:8]
    assert (mine[8], theirs[8]) == ("C", "D")


def test_end_game_rules_do_not_defect_at_the_end_without_the_length():
    for rule in ("alexei", "eugine_nier", "michaelos"):
        assert play(rule, "allc", 20, reveal_length=False)[0] == "C" * 20


# --------------------------------------------------------------------------- (b) random rules


@pytest.mark.parametrize("seed", range(5))
def test_random_rules_draw_only_where_their_description_allows(seed):
    # Random TFT: tit for tat on moves 2, 4, 6, ...
    mine, theirs = play("random_tft", "alternator", 60, seed=seed)
    assert all(mine[t] == theirs[t - 1] for t in range(1, 60, 2))
    # Dynamic 2TFT co-operates whenever the opponent's last two moves were C.
    mine, theirs = play("dynamic_2tft", "CCCD", 60, seed=seed)
    assert all(mine[t] == "C" for t in range(2, 60) if theirs[t - 2 : t] == "CC")
    # Burn Both Ends defects after every D.
    mine, theirs = play("burn_both_ends", "alternator", 60, seed=seed)
    assert all(mine[t] == "D" for t in range(1, 60) if theirs[t - 1] == "D")
    # Michaelos: once it defects after its own D met a C, it defects for good.
    mine, theirs = play("michaelos", "alternator", 60, seed=seed)
    for t in range(1, 59):
        if (mine[t - 1], theirs[t - 1]) == ("D", "C") and mine[t] == "D":
            assert set(mine[t:]) == {"D"}


def test_random_rules_co_operate_as_often_as_published():
    assert cooperation_rate("burn_both_ends", "allc") == pytest.approx(0.9, abs=0.03)
    # Random TFT against allc: C on odd moves, C with probability 1/2 on even moves.
    assert cooperation_rate("random_tft", "allc") == pytest.approx(0.75, abs=0.03)


def test_contrite_tft_recovers_from_noise_better_than_tit_for_tat():
    # Wu and Axelrod's point: with noise, contrition restores co-operation between
    # reciprocators, where tit-for-tat pairs echo a mistake.
    seeds = range(10)
    contrite = cooperation_rate("contrite_tft", "contrite_tft", 300, seeds, noise=0.02)
    plain = cooperation_rate("tft", "tft", 300, seeds, noise=0.02)
    assert contrite > plain + 0.1


# --------------------------------------------------------------------------- (c) twins

CODE_RULES = [
    "adaptive_tft:rate=0.3",
    "contrite_tft",
    "dynamic_2tft",
    "alexei",
    "eugine_nier",
    "michaelos",
    "omega_tft",
    "original_gradual",
    "random_tft",
    "sneaky_tft",
    "slow_tf2t2",
]


@pytest.mark.parametrize("rule", CODE_RULES)
@pytest.mark.parametrize("other", ["tft", "alternator", "CCDCD", "random"])
def test_compiled_rule_plays_as_its_twin(rule, other):
    assert_twin_agrees(rule, other, reveal_length=other != "random")


# --------------------------------------------------------------------------- (d) metadata


def test_every_rule_is_in_the_collection_and_names_its_axelrod_counterpart():
    members = set(collection("tit_for_tat_variants"))
    for rule in IDS:
        info = parse_player(rule).info
        assert rule in members
        assert info.axelrod_name and info.source and info.description
