"""The llm summarizer against a scripted OpenAI-compatible endpoint on loopback.

The fake model reads the numbered sentences it is sent and answers with sentences built from
them, faithful or not, so the tests check what storyline keeps, cites and reports.
"""

import dataclasses
import json
import re
import socket
from pathlib import Path

import pytest
from feedserver import FeedServer, Reply, Request
from test_cli import _run

from storyline.errors import UserError
from storyline.ingest import read_sources
from storyline.settings import Settings, SummarizeSettings
from storyline.store import Store, queries
from storyline.summarize import LLM_FAILED, extract, summarize
from storyline.summarize.written import drafted_sentences

ROOT = Path(__file__).resolve().parent.parent
PATH = "/v1/chat/completions"


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def _sent(request: Request) -> dict[int, str]:
    """The numbered sentences of the request's user message."""
    user = json.loads(request.body)["messages"][-1]["content"]
    return {int(n): text for n, text in re.findall(r"^\[(\d+)\] (.*)$", user, re.MULTILINE)}


def _model(write) -> callable:
    """A route answering in the chat-completions format with `write(numbered sentences)`."""

    def route(request: Request) -> Reply:
        content = write(_sent(request))
        body = {"choices": [{"message": {"role": "assistant", "content": content}}]}
        return Reply(body=json.dumps(body).encode(), headers={"Content-Type": "application/json"})

    return route


def _settings(url: str, **changes) -> SummarizeSettings:
    return dataclasses.replace(
        SummarizeSettings(), backend="llm", llm_url=url, llm_model="fake", **changes
    )


def _number_of(sent: dict[int, str], opening: str) -> int:
    return next(n for n, text in sent.items() if text.startswith(opening))


def test_faithful_sentences_are_kept_and_cited_with_every_restatement(server, story, documents):
    def write(sent):
        lead = _number_of(sent, "The old Fenwick Street bridge")
        return f"{sent[lead]} [{lead}] {sent[lead]} [{lead}]"  # said twice, kept once

    url = server.serve(PATH, _model(write))
    summary = summarize(story, documents, _settings(url.removesuffix("/chat/completions")))
    assert summary.method == "llm (fake)"
    [sentence] = summary.sentences
    assert sentence.text.startswith("The old Fenwick Street bridge over Marlow Creek collapsed")
    first = sentence.citations[0]
    cited = documents[first.article].text[first.start : first.end]
    assert "Fenwick Street bridge" in cited and first.article == "courier"
    # the other reports' restatements are cited too, and support counts origins, not copies
    assert [c.article for c in sentence.citations] == ["courier", "ledger", "wire", "wire_copy"]
    assert sentence.support == 3


def test_a_sentence_fused_from_two_reports_cites_both(server, story, documents):
    def write(sent):
        lead = _number_of(sent, "The old Fenwick Street bridge")
        governor = _number_of(sent, "Governor Lena Ortiz ordered an emergency inspection of every")
        return (
            "Governor Lena Ortiz ordered an emergency inspection after the Fenwick Street bridge "
            f"collapsed on Tuesday. [{lead}][{governor}]"
        )

    summary = summarize(story, documents, _settings(server.serve(PATH, _model(write))))
    [sentence] = summary.sentences
    cited = {
        (c.article, documents[c.article].sentences[c.sentence].text[:20])
        for c in sentence.citations
    }
    assert ("courier", "MARLOW CREEK, Ore. -") in cited
    assert ("wire", "Governor Lena Ortiz ") in cited


def test_an_invented_sentence_or_figure_is_left_out_and_noted(server, story, documents):
    def write(sent):
        lead = _number_of(sent, "The old Fenwick Street bridge")
        invented = "The mayor resigned in disgrace after a secret vote of the council."
        wrong_figure = sent[lead].replace("four people", "14 people")
        return f"{sent[lead]} [{lead}] {invented} [{lead}] {wrong_figure} [{lead}]"

    summary = summarize(story, documents, _settings(server.serve(PATH, _model(write))))
    assert [s.text[:30] for s in summary.sentences] == ["The old Fenwick Street bridge "]
    assert summary.notes == (
        "written by the model fake; only sentences the sources state are kept",
        "2 of the model's sentences left out: no source sentence states them",
    )


def test_a_misnumbered_citation_is_found_by_its_words(server, story, documents):
    def write(sent):
        lead = _number_of(sent, "The old Fenwick Street bridge")
        return f"{sent[lead]} [999]"

    summary = summarize(story, documents, _settings(server.serve(PATH, _model(write))))
    assert summary.sentences and summary.sentences[0].citations[0].article in {"courier", "wire"}


