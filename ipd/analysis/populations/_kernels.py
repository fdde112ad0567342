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


@njit(cache=True)
def fitness_of(payoff, fitness_map, intensity, shift):
    """Fitness from a payoff: ``1 - s + s payoff`` (linear) or ``exp(s (payoff - shift))``."""
    if fitness_map == LINEAR:
        return 1.0 - intensity + intensity * payoff
    return np.exp(intensity * (payoff - shift))


@njit(cache=True)
def mutate(parent, k, rate, matrix, use_matrix, rng):
    """The offspring's strategy: the parent's, or with probability ``rate`` another one."""
    if rate <= 0.0:
        return parent
    if rate < 1.0 and not uniform(rng) < rate:
        return parent
    if use_matrix:
        return pick_weighted(matrix[parent], rng)
    j = pick_index(k - 1, rng)
    return j if j < parent else j + 1


# --------------------------------------------------------------------------- well mixed


@njit(cache=True)
def mixed_fitness(counts, n, A, fitness_map, intensity, shift, out):
    """Fitness of each strategy in a well-mixed population: the mean payoff against the others."""
    k = counts.shape[0]
    for a in range(k):
        total = 0.0
        for b in range(k):
            total += counts[b] * A[a, b]
        out[a] = fitness_of((total - A[a, a]) / (n - 1), fitness_map, intensity, shift)


@njit(cache=True)
def mixed_step(counts, n, fitness, process, rate, matrix, use_matrix, rng, weights):
    """One birth–death or death–birth event on counts; returns (died, born) strategies."""
    k = counts.shape[0]
    if process == BIRTH_DEATH:
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
    child = mutate(parent, k, rate, matrix, use_matrix, rng)
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
def run_mixed(
    counts,
    n,
    A,
    process,
    fitness_map,
    intensity,
    shift,
    rate,
    matrix,
    use_matrix,
    generations,
    stop_on_fixation,
    record_every,
    rng,
    rec_gen,
    rec_counts,
):
    """Run a well-mixed process from ``counts`` (updated in place).

    Records generation 0, every ``record_every``-th generation and the last
    (``record_every`` 0: the first and last only) into ``rec_gen`` and
    ``rec_counts``. Returns (generations run, records written).
    """
    k = counts.shape[0]
    fitness = np.empty(k)
    weights = np.empty(k)
    rec_gen[0] = 0
    rec_counts[0] = counts
    written = 1
    g = 0
    while g < generations:
        if stop_on_fixation and fixed_type(counts, n) >= 0:
            break
        mixed_fitness(counts, n, A, fitness_map, intensity, shift, fitness)
        mixed_step(counts, n, fitness, process, rate, matrix, use_matrix, rng, weights)
        g += 1
        if record_every > 0 and g % record_every == 0 and written < rec_gen.shape[0]:
            rec_gen[written] = g
            rec_counts[written] = counts
            written += 1
    if rec_gen[written - 1] != g and written < rec_gen.shape[0]:
        rec_gen[written] = g
        rec_counts[written] = counts
        written += 1
    return g, written


@njit(cache=True)
def fixed_type(counts, n):
    """The strategy the whole population plays, or -1."""
    for a in range(counts.shape[0]):
        if counts[a] == n:
            return a
    return -1


@njit(parallel=True, cache=True)
def many_mixed(
    seed,
    tag,
    first_run,
    start_counts,
    n,
    A,
    process,
    fitness_map,
    intensity,
    shift,
    rate,
    matrix,
    use_matrix,
    generations,
    stop_on_fixation,
    record_every,
    rec_gen,
    rec_counts,
    run_generations,
    run_records,
    final_counts,
):
    """Runs ``first_run ..`` of a well-mixed process, one per slot of the outputs, in parallel."""
    for r in prange(final_counts.shape[0]):
        rng = np.empty(1, np.uint64)
        run_stream(seed, tag, first_run + r, 0, STREAM_DYNAMICS, rng)
        counts = start_counts.copy()
        g, written = run_mixed(
            counts,
            n,
            A,
            process,
            fitness_map,
            intensity,
            shift,
            rate,
            matrix,
            use_matrix,
            generations,
            stop_on_fixation,
            record_every,
            rng,
            rec_gen[r],
            rec_counts[r],
        )
        run_generations[r] = g
        run_records[r] = written
        final_counts[r] = counts


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


@njit(cache=True)
def graph_step(
    types,
    fitness,
    process,
    out_ptr,
    out_idx,
    in_ptr,
    in_idx,
    k,
    rate,
    matrix,
    use_matrix,
    rng,
    weights,
):
    """One event on a graph; returns (node replaced, its new strategy).

    ``weights`` is scratch of at least the largest in-degree.
    """
    if process == BIRTH_DEATH:
        parent, dead = bd_choose(fitness, out_ptr, out_idx, rng)
    else:
        dead = pick_index(types.shape[0], rng)
        parent = db_parent(dead, fitness, in_ptr, in_idx, rng, weights)
    child = mutate(types[parent], k, rate, matrix, use_matrix, rng)
    return dead, child


