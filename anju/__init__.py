"""Anju (安居): the open platform for old residential community renovation."""

__version__ = "0.1.0"
