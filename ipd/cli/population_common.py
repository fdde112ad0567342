"""What the population commands (moran, fixation, spatial, invasion) share: where payoffs come
from, the population options, the Dask options, and the output checks.

Only click and the standard library are imported at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ipd.cli import common

TABLE_SUFFIXES = (".parquet", ".csv", ".json")


def payoff_source_options(func: Callable) -> Callable:
    """``--exact W`` and ``--matches``: how payoffs are obtained (default: play a tournament)."""
    func = click.option(
        "--fallback",
        type=click.Choice(["simulate"]),
        default=None,
        help="With --exact: simulate the pairs that have no exact answer.",
    )(func)
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


def resolve_payoffs(
    source,
    strategy_ids,
    collection_names,
    strategy_files,
    settings,
    exact_w,
    use_matches,
    fallback,
    progress: bool = False,
):
    """The payoff source and the seed: a payoff table (from a tournament, or exact), or Matches.

    Returns ``(payoffs, seed, description)``.
    """
    from ipd.core.errors import IpdError

    if exact_w is not None and use_matches:
        raise IpdError("give either --exact W or --matches, not both")
    if fallback and exact_w is None:
        raise IpdError("--fallback only applies with --exact")
    given = {k: v for k, v in settings.items() if v is not None}
    if exact_w is None and not use_matches:
        results = common.load_or_play(
            source, strategy_ids, collection_names, strategy_files, given, progress=progress
        )
        if not results.settings.self_play:
            raise IpdError("a population's payoff table needs self-play (drop --no-self-play)")
        s = results.settings
        description = f"tournament payoffs ({s.turns} turns, {s.repetitions} repetitions)"
        return results.payoff_matrix(), s.seed, description
    if source and str(source).lower().endswith((".json", ".parquet")):
        raise IpdError("--exact and --matches need strategies (a spec or -s), not a saved result")
    spec = common.read_spec(source)
    tournament = common.build_tournament(
        spec, strategy_ids, collection_names, strategy_files, given
    )
    s = tournament.settings
    seed = given.get("seed")
    if use_matches:
        from ipd.analysis.populations import Matches

        length = f"continuation {s.continuation:g}" if s.continuation else f"{s.turns} turns"
        return Matches(tuple(tournament.labels), s), seed, f"matches every generation ({length})"
    from ipd.analysis.exact import exact_payoffs

    table = exact_payoffs(
        tournament.players,
        exact_w,
        game=s.payoffs,
        noise=s.noise,
        misperception=s.misperception,
        fallback=fallback,
        repetitions=s.repetitions,
        seed=s.seed,
    )
    errors = f"noise {s.noise:g}" + (
        f", misperception {s.misperception:g}" if s.misperception else ""
    )
    return table, seed, f"exact payoffs (w={exact_w:g}, {errors})"


def population_options(func: Callable) -> Callable:
    """The process options shared by moran and fixation."""
    options = [
        click.option(
            "--process",
            type=click.Choice(["bd", "db"]),
            default="bd",
            show_default=True,
            help="Birth-death or death-birth.",
        ),
        click.option(
            "--intensity",
            default="1",
            show_default=True,
            help="Selection intensity s (0: neutral drift; a list makes a grid).",
        ),
        click.option(
            "--fitness",
            "fitness_map",
            type=click.Choice(["linear", "exponential"]),
            default="linear",
            show_default=True,
            help="Fitness from payoff p: 1 - s + s p, or exp(s p).",
        ),
        click.option(
            "--graph",
            default="complete",
            show_default=True,
            help="Who plays whom: complete, ring[:K], lattice[:RxC][:moore], star, "
            "or a graph file (.graphml, .gml, .edgelist).",
        ),
        click.option("--reproduction-graph", default=None, help="Who replaces whom [the --graph]."),
        click.option(
            "--assortment",
            default=None,
            help="Like-mindedness r: the chance an individual meets its own kind rather than a "
            "random member or neighbour (a list makes a grid) [the spec's, else 0].",
        ),
        click.option(
            "--generations",
            type=int,
            default=100_000,
            show_default=True,
            help="Most generations (birth-death events) per run.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def run_options(func: Callable) -> Callable:
    """Dask and progress options."""
    func = click.option("--no-progress", is_flag=True, help="Never show a progress bar.")(func)
    func = click.option(
        "--workers", type=int, default=None, help="Processes of the local pool [cores]."
    )(func)
    return click.option(
        "--scheduler",
        default=None,
        help="Spread runs over Dask: processes (a local pool) or tcp://HOST:PORT [this process].",
    )(func)


def outputs(table_help: str) -> Callable:
    """``--out`` (a table, or a grid's folder), ``--plot`` (a figure), ``--force``, ``--json``."""

    def decorate(func: Callable) -> Callable:
        func = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")(
            func
        )
        func = click.option("--force", is_flag=True, help="Overwrite existing output files.")(func)
        func = click.option(
            "--plot", "plot_path", type=click.Path(dir_okay=False), help="Draw it: .png/.svg/.pdf"
        )(func)
        return click.option("--out", "out_path", type=click.Path(), help=table_help)(func)

    return decorate


