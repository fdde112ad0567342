"""Built-in strategies: importing this package registers them all."""

from . import classic, gradual  # noqa: F401
