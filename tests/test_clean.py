"""clean_article end to end on synthetic articles: the Document contract and no word lost."""

import re
from pathlib import Path

import pytest

from storyline.clean import clean_article
from storyline.model import Article, Repair
from storyline.settings import CleanSettings
from storyline.text.titles import fallback_title

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def _clean(text: str, settings: CleanSettings | None = None, **fields):
    article = Article(id="a1", location="test", text=text, **fields)
    return clean_article(article, settings or CleanSettings())


@pytest.fixture(scope="module")
def boilerplate_doc():
    return _clean((FIXTURES / "boilerplate_article.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def damaged_doc():
    return _clean((FIXTURES / "damaged_article.txt").read_text(encoding="utf-8"))


def test_sentence_offsets_point_into_cleaned_text(boilerplate_doc, damaged_doc):
    for doc in (boilerplate_doc, damaged_doc):
        assert doc.sentences
        for index, sentence in enumerate(doc.sentences):
            assert sentence.index == index
            assert doc.text[sentence.start : sentence.end] == sentence.text


def test_story_sentences_survive_and_furniture_goes(boilerplate_doc):
    text = boilerplate_doc.text
    for kept in (
        "Harbour Council Delays Vote on Ferry Fares",
        "The harbour council delayed a vote on ferry fares on Tuesday",
        "the advertisement campaign for the new routes",
        "The council will follow the vote on Twitter and on its website",
    ):
        assert kept in text
    for gone in (
        "Tomas Reyl",
        "Advertisement\n",
        "newsletter",
        "Coastal Wire",
        "Photo: AP",
        "Getty",
        "cookies",
        "по-русски",
        "Read this in French",
        "Share this article",
        "Comments 12",
        "Ferry operator posts record quarter",
        "Council elects new chair",
        "Follow Mara Inge",
        "Short link",
        "Original url",
        "example.org",
    ):
        assert gone not in text


def test_every_word_read_is_in_text_or_dropped(boilerplate_doc):
    words = re.findall(r"\w+", boilerplate_doc.article.text)
    kept = re.findall(r"\w+", boilerplate_doc.text + " " + " ".join(boilerplate_doc.dropped))
    assert sorted(words) == sorted(kept)


def test_a_zero_width_space_inside_a_word_does_not_split_it():
    doc = _clean(
        "The ferry crew said the\u200bir pay had not risen since 2019.\n\nTalks resume in May."
    )
    assert "their pay" in doc.text and "\u200b" not in doc.text
    assert any(r.kind == "invisible-characters" for r in doc.repairs)


def test_dropped_lines_are_verbatim_in_order_after_lifted():
    text = "Share this article\n\nThe council met on Monday and voted on the plan.\n\nComments 3"
    doc = _clean(text, lifted=("Title line",))
    assert doc.dropped == ("Title line", "Share this article", "Comments 3")
    assert [r.kind for r in doc.repairs] == ["boilerplate:widget", "boilerplate:widget"]


def test_a_title_taken_from_boilerplate_is_taken_again_from_the_cleaned_text():
    # a widget line the cleaner drops but the title's own checks do not know (it shares "main")
    text = (
        "Continue reading the main story\n\n"
        "The harbour authority closed the main pier on Monday after a storm damaged its pilings."
    )
    raw_title = fallback_title(text)
    doc = _clean(text, title=raw_title)
    assert raw_title.startswith("Continue reading")
    assert (
        doc.article.title == "The harbour authority closed the main pier on Monday after a storm …"
    )
    assert Repair("title:from the cleaned text", raw_title, doc.article.title) in doc.repairs
    given = _clean(text, title="Storm shuts north pier")
    assert given.article.title == "Storm shuts north pier"


def test_a_list_label_run_into_a_title_goes_from_the_title_too():
    text = "The pier will reopen on Friday after repairs to its pilings, the authority said."
    doc = _clean(text, title="Story highlights Harbour authority closes the north pier")
    assert doc.article.title == "Harbour authority closes the north pier"
    assert (
        Repair(
            "title:label",
            "Story highlights Harbour authority closes the north pier",
            "Harbour authority closes the north pier",
        )
        in doc.repairs
    )
    assert _clean(text, title="Highlights of the harbour festival").article.title == (
        "Highlights of the harbour festival"  # a title about highlights keeps its word
    )


def test_a_list_label_run_into_the_first_point_is_dropped_and_kept_verbatim():
    text = (
        "Story highlights The harbour authority closed the north pier on Monday\n\n"
        "The pier will reopen on Friday after repairs to its pilings, the authority said."
    )
    doc = _clean(text)
    assert doc.text.startswith("The harbour authority closed the north pier on Monday")
    assert doc.dropped == ("Story highlights",)
    assert Repair("boilerplate:label", "Story highlights", "") in doc.repairs


def test_repairs_on_damaged_article(damaged_doc):
    text = damaged_doc.text
    for fixed in (
        "standing firm",
        "any U.N. role",
        "than 5,400",
        "hegemony, characteristically",
        "any ”constructive",
        "stop the fighting before the vote.",
        "as “not fair”, saying the poor pay most.",
        "The Café owner said it wasn’t worth",
    ):
        assert fixed in text
    for untouched in (
        "Davutoglu",
        "Interfax",
        "Tartus",
        "counterproductive",
        "well-balanced",
        "agains",
    ):
        assert untouched in text
    kinds = {r.kind for r in damaged_doc.repairs}
    assert {
        "glued-words",
        "missing-space",
        "repeated-phrase",
        "mojibake",
        "markdown",
        "joined-lines",
    } <= kinds


def test_settings_turn_repairs_and_drops_off():
    text = "Comments 3\n\nThe mayor is standingfirm on the plan for the harbour ferries."
    doc = _clean(text, CleanSettings(repair_glued_words=False, drop_boilerplate=False))
    assert "Comments 3" in doc.text and "standingfirm" in doc.text
    assert doc.dropped == ()


def test_glue_is_only_repaired_in_english():
    text = "Le maire est standingfirm sur le projet des ferries du port, a dit le conseil mardi."
    doc = _clean(text)
    assert doc.language == "fr"
    assert "standingfirm" in doc.text


def test_declared_language_wins():
    doc = _clean("The council met on Monday and voted on the plan for the ferries.", language="de")
    assert doc.language == "de"


def test_same_input_same_document():
    text = (FIXTURES / "damaged_article.txt").read_text(encoding="utf-8")
    assert _clean(text) == _clean(text)


@pytest.mark.parametrize("name", ["boilerplate_article.txt", "damaged_article.txt"])
def test_cleaning_clean_text_changes_nothing(name):
    once = _clean((FIXTURES / name).read_text(encoding="utf-8"))
    twice = _clean(once.text)
    assert twice.text == once.text
    assert twice.repairs == () and twice.dropped == ()
