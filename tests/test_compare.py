"""The compare stage end to end on a small synthetic story: three origins, one syndicated copy."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from storyline.compare import compare, comparison_json, comparison_sections
from storyline.compare.sections import (
    AGREED_CLAIMS_SHOWN,
    CONFLICT_SIDES_SHOWN,
    DATED_SHOWN,
    FRAMING_SHOWN,
    SINGLE_SOURCE_SHOWN,
    UNDATED_SHOWN,
)
from storyline.model import (
    Article,
    Citation,
    Comparison,
    Document,
    Figure,
    FigureMention,
    FramingTerm,
    Origin,
    Story,
    TimelineEvent,
)
from storyline.settings import CompareSettings
from storyline.text.sentences import split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "compare"
# article id -> (outlet, publication date)
ARTICLES = {
    "wire": ("Valley Wire", "2024-03-14"),
    "wire_copy": ("Valley Wire copy", None),
    "riverpost": ("River Post", "2024-03-14"),
    "courier": ("Dunmore Courier", None),
}
ORIGINS = (
    Origin("o-wire", ("wire", "wire_copy")),
    Origin("o-post", ("riverpost",)),
    Origin("o-courier", ("courier",)),
)


def _documents() -> dict[str, Document]:
    documents = {}
    for article_id, (outlet, published) in ARTICLES.items():
        text = (FIXTURES / f"{article_id}.txt").read_text(encoding="utf-8")
        article = Article(article_id, f"{article_id}.txt", text, outlet=outlet, published=published)
        documents[article_id] = Document(article, text, split_sentences(text), "en")
    return documents


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return _documents()


@pytest.fixture(scope="module")
def comparison(documents: dict[str, Document]) -> Comparison:
    story = Story("s1", "Floods", tuple(ARTICLES), ORIGINS)
    return compare(story, documents, CompareSettings())


def test_agreed_figure_counts_origins_not_articles(comparison: Comparison) -> None:
    (homeless,) = [f for f in comparison.figures if f.value == 1200]
    assert sorted(m.citation.article for m in homeless.members) == [
        "riverpost",
        "wire",
        "wire_copy",
    ]
    assert homeless.support == 2 and not homeless.conflict


def test_rounding_is_not_a_conflict_but_levees_are(comparison: Comparison) -> None:
    evacuations = [f for f in comparison.figures if f.counts.startswith("evacuations")]
    assert len(evacuations) == 1 and not evacuations[0].conflict
    (levees,) = [f for f in comparison.figures if f.counts == "kilometres of levees"]
    assert levees.conflict
    assert {(m.citation.article, m.value) for m in levees.conflicting} == {
        ("wire", 60.0),
        ("riverpost", 95.0),
    }


def test_quote_variants_across_outlets(comparison: Comparison) -> None:
    (rebuild,) = [q for q in comparison.quotes if q.text.startswith("We will rebuild")]
    kinds = {v.citations[0].article: v.kind for v in rebuild.variants}
    assert kinds == {"wire": "same", "wire_copy": "trimmed", "riverpost": "altered"}
    assert rebuild.speaker == "Helena Marsh" and rebuild.support == 2  # named in full elsewhere
    (worst,) = [q for q in comparison.quotes if q.text.startswith("the worst this valley")]
    kinds = {v.citations[0].article: v.kind for v in worst.variants}
    assert kinds == {"wire": "same", "wire_copy": "same", "courier": "other speaker"}


def test_pronoun_quote_goes_to_the_named_speaker(comparison: Comparison) -> None:
    (quote,) = [q for q in comparison.quotes if q.text.startswith("Nobody listened")]
    assert quote.speaker == "Tomas Reyes"


def test_single_source_claims_per_origin(
    comparison: Comparison, documents: dict[str, Document]
) -> None:
    by_outlet = {s.outlet: s for s in comparison.single_source}
    post_texts = [c.text for c in by_outlet["River Post"].claims]
    assert any(t.startswith("Insurance firms in the region said flood claims") for t in post_texts)
    assert all(c.support == 1 for s in comparison.single_source for c in s.claims)
    wire_claims = by_outlet["Valley Wire"].claims
    (fire_chief,) = [
        c for c in wire_claims if c.text.startswith("Fire chief Tomas Reyes said crews")
    ]
    assert [m.article for m in fire_chief.members] == ["wire", "wire_copy"]  # copies: one origin


def test_claim_support_and_first_reported(comparison: Comparison) -> None:
    (homeless,) = [c for c in comparison.claims if "homeless" in c.text]
    assert homeless.support == 2 and homeless.first_reported == "2024-03-14"
    assert set(homeless.origins) == {"o-wire", "o-post"}


def test_timeline_dates_relative_phrases_and_keeps_undated(comparison: Comparison) -> None:
    dated = [(e.date, e.phrase) for e in comparison.timeline if e.date]
    assert ("2024-03-13", "Wednesday") in dated
    assert ("2024-02", "in February") in dated and ("2023", "last year") in dated
    assert dated == sorted(dated, key=lambda d: d[0][:7])
    undated = [e for e in comparison.timeline if e.date is None]
    assert {c.article for e in undated for c in e.citations} == {"courier"}
    assert comparison.timeline[-1].date is None


def test_citations_point_into_the_document_text(
    comparison: Comparison, documents: dict[str, Document]
) -> None:
    for claim in comparison.claims:
        for c in claim.members:
            sentence = documents[c.article].sentences[c.sentence]
            assert documents[c.article].text[c.start : c.end] == sentence.text


def test_sections_titles_and_citations(comparison: Comparison) -> None:
    sections = comparison_sections(comparison)
    titles = [s.title for s in sections]
    assert titles[:2] == ["Agreed", "Differs"] and titles[-2:] == ["Framing", "Timeline"]
    assert {"Only in Valley Wire", "Only in River Post", "Only in Dunmore Courier"} <= set(titles)
    differs = next(s for s in sections if s.title == "Differs")
    assert any(f.note == "figure conflict" and len(f.citations) == 2 for f in differs.findings)
    assert all(f.citations for s in sections for f in s.findings if s.title != "Framing")


def test_framing_says_when_there_is_too_little_text(comparison: Comparison) -> None:
    assert comparison.framing == () and "not enough text" in comparison.framing_note


def test_json_keys_and_determinism(documents: dict[str, Document]) -> None:
    story = Story("s1", "Floods", tuple(ARTICLES), ORIGINS)
    first = comparison_json(compare(story, documents, CompareSettings()))
    again = comparison_json(compare(story, _documents(), CompareSettings()))
    assert list(first) == ["claims", "figures", "quotes", "single_source", "framing", "timeline"]
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    figure = first["figures"][0]
    assert {"value", "counts", "hedge", "members", "support", "conflict", "conflicting"} <= set(
        figure
    )
    assert {"article", "sentence", "start", "end"} <= set(figure["members"][0])


def test_empty_story_gives_empty_comparison() -> None:
    result = compare(Story("empty", "", (), ()), {}, CompareSettings())
    assert comparison_json(result)["claims"] == [] and result.timeline == ()


def _agreed_lines(texts: dict[str, str]) -> list[str]:
    story, documents = _one_sentence_story(texts)
    agreed = next(s for s in comparison_sections(compare(story, documents, CompareSettings())))
    return [f.text for f in agreed.findings]


def test_an_agreed_sum_of_money_is_not_worded_twice() -> None:
    lines = _agreed_lines(
        {
            "a": "The council will spend $3 million on the new ferry pier, the mayor said.",
            "b": "Fishermen protested on Tuesday at the town hall, where $3 million was approved.",
        }
    )
    assert "$3 million" in lines and not any("dollars" in line for line in lines)


def test_a_figure_an_agreed_claim_already_states_is_not_listed_again() -> None:
    lines = _agreed_lines(
        {
            "a": "The council will spend $3 million on the new ferry pier, the mayor said.",
            "b": "A new ferry pier will cost the council $3 million, according to the mayor.",
        }
    )
    assert len(lines) == 1 and "ferry pier" in lines[0]


def test_a_quote_an_agreed_claim_already_states_is_not_listed_again() -> None:
    quote = (
        '"We will reopen the pier on Friday, after the last repairs," harbour master Ada Ruiz said.'
    )
    story, documents = _one_sentence_story({"a": quote, "b": quote})
    comparison = compare(story, documents, CompareSettings())
    assert [q.support for q in comparison.quotes] == [2]  # the JSON keeps it
    agreed = next(s for s in comparison_sections(comparison))
    assert [f.note for f in agreed.findings] == ["2 origins"]


def test_a_figure_that_moved_on_is_shown_as_changed_over_time() -> None:
    texts = {
        "a": (
            "2025-08-12",
            "The Tamsin Ridge fire has burned about 4,500 acres of forest, crews said.",
        ),
        "b": (
            "2025-08-13",
            "The Tamsin Ridge fire has burned about 6,100 acres of forest, crews said.",
        ),
    }
    documents = {
        key: Document(
            Article(key, f"{key}.txt", text, outlet=key, published=day),
            text,
            split_sentences(text),
            "en",
        )
        for key, (day, text) in texts.items()
    }
    story = Story("s3", "Fire", tuple(texts), (Origin("oa", ("a",)), Origin("ob", ("b",))))
    comparison = compare(story, documents, CompareSettings())
    differs = next(s for s in comparison_sections(comparison) if s.title == "Differs")
    (changed,) = [f for f in differs.findings if f.note == "later report"]
    assert "4,500" in changed.text and "6,100" in changed.text
    assert sorted(c.article for c in changed.citations) == ["a", "b"]
    assert not any(f.note == "figure conflict" for f in differs.findings)
    exported = comparison_json(comparison)["figures"]
    assert [len(f["updated_by"]) for f in sorted(exported, key=lambda f: f["value"])] == [1, 0]


def test_only_in_sections_show_the_first_claims_and_json_keeps_all() -> None:
    """A long single-origin report is cut to its first claims in a digest, never in the JSON."""
    long_report = " ".join(
        f"Inspector number {n} counted {n + 10} cracked bolts along the northern span."
        for n in range(1, 12)
    )
    texts = {"only": long_report, "other": "The river rose by two metres overnight in town."}
    documents = {
        key: Document(Article(key, f"{key}.txt", text), text, split_sentences(text), "en")
        for key, text in texts.items()
    }
    story = Story("s1", "Bridge", tuple(texts), (Origin("o1", ("only",)), Origin("o2", ("other",))))
    comparison = compare(story, documents, CompareSettings())
    (single,) = [s for s in comparison.single_source if s.origin == "o1"]
    (section,) = [s for s in comparison_sections(comparison) if s.title == "Only in only.txt"]
    shown = [f.text for f in section.findings]
    assert len(single.claims) > SINGLE_SOURCE_SHOWN
    assert shown == [c.text for c in single.claims[:SINGLE_SOURCE_SHOWN]]
    assert (
        section.note
        == f"first {SINGLE_SOURCE_SHOWN} of {len(single.claims)}; all in the JSON output"
    )
    exported = comparison_json(comparison)["single_source"]
    assert [len(s["claims"]) for s in exported if s["origin"] == "o1"] == [len(single.claims)]


def test_agreed_shows_the_claims_most_origins_state_and_json_keeps_all() -> None:
    """Thirty reports agree on dozens of sentences: a digest lists the first few, most origins
    first; a figure whose claim is left out is shown as a shared figure instead."""
    subjects = (
        "Harbour pilots", "Ferry crews", "City planners", "Lifeguards", "Bus drivers",
        "Nurses", "Firefighters", "Teachers", "Librarians", "Engineers", "Farmers", "Bakers",
    )  # fmt: skip
    verbs = (
        "praised", "questioned", "welcomed", "criticised", "studied", "mapped",
        "photographed", "measured", "painted", "repaired", "inspected", "cleaned",
    )  # fmt: skip
    places = (
        "old lighthouse", "eastern pier", "flood wall", "boat ramp", "tram depot",
        "night market", "salt marsh", "clock tower", "rope works", "dry dock", "fish hall",
        "sea baths",
    )  # fmt: skip
    lines = [
        f"{who} {verb} the {place} during the long weekend."
        for who, verb, place in zip(subjects, verbs, places, strict=True)
    ]
    figure = "The storm surge flooded 340 homes along the northern shore."
    own = [f"Shelter {n} handed out blankets to families from the shore road." for n in range(9)]
    texts = {
        "one": " ".join([*lines, figure]),
        "two": " ".join(lines),
        "three": " ".join([*lines[:3], *own, figure]),  # stated late: the last claim shown
    }
    documents = {
        key: Document(Article(key, f"{key}.txt", text), text, split_sentences(text), "en")
        for key, text in texts.items()
    }
    origins = tuple(Origin(f"o-{key}", (key,)) for key in texts)
    comparison = compare(Story("s", "Shore", tuple(texts), origins), documents, CompareSettings())
    agreed = [c for c in comparison.claims if c.support > 1]
    (section,) = [s for s in comparison_sections(comparison) if s.title == "Agreed"]
    assert len(agreed) == 13
    assert [f.text for f in section.findings[:AGREED_CLAIMS_SHOWN]] == [
        c.text for c in agreed[:AGREED_CLAIMS_SHOWN]
    ]
    assert [c.support for c in agreed[:3]] == [3, 3, 3]  # most origins first
    assert section.note == f"first {AGREED_CLAIMS_SHOWN} of 13 claims; all in the JSON output"
    assert [f.note for f in section.findings[AGREED_CLAIMS_SHOWN:]] == ["figure, 2 origins"]
    assert sum(c["support"] > 1 for c in comparison_json(comparison)["claims"]) == 13
    # a claim the summary states leaves the list, and the note says both things
    summarized = [agreed[0].members]
    (section,) = [s for s in comparison_sections(comparison, summarized) if s.title == "Agreed"]
    assert section.findings[0].text == agreed[1].text
    assert section.note == (
        f"first {AGREED_CLAIMS_SHOWN} of 12 claims; all in the JSON output; "
        "1 agreed claim is in the summary above"
    )


def test_claims_of_equal_support_come_earliest_stated_first() -> None:
    """A fact two reports lead with comes before a detail the first report gives late."""
    detail = "The ferry company will add two evening sailings between the harbour and the island."
    lead = "The harbour bridge closed on Monday after cracks were found in two cables."
    own = [f"Crew {n} checked the mooring lines along the western quay." for n in range(6)]
    texts = {
        "one": " ".join([*own, detail]),
        "two": f"{lead} {detail}",
        "three": lead,
    }
    documents = {
        key: Document(Article(key, f"{key}.txt", text), text, split_sentences(text), "en")
        for key, text in texts.items()
    }
    origins = tuple(Origin(f"o-{key}", (key,)) for key in texts)
    comparison = compare(Story("s", "Harbour", tuple(texts), origins), documents, CompareSettings())
    assert [c.text for c in comparison.claims if c.support > 1] == [lead, detail]


def test_agreed_leaves_out_what_the_summary_above_states() -> None:
    """A claim holding a summary sentence, and a figure all of whose mentions a summary sentence
    cites, are on screen already; the note says how many claims the summary holds."""
    story, documents = _one_sentence_story(
        {
            "one": "The storm surge flooded 340 homes along the northern shore.",
            "two": "A storm surge flooded 340 homes on the northern shore overnight.",
        }
    )
    comparison = compare(story, documents, CompareSettings())
    (claim,) = [c for c in comparison.claims if c.support == 2]
    alone = next(s for s in comparison_sections(comparison) if s.title == "Agreed")
    assert [f.note for f in alone.findings] == ["2 origins"]
    summarized = [claim.members[::-1]]  # the summary took the second report's sentence
    agreed = next(s for s in comparison_sections(comparison, summarized) if s.title == "Agreed")
    assert agreed.findings == ()
    assert agreed.note == "1 agreed claim is in the summary above"


def test_only_in_leaves_out_what_the_summary_above_states() -> None:
    """A report whose one own claim the summary states has no "Only in" section of its own."""
    story, documents = _one_sentence_story(
        {
            "one": "The storm surge flooded 340 homes along the northern shore.",
            "two": "Volunteers filled sandbags at the harbour school until midnight.",
        }
    )
    comparison = compare(story, documents, CompareSettings())
    (summarized,) = [c.members for c in comparison.claims if c.members[0].article == "one"]
    titles = [s.title for s in comparison_sections(comparison)]
    assert "Only in one" in titles and "Only in two" in titles
    titles = [s.title for s in comparison_sections(comparison, [summarized])]
    assert "Only in one" not in titles and "Only in two" in titles


def test_two_reports_of_one_outlet_each_say_which_is_only_in_them() -> None:
    """Two "Only in nypost.com" sections would leave a reader guessing which report is meant."""
    texts = {
        "first": "Jurors watched the video of the shooting outside the school on Monday.",
        "second": "The jury found the gunman guilty of murder after two days of talks.",
        "third": "Neighbours planted a memorial garden beside the school playground.",
    }
    outlets = {"first": "nypost.com", "second": "nypost.com", "third": "news12.com"}
    titles = {"first": "Jury sees shooting video", "second": "Gunman convicted", "third": ""}
    documents = {
        key: Document(
            Article(key, f"{key}.txt", text, title=titles[key], outlet=outlets[key]),
            text,
            split_sentences(text),
            "en",
        )
        for key, text in texts.items()
    }
    origins = tuple(Origin(f"o-{key}", (key,)) for key in texts)
    comparison = compare(Story("s", "Trial", tuple(texts), origins), documents, CompareSettings())
    titled = [s.title for s in comparison_sections(comparison) if s.title.startswith("Only in")]
    assert titled == [
        "Only in nypost.com: “Jury sees shooting video”",
        "Only in nypost.com: “Gunman convicted”",
        "Only in news12.com",
    ]
    exported = comparison_json(comparison)["single_source"]
    assert [s["title"] for s in exported] == ["Jury sees shooting video", "Gunman convicted", ""]


def test_citations_carry_the_articles_own_outlet(comparison: Comparison) -> None:
    """An article with no outlet is cited with an empty outlet; renderers name its file instead."""
    text = "Crews inspected the northern span of the old bridge on Tuesday morning."
    bare = Document(Article("bare", "notes/bare.txt", text), text, split_sentences(text), "en")
    story = Story("s2", "Bridge", ("bare",), (Origin("o1", ("bare",)),))
    claims = compare(story, {"bare": bare}, CompareSettings()).claims
    assert claims and all(c.outlet == "" for claim in claims for c in claim.members)
    assert all(
        c.outlet == ARTICLES[c.article][0] for claim in comparison.claims for c in claim.members
    )


def test_claims_name_the_speaker_their_sentence_leaves_to_context(comparison: Comparison) -> None:
    """Listed on its own, "He said ..." would read as no one's; the claim names Reyes."""
    (courier,) = [s for s in comparison.single_source if s.outlet == "Dunmore Courier"]
    (claim,) = [c for c in courier.claims if c.text.startswith("He said the pumping")]
    assert claim.speaker is not None and claim.speaker.name == "Reyes"
    assert claim.text[claim.speaker.start : claim.speaker.end] == "He"  # the text stays as written
    assert claim.display_text.startswith("He [Reyes] said the pumping stations")
    (section,) = [
        s for s in comparison_sections(comparison) if s.title == "Only in Dunmore Courier"
    ]
    assert claim.display_text in [f.text for f in section.findings]
    exported = json.loads(json.dumps(comparison_json(comparison)))
    (listed,) = [
        c
        for s in exported["single_source"]
        if s["outlet"] == "Dunmore Courier"
        for c in s["claims"]
        if c["text"] == claim.text
    ]
    assert listed["speaker"] == {"name": "Reyes", "start": 0, "end": 2}


