"""A 200-cell w sweep over the classic strategies, 100 repetitions per cell.

Every cell is a full round robin of the ``classic`` collection (14
strategies, 105 pairings with self-play) with geometric match lengths at
continuation probability w, for 200 values of w evenly spaced from 0.5 to
0.995 (mean match length 2 to 200 moves). The acceptance target is "runs in
minutes on this machine".

What is timed is :func:`ipd.sweep.run_sweep` into a fresh temporary folder:
cells, Parquet writes (atomic, fsynced) and the stability analysis of each
cell included, after an untimed one-cell warm-up so the engine's kernels are
loaded (or compiled) first. Throughput is the number of moves the engine
reports having played, divided by that time.

Usage
-----
    python benchmarks/bench_sweep.py                       # sync scheduler (the default)
    python benchmarks/bench_sweep.py --compare             # sync, local processes, Dask cluster
    python benchmarks/bench_sweep.py --cells 50 --repetitions 20   # quicker
    python benchmarks/bench_sweep.py --scheduler tcp://HOST:8786   # an existing cluster
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def _settings(cells: int, repetitions: int, mode: str = "continuation"):
    import ipd
    from ipd.sweep import SweepSettings, w_grid

    return SweepSettings(
        strategies=tuple(ipd.collection("classic")),
        w=tuple(w_grid(w_range="0.5:0.995", count=cells)),
        repetitions=repetitions,
        seed=1,
        mode=mode,
        fallback="simulate" if mode == "exact" else None,
    )


def _run(label: str, scheduler: str, cells: int, repetitions: int, **options) -> float:
    from ipd.sweep import load_sweep, run_sweep

    with tempfile.TemporaryDirectory(prefix="ipd-bench-sweep-") as folder:
        started = time.perf_counter()
        report = run_sweep(
            _settings(cells, repetitions), Path(folder) / "out", scheduler=scheduler, **options
        )
        wall = time.perf_counter() - started
        rows = len(load_sweep(Path(folder) / "out", complete=True))
    print(
        f"{label:<34} {report.cells_run:>5} cells  {wall:>7.1f} s  "
        f"{report.turns / 1e6:>8.1f} M moves  {report.turns / wall / 1e6:>7.2f} M moves/s  "
        f"{report.cells_run / wall:>6.1f} cells/s  ({rows} rows)",
        flush=True,
    )
    return wall


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=100)
    parser.add_argument("--scheduler", default="sync", help="sync, processes or tcp://HOST:PORT")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="also run on the local process pool and on a two-worker Dask cluster (loopback)",
    )
    args = parser.parse_args(argv)

    import numba

    from ipd.sweep import run_sweep

    print(
        f"ipd sweep benchmark: {args.cells} cells x classic (14 strategies, 105 pairings) x "
        f"{args.repetitions} repetitions, w from 0.5 to 0.995; {os.cpu_count()} cores, "
        f"numba {numba.__version__} threading layer {numba.config.THREADING_LAYER}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as warm:
        started = time.perf_counter()
        run_sweep(_settings(1, 1), Path(warm) / "out", scheduler="sync")
        print(f"warm-up (engine load or compile): {time.perf_counter() - started:.1f} s")
    print(f"numba threading layer in use: {numba.threading_layer()}", flush=True)

    _run(f"scheduler {args.scheduler}", args.scheduler, args.cells, args.repetitions)
    if args.compare:
        _run("local processes (2 x 1 thread)", "processes", args.cells, args.repetitions, workers=2)
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster:
            _run(
                "Dask cluster (2 workers x 1 thread)",
                cluster.scheduler_address,
                args.cells,
                args.repetitions,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
