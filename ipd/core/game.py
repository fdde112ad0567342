"""The Prisoner's Dilemma stage game: moves and payoffs."""

from __future__ import annotations

from dataclasses import dataclass

from ipd.core.errors import IpdError

C = 0
"""Co-operate, as stored in move arrays."""
D = 1
"""Defect, as stored in move arrays."""

MOVE_LETTERS = "CD"


def moves_to_string(moves) -> str:
    """Render a sequence of 0/1 moves as a string of C and D."""
    return "".join(MOVE_LETTERS[int(m)] for m in moves)


def string_to_moves(text: str) -> list[int]:
    """Parse a string of C and D (case-insensitive) into 0/1 moves."""
    try:
        return [MOVE_LETTERS.index(ch) for ch in text.upper()]
    except ValueError:
        raise IpdError(f"moves must be written with C and D only, got {text!r}") from None


@dataclass(frozen=True)
class Game:
    """Payoffs of the stage game, from the row player's point of view.

    Parameters
    ----------
    R : float
        Reward for mutual co-operation.
    S : float
        Sucker's payoff (co-operate against a defection).
    T : float
        Temptation (defect against co-operation).
    P : float
        Punishment for mutual defection.
    allow_non_dilemma : bool
        Accept payoffs that are not a Prisoner's Dilemma.

    Raises
    ------
    IpdError
        Unless ``T > R > P > S`` and ``2R > T + S`` (the conditions under which
        mutual co-operation beats taking turns exploiting each other), or
        ``allow_non_dilemma`` is set.

    Examples
    --------
    >>> import ipd
    >>> ipd.Game().payoffs  # Axelrod's payoffs
    (3.0, 0.0, 5.0, 1.0)
    >>> print(ipd.Game.parse("4,0,6,1"))
    R=4, S=0, T=6, P=1
    >>> ipd.Game(R=1, S=0, T=5, P=3, allow_non_dilemma=True).is_dilemma
    False
    """

    R: float = 3.0
    S: float = 0.0
    T: float = 5.0
    P: float = 1.0
    allow_non_dilemma: bool = False

    def __post_init__(self) -> None:
        for name in "RSTP":
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise IpdError(f"payoff {name} must be a number, got {value!r}")
            if value != value or value in (float("inf"), float("-inf")):
                raise IpdError(f"payoff {name} must be finite, got {value!r}")
            object.__setattr__(self, name, float(value))
        if not self.allow_non_dilemma and not self.is_dilemma:
            raise IpdError(
                f"payoffs R={self.R:g}, S={self.S:g}, T={self.T:g}, P={self.P:g} are not a "
                "Prisoner's Dilemma (need T > R > P > S and 2R > T + S); "
                "allow them explicitly to play anyway"
            )

    @property
    def is_dilemma(self) -> bool:
        """Whether the payoffs satisfy T > R > P > S and 2R > T + S."""
        return self.T > self.R > self.P > self.S and 2 * self.R > self.T + self.S

    @property
    def payoffs(self) -> tuple[float, float, float, float]:
        """(R, S, T, P): the row player's payoff for CC, CD, DC, DD."""
        return (self.R, self.S, self.T, self.P)

    @classmethod
    def parse(cls, text: str, allow_non_dilemma: bool = False) -> Game:
        """Build a game from ``"R,S,T,P"``, for example ``"3,0,5,1"``."""
        from ipd.core.values import split_numbers

        error = f"payoffs must be four numbers R,S,T,P (like 3,0,5,1), got {text!r}"
        values = split_numbers(text, float, error)
        if len(values) != 4:
            raise IpdError(error)
        return cls(*values, allow_non_dilemma=allow_non_dilemma)

    def as_dict(self) -> dict[str, float]:
        return {"R": self.R, "S": self.S, "T": self.T, "P": self.P}

    def __str__(self) -> str:
        return f"R={self.R:g}, S={self.S:g}, T={self.T:g}, P={self.P:g}"
