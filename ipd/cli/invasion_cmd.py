"""``ipd invasion``: how far a cluster must keep to itself to invade (Axelrod 1984, ch. 3)."""

from __future__ import annotations

import click

from ipd.cli import common
from ipd.cli import population_common as pc


@common.command("invasion")
@pc.pool_options
@click.option("--invader", default=None, help="Place clusters of this strategy on a graph...")
@click.option("--native", default=None, help="...among this one (both from the pool).")
@click.option(
    "--sizes", default="1,2,3,4,5,6,8,9,12,16", show_default=True, help="Cluster sizes to place."
)
@common.option(
    "graph",
    "The graph clusters are placed on (see ipd moran --help).",
    default="lattice:21x21:von_neumann",
)
@common.option("generations", "Generations of territorial dynamics.", default=50)
@pc.outputs("Save the thresholds (or the clusters' fates): .parquet/.csv/.json.")
def invasion(pool: pc.Pool, invader, native, sizes, graph, generations, out: pc.Outputs) -> None:
    """The proportion p* of its interactions a small cluster must have with its own kind to
    invade a population, for every ordered pair of a pool, from the payoffs.

    A cluster of A invades natives B when p V(A|A) + (1 - p) V(A|B) > V(B|B)
    (Axelrod 1984, ch. 3): with the classic payoffs and w = 0.9, TFT needs
    p > 1/21 against ALLD. With --invader and --native, clusters of growing
    size are placed on a graph (a lattice by default) and the territorial
    dynamics are run: each player adopts its most successful neighbour's
    strategy when that neighbour did better.

    \b
    Examples:
      ipd invasion -s tft -s alld -s grudger -s wsls --exact 0.9
      ipd invasion -s tft -s alld --exact 0.9 --invader tft --native alld --plot clusters.png
    """
    from ipd.core.errors import IpdError

    if pool.use_matches:
        raise IpdError("cluster invasion reads a payoff table: use --exact W or a tournament")
    if (invader is None) != (native is None):
        raise IpdError("give both --invader and --native to place clusters")
    out.check()
    ws = pool.ws()
    if ws and len(ws) > 1:
        raise IpdError("--exact takes one w here")
    payoffs, _, description = pc.resolve_payoffs(pool, ws)
    from ipd.analysis.populations.invasion import cluster_invasion, cluster_thresholds
    from ipd.core.jsonio import records

    thresholds = cluster_thresholds(payoffs)
    runs = None
    if invader is not None:
        runs = cluster_invasion(
            payoffs,
            invader,
            native,
            pc.parse_numbers(sizes, int, "--sizes"),
            graph=graph,
            generations=generations,
        )
    document = {
        "payoffs": description,
        "thresholds": {
            a: {b: v for b, v in row.items()}
            for a, row in thresholds.to_dict(orient="index").items()
        },
        "clusters": records(runs) if runs is not None else None,
        "graph": graph if runs is not None else None,
    }
    if out.table is not None:
        frame = runs if runs is not None else thresholds.reset_index()
        out.wrote(pc.save_table(frame, out.table, document, out.force))
    if out.figure is not None:
        from ipd.report.population_plots import invasion_plot, threshold_heatmap

        fig = (
            invasion_plot(runs, invader, native)
            if runs is not None
            else threshold_heatmap(thresholds)
        )
        out.draw(fig, document)
    from ipd.report.population_text import invasion_report

    out.finish(document, invasion_report(thresholds, description, runs))
