"""``ipd ecology``: Axelrod's ecological simulation on a tournament's payoff matrix."""

from __future__ import annotations

import json

import click

from ipd.cli.plot_cmd import one_line_errors, source_options


@click.command("ecology")
@source_options
@click.option(
    "--generations", type=int, default=1000, show_default=True, help="Generations to run."
)
@click.option(
    "--threshold",
    type=float,
    default=1e-3,
    show_default=True,
    help="A strategy whose share falls below this is extinct.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    help="Also draw the shares: .png/.svg/.pdf",
)
@click.option("--force", is_flag=True, help="Overwrite an existing --out file.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@one_line_errors
def ecology(
    source,
    strategy_ids,
    collection_names,
    strategy_files,
    generations,
    threshold,
    out_path,
    force,
    as_json,
    **settings,
) -> None:
    """Let the strategies of a tournament compete as a population.

    Every strategy starts with an equal share; each generation its share grows
    in proportion to its share times its average score against the current
    population (the tournament's mean payoff matrix). Prints the final shares,
    the extinctions (with the generation) and the survivors.

    SOURCE is a tournament spec (.toml) or a saved result (.json, .parquet);
    or give strategies with -s. Self-play is needed (each strategy's payoff
    against its own kind). Examples:

    \b
      ipd ecology tournaments/classic.toml --repetitions 20
      ipd ecology -s tft -s allc -s alld --generations 300 --out ecology.png
    """
    from ipd.cli.plot_cmd import check_figure_path, load_results, require_matplotlib, write_figure

    path = None
    if out_path:
        require_matplotlib()
        path = check_figure_path(out_path, force=force)
    results = load_results(source, strategy_ids, collection_names, strategy_files, **settings)
    eco = results.ecology(generations=generations, threshold=threshold)
    figure = None
    if path is not None:
        from ipd.report.plots import ecology_plot

        figure = write_figure(ecology_plot(eco), path, force=force)
    if as_json:
        document = eco.to_dict()
        document["initial_shares"] = {k: float(v) for k, v in eco.shares.iloc[0].items()}
        document["tournament"] = {
            k: results.config.get(k)
            for k in ("name", "strategies", "turns", "repetitions", "noise", "seed", "payoffs")
        }
        document["plot"] = figure
        click.echo(json.dumps(document, indent=2, allow_nan=False))
        return
    _print_report(results, eco)
    if figure:
        click.echo(f"wrote {figure['out']}")


def _print_report(results, eco) -> None:
    start, final = eco.shares.iloc[0], eco.shares.iloc[-1]
    generations = len(eco.shares) - 1
    title = results.config.get("name") or "Tournament"
    click.echo(
        f"Ecological simulation of {title}: {len(start)} strategies, {generations} generations, "
        f"extinct below a share of {eco.threshold:g}, seed {results.config['seed']}"
    )
    order = eco.survivors + sorted(eco.extinctions, key=lambda s: (eco.extinctions[s], s))
    width = max(8, *(len(s) for s in order))
    click.echo(f"{'strategy':<{width}}  {'start':>7}  {'final':>7}  extinct at")
    for s in order:
        extinct = f"generation {eco.extinctions[s]}" if s in eco.extinctions else "survives"
        click.echo(f"{s:<{width}}  {start[s]:>7.2%}  {final[s]:>7.2%}  {extinct}")
    click.echo(f"survivors ({len(eco.survivors)}): {', '.join(eco.survivors) or 'none'}")
    gone = sorted(eco.extinctions.items(), key=lambda item: (item[1], item[0]))
    click.echo(f"extinct ({len(gone)}): " + (", ".join(f"{s} ({g})" for s, g in gone) or "none"))
