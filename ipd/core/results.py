"""Tournament results: tidy DataFrames derived from the engine's totals.

Scoring conventions
-------------------
* A strategy's **score** is its mean points per match: the total over its
  matches in a repetition divided by its number of opponents, averaged over
  repetitions. Strategies are ranked by it (or by the median over
  repetitions, Axelrod-Python's convention, with ``rank_by="median"``).
* With self-play (Axelrod 1980's convention), each strategy also meets its
  own twin and that match counts once, with the mean of its two sides.
* A **win** is a match in which a strategy outscored its opponent; matches
  against its own twin are neither wins nor losses.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ipd.core.errors import IpdError
from ipd.core.game import moves_to_string
from ipd.core.io import check_output_path, write_atomically
from ipd.core.jsonio import dumps, plain, records
from ipd.core.pairings import opponents
from ipd.core.settings import Settings
from ipd.engine import layout as L

SUMMARY_COLUMNS = [
    "rank",
    "strategy",
    "name",
    "score",
    "score_per_turn",
    "score_std",
    "score_median",
    "wins",
    "losses",
    "draws",
    "cooperation_rate",
    "cc_rate",
    "cd_rate",
    "dc_rate",
    "dd_rate",
    "initial_cooperation_rate",
]


@dataclass
class Results:
    """What a tournament produced, with views as pandas DataFrames.

    Made by :meth:`Tournament.play` (or :meth:`load`) from the engine's totals;
    the views (:meth:`summary`, :meth:`payoff_matrix`, :meth:`pair_table`,
    :meth:`scores`) are computed from them. In Jupyter a result shows as its
    summary table.

    Parameters
    ----------
    settings : Settings
        How it was played (seed included).
    labels, names : list of str
        Entrant labels (ids with parameters) and display names.
    pairs : numpy.ndarray
        ``(n_pairs, 2)`` indices of the row and column entrant of each pairing.
    pair_scores : numpy.ndarray
        ``(n_pairs, 2)`` total points of each side over all repetitions.
    pair_rate_shift, pair_rates, pair_rate_squares : numpy.ndarray
        ``(n_pairs, 2)`` each side's points per move in repetition 0 (the shift),
        and the sum over matches of points per move minus the shift, and of its
        square: the mean and spread across repetitions, kept numerically stable.
    pair_counts : numpy.ndarray
        ``(n_pairs, n_counters)`` the engine's counters of each pairing
        (:mod:`ipd.engine.layout`: joint outcomes, wins, first defections, ...).
    strategy_rep_scores, strategy_rep_turns : numpy.ndarray
        ``(n_strategies, repetitions)`` each entrant's points and moves by repetition.
    moves : numpy.ndarray, optional
        ``(repetitions, n_pairs, 2, longest)`` every move, when played with
        ``keep_moves=True``.
    about : dict
        What else was recorded: title, strategy files, custom pairings and the
        package versions (see :attr:`config`).

    Examples
    --------
    >>> import ipd
    >>> results = ipd.Tournament(["tft", "alld", "grudger"], repetitions=5, seed=1).play()
    >>> results.summary()[["rank", "strategy", "score", "wins"]]
       rank strategy       score  wins
    0     1      tft  466.333333     0
    1     2  grudger  466.333333     0
    2     3     alld  202.666667    10
    >>> results.payoff_matrix().round(2)
    column   tft  alld  grudger
    row
    tft      3.00   1.0     3.00
    alld     1.02   1.0     1.02
    grudger  3.00   1.0     3.00
    >>> results.config["seed"], results.settings.turns
    (1, 200)
    """

    settings: Settings
    labels: list[str]
    names: list[str]
    pairs: np.ndarray
    pair_scores: np.ndarray
    pair_rate_shift: np.ndarray
    pair_rates: np.ndarray
    pair_rate_squares: np.ndarray
    pair_counts: np.ndarray
    strategy_rep_scores: np.ndarray
    strategy_rep_turns: np.ndarray
    moves: np.ndarray | None = None
    about: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def config_of(settings: Settings, labels: list[str], about: dict[str, Any]) -> dict[str, Any]:
        """The plain-data record of a run: title, entrants, settings, then the rest of ``about``."""
        rest = {k: v for k, v in about.items() if k != "name"}
        return {
            "name": about.get("name"),
            "strategies": list(labels),
            **settings.to_config(),
            **rest,
        }

    @property
    def config(self) -> dict[str, Any]:
        """Every setting (and the seed and package versions) needed to rerun it, as plain data."""
        return self.config_of(self.settings, self.labels, self.about)

    # ---- per strategy -------------------------------------------------
    @property
    def n_strategies(self) -> int:
        return len(self.labels)

    @property
    def repetitions(self) -> int:
        return self.strategy_rep_scores.shape[1]

    def opponents(self) -> np.ndarray:
        """How many pairings each entrant played per repetition (its twin match counts once)."""
        return opponents(self.pairs, self.n_strategies)

    def scores(self) -> pd.DataFrame:
        """Mean points per match of each strategy in each repetition (strategies x repetitions)."""
        per_match = self.strategy_rep_scores / np.maximum(1, self.opponents())[:, None]
        return pd.DataFrame(
            per_match,
            index=pd.Index(self.labels, name="strategy"),
            columns=pd.RangeIndex(self.repetitions, name="repetition"),
        )

    def _own_view_counts(self) -> np.ndarray:
        """Per strategy: summed counters from its own point of view (self-play counted once)."""
        # Counters are whole numbers (halves for a twin match), so the sums are exact.
        own = np.zeros((self.n_strategies, L.N_PAIR_FIELDS))
        rows, cols = self.pairs[:, 0], self.pairs[:, 1]
        a_view = self.pair_counts.astype(float)
        twin = rows == cols
        # A match against one's twin is neither won nor lost, and counts once.
        a_view[np.ix_(twin, [L.A_WINS, L.B_WINS, L.DRAWS])] = 0
        b_view = a_view[:, L.b_view()]
        a_view[twin] = 0.5 * (a_view[twin] + b_view[twin])
        np.add.at(own, rows, a_view)
        np.add.at(own, cols[~twin], b_view[~twin])
        return own

    def summary_columns(self) -> dict[str, np.ndarray]:
        """The summary's figures as arrays, one entry per strategy in entry order, and
        ``order``: the strategies best first (what :meth:`summary` ranks by)."""
        columns = standing(
            self.strategy_rep_scores, self.strategy_rep_turns, self.opponents(), self.settings
        )
        order = columns.pop("order")
        columns.pop("per_rep")
        own = self._own_view_counts()
        turns = np.maximum(own[:, L.TURNS], 1)
        matches = self.repetitions * np.maximum(1, self.opponents())
        columns.update(
            {
                "wins": own[:, L.A_WINS].astype(np.int64),
                "losses": own[:, L.B_WINS].astype(np.int64),
                "draws": (own[:, L.DRAWS]).astype(np.int64),
                "cooperation_rate": (own[:, L.CC] + own[:, L.CD]) / turns,
                "cc_rate": own[:, L.CC] / turns,
                "cd_rate": own[:, L.CD] / turns,
                "dc_rate": own[:, L.DC] / turns,
                "dd_rate": own[:, L.DD] / turns,
                "initial_cooperation_rate": own[:, L.INITIAL_C_A] / matches,
                "order": order,
            }
        )
        return columns

    def summary(self) -> pd.DataFrame:
        """One row per strategy, best first.

        Columns: rank, strategy, name, score (mean points per match),
        score_per_turn, score_std and score_median (over repetitions), wins,
        losses, draws (matches against other strategies), cooperation_rate,
        cc_rate, cd_rate, dc_rate, dd_rate (joint outcomes, own move first) and
        initial_cooperation_rate.
        """
        columns = self.summary_columns()
        order = columns.pop("order")
        frame = pd.DataFrame({"strategy": self.labels, "name": self.names, **columns}).iloc[order]
        frame = frame.reset_index(drop=True)
        frame.insert(0, "rank", np.arange(1, self.n_strategies + 1))
        return frame[SUMMARY_COLUMNS]

    def _repr_html_(self) -> str:
        """The summary table for Jupyter: a caption with the settings, one row per strategy."""
        s = self.settings
        if s.continuation is not None:
            length = f"continuation w = {s.continuation:g}"
        elif s.lengths is not None:
            length = "lengths " + ",".join(str(n) for n in s.lengths)
        else:
            length = f"{s.turns} turns"
        title = self.about.get("name") or "Tournament"
        caption = (
            f"{title}: {self.n_strategies} strategies, {length}, {self.repetitions} "
            f"repetitions, noise {s.noise:g}, seed {s.seed}, payoffs {s.payoffs}, "
            f"self-play {'counted' if s.self_play else 'off'}"
        )
        columns = ["rank", "strategy", "name", "score", "score_per_turn", "score_std"]
        columns += ["score_median", "wins", "losses", "draws", "cooperation_rate"]
        table = self.summary()[columns].to_html(
            index=False, float_format=lambda v: f"{v:.3f}", border=0, classes="ipd-results"
        )
        return f"<div><p><strong>{html.escape(caption)}</strong></p>{table}</div>"

    # ---- per pair -----------------------------------------------------
    def _pair_matrix(self, values_a: np.ndarray, values_b: np.ndarray) -> np.ndarray:
        out = np.full((self.n_strategies, self.n_strategies), np.nan)
        i, j = self.pairs[:, 0], self.pairs[:, 1]
        twin = i == j
        out[i[~twin], j[~twin]] = values_a[~twin]
        out[j[~twin], i[~twin]] = values_b[~twin]
        out[i[twin], i[twin]] = 0.5 * (values_a[twin] + values_b[twin])
        return out

    def payoff_matrix(self, stat: str = "mean") -> pd.DataFrame:
        """Mean score per turn of the row strategy against the column strategy.

        The mean is total points over total moves of the pairing (with
        discounting: the mean normalised match score). Under a continuation
        probability this, unlike the mean of per-match rates, estimates the
        expected payoff per move: E[score] / E[length] is not E[score / length].
        ``stat="std"`` gives the standard deviation of the per-match score per
        turn across repetitions instead. The diagonal is self-play (the mean of
        both sides), or NaN without it.
        """
        index = pd.Index(self.labels, name="row")
        return pd.DataFrame(
            self.payoff_values(stat), index=index, columns=pd.Index(self.labels, name="column")
        )

    def payoff_values(self, stat: str = "mean") -> np.ndarray:
        """:meth:`payoff_matrix` as an array (row strategy by column strategy)."""
        reps = self.repetitions
        shifted_mean = self.pair_rates / reps
        if stat == "mean" and self.settings.discount:
            values = self.pair_rate_shift + shifted_mean
        elif stat == "mean":
            turns = np.maximum(self.pair_counts[:, L.TURNS].astype(float), 1.0)
            values = self.pair_scores / turns[:, None]
        elif stat == "std":
            if reps > 1:
                sum_sq = self.pair_rate_squares - reps * shifted_mean**2
                values = np.sqrt(np.maximum(sum_sq, 0.0) / (reps - 1))
            else:
                values = np.zeros_like(shifted_mean)
        else:
            raise IpdError(f"stat must be 'mean' or 'std', got {stat!r}")
        return self._pair_matrix(values[:, 0], values[:, 1])

    def pair_columns(self) -> dict[str, np.ndarray]:
        """The pair table's figures as arrays: every ordered pairing, each pairing from its
        row's view and then (unless a twin match) its column's, in pairing order."""
        i, j = self.pairs[:, 0], self.pairs[:, 1]
        twice = i != j
        order = np.argsort(np.concatenate([np.arange(len(i)), np.flatnonzero(twice) + 0.5]))
        rows = np.concatenate([i, j[twice]])[order]
        cols = np.concatenate([j, i[twice]])[order]
        c = np.concatenate([self.pair_counts, self.pair_counts[twice][:, L.b_view()]])[order]
        turns = np.maximum(c[:, L.TURNS], 1)
        return {
            "row_index": rows,
            "column_index": cols,
            "matches": np.full(len(rows), self.repetitions, dtype=np.int64),
            "score_per_turn": self.payoff_values("mean")[rows, cols],
            "score_per_turn_std": self.payoff_values("std")[rows, cols],
            "wins": c[:, L.A_WINS],
            "losses": c[:, L.B_WINS],
            "draws": c[:, L.DRAWS],
            "cooperation_rate": (c[:, L.CC] + c[:, L.CD]) / turns,
            "cc_rate": c[:, L.CC] / turns,
            "cd_rate": c[:, L.CD] / turns,
            "dc_rate": c[:, L.DC] / turns,
            "dd_rate": c[:, L.DD] / turns,
            "row_defected_first": c[:, L.A_DEFECTED_FIRST],
            "column_defected_first": c[:, L.B_DEFECTED_FIRST],
            "turns": c[:, L.TURNS],
        }

    def pair_table(self) -> pd.DataFrame:
        """One row per ordered pairing (row strategy against column strategy).

        Columns: mean and std of the row's score per turn, the row's wins,
        losses and draws, the joint-outcome rates from the row's view, the
        row's co-operation rate, and how often each side defected first.
        """
        columns = self.pair_columns()
        labels = np.asarray(self.labels, dtype=object)
        rows, cols = columns.pop("row_index"), columns.pop("column_index")
        return pd.DataFrame({"row": labels[rows], "column": labels[cols], **columns})

    def scores_against(self, label: str) -> pd.DataFrame:
        """One entrant's mean score per match (game) against each opponent it met, and the
        opponent's, opponents in rank order (a twin match: the mean of its two sides)."""
        e = self._index(label)
        summary = self.summary()
        rank = dict(zip(summary["strategy"], summary["rank"], strict=True))
        rows = []
        for p, (a, b) in enumerate(self.pairs):
            if e not in (a, b):
                continue
            mine, theirs = self.pair_scores[p] / self.repetitions
            if a == b:
                mine = theirs = (mine + theirs) / 2
            elif b == e:
                mine, theirs = theirs, mine
            other = b if a == e else a
            rows.append(
                (rank[self.labels[other]], self.labels[other], self.names[other], mine, theirs)
            )
        frame = pd.DataFrame(rows, columns=["rank", "opponent", "name", "score", "opponent_score"])
        return frame.sort_values("rank", kind="stable").reset_index(drop=True)

    def match_moves(self, row: str, column: str, repetition: int = 0) -> tuple[str, str]:
        """Both move strings of one match (tournaments played with ``keep_moves=True``)."""
        if self.moves is None:
            raise IpdError("moves were not kept; play the tournament with keep_moves=True")
        i, j = self._index(row), self._index(column)
        if not 0 <= repetition < self.repetitions:
            raise IpdError(f"repetition must be in 0..{self.repetitions - 1}, got {repetition}")
        for p, (a, b) in enumerate(self.pairs):
            if (a, b) in ((i, j), (j, i)):
                length = self.settings.rep_lengths()[repetition]
                first, second = (
                    self.moves[repetition, p, 0, :length],
                    self.moves[repetition, p, 1, :length],
                )
                if (a, b) != (i, j):
                    first, second = second, first
                return moves_to_string(first), moves_to_string(second)
        raise IpdError(f"{row} and {column} did not meet")

    def _index(self, label: str) -> int:
        if label in self.labels:
            return self.labels.index(label)
        raise IpdError(f"{label!r} is not in this tournament ({', '.join(self.labels)})")

    # ---- analyses ------------------------------------------------------
    def principles(self, **options):
        """Axelrod's four principles measured here (see :mod:`ipd.analysis.principles`)."""
        from ipd.analysis.principles import report

        return report(self, **options)

    def ecology(self, generations: int = 1000, threshold: float = 1e-3, assortment: float = 0.0):
        """Axelrod's ecological simulation on this tournament's payoff matrix.

        See :func:`ipd.analysis.ecology.simulate`; needs self-play (each strategy's
        payoff against its own kind).
        """
        from ipd.analysis.ecology import simulate

        return simulate(
            self.payoff_matrix(),
            generations=generations,
            threshold=threshold,
            assortment=assortment,
        )

    def moran(self, population, settings=None, **options):
        """A Moran process on this tournament's payoff matrix (see
        :func:`ipd.analysis.populations.moran`)."""
        from ipd.analysis.populations import moran

        return moran(self.payoff_matrix(), population, settings, **options)

    def fixation(self, n: int, settings=None, **options):
        """Fixation probabilities of every pair in a population of ``n`` (see
        :func:`ipd.analysis.populations.fixation.fixation_matrix`)."""
        from ipd.analysis.populations.fixation import fixation_matrix

        return fixation_matrix(self.payoff_matrix(), n, settings, **options)

    # ---- files ---------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready: config, summary, payoff matrix, pairs and raw totals."""
        matrix = self.payoff_matrix()
        return {
            "config": self.config,
            "summary": records(self.summary()),
            "payoff_matrix": {
                row: {col: plain(v) for col, v in values.items()}
                for row, values in matrix.to_dict(orient="index").items()
            },
            "pairs": records(self.pair_table()),
            "totals": {
                "labels": self.labels,
                "names": self.names,
                "pairs": self.pairs.tolist(),
                "pair_scores": self.pair_scores.tolist(),
                "pair_rate_shift": self.pair_rate_shift.tolist(),
                "pair_rates": self.pair_rates.tolist(),
                "pair_rate_squares": self.pair_rate_squares.tolist(),
                "pair_counts": self.pair_counts.tolist(),
                "strategy_rep_scores": self.strategy_rep_scores.tolist(),
                "strategy_rep_turns": self.strategy_rep_turns.tolist(),
            },
        }

    def to_json(self, indent: int | None = 2) -> str:
        return dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Results:
        """Rebuild results from :meth:`to_dict` output (for example a saved JSON file)."""
        try:
            t = data["totals"]
            config = data["config"]
            settings = Settings.from_config(config)
            # Settings recorded only when set (misperception) are settings, not "about".
            recorded = set(settings.to_config()) | {"strategies", "misperception"}
            return cls(
                settings=settings,
                about={k: v for k, v in config.items() if k not in recorded},
                labels=list(t["labels"]),
                names=list(t["names"]),
                pairs=np.asarray(t["pairs"], dtype=np.int64).reshape(-1, 2),
                pair_scores=np.asarray(t["pair_scores"], dtype=float).reshape(-1, 2),
                pair_rate_shift=np.asarray(t["pair_rate_shift"], dtype=float).reshape(-1, 2),
                pair_rates=np.asarray(t["pair_rates"], dtype=float).reshape(-1, 2),
                pair_rate_squares=np.asarray(t["pair_rate_squares"], dtype=float).reshape(-1, 2),
                pair_counts=np.asarray(t["pair_counts"], dtype=np.int64),
                strategy_rep_scores=np.asarray(t["strategy_rep_scores"], dtype=float),
                strategy_rep_turns=np.asarray(t["strategy_rep_turns"], dtype=np.int64),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise IpdError(f"not an ipd result (missing or malformed {exc})") from None

    @classmethod
    def load(cls, path: str | Path) -> Results:
        """Read results saved with :meth:`save` as ``.json`` or ``.parquet``."""
        path = Path(path)
        if not path.is_file():
            raise IpdError(f"no such result file: {path}")
        if path.suffix == ".json":
            try:
                return cls.from_dict(json.loads(path.read_text()))
            except json.JSONDecodeError as exc:
                raise IpdError(f"{path} is not valid JSON: {exc}") from None
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            try:
                meta = pq.read_schema(path).metadata or {}
            except Exception as exc:
                raise IpdError(f"{path} is not a readable Parquet file: {exc}") from None
            if b"ipd" not in meta:
                raise IpdError(f"{path} was not written by ipd")
            return cls.from_dict(json.loads(meta[b"ipd"]))
        raise IpdError(f"cannot read results from {path}: use a .json or .parquet file")

    def save(self, path: str | Path, force: bool = False) -> Path:
        """Write the results to ``.json`` (everything), ``.parquet`` or ``.csv`` (the summary).

        A Parquet file keeps everything else in its metadata, so
        :meth:`load` restores it in full. The file is written atomically and
        an existing one is kept unless ``force``.
        """
        path = check_output_path(path, force=force, suffixes=(".json", ".parquet", ".csv"))
        if path.suffix == ".json":
            write_atomically(path, self.to_json().encode())
        elif path.suffix == ".csv":
            write_atomically(path, self.summary().to_csv(index=False).encode())
        else:
            import io

            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(self.summary(), preserve_index=False)
            extra = {b"ipd": dumps(self.to_dict(), indent=None).encode()}
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), **extra})
            buffer = io.BytesIO()
            pq.write_table(table, buffer)
            write_atomically(path, buffer.getvalue())
        return path


