"""Misperception (recognition errors): engine, reference twin, settings, CLI, TOML, sweeps and
the exact chain, with the closed forms of tit for tat against itself.

Noise flips the move played (both players see it); misperception makes a player see the
other's move wrongly with probability e while payoffs follow the real moves, so each player
keeps its own record of the game.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

import ipd
from ipd import Game, IpdError
from ipd.analysis.exact import automaton, exact_analysis, markov_series
from ipd.cli.main import main
from ipd.core.players import parse_player
from ipd.core.settings import Settings
from ipd.engine import api
from ipd.engine import layout as L
from tests.conftest import assert_one_line_error, warm_players

GAME = Game()
POOL = ["tft", "gtft", "wsls", "alld", "allc", "random", "grudger", "tf2t", "gradual"]


@pytest.fixture(scope="module", autouse=True)
def kernel():
    """One kernel (and its misperceiving variant) for every lineup of this module."""
    return warm_players(POOL)


def behaviour(label):
    return parse_player(label).behaviour(GAME)


def match(a, b, length=60, **options):
    options = {"noise": 0.0, "seed": 7, **options}
    return api.play_match(
        behaviour(a), behaviour(b), length=length, reveal_length=False, payoffs=GAME.payoffs,
        **options,
    )  # fmt: skip


def tft_tft_rate(error: float, length: int, noise: bool = False) -> float:
    """Each TFT's expected co-operation rate over a match of ``length`` moves (closed form).

    Under misperception e, TFT's move t (0-based) is its opponent's move t - 1 as seen, so it
    is C after an even number of the t errors before it: P(C) = (1 + (1 - 2e)^t) / 2, which
    averages to 1/2 + (1 - (1 - 2e)^L) / (4 e L). Under noise the first move can be flipped
    too (t + 1 errors).
    """
    q = 1.0 - 2.0 * error
    t = np.arange(length) + (1 if noise else 0)
    return float(np.mean((1.0 + q**t) / 2.0))


# --------------------------------------------------------------------------- the engine


def test_misperception_zero_is_todays_engine_bit_for_bit():
    lineup = [behaviour(s) for s in POOL]
    pairs = np.array([(i, j) for i in range(len(POOL)) for j in range(i, len(POOL))])
    common = {
        "rep_lengths": np.array([40, 7, 40]),
        "reveal_length": False,
        "payoffs": GAME.payoffs,
        "noise": 0.05,
        "seed": 11,
        "keep_moves": True,
    }
    plain = api.play_tournament(lineup, pairs, **common)
    zero = api.play_tournament(lineup, pairs, misperception=0.0, **common)
    assert plain.moves.tobytes() == zero.moves.tobytes()
    assert plain.pair_scores.tobytes() == zero.pair_scores.tobytes()
    some = api.play_tournament(lineup, pairs, misperception=0.1, **common)
    assert not np.array_equal(plain.moves, some.moves)


def test_each_player_keeps_its_own_record_and_payoffs_follow_the_real_moves():
    record = match("allc", "allc", length=2000, misperception=0.2)
    # What is played does not depend on what is seen for unconditional players ...
    assert not record.moves_a.any() and not record.moves_b.any()
    assert (record.score_a, record.score_b) == (3.0 * 2000, 3.0 * 2000)
    # ... but each saw about a fifth of the other's moves wrongly, and not the same ones.
    wrong_a, wrong_b = record.seen_by_a != record.moves_b, record.seen_by_b != record.moves_a
    for wrong in (wrong_a, wrong_b):
        assert abs(wrong.mean() - 0.2) < 4 * np.sqrt(0.2 * 0.8 / 2000)
    assert (wrong_a != wrong_b).any()


def test_noise_is_seen_by_both_misperception_by_one():
    noisy = match("tft", "tft", length=300, noise=0.1)
    assert np.array_equal(noisy.seen_by_a, noisy.moves_b)
    assert np.array_equal(noisy.seen_by_b, noisy.moves_a)
    wrong = match("tft", "tft", length=300, misperception=0.1)
    # TFT copies what it saw: its next move is its record of the other's last one.
    assert np.array_equal(wrong.moves_a[1:], wrong.seen_by_a[:-1])
    assert np.array_equal(wrong.moves_b[1:], wrong.seen_by_b[:-1])
    assert not np.array_equal(wrong.seen_by_a, wrong.moves_b)


@pytest.mark.parametrize("error", [0.01, 0.05, 0.2])
@pytest.mark.parametrize("noise", [False, True])
def test_tft_against_tft_matches_the_chain_and_the_closed_form(error, noise):
    length, reps = 50, 3000
    tft = behaviour("tft")
    totals = api.play_tournament(
        [tft, tft],
        np.array([[0, 1]]),
        rep_lengths=np.full(reps, length),
        reveal_length=False,
        payoffs=GAME.payoffs,
        noise=error if noise else 0.0,
        misperception=0.0 if noise else error,
        seed=3,
    )
    c = totals.pair_counts[0]
    simulated = (c[L.CC] + c[L.CD]) / c[L.TURNS]
    chain = markov_series(
        automaton(tft), automaton(tft), length, GAME.payoffs,
        noise=error if noise else 0.0, misperception=0.0 if noise else error,
    )  # fmt: skip
    expected = tft_tft_rate(error, length, noise)
    assert chain[:, 2].mean() == pytest.approx(expected, abs=1e-12)
    assert chain[:, 3].mean() == pytest.approx(expected, abs=1e-12)
    # Per-match rates are independent across repetitions; 5 standard errors.
    per_match_sd = 0.5
    assert abs(simulated - expected) < 5 * per_match_sd / np.sqrt(reps)


def test_tft_pair_tends_to_one_half_while_generous_tft_stays_cooperative():
    long = tft_tft_rate(0.05, 100_000)
    assert long == pytest.approx(0.5, abs=1e-3)
    gtft = automaton(behaviour("gtft"))
    rate = markov_series(gtft, gtft, 2000, GAME.payoffs, misperception=0.05)[:, 2].mean()
    assert rate > 0.75
    totals = api.play_tournament(
        [behaviour("gtft")] * 2,
        np.array([[0, 1]]),
        rep_lengths=np.full(200, 2000),
        reveal_length=False,
        payoffs=GAME.payoffs,
        noise=0.0,
        misperception=0.05,
        seed=5,
    )
    c = totals.pair_counts[0]
    assert abs((c[L.CC] + c[L.CD]) / c[L.TURNS] - rate) < 0.01


def test_compiled_engine_matches_the_reference_twin_under_misperception():
    import tests.reference.families
    import tests.reference.strategies  # noqa: F401 - both register their twins
    from tests.reference.engine import reference_match

    for a, b in [("tft", "gradual"), ("gradual", "random"), ("wsls", "grudger"), ("tf2t", "gtft")]:
        options = {"length": 120, "reveal_length": False, "payoffs": GAME.payoffs}
        options |= {"noise": 0.05, "misperception": 0.15, "seed": 99, "rep": 3, "row": 2, "col": 5}
        record = api.play_match(behaviour(a), behaviour(b), **options)
        moves_a, moves_b, score_a, score_b, (saw_a, saw_b) = reference_match(
            behaviour(a), behaviour(b), records=True, **options
        )
        assert record.moves_a.tolist() == moves_a and record.moves_b.tolist() == moves_b
        assert (record.score_a, record.score_b) == (score_a, score_b)
        assert record.seen_by_a.tolist() == saw_a and record.seen_by_b.tolist() == saw_b


def test_deterministic_pairs_are_played_match_by_match_under_misperception():
    # Templates replay one play of a deterministic pair; under misperception each match differs.
    results = ipd.Tournament(
        ["tft", "grudger"], turns=30, repetitions=5, seed=2, misperception=0.2, keep_moves=True
    ).play()
    records = {results.match_moves("tft", "grudger", r) for r in range(5)}
    assert len(records) > 1


# --------------------------------------------------------------------------- settings and files


@pytest.mark.parametrize("bad", [-0.1, 1.5, "x", float("nan"), None])
def test_bad_misperception_is_one_line_error(bad):
    with pytest.raises(IpdError, match="misperception"):
        Settings(misperception=bad)


def test_results_record_misperception_only_when_set(tmp_path):
    plain = ipd.Tournament(["tft", "alld"], turns=5, repetitions=2, seed=1).play()
    assert "misperception" not in plain.config
    results = ipd.Tournament(
        ["tft", "alld"], turns=5, repetitions=2, seed=1, misperception=0.1
    ).play()
    assert results.config["misperception"] == 0.1
    path = results.save(tmp_path / "r.json")
    loaded = ipd.Results.load(path)
    assert loaded.settings.misperception == 0.1 and "misperception" not in loaded.about


def test_toml_spec_and_cli_give_misperception(tmp_path):
    spec = tmp_path / "t.toml"
    spec.write_text('strategies = ["tft", "wsls"]\nturns = 20\nrepetitions = 2\nseed = 3\n'
                    "misperception = 0.1\n")  # fmt: skip
    out = CliRunner().invoke(main, ["tournament", str(spec), "--json", "--no-progress"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["config"]["misperception"] == 0.1
    (tmp_path / "bad.toml").write_text('strategies = ["tft"]\nmisperception = "a"\n')
    bad = CliRunner().invoke(main, ["tournament", str(tmp_path / "bad.toml")])
    assert_one_line_error(bad, "'a'")


@pytest.mark.parametrize(
    "argv",
    [
        ["tournament", "-s", "tft", "-s", "alld", "--misperception", "2"],
        ["match", "tft", "alld", "--misperception", "-1"],
        ["ecology", "-s", "tft", "-s", "alld", "--misperception", "1.1"],
    ],
)
def test_bad_misperception_on_the_command_line(argv):
    assert_one_line_error(CliRunner().invoke(main, argv), "misperception")


def test_match_command_shows_both_records():
    result = CliRunner().invoke(
        main, ["match", "tft", "tft", "--turns", "30", "--misperception", "0.2", "--seed", "4"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "tft as tft saw it" in lines[1] and "seen wrongly" in lines[1]
    document = CliRunner().invoke(
        main, ["match", "tft", "tft", "--turns", "30", "--misperception", "0.2", "--json"]
    )
    data = json.loads(document.output)
    assert data["settings"]["misperception"] == 0.2 and len(data["row_saw"]) == 30


# --------------------------------------------------------------------------- exact mode


def test_exact_values_under_misperception_match_simulation():
    pool = ["tft", "gtft", "wsls", "grudger"]
    result = exact_analysis(pool, 0.9, misperception=0.05)
    assert set(result.method.to_numpy().ravel()) == {"markov"}
    totals = api.play_tournament(
        [behaviour(s) for s in pool],
        np.array([(i, j) for i in range(4) for j in range(i + 1, 4)]),
        rep_lengths=np.ones(20000, dtype=np.int64),
        continuation=0.9,
        reveal_length=False,
        payoffs=GAME.payoffs,
        noise=0.0,
        misperception=0.05,
        seed=8,
    )
    pairs = [(i, j) for i in range(4) for j in range(i + 1, 4)]
    for p, (i, j) in enumerate(pairs):
        turns = totals.pair_counts[p, L.TURNS]
        value = totals.pair_scores[p, 0] / turns
        assert abs(value - result.payoffs.iloc[i, j]) < 0.05, (pool[i], pool[j])


def test_exact_chain_without_misperception_is_unchanged():
    a, b = automaton(behaviour("gtft")), automaton(behaviour("wsls"))
    from ipd.analysis.exact import markov_values

    assert markov_values(a, b, 0.9, GAME.payoffs, 0.01) == markov_values(
        a, b, 0.9, GAME.payoffs, 0.01, 0.0
    )


def test_exact_mode_refuses_code_strategies_under_misperception():
    with pytest.raises(IpdError, match="misperception"):
        exact_analysis(["tft", "gradual"], 0.9, misperception=0.01)
    fallback = exact_analysis(
        ["tft", "gradual"], 0.9, misperception=0.01, fallback="simulate", repetitions=50, seed=1
    )
    assert fallback.method.loc["tft", "gradual"] == "simulated"
    out = CliRunner().invoke(
        main,
        ["tournament", "-s", "tft", "-s", "gradual", "--continuation", "0.9", "--exact",
         "--misperception", "0.01"],
    )  # fmt: skip
    assert_one_line_error(out, "misperception")


# --------------------------------------------------------------------------- sweeps


def test_sweep_has_a_misperception_dimension(tmp_path):
    from ipd.sweep import SweepSettings, load_sweep, run_sweep

    common = {"strategies": ("tft", "wsls", "alld"), "w": (0.5, 0.9), "mode": "exact", "seed": 1}
    run_sweep(SweepSettings(**common), tmp_path / "plain")
    run_sweep(SweepSettings(**common, misperception=(0.0, 0.1)), tmp_path / "mis")
    plain, mis = load_sweep(tmp_path / "plain"), load_sweep(tmp_path / "mis")
    assert "misperception" not in plain.columns
    assert sorted(mis["misperception"].unique()) == [0.0, 0.1]
    same = mis[mis["misperception"] == 0.0].drop(columns="misperception").reset_index(drop=True)
    # A cell without misperception keeps its id, seed and numbers.
    assert same.equals(plain)
    assert (mis[mis["misperception"] == 0.1]["cooperation_rate"] < 1).any()


def test_simulated_sweep_cells_play_as_tournaments(tmp_path):
    from ipd.sweep import SweepSettings, load_sweep, run_sweep

    settings = SweepSettings(
        strategies=("tft", "wsls"), w=(0.8,), misperception=(0.0, 0.2), repetitions=5, seed=4
    )
    run_sweep(settings, tmp_path / "s")
    frame = load_sweep(tmp_path / "s")
    row = frame[(frame["misperception"] == 0.2) & (frame["strategy"] == "tft")].iloc[0]
    alone = ipd.Tournament(
        ["tft", "wsls"], continuation=0.8, repetitions=5, seed=int(row["seed"]), misperception=0.2
    ).play()
    summary = alone.summary().set_index("strategy")
    assert summary.loc["tft", "score_per_turn"] == row["score_per_turn"]
    bad = CliRunner().invoke(
        main, ["sweep", "run", "-s", "tft", "-s", "alld", "--w", "0.5", "--misperception", "0,2",
               "--out", str(tmp_path / "bad")],
    )  # fmt: skip
    assert_one_line_error(bad, "misperception")
    assert not (tmp_path / "bad").exists()
