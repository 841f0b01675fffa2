"""A summary sentence names the speaker its source leaves to context: "he said", or a quote running on."""

import pytest

from storyline.model import Article, Document, Origin, Sentence, Story, SummarySentence
from storyline.render.json import summary_list
from storyline.settings import SummarizeSettings
from storyline.summarize import summarize
from storyline.text.attribution import named_speaker


def _document(article_id: str, sentences: list[str], separator: str = " ") -> Document:
    spans, offset = [], 0
    for index, sentence in enumerate(sentences):
        spans.append(Sentence(index, offset, offset + len(sentence), sentence))
        offset += len(sentence) + len(separator)
    text = separator.join(sentences)
    return Document(
        Article(article_id, f"{article_id}.txt", text, outlet=article_id), text, tuple(spans), "en"
    )


def _named(sentences: list[str], index: int = -1, separator: str = " ") -> str:
    """A sentence (the last by default) as a summary shows it, with any speaker's name in brackets."""
    document = _document("a", sentences, separator)
    chosen = document.sentences[index]
    speaker = named_speaker(document, chosen.text, chosen)
    return SummarySentence(chosen.text, (), 1, speaker).display_text


NAMED = "Harbour master Ada Ruiz said the pier would stay shut until the storm passed."


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (
            [NAMED, '"We cannot risk another night like that," she said.'],
            '"We cannot risk another night like that," she [Ruiz] said.',
        ),
        (
            [
                NAMED,
                "She said the ferry would run on Friday.",
                "She added that fares would not rise.",
            ],
            "She [Ruiz] added that fares would not rise.",
        ),
        (  # the same speaker going on: the chain walks back over "she"
            [NAMED, '"It was close," she said.', '"Too close," she told the council.'],
            '"Too close," she [Ruiz] told the council.',
        ),
    ],
)
def test_a_pronoun_speaker_gets_the_name_said_just_before(sentences, expected):
    assert _named(sentences) == expected


@pytest.mark.parametrize(
    "sentences",
    [
        # a sentence without a speaker in between: "she" may be anyone it mentions
        [
            NAMED,
            "The ferry's captain, Lena Ostrova, had waited all night.",
            '"It was close," she said.',
        ],
        # "what he said to" is about someone, not a speaker
        [NAMED, "The council fired the clerk because of what he said to the press on Monday."],
        # quoted: someone the speaker quotes
        [NAMED, "\"He said, 'Keep the pier shut,' and we did,\" the mayor recalled."],
        # plural: a name would not agree with the verb
        [NAMED, '"We are ready," they said after the meeting on Thursday.'],
        # a source, not a person
        ["The pier was closed, according to the harbour report.", '"It was close," he said.'],
        # no one named before
        ['"It was close," she said on Thursday evening.'],
        # the speaker is named already
        [NAMED, '"It was close," Ruiz said, and she added that repairs would start soon.'],
    ],
)
def test_other_pronouns_stay_as_written(sentences):
    assert _named(sentences) == sentences[-1]


OPENS = '"The pier is safe.'
RUNS_ON = "The storm has passed."
CLOSES = 'We will reopen it on Friday," Ada Ruiz said.'


@pytest.mark.parametrize(
    ("sentences", "index", "expected"),
    [
        ([OPENS, CLOSES], 0, '"The pier is safe." [Ruiz]'),  # named where the quote closes
        ([OPENS, RUNS_ON, CLOSES], 1, "“The storm has passed.” [Ruiz]"),  # inside the quote
        (  # named where the quote opens
            ['Ada Ruiz told the council: "The pier is safe.', 'We will reopen it on Friday."'],
            1,
            '"We will reopen it on Friday." [Ruiz]',
        ),
        (  # "she said" at the close goes through the chain from the quote's first sentence
            [NAMED, OPENS, 'We will reopen it on Friday," she said.'],
            1,
            '"The pier is safe." [Ruiz]',
        ),
    ],
)
def test_a_quote_running_across_sentences_gets_its_speaker(sentences, index, expected):
    assert _named(sentences, index) == expected


@pytest.mark.parametrize(
    ("sentences", "index"),
    [
        ([OPENS, 'We will reopen it on Friday."'], 0),  # nobody is named
        (["The storm passed.", OPENS, 'We will reopen it," she said.'], 1),  # chain broken
        ([OPENS, 'The storm has passed," Ruiz said.'], 1),  # the sentence names its speaker
    ],
)
def test_quotes_with_no_known_speaker_get_no_name_only_their_missing_mark(sentences, index):
    shown = _named(sentences, index)
    assert "[" not in shown
    assert shown in (f'{sentences[index]}"', f'"{sentences[index]}')  # the quote's other end


def test_a_quote_opening_its_sentence_goes_on_from_the_one_before():
    """'"A," Ruiz said. "B."': B is Ruiz's words too, as long as the paragraph goes on."""
    sentences = ['"The pier is safe," Ada Ruiz said.', '"We will reopen it on Friday."']
    assert _named(sentences) == '"We will reopen it on Friday." [Ruiz]'
    assert _named(sentences, separator="\n\n") == sentences[-1]


def test_he_added_after_a_named_quote_in_its_sentence_is_that_speaker():
    """'"A," Ruiz said ... "B," she added.' names Ruiz in the sentence itself, where the chain of
    the sentences before cannot reach; the quote that opens the next sentence goes on from B."""
    named_then_added = (
        '"The pier is safe," Ada Ruiz said, calling the storm "the worst in years." '
        '"We will look after it," she added.'
    )
    sentences = ["PIER", named_then_added, '"We are going to reopen it.', 'We will reopen it."']
    assert _named(sentences, 2) == '"We are going to reopen it." [Ruiz]'
    assert _named(sentences, 3) == '"We will reopen it." [Ruiz]'


def test_quotes_pair_within_a_paragraph():
    """A quote left open at a paragraph's end is not closed by the next paragraph's quote."""
    sentences = [OPENS, '"We will reopen it on Friday," Ruiz said.']
    assert _named(sentences, 0, separator="\n\n") == f'{OPENS}"'  # unnamed, its quote closed


def test_the_summary_names_the_speaker_and_keeps_the_source_text():
    repairs = "Repairs on the pier will start on Monday, she said."
    first = _document("courier", [NAMED, repairs])
    second = _document("ledger", ["The storm damaged the harbour wall and two fishing boats."])
    story = Story(
        "s-pier",
        "",
        ("courier", "ledger"),
        (Origin("o-courier", ("courier",)), Origin("o-ledger", ("ledger",))),
    )
    summary = summarize(story, {"courier": first, "ledger": second}, SummarizeSettings())
    (named,) = [s for s in summary.sentences if s.speaker is not None]
    assert named.text == repairs  # as written: the citation's offsets point at it
    citation = named.citations[0]
    assert first.text[citation.start : citation.end] == named.text
    assert (
        named.speaker.name == "Ruiz"
        and named.text[named.speaker.start : named.speaker.end] == "she"
    )
    assert named.display_text == "Repairs on the pier will start on Monday, she [Ruiz] said."
    assert summary_list(summary)[summary.sentences.index(named)]["speaker"] == {
        "name": "Ruiz",
        "start": 42,
        "end": 45,
    }


def test_a_time_before_the_pronoun_still_opens_the_sentence():
    sentences = [NAMED, "On Friday she said the ferry would run again."]
    assert _named(sentences) == "On Friday she [Ruiz] said the ferry would run again."
