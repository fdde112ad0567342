"""``ipd ecology``: Axelrod's ecological simulation on a tournament's payoff matrix."""

from __future__ import annotations

import click

from ipd.cli import common


@common.command("ecology")
@common.source_options
@common.option("generations", "Generations to run.", default=1000)
@common.option("threshold", "A strategy whose share falls below this is extinct.", default=1e-3)
@click.option(
    "--assortment",
    type=float,
    default=None,
    help="Like-mindedness r: the chance a strategy meets its own kind rather than a random "
    "member [the spec's, else 0].",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    help="Also draw the shares: .png/.svg/.pdf",
)
@common.option("force")
@common.option("json")
def ecology(
    source: common.Source, generations, threshold, assortment, out_path, force, as_json
) -> None:
    """Let the strategies of a tournament compete as a population.

    Every strategy starts with an equal share; each generation its share grows
    in proportion to its share times its average score against the current
    population (the tournament's mean payoff matrix). Prints the final shares,
    the extinctions (with the generation) and the survivors. With --assortment
    r each strategy meets its own kind with probability r.

    SOURCE is a tournament spec (.toml) or a saved result (.json, .parquet);
    or give strategies with -s. Self-play is needed (each strategy's payoff
    against its own kind). Examples:

    \b
      ipd ecology tournaments/classic.toml --repetitions 20
      ipd ecology -s tft -s allc -s alld --generations 300 --out ecology.png
    """
    from ipd.analysis.assortment import check_assortment

    path = common.check_figure_path(out_path, force=force) if out_path else None
    r = check_assortment(source.value("assortment", assortment))
    results = source.results()
    eco = results.ecology(generations=generations, threshold=threshold, assortment=r)
    figure = None
    if path is not None:
        from ipd.report.plots import ecology_plot

        figure = common.write_figure(ecology_plot(eco), path)
    if as_json:
        document = eco.to_dict()
        document["initial_shares"] = {k: float(v) for k, v in eco.shares.iloc[0].items()}
        config = results.config
        document["tournament"] = {
            k: config.get(k)
            for k in ("name", "strategies", "turns", "repetitions", "noise", "seed", "payoffs")
        }
        document["plot"] = figure
        common.emit_json(document)
        return
    from ipd.report.text import ecology_report

    click.echo(ecology_report(results, eco))
    if figure:
        click.echo(f"wrote {figure['out']}")
