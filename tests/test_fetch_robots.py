"""robots.txt rules as RFC 9309 states them, without a network: the fetcher is a function here."""

from __future__ import annotations

import pytest

from storyline.fetch.robots import Robots

AGENT = "storyline/0.1 (news digest)"
RULES = """\
User-agent: *
Disallow: /private/

User-agent: storyline
Disallow: /drafts/
Crawl-delay: 3
"""


def _robots(status: int, text: str = "") -> tuple[Robots, list[str]]:
    asked: list[str] = []

    def fetch(url: str) -> tuple[int, str]:
        asked.append(url)
        return status, text

    return Robots(fetch, AGENT), asked


def test_our_group_applies_and_is_read_once_per_site():
    robots, asked = _robots(200, RULES)
    assert (
        robots.refusal("http://127.0.0.1:8/drafts/a.html")
        == "robots.txt disallows it for storyline"
    )
    assert robots.refusal("http://127.0.0.1:8/private/a.html") == ""  # only the * group says so
    assert robots.refusal("http://127.0.0.1:8/news/a.html") == ""
    assert robots.crawl_delay("http://127.0.0.1:8/news/a.html") == 3.0
    assert asked == ["http://127.0.0.1:8/robots.txt"]


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_a_4xx_robots_txt_means_no_rules(status):
    robots, _ = _robots(status)
    assert robots.refusal("http://127.0.0.1:8/anything") == ""
    assert robots.crawl_delay("http://127.0.0.1:8/anything") == 0.0


@pytest.mark.parametrize(("status", "said"), [(503, "HTTP 503"), (0, "cannot connect")])
def test_an_unreachable_robots_txt_closes_the_site(status, said):
    robots, _ = _robots(status, "cannot connect")
    refusal = robots.refusal("http://127.0.0.1:8/a")
    assert said in refusal and "treated as closed" in refusal
