"""The synthetic four-article bridge story of tests/fixtures/summarize, for summarizer tests."""

from __future__ import annotations

from pathlib import Path

from storyline.clean import clean_article
from storyline.model import Article, Document, Origin, Story
from storyline.settings import CleanSettings

FIXTURES = Path(__file__).parent / "fixtures" / "summarize"
NAMES = ("courier", "wire", "wire_copy", "ledger")


def bridge_documents() -> dict[str, Document]:
    """Each article cleaned, its outlet the file name in title case ("Wire_Copy")."""
    docs = {}
    for name in NAMES:
        text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        article = Article(id=name, location=f"{name}.txt", text=text, outlet=name.title())
        docs[name] = clean_article(article, CleanSettings())
    return docs


def bridge_story() -> Story:
    """The two wire copies are one origin: three independent reports in all."""
    origins = (
        Origin("o-courier", ("courier",)),
        Origin("o-wire", ("wire", "wire_copy")),
        Origin("o-ledger", ("ledger",)),
    )
    return Story("s-bridge", "", NAMES, origins)
