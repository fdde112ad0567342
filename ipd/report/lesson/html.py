"""The lesson page's HTML: escaping, tables, embedded figures and the skeleton.

The stylesheet and the script are package data (``assets/lesson.css`` and
``assets/lesson.js``), inlined into the page; the page's data is one JSON
block that the script reads. The Content-Security-Policy lets the page load
nothing and run only that script (by its hash).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from typing import Any

from ipd.core.words import join_words, ordinal

SECTION_IDS = (
    "game",
    "play",
    "tournament",
    "principles",
    "ecology",
    "noise",
    "shadow",
    "explore",
    "evolution",
    "rerun",
)
"""The id of every section of the page, in order."""
SECTION_TITLES = (
    "The game",
    "Play",
    "The tournament",
    "The principles",
    "Ecology",
    "Noise",
    "Shadow of the future",
    "Explore",
    "Watch evolution",
    "Run it yourself",
)
FIGURE_DPI = 110
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
"""The page may load nothing: images come from data: URLs, styles from the page itself;
:func:`page` adds the hash of its one script."""
DATA_ID = "lesson-data"
"""The id of the page's JSON block."""

__all__ = ["SECTION_IDS", "Figures", "esc", "join_words", "ordinal", "page", "table"]


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _is_number(value: Any) -> bool:
    if isinstance(value, int | float):
        return True
    try:
        float(str(value).rstrip("%"))
    except ValueError:
        return False
    return True


def table(headers, rows, highlight_rows=(), caption=None) -> str:
    """An HTML table; columns whose cells are all numbers are right-aligned."""
    numeric = [bool(rows) and all(_is_number(r[k]) for r in rows) for k in range(len(headers))]
    align = [" class='num'" if n else "" for n in numeric]
    head = "".join(f"<th scope='col'{a}>{esc(h)}</th>" for h, a in zip(headers, align, strict=True))
    body = []
    for k, row in enumerate(rows):
        cls = " class='highlight'" if k in highlight_rows else ""
        cells = "".join(f"<td{a}>{esc(c)}</td>" for c, a in zip(row, align, strict=True))
        body.append(f"<tr{cls}>{cells}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        "<div class='table-wrap'><table>"
        f"{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


class Figures:
    """Renders figures to embedded PNG and remembers their alt texts."""

    def __init__(self) -> None:
        self.alts: list[str] = []

    def embed(self, fig, alt: str, caption: str) -> str:
        from ipd.report.figures import figure_bytes

        data = base64.b64encode(figure_bytes(fig, "png", dpi=FIGURE_DPI)).decode("ascii")
        self.alts.append(alt)
        return (
            f"<figure><img src='data:image/png;base64,{data}' alt='{esc(alt)}'>"
            f"<figcaption>{esc(caption)}</figcaption></figure>"
        )


def asset(name: str) -> str:
    """A file of ``assets/`` (package data) as text."""
    return resources.files("ipd.report.lesson").joinpath("assets", name).read_text("utf-8")


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def data_block(data: dict[str, Any]) -> str:
    """The page's data as a JSON block no HTML parser can end early."""
    text = json.dumps(data, separators=(",", ":"), allow_nan=False, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script id="{DATA_ID}" type="application/json">{text}</script>'


def _numbered(k: int, section: str) -> str:
    """The section with its heading numbered (``<h2>Play`` becomes ``<h2>2. Play``)."""
    return section.replace("<h2>", f"<h2>{k + 1}. ", 1)


def page(
    title: str, lead: str, sections: dict[str, str], footer: str, data: dict | None = None
) -> str:
    """The whole document; with ``data``, the page's JSON and its script are included."""
    nav = "".join(
        f"<li><a href='#{sid}'>{k + 1}. {esc(name)}</a></li>"
        for k, (sid, name) in enumerate(zip(SECTION_IDS, SECTION_TITLES, strict=True))
    )
    body = "\n".join(
        f"<section id='{sid}'>{_numbered(k, sections[sid])}</section>"
        for k, sid in enumerate(SECTION_IDS)
    )
    csp, scripts = CSP, ""
    if data is not None:
        script = asset("lesson.js")
        csp += f"; script-src {script_hash(script)}"
        scripts = data_block(data) + f"\n<script>{script}</script>"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{esc(title)}</title>
<style>{asset("lesson.css")}</style>
</head>
<body>
<main>
<header>
<h1>{esc(title)}</h1>
<p class="lead">{lead}</p>
<nav aria-label="Sections"><ol>{nav}</ol></nav>
</header>
{body}
<footer>{footer}</footer>
</main>
{scripts}
</body>
</html>
"""
