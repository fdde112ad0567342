"""The strategy registry: one decorator registers a strategy with its metadata.

A strategy is either *data* for a generic family (a builder function that
returns, say, a :class:`~ipd.strategies.families.MemoryOne`) or *code* (a
compiled step function, see :func:`step`). Either way the ``@strategy``
decorator is the only place it is declared; collections such as
``deterministic`` are derived from the classifier fields.
"""

from __future__ import annotations

import contextlib
import difflib
import inspect
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ipd.core.errors import IpdError
from ipd.core.game import Game

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")

STEP_CONTRACT = """\
step(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng) -> int

turn       number of moves already played (0 on the first move)
own, opp   uint8 arrays; own[:turn] and opp[:turn] are the moves played so far (0 = C, 1 = D),
           after noise; entries from turn on are garbage
length     the match length if the tournament reveals it, else -1
payoffs    float64 array (R, S, T, P)
own_score, opp_score   running totals before this move
params     float64 array: the strategy's parameters, in declaration order
memory     float64 array, zeroed at the start of every match; slots 0..31 are yours to keep
           state in
rng        the player's own random stream; draw with ipd.engine.random.uniform(rng)
returns    0 to co-operate, 1 to defect"""


@dataclass(frozen=True)
class Behaviour:
    """What the engine plays: a step function and its parameter vector."""

    step: Any
    params: np.ndarray
    stochastic: bool


@dataclass(frozen=True)
class Param:
    """A numeric parameter of a strategy."""

    name: str
    default: float | None
    low: float = -math.inf
    high: float = math.inf


def check_param_values(
    params: Iterable[Param], values: dict[str, float], who: str, of: str
) -> None:
    """Raise :class:`IpdError` unless ``values`` names known ``params`` within range; the
    messages name the owner as ``who`` ("strategy 'tft'") and ``of`` ("'tft'")."""
    known = {p.name: p for p in params}
    for name, value in values.items():
        if name not in known:
            choices = ", ".join(known) or "none"
            raise IpdError(f"{who} has no parameter {name!r} (parameters: {choices})")
        spec = known[name]
        if not (spec.low <= value <= spec.high):
            raise IpdError(
                f"parameter {name} of {of} must be in [{spec.low:g}, {spec.high:g}], got {value:g}"
            )


@dataclass(frozen=True)
class StrategyInfo:
    """Everything registered about one strategy.

    ``memory_depth`` is ``None`` for unbounded memory. ``stochastic`` is the
    declared default; an instance's own value (for example Random with
    ``p = 1``) is in :attr:`Behaviour.stochastic`.
    """

    id: str
    name: str
    description: str
    source: str
    aliases: tuple[str, ...]
    memory_depth: int | None
    stochastic: bool
    uses_length: bool
    uses_payoffs: bool
    tags: tuple[str, ...]
    params: tuple[Param, ...]
    build: Callable[..., Behaviour] = field(repr=False, compare=False)
    origin: str = "builtin"
    doc: str = ""
    axelrod_name: str | None = None
    module: str = ""

    def classifiers(self) -> dict[str, Any]:
        return {
            "memory_depth": self.memory_depth,
            "stochastic": self.stochastic,
            "uses_length": self.uses_length,
            "uses_payoffs": self.uses_payoffs,
        }

    def check_values(self, values: dict[str, float]) -> None:
        """Raise :class:`IpdError` unless ``values`` names known parameters within range."""
        check_param_values(self.params, values, f"strategy {self.id!r}", repr(self.id))

    def shape(self, game: Game, values: dict[str, float] | None = None) -> Any:
        """The family instance a data strategy is built from (``None`` for a code strategy)."""
        builder = getattr(self.build, "builder", None)
        if builder is None:
            return None
        values = dict(values or {})
        self.check_values(values)
        return builder(game, **values)

    def behaviour(self, game: Game, values: dict[str, float] | None = None) -> Behaviour:
        """Build the engine behaviour for ``game`` with parameter overrides ``values``."""
        values = dict(values or {})
        self.check_values(values)
        return self.build(game, values)


