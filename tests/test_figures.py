"""Figures: hedges, what a number counts, rounding and hedges are not conflicts, real ones are."""

from __future__ import annotations

from storyline.compare import comparison_sections
from storyline.compare.figures import compare_figures
from storyline.compare.numbers import compatible, find_quantities, same_kind
from storyline.compare.units import Unit, document_units
from storyline.model import Article, Comparison, Document
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
    (opening,) = find_quantities("About 14,000 vehicles crossed the bridge each day.")
    assert (opening.text, opening.hedge) == ("about 14,000", "about")  # not "About 14,000"
    (vague,) = find_quantities("Dozens of boats reached the town.")
    assert vague.text == "dozens"
    (prize,) = find_quantities("She won the $636 million Mega Millions jackpot on Tuesday.")
    assert prize.counts == "dollars"  # "Millions" in a name counts nothing


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


def test_times_of_day_in_capitals_are_not_figures() -> None:
    assert find_quantities("The blaze broke out at 9 PM near the depot.") == []


def test_a_number_in_a_name_is_not_a_figure_but_a_count_after_a_person_is() -> None:
    named = "Inspectors grounded the Boeing 737 jets and rerouted Route 9 buses and USB 2.0 ports."
    assert find_quantities(named) == []
    (after_person,) = find_quantities("The walk takes director Amanda Clarke 40 minutes.")
    assert (after_person.value, after_person.counts) == (40.0, "minutes")
    (paid,) = find_quantities("A judge ordered her to pay Silva $15,000 a month.")
    assert paid.value == 15_000.0
    (headline,) = find_quantities("Storm Kills 12 People In Coastal Town")
    assert headline.value == 12.0


def test_a_street_address_is_not_a_figure() -> None:
    text = "Deputies were called to the 2200 block of Alder Avenue, where 3 blocks were closed."
    assert [(q.value, q.counts) for q in find_quantities(text)] == [(3.0, "blocks")]


def test_a_model_name_is_part_of_what_is_counted() -> None:
    (q,) = find_quantities("Marines seized 14 AK-47 rifles from the boat.")
    assert (q.value, q.counts, q.head) == (14.0, "AK-47 rifles", "rifl")


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


def test_nearly_is_close_below_where_up_to_may_be_well_below() -> None:
    (nearly,) = find_quantities("the council received nearly 300,000 comments")
    (up_to,) = find_quantities("the council received up to 300,000 comments")
    (fewer,) = find_quantities("the council received 250,000 comments")
    (close,) = find_quantities("the council received 290,000 comments")
    assert not compatible(nearly, fewer) and compatible(nearly, close)
    assert compatible(up_to, fewer)


def test_more_than_is_a_near_round_number_not_any_larger_one() -> None:
    (more,) = find_quantities("more than 350 firefighters were at work")
    (later,) = find_quantities("about 520 firefighters are assigned")
    (near,) = find_quantities("about 400 firefighters are assigned")
    assert not compatible(more, later) and compatible(more, near)


def test_a_percent_sign_and_per_cent_are_percent() -> None:
    found = [
        find_quantities(f"Turnout was 62{form} on Monday.")
        for form in ("%", " per cent", " percent")
    ]
    assert [[(q.text, q.counts) for q in qs] for qs in found] == [[("62", "percent")]] * 3
    (share,) = find_quantities("Some 55% of voters backed the plan.")
    assert (share.text, share.counts) == ("some 55", "percent of voters")


def test_a_share_of_the_something_counts_that_something() -> None:
    (vote,) = find_quantities("The plan won over 96% of the vote at the meeting.")
    (bonus,) = find_quantities("She received 100% of her possible bonus last year.")
    assert (vote.counts, bonus.counts) == ("percent of the vote", "percent of her possible bonus")
    assert not same_kind(vote, bonus)  # both were bare "percent", and so one figure
    (cut,) = find_quantities("It holds 40 percent of the")
    assert cut.counts == "percent"


def test_a_name_that_opens_the_next_clause_is_not_counted() -> None:
    (shares,) = find_quantities("Its shares fell 0.88 percent Kestrelnet said on Monday.")
    assert shares.counts == "percent"
    (people,) = find_quantities("The camps held 4,000 internally displaced Aldorians.")
    assert people.counts == "internally displaced Aldorians"  # one capitalised plural is counted


