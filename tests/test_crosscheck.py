"""Cross-checking hand-made extractions: no model is loaded (a bag-of-words embedder)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import BagOfWordsEmbedder

from newsprism.brief import write_brief
from newsprism.crosscheck import crosscheck_story, independence
from newsprism.models import Article, ArticleClaims, DateValue, Derivation, Extraction, Quantity, Span, Story


def _article(aid, outlet, text, published="2026-11-13T09:00:00"):
    return Article(id=aid, source=f"{aid}.txt", text=text, format="text", outlet=outlet, published=published)


def _span(text, words):
    start = text.index(words)
    return Span(start, start + len(words), words)


def _quantity(art, sentence, printed, number, of, approximate=False):
    return Extraction(
        article=art.id, kind="quantity", mention=_span(art.text, sentence), sentence=_span(art.text, sentence),
        quantity=Quantity(number=number, unit=None, of=of, approximate=approximate, counted=of.split(" ")[0]),
        context=of.split(" ", 1)[1],
        focus=_span(art.text, printed),
    )


def _date(art, sentence, printed, day, event, part=None):
    return Extraction(
        article=art.id, kind="date", mention=_span(art.text, sentence), sentence=_span(art.text, sentence),
        date=DateValue(date=day, granularity="part_of_day" if part else "day", part_of_day=part, event=event),
        context=event, focus=_span(art.text, printed),
    )


def _quote(art, words, speaker, written):
    return Extraction(
        article=art.id, kind="quote", mention=_span(art.text, words), sentence=_span(art.text, words),
        quote=words, speaker=speaker, speaker_as_written=written,
    )


def _claims(art, *extractions):
    return ArticleClaims(article=art.id, sentences=[], entities=[], extractions=list(extractions))


def _run(pairs, embedder=None):
    arts = [a for a, _ in pairs]
    story = Story(id="s1", headline="h", articles=[a.id for a in arts])
    return crosscheck_story(story, arts, [c for _, c in pairs], embedder or BagOfWordsEmbedder()), {a.id: a for a in arts}


def test_agreeing_numbers_are_one_corroborated_claim_and_a_disagreeing_one_conflicts():
    s1 = "About 1,200 residents were evacuated overnight."
    s2 = "Some 1,200 residents were evacuated from nearby streets."
    s3 = "About 2,100 residents were evacuated, officials said."
    a, b, c = _article("a", "Ledger", s1), _article("b", "Times", s2), _article("c", "Herald", s3)
    story, _ = _run([
        (a, _claims(a, _quantity(a, s1, "About 1,200", 1200, "resident evacuate", True))),
        (b, _claims(b, _quantity(b, s2, "Some 1,200", 1200, "resident evacuate", True))),
        (c, _claims(c, _quantity(c, s3, "About 2,100", 2100, "resident evacuate", True))),
    ])
    by_articles = {tuple(sorted(m.article for m in cl.mentions)): cl for cl in story.claims}
    assert by_articles[("a", "b")].support.articles == 2 and by_articles[("a", "b")].support.independent == 2
    assert by_articles[("a", "b")].status == "conflicting" and by_articles[("c",)].status == "conflicting"
    (conflict,) = story.conflicts
    assert conflict.kind == "number" and conflict.articles == ["a", "b", "c"]
    assert "1,200" in conflict.explanation and "2,100" in conflict.explanation
    assert "Ledger and Times report “About 1,200” / “Some 1,200”" in conflict.explanation
    assert "Herald reports “About 2,100”" in conflict.explanation  # the verb agrees with one outlet
    assert {e.text for e in conflict.evidence} == {s1, s2, s3}


def test_a_number_with_no_counted_noun_never_conflicts():
    s1, s2 = "The rate was 39 percent last year.", "The rate was 5 percent last year."
    a, b = _article("a", "Ledger", s1), _article("b", "Times", s2)
    story, _ = _run([
        (a, _claims(a, Extraction(article="a", kind="quantity", mention=_span(s1, s1), sentence=_span(s1, s1),
                                  quantity=Quantity(number=39, unit="%", of="be", counted=""), context="be"))),
        (b, _claims(b, Extraction(article="b", kind="quantity", mention=_span(s2, s2), sentence=_span(s2, s2),
                                  quantity=Quantity(number=5, unit="%", of="be", counted=""), context="be"))),
    ])
    assert story.conflicts == []


def test_numbers_of_different_things_do_not_conflict():
    s1 = "Two firefighters were treated for minor injuries."
    s2 = "Some 60 firefighters fought the blaze through the night."
    a, b = _article("a", "Ledger", s1), _article("b", "Times", s2)
    story, _ = _run([
        (a, _claims(a, _quantity(a, s1, "Two", 2, "firefighter treat"))),
        (b, _claims(b, _quantity(b, s2, "Some 60", 60, "firefighter fight", True))),
    ])
    assert story.conflicts == []
    assert {c.status for c in story.claims} == {"single_source"}


@pytest.mark.models
def test_an_event_dated_a_day_apart_near_midnight_conflicts_with_a_time_zone_note(embedder):
    # the real embedder: "fire" and "blaze" are the same subject only to a model of meaning
    s1 = "A fire broke out late Thursday at the warehouse."
    s2 = "The fire that broke out late Thursday burned all night."
    s3 = "The blaze, which broke out on Friday, gutted the warehouse."
    a, b, c = _article("a", "Ledger", s1), _article("b", "Wire", s2), _article("c", "Coastline", s3)
    story, _ = _run([
        (a, _claims(a, _date(a, s1, "late Thursday", "2026-11-12", "fire break out", "late"))),
        (b, _claims(b, _date(b, s2, "late Thursday", "2026-11-12", "fire break out", "late"))),
        (c, _claims(c, _date(c, s3, "Friday", "2026-11-13", "blaze break out"))),
    ], embedder)
    (conflict,) = story.conflicts
    assert conflict.kind == "date" and "time-zone" in conflict.explanation
    assert "Coastline" in conflict.explanation and "late Thursday" in conflict.explanation
    assert [t.when for t in story.timeline] == ["2026-11-12", "2026-11-13"]


def test_different_events_on_different_days_do_not_conflict():
    s1 = "A fire broke out late Thursday at the warehouse."
    s2 = "Schools were closed on Friday."
    a, b = _article("a", "Ledger", s1), _article("b", "Times", s2)
    story, _ = _run([
        (a, _claims(a, _date(a, s1, "late Thursday", "2026-11-12", "fire break out", "late"))),
        (b, _claims(b, _date(b, s2, "Friday", "2026-11-13", "school close"))),
    ])
    assert story.conflicts == []


def test_quotes_merge_across_articles_and_a_rewrite_is_not_a_second_source():
    q = "We were lucky the wind turned when it did"
    texts = {k: f'"{q}," Whitlock said.' for k in "abc"}
    arts = [_article(k, k.upper(), texts[k]) for k in "abc"]
    story, _ = _run([(art, _claims(art, _quote(art, q, "Dana Whitlock", "Whitlock"))) for art in arts])
    (claim,) = story.claims
    assert claim.kind == "quote" and claim.speaker == "Dana Whitlock" and claim.support.articles == 3
    roots = independence(["a", "b", "c"], [Derivation(source="a", derived="c", kind="rewrite", overlap=0.9)])
    assert len({roots[x] for x in "abc"}) == 2


def test_two_articles_of_one_outlet_are_one_source():
    q = "We were lucky the wind turned when it did"
    arts = [_article("a", "Ledger", f'"{q}," Whitlock said.'), _article("b", "ledger ", f'"{q}," Chief Whitlock said.')]
    story, _ = _run([(art, _claims(art, _quote(art, q, "Dana Whitlock", "Whitlock"))) for art in arts])
    (claim,) = story.claims
    assert (claim.support.articles, claim.support.independent, claim.status) == (2, 1, "single_source")
    roots = independence(["a", "b", "c"], [], {"a": "Ledger", "b": "Times", "c": "Ledger"})
    assert roots["a"] == roots["c"] != roots["b"]


def test_brief_cites_corroborated_claims_and_states_conflicts():
    q = "No one should go back until we say it is safe"
    s1, s3 = "About 1,200 residents were evacuated.", "About 2,100 residents were evacuated."
    a = _article("a", "Ledger", f'"{q}," Renner said. {s1}')
    b = _article("b", "Times", f'"{q}," Renner said.')
    c = _article("c", "Herald", s3)
    story, by_id = _run([
        (a, _claims(a, _quote(a, q, "Tobias Renner", "Renner"), _quantity(a, s1, "About 1,200", 1200, "resident evacuate", True))),
        (b, _claims(b, _quote(b, q, "Tobias Renner", "Renner"))),
        (c, _claims(c, _quantity(c, s3, "About 2,100", 2100, "resident evacuate", True))),
    ])
    story = write_brief(story, by_id)
    texts = [s.text for s in story.brief]
    assert texts[0] == f"Tobias Renner said: \u201c{q}.\u201d"
    assert story.brief[0].articles == ["a", "b"]
    assert texts[1] == "Outlets disagree on a number: Ledger says \u201cAbout 1,200\u201d; Herald says \u201cAbout 2,100\u201d."


@pytest.mark.parametrize(("verb_a", "verb_b", "conflicts"), [
    ("started", "broke out", 1),  # two words for when a fire began: one event, two days
    ("started", "ended", 0),  # a fire that started Thursday and ended Friday: no disagreement
])
def test_verbs_of_an_incident_beginning_date_one_event(verb_a, verb_b, conflicts):
    s1 = f"The warehouse fire {verb_a} late Thursday."
    s2 = f"The warehouse fire {verb_b} on Friday."
    lemma = {"started": "start", "broke out": "break out", "ended": "end"}
    a, b = _article("a", "Ledger", s1), _article("b", "Coastline", s2)
    story, _ = _run([
        (a, _claims(a, _date(a, s1, "late Thursday", "2026-11-12", f"fire {lemma[verb_a]}", "late"))),
        (b, _claims(b, _date(b, s2, "Friday", "2026-11-13", f"fire {lemma[verb_b]}"))),
    ])
    assert [c.kind for c in story.conflicts] == ["date"] * conflicts


def test_a_date_given_only_as_weeks_after_another_event_neither_conflicts_nor_corroborates():
    # 'weeks after her election' carries the election's month, not the day she filed
    s1 = "Okafor filed the bill weeks after her election."
    s2 = "Okafor filed the bill in March."
    a, b = _article("a", "Ledger", s1), _article("b", "Times", s2)
    vague = replace(
        _date(a, s1, "weeks after her election", "2024-03-01", "okafor file"),
        date=DateValue(date="2024-03-01", granularity="month", event="okafor file", anchor="her election", offset="weeks after"),
    )
    told = replace(
        _date(b, s2, "March", "2024-04-01", "okafor file"),
        date=DateValue(date="2024-04-01", granularity="month", event="okafor file"),
    )
    story, _ = _run([(a, _claims(a, vague)), (b, _claims(b, told))])
    assert story.conflicts == []
    dated = sorted((c.value["date"], c.value.get("offset"), c.value.get("anchor")) for c in story.claims if c.kind == "date")
    assert dated == [("2024-03-01", "weeks after", "her election"), ("2024-04-01", None, None)]
    assert [t.when for t in story.timeline] == ["weeks after 2024-03", "2024-04"]


def _statement(art, sentence, speaker):
    return Extraction(
        article=art.id, kind="statement", mention=_span(art.text, sentence), sentence=_span(art.text, sentence),
        speaker=speaker, speaker_as_written=speaker,
    )


def test_reported_speech_is_one_claim_when_one_outlet_names_the_speaker_in_full_and_another_by_surname():
    s1 = "Fire Chief Dana Whitlock said the flames came close to the homes on Tanner Row."
    s2 = "Whitlock said the flames came close to the homes on Tanner Row before the wind turned."
    s3 = "Mayor Tobias Renner said the flames came close to the homes on Tanner Row."
    a, b, c = _article("a", "Ledger", s1), _article("b", "Times", s2), _article("c", "Herald", s3)
    story, _ = _run([
        (a, _claims(a, _statement(a, s1, "Dana Whitlock"))),
        (b, _claims(b, _statement(b, s2, "Whitlock"))),
        (c, _claims(c, _statement(c, s3, "Tobias Renner"))),
    ])
    statements = sorted((sorted(m.article for m in cl.mentions), cl.status) for cl in story.claims if cl.kind == "statement")
    assert statements == [(["a", "b"], "corroborated"), (["c"], "single_source")]
