"""Plain-Python twins of the population kernels, written from their description.

Each keeps the whole population as a list, recomputes every payoff from
scratch each step, and draws from the same SplitMix64 streams in the same
order as the compiled kernels (see ``ipd/analysis/populations/_kernels.py``):

* birth–death: parent by fitness, then the replaced (a uniform out-neighbour,
  or well mixed a uniform other individual), then the mutation;
* death–birth: the dead (uniform), then the parent by fitness among its
  in-neighbours (well mixed: the others), then the mutation;
* mutation: a Bernoulli draw (none for rate 0 or 1), then the mutant's
  strategy (uniform over the others, or by the matrix row).
"""

from __future__ import annotations

import math

from tests.reference.rng import Stream, match_key

STREAM_DYNAMICS = 1
STREAM_PLACEMENT = 2


def stream(seed: int, tag: int, run: int, index: int, number: int) -> Stream:
    return Stream(match_key(seed, tag, run, index), number)


def pick_index(m: int, rng: Stream) -> int:
    return min(int(rng.uniform() * m), m - 1)


def pick_weighted(weights: list[float], rng: Stream) -> int:
    total = 0.0
    for x in weights:
        total += x
    if not total > 0.0:
        return pick_index(len(weights), rng)
    target = rng.uniform() * total
    running = 0.0
    last = 0
    for i, x in enumerate(weights):
        if x > 0.0:
            running += x
            last = i
            if target < running:
                return i
    return last


def fitness_of(payoff: float, fitness_map: str, s: float, shift: float) -> float:
    if fitness_map == "linear":
        return 1.0 - s + s * payoff
    return math.exp(s * (payoff - shift))


def mutate(parent: int, k: int, rate: float, matrix, rng: Stream) -> int:
    if rate <= 0.0:
        return parent
    if rate < 1.0 and not rng.uniform() < rate:
        return parent
    if matrix is not None:
        return pick_weighted(list(matrix[parent]), rng)
    j = pick_index(k - 1, rng)
    return j if j < parent else j + 1


def moran_mixed(
    counts, A, process, fitness_map, s, shift, rate, matrix, generations, stop, seed, tag, run
):
    """A well-mixed run: the counts after every generation (the start first)."""
    k = len(counts)
    people = [a for a in range(k) for _ in range(counts[a])]
    n = len(people)
    rng = stream(seed, tag, run, 0, STREAM_DYNAMICS)
    history = [list(counts)]
    for _ in range(generations):
        now = [people.count(a) for a in range(k)]
        if stop and max(now) == n:
            break
        # A strategy's fitness: its mean payoff against the n - 1 others.
        fitness = []
        for a in range(k):
            if now[a] == 0:
                fitness.append(fitness_of(0.0, fitness_map, s, shift))
                continue
            others = list(people)
            others.remove(a)
            mean = sum(A[a][b] for b in others) / (n - 1)
            fitness.append(fitness_of(mean, fitness_map, s, shift))
        if process == "bd":
            parent = pick_weighted([now[a] * fitness[a] for a in range(k)], rng)
            others = [now[a] - (a == parent) for a in range(k)]
            dead = _by_count(others, pick_index(n - 1, rng))
        else:
            dead = _by_count(now, pick_index(n, rng))
            parent = pick_weighted([(now[a] - (a == dead)) * fitness[a] for a in range(k)], rng)
        child = mutate(parent, k, rate, matrix, rng)
        people.remove(dead)
        people.append(child)
        history.append([people.count(a) for a in range(k)])
    return history


def _by_count(counts: list[int], j: int) -> int:
    """The strategy of individual j when individuals are listed strategy by strategy."""
    running = 0
    for a, c in enumerate(counts):
        running += c
        if j < running:
            return a
    raise AssertionError("index beyond the population")


def moran_graph(
    types,
    k,
    A,
    interaction,
    out,
    into,
    process,
    fitness_map,
    s,
    shift,
    rate,
    matrix,
    generations,
    stop,
    seed,
    tag,
    run,
    shuffle,
):
    """A run on graphs (neighbour lists): the counts after every generation, the start first."""
    types = list(types)
    n = len(types)
    if shuffle:
        placement = stream(seed, tag, run, 0, STREAM_PLACEMENT)
        for i in range(n - 1, 0, -1):
            j = pick_index(i + 1, placement)
            types[i], types[j] = types[j], types[i]
    rng = stream(seed, tag, run, 0, STREAM_DYNAMICS)
    history = [[types.count(a) for a in range(k)]]
    for _ in range(generations):
        if stop and max(types.count(a) for a in range(k)) == n:
            break
        fitness = []
        for i in range(n):
            total = 0.0
            for j in interaction[i]:
                total += A[types[i]][types[j]]
            fitness.append(fitness_of(total / len(interaction[i]), fitness_map, s, shift))
        if process == "bd":
            parent = pick_weighted(fitness, rng)
            dead = out[parent][pick_index(len(out[parent]), rng)]
        else:
            dead = pick_index(n, rng)
            parent = into[dead][pick_weighted([fitness[j] for j in into[dead]], rng)]
        types[dead] = mutate(types[parent], k, rate, matrix, rng)
        history.append([types.count(a) for a in range(k)])
    return history


def imitation(types, neighbours, A, self_weight, mean, generations):
    """Synchronous best-neighbour imitation: the states after every generation, the start first."""
    states = [list(types)]
    for _ in range(generations):
        now = states[-1]
        scores = []
        for i, here in enumerate(neighbours):
            total = self_weight * A[now[i]][now[i]] + sum(A[now[i]][now[j]] for j in here)
            scores.append(total / (len(here) + self_weight) if mean else total)
        new = []
        for i, here in enumerate(neighbours):
            best, choice = scores[i], now[i]
            for j in here:
                if scores[j] > best:
                    best, choice = scores[j], now[j]
            new.append(choice)
        states.append(new)
    return states
