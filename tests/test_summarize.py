"""summarize end to end on a synthetic four-article story: budgets, citations, support, order."""

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bridgestory import NAMES

from storyline.clean import clean_article
from storyline.errors import UserError
from storyline.model import Article, Citation, Origin, Story, SummarySentence
from storyline.settings import CleanSettings, SummarizeSettings
from storyline.summarize import summarize
from storyline.summarize.cite import restatements
from storyline.summarize.compress import compress, shorter_forms
from storyline.summarize.concepts import content_stems, weigh_concepts
from storyline.summarize.order import reading_order
from storyline.text.context import dangles


def _settings(**changes) -> SummarizeSettings:
    return dataclasses.replace(SummarizeSettings(), **changes)


@pytest.mark.parametrize(
    "budget",
    [
        {"max_words": 25},
        {"max_words": 60},
        {"max_chars": 200},
        {"max_words": None, "max_sentences": 2},
        {"max_words": 80, "max_chars": 300, "max_sentences": 3},
    ],
)
def test_summary_never_exceeds_its_budget(story, documents, budget):
    summary = summarize(story, documents, _settings(**budget))
    assert summary.sentences
    if budget.get("max_words"):
        assert len(summary.text.split()) <= budget["max_words"]
    if budget.get("max_chars"):
        assert len(summary.text) <= budget["max_chars"]
    if budget.get("max_sentences"):
        assert len(summary.sentences) <= budget["max_sentences"]


def test_citations_point_at_the_cited_sentence(story, documents):
    summary = summarize(story, documents, _settings(max_words=120))
    for sentence in summary.sentences:
        for citation in sentence.citations:
            document = documents[citation.article]
            cited = document.sentences[citation.sentence]
            assert document.text[citation.start : citation.end] == cited.text
            assert citation.outlet == document.article.outlet


def test_summary_text_is_source_text_or_its_compressed_form(story, documents):
    summary = summarize(story, documents, _settings(max_words=120))
    for sentence in summary.sentences:
        first = sentence.citations[0]
        compressed = compress(documents[first.article].sentences[first.sentence].text)
        assert sentence.text in (compressed, *shorter_forms(compressed))


OFF_TOPIC = (
    "Tomato growers in the valley expect a late harvest this year. A cold spring slowed the "
    "seedlings, and several farms planted a second time in May. Prices at the weekend market "
    "have held steady, the growers' association said."
)


def test_an_off_topic_report_is_not_prominent(story, documents):
    article = Article(id="garden", location="garden.txt", text=OFF_TOPIC, outlet="Garden")
    docs = {**documents, "garden": clean_article(article, CleanSettings())}
    origins = (*story.origins, Origin("o-garden", ("garden",)))
    prominence = weigh_concepts(origins, docs, SummarizeSettings()).prominence
    assert max(prominence.values()) == 1.0
    assert prominence["wire"] == prominence["wire_copy"]  # one origin, one prominence
    assert prominence["garden"] < 0.1 * min(prominence[name] for name in NAMES)


def test_restatements_are_cited_and_support_counts_origins_not_copies(story, documents):
    summary = summarize(story, documents, _settings(max_words=60))
    collapse = next(s for s in summary.sentences if "collapsed" in s.text)
    cited = {c.article for c in collapse.citations}
    assert {"courier", "wire", "wire_copy", "ledger"} <= cited  # every article states the collapse
    assert collapse.support == 3  # but the wire copies are one origin


def test_shared_facts_win_over_single_source_detail(story, documents):
    summary = summarize(story, documents, _settings(max_words=60))
    assert any("structurally deficient" in s.text for s in summary.sentences)
    assert not any("Greaves" in s.text for s in summary.sentences)


def test_page_furniture_questions_and_captions_stay_out(story, documents):
    text = summarize(story, documents, _settings(max_words=400)).text
    assert "sign up" not in text
    assert "?" not in text
    assert "A photo shows" not in text


def test_compression_drops_dateline_and_aside(story, documents):
    text = summarize(story, documents, _settings(max_words=400)).text
    assert "MARLOW CREEK, Ore. --" not in text
    assert "(who oversees 140 bridges)" not in text


def test_summary_does_not_open_on_a_dangling_word(story, documents):
    for words in (20, 40, 80, 400):
        summary = summarize(story, documents, _settings(max_words=words))
        assert not dangles(summary.sentences[0].text)


def test_a_statement_goes_where_its_first_report_puts_it(documents):
    """Taken from a later report's second line, but the earlier report's lead: it opens."""
    dated = {
        name: dataclasses.replace(
            documents[name], article=dataclasses.replace(documents[name].article, published=day)
        )
        for name, day in (("ledger", "2031-03-01"), ("courier", "2031-03-02"))
    }
    detail = SummarySentence("Crews began work.", (Citation("ledger", "Ledger", 4, 0, 9),), 1)
    event = SummarySentence(
        "The bridge shut.",
        (Citation("courier", "Courier", 1, 0, 9), Citation("ledger", "Ledger", 0, 0, 9)),
        2,
    )
    assert reading_order([detail, event], dated) == [event, detail]
    only_later = dataclasses.replace(event, citations=event.citations[:1], support=1)
    assert reading_order([only_later, detail], dated) == [detail, only_later]


