"""Sphinx configuration of the ipd documentation (build: ``sphinx-build -W docs docs/_build``).

Pages are Markdown (MyST). The reference is generated at build time: the API
from the docstrings (autodoc and numpydoc), the command line from
click itself (sphinx-click), and the settings, the TOML schema and the strategy
catalogue by the local extension ``_ext/ipd_docs.py`` from the package's own
objects. Nothing is fetched from the network unless ``IPD_DOCS_INTERSPHINX=1``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(DOCS.parent))

import ipd  # noqa: E402

project = "ipd"
author = "the ipd authors"
copyright = "the ipd authors, MIT licence"
release = version = ipd.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx_click",
    "ipd_docs",
]
if os.environ.get("IPD_DOCS_INTERSPHINX") == "1":  # off by default: the build stays offline
    extensions.append("sphinx.ext.intersphinx")
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "numpy": ("https://numpy.org/doc/stable", None),
        "pandas": ("https://pandas.pydata.org/docs", None),
    }

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "_ext",
    "_generated",  # pages the build writes to be included in others
    "images",
    "strategies.md",  # the generated catalogue, shown through reference/strategies.md
    "**/README.md",
]

# --------------------------------------------------------------------------- Markdown
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath", "attrs_block"]
myst_heading_anchors = 3

# --------------------------------------------------------------------------- API reference
autodoc_default_options = {"members": True, "undoc-members": True, "member-order": "bysource"}
autodoc_typehints = "none"  # numpydoc shows the documented types; signatures stay short
autodoc_preserve_defaults = True
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# The names of ``ipd.__all__`` must have a docstring, an Examples section and every
# parameter documented; a missing one is a warning, and the build treats warnings as
# errors. Objects below the top level (``ipd.x.y``) are not held to it.
numpydoc_validation_checks = {"GL08", "EX01", "PR01", "PR02", "SS01"}
numpydoc_validation_exclude = {r"^ipd\.[^.]+\.", r"^ipd\.__version__$"}
# Every cross-reference must resolve (docs/_ext/ipd_docs.py maps references to where the
# object is documented); only other projects' objects (no intersphinx offline), private
# names and the click commands (documented from click) may stay plain text.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(matplotlib|numpy|np|pandas|pd|networkx|click|dask|distributed|numba)\..*"),
    (r"py:.*", r"(.*\.)?_[A-Za-z0-9_]*(\..*)?"),  # a private name, or one inside it
    (r"py:.*", r"ipd\.cli\..*"),
]

# --------------------------------------------------------------------------- HTML
html_theme = "furo"
html_title = f"ipd {release}"
html_static_path: list[str] = []
html_theme_options = {"navigation_with_keys": True}
html_show_sourcelink = False
html_copy_source = False
