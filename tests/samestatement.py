"""Three one-sentence reports of a story, for tests of what counts as one statement."""

from storyline.clean import clean_article
from storyline.compare import compare
from storyline.model import Article, Document, Origin, Story
from storyline.settings import CleanSettings, CompareSettings
from storyline.summarize.cite import Aligner
from storyline.summarize.concepts import Unit, content_stems, sentence_concepts


def reports(texts: dict[str, str]) -> dict[str, Document]:
    """Each text a cleaned article of its own outlet, keyed by article id."""
    return {
        key: clean_article(Article(key, f"{key}.txt", text, outlet=key), CleanSettings())
        for key, text in texts.items()
    }


def cited(documents: dict[str, Document], article: str) -> list[str]:
    """The articles a summary sentence taken from `article`'s first sentence cites."""
    sentence = documents[article].sentences[0]
    text = sentence.text
    unit = Unit(article, sentence, text, sentence_concepts(text), content_stems(text))
    return [c.article for c in Aligner(sorted(documents), documents).citations(unit)]


def claim_groups(documents: dict[str, Document]) -> list[list[str]]:
    """The articles of each claim, every article its own origin."""
    origins = tuple(Origin(f"o-{key}", (key,)) for key in sorted(documents))
    story = Story("s", "Story", tuple(sorted(documents)), origins)
    claims = compare(story, documents, CompareSettings()).claims
    return sorted(sorted(c.article for c in claim.members) for claim in claims)
