"""The JSON API: list and search stories, one story in full, articles, ingest, health."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field, StrictFloat, StrictInt

from storyline.errors import UserError
from storyline.ingest.admit import admit
from storyline.ingest.jsonl import record_to_article, without_surrogates
from storyline.model import Article, Skipped
from storyline.render.json import article_dict, skipped_dict
from storyline.store import queries
from storyline.store.queries import parse_since
from storyline.store.report import StoryReport
from storyline.store.schema import SCHEMA_VERSION
from storyline.web.security import require_writer
from storyline.web.state import stores

router = APIRouter(prefix="/api", tags=["api"])


class ArticleIn(BaseModel):
    """One article to ingest: the fields of a JSON Lines record (`source` is the outlet)."""

    id: str | StrictInt | StrictFloat | None = Field(None, description="A string or a number.")
    url: str = ""
    title: str = ""
    text: str | None = None
    html: str | None = Field(None, description="Raw HTML; its main text is extracted.")
    published: str | None = Field(None, description="ISO 8601 date or datetime.")
    source: str = Field("", description="The outlet.")


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(..., min_length=1, max_length=1000)


@router.get("/health")
async def health(request: Request) -> dict[str, Any]:
    """Liveness, what the store holds, and whether its stories follow the current rules.

    `rules_outdated`: stored placements were made under other clustering settings or by another
    storyline version; `storyline recluster` places every article again.
    """
    reader = stores(request).reader
    counts = queries.counts(reader.conn)
    outdated = reader.rules_outdated()
    return {"status": "ok", "schema_version": SCHEMA_VERSION, **counts, "rules_outdated": outdated}


@router.get("/stories")
async def list_stories(
    request: Request,
    query: Annotated[str | None, Query(max_length=500, description="Words to search for.")] = None,
    since: Annotated[str | None, Query(description="Updated at or after (ISO date).")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Stories, latest update first; `query` searches titles and summaries."""
    conn = stores(request).reader.conn
    rows = queries.list_stories(conn, since=_since(since), query=query, limit=limit, offset=offset)
    return {
        "stories": [
            {**queries.row_dict(r), "new_articles": queries.unseen_articles(conn, r.id)}
            for r in rows
        ]
    }


@router.get("/stories/{story_id}", response_class=Response)
async def get_story(request: Request, story_id: str) -> Response:
    """One story: summary, claims, differences, timeline, sources by origin, what is new."""
    try:
        body = stores(request).story_response(story_id, "api", _story_json)
    except UserError as exc:
        raise HTTPException(404, str(exc)) from None
    return Response(body, media_type="application/json")


def _story_json(report: StoryReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False)


@router.post("/stories/{story_id}/seen", dependencies=[Depends(require_writer)])
def mark_seen(request: Request, story_id: str) -> dict[str, str]:
    """Remember the story as it is now: "what is new" starts from here."""
    with stores(request).write_lock:
        try:
            stores(request).writer().mark_seen(story_id)
        except UserError as exc:
            raise HTTPException(404, str(exc)) from None
    return {"story": story_id, "status": "seen"}


@router.get("/articles/{article_id}")
async def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One stored article: metadata, cleaned text and sentences with offsets."""
    try:
        return article_dict(stores(request).reader.document(article_id))
    except UserError as exc:
        raise HTTPException(404, str(exc)) from None


@router.post("/articles", dependencies=[Depends(require_writer)])
def ingest(request: Request, body: IngestIn) -> dict[str, Any]:
    """Add articles in one batch; touched stories are re-summarised before the answer."""
    articles, skipped = _articles(body.articles, stores(request).reader.settings.ingest.min_chars)
    with stores(request).write_lock:
        store = stores(request).writer()
        report = store.ingest(articles, "api")
        refreshed = store.refresh()
    return {
        "batch": report.batch,
        "added": list(report.added),
        "skipped": [skipped_dict(s) for s in skipped + list(report.skipped)],
        "stories": list(report.stories),
        "merged": list(report.merged),
        "not_summarised": [skipped_dict(s) for s in refreshed.failed],
    }


def _articles(records: list[ArticleIn], min_chars: int) -> tuple[list[Article], list[Skipped]]:
    """Articles from request records, through the JSONL reader's record rules and ingest's
    `admit`: what a file of the same records would give."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for number, record in enumerate(records, start=1):
        fields = without_surrogates(record.model_dump(exclude_none=True))  # JSON "\ud800"
        result = admit(record_to_article(fields, f"api#{number}"), min_chars)
        (articles if isinstance(result, Article) else skipped).append(result)
    return articles, skipped


def _since(value: str | None) -> str | None:
    try:
        return parse_since(value)
    except UserError as exc:
        raise HTTPException(422, str(exc)) from None
