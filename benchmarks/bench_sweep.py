"""Sweeps at the speed of the engine: a sweep's throughput as a share of the engine's.

Three sweeps of the ``classic`` collection (14 strategies, 105 pairings with
self-play) with geometric match lengths:

* ``50 x 100``: 50 values of w from 0.5 to 0.99, 100 repetitions per cell;
* ``50 x 1000``: the same with 1000 repetitions;
* ``200 x 1000``: 200 values of w from 0.5 to 0.999, 1000 repetitions (target:
  under 10 s).

For each, in the same process and the same run: the **engine** time, one
:func:`ipd.engine.play.play_cells` call playing every match of every cell (no
tables, no files), and the **sweep** time, :func:`ipd.sweep.run_sweep` into a
fresh folder (batches, tables, stability, Parquet files fsynced). The ratio
engine / sweep is the share of the engine's throughput the sweep reaches on
the same moves (target: at least 50%). ``--cluster`` adds the same sweeps on
a local Dask cluster of two single-threaded workers (cells in four batches so
both work), against the engine on one thread.

Each figure is the best of ``--runs``; the machine is shared, and other jobs
only add time.

Usage
-----
    python benchmarks/bench_sweep.py              # about a minute
    python benchmarks/bench_sweep.py --cluster    # also on a two-worker cluster
    python benchmarks/bench_sweep.py --runs 5
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

SWEEPS = (
    ("50 x 100", 50, 0.99, 100),
    ("50 x 1000", 50, 0.99, 1000),
    ("200 x 1000", 200, 0.999, 1000),
)


def settings(cells: int, top: float, repetitions: int, batch_cells=None):
    import ipd
    from ipd.sweep import SweepSettings, w_grid

    return SweepSettings(
        strategies=tuple(ipd.collection("classic")),
        w=tuple(w_grid(w_range=f"0.5:{top}", count=cells)),
        repetitions=repetitions,
        seed=1,
        batch_cells=batch_cells,
    )


def engine_seconds(sweep) -> tuple[float, int]:
    """One engine call for every match of every cell: (seconds, moves)."""
    import numpy as np

    from ipd.core.pairings import round_robin
    from ipd.core.players import parse_player
    from ipd.engine import layout as L
    from ipd.engine.api import lineup
    from ipd.engine.play import Cells, behaviour_params, play_cells
    from ipd.sweep import batch_task, prepare_pool
    from ipd.sweep.cell import _cell_settings
    from ipd.sweep.grid import Batch

    sweep = prepare_pool(sweep)
    task = batch_task(sweep, Batch(tuple(sweep.cells())), None)
    cells = task["cells"]
    players = [parse_player(s) for s in task["strategies"]]
    each = [_cell_settings(task, c) for c in cells]
    behaviours = [p.behaviour(each[0].payoffs) for p in players]
    line = lineup(behaviours)
    pairs = round_robin(len(players))
    started = time.perf_counter()
    totals = play_cells(
        line,
        np.tile(behaviour_params(behaviours), (len(cells), 1)),
        [b.stochastic for b in behaviours],
        np.tile(pairs, (len(cells), 1)),
        np.repeat(np.arange(len(cells)), len(pairs)),
        Cells(
            seed=np.array([s.seed for s in each], dtype=np.uint64),
            continuation=np.array([s.continuation for s in each]),
            noise=np.zeros(len(cells)),
            discount=np.zeros(len(cells)),
            payoffs=np.array([s.payoffs.payoffs for s in each]),
            lengths=np.ones((len(cells), sweep.repetitions), dtype=np.int64),
        ),
    )
    return time.perf_counter() - started, int(totals.pair_counts[:, L.TURNS].sum())


def sweep_seconds(sweep, scheduler: str) -> tuple[float, int]:
    from ipd.sweep import run_sweep

    folder = Path(tempfile.mkdtemp(prefix="ipd-bench-sweep-"))
    try:
        started = time.perf_counter()
        report = run_sweep(sweep, folder / "out", scheduler=scheduler)
        return time.perf_counter() - started, report.turns
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def best(function, runs: int):
    results = [function() for _ in range(runs)]
    return min(results, key=lambda r: r[0])


def report(label: str, engine, sweep) -> None:
    (e, moves), (w, swept) = engine, sweep
    assert moves == swept, (moves, swept)
    print(
        f"{label:<26} {moves / 1e6:8.1f} M moves  engine {e:6.2f} s ({moves / e / 1e6:6.1f} M/s)"
        f"  sweep {w:6.2f} s ({swept / w / 1e6:6.1f} M/s)  sweep/engine {e / w:5.0%}",
        flush=True,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cluster", action="store_true", help="also on a 2-worker cluster")
    args = parser.parse_args(argv)
    import numba

    print(
        f"{os.cpu_count()} cores, numba {numba.__version__}, load average "
        f"{os.getloadavg()[0]:.2f}; best of {args.runs}",
        flush=True,
    )
    sweep_seconds(settings(2, 0.9, 2), "sync")  # warm: load or compile the kernels
    for label, cells, top, reps in SWEEPS:
        sweep = settings(cells, top, reps)
        report(
            f"{label}, in process",
            best(lambda sweep=sweep: engine_seconds(sweep), args.runs),
            best(lambda sweep=sweep: sweep_seconds(sweep, "sync"), args.runs),
        )
    if args.cluster:
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None,
        ) as cluster:  # fmt: skip
            numba.set_num_threads(1)
            for label, cells, top, reps in SWEEPS:
                sweep = settings(cells, top, reps, batch_cells=math.ceil(cells / 4))
                engine = best(lambda sweep=sweep: engine_seconds(sweep), args.runs)
                # Two workers of one thread each against one thread here: the engine's
                # time is halved for the comparison.
                engine = (engine[0] / 2, engine[1])
                report(
                    f"{label}, 2-worker cluster",
                    engine,
                    best(
                        lambda sweep=sweep: sweep_seconds(sweep, cluster.scheduler_address),
                        args.runs,
                    ),
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
