"""Stories against ECB+ events: B-cubed scores of `group_stories`, and what grouping costs.

    .venv/bin/python benchmarks/stories.py [--data DIR] [--cache FILE] [--json PATH]

Prints one table: B-cubed precision, recall and F1 of newsprism's stories against the gold
events (86) and against the topics (43), over all topics, the tuning topics and the held-out
topics, with the number of stories; then the time of each step.

Data: ECB+ (DIR defaults to ../shared/data/ecbplus; see its SOURCE.md and
`benchmarks/ecbplus.py`): 982 articles over 43 topics, each topic two real events of one
kind (two earthquakes, two acquisitions), so 86 gold events of 3-22 articles. The XML is
detokenized to text, one sentence per paragraph; the 'ecbplus' articles' first line (the
address they were found at) becomes `Article.url`, and the day that address spells, if any,
`Article.published` (127 of 982 articles; the others have no date). Articles are built
directly (`format="text"`, no title, no clean stage), run through the claims stage
(`extract_batch` with `spacy_pipeline()`), `story_features` (all-MiniLM-L6-v2) and
`group_stories` from scratch.

Metrics: B-cubed (Bagga & Baldwin 1998): per article, the share of its story that is of its
gold event (precision) and the share of its gold event that is in its story (recall),
averaged over articles; F1 of the two averages. A scope's rows score only that scope's
articles (a story is cut down to them), grouped together with all others in one run.

Tuning: the grouping rules and thresholds were chosen looking only at topics 1-22 (the
topics ECB+ experiments usually train on; 20 topics, 15 and 17 do not exist). Topics 23-45
(23 topics) were not looked at while tuning: that row is the figure to report.

Cost: `group_stories` over all 982 articles from scratch, and incrementally: the 882 first
articles (a fixed pseudo-random order, so the last 100 fall across topics) grouped first,
then all 982 with `existing=` those stories; that second call is what a run adding 100
articles to a database of 882 pays. The row "incremental result" scores it. Timings are
wall-clock on a shared machine; read them as rough.

--cache FILE keeps the claims-stage output and the lead embeddings in a pickle between runs
(iterating on grouping without re-parsing 982 articles); it is reused only when the
articles' texts are the same. Timings of those stages are then not measured.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecbplus import BCubed, bcubed, load_corpus, newsprism_article  # noqa: E402
from table import format_figure, format_table  # noqa: E402

from newsprism.claims import extract_batch  # noqa: E402
from newsprism.models import Article, ArticleClaims, Story  # noqa: E402
from newsprism.nlp import Embedder, default_embedder, spacy_pipeline  # noqa: E402
from newsprism.stories import group_stories, story_features  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus"
TUNING_TOPICS = range(1, 23)
INCREMENT = 100


class CachedEmbedder:
    """The real embedder behind a dictionary of texts already encoded."""

    def __init__(self, inner: Embedder, known: dict[str, np.ndarray]) -> None:
        self.inner, self.known = inner, known

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.known]
        if missing:
            for text, vector in zip(missing, self.inner.encode(missing), strict=True):
                self.known[text] = vector
        return np.asarray([self.known[t] for t in texts])


def _fingerprint(articles: Sequence[Article]) -> str:
    return hashlib.sha256("\x00".join(a.id + "\x01" + a.text for a in articles).encode()).hexdigest()


def _scores(stories: Sequence[Story], gold: dict[str, str], keep: set[str]) -> BCubed:
    predicted = {a: s.id for s in stories for a in s.articles if a in keep}
    return bcubed(predicted, {a: g for a, g in gold.items() if a in keep})


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, help="pickle of claims and embeddings kept between runs")
    parser.add_argument("--json", type=Path, help="write the figures and every story here")
    args = parser.parse_args(argv)

    docs = load_corpus(args.data)
    articles = [newsprism_article(d) for d in docs]
    events = {d.name: d.event for d in docs}
    topics = {d.name: str(d.topic) for d in docs}
    timings: dict[str, float | None] = {}

    cached: dict = {}
    if args.cache and args.cache.exists():
        cached = pickle.loads(args.cache.read_bytes())
        if cached.get("fingerprint") != _fingerprint(articles):
            cached = {}
    nlp, embedder = spacy_pipeline(), default_embedder()
    if "claims" in cached:
        claims: list[ArticleClaims] = cached["claims"]
        timings["claims stage (cached)"] = None
    else:
        began = time.perf_counter()
        claims = extract_batch(articles, nlp)
        timings["claims stage"] = time.perf_counter() - began
    caching = CachedEmbedder(embedder, cached.get("embeddings", {}))
    began = time.perf_counter()
    features = story_features(articles, claims, caching)
    timings["story_features" + (" (cached embeddings)" if cached else "")] = time.perf_counter() - began
    if args.cache:
        args.cache.write_bytes(pickle.dumps({"fingerprint": _fingerprint(articles), "claims": claims, "embeddings": caching.known}))

    began = time.perf_counter()
    stories = group_stories(features)
    timings[f"group_stories, {len(features)} from scratch"] = time.perf_counter() - began

    order = sorted(range(len(features)), key=lambda n: hashlib.sha256(features[n].article.encode()).hexdigest())
    shuffled = [features[n] for n in order]
    first = group_stories(shuffled[:-INCREMENT])
    began = time.perf_counter()
    grown = group_stories(shuffled, existing=first)
    timings[f"group_stories, {INCREMENT} added to {len(shuffled) - INCREMENT}"] = time.perf_counter() - began

    scopes = {
        "all topics": set(events),
        f"tuning (topics {TUNING_TOPICS.start}-{TUNING_TOPICS.stop - 1})": {a for a, t in topics.items() if int(t) in TUNING_TOPICS},
        f"held out (topics {TUNING_TOPICS.stop}-45)": {a for a, t in topics.items() if int(t) not in TUNING_TOPICS},
    }
    rows, figures = [], {}
    for result_name, result in (("from scratch", stories), ("incremental result", grown)):
        for scope, keep in scopes.items():
            n_stories = len({s.id for s in result for a in s.articles if a in keep})
            for gold_name, gold in (("events", events), ("topics", topics)):
                score = _scores(result, gold, keep)
                n_gold = len({gold[a] for a in keep})
                rows.append((result_name, scope, gold_name, format_figure(score.precision), format_figure(score.recall),
                             format_figure(score.f1), str(n_stories), str(n_gold), str(len(keep))))
                figures[f"{result_name} | {scope} | {gold_name}"] = {"precision": score.precision, "recall": score.recall, "f1": score.f1, "stories": n_stories, "gold": n_gold}
            if result_name == "incremental result":
                break  # one line is enough to see that the incremental result is as good
    print(format_table(("result", "scope", "gold", "B3 P", "B3 R", "B3 F1", "stories", "gold n", "articles"), rows, text_columns=3))
    print()
    print(format_table(("step", "seconds"), [(k, "-" if v is None else f"{v:.3f}") for k, v in timings.items()], text_columns=1))
    if args.json:
        by_id = {f.article: f for f in features}
        args.json.write_text(json.dumps({
            "figures": figures,
            "timings": timings,
            "stories": [{"id": s.id, "headline": s.headline, "start": s.start, "end": s.end,
                         "articles": [{"id": a, "event": events[a], "headline": by_id[a].headline} for a in s.articles]}
                        for s in stories],
        }, indent=1))
    return figures


if __name__ == "__main__":
    main()
