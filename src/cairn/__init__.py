"""Cairn: local-first career planning that keeps a career in balance with the rest of life."""

__version__ = "0.1.0"
