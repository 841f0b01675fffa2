"""One polite HTTP client: robots.txt, per-host limits, retries with backoff, hard size/time caps."""

from __future__ import annotations

import dataclasses
import email.utils
import threading
import time
from dataclasses import dataclass
from typing import Self
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.fetch.charset import decode
from storyline.fetch.ratelimit import HostLimiter
from storyline.fetch.robots import Robots
from storyline.settings import FetchSettings

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Response:
    """A complete response body (never partial); a 304 or a redirect has an empty body."""

    url: str
    final_url: str
    status: int
    media_type: str
    charset: str
    body: bytes
    etag: str = ""
    last_modified: str = ""
    location: str = ""  # where a redirect points (absolute); "" for any other response

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text, however its charset was (mis)declared."""
        return decode(self.body, self.charset)[0]


class FetchError(Exception):
    """A URL that could not be fetched; the message is a one-line reason, `status` the HTTP code."""

    def __init__(self, reason: str, status: int = 0) -> None:
        super().__init__(reason)
        self.status = status


class WrongMediaType(FetchError):
    """The server sent another kind of document than asked for; `media_type` is what it sent."""

    def __init__(self, media_type: str, accept: tuple[str, ...]) -> None:
        super().__init__(f"the server sent {media_type}, not {' or '.join(accept)}")
        self.media_type = media_type


class _Retryable(FetchError):
    """A failure worth another try: 429, 5xx, a dropped connection."""

    def __init__(self, reason: str, status: int = 0, retry_after: float | None = None) -> None:
        super().__init__(reason, status)
        self.retry_after = retry_after


class Client:
    """Fetches URLs politely; thread-safe, so one client serves a pool of workers."""

    def __init__(self, settings: FetchSettings, stop: threading.Event | None = None) -> None:
        self._settings = settings
        self._stop = stop or threading.Event()
        self._http = httpx.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=httpx.Timeout(settings.timeout_s),
            follow_redirects=False,  # followed in `get`, so every hop is checked
            limits=httpx.Limits(max_connections=max(settings.workers, 1) * 2),
        )
        self._limiter = HostLimiter(settings.per_host, settings.host_interval_s)
        self._robots = Robots(self._robots_text, settings.user_agent) if settings.robots else None

    @property
    def workers(self) -> int:
        """How many requests the caller may run at once on this client."""
        return max(1, self._settings.workers)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._http.close()

    def get(
        self, url: str, accept: tuple[str, ...] = (), etag: str = "", last_modified: str = ""
    ) -> Response:
        """GET `url`; `accept` lists the media types wanted; raises FetchError with the reason.

        Redirects are followed here, hop by hop, so robots.txt and the per-host limits apply to
        every URL actually requested.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = ", ".join(accept) + ", */*;q=0.1"
        target = url
        for _hop in range(self._settings.max_redirects + 1):
            self._check_allowed(target, redirected=target != url)
            response = self._with_retries(target, headers, accept)
            if not response.location:
                return dataclasses.replace(response, url=url)
            target = response.location
        raise FetchError(f"more than {self._settings.max_redirects} redirects")

    def _check_allowed(self, url: str, redirected: bool) -> None:
        """Refuse malformed and non-http(s) URLs and what robots.txt forbids; learn the site's
        Crawl-delay."""
        try:
            scheme = urlsplit(url).scheme
        except ValueError as exc:  # "http://[x": a feed's link or a redirect may be malformed
            where = f"redirected to {url}, " if redirected else ""
            raise FetchError(f"{where}not a valid URL ({exc})") from None
        if scheme not in ("http", "https"):
            raise FetchError(
                f"redirected to {url}, not an http(s) URL" if redirected else "not an http(s) URL"
            )
        if self._robots is None:
            return
        refusal = self._robots.refusal(url)
        if refusal:
            raise FetchError(f"redirected to {url}, but {refusal}" if redirected else refusal)
        if self._limiter.enabled:
            self._limiter.slow_down(url, self._robots.crawl_delay(url))

    def _robots_text(self, url: str) -> tuple[int, str]:
        """robots.txt as (status, text), or (0, reason); fetched without consulting robots.txt."""
        try:
            response = self._with_retries(url, {}, ())
        except FetchError as exc:
            return exc.status, str(exc)
        return response.status, response.text()

    def _with_retries(self, url: str, headers: dict[str, str], accept: tuple[str, ...]) -> Response:
        """Try up to 1 + retries times, waiting Retry-After or an exponential backoff between."""
        settings = self._settings
        for attempt in range(settings.retries + 1):
            if self._stop.is_set():
                raise FetchError("stopped before fetching")
            try:
                with self._limiter.slot(url):
                    return self._get_once(url, headers, accept)
            except _Retryable as exc:
                if attempt == settings.retries:
                    tries = "1 try" if attempt == 0 else f"{attempt + 1} tries"
                    raise FetchError(f"{exc} (gave up after {tries})", exc.status) from None
                delay = exc.retry_after
                if delay is None:
                    delay = settings.backoff_s * 2**attempt
                if delay > settings.max_retry_after_s:
                    raise FetchError(
                        f"{exc}; the server asks to wait {delay:.0f} s, more than the "
                        f"{settings.max_retry_after_s:.0f} s limit (fetch.max_retry_after_s)",
                        exc.status,
                    ) from None
                if self._stop.wait(delay):
                    raise FetchError("stopped while waiting to retry", exc.status) from None
        raise AssertionError("unreachable: the loop returns or raises")

    def _get_once(self, url: str, headers: dict[str, str], accept: tuple[str, ...]) -> Response:
        """One request, its body read under the size and time caps."""
        deadline = time.monotonic() + self._settings.timeout_s
        try:
            with self._http.stream("GET", url, headers=headers) as reply:
                return self._response(url, reply, accept, deadline)
        except httpx.TimeoutException:
            raise FetchError(
                f"the server did not answer within {self._settings.timeout_s:g} s (fetch.timeout_s)"
            ) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
            raise _Retryable("the server closed the connection before the response was complete")
        except httpx.ConnectError as exc:
            raise _Retryable(f"cannot connect: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"HTTP error: {exc}") from None
        except httpx.InvalidURL as exc:  # not an HTTPError: also a redirect to "javascript:..."
            raise FetchError(f"an invalid URL in the request or its redirect ({exc})") from None

    def _response(
        self, url: str, reply: httpx.Response, accept: tuple[str, ...], deadline: float
    ) -> Response:
        """Check status and content type, then read the body."""
        status = reply.status_code
        if status in _RETRY_STATUSES:
            retry_after = _retry_after(reply.headers.get("Retry-After", ""))
            raise _Retryable(f"HTTP {status} {reply.reason_phrase}", status, retry_after)
        if status >= 400:
            raise FetchError(f"HTTP {status} {reply.reason_phrase}", status)
        if status in _REDIRECT_STATUSES:
            location = reply.headers.get("Location", "").strip()
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location", status)
            try:
                target = urljoin(url, location)
            except ValueError as exc:  # "http://[x" cannot even be joined
                raise FetchError(f"redirected to {location}, not a valid URL ({exc})", status)
            return Response(url, url, status, "", "", b"", location=target)
        media_type, charset = _content_type(reply.headers.get("Content-Type", ""))
        body = b""
        if status != 304:
            if accept and media_type and media_type not in accept:
                raise WrongMediaType(media_type, accept)
            body = self._read_capped(reply, deadline)
        return Response(
            url=url,
            final_url=str(reply.url),
            status=status,
            media_type=media_type,
            charset=charset,
            body=body,
            etag=reply.headers.get("ETag", ""),
            last_modified=reply.headers.get("Last-Modified", ""),
        )

    def _read_capped(self, reply: httpx.Response, deadline: float) -> bytes:
        """The whole body, or FetchError once it passes max_bytes or the deadline."""
        limit = self._settings.max_bytes
        declared = reply.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(
                f"the response is {_size(int(declared))}, over the {_size(limit)} limit"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in reply.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"the response is over the {_size(limit)} limit (fetch.max_bytes)")
            if time.monotonic() > deadline:
                raise FetchError(
                    f"the response took over {self._settings.timeout_s:g} s (fetch.timeout_s)"
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _content_type(header: str) -> tuple[str, str]:
    """("text/html", "utf-8") from a Content-Type header; "" for what it does not say."""
    media_type, _, params = header.partition(";")
    charset = ""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _retry_after(value: str) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), None when absent."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _size(n: int) -> str:
    """A byte count for people: 52428800 -> "50.0 MB"."""
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"
