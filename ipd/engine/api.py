"""The engine's Python face: validate, lay out arrays, call the kernels, hand back arrays.

Everything here runs once per tournament or per block of matches, never per
match or per turn.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from ipd.engine import _assemble
from ipd.engine._accumulate import accumulate_block
from ipd.engine.constants import TURNS_PER_BLOCK
from ipd.engine.layout import N_MATCH_FIELDS, N_PAIR_FIELDS
from ipd.strategies.registry import Behaviour


def kernels(steps):
    """The compiled kernel module that plays these step functions.

    Says on stderr that it is compiling when the on-disk cache has no code
    for it yet.
    """
    module = _assemble.kernels(steps)
    if not getattr(module, "_ipd_announced", False) and not _assemble.is_compiled(module):
        n = len(module.STEP_FUNCTIONS)
        print(
            f"ipd: compiling the engine for {n} step function{'s' * (n != 1)} "
            "(first run of this lineup only)...",
            file=sys.stderr,
        )
        module._ipd_announced = True
    return module


@dataclass
class Lineup:
    """The strategies of a tournament laid out as arrays for their kernel."""

    module: ModuleType
    kinds: np.ndarray
    param_bounds: np.ndarray
    params: np.ndarray


def lineup(behaviours: Sequence[Behaviour]) -> Lineup:
    """The kernel for these behaviours, their kinds in it and one flat parameter array."""
    module = kernels([b.step for b in behaviours])
    index = {step: k for k, step in enumerate(module.STEP_FUNCTIONS)}
    kinds = np.empty(len(behaviours), dtype=np.int64)
    bounds = np.empty((len(behaviours), 2), dtype=np.int64)
    chunks = []
    at = 0
    for n, behaviour in enumerate(behaviours):
        kinds[n] = index[behaviour.step]
        size = len(behaviour.params)
        bounds[n] = (at, at + size)
        chunks.append(np.asarray(behaviour.params, dtype=np.float64))
        at += size
    params = np.concatenate(chunks) if chunks else np.zeros(0)
    # Never hand the kernel an empty array: a zero-length slice is fine, an empty base is not.
    params = np.concatenate([params, np.zeros(1)])
    return Lineup(module, kinds, bounds, params)


@dataclass
class MatchRecord:
    """One match as played: both move arrays, both scores and the match counters."""

    moves_a: np.ndarray
    moves_b: np.ndarray
    score_a: float
    score_b: float
    counts: np.ndarray


def play_match(
    a: Behaviour,
    b: Behaviour,
    *,
    length: int,
    reveal_length: bool,
    payoffs: Sequence[float],
    noise: float,
    seed: int,
    discount: float = 0.0,
    rep: int = 0,
    row: int = 0,
    col: int = 1,
) -> MatchRecord:
    """Play one match exactly as a tournament would for (rep, row, col)."""
    if row == col and (a.step is not b.step or not np.array_equal(a.params, b.params)):
        raise ValueError("a match of one entrant against itself needs one behaviour")
    line = lineup([a, b])
    entrants = max(row, col) + 1
    kinds = np.zeros(entrants, dtype=np.int64)
    bounds = np.zeros((entrants, 2), dtype=np.int64)
    kinds[row], kinds[col] = line.kinds
    bounds[row], bounds[col] = line.param_bounds
    longest = max(1, int(length))
    scores = np.zeros((1, 2))
    counts = np.zeros((1, N_MATCH_FIELDS), dtype=np.int64)
    moves = np.zeros((1, 2, longest), dtype=np.uint8)
    line.module.play_block(
        kinds,
        bounds,
        line.params,
        np.array([[row, col]], dtype=np.int64),
        np.int64(rep),
        np.int64(1),
        np.array([length], dtype=np.int64),
        0.0,
        bool(reveal_length),
        np.asarray(payoffs, dtype=np.float64),
        float(noise),
        float(discount),
        np.uint64(seed),
        True,
        scores,
        counts,
        moves,
    )
    return MatchRecord(
        moves[0, 0, :length].copy(),
        moves[0, 1, :length].copy(),
        float(scores[0, 0]),
        float(scores[0, 1]),
        counts[0],
    )


@dataclass
class Totals:
    """What a tournament run accumulates: O(pairs + strategies x repetitions) numbers."""

    pair_scores: np.ndarray  # (n_pairs, 2) total score of each side
    pair_rate_shift: np.ndarray  # (n_pairs, 2) score per turn in repetition 0
    pair_rates: np.ndarray  # (n_pairs, 2) sum over matches of score per turn, minus the shift
    pair_rate_squares: np.ndarray  # (n_pairs, 2) sum of squares of the same
    pair_counts: np.ndarray  # (n_pairs, N_PAIR_FIELDS)
    strategy_rep_scores: np.ndarray  # (n_strategies, repetitions)
    strategy_rep_turns: np.ndarray  # (n_strategies, repetitions)
    moves: np.ndarray | None  # (repetitions, n_pairs, 2, longest) when kept


def play_tournament(
    behaviours: Sequence[Behaviour],
    pairs: np.ndarray,
    *,
    rep_lengths: np.ndarray,
    continuation: float = 0.0,
    reveal_length: bool,
    payoffs: Sequence[float],
    noise: float,
    seed: int,
    discount: float = 0.0,
    keep_moves: bool = False,
    block_reps: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Totals:
    """Play every pair in ``pairs`` for ``len(rep_lengths)`` repetitions.

    Match lengths are data: ``rep_lengths[r]`` moves in repetition ``r``, or,
    with ``continuation`` w > 0, a geometric length (mean 1 / (1 - w)) drawn
    from each match's own stream. With ``discount`` w > 0 the scores are
    normalised discounted sums (see the kernel's ``play_match``).

    Repetitions are played in blocks (sized so each block is a few million
    turns); ``progress`` is called after each block with the number of
    repetitions it finished. ``block_reps`` forces a block size (results do
    not depend on it).
    """
    line = lineup(behaviours)
    module = line.module
    pairs = np.ascontiguousarray(pairs, dtype=np.int64)
    rep_lengths = np.ascontiguousarray(rep_lengths, dtype=np.int64)
    n_pairs = len(pairs)
    n_reps = len(rep_lengths)
    n = len(behaviours)
    mean_length = max(
        1.0, float(rep_lengths.mean()) if continuation <= 0 else 1 / (1 - continuation)
    )
    if block_reps is None:
        block_reps = int(TURNS_PER_BLOCK // max(1.0, n_pairs * mean_length))
    block_reps = max(1, min(n_reps, block_reps))

    slots = n_pairs * block_reps
    scores = np.zeros((slots, 2), dtype=np.float64)
    counts = np.zeros((slots, N_MATCH_FIELDS), dtype=np.int64)
    totals = Totals(
        pair_scores=np.zeros((n_pairs, 2)),
        pair_rate_shift=np.zeros((n_pairs, 2)),
        pair_rates=np.zeros((n_pairs, 2)),
        pair_rate_squares=np.zeros((n_pairs, 2)),
        pair_counts=np.zeros((n_pairs, N_PAIR_FIELDS), dtype=np.int64),
        strategy_rep_scores=np.zeros((n, n_reps)),
        strategy_rep_turns=np.zeros((n, n_reps), dtype=np.int64),
        moves=None,
    )
    if keep_moves:
        if continuation > 0:
            raise ValueError("keeping moves needs fixed match lengths")
        longest = int(rep_lengths.max())
        totals.moves = np.zeros((n_reps, n_pairs, 2, longest), dtype=np.uint8)
    no_moves = np.zeros((0, 2, 1), dtype=np.uint8)
    payoff_array = np.asarray(payoffs, dtype=np.float64)

    for start in range(0, n_reps, block_reps):
        count = min(block_reps, n_reps - start)
        if keep_moves:
            moves_out = totals.moves[start : start + count].reshape(count * n_pairs, 2, -1)
        else:
            moves_out = no_moves
        module.play_block(
            line.kinds,
            line.param_bounds,
            line.params,
            pairs,
            np.int64(start),
            np.int64(count),
            rep_lengths[start : start + count],
            float(continuation),
            bool(reveal_length),
            payoff_array,
            float(noise),
            float(discount),
            np.uint64(seed),
            bool(keep_moves),
            scores,
            counts,
            moves_out,
        )
        accumulate_block(
            pairs,
            np.int64(start),
            np.int64(count),
            scores,
            counts,
            totals.pair_scores,
            totals.pair_rate_shift,
            totals.pair_rates,
            totals.pair_rate_squares,
            totals.pair_counts,
            totals.strategy_rep_scores,
            totals.strategy_rep_turns,
            discount > 0.0,
        )
        if progress is not None:
            progress(count)
    return totals
