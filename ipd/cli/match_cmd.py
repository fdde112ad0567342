"""``ipd match``: play one match and show every move."""

from __future__ import annotations

import click

from ipd.cli.common import command, emit_json, lineup_options, setting_options

MATCH_SETTINGS = ("turns", "noise", "seed", "reveal_length", "misperception")
"""The settings :func:`ipd.core.match.play_match` takes under their own names (and the payoffs)."""


@command("match")
@click.argument("row")
@click.argument("column")
@setting_options("turns", "noise", "seed", defaults={"turns": 10, "noise": 0.0, "seed": 0})
@setting_options("misperception", "payoffs", "allow_non_dilemma", "reveal_length")
@lineup_options("strategy_files")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def match(row, column, strategy_files, as_json, **values) -> None:
    """Play one match between ROW and COLUMN and show every move.

    With --misperception each player's own record of the other's moves is
    shown under the moves really played.
    """
    from ipd.core.match import play_match
    from ipd.core.settings import Settings
    from ipd.strategies import load_strategy_file

    for path in strategy_files:
        load_strategy_file(path)
    s = Settings().updated(**values)
    match_settings = {name: getattr(s, name) for name in MATCH_SETTINGS}
    result = play_match(row, column, game=s.payoffs, **match_settings)
    if as_json:
        emit_json(result.to_dict())
        return
    a, b = result.move_strings
    row, column = result.players
    if s.misperception > 0:
        row_saw, column_saw = result.seen_strings
        labels = [row, f"{column} as {row} saw it", column, f"{row} as {column} saw it"]
        width = max(map(len, labels))
        click.echo(f"{labels[0].ljust(width)}  {a}  {result.scores[0]:g}")
        click.echo(f"{labels[1].ljust(width)}  {row_saw}  {_marks(b, row_saw)}")
        click.echo(f"{labels[2].ljust(width)}  {b}  {result.scores[1]:g}")
        click.echo(f"{labels[3].ljust(width)}  {column_saw}  {_marks(a, column_saw)}")
        click.echo(
            f"{s.turns} turns, payoffs {s.payoffs}, noise {s.noise:g}, misperception "
            f"{s.misperception:g}, seed {s.seed}"
        )
        return
    width = max(len(row), len(column))
    click.echo(f"{row.ljust(width)}  {a}  {result.scores[0]:g}")
    click.echo(f"{column.ljust(width)}  {b}  {result.scores[1]:g}")
    click.echo(f"{s.turns} turns, payoffs {s.payoffs}, noise {s.noise:g}, seed {s.seed}")


def _marks(real: str, seen: str) -> str:
    wrong = sum(x != y for x, y in zip(real, seen, strict=True))
    return f"{wrong} move{'s' * (wrong != 1)} seen wrongly"
