"""Plain-Python twins of the compiled engine, for checking it move by move."""