def test_claims_compare_only_an_articles_first_sentences() -> None:
    """Every pair of sentences is scored, so a book-length page stops at `max_claim_sentences`."""
    lines = [
        "The council voted to close the old river bridge for repairs.",
        "Engineers found deep cracks in two steel beams under the span.",
    ]
    documents = {}
    for article_id in ("one", "two"):
        text = " ".join(lines)
        article = Article(article_id, f"{article_id}.txt", text, outlet=article_id)
        documents[article_id] = Document(article, text, split_sentences(text), "en")
    story = Story("s", "", ("one", "two"), (Origin("o1", ("one",)), Origin("o2", ("two",))))
    both = compare(story, documents, CompareSettings()).claims
    first = compare(story, documents, CompareSettings(max_claim_sentences=1)).claims
    assert [c.support for c in both] == [2, 2]
    assert [c.text for c in first] == [lines[0]]


def _one_sentence_story(texts: dict[str, str]) -> tuple[Story, dict[str, Document]]:
    """A story of one-sentence articles, each its own origin."""
    documents = {
        key: Document(
            Article(key, f"{key}.txt", text, outlet=key), text, split_sentences(text), "en"
        )
        for key, text in texts.items()
    }
    origins = tuple(Origin(f"o-{key}", (key,)) for key in texts)
    return Story("s", "", tuple(texts), origins), documents


