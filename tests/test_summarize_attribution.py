"""A summary sentence names the speaker its source sentence calls "he" or "she"."""

import pytest

from storyline.model import Article, Document, Origin, Sentence, Story
from storyline.settings import SummarizeSettings
from storyline.summarize import summarize
from storyline.summarize.attribution import SpeakerNames


def _document(article_id: str, sentences: list[str]) -> Document:
    spans, offset = [], 0
    for index, sentence in enumerate(sentences):
        spans.append(Sentence(index, offset, offset + len(sentence), sentence))
        offset += len(sentence) + 1
    text = " ".join(sentences)
    return Document(
        Article(article_id, f"{article_id}.txt", text, outlet=article_id), text, tuple(spans), "en"
    )


def _named(sentences: list[str]) -> str:
    """The last sentence as a summary would carry it."""
    document = _document("a", sentences)
    last = document.sentences[-1]
    return SpeakerNames(document).name_speaker(last.text, last)


NAMED = "Harbour master Ada Ruiz said the pier would stay shut until the storm passed."


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (
            [NAMED, '"We cannot risk another night like that," she said.'],
            '"We cannot risk another night like that," Ruiz said.',
        ),
        (
            [
                NAMED,
                "She said the ferry would run on Friday.",
                "She added that fares would not rise.",
            ],
            "Ruiz added that fares would not rise.",
        ),
        (  # the same speaker going on: the chain walks back over "she"
            [NAMED, '"It was close," she said.', '"Too close," she told the council.'],
            '"Too close," Ruiz told the council.',
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


def test_the_summary_names_the_speaker_and_cites_the_source_sentence():
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
    texts = [s.text for s in summary.sentences]
    assert "Repairs on the pier will start on Monday, Ruiz said." in texts
    named = summary.sentences[texts.index("Repairs on the pier will start on Monday, Ruiz said.")]
    assert [(c.article, c.sentence) for c in named.citations] == [("courier", 1)]
    citation = named.citations[0]
    assert first.text[citation.start : citation.end] == repairs  # provenance: the source as written
