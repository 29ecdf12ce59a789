"""Time and balance planning: availability, boundaries, budgets, habits and the scheduler."""
