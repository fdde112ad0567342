"""Turning what users type (``random:p=0.3``) into configured players."""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def label(self) -> str:
        label = self.info.id
        if self.values:
            label += ":" + ",".join(f"{k}={v:g}" for k, v in self.values)
        return label if self.copy is None else f"{label}#{self.copy}"

    @property
    def name(self) -> str:
        name = self.info.name
        if self.values:
            name = f"{name} ({', '.join(f'{k}={v:g}' for k, v in self.values)})"
        return name if self.copy is None else f"{name} #{self.copy}"

    def behaviour(self, game: Game) -> Behaviour:
        return self.info.behaviour(game, dict(self.values))


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
    identifier, _, rest = raw.partition(":")
    info = get(identifier)
    values: dict[str, float] = {}
    if rest.strip():
        for item in rest.split(","):
            name, eq, value = item.partition("=")
            name = name.strip()
            if not eq or not name:
                raise IpdError(
                    f"cannot read parameters in {raw!r}: write ID:NAME=VALUE[,NAME=VALUE], "
                    "for example random:p=0.3"
                )
            try:
                values[name] = float(value)
            except ValueError:
                raise IpdError(
                    f"parameter {name} in {raw!r} must be a number, got {value.strip()!r}"
                ) from None
    info.check_values(values)
    defaults = {p.name: p.default for p in info.params}
    ordered = tuple(
        (p.name, values[p.name])
        for p in info.params
        if p.name in values and values[p.name] != defaults[p.name]
    )
    return Player(info, ordered, copy)
