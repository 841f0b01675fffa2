"""Following feeds on a loopback server: new entries only, fallbacks, bad feeds, state across runs."""

from __future__ import annotations

import threading

import pytest
from feedserver import FeedServer, Reply, conditional

from storyline.fetch.client import Client
from storyline.fetch.follow import FollowReport, follow_feeds
from storyline.fetch.seen import SeenState
from storyline.ingest.web import Extractor
from storyline.settings import FetchSettings

FAST = FetchSettings(timeout_s=0.5, backoff_s=0.01, host_interval_s=0.0, retries=1)
PAGES = ("ferry", "ferry-cost", "pier", "weather")


@pytest.fixture
def server():
    with FeedServer() as running:
        for name in PAGES:
            running.serve_file(f"/news/{name}.html", f"{name}.html", "text/html; charset=utf-8")
        yield running


def _follow(
    server: FeedServer,
    state_path,
    *paths: str,
    max_entries: int = 50,
    stop=None,
    settings: FetchSettings = FAST,
    processes: int = 1,
    progress=lambda *_: None,
) -> FollowReport:
    stop = stop or threading.Event()
    with (
        Extractor(processes) as extractor,
        SeenState(state_path) as state,
        Client(settings, stop) as client,
    ):
        return follow_feeds(
            [server.url(p) for p in paths],
            client,
            extractor,
            state,
            max_entries=max_entries,
            stop=stop,
            progress=progress,
        )


def test_first_run_reads_every_entry_with_feed_metadata(server, tmp_path):
    server.serve_file("/rss20.xml", "rss20.xml", "application/rss+xml")
    report = _follow(server, tmp_path / "state.db", "/rss20.xml")
    titles = [a.title for a in report.articles]
    assert titles == [
        "Quay traders plan longer hours",
        "Night ferry will cost 1.4 million a year, operator says",
        "Harbour council approves night ferry to Port Elling",
    ]
    ferry = report.articles[2]
    assert ferry.text.startswith("The Lindqvist harbour council voted seven to two")
    assert "Subscribe" not in ferry.text and "Most read" not in ferry.text  # page boilerplate gone
    assert ferry.metadata["feed"] == server.url("/rss20.xml")
    assert ferry.metadata["feed_entry"] == "courier-1001"
    assert ferry.published == "2026-03-02"
    assert report.skipped == ()
    assert f"{server.url('/rss20.xml')}: 3 new of 3 entries" in report.notes


def test_unfetchable_page_falls_back_to_the_entry_text_and_says_so(server, tmp_path):
    server.serve_file("/rss20.xml", "rss20.xml", "application/rss+xml")
    report = _follow(server, tmp_path / "state.db", "/rss20.xml")
    traders = report.articles[0]
    assert traders.text.startswith("Traders on the old quay said on Wednesday")  # content:encoded
    assert traders.metadata["text_source"] == "feed entry"
    assert traders.metadata["page_problem"] == "HTTP 404 Not Found"
    assert traders.published == "2026-03-04T11:00:00+00:00"  # the entry's date
    assert any("gone.html: page not used (HTTP 404 Not Found)" in n for n in report.notes)


def test_second_run_uses_a_conditional_get_and_fetches_nothing(server, tmp_path):
    server.serve(
        "/rss20.xml",
        conditional(
            _fixture_feed(server), "application/rss+xml", '"v7"', "Tue, 03 Mar 2026 10:00:00 GMT"
        ),
    )
    state = tmp_path / "state.db"
    assert len(_follow(server, state, "/rss20.xml").articles) == 3
    again = _follow(server, state, "/rss20.xml")
    assert again.articles == () and again.skipped == ()
    assert again.notes == (f"{server.url('/rss20.xml')}: not modified since the last run",)
    assert server.hits("/rss20.xml")[1].headers["if-none-match"] == '"v7"'
    assert len(server.hits("/news/ferry.html")) == 1


def test_seen_entries_are_not_fetched_again_when_the_feed_changes(server, tmp_path):
    server.serve_file("/rss20.xml", "rss20.xml", "application/rss+xml")  # no validators
    state = tmp_path / "state.db"
    _follow(server, state, "/rss20.xml")
    again = _follow(server, state, "/rss20.xml")
    assert again.articles == ()
    assert f"{server.url('/rss20.xml')}: 0 new of 3 entries" in again.notes
    assert len(server.hits("/news/ferry.html")) == 1
    assert len(server.hits("/news/ferry-cost.html")) == 1


