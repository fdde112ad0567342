"""``ipd levers``: which change to the rules makes co-operation win, and by how much."""

from __future__ import annotations

import click

from ipd.cli import common

INTERRUPTED = (
    "ipd levers: interrupted; an --out folder keeps its finished cells (run the same command "
    "again to complete it), nothing else was written"
)
FIGURE_FORMATS = ("png", "svg", "pdf")


@common.command("levers", interrupted=INTERRUPTED)
@common.source_options
@click.option(
    "--lever",
    "lever_names",
    multiple=True,
    help="A lever to move (repeatable): w, length, T, S, misperception, noise, assortment "
    "[all; without length when --exact].",
)
@click.option(
    "--values",
    "value_specs",
    multiple=True,
    help="A lever's values, NAME=V1,V2,... (repeatable) [a range around the baseline].",
)
@common.choice(
    "--dynamic",
    ["tournament", "ecology", "moran"],
    "What co-operation becomes: the tournament as it stands, Axelrod's ecological "
    "simulation, or a Moran process.",
    default="ecology",
)
@click.option(
    "--assortment",
    type=float,
    default=None,
    help="The baseline's like-mindedness r [the spec's, else 0].",
)
@click.option(
    "--start",
    default="even",
    show_default=True,
    help="The starting population: even, mutant:ID, or one share (ecology) or count (moran) "
    "per strategy: 1,1,18.",
)
@common.option("generations", "Ecology generations [1000].")
@click.option("--n", "size", type=int, default=20, show_default=True, help="Moran: population N.")
@common.option("runs", "Moran: runs per value.", default=100)
@common.option("intensity", "Moran: selection intensity.", type=float, default=1.0)
@common.option("fitness", "Moran: fitness 1 - s + s p, or exp(s p).", default="exponential")
@common.option(
    "graph",
    "Moran: who plays whom (complete, ring[:K], lattice[:RxC], star or a graph file).",
    default="complete",
)
@click.option(
    "--exact",
    is_flag=True,
    help="Exact expected payoffs instead of play (needs --continuation W).",
)
@common.option("fallback")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder: the table and summary as Parquet, every cell's pair table (resumable).",
)
@click.option(
    "--plots",
    "plots_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder: one figure per lever and the summary (levers-NAME.png, levers-summary.png).",
)
@common.choice("--format", FIGURE_FORMATS, "Figure format.", dest="figure_format")
@common.option("force", "Overwrite existing figures.")
@common.option(
    "scheduler", "Spread the cells over Dask: processes (a local pool) or tcp://HOST:PORT."
)
@common.option("workers")
@common.option("no_progress")
@common.option("json")
def levers(
    source: common.Source,
    lever_names,
    value_specs,
    dynamic,
    assortment,
    start,
    generations,
    size,
    runs,
    intensity,
    fitness,
    graph,
    exact,
    fallback,
    out_dir,
    plots_dir,
    figure_format,
    force,
    scheduler,
    workers,
    no_progress,
    as_json,
) -> None:
    """Which change to the rules makes co-operation win, and by how much.

    From a baseline (SOURCE: a tournament spec, or strategies with -s and
    settings) each lever is moved over a range, one at a time: the shadow of
    the future w, the match length, the payoffs T and S (every value keeps a
    Prisoner's Dilemma), misperception (players see the other's moves wrong),
    noise (moves come out wrong), and assortment (like-minded players meet).
    For each value the pool's matches are played (or computed exactly) and the
    dynamic says what co-operation becomes in the long run. Prints the
    effects, largest first, where co-operation takes over, and the closed form
    for TFT against ALLD where there is one. See docs/levers.md.

    \b
    Examples:
      ipd levers tournaments/classic.toml --repetitions 20 --seed 1 --plots figures/
      ipd levers -s tft -s alld -s wsls -s gtft --continuation 0.9 --exact --json
      ipd levers tournaments/axelrod-1980-first.toml --lever w --lever misperception \\
          --dynamic moran --runs 200 --out levers/1980
    """
    from pathlib import Path

    from ipd.analysis.levers import Dynamic
    from ipd.analysis.levers import levers as compute
    from ipd.core.errors import IpdError

    if source.saved:
        raise IpdError("the levers play their own cells: give a spec or -s, not a saved result")
    values = _values(value_specs)
    figures = _figure_paths(plots_dir, lever_names, figure_format, force)
    spec, tournament = source.spec_and_tournament()
    labels = tournament.labels
    the_dynamic = Dynamic(
        kind=dynamic,
        start=_start(start, labels),
        generations=generations,
        n=size,
        runs=runs,
        intensity=intensity,
        fitness=fitness,
        graph=graph,
    )
    result = compute(
        labels,
        tournament.settings,
        levers=list(lever_names) or None,
        values=values,
        dynamic=the_dynamic,
        assortment=source.value("assortment", assortment),
        exact=exact,
        fallback=fallback,
        strategy_files=tuple(tournament.strategy_files),
        out=out_dir,
        progress=not (no_progress or as_json),
        scheduler=scheduler,
        workers=workers,
    )
    written = []
    if figures is not None:
        from ipd.report.figures import save_figure
        from ipd.report.levers import lever_figure, tornado_figure

        folder = Path(plots_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for name, _ in result.problem.levers:
            path = folder / f"levers-{name}.{figure_format}"
            written.append(str(save_figure(lever_figure(result, name), path, force=True)))
        path = folder / f"levers-summary.{figure_format}"
        written.append(str(save_figure(tornado_figure(result), path, force=True)))
    if out_dir:
        written += [str(Path(out_dir) / n) for n in ("levers.parquet", "summary.parquet")]
    if as_json:
        document = result.to_dict()
        document["written"] = written
        common.emit_json(document)
        return
    from ipd.report.levers import levers_report

    if spec is not None and spec.name:
        click.echo(spec.name)
    click.echo(levers_report(result))
    for path in written:
        click.echo(f"wrote {path}")


def _values(specs) -> dict[str, str]:
    from ipd.core.errors import IpdError

    out: dict[str, str] = {}
    for spec in specs:
        name, sep, text = str(spec).partition("=")
        name = name.strip()
        if not sep or not name or not text.strip():
            raise IpdError(f"--values takes NAME=V1,V2,... (say w=0.5,0.9), got {spec!r}")
        if name in out:
            raise IpdError(f"--values gives {name} twice")
        out[name] = text
    return out


def _figure_paths(plots_dir, lever_names, figure_format: str, force: bool):
    """Check the figure folder before any work: no existing figure is overwritten unless
    --force."""
    from pathlib import Path

    from ipd.analysis.levers import LEVERS
    from ipd.core.errors import IpdError

    if plots_dir is None:
        return None
    folder = Path(plots_dir)
    if folder.exists() and not folder.is_dir():
        raise IpdError(f"--plots {plots_dir} is not a folder")
    if not folder.parent.is_dir():
        raise IpdError(f"cannot create {folder}: folder {folder.parent} does not exist")
    names = [*(lever_names or LEVERS), "summary"]
    paths = [folder / f"levers-{name}.{figure_format}" for name in names]
    existing = [str(p) for p in paths if p.exists()]
    if existing and not force:
        raise IpdError(f"{existing[0]} exists; use --force to overwrite it")
    return paths


def _start(text: str, labels: list[str]):
    from ipd.core.errors import IpdError
    from ipd.core.values import split_numbers

    text = str(text).strip()
    if text == "even" or text.startswith("mutant:"):
        return text
    numbers = split_numbers(
        text, float, f"--start must be even, mutant:ID or numbers separated by commas, got {text!r}"
    )
    if len(numbers) != len(labels):
        raise IpdError(
            f"--start gives {len(numbers)} numbers for {len(labels)} strategies "
            f"({', '.join(labels)})"
        )
    if any(x < 0 for x in numbers) or sum(numbers) <= 0:
        raise IpdError("--start needs numbers >= 0, not all zero")
    return dict(zip(labels, numbers, strict=True))
