"""Multi-document summary of one story: chosen source sentences, each with its citations."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

from storyline.model import Document, Origin, Story, Summary, SummarySentence
from storyline.settings import SummarizeSettings
from storyline.summarize.budget import Budget
from storyline.summarize.cite import Aligner, restatements
from storyline.summarize.compress import compress, shorter_forms
from storyline.summarize.concepts import Unit, content_stems, sentence_concepts, weigh_concepts
from storyline.summarize.order import reading_order
from storyline.summarize.origins import articles_of, origin_index, story_origins
from storyline.summarize.quality import is_candidate
from storyline.summarize.select import choose
from storyline.text.attribution import named_speaker
from storyline.text.datelines import drop_dateline

__all__ = ["LLM_FAILED", "extract", "summarize"]

LLM_FAILED = "llm summary failed"  # opens the note of a summary that fell back to extraction


def summarize(
    story: Story, documents: Mapping[str, Document], settings: SummarizeSettings
) -> Summary:
    """The story's summary by the configured backend; the extractive one when a model fails."""
    if settings.backend == "extractive":
        return extract(story, documents, settings)
    from storyline.summarize.endpoint import EndpointError  # httpx: only for the llm backend
    from storyline.summarize.written import written_summary

    try:
        return written_summary(story, documents, settings)
    except EndpointError as exc:
        reason = str(exc)
    except Exception as exc:  # noqa: BLE001 (the reply is untrusted input: one must not end a batch)
        reason = f"its reply could not be read ({type(exc).__name__}: {exc})"
    fallback = extract(story, documents, settings)
    note = f"{LLM_FAILED}: {reason}; extractive summary instead"
    return dataclasses.replace(fallback, notes=(note, *fallback.notes))


def extract(
    story: Story, documents: Mapping[str, Document], settings: SummarizeSettings
) -> Summary:
    """The sentences that best cover what the story's independent origins report, within the budget."""
    budget = Budget.from_settings(settings)
    origins = story_origins(story, documents)
    concepts = weigh_concepts(origins, documents, settings)
    weights = concepts.weights
    units = _candidates(origins, documents, weights, _candidate_limit(budget, settings))
    bonuses = [
        _position_bonus(unit, settings) * concepts.prominence[unit.article] for unit in units
    ]
    whole = _whole_forms(units)
    same = [(i, j) for j, first in enumerate(whole) for i in range(first, j)]
    exclusive = sorted({*restatements([u.stems for u in units]), *same})
    choice = choose(
        [u.concepts for u in units],
        bonuses,
        [u.text for u in units],
        weights,
        budget,
        settings.time_limit_s,
        exclusive,
        settings.max_nodes,
    )
    aligner = Aligner(articles_of(origins), documents)
    sentences = []
    for unit in (units[i] for i in _whole_if_room(choice.indices, units, whole, exclusive, budget)):
        citations = aligner.citations(unit)
        support = len({origin_index(origins, c.article) for c in citations})
        speaker = named_speaker(documents[unit.article], unit.text, unit.sentence)
        sentences.append(SummarySentence(unit.text, citations, support, speaker))
    notes = choice.notes + _empty_note(sentences, units, budget)
    return Summary(tuple(reading_order(sentences, documents)), choice.method, notes)


def _empty_note(
    sentences: list[SummarySentence], units: list[Unit], budget: Budget
) -> tuple[str, ...]:
    """Why a summary is empty, so that a reader does not take it for a failure."""
    if sentences:
        return ()
    if units:
        return (f"no candidate sentence fits the budget ({budget.describe()})",)
    return ("no sentence of these articles can stand alone as a summary sentence",)


def _candidate_limit(budget: Budget, settings: SummarizeSettings) -> tuple[int, int]:
    """Sentence positions considered, and how many candidates the ILP sees.

    At least twice the sentences the budget holds, so a long summary still has a choice.
    """
    held = budget.sentences_held() or 0
    return settings.max_position, max(settings.max_candidates, 2 * held)


