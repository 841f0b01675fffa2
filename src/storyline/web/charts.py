"""The story page's two charts as SVG geometry: articles over time, and articles per outlet.

Drawn on the server as plain SVG shapes, so the charts need no script and no chart library.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.store.news import ArticleRef

WIDTH = 640
_BAR_AREA = 120  # height of the timeline's bars
_ROW = 22  # height of one outlet row
_LABEL = 180  # width kept for outlet names
_MAX_DAYS = 90  # longer stories are drawn by week


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    note: str = ""


def timeline_chart(articles: Sequence[ArticleRef]) -> Chart:
    """Articles per day (per week for long stories); undated articles are counted in the note."""
    days = sorted(date.fromisoformat(a.published[:10]) for a in articles if _dated(a))
    undated = len(articles) - len(days)
    note = f"{undated} undated article{'s' if undated != 1 else ''} not shown" if undated else ""
    if not days:
        return Chart("Articles over time", WIDTH, 0, (), note or "no dated articles")
    step = 7 if (days[-1] - days[0]).days > _MAX_DAYS else 1
    counts = Counter((day - days[0]).days // step for day in days)
    slots = max(counts) + 1
    slot_width = WIDTH / slots
    peak = max(counts.values())
    bars = []
    for slot in range(slots):
        value = counts.get(slot, 0)
        height = _BAR_AREA * value / peak
        start = days[0] + timedelta(days=slot * step)
        label = start.isoformat() if step == 1 else f"week of {start.isoformat()}"
        bars.append(
            Bar(label, value, slot * slot_width, _BAR_AREA - height, slot_width * 0.8, height)
        )
    return Chart("Articles over time", WIDTH, _BAR_AREA + 20, tuple(bars), note)


def outlet_chart(articles: Sequence[ArticleRef]) -> Chart:
    """Articles per outlet, most first (ties by name)."""
    counts = Counter(a.outlet for a in articles)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    peak = ranked[0][1] if ranked else 1
    span = WIDTH - _LABEL - 40
    bars = tuple(
        Bar(outlet, value, _LABEL, row * _ROW, span * value / peak, _ROW - 6)
        for row, (outlet, value) in enumerate(ranked)
    )
    return Chart("Coverage by outlet", WIDTH, len(bars) * _ROW, bars)


def _dated(article: ArticleRef) -> bool:
    try:
        return article.published is not None and bool(date.fromisoformat(article.published[:10]))
    except ValueError:
        return False
