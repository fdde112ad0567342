"""Named memory-one and zero-determinant rules (memory_one_rules.py, zero_determinant.py).

(a) Each rule's vector is the published one.
(b) Transcripts where the rule draws nothing, derived by hand from the vector.
(c) Published properties: a zero-determinant rule enforces its linear relation
    between long-run scores against any opponent; rules that open at random
    are deterministic afterwards against fixed opponents.
(d) Metadata.
"""

from __future__ import annotations

import pytest

from ipd import Game
from ipd.core.players import parse_player
from ipd.strategies import collection
from tests.named_support import play, warm_kernel

MEMORY_ONE = [
    "firm_but_fair",
    "stochastic_cooperator",
    "stochastic_wsls",
    "soft_joss",
    "win_shift_lose_stay",
    "allc_or_alld",
    "desperate",
    "hopeless",
    "willing",
    "negation",
    "appeaser",
]
ZERO_DETERMINANT = [
    "zd_extort_2_v2",
    "zd_extort_3",
    "zd_extort_4",
    "zd_extortion",
    "zd_mischief",
    "zd_gen_2",
    "zd_set_2",
]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    warm_kernel([*MEMORY_ONE, *ZERO_DETERMINANT, "tft", "random"])


def vector(rule, game=None):
    return tuple(float(x) for x in parse_player(rule).behaviour(game or Game()).params)


# (p_CC, p_CD, p_DC, p_DD, p_first) as published.
VECTORS = {
    "firm_but_fair": (1, 0, 1, 2 / 3, 1),
    "stochastic_cooperator": (0.935, 0.229, 0.266, 0.42, 1),
    "stochastic_wsls": (0.95, 0.05, 0.05, 0.95, 1),
    "soft_joss": (1, 0.1, 1, 0.1, 1),
    "win_shift_lose_stay": (0, 1, 1, 0, 0),
    "allc_or_alld": (1, 1, 0, 0, 0.6),
    "desperate": (0, 0, 0, 1, 0.5),
    "hopeless": (0, 1, 1, 1, 0.5),
    "willing": (1, 1, 1, 0, 0.5),
    "negation": (0, 1, 0, 1, 0.5),
    "appeaser": (1, 0, 0, 1, 1),
    # Zero-determinant rules for R, S, T, P = 3, 0, 5, 1 (exact fractions from the
    # parametrisation 1 - phi (1-s)(R-l), 1 - phi (s(l-S) + T-l), phi (s(T-l) + l-S),
    # phi (1-s)(l-P)).
    "zd_extort_2_v2": (7 / 8, 7 / 16, 3 / 8, 0, 1),
    "zd_extort_3": (11 / 13, 1 / 2, 7 / 26, 0, 1),
    "zd_extort_4": (11 / 17, 0, 8 / 17, 0, 1),
    "zd_extortion": (0.64, 0.18, 0.28, 0, 1),
    "zd_mischief": (0.8, 0.6, 0.1, 0, 1),
    "zd_gen_2": (1, 9 / 16, 1 / 2, 1 / 8, 1),
    "zd_set_2": (3 / 4, 1 / 4, 1 / 2, 1 / 4, 1),
}


@pytest.mark.parametrize("rule", sorted(VECTORS))
def test_vector_is_the_published_one(rule):
    assert vector(rule) == pytest.approx(VECTORS[rule], abs=1e-12)


def test_every_rule_has_its_vector_checked():
    assert set(VECTORS) == set(MEMORY_ONE) | set(ZERO_DETERMINANT)


