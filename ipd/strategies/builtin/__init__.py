"""Built-in strategies: importing this package registers them all.

The import order is the order ``ipd strategies`` lists them in.
"""

# isort: skip_file
from ipd.strategies.builtin import classic  # noqa: F401
from ipd.strategies.builtin import gradual  # noqa: F401
from ipd.strategies.builtin import axelrod_first  # noqa: F401
from ipd.strategies.builtin import memory_two  # noqa: F401
from ipd.strategies.builtin import lookup_tables  # noqa: F401
from ipd.strategies.builtin import gamblers  # noqa: F401
from ipd.strategies.builtin import anns  # noqa: F401
from ipd.strategies.builtin import hmms  # noqa: F401
from ipd.strategies.builtin import fsm_ashlock  # noqa: F401
from ipd.strategies.builtin import fsm_trained  # noqa: F401
from ipd.strategies.builtin import cyclers  # noqa: F401
from ipd.strategies.builtin import axelrod_second  # noqa: F401
