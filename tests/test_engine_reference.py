"""The compiled engine against the plain-Python reference engine, and its determinism.

(a) Every registered strategy, drawn at random in pairs with random settings,
    plays exactly the moves and scores of ``tests.reference.engine``.
(b) So do random user MemoryOne and FiniteStateMachine instances.
(c) Tournament totals are bit-identical whatever the thread count or block
    size, repeat with the seed, and change with it when chance is involved.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import math
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

import ipd
from ipd import Game, IpdError
from ipd.core.players import parse_player
from ipd.engine import api
from ipd.strategies import all_strategies, families, get, registry
from tests.conftest import FAMILY_GROUP, strategy_group, strategy_groups, warm_group

ROOT = Path(__file__).resolve().parents[1]
MAX_SEED = 2**63 - 1

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@functools.cache
def twins() -> dict:
    """The reference twins, after importing every module of ``tests.reference``.

    Twins may live in several modules (one per family of rules); importing
    them all registers them all.
    """
    import tests.reference as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    from tests.reference.strategies import TWINS

    return TWINS


def reference_match(a, b, **settings_):
    twins()
    from tests.reference.engine import reference_match as play

    return play(a, b, **settings_)


def assert_engines_agree(
    a, b, *, length, reveal_length, payoffs, noise, seed, rep, row, col, misperception=0.0
):
    settings_ = {
        "length": length,
        "reveal_length": reveal_length,
        "payoffs": tuple(float(x) for x in payoffs),
        "noise": noise,
        "misperception": misperception,
        "seed": seed,
        "rep": rep,
        "row": row,
        "col": col,
    }
    record = api.play_match(a, b, **settings_)
    moves_a, moves_b, score_a, score_b, (a_saw, b_saw) = reference_match(
        a, b, records=True, **settings_
    )
    assert record.moves_a.tolist() == moves_a
    assert record.moves_b.tolist() == moves_b
    assert (record.score_a, record.score_b) == (score_a, score_b)
    assert record.seen_by_a.tolist() == a_saw
    assert record.seen_by_b.tolist() == b_saw


# --------------------------------------------------------------------------- coverage of twins


def test_every_registered_step_function_has_a_reference_twin():
    from ipd.strategies.transformers import all_transformers
    from tests.reference.transformers import TRANSFORMER_TWINS

    missing = [
        step.py_func.__name__
        for step in registry.steps()
        if not hasattr(step, "ipd_transformer") and step.py_func.__name__ not in twins()
    ]
    assert not missing, f"step functions without a twin in tests/reference: {missing}"
    names = [t.name for t in all_transformers()]
    assert sorted(names) == sorted(TRANSFORMER_TWINS), "every transformer needs a twin"


@pytest.mark.parametrize("info", all_strategies(), ids=lambda info: info.id)
def test_every_registered_strategy_plays_a_step_the_engine_knows(info):
    behaviour = info.behaviour(Game())
    assert behaviour.step in registry.steps()
    assert behaviour.params.dtype == np.float64


# --------------------------------------------------------------------------- (a) registered


@st.composite
def games(draw) -> Game:
    """Valid Prisoner's Dilemma payoffs: T > R > P > S and 2R > T + S.

    Payoffs are what people type: integers, halves, quarters, eighths or
    tenths. (Arbitrary floats such as S = -1.6e-145 next to R = 2 make a
    float sum round away a difference that exact arithmetic keeps, which is
    not a property of the engine worth pinning down here.)
    """
    if draw(st.booleans()):
        return Game()
    denominator = draw(st.sampled_from([1, 2, 4, 8, 10]))
    sucker = draw(st.integers(-10 * denominator, 10 * denominator))
    gap_ps = draw(st.integers(1, 10 * denominator))
    gap_rp = draw(st.integers(1, 10 * denominator))
    gap_tr = draw(st.integers(1, gap_ps + gap_rp - 1))  # T - R < R - S, so 2R > T + S
    punishment = sucker + gap_ps
    reward = punishment + gap_rp
    temptation = reward + gap_tr
    return Game(*(x / denominator for x in (reward, sucker, temptation, punishment)))


GROUPS = strategy_groups()
FIXED = [s for s in GROUPS[FAMILY_GROUP] if get(s).behaviour(Game()).step in (
    families.memory_one_step, families.fsm_step
)]  # fmt: skip
"""Memory-one and state-machine strategies: every group's kernel can play them."""


@st.composite
def registered_behaviours(draw, game: Game, group: str | None = None):
    """A registered strategy of ``group`` (any, without one) or a memory-one or state-machine
    one, with random values for its bounded parameters.

    Drawing within a group keeps every example on the group's kernel (compiled once, shared
    with the other test modules); across groups each pair would compile a kernel of its own.
    """
    pool = GROUPS[group] + FIXED if group is not None else [s.id for s in all_strategies()]
    info = get(draw(st.sampled_from(pool)))
    values = {}
    for param in info.params:
        if math.isfinite(param.low) and math.isfinite(param.high) and draw(st.booleans()):
            values[param.name] = draw(st.floats(param.low, param.high))
    # Some values are impossible for some games (zero-determinant rules, say): fall back.
    for candidate_game, candidate_values in ((game, values), (game, {}), (Game(), {})):
        try:
            return info.behaviour(candidate_game, candidate_values)
        except IpdError:
            continue
    reject()


