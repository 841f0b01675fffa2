"""The story page's chart geometry: bars per day or week, undated articles counted, outlets ranked."""

from storyline.store.news import ArticleRef
from storyline.web.charts import WIDTH, outlet_chart, timeline_chart


def ref(number: int, outlet: str, published: str | None) -> ArticleRef:
    return ArticleRef(f"a{number}", f"Title {number}", outlet, published, f"o{number}", 1, "e")


def test_timeline_has_one_bar_per_day_and_counts_undated_articles() -> None:
    articles = [
        ref(1, "A", "2031-03-03T08:00:00+00:00"),
        ref(2, "B", "2031-03-03"),
        ref(3, "A", "2031-03-05"),
        ref(4, "C", None),
        ref(5, "C", "not a date"),
    ]
    chart = timeline_chart(articles)
    assert [(bar.label, bar.value) for bar in chart.bars] == [
        ("2031-03-03", 2),
        ("2031-03-04", 0),
        ("2031-03-05", 1),
    ]
    assert chart.note == "2 undated articles not shown"
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert tallest.label == "2031-03-03" and tallest.y == 0
    assert chart.bars[1].height == 0
    assert all(bar.x + bar.width <= WIDTH for bar in chart.bars)


def test_long_stories_are_drawn_by_week() -> None:
    articles = [ref(n, "A", f"2031-{month:02d}-01") for n, month in enumerate((1, 3, 6, 9))]
    chart = timeline_chart(articles)
    assert chart.bars[0].label == "week of 2031-01-01"
    assert sum(bar.value for bar in chart.bars) == 4
    assert len(chart.bars) < 40


def test_no_dated_article_gives_an_empty_chart_with_a_reason() -> None:
    chart = timeline_chart([ref(1, "A", None)])
    assert chart.bars == () and chart.note == "1 undated article not shown"


def test_outlets_are_ranked_by_articles_then_name() -> None:
    articles = [
        ref(1, "Zeta", None),
        ref(2, "Alpha", None),
        ref(3, "Zeta", None),
        ref(4, "Beta", None),
    ]
    chart = outlet_chart(articles)
    assert [(bar.label, bar.value) for bar in chart.bars] == [
        ("Zeta", 2),
        ("Alpha", 1),
        ("Beta", 1),
    ]
    assert chart.bars[0].width == 2 * chart.bars[1].width
    assert [bar.y for bar in chart.bars] == sorted(bar.y for bar in chart.bars)
