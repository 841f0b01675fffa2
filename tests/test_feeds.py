"""Feed parsing: every feed dialect, malformed feeds, HTML served as a feed, huge feeds."""

from __future__ import annotations

import pytest
from feedserver import FIXTURES

from storyline.errors import UserError
from storyline.fetch.opml import feed_urls
from storyline.ingest.feeds import FeedError, parse_feed

BASE = "http://127.0.0.1:9"


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{base}", BASE.encode())


def test_rss20_entries_carry_title_link_date_summary_and_content():
    feed = parse_feed(_fixture("rss20.xml"), f"{BASE}/rss20.xml")
    assert feed.title == "The Lindqvist Courier: Local"
    assert [e.key for e in feed.entries] == ["courier-1003", "courier-1002", "courier-1001"]
    newest, _, oldest = feed.entries
    assert oldest.link == f"{BASE}/news/ferry.html"
    assert oldest.title == "Harbour council approves night ferry to Port Elling"
    assert oldest.published == "2026-03-02T08:30:00+00:00"  # +0100 made UTC
    assert oldest.summary == "The council voted seven to two for a night ferry."  # HTML stripped
    assert newest.content.startswith("Traders on the old quay said on Wednesday")
    assert "\n\n" in newest.content  # one paragraph per <p>
    assert newest.text == newest.content  # the fuller of summary and content


def test_atom_entry_uses_updated_when_not_published():
    feed = parse_feed(_fixture("atom.xml"), f"{BASE}/atom.xml")
    storm, pier = feed.entries
    assert storm.key == "urn:lindqvist:harbour:storm-0305"
    assert storm.published == "2026-03-05T08:00:00+00:00"
    assert storm.summary == "Ferries should stay in port until Friday afternoon."
    assert pier.link == f"{BASE}/news/pier.html"


def test_rss10_and_rss091():
    rdf = parse_feed(_fixture("rss10.rdf"), f"{BASE}/rss10.rdf")
    assert [e.link for e in rdf.entries] == [f"{BASE}/news/ferry.html"]
    assert rdf.entries[0].published == "2026-03-02T08:30:00+00:00"
    old = parse_feed(_fixture("rss091.xml"), f"{BASE}/rss091.xml")
    assert old.entries[0].title == "Café owners welcome late ferry"
    assert old.entries[0].published is None  # never invented
    assert old.entries[0].key == f"{BASE}/news/cafe.html"  # no GUID: the link identifies it


def test_malformed_feed_keeps_what_it_could_read_and_says_what_broke():
    feed = parse_feed(_fixture("malformed.xml"), f"{BASE}/malformed.xml")
    assert feed.entries[0].key == "broken-1"
    assert feed.problem.startswith("malformed XML at line")


def test_html_page_is_not_a_feed_and_points_to_its_feed_link():
    with pytest.raises(FeedError, match="HTML page, not an RSS or Atom feed.*/feeds/local.xml"):
        parse_feed(_fixture("homepage.html"), f"{BASE}/index.html", "text/html")


@pytest.mark.parametrize(
    ("body", "reason"),
    [(b"", "the feed is empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "not an RSS or Atom feed")],
)
def test_other_non_feeds(body, reason):
    with pytest.raises(FeedError, match=reason):
        parse_feed(body, f"{BASE}/x")


_RELATIVE = b"""<?xml version="1.0"?><rss version="2.0"><channel>
<title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Fares rise</title><link>/news/fares</link><description>Fares rose.</description></item>
<item><title>Pier shut</title><description>The pier shut for repairs.</description></item>
</channel></rss>"""


def test_relative_links_resolve_against_the_feed_address_and_linkless_entries_take_its_site():
    fetched = parse_feed(_RELATIVE, "https://feeds.example/harbour/rss.xml")
    fares, pier = fetched.entries
    assert fares.link == "https://feeds.example/news/fares"  # fetchable, as a feed reader does
    assert (pier.link, pier.outlet) == ("", "gazette.example")  # the site the feed names


def test_a_malformed_link_is_kept_as_given_and_the_feed_still_reads():
    body = _RELATIVE.replace(b"<link>/news/fares</link>", b"<link>http://[broken/fares</link>")
    fares, pier = parse_feed(body, "https://feeds.example/harbour/rss.xml").entries
    assert fares.link == "http://[broken/fares"
    assert pier.title == "Pier shut"


def test_a_feed_file_resolves_relative_links_against_the_site_it_names():
    fares, _ = parse_feed(_RELATIVE, "downloads/harbour.xml").entries
    assert fares.link == "https://gazette.example/news/fares"  # a file path is no base
    untitled_site = _RELATIVE.replace(b"<link>https://gazette.example/</link>", b"")
    fares, pier = parse_feed(untitled_site, "downloads/harbour.xml").entries
    assert fares.link == "/news/fares"  # nothing to resolve against: kept as the feed gave it
    assert pier.outlet == "Harbour Gazette"  # no site: the feed's title names the outlet


def test_huge_feed_keeps_the_newest_entries():
    items = "".join(
        f"<item><title>Item {i}</title><link>{BASE}/p/{i}</link><guid>g{i}</guid>"
        f"<pubDate>Mon, 02 Mar 2026 {i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d} GMT</pubDate></item>"
        for i in range(300)
    )
    body = f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>".encode()
    feed = parse_feed(body, f"{BASE}/big.xml", max_entries=5)
    assert feed.total == 300
    assert [e.key for e in feed.entries] == ["g299", "g298", "g297", "g296", "g295"]


def test_impossible_dates_are_unknown_and_the_feed_still_reads():
    items = "".join(
        f"<item><guid>g{i}</guid><title>Item {i}</title><pubDate>{date}</pubDate></item>"
        for i, date in enumerate(["0000-00-00", "Blursday 45 Foo", "Mon, 02 Mar 2026 08:00:00 GMT"])
    )
    body = f"<rss version='2.0'><channel><title>Dates</title>{items}</channel></rss>".encode()
    feed = parse_feed(body, f"{BASE}/dates.xml")
    published = {e.key: e.published for e in feed.entries}
    assert published == {"g0": None, "g1": None, "g2": "2026-03-02T08:00:00+00:00"}


def test_opml_lists_nested_feeds_once_in_file_order(tmp_path):
    path = tmp_path / "subs.opml"
    path.write_bytes(_fixture("subscriptions.opml"))
    assert feed_urls(path) == (f"{BASE}/rss20.xml", f"{BASE}/atom.xml")


def test_opml_errors_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="not found"):
        feed_urls(tmp_path / "missing.opml")
    empty = tmp_path / "empty.opml"
    empty.write_text("<opml><body><outline text='folder'/></body></opml>")
    with pytest.raises(UserError, match="lists no feeds"):
        feed_urls(empty)
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body>")
    with pytest.raises(UserError, match="cannot read OPML"):
        feed_urls(broken)
