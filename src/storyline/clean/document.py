"""clean_article: an Article's raw text to a Document ready for the later stages."""

from __future__ import annotations

from dataclasses import replace

from storyline.clean.boilerplate import boilerplate_reason, dominant_script, glued_label
from storyline.clean.glue import split_glued_words
from storyline.clean.language import detect_language
from storyline.clean.layout import paragraphs
from storyline.clean.repair import (
    fix_mojibake,
    remove_echoes,
    remove_invisible,
    space_after_punctuation,
    strip_markdown,
)
from storyline.model import Article, Document, Repair
from storyline.settings import CleanSettings
from storyline.text.sentences import split_sentences
from storyline.text.titles import fallback_title


def clean_article(article: Article, settings: CleanSettings) -> Document:
    """Clean one article: mojibake, invisible characters, boilerplate lines, Markdown, broken
    lines, glue, echoes.

    Repairs run before sentence splitting because glued words ("anyU.N.") break every splitter.
    Every dropped line is kept verbatim in `dropped` (after the lines ingest lifted), and every
    change is a Repair, so no word read is lost without a trace.
    """
    repairs: list[Repair] = []
    text, fixed = fix_mojibake(article.text)
    repairs += fixed
    text, fixed = remove_invisible(text)
    repairs += fixed
    kept, dropped = _drop_boilerplate(text.splitlines(), settings, repairs)
    lines = []
    for line in kept:
        line, fixed = strip_markdown(line)
        lines.append(line)
        repairs += fixed
    paras, fixed = paragraphs(lines)
    repairs += fixed
    context = "\n".join(paras)
    language = detect_language(context, article.language)
    paras = [_repair_paragraph(p, context, language, settings, repairs) for p in paras]
    cleaned = "\n\n".join(paras)
    return Document(
        article=_unlabelled(_retitled(article, cleaned, bool(dropped), repairs), repairs),
        text=cleaned,
        sentences=split_sentences(cleaned),
        language=language,
        dropped=(*article.lifted, *dropped),
        repairs=tuple(repairs),
    )


def _retitled(article: Article, cleaned: str, dropped: bool, repairs: list[Repair]) -> Article:
    """An article whose title ingest took from its raw opening, titled from the cleaned text.

    A page without a title opened on "Click to email this to a friend (Opens in new window)",
    which then named its story; the cleaned text opens on the report. Only worth asking when
    cleaning `dropped` lines, and of a title found where fallback_title looks (most are not).
    """
    if not (dropped and article.title):
        return article
    opening = article.text[:2000]
    where = " ".join(opening.split())  # as fallback_title joins its words
    if article.title.removesuffix(" …") not in where or article.title != fallback_title(opening):
        return article
    title = fallback_title(cleaned)
    if not title or title == article.title:
        return article
    repairs.append(Repair("title:from the cleaned text", article.title, title))
    return replace(article, title=title)


def _unlabelled(article: Article, repairs: list[Repair]) -> Article:
    """The title without a list label a scraper ran into it ("Story highlights Hamas' Cabinet
    headquarters is destroyed"), as the text's lines lose theirs: a text file's short first line
    is taken for its title before cleaning sees it."""
    label = glued_label(article.title)
    if not label:
        return article
    title = article.title.strip()[len(label) :].lstrip()
    repairs.append(Repair("title:label", article.title, title))
    return replace(article, title=title)


def _drop_boilerplate(
    lines: list[str], settings: CleanSettings, repairs: list[Repair]
) -> tuple[list[str], list[str]]:
    """Lines split into kept and dropped; each drop is also a Repair naming its reason."""
    if not settings.drop_boilerplate:
        return lines, []
    script = dominant_script("\n".join(lines))
    kept: list[str] = []
    dropped: list[str] = []
    for line in lines:
        label = glued_label(line)
        if label:
            dropped.append(label)
            repairs.append(Repair("boilerplate:label", label, ""))
            line = line.strip()[len(label) :].lstrip()
        reason = boilerplate_reason(line, script)
        if reason is None:
            kept.append(line)
        else:
            dropped.append(line.strip())
            repairs.append(Repair(f"boilerplate:{reason}", line.strip(), ""))
    return kept, dropped


def _repair_paragraph(
    text: str, context: str, language: str, settings: CleanSettings, repairs: list[Repair]
) -> str:
    """Missing spaces and glued words (English word frequencies; `context` is the whole article,
    for its names), then repeated phrases."""
    if settings.repair_glued_words and language == "en":
        text, fixed = space_after_punctuation(text)
        repairs += fixed
        text, fixed = split_glued_words(text, context)
        repairs += fixed
    text, fixed = remove_echoes(text)
    repairs += fixed
    return text
