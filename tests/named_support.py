"""Shared helpers for the tests of the named strategies (tests/test_named_*.py).

* ``opponent(name)``: a registered strategy by id, or, for a name written in
  capitals such as ``"CCD"``, a machine that plays that cycle whatever happens;
* ``play(rule, opponent, turns)``: both players' moves as strings of C and D;
* ``warm_kernel(ids)``: compile one kernel for a test module's strategies, so
  that its many pairs share it;
* ``assert_twin_agrees(rule, ...)``: the compiled engine and the plain-Python
  reference engine play the same moves and scores.
"""

from __future__ import annotations

import ipd
from ipd import Game
from ipd.core.game import moves_to_string
from ipd.core.players import parse_player
from ipd.engine import api
from ipd.strategies import families
from tests.reference import engine as reference_engine
from tests.reference import named, named_learners  # noqa: F401  (registers the twins)

PAYOFFS = Game().payoffs


def cycle(pattern: str) -> ipd.FiniteStateMachine:
    """A machine playing ``pattern`` over and over, whatever its opponent does."""
    n = len(pattern)
    rows = [(k, o, (k + 1) % n, pattern[(k + 1) % n]) for k in range(n) for o in "CD"]
    return ipd.FiniteStateMachine(rows, initial_state=0, first_move=pattern[0])


def behaviour(name: str, game: Game | None = None):
    """A strategy id (with parameters, ``random_tft:p=0``) or a cycle in capitals."""
    if name.isupper() and set(name) <= {"C", "D"}:
        return cycle(name).behaviour()
    return parse_player(name).behaviour(game or Game())


opponent = behaviour


def play(rule, other, turns, *, seed=0, reveal_length=True, noise=0.0, game=None):
    """Both move strings of ``rule`` (row) against ``other`` (column)."""
    game = game or Game()
    record = api.play_match(
        behaviour(rule, game) if isinstance(rule, str) else rule,
        behaviour(other, game) if isinstance(other, str) else other,
        length=turns,
        reveal_length=reveal_length,
        payoffs=game.payoffs,
        noise=noise,
        seed=seed,
    )
    return moves_to_string(record.moves_a), moves_to_string(record.moves_b)


def warm_kernel(ids) -> None:
    """Compile (or load) one kernel for these strategies and the data families."""
    steps = [behaviour(i).step for i in ids]
    api.kernels([*steps, families.fsm_step, families.memory_one_step])


def assert_twin_agrees(rule, other, *, length=120, noise=0.1, seed=2024, reveal_length=True):
    """The compiled match equals the reference engine's, moves and scores."""
    a, b = behaviour(rule), behaviour(other)
    settings = {
        "length": length,
        "reveal_length": reveal_length,
        "payoffs": PAYOFFS,
        "noise": noise,
        "seed": seed,
        "rep": 1,
        "row": 3,
        "col": 8,
    }
    record = api.play_match(a, b, **settings)
    moves_a, moves_b, score_a, score_b = reference_engine.reference_match(a, b, **settings)
    assert record.moves_a.tolist() == moves_a, (rule, other)
    assert record.moves_b.tolist() == moves_b, (rule, other)
    assert (record.score_a, record.score_b) == (score_a, score_b), (rule, other)


def cooperation_rate(rule, other, turns=200, seeds=range(20), **settings) -> float:
    """The rule's co-operation rate over several seeds."""
    moves = "".join(play(rule, other, turns, seed=s, **settings)[0] for s in seeds)
    return moves.count("C") / len(moves)
