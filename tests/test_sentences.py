"""split_sentences: offsets into the text, robust to abbreviations, initials and quotes."""

import pytest

from storyline.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    sentences = split_sentences(text)
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.index for s in sentences] == list(range(len(sentences)))
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.N. envoy met U.S. officials on Monday. They agreed on a plan.",
            ["The U.N. envoy met U.S. officials on Monday.", "They agreed on a plan."],
        ),
        (
            "Mr. Inge and Dr. Oster spoke. J. R. Tolland listened.",
            ["Mr. Inge and Dr. Oster spoke.", "J. R. Tolland listened."],
        ),
        (
            '"We will not back it," Inge said. "It is unfair." The vote was delayed.',
            ['"We will not back it," Inge said.', '"It is unfair."', "The vote was delayed."],
        ),
        (
            "“For us the line is clear. We won’t back it,” she said.",
            ["“For us the line is clear.", "We won’t back it,” she said."],
        ),
        (
            "More than 5,400 people died, 2.5 times the toll. The talks began at 3 p.m. on Friday.",
            [
                "More than 5,400 people died, 2.5 times the toll.",
                "The talks began at 3 p.m. on Friday.",
            ],
        ),
    ],
)
def test_hard_cases(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met. Mr. Inge spoke.", ["The council met.", "Mr. Inge spoke."]),
        ("They sat. J. R. Tolland spoke.", ["They sat.", "J. R. Tolland spoke."]),
        (
            "He met Lt. Col. Oster and Sgt. Maj. Reyl. They spoke.",
            ["He met Lt. Col. Oster and Sgt. Maj. Reyl.", "They spoke."],
        ),
        (
            "It lost to Harbour vs. Eastport in St. Louis.",
            ["It lost to Harbour vs. Eastport in St. Louis."],
        ),
        (
            "The truce starts on Friday, U.S. Secretary of State Ada Ruiz said.",
            ["The truce starts on Friday, U.S. Secretary of State Ada Ruiz said."],
        ),
        (
            "She spoke at the U.N. General Assembly. Bond yields rose in the U.S. The dollar fell.",
            [
                "She spoke at the U.N. General Assembly.",
                "Bond yields rose in the U.S.",
                "The dollar fell.",
            ],
        ),
        (
            "Rep. Ada Ruiz (D-N.Y.), who chairs the panel, spoke.",
            ["Rep. Ada Ruiz (D-N.Y.), who chairs the panel, spoke."],
        ),
        (
            "8:11 P.M. Two ferries were held in port.\n\n9:02 P.M. Sirens sounded.",
            ["8:11 P.M. Two ferries were held in port.", "9:02 P.M. Sirens sounded."],
        ),
    ],
)
def test_news_cases_the_punkt_model_misses(text, expected):
    assert _texts(text) == expected


def test_paragraph_breaks_end_sentences():
    text = "A Heading Without A Stop\n\nThe story starts here.   It goes on.\n\n\nThe end."
    assert _texts(text) == [
        "A Heading Without A Stop",
        "The story starts here.",
        "It goes on.",
        "The end.",
    ]


def test_offsets_survive_leading_whitespace_and_odd_characters():
    text = "  \n\n  Café owners – and “others” – met. Then they left…  \n\n"
    assert _texts(text) == ["Café owners – and “others” – met.", "Then they left…"]


def test_empty_text_has_no_sentences():
    assert split_sentences("") == ()
    assert split_sentences(" \n\n ") == ()
