"""``ipd principles``: which of Axelrod's four principles held in a tournament.

Only :mod:`click` is imported here at module level; results, tournaments and
the engine load inside the command, so ``ipd --help`` stays instant.
"""

from __future__ import annotations

import json

import click

from ipd.cli.common import tournament_options


def principles_report_text(results, permutations: int | None = None, seed: int = 0) -> str:
    """The principles report for ``results`` as human-readable text."""
    from ipd.analysis.principles import PERMUTATIONS, report

    return report(results, permutations=permutations or PERMUTATIONS, seed=seed).format()


def principles_report_dict(results, permutations: int | None = None, seed: int = 0) -> dict:
    """The principles report for ``results`` as a JSON-ready dict."""
    from ipd.analysis.principles import PERMUTATIONS, report

    return report(results, permutations=permutations or PERMUTATIONS, seed=seed).to_dict()


@click.command()
@click.argument("source", required=False, type=click.Path(dir_okay=False))
@tournament_options(
    "strategy", "collection", "turns", "repetitions", "seed", "noise", "self_play", "reveal_length"
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
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def principles(
    source,
    strategy_ids,
    collection_names,
    turns,
    repetitions,
    seed,
    noise,
    self_play,
    reveal_length,
    permutations,
    test_seed,
    as_json,
) -> None:
    """Say which of Axelrod's four principles held in a tournament, with evidence.

    SOURCE is a saved result (.json or .parquet, from `ipd tournament --out`)
    or a tournament spec (.toml, then played first). Without SOURCE, give
    strategies with -s (and settings) and the tournament is played.

    \b
    The principles (Axelrod 1984, ch. 6): don't be envious; don't be the
    first to defect; reciprocate both co-operation and defection; don't be
    too clever. Each gets a verdict (holds, does not hold, inconclusive) from
    a one-sided permutation test of the Spearman correlation between a
    measure and the score. See docs/principles.md.

    \b
    Examples:
      ipd principles tournaments/classic.toml
      ipd principles results.json --json
      ipd principles -s tft -s alld -s grudger -s wsls -s random --turns 200 --seed 1
    """
    results = _results(
        source,
        list(strategy_ids),
        list(collection_names),
        {
            "turns": turns,
            "repetitions": repetitions,
            "seed": seed,
            "noise": noise,
            "self_play": self_play,
            "reveal_length": reveal_length,
        },
        progress=not as_json,
    )
    if as_json:
        document = principles_report_dict(results, permutations, test_seed)
        click.echo(json.dumps(document, indent=2, allow_nan=False))
    else:
        click.echo(principles_report_text(results, permutations, test_seed))


def _results(source, strategy_ids, collection_names, overrides, progress):
    """Load saved results, or play the tournament the arguments describe."""
    from ipd.cli.common import load_or_play

    return load_or_play(
        source, strategy_ids, collection_names, settings=overrides, progress=progress
    )
