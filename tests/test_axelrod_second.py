"""The rules of Axelrod's second tournament (ipd/strategies/builtin/axelrod_second).

(a) Transcripts from Axelrod's Fortran (``tests/data/axelrod_second/transcripts.json``, made
    by a scratch oracle that drives the TourExec functions): every rule, and the fixed
    variants of K61R and K54R, against fixed opponents, TIT FOR TAT, RANDOM and its own twin,
    with and without noise. ipd plays exactly those moves.
(b) TIT FOR TAT's points per game against each deterministic rule, over the five lengths,
    are those it earned in the 1979 tournament (the table ActualTFTTourSc of Axelrod's 1993
    harness AxTest.f): a check of the rules, of the fifth length (156) and of K54R's bug.
(c) The compiled steps play exactly the moves of their plain-Python twins with other
    payoffs (negative ones included), noise and a revealed length.
(d) Classifiers that can be checked cheaply; the collection, the published table and the
    tournament spec.
"""

from __future__ import annotations

import functools
import json
import random
from pathlib import Path

import numpy as np
import pytest

import ipd
from ipd import Game
from ipd.analysis import reproduction
from ipd.core import spec
from ipd.core.players import parse_player
from ipd.engine import api
from ipd.strategies import registry
from tests.conftest import warm_group
from tests.reference import engine as reference_engine

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "axelrod_second" / "transcripts.json"
SPEC = ROOT / "tournaments" / "axelrod-1980-second.toml"
LENGTHS = (63, 77, 151, 156, 308)
RANKED = [
    *("k92r", "k61r", "k42r", "k49r", "k44r", "k60r", "k41r", "k75r", "k84r", "k32r"),
    *("k35r", "k68r", "k72r", "k46r", "k83r", "k47r", "k64r", "k51r", "k78r", "k66r"),
    *("k58r", "k88r", "k31r", "k90r", "k39r", "k79r", "k67r", "k86r", "k69r", "k91r"),
    *("k57r", "k70r", "k85r", "k38r", "k40r", "k80r", "k37r", "k56r", "k43r", "k59r"),
    *("k73r", "k55r", "k81r", "k87r", "k53r", "k76r", "k65r", "k52r", "k82r", "k45r"),
    *("k62r", "k34r", "k48r", "k50r", "k77r", "k89r", "k63r", "k54r", "k33r", "k71r"),
    *("k74r", "k93r", "k36r"),
]
"""The rules in published rank order, as Axelrod's harness calls them (KRowFunction.f)."""

ACTUAL_TFT = [
    *(453, 453, 453, 453, 453, 453, 453, 452, 453, 453, 453, 453, 453, 453, 453, 449),
    *(453, 452, 450, 453, 453, 453, 453, 453, 452, 453, 446, 453, 449, 453, 453, 453),
    *(453, 453, 453, 453, 453, 453, 452, 453, 453, 453, 453, 453, 453, 452, 453, 443),
    *(422, 452, 442, 453, 452, 442, 342, 398, 377, 388, 438, 155, 376, 341, 198),
]
"""TIT FOR TAT's points per game against the rule of each rank in the 1979 tournament (its
total over the five games, divided by 5 in INTEGER): ActualTFTTourSc in AxTest.f, Axelrod's
1993 test harness (Axelrod-Python/TourExec, src/tournament/AxTest.f)."""

AXELROD_PYTHON_SECOND = {
    *("Second by Appold", "Second by Black", "Second by Borufsen", "Second by Cave"),
    *("Second by Champion", "Second by Colbert", "Second by Eatherley", "Second by Getzler"),
    *("Second by Gladstein", "Second by GraaskampKatzen", "Second by Grofman"),
    *("Second by Harrington", "Second by Kluepfel", "Second by Leyvraz", "Second by Mikkelson"),
    *("Second by RichardHufford", "Second by Rowsam", "Second by Tideman and Chieruzzi"),
    *("Second by Tranquilizer", "Second by Weiner", "Second by White", "Second by WmAdams"),
    "Second by Yamachi",
}
"""The names of Axelrod-Python 4.14's second-tournament strategies we map onto (its 24 less
Second by Tester, a second version of Gladstein's TESTER)."""


@functools.cache
def behaviour(spec: str):
    return parse_player(spec).behaviour(Game())


@pytest.fixture(scope="module", autouse=True)
def one_kernel_for_every_rule():
    """One kernel for the 63 rules and the fixed opponents, shared with the other test modules."""
    warm_group("ipd.strategies.builtin.axelrod_second")


# ------------------------------------------------------------------------ (a) Fortran transcripts


@functools.cache
def transcripts() -> dict:
    return json.loads(DATA.read_text())


