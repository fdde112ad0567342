"""The compiled loops of the population models, on plain arrays.

Private: the public functions of :mod:`ipd.analysis.populations` check their
input and allocate; these only loop. Every draw comes from a SplitMix64
stream (:mod:`ipd.engine.random`) derived from the master seed and the
run's index, never from numba's global generator, so a run gives the same
numbers whatever the threads or the chunking of runs.

Draw order (the plain-Python twins in ``tests/reference/populations.py``
follow it draw for draw):

* birth–death: the parent (by fitness), then the individual replaced (a
  uniform out-neighbour of the parent in the reproduction graph; in a
  well-mixed population a uniform *other* individual), then the mutation;
* death–birth: the individual that dies (uniform), then the parent (by
  fitness among its in-neighbours; well-mixed: among the others), then the
  mutation;
* mutation: one Bernoulli draw (none when the rate is 0 or 1), then, for a
  mutant, one draw for its strategy (uniform over the others, or by the
  parent's row of the mutation matrix).

A choice by weights draws ``u`` uniform on [0, 1) and takes the first item
whose running sum of weights exceeds ``u`` times the total; a uniform
choice among ``m`` items takes item ``floor(u m)``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit, prange

from ipd.engine.random import match_key, stream_seed, uniform

BIRTH_DEATH = 0
DEATH_BIRTH = 1
LINEAR = 0
EXPONENTIAL = 1

STREAM_DYNAMICS = 1
"""Stream of a run's births, deaths and mutations."""
STREAM_PLACEMENT = 2
"""Stream of a run's initial placement on a graph."""


class Dynamics(NamedTuple):
    """How a population changes, handed whole to the compiled loops."""

    process: int  # BIRTH_DEATH or DEATH_BIRTH
    fitness_map: int  # LINEAR or EXPONENTIAL
    intensity: float
    shift: float  # the payoff at which exponential fitness is 1
    rate: float  # mutation probability of each offspring
    matrix: np.ndarray  # mutation probabilities, a row by parent (used with use_matrix)
    use_matrix: bool


class Schedule(NamedTuple):
    """How long a run lasts and which generations it records (see :func:`run_mixed`)."""

    generations: int
    stop_on_fixation: bool
    record_every: int


class Graphs(NamedTuple):
    """CSR arrays (pointers, indices): the interaction graph, then the reproduction graph's
    out-neighbours and in-neighbours."""

    int_ptr: np.ndarray
    int_idx: np.ndarray
    out_ptr: np.ndarray
    out_idx: np.ndarray
    in_ptr: np.ndarray
    in_idx: np.ndarray


class Records(NamedTuple):
    """What many runs produce, a slot (leading axis) per run."""

    generation: np.ndarray  # (runs, rows): the generations recorded
    counts: np.ndarray  # (runs, rows, k): the counts at each
    generations: np.ndarray  # (runs,): the generation reached
    written: np.ndarray  # (runs,): records written
    final: np.ndarray  # (runs, k) final counts, or (runs, n) strategy by node on graphs


# --------------------------------------------------------------------------- draws


@njit(cache=True)
def run_stream(seed, tag, run, index, stream, rng):
    """Point ``rng`` at stream ``stream`` of run ``run`` of job ``tag`` (``index``: a sub-job)."""
    rng[0] = stream_seed(match_key(seed, tag, run, index), stream)


@njit(cache=True)
def generation_key(seed, tag, batch, generation):
    """The engine seed of one generation's matches of a batch of runs (as a signed word)."""
    key = match_key(seed, tag, batch, generation)
    return np.int64(key & np.uint64(0x7FFFFFFFFFFFFFFF))


@njit(cache=True)
def pick_index(m, rng):
    """A uniform index in 0 .. m - 1."""
    j = np.int64(uniform(rng) * m)
    return min(j, m - 1)


@njit(cache=True)
def pick_weighted(weights, rng):
    """An index drawn with probability proportional to ``weights`` (uniform if they sum to 0)."""
    total = 0.0
    for x in weights:
        total += x
    n = weights.shape[0]
    if not total > 0.0:
        return pick_index(n, rng)
    target = uniform(rng) * total
    running = 0.0
    last = 0
    for i in range(n):
        if weights[i] > 0.0:
            running += weights[i]
            last = i
            if target < running:
                return i
    return last  # rounding: target within an ulp of the total


@njit(cache=True, inline="always")
def fitness_of(payoff, dynamics):
    """Fitness from a payoff: ``1 - s + s payoff`` (linear) or ``exp(s (payoff - shift))``."""
    s = dynamics.intensity
    if dynamics.fitness_map == LINEAR:
        return 1.0 - s + s * payoff
    return np.exp(s * (payoff - dynamics.shift))


@njit(cache=True, inline="always")
def mutate(parent, k, dynamics, rng):
    """The offspring's strategy: the parent's, or with probability ``rate`` another one."""
    rate = dynamics.rate
    if rate <= 0.0:
        return parent
    if rate < 1.0 and not uniform(rng) < rate:
        return parent
    if dynamics.use_matrix:
        return pick_weighted(dynamics.matrix[parent], rng)
    j = pick_index(k - 1, rng)
    return j if j < parent else j + 1


