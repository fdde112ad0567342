"""Compact HTML tables for Jupyter: what the results' ``_repr_html_`` methods return.

A notebook shows an object by calling its ``_repr_html_``; ipd's results and
reports hand back one small table with a caption saying how the numbers were
made (every value escaped, so labels typed by users are text, not markup).
Figures are never drawn here: plot functions return them.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd


def _format(value: Any, digits: int) -> str:
    if isinstance(value, float | np.floating):
        return "—" if not np.isfinite(value) else f"{value:.{digits}f}"
    if value is None or value is pd.NA:
        return "—"
    return str(value)


def html_table(
    frame: pd.DataFrame,
    caption: str,
    *,
    kind: str = "table",
    index: bool = False,
    digits: int = 3,
    max_rows: int = 60,
    notes: list[str] | tuple[str, ...] = (),
) -> str:
    """One DataFrame as a compact HTML table with a caption.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show; floats are written with ``digits`` decimals, NaN as a dash.
    caption : str
        What the table is and how it was made (shown above it, in bold).
    kind : str
        Names the table's CSS class, ``ipd-KIND``.
    index : bool
        Show the row labels (for square tables such as a payoff matrix).
    digits : int
        Decimals of floats.
    max_rows : int
        Rows shown; the rest are counted in a last line.
    notes : sequence of str
        Lines shown under the table.

    Returns
    -------
    str
        ``<div>`` holding the caption, the table and the notes.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"strategy": ["tft", "<b>"], "score": [2.5, float("nan")]})
    >>> markup = html_table(frame, "Two rows")
    >>> markup[:60]
    '<div class="ipd-display"><p><strong>Two rows</strong></p><ta'
    >>> "<td>2.500</td>" in markup, "<td>&lt;b&gt;</td>" in markup, "<td>—</td>" in markup
    (True, True, True)
    """
    shown = frame.iloc[:max_rows]
    head = ([html.escape(str(frame.index.name or ""))] if index else []) + [
        html.escape(str(c)) for c in frame.columns
    ]
    rows = []
    for label, values in zip(shown.index, shown.itertuples(index=False), strict=True):
        cells = [f"<th>{html.escape(str(label))}</th>"] if index else []
        cells += [f"<td>{html.escape(_format(v, digits))}</td>" for v in values]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = len(frame) - len(shown)
    lines = list(notes) + ([f"… and {more} more rows"] if more > 0 else [])
    foot = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        f'<div class="ipd-display"><p><strong>{html.escape(caption)}</strong></p>'
        f'<table class="ipd-{html.escape(kind)}"><thead><tr>'
        + "".join(f"<th>{h}</th>" for h in head)
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>{foot}</div>"
    )
