"""Analytics exports (CSV) -> rows in the plan's terms, and what could not be read."""
