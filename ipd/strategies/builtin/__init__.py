"""Built-in strategies: importing this package registers them all.

The import order is the order ``ipd strategies`` lists them in.
"""

# isort: skip_file
from . import classic  # noqa: F401
from . import gradual  # noqa: F401
from . import axelrod_first  # noqa: F401
from . import memory_two  # noqa: F401
from . import lookup_tables  # noqa: F401
from . import gamblers  # noqa: F401
from . import anns  # noqa: F401
from . import hmms  # noqa: F401
from . import fsm_ashlock  # noqa: F401
from . import fsm_trained  # noqa: F401
from . import cyclers  # noqa: F401
