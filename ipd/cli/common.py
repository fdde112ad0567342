"""What the commands share: one-line errors, the options generated from Settings and the
options several commands offer, turning a SOURCE and -s options into a tournament or results,
and writing JSON and figures.

Only click and the standard library are imported at module level, so
importing it costs nothing for ``ipd --help``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

RESULT_SUFFIXES = (".json", ".parquet")
SPEC_SUFFIXES = (".toml",)
INTERRUPTED = "ipd: interrupted; nothing was written"


# --------------------------------------------------------------------------- one-line errors


class _OneLineErrors:
    """Expected failures become one-line errors with a non-zero exit, never a traceback."""

    interrupted = INTERRUPTED

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
            click.echo(self.interrupted, err=True)
            ctx.exit(130)
        except OSError as exc:
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None


class Command(_OneLineErrors, click.Command):
    """A command whose errors are one line, however it is invoked (alone, or in a group).

    ``interrupted`` is what it says when stopped with Ctrl-C.
    """

    def __init__(self, *args: Any, interrupted: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if interrupted is not None:
            self.interrupted = interrupted


class Group(_OneLineErrors, click.Group):
    """A group whose commands are :class:`Command` and whose errors are one line."""

    command_class = Command


Group.group_class = Group


def command(name: str | None = None, **kwargs: Any) -> Callable:
    """``click.command`` with :class:`Command` as its class."""
    return click.command(name, cls=Command, **kwargs)


# --------------------------------------------------------------------------- options


_LINEUP_OPTIONS: dict[str, Callable] = {
    "strategy": click.option(
        "-s", "--strategy", "strategy_ids", multiple=True, help="A strategy (repeatable)."
    ),
    "collection": click.option(
        "--collection", "collection_names", multiple=True, help="Add a whole collection."
    ),
    "strategy_files": click.option(
        "--strategy-file",
        "strategy_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Load user strategies from a .toml or .py file (repeatable).",
    ),
}


_SHARED_OPTIONS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "json": (("--json", "as_json"), {"is_flag": True, "help": "Print one JSON document."}),
    "force": (("--force",), {"is_flag": True, "help": "Overwrite an existing --out file."}),
    "no_progress": (("--no-progress",), {"is_flag": True, "help": "Never show a progress bar."}),
    "workers": (
        ("--workers",),
        {"type": int, "default": None, "help": "Processes of the local pool [cores]."},
    ),
    "scheduler": (("--scheduler",), {"default": None}),
    "fallback": (
        ("--fallback",),
        {
            "type": click.Choice(["simulate"]),
            "default": None,
            "help": "With --exact: simulate the pairs that have no exact answer.",
        },
    ),
    "generations": (("--generations",), {"type": int}),
    "runs": (("--runs",), {"type": int}),
    "threshold": (("--threshold",), {"type": float}),
    "intensity": (("--intensity",), {}),
    "graph": (("--graph",), {}),
    "fitness": (("--fitness",), {"type": click.Choice(["linear", "exponential"])}),
    "what_if": (("--what-if/--no-what-if", "what_if"), {"default": True, "show_default": True}),
    "examine": (("--examine", "examined"), {"multiple": True, "metavar": "ID"}),
}


def option(name: str, help: str | None = None, **kwargs: Any) -> Callable:
    """An option that several commands offer, declared once here (its flag, destination and
    type); ``help`` (else its usual one) and ``kwargs`` are the command's own. A default given
    is shown in the help."""
    decls, usual = _SHARED_OPTIONS[name]
    if "default" in kwargs:
        kwargs.setdefault("show_default", True)
    return click.option(*decls, **(usual | kwargs | ({"help": help} if help else {})))


def choice(
    flag: str, choices: Sequence[str], help: str, default: str | None = None, dest: str = ""
) -> Callable:
    """An option that takes one of ``choices``, by default the first (shown in the help)."""
    return click.option(
        flag,
        *([dest] if dest else []),
        type=click.Choice(choices),
        default=default or choices[0],
        show_default=True,
        help=help,
    )


def lineup_options(*names: str) -> Callable:
    """Add the options that choose entrants (-s, --collection, --strategy-file), in this order."""

    def decorate(func: Callable) -> Callable:
        for name in reversed(names):
            func = _LINEUP_OPTIONS[name](func)
        return func

    return decorate


def setting_options(*names: str, defaults: dict[str, Any] | None = None) -> Callable:
    """Add the options of the named settings, generated from :class:`ipd.core.settings.Settings`.

    Each option passes its setting's name to the command, ``None`` when not
    given (so a spec's value or the default applies), unless ``defaults``
    gives the command its own default (shown in the help).
    """
    from ipd.core.settings import options

    known = options()
    unknown = sorted(set(names) - set(known))
    if unknown:  # pragma: no cover - a programming error, caught by the CLI tests
        raise ValueError(f"no such settings: {unknown}")
    defaults = defaults or {}

    def decorate(func: Callable) -> Callable:
        for name in reversed(names):
            option = known[name]
            kwargs: dict[str, Any] = {"help": option.help}
            if name in defaults:
                kwargs.update(default=defaults[name], show_default=True)
            else:
                kwargs["default"] = None
            if option.choices:
                kwargs["type"] = click.Choice(list(option.choices))
            elif option.cli_type is not None:
                kwargs["type"] = option.cli_type
            elif "/" not in option.flag:
                kwargs["is_flag"] = True
            func = click.option(option.flag, name, **kwargs)(func)
        return func

    return decorate


SOURCE_SETTINGS = (
    "turns",
    "repetitions",
    "continuation",
    "noise",
    "misperception",
    "seed",
    "payoffs",
    "self_play",
    "reveal_length",
)
"""The settings offered by commands that take a SOURCE (a spec, a saved result or -s)."""


def source_options(func: Callable) -> Callable:
    """A SOURCE argument, -s, --collection, the :data:`SOURCE_SETTINGS` and --strategy-file,
    given to the command as one :class:`Source` named ``source``."""

    @functools.wraps(func)
    def gather(*, source, strategy_ids, collection_names, strategy_files, **kwargs: Any) -> Any:
        settings = {k: kwargs.pop(k) for k in list(kwargs) if k in SOURCE_SETTINGS}
        given = Source(source, strategy_ids, collection_names, strategy_files, settings)
        return func(source=given, **kwargs)

    gather = lineup_options("strategy_files")(gather)
    gather = setting_options(*SOURCE_SETTINGS)(gather)
    gather = lineup_options("strategy", "collection")(gather)
    return click.argument("source", required=False, type=click.Path())(gather)


def flag_of(name: str) -> str:
    """The command-line flag of a setting (the first of a pair of switches)."""
    from ipd.core.settings import options

    return options()[name].flag.split("/")[0]


# --------------------------------------------------------------------------- tournaments


@dataclass(frozen=True)
class Source:
    """What a command that takes a SOURCE was given: the SOURCE path, the entrants (-s,
    --collection, --strategy-file) and the tournament settings (``None`` where not given)."""

    path: str | None
    strategy_ids: tuple[str, ...]
    collection_names: tuple[str, ...]
    strategy_files: tuple[str, ...]
    settings: dict[str, Any]

    @property
    def given(self) -> dict[str, Any]:
        """The settings given on the command line."""
        return {k: v for k, v in self.settings.items() if v is not None}

    @property
    def saved(self) -> bool:
        """Whether SOURCE is a saved result, which cannot be played again."""
        return bool(self.path) and str(self.path).lower().endswith(RESULT_SUFFIXES)

    def spec_and_tournament(self):
        """The spec SOURCE names (or ``None``) and the tournament of it and the entrants,
        with the settings given."""
        spec = read_spec(self.path)
        return spec, build_tournament(
            spec, self.strategy_ids, self.collection_names, self.strategy_files, self.given
        )

    def results(self, progress: bool = False, **changes: Any):
        """The saved results, or those played (see :func:`load_or_play`); ``changes`` are
        settings the command sets itself."""
        return load_or_play(
            self.path,
            self.strategy_ids,
            self.collection_names,
            self.strategy_files,
            self.settings | changes,
            progress=progress,
        )

    def value(self, key: str, given: Any, default: Any = 0.0) -> Any:
        """A population setting a spec may give (see :func:`population_value`)."""
        return population_value(self.path, key, given, default)


def exact_analysis(tournament, w: float, fallback: str | None):
    """The exact analysis of a tournament's entrants at continuation probability ``w``
    (:func:`ipd.analysis.exact.exact_analysis`), under its payoffs, noise and misperception;
    its repetitions and seed serve the pairs a fallback simulates."""
    from ipd.analysis.exact import exact_analysis as analyse

    s = tournament.settings
    return analyse(
        tournament.players,
        w,
        game=s.payoffs,
        noise=s.noise,
        misperception=s.misperception,
        fallback=fallback,
        repetitions=s.repetitions,
        seed=s.seed,
    )


def read_spec(path: str | None):
    """The :class:`~ipd.core.spec.Spec` at ``path`` (a ``.toml`` file), or ``None`` without one."""
    if not path:
        return None
    from ipd.core.errors import IpdError
    from ipd.core.spec import load_spec

    if Path(path).suffix not in SPEC_SUFFIXES:
        raise IpdError(
            f"cannot read {path}: give a tournament spec (.toml) or a saved result "
            "(.json, .parquet)"
        )
    return load_spec(path)


def build_tournament(
    spec,
    strategy_ids: Iterable[str] = (),
    collection_names: Iterable[str] = (),
    strategy_files: Iterable[str] = (),
    settings: dict[str, Any] | None = None,
):
    """A :class:`~ipd.core.tournament.Tournament` from a spec and/or strategies and collections.

    ``spec`` is a :class:`~ipd.core.spec.Spec` (or ``None``); ``settings``
    that are not ``None`` override its settings; -s strategies and
    collections are added to it.
    """
    from ipd.core.errors import IpdError
    from ipd.core.settings import Settings
    from ipd.core.tournament import Tournament, lineup

    values = settings or {}
    if spec is not None:
        return Tournament.from_spec(
            spec,
            list(strategy_ids),
            collections=list(collection_names),
            strategy_files=list(strategy_files),
            **values,
        )
    names = lineup(strategy_ids, collection_names, strategy_files)
    if not names:
        raise IpdError("give a tournament spec file or at least one strategy with -s")
    return Tournament(names, Settings().updated(**values), strategy_files=strategy_files)


def population_value(source: str | None, key: str, given: Any, default: Any = 0.0) -> Any:
    """A population setting a spec may give (``assortment``): the option's value if given,
    else the spec's (when SOURCE is a spec), else ``default``."""
    if given is not None:
        return given
    if source and Path(source).suffix in SPEC_SUFFIXES:
        value = getattr(read_spec(source), key)
        if value is not None:
            return value
    return default


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
        changes = [flag_of(k) for k in given]
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
    spec = read_spec(source)
    tournament = build_tournament(spec, strategy_ids, collection_names, strategy_files, given)
    return tournament.play(progress=progress)


# --------------------------------------------------------------------------- output


def emit_json(document: Any) -> None:
    """Print one JSON document (NaN is not JSON: it must have been made None before)."""
    from ipd.core.jsonio import dumps

    click.echo(dumps(document))


def check_figure_path(path, *, force: bool):
    """Validate a figure output path before any work."""
    from ipd.core.io import check_output_path
    from ipd.report.figures import FORMATS

    return check_output_path(path, force=force, suffixes=FORMATS)


def write_figure(fig, path) -> dict:
    """Write a figure atomically and describe the file written (for --json)."""
    from ipd.report.figures import write_figure as write

    return write(fig, path)
