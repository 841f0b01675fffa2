"""`storyline fetch` and `storyline follow` as a user runs them, against a loopback server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from feedserver import FeedServer, Reply

PAGES = ("ferry", "ferry-cost", "pier")


@pytest.fixture
def server():
    with FeedServer() as running:
        for name in PAGES:
            running.serve_file(f"/news/{name}.html", f"{name}.html", "text/html; charset=utf-8")
        running.serve_file("/rss20.xml", "rss20.xml", "application/rss+xml")
        running.serve_file("/atom.xml", "atom.xml", "application/atom+xml")
        yield running


def _storyline(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the real command; a config file keeps timeouts short."""
    (cwd / "storyline.toml").write_text(
        "[fetch]\ntimeout_s = 1.0\nbackoff_s = 0.01\nhost_interval_s = 0.0\n"
    )
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_fetch_digests_pages_and_reports_failures(server, tmp_path):
    done = _storyline(
        tmp_path, "fetch", server.url("/news/ferry.html"), server.url("/news/pier.html"),
        server.url("/nope.html"), "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    digest = json.loads(done.stdout)
    assert sorted(a["title"] for a in digest["articles"]) == [
        "Harbour council approves night ferry to Port Elling",
        "North pier repairs delayed again as ferry plan moves ahead",
    ]
    assert f"storyline: skipped {server.url('/nope.html')}: HTTP 404 Not Found" in done.stderr
    assert "Traceback" not in done.stderr


def test_digest_reads_files_and_fetches_urls_into_one_digest(server, tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "ferry.txt").write_text(
        "Ferry service to Port Elling resumes\n\nThe harbour council said on Monday that the "
        "night ferry to Port Elling will run again from next week after repairs to the pier.\n",
        encoding="utf-8",
    )
    done = _storyline(
        tmp_path, "digest", "notes", server.url("/news/ferry.html"), server.url("/nope.html"),
        server.url("/news/ferry.html"), "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    digest = json.loads(done.stdout)
    assert [a["location"] for a in digest["articles"]] == [
        str(Path("notes") / "ferry.txt"),
        server.url("/news/ferry.html"),
    ]
    assert f"storyline: skipped {server.url('/nope.html')}: HTTP 404 Not Found" in done.stderr
    assert "read twice: this source was given more than once" in done.stderr
    assert [h.path for h in server.hits("/news/ferry.html")] == ["/news/ferry.html"]  # once


def test_fetch_with_nothing_readable_fails_with_one_line(server, tmp_path):
    server.serve("/img.png", Reply(body=b"\x89PNG", headers={"Content-Type": "image/png"}))
    done = _storyline(tmp_path, "fetch", server.url("/img.png"))
    assert done.returncode == 1
    assert "the server sent image/png, not text/html" in done.stderr
    assert "no page could be read" in done.stderr
    assert "storyline follow" not in done.stderr  # an image is no feed


def test_ingest_and_cluster_fetch_urls_too(server, tmp_path):
    page = server.url("/news/ferry.html")
    added = _storyline(tmp_path, "ingest", page, "--db", "news.db")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("1 added, 0 skipped; 1 story touched")
    clustered = _storyline(tmp_path, "cluster", page, server.url("/news/pier.html"))
    assert clustered.returncode == 0, clustered.stderr
    rows = [json.loads(line) for line in clustered.stdout.splitlines()]
    assert len(rows) == 2 and all(set(row) == {"id", "story", "event", "origin"} for row in rows)


def test_a_feed_given_as_a_page_says_that_follow_reads_it(server, tmp_path):
    done = _storyline(tmp_path, "digest", server.url("/rss20.xml"))
    assert done.returncode == 1
    assert (
        f"skipped {server.url('/rss20.xml')}: the server sent application/rss+xml, not text/html"
        in done.stderr
    )
    assert "a feed, which `storyline follow URL` reads" in done.stderr


def test_follow_opml_prints_a_digest_then_nothing_new(server, tmp_path):
    opml = (Path(__file__).parent / "fixtures" / "feeds" / "subscriptions.opml").read_text()
    (tmp_path / "subs.opml").write_text(opml.replace("{base}", server.url("")))
    first = _storyline(tmp_path, "follow", "--opml", "subs.opml", "--format", "json")
    assert first.returncode == 0, first.stderr
    titles = {a["title"] for a in json.loads(first.stdout)["articles"]}
    assert "Night ferry will cost 1.4 million a year, operator says" in titles
    assert "North pier repairs delayed again as ferry plan moves ahead" in titles
    assert (tmp_path / ".storyline-follow.db").is_file()
    second = _storyline(tmp_path, "follow", "--opml", "subs.opml", "--format", "json")
    assert second.returncode == 0
    assert second.stdout == ""
    assert "storyline: no new articles" in second.stderr


def test_follow_into_a_store(server, tmp_path):
    done = _storyline(tmp_path, "follow", server.url("/rss20.xml"), "--db", "news.db")
    assert done.returncode == 0, done.stderr
    assert "storyline: added 3 articles to news.db" in done.stderr
    assert (tmp_path / "news.db.follow").is_file()  # the seen state lives next to the store
    stories = _storyline(tmp_path, "stories", "--db", "news.db")
    assert "ferry" in stories.stdout.lower()


def test_follow_needs_a_feed(tmp_path):
    done = _storyline(tmp_path, "follow")
    assert done.returncode == 2
    assert "give at least one feed URL or --opml FILE" in done.stderr


def test_local_files_given_as_urls_get_a_hint(server, tmp_path):
    opml = (Path(__file__).parent / "fixtures" / "feeds" / "subscriptions.opml").read_text()
    (tmp_path / "subs.opml").write_text(opml.replace("{base}", server.url("")))
    (tmp_path / "page.html").write_text("<html></html>")
    done = _storyline(tmp_path, "follow", "subs.opml", "page.html", "example.org/feed")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "storyline: skipped subs.opml: an OPML feed list, not a URL: `storyline follow --opml"
        + " subs.opml` follows its feeds",
        "storyline: skipped page.html: a local file, not a URL: `storyline digest page.html`"
        + " reads it (follow reads the web over http or https)",
        "storyline: skipped example.org/feed: not an http(s) URL"
        + " (did you mean https://example.org/feed ?)",
        "storyline: error: give at least one feed URL or --opml FILE",
    ]
    fetched = _storyline(tmp_path, "fetch", "page.html", server.url("/news/pier.html"))
    assert fetched.returncode == 0, fetched.stderr
    assert "storyline: skipped page.html: a local file, not a URL" in fetched.stderr


def test_a_page_too_short_for_an_article_is_skipped_as_from_a_file(server, tmp_path):
    page = b"<html><body><article><p>Ok.</p></article></body></html>"
    url = server.serve("/tiny.html", Reply(body=page, headers={"Content-Type": "text/html"}))
    done = _storyline(tmp_path, "fetch", url, server.url("/news/pier.html"), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert f"storyline: skipped {url}: empty: 3 characters of text" in done.stderr
    digest = json.loads(done.stdout)
    assert len(digest["articles"]) == 1
    assert [s["source"] for s in digest["skipped"]] == [url]  # as digest's JSON lists its skips


def test_ctrl_c_stops_a_follow_loop_cleanly(server, tmp_path):
    (tmp_path / "storyline.toml").write_text("[fetch]\ntimeout_s = 1.0\nhost_interval_s = 0.0\n")
    follow = subprocess.Popen(
        [sys.executable, "-m", "storyline", "follow", server.url("/atom.xml"), "--every", "0.01",
         "--format", "json"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(server.hits("/atom.xml")) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # wait for the second round: the loop is running
    follow.send_signal(signal.SIGINT)
    out, err = follow.communicate(timeout=60)
    assert follow.returncode == 0, err
    assert "stopping after the current item" in err
    assert "Traceback" not in err
    assert len(json.loads(out)["articles"]) == 2  # the first round's digest


def test_bad_pages_each_get_a_line_and_the_run_goes_on(server, tmp_path):
    size = 50 * 1024 * 1024
    server.serve(
        "/huge.html",
        Reply(
            headers={"Content-Type": "text/html"},
            chunks=(b"<p>" + b"x" * 65_529 + b"</p>" for _ in range(size // 65_536)),
        ),
    )  # fmt: skip  (50 MB generated as sent, no Content-Length)
    server.serve("/slow.html", Reply(body=b"<p>late</p>", delay_s=2.5))
    server.serve("/bye.html", Reply(hang_up=True))
    server.serve("/moved.html", Reply(301, headers={"Location": "/news/ferry-cost.html"}))
    done = _storyline(
        tmp_path, "fetch", server.url("/huge.html"), server.url("/slow.html"), server.url("/bye.html"),
        server.url("/moved.html"), "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("storyline: skipped")]
    assert len(lines) == 3
    assert "huge.html: the response is over the 5.0 MB limit (fetch.max_bytes)" in lines[0]
    assert "slow.html: the server did not answer within 1 s" in lines[1]
    assert "bye.html: the server closed the connection" in lines[2]
    [article] = json.loads(done.stdout)["articles"]
    assert article["url"] == server.url("/news/ferry-cost.html")  # the redirect's target


def test_follow_once_with_no_feed_readable_fails_with_one_line(server, tmp_path):
    missing = _storyline(tmp_path, "follow", server.url("/gone.xml"))
    assert missing.returncode == 1
    assert missing.stderr.endswith("storyline: error: no feed could be read\n")
    some = _storyline(tmp_path, "follow", server.url("/gone.xml"), server.url("/rss20.xml"))
    assert some.returncode == 0, some.stderr  # one feed read is a run that worked


def test_fetch_and_follow_check_the_output_before_any_request(server, tmp_path):
    out = tmp_path / "missing" / "digest.html"
    for command, url in (("fetch", "/news/ferry.html"), ("follow", "/rss20.xml")):
        done = _storyline(tmp_path, command, server.url(url), "--output", str(out))
        assert done.returncode == 2
        assert done.stderr == f"storyline: error: cannot write {out}: no directory {out.parent}\n"
    assert not server.requests  # nothing was fetched


def test_malformed_urls_are_reported_and_the_run_goes_on(server, tmp_path):
    page = server.url("/news/ferry.html")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken links</title>'
        f"<item><guid>bad</guid><title>Bad</title><link>http://[broken/a</link></item>"
        f"<item><guid>good</guid><title>Good</title><link>{page}</link></item>"
        "</channel></rss>"
    )
    server.serve(
        "/broken.xml", Reply(body=feed.encode(), headers={"Content-Type": "application/rss+xml"})
    )
    done = _storyline(tmp_path, "follow", server.url("/broken.xml"), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "http://[broken/a: not a valid URL" in done.stderr
    titles = [a["title"] for a in json.loads(done.stdout)["articles"]]
    assert titles == ["Harbour council approves night ferry to Port Elling"]
    fetched = _storyline(tmp_path, "fetch", "http://[broken/b", page)
    assert fetched.returncode == 0, fetched.stderr
    assert "storyline: skipped http://[broken/b: not a valid URL" in fetched.stderr
