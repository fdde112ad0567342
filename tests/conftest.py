"""Shared fixtures and helpers for the test suite.

Sections:

* registry isolation: tests that register strategies undo their changes;
* fixed opponents: strategies whose moves do not depend on the other player;
* playing: one-call transcripts of a match as strings of C and D.
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
