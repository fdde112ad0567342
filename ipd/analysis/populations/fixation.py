"""Fixation probabilities: how likely one mutant is to take over a population of another kind.

For a pair (A the mutant, B the resident) in a well-mixed population of N,
with i mutants the process moves to i + 1 with probability T+(i) and to
i - 1 with T-(i); it is a birth–death chain, so (Karlin and Taylor 1975;
Nowak, Sasaki, Taylor and Fudenberg 2004, Nature 428: 646)

    rho_A = 1 / (1 + sum_{k=1}^{N-1} prod_{i=1}^{k} T-(i) / T+(i)).

With i mutants, a mutant's mean payoff against the others is
``pi_A = (a (i - 1) + b (N - i)) / (N - 1)`` and a resident's
``pi_B = (c i + d (N - i - 1)) / (N - 1)`` (a = A v A, b = A v B, c = B v A,
d = B v B), giving fitnesses f_i and g_i. For birth–death the ratio is
``g_i / f_i``, the product of fitness ratios; for death–birth (the dead
replaced by one of the N - 1 others) it is
``g_i (i f_i + (N - i - 1) g_i) / (f_i ((i - 1) f_i + (N - i) g_i))``.
Neutral drift (f = g) gives 1/N either way. Everything else (graphs,
matches played every generation) is estimated from simulated runs, with
Wilson intervals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ipd.analysis.populations import _kernels as K
from ipd.analysis.populations import _pairwise as F
from ipd.analysis.populations.payoffs import Matches, generation_seed, payoff_table
from ipd.analysis.populations.settings import FITNESS_MAPS, PROCESSES, MoranSettings, whole
from ipd.analysis.populations.stats import wilson
from ipd.core.errors import IpdError
from ipd.core.jsonio import plain, records
from ipd.core.settings import check_seed

METHODS = ("auto", "exact", "simulate")
TAG_FIXATION = 0x4649584154
"""Job tag of fixation runs in the stream keys (``"FIXAT"``)."""


def _log_fitness(payoff: np.ndarray, intensity: float, fitness: str) -> np.ndarray:
    if fitness == "exponential":
        return intensity * payoff
    values = 1.0 - intensity + intensity * payoff
    if (values <= 0).any():
        raise IpdError(
            "the exact fixation probability needs positive fitness; at this intensity "
            "1 - s + s * payoff reaches 0 (use a smaller intensity or exponential fitness)"
        )
    return np.log(values)


def fixation_probability(
    payoffs: Any,
    n: int,
    intensity: float = 1.0,
    fitness: str = "linear",
    process: str = "bd",
    assortment: float = 0.0,
) -> float:
    """The exact probability that one A mutant takes over N - 1 B residents (well mixed).

    ``payoffs`` is the 2 x 2 table ``[[A v A, A v B], [B v A, B v B]]`` (or a
    DataFrame). See the module notes for the formula; under ``assortment`` r
    the table is first replaced by its assorted form
    (:func:`ipd.analysis.assortment.assorted`).

    Examples
    --------
    >>> fixation_probability([[1, 1], [1, 1]], 10)  # neutral drift: 1/N
    0.1
    """
    from ipd.analysis.assortment import assorted

    settings = MoranSettings(
        process=process, intensity=intensity, fitness=fitness, assortment=assortment
    )
    n = whole("the population size N", n, 2)
    table = np.asarray(payoffs.to_numpy() if hasattr(payoffs, "to_numpy") else payoffs, float)
    if table.shape != (2, 2) or not np.isfinite(table).all():
        raise IpdError("a pairwise fixation probability needs a 2 x 2 table of numbers")
    table = assorted(table, settings.assortment)
    (a, b), (c, d) = table
    i = np.arange(1, n, dtype=float)
    log_f = _log_fitness((a * (i - 1) + b * (n - i)) / (n - 1), settings.intensity, fitness)
    log_g = _log_fitness((c * i + d * (n - i - 1)) / (n - 1), settings.intensity, fitness)
    log_ratio = log_g - log_f
    if settings.process == "db":
        f, g = np.exp(log_f - np.maximum(log_f, log_g)), np.exp(log_g - np.maximum(log_f, log_g))
        log_ratio += np.log(i * f + (n - i - 1) * g) - np.log((i - 1) * f + (n - i) * g)
    if np.all(log_ratio == 0.0):
        return 1.0 / n
    terms = np.concatenate([[0.0], np.cumsum(log_ratio)])
    top = terms.max()
    return float(np.exp(-(top + np.log(np.exp(terms - top).sum()))))


@dataclass
class FixationResult:
    """Fixation probabilities of every ordered pair of a pool.

    ``probability.loc[A, B]`` is the probability that one A mutant takes over
    a population of B (rows: mutants, columns: residents); the diagonal is a
    strategy among its own kind, neutral drift (1/N well mixed, and on
    average over a uniformly placed mutant on any graph).

    Attributes
    ----------
    labels, n, method : the pool, the population size, ``exact`` or ``simulate``.
    probability : the probabilities (DataFrame).
    low, high : 95% Wilson interval (simulation; equal to the value when exact).
    fixations, finished : runs in which the mutant fixed, runs that ended (simulation).
    mean_generations : mean generations of the runs in which the mutant fixed.
    """

    labels: list[str]
    n: int
    method: str
    settings: MoranSettings
    probability: pd.DataFrame
    low: pd.DataFrame
    high: pd.DataFrame
    fixations: pd.DataFrame | None = None
    finished: pd.DataFrame | None = None
    mean_generations: pd.DataFrame | None = None
    source: dict[str, Any] = field(default_factory=dict)

    @property
    def neutral(self) -> float:
        return 1.0 / self.n

    def table(self) -> pd.DataFrame:
        """One row per ordered pair: mutant, resident, probability, interval, N times it,
        and with simulation the runs behind it."""
        rows = []
        for a in self.labels:
            for b in self.labels:
                row = {
                    "mutant": a,
                    "resident": b,
                    "probability": float(self.probability.loc[a, b]),
                    "low": float(self.low.loc[a, b]),
                    "high": float(self.high.loc[a, b]),
                    "relative_to_neutral": float(self.probability.loc[a, b]) * self.n,
                }
                if self.fixations is not None:
                    row["fixations"] = int(self.fixations.loc[a, b])
                    row["finished"] = int(self.finished.loc[a, b])
                    row["mean_generations"] = float(self.mean_generations.loc[a, b])
                rows.append(row)
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        """For Jupyter: the matrix of probabilities (rows: the mutant), with neutral drift."""
        from ipd.core.display import html_table

        s = self.settings
        runs = f", {s.runs} runs per pair, seed {s.seed}" if self.method == "simulate" else ""
        process = "birth-death" if s.process == "bd" else "death-birth"
        caption = (
            f"Fixation probabilities ({self.method}{runs}): N = {self.n}, {process}, "
            f"{s.fitness} fitness, intensity {s.intensity:g}, graph {s.interaction}"
        )
        frame = self.probability.rename_axis(index="mutant", columns=None)
        note = f"row: one mutant, column: the residents; neutral drift 1/N = {self.neutral:.4f}"
        return html_table(frame, caption, kind="fixation", index=True, digits=4, notes=[note])

    def small_mutation(self, mutation_matrix: Any = None):
        """The small-mutation limit of this pool (see :mod:`.small_mutation`)."""
        from ipd.analysis.populations.small_mutation import stationary

        return stationary(self, mutation_matrix)

    def to_dict(self) -> dict[str, Any]:
        return plain(
            {
                "config": {
                    "strategies": self.labels,
                    "n": self.n,
                    "method": self.method,
                    **self.settings.to_config(),
                    "source": self.source,
                },
                "neutral": self.neutral,
                "pairs": records(self.table()),
            }
        )


def fixation_matrix(
    payoffs: Any,
    n: int,
    settings: MoranSettings | None = None,
    *,
    method: str = "auto",
    progress=False,
    scheduler: str | None = None,
    workers: int | None = None,
    **overrides: Any,
) -> FixationResult:
    """The fixation probability of every ordered pair (mutant, resident) of a pool, in one call.

    Parameters
    ----------
    payoffs : a square payoff table (see :func:`.moran.moran`) or
        :class:`~.payoffs.Matches` (simulation only).
    n : population size N.
    settings : process, intensity, fitness, graphs, ``runs`` per pair (simulation),
        ``generations`` (most per run) and ``seed``; mutation must be 0.
    method : ``"exact"`` (well mixed with a table only), ``"simulate"``, or
        ``"auto"`` (exact when possible).
    progress, scheduler, workers : a progress bar; Dask for the simulated runs.
    """
    settings = (settings or MoranSettings()).updated(**overrides)
    if settings.mutation != 0.0:
        raise IpdError("fixation probabilities are computed without mutation (mutation 0)")
    if method not in METHODS:
        raise IpdError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    n = whole("the population size N", n, 2)
    if settings.seed is None:
        settings = settings.updated(seed=check_seed(None))
    interaction, reproduction = settings.graphs(n, connected=True)
    mixed = interaction.complete and reproduction.complete
    is_matches = isinstance(payoffs, Matches)
    if method == "auto":
        method = "exact" if mixed and not is_matches else "simulate"
    if method == "exact" and not mixed:
        raise IpdError("there is no closed form on graphs: use method simulate")
    if method == "exact" and is_matches:
        raise IpdError("matches played every generation are random: use method simulate")
    if is_matches:
        if settings.assortment > 0:
            raise IpdError(
                "assortment works through a payoff table; it is not available with matches "
                "played every generation"
            )
        return _simulate_matches(payoffs, n, settings, progress)
    from ipd.analysis.assortment import assorted

    labels, table = payoff_table(payoffs)
    table = assorted(table, settings.assortment)
    k = len(labels)
    frame = _frames(labels)
    if method == "exact":
        values = np.array(
            [
                [
                    fixation_probability(
                        _pair(table, a, b),
                        n,
                        settings.intensity,
                        settings.fitness,
                        settings.process,
                    )
                    for b in range(k)
                ]
                for a in range(k)
            ]
        )
        return FixationResult(
            labels,
            n,
            "exact",
            settings,
            frame(values),
            frame(values),
            frame(values),
            source={"kind": "table"},
        )
    pairs = np.stack([_pair(table, a, b) for a in range(k) for b in range(k)])
    fixed, times = _simulate_pairs(
        pairs, n, settings, (interaction, reproduction), progress, scheduler, workers
    )
    return _from_runs(labels, n, settings, fixed, times, {"kind": "table"})


def _pair(table: np.ndarray, a: int, b: int) -> np.ndarray:
    return np.array([[table[a, a], table[a, b]], [table[b, a], table[b, b]]])


def _frames(labels):
    def frame(values):
        return pd.DataFrame(
            values,
            index=pd.Index(labels, name="mutant"),
            columns=pd.Index(labels, name="resident"),
        )

    return frame


def simulate_task(task: dict) -> dict:
    """Runs ``first .. first + count - 1`` of every pair (in whatever process Dask chose)."""
    from ipd.sweep.schedulers import ENGINE_LOCK, set_engine_threads

    with ENGINE_LOCK:
        set_engine_threads(task["engine_threads"])
        fixed, times = _pairwise(task, task["first"], task["count"])
    return {"cell": task["cell"], "first": task["first"], "fixed": fixed, "times": times}


def _pairwise(task: dict, first: int, count: int):
    s: MoranSettings = task["settings"]
    pairs = task["pairs"]
    fixed = np.zeros((len(pairs), count), dtype=np.int64)
    times = np.zeros((len(pairs), count), dtype=np.int64)
    shift = float(pairs.max())
    dynamics = K.Dynamics(
        PROCESSES[s.process],
        FITNESS_MAPS[s.fitness],
        s.intensity,
        shift,
        0.0,
        np.zeros((1, 1)),
        False,
    )
    index = np.arange(len(pairs), dtype=np.int64)
    start = (np.uint64(s.seed), np.uint64(TAG_FIXATION), np.int64(first), index, pairs)
    out = F.Outcomes(fixed, times)
    interaction, reproduction = task["graphs"]
    if interaction.complete and reproduction.complete:
        F.pairwise_mixed(*start, np.int64(task["n"]), dynamics, s.generations, out)
    else:
        graphs = K.Graphs(*interaction.csr[:2], *reproduction.csr)
        F.pairwise_graph(*start, graphs, dynamics, s.generations, out)
    return fixed, times


def _simulate_pairs(pairs, n, settings, graphs, progress, scheduler, workers):
    from ipd.analysis.populations.distribute import (
        chunks,
        fan_out,
        progress_callback,
        threads_for,
    )

    runs = settings.runs
    workers, threads = threads_for(scheduler, workers)
    parts = 1 if scheduler is None else 4 * (workers or 2)
    size = max(1, -(-runs // max(parts, 20 if progress else 1)))
    base = {
        "settings": settings,
        "pairs": pairs,
        "n": n,
        "graphs": graphs,
        "engine_threads": threads,
    }
    tasks = [
        {**base, "cell": f"fixation-{first}", "first": first, "count": count}
        for first, count in chunks(runs, size)
    ]
    fixed = np.zeros((len(pairs), runs), dtype=np.int64)
    times = np.zeros((len(pairs), runs), dtype=np.int64)
    callback, bar = progress_callback(progress, runs, "run", "fixation")

    def collect(result: dict) -> None:
        first = result["first"]
        width = result["fixed"].shape[1]
        fixed[:, first : first + width] = result["fixed"]
        times[:, first : first + width] = result["times"]
        if callback is not None:
            callback(width)

    try:
        fan_out(tasks, simulate_task, scheduler, workers, collect)
    finally:
        if bar is not None:
            bar.close()
    return fixed, times


def _from_runs(labels, n, settings, fixed, times, source) -> FixationResult:
    """A result from per-run outcomes: ``fixed[p, r]`` 1 (fixed), 0 (lost) or -1 (unfinished)."""
    k = len(labels)
    hits = (fixed == 1).sum(axis=1)
    finished = (fixed >= 0).sum(axis=1)
    probability = np.where(finished > 0, hits / np.maximum(finished, 1), np.nan)
    bounds = np.array([wilson(int(h), int(f)) for h, f in zip(hits, finished, strict=True)])
    took = np.where(fixed == 1, times, 0).sum(axis=1)
    mean_time = np.where(hits > 0, took / np.maximum(hits, 1), np.nan)
    frame = _frames(labels)

    def square(values):
        return frame(np.asarray(values).reshape(k, k))

    return FixationResult(
        labels,
        n,
        "simulate",
        settings,
        square(probability),
        square(bounds[:, 0]),
        square(bounds[:, 1]),
        square(hits),
        square(finished),
        square(mean_time),
        source=source,
    )


def _simulate_matches(matches: Matches, n: int, settings: MoranSettings, progress):
    """Fixation with matches played every generation: Moran runs of each ordered pair."""
    from ipd.analysis.populations.moran import moran

    labels = matches.labels
    k = len(labels)
    runs = settings.runs
    fixed = np.zeros((k * k, runs), dtype=np.int64)
    times = np.zeros((k * k, runs), dtype=np.int64)
    for a in range(k):
        for b in range(k):
            p = a * k + b
            seed = generation_seed(settings.seed, TAG_FIXATION, p, 0)
            here = settings.updated(seed=seed, stop_on_fixation=True)
            if a == b:
                fixed[p], times[p] = _neutral_runs(n, here, runs)
                continue
            pool = Matches((matches.strategies[a], matches.strategies[b]), matches.settings)
            result = moran(
                pool, {pool.labels[0]: 1, pool.labels[1]: n - 1}, here, progress=progress
            )
            mutants = result.final[:, 0]
            fixed[p] = np.where(mutants == n, 1, np.where(mutants == 0, 0, -1))
            times[p] = result.generations
    return _from_runs(labels, n, settings, fixed, times, {"kind": "matches", **matches.to_config()})


def _neutral_runs(n: int, settings: MoranSettings, runs: int):
    """A strategy against its own kind: neutral drift, run on the same graphs."""
    pairs = np.ones((1, 2, 2))
    graphs = settings.graphs(n, connected=True)
    task = {"settings": settings, "pairs": pairs, "n": n, "graphs": graphs}
    fixed, times = _pairwise(task, 0, runs)
    return fixed[0], times[0]
