"""Figures in sentences: what claims share, and amounts that make two sentences differ."""

from samestatement import cited, claim_groups, reports

from storyline.text.figures import other_amounts, sentence_figures


def amounts_differ(a: str, b: str) -> bool:
    """`other_amounts` of two sentences' figures, as claims and citations ask it."""
    return other_amounts(sentence_figures(a), sentence_figures(b))


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
    assert amounts_differ(JACKPOT, LATER)
    assert not amounts_differ(JACKPOT, SAME)
    assert not amounts_differ("It cost $4.2 million.", "It cost 4.2 million dollars.")
    assert not amounts_differ(JACKPOT, "The Harlow lottery jackpot keeps growing.")  # none there
    # another currency is a conversion, not another amount
    assert not amounts_differ("oil worth €75m was seized", "oil worth $100 million was seized")
    assert amounts_differ("a poll put it at 20.6 percent", "a poll put it at 83.3 percent")
    # ages, years and times are no amounts: incidental to what a sentence states
    assert not amounts_differ(
        "A jury convicted the Harlow man in the 2012 shooting.",
        "A jury convicted a 27-year-old Harlow man of the shooting.",
    )


def test_a_citation_never_gives_another_amount():
    documents = reports({"gazette": JACKPOT, "post": LATER, "wire": SAME})
    assert cited(documents, "gazette") == ["gazette", "wire"]


def test_sentences_giving_other_amounts_are_not_one_agreed_claim():
    documents = reports({"gazette": JACKPOT, "post": LATER, "wire": SAME})
    assert claim_groups(documents) == [["gazette", "wire"], ["post"]]
