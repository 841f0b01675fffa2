"""The web pages: the story list, a story, an article. Server-rendered; article text is untrusted."""

from __future__ import annotations

from typing import Annotated, Any

import nh3
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from storyline.errors import UserError
from storyline.model import Document
from storyline.store import queries
from storyline.store.report import StoryReport
from storyline.web.charts import outlet_chart, timeline_chart
from storyline.web.security import require_writer
from storyline.web.state import stores

router = APIRouter(include_in_schema=False)

# Autoescape everything: titles, outlets and sentences come from the articles.
_ENV = Environment(
    loader=PackageLoader("storyline.web", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_SOURCES_BLOCK = "Sources"  # render.view's origins block: the page draws its own, with links


@router.get("/", response_class=HTMLResponse)
async def story_list(
    request: Request,
    q: Annotated[str | None, Query(max_length=500)] = None,
    since: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    conn = stores(request).reader.conn
    try:
        rows = queries.list_stories(
            conn, since=queries.parse_since(since or None), query=q, limit=200
        )
        error = ""
    except UserError as exc:
        rows, error = [], str(exc)
    fresh = {r.id: queries.unseen_articles(conn, r.id) for r in rows}
    return _page(
        "stories.html.j2", rows=rows, fresh=fresh, q=q or "", since=since or "", error=error
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: str) -> HTMLResponse:
    can_mark = _writes_open(request)

    def render(report: StoryReport) -> str:
        return _render("story.html.j2", **_story_context(report), can_mark=can_mark)

    try:
        return HTMLResponse(stores(request).story_response(story_id, f"page {can_mark}", render))
    except UserError as exc:
        raise HTTPException(404, str(exc)) from None


@router.post("/stories/{story_id}/seen", dependencies=[Depends(require_writer)])
def story_seen(request: Request, story_id: str) -> RedirectResponse:
    with stores(request).write_lock:
        try:
            stores(request).writer().mark_seen(story_id)
        except UserError as exc:
            raise HTTPException(404, str(exc)) from None
    return RedirectResponse(f"/stories/{story_id}", status_code=303)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, article_id: str) -> HTMLResponse:
    reader = stores(request).reader
    try:
        document = reader.document(article_id)
    except UserError as exc:
        raise HTTPException(404, str(exc)) from None
    story = queries.article_story(reader.conn, article_id)
    return _page("article.html.j2", document=document, body=article_body(document), story=story)


def article_body(document: Document) -> Markup:
    """Paragraphs of the cleaned text, each sentence an anchor (#s-N) that citations link to.

    Every piece of text is escaped, and the assembled HTML is then passed through nh3 with only
    <p> and <span id class> allowed: a second wall if escaping were ever missed.
    """
    parts = ["<p>"]
    previous_end = 0
    for sentence in document.sentences:
        if "\n\n" in document.text[previous_end : sentence.start] and previous_end:
            parts.append("</p><p>")
        parts.append(
            f'<span class="sentence" id="s-{sentence.index}">{escape(sentence.text)}</span> '
        )
        previous_end = sentence.end
    parts.append("</p>")
    clean = nh3.clean("".join(parts), tags={"p", "span"}, attributes={"span": {"id", "class"}})
    return Markup(clean)  # sanitised just above


def _story_context(report: StoryReport) -> dict[str, Any]:
    view = report.view or {"blocks": [], "sources": [], "counts": ""}
    return {
        "report": report,
        "row": report.row,
        "news": report.news,
        "blocks": [b for b in view["blocks"] if b["title"] != _SOURCES_BLOCK],
        "cited": view["sources"],
        "counts": view["counts"],
        "origins": report.origins(),
        "timeline": timeline_chart(report.articles),
        "outlets": outlet_chart(report.articles),
    }


def _writes_open(request: Request) -> bool:
    """The page offers "mark as seen" only where a browser form may write (no token needed)."""
    return request.app.state.token is None and not request.app.state.exposed


def _render(template: str, **context: Any) -> str:
    return _ENV.get_template(template).render(**context)


def _page(template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(_render(template, **context))
