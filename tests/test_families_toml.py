"""User strategies of the table families from TOML: the worked example and bad input.

(a) strategies/families.toml loads one strategy of each new family, with the
    classifiers its values imply, and they play as their comments say.
(b) Bad values (wrong table sizes, probabilities outside [0, 1], unknown
    keys, ...) are refused with one-line IpdErrors naming the file and the
    strategy, and register nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import ipd
from ipd import IpdError
from ipd.engine import api
from ipd.strategies import families, get
from tests.conftest import registry_snapshot, transcript

EXAMPLE = Path(__file__).resolve().parents[1] / "strategies" / "families.toml"
TURNS = 12


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example file's strategies, registered while the module runs."""
    api.kernels((families.memory_one_step, families.fsm_step, *NEW_STEPS))
    path = tmp_path_factory.mktemp("families") / "families.toml"
    shutil.copy(EXAMPLE, path)
    with registry_snapshot():
        yield ipd.load_strategy_file(path)


NEW_STEPS = (families.table_step, families.hmm_step, families.ann_step, families.cycler_step)

EXPECTED = {
    # id: (family, the step that plays it, memory depth, stochastic)
    "lookup_tft_with_opening": ("lookup_table", families.table_step, None, False),
    "gambler_forgiver": ("gambler", families.table_step, 1, True),
    "aon2_memory_n": ("memory_n", families.table_step, 2, False),
    "hmm_wary": ("hmm", families.hmm_step, None, True),
    "ann_suspicious_tft": ("ann", families.ann_step, None, False),
    "user_cycler_cdd": ("cycler", families.cycler_step, None, False),
}


def test_example_declares_one_strategy_of_each_new_family(example):
    assert example == list(EXPECTED)
    text = EXAMPLE.read_text()
    for sid, (family, *_) in EXPECTED.items():
        assert f'id = "{sid}"' in text
        assert family in families.FAMILIES
    assert {family for family, *_ in EXPECTED.values()} == set(families.FAMILIES) - {
        "fsm",
        "memory_one",
        "team",  # its example is strategies/teams.toml
    }


@pytest.mark.parametrize("sid", sorted(EXPECTED))
def test_example_strategies_have_the_classifiers_their_values_imply(example, sid):
    _, step, depth, stochastic = EXPECTED[sid]
    info = get(sid)
    behaviour = info.behaviour(ipd.Game())
    assert behaviour.step is step
    assert (info.memory_depth, info.stochastic, behaviour.stochastic) == (
        depth,
        stochastic,
        stochastic,
    )
    assert info.origin.endswith("families.toml")


def test_example_lookup_table_plays_tit_for_tat_only_after_a_co_operative_opening(example):
    # Opponent opened with C (alternator): tit for tat. Opened with D: always D after move 1.
    assert transcript("lookup_tft_with_opening", "alternator", TURNS)[0] == "C" + "CD" * 5 + "C"
    assert transcript("lookup_tft_with_opening", "stft", TURNS)[0] == "C" + "D" * 11


def test_example_memory_n_plays_as_the_builtin_aon2(example):
    for opponent in ("alternator", "tft", "alld", "wsls", "random"):
        for seed in (1, 2):
            ours = transcript("aon2_memory_n", opponent, 40, seed=seed)
            assert ours == transcript("aon2", opponent, 40, seed=seed)


def test_example_network_is_suspicious_tit_for_tat(example):
    for opponent in ("alternator", "allc", "alld", "grudger", "random"):
        assert transcript("ann_suspicious_tft", opponent, 40, seed=3) == transcript(
            "stft", opponent, 40, seed=3
        )


def test_example_cycler_and_certain_paths_of_the_stochastic_ones(example):
    assert transcript("user_cycler_cdd", "tft", TURNS)[0] == "CDD" * 4
    # Against a co-operator only certain entries are reached: C for ever.
    assert transcript("gambler_forgiver", "allc", TURNS, seed=9)[0] == "C" * TURNS
    assert transcript("hmm_wary", "allc", TURNS, seed=9)[0] == "C" * TURNS
    # Against a defector it co-operates with probability 0.3 after every round (all CD
    # or DD): about 60 C's in 199 moves, 30 to 90 being more than four standard deviations.
    moves = transcript("gambler_forgiver", "alld", 200, seed=9)[0]
    assert 30 < moves[1:].count("C") < 90


# --------------------------------------------------------------------------- (b) bad input

BAD = {
    "wrong_table_size": (
        'family = "lookup_table"\nplays = 1\nop_plays = 1\ntable = "CDD"',
        r"table must have 4 entries \(2\^2 keys for plays=1, op_plays=1, op_start_plays=0\), "
        r"got 3",
    ),
    "initial_too_short": (
        'family = "lookup_table"\nop_plays = 2\ntable = "CCCD"\ninitial = "C"',
        r"initial must have 2 entries",
    ),
    "probability_above_one": (
        'family = "gambler"\nplays = 1\ntable = [1.0, 1.5]',
        r"table\[1\] must be a probability in \[0, 1\], got 1.5",
    ),
    "probability_below_zero": (
        'family = "memory_n"\nn = 1\np = [1, 0, -0.2, 0]',
        r"p\[2\] must be a probability in \[0, 1\], got -0.2",
    ),
    "memory_n_wrong_size": (
        'family = "memory_n"\nn = 2\np = [1, 0, 1, 0]',
        r"p must have 16 entries",
    ),
    "hmm_row_sum": (
        'family = "hmm"\ntransitions_c = [[0.6, 0.6], [0, 1]]\n'
        "transitions_d = [[1, 0], [0, 1]]\nemissions = [1, 0]",
        r"transitions_c\[0\] must sum to 1, got 1.2",
    ),
    "hmm_emission": (
        'family = "hmm"\ntransitions_c = [[1]]\ntransitions_d = [[1]]\nemissions = [2]',
        r"emissions\[0\] must be a probability in \[0, 1\], got 2",
    ),
    "ann_row_length": (
        'family = "ann"\nhidden_weights = [[1, 2, 3]]\noutput_weights = [1]\nbiases = [0]',
        r"hidden_weights\[0\] must be a list of 17 numbers, got 3",
    ),
    "cycler_move": ('family = "cycler"\ncycle = "CCE"', r"cycle: a move must be 'C' or 'D'"),
    "unknown_key": (
        'family = "gambler"\nplays = 1\ntable = [1, 0]\nprobability = 0.5',
        r"unknown key\(s\) \['probability'\]",
    ),
    "key_of_another_family": (
        'family = "cycler"\ncycle = "CD"\ntable = "CD"',
        r"unknown key\(s\) \['table'\]",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_values_are_refused_with_one_line_errors(case, tmp_path, scratch_registry):
    body, message = BAD[case]
    path = tmp_path / f"{case}.toml"
    first = '[[strategy]]\nid = "user_ok"\nfamily = "cycler"\ncycle = "C"\n\n'
    path.write_text(f'{first}[[strategy]]\nid = "user_{case}"\n{body}\n')
    with pytest.raises(IpdError) as error:
        ipd.load_strategy_file(path)
    text = str(error.value)
    assert "\n" not in text
    assert text.startswith(f"{path}: strategy 'user_{case}': ")
    assert re.search(message, text), text
    with pytest.raises(IpdError, match="unknown strategy 'user_ok'"):
        get("user_ok")  # nothing of the file is registered
