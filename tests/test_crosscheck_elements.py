"""The report elements beyond number/date conflicts, on invented text, with the
bag-of-words embedder (no model): measure, attribution, role and negation conflicts,
anomalies, framing, omissions, the entailment judge, and a brief that carries only
what its citations contain."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from conftest import BagOfWordsEmbedder
from hypothesis import given
from hypothesis import strategies as st
from test_crosscheck import _article, _claims, _quantity, _quote, _run

from newsprism.anomalies import find_anomalies
from newsprism.brief import write_brief
from newsprism.entailment import StructuredEntailment, negation_differs
from newsprism.framing import frame_story
from newsprism.models import ArticleClaims, Entity, Span

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from fnc import f1_by_class, fnc_score  # noqa: E402

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<![.:!?] )(?<!^)\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")


def assert_brief_is_grounded(story, by_id):
    """Every number and name of every brief sentence is in its cited mentions, speakers
    or outlets (the rule tests/test_demo.py checks on the example corpus)."""
    claims = {c.id: c for c in story.claims}
    for sentence in story.brief:
        cited = [claims[c] for c in sentence.claims]
        assert cited
        support = " ".join(
            [m.text for c in cited for m in c.mentions] + [c.speaker or "" for c in cited]
            + [by_id[a].label for a in sentence.articles]
        )
        for number in _NUMBER.findall(sentence.text):
            assert number in support, (number, sentence.text)
        for name in _NAME.findall(sentence.text):
            assert name in support or name == "Outlets", (name, sentence.text)


def _sentences(art):
    spans, pos = [], 0
    for part in re.split(r"(?<=[.!?])\s+", art.text):
        at = art.text.index(part, pos)
        spans.append(Span(at, at + len(part), part))
        pos = at + len(part)
    return spans


def _with_sentences(art, *extractions, entities=()):
    return ArticleClaims(article=art.id, sentences=_sentences(art), entities=list(entities), extractions=list(extractions))


def test_the_same_number_attached_to_different_things_is_a_measure_conflict():
    s1 = "Defence took 38 percent of total spending in the plan."
    s2 = "Defence took 38 percent of the budget in the plan."
    a, b = _article("a", "Ledger", s1), _article("b", "Times", s2)
    qa, qb = _quantity(a, s1, "38 percent", 38, "spending take"), _quantity(b, s2, "38 percent", 38, "budget take")
    qa.quantity.unit = qb.quantity.unit = "%"
    story, by_id = _run([(a, _claims(a, qa)), (b, _claims(b, qb))])
    (conflict,) = story.conflicts
    assert conflict.kind == "measure" and "different things" in conflict.explanation
    assert "spending" in conflict.explanation and "budget" in conflict.explanation
    assert_brief_is_grounded(write_brief(story, by_id), by_id)


def test_a_measure_given_in_another_unit_is_a_measure_conflict():
    s1 = "Aid to farmers reached 2 percent of output last year."
    s2 = "Aid to farmers reached $40 billion of output last year."
    a, b = _article("a", "Ledger", s1), _article("b", "Times", s2)
    qa, qb = _quantity(a, s1, "2 percent", 2, "output reach"), _quantity(b, s2, "$40 billion", 40e9, "output reach")
    qa.quantity.unit, qb.quantity.unit = "%", "USD"
    story, _ = _run([(a, _claims(a, qa)), (b, _claims(b, qb))])
    (conflict,) = story.conflicts
    assert conflict.kind == "measure" and "different units" in conflict.explanation


def test_same_quote_given_to_different_people_is_an_attribution_conflict():
    q = "We will rebuild the pier before the summer"
    arts = [_article(k, o, f'"{q}," {who} said.') for k, o, who in
            (("a", "Ledger", "Mayor Ann Lusk"), ("b", "Times", "Lusk"), ("c", "Herald", "Tom Varga"))]
    story, by_id = _run([
        (arts[0], _claims(arts[0], _quote(arts[0], q, "Ann Lusk", "Mayor Ann Lusk"))),
        (arts[1], _claims(arts[1], _quote(arts[1], q, "Ann Lusk", "Lusk"))),
        (arts[2], _claims(arts[2], _quote(arts[2], q, "Tom Varga", "Tom Varga"))),
    ])
    (conflict,) = story.conflicts
    assert conflict.kind == "attribution" and "Ann Lusk" in conflict.explanation and "Tom Varga" in conflict.explanation
    sides = sorted((c.speaker, c.support.articles) for c in story.claims)
    assert sides == [("Ann Lusk", 2), ("Tom Varga", 1)]
    story = write_brief(story, by_id)
    (sentence,) = [s for s in story.brief if s.text.startswith("Outlets disagree")]
    assert "Herald gives the words to Tom Varga" in sentence.text and "two others (Ledger and Times)" in sentence.text
    assert_brief_is_grounded(story, by_id)


def test_a_quote_whose_mentions_agree_on_the_speaker_is_one_claim():
    q = "We will rebuild the pier before the summer"
    arts = [_article(k, k.upper(), f'"{q}," Lusk said.') for k in "ab"]
    story, _ = _run([(art, _claims(art, _quote(art, q, "Ann Lusk", "Lusk"))) for art in arts])
    assert len(story.claims) == 1 and story.conflicts == []


def _person(text, name):
    start = text.index(name)
    return Entity(start, start + len(name), name, label="PERSON")


def test_former_against_current_title_is_a_role_conflict_and_an_anomaly():
    t1 = "Former Mayor Ann Lusk opened the new pier on Saturday."
    t2 = "Mayor Ann Lusk opened the new pier on Saturday morning."
    t3 = "The pier was opened by Mayor Ann Lusk on Saturday."
    arts = [_article("a", "Ledger", t1), _article("b", "Times", t2), _article("c", "Herald", t3)]
    pairs = [(art, _with_sentences(art, entities=[_person(art.text, "Ann Lusk")])) for art in arts]
    story, by_id = _run(pairs)
    (conflict,) = [c for c in story.conflicts if c.kind == "role"]
    assert "Former Mayor Ann Lusk" in conflict.explanation and "Ledger" in conflict.explanation
    for e in conflict.evidence:
        assert by_id[e.article].text[e.start : e.end] == e.text
    (anomaly,) = by_id["a"].anomalies
    assert anomaly.kind == "anachronism" and "Former Mayor" in anomaly.explanation
    assert not by_id["b"].anomalies
    assert_brief_is_grounded(write_brief(story, by_id), by_id)


def test_one_article_negating_what_another_states_is_a_negation_conflict():
    t1 = "The council approved the harbour budget on Monday evening."
    t2 = "The council has not approved the harbour budget on Monday evening."
    a, b = _article("a", "Ledger", t1), _article("b", "Times", t2)
    story, by_id = _run([(a, _with_sentences(a)), (b, _with_sentences(b))])
    (conflict,) = story.conflicts
    assert conflict.kind == "negation" and t1 in conflict.explanation and t2 in conflict.explanation
    assert {c.status for c in story.claims} == {"conflicting"}
    assert_brief_is_grounded(write_brief(story, by_id), by_id)


def test_a_negation_in_another_clause_or_on_both_sides_is_no_conflict():
    t1 = "Two firefighters were treated for minor injuries at the scene."
    t2 = "No one else was hurt, although two firefighters were treated for minor injuries at the scene."
    t3 = "The plan has been under discussion for more than a year and has not yet been put to a vote."
    t4 = "The plan has been under discussion for more than a year but has yet to be put to a vote."
    arts = [_article(k, k.upper(), t) for k, t in zip("abcd", (t1, t2, t3, t4), strict=True)]
    story, _ = _run([(art, _with_sentences(art)) for art in arts])
    assert story.conflicts == []
    assert not negation_differs(t1, t2) and not negation_differs(t3, t4)


def test_anachronisms_in_time():
    text = (
        "The mayor, who faces voters in the election on November 3, 2026, spoke on Friday. "
        "The festival, which took place on March 3, 2027, drew crowds. "
        "The bridge will reopen on January 5, 2027."
    )
    art = _article("a", "Ledger", text, published="2026-11-13T09:00:00")
    found = find_anomalies(art, None)
    assert [a.kind for a in found] == ["anachronism", "anachronism"]
    assert "still to come" in found[0].explanation and "as past" in found[1].explanation
    for a in found:
        assert art.text[a.start : a.end] == a.text


def test_unattributed_claims_and_named_sources():
    text = (
        "Critics have warned that the pier is unsafe. Some say the plan came too late. "
        "Critics, including councillor Ray Okafor, said the pier was unsafe. "
        "It is widely believed that the vote was rigged. Residents said they were tired."
    )
    found = find_anomalies(_article("a", "Ledger", text), None)
    assert [a.text for a in found] == [
        "Critics have warned that the pier is unsafe.", "Some say the plan came too late.",
        "It is widely believed that the vote was rigged.",
    ]
    assert {a.kind for a in found} == {"unattributed_claim"}


def test_framing_descriptors_side_by_side_and_loaded_terms():
    t1 = "Embattled Mayor Ann Lusk defended the so-called harbour levy. Lusk, a former teacher, spoke for an hour."
    t2 = "Mayor Ann Lusk explained the harbour levy in a calm speech on Monday."
    a, b = _article("a", "Ledger", t1), _article("b", "Times", t2)
    framing = frame_story([a, b], [
        _with_sentences(a, entities=[_person(t1, "Ann Lusk")]), _with_sentences(b, entities=[_person(t2, "Ann Lusk")]),
    ])
    by_article = {f.article: f for f in framing}
    words = {(d.entity, d.kind, d.words) for d in by_article["a"].descriptors}
    assert ("Ann Lusk", "title", "Embattled Mayor") in words
    assert ("Ann Lusk", "appositive", "a former teacher") in words
    assert any(d.kind == "so_called" and d.words == "so-called harbour levy" for d in by_article["a"].descriptors)
    embattled = next(d for d in by_article["a"].descriptors if d.words == "Embattled Mayor")
    assert embattled.loaded == ["Embattled"]
    assert {(d.entity, d.words) for d in by_article["b"].descriptors} == {("Ann Lusk", "Mayor")}
    for f in framing:
        art = a if f.article == "a" else b
        for d in f.descriptors:
            assert art.text[d.start : d.end] == d.words
        for t in f.loaded_terms:
            assert art.text[t.start : t.end].lower() == t.term
    assert "calm" in {t.term for t in by_article["b"].loaded_terms}
    assert "embattled" in {t.term for t in by_article["a"].loaded_terms}


def test_omissions_list_the_corroborated_claims_each_article_leaves_out():
    q = "We will rebuild the pier before the summer"
    a = _article("a", "Ledger", f'"{q}," Lusk said.')
    b = _article("b", "Times", f'"{q}," Lusk said.')
    c = _article("c", "Herald", "The pier closed on Monday.")
    story, _ = _run([
        (a, _claims(a, _quote(a, q, "Ann Lusk", "Lusk"))), (b, _claims(b, _quote(b, q, "Ann Lusk", "Lusk"))),
        (c, _claims(c)),
    ])
    (claim,) = story.claims
    by_article = {o.article: o for o in story.omissions}
    assert by_article["c"].missing == [claim.id] and by_article["a"].missing == [] and by_article["a"].states == [claim.id]


def test_the_entailment_judge():
    judge = StructuredEntailment(BagOfWordsEmbedder())
    body = "The council approved the harbour budget. The vote on Monday was close."
    assert judge.judge(body, "The council approved the harbour budget").stance == "agree"
    assert judge.judge(body, "The council has not approved the harbour budget").stance == "disagree"
    assert judge.judge("Reports that the council approved the harbour budget are a hoax, officials said.",
                       "Council approved harbour budget").stance == "disagree"
    assert judge.judge(body, "Volcano erupts in remote island chain").stance == "unrelated"
    judgement = judge.judge(body, "The council approved the harbour budget")
    assert judgement.closest.startswith("The council approved") and 0 <= judgement.scores["related"] <= 1


def test_the_fnc_score():
    gold = ["agree", "unrelated", "discuss", "disagree"]
    assert fnc_score(gold, gold) == 1.0
    # unrelated right (0.25); agree called discuss (0.25 of 1.0); the rest called unrelated
    assert fnc_score(gold, ["discuss", "unrelated", "unrelated", "unrelated"]) == (0.25 + 0.25) / 3.25
    assert f1_by_class(gold, gold) == {"agree": 1.0, "disagree": 1.0, "discuss": 1.0, "unrelated": 1.0}


def test_framing_and_omissions_survive_storage_round_trip():
    from dataclasses import asdict

    from newsprism.models import Story
    from newsprism.serialize import from_dict

    t1 = "Embattled Mayor Ann Lusk spoke. Lusk, a former teacher, left."
    a = _article("a", "Ledger", t1)
    b = _article("b", "Times", "Mayor Ann Lusk spoke on Monday at the pier.")
    story, _ = _run([(a, _with_sentences(a, entities=[_person(t1, "Ann Lusk")])), (b, _with_sentences(b))])
    again = from_dict(Story, asdict(story))
    assert again == story and again.framing[0].descriptors[0].entity == "Ann Lusk"


@given(st.lists(st.sampled_from(["the", "fire", "warehouse", "crews", "1,200", "residents", "fled", "Dock", "Street", "—"]), max_size=30))
def test_a_texts_minhash_is_that_of_its_shingles_added_one_by_one(words):
    from datasketch import MinHash

    from newsprism.derivations import MINHASH_PERMUTATIONS, SHINGLE_WORDS, minhash

    text = " ".join(words)
    tokens = re.findall(r"\w+", text.lower())
    one_by_one = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=1)
    for i in range(max(1, len(tokens) - SHINGLE_WORDS + 1)):
        one_by_one.update(" ".join(tokens[i : i + SHINGLE_WORDS]).encode())
    assert (minhash(text).hashvalues == one_by_one.hashvalues).all()
