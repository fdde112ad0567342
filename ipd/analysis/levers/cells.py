"""The levers' cells: one set of match settings of the pool each, computed in batches.

A cell is a tournament of the pool (or its exact values) under one lever's
value; its seed is a hash of the master seed and its settings, so its
numbers do not depend on which other cells are computed. Batches go through
the sweep machinery's schedulers (:mod:`ipd.sweep.schedulers`), one engine call
per batch of simulated cells (as a sweep's batch is), and each batch's pair
table can be written as Parquet as it finishes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ipd.core.settings import MAX_SEED, Settings

BATCH_MOVES = 5e7
"""About how many moves one batch of simulated cells plays."""
EXACT_CELLS = 8
"""Exact cells computed by one task."""


@dataclass(frozen=True)
class Cell:
    """One set of match settings of the pool (seeded), simulated or exact."""

    settings: Settings
    exact: bool = False

    def key(self) -> dict[str, Any]:
        config = self.settings.to_config()
        config.pop("seed", None)
        config.pop("rank_by", None)
        return {"exact": self.exact, **config}

    @property
    def id(self) -> str:
        return hashlib.sha256(json.dumps(self.key(), sort_keys=True).encode()).hexdigest()[:16]


def cell_seed(master: int, key: dict[str, Any]) -> int:
    """A cell's seed: a hash of the master seed and its settings."""
    text = json.dumps({"seed": master, **key}, sort_keys=True)
    return int(hashlib.sha256(text.encode()).hexdigest()[:16], 16) & MAX_SEED


def cell_batches(problem) -> list[list[Cell]]:
    """The cells in batches: exact cells :data:`EXACT_CELLS` at a time, simulated ones in
    engine calls of about :data:`BATCH_MOVES` moves (a call shares its repetitions and whether
    lengths are told)."""
    n = len(problem.strategies)
    pairs = n * (n + 1) // 2
    batches: list[list[Cell]] = []
    groups: dict[Any, list[Cell]] = {}
    exact = [cell for cell in problem.cells().values() if cell.exact]
    batches += [exact[k : k + EXACT_CELLS] for k in range(0, len(exact), EXACT_CELLS)]
    for cell in problem.cells().values():
        if not cell.exact:
            groups.setdefault(cell.settings.reveal_length, []).append(cell)
    for cells in groups.values():
        current: list[Cell] = []
        moves = 0.0
        for cell in cells:
            s = cell.settings
            length = (
                1 / (1 - s.continuation) if s.continuation else sum(s.rep_lengths()) / s.repetitions
            )
            cost = pairs * s.repetitions * length
            if current and moves + cost > BATCH_MOVES:
                batches.append(current)
                current, moves = [], 0.0
            current.append(cell)
            moves += cost
        if current:
            batches.append(current)
    return batches


def batch_id(cells: list[Cell]) -> str:
    return hashlib.sha256(",".join(c.id for c in cells).encode()).hexdigest()[:16]


def batch_task(problem, cells: list[Cell], engine_threads) -> dict[str, Any]:
    """One batch as plain data (cheap to ship to a Dask worker)."""
    return {
        "batch": batch_id(cells),
        "cells": [
            {"cell": c.id, "exact": c.exact, "settings": c.settings.to_config()} for c in cells
        ],
        "strategies": list(problem.strategies),
        "strategy_files": list(problem.strategy_files),
        "fallback": problem.fallback,
        "engine_threads": engine_threads,
    }


def run_batch(task: dict[str, Any]) -> dict[str, Any]:
    """Compute one batch (in whatever process the scheduler chose): its pair table, one row
    per cell and ordered pair with the payoff per move and the row's co-operation rate."""
    from ipd.strategies import load_strategy_file
    from ipd.sweep.schedulers import ENGINE_LOCK, set_engine_threads

    with ENGINE_LOCK:
        set_engine_threads(task["engine_threads"])
        for path in task["strategy_files"]:
            load_strategy_file(path)
        cells = task["cells"]
        if cells[0]["exact"]:
            frames = [_exact_cell(task, cell) for cell in cells]
        else:
            frames = _simulated_cells(task)
    return {"batch": task["batch"], "pairs": pd.concat(frames, ignore_index=True)}