def test_same_input_same_summary_whatever_the_mapping_order(story, documents):
    reversed_docs = dict(reversed(list(documents.items())))
    first = summarize(story, documents, _settings(max_words=80))
    assert summarize(story, reversed_docs, _settings(max_words=80)) == first
    assert first.method == "ilp" and first.notes == ()


def test_greedy_is_used_and_reported_when_the_ilp_runs_out_of_time(story, documents):
    summary = summarize(story, documents, _settings(max_words=80, time_limit_s=0.0))
    assert summary.method == "greedy"
    assert summary.notes and "greedy used" in summary.notes[0]
    assert len(summary.text.split()) <= 80


def test_single_article_story_is_summarised(documents):
    story = Story("s-one", "", ("ledger",), (Origin("o-ledger", ("ledger",)),))
    summary = summarize(story, documents, _settings(max_words=40))
    assert summary.sentences and all(s.support == 1 for s in summary.sentences)
    assert summary.sentences[0].text.startswith("Four people were injured")


def test_a_lead_behind_an_agency_tag_is_a_candidate():
    """'(Harlow News) -- A fire ...' is a sentence opening on 'A' once its dateline is dropped."""
    text = (
        "(HNS) -- A fire destroyed the Harlow ferry terminal on Monday night, the harbour master "
        "said.\n\nThe terminal had stood on the pier since 1921 and served two crossings a day."
    )
    article = Article(id="tag", location="tag.txt", text=text, outlet="Harlow News")
    documents = {"tag": clean_article(article, CleanSettings())}
    story = Story("s-tag", "", ("tag",), (Origin("o-tag", ("tag",)),))
    summary = summarize(story, documents, _settings(max_words=16))
    assert (
        summary.text
        == "A fire destroyed the Harlow ferry terminal on Monday night, the harbour master said."
    )


def test_empty_story_gives_empty_summary():
    summary = summarize(Story("s-empty", "", (), ()), {}, _settings())
    assert summary.sentences == ()


def test_an_empty_summary_says_why(story, documents):
    tight = summarize(story, documents, _settings(max_words=None, max_chars=10))
    assert tight.sentences == ()
    assert tight.notes == ("no candidate sentence fits the budget (10 characters)",)
    text = "Harbour Road closed.\n\nSee the map below."
    article = Article(id="stub", location="stub.txt", text=text)
    stub = {"stub": clean_article(article, CleanSettings())}
    bare = summarize(Story("s-stub", "", ("stub",), (Origin("o", ("stub",)),)), stub, _settings())
    assert bare.sentences == () and "stand alone" in bare.notes[0]


def test_impossible_budget_is_a_user_error(story, documents):
    with pytest.raises(UserError, match="--max-words"):
        summarize(story, documents, _settings(max_words=0))


def test_a_loose_budget_does_not_repeat_a_fact(story, documents):
    summary = summarize(story, documents, _settings(max_words=400))
    assert restatements([content_stems(s.text) for s in summary.sentences]) == []
    assert sum("collapsed" in s.text for s in summary.sentences) == 1


def test_same_summary_whatever_the_hash_seed():
    """Concept sets iterate in an order that changes with PYTHONHASHSEED; the summary must not."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import test_summarize as t; "
        "from bridgestory import bridge_documents, bridge_story; "
        "print(repr(t.summarize(bridge_story(), bridge_documents(), t._settings(max_words=60))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(Path(__file__).parent)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and next(iter(outputs)).startswith("Summary(")


def _two_reports(first: str, second: str) -> tuple[Story, dict]:
    docs = {}
    for name, text in (("north", first), ("south", second)):
        article = Article(id=name, location=f"{name}.txt", text=text, outlet=name.title())
        docs[name] = clean_article(article, CleanSettings())
    origins = (Origin("o-north", ("north",)), Origin("o-south", ("south",)))
    return Story("s-forms", "", ("north", "south"), origins), docs


@pytest.mark.parametrize(("max_words", "expected"), [(14, "short"), (40, "whole")])
def test_a_shorter_form_is_shown_only_when_the_budget_needs_it(max_words, expected):
    whole = "The Harlow bridge will close for repairs on Friday after inspectors found cracks, council officials said."
    short = "The Harlow bridge will close for repairs on Friday after inspectors found cracks."
    story, docs = _two_reports(
        whole,
        "The Harlow bridge will close for repairs on Friday after inspectors found cracks in a beam.",
    )
    summary = summarize(story, docs, _settings(max_words=max_words))
    texts = [sentence.text for sentence in summary.sentences]
    assert texts == [short if expected == "short" else whole]
    citation = summary.sentences[0].citations[0]
    assert docs[citation.article].text[citation.start : citation.end] == whole