def test_a_claim_is_not_a_chain_of_loosely_similar_sentences() -> None:
    """The ferry's route is like the bridge's, the bridge's like its history: not one claim."""
    story, documents = _one_sentence_story(
        {
            "ferry": "The new ferry will run between the Eastbank landing and the Old Quarter "
            "pier across the Tallow River.",
            "route": "The bridge, which opened in 1968, links the Old Quarter with Eastbank "
            "across the Tallow River.",
            "year": "The bridge, which opened in 1968, was last rebuilt by the city in 2009.",
        }
    )
    claims = compare(story, documents, CompareSettings()).claims
    groups = [sorted(c.article for c in claim.members) for claim in claims]
    assert ["ferry", "route"] in groups
    assert not any({"ferry", "year"} <= set(group) for group in groups)


def test_a_claim_is_worded_by_a_sentence_that_stands_on_its_own() -> None:
    """Listed alone, "He ... died at the scene" says less than the sentence that names him."""
    story, documents = _one_sentence_story(
        {
            "first": "He was struck by the ferry near the Harlow pier and died at the scene.",
            "second": "Tom Ruiz, 49, was struck by the ferry near the Harlow pier and died at "
            "the scene.",
        }
    )
    (claim,) = [c for c in compare(story, documents, CompareSettings()).claims if c.support == 2]
    assert claim.text.startswith("Tom Ruiz, 49,")


