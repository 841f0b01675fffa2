"""read_sources: directories, globs, stdin, and every kind of bad input reported, never fatal."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from storyline.ingest import formats, read_sources
from storyline.ingest.decode import decode_bytes
from storyline.ingest.ids import outlet_from_url
from storyline.settings import IngestSettings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TREE = FIXTURES / "tree"
BODY = "The ferry company added two evening crossings on Tuesday, citing demand from commuters."
SETTINGS = IngestSettings()


def _page(paragraph: str, head: str = "") -> str:
    """A minimal HTML page whose article is one paragraph."""
    return f"<html><head>{head}</head><body><article><p>{paragraph}</p></article></body></html>"


def _reasons(result) -> dict[str, str]:
    return {s.source: s.reason for s in result.skipped}


def test_directory_is_read_recursively_sorted_without_hidden_files():
    result = read_sources([str(TREE)], SETTINGS)
    assert [a.location for a in result.articles] == [
        str(TREE / "a.txt"),
        str(TREE / "b_sub" / "c.md"),
        f"{TREE / 'b_sub' / 'd.jsonl'}:1",
    ]
    assert result.skipped == ()
    assert all("hidden" not in a.text.lower() for a in result.articles)


def test_output_is_deterministic_and_follows_the_source_order():
    sources = [str(FIXTURES / "json"), str(TREE), str(FIXTURES / "text")]
    first = read_sources(sources, SETTINGS)
    assert first == read_sources(sources, SETTINGS)
    reversed_order = read_sources(sources[::-1], SETTINGS)
    assert reversed_order.articles[0].location.startswith(str(FIXTURES / "text"))
    assert sorted(a.id for a in first.articles) == sorted(a.id for a in reversed_order.articles)


def test_glob_patterns_are_expanded_and_an_empty_glob_is_reported():
    result = read_sources(
        [str(FIXTURES / "text" / "*.md"), str(FIXTURES / "nothing*.xyz")], SETTINGS
    )
    assert [Path(a.location).name for a in result.articles] == [
        "front_matter.md",
        "heading.md",
        "setext.md",
    ]
    assert _reasons(result) == {str(FIXTURES / "nothing*.xyz"): "no files match this pattern"}


def test_missing_path_and_url_are_reported_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(BODY)
    missing = str(tmp_path / "missing.txt")
    result = read_sources([missing, "https://example.com/a", str(good)], SETTINGS)
    assert [a.location for a in result.articles] == [str(good)]
    reasons = _reasons(result)
    assert reasons[missing] == "no such file or directory"
    assert reasons["https://example.com/a"].startswith("a URL, which is not fetched here")


def test_binary_empty_and_too_short_files(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n \n")
    (tmp_path / "short.txt").write_text("Too short.")
    reasons = _reasons(read_sources([str(tmp_path)], SETTINGS))
    assert reasons[str(tmp_path / "image.png")].startswith("binary file")
    assert reasons[str(tmp_path / "empty.txt")] == "empty file (0 bytes)"
    assert reasons[str(tmp_path / "blank.txt")] == "empty file (6 bytes)"
    assert reasons[str(tmp_path / "short.txt")].startswith("empty: 10 characters of text")


def test_huge_file_is_skipped_with_its_size_without_being_read_whole(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    huge.write_text(BODY * 400)
    size = huge.stat().st_size
    read_sizes: list[int] = []
    real_open = Path.open

    class Spy(io.BufferedReader):
        def read(self, n=-1):
            read_sizes.append(n)
            return super().read(n)

    monkeypatch.setattr(
        Path, "open", lambda self, mode="r": Spy(real_open(self, "rb", buffering=0))
    )
    result = read_sources([str(huge)], IngestSettings(max_bytes=1000))
    assert _reasons(result) == {
        str(huge): f"file too large: {size:,} bytes, over max_bytes (1,000); not read "
        "(raise [ingest] max_bytes in storyline.toml to read it)"
    }
    assert read_sizes and all(0 < n < size for n in read_sizes)


def test_huge_binary_file_is_reported_as_binary(tmp_path):
    (tmp_path / "video.txt").write_bytes(b"\x00\x01" * 5000)
    reasons = _reasons(read_sources([str(tmp_path / "video.txt")], IngestSettings(max_bytes=100)))
    assert reasons[str(tmp_path / "video.txt")].startswith("binary file")


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(BODY)
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail the way it would for a user
        real_open = Path.open

        def denied(self, *args, **kwargs):
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", denied)
    result = read_sources([str(locked)], SETTINGS)
    locked.chmod(0o644)
    assert result.articles == ()
    assert _reasons(result) == {str(locked): "permission denied: cannot read this file"}


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbfCaf\xc3\xa9 owners \xe2\x80\x9cwelcome\xe2\x80\x9d the rule", "utf-8-sig"),
        ("Café owners “welcome” the rule".encode("utf-16"), "utf-16"),
        ("Café owners “welcome” the rule".encode("utf-16-le"), "utf-16-le"),
        ("Café owners “welcome” the rule".encode("utf-16-be"), "utf-16-be"),
        ("Café owners “welcome” the rule".encode("cp1252"), "cp1252"),
        (b'<meta charset="iso-8859-7">' + "Καφέ".encode("iso-8859-7"), "iso8859-7"),
        (b"undefined in cp1252: \x81\x8d\x8f\x90\x9d", "cp1252 (with replacements)"),
        ("Café owners “welcome”".encode() + b" the rule \x93quoted\x94", "utf-8 + cp1252"),
    ],
)
def test_decoding_never_fails(data, encoding):
    text, used = decode_bytes(data)
    assert used == encoding
    assert "Caf" in text or "Καφέ" in text or "undefined" in text


def test_utf16_without_bom_is_text_and_binary_stays_binary(tmp_path):
    (tmp_path / "notes.txt").write_bytes(f"Harbour ferry timetable\n\n{BODY}".encode("utf-16-le"))
    (tmp_path / "counts.dat").write_bytes(bytes(range(1, 40)).replace(b"", b"\x00")[1:] * 50)
    result = read_sources([str(tmp_path)], SETTINGS)
    (article,) = result.articles
    assert article.text.startswith(BODY[:40])
    assert article.metadata["decoded_as"] == "utf-16-le"
    assert list(_reasons(result)) == [str(tmp_path / "counts.dat")]
    assert _reasons(result)[str(tmp_path / "counts.dat")].startswith("binary file")


def test_a_single_byte_is_not_utf16():
    assert decode_bytes(b"\n") == ("\n", "utf-8")
    assert decode_bytes(b"a") == ("a", "utf-8")


def test_linked_directories_are_reported_not_followed(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ferry.txt").write_text(f"Harbour ferry timetable\n\n{BODY}", encoding="utf-8")
    (folder / "up").symlink_to(tmp_path)  # a loop
    (folder / "self").symlink_to(folder / "self")  # a link to itself
    result = read_sources([str(folder)], SETTINGS)
    assert [a.location for a in result.articles] == [str(folder / "ferry.txt")]
    assert _reasons(result) == {
        str(folder / "self"): "cannot read: Too many levels of symbolic links",
        str(folder / "up"): "link to a directory: not followed (name it to read it)",
    }


def test_mixed_encodings_keep_both_parts_right():
    text, _ = decode_bytes("Café “one”".encode() + b" and caf\xe9 \x93two\x94")
    assert text == "Café “one” and café “two”"


def test_wrongly_encoded_file_is_read_and_says_how(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(f"Caf\xe9 owners \x93welcome\x94 the rule. {BODY}".encode("latin-1"))
    (article,) = read_sources([str(path)], SETTINGS).articles
    assert article.text.startswith("Café owners “welcome” the rule.")
    assert article.metadata["decoded_as"] == "cp1252"


def test_html_declared_charset_is_used(tmp_path):
    path = tmp_path / "page.html"
    html = _page(f"Москва. {BODY}", head='<meta charset="koi8-r">')
    path.write_bytes(html.encode("koi8-r"))
    (article,) = read_sources([str(path)], SETTINGS).articles
    assert article.text.startswith("Москва.")


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "a.dat").write_text(f'{{"id": "r1", "text": "{BODY}"}}\n')
    (tmp_path / "b.page").write_text(
        f"<!DOCTYPE html><html><body><article><p>{BODY}</p></article></body></html>"
    )
    (tmp_path / "c.log").write_text(f"Ferry news in brief\n\nIn other news: {BODY}\n")
    (tmp_path / "d.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>'
    )
    result = read_sources([str(tmp_path)], SETTINGS)
    assert [a.location for a in result.articles] == [
        f"{tmp_path / 'a.dat'}:1",
        str(tmp_path / "b.page"),
        str(tmp_path / "c.log"),
    ]
    assert result.articles[2].title == "Ferry news in brief"
    assert _reasons(result)[str(tmp_path / "d.xml")] == "feed has no entries"


def test_same_content_in_two_files_keeps_the_first(tmp_path):
    (tmp_path / "one.txt").write_text(f"Ferry news\n\n{BODY}\n")
    (tmp_path / "two.txt").write_text(f"Ferry news\n\n{BODY}\n")
    result = read_sources([str(tmp_path), str(tmp_path / "one.txt")], SETTINGS)
    assert [a.location for a in result.articles] == [str(tmp_path / "one.txt")]
    assert _reasons(result)[str(tmp_path / "two.txt")] == f"same content as {tmp_path / 'one.txt'}"
    assert result.skipped[-1].reason.startswith("read twice")


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (f'{{"id": "s1", "title": "From stdin", "text": "{BODY}"}}\n', "From stdin"),
        (
            _page(f"</p><h1>Stdin page</h1><p>{BODY}", head="<title>Stdin page</title>"),
            "Stdin page",
        ),
        (f"Ferry news from stdin\n\n{BODY}\n", "Ferry news from stdin"),
    ],
)
def test_stdin_kind_is_detected_by_content(monkeypatch, data, title):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    (article,) = read_sources(["-"], SETTINGS).articles
    assert article.title == title
    assert article.text == BODY
    assert article.location.startswith("<stdin>")


def test_oversized_stdin_is_skipped(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode() * 10)))
    result = read_sources(["-"], IngestSettings(max_bytes=100))
    assert result.articles == ()
    assert _reasons(result)["<stdin>"].startswith("input too large")


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.themoscowtimes.com/2012/01/25/x", "themoscowtimes.com"),
        ("http://english.ahram.org.eg/News/1.aspx", "ahram.org.eg"),
        ("https://www.bbc.co.uk/news", "bbc.co.uk"),
        ("https://news.example.io:8080/a", "example.io"),
        ("not a url", ""),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert _reasons(read_sources([str(fifo)], SETTINGS)) == {
        str(fifo): "cannot read: not a regular file"
    }


def test_unlistable_sub_directory_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(f"Ferry news\n\n{BODY}\n")
    real_walk = os.walk

    def walk(top, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top)

    monkeypatch.setattr("storyline.ingest.sources.os.walk", walk)
    result = read_sources([str(tmp_path)], SETTINGS)
    assert [a.location for a in result.articles] == [str(tmp_path / "ok.txt")]
    assert _reasons(result) == {
        str(tmp_path / "locked"): "cannot list this directory: Permission denied"
    }


def test_control_bytes_without_nul_are_binary(tmp_path):
    noise = bytes((i * 7919) % 255 + 1 for i in range(5000))  # every byte value but NUL
    (tmp_path / "noise.txt").write_bytes(noise)
    (tmp_path / "tabs.txt").write_bytes(b"Ferry\tnews\x0c\n\n" + BODY.encode())
    result = read_sources([str(tmp_path)], SETTINGS)
    assert [a.location for a in result.articles] == [str(tmp_path / "tabs.txt")]
    assert _reasons(result)[str(tmp_path / "noise.txt")].startswith("binary file")


def test_pathologically_nested_json_is_a_skip_not_a_crash(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text('{"a":' * 50_000 + "1" + "}" * 50_000 + "\n")
    reasons = _reasons(read_sources([str(tmp_path)], SETTINGS))
    assert reasons[str(tmp_path / "deep.json")].startswith("invalid JSON: nested too deeply")
    assert reasons[f"{tmp_path / 'deep.jsonl'}:1"].startswith("invalid JSON: nested too deeply")


def test_a_reader_failure_is_one_skip_and_the_batch_goes_on(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(f"Ferry news in brief\n\n{BODY}\n")
    (tmp_path / "b.txt").write_text(f"Other news in brief\n\nIn other news: {BODY}\n")

    def fail_on_a(text, location, metadata=None):
        if location.endswith("a.txt"):
            raise IndexError("boom")
        return real(text, location, metadata)

    real = formats.article_from_text
    monkeypatch.setattr(formats, "article_from_text", fail_on_a)
    result = read_sources([str(tmp_path)], SETTINGS)
    assert [a.location for a in result.articles] == [str(tmp_path / "b.txt")]
    assert "IndexError: boom" in _reasons(result)[str(tmp_path / "a.txt")]


def test_folder_readme_is_skipped_in_a_walk_but_read_when_named(tmp_path):
    story = "Harbour cranes stood idle on Friday as dock workers began a two-day strike over pay."
    (tmp_path / "story.txt").write_text(f"Dock strike begins\n\n{story}\n", encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text("# About this folder\n\nThese files are synthetic news articles for tests.\n")
    walked = read_sources([str(tmp_path)], SETTINGS)
    assert [a.location for a in walked.articles] == [str(tmp_path / "story.txt")]
    named = read_sources([str(readme)], SETTINGS)
    assert [a.location for a in named.articles] == [str(readme)]


def test_storyline_settings_and_stores_in_a_folder_are_not_read_as_news(tmp_path):
    story = "Harbour cranes stood idle on Friday as dock workers began a two-day strike over pay."
    (tmp_path / "story.txt").write_text(f"Dock strike begins\n\n{story}\n", encoding="utf-8")
    (tmp_path / "storyline.toml").write_text("[summarize]\nmax_words = 80\n", encoding="utf-8")
    (tmp_path / "storyline.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    walked = read_sources([str(tmp_path)], SETTINGS)
    assert [a.location for a in walked.articles] == [str(tmp_path / "story.txt")]
    assert walked.skipped == ()


def test_an_empty_directory_is_reported(tmp_path):
    (tmp_path / "inbox").mkdir()
    result = read_sources([str(tmp_path / "inbox")], SETTINGS)
    assert result.articles == ()
    assert _reasons(result) == {str(tmp_path / "inbox"): "no article files in this directory"}
