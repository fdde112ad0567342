"""Strategies the lesson page plays, exported as data: memory-one vectors, state machines, tables.

The page plays its opponents with one small JavaScript interpreter per family
(``assets/lesson.js``), fed the numbers this module exports. They are read
from the very parameter vector the engine's compiled step reads
(:attr:`~ipd.strategies.registry.Behaviour.params`), so the page and the
engine play the same rule by construction: nothing is written twice.

Families (the engine's step, and what the page gets):

* ``memory_one`` (:func:`~ipd.strategies.families.memory_one_step`):
  ``p = [p_CC, p_CD, p_DC, p_DD]`` (probability of co-operating after each
  outcome of the last round, own move first) and ``first``.
* ``fsm`` (:func:`~ipd.strategies.families.fsm_step`): ``initial_state``,
  ``first_move`` and ``transitions[state][opponent's last move] = [next state, move]``.
* ``lookup_table`` (:func:`~ipd.strategies.families.table_step`, which also
  plays Gamblers and memory-n rules): key sizes ``plays``, ``op_plays``,
  ``op_start_plays``, the ``initial`` probabilities of co-operating (one per
  turn before the table applies) and the ``table`` of probabilities of
  co-operating, in the key order of :mod:`ipd.strategies.families.lookup_table`.

Randomness. A probability strictly between 0 and 1 is drawn from the
engine's own generator, SplitMix64 (:mod:`ipd.engine.random`), seeded as the
engine seeds the column player of match (repetition 0, row 0, column 1) with
the page's seed: the page reproduces the engine's match move for move, random
rules included.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ipd.core.errors import IpdError
from ipd.core.game import Game

DEFAULT_OPPONENTS = (
    "tft",
    "alld",
    "grudger",
    "wsls",
    "random",
    "joss",
    "grofman:after_dd=0",
    "friedman",
    "tf2t",
    "evolved_lookerup_2_2_2",
)
"""Who students can play: the classics, a random player, three rules of Axelrod's first
tournament (Joss, Grofman as the 1980 spec plays it, Friedman) and a trained lookup table."""

FAMILY_OF_STEP = {
    "memory_one_step": "memory_one",
    "fsm_step": "fsm",
    "table_step": "lookup_table",
}
"""The engine's data steps the page has an interpreter for, by step function name."""

SEATS = {"repetition": 0, "row": 0, "column": 1}
"""Which match of the engine the page replays: the student is the row player (0), the
opponent the column player (1), repetition 0; the opponent draws from the column's stream."""


def _probability(value: float) -> float:
    return float(value)


def _move(value: float) -> str:
    return "CD"[int(value)]


def family_data(behaviour) -> tuple[str, dict[str, Any]]:
    """The family name and the data of a behaviour whose step is a data family's.

    Raises :class:`IpdError` for a compiled rule (code, not data).
    """
    name = getattr(behaviour.step, "__name__", "")
    if hasattr(behaviour.step, "py_func"):
        name = behaviour.step.py_func.__name__
    family = FAMILY_OF_STEP.get(name)
    if family is None:
        raise IpdError(f"is played by code ({name}), not by data")
    p = [float(x) for x in behaviour.params]
    if family == "memory_one":
        return family, {"p": [_probability(x) for x in p[:4]], "first": _probability(p[4])}
    if family == "fsm":
        n, initial, first = int(p[0]), int(p[1]), int(p[2])
        rows = p[3:]
        transitions = [
            [[int(rows[4 * s + 2 * m]), _move(rows[4 * s + 2 * m + 1])] for m in (0, 1)]
            for s in range(n)
        ]
        return family, {
            "initial_state": initial,
            "first_move": _move(first),
            "transitions": transitions,
        }
    plays, op_plays, op_start, depth = (int(x) for x in p[:4])
    return family, {
        "plays": plays,
        "op_plays": op_plays,
        "op_start_plays": op_start,
        "initial": [_probability(x) for x in p[4 : 4 + depth]],
        "table": [_probability(x) for x in p[4 + depth :]],
    }


def export_strategy(label: str, game: Game | None = None) -> dict[str, Any]:
    """One strategy (``ID[:NAME=VALUE,...]``) as the page's opponent data.

    Returns ``{"id", "name", "description", "source", "family", "data",
    "stochastic"}``; raises :class:`IpdError` (one line) for a strategy the
    page cannot play from data.
    """
    from ipd.core.players import parse_player

    game = game or Game()
    player = parse_player(label)
    behaviour = player.behaviour(game)
    try:
        family, data = family_data(behaviour)
    except IpdError as error:
        raise IpdError(
            f"the page cannot play {label!r}: it {error}; choose a memory-one, state-machine "
            "or lookup-table strategy (e.g. tft, alld, grudger, wsls, random, joss)"
        ) from None
    return {
        "id": player.label,
        "name": player.name,
        "description": player.info.description,
        "source": player.info.source,
        "family": family,
        "data": data,
        "stochastic": bool(behaviour.stochastic),
    }


def export_opponents(labels: Sequence[str], game: Game | None = None) -> list[dict[str, Any]]:
    """Every opponent of the page, in order; duplicates are an error."""
    seen: set[str] = set()
    out = []
    for label in labels:
        entry = export_strategy(label, game)
        if entry["id"] in seen:
            raise IpdError(f"opponent {entry['id']!r} is given twice")
        seen.add(entry["id"])
        out.append(entry)
    if not out:
        raise IpdError("the page needs at least one opponent")
    return out


def play_data(labels: Sequence[str], game: Game, *, rounds: int, seed: int) -> dict[str, Any]:
    """The play section's data: opponents, rounds per game, payoffs, seed and streams."""
    from ipd.engine.constants import STREAM_A, STREAM_B

    return {
        "opponents": export_opponents(labels, game),
        "rounds": int(rounds),
        "payoffs": list(game.payoffs),
        "seed": str(int(seed)),
        **SEATS,
        "streams": {"row": STREAM_A, "column": STREAM_B},
        "benchmark": export_strategy("tft", game),
    }
