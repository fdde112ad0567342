"""Strategy transformers: transcripts, twins, composition, classifiers and bad input."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import ipd
from ipd.cli.main import main
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.players import parse_player
from ipd.engine import api
from ipd.strategies.transformers import MAX_LAYERS, all_transformers
from tests.test_engine_reference import assert_engines_agree

# (player, opponent, turns, length told, expected moves of both), each worked out by hand
# from the transformer's description.
TRANSCRIPTS = [
    ("allc|flip", "tft", 5, False, "DDDDD", "CDDDD"),
    ("tft|dual", "alternator", 8, False, "DDCDCDCD", "CDCDCDCD"),
    ("tft|noisy:p=1", "allc", 4, False, "DDDD", "CCCC"),
    ("alld|forgiver:p=1", "tft", 4, False, "CCCC", "CCCC"),
    ("alld|nice", "tft", 5, False, "CCCCC", "CCCCC"),
    ("alld|nice", "alternator", 5, False, "CCDDD", "CDCDC"),
    ("allc|initial:n=2,move=D", "allc", 5, False, "DDCCC", "CCCCC"),
    ("allc|final:n=3", "allc", 6, True, "CCCDDD", "CCCCCC"),
    ("allc|final:n=3", "allc", 6, False, "CCCCCC", "CCCCCC"),
    ("tft|track_history", "alternator", 6, False, "CCDCDC", "CDCDCD"),
    ("tft|deadlock_breaking", "stft", 6, False, "CDCCCC", "DCDCCC"),
    ("allc|grudge:n=1", "alternator", 6, False, "CCCCDD", "CDCDCD"),
    ("alld|apology", "allc", 5, False, "DCDCD", "CCCCC"),
    ("alld|mixed:p=1,c=1", "allc", 4, False, "CCCC", "CCCC"),
    ("alld|joss_ann:a=1", "allc", 4, False, "CCCC", "CCCC"),
    ("allc|joss_ann:a=0,b=1", "allc", 4, False, "DDDD", "CCCC"),
    ("allc|retaliation:n=2", "alternator", 6, False, "CCDDDD", "CDCDCD"),
    ("allc|retaliation", "alternator", 6, False, "CCDCDC", "CDCDCD"),
    ("allc|retaliate_until_apology", "alternator", 6, False, "CCDCDC", "CDCDCD"),
    ("allc|envious", "alld", 5, False, "CDDDD", "DDDDD"),
    ("allc|envious", "allc", 5, False, "CCCCC", "CCCCC"),
    ("tft|first_defector:k=3", "tft", 7, False, "CCDCDCD", "CCCDCDC"),
    ("tft|unprovocable", "alternator", 6, False, "CCCCCC", "CDCDCD"),
    ("tft|unforgiving", "alternator", 6, False, "CCDDDD", "CDCDCD"),
    ("allc|randomised:e=0", "alld", 4, False, "CCCC", "DDDD"),
    # Composition: left to right, each wrapping what is left of it.
    ("allc|initial:n=1,move=D|final:n=1", "allc", 4, True, "DCCD", "CCCC"),
    ("alld|nice|flip", "alld", 3, False, "DCC", "DDD"),
]


def steps_of(players) -> list:
    game = Game()
    return [parse_player(p).behaviour(game).step for p in players]


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    """One kernel for every transformed strategy the module plays (else one per pair)."""
    players = {p for row in TRANSCRIPTS for p in row[:2]}
    players |= {f"{inner}|{name}" for inner, name in PAIRS}
    players |= {"random", "tft", "alternator", "gtft|noisy|retaliation:n=2", "stft"}
    api.kernels(steps_of(players))


# Every transformer around tit-for-tat; those that draw numbers or touch the history also
# around a stochastic and a code strategy (a kernel holding them all compiles in a minute,
# every transformer around every strategy would take many).
PAIRS = [("tft", t.name) for t in all_transformers()] + [
    (inner, name)
    for inner in ("random", "gradual")
    for name in ("noisy", "dual", "first_defector", "unprovocable", "randomised", "final")
]


@pytest.mark.parametrize(("player", "opponent", "turns", "told", "mine", "theirs"), TRANSCRIPTS)
def test_transcript(player, opponent, turns, told, mine, theirs):
    moves = ipd.play_match(player, opponent, turns=turns, reveal_length=told, seed=3)
    assert moves.move_strings == (mine, theirs)


@pytest.mark.parametrize(("inner", "name"), PAIRS)
def test_each_transformer_plays_as_its_twin(inner, name):
    game = Game()
    me = parse_player(f"{inner}|{name}").behaviour(game)
    for opponent in ("random", "tft", "alternator"):
        other = parse_player(opponent).behaviour(game)
        for seed, noise, told in ((1, 0.0, False), (2, 0.1, True), (3, 0.05, False)):
            assert_engines_agree(
                me, other, length=60, reveal_length=told, payoffs=game.payoffs, noise=noise,
                seed=seed, rep=1, row=2, col=5,
            )  # fmt: skip


def test_composed_transformers_play_as_their_twins():
    game = Game()
    me = parse_player("gtft|noisy|retaliation:n=2").behaviour(game)
    assert_engines_agree(
        me, parse_player("random").behaviour(game), length=80, reveal_length=False,
        payoffs=game.payoffs, noise=0.02, seed=9, rep=0, row=0, col=1,
    )  # fmt: skip


def test_labels_names_and_derived_classifiers():
    player = parse_player("tft|final:n=3|noisy:p=0.1#2")
    assert player.label == "tft|final:n=3|noisy:p=0.1#2"
    assert player.name == "Noisy (p=0.1): Final moves (n=3): Tit For Tat #2"
    assert player.classifiers() == {
        "memory_depth": 1, "stochastic": True, "uses_length": True, "uses_payoffs": False,
    }  # fmt: skip
    assert parse_player("tft|grudge").classifiers()["memory_depth"] is None
    assert parse_player("tft|retaliation:n=2").classifiers()["memory_depth"] == 30
    assert parse_player("tft|noisy:p=1").behaviour(Game()).stochastic is False
    assert parse_player("tft|final:n=2").label == "tft|final"  # defaults are left out


def test_a_deterministic_transformed_strategy_is_deduplicated_exactly():
    field = ["tft|final", "allc|grudge:n=1", "alld|nice", "tft"]
    fast = ipd.Tournament(field, turns=30, repetitions=6, seed=1, reveal_length=True).play()
    behaviours = [parse_player(s).behaviour(Game()) for s in field]
    assert not any(b.stochastic for b in behaviours)
    slow = api.play_tournament(
        behaviours, fast.pairs, rep_lengths=[30] * 6, reveal_length=True,
        payoffs=Game().payoffs, noise=0.0, seed=1, replay=True,
    )  # fmt: skip
    assert (slow.pair_scores == fast.pair_scores).all()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tft|finall", "did you mean 'final'"),
        ("tft|final:m=2", "has no parameter 'm'"),
        ("tft|noisy:p=2", r"must be in \[0, 1\]"),
        ("tft|", "empty transformer"),
        ("tft|noisy:p", "NAME=VALUE"),
        ("tft" + "|flip" * (MAX_LAYERS + 1), f"at most {MAX_LAYERS}"),
    ],
)
def test_bad_transformers_are_refused_in_one_line(text, message):
    with pytest.raises(IpdError, match=message):
        parse_player(text).behaviour(Game())


def test_the_command_line_takes_transformed_strategies():
    ok = CliRunner().invoke(
        main, ["match", "allc|final:n=2", "tft", "--turns", "4", "--reveal-length"]
    )
    assert ok.exit_code == 0 and "CCDD" in ok.output
    bad = CliRunner().invoke(main, ["match", "tft|nosuch", "tft"])
    assert bad.exit_code != 0 and "unknown transformer" in bad.output
    assert len([line for line in bad.output.splitlines() if line.strip()]) == 1


def test_every_catalogue_entry_is_a_registered_transformer():
    """builtin.toml holds the metadata of exactly the transformers builtin.py registers."""
    from ipd.strategies import catalogue
    from ipd.strategies.transformers import builtin

    listed = set(catalogue.tables(builtin.__name__)) - {"refs"}
    assert listed == {t.name for t in all_transformers()}
