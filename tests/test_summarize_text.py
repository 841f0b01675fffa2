"""Sentence filters and compression on hand-written sentences."""

import random
import re

import pytest

from storyline.summarize.compress import compress, shorter_forms
from storyline.summarize.quality import _REJECTED_LOWER, is_candidate
from storyline.text.context import ECHO_PHRASES, dangles
from storyline.text.furniture import APPEALS, FURNITURE, at_word_start


@pytest.mark.parametrize(
    "text",
    [
        "Why did the council keep the bridge open for another year?",
        "A view of the flooded main street in Harlow on Sunday, March 8, 2026.",
        "A spokesman for the ferry operator did not return messages seeking comment.",
        "The harbour authority didn't immediately respond to a request for comment on Monday.",
        "Mayor Ada Ruiz speaks at the pier in Harlow, Tuesday, March 3, 2026, after the vote.",
        "This image provided by the Harlow police shows the bridge on the morning of the flood.",
        "The report gives the first details of the flood that closed the bridge and the ferry and...",
        "You can sign up for our newsletter to get the latest updates on your phone.",
        "Remember, you can buy the digital edition of the Harlow Gazette for your tablet.",
        "You can add location information to your tweets, such as your city or neighbourhood.",
        "Advertisement: the best deals on garden furniture are only a click away today.",
        "Read the full report at https://example.org/report before the meeting starts.",
        "Mayor Vance Resigns After Council Vote On Harlow Budget Plan Today.",
        '"This is the worst flood we have seen in this town in fifty years."',
        "Short line here.",
        "and the council voted to close the bridge for repairs next spring.",
        "The ferry crossing south of the harbour saw a similar drop in passengers last month.",
        "The council postponed the vote on the bridge repairs again on Thursday evening.",
        "Anyone with information about the fire is asked to call Harlow police at 555-0100.",
        "If you have any information on the break-in, please contact the harbour police today.",
        "CORRECTION (March 4): An earlier version of this story misstated the bridge's length.",
        "Editor's Note: This story was first published before the council vote on Monday.",
        "Here's a look at what's happening, and why, ahead of the council vote on Monday.",
        "Here is what the harbour master told the council about the pier after the storm.",
        "If you have ever worked on the harbour ferries, we’d like to hear from you about it.",
        "Send us a secure tip using the instructions on the Harlow Gazette's news page.",
        "Harlow police released this still image from a camera on the pier at night.",
        "A lawyer for the ferry operator didn't get back to us by Monday night.",
        "The vote was led by the bridge's most vocal opponent on the council, Sen.",
        "“This is the worst flood we have seen in this town in fifty years.”",
        "Harbour master Ada Ruiz inspects the pier after the storm / Via youtube.com, March 2026.",
        "The council's plan for the bridge, in the video below, takes three years to finish.",
        "Harlow Man Charged in Death of Leemouth Teen After Crash Near the Pier.",
        "THE FERRY WILL NOT RUN AGAIN UNTIL THE HARBOUR WALL IS REPAIRED THIS SPRING.",
        "Mayor Ada Ruiz speaks outside the town hall in Harlow, Friday, March, 6 2026, after the vote.",
        "Follow us on the harbour app for every update on the ferry and the bridge repairs.",
        "Ferry passengers sit with their families at a news conference in Harlow May 20, 2025.",
        "The ferry is seen before the midnight deadline passes in Harlow, November 27, 2025.",
        "MAYOR ADA RUIZ: I mean it's story after story after story about the bridge being bad.",
        "RUIZ: The council has a plan for the bridge, and the repairs begin in the spring.",
        "Q: The ferry operator said the crossing would reopen once the harbour wall was repaired.",
    ],
)
def test_rejected(text):
    assert not is_candidate(text)


