"""Meta strategies: Axelrod-Python's meta players, as teams of data strategies.

Each is data for the team family (:class:`~ipd.strategies.families.Team`):
a rule (majority, minority, winner, ensemble, mixer, hunter) over a fixed
team of registered data strategies. The rules are Axelrod-Python's (4.14,
``axelrod/strategies/meta.py``); they have no paper, so the library is the
source, with the contributor it names.

How the teams differ from Axelrod-Python's. Axelrod-Python's teams are drawn
from its whole library (every strategy that does not cheat, about 230, or
those of a given memory depth or stochasticity), most of them code. Here a
member must be a data strategy and a strategy has 32 memory slots, so each
team is a fixed, small list of the data strategies ipd has, chosen to mirror
the original selection (memory one, finite memory, long memory,
deterministic, stochastic). The teams are listed in each docstring and in
``docs/strategies.md``. Members see their own proposals as their own past
moves, as in Axelrod-Python.

Classifiers are declared, and tested against those the team family computes:
stochastic if a member or the rule is; memory depth the members' largest only
when the team keeps nothing itself (none of these teams).
"""

from __future__ import annotations

from collections.abc import Callable

from ipd.core.game import Game
from ipd.strategies import catalogue
from ipd.strategies.families import FiniteStateMachine, LookupTable, Team
from ipd.strategies.families.team import MAX_MEMBERS
from ipd.strategies.registry import strategy

AXELROD_PYTHON = (
    "the Axelrod-Python library, axelrod/strategies/meta.py (V. Knight et al. (2016), 'An open "
    "framework for the reproducible study of the iterated prisoner's dilemma', J. Open "
    "Research Software 4:e35)"
)
TAGS = ("meta", "axelrod_python")
SLOW = (*TAGS, "long_run_time")
"""Tags of the teams of ten or more: a turn of one costs about a microsecond (each member
plays its step), a hundred times a data strategy's; tournaments with them run that much
slower. The hunters' teams of two and three are not tagged."""

# --------------------------------------------------------------------------- the teams

_TEAMS = catalogue.tables(__name__)["teams"]
"""The teams, lists of ids kept in the catalogue (meta.toml, with what each holds)."""
ORDINARY = tuple(_TEAMS["ordinary"])
MEMORY_ONE = tuple(_TEAMS["memory_one"])
FINITE_MEMORY = tuple(_TEAMS["finite_memory"])
LONG_MEMORY = tuple(_TEAMS["long_memory"])
DETERMINISTIC = tuple(_TEAMS["deterministic"])
STOCHASTIC = tuple(_TEAMS["stochastic"])


def _hunter_of(target: str) -> FiniteStateMachine:
    """Co-operate; from the fifth move on, defect while the opponent has played only ``target``.

    Axelrod-Python's DefectorHunter (``target`` D) and CooperatorHunter (C),
    by K. Langner. States 0 to 4 count the opponent's moves while all were
    ``target`` (4: four or more); state 5: the opponent has played the other move.
    """
    other = "C" if target == "D" else "D"
    rows = []
    for k in range(5):
        ahead = min(k + 1, 4)
        rows.append((k, target, ahead, "D" if ahead == 4 else "C"))
        rows.append((k, other, 5, "C"))
    rows += [(5, "C", 5, "C"), (5, "D", 5, "C")]
    return FiniteStateMachine(rows, initial_state=0, first_move="C")


def _alternator_hunter() -> LookupTable:
    """Co-operate for six moves; then defect for ever if the opponent alternated on all six.

    Axelrod-Python's AlternatorHunter, by K. Langner: a lookup table keyed on
    the opponent's first six moves, D only for CDCDCD (key 010101 = 21) and
    DCDCDC (101010 = 42).
    """
    table = ["C"] * 64
    table[0b010101] = table[0b101010] = "D"
    return LookupTable(0, 0, 6, "".join(table), initial="CCCCCC")


HUNTERS = (_hunter_of("D"), _alternator_hunter())
"""Axelrod-Python's DefectorHunter and AlternatorHunter, as data (not registered here)."""
AGGRESSIVE_HUNTERS = (*HUNTERS, _hunter_of("C"))
"""The same, with the CooperatorHunter."""