TRANSCRIPTS = {
    # Win-Shift Lose-Stay: D first; C exactly after CD or DC. Against TFT: D C C, D C C.
    ("win_shift_lose_stay", "allc", 20): "DC" * 10,
    ("win_shift_lose_stay", "alld", 20): "D" * 20,
    ("win_shift_lose_stay", "tft", 20): "DCC" * 6 + "DC",
    ("win_shift_lose_stay", "alternator", 20): "DCCD" * 5,  # DC, CD, CC, DD, ...
    ("win_shift_lose_stay", "CCD", 20): "D" + "CDD" * 6 + "C",  # DC, CC, DD, ...
    # Appeaser = WSLS: against alld C, D, C, D, ...
    ("appeaser", "allc", 20): "C" * 20,
    ("appeaser", "alld", 20): "CD" * 10,
    ("appeaser", "tft", 20): "C" * 20,
    ("appeaser", "alternator", 20): "CCDD" * 5,
    ("appeaser", "CCD", 20): "CCCDDD" * 3 + "CC",
    # Firm But Fair never defects after CC or DC: all C against co-operators.
    ("firm_but_fair", "allc", 20): "C" * 20,
    ("firm_but_fair", "tft", 20): "C" * 20,
    ("soft_joss", "allc", 20): "C" * 20,
    ("allc_or_alld:first=1", "alld", 10): "C" * 10,
    ("allc_or_alld:first=0", "allc", 10): "D" * 10,
    ("zd_gen_2", "allc", 20): "C" * 20,  # p_CC = 1
}


@pytest.mark.parametrize(("rule", "other", "turns"), list(TRANSCRIPTS), ids=str)
def test_transcript(rule, other, turns):
    expected = TRANSCRIPTS[(rule, other, turns)]
    assert len(expected) == turns
    assert play(rule, other, turns)[0] == expected


@pytest.mark.parametrize("seed", range(6))
def test_random_openers_are_deterministic_afterwards(seed):
    # Desperate co-operates only after DD; Hopeless defects only after CC; Willing
    # defects only after DD; Negation answers the opponent's move with the opposite.
    mine, _ = play("desperate", "allc", 10, seed=seed)
    assert mine[1:] == "D" * 9
    mine, _ = play("hopeless", "alld", 10, seed=seed)
    assert mine[1:] == "C" * 9
    mine, _ = play("willing", "allc", 10, seed=seed)
    assert mine[1:] == "C" * 9
    mine, _ = play("negation", "alternator", 10, seed=seed)
    assert mine[1:] == "DC" * 4 + "D"
    mine, _ = play("allc_or_alld", "random", 30, seed=seed)
    assert len(set(mine)) == 1


def long_run_scores(rule, other, turns=20000, seeds=range(3)):
    totals = []
    for seed in seeds:
        mine, theirs = play(rule, other, turns, seed=seed, reveal_length=False)
        table = {("C", "C"): (3, 3), ("C", "D"): (0, 5), ("D", "C"): (5, 0), ("D", "D"): (1, 1)}
        x = sum(table[m, t][0] for m, t in zip(mine, theirs, strict=True)) / turns
        y = sum(table[m, t][1] for m, t in zip(mine, theirs, strict=True)) / turns
        totals.append((x, y))
    return sum(x for x, _ in totals) / len(totals), sum(y for _, y in totals) / len(totals)


# (slope s, baseline l) of each rule: s (pi_X - l) = pi_Y - l.
RELATIONS = {
    "zd_extort_2_v2": (0.5, 1.0),
    "zd_extort_3": (1 / 3, 1.0),
    "zd_extort_4": (0.25, 1.0),
    "zd_extortion": (0.1, 1.0),
    "zd_mischief": (0.0, 1.0),
    "zd_gen_2": (0.5, 3.0),
    "zd_set_2": (0.0, 2.0),
}


@pytest.mark.parametrize("rule", sorted(RELATIONS))
@pytest.mark.parametrize("other", ["random", "tft", "stochastic_cooperator"])
def test_zero_determinant_rule_enforces_its_relation(rule, other):
    s, baseline = RELATIONS[rule]
    x, y = long_run_scores(rule, other)
    assert s * (x - baseline) == pytest.approx(y - baseline, abs=0.06)


def test_metadata():
    zd = set(collection("zero_determinant"))
    m1 = set(collection("memory_one_rules"))
    for rule in MEMORY_ONE + ZERO_DETERMINANT:
        info = parse_player(rule).info
        assert rule in (zd if rule.startswith("zd_") else m1)
        assert info.axelrod_name and info.source and info.description
        assert info.memory_depth == 1