def test_same_content_under_another_guid_and_url_is_not_read_twice(server, tmp_path):
    server.serve_file("/rss10.rdf", "rss10.rdf", "application/rdf+xml")
    server.serve_file("/mirror/ferry.html", "ferry.html", "text/html")
    mirror = server.url("/mirror/ferry.html")
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Mirror</title>'
        f'<entry><id>mirror-1</id><title>Copy</title><link href="{mirror}"/></entry></feed>'
    )
    server.serve(
        "/mirror.xml", Reply(body=atom.encode(), headers={"Content-Type": "application/atom+xml"})
    )
    state = tmp_path / "state.db"
    first = _follow(server, state, "/rss10.rdf")
    assert len(first.articles) == 1
    second = _follow(server, state, "/mirror.xml")
    assert second.articles == ()
    assert [(s.source, s.reason) for s in second.skipped] == [
        (mirror, "same text as an article read before")
    ]


def test_bad_feeds_each_get_a_line_and_the_run_goes_on(server, tmp_path):
    server.serve_file("/atom.xml", "atom.xml", "application/atom+xml")
    server.serve_file("/home.html", "homepage.html", "text/html")
    server.serve_file("/malformed.xml", "malformed.xml", "application/rss+xml")
    server.serve("/slow.xml", Reply(body=b"<rss/>", delay_s=1.5))
    server.serve("/hangup.xml", Reply(hang_up=True))
    report = _follow(
        server,
        tmp_path / "s.db",
        "/home.html",
        "/slow.xml",
        "/hangup.xml",
        "/malformed.xml",
        "/atom.xml",
    )
    reasons = {s.source.rsplit("/", 1)[1]: s.reason for s in report.skipped}
    assert reasons["home.html"].startswith("this is an HTML page, not an RSS or Atom feed")
    assert "did not answer within 0.5 s" in reasons["slow.xml"]
    assert "closed the connection" in reasons["hangup.xml"]
    assert any(
        n.startswith(f"{server.url('/malformed.xml')}: malformed XML at line") for n in report.notes
    )
    titles = sorted(a.title for a in report.articles)
    assert titles == [
        "North pier repairs delayed again as ferry plan moves ahead",
        "Storm warning issued for the western coast",
    ]  # the storm story twice (malformed + atom feeds) is read once


def test_a_feed_with_10000_entries_is_capped_with_a_note(server, tmp_path):
    items = "".join(
        f"<item><title>Notice {i}</title><link>{server.url(f'/n/{i}')}</link><guid>n{i}</guid>"
        f"<description>Harbour notice number {i} about berth changes.</description>"
        f"<pubDate>Mon, 02 Mar 2026 {i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d} GMT</pubDate></item>"
        for i in range(10_000)
    )
    body = f"<rss version='2.0'><channel><title>Notices</title>{items}</channel></rss>".encode()
    server.serve("/big.xml", Reply(body=body, headers={"Content-Type": "application/rss+xml"}))
    report = _follow(server, tmp_path / "s.db", "/big.xml", max_entries=4)
    assert (
        f"{server.url('/big.xml')}: 10000 entries; only the newest 4 are read (fetch.max_entries)"
        in report.notes
    )
    assert [a.title for a in report.articles] == [
        "Notice 9999",
        "Notice 9998",
        "Notice 9997",
        "Notice 9996",
    ]
    assert all(a.metadata["text_source"] == "feed entry" for a in report.articles)  # pages 404


def test_robots_disallowed_page_uses_the_entry_text(server, tmp_path):
    server.serve_file("/robots.txt", "robots.txt", "text/plain")
    server.serve_file("/atom.xml", "atom.xml", "application/atom+xml")
    report = _follow(server, tmp_path / "s.db", "/atom.xml")
    storm = next(a for a in report.articles if a.title.startswith("Storm"))
    assert storm.metadata["page_problem"] == "robots.txt disallows it for storyline"
    assert server.hits("/news/weather.html") == []


def test_entries_without_link_or_text_are_skipped_and_retried_next_time(server, tmp_path):
    feed = (
        "<rss version='2.0'><channel><title>T</title>"
        f"<item><title>Only a title</title><link>{server.url('/missing')}</link><guid>t1</guid></item>"
        "</channel></rss>"
    )
    server.serve(
        "/t.xml", Reply(body=feed.encode(), headers={"Content-Type": "text/xml", "ETag": '"e"'})
    )
    state = tmp_path / "s.db"
    first = _follow(server, state, "/t.xml")
    assert [s.reason for s in first.skipped] == [
        "HTTP 404 Not Found; the feed entry has no text of its own"
    ]
    second = _follow(server, state, "/t.xml")
    assert "if-none-match" not in server.hits("/t.xml")[1].headers  # validators not saved
    assert len(second.skipped) == 1