def test_the_budget_holds_whatever_the_model_writes(server, story, documents):
    def write(sent):
        return " ".join(f"{text} [{n}]" for n, text in sent.items())

    url = server.serve(PATH, _model(write))
    summary = summarize(story, documents, _settings(url, max_words=40))
    assert summary.sentences
    assert sum(len(s.text.split()) for s in summary.sentences) <= 40
    assert any(note.endswith("over the budget (40 words)") for note in summary.notes)


def test_what_is_sent_one_text_per_origin_deterministic_request(
    server, story, documents, monkeypatch
):
    monkeypatch.setenv("STORYLINE_LLM_API_KEY", "sk-test")
    url = server.serve(PATH, _model(lambda sent: f"{sent[1]} [1]"))
    summarize(story, documents, _settings(url))
    [request] = server.hits(PATH)
    body = json.loads(request.body)
    assert body["model"] == "fake" and body["temperature"] == 0 and body["seed"] == 0
    assert request.headers["authorization"] == "Bearer sk-test"
    user = body["messages"][-1]["content"]
    assert "Report (Courier" in user and "Report (Ledger" in user
    # the syndicated copy is one origin with its original: its text is not sent again
    assert "Report (Wire_Copy" not in user and "Report (Wire" in user


def test_a_model_that_refuses_sampling_options_is_asked_again_without_them(
    server, story, documents
):
    """OpenAI's reasoning models answer 400 to max_tokens and to temperature 0."""
    faithful = _model(lambda sent: f"{sent[1]} [1]")

    def route(request: Request) -> Reply:
        if "max_tokens" in json.loads(request.body):
            error = {"error": {"message": "Unsupported parameter: 'max_tokens' is not supported"}}
            return Reply(400, json.dumps(error).encode())
        return faithful(request)

    summary = summarize(story, documents, _settings(server.serve(PATH, route)))
    assert summary.method == "llm (fake)"
    first, again = (json.loads(r.body) for r in server.hits(PATH))
    assert first["temperature"] == 0 and "temperature" not in again
    assert again["max_completion_tokens"] == first["max_tokens"] and "max_tokens" not in again


def test_no_key_no_authorization_header(server, story, documents, monkeypatch):
    monkeypatch.delenv("STORYLINE_LLM_API_KEY", raising=False)
    summarize(story, documents, _settings(server.serve(PATH, _model(lambda s: f"{s[1]} [1]"))))
    assert "authorization" not in server.hits(PATH)[0].headers


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply(500, b"model not loaded"), "HTTP 500: model not loaded"),
        (Reply(body=b'{"error": "nope"}'), "did not answer in the chat-completions format"),
        (Reply(body=b'{"choices": [{"message": {"content": "  "}}]}'), "answered with no text"),
    ],
)
def test_a_failed_answer_gives_the_extractive_summary_and_says_why(
    server, story, documents, reply, reason
):
    settings = _settings(server.serve(PATH, reply))
    summary = summarize(story, documents, settings)
    assert summary.sentences == extract(story, documents, settings).sentences
    assert summary.notes[0].startswith(f"{LLM_FAILED}: ") and reason in summary.notes[0]


def test_a_reply_that_breaks_the_reader_falls_back_too(server, story, documents, monkeypatch):
    def broken(reply):
        raise ValueError("unexpected reply shape")

    monkeypatch.setattr("storyline.summarize.written.drafted_sentences", broken)
    settings = _settings(server.serve(PATH, _model(lambda sent: f"{sent[1]} [1]")))
    summary = summarize(story, documents, settings)
    assert "could not be read (ValueError: unexpected reply shape)" in summary.notes[0]
    assert summary.sentences == extract(story, documents, settings).sentences


def test_credentials_in_the_url_are_never_shown(server, story, documents):
    url = server.serve(f"{PATH}?api_key=s3cret", Reply(503, b"busy"))
    summary = summarize(story, documents, _settings(url.replace("http://", "http://me:s3cret@")))
    assert "HTTP 503: busy" in summary.notes[0]
    assert "s3cret" not in summary.notes[0] and "me:" not in summary.notes[0]


def test_an_unreachable_endpoint_is_not_waited_for_again(story, documents):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = _settings(f"http://127.0.0.1:{port}/v1")
    first = summarize(story, documents, settings)
    again = summarize(story, documents, settings)
    assert "cannot reach" in first.notes[0] and "not tried again" not in first.notes[0]
    assert "not tried again for 60 s" in again.notes[0]
    assert first.sentences == again.sentences == extract(story, documents, settings).sentences


