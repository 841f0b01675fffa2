"""`storyline serve`: the web pages and the JSON API over a store."""

from __future__ import annotations

import socket
import sys
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
    listening = _listening_socket(host, port)
    if not path.exists():  # a mistyped --db would otherwise look like a store with no news
        print(f"storyline: no store at {path}: serving a new, empty one", file=sys.stderr)
    app = create_app(path, settings, token=token, exposed=exposed)
    warn_outdated_rules(app.state.stores.reader)
    where = f"http://{host}:{listening.getsockname()[1]}/"  # the port the system chose for 0
    print(f"storyline: serving {path} at {where} (API docs at {where}docs)", file=sys.stderr)
    if exposed and token is None:
        print(
            "storyline: bound beyond loopback without --token: ingest is disabled", file=sys.stderr
        )
    try:
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listening])
    except KeyboardInterrupt:  # uvicorn shuts down cleanly on Ctrl-C, then raises it again
        pass  # unless the signal came while it was starting: then it just returns
    print("storyline: server stopped", file=sys.stderr)


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, or a UserError saying why not (uvicorn would log and exit 3)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listening = socket.socket(family, kind, proto)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        listening.bind(address)
    except OSError as exc:
        raise UserError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc} (choose another --host or --port)"
        ) from None
    return listening


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
