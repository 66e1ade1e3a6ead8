"""The ECB+ loader and the B-cubed metric of the stories benchmark (benchmarks/ecbplus.py)
on small hand cases; one test reads the real corpus from ../shared."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from ecbplus import (  # noqa: E402
    action_mentions,
    bcubed,
    detokenize,
    detokenize_with_offsets,
    load_corpus,
    newsprism_article,
    url_date,
)

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"


def test_bcubed_of_the_gold_clustering_is_perfect():
    gold = {"a": "1", "b": "1", "c": "2"}
    score = bcubed({"a": "x", "b": "x", "c": "y"}, gold)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_bcubed_one_cluster_for_everything_has_full_recall():
    # a, b: 2/3 of their cluster is theirs; c: 1/3 -> precision (2/3 + 2/3 + 1/3) / 3 = 5/9
    score = bcubed({"a": "x", "b": "x", "c": "x"}, {"a": "1", "b": "1", "c": "2"})
    assert score.precision == pytest.approx(5 / 9)
    assert score.recall == 1.0
    assert score.f1 == pytest.approx(2 * (5 / 9) / (5 / 9 + 1))


def test_bcubed_singletons_have_full_precision():
    # a, b: half of their gold cluster is in their singleton; c: all of it -> (1/2 + 1/2 + 1) / 3
    score = bcubed({"a": "x", "b": "y", "c": "z"}, {"a": "1", "b": "1", "c": "2"})
    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 3)


def test_bcubed_a_split_and_a_merge():
    # predicted {a, b} {c, d, e}; gold {a, b, c} {d, e}
    score = bcubed({"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}, {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"})
    assert score.precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert score.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_bcubed_refuses_clusterings_of_different_items():
    with pytest.raises(ValueError):
        bcubed({"a": "x"}, {"b": "1"})


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        ("Tara Reid , 33 , said : \" no way \" ( really ) .", 'Tara Reid, 33, said: "no way" (really).'),
        ("Lohan ’ s 90 - day stint began at 4 : 59 pm", "Lohan’s 90-day stint began at 4:59 pm"),
        ("a 6 . 1 - magnitude quake .", "a 6.1-magnitude quake."),
        ("it 's `` Scrubs '' , and it fell 2 , 000 feet", "it's “Scrubs”, and it fell 2,000 feet"),
    ],
)
def test_detokenize(tokens, text):
    assert detokenize(tokens.split(" ")) == text


def test_url_date_reads_the_day_an_address_spells():
    assert url_date("http://nypost.com/2013/05/02/lindsay-lohan-is-mia/") == "2013-05-02"
    assert url_date("http://www.people.com/people/article/0,,20697025,00.html") is None
    assert url_date(None) is None


@pytest.mark.shared
def test_the_real_corpus_has_982_articles_in_86_events():
    if not ECBPLUS.exists():
        pytest.skip(f"ECB+ is read from {ECBPLUS}, which is not here (../shared is absent)")
    docs = load_corpus(ECBPLUS)
    assert len(docs) == 982
    assert len({d.event for d in docs}) == 86 and len({d.topic for d in docs}) == 43
    plus = next(d for d in docs if d.name == "1_1ecbplus")
    article = newsprism_article(plus)
    assert article.url and article.url.startswith("http://www.accesshollywood.com/")
    assert article.text.startswith("Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab\n\n")


@pytest.mark.parametrize(
    "tokens",
    [["Reid", "checked", "herself", "into", "``", "Promises", "''", "."], ["a", "90", "-", "day", "stay", ",", "2", ",", "000", "fans"]],
)
def test_detokenize_with_offsets_places_every_token(tokens):
    text, offsets = detokenize_with_offsets(tokens)
    assert text == detokenize(tokens)
    assert [text[a:b] for a, b in offsets] == [{"``": "“", "''": "”"}.get(t, t) for t in tokens]


@pytest.mark.shared
def test_action_mentions_are_placed_on_their_words_in_the_article_text():
    if not ECBPLUS.exists():
        pytest.skip(f"ECB+ is read from {ECBPLUS}, which is not here (../shared is absent)")
    path = ECBPLUS / "ECB+" / "1" / "1_10ecb.xml"
    (doc,) = [d for d in load_corpus(ECBPLUS) if d.name == "1_10ecb"]
    text = newsprism_article(doc).text
    placed = {text[m.start : m.end]: m.instance for m in action_mentions(path)}
    assert "checked herself into" in placed and placed["checked herself into"] is not None
