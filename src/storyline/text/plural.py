"""Counts in words: every message that counts things says "1 story", never "1 stories"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str = "") -> str:
    """'1 story', '3 stories': a count with its noun in the right number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
