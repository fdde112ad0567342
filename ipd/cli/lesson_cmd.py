"""``ipd lesson``: write the self-contained lesson page on why tit-for-tat wins."""

from __future__ import annotations

import click

from ipd.cli.common import command, emit_json, option


@command("lesson")
@click.argument("spec", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="The page to write (.html).",
)
@option("force")
@click.option("--seed", type=int, default=1, show_default=True, help="Master seed of every run.")
@click.option(
    "--repetitions", type=int, default=100, show_default=True, help="Round robins per tournament."
)
@click.option("--turns", type=int, default=None, help="Moves per match [the spec's, or 200].")
@click.option(
    "--noise", type=float, default=0.05, show_default=True, help="Noise of the noise comparison."
)
@click.option(
    "--short-w", type=float, default=0.5, show_default=True, help="A short shadow of the future."
)
@click.option(
    "--long-w", type=float, default=0.99, show_default=True, help="A long shadow of the future."
)
@option("generations", "Ecology generations.", default=1000)
@click.option(
    "--opponent",
    "opponents",
    multiple=True,
    help="A strategy students play in the page (repeatable; memory-one, state-machine or "
    "lookup-table rules) [tft, alld, grudger, wsls, random, joss, grofman, friedman, tf2t, "
    "evolved_lookerup_2_2_2].",
)
@click.option(
    "--play-rounds", type=int, default=10, show_default=True, help="Rounds of a game in Play."
)
@click.option(
    "--grid-repetitions",
    type=int,
    default=20,
    show_default=True,
    help="Repetitions of each tournament of the Explore grid.",
)
@click.option(
    "--strategy-file",
    "strategy_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Load user strategies (used in SPEC) from a .toml or .py file (repeatable).",
)
@option("json", "Print the page's facts and settings.")
def lesson(out_path, force, as_json, **options) -> None:
    """Write one HTML page that tells, with data computed now, why tit-for-tat wins.

    The page (figures and script embedded, no network needed, readable on a
    projector and a phone) covers the game, the tournament table, the four
    principles, the ecological simulation, and what changes the result: noise
    and a short shadow of the future. Students can play against strategies,
    move sliders over a grid of tournaments played now (noise, w, payoffs,
    starting mix) and watch a spatial game evolve. SPEC defaults to Axelrod's 1980 first tournament
    (tournaments/axelrod-1980-first.toml) when present, else the classic
    strategies. The page ends with the command that rebuilds it.

    \b
      ipd lesson --out lesson.html
      ipd lesson tournaments/classic.toml --seed 7 --noise 0.1 --out classic.html
    """
    from ipd.report.lesson import DEFAULT_OPPONENTS, write_lesson

    options["opponents"] = options["opponents"] or DEFAULT_OPPONENTS
    page = write_lesson(out_path, force=force, **options)
    size = len(page.html.encode("utf-8"))
    if as_json:
        document = {
            "out": out_path,
            "bytes": size,
            "seconds": round(page.seconds, 3),
            "images": len(page.images),
            "settings": page.settings,
            "facts": page.facts,
        }
        emit_json(document)
        return
    click.echo(
        f"wrote {out_path} ({size / 1e6:.1f} MB, {len(page.images)} figures) in "
        f"{page.seconds:.1f} s; rebuild with: {page.settings['command']}"
    )
