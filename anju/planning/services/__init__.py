"""The planning writes: scenarios and their solves, and annual plans adopted."""
