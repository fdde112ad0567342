"""The compiled loops of fixation runs: one mutant among residents, until one side is gone.

Private, like :mod:`._kernels`, whose steps they use: task t of a call is a
run of one pair, with its streams keyed by the master seed, the pair's
index and the run, so tasks can be computed in any order or place.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ipd.analysis.populations._kernels import (
    STREAM_DYNAMICS,
    STREAM_PLACEMENT,
    mixed_fitness,
    mixed_step,
    pick_index,
    run_graph,
    run_stream,
)


@njit(parallel=True, cache=True)
def pairwise_mixed(
    seed,
    tag,
    first_run,
    pair_index,
    pair_A,
    n,
    process,
    fitness_map,
    intensity,
    shift,
    generations,
    fixed_out,
    time_out,
):
    """Fixation runs of one mutant (strategy 0 of each 2 x 2 matrix) among n - 1 residents.

    Task ``t`` is run ``first_run + t % runs`` of pair ``t // runs`` (``runs``
    is ``fixed_out.shape[1]``); its stream is keyed by that pair's index in
    ``pair_index`` and the run. ``fixed_out`` gets 1 when the mutant fixed,
    0 when it died out, -1 when ``generations`` ran out first; ``time_out``
    the generations taken.
    """
    n_pairs, runs = fixed_out.shape
    matrix = np.zeros((1, 1))
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
            mixed_fitness(counts, n, A, fitness_map, intensity, shift, fitness)
            mixed_step(counts, n, fitness, process, 0.0, matrix, False, rng, weights)
            g += 1
        fixed_out[p, r] = 1 if counts[1] == 0 else (0 if counts[0] == 0 else -1)
        time_out[p, r] = g


@njit(parallel=True, cache=True)
def pairwise_graph(
    seed,
    tag,
    first_run,
    pair_index,
    pair_A,
    int_ptr,
    int_idx,
    out_ptr,
    out_idx,
    in_ptr,
    in_idx,
    process,
    fitness_map,
    intensity,
    shift,
    generations,
    fixed_out,
    time_out,
):
    """Fixation runs on graphs: one mutant (strategy 0) at a uniform node among residents (1)."""
    n_pairs, runs = fixed_out.shape
    n = int_ptr.shape[0] - 1
    matrix = np.zeros((1, 1))
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
            types,
            2,
            pair_A[p],
            int_ptr,
            int_idx,
            out_ptr,
            out_idx,
            in_ptr,
            in_idx,
            process,
            fitness_map,
            intensity,
            shift,
            0.0,
            matrix,
            False,
            0,
            generations,
            True,
            0,
            rng,
            rec_gen,
            rec_counts,
            1,
        )
        mutants = 0
        for i in range(n):
            mutants += 1 - types[i]
        fixed_out[p, r] = 1 if mutants == n else (0 if mutants == 0 else -1)
        time_out[p, r] = g
