"""The one way ipd turns its values into JSON: plain types, and no NaN (JSON has none).

numpy scalars become Python numbers, NaN, infinities and ``pandas.NA``
become ``null``, tuples become lists and paths strings. Everything else
must already be JSON-ready.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any


def plain(value: Any) -> Any:
    """``value`` with every nested item made JSON-ready (see the module notes)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "tolist") and getattr(value, "ndim", 0) > 0:
        return plain(value.tolist())
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    pandas = sys.modules.get("pandas")
    if pandas is not None and value is pandas.NA:
        return None
    return value


def records(frame) -> list[dict[str, Any]]:
    """A DataFrame's rows as JSON-ready dicts."""
    return plain(frame.to_dict(orient="records"))


def dumps(document: Any, indent: int | None = 2) -> str:
    """A JSON document (made plain first; NaN refused by construction)."""
    return json.dumps(plain(document), indent=indent, allow_nan=False)
