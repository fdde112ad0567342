"""The compiled engine: kernels per lineup, random streams, counters, and its Python face."""
