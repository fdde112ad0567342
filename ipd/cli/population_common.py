"""What the population commands (moran, fixation, spatial, invasion) share: where payoffs come
from, the population options, the Dask options, and the outputs (each group of options given to
the command as one object).

Only click and the standard library are imported at module level.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import click

from ipd.cli import common

TABLE_SUFFIXES = (".parquet", ".csv", ".json")


@dataclass(frozen=True)
class Pool:
    """Where a population command's payoffs come from: its SOURCE and entrants, and
    ``--exact W`` (the text: a list makes a grid), ``--matches``, ``--fallback``."""

    source: common.Source
    exact_w: str | None
    use_matches: bool
    fallback: str | None

    def ws(self) -> list[float] | None:
        """The values of --exact, or ``None`` when not given."""
        return parse_numbers(self.exact_w, float, "--exact")


def pool_options(func: Callable) -> Callable:
    """SOURCE, -s, the tournament settings, ``--exact W``, ``--matches`` and ``--fallback``,
    given to the command as one :class:`Pool` named ``pool``."""

    @functools.wraps(func)
    def gather(*, source, exact_w, use_matches, fallback, **kwargs: Any) -> Any:
        return func(pool=Pool(source, exact_w, use_matches, fallback), **kwargs)

    return common.source_options(_payoff_source_options(gather))


def _payoff_source_options(func: Callable) -> Callable:
    """``--exact W`` and ``--matches``: how payoffs are obtained (default: play a tournament)."""
    func = common.option("fallback")(func)
    func = click.option(
        "--matches",
        "use_matches",
        is_flag=True,
        help="Play real matches (--turns or --continuation, --noise) between neighbours every "
        "generation, instead of a payoff table.",
    )(func)
    return click.option(
        "--exact",
        "exact_w",
        default=None,
        help="Payoffs: exact expected values under continuation probability W, no sampling "
        "(a list makes a grid).",
    )(func)


def resolve_payoffs(pool: Pool, ws: list[float] | None, progress: bool = False):
    """The payoff source and the seed: a payoff table (from a tournament, or exact at the first
    of ``ws``), or Matches.

    Returns ``(payoffs, seed, description)``.
    """
    from ipd.core.errors import IpdError

    exact_w = ws[0] if ws else None
    if exact_w is not None and pool.use_matches:
        raise IpdError("give either --exact W or --matches, not both")
    if pool.fallback and exact_w is None:
        raise IpdError("--fallback only applies with --exact")
    source = pool.source
    if exact_w is None and not pool.use_matches:
        results = source.results(progress=progress)
        if not results.settings.self_play:
            raise IpdError("a population's payoff table needs self-play (drop --no-self-play)")
        s = results.settings
        description = f"tournament payoffs ({s.turns} turns, {s.repetitions} repetitions)"
        return results.payoff_matrix(), s.seed, description
    if source.saved:
        raise IpdError("--exact and --matches need strategies (a spec or -s), not a saved result")
    _, tournament = source.spec_and_tournament()
    s = tournament.settings
    seed = source.given.get("seed")
    if pool.use_matches:
        from ipd.analysis.populations import Matches

        length = f"continuation {s.continuation:g}" if s.continuation else f"{s.turns} turns"
        return Matches(tuple(tournament.labels), s), seed, f"matches every generation ({length})"
    table = common.exact_analysis(tournament, exact_w, pool.fallback).payoffs
    errors = f"noise {s.noise:g}" + (
        f", misperception {s.misperception:g}" if s.misperception else ""
    )
    return table, seed, f"exact payoffs (w={exact_w:g}, {errors})"


@dataclass(frozen=True)
class Population:
    """The process options shared by moran and fixation (--intensity and --assortment as
    given: a list makes a grid)."""

    process: str
    intensity: str
    fitness: str
    graph: str
    reproduction_graph: str | None
    assortment: str | None
    generations: int

    def settings(self, source: common.Source, **extra: Any) -> tuple[dict[str, Any], list]:
        """The population settings (with the command's own ``extra``) and the --assortment
        values: one is recorded in the settings (when not 0), more make a grid axis."""
        population = {
            "process": self.process,
            "fitness": self.fitness,
            "interaction": self.graph,
            "reproduction": self.reproduction_graph,
            "generations": self.generations,
            **extra,
        }
        assortments = parse_numbers(self.assortment, float, "--assortment") or [
            source.value("assortment", None)
        ]
        if len(assortments) == 1 and assortments[0]:
            population["assortment"] = assortments[0]  # recorded only when set
        return population, assortments


def population_options(func: Callable) -> Callable:
    """The process options shared by moran and fixation, given to the command as one
    :class:`Population` named ``population``."""

    @functools.wraps(func)
    def gather(**kwargs: Any) -> Any:
        given = {f.name: kwargs.pop(f.name) for f in fields(Population)}
        return func(population=Population(**given), **kwargs)

    options = [
        common.choice("--process", ["bd", "db"], "Birth-death or death-birth."),
        common.option(
            "intensity",
            "Selection intensity s (0: neutral drift; a list makes a grid).",
            default="1",
        ),
        common.option(
            "fitness", "Fitness from payoff p: 1 - s + s p, or exp(s p).", default="linear"
        ),
        common.option(
            "graph",
            "Who plays whom: complete, ring[:K], lattice[:RxC][:moore], star, "
            "or a graph file (.graphml, .gml, .edgelist).",
            default="complete",
        ),
        click.option("--reproduction-graph", default=None, help="Who replaces whom [the --graph]."),
        click.option(
            "--assortment",
            default=None,
            help="Like-mindedness r: the chance an individual meets its own kind rather than a "
            "random member or neighbour (a list makes a grid) [the spec's, else 0].",
        ),
        common.option(
            "generations", "Most generations (birth-death events) per run.", default=100_000
        ),
    ]
    for option in reversed(options):
        gather = option(gather)
    return gather


@dataclass(frozen=True)
class Run:
    """Where the runs go (--scheduler, --workers) and whether a progress bar may show."""

    scheduler: str | None
    workers: int | None
    no_progress: bool


def run_options(func: Callable) -> Callable:
    """Dask and progress options, given to the command as one :class:`Run` named ``run``."""

    @functools.wraps(func)
    def gather(*, scheduler, workers, no_progress, **kwargs: Any) -> Any:
        return func(run=Run(scheduler, workers, no_progress), **kwargs)

    gather = common.option("no_progress")(gather)
    gather = common.option("workers")(gather)
    return common.option(
        "scheduler",
        "Spread runs over Dask: processes (a local pool) or tcp://HOST:PORT [this process].",
    )(gather)


@dataclass
class Outputs:
    """``--out`` (a table, or a grid's folder), ``--plot`` (a figure), ``--force``, ``--json``;
    once checked, the table and figure paths, and the files written so far."""

    out_path: str | None
    plot_path: str | None
    force: bool
    as_json: bool
    table: Path | None = None
    figure: Path | None = None
    written: list[str] = field(default_factory=list)

    def check(self) -> None:
        """Validate the output paths before any work."""
        from ipd.core.io import check_output_path

        if self.out_path:
            self.table = check_output_path(self.out_path, force=self.force, suffixes=TABLE_SUFFIXES)
        if self.plot_path:
            self.figure = common.check_figure_path(self.plot_path, force=self.force)

    def wrote(self, path) -> None:
        """List a file written."""
        self.written.append(str(path))

    def add(self, document: dict[str, Any], key: str, described: dict[str, Any]) -> None:
        """List a file written and describe it in the document under ``key``."""
        document[key] = described
        self.written.append(described["out"])

    def draw(self, figure, document: dict[str, Any]) -> None:
        """Write the --plot figure and describe it in the document."""
        self.add(document, "plot", common.write_figure(figure, self.figure))

    def finish(self, document: dict[str, Any], text: str) -> None:
        """Print the JSON document or the text report and the files written."""
        if self.as_json:
            common.emit_json(document)
            return
        click.echo(text)
        for path in self.written:
            click.echo(f"wrote {path}")


def outputs(table_help: str) -> Callable:
    """``--out``, ``--plot``, ``--force``, ``--json``, given to the command as one
    :class:`Outputs` named ``out``."""

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def gather(*, out_path, plot_path, force, as_json, **kwargs: Any) -> Any:
            return func(out=Outputs(out_path, plot_path, force, as_json), **kwargs)

        gather = common.option("json")(gather)
        gather = common.option("force", "Overwrite existing output files.")(gather)
        gather = click.option(
            "--plot", "plot_path", type=click.Path(dir_okay=False), help="Draw it: .png/.svg/.pdf"
        )(gather)
        return click.option("--out", "out_path", type=click.Path(), help=table_help)(gather)

    return decorate


def parse_numbers(text: str | None, kind, name: str) -> list | None:
    """Comma-separated numbers of an option, or ``None`` when not given."""
    if text is None:
        return None
    from ipd.core.values import split_numbers

    return split_numbers(text, kind, f"{name} must be numbers separated by commas, got {text!r}")


def read_matrix(path: str) -> list[list[float]]:
    """A square table of numbers from a CSV file (no header)."""
    import numpy as np

    from ipd.core.errors import IpdError

    try:
        values = np.loadtxt(path, delimiter=",", ndmin=2)
    except (OSError, ValueError) as exc:
        raise IpdError(f"cannot read a matrix of numbers from {path}: {exc}") from None
    return values.tolist()


def start_counts(spec: str, labels: list[str], n: int | None) -> dict[str, int]:
    """The starting counts: ``19,1`` (one per strategy), ``even`` or ``mutant:ID``."""
    from ipd.analysis.populations import split_evenly
    from ipd.core.errors import IpdError

    text = str(spec).strip()
    if text == "even":
        return split_evenly(labels, 20 if n is None else n)
    if text.startswith("mutant:"):
        mutant = text.partition(":")[2].strip()
        if mutant not in labels:
            raise IpdError(f"the mutant {mutant!r} is not one of {', '.join(labels)}")
        resident = next((x for x in labels if x != mutant), None)
        if resident is None:
            raise IpdError("a mutant needs residents of another strategy")
        size = 20 if n is None else n
        if size < 2:
            raise IpdError(f"a population needs at least 2 individuals (N >= 2), got N = {size}")
        return {mutant: 1, resident: size - 1}
    counts = parse_numbers(text, int, "--start")
    if len(counts) != len(labels):
        raise IpdError(
            f"--start gives {len(counts)} counts for {len(labels)} strategies ({', '.join(labels)})"
        )
    if n is not None and sum(counts) != n:
        raise IpdError(f"--start counts add up to {sum(counts)}, not --n {n}")
    return dict(zip(labels, counts, strict=True))


def is_grid(axes: dict[str, list | None]) -> bool:
    """Whether an option gives a list (more than one value): then the command runs a grid."""
    return any(values and len(values) > 1 for values in axes.values())


def _grid_pool(pool: Pool, axes: dict[str, list | None], nowak_may: bool) -> dict[str, Any]:
    """What a grid's cells play: its source kind, strategies, play settings and files."""
    from ipd.core.errors import IpdError

    if nowak_may:
        return {"source": "nowak_may", "strategies": ("C", "D"), "play": {}, "strategy_files": ()}
    if pool.source.saved:
        raise IpdError("a grid plays its own cells: give a spec or -s, not a saved result")
    _, tournament = pool.source.spec_and_tournament()
    return {
        "source": "matches" if pool.use_matches else ("exact" if axes.get("w") else "tournament"),
        "strategies": tuple(tournament.labels),
        "play": tournament.settings.to_config(),
        "strategy_files": tuple(str(Path(f).resolve()) for f in tournament.strategy_files),
    }


def run_grid_command(
    job: str,
    axes: dict[str, list | None],
    population: dict[str, Any],
    spatial: dict[str, Any],
    pool: Pool,
    run: Run,
    out: Outputs,
    b_value=None,
    nowak_may=False,
):
    """Run a grid of population computations into the folder --out and report it."""
    from ipd.analysis.populations.grid import PopulationGrid, run_grid
    from ipd.core.errors import IpdError

    out_path = out.out_path
    if not out_path:
        raise IpdError("a grid (a list in an option) writes a folder: give --out FOLDER")
    if Path(out_path).suffix in (*TABLE_SUFFIXES, ".png", ".svg", ".pdf"):
        raise IpdError(f"a grid writes a folder, not a file: --out {out_path}")
    grid_axes = tuple((name, tuple(values)) for name, values in axes.items() if values)
    grid = PopulationGrid(
        job=job,
        axes=grid_axes,
        population=population,
        spatial=spatial,
        seed=pool.source.given.get("seed"),
        **_grid_pool(pool, axes, nowak_may),
        **({"b": b_value} if b_value is not None else {}),
    )
    progress = not (run.no_progress or out.as_json)
    report = run_grid(
        grid, out_path, scheduler=run.scheduler, workers=run.workers, progress=progress
    )
    if out.as_json:
        common.emit_json(report.to_dict())
        return
    axes_text = ", ".join(
        f"{name} in {{{', '.join(f'{v:g}' for v in values)}}}" for name, values in report.grid.axes
    )
    click.echo(
        f"{job} grid over {axes_text}: {report.cells_run} cell(s) computed, "
        f"{report.cells_before} already done, {report.cells_total} in all, "
        f"{report.seconds:.1f} s; seed {report.grid.seed}; folder {report.out}"
    )
    click.echo("read it with ipd.analysis.populations.grid.load_grid(folder)")


def save_table(frame, path, document: dict[str, Any], force: bool):
    """Write a table atomically: ``.parquet`` (the document in its metadata), ``.csv``, or
    ``.json`` (the document)."""
    from ipd.analysis.populations.moran import parquet_bytes
    from ipd.core.io import check_output_path, write_atomically
    from ipd.core.jsonio import dumps

    path = check_output_path(path, force=force, suffixes=TABLE_SUFFIXES)
    if path.suffix == ".json":
        write_atomically(path, dumps(document).encode())
    elif path.suffix == ".csv":
        write_atomically(path, frame.to_csv(index=False).encode())
    else:
        write_atomically(path, parquet_bytes(frame, document))
    return path
