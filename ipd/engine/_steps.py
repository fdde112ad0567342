"""How each step function of a lineup is compiled into its kernel: inlined, or out of line.

A kernel calls each step of its lineup twice a turn (row and column player).
Inlined there, every step is compiled again into one ever larger function, and
the kernel's compile time grows faster than the number of its steps (the
whole library took ten minutes and 8.7 GiB). Compiled *out of line*, a step is
a function of its own, compiled once (LLVM may still inline a small one into
the kernel) and called: compile time grows about linearly with the lineup, and
the step's machine code is cached on disk, so every kernel and process that
plays it reuses it. The calls cost a few nanoseconds a turn; compiled without
numba's reference counting (:func:`out_of_line`), an out-of-line code step plays
as fast as inlined, or faster (a smaller turn loop), so code steps are always
out of line.

The policy (:func:`inlined`):

* the data families' own steps (memory-one, machines, tables, ...; those
  defined in :mod:`ipd.strategies.families`) are inlined: a few of them play
  most strategies and the fastest matches;
* a transformer's step is inlined (its layer is a few lines, and it calls the
  step it wraps out of line already, see ``ipd.strategies.transformers``);
* a code step (the library's and users') is compiled out of line (inlined
  only when its lineup holds at most
  :data:`~ipd.engine.constants.INLINE_CODE_STEPS` code steps, which is 0:
  compiled without reference counting, see :func:`out_of_line`, the calls
  cost less than the larger turn loop inlining makes);
* ``IPD_INLINE_STEPS=1`` in the environment inlines every step (for
  measurements; as ``IPD_INLINE_LAYERS=1`` does for transformer layers).

An out-of-line step's machine code is cached in the kernel cache folder
(:func:`ipd.engine._assemble.cache_dir`), not beside its source: numba's
on-disk cache notices only edits to the function's own file, so the step's
function is given a copy of that file (as imported) for its source, named by
a hash of the copy, the shared helpers its module compiles in
(:func:`~ipd.engine._assemble.step_sources`), the engine helpers a step may
inline (constants, layout, random numbers), this module, and the versions of
ipd and numba. An edit to any of them compiles the step afresh; nothing is
written beside a user's strategy file.
"""

from __future__ import annotations

import hashlib
import os
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ipd._version import __version__
from ipd.engine.constants import INLINE_CODE_STEPS, KEEP_STEP_SOURCES

ENV_INLINE = "IPD_INLINE_STEPS"
"""Set to ``1`` to inline every step into its kernel (as before out-of-line steps)."""
_FAMILIES = "ipd.strategies.families."
_PREFIX = "ipd_steps_"

_compiled: dict[Any, Any] = {}
"""Out-of-line function of each step compiled in this process, by step."""
_copies: dict[bytes, Path] = {}
"""The cache folder's copy of each source file used in this process, by its digest."""


def is_code(step) -> bool:
    """Whether a step is a code step (not a data family's, not a transformer's)."""
    func = getattr(step, "py_func", step)
    family = func.__module__.startswith(_FAMILIES)
    return not family and getattr(step, "ipd_wraps", None) is None


def inlined(steps: Iterable) -> tuple[bool, ...]:
    """For each step of a lineup, whether its kernel inlines it (see the module's policy)."""
    steps = tuple(steps)
    if os.environ.get(ENV_INLINE) == "1":
        return (True,) * len(steps)
    code = [is_code(s) for s in steps]
    few = sum(code) <= INLINE_CODE_STEPS
    return tuple(few or not c for c in code)


def out_of_line(step) -> Any:
    """The step compiled as a function of its own (``njit(inline="never")``), cached on disk
    when its source is a file; made once per process.

    Compiled without numba's reference counting when it can be (a step that allocates no
    array, which is nearly every step: they keep their state in the memory slots). numba
    counts references to a function's array arguments on entry and exit, and in a branchy
    step it often cannot prune them: a handful of atomic updates a call, which cost a code
    step about as much as its own rule. A step that allocates keeps the counting.
    """
    if step not in _compiled:
        func = getattr(step, "py_func", step)
        copy = _source_copy(func)
        if copy is None or func.__closure__ is not None:  # numba cannot cache these
            _compiled[step] = _compiled_step(func, None)
        else:
            _compiled[step] = _compiled_step(_relocated(func, copy), copy)
    return _compiled[step]


LEAN, COUNTED = ".lean", ".counted"
"""Suffixes of the markers beside a step's source copy that record whether it compiled
without reference counting (so later processes need not compile it to find out)."""


def _compiled_step(func: types.FunctionType, copy: Path | None) -> Any:
    """``func`` as an out-of-line function: without reference counting if it compiles so
    for the kernel's argument types, else with it. With a source ``copy`` in the cache
    folder, the function is cached on disk and the verdict is a marker beside the copy: a
    process that finds it compiles nothing here (a warm kernel has the step's code in it
    already)."""
    from numba import njit
    from numba.core.errors import NumbaError

    cache = copy is not None

    def compiled(lean: bool) -> Any:
        return njit(inline="never", cache=cache, **({"_nrt": False} if lean else {}))(func)

    if cache and copy.with_suffix(LEAN).exists():
        return compiled(True)
    if cache and copy.with_suffix(COUNTED).exists():
        return compiled(False)
    lean = compiled(True)
    try:
        lean.compile(_step_types())
        verdict = lean
    except NumbaError:  # it allocates: it needs the reference counts
        verdict = compiled(False)
    if cache:
        copy.with_suffix(LEAN if verdict is lean else COUNTED).touch()
    return verdict


def _step_types() -> tuple:
    """The argument types the kernel calls a step with (see the template's ``play_match``)."""
    from numba import types as nb

    moves, reals, stream = nb.uint8[::1], nb.float64[::1], nb.uint64[::1]
    return (nb.int64, moves, moves, nb.int64, reals, nb.float64, nb.float64, reals, reals, stream)


def _relocated(func: types.FunctionType, path: Path) -> types.FunctionType:
    """``func`` with ``path`` (a copy of its file) as its source file; otherwise the same."""
    code = func.__code__.replace(co_filename=str(path))
    moved = types.FunctionType(code, func.__globals__, func.__name__, func.__defaults__)
    moved.__qualname__ = func.__qualname__
    moved.__module__ = func.__module__
    moved.__doc__ = func.__doc__
    moved.__kwdefaults__ = func.__kwdefaults__
    return moved


def _source_copy(func) -> Path | None:
    """The cache folder's copy of the file defining ``func`` (as imported), written if new;
    None when the function has no source file."""
    import inspect

    import numba

    from ipd.engine import _assemble

    path = inspect.getsourcefile(func) or ""
    text = _assemble.source_text(path)
    if text is None:
        return None
    digest = hashlib.sha256()
    for part in (__version__, numba.__version__, func.__module__):
        digest.update(part.encode())
    digest.update(text)
    for helper in _assemble.step_sources(func)[1:]:  # the shared helpers it compiles in
        digest.update(_assemble._source_digest(helper))
    engine = Path(__file__).parent
    for helper in (*_assemble.HELPERS, "_steps.py"):
        digest.update(_assemble._source_digest(str(engine / helper)))
    key = digest.digest()
    if key not in _copies:
        stem = Path(path).stem.lstrip("_") or "step"
        copy = _assemble.cache_dir() / f"{_PREFIX}{stem}_{digest.hexdigest()[:20]}.py"
        _assemble.publish(copy, text, _PREFIX, KEEP_STEP_SOURCES)
        copy.with_suffix(".used").touch()
        _copies[key] = copy
    return _copies[key]
