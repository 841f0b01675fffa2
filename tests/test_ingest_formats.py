"""HTML pages and JSON / JSON Lines records (ours, trafilatura's and news-please's shapes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest import NoMainText, article_from_html, read_sources
from storyline.ingest.jsonl import record_to_article
from storyline.model import Article, Skipped
from storyline.settings import IngestSettings
from storyline.text.titles import TITLE_FROM_TEXT

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _by_location(result) -> dict[str, Article | Skipped]:
    return {item.location: item for item in result.articles} | {
        item.source: item for item in result.skipped
    }


def test_html_page_text_and_metadata():
    html = (FIXTURES / "html" / "article.html").read_bytes()
    article = article_from_html(html, "page.html")
    assert article.title == "Bridge repairs finished early"
    assert article.published == "2016-09-14"
    assert article.author == "Tomas Reyes"
    assert article.url == "https://www.riverside-courier.com/news/2016/09/14/bridge-repairs"
    assert article.outlet == "riverside-courier.com"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3 and paragraphs[0].startswith("Repairs to the old stone bridge")
    assert (
        "reader" not in article.text
        and "Copyright" not in article.text
        and "Home" not in article.text
    )
    assert article.lifted == ("Bridge repairs finished early",)


def test_html_given_url_wins_over_canonical():
    html = (FIXTURES / "html" / "article.html").read_text(encoding="utf-8")
    article = article_from_html(html, "x", url="https://mirror.example.net/copy")
    assert (article.url, article.outlet) == ("https://mirror.example.net/copy", "example.net")


def test_html_without_date_markup_has_no_date():
    html = "<html><body><article><p>" + "The river rose by two metres overnight. " * 5
    article = article_from_html(html + "</p></article></body></html>", "x")
    assert article.published is None


@pytest.mark.parametrize("html", ["", "   ", "<<<>>>", b"<html><body><div></div></body></html>"])
def test_html_without_main_text_raises_a_user_error(html):
    with pytest.raises(NoMainText, match="x"):
        article_from_html(html, "x")


def test_html_files_in_a_batch():
    result = read_sources([str(FIXTURES / "html")], IngestSettings())
    assert [a.title for a in result.articles] == ["Bridge repairs finished early"]
    assert len(result.skipped) == 1 and result.skipped[0].reason.startswith("empty:")


def test_jsonl_records_bad_lines_and_duplicate_ids():
    path = FIXTURES / "json" / "records.jsonl"
    items = _by_location(read_sources([str(path)], IngestSettings()))
    first = items[f"{path}:1"]
    assert isinstance(first, Article)
    assert (first.id, first.title, first.outlet, first.published) == (
        "wire-1", "Port strike ends", "Example Wire", "2017-05-05",
    )  # fmt: skip
    assert first.metadata == {"section": "business"}
    assert items[f"{path}:2"].id == "42"
    assert items[f"{path}:3"].reason.startswith("invalid JSON: Expecting value")
    assert items[f"{path}:4"].reason == f"duplicate id wire-1 (first at {path}:1)"
    from_html = items[f"{path}:6"]
    assert from_html.title == "Ferry timetable changes"
    assert from_html.outlet == "harbour-times.com"
    assert from_html.text.startswith("The ferry company will add")
    assert items[f"{path}:7"].reason == "record is a JSON array, not an object"
    assert items[f"{path}:8"].reason.startswith("empty: 5 characters")
    assert items[f"{path}:9"].reason == "no text or html field (fields: summary, title)"
    assert f"{path}:5" not in items  # blank line


@pytest.mark.parametrize(
    ("record_id", "kind"), [(["a", 1], "array"), ({"n": 1}, "object"), (True, "boolean")]
)
def test_a_record_id_that_is_no_string_or_number_is_reported(tmp_path, record_id, kind):
    text = "The ferry company added two evening crossings on Tuesday, citing commuters."
    lines = [{"id": record_id, "text": text}, {"id": 7, "text": text + " Fares stay."}]
    nested = {"id": record_id, "documents": [{"text": text + " Again."}]}
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [*lines, nested]), encoding="utf-8")
    items = _by_location(read_sources([str(path)], IngestSettings()))
    reason = f"its id is a JSON {kind}, not a string or a number"
    assert items[f"{path}:1"] == Skipped(f"{path}:1", reason)
    assert items[f"{path}:2"].id == "7"
    assert items[f"{path}:3"] == Skipped(f"{path}:3", reason)


def test_nan_ids_and_author_objects(tmp_path):
    text = "The ferry company added two evening crossings on Tuesday, citing commuters."
    lines = [
        json.dumps({"id": float("nan"), "text": text}),  # Python writes NaN, as some tools do
        json.dumps(
            {"text": text + " More.", "authors": [{"@type": "Person", "name": "Ana"}, "Bo"]}
        ),
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _by_location(read_sources([str(path)], IngestSettings()))
    assert items[f"{path}:1"].reason == "its id is nan, not a string or a number"
    assert items[f"{path}:2"].author == "Ana, Bo"


def test_json_lines_named_json_lose_only_a_bad_first_line(tmp_path):
    text = "The ferry company added two evening crossings on Tuesday, citing commuters."
    good = [json.dumps({"id": n, "text": f"{text} {n}."}) for n in (2, 3)]
    path = tmp_path / "export.json"
    path.write_text("\n".join(['{"id": 1, "text": "cut short', *good]) + "\n", encoding="utf-8")
    items = _by_location(read_sources([str(path)], IngestSettings()))
    assert items[f"{path}:1"].reason.startswith("invalid JSON")
    assert [items[f"{path}:{n}"].id for n in (2, 3)] == ["2", "3"]
    pretty = tmp_path / "pretty.json"
    pretty.write_text('{\n  "id": 1,\n  "text": "cut short\n', encoding="utf-8")
    (skipped,) = read_sources([str(pretty)], IngestSettings()).skipped
    assert skipped.source == str(pretty) and skipped.reason.startswith("invalid JSON")


def test_trafilatura_json_record():
    path = FIXTURES / "json" / "trafilatura.json"
    (article,) = read_sources([str(path)], IngestSettings()).articles
    assert article.location == str(path)
    assert article.url == "https://www.northshore-daily.com/2018/11/20/library-hours"
    assert article.outlet == "northshore-daily.com"
    assert (article.author, article.published, article.language) == ("Ana Lind", "2018-11-20", "en")
    assert article.metadata["fingerprint"] == "abc123"
    assert "raw_text" not in article.metadata and "source" not in article.metadata


def test_news_please_json_list():
    path = FIXTURES / "json" / "newsplease.json"
    first, second = read_sources([str(path)], IngestSettings()).articles
    assert first.location == f"{path}#0"
    assert first.author == "Kofi Mensah, Rita Oyelaran"
    assert first.published == "2019-04-01T17:45:00"
    assert first.outlet == "accra-observer.com"
    assert first.metadata["description"] == "Vaccination drive reaches villages"
    assert second.published is None
    assert second.metadata["date_publish"] == "sometime last spring"  # kept, not guessed
    assert second.title.startswith("A second news-please record") and second.title.endswith("…")


def test_broken_json_file_is_one_skip():
    path = FIXTURES / "json" / "broken.json"
    result = read_sources([str(path)], IngestSettings())
    assert result.articles == ()
    assert result.skipped[0].source == str(path)
    assert result.skipped[0].reason.startswith("invalid JSON:")


def test_json_lines_saved_as_json_are_read_as_lines(tmp_path):
    path = tmp_path / "lines.json"
    path.write_text('{"text": "first record with enough text to be kept"}\n{"text": "x"}\n')
    result = read_sources([str(path)], IngestSettings())
    assert [a.location for a in result.articles] == [f"{path}:1"]
    assert [s.source for s in result.skipped] == [f"{path}:2"]


def test_record_html_and_text_must_be_strings():
    assert isinstance(record_to_article({"text": 5}, "r"), Skipped)
    assert isinstance(record_to_article({"html": "<html></html>"}, "r"), Skipped)


def test_local_feed_file_gives_one_article_per_entry_without_fetching():
    path = FIXTURES / "feed" / "harbour.rss"
    result = read_sources([str(path)], IngestSettings())
    assert result.skipped == ()
    lamp, market = result.articles
    assert (lamp.location, market.location) == (f"{path}#0", f"{path}#1")
    assert lamp.title == "Lighthouse gets a new lamp"
    assert lamp.url == "https://harbour-notes.example.org/2020/03/02/lighthouse-lamp"
    assert lamp.published is not None and lamp.published.startswith("2020-03-02")
    assert "22 nautical miles" in lamp.text
    assert market.text.startswith("From April the fish market")
    assert "not fetched" in lamp.metadata["page_problem"]


def test_truncated_feed_file_keeps_its_entries_and_says_where_it_broke(tmp_path):
    text = "The ferry will sail an hour later from Monday, the harbour office said on Friday."
    items = "".join(
        f"<item><guid>g{i}</guid><title>Ferry {i}</title><description>{text} ({i})</description></item>"
        for i in range(3)
    )
    path = tmp_path / "cut.rss"
    path.write_text(f"<rss version='2.0'><channel><title>C</title>{items}"[:-40], encoding="utf-8")
    result = read_sources([str(path)], IngestSettings())
    assert [a.location for a in result.articles] == [f"{path}#0", f"{path}#1"]
    (broken,) = [s for s in result.skipped if s.source == str(path)]
    assert broken.reason.startswith("malformed XML at line")
    assert broken.reason.endswith("read as far as it goes: 3 entries")  # the last cut short
    assert f"{path}#2" in {s.source for s in result.skipped}  # too little of it for an article
    assert {a.outlet for a in result.articles} == {"C"}  # no links, no site: the feed's title


def test_json_python_cannot_take_is_reported_per_line_and_lone_surrogates_replaced(tmp_path):
    text = "The harbour office moved the late ferry to half past eleven on weekdays."
    path = tmp_path / "odd.jsonl"
    lines = [
        '{"id": ' + "9" * 5000 + ', "text": "' + text + '"}',  # over Python's 4,300 digits
        '{"id": "s1", "title": "Ferry \\ud83d", "text": "' + text + ' \\udfff \\ud83d\\ude00"}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_sources([str(path)], IngestSettings())
    assert result.skipped == (
        Skipped(f"{path}:1", "invalid JSON: a number too long to read (column 1)"),
    )
    (article,) = result.articles
    assert article.title == "Ferry \ufffd"
    assert article.text == text + " \ufffd \U0001f600"  # a whole escaped pair is kept


def test_json_array_saved_as_jsonl_is_read(tmp_path):
    records = [
        {"id": f"r{i}", "text": f"The ferry sails at {i} o'clock from the north pier."}
        for i in (7, 9)
    ]
    path = tmp_path / "array.jsonl"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    result = read_sources([str(path)], IngestSettings())
    assert [(a.location, a.id) for a in result.articles] == [
        (f"{path}#0", "r7"),
        (f"{path}#1", "r9"),
    ]
    assert result.skipped == ()


def test_cluster_records_give_one_article_per_document():
    path = FIXTURES / "json" / "clusters.jsonl"
    result = read_sources([str(path)], IngestSettings())
    assert [a.location for a in result.articles] == [f"{path}:1#0", f"{path}:1#1"]
    assert all(a.metadata == {"cluster_id": "c1", TITLE_FROM_TEXT: True} for a in result.articles)
    assert result.articles[0].published is None and result.articles[0].outlet == ""
    assert result.skipped == (Skipped(f"{path}:2#0", "empty: the record's text field is empty"),)


def test_jsonl_lines_split_only_at_newlines(tmp_path):
    path = tmp_path / "u2028.jsonl"
    text = "First paragraph of the record.\u2028Still the same record, after a line separator."
    path.write_text(json.dumps({"id": "u1", "text": text}, ensure_ascii=False) + "\r\n")
    (article,) = read_sources([str(path)], IngestSettings()).articles
    assert (article.id, article.location, article.text) == ("u1", f"{path}:1", text)


def test_html_date_and_byline_paragraphs_at_the_top_are_lifted():
    body = "<p>The ferry company added two evening crossings on Tuesday, citing demand.</p>"
    page = (
        "<html><body><article><h1>Ferry adds crossings</h1><p>By Jane Doe</p>"
        f"<p>January 25, 2012</p>{body}<p>March 3, 2013</p></article></body></html>"
    )
    article = article_from_html(page, "x")
    assert article.lifted == ("Ferry adds crossings", "By Jane Doe", "January 25, 2012")
    assert (article.author, article.published) == ("Jane Doe", "2012-01-25")
    assert article.text.startswith("The ferry company") and article.text.endswith("March 3, 2013")


def test_an_html_time_stamp_paragraph_at_the_top_is_the_date():
    body = "<p>The ferry company added two evening crossings on Tuesday, citing demand.</p>"
    page = (
        "<html><body><article><h1>Ferry adds crossings</h1>"
        f"<p>Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:10 PM ET</p>{body}"
        "</article></body></html>"
    )
    article = article_from_html(page, "x")
    assert article.published == "2005-11-27"
    assert article.text.startswith("The ferry company")


def test_a_json_object_with_an_articles_list_is_read_article_by_article(tmp_path):
    path = tmp_path / "digest.json"
    records = [
        {
            "id": "d1",
            "title": "Ferry adds",
            "text": "The ferry company added two crossings.",
            "outlet": "ferry.example",
            "metadata": {"agency": "AFP"},
            "location": "a.txt",
        },
        {"id": "d2", "title": "Port fares", "text": "Fares at the port will not change this year."},
    ]
    path.write_text(json.dumps({"articles": records, "stories": [], "skipped": []}))
    result = read_sources([str(path)], IngestSettings(min_chars=10))
    assert [(a.id, a.location) for a in result.articles] == [
        ("d1", f"{path}#0"),
        ("d2", f"{path}#1"),
    ]
    assert result.articles[0].outlet == "ferry.example"
    assert result.articles[0].metadata == {"agency": "AFP", "location": "a.txt"}
