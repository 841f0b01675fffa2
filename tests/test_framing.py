"""Framing: log-odds with an informative Dirichlet prior finds marked terms, or says why not."""

from __future__ import annotations

from storyline.compare.framing import compare_framing
from storyline.compare.units import Unit, document_units
from storyline.model import Article, Document
from storyline.settings import CompareSettings
from storyline.text.sentences import split_sentences

SHARED = (
    "The council met in the town hall to discuss the flood response and the repair budget. "
    "Residents asked about shelters, clean water and the reopening of the schools near the river. "
)
LOADED = "Officials blamed armed gangs for looting, saying gangs roamed freely while gangs stole. "
NEUTRAL = (
    "Officials reported looting in two districts and said police patrols would be increased there. "
)


def _units(*texts: str) -> list[Unit]:
    units = []
    for k, text in enumerate(texts):
        doc = Document(
            Article(f"a{k}", f"a{k}.txt", text, outlet=f"Outlet {k}"),
            text,
            split_sentences(text),
            "en",
        )
        units += document_units(doc, f"o{k}")
    return units


def test_marked_term_of_one_origin_with_an_example_sentence() -> None:
    units = _units(SHARED * 6 + LOADED * 2, SHARED * 6 + NEUTRAL * 2, SHARED * 6 + NEUTRAL * 2)
    terms, note = compare_framing(units, CompareSettings())
    assert note == ""
    gangs = [t for t in terms if t.term == "gangs"]
    assert [t.outlet for t in gangs] == ["Outlet 0"]
    assert gangs[0].count == 6 and gangs[0].z >= 1.96
    example = gangs[0].example
    assert example is not None and "gangs" in units[0].document.text[example.start : example.end]
    assert not any(t.term in {"council", "flood"} for t in terms)  # shared words are not framing


def test_copies_of_one_origin_count_once() -> None:
    text = SHARED * 6 + LOADED * 2
    doc = Document(Article("c", "c.txt", text), text, split_sentences(text), "en")
    copies = document_units(doc, "o0")
    units = _units(text, SHARED * 6 + NEUTRAL * 2, SHARED * 6 + NEUTRAL * 2)
    mixed = units[: len(copies)] + copies + units[len(copies) :]
    assert compare_framing(mixed, CompareSettings()) == compare_framing(units, CompareSettings())


def test_too_little_text_says_so() -> None:
    terms, note = compare_framing(_units(LOADED, NEUTRAL), CompareSettings())
    assert terms == [] and "not enough text" in note


def test_no_distinctive_wording_and_short_origins_are_said() -> None:
    terms, note = compare_framing(_units(SHARED * 9, SHARED * 9, NEUTRAL), CompareSettings())
    assert terms == []
    assert (
        note == "no distinctive wording among the 2 origins compared; 1 origin too short to compare"
    )


def test_names_and_neutral_attribution_are_not_framing() -> None:
    """An origin that quotes one official at length leans on his name and on "adding" (both
    marked terms before this rule): neither is a choice of words. Its loaded word still is; a
    word capitalised only where it opens a sentence or in a headline-case line is no name."""
    quoted = (
        "Gangs looted the market, Commissioner Tomas Brandvold said, adding that Brandvold's "
        "officers had been outnumbered. Brandvold told reporters the gangs had left, adding that "
        "patrols would return. "
    )
    headline = "Gangs Loot The Market As Officers Are Outnumbered Again In Harbour District. "
    units = _units(
        SHARED * 6 + quoted * 3 + headline, SHARED * 6 + NEUTRAL * 2, SHARED * 6 + NEUTRAL * 2
    )
    terms = {t.term for t in compare_framing(units, CompareSettings())[0] if t.outlet == "Outlet 0"}
    assert "gangs" in terms
    assert not terms & {"brandvold", "tomas", "commissioner", "adding", "told", "said"}


def test_an_interviews_speaker_labels_are_not_framing() -> None:
    """A question-and-answer page opens each turn on the speaker's initials in capitals ("RB: ...",
    "HD: ..."): who is talking, not how the report words it."""
    interview = (
        "RB: The looting started before the patrols arrived in the harbour district. "
        "HD: Gangs looted the market while the officers waited for orders. "
    )
    units = _units(SHARED * 6 + interview * 6, SHARED * 6 + NEUTRAL * 2, SHARED * 6 + NEUTRAL * 2)
    terms = {t.term for t in compare_framing(units, CompareSettings())[0] if t.outlet == "Outlet 0"}
    assert "looted" in terms
    assert not terms & {"rb", "hd"}
