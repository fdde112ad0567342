"""The lesson's spatial game: Nowak and May's lattice, played at build time and exported as frames.

For each noise level and w of the slider grid (with Axelrod's payoffs), the
engine plays a small tournament of :data:`SPATIAL_POOL` (a cell's seed, see
:func:`ipd.report.lesson.grid.cell_seed`); its mean payoffs per move are the
payoff table of a spatial game (:func:`ipd.analysis.populations.spatial.spatial`):
every cell of a lattice plays its eight neighbours and itself, then copies
its best-scoring neighbour. The page animates the frames with play/pause.

A frame is a string of one digit per cell (the strategy's index in the
pool), row after row; frames stop once the lattice no longer changes.
"""

from __future__ import annotations

from typing import Any

SPATIAL_POOL = ("tft", "alld", "allc", "wsls")
"""The lattice's strategies, in equal shares at random to start."""
SPATIAL_SIZE = 24
"""Rows and columns of the lattice."""
SPATIAL_GENERATIONS = 50
SPATIAL_REPETITIONS = 20
"""Repetitions of the tournament whose payoffs the lattice uses."""
USUAL_PAYOFFS = (3.0, 0.0, 5.0, 1.0)


def frames_text(result) -> list[str]:
    """The lattice after every kept generation, as digit strings, up to the first still one."""
    frames = result.frames
    last = len(frames) if result.still is None else min(len(frames), result.still + 1)
    return ["".join(str(int(x)) for x in frame) for frame in frames[:last]]


def spatial_run(noise: float, w: float, *, seed: int, payoffs=USUAL_PAYOFFS) -> dict[str, Any]:
    """One lattice run: the payoff table (from the engine) and the frames."""
    from ipd.analysis.populations.spatial import spatial
    from ipd.report.lesson.grid import DIGITS, cell_tournament

    results = cell_tournament(
        SPATIAL_POOL, noise, w, payoffs, seed=seed, repetitions=SPATIAL_REPETITIONS
    ).play()
    table = results.payoff_matrix().loc[list(SPATIAL_POOL), list(SPATIAL_POOL)]
    run = spatial(
        table,
        dict.fromkeys(SPATIAL_POOL, 1.0),
        rows=SPATIAL_SIZE,
        generations=SPATIAL_GENERATIONS,
        seed=seed,
        frame_every=1,
    )
    frames = frames_text(run)
    return {
        "payoffs": [[round(float(x), DIGITS) for x in row] for row in table.to_numpy()],
        "frames": frames,
        "still": run.still,
        "counts": [[int(x) for x in row] for row in run.counts[: len(frames)]],
    }


def spatial_data(spec, *, seed: int) -> dict[str, Any]:
    """A lattice run for every (noise, w) of the grid ``spec``: ``runs[i][j]``."""
    runs = [[spatial_run(noise, w, seed=seed) for w in spec.w] for noise in spec.noise]
    return {
        "strategies": list(SPATIAL_POOL),
        "size": SPATIAL_SIZE,
        "generations": SPATIAL_GENERATIONS,
        "payoffs_RSTP": list(USUAL_PAYOFFS),
        "seed": int(seed),
        "runs": runs,
    }
