"""Claims stage: per article, the direct quotes with their speakers, the numbers with
what they count, and the dates with the event they date. Each extraction keeps its
evidence: the verbatim words and their character offsets in the cleaned text.

One spaCy pass per article (`nlp.pipe` over the batch) gives sentences, entities and
the dependency parse that attribution and measure-finding read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from .dates import parse_iso
from .measures import dates, quantities
from .models import Article, ArticleClaims, Entity, Extraction, Span
from .quotespans import QuoteSpan, quote_spans
from .speakers import People, person_name, speaker_for, speech_verbs, subject_speaker, trimmed

# Quoted stretches shorter than this are scare quotes or names, not statements, unless
# their sentence says who said them (a partial quote: 'urged lawmakers to act "without
# delay"', 'called the treaty "outdated"').
MIN_QUOTE_WORDS = 4


def extract_batch(articles: Sequence[Article], nlp: Any, on_item: Callable[[], None] | None = None) -> list[ArticleClaims]:
    """All claims of every article; `nlp` is a loaded spaCy pipeline, `on_item` is called
    after each article (the runner's progress bar)."""
    dates = [d for d in (parse_iso(a.published) for a in articles) if d]
    # an article without a date is read against the batch's typical date, not today's
    fallback = sorted(dates)[len(dates) // 2] if dates else None
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    out = []
    for article, doc in zip(articles, docs, strict=True):
        try:
            out.append(extract_article(article, doc, parse_iso(article.published) or fallback))
        except Exception as exc:  # one article's odd text must not stop the batch
            out.append(ArticleClaims(article=article.id, sentences=[], entities=[], extractions=[], error=repr(exc)))
        if on_item is not None:
            on_item()
    return out


def extract_article(article: Article, doc: Any, base: date | None) -> ArticleClaims:
    doc_sents = list(doc.sents)  # doc.sents re-walks the whole document on every access
    sentences = [trimmed(s) for s in doc_sents if s.text.strip()]
    entities = [Entity(e.start_char, e.end_char, e.text, label=e.label_) for e in doc.ents]
    people = People.of(doc)
    quotes = quote_spans(article.text)
    spans = [(q.start, q.end) for q in quotes]
    extractions: list[Extraction] = []
    sent_of = {tok.i: sent for sent in doc_sents for tok in sent}
    extractions += _quotes(article, doc, doc_sents, quotes, spans, people)
    extractions += _statements(article, doc_sents, spans, people)
    extractions += quantities(article, doc, sent_of, spans)
    extractions += dates(article, doc, sent_of, spans, base)
    return ArticleClaims(article=article.id, sentences=sentences, entities=entities, extractions=extractions)


def _quotes(
    article: Article, doc: Any, doc_sents: list[Any], quotes: list[QuoteSpan], spans: list[tuple[int, int]], people: People
) -> list[Extraction]:
    body = article.text  # the same string as doc.text, which spaCy rebuilds on each access
    found: list[tuple[QuoteSpan, Extraction]] = []
    for quote in quotes:
        start, end = quote.start, quote.end
        text = body[start:end].rstrip(" ,")
        written, speaker = speaker_for(doc, doc_sents, start, end, spans, people)
        if len(text.split()) < MIN_QUOTE_WORDS and written is None:
            continue  # a scare quote or a name in quotation marks
        previous = found[-1][1] if found else None
        if written is None and previous is not None and (quote.continues or "\n" not in body[previous.mention.end : start]):
            # a quote that follows another in the same paragraph without an attribution
            # of its own, or carries it into a new paragraph, continues the same speaker
            written, speaker = previous.speaker_as_written, previous.speaker
        span = doc.char_span(start, end, alignment_mode="expand")
        sentence = next((x for x in doc_sents if x.start <= span.start < x.end), None) if span is not None else None
        extraction = Extraction(
            article=article.id,
            kind="quote",
            mention=Span(start, start + len(text), text),
            sentence=trimmed(sentence) if sentence is not None else Span(start, end, body[start:end]),
            speaker_as_written=written,
            speaker=speaker,
            quote=text,
        )
        found.append((quote, extraction))
    _attribute_backwards(found)
    return [extraction for _, extraction in found]


def _attribute_backwards(found: list[tuple[QuoteSpan, Extraction]]) -> None:
    """A quote of several paragraphs is often attributed only in its last one ('...,'
    she said): its earlier paragraphs take that speaker."""
    for i in range(len(found) - 1, 0, -1):
        quote, later = found[i]
        earlier = found[i - 1][1]
        if quote.continues and earlier.speaker_as_written is None and later.speaker_as_written is not None:
            earlier.speaker_as_written, earlier.speaker = later.speaker_as_written, later.speaker


# Speech verbs whose clause is not a report of what someone said ("asked whether ...",
# "called on ...").
NOT_REPORTING = {"ask", "call", "talk", "speak", "continue"}


def _statements(article: Article, doc_sents: list[Any], spans: list[tuple[int, int]], people: People) -> list[Extraction]:
    """Indirect speech: 'The minister said she was not sure ...' and '..., according to
    Okafor'. The mention is the sentence (what a reader checks); `focus` is the reported
    clause. Sentences holding a quotation are left to the quote reader."""
    out: list[Extraction] = []
    for sent in doc_sents:
        if any(sent.start_char <= s < sent.end_char for s, _ in spans):
            continue
        found = _reported_clause(sent, spans, people)
        if found is None:
            continue
        clause, (written, speaker) = found
        sentence = trimmed(sent)
        out.append(
            Extraction(
                article=article.id,
                kind="statement",
                mention=sentence,
                sentence=sentence,
                speaker_as_written=written,
                speaker=speaker,
                focus=trimmed(clause),
            )
        )
    return out


def _reported_clause(sent: Any, spans: list[tuple[int, int]], people: People) -> tuple[Any, tuple[str | None, str | None]] | None:
    for verb in speech_verbs(sent, spans):
        if verb.lemma_.lower() in NOT_REPORTING:
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        written, speaker = subject_speaker(verb, sent.start_char, spans, people)
        if written is not None:
            return sent.doc[clause.left_edge.i : clause.right_edge.i + 1], (written, speaker)
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(sent.doc) and sent.doc[token.i + 1].lower_ == "to":
            source = next((c for c in sent.doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if source is not None:
                written = sent.doc[source.left_edge.i : source.right_edge.i + 1].text
                rest = [t for t in sent if not (token.i <= t.i <= source.right_edge.i) and not t.is_punct]
                if rest:
                    return sent.doc[rest[0].i : rest[-1].i + 1], (written, person_name(source, people) or written)
    return None
