"""End-to-end tests of `newsprism serve` in a real headless Chromium: Debian's chromium
package, driven by Playwright for Python, never a browser download (`make test`
installs the package: tools/install-test-packages)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from newsprism import open_storage
from newsprism.models import Article, Report, Story
from newsprism.web import create_app

pytestmark = pytest.mark.models

CHROMIUM = Path("/usr/bin/chromium")
# The warehouse-fire story of examples/: its headline is the title of whichever article is
# closest to the others, which the sentence model decides, so only its subject is matched.
FIRE_STORY = re.compile(r"\bfire\b", re.IGNORECASE)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(demo, tmp_path):
    """The app over a copy of the demo database, served by uvicorn on a loopback port."""
    import uvicorn

    _, _, out = demo
    db = tmp_path / "served.db"
    shutil.copy(out / "newsprism.db", db)
    _add_hostile_story(db)
    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture
def page():
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing: `make test` installs Debian's chromium package"
        if os.environ.get("NEWSPRISM_TEST_STRICT"):
            pytest.fail(missing)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.dialogs = dialogs  # type: ignore[attr-defined]
        yield tab
        browser.close()


HOSTILE_TEXT = (
    'Council vote <script>alert("script")</script> and <img src=x onerror="alert(\'img\')"> and '
    '<a href="javascript:alert(\'link\')">a link</a>.\n\nThe council voted on Tuesday.'
)


def _add_hostile_story(db: Path) -> None:
    store = open_storage(db)
    article = Article(id="a-hostile", source="hostile.html", text=HOSTILE_TEXT, format="html",
                      title='<script>alert("title")</script>Council vote', outlet="Hostile <i>Gazette</i>",
                      published="2026-11-20", content_hash="h-hostile")
    story = Story(id="s-hostile", headline='<img src=x onerror="alert(\'headline\')">Council vote',
                  articles=["a-hostile"], start="2026-11-20", end="2026-11-20")
    store.save(Report(inputs=[], articles=[article], stories=[story], generated_at="2026-11-22T00:00:00+00:00"))
    store.close()


def test_open_a_story_and_follow_a_brief_citation_to_the_highlighted_words(server, page, tmp_path):
    page.goto(server + "/")
    page.get_by_role("link", name=FIRE_STORY).first.click()
    page.wait_for_selector("ol.brief")
    page.screenshot(path=str(tmp_path / "story.png"), full_page=False)
    citation = page.locator("ol.brief .cite a").first
    anchor = citation.get_attribute("href").lstrip("#")
    citation.click()
    target = page.locator(f"[id='{anchor}']")
    assert page.evaluate("location.hash") == "#" + anchor
    # the cited words are marked, and the mark is styled as the target (outlined)
    mark = page.locator("mark:target, mark:has(> :target)").first
    assert mark.count() == 1 and mark.inner_text().strip()
    assert page.evaluate("(el) => getComputedStyle(el).outlineStyle", mark.element_handle()) == "solid"
    assert target.count() == 1


def test_an_uploaded_file_is_analysed_and_its_story_appears(server, page, tmp_path):
    upload = tmp_path / "ferry.txt"
    upload.write_text(
        "Ferry service resumes after repair\n\nThe Harbour Line ferry returned to service on Tuesday after a "
        "three-week repair of its engine, the Port Merrow port authority said. About 900 passengers use the "
        "ferry on a weekday. \"We are glad to have it back,\" said commuter Ines Falk.\n\nEngineers replaced the "
        "ferry's gearbox and repainted its hull, the authority said in a statement. Buses that replaced the "
        "ferry during the repair will stop running on Wednesday, and the authority said the work cost about "
        "$400,000.\n"
    )
    page.goto(server + "/")
    page.set_input_files("#files", str(upload))
    page.wait_for_function("document.getElementById('status').textContent.startsWith('done')", timeout=180_000)
    assert "1 ok" in page.inner_text("#status")
    page.wait_for_selector("table.stories >> text=Ferry service resumes after repair")
    page.locator("#result a").first.click()
    page.wait_for_selector("h3:has-text('Ferry service resumes')")


def test_an_article_full_of_script_renders_inert(server, page):
    for path in ("/", "/stories/s-hostile", "/articles/a-hostile"):
        page.goto(server + path)
        page.wait_for_load_state("load")
    page.goto(server + "/articles/a-hostile")
    body = page.inner_text("article.doc")
    assert '<script>alert("script")</script>' in body and "javascript:alert" in body
    assert page.locator("article.doc script, article.doc img, article.doc a[href^='javascript']").count() == 0
    page.goto(server + "/")
    assert "<img src=x" in page.inner_text("table.stories")
    assert page.dialogs == []


def test_the_removed_text_toggle_shows_what_cleaning_removed(server, page):
    page.goto(server + "/")
    page.get_by_role("link", name=FIRE_STORY).first.click()
    article_link = page.locator("a[href^='#a-']").first.get_attribute("href").lstrip("#")
    page.goto(f"{server}/articles/{article_link}")
    assert page.locator("#removed").is_hidden()
    page.check("#show-removed")
    assert page.locator("#removed").is_visible() and page.locator("#removed tr").count() > 1
