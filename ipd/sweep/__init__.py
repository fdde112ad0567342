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

from ipd.sweep.cell import PAIR_COLUMNS, STRATEGY_COLUMNS, cell_task, run_cell
from ipd.sweep.grid import (
    DISCOUNT_TAIL,
    FORMAT,
    MODES,
    Cell,
    SweepSettings,
    discount_turns,
    parse_floats,
    prepare_pool,
    w_grid,
)
from ipd.sweep.run import resolve_scheduler, run_sweep
from ipd.sweep.store import SweepReport, finished_cells, load_sweep, open_folder, read_settings

__all__ = [
    "DISCOUNT_TAIL",
    "FORMAT",
    "MODES",
    "PAIR_COLUMNS",
    "STRATEGY_COLUMNS",
    "Cell",
    "SweepReport",
    "SweepSettings",
    "cell_task",
    "discount_turns",
    "finished_cells",
    "load_sweep",
    "open_folder",
    "parse_floats",
    "prepare_pool",
    "read_settings",
    "resolve_scheduler",
    "run_cell",
    "run_sweep",
    "w_grid",
]
