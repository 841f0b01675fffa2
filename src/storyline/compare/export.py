"""The comparison as JSON-ready dicts, in a fixed order, with every member's offsets."""

from __future__ import annotations

from typing import Any

from storyline.model import (
    Claim,
    Comparison,
    Figure,
    FigureMention,
    FramingTerm,
    Quote,
    TimelineEvent,
)


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The JSON keys the issue names: claims, figures, quotes, single_source, framing, timeline."""
    return {
        "claims": [_claim(c) for c in comparison.claims],
        "figures": [_figure(f) for f in comparison.figures],
        "quotes": [_quote(q) for q in comparison.quotes],
        "single_source": [
            {
                "origin": s.origin,
                "outlet": s.outlet,
                "title": s.title,
                "claims": [_claim(c) for c in s.claims],
            }
            for s in comparison.single_source
        ],
        "framing": {
            "note": comparison.framing_note,
            "terms": [_framing(t) for t in comparison.framing],
        },
        "timeline": [_event(e) for e in comparison.timeline],
    }


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "text": claim.text,
        "support": claim.support,
        "origins": list(claim.origins),
        "first_reported": claim.first_reported,
        "members": [c.as_dict() for c in claim.members],
        **({"speaker": claim.speaker.as_dict()} if claim.speaker else {}),
    }


def _mention(mention: FigureMention) -> dict[str, Any]:
    return {
        **mention.citation.as_dict(),
        "value": _number(mention.value),
        "hedge": mention.hedge,
        "text": mention.text,
        "counts": mention.counts,
    }


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "value": _number(figure.value),
        "counts": figure.counts,
        "hedge": figure.hedge,
        "text": figure.text,
        "support": figure.support,
        "conflict": figure.conflict,
        "conflicting": [_mention(m) for m in figure.conflicting],
        "members": [_mention(m) for m in figure.members],
        "updated_by": [_mention(m) for m in figure.updated_by],
    }


def _number(value: float) -> int | float:
    """5400.0 -> 5400: whole numbers print as integers."""
    return int(value) if value.is_integer() else value


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        "speaker": quote.speaker,
        "text": quote.text,
        "support": quote.support,
        "members": [c.as_dict() for c in quote.members],
        "variants": [
            {
                "text": v.text,
                "speaker": v.speaker,
                "kind": v.kind,
                "citations": [c.as_dict() for c in v.citations],
            }
            for v in quote.variants
        ],
    }


def _framing(term: FramingTerm) -> dict[str, Any]:
    return {
        "origin": term.origin,
        "outlet": term.outlet,
        "term": term.term,
        "z": round(term.z, 3),
        "count": term.count,
        "example": term.example.as_dict() if term.example else None,
    }


def _event(event: TimelineEvent) -> dict[str, Any]:
    return {
        "date": event.date,
        "granularity": event.granularity,
        "phrase": event.phrase,
        "text": event.text,
        "citations": [c.as_dict() for c in event.citations],
        **({"speaker": event.speaker.as_dict()} if event.speaker else {}),
    }