def test_a_claim_is_worded_by_what_its_origins_agree_on() -> None:
    """A lead that adds a duration and a sum of its own is not what three origins state, and its
    syndicated copy, which restates it word for word, is no second voice agreeing with it."""
    wire = (
        "The Marlow Street Bridge closed on Monday after inspectors found cracked steel beams, "
        "and repairs will take three months and cost $4.2 million."
    )
    story, documents = _one_sentence_story(
        {
            "wire": wire,
            "copy": wire,
            "ledger": "The city closed the Marlow Street Bridge on Monday after inspectors "
            "found cracked steel beams under its eastern span.",
            "press": "The Marlow Street Bridge was shut on Monday after inspectors found "
            "cracked steel beams.",
        }
    )
    story = dataclasses.replace(
        story,
        origins=(Origin("o-wire", ("wire", "copy")), *story.origins[2:]),
    )
    (claim,) = compare(story, documents, CompareSettings()).claims
    assert (claim.support, len(claim.members)) == (3, 4)
    assert claim.text == documents["press"].text


def test_claims_and_events_are_shown_without_their_dateline() -> None:
    """Where a report was filed is not what it states; the citation still spans the sentence."""
    sentence = "HARLOW, Maine (AP) -- The ferry terminal reopened on March 3, 2024, after repairs."
    story, documents = _one_sentence_story(
        {
            "one": sentence,
            "two": "The Harlow ferry terminal reopened on March 3, 2024, after repairs.",
        }
    )
    comparison = compare(story, documents, CompareSettings())
    shown = "The ferry terminal reopened on March 3, 2024, after repairs."
    (claim,) = [c for c in comparison.claims if c.members[0].article == "one"]
    assert claim.text == shown
    assert (claim.members[0].start, claim.members[0].end) == (0, len(sentence))
    assert shown in [e.text for e in comparison.timeline]