def opponent(name: str, data: dict):
    """An opponent of the transcripts: a rule, or a fixed pattern played over and over."""
    spec = data["opponents"].get(name, name)
    if not spec.startswith("cycle:"):
        return behaviour(spec)
    pattern = spec[len("cycle:") :]
    n = len(pattern)
    rows = [(k, o, (k + 1) % n, pattern[(k + 1) % n]) for k in range(n) for o in "CD"]
    return ipd.FiniteStateMachine(rows, initial_state=0, first_move=pattern[0]).behaviour()


def by_rule() -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for match in transcripts()["matches"]:
        grouped.setdefault(match["row"], []).append(match)
    return grouped


def test_transcripts_cover_every_rule_and_both_fixes():
    rules = set(by_rule())
    assert rules == set(RANKED) | {"k61r:fixed=1", "k54r:fixed=1"}
    assert all(len(matches) == 12 for matches in by_rule().values())


@pytest.mark.parametrize("rule", sorted(by_rule()))
def test_rule_plays_the_fortran_moves(rule):
    data = transcripts()
    for match in by_rule()[rule]:
        me = behaviour(rule)
        other = me if match["self_play"] else opponent(match["column"], data)
        row, col = (0, 0) if match["self_play"] else (0, 1)
        record = api.play_match(
            me,
            other,
            length=match["length"],
            reveal_length=False,
            payoffs=tuple(float(x) for x in data["payoffs"]),
            noise=match["noise"],
            seed=match["seed"],
            rep=match["rep"],
            row=row,
            col=col,
        )
        played = [
            ipd.core.game.moves_to_string(record.moves_a),
            ipd.core.game.moves_to_string(record.moves_b),
        ]
        where = f"{rule} v {match['column']}, {match['length']} moves, noise {match['noise']}"
        assert played == match["moves"], where


def test_the_fixes_change_play():
    # K61R as run never defects after move 25; with ICOOP reset it punishes a defector.
    fixed = [m for m in by_rule()["k61r:fixed=1"] if m["column"] == "alld" and m["noise"] == 0]
    as_run = [m for m in by_rule()["k61r"] if m["column"] == "alld" and m["noise"] == 0]
    assert as_run[0]["moves"][0][25:] == "C" * (151 - 25)
    assert "D" in fixed[0]["moves"][0][25:]
    changed = [
        a["column"]
        for a, b in zip(by_rule()["k54r"], by_rule()["k54r:fixed=1"], strict=True)
        if a["moves"] != b["moves"]
    ]
    assert changed


# ------------------------------------------------------------------------ (b) TIT FOR TAT in 1979


def tft_points_per_game(rule: str) -> int:
    """TIT FOR TAT's total against ``rule`` over the five lengths, over 5 (INTEGER)."""
    total = 0.0
    for length in LENGTHS:
        record = api.play_match(
            behaviour(rule),
            behaviour("k92r"),
            length=length,
            reveal_length=False,
            payoffs=(3.0, 0.0, 5.0, 1.0),
            noise=0.0,
            seed=1,
        )
        total += record.score_b
    return int(total) // 5


DETERMINISTIC = [r for r in RANKED if not registry.get(r).stochastic] + ["k61r"]


@pytest.mark.parametrize("rule", DETERMINISTIC)
def test_tit_for_tat_earns_what_it_earned_in_1979(rule):
    # K61R is declared stochastic but, as run, never reads its random number (see its docstring).
    assert tft_points_per_game(rule) == ACTUAL_TFT[RANKED.index(rule)]


def test_k54r_ran_with_its_bug():
    # As typed, K54R reads the other's score as the move number: TIT FOR TAT then earned
    # 388 per game against it, as in 1979; with the move number it would earn 418.
    assert tft_points_per_game("k54r") == 388
    assert tft_points_per_game("k54r:fixed=1") == 418


# --------------------------------------------------------------------------- (c) twins


VARIANTS = [*RANKED, "k61r:fixed=1", "k54r:fixed=1"]


@pytest.mark.parametrize("rule", VARIANTS)
def test_compiled_step_matches_its_twin(rule):
    me = behaviour(rule)
    games = ((4.0, -1.0, 6.0, 0.5), (3.0, 0.0, 5.0, 1.0))
    for k, other in enumerate(("k93r", "k42r", rule)):
        settings = {
            "length": 50,
            "reveal_length": k != 1,
            "payoffs": games[k % 2],
            "noise": 0.1 if k != 2 else 0.0,
            "seed": 1980 + k,
            "rep": 3,
            "row": 0,
            "col": 0 if other == rule else 1,
        }
        record = api.play_match(me, behaviour(other), **settings)
        moves_a, moves_b, score_a, score_b = reference_engine.reference_match(
            me, behaviour(other), **settings
        )
        assert record.moves_a.tolist() == moves_a, (rule, other)
        assert record.moves_b.tolist() == moves_b, (rule, other)
        assert (record.score_a, record.score_b) == (score_a, score_b)


