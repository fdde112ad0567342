"""The registered meta strategies (ipd/strategies/builtin/meta.py).

(a) The deterministic ones play exactly what Axelrod-Python 4.14's meta
    players play with the same teams (transcripts recorded from its code).
(b) Properties of the stochastic ones that hold whatever the seed: the nice
    ones never defect against an opponent that never does; the ensembles
    depend on the seed; the memory-one majority co-operates with tit for tat.
(c) Metadata: every one is a team, tagged meta, with an Axelrod-Python name,
    a docstring saying how its team differs, and teams whose members exist.

Their twins (the team family's) are checked by tests/test_engine_reference.py
and their classifiers by tests/test_classifiers.py, like every strategy.
"""

from __future__ import annotations

import pytest

import ipd
from ipd.core.game import Game
from ipd.engine import api
from ipd.strategies import all_strategies, families, get
from ipd.strategies.builtin import meta
from ipd.strategies.families import Team
from tests.conftest import registry_snapshot, transcript

META = [s.id for s in all_strategies() if "meta" in s.tags]
OPPONENTS = ("allc", "alld", "tft", "stft", "wsls", "alternator", "grudger", "cycler_ccd")


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    """One kernel for the team step and the opponents' steps, compiled (or loaded) once."""
    api.kernels(
        (
            families.team_step,
            families.memory_one_step,
            families.fsm_step,
            families.cycler_step,
            families.table_step,
            families.hmm_step,
            families.ann_step,
        )
    )


# --------------------------------------------------------------------------- (a) Axelrod-Python

# 40 turns of Axelrod-Python 4.14: MetaWinner(team=[...]) with the classes of the
# DETERMINISTIC team, NiceMetaWinnerEnsemble(team=...) with it (8% of 12 members is one,
# so it follows the single best, as top=1 here), and MetaHunterAggressive(team=...)
# with [DefectorHunter, AlternatorHunter] (Meta Hunter's rule) and with CooperatorHunter
# added, each in axelrod.Match((player, opponent), turns=40).
AXELROD_PYTHON_TRANSCRIPTS = {
    ("meta_winner_deterministic", "allc"): "CCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_winner_deterministic", "alld"): "CDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_winner_deterministic", "tft"): "CCDDDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_winner_deterministic", "stft"): "CDCDDDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_winner_deterministic", "wsls"): "CCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_winner_deterministic", "alternator"): "CCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_winner_deterministic", "grudger"): "CCDDDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_winner_deterministic", "cycler_ccd"): "CCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("nmwe_deterministic:top=1", "allc"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("nmwe_deterministic:top=1", "alld"): "CDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("nmwe_deterministic:top=1", "tft"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("nmwe_deterministic:top=1", "stft"): "CDDDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("nmwe_deterministic:top=1", "wsls"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("nmwe_deterministic:top=1", "alternator"): "CCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("nmwe_deterministic:top=1", "grudger"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("nmwe_deterministic:top=1", "cycler_ccd"): "CCCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_hunter", "allc"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter", "alld"): "CCCCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_hunter", "tft"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter", "stft"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter", "wsls"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter", "alternator"): "CCCCCCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_hunter", "grudger"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter", "cycler_ccd"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter_aggressive", "allc"): "CCCCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_hunter_aggressive", "alld"): "CCCCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_hunter_aggressive", "tft"): "CCCCDDCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter_aggressive", "stft"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter_aggressive", "wsls"): "CCCCDDCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter_aggressive", "alternator"): "CCCCCCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
    ("meta_hunter_aggressive", "grudger"): "CCCCDDCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ("meta_hunter_aggressive", "cycler_ccd"): "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
}


@pytest.mark.parametrize("player, opponent", sorted(AXELROD_PYTHON_TRANSCRIPTS))
def test_deterministic_meta_strategies_play_as_axelrod_python(player, opponent):
    expected = AXELROD_PYTHON_TRANSCRIPTS[(player, opponent)]
    assert transcript(player, opponent, len(expected))[0] == expected


def test_meta_hunter_plays_tit_for_tat_after_a_hundred_quiet_turns():
    # Against the CCD cycle no hunter fires: C on turns 0 to 100, then the
    # opponent's previous move: its moves 100 to 104 are C, D, C, C, D.
    moves = transcript("meta_hunter", "cycler_ccd", 106)[0]
    assert moves == "C" * 101 + "CDCCD"


# --------------------------------------------------------------------------- (b) stochastic ones

NICE = [s for s in META if s.startswith("nice_") or s.startswith("nmwe_")]


@pytest.mark.parametrize("player", NICE)
def test_nice_meta_strategies_never_defect_first(player):
    for seed in (1, 2, 3):
        assert transcript(player, "allc", 60, seed=seed)[0] == "C" * 60
        assert transcript(player, "tft", 60, seed=seed)[0] == "C" * 60


