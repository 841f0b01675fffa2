"""The quote marks a sentence lacks when it is shown out of its article."""

from __future__ import annotations

import pytest

from storyline.model import Speaker, shown
from storyline.text.marks import missing_marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"It is only our intent to clear the street.', ("", '"')),  # the quote runs on
        ("Kenji Yaguchi “I wasn’t in camp very long.", ("", "”")),  # curly: its own partner
        ("We have to fund the government and pay our bills.”", ("“", "")),  # began before
        ('It has affected him deeply," Herman said.', ('"', "")),
        ('"We are ready," Smith said. "We have waited.', ("", '"')),  # the second one runs on
        ('"A," he said. "B," she said.', ("", "")),  # balanced
        ("No quotation here.", ("", "")),
        ('"A," he said. B."', ("", "")),  # a closing mark after a closed quote: left alone
        ('Her role in " Atonement," as the killer.', ("", "")),  # a stray mark may be the opener
        ('"We were not progressing, "said Stefanski.', ("", "")),  # quotes do not nest
        ("“ Doug was consistent all night.", ("", "”")),  # re-joined tokens: nothing to close
        ('" (Orozco) had them killed, " Hickok said.', ("", "")),
        ('The new 17" MacBook Pro costs $2,799.', ("", "")),  # an inch mark
        ('We won in 2009," Ruiz said.', ('"', "")),  # after a comma: the quote's end
    ],
)
def test_missing_marks(text, expected):
    assert missing_marks(text) == expected


def test_a_sentence_known_to_be_inside_a_quote_gets_both_marks():
    assert missing_marks("The storm has passed.", quoted=True) == ("“", "”")
    assert missing_marks('The storm has passed," Ruiz said.', quoted=True) == ('"', "")


def test_shown_closes_the_quote_before_naming_its_speaker_and_keeps_pronoun_names_in_place():
    text = '"The pier is safe.'
    assert shown(text, Speaker(len(text), len(text), "Ruiz")) == '"The pier is safe." [Ruiz]'
    said = 'He said the pier would reopen: "It is safe.'
    assert (
        shown(said, Speaker(0, 2, "Ruiz")) == 'He [Ruiz] said the pier would reopen: "It is safe."'
    )
