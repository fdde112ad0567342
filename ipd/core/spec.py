"""Tournament specifications in TOML, read once into a :class:`Spec`.

A spec names the entrants (``strategies``, ``collections``, ``strategy_files``),
describes the tournament (``name``, ``description``, ``published``: a
published table shipped with ipd to compare with) and gives any of the
settings of :class:`ipd.core.settings.Settings` under the same names. The
schema is :func:`schema`; for example::

    name = "Classic strategies"
    collections = ["classic"]
    strategies = ["random:p=0.3"]
    turns = 200
    repetitions = 100
    payoffs = { R = 3, S = 0, T = 5, P = 1 }   # or [3, 0, 5, 1]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ipd.core import settings as S
from ipd.core.errors import IpdError

LINEUP_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "name": ((str,), "title shown above the table"),
    "description": ((str,), "what the tournament is"),
    "strategies": ((list,), "strategy ids, with optional parameters (random:p=0.3)"),
    "collections": ((list,), "named collections, added to strategies"),
    "strategy_files": ((list,), "user strategy files (.toml or .py), relative to the spec"),
    "published": ((str,), "a published table shipped with ipd to print beside the results"),
    "note": ((str,), "a note printed with the results (a choice the set-up makes, say)"),
    "focus": ((str,), "an entrant whose score per game against each entrant is printed"),
    "assortment": (
        (int, float),
        "like-mindedness r of the population analyses (ecology, moran, fixation, levers): "
        "the chance a strategy meets its own kind rather than a random member",
    ),
}
"""Spec keys that are not settings: (TOML types, meaning)."""


def schema() -> dict[str, tuple[tuple[type, ...], str]]:
    """Every key a spec may hold: (TOML types, meaning), the settings' taken from Settings."""
    out = dict(LINEUP_KEYS)
    for name, option in S.options().items():
        if option.toml:
            out[name] = (option.toml, option.help)
    return out


@dataclass(frozen=True)
class Spec:
    """A tournament spec as read: who plays, what it is, and the settings it gives."""

    path: Path
    name: str | None = None
    description: str | None = None
    strategies: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()
    strategy_files: tuple[str, ...] = ()
    published: str | None = None
    note: str | None = None
    focus: str | None = None
    assortment: float | None = None
    """Like-mindedness for the population analyses, when the spec gives it."""
    settings: S.Settings = field(default_factory=S.Settings)
    """The spec's settings; those it does not give keep their defaults."""


def load_spec(path: str | Path) -> Spec:
    """Read and check a tournament spec.

    Parameters
    ----------
    path : str or Path
        A TOML file; its keys are those of :func:`schema`.

    Returns
    -------
    Spec
        Who plays and the settings; ``strategy_files`` come back as absolute paths.

    Raises
    ------
    IpdError
        Naming the file (and line, for malformed TOML) on any problem.

    Examples
    --------
    >>> import ipd
    >>> spec = ipd.load_spec("tournaments/classic.toml")
    >>> spec.name, spec.collections, spec.settings.repetitions
    ('Classic strategies', ('classic',), 100)
    """
    path = Path(path)
    if not path.is_file():
        raise IpdError(f"tournament spec {path} does not exist")
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise IpdError(f"{path}: malformed TOML: {exc}") from None
    except UnicodeDecodeError:
        raise IpdError(f"{path}: not a text file") from None
    allowed = schema()
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise IpdError(f"{path}: unknown key(s) {unknown}; allowed: {', '.join(allowed)}")
    try:
        S.check_toml_types(data, {k: types for k, (types, _) in allowed.items()})
    except IpdError as exc:
        raise IpdError(f"{path}: {exc}") from None
    for key in ("strategies", "collections", "strategy_files"):
        if not all(isinstance(v, str) for v in data.get(key, [])):
            raise IpdError(f"{path}: '{key}' must be a list of strings")
    if not data.get("strategies") and not data.get("collections"):
        raise IpdError(f"{path}: give 'strategies' (a list of ids) or 'collections'")
    given = {k: v for k, v in data.items() if k not in LINEUP_KEYS}
    try:
        settings = S.Settings().updated(**given)
        assortment = data.get("assortment")
        if assortment is not None:
            assortment = S.check_probability("assortment", assortment)
    except IpdError as exc:
        raise IpdError(f"{path}: {exc}") from None
    return Spec(
        path=path,
        name=data.get("name"),
        description=data.get("description"),
        strategies=tuple(data.get("strategies", ())),
        collections=tuple(data.get("collections", ())),
        strategy_files=tuple(
            str((path.parent / f).resolve()) for f in data.get("strategy_files", [])
        ),
        published=data.get("published"),
        note=data.get("note"),
        focus=data.get("focus"),
        assortment=assortment,
        settings=settings,
    )
