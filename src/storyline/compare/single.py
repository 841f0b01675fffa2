"""Only in one origin: the claims a single independent report makes, per outlet."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.compare.units import Unit
from storyline.model import Claim, SingleSource


def single_source(claims: Sequence[Claim], units: Sequence[Unit]) -> list[SingleSource]:
    """Per origin (in story order), the claims no other origin makes; none when only one origin."""
    origins = list(dict.fromkeys(u.origin for u in units))
    if len(origins) < 2:
        return []
    first = {}  # each origin's first article: its canonical member
    for unit in units:
        first.setdefault(unit.origin, unit.document.article)
    result = []
    for origin in origins:
        own = tuple(c for c in claims if c.support == 1 and c.origins == (origin,))
        if own:
            article = first[origin]
            result.append(SingleSource(origin, article.source_label, own, article.title))
    return result