@pytest.mark.parametrize(
    "text",
    [
        "The council voted 7 to 2 on Monday to close the bridge for repairs next spring.",
        '"We had no choice," council member Ada Ruiz said after the vote on Monday night.',
        (
            "The operator, which did not comment, raised fares by a third on every crossing in the "
            "harbour last spring and cut the night service to one boat an hour."
        ),
        "The council voted on Tuesday, March 3, 2026, to close the bridge for repairs in spring.",
        "If you thought the ferry fares were high, the new bridge toll costs commuters twice as much.",
        "You don't have to walk far from the harbour to see the damage the storm left behind.",
        "Police said they had information linking the fire to a man seen at the pier on Monday.",
        "“We had no choice,” council member Ada Ruiz said, “the bridge was unsafe for buses.”",
        "The Harlow Ferry Company, Leemouth Buses, Ada Ruiz and Tom Vance have been sued.",
        "Other towns that follow her plan for the bridge may find the repairs cost them far more.",
        "The storm closed the bridge and the pier as well as the ferry crossing on Monday night.",
        "The ferry's skipper was reported missing near the Harlow pier on Nov. 18, 2025.",
        "The bridge inquiry ran from Jan. 24, 2025 to Oct. 2, 2025.",
        "Hereford council voted on Monday to close the bridge for repairs next spring.",
        "Harlow police released the two men on Friday after questioning them at the pier.",
        "HARLOW (AP) — The council voted 7 to 2 on Monday to close the bridge for repairs.",
        "U.S. officials said the two ferries left the harbour on Monday night for the coast.",
        "The mayor had one message for the council: the bridge must close for repairs this spring.",
    ],
)
def test_accepted(text):
    assert is_candidate(text)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "HARLOW, Ore. -- The council voted to close the bridge.",
            "The council voted to close the bridge.",
        ),
        (
            "HARLOW (AP) — The council voted to close the bridge.",
            "The council voted to close the bridge.",
        ),
        (
            "HARLOW, Ore. (NEWS 10) – The council voted to close the bridge.",
            "The council voted to close the bridge.",
        ),
        (
            "Mar 3 (Reuters) - The council voted to close the bridge.",
            "The council voted to close the bridge.",
        ),
        (
            "HARLOW/LEEMOUTH (Reuters) - The council voted to close the bridge.",
            "The council voted to close the bridge.",
        ),
        (
            "Terminal 3 -- The gate closed at noon for every passenger.",
            "Terminal 3 -- The gate closed at noon for every passenger.",
        ),
        (
            "Mayor Ada Ruiz (D-Harlow) said the bridge would close.",
            "Mayor Ada Ruiz said the bridge would close.",
        ),
        (
            "The bridge will close on Monday, officials said.",
            "The bridge will close on Monday, officials said.",
        ),
        (
            "However, the council voted to close the bridge.",
            "The council voted to close the bridge.",
        ),
        (
            "But the bridge stayed open for another year.",
            "The bridge stayed open for another year.",
        ),
        (
            "Butter prices rose again in Harlow this week.",
            "Butter prices rose again in Harlow this week.",
        ),
        (
            "HARLOW/LEEMOUTH, England The council voted to close the bridge.",
            "The council voted to close the bridge.",
        ),
        (
            "FBI Director Ada Ruiz said the bridge would close.",
            "FBI Director Ada Ruiz said the bridge would close.",
        ),
        (
            "Update, 4 March: The council has moved the vote to Friday.",
            "The council has moved the vote to Friday.",
        ),
        (
            "Updates to the ferry timetable were posted at the pier on Monday.",
            "Updates to the ferry timetable were posted at the pier on Monday.",
        ),
        (
            "12:55 A.M. The council says the bridge will reopen on Friday morning.",
            "The council says the bridge will reopen on Friday morning.",
        ),
        (
            "9:30 a.m. Eastern is when the council meets to vote on the bridge.",
            "9:30 a.m. Eastern is when the council meets to vote on the bridge.",
        ),
        (
            "3. Ada Ruiz told the Gazette that the bridge would close on Friday.",
            "Ada Ruiz told the Gazette that the bridge would close on Friday.",
        ),
        (
            "A. The council meets again on Monday to vote on the repairs.",
            "The council meets again on Monday to vote on the repairs.",
        ),
        (
            "A. J. Ruiz told the council that the bridge would close on Friday.",
            "A. J. Ruiz told the council that the bridge would close on Friday.",
        ),
        (
            "12 people were hurt when the bridge railing gave way on Friday.",
            "12 people were hurt when the bridge railing gave way on Friday.",
        ),
        (
            "Nothing to compress in this sentence at all.",
            "Nothing to compress in this sentence at all.",
        ),
    ],
)
def test_compress(before, after):
    assert compress(before) == after


