"""``ipd sweep``: grids of tournaments over w, noise and payoffs, and their plots.

Only click is imported here at module level; everything heavy (numba,
pandas, Dask, matplotlib) is imported inside the commands so ``ipd --help``
stays instant. Registered on the main group with ``main.add_command(sweep)``;
also runnable on its own as ``python -m ipd.cli.sweep_cmd``.
"""

from __future__ import annotations

import sys

import click

from ipd.cli.common import Group, check_figure_path, lineup_options, option, write_figure

_W_HELP = "Explicit w values, comma-separated: 0.5,0.9,0.99."
_RANGE_HELP = "w from START to STOP (inclusive): START:STOP:STEP, or START:STOP with --w-count."


INTERRUPTED = (
    "ipd sweep: interrupted; finished cells are saved, run the same command again "
    "to complete the rest"
)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
def sweep() -> None:
    """Sweep tournaments over w (the shadow of the future), noise and payoffs.

    \b
    Examples:
      ipd sweep run --collection classic --w-range 0.5:0.99:0.01 --repetitions 100 \\
          --seed 1 --out sweeps/classic
      ipd sweep run tournaments/classic.toml --w 0.5,0.9,0.99 --exact --fallback simulate \\
          --out sweeps/exact
      ipd sweep run -s tft -s alld -s wsls --w-range 0.1:0.99 --w-count 50 \\
          --noise 0,0.01 --payoffs 3,0,5,1 --payoffs 4,0,6,1 --out sweeps/grid
      ipd sweep run ... --scheduler tcp://127.0.0.1:8786      # on a Dask cluster
      ipd sweep plot sweeps/classic --out classic.png
    """


@sweep.command("run", interrupted=INTERRUPTED)
@click.argument("spec", required=False, type=click.Path(dir_okay=False))
@lineup_options("strategy", "collection")
@click.option("--w", "w_values", default=None, help=_W_HELP)
@click.option("--w-range", default=None, help=_RANGE_HELP)
@click.option("--w-count", type=int, default=None, help="Number of w values in --w-range.")
@click.option("--noise", "noise_values", multiple=True, help="Noise levels: 0,0.01 (repeatable).")
@click.option(
    "--misperception",
    "misperception_values",
    multiple=True,
    help="Misperception rates (a player sees one of the other's moves wrongly): 0,0.05 "
    "(repeatable).",
)
@click.option(
    "--payoffs",
    "payoff_sets",
    multiple=True,
    help="Payoffs R,S,T,P (repeatable: each set is crossed with w and noise) [3,0,5,1].",
)
@click.option(
    "--mode",
    type=click.Choice(["continuation", "discount", "exact"]),
    default=None,
    help="Cells play geometric lengths (continuation, default), discounted fixed-length "
    "matches, or compute expected values exactly.",
)
@click.option("--exact", "exact_flag", is_flag=True, help="Same as --mode exact.")
@option(
    "fallback", "Exact mode: simulate the pairs that have no exact answer (instead of failing)."
)
@click.option("--repetitions", type=int, default=None, help="Round robins per cell [10].")
@click.option("--turns", type=int, default=None, help="Discount mode: moves per match [auto].")
@click.option("--seed", type=int, default=None, help="Master seed [the folder's, or random].")
@click.option("--self-play/--no-self-play", default=None, help="Twin matches count [on].")
@click.option("--allow-non-dilemma", is_flag=True, default=None, help="Accept any payoffs.")
@click.option("--pairs", is_flag=True, help="Also write the pair-level table.")
@click.option(
    "--batch-cells",
    type=int,
    default=None,
    help="At most this many cells per batch (one engine call, one task) [by size].",
)
@lineup_options("strategy_files")
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder."
)
@option(
    "scheduler",
    "sync (default: this process), processes (local pool) or tcp://HOST:PORT (a Dask "
    "cluster). Without it, Dask's configuration (DASK_SCHEDULER_ADDRESS) decides.",
)
@option("workers")
@click.option("--engine-threads", type=int, default=None, help="Numba threads per cell [auto].")
@option("no_progress")
def run(
    spec,
    strategy_ids,
    collection_names,
    w_values,
    w_range,
    w_count,
    noise_values,
    misperception_values,
    payoff_sets,
    mode,
    exact_flag,
    fallback,
    repetitions,
    turns,
    seed,
    self_play,
    allow_non_dilemma,
    pairs,
    batch_cells,
    strategy_files,
    out_dir,
    scheduler,
    workers,
    engine_threads,
    no_progress,
) -> None:
    """Run a sweep into the folder --out (or finish an interrupted one).

    Give the pool as a SPEC file (TOML; its strategies, collections, strategy
    files, repetitions, seed, noise, misperception, payoffs and self-play are
    used; w replaces its match lengths) and/or strategies with -s and
    --collection. Every cell is a full tournament at one (w, noise,
    misperception, payoffs). Running the same command
    again completes only the missing cells.
    """
    from ipd.core.errors import IpdError
    from ipd.sweep import SweepSettings, parse_floats, run_sweep, w_grid

    if exact_flag:
        if mode not in (None, "exact"):
            raise IpdError(f"--exact contradicts --mode {mode}")
        mode = "exact"
    grid = w_grid(values=w_values, w_range=w_range, count=w_count)
    base = _spec_settings(spec) if spec else {}
    names = list(base.pop("strategies", []))
    for group in collection_names:
        from ipd.strategies import collection

        names += [s for s in collection(group) if s not in names]
    names += [s for s in strategy_ids if s not in names]
    if not names:
        raise IpdError("give a tournament spec, strategies with -s, or --collection")
    noise = [v for text in noise_values for v in parse_floats(text, "noise")]
    if not noise:
        noise = [base.get("noise", 0.0)]
    misperception = [
        v for text in misperception_values for v in parse_floats(text, "misperception")
    ] or [base.get("misperception", 0.0)]
    allow = bool(
        allow_non_dilemma if allow_non_dilemma is not None else base.get("allow_non_dilemma")
    )
    payoffs = list(payoff_sets) or [base.get("payoffs", "3,0,5,1")]
    settings = SweepSettings(
        strategies=tuple(names),
        w=tuple(grid),
        noise=tuple(noise),
        misperception=tuple(misperception),
        payoffs=tuple(_payoff_set(p, allow) for p in payoffs),
        mode=mode or "continuation",
        repetitions=repetitions if repetitions is not None else base.get("repetitions", 10),
        seed=seed if seed is not None else base.get("seed"),
        self_play=self_play if self_play is not None else base.get("self_play", True),
        turns=turns,
        fallback=fallback,
        pairs=pairs,
        batch_cells=batch_cells,
        strategy_files=tuple(base.get("strategy_files", [])) + tuple(strategy_files),
        allow_non_dilemma=allow,
    )
    report = run_sweep(
        settings,
        out_dir,
        scheduler=scheduler,
        workers=workers,
        engine_threads=engine_threads,
        progress=not no_progress,
    )
    done = report.cells_before
    if report.cells_run == 0:
        click.echo(f"{report.out}: all {report.cells_total} cells were already done")
        return
    rate = f", {report.turns_per_second:,.0f} moves/s" if report.turns else ""
    click.echo(
        f"{report.out}: {report.cells_run} cells in {report.seconds:.1f} s on "
        f"{report.scheduler}{rate}"
        + (f" ({done} were already done)" if done else "")
        + f"; seed {report.settings.seed}"
    )


