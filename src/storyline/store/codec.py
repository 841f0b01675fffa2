"""Documents to and from the JSON the store keeps, so a story is recomputed without re-cleaning."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from storyline.model import Article, Document, Repair, Sentence
from storyline.render.json import article_dict
from storyline.text.tokens import normalize


def encode_document(document: Document) -> str:
    """The render/json article record plus what it leaves out (`lifted`), as compact JSON."""
    record = article_dict(document)
    record["lifted"] = list(document.article.lifted)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def decode_document(text: str) -> Document:
    """The Document that `encode_document` stored."""
    record: dict[str, Any] = json.loads(text)
    article = Article(
        id=record["id"],
        location=record["location"],
        text=record["text"],
        title=record["title"],
        url=record["url"],
        outlet=record["outlet"],
        author=record["author"],
        published=record["published"],
        language=record["language"],
        lifted=tuple(record.get("lifted", ())),
        metadata=record["metadata"],
    )
    return Document(
        article=article,
        text=record["text"],
        sentences=tuple(Sentence(**s) for s in record["sentences"]),
        language=record["language"],
        dropped=tuple(record["dropped"]),
        repairs=tuple(Repair(**r) for r in record["repairs"]),
    )


def content_hash(document: Document) -> str:
    """Hash of the normalised cleaned text: the same article fetched twice is stored once."""
    words = " ".join(normalize(document.text).split())
    return hashlib.sha1(words.encode("utf-8")).hexdigest()
