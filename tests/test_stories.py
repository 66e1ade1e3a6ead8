from __future__ import annotations

import pytest

from newsprism.claims import extract_batch
from newsprism.derivations import find_derivations
from newsprism.models import Article, ArticleClaims, Span, Story
from newsprism.stories import group_stories, story_features, story_id

pytestmark = pytest.mark.models

FIRE_A = (
    "A fire destroyed a paint warehouse in the Dockside district of Port Merrow late Thursday, and about 1,200 "
    "residents were evacuated. Fire Chief Dana Whitlock said crews worked through the night. Two firefighters "
    "were treated for minor injuries. The cause of the fire at the Halvorsen Paints warehouse is under investigation."
)
FIRE_B = (
    "Flames gutted the Halvorsen Paints warehouse in Port Merrow overnight, forcing some 1,200 residents of "
    "Dockside from their homes. Fire Chief Dana Whitlock praised the crews. Investigators have not yet said what "
    "caused the blaze, which injured two firefighters."
)
FIRE_ELSEWHERE = (
    "A fire destroyed a furniture warehouse in the harbour district of Lindqvist late Monday, and about 300 "
    "residents were evacuated. Fire Marshal Oren Tull said crews worked until dawn. One firefighter was treated "
    "for smoke inhalation. The cause of the fire at the Brandt Furniture depot is under investigation."
)
LIBRARY = (
    "The Kestrel Valley Public Library reopened on Monday after an 18-month renovation. Head librarian Margot "
    "Eriksen said readers had queued down Orchard Lane before the doors opened, and more than 300 library cards "
    "were issued on the first morning."
)


def _articles(*texts, dates=None):
    return [
        Article(id=f"a{i}", source=f"{i}.txt", text=t, format="text", title=None, published=(dates or {}).get(i, "2026-11-13"))
        for i, t in enumerate(texts)
    ]


def test_same_event_grouped_other_events_apart(nlp, embedder):
    arts = _articles(FIRE_A, FIRE_B, FIRE_ELSEWHERE, LIBRARY, dates={2: "2026-11-03", 3: "2026-11-09"})
    stories = group_stories(story_features(arts, extract_batch(arts, nlp), embedder))
    assert sorted(sorted(s.articles) for s in stories) == [["a0", "a1"], ["a2"], ["a3"]]


def test_a_later_run_adds_to_the_story_it_belongs_to_and_the_story_keeps_its_id(nlp, embedder):
    arts = _articles(FIRE_A, LIBRARY, FIRE_B, FIRE_ELSEWHERE, dates={1: "2026-11-09", 3: "2026-11-03"})
    features = story_features(arts, extract_batch(arts, nlp), embedder)
    first = group_stories(features[:2])
    fire = next(s for s in first if s.articles == ["a0"])
    later = group_stories(features, existing=first)
    assert sorted(sorted(s.articles) for s in later) == [["a0", "a2"], ["a1"], ["a3"]]
    grown = next(s for s in later if "a2" in s.articles)
    assert grown.id == fire.id
    assert {s.id for s in later} >= {s.id for s in first}


def test_articles_of_an_earlier_story_stay_together(bow_embedder):
    arts = _articles(FIRE_A, LIBRARY)
    features = story_features(arts, [_no_claims(a) for a in arts], bow_embedder)
    kept = Story(id="s-kept", headline="kept", articles=["a0", "a1"])
    assert [(s.id, sorted(s.articles)) for s in group_stories(features, existing=[kept])] == [("s-kept", ["a0", "a1"])]


def _no_claims(article):
    return ArticleClaims(article=article.id, sentences=[Span(0, len(article.text), article.text)], entities=[], extractions=[])


def test_story_ids_are_stable_for_the_same_articles():
    assert story_id(["a2", "a1"]) == story_id(["a1", "a2"]) != story_id(["a1"])


REWRITE_OF_A = (
    "In a dramatic turn of events, a fire tore through a paint warehouse in Port Merrow's Dockside district late on "
    "Thursday, forcing the evacuation of about 1,200 residents. According to Fire Chief Dana Whitlock, crews worked "
    "throughout the night. Two firefighters received treatment for minor injuries. It remains to be seen what comes "
    "next. The cause of the fire at the Halvorsen Paints warehouse is still under investigation."
)
INDEPENDENT = (
    "Anchor Street was still closed to traffic on Friday morning as smoke drifted over the harbour. Priya "
    "Castellanos, who lives a block away, said police knocked on her door shortly after midnight. The city opened "
    "the Dockside Community Centre as a shelter, where volunteers handed out blankets and hot drinks. Bus routes "
    "along Harbour Road were diverted until further notice."
)


def test_a_paraphrased_padded_rewrite_is_a_derivation_and_independent_reports_are_not(nlp, embedder):
    arts = _articles(FIRE_A, REWRITE_OF_A, INDEPENDENT, dates={0: "2026-11-13T07:00:00", 1: "2026-11-13T10:00:00", 2: "2026-11-13T08:00:00"})
    found = find_derivations(arts, extract_batch(arts, nlp), embedder)
    assert [(d.source, d.derived, d.kind) for d in found] == [("a0", "a1", "rewrite")]
