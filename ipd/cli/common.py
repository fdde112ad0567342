"""What several commands share: turning a SOURCE and -s options into results.

Only click and the standard library are imported here at module level, so
importing it costs nothing for ``ipd --help``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

RESULT_SUFFIXES = (".json", ".parquet")
SPEC_SUFFIXES = (".toml",)


def build_tournament(
    spec: str | None,
    strategy_ids: Iterable[str] = (),
    collection_names: Iterable[str] = (),
    strategy_files: Iterable[str] = (),
    settings: dict[str, Any] | None = None,
):
    """A :class:`~ipd.core.tournament.Tournament` from a spec and/or strategies and collections.

    ``settings`` that are not ``None`` override the spec's; ``-s`` strategies
    and collections are added to it.
    """
    from ipd.core.errors import IpdError
    from ipd.core.tournament import Tournament
    from ipd.strategies import collection

    given = {k: v for k, v in (settings or {}).items() if v is not None}
    names = list(strategy_ids)
    for group in collection_names:
        names += [s for s in collection(group) if s not in names]
    files = list(strategy_files)
    if spec:
        if Path(spec).suffix not in SPEC_SUFFIXES:
            raise IpdError(
                f"cannot read {spec}: give a tournament spec (.toml) or a saved result "
                "(.json, .parquet)"
            )
        return Tournament.from_spec(spec, strategies=names, strategy_files=files, **given)
    if not names:
        raise IpdError("give a tournament spec file or at least one strategy with -s")
    return Tournament(names, strategy_files=files, **given)


def load_or_play(
    source: str | None,
    strategy_ids: Iterable[str] = (),
    collection_names: Iterable[str] = (),
    strategy_files: Iterable[str] = (),
    settings: dict[str, Any] | None = None,
    progress: bool = False,
):
    """Results read from a saved file, or played from a spec and/or strategies.

    Tournament settings cannot change a saved result, so giving both is an error.
    """
    from ipd.core.errors import IpdError

    given = {k: v for k, v in (settings or {}).items() if v is not None}
    strategy_ids, collection_names = list(strategy_ids), list(collection_names)
    strategy_files = list(strategy_files)
    if source and Path(source).is_dir():
        raise IpdError(f"{source} is a folder: give a tournament spec or a saved result file")
    if source and Path(source).suffix.lower() in RESULT_SUFFIXES:
        changes = [f"--{k.replace('_', '-')}" for k in given]
        changes += ["-s"] * bool(strategy_ids) + ["--collection"] * bool(collection_names)
        changes += ["--strategy-file"] * bool(strategy_files)
        if changes:
            raise IpdError(
                f"{', '.join(changes)} cannot change a saved result ({source}); "
                "give a tournament spec or strategies with -s to play a new one"
            )
        from ipd.core.results import Results

        return Results.load(source)
    if not source and not strategy_ids and not collection_names:
        raise IpdError(
            "give a tournament spec (.toml), a saved result (.json, .parquet) or strategies with -s"
        )
    tournament = build_tournament(source, strategy_ids, collection_names, strategy_files, given)
    return tournament.play(progress=progress)


_OPTIONS: dict[str, Callable] = {
    "strategy": click.option(
        "-s", "--strategy", "strategy_ids", multiple=True, help="A strategy (repeatable)."
    ),
    "collection": click.option(
        "--collection", "collection_names", multiple=True, help="Add a whole collection."
    ),
    "turns": click.option("--turns", type=int, default=None, help="Moves per match [200]."),
    "repetitions": click.option(
        "--repetitions", type=int, default=None, help="Round robins played [10]."
    ),
    "lengths": click.option(
        "--lengths", default=None, help="Match length of each repetition, cycled: 63,77,151."
    ),
    "continuation": click.option(
        "--continuation",
        type=float,
        default=None,
        help="Probability w of another move: geometric match lengths with mean 1/(1-w).",
    ),
    "discount": click.option(
        "--discount",
        type=float,
        default=None,
        help="Weight w**(t-1) on move t (normalised scores).",
    ),
    "noise": click.option(
        "--noise", type=float, default=None, help="Probability each move is flipped [0]."
    ),
    "seed": click.option(
        "--seed", type=int, default=None, help="Master seed [random, and reported]."
    ),
    "payoffs": click.option(
        "--payoffs",
        default=None,
        help="Payoffs R,S,T,P [3,0,5,1]; they must form a Prisoner's Dilemma.",
    ),
    "allow_non_dilemma": click.option(
        "--allow-non-dilemma", is_flag=True, default=None, help="Accept any payoffs."
    ),
    "self_play": click.option(
        "--self-play/--no-self-play",
        default=None,
        help="Each strategy also meets its twin and it counts (default, as Axelrod 1980).",
    ),
    "reveal_length": click.option(
        "--reveal-length/--hide-length",
        default=None,
        help="Whether strategies are told the match length [hide].",
    ),
    "strategy_files": click.option(
        "--strategy-file",
        "strategy_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Load user strategies from a .toml or .py file (repeatable).",
    ),
}


def tournament_options(*names: str) -> Callable:
    """Add the named tournament options, worded the same in every command, in this order."""

    def decorate(func: Callable) -> Callable:
        for name in reversed(names):
            func = _OPTIONS[name](func)
        return func

    return decorate
