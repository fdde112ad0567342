"""Running a sweep: the missing cells, through Dask (in process, a local pool or a cluster)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from ipd.sweep import schedulers
from ipd.sweep.cell import batch_task, run_batch
from ipd.sweep.grid import SweepSettings, prepare_pool
from ipd.sweep.schedulers import resolve_scheduler
from ipd.sweep.store import (
    SweepReport,
    _exclusive,
    _write_batch,
    finished_batches,
    open_folder,
)


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
    workers, threads = schedulers.engine_threads(chosen, workers, engine_threads)
    settings = prepare_pool(settings)
    out = Path(out).expanduser()
    settings = open_folder(out, settings)

    cells = settings.cells()
    with _exclusive(out):
        for folder in ("strategies", "pairs") if settings.pairs else ("strategies",):
            (out / folder).mkdir(exist_ok=True)
            for stale in (out / folder).glob(".batch-*.tmp"):
                # Left by a run killed mid-write; never read (dot files are skipped).
                stale.unlink(missing_ok=True)
        finished = finished_batches(out, settings)
        todo = [b for b in settings.batches() if b.id not in finished]
        done = len(cells) - sum(len(b.cells) for b in todo)
        tasks = [batch_task(settings, b, threads) for b in todo]
        bar = None
        callback = progress if callable(progress) else None
        if progress is True and tasks:
            from tqdm import tqdm

            bar = tqdm(total=len(cells), initial=done, unit="cell", desc="sweep")
            callback = bar.update
        turns = 0

        def on_result(result: dict) -> None:
            nonlocal turns
            _write_batch(out, result)
            turns += result["turns"]
            if callback is not None:
                callback(len(result["cells"]))

        started = time.perf_counter()
        try:
            if tasks:
                names = [task["batch"] for task in tasks]
                schedulers.run_tasks(run_batch, tasks, names, chosen, workers, on_result)
        finally:
            if bar is not None:
                bar.close()
        seconds = time.perf_counter() - started
    return SweepReport(
        out=out,
        settings=settings,
        cells_total=len(cells),
        cells_before=done,
        cells_run=len(cells) - done,
        seconds=seconds,
        turns=turns,
        scheduler=chosen,
    )
