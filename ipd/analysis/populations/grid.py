"""Grids of population computations over (N, mu, s, w, noise, b, misperception, assortment), run
like sweeps: one Parquet file per cell in a folder, any scheduler, resumable.

A :class:`PopulationGrid` names a job (``moran``, ``fixation`` or
``spatial``), where payoffs come from (exact values under w, Nowak and May's
game with temptation b, a tournament, or matches), the axes and their
values, and every other parameter as plain data. Each cell's seed is a hash
of the master seed and the cell's values, so a cell's numbers do not
depend on which other cells exist or where they ran. The folder holds
``populations.json`` (the grid, checked when resuming) and
``cells/cell-ID.parquet``; a cell's file is written atomically when it
finishes, so an interrupted grid resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from ipd._version import __version__
from ipd.core.errors import IpdError
from ipd.core.settings import MAX_SEED, check_seed

FORMAT = "ipd-populations/1"
JOBS = ("moran", "fixation", "spatial")
SOURCES = ("exact", "nowak_may", "tournament", "matches")
AXES = ("n", "mutation", "intensity", "w", "noise", "b", "misperception", "assortment")
_JOB_AXES = {
    "moran": ("n", "mutation", "intensity", "w", "noise", "misperception", "assortment"),
    "fixation": ("n", "intensity", "w", "noise", "misperception", "assortment"),
    "spatial": ("b", "w", "noise", "misperception"),
}


@dataclass(frozen=True)
class PopulationGrid:
    """Everything that determines a grid's numbers (and is checked when resuming).

    Parameters
    ----------
    job : ``"moran"``, ``"fixation"`` or ``"spatial"``.
    source : ``"exact"`` (exact payoffs under w), ``"nowak_may"`` (the one-shot
        game with temptation b; strategies C and D), ``"tournament"`` (a
        tournament's payoff table, w as its continuation probability) or
        ``"matches"`` (matches every generation, w as continuation).
    strategies : the pool.
    axes : ``((name, (values...)), ...)``, names among n, mutation,
        intensity, w, noise, b, misperception and assortment.
    population : moran and fixation settings (``MoranSettings`` fields as
        plain data) and, for moran, ``start``: ``"even"`` or ``"mutant:LABEL"``
        (one LABEL among residents of the first other strategy).
    spatial : spatial settings (``SpatialSettings`` fields as plain data) and
        ``initial`` (shares ``{label: share}`` or ``"single"``).
    play : tournament settings (``Settings`` fields as plain data).
    w : w of the cells when it is not an axis (exact payoffs need one).
    b : Nowak and May's temptation when it is not an axis.
    seed : master seed (``None``: the folder's when resuming, else drawn).
    """

    job: str
    source: str
    strategies: tuple[str, ...]
    axes: tuple[tuple[str, tuple[float, ...]], ...]
    population: dict[str, Any] = field(default_factory=dict)
    spatial: dict[str, Any] = field(default_factory=dict)
    play: dict[str, Any] = field(default_factory=dict)
    w: float | None = None
    b: float = 1.85
    seed: int | None = None
    strategy_files: tuple[str, ...] = ()
    ipd_version: str = __version__

    def __post_init__(self) -> None:
        if self.job not in JOBS:
            raise IpdError(f"job must be one of {', '.join(JOBS)}, got {self.job!r}")
        if self.source not in SOURCES:
            raise IpdError(f"source must be one of {', '.join(SOURCES)}, got {self.source!r}")
        axes = []
        for name, values in self.axes:
            if name not in _JOB_AXES[self.job]:
                known = ", ".join(_JOB_AXES[self.job])
                raise IpdError(f"a {self.job} grid has no axis {name!r} (axes: {known})")
            values = tuple(int(v) if name == "n" else float(v) for v in values)
            if not values or len(set(values)) != len(values):
                raise IpdError(f"the values of {name} must be given once each")
            axes.append((name, values))
        names = [a for a, _ in axes]
        if len(set(names)) != len(names):
            raise IpdError("an axis is given twice")
        object.__setattr__(self, "axes", tuple(axes))
        object.__setattr__(self, "strategies", tuple(self.strategies))
        if self.seed is not None:
            check_seed(self.seed)
        # Every cell is checked before any runs: bad values fail at once, in one line.
        for params in self.cells():
            _cell_inputs(self, params, check_only=True)

    def cells(self) -> list[dict[str, Any]]:
        """The parameters of every cell, the last axis varying fastest."""
        names = [a for a, _ in self.axes]
        return [
            dict(zip(names, values, strict=True))
            for values in itertools.product(*(v for _, v in self.axes))
        ]

    @staticmethod
    def cell_id(params: dict[str, Any]) -> str:
        text = json.dumps(params, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def cell_seed(self, params: dict[str, Any]) -> int:
        text = json.dumps({"seed": self.seed, **params}, sort_keys=True)
        return int(hashlib.sha256(text.encode()).hexdigest()[:16], 16) & MAX_SEED

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["axes"] = [[name, list(values)] for name, values in self.axes]
        data["strategies"] = list(self.strategies)
        data["strategy_files"] = list(self.strategy_files)
        return json.loads(json.dumps(data))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PopulationGrid:
        values = dict(data)
        values["axes"] = tuple((a, tuple(v)) for a, v in values["axes"])
        values["strategies"] = tuple(values["strategies"])
        values["strategy_files"] = tuple(values.get("strategy_files", ()))
        return cls(**values)


def _cell_inputs(grid: PopulationGrid, params: dict[str, Any], check_only: bool = False):
    """The payoff source and settings of one cell (checked; nothing is played when checking)."""
    from ipd.analysis.populations.settings import MoranSettings
    from ipd.analysis.populations.spatial import SpatialSettings, nowak_may_payoffs
    from ipd.core.settings import Settings

    values = {**params}
    play = Settings.from_config(grid.play)
    if "noise" in values:
        play = play.updated(noise=values["noise"])
    if "misperception" in values:
        play = play.updated(misperception=values["misperception"])
    w = values.get("w", grid.w)
    payoffs: Any = None
    if grid.source == "nowak_may":
        payoffs = nowak_may_payoffs(values.get("b", grid.b))
    elif grid.source == "exact":
        if w is None:
            raise IpdError("exact payoffs need w (an axis, or the grid's w)")
        if not check_only:
            from ipd.analysis.exact import exact_payoffs

            payoffs = exact_payoffs(
                list(grid.strategies),
                w,
                game=play.payoffs,
                noise=play.noise,
                misperception=play.misperception,
            )
    else:
        if w is not None:
            play = play.updated(continuation=w)
        if grid.source == "matches":
            from ipd.analysis.populations.payoffs import Matches

            payoffs = Matches(tuple(grid.strategies), play)
        elif not check_only:
            from ipd.analysis.populations.payoffs import tournament_payoffs

            payoffs = tournament_payoffs(list(grid.strategies), play.updated(seed=grid.seed))
    seed = grid.cell_seed(params) if grid.seed is not None else None
    if grid.job == "spatial":
        options = {k: v for k, v in grid.spatial.items() if k != "initial"}
        return payoffs, SpatialSettings(**options, seed=seed)
    options = {k: v for k, v in grid.population.items() if k not in ("start", "n")}
    for name in ("mutation", "intensity", "assortment"):
        if name in values:
            options[name] = values[name]
    settings = MoranSettings(**options, seed=seed)
    if grid.source == "matches" and settings.assortment > 0:
        raise IpdError(
            "assortment works through a payoff table; it is not available with matches "
            "played every generation"
        )
    if "n" in values or "n" in grid.population:
        settings.graphs(int(values.get("n", grid.population.get("n", 0))), connected=False)
    return payoffs, settings


def compute_cell(grid: PopulationGrid, params: dict[str, Any]) -> pd.DataFrame:
    """One cell's table, the cell's values as leading columns."""
    from ipd.analysis.populations.fixation import fixation_matrix
    from ipd.analysis.populations.moran import moran
    from ipd.analysis.populations.spatial import spatial

    payoffs, settings = _cell_inputs(grid, params)
    labels = list(payoffs.columns) if isinstance(payoffs, pd.DataFrame) else payoffs.labels
    if grid.job == "spatial":
        frame = spatial(payoffs, grid.spatial.get("initial"), settings).shares().reset_index()
    else:
        n = int(params.get("n", grid.population.get("n", 20)))
        if grid.job == "fixation":
            frame = fixation_matrix(payoffs, n, settings).table()
        else:
            start = grid.population.get("start", "even")
            result = moran(payoffs, _start(start, labels, n), settings)
            frame = result.run_table()
    for name in reversed([a for a, _ in grid.axes]):
        frame.insert(0, name, params[name])
    return frame


def _start(spec: str, labels: list[str], n: int) -> dict[str, int]:
    from ipd.analysis.populations.settings import split_evenly

    if spec == "even":
        return split_evenly(labels, n)
    if isinstance(spec, str) and spec.startswith("mutant:"):
        mutant = spec.partition(":")[2]
        if mutant not in labels:
            raise IpdError(f"the mutant {mutant!r} is not one of {', '.join(labels)}")
        resident = next(x for x in labels if x != mutant)
        return {mutant: 1, resident: n - 1}
    raise IpdError(f"a grid's start is 'even' or 'mutant:LABEL', got {spec!r}")


# --------------------------------------------------------------------------- the folder


@dataclass
class GridReport:
    """What :func:`run_grid` did."""

    out: Path
    grid: PopulationGrid
    cells_total: int
    cells_before: int
    cells_run: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "job": self.grid.job,
            "axes": {name: list(values) for name, values in self.grid.axes},
            "seed": self.grid.seed,
            "cells_total": self.cells_total,
            "cells_before": self.cells_before,
            "cells_run": self.cells_run,
            "seconds": self.seconds,
        }


def grid_task(task: dict) -> dict:
    """One cell, in whatever process Dask chose."""
    from ipd.analysis.populations.moran import parquet_bytes
    from ipd.strategies import load_strategy_file
    from ipd.sweep.schedulers import ENGINE_LOCK, set_engine_threads

    grid = PopulationGrid.from_dict(task["grid"])
    with ENGINE_LOCK:
        set_engine_threads(task["engine_threads"])
        for path in grid.strategy_files:
            load_strategy_file(path)
        frame = compute_cell(grid, task["params"])
    return {"cell": task["cell"], "data": parquet_bytes(frame, {"cell": task["params"]})}


def run_grid(
    grid: PopulationGrid,
    out: str | Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress=False,
) -> GridReport:
    """Compute every missing cell of a grid into the folder ``out`` (resuming a started one)."""
    from ipd.analysis.populations.distribute import fan_out, progress_callback, threads_for
    from ipd.core.io import write_atomically
    from ipd.sweep.store import _check_writable, _exclusive

    out = Path(out).expanduser()
    grid = _open_folder(out, grid)
    _check_writable(out)
    workers, threads = threads_for(scheduler, workers)
    cells = grid.cells()
    folder = out / "cells"
    with _exclusive(out):
        folder.mkdir(exist_ok=True)
        for stale in folder.glob(".cell-*.tmp"):
            stale.unlink(missing_ok=True)
        done = {
            c for c in (grid.cell_id(p) for p in cells) if (folder / f"cell-{c}.parquet").exists()
        }
        todo = [p for p in cells if grid.cell_id(p) not in done]
        tasks = [
            {
                "cell": grid.cell_id(p),
                "params": p,
                "grid": grid.to_dict(),
                "engine_threads": threads,
            }
            for p in todo
        ]
        callback, bar = progress_callback(
            progress if tasks else False, len(cells), "cell", grid.job
        )
        if bar is not None:
            bar.update(len(done))

        def on_result(result: dict) -> None:
            write_atomically(folder / f"cell-{result['cell']}.parquet", result["data"])
            if callback is not None:
                callback(1)

        started = time.perf_counter()
        try:
            fan_out(tasks, grid_task, scheduler, workers, on_result)
        finally:
            if bar is not None:
                bar.close()
    return GridReport(out, grid, len(cells), len(done), len(tasks), time.perf_counter() - started)


def _open_folder(out: Path, grid: PopulationGrid) -> PopulationGrid:
    from ipd.core.io import write_atomically
    from ipd.sweep.store import check_new_folder

    manifest = out / "populations.json"
    if out.exists() and not out.is_dir():
        raise IpdError(f"output {out} exists and is not a folder")
    if manifest.exists():
        try:
            previous = PopulationGrid.from_dict(json.loads(manifest.read_text())["grid"])
        except (OSError, ValueError, KeyError, TypeError, IpdError) as exc:
            raise IpdError(f"{manifest} is not a readable ipd population grid ({exc})") from None
        if grid.seed is None:
            grid = replace(grid, seed=previous.seed)
        mine, theirs = grid.to_dict(), previous.to_dict()
        differences = [k for k in mine if mine[k] != theirs.get(k)]
        if differences:
            raise IpdError(
                f"{out} holds a grid with different settings ({', '.join(differences)}); "
                "use another output folder, or delete this one to start over"
            )
        return grid
    check_new_folder(out, manifest.name)
    if grid.seed is None:
        grid = replace(grid, seed=check_seed(None))
    out.mkdir(exist_ok=True)
    document = {
        "format": FORMAT,
        "grid": grid.to_dict(),
        "cells": [{"cell": grid.cell_id(p), **p, "seed": grid.cell_seed(p)} for p in grid.cells()],
    }
    write_atomically(manifest, (json.dumps(document, indent=2) + "\n").encode())
    return grid


def load_grid(out: str | Path, complete: bool = False) -> pd.DataFrame:
    """A grid folder's cells as one DataFrame, in the grid's cell order."""
    out = Path(out).expanduser()
    manifest = out / "populations.json"
    if not manifest.is_file():
        raise IpdError(f"{out} is not a population grid folder (no populations.json)")
    grid = PopulationGrid.from_dict(json.loads(manifest.read_text())["grid"])
    frames = []
    missing = 0
    for params in grid.cells():
        path = out / "cells" / f"cell-{grid.cell_id(params)}.parquet"
        if path.exists():
            frames.append(pd.read_parquet(path))
        else:
            missing += 1
    if complete and missing:
        raise IpdError(f"{out} is incomplete: {missing} of {len(grid.cells())} cells missing")
    if not frames:
        raise IpdError(f"{out} has no finished cells yet")
    return pd.concat(frames, ignore_index=True)
