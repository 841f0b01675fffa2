"""A standalone HTML page (Jinja2, autoescaped): article text is untrusted and never runs."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.model import Digest
from storyline.render.view import digest_views, skipped_lines, stories_heading

_ENV = Environment(
    loader=PackageLoader("storyline.render", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(digest: Digest) -> str:
    template = _ENV.get_template("digest.html.j2")
    return template.render(
        heading=stories_heading(digest), views=digest_views(digest), skipped=skipped_lines(digest)
    )
