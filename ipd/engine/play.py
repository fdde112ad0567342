"""Playing many matches: cells of settings, blocks of repetitions, deterministic pairs once.

One call plays every pairing of one or more *cells* (an ordinary tournament
is one cell; a sweep batches many) for a number of repetitions, in blocks of
a few million turns. Within a block, pairs of deterministic strategies without
noise or misperception are played once (a template with a snapshot at each length their
matches have) and their slots filled from it; every other pairing is played
match by match. Results are bit-identical to playing every match.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from ipd.engine import _plan, cycles
from ipd.engine._accumulate import accumulate_block, flush
from ipd.engine._match_parts import slot_lengths
from ipd.engine.constants import REP_CHUNK, TURNS_PER_BLOCK, lanes
from ipd.engine.layout import N_MATCH_FIELDS, N_PAIR_FIELDS
from ipd.strategies.registry import Behaviour


@dataclass(frozen=True)
class Rules:
    """The rules of one cell, as the engine's one-cell calls (:mod:`ipd.engine.api`) take
    them by keyword: whether the match length is revealed, the payoffs (R, S, T, P), the
    noise, the seed, the discount and the misperception."""

    reveal_length: bool
    payoffs: Sequence[float]
    noise: float
    seed: int
    discount: float = 0.0
    misperception: float = 0.0

    @classmethod
    def split(cls, options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The keywords among ``options`` that are rules, and the others."""
        names = {f.name for f in fields(cls)}
        rules = {k: v for k, v in options.items() if k in names}
        return rules, {k: v for k, v in options.items() if k not in names}


@dataclass(frozen=True)
class Cells:
    """The settings of each cell of one call, as arrays (one entry per cell).

    ``lengths[c, r]`` is cell c's fixed match length in repetition r (ignored
    where ``continuation[c] > 0``); ``misperception[c]`` the probability that
    a player sees one of the other's moves wrongly (``None``: 0 in every cell).
    """

    seed: np.ndarray
    continuation: np.ndarray
    noise: np.ndarray
    discount: np.ndarray
    payoffs: np.ndarray
    lengths: np.ndarray
    reveal_length: bool = False
    misperception: np.ndarray | None = None

    def __post_init__(self) -> None:
        values = self.misperception
        values = np.zeros(len(self.seed)) if values is None else values
        object.__setattr__(self, "misperception", np.asarray(values, dtype=np.float64))

    @classmethod
    def one(cls, *, rep_lengths, continuation: float, **rules: Any) -> Cells:
        """The cells of an ordinary tournament: just one, with these lengths and ``rules``
        (the keywords of :class:`Rules`)."""
        rules = Rules(**rules)
        return cls(
            seed=np.array([rules.seed], dtype=np.uint64),
            continuation=np.array([continuation], dtype=np.float64),
            noise=np.array([rules.noise], dtype=np.float64),
            discount=np.array([rules.discount], dtype=np.float64),
            payoffs=np.asarray(rules.payoffs, dtype=np.float64).reshape(1, 4),
            lengths=np.asarray(rep_lengths, dtype=np.int64).reshape(1, -1),
            reveal_length=bool(rules.reveal_length),
            misperception=np.array([rules.misperception], dtype=np.float64),
        )

    @property
    def n(self) -> int:
        return len(self.seed)

    @property
    def repetitions(self) -> int:
        return self.lengths.shape[1]

    def kernel_args(self) -> tuple:
        return (
            self.seed,
            self.noise,
            self.misperception,
            self.discount,
            self.payoffs,
            self.reveal_length,
        )


