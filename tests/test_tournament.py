"""The round-robin runner and its results, through the public Python API."""

import json
import math

import numpy as np
import pandas as pd
import pytest

import ipd
from ipd.core.errors import IpdError


@pytest.fixture(scope="module")
def basic():
    return ipd.Tournament(
        ["allc", "alld", "tft", "grudger"], turns=10, repetitions=3, seed=1, self_play=False
    ).play()


def test_known_totals_without_self_play(basic):
    # Axelrod-Python's documented totals: Cooperator 60, Defector 78, TFT 69, Grudger 69.
    totals = basic.scores() * 3  # score per match x 3 opponents = total per repetition
    assert totals.loc["allc"].tolist() == [60.0] * 3
    assert totals.loc["alld"].tolist() == [78.0] * 3
    assert totals.loc["tft"].tolist() == [69.0] * 3
    assert totals.loc["grudger"].tolist() == [69.0] * 3


def test_summary_ranks_by_mean_score(basic):
    summary = basic.summary()
    assert list(summary.columns[:4]) == ["rank", "strategy", "name", "score"]
    assert summary["rank"].tolist() == [1, 2, 3, 4]
    assert summary.iloc[0]["strategy"] == "alld"
    assert summary["score"].is_monotonic_decreasing
    assert summary.set_index("strategy").loc["tft", "score"] == pytest.approx(23.0)
    assert summary.set_index("strategy").loc["tft", "score_per_turn"] == pytest.approx(2.3)


def test_wins_and_rates_from_own_point_of_view(basic):
    s = basic.summary().set_index("strategy")
    # ALLD outscores allc, tft and grudger in every repetition.
    assert s.loc["alld", "wins"] == 9 and s.loc["alld", "losses"] == 0
    assert s.loc["tft", "wins"] == 0 and s.loc["tft", "losses"] == 3
    assert s.loc["allc", "cooperation_rate"] == 1.0
    assert s.loc["alld", "cooperation_rate"] == 0.0
    # allc is exploited 10 times per repetition by alld: CD from its own view.
    assert s.loc["allc", "cd_rate"] == pytest.approx(10 / 30)
    assert s.loc["alld", "dc_rate"] == pytest.approx(10 / 30 + 2 / 30)
    assert s.loc["alld", "initial_cooperation_rate"] == 0.0
    assert s.loc["tft", "initial_cooperation_rate"] == 1.0


def test_payoff_matrix_is_labelled_and_exact(basic):
    m = basic.payoff_matrix()
    assert list(m.index) == ["allc", "alld", "tft", "grudger"] == list(m.columns)
    assert m.loc["alld", "allc"] == 5.0
    assert m.loc["allc", "alld"] == 0.0
    assert m.loc["tft", "alld"] == pytest.approx(0.9)
    assert m.loc["alld", "tft"] == pytest.approx(1.4)
    assert math.isnan(m.loc["tft", "tft"])  # no self-play
    assert (basic.payoff_matrix("std").fillna(0) == 0).all().all()


def test_self_play_counts_once_by_default():
    with_twin = ipd.Tournament(["tft", "alld"], turns=200, repetitions=1, seed=0).play()
    s = with_twin.summary().set_index("strategy")
    # TFT: 600 against its twin, 199 against ALLD; mean over two opponents.
    assert s.loc["tft", "score"] == (600 + 199) / 2
    assert s.loc["alld", "score"] == (200 + 204) / 2
    assert with_twin.payoff_matrix().loc["tft", "tft"] == 3.0
    # A match against one's twin is neither won nor lost.
    assert s.loc["tft", "wins"] + s.loc["tft", "losses"] + s.loc["tft", "draws"] == 1


def test_self_play_of_stochastic_strategy_uses_mean_of_both_sides():
    results = ipd.Tournament(["random"], turns=50, repetitions=4, seed=3).play()
    per_rep = results.scores().loc["random"].to_numpy()
    sides = results.pair_scores[0]
    assert per_rep.sum() == pytest.approx(sides.sum() / 2)


def test_median_ranking_option():
    results = ipd.Tournament(
        ["tft", "random", "alld"], turns=20, repetitions=5, seed=2, rank_by="median"
    ).play()
    summary = results.summary()
    assert summary["score_median"].is_monotonic_decreasing
    assert results.config["rank_by"] == "median"


def test_same_seed_same_results_and_different_seed_differs():
    def play(seed):
        return ipd.Tournament(["random", "tft", "gtft"], turns=50, repetitions=5, seed=seed).play()

    a, b, c = play(11), play(11), play(12)
    pd.testing.assert_frame_equal(a.summary(), b.summary())
    assert not np.array_equal(a.strategy_rep_scores, c.strategy_rep_scores)


def test_noise_breaks_mutual_cooperation():
    clean = ipd.Tournament(["tft"], turns=200, repetitions=2, seed=1).play()
    noisy = ipd.Tournament(["tft"], turns=200, repetitions=2, seed=1, noise=0.05).play()
    assert clean.summary()["cooperation_rate"].iloc[0] == 1.0
    assert noisy.summary()["cooperation_rate"].iloc[0] < 0.9


def test_duplicate_entrants_are_refused():
    with pytest.raises(IpdError, match="listed twice"):
        ipd.Tournament(["tft", "tit_for_tat"])
    with pytest.raises(IpdError, match="listed twice"):
        ipd.Tournament(["random:p=0.5", "random"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"turns": 0}, "turns"),
        ({"repetitions": 0}, "repetitions"),
        ({"noise": 1.5}, "noise"),
        ({"noise": -0.1}, "noise"),
        ({"seed": -1}, "seed"),
        ({"payoffs": (3, 0, 5, 4)}, "not a Prisoner's Dilemma"),
        ({"payoffs": "3,0,5"}, "four numbers"),
        ({"rank_by": "best"}, "rank_by"),
    ],
)
def test_bad_settings_are_refused_with_clear_errors(kwargs, message):
    with pytest.raises(IpdError, match=message):
        ipd.Tournament(["tft", "alld"], **kwargs)


