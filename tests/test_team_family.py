"""The team family: a team of data-family strategies playing as one.

(a) Bad teams are refused with one-line IpdErrors: code or team members, the
    memory budget, options that do not fit the rule.
(b) Each rule plays what its description says: small teams whose moves
    against fixed opponents are worked out in the comments; members see their
    own proposals as their own past moves.
(c) Classifiers follow from the members and the rule; a finite depth holds.
(d) Each member family uses only the memory slots the team gives it and reads
    only as many of its own past moves as the team keeps.
(e) Teams of every member kind and rule play, move for move, what the naive
    twin in tests/reference/teams.py plays (with noise).
(f) Teams from TOML, and teams rebuilt for other payoffs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import ipd
from ipd import Game, IpdError
from ipd.core.game import moves_to_string
from ipd.core.players import parse_player
from ipd.engine import api
from ipd.strategies import families
from ipd.strategies.families import Cycler, FiniteStateMachine, MemoryOne, Team
from ipd.strategies.families.team import MEMBER_SLOTS, MEMBER_STEPS, resolve_member
from tests.conftest import registry_snapshot
from tests.reference import engine as reference_engine

STEPS = (*MEMBER_STEPS, families.team_step)
EXAMPLE = Path(__file__).resolve().parents[1] / "strategies" / "teams.toml"


@pytest.fixture(scope="module", autouse=True)
def one_kernel():
    """One kernel for the team step and every family step, compiled (or loaded) once."""
    api.kernels(STEPS)


OPPONENTS = {
    "allc": Cycler("C").behaviour(),
    "alld": Cycler("D").behaviour(),
    "ccd": Cycler("CCD").behaviour(),
    "tft": parse_player("tft").behaviour(Game()),
}


def record(team: Team, opponent: str, turns: int = 6, *, seed: int = 0, noise: float = 0.0):
    return api.play_match(
        team.behaviour(),
        OPPONENTS[opponent],
        length=turns,
        reveal_length=False,
        payoffs=(3.0, 0.0, 5.0, 1.0),
        noise=noise,
        seed=seed,
    )


def play(team: Team, opponent: str, turns: int = 6, **kw) -> str:
    """The team's moves as a string."""
    return moves_to_string(record(team, opponent, turns, **kw).moves_a)


# --------------------------------------------------------------------------- (a) refusals


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Team("plurality", ("tft",)), "team rule must be one of majority, minority"),
        (lambda: Team("majority", ()), "a team has 1 to 60 members, got 0"),
        (lambda: Team("majority", "tft"), "team members must be a list"),
        (lambda: Team("majority", ("gradual",)), "team member 'gradual' is a code strategy"),
        (lambda: Team("majority", ("tft", "nobody")), "unknown strategy 'nobody'"),
        (lambda: Team("majority", (42,)), "must be a strategy id or a family instance, got 42"),
        (
            lambda: Team("majority", (Team("majority", ("tft",)),)),
            "is itself a team; teams cannot be nested",
        ),
        (
            lambda: Team("winner", ("evolved_ann", "evolved_ann")),
            "this team of 2 needs 37 memory slots (members 34, proposals 1, scores 2) but a "
            "strategy has 32",
        ),
        (lambda: Team("majority", ("tft",), weights=(1,)), "weights applies only to rule 'mixer'"),
        (lambda: Team("winner", ("tft",), top=1), "top applies only to rule 'ensemble'"),
        (lambda: Team("majority", ("tft",), tft_after=5), "tft_after applies only to rule"),
        (lambda: Team("ensemble", ("tft", "alld"), top=3), "top must be between 1 and the team"),
        (lambda: Team("ensemble", ("tft", "alld"), top=1.5), "top must be a whole number"),
        (lambda: Team("mixer", ("tft", "alld"), weights=(1,)), "weights must be a list of 2"),
        (lambda: Team("mixer", ("tft", "alld"), weights=(0, 0)), "weights must not all be zero"),
        (lambda: Team("mixer", ("tft", "alld"), weights=(1, -1)), "weights[1] must be a non-neg"),
        (lambda: Team("hunter", ("tft",), tft_after=-1), "tft_after must be at least 0"),
        (lambda: Team("majority", ("tft",), nice="yes"), "nice must be true or false"),
    ],
)
def test_bad_teams_are_refused_in_one_line(make, message):
    with pytest.raises(IpdError) as error:
        make()
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_the_budget_counts_every_slot_and_a_full_team_fits():
    # One network (17 slots) and seven machines (1 each) under majority: the
    # network reads its own last move (the slot of everyone's last proposals), the machines none.
    machines = ("grudger", "tf2t", "2tft", "fortress3", "predator", "raider", "tf1")
    assert Team("majority", ("evolved_ann_5", *machines)).slots == 17 + 7 + 1
    assert Team("majority", machines).slots == 7  # nobody reads its own moves
    # A table that reads two of its own moves keeps them in a slot of its own.
    assert Team("majority", ("evolved_lookerup_2_2_2", "wsls")).slots == 1 + 1
    # Under winner every member also gets a score slot.
    assert Team("winner", machines).slots == 7 + 1 + 7
    assert Team("winner", machines, nice=True).slots == 16
    # A slot holds 52 members' proposals: 53 need two.
    assert Team("majority", ("wsls",) * 52).slots == 1
    assert Team("majority", ("wsls",) * 53).slots == 2
    # 14 members: 24 member slots, the proposals, 14 scores and the nice flag.
    with pytest.raises(IpdError, match="needs 40 memory slots"):
        Team(
            "winner",
            ("evolved_ann_5", *machines, "tft", "alld", "allc", "wsls", "stft", "gtft"),
            nice=True,
        )