noises = st.one_of(st.just(0.0), st.floats(0.0, 0.5))
misperceptions = st.one_of(st.just(0.0), st.floats(0.0, 0.5))
identities = st.tuples(st.integers(0, 10**6), st.integers(0, 10**4), st.integers(0, 10**4))


@PROPERTY_SETTINGS
@given(
    data=st.data(),
    game=games(),
    length=st.integers(1, 150),
    noise=noises,
    misperception=misperceptions,
    seed=st.integers(0, MAX_SEED),
    reveal_length=st.booleans(),
    identity=identities,
)
def test_compiled_engine_matches_reference_for_registered_strategies(
    data, game, length, noise, misperception, seed, reveal_length, identity
):
    group = data.draw(st.sampled_from(sorted(GROUPS)), label="group")
    warm_group(group, misperceive=misperception > 0)
    a = data.draw(registered_behaviours(game, group), label="row")
    b = data.draw(registered_behaviours(game, group), label="column")
    rep, row, col = identity
    assume(row != col)  # an entrant meets only its own twin
    assert_engines_agree(
        a,
        b,
        length=length,
        reveal_length=reveal_length,
        payoffs=game.payoffs,
        noise=noise,
        misperception=misperception,
        seed=seed,
        rep=rep,
        row=row,
        col=col,
    )


@pytest.mark.parametrize("info", all_strategies(), ids=lambda info: info.id)
def test_each_registered_strategy_matches_reference_against_fixed_opponents(info):
    # Every strategy at least once, whatever hypothesis draws: against a random
    # opponent and itself, with noise, length told and not, and misperceiving.
    warm_group(strategy_group(info))
    warm_group(strategy_group(info), misperceive=True)
    me = info.behaviour(Game())
    for opponent in (parse_player("random").behaviour(Game()), me):
        for reveal_length, misperception in ((False, 0.0), (True, 0.0), (False, 0.1)):
            assert_engines_agree(
                me,
                opponent,
                length=150,
                reveal_length=reveal_length,
                payoffs=Game().payoffs,
                noise=0.1,
                misperception=misperception,
                seed=31337,
                rep=2,
                row=5,
                col=7,
            )


# --------------------------------------------------------------------------- (b) user families


probabilities = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))


@st.composite
def memory_ones(draw) -> ipd.MemoryOne:
    cc, cd, dc, dd, first = (draw(probabilities) for _ in range(5))
    return ipd.MemoryOne(cc, cd, dc, dd, first=first)


@st.composite
def machines(draw) -> ipd.FiniteStateMachine:
    n = draw(st.integers(1, 5))
    moves = st.sampled_from("CD")
    rows = [
        (state, opp, draw(st.integers(0, n - 1)), draw(moves)) for state in range(n) for opp in "CD"
    ]
    rows = draw(st.permutations(rows))  # the order of the rows must not matter
    return ipd.FiniteStateMachine(
        rows, initial_state=draw(st.integers(0, n - 1)), first_move=draw(moves)
    )


user_shapes = st.one_of(memory_ones(), machines())


@PROPERTY_SETTINGS
@given(
    data=st.data(),
    shape=user_shapes,
    length=st.integers(1, 150),
    noise=noises,
    misperception=misperceptions,
    seed=st.integers(0, MAX_SEED),
    identity=identities,
)
def test_compiled_engine_matches_reference_for_user_memory_one_and_machines(
    data, shape, length, noise, misperception, seed, identity
):
    game = Game()
    warm_group(FAMILY_GROUP, misperceive=misperception > 0)
    if data.draw(st.booleans(), label="against a registered strategy"):
        other = data.draw(registered_behaviours(game, FAMILY_GROUP), label="opponent")
    else:
        other = data.draw(user_shapes, label="opponent").behaviour()
    rep, row, col = identity
    assume(row != col)  # an entrant meets only its own twin
    assert_engines_agree(
        shape.behaviour(),
        other,
        length=length,
        reveal_length=False,
        payoffs=game.payoffs,
        noise=noise,
        misperception=misperception,
        seed=seed,
        rep=rep,
        row=row,
        col=col,
    )


# --------------------------------------------------------------------------- (c) determinism

LINEUP = ["tft", "random", "gtft", "extort2", "gradual", "alld", "wsls", "grudger", "tf2t"]
REP_LENGTHS = np.array([50, 1, 77, 64, 13, 100, 50, 33, 2, 90], dtype=np.int64)


def round_robin(n: int) -> np.ndarray:
    return np.array([(i, j) for i in range(n) for j in range(i, n)], dtype=np.int64)


