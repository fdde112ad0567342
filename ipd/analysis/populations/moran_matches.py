"""Moran runs whose payoffs are matches played by the engine every generation.

Runs advance in batches of :data:`BATCH` consecutive runs, in step: each
generation, every run of a batch still going asks for its matches and the
engine plays all of them in one call (the keying in :mod:`.payoffs` makes
each match independent of the others in the call), then each run draws its
births and deaths from its own stream with the compiled steps of
:mod:`._kernels`, so a run gives the same numbers alone or in a batch.

Once every strategy left in a run plays only cached pairs (deterministic
strategies, no noise, fixed lengths) and mutation cannot bring back one
that does not, the rest of the run goes to the compiled loop with the
table of those matches: it computes the same payoffs, in the same order,
so the run is unchanged, only faster.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ipd.analysis.populations import _kernels as K
from ipd.analysis.populations.payoffs import MatchPlay, generation_seed, slot_map

BATCH = 16
"""Runs whose matches share one call of the engine; part of every run's keys, never change it."""


@dataclass
class _Run:
    run: int
    types: np.ndarray
    counts: np.ndarray
    rng: np.ndarray
    rec_gen: np.ndarray
    rec_counts: np.ndarray
    written: int = 1
    g: int = 0
    done: bool = False
    dead: int = -1
    candidates: np.ndarray | None = None


def run_matches(problem, first: int, count: int, progress, tags: tuple[int, int]):
    """Runs ``first .. first + count - 1`` of a process played with matches (see the notes)."""
    from ipd.analysis.populations.moran import Block, _dynamics, _graphs, _record_rows, _schedule
    from ipd.strategies import load_strategy_file

    for path in problem.strategy_files:
        load_strategy_file(path)
    tag_moran, tag_matches = tags
    s = problem.settings
    n, k = problem.n, problem.k
    edges = problem.interaction.edges()
    play = MatchPlay(problem.matches, edges)
    graphs = _graphs(problem)
    int_ptr, int_idx, out_ptr, out_idx, in_ptr, in_idx = graphs
    slot_edge, slot_side = slot_map(int_ptr, int_idx, edges)
    incident = [slot_edge[int_ptr[i] : int_ptr[i + 1]] for i in range(n)]
    dynamics, schedule = _dynamics(problem), _schedule(s)
    process = dynamics.process
    if dynamics.use_matrix:
        can_return = dynamics.matrix.sum(axis=0) > 0
    else:
        can_return = np.full(k, s.mutation > 0)
    table = np.where(np.isnan(play.table), 0.0, play.table)
    rows = _record_rows(s)
    weights = np.zeros(max(1, int(np.diff(in_ptr).max())))
    payoff, fitness = np.zeros(n), np.zeros(n)
    everyone = np.arange(n)

    def start(run: int) -> _Run:
        from ipd.analysis.populations.moran import _start_types

        rng = np.zeros(1, dtype=np.uint64)
        types = _start_types(problem)
        if problem.nodes is None and s.placement == "shuffled":
            K.run_stream(s.seed, tag_moran, run, 0, K.STREAM_PLACEMENT, rng)
            K.place_shuffled(types, rng)
        K.run_stream(s.seed, tag_moran, run, 0, K.STREAM_DYNAMICS, rng)
        counts = np.bincount(types, minlength=k).astype(np.int64)
        rec_counts = np.zeros((rows, k), dtype=np.int64)
        rec_counts[0] = counts
        return _Run(run, types, counts, rng, np.zeros(rows, dtype=np.int64), rec_counts)

    def finish(x: _Run) -> None:
        if x.rec_gen[x.written - 1] != x.g and x.written < rows:
            x.rec_gen[x.written], x.rec_counts[x.written] = x.g, x.counts
            x.written += 1
        x.done = True
        if progress is not None:
            progress(1)

    def settle(x: _Run) -> bool:
        """Finish a run that has stopped, or hand it to the compiled loop; True if it is done."""
        if x.g >= s.generations or (s.stops and x.counts.max() == n):
            finish(x)
            return True
        # Cached pairs are those of two deterministic strategies, when matches are fixed.
        if play.fixed_play and not (play.stochastic & ((x.counts > 0) | can_return)).any():
            x.g, x.written = K.run_graph(
                x.types,
                k,
                table,
                graphs,
                dynamics,
                schedule,
                x.rng,
                x.rec_gen,
                x.rec_counts,
                x.g,
                x.written,
            )
            x.counts = np.bincount(x.types, minlength=k).astype(np.int64)
            finish(x)
            return True
        return False

    runs = [start(r) for r in range(first, first + count)]
    for batch in sorted({x.run // BATCH for x in runs}):
        members = [x for x in runs if x.run // BATCH == batch]
        g = 0
        while True:
            alive = [x for x in members if not x.done and not settle(x)]
            if not alive:
                break
            requests = []
            for x in alive:
                wanted = None
                if process == K.DEATH_BIRTH:
                    # The dead is drawn first; only its neighbours' payoffs are needed.
                    x.dead = K.pick_index(n, x.rng)
                    x.candidates = in_idx[in_ptr[x.dead] : in_ptr[x.dead + 1]]
                    wanted = np.zeros(len(edges), dtype=bool)
                    wanted[np.concatenate([incident[c] for c in x.candidates])] = True
                requests.append((x.run % BATCH, x.types, wanted))
            scores = play.batch_scores(requests, generation_seed(s.seed, tag_matches, batch, g))
            for x, these, (_, _, wanted) in zip(alive, scores, requests, strict=True):
                if wanted is not None:
                    full = np.zeros((len(edges), 2))
                    full[wanted] = these
                    these = full
                slot_scores = these[slot_edge, slot_side]
                birth_death = process == K.BIRTH_DEATH
                nodes = everyone if birth_death else x.candidates
                K.slot_fitness(nodes, int_ptr, slot_scores, dynamics, payoff, fitness)
                if birth_death:
                    parent, dead = K.bd_choose(fitness, out_ptr, out_idx, x.rng)
                else:
                    dead = x.dead
                    parent = K.db_parent(dead, fitness, in_ptr, in_idx, x.rng, weights)
                child = K.mutate(x.types[parent], k, dynamics, x.rng)
                x.counts[x.types[dead]] -= 1
                x.counts[child] += 1
                x.types[dead] = child
                x.g += 1
                if s.record_every > 0 and x.g % s.record_every == 0 and x.written < rows:
                    x.rec_gen[x.written], x.rec_counts[x.written] = x.g, x.counts
                    x.written += 1
            g += 1
    return Block(
        first,
        np.array([x.g for x in runs], dtype=np.int64),
        np.stack([np.bincount(x.types, minlength=k) for x in runs]),
        [x.rec_gen[: x.written] for x in runs],
        [x.rec_counts[: x.written] for x in runs],
        play.turns_played,
    )
