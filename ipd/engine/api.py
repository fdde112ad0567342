"""The engine's Python face: validate, lay out arrays, call the kernels, hand back arrays.

Everything here runs once per tournament or per block of matches, never per
match or per turn.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from ipd.engine import _assemble
from ipd.engine.layout import N_MATCH_FIELDS
from ipd.engine.play import Cells, Rules, Totals, behaviour_params, play_cells
from ipd.strategies.registry import Behaviour


def kernels(steps, misperceive: bool = False):
    """The compiled kernel module that plays these step functions (with ``misperceive``,
    the variant that plays misperception too).

    Says on stderr that it is compiling when the on-disk cache has no code
    for it yet.
    """
    module = _assemble.kernels(steps, misperceive)
    if not getattr(module, "_ipd_checked", False):
        # Once per module: the check reads the cache folder, a cost callers that play many
        # small tournaments (a Moran process, generation after generation) would pay each time.
        module._ipd_checked = True
        if not _assemble.is_compiled(module):
            n = len(module.STEP_FUNCTIONS)
            extra = ", with misperception" if misperceive else ""
            print(
                f"ipd: compiling the engine for {n} step function{'s' * (n != 1)}{extra} "
                "(first run of this lineup only)...",
                file=sys.stderr,
            )
    return module


@dataclass
class Lineup:
    """The strategies of a tournament laid out as arrays for their kernel."""

    module: ModuleType
    kinds: np.ndarray
    param_bounds: np.ndarray
    params: np.ndarray


def lineup(behaviours: Sequence[Behaviour], misperceive: bool = False) -> Lineup:
    """The kernel for these behaviours (``misperceive``: one that plays misperception), their
    kinds in it and one flat parameter array."""
    module = kernels([b.step for b in behaviours], misperceive)
    index = {step: k for k, step in enumerate(module.STEP_FUNCTIONS)}
    kinds = np.empty(len(behaviours), dtype=np.int64)
    bounds = np.empty((len(behaviours), 2), dtype=np.int64)
    at = 0
    for n, behaviour in enumerate(behaviours):
        kinds[n] = index[behaviour.step]
        size = len(behaviour.params)
        bounds[n] = (at, at + size)
        at += size
    params = behaviour_params(behaviours)
    return Lineup(module, kinds, bounds, params)


@dataclass
class MatchRecord:
    """One match as played: both move arrays, both scores and the match counters.

    ``seen_by_a`` is A's record of B's moves (``moves_b`` itself unless A
    misperceives), ``seen_by_b`` B's record of A's.
    """

    moves_a: np.ndarray
    moves_b: np.ndarray
    score_a: float
    score_b: float
    counts: np.ndarray
    seen_by_a: np.ndarray | None = None
    seen_by_b: np.ndarray | None = None


def play_match(
    a: Behaviour,
    b: Behaviour,
    *,
    length: int,
    rep: int = 0,
    row: int = 0,
    col: int = 1,
    **rules: Any,
) -> MatchRecord:
    """Play one match exactly as a tournament would for (rep, row, col); ``rules`` are the
    keywords of :class:`~ipd.engine.play.Rules` (``reveal_length``, ``payoffs``, ``noise``,
    ``seed``, and optionally ``discount`` and ``misperception``)."""
    if row == col and (a.step is not b.step or not np.array_equal(a.params, b.params)):
        raise ValueError("a match of one entrant against itself needs one behaviour")
    cells = Cells.one(rep_lengths=[length], continuation=0.0, **rules)
    misperception = float(cells.misperception[0])
    line = lineup([a, b], misperceive=misperception > 0.0)
    entrants = max(row, col) + 1
    kinds = np.zeros(entrants, dtype=np.int64)
    bounds = np.zeros((entrants, 2), dtype=np.int64)
    kinds[row], kinds[col] = line.kinds
    bounds[row], bounds[col] = line.param_bounds
    scores = np.zeros((1, 2))
    counts = np.zeros((1, N_MATCH_FIELDS), dtype=np.int64)
    moves = np.zeros((1, 4, max(1, int(length))), dtype=np.uint8)
    one = np.zeros(1, dtype=np.int64)
    line.module.play_block(
        kinds,
        bounds,
        line.params.reshape(1, -1),
        np.array([[row, col]], dtype=np.int64),
        one,
        cells.kernel_args(),
        (one, np.array([rep], dtype=np.int64), np.array([0, 1], dtype=np.int64)),
        np.array([length], dtype=np.int64),
        True,
        True,
        scores,
        counts,
        moves,
        1,
    )
    # Rows 2 and 3 are what A saw of B and B of A; unwritten without misperception.
    seen_a, seen_b = (2, 3) if misperception > 0.0 else (1, 0)
    return MatchRecord(
        moves[0, 0, :length].copy(),
        moves[0, 1, :length].copy(),
        float(scores[0, 0]),
        float(scores[0, 1]),
        counts[0],
        moves[0, seen_a, :length].copy(),
        moves[0, seen_b, :length].copy(),
    )


def copies(line: Lineup, types: np.ndarray) -> Lineup:
    """The lineup of entrants that copy ``line``'s behaviours: entrant e plays behaviour
    ``types[e]`` of ``line``, on its kernel (a population's individuals, one lineup for
    all its generations)."""
    types = np.asarray(types, dtype=np.int64)
    low = line.param_bounds[types, 0]
    sizes = line.param_bounds[types, 1] - low
    ends = np.cumsum(sizes)
    starts = ends - sizes
    picks = np.repeat(low - starts, sizes) + np.arange(int(sizes.sum()))
    params = np.concatenate([line.params[picks], np.zeros(1)])
    return Lineup(line.module, line.kinds[types], np.stack([starts, ends], axis=1), params)


def play_tournament(
    behaviours: Sequence[Behaviour],
    pairs: np.ndarray,
    *,
    rep_lengths: np.ndarray,
    continuation: float = 0.0,
    **options: Any,
) -> Totals:
    """Play every pair in ``pairs`` for ``len(rep_lengths)`` repetitions: one cell.

    Match lengths are data: ``rep_lengths[r]`` moves in repetition ``r``, or,
    with ``continuation`` w > 0, a geometric length (mean 1 / (1 - w)) drawn
    from each match's own stream. ``options`` are the cell's rules, the
    keywords of :class:`~ipd.engine.play.Rules` (``reveal_length``,
    ``payoffs``, ``noise``, ``seed``; ``discount`` w > 0 makes the scores
    normalised discounted sums, see the kernel's ``play_match``;
    ``misperception`` e > 0 lets each player see each of the other's moves
    wrongly with probability e), and any keywords of
    :func:`ipd.engine.play.play_cells` (``keep_moves``, ``block_reps``,
    ``progress``, ``replay``, ``reps``), which says how blocks, progress and
    the pairs of deterministic strategies played once work.
    """
    rules, run = Rules.split(options)
    cells = Cells.one(rep_lengths=rep_lengths, continuation=continuation, **rules)
    line = lineup(behaviours, misperceive=float(cells.misperception[0]) > 0.0)
    return _play_cell(line, [b.stochastic for b in behaviours], pairs, cells, run)


def play_lineup(
    line: Lineup,
    stochastic: Sequence[bool],
    pairs: np.ndarray,
    *,
    rep_lengths: np.ndarray,
    continuation: float = 0.0,
    **options: Any,
) -> Totals:
    """:func:`play_tournament` of a lineup already laid out (``stochastic[e]``: whether
    entrant e draws random numbers)."""
    rules, run = Rules.split(options)
    cells = Cells.one(rep_lengths=rep_lengths, continuation=continuation, **rules)
    return _play_cell(line, stochastic, pairs, cells, run)


def _play_cell(line: Lineup, stochastic, pairs: np.ndarray, cells: Cells, run) -> Totals:
    return play_cells(
        line,
        line.params.reshape(1, -1),
        stochastic,
        pairs,
        np.zeros(len(pairs), dtype=np.int64),
        cells,
        **run,
    )
