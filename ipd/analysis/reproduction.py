"""Published tournament tables shipped with ipd, and how a run compares with them.

A published table is a CSV file in ``ipd/data`` named after the tournament
(``axelrod_1980_first.csv``). Its leading ``#`` lines give the citation; its
columns are ``rank``, ``id`` (the ipd strategy id), ``rule`` and ``author`` as
published, and ``score``.
"""

from __future__ import annotations

import math
from importlib import resources
from typing import NamedTuple

import numpy as np
import pandas as pd

from ipd.analysis.stats import spearman
from ipd.core.errors import IpdError

TABLE_COLUMNS = [
    "strategy",
    "rule",
    "published_rank",
    "published_score",
    "rank",
    "score",
    "difference",
]
"""Columns of the comparison table, in order."""


class Comparison(NamedTuple):
    """What :func:`compare_with_published` returns: ``table, figures = comparison``.

    A tuple of the table and the figures (so it unpacks like one), shown in
    Jupyter as the table under a caption with the figures.
    """

    table: pd.DataFrame
    figures: dict[str, float]

    def _repr_html_(self) -> str:
        from ipd.core.display import html_table

        f = self.figures
        name = self.table.attrs.get("published") or "a published table"
        if f["by"] == "rank":
            said = (
                f"Spearman rank correlation {f['spearman']:.3f} between the rankings (the "
                f"published table gives ranks only); ranks differ by "
                f"{f['mean_abs_rank_diff']:.1f} places on average"
            )
        else:
            said = (
                f"Spearman rank correlation {f['spearman']:.3f}; mean absolute score "
                f"difference {f['mean_abs_diff']:.1f} points per match"
            )
        caption = f"Compared with {name}: {said} ({f['compared']} rules compared)"
        return html_table(self.table, caption, kind="published", digits=1, max_rows=100)


def available() -> list[str]:
    """Names of the published tables shipped with ipd."""
    folder = resources.files("ipd").joinpath("data")
    return sorted(p.name[: -len(".csv")] for p in folder.iterdir() if p.name.endswith(".csv"))


def published_table(name: str = "axelrod_1980_first") -> pd.DataFrame:
    """Load a published tournament table.

    Parameters
    ----------
    name : the table's name, for example ``"axelrod_1980_first"``.

    Returns
    -------
    pandas.DataFrame
        One row per rule in published order, with columns ``rank``, ``id``,
        ``rule``, ``author`` and ``score``. ``attrs["citation"]`` holds the
        source, taken from the file's comment lines.

    Raises
    ------
    IpdError
        If no table of that name ships with ipd.
    """
    path = resources.files("ipd").joinpath("data", f"{name}.csv")
    if not path.is_file():
        known = ", ".join(available()) or "none"
        raise IpdError(f"no published table named {name!r} (available: {known})")
    text = path.read_text(encoding="utf-8")
    comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    with path.open("r", encoding="utf-8") as handle:
        table = pd.read_csv(handle, comment="#", dtype={"id": str, "rule": str, "author": str})
    table["author"] = table["author"].fillna("")
    table.attrs["citation"] = " ".join(comments)
    table.attrs["name"] = name
    return table


