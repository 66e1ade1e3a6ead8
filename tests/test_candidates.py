"""The lexical candidate filter (candidates.py) and the embedder that skips its sentences."""

from __future__ import annotations

import numpy as np
from conftest import BagOfWordsEmbedder

from newsprism.candidates import (
    CandidateSentence,
    extraction_sentences_compared,
    stance_sentences_compared,
    without_partner,
)
from newsprism.crosscheck import crosscheck_story, texts_to_embed, unembedded_sentences
from newsprism.models import Article, ArticleClaims, Extraction, Quantity, Span, Story
from newsprism.nlp import WithoutVectorsFor
from newsprism.serialize import to_dict

FLOOD_A = "Floodwater reached the Marlow bridge on Tuesday, forcing 300 families from their homes."
FLOOD_B = "About 300 families left their homes as floodwater reached the Marlow bridge."
WEATHER = "Forecasters expect a dry weekend across the northern valleys."
MAYOR = "Mayor Edith Varga opened the new library wing with a reading for children."


def test_a_sentence_sharing_no_weighted_word_with_another_article_is_skipped():
    sentences = [
        CandidateSentence(FLOOD_A, "a"), CandidateSentence(WEATHER, "a"),
        CandidateSentence(FLOOD_B, "b"), CandidateSentence(MAYOR, "b"),
    ]
    assert without_partner(sentences) == {WEATHER, MAYOR}


def test_sentences_are_compared_across_articles_only_unless_both_are_extraction_sentences():
    repeated = "Floodwater forced 300 families from their homes near the Marlow bridge."
    across_only = [CandidateSentence(FLOOD_A, "a"), CandidateSentence(repeated, "a"), CandidateSentence(MAYOR, "b")]
    assert without_partner(across_only) == {FLOOD_A, repeated, MAYOR}
    within = [CandidateSentence(FLOOD_A, "a", within=True), CandidateSentence(repeated, "a", within=True), CandidateSentence(MAYOR, "b")]
    assert without_partner(within) == {MAYOR}


def test_a_text_printed_by_two_articles_and_a_story_of_one_article_keep_their_vectors():
    assert without_partner([CandidateSentence(WEATHER, "a"), CandidateSentence(WEATHER, "b")]) == set()
    assert without_partner([CandidateSentence(WEATHER, "a"), CandidateSentence(MAYOR, "a")]) == set()


def test_skipped_texts_get_the_zero_vector_and_the_others_the_inner_embedders():
    inner = BagOfWordsEmbedder()
    vectors = WithoutVectorsFor(inner, {WEATHER}).encode([FLOOD_A, WEATHER, FLOOD_B])
    assert np.allclose(vectors[0], inner.encode([FLOOD_A])[0]) and np.allclose(vectors[2], inner.encode([FLOOD_B])[0])
    assert not vectors[1].any()
    assert WithoutVectorsFor(inner, {WEATHER}).encode([WEATHER]).shape == (1, inner.dim)


def _claims_of(aid: str, *sentences: str) -> ArticleClaims:
    spans, at = [], 0
    for text in sentences:
        spans.append(Span(at, at + len(text), text))
        at += len(text) + 1
    return ArticleClaims(article=aid, sentences=spans, entities=[], extractions=[])


def test_a_story_embeds_ahead_only_the_sentences_with_a_partner():
    claims = [_claims_of("a", FLOOD_A, WEATHER), _claims_of("b", FLOOD_B, MAYOR)]
    assert unembedded_sentences(claims) == {WEATHER, MAYOR}
    assert set(texts_to_embed(claims)) == {FLOOD_A, FLOOD_B}
    assert texts_to_embed(claims[:1]) == [] and unembedded_sentences(claims[:1]) == set()


# --- the structural filter: sentences whose vectors cross-checking never reads ---

CUTS_A = "The council will cut bus routes next spring, Mayor Varga said on Monday."
CUTS_B = "Varga told reporters that several bus routes would be dropped in the spring."
LIBRARY = "Varga also said the library would stay open on Sundays."
POLICE = "Police chief Dana Holt said patrols would double during the festival."


def _sentence_extraction(aid, sentence, kind, **fields):
    return Extraction(article=aid, kind=kind, mention=Span(0, len(sentence), sentence), sentence=Span(0, len(sentence), sentence), **fields)


