"""The lesson page's HTML: escaping, tables, embedded figures, the stylesheet and the skeleton."""

from __future__ import annotations

import base64
import html
from typing import Any

from ipd.core.words import join_words, ordinal

SECTION_IDS = ("game", "tournament", "principles", "ecology", "noise", "shadow", "rerun")
"""The id of every section of the page, in order."""
SECTION_TITLES = (
    "The game",
    "The tournament",
    "The principles",
    "Ecology",
    "Noise",
    "Shadow of the future",
    "Run it yourself",
)
FIGURE_DPI = 110
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
"""The page may load nothing: images come from data: URLs, styles from the page itself."""

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


_CSS = """
:root { --ink: #141414; --paper: #ffffff; --muted: #4a4a4a; --blue: #0072B2;
  --orange: #E69F00; --soft: #f4f6f9; }
* { box-sizing: border-box; }
html { font-size: clamp(17px, 0.85rem + 0.55vw, 24px); -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.55;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  Arial, sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem clamp(0.8rem, 3vw, 2.5rem) 4rem; }
header h1 { font-size: clamp(1.7rem, 1.2rem + 2vw, 2.6rem); line-height: 1.15;
  margin: 1.2rem 0 0.5rem; }
.lead { font-size: 1.15rem; color: var(--muted); }
h2 { font-size: clamp(1.35rem, 1.1rem + 1vw, 1.8rem); line-height: 1.2; margin: 2.6rem 0 1rem;
  padding-top: 0.7rem; border-top: 5px solid var(--blue); }
nav ol { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; padding: 0; margin: 1rem 0;
  list-style: none; }
nav a { color: var(--blue); }
figure { margin: 1.6rem 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #e3e3e3; }
figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.4rem; }
.table-wrap { overflow-x: auto; margin: 1rem 0; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.95rem; }
caption { text-align: left; color: var(--muted); padding-bottom: 0.3rem; }
th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #dcdcdc; text-align: left;
  vertical-align: bottom; }
td { white-space: nowrap; }
th { min-width: 4rem; }
.num { text-align: right; }
thead th { border-bottom: 2px solid var(--ink); }
tr.highlight { background: #fdf0d5; font-weight: 700; }
table.payoffs { font-size: 1.2rem; }
table.payoffs td { text-align: center; }
.fact { font-size: 1.1rem; background: var(--soft); border-left: 6px solid var(--orange);
  padding: 0.7rem 1rem; }
.note { color: var(--muted); }
pre { background: #f1f1f1; padding: 0.8rem 1rem; overflow-x: auto; white-space: pre-wrap;
  word-break: break-word; font-size: 0.85rem; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
footer { color: var(--muted); font-size: 0.85rem; margin-top: 3rem; }
@media print { h2 { break-before: page; } figure { break-inside: avoid; } }
"""


def page(title: str, lead: str, sections: dict[str, str], footer: str) -> str:
    nav = "".join(
        f"<li><a href='#{sid}'>{k + 1}. {esc(name)}</a></li>"
        for k, (sid, name) in enumerate(zip(SECTION_IDS, SECTION_TITLES, strict=True))
    )
    body = "\n".join(f"<section id='{sid}'>{sections[sid]}</section>" for sid in SECTION_IDS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{esc(title)}</title>
<style>{_CSS}</style>
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
</body>
</html>
"""