@njit(cache=True)
def place_shuffled(types, rng):
    """Shuffle the initial strategies over the nodes (Fisher–Yates, last node first)."""
    for i in range(types.shape[0] - 1, 0, -1):
        j = pick_index(i + 1, rng)
        types[i], types[j] = types[j], types[i]


@njit(cache=True)
def run_graph(
    types,
    k,
    A,
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
    rate,
    matrix,
    use_matrix,
    start_generation,
    generations,
    stop_on_fixation,
    record_every,
    rng,
    rec_gen,
    rec_counts,
    written,
):
    """Run a process on graphs from ``types`` (updated in place), from ``start_generation``.

    Payoffs are kept per node and recomputed (from scratch, so exactly as a
    full recomputation would give them) for the replaced node and its
    interaction neighbours. Records as :func:`run_mixed`, appending after
    ``written`` records. Returns (generation reached, records written).
    """
    n = types.shape[0]
    counts = np.zeros(k, np.int64)
    for i in range(n):
        counts[types[i]] += 1
    payoff = np.empty(n)
    fitness = np.empty(n)
    for i in range(n):
        payoff[i] = node_payoff(i, types, int_ptr, int_idx, A)
        fitness[i] = fitness_of(payoff[i], fitness_map, intensity, shift)
    largest = 1
    for i in range(n):
        largest = max(largest, in_ptr[i + 1] - in_ptr[i])
    weights = np.empty(largest)
    g = start_generation
    if written == 0:
        rec_gen[0] = g
        rec_counts[0] = counts
        written = 1
    while g < generations:
        if stop_on_fixation and fixed_type(counts, n) >= 0:
            break
        dead, child = graph_step(
            types,
            fitness,
            process,
            out_ptr,
            out_idx,
            in_ptr,
            in_idx,
            k,
            rate,
            matrix,
            use_matrix,
            rng,
            weights,
        )
        g += 1
        if types[dead] != child:
            counts[types[dead]] -= 1
            counts[child] += 1
            types[dead] = child
            payoff[dead] = node_payoff(dead, types, int_ptr, int_idx, A)
            fitness[dead] = fitness_of(payoff[dead], fitness_map, intensity, shift)
            for s in range(int_ptr[dead], int_ptr[dead + 1]):
                j = int_idx[s]
                payoff[j] = node_payoff(j, types, int_ptr, int_idx, A)
                fitness[j] = fitness_of(payoff[j], fitness_map, intensity, shift)
        if record_every > 0 and g % record_every == 0 and written < rec_gen.shape[0]:
            rec_gen[written] = g
            rec_counts[written] = counts
            written += 1
    if rec_gen[written - 1] != g and written < rec_gen.shape[0]:
        rec_gen[written] = g
        rec_counts[written] = counts
        written += 1
    return g, written


@njit(parallel=True, cache=True)
def many_graph(
    seed,
    tag,
    first_run,
    start_types,
    shuffle,
    k,
    A,
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
    rate,
    matrix,
    use_matrix,
    generations,
    stop_on_fixation,
    record_every,
    rec_gen,
    rec_counts,
    run_generations,
    run_records,
    final_types,
):
    """Runs ``first_run ..`` of a process on graphs, in parallel (see :func:`many_mixed`)."""
    for r in prange(final_types.shape[0]):
        rng = np.empty(1, np.uint64)
        types = start_types.copy()
        if shuffle:
            run_stream(seed, tag, first_run + r, 0, STREAM_PLACEMENT, rng)
            place_shuffled(types, rng)
        run_stream(seed, tag, first_run + r, 0, STREAM_DYNAMICS, rng)
        g, written = run_graph(
            types,
            k,
            A,
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
            rate,
            matrix,
            use_matrix,
            0,
            generations,
            stop_on_fixation,
            record_every,
            rng,
            rec_gen[r],
            rec_counts[r],
            0,
        )
        run_generations[r] = g
        run_records[r] = written
        final_types[r] = types


@njit(cache=True)
def slot_fitness(nodes, indptr, slot_scores, fitness_map, intensity, shift, payoff, fitness):
    """Payoff and fitness of ``nodes`` from their matches' scores (matches played by the engine)."""
    for i in nodes:
        payoff[i] = slot_payoff(i, indptr, slot_scores)
        fitness[i] = fitness_of(payoff[i], fitness_map, intensity, shift)