def test_claims_are_shown_without_a_list_number_or_a_live_blog_time() -> None:
    """Where a line stood on its page ("2)", "12:55 A.M.") is not what it states."""
    numbered = "2) After the storm, the Harlow ferry terminal reopened on Monday with two boats."
    timed = (
        "12:55 A.M. The Harlow ferry terminal reopened on Monday with two boats after the storm."
    )
    story, documents = _one_sentence_story({"one": numbered, "two": timed})
    comparison = compare(story, documents, CompareSettings())
    (claim,) = comparison.claims
    assert claim.text == numbered.removeprefix("2) ") and claim.support == 2
    assert [c.end - c.start for c in claim.members] == [len(numbered), len(timed)]
    assert [e.text for e in comparison.timeline] == [claim.text]


def test_a_claim_is_worded_by_a_sentence_rather_than_a_headline() -> None:
    """Both state it; the headline is telegraphic ("Harlow man charged with arson over ...")."""
    headline = "Harlow man charged with arson over ferry terminal fire"
    sentence = "A Harlow man was charged with arson over the ferry terminal fire on Monday."
    story, documents = _one_sentence_story(
        {"head": f"{headline}\n\nThe council met on Tuesday.", "body": sentence}
    )
    (claim,) = [c for c in compare(story, documents, CompareSettings()).claims if c.support == 2]
    assert claim.text == sentence
    assert sorted(m.article for m in claim.members) == ["body", "head"]


