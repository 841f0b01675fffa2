"""Quotes: speakers from the usual patterns, and alignment across outlets with variants flagged."""

from __future__ import annotations

from storyline.compare.quotes import compare_quotes, find_quotes
from storyline.compare.units import Unit, document_units
from storyline.model import Article, Document, Sentence
from storyline.settings import CompareSettings
from storyline.text.sentences import split_sentences
from storyline.text.speakers import attributions, clean_name, same_person, speaker_key


def _doc(text: str, article_id: str = "a") -> Document:
    return Document(
        Article(article_id, f"{article_id}.txt", text), text, split_sentences(text), "en"
    )


def _speakers(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in find_quotes(_doc(text))]


def _units(*texts: str) -> list[Unit]:
    units = []
    for k, text in enumerate(texts):
        doc = _doc(text, f"a{k}")
        units += document_units(doc, f"o{k}")
    return units


def test_name_said_and_said_name() -> None:
    text = (
        '"We will rebuild every bridge," Marsh said.\n\n'
        '"The pumps failed in the night," said Tomas Reyes.'
    )
    assert _speakers(text) == [
        ("We will rebuild every bridge", "Marsh"),
        ("The pumps failed in the night", "Tomas Reyes"),
    ]


def test_he_added_after_a_named_quote_in_its_sentence_is_that_speaker() -> None:
    """One sentence, as the splitter leaves '... was "a mess." "We'll ...," he added.': the chain
    of the sentences before (a heading) cannot reach the speaker it names."""
    heading = "PIER"
    said = (
        '"The pier is safe," Ada Ruiz said, calling the storm "a menace." '
        '"We will look after it," she added.'
    )
    text = f"{heading}\n\n{said}"
    sentences = (Sentence(0, 0, len(heading), heading), Sentence(1, 6, len(text), said))
    document = Document(Article("a", "a.txt", text), text, sentences, "en")
    assert [q.speaker for q in find_quotes(document)] == ["Ada Ruiz"] * 3


def test_written_and_posted_words_have_their_speaker() -> None:
    assert _speakers('"The pier will reopen by Friday," Ada Ruiz tweeted on Monday.') == [
        ("The pier will reopen by Friday", "Ada Ruiz")
    ]
    assert _speakers('"I could feel the boards shake," Marsh writes in her memoir.') == [
        ("I could feel the boards shake", "Marsh")
    ]


def test_told_names_the_speaker_not_the_listener() -> None:
    text = '"The draft cannot be supported by us," Gennady Gatilov told Interfax news agency.'
    assert _speakers(text) == [("The draft cannot be supported by us", "Gennady Gatilov")]


def test_speaker_before_the_quote_with_title_stripped() -> None:
    text = (
        'But Foreign Minister Anna Berg stressed the plan must be "fair to every party involved."'
    )
    assert _speakers(text) == [("fair to every party involved", "Anna Berg")]


def test_pronoun_resolves_to_the_speaker_just_before() -> None:
    text = (
        "Fire chief Tomas Reyes said the pumps had failed.\n\n"
        '"Nobody listened to the engineers who warned us," he said.'
    )
    assert _speakers(text) == [("Nobody listened to the engineers who warned us", "Tomas Reyes")]


def test_a_speaker_named_before_an_aside_in_commas() -> None:
    text = (
        "Jorge Albarran, who has lived in Juniper Flats for 22 years, said he had time only to "
        'grab his dog. "You could see the smoke over the ridge," he said.\n\n'
        'Ada Ruiz, 53, said: "The ferry never came."\n\n'
        '"We are ready," Tom Vance, the harbour master, told reporters.'
    )
    assert [speaker for _, speaker in _speakers(text)] == [
        "Jorge Albarran",
        "Ada Ruiz",
        "Tom Vance",
    ]


def test_a_speaker_named_after_a_role_or_before_where_they_are_from() -> None:
    names = [
        [a.name for a in attributions(text)]
        for text in (
            '"We are sorry," Harlow Lines\' chief executive, Lena Marsh, said in a statement.',
            "A council spokesperson, Tom Vance, said the pier was closed.",
            '"Every day counts," said Ada Ruiz of the Leemouth Ferry Users Group.',
            '"It is safe," said Ruiz from Leemouth.',
        )
    ]
    assert names == [["Lena Marsh"], ["Tom Vance"], ["Ada Ruiz"], ["Ruiz"]]


