"""Report stage: the Report as report.json (the contract in ../shared/spec) and as
report.html, a self-contained page a person reads offline."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from .graph import derivation_svg
from .models import Article, Claim, Mention, Report, Story
from .serialize import to_dict

SCHEMA_ID = "newsprism.report/1"


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "generated_at": report.generated_at,
        "counts": report.counts(),
        "inputs": [to_dict(r) for r in report.inputs],
        "articles": [to_dict(a) for a in report.articles],
        "stories": [to_dict(s) for s in report.stories],
        "timings": report.timings,
    }


def write_json(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report_to_dict(report), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def mark_id(article_id: str, start: int) -> str:
    return f"m-{article_id}-{start}"


def _spans_by_article(
    stories: list[Story], articles: list[Article] | None = None
) -> dict[str, list[tuple[int, int, list[str], list[int]]]]:
    """article -> non-overlapping (start, end, claim ids, mention starts) spans to mark:
    claim mentions, and the words of anomalies, descriptors and loaded terms (marked with
    their kind), so that every link of the report lands on the words it cites.
    A span that overlaps an earlier one is folded into that mark, and keeps an anchor
    of its own inside it so that links to it still land on the words."""
    raw: dict[str, dict[tuple[int, int], list[str]]] = defaultdict(lambda: defaultdict(list))
    for story in stories:
        for claim in story.claims:
            for m in claim.mentions:
                raw[m.article][(m.start, m.end)].append(claim.id)
        for framing in story.framing:
            for d in framing.descriptors:
                raw[framing.article][(d.start, d.end)].append(f"{d.kind}: {d.entity}")
            for t in framing.loaded_terms:
                raw[framing.article][(t.start, t.end)].append(f"loaded: {t.term}")
    for art in articles or []:
        for a in art.anomalies:
            if a.start is not None and a.end is not None:
                raw[art.id][(a.start, a.end)].append(a.kind)
    out: dict[str, list[tuple[int, int, list[str], list[int]]]] = {}
    for art, spans in raw.items():
        chosen: list[tuple[int, int, list[str], list[int]]] = []
        for (start, end), ids in sorted(spans.items()):
            if chosen and start < chosen[-1][1]:
                first, last, claims, starts = chosen[-1]
                chosen[-1] = (first, max(last, end), claims + ids, starts + [start])
            else:
                chosen.append((start, end, list(ids), [start]))
        out[art] = chosen
    return out


def marked_text(article: Article, spans: list[tuple[int, int, list[str], list[int]]]) -> Markup:
    """The article's clean text as escaped HTML paragraphs, claim mentions marked."""
    text = article.text
    parts: list[str] = []
    pos = 0
    for start, end, ids, starts in spans:
        parts.append(str(escape(text[pos:start])))
        anchors = "".join(f'<span id="{mark_id(article.id, s)}"></span>' for s in dict.fromkeys(starts) if s != start)
        parts.append(
            f'<mark id="{mark_id(article.id, start)}" title="{escape(", ".join(dict.fromkeys(ids)))}">'
            f"{anchors}{escape(text[start:end])}</mark>"
        )
        pos = end
    parts.append(str(escape(text[pos:])))
    html = "".join(parts)
    return Markup("".join(f"<p>{p}</p>" for p in html.split("\n\n")))


def _citations(story: Story, claim_ids: list[str], article_ids: list[str]) -> list[tuple[str, str]]:
    """(article, anchor of the cited words in it) for each article a brief sentence cites."""
    out = []
    for aid in article_ids:
        mention = next(
            (m for c in story.claims if c.id in claim_ids for m in c.mentions if m.article == aid), None
        )
        out.append((aid, mark_id(aid, mention.start) if mention else aid))
    return out


def framing_table(story: Story) -> list[tuple[str, dict[str, list[Any]]]]:
    """(person or group, article -> its descriptors) rows, side by side across articles;
    only people and groups that at least one article describes."""
    rows: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for f in story.framing:
        for d in f.descriptors:
            rows[d.entity][f.article].append(d)
    return sorted(((e, dict(by)) for e, by in rows.items()), key=lambda r: (-len(r[1]), r[0]))


@cache
def _environment() -> Environment:
    """One template environment per process: it caches the compiled templates, which
    matters when the web app renders a page per request."""
    return Environment(loader=PackageLoader("newsprism", "templates"), autoescape=select_autoescape(["html"]))


def render_html(report: Report, home: str | None = None) -> str:
    """report.html as a string. `home` is the address of the web app's story list, when
    the page is served by the app rather than written as a file."""
    env = _environment()
    spans = _spans_by_article(report.stories, report.articles)
    articles = {a.id: a for a in report.articles}
    citations = {story.id: [_citations(story, s.claims, s.articles) for s in story.brief] for story in report.stories}
    claim_by_id = {c.id: c for story in report.stories for c in story.claims}
    # each claim's first mention in each article (the claims × outlets table looks up every pair)
    mention_in = {c.id: _first_mentions(c) for story in report.stories for c in story.claims}
    removed_by_kind = {
        a.id: sorted({r.kind for r in a.removed}) for a in report.articles
    }
    page = env.get_template("report.html").render(
        report=report,
        counts=report.counts(),
        articles=articles,
        marked={a.id: marked_text(a, spans.get(a.id, [])) for a in report.articles},
        mark_id=mark_id,
        citations=citations,
        claim_by_id=claim_by_id,
        mention_in=mention_in,
        framing_table={story.id: framing_table(story) for story in report.stories},
        derivation_graph={story.id: derivation_svg(story, articles) for story in report.stories},
        removed_by_kind=removed_by_kind,
        css=(Path(__file__).parent / "templates" / "report.css").read_text(encoding="utf-8"),
        home=home,
    )
    return page


def _first_mentions(claim: Claim) -> dict[str, Mention]:
    first: dict[str, Mention] = {}
    for m in claim.mentions:
        first.setdefault(m.article, m)
    return first


def write_html(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path


def write_report(report: Report, out_dir: Path) -> tuple[Path, Path]:
    return write_json(report, out_dir / "report.json"), write_html(report, out_dir / "report.html")
