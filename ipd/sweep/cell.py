"""One batch of a sweep's cells, run in whatever process Dask chose: its tournaments played
in one engine call (or its exact computations), as one table of every cell's rows.

A process runs one batch at a time (see :mod:`ipd.sweep`): numba's workqueue
threading layer aborts when two threads launch parallel kernels at once.
"""

from __future__ import annotations

import time
from typing import Any

from ipd.core.game import Game
from ipd.sweep.grid import Batch, SweepSettings
from ipd.sweep.schedulers import ENGINE_LOCK, set_engine_threads


def batch_task(settings: SweepSettings, batch: Batch, engine_threads: int | str | None) -> dict:
    """Everything a worker needs to run one batch: plain data, cheap to ship."""
    return {
        "batch": batch.id,
        "cells": [
            {
                "cell": cell.id,
                "w": cell.w,
                "noise": cell.noise,
                "misperception": cell.misperception,
                "payoffs": list(cell.payoffs),
                "seed": cell.seed(settings.seed),
                "turns": settings.cell_turns(cell),
            }
            for cell in batch.cells
        ],
        "mode": settings.mode,
        "misperceives": settings.misperceives,
        "allow_non_dilemma": settings.allow_non_dilemma,
        "repetitions": settings.repetitions,
        "self_play": settings.self_play,
        "fallback": settings.fallback,
        "pairs": settings.pairs,
        "strategies": list(settings.strategies),
        "strategy_files": list(settings.strategy_files),
        "engine_threads": engine_threads,
    }


def run_batch(task: dict) -> dict:
    """Run one batch (in whatever process Dask chose); return its tables.

    Returns a dict with ``batch`` (its id), ``cells`` (their ids),
    ``strategies`` and ``pairs`` (DataFrames, every cell's rows; ``pairs`` is
    ``None`` unless asked for), ``turns`` (moves played) and ``seconds``.
    """
    import pandas as pd

    from ipd.strategies import load_strategy_file

    with ENGINE_LOCK:
        set_engine_threads(task["engine_threads"])
        for path in task["strategy_files"]:
            load_strategy_file(path)
        started = time.perf_counter()
        if task["mode"] == "exact":
            tables = [_exact_tables(task, cell) for cell in task["cells"]]
            strategies = pd.concat([t[0] for t in tables], ignore_index=True)
            pairs = pd.concat([t[1] for t in tables], ignore_index=True) if task["pairs"] else None
            turns = 0
        else:
            strategies, pairs, turns = _simulated_tables(task)
        seconds = time.perf_counter() - started
    return {
        "batch": task["batch"],
        "cells": [cell["cell"] for cell in task["cells"]],
        "strategies": strategies,
        "pairs": pairs,
        "turns": turns,
        "seconds": seconds,
    }


def _cell_columns(task: dict, cell: dict) -> dict[str, Any]:
    R, S, T, P = cell["payoffs"]
    columns = {"cell": cell["cell"], "mode": task["mode"], "w": cell["w"], "noise": cell["noise"]}
    if task.get("misperceives"):
        columns["misperception"] = cell["misperception"]
    return columns | {
        "R": R,
        "S": S,
        "T": T,
        "P": P,
        "seed": cell["seed"],
        "repetitions": task["repetitions"],
        "turns": cell["turns"],
    }


_CELL_KEYS = ("cell", "mode", "w", "noise", "R", "S", "T", "P", "seed", "repetitions", "turns")
"""The cell's columns of every table; ``misperception`` follows ``noise`` when it is swept."""


def _cell_keys(task: dict) -> tuple[str, ...]:
    if not task.get("misperceives"):
        return _CELL_KEYS
    return (*_CELL_KEYS[:4], "misperception", *_CELL_KEYS[4:])


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


