"""Play and inspect one match."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ipd.core.game import Game, moves_to_string
from ipd.core.players import Player, parse_player
from ipd.core.settings import CLASSIC_GAME, Settings, check_seed


@dataclass(frozen=True)
class MatchResult:
    """One match as played.

    Attributes
    ----------
    players : the two labels, row player first.
    moves : both move records as arrays of 0 (C) and 1 (D).
    scores : both total scores.
    seen : what each player saw of the other's moves (the row player's record
        of the column's moves, then the column's of the row's): the moves
        themselves unless the match was played with misperception.
    """

    players: tuple[str, str]
    moves: tuple[np.ndarray, np.ndarray]
    scores: tuple[float, float]
    settings: dict
    seen: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def move_strings(self) -> tuple[str, str]:
        """Both move records as strings of C and D."""
        return moves_to_string(self.moves[0]), moves_to_string(self.moves[1])

    @property
    def seen_strings(self) -> tuple[str, str]:
        """What the row player saw of the column's moves, and the column of the row's."""
        if self.seen is None:
            a, b = self.move_strings
            return b, a
        return moves_to_string(self.seen[0]), moves_to_string(self.seen[1])

    @property
    def turns(self) -> int:
        return len(self.moves[0])

    def to_dict(self) -> dict:
        """JSON-ready: both labels, move strings and scores, and the settings."""
        a, b = self.move_strings
        document = {
            "row": self.players[0],
            "column": self.players[1],
            "row_moves": a,
            "column_moves": b,
            "row_score": self.scores[0],
            "column_score": self.scores[1],
            "turns": self.turns,
            "settings": self.settings,
        }
        if self.settings.get("misperception"):
            document["row_saw"], document["column_saw"] = self.seen_strings
        return document


def play_match(
    row: str | Player,
    column: str | Player,
    *,
    turns: int = 200,
    noise: float = 0.0,
    seed: int | None = 0,
    game: Game | None = None,
    reveal_length: bool = False,
    misperception: float = 0.0,
) -> MatchResult:
    """Play one match between two strategies.

    Parameters
    ----------
    row, column : strategy ids (with optional parameters, ``random:p=0.3``) or players.
    turns : number of moves.
    noise : probability that each intended move is flipped.
    seed : master seed; the match uses the streams a tournament with this seed
        gives repetition 0 of the pairing of its strategies number 0 and 1.
    game : payoffs (default R, S, T, P = 3, 0, 5, 1).
    reveal_length : whether the strategies are told the number of moves.
    misperception : probability that a player sees one of the other's moves
        wrongly; the result's ``seen`` holds each player's record.

    Examples
    --------
    >>> result = play_match("tft", "alld", turns=5)
    >>> result.move_strings
    ('CDDDD', 'DDDDD')
    >>> result.scores
    (4.0, 9.0)
    """
    from ipd.engine import api

    s = Settings(
        turns=turns,
        noise=noise,
        seed=check_seed(seed),
        payoffs=game or CLASSIC_GAME,
        reveal_length=reveal_length,
        misperception=misperception,
    )
    a, b = parse_player(row), parse_player(column)
    record = api.play_match(
        a.behaviour(s.payoffs),
        b.behaviour(s.payoffs),
        length=s.turns,
        reveal_length=s.reveal_length,
        payoffs=s.payoffs.payoffs,
        noise=s.noise,
        misperception=s.misperception,
        seed=s.seed,
    )
    settings = {
        "turns": s.turns,
        "noise": s.noise,
        "seed": s.seed,
        "payoffs": s.payoffs.as_dict(),
        "reveal_length": s.reveal_length,
    }
    if s.misperception > 0:
        settings["misperception"] = s.misperception
    return MatchResult(
        (a.label, b.label),
        (record.moves_a, record.moves_b),
        (record.score_a, record.score_b),
        settings,
        (record.seen_by_a, record.seen_by_b),
    )
