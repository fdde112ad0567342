"""Which steps a kernel inlines and which it calls out of line; where out-of-line code is cached."""

from pathlib import Path

import numpy as np

import ipd
import ipd.strategies
import ipd.strategies.registry
from ipd.engine import _assemble, _steps, constants


def _steps_of(*ids):
    return _assemble.canonical(ipd.strategies.get(i).behaviour(ipd.Game()).step for i in ids)


def test_family_steps_stay_inlined_and_code_steps_go_out_of_line(monkeypatch):
    monkeypatch.setattr(_steps, "INLINE_CODE_STEPS", 1)
    steps = _steps_of("tft", "grudger", "gradual", "joss", "k91r")
    text, _ = _assemble.source(steps)
    for k, step in enumerate(steps):
        called = (
            f"out_of_line(getattr(importlib.import_module({_assemble.step_reference(step)[0]!r})"
        )
        assert (f"_step_{k} = {called}" in text) == _steps.is_code(step)
    assert sum(_steps.is_code(s) for s in steps) == 2  # gradual, k91r (joss is memory-one)


def test_forcing_all_inline_changes_the_kernel_and_its_key(monkeypatch):
    monkeypatch.setattr(_steps, "INLINE_CODE_STEPS", 0)
    steps = _steps_of("tft", "gradual")
    text, key = _assemble.source(steps)
    monkeypatch.setenv(_steps.ENV_INLINE, "1")
    inlined, inlined_key = _assemble.source(steps)
    assert "out_of_line(getattr" in text and "out_of_line(getattr" not in inlined
    assert key != inlined_key


def test_a_lineup_of_few_code_steps_inlines_them_under_a_threshold(monkeypatch):
    steps = _steps_of("tft", "gradual", "k91r")
    monkeypatch.setattr(_steps, "INLINE_CODE_STEPS", 2)
    assert _steps.inlined(steps) == (True, True, True)
    monkeypatch.setattr(_steps, "INLINE_CODE_STEPS", 1)
    assert _steps.inlined(steps) == tuple(not _steps.is_code(s) for s in steps)
    many = [
        s
        for s in _assemble.canonical(ipd.strategies.registry.current().steps())
        if _steps.is_code(s)
    ]
    monkeypatch.setattr(_steps, "INLINE_CODE_STEPS", constants.INLINE_CODE_STEPS)
    assert len(many) > constants.INLINE_CODE_STEPS
    assert not any(_steps.inlined(many[: constants.INLINE_CODE_STEPS + 1]))
    assert all(_steps.inlined(many[: constants.INLINE_CODE_STEPS]))


def test_a_transformed_step_is_inlined_and_shares_the_wrapped_steps_function():
    behaviour = ipd.strategies.get("gradual").behaviour(ipd.Game())
    from ipd.strategies.transformers import _called, get

    wrapped = get("noisy").apply(behaviour, {}, 0).step
    assert not _steps.is_code(wrapped)
    assert _called(behaviour.step) is _steps.out_of_line(behaviour.step)


def test_out_of_line_code_is_cached_in_the_cache_folder_under_a_copy_of_its_source(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("IPD_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_steps, "_copies", {})
    monkeypatch.setattr(_steps, "_compiled", {})
    step = _steps_of("gradual")[0]
    function = _steps.out_of_line(step)
    copy = function.py_func.__code__.co_filename
    assert copy.startswith(str(tmp_path)) and "ipd_steps_gradual_" in copy
    with open(step.py_func.__code__.co_filename, "rb") as original, open(copy, "rb") as mine:
        assert original.read() == mine.read()
    assert function.py_func.__code__.co_firstlineno == step.py_func.__code__.co_firstlineno
    assert _steps.out_of_line(step) is function
    # Compiled once to learn that it needs no reference counts; the marker tells the next
    # process, which compiles nothing until a kernel calls it.
    assert function.signatures and function.targetoptions["_nrt"] is False
    assert Path(copy).with_suffix(_steps.LEAN).exists()
    monkeypatch.setattr(_steps, "_compiled", {})
    again = _steps.out_of_line(step)
    assert again is not function and not again.signatures
    assert again.targetoptions["_nrt"] is False


def test_a_kernel_key_covers_the_shared_helpers_its_steps_compile_in(monkeypatch):
    from ipd.strategies.builtin import _moves
    from ipd.strategies.builtin.axelrod_second import _fortran

    (backstabber,) = _steps_of("backstabber")
    (k55r,) = _steps_of("k55r")
    assert _moves.__file__ in _assemble.step_sources(backstabber)
    assert _fortran.__file__ in _assemble.step_sources(k55r)
    assert _fortran.__file__ not in _assemble.step_sources(backstabber)
    _, key = _assemble.source((backstabber,))
    edited = dict(_assemble._SOURCES)
    edited[_moves.__file__] = _assemble.source_text(_moves.__file__) + b"# edited\n"
    monkeypatch.setattr(_assemble, "_SOURCES", edited)
    assert _assemble.source((backstabber,))[1] != key


def _copies_a_move(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    return 1 if turn > 0 and opp[turn - 1] == 1 else 0


def _copies_through_an_array(turn, own, opp, length, payoffs, own_score, opp_score, params,
                             memory, rng):  # fmt: skip
    last = np.zeros(1, np.uint8)  # an allocation: numba needs its reference counts
    if turn > 0:
        last[0] = opp[turn - 1]
    return 1 if last[0] == 1 else 0


def test_out_of_line_steps_drop_reference_counting_only_when_they_allocate_nothing():
    # Both play the same rule; the one that allocates keeps numba's reference counting.
    lean = _steps._compiled_step(_copies_a_move, None)
    counted = _steps._compiled_step(_copies_through_an_array, None)
    assert lean.targetoptions.get("_nrt") is False
    assert counted.targetoptions.get("_nrt", True) is True
    opp = np.array([0, 1, 0, 1], np.uint8)
    args = (-1, np.zeros(4), 0.0, 0.0, np.zeros(1), np.zeros(32), np.zeros(1, np.uint64))
    for step in (lean, counted):
        assert [step(t, opp, opp, *args) for t in range(5)] == [0, 0, 1, 0, 1]
