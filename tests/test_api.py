"""The HTTP API through httpx (FastAPI's TestClient): stories, articles, ingest, limits, tokens."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.ingest import read_sources
from storyline.settings import ClusterSettings, Settings
from storyline.web.app import create_app
from storyline.web.security import is_loopback

FIXTURES = Path(__file__).parent / "fixtures" / "store"
TOKEN = "a-long-enough-test-token"


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / f"{name}.jsonl").read_text().splitlines()]


def client(db: Path, **options) -> TestClient:
    return TestClient(create_app(db, Settings(), **options))


@pytest.fixture(scope="module")
def api(tmp_path_factory) -> TestClient:
    db = tmp_path_factory.mktemp("api") / "s.db"
    with client(db) as c:
        response = c.post("/api/articles", json={"articles": records("batch1")})
        assert response.status_code == 200, response.text
        yield c


def bridge_id(api: TestClient) -> str:
    stories = api.get("/api/stories", params={"query": "harbour bridge"}).json()["stories"]
    assert len(stories) == 1
    return stories[0]["id"]


def test_health_reports_the_store(api: TestClient) -> None:
    body = api.get("/api/health").json()
    assert body["status"] == "ok"
    assert (body["articles"], body["stories"], body["stale"]) == (5, 2, 0)
    assert body["rules_outdated"] is False


def test_health_says_when_the_stories_follow_other_settings(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    strict = Settings(cluster=ClusterSettings(story_threshold=0.99))
    with TestClient(create_app(db, strict)) as c:
        assert c.post("/api/articles", json={"articles": records("batch1")}).status_code == 200
        assert c.get("/api/health").json()["rules_outdated"] is False
    with client(db) as c:
        assert c.get("/api/health").json()["rules_outdated"] is True


def test_list_and_search_stories(api: TestClient) -> None:
    stories = api.get("/api/stories").json()["stories"]
    assert sorted(s["articles"] for s in stories) == [2, 3]
    assert {"id", "title", "articles", "origins", "outlets", "updated_at", "new_articles"} <= set(
        stories[0]
    )
    found = api.get("/api/stories", params={"query": "robot"}).json()["stories"]
    assert [s["title"] for s in found] == ["Library robot starts fetching books in Orland"]
    assert api.get("/api/stories", params={"since": "2999-01-01"}).json()["stories"] == []
    assert api.get("/api/stories", params={"since": "soon"}).status_code == 422
    assert api.get("/api/stories", params={"limit": 0}).status_code == 422


def test_one_story_has_summary_claims_differences_timeline_and_sources(api: TestClient) -> None:
    story = api.get(f"/api/stories/{bridge_id(api)}").json()
    assert {
        "summary",
        "claims",
        "figures",
        "quotes",
        "single_source",
        "timeline",
        "sources",
    } <= set(story)
    assert story["summary"] and all(s["citations"] for s in story["summary"])
    origins = {tuple(a["id"] for a in group["articles"]) for group in story["sources"]}
    assert ("bridge-wire", "bridge-gazette") in origins  # the reprint sits with its origin
    assert story["new_since_last_look"]["looked_at"] is None
    assert api.get("/api/stories/nope").status_code == 404


def test_article_has_text_and_sentence_offsets(api: TestClient) -> None:
    article = api.get("/api/articles/bridge-times").json()
    assert article["outlet"] == "Harbour Times"
    first = article["sentences"][0]
    assert article["text"][first["start"] : first["end"]] == first["text"]
    assert api.get("/api/articles/none").status_code == 404


def test_ingest_joins_a_story_and_news_follow(api: TestClient) -> None:
    story_id = bridge_id(api)
    assert api.post(f"/api/stories/{story_id}/seen").json()["status"] == "seen"
    body = api.post("/api/articles", json={"articles": records("batch2")}).json()
    assert body["added"] == ["bridge-reopen"] and body["stories"] == [story_id]
    news = api.get(f"/api/stories/{story_id}").json()["new_since_last_look"]
    assert [a["id"] for a in news["articles"]] == ["bridge-reopen"]
    again = api.post("/api/articles", json={"articles": records("batch2")}).json()
    assert again["added"] == [] and "already stored" in again["skipped"][0]["reason"]


def test_ingest_rejects_bad_records(api: TestClient) -> None:
    assert api.post("/api/articles", json={"articles": []}).status_code == 422
    assert api.post("/api/articles", json={"articles": [{"title": 3}]}).status_code == 422
    body = api.post("/api/articles", json={"articles": [{"title": "no text at all"}]}).json()
    assert body["added"] == [] and body["skipped"]


def test_ids_are_strings_or_numbers_as_in_files(tmp_path: Path) -> None:
    text = "The harbour office moved the late ferry to half past eleven on weekdays."
    with client(tmp_path / "s.db") as c:
        assert c.post("/api/articles", json={"articles": [{"id": 7, "text": text}]}).json()[
            "added"
        ] == ["7"]
        for bad in (["a"], {"n": 1}, True):
            response = c.post("/api/articles", json={"articles": [{"id": bad, "text": text}]})
            assert response.status_code == 422


def test_too_short_for_an_article_is_the_same_rule_as_for_files(tmp_path: Path) -> None:
    records = [{"id": "tiny", "text": "ok"}, {"id": "nul", "text": "Ferry\u0000 late " * 3}]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    from_file = read_sources([str(tmp_path / "r.jsonl")], Settings().ingest).skipped
    with client(tmp_path / "s.db") as c:
        body = c.post("/api/articles", json={"articles": records}).json()
    assert body["added"] == []
    assert [s["reason"] for s in body["skipped"]] == [s.reason for s in from_file]
    assert body["skipped"][0]["reason"] == (
        "empty: 2 characters of text after extraction (min_chars 40)"
    )


def test_lone_surrogate_escapes_are_replaced_not_a_server_error(tmp_path: Path) -> None:
    text = "The harbour office moved the late ferry to half past eleven on weekdays \\ud800."
    body = '{"articles": [{"id": "s1", "title": "Ferry \\udfff", "text": "' + text + '"}]}'
    with client(tmp_path / "s.db") as c:
        response = c.post(
            "/api/articles", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 200, response.text
        assert response.json()["added"] == ["s1"]
        assert c.get("/api/articles/s1").json()["title"] == "Ferry \ufffd"


def test_request_bodies_are_capped(api: TestClient) -> None:
    huge = b'{"articles": [{"text": "' + b"x" * 6_000_000 + b'"}]}'
    declared = api.post("/api/articles", content=huge, headers={"content-type": "application/json"})
    assert declared.status_code == 413

    def chunks():
        for _ in range(7):
            yield b"x" * 1_000_000

    streamed = api.post(
        "/api/articles", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413


def test_pages_carry_a_strict_content_security_policy(api: TestClient) -> None:
    page = api.get(f"/stories/{bridge_id(api)}")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in page.text.replace(
        '<script src="/static/storyline.js" defer></script>', ""
    )


def test_story_page_follows_looks_and_new_articles(tmp_path: Path) -> None:
    with client(tmp_path / "p.db") as c:
        c.post("/api/articles", json={"articles": records("batch1")})
        story = bridge_id(c)
        assert "First look at this story" in c.get(f"/stories/{story}").text
        c.post(f"/stories/{story}/seen")
        assert "Nothing new since" in c.get(f"/stories/{story}").text
        c.post("/api/articles", json={"articles": records("batch2")})
        page = c.get(f"/stories/{story}").text
        assert "New article:" in page and "/articles/bridge-reopen" in page


def test_article_page_links_only_web_urls(api: TestClient) -> None:
    record = {"id": "js-url", "url": "javascript:alert(1)", "title": "Ferry timetable changes"}
    record["text"] = "The ferry company published a new winter timetable on Friday. " * 3
    assert api.post("/api/articles", json={"articles": [record]}).json()["added"] == ["js-url"]
    page = api.get("/articles/js-url").text
    assert "javascript:" not in page
    assert 'href="https://harbour-times.example' in api.get("/articles/bridge-times").text


def test_openapi_describes_the_api(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/api/health", "/api/stories", "/api/stories/{story_id}", "/api/articles"} <= set(paths)


def test_exposed_server_without_token_refuses_ingest(tmp_path: Path) -> None:
    with client(tmp_path / "e.db", exposed=True) as c:
        refused = c.post("/api/articles", json={"articles": records("batch2")})
        assert refused.status_code == 403 and "--token" in refused.json()["detail"]
        assert c.get("/api/health").json()["articles"] == 0  # reading still works


def test_token_is_required_when_set(tmp_path: Path) -> None:
    with client(tmp_path / "t.db", token=TOKEN, exposed=True) as c:
        body = {"articles": records("batch2")}
        assert c.post("/api/articles", json=body).status_code == 401
        wrong = {"authorization": "Bearer not-the-token"}
        assert c.post("/api/articles", json=body, headers=wrong).status_code == 401
        good = {"authorization": f"Bearer {TOKEN}"}
        assert c.post("/api/articles", json=body, headers=good).json()["added"] == ["bridge-reopen"]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
    ],
)
def test_only_loopback_binds_count_as_private(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
