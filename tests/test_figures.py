"""Figures: hedges, what a number counts, rounding and hedges are not conflicts, real ones are."""

from __future__ import annotations

from storyline.compare.figures import compare_figures
from storyline.compare.numbers import compatible, find_quantities
from storyline.compare.units import Unit, document_units
from storyline.model import Article, Document
from storyline.text.sentences import split_sentences


def _units(*texts: str, published: tuple[str, ...] = ()) -> list[Unit]:
    """One single-sentence article per text, each its own origin, dated when `published` says."""
    units = []
    for k, text in enumerate(texts):
        date = published[k] if k < len(published) else None
        article = Article(f"a{k}", f"a{k}.txt", text, published=date)
        doc = Document(article, text, split_sentences(text), "en")
        units += document_units(doc, f"o{k}")
    return units


def test_hedge_value_and_what_it_counts() -> None:
    (q,) = find_quantities("The uprising has left more than 5,400 people dead, officials said.")
    assert (q.value, q.hedge, q.counts, q.text) == (
        5400.0,
        "more than",
        "people dead",
        "more than 5,400",
    )
    assert q.state == "dead"


def test_several_figures_in_one_sentence() -> None:
    text = (
        "Jets flew 26,000 sorties, including 9,600 strike missions, destroying about 5,900 targets."
    )
    found = [(q.value, q.counts, q.hedge) for q in find_quantities(text)]
    assert found == [
        (26000.0, "sorties", ""),
        (9600.0, "strike missions", ""),
        (5900.0, "targets", "about"),
    ]


def test_years_dates_times_and_compounds_are_not_figures() -> None:
    text = "In 2011, on January 18, 2012, at 10 a.m., the 27-nation bloc met."
    assert find_quantities(text) == []


def test_vague_words_and_glued_hedges() -> None:
    (vague,) = find_quantities("Volunteers delivered dozens of boats to the town.")
    assert (vague.text, vague.counts, vague.value) == ("dozens", "boats", 24.0)
    (glued,) = find_quantities("The flood left more than1,200 people homeless.")
    assert (glued.value, glued.hedge) == (1200.0, "more than")


def test_scales_and_currency() -> None:
    (q,) = find_quantities("The repairs will cost $2.5 million, the council said.")
    assert (q.value, q.counts) == (2_500_000.0, "dollars")


def test_rounding_and_hedges_are_compatible() -> None:
    (exact,) = find_quantities("a toll of 5,412 people dead")
    (rounded,) = find_quantities("a toll of 5,400 people dead")
    (more,) = find_quantities("more than 5,400 people dead")
    (over,) = find_quantities("over 5,400 people dead")
    (other,) = find_quantities("a toll of 7,000 people dead")
    assert compatible(exact, rounded) and compatible(more, over) and compatible(more, exact)
    assert not compatible(rounded, other)


def test_agreeing_figure_counts_origins_and_is_not_a_conflict() -> None:
    figures = compare_figures(
        _units(
            "The floods left more than 1,200 people homeless in the valley.",
            "The floods have made over 1,200 people homeless in the valley.",
        )
    )
    (figure,) = figures
    assert figure.support == 2 and not figure.conflict
    assert {m.hedge for m in figure.members} == {"more than", "over"}


def test_rounded_figure_is_shown_but_not_a_conflict() -> None:
    (figure,) = compare_figures(
        _units(
            "Rescue crews carried out 340 evacuations overnight in the valley.",
            "Rescue crews carried out 338 evacuations overnight in the valley.",
        )
    )
    assert not figure.conflict
    assert sorted(m.value for m in figure.members) == [338.0, 340.0]


def test_different_values_for_one_quantity_conflict_and_point_at_both() -> None:
    (figure,) = compare_figures(
        _units(
            "Engineers repaired about 60 kilometres of levees along the river.",
            "Engineers repaired 95 kilometres of levees along the river.",
        )
    )
    assert figure.conflict
    assert sorted(m.citation.article for m in figure.conflicting) == ["a0", "a1"]


def test_same_noun_in_unrelated_sentences_is_not_a_conflict() -> None:
    figures = compare_figures(
        _units(
            "Police arrested 12 people at the border crossing overnight.",
            "The new stadium will seat 40,000 people when it opens in spring.",
        )
    )
    assert len(figures) == 2 and not any(f.conflict for f in figures)


def test_rival_counts_about_one_named_subject_conflict_though_worded_apart() -> None:
    figures = compare_figures(
        _units(
            "Brindlecom said the names and addresses of about 90,000 subscribers were copied.",
            "An insider put the toll at 150,000 subscribers, well above what Brindlecom admitted.",
        )
    )
    assert [f.conflict for f in figures] == [True]


def test_counts_of_one_noun_far_apart_are_different_quantities() -> None:
    figures = compare_figures(
        _units(
            "Brindlecom said the names and addresses of about 90,000 subscribers were copied.",
            "Brindlecom, which serves 2 million subscribers, expects a quarterly loss.",
        )
    )
    assert len(figures) == 2 and not any(f.conflict for f in figures)


def test_sums_of_money_are_never_rival_counts() -> None:
    figures = compare_figures(
        _units(
            "Brindlecom lost $5 million in the quarter, its chief executive said.",
            "Brindlecom will pay $8 million to settle the claims.",
        )
    )
    assert not any(f.conflict for f in figures)


FIRE = (
    "The Tamsin Ridge fire has burned about 4,500 acres of forest, crews said.",
    "The Tamsin Ridge fire has burned about 6,100 acres of forest, crews said.",
)


def test_a_later_day_with_a_new_value_is_an_update_not_a_conflict() -> None:
    figures = compare_figures(_units(*FIRE, published=("2025-08-13", "2025-08-12")))
    assert len(figures) == 2 and not any(f.conflict for f in figures)
    later, earlier = sorted(figures, key=lambda f: f.value)  # the count fell: 6,100 then 4,500
    assert [(m.value, m.citation.article) for m in earlier.updated_by] == [(4500.0, "a0")]
    assert later.updated_by == ()


def test_the_same_values_on_the_same_day_conflict() -> None:
    figures = compare_figures(_units(*FIRE, published=("2025-08-12", "2025-08-12")))
    assert [f.conflict for f in figures] == [True] and figures[0].updated_by == ()


def test_a_later_report_that_disputes_the_earlier_value_conflicts() -> None:
    disputed = (
        "The Tamsin Ridge fire has burned about 6,100 acres of forest, crews said, "
        "not the 4,500 acres of forest the county gave."
    )
    figures = compare_figures(_units(FIRE[0], disputed, published=("2025-08-12", "2025-08-13")))
    assert any(f.conflict for f in figures)
