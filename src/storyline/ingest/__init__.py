"""Ingest: files, directories, globs and stdin (text, Markdown, HTML, JSON, feeds) to Articles.

Each source reports what it could not read, with the reason; one bad file never stops a batch.
"""

from storyline.ingest.html import NoMainText, article_from_html
from storyline.ingest.ids import article_id, content_id, outlet_from_url
from storyline.ingest.sources import read_sources

__all__ = [
    "NoMainText",
    "article_from_html",
    "article_id",
    "content_id",
    "outlet_from_url",
    "read_sources",
]
