"""One request to an OpenAI-compatible chat-completions endpoint (Ollama, llama.cpp, vLLM, OpenAI).

httpx is already storyline's HTTP client (fetch/). Only the `llm` summarizer calls this, and only
when a user names an endpoint: nothing here runs by default.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from typing import Any

import httpx

from storyline.summarize.reply_cache import CacheError, cached_reply, keep_reply, request_key

# After an endpoint cannot be reached, the stories that follow in this process do not each wait
# out a timeout: they fall back at once for this long, then the endpoint is tried again.
UNREACHABLE_PAUSE_S = 60.0
_REASON_CHARS = 200  # of an error body quoted back to the user
_SAMPLING_OPTIONS = ("max_tokens", "temperature", "seed")

_unreachable: dict[str, tuple[float, str]] = {}  # url -> (until, reason)
_lock = threading.Lock()


class EndpointError(Exception):
    """The endpoint gave no usable answer; the message says why, for the summary's notes."""


def chat_url(url: str) -> str:
    """The completions URL of a base URL ("http://host:11434/v1") or of the full one; a query
    ("?api-version=...") stays where it is."""
    parts = httpx.URL(url)
    path = parts.path.rstrip("/")
    if not path.endswith("/chat/completions"):
        path += "/chat/completions"
    return str(parts.copy_with(path=path))


def shown_url(url: str) -> str:
    """The URL as messages and the cache show it: without a user, password or query, which may
    carry a key ("https://user:key@host/v1?api_key=...")."""
    parts = httpx.URL(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.host}{port}{parts.path}"


def complete(
    url: str,
    model: str,
    messages: Sequence[dict[str, str]],
    *,
    max_tokens: int,
    timeout_s: float,
    api_key_env: str,
    cache: str | None = None,
) -> str:
    """The model's reply to `messages`, asked for deterministically (temperature 0, a fixed seed).

    With `cache` (a file), a request asked before is answered from it, even offline. Raises
    EndpointError for anything but a well-formed answer with text in it.
    """
    target = chat_url(url)
    body = {
        "model": model,
        "messages": list(messages),
        "temperature": 0,
        "seed": 0,
        "max_tokens": max_tokens,
        "stream": False,
    }
    key = request_key(target, body)
    try:
        kept = cached_reply(cache, key) if cache else None
        if kept is not None:
            return kept
        reply = _ask(target, body, timeout_s, api_key_env)
        if cache:
            keep_reply(cache, key, shown_url(target), reply)
    except CacheError as exc:
        raise EndpointError(str(exc)) from None
    return reply


def _ask(target: str, body: dict[str, Any], timeout_s: float, api_key_env: str) -> str:
    _check_reachable(target)
    headers = {"Content-Type": "application/json"}
    key = os.environ.get(api_key_env)
    if key:
        headers["Authorization"] = f"Bearer {key}"
    response = _post(target, body, headers, timeout_s)
    if _refuses_sampling_options(response):
        response = _post(target, _plain(body), headers, timeout_s)
    if response.status_code != 200:
        raise EndpointError(
            f"{shown_url(target)} answered HTTP {response.status_code}: "
            f"{response.text[:_REASON_CHARS]}"
        )
    return _reply_text(response, target)


def _post(
    target: str, body: dict[str, Any], headers: dict[str, str], timeout_s: float
) -> httpx.Response:
    try:
        return httpx.post(target, json=body, headers=headers, timeout=timeout_s)
    except httpx.TimeoutException:
        raise _unreachable_now(
            target, f"no answer from {shown_url(target)} within {timeout_s:g} s"
        ) from None
    except httpx.HTTPError as exc:
        raise _unreachable_now(target, f"cannot reach {shown_url(target)}: {exc}") from None


def _refuses_sampling_options(response: httpx.Response) -> bool:
    """A 400 naming an option it does not take: OpenAI's reasoning models refuse `max_tokens`
    (they want `max_completion_tokens`) and any temperature but their own."""
    text = response.text.lower()
    return (
        response.status_code == 400
        and any(option in text for option in _SAMPLING_OPTIONS)
        and ("unsupported" in text or "not supported" in text)
    )


def _plain(body: dict[str, Any]) -> dict[str, Any]:
    """The request without the sampling options, its length limit under the newer name."""
    plain = {k: v for k, v in body.items() if k not in _SAMPLING_OPTIONS}
    return {**plain, "max_completion_tokens": body["max_tokens"]}


def _reply_text(response: httpx.Response, target: str) -> str:
    """The first choice's message content, or EndpointError naming what was wrong."""
    try:
        text = response.json()["choices"][0]["message"]["content"]
    except (ValueError, LookupError, TypeError):
        raise EndpointError(
            f"{shown_url(target)} did not answer in the chat-completions format: "
            f"{response.text[:_REASON_CHARS]!r}"
        ) from None
    if not isinstance(text, str) or not text.strip():
        raise EndpointError(f"{shown_url(target)} answered with no text")
    return text


def _check_reachable(target: str) -> None:
    with _lock:
        until, reason = _unreachable.get(target, (0.0, ""))
    if time.monotonic() < until:
        raise EndpointError(f"{reason}; not tried again for {UNREACHABLE_PAUSE_S:g} s")


def _unreachable_now(target: str, reason: str) -> EndpointError:
    with _lock:
        _unreachable[target] = (time.monotonic() + UNREACHABLE_PAUSE_S, reason)
    return EndpointError(reason)