# --------------------------------------------------------------------------- (b) the rules


def test_majority_and_minority_count_the_proposals():
    # Against alld: allc proposes C, alld D, tft C first and D after.
    team = ("allc", "alld", "tft")
    assert play(Team("majority", team), "alld") == "CDDDDD"  # 2 C, then 2 D
    assert play(Team("minority", team), "alld") == "DCCCCC"  # the move fewer propose
    # A tie co-operates under both rules.
    assert play(Team("majority", ("allc", "alld")), "alld") == "CCCCCC"
    assert play(Team("minority", ("allc", "alld")), "alld") == "CCCCCC"


def test_members_see_their_own_proposals_as_their_own_moves():
    # Minority of one Win-Stay Lose-Shift plays the opposite of its proposal.
    # Against allc, WSLS proposing on its own history co-operates for ever, so the
    # team defects for ever. Had WSLS seen the team's moves (D, then after DC it
    # stays D, ...), the team would alternate D, C.
    assert play(Team("minority", ("wsls",)), "allc") == "DDDDDD"


def test_winner_follows_the_best_running_score_and_ties_co_operate():
    # allc and alld against tft. Turn 0: both scores 0, a tie with a C: C.
    # Then alld leads for ever (5 against 3 after the first turn): D.
    result = record(Team("winner", ("allc", "alld")), "tft")
    assert moves_to_string(result.moves_a) == "CDDDDD"
    assert moves_to_string(result.moves_b) == "CCDDDD"
    # The scores are the members' own: against alld, allc's falls behind at once.
    assert play(Team("winner", ("allc", "alld")), "alld") == "CDDDDD"


def test_ensemble_of_the_best_one_ranks_ties_by_the_later_member():
    # Turn 0: both scores 0; the later member (alld) ranks first: D. Winner would C.
    assert play(Team("ensemble", ("allc", "alld"), top=1), "allc") == "DDDDDD"
    assert play(Team("winner", ("allc", "alld")), "allc") == "CDDDDD"


def test_ensemble_of_two_draws_between_the_two_best():
    team = Team("ensemble", ("allc", "alld", "tft"), top=2)
    assert team.stochastic
    plays = {play(team, "allc", 30, seed=s) for s in range(4)}
    assert len(plays) > 1  # the draw changes the moves


def test_mixer_follows_the_member_drawn_by_the_weights():
    sure = Team("mixer", ("allc", "alld", "tft"), weights=(0, 2, 0))
    assert not sure.stochastic
    assert play(sure, "allc") == "DDDDDD"
    # allc and alld with equal weights: about half the moves are D.
    even = play(Team("mixer", ("allc", "alld")), "allc", 400, seed=3)
    assert 150 < even.count("D") < 250


def test_hunter_defects_on_any_alarm_and_plays_tit_for_tat_late():
    # An alarm that rings on turn 2 only (a cycler D at position 2 of 5), and allc.
    alarm = Cycler("CCDCC")
    assert play(Team("hunter", (alarm, "allc")), "allc", 5) == "CCDCC"
    # Against the CCD cycle with no alarm: C up to turn 3, then tit for tat (the
    # cycle's moves 3 to 7 are C, C, D, C, C).
    assert play(Team("hunter", ("allc",), tft_after=3), "ccd", 9) == "CCCC" + "CCDCC"


