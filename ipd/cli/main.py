"""The ``ipd`` command.

Heavy imports (numba, pandas) happen inside the commands, so ``ipd --help``
and ``ipd --version`` answer at once.
"""

from __future__ import annotations

import json
import os
import sys

import click

from ipd._version import __version__
from ipd.cli.common import build_tournament, tournament_options
from ipd.cli.ecology_cmd import ecology
from ipd.cli.lesson_cmd import lesson
from ipd.cli.plot_cmd import plot
from ipd.cli.principles_cmd import principles, principles_report_dict, principles_report_text
from ipd.cli.sweep_cmd import sweep

_PAYOFFS_HELP = "Payoffs R,S,T,P (default 3,0,5,1); must be a dilemma unless --allow-non-dilemma."


class _Group(click.Group):
    """Turns expected failures into one-line errors with a non-zero exit, never a traceback."""

    def invoke(self, ctx: click.Context):
        from ipd.core.errors import IpdError

        try:
            return super().invoke(ctx)
        except IpdError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            # The reader went away (ipd ... | head): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except KeyboardInterrupt:
            click.echo("ipd: interrupted; nothing was written", err=True)
            ctx.exit(130)
        except OSError as exc:
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="ipd")
def main() -> None:
    """Iterated Prisoner's Dilemma tournaments, compiled.

    \b
    Examples:
      ipd tournament -s tft -s alld -s grudger --turns 200 --repetitions 100 --seed 1
      ipd tournament tournaments/classic.toml
      ipd match tft alld --turns 10
      ipd strategies
    """


def _load_files(paths) -> None:
    from ipd.strategies import load_strategy_file

    for path in paths:
        load_strategy_file(path)


def _emit_json(document) -> None:
    click.echo(json.dumps(document, indent=2, allow_nan=False))


