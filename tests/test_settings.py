"""The settings object: one definition of every setting, from which the CLI and the TOML schema
are generated; its checks, variants and records."""

from __future__ import annotations

import dataclasses
import re

import pytest
from click.testing import CliRunner

import ipd
from ipd.cli.main import main
from ipd.core import settings as S
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.spec import LINEUP_KEYS, load_spec, schema


def help_of(*command: str) -> str:
    result = CliRunner().invoke(main, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def flags_in(text: str) -> set[str]:
    return set(re.findall(r"(--[a-z][a-z-]*)", text))


def test_every_setting_is_defined_once_and_both_the_cli_and_the_toml_schema_come_from_it():
    options = S.options()
    assert list(options) == [f.name for f in dataclasses.fields(S.Settings)]
    tournament_help = help_of("tournament")
    cli_settings = {
        name for name, o in options.items() if set(o.flag.split("/")) <= flags_in(tournament_help)
    }
    toml_settings = set(schema()) - set(LINEUP_KEYS)
    # ipd tournament offers every setting; a spec every one that is not per run.
    assert cli_settings == set(options)
    assert toml_settings == {name for name, o in options.items() if o.toml}
    assert toml_settings == set(options) - {"keep_moves"}
    for name, option in options.items():
        # The same words in both places: the help text is the setting's own.
        assert " ".join(option.help.split()) in " ".join(tournament_help.split()), name
        if option.toml:
            assert schema()[name] == (option.toml, option.help)


@pytest.mark.parametrize("command", ["principles", "plot", "ecology"])
def test_other_commands_offer_settings_with_the_same_flags_and_words(command):
    text = " ".join(help_of(command).split())
    offered = [n for n, o in S.options().items() if o.flag.split("/")[0] in text]
    assert offered, command
    for name in offered:
        assert " ".join(S.options()[name].help.split()) in text, (command, name)


def test_a_spec_may_give_any_toml_setting(tmp_path):
    lines = ['strategies = ["tft", "alld"]']
    values = {
        "turns": "7",
        "repetitions": "3",
        "lengths": "[5, 9]",
        "discount": "0.9",
        "noise": "0.01",
        "misperception": "0.02",
        "seed": "4",
        "payoffs": "{ R = 4, S = 0, T = 6, P = 1 }",
        "allow_non_dilemma": "false",
        "self_play": "false",
        "reveal_length": "true",
        "rank_by": '"median"',
    }
    assert set(values) | {"continuation"} == set(schema()) - set(LINEUP_KEYS)
    lines += [f"{k} = {v}" for k, v in values.items()]
    path = tmp_path / "all.toml"
    path.write_text("\n".join(lines) + "\n")
    spec = load_spec(path)
    s = spec.settings
    assert (s.turns, s.repetitions, s.lengths, s.discount, s.noise, s.seed) == (
        7,
        3,
        (5, 9),
        0.9,
        0.01,
        4,
    )
    assert s.payoffs == Game(4, 0, 6, 1) and not s.self_play and s.reveal_length
    assert s.rank_by == "median" and s.misperception == 0.02


def test_settings_check_every_value_and_their_combinations():
    assert S.Settings() == S.Settings(payoffs="3,0,5,1")
    with pytest.raises(IpdError, match="turns"):
        S.Settings(turns=0)
    with pytest.raises(IpdError, match="not a Prisoner's Dilemma"):
        S.Settings(payoffs=(3, 0, 5, 4))
    assert S.Settings(payoffs=(3, 0, 5, 4), allow_non_dilemma=True).payoffs.P == 4
    with pytest.raises(IpdError, match="not both"):
        S.Settings(lengths=[3], continuation=0.5)
    with pytest.raises(IpdError, match="cannot be revealed"):
        S.Settings(continuation=0.5, reveal_length=True)
    with pytest.raises(IpdError, match="unknown setting"):
        S.Settings().updated(rounds=4)


def test_variants_are_replacements_and_are_checked_again():
    base = S.Settings(turns=50, seed=3)
    noisy = dataclasses.replace(base, noise=0.05)
    assert (noisy.turns, noisy.seed, noisy.noise) == (50, 3, 0.05)
    assert base.updated(noise=None, turns=None) is base  # None leaves a setting alone
    with pytest.raises(IpdError, match="noise"):
        dataclasses.replace(base, noise=2)


def test_the_config_record_round_trips_and_keeps_its_old_shape():
    s = S.Settings(lengths="63,77", noise=0.1, seed=9, payoffs="4,0,6,1", rank_by="median")
    config = s.to_config()
    assert list(config) == [
        "turns",
        "repetitions",
        "lengths",
        "continuation",
        "discount",
        "noise",
        "seed",
        "payoffs",
        "allow_non_dilemma",
        "self_play",
        "reveal_length",
        "rank_by",
    ]
    assert config["payoffs"] == {"R": 4.0, "S": 0.0, "T": 6.0, "P": 1.0}
    assert config["lengths"] == [63, 77]
    assert S.Settings.from_config(config | {"ipd_version": "x"}) == s


def test_results_carry_typed_settings_and_the_config_as_data(tmp_path):
    results = ipd.Tournament(["tft", "alld"], turns=12, repetitions=2, seed=5, noise=0.1).play()
    assert isinstance(results.settings, S.Settings)
    assert results.settings.noise == 0.1 and results.config["noise"] == 0.1
    path = results.save(tmp_path / "r.json")
    again = ipd.Results.load(path)
    assert again.settings == results.settings and again.config == results.config
