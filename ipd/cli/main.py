"""The ``ipd`` command group: its commands, and the entry point.

Heavy imports (numba, pandas) happen inside the commands, so ``ipd --help``
and ``ipd --version`` answer at once.
"""

from __future__ import annotations

import os
import sys

import click

from ipd._version import __version__
from ipd.cli.common import Group
from ipd.cli.ecology_cmd import ecology
from ipd.cli.fixation_cmd import fixation
from ipd.cli.invasion_cmd import invasion
from ipd.cli.lesson_cmd import lesson
from ipd.cli.levers_cmd import levers
from ipd.cli.match_cmd import match
from ipd.cli.moran_cmd import moran
from ipd.cli.plot_cmd import plot
from ipd.cli.principles_cmd import principles
from ipd.cli.spatial_cmd import spatial
from ipd.cli.strategies_cmd import strategies
from ipd.cli.sweep_cmd import sweep
from ipd.cli.tournament_cmd import tournament


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
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


for _command in (strategies, match, tournament, principles, sweep, plot, ecology, lesson):
    main.add_command(_command)
for _command in (moran, fixation, spatial, invasion, levers):
    main.add_command(_command)


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
