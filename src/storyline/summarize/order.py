"""Reading order for chosen sentences: what was reported first comes first, leads before detail."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storyline.model import Citation, Document, SummarySentence
from storyline.text.context import dangles


def reading_order(
    sentences: Sequence[SummarySentence], documents: Mapping[str, Document]
) -> list[SummarySentence]:
    """Sentences by their first report, never opening on a dangler.

    A sentence's first report is the earliest of the sentences citing it: by publication day,
    then position, then article id. The statement a later report took from its second line is
    often the first line of an earlier one, and belongs where the earlier report puts it.
    Position before article keeps each report's lead ahead of any report's detail, the order a
    newsroom summary uses. Unknown dates sort after known ones.
    """

    def first_report(sentence: SummarySentence) -> tuple[str, int, str]:
        return min(_report(citation, documents) for citation in sentence.citations)

    ordered = sorted(sentences, key=first_report)
    if not ordered:
        return []
    opener = next((k for k, s in enumerate(ordered) if not dangles(s.text)), 0)
    return [ordered[opener], *ordered[:opener], *ordered[opener + 1 :]]


def _report(citation: Citation, documents: Mapping[str, Document]) -> tuple[str, int, str]:
    published = documents[citation.article].article.published
    return ((published or "\uffff")[:10], citation.sentence, citation.article)
