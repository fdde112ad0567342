"""``ipd plot``: draw a figure of a tournament (or a sweep) to PNG, SVG or PDF.

Only click is imported at module level; matplotlib, numba and pandas load
inside the command, so ``ipd --help`` stays instant. The helpers that turn a
spec, a strategy list or a saved result file into results are shared with
``ipd ecology`` and ``ipd lesson``.
"""

from __future__ import annotations

import functools
import json

import click

from ipd.cli.common import RESULT_SUFFIXES, tournament_options

KINDS = ("scores", "payoffs", "timeline", "principles", "ecology", "sweep")


def one_line_errors(func):
    """Report :class:`ipd.core.errors.IpdError` as a one-line click error, however the command runs.

    The ``ipd`` group does this too; doing it here keeps the command correct
    when invoked on its own (tests, other groups).
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from ipd.core.errors import IpdError

        try:
            return func(*args, **kwargs)
        except IpdError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


_SETTING_NAMES = (
    "turns",
    "repetitions",
    "continuation",
    "noise",
    "seed",
    "payoffs",
    "self_play",
    "reveal_length",
)


def source_options(func):
    """The options that choose a tournament: a SOURCE argument, -s, and the usual settings."""
    func = tournament_options("strategy", "collection", *_SETTING_NAMES, "strategy_files")(func)
    return click.argument("source", required=False, type=click.Path())(func)


def load_results(
    source,
    strategy_ids=(),
    collection_names=(),
    strategy_files=(),
    *,
    keep_moves=False,
    **settings,
):
    """Results from SOURCE (a ``.toml`` spec, or a saved ``.json``/``.parquet`` result) or -s.

    Tournament settings given as options override the spec's; they cannot
    change a saved result, so combining them is an error.
    """
    from ipd.cli.common import load_or_play

    given = {k: v for k, v in settings.items() if k in _SETTING_NAMES}
    if keep_moves:
        given["keep_moves"] = True
    return load_or_play(source, strategy_ids, collection_names, strategy_files, given)


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height in pixels of PNG bytes (read from the IHDR chunk), else None."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def write_figure(fig, path, *, force: bool) -> dict:
    """Write a figure atomically and describe the file written."""
    from ipd.core.io import write_atomically
    from ipd.report.plots import figure_bytes

    data = figure_bytes(fig, path.suffix)
    write_atomically(path, data)
    document = {"out": str(path), "format": path.suffix.lstrip("."), "bytes": len(data)}
    size = png_size(data)
    if size:
        document["width_px"], document["height_px"] = size
    return document


def check_figure_path(path, *, force: bool):
    """Validate a figure output path before any work."""
    from ipd.core.io import check_output_path
    from ipd.report.plots import FORMATS

    return check_output_path(path, force=force, suffixes=FORMATS)


def require_matplotlib() -> None:
    """Fail in one line, with the fix, when matplotlib is missing."""
    import importlib.util

    from ipd.core.errors import IpdError

    if importlib.util.find_spec("matplotlib") is None:
        raise IpdError("plots need matplotlib: pip install matplotlib")


@click.command("plot")
@click.argument("kind", type=click.Choice(KINDS))
@source_options
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="Output file: .png, .svg or .pdf.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing --out file.")
@click.option("--player", default=None, help="timeline: whose moves to show [tft, else the best].")
@click.option(
    "--opponent", "opponents", multiple=True, help="timeline: one opponent (repeatable) [all]."
)
@click.option("--repetition", type=int, default=0, show_default=True, help="timeline: which one.")
@click.option("--generations", type=int, default=1000, show_default=True, help="ecology: how many.")
@click.option(
    "--threshold", type=float, default=1e-3, show_default=True, help="ecology: extinct below."
)
@click.option("--json", "as_json", is_flag=True, help="Describe the file written as JSON.")
@one_line_errors
def plot(
    kind,
    source,
    strategy_ids,
    collection_names,
    strategy_files,
    out_path,
    force,
    player,
    opponents,
    repetition,
    generations,
    threshold,
    as_json,
    **settings,
) -> None:
    """Draw KIND of a tournament to --out FILE (.png, .svg or .pdf).

    \b
    KIND:
      scores      score per match over repetitions, ranked box plots
      payoffs     mean score per turn, row against column (heatmap)
      timeline    every move of --player against each --opponent (C/D raster)
      principles  Axelrod's principles, measured, against rank
      ecology     population shares over generations (stack plot)
      sweep       score and rank against w, from a sweep folder (SOURCE;
                  --noise, --payoffs and -s choose the slice)

    SOURCE is a tournament spec (.toml) or a saved result (.json, .parquet);
    or give strategies with -s. Examples:

    \b
      ipd plot payoffs tournaments/classic.toml --repetitions 20 --out payoffs.png
      ipd plot timeline -s tft -s alld -s joss --player tft --turns 50 --out moves.svg
      ipd plot ecology results.json --generations 200 --out ecology.pdf
    """
    require_matplotlib()
    from ipd.core.errors import IpdError
    from ipd.report import plots

    path = check_figure_path(out_path, force=force)
    document: dict = {"kind": kind}
    if kind == "sweep":
        if not source:
            raise IpdError("ipd plot sweep needs the sweep's output folder as SOURCE")
        fig = plots.sweep_plot(
            source,
            noise=settings.get("noise"),
            payoffs=settings.get("payoffs"),
            strategies=list(strategy_ids) or None,
        )
        document["source"] = source
    else:
        keep = kind == "timeline" and not (source and source.endswith(RESULT_SUFFIXES))
        if keep and settings.get("repetitions") is None:
            settings["repetitions"] = repetition + 1  # only the shown repetition is needed
        results = load_results(
            source,
            strategy_ids,
            collection_names,
            strategy_files,
            keep_moves=keep,
            **settings,
        )
        if kind == "scores":
            fig = plots.score_distribution(results)
        elif kind == "payoffs":
            fig = plots.payoff_heatmap(results)
        elif kind == "principles":
            fig = plots.principles_plot(results)
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
        document["seed"] = results.config["seed"]
    document.update(write_figure(fig, path, force=force))
    if as_json:
        click.echo(json.dumps(document, indent=2))
    else:
        click.echo(f"wrote {path} ({kind}, {document['bytes']} bytes)")
