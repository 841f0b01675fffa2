"""Opposite statements in the same words: not one statement, for citations and claims alike."""

from samestatement import cited, claim_groups, reports

from storyline.summarize.cite import restatements
from storyline.summarize.concepts import content_stems
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


def test_a_citation_is_never_the_opposite_statement():
    documents = reports({"ledger": CLOSED, "post": OPENED, "wire": CLOSED_TOO})
    assert cited(documents, "ledger") == ["ledger", "wire"]  # not the post: the centre opened
    stems = [content_stems(text) for text in (CLOSED, OPENED, CLOSED_TOO)]
    assert restatements(stems) == [(0, 2)]


def test_opposite_statements_are_not_one_agreed_claim():
    documents = reports({"ledger": CLOSED, "post": OPENED, "wire": CLOSED_TOO})
    assert claim_groups(documents) == [["ledger", "wire"], ["post"]]