def _twin_comparison(*lines: str) -> Comparison:
    """The comparison of two origins that print the same lines."""
    text = "\n".join(lines)
    story, documents = _one_sentence_story({"one": text, "two": text})
    return compare(story, documents, CompareSettings())


def test_a_caption_or_a_trailing_line_is_no_claim_but_an_opening_headline_is() -> None:
    """Lines without a full stop are captions, list items or questions, except a text's first."""
    caption = "Rescue crews search the flooded Harlow valley for missing residents (Ana Ruiz)"
    teaser = "Rescue crews searched the flooded Harlow valley for missing residents and..."
    question = "Why did rescue crews search the flooded Harlow valley for missing residents?"
    body = "Rescue crews searched the flooded Harlow valley for missing residents on Monday."
    assert [c.text for c in _twin_comparison(body, caption, teaser, question).claims] == [body]
    assert [c.support for c in _twin_comparison(caption).claims] == [2]


def test_a_sentence_a_page_repeats_word_for_word_is_one_claim_and_one_event() -> None:
    repeated = "The Harlow pier was closed on March 3, 2024, after the storm."
    text = f"{repeated}\nCrews began repairs at dawn the next day.\n{repeated}"
    story, documents = _one_sentence_story(
        {"one": text, "two": "Inspectors said the roof of the ferry terminal would be replaced."}
    )
    comparison = compare(story, documents, CompareSettings())
    only = [c.text for s in comparison.single_source for c in s.claims]
    assert only.count(repeated) == 1
    assert [e.text for e in comparison.timeline if e.date == "2024-03-03"] == [repeated]