# ---------------------------------------------------------------- strategies
@main.command()
@click.option("--collection", "collection_name", help="Only the strategies of this collection.")
@click.option("--collections", "list_collections", is_flag=True, help="List the collections.")
@click.option("--contract", is_flag=True, help="Print the step-function contract and exit.")
@tournament_options("strategy_files")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def strategies(collection_name, list_collections, contract, strategy_files, as_json) -> None:
    """List the available strategies with their classifiers.

    Parameters are given as ID:NAME=VALUE[,NAME=VALUE], for example random:p=0.3.
    """
    from ipd.strategies import registry

    if contract:
        click.echo(registry.STEP_CONTRACT)
        return
    _load_files(strategy_files)
    if list_collections:
        groups = registry.collections()
        if as_json:
            _emit_json(groups)
        else:
            for name, ids in groups.items():
                click.echo(f"{name} ({len(ids)}): {' '.join(ids)}")
        return
    infos = registry.all_strategies()
    if collection_name:
        wanted = set(registry.collection(collection_name))
        infos = [s for s in infos if s.id in wanted]
    if as_json:
        _emit_json(
            [
                {
                    "id": s.id,
                    "name": s.name,
                    "aliases": list(s.aliases),
                    "description": s.description,
                    "source": s.source,
                    **s.classifiers(),
                    "tags": list(s.tags),
                    "parameters": {p.name: p.default for p in s.params},
                    "origin": s.origin,
                    "axelrod_name": s.axelrod_name,
                }
                for s in infos
            ]
        )
        return
    rows = []
    for s in infos:
        depth = "inf" if s.memory_depth is None else str(s.memory_depth)
        flags = "".join(
            [
                "S" if s.stochastic else "-",
                "L" if s.uses_length else "-",
                "P" if s.uses_payoffs else "-",
            ]
        )
        params = ",".join(f"{p.name}={_fmt_default(p.default)}" for p in s.params)
        rows.append((s.id, s.name, depth, flags, params, s.description))
    headers = ("id", "name", "memory", "SLP", "parameters", "description")
    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(headers[:-1])]
    line = "  ".join(h.ljust(w) for h, w in zip(headers[:-1], widths, strict=True))
    click.echo(line + "  " + headers[-1])
    for r in rows:
        click.echo(
            "  ".join(v.ljust(w) for v, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        )
    click.echo(
        "\nSLP: S stochastic, L uses the match length, P uses the payoffs. "
        "Parameters: ID:NAME=VALUE, e.g. random:p=0.3."
    )


def _fmt_default(value) -> str:
    return "auto" if value is None else f"{value:g}"


# ---------------------------------------------------------------- match
@main.command()
@click.argument("row")
@click.argument("column")
@click.option("--turns", type=int, default=10, show_default=True, help="Moves in the match.")
@click.option("--noise", type=float, default=0.0, show_default=True, help="Flip probability.")
@click.option("--seed", type=int, default=0, show_default=True, help="Master seed.")
@click.option("--payoffs", default=None, help=_PAYOFFS_HELP)
@click.option("--allow-non-dilemma", is_flag=True, help="Accept payoffs that are not a dilemma.")
@click.option("--reveal-length", is_flag=True, help="Tell the strategies the match length.")
@tournament_options("strategy_files")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def match(
    row,
    column,
    turns,
    noise,
    seed,
    payoffs,
    allow_non_dilemma,
    reveal_length,
    strategy_files,
    as_json,
) -> None:
    """Play one match between ROW and COLUMN and show every move."""
    from ipd.core.game import Game
    from ipd.core.match import play_match

    _load_files(strategy_files)
    game = Game.parse(payoffs, allow_non_dilemma) if payoffs else Game(allow_non_dilemma=False)
    result = play_match(
        row, column, turns=turns, noise=noise, seed=seed, game=game, reveal_length=reveal_length
    )
    if as_json:
        _emit_json(result.to_dict())
        return
    a, b = result.move_strings
    width = max(len(result.players[0]), len(result.players[1]))
    click.echo(f"{result.players[0].ljust(width)}  {a}  {result.scores[0]:g}")
    click.echo(f"{result.players[1].ljust(width)}  {b}  {result.scores[1]:g}")
    click.echo(f"{turns} turns, payoffs {game}, noise {noise:g}, seed {seed}")


# ---------------------------------------------------------------- tournament
@main.command()
@click.argument("spec", required=False, type=click.Path(dir_okay=False))
@tournament_options(
    "strategy",
    "collection",
    "turns",
    "repetitions",
    "lengths",
    "continuation",
    "discount",
    "noise",
    "seed",
    "payoffs",
    "allow_non_dilemma",
    "self_play",
    "reveal_length",
)
@click.option("--rank-by", type=click.Choice(["mean", "median"]), default=None, help="[mean]")
@click.option("--keep-moves", is_flag=True, help="Keep every move (memory grows with turns).")
@tournament_options("strategy_files")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Save .json/.parquet/.csv")
@click.option("--force", is_flag=True, help="Overwrite an existing --out file.")
@click.option(
    "--exact",
    is_flag=True,
    help="Expected payoffs without sampling (needs --continuation or --discount W).",
)
@click.option(
    "--fallback",
    type=click.Choice(["simulate"]),
    default=None,
    help="With --exact: simulate the pairs that have no exact answer.",
)
@click.option("--principles", "with_principles", is_flag=True, help="Append the principles report.")
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the whole result as one JSON document."
)
def tournament(
    spec,
    strategy_ids,
    collection_names,
    turns,
    repetitions,
    lengths,
    continuation,
    discount,
    noise,
    seed,
    payoffs,
    allow_non_dilemma,
    self_play,
    reveal_length,
    rank_by,
    keep_moves,
    strategy_files,
    out_path,
    force,
    exact,
    fallback,
    with_principles,
    no_progress,
    as_json,
) -> None:
    """Play a round-robin tournament and print the ranked table.

    Give a SPEC file (TOML, see tournaments/) and/or strategies with -s. Options
    override the spec. Scores are mean points per match; ranking is by score.
    """
    from ipd.core.errors import IpdError
    from ipd.core.io import check_output_path

    if out_path:
        check_output_path(out_path, force=force, suffixes=(".json", ".parquet", ".csv"))
    overrides = {
        "turns": turns,
        "repetitions": repetitions,
        "lengths": lengths,
        "continuation": continuation,
        "discount": discount,
        "noise": noise,
        "seed": seed,
        "payoffs": payoffs,
        "allow_non_dilemma": allow_non_dilemma,
        "self_play": self_play,
        "reveal_length": reveal_length,
        "rank_by": rank_by,
        "keep_moves": keep_moves or None,
    }
    published = None
    if spec:
        from ipd.core.spec import load_spec

        published = load_spec(spec).get("published")
    tournament = build_tournament(spec, strategy_ids, collection_names, strategy_files, overrides)
    if exact:
        if out_path or with_principles:
            raise IpdError("--exact prints a table or --json; --out and --principles need play")
        _print_exact(tournament, fallback, as_json)
        return
    if fallback:
        raise IpdError("--fallback only applies with --exact")
    results = tournament.play(progress=not (no_progress or as_json))
    if out_path:
        results.save(out_path, force=force)
    if as_json:
        document = results.to_dict()
        if with_principles:
            document["principles"] = principles_report_dict(results)
        _emit_json(document)
        return
    _print_table(results)
    if published:
        _print_published_comparison(results, published)
    if with_principles:
        click.echo("")
        click.echo(principles_report_text(results))
    if out_path:
        click.echo(f"saved {out_path}")


