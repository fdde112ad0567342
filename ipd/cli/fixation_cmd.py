"""``ipd fixation``: a pool's fixation matrix and small-mutation limit (or a sweep of it)."""

from __future__ import annotations

import click

from ipd.cli import common
from ipd.cli import population_common as pc


@common.command("fixation")
@pc.pool_options
@click.option(
    "--n",
    "n_values",
    default="20",
    show_default=True,
    help="Population size N (a list makes a grid).",
)
@pc.population_options
@common.choice(
    "--method",
    ["auto", "exact", "simulate"],
    "exact: the closed form (well mixed, a payoff table); simulate: runs.",
)
@common.option("runs", "Simulated runs per ordered pair.", default=1000)
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
    pool: pc.Pool,
    n_values,
    population: pc.Population,
    method,
    runs,
    sweep_axis,
    sweep_values,
    run: pc.Run,
    out: pc.Outputs,
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
    intensities = pc.parse_numbers(population.intensity, float, "--intensity")
    ws = pool.ws()
    chosen, assortments = population.settings(pool.source, runs=runs)
    axes = {"n": ns, "intensity": intensities, "w": ws}
    if len(assortments) > 1:
        axes["assortment"] = assortments
    if sweep_axis is None and sweep_values is not None:
        raise IpdError("--values needs --sweep w or --sweep noise")
    if pc.is_grid(axes):
        if sweep_axis or out.plot_path:
            raise IpdError("a grid (lists in --n, --intensity, --exact) writes its folder only")
        pc.run_grid_command("fixation", axes, chosen, {}, pool, run, out)
        return
    out.check()
    moran_settings = MoranSettings(
        **chosen, intensity=intensities[0], seed=pool.source.settings.get("seed")
    )
    if sweep_axis is not None:
        _sweep(pool, sweep_axis, sweep_values, ws, ns[0], moran_settings, out)
        return
    progress = not (run.no_progress or out.as_json)
    payoffs, seed, description = pc.resolve_payoffs(pool, ws, progress=progress)
    from ipd.analysis.populations.fixation import fixation_matrix

    result = fixation_matrix(
        payoffs,
        ns[0],
        moran_settings.updated(seed=seed),
        method=method,
        progress=progress,
        scheduler=run.scheduler,
        workers=run.workers,
    )
    limit = result.small_mutation() if len(result.labels) > 1 else None
    document = result.to_dict()
    document["small_mutation"] = limit.to_dict() if limit is not None else None
    if out.table is not None:
        out.wrote(pc.save_table(result.table(), out.table, document, out.force))
    if out.figure is not None:
        from ipd.report.population_plots import fixation_heatmap

        out.draw(fixation_heatmap(result, limit), document)
    from ipd.report.population_text import fixation_report

    out.finish(document, fixation_report(result, limit, description))


def _sweep(pool: pc.Pool, axis, values_text, ws, n, moran_settings, out: pc.Outputs) -> None:
    from ipd.analysis.populations.small_mutation import stationary_sweep
    from ipd.core.errors import IpdError

    if pool.use_matches:
        raise IpdError("--sweep uses exact payoffs; it cannot play matches")
    values = pc.parse_numbers(values_text, float, "--values")
    if not values:
        raise IpdError(f"--sweep {axis} needs --values, e.g. --values 0.5,0.9")
    if axis == "w" and ws:
        raise IpdError("--sweep w gives the w values itself; drop --exact")
    if axis == "noise" and not ws:
        raise IpdError("--sweep noise needs a fixed --exact W")
    _, tournament = pool.source.spec_and_tournament()
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
        fallback=pool.fallback,
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
    if out.table is not None:
        out.wrote(pc.save_table(table, out.table, document, out.force))
    if out.figure is not None:
        from ipd.report.population_plots import stationary_plot

        out.draw(stationary_plot(table, axis), document)
    from ipd.report.population_text import sweep_report

    out.finish(document, sweep_report(table, axis))
