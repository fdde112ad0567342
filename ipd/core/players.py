"""Turning what users type (``random:p=0.3``, ``tft|final:n=2``) into configured players.

The syntax: ``ID[:NAME=VALUE,...]``, then any number of transformers
``|NAME[:NAME=VALUE,...]`` (each wrapping everything to its left, see
:mod:`ipd.strategies.transformers`), then optionally ``#COPY`` for one of
several copies of the same player.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.strategies.registry import Behaviour, StrategyInfo, get


@dataclass(frozen=True)
class Player:
    """A strategy with its parameter values: one entrant of a tournament.

    ``label`` is how it appears in results: the strategy id, followed by the
    parameters that differ from the defaults (``random:p=0.3``), and for one
    of several copies of a strategy, its copy number (``tft#2``).
    """

    info: StrategyInfo
    values: tuple[tuple[str, float], ...] = ()
    copy: int | None = None
    transforms: tuple[tuple[Any, tuple[tuple[str, float], ...]], ...] = ()
    """(transformer, its parameter values that differ from the defaults), innermost first."""

    @property
    def label(self) -> str:
        label = self.info.id + _values_text(self.values, ":")
        for transformer, values in self.transforms:
            label += "|" + transformer.name + _values_text(values, ":")
        return label if self.copy is None else f"{label}#{self.copy}"

    @property
    def name(self) -> str:
        name = self.info.name
        if self.values:
            name = f"{name} ({', '.join(f'{k}={v:g}' for k, v in self.values)})"
        for transformer, values in self.transforms:
            shown = f" ({', '.join(f'{k}={v:g}' for k, v in values)})" if values else ""
            name = f"{transformer.title}{shown}: {name}"
        return name if self.copy is None else f"{name} #{self.copy}"

    def transformed(self, layer: str) -> Player:
        """This player with one more transformer on the outside (``"nice"``,
        ``"first_defector:k=3"``): the same entrant, changed in one respect."""
        return replace(self, transforms=(*self.transforms, _transform(layer, self.label)))

    def behaviour(self, game: Game) -> Behaviour:
        behaviour = self.info.behaviour(game, dict(self.values))
        for layer, (transformer, values) in enumerate(self.transforms):
            behaviour = transformer.apply(behaviour, dict(values), layer)
        return behaviour

    def classifiers(self) -> dict[str, Any]:
        """The declared classifiers of the strategy, with its transformers' effect."""
        if not self.transforms:
            return self.info.classifiers()
        from ipd.strategies.transformers import classifiers

        chain = [(t, dict(values)) for t, values in self.transforms]
        return classifiers(self.info.classifiers(), chain)


def _values_text(values, prefix: str) -> str:
    return prefix + ",".join(f"{k}={v:g}" for k, v in values) if values else ""


def parse_values(text: str, raw: str) -> dict[str, float]:
    """``NAME=VALUE[,NAME=VALUE...]`` as a dict of numbers (``C`` and ``D`` are 0 and 1)."""
    values: dict[str, float] = {}
    if not text.strip():
        return values
    for item in text.split(","):
        name, eq, value = item.partition("=")
        name = name.strip()
        if not eq or not name:
            raise IpdError(
                f"cannot read parameters in {raw!r}: write ID:NAME=VALUE[,NAME=VALUE], "
                "for example random:p=0.3"
            )
        word = value.strip().upper()
        if word in ("C", "D"):
            values[name] = 0.0 if word == "C" else 1.0
            continue
        try:
            values[name] = float(value)
        except ValueError:
            raise IpdError(
                f"parameter {name} in {raw!r} must be a number, got {value.strip()!r}"
            ) from None
    return values


def parse_player(text: str) -> Player:
    """Parse ``ID``, ``ID:NAME=VALUE[,NAME=VALUE...]``, each optionally ``#COPY``.

    Examples: ``tft``, ``random:p=0.3``, ``gtft:generosity=0.1``, ``tft#2``
    (copy 2 of tit-for-tat, an entrant of its own).
    """
    if isinstance(text, Player):
        return text
    raw = str(text).strip()
    copy = None
    if "#" in raw:
        raw, _, number = raw.rpartition("#")
        if not number.isdigit() or int(number) < 1:
            raise IpdError(f"a copy number after # must be a whole number >= 1, got {text!r}")
        copy = int(number)
    base, *layers = raw.split("|")
    identifier, _, rest = base.partition(":")
    info = get(identifier)
    values = parse_values(rest, raw)
    info.check_values(values)
    defaults = {p.name: p.default for p in info.params}
    ordered = tuple(
        (p.name, values[p.name])
        for p in info.params
        if p.name in values and values[p.name] != defaults[p.name]
    )
    return Player(info, ordered, copy, tuple(_transform(layer, raw) for layer in layers))


def _transform(text: str, raw: str):
    """One ``NAME[:NAME=VALUE,...]`` transformer of a player, with its non-default values."""
    from ipd.strategies import transformers

    name, _, rest = text.strip().partition(":")
    if not name:
        raise IpdError(f"an empty transformer in {raw!r}: write ID|NAME[:NAME=VALUE]")
    transformer = transformers.get(name)
    values = transformer.check(parse_values(rest, raw))
    defaults = transformer.defaults()
    return transformer, tuple((k, v) for k, v in values.items() if v != defaults[k])
