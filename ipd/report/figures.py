"""The one style of every figure, and the one way figures are written to files.

Figures are :class:`matplotlib.figure.Figure` objects built without pyplot's
global state, so they can be made in threads, servers and tests without a
display. :func:`save_figure` writes one atomically (refusing to overwrite),
:func:`figure_bytes` renders it, :func:`write_figure` writes and describes it.

The style: the Okabe–Ito palette (distinguishable with every common colour
vision deficiency), the perceptually uniform ``cividis`` colour map for
heatmaps, hatching on top of colour wherever more categories are drawn than
the palette has colours, and type large enough for a projector.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

import matplotlib
from cycler import cycler
from matplotlib.figure import Figure

from ipd.core.errors import IpdError

OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#000000",  # black
    "#F0E442",  # yellow (last: weak on white)
)
"""Okabe and Ito's eight colours, ordered so the first few contrast most."""

COOPERATE_COLOUR = "#0072B2"
DEFECT_COLOUR = "#E69F00"
"""C and D: blue and orange differ in hue for every colour vision type and in lightness too."""

HATCHES = ("", "//", "..", "xx", "\\\\", "++")
"""Layer patterns used once the palette's colours run out."""

HEATMAP_CMAP = "cividis"

STYLE: dict[str, Any] = {
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "axes.prop_cycle": cycler(color=OKABE_ITO),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "image.cmap": HEATMAP_CMAP,
    "hatch.linewidth": 0.8,
    "svg.fonttype": "path",
    "svg.hashsalt": "ipd",
    "pdf.fonttype": 42,
    "legend.frameon": False,
}
"""rcParams applied while each figure is built."""

FORMATS = (".png", ".svg", ".pdf")
"""File types :func:`save_figure` writes."""


def styled(func):
    """Build the figure under :data:`STYLE`, leaving the caller's rcParams untouched."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return func(*args, **kwargs)

    return wrapper


LINE_STYLES = ("-", "--", ":", "-.")
"""Line patterns used once the palette's colours run out."""


def line_style(k: int) -> tuple[str, str]:
    """Colour and line pattern of the k-th line: colours first, then colours with dashes."""
    colours = OKABE_ITO[:7]
    return colours[k % len(colours)], LINE_STYLES[(k // len(colours)) % len(LINE_STYLES)]


def layer_style(k: int) -> tuple[str, str]:
    """Colour and hatch of the k-th category: colours first, then colours with patterns."""
    colours = OKABE_ITO[:7]  # yellow is too faint for a filled area on white
    return colours[k % len(colours)], HATCHES[(k // len(colours)) % len(HATCHES)]


def figure_bytes(fig: Figure, fmt: str = "png", dpi: int = 150) -> bytes:
    """Render a figure to bytes.

    Parameters
    ----------
    fig : the figure.
    fmt : ``"png"``, ``"svg"`` or ``"pdf"``.
    dpi : resolution of raster output.

    Returns
    -------
    bytes
        The file's content. No creation date is written, so a figure built
        the same way always gives the same bytes.
    """
    fmt = fmt.lower().lstrip(".")
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
    if fmt not in metadata:
        raise IpdError(f"cannot write a figure as {fmt!r}: use png, svg or pdf")
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata[fmt])
    return buffer.getvalue()


def save_figure(fig: Figure, path: str | Path, *, force: bool = False, dpi: int = 150) -> Path:
    """Write a figure to ``.png``, ``.svg`` or ``.pdf``, atomically.

    Parameters
    ----------
    fig : the figure.
    path : output file; its suffix chooses the format.
    force : overwrite an existing file.
    dpi : resolution of PNG output.

    Returns
    -------
    Path
        The file written.
    """
    from ipd.core.io import check_output_path, write_atomically

    path = check_output_path(path, force=force, suffixes=FORMATS)
    write_atomically(path, figure_bytes(fig, path.suffix, dpi=dpi))
    return path


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height in pixels of PNG bytes (read from the IHDR chunk), else None."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def write_figure(fig: Figure, path: Path, dpi: int = 150) -> dict[str, Any]:
    """Write a figure atomically to a path already checked, and describe the file written."""
    from ipd.core.io import write_atomically

    data = figure_bytes(fig, path.suffix, dpi=dpi)
    write_atomically(path, data)
    document: dict[str, Any] = {
        "out": str(path),
        "format": path.suffix.lstrip("."),
        "bytes": len(data),
    }
    size = png_size(data)
    if size:
        document["width_px"], document["height_px"] = size
    return document
