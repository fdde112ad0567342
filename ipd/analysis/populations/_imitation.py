"""The compiled loops of the lattice games: synchronous best-neighbour imitation.

Private, like :mod:`._kernels`: :mod:`.spatial` checks and allocates, these
loop. Nothing here is random. One lattice runs on one core: a generation
is about a millisecond of work, too little to share between threads
without their waiting costing more than it saves on a busy machine (many
lattices run side by side in a grid, over Dask).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ipd.analysis.populations._kernels import pick_weighted


@njit(cache=True)
def imitation_scores(types, indptr, indices, A, self_weight, mean, scores):
    """Each node's score: payoffs against its neighbours (and itself with weight ``self_weight``).

    Sums (Nowak and May) or, with ``mean``, means over the interactions.
    """
    n = types.shape[0]
    for i in range(n):
        ti = types[i]
        total = self_weight * A[ti, ti]
        for s in range(indptr[i], indptr[i + 1]):
            total += A[ti, types[indices[s]]]
        if mean:
            total /= indptr[i + 1] - indptr[i] + self_weight
        scores[i] = total


@njit(cache=True)
def imitation_update(types, scores, indptr, indices, new_types):
    """Every node takes the strategy of the best scorer among itself and its neighbours.

    Ties: a node keeps its own strategy unless a neighbour scores strictly
    more; among neighbours with the same best score the first in the graph's
    order wins. Returns how many nodes changed strategy.
    """
    changed = 0
    for i in range(types.shape[0]):
        best = scores[i]
        choice = types[i]
        for s in range(indptr[i], indptr[i + 1]):
            j = indices[s]
            if scores[j] > best:
                best = scores[j]
                choice = types[j]
        new_types[i] = choice
        if choice != types[i]:
            changed += 1
    return changed


@njit(cache=True)
def run_imitation(
    types,
    A,
    indptr,
    indices,
    self_weight,
    mean,
    first,
    generations,
    frame_every,
    frames,
    previous,
    counts_out,
):
    """Synchronous best-neighbour imitation, generations ``first + 1 .. generations``.

    ``types`` is the state after generation ``first`` (updated in place);
    ``counts_out[g]`` gets the strategy counts after generation g (row
    ``first`` is filled too); ``frames[f]`` the state after generation
    ``f * frame_every`` and ``previous[f]`` the state before it, while there
    is room. Once no node changes the state is a fixed point (the update is
    deterministic): the remaining rows are copied. Returns the first
    generation that changed nothing (-1 if there was none).
    """
    n = types.shape[0]
    scores = np.empty(n)
    new_types = np.empty_like(types)
    counts_out[first] = 0
    for i in range(n):
        counts_out[first, types[i]] += 1
    if first == 0 and frames.shape[0] > 0:
        frames[0] = types
        previous[0] = types
    for g in range(first + 1, generations + 1):
        imitation_scores(types, indptr, indices, A, self_weight, mean, scores)
        changed = imitation_update(types, scores, indptr, indices, new_types)
        if frame_every > 0 and g % frame_every == 0 and g // frame_every < frames.shape[0]:
            previous[g // frame_every] = types
            frames[g // frame_every] = new_types
        types[:] = new_types
        for i in range(n):
            counts_out[g, types[i]] += 1
        if changed == 0:
            for h in range(g + 1, generations + 1):
                counts_out[h] = counts_out[g]
                if frame_every > 0 and h % frame_every == 0 and h // frame_every < frames.shape[0]:
                    previous[h // frame_every] = types
                    frames[h // frame_every] = types
            return g
    return -1


@njit(cache=True)
def imitation_from_slots(types, slot_scores, indptr, self_scores, self_weight, mean, scores):
    """Node scores from per-slot match scores (matches played by the engine)."""
    for i in range(types.shape[0]):
        total = self_weight * self_scores[i]
        for s in range(indptr[i], indptr[i + 1]):
            total += slot_scores[s]
        if mean:
            total /= indptr[i + 1] - indptr[i] + self_weight
        scores[i] = total


@njit(cache=True)
def place_by_shares(shares, rng, types):
    """Each node independently takes strategy a with probability ``shares[a]``, node 0 first."""
    for i in range(types.shape[0]):
        types[i] = pick_weighted(shares, rng)