def test_a_round_number_keeps_two_significant_digits() -> None:
    (thousand,) = find_quantities("a crowd of 1,000 people")
    (near,) = find_quantities("a crowd of 1,040 people")
    (far,) = find_quantities("a crowd of 1,400 people")
    assert compatible(thousand, near) and not compatible(thousand, far)
    (ten,) = find_quantities("humidity below 10 percent")
    (fifteen,) = find_quantities("it was 15 percent contained")
    assert not compatible(ten, fifteen)
    # A scaled amount too: "$1 million" may be $1.04 million, not $1.4 million.
    raised, was = find_quantities("the bonus rose to $1.4 million from $1 million")
    (close,) = find_quantities("a bonus of $1.04 million")
    assert not compatible(raised, was) and compatible(was, close)


def test_about_allows_a_few_percent_not_a_day_of_growth() -> None:
    (first,) = find_quantities("It had burned about 4,500 acres by Tuesday evening.")
    (rough,) = find_quantities("It had spread across roughly 4,600 acres.")
    (next_day,) = find_quantities("The fire had burned about 5,200 acres by Wednesday.")
    (tents,) = find_quantities("Roughly 400 tents stood in the square.")
    (fewer,) = find_quantities("About 300 tents stood in the square.")
    assert compatible(first, rough)
    assert not compatible(first, next_day) and not compatible(tents, fewer)
    (hedged,) = find_quantities("data on about 120,000 customers")
    (more,) = find_quantities("more than 118,000 customers")
    assert compatible(hedged, more)


def test_a_range_allows_every_value_between_its_ends_but_a_change_does_not() -> None:
    (tons,) = find_quantities("Its stock is estimated at 2,500 to 5,000 tons of agent.")
    assert (tons.text, tons.low, tons.counts) == ("2,500 to 5,000", 2500.0, "tons of agent")
    (up_to,) = find_quantities("It can make up to 4,500 tons of agent a year.")
    assert compatible(tons, up_to)
    (money,) = find_quantities("The contract is worth $140 to $160 million, his agent said.")
    assert (money.low, money.value) == (140e6, 160e6)
    (change,) = find_quantities("The toll rose from 10 to 20 people overnight.")
    assert (change.value, change.low) == (20.0, 19.5)


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


def test_a_count_told_again_with_its_subject_and_verb_moved_on_though_worded_apart() -> None:
    first = "The fire started near the Tamsin trailhead and had burned about 4,500 acres by noon."
    later = "The fire had burned about 5,200 acres and was 15 percent contained by Wednesday."
    figures = compare_figures(_units(first, later, published=("2025-08-12", "2025-08-13")))
    earlier = next(f for f in figures if f.value == 4500)
    assert [m.value for m in earlier.updated_by] == [5200.0]
    assert not any(f.conflict for f in figures)
    same_day = compare_figures(_units(first, later, published=("2025-08-12", "2025-08-12")))
    assert all(f.updated_by == () for f in same_day)


def test_a_chain_of_changes_is_one_line_in_the_order_of_days() -> None:
    texts = (
        "The fire had burned about 4,500 acres by Tuesday evening.",
        "The fire burned about 6,100 acres of forest before crews stopped it.",
        "The fire had burned about 5,200 acres by Wednesday.",
    )
    figures = compare_figures(_units(*texts, published=("2025-08-12", "2025-08-19", "2025-08-13")))
    differs = next(
        s
        for s in comparison_sections(Comparison("s", figures=tuple(figures)))
        if s.title == "Differs"
    )
    assert [f.text for f in differs.findings] == [
        "changed over time: about 4,500 acres → about 5,200 acres → about 6,100 acres of forest"
    ]


def test_within_is_an_upper_bound() -> None:
    (quantity,) = find_quantities("The rocket landed within 20 miles of the port.")
    assert (quantity.hedge, quantity.low, quantity.high) == ("within", 16.0, 20.5)
    (nearer,) = find_quantities("The rocket landed 17 miles from the port.")
    assert compatible(quantity, nearer)