@dataclass
class Totals:
    """What a run accumulates: O(pairs + strategies x repetitions) numbers.

    Pairs are the pairings of every cell, cell by cell; per-strategy rows are
    ``cell * n_entrants + entrant``.
    """

    pair_scores: np.ndarray  # (n_pairs, 2) total score of each side
    pair_rate_shift: np.ndarray  # (n_pairs, 2) score per turn in repetition 0
    pair_rates: np.ndarray  # (n_pairs, 2) sum over matches of score per turn, minus the shift
    pair_rate_squares: np.ndarray  # (n_pairs, 2) sum of squares of the same
    pair_counts: np.ndarray  # (n_pairs, N_PAIR_FIELDS)
    strategy_rep_scores: np.ndarray  # (n_strategies, repetitions)
    strategy_rep_turns: np.ndarray  # (n_strategies, repetitions)
    moves: np.ndarray | None  # (repetitions, n_pairs, 2, longest) when kept

    @classmethod
    def zeros(cls, n_pairs: int, n_rows: int, n_reps: int) -> Totals:
        return cls(
            pair_scores=np.zeros((n_pairs, 2)),
            pair_rate_shift=np.zeros((n_pairs, 2)),
            pair_rates=np.zeros((n_pairs, 2)),
            pair_rate_squares=np.zeros((n_pairs, 2)),
            pair_counts=np.zeros((n_pairs, N_PAIR_FIELDS), dtype=np.int64),
            strategy_rep_scores=np.zeros((n_rows, n_reps)),
            strategy_rep_turns=np.zeros((n_rows, n_reps), dtype=np.int64),
            moves=None,
        )

    def kernel_args(self) -> tuple:
        return (
            self.pair_scores,
            self.pair_rate_shift,
            self.pair_rates,
            self.pair_rate_squares,
            self.pair_counts,
            self.strategy_rep_scores,
            self.strategy_rep_turns,
        )


def play_cells(
    lineup,
    params: np.ndarray,
    stochastic: Sequence[bool],
    pairs: np.ndarray,
    pair_cell: np.ndarray,
    cells: Cells,
    *,
    keep_moves: bool = False,
    block_reps: int | None = None,
    progress: Callable[[int], None] | None = None,
    replay: bool = False,
    reps: tuple[int, int] | None = None,
    counters: bool = True,
) -> Totals:
    """Play every pairing for ``cells.repetitions`` repetitions; the totals, folded in order.

    ``lineup`` gives the kernel module, kinds and parameter bounds (see
    :func:`ipd.engine.api.lineup`; with misperception in any cell, its
    misperceiving variant); ``params[c]`` is cell c's parameter
    vector; ``stochastic[e]`` whether entrant e draws random numbers.
    ``pairs`` holds each pairing's two entrants (within its cell) and
    ``pair_cell`` its cell. ``progress`` is called after each block with the
    number of repetitions it finished; ``block_reps`` forces a block size
    (results do not depend on it); ``replay`` plays every match, deterministic
    pairs too (the results are the same; tests compare).

    ``reps = (start, stop)`` plays only those repetitions (``start`` a multiple
    of :data:`~ipd.engine.constants.REP_CHUNK`, ``stop`` one too, or the end):
    the per-strategy totals then hold just those columns, and the pair totals
    just their sums, which added to the other ranges' in order give exactly
    the totals of one run (how a tournament is spread over machines).
    Repetition 0 is played too when it is not in the range, for the shift of
    the per-turn rates.

    ``counters=False`` computes the scores and the turns played alone: the
    other counters of the pairings played by the kernel are then meaningless
    (a population's fitness needs only the scores; a quarter of the work).
    """
    module = lineup.module
    if cells.misperception.any() and not module.MISPERCEIVE:
        raise ValueError("misperception needs a kernel compiled for it (lineup(misperceive=True))")
    pairs = np.ascontiguousarray(pairs, dtype=np.int64)
    pair_cell = np.ascontiguousarray(pair_cell, dtype=np.int64)
    first, stop = reps if reps is not None else (0, cells.repetitions)
    if first % REP_CHUNK or not first < stop <= cells.repetitions:
        raise ValueError(f"repetitions {first}..{stop} do not start a chunk of {REP_CHUNK}")
    n_pairs, n_reps, n_entrants = len(pairs), stop - first, len(stochastic)
    random = np.asarray(stochastic, dtype=bool)
    exact_play = (cells.noise[pair_cell] == 0.0) & (cells.misperception[pair_cell] == 0.0)
    deterministic = exact_play & ~random[pairs[:, 0]] & ~random[pairs[:, 1]]
    if replay:
        deterministic[:] = False
    detector = cycles.Detector.of(
        lineup, params, stochastic, pairs, pair_cell, cells, deterministic
    )
    if block_reps is None:
        block_reps = _block_size(cells, pair_cell, ~deterministic, n_pairs)
    block_reps = max(1, min(n_reps, block_reps))
    totals = Totals.zeros(n_pairs, cells.n * n_entrants, n_reps)
    if first > 0:
        shift = play_cells(
            lineup, params, stochastic, pairs, pair_cell, cells, replay=replay, reps=(0, 1)
        ).pair_rate_shift
        totals.pair_rate_shift[:] = shift
    partial = (np.zeros((n_pairs, 2)), np.zeros((n_pairs, 2)), np.zeros((n_pairs, 2)))
    if keep_moves:
        if np.any(cells.continuation > 0):
            raise ValueError("keeping moves needs fixed match lengths")
        totals.moves = np.zeros((n_reps, n_pairs, 2, int(cells.lengths.max())), dtype=np.uint8)
    scores_are_rates = cells.discount > 0.0
    for start in range(first, stop, block_reps):
        count = min(block_reps, stop - start)
        lengths = slot_lengths(
            pairs,
            pair_cell,
            cells.seed,
            cells.continuation,
            np.int64(start),
            np.int64(count),
            np.ascontiguousarray(cells.lengths[:, start : start + count]),
        )
        cyclic = detector.cyclic(lengths, count)
        block = _Block.of(lengths, deterministic, start, count, cells.reveal_length, cyclic)
        scores = np.zeros((block.n_rows, 2))
        counts = np.zeros((block.n_rows, N_MATCH_FIELDS), dtype=np.int64)
        longest = int(block.snap_lengths.max())
        moves = np.zeros((block.n_jobs if keep_moves else 0, 2, longest), dtype=np.uint8)
        plain = block.n_plain
        if plain > 0:
            module.play_block(
                lineup.kinds,
                lineup.param_bounds,
                params,
                pairs,
                pair_cell,
                cells.kernel_args(),
                block.head(plain),
                block.snap_lengths,
                bool(keep_moves),
                bool(counters),
                scores,
                counts,
                moves,
                lanes(),
            )
        if plain < block.n_jobs:
            outputs = (block.snap_lengths, keep_moves, scores, counts, moves[plain:])
            detector.play(lineup, params, pairs, pair_cell, cells, block.tail(plain), outputs)
        accumulate_block(
            pairs,
            pair_cell,
            np.int64(n_entrants),
            (np.int64(start), np.int64(count), np.int64(first)),
            (scores, counts, block.slot_rows, scores_are_rates),
            totals.kernel_args(),
            partial,
        )
        if keep_moves:
            block.copy_moves(moves, lengths, totals.moves[start - first : start - first + count])
        if progress is not None:
            progress(count)
    flush(partial, totals.kernel_args())
    return totals


