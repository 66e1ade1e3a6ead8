"""RSS and Atom feeds as inputs, on feeds written for these tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsprism.clean import clean_item
from newsprism.ingest import read_file
from newsprism.models import Article, InputRecord, RawItem

FERRY_PARAGRAPHS = (
    "<p>Ferry sailings between Port Merrow harbour and the island of Skellan resumed on Thursday morning, six weeks "
    "after the route was suspended when the service's only vessel failed a safety inspection.</p>"
    "<p>The first boat left the quay at 7:10 a.m. with 46 passengers and two delivery vans on board, harbour master "
    "Aled Price said. &#8220;It was good to see the queue again,&#8221; Price said.</p>"
    "<p>Islanders had relied on a chartered water taxi for groceries and school runs during the halt.</p>"
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Port Merrow Ledger - Local news</title>
<link>https://ledger.example/</link>
<item>
<title>Ferry service to Skellan resumes after six-week halt</title>
<link>https://ledger.example/news/ferry-resumes</link>
<dc:creator>Corinne Abara</dc:creator>
<pubDate>Fri, 13 Nov 2026 09:15:00 -0500</pubDate>
<description>Ferry sailings between Port Merrow and Skellan resumed on Thursday.</description>
<content:encoded><![CDATA[{FERRY_PARAGRAPHS}<p>The post <a href="https://ledger.example/news/ferry-resumes">Ferry service to
Skellan resumes after six-week halt</a> appeared first on <a href="https://ledger.example">Port Merrow Ledger</a>.</p>]]>
</content:encoded>
</item>
<item>
<title>Council to debate harbour fees</title>
<link>https://ledger.example/news/harbour-fees</link>
<pubDate>Fri, 13 Nov 2026 11:00:00 -0500</pubDate>
<description>The council will debate new harbour fees on Monday.</description>
</item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Meridian Wire</title>
<entry>
<title>Skellan ferry back in service</title>
<link href="https://meridian.example/skellan-ferry"/>
<id>tag:meridian.example,2026:skellan-ferry</id>
<published>2026-11-13T07:05:00-05:00</published>
<updated>2026-11-13T08:00:00-05:00</updated>
<author><name>Tomas Lind</name></author>
<content type="html"><![CDATA[{FERRY_PARAGRAPHS}]]></content>
</entry>
</feed>
"""


def _read(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_file(path)


def test_an_rss_entry_with_its_content_is_an_article_with_the_feeds_metadata(tmp_path):
    full, summary = _read(tmp_path, "ledger.rss", RSS)
    assert isinstance(full, RawItem) and full.source.endswith("ledger.rss#1")
    assert (full.title, full.outlet, full.authors) == (
        "Ferry service to Skellan resumes after six-week halt", "Port Merrow Ledger", ["Corinne Abara"],
    )
    assert (full.url, full.published) == ("https://ledger.example/news/ferry-resumes", "2026-11-13T09:15:00-05:00")
    article = clean_item(full)
    assert isinstance(article, Article)
    assert article.text.startswith("Ferry sailings between Port Merrow harbour")
    assert "“It was good to see the queue again,” Price said." in article.text
    # WordPress's syndication line is page furniture: out of the text, listed as removed
    assert "appeared first on" not in article.text
    assert [r.kind for r in article.removed if "appeared first on" in r.text] == ["footer"]


def test_an_entry_that_gives_only_a_summary_is_skipped_with_the_page_to_fetch(tmp_path):
    _, summary = _read(tmp_path, "ledger.rss", RSS)
    assert isinstance(summary, InputRecord) and summary.source.endswith("ledger.rss#2")
    assert summary.status == "skipped"
    assert summary.reason == (
        "summary_only: the feed gives only a 9-word summary of this entry; "
        "the article is at https://ledger.example/news/harbour-fees"
    )


def test_an_atom_feed_is_found_by_its_content_whatever_its_extension(tmp_path):
    (entry,) = _read(tmp_path, "meridian-feed.xml", ATOM)
    assert isinstance(entry, RawItem)
    assert (entry.title, entry.outlet, entry.authors) == ("Skellan ferry back in service", "Meridian Wire", ["Tomas Lind"])
    assert (entry.url, entry.published) == ("https://meridian.example/skellan-ferry", "2026-11-13T07:05:00-05:00")


def test_a_feed_without_entries_is_skipped_and_a_broken_one_fails(tmp_path):
    (empty,) = _read(tmp_path, "empty.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>')
    assert (empty.status, empty.reason) == ("skipped", "empty: the feed has no entries")
    (broken,) = _read(tmp_path, "broken.rss", "<rss>\x0c not a feed <<<")
    assert broken.status == "failed" and broken.reason.startswith("invalid_feed: the feed cannot be read")


def test_a_truncated_feed_keeps_the_entries_before_the_damage(tmp_path):
    cut = RSS.index("<title>Council")
    full, half = _read(tmp_path, "cut.rss", RSS[:cut] + "<title>Council to")
    assert isinstance(full, RawItem) and full.title.startswith("Ferry service")
    assert (half.status, half.reason) == ("skipped", "summary_only: the feed gives no text for this entry")


def test_an_html_page_that_mentions_a_feed_is_still_a_page(tmp_path):
    page = '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body><p>Hi</p></body></html>'
    (item,) = _read(tmp_path, "page.xml", page)
    assert isinstance(item, RawItem) and item.format == "html"


@given(st.binary(max_size=600))
def test_any_bytes_named_rss_end_as_items_or_records_never_an_exception(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("f") / "junk.rss"
    path.write_bytes(b"<rss>" + data)
    for outcome in read_file(path):
        assert isinstance(outcome, (RawItem, InputRecord))
