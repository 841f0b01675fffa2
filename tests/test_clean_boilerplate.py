"""Boilerplate line rules: each kind of furniture dropped, story sentences that look alike kept."""

import pytest

from storyline.clean.boilerplate import boilerplate_reason, dominant_script


def _reason(line: str, script: str = "LATIN") -> str | None:
    return boilerplate_reason(line, script)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Comments 0", "widget"),
        ("Share Tweet Email", "widget"),
        ("Advertisement", "widget"),
        ("Read More", "widget"),
        ("Short link:", "notice"),
        ("Original url:", "notice"),
        ("Advertisement Continue reading the main story", "notice"),
        ("Sign up for our weekly newsletter to get the best stories.", "notice"),
        ("We use cookies to give you the best experience on our site.", "notice"),
        ("Copyright 2031 Harbour Times. All rights reserved.", "notice"),
        ("Related: Ferry operator posts record quarter", "notice"),
        ("[Council elects new chair after tense session]", "notice"),
        ("Follow Mara Inge on Twitter", "notice"),
        (
            "CLOSE The ferry council delayed its vote again. Jan Oster has the story. Wire60",
            "notice",
        ),
        ("CLOSE The ferry council may vote on fares on Oct. 1. Harbour Times Sports", "notice"),
        (
            (
                "Get the morning briefing updates directly to your inbox Subscribe Thank you for "
                "subscribing Could not subscribe, try again later Invalid Email"
            ),
            "notice",
        ),
        ("Oops. The page you requested was not found on this server.", "notice"),
        (
            "Harbour Times Reprints: this copy is for your personal, non-commercial use only.",
            "notice",
        ),
        ("The interactive transcript could not be loaded.", "notice"),
        ("EMBED More News Videos The mayor speaks at the pier on Tuesday.", "notice"),
        ("JUST WATCHED Ferry council delays vote Replay More Videos ...", "notice"),
        (
            (
                "CLOSE Skip in Skip x Embed x Share The ferry council delayed its vote on fares "
                "again on Tuesday. Members said they wanted more time to read the operator's "
                "report, which runs to three hundred pages and arrived on Friday afternoon. Wire60"
            ),
            "notice",
        ),
        ("Rating is available when the video has been rented.", "notice"),
        (
            (
                "Since 2001 a crawler has given its crawl data to the Internet Archive, and these "
                "pages are added to the Wayback Machine after an embargo period. "
            )
            * 4,
            "notice",
        ),
        ("<https://example.org/2031/03/03/harbour-council>", "url"),
        ("https://example.org/story", "url"),
        ("Read or Share this story: https://ex.ample/abc", "url"),
        ("Write to Jan Oster at jan.oster@example.org", "url"),
        ("Photo: AP", "credit"),
        ("Getty Images", "credit"),
        ("Jan Oster/Coastal Wire", "credit"),
        ("Photograph by The Harbour Museum", "credit"),
        ("(Image: Coastal Wire)", "credit"),
        ("Commuters queue at the ferry terminal this morning. **Tomas Reyl**", "caption"),
        ("The mayor speaks at the pier on May 2, 2031. (Photo:Coastal Wire)", "caption"),
        ("The mayor speaks at the pier. (AP Photo/Jan Oster)", "caption"),
        ("The mayor speaks at the pier. (Jan Oster/Getty Images)", "caption"),
        ("A ferry docks at the west landing, May 2, 2031 (Reuters)", "caption"),
        ("The west landing at dawn. Credit: Jan Oster/Coastal Wire", "caption"),
        ("Read this in French", "read-in"),
        ("___", "separator"),
    ],
)
def test_furniture_is_dropped_with_its_reason(line, reason):
    assert _reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The harbour council delayed a vote on ferry fares on Tuesday.",
        "Councillor Mara Inge said the advertisement campaign had cost less than expected.",
        "The council will follow the vote on Twitter and on its website, a spokesman said.",
        "Others were angry, with negative comments outnumbering positive ones on the page.",
        "Viewers who subscribe to the channel will pay more from May.",
        "Customers can sign up for alerts on the operator's Web site.",
        '"We told members in our newsletter," the chair said.',
        "The delegations will travel to the capital for talks, the statement said (Reuters)",
        '"All the factions are united behind the plan," Inge said. (Reuters)',
        "Samples were bagged separately, minimising mixing of younger and/or older material.",
        "Share prices fell",
        "Officials said the page of the ledger they requested was not found in the archive.",
        "The library gave its old newspaper collection to the Internet Archive in March.",
        "CLOSE to 300 people came to the meeting on Tuesday.",
        "Lavrov Balks at Sanctions",
        "March 3, 2031",
        "AFP , Wednesday 25 Jan 2031",
        "The Mayor of Harbourtown prefers 'constructive proposals' to a vote on the fares",
        "",
    ],
)
def test_story_lines_are_kept(line):
    assert _reason(line) is None


def test_a_short_line_in_another_script_is_a_read_in_link():
    assert _reason("اقرأ هذا الخبر بالعربية W12", "LATIN") == "read-in"
    assert _reason("Прочитать эту новость по-русски", "LATIN") == "read-in"


def test_a_line_in_the_articles_own_script_is_kept():
    assert _reason("Прочитать эту новость по-русски", "CYRILLIC") is None


def test_dominant_script_counts_letters():
    assert dominant_script("The ferry, الخبر, sailed.") == "LATIN"
    assert dominant_script("Паром отошёл от пристани") == "CYRILLIC"
    assert dominant_script("2031 -- 12") == ""