BUILTIN = "builtin"
"""Origin of the strategies that ship with ipd."""
INTERACTIVE = "python"
"""Origin of strategies defined in a Python session, where redefining one's own is allowed."""


class Registry:
    """The strategies ipd knows, by id and alias, each with its origin.

    ``origin`` is :data:`BUILTIN`, a user file's resolved path, or
    :data:`INTERACTIVE`. One registry is active at a time (:func:`current`);
    :func:`scratch` swaps in a copy, so a test can register freely and leave
    no trace.
    """

    def __init__(self) -> None:
        self._infos: dict[str, StrategyInfo] = {}
        self._aliases: dict[str, str] = {}
        self._steps: list[Any] = []
        self._origin = INTERACTIVE
        self._builtins_loaded = False

    def copy(self) -> Registry:
        """An independent registry holding the same strategies (built-ins loaded first)."""
        self._load_builtins()
        other = Registry()
        other._infos = dict(self._infos)
        other._aliases = dict(self._aliases)
        other._steps = list(self._steps)
        other._builtins_loaded = True
        return other

    def _load_builtins(self) -> None:
        if not self._builtins_loaded:
            self._builtins_loaded = True
            with self.registering(BUILTIN):
                import ipd.strategies.builtin  # noqa: F401  (registers on first import)

    @contextlib.contextmanager
    def registering(self, origin: str) -> Iterator[None]:
        """Strategies registered inside the block come from ``origin``."""
        previous, self._origin = self._origin, origin
        try:
            yield
        finally:
            self._origin = previous

    @property
    def origin(self) -> str:
        """Where registrations come from right now."""
        return self._origin

    def add(self, info: StrategyInfo) -> None:
        """Register a strategy; refuse an id or alias that another strategy holds."""
        for name in (info.id, *info.aliases):
            owner = self._aliases.get(name)
            if owner is not None and owner != info.id:
                raise IpdError(f"strategy id {name!r} is already taken by {owner!r}")
            existing = self._infos.get(name)
            redefining = existing is not None and existing.origin == info.origin == INTERACTIVE
            if existing is not None and not redefining:
                raise IpdError(
                    f"strategy id {name!r} is already registered (from {existing.origin});"
                    " choose another id"
                )
        self._infos[info.id] = info
        for alias in (*info.aliases, info.id):
            self._aliases[alias] = info.id

    def add_step(self, func: Any) -> None:
        """Make a step function known (code strategies and data families)."""
        if func not in self._steps:
            self._steps.append(func)

    def remove_origin(self, origin: str) -> None:
        """Forget every strategy registered from ``origin`` (a user file's path)."""
        for sid in [s for s, info in self._infos.items() if info.origin == origin]:
            info = self._infos.pop(sid)
            for name in (info.id, *info.aliases):
                self._aliases.pop(name, None)

    def get(self, identifier: str) -> StrategyInfo:
        """Look a strategy up by id or alias; unknown ids get a suggestion."""
        self._load_builtins()
        key = identifier.strip().lower().replace("-", "_")
        if key in self._aliases:
            return self._infos[self._aliases[key]]
        close = difflib.get_close_matches(key, list(self._aliases), n=1, cutoff=0.5)
        hint = f"; did you mean {self._aliases[close[0]]!r}?" if close else ""
        raise IpdError(f"unknown strategy {identifier!r}{hint} (see 'ipd strategies')")

    def strategies(self) -> list[StrategyInfo]:
        """Every registered strategy, in registration order."""
        self._load_builtins()
        return list(self._infos.values())

    def steps(self) -> tuple[Any, ...]:
        """Every step function registered, in registration order."""
        self._load_builtins()
        return tuple(self._steps)

    def collections(self) -> dict[str, list[str]]:
        """Named collections: the derived ones, then one per tag."""
        strategies = self.strategies()
        out = {name: [s.id for s in strategies if test(s)] for name, test in _DERIVED.items()}
        for s in strategies:
            for tag in s.tags:
                out.setdefault(tag, []).append(s.id)
        return out

    def select(
        self,
        *,
        collection: str | None = None,
        stochastic: bool | None = None,
        memory_depth: float | None = None,
        search: str | None = None,
    ) -> list[StrategyInfo]:
        """The strategies that pass every filter given, in registration order.

        ``collection``: only that collection's members; ``stochastic``: only
        stochastic (True) or deterministic (False) ones; ``memory_depth``: a
        whole number N keeps those whose declared depth is at most N, and
        ``math.inf`` keeps those of unbounded memory only; ``search``: a word
        (or phrase) found, ignoring case, in the id, an alias, the name, the
        description, the source or the Axelrod-Python name.
        """
        finite = memory_depth is not None and memory_depth != math.inf
        if finite and (memory_depth < 0 or memory_depth != int(memory_depth)):
            raise IpdError(
                f"memory depth must be a whole number >= 0 or 'inf', got {memory_depth:g}"
            )
        if search is not None and not search.strip():
            raise IpdError("the search word is empty")
        tests: list[Callable[[StrategyInfo], bool]] = []
        if collection is not None:
            wanted = set(self.collection(collection))
            tests.append(lambda s: s.id in wanted)
        if stochastic is not None:
            tests.append(lambda s: s.stochastic == stochastic)
        if memory_depth == math.inf:
            tests.append(lambda s: s.memory_depth is None)
        elif finite:
            tests.append(lambda s: s.memory_depth is not None and s.memory_depth <= memory_depth)
        if search is not None:
            word = search.strip().lower()
            tests.append(lambda s: any(word in text.lower() for text in _searched(s)))
        return [s for s in self.strategies() if all(test(s) for test in tests)]

    def collection(self, name: str) -> list[str]:
        """The ids in one collection."""
        known = self.collections()
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise IpdError(f"unknown collection {name!r}{hint} (known: {', '.join(known)})")
        return known[name]


