"""The JSON contract that other tools and our checks read; key order is fixed for byte-identical output."""

from __future__ import annotations

import json
from typing import Any

from storyline.compare import comparison_json
from storyline.model import Digest, Document, Skipped, Story, StoryDigest, Summary


def article_dict(document: Document) -> dict[str, Any]:
    """One article: metadata, cleaned text, sentences with offsets, and what was dropped."""
    article = document.article
    return {
        "id": article.id,
        "location": article.location,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "language": document.language,
        "text": document.text,
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in document.sentences
        ],
        "dropped": list(document.dropped),
        "repairs": [
            {"kind": r.kind, "before": r.before, "after": r.after} for r in document.repairs
        ],
        "metadata": _jsonable(dict(article.metadata)),
    }


def summary_list(summary: Summary) -> list[dict[str, Any]]:
    """Summary sentences; `speaker` ({"name", "start", "end"}) only where the text left it out."""
    return [
        {
            "text": s.text,
            "citations": [c.as_dict() for c in s.citations],
            "support": s.support,
            **({"speaker": s.speaker.as_dict()} if s.speaker else {}),
        }
        for s in summary.sentences
    ]


def story_dict(story_digest: StoryDigest) -> dict[str, Any]:
    """One story: its grouping (origins, events), summary and comparison sections."""
    story: Story = story_digest.story
    result: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "counts": {"articles": len(story.article_ids), "origins": len(story.origins)},
        "origins": [list(origin.members) for origin in story.origins],
        "events": [{"id": e.id, "article_ids": list(e.article_ids)} for e in story.events],
        "summary": summary_list(story_digest.summary),
        "summary_method": story_digest.summary.method,
        "summary_notes": list(story_digest.summary.notes),
    }
    if story_digest.comparison is not None:
        result.update(comparison_json(story_digest.comparison))
    return result


def skipped_dict(skipped: Skipped) -> dict[str, str]:
    return {"source": skipped.source, "reason": skipped.reason}


def digest_dict(digest: Digest) -> dict[str, Any]:
    return {
        "articles": [article_dict(d) for d in digest.documents],
        "stories": [story_dict(s) for s in digest.stories],
        "skipped": [skipped_dict(s) for s in digest.skipped],
    }


def render_json(digest: Digest) -> str:
    """The digest as indented JSON (UTF-8 text, not ASCII-escaped), ending in a newline."""
    return json.dumps(digest_dict(digest), ensure_ascii=False, indent=2) + "\n"


def _jsonable(value: Any) -> Any:
    """Source metadata may hold anything: keep what JSON can say, stringify the rest."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
