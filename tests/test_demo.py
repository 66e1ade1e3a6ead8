"""The bundled example corpus: every planted fact is found, nothing else is reported as a
conflict, the report keeps the contract, and the HTML shows it."""

from __future__ import annotations

import re

import pytest
from conftest import article_by_outlet

pytestmark = pytest.mark.models

FIRE_OUTLETS = {
    "Port Merrow Ledger", "Brightwater Times", "Coastline Daily", "Northgate Herald",
    "Meridian Wire", "PulseNews Now", "Harbour Radio", "Saltmere Courier",
}


def _fire_story(report):
    return next(s for s in report.stories if "Kestrel" not in s.headline and len(s.articles) > 1)


def _outlets(report, article_ids):
    return {report.article(a).outlet for a in article_ids}


def test_the_report_validates_against_the_schema(demo, schema):
    import jsonschema

    _, data, _ = demo
    jsonschema.validate(data, schema)


def test_every_input_is_accounted_for(demo):
    report, _, _ = demo
    status = {r.source.split("examples/", 1)[1]: (r.status, (r.reason or "").split(":")[0]) for r in report.inputs}
    assert status["bad-inputs/empty.txt"] == ("skipped", "empty")
    assert status["bad-inputs/scan-upload.txt"] == ("failed", "binary")
    assert status["bad-inputs/legacy-export.txt"] == ("failed", "unreadable_encoding")
    assert status["bad-inputs/section-front.html"] == ("skipped", "not_an_article")
    assert status["bad-inputs/make_bad_inputs.py"] == ("skipped", "unsupported")
    assert status["corpus/harbour-radio.jsonl#2"] == ("failed", "invalid_json")
    assert status["corpus/harbour-radio.jsonl#1"] == ("ok", "")
    assert status["corpus/saltmere-courier.rss#1"] == ("ok", "")
    assert status["corpus/saltmere-courier.rss#2"] == ("skipped", "summary_only")
    assert sum(1 for s, _ in status.values() if s == "ok") == 9 == len(report.articles)


def test_metadata_of_each_outlet(demo):
    report, _, _ = demo
    assert {a.outlet for a in report.articles} == FIRE_OUTLETS | {"Kestrel Valley Gazette"}
    coastline = article_by_outlet(report, "Coastline Daily")
    assert coastline.title == "Dockside warehouse fire forces some 1,200 from homes"
    assert coastline.authors == ["Rosa Delgado"] and coastline.published == "2026-11-13T08:12:00-05:00"
    assert article_by_outlet(report, "Meridian Wire").dateline == "Port Merrow"
    assert article_by_outlet(report, "Port Merrow Ledger").authors == ["Helen Marsh"]
    assert "Video Player is loading." not in coastline.text
    assert {"player", "caption", "ad"} <= {r.kind for r in coastline.removed}
    assert any(a.kind == "mojibake_repaired" for a in coastline.anomalies)
    assert "\u00e2\u20ac" not in coastline.text  # mojibake repaired
    courier = article_by_outlet(report, "Saltmere Courier")  # a feed entry: the feed's own metadata
    assert (courier.title, courier.authors, courier.published) == (
        "Paint warehouse fire empties Port Merrow streets overnight", ["Owen Tregarth"], "2026-11-13T10:30:00-05:00",
    )
    assert [r.kind for r in courier.removed if "appeared first on" in r.text] == ["footer"]


def test_the_unrelated_article_is_its_own_story(demo):
    report, _, _ = demo
    assert len(report.stories) == 2
    fire = _fire_story(report)
    assert _outlets(report, fire.articles) == FIRE_OUTLETS
    (other,) = [s for s in report.stories if s is not fire]
    assert _outlets(report, other.articles) == {"Kestrel Valley Gazette"}


def test_the_shared_quote_with_its_speaker_and_support(demo):
    report, _, _ = demo
    fire = _fire_story(report)
    claim = next(c for c in fire.claims if c.kind == "quote" and "wind turned" in (c.quote or ""))
    assert claim.speaker == "Dana Whitlock"
    assert claim.support.articles == 7 and claim.support.independent == 6  # PulseNews rewrites Meridian
    assert claim.status == "corroborated"
    pronoun = next(m for m in claim.mentions if report.article(m.article).outlet == "Brightwater Times")
    assert pronoun.speaker == "she"
    renner = next(c for c in fire.claims if c.kind == "quote" and "go back" in (c.quote or ""))
    assert renner.speaker == "Tobias Renner" and renner.support.independent >= 4


