"""Sweeps: a grid of tournaments over w (and noise, and payoffs), run through Dask.

Each *cell* of the grid is one full tournament (or one exact computation) at
one ``(w, noise, payoffs)``. Its seed is derived from the master seed and the
cell's own parameters, never from its position in a queue, so a cell gives
the same numbers whichever scheduler, worker or order runs it.

Cells are computed in *batches* of about a hundred million moves (a second or
two): one engine call plays every match of a batch's cells, one Dask task
carries it, one file receives it. Batches follow from the settings alone.

Output folder (a Parquet dataset)::

    OUT/sweep.json                        settings, seed and cell list: rerun exactly
    OUT/strategies/batch-<id>.parquet     one row per strategy and cell of each batch
    OUT/pairs/batch-<id>.parquet          one row per ordered pair and cell (pairs=True)

Each batch file is written atomically (temporary file, then ``os.replace``) as
soon as the batch finishes, pair file first: a batch is finished when its
strategy file exists. Running the same sweep again into the same folder runs
only the missing batches, and refuses if the settings differ.

Parallelism: one level per process. The engine's kernels are numba
``parallel=True`` functions; numba's ``workqueue`` layer aborts the process
when two threads launch them at once, and Dask threads gain nothing anyway.
So a process runs one batch at a time (a process-wide lock enforces it even in
a multi-threaded Dask worker) and that batch gets the process's share of cores
as numba threads: all of them with the default in-process scheduler, one
per process with the local process pool, and, on a Dask cluster, as many as
the worker has Dask threads (start workers with ``--nthreads``).
"""

from ipd.sweep.cell import PAIR_COLUMNS, STRATEGY_COLUMNS, batch_task, run_batch
from ipd.sweep.grid import (
    DISCOUNT_TAIL,
    FORMAT,
    MODES,
    Batch,
    Cell,
    SweepSettings,
    discount_turns,
    parse_floats,
    prepare_pool,
    w_grid,
)
from ipd.sweep.run import run_sweep
from ipd.sweep.schedulers import resolve_scheduler
from ipd.sweep.store import (
    SweepReport,
    finished_batches,
    finished_cells,
    load_sweep,
    open_folder,
    read_settings,
)

__all__ = [
    "DISCOUNT_TAIL",
    "FORMAT",
    "MODES",
    "PAIR_COLUMNS",
    "STRATEGY_COLUMNS",
    "Batch",
    "Cell",
    "SweepReport",
    "SweepSettings",
    "batch_task",
    "discount_turns",
    "finished_batches",
    "finished_cells",
    "load_sweep",
    "open_folder",
    "parse_floats",
    "prepare_pool",
    "read_settings",
    "resolve_scheduler",
    "run_batch",
    "run_sweep",
    "w_grid",
]
