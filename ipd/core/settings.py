"""Every tournament setting, defined once: its type, default, check, help, CLI flag and TOML key.

:class:`Settings` is the one typed object a tournament is played from. The
command-line options (:func:`ipd.cli.common.setting_options`) and the TOML
schema of tournament specs (:mod:`ipd.core.spec`) are generated from its
fields, so a setting is added, renamed or re-documented here and nowhere
else. Variants are ``dataclasses.replace(settings, noise=0.05)``; the checks
run again on every new object.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ipd.core.errors import IpdError
from ipd.core.game import Game
from ipd.core.values import check_probability, check_probability_open, split_numbers

MAX_SEED = 2**63 - 1

# --------------------------------------------------------------------------- value checks


def check_turns(turns) -> int:
    if isinstance(turns, bool) or not isinstance(turns, int) or turns < 1:
        raise IpdError(f"turns must be a whole number of at least 1, got {turns!r}")
    return turns


def check_repetitions(repetitions) -> int:
    if isinstance(repetitions, bool) or not isinstance(repetitions, int) or repetitions < 1:
        raise IpdError(f"repetitions must be a whole number of at least 1, got {repetitions!r}")
    return repetitions


def check_noise(noise) -> float:
    return check_probability("noise", noise)


def check_misperception(misperception) -> float:
    return check_probability("misperception", misperception)


def check_seed(seed) -> int:
    """A seed in [0, 2**63 - 1]; ``None`` draws a fresh one (recorded in results)."""
    if seed is None:
        return secrets.randbelow(MAX_SEED)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise IpdError(f"seed must be a whole number in [0, 2**63 - 1], got {seed!r}")
    return seed


def check_lengths(lengths) -> list[int]:
    """A list of match lengths (each a whole number >= 1), e.g. Axelrod's 63,77,151,156,308."""
    if isinstance(lengths, str):
        error = f"lengths must be whole numbers separated by commas, got {lengths!r}"
        lengths = split_numbers(lengths, int, error)
    values = list(lengths)
    if not values:
        raise IpdError("lengths must list at least one match length")
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise IpdError(f"each match length must be a whole number >= 1, got {v!r}")
    return values


def check_payoffs(payoffs) -> Game:
    """A :class:`Game` from a Game, ``"R,S,T,P"``, four numbers or a table with keys R, S, T, P.

    The dilemma itself is checked by :class:`Settings`, which knows whether
    non-dilemmas are allowed.
    """
    if isinstance(payoffs, Game):
        return payoffs
    if isinstance(payoffs, str):
        return Game.parse(payoffs, allow_non_dilemma=True)
    if isinstance(payoffs, Mapping):
        if set(payoffs) != set("RSTP"):
            raise IpdError("'payoffs' must have exactly the keys R, S, T, P")
        payoffs = [payoffs[k] for k in "RSTP"]
    values = list(payoffs)
    if len(values) != 4:
        raise IpdError(f"payoffs must be four numbers R, S, T, P, got {payoffs!r}")
    return Game(*values, allow_non_dilemma=True)


def _check_bool(name: str) -> Callable[[Any], bool]:
    def check(value) -> bool:
        if not isinstance(value, bool):
            raise IpdError(f"{name} must be true or false, got {value!r}")
        return value

    return check


def _check_rank_by(value) -> str:
    if value not in RANK_BY:
        raise IpdError(f"rank_by must be 'mean' or 'median', got {value!r}")
    return value


def _optional(check: Callable) -> Callable:
    return lambda value: None if value is None else check(value)


RANK_BY = ("mean", "median")
CLASSIC_GAME = Game()
"""R, S, T, P = 3, 0, 5, 1: the payoffs of Axelrod's tournaments."""

# --------------------------------------------------------------------------- the settings


@dataclass(frozen=True)
class Option:
    """How one setting is checked, written in TOML and offered on the command line.

    ``toml`` lists the TOML value types a spec may give (empty: not a spec
    key); ``flag`` is the click declaration (``"--self-play/--no-self-play"``
    for a pair of switches; empty: ``--`` and the setting's name with dashes,
    filled in by :func:`options`); ``cli_type`` the click type (``None`` for
    switches); ``record`` whether results record it in their config: always
    (``True``), never (``False``) or only when it is not the default
    (``"if_set"``: a setting added later, so that results without it are
    recorded exactly as before).
    """

    help: str
    check: Callable[[Any], Any]
    flag: str = ""
    toml: tuple[type, ...] = ()
    cli_type: Any = None
    choices: tuple[str, ...] = ()
    record: bool | str = True


def _setting(default: Any, help: str, check: Callable[[Any], Any], **option: Any) -> Any:
    """A settings field; a setting whose default is ``None`` may be left unset (``None``)."""
    if default is None:
        check = _optional(check)
    return field(default=default, metadata={"option": Option(help, check, **option)})


