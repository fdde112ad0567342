"""Built-in strategies: importing this package registers them all.

The import order is the order ``ipd strategies`` lists them in.
"""

# isort: skip_file
from ipd.strategies.builtin import classic  # noqa: F401
from ipd.strategies.builtin import gradual  # noqa: F401
from ipd.strategies.builtin import axelrod_first  # noqa: F401
from ipd.strategies.builtin import tft_variants  # noqa: F401
from ipd.strategies.builtin import grudgers  # noqa: F401
from ipd.strategies.builtin import punishers  # noqa: F401
from ipd.strategies.builtin import probers  # noqa: F401
from ipd.strategies.builtin import hunters  # noqa: F401
from ipd.strategies.builtin import zero_determinant  # noqa: F401
from ipd.strategies.builtin import memory_one_rules  # noqa: F401
from ipd.strategies.builtin import learners  # noqa: F401
from ipd.strategies.builtin import sequences  # noqa: F401
from ipd.strategies.builtin import majority  # noqa: F401
from ipd.strategies.builtin import misc  # noqa: F401
from ipd.strategies.builtin import memory_two  # noqa: F401
from ipd.strategies.builtin import lookup_tables  # noqa: F401
from ipd.strategies.builtin import gamblers  # noqa: F401
from ipd.strategies.builtin import anns  # noqa: F401
from ipd.strategies.builtin import hmms  # noqa: F401
from ipd.strategies.builtin import fsm_ashlock  # noqa: F401
from ipd.strategies.builtin import fsm_trained  # noqa: F401
from ipd.strategies.builtin import cyclers  # noqa: F401
from ipd.strategies.builtin import axelrod_second  # noqa: F401
from ipd.strategies.builtin import meta  # noqa: F401
