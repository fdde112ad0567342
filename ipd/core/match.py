"""Play and inspect one match."""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from ipd.core.game import Game, moves_to_string
from ipd.core.players import Player, parse_player
from ipd.core.settings import CLASSIC_GAME, Settings, check_seed


@dataclass(frozen=True)
class MatchResult:
    """One match as played (what :func:`play_match` returns).

    Parameters
    ----------
    players : tuple of str
        The two labels, row player first.
    moves : tuple of numpy.ndarray
        Both move records as arrays of 0 (C) and 1 (D).
    scores : tuple of float
        Both total scores.
    settings : dict
        How it was played: turns, noise, seed, payoffs, reveal_length.
    seen : tuple of numpy.ndarray
        What each player saw of the other's moves (the row player's record of
        the column's moves, then the column's of the row's): the moves
        themselves unless the match was played with misperception.

    Examples
    --------
    >>> import ipd
    >>> match = ipd.play_match("tft", "alternator", turns=6)
    >>> match.move_strings
    ('CCDCDC', 'CDCDCD')
    >>> match.scores, match.turns
    ((13.0, 18.0), 6)
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

    def _repr_html_(self, limit: int = 400) -> str:
        """Both players' moves and scores, for Jupyter (C blue, D orange; the first ``limit``)."""
        rows = []
        for label, moves, score in zip(self.players, self.move_strings, self.scores, strict=True):
            shown = "".join(
                f'<span style="color:{"#0072B2" if m == "C" else "#D55E00"}">{m}</span>'
                for m in moves[:limit]
            )
            more = f" … ({len(moves) - limit} more)" if len(moves) > limit else ""
            rows.append(
                f"<tr><th>{html.escape(label)}</th><td>{score:g}</td>"
                f'<td style="font-family:monospace;word-break:break-all">{shown}{more}</td></tr>'
            )
        s = self.settings
        caption = (
            f"{self.turns} turns, payoffs R={s['payoffs']['R']:g}, S={s['payoffs']['S']:g}, "
            f"T={s['payoffs']['T']:g}, P={s['payoffs']['P']:g}, noise {s['noise']:g}, "
            f"seed {s['seed']}"
        )
        return (
            '<table class="ipd-match"><thead><tr><th>player</th><th>score</th><th>moves</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody>"
            f"<caption>{html.escape(caption)}</caption></table>"
        )

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
    row, column : str or Player
        Strategy ids (with optional parameters, ``"random:p=0.3"``) or players.
    turns : int
        Number of moves.
    noise : float
        Probability that each intended move is flipped.
    seed : int or None
        Master seed; the match uses the streams a tournament with this seed
        gives repetition 0 of the pairing of its strategies number 0 and 1.
        ``None`` draws one.
    game : Game, optional
        Payoffs (default R, S, T, P = 3, 0, 5, 1).
    reveal_length : bool
        Whether the strategies are told the number of moves.
    misperception : float
        Probability that a player sees one of the other's moves wrongly; the
        result's ``seen`` holds each player's record.

    Returns
    -------
    MatchResult
        Both move records and scores.

    Examples
    --------
    >>> import ipd
    >>> result = ipd.play_match("tft", "alld", turns=5)
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
