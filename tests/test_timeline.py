"""Dates resolved against publication (weekday, bare month, relative phrases), and event order."""

from __future__ import annotations

from storyline.compare import compare
from storyline.compare.dates import find_dates
from storyline.compare.timeline import build_timeline
from storyline.compare.units import Unit, document_units
from storyline.model import Article, Document, Origin, Story
from storyline.settings import CompareSettings
from storyline.text.sentences import split_sentences

PUBLISHED = "2024-03-14"  # a Thursday


def _dates(text: str, published: str | None = PUBLISHED) -> list[tuple[str, str | None, str]]:
    return [(m.phrase, m.date, m.granularity) for m in find_dates(text, published)]


def test_weekday_is_the_latest_one_on_or_before_publication() -> None:
    assert _dates("Marsh said Wednesday.") == [("Wednesday", "2024-03-13", "day")]
    assert _dates("Marsh said Thursday.") == [("Thursday", "2024-03-14", "day")]
    assert _dates("The call came on Sunday.") == [("on Sunday", "2024-03-10", "day")]


def test_future_weekdays_and_weeks() -> None:
    assert _dates("a vote as early as Monday or Tuesday next week") == [
        ("Monday or Tuesday next week", "2024-03-18", "day")
    ]
    assert _dates("They meet next week.") == [("next week", "2024-W12", "week")]


def test_a_clause_about_the_future_looks_forward() -> None:
    assert _dates("The pier will reopen on Tuesday, Marsh said on Monday.") == [
        ("on Tuesday", "2024-03-19", "day"),
        ("on Monday", "2024-03-11", "day"),
    ]
    assert _dates("The council is due to vote on March 2.") == [("March 2", "2025-03-02", "day")]
    assert _dates("Repairs would start in February.") == [("in February", "2025-02", "month")]
    assert _dates("The ferry sank in February.") == [("in February", "2024-02", "month")]


def test_a_day_something_is_set_for_is_that_day_or_one_to_come() -> None:
    assert _dates("Air quality alerts were issued for Wednesday.", "2024-03-12") == [
        ("Wednesday", "2024-03-13", "day")
    ]
    assert _dates("It was not on the schedule for Thursday.") == [("Thursday", "2024-03-14", "day")]
    assert _dates("A rally slated for Saturday in Harlow.") == [("Saturday", "2024-03-16", "day")]
    # a day whose event is named after it may be past: the usual rule
    assert _dates("Police blame arson for Friday night's fire.") == [
        ("Friday", "2024-03-08", "day")
    ]
    assert _dates("He was fit for Sunday's game.") == [("Sunday", "2024-03-10", "day")]


def test_bare_month_is_the_latest_on_or_before_publication() -> None:
    assert _dates("The river broke its banks in October.") == [("in October", "2023-10", "month")]
    assert _dates("It began in March.") == [("in March", "2024-03", "month")]
    assert _dates("In December, a ship sailed.") == [("In December", "2023-12", "month")]


def test_a_month_with_a_year_word_is_one_phrase_in_that_year() -> None:
    assert _dates("The levee was raised in September this year.") == [
        ("in September this year", "2024-09", "month")
    ]
    assert _dates("The ferry sank on November 2 last year.") == [
        ("November 2 last year", "2023-11-02", "day")
    ]
    assert _dates("It flooded in March last year.", None) == [("in March last year", None, "month")]


def test_relative_years_and_months_keep_their_granularity() -> None:
    assert _dates("a smaller flood hit last year") == [("last year", "2023", "year")]
    assert _dates("a draft circulated earlier this month") == [
        ("earlier this month", "2024-03", "month")
    ]
    assert _dates("a review next month") == [("next month", "2024-04", "month")]


def test_absolute_dates_need_no_publication_date() -> None:
    assert _dates("in Moscow January 18, 2012.", None) == [
        ("January 18, 2012", "2012-01-18", "day")
    ]
    assert _dates("since October 2011", None) == [("October 2011", "2011-10", "month")]
    assert _dates("flights in 2011", None) == [("in 2011", "2011", "year")]