def _searched(s: StrategyInfo) -> tuple[str, ...]:
    """The texts ``--search`` looks in."""
    return (s.id, *s.aliases, s.name, s.description, s.source, s.axelrod_name or "")


_DERIVED: dict[str, Callable[[StrategyInfo], bool]] = {
    "all": lambda s: True,
    "deterministic": lambda s: not s.stochastic,
    "stochastic": lambda s: s.stochastic,
    "memory_one": lambda s: s.memory_depth is not None and s.memory_depth <= 1,
    "uses_length": lambda s: s.uses_length,
}

_active = Registry()


def current() -> Registry:
    """The registry in use."""
    return _active


@contextlib.contextmanager
def scratch() -> Iterator[Registry]:
    """Use a copy of the current registry inside the block; registrations there are dropped."""
    global _active
    previous = _active
    _active = previous.copy()
    try:
        yield _active
    finally:
        _active = previous


def step(func: Callable) -> Any:
    """Compile a step function with numba so the engine can play it.

    A step function chooses one move; its contract is :data:`STEP_CONTRACT`
    (also printed by ``ipd strategies --contract``). It is compiled into the
    tournament kernel (inlined, or as a function of its own that the kernel
    calls: :mod:`ipd.engine._steps` says which), so it must be numba-compatible
    code. To play it, define it in a Python file, register it with
    :func:`strategy` and load the file with :func:`ipd.load_strategy_file`.

    Parameters
    ----------
    func : callable
        ``step(turn, own, opp, length, payoffs, own_score, opp_score, params,
        memory, rng) -> 0 (C) or 1 (D)``.

    Returns
    -------
    numba dispatcher
        The compiled function (``.py_func`` is the original).

    Examples
    --------
    >>> import numpy as np
    >>> import ipd
    >>> @ipd.step
    ... def tit_for_tat(turn, own, opp, length, payoffs, own_score, opp_score, params, memory, rng):
    ...     return 0 if turn == 0 else opp[turn - 1]
    >>> own, opp = np.array([0, 0], np.uint8), np.array([0, 1], np.uint8)
    >>> payoffs, params, memory = np.array([3.0, 0, 5, 1]), np.zeros(0), np.zeros(32)
    >>> int(tit_for_tat(2, own, opp, -1, payoffs, 3.0, 3.0, params, memory, np.zeros(1, np.uint64)))
    1
    """
    from numba import njit

    return njit(inline="always")(func)