def test_the_reply_cache_answers_a_rerun_without_asking(server, story, documents, tmp_path):
    replies = iter(["{0} [1]", "Something else entirely. [1]"])
    url = server.serve(PATH, _model(lambda sent: next(replies).format(sent[1])))
    settings = _settings(url, llm_cache=str(tmp_path / "replies.sqlite"))
    first = summarize(story, documents, settings)
    again = summarize(story, documents, settings)
    assert again == first and first.method == "llm (fake)"
    assert len(server.hits(PATH)) == 1
    # another request (a different budget) is asked, not answered from the cache
    summarize(story, documents, dataclasses.replace(settings, max_words=50))
    assert len(server.hits(PATH)) == 2


def test_an_unusable_cache_file_gives_the_extractive_summary(server, story, documents, tmp_path):
    url = server.serve(PATH, _model(lambda sent: f"{sent[1]} [1]"))
    (tmp_path / "notes.txt").write_text("not a database " * 100)
    settings = _settings(url, llm_cache=str(tmp_path / "notes.txt"))
    summary = summarize(story, documents, settings)
    assert "cannot use the llm reply cache" in summary.notes[0]
    assert summary.sentences == extract(story, documents, settings).sentences


def test_a_model_with_nothing_grounded_falls_back(server, story, documents):
    url = server.serve(PATH, _model(lambda sent: "Aliens landed on the courthouse lawn. [1]"))
    summary = summarize(story, documents, _settings(url))
    assert "none of the model's 1 sentence is stated" in summary.notes[0]
    assert summary.method != "llm (fake)"


def test_the_store_summarises_with_the_model_of_its_settings(server, tmp_path):
    url = server.serve(PATH, _model(lambda sent: f"{sent[1]} [1]"))
    settings = Settings().with_overrides({"summarize": {"backend": "llm", "llm_url": url}})
    fixtures = Path(__file__).parent / "fixtures" / "store" / "batch1.jsonl"
    with Store(tmp_path / "s.db", settings) as store:
        store.ingest(read_sources([str(fixtures)], settings.ingest).articles, "batch1")
        refreshed = store.refresh()
        digests = [queries.story_json(store.conn, story)[0] for story in refreshed.refreshed]
    assert refreshed.refreshed and not refreshed.failed
    assert {d["summary_method"] for d in digests} == {"llm (default)"}
    assert len(server.hits(PATH)) == len(digests)


def test_reply_parsing_marks_lists_and_thinking():
    reply = (
        "<think>The reports agree on the collapse.</think>\n"
        "- The bridge fell into the creek on Tuesday. [2][5]\n"
        "- Four people were hurt [3, 7].\n"
        "Crews pulled both drivers out. [4]"
    )
    assert drafted_sentences(reply) == [
        ("The bridge fell into the creek on Tuesday.", (2, 5)),
        ("Four people were hurt.", (3, 7)),
        ("Crews pulled both drivers out.", (4,)),
    ]


def test_ranges_of_marks_are_spelt_out():
    assert drafted_sentences("The bridge fell [3-5]. Crews came [7–8, 2]. Rain [1-90].") == [
        ("The bridge fell.", (3, 4, 5)),
        ("Crews came.", (7, 8, 2)),
        ("Rain.", (1, 90)),
    ]


def test_marks_after_the_full_stop_belong_to_the_sentence_before():
    assert drafted_sentences("The bridge fell. [2] Crews came. [4]") == [
        ("The bridge fell.", (2,)),
        ("Crews came.", (4,)),
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"backend": "llm"}, "needs an endpoint"),
        ({"backend": "abstractive"}, "unknown summarizer 'abstractive'"),
        ({"llm_url": "file:///etc/passwd"}, "must be an http:// or https:// URL"),
        ({"llm_timeout_s": 0}, "must be positive"),
    ],
)
def test_bad_summarizer_settings_fail_when_read(changes, message):
    with pytest.raises(UserError, match=message):
        Settings().with_overrides({"summarize": changes})


def test_digest_command_with_a_model(server, tmp_path):
    def write(sent):
        return " ".join(f"{text} [{n}]" for n, text in list(sent.items())[:2])

    url = server.serve(PATH, _model(write))
    out = tmp_path / "digest.json"
    args = ["digest", "examples/", "--llm-url", url, "-f", "json"]  # the url implies llm
    done = _run(*args, "-o", str(out), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    stories = json.loads(out.read_text())["stories"]
    assert {s["summary_method"] for s in stories} == {"llm (default)"}
    assert all(s["summary"] and s["summary"][0]["citations"] for s in stories)
    assert "warning" not in done.stderr


def test_digest_command_warns_when_the_model_is_unreachable(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = ["digest", "examples/", "--summarizer", "llm", "--llm-url", f"http://127.0.0.1:{port}"]
    done = _run(*args, "-f", "json", "-o", str(tmp_path / "d.json"), cwd=ROOT)
    assert done.returncode == 0
    assert f"warning: {LLM_FAILED} for 3 of 3 summaries, which are extractive" in done.stderr