def _switch(name: str, default: bool, help: str, **option: Any) -> Any:
    """A true-or-false setting (a TOML boolean unless ``toml`` says otherwise)."""
    option.setdefault("toml", (bool,))
    return _setting(default, help, _check_bool(name), **option)


_WHOLE = {"toml": (int,), "cli_type": int}
"""A whole-number setting: a TOML integer, an ``int`` option."""
_NUMBER = {"toml": (int, float), "cli_type": float}
"""A real-number setting: a TOML integer or float, a ``float`` option."""


@dataclass(frozen=True)
class Settings:
    """How a tournament is played: every setting, typed and checked.

    Each field also defines its command-line flag and TOML key (see
    :func:`options`); every value is checked when the object is made, so a
    ``Settings`` is always valid.

    Parameters
    ----------
    turns : int
        Moves per match (when neither ``lengths`` nor ``continuation`` is given).
    repetitions : int
        How many times the whole set of pairings is played.
    lengths : sequence of int, optional
        Match lengths by repetition, cycled (Axelrod's second tournament:
        ``[63, 77, 151, 156, 308]``). Replaces ``turns``.
    continuation : float, optional
        The probability w that a match goes on after each move; every match
        length is drawn from the geometric distribution with mean 1 / (1 - w)
        out of that match's own stream. Strategies are not told it.
    discount : float, optional
        Discount factor w: the payoff of move t counts w**(t-1), and scores are
        reported normalised (times 1 - w).
    noise : float
        Probability that each intended move is flipped (both players see the
        flipped move: an error of implementation).
    misperception : float
        Probability that a player sees one of the other's moves wrongly (an
        error of perception): payoffs follow the moves played, but each player
        keeps its own record of the other's moves and reckons the scores from
        it, so the two records of a match differ.
    seed : int, optional
        Master seed; fixes every random draw. ``None``: a tournament draws one
        and records it.
    payoffs : Game, str, sequence or mapping
        A :class:`Game`, ``"R,S,T,P"``, four numbers or ``{R, S, T, P}``.
    allow_non_dilemma : bool
        Accept payoffs that are not a Prisoner's Dilemma.
    self_play : bool
        Whether each strategy also plays its twin in a round robin, and that
        match counts (Axelrod 1980's convention, the default).
    reveal_length : bool
        Whether strategies are told the match length.
    rank_by : {"mean", "median"}
        Rank by the mean score per match or by its median over repetitions.
    keep_moves : bool
        Keep every match's moves (memory grows with turns x matches).

    Raises
    ------
    IpdError
        On a value out of range or settings that contradict each other.

    Examples
    --------
    >>> import dataclasses, ipd
    >>> settings = ipd.Settings(turns=100, noise=0.05, seed=1)
    >>> print(settings.game)
    R=3, S=0, T=5, P=1
    >>> dataclasses.replace(settings, noise=0.0).noise  # a variant, checked again
    0.0
    >>> settings.updated(payoffs="4,0,6,1").payoffs.payoffs
    (4.0, 0.0, 6.0, 1.0)
    >>> ipd.Settings(noise=2)
    Traceback (most recent call last):
    ...
    ipd.core.errors.IpdError: noise must be ...
    """

    turns: int = _setting(200, "Moves per match [200].", check_turns, **_WHOLE)
    repetitions: int = _setting(10, "Round robins played [10].", check_repetitions, **_WHOLE)
    lengths: tuple[int, ...] | None = _setting(
        None,
        "Match length of each repetition, cycled: 63,77,151.",
        lambda v: tuple(check_lengths(v)),
        toml=(list,),
        cli_type=str,
    )
    continuation: float | None = _setting(
        None,
        "Probability w of another move: geometric match lengths with mean 1/(1-w).",
        partial(check_probability_open, "continuation"),
        **_NUMBER,
    )
    discount: float | None = _setting(
        None,
        "Weight w**(t-1) on move t (normalised scores).",
        partial(check_probability_open, "discount"),
        **_NUMBER,
    )
    noise: float = _setting(0.0, "Probability each move is flipped [0].", check_noise, **_NUMBER)
    misperception: float = _setting(
        0.0,
        "Probability a player sees one of the other's moves wrongly [0].",
        check_misperception,
        record="if_set",
        **_NUMBER,
    )
    seed: int | None = _setting(None, "Master seed [random, and reported].", check_seed, **_WHOLE)
    payoffs: Game = _setting(  # noqa: RUF009 - returns a dataclasses.field; Game is frozen
        CLASSIC_GAME,
        "Payoffs R,S,T,P [3,0,5,1]; they must form a Prisoner's Dilemma.",
        check_payoffs,
        toml=(dict, list),
        cli_type=str,
    )
    allow_non_dilemma: bool = _switch("allow_non_dilemma", False, "Accept any payoffs.")
    self_play: bool = _switch(
        "self_play",
        True,
        "Each strategy also meets its twin and it counts (default, as Axelrod 1980).",
        flag="--self-play/--no-self-play",
    )
    reveal_length: bool = _switch(
        "reveal_length",
        False,
        "Whether strategies are told the match length [hide].",
        flag="--reveal-length/--hide-length",
    )
    rank_by: str = _setting("mean", "[mean]", _check_rank_by, toml=(str,), choices=RANK_BY)
    keep_moves: bool = _switch(
        "keep_moves", False, "Keep every move (memory grows with turns).", toml=(), record=False
    )

    def __post_init__(self) -> None:
        given_game = isinstance(self.payoffs, Game)
        for f in dataclasses.fields(self):
            value = f.metadata["option"].check(getattr(self, f.name))
            object.__setattr__(self, f.name, value)
        game = self.payoffs
        # A Game brings its own allowance; payoffs given as numbers follow allow_non_dilemma.
        allow = self.allow_non_dilemma or (given_game and game.allow_non_dilemma)
        object.__setattr__(self, "allow_non_dilemma", allow)
        object.__setattr__(self, "payoffs", Game(*game.payoffs, allow_non_dilemma=allow))
        if self.lengths is not None and self.continuation is not None:
            raise IpdError("give either fixed lengths or a continuation probability, not both")
        if self.continuation is not None and self.reveal_length:
            raise IpdError("with a continuation probability the match length cannot be revealed")
        if self.continuation is not None and self.keep_moves:
            raise IpdError(
                "keeping moves needs fixed match lengths (not a continuation probability)"
            )

    @property
    def game(self) -> Game:
        """The payoffs (a :class:`Game`)."""
        return self.payoffs

    def updated(self, **values: Any) -> Settings:
        """A copy with the given settings changed; ``None`` values leave a setting as it is."""
        unknown = sorted(set(values) - set(names()))
        if unknown:
            raise IpdError(f"unknown setting(s) {unknown}; settings: {', '.join(names())}")
        given = {k: v for k, v in values.items() if v is not None}
        return dataclasses.replace(self, **given) if given else self

    def rep_lengths(self) -> list[int]:
        """The fixed match length of each repetition (with ``lengths``, cycled)."""
        cycle = list(self.lengths) if self.lengths is not None else [self.turns]
        return [cycle[r % len(cycle)] for r in range(self.repetitions)]

    def engine_args(self) -> dict[str, Any]:
        """How each match is played, as :func:`ipd.engine.api.play_tournament` takes it."""
        return {
            "continuation": self.continuation or 0.0,
            "discount": self.discount or 0.0,
            "reveal_length": self.reveal_length,
            "payoffs": self.payoffs.payoffs,
            "noise": self.noise,
            "misperception": self.misperception,
        }

    def to_config(self) -> dict[str, Any]:
        """The recorded settings as plain data, in declaration order (what results store)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            record = f.metadata["option"].record
            value = getattr(self, f.name)
            if not record or (record == "if_set" and value == f.default):
                continue
            if f.name == "payoffs":
                value = value.as_dict()
            elif f.name == "lengths" and value is not None:
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """Settings back from :meth:`to_config` output (other keys are ignored)."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in config.items() if k in known})


def options() -> dict[str, Option]:
    """Every setting's :class:`Option`, by name, in declaration order."""
    out: dict[str, Option] = {}
    for f in dataclasses.fields(Settings):
        option = f.metadata["option"]
        flag = option.flag or "--" + f.name.replace("_", "-")
        out[f.name] = dataclasses.replace(option, flag=flag)
    return out


def names() -> list[str]:
    """The names of every setting."""
    return list(options())


def defaults() -> dict[str, Any]:
    """Every setting's default value."""
    return {f.name: f.default for f in dataclasses.fields(Settings)}


def toml_keys() -> dict[str, tuple[type, ...]]:
    """The settings a TOML spec may give, with the TOML types each accepts."""
    return {name: o.toml for name, o in options().items() if o.toml}


def check_toml_types(values: Mapping[str, Any], allowed: Mapping[str, tuple[type, ...]]) -> None:
    """Refuse a value whose TOML type the key does not accept (booleans are not numbers)."""
    for key, value in values.items():
        types = allowed[key]
        accepted = types if not isinstance(value, bool) or bool in types else ()
        if not isinstance(value, accepted):
            names_ = " or ".join(t.__name__ for t in types)
            raise IpdError(f"'{key}' must be {names_}, got {value!r}")
