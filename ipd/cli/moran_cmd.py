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
@common.source_options
@pc.payoff_source_options
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
@click.option(
    "--placement",
    type=click.Choice(["shuffled", "ordered"]),
    default="shuffled",
    show_default=True,
    help="On graphs: where the starting individuals stand.",
)
@click.option("--runs", type=int, default=1, show_default=True, help="Independent runs.")
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
    source,
    strategy_ids,
    collection_names,
    strategy_files,
    exact_w,
    use_matches,
    fallback,
    n_values,
    start,
    process,
    intensity,
    fitness_map,
    graph,
    reproduction_graph,
    assortment,
    generations,
    mutation_values,
    mutation_matrix,
    placement,
    runs,
    record_every,
    keep_going,
    shown_run,
    scheduler,
    workers,
    no_progress,
    out_path,
    plot_path,
    force,
    as_json,
    **settings,
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
    intensities = pc.parse_numbers(intensity, float, "--intensity")
    ws = pc.parse_numbers(exact_w, float, "--exact")
    matrix = None
    if mutation_matrix:
        matrix = pc.read_matrix(mutation_matrix)
    population = {
        "process": process,
        "fitness": fitness_map,
        "interaction": graph,
        "reproduction": reproduction_graph,
        "generations": generations,
        "stop_on_fixation": not keep_going,
        "placement": placement,
        "runs": runs,
        "record_every": record_every,
        "mutation_matrix": matrix,
    }
    assortments = pc.parse_numbers(assortment, float, "--assortment") or [
        common.population_value(source, "assortment", None)
    ]
    if len(assortments) == 1 and assortments[0]:
        population["assortment"] = assortments[0]  # recorded only when set
    axes = {
        "n": ns if ns != [None] else [20],
        "mutation": mutations,
        "intensity": intensities,
        "w": ws,
        "assortment": assortments if len(assortments) > 1 else None,
    }
    if any(values and len(values) > 1 for values in axes.values()):
        if plot_path:
            raise IpdError("--plot draws one run set; a grid writes its folder (--out) only")
        pc.run_grid_command(
            "moran",
            axes,
            population | {"start": start},
            {},
            source,
            strategy_ids,
            collection_names,
            strategy_files,
            settings,
            use_matches,
            out_path,
            scheduler,
            workers,
            no_progress or as_json,
            as_json,
        )
        return
    table_path, figure_path = pc.check_outputs(out_path, plot_path, force)
    payoffs, seed, description = pc.resolve_payoffs(
        source,
        strategy_ids,
        collection_names,
        strategy_files,
        settings,
        ws[0] if ws else None,
        use_matches,
        fallback,
        progress=not (no_progress or as_json),
    )
    from ipd.analysis.populations import MoranSettings
    from ipd.analysis.populations import moran as run_moran

    labels = list(payoffs.columns) if hasattr(payoffs, "columns") else payoffs.labels
    counts = pc.start_counts(start, labels, ns[0])
    moran_settings = MoranSettings(
        **population, mutation=mutations[0], intensity=intensities[0], seed=seed
    )
    result = run_moran(
        payoffs,
        counts,
        moran_settings,
        progress=not (no_progress or as_json),
        scheduler=scheduler,
        workers=workers,
        strategy_files=tuple(strategy_files),
    )
    written = []
    document = result.to_dict()
    if table_path is not None:
        written.append(str(result.save(table_path, force=force)))
    if figure_path is not None:
        from ipd.report.population_plots import population_plot

        described = common.write_figure(population_plot(result, shown_run), figure_path)
        document["plot"] = described
        written.append(described["out"])
    from ipd.report.population_text import moran_report

    pc.finish(document, moran_report(result, description), as_json, written)
