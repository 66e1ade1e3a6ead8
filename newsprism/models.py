"""The one data model that flows through every stage.

ingest -> RawItem | InputRecord
clean  -> Article | InputRecord
claims -> ArticleClaims (sentences, entities and Extraction per article)
stories -> Story (articles grouped into events)
crosscheck -> Story with claims, conflicts, derivations
brief  -> Story with brief
report -> Report (serialised to report.json / report.html)

Everything is a dataclass with plain, JSON-friendly fields so that a stage can run
in-process or inside a Spark task, and so that storage can serialise it as is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

InputStatus = Literal["ok", "duplicate", "skipped", "failed"]
ClaimKind = Literal["quote", "quantity", "date", "event", "statement"]
ClaimStatus = Literal["corroborated", "single_source", "conflicting"]
DerivationKind = Literal["copy", "rewrite", "partial"]
InputFormat = Literal["html", "text", "jsonl"]


class Reason(StrEnum):
    """Stable reason codes for inputs that did not become an article."""

    EMPTY = "empty"
    BINARY = "binary"
    UNREADABLE_ENCODING = "unreadable_encoding"
    INVALID_JSON = "invalid_json"
    MISSING_TEXT = "missing_text"
    NOT_AN_ARTICLE = "not_an_article"
    TOO_SHORT = "too_short"
    UNREADABLE_FILE = "unreadable_file"
    UNSUPPORTED = "unsupported"
    DUPLICATE = "duplicate_content"
    EXTRACTION_ERROR = "extraction_error"
    NOT_A_RESPONSE = "not_a_response"  # a WARC record that is not a fetched page (warcinfo, request, ...)
    HTTP_ERROR = "http_error"  # a fetched page whose HTTP status is not a success
    INVALID_WARC = "invalid_warc"
    INVALID_FEED = "invalid_feed"  # an RSS or Atom file no entry can be read from
    SUMMARY_ONLY = "summary_only"  # a feed entry that gives a summary, not the article


@dataclass
class InputRecord:
    """What became of one input item (file, JSONL line, ...). Nothing given is dropped."""

    source: str
    status: InputStatus
    reason: str | None = None
    article: str | None = None

    @classmethod
    def rejected(
        cls, source: str, status: InputStatus, code: Reason, sentence: str
    ) -> InputRecord:
        return cls(source=source, status=status, reason=f"{code.value}: {sentence}")


@dataclass
class RawItem:
    """One input item, decoded to text but not yet cleaned."""

    source: str
    format: InputFormat
    content: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass
class Removed:
    """A piece of page text that cleaning removed, with what kind of clutter it was."""

    text: str
    kind: str


@dataclass
class Embed:
    """A social-media post the page prints (evidence of what someone said), kept in the
    text; `start`/`end` locate it in the article's clean text."""

    text: str
    author: str | None = None
    handle: str | None = None
    date: str | None = None
    url: str | None = None
    start: int = 0
    end: int = 0


@dataclass
class PageExtraction:
    """What a cleaner (HTML or text copy) read from one page, before it becomes an Article."""

    title: str | None
    paragraphs: list[str]
    removed: list[Removed]
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    dateline: str | None = None
    reject_reason: str | None = None
    embeds: list[Embed] = field(default_factory=list)


@dataclass
class Anomaly:
    kind: str
    text: str
    explanation: str
    start: int | None = None  # where `text` is in the article's clean text, when it is there
    end: int | None = None


@dataclass
class Article:
    id: str
    source: str
    text: str
    format: InputFormat
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    dateline: str | None = None
    language: str | None = "en"
    removed: list[Removed] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    content_hash: str = ""

    @property
    def label(self) -> str:
        """How a reader names this article: its outlet, else its file name."""
        return self.outlet or self.source.rsplit("/", 1)[-1]


@dataclass
class Span:
    """A character span of an article's cleaned text."""

    start: int
    end: int
    text: str


@dataclass
class Entity(Span):
    label: str = ""


@dataclass
class Quantity:
    number: float
    unit: str | None
    of: str  # what is counted and what happened to it: "resident evacuate"
    approximate: bool = False
    counted: str = ""  # the counted thing alone ("resident"); empty when no noun says it


@dataclass
class DateValue:
    date: str
    granularity: Literal["part_of_day", "day", "month", "year", "time"]
    part_of_day: str | None = None
    event: str = ""
    # A date told as an offset from another event ('three weeks after the March 3 vote'):
    # the event as printed ('the March 3 vote'), and, when the offset is vague ('weeks
    # after her election'), the offset as printed. With a vague offset `date` is the date of
    # that event, not of the one dated: the article says no more than "weeks after" it.
    anchor: str | None = None
    offset: str | None = None


@dataclass
class Event:
    """Who did what to whom: 'The senator introduced the CLEAR Act in April'."""

    actor: str  # who did it: a person's fullest name in the article, else an organisation or place as printed
    actor_as_written: str  # the subject as the sentence prints it ('The senator', 'Okafor')
    action: str  # the verb's lemma, with its particle ('introduce', 'shut down')
    target: str | None = None  # to whom or what, as printed ('the CLEAR Act'); None when nothing is
    negated: bool = False  # 'did not resign'
    passive: bool = False  # 'was fired by the board': the actor is the agent of a passive verb