def _exact_tables(task: dict, cell: dict):
    """One exact cell's strategy table and pair table (or None)."""
    import numpy as np
    import pandas as pd

    from ipd.analysis.exact import exact_analysis, exact_summary

    game = Game(*cell["payoffs"], allow_non_dilemma=task["allow_non_dilemma"])
    result = exact_analysis(
        task["strategies"],
        cell["w"],
        game=game,
        noise=cell["noise"],
        misperception=cell.get("misperception", 0.0),
        fallback=task["fallback"],
        repetitions=task["repetitions"],
        seed=cell["seed"],
    )
    summary = exact_summary(result, self_play=task["self_play"])
    summary["score_std"] = np.nan
    summary["stable"] = pd.array(summary["stable"].to_numpy(), dtype="boolean")
    summary["n_invaders"] = pd.array(summary["n_invaders"].to_numpy(), dtype="Int64")
    pair_rows = None
    if task["pairs"]:
        pair_rows = _long(result.payoffs, "payoff")
        pair_rows["cooperation_rate"] = _long(result.cooperation, "v")["v"]
        pair_rows["method"] = _long(result.method, "v")["v"]
        pair_rows["error_bound"] = _long(result.error_bound, "v")["v"]
        pair_rows["matches"] = pd.array([pd.NA] * len(pair_rows), dtype="Int64")
        pair_rows["moves"] = pd.array([pd.NA] * len(pair_rows), dtype="Int64")
    return _framed(task, cell, summary, pair_rows)


def play_batch(players: list, settings: list, self_play: bool) -> tuple[list, Any]:
    """Cells of one lineup (``settings``, one :class:`~ipd.core.settings.Settings` a cell)
    played in one engine call: each cell's :class:`~ipd.core.results.Results`, and the
    engine's totals of them all."""
    import numpy as np

    from ipd.core.pairings import round_robin
    from ipd.core.tournament import results_of
    from ipd.engine.api import lineup
    from ipd.engine.play import Cells, behaviour_params, play_cells

    by_game = {s.payoffs: [p.behaviour(s.payoffs) for p in players] for s in settings}
    behaviours = [by_game[s.payoffs] for s in settings]
    line = lineup(behaviours[0], misperceive=any(s.misperception > 0 for s in settings))
    pairs = round_robin(len(players), self_play)
    n_pairs = len(pairs)
    totals = play_cells(
        line,
        np.stack([behaviour_params(b) for b in behaviours]),
        [any(b[k].stochastic for b in behaviours) for k in range(len(players))],
        np.tile(pairs, (len(settings), 1)),
        np.repeat(np.arange(len(settings)), n_pairs),
        Cells(
            seed=np.array([s.seed for s in settings], dtype=np.uint64),
            continuation=np.array([s.continuation or 0.0 for s in settings]),
            noise=np.array([s.noise for s in settings]),
            discount=np.array([s.discount or 0.0 for s in settings]),
            payoffs=np.array([s.payoffs.payoffs for s in settings]),
            lengths=np.array([s.rep_lengths() for s in settings], dtype=np.int64),
            reveal_length=settings[0].reveal_length,
            misperception=np.array([s.misperception for s in settings]),
        ),
    )
    labels = [p.label for p in players]
    names = [p.name for p in players]
    n = len(players)
    results = [
        results_of(
            totals,
            s,
            labels,
            names,
            pairs,
            pair_rows=slice(k * n_pairs, (k + 1) * n_pairs),
            strategy_rows=slice(k * n, (k + 1) * n),
        )
        for k, s in enumerate(settings)
    ]
    return results, totals


def _simulated_tables(task: dict):
    """Every cell of a batch played in one engine call; each cell's tables and the moves."""
    import numpy as np

    from ipd.core.players import parse_player
    from ipd.engine import layout as L

    cells = task["cells"]
    players = [parse_player(s) for s in task["strategies"]]
    settings = [_cell_settings(task, cell) for cell in cells]
    batch, totals = play_batch(players, settings, task["self_play"])
    labels = np.asarray([p.label for p in players], dtype=object)
    names = np.asarray([p.name for p in players], dtype=object)
    strategy_rows: list[dict] = []
    pair_rows: list[dict] = []
    for cell, results in zip(cells, batch, strict=True):
        strategy_rows.append(_strategy_columns(task, cell, results, labels, names))
        if task["pairs"]:
            pair_rows.append(_pair_columns(task, cell, results, labels))
    strategies = _frame(strategy_rows, STRATEGY_COLUMNS, _cell_keys(task))
    pair_frame = _frame(pair_rows, PAIR_COLUMNS, _cell_keys(task)) if task["pairs"] else None
    return strategies, pair_frame, int(totals.pair_counts[:, L.TURNS].sum())


