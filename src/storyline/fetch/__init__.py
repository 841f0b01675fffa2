"""Polite HTTP for `storyline fetch` and `follow`: limits, robots.txt, retries, and seen state."""
