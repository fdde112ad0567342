"""Built-in strategies: importing this package registers them all.

The import order is the order ``ipd strategies`` lists them in.
"""

# isort: skip_file
from . import classic  # noqa: F401
from . import gradual  # noqa: F401
from . import axelrod_first  # noqa: F401
from . import axelrod_second  # noqa: F401
