"""`storyline serve`: the web pages and the JSON API over a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.common import ConfigOption
from storyline.cli.store import DbOption, warn_outdated_rules
from storyline.errors import UserError
from storyline.settings import load_settings


def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; anything but loopback requires --token to ingest.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="STORYLINE_TOKEN",
            help="Bearer token that write requests (ingest, mark seen) must carry.",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Serve the story list, story pages and the API (OpenAPI docs at /docs)."""
    import uvicorn

    from storyline.web.app import create_app
    from storyline.web.security import is_loopback

    settings = load_settings(config)
    path = db or Path(settings.store.path)
    exposed = not is_loopback(host)
    if token is not None and len(token) < 16:
        raise UserError("--token must be at least 16 characters")
    app = create_app(path, settings, token=token, exposed=exposed)
    warn_outdated_rules(app.state.stores.reader)
    where = f"http://{host}:{port}/"
    print(f"storyline: serving {path} at {where} (API docs at {where}docs)", flush=True)
    if exposed and token is None:
        print("storyline: bound beyond loopback without --token: ingest is disabled", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