def _spec_settings(path) -> dict:
    """What a sweep takes from a tournament spec: its pool and the settings a sweep shares."""
    from ipd.cli.common import read_spec
    from ipd.core.tournament import lineup

    spec = read_spec(path)
    s = spec.settings
    return {
        "strategies": lineup(spec.strategies, spec.collections, spec.strategy_files),
        "strategy_files": list(spec.strategy_files),
        "repetitions": s.repetitions,
        "seed": s.seed,
        "noise": s.noise,
        "misperception": s.misperception,
        "payoffs": ",".join(repr(v) for v in s.payoffs.payoffs),
        "self_play": s.self_play,
        "allow_non_dilemma": s.allow_non_dilemma,
    }


def _payoff_set(text, allow: bool):
    from ipd.core.game import Game

    return Game.parse(text, allow_non_dilemma=allow).payoffs


@sweep.command("plot")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="Image file: .png, .svg or .pdf.",
)
@click.option("--noise", type=float, default=None, help="Noise level to draw (if several).")
@click.option(
    "--misperception", type=float, default=None, help="Misperception rate to draw (if several)."
)
@click.option("--payoffs", default=None, help="Payoffs R,S,T,P to draw (if several).")
@click.option("-s", "--strategy", "strategy_ids", multiple=True, help="Only these strategies.")
@option("force", "Overwrite an existing image.")
def plot(folder, out_path, noise, misperception, payoffs, strategy_ids, force) -> None:
    """Draw score per turn and rank against w from a sweep FOLDER.

    The w above which tit-for-tat is collectively stable,
    max((T-R)/(T-P), (T-R)/(R-S)), is marked.
    """
    from ipd.report.plots import sweep_plot

    path = check_figure_path(out_path, force=force)
    figure = sweep_plot(
        folder,
        noise=noise,
        payoffs=payoffs,
        strategies=strategy_ids or None,
        misperception=misperception,
    )
    write_figure(figure, path)
    click.echo(f"saved {path}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(sweep())