def _conflict_sides(report, kind):
    """The one conflict of `kind` in the fire story, and the outlets on each side."""
    fire = _fire_story(report)
    (conflict,) = [c for c in fire.conflicts if c.kind == kind]
    sides = [next(cl for cl in fire.claims if cl.id == cid) for cid in conflict.claims]
    return conflict, [_outlets(report, [m.article for m in side.mentions]) for side in sides]


def test_the_number_conflict(demo):
    report, _, _ = demo
    conflict, outlets = _conflict_sides(report, "number")
    assert {"Northgate Herald"} in outlets
    majority = next(o for o in outlets if o != {"Northgate Herald"})
    assert {"Port Merrow Ledger", "Meridian Wire", "Brightwater Times", "Harbour Radio"} <= majority
    assert "2,100" in conflict.explanation and "1,200" in conflict.explanation


def test_the_time_conflict(demo):
    report, _, _ = demo
    conflict, outlets = _conflict_sides(report, "date")
    assert {"Coastline Daily"} in outlets
    majority = next(o for o in outlets if o != {"Coastline Daily"})
    assert len(majority) >= 3 and "Coastline Daily" not in majority
    assert "Thursday" in conflict.explanation and "Friday" in conflict.explanation
    assert "time-zone" in conflict.explanation


def test_nothing_else_is_reported_as_a_conflict(demo):
    report, _, _ = demo
    assert sorted(c.kind for s in report.stories for c in s.conflicts) == ["date", "number"]


def test_the_planted_anomalies_and_only_those(demo):
    report, _, _ = demo
    found = {(a.outlet, an.kind) for a in report.articles for an in a.anomalies if an.kind != "mojibake_repaired"}
    assert found == {("Harbour Radio", "anachronism"), ("Harbour Radio", "unattributed_claim")}
    radio = article_by_outlet(report, "Harbour Radio")
    for an in radio.anomalies:
        assert radio.text[an.start : an.end] == an.text
    (anachronism,) = [an for an in radio.anomalies if an.kind == "anachronism"]
    assert "November 3, 2026" in anachronism.explanation and "still to come" in anachronism.explanation
    (vague,) = [an for an in radio.anomalies if an.kind == "unattributed_claim"]
    assert vague.text.startswith("Critics have warned")


def test_framing_and_omissions(demo):
    report, _, _ = demo
    fire = _fire_story(report)
    assert {f.article for f in fire.framing} == set(fire.articles)
    titles = {(d.entity, d.words) for f in fire.framing for d in f.descriptors}
    assert ("Dana Whitlock", "Fire Chief") in titles and ("Tobias Renner", "Mayor") in titles
    assert any(d.kind == "appositive" and d.entity == "Priya Castellanos" for f in fire.framing for d in f.descriptors)
    corroborated = {c.id for c in fire.claims if c.status == "corroborated"}
    for o in fire.omissions:
        assert set(o.missing) | set(o.states) == corroborated and not set(o.missing) & set(o.states)
        stated = {c.id for c in fire.claims if any(m.article == o.article for m in c.mentions)}
        assert set(o.states) <= stated and not set(o.missing) & stated


def test_the_rewrite_and_only_the_rewrite(demo):
    report, _, _ = demo
    (d,) = [d for s in report.stories for d in s.derivations]
    assert report.article(d.source).outlet == "Meridian Wire"
    assert report.article(d.derived).outlet == "PulseNews Now"
    assert d.kind == "rewrite" and d.overlap >= 0.5 and d.provenance


def test_corroborated_numbers(demo):
    report, _, _ = demo
    fire = _fire_story(report)
    injured = next(c for c in fire.claims if c.kind == "quantity" and c.value["number"] == 2 and "firefighter" in c.value["of"])
    assert injured.status == "corroborated" and injured.support.independent >= 3


