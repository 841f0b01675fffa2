"""robots.txt rules per site, read once per run and applied as RFC 9309 says."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

# Fetches a URL: (HTTP status, body text), or (0, the reason) when no answer came.
TextFetcher = Callable[[str], tuple[int, str]]


class Robots:
    """Answers "may this user agent fetch this URL?" from each site's robots.txt."""

    def __init__(self, fetch_text: TextFetcher, user_agent: str) -> None:
        self._fetch_text = fetch_text
        self._agent = user_agent
        self._lock = threading.Lock()
        self._site_locks: dict[str, threading.Lock] = {}
        self._rules: dict[str, tuple[RobotFileParser | None, str]] = {}

    def refusal(self, url: str) -> str:
        """Why the site forbids fetching `url`, or "" when it may be fetched."""
        parser, unreadable = self._site_rules(url)
        if unreadable:
            return unreadable
        if parser is not None and not parser.can_fetch(self._agent, url):
            return "robots.txt disallows it for storyline"
        return ""

    def crawl_delay(self, url: str) -> float:
        """The site's Crawl-delay for us in seconds, 0 when it sets none."""
        parser, _ = self._site_rules(url)
        delay = parser.crawl_delay(self._agent) if parser is not None else None
        return float(delay or 0)

    def _site_rules(self, url: str) -> tuple[RobotFileParser | None, str]:
        """The parsed rules of the URL's site (None: allow all) and a refusal when unreadable."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            site_lock = self._site_locks.setdefault(site, threading.Lock())
        with site_lock:  # one robots.txt request per site, however many threads ask
            if site not in self._rules:
                self._rules[site] = self._load(site)
            return self._rules[site]

    def _load(self, site: str) -> tuple[RobotFileParser | None, str]:
        """RFC 9309: a 4xx means no rules; a 5xx or no answer means the whole site is off limits."""
        status, text = self._fetch_text(f"{site}/robots.txt")
        if 400 <= status < 500:
            return None, ""
        if not 200 <= status < 300:
            reason = f"HTTP {status}" if status else text
            return (
                None,
                f"robots.txt could not be read ({reason}), so the site is treated as closed",
            )
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return parser, ""