def _long(cell: str, V: np.ndarray, C: np.ndarray, labels: list[str]) -> pd.DataFrame:
    k = len(labels)
    return pd.DataFrame(
        {
            "cell": [cell] * (k * k),
            "row": [a for a in labels for _ in labels],
            "column": [b for _ in labels for b in labels],
            "payoff": V.reshape(-1),
            "cooperation_rate": C.reshape(-1),
        }
    )


def _exact_cell(task: dict, cell: dict) -> pd.DataFrame:
    from ipd.analysis.exact import exact_analysis

    s = Settings.from_config(cell["settings"])
    result = exact_analysis(
        task["strategies"],
        s.continuation,
        game=s.payoffs,
        noise=s.noise,
        misperception=s.misperception,
        fallback=task["fallback"],
        repetitions=s.repetitions,
        seed=s.seed,
    )
    return _long(
        cell["cell"],
        result.payoffs.to_numpy(),
        result.cooperation.to_numpy(),
        list(result.labels),
    )


def _simulated_cells(task: dict) -> list[pd.DataFrame]:
    """Every cell of a batch played in one engine call (as a sweep's batch is)."""
    from ipd.core.players import parse_player
    from ipd.sweep.cell import play_batch

    cells = task["cells"]
    players = [parse_player(x) for x in task["strategies"]]
    settings = [Settings.from_config(c["settings"]) for c in cells]
    batch, _ = play_batch(players, settings, True)
    return [
        _long(cell["cell"], results.payoff_values(), cooperation_matrix(results), results.labels)
        for cell, results in zip(cells, batch, strict=True)
    ]


def cooperation_matrix(results) -> np.ndarray:
    """How often the row strategy co-operated against the column (a twin match: both sides)."""
    from ipd.engine import layout as L

    c = results.pair_counts
    turns = np.maximum(c[:, L.TURNS], 1).astype(float)
    return results._pair_matrix(
        (c[:, L.CC] + c[:, L.CD]) / turns, (c[:, L.CC] + c[:, L.DC]) / turns
    )


def play(
    problem,
    *,
    out: Path | None = None,
    progress: Callable[[int], None] | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """Every cell's ``(V, C)`` tables (payoff per move, co-operation rate), by cell id."""
    from ipd.core.io import write_atomically
    from ipd.sweep import schedulers

    chosen = schedulers.resolve_scheduler(scheduler)
    workers, threads = schedulers.engine_threads(chosen, workers, None)
    batches = cell_batches(problem)
    tables: list[pd.DataFrame] = []
    todo = []
    for cells in batches:
        path = None if out is None else out / "pairs" / f"batch-{batch_id(cells)}.parquet"
        if path is not None and path.exists():
            tables.append(pd.read_parquet(path))
            if progress is not None:
                progress(len(cells))
            continue
        todo.append(batch_task(problem, cells, threads))
    sizes = {task["batch"]: len(task["cells"]) for task in todo}

    def on_result(result: dict) -> None:
        if out is not None:
            buffer = _parquet(result["pairs"])
            write_atomically(out / "pairs" / f"batch-{result['batch']}.parquet", buffer)
        tables.append(result["pairs"])
        if progress is not None:
            progress(sizes[result["batch"]])

    if todo and chosen == "sync":
        for task in todo:  # in this process, one after another: no need for Dask
            on_result(run_batch(task))
    elif todo:
        names = [task["batch"] for task in todo]
        schedulers.run_tasks(run_batch, todo, names, chosen, workers, on_result)
    data = pd.concat(tables, ignore_index=True)
    labels = list(problem.strategies)
    out_tables = {}
    for cell, frame in data.groupby("cell", sort=False):
        square = frame.pivot(index="row", columns="column")
        V = square["payoff"].loc[labels, labels]
        C = square["cooperation_rate"].loc[labels, labels]
        V.index.name, V.columns.name = "row", "column"
        C.index.name, C.columns.name = "row", "column"
        out_tables[str(cell)] = (V, C)
    return out_tables


def _parquet(frame: pd.DataFrame) -> bytes:
    import io

    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()