def test_relative_dates_without_publication_date_stay_undated() -> None:
    assert _dates("Marsh said Wednesday that it began in February.", None) == [
        ("Wednesday", None, "day"),
        ("in February", None, "month"),
    ]


def test_a_capitalised_today_after_a_word_names_a_paper_or_a_show() -> None:
    assert _dates("The plan leaked in a USA Today story.") == []
    assert _dates("She told the BBC's Today programme that prices rose.") == []
    assert _dates("Today, the council voted.") == [("Today", "2024-03-14", "day")]
    assert _dates("The council voted today.") == [("today", "2024-03-14", "day")]
    assert _dates("Holtzman told USA TODAY he was on a call.") == []
    assert _dates("The new laptop starts shipping TODAY.") == [("TODAY", "2024-03-14", "day")]
    assert _dates('Bossert told ABC\'s "This Week" the tweet was no threat.') == []
    assert _dates("“I made a joke about everything,” Cruz told TODAY.") == []
    assert _dates('He was the "This Week" co-anchor for a year.') == []
    assert _dates('Bossert, who saw it live on "This Week," told Raddatz.') == []
    assert _dates('Navarro spoke on "This Week\'s" roundtable.') == []
    assert _dates('The vote is "This week."') == [("This week", "2024-W11", "week")]
    assert _dates('"Today, the council voted," she said.') == [("Today", "2024-03-14", "day")]
    assert _dates("“This week was hard,” Cruz said.") == [("This week", "2024-W11", "week")]
    assert _dates("The mayor said TODAY that the pier reopens.") == [("TODAY", "2024-03-14", "day")]


def test_modal_may_is_not_a_month() -> None:
    assert _dates("The council may vote soon.") == []


def _units(*articles: tuple[str, str | None]) -> list[Unit]:
    units = []
    for k, (text, published) in enumerate(articles):
        article = Article(f"a{k}", f"a{k}.txt", text, published=published)
        doc = Document(article, text, split_sentences(text), "en")
        units += document_units(doc, f"o{k}")
    return units


def test_events_are_ordered_with_undated_last() -> None:
    units = _units(
        ("Governor Marsh said on Wednesday that more villages would be evacuated.", PUBLISHED),
        ("The regional council and the governor vetoed the first dam plan in October.", PUBLISHED),
        ("The governor visited the flooded villages on Monday with the fire chief.", None),
    )
    events = build_timeline(units, {}, CompareSettings())
    assert [(e.date, e.granularity) for e in events] == [
        ("2023-10", "month"),
        ("2024-03-13", "day"),
        (None, "day"),
    ]
    assert [e.citations[0].article for e in events] == ["a1", "a0", "a2"]


def test_one_claim_with_one_date_is_one_event_citing_every_source() -> None:
    units = _units(
        ("Governor Marsh said on Wednesday that more villages would be evacuated.", PUBLISHED),
        ("Governor Marsh said on Wednesday that more villages would be evacuated soon.", PUBLISHED),
        ("Governor Marsh said on Wednesday that more villages would be evacuated today.", None),
    )
    (event,) = [e for e in build_timeline(units, {0: 0, 1: 0, 2: 0}, CompareSettings()) if e.date]
    assert event.date == "2024-03-13"
    assert [c.article for c in event.citations] == ["a0", "a1", "a2"]


def test_datelines_are_not_events() -> None:
    units = _units(("AFP, Wednesday 13 Mar 2024", PUBLISHED))
    assert build_timeline(units, {}, CompareSettings()) == []


