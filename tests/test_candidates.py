"""The lexical candidate filter (candidates.py) and the embedder that skips its sentences."""

from __future__ import annotations

import numpy as np
from conftest import BagOfWordsEmbedder

from newsprism.candidates import CandidateSentence, without_partner
from newsprism.crosscheck import texts_to_embed, unembedded_sentences
from newsprism.models import ArticleClaims, Span
from newsprism.nlp import WithoutVectorsFor

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
