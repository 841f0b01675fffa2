"""Reading order for chosen sentences: earlier reports first, then position within the article."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storyline.model import Document
from storyline.summarize.concepts import Unit
from storyline.summarize.quality import dangles


def reading_order(units: Sequence[Unit], documents: Mapping[str, Document]) -> list[Unit]:
    """Units by publication day, then sentence position, then article id; never opening on a dangler.

    Position before article keeps each report's lead ahead of any report's detail, the order a
    newsroom summary uses. Unknown dates sort after known ones.
    """

    def key(unit: Unit) -> tuple[str, int, str]:
        published = documents[unit.article].article.published
        return ((published or "\uffff")[:10], unit.sentence.index, unit.article)

    ordered = sorted(units, key=key)
    if not ordered:
        return []
    opener = next((k for k, unit in enumerate(ordered) if not dangles(unit.text)), 0)
    return [ordered[opener], *ordered[:opener], *ordered[opener + 1 :]]
