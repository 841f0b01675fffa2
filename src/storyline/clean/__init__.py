"""The clean stage: boilerplate dropped, scraping damage repaired, language, sentences."""

from storyline.clean.document import clean_article

__all__ = ["clean_article"]