def test_nice_never_defects_before_the_opponent_has():
    assert play(Team("majority", ("alld",), nice=True), "allc") == "CCCCCC"
    assert play(Team("majority", ("alld",), nice=True), "alld") == "CDDDDD"
    # The CCD cycle defects first on turn 2, so the team defects from turn 3.
    assert play(Team("majority", ("alld",), nice=True), "ccd") == "CCCDDD"


def test_members_may_be_ids_with_parameters_or_family_instances():
    team = Team("majority", ("random:p=0", MemoryOne(0, 0, 0, 0, first=0), Cycler("C")))
    assert not team.stochastic
    assert play(team, "allc") == "DDDDDD"
    assert team.resolved[0].label == "random:p=0"


# --------------------------------------------------------------------------- (c) classifiers


@pytest.mark.parametrize(
    "team, depth",
    [
        (Team("majority", ("tft", "tf2t", "alld")), 2),  # members that read only the opponent
        (Team("majority", ("tft", "alld", "random")), 1),
        (Team("majority", ("tft", "wsls")), None),  # WSLS reads its own proposals
        (Team("majority", ("tft", "grudger")), None),  # a member of unbounded memory
        (Team("winner", ("tft", "alld")), None),  # scores since the start
        (Team("hunter", ("tft",)), None),  # counts turns
        (Team("majority", ("tft",), nice=True), None),  # remembers a defection
        (Team("mixer", ("allc", "alld")), 0),
    ],
)
def test_memory_depth_is_the_members_largest_only_when_the_team_keeps_nothing(team, depth):
    assert team.memory_depth == depth


def test_a_finite_team_depth_is_an_upper_bound():
    team = Team("majority", ("tft", "tf2t", "alld"))
    seen: dict[tuple, set[str]] = {}
    for seed in range(6):
        result = api.play_match(
            team.behaviour(),
            parse_player("random").behaviour(Game()),
            length=60,
            reveal_length=False,
            payoffs=(3.0, 0.0, 5.0, 1.0),
            noise=0.0,
            seed=seed,
        )
        mine, theirs = moves_to_string(result.moves_a), moves_to_string(result.moves_b)
        for t in range(len(mine)):
            start = max(0, t - 2)
            seen.setdefault((mine[start:t], theirs[start:t]), set()).add(mine[t])
    assert len(seen) > 4
    assert all(len(moves) == 1 for moves in seen.values())


@pytest.mark.parametrize(
    "team, stochastic, uses_payoffs",
    [
        (Team("majority", ("tft", "alld")), False, False),
        (Team("majority", ("tft", "random")), True, False),
        (Team("majority", ("tft", "gtft")), True, True),  # gtft is built from the payoffs
        (Team("winner", ("tft", "alld")), False, True),
        (Team("ensemble", ("tft", "alld"), top=1), False, True),
        (Team("ensemble", ("tft", "alld"), top=2), True, True),
        (Team("mixer", ("tft", "alld")), True, False),
        (Team("mixer", ("tft", "alld"), weights=(0, 1)), False, False),
    ],
)
def test_stochastic_and_payoff_use_follow_the_members_and_the_rule(team, stochastic, uses_payoffs):
    assert team.stochastic is stochastic
    assert team.behaviour().stochastic is stochastic
    assert team.uses_payoffs is uses_payoffs
    assert not team.uses_length


# --------------------------------------------------------------------------- (d) slots, windows


def member_instances():
    """One member of every kind (a stochastic one where the family has one)."""
    ids = ("extort2", "fortress3", "pso_gambler_2_2_2", "evolved_hmm_5", "evolved_ann_5")
    out = [resolve_member(i, Game()) for i in ids]
    out.append(resolve_member(Cycler("CCD"), Game()))
    out.append(resolve_member("tft", Game()))  # a memory-one member that needs no own moves
    assert sorted({m.kind for m in out}) == list(range(len(MEMBER_STEPS)))
    return out