# --------------------------------------------------------------------------- registration


def meta(id: str, name: str, *, author: str, tags: tuple[str, ...] = SLOW, **about) -> Callable:
    """Register a team builder (``about``: the rest of :func:`~ipd.strategies.strategy`'s
    arguments). Every team here keeps state (scores, or the proposals of members that read
    their own moves), so its memory is unbounded; the declared classifiers are checked
    against the team's own in tests/test_meta_strategies.py (building 22 teams here would
    slow down every ``ipd`` command)."""
    source = f"{author}'s rule in {AXELROD_PYTHON}"
    return strategy(id, name, source=source, memory_depth=None, tags=tags, **about)


LANGNER, HARPER, KNIGHT = "K. Langner", "M. Harper", "V. Knight"
TOP = {"top": (1, MAX_MEMBERS)}
"""The ensembles' parameter: how many of the best scorers to choose among."""
TOP_DEFAULT = 3
"""Axelrod-Python chooses among the best 8% of a team of some two hundred (about 16
members); 8% of a team of 10 to 14 is one member, which would make the ensemble a
deterministic winner, so the ensembles here choose among the best three."""


def meta_majority(game: Game) -> Team:
    """Majority vote (a tie co-operates) of the ORDINARY team: allc, alld, tft, stft, wsls,
    gtft, random, alternator, grudger, tf2t, 2tft, winner12, evolved_lookerup_2_2_2.
    Axelrod-Python's team is every non-cheating strategy of its library."""
    return Team("majority", ORDINARY, game=game)


def meta_minority(game: Game) -> Team:
    """Minority vote (a tie co-operates) of the ORDINARY team (see Meta Majority).
    Axelrod-Python's team is every non-cheating strategy of its library."""
    return Team("minority", ORDINARY, game=game)


def meta_winner(game: Game) -> Team:
    """The best-scoring member's proposal (C if any of the tied best proposes C), over the
    ORDINARY team (see Meta Majority). Axelrod-Python's team is its whole library."""
    return Team("winner", ORDINARY, game=game)


def nice_meta_winner(game: Game) -> Team:
    """Meta Winner over the ORDINARY team, with Axelrod-Python's Nice transformer: a D is
    replaced by C while the opponent has not defected. Axelrod-Python's team is its whole
    library."""
    return Team("winner", ORDINARY, nice=True, game=game)


def meta_winner_ensemble(game: Game, top: int = TOP_DEFAULT) -> Team:
    """One of the ``top`` best scorers of the ORDINARY team (ties ranked by the later
    member), drawn uniformly each turn. Axelrod-Python's team is its whole library and it
    draws among the best 8% of it; see TOP_DEFAULT for why three here."""
    return Team("ensemble", ORDINARY, top=top, game=game)


def nice_meta_winner_ensemble(game: Game, top: int = TOP_DEFAULT) -> Team:
    """Meta Winner Ensemble over the ORDINARY team with the Nice transformer. Axelrod-Python's
    team is its whole library (best 8%)."""
    return Team("ensemble", ORDINARY, top=top, nice=True, game=game)


def meta_mixer(game: Game) -> Team:
    """A uniformly drawn member of the ORDINARY team each turn (every member still plays
    on, on its own proposals). Axelrod-Python's default team is its whole library."""
    return Team("mixer", ORDINARY, game=game)


def meta_hunter(game: Game) -> Team:
    """Hunters: Axelrod-Python's DefectorHunter and AlternatorHunter, as data (a machine and
    a table of the opponent's first six moves). Axelrod-Python's team also has the Random,
    Math Constant, Cycle and Eventual Cycle hunters, which count and search the whole
    history: code, which cannot join a data team."""
    return Team("hunter", HUNTERS, game=game)


def meta_hunter_aggressive(game: Game) -> Team:
    """Meta Hunter's two data hunters plus Axelrod-Python's CooperatorHunter. Axelrod-Python's
    team also has the four code hunters of Meta Hunter."""
    return Team("hunter", AGGRESSIVE_HUNTERS, game=game)


