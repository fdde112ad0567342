"""Cycle detection for pairs of deterministic data strategies: which pairs, the switch, the kernel.

A pair of deterministic data strategies (memory-one with probabilities 0
and 1, finite-state machines, lookup tables and memory-n or Gambler tables
whose entries are 0 or 1, cyclers) without noise falls into a cycle: once
their joint state repeats, the rest of the match repeats, and
:mod:`ipd.engine._cycle_kernel` computes scores and counters from one
period. A long match of such a pair then costs O(cycle), not O(turns).
Results are bit-identical to playing every turn.

:func:`ipd.engine.play.play_cells` hands this module the deterministic
templates of a block (see :mod:`ipd.engine._plan`) whose two strategies
qualify and whose longest match has at least :attr:`Detection.min_turns`
turns; :func:`detection` switches it off or changes that threshold (for
benchmarks and tests).
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np

from ipd._version import __version__
from ipd.engine import _assemble
from ipd.engine.constants import CHUNK, lanes
from ipd.strategies.families.cycler import cycler_step
from ipd.strategies.families.fsm import fsm_step
from ipd.strategies.families.lookup_table import HEADER, table_step
from ipd.strategies.families.memory_one import memory_one_step

_SOURCE = Path(__file__).with_name("_cycle_kernel.py")
_PREFIX = "ipd_cycles_"
_KEEP = 3
"""Generated copies of the cycle kernel kept in the cache folder."""

SERIAL_WORK = 20_000
"""Below about this much work (see :meth:`Detector.work`) a block's cycle jobs are played in
the calling thread."""

NOT_A_FAMILY = -1
_FAMILIES = {memory_one_step: 0, fsm_step: 1, table_step: 2, cycler_step: 3}
"""Step function -> the kernel's family number (``MEMORY_ONE``, ``FSM``, ``TABLE``, ``CYCLER``)."""


@dataclass
class Detection:
    """Whether deterministic data pairs are played by cycle detection, and from which length.

    Below ``min_turns`` a match is as fast played as detected (and keeping
    short matches on the ordinary kernel keeps the common case unchanged).
    """

    enabled: bool = True
    min_turns: int = 1000


SETTINGS = Detection()


@contextlib.contextmanager
def detection(enabled: bool = True, min_turns: int | None = None) -> Iterator[Detection]:
    """Within the block, cycle detection is on or off (and starts at ``min_turns`` turns)."""
    saved = (SETTINGS.enabled, SETTINGS.min_turns)
    SETTINGS.enabled = enabled
    if min_turns is not None:
        SETTINGS.min_turns = int(min_turns)
    try:
        yield SETTINGS
    finally:
        SETTINGS.enabled, SETTINGS.min_turns = saved


# --------------------------------------------------------------------------- which pairs


def _draws_nothing(family: int, params: np.ndarray) -> np.ndarray:
    """By cell (rows of ``params``): whether the family's parameters are all certain (0 or 1)."""
    if family == 0:
        probabilities = params[:, :5]
    elif family == 2:
        probabilities = params[:, HEADER:]
    else:
        return np.ones(len(params), dtype=bool)
    return np.all((probabilities == 0.0) | (probabilities == 1.0), axis=1)


def families(lineup, params: np.ndarray, stochastic) -> np.ndarray:
    """Each entrant's family number in each cell (``params[c]``), or :data:`NOT_A_FAMILY`.

    An entrant qualifies when its step is one of the data families' own (not
    a transformer's), it is not declared stochastic, and its parameters in
    that cell draw nothing.
    """
    steps = lineup.module.STEP_FUNCTIONS
    n_cells, n_entrants = params.shape[0], len(lineup.kinds)
    out = np.full((n_cells, n_entrants), NOT_A_FAMILY, dtype=np.int64)
    for e in range(n_entrants):
        family = _FAMILIES.get(steps[lineup.kinds[e]], NOT_A_FAMILY)
        if family != NOT_A_FAMILY and not stochastic[e]:
            low, high = lineup.param_bounds[e]
            out[_draws_nothing(family, params[:, low:high]), e] = family
    return out


def exact_limit(payoffs) -> float:
    """The longest match whose running totals, added in floating point, are exact (0: none).

    With every payoff a multiple of 2**-e, partial sums of L payoffs are
    multiples of 2**-e of size at most L * max|payoff|; they are exactly
    representable while that is at most 2**53 * 2**-e.
    """
    p = np.asarray(payoffs, dtype=np.float64)
    if not np.all(np.isfinite(p)):
        return 0.0
    for e in range(64):
        scaled = np.ldexp(p, e)
        if np.all(scaled == np.round(scaled)):
            biggest = float(np.max(np.abs(scaled)))
            return float(2**62) if biggest == 0.0 else float(np.floor(2.0**53 / biggest))
    return 0.0


# --------------------------------------------------------------------------- the kernel

_module: ModuleType | None = None


