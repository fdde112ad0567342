"""One cell of a sweep, run in whatever process Dask chose: a tournament (or an exact
computation) at one (w, noise, payoffs), as tables.

A process runs one cell at a time (see :mod:`ipd.sweep`): numba's workqueue
threading layer aborts when two threads launch parallel kernels at once.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from ipd.core.game import Game
from ipd.sweep.grid import Cell, SweepSettings, discount_turns

_ENGINE_LOCK = threading.Lock()
"""One cell at a time per process."""


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
