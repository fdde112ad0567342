"""Computing the levers: the problem checked at the door, its cells played, every dynamic.

A lever's value names a *cell* (:mod:`.cells`: one set of match settings;
assortment names the baseline's cell, since it changes who meets whom, not
the matches), and cells shared by several levers (the baseline's own) are
computed once. With an output folder each batch's pair table is written to
``OUT/pairs/batch-ID.parquet`` as it finishes, and a rerun into the same
folder reads the finished batches back; the table and summary follow as
``levers.parquet`` and ``summary.parquet``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ipd.analysis.levers.cells import Cell, cell_seed, play
from ipd.analysis.levers.definitions import (
    LEVER_INFO,
    LEVERS,
    apply,
    baseline_value,
    check_lever,
    check_values,
    default_values,
    theory,
)
from ipd.analysis.levers.dynamics import Dynamic, outcome
from ipd.core.errors import IpdError
from ipd.core.settings import Settings, check_seed

FORMAT = "ipd-levers/1"
TAKEOVER = 0.5
"""Co-operation "takes over" where the long-run co-operation rate rises above this for good."""


@dataclass(frozen=True)
class Problem:
    """Everything that fixes the levers' numbers: the pool, the baseline, the levers and their
    values, the dynamic and the baseline's assortment."""

    strategies: tuple[str, ...]
    baseline: Settings
    levers: tuple[tuple[str, tuple[float, ...]], ...]
    dynamic: Dynamic
    assortment: float = 0.0
    exact: bool = False
    fallback: str | None = None
    strategy_files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What was left out of the default ranges, and why."""

    def cell_of(self, lever: str, value: float) -> Cell:
        settings = self.baseline if lever == "assortment" else apply(lever, value, self.baseline)
        plain = Cell(settings, self.exact)
        return Cell(settings.updated(seed=cell_seed(self.baseline.seed, plain.key())), self.exact)

    @property
    def baseline_cell(self) -> Cell:
        return self.cell_of("assortment", self.assortment)

    def points(self) -> list[tuple[str, float, Cell]]:
        """Every (lever, value) with its cell, lever by lever."""
        return [(name, v, self.cell_of(name, v)) for name, values in self.levers for v in values]

    def cells(self) -> dict[str, Cell]:
        """The distinct cells, baseline first."""
        out = {self.baseline_cell.id: self.baseline_cell}
        for _, _, cell in self.points():
            out.setdefault(cell.id, cell)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "strategies": list(self.strategies),
            "baseline": self.baseline.to_config(),
            "assortment": self.assortment,
            "levers": {name: list(values) for name, values in self.levers},
            "dynamic": self.dynamic.to_dict(),
            "exact": self.exact,
            "fallback": self.fallback,
            "strategy_files": list(self.strategy_files),
            "notes": list(self.notes),
        }


def prepare(
    strategies,
    settings: Settings | None = None,
    *,
    levers=None,
    values: dict[str, Any] | None = None,
    dynamic: Dynamic | str = "ecology",
    assortment: float = 0.0,
    exact: bool = False,
    fallback: str | None = None,
    strategy_files=(),
) -> Problem:
    """Check everything at the door and resolve the pool, the baseline and the levers' values.

    ``levers`` names the levers (all by default; without ``length`` when exact);
    ``values`` gives a lever's values (a list, or a string ``"0.1,0.5,0.9"``),
    otherwise its defaults (:func:`~.definitions.default_values`).
    """
    from ipd.analysis.assortment import check_assortment
    from ipd.core.players import parse_player
    from ipd.strategies import load_strategy_file

    for path in strategy_files:
        load_strategy_file(path)
    players = [parse_player(s) for s in strategies]
    labels = [p.label for p in players]
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    if duplicates:
        raise IpdError(f"strategy listed twice: {', '.join(duplicates)}")
    if len(labels) < 2:
        raise IpdError("the levers need at least two strategies to compete")
    base = settings or Settings()
    if base.seed is None:
        base = base.updated(seed=check_seed(None))
    if not base.self_play:
        raise IpdError(
            "the levers need self-play (each strategy against its own kind), drop --no-self-play"
        )
    base = base.updated(keep_moves=False) if base.keep_moves else base
    dynamic = dynamic if isinstance(dynamic, Dynamic) else Dynamic(kind=dynamic)
    assortment = check_assortment(assortment)
    if fallback not in (None, "simulate"):
        raise IpdError(f"fallback must be 'simulate' or nothing, got {fallback!r}")
    if fallback and not exact:
        raise IpdError("a fallback applies only to exact values")
    if exact and base.continuation is None:
        raise IpdError("exact values need a continuation probability w in the baseline")
    names = list(dict.fromkeys(levers)) if levers else [x for x in LEVERS]
    if not levers and exact:
        names.remove("length")
    for name in names:
        check_lever(name)
        if exact and name == "length":
            raise IpdError(
                "the length lever needs simulation: exact values are for a continuation "
                "probability w (use the w lever)"
            )
    values = dict(values or {})
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise IpdError(f"values given for levers not asked for: {', '.join(unknown)}")
    chosen, notes = [], []
    for name in names:
        given = values.get(name)
        if isinstance(given, str):
            from ipd.core.values import split_numbers

            given = split_numbers(
                given, float, f"values of {name} must be numbers separated by commas, got {given!r}"
            )
        if given is not None:
            numbers = check_values(name, given, base)
        else:
            numbers, dropped = _buildable(
                name, default_values(name, base, assortment), base, players
            )
            for label, (left_out, reason) in dropped.items():
                shown = ", ".join(f"{v:g}" for v in left_out)
                notes.append(f"{name} = {shown} left out: {label} cannot play them ({reason})")
        chosen.append((name, tuple(numbers)))
    problem = Problem(
        tuple(labels),
        base,
        tuple(chosen),
        dynamic,
        assortment,
        exact,
        fallback,
        tuple(str(Path(f).resolve()) for f in strategy_files),
        tuple(notes),
    )
    for cell in problem.cells().values():
        s = cell.settings
        for p in players:
            p.behaviour(s.payoffs)  # a rule impossible for some payoffs says so now
        if exact and fallback is None:
            from ipd.analysis.exact import check_exact

            check_exact(labels, s.noise, s.payoffs, misperception=s.misperception)
    return problem


def _buildable(name: str, values, base: Settings, players):
    """The default values at which every strategy of the pool can be built (a
    zero-determinant rule's probabilities leave [0, 1] for some payoffs), and the others
    with the reason."""
    if name not in ("T", "S"):
        return values, {}
    kept, dropped = [], {}
    for value in values:
        game = apply(name, value, base).payoffs
        try:
            for p in players:
                failing = p.label
                p.behaviour(game)
        except IpdError as exc:
            reason = str(exc).split(";")[0]
            dropped.setdefault(failing, ([], reason))[0].append(value)
            continue
        kept.append(value)
    if not kept:
        raise IpdError(f"no value of {name} in its default range suits every strategy of the pool")
    return kept, dropped


# --------------------------------------------------------------------------- the result


@dataclass
class LeversResult:
    """What each lever does to co-operation, from one baseline.

    Attributes
    ----------
    problem : the pool, baseline, levers, dynamic and assortment.
    table : one row per lever and value: ``lever``, ``value``, ``baseline``
        (the baseline's own value), ``cooperation`` (the long-run co-operation
        rate), ``cooperator_share``, ``dominant``, ``dominant_share``, ``change``
        (co-operation minus the baseline's) and ``cell``.
    summary : one row per lever, largest effect first: its baseline value,
        co-operation at the baseline, the lowest and highest co-operation over
        its range and where, ``effect`` (highest minus lowest), ``gain``
        (highest minus baseline), ``threshold`` (the value beyond which
        co-operation stays above :data:`TAKEOVER`, see :func:`crossing`;
        ``side`` says on which side it wins) and the closed form for TFT
        against ALLD (``theory``, ``theory_side``, ``theory_rule``).
    baseline : the baseline's own outcome (as a row of ``table``).
    """

    problem: Problem
    table: pd.DataFrame
    summary: pd.DataFrame
    baseline: dict[str, Any]
    seconds: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    def lever(self, name: str) -> pd.DataFrame:
        """The rows of one lever."""
        return self.table[self.table["lever"] == name].reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        from ipd.core.jsonio import plain, records

        return plain(
            {
                "config": self.problem.to_dict(),
                "baseline": self.baseline,
                "summary": records(self.summary),
                "table": records(self.table),
                "seconds": self.seconds,
            }
        )

    def save(self, out: str | Path, force: bool = False) -> list[Path]:
        """Write ``levers.parquet`` (the table, the rest in its metadata), ``summary.parquet``
        and ``levers.json`` into the folder ``out`` (which holds the cells' pair tables)."""
        from ipd.analysis.populations.moran import parquet_bytes
        from ipd.core.io import write_atomically
        from ipd.core.jsonio import dumps

        out = Path(out)
        document = self.to_dict()
        written = []
        for name, frame in (("levers.parquet", self.table), ("summary.parquet", self.summary)):
            write_atomically(out / name, parquet_bytes(frame, document["config"]))
            written.append(out / name)
        write_atomically(out / "levers.json", dumps(document).encode())
        written.append(out / "levers.json")
        return written


def levers(
    strategies,
    settings: Settings | None = None,
    *,
    out: str | Path | None = None,
    progress: bool | Callable[[int], None] = False,
    scheduler: str | None = None,
    workers: int | None = None,
    **options: Any,
) -> LeversResult:
    """Which change to the rules makes co-operation win, and by how much.

    From a baseline (the pool ``strategies`` under ``settings``, the
    ``dynamic`` and the baseline ``assortment``) each lever is moved over its
    values, one at a time, and the long-run co-operation under the dynamic is
    measured (see :mod:`ipd.analysis.levers`). ``options`` are the rest of
    what :func:`prepare` takes (``levers``, ``values``, ``dynamic``,
    ``assortment``, ``exact``, ``fallback``, ``strategy_files``). ``out`` keeps
    every cell's pair table as Parquet (and resumes); ``progress`` shows bars
    on stderr.

    Without a seed in ``settings`` one is drawn (or, resuming ``out``, the
    folder's is used) and recorded.
    """
    import time

    started = time.perf_counter()
    if out is not None and (settings is None or settings.seed is None):
        previous = _folder_seed(out)
        if previous is not None:
            settings = (settings or Settings()).updated(seed=previous)
    problem = prepare(strategies, settings, **options)
    from ipd.sweep import schedulers

    schedulers.engine_threads(schedulers.resolve_scheduler(scheduler), workers, None)  # checks
    folder = None if out is None else open_folder(out, problem)
    bar, callback = _bar(progress, len(problem.cells()), "cells", "levers: play")
    try:
        tables = play(problem, out=folder, progress=callback, scheduler=scheduler, workers=workers)
    finally:
        if bar is not None:
            bar.close()
    points = problem.points()
    bar, callback = _bar(
        progress if problem.dynamic.kind == "moran" else False, len(points), "value", "levers"
    )
    rows = []
    try:
        base_cell = problem.baseline_cell
        V, C = tables[base_cell.id]
        baseline = outcome(V, C, problem.dynamic, problem.assortment, base_cell.settings.seed)
        for name, value, cell in points:
            r = value if name == "assortment" else problem.assortment
            V, C = tables[cell.id]
            result = outcome(V, C, problem.dynamic, r, cell.settings.seed)
            here = baseline_value(name, problem.baseline, problem.assortment)
            rows.append(
                {
                    "lever": name,
                    "value": float(value),
                    "baseline": here is not None and math.isclose(value, here, abs_tol=1e-12),
                    "cooperation": result["cooperation"],
                    "cooperator_share": result["cooperator_share"],
                    "dominant": result["dominant"],
                    "dominant_share": result["dominant_share"],
                    "change": result["cooperation"] - baseline["cooperation"],
                    "cell": cell.id,
                }
            )
            if callback is not None:
                callback(1)
    finally:
        if bar is not None:
            bar.close()
    table = pd.DataFrame(rows)
    summary = summarise(problem, table, baseline)
    result = LeversResult(problem, table, summary, baseline, time.perf_counter() - started)
    if folder is not None:
        result.save(folder)
    return result


def _bar(progress, total: int, unit: str, desc: str):
    if progress is True:
        from tqdm import tqdm

        bar = tqdm(total=total, unit=unit, desc=desc, delay=2.0)
        return bar, bar.update
    return None, (progress if callable(progress) else None)


def crossing(values, cooperation, level: float = TAKEOVER) -> tuple[float | None, str | None]:
    """Where co-operation takes over for good along the values, and on which side it wins.

    With co-operation above ``level`` at the top of the range and not at the
    bottom, the threshold is the value above which it stays above ``level``
    (the last crossing, interpolated linearly): side ``"above"``. With
    co-operation above ``level`` at the bottom and not at the top, the value
    below which it stays above: side ``"below"``. Otherwise ``(None, None)``.
    """
    x = np.asarray(values, dtype=float)
    y = np.asarray(cooperation, dtype=float) - level
    if len(x) < 2:
        return None, None
    if y[-1] > 0 >= y[0]:
        k = int(np.flatnonzero(y <= 0)[-1])
        where = x[k] + (x[k + 1] - x[k]) * (-y[k]) / (y[k + 1] - y[k])
        return float(where), "above"
    if y[0] > 0 >= y[-1]:
        k = int(np.flatnonzero(y <= 0)[0])
        where = x[k - 1] + (x[k] - x[k - 1]) * y[k - 1] / (y[k - 1] - y[k])
        return float(where), "below"
    return None, None


def summarise(problem: Problem, table: pd.DataFrame, baseline: dict) -> pd.DataFrame:
    """One row per lever (see :class:`LeversResult`), largest effect first."""
    rows = []
    for name, _ in problem.levers:
        part = table[table["lever"] == name]
        coop = part["cooperation"].to_numpy()
        low, high = int(np.argmin(coop)), int(np.argmax(coop))
        threshold, side = crossing(part["value"], coop)
        closed = theory(name, problem.baseline) or {}
        rows.append(
            {
                "lever": name,
                "title": LEVER_INFO[name].title,
                "baseline_value": baseline_value(name, problem.baseline, problem.assortment),
                "baseline_cooperation": baseline["cooperation"],
                "lowest": float(coop[low]),
                "lowest_at": float(part["value"].iloc[low]),
                "highest": float(coop[high]),
                "highest_at": float(part["value"].iloc[high]),
                "dominant_at_highest": part["dominant"].iloc[high],
                "effect": float(coop[high] - coop[low]),
                "gain": float(coop[high] - baseline["cooperation"]),
                "threshold": threshold,
                "side": side,
                "theory": closed.get("value"),
                "theory_side": closed.get("side"),
                "theory_rule": closed.get("rule"),
            }
        )
    frame = pd.DataFrame(rows)
    order = np.lexsort((np.arange(len(frame)), -frame["effect"].to_numpy()))
    return frame.iloc[order].reset_index(drop=True)


def _folder_seed(out: str | Path) -> int | None:
    """The baseline seed recorded in a levers folder, if it is one."""
    manifest = Path(out).expanduser() / "levers.json"
    try:
        return int(json.loads(manifest.read_text())["config"]["baseline"]["seed"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def open_folder(out: str | Path, problem: Problem) -> Path:
    """Create the output folder, or check that an existing one holds these very levers."""
    from ipd.core.io import write_atomically
    from ipd.core.jsonio import plain

    out = Path(out).expanduser()
    if out.exists() and not out.is_dir():
        raise IpdError(f"output {out} exists and is not a folder")
    manifest = out / "levers.json"
    document = problem.to_dict()
    if out.is_dir() and manifest.exists():
        try:
            previous = json.loads(manifest.read_text())["config"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IpdError(f"{manifest} is not a readable ipd levers manifest ({exc})") from None
        if previous != plain(document):
            raise IpdError(
                f"{out} holds levers computed with other settings; use another folder, or "
                "delete this one to start over"
            )
    elif out.is_dir() and any(out.iterdir()):
        raise IpdError(f"output folder {out} is not empty and holds no levers.json")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise IpdError(f"cannot create {out}: folder {parent} does not exist")
    try:
        (out / "pairs").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IpdError(f"cannot create {out}: {exc.strerror}") from None
    if not manifest.exists():
        from ipd.core.jsonio import dumps

        write_atomically(manifest, dumps({"config": document}).encode())
    return out
