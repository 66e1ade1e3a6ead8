"""Anomalies inside one article (added to `Article.anomalies` by the cross-check stage):

- `anachronism`: text written from another point in time than the article's date: an
  event dated (with its year) before the article spoken of as still to come ('faces
  voters on November 3, 2026' in an article of 13 November 2026), or one dated after it
  spoken of as past; and a person called "former" something while the rest of the
  story (this article elsewhere, or another article) calls them that thing now.
- `unattributed_claim`: a claim put in the mouth of no one in particular ('critics have
  warned', 'some say', 'it is widely believed') with no named source in the sentence.

Only explicit dates with a year are compared: the claims stage resolves a yearless date
by the tense around it, which is exactly what would hide a sentence written from
another time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .dates import parse_datetime
from .entailment import sentences_of
from .models import Anomaly, Article, ArticleClaims, ArticleFraming

_MONTHS = {
    m: n + 1
    for n, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
_DATE = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})\b",
    re.IGNORECASE,
)
# Words that put an event still ahead of the writer.
FUTURE_CUES = re.compile(
    r"\b(will|upcoming|ahead of|(?:is|are) (?:set|due|expected|scheduled) to|faces voters|face voters|"
    r"is to be held|will be held|plans to|next (?:week|month|year))\b",
    re.IGNORECASE,
)
# Words that put an event behind the writer.
PAST_CUES = re.compile(
    r"\b(was held|were held|took place|won|lost|was elected|were elected|happened|occurred|last (?:week|month|year))\b",
    re.IGNORECASE,
)
# Sources that are no one in particular.
VAGUE_SOURCE = re.compile(
    r"\b(?:(?:some|many|several|other)\s+)?(critics|some|many|others|observers|experts|analysts|insiders|sources|"
    r"skeptics|sceptics|opponents|detractors|commentators|people familiar with[\w ]{0,30}?)\s+"
    r"(?:have\s+|had\s+|has\s+)?(?:long\s+|also\s+|repeatedly\s+)?"
    r"(say|said|says|warn|warned|warns|argue|argued|argues|claim|claimed|claims|believe|believed|fear|feared|"
    r"suggest|suggested|contend|contended|allege|alleged|complain|complained|question|questioned)\b"
    r"|\bit\s+(?:is|was|has\s+been)\s+(?:widely\s+)?(?:believed|said|thought|feared|claimed|rumou?red|suggested)\b",
    re.IGNORECASE,
)
# A named source in the same sentence ('critics, including Senator Ray Okafor, warned').
NAMED_SOURCE = re.compile(r"\b(?:including|such as|among them|led by|according to)\s+(?:[a-z]+\s+){0,2}[A-Z][a-z]+")
FORMER = re.compile(r"\b(former|ex-|onetime|one-time)\s*", re.IGNORECASE)


def explicit_dates(sentence: str) -> list[tuple[date, str]]:
    """(date, as printed) of each date with a year ('November 3, 2026', 'March 2025');
    a month without a day is its first day here and is compared by month."""
    out = []
    for m in _DATE.finditer(sentence):
        month, day, year = _MONTHS[m.group(1).lower()], m.group(2), int(m.group(3))
        try:
            out.append((date(year, month, int(day) if day else 1), m.group(0)))
        except ValueError:
            continue
    return out


def _sentence_spans(article: Article, claims: ArticleClaims | None) -> list[tuple[int, str]]:
    if claims and claims.sentences:
        return [(s.start, s.text) for s in claims.sentences]
    spans, pos = [], 0
    for s in sentences_of(article.text):
        at = article.text.find(s, pos)
        if at >= 0:
            spans.append((at, s))
            pos = at + len(s)
    return spans


def time_anomalies(article: Article, claims: ArticleClaims | None) -> list[Anomaly]:
    published = parse_datetime(article.published)
    if not published:
        return []
    today = published.date()
    out = []
    for start, sentence in _sentence_spans(article, claims):
        for when, printed in explicit_dates(sentence):
            month_only = not re.search(r"\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}", printed)
            before = (when.year, when.month) < (today.year, today.month) if month_only else when < today
            after = (when.year, when.month) > (today.year, today.month) if month_only else when > today
            if before and FUTURE_CUES.search(sentence):
                out.append(Anomaly(
                    "anachronism", sentence,
                    f"speaks of {printed} as still to come, but the article is dated {today.isoformat()}: "
                    "this text may have been written earlier and reused",
                    start, start + len(sentence),
                ))
                break  # one anomaly per sentence, however many dates it has
            if after and PAST_CUES.search(sentence):
                out.append(Anomaly(
                    "anachronism", sentence,
                    f"speaks of {printed} as past, but the article is dated {today.isoformat()}",
                    start, start + len(sentence),
                ))
                break
    return out


def unattributed_claims(article: Article, claims: ArticleClaims | None) -> list[Anomaly]:
    out = []
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”|\"[^\"\n]*\"", article.text)]
    for start, sentence in _sentence_spans(article, claims):
        m = VAGUE_SOURCE.search(sentence)
        if not m or NAMED_SOURCE.search(sentence):
            continue
        if any(a <= start + m.start() < b for a, b in quoted):
            continue  # someone named elsewhere is quoted saying it
        out.append(Anomaly(
            "unattributed_claim", sentence,
            f"“{m.group(0)}”: the claim is put to {(m.group(1) or 'no one').lower()} without naming anyone",
            start, start + len(sentence),
        ))
    return out


def role_anomalies(article: Article, framing: Sequence[ArticleFraming]) -> list[Anomaly]:
    """'former X' in this article while the story elsewhere gives the person the role X
    without 'former'."""
    current: dict[tuple[str, str], list[str]] = {}
    for f in framing:
        for d in f.descriptors:
            if d.kind in ("title", "label") and not FORMER.search(d.words):
                current.setdefault((d.entity, d.words.lower()), []).append(f.article)
    out = []
    mine = next((f for f in framing if f.article == article.id), None)
    for d in mine.descriptors if mine else []:
        m = FORMER.search(d.words)
        if d.kind not in ("title", "label") or not m:
            continue
        role = FORMER.sub("", d.words).strip().lower()
        where = current.get((d.entity, role))
        if where:
            elsewhere = "elsewhere in this article" if article.id in where else "in other articles of the story"
            out.append(Anomaly(
                "anachronism", d.words,
                f"calls {d.entity} “{d.words}” while the story {elsewhere} calls {d.entity} “{FORMER.sub('', d.words).strip()}”"
                " as of now",
                d.start, d.end,
            ))
    return out


def find_anomalies(
    article: Article, claims: ArticleClaims | None, framing: Sequence[ArticleFraming] = ()
) -> list[Anomaly]:
    return time_anomalies(article, claims) + role_anomalies(article, framing) + unattributed_claims(article, claims)
