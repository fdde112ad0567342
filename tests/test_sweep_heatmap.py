"""The sweep figure's rank heatmap: ranks in cells, collective-stability thresholds marked."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ipd import sweep
from ipd.analysis.exact import exact_payoffs
from ipd.analysis.stability import stability
from ipd.report.sweep_plots import stability_thresholds, sweep_plot

POOL = ("tft", "alld", "allc", "grudger")
WS = (0.2, 0.4, 0.6, 0.8, 0.95)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("heatmap") / "sweep"
    settings = sweep.SweepSettings(strategies=POOL, w=WS, repetitions=2, seed=1, mode="exact")
    sweep.run_sweep(settings, out, scheduler="sync")
    return out


def test_thresholds_are_where_stability_starts_for_good():
    rows = []
    for label, flags in {
        "a": [0, 0, 1, 1],
        "b": [1, 0, 1, 1],
        "c": [1, 1, 1, 0],
        "d": [1] * 4,
    }.items():
        rows += [
            {"strategy": label, "w": w, "stable": bool(f)}
            for w, f in zip(WS[:4], flags, strict=True)
        ]
    found = stability_thresholds(pd.DataFrame(rows))
    assert found == {"a": 0.6, "b": 0.6, "c": None, "d": 0.2}
    unknown = pd.DataFrame({"strategy": ["a"], "w": [0.5], "stable": [None]})
    assert stability_thresholds(unknown) == {"a": None}


def test_the_heatmap_has_every_rank_and_the_thresholds_of_the_exact_payoffs(folder):
    figure = sweep_plot(folder)
    score_axes, rank_axes = figure.axes
    assert score_axes.get_ylabel() == "score per turn"
    assert figure._suptitle.get_text().startswith("Score and rank against")
    image = rank_axes.get_images()[0].get_array()
    labels = [t.get_text() for t in rank_axes.get_yticklabels()]
    assert image.shape == (len(POOL), len(WS)) and sorted(labels) == sorted(POOL)
    data = sweep.load_sweep(folder)
    for i, label in enumerate(labels):
        ranks = data[data["strategy"] == label].sort_values("w")["rank"].to_numpy()
        np.testing.assert_array_equal(image[i], ranks)
    # The text beside each row agrees with the stability analysis of the exact payoffs.
    notes = {t.get_text() for t in rank_axes.texts if "stable" in t.get_text()}
    for label in POOL:
        stable_at = [
            w
            for w in WS
            if stability(exact_payoffs(list(POOL), w)).set_index("strategy").loc[label, "stable"]
        ]
        later = [w for w in stable_at if all(v in stable_at for v in WS if v >= w)]
        expected = f"stable for w ≥ {min(later):g}" if later else "never stable"
        assert expected in notes, (label, notes)
    # TFT's theoretical threshold 2/3 sits between the columns of 0.6 and 0.8.
    dashed = [line for line in rank_axes.get_lines() if line.get_linestyle() == "--"]
    assert dashed and 2 < dashed[0].get_xdata()[0] < 3
    assert rank_axes.yaxis_inverted() and rank_axes.get_xlabel().startswith("w")
