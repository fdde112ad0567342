"""The compiled loops of fixation runs: one mutant among residents, until one side is gone.

Private, like :mod:`._kernels`, whose steps they use: task t of a call is a
run of one pair, with its streams keyed by the master seed, the pair's
index and the run, so tasks can be computed in any order or place.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit, prange

from ipd.analysis.populations._kernels import (
    STREAM_DYNAMICS,
    STREAM_PLACEMENT,
    Dynamics,
    Schedule,
    mixed_fitness,
    mixed_step,
    pick_index,
    run_graph,
    run_stream,
)


class Outcomes(NamedTuple):
    """What fixation runs ended with, ``(pairs, runs)`` each: 1 the mutant fixed, 0 it died
    out, -1 the generations ran out first; and the generations taken."""

    fixed: np.ndarray
    time: np.ndarray


@njit(cache=True, inline="always")
def no_mutation(d):
    """``d`` without mutation, as constants the compiler folds into the loops (they run faster)."""
    return Dynamics(d.process, d.fitness_map, d.intensity, d.shift, 0.0, d.matrix, False)


@njit(cache=True)
def store_outcome(out, p, r, mutants, n, g):
    """Store how run ``r`` of pair ``p`` ended: ``mutants`` of ``n`` after ``g`` generations.

    A function of its own, as :func:`._kernels.store_run`.
    """
    out.fixed[p, r] = 1 if mutants == n else (0 if mutants == 0 else -1)
    out.time[p, r] = g


@njit(parallel=True, cache=True)
def pairwise_mixed(seed, tag, first_run, pair_index, pair_A, n, dynamics, generations, out):
    """Fixation runs of one mutant (strategy 0 of each 2 x 2 matrix) among n - 1 residents.

    Task ``t`` is run ``first_run + t % runs`` of pair ``t // runs`` (``runs``
    is ``out.fixed.shape[1]``); its stream is keyed by that pair's index in
    ``pair_index`` and the run; it ends in ``out`` (:class:`Outcomes`).
    Mutation is off whatever ``dynamics`` says.
    """
    dynamics = no_mutation(dynamics)
    n_pairs, runs = out.fixed.shape
    for t in prange(n_pairs * runs):
        p = t // runs
        r = t % runs
        rng = np.empty(1, np.uint64)
        run_stream(seed, tag, first_run + r, pair_index[p], STREAM_DYNAMICS, rng)
        counts = np.empty(2, np.int64)
        counts[0] = 1
        counts[1] = n - 1
        fitness = np.empty(2)
        weights = np.empty(2)
        A = pair_A[p]
        g = 0
        while g < generations and counts[0] > 0 and counts[1] > 0:
            mixed_fitness(counts, n, A, dynamics, fitness)
            mixed_step(counts, n, fitness, dynamics, rng, weights)
            g += 1
        store_outcome(out, p, r, counts[0], n, g)


@njit(parallel=True, cache=True)
def pairwise_graph(seed, tag, first_run, pair_index, pair_A, graphs, dynamics, generations, out):
    """Fixation runs on graphs: one mutant (strategy 0) at a uniform node among residents (1)."""
    dynamics = no_mutation(dynamics)
    n_pairs, runs = out.fixed.shape
    n = graphs.int_ptr.shape[0] - 1
    schedule = Schedule(generations, True, 0)
    no_gen = np.zeros(1, np.int64)
    no_counts = np.zeros((1, 2), np.int64)
    for t in prange(n_pairs * runs):
        p = t // runs
        r = t % runs
        rng = np.empty(1, np.uint64)
        types = np.ones(n, np.int64)
        run_stream(seed, tag, first_run + r, pair_index[p], STREAM_PLACEMENT, rng)
        types[pick_index(n, rng)] = 0
        run_stream(seed, tag, first_run + r, pair_index[p], STREAM_DYNAMICS, rng)
        rec_gen = no_gen.copy()
        rec_counts = no_counts.copy()
        g, _ = run_graph(
            types, 2, pair_A[p], graphs, dynamics, schedule, rng, rec_gen, rec_counts, 0, 1
        )
        mutants = 0
        for i in range(n):
            mutants += 1 - types[i]
        store_outcome(out, p, r, mutants, n, g)