def test_reported_speech_is_corroborated_by_speaker(demo):
    report, _, _ = demo
    fire = _fire_story(report)
    statements = [c for c in fire.claims if c.kind == "statement"]
    close_call = next(c for c in statements if "dangerously close" in c.text)
    assert close_call.speaker == "Dana Whitlock" and close_call.status == "corroborated"
    assert all(c.speaker for c in statements)


def test_the_printed_post_is_a_quote_corroborated_by_the_outlet_that_quotes_it(demo):
    report, _, _ = demo
    herald = article_by_outlet(report, "Northgate Herald")
    (post,) = herald.embeds
    assert (post.author, post.handle) == ("Tobias Renner", "@MayorRenner")
    fire = _fire_story(report)
    appeal = next(c for c in fire.claims if c.kind == "quote" and "all-clear" in (c.quote or ""))
    assert appeal.speaker == "Tobias Renner" and appeal.status == "corroborated"
    assert _outlets(report, [m.article for m in appeal.mentions]) == {"Northgate Herald", "Harbour Radio"}


def test_an_event_two_outlets_tell_is_corroborated_and_in_the_brief(demo):
    report, _, _ = demo
    fire = _fire_story(report)
    visit = next(c for c in fire.claims if c.kind == "event" and c.value["action"] == "visit")
    assert (visit.value["actor"], visit.value["target"]) == ("Tobias Renner", "the shelter")
    assert visit.status == "corroborated"
    assert _outlets(report, [m.article for m in visit.mentions]) == {"Port Merrow Ledger", "Northgate Herald"}
    told = next(b for b in fire.brief if visit.id in b.claims)
    assert told.text == "Mayor Tobias Renner visited the shelter before dawn."


def test_a_date_told_as_weeks_after_another_event_keeps_that_events_date(demo):
    report, _, _ = demo
    (library,) = [s for s in report.stories if "Kestrel" in s.headline]
    (found,) = [c for c in library.claims if c.kind == "date" and c.value.get("offset")]
    assert (found.value["date"], found.value["granularity"]) == ("2025-05-01", "month")
    assert (found.value["offset"], found.value["anchor"]) == ("weeks after", "the closure")
    assert ("weeks after 2025-05", found.text) in [(t.when, t.text) for t in library.timeline]


def test_every_mention_is_verbatim_at_its_offsets(demo):
    report, _, _ = demo
    for story in report.stories:
        for claim in story.claims:
            for m in claim.mentions:
                assert report.article(m.article).text[m.start : m.end] == m.text
        for conflict in story.conflicts:
            for e in conflict.evidence:
                assert e.text in report.article(e.article).text


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<![.:!?] )(?<!^)\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")
_TEMPLATE_WORDS = {"Outlets", "Reported", "A speaker"}


def test_no_brief_sentence_carries_a_number_or_name_its_citations_lack(demo):
    report, _, _ = demo
    for story in report.stories:
        claims = {c.id: c for c in story.claims}
        for sentence in story.brief:
            cited = [claims[c] for c in sentence.claims]
            assert cited and set(sentence.articles) <= set(story.articles)
            support = " ".join(
                [m.text for c in cited for m in c.mentions]
                + [c.speaker or "" for c in cited]
                + [report.article(a).label for a in sentence.articles]
            )
            for number in _NUMBER.findall(sentence.text):
                assert number in support, (number, sentence.text)
            for name in _NAME.findall(sentence.text):
                if name not in _TEMPLATE_WORDS:
                    assert name in support, (name, sentence.text)


def test_the_html_report_shows_every_element(demo):
    report, _, out = demo
    html = (out / "report.html").read_text()
    ids = set(re.findall(r'id="([^"]+)"', html))
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target  # every citation leads to the cited words
    assert 'class="side"' in html and "2,100" in html
    assert "What cleaning removed" in html and "Copies and rewrites" in html
    assert "Anomalies inside articles" in html and "Critics have warned" in html
    assert "Framing: how each article describes" in html and "Claims × outlets: who states what, and the corroborated claims each leaves out" in html
    for story in report.stories:
        for sentence in story.brief:
            assert sentence.text.replace('"', "&#34;").replace("'", "&#39;") in html or sentence.text in html