# --------------------------------------------------------------------------- (d) classifiers


def play(rule, other, *, seed=5, reveal_length=False, length=120):
    record = api.play_match(
        behaviour(rule),
        behaviour(other),
        length=length,
        reveal_length=reveal_length,
        payoffs=(3.0, 0.0, 5.0, 1.0),
        noise=0.05,
        seed=seed,
    )
    return record.moves_a.tolist(), record.moves_b.tolist()


@pytest.mark.parametrize("rule", [r for r in RANKED if not registry.get(r).stochastic])
def test_a_deterministic_rule_does_not_depend_on_the_seed_of_its_own_stream(rule):
    # Noise and the opponent's draws change with the seed; so compare against a deterministic
    # opponent without noise, for two seeds.
    def moves(seed):
        record = api.play_match(
            behaviour(rule),
            behaviour("k42r"),
            length=151,
            reveal_length=False,
            payoffs=(3.0, 0.0, 5.0, 1.0),
            noise=0.0,
            seed=seed,
        )
        return record.moves_a.tolist()

    assert moves(1) == moves(2)


def test_no_rule_reads_the_length():
    for rule in RANKED:
        assert not registry.get(rule).uses_length
        assert play(rule, "k93r", reveal_length=True) == play(rule, "k93r", reveal_length=False)


def step_moves(rule, own, opp):
    """The rule's move after the given history (replayed through its step, as under noise)."""
    b = behaviour(rule)
    memory = np.zeros(32)
    rng = np.zeros(1, dtype=np.uint64)
    own_a = np.asarray([*own, 0], dtype=np.uint8)
    opp_a = np.asarray([*opp, 0], dtype=np.uint8)
    payoffs = np.array([3.0, 0.0, 5.0, 1.0])
    mine = theirs = 0.0
    move = 0
    for turn in range(len(own) + 1):
        if turn:
            mine += payoffs[2 * own[turn - 1] + opp[turn - 1]]
            theirs += payoffs[2 * opp[turn - 1] + own[turn - 1]]
        move = b.step(turn, own_a, opp_a, -1, payoffs, mine, theirs, b.params, memory, rng)
    return int(move)


@pytest.mark.parametrize("rule", ["k57r", "k79r", "k86r"])
def test_finite_memory_depth_is_an_upper_bound(rule):
    depth = registry.get(rule).memory_depth
    g = random.Random(rule)
    for _ in range(60):
        tail_own = [g.randint(0, 1) for _ in range(depth)]
        tail_opp = [g.randint(0, 1) for _ in range(depth)]
        heads = []
        for _ in range(2):
            n = g.randint(0, 40)
            heads.append(([g.randint(0, 1) for _ in range(n)], [g.randint(0, 1) for _ in range(n)]))
        first, second = (step_moves(rule, o + tail_own, p + tail_opp) for o, p in heads)
        assert first == second, (rule, heads, tail_own, tail_opp)


# ------------------------------------------------------------------------ (d) collection and data


def test_the_collection_holds_the_63_rules():
    assert sorted(registry.collection("axelrod_1980_second")) == sorted(RANKED)
    assert sorted(RANKED) == [f"k{n}r" for n in range(31, 94)]
    names = [registry.get(r).name for r in RANKED]
    assert len(set(names)) == 63


def test_axelrod_python_names_are_its_own():
    named = {registry.get(r).axelrod_name for r in RANKED} - {None}
    classics = {"Tit For Tat", "Tit For 2 Tats", "Grudger", "Go By Majority", "Random"}
    assert named - classics - {"Alternator", "Revised Downing"} == AXELROD_PYTHON_SECOND


def test_published_table_lists_the_rules_in_rank_order():
    table = reproduction.published_table("axelrod_1980_second")
    assert list(table["id"]) == RANKED
    assert list(table["rank"]) == list(range(1, 64))
    assert table["score"].isna().all()  # the paper's scores are not in the table
    assert "More Effective Choice" in table.attrs["citation"]


def test_tournament_spec_is_the_published_set_up():
    tournament = ipd.Tournament.from_spec(SPEC)
    settings = tournament.settings
    assert sorted(p.label for p in tournament.players) == sorted(RANKED)
    assert list(settings.lengths) == list(LENGTHS)
    assert settings.repetitions == 5
    assert settings.self_play and not settings.reveal_length
    assert settings.payoffs.payoffs == (3.0, 0.0, 5.0, 1.0)
    assert spec.load_spec(SPEC).published == "axelrod_1980_second"
    assert spec.load_spec(SPEC).focus == "k92r"  # TIT FOR TAT's scores per game are printed
