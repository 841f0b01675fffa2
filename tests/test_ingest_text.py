"""Plain text and Markdown: titles, URLs, dates, bylines and datelines lifted into metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.dates import normalise_date, parse_date_line
from storyline.ingest.lines import parse_byline, parse_dateline
from storyline.ingest.textfile import article_from_text
from storyline.text.calendar import is_time_stamp
from storyline.text.titles import TITLE_FROM_TEXT
from storyline.text.tokens import word_tokens

FIXTURES = Path(__file__).parent / "fixtures" / "ingest" / "text"


def _read(name: str):
    return article_from_text((FIXTURES / name).read_text(encoding="utf-8"), name)


def test_markdown_heading_date_byline_and_original_url_become_metadata():
    article = _read("heading.md")
    assert article.title == "Harbour Council Approves Flood Barrier"
    assert article.published == "2014-03-03"
    assert article.author == "Mira Solberg"
    assert article.url == "https://www.vellmar-gazette.co.uk/2014/03/03/harbour-barrier"
    assert article.outlet == "vellmar-gazette.co.uk"  # the URL's domain wins over the agency
    assert article.metadata["agency"] == "Reuters"
    assert article.lifted == (
        "# Harbour Council Approves Flood Barrier",
        "March 3, 2014",
        "By Mira Solberg, Reuters",
        "Original url:",
        "<https://www.vellmar-gazette.co.uk/2014/03/03/harbour-barrier>",
    )
    assert article.text.startswith("A photo caption about the harbour")  # captions are clean's job
    assert "Original url" not in article.text and "vellmar-gazette" not in article.text
    assert article.text.endswith("42 million euros.")


def test_dateline_is_cut_from_the_first_paragraph():
    article = _read("dateline.txt")
    assert article.text.startswith("Workers returned to the Norrhavn glass factory")
    assert article.metadata["dateline"] == "OSLOVIK"
    assert article.outlet == "AFP"
    assert "OSLOVIK, March 4 (AFP) -" in article.lifted
    assert article.published is None  # a dateline's "March 4" has no year: never guessed


def test_agency_and_date_line_gives_outlet_and_date():
    article = _read("agency_date.txt")
    assert (article.outlet, article.published) == ("Xinhua", "2014-02-10")
    assert article.title == "Rail link to the coast delayed again"
    assert "Xinhua" not in article.text


def test_a_place_before_the_date_is_not_an_outlet():
    text = (
        "Ferry adds crossings\n\nHARBOURTON, June 2, 2025\n\nThe ferry company added two crossings."
    )
    article = article_from_text(text.replace("HARBOURTON", "Harbourton"), "x")
    assert (article.published, article.outlet) == ("2025-06-02", "")
    assert article.metadata["date_prefix"] == "Harbourton"


def test_date_inside_a_sentence_is_never_taken():
    article = _read("date_in_sentence.txt")
    assert article.published is None
    assert "January 12, 2009" in article.text


@pytest.mark.parametrize("name", ["no_title.txt", "first_line_sentence.txt"])
def test_a_first_line_that_is_a_sentence_stays_in_the_text(name):
    article = _read(name)
    first_line = (FIXTURES / name).read_text(encoding="utf-8").splitlines()[0]
    assert article.text.startswith(first_line)
    assert article.lifted == ()
    words = article.title.split()
    assert 1 < len(words) <= 13 and first_line.startswith(" ".join(words[:-1]))


def test_short_first_sentence_is_the_whole_fallback_title():
    article = article_from_text("Prices rose sharply in March.\nShops blamed energy costs.", "x")
    assert article.title == "Prices rose sharply in March."


def test_setext_heading_and_published_label():
    article = _read("setext.md")
    assert article.title == "Bakery Wins National Prize"
    assert article.published == "2015-06-01"
    assert article.text.startswith("A small bakery")
    assert "=====" not in article.text


def test_url_label_with_inline_url_and_no_url():
    article = article_from_text(
        "Fire at the depot\n\nA fire broke out at the bus depot overnight, firemen said.\n\n"
        "Source: https://m.example.com/depot-fire\n",
        "x",
    )
    assert article.url == "https://m.example.com/depot-fire"
    assert article.outlet == "example.com"
    label_only = article_from_text(
        "Title here\n\nSome body text that is long enough.\n\nSource:\n", "y"
    )
    assert label_only.url == "" and label_only.text.endswith("Source:")


def test_same_text_gives_same_id_regardless_of_location():
    text = (FIXTURES / "heading.md").read_text(encoding="utf-8")
    assert article_from_text(text, "a").id == article_from_text(text, "b").id
    assert article_from_text(text, "a").id != article_from_text(text + "\nMore.", "a").id


@pytest.mark.parametrize(
    ("line", "expected", "prefix"),
    [
        ("January 25, 2012", "2012-01-25", ""),
        ("Jan. 5, 2013", "2013-01-05", ""),
        ("Wednesday, 25 January 2012", "2012-01-25", ""),
        ("AFP , Wednesday 25 Jan 2012", "2012-01-25", "AFP"),
        ("Reuters - March 3, 2014 10:45 AM GMT", "2014-03-03", "Reuters"),
        ("Updated: 2016-09-14T08:30:00Z", "2016-09-14", ""),
        ("**3rd May 2018**", "2018-05-03", ""),
        ("2012/01/25", "2012-01-25", ""),
        ("By AFP | January 25, 2012", "2012-01-25", "AFP"),
        ("Moscow, January 25, 2012", "2012-01-25", "Moscow"),
        # a page's time stamp: its first date
        ("21 July 2013 Last updated at 11:11 GMT", "2013-07-21", ""),
        ("Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:10 PM ET", "2005-11-27", ""),
        ("9:53 AM, MON 22 JUL 2013", "2013-07-22", ""),
        ("updated 8:41 p.m. EST, Tue March 3, 2009", "2009-03-03", ""),
    ],
)
def test_date_lines(line, expected, prefix):
    assert parse_date_line(line) is not None
    assert (parse_date_line(line).published, parse_date_line(line).prefix) == (expected, prefix)


@pytest.mark.parametrize(
    "line",
    [
        "The vote was held on January 25, 2012 in New York.",
        "February 30, 2012",  # not a calendar day
        "March 2012",  # no day: too vague to be a publication date
        "Comments 0",
        "25/01/2012",  # day and month order unknowable
        "2012-13-01",
        "Posted 11/27/2005 7:21 AM",  # a stamp, but its date could be either order
        "Seacom operations fully restored: 4 November 2011",  # a headline with a date
    ],
)
def test_not_date_lines(line):
    assert parse_date_line(line) is None


def test_normalise_date_of_record_fields():
    assert normalise_date("2019-04-01 17:45:00") == "2019-04-01T17:45:00"
    assert normalise_date("2019-04-01") == "2019-04-01"
    assert normalise_date("April 1, 2019") == "2019-04-01"
    assert normalise_date("sometime last spring") is None
    assert normalise_date(20190401) is None


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("April 1, 2019 | 5:03pm", "2019-04-01"),
        ("Posted on Mon Apr 1, 2019 08:45 AM PDT", "2019-04-01"),
        ("12:52 p.m. EDT April 1, 2019", "2019-04-01"),
        ("PUBLISHED: 22:07 GMT, 1 April 2019", "2019-04-01"),
        ("Published April 1, 2019, updated April 3, 2019", "2019-04-01"),
        ("01/04/2019 10:00", None),  # day or month first: unknowable
        ("Must act by April 9", None),  # no year: never guessed
        ("Aprilfools 1, 2019", None),
    ],
)
def test_date_fields_with_other_text(field, expected):
    assert normalise_date(field) == expected


def test_bylines():
    assert parse_byline("By Jane Doe").author == "Jane Doe"
    assert parse_byline("BY Jane Doe and John Roe (AP)") == parse_byline(
        "by Jane Doe and John Roe | AP"
    )
    assert parse_byline("By Jane Doe (AP)").agency == "AP"
    assert parse_byline("By Jane Doe, John Roe").author == "Jane Doe, John Roe"
    assert parse_byline("By the way, prices rose.") is None
    assert parse_byline("By Monday, all was quiet") is None
    assert parse_byline("By Jane Doe, dpa").agency == "dpa"
    assert parse_byline("Bystanders were hurt") is None


def test_datelines():
    assert parse_dateline("MOSCOW – Russia is standing firm").place == "MOSCOW"
    assert parse_dateline("ST. PETERSBURG, Russia (Reuters) — The city").agency == "Reuters"
    assert parse_dateline("Moscow – Russia is standing firm") is None
    assert parse_dateline("US – officials said") is None  # too short to tell from an acronym
    assert parse_dateline("NOTE: this is a label") is None


def test_markdown_front_matter_is_metadata():
    article = _read("front_matter.md")
    assert article.title == "Tram line extension opens"
    assert (article.published, article.author) == ("2021-09-06", "Ines Varga")
    assert article.url == "https://www.tramtimes.example.com/2021/09/06/extension"
    assert article.outlet == "example.com"
    assert article.metadata["tags"] == "transport"
    assert article.text.startswith("The extension of tram line 4")
    assert article.lifted[0] == "---" and len(article.lifted) == 7


def test_a_leading_rule_around_prose_is_not_front_matter():
    text = (
        "---\nThe ferry left late on Monday, passengers said.\n---\n\nMore text follows here today."
    )
    article = article_from_text(text, "x")
    assert "The ferry left late on Monday" in article.text
    assert article.published is None


def test_date_line_before_the_title_and_title_directly_above_a_date():
    body = "The ferry company added two evening crossings on Tuesday, citing demand."
    before = article_from_text(f"June 2, 2025\n\nFerry adds crossings\n\n{body}", "a")
    above = article_from_text(f"Ferry adds crossings\nJune 2, 2025\n\n{body}", "b")
    for article in (before, above):
        assert (article.title, article.published, article.text) == (
            "Ferry adds crossings",
            "2025-06-02",
            body,
        )


@pytest.mark.parametrize("first", ["Advertisement", "Story highlights", "* * *"])
def test_boilerplate_first_line_is_not_a_title(first):
    body = "The ferry company added two evening crossings on Tuesday, citing demand."
    article = article_from_text(f"{first}\n\n{body}", "x")
    assert article.text.startswith(first)
    assert article.title == body


@pytest.mark.parametrize(
    "first",
    [
        "Photo by Jane Doe/Getty Images",
        "LISTEN TO ARTICLE 4:34 SHARE THIS ARTICLE Share Tweet Post Email",
        "(This story has been updated with comments from the ferry company.)",
    ],
)
def test_a_first_line_of_page_furniture_is_neither_the_title_nor_its_fallback(first):
    body = "The ferry company added two evening crossings on Tuesday, citing demand."
    article = article_from_text(f"{first}\n\n{body}", "x")
    assert article.text.startswith(first)  # cleaning, not the reader, drops furniture
    assert article.title == body


def test_a_first_line_about_something_else_is_neither_the_title_nor_its_fallback():
    body = "The ferry company added two evening crossings on Tuesday, citing demand."
    for first in ("Know what's happening in the field", "Brendan McDermid/Reuters"):
        article = article_from_text(f"{first}\n\n{body}", "x")
        assert article.text.startswith(first)  # kept: it is the cleaner's to judge
        assert article.title == body
        assert article.metadata[TITLE_FROM_TEXT] is True


def test_a_headline_sharing_a_word_with_its_report_is_its_title():
    body = "An earthquake shook the coast on Tuesday, and the ferry company cancelled crossings."
    for headline in ("Earth moves under the coast", "Ferries stay in port after quake"):
        article = article_from_text(f"{headline}\n\n{body}", "x")
        assert article.title == headline  # "Earth" meets "earthquake": first five letters
        assert TITLE_FROM_TEXT not in article.metadata


def test_a_fragment_is_not_the_fallback_title():
    body = "The ferry company added two evening crossings on Tuesday, citing demand."
    for first in ("...to the pier three nights in a row, and the crew left.", "updated 8:41 p.m."):
        article = article_from_text(f"{first}\n\n{body}", "x")
        assert article.title == body  # it opens in lower case or on an ellipsis


def test_h1_heading_after_an_image_line_is_the_title():
    text = (
        "![Harbour at dawn](harbour.jpg)\n\n# Harbour wall repaired\n\n"
        "Workers finished the harbour wall on Friday, the port said."
    )
    article = article_from_text(text, "x")
    assert article.title == "Harbour wall repaired"
    assert article.text.startswith("![Harbour at dawn](harbour.jpg)\n\nWorkers finished")


def test_a_time_stamp_under_the_title_is_the_date_and_leaves_the_text():
    body = "The ferry company added two evening crossings on Tuesday, citing demand."
    article = article_from_text(
        f"Ferries add crossings\nUPDATED 3:09 AM EST Dec 19, 2008\n{body}", "x"
    )
    assert (article.title, article.published, article.text) == (
        "Ferries add crossings",
        "2008-12-19",
        body,
    )


def test_a_time_stamp_is_never_the_title():
    body = "The ferry company added two evening crossings on Tuesday, citing demand."
    for stamp in ("21 July 2013 Last updated at 11:11 GMT", "Posted 11/27/2005 7:21 AM"):
        article = article_from_text(f"{stamp}\n\n{body}", "x")
        assert article.title == body


@pytest.mark.parametrize(
    ("title", "stamp"),
    [
        ("21 July 2013 Last updated at 11:11 GMT", True),
        ("9/10/2010 @ 1:19PM", True),
        ("Tuesday, Nov. 29", True),
        ("2012", True),
        ("Article 50", False),  # one number beside a stamp word is a name
        ("Time 100", False),
        ("PM 2.5", False),
        ("Five dead as quake hits on Tuesday, Nov. 29", False),
    ],
)
def test_time_stamps(title, stamp):
    assert is_time_stamp(word_tokens(title)) is stamp
