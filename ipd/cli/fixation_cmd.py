"""``ipd fixation``: a pool's fixation matrix and small-mutation limit (or a sweep of it)."""

from __future__ import annotations

import click

from ipd.cli import common
from ipd.cli import population_common as pc


@common.command("fixation")
@common.source_options
@pc.payoff_source_options
@click.option(
    "--n",
    "n_values",
    default="20",
    show_default=True,
    help="Population size N (a list makes a grid).",
)
@pc.population_options
@click.option(
    "--method",
    type=click.Choice(["auto", "exact", "simulate"]),
    default="auto",
    show_default=True,
    help="exact: the closed form (well mixed, a payoff table); simulate: runs.",
)
@click.option(
    "--runs", type=int, default=1000, show_default=True, help="Simulated runs per ordered pair."
)
@click.option(
    "--sweep",
    "sweep_axis",
    type=click.Choice(["w", "noise"]),
    default=None,
    help="The small-mutation limit along w or noise (exact payoffs; see --values).",
)
@click.option("--values", "sweep_values", default=None, help="The values of --sweep: 0.5,0.9,0.99.")
@pc.run_options
@pc.outputs("Save the pair table (or the sweep): .parquet/.csv/.json (a grid: a folder).")
def fixation(
    source,
    strategy_ids,
    collection_names,
    strategy_files,
    exact_w,
    use_matches,
    fallback,
    n_values,
    process,
    intensity,
    fitness_map,
    graph,
    reproduction_graph,
    assortment,
    generations,
    method,
    runs,
    sweep_axis,
    sweep_values,
    scheduler,
    workers,
    no_progress,
    out_path,
    plot_path,
    force,
    as_json,
    **settings,
) -> None:
    """Fixation probabilities of every ordered pair of a pool, and the small-mutation limit.

    Row A, column B: the probability that one A mutant takes over N - 1 B
    residents. Exact (the closed form) for a well-mixed population with a
    payoff table, else simulated (--runs per pair, 95% Wilson intervals).
    Then the stationary distribution of the embedded chain over monomorphic
    states (Fudenberg and Imhof 2006): where a population with rare mutations
    spends its time. --sweep w (or noise) follows that distribution along
    --values with exact payoffs.

    \b
    Examples:
      ipd fixation -s tft -s alld -s wsls -s allc --exact 0.9 --n 50 --intensity 0.1
      ipd fixation -s tft -s alld --exact 0.9 --n 30 --graph ring:2 --runs 2000 --seed 1
      ipd fixation -s tft -s alld -s wsls --sweep w --values 0.1,0.3,0.5,0.7,0.9 \\
          --n 50 --plot stationary.png
    """
    from ipd.analysis.populations import MoranSettings
    from ipd.core.errors import IpdError

    ns = pc.parse_numbers(n_values, int, "--n")
    intensities = pc.parse_numbers(intensity, float, "--intensity")
    ws = pc.parse_numbers(exact_w, float, "--exact")
    population = {
        "process": process,
        "fitness": fitness_map,
        "interaction": graph,
        "reproduction": reproduction_graph,
        "generations": generations,
        "runs": runs,
    }
    assortments = pc.parse_numbers(assortment, float, "--assortment") or [
        common.population_value(source, "assortment", None)
    ]
    if len(assortments) == 1 and assortments[0]:
        population["assortment"] = assortments[0]  # recorded only when set
    axes = {"n": ns, "intensity": intensities, "w": ws}
    if len(assortments) > 1:
        axes["assortment"] = assortments
    if sweep_axis is None and sweep_values is not None:
        raise IpdError("--values needs --sweep w or --sweep noise")
    if any(values and len(values) > 1 for values in axes.values()):
        if sweep_axis or plot_path:
            raise IpdError("a grid (lists in --n, --intensity, --exact) writes its folder only")
        pc.run_grid_command(
            "fixation",
            axes,
            population,
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
    moran_settings = MoranSettings(
        **population, intensity=intensities[0], seed=settings.get("seed")
    )
    written = []
    if sweep_axis is not None:
        _sweep(
            source,
            strategy_ids,
            collection_names,
            strategy_files,
            settings,
            sweep_axis,
            sweep_values,
            ws,
            fallback,
            ns[0],
            moran_settings,
            table_path,
            figure_path,
            force,
            as_json,
            use_matches,
        )
        return
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
    from ipd.analysis.populations.fixation import fixation_matrix

    result = fixation_matrix(
        payoffs,
        ns[0],
        moran_settings.updated(seed=seed),
        method=method,
        progress=not (no_progress or as_json),
        scheduler=scheduler,
        workers=workers,
    )
    limit = result.small_mutation() if len(result.labels) > 1 else None
    document = result.to_dict()
    document["small_mutation"] = limit.to_dict() if limit is not None else None
    if table_path is not None:
        written.append(str(pc.save_table(result.table(), table_path, document, force)))
    if figure_path is not None:
        from ipd.report.population_plots import fixation_heatmap

        described = common.write_figure(fixation_heatmap(result, limit), figure_path)
        document["plot"] = described
        written.append(described["out"])
    from ipd.report.population_text import fixation_report

    pc.finish(document, fixation_report(result, limit, description), as_json, written)


def _sweep(
    source,
    strategy_ids,
    collection_names,
    strategy_files,
    settings,
    axis,
    values_text,
    ws,
    fallback,
    n,
    moran_settings,
    table_path,
    figure_path,
    force,
    as_json,
    use_matches,
):
    from ipd.analysis.populations.small_mutation import stationary_sweep
    from ipd.core.errors import IpdError

    if use_matches:
        raise IpdError("--sweep uses exact payoffs; it cannot play matches")
    values = pc.parse_numbers(values_text, float, "--values")
    if not values:
        raise IpdError(f"--sweep {axis} needs --values, e.g. --values 0.5,0.9")
    if axis == "w" and ws:
        raise IpdError("--sweep w gives the w values itself; drop --exact")
    if axis == "noise" and not ws:
        raise IpdError("--sweep noise needs a fixed --exact W")
    given = {k: v for k, v in settings.items() if v is not None}
    spec = common.read_spec(source)
    tournament = common.build_tournament(
        spec, strategy_ids, collection_names, strategy_files, given
    )
    s = tournament.settings
    table = stationary_sweep(
        tournament.players,
        n,
        axis,
        values,
        w=ws[0] if ws else None,
        noise=s.noise,
        game=s.payoffs,
        settings=moran_settings,
        fallback=fallback,
    )
    document = {
        "config": {
            "strategies": tournament.labels,
            "n": n,
            "axis": axis,
            "values": values,
            **moran_settings.to_config(),
        },
        "stationary": table.to_dict(orient="records"),
    }
    written = []
    if table_path is not None:
        written.append(str(pc.save_table(table, table_path, document, force)))
    if figure_path is not None:
        from ipd.report.population_plots import stationary_plot

        described = common.write_figure(stationary_plot(table, axis), figure_path)
        document["plot"] = described
        written.append(described["out"])
    from ipd.report.population_text import sweep_report

    pc.finish(document, sweep_report(table, axis), as_json, written)
