"""Transcripts and published numbers for the classic built-in strategies.

Every expected transcript below was derived by hand from the rule's published
description (the comment above each block says how), not by running the code.
Opponents: Cooperator (allc), Defector (alld), Alternator (C, D, C, D, ...),
Tit For Tat, and a fixed C, C, D cycle (the ``cycle_ccd`` fixture).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import ipd
from ipd import Game
from ipd.core.players import parse_player

TURNS = 20
CYCLE = "cycle"  # stands for the fixed-cycle opponent, whose id the fixture gives

# Each opponent's moves, given the moves of the strategy it faces.
OPPONENT_MOVES = {
    "allc": lambda mine: "C" * len(mine),
    "alld": lambda mine: "D" * len(mine),
    "alternator": lambda mine: ("CD" * len(mine))[: len(mine)],
    "tft": lambda mine: ("C" + mine)[: len(mine)],
    CYCLE: lambda mine: ("CCD" * len(mine))[: len(mine)],
}

ALL_C = "C" * TURNS

# (strategy, opponent) -> the strategy's 20 moves.
EXPECTED = {
    # Cooperator: C whatever happens.
    **{("allc", opp): ALL_C for opp in OPPONENT_MOVES},
    # Defector: D whatever happens.
    **{("alld", opp): "D" * TURNS for opp in OPPONENT_MOVES},
    # Tit For Tat: C, then the opponent's previous move.
    ("tft", "allc"): ALL_C,
    ("tft", "alld"): "C" + "D" * 19,
    ("tft", "alternator"): "C" + "CD" * 9 + "C",
    ("tft", "tft"): ALL_C,
    ("tft", CYCLE): "C" + ("CCD" * 7)[:19],
    # Suspicious Tit For Tat: D, then the opponent's previous move. Against TFT
    # the two echo each other: STFT D C D C ..., TFT C D C D ...
    ("stft", "allc"): "D" + "C" * 19,
    ("stft", "alld"): "D" * TURNS,
    ("stft", "alternator"): "D" + "CD" * 9 + "C",
    ("stft", "tft"): "DC" * 10,
    ("stft", CYCLE): "D" + ("CCD" * 7)[:19],
    # Win-Stay Lose-Shift: C first; keep the last move after R or T, switch after
    # S or P. So C after CC and DD, D after CD and DC: C exactly when both played
    # the same move last round.
    ("wsls", "allc"): ALL_C,
    ("wsls", "alld"): "CD" * 10,  # CD -> D, DD -> C, ...
    ("wsls", "alternator"): "CCDD" * 5,  # CC, CD, DC, DD, then again
    ("wsls", "tft"): ALL_C,
    ("wsls", CYCLE): "CCCDDD" * 3 + "CC",  # CC CC CD | DC DC DD | ...
    # Alternator: C, D, C, D, ... whatever the opponent does.
    **{("alternator", opp): "CD" * 10 for opp in OPPONENT_MOVES},
    # Grudger: C until the opponent's first D, then D on every later move.
    ("grudger", "allc"): ALL_C,
    ("grudger", "alld"): "C" + "D" * 19,
    ("grudger", "alternator"): "CC" + "D" * 18,  # first D on move 2 (0-based 1)
    ("grudger", "tft"): ALL_C,
    ("grudger", CYCLE): "CCC" + "D" * 17,  # the cycle's first D is move 3
    # Tit For Two Tats: D only after two D's in a row from the opponent.
    ("tf2t", "allc"): ALL_C,
    ("tf2t", "alld"): "CC" + "D" * 18,
    ("tf2t", "alternator"): ALL_C,  # never two D's in a row
    ("tf2t", "tft"): ALL_C,
    ("tf2t", CYCLE): ALL_C,
    # Two Tits For Tat: D if the opponent defected on either of its last two moves.
    ("2tft", "allc"): ALL_C,
    ("2tft", "alld"): "C" + "D" * 19,
    ("2tft", "alternator"): "CC" + "D" * 18,
    ("2tft", "tft"): ALL_C,
    ("2tft", CYCLE): "CCC" + "DDC" * 5 + "DD",  # each cycle D is answered twice
    # Gradual: when co-operating and the opponent has just defected for the
    # n-th time in all, defect n times, then co-operate twice; the opponent's
    # defections during that sequence are counted but start nothing.
    ("gradual", "allc"): ALL_C,
    ("gradual", "tft"): ALL_C,
    # alld: after its 1st D: D, C, C; it has defected 4 times by then: DDDD CC;
    # then 10 times: 10 D's.
    ("gradual", "alld"): "C" + "D" + "CC" + "DDDD" + "CC" + "D" * 10,
    # alternator (D on moves 1, 3, 5, ... counting from 0): CC; D #1 -> D CC; C (it
    # saw a C); D #3 -> DDD CC; C; D #6 -> DDDDDD CC.
    ("gradual", "alternator"): "CC" + "D" + "CC" + "C" + "DDD" + "CC" + "C" + "DDDDDD" + "CC",
    # cycle (D on moves 2, 5, 8, ... counting from 0): CCC; D #1 -> D CC; D #2 ->
    # DD CC (D #3 falls in the calm); C C; D #4 -> DDDD CC; D #6 -> DDDDDD, cut off.
    ("gradual", CYCLE): "CCC" + "DCC" + "DDCC" + "CC" + "DDDDCC" + "DD",
}

DETERMINISTIC = sorted({s for s, _ in EXPECTED})


def _opponent_id(opponent: str, cycle_ccd: str) -> str:
    return cycle_ccd if opponent == CYCLE else opponent


def test_expected_transcripts_are_well_formed():
    # Guards the table itself: 20 moves each, every deterministic classic against every opponent.
    assert all(re.fullmatch("[CD]{20}", moves) for moves in EXPECTED.values())
    assert len(EXPECTED) == len(DETERMINISTIC) * len(OPPONENT_MOVES) == 10 * 5


@pytest.mark.parametrize(("strategy", "opponent"), sorted(EXPECTED))
def test_deterministic_classic_plays_its_published_transcript(
    strategy, opponent, cycle_ccd, play_transcript
):
    mine = EXPECTED[strategy, opponent]
    theirs = OPPONENT_MOVES[opponent](mine)
    other = _opponent_id(opponent, cycle_ccd)
    assert play_transcript(strategy, other, TURNS) == (mine, theirs)
    # The same match with the seats swapped: a rule does not depend on being row or column.
    assert play_transcript(other, strategy, TURNS) == (theirs, mine)


@pytest.mark.parametrize("strategy", DETERMINISTIC)
def test_deterministic_classic_transcript_ignores_seed_and_revealed_length(
    strategy, cycle_ccd, play_transcript
):
    expected = EXPECTED[strategy, CYCLE]
    for seed in (1, 2**40 + 7):
        for reveal in (False, True):
            mine, _ = play_transcript(strategy, cycle_ccd, TURNS, seed=seed, reveal_length=reveal)
            assert mine == expected


# --------------------------------------------------------------------------- published totals


def test_round_robin_of_four_classics_over_ten_turns_gives_published_totals():
    # Cooperator, Defector, TFT, Grudger; 10 turns, no self-play: 60, 78, 69, 69.
    names = ["allc", "alld", "tft", "grudger"]
    totals = dict.fromkeys(names, 0.0)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            score_a, score_b = ipd.play_match(a, b, turns=10).scores
            totals[a] += score_a
            totals[b] += score_b
    assert totals == {"allc": 60, "alld": 78, "tft": 69, "grudger": 69}


def test_tft_against_alld_over_200_turns_scores_199_to_204():
    result = ipd.play_match("tft", "alld", turns=200)
    assert result.scores == (199.0, 204.0)


# --------------------------------------------------------------------------- stochastic: forced


SEEDS = (0, 1, 12345, 2**62 + 3)


@pytest.mark.parametrize("strategy", ["gtft", "zdgtft2"])
@pytest.mark.parametrize("opponent", ["allc", "tft"])
def test_generous_strategies_never_defect_first_against_cooperators(
    strategy, opponent, play_transcript
):
    # Both co-operate first and co-operate for sure after CC (p_CC = 1), so the
    # match is all C whatever the random draws.
    for seed in SEEDS:
        assert play_transcript(strategy, opponent, 200, seed=seed) == ("C" * 200, "C" * 200)


@pytest.mark.parametrize("opponent", ["alld", "alternator", "wsls", CYCLE])
def test_gtft_with_generosity_zero_is_tft_and_with_one_is_allc(
    opponent, cycle_ccd, play_transcript
):
    other = _opponent_id(opponent, cycle_ccd)
    for seed in SEEDS[:2]:
        as_tft = play_transcript("gtft:generosity=0", other, 50, seed=seed)
        assert as_tft == play_transcript("tft", other, 50)
        as_allc = play_transcript("gtft:generosity=1", other, 50, seed=seed)
        assert as_allc == play_transcript("allc", other, 50)


@pytest.mark.parametrize(("p", "move"), [(0.0, "D"), (1.0, "C")])
def test_random_with_certain_p_is_constant_and_declared_deterministic(p, move, play_transcript):
    player = parse_player(f"random:p={p}")
    assert player.behaviour(Game()).stochastic is False
    for seed in SEEDS:
        mine, _ = play_transcript(f"random:p={p}", "tft", 100, seed=seed)
        assert mine == move * 100


def test_extort2_never_cooperates_again_after_mutual_defection_against_alld(play_transcript):
    # extort2 co-operates first (p_first = 1) and never after DD (p_DD = 0);
    # after CD it co-operates with probability 1/2. So against ALLD it plays
    # some C's, then D for ever.
    runs = []
    for seed in range(40):
        mine, _ = play_transcript("extort2", "alld", 60, seed=seed)
        assert re.fullmatch("C+D*", mine), mine
        runs.append(mine.count("C"))
    # The C run has geometric length with mean 2: not always 1, not always long.
    assert 1 < np.mean(runs) < 3.5


# --------------------------------------------------------------------------- stochastic: statistics


def _within(estimate: float, expected: float, p: float, n: int, k: float = 4.0) -> bool:
    return abs(estimate - expected) <= k * math.sqrt(p * (1 - p) / n)


@pytest.mark.parametrize("seat", ["row", "column"])
def test_random_cooperates_at_rate_p(seat):
    n = 20000
    if seat == "row":
        moves = ipd.play_match("random:p=0.3", "tft", turns=n, seed=7).moves[0]
    else:
        moves = ipd.play_match("tft", "random:p=0.3", turns=n, seed=7).moves[1]
    rate = float(np.mean(moves == 0))
    assert _within(rate, 0.3, 0.3, n)


def _conditional_cooperation(own: np.ndarray, opp: np.ndarray) -> dict[int, tuple[float, int]]:
    """For each previous outcome (0=CC, 1=CD, 2=DC, 3=DD, own move first): (rate of C, count)."""
    previous = 2 * own[:-1].astype(int) + opp[:-1].astype(int)
    cooperated = own[1:] == 0
    return {
        k: (float(cooperated[previous == k].mean()), int((previous == k).sum())) for k in range(4)
    }


@pytest.mark.parametrize("strategy", ["gtft", "extort2", "zdgtft2", "random:p=0.3"])
def test_memory_one_strategy_cooperates_at_its_declared_conditional_rates(strategy):
    # Against Random(0.5) every previous outcome occurs often; the frequency of
    # C after each must match the declared probability.
    vector = parse_player(strategy).behaviour(Game()).params
    result = ipd.play_match(strategy, "random", turns=40000, seed=99)
    rates = _conditional_cooperation(*result.moves)
    for k in range(4):
        rate, count = rates[k]
        assert count > 2000
        p = vector[k]
        if p in (0.0, 1.0):
            assert rate == p, (strategy, k)
        else:
            assert _within(rate, p, p, count), (strategy, k, rate, p)


ZD_OPPONENTS = ["allc", "alld", "alternator", "random", "random:p=0.8", "wsls", "gtft"]
ZD_TURNS = 100_000


def _zd_tolerance(phi: float, n: int) -> float:
    """Bound on |s (pi_X - l) - (pi_Y - l)| after n noiseless turns, at 4 standard deviations.

    Press and Dyson: p - (1, 1, 0, 0) = phi (s S_X - S_Y + (1 - s) l). Summed over
    the match, the left side is M + (last move) - (first move), with M a
    martingale whose increments have variance p (1 - p) <= 1/4; the right side
    is phi n times the residual. So |residual| <= (|M| + 2) / (phi n), sd(M) <= sqrt(n) / 2.
    """
    return (4 * math.sqrt(n) / 2 + 2) / (phi * n)


def _zd_residual(scores: tuple[float, float], n: int, slope: float, level: float) -> float:
    pi_x, pi_y = scores[0] / n, scores[1] / n
    return slope * (pi_x - level) - (pi_y - level)


@pytest.mark.parametrize(
    ("strategy", "phi", "slope", "baseline"),
    [("extort2", 1 / 9, 0.5, "P"), ("zdgtft2", 0.25, 0.5, "R")],
)
@pytest.mark.parametrize("opponent", ZD_OPPONENTS)
def test_zero_determinant_strategy_enforces_its_linear_relation(
    strategy, phi, slope, baseline, opponent
):
    # extort2: pi_X - P = 2 (pi_Y - P); zdgtft2: R - pi_X = 2 (R - pi_Y); whatever Y plays.
    level = getattr(Game(), baseline)
    scores = ipd.play_match(strategy, opponent, turns=ZD_TURNS, seed=2024).scores
    residual = _zd_residual(scores, ZD_TURNS, slope, level)
    assert abs(residual) <= _zd_tolerance(phi, ZD_TURNS), (scores, residual)


def test_zero_determinant_tolerance_is_tight_enough_to_reject_a_non_zd_rule():
    # Guards the test above: TFT against Alternator (2.5 points each per turn)
    # breaks extort2's relation by 0.75, far outside the tolerance.
    scores = ipd.play_match("tft", "alternator", turns=ZD_TURNS).scores
    residual = _zd_residual(scores, ZD_TURNS, 0.5, 1.0)
    assert abs(residual) > 10 * _zd_tolerance(1 / 9, ZD_TURNS)


# --------------------------------------------------------------------------- parameters


def _vector(text: str, game: Game | None = None) -> list[float]:
    return list(parse_player(text).behaviour(game or Game()).params)


def test_gtft_default_generosity_is_one_third_with_default_payoffs():
    assert _vector("gtft") == pytest.approx([1, 1 / 3, 1, 1 / 3, 1], abs=1e-15)


@pytest.mark.parametrize(
    ("payoffs", "generosity"),
    [
        ((4, 0, 7, 1), 1 / 4),  # 1 - (T-R)/(R-S) = 1/4 < (R-P)/(T-P) = 1/2
        ((4, 0, 5, 2), 2 / 3),  # (R-P)/(T-P) = 2/3 < 1 - (T-R)/(R-S) = 3/4
    ],
)
def test_gtft_default_generosity_follows_nowak_and_sigmund_formula(payoffs, generosity):
    vector = _vector("gtft", Game(*payoffs))
    assert vector == pytest.approx([1, generosity, 1, generosity, 1], abs=1e-15)


def test_gtft_explicit_generosity_overrides_the_default():
    assert _vector("gtft:generosity=0.1", Game(4, 0, 7, 1)) == pytest.approx([1, 0.1, 1, 0.1, 1])


def test_gtft_refuses_a_game_whose_default_generosity_is_negative():
    game = Game(3, 0, 7, 1, allow_non_dilemma=True)  # 1 - 4/3 < 0
    with pytest.raises(ipd.IpdError, match="generosity"):
        parse_player("gtft").behaviour(game)
    assert _vector("gtft:generosity=0.2", game) == pytest.approx([1, 0.2, 1, 0.2, 1])


def test_extort2_vector_is_press_and_dyson():
    assert _vector("extort2") == pytest.approx([8 / 9, 1 / 2, 1 / 3, 0, 1], abs=1e-15)


def test_zdgtft2_vector_is_stewart_and_plotkin():
    assert _vector("zdgtft2") == pytest.approx([1, 1 / 8, 1, 1 / 4, 1], abs=1e-15)


def test_zero_determinant_parameters_giving_impossible_probabilities_are_refused():
    with pytest.raises(ipd.IpdError, match="smaller phi"):
        parse_player("extort2:phi=1").behaviour(Game())


@pytest.mark.parametrize(
    ("strategy", "stochastic"),
    [
        ("allc", False),
        ("alld", False),
        ("tft", False),
        ("grudger", False),
        ("gradual", False),
        ("random", True),
        ("gtft", True),
        ("extort2", True),
        ("zdgtft2", True),
    ],
)
def test_default_behaviour_is_stochastic_exactly_for_random_rules(strategy, stochastic):
    assert parse_player(strategy).behaviour(Game()).stochastic is stochastic
    assert parse_player(strategy).info.stochastic is stochastic
