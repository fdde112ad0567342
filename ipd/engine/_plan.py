"""Deterministic pairs played once: which template plays each pair's matches in a block
(numpy, so nothing here needs compiling).

A *template* is one play of a deterministic pair (no noise, neither strategy
stochastic) with snapshots at every length its matches have in a block: when
the length is hidden from the players, a match of length L is the first L
moves of any longer one, so one play of the longest gives every match. When
the length is revealed, each distinct length gets a template of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Plan:
    """Templates of one block: template t plays pairing ``template_pair[t]`` with snapshots
    ``snap_lengths[snap_starts[t]:snap_starts[t + 1]]``; slot ``slots[k]`` takes snapshot row
    ``rows[k]``."""

    template_pair: np.ndarray
    snap_starts: np.ndarray
    snap_lengths: np.ndarray
    slots: np.ndarray
    rows: np.ndarray

    @property
    def row_template(self) -> np.ndarray:
        """The template of each snapshot row."""
        return np.repeat(np.arange(len(self.template_pair)), np.diff(self.snap_starts))


def plan(lengths: np.ndarray, deterministic: np.ndarray, n_reps: int, per_length: bool) -> Plan:
    """The templates for the deterministic pairings of a block.

    ``lengths[s]`` is the length of slot ``s`` (repetition ``s // n_pairs`` of
    pairing ``s % n_pairs``); ``deterministic`` marks the pairings to play once.
    """
    n_pairs = len(deterministic)
    chosen = np.flatnonzero(deterministic)
    table = lengths.reshape(n_reps, n_pairs)[:, chosen]
    order = np.argsort(table, axis=0, kind="stable")
    ordered = np.take_along_axis(table, order, axis=0)
    new = np.ones_like(ordered, dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    per_pair = new.sum(axis=0)
    first_row = np.concatenate([[0], np.cumsum(per_pair)])
    snap_lengths = ordered.T[new.T]
    rank_sorted = np.cumsum(new, axis=0) - 1
    rank = np.empty_like(rank_sorted)
    np.put_along_axis(rank, order, rank_sorted, axis=0)
    rows = (first_row[:-1][None, :] + rank).reshape(-1)
    slots = (np.arange(n_reps)[:, None] * n_pairs + chosen[None, :]).reshape(-1)
    if per_length:
        template_pair = np.repeat(chosen, per_pair)
        snap_starts = np.arange(len(snap_lengths) + 1)
    else:
        template_pair = chosen
        snap_starts = first_row
    return Plan(
        template_pair=np.ascontiguousarray(template_pair, dtype=np.int64),
        snap_starts=np.ascontiguousarray(snap_starts, dtype=np.int64),
        snap_lengths=np.ascontiguousarray(snap_lengths, dtype=np.int64),
        slots=slots,
        rows=rows,
    )
