"""One tournament's repetitions spread over Dask workers, folded back in a fixed order.

Each task plays a range of whole chunks of repetitions
(:data:`~ipd.engine.constants.REP_CHUNK` each) and returns its totals; the
client adds them up chunk by chunk in repetition order, which is exactly the
order a run in one process adds its chunks in. So the results are
bit-identical to ``Tournament.play()`` in process, whatever the workers, the
order they finish in or the size of the ranges.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from ipd.core.errors import IpdError
from ipd.engine.constants import REP_CHUNK
from ipd.sweep import schedulers

TASK_MOVES = 2e8
"""About how many moves a task plays: a few seconds of engine time."""


def play_spread(
    tournament,
    scheduler: str | None,
    *,
    workers: int | None = None,
    engine_threads: int | None = None,
    progress: Callable[[int], None] | None = None,
    task_reps: int | None = None,
):
    """Play ``tournament`` with its repetitions spread over ``scheduler``; its Results.

    ``task_reps`` forces the repetitions per task (rounded up to whole chunks);
    by default a task plays about :data:`TASK_MOVES` moves. ``progress`` is
    called with the repetitions each finished task played.
    """
    from ipd.engine.play import Totals

    chosen = schedulers.resolve_scheduler(scheduler)
    workers, threads = schedulers.engine_threads(chosen, workers, engine_threads)
    s = tournament.settings
    if s.keep_moves:
        raise IpdError("kept moves stay in one process: play without --scheduler to keep them")
    tournament.check_size()
    ranges = _ranges(tournament, task_reps)
    base = {
        "strategies": tournament.labels,
        "settings": s.to_config() | {"keep_moves": False},
        "pairings": tournament.pairs.tolist() if tournament.custom_pairings else None,
        "strategy_files": tournament.strategy_files,
        "engine_threads": threads,
    }
    tasks = [{**base, "reps": list(r)} for r in ranges]
    parts: dict[int, dict] = {}

    def on_result(result: dict) -> None:
        parts[result["reps"][0]] = result
        if progress is not None:
            progress(result["reps"][1] - result["reps"][0])

    schedulers.run_tasks(
        play_range, tasks, [f"reps-{a}-{b}" for a, b in ranges], chosen, workers, on_result
    )
    n_pairs, n_rows = len(tournament.pairs), len(tournament.players)
    totals = Totals.zeros(n_pairs, n_rows, s.repetitions)
    for start, _ in ranges:  # in repetition order, as a run in one process adds its chunks
        part = parts[start]
        _fold(totals, part)
    return tournament.results(totals)


def _ranges(tournament, task_reps: int | None) -> list[tuple[int, int]]:
    reps = tournament.settings.repetitions
    if task_reps is None:
        per_rep = max(1.0, tournament.expected_turns / reps)
        task_reps = int(TASK_MOVES // per_rep)
    if isinstance(task_reps, bool) or not isinstance(task_reps, int) or task_reps < 1:
        raise IpdError(f"repetitions per task must be a whole number >= 1, got {task_reps!r}")
    size = max(1, -(-task_reps // REP_CHUNK)) * REP_CHUNK
    return [(a, min(a + size, reps)) for a in range(0, reps, size)]


def _fold(totals, part: dict) -> None:
    """Add one task's chunks to the totals, chunk by chunk, in order."""
    a, b = part["reps"]
    for chunk in part["chunks"]:
        totals.pair_scores += chunk["pair_scores"]
        totals.pair_rates += chunk["pair_rates"]
        totals.pair_rate_squares += chunk["pair_rate_squares"]
    totals.pair_counts += part["pair_counts"]
    totals.pair_rate_shift[:] = part["pair_rate_shift"]
    totals.strategy_rep_scores[:, a:b] = part["strategy_rep_scores"]
    totals.strategy_rep_turns[:, a:b] = part["strategy_rep_turns"]


def play_range(task: dict) -> dict[str, Any]:
    """Play repetitions ``task["reps"]`` of a tournament (in whatever process Dask chose).

    Returns the totals of each chunk of the range separately, so the client
    can add them in the order a single run would.
    """
    from ipd.core.settings import Settings
    from ipd.core.tournament import Tournament

    with schedulers.ENGINE_LOCK:
        schedulers.set_engine_threads(task["engine_threads"])
        game = Tournament(
            task["strategies"],
            Settings.from_config(task["settings"]),
            pairings=task["pairings"],
            strategy_files=task["strategy_files"],
        )
        started = time.perf_counter()
        a, b = task["reps"]
        chunks = []
        counts = shift = scores = turns = None
        for start in range(a, b, REP_CHUNK):
            stop = min(start + REP_CHUNK, b)
            totals = game.play_totals(reps=(start, stop))
            chunks.append(
                {
                    "pair_scores": totals.pair_scores,
                    "pair_rates": totals.pair_rates,
                    "pair_rate_squares": totals.pair_rate_squares,
                }
            )
            counts = totals.pair_counts if counts is None else counts + totals.pair_counts
            shift = totals.pair_rate_shift
            scores = _join(scores, totals.strategy_rep_scores)
            turns = _join(turns, totals.strategy_rep_turns)
    return {
        "reps": [a, b],
        "chunks": chunks,
        "pair_counts": counts,
        "pair_rate_shift": shift,
        "strategy_rep_scores": scores,
        "strategy_rep_turns": turns,
        "seconds": time.perf_counter() - started,
    }


def _join(left, right):
    return right if left is None else np.concatenate([left, right], axis=1)
