"""Presentation: figures and the lesson page, drawn from results."""