@dataclass(frozen=True)
class _Block:
    """A block's jobs: each stochastic slot played alone, each deterministic pair once.

    Rows of the outputs: one per stochastic slot, then the templates' snapshots;
    ``slot_rows[s]`` is slot s's row, ``slot_jobs[s]`` the job that played it.
    The templates of ``cyclic`` pairings come last, from job ``n_plain`` on:
    :mod:`ipd.engine.cycles` plays them.
    """

    jobs: tuple[np.ndarray, np.ndarray, np.ndarray]
    snap_lengths: np.ndarray
    slot_rows: np.ndarray
    slot_jobs: np.ndarray
    n_plain: int

    @property
    def n_jobs(self) -> int:
        return len(self.jobs[0])

    def head(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The first ``n`` jobs (their rows are where the whole block has them)."""
        pair, rep, start = self.jobs
        return pair[:n], rep[:n], start[: n + 1]

    def tail(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The jobs from ``n`` on."""
        pair, rep, start = self.jobs
        return pair[n:], rep[n:], start[n:]

    @property
    def n_rows(self) -> int:
        return len(self.snap_lengths)

    @classmethod
    def of(
        cls, lengths, deterministic, start: int, count: int, per_length: bool, cyclic=None
    ) -> _Block:
        n_pairs = len(deterministic)
        slot_pair = np.tile(np.arange(n_pairs), count)
        alone = np.flatnonzero(~deterministic[slot_pair])
        slot_rows = np.empty(n_pairs * count, dtype=np.int64)
        slot_jobs = np.empty(n_pairs * count, dtype=np.int64)
        slot_rows[alone] = np.arange(len(alone))
        slot_jobs[alone] = np.arange(len(alone))
        job_pair = [slot_pair[alone]]
        job_rep = [start + alone // n_pairs]
        job_sizes = [np.ones(len(alone), dtype=np.int64)]
        snap_lengths = [lengths[alone]]
        if cyclic is None:
            cyclic = np.zeros(n_pairs, dtype=bool)
        rows, played = len(alone), len(alone)
        n_plain = 0
        for detected in (False, True):
            chosen = deterministic & (cyclic if detected else ~cyclic)
            if detected:
                n_plain = played
            if chosen.any():
                plan = _plan.plan(lengths, chosen, count, per_length)
                slot_rows[plan.slots] = rows + plan.rows
                slot_jobs[plan.slots] = played + plan.row_template[plan.rows]
                job_pair.append(plan.template_pair)
                job_rep.append(np.zeros(len(plan.template_pair), dtype=np.int64))
                job_sizes.append(np.diff(plan.snap_starts))
                snap_lengths.append(plan.snap_lengths)
                rows += len(plan.snap_lengths)
                played += len(plan.template_pair)
        job_start = np.concatenate([[0], np.cumsum(np.concatenate(job_sizes))])
        jobs = (
            np.ascontiguousarray(np.concatenate(job_pair), dtype=np.int64),
            np.ascontiguousarray(np.concatenate(job_rep), dtype=np.int64),
            np.ascontiguousarray(job_start, dtype=np.int64),
        )
        lengths_out = np.ascontiguousarray(np.concatenate(snap_lengths), dtype=np.int64)
        return cls(jobs, lengths_out, slot_rows, slot_jobs, n_plain)

    def copy_moves(self, moves, lengths, out) -> None:
        """Each slot's moves (its job's, cut to its length) into ``out`` (reps x pairs x 2 x L)."""
        flat = out.reshape(len(lengths), 2, -1)
        for slot, job in enumerate(self.slot_jobs):
            n = lengths[slot]
            flat[slot, :, :n] = moves[job, :, :n]


def _block_size(cells: Cells, pair_cell, played, n_pairs: int) -> int:
    """Repetitions per block: a few million turns of the matches actually played."""
    fixed = cells.lengths.mean(axis=1)
    geometric = 1.0 / (1.0 - np.minimum(cells.continuation, 1 - 1e-9))
    mean_length = np.where(cells.continuation > 0, geometric, fixed)
    turns_per_rep = float(mean_length[pair_cell[played]].sum()) + 0.01 * n_pairs
    return int(TURNS_PER_BLOCK // max(1.0, turns_per_rep))


def footprint(n_rows: int, n_pairs: int, n_reps: int, longest: int, keep_moves: bool) -> int:
    """Bytes a run needs at its peak, about: the totals, one block's outputs, move buffers.

    ``n_rows`` strategies (per cell), ``n_pairs`` pairings, ``longest`` the
    longest match. Per-strategy totals grow with repetitions; the block's
    outputs are sized for a few million turns; every thread keeps two move
    records of the longest match; kept moves take two bytes a move.
    """
    import numba

    totals = 16 * n_rows * n_reps + 8 * n_pairs * (8 + N_PAIR_FIELDS + 6)
    block_rows = max(n_pairs, min(n_pairs * n_reps, TURNS_PER_BLOCK))
    block = block_rows * 8 * (2 + N_MATCH_FIELDS + 6)
    buffers = 2 * longest * max(1, numba.config.NUMBA_NUM_THREADS) * 2
    moves = 2 * n_reps * n_pairs * longest if keep_moves else 0
    return int(totals + block + buffers + moves)


def available_memory() -> int | None:
    """Bytes of memory available now (Linux's MemAvailable), or ``None`` if unknown."""
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import os

        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def behaviour_params(behaviours: Sequence[Behaviour]) -> np.ndarray:
    """One cell's parameter vector: every behaviour's parameters, end to end (never empty)."""
    chunks = [np.asarray(b.params, dtype=np.float64) for b in behaviours]
    return np.concatenate([*chunks, np.zeros(1)])