def test_compress_keeps_a_sentence_it_would_gut():
    assert compress("HARLOW -- Yes (really).") == "HARLOW -- Yes (really)."


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        (
            "The bridge will close for repairs on Friday, council officials said.",
            ("The bridge will close for repairs on Friday.",),
        ),
        (
            "Two more ferries were added to the harbour route, a spokeswoman told reporters on Monday.",
            ("Two more ferries were added to the harbour route.",),
        ),
        (
            "Ada Ruiz, the council's engineer, said the bridge would close on Friday.",
            ("Ada Ruiz said the bridge would close on Friday.",),
        ),
        (
            "The Harlow Bridge, which opened in 1931, will close for repairs, a city spokesman said.",
            (
                "The Harlow Bridge, which opened in 1931, will close for repairs.",
                "The Harlow Bridge will close for repairs, a city spokesman said.",
            ),
        ),
        # a quote keeps its speaker; a list is no aside; a place before the source stays
        ('"The bridge is not safe to cross," Ruiz said on Friday.', ()),
        ("Officials visited Harlow, Leemouth, the old port, and the ferry pier.", ()),
        (
            "The bridge shut after a crash in Harlow, Leemouth, police said.",
            ("The bridge shut after a crash in Harlow, Leemouth.",),
        ),
        ("The crash happened at 9 a.m., police said.", ()),
        # a person's words keep their speaker, or the claim would read as the summary's own
        ("The bridge will close for repairs on Friday, Ruiz said.", ()),
        ("The bridge will close for repairs on Friday next week, she said.", ()),
        ("The bridge is safe and should never have been closed, analysts said.", ()),
        # so do a party's: a company's or a government's claim is not the summary's statement
        ("The ferry's new engines meet every safety rule, the company said.", ()),
        ("The strike on the depot hit only military targets, the defence ministry said.", ()),
        ("The ferry's new engines meet every safety rule, a company spokesman said.", ()),
        ("The strike on the depot hit only military targets, the ministry's statement said.", ()),
        ("The ferry's new engines meet every safety rule, an Acme spokeswoman said.", ()),
        ("The bridge reopened on Tuesday, a week after the crash, with one lane.", ()),
        ("It closed on Friday, police said.", ()),  # too short to stand alone
    ],
)
def test_shorter_forms(text, forms):
    assert shorter_forms(text) == forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("But the council disagreed.", True),
        ("He said no.", True),
        ("The council disagreed.", False),
        ("Heavy rain fell.", False),
    ],
)
def test_dangles(text, expected):
    assert dangles(text) is expected


def test_grouped_rejection_pattern_finds_what_the_flat_alternation_finds():
    flat = re.compile(r"\b(?:" + "|".join((*FURNITURE, *APPEALS, *ECHO_PHRASES)) + ")")
    pieces = [
        *"aceimnpsvy :-'.,\n",
        "photo",
        "image",
        "via ap",
        "you may call",
        "again",
        "a similar",
    ]
    pieces += ["e-mail us", "email this", "cookie", "maps above", "as well", "crime stoppers at"]
    pieces += [
        "uses cookies",
        "copyright 2",
        "subscribe now",
        "this browser",
        "update your browser",
        "released this still image",
        "photos below",
        "caption",
        "captions",
        "this undated photo shows",
        "this image show",
        "product shot",
    ]
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert bool(_REJECTED_LOWER.search(text)) == bool(flat.search(text)), text


def test_every_rejected_phrase_opens_on_a_letter_and_a_group_opening_is_refused() -> None:
    # a phrase opening on a group would be tried at every word of every sentence
    with pytest.raises(ValueError, match="plain letter"):
        at_word_start("(?:photo|image) provided by")
    assert at_word_start(*FURNITURE, *APPEALS, *ECHO_PHRASES).pattern == _REJECTED_LOWER.pattern


def test_update_your_browser_is_page_furniture() -> None:
    # the phrase had a space too many ("update your  browser") and only a page's "your browser"
    # outside quotes caught it
    assert _REJECTED_LOWER.search("please update your browser to watch this video.")
    assert _REJECTED_LOWER.search("update browser to continue.")


def test_a_story_about_browsers_cookies_or_subscribers_is_not_page_furniture() -> None:
    assert is_candidate("The streaming service lost 200,000 subscribers after it raised prices.")
    assert is_candidate("Kestrelnet said its browser would block tracking cookies by default.")
    assert is_candidate("The band said the song was protected by copyright and sued the label.")
    assert not is_candidate("This site uses cookies to improve your experience on our pages.")
    assert not is_candidate("Subscribe now to get unlimited access to every story we publish.")


def test_a_caption_that_says_what_a_picture_shows_is_no_summary_sentence() -> None:
    assert not is_candidate(
        "This undated photo shows the icy moon Mimas dwarfed by Saturn's rings."
    )
    assert not is_candidate("An official product shot of the new console, known as Project Natal.")
    assert is_candidate("The image shows the senator leaving the building with two aides.")
    assert is_candidate("Police released an undated photo of the suspect on Monday evening.")


def test_a_page_speaking_of_itself_or_its_reader_is_no_summary_sentence() -> None:
    assert not is_candidate(
        "Update: The Gazette has learned that the order referred to in this story was amended."
    )
    assert not is_candidate("An earlier version of this article misstated the bridge's length.")
    assert not is_candidate("These pictures were taken on Saturday as the ferry left the harbour.")
    assert not is_candidate("Warning: Contains spoilers for the last episode of Harbour Lights.")
    assert not is_candidate("Don't forget to rate the Harlow Gazette podcast in your app!")
    assert not is_candidate("That's all for today's harbour news, do check back tomorrow for more!")
    assert not is_candidate("View Images The old ferry, photographed from the Harlow pier in 1950.")
    # An official report, and a story about a photograph, stay.
    assert is_candidate("The allegations set out in this report match what we expected, he said.")
    assert is_candidate("The photo was taken in 1969 by a student who sold it to the museum.")
