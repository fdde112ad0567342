"""Built-in strategies: importing this package registers them all.

The import order is the order ``ipd strategies`` lists them in.
"""

# isort: skip_file
from ipd.strategies.builtin import classic  # noqa: F401
from ipd.strategies.builtin import gradual  # noqa: F401
from ipd.strategies.builtin import axelrod_first  # noqa: F401
