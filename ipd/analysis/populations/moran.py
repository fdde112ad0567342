"""The Moran process on a finite population: well mixed or on graphs, payoffs from a table or
from matches played every generation.

One *generation* is one event: a birth and a death (Axelrod-Python's
convention). With a payoff table, a well-mixed population is followed by its
counts (each event costs O(strategies)), a population on graphs node by
node; either way all runs are compiled loops, run in parallel. With
:class:`~.payoffs.Matches` each generation's payoffs come from the engine,
and the births and deaths from the same compiled steps; once no strategy
left (and none that mutation could bring back) plays randomly, the rest of
the run is handed to the compiled loop with the table of those matches,
which is exactly what playing them again would give.

Run r draws from streams keyed by the master seed and r alone, so any run
is bit-identical whatever the threads, the chunking of runs, or the Dask
workers that computed it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ipd.analysis.populations import _kernels as K
from ipd.analysis.populations.graphs import Graph
from ipd.analysis.populations.payoffs import Matches, payoff_table
from ipd.analysis.populations.settings import (
    FITNESS_MAPS,
    PROCESSES,
    MoranSettings,
    start_population,
)
from ipd.analysis.populations.stats import wilson
from ipd.core.errors import IpdError
from ipd.core.io import check_output_path, write_atomically
from ipd.core.jsonio import dumps, plain, records
from ipd.core.settings import check_seed

TAG_MORAN = 0x4D4F52414E
"""Job tag of Moran runs in the stream keys (``"MORAN"``)."""
TAG_MATCHES = 0x4D41544348
"""Job tag of the matches a Moran run plays (``"MATCH"``)."""
MAX_RECORD_BYTES = 2 << 30
"""Largest trajectory buffer of one run; beyond it, record less often."""
BUFFER_BYTES = 256 << 20
"""Runs are computed in groups whose trajectory buffers fit in this."""
PROGRESS_STEPS = 50
"""Runs are computed in at least about this many groups, for the progress bar."""


@dataclass(frozen=True, eq=False)
class Problem:
    """A Moran process ready to run: everything resolved and checked (plain, picklable data)."""

    labels: list[str]
    settings: MoranSettings
    counts: np.ndarray
    nodes: np.ndarray | None
    table: np.ndarray | None
    matches: Matches | None
    interaction: Graph
    reproduction: Graph
    strategy_files: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    @property
    def k(self) -> int:
        return len(self.labels)

    @property
    def mixed(self) -> bool:
        """Well mixed with a payoff table: followed by counts."""
        return self.table is not None and self.interaction.complete and self.reproduction.complete

    @property
    def played_table(self) -> np.ndarray | None:
        """The table the process runs on: the payoffs under the settings' assortment."""
        if self.table is None:
            return None
        from ipd.analysis.assortment import assorted

        return assorted(self.table, self.settings.assortment)

    def source(self) -> dict[str, Any]:
        if self.matches is not None:
            return {"kind": "matches", **self.matches.to_config()}
        table = {
            a: dict(zip(self.labels, map(float, row), strict=True))
            for a, row in zip(self.labels, self.table, strict=True)
        }
        return {"kind": "table", "payoffs": table}


def prepare(
    payoffs: Any,
    population: Any,
    settings: MoranSettings | None = None,
    strategy_files: tuple[str, ...] = (),
    **overrides: Any,
) -> Problem:
    """Check a Moran process at the door and resolve it (see :func:`moran`)."""
    settings = (settings or MoranSettings()).updated(**overrides)
    if settings.seed is None:
        settings = settings.updated(seed=check_seed(None))
    if isinstance(payoffs, Matches):
        labels, table, matches = payoffs.labels, None, payoffs
    else:
        (labels, table), matches = payoff_table(payoffs), None
    if matches is not None and settings.assortment > 0:
        raise IpdError(
            "assortment works through a payoff table; it is not available with matches "
            "played every generation (use a tournament's or exact payoffs)"
        )
    counts, nodes = start_population(population, labels)
    if settings.mutation_matrix is not None and len(settings.mutation_matrix) != len(labels):
        raise IpdError(
            f"the mutation matrix is {len(settings.mutation_matrix)} x "
            f"{len(settings.mutation_matrix)}, but there are {len(labels)} strategies"
        )
    if settings.mutation > 0 and len(labels) < 2:
        raise IpdError("mutation needs at least two strategies to mutate between")
    interaction, reproduction = settings.graphs(int(counts.sum()))
    problem = Problem(
        labels, settings, counts, nodes, table, matches, interaction, reproduction, strategy_files
    )
    _check_fitness(problem)
    return problem