def compare_with_published(summary: pd.DataFrame, published: pd.DataFrame) -> Comparison:
    """Set a tournament's results beside a published table.

    Parameters
    ----------
    summary : our results, one row per strategy, with columns ``strategy``
        (the id), ``rank`` and ``score`` (mean points per match), as
        :meth:`ipd.Results.summary` gives them.
    published : a table from :func:`published_table`.

    Returns
    -------
    Comparison
        The named pair ``(table, figures)``; it unpacks as a tuple, and in
        Jupyter it shows as the table under a caption giving the figures.

        ``table`` (a DataFrame) has one row per published rule, in published
        order, with columns :data:`TABLE_COLUMNS`: the id (as played: a player
        with parameters, such as ``grofman:after_dd=0``, stands for its rule
        when the summary has no other player of that rule), the published
        name, the published rank and score, our rank and score, and
        ``difference`` (ours minus published). Our rank counts only the
        strategies that are in both tables, in the order of
        ``summary["rank"]``; rules we did not play have NaN for our rank, score
        and difference.

        ``figures`` (a dict): ``spearman``, Spearman's rank correlation
        between our scores and the published ones, or between our ranks and
        the published ranks when the table has no scores (as for the second
        tournament); ``by``, which of the two (``"score"`` or ``"rank"``);
        ``mean_abs_diff``, the mean absolute score difference (NaN without
        published scores); ``mean_abs_rank_diff``, the mean absolute
        difference of ranks among the rules in both tables; ``compared``, how
        many rules are in both tables. The figures are over the rules in both
        tables (NaN if there are none).

    Raises
    ------
    IpdError
        If ``summary`` lacks one of the columns ``strategy``, ``rank``, ``score``.

    Examples
    --------
    >>> import ipd
    >>> results = ipd.Tournament.from_spec("tournaments/axelrod-1980-first.toml").play()
    >>> table, figures = compare_with_published(results.summary(), published_table())
    >>> figures["by"], figures["compared"], figures["spearman"] > 0.9
    ('score', 15, True)
    >>> table.loc[0, "strategy"], float(table.loc[0, "published_score"])
    ('tft', 504.5)
    """
    missing = [c for c in ("strategy", "rank", "score") if c not in summary.columns]
    if missing:
        raise IpdError(f"the results summary lacks column(s) {', '.join(missing)}")
    played = summary["strategy"].astype(str)
    known = played.isin(published["id"])
    # A player with parameters ("grofman:after_dd=0") stands for its rule when
    # nothing else in the summary claims that rule.
    rule = played.where(known, played.str.split(":", n=1).str[0])
    rule = rule.where(known | ~rule.duplicated(keep=False))
    ours = summary.assign(_rule=rule, _played=played)
    ours = ours[ours["_rule"].isin(published["id"])].sort_values("rank", kind="stable")
    index = ours["_rule"].to_numpy()
    our_rank = pd.Series(np.arange(1, len(ours) + 1), index=index)
    our_score = pd.Series(ours["score"].to_numpy(dtype=float), index=index)
    as_played = pd.Series(ours["_played"].to_numpy(), index=index)

    table = pd.DataFrame(
        {
            "strategy": published["id"].to_numpy(),
            "rule": published["rule"].to_numpy(),
            "published_rank": published["rank"].to_numpy(),
            "published_score": published["score"].to_numpy(dtype=float),
        }
    )
    table["rank"] = table["strategy"].map(our_rank).astype("Int64")
    table["score"] = table["strategy"].map(our_score).astype(float)
    table["difference"] = table["score"] - table["published_score"]
    table["strategy"] = [as_played.get(rule_id, rule_id) for rule_id in table["strategy"]]
    table = table[TABLE_COLUMNS]
    table.attrs["published"] = published.attrs.get("name")

    both = table.dropna(subset=["score"])
    by_score = len(both) > 0 and bool(both["published_score"].notna().all())
    if not len(both):
        rho = math.nan
    elif by_score:
        rho = spearman(both["score"], both["published_score"])
    else:
        # Ranks in both tables are among the rules in both, so they compare directly.
        rho = spearman(both["rank"].astype(float), both["published_rank"].astype(float))
    shared_rank = both["published_rank"].rank(method="first").to_numpy()
    figures = {
        "spearman": rho,
        "by": "score" if by_score or not len(both) else "rank",
        "mean_abs_diff": float(both["difference"].abs().mean()) if by_score else math.nan,
        "mean_abs_rank_diff": (
            float(np.abs(both["rank"].to_numpy(dtype=float) - shared_rank).mean())
            if len(both)
            else math.nan
        ),
        "compared": len(both),
    }
    return Comparison(table, figures)
