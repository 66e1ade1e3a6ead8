"""The web app over a real database (the demo corpus), through Starlette's test client.
Browser-level tests (clicks, the drop zone) live in tests/test_web_browser.py."""

from __future__ import annotations

import shutil
import time

import pytest
from fastapi.testclient import TestClient

from newsprism.models import Article, Report, Story
from newsprism.web import create_app

pytestmark = pytest.mark.models


@pytest.fixture
def client(demo, tmp_path):
    _, _, out = demo
    db = tmp_path / "copy.db"
    shutil.copy(out / "newsprism.db", db)  # uploads write to it; the demo's own stays as it was
    with TestClient(create_app(str(db))) as test_client:
        yield test_client


def _fire(client):
    return max(client.get("/api/stories").json(), key=lambda s: s["articles"])


def test_the_story_list_shows_outlets_counts_and_filters(client):
    page = client.get("/")
    assert page.status_code == 200 and "Coastline Daily" in page.text and "2 conflicts" in page.text
    fire = _fire(client)
    assert f'href="/stories/{fire["id"]}"' in page.text
    assert fire["id"] not in client.get("/", params={"q": "library"}).text
    assert fire["id"] in client.get("/", params={"outlet": "meridian"}).text
    assert "No stories match" in client.get("/", params={"since": "2027-01-01"}).text


def test_the_story_page_is_the_report_of_that_story(client):
    fire = _fire(client)
    page = client.get(f"/stories/{fire['id']}")
    assert page.status_code == 200
    assert "← all stories" in page.text and "Conflicts" in page.text and "<mark id=" in page.text
    # the rewrite the corpus plants, drawn as an arrow from Meridian Wire to PulseNews Now
    assert 'aria-label="PulseNews Now is a rewrite of Meridian Wire"' in page.text
    # the claim x outlet matrix says each cell in words, not in colour alone
    matrix = page.text[page.text.index('<table class="omissions matrix">'):]
    matrix = matrix[: matrix.index("</table>")]
    assert ">corroborated</a>" in matrix and ">omitted</span>" in matrix and ">single source</a>" in matrix
    assert client.get("/stories/s-nope").status_code == 404


def test_the_api_mirrors_report_json(client, schema):
    import jsonschema

    fire = _fire(client)
    story = client.get(f"/api/stories/{fire['id']}").json()
    jsonschema.validate(story, schema)
    assert [s["id"] for s in story["stories"]] == [fire["id"]]
    claims = client.get(f"/api/stories/{fire['id']}/claims").json()
    assert len(claims) == fire["claims"] and all(c["mentions"] for c in claims)
    article_id = story["articles"][0]["id"]
    assert client.get(f"/api/articles/{article_id}").json()["text"] == story["articles"][0]["text"]
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/analyze", "/api/jobs/{job_id}"} <= set(paths)


def test_the_article_page_marks_claims_and_can_show_what_was_removed(client):
    fire = _fire(client)
    article = client.get(f"/api/stories/{fire['id']}").json()["articles"][0]
    page = client.get(f"/articles/{article['id']}")
    assert page.status_code == 200 and "<mark id=" in page.text and 'id="show-removed"' in page.text
    assert all(str(r["kind"]) in page.text for r in article["removed"])


def test_an_upload_is_analysed_and_its_story_appears(client):
    text = (
        "Tram service resumes on Harbour Line\n\nThe Harbour Line tram returned to service on Tuesday after a "
        "three-week repair of the Quay Street bridge, the Port Merrow transit authority said. About 4,000 "
        "riders use the line on a weekday. \"We are glad to have it back,\" said commuter Ines Falk.\n\n"
        "Engineers replaced two corroded steel beams under the bridge deck and resurfaced the track bed, the "
        "authority said in a statement. Buses that replaced the trams during the repair will stop running on "
        "Wednesday. The authority said the work cost about $1.2 million and finished four days ahead of schedule.\n"
    )
    answer = client.post("/api/analyze", files=[("files", ("tram.txt", text.encode(), "text/plain"))])
    assert answer.status_code == 202
    job = answer.json()
    for _ in range(600):
        job = client.get(f"/api/jobs/{job['id']}").json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["state"] == "done" and job["inputs"]["ok"] == 1, job
    (story_id,) = job["stories"]
    assert "Tram service resumes" in client.get("/").text
    assert client.get(f"/stories/{story_id}").status_code == 200


