"""The extraction benchmark's metrics (benchmarks/extraction_metrics.py) on hand-made strings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from extraction_metrics import (  # noqa: E402
    ShingleCounts,
    SnippetCounts,
    aeb_scores,
    author_matches,
    date_matches,
    normalize_space,
    shingle_counts,
    shingles,
    snippet_counts,
    snippet_scores,
    title_matches,
    tokenize,
)

# ---------------------------------------------------------------- AEB shingles


def test_tokenize_keeps_words_and_case_and_drops_punctuation():
    assert tokenize("Hello, world! It's 2019.") == ["Hello", "world", "It", "s", "2019"]
    assert tokenize(None) == []


def test_shingles_are_a_multiset_of_four_token_runs():
    assert shingles("a b c d e".split()) == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("x y z w x y z w".split())[("x", "y", "z", "w")] == 2


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [([], {}), (["a", "b"], {("a", "b"): 1})],
)
def test_a_text_shorter_than_a_shingle_is_one_shingle_and_no_text_none(tokens, expected):
    assert shingles(tokens) == expected


def test_identical_texts_have_only_true_positives():
    counts = shingle_counts("one two three four five", "one two three four five")
    assert counts == ShingleCounts(tp=2, fp=0, fn=0)
    assert counts.precision == counts.recall == 1.0


def test_extra_and_missing_text_are_false_positives_and_negatives():
    # truth: 5 tokens -> 2 shingles; prediction adds one token at the end -> 3 shingles
    counts = shingle_counts("one two three four five", "one two three four five six")
    assert counts == ShingleCounts(tp=2, fp=1, fn=0)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == 1.0
    missing = shingle_counts("one two three four five six", "one two three four")
    assert missing == ShingleCounts(tp=1, fp=0, fn=2)


def test_repeated_shingles_count_up_to_the_smaller_multiplicity():
    counts = shingle_counts("a b c d", "a b c d. a b c d")
    # prediction shingles: abcd x2, bcda, cdab, dabc; truth: abcd x1
    assert counts == ShingleCounts(tp=1, fp=4, fn=0)


def test_both_empty_is_perfect_and_empty_prediction_is_zero_recall():
    assert ShingleCounts(0, 0, 0).precision == ShingleCounts(0, 0, 0).recall == 1.0
    empty = shingle_counts("some words of the article", "")
    assert empty.tp == empty.fp == 0
    assert empty.recall == 0.0


def test_aeb_scores_average_per_document_and_skip_undefined_documents():
    pairs = [
        ("one two three four five", "one two three four five"),  # P 1, R 1
        ("one two three four five six", "one two three four"),  # P 1, R 1/3
        ("alpha beta gamma delta", ""),  # empty prediction: no precision, R 0
    ]
    scores = aeb_scores(pairs)
    assert scores.precision == pytest.approx(1.0)  # mean over the first two only
    assert scores.recall == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert scores.f1 == pytest.approx(2 * scores.precision * scores.recall / (scores.precision + scores.recall))
    assert scores.accuracy == pytest.approx(1 / 3)
    assert scores.documents == 3


def test_aeb_accuracy_compares_tokens_not_spacing_or_punctuation():
    scores = aeb_scores([("First line.\n\nSecond line!", "First line Second line")])
    assert scores.accuracy == 1.0


def test_aeb_scores_of_nothing_are_zero():
    scores = aeb_scores([])
    assert (scores.precision, scores.recall, scores.f1, scores.accuracy) == (0.0, 0.0, 0.0, 0.0)


# ---------------------------------------------------------------- trafilatura snippets


def test_normalize_space_collapses_all_whitespace():
    assert normalize_space("  a\n\n b\t c ") == "a b c"
    assert normalize_space(None) == ""


def test_snippets_found_and_leaked_are_counted_after_space_normalisation():
    text = "The council voted\non Tuesday.\n\nRead more: related stories"
    counts = snippet_counts(text, ["council voted on Tuesday", "missing part"], ["Read more:", "Cookie policy"])
    assert counts == SnippetCounts(tp=1, fn=1, fp=1, tn=1)


def test_snippet_match_is_case_sensitive_as_upstream():
    assert snippet_counts("the council", ["The council"], []) == SnippetCounts(fn=1)


@pytest.mark.parametrize("extracted", ["", None, "   "])
def test_an_empty_extraction_misses_every_snippet_and_leaks_none(extracted):
    assert snippet_counts(extracted, ["a", "b"], ["c"]) == SnippetCounts(tp=0, fn=2, fp=0, tn=1)


def test_snippet_counts_add_up_and_scores_are_micro_averaged():
    total = SnippetCounts(tp=3, fn=1, fp=0, tn=3) + SnippetCounts(tp=1, fn=1, fp=2, tn=1)
    assert total == SnippetCounts(tp=4, fn=2, fp=2, tn=4)
    scores = snippet_scores(total)
    assert scores.precision == pytest.approx(4 / 6)
    assert scores.recall == pytest.approx(4 / 6)
    assert scores.accuracy == pytest.approx(8 / 12)
    assert scores.fscore == pytest.approx(8 / 12)


def test_snippet_scores_without_counts_are_zero_not_an_error():
    scores = snippet_scores(SnippetCounts())
    assert (scores.precision, scores.recall, scores.accuracy, scores.fscore) == (0.0, 0.0, 0.0, 0.0)


# ---------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Yellow Vests and I", "yellow  vests and i", True),
        ("Taiwan’s playbook — a guide", "Taiwan's playbook - a guide", True),
        ("Yellow Vests and I", "Yellow Vests and I | The Site", False),
        ("Yellow Vests and I", None, False),
        ("Yellow Vests and I", "", False),
    ],
)
def test_title_matches_after_case_space_quote_and_dash_normalisation(gold, predicted, expected):
    assert title_matches(gold, predicted) is expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Daniel Lemire", ["Daniel Lemire"], True),
        ("Daniel Lemire", "daniel lemire", True),
        ("David Brand and Ramsey Khalifeh", ["David Brand", "Ramsey Khalifeh"], True),
        ("Von Lars Fischer und Alina Schadwinkel", ["Lars Fischer", "Alina Schadwinkel"], True),  # German gold
        ("Sarah Hinger; Sylvia Torres-Guillén", "Sarah Hinger; Sylvia Torres-Guillén; Someone Else", True),
        (["Nathan Parker", "Eric Mill"], "Nathan Parker", False),
        ("Perry Bacon Jr.", ["Perry Bacon"], False),
        ("Daniel Lemire", [], False),
        ("Daniel Lemire", None, False),
        ("and", ["and"], False),
    ],
)
def test_author_matches_when_every_gold_name_word_is_predicted(gold, predicted, expected):
    assert author_matches(gold, predicted) is expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("2019-08-02", "2019-08-02", True),
        ("2019-08-02", "2019-08-02T14:05:00+02:00", True),
        ("2019-08-02", "2019-08-03", False),
        ("2019-08-02", "August 2, 2019", False),
        ("2019-08-02", None, False),
        ("", "2019-08-02", False),
    ],
)
def test_date_matches_on_the_day_part(gold, predicted, expected):
    assert date_matches(gold, predicted) is expected
