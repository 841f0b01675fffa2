"""Renderers on a digest built by hand, so they are tested apart from the stages."""

import json

import pytest

from storyline.model import (
    Article,
    Citation,
    Digest,
    Document,
    Event,
    Origin,
    Skipped,
    Story,
    StoryDigest,
    Summary,
    SummarySentence,
)
from storyline.render import renderer
from storyline.render.controls import one_line
from storyline.text.sentences import split_sentences

HOSTILE = 'The mayor said <script>alert("x")</script> and <img src=x onerror=alert(1)> today.'


def _document(article_id: str, outlet: str, text: str) -> Document:
    article = Article(
        article_id, f"{article_id}.txt", text, title=f"Title {article_id}", outlet=outlet
    )
    return Document(article, text, split_sentences(text), "en", dropped=("Comments 0",))


def _digest() -> Digest:
    first = _document("a1", "gazette.example", "The bridge closed on Monday. " + HOSTILE)
    copy = _document("a2", "courier.example", "The bridge closed on Monday. Crews began work.")
    other = _document("b1", "herald.example", "Engineers found cracks in the span.")
    cite = [
        Citation(
            d.id, d.article.outlet, d.sentences[0].index, d.sentences[0].start, d.sentences[0].end
        )
        for d in (first, copy, other)
    ]
    hostile = first.sentences[1]
    story = Story(
        "s1",
        "Bridge <b>closed</b>",
        ("a1", "a2", "b1"),
        (Origin("o1", ("a1", "a2")), Origin("o2", ("b1",))),
        (Event("e1", ("a1", "a2")), Event("e2", ("b1",))),
    )
    summary = Summary(
        (
            SummarySentence("The bridge closed on Monday.", (cite[0], cite[1]), 1),
            SummarySentence(
                hostile.text, (Citation("a1", "gazette.example", 1, hostile.start, hostile.end),), 1
            ),
            SummarySentence("Engineers found cracks in the span.", (cite[2],), 1),
        ),
        method="test",
    )
    return Digest(
        (first, copy, other),
        (StoryDigest(story, summary, None),),
        (Skipped("bad.bin", "binary file"),),
    )


def test_json_contract_and_offsets():
    data = json.loads(renderer("json")(_digest()))
    assert set(data) == {"articles", "stories", "skipped"}
    texts = {a["id"]: a["text"] for a in data["articles"]}
    story = data["stories"][0]
    assert story["origins"] == [["a1", "a2"], ["b1"]]
    assert story["counts"] == {"articles": 3, "origins": 2}
    assert [e["article_ids"] for e in story["events"]] == [["a1", "a2"], ["b1"]]
    for sentence in story["summary"]:
        assert sentence["citations"]
        for c in sentence["citations"]:
            assert texts[c["article"]][c["start"] : c["end"]] == sentence["text"]
    assert data["skipped"] == [{"source": "bad.bin", "reason": "binary file"}]
    assert data["articles"][0]["dropped"] == ["Comments 0"]


@pytest.mark.parametrize("name", ["json", "markdown", "terminal", "html"])
def test_every_format_is_byte_identical_across_runs(name):
    assert renderer(name)(_digest()) == renderer(name)(_digest())


def test_html_escapes_article_content():
    page = renderer("html")(_digest())
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page
    assert "Bridge &lt;b&gt;closed&lt;/b&gt;" in page
    assert "Content-Security-Policy" in page


def test_markdown_escapes_markup_and_numbers_citations():
    text = renderer("markdown")(_digest())
    assert "<script>" not in text
    assert "The bridge closed on Monday. [1][2]" in text
    assert "2 independent origins" in text
    assert "reprinted as courier.example" in text


def test_terminal_lists_summary_sources_and_skipped():
    text = renderer("terminal")(_digest())
    assert "3 articles, 2 independent origins, 2 events" in text
    assert "Cited sentences" in text
    assert "bad.bin: binary file" in text


def test_terminal_wraps_a_long_line_under_its_text_not_under_its_bullet():
    from storyline.render.terminal import render_terminal

    text = render_terminal(_digest(), width=40)
    lines = text.splitlines()
    first = next(k for k, line in enumerate(lines) if "•" in line)
    bullet_text = lines[first].index("•") + 2  # where the bullet's text starts
    follower = lines[first + 1]
    assert "•" not in follower
    assert follower[bullet_text - 1] == " " and follower[bullet_text] != " "


def test_unknown_format_is_a_user_error():
    from storyline.errors import UserError

    with pytest.raises(UserError, match="unknown format"):
        renderer("pdf")


@pytest.mark.parametrize("name", ["terminal", "markdown", "html"])
def test_story_and_article_counts_are_in_the_right_number(name):
    full = _digest()
    story = Story("s1", "One", ("a1",), (Origin("o1", ("a1",)),))
    one = Digest(full.documents[:1], (StoryDigest(story, full.stories[0].summary),), ())
    text = renderer(name)(one)
    assert "1 story" in text and "1 article, 1 independent origin" in text
    assert "1 stories" not in text and "1 articles" not in text