def _candidates(
    origins: tuple[Origin, ...],
    documents: Mapping[str, Document],
    weights: dict[str, float],
    limit: tuple[int, int],
) -> list[Unit]:
    """Compressed candidate sentences, one per distinct text, the most promising few.

    Capping the candidates keeps the ILP small (and fast) without losing sentences it would pick:
    a sentence with little weight per word never enters an optimal summary of a long story.
    Sentences are ranked first and judged (`is_candidate`) in rank order until enough pass: the
    same candidates as judging every sentence, for a fifth of the judging. Each one kept is
    followed by its shorter forms, which the selection may take instead (ranking the forms among
    the sentences instead pushed whole ones out: ROUGE-2 16.17 against 16.44).
    """
    max_position, max_candidates = limit
    placed = [
        (article_id, sentence)
        for origin in origins
        for article_id in origin.members
        for sentence in documents[article_id].sentences
        if sentence.index < max_position
    ]
    texts = [compress(sentence.text) for _, sentence in placed]
    keys = weights.keys()

    def promise(text: str) -> float:
        # fsum: exact whatever the set's (hash-seeded) order, so ranks never differ between runs;
        # the C-level intersection leaves out the concepts without weight, which add nothing
        weight = math.fsum(map(weights.__getitem__, keys & sentence_concepts(text)))
        return weight / max(1, len(text.split()))

    ranked = sorted(range(len(placed)), key=lambda i: (-promise(texts[i]), i))
    chosen: list[int] = []
    seen: set[str] = set()  # syndicated copies repeat sentences verbatim: one of each text
    for i in ranked:
        if len(chosen) == max_candidates:
            break
        key = texts[i].lower()
        # judged without its dateline: "(CNN) -- A fire ..." is a sentence opening on "A"
        if key in seen or not is_candidate(drop_dateline(placed[i][1].text)):
            continue
        seen.add(key)
        chosen.append(i)
    units = [
        Unit(
            placed[i][0],
            placed[i][1],
            texts[i],
            sentence_concepts(texts[i]),
            content_stems(texts[i]),
        )
        for i in sorted(chosen)
    ]
    return [form for unit in units for form in _with_shorter_forms(unit)]


def _with_shorter_forms(unit: Unit) -> list[Unit]:
    """The unit, then one unit per shorter form of its text: each pays its own words and concepts."""
    forms = shorter_forms(unit.text)
    return [unit] + [
        Unit(unit.article, unit.sentence, form, sentence_concepts(form), content_stems(form))
        for form in forms
    ]


def _whole_forms(units: list[Unit]) -> list[int]:
    """For each unit, the index of its sentence's whole form: itself, or the unit its form follows."""
    where = [(unit.article, unit.sentence.index) for unit in units]
    whole: list[int] = []
    for j, key in enumerate(where):
        whole.append(whole[-1] if j and where[j - 1] == key else j)
    return whole


def _whole_if_room(
    chosen: tuple[int, ...],
    units: list[Unit],
    whole: list[int],
    exclusive: list[tuple[int, int]],
    budget: Budget,
) -> tuple[int, ...]:
    """The chosen sentences whole, when they fit the budget so: a shorter form is there to make room.

    With room to spare, "..., police said" keeps its source and "Name, the boy's father," who he is.
    """
    restored = tuple(sorted(whole[i] for i in chosen))
    if restored == chosen or not budget.fits([units[i].text for i in restored]):
        return chosen
    rivals = set(restored)
    if any(i in rivals and j in rivals for i, j in exclusive):
        return chosen  # a whole sentence may restate another chosen one
    return restored


def _position_bonus(unit: Unit, settings: SummarizeSettings) -> float:
    """A prior for early sentences: news leads state the event; later ones add detail and colour.

    The square-root decay keeps second and third paragraphs in play (1/index was too steep on dev).
    summarize scales it by the origin's prominence: the lead of a report that states little of what
    the others share (an off-topic page, a column) is no lead for this story (ROUGE-2 +0.1 on dev).
    """
    return settings.position_weight / math.sqrt(1.0 + unit.sentence.index)