@njit(cache=True, inline="always")
def record(g, counts, rec_gen, rec_counts, written):
    """Write generation ``g`` and ``counts`` as record ``written`` if there is room; returns the
    records written."""
    if written < rec_gen.shape[0]:
        rec_gen[written] = g
        rec_counts[written] = counts
        written += 1
    return written


# --------------------------------------------------------------------------- well mixed


@njit(cache=True, inline="always")
def mixed_fitness(counts, n, A, dynamics, out):
    """Fitness of each strategy in a well-mixed population: the mean payoff against the others."""
    k = counts.shape[0]
    for a in range(k):
        total = 0.0
        for b in range(k):
            total += counts[b] * A[a, b]
        out[a] = fitness_of((total - A[a, a]) / (n - 1), dynamics)


@njit(cache=True, inline="always")
def mixed_step(counts, n, fitness, dynamics, rng, weights):
    """One birth–death or death–birth event on counts; returns (died, born) strategies."""
    k = counts.shape[0]
    if dynamics.process == BIRTH_DEATH:
        for a in range(k):
            weights[a] = counts[a] * fitness[a]
        parent = pick_weighted(weights, rng)
        for a in range(k):
            weights[a] = counts[a] - (1 if a == parent else 0)
        dead = pick_count(weights, n - 1, rng)
    else:
        for a in range(k):
            weights[a] = counts[a]
        dead = pick_count(weights, n, rng)
        for a in range(k):
            weights[a] = (counts[a] - (1 if a == dead else 0)) * fitness[a]
        parent = pick_weighted(weights, rng)
    child = mutate(parent, k, dynamics, rng)
    counts[dead] -= 1
    counts[child] += 1
    return dead, child


@njit(cache=True)
def pick_count(weights, m, rng):
    """An individual drawn uniformly among ``m``, grouped by strategy: returns its strategy."""
    j = pick_index(m, rng)
    running = 0
    for a in range(weights.shape[0]):
        running += np.int64(weights[a])
        if j < running:
            return a
    return weights.shape[0] - 1  # pragma: no cover - counts sum to m


@njit(cache=True)
def run_mixed(counts, n, A, dynamics, schedule, rng, rec_gen, rec_counts):
    """Run a well-mixed process from ``counts`` (updated in place).

    Records generation 0, every ``record_every``-th generation and the last
    (``record_every`` 0: the first and last only) into ``rec_gen`` and
    ``rec_counts``. Returns (generations run, records written).
    """
    k = counts.shape[0]
    fitness = np.empty(k)
    weights = np.empty(k)
    written = record(0, counts, rec_gen, rec_counts, 0)
    every = schedule.record_every
    g = 0
    while g < schedule.generations:
        if schedule.stop_on_fixation and fixed_type(counts, n) >= 0:
            break
        mixed_fitness(counts, n, A, dynamics, fitness)
        mixed_step(counts, n, fitness, dynamics, rng, weights)
        g += 1
        if every > 0 and g % every == 0:
            written = record(g, counts, rec_gen, rec_counts, written)
    if rec_gen[written - 1] != g:
        written = record(g, counts, rec_gen, rec_counts, written)
    return g, written


@njit(cache=True)
def fixed_type(counts, n):
    """The strategy the whole population plays, or -1."""
    for a in range(counts.shape[0]):
        if counts[a] == n:
            return a
    return -1


@njit(parallel=True, cache=True)
def many_mixed(seed, tag, first_run, start_counts, n, A, dynamics, schedule, out):
    """Runs ``first_run ..`` of a well-mixed process, one per slot of ``out``, in parallel."""
    for r in prange(out.final.shape[0]):
        rng = np.empty(1, np.uint64)
        run_stream(seed, tag, first_run + r, 0, STREAM_DYNAMICS, rng)
        counts = start_counts.copy()
        ends = run_mixed(counts, n, A, dynamics, schedule, rng, out.generation[r], out.counts[r])
        store_run(out, r, ends, counts)


@njit(cache=True)
def store_run(out, r, ends, final):
    """Store run ``r``'s (generations, records written) and final state in ``out``.

    A function of its own: numba's parallel loops (0.68) drop array stores
    made in the loop's body through a tuple's field, not those in a call.
    """
    out.generations[r] = ends[0]
    out.written[r] = ends[1]
    out.final[r] = final


# --------------------------------------------------------------------------- on graphs


@njit(cache=True)
def node_payoff(i, types, indptr, indices, A):
    """Mean payoff of node i against its interaction neighbours (in the graph's order)."""
    total = 0.0
    start = indptr[i]
    stop = indptr[i + 1]
    ti = types[i]
    for s in range(start, stop):
        total += A[ti, types[indices[s]]]
    return total / (stop - start)


@njit(cache=True)
def slot_payoff(i, indptr, slot_scores):
    """Mean of node i's scores in its own slots (its matches, in the graph's order)."""
    total = 0.0
    start = indptr[i]
    stop = indptr[i + 1]
    for s in range(start, stop):
        total += slot_scores[s]
    return total / (stop - start)


