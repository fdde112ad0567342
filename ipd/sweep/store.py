"""A sweep's folder: the manifest, one Parquet file per finished batch of cells, the lock,
and reading."""

from __future__ import annotations

import contextlib
import json
import platform
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ipd._version import __version__
from ipd.core.errors import IpdError
from ipd.core.settings import check_seed
from ipd.sweep.grid import FORMAT, SweepSettings


@dataclass
class SweepReport:
    """What :func:`run_sweep` did."""

    out: Path
    settings: SweepSettings
    cells_total: int
    cells_before: int
    cells_run: int
    seconds: float
    turns: int
    scheduler: str

    @property
    def turns_per_second(self) -> float:
        return self.turns / self.seconds if self.seconds > 0 else 0.0


def _strategy_file(out: Path, batch_id: str) -> Path:
    return out / "strategies" / f"batch-{batch_id}.parquet"


def _pair_file(out: Path, batch_id: str) -> Path:
    return out / "pairs" / f"batch-{batch_id}.parquet"


def open_folder(out: str | Path, settings: SweepSettings) -> SweepSettings:
    """Create the output folder, or check that an existing one holds this very sweep.

    Returns the settings with the seed fixed (the folder's seed when resuming
    without one, else a fresh one when none was given).
    """
    from ipd.core.io import write_atomically

    out = Path(out).expanduser()
    if out.exists() and not out.is_dir():
        raise IpdError(f"output {out} exists and is not a folder")
    manifest = out / "sweep.json"
    if out.is_dir() and manifest.exists():
        try:
            existing = json.loads(manifest.read_text())
            previous = SweepSettings.from_dict(existing["settings"])
        except (OSError, ValueError, KeyError, TypeError, IpdError) as exc:
            raise IpdError(f"{manifest} is not a readable ipd sweep manifest ({exc})") from None
        if settings.seed is None:
            settings = replace(settings, seed=previous.seed)
        differences = [
            key for key, value in settings.to_dict().items() if previous.to_dict().get(key) != value
        ]
        if differences:
            details = "; ".join(
                f"{key}: {_brief(getattr(previous, key))} there, {_brief(getattr(settings, key))}"
                " here"
                for key in differences
            )
            raise IpdError(
                f"{out} holds a sweep with different settings ({details}); "
                "use another output folder, or delete this one to start over"
            )
        _check_writable(out)
        return settings
    check_new_folder(out, manifest.name)
    if settings.seed is None:
        settings = replace(settings, seed=check_seed(None))
    try:
        out.mkdir(exist_ok=True)
    except OSError as exc:
        raise IpdError(f"cannot create {out}: {exc.strerror}") from None
    _check_writable(out)
    document = {
        "format": FORMAT,
        "settings": settings.to_dict(),
        "environment": _environment(),
        "cells": [
            {"cell": c.id, **c.key(), "seed": c.seed(settings.seed)} for c in settings.cells()
        ],
    }
    write_atomically(manifest, (json.dumps(document, indent=2) + "\n").encode())
    return settings


def check_new_folder(out: Path, manifest: str) -> None:
    """Check that a fresh run (no ``manifest`` file in ``out``) may start in ``out``: an empty
    folder, or none yet in a folder that exists."""
    if out.is_dir() and any(out.iterdir()):
        raise IpdError(f"output folder {out} is not empty and holds no {manifest}")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise IpdError(f"cannot create {out}: folder {parent} does not exist")


