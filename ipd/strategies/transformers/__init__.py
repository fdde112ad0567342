"""Strategy transformers: a transformer wraps any strategy's step into a new compiled step.

A transformed strategy plays at full speed: its step calls the wrapped step
(always, every move, so the wrapped strategy's own state stays right) and then
changes the move, inlined into the kernel like any step. Transformers
compose: ``tft|final:n=2|noisy:p=0.05`` is tit-for-tat made to defect on the
last two moves, then with its moves flipped 5% of the time (applied left to
right, each wrapping what is left of it).

A wrapped step's parameters are ``[slot, own parameters..., wrapped
parameters...]``: ``slot`` is the first of the four memory slots the layer
may keep state in (layer k, counting from the innermost, gets slots
``32 + 4k`` to ``35 + 4k``, above the 32 the wrapped strategy may use), so up
to :data:`MAX_LAYERS` transformers stack.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ipd.core.errors import IpdError
from ipd.strategies.registry import Behaviour, Param, check_param_values

STRATEGY_SLOTS = 32
"""Memory slots a strategy may use (the step contract)."""
LAYER_SLOTS = 4
MAX_LAYERS = 8

TRANSFORMERS: dict[str, Transformer] = {}
_STEPS: dict[tuple, Any] = {}


@dataclass(frozen=True)
class Transformer:
    """One transformer: what it does, its parameters and classifiers, and its step factory.

    ``make(inner)`` returns a plain Python step function calling ``inner`` (a
    compiled step); ``random(values)`` says whether the transformed strategy
    draws random numbers of its own with these parameter values;
    ``keeps_state`` whether it remembers more than ``looks_back`` rounds.
    """

    name: str
    title: str
    description: str
    source: str
    params: tuple[Param, ...]
    make: Callable[[Any], Callable]
    random: Callable[[dict], bool]
    uses_length: bool = False
    uses_payoffs: bool = False
    keeps_state: bool = False
    looks_back: int = 0

    def defaults(self) -> dict[str, float]:
        return {p.name: p.default for p in self.params}

    def check(self, values: dict[str, float]) -> dict[str, float]:
        """All parameter values (defaults filled in), checked."""
        who = f"transformer {self.name!r}"
        check_param_values(self.params, values, who, who)
        return {**self.defaults(), **values}

    def apply(self, inner: Behaviour, values: dict[str, float], layer: int) -> Behaviour:
        """The behaviour of ``inner`` transformed, as layer ``layer`` (0 = innermost)."""
        if layer >= MAX_LAYERS:
            raise IpdError(f"at most {MAX_LAYERS} transformers can be stacked")
        full = self.check(values)
        own = [float(full[p.name]) for p in self.params]
        slot = STRATEGY_SLOTS + LAYER_SLOTS * layer
        params = np.concatenate([[float(slot)], own, np.asarray(inner.params, dtype=np.float64)])
        stochastic = inner.stochastic or self.random(full)
        return Behaviour(wrapped_step(self, inner.step), params, stochastic)


def transformer(
    name: str,
    title: str,
    *,
    description: str,
    source: str,
    params: dict[str, tuple[float, float, float]] | None = None,
    random: Callable[[dict], bool] = lambda values: False,
    uses_length: bool = False,
    uses_payoffs: bool = False,
    keeps_state: bool = False,
    looks_back: int = 0,
) -> Callable:
    """Register a transformer whose step factory is the decorated function.

    ``params`` maps each parameter to ``(default, low, high)``; the factory's
    step finds them at ``params[1:]`` in that order, and must pass the wrapped
    step ``params[1 + len(params):]``.
    """

    def register(make: Callable) -> Callable:
        declared = tuple(Param(k, *v) for k, v in (params or {}).items())
        TRANSFORMERS[name] = Transformer(
            name, title, description, source, declared, make, random, uses_length,
            uses_payoffs, keeps_state, looks_back,
        )  # fmt: skip
        return make

    return register


def get(name: str) -> Transformer:
    """A transformer by name; unknown names get a suggestion."""
    _load()
    if name in TRANSFORMERS:
        return TRANSFORMERS[name]
    import difflib

    close = difflib.get_close_matches(name, list(TRANSFORMERS), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise IpdError(f"unknown transformer {name!r}{hint} (known: {', '.join(TRANSFORMERS)})")


def all_transformers() -> list[Transformer]:
    _load()
    return list(TRANSFORMERS.values())


def _load() -> None:
    import ipd.strategies.transformers.builtin  # noqa: F401  (registers on import)


_OUT_OF_LINE: dict[Any, Any] = {}


def _called(inner) -> Any:
    """How a layer calls the step it wraps: a strategy's own step out of line.

    A kernel inlines every step of its lineup into one function, and its
    compile time grows faster than the code inlined there; a layer that
    inlined its strategy's step would carry a whole copy of it, so the twins
    of a principles report (seven per strategy) would multiply the kernel.
    Instead the wrapped step is compiled once as a function of its own
    (:func:`ipd.engine._steps.out_of_line`, cached in the kernel cache folder;
    the one a kernel calls when it plays that step out of line) and each layer
    calls it; a layer wrapping another layer inlines it (layers are a few lines
    each). ``IPD_INLINE_LAYERS=1`` inlines it too (for measurements; for the
    steps of a kernel's lineup, ``IPD_INLINE_STEPS=1``).
    """
    if getattr(inner, "ipd_wraps", None) is not None or os.environ.get("IPD_INLINE_LAYERS") == "1":
        return inner
    if inner not in _OUT_OF_LINE:
        from ipd.engine._steps import out_of_line

        _OUT_OF_LINE[inner] = out_of_line(inner)
    return _OUT_OF_LINE[inner]


def wrapped_step(definition: Transformer, inner) -> Any:
    """The compiled step of ``definition`` around ``inner`` (made once per pair, then reused).

    It is published as an attribute of this module under a name derived from
    both, so a generated kernel can import it like any other step.
    """
    key = (definition.name, inner)
    if key in _STEPS:
        return _STEPS[key]
    from ipd.engine._assemble import remember_source, step_reference
    from ipd.strategies.registry import register_step, step

    module, inner_name = step_reference(inner)
    tag = hashlib.sha256(f"{module}.{inner_name}".encode()).hexdigest()[:8]
    function = definition.make(_called(inner))
    function.__name__ = function.__qualname__ = f"{definition.name}__{inner_name}__{tag}"
    function.__module__ = __name__
    compiled = step(function)
    compiled.ipd_wraps = inner
    compiled.ipd_transformer = definition.name
    setattr(sys.modules[__name__], function.__name__, compiled)
    remember_source(compiled)
    register_step(compiled)
    _STEPS[key] = compiled
    return compiled


def classifiers(inner: dict[str, Any], chain: list[tuple[Transformer, dict]]) -> dict[str, Any]:
    """The classifiers of a strategy with these transformers applied (innermost first)."""
    depth = inner["memory_depth"]
    out = dict(inner)
    for definition, values in chain:
        if definition.keeps_state or depth is None:
            depth = None
        else:
            depth = max(depth, definition.looks_back)
        out["stochastic"] = out["stochastic"] or definition.random(definition.check(values))
        out["uses_length"] = out["uses_length"] or definition.uses_length
        out["uses_payoffs"] = out["uses_payoffs"] or definition.uses_payoffs
    out["memory_depth"] = depth
    return out