def test_undated_sentence_of_a_dated_claim_joins_that_event_without_a_date_of_its_own() -> None:
    units = _units(
        ("The council rejected the first dam plan in October after a long debate.", PUBLISHED),
        ("The council rejected the first dam plan last year after a long debate.", None),
    )
    events = build_timeline(units, {0: 0, 1: 0}, CompareSettings())
    assert [(e.date, [c.article for c in e.citations]) for e in events] == [
        ("2023-10", ["a0", "a1"])
    ]
    alone = build_timeline(units, {}, CompareSettings())
    assert [(e.date, e.phrase) for e in alone] == [("2023-10", "in October"), (None, "last year")]


def test_an_undated_claim_is_listed_once_whatever_its_date_phrases() -> None:
    units = _units(
        (
            "The hospital said Tuesday that the last patient of the Nov. 1 shooting was better.",
            None,
        ),
        ("Paramedics found the injured guard on Monday near the gate of the terminal.", None),
        ("Police say paramedics found the injured guard Monday near the terminal gate.", None),
    )
    events = build_timeline(units, {1: 0, 2: 0}, CompareSettings())
    assert [(e.date, e.phrase, [c.article for c in e.citations]) for e in events] == [
        (None, "Tuesday", ["a0"]),
        (None, "on Monday", ["a1", "a2"]),
    ]


def test_an_undated_reprint_reads_its_dates_from_its_origins_dated_copy() -> None:
    wire = "Governor Marsh said on Wednesday that more villages would be evacuated."
    reprint = wire + " The army sent rescue boats to the flooded villages on Monday."
    units = []
    for article_id, text, published in (("wire", wire, PUBLISHED), ("copy", reprint, None)):
        article = Article(article_id, f"{article_id}.txt", text, published=published)
        units += document_units(Document(article, text, split_sentences(text), "en"), "o-wire")
    events = build_timeline(units, {0: 0, 1: 0}, CompareSettings())  # both say Wednesday's claim
    assert [(e.date, e.phrase, [c.article for c in e.citations]) for e in events] == [
        ("2024-03-11", "on Monday", ["copy"]),
        ("2024-03-13", "on Wednesday", ["wire", "copy"]),
    ]
    assert units[1].document.article.published is None  # the reprint itself gets no date


def test_a_timeline_event_names_the_speaker_its_sentence_leaves_out() -> None:
    """ "On Friday she said ..." in a timeline, away from its article, names her."""
    text = (
        "Harbour master Ada Ruiz said the pier would stay shut until the storm passed. "
        "On Friday she said the island ferry would run again once divers had checked the pier."
    )
    article = Article("pier", "pier.txt", text, outlet="Pier News", published="2024-03-14")
    document = Document(article, text, split_sentences(text), "en")
    story = Story("s", "Pier", ("pier",), (Origin("o-pier", ("pier",)),))
    (friday,) = [
        e
        for e in compare(story, {"pier": document}, CompareSettings()).timeline
        if e.phrase == "On Friday"
    ]
    assert friday.text.startswith("On Friday she said")  # as written
    assert friday.display_text.startswith("On Friday she [Ruiz] said the island ferry")


def test_a_denied_future_dates_nothing_but_a_deadline_does() -> None:
    assert _dates('"The pier is not going to fall down tomorrow," Marsh said on Monday.') == [
        ("on Monday", "2024-03-11", "day")
    ]
    assert _dates("The ferry won't sail on Friday.") == []
    assert _dates("The pier won't reopen until Friday.") == [("Friday", "2024-03-15", "day")]
    assert _dates("The pier will not reopen until June.") == [("until June", "2024-06", "month")]
    assert _dates("Police did not name the driver on Monday.") == [
        ("on Monday", "2024-03-11", "day")
    ]


def test_a_future_reaches_across_a_long_clause_but_not_past_a_dash() -> None:
    assert _dates(
        "Tallow Boats said it would add an early crossing between the Eastbank landing and the "
        "Old Quarter pier starting Monday."
    ) == [("Monday", "2024-03-18", "day")]
    assert _dates("Ruiz will say more on Monday -- but one thing became clear on Sunday.") == [
        ("on Monday", "2024-03-18", "day"),
        ("on Sunday", "2024-03-10", "day"),
    ]
