"""Claims stage: per article, the direct quotes with their speakers, the numbers with
what they count, and the dates with the event they date. Each extraction keeps its
evidence: the verbatim words and their character offsets in the cleaned text.

One spaCy pass per article (`nlp.pipe` over the batch) gives sentences, entities and
the dependency parse that attribution and measure-finding read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from .datereadings import dates
from .dates import parse_iso
from .events import events
from .measures import quantities
from .models import Article, ArticleClaims, Entity, Extraction, Span
from .postquotes import inside_a_post, post_quotes
from .quotespans import DOUBLE_CLOSE, SINGLE_CLOSE, TWO_APOSTROPHES, QuoteSpan, quote_spans
from .quotetagger import (
    ArticleToTag,
    EncodedParagraph,
    Fragments,
    apply_tagger,
    join_parts,
    load_quote_tagger,
    said_fragments,
)
from .speakers import (
    SAY_VERBS,
    Attribution,
    People,
    according_to,
    cue_verbs,
    headline_claim,
    inside,
    person_name,
    possessive_speaker,
    put_it,
    speaker_for,
    speech_verbs,
    subject_speaker,
    surname_key,
    trimmed,
)

# A quoted sentence with no attribution of its own goes on with the quote before it
# (across a long attribution) only from this many words; shorter ones are scare quotes.
MIN_QUOTE_WORDS = 4
# A quote that nothing attributes is kept only from this many words: shorter ones are
# mostly slogans, signs, titles, names and scare quotes ('"no conflict of interest"',
# '"Defeat Crooked Hillary PAC"'), unless their sentence says who said them (a partial
# quote: 'urged lawmakers to act "without delay"'). 6 rather than 4 was chosen on PolNeAR
# train (first 300 articles).
MIN_UNATTRIBUTED_QUOTE_WORDS = 6
# Languages the claims stage reads (ISO 639-1): its quote, speaker, number and date rules
# and the spaCy model it loads are English.
CLAIMS_LANGUAGES = frozenset({"en"})
# Articles whose quotes the tagger reads in one go (their parses are kept until then).
TAGGER_ARTICLES = 32
# What the tagger found in an article (its quotes' fragments), or why it could not read it.
Tagged = list[Fragments] | Exception


def extract_batch(
    articles: Sequence[Article],
    nlp: Any,
    on_item: Callable[[], None] | None = None,
    quote_tagger: bool = True,
    beside: Callable[[Sequence[Article], Sequence[ArticleClaims]], object] | None = None,
) -> list[ArticleClaims]:
    """All claims of every article; `nlp` is a loaded spaCy pipeline, `on_item` is called
    after each article (the runner's progress bar). `quote_tagger=False` keeps the rules'
    quotes as they are (the tagger's training reads them so). `beside(articles, claims)`
    is called on each chunk's finished claims in the tagger's thread (one torch thread),
    which idled a quarter of the time while spaCy parsed here at 1,000 throughput inputs
    (less at 3,000; DEVELOPERS.md): the runner embeds the articles' leads there. It is
    done for every chunk before this returns, and what it raises is raised here."""
    dates = [d for d in (parse_iso(a.published) for a in articles) if d]
    # an article without a date is read against the batch's typical date, not today's
    fallback = sorted(dates)[len(dates) // 2] if dates else None
    docs = iter(nlp.pipe((a.text for a in articles), batch_size=16))
    out: list[ArticleClaims] = []

    side_work: list[Future[object]] = []

    def finish(read: list[_Reading | ArticleClaims], tagging: Future[list[Tagged]] | None, tagger: Executor) -> None:
        tagged = iter(tagging.result() if tagging is not None else [])
        done = len(out)
        for r in read:
            out.append(_finish_or_fail(r, next(tagged, None), fallback) if isinstance(r, _Reading) else r)
            if on_item is not None:
                on_item()
        if beside is not None:
            side_work.append(tagger.submit(beside, articles[done : len(out)], out[done:]))

    # All of the tagger's torch work runs in one thread beside this one, a chunk behind:
    # while spaCy parses chunk k here (on one core), that thread tags chunk k - 1 and
    # encodes chunk k, whose encoding needs only the texts. Stop 24, the 300 inputs of
    # `benchmarks/throughput.py`: the claims stage took 31 s without the tagger; with it,
    # 54 s tagging article by article here, 44 s a chunk at a time here, 39 s with only
    # the encoder in that thread, 44 s with all of it there on torch's default two
    # threads (three busy threads on two cores), 32 s as it is. Stop 26, the first 400
    # articles: the rules in a third thread (this one only parsing) took 38.4 s against
    # 36.1 s as it is (three runs each): they hold the GIL the parse needs.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="quote-tagger", initializer=_one_torch_thread) as tagger:
        pending: tuple[list[_Reading | ArticleClaims], Future[list[Tagged]] | None] | None = None
        for start in range(0, len(articles), TAGGER_ARTICLES):
            chunk = articles[start : start + TAGGER_ARTICLES]
            encoding = tagger.submit(_encode, chunk) if quote_tagger else None
            read = [_read_or_fail(article, next(docs)) for article in chunk]
            if pending is not None:
                finish(*pending, tagger)
            pending = (read, tagger.submit(_tag, read, encoding) if encoding is not None else None)
        if pending is not None:
            finish(*pending, tagger)
        for work in side_work:
            work.result()
    return out


def reads_language(language: str | None) -> bool:
    """Whether claims are read from an article in `language` ('en', 'en-US'); an article
    whose language nobody could tell is read."""
    return language is None or language.split("-")[0].split("_")[0].lower() in CLAIMS_LANGUAGES


def extract_article(article: Article, doc: Any, base: date | None, quote_tagger: bool = True) -> ArticleClaims:
    reading = _read(article, doc)
    tagged = load_quote_tagger().quotes([reading.to_tag()])[0] if quote_tagger else None
    return _finish(reading, tagged, base)


@dataclass
class _Reading:
    """An article's parse as the claims readers use it, and the rules' quotes, before the
    quote tagger has read the article."""

    article: Article
    doc: Any
    doc_sents: list[Any]
    people: People
    spans: list[tuple[int, int]]  # inside quotation marks
    quotes: list[Extraction]

    def to_tag(self) -> ArticleToTag:
        return ArticleToTag(self.article.text, [said_fragments(e) for e in self.quotes], self.spans)


def _one_torch_thread() -> None:
    """torch in the tagger's thread uses one core, and leaves the other to spaCy (torch's
    thread count is the calling thread's own)."""
    import torch

    torch.set_num_threads(1)


def _encode(chunk: Sequence[Article]) -> list[list[EncodedParagraph] | None]:
    """What the tagger's encoder makes of each article whose language is read."""
    texts = [article.text for article in chunk if reads_language(article.language)]
    encoded = iter(load_quote_tagger().encode(texts))
    return [next(encoded) if reads_language(article.language) else None for article in chunk]


def _read_or_fail(article: Article, doc: Any) -> _Reading | ArticleClaims:
    if not reads_language(article.language):
        # the sentences still serve cross-checking (copies, rewrites); no claim is read
        sentences = [trimmed(s) for s in doc.sents if s.text.strip()]
        return ArticleClaims(article.id, sentences, [], [], unread_language=article.language)
    try:
        return _read(article, doc)
    except Exception as exc:
        return _failed(article, exc)


def _tag(read: list[_Reading | ArticleClaims], encoding: Future[list[list[EncodedParagraph] | None]]) -> list[Tagged]:
    """What the quote tagger finds in each of the articles of `read` that were read (with
    `encoding`, aligned with `read`), or why it could not read one."""
    readings = [r for r in read if isinstance(r, _Reading)]
    try:
        encoded = [e or [] for r, e in zip(read, encoding.result(), strict=True) if isinstance(r, _Reading)]
        return list(load_quote_tagger().quotes([r.to_tag() for r in readings], encoded))
    except Exception:  # one article it cannot read: tag them one by one to find it
        out: list[Tagged] = []
        for r in readings:
            try:
                out.append(load_quote_tagger().quotes([r.to_tag()])[0])
            except Exception as exc:
                out.append(exc)
        return out


def _finish_or_fail(reading: _Reading, tagged: Tagged | None, fallback: date | None) -> ArticleClaims:
    if isinstance(tagged, Exception):
        return _failed(reading.article, tagged)
    try:
        return _finish(reading, tagged, parse_iso(reading.article.published) or fallback)
    except Exception as exc:
        return _failed(reading.article, exc)


def _failed(article: Article, exc: Exception) -> ArticleClaims:
    return ArticleClaims(article=article.id, sentences=[], entities=[], extractions=[], error=repr(exc))


def _read(article: Article, doc: Any) -> _Reading:
    doc_sents = list(doc.sents)  # doc.sents re-walks the whole document on every access
    people = People.of(doc)
    quotes = quote_spans(article.text)
    spans = [(q.start, q.end) for q in quotes]
    return _Reading(article, doc, doc_sents, people, spans, _quotes(article, doc, doc_sents, quotes, spans, people))


def _finish(reading: _Reading, tagged: list[Fragments] | None, base: date | None) -> ArticleClaims:
    """The claims of a read article; `tagged` is what the quote tagger found (None: the
    rules' quotes stay as they are)."""
    article, doc, doc_sents, people, spans = reading.article, reading.doc, reading.doc_sents, reading.people, reading.spans
    sentences = [trimmed(s) for s in doc_sents if s.text.strip()]
    entities = [Entity(e.start_char, e.end_char, e.text, label=e.label_) for e in doc.ents]
    extractions = list(reading.quotes)
    sent_of = {tok.i: sent for sent in doc_sents for tok in sent}
    if tagged is not None:

        def new_quote(start: int, end: int) -> Extraction | None:
            return _quote_at(article, doc, doc_sents, start, end, spans, people)

        extractions = apply_tagger(
            article.text, extractions, tagged, spans, new_quote, rules_decide=lambda quote: _is_transcript_turn(quote, article.text), min_unattributed_words=MIN_UNATTRIBUTED_QUOTE_WORDS
        )
        for quote in extractions:
            _without_the_occasion(doc, quote, article.text)
    quoted = [(e.mention.start, e.mention.end) for e in extractions if e.kind == "quote"]
    extractions += _statements(article, doc_sents, spans, quoted, people)
    # what a printed post quotes or reports is the post's: the post itself is the quote
    extractions = [e for e in extractions if not inside_a_post(article, e.mention.start)]
    extractions += post_quotes(article, doc_sents, people)
    _pronouns_to_last_speaker(extractions, people, article.text)
    posts = [(e.start, e.end) for e in article.embeds]
    extractions += events(article, doc_sents, spans + posts, people)
    extractions += quantities(article, doc, sent_of)
    extractions += dates(article, doc, sent_of, base)
    return ArticleClaims(article=article.id, sentences=sentences, entities=entities, extractions=extractions)


def _quotes(
    article: Article, doc: Any, doc_sents: list[Any], quotes: list[QuoteSpan], spans: list[tuple[int, int]], people: People
) -> list[Extraction]:
    body = article.text  # the same string as doc.text, which spaCy rebuilds on each access
    found: list[_Quote] = []
    headline_end = body.find("\n")
    if headline_end == -1:  # a text of one line is all headline
        headline_end = len(body)
    headline = headline_claim(body, headline_end, people)
    for quote in quotes:
        start, end = quote.start, quote.end
        text = body[start:end].rstrip(" ,")
        turn = INTERVIEW_TURN.match(text)
        said_in_headline = False
        if headline is not None and headline.start <= start < headline.end:
            # 'Okafor: Plan Is a ‘Costly Mistake’': the claim is the rest of the headline
            said_in_headline = True
            if found and found[-1].headline:
                found[-1].extend(Span(start, start + len(text), text), body)
                continue
            attribution = headline.attribution
        elif turn:  # '"PENCE: Well, look, ...': a transcript's turn names its speaker
            start, text = start + turn.end(), text[turn.end() :]
            name = turn.group(1).title()
            known = people.names.get(surname_key(name.split()[-1]))
            attribution = Attribution(turn.group(1), known if known and not known.isupper() else name)
        else:
            attribution = speaker_for(doc, doc_sents, start, end, spans, people)
        if _title_case(text) and start > headline_end:
            # the title of a book, film, song or story ('"A Change Is Gonna Come"'); in a
            # headline, where every word is capitalised, it may be speech. Looked at before
            # the join below: a title inside an attribution ('"A," said Okafor, the author
            # of "Seven Quiet Rivers," a memoir.') is no part of the quote around it
            continue
        previous = found[-1] if found else None
        if previous is not None and _interrupts(body, previous, quote, attribution):
            previous.extend(Span(start, start + len(text), text), body)
            continue
        if len(text.split()) < MIN_UNATTRIBUTED_QUOTE_WORDS and attribution.written is None:
            continue  # a scare quote, a slogan or a name in quotation marks
        written, speaker = attribution.written, attribution.speaker
        if written is None and previous is not None and (quote.continues or "\n" not in body[previous.extraction.mention.end : start]):
            # a quote that follows another in the same paragraph without an attribution
            # of its own, or carries it into a new paragraph, continues the same speaker
            written, speaker = previous.extraction.speaker_as_written, previous.extraction.speaker
        extraction = _quote_extraction(article, doc, doc_sents, start, end, text, written, speaker)
        found.append(_Quote(quote, extraction, attribution.verb, headline=said_in_headline, attributed=attribution.written is not None))
    _attribute_backwards(found)
    found = _join_paragraphs(found, body)
    for item in found:
        if item.headline and headline is not None:
            item.extraction.focus = Span(headline.start, headline.end, body[headline.start : headline.end])
        else:
            item.extraction.focus = _reported_clause_around(doc, item, body) or _judged_as(doc, item, body)
    return [item.extraction for item in found]


def _quote_at(
    article: Article, doc: Any, doc_sents: list[Any], start: int, end: int, spans: list[tuple[int, int]], people: People
) -> Extraction | None:
    """A quote the rules left out and the tagger found, with the speaker the rules read (or
    none); None when the quotation is title-cased (a name or a title, as the rules read it)."""
    text = article.text[start:end].rstrip(" ,")
    if _title_case(text):
        return None
    attribution = speaker_for(doc, doc_sents, start, end, spans, people)
    if attribution.written is None:
        attribution = possessive_speaker(doc, start, end, spans, people)
    return _quote_extraction(article, doc, doc_sents, start, end, text, attribution.written, attribution.speaker)


def _quote_extraction(
    article: Article, doc: Any, doc_sents: list[Any], start: int, end: int, text: str, written: str | None, speaker: str | None
) -> Extraction:
    """A quote claim: its words `text` from `start`, in the sentence that holds [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    sentence = next((x for x in doc_sents if x.start <= span.start < x.end), None) if span is not None else None
    return Extraction(
        article=article.id,
        kind="quote",
        mention=Span(start, start + len(text), text),
        sentence=trimmed(sentence) if sentence is not None else Span(start, end, article.text[start:end]),
        speaker_as_written=written,
        speaker=speaker,
        quote=text,
    )


def _without_the_occasion(doc: Any, quote: Extraction, body: str) -> None:
    """'described the plan as a "costly mistake" during a town hall': the tagger, like some
    PolNeAR annotators, runs a judgement on into the writer's setting of the report after
    the quotation; cut it where `_judgement_end` would (a dash, a time, an occasion)."""
    focus, mention = quote.focus, quote.mention
    closing = _after_closing_mark(body, mention.end)
    if focus is None or focus.end <= closing or focus.start > mention.start:
        return
    if not _JUDGED_AS.search(body, focus.start, mention.start):
        return  # only a judgement ends at its quote: 'would "fail" before the storms' runs on
    quoted = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    said = doc.char_span(focus.start, focus.end, alignment_mode="expand")
    if quoted is None or said is None or len(quoted) == 0:
        return
    if _judgement_end(quoted, said[-1].i) < said[-1].i:
        quote.focus = Span(focus.start, closing, body[focus.start : closing])


def _is_transcript_turn(quote: Extraction, body: str) -> bool:
    """'"WALLACE: Let's start ...': a turn of a printed transcript is a quote, though
    PolNeAR, which the tagger learned from, leaves transcripts unannotated."""
    written = quote.speaker_as_written
    before = body[max(0, quote.mention.start - 60) : quote.mention.start]
    return written is not None and re.search(re.escape(written) + r": *$", before) is not None


@dataclass
class _Quote:
    """A quote being read: its span, its extraction so far, and its speech verb."""

    span: QuoteSpan
    extraction: Extraction
    verb: Any
    headline: bool = False  # said by the speaker a headline opens with
    attributed: bool = False  # its own sentence (or a signature, a colon) says who said it

    def extend(self, part: Span, body: str) -> None:
        """Add the next stretch of a quote that its attribution interrupted."""
        e = self.extraction
        join_parts(e, (e.parts or [e.mention]) + [part], body)


# A transcript's turn: a speaker's name in capitals and a colon ('WALLACE: Let's start').
INTERVIEW_TURN = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}): +(?=\S)")

# At most this many words between two quoted stretches of one attribution ('," said Sen.
# Tim Kaine, the Democratic nominee. "').
MAX_INTERRUPTION_WORDS = 10


def _interrupts(body: str, previous: _Quote, quote: QuoteSpan, attribution: Attribution) -> bool:
    """'"A," she said. "B."' and '"A," she said, "B."': an attribution between two quoted
    stretches of one paragraph, and nothing else, makes them one quote (as PolNeAR and
    PARC annotate them); the second stretch has no speech verb of its own."""
    verb = previous.verb
    if verb is None or attribution.verb is not None and attribution.verb.i != verb.i:
        return False
    gap_start = previous.extraction.mention.end
    gap = body[gap_start : quote.start]
    if "\n" in gap:
        return False
    # the parser may glue the opening mark of "B" to the sentence of the attribution
    # before it ('... at the university. \'\'B'), which then reads as B's own verb
    own_verb = attribution.verb is None or (attribution.verb.i == verb.i and gap_start <= verb.idx < quote.start)
    # what stands between the stretches is the attribution, or nothing: 'I laughed and
    # said, "A." She became so upset that I had to change my answer: "B."' is two quotes
    attribution_between = gap_start <= verb.idx < quote.start or not re.search(r"\w", gap)
    if own_verb and attribution_between and _opens_sentence(body, quote) and len(body[quote.start : quote.end].split()) >= MIN_QUOTE_WORDS:
        # '"A," said Kidd, a political scientist at the university. "B."': a quoted
        # sentence with no attribution of its own goes on with the quote before it,
        # however long the attribution between them
        return True
    if set(re.findall(r"\w+", gap.lower())) <= {"and", "but", "or"}:
        return True  # 'she said "A," but "B."'
    if not gap_start <= verb.idx < quote.start:
        return False
    if len(re.findall(r"[^\W\d_][\w'’.-]*", gap)) > MAX_INTERRUPTION_WORDS:
        return False
    # every word of the gap belongs to the attribution: the verb, its subject, its
    # adverbs and objects ('told reporters on Tuesday'), but no clause of its own
    # ('she said, pointing at the roof')
    allowed = {verb.i}
    for child in verb.children:
        if child.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "parataxis", "cc"):
            allowed.update(t.i for t in child.subtree)
    doc = verb.doc
    gap_tokens = doc.char_span(gap_start, quote.start, alignment_mode="contract")
    return gap_tokens is not None and all(t.i in allowed or t.is_punct or t.is_space for t in gap_tokens)


def _opens_sentence(body: str, quote: QuoteSpan) -> bool:
    """Whether the quotation mark before the quote opens a sentence of its own."""
    before = body[: quote.start].rstrip("\"“'‘ ")
    return not before or before[-1] in ".!?:\n\"”’'"


def _reported_clause_around(doc: Any, item: _Quote, body: str) -> Span | None:
    """The reported clause a partial quote sits in: for 'said the plan would "fail
    miserably" next year' the words from 'the plan' to 'year' (what was said, of which
    only a part is quoted verbatim); None when the quote is the whole of what was said."""
    verb, mention = item.verb, item.extraction.mention
    if verb is None:
        return _according_clause(doc, item, body)
    if item.extraction.parts and mention.start <= verb.idx < mention.end:
        return None  # stretches that the attribution interrupts are all that was said
    # quoted stretches joined by 'and'/'or' ('called the plan "costly" and "late"') sit
    # in one clause, which the mention (from the first to the last stretch) spans
    if mention.text[:1].isupper() and body[: mention.start].rstrip("\"“'‘ ")[-1:] in (",", ":"):
        return None  # 'saying, "That makes me smart,"': a quoted sentence is all that was said
    first = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return None
    set_inside = verb.dep_ == "parataxis" or verb.dep_ == "advcl" and put_it(verb)
    if set_inside and any(t.i == verb.head.i for t in first[0].ancestors):
        return _around_attribution(verb, first, mention.end, body)
    verb = _nearest_report(first[0], verb, [(mention.start, mention.end)])
    child = first[0]
    path = [child]  # the quote's first word and its heads up to the reported clause
    while child.head.i != verb.i and child.head.i != child.i:
        child = child.head
        path.append(child)
    if child.head.i != verb.i or child.i == verb.i or child.dep_ in ("nsubj", "nsubjpass", "punct"):
        return None
    if child.i > verb.i and child.dep_ not in ("ccomp", "xcomp"):
        # from the verb's object ('called [Clinton] a "disgrace"'); a reported clause
        # ('told voters [he would ...]') is its own subtree
        objects = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "dative", "oprd", "attr")] + [child]
        left = min(c.left_edge.i for c in objects)
        right = _judgement_end(first, child.right_edge.i)
    else:
        left = child.left_edge.i
        right = child.right_edge.i
        for sibling in verb.children:  # 'said Trump has "enormous respect" [and] his comment was ...'
            joined = sibling.left_edge.i == right + 1 and not (sibling.left_edge.is_punct or doc[right].text in ",;:")
            if sibling.dep_ == "ccomp" and joined:
                right = sibling.right_edge.i  # the parse splits one reported clause in two
    right = _last_word(doc, _clause_end(path, right, first[-1].i), left)
    start = min(doc[left].idx, mention.start - 1)
    end = max(doc[right].idx + len(doc[right]), _after_closing_mark(body, mention.end))
    start = max(start, 0)
    end = min(end, len(body))
    words_outside = len(re.findall(r"\w+", body[start : mention.start])) + len(re.findall(r"\w+", body[mention.end : end]))
    if words_outside < MIN_CLAUSE_WORDS_OUTSIDE_QUOTE:
        return None
    return Span(start, end, body[start:end])


def _around_attribution(verb: Any, first: Any, quote_end: int, body: str) -> Span | None:
    """'But the weapons his country has, he added, are like "nuclear bombs"', 'the
    requirement is a "lawful source of income," as a memo put it': the attribution is set
    inside or after what was said, which is the clause the parse hangs it from, less the
    attribution at its end and the conjunction that links it to the sentence before."""
    clause = verb.head
    attribution = {t.i for t in verb.subtree} if verb.i > first[-1].i else set()
    tokens = [
        t for t in clause.subtree
        if t.i not in attribution and not (t.head.i == clause.i and t.dep_ in ("cc", "mark", "punct") and t.i < first[0].i)
    ]
    # trimmed on the list, not on the doc: the attribution left out may sit between
    while tokens and tokens[-1].is_punct and not _is_quote_mark(tokens[-1].text):
        tokens.pop()
    if not tokens or tokens[0].i >= first[0].i:
        return None  # the clause starts at the quote: the quote is what was said
    start = tokens[0].idx
    end = min(max(tokens[-1].idx + len(tokens[-1]), _after_closing_mark(body, quote_end)), len(body))
    return Span(start, end, body[start:end])


def _judged_as(doc: Any, item: _Quote, body: str) -> Span | None:
    """'admires Putin as a "strong leader"', 'pounding Trump as a "con artist"': a quote
    that says what someone takes a person or thing for is said of that object, whatever
    the verb; what was said is the object, 'as' and the quote."""
    mention = item.extraction.mention
    if item.extraction.speaker is None or item.extraction.parts:
        return None
    first = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return None
    for token in first[0].ancestors:
        if token.lower_ == "as" and token.dep_ == "prep" and token.i < first[0].i:
            objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
            if not objects or token.head.pos_ != "VERB" or token.i - objects[0].right_edge.i > 1:
                return None
            start = objects[0].left_edge.idx
            # what completes the judgement goes with it ('as "directly responsible" for the
            # attack'); the writer's setting after it does not ('"a con artist" ― just as
            # ...'), nor an aside after a comma ('as "Spanish," which is what ...')
            right = _judgement_end(first, token.right_edge.i)
            if any(t.text == "," for t in doc[first[-1].i + 1 : right + 1]):
                right = first[-1].i
            last = doc[_last_word(doc, right, first[-1].i)]
            end = max(_after_closing_mark(body, mention.end), last.idx + len(last))
            end = min(end, len(body))
            return Span(start, end, body[start:end])
        if token.i < first[0].i - MAX_JUDGED_AS_TOKENS:
            return None
    return None


# 'as' is at most this many tokens before the quote it introduces ('as a "strong leader"').
MAX_JUDGED_AS_TOKENS = 3

# 'as' a few words before the quotation: 'described the plan as a "costly mistake"'
_JUDGED_AS = re.compile(r"\bas\b(?:\s+\S+){0," + str(MAX_JUDGED_AS_TOKENS) + r"}\s*[\"“‘']*$")


def _according_clause(doc: Any, item: _Quote, body: str) -> Span | None:
    """'According to Okafor, the plan is "a costly mistake."': what was said is the
    sentence without its 'according to' phrase."""
    mention = item.extraction.mention
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0 or item.extraction.parts:
        return None
    sent = span[0].sent
    found = according_to(sent, [(mention.start, mention.end)])
    if found is None:
        return None
    token, source = found
    rest = [t for t in sent if not (token.i <= t.i <= source.right_edge.i) and not t.is_punct and not t.is_space]
    if not rest:
        return None
    start, end = min(rest[0].idx, mention.start), max(rest[-1].idx + len(rest[-1]), mention.end)
    words_outside = len(re.findall(r"\w+", body[start : mention.start])) + len(re.findall(r"\w+", body[mention.end : end]))
    if words_outside < MIN_CLAUSE_WORDS_OUTSIDE_QUOTE:
        return None
    return Span(start, end, body[start:end])


def _nearest_report(token: Any, verb: Any, quoted: list[tuple[int, int]]) -> Any:
    """The speech verb nearest above the quote on its way up to the attributing verb:
    in 'criticized the accord, saying it goes "nowhere near far enough"' what was said
    is what 'saying' reports. A verb inside the quote is part of what was said, and a
    relative clause ('what he called "a disgrace"', 'tweets in which he called her
    "disgusting"') names the quote inside what the outer verb reports: both are passed
    over."""
    nearest = None
    for head in token.ancestors:
        if head.i == verb.i:
            return nearest or verb
        if nearest is None and _reports(head) and not inside(head.idx, quoted):
            nearest = head
    return verb


def _reports(token: Any) -> bool:
    """Whether a speech verb above a quote reports it on its own: not in a relative
    clause, not a verb of talking ('could speak directly to "white people"', 'calling
    out Trump for his "lies"'), not a second predicate of the outer verb ('called her
    "disgusting" and referred to her "sex tape"')."""
    relative = token.dep_ == "relcl" or any(c.tag_ in ("WP", "WDT") for c in token.subtree if c.i < token.i)
    talking = token.lemma_.lower() in NOT_REPORTING | {"suggest"} or any(c.dep_ == "prt" for c in token.children)
    return token.lemma_.lower() in SAY_VERBS and token.pos_ == "VERB" and not relative and not talking and token.dep_ != "conj"


# Prepositions that open the occasion of a report rather than go on with what was said:
# '"a disgrace" during a campaign stop', '... at a rally'. Others mostly complete the
# quoted words ('"a genius" for his tax strategy', '"implicit bias" against minorities').
OCCASION_PREPOSITIONS = {"during", "at", "while", "after", "before", "amid", "following", "since"}


def _judgement_end(quoted: Any, right: int) -> int:
    """Where the words of a judgement end ('described the law as a "crazy system"'): at
    the quote when what follows it is the writer's own setting of the report, a dash
    ('"burning the Constitution" - a charge that ...'), a time ('"a disgrace" Wednesday
    on ...') or a place or occasion ('"crazy system" during a campaign stop'); the parse
    hangs these from the quoted noun, but the speaker did not say them."""
    doc = quoted.doc
    after = quoted[-1].i + 1
    while after <= right and _is_quote_mark(doc[after].text):
        after += 1
    if after > right:
        return right
    token = doc[after]
    dash = token.is_punct and token.text.strip("-—–―") == ""
    dated = token.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in token.children)  # 'on Tuesday'
    when = token.dep_ == "npadvmod" or token.ent_type_ in ("DATE", "TIME") or dated
    adjunct = when or token.dep_ == "prep" and token.lower_ in OCCASION_PREPOSITIONS
    return after - 1 if dash or adjunct else right


def _clause_end(path: list[Any], right: int, quote_end: int) -> int:
    """Where the reported clause ends: before a second report that the sentence goes on
    to, a speech verb joined to the clause ('found him "charming" [and called ...]',
    'has "grown the party," [claiming ...]'); the parse often hangs it from the reported
    clause rather than from the verb that reports it. Other predicates joined to the
    clause ('would "act like a puppy" [and back Trump]') are part of what was said."""
    for token in path:
        for dep in token.children:
            if dep.left_edge.i > quote_end and _second_report(dep):
                right = min(right, dep.left_edge.i - 1)
    doc = path[0].doc
    while right > quote_end and doc[right].dep_ == "cc":  # the 'and' before the report left out
        right -= 1
    return right


def _second_report(token: Any) -> bool:
    """A speech verb joined to the reported clause as a report of its own: a conjunct
    ('and called ...') or an adverbial clause ('claiming ...', 'when he spoke to ...').
    An infinitive is not one: in 'would be "improper" [for him to speak on ...]' it
    completes what was said; nor is a clause of condition, time limit or reason ('was
    "riding the fence" [until Haley said ...]'), which is part of what was said."""
    if token.lemma_.lower() not in SAY_VERBS:
        return False
    if any(c.dep_ == "xcomp" for c in token.children) and token.lemma_.lower() == "continue":
        return False  # 'and that the committee would continue to investigate': not speech
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
    subordinate = any(c.dep_ == "mark" and c.lower_ in PART_OF_WHAT_WAS_SAID for c in token.children)
    return token.dep_ == "conj" or token.dep_ == "advcl" and not infinitive and not subordinate


# Subordinators whose clause, hung from a reported clause, goes on with what was said
# rather than setting the scene of the report ('when', 'as', 'after' do that).
PART_OF_WHAT_WAS_SAID = {"until", "unless", "if", "because", "although", "though", "since", "so"}


# A reported clause is more than its quote when it has at least this many words of its
# own: one is enough ('said that "we're in this together"', 'called it "disqualifying"',
# as PolNeAR marks what was said). 1 rather than 2 was chosen on PolNeAR train (840
# articles: direct-quote F1 0.862 -> 0.863) and dev (0.870 -> 0.871).
MIN_CLAUSE_WORDS_OUTSIDE_QUOTE = 1


def _title_case(text: str) -> bool:
    """Every word of four letters or more capitalised, and no comma: a title, not speech.
    Any sentence capitalises its first word, so a title needs another capitalised long
    word or every word capitalised ('"Morning Joe"'; not '"Don't you do it"')."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    long_words = [w for w in words if len(w) >= 4]
    if len(words) < 2 or not long_words or "," in text or not all(w[0].isupper() for w in long_words):
        return False
    return any(len(w) >= 4 for w in words[1:]) or all(w[0].isupper() for w in words)


# A closing quotation mark (as `quotespans` closes quotes) after the punctuation it may
# close over ('called the plan "reckless," saying ...').
_CLOSING_MARK = re.compile(f"[,.;:!?…]{{0,3}}(?:{TWO_APOSTROPHES}|[\"'{DOUBLE_CLOSE}{SINGLE_CLOSE}])")


def _after_closing_mark(body: str, quote_end: int) -> int:
    """Where the quote that ends at `quote_end` is closed: after its closing mark and the
    punctuation the mark closes over ('"reckless,"'), so that a clause that ends at the
    quote does not stop inside it ('the plan "reckless,'); one character on otherwise."""
    found = _CLOSING_MARK.match(body, quote_end)
    return found.end() if found else quote_end + 1


def _last_word(doc: Any, right: int, left: int) -> int:
    """`right` moved back over trailing punctuation, but not past `left` and not over a
    closing quotation mark, which belongs to what was said."""
    while right > left and doc[right].is_punct and not _is_quote_mark(doc[right].text):
        right -= 1
    return right


def _is_quote_mark(text: str) -> bool:
    return text in ('"', "“", "”", "''", "'", "‘", "’")


def _attribute_backwards(found: list[_Quote]) -> None:
    """A quote of several paragraphs is often attributed only in its last one ('...,'
    she said): its earlier paragraphs take that speaker."""
    for i in range(len(found) - 1, 0, -1):
        later = found[i].extraction
        earlier = found[i - 1].extraction
        if found[i].span.continues and earlier.speaker_as_written is None and later.speaker_as_written is not None:
            earlier.speaker_as_written, earlier.speaker = later.speaker_as_written, later.speaker


def _join_paragraphs(found: list[_Quote], body: str) -> list[_Quote]:
    """A quote of several paragraphs is one quote, as PolNeAR annotates it: a paragraph
    that carries the quote on ('“A.\n\n“B,” she said.'), and a paragraph that is nothing
    but a quote without an attribution of its own right after a paragraph whose quote
    has one ('“A,” Okafor said.\n\n“B.”')."""
    out: list[_Quote] = []
    for item in found:
        previous = out[-1] if out else None
        if previous is not None and not previous.headline and _goes_on(body, previous, item):
            for part in item.extraction.parts or [item.extraction.mention]:
                previous.extend(part, body)
            if previous.extraction.speaker is None:
                previous.extraction.speaker_as_written = item.extraction.speaker_as_written
                previous.extraction.speaker = item.extraction.speaker
            continue
        out.append(item)
    return out


# At most this many characters of the paragraph before may follow its quote (the
# attribution, '," Okafor said on Tuesday.') for a bare quote to go on with it.
MAX_TRAILING_ATTRIBUTION_CHARS = 120


def _goes_on(body: str, previous: _Quote, item: _Quote) -> bool:
    if item.span.continues:
        # unless it names a speaker of its own: a transcript's next turn ('"WALLACE: ...')
        other = item.attributed and previous.attributed and item.extraction.speaker != previous.extraction.speaker
        return not other
    if item.attributed or previous.extraction.speaker is None:
        return False
    start, end = item.extraction.mention.start, item.extraction.mention.end
    paragraph_start = body.rfind("\n", 0, start) + 1
    paragraph_end = body.find("\n", end)
    paragraph_end = len(body) if paragraph_end == -1 else paragraph_end
    if body[paragraph_start:start].strip(" \t\"“'‘”") or body[end:paragraph_end].strip(" \t\"”'’.,!?"):
        return False  # not the whole paragraph
    between = body[previous.extraction.mention.end : paragraph_start]
    return between.count("\n") >= 1 and not between.strip("\n").count("\n") and len(between.strip()) <= MAX_TRAILING_ATTRIBUTION_CHARS


# A pronoun continues a speaker named at most this many characters before it.
PRONOUN_REACH_CHARS = 1500


def _pronouns_to_last_speaker(extractions: list[Extraction], people: People, text: str) -> None:
    """'Okafor said the plan would fail. "We agree," she wrote.': a pronoun speaker is
    the person most recently named as a speaker before it, since news copy introduces a
    speaker by name and goes on with 'he' or 'she'; other people named in between (the
    ones spoken about) are not. Without a named speaker before it the pronoun keeps the
    person the parse gave it."""
    named: list[Extraction] = []
    starts = sorted(e.mention.start for e in extractions)
    for e in sorted(extractions, key=lambda x: x.mention.start):
        written = (e.speaker_as_written or "").lower()
        if written in SPEAKER_PRONOUNS:
            before = _paragraph_before(text, e.mention.start)
            if before is not None and not any(before[0] <= s < e.mention.start for s in starts):
                # a paragraph that reports nothing, right before the quote, introduces the
                # person the pronoun stands for ('... concerns Henry Crespo, president of
                # the caucus.' then '"...," he said.'), not the speaker before it
                introduced = people.introduced_in(written, before[0], e.mention.start)
                if introduced is not None:
                    e.speaker = introduced
                    continue
            for earlier in reversed(named):
                if e.mention.start - earlier.mention.end > PRONOUN_REACH_CHARS:
                    break
                if people.agrees(written, earlier.speaker):
                    # unless someone else is a sentence's subject in between
                    e.speaker = people.subject_between(written, earlier.mention.end, e.mention.start) or earlier.speaker
                    break
        elif e.speaker is not None and _is_person(e.speaker, people):
            named.append(e)


def _paragraph_before(text: str, char: int) -> tuple[int, int] | None:
    """The span of the last non-blank paragraph before the one holding `char`."""
    end = text.rfind("\n", 0, char)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start, end
        end = start - 1
    return None


# Pronouns that stand for one person who speaks.
SPEAKER_PRONOUNS = {"he", "she"}


def _is_person(name: str, people: People) -> bool:
    return name in people.names.values() or surname_key(name.split()[-1]) in people.names


# Speech verbs whose clause is not a report of what someone said ("asked whether ...",
# "called on ...").
NOT_REPORTING = {"ask", "call", "talk", "speak", "continue"}


def _statements(
    article: Article, doc_sents: list[Any], spans: list[tuple[int, int]], quotes: list[tuple[int, int]], people: People
) -> list[Extraction]:
    """Indirect speech: 'The minister said she was not sure ...' and '..., according to
    Okafor'. The mention is the sentence (what a reader checks); `focus` is the reported
    clause. Sentences holding a quote (`quotes`, the quote reader's mentions) are left to
    the quote reader; words in quotation marks that are no quote (a nickname, a title: 'the
    Ohio native nicknamed "King James"') leave the sentence to this reader."""
    out: list[Extraction] = []
    for sent in doc_sents:
        if any(sent.start_char <= s < sent.end_char or s <= sent.start_char < e for s, e in quotes):
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


def _around_parenthetical(
    sent: Any, verb: Any, people: People, spans: list[tuple[int, int]]
) -> tuple[Any, tuple[str | None, str | None]] | None:
    """'The museum, Mr. Obama said, would make visitors face hard truths.': an
    attribution set off inside or after the sentence (spaCy's `parataxis`) reports the
    rest of it; what was said runs from the first to the last word outside the
    attribution."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    attribution = {t.i for t in verb.subtree}
    rest = [t for t in sent if t.i not in attribution and not t.is_punct and not t.is_space]
    if len(rest) < MIN_PARENTHETICAL_CLAUSE_WORDS:
        return None
    written, speaker = subject_speaker(verb, sent.start_char, spans, people)
    if written is None:
        return None
    return sent.doc[rest[0].i : rest[-1].i + 1], (written, speaker)


# A parenthetical attribution reports at least this many words ('Yes, he said.' is none).
MIN_PARENTHETICAL_CLAUSE_WORDS = 3


def _reported_clause(sent: Any, spans: list[tuple[int, int]], people: People) -> tuple[Any, tuple[str | None, str | None]] | None:
    for verb in speech_verbs(sent, spans) + cue_verbs(sent, spans):
        if verb.lemma_.lower() in NOT_REPORTING:
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None and verb.dep_ == "parataxis":
            found = _around_parenthetical(sent, verb, people, spans)
            if found is not None:
                return found
        if clause is None:
            continue
        written, speaker = subject_speaker(verb, sent.start_char, spans, people)
        if written is not None:
            return sent.doc[clause.left_edge.i : clause.right_edge.i + 1], (written, speaker)
    found = according_to(sent, spans)
    if found is not None:
        token, source = found
        written = sent.doc[source.left_edge.i : source.right_edge.i + 1].text
        rest = [t for t in sent if not (token.i <= t.i <= source.right_edge.i) and not t.is_punct]
        if rest:
            return sent.doc[rest[0].i : rest[-1].i + 1], (written, person_name(source, people) or written)
    return None