def _print_exact(tournament, fallback, as_json) -> None:
    from ipd.analysis.exact import exact_results_table
    from ipd.core.errors import IpdError

    w = tournament.continuation or tournament.discount
    if w is None:
        raise IpdError("--exact needs --continuation W or --discount W")
    table = exact_results_table(
        tournament.players,
        w,
        game=tournament.game,
        noise=tournament.noise,
        self_play=tournament.self_play,
        fallback=fallback,
        repetitions=tournament.repetitions,
        seed=tournament.seed,
    )
    if as_json:
        _emit_json(
            {"config": tournament.config() | {"exact": True}, "summary": table.to_dict("records")}
        )
        return
    click.echo(
        f"Exact expected payoffs: {len(table)} strategies, w={w:g}, noise {tournament.noise:g}, "
        f"self-play {'counted' if tournament.self_play else 'off'}"
    )
    click.echo(table.to_string(index=False))
    click.echo(
        "score: expected points per match, score_per_turn / (1 - w); stable: collectively "
        "stable in this pool; method: how the least exact of its pairs was computed."
    )


def _length_text(config) -> str:
    if config.get("continuation"):
        return f"continuation w={config['continuation']:g}"
    if config.get("lengths"):
        return "lengths " + ",".join(str(n) for n in config["lengths"])
    return f"{config['turns']} turns"


def _print_table(results) -> None:
    config = results.config
    summary = results.summary()
    title = config.get("name") or "Tournament"
    click.echo(
        f"{title}: {len(results.labels)} strategies, {_length_text(config)}, "
        f"{config['repetitions']} repetitions, noise {config['noise']:g}, seed {config['seed']}, "
        f"payoffs R={config['payoffs']['R']:g} S={config['payoffs']['S']:g} "
        f"T={config['payoffs']['T']:g} P={config['payoffs']['P']:g}, "
        f"self-play {'counted' if config['self_play'] else 'off'}"
        + (f", discount w={config['discount']:g}" if config.get("discount") else "")
    )
    width = max(8, *(len(s) for s in summary["strategy"]))
    click.echo(
        f"{'rank':>4}  {'strategy':<{width}}  {'score':>9}  {'per turn':>8}  "
        f"{'std':>7}  {'coop':>6}  {'wins':>6}"
    )
    for row in summary.itertuples():
        click.echo(
            f"{row.rank:>4}  {row.strategy:<{width}}  {row.score:>9.2f}  "
            f"{row.score_per_turn:>8.3f}  {row.score_std:>7.2f}  "
            f"{row.cooperation_rate:>6.1%}  {row.wins:>6}"
        )
    ranked = "median" if config.get("rank_by") == "median" else "mean"
    click.echo(
        f"score: {ranked} points per match over repetitions; std: across repetitions; "
        "coop: co-operation rate; wins: matches won."
    )


def _print_published_comparison(results, published: str) -> None:
    from ipd.analysis import reproduction

    table, figures = reproduction.compare_with_published(
        results.summary(), reproduction.published_table(published)
    )
    click.echo("")
    click.echo(reproduction.format_comparison(table, figures))


main.add_command(principles)
main.add_command(sweep)
main.add_command(plot)
main.add_command(ecology)
main.add_command(lesson)


def run() -> None:
    """The console entry point: run the command, then leave without interpreter teardown.

    Every command has finished its work and written its files (atomically) by
    the time click exits; what remains is Python unloading numba, llvmlite
    and pandas, which takes longer than playing a whole tournament. Flushing
    and exiting directly keeps a warm ``ipd tournament`` start-up short.
    """
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = 141
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
