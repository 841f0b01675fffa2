"""ingest.admit: every reader's articles lose stray control characters; dense ones mean binary."""

from __future__ import annotations

import json

from storyline.ingest import read_sources
from storyline.ingest.admit import CONTROLS_REMOVED, GIVEN_TITLE, admit
from storyline.ingest.decode import SNIFF_BYTES, is_binary
from storyline.model import Article, Skipped
from storyline.settings import IngestSettings

SETTINGS = IngestSettings()
SENTENCE = "The harbour council met on Tuesday to discuss the repair of the old sea wall. "
LONG = SENTENCE * (2 * SNIFF_BYTES // len(SENTENCE))  # past the first 8 KB block


def _read(path) -> tuple[dict[str, Article], dict[str, str]]:
    result = read_sources([str(path)], SETTINGS)
    return {a.location: a for a in result.articles}, {s.source: s.reason for s in result.skipped}


def test_a_nul_after_the_first_block_is_removed_and_the_text_kept(tmp_path):
    path = tmp_path / "wall.txt"
    path.write_text(LONG + "Late\x00 news: rebuilt by spring.", encoding="utf-8")
    articles, skipped = _read(path)
    article = articles[str(path)]
    assert skipped == {}
    assert "\x00" not in article.text and article.text.endswith("Late news: rebuilt by spring.")
    assert article.metadata[CONTROLS_REMOVED] == 1


def test_a_json_record_with_raw_control_characters_in_its_strings_is_read(tmp_path):
    path = tmp_path / "export.jsonl"
    text = SENTENCE + "\x01Tides\tran high.\x7f"
    record = json.dumps({"id": "wall", "text": text, "title": "Sea wall"})
    raw = record.replace("\\u0001", "\x01").replace("\\t", "\t").replace("\\u007f", "\x7f")
    assert "\x01" in raw and "\t" in raw  # unescaped, as a careless exporter writes them
    path.write_text(raw + "\n" + raw.replace('"wall"', '"wall2"') + "\n", encoding="utf-8")
    articles, skipped = _read(path)
    assert skipped == {}
    (article, _) = articles.values()
    assert article.text == SENTENCE + "Tides\tran high."  # the tab kept, the strays removed
    assert article.metadata[CONTROLS_REMOVED] == 2


def test_a_stray_nul_in_the_first_block_is_treated_alike(tmp_path):
    path = tmp_path / "wall.txt"
    path.write_text("Sea\x00 wall repairs begin\n\n" + LONG, encoding="utf-8")
    articles, _ = _read(path)
    assert articles[str(path)].title == "Sea wall repairs begin"


def test_dense_nuls_anywhere_make_a_file_binary(tmp_path):
    path = tmp_path / "padded.txt"
    path.write_bytes(LONG.encode() + b"\x00" * 20_000)  # a text padded after a crash
    assert is_binary(path.read_bytes())
    assert _read(path)[1][str(path)].startswith("binary file")


def test_one_nul_in_a_short_last_block_is_not_binary():
    assert not is_binary(("x" * SNIFF_BYTES + "ab\x00c").encode())


def test_json_html_and_feed_fields_lose_control_characters(tmp_path):
    record = {
        "id": "r1",
        "title": "Wall\x00 vote",
        "text": "\x1b[2J" + SENTENCE,
        "author": "A\x07B",
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    paragraphs = "".join(f"<p>{SENTENCE}</p>" for _ in range(150))
    page = f"<html><body><article>{paragraphs}<p>Vote\x00 on Friday.</p></article></body></html>"
    (tmp_path / "b.html").write_text(page, encoding="utf-8")
    items = "".join(
        f"<item><title>Item {i}</title><link>http://example.org/{i}</link>"
        f"<description>{SENTENCE} Number {i}.</description></item>"
        for i in range(90)
    )
    bad = f"<item><title>Bad\x00 one</title><description>{SENTENCE}\x00</description></item>"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}{bad}</channel></rss>'
    (tmp_path / "c.rss").write_text(feed, encoding="utf-8")
    articles, _ = _read(tmp_path)
    assert len(articles) == 93
    for article in articles.values():
        fields = (article.text, article.title, article.author, *article.metadata.values())
        assert not any(isinstance(f, str) and ("\x00" in f or "\x1b" in f) for f in fields)
    assert articles[f"{tmp_path / 'a.jsonl'}:1"].metadata[CONTROLS_REMOVED] == 3
    assert articles[f"{tmp_path / 'c.rss'}#90"].title == "Bad one"


def test_a_copy_with_a_nul_is_the_same_content(tmp_path):
    (tmp_path / "a.txt").write_text(LONG, encoding="utf-8")
    (tmp_path / "b.txt").write_text(LONG[:9000] + "\x00" + LONG[9000:], encoding="utf-8")
    articles, skipped = _read(tmp_path)
    assert list(articles) == [str(tmp_path / "a.txt")]
    assert skipped == {str(tmp_path / "b.txt"): f"same content as {tmp_path / 'a.txt'}"}


def test_admit_skips_a_text_too_short_once_its_controls_are_gone():
    article = Article(id="x", location="api#1", text="ok" + "\x00" * 50)
    assert admit(article, 40) == Skipped(
        "api#1", "empty: 2 characters of text after extraction (min_chars 40)"
    )


def test_one_line_fields_lose_their_line_breaks():
    """A file name used as the outlet, or a feed title, may hold a newline: headings stay whole."""
    article = Article(
        id="a1",
        location="two\nlines.txt",
        text="The council voted on Monday to close the harbour bridge for repairs.\n\nIt reopens in May.",
        title="Bridge\n  closes",
        outlet="two\nlines.txt",
    )
    kept = admit(article, 40)
    assert (kept.title, kept.outlet) == ("Bridge closes", "two lines.txt")
    assert kept.text == article.text and kept.location == article.location


def test_one_line_fields_lose_zero_width_spaces_and_soft_hyphens():
    """A title shown as a heading is read by people: "The \u200bFerry Crew" is "The Ferry Crew"."""
    text = "The ferry crew voted on Monday to strike over the\u200bir pay.\n\nTalks resume in May."
    article = Article(
        id="a1", location="f.txt", text=text, title="The \u200bFerry Crew re\u00advolts"
    )
    kept = admit(article, 40)
    assert kept.title == "The Ferry Crew revolts"
    assert kept.text == text  # the text's are a cleaning repair, recorded there


def test_a_file_name_with_a_newline_labels_its_source_on_one_line(tmp_path):
    path = tmp_path / "two\nlines.txt"
    path.write_text(SENTENCE * 3, encoding="utf-8")
    articles, _ = _read(path)
    assert articles[str(path)].source_label == "two lines.txt"


def test_a_text_of_zero_width_spaces_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\u200b\ufeff\u200d " * 50, encoding="utf-8")
    articles, skipped = _read(path)
    assert articles == {} and skipped[str(path)].startswith("empty: 0 characters")


def test_a_title_that_is_only_a_date_gives_way_to_the_opening_and_is_kept_in_metadata(tmp_path):
    path = tmp_path / "wall.jsonl"
    records = [
        {"id": "dated", "title": "27 NOVEMBER, 2005", "text": SENTENCE * 3},
        {"id": "weekday", "title": "Tuesday, Nov. 29", "text": SENTENCE * 3},
        {
            "id": "stamp",
            "title": "29 November 2005 Last updated at 11:11 GMT",
            "text": SENTENCE * 3,
        },
        {"id": "named", "title": "Sea wall repairs: November 2005", "text": SENTENCE * 3},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    articles = {a.id: a for a in read_sources([str(path)], SETTINGS).articles}
    opening = "The harbour council met on Tuesday to discuss the repair of the …"
    assert articles["dated"].title == opening
    assert articles["dated"].metadata[GIVEN_TITLE] == "27 NOVEMBER, 2005"
    assert articles["weekday"].title == opening
    assert articles["stamp"].title == opening
    assert articles["named"].title == "Sea wall repairs: November 2005"
    assert GIVEN_TITLE not in articles["named"].metadata
