"""Clean stage: RawItem -> Article (clean text, metadata, what was removed), or a record
saying why the item is not an article. Pure per item; `clean_batch` adds the one
batch-level rule, that the same text reached twice is a duplicate."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import ftfy

from .dates import parse_datetime
from .htmlclean import extract_html
from .metadata import outlet_from_lines, parse_dateline
from .models import Anomaly, Article, InputRecord, PageExtraction, RawItem, Reason
from .nlp import language_of
from .textcopy import MIN_ARTICLE_WORDS, extract_text_copy

# Two text copies that share more than this share of their lines are versions of one
# article, so their shared lines say nothing about the outlet's template.
TEMPLATE_MAX_SHARED = 0.5
# Longer lines than this are template only when at least three pages share them.
TEMPLATE_LONG_LINE_WORDS = 25


# A page this short that says it is a wall or an error is one.
WALL_MAX_WORDS = 150
WALL_PATTERNS = [
    (re.compile(p, re.I), what)
    for p, what in (
        (r"\b(page|article|story) (was )?not (be )?found\b|\b404\b.{0,20}\b(error|not found)\b|this page (does not|doesn't|no longer) exists?", "error page"),
        (r"\b(something went wrong|an error (has )?occurred|access denied|forbidden)\b", "error page"),
        (r"\b(subscribe|sign in|log ?in|register) to (continue|keep) reading\b|you('ve| have) reached your (\w+ )*limit", "paywall"),
        (r"\bthis (content|article|story) is (only )?(available )?(for|to) (subscribers|members)\b", "paywall"),
        (r"\b(please )?(log|sign) ?in to (continue|read|view|access)\b", "login wall"),
    )
]


@dataclass
class CleanBatch:
    articles: list[Article] = field(default_factory=list)
    records: list[InputRecord] = field(default_factory=list)


def content_hash(text: str) -> str:
    """Hash of the text with case and spacing normalised: the same article reached by
    another path or URL hashes the same."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().lower().encode()).hexdigest()


def clean_batch(items: list[RawItem], on_item: Callable[[], None] | None = None) -> CleanBatch:
    """Clean every item; `on_item` is called after each (the runner's progress bar)."""
    batch = CleanBatch()
    by_hash: dict[str, str] = {}
    repaired = [_repaired_input(item) for item in items]
    templates = template_lines(items, [content for content, _ in repaired])
    for item, (content, mojibake) in zip(items, repaired, strict=True):
        outcome = _clean_safely(item, content, mojibake, templates.get(item.source, frozenset()))
        if on_item is not None:
            on_item()
        if isinstance(outcome, InputRecord):
            batch.records.append(outcome)
            continue
        if outcome.content_hash in by_hash:
            first = by_hash[outcome.content_hash]
            batch.records.append(
                InputRecord(
                    source=item.source,
                    status="duplicate",
                    reason=f"{Reason.DUPLICATE.value}: same text as {first}",
                    article=outcome.id,
                )
            )
            continue
        by_hash[outcome.content_hash] = item.source
        batch.articles.append(outcome)
        batch.records.append(InputRecord(source=item.source, status="ok", article=outcome.id))
    return batch


def template_lines(items: list[RawItem], contents: list[str]) -> dict[str, frozenset[str]]:
    """Cross-page evidence: lines that recur across text copies of one outlet are the
    outlet's template (menus, blurbs, boxes). Pages are grouped by the outlet they name
    (copyright line, wire dateline, bio); pages naming none are not grouped. Two copies
    of one article (sharing most lines) are not evidence, and a long line counts only
    when three pages share it, so a paragraph two articles both quote is not lost."""
    pages: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for item, content in zip(items, contents, strict=True):
        if item.format != "text":
            continue
        lines = [ln.strip() for ln in content.splitlines() if ln.strip()]
        outlet = outlet_from_lines(lines)
        if outlet:
            pages[outlet.lower()].append((item.source, set(lines)))
    out: dict[str, frozenset[str]] = {}
    for group in pages.values():
        for source, lines in group:
            seen_in: Counter[str] = Counter()
            for other_source, other in group:
                common = lines & other
                if other_source != source and len(common) < TEMPLATE_MAX_SHARED * min(len(lines), len(other)):
                    seen_in.update(common)
            out[source] = frozenset(
                line for line, n in seen_in.items() if len(line.split()) <= TEMPLATE_LONG_LINE_WORDS or n >= 2
            )
    return out


