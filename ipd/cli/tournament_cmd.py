"""``ipd tournament``: play a tournament and print (or save) the ranked table."""

from __future__ import annotations

import click

from ipd.cli.common import (
    build_tournament,
    command,
    emit_json,
    exact_analysis,
    lineup_options,
    option,
    read_spec,
    setting_options,
)

PLAY_SETTINGS = (
    "turns",
    "repetitions",
    "lengths",
    "continuation",
    "discount",
    "noise",
    "misperception",
    "seed",
    "payoffs",
    "allow_non_dilemma",
    "self_play",
    "reveal_length",
    "rank_by",
    "keep_moves",
)


@command("tournament")
@click.argument("spec", required=False, type=click.Path(dir_okay=False))
@lineup_options("strategy", "collection")
@setting_options(*PLAY_SETTINGS)
@lineup_options("strategy_files")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Save .json/.parquet/.csv")
@option("force")
@click.option(
    "--exact",
    is_flag=True,
    help="Expected payoffs without sampling (needs --continuation or --discount W).",
)
@option("fallback")
@option(
    "scheduler",
    "Spread the repetitions: processes (a local pool) or tcp://HOST:PORT (a Dask "
    "cluster); bit-identical to playing here.",
)
@option("workers", "With --scheduler processes: pool size.")
@click.option("--principles", "with_principles", is_flag=True, help="Append the principles report.")
@option("no_progress")
@option("json", "Print the whole result as one JSON document.")
def tournament(
    spec,
    strategy_ids,
    collection_names,
    strategy_files,
    out_path,
    force,
    exact,
    fallback,
    scheduler,
    workers,
    with_principles,
    no_progress,
    as_json,
    **values,
) -> None:
    """Play a round-robin tournament and print the ranked table.

    Give a SPEC file (TOML, see tournaments/) and/or strategies with -s. Options
    override the spec. Scores are mean points per match; ranking is by score.
    """
    from ipd.core.errors import IpdError
    from ipd.core.io import check_output_path

    if out_path:
        check_output_path(out_path, force=force, suffixes=(".json", ".parquet", ".csv"))
    parsed = read_spec(spec)
    game = build_tournament(parsed, strategy_ids, collection_names, strategy_files, values)
    if parsed is not None and parsed.focus and parsed.focus not in game.labels:
        raise IpdError(
            f"{parsed.path}: focus {parsed.focus!r} is not an entrant of this tournament"
        )
    if exact:
        if out_path or with_principles:
            raise IpdError("--exact prints a table or --json; --out and --principles need play")
        _print_exact(game, fallback, as_json)
        return
    if fallback:
        raise IpdError("--fallback only applies with --exact")
    if workers is not None and scheduler is None:
        raise IpdError("--workers applies with --scheduler processes")
    results = game.play(progress=not (no_progress or as_json), scheduler=scheduler, workers=workers)
    if out_path:
        results.save(out_path, force=force)
    if as_json:
        document = results.to_dict()
        if with_principles:
            document["principles"] = results.principles().to_dict()
        emit_json(document)
        return
    from ipd.report.text import tournament_table

    click.echo(tournament_table(results))
    if parsed is not None and parsed.note:
        click.echo(f"note: {parsed.note}")
    if parsed is not None and parsed.published:
        from ipd.analysis import reproduction
        from ipd.report.text import published_comparison

        comparison = reproduction.compare_with_published(
            results.summary(), reproduction.published_table(parsed.published)
        )
        click.echo("")
        click.echo(published_comparison(*comparison))
    if parsed is not None and parsed.focus:
        from ipd.report.text import scores_against_table

        label = parsed.focus
        click.echo("")
        click.echo(
            scores_against_table(
                results.scores_against(label), label, results.names[results.labels.index(label)]
            )
        )
    if with_principles:
        click.echo("")
        click.echo(results.principles().format())
    if out_path:
        click.echo(f"saved {out_path}")


def _print_exact(game, fallback, as_json) -> None:
    from ipd.analysis.exact import exact_summary
    from ipd.core.errors import IpdError

    s = game.settings
    w = s.continuation or s.discount
    if w is None:
        raise IpdError("--exact needs --continuation W or --discount W")
    table = exact_summary(exact_analysis(game, w, fallback), self_play=s.self_play)
    if as_json:
        emit_json({"config": game.config() | {"exact": True}, "summary": table.to_dict("records")})
        return
    click.echo(
        f"Exact expected payoffs: {len(table)} strategies, w={w:g}, noise {s.noise:g}, "
        + (f"misperception {s.misperception:g}, " if s.misperception else "")
        + f"self-play {'counted' if s.self_play else 'off'}"
    )
    click.echo(table.to_string(index=False))
    click.echo(
        "score: expected points per match, score_per_turn / (1 - w); stable: collectively "
        "stable in this pool; method: how the least exact of its pairs was computed."
    )
