"""The FastAPI application over a store: the JSON API under /api, the pages at /."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from storyline.settings import Settings
from storyline.web import api, pages
from storyline.web.security import Guard
from storyline.web.state import Stores

_STATIC = Path(__file__).parent / "static"


def create_app(
    db: Path, settings: Settings, token: str | None = None, exposed: bool = False
) -> FastAPI:
    """The app over the store at `db`; `exposed` (bound beyond loopback) demands a token to ingest."""
    stores = Stores(db, settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="storyline",
        summary="Stories from news articles: cited summaries, origins, differences, timeline.",
        version="1",
    )
    app.state.stores = stores
    app.state.token = token
    app.state.exposed = exposed
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    app.add_middleware(Guard, max_body=settings.store.max_request_bytes)
    return app