def check_outputs(out_path, plot_path, force, suffixes=TABLE_SUFFIXES):
    """Validate output paths before any work; returns (table path, figure path)."""
    from ipd.core.io import check_output_path

    table = check_output_path(out_path, force=force, suffixes=suffixes) if out_path else None
    figure = common.check_figure_path(plot_path, force=force) if plot_path else None
    return table, figure


def parse_numbers(text: str | None, kind, name: str) -> list | None:
    """Comma-separated numbers of an option, or ``None`` when not given."""
    if text is None:
        return None
    from ipd.core.values import split_numbers

    return split_numbers(text, kind, f"{name} must be numbers separated by commas, got {text!r}")


def finish(document: dict[str, Any], text: str, as_json: bool, written: list[str]) -> None:
    """Print the JSON document or the text report and the files written."""
    if as_json:
        common.emit_json(document)
        return
    click.echo(text)
    for path in written:
        click.echo(f"wrote {path}")


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


def run_grid_command(
    job,
    axes,
    population,
    spatial,
    source,
    strategy_ids,
    collection_names,
    strategy_files,
    settings,
    use_matches,
    out_path,
    scheduler,
    workers,
    quiet,
    as_json,
    b_value=None,
    nowak_may=False,
):
    """Run a grid of population computations into the folder ``out_path`` and report it."""
    from pathlib import Path

    from ipd.analysis.populations.grid import PopulationGrid, run_grid
    from ipd.core.errors import IpdError

    if not out_path:
        raise IpdError("a grid (a list in an option) writes a folder: give --out FOLDER")
    if Path(out_path).suffix in (*TABLE_SUFFIXES, ".png", ".svg", ".pdf"):
        raise IpdError(f"a grid writes a folder, not a file: --out {out_path}")
    given = {k: v for k, v in settings.items() if v is not None}
    if nowak_may:
        strategies, play, files = ("C", "D"), {}, ()
        kind = "nowak_may"
    else:
        if source and str(source).lower().endswith((".json", ".parquet")):
            raise IpdError("a grid plays its own cells: give a spec or -s, not a saved result")
        spec = common.read_spec(source)
        tournament = common.build_tournament(
            spec, strategy_ids, collection_names, strategy_files, given
        )
        strategies = tuple(tournament.labels)
        play = tournament.settings.to_config()
        files = tuple(str(Path(f).resolve()) for f in tournament.strategy_files)
        kind = "matches" if use_matches else ("exact" if axes.get("w") else "tournament")
    grid_axes = tuple((name, tuple(values)) for name, values in axes.items() if values)
    grid = PopulationGrid(
        job=job,
        source=kind,
        strategies=strategies,
        axes=grid_axes,
        population=population,
        spatial=spatial,
        play=play,
        seed=given.get("seed"),
        strategy_files=files,
        **({"b": b_value} if b_value is not None else {}),
    )
    report = run_grid(grid, out_path, scheduler=scheduler, workers=workers, progress=not quiet)
    if as_json:
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