def run_member(member, own_view, turns=40, slots=None):
    """The member's moves, calling its step in Python on a history of its own moves.

    ``own_view(own, turn)`` returns the array of own moves the step is shown.
    """
    rng = np.array([12345], dtype=np.uint64)
    memory = np.zeros(member.slots if slots is None else slots)
    opp = np.array([(t * 7 + t // 3) % 2 for t in range(turns)], dtype=np.uint8)
    own = np.zeros(turns, dtype=np.uint8)
    step_ = MEMBER_STEPS[member.kind].py_func
    payoffs = np.array([3.0, 0.0, 5.0, 1.0])
    for t in range(turns):
        shown = own_view(own, t)
        own[t] = step_(t, shown, opp, -1, payoffs, 0.0, 0.0, member.params, memory, rng)
    return own.tolist()


@pytest.mark.parametrize("member", member_instances(), ids=lambda m: m.label)
def test_each_kind_uses_only_its_memory_slots_and_its_window_of_own_moves(member):
    exact = run_member(member, lambda own, t: own)  # an IndexError if it needs more slots
    assert exact == run_member(member, lambda own, t: own, slots=32)

    def scrambled(own, t):
        # Every own move older than the window is garbage; with window 0 even the
        # last one is replaced (by its opposite: the step may still index with it).
        shown = own.copy()
        keep = member.window
        shown[: max(0, t - keep)] = 7
        if keep == 0 and t > 0:
            shown[t - 1] = 1 - own[t - 1]
        return shown

    assert run_member(member, scrambled) == exact
    assert MEMBER_SLOTS[member.kind] == member.slots


# --------------------------------------------------------------------------- (e) the twin

POOL = (
    "allc",
    "alld",
    "tft",
    "wsls",
    "gtft",
    "random",
    "alternator",
    "extort2",
    "grudger",
    "tf2t",
    "fortress3",
    "evolved_fsm_4",
    "winner12",
    "pso_gambler_1_1_1",
    "pso_gambler_2_2_2",
    "evolved_lookerup_1_1_1",
    "zd_mem2",
    "evolved_hmm_5",
    "cycler_ccd",
    "evolved_ann_5",
)


@st.composite
def teams(draw) -> Team:
    rule = draw(st.sampled_from(("majority", "minority", "winner", "ensemble", "mixer", "hunter")))
    members = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=6))
    if members.count("evolved_ann_5") > 1:
        members = [m for m in members if m != "evolved_ann_5"] + ["evolved_ann_5"]
    options = {"nice": draw(st.booleans())}
    if rule == "ensemble":
        options["top"] = draw(st.integers(1, len(members)))
    if rule == "mixer" and draw(st.booleans()):
        options["weights"] = draw(st.lists(st.integers(0, 3), min_size=len(members),
                                           max_size=len(members)).filter(any))  # fmt: skip
    if rule == "hunter":
        options["tft_after"] = draw(st.integers(0, 20))
    try:
        return Team(rule, tuple(members), **options)
    except IpdError:  # over the memory budget
        reject()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    team=teams(),
    opponent=st.sampled_from(("tft", "random", "wsls", "grudger", "evolved_hmm_5")),
    noise=st.sampled_from((0.0, 0.05)),
    seed=st.integers(0, 2**32),
)
def test_random_teams_play_as_the_naive_twin(team, opponent, noise, seed):
    a, b = team.behaviour(), parse_player(opponent).behaviour(Game())
    match = {
        "length": 40,
        "reveal_length": False,
        "payoffs": (3.0, 0.0, 5.0, 1.0),
        "noise": noise,
        "seed": seed,
    }
    compiled = api.play_match(a, b, **match)
    moves_a, moves_b, score_a, score_b = reference_engine.reference_match(a, b, **match)
    assert compiled.moves_a.tolist() == moves_a
    assert compiled.moves_b.tolist() == moves_b
    assert (compiled.score_a, compiled.score_b) == (score_a, score_b)


def test_a_team_of_more_than_52_keeps_every_members_last_proposal():
    # Past 52 members the last proposals take a second slot. A mixer that follows only its
    # 56th member (wsls, which reads its own last move) plays wsls's moves.
    team = Team("mixer", ("alld",) * 55 + ("wsls",), weights=(0,) * 55 + (1,))
    wsls, random = (parse_player(s).behaviour(Game()) for s in ("wsls", "random"))
    match = {"length": 60, "reveal_length": False, "payoffs": Game().payoffs, "noise": 0.0}
    match["seed"] = 3
    alone = api.play_match(wsls, random, **match).moves_a.tolist()
    assert api.play_match(team.behaviour(), random, **match).moves_a.tolist() == alone
    assert len(set(alone)) == 2