def determinism_tournament(
    ids=tuple(LINEUP),
    *,
    seed: int = 20240601,
    noise: float = 0.05,
    continuation: float = 0.0,
    block_reps: int | None = None,
) -> api.Totals:
    """The tournament the determinism tests replay (also run in subprocesses)."""
    behaviours = [parse_player(s).behaviour(Game()) for s in ids]
    return api.play_tournament(
        behaviours,
        round_robin(len(ids)),
        rep_lengths=REP_LENGTHS,
        continuation=continuation,
        reveal_length=True,
        payoffs=Game().payoffs,
        noise=noise,
        seed=seed,
        keep_moves=continuation == 0.0,
        block_reps=block_reps,
    )


def totals_arrays(totals: api.Totals) -> dict[str, np.ndarray]:
    return {
        f.name: getattr(totals, f.name)
        for f in dataclasses.fields(totals)
        if getattr(totals, f.name) is not None
    }


def assert_bit_identical(first: dict[str, np.ndarray], second: dict[str, np.ndarray]) -> None:
    assert first.keys() == second.keys()
    for name in first:
        a, b = np.asarray(first[name]), np.asarray(second[name])
        assert (a.dtype, a.shape) == (b.dtype, b.shape), name
        assert a.tobytes() == b.tobytes(), f"{name} differs"


_SUBPROCESS = """
import importlib.util, sys
import numba, numpy as np
spec = importlib.util.spec_from_file_location("engine_reference_tests", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
arrays = module.totals_arrays(module.determinism_tournament())
np.savez(sys.argv[2], threads=np.array(numba.get_num_threads()), **arrays)
"""


def test_tournament_totals_do_not_depend_on_the_number_of_threads(tmp_path):
    # Played here first, so the compiled kernels are on disk before the subprocesses start.
    in_process = totals_arrays(determinism_tournament())
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    runs = {}
    for threads in (1, 2):
        out = tmp_path / f"threads{threads}.npz"
        command = [sys.executable, "-c", _SUBPROCESS, __file__, str(out)]
        process = subprocess.Popen(
            command,
            env={**env, "NUMBA_NUM_THREADS": str(threads)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        runs[threads] = (process, out)
    results = {}
    for threads, (process, out) in runs.items():
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        with np.load(out) as saved:
            results[threads] = {name: saved[name] for name in saved.files}
    for threads in (1, 2):
        assert int(results[threads].pop("threads")) == threads
    assert_bit_identical(results[1], results[2])
    assert_bit_identical(results[1], in_process)


@pytest.mark.parametrize("continuation", [0.0, 0.9])
def test_tournament_totals_do_not_depend_on_block_size(continuation):
    whole = totals_arrays(determinism_tournament(continuation=continuation))
    for block_reps in (1, 3, len(REP_LENGTHS)):
        split = determinism_tournament(continuation=continuation, block_reps=block_reps)
        assert_bit_identical(whole, totals_arrays(split))


def test_tournament_repeats_with_the_same_seed_and_changes_with_another():
    first = totals_arrays(determinism_tournament(seed=5))
    assert_bit_identical(first, totals_arrays(determinism_tournament(seed=5)))
    other = totals_arrays(determinism_tournament(seed=6))
    assert not np.array_equal(first["strategy_rep_scores"], other["strategy_rep_scores"])
    assert not np.array_equal(first["moves"], other["moves"])


def test_seed_does_not_matter_without_chance():
    deterministic = ("tft", "alld", "gradual", "wsls", "grudger", "tf2t")
    first = determinism_tournament(deterministic, seed=5, noise=0.0)
    assert_bit_identical(
        totals_arrays(first),
        totals_arrays(determinism_tournament(deterministic, seed=6, noise=0.0)),
    )


def test_tournament_plays_each_match_as_play_match_does_for_its_identity():
    seed = 77
    totals = determinism_tournament(seed=seed)
    behaviours = [parse_player(s).behaviour(Game()) for s in LINEUP]
    pairs = round_robin(len(LINEUP))
    pair_scores = np.zeros((len(pairs), 2))
    for rep, length in enumerate(REP_LENGTHS):
        for p, (i, j) in enumerate(pairs):
            record = api.play_match(
                behaviours[i],
                behaviours[j],
                length=int(length),
                reveal_length=True,
                payoffs=Game().payoffs,
                noise=0.05,
                seed=seed,
                rep=rep,
                row=int(i),
                col=int(j),
            )
            assert totals.moves[rep, p, 0, :length].tolist() == record.moves_a.tolist()
            assert totals.moves[rep, p, 1, :length].tolist() == record.moves_b.tolist()
            assert not totals.moves[rep, p, :, length:].any()
            pair_scores[p] += (record.score_a, record.score_b)
    assert pair_scores.tobytes() == totals.pair_scores.tobytes()
    turns = len(LINEUP) * REP_LENGTHS  # each strategy plays every other once, itself once
    assert (totals.strategy_rep_turns == turns[None, :]).all()