def test_the_ensembles_depend_on_the_seed_and_top_one_does_not():
    plays = {transcript("meta_winner_ensemble", "random", 60, seed=s)[0] for s in (1, 2, 3)}
    assert len(plays) > 1
    fixed = {transcript("nmwe_deterministic:top=1", "stft", 60, seed=s)[0] for s in (1, 2, 3)}
    assert len(fixed) == 1


def test_meta_majority_memory_one_co_operates_with_tit_for_tat():
    # While both co-operate, seven of the 13 members propose C for sure: allc, tft,
    # wsls, gtft, zdgtft2 and grofman (each co-operates after CC, and first), and stft
    # from turn 1 (on turn 0 alternator and extort2 open with C instead). So the team
    # co-operates for ever, whatever the draws of the others.
    for seed in (1, 2, 3):
        assert transcript("meta_majority_memory_one", "tft", 80, seed=seed)[0] == "C" * 80


# --------------------------------------------------------------------------- (c) metadata


def test_there_are_twenty_two_meta_strategies():
    assert len(META) == 22


@pytest.mark.parametrize("sid", META)
def test_each_meta_strategy_is_a_team_documented_against_axelrod_python(sid):
    info = get(sid)
    behaviour = info.behaviour(Game())
    assert behaviour.step is families.team_step
    assert info.axelrod_name
    assert "Axelrod-Python" in info.doc  # says how its team differs
    assert "meta" in info.tags and "axelrod_python" in info.tags
    team = _team_of(sid)
    assert ("long_run_time" in info.tags) == (len(team.members) >= 10)
    assert info.source.endswith(meta.AXELROD_PYTHON)


@pytest.mark.parametrize("sid", META)
def test_declared_classifiers_are_those_of_the_team(sid):
    assert get(sid).classifiers() == _team_of(sid).classifiers()


def _team_of(sid: str) -> Team:
    """The team a meta strategy's builder returns for the usual game."""
    builder = getattr(meta, sid, None)
    if builder is None:  # the variants are registered in a loop
        _, _, rule, team_name, team = next(v for v in meta._VARIANTS if v[0] == sid)
        builder = meta._variant(rule, team_name, team, nice=rule == "ensemble")
    return builder(Game())


@pytest.mark.parametrize(
    "team",
    [
        meta.ORDINARY,
        meta.MEMORY_ONE,
        meta.FINITE_MEMORY,
        meta.LONG_MEMORY,
        meta.DETERMINISTIC,
        meta.STOCHASTIC,
    ],
)
def test_teams_hold_what_their_names_say(team):
    infos = [get(m) for m in team]
    assert len(set(team)) == len(team)
    if team is meta.MEMORY_ONE:
        assert all(i.memory_depth is not None and i.memory_depth <= 1 for i in infos)
    if team is meta.FINITE_MEMORY:
        assert all(i.memory_depth is not None for i in infos)
    if team is meta.LONG_MEMORY:
        assert all(i.memory_depth is None for i in infos)
    if team is meta.DETERMINISTIC:
        assert not any(i.stochastic for i in infos)
    if team is meta.STOCHASTIC:
        assert all(i.stochastic for i in infos)


def test_the_hunters_are_axelrod_pythons_rules():
    defector, alternator = meta.HUNTERS
    cooperator = meta.AGGRESSIVE_HUNTERS[2]
    with registry_snapshot():
        for sid, shape in (("h_d", defector), ("h_a", alternator), ("h_c", cooperator)):
            ipd.strategy(sid, sid, description="A hunter.", memory_depth=None)(
                lambda game, shape=shape: shape
            )
        # DefectorHunter: D from turn 4 while the opponent has only defected.
        assert transcript("h_d", "alld", 8)[0] == "CCCCDDDD"
        assert transcript("h_d", "stft", 8)[0] == "C" * 8
        # CooperatorHunter: D from turn 4 while the opponent has only co-operated.
        assert transcript("h_c", "allc", 8)[0] == "CCCCDDDD"
        assert transcript("h_c", "tft", 8)[0] == "CCCCDDCC"
        # AlternatorHunter: D for ever from turn 6 if the first six moves alternated.
        assert transcript("h_a", "alternator", 9)[0] == "CCCCCCDDD"
        assert transcript("h_a", "cycler_dc", 9)[0] == "CCCCCCDDD"
        assert transcript("h_a", "cycler_ccd", 9)[0] == "C" * 9


def test_team_builders_accept_their_parameters_and_refuse_bad_ones():
    assert meta.meta_winner_ensemble(Game(), top=2) == Team("ensemble", meta.ORDINARY, top=2)
    assert get("nmwe_stochastic").behaviour(Game(), {"top": 2}).stochastic
    with pytest.raises(ipd.IpdError, match="top must be between 1 and the team size 11"):
        get("nmwe_stochastic").behaviour(Game(), {"top": 12})
