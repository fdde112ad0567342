"""The package version, one place for it (read by pyproject.toml and the CLI)."""

__version__ = "0.1.0"
