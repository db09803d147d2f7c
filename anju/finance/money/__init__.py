"""Budgets, grants and payments: the money from a budget to a project and out to the builders,
with the trace of every yuan; a part of finance with its own pages."""
