"""Where a story's sources agree and differ: claims, figures, quotes, framing and a timeline."""

from __future__ import annotations

from collections.abc import Mapping

from storyline.compare.claims import build_claims, claim_groups
from storyline.compare.export import comparison_json
from storyline.compare.figures import compare_figures
from storyline.compare.framing import compare_framing
from storyline.compare.quotes import compare_quotes
from storyline.compare.sections import comparison_sections
from storyline.compare.single import single_source
from storyline.compare.timeline import build_timeline
from storyline.compare.units import story_units
from storyline.model import Comparison, Document, Story
from storyline.settings import CompareSettings

__all__ = ["compare", "comparison_json", "comparison_sections"]


def compare(
    story: Story, documents: Mapping[str, Document], settings: CompareSettings
) -> Comparison:
    """Compare the story's origins sentence by sentence."""
    units = story_units(story, documents)
    groups = claim_groups(units, settings)
    claims = build_claims(units, groups)
    framing, framing_note = compare_framing(units, settings)
    claim_of = {i: k for k, group in enumerate(groups) for i in group.members}
    # Figures are compared pair by pair too: the same first sentences of each article as claims.
    counted = [u for u in units if u.sentence.index < settings.max_claim_sentences]
    return Comparison(
        story.id,
        claims=tuple(claims),
        figures=tuple(compare_figures(counted)),
        quotes=tuple(compare_quotes(units, settings)),
        single_source=tuple(single_source(claims, units)),
        framing=tuple(framing),
        framing_note=framing_note,
        timeline=tuple(build_timeline(units, claim_of, settings)),
        origins=len({u.origin for u in units}),
    )
