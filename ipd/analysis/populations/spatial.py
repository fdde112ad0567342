"""Spatial games: Nowak and May's lattice, where every cell copies its best-scoring neighbour.

Nowak and May (1992, "Evolutionary games and spatial chaos", Nature 359:
826) put one player on each cell of a square lattice with periodic edges.
Each generation, every cell plays the one-shot Prisoner's Dilemma with its
eight (Moore) neighbours and with itself, scoring 1 for mutual
co-operation, b (the temptation, 1 < b < 2) for defecting against a
co-operator and 0 otherwise; then, all at once, every cell takes the
strategy of the highest scorer among itself and its neighbours.

Here any pool of strategies can play, with payoffs from a table (say the
exact values of TFT and ALLD under w) or from iterated matches between
neighbours played by the engine every generation, on any graph. Scores are
sums over the interactions (Nowak and May) or means (Axelrod's
territories, where cells have different numbers of neighbours). Ties: a
cell keeps its strategy unless a neighbour scores strictly more; among
neighbours with the same best score the first in reading order wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ipd.analysis.populations import _imitation as I
from ipd.analysis.populations import _kernels as K
from ipd.analysis.populations.graphs import NEIGHBOURHOODS, Graph, lattice
from ipd.analysis.populations.payoffs import (
    Matches,
    MatchPlay,
    generation_seed,
    payoff_table,
    slot_map,
)
from ipd.analysis.populations.settings import whole
from ipd.core.errors import IpdError
from ipd.core.io import check_output_path, write_atomically
from ipd.core.jsonio import dumps, plain
from ipd.core.settings import check_seed

TAG_SPATIAL = 0x5350415449
"""Job tag of spatial games in the stream keys (``"SPATI"``)."""
SCORINGS = ("sum", "mean")
MAX_FRAMES = 200
"""Frames kept by default (``frame_every`` chosen to keep at most this many)."""


def nowak_may_payoffs(b: float) -> pd.DataFrame:
    """Nowak and May's one-shot game: C v C 1, D v C b, C v D and D v D 0."""
    try:
        b = float(b)
    except (TypeError, ValueError):
        raise IpdError(f"the temptation b must be a number, got {b!r}") from None
    if not np.isfinite(b):
        raise IpdError(f"the temptation b must be finite, got {b!r}")
    labels = pd.Index(["C", "D"])
    return pd.DataFrame(
        [[1.0, 0.0], [b, 0.0]], index=labels.rename("row"), columns=labels.rename("column")
    )


