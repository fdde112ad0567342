"""``ipd plot``: draw a figure of a tournament (or a sweep) to PNG, SVG or PDF.

Only click is imported at module level; matplotlib, numba and pandas load
inside the command, so ``ipd --help`` stays instant.
"""

from __future__ import annotations

import click

from ipd.cli.common import (
    RESULT_SUFFIXES,
    Source,
    check_figure_path,
    command,
    emit_json,
    option,
    source_options,
    write_figure,
)

KINDS = ("scores", "payoffs", "timeline", "principles", "ecology", "sweep")


@command("plot")
@click.argument("kind", type=click.Choice(KINDS))
@source_options
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="Output file: .png, .svg or .pdf.",
)
@option("force")
@click.option("--player", default=None, help="timeline: whose moves to show [tft, else the best].")
@click.option(
    "--opponent", "opponents", multiple=True, help="timeline: one opponent (repeatable) [all]."
)
@click.option("--repetition", type=int, default=0, show_default=True, help="timeline: which one.")
@option("generations", "ecology: how many.", default=1000)
@option("threshold", "ecology: extinct below.", default=1e-3)
@option("what_if", "principles: add the what-if panel (twins replayed).")
@option("examine", "principles: a strategy to replay with its twins (repeatable) [the top five].")
@option("json", "Describe the file written as JSON.")
def plot(
    kind,
    source: Source,
    out_path,
    force,
    player,
    opponents,
    repetition,
    generations,
    threshold,
    what_if,
    examined,
    as_json,
) -> None:
    """Draw KIND of a tournament to --out FILE (.png, .svg or .pdf).

    \b
    KIND:
      scores      score per match over repetitions, ranked box plots
      payoffs     mean score per turn, row against column (heatmap)
      timeline    every move of --player against each --opponent (C/D raster)
      principles  Axelrod's principles, measured, against rank, and what
                  happened to twins that broke them (--no-what-if: measures only)
      ecology     population shares over generations (stack plot)
      sweep       score and rank against w, from a sweep folder (SOURCE;
                  --noise, --misperception, --payoffs and -s choose the slice)

    SOURCE is a tournament spec (.toml) or a saved result (.json, .parquet);
    or give strategies with -s. Examples:

    \b
      ipd plot payoffs tournaments/classic.toml --repetitions 20 --out payoffs.png
      ipd plot timeline -s tft -s alld -s joss --player tft --turns 50 --out moves.svg
      ipd plot ecology results.json --generations 200 --out ecology.pdf
    """
    from ipd.core.errors import IpdError
    from ipd.report import plots

    path = check_figure_path(out_path, force=force)
    if examined and (kind != "principles" or not what_if):
        raise IpdError("--examine is for ipd plot principles with its what-if panel")
    document: dict = {"kind": kind}
    settings = source.settings
    if kind == "sweep":
        if not source.path:
            raise IpdError("ipd plot sweep needs the sweep's output folder as SOURCE")
        fig = plots.sweep_plot(
            source.path,
            noise=settings.get("noise"),
            payoffs=settings.get("payoffs"),
            strategies=list(source.strategy_ids) or None,
            misperception=settings.get("misperception"),
        )
        document["source"] = source.path
    else:
        keep = kind == "timeline" and not (source.path and source.path.endswith(RESULT_SUFFIXES))
        changes = {}
        if keep and settings.get("repetitions") is None:
            changes["repetitions"] = repetition + 1  # only the shown repetition is needed
        if keep:
            changes["keep_moves"] = True
        results = source.results(**changes)
        if kind == "scores":
            fig = plots.score_distribution(results)
        elif kind == "payoffs":
            fig = plots.payoff_heatmap(results)
        elif kind == "principles":
            report = None
            if what_if:
                from ipd.analysis.principles import what_if as replay

                report = replay(results, strategies=list(examined) or None)
            fig = plots.principles_plot(results, what_if=report)
        elif kind == "ecology":
            eco = results.ecology(generations=generations, threshold=threshold)
            fig = plots.ecology_plot(eco)
            document["survivors"] = eco.survivors
        else:
            if player is None:
                player = "tft" if "tft" in results.labels else results.summary().iloc[0, 1]
            if player not in results.labels:
                raise IpdError(f"{player!r} is not in this tournament")
            chosen = list(opponents) or None
            if chosen and len(chosen) == 1:
                chosen = chosen[0]
            fig = plots.match_timeline(player, chosen, results=results, repetition=repetition)
            document["player"] = player
        document["strategies"] = list(results.labels)
        document["seed"] = results.settings.seed
    document.update(write_figure(fig, path))
    if as_json:
        emit_json(document)
    else:
        click.echo(f"wrote {path} ({kind}, {document['bytes']} bytes)")
