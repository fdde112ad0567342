"""``ipd moran``: a Moran process on a finite population, once or many times, or a grid of them."""

from __future__ import annotations

import click

from ipd.cli import common
from ipd.cli import population_common as pc

INTERRUPTED = (
    "ipd moran: interrupted; a grid folder keeps its finished cells (run the same command "
    "again to complete it), nothing else was written"
)


@common.command("moran", interrupted=INTERRUPTED)
@pc.pool_options
@click.option("--n", "n_values", default=None, help="Population size N (a list makes a grid) [20].")
@click.option(
    "--start",
    default="even",
    show_default=True,
    help="Starting counts, one per strategy (19,1), even, or mutant:ID (one ID among the "
    "second strategy, or the first).",
)
@pc.population_options
@click.option(
    "--mutation",
    "mutation_values",
    default="0",
    show_default=True,
    help="Mutation rate mu (a list makes a grid).",
)
@click.option(
    "--mutation-matrix",
    type=click.Path(dir_okay=False),
    default=None,
    help="CSV file: where mutants of each strategy go (rows sum to 1, diagonal 0).",
)
@common.choice(
    "--placement", ["shuffled", "ordered"], "On graphs: where the starting individuals stand."
)
@common.option("runs", "Independent runs.", default=1)
@click.option(
    "--record-every",
    type=int,
    default=1,
    show_default=True,
    help="Record the population every this many generations (0: start and end).",
)
@click.option("--keep-going", is_flag=True, help="Do not stop a run when a strategy has fixed.")
@click.option(
    "--run", "shown_run", type=int, default=0, show_default=True, help="The run --plot draws."
)
@pc.run_options
@pc.outputs("Save the trajectories: .parquet/.csv/.json (a grid: a folder).")
def moran(
    pool: pc.Pool,
    n_values,
    start,
    population: pc.Population,
    mutation_values,
    mutation_matrix,
    placement,
    runs,
    record_every,
    keep_going,
    shown_run,
    run: pc.Run,
    out: pc.Outputs,
) -> None:
    """Run a Moran process: birth-death or death-birth, under selection, with mutation.

    Payoffs come from a tournament among the strategies (SOURCE: a spec or a
    saved result, or -s), from exact expected values (--exact W), or from real
    matches played every generation (--matches). Each generation one
    individual, chosen by fitness, reproduces and one dies. Prints how often
    each strategy fixed, with 95% intervals. Lists in --n, --mutation,
    --intensity or --exact make a grid written to an --out folder (resumable).

    \b
    Examples:
      ipd moran -s tft -s alld --exact 0.9 --n 20 --start 2,18 --runs 10000 --seed 1
      ipd moran --collection classic --n 20 --matches --runs 4 --plot moran.png
      ipd moran -s tft -s alld --exact 0.9 --n 10,20,50 --start mutant:tft \\
          --intensity 0.1,1 --runs 1000 --seed 1 --out grids/tft
    """
    from ipd.core.errors import IpdError

    ns = pc.parse_numbers(n_values, int, "--n") or [None]
    mutations = pc.parse_numbers(mutation_values, float, "--mutation")
    intensities = pc.parse_numbers(population.intensity, float, "--intensity")
    ws = pool.ws()
    matrix = None
    if mutation_matrix:
        matrix = pc.read_matrix(mutation_matrix)
    chosen, assortments = population.settings(
        pool.source,
        stop_on_fixation=not keep_going,
        placement=placement,
        runs=runs,
        record_every=record_every,
        mutation_matrix=matrix,
    )
    axes = {
        "n": ns if ns != [None] else [20],
        "mutation": mutations,
        "intensity": intensities,
        "w": ws,
        "assortment": assortments if len(assortments) > 1 else None,
    }
    if pc.is_grid(axes):
        if out.plot_path:
            raise IpdError("--plot draws one run set; a grid writes its folder (--out) only")
        pc.run_grid_command("moran", axes, chosen | {"start": start}, {}, pool, run, out)
        return
    out.check()
    progress = not (run.no_progress or out.as_json)
    payoffs, seed, description = pc.resolve_payoffs(pool, ws, progress=progress)
    from ipd.analysis.populations import MoranSettings
    from ipd.analysis.populations import moran as run_moran

    labels = list(payoffs.columns) if hasattr(payoffs, "columns") else payoffs.labels
    counts = pc.start_counts(start, labels, ns[0])
    moran_settings = MoranSettings(
        **chosen, mutation=mutations[0], intensity=intensities[0], seed=seed
    )
    result = run_moran(
        payoffs,
        counts,
        moran_settings,
        progress=progress,
        scheduler=run.scheduler,
        workers=run.workers,
        strategy_files=tuple(pool.source.strategy_files),
    )
    document = result.to_dict()
    if out.table is not None:
        out.wrote(result.save(out.table, force=out.force))
    if out.figure is not None:
        from ipd.report.population_plots import population_plot

        out.draw(population_plot(result, shown_run), document)
    from ipd.report.population_text import moran_report

    out.finish(document, moran_report(result, description))