def test_page_furniture_is_no_claim_and_no_timeline_event() -> None:
    signup = "Sign up for the Harlow Daily newsletter to get the top stories every morning."
    credit = "FILE - In this May 4, 2021, file photo, the Harlow pier stands closed after a storm."
    caption = "Crews work on the Harlow pier in Harlow, Tuesday, June 8, 2021, before it reopened."
    ending = "A crew films the Harlow pier from the beach on Tuesday, June 8, 2021."
    body = "The Harlow pier reopened on Monday after two years of repairs, the council said."
    comparison = _twin_comparison(body, signup, credit, caption, ending)
    assert [c.text for c in comparison.claims] == [body]
    assert not any("2021" in (e.date or "") for e in comparison.timeline)


def test_one_wording_used_by_several_outlets_is_one_differs_line() -> None:
    full = 'The valley sits on what Marsh called "the old Tallow fault line under the hills."'
    trimmed = 'The town lies on "the old Tallow fault line," Marsh said of the quake risk.'
    story, documents = _one_sentence_story(
        {"full": full, "one": trimmed, "two": trimmed, "three": trimmed}
    )
    sections = comparison_sections(compare(story, documents, CompareSettings()))
    differs = next(s for s in sections if s.title == "Differs")
    (line,) = [f for f in differs.findings if f.note == "quote trimmed"]
    assert sorted(c.article for c in line.citations) == ["full", "one", "three", "two"]


def test_figures_are_read_from_the_sentences_claims_compare() -> None:
    lines = ["The council voted to close the old river bridge.", "Crews found 14 cracked beams."]
    story, documents = _one_sentence_story({"one": "\n".join(lines), "two": "\n".join(lines)})
    assert [f.value for f in compare(story, documents, CompareSettings()).figures] == [14.0]
    first = compare(story, documents, CompareSettings(max_claim_sentences=1))
    assert first.figures == ()


def test_a_shared_number_in_different_units_is_no_shared_figure() -> None:
    """ "$3,000" and "3,000 people" share digits, not a figure: no bonus lifts them into a claim."""
    from storyline.compare.claims import _anchors

    assert _anchors("Hikers who set out with $3,000 often run out of money.")[0] == {"$3000"}
    assert _anchors("About 3,000 people set out on the trail.")[0] == {"3000"}
    assert (
        _anchors("Repairs cost $4.2m, up 12%.")[0]
        == _anchors("Repairs cost $4.2 million, up 12 percent.")[0]
    )


def test_a_story_of_one_origin_says_so_once_and_keeps_what_its_copies_word_differently() -> None:
    text = (
        '"We will reopen the pier on Friday, after the last repairs," harbour master Ada Ruiz said.'
        "\nThe Harlow pier was closed on March 3, 2024, after the storm."
    )
    story, documents = _one_sentence_story({"alone": text})
    titles = [
        (s.title, s.note) for s in comparison_sections(compare(story, documents, CompareSettings()))
    ]
    assert titles == [
        ("Agreed", "one origin: nothing to compare across sources"),
        ("Timeline", ""),
    ]
    trimmed = text.replace(", after the last repairs,", ",")
    story, documents = _one_sentence_story({"wire": text, "copy": trimmed})
    story = Story("s", "", ("wire", "copy"), (Origin("o-wire", ("wire", "copy")),))
    sections = comparison_sections(compare(story, documents, CompareSettings()))
    assert [s.title for s in sections] == ["Agreed", "Differs", "Timeline"]
    assert any("quote trimmed" in f.note for f in sections[1].findings)


def test_a_digest_shows_every_dated_event_and_the_first_undated_ones() -> None:
    """Undated articles leave each "on Monday" undated: the digest lists a few, the JSON all."""
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    undated = " ".join(f"The ferry ran {n} extra crossings on {day}." for n, day in enumerate(days))
    dated = (
        "The harbour bridge across the Tallow River first opened to traffic in 1968. "
        "Its steel deck was last repaired by the city council in 2009."
    )
    texts = {"undated": undated, "dated": dated}
    documents = {
        key: Document(Article(key, f"{key}.txt", text), text, split_sentences(text), "en")
        for key, text in texts.items()
    }
    story = Story(
        "s1", "Ferry", tuple(texts), (Origin("o1", ("undated",)), Origin("o2", ("dated",)))
    )
    comparison = compare(story, documents, CompareSettings())
    (section,) = [s for s in comparison_sections(comparison) if s.title == "Timeline"]
    lines = [f.text for f in section.findings]
    assert [line.split(":")[0] for line in lines] == ["1968", "2009", *["undated"] * UNDATED_SHOWN]
    events = comparison_json(comparison)["timeline"]
    assert sum(e["date"] is None for e in events) == len(days)
    assert (
        section.note
        == f"first {UNDATED_SHOWN} of {len(days)} undated events; all in the JSON output"
    )