def wall_or_error(page: PageExtraction) -> str | None:
    """A login wall, paywall or error page that still printed a few sentences: short,
    and saying what it is."""
    text = " ".join([page.title or "", *page.paragraphs])
    if len(text.split()) > WALL_MAX_WORDS:
        return None
    for pattern, what in WALL_PATTERNS:
        if pattern.search(text):
            return f"{what}: '{pattern.search(text).group(0)}'"  # type: ignore[union-attr]
    return None


def clean_item(item: RawItem, template: frozenset[str] = frozenset()) -> Article | InputRecord:
    """One item on its own: mojibake repaired, then cleaned."""
    return _clean_safely(item, *_repaired_input(item), template)


_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _repaired_input(item: RawItem) -> tuple[str, list[tuple[str, str]]]:
    """The item's content for its cleaner, and the mojibake repairs made in it. A text copy
    or an export is repaired whole, before its lines are judged. An HTML page is repaired
    after extraction, in the text kept (`_repaired_page`): ftfy over the raw page, scripts
    and stylesheets included, took half of the HTML cleaner's time (AEB pages), and the
    repairs it reported were the markup's as often as the article's (a font name in full-width
    letters in a stylesheet). Only a page holding control characters is repaired whole
    first, since extraction drops them, and mojibake such as 'â€\\x9d' (a closing quotation
    mark) cannot be read back without them."""
    if item.format == "html" and not _CONTROL_CHARACTER.search(item.content):
        return item.content, []
    return repair_mojibake(item.content)


def _clean_safely(
    item: RawItem, content: str, mojibake: list[tuple[str, str]], template: frozenset[str]
) -> Article | InputRecord:
    try:
        return _clean(item, content, mojibake, template)
    except Exception as exc:  # one bad page must never stop a batch
        return InputRecord.rejected(item.source, "failed", Reason.EXTRACTION_ERROR, f"cleaning failed: {exc!r}")


def export_paragraphs(text: str) -> list[str]:
    """The paragraphs of an article text from an export. Extractors write one paragraph
    per line (trafilatura's and news-please's text output, PolNeAR's texts), so a line
    break ends a paragraph; only a text that also has blank lines is read as hard-wrapped
    paragraphs between blank lines, its single line breaks being wraps."""
    breaks = r"\n\s*\n" if re.search(r"\n[ \t]*\n", text) else r"\n"
    return [re.sub(r"\s+", " ", p).strip() for p in re.split(breaks, text) if p.strip()]


def _clean(item: RawItem, content: str, mojibake: list[tuple[str, str]], template: frozenset[str]) -> Article | InputRecord:
    if item.format == "html":
        page, repairs = _repaired_page(extract_html(content))
        mojibake = mojibake or repairs
    elif item.format == "text":
        page = extract_text_copy(content, template)
    else:  # a JSONL export carries text that is already the article
        paragraphs = export_paragraphs(content)
        words = sum(len(p.split()) for p in paragraphs)
        page = PageExtraction(None, paragraphs, [], reject_reason=None if words >= MIN_ARTICLE_WORDS else f"only {words} words of text")
    reject = page.reject_reason or wall_or_error(page)
    if reject:
        return InputRecord.rejected(item.source, "skipped", Reason.NOT_AN_ARTICLE, reject)
    paragraphs = page.paragraphs
    text = "\n\n".join(paragraphs)
    digest = content_hash(text)
    anomalies = [
        Anomaly(kind="mojibake_repaired", text=fixed, explanation=f"'{broken}' was repaired to '{fixed}'")
        for broken, fixed in mojibake
    ]
    for embed in page.embeds:
        embed.start = text.find(embed.text)
        embed.end = embed.start + len(embed.text)
    return Article(
        id=f"a-{digest[:10]}",
        source=item.source,
        text=text,
        format=item.format,
        url=item.url or page.url,
        title=item.title or page.title,
        outlet=item.outlet or page.outlet,
        authors=item.authors or page.authors,
        published=_plausible(item.published) or _plausible(page.published),
        dateline=page.dateline or parse_dateline(paragraphs[0])[0],
        language=page.language or language_of(text),
        removed=page.removed,
        anomalies=anomalies,
        embeds=[e for e in page.embeds if e.start >= 0],
        content_hash=digest,
    )