def test_a_role_of_someone_else_or_a_title_is_no_speaker() -> None:
    """The spokesman spoke, not the president; "of Police" is part of a title, not a place."""
    assert (
        attributions(
            '"We stand with them," the spokesman for the president, Tom Vance, said in a statement.'
        )
        == []
    )
    assert attributions("Residents of the capital, Harlow, said the roads were closed.") == []
    assert attributions('"It was VX," said Inspector-General of Police Ada Ruiz.') == []


def test_a_place_before_an_aside_is_no_speaker() -> None:
    """A name after a preposition is a place or an employer; an aside opening on a verb is none."""
    assert attributions("Officials in Sycamore, Illinois, said the road was closed.") == []
    assert attributions("Officials in Sycamore, a town of farms, said the road was closed.") == []
    named = attributions("Ada Ruiz from the Leemouth Museum, who led the dig, said it was old.")
    assert [a.name for a in named] == []
    assert attributions("The operator Harlow Lines, was fined in May, said a spokesman.") == []


def test_pronoun_after_a_sentence_that_names_no_speaker_stays_unknown() -> None:
    """'He' may be the ferry captain the sentence between mentions, not the last one who spoke."""
    text = (
        "Council member Ada Ruiz said the vote on the bridge was close.\n\n"
        "In the harbour district, ferry captain Tom Vance, a lifelong resident, watched the count. "
        '"We are trying to balance things out," he said.'
    )
    assert _speakers(text) == [("We are trying to balance things out", "")]


def test_a_sentence_opening_on_a_known_speaker_carries_the_chain() -> None:
    """'Ruiz is not worried' leaves no doubt who 'she' is; 'As Ruiz spoke, her deputy ...' does."""
    known = (
        "Harbour master Ada Ruiz said the pier was safe.\n\n"
        'Ruiz is not worried about the storm. "The wall will hold," she said.'
    )
    assert _speakers(known) == [("The wall will hold", "Ada Ruiz")]
    clause = (
        "Harbour master Ada Ruiz said the pier was safe.\n\n"
        'As Ruiz spoke, her deputy left the room. "The wall will hold," she said.'
    )
    assert _speakers(clause) == [("The wall will hold", "")]


def test_pronoun_goes_through_a_chain_of_the_same_speaker() -> None:
    text = (
        '"The pumps failed," Tomas Reyes said. "Nobody listened," he added. '
        '"We will rebuild," he said.'
    )
    assert [speaker for _, speaker in _speakers(text)] == ["Tomas Reyes"] * 3


def test_quote_continuing_on_the_same_line_keeps_its_speaker() -> None:
    text = '"We have done what we could," Marsh said after the meeting. "We will not stop now."'
    assert [s for _, s in _speakers(text)] == ["Marsh", "Marsh"]


def test_a_closing_mark_spaced_off_its_words_still_closes_the_quote() -> None:
    text = 'He was calm. "We will rebuild the pier before summer, " Ada Ruiz said on Monday.'
    assert _speakers(text) == [("We will rebuild the pier before summer", "Ada Ruiz")]


def test_unattributed_quote_has_no_speaker() -> None:
    text = 'The draft urges the government "to end the suppression of peaceful protest."'
    assert _speakers(text) == [("to end the suppression of peaceful protest", "")]


def test_clean_name_and_key() -> None:
    assert clean_name("But Russian Foreign Minister Sergei Lavrov") == "Sergei Lavrov"
    assert clean_name("Neighbor Dan Aguliar") == "Dan Aguliar"  # a description, like a title
    assert clean_name("Lawyer Ana Ruiz") == clean_name("Manager Ana Ruiz") == "Ana Ruiz"
    assert [clean_name(n) for n in ("May", "Bill Gates", "De Niro", "It")] == [
        "May",
        "Bill Gates",
        "De Niro",
        "",
    ]  # names that are also stop words stay; "It said" names no one
    assert speaker_key("Sergey Lavrov") == speaker_key("Lavrov") == "lavrov"