def _variant(rule: str, team_name: str, team: tuple[str, ...], nice: bool = False):
    """A builder of ``rule`` over ``team`` (the memory and stochasticity variants)."""
    if rule == "ensemble":

        def build(game: Game, top: int = TOP_DEFAULT) -> Team:
            return Team(rule, team, top=top, nice=nice, game=game)

    else:

        def build(game: Game) -> Team:
            return Team(rule, team, nice=nice, game=game)

    what = {"majority": "Majority vote", "winner": "The best scorer's proposal"}.get(
        rule, "One of the best three scorers, at random (Nice transformer),"
    )
    build.__doc__ = (
        f"{what} over the {team_name} team: {', '.join(team)}. Axelrod-Python's team is "
        f"every strategy of its library with the same property."
    )
    return build


_VARIANTS = (
    # id, name, rule, team name, team, what the team is, author
    ("meta_majority_memory_one", "Meta Majority Memory One", "majority", "MEMORY_ONE", MEMORY_ONE),
    (
        "meta_majority_finite_memory",
        "Meta Majority Finite Memory",
        "majority",
        "FINITE_MEMORY",
        FINITE_MEMORY,
    ),
    (
        "meta_majority_long_memory",
        "Meta Majority Long Memory",
        "majority",
        "LONG_MEMORY",
        LONG_MEMORY,
    ),
    ("meta_winner_memory_one", "Meta Winner Memory One", "winner", "MEMORY_ONE", MEMORY_ONE),
    (
        "meta_winner_finite_memory",
        "Meta Winner Finite Memory",
        "winner",
        "FINITE_MEMORY",
        FINITE_MEMORY,
    ),
    ("meta_winner_long_memory", "Meta Winner Long Memory", "winner", "LONG_MEMORY", LONG_MEMORY),
    (
        "meta_winner_deterministic",
        "Meta Winner Deterministic",
        "winner",
        "DETERMINISTIC",
        DETERMINISTIC,
    ),
    ("meta_winner_stochastic", "Meta Winner Stochastic", "winner", "STOCHASTIC", STOCHASTIC),
    ("nmwe_memory_one", "NMWE Memory One", "ensemble", "MEMORY_ONE", MEMORY_ONE),
    ("nmwe_finite_memory", "NMWE Finite Memory", "ensemble", "FINITE_MEMORY", FINITE_MEMORY),
    ("nmwe_long_memory", "NMWE Long Memory", "ensemble", "LONG_MEMORY", LONG_MEMORY),
    ("nmwe_deterministic", "NMWE Deterministic", "ensemble", "DETERMINISTIC", DETERMINISTIC),
    ("nmwe_stochastic", "NMWE Stochastic", "ensemble", "STOCHASTIC", STOCHASTIC),
)

_KIND = {
    "MEMORY_ONE": "memory-one",
    "FINITE_MEMORY": "finite-memory",
    "LONG_MEMORY": "long-memory",
    "DETERMINISTIC": "deterministic",
    "STOCHASTIC": "stochastic",
}


def _register_variants() -> None:
    for sid, name, rule, team_name, team in _VARIANTS:
        kind = _KIND[team_name]
        description = {
            "majority": (
                f"Plays the move most of its team of {len(team)} {kind} strategies propose."
            ),
            "winner": (
                f"Follows whichever of its team of {len(team)} {kind} strategies has the best "
                "running score."
            ),
            "ensemble": (
                f"Follows one of the three best scorers of its team of {len(team)} {kind} "
                "strategies at random, never defecting first."
            ),
        }[rule]
        meta(
            sid,
            name,
            description=description,
            author=HARPER,
            axelrod_name=name,
            # Only the deterministic team under a deterministic rule is deterministic;
            # only the long-memory team has no member built from the payoffs.
            stochastic=team_name != "DETERMINISTIC" or rule == "ensemble",
            uses_payoffs=rule != "majority" or team_name != "LONG_MEMORY",
            params=TOP if rule == "ensemble" else None,
            aliases=(sid.replace("nmwe", "nice_meta_winner_ensemble"),)
            if rule == "ensemble"
            else (),
        )(_variant(rule, team_name, team, nice=rule == "ensemble"))


catalogue.register(__name__)
_register_variants()
