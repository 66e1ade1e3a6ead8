from __future__ import annotations

import json

import pytest

from newsprism.clean import clean_item
from newsprism.htmldates import normalise_timestamp, publication_date
from newsprism.models import Article, RawItem

BODY = [
    "Volunteers repainted the lifeboat station on Saturday, finishing a job the crew had put off for three winters.",
    "The station's coxswain, Ruth Penhale, said the new colours would make the building easier to spot from the water.",
    "A local paint shop donated forty litres of marine paint and lent ladders for the weekend, the crew said.",
    "The station will hold an open day next month so that residents can see the work and the new lifeboat.",
]


@pytest.mark.parametrize(
    ("spelled", "iso"),
    [
        ("2022-05-04T03:00:00 UTC", "2022-05-04T03:00:00+00:00"),
        ("2023-10-12T19:38:01.0870000Z", "2023-10-12T19:38:01.087000+00:00"),
        ("2022-12-12 12:22", "2022-12-12T12:22:00"),
        ("2022-05-04-0305:49:00-10800", "2022-05-04"),  # a garbled time keeps its day
        ("2024-03-01", "2024-03-01"),
        ("June 3, 2025", "2025-06-03"),
        ("Page updated:", None),
    ],
)
def test_timestamps_are_read_as_the_markup_spells_them(spelled, iso):
    assert normalise_timestamp(spelled) == iso


def test_the_declared_timestamp_that_agrees_with_the_printed_day_wins():
    # a template's stale JSON-LD beside the OpenGraph time of the article
    assert publication_date(["2023-11-03T10:25:56+00:00", "2023-11-06T14:25:00+00:00"], [], "2023-11-06") == (
        "2023-11-06T14:25:00+00:00"
    )


def test_a_utc_timestamp_a_day_from_the_printed_day_yields_to_it():
    assert publication_date(["2018-12-31T23:11:59+00:00"], [], "2019-01-01") == "2019-01-01"
    # with its time, when a <time> element of that day gives it
    times = ["2019-01-01T00:11:59+01:00", "2019-01-03T09:00:00+01:00"]
    assert publication_date(["2018-12-31T23:11:59+00:00"], times, "2019-01-01") == "2019-01-01T00:11:59+01:00"


def test_a_timestamp_in_the_outlets_own_zone_is_not_moved():
    assert publication_date(["2022-01-25T08:00:00+01:00"], [], "2022-01-24") == "2022-01-25T08:00:00+01:00"
    assert publication_date(["2022-01-25T23:50:00+00:00"], [], "2022-01-20") == "2022-01-25T23:50:00+00:00"


def test_the_first_time_element_counts_only_when_nothing_is_declared():
    assert publication_date([], ["2022-12-12T12:22:00", "2009-04-11T18:06:36"], "2022-06-28") == "2022-12-12T12:22:00"
    assert publication_date(["2021-03-02"], ["2022-12-12T12:22:00"], None) == "2021-03-02"
    assert publication_date([], [], "2022-06-28") == "2022-06-28"


def _page(head: str) -> str:
    return f"<html><head>{head}</head><body><article><h1>Lifeboat station gets a fresh coat</h1>" + "".join(
        f"<p>{p}</p>" for p in BODY
    ) + "</article></body></html>"


def test_a_wordpress_post_published_after_midnight_keeps_its_own_day():
    # the permalink prints the day; the OpenGraph time is the same instant in UTC
    head = (
        '<link rel="canonical" href="https://saltmerenotes.example.org/2019/01/01/lifeboat-station-fresh-coat/">'
        '<meta property="og:type" content="article"><meta property="article:published_time" content="2018-12-31T23:11:59+00:00">'
    )
    art = clean_item(RawItem(source="p.html", format="html", content=_page(head)))
    assert isinstance(art, Article) and art.published == "2019-01-01"


def test_a_stale_json_ld_date_loses_to_the_opengraph_date_the_page_agrees_with():
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2021-12-06 14:36"})
    head = (
        f'<script type="application/ld+json">{ld}</script>'
        '<meta property="article:published_time" content="2022-12-15T09:13:00+01:00">'
    )
    art = clean_item(RawItem(source="p.html", format="html", content=_page(head)))
    assert isinstance(art, Article) and art.published == "2022-12-15T09:13:00+01:00"


def test_every_opengraph_article_author_tag_is_an_author():
    head = (
        '<meta property="article:author" content="Mark Oduya"><meta property="article:author" content="Ruth Penhale">'
    )
    art = clean_item(RawItem(source="p.html", format="html", content=_page(head)))
    assert art.authors == ["Mark Oduya", "Ruth Penhale"]


def test_a_person_in_the_byline_beats_the_site_named_as_author_in_json_ld():
    ld = json.dumps({"@context": "https://schema.org", "@type": "BlogPosting",
                     "author": {"@type": "Organization", "name": "Saltmere Lifeboat Trust"}})
    head = f'<script type="application/ld+json">{ld}</script><meta name="author" content="Ruth Penhale">'
    assert clean_item(RawItem(source="p.html", format="html", content=_page(head))).authors == ["Ruth Penhale"]
    # with no other reading, the organisation stays the author
    head = f'<script type="application/ld+json">{ld}</script>'
    assert clean_item(RawItem(source="p.html", format="html", content=_page(head))).authors == ["Saltmere Lifeboat Trust"]


def test_a_json_ld_that_names_the_first_author_only_yields_to_the_full_list():
    ld = json.dumps({"@context": "https://schema.org", "@type": "Article", "author": {"@type": "Person", "name": "Mark Oduya"}})
    head = f'<script type="application/ld+json">{ld}</script><meta name="author" content="Mark Oduya, Ruth Penhale">'
    assert clean_item(RawItem(source="p.html", format="html", content=_page(head))).authors == ["Mark Oduya", "Ruth Penhale"]
