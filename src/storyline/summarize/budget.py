"""Summary length budgets in words, characters or sentences; a summary never exceeds one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.errors import UserError
from storyline.settings import SummarizeSettings


@dataclass(frozen=True, slots=True)
class Budget:
    """Upper bounds on the summary; None means unbounded. Words are whitespace-separated."""

    max_words: int | None = None
    max_chars: int | None = None
    max_sentences: int | None = None

    @classmethod
    def from_settings(cls, settings: SummarizeSettings) -> Budget:
        """The budget of `settings`, rejecting limits a summary could never meet."""
        for name in ("max_words", "max_chars", "max_sentences"):
            value = getattr(settings, name)
            if value is not None and value < 1:
                raise UserError(f"--{name.replace('_', '-')} must be at least 1 (got {value})")
        return cls(settings.max_words, settings.max_chars, settings.max_sentences)

    def limits(self) -> list[tuple[str, int]]:
        """The bounded measures with their limits. Characters count the newline between sentences."""
        bounds = [
            ("words", self.max_words),
            ("chars", _plus_one(self.max_chars)),
            ("sentences", self.max_sentences),
        ]
        return [(name, limit) for name, limit in bounds if limit is not None]

    def fits(self, texts: Sequence[str]) -> bool:
        """Whether sentences `texts`, joined by newlines, stay within every limit."""
        return all(sum(cost(t)[name] for t in texts) <= limit for name, limit in self.limits())

    def describe(self) -> str:
        """The limits as a reader says them: "230 words", "10 characters, 2 sentences"."""
        bounds = [
            (self.max_words, "words"),
            (self.max_chars, "characters"),
            (self.max_sentences, "sentences"),
        ]
        return ", ".join(f"{limit} {unit}" for limit, unit in bounds if limit is not None)

    def sentences_held(self) -> int | None:
        """About how many typical news sentences (20 words, 120 characters) fit; None if unbounded."""
        held = [
            limit // {"words": 20, "chars": 120, "sentences": 1}[name]
            for name, limit in self.limits()
        ]
        return max(1, min(held)) if held else None


def cost(text: str) -> dict[str, int]:
    """What one sentence uses of each budget (a sentence's chars include its joining newline)."""
    return {"words": len(text.split()), "chars": len(text) + 1, "sentences": 1}


def _plus_one(limit: int | None) -> int | None:
    """Joined by newlines, n sentences use n-1 separators: each sentence is charged one, so allow one more."""
    return None if limit is None else limit + 1