def test_statements_given_to_one_speaker_need_their_sentences_and_a_lone_speakers_do_not():
    statements = [
        _sentence_extraction("a", CUTS_A, "statement", speaker="Edith Varga"),
        _sentence_extraction("b", CUTS_B, "statement", speaker="edith varga"),
        _sentence_extraction("b", POLICE, "statement", speaker="Dana Holt"),
    ]
    assert extraction_sentences_compared(statements) == {CUTS_A, CUTS_B}
    # two statements in one sentence are that sentence: no vector is read
    assert extraction_sentences_compared([statements[0], _sentence_extraction("a", CUTS_A, "statement", speaker="Edith Varga")]) == set()


def _number(aid, sentence, number, unit, counted, of):
    return _sentence_extraction(aid, sentence, "quantity", quantity=Quantity(number=number, unit=unit, of=of, counted=counted))


def test_numbers_compared_by_sentence_are_one_thing_measured_differently_or_one_number_of_two_things():
    evacuated = "Officials said 300 families were evacuated overnight."
    moved = "About 300 families were moved to the school gym."
    percent = "Nearly 30 percent of families left the valley."
    boats = "Rescuers used 12 boats in the flooded streets."
    trucks = "The army sent 12 trucks with drinking water."
    tents = "The Red Cross set up 40 tents at the fairground."
    numbers = [
        _number("a", evacuated, 300, None, "family", "family evacuate"),
        _number("b", moved, 300, None, "family", "family move"),  # one thing, another `of`
        _number("b", percent, 30, "%", "family", "family leave"),  # one thing, another unit
        _number("a", boats, 12, None, "boat", "boat use"),
        _number("b", trucks, 12, None, "truck", "truck send"),  # one number of two things
        _number("b", tents, 40, None, "tent", "tent set"),  # compared with nothing
    ]
    assert extraction_sentences_compared(numbers) == {evacuated, moved, percent, boats, trucks}
    same_measure = [_number("a", evacuated, 300, None, "family", "family evacuate"), _number("b", moved, 250, None, "family", "family evacuate")]
    assert extraction_sentences_compared(same_measure) == set()  # same unit and `of`: compared without sentences


def test_stance_pairs_are_sentences_of_two_articles_that_differ_in_negation():
    approved = "Officials confirmed that the harbour bridge was closed to traffic on Tuesday."
    rejected = "Officials confirmed that the harbour bridge was not closed to traffic on Tuesday."
    parade = "The harbour parade drew large crowds despite the rain on Sunday."
    sentences = [CandidateSentence(approved, "a"), CandidateSentence(parade, "a"), CandidateSentence(rejected, "b")]
    assert stance_sentences_compared(sentences) == {approved, rejected}
    assert stance_sentences_compared([CandidateSentence(approved, "a"), CandidateSentence(rejected, "a")]) == set()
    # a pair whose sentences are embedded anyway adds nothing
    assert stance_sentences_compared(sentences, embedded={approved, rejected}) == set()


def _story_of_two(bow_embedder, unembedded=None):
    """Two articles whose statements (by one speaker) and whose quoted sentences (one
    negated) are compared only by their vectors: no own sentence carries them."""
    texts = {
        "a": 'Edith Varga said the council will cut bus routes next spring. '
             '"Officials confirmed that the harbour bridge was closed to traffic on Tuesday," Varga said.',
        "b": 'Edith Varga said the council will cut many bus routes next spring. '
             '"Officials confirmed that the harbour bridge was not closed to traffic on Tuesday," Varga said.',
    }
    articles, claims = [], []
    for aid, text in texts.items():
        statement, quoted = text.split(". ", 1)
        statement += "."
        articles.append(Article(id=aid, source=f"{aid}.txt", text=text, format="text", outlet=aid.upper()))
        at = text.index(quoted)
        said = Extraction(article=aid, kind="statement", mention=Span(0, len(statement), statement),
                          sentence=Span(0, len(statement), statement), speaker="Edith Varga")
        claims.append(ArticleClaims(article=aid, sentences=[Span(at, at + len(quoted), quoted)], entities=[], extractions=[said]))
    story = Story(id="s1", headline="h", articles=list(texts))
    return crosscheck_story(story, articles, claims, bow_embedder, unembedded=unembedded)


def test_cross_checking_finds_the_same_whether_or_not_the_unread_sentences_are_embedded(bow_embedder):
    filtered, everything = _story_of_two(bow_embedder), _story_of_two(bow_embedder, unembedded=set())
    assert to_dict(filtered) == to_dict(everything)
    # and what both found needs the filter to keep those sentences
    assert any(c.kind == "statement" and c.support.articles == 2 for c in filtered.claims)
    assert [c.kind for c in filtered.conflicts] == ["negation"]