@njit(cache=True)
def bd_choose(fitness, out_ptr, out_idx, rng):
    """Birth–death on a graph: the parent (by fitness), then the out-neighbour it replaces."""
    parent = pick_weighted(fitness, rng)
    start = out_ptr[parent]
    return parent, out_idx[start + pick_index(out_ptr[parent + 1] - start, rng)]


@njit(cache=True)
def db_parent(dead, fitness, in_ptr, in_idx, rng, weights):
    """Death–birth on a graph: the in-neighbour of ``dead`` (by fitness) that fills its place."""
    start = in_ptr[dead]
    m = in_ptr[dead + 1] - start
    for s in range(m):
        weights[s] = fitness[in_idx[start + s]]
    return in_idx[start + pick_weighted(weights[:m], rng)]


@njit(cache=True, inline="always")
def graph_step(types, fitness, graphs, k, dynamics, rng, weights):
    """One event on a graph; returns (node replaced, its new strategy).

    ``weights`` is scratch of at least the largest in-degree.
    """
    if dynamics.process == BIRTH_DEATH:
        parent, dead = bd_choose(fitness, graphs.out_ptr, graphs.out_idx, rng)
    else:
        dead = pick_index(types.shape[0], rng)
        parent = db_parent(dead, fitness, graphs.in_ptr, graphs.in_idx, rng, weights)
    child = mutate(types[parent], k, dynamics, rng)
    return dead, child


@njit(cache=True)
def place_shuffled(types, rng):
    """Shuffle the initial strategies over the nodes (Fisher–Yates, last node first)."""
    for i in range(types.shape[0] - 1, 0, -1):
        j = pick_index(i + 1, rng)
        types[i], types[j] = types[j], types[i]


@njit(cache=True, inline="always")
def refresh(i, types, graphs, A, dynamics, payoff, fitness):
    """Recompute node i's payoff and fitness from its interaction neighbours."""
    payoff[i] = node_payoff(i, types, graphs.int_ptr, graphs.int_idx, A)
    fitness[i] = fitness_of(payoff[i], dynamics)


@njit(cache=True)
def run_graph(types, k, A, graphs, dynamics, schedule, rng, rec_gen, rec_counts, g, written):
    """Run a process on graphs from ``types`` (updated in place), from generation ``g``.

    Payoffs are kept per node and recomputed (from scratch, so exactly as a
    full recomputation would give them) for the replaced node and its
    interaction neighbours. Records as :func:`run_mixed`, appending after
    ``written`` records. Returns (generation reached, records written).
    """
    n = types.shape[0]
    int_ptr, int_idx, _, _, in_ptr, _ = graphs
    counts = np.zeros(k, np.int64)
    for i in range(n):
        counts[types[i]] += 1
    payoff = np.empty(n)
    fitness = np.empty(n)
    for i in range(n):
        refresh(i, types, graphs, A, dynamics, payoff, fitness)
    largest = 1
    for i in range(n):
        largest = max(largest, in_ptr[i + 1] - in_ptr[i])
    weights = np.empty(largest)
    if written == 0:
        written = record(g, counts, rec_gen, rec_counts, 0)
    every = schedule.record_every
    while g < schedule.generations:
        if schedule.stop_on_fixation and fixed_type(counts, n) >= 0:
            break
        dead, child = graph_step(types, fitness, graphs, k, dynamics, rng, weights)
        g += 1
        if types[dead] != child:
            counts[types[dead]] -= 1
            counts[child] += 1
            types[dead] = child
            refresh(dead, types, graphs, A, dynamics, payoff, fitness)
            for s in range(int_ptr[dead], int_ptr[dead + 1]):
                refresh(int_idx[s], types, graphs, A, dynamics, payoff, fitness)
        if every > 0 and g % every == 0:
            written = record(g, counts, rec_gen, rec_counts, written)
    if rec_gen[written - 1] != g:
        written = record(g, counts, rec_gen, rec_counts, written)
    return g, written


@njit(parallel=True, cache=True)
def many_graph(seed, tag, first_run, start_types, shuffle, k, A, graphs, dynamics, schedule, out):
    """Runs ``first_run ..`` of a process on graphs, in parallel (see :func:`many_mixed`)."""
    for r in prange(out.final.shape[0]):
        rng = np.empty(1, np.uint64)
        types = start_types.copy()
        if shuffle:
            run_stream(seed, tag, first_run + r, 0, STREAM_PLACEMENT, rng)
            place_shuffled(types, rng)
        run_stream(seed, tag, first_run + r, 0, STREAM_DYNAMICS, rng)
        ends = run_graph(
            types, k, A, graphs, dynamics, schedule, rng, out.generation[r], out.counts[r], 0, 0
        )
        store_run(out, r, ends, types)


@njit(cache=True)
def slot_fitness(nodes, indptr, slot_scores, dynamics, payoff, fitness):
    """Payoff and fitness of ``nodes`` from their matches' scores (matches played by the engine)."""
    for i in nodes:
        payoff[i] = slot_payoff(i, indptr, slot_scores)
        fitness[i] = fitness_of(payoff[i], dynamics)