def test_curly_and_straight_quotes_align_as_the_same_wording() -> None:
    (quote,) = compare_quotes(
        _units(
            'Marsh called the damage "the worst this valley has seen in a generation."',
            "Marsh called the damage “the worst this valley has seen in a generation.”",
        ),
        CompareSettings(),
    )
    assert quote.support == 2 and quote.speaker == "Marsh"
    assert [v.kind for v in quote.variants] == ["same", "same"]


def test_trimmed_and_altered_wording_are_flagged() -> None:
    full = '"We will rebuild every bridge and every road that the water took from us," Marsh said.'
    trimmed = "“We will rebuild every bridge and every road,” Marsh said."
    altered = '"We will rebuild every bridge and every road the water took," Marsh said.'
    (quote,) = compare_quotes(_units(full, trimmed, altered), CompareSettings())
    assert quote.text.startswith("We will rebuild every bridge and every road that the water")
    assert [v.kind for v in quote.variants] == ["same", "trimmed", "altered"]


def test_a_quoted_title_or_nickname_is_no_quote_but_a_short_statement_is() -> None:
    """'"Sammy the Bull"' and '"The Tallow River Story"' name something; "We will not leave"
    is said, however short, and so is a capitalised shout."""
    first = (
        'Reyes, known as "Ray the Hammer", starred in "The Tallow River Story" and said '
        '"We will not leave." He wrote "ALL OF THEM ARE GONE" on his door.'
    )
    second = (
        'The film "The Tallow River Story" made Reyes, "Ray the Hammer", a star. "We will not '
        'leave," Reyes said. He wrote "ALL OF THEM ARE GONE" on his door.'
    )
    quotes = compare_quotes(_units(first, second), CompareSettings())
    assert sorted(q.text for q in quotes) == ["ALL OF THEM ARE GONE", "We will not leave"]
    assert all(q.support == 2 for q in quotes)


def test_words_left_out_at_an_ellipsis_are_a_trim_not_an_alteration() -> None:
    full = '"We will rebuild every bridge and every road that the water took from us," Marsh said.'
    elided = '"We will rebuild every bridge ... that the water took from us," Marsh said.'
    reordered = '"We will rebuild every road ... and every bridge," Marsh said.'
    (quote,) = compare_quotes(_units(full, elided, reordered), CompareSettings())
    assert [v.kind for v in quote.variants] == ["same", "trimmed", "altered"]


def test_quote_given_to_another_speaker_is_flagged() -> None:
    quotes = compare_quotes(
        _units(
            'Governor Helena Marsh called it "the worst this valley has seen in a generation."',
            'Fire chief Tomas Reyes called it "the worst this valley has seen in a generation."',
            'Marsh described it as "the worst this valley has seen in a generation."',
        ),
        CompareSettings(),
    )
    (quote,) = quotes
    assert quote.speaker == "Helena Marsh"
    assert [v.kind for v in quote.variants] == ["same", "other speaker", "same"]


def test_different_quotes_do_not_align() -> None:
    quotes = compare_quotes(
        _units(
            '"Arms are being smuggled to the gunmen in the hills," Berg said.',
            '"There is no clear line between contraband and legal trade," Gatilov said.',
        ),
        CompareSettings(),
    )
    assert len(quotes) == 2 and all(q.support == 1 for q in quotes)


def test_short_quotes_sharing_a_word_or_two_do_not_align_unless_verbatim() -> None:
    quotes = compare_quotes(
        _units(
            '"The pumps are working very hard tonight, and the crews are tired," Marsh said.',
            'Reyes said the crews had worked "very, very hard" since Sunday.',
        ),
        CompareSettings(),
    )
    assert sorted(q.support for q in quotes) == [1, 1]
    (quote,) = compare_quotes(
        _units(
            '"The pumps are working very hard tonight, and the crews are tired," Marsh said.',
            'Marsh said "the crews are tired."',
        ),
        CompareSettings(),
    )
    assert [v.kind for v in quote.variants] == ["same", "trimmed"]


def test_words_every_quote_of_the_story_shares_do_not_make_two_quotes_one() -> None:
    """In a story about one law, every quote names it: that alone aligns nothing."""
    quotes = compare_quotes(
        _units(
            '"The Harlow Flood Barrier Act has kept every home on the river dry," Ruiz said.',
            'Reyes called the vote "the absolute heart of the Harlow Flood Barrier Act."',
            '"Weakening the Harlow Flood Barrier Act would betray the families downstream," '
            "Marsh said.",
            '"The Harlow Flood Barrier Act has kept every house on the river dry," Ruiz said.',
        ),
        CompareSettings(),
    )
    aligned = [sorted(c.article for c in q.members) for q in quotes if q.support > 1]
    assert aligned == [["a0", "a3"]]


