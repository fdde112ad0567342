"""``ipd spatial``: Nowak and May's lattice game, or any strategies on a lattice; frames, GIFs."""

from __future__ import annotations

import click

from ipd.cli import common
from ipd.cli import population_common as pc

INTERRUPTED = "ipd spatial: interrupted; a grid folder keeps its finished cells"


@common.command("spatial", interrupted=INTERRUPTED)
@pc.pool_options
@click.option(
    "--b",
    "b_values",
    default=None,
    help="Nowak and May's temptation b (without strategies) [1.85]; a list makes a grid.",
)
@click.option("--size", default="99", show_default=True, help="Lattice side, or ROWSxCOLS.")
@common.choice("--neighbourhood", ["moore", "von_neumann"], "8 or 4 neighbours.")
@click.option("--open", "open_edges", is_flag=True, help="No wrap-around at the edges.")
@click.option("--no-self", is_flag=True, help="Cells do not play themselves.")
@common.choice("--scoring", ["sum", "mean"], "A cell's score: the sum or the mean of its payoffs.")
@common.option("generations", default=100)
@click.option(
    "--start",
    default=None,
    help="single (one cell of the second strategy in the middle) or shares "
    "LABEL=SHARE,... [10% of the second of two strategies at random, equal shares of more].",
)
@click.option(
    "--frames",
    "frame_list",
    default=None,
    help="Generations --plot shows: 0,10,50 [six, spread out].",
)
@click.option(
    "--frame-every",
    type=int,
    default=None,
    help="Keep the lattice every this many generations [at most 200 frames].",
)
@click.option(
    "--gif",
    "gif_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write every kept frame as an animated GIF.",
)
@click.option("--fps", type=int, default=8, show_default=True, help="GIF frames per second.")
@pc.run_options
@pc.outputs("Save the shares per generation: .parquet/.csv/.json (a grid: a folder).")
def spatial(
    pool: pc.Pool,
    b_values,
    size,
    neighbourhood,
    open_edges,
    no_self,
    scoring,
    generations,
    start,
    frame_list,
    frame_every,
    gif_path,
    fps,
    run: pc.Run,
    out: pc.Outputs,
) -> None:
    """Play a game on a lattice: each generation every cell plays its neighbours (and itself),
    then takes the strategy of the best scorer around it, all at once.

    Without strategies: Nowak and May (1992), one-shot co-operators (C) and
    defectors (D) with payoffs 1 (C v C), b (D v C) and 0, on a lattice with
    Moore neighbourhoods and periodic edges. With strategies (-s, or a SOURCE):
    the payoffs of their iterated matches, from a tournament, --exact W, or
    --matches played between neighbours every generation.

    \b
    Examples:
      ipd spatial --b 1.85 --size 99 --generations 200 --seed 1 --plot frames.png --gif nm.gif
      ipd spatial --b 1.9 --start single --size 69 --generations 60 --plot kaleidoscope.png
      ipd spatial -s tft -s alld --exact 0.9 --neighbourhood von_neumann --scoring mean
      ipd spatial --b 1.6,1.7,1.8,1.9 --generations 300 --seed 1 --out grids/nowak-may
    """
    from ipd.core.errors import IpdError

    bs = pc.parse_numbers(b_values, float, "--b")
    ws = pool.ws()
    rows, cols = _size(size)
    source = pool.source
    nowak_may = not (source.path or source.strategy_ids or source.collection_names)
    if nowak_may and (ws or pool.use_matches):
        raise IpdError("--exact and --matches need strategies (-s); --b is Nowak and May's game")
    if not nowak_may and bs:
        raise IpdError("--b is Nowak and May's game (no strategies); drop --b or the strategies")
    initial = _start(start)
    options = {
        "rows": rows,
        "cols": cols,
        "neighbourhood": neighbourhood,
        "periodic": not open_edges,
        "self_interaction": not no_self,
        "scoring": scoring,
        "generations": generations,
        "frame_every": frame_every,
    }
    if pc.is_grid({"b": bs, "w": ws}):
        if out.plot_path or gif_path:
            raise IpdError("a grid (a list in --b or --exact) writes its folder only")
        axes = {"b": bs} if nowak_may else {"w": ws}
        lattice = options | {"initial": initial}
        pc.run_grid_command("spatial", axes, {}, lattice, pool, run, out, nowak_may=nowak_may)
        return
    out.check()
    if gif_path:
        from ipd.core.io import check_output_path

        check_output_path(gif_path, force=out.force, suffixes=(".gif",))
    frames = pc.parse_numbers(frame_list, int, "--frames")
    from ipd.analysis.populations.spatial import SpatialSettings, nowak_may_payoffs
    from ipd.analysis.populations.spatial import spatial as play_spatial

    progress = not (run.no_progress or out.as_json)
    if nowak_may:
        b = bs[0] if bs else 1.85
        payoffs, seed = nowak_may_payoffs(b), source.settings.get("seed")
        description = f"Nowak and May's game, b = {b:g}"
    else:
        payoffs, seed, description = pc.resolve_payoffs(pool, ws, progress=progress)
    result = play_spatial(
        payoffs,
        initial,
        SpatialSettings(**options, seed=seed),
        progress=progress,
    )
    document = result.to_dict()
    if out.table is not None:
        out.wrote(result.save(out.table, force=out.force))
    if out.figure is not None:
        from ipd.report.population_plots import lattice_frames

        out.draw(lattice_frames(result, frames), document)
    if gif_path:
        from ipd.report.population_plots import lattice_gif

        out.add(document, "gif", lattice_gif(result, gif_path, fps=fps, force=out.force))
    from ipd.report.population_text import spatial_report

    out.finish(document, spatial_report(result, description))


def _size(text: str) -> tuple[int, int]:
    from ipd.core.errors import IpdError

    first, sep, second = str(text).lower().partition("x")
    try:
        rows = int(first)
        cols = int(second) if sep else rows
    except ValueError:
        raise IpdError(f"--size is a side or ROWSxCOLS, got {text!r}") from None
    return rows, cols


def _start(text: str | None):
    from ipd.core.errors import IpdError

    if text is None or text == "single":
        return text
    shares = {}
    for item in text.split(","):
        label, eq, value = item.partition("=")
        try:
            shares[label.strip()] = float(value)
        except ValueError:
            eq = ""
        if not eq or not label.strip():
            raise IpdError(f"--start is single or LABEL=SHARE,..., got {text!r}")
    return shares