def _check_fitness(problem: Problem) -> None:
    s = problem.settings
    if s.fitness != "linear":
        return
    if problem.table is not None:
        low = float(problem.played_table.min())
    else:
        low = float(min(problem.matches.settings.payoffs.payoffs))
    if 1.0 - s.intensity + s.intensity * low < 0.0:
        raise IpdError(
            f"linear fitness 1 - s + s * payoff is negative for payoff {low:g} at intensity "
            f"s = {s.intensity:g}; use a smaller intensity or --fitness exponential"
        )


def _shift(problem: Problem) -> float:
    """Subtracted from payoffs under exponential fitness (no overflow; choices unchanged)."""
    if problem.table is not None:
        return float(problem.played_table.max())
    return float(max(problem.matches.settings.payoffs.payoffs))


def _record_rows(settings: MoranSettings) -> int:
    if settings.record_every == 0:
        return 2
    return settings.generations // settings.record_every + 2


# --------------------------------------------------------------------------- running


@dataclass
class Block:
    """What runs ``first .. first + count - 1`` produced."""

    first: int
    generations: np.ndarray  # (count,)
    final: np.ndarray  # (count, k) counts
    record_generation: list[np.ndarray]
    record_counts: list[np.ndarray]
    engine_turns: int = 0


def run_block(problem: Problem, first: int, count: int, progress=None) -> Block:
    """Runs ``first .. first + count - 1`` of a prepared process.

    ``progress``, if given, is called with the number of runs finished as
    they finish (in groups).
    """
    rows = _record_rows(problem.settings)
    per_run = rows * (problem.k + 1) * 8
    if per_run > MAX_RECORD_BYTES:
        raise IpdError(
            f"recording a run of up to {problem.settings.generations} generations needs "
            f"{per_run / 2**30:.1f} GiB; record less often (record_every)"
        )
    if problem.matches is not None:
        from ipd.analysis.populations.moran_matches import run_matches

        return run_matches(problem, first, count, progress, (TAG_MORAN, TAG_MATCHES))
    group = max(1, min(count, BUFFER_BYTES // per_run, -(-count // PROGRESS_STEPS)))
    parts = []
    for start in range(first, first + count, group):
        parts.append(_run_compiled(problem, start, min(group, first + count - start), rows))
        if progress is not None:
            progress(len(parts[-1].generations))
    return Block(
        first,
        np.concatenate([b.generations for b in parts]),
        np.concatenate([b.final for b in parts]),
        [g for b in parts for g in b.record_generation],
        [c for b in parts for c in b.record_counts],
    )


def _run_compiled(problem: Problem, first: int, count: int, rows: int) -> Block:
    s = problem.settings
    final_width = problem.k if problem.mixed else problem.n
    out = K.Records(
        np.zeros((count, rows), dtype=np.int64),
        np.zeros((count, rows, problem.k), dtype=np.int64),
        np.zeros(count, dtype=np.int64),
        np.zeros(count, dtype=np.int64),
        np.zeros((count, final_width), dtype=np.int64),
    )
    start = (np.uint64(s.seed), np.uint64(TAG_MORAN), np.int64(first))
    table = problem.played_table
    rules = (_dynamics(problem), _schedule(s))
    if problem.mixed:
        K.many_mixed(*start, problem.counts, np.int64(problem.n), table, *rules, out)
        final = out.final
    else:
        shuffle = problem.nodes is None and s.placement == "shuffled"
        graphs = _graphs(problem)
        K.many_graph(
            *start, _start_types(problem), shuffle, np.int64(problem.k), table, graphs, *rules, out
        )
        final = np.stack([np.bincount(t, minlength=problem.k) for t in out.final])
    return Block(
        first,
        out.generations,
        final,
        [out.generation[r, : out.written[r]].copy() for r in range(count)],
        [out.counts[r, : out.written[r]].copy() for r in range(count)],
    )


def _dynamics(problem: Problem) -> K.Dynamics:
    s = problem.settings
    matrix, use_matrix = _mutation(problem)
    process, fitness_map = PROCESSES[s.process], FITNESS_MAPS[s.fitness]
    return K.Dynamics(
        process, fitness_map, s.intensity, _shift(problem), s.mutation, matrix, use_matrix
    )


def _schedule(s: MoranSettings) -> K.Schedule:
    return K.Schedule(s.generations, s.stops, s.record_every)


def _mutation(problem: Problem) -> tuple[np.ndarray, bool]:
    m = problem.settings.mutation_matrix
    if m is None:
        return np.zeros((1, 1)), False
    return np.asarray(m, dtype=np.float64), True


def _start_types(problem: Problem) -> np.ndarray:
    if problem.nodes is not None:
        return problem.nodes.copy()
    return np.repeat(np.arange(problem.k, dtype=np.int64), problem.counts)


def _graphs(problem: Problem) -> K.Graphs:
    int_ptr, int_idx, _, _ = problem.interaction.csr
    return K.Graphs(int_ptr, int_idx, *problem.reproduction.csr)


# --------------------------------------------------------------------------- results


@dataclass
class MoranResult:
    """What Moran runs produced.

    Attributes
    ----------
    labels : the strategies (the pool mutants are drawn from).
    settings : the population settings, seed included.
    n : population size.
    start : starting count of each strategy.
    generations : generations each run took (it ended at fixation or at the limit).
    final : final count of each strategy in each run, ``(runs, k)``.
    source : where payoffs came from (a table, or how matches were played).
    interaction, reproduction : descriptions of the graphs.
    """

    labels: list[str]
    settings: MoranSettings
    n: int
    start: np.ndarray
    generations: np.ndarray
    final: np.ndarray
    record_run: np.ndarray
    record_generation: np.ndarray
    record_counts: np.ndarray
    source: dict[str, Any] = field(default_factory=dict)
    interaction: dict[str, Any] = field(default_factory=dict)
    reproduction: dict[str, Any] = field(default_factory=dict)
    engine_turns: int = 0
    seconds: float = 0.0

    @classmethod
    def from_blocks(cls, problem: Problem, blocks: list[Block], seconds: float = 0.0):
        blocks = sorted(blocks, key=lambda b: b.first)
        gens = [g for b in blocks for g in b.record_generation]
        counts = [c for b in blocks for c in b.record_counts]
        return cls(
            labels=list(problem.labels),
            settings=problem.settings,
            n=problem.n,
            start=problem.counts.copy(),
            generations=np.concatenate([b.generations for b in blocks]),
            final=np.concatenate([b.final for b in blocks]),
            record_run=np.repeat(np.arange(len(gens)), [len(g) for g in gens]),
            record_generation=np.concatenate(gens),
            record_counts=np.concatenate(counts),
            source=problem.source(),
            interaction=problem.interaction.to_dict(),
            reproduction=problem.reproduction.to_dict(),
            engine_turns=sum(b.engine_turns for b in blocks),
            seconds=seconds,
        )

    @property
    def runs(self) -> int:
        return len(self.generations)

    @property
    def fixed(self) -> np.ndarray:
        """Per run: the strategy the whole population plays at the end, or -1."""
        winner = self.final.argmax(axis=1)
        return np.where(self.final.max(axis=1) == self.n, winner, -1)

    def trajectories(self) -> pd.DataFrame:
        """One row per recorded generation of each run: run, generation, count of each strategy."""
        frame = pd.DataFrame(self.record_counts, columns=self.labels)
        frame.insert(0, "generation", self.record_generation)
        frame.insert(0, "run", self.record_run)
        return frame

    def shares(self, run: int = 0) -> pd.DataFrame:
        """The recorded shares of one run, one row per generation (as the ecology's shares)."""
        if not 0 <= run < self.runs:
            raise IpdError(f"run must be in 0..{self.runs - 1}, got {run}")
        mask = self.record_run == run
        return pd.DataFrame(
            self.record_counts[mask] / self.n,
            index=pd.Index(self.record_generation[mask], name="generation"),
            columns=pd.Index(self.labels, name="strategy"),
        )

    def run_table(self) -> pd.DataFrame:
        """One row per run: generations taken, the strategy fixed (or None), final counts."""
        fixed = self.fixed
        frame = pd.DataFrame(self.final, columns=self.labels)
        frame.insert(0, "fixed", [self.labels[f] if f >= 0 else None for f in fixed])
        frame.insert(0, "generations", self.generations)
        frame.insert(0, "run", np.arange(self.runs))
        return frame

    def summary(self) -> pd.DataFrame:
        """One row per strategy: its start, how often it fixed (with a 95% Wilson interval),
        the mean generations those runs took, and its mean final share."""
        fixed = self.fixed
        rows = []
        for a, label in enumerate(self.labels):
            hits = int((fixed == a).sum())
            low, high = wilson(hits, self.runs)
            took = self.generations[fixed == a]
            rows.append(
                {
                    "strategy": label,
                    "start": int(self.start[a]),
                    "fixations": hits,
                    "fixation_probability": hits / self.runs,
                    "low": low,
                    "high": high,
                    "mean_generations": float(took.mean()) if hits else np.nan,
                    "mean_final_share": float(self.final[:, a].mean() / self.n),
                }
            )
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        """For Jupyter: the process in a caption, then :meth:`summary` as a table."""
        from ipd.core.display import html_table

        s = self.settings
        process = "birth-death" if s.process == "bd" else "death-birth"
        caption = (
            f"Moran process: N = {self.n}, {process}, {s.fitness} fitness, intensity "
            f"{s.intensity:g}, graph {self.interaction.get('description', '?')}, mutation "
            f"{s.mutation:g}, {self.runs} run{'s' * (self.runs != 1)}, seed {s.seed}"
        )
        unfinished = int((self.fixed < 0).sum())
        notes = [f"{unfinished} run(s) ended before fixation"] if unfinished else []
        return html_table(self.summary(), caption, kind="moran", digits=4, notes=notes)

    @property
    def config(self) -> dict[str, Any]:
        return {
            "strategies": self.labels,
            "n": self.n,
            "start": dict(zip(self.labels, self.start.tolist(), strict=True)),
            **self.settings.to_config(),
            "interaction_graph": self.interaction,
            "reproduction_graph": self.reproduction,
            "source": self.source,
        }

    def to_dict(self, trajectories: bool = False) -> dict[str, Any]:
        document = {
            "config": self.config,
            "runs": self.runs,
            "unfinished_runs": int(((self.fixed < 0) & self.settings.stops).sum()),
            "summary": records(self.summary()),
            "run_table": records(self.run_table()),
            "engine_turns": self.engine_turns,
            "seconds": self.seconds,
        }
        if trajectories:
            document["trajectories"] = records(self.trajectories())
        return plain(document)

    def save(self, path, force: bool = False):
        """Write the trajectories: ``.parquet`` (everything else in its metadata), ``.csv``,
        or ``.json`` (everything); atomically, keeping an existing file unless ``force``."""
        path = check_output_path(path, force=force, suffixes=(".parquet", ".csv", ".json"))
        if path.suffix == ".json":
            write_atomically(path, dumps(self.to_dict(trajectories=True)).encode())
        elif path.suffix == ".csv":
            write_atomically(path, self.trajectories().to_csv(index=False).encode())
        else:
            write_atomically(path, parquet_bytes(self.trajectories(), self.to_dict()))
        return path


def parquet_bytes(frame: pd.DataFrame, meta: dict[str, Any]) -> bytes:
    """A Parquet file of ``frame`` carrying ``meta`` as JSON under the key ``ipd``."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    extra = {b"ipd": dumps(meta, indent=None).encode()}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **extra})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def moran(
    payoffs: Any,
    population: Any,
    settings: MoranSettings | None = None,
    *,
    progress: bool | Callable[[int], None] = False,
    scheduler: str | None = None,
    workers: int | None = None,
    chunk: int | None = None,
    strategy_files: tuple[str, ...] = (),
    **overrides: Any,
) -> MoranResult:
    """Run a Moran process.

    Parameters
    ----------
    payoffs : a square payoff table (DataFrame: row strategy's payoff per move
        against the column strategy, e.g. ``results.payoff_matrix()`` or
        :func:`ipd.analysis.exact.exact_payoffs`), or :class:`~.payoffs.Matches`
        to play real matches every generation.
    population : the start: ``{strategy: count}``, counts in the table's
        order, or one strategy per node.
    settings : a :class:`~.settings.MoranSettings`; ``overrides`` change it by name.
    progress : ``True`` for a progress bar on stderr (after two seconds).
    scheduler, workers : spread runs over Dask (``"processes"`` or a scheduler
        address; see :func:`ipd.sweep.schedulers.resolve_scheduler`); ``None`` runs in
        this process.
    chunk : runs per task (default: about 50 tasks). Results do not depend on it.
    strategy_files : user strategy files the workers must load (matches only).

    Examples
    --------
    >>> from ipd.analysis.exact import exact_payoffs
    >>> table = exact_payoffs(["tft", "alld"], 0.9)
    >>> result = moran(table, {"tft": 5, "alld": 5}, runs=100, seed=1)
    >>> int(result.summary()["fixations"].sum())
    100
    """
    from ipd.analysis.populations.distribute import run_problem

    problem = prepare(payoffs, population, settings, tuple(strategy_files), **overrides)
    started = time.perf_counter()
    blocks = run_problem(problem, progress, scheduler, workers, chunk)
    return MoranResult.from_blocks(problem, blocks, time.perf_counter() - started)