# --------------------------------------------------------------------------- (f) TOML, payoffs


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example file's teams, registered while the module runs."""
    path = tmp_path_factory.mktemp("teams") / "teams.toml"
    shutil.copy(EXAMPLE, path)
    with registry_snapshot():
        yield ipd.load_strategy_file(path)


def test_example_teams_load_with_the_classifiers_their_teams_imply(example):
    assert example == ["cautious_majority", "nice_winner_of_three"]
    majority = ipd.strategies.get("cautious_majority")
    assert (majority.memory_depth, majority.stochastic, majority.uses_payoffs) == (2, False, False)
    winner = ipd.strategies.get("nice_winner_of_three")
    assert (winner.memory_depth, winner.stochastic, winner.uses_payoffs) == (None, False, True)


def test_example_teams_play_as_their_comments_say(example):
    from tests.conftest import transcript

    assert transcript("cautious_majority", "alld", 6)[0] == "CCDDDD"
    assert transcript("nice_winner_of_three", "allc", 6)[0] == "CCCCCC"
    assert transcript("nice_winner_of_three", "alld", 6)[0] == "CDDDDD"


@pytest.mark.parametrize(
    "body, message",
    [
        ('rule = "majority"\nmembers = ["gradual"]', "team member 'gradual' is a code strategy"),
        ('rule = "majority"\nmembers = "tft"', "'members' must be a list"),
        ('rule = "majority"\nmembers = [3]', "members[0] must be a strategy id or a table"),
        (
            'rule = "majority"\nmembers = [{family = "team", rule = "majority"}]',
            "members[0] is a team; teams cannot be nested",
        ),
        (
            'rule = "majority"\nmembers = [{family = "memory_one", p = [1, 0, 1, 0], x = 1}]',
            "members[0]: unknown key(s) ['x']",
        ),
        (
            'rule = "majority"\nmembers = [{family = "memory_one", p = [1, 0]}]',
            "members[0]: 'p' must be a list of four probabilities",
        ),
        ('rule = "majority"\nmembers = ["tft"]\nweights = [1]', "weights applies only"),
        ('rule = "winner"\nmembers = ["evolved_ann", "evolved_ann"]', "memory slots"),
    ],
)
def test_bad_toml_teams_are_refused_in_one_line(body, message, tmp_path, scratch_registry):
    path = tmp_path / "bad.toml"
    path.write_text(f'[[strategy]]\nid = "bad_team"\nfamily = "team"\n{body}\n')
    with pytest.raises(IpdError) as error:
        ipd.load_strategy_file(path)
    assert message in str(error.value)
    assert "strategy 'bad_team'" in str(error.value)
    assert "\n" not in str(error.value)
    with pytest.raises(IpdError):
        ipd.strategies.get("bad_team")


def test_members_are_built_for_the_game_the_team_plays(tmp_path, scratch_registry):
    other = Game(4.0, 0.5, 7.0, 2.0)
    team = Team("majority", ("extort2",))
    member_default = team.resolved[0].params
    member_other = team.for_game(other).resolved[0].params
    assert not np.allclose(member_default, member_other)
    # A TOML team is rebuilt for the tournament's payoffs too.
    path = tmp_path / "zd.toml"
    path.write_text('[[strategy]]\nid = "zd_team"\nfamily = "team"\nrule = "majority"\n'
                    'members = ["extort2"]\n')  # fmt: skip
    ipd.load_strategy_file(path)
    info = ipd.strategies.get("zd_team")
    assert info.uses_payoffs
    built = info.behaviour(other).params
    assert np.allclose(built[-len(member_other) :], member_other)


def test_a_registered_team_plays_in_a_tournament(scratch_registry):
    # tft, a machine that plays the opposite of the opponent's last move, grudger.
    # Against alld: C, C, C on turn 0; then D, C, D: D for ever.
    contrary = FiniteStateMachine([(0, "C", 0, "D"), (0, "D", 0, "C")])

    def build(game):
        return Team("majority", ("tft", contrary, "grudger"), game=game)

    ipd.strategy("t_team", "T", description="A test team.", memory_depth=None)(build)
    results = ipd.Tournament(["t_team", "tft", "alld"], turns=8, keep_moves=True).play()
    assert results.match_moves("t_team", "alld")[0] == "CDDDDDDD"
    assert results.match_moves("t_team", "tft") == ("CCCCCCCC", "CCCCCCCC")