def kernel() -> ModuleType:
    """The compiled cycle kernel, loaded (once per process) from its copy in the cache folder.

    The copy's name hashes the kernel's text with every file its compiled code
    depends on, so an edit to any of them compiles afresh instead of loading
    stale machine code.
    """
    global _module
    if _module is not None:
        return _module
    text = _SOURCE.read_text()
    digest = hashlib.sha256()
    import numba

    for part in (__version__, numba.__version__, text):
        digest.update(part.encode())
    engine = Path(__file__).parent
    depends = [engine / name for name in _assemble.HELPERS]
    depends += [Path(inspect.getsourcefile(step.py_func)) for step in _FAMILIES]
    for path in depends:
        digest.update(_assemble._source_digest(str(path)))
    path = _assemble.cache_dir() / f"{_PREFIX}{digest.hexdigest()[:20]}.py"
    _assemble.publish(path, text, _PREFIX, _KEEP)
    module = _assemble.load(path)
    if not _assemble.is_compiled(module, "play_chunk"):
        print("ipd: compiling the cycle detector (first run only)...", file=sys.stderr)
    _module = module
    return module


@dataclass(frozen=True)
class Detector:
    """What one run needs to hand its qualifying pairs to the cycle kernel.

    ``eligible[p]``: pairing p is a deterministic pair (``deterministic[p]``)
    of two qualifying data strategies; ``families[e]`` entrant e's family
    number (where it qualifies); ``limits[c]`` cell c's :func:`exact_limit`.
    """

    eligible: np.ndarray
    families: np.ndarray
    limits: np.ndarray

    @classmethod
    def of(cls, lineup, params, stochastic, pairs, pair_cell, cells, deterministic) -> Detector:
        n_pairs = len(pairs)
        short = not np.any(cells.continuation > 0) and cells.lengths.max() < SETTINGS.min_turns
        if short or not SETTINGS.enabled or not np.any(deterministic):
            return cls(np.zeros(n_pairs, dtype=bool), np.zeros(0, np.int64), np.zeros(0))
        table = families(lineup, params, stochastic)
        a = table[pair_cell, pairs[:, 0]]
        b = table[pair_cell, pairs[:, 1]]
        eligible = deterministic & (a != NOT_A_FAMILY) & (b != NOT_A_FAMILY)
        # A family does not change from cell to cell; an entrant that does not qualify in
        # some cell is never played here there (its pairs are not among the jobs).
        family = np.ascontiguousarray(table.max(axis=0), dtype=np.int64)
        games, which = np.unique(cells.payoffs, axis=0, return_inverse=True)
        limits = np.array([exact_limit(p) for p in games], dtype=np.float64)[which.reshape(-1)]
        return cls(eligible, family, limits)

    def cyclic(self, lengths: np.ndarray, count: int) -> np.ndarray | None:
        """The pairings of a block (slot lengths ``lengths``, ``count`` repetitions) to play
        here: eligible ones whose longest match has at least ``min_turns`` turns."""
        if not self.eligible.any():
            return None
        longest = lengths.reshape(count, len(self.eligible)).max(axis=0)
        return self.eligible & (longest >= SETTINGS.min_turns)

    def work(self, pair_cell, cells, jobs, snap_lengths) -> int:
        """About how many elementary steps ``jobs`` take: a snapshot row each, a guess at each
        cycle, and every move of a match whose scores are summed turn by turn."""
        pair, _, start = jobs
        longest = snap_lengths[start[1:] - 1]
        cell = pair_cell[pair]
        by_turn = (cells.discount[cell] > 0) | (longest > self.limits[cell])
        return int(start[-1] - start[0]) + 100 * len(pair) + int(longest[by_turn].sum())

    def play(self, lineup, params, pairs, pair_cell, cells, jobs, outputs) -> np.ndarray:
        """Play ``jobs`` (templates of eligible pairings) by cycle detection.

        ``outputs`` is ``(snap_lengths, keep_moves, scores, counts, moves)`` as
        for the template's ``play_block`` (``moves`` holding just these jobs'
        rows). Returns the turns each job played before its period was found.
        """
        snap_lengths, keep_moves, scores, counts, moves = outputs
        args = (cells.seed, cells.discount, cells.payoffs, cells.reveal_length, self.limits)
        n_jobs = len(jobs[0])
        played = np.zeros(n_jobs, dtype=np.int64)
        module = kernel()
        line = (self.families, lineup.param_bounds, params, pairs, pair_cell)
        out = (scores, counts, moves, played)
        if n_jobs <= CHUNK or self.work(pair_cell, cells, jobs, snap_lengths) < SERIAL_WORK:
            # One chunk, or little work: a parallel launch would cost more (on a busy
            # machine, milliseconds) than it saves.
            module.play_chunk(0, n_jobs, line, args, jobs, snap_lengths, bool(keep_moves), out)
        else:
            module.play_block(line, args, jobs, snap_lengths, bool(keep_moves), out, lanes())
        return played
