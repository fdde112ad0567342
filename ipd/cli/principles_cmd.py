"""``ipd principles``: which of Axelrod's four principles held in a tournament.

Only :mod:`click` is imported here at module level; results, tournaments and
the engine load inside the command, so ``ipd --help`` stays instant.
"""

from __future__ import annotations

import click

from ipd.cli.common import (
    command,
    emit_json,
    lineup_options,
    load_or_play,
    option,
    setting_options,
)


@command("principles")
@click.argument("source", required=False, type=click.Path(dir_okay=False))
@lineup_options("strategy", "collection")
@setting_options(
    "turns", "repetitions", "seed", "noise", "misperception", "self_play", "reveal_length"
)
@click.option(
    "--permutations",
    type=click.IntRange(min=1),
    default=None,
    help="Shuffles per permutation test [9999; exact below 8 strategies].",
)
@click.option(
    "--test-seed", type=int, default=0, show_default=True, help="Seed of the permutation tests."
)
@option("what_if", "Replay strategies with twins that break (or follow) each principle.")
@option("examine", "A strategy to replay with its twins (repeatable) [the top five].")
@click.option("--all", "every", is_flag=True, help="Replay every strategy with its twins.")
@option("json")
def principles(
    source,
    strategy_ids,
    collection_names,
    permutations,
    test_seed,
    what_if,
    examined,
    every,
    as_json,
    **values,
) -> None:
    """Say which of Axelrod's four principles held in a tournament, with evidence.

    SOURCE is a saved result (.json or .parquet, from `ipd tournament --out`)
    or a tournament spec (.toml, then played first). Without SOURCE, give
    strategies with -s (and settings) and the tournament is played.

    \b
    The principles (Axelrod 1984, ch. 6): don't be envious; don't be the
    first to defect; reciprocate both co-operation and defection; don't be
    too clever. Two parts:

    \b
    * descriptive: a one-sided permutation test of the rank correlation
      between a measure and the score, within the nice and the not-nice
      rules where niceness would confound it;
    * what-if: each examined strategy is replaced by a twin that breaks the
      principle (or follows it, when the strategy does not), its matches are
      replayed with the same random streams, and the change in its score is
      reported with a 95% interval over repetitions.

    Verdicts: holds, does not hold, mixed (what-if only), inconclusive.
    See docs/principles.md.

    \b
    Examples:
      ipd principles tournaments/classic.toml
      ipd principles results.json --json --no-what-if
      ipd principles tournaments/axelrod-1980-first.toml --examine tft --examine shubik
      ipd principles -s tft -s alld -s grudger -s wsls -s random --turns 200 --seed 1
    """
    from ipd.core.errors import IpdError

    if (examined or every) and not what_if:
        raise IpdError("--examine and --all need the what-if part (drop --no-what-if)")
    if examined and every:
        raise IpdError("give --examine or --all, not both")
    from ipd.analysis.principles import PERMUTATIONS

    results = load_or_play(
        source, strategy_ids, collection_names, settings=values, progress=not as_json
    )
    report = results.principles(
        permutations=permutations or PERMUTATIONS,
        seed=test_seed,
        what_if=what_if,
        strategies=list(examined) or None,
        every=every,
    )
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(report.format())
