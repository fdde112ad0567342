"""Running many independent runs: in this process, or fanned out over Dask like sweeps.

Runs are cut into tasks of consecutive run indices; since every run draws
only from streams keyed by the master seed and its own index, the tasks can
run anywhere, in any order, and the assembled result is the same as one
process computing every run. Scheduling is :mod:`ipd.sweep.schedulers`, as for sweeps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ipd.core.errors import IpdError

TASKS_PER_WORKER = 4
"""Default tasks per worker process: enough to balance runs of uneven length."""


def chunks(total: int, size: int) -> list[tuple[int, int]]:
    """``(first, count)`` of consecutive groups of at most ``size`` out of ``total``."""
    return [(first, min(size, total - first)) for first in range(0, total, size)]


def progress_callback(progress: bool | Callable[[int], None], total: int, unit: str, desc: str):
    """A callback and the bar to close: ``True`` makes a tqdm bar (shown after two seconds)."""
    if callable(progress):
        return progress, None
    if progress is True:
        from tqdm import tqdm

        bar = tqdm(total=total, unit=unit, delay=2.0, desc=desc)
        return bar.update, bar
    return None, None


def fan_out(
    tasks: list[dict[str, Any]],
    function: Callable[[dict], dict],
    scheduler: str | None,
    workers: int | None,
    on_result: Callable[[dict], None],
) -> None:
    """Run ``function`` on every task through the chosen scheduler, handing each result over.

    ``None`` or ``"sync"`` runs them here, one after another.
    """
    from ipd.sweep.schedulers import resolve_scheduler, run_tasks

    chosen = "sync" if scheduler is None else resolve_scheduler(scheduler)
    if workers is not None and chosen != "processes":
        raise IpdError("workers applies to the local 'processes' scheduler only")
    if chosen == "sync":
        for task in tasks:
            on_result(function(task))
        return
    run_tasks(function, tasks, [task["cell"] for task in tasks], chosen, workers, on_result)


def threads_for(scheduler: str | None, workers: int | None) -> tuple[int | None, Any]:
    """Worker processes and numba threads per task (as sweeps choose them)."""
    from ipd.sweep.schedulers import engine_threads, resolve_scheduler

    if scheduler is None:
        return workers, None
    return engine_threads(resolve_scheduler(scheduler), workers, None)


def run_problem(problem, progress, scheduler: str | None, workers: int | None, chunk: int | None):
    """Every run of a prepared Moran process, as blocks (see :mod:`.moran`)."""
    from ipd.analysis.populations.moran import run_block

    runs = problem.settings.runs
    callback, bar = progress_callback(progress, runs, "run", "moran")
    try:
        if scheduler is None:
            return [run_block(problem, 0, runs, callback)]
        workers, threads = threads_for(scheduler, workers)
        size = chunk or max(1, -(-runs // (TASKS_PER_WORKER * (workers or 2))))
        tasks = [
            {
                "cell": f"moran-{first}",
                "problem": problem,
                "first": first,
                "count": count,
                "engine_threads": threads,
            }
            for first, count in chunks(runs, size)
        ]
        blocks = []

        def collect(result: dict) -> None:
            blocks.append(result["block"])
            if callback is not None:
                callback(result["count"])

        fan_out(tasks, moran_task, scheduler, workers, collect)
        return blocks
    finally:
        if bar is not None:
            bar.close()


def moran_task(task: dict) -> dict:
    """One task of Moran runs, in whatever process Dask chose."""
    from ipd.analysis.populations.moran import run_block
    from ipd.sweep.schedulers import ENGINE_LOCK, set_engine_threads

    with ENGINE_LOCK:
        set_engine_threads(task["engine_threads"])
        block = run_block(task["problem"], task["first"], task["count"])
    return {"cell": task["cell"], "block": block, "count": task["count"]}