def test_uploads_are_type_checked_and_size_limited(demo, tmp_path):
    ran = []
    app = create_app(str(tmp_path / "x.db"), analyze_run=lambda folder, progress: ran.append(folder), max_file_bytes=1000)
    with TestClient(app) as client:
        wrong = client.post("/api/analyze", files=[("files", ("run.sh", b"rm -rf /", "text/plain"))])
        assert wrong.status_code == 415 and "run.sh" in wrong.json()["detail"]
        big = client.post("/api/analyze", files=[("files", ("big.txt", b"x" * 1001, "text/plain"))])
        assert big.status_code == 413 and "1000" not in big.json()["detail"] and "limit" in big.json()["detail"]
        sneaky = client.post("/api/analyze", files=[("files", ("../../etc/passwd.txt", b"hello", "text/plain"))])
        assert sneaky.status_code == 202 and sneaky.json()["files"] == ["passwd.txt"]
    assert ran == [] or all("newsprism-upload-" in str(f) for f in ran)


HOSTILE = (
    'Council vote <script>alert("x")</script> <img src=x onerror="alert(1)"> '
    '<a href="javascript:alert(2)">click</a>\n\nMore text about the council vote on Tuesday.'
)


def test_article_text_full_of_script_renders_as_text(tmp_path):
    from newsprism import open_storage

    article = Article(id="a-evil", source="evil.html", text=HOSTILE, format="html", title='<script>alert("t")</script>',
                      outlet="Evil <b>Outlet</b>", content_hash="h-evil")
    store = open_storage(tmp_path / "evil.db")
    store.save(Report(inputs=[], articles=[article], generated_at="2026-11-22T00:00:00+00:00",
                      stories=[Story(id="s-evil", headline='<img src=x onerror="alert(3)">', articles=["a-evil"])]))
    store.close()
    with TestClient(create_app(str(tmp_path / "evil.db"))) as client:
        for path in ("/", "/stories/s-evil", "/articles/a-evil"):
            html = client.get(path).text
            assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html, path
        assert "&lt;script&gt;" in client.get("/articles/a-evil").text


def test_a_story_page_shows_the_story_as_stored_now_not_as_first_rendered(tmp_path):
    from newsprism import open_storage

    article = Article(id="a-1", source="a.txt", text="The bridge reopened on Monday.", format="text", content_hash="h-1")

    def save(headline):
        store = open_storage(tmp_path / "s.db")
        store.save(Report(inputs=[], articles=[article], generated_at="2026-11-22T00:00:00+00:00",
                          stories=[Story(id="s-1", headline=headline, articles=["a-1"])]))
        store.close()

    save("Bridge reopens")
    with TestClient(create_app(str(tmp_path / "s.db"))) as client:
        assert "Bridge reopens" in client.get("/stories/s-1").text
        assert "Bridge reopens" in client.get("/stories/s-1").text  # from the cache
        save("Bridge reopens after repairs")
        assert "Bridge reopens after repairs" in client.get("/stories/s-1").text


def test_the_story_list_comes_in_pages(tmp_path, monkeypatch):
    from newsprism import open_storage
    from newsprism.web import app as web_app

    monkeypatch.setattr(web_app, "LIST_PAGE", 2)
    articles = [Article(id=f"a-{n}", source=f"{n}.txt", text=f"Story {n}.", format="text", content_hash=f"h-{n}") for n in range(5)]
    store = open_storage(tmp_path / "p.db")
    store.save(Report(inputs=[], articles=articles, generated_at="2026-11-22T00:00:00+00:00", stories=[
        Story(id=f"s-{n}", headline=f"Headline {n}", articles=[f"a-{n}"], start=f"2026-11-1{n}") for n in range(5)
    ]))
    store.close()
    with TestClient(create_app(str(tmp_path / "p.db"))) as client:
        first = client.get("/", params={"q": "headline"}).text
        assert "Headline 4" in first and "Headline 3" in first and "Headline 2" not in first
        assert "Stories 1–2 of 5" in first and "page=2" in first and "q=headline" in first
        last = client.get("/", params={"q": "headline", "page": 3}).text
        assert "Headline 0" in last and "Stories 5–5 of 5" in last and "next page" not in last
        api = client.get("/api/stories", params={"limit": 2, "offset": 1}).json()
        assert [s["id"] for s in api] == ["s-3", "s-2"]
        assert len(client.get("/api/stories").json()) == 5
        assert client.get("/api/stories", params={"limit": 0}).status_code == 422