@dataclass(frozen=True)
class SpatialSettings:
    """A lattice game (see the module notes).

    Parameters
    ----------
    rows, cols : lattice size (``cols`` defaults to ``rows``).
    neighbourhood : ``"moore"`` (8 neighbours, Nowak and May) or ``"von_neumann"`` (4).
    periodic : wrap the edges round (a torus).
    self_interaction : each cell also plays itself (Nowak and May).
    scoring : ``"sum"`` of the payoffs (Nowak and May) or their ``"mean"``.
    generations : synchronous updates.
    frame_every : keep the lattice every this many generations (0: only the
        start; ``None``: often enough for at most 200 frames).
    seed : fixes a random start and the matches (``None``: drawn and recorded).
    graph : play on this :class:`~.graphs.Graph` instead of a lattice.
    """

    rows: int = 99
    cols: int | None = None
    neighbourhood: str = "moore"
    periodic: bool = True
    self_interaction: bool = True
    scoring: str = "sum"
    generations: int = 100
    frame_every: int | None = None
    seed: int | None = None
    graph: Graph | None = None

    def __post_init__(self) -> None:
        if self.neighbourhood not in NEIGHBOURHOODS:
            raise IpdError(
                f"unknown neighbourhood {self.neighbourhood!r}: use {' or '.join(NEIGHBOURHOODS)}"
            )
        if self.scoring not in SCORINGS:
            raise IpdError(f"scoring must be sum or mean, got {self.scoring!r}")
        for name in ("periodic", "self_interaction"):
            if not isinstance(getattr(self, name), bool):
                raise IpdError(f"{name} must be true or false, got {getattr(self, name)!r}")
        values = {
            "generations": whole("generations", self.generations, 1),
            "seed": None if self.seed is None else check_seed(self.seed),
        }
        if self.frame_every is not None:
            values["frame_every"] = whole("frame_every", self.frame_every, 0)
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def updated(self, **values: Any) -> SpatialSettings:
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise IpdError(f"unknown spatial setting(s) {unknown}; known: {sorted(known)}")
        given = {k: v for k, v in values.items() if v is not None}
        return dataclasses.replace(self, **given) if given else self

    def make_graph(self) -> Graph:
        if self.graph is not None:
            return self.graph
        return lattice(self.rows, self.cols, self.neighbourhood, self.periodic)

    @property
    def every(self) -> int:
        if self.frame_every is not None:
            return self.frame_every
        return max(1, -(-self.generations // (MAX_FRAMES - 1)))

    def to_config(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "graph"}
        out["frame_every"] = self.every
        out["graph"] = self.make_graph().description
        return plain(out)


@dataclass
class SpatialResult:
    """A lattice game as it unfolded.

    Attributes
    ----------
    labels : the strategies.
    counts : cells playing each strategy after each generation, ``(generations + 1, k)``.
    frames, previous : the state after generation ``frame_generations[f]`` and
        the one before it, ``(n_frames, cells)`` strategy indices.
    shape : the lattice's rows and columns (``None`` on another graph).
    still : the first generation that changed nothing (the state is then
        fixed for good), or ``None``.
    """

    labels: list[str]
    settings: SpatialSettings
    counts: np.ndarray
    frames: np.ndarray
    previous: np.ndarray
    frame_generations: np.ndarray
    shape: tuple[int, int] | None
    still: int | None
    source: dict[str, Any] = field(default_factory=dict)
    engine_turns: int = 0

    def shares(self) -> pd.DataFrame:
        """Share of the cells playing each strategy, one row per generation."""
        n = self.counts[0].sum()
        return pd.DataFrame(
            self.counts / n,
            index=pd.Index(np.arange(len(self.counts)), name="generation"),
            columns=pd.Index(self.labels, name="strategy"),
        )

    def frame(self, generation: int) -> np.ndarray:
        """The lattice (rows x cols of strategy indices) after a recorded generation."""
        where = np.flatnonzero(self.frame_generations == generation)
        if not len(where):
            kept = ", ".join(str(g) for g in self.frame_generations[:8])
            raise IpdError(f"generation {generation} was not kept (kept: {kept}, ...)")
        cells = self.frames[where[0]]
        return cells.reshape(self.shape) if self.shape else cells

    def _repr_html_(self) -> str:
        """For Jupyter: each strategy's share of the cells at the start, the end and over
        the last tenth of the generations."""
        from ipd.core.display import html_table

        s = self.settings
        shares = self.shares()
        tail = shares.iloc[-max(1, len(shares) // 10) :].mean()
        frame = pd.DataFrame(
            {
                "strategy": self.labels,
                "start": shares.iloc[0].to_numpy(),
                "final": shares.iloc[-1].to_numpy(),
                "mean of last 10%": tail.to_numpy(),
            }
        )
        caption = (
            f"Spatial game on {s.make_graph().description}: {s.generations} generations, "
            f"{'self-interaction, ' if s.self_interaction else ''}{s.scoring} scores, "
            f"seed {s.seed}"
        )
        notes = [] if self.still is None else [f"unchanged from generation {self.still} on"]
        return html_table(frame, caption, kind="spatial", digits=4, notes=notes)

    def to_dict(self) -> dict[str, Any]:
        final = self.counts[-1] / self.counts[-1].sum()
        return plain(
            {
                "config": {
                    "strategies": self.labels,
                    **self.settings.to_config(),
                    "source": self.source,
                },
                "generations": len(self.counts) - 1,
                "final_shares": dict(zip(self.labels, final.tolist(), strict=True)),
                "still_from": self.still,
                "frames_kept": len(self.frame_generations),
                "engine_turns": self.engine_turns,
            }
        )

    def save(self, path, force: bool = False):
        """Write the shares per generation: ``.parquet`` (with the rest in its metadata),
        ``.csv`` or ``.json``, atomically."""
        from ipd.analysis.populations.moran import parquet_bytes

        path = check_output_path(path, force=force, suffixes=(".parquet", ".csv", ".json"))
        frame = self.shares().reset_index()
        if path.suffix == ".json":
            document = {**self.to_dict(), "shares": frame.to_dict(orient="list")}
            write_atomically(path, dumps(document).encode())
        elif path.suffix == ".csv":
            write_atomically(path, frame.to_csv(index=False).encode())
        else:
            write_atomically(path, parquet_bytes(frame, self.to_dict()))
        return path


def start_cells(initial: Any, labels: list[str], graph: Graph, seed: int) -> np.ndarray:
    """The starting strategy of every cell.

    ``initial`` is ``{label: share}`` (each cell drawn independently from
    the seed; strategies not listed share what is left equally), ``"single"``
    (every cell the first strategy but the centre, the second: Nowak and May's
    single defector), or one label or index per cell (an array of the
    lattice's shape or a flat list).
    """
    n, k = graph.n, len(labels)
    if isinstance(initial, str):
        if initial != "single":
            raise IpdError(
                f"the start must be shares, 'single' or one strategy per cell, got {initial!r}"
            )
        if k < 2:
            raise IpdError("a single invader needs two strategies")
        types = np.zeros(n, dtype=np.int64)
        if graph.shape:
            rows, cols = graph.shape
            types[(rows // 2) * cols + cols // 2] = 1
        else:
            types[n // 2] = 1
        return types
    if isinstance(initial, Mapping):
        unknown = [x for x in initial if x not in labels]
        if unknown:
            raise IpdError(f"{unknown[0]!r} is not one of the strategies ({', '.join(labels)})")
        shares = np.array([float(initial.get(x, 0.0)) for x in labels])
        if (shares < 0).any() or not np.isfinite(shares).all() or shares.sum() <= 0:
            raise IpdError("starting shares must be numbers >= 0, not all 0")
        unlisted = [j for j, x in enumerate(labels) if x not in initial]
        if unlisted and shares.sum() < 1:
            # {"D": 0.1}: the strategies not listed share the rest equally.
            shares[unlisted] = (1.0 - shares.sum()) / len(unlisted)
        types = np.zeros(n, dtype=np.int64)
        rng = np.zeros(1, dtype=np.uint64)
        K.run_stream(seed, TAG_SPATIAL, 0, 0, K.STREAM_PLACEMENT, rng)
        I.place_by_shares(shares / shares.sum(), rng, types)
        return types
    cells = np.asarray(initial).ravel()
    if len(cells) != n:
        raise IpdError(f"give one strategy per cell ({n}), got {len(cells)}")
    if cells.dtype.kind in "iu":
        if cells.min() < 0 or cells.max() >= k:
            raise IpdError(f"strategy indices must be in 0..{k - 1}")
        return cells.astype(np.int64)
    index = {x: j for j, x in enumerate(labels)}
    unknown = [x for x in cells if x not in index]
    if unknown:
        raise IpdError(f"{unknown[0]!r} is not one of the strategies ({', '.join(labels)})")
    return np.array([index[x] for x in cells], dtype=np.int64)


def spatial(
    payoffs: Any,
    initial: Any = None,
    settings: SpatialSettings | None = None,
    *,
    progress=False,
    **overrides: Any,
) -> SpatialResult:
    """Play a spatial game (see the module notes).

    Parameters
    ----------
    payoffs : a square payoff table (:func:`nowak_may_payoffs` by default
        with b = 1.85), or :class:`~.payoffs.Matches` to play iterated
        matches between neighbours every generation.
    initial : see :func:`start_cells` (default: 10% of the second of two strategies at
        random, or equal shares of more).
    settings, overrides : a :class:`SpatialSettings` and changes to it.
    progress : a progress bar over generations (matches only; a table is one compiled loop).
    """
    settings = (settings or SpatialSettings()).updated(**overrides)
    if settings.seed is None:
        settings = settings.updated(seed=check_seed(None))
    if payoffs is None:
        payoffs = nowak_may_payoffs(1.85)
    graph = settings.make_graph()
    if isinstance(payoffs, Matches):
        labels, table = payoffs.labels, None
    else:
        labels, table = payoff_table(payoffs)
    if initial is None:
        initial = {labels[-1]: 0.1} if len(labels) == 2 else dict.fromkeys(labels, 1.0)
    types = start_cells(initial, labels, graph, settings.seed)
    every = settings.every
    n_frames = settings.generations // every + 1 if every > 0 else 1
    frames = np.zeros((n_frames, graph.n), dtype=np.int64)
    previous = np.zeros_like(frames)
    counts = np.zeros((settings.generations + 1, len(labels)), dtype=np.int64)
    turns = 0
    if table is not None:
        still = _imitate(types, table, graph, settings, 0, frames, previous, counts)
        source = {"kind": "table", "payoffs": table.tolist()}
    else:
        still, turns = _run_matches(
            payoffs, graph, types, settings, frames, previous, counts, progress
        )
        source = {"kind": "matches", **payoffs.to_config()}
    kept = np.arange(n_frames) * every
    return SpatialResult(
        labels=labels,
        settings=settings,
        counts=counts,
        frames=frames.astype(np.uint8) if len(labels) < 256 else frames,
        previous=previous.astype(np.uint8) if len(labels) < 256 else previous,
        frame_generations=kept,
        shape=graph.shape,
        still=None if still < 0 else int(still),
        source=source,
        engine_turns=turns,
    )


def _imitate(types, table, graph, settings, start: int, frames, previous, counts) -> int:
    """The compiled imitation game with a payoff table, from generation ``start`` to the last.

    Fills ``frames``, ``previous`` and ``counts``; returns the generation from
    which nothing changed, or -1.
    """
    indptr, indices = graph.csr[:2]
    self_weight, mean = _scoring(settings)
    return I.run_imitation(
        types,
        table,
        indptr,
        indices,
        self_weight,
        mean,
        start,
        settings.generations,
        settings.every,
        frames,
        previous,
        counts,
    )


def _scoring(settings) -> tuple[float, bool]:
    """The weight of a cell's game with itself, and whether scores are means (else sums)."""
    return (1.0 if settings.self_interaction else 0.0), settings.scoring == "mean"


def _run_matches(matches, graph, types, settings, frames, previous, counts, progress):
    """The imitation game with iterated matches between neighbours each generation."""
    from ipd.analysis.populations.distribute import progress_callback

    n = graph.n
    indptr, indices = graph.csr[:2]
    edges = graph.edges()
    n_graph_edges = len(edges)
    if settings.self_interaction:
        edges = np.concatenate([edges, np.repeat(np.arange(n), 2).reshape(-1, 2)])
    play = MatchPlay(matches, edges)
    slot_edge, slot_side = slot_map(indptr, indices, edges[:n_graph_edges])
    self_weight, mean = _scoring(settings)
    every = settings.every
    scores = np.zeros(n)
    self_scores = np.zeros(n)
    new_types = np.zeros(n, dtype=np.int64)
    counts[0] = np.bincount(types, minlength=counts.shape[1])
    frames[0] = previous[0] = types
    callback, bar = progress_callback(progress, settings.generations, "gen", "spatial")
    try:
        for g in range(1, settings.generations + 1):
            present = counts[g - 1] > 0
            if play.fixed_play and not play.stochastic[present].any():
                # Every match left is one of a cached pair: the compiled loop gives the same.
                table = np.where(np.isnan(play.table), 0.0, play.table)
                still = _imitate(types, table, graph, settings, g - 1, frames, previous, counts)
                return still, play.turns_played
            edge_scores = play.edge_scores(types, generation_seed(settings.seed, TAG_SPATIAL, 0, g))
            slot_scores = edge_scores[slot_edge, slot_side]
            if settings.self_interaction:
                self_scores = edge_scores[n_graph_edges:, 0]
            I.imitation_from_slots(
                types, slot_scores, indptr, self_scores, self_weight, mean, scores
            )
            I.imitation_update(types, scores, indptr, indices, new_types)
            if every > 0 and g % every == 0 and g // every < len(frames):
                previous[g // every] = types
                frames[g // every] = new_types
            types[:] = new_types
            counts[g] = np.bincount(types, minlength=counts.shape[1])
            if callback is not None:
                callback(1)
    finally:
        if bar is not None:
            bar.close()
    return -1, play.turns_played