def _is_compiled_step(obj: Any) -> bool:
    return hasattr(obj, "py_func") and hasattr(obj, "compile")


def strategy(
    id: str,
    name: str,
    *,
    description: str,
    source: str = "",
    aliases: Iterable[str] = (),
    memory_depth: int | None,
    stochastic: bool = False,
    uses_length: bool = False,
    uses_payoffs: bool = False,
    tags: Iterable[str] = (),
    params: dict[str, float | tuple[float, float, float]] | None = None,
    axelrod_name: str | None = None,
) -> Callable:
    """Register a strategy. Use as a decorator, on either of two things.

    * A **builder** ``f(game, **params) -> MemoryOne | FiniteStateMachine``:
      the strategy is data for a generic family. Its parameters are the
      builder's keyword arguments (defaults taken from the signature; a
      default of ``None`` means "computed from the game").
    * A **compiled step function** (decorated with :func:`step`): the strategy
      is code. Declare its parameters with ``params={"p": 0.5}`` or
      ``params={"p": (0.5, 0.0, 1.0)}`` (default, low, high); the step
      receives them in that order in its ``params`` array.

    Parameters
    ----------
    id : str
        Canonical snake_case identifier (what users type).
    name : str
        Display name.
    description : str
        One sentence on what it does.
    source : str
        Where the rule is published.
    aliases : iterable of str
        Other accepted identifiers.
    memory_depth : int or None
        How many past rounds it looks at (``None``: unbounded), an upper bound.
    stochastic, uses_length, uses_payoffs : bool
        Classifiers: whether play depends on the random stream, on the match
        length, on the payoffs.
    tags : iterable of str
        Collections it belongs to besides the derived ones.
    params : dict, optional
        A code strategy's parameters, ``{"p": 0.5}`` or ``{"p": (0.5, 0.0, 1.0)}``
        (default, low, high); a builder's come from its signature, and ``params``
        may give their bounds as ``{"p": (low, high)}``.
    axelrod_name : str, optional
        The name of the same rule in Axelrod-Python, where it has one.

    Returns
    -------
    callable
        The decorator; it registers its argument and returns it unchanged.

    Examples
    --------
    A data strategy: a builder returning a family instance.

    >>> import ipd
    >>> @ipd.strategy(
    ...     "hopeful_tft", "Hopeful TFT", memory_depth=1, stochastic=True,
    ...     description="Tit for tat that tries co-operating after mutual defection.",
    ... )
    ... def hopeful_tft(game, hope=0.1):
    ...     return ipd.MemoryOne(1.0, 0.0, 1.0, hope)
    >>> ipd.play_match("hopeful_tft:hope=0", "alld", turns=5).move_strings
    ('CDDDD', 'DDDDD')

    A code strategy decorates a :func:`step` function the same way, in a
    Python file loaded with :func:`ipd.load_strategy_file`.
    """
    if not _ID_PATTERN.match(id):
        raise IpdError(f"strategy id {id!r} must be snake_case (lowercase letters, digits, _)")

    def register(obj: Any) -> Any:
        if _is_compiled_step(obj):
            declared = _declared_params(params or {})
            build = _code_builder(obj, declared, stochastic)
            doc = inspect.getdoc(obj.py_func) or ""
        elif callable(obj):
            declared = _builder_params(obj, params or {})
            build = _data_builder(obj)
            doc = inspect.getdoc(obj) or ""
        else:
            raise TypeError("@strategy decorates a builder function or a compiled step")
        info = StrategyInfo(
            id=id,
            name=name,
            description=description,
            source=source,
            aliases=tuple(aliases),
            memory_depth=memory_depth,
            stochastic=stochastic,
            uses_length=uses_length,
            uses_payoffs=uses_payoffs,
            tags=tuple(tags),
            params=declared,
            build=build,
            origin=current().origin,
            doc=doc,
            axelrod_name=axelrod_name,
            module=getattr(obj, "py_func", obj).__module__,
        )
        current().add(info)
        return obj

    return register