def test_first_name_alone_is_the_same_speaker() -> None:
    assert same_person("Jane", "Jane Wilson") and same_person("Sergey Lavrov", "Sergei Lavrov")
    assert not same_person("Tomas Reyes", "Helena Marsh")


def test_reported_speech_object_is_not_a_speaker() -> None:
    text = (
        "Mr Reyes said Jane, 53, went ahead to look for a route.\n\n"
        '"I asked if it was safe and we agreed to go on," he said.'
    )
    assert [s for _, s in _speakers(text)] == ["Reyes"]


def test_pronoun_speaker_is_never_flagged_as_another_speaker() -> None:
    (quote,) = compare_quotes(
        _units(
            'Helena Marsh said the shelter was full.\n\n"We will rebuild every bridge and road," she said.',
            'Tomas Reyes said the pumps failed.\n\n"We will rebuild every bridge and road," Marsh said.',
            'Tomas Reyes said the pumps failed.\n\n"We will rebuild every bridge and road," she said.',
        ),
        CompareSettings(),
    )
    assert quote.speaker == "Helena Marsh"
    assert [v.kind for v in quote.variants] == ["same", "same", "same"]


def test_a_quote_shows_the_full_name_the_story_gives_its_speaker_elsewhere() -> None:
    (quote,) = compare_quotes(
        _units(
            "Harbour Commissioner Ada Ruiz said the pier would stay shut. "
            '"We will not reopen it until it is safe," Ruiz said.'
        ),
        CompareSettings(),
    )
    assert quote.speaker == "Ada Ruiz"


def test_two_people_of_one_surname_leave_the_surname_alone() -> None:
    quotes = compare_quotes(
        _units(
            "Tom Ruiz said the pier would stay shut. Ada Ruiz said the ferry would run. "
            '"We will not reopen it until it is safe," Ruiz said.'
        ),
        CompareSettings(),
    )
    assert [q.speaker for q in quotes] == ["Ruiz"]


def test_a_word_the_story_writes_in_lower_case_is_no_first_name() -> None:
    (quote,) = compare_quotes(
        _units(
            "Witness Ada Ruiz said she saw the car. Another witness said nothing.\n\n"
            '"It came out of nowhere," Ruiz said.'
        ),
        CompareSettings(),
    )
    assert quote.speaker == "Ada Ruiz"


def test_a_name_never_runs_across_a_line_break() -> None:
    """A heading ("Becoming Cruz Hooper") above "Cruz said" is not part of the speaker's name."""
    assert [a.name for a in attributions("Becoming Ruiz Hooper\n\nRuiz said it was over.")] == [
        "Ruiz"
    ]


def test_quotes_are_read_from_the_sentences_claims_compare() -> None:
    text = 'The pier closed.\n"We will rebuild the whole pier by summer," Ruiz said.'
    units = _units(text, text)
    assert [q.support for q in compare_quotes(units, CompareSettings())] == [2]
    assert compare_quotes(units, CompareSettings(max_claim_sentences=1)) == []


def test_a_closing_mark_glued_to_the_next_word_still_closes_its_quote() -> None:
    """Re-joined tokens write 'progress, "said X': quotes do not nest, so it closes the quote."""
    text = 'The coach left. "We were not progressing the way we wanted to, "said Ana Stefanski.'
    assert _speakers(text) == [("We were not progressing the way we wanted to", "Ana Stefanski")]
    # an opening mark after a word, inside a quote, is passed over as before
    nested = 'Ruiz said "we will build the new "harbour wall" next spring.'
    assert _speakers(nested) == [('we will build the new "harbour wall', "Ruiz")]


def test_a_quote_opening_its_line_with_a_space_after_the_mark_is_found() -> None:
    """Re-joined tokens put a space after the opening mark; at a line's start it can only open."""
    text = "The trial went on.\n“ She returned like a grim reaper, ” says Ada Fairman."
    assert _speakers(text) == [("She returned like a grim reaper", "Ada Fairman")]