def test_non_dilemma_payoffs_allowed_explicitly():
    results = ipd.Tournament(
        ["allc", "alld"],
        turns=5,
        repetitions=1,
        seed=0,
        payoffs=(3, 0, 5, 4),
        allow_non_dilemma=True,
    ).play()
    assert results.payoff_matrix().loc["alld", "alld"] == 4.0


def test_unknown_strategy_suggests_closest():
    with pytest.raises(IpdError, match="did you mean 'grudger'"):
        ipd.Tournament(["tft", "grudgr"])


def test_keep_moves_records_every_match():
    results = ipd.Tournament(
        ["tft", "alld"], turns=5, repetitions=2, seed=0, keep_moves=True
    ).play()
    assert results.match_moves("tft", "alld") == ("CDDDD", "DDDDD")
    assert results.match_moves("alld", "tft", repetition=1) == ("DDDDD", "CDDDD")
    with pytest.raises(IpdError, match="repetition"):
        results.match_moves("tft", "alld", repetition=2)


def test_moves_not_kept_by_default(basic):
    with pytest.raises(IpdError, match="keep_moves"):
        basic.match_moves("tft", "alld")


def test_config_records_everything_to_rerun(basic):
    config = basic.config
    for key in (
        "strategies",
        "turns",
        "repetitions",
        "noise",
        "seed",
        "payoffs",
        "self_play",
        "reveal_length",
        "ipd_version",
    ):
        assert key in config
    rerun = ipd.Tournament(
        config["strategies"],
        turns=config["turns"],
        repetitions=config["repetitions"],
        seed=config["seed"],
        self_play=config["self_play"],
    ).play()
    pd.testing.assert_frame_equal(rerun.summary(), basic.summary())


def test_seed_drawn_when_missing_is_reported():
    results = ipd.Tournament(["random", "tft"], turns=5, repetitions=1).play()
    assert isinstance(results.config["seed"], int)


@pytest.mark.parametrize("suffix", [".json", ".parquet"])
def test_save_and_load_round_trip(basic, tmp_path, suffix):
    path = basic.save(tmp_path / f"out{suffix}")
    loaded = ipd.Results.load(path)
    pd.testing.assert_frame_equal(loaded.summary(), basic.summary())
    pd.testing.assert_frame_equal(loaded.payoff_matrix(), basic.payoff_matrix())
    assert loaded.config == basic.config


def test_csv_holds_the_summary(basic, tmp_path):
    path = basic.save(tmp_path / "out.csv")
    frame = pd.read_csv(path)
    assert frame["strategy"].tolist() == basic.summary()["strategy"].tolist()


def test_save_refuses_to_overwrite_unless_forced(basic, tmp_path):
    path = tmp_path / "out.json"
    path.write_text("keep me")
    with pytest.raises(IpdError, match="already exists"):
        basic.save(path)
    assert path.read_text() == "keep me"
    basic.save(path, force=True)
    assert json.loads(path.read_text())["config"]["seed"] == 1


def test_json_document_is_complete(basic):
    document = json.loads(basic.to_json())
    assert set(document) >= {"config", "summary", "payoff_matrix", "pairs", "totals"}
    assert document["payoff_matrix"]["alld"]["allc"] == 5.0


def test_from_spec_with_overrides(tmp_path):
    spec = tmp_path / "t.toml"
    spec.write_text('strategies = ["tft", "alld"]\nturns = 7\nrepetitions = 2\nseed = 5\n')
    game = ipd.Tournament.from_spec(spec, strategies=["allc"], turns=9)
    assert [p.label for p in game.players] == ["tft", "alld", "allc"]
    assert game.settings.turns == 9 and game.settings.repetitions == 2 and game.settings.seed == 5


def test_pair_table_has_both_orientations(basic):
    table = basic.pair_table()
    assert len(table) == 12  # 6 pairings, both ways
    row = table[(table["row"] == "alld") & (table["column"] == "tft")].iloc[0]
    assert row["wins"] == 3 and row["row_defected_first"] == 3
    assert row["dc_rate"] == pytest.approx(0.1) and row["dd_rate"] == pytest.approx(0.9)


def test_scores_against_one_entrant_by_hand():
    # Ten moves: TFT gets 30 from ALLC, 9 from ALLD (0 then nine 1s) and 30 from itself.
    results = ipd.Tournament(["tft", "allc", "alld"], turns=10, repetitions=2, seed=1).play()
    frame = results.scores_against("tft").set_index("opponent")
    assert frame.loc["allc", "score"] == 30 and frame.loc["allc", "opponent_score"] == 30
    assert frame.loc["alld", "score"] == 9 and frame.loc["alld", "opponent_score"] == 14
    assert frame.loc["tft", "score"] == frame.loc["tft", "opponent_score"] == 30
    assert list(frame["rank"]) == sorted(frame["rank"])


def test_a_spec_focus_that_is_not_an_entrant_is_one_line(tmp_path):
    from click.testing import CliRunner

    from ipd.cli.main import main

    path = tmp_path / "focus.toml"
    path.write_text('strategies = ["tft", "alld"]\nturns = 5\nfocus = "wsls"\n')
    result = CliRunner().invoke(main, ["tournament", str(path)])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "focus 'wsls' is not an entrant" in lines[0]
