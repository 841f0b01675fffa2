"""Feed URLs from an OPML subscription list (what feed readers export)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from storyline.errors import UserError

_HEAD_BYTES = 1024  # the XML declaration and comments before the root fit in this


def is_opml(path: Path) -> bool:
    """Whether `path` is an OPML file: named .opml, or an <opml> root near its start."""
    if path.suffix.lower() == ".opml":
        return True
    try:
        with path.open("rb") as handle:
            return b"<opml" in handle.read(_HEAD_BYTES).lower()
    except OSError:
        return False


def feed_urls(path: Path) -> tuple[str, ...]:
    """The xmlUrl of every outline, nested folders included, in file order without repeats."""
    try:
        root = ElementTree.parse(path).getroot()
    except FileNotFoundError:
        raise UserError(f"OPML file not found: {path}") from None
    except (ElementTree.ParseError, OSError) as exc:
        raise UserError(f"cannot read OPML file {path}: {exc}") from None
    urls = [o.get("xmlUrl", "").strip() for o in root.iter("outline")]
    found = tuple(dict.fromkeys(u for u in urls if u))
    if not found:
        raise UserError(f"{path} lists no feeds (no <outline xmlUrl=...> elements)")
    return found
