"""Figures in sentences: what claims share, and amounts that make two sentences differ."""

from storyline.clean import clean_article
from storyline.compare import compare
from storyline.model import Article, Origin, Story
from storyline.settings import CleanSettings, CompareSettings
from storyline.summarize.cite import Aligner
from storyline.summarize.concepts import Unit, content_stems, sentence_concepts
from storyline.text.figures import other_amounts, sentence_figures

JACKPOT = (
    "If one ticket wins, the lump-sum payout for the Harlow lottery jackpot would be $316 million."
)
LATER = "If one ticket wins, the lump-sum payout for the Harlow lottery jackpot would be $341.2 million."
SAME = "If one ticket wins, the Harlow lottery jackpot's lump-sum payout would be $316 million."


def test_figures_keep_currency_and_scale():
    assert sentence_figures("$4.2 million for 3,000 people, up 4.2 per cent") == {
        "$4.2million",
        "3000",
        "4.2percent",
    }
    assert sentence_figures("a 7-2 vote") == frozenset()  # one digit each: no figure


def test_other_amounts_differ_and_one_amount_in_two_wordings_does_not():
    assert other_amounts(JACKPOT, LATER)
    assert not other_amounts(JACKPOT, SAME)
    assert not other_amounts("It cost $4.2 million.", "It cost 4.2 million dollars.")
    assert not other_amounts(JACKPOT, "The Harlow lottery jackpot keeps growing.")  # none there
    # another currency is a conversion, not another amount
    assert not other_amounts("oil worth €75m was seized", "oil worth $100 million was seized")
    assert other_amounts("a poll put it at 20.6 percent", "a poll put it at 83.3 percent")
    # ages, years and times are no amounts: incidental to what a sentence states
    assert not other_amounts(
        "A jury convicted the Harlow man in the 2012 shooting.",
        "A jury convicted a 27-year-old Harlow man of the shooting.",
    )


def _documents():
    texts = {"gazette": JACKPOT, "post": LATER, "wire": SAME}
    return {
        key: clean_article(Article(key, f"{key}.txt", text, outlet=key), CleanSettings())
        for key, text in texts.items()
    }


def test_a_citation_never_gives_another_amount():
    documents = _documents()
    sentence = documents["gazette"].sentences[0]
    unit = Unit("gazette", sentence, JACKPOT, sentence_concepts(JACKPOT), content_stems(JACKPOT))
    cited = [c.article for c in Aligner(sorted(documents), documents).citations(unit)]
    assert cited == ["gazette", "wire"]


def test_sentences_giving_other_amounts_are_not_one_agreed_claim():
    documents = _documents()
    origins = tuple(Origin(f"o-{key}", (key,)) for key in sorted(documents))
    story = Story("s", "Jackpot", tuple(sorted(documents)), origins)
    claims = compare(story, documents, CompareSettings()).claims
    groups = sorted(sorted(c.article for c in claim.members) for claim in claims)
    assert groups == [["gazette", "wire"], ["post"]]
