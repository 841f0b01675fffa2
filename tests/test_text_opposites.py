"""Opposite statements in the same words: not one statement, for citations and claims alike."""

from storyline.clean import clean_article
from storyline.compare import compare
from storyline.model import Article, Origin, Story
from storyline.settings import CleanSettings, CompareSettings
from storyline.summarize.cite import Aligner, restatements
from storyline.summarize.concepts import Unit, content_stems, sentence_concepts
from storyline.text.opposites import opposed

CLOSED = "The evacuation centre at Harlow High School in Leemouth closed on Sunday after the storm."
OPENED = "An evacuation centre opened at Harlow High School in Leemouth on Sunday after the storm."
CLOSED_TOO = "Harlow High School's evacuation centre in Leemouth closed on Sunday after the storm."


def test_one_side_each_is_opposed_and_both_sides_or_one_side_are_not():
    assert opposed(content_stems(CLOSED), content_stems(OPENED))
    assert not opposed(content_stems(CLOSED), content_stems(CLOSED_TOO))
    both = content_stems("The centre opened on Friday and closed on Sunday after the storm.")
    assert not opposed(both, content_stems(OPENED))
    down = content_stems("Fares decreased by a third.")
    assert opposed(content_stems("Fares increased by a third."), down)
    assert not opposed(content_stems("Fares rose by a third, Rose said."), down)  # a name too


def _documents():
    texts = {"ledger": CLOSED, "post": OPENED, "wire": CLOSED_TOO}
    return {
        key: clean_article(Article(key, f"{key}.txt", text, outlet=key), CleanSettings())
        for key, text in texts.items()
    }


def test_a_citation_is_never_the_opposite_statement():
    documents = _documents()
    sentence = documents["ledger"].sentences[0]
    unit = Unit(
        "ledger", sentence, sentence.text, sentence_concepts(sentence.text), content_stems(CLOSED)
    )
    cited = [c.article for c in Aligner(sorted(documents), documents).citations(unit)]
    assert cited == ["ledger", "wire"]  # not the post, which says the centre opened
    stems = [content_stems(text) for text in (CLOSED, OPENED, CLOSED_TOO)]
    assert restatements(stems) == [(0, 2)]


def test_opposite_statements_are_not_one_agreed_claim():
    documents = _documents()
    origins = tuple(Origin(f"o-{key}", (key,)) for key in sorted(documents))
    story = Story("s", "Storm", tuple(sorted(documents)), origins)
    claims = compare(story, documents, CompareSettings()).claims
    groups = sorted(sorted(c.article for c in claim.members) for claim in claims)
    assert groups == [["ledger", "wire"], ["post"]]
