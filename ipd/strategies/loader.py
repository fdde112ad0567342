"""Loading user strategies from files, without editing the package.

Two kinds of file:

* ``.toml``: declarative strategies of the generic families. Schema::

      [[strategy]]
      id = "cautious_tft"            # required, snake_case, not taken
      name = "Cautious TFT"          # optional (defaults to the id)
      description = "..."            # optional
      source = "..."                 # optional
      family = "memory_one"          # or "fsm", or any name in families.FAMILIES
      # memory_one: probabilities of co-operating after CC, CD, DC, DD (own move first)
      p = [1.0, 0.0, 1.0, 0.1]
      first = 1.0                    # probability of co-operating first (or "C"/"D")
      # fsm: rows of [state, opponent's last move, next state, move]
      initial_state = 0
      first_move = "C"
      transitions = [[0, "C", 0, "C"], [0, "D", 1, "D"], [1, "C", 0, "C"], [1, "D", 1, "D"]]

* ``.py``: a Python file whose ``@ipd.strategy``-decorated builders or
  ``@ipd.step`` functions register themselves when it is imported.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import tomllib
import traceback
from pathlib import Path

from ipd.core.errors import IpdError
from ipd.strategies import registry
from ipd.strategies.families import FAMILIES

_COMMON = {"id", "name", "description", "source", "family", "aliases", "tags"}


def load_strategy_file(path: str | Path) -> list[str]:
    """Register the strategies defined in ``path``; return their ids.

    Loading the same file twice is harmless; a file whose ids clash with
    registered strategies is refused with an :class:`IpdError`.

    Parameters
    ----------
    path : str or Path
        A ``.toml`` file of ``[[strategy]]`` tables (data families) or a ``.py``
        file whose :func:`ipd.strategy` declarations register on import.

    Returns
    -------
    list of str
        The ids the file defines.

    Examples
    --------
    >>> import ipd
    >>> ipd.load_strategy_file("strategies/cautious.toml")
    ['cautious_tft', 'tf3t']
    >>> ipd.play_match("tf3t", "alld", turns=5).move_strings
    ('CCCDD', 'DDDDD')
    """
    path = Path(path).expanduser()
    if not path.is_file():
        raise IpdError(f"strategy file {path} does not exist")
    key = str(path.resolve())
    loaded = [s.id for s in registry.all_strategies() if s.origin == key]
    if loaded:
        return sorted(loaded)
    if path.suffix == ".toml":
        ids = _load_toml(path, key)
    elif path.suffix == ".py":
        ids = _load_python(path, key)
    else:
        raise IpdError(f"strategy file {path} must end in .toml or .py")
    return ids


def _load_toml(path: Path, origin: str) -> list[str]:
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise IpdError(f"{path}: malformed TOML: {exc}") from None
    unknown = set(data) - {"strategy"}
    if unknown:
        raise IpdError(f"{path}: unknown top-level key(s) {sorted(unknown)}; use [[strategy]]")
    entries = data.get("strategy", [])
    if not isinstance(entries, list) or not entries:
        raise IpdError(f"{path}: no [[strategy]] entries")
    infos = [_entry(path, n, entry) for n, entry in enumerate(entries, start=1)]
    ids: list[str] = []
    try:
        with registry.current().registering(origin):
            for entry, (builder, meta) in zip(entries, infos, strict=True):
                registry.strategy(**meta)(builder)
                ids.append(entry["id"])
    except IpdError as exc:
        registry.unregister_origin(origin)
        raise IpdError(f"{path}: {exc}") from None
    return ids


def _entry(path: Path, n: int, entry: dict):
    where = f"{path}: strategy #{n}"
    if not isinstance(entry, dict):
        raise IpdError(f"{where} must be a table")
    if "id" not in entry:
        raise IpdError(f"{where} has no 'id'")
    where = f"{path}: strategy {entry['id']!r}"
    name = entry.get("family")
    kind = FAMILIES.get(name) if isinstance(name, str) else None
    if kind is None:
        known = ", ".join(repr(k) for k in FAMILIES)
        raise IpdError(f"{where}: family must be one of {known}, got {name!r}")
    unknown = set(entry) - _COMMON - kind.TOML_KEYS
    if unknown:
        raise IpdError(f"{where}: unknown key(s) {sorted(unknown)}")
    try:
        declared = kind.from_toml(entry)
    except IpdError as exc:
        raise IpdError(f"{where}: {exc}") from None

    def builder(game):
        # A family built from registered strategies (a team) is rebuilt for the game's payoffs.
        bind = getattr(declared.shape, "for_game", None)
        return declared.shape if bind is None else bind(game)

    meta = {
        "id": entry["id"],
        "name": entry.get("name", entry["id"]),
        "description": entry.get("description", f"user-defined {name} strategy"),
        "source": entry.get("source", str(path)),
        "aliases": tuple(entry.get("aliases", ())),
        "tags": tuple(entry.get("tags", ())),
        "memory_depth": declared.memory_depth,
        "stochastic": declared.stochastic,
        "uses_payoffs": declared.uses_payoffs,
    }
    return builder, meta


def _load_python(path: Path, origin: str) -> list[str]:
    name = "ipd_user_" + hashlib.sha1(origin.encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        with registry.current().registering(origin):
            spec.loader.exec_module(module)
    except IpdError as exc:
        registry.unregister_origin(origin)
        sys.modules.pop(name, None)
        raise IpdError(f"{path}: {exc}") from None
    except Exception as exc:
        registry.unregister_origin(origin)
        sys.modules.pop(name, None)
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
        line = f", line {frames[-1].lineno}" if frames else ""
        raise IpdError(f"{path}{line}: {type(exc).__name__}: {exc}") from None
    ids = [s.id for s in registry.all_strategies() if s.origin == origin]
    if not ids:
        raise IpdError(f"{path}: defines no strategy (decorate one with @ipd.strategy)")
    return ids
