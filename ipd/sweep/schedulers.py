"""Where work runs: in this process, a local process pool, or a Dask cluster.

Shared by sweeps (a task per batch of cells) and spread tournaments (a task
per chunk of repetitions). One level of parallelism per process: a process
runs one task at a time (:data:`ENGINE_LOCK`), with its share of the cores as
numba threads, because numba's workqueue threading layer aborts when two
threads launch parallel kernels at once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

from ipd.core.errors import IpdError

ENGINE_LOCK = threading.Lock()
"""One task at a time per process."""


def resolve_scheduler(scheduler: str | None) -> str:
    """``"sync"``, ``"processes"`` or a scheduler address, from the option or Dask's config.

    Without an option, Dask's ``scheduler-address`` setting (for example the
    ``DASK_SCHEDULER_ADDRESS`` environment variable) selects that cluster,
    and Dask's ``scheduler`` setting ``"processes"`` or ``"sync"`` the local
    schedulers; otherwise work runs in this process.
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
            "the threads scheduler gains nothing here (a process runs one task at a time); "
            "use 'processes' or a Dask cluster address"
        )
    raise IpdError(
        f"scheduler must be 'sync', 'processes' or an address like tcp://HOST:PORT, got {text!r}"
    )


def engine_threads(
    scheduler: str, workers: int | None, threads: int | None
) -> tuple[int | None, int | str | None]:
    """(local pool size, numba threads per task) for a resolved scheduler, checked.

    In process: every core (unless ``threads``); a local pool of ``workers``
    processes (default one per core): cores / workers each; a cluster: as many
    as the worker has Dask threads (``"worker"``).
    """
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise IpdError(f"workers must be a whole number >= 1, got {workers!r}")
    if workers is not None and scheduler != "processes":
        raise IpdError("workers applies to the local 'processes' scheduler only")
    if threads is not None and (
        isinstance(threads, bool) or not isinstance(threads, int) or threads < 1
    ):
        raise IpdError(f"engine threads must be a whole number >= 1, got {threads!r}")
    cores = os.cpu_count() or 1
    if scheduler == "processes":
        workers = workers or cores
        return workers, threads or max(1, cores // workers)
    if scheduler == "sync":
        return None, threads
    return None, threads or "worker"


def set_engine_threads(requested: int | str | None) -> None:
    """Give this process's task its share of cores as numba threads (see the module doc)."""
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


def run_tasks(
    function: Callable[[dict], Any],
    tasks: Sequence[dict],
    names: Sequence[str],
    scheduler: str,
    workers: int | None,
    on_result: Callable[[Any], None],
) -> None:
    """Run ``function(task)`` for every task where ``scheduler`` says; ``on_result`` is
    called in this process with each result as it arrives (in any order)."""
    if scheduler in ("sync", "processes"):
        _run_local(function, tasks, names, scheduler, workers, on_result)
    else:
        _run_distributed(function, tasks, scheduler, on_result)


def _run_local(function, tasks, names, scheduler: str, workers: int | None, on_result) -> None:
    import dask
    from dask.callbacks import Callback

    keys = {f"ipd-task-{name}" for name in names}

    class _EachTask(Callback):
        # Called in this process as each task finishes: hand its result over at once.
        def _posttask(self, key, result, dsk, state, worker_id):
            if key in keys:
                on_result(result)

    delayed = [
        dask.delayed(function, pure=False)(task, dask_key_name=f"ipd-task-{name}")
        for task, name in zip(tasks, names, strict=True)
    ]
    options: dict[str, Any] = {"scheduler": "sync" if scheduler == "sync" else "processes"}
    if scheduler == "processes":
        options["num_workers"] = workers
    with _EachTask():
        dask.compute(*delayed, **options)


def _run_distributed(function, tasks, address: str, on_result) -> None:
    import dask
    from distributed import Client, as_completed

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
