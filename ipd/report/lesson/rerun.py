"""The lesson's last section: the commands that rebuild the page and replay each tournament."""

from __future__ import annotations

import shlex
from typing import Any

from ipd.report.lesson.export import DEFAULT_OPPONENTS
from ipd.report.lesson.html import esc, table


def lesson_command(settings: dict[str, Any]) -> str:
    """The ``ipd lesson`` command that rebuilds the page."""
    words = ["ipd", "lesson", "--out", settings["out"]]
    if settings["spec"]:
        words.append(settings["spec"])
    words += ["--seed", str(settings["seed"]), "--repetitions", str(settings["repetitions"])]
    if settings["turns_given"] is not None:
        words += ["--turns", str(settings["turns_given"])]
    words += ["--noise", f"{settings['noise']:g}"]
    words += ["--short-w", f"{settings['short_w']:g}", "--long-w", f"{settings['long_w']:g}"]
    words += ["--generations", str(settings["generations"])]
    words += ["--play-rounds", str(settings["play_rounds"])]
    words += ["--grid-repetitions", str(settings["grid_repetitions"])]
    if list(settings["opponents"]) != list(DEFAULT_OPPONENTS):
        for label in settings["opponents"]:
            words += ["--opponent", label]
    for path in settings["strategy_files"]:
        words += ["--strategy-file", path]
    return shlex.join(words)


def tournament_command(results, spec: str | None, base: list[str]) -> str:
    """The ``ipd tournament`` command that plays exactly the tournament behind ``results``."""
    s = results.settings
    words = ["ipd", "tournament"]
    if spec and not s.continuation:
        # The spec, plus the strategies this variant added to it.
        words.append(spec)
        added = [x for x in results.labels if x not in base]
    else:
        added = results.labels
    for label in added:
        words += ["-s", label]
    if s.continuation:
        words += ["--continuation", f"{s.continuation:g}"]
    elif s.lengths:
        words += ["--lengths", ",".join(str(n) for n in s.lengths)]
    else:
        words += ["--turns", str(s.turns)]
    words += ["--repetitions", str(s.repetitions), "--seed", str(s.seed)]
    words += ["--noise", f"{s.noise:g}"]
    g = s.payoffs
    words += ["--payoffs", f"{g.R:g},{g.S:g},{g.T:g},{g.P:g}"]
    words.append("--reveal-length" if s.reveal_length else "--hide-length")
    words.append("--self-play")
    for path in results.about.get("strategy_files") or []:
        words += ["--strategy-file", path]
    return shlex.join(words)


def rerun_section(settings: dict[str, Any], played: list) -> str:
    """How to rebuild the page, its settings, and each tournament's own command."""
    from ipd._version import __version__

    rows = [
        ["tournament", settings["title"]],
        ["spec", settings["spec"] or "(none: the classic strategies)"],
        ["seed", settings["seed"]],
        ["repetitions", settings["repetitions"]],
        ["noise in the noise comparison", f"{settings['noise']:g}"],
        ["w, short and long", f"{settings['short_w']:g} and {settings['long_w']:g}"],
        ["generations of the ecology", settings["generations"]],
        ["rounds of a game in Play", settings["play_rounds"]],
        ["opponents in Play", ", ".join(settings["opponents"])],
        ["repetitions of each tournament of the grid", settings["grid_repetitions"]],
        ["self-play", "counted (the ecological simulation needs it)"],
        ["ipd version", __version__],
    ]
    labels = ["the tournament", "without noise", "with noise", "short w", "long w"]
    commands = "\n".join(
        f"# {label}\n{tournament_command(r, settings['spec'], settings['strategies'])}"
        for label, r in zip(labels, played, strict=True)
    )
    return f"""
<h2>Run it yourself</h2>
<p>Everything on this page was computed by ipd when the page was made, and the same
settings give the same page. To rebuild it:</p>
<pre class='command'>{esc(settings["command"])}</pre>
<p>Change the seed, the number of repetitions, the noise, the values of w or the spec file
(any tournament spec works) and the story is told again from the new data.</p>
{table(["setting", "value"], rows)}
<p>The tournaments behind each section, as <code>ipd tournament</code> commands:</p>
<pre class='command'>{esc(commands)}</pre>
"""
