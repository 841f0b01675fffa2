"""Figures in sentences: what claims share, and amounts that make two sentences differ."""

from storyline.clean import clean_article
from storyline.model import Article
from storyline.settings import CleanSettings
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
    # ages, years and times are no amounts: incidental to what a sentence states
    assert not other_amounts(
        "A jury convicted the Harlow man in the 2012 shooting.",
        "A jury convicted a 27-year-old Harlow man of the shooting.",
    )


def test_a_citation_never_gives_another_amount():
    texts = {"gazette": JACKPOT, "post": LATER, "wire": SAME}
    documents = {
        key: clean_article(Article(key, f"{key}.txt", text, outlet=key), CleanSettings())
        for key, text in texts.items()
    }
    sentence = documents["gazette"].sentences[0]
    unit = Unit("gazette", sentence, JACKPOT, sentence_concepts(JACKPOT), content_stems(JACKPOT))
    cited = [c.article for c in Aligner(sorted(documents), documents).citations(unit)]
    assert cited == ["gazette", "wire"]
