"""``ipd match``: play one match and show every move."""

from __future__ import annotations

import click

from ipd.cli.common import command, emit_json, lineup_options, setting_options


@command("match")
@click.argument("row")
@click.argument("column")
@setting_options("turns", "noise", "seed", defaults={"turns": 10, "noise": 0.0, "seed": 0})
@setting_options("payoffs", "allow_non_dilemma", "reveal_length")
@lineup_options("strategy_files")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def match(row, column, strategy_files, as_json, **values) -> None:
    """Play one match between ROW and COLUMN and show every move."""
    from ipd.core.match import play_match
    from ipd.core.settings import Settings
    from ipd.strategies import load_strategy_file

    for path in strategy_files:
        load_strategy_file(path)
    s = Settings().updated(**values)
    result = play_match(
        row,
        column,
        turns=s.turns,
        noise=s.noise,
        seed=s.seed,
        game=s.payoffs,
        reveal_length=s.reveal_length,
    )
    if as_json:
        emit_json(result.to_dict())
        return
    a, b = result.move_strings
    width = max(len(result.players[0]), len(result.players[1]))
    click.echo(f"{result.players[0].ljust(width)}  {a}  {result.scores[0]:g}")
    click.echo(f"{result.players[1].ljust(width)}  {b}  {result.scores[1]:g}")
    click.echo(f"{s.turns} turns, payoffs {s.payoffs}, noise {s.noise:g}, seed {s.seed}")
