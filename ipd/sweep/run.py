"""Running a sweep: the missing cells, through Dask (in process, a local pool or a cluster)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ipd.core.errors import IpdError
from ipd.sweep.cell import cell_task, run_cell
from ipd.sweep.grid import SweepSettings, prepare_pool
from ipd.sweep.store import (
    SweepReport,
    _exclusive,
    _write_cell,
    finished_cells,
    open_folder,
)


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


def task_threads(chosen: str, workers: int | None, engine_threads: int | None):
    """Worker processes of a local pool and numba threads per task, for a chosen scheduler."""
    cores = os.cpu_count() or 1
    if chosen == "processes":
        workers = workers or cores
        threads: int | str | None = engine_threads or max(1, cores // workers)
    elif chosen == "sync":
        threads = engine_threads
    else:
        threads = engine_threads or "worker"
    return workers, threads


def _run_local(tasks, scheduler: str, workers: int | None, on_result, function=run_cell) -> None:
    import dask
    from dask.callbacks import Callback

    class _EachCell(Callback):
        # Called in this process as each task finishes: write its files right away.
        def _posttask(self, key, result, dsk, state, worker_id):
            if isinstance(key, str) and key.startswith("ipd-cell-"):
                on_result(result)

    cells = [
        dask.delayed(function, pure=False)(task, dask_key_name=f"ipd-cell-{task['cell']}")
        for task in tasks
    ]
    options: dict[str, Any] = {"scheduler": "sync" if scheduler == "sync" else "processes"}
    if scheduler == "processes":
        options["num_workers"] = workers
    with _EachCell():
        dask.compute(*cells, **options)


def _run_distributed(tasks, address: str, on_result, function=run_cell) -> None:
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
        futures = client.map(function, tasks, pure=False)
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
    workers, threads = task_threads(chosen, workers, engine_threads)
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
