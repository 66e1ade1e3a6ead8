from __future__ import annotations

import pytest

from newsprism.claims import extract_batch
from newsprism.derivations import find_derivations
from newsprism.grouping import UnionFind, average_linkage
from newsprism.models import Article, ArticleClaims, Span, Story, StoryFeatures
from newsprism.stories import LEAD_EMBEDDED_WORDS, embedded_lead, group_stories, lead_text, story_features, story_id

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

LIBRARY_MORE = (
    "The renovation added a children's wing, a reading garden and a room of computers for job seekers, and "
    "the council said the building now uses half the heating it did before the works began."
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


QUAKE_TURKEY = (
    "A magnitude 6.1 earthquake struck the province of Malatya in eastern Turkey on March 3, 2021, killing at least "
    "14 people and destroying dozens of homes in the town of Doganyol. Governor Aydin Baruş said rescue teams were "
    "searching the rubble through the night. The quake was felt as far away as Elazig."
)
QUAKE_TURKEY_RETOLD = (
    "Rescuers in Doganyol dug through collapsed houses after the March 3, 2021 tremor that shook Malatya, Turkey. "
    "The death toll rose to 14, Governor Aydin Baruş told reporters, and residents of Elazig spent the night outdoors "
    "for fear of aftershocks of the magnitude 6.1 shock."
)
QUAKE_PERU = (
    "A magnitude 6.0 earthquake struck the region of Arequipa in southern Peru on August 14, 2019, killing at least "
    "9 people and destroying dozens of homes in the town of Caraveli. Governor Elmer Cáceres said rescue teams were "
    "searching the rubble through the night. The quake was felt as far away as Camaná."
)


def _undated(*texts):
    return [Article(id=f"a{i}", source=f"{i}.txt", text=t, format="text") for i, t in enumerate(texts)]


def test_two_earthquakes_told_alike_stay_apart_the_same_one_retold_joins(nlp, embedder):
    # no publication dates: places, people and the dates the texts name tell the events apart
    arts = _undated(QUAKE_TURKEY, QUAKE_PERU, QUAKE_TURKEY_RETOLD)
    features = story_features(arts, extract_batch(arts, nlp), embedder)
    assert features[0].dates == ["2021-03-03"] and features[1].dates == ["2019-08-14"]
    stories = group_stories(features)
    assert sorted(sorted(s.articles) for s in stories) == [["a0", "a2"], ["a1"]]
    turkey = next(s for s in stories if "a0" in s.articles)
    assert (turkey.start, turkey.end) == ("2021-03-03", "2021-03-03")  # the day the texts name


def _feature(article, vector, entities=(), published=None, dates=()):
    return StoryFeatures(article=article, headline=article, vector=list(vector), entities=list(entities), published=published, dates=list(dates))


def test_texts_alike_but_no_shared_name_are_not_linked():
    same_words = [1.0, 0.0]
    features = [_feature("a", same_words, ["Malatya"]), _feature("b", same_words, ["Arequipa"]), _feature("c", [0.0, 1.0], ["Lima"])]
    assert sorted(sorted(s.articles) for s in group_stories(features)) == [["a"], ["b"], ["c"]]


def test_articles_published_weeks_apart_need_more_than_alike_words():
    close = [1.0, 0.0]
    names = ["Port Merrow", "Halvorsen Paints"]
    near = [_feature("a", close, names, "2026-11-13"), _feature("b", close, names, "2026-11-14")]
    assert len(group_stories(near)) == 1
    far = [_feature("a", close, names[:1], "2026-11-13"), _feature("b", close, names, "2026-12-20")]
    assert len(group_stories(far)) == 2


def test_average_linkage_does_not_chain_two_events_through_one_pair():
    # a-b and c-d are two events; one strong b-c pair does not pull all four together
    edges = [(0, 1, 0.9), (2, 3, 0.9), (1, 2, 0.9)]
    assert average_linkage(4, edges, threshold=0.5) == [[0, 1], [2, 3]]
    # single linkage (union-find over the pairs above threshold) would
    links = UnionFind(range(4))
    for i, j, _ in edges:
        links.union(i, j)
    assert len(links.groups()) == 1


def test_average_linkage_grows_groups_it_starts_from_and_never_splits_them():
    # 0 and 1 started as one story although nothing links them; 2 joins on its mean over both
    assert average_linkage(3, [(0, 2, 0.9), (1, 2, 0.3)], threshold=0.5, groups=[[0, 1]]) == [[0, 1, 2]]
    assert average_linkage(3, [(0, 2, 0.9), (1, 2, 0.0)], threshold=0.5, groups=[[0, 1]]) == [[0, 1], [2]]


def test_a_new_article_that_links_two_stories_merges_them_under_the_larger_ones_id():
    v = [1.0, 0.0]
    names = ["Port Merrow"]
    features = [_feature(a, v, names, "2026-11-13") for a in ("a", "b", "c", "d")]
    big = Story(id="s-big", headline="big", articles=["a", "b"], start="2026-11-13")
    small = Story(id="s-small", headline="small", articles=["c"], start="2026-11-13")
    grown = group_stories(features, existing=[small, big])
    # d scores 1.0 with a, b and c; the two old stories merge only if their known pairs (all
    # through d) reach the bar: (d-a, d-b, d-c) = 3.0 over 2*2 pairs after d joins the big one
    assert [(s.id, sorted(s.articles)) for s in grown] == [("s-big", ["a", "b", "c", "d"])]


def test_a_new_article_between_two_unlike_stories_does_not_merge_them():
    # d is as close to a and b as to c, but a and b are nothing like c: the stories' summed
    # vectors say so without comparing their articles one by one
    features = [_feature("a", [1.0, 0.0]), _feature("b", [1.0, 0.0]), _feature("c", [0.0, 1.0]), _feature("d", [0.7071, 0.7071])]
    ab = Story(id="s-ab", headline="ab", articles=["a", "b"])
    c = Story(id="s-c", headline="c", articles=["c"])
    grown = group_stories(features, existing=[ab, c])
    assert sorted(sorted(s.articles) for s in grown) == [["a", "b", "d"], ["c"]]


def _unit(*values):
    norm = sum(v * v for v in values) ** 0.5
    return [v / norm for v in values]


def _two_fights_of_one_boxer():
    """Two bouts of one (invented) boxer, six articles each: the articles of a bout are alike
    (same words, same opponent), the two bouts share the boxer's name and much wording, and
    four articles on other things make the boxer's name rare enough to count."""
    first_bout, second_bout = _unit(1.0, 0.0, 0.0, 0.0), _unit(0.8, 0.6, 0.0, 0.0)  # cosine 0.8
    features = [_feature(f"first{i}", first_bout, ["Ivo Dorn", "Rafe Kessler"]) for i in range(6)]
    features += [_feature(f"second{i}", second_bout, ["Ivo Dorn", "Tomas Ebert"]) for i in range(6)]
    features += [_feature(f"other{i}", _unit(0.0, 0.0, 1.0, float(i)), [f"Town{i}"]) for i in range(4)]
    return features


def test_two_events_sharing_their_central_name_stay_apart_when_each_is_closer_to_itself():
    features = _two_fights_of_one_boxer()
    stories = group_stories(features)
    bouts = sorted(sorted(s.articles) for s in stories if any(a.startswith(("first", "second")) for a in s.articles))
    assert bouts == [[f"first{i}" for i in range(6)], [f"second{i}" for i in range(6)]]
    # and the same when the second bout comes in a later run
    first_run = group_stories([f for f in features if not f.article.startswith("second")])
    later = group_stories(features, existing=first_run)
    assert sorted(sorted(s.articles) for s in later if any(a.startswith("second") for a in s.articles)) == [[f"second{i}" for i in range(6)]]


def test_an_article_without_close_neighbours_links_on_the_absolute_bar():
    # a pair of articles among unrelated ones: their neighbourhood says nothing, so the pair
    # links when its score (half the cosine: no name is shared by few enough) passes 0.33
    others = [_feature(f"other{i}", _unit(*(1.0 if d == i + 2 else 0.0 for d in range(8)))) for i in range(6)]
    def pair(x, y):
        return [_feature("a", _unit(1.0, 0.0, *[0.0] * 6)), _feature("b", _unit(x, y, *[0.0] * 6))]

    linked = pair(0.72, 0.694) + others  # score 0.36
    assert ["a", "b"] in [sorted(s.articles) for s in group_stories(linked)]
    apart = pair(0.6, 0.8) + others  # score 0.30
    assert ["a"] in [s.articles for s in group_stories(apart)]


def test_only_the_first_words_of_a_lead_are_embedded():
    words = [f"w{n}" for n in range(LEAD_EMBEDDED_WORDS + 10)]
    assert embedded_lead(" ".join(words)) == " ".join(words[:LEAD_EMBEDDED_WORDS])
    assert embedded_lead("Quake hits Marlow.\nTwelve hurt.") == "Quake hits Marlow.\nTwelve hurt."


def test_the_runner_embeds_the_leads_beside_the_parse_and_story_features_asks_for_them_no_more(nlp, tmp_path):
    import threading

    from conftest import BagOfWordsEmbedder

    from newsprism.runner import analyze

    class Watching(BagOfWordsEmbedder):
        def __init__(self):
            self.asked: list[tuple[str, str]] = []

        def encode(self, texts):
            self.asked += [(t, threading.current_thread().name) for t in texts]
            return super().encode(texts)

    more = (
        "Neighbours said the smoke could be seen from the ring road for hours, and the harbour authority closed "
        "two berths as a precaution until the morning shift had checked the quay for damage."
    )
    for n, text in enumerate((FIRE_A, FIRE_B, LIBRARY)):  # long enough to be read as articles
        (tmp_path / f"{n}.txt").write_text(f"{text}\n\n{more if n < 2 else LIBRARY_MORE}", encoding="utf-8")
    embedder = Watching()
    report = analyze([tmp_path], nlp=nlp, embedder=embedder)
    articles = sorted(report.articles, key=lambda a: a.source)
    leads = [embedded_lead(lead_text(a, c)) for a, c in zip(articles, extract_batch(articles, nlp), strict=True)]
    beside = [t for t, thread in embedder.asked if thread.startswith("quote-tagger")]
    assert sorted(beside) == sorted(leads) and len(set(leads)) == 3
    assert not [t for t, thread in embedder.asked if t in leads and not thread.startswith("quote-tagger")]
    assert len(report.stories) == 2