def _strategy_columns(task: dict, cell: dict, results, labels, names) -> dict:
    """One simulated cell's strategy rows, best first, with collective stability."""
    import numpy as np

    from ipd.analysis.stability import stability_columns

    columns = results.summary_columns()
    order = columns["order"]
    n = len(order)
    out = {
        "strategy": labels[order],
        "name": names[order],
        "rank": np.arange(1, n + 1),
        "score": columns["score"][order],
        "score_per_turn": columns["score_per_turn"][order],
        "score_std": columns["score_std"][order],
        "cooperation_rate": columns["cooperation_rate"][order],
        "method": np.full(n, "simulated", dtype=object),
    }
    if task["self_play"]:
        stable = stability_columns(results.payoff_values(), list(labels))
        out["stable"] = stable["stable"][order]
        out["n_invaders"] = stable["n_invaders"][order]
        out["invaders"] = stable["invaders"][order]
    else:
        # Stability needs each strategy's payoff against its twin, which was not played.
        out["stable"] = out["n_invaders"] = out["invaders"] = np.full(n, None, dtype=object)
    return {**_cell_arrays(task, cell, n), **out}


def _pair_columns(task: dict, cell: dict, results, labels) -> dict:
    """One simulated cell's ordered-pair rows."""
    import numpy as np

    columns = results.pair_columns()
    rows, cols = columns["row_index"], columns["column_index"]
    n = len(rows)
    out = {
        "row": labels[rows],
        "column": labels[cols],
        "payoff": results.payoff_values()[rows, cols],
        "cooperation_rate": columns["cooperation_rate"],
        "method": np.full(n, "simulated", dtype=object),
        "error_bound": np.full(n, np.nan),
        "matches": columns["matches"],
        "moves": columns["turns"],
    }
    return {**_cell_arrays(task, cell, n), **out}


def _cell_arrays(task: dict, cell: dict, n: int) -> dict:
    """The cell's parameters as columns of ``n`` rows."""
    import numpy as np

    out = {}
    for key, value in _cell_columns(task, cell).items():
        if key == "turns" or isinstance(value, str):
            out[key] = np.full(n, value, dtype=object)
        else:
            out[key] = np.full(n, value, dtype=np.int64 if isinstance(value, int) else float)
    return out


_NULLABLE = {
    "turns": "Int64",
    "stable": "boolean",
    "n_invaders": "Int64",
    "matches": "Int64",
    "moves": "Int64",
}


def _frame(rows: list[dict], columns: list[str], cell_keys: tuple[str, ...] = _CELL_KEYS):
    """One DataFrame of every cell's rows: the cell's columns, then ``columns``."""
    import numpy as np
    import pandas as pd

    keys = [*cell_keys, *columns]
    data = {}
    for key in keys:
        values = np.concatenate([r[key] for r in rows])
        data[key] = pd.array(values, dtype=_NULLABLE[key]) if key in _NULLABLE else values
    return pd.DataFrame(data)


def _cell_settings(task: dict, cell: dict):
    """The tournament settings of one simulated cell."""
    from ipd.core.settings import Settings

    mode = task["mode"]
    return Settings(
        repetitions=task["repetitions"],
        continuation=cell["w"] if mode == "continuation" else None,
        discount=cell["w"] if mode == "discount" else None,
        turns=cell["turns"] or 1,
        noise=cell["noise"],
        misperception=cell.get("misperception", 0.0),
        seed=cell["seed"],
        payoffs=cell["payoffs"],
        allow_non_dilemma=task["allow_non_dilemma"],
        self_play=task["self_play"],
    )


def _framed(task: dict, cell: dict, summary, pair_rows):
    strategies = _with_cell(summary[STRATEGY_COLUMNS], task, cell)
    pairs = None if pair_rows is None else _with_cell(pair_rows[PAIR_COLUMNS], task, cell)
    return strategies, pairs


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


def _with_cell(frame, task: dict, cell: dict):
    """The cell's parameters as leading columns of ``frame`` (built in one go: it is per cell)."""
    import numpy as np
    import pandas as pd

    n = len(frame)
    columns: dict[str, Any] = {}
    for key, value in _cell_columns(task, cell).items():
        if key == "turns":
            columns[key] = pd.array([value] * n, dtype="Int64")
        elif isinstance(value, str):
            columns[key] = [value] * n
        else:
            columns[key] = np.full(n, value, dtype=np.int64 if isinstance(value, int) else float)
    for key in frame.columns:
        columns[key] = frame[key].array
    return pd.DataFrame(columns)