def test_one_verb_about_two_subjects_or_pronouns_is_no_update() -> None:
    days = ("2025-01-05", "2025-01-06")
    first = "{} ran for 404 yards on Sunday and caught 39 passes for 302 yards and two scores."
    later = "{} caught 29 passes in a loss to the Harlow Hawks."

    def updates(subject: str, other: str) -> list[float]:
        units = _units(first.format(subject), later.format(other), published=days)
        return [m.value for f in compare_figures(units) for m in f.updated_by]

    assert updates("Okafor", "Reyes") == []
    short = (
        "Okafor ran for 404 yards and caught 39 passes.",
        "Reyes caught 29 passes in the game.",
    )
    assert not [
        f.updated_by for f in compare_figures(_units(*short, published=days)) if f.updated_by
    ]
    assert updates("He", "He") == []
    assert updates("Okafor", "Okafor") == [29.0]  # one subject: the count moved on


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


def test_a_narrower_count_is_not_a_conflict_but_the_same_group_is() -> None:
    figures = compare_figures(
        _units(
            "The navy said its marines detained 11 Yemeni pirates on the dhow.",
            "The navy said its marines detained 23 pirates on the dhow.",
        )
    )
    assert len(figures) == 2 and not any(f.conflict for f in figures)
    (figure,) = compare_figures(
        _units(
            "The navy said its marines detained 11 Yemeni pirates on the dhow.",
            "The navy said its marines detained 14 Yemeni pirates on the dhow.",
        )
    )
    assert figure.conflict


def test_one_distance_in_two_units_is_not_a_conflict() -> None:
    figures = compare_figures(
        _units(
            "The quake struck about 40 miles north of Port Alder on Tuesday.",
            "The quake struck 64 kilometres north of Port Alder on Tuesday.",
        )
    )
    assert not any(f.conflict for f in figures)


def test_a_conflict_names_each_value_once_smallest_first() -> None:
    figures = compare_figures(
        _units(
            "Marines seized 31 Magazines of ammunition from the dhow.",
            "Marines seized 12 magazines of ammunition from the dhow.",
            "Marines seized 31 magazines of ammunition from the dhow.",
            "Marines seized 31 magazines of ammunition from the dhow.",
        )
    )
    sections = comparison_sections(Comparison("s", figures=tuple(figures)))
    differs = next(s for s in sections if s.title == "Differs")
    texts = [f.text for f in differs.findings]
    assert texts == [
        "conflicting figures: 12 magazines of ammunition vs 31 magazines of ammunition"
    ]


def test_a_conflict_names_each_side_once_in_its_most_precise_wording() -> None:
    """Values that can all be true are one side of the clash, not values in conflict."""
    figures = compare_figures(
        _units(
            "The breach exposed the records of about 120,000 customers, Kestrelnet said.",
            "The breach exposed the records of more than 118,000 customers, Kestrelnet said.",
            "The breach exposed the records of 200,000 customers, Kestrelnet said.",
        )
    )
    sections = comparison_sections(Comparison("s", figures=tuple(figures)))
    differs = next(s for s in sections if s.title == "Differs")
    assert [f.text for f in differs.findings] == [
        "conflicting figures: about 120,000 customers vs 200,000 customers"
    ]
    assert len(differs.findings[0].citations) == 3


def test_two_values_in_one_sentence_are_two_figures() -> None:
    """ "about 11 percent ... another 12 percent" are two shares, not one worded two ways."""
    figures = compare_figures(
        _units(
            "The exchange handles about 11 percent of trading, while its rival handles another 12 percent.",
            "The ferry carried nearly 6.6 million riders, while the bridge carried more than 6 million riders.",
        )
    )
    assert sorted(f.text for f in figures) == [
        "12",
        "about 11",
        "more than 6 million",
        "nearly 6.6 million",
    ]


def test_a_vague_amount_reads_with_its_of() -> None:
    figures = compare_figures(
        _units(
            "Volunteers delivered dozens of boats to the flooded town on Monday.",
            "Volunteers brought dozens of boats to the flooded town on Monday.",
        )
    )
    agreed = comparison_sections(Comparison("s", figures=tuple(figures)))[0]
    assert [f.text for f in agreed.findings] == ["dozens of boats"]


def test_a_table_run_into_one_sentence_states_no_figures() -> None:
    row = "; ".join(f"Ward {k}: {k + 10} votes" for k in range(14))
    assert len(find_quantities(row + ".")) > 12
    assert compare_figures(_units(row + ".", row + ".")) == []
