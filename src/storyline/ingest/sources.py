"""Turn source arguments (paths, directories, globs, "-") into Articles, reporting what failed.

One bad source never stops a batch: every failure becomes a Skipped with a reason.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.ingest.admit import admit
from storyline.ingest.decode import SNIFF_BYTES, is_binary
from storyline.ingest.formats import parse_document
from storyline.ingest.ids import content_id
from storyline.model import Article, IngestResult, Skipped
from storyline.settings import IngestSettings

STDIN = "-"
STDIN_LOCATION = "<stdin>"
_GLOB_CHARS = frozenset("*?[")
_BINARY = "binary file (NUL or control bytes): not text, HTML or JSON"


@dataclass
class _Batch:
    """Articles and skips collected in order, with the ids seen so far and where."""

    settings: IngestSettings
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    first_at: dict[str, str] = field(default_factory=dict)

    def add(self, item: Article | Skipped) -> None:
        """Keep an article that `admit` lets through and whose id is new; keep every skip."""
        item = admit(item, self.settings.min_chars)
        if isinstance(item, Skipped):
            self.skipped.append(item)
        elif item.id in self.first_at:
            first = self.first_at[item.id]
            if first == item.location:
                reason = "read twice: this source was given more than once"
            elif item.id == content_id(item.text):
                reason = f"same content as {first}"
            else:
                reason = f"duplicate id {item.id} (first at {first})"
            self.skipped.append(Skipped(item.location, reason))
        else:
            self.first_at[item.id] = item.location
            self.articles.append(item)


def read_sources(
    sources: Sequence[str],
    settings: IngestSettings,
    exclude: Sequence[Path] = (),
    pages: Mapping[str, Article | Skipped] | None = None,
) -> IngestResult:
    """Every article in `sources`, in the order given (directories sorted), and what was skipped.

    A file in `exclude` (a command's own --output) is passed over silently when a directory or
    glob holds it, so a second run does not read the first run's digest as news, and says the same.
    A URL source is taken from `pages` (what the caller fetched: the CLI's commands fetch them),
    and admitted and checked for repeated ids with the files.
    """
    batch = _Batch(settings)
    skip = frozenset(filter(None, map(_identity, exclude)))
    for source in sources:
        if pages is not None and source in pages:
            batch.add(pages[source])
            continue
        for item in _read_source(source, settings, skip):
            batch.add(item)
    return IngestResult(tuple(batch.articles), tuple(batch.skipped))


def is_web_url(source: str) -> bool:
    """Whether a source argument names a web page rather than a file."""
    return source.startswith(("http://", "https://"))


def _identity(path: Path) -> tuple[int, int] | None:
    """A file's (device, inode), the same through any name or link; None when it does not exist."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _read_source(
    source: str, settings: IngestSettings, skip: frozenset[tuple[int, int]] = frozenset()
) -> Iterator[Article | Skipped]:
    """Articles and skips of one source argument; files in `skip` only when named themselves."""
    if source == STDIN:
        yield from _read_stdin(settings)
        return
    if is_web_url(source):
        yield Skipped(
            shown_path(source),
            "a URL, which is not fetched here: the storyline commands (digest, ingest, "
            "cluster, fetch) fetch pages",
        )
        return
    path = Path(source)
    if path.is_dir():
        yield from _read_directory(path, settings, skip)
    elif path.exists() or path.is_symlink():
        yield from _read_file(path, settings)
    elif _GLOB_CHARS & set(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield Skipped(shown_path(source), "no files match this pattern")
        for match in matches:
            if not (skip and _identity(Path(match)) in skip):
                yield from _read_source(match, settings, skip)
    else:
        yield Skipped(shown_path(source), "no such file or directory")


# A folder's own documentation is not news: skipped in directory walks, read when named.
_FOLDER_DOCS = ("readme", "license", "licence", "changelog", "notice", "copying")
# storyline's own files that users keep beside their articles: settings, stores, feed lists.
_OWN_FILES = (".toml", ".db", ".db-wal", ".db-shm", ".db-journal", ".follow", ".opml")


def _is_article_file(name: str) -> bool:
    lowered = name.lower()
    return not (
        name.startswith(".") or lowered.startswith(_FOLDER_DOCS) or lowered.endswith(_OWN_FILES)
    )


def _read_directory(
    root: Path, settings: IngestSettings, skip: frozenset[tuple[int, int]]
) -> Iterator[Article | Skipped]:
    """Every file under `root`, recursively and sorted, without hidden files, folder docs or `skip`."""
    files: list[Path] = []
    links: list[Path] = []
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        links.extend(Path(dirpath, d) for d in dirnames if Path(dirpath, d).is_symlink())
        files.extend(Path(dirpath, name) for name in filenames if _is_article_file(name))
    if skip:
        files = [file for file in files if _identity(file) not in skip]
    for error in sorted(errors, key=lambda e: str(e.filename)):
        yield Skipped(
            shown_path(error.filename), f"cannot list this directory: {error.strerror or error}"
        )
    for link in sorted(links):  # os.walk does not follow them: a link loop cannot recurse forever
        yield Skipped(shown_path(link), "link to a directory: not followed (name it to read it)")
    if not files and not errors:
        yield Skipped(shown_path(root), "no article files in this directory")
    for file in sorted(files, key=lambda p: p.relative_to(root).parts):
        yield from _read_file(file, settings)


def shown_path(path: object) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 as "\\xe9".

    Python keeps such bytes of a file name as lone surrogates, which no UTF-8 output or
    SQLite text can hold; the escape names the byte, as `ls -b` does.
    """
    return os.fsencode(str(path)).decode("utf-8", errors="backslashreplace")


def _read_file(path: Path, settings: IngestSettings) -> Iterator[Article | Skipped]:
    """The articles of one file, or why it could not be read."""
    location = shown_path(path)
    try:
        data, size = _load(path, settings.max_bytes)
    except PermissionError:
        yield Skipped(location, "permission denied: cannot read this file")
        return
    except FileNotFoundError:
        yield Skipped(location, "no such file (a broken link?)")
        return
    except OSError as exc:
        yield Skipped(location, f"cannot read: {exc.strerror or exc}")
        return
    if size > settings.max_bytes:  # a binary file says so whatever its size: the likelier mistake
        yield Skipped(location, _BINARY if is_binary(data) else _too_large(size, settings))
        return
    yield from _read_bytes(data, location, path.suffix.lower(), settings)


def _load(path: Path, max_bytes: int) -> tuple[bytes, int]:
    """A file's bytes and size; past `max_bytes`, only enough of it to tell if it is binary."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a FIFO or device could block or never end
        raise OSError(errno.EINVAL, "not a regular file")
    size = info.st_size
    with path.open("rb") as handle:
        data = handle.read(SNIFF_BYTES if size > max_bytes else max_bytes + 1)
    return data, max(size, len(data))


def _read_stdin(settings: IngestSettings) -> Iterator[Article | Skipped]:
    """Standard input, its kind (JSONL, JSON, HTML or text) told by its content."""
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    yield from _read_bytes(data, STDIN_LOCATION, "", settings)


def _read_bytes(
    data: bytes, location: str, suffix: str, settings: IngestSettings
) -> Iterator[Article | Skipped]:
    """Check, decode and parse the bytes of one source."""
    if not data.strip():
        yield Skipped(location, f"empty file ({len(data)} bytes)")
    elif is_binary(data):
        yield Skipped(location, _BINARY)
    elif len(data) > settings.max_bytes:  # stdin, or a file that grew since its size was taken
        yield Skipped(location, f"input too large: over max_bytes ({settings.max_bytes:,})")
    else:
        try:
            yield from parse_document(data, location, suffix)
        except Exception as exc:  # noqa: BLE001 -- a bug in one reader must not stop the whole batch
            reason = f"could not parse ({type(exc).__name__}: {exc}); please report this as a bug"
            yield Skipped(location, reason)


def _too_large(size: int, settings: IngestSettings) -> str:
    return (
        f"file too large: {size:,} bytes, over max_bytes ({settings.max_bytes:,}); not read "
        "(raise [ingest] max_bytes in storyline.toml to read it)"
    )
