"""The check on a model's sentences: what the story's sentences state, name and count."""

import pytest
from bridgestory import bridge_documents, bridge_story

from storyline.settings import SummarizeSettings
from storyline.summarize import extract
from storyline.summarize.grounding import Grounding
from storyline.summarize.origins import story_origins
from storyline.summarize.written import source_sentences


def _grounding(**rules) -> Grounding:
    documents = bridge_documents()
    origins = story_origins(bridge_story(), documents)
    sources = source_sentences(origins, documents, SummarizeSettings())
    return Grounding(sources, ["Courier"], **rules)


@pytest.fixture(scope="module")
def grounding():
    return _grounding()


def _sentences(sources) -> set[tuple[str, int]]:
    return {(s.article, s.sentence.index) for s in sources}


def test_a_paraphrase_is_found_without_citation_marks(grounding):
    rests_on = grounding.rests_on("Four people were hurt when the Fenwick Street bridge fell.")
    # one report's lead; which one is the tie-break's (citations add the others' restatements)
    assert rests_on and len(rests_on) == 1
    assert _sentences(rests_on) <= {("courier", 0), ("wire", 0), ("ledger", 0)}


def test_a_sentence_joining_two_facts_rests_on_two_sentences(grounding):
    # four of its nine content words are in the wire's lead, two more in the governor's order
    text = (
        "Governor Ortiz acted quickly after delivery trucks dropped into the creek below the span."
    )
    cited = _sentences(grounding.rests_on(text))
    assert ("wire", 0) in cited and ("wire", 3) in cited
    assert _grounding(fused=1).rests_on(text) is None


def test_a_name_the_story_never_mentions_is_refused(grounding):
    faithful = "Governor Lena Ortiz ordered an emergency inspection of similar bridges."
    assert grounding.rests_on(faithful)
    assert grounding.rests_on(faithful.replace("Lena Ortiz", "Maria Lopez")) is None
    # an outlet the prompt named is a name the model was shown, and an honorific adds no name
    assert grounding.rests_on(f"{faithful[:-1]}, the Courier reported.")
    assert grounding.rests_on(faithful.replace("Governor Lena Ortiz", "Gov. Ortiz"))
    assert grounding.rests_on(faithful.replace("Governor Lena Ortiz", "Gov. Lopez")) is None
    assert grounding.rests_on("Rescue crews pulled both drivers from the creek, Mr. Whitlock said.")


def test_a_figure_the_sources_do_not_give_is_refused(grounding):
    faithful = "The county has budgeted 12 million dollars to replace the bridge in 2027."
    assert grounding.rests_on(faithful)
    assert grounding.rests_on(faithful.replace("12 million", "15 million")) is None
    assert grounding.rests_on(faithful.replace("2027", "2029")) is None


def test_a_number_spelt_out_or_in_digits_is_one_figure(grounding):
    said = "Four people were hurt when the Fenwick Street bridge collapsed into Marlow Creek."
    assert grounding.rests_on(said)
    assert grounding.rests_on(said.replace("Four people", "4 people"))
    assert grounding.rests_on(said.replace("Four", "Seven")) is None
    assert grounding.rests_on(said.replace("Four people", "Nine people")) is None


def test_words_the_story_does_not_hold_are_refused(grounding):
    assert grounding.rests_on("Aliens landed near the courthouse on a quiet evening.") is None
    assert grounding.rests_on("It was.") is None  # nothing to check is nothing stated


def test_every_sentence_of_the_extractive_summary_passes(grounding):
    """What the story says in its own words, shortened or not, is what the check must accept."""
    summary = extract(bridge_story(), bridge_documents(), SummarizeSettings(max_words=200))
    assert len(summary.sentences) >= 4
    assert all(grounding.rests_on(s.text) for s in summary.sentences)