@pytest.mark.parametrize(
    ("name", "source_line"),
    [
        ("terminal", "c1.txt #0: Divers"),
        ("markdown", "1. c1.txt [c1 #0"),
        ("html", "<strong>c1.txt</strong>"),
    ],
)
def test_a_source_without_outlet_is_named_by_its_file(name, source_line):
    """Every cited sentence names its source: the file when the article has no outlet."""
    bare = _document("c1", "", "Divers checked the bridge piers at dawn.")
    sentence = bare.sentences[0]
    cited = (Citation("c1", "", 0, sentence.start, sentence.end),)
    summary = Summary((SummarySentence(sentence.text, cited, 1),), method="test")
    story = Story("s9", "Piers", ("c1",), (Origin("o9", ("c1",)),), (Event("e9", ("c1",)),))
    digest = Digest((bare,), (StoryDigest(story, summary, None),), ())
    assert source_line in renderer(name)(digest)
    exported = json.loads(renderer("json")(digest))["stories"][0]["summary"][0]
    assert exported["citations"][0]["outlet"] == ""  # JSON keeps the article's own (empty) outlet


@pytest.mark.parametrize("name", ["terminal", "markdown"])
def test_terminal_control_characters_never_reach_the_screen(name):
    """An escape sequence or a carriage return in article text could rewrite the terminal."""
    text = "The bridge \x1b[2Jclosed\r on Monday after crews found\x9b31m cracks in it."
    document = _document("c1", "gazette\x1b[31m.example", text)
    cite = Citation("c1", "gazette.example", 0, 0, len(text))
    story = Story("s2", "Bridge\x1b]0;owned\x07", ("c1",), (Origin("o1", ("c1",)),))
    summary = Summary((SummarySentence(text, (cite,), 1),), method="test")
    digest = Digest((document,), (StoryDigest(story, summary, None),), (Skipped("x\x1b[1m", "r"),))
    shown = renderer(name)(digest)
    assert not any(char in shown for char in "\x1b\r\x07\x9b")
    assert "closed on Monday after crews found31m cracks" in shown.replace("\\", "")
    assert "\\u001b" in renderer("json")(digest)  # JSON keeps the text as read, escaped


def test_one_line_escapes_what_would_break_or_hide_a_line():
    assert one_line("a\nb\tc\x1b[2J\u2028\udce9 é") == "a\\nb\\tc\\x1b[2J\\u2028\\udce9 é"
    assert one_line("plain name.txt") == "plain name.txt"


@pytest.mark.parametrize("name", ["terminal", "markdown", "html"])
def test_a_skipped_name_with_a_newline_stays_on_its_line(name):
    digest = Digest((), (), (Skipped("two\nlines.txt", "empty file"),))
    shown = renderer(name)(digest)
    assert "two\\nlines.txt: empty file" in shown.replace("\\\\", "\\")


def test_outlets_are_listed_with_numbers_in_order_of_value():
    from storyline.render.view import counts_line

    documents = {k: _document(k, f"feed.jsonl:{k[1:]}", "The pier closed.") for k in ("r2", "r10")}
    story = Story("s", "Pier", ("r10", "r2"), (Origin("o1", ("r10",)), Origin("o2", ("r2",))))
    line = counts_line(StoryDigest(story, None), documents)
    assert line.endswith("outlets: feed.jsonl:2, feed.jsonl:10")


def test_a_quote_running_past_its_sentence_is_closed_when_shown_and_kept_in_json():
    digest = _digest()
    opening = '"The span is not safe for buses.'
    (story,) = digest.stories
    cited = story.summary.sentences[2].citations
    summary = Summary((SummarySentence(opening, cited, 1),), method="test")
    quoted = Digest(digest.documents, (StoryDigest(story.story, summary, None),), ())
    assert json.loads(renderer("json")(quoted))["stories"][0]["summary"][0]["text"] == opening
    for name in ("markdown", "terminal"):
        assert '"The span is not safe for buses."' in renderer(name)(quoted)
    assert "&#34;The span is not safe for buses.&#34;" in renderer("html")(quoted).replace(
        "&quot;", "&#34;"
    )


def test_a_sentences_marks_are_in_ascending_order_whatever_its_citation_order():
    digest = _digest()
    first, copy = digest.documents[0], digest.documents[1]
    cite = [
        Citation(d.id, d.article.outlet, 0, d.sentences[0].start, d.sentences[0].end)
        for d in (first, copy)
    ]
    summary = Summary(
        (
            SummarySentence("The bridge closed on Monday.", (cite[1],), 1),  # a2 is [1]
            SummarySentence("The bridge closed on Monday.", (cite[0], cite[1]), 1),  # a1 is [2]
        ),
        method="test",
    )
    story_digest = StoryDigest(digest.stories[0].story, summary, None)
    text = renderer("markdown")(Digest(digest.documents, (story_digest,), ()))
    assert "The bridge closed on Monday. [1][2]" in text
    assert "[2][1]" not in text