def _declared_params(spec: dict[str, Any]) -> tuple[Param, ...]:
    out = []
    for pname, value in spec.items():
        if isinstance(value, tuple):
            default, low, high = value
            out.append(Param(pname, default, low, high))
        else:
            out.append(Param(pname, value))
    return tuple(out)


def _builder_params(builder: Callable, bounds: dict[str, Any]) -> tuple[Param, ...]:
    signature = inspect.signature(builder)
    names = list(signature.parameters)
    if not names or names[0] != "game":
        raise TypeError(f"builder {builder.__name__} must take 'game' as its first argument")
    out = []
    for pname in names[1:]:
        default = signature.parameters[pname].default
        low, high = bounds.get(pname, (-math.inf, math.inf))
        out.append(Param(pname, None if default is inspect.Parameter.empty else default, low, high))
    return tuple(out)


def _data_builder(builder: Callable) -> Callable[[Game, dict], Behaviour]:
    def build(game: Game, values: dict) -> Behaviour:
        return builder(game, **values).behaviour()

    build.builder = builder
    return build


def _code_builder(func: Any, declared: tuple[Param, ...], stochastic: bool) -> Callable:
    register_step(func)

    def build(game: Game, values: dict) -> Behaviour:
        vector = [values.get(p.name, p.default) for p in declared]
        return Behaviour(func, np.asarray(vector, dtype=np.float64), stochastic)

    return build


def register_step(func: Any) -> None:
    """Make a step function known to the engine (code strategies and data families)."""
    from ipd.engine._assemble import remember_source

    remember_source(func)
    current().add_step(func)


def unregister_origin(origin: str) -> None:
    """Forget every strategy registered from ``origin`` (a user file's path)."""
    current().remove_origin(origin)


def steps() -> tuple[Any, ...]:
    """Every registered step function."""
    return current().steps()


def get(identifier: str) -> StrategyInfo:
    """Look a strategy up by id or alias; unknown ids get a suggestion."""
    return current().get(identifier)


def all_strategies() -> list[StrategyInfo]:
    """Every registered strategy, in registration order."""
    return current().strategies()


def collections() -> dict[str, list[str]]:
    """Named collections: the derived ones, then one per tag."""
    return current().collections()


def collection(name: str) -> list[str]:
    """The ids in one collection.

    Parameters
    ----------
    name : str
        A collection: a derived one (``"all"``, ``"deterministic"``,
        ``"stochastic"``, ``"memory_one"``, ...) or a tag (``"classic"``,
        ``"axelrod_1980_first"``, ...); ``ipd strategies --collections`` lists them.

    Returns
    -------
    list of str
        Strategy ids, in registration order.

    Examples
    --------
    >>> import ipd
    >>> first = ipd.collection("axelrod_1980_first")
    >>> len(first), "tft" in first
    (15, True)
    """
    return current().collection(name)


def select(**filters: Any) -> list[StrategyInfo]:
    """The strategies passing the filters of :meth:`Registry.select`."""
    return current().select(**filters)
