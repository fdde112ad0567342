"""Sweeps: the grid, per-cell seeds, resuming (also after SIGKILL), Dask, bad input, plots."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import ipd
from ipd.analysis.exact import exact_results_table
from ipd.cli.sweep_cmd import sweep
from ipd.core.errors import IpdError
from ipd.sweep import Cell, SweepSettings, load_sweep, run_sweep, w_grid

POOL = ("tft", "alld", "random", "wsls")
ROOT = Path(__file__).resolve().parents[1]


def small(**overrides) -> SweepSettings:
    """A cheap sweep: four strategies, noise on, a few w values."""
    values = {
        "strategies": POOL,
        "w": (0.5, 0.8, 0.9),
        "noise": (0.0, 0.02),
        "repetitions": 5,
        "seed": 7,
        "pairs": True,
    }
    values.update(overrides)
    return SweepSettings(**values)


def both_tables(folder) -> tuple[pd.DataFrame, pd.DataFrame]:
    return load_sweep(folder, complete=True), load_sweep(folder, "pairs", complete=True)


def assert_same_dataset(first, second) -> None:
    for a, b in zip(both_tables(first), both_tables(second), strict=True):
        pd.testing.assert_frame_equal(a, b, check_exact=True)


def invoke(*args: str):
    return CliRunner().invoke(sweep, [str(a) for a in args])


# --------------------------------------------------------------------------- the grid


def test_w_grid_forms():
    grid = w_grid(w_range="0.5:0.99:0.01")
    assert len(grid) == 50 and grid[0] == 0.5 and grid[-1] == 0.99
    assert 0.57 in grid  # rounded: not 0.5700000000000001
    assert w_grid(w_range="0.5:0.9", count=5) == [0.5, 0.6, 0.7, 0.8, 0.9]
    assert w_grid(values="0.5,0.9,0.99") == [0.5, 0.9, 0.99]
    assert w_grid(w_range="0.3:0.3", count=1) == [0.3]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": "0,0.5"}, "strictly between 0 and 1"),
        ({"values": "0.5,1"}, "strictly between 0 and 1"),
        ({"values": "0.5,,0.6"}, "numbers separated by commas"),
        ({"values": "0.5,0.5"}, "twice"),
        ({"w_range": "0.9:0.5:0.1"}, "empty"),
        ({"w_range": "0.9:0.5", "count": 3}, "empty"),
        ({"w_range": "0.5:0.9:0"}, "step must be positive"),
        ({"w_range": "0.5:0.9"}, "needs a step"),
        ({"w_range": "0.5:0.9:0.1", "count": 3}, "not both"),
        ({"w_range": "0.5:0.9", "count": 0}, "count"),
        ({"w_range": "0.5"}, "START:STOP"),
        ({"count": 4}, "needs a range"),
        ({}, "give the w values"),
        ({"values": "0.5", "w_range": "0.1:0.2:0.1"}, "not both"),
    ],
)
def test_w_grid_rejects_bad_input(kwargs, message):
    with pytest.raises(IpdError, match=message):
        w_grid(**kwargs)


def test_cell_ids_and_seeds_depend_on_the_parameters_alone():
    cell = Cell(0.9, 0.0, (3.0, 0.0, 5.0, 1.0))
    assert cell.id == Cell(0.9, 0.0, (3.0, 0.0, 5.0, 1.0)).id
    assert cell.seed(1) == Cell(0.9, 0.0, (3.0, 0.0, 5.0, 1.0)).seed(1)
    others = [
        Cell(0.8, 0.0, cell.payoffs),
        Cell(0.9, 0.01, cell.payoffs),
        Cell(0.9, 0.0, (4, 0, 6, 1)),
    ]
    assert len({cell.seed(1), cell.seed(2), *(c.seed(1) for c in others)}) == 5
    assert len({cell.id, *(c.id for c in others)}) == 4


def test_a_cell_gives_the_same_rows_in_any_grid(tmp_path):
    """Seeds come from parameters, not queue positions: a sub-grid reproduces its cells."""
    run_sweep(small(w=(0.9, 0.6, 0.8)), tmp_path / "big")
    run_sweep(small(w=(0.8,), noise=(0.02,)), tmp_path / "one")
    big = load_sweep(tmp_path / "big")
    one = load_sweep(tmp_path / "one")
    part = big[(big["w"] == 0.8) & (big["noise"] == 0.02)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part, one, check_exact=True)


# --------------------------------------------------------------------------- running, resuming


def test_dataset_schema_and_contents(tmp_path):
    report = run_sweep(small(), tmp_path / "out")
    assert (report.cells_total, report.cells_before, report.cells_run) == (6, 0, 6)
    assert report.turns > 0
    strategies, pairs = both_tables(tmp_path / "out")
    assert len(strategies) == 6 * len(POOL)
    assert len(pairs) == 6 * len(POOL) ** 2
    for column in ["cell", "mode", "w", "noise", "R", "S", "T", "P", "seed", "repetitions"]:
        assert column in strategies.columns and column in pairs.columns
    for column in ["strategy", "rank", "score", "score_per_turn", "cooperation_rate", "stable"]:
        assert column in strategies.columns
    cell = strategies[(strategies["w"] == 0.9) & (strategies["noise"] == 0.0)]
    assert sorted(cell["rank"]) == [1, 2, 3, 4]
    assert cell.set_index("strategy").loc["alld", "cooperation_rate"] == 0.0
    manifest = json.loads((tmp_path / "out" / "sweep.json").read_text())
    assert manifest["settings"]["seed"] == 7
    assert len(manifest["cells"]) == 6
    assert {c["cell"] for c in manifest["cells"]} == set(strategies["cell"])


def test_rerun_completes_only_missing_cells_and_matches(tmp_path):
    ticks = []
    first = run_sweep(small(batch_cells=1), tmp_path / "out", progress=ticks.append)
    assert len(ticks) == first.cells_run == 6
    again = run_sweep(small(batch_cells=1), tmp_path / "out")
    assert again.cells_run == 0
    reference = both_tables(tmp_path / "out")
    missing = sorted((tmp_path / "out" / "strategies").glob("batch-*.parquet"))[2]
    missing.unlink()
    (tmp_path / "out" / "strategies" / ".batch-x.parquet.abc.tmp").write_bytes(b"half a file")
    resumed = run_sweep(small(seed=None, batch_cells=1), tmp_path / "out")  # the folder's seed
    assert resumed.cells_run == 1 and resumed.settings.seed == 7
    assert not list((tmp_path / "out" / "strategies").glob(".*.tmp"))
    for a, b in zip(reference, both_tables(tmp_path / "out"), strict=True):
        pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_a_batch_of_cells_gives_what_the_cells_give_one_at_a_time(tmp_path):
    batched = run_sweep(small(), tmp_path / "batched")
    alone = run_sweep(small(batch_cells=1), tmp_path / "alone")
    assert len(batched.settings.batches()) == 1 and len(alone.settings.batches()) == 6
    for a, b in zip(
        both_tables(tmp_path / "batched"), both_tables(tmp_path / "alone"), strict=True
    ):
        pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_exact_cells_match_exact_results_and_find_the_tft_threshold(tmp_path):
    # Against TFT, STFT is the alternator that starts with D: TFT is stable iff w >= 2/3.
    result = invoke(
        "run", "-s", "tft", "-s", "alld", "-s", "stft", "--w", "0.66,0.67", "--exact",
        "--out", tmp_path / "exact", "--no-progress",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = load_sweep(tmp_path / "exact", complete=True)
    tft = data[data["strategy"] == "tft"].set_index("w")
    assert not tft.loc[0.66, "stable"] and tft.loc[0.66, "invaders"] == "stft"
    assert tft.loc[0.67, "stable"]
    table = exact_results_table(["tft", "alld", "stft"], 0.67)
    cell = data[data["w"] == 0.67].reset_index(drop=True)
    assert list(cell["strategy"]) == list(table["strategy"])
    assert list(cell["score_per_turn"]) == list(table["score_per_turn"])
    assert set(cell["method"]) == {"cycle"}


def test_discount_mode_plays_long_enough_matches(tmp_path):
    run_sweep(small(mode="discount", noise=(0.0,), w=(0.9,), pairs=True), tmp_path / "d")
    assert set(load_sweep(tmp_path / "d")["turns"]) == {132}  # 0.9**132 < 1e-6 < 0.9**131
    pairs = load_sweep(tmp_path / "d", "pairs")
    tft_alld = pairs[(pairs["row"] == "tft") & (pairs["column"] == "alld")].iloc[0]
    assert tft_alld["moves"] == 5 * 132
    # (1 - w) S + w P, short by the weight of the moves left out (at most 1e-6 x P).
    assert tft_alld["payoff"] == pytest.approx(0.1 * 0 + 0.9 * 1, abs=2e-6)


# --------------------------------------------------------------------------- SIGKILL

DRIVER = textwrap.dedent(
    """
    # Runs the sweep command with each cell slowed down, so a test can kill it mid-sweep.
    import sys
    import time

    import ipd.sweep.cell as sweep_module
    from ipd.cli.sweep_cmd import sweep

    original = sweep_module._simulated_tables

    def slow(task):
        time.sleep(0.3)
        return original(task)

    sweep_module._simulated_tables = slow
    sweep(sys.argv[1:])
    """
)


def test_sigkill_then_rerun_equals_an_uninterrupted_run(tmp_path):
    args = [
        "run", *(f"-s{s}" for s in POOL), "--w-range", "0.5:0.95:0.05", "--noise", "0.01",
        "--repetitions", "4", "--seed", "11", "--pairs", "--no-progress", "--batch-cells", "2",
    ]  # fmt: skip
    total = 10  # cells, in batches of two
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    out = tmp_path / "killed"
    process = subprocess.Popen(
        [sys.executable, str(driver), *args, "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 300  # room for a first compile on a cold cache
        while len(list(out.glob("strategies/batch-*.parquet"))) < 2:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the sweep never got going"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    survivors = list(out.glob("strategies/batch-*.parquet"))
    assert 2 <= len(survivors) < total // 2
    for path in survivors:  # every file present is whole: two cells' rows
        assert len(pd.read_parquet(path)) == 2 * len(POOL)

    resumed = invoke(*args, "--out", out)
    assert resumed.exit_code == 0, resumed.output
    assert f"{total - 2 * len(survivors)} cells" in resumed.output
    fresh = invoke(*args, "--out", tmp_path / "fresh")
    assert fresh.exit_code == 0, fresh.output
    assert_same_dataset(out, tmp_path / "fresh")


# --------------------------------------------------------------------------- Dask


@pytest.fixture
def dask_cluster(tmp_path):
    """A real Dask scheduler and two single-threaded worker processes on loopback."""
    scheduler_file = tmp_path / "scheduler.json"
    log = open(tmp_path / "dask.log", "w")  # noqa: SIM115 - closed below
    processes = []

    def start(*args):
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "dask", *args],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so the worker's nanny processes go with it
            )
        )

    try:
        start(
            "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
            "--scheduler-file", str(scheduler_file),
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() or not scheduler_file.read_text().strip():
            assert time.monotonic() < deadline, (tmp_path / "dask.log").read_text()
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        start(
            "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
            "--host", "127.0.0.1",
        )  # fmt: skip
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for process in processes[::-1]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes[::-1]:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def test_two_worker_cluster_gives_identical_results(tmp_path, dask_cluster):
    from distributed import Client

    with Client(dask_cluster) as observer:
        observer.get_task_stream()  # start recording which worker ran what
        started = time.time()
        # Batches of two cells on the cluster, one batch of all six locally.
        report = run_sweep(small(batch_cells=2), tmp_path / "cluster", scheduler=dask_cluster)
        stream = observer.get_task_stream(start=started)
    assert report.scheduler == dask_cluster and report.cells_run == 6
    workers = {task["worker"] for task in stream if str(task["key"]).startswith("run_batch")}
    assert len(workers) == 2
    run_sweep(small(), tmp_path / "local")
    assert_same_dataset(tmp_path / "cluster", tmp_path / "local")


def test_a_tournament_spread_over_a_cluster_is_bit_identical(dask_cluster):
    from ipd.sweep.spread import play_spread

    game = ipd.Tournament(list(POOL), turns=30, repetitions=400, seed=9, noise=0.02)
    spread = play_spread(game, dask_cluster, task_reps=128)
    here = game.play()
    for name in ("pair_scores", "pair_rates", "pair_rate_squares", "pair_counts"):
        assert np.array_equal(getattr(spread, name), getattr(here, name)), name
    assert np.array_equal(spread.strategy_rep_scores, here.strategy_rep_scores)
    assert spread.summary().equals(here.summary())


def test_local_process_pool_gives_identical_results(tmp_path):
    report = run_sweep(small(batch_cells=3), tmp_path / "pool", scheduler="processes", workers=2)
    assert report.scheduler == "processes" and report.cells_run == 6
    run_sweep(small(), tmp_path / "local")
    assert_same_dataset(tmp_path / "pool", tmp_path / "local")


CONCURRENT = textwrap.dedent(
    """
    # Two threads running cells at once, under the threading layer that aborts the
    # process on concurrent parallel launches: the per-process lock must prevent it.
    import threading

    import numba

    from ipd.sweep import SweepSettings, batch_task, prepare_pool, run_batch

    settings = prepare_pool(SweepSettings(strategies=("tft", "random"), w=(0.9, 0.95), seed=1,
                                          repetitions=2000, batch_cells=1))
    tasks = [batch_task(settings, batch, 2) for batch in settings.batches()]
    threads = [threading.Thread(target=run_batch, args=(task,)) for task in tasks * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(numba.threading_layer())
    """
)


def test_concurrent_cells_in_one_process_survive_the_workqueue_layer(tmp_path):
    script = tmp_path / "two_threads.py"  # not concurrent.py: that would shadow the stdlib
    script.write_text(CONCURRENT)
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env={**os.environ, "NUMBA_THREADING_LAYER": "workqueue"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "workqueue"


# --------------------------------------------------------------------------- bad input


def _fails(result, message: str) -> None:
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert message in result.output, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--w", "0"], "strictly between 0 and 1"),
        (["--w", "1.5"], "strictly between 0 and 1"),
        (["--w-range", "0.9:0.5:0.1"], "empty"),
        (["--w-count", "4"], "needs a range"),
        ([], "give the w values"),
        (["--w", "0.5", "--noise", "2"], "noise"),
        (["--w", "0.5", "--noise", "0.1,x"], "noise must be numbers"),
        (["--w", "0.5", "--payoffs", "1,2,3,4"], "not a Prisoner's Dilemma"),
        (["--w", "0.5", "--payoffs", "3,0,5,1", "--payoffs", "3,0,5,1"], "listed twice"),
        (["--w", "0.5", "--repetitions", "0"], "repetitions"),
        (["--w", "0.5", "--seed", "-1"], "seed"),
        (["--w", "0.5", "--turns", "10"], "turns applies only to discount mode"),
        (["--w", "0.5", "--fallback", "simulate"], "only to exact mode"),
        (["--w", "0.5", "--exact", "--mode", "discount"], "contradicts"),
        (["--w", "0.5", "--scheduler", "threads"], "gains nothing"),
        (["--w", "0.5", "--scheduler", "bogus"], "scheduler must be"),
        (["--w", "0.5", "--workers", "2"], "workers applies"),
        (["--w", "0.5", "--scheduler", "processes", "--workers", "0"], "workers must be"),
        (["--w", "0.5", "--engine-threads", "0"], "engine threads"),
        (["--w", "0.5", "-s", "nosuch"], "unknown strategy"),
    ],
)
def test_run_rejects_bad_input(tmp_path, args, message):
    result = invoke("run", "-s", "tft", "-s", "alld", *args, "--out", tmp_path / "out")
    _fails(result, message)
    assert not (tmp_path / "out").exists()  # nothing created


def test_run_rejects_bad_pools_and_outputs(tmp_path):
    _fails(invoke("run", "--w", "0.5", "--out", tmp_path / "a"), "strategies with -s")
    exact = invoke("run", "-s", "gradual", "-s", "random", "--w", "0.5", "--exact",
                   "--out", tmp_path / "b")  # fmt: skip
    _fails(exact, "gradual")
    _fails(invoke("run", tmp_path / "no.toml", "--w", "0.5", "--out", tmp_path / "c"), "no.toml")
    a_file = tmp_path / "file"
    a_file.write_text("x")
    _fails(invoke("run", "-s", "tft", "--w", "0.5", "--out", a_file), "is a file")
    with pytest.raises(IpdError, match="not a folder"):
        run_sweep(small(), a_file)
    _fails(invoke("run", "-s", "tft", "--w", "0.5", "--out", a_file / "sub"), "does not exist")
    _fails(invoke("run", "-s", "tft", "--w", "0.5", "--out", "/proc/ipd-sweep"), "cannot")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    _fails(invoke("run", "-s", "tft", "--w", "0.5", "--out", tmp_path / "busy"), "no sweep.json")


def test_resuming_with_different_settings_is_refused(tmp_path):
    base = ["run", "-s", "tft", "-s", "alld", "--w", "0.5", "--seed", "1", "--no-progress"]
    assert invoke(*base, "--out", tmp_path / "out").exit_code == 0
    _fails(invoke(*base, "--repetitions", "3", "--out", tmp_path / "out"), "repetitions: 10 there")
    _fails(invoke(*base, "--w", "0.6", "--out", tmp_path / "out"), "different settings (w:")
    again = invoke(*base, "--out", tmp_path / "out")
    assert again.exit_code == 0 and "already done" in again.output


def test_unreachable_scheduler_is_a_clean_error(tmp_path):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = invoke(
            "run", "-s", "tft", "--w", "0.5", "--scheduler", "tcp://127.0.0.1:9",
            "--out", tmp_path / "out",
        )  # fmt: skip
    _fails(result, "cannot reach the Dask scheduler")


def test_spec_file_supplies_the_pool_and_defaults(tmp_path):
    spec = tmp_path / "pool.toml"
    spec.write_text('strategies = ["tft", "alld"]\nrepetitions = 3\nseed = 5\nturns = 7\n')
    result = invoke("run", spec, "-s", "wsls", "--w", "0.9", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    data = load_sweep(tmp_path / "out")
    assert sorted(data["strategy"]) == ["alld", "tft", "wsls"]
    assert set(data["repetitions"]) == {3}
    manifest = json.loads((tmp_path / "out" / "sweep.json").read_text())
    assert manifest["settings"]["seed"] == 5


# --------------------------------------------------------------------------- plotting


@pytest.fixture(scope="module")
def plotted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plot") / "sweep"
    run_sweep(small(pairs=False, w=(0.5, 0.7, 0.9)), folder)
    return folder


def test_plot_draws_score_and_rank_with_the_threshold(plotted):
    from ipd.report.plots import sweep_plot

    figure = sweep_plot(plotted, noise=0.0)
    score_axes, rank_axes = figure.axes
    assert len(score_axes.get_lines()) >= len(POOL)
    verticals = [
        line for line in score_axes.get_lines() if list(line.get_xdata()) == [2 / 3, 2 / 3]
    ]
    assert verticals, "the TFT threshold 2/3 is not marked"
    assert rank_axes.yaxis_inverted()


def test_plot_command_writes_images(plotted, tmp_path):
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        path = tmp_path / f"figure{suffix}"
        result = invoke("plot", plotted, "--noise", "0.02", "--out", path)
        assert result.exit_code == 0, result.output
        assert path.read_bytes().startswith(magic)
    _fails(invoke("plot", plotted, "--noise", "0.02", "--out", tmp_path / "figure.png"), "exists")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "several noise levels"),
        (["--noise", "0.5"], "no noise level 0.5"),
        (["--noise", "0", "--payoffs", "4,0,6,1"], "no payoffs 4,0,6,1"),
        (["--noise", "0", "-s", "nosuch"], "not in the sweep: nosuch"),
    ],
)
def test_plot_rejects_bad_selections(plotted, tmp_path, args, message):
    _fails(invoke("plot", plotted, *args, "--out", tmp_path / "x.png"), message)


def test_plot_rejects_bad_folders_and_outputs(plotted, tmp_path):
    _fails(invoke("plot", tmp_path, "--out", tmp_path / "x.png"), "not a sweep folder")
    _fails(invoke("plot", plotted, "--out", tmp_path / "x.txt"), "must end in")


def test_scheduler_comes_from_the_option_or_dask_config():
    import dask

    from ipd.sweep import resolve_scheduler

    assert resolve_scheduler(None) == "sync"
    assert resolve_scheduler("synchronous") == "sync"
    assert resolve_scheduler("tcp://10.0.0.1:8786") == "tcp://10.0.0.1:8786"
    with dask.config.set({"scheduler-address": "tcp://10.0.0.2:8786"}):
        assert resolve_scheduler(None) == "tcp://10.0.0.2:8786"
        assert resolve_scheduler("sync") == "sync"  # the option wins
    with dask.config.set({"scheduler": "processes"}):
        assert resolve_scheduler(None) == "processes"
