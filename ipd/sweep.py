"""Sweeps: a grid of tournaments over w (and noise, and payoffs), run through Dask.

Each *cell* of the grid is one full tournament (or one exact computation) at
one ``(w, noise, payoffs)``. Its seed is derived from the master seed and the
cell's own parameters, never from its position in a queue, so a cell gives
the same numbers whichever scheduler, worker or order runs it.

Output folder (a Parquet dataset)::

    OUT/sweep.json                       settings, seed and cell list: rerun exactly
    OUT/strategies/cell-<id>.parquet     one row per strategy of each finished cell
    OUT/pairs/cell-<id>.parquet          one row per ordered pair (with pairs=True)

Each cell file is written atomically (temporary file, then ``os.replace``) as
soon as the cell finishes, pair file first: a cell is finished when its
strategy file exists. Running the same sweep again into the same folder runs
only the missing cells, and refuses if the settings differ.

Parallelism: one level per process. The engine's kernels are numba
``parallel=True`` functions; numba's ``workqueue`` layer aborts the process
when two threads launch them at once, and Dask threads gain nothing anyway.
So a process runs one cell at a time (a process-wide lock enforces it even in
a multi-threaded Dask worker) and that cell gets the process's share of cores
as numba threads: all of them with the default in-process scheduler, one
per process with the local process pool, and, on a Dask cluster, as many as
the worker has Dask threads (start workers with ``--nthreads``).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
import os
import platform
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ipd._version import __version__
from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.settings import MAX_SEED, check_noise, check_repetitions, check_seed, check_turns

FORMAT = "ipd-sweep/1"
MODES = ("continuation", "discount", "exact")
DISCOUNT_TAIL = 1e-6
"""In discount mode (without explicit turns) matches are long enough that the
weight of the moves left out, w**turns, is at most this."""
_ROUND = 12
"""Grid values are rounded to this many decimals, so 0.5 + 7 * 0.01 is 0.57."""

_ENGINE_LOCK = threading.Lock()
"""One cell at a time per process: see the module docstring."""


# --------------------------------------------------------------------------- the grid


def parse_floats(text: str, name: str) -> list[float]:
    """Comma-separated numbers (``"0.5,0.9,0.99"``) as floats; bad input is an IpdError."""
    from ipd.core.values import split_numbers

    return split_numbers(text, float, f"{name} must be numbers separated by commas, got {text!r}")


def w_grid(
    values: Sequence[float] | str | None = None,
    w_range: str | Sequence[float] | None = None,
    count: int | None = None,
) -> list[float]:
    """The w values of a sweep, from exactly one of three forms.

    Parameters
    ----------
    values : an explicit list (``[0.5, 0.9, 0.99]`` or ``"0.5,0.9,0.99"``).
    w_range : ``"START:STOP:STEP"`` (STOP included when the steps land on it),
        or ``"START:STOP"`` with ``count``.
    count : number of evenly spaced points from START to STOP inclusive.

    Every value must lie strictly between 0 and 1.

    Examples
    --------
    >>> w_grid(w_range="0.5:0.6:0.05")
    [0.5, 0.55, 0.6]
    >>> w_grid(w_range="0.5:0.9", count=3)
    [0.5, 0.7, 0.9]
    """
    if values is not None and (w_range is not None or count is not None):
        raise IpdError("give either a list of w values or a range, not both")
    if values is not None:
        grid = parse_floats(values, "w") if isinstance(values, str) else [float(v) for v in values]
    elif w_range is not None:
        grid = _range(w_range, count)
    else:
        if count is not None:
            raise IpdError("a count of w values needs a range START:STOP")
        raise IpdError(
            "give the w values: a list (--w 0.5,0.9) or a range (--w-range 0.5:0.99:0.01)"
        )
    if not grid:
        raise IpdError("the w grid is empty")
    for w in grid:
        if not (0.0 < w < 1.0) or math.isnan(w):
            raise IpdError(f"every w must be strictly between 0 and 1, got {w:g}")
    grid = [round(w, _ROUND) for w in grid]
    duplicates = sorted({w for w in grid if grid.count(w) > 1})
    if duplicates:
        raise IpdError(f"w listed twice: {', '.join(f'{w:g}' for w in duplicates)}")
    return grid


def _range(w_range, count) -> list[float]:
    parts = (
        parse_floats(w_range.replace(":", ","), "w range")
        if isinstance(w_range, str)
        else ([float(v) for v in w_range])
    )
    if len(parts) == 3:
        if count is not None:
            raise IpdError("give either a step (START:STOP:STEP) or a count, not both")
        start, stop, step = parts
        if not step > 0:
            raise IpdError(f"the w step must be positive, got {step:g}")
        if stop < start:
            raise IpdError(f"the w range {start:g}:{stop:g} is empty (STOP < START)")
        # A small allowance so STOP itself is included despite rounding (0.5:0.99:0.01).
        n = math.floor((stop - start) / step + 1e-9) + 1
        if n > 1_000_000:
            raise IpdError(f"the w range has {n} points; use a larger step")
        return [start + k * step for k in range(n)]
    if len(parts) == 2:
        start, stop = parts
        if count is None:
            raise IpdError("a range START:STOP needs a step (START:STOP:STEP) or a count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise IpdError(f"the count of w values must be a whole number >= 1, got {count!r}")
        if stop < start:
            raise IpdError(f"the w range {start:g}:{stop:g} is empty (STOP < START)")
        if count == 1:
            return [start]
        return [start + (stop - start) * k / (count - 1) for k in range(count)]
    raise IpdError(f"a w range is START:STOP:STEP or START:STOP (with a count), got {w_range!r}")


def discount_turns(w: float, tail: float = DISCOUNT_TAIL) -> int:
    """Match length in discount mode: the smallest N with w**N <= tail."""
    return max(1, math.ceil(math.log(tail) / math.log(w)))


# --------------------------------------------------------------------------- settings and cells


@dataclass(frozen=True)
class Cell:
    """One point of the grid."""

    w: float
    noise: float
    payoffs: tuple[float, float, float, float]

    def key(self) -> dict[str, Any]:
        return {"w": self.w, "noise": self.noise, "payoffs": list(self.payoffs)}

    @property
    def id(self) -> str:
        """A name derived from the parameters alone (16 hex digits)."""
        text = json.dumps(self.key(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def seed(self, master: int) -> int:
        """The cell's seed: a hash of the master seed and the cell's parameters."""
        text = json.dumps({"seed": master, **self.key()}, sort_keys=True)
        return int(hashlib.sha256(text.encode()).hexdigest()[:16], 16) & MAX_SEED


@dataclass(frozen=True)
class SweepSettings:
    """Everything that determines a sweep's numbers (and is checked when resuming).

    Parameters
    ----------
    strategies : the pool (ids with optional parameters).
    w : the grid of continuation probabilities / discount factors.
    noise : noise levels crossed with w.
    payoffs : payoff sets ``(R, S, T, P)`` crossed with w and noise.
    mode : ``"continuation"`` (geometric match lengths with mean 1 / (1 - w)),
        ``"discount"`` (fixed-length matches, move t weighted w**(t-1)) or
        ``"exact"`` (expected values without sampling, :mod:`ipd.analysis.exact`).
    repetitions : round robins per cell (exact mode: matches per simulated pair).
    seed : master seed (``None``: adopt the folder's when resuming, else draw one).
    self_play : each strategy also meets its twin, and the match counts.
    turns : discount mode's match length (``None``: enough that w**turns <= 1e-6).
    fallback : exact mode: ``"simulate"`` estimates pairs without an exact answer.
    pairs : also write the pair-level table.
    strategy_files : user strategy files to load (in every worker).
    allow_non_dilemma : accept payoffs that are not a Prisoner's Dilemma.
    """

    strategies: tuple[str, ...]
    w: tuple[float, ...]
    noise: tuple[float, ...] = (0.0,)
    payoffs: tuple[tuple[float, float, float, float], ...] = ((3.0, 0.0, 5.0, 1.0),)
    mode: str = "continuation"
    repetitions: int = 10
    seed: int | None = None
    self_play: bool = True
    turns: int | None = None
    fallback: str | None = None
    pairs: bool = False
    strategy_files: tuple[str, ...] = ()
    allow_non_dilemma: bool = False
    ipd_version: str = field(default=__version__)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "strategy_files", tuple(str(Path(f).resolve()) for f in self.strategy_files))
        set_(self, "w", tuple(w_grid(list(self.w))))
        noise = [check_noise(v) for v in self.noise]
        if not noise:
            raise IpdError("give at least one noise level")
        if len(set(noise)) != len(noise):
            raise IpdError("a noise level is listed twice")
        set_(self, "noise", tuple(noise))
        payoffs = []
        for p in self.payoffs:
            game = p if isinstance(p, Game) else _game(p, self.allow_non_dilemma)
            payoffs.append(game.payoffs)
        if not payoffs:
            raise IpdError("give at least one set of payoffs")
        if len(set(payoffs)) != len(payoffs):
            raise IpdError("a set of payoffs is listed twice")
        set_(self, "payoffs", tuple(payoffs))
        if self.mode not in MODES:
            raise IpdError(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        set_(self, "repetitions", check_repetitions(self.repetitions))
        if self.seed is not None:
            check_seed(self.seed)
        if self.turns is not None:
            if self.mode != "discount":
                raise IpdError("turns applies only to discount mode (match lengths are drawn)")
            check_turns(self.turns)
        if self.fallback not in (None, "simulate"):
            raise IpdError(f"fallback must be 'simulate' or nothing, got {self.fallback!r}")
        if self.fallback is not None and self.mode != "exact":
            raise IpdError("a fallback applies only to exact mode")
        if not self.strategies:
            raise IpdError("a sweep needs at least one strategy")
        if len(self.strategies) < 2 and not self.self_play:
            raise IpdError("without self-play a sweep needs at least two strategies")
        set_(self, "strategies", tuple(self.strategies))

    def cells(self) -> list[Cell]:
        """Every cell, ordered by payoffs, noise, then w."""
        return [
            Cell(w, noise, payoffs)
            for payoffs, noise, w in itertools.product(self.payoffs, self.noise, self.w)
        ]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["payoffs"] = [list(p) for p in self.payoffs]
        for key in ("strategies", "w", "noise", "strategy_files"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SweepSettings:
        values = dict(data)
        for key in ("strategies", "w", "noise", "strategy_files"):
            values[key] = tuple(values.get(key, ()))
        values["payoffs"] = tuple(tuple(p) for p in values["payoffs"])
        return cls(**values)


def _game(payoffs, allow_non_dilemma: bool) -> Game:
    if isinstance(payoffs, str):
        return Game.parse(payoffs, allow_non_dilemma=allow_non_dilemma)
    values = list(payoffs)
    if len(values) != 4:
        raise IpdError(f"payoffs must be four numbers R,S,T,P, got {payoffs!r}")
    return Game(*values, allow_non_dilemma=allow_non_dilemma)


def prepare_pool(settings: SweepSettings) -> SweepSettings:
    """Load strategy files, canonicalise the labels and check the pool for every payoff set.

    Problems (unknown strategies, a zero-determinant strategy impossible for
    some payoffs, a pair with no exact answer) surface before any cell runs.
    """
    from ipd.analysis.exact import check_exact
    from ipd.core.players import parse_player
    from ipd.strategies import load_strategy_file

    for path in settings.strategy_files:
        load_strategy_file(path)
    players = [parse_player(s) for s in settings.strategies]
    labels = [p.label for p in players]
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    if duplicates:
        raise IpdError(f"strategy listed twice: {', '.join(duplicates)}")
    for payoffs in settings.payoffs:
        game = Game(*payoffs, allow_non_dilemma=settings.allow_non_dilemma)
        for player in players:
            player.behaviour(game)
        if settings.mode == "exact" and settings.fallback is None:
            for noise in settings.noise:
                check_exact(players, noise, game)
    return replace(settings, strategies=tuple(labels))


# --------------------------------------------------------------------------- one cell


def cell_task(settings: SweepSettings, cell: Cell, engine_threads: int | str | None) -> dict:
    """Everything a worker needs to run one cell: plain data, cheap to ship."""
    return {
        "cell": cell.id,
        "mode": settings.mode,
        "w": cell.w,
        "noise": cell.noise,
        "payoffs": list(cell.payoffs),
        "allow_non_dilemma": settings.allow_non_dilemma,
        "seed": cell.seed(settings.seed),
        "repetitions": settings.repetitions,
        "self_play": settings.self_play,
        "turns": (settings.turns or discount_turns(cell.w))
        if settings.mode == "discount"
        else None,
        "fallback": settings.fallback,
        "pairs": settings.pairs,
        "strategies": list(settings.strategies),
        "strategy_files": list(settings.strategy_files),
        "engine_threads": engine_threads,
    }


def run_cell(task: dict) -> dict:
    """Run one cell (in whatever process Dask chose); return its tables.

    Returns a dict with ``cell`` (its id), ``strategies`` and ``pairs``
    (DataFrames; ``pairs`` is ``None`` unless asked for), ``turns`` (moves
    played) and ``seconds``.
    """
    from ipd.strategies import load_strategy_file

    with _ENGINE_LOCK:
        _set_engine_threads(task["engine_threads"])
        for path in task["strategy_files"]:
            load_strategy_file(path)
        started = time.perf_counter()
        strategies, pairs, turns = _compute_cell(task)
        seconds = time.perf_counter() - started
    return {
        "cell": task["cell"],
        "strategies": strategies,
        "pairs": pairs,
        "turns": turns,
        "seconds": seconds,
    }


def _set_engine_threads(requested: int | str | None) -> None:
    """Give this process's cell its share of cores as numba threads (see the module doc)."""
    if requested is None:
        return
    import numba

    if requested == "worker":
        try:
            from distributed import get_worker

            worker = get_worker()
            requested = getattr(getattr(worker, "state", worker), "nthreads", 1)
        except (ImportError, ValueError):
            return
    numba.set_num_threads(max(1, min(int(requested), numba.config.NUMBA_NUM_THREADS)))


def _cell_columns(task: dict) -> dict[str, Any]:
    R, S, T, P = task["payoffs"]
    return {
        "cell": task["cell"],
        "mode": task["mode"],
        "w": task["w"],
        "noise": task["noise"],
        "R": R,
        "S": S,
        "T": T,
        "P": P,
        "seed": task["seed"],
        "repetitions": task["repetitions"],
        "turns": task["turns"],
    }


STRATEGY_COLUMNS = [
    "strategy",
    "name",
    "rank",
    "score",
    "score_per_turn",
    "score_std",
    "cooperation_rate",
    "stable",
    "n_invaders",
    "invaders",
    "method",
]
PAIR_COLUMNS = [
    "row",
    "column",
    "payoff",
    "cooperation_rate",
    "method",
    "error_bound",
    "matches",
    "moves",
]


def _compute_cell(task: dict):
    """The cell's strategy table, pair table (or None) and the number of moves played."""
    import numpy as np
    import pandas as pd

    from ipd.analysis.exact import exact_analysis, exact_summary
    from ipd.analysis.stability import payoff_estimates, stability
    from ipd.core.tournament import Tournament
    from ipd.engine import layout as L

    game = Game(*task["payoffs"], allow_non_dilemma=task["allow_non_dilemma"])
    if task["mode"] == "exact":
        result = exact_analysis(
            task["strategies"],
            task["w"],
            game=game,
            noise=task["noise"],
            fallback=task["fallback"],
            repetitions=task["repetitions"],
            seed=task["seed"],
        )
        summary = exact_summary(result, self_play=task["self_play"])
        summary["score_std"] = np.nan
        summary["stable"] = pd.array(summary["stable"].to_numpy(), dtype="boolean")
        summary["n_invaders"] = pd.array(summary["n_invaders"].to_numpy(), dtype="Int64")
        turns = 0
        pair_rows = None
        if task["pairs"]:
            pair_rows = _long(result.payoffs, "payoff")
            pair_rows["cooperation_rate"] = _long(result.cooperation, "v")["v"]
            pair_rows["method"] = _long(result.method, "v")["v"]
            pair_rows["error_bound"] = _long(result.error_bound, "v")["v"]
            pair_rows["matches"] = pd.array([pd.NA] * len(pair_rows), dtype="Int64")
            pair_rows["moves"] = pd.array([pd.NA] * len(pair_rows), dtype="Int64")
    else:
        tournament = Tournament(
            task["strategies"],
            repetitions=task["repetitions"],
            continuation=task["w"] if task["mode"] == "continuation" else None,
            discount=task["w"] if task["mode"] == "discount" else None,
            turns=task["turns"] or 1,
            noise=task["noise"],
            seed=task["seed"],
            payoffs=game,
            self_play=task["self_play"],
        )
        results = tournament.play()
        summary = results.summary()
        estimates = payoff_estimates(results)
        if task["self_play"]:
            stable = stability(estimates).set_index("strategy").loc[summary["strategy"]]
            summary["stable"] = pd.array(stable["stable"].to_numpy(), dtype="boolean")
            summary["n_invaders"] = pd.array(stable["n_invaders"].to_numpy(), dtype="Int64")
            summary["invaders"] = stable["invaders"].to_numpy()
        else:
            # Stability needs each strategy's payoff against its twin, which was not played.
            summary["stable"] = pd.array([pd.NA] * len(summary), dtype="boolean")
            summary["n_invaders"] = pd.array([pd.NA] * len(summary), dtype="Int64")
            summary["invaders"] = pd.array([pd.NA] * len(summary), dtype="string")
        summary["method"] = "simulated"
        turns = int(results.pair_counts[:, L.TURNS].sum())
        pair_rows = None
        if task["pairs"]:
            table = results.pair_table()
            values = estimates.to_numpy()
            index = {label: k for k, label in enumerate(results.labels)}
            pair_rows = pd.DataFrame(
                {
                    "row": table["row"],
                    "column": table["column"],
                    "payoff": [
                        values[index[r], index[c]]
                        for r, c in zip(table["row"], table["column"], strict=True)
                    ],
                    "cooperation_rate": table["cooperation_rate"],
                    "method": "simulated",
                    "error_bound": np.nan,
                    "matches": pd.array(table["matches"], dtype="Int64"),
                    "moves": pd.array(table["turns"], dtype="Int64"),
                }
            )
    strategies = _with_cell(summary[STRATEGY_COLUMNS], task)
    pairs = None if pair_rows is None else _with_cell(pair_rows[PAIR_COLUMNS], task)
    return strategies, pairs, turns


def _long(matrix, name: str):
    """A square DataFrame as rows (row, column, value) in row-major order."""
    import pandas as pd

    labels = list(matrix.index)
    data = matrix.to_numpy()
    return pd.DataFrame(
        {
            "row": [r for r in labels for _ in labels],
            "column": [c for _ in labels for c in labels],
            name: [data[i, j] for i in range(len(labels)) for j in range(len(labels))],
        }
    )


def _with_cell(frame, task: dict):
    """The cell's parameters as leading columns of ``frame`` (built in one go: it is per cell)."""
    import numpy as np
    import pandas as pd

    n = len(frame)
    columns: dict[str, Any] = {}
    for key, value in _cell_columns(task).items():
        if key == "turns":
            columns[key] = pd.array([value] * n, dtype="Int64")
        elif isinstance(value, str):
            columns[key] = [value] * n
        else:
            columns[key] = np.full(n, value, dtype=np.int64 if isinstance(value, int) else float)
    for key in frame.columns:
        columns[key] = frame[key].array
    return pd.DataFrame(columns)


# --------------------------------------------------------------------------- the folder


@dataclass
class SweepReport:
    """What :func:`run_sweep` did."""

    out: Path
    settings: SweepSettings
    cells_total: int
    cells_before: int
    cells_run: int
    seconds: float
    turns: int
    scheduler: str

    @property
    def turns_per_second(self) -> float:
        return self.turns / self.seconds if self.seconds > 0 else 0.0


def _strategy_file(out: Path, cell_id: str) -> Path:
    return out / "strategies" / f"cell-{cell_id}.parquet"


def _pair_file(out: Path, cell_id: str) -> Path:
    return out / "pairs" / f"cell-{cell_id}.parquet"


def open_folder(out: str | Path, settings: SweepSettings) -> SweepSettings:
    """Create the output folder, or check that an existing one holds this very sweep.

    Returns the settings with the seed fixed (the folder's seed when resuming
    without one, else a fresh one when none was given).
    """
    from ipd.core.io import write_atomically

    out = Path(out).expanduser()
    if out.exists() and not out.is_dir():
        raise IpdError(f"output {out} exists and is not a folder")
    manifest = out / "sweep.json"
    if out.is_dir() and manifest.exists():
        try:
            existing = json.loads(manifest.read_text())
            previous = SweepSettings.from_dict(existing["settings"])
        except (OSError, ValueError, KeyError, TypeError, IpdError) as exc:
            raise IpdError(f"{manifest} is not a readable ipd sweep manifest ({exc})") from None
        if settings.seed is None:
            settings = replace(settings, seed=previous.seed)
        differences = [
            key for key, value in settings.to_dict().items() if previous.to_dict().get(key) != value
        ]
        if differences:
            details = "; ".join(
                f"{key}: {_brief(getattr(previous, key))} there, {_brief(getattr(settings, key))}"
                " here"
                for key in differences
            )
            raise IpdError(
                f"{out} holds a sweep with different settings ({details}); "
                "use another output folder, or delete this one to start over"
            )
        _check_writable(out)
        return settings
    if out.is_dir() and any(out.iterdir()):
        raise IpdError(f"output folder {out} is not empty and holds no sweep.json")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise IpdError(f"cannot create {out}: folder {parent} does not exist")
    if settings.seed is None:
        settings = replace(settings, seed=check_seed(None))
    try:
        out.mkdir(exist_ok=True)
    except OSError as exc:
        raise IpdError(f"cannot create {out}: {exc.strerror}") from None
    _check_writable(out)
    document = {
        "format": FORMAT,
        "settings": settings.to_dict(),
        "environment": _environment(),
        "cells": [
            {"cell": c.id, **c.key(), "seed": c.seed(settings.seed)} for c in settings.cells()
        ],
    }
    write_atomically(manifest, (json.dumps(document, indent=2) + "\n").encode())
    return settings


def _brief(value) -> str:
    text = json.dumps(list(value) if isinstance(value, tuple) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_writable(out: Path) -> None:
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError:
        raise IpdError(f"cannot write to {out}: the folder is not writable") from None


def _environment() -> dict[str, Any]:
    import numba

    return {
        "ipd_version": __version__,
        "numba_version": numba.__version__,
        "python_version": platform.python_version(),
        "platform": platform.platform(),
    }


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """Hold a lock on the folder: two sweeps writing one folder would trip over each other.

    An advisory ``flock``: the kernel drops it when the process dies, even by SIGKILL.
    """
    import fcntl

    handle = open(out / ".lock", "w")  # noqa: SIM115 - held for the whole run
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise IpdError(f"another ipd sweep is writing to {out}") from None
        yield
    finally:
        handle.close()


def finished_cells(out: str | Path, settings: SweepSettings) -> set[str]:
    """Ids of the cells whose files are complete."""
    out = Path(out)
    done = set()
    for cell in settings.cells():
        if _strategy_file(out, cell.id).exists() and (
            not settings.pairs or _pair_file(out, cell.id).exists()
        ):
            done.add(cell.id)
    return done


def _write_cell(out: Path, result: dict) -> None:
    from ipd.core.io import write_atomically

    if result["pairs"] is not None:
        write_atomically(_pair_file(out, result["cell"]), _parquet_bytes(result["pairs"]))
    # The strategy file last: its presence is what marks the cell finished.
    write_atomically(_strategy_file(out, result["cell"]), _parquet_bytes(result["strategies"]))


def _parquet_bytes(frame) -> bytes:
    import io

    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


# --------------------------------------------------------------------------- schedulers


def resolve_scheduler(scheduler: str | None) -> str:
    """``"sync"``, ``"processes"`` or a scheduler address, from the option or Dask's config.

    Without an option, Dask's ``scheduler-address`` setting (for example the
    ``DASK_SCHEDULER_ADDRESS`` environment variable) selects that cluster,
    and Dask's ``scheduler`` setting ``"processes"`` or ``"sync"`` the local
    schedulers; otherwise cells run in this process.
    """
    if scheduler is None:
        import dask

        address = dask.config.get("scheduler-address", None)
        if address:
            return str(address)
        configured = dask.config.get("scheduler", None)
        scheduler = configured if isinstance(configured, str) else "sync"
    text = str(scheduler).strip()
    if text in ("sync", "synchronous", "single-threaded"):
        return "sync"
    if text in ("processes", "multiprocessing"):
        return "processes"
    if "://" in text:
        return text
    if text in ("threads", "threading"):
        raise IpdError(
            "the threads scheduler gains nothing here (a process runs one cell at a time); "
            "use 'processes' or a Dask cluster address"
        )
    raise IpdError(
        f"scheduler must be 'sync', 'processes' or an address like tcp://HOST:PORT, got {text!r}"
    )


def _run_local(tasks, scheduler: str, workers: int | None, on_result) -> None:
    import dask
    from dask.callbacks import Callback

    class _EachCell(Callback):
        # Called in this process as each task finishes: write its files right away.
        def _posttask(self, key, result, dsk, state, worker_id):
            if isinstance(key, str) and key.startswith("ipd-cell-"):
                on_result(result)

    cells = [
        dask.delayed(run_cell, pure=False)(task, dask_key_name=f"ipd-cell-{task['cell']}")
        for task in tasks
    ]
    options: dict[str, Any] = {"scheduler": "sync" if scheduler == "sync" else "processes"}
    if scheduler == "processes":
        options["num_workers"] = workers
    with _EachCell():
        dask.compute(*cells, **options)


def _run_distributed(tasks, address: str, on_result) -> None:
    try:
        import dask
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - distributed is a dependency
        raise IpdError("running on a Dask cluster needs the 'distributed' package") from None
    timeout = dask.config.get("distributed.comm.timeouts.connect", "30s")
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise IpdError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    except ValueError as exc:
        raise IpdError(f"bad Dask scheduler address {address!r}: {exc}") from None
    with client:
        futures = client.map(run_cell, tasks, pure=False)
        try:
            for future in as_completed(futures):
                on_result(future.result())
        finally:
            client.cancel(futures)


def run_sweep(
    settings: SweepSettings,
    out: str | Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    engine_threads: int | None = None,
    progress: bool | Callable[[int], None] = False,
) -> SweepReport:
    """Run every missing cell of a sweep into the folder ``out``.

    Parameters
    ----------
    settings : the sweep.
    out : output folder; created if missing, resumed if it holds this sweep.
    scheduler : ``"sync"`` (default: cells one after another in this process,
        each using every core through numba threads), ``"processes"`` (Dask's
        local process pool, ``workers`` processes with cores / workers engine
        threads each) or a Dask scheduler address (``tcp://HOST:PORT``; each
        worker process runs one cell at a time with as many engine threads as
        it has Dask threads). ``None`` consults Dask's configuration.
    workers : processes of the local pool (default: one per core).
    engine_threads : override the numba threads per cell.
    progress : ``True`` for a progress bar (with ETA) on stderr, or a callable
        given the number of cells finished after each one.

    Returns
    -------
    SweepReport
    """
    chosen = resolve_scheduler(scheduler)
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise IpdError(f"workers must be a whole number >= 1, got {workers!r}")
    if workers is not None and chosen != "processes":
        raise IpdError("workers applies to the local 'processes' scheduler only")
    if engine_threads is not None and (
        isinstance(engine_threads, bool)
        or not isinstance(engine_threads, int)
        or engine_threads < 1
    ):
        raise IpdError(f"engine threads must be a whole number >= 1, got {engine_threads!r}")
    cores = os.cpu_count() or 1
    if chosen == "processes":
        workers = workers or cores
        threads: int | str | None = engine_threads or max(1, cores // workers)
    elif chosen == "sync":
        threads = engine_threads
    else:
        threads = engine_threads or "worker"
    settings = prepare_pool(settings)
    out = Path(out).expanduser()
    settings = open_folder(out, settings)

    cells = settings.cells()
    with _exclusive(out):
        for folder in ("strategies", "pairs") if settings.pairs else ("strategies",):
            (out / folder).mkdir(exist_ok=True)
            for stale in (out / folder).glob(".cell-*.tmp"):
                # Left by a run killed mid-write; never read (dot files are skipped).
                stale.unlink(missing_ok=True)
        done = finished_cells(out, settings)
        todo = [c for c in cells if c.id not in done]
        tasks = [cell_task(settings, c, threads) for c in todo]
        bar = None
        callback = progress if callable(progress) else None
        if progress is True and tasks:
            from tqdm import tqdm

            bar = tqdm(total=len(cells), initial=len(done), unit="cell", desc="sweep")
            callback = bar.update
        turns = 0

        def on_result(result: dict) -> None:
            nonlocal turns
            _write_cell(out, result)
            turns += result["turns"]
            if callback is not None:
                callback(1)

        started = time.perf_counter()
        try:
            if tasks:
                if chosen in ("sync", "processes"):
                    _run_local(tasks, chosen, workers, on_result)
                else:
                    _run_distributed(tasks, chosen, on_result)
        finally:
            if bar is not None:
                bar.close()
        seconds = time.perf_counter() - started
    return SweepReport(
        out=out,
        settings=settings,
        cells_total=len(cells),
        cells_before=len(done),
        cells_run=len(tasks),
        seconds=seconds,
        turns=turns,
        scheduler=chosen,
    )


# --------------------------------------------------------------------------- reading


def read_settings(out: str | Path) -> SweepSettings:
    """The settings recorded in a sweep folder."""
    manifest = Path(out).expanduser() / "sweep.json"
    if not manifest.is_file():
        raise IpdError(f"{out} is not a sweep folder (no sweep.json)")
    try:
        return SweepSettings.from_dict(json.loads(manifest.read_text())["settings"])
    except (ValueError, KeyError, TypeError) as exc:
        raise IpdError(f"{manifest} is not a readable ipd sweep manifest ({exc})") from None


def load_sweep(out: str | Path, table: str = "strategies", complete: bool = False):
    """Read a sweep's dataset as one DataFrame, in a fixed order.

    Parameters
    ----------
    out : the sweep folder.
    table : ``"strategies"`` (one row per cell and strategy) or ``"pairs"``.
    complete : raise unless every cell of the grid is present.

    Returns
    -------
    pandas.DataFrame sorted by R, S, T, P, noise, w and then rank (strategies)
    or row and column (pairs).
    """
    import pyarrow.dataset as ds

    out = Path(out).expanduser()
    settings = read_settings(out)
    if table not in ("strategies", "pairs"):
        raise IpdError(f"table must be 'strategies' or 'pairs', got {table!r}")
    if table == "pairs" and not settings.pairs:
        raise IpdError(f"{out} has no pair table (run the sweep with pairs)")
    expected = {c.id for c in settings.cells()}
    files = sorted((out / table).glob("cell-*.parquet"))
    found = {f.name[len("cell-") : -len(".parquet")] for f in files}
    stray = found - expected
    if stray:
        raise IpdError(f"{out / table} holds files of cells not in this sweep: {sorted(stray)}")
    if complete and found != expected:
        raise IpdError(
            f"{out} is incomplete: {len(expected - found)} of {len(expected)} cells missing; "
            "rerun the sweep to finish it"
        )
    if not files:
        raise IpdError(f"{out} has no finished cells yet")
    frame = ds.dataset([str(f) for f in files], format="parquet").to_table().to_pandas()
    order = ["R", "S", "T", "P", "noise", "w"]
    order += ["rank"] if table == "strategies" else ["row", "column"]
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- plotting


def plot_sweep(
    out: str | Path,
    *,
    noise: float | None = None,
    payoffs: str | Sequence[float] | None = None,
    strategies: Iterable[str] | None = None,
):
    """Score per turn and rank of each strategy against w, TFT's stability threshold marked.

    Parameters
    ----------
    out : a sweep folder.
    noise, payoffs : which slice to draw when the sweep has several (required then).
    strategies : draw only these.

    Returns
    -------
    matplotlib.figure.Figure (drawn with the Agg canvas; no display needed).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ipd.analysis.stability import tft_threshold

    data = load_sweep(out)
    noise_levels = sorted(data["noise"].unique())
    if noise is None:
        if len(noise_levels) > 1:
            raise IpdError(
                "the sweep has several noise levels ("
                + ", ".join(f"{v:g}" for v in noise_levels)
                + "); choose one with --noise"
            )
        noise = noise_levels[0]
    data = data[data["noise"] == float(noise)]
    if data.empty:
        levels = ", ".join(f"{v:g}" for v in noise_levels)
        raise IpdError(f"the sweep has no noise level {noise:g} (it has {levels})")
    games = sorted({tuple(row) for row in data[["R", "S", "T", "P"]].itertuples(index=False)})
    if payoffs is None:
        if len(games) > 1:
            raise IpdError(
                "the sweep has several payoff sets ("
                + "; ".join(",".join(f"{v:g}" for v in g) for g in games)
                + "); choose one with --payoffs"
            )
        chosen = games[0]
    else:
        chosen = _game(payoffs, allow_non_dilemma=True).payoffs
        if chosen not in games:
            raise IpdError(
                f"the sweep has no payoffs {','.join(f'{v:g}' for v in chosen)} (it has "
                + "; ".join(",".join(f"{v:g}" for v in g) for g in games)
                + ")"
            )
    R, S, T, P = chosen
    data = data[(data["R"] == R) & (data["S"] == S) & (data["T"] == T) & (data["P"] == P)]
    if strategies is not None:
        wanted = list(strategies)
        unknown = sorted(set(wanted) - set(data["strategy"]))
        if unknown:
            raise IpdError(f"not in the sweep: {', '.join(unknown)}")
        data = data[data["strategy"].isin(wanted)]

    figure = Figure(figsize=(10, 7), layout="constrained")
    FigureCanvasAgg(figure)
    score_axes, rank_axes = figure.subplots(2, 1, sharex=True)
    labels = list(dict.fromkeys(data.sort_values(["w", "rank"])["strategy"]))
    colours = _colours(len(labels))
    for label, colour in zip(labels, colours, strict=True):
        rows = data[data["strategy"] == label].sort_values("w")
        marker = "o" if len(rows) < 30 else None
        score_axes.plot(
            rows["w"], rows["score_per_turn"], color=colour, marker=marker, ms=3, label=label
        )
        rank_axes.plot(rows["w"], rows["rank"], color=colour, marker=marker, ms=3)
    try:
        threshold = tft_threshold(Game(R, S, T, P, allow_non_dilemma=True))
    except IpdError:
        threshold = None
    if threshold is not None:
        for axes in (score_axes, rank_axes):
            axes.axvline(threshold, color="black", linestyle="--", linewidth=1)
        score_axes.annotate(
            f"TFT collectively stable for w ≥ {threshold:.3g}",
            xy=(threshold, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(4, -12),
            textcoords="offset points",
            fontsize=8,
        )
    mode = data["mode"].iloc[0] if len(data) else ""
    score_axes.set_ylabel("score per turn")
    score_axes.set_title(
        f"{mode} sweep, payoffs R={R:g} S={S:g} T={T:g} P={P:g}, noise {float(noise):g}"
    )
    rank_axes.set_ylabel("rank")
    rank_axes.invert_yaxis()
    rank_axes.set_xlabel("w (continuation probability / discount factor)")
    figure.legend(loc="outside right upper", fontsize=8)
    for axes in (score_axes, rank_axes):
        axes.grid(alpha=0.3)
    return figure


def _colours(n: int) -> list:
    from matplotlib import colormaps

    cmap = colormaps["tab20"]
    return [cmap(k % 20) for k in range(n)]