def _plausible(published: str | None) -> str | None:
    """A publication date newsprism can read and believe, else None (never a guess)."""
    return published if parse_datetime(published) else None


# ftfy's settings: curly quotes stay curly (quotespans reads them), text is NFC.
FTFY_CONFIG = ftfy.TextFixerConfig(normalization="NFC", uncurl_quotes=False, explain=False)
# A line ftfy cannot change: printable ASCII and tabs only (no mojibake, control character,
# odd line break or width form is ASCII) and no '&' while HTML entities are still read.
_PLAIN_LINE = re.compile(r"[\x20-\x7e\t]*\n?")


def fix_text(text: str, config: ftfy.TextFixerConfig = FTFY_CONFIG) -> str:
    """`ftfy.fix_text(text, config)`, line for line as ftfy itself goes, but without handing
    it the lines it cannot change (most lines of a page are plain ASCII, and ftfy's own
    checks on them cost as much as a repair). ftfy stops reading HTML entities for good at
    the first line that holds a '<'; so does this."""
    pieces = text.split("\n")  # ftfy's own segments: lines ended by '\n' only
    if any(len(piece) >= config.max_decode_length for piece in pieces):
        return ftfy.fix_text(text, config)  # ftfy cuts such a line into pieces of its own
    out = []
    for line in [p + "\n" for p in pieces[:-1]] + [pieces[-1]]:
        if config.unescape_html == "auto" and "<" in line:
            config = config._replace(unescape_html=False)
        if _PLAIN_LINE.fullmatch(line) and ("&" not in line or config.unescape_html is False):
            out.append(line)
        else:
            out.append(ftfy.fix_text(line, config))
    return "".join(out)


def repair_mojibake(text: str, examples: int = 5) -> tuple[str, list[tuple[str, str]]]:
    """ftfy over the text; returns the fixed text and a few (broken, fixed) word pairs so
    the report can show that a repair happened."""
    fixed = fix_text(text)
    return fixed, _repairs(text, fixed, examples)


def _repairs(text: str, fixed: str, examples: int) -> list[tuple[str, str]]:
    """Up to `examples` (broken, fixed) word runs where `fixed` differs from `text`."""
    if fixed == text:
        return []
    pairs: list[tuple[str, str]] = []
    before, after = text.split(), fixed.split()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op != "equal" and len(pairs) < examples:
            pairs.append((" ".join(before[a0:a1]), " ".join(after[b0:b1])))
    return pairs


# Extracted text holds no markup: what looks like an HTML entity in it was printed so.
_EXTRACTED_TEXT_CONFIG = FTFY_CONFIG._replace(unescape_html=False)


def _repaired_page(page: PageExtraction) -> tuple[PageExtraction, list[tuple[str, str]]]:
    """`page` with ftfy's repairs made in every piece of text it kept or removed, and the
    repairs made in its article text (title and paragraphs)."""

    def fix(text: str) -> str:
        return fix_text(text, _EXTRACTED_TEXT_CONFIG)

    def fix_optional(text: str | None) -> str | None:
        return fix(text) if text is not None else None

    article = "\n".join([page.title or "", *page.paragraphs])
    repaired = replace(
        page,
        title=fix_optional(page.title),
        paragraphs=[fix(p) for p in page.paragraphs],
        removed=[replace(r, text=fix(r.text)) for r in page.removed],
        authors=[fix(a) for a in page.authors],
        outlet=fix_optional(page.outlet),
        dateline=fix_optional(page.dateline),
        embeds=[replace(e, text=fix(e.text), author=fix_optional(e.author)) for e in page.embeds],
    )
    return repaired, _repairs(article, "\n".join([repaired.title or "", *repaired.paragraphs]), 5)
