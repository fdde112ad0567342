"""Shared fixtures and helpers for the test suite.

Sections:

* registry isolation: tests that register strategies undo their changes;
* fixed opponents: strategies whose moves do not depend on the other player;
* playing: one-call transcripts of a match as strings of C and D;
* kernel groups: strategies grouped so that test modules share compiled kernels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

import ipd
from ipd.strategies import registry

# --------------------------------------------------------------------------- registry isolation


registry_snapshot = registry.scratch
"""Use a copy of the registry in a block: every registration made inside is undone."""


@pytest.fixture
def scratch_registry() -> Iterator[None]:
    """Let a test register strategies freely; they are forgotten when it ends."""
    with registry_snapshot():
        yield


# --------------------------------------------------------------------------- fixed opponents


def fixed_cycle_machine(pattern: str) -> ipd.FiniteStateMachine:
    """A machine that plays ``pattern`` (say ``"CCD"``) over and over, ignoring its opponent.

    State k means "played pattern[k] last"; every state moves on to k + 1 (mod
    the pattern's length) whatever the opponent did.
    """
    n = len(pattern)
    rows = [(k, opp, (k + 1) % n, pattern[(k + 1) % n]) for k in range(n) for opp in ("C", "D")]
    return ipd.FiniteStateMachine(rows, initial_state=0, first_move=pattern[0])


CYCLE_CCD = "test_cycle_ccd"
"""Id of the fixed-cycle opponent: C, C, D, C, C, D, ..."""


@pytest.fixture(scope="module")
def cycle_ccd() -> Iterator[str]:
    """Register the CCD-cycle opponent while a test module runs; yield its id.

    Module scope, not session: other modules (say, ones listing every
    strategy) never see it.
    """
    with registry_snapshot():
        ipd.strategy(
            CYCLE_CCD,
            "Cycle CCD (test opponent)",
            description="Plays C, C, D repeatedly whatever the opponent does.",
            memory_depth=None,
        )(lambda game: fixed_cycle_machine("CCD"))
        yield CYCLE_CCD


# --------------------------------------------------------------------------- playing


def transcript(row: str, column: str, turns: int, **settings) -> tuple[str, str]:
    """Both players' moves in one match, as strings of C and D (row first)."""
    return ipd.play_match(row, column, turns=turns, **settings).move_strings


@pytest.fixture
def play_transcript() -> Callable[..., tuple[str, str]]:
    """:func:`transcript` as a fixture: ``play_transcript("tft", "alld", 5)``."""
    return transcript


# --------------------------------------------------------------------------- kernel groups

FAMILY_GROUP = "families"


def strategy_group(info) -> str:
    """The group a strategy's tests compile it in: its builtin module or package (code
    strategies), or all data strategies together."""
    step = info.behaviour(ipd.Game()).step
    module = getattr(step, "py_func", step).__module__
    if module.startswith("ipd.strategies.families"):
        return FAMILY_GROUP
    prefix = "ipd.strategies.builtin."
    if module.startswith(prefix):
        return prefix + module[len(prefix) :].split(".")[0]
    return module


def strategy_groups() -> dict[str, list[str]]:
    """Every registered strategy's id, by group."""
    out: dict[str, list[str]] = {}
    for info in ipd.strategies.all_strategies():
        out.setdefault(strategy_group(info), []).append(info.id)
    return out


def group_steps(group: str) -> list:
    """The steps of a group's kernel: its strategies', and the fixed opponents' family steps."""
    from ipd.strategies import families

    steps = [ipd.strategies.get(s).behaviour(ipd.Game()).step for s in strategy_groups()[group]]
    return [*steps, families.memory_one_step, families.fsm_step]


def warm_group(group: str, misperceive: bool = False):
    """Compile (or load) a group's kernel, so every test playing only its strategies reuses it;
    ``misperceive``: its variant that plays misperception (a kernel of its own)."""
    from ipd.engine import api

    return api.kernels(group_steps(group), misperceive)


def assert_one_line_error(result, fragment: str) -> None:
    """A CLI run that failed cleanly: a non-zero exit, no traceback and no exception other
    than click's exit, and one line of output (besides a cold cache's compile notice) that
    names ``fragment``."""
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = [
        line
        for line in result.output.splitlines()
        if line.strip() and not line.startswith("ipd: compiling")
    ]
    assert len(lines) == 1, result.output
    assert fragment in lines[0], lines[0]


def assert_same_totals(a, b) -> None:
    """Two engine results (dataclasses of arrays) hold the same arrays, bit for bit (the signs
    of zeros too)."""
    import dataclasses

    import numpy as np

    for field in dataclasses.fields(a):
        x, y = getattr(a, field.name), getattr(b, field.name)
        if x is None:
            assert y is None
        else:
            assert x.dtype == y.dtype and np.array_equal(x, y), field.name
            assert x.tobytes() == y.tobytes(), field.name


def warm_players(labels, misperceive: bool = True):
    """Compile (or load) one kernel for these players' steps and the fixed opponents' family
    steps, and with ``misperceive`` its misperceiving variant too, so that every lineup of a
    module drawn from them reuses it; returns the plain kernel."""
    from ipd.core.players import parse_player
    from ipd.engine import api
    from ipd.strategies import families

    steps = [parse_player(s).behaviour(ipd.Game()).step for s in labels]
    steps = [*steps, families.memory_one_step, families.fsm_step]
    if misperceive:
        api.kernels(steps, misperceive=True)
    return api.kernels(steps)