def test_a_digest_shows_the_dated_events_most_articles_date_then_the_latest() -> None:
    """A story that dates its background (births, earlier cases) shows what its reports share."""
    years = range(1950, 1950 + DATED_SHOWN + 7)
    events = tuple(
        TimelineEvent(str(year), "year", f"in {year}", f"Event of {year}.", (_citation("a"),))
        for year in years
    )
    shared = TimelineEvent(
        "1900", "year", "in 1900", "Shared.", tuple(map(_citation, ("a", "b", "c")))
    )
    undated = TimelineEvent(None, "day", "on Monday", "Undated event.", (_citation("a"),))
    comparison = Comparison("s", timeline=(shared, *events, undated), origins=2)
    (section,) = [s for s in comparison_sections(comparison) if s.title == "Timeline"]
    shown = [f.text.split(":")[0] for f in section.findings]
    assert shown == ["1900", *map(str, years[-(DATED_SHOWN - 1) :]), "undated"]
    assert section.note == (
        f"{DATED_SHOWN} of {len(years) + 1} dated events (those most articles date); "
        "all in the JSON output"
    )


def test_a_digest_shows_the_strongest_framing_terms_in_origin_order() -> None:
    terms = tuple(
        FramingTerm(f"o{k % 4}", f"outlet{k % 4}", f"term{k}", z=2.0 + (k * 7) % 13, count=3)
        for k in range(FRAMING_SHOWN + 5)
    )
    comparison = Comparison("s", framing=terms, framing_note="1 origin too short", origins=5)
    (section,) = [s for s in comparison_sections(comparison) if s.title == "Framing"]
    strongest = sorted(terms, key=lambda t: -t.z)[:FRAMING_SHOWN]
    expected = [t for t in terms if t in strongest]
    assert [f.text.split("“")[1].split("”")[0] for f in section.findings] == [
        t.term for t in expected
    ]
    assert section.note == (
        f"1 origin too short; strongest {FRAMING_SHOWN} of {len(terms)} terms; "
        "all in the JSON output"
    )


def test_a_conflict_of_many_values_shows_the_most_given_sides_in_value_order() -> None:
    given = (404, 201, 201, 440, 269, 269, 269, 55, 918, 918)  # yards, as mentions give them
    mentions = tuple(
        FigureMention(v, "", str(v), "yards", _citation(f"a{k}")) for k, v in enumerate(given)
    )
    figure = Figure(201, "yards", "", "201", mentions[:1], 1, True, mentions)
    comparison = Comparison("s", figures=(figure,), origins=2)
    (differs,) = [s for s in comparison_sections(comparison) if s.title == "Differs"]
    (finding,) = differs.findings
    line = finding.text
    shown = {55, 201, 269, 918}
    assert [c.article for c in finding.citations] == [
        f"a{k}" for k, v in enumerate(given) if v in shown
    ]  # the sides shown are cited, in story order
    hidden = len(set(given)) - CONFLICT_SIDES_SHOWN
    assert line == (
        "conflicting figures: 55 yards vs 201 yards vs 269 yards vs 918 yards "  # ties: smallest
        f"and {hidden} more values (all in the JSON output)"
    )


def _citation(article: str) -> Citation:
    return Citation(article, f"outlet {article}", 0, 0, 10)


def test_a_stations_sign_off_and_a_sign_up_widgets_small_print_are_no_claims() -> None:
    signoff = "Watch Channel 9 News and stay with Harlow9.example for more on this story."
    small_print = (
        'By clicking "Subscribe," you agree to have read the Terms of Use and Privacy Policy.'
    )
    body = "The Harlow pier reopened on Monday after two years of repairs, the council said."
    comparison = _twin_comparison(body, signoff, small_print)
    assert [c.text for c in comparison.claims] == [body]


def test_a_pages_time_stamp_is_no_claim_and_no_timeline_event() -> None:
    stamp = "PUBLISHED: 02:31 GMT, 12 March 2021 | UPDATED: 22:19 GMT, 12 March 2021"
    body = "The Harlow pier reopened on Monday after two years of repairs, the council said."
    comparison = _twin_comparison(body, stamp)
    assert [c.text for c in comparison.claims] == [body]
    assert not any("2021" in (e.date or "") for e in comparison.timeline)