@dataclass
class Extraction:
    """One claim as one article states it, before claims are aligned across articles."""

    article: str
    kind: ClaimKind
    mention: Span
    sentence: Span
    speaker_as_written: str | None = None
    speaker: str | None = None
    quote: str | None = None
    quantity: Quantity | None = None
    date: DateValue | None = None
    event: Event | None = None
    # the number or date words as printed, inside `mention`, or an event's verb; for a
    # statement the reported clause, and for a quote inside reported speech the whole reported clause
    # ('said the plan would "fail miserably" next year')
    focus: Span | None = None
    # the words that say what a number measures or which event a date dates; used to
    # align mentions across articles
    context: str = ""
    # a quote interrupted by its attribution ('"A," she said. "B."'): the quoted stretches,
    # in order; `mention` then runs from the first to the last
    parts: list[Span] = field(default_factory=list)


@dataclass
class ArticleClaims:
    article: str
    sentences: list[Span]
    entities: list[Entity]
    extractions: list[Extraction]
    error: str | None = None  # why extraction failed on this article, when it did
    # the language of an article whose claims were not read: the claims stage reads
    # English; its rules and spaCy model would make junk of another language
    unread_language: str | None = None


@dataclass
class Mention:
    article: str
    text: str
    start: int
    end: int
    speaker: str | None = None


@dataclass
class Support:
    articles: int
    independent: int


@dataclass
class Claim:
    id: str
    kind: ClaimKind
    text: str
    mentions: list[Mention]
    support: Support
    status: ClaimStatus
    speaker: str | None = None
    quote: str | None = None
    value: dict[str, Any] | None = None


@dataclass
class Evidence:
    article: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Conflict:
    id: str
    kind: str
    claims: list[str]
    articles: list[str]
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class SentenceLink:
    """A sentence of the derived article and the source sentence it maps to."""

    derived: str
    source: str
    similarity: float


@dataclass
class Derivation:
    source: str
    derived: str
    kind: DerivationKind
    overlap: float
    provenance: list[SentenceLink] = field(default_factory=list)


@dataclass
class BriefSentence:
    text: str
    claims: list[str]
    articles: list[str]


@dataclass
class TimelineEntry:
    when: str
    text: str
    claims: list[str]


# --- cross-check: framing and omissions (crosscheck.py, framing.py) ---


@dataclass
class Descriptor:
    """Words an article uses to describe a person or group: a title or label before the
    name ('Fire Chief', 'so-called'), or an appositive after it ('who lives on Anchor Street')."""

    entity: str  # the fullest name the story gives
    words: str
    kind: Literal["title", "label", "appositive", "so_called"]
    start: int
    end: int
    loaded: list[str] = field(default_factory=list)  # words of `words` the subjectivity lexicon marks
    name_end: int | None = None  # for a title or label: where the name it stands before ends


@dataclass
class LoadedTerm:
    """A subjective or charged word only this article of the story uses."""

    term: str
    count: int
    polarity: float
    subjectivity: float
    start: int
    end: int


@dataclass
class ArticleFraming:
    article: str
    descriptors: list[Descriptor] = field(default_factory=list)
    loaded_terms: list[LoadedTerm] = field(default_factory=list)


@dataclass
class Omission:
    """The corroborated claims of a story that one article does not state."""

    article: str
    missing: list[str]  # claim ids
    states: list[str] = field(default_factory=list)  # the corroborated claim ids it does state


@dataclass
class StoryFeatures:
    """What the stories stage compares for one article: its lead embedding, its named
    entities, its date and the dates it names. Stored with the article, so that a later run places new
    articles among the old ones without reading the old ones again."""

    article: str
    headline: str
    vector: list[float]
    entities: list[str]
    published: str | None = None
    # calendar dates the text names with their year, ISO at day ("2013-05-02") or month
    # ("2013-05") precision, in the order the text names them: two events of one kind differ
    # by date even when their articles carry no publication date
    dates: list[str] = field(default_factory=list)
    # how these features were computed (stories.FEATURES_VERSION); rows stored before
    # versions were kept read as 0, and a run computes them again
    version: int = 0


@dataclass
class Story:
    id: str
    headline: str
    articles: list[str]
    claims: list[Claim] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    derivations: list[Derivation] = field(default_factory=list)
    brief: list[BriefSentence] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    framing: list[ArticleFraming] = field(default_factory=list)
    omissions: list[Omission] = field(default_factory=list)


@dataclass
class StorySummary:
    """One row of a story list: what a reader scans before opening a story."""

    id: str
    headline: str
    start: str | None
    end: str | None
    articles: int
    outlets: list[str]
    claims: int
    corroborated: int
    conflicts: int


@dataclass
class Report:
    inputs: list[InputRecord]
    articles: list[Article]
    stories: list[Story]
    generated_at: str
    schema: str = "newsprism.report/1"
    timings: dict[str, float] = field(default_factory=dict)

    def article(self, article_id: str) -> Article:
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)

    def counts(self) -> dict[str, int]:
        by_status = {s: 0 for s in ("ok", "duplicate", "skipped", "failed")}
        for rec in self.inputs:
            by_status[rec.status] += 1
        return {
            **by_status,
            "articles": len(self.articles),
            "stories": len(self.stories),
            "claims": sum(len(s.claims) for s in self.stories),
            "corroborated": sum(
                1 for s in self.stories for c in s.claims if c.status == "corroborated"
            ),
            "conflicts": sum(len(s.conflicts) for s in self.stories),
            "derivations": sum(len(s.derivations) for s in self.stories),
        }


def outlet_phrase(articles: Iterable[Article]) -> str:
    """'Coastline Daily', 'Ledger and Wire', 'A, B and C': the outlets of some articles."""
    names = sorted({a.label for a in articles})
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
