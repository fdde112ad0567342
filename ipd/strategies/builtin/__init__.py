"""Built-in strategies: importing this package registers them all.

The import order is the order ``ipd strategies`` lists them in.
"""

# isort: skip_file
from . import classic  # noqa: F401
from . import gradual  # noqa: F401
from . import axelrod_first  # noqa: F401
from . import tft_variants  # noqa: F401
from . import grudgers  # noqa: F401
from . import punishers  # noqa: F401
from . import probers  # noqa: F401
from . import hunters  # noqa: F401
from . import zero_determinant  # noqa: F401
from . import memory_one_rules  # noqa: F401
from . import learners  # noqa: F401
from . import sequences  # noqa: F401
from . import majority  # noqa: F401
from . import misc  # noqa: F401