def _brief(value) -> str:
    text = json.dumps(list(value) if isinstance(value, tuple) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_writable(out: Path) -> None:
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError:
        raise IpdError(f"cannot write to {out}: the folder is not writable") from None


def _environment() -> dict[str, Any]:
    import numba

    return {
        "ipd_version": __version__,
        "numba_version": numba.__version__,
        "python_version": platform.python_version(),
        "platform": platform.platform(),
    }


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """Hold a lock on the folder: two sweeps writing one folder would trip over each other.

    An advisory ``flock``: the kernel drops it when the process dies, even by SIGKILL.
    """
    import fcntl

    handle = open(out / ".lock", "w")  # noqa: SIM115 - held for the whole run
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise IpdError(f"another ipd sweep is writing to {out}") from None
        yield
    finally:
        handle.close()


def finished_batches(out: str | Path, settings: SweepSettings) -> set[str]:
    """Ids of the batches whose files are complete."""
    out = Path(out)
    return {
        batch.id
        for batch in settings.batches()
        if _strategy_file(out, batch.id).exists()
        and (not settings.pairs or _pair_file(out, batch.id).exists())
    }


def finished_cells(out: str | Path, settings: SweepSettings) -> set[str]:
    """Ids of the cells whose batch's files are complete."""
    done = finished_batches(out, settings)
    return {c.id for b in settings.batches() if b.id in done for c in b.cells}


def _write_batch(out: Path, result: dict) -> None:
    from ipd.core.io import write_atomically

    if result["pairs"] is not None:
        write_atomically(_pair_file(out, result["batch"]), _parquet_bytes(result["pairs"]))
    # The strategy file last: its presence is what marks the batch finished.
    write_atomically(_strategy_file(out, result["batch"]), _parquet_bytes(result["strategies"]))


def _parquet_bytes(frame) -> bytes:
    import io

    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def read_settings(out: str | Path) -> SweepSettings:
    """The settings recorded in a sweep folder."""
    manifest = Path(out).expanduser() / "sweep.json"
    if not manifest.is_file():
        raise IpdError(f"{out} is not a sweep folder (no sweep.json)")
    try:
        return SweepSettings.from_dict(json.loads(manifest.read_text())["settings"])
    except (ValueError, KeyError, TypeError) as exc:
        raise IpdError(f"{manifest} is not a readable ipd sweep manifest ({exc})") from None


def load_sweep(out: str | Path, table: str = "strategies", complete: bool = False):
    """Read a sweep's dataset as one DataFrame, in a fixed order.

    Parameters
    ----------
    out : the sweep folder.
    table : ``"strategies"`` (one row per cell and strategy) or ``"pairs"``.
    complete : raise unless every cell of the grid is present.

    Returns
    -------
    pandas.DataFrame sorted by R, S, T, P, noise, misperception (when swept), w
    and then rank (strategies) or row and column (pairs).
    """
    import pyarrow.dataset as ds

    out = Path(out).expanduser()
    settings = read_settings(out)
    if table not in ("strategies", "pairs"):
        raise IpdError(f"table must be 'strategies' or 'pairs', got {table!r}")
    if table == "pairs" and not settings.pairs:
        raise IpdError(f"{out} has no pair table (run the sweep with pairs)")
    batches = {b.id: b for b in settings.batches()}
    files = sorted((out / table).glob("batch-*.parquet"))
    found = {f.name[len("batch-") : -len(".parquet")] for f in files}
    stray = found - set(batches)
    if stray:
        raise IpdError(f"{out / table} holds files not of this sweep: {sorted(stray)}")
    if complete and found != set(batches):
        missing = sum(len(b.cells) for k, b in batches.items() if k not in found)
        raise IpdError(
            f"{out} is incomplete: {missing} of {len(settings.cells())} cells missing; "
            "rerun the sweep to finish it"
        )
    if not files:
        raise IpdError(f"{out} has no finished cells yet")
    frame = ds.dataset([str(f) for f in files], format="parquet").to_table().to_pandas()
    order = ["R", "S", "T", "P", "noise", *(["misperception"] * settings.misperceives), "w"]
    order += ["rank"] if table == "strategies" else ["row", "column"]
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


def sweep_slice(
    out: str | Path,
    *,
    noise: float | None = None,
    payoffs: str | Sequence[float] | None = None,
    strategies: Iterable[str] | None = None,
    misperception: float | None = None,
):
    """One (noise, payoffs) slice of a sweep's strategy table, optionally only some strategies.

    ``noise``, ``payoffs`` and ``misperception`` may be left out when the sweep
    has only one of each. Returns ``(frame, (R, S, T, P), noise)``.
    """
    from ipd.core.settings import check_payoffs

    data = load_sweep(out)
    if "misperception" in data.columns:
        rates = sorted(data["misperception"].unique())
        if misperception is None and len(rates) > 1:
            raise IpdError(
                "the sweep has several misperception rates ("
                + ", ".join(f"{v:g}" for v in rates)
                + "); choose one with --misperception"
            )
        chosen_rate = rates[0] if misperception is None else float(misperception)
        if chosen_rate not in rates:
            levels = ", ".join(f"{v:g}" for v in rates)
            raise IpdError(f"the sweep has no misperception {chosen_rate:g} (it has {levels})")
        data = data[data["misperception"] == chosen_rate]
    elif misperception:
        raise IpdError("the sweep has no misperception rates (it was run without misperception)")
    noise_levels = sorted(data["noise"].unique())
    if noise is None:
        if len(noise_levels) > 1:
            raise IpdError(
                "the sweep has several noise levels ("
                + ", ".join(f"{v:g}" for v in noise_levels)
                + "); choose one with --noise"
            )
        noise = noise_levels[0]
    data = data[data["noise"] == float(noise)]
    if data.empty:
        levels = ", ".join(f"{v:g}" for v in noise_levels)
        raise IpdError(f"the sweep has no noise level {noise:g} (it has {levels})")
    games = sorted({tuple(row) for row in data[["R", "S", "T", "P"]].itertuples(index=False)})
    if payoffs is None:
        if len(games) > 1:
            raise IpdError(
                "the sweep has several payoff sets ("
                + "; ".join(",".join(f"{v:g}" for v in g) for g in games)
                + "); choose one with --payoffs"
            )
        chosen = games[0]
    else:
        chosen = check_payoffs(payoffs).payoffs
        if chosen not in games:
            raise IpdError(
                f"the sweep has no payoffs {','.join(f'{v:g}' for v in chosen)} (it has "
                + "; ".join(",".join(f"{v:g}" for v in g) for g in games)
                + ")"
            )
    R, S, T, P = chosen
    data = data[(data["R"] == R) & (data["S"] == S) & (data["T"] == T) & (data["P"] == P)]
    if strategies is not None:
        wanted = list(strategies)
        unknown = sorted(set(wanted) - set(data["strategy"]))
        if unknown:
            raise IpdError(f"not in the sweep: {', '.join(unknown)}")
        data = data[data["strategy"].isin(wanted)]

    return data, chosen, float(noise)