def test_a_stop_before_anything_reads_nothing(server, tmp_path):
    server.serve_file("/rss20.xml", "rss20.xml", "application/rss+xml")
    stop = threading.Event()
    stop.set()
    stopped = _follow(server, tmp_path / "s.db", "/rss20.xml", stop=stop)
    assert stopped.stopped and stopped.articles == () and stopped.skipped == ()
    assert stopped.notes == ("stopped: 1 feed and 0 entries left for the next run",)
    assert server.requests == []


def test_a_stop_after_the_current_item_leaves_the_rest_for_the_next_run(server, tmp_path):
    server.serve(
        "/rss20.xml", conditional(_fixture_feed(server), "application/rss+xml", '"v1"', "")
    )
    stop = threading.Event()
    one_at_a_time = FetchSettings(timeout_s=0.5, host_interval_s=0.0, workers=1)
    state_path = tmp_path / "s.db"

    def stop_after_first_page(stage: str, done: int, total: int) -> None:
        if stage == "pages":
            stop.set()  # what Ctrl-C does

    first = _follow(
        server, state_path, "/rss20.xml", stop=stop, settings=one_at_a_time,
        progress=stop_after_first_page,
    )  # fmt: skip
    # The one worker may have begun the next entry before the stop reached it; no more than that.
    done = len(first.articles)
    assert first.stopped and done in (1, 2)
    left = "2 entries" if done == 1 else "1 entry"
    assert f"stopped: 0 feeds and {left} left for the next run" in first.notes
    rest = _follow(server, state_path, "/rss20.xml")
    assert "if-none-match" not in server.hits("/rss20.xml")[1].headers  # the feed was unfinished
    assert len(rest.articles) == 3 - done
    assert {a.title for a in rest.articles}.isdisjoint(a.title for a in first.articles)


def _fixture_feed(server: FeedServer) -> bytes:
    """The RSS 2.0 fixture as this server would serve it."""
    server.serve_file("/fixture.xml", "rss20.xml", "application/rss+xml")
    return server.routes["/fixture.xml"].body


def test_seen_state_survives_reopening(tmp_path):
    path = tmp_path / "state.db"
    with SeenState(path) as state:
        state.remember(guid="g1", url="http://127.0.0.1/a", hash="h1")
    with SeenState(path) as state:
        assert state.seen_any(url="http://127.0.0.1/a") == "url"
        assert state.seen_any(guid="other", hash="h1") == "hash"
        assert state.seen_any(guid="g2", url="http://127.0.0.1/b") == ""


def test_a_teaser_page_shorter_than_the_feed_text_is_not_used(server, tmp_path):
    server.serve("/news/teaser.html", Reply(
        body=b"<html><body><article><h1>Ferry</h1><p>Subscribe to read the full story about the ferry.</p>"
        b"</article></body></html>", headers={"Content-Type": "text/html"},
    ))  # fmt: skip
    text = " ".join(["The council approved the night ferry after a long debate."] * 6)
    feed = (
        "<rss version='2.0'><channel><title>T</title><item><title>Ferry</title>"
        f"<link>{server.url('/news/teaser.html')}</link><guid>t1</guid>"
        f"<description>{text}</description></item></channel></rss>"
    )
    server.serve(
        "/t.xml", Reply(body=feed.encode(), headers={"Content-Type": "application/rss+xml"})
    )
    [article] = _follow(server, tmp_path / "s.db", "/t.xml").articles
    assert article.text == text
    assert article.metadata["page_problem"].startswith("the page has less text than the feed entry")


def test_extraction_on_worker_processes_gives_the_same_articles(server, tmp_path):
    server.serve_file("/rss20.xml", "rss20.xml", "application/rss+xml")
    in_threads = _follow(server, tmp_path / "a.db", "/rss20.xml")
    in_processes = _follow(server, tmp_path / "b.db", "/rss20.xml", processes=2)
    assert in_processes.articles == in_threads.articles
    assert len(in_processes.articles) == 3


def test_rss091_entry_page_served_with_a_wrong_charset_reads_correctly(server, tmp_path):
    server.serve_file("/rss091.xml", "rss091.xml", "application/rss+xml")
    # The page is Latin-1 but the server claims UTF-8.
    server.serve_file("/news/cafe.html", "cafe-latin1.html", "text/html; charset=utf-8")
    [article] = _follow(server, tmp_path / "s.db", "/rss091.xml").articles
    assert article.title == "Café owners welcome late ferry"
    assert "Åsa Lindgren, who runs the Kaffestället café" in article.text
    assert "\ufffd" not in article.text
