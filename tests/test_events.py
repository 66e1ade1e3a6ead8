"""Event claims: who did what to whom, read from the parse (newsprism/events.py), and
their alignment across articles (crosscheck._align_events)."""

from __future__ import annotations

import pytest

from newsprism.claims import extract_article
from newsprism.crosscheck import crosscheck_story
from newsprism.dates import parse_iso
from newsprism.events import event_key
from newsprism.models import Article, Event, Extraction, Span, Story

pytestmark = pytest.mark.models


def _article(text: str, aid: str = "a1", outlet: str = "Harbour Ledger") -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, format="text", published="2026-05-04T09:00:00", outlet=outlet)


def _events(nlp, text):
    article = _article(text)
    found = extract_article(article, nlp(text), parse_iso(article.published)).extractions
    return [(e.event.actor, e.event.action, e.event.target, e.event.negated) for e in found if e.kind == "event" and e.event]


def test_who_did_what_to_whom(nlp):
    text = "Senate passes harbour bill\n\nSenator Jane Okafor introduced the CLEAR Act in April."
    assert _events(nlp, text) == [("Jane Okafor", "introduce", "the CLEAR Act", False)]


def test_the_doer_is_the_person_the_article_names(nlp):
    text = (
        "Harbour bill advances\n\n"
        "Senator Jane Okafor spoke at the port on Monday. The senator criticized the governor's budget. "
        "She visited the harbour and met fishermen."
    )
    assert _events(nlp, text) == [
        ("Jane Okafor", "criticize", "the governor's budget", False),
        ("Jane Okafor", "visit", "the harbour", False),
        ("Jane Okafor", "meet", "fishermen", False),
    ]


def test_a_denial_is_a_negated_event(nlp):
    text = "Okafor stays\n\nSenator Jane Okafor spoke on Monday. Okafor did not resign."
    assert ("Jane Okafor", "resign", None, True) in _events(nlp, text)


def test_a_verb_of_saying_with_an_object_is_an_event_and_a_report_is_not(nlp):
    text = (
        "Treaty row\n\n"
        'The minister called the treaty "outdated" on Tuesday. '
        "Minister Ruth Alvarez said the talks would resume in June."
    )
    # the article gives the title to one person, who is the doer
    assert _events(nlp, text) == [("Ruth Alvarez", "call", "the treaty", False)]


def test_plans_questions_states_and_quotes_are_no_events(nlp):
    text = (
        "Council weighs plan\n\n"
        "Mayor Tobias Renner will visit the shelter on Friday. Will the council approve the plan? "
        "Renner is the mayor of Port Merrow. "
        '"We closed the road overnight," Renner said. Renner closed the harbour road on Thursday.'
    )
    assert _events(nlp, text) == [("Tobias Renner", "close", "the harbour road", False)]


def test_the_doer_of_a_passive_is_its_agent_and_without_one_there_is_no_event(nlp):
    text = (
        "Harbour master replaced\n\n"
        "Harbour master Lena Ostrova was dismissed by the Port Authority on Monday. Two men were arrested."
    )
    assert _events(nlp, text) == [("Port Authority", "dismiss", "Harbour master Lena Ostrova", False)]


def test_institutions_and_dates_are_read_apart(nlp):
    text = (
        "Library reopens\n\nPolice arrested two men on Friday. The Kestrel Valley Public Library reopened on Monday morning.\n\n"
        "Prosecutors charged Tom Reyes with fraud on Monday."
    )
    assert _events(nlp, text) == [
        ("police", "arrest", "two men", False),
        ("Kestrel Valley Public Library", "reopen", None, False),
        ("prosecutor", "charge", "Tom Reyes", False),
    ]


def test_one_event_told_by_two_outlets_is_one_claim_and_a_denial_by_a_third_is_a_conflict(nlp, bow_embedder):
    texts = {
        "a1": "Senator resigns\n\nSenator Jane Okafor resigned on Friday. Okafor visited the harbour on Thursday.",
        "a2": "Okafor quits\n\nJane Okafor resigned late Friday, aides said. Okafor toured the shipyard.",
        "a3": "No resignation\n\nSenator Jane Okafor spoke on Friday. Okafor did not resign, her office said.",
    }
    articles = [_article(text, aid, outlet) for (aid, text), outlet in zip(texts.items(), ["Ledger", "Wire", "Daily"], strict=True)]
    claims = [extract_article(a, nlp(a.text), parse_iso(a.published)) for a in articles]
    story = crosscheck_story(Story(id="s1", headline="", articles=[a.id for a in articles]), articles, claims, bow_embedder)
    events = {(c.value["action"], c.value["negated"]): c for c in story.claims if c.kind == "event"}
    resigned = events[("resign", False)]
    assert resigned.support.independent == 2
    assert resigned.value["actor"] == "Jane Okafor"
    assert sorted(m.article for m in resigned.mentions) == ["a1", "a2"]
    denied = events[("resign", True)]
    assert [m.article for m in denied.mentions] == ["a3"]
    assert events[("visit", False)].status == "single_source"
    # the denial is a conflict between the two event claims, and no other claims are made of it
    (conflict,) = story.conflicts
    assert (conflict.kind, conflict.claims) == ("negation", [resigned.id, denied.id])
    assert resigned.status == denied.status == "conflicting" and conflict.articles == ["a1", "a2", "a3"]
    assert all(c.kind != "event" or c.value.get("action") for c in story.claims)


def test_two_organisations_that_share_a_last_word_are_two_doers():
    def said(actor: str) -> Extraction:
        return Extraction(article="a1", kind="event", mention=Span(0, 1, "x"), sentence=Span(0, 1, "x"),
                          event=Event(actor=actor, actor_as_written=actor, action="close", target="the road"))

    assert event_key(said("Port Authority")) != event_key(said("Transit Authority"))
    assert event_key(said("Police")) == event_key(said("police"))
