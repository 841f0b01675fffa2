"""The polite client against a real loopback server: caps, retries, redirects, charsets, robots."""

from __future__ import annotations

import threading

import pytest
from feedserver import FeedServer, Reply, conditional, sequence

from storyline.fetch.client import Client, FetchError
from storyline.fetch.ratelimit import HostLimiter
from storyline.settings import FetchSettings

FAST = FetchSettings(timeout_s=0.5, backoff_s=0.01, host_interval_s=0.0, max_bytes=200_000)
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def _get(url: str, settings: FetchSettings = FAST, **kwargs):
    with Client(settings) as client:
        return client.get(url, **kwargs)


def test_sends_a_clear_user_agent_and_reads_the_body(server):
    url = server.serve("/a", Reply(body=b"<p>hello</p>", headers=HTML))
    response = _get(url, accept=("text/html",))
    assert response.body == b"<p>hello</p>"
    assert (response.status, response.media_type, response.charset) == (200, "text/html", "utf-8")
    assert server.hits("/a")[0].headers["user-agent"] == FAST.user_agent
    assert "storyline" in FAST.user_agent


def test_conditional_get_sends_validators_and_reads_304(server):
    url = server.serve(
        "/feed",
        conditional(b"<rss/>", "application/rss+xml", '"v1"', "Mon, 02 Mar 2026 10:00:00 GMT"),
    )
    first = _get(url)
    assert (first.etag, first.last_modified) == ('"v1"', "Mon, 02 Mar 2026 10:00:00 GMT")
    again = _get(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    sent = server.hits("/feed")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Mon, 02 Mar 2026 10:00:00 GMT"


def test_429_with_retry_after_is_retried_after_waiting(server):
    url = server.serve(
        "/busy", sequence(Reply(429, headers={"Retry-After": "1"}), Reply(body=b"ok", headers=HTML))
    )
    assert _get(url).body == b"ok"
    assert len(server.hits("/busy")) == 2


def test_a_retry_after_beyond_the_limit_gives_up_at_once(server):
    url = server.serve("/later", Reply(429, headers={"Retry-After": "3600"}))
    with pytest.raises(FetchError, match="HTTP 429.*wait 3600 s, more than the 60 s limit"):
        _get(url)
    assert len(server.hits("/later")) == 1


def test_5xx_is_retried_with_backoff_then_reported(server):
    url = server.serve("/down", Reply(503))
    with pytest.raises(FetchError, match=r"HTTP 503 Service Unavailable \(gave up after 3 tries\)"):
        _get(url)
    assert len(server.hits("/down")) == 3  # 1 + FAST.retries


def test_5xx_then_success(server):
    url = server.serve("/flaky", sequence(Reply(502), Reply(body=b"fine", headers=HTML)))
    assert _get(url).body == b"fine"


def test_other_4xx_is_not_retried(server):
    with pytest.raises(FetchError, match="HTTP 404 Not Found") as caught:
        _get(server.url("/missing"))
    assert caught.value.status == 404
    assert len(server.hits("/missing")) == 1


def test_redirects_are_followed_up_to_the_cap(server):
    server.serve("/r1", Reply(301, headers={"Location": "/r2"}))
    server.serve("/r2", Reply(302, headers={"Location": "/final"}))
    server.serve("/final", Reply(body=b"arrived", headers=HTML))
    response = _get(server.url("/r1"))
    assert response.body == b"arrived"
    assert response.final_url == server.url("/final")
    server.serve("/loop", Reply(302, headers={"Location": "/loop"}))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        _get(server.url("/loop"))


def test_a_slow_server_times_out(server):
    url = server.serve("/slow", Reply(body=b"late", delay_s=1.5))
    with pytest.raises(FetchError, match="did not answer within 0.5 s"):
        _get(url)


def test_a_truncated_body_is_never_returned_as_complete(server):
    url = server.serve("/cut", Reply(body=b"x" * 10_000, headers=HTML, truncate_at=1_000))
    with pytest.raises(FetchError, match="closed the connection before the response was complete"):
        _get(url)
    assert len(server.hits("/cut")) == 3  # a dropped connection is worth retrying


def test_a_server_that_hangs_up(server):
    url = server.serve("/bye", Reply(hang_up=True))
    with pytest.raises(FetchError, match="closed the connection"):
        _get(url)


def test_a_50_mb_page_is_refused_by_its_declared_length(server):
    size = 50 * 1024 * 1024
    chunks = (b"<p>" + b"x" * 65_529 + b"</p>" for _ in range(size // 65_536))
    url = server.serve("/huge", Reply(headers=HTML, chunks=chunks, length=size))
    with pytest.raises(FetchError, match="the response is 52.4 MB, over the 0.2 MB limit"):
        _get(url)


def test_a_50_mb_stream_without_length_is_cut_off_at_the_cap(server):
    chunks = (b"y" * 65_536 for _ in range(800))  # 50 MB, generated as it is sent
    url = server.serve("/stream", Reply(headers=HTML, chunks=chunks))
    with pytest.raises(FetchError, match="over the 0.2 MB limit"):
        _get(url)


def test_unwanted_content_type_is_refused_before_the_body(server):
    url = server.serve("/img", Reply(body=b"\x89PNG", headers={"Content-Type": "image/png"}))
    with pytest.raises(FetchError, match="the server sent image/png, not text/html"):
        _get(url, accept=("text/html",))


@pytest.mark.parametrize(
    ("body", "header", "expected"),
    [
        ("Café crème".encode("latin-1"), "text/html; charset=utf-8", "Café crème"),  # wrong header
        (
            "Café crème".encode(),
            "text/html; charset=iso-8859-1",
            "Café crème",
        ),  # wrong header
        (
            "Привет".encode("koi8-r"),
            "text/plain; charset=koi8-r",
            "Привет",
        ),  # only the header knows
        ('<meta charset="windows-1251">Привет'.encode("cp1251"), "text/html", "Привет"),
    ],
)
def test_charsets_are_detected_even_when_declared_wrongly(server, body, header, expected):
    url = server.serve("/text", Reply(body=body, headers={"Content-Type": header}))
    assert _get(url).text().endswith(expected)


def test_robots_txt_is_honoured_and_read_once(server):
    server.serve_file("/robots.txt", "robots.txt", "text/plain")
    server.serve("/news/weather.html", Reply(body=b"storm", headers=HTML))
    server.serve("/ok", Reply(body=b"fine", headers=HTML))
    with Client(FAST) as client:
        with pytest.raises(FetchError, match="robots.txt disallows it"):
            client.get(server.url("/news/weather.html"))
        assert client.get(server.url("/ok")).body == b"fine"
    assert server.hits("/news/weather.html") == []
    assert len(server.hits("/robots.txt")) == 1


def test_unreadable_robots_txt_closes_the_site_but_missing_one_opens_it(server):
    server.serve("/page", Reply(body=b"fine", headers=HTML))
    assert _get(server.url("/page")).body == b"fine"  # /robots.txt is a 404: no rules
    server.serve("/robots.txt", Reply(500))
    with pytest.raises(FetchError, match=r"robots.txt could not be read \(HTTP 500"):
        _get(server.url("/page"))


def test_robots_can_be_turned_off(server):
    server.serve_file("/robots.txt", "robots.txt", "text/plain")
    server.serve("/news/weather.html", Reply(body=b"storm", headers=HTML))
    off = FetchSettings(timeout_s=0.5, robots=False, host_interval_s=0.0)
    assert _get(server.url("/news/weather.html"), off).body == b"storm"
    assert server.hits("/robots.txt") == []


def test_only_http_urls():
    with pytest.raises(FetchError, match="not an http"):
        _get("file:///etc/passwd")


def test_per_host_limit_caps_concurrent_requests_to_one_host():
    limiter = HostLimiter(per_host=2, interval_s=0.0)
    inside: dict[str, int] = {}
    peak: dict[str, int] = {}
    lock = threading.Lock()

    def work(host: str) -> None:
        with limiter.slot(f"http://{host}/page"):
            with lock:
                inside[host] = inside.get(host, 0) + 1
                peak[host] = max(peak.get(host, 0), inside[host])
            threading.Event().wait(0.2)
            with lock:
                inside[host] -= 1

    hosts = ["127.0.0.1:1"] * 6 + ["127.0.0.2:1"]
    threads = [threading.Thread(target=work, args=(host,)) for host in hosts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak == {"127.0.0.1:1": 2, "127.0.0.2:1": 1}


def test_per_host_interval_spaces_requests_and_crawl_delay_widens_it():
    waits: list[float] = []
    limiter = HostLimiter(per_host=1, interval_s=1.0, clock=lambda: 100.0, sleep=waits.append)
    for url in ("http://a.test/1", "http://a.test/2", "http://b.test/1", "http://a.test/3"):
        with limiter.slot(url):
            pass
    assert waits == [0.0, 1.0, 0.0, 2.0]  # the clock stands still: starts are booked ahead
    limiter.slow_down("http://c.test/robots.txt", 5.0)  # its robots.txt says Crawl-delay: 5
    for url in ("http://c.test/1", "http://c.test/2"):
        with limiter.slot(url):
            pass
    assert waits[-2:] == [0.0, 5.0]


def test_no_per_host_limits_means_no_waiting():
    waits: list[float] = []
    limiter = HostLimiter(per_host=0, interval_s=1.0, sleep=waits.append)
    for _ in range(3):
        with limiter.slot("http://a.test/1"):
            pass
    assert waits == [] and not limiter.enabled


def test_retry_after_as_an_http_date(server):
    past = "Wed, 21 Oct 2015 07:28:00 GMT"
    url = server.serve(
        "/dated",
        sequence(Reply(503, headers={"Retry-After": past}), Reply(body=b"ok", headers=HTML)),
    )
    assert _get(url).body == b"ok"  # a date in the past: retry at once


def test_gzip_bodies_are_decoded_and_capped_after_decoding(server):
    import gzip

    small = gzip.compress(b"<p>" + b"z" * 1_000 + b"</p>")
    url = server.serve("/gz", Reply(body=small, headers={**HTML, "Content-Encoding": "gzip"}))
    assert _get(url).body.startswith(b"<p>zzz")
    bomb = gzip.compress(b"z" * 5_000_000)  # 5 KB on the wire, 5 MB unpacked
    url = server.serve("/bomb", Reply(body=bomb, headers={**HTML, "Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match="over the 0.2 MB limit"):
        _get(url)


def test_robots_txt_applies_to_redirect_targets(server):
    server.serve_file("/robots.txt", "robots.txt", "text/plain")
    server.serve("/short/storm", Reply(302, headers={"Location": "/news/weather.html"}))
    server.serve("/news/weather.html", Reply(body=b"storm", headers=HTML))
    with pytest.raises(
        FetchError, match=r"redirected to .*/news/weather.html, but robots.txt disallows"
    ):
        _get(server.url("/short/storm"))
    assert server.hits("/news/weather.html") == []


def test_a_redirect_without_location_is_an_error(server):
    url = server.serve("/nowhere", Reply(302))
    with pytest.raises(FetchError, match="redirect without a Location"):
        _get(url)


def test_a_redirect_to_an_invalid_url_is_an_error(server):
    url = server.serve("/js", Reply(301, headers={"Location": "javascript:alert(1)"}))
    with pytest.raises(FetchError, match="invalid URL"):
        _get(url)


def test_a_malformed_url_is_an_error_not_a_crash(server):
    with pytest.raises(FetchError, match="not a valid URL"):
        _get("http://[broken/fares")
    url = server.serve("/bad", Reply(301, headers={"Location": "http://[broken/fares"}))
    with pytest.raises(FetchError, match="redirected to http://\\[broken/fares, not a valid URL"):
        _get(url)