def standing(
    rep_scores: np.ndarray, rep_turns: np.ndarray, opponents: np.ndarray, settings: Settings
) -> dict[str, np.ndarray]:
    """Scores and ranking from per-strategy, per-repetition totals: the one definition.

    Returns ``per_rep`` (mean points per match in each repetition), ``score``
    (their mean), ``score_per_turn``, ``score_std``, ``score_median`` and
    ``order`` (strategies best first: by score, or the median with
    ``rank_by="median"``, then score per turn, then entry order).
    """
    # Column-major, as a DataFrame holds it: numpy's sums depend on the layout, and
    # results must stay bit-identical to those computed through scores().
    per_rep = np.asfortranarray(rep_scores / np.maximum(1, opponents)[:, None])
    repetitions = per_rep.shape[1]
    if settings.discount:
        # Discounted match scores are already normalised to a per-move scale.
        per_turn = per_rep.mean(axis=1)
    else:
        per_turn = rep_scores.sum(axis=1) / np.maximum(rep_turns.sum(axis=1), 1)
    n = len(per_rep)
    columns = {
        "score": per_rep.mean(axis=1),
        "score_per_turn": per_turn,
        "score_std": per_rep.std(axis=1, ddof=1) if repetitions > 1 else np.zeros(n),
        "score_median": np.median(per_rep, axis=1),
    }
    key = "score_median" if settings.rank_by == "median" else "score"
    columns["order"] = np.lexsort((np.arange(n), -columns["score_per_turn"], -columns[key]))
    columns["per_rep"] = per_rep
    return columns
