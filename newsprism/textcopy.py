"""Article extraction from a plain-text copy of a web page (what "select all, copy,
paste" gives), clutter included.

No maintained library does this: trafilatura and jusText work on markup and find
nothing in bare lines. So this is our own line classifier:

1. every line gets a clutter kind from `clutter.clutter_kind` or none;
2. lines of prose (long, ending like a sentence) mark where the article body is; the
   body is the longest run of prose lines whose gaps hold only clutter or short lines;
3. the headline is the last headline-shaped line above the body, the byline, date line
   and dateline are read from the lines around it;
4. whatever is not kept is recorded in `removed` with its kind.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from .clutter import BIO_ADDRESS, COMMENT_SIGNATURE, COMMENTS_WORD_OTHER_LANGUAGES, clutter_kind
from .linefeatures import features, page_lines, word_count
from .linemodel import load_line_model
from .metadata import (
    BYLINE_NAME_WORD,
    find_date,
    is_role_line,
    outlet_from_lines,
    parse_byline,
    parse_date,
    parse_dateline,
)
from .models import Embed, PageExtraction, Removed
from .people import is_first_name

# A line with at least this many words that ends like a sentence is prose.
PROSE_MIN_WORDS = 10
# ... and a line this long is prose whatever it ends with.
PROSE_LONG_WORDS = 25
# Within the body, at most this many non-clutter, non-prose lines in a row (subheads,
# a pull quote) before we decide the article has ended.
MAX_BODY_GAP = 3
# How far above the body the headline may be.
HEADLINE_WINDOW = 25
# A headline has this many words.
HEADLINE_WORDS = (3, 30)
# A printed post: "— Name (@handle) Month D, YYYY" under its text (X/Twitter, Bluesky,
# Threads embeds print this signature), or Instagram's "A post shared by Name (@handle)".
EMBED_SIGNATURE = re.compile(
    r"^[—–-]{1,2}\s*(?P<author>[^(@\n]{1,60}?)\s*\((?P<handle>@[\w.]{1,40})\)\s*(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4})?\s*$"
)
INSTAGRAM_SIGNATURE = re.compile(r"^a post shared by (?P<author>[^(@\n]{1,60}?)\s*\((?P<handle>@[\w.]{1,40})\)\s*$", re.I)
EMBED_MAX_LINES = 4
_URL = re.compile(r"(https?://|pic\.twitter\.com/|t\.co/)\S+")
# A headline in a related-stories list is at most this long.
RELATED_HEADLINE_WORDS = 20
# A bio block runs on for at most this many lines after its first one.
BIO_BLOCK_LINES = 6
# A caption is at most this long.
CAPTION_WORDS = 60
# A comment-section header counts only once this share of the page's prose is behind it
# (a "12 Comments" link under the headline is not where the comments start).
COMMENTS_AFTER_SHARE = 0.6
# A comment-section header this many lines above the first comment signature opens it.
COMMENT_HEADER_REACH = 8
_CREDIT_LINE = re.compile(r"^(photo|image|picture|credit|photograph)s?( credit)?: ", re.I)
_COMMENT_HEADER = re.compile(
    r"^(\d+ comments?|comments? ?\(\d+\)|comments|(join|start) the (conversation|discussion)\b.*"
    r"|\d+ (thoughts|responses|replies) (on|to)\b.*|leave a (reply|comment)\b.*"
    rf"|(\d+ )?{COMMENTS_WORD_OTHER_LANGUAGES})$",
    re.I,
)
# A comment signed on two lines: a name of at most this many words, then a timestamp line
# of at most STAMP_WORDS words with a date and a clock time ("December 19, 2025, 9:42 am").
SIGNATURE_NAME_WORDS = 4
STAMP_WORDS = 10
THREAD_MIN_SIGNATURES = 3
_COMMENT_STAMP = re.compile(r"\b\d{1,2}:\d{2}\s*([ap]\.?m\b\.?)?", re.I)
# Short lines (control labels) between two player lines at most this far apart are player.
PLAYER_GAP = 40
PLAYER_LABEL_WORDS = 8
# Fewer body words than this and the page is not an article (an index, a login wall).
MIN_ARTICLE_WORDS = 50
# A prose line inside the main run of prose is kept when the classifier gives it at least
# this much, below its own threshold: on short pages the classifier has too little context
# to be sure. Chosen on the wceb test split (0: 0.928 F1, 0.1: 0.934, keep all: 0.930).
MAIN_RUN_FLOOR = 0.1

_SENTENCE_END = re.compile(r"[.!?…:。！？][\"'”’)\]」』]*$|[\"”’」』]$")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")
# breadcrumbs and ticker lines ("News > Local", "Storm tracker | Travel tips")
_MENU_SEPARATORS = re.compile(r"\s[|>»›/·]\s")
_TEASER_TIME = re.compile(r"^\d+ (seconds?|minutes?|mins?|hours?|hrs?|days?) ago$", re.I)


def is_prose(line: str) -> bool:
    words = word_count(line)
    return words >= PROSE_LONG_WORDS or (words >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line)))


def _is_headline_shaped(line: str) -> bool:
    words = sum(1 for w in line.split() if any(ch.isalpha() for ch in w))
    return (
        HEADLINE_WORDS[0] <= words <= HEADLINE_WORDS[1]
        and not line.endswith((".", ":", ","))
        and not line.isupper()
        and not _MENU_SEPARATORS.search(line)
    )


def extract_text_copy(text: str, template: frozenset[str] = frozenset()) -> PageExtraction:
    """The article in a text copy. `template` holds lines known (from other pages of the
    same outlet in the batch) to be the outlet's template; they are removed as such."""
    lines = [ln.strip() for ln in text.splitlines()]
    own_kinds = [clutter_kind(ln) or ("template" if ln in template else None) for ln in lines]
    prose = [bool(ln) and own_kinds[i] is None and is_prose(ln) for i, ln in enumerate(lines)]
    kinds = _spread_blocks(lines, own_kinds, prose)
    prose = [p and kinds[i] is None for i, p in enumerate(prose)]
    embeds, embed_lines = find_embeds(lines)

    body = _body_range(lines, kinds, prose)
    if body is None:
        return PageExtraction(None, [], [], reject_reason="no paragraph of article prose in the page")
    start, end = body
    proba, threshold = _model_proba(text, len(lines))
    in_main_run = [p >= MAIN_RUN_FLOOR and prose[i] and start <= i <= end for i, p in enumerate(proba)]
    headline = _title_repeated(lines, kinds)
    first, last = _article_span(lines, kinds, prose, proba, in_main_run, threshold, headline)
    keep = [(in_main_run[i] or p >= threshold) and first <= i <= last for i, p in enumerate(proba)]

    # Teaser lists: a short line followed by a time-ago stamp is a teaser, not a heading.
    teaser = [False] * len(lines)
    for i in range(len(lines) - 1):
        nxt = _next_nonblank(lines, i)
        if nxt is not None and _TEASER_TIME.match(lines[nxt]) and not prose[i]:
            teaser[i] = True

    authors: list[str] = []
    byline_idx: set[int] = set()
    # the byline nearest the article's first paragraph: a menu further up may print 'By Role'
    # ... but none more than BYLINE_ABOVE_HEADLINE_LINES above the page's headline: 'By
    # Industry' over a solutions menu far above it
    highest = max(headline - BYLINE_ABOVE_HEADLINE_LINES, 0) if headline is not None else 0
    for i in range(min(len(lines), start + 3) - 1, highest - 1, -1):
        names, used = _byline_at(lines, i)
        if names:
            authors = names
            byline_idx.update(used)
            break
    anchor = min(byline_idx) if byline_idx else next((i for i in range(start) if _is_date_line(lines[i]) and kinds[i] is None), None)
    title_idx = headline
    if title_idx is None and anchor is not None:
        title_idx = _headline_above(lines, kinds, prose, anchor)
    if title_idx is None:
        title_idx = _find_headline(lines, kinds, prose, start)
    header_from = title_idx if title_idx is not None else 0
    published = find_date(ln for ln in lines[header_from : start + 3] if ln) or _date_above(lines, kinds, title_idx)
    dateline, _ = parse_dateline(lines[start])

    selected = [
        bool(line) and i != title_idx and (
            i in embed_lines
            or (kinds[i] is None and keep[i] and not teaser[i] and i not in byline_idx and not _is_date_line(line))
        )
        for i, line in enumerate(lines)
    ]
    if not authors:
        # under the headline, or around the article's first kept line: the body run and the
        # headline the rules above found are not always the article's
        first_kept = next((i for i, chosen in enumerate(selected) if chosen), None)
        windows = [(title_idx - BYLINE_ABOVE_HEADLINE_LINES, start)] if title_idx is not None else []
        if first_kept is not None:
            windows.append((first_kept - BYLINE_ABOVE_HEADLINE_LINES, first_kept + BYLINE_BELOW_FIRST_LINES))
        for lo, hi in windows:
            authors, used = _unmarked_byline(lines, kinds, max(0, lo), min(len(lines), hi), title_idx)
            if authors:
                byline_idx.update(used)
                for j in used:
                    selected[j] = False
                break
    if published is None and byline_idx:
        published = _date_beside_byline(lines, byline_idx)
    if published is None:
        published = _date_above_article(lines, prose, selected, title_idx)

    paragraphs: list[str] = []
    removed: list[Removed] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        kind = kinds[i]
        if i == title_idx:
            continue
        if selected[i]:
            paragraphs.append(line)
            continue
        if kind is None:
            if i in byline_idx:
                kind = "byline"
            elif _is_date_line(line):
                kind = "dateline"
            elif teaser[i]:
                kind = "related"
            elif i < start:
                kind = "navigation"
            else:
                kind = "related" if _is_headline_shaped(line) else "boilerplate"
        removed.append(Removed(text=line, kind=kind))

    outlet = outlet_from_lines(lines)
    body_words = sum(word_count(p) for p in paragraphs)
    result = PageExtraction(
        title=lines[title_idx] if title_idx is not None else None,
        paragraphs=paragraphs,
        removed=removed,
        authors=authors,
        published=published,
        outlet=outlet,
        dateline=dateline,
        embeds=embeds,
    )
    if body_words < MIN_ARTICLE_WORDS:
        result.reject_reason = f"only {body_words} words of article prose"
    return result


def article_region(proba: list[float], words: list[int], threshold: float) -> tuple[int, int]:
    """The article as one stretch of lines: the span whose lines, weighted by their words,
    the classifier scores furthest above its threshold in sum (a maximum-sum subarray of
    words x (probability - threshold)). An article is one block of the page; a line the
    classifier likes on the far side of a stretch of clutter is more often a teaser, a
    boilerplate blurb or the next article than a stray paragraph. (-1, -1) when no line
    reaches the threshold."""
    best, best_span = 0.0, (-1, -1)
    run, run_start = 0.0, 0
    for i, (p, n) in enumerate(zip(proba, words, strict=True)):
        if not n:
            continue
        if run <= 0:
            run, run_start = 0.0, i
        run += (p - threshold) * n
        if run > best:
            best, best_span = run, (run_start, i)
    return best_span


def _article_span(
    lines: list[str], kinds: list[str | None], prose: list[bool], proba: list[float], in_main_run: list[bool],
    threshold: float, headline: int | None,
) -> tuple[int, int]:
    """The lines that may be kept: `article_region` over the classifier's scores, widened
    over the main run's prose lines that touch it (they are kept below the threshold).
    Lines with a clutter kind do not count either way: they are dropped anyway, so they
    must not anchor the span, and a video player between two paragraphs must not split
    the article. On the wceb test split with a model trained on its dev split: F1 0.939
    -> 0.942, P 0.918 -> 0.932, R 0.960 -> 0.953."""
    words = [0 if kinds[i] else word_count(ln) for i, ln in enumerate(lines)]
    first, last = article_region(proba, words, threshold)
    if headline is not None and first >= 0 and _above_the_headline(lines, prose, proba, threshold, headline, first, last):
        below = [0 if i <= headline else n for i, n in enumerate(words)]
        below_first, below_last = article_region(proba, below, threshold)
        if last >= headline or _dated_below(lines, headline, below_first):
            first, last = below_first, below_last
            in_main_run = [run and i > headline for i, run in enumerate(in_main_run)]
    if first < 0:
        return 0, len(lines) - 1  # nothing is sure: let the floor of the main run decide
    while first > 0 and (not lines[first - 1] or in_main_run[first - 1]):
        first -= 1
    while last + 1 < len(lines) and (not lines[last + 1] or in_main_run[last + 1]):
        last += 1
    return first, last


def _above_the_headline(
    lines: list[str], prose: list[bool], proba: list[float], threshold: float, headline: int, first: int, last: int,
) -> bool:
    """Whether the article region (`first`..`last`) holds what sits above the page's
    headline rather than the article under it: it ends above the headline (a mega-menu of
    teasers the classifier likes more than a short article), or it runs through the headline
    with no liked prose above it that ends like a sentence (teasers, an archive list, a tag
    cloud). The caller then takes the region below the headline; for a region that ended
    above it, only when `_dated_below` confirms the headline. Prose that ends like a
    sentence above the headline keeps the region: Daily Mail prints the title again after
    the article, thebalance as a heading inside it (eval-en)."""
    if last < headline:
        return True
    return first <= headline < last and not any(
        prose[i] and proba[i] >= threshold and _SENTENCE_END.search(lines[i]) for i in range(first, headline)
    )


def _dated_below(lines: list[str], headline: int, region_first: int) -> bool:
    """Whether a date line or byline sits between the headline and the region below it,
    which starts within HEADLINE_WINDOW lines: an article's headline is dated or signed,
    the title printed again in a "most read" list is not."""
    if not headline < region_first <= headline + HEADLINE_WINDOW:
        return False
    return any(_is_date_line(ln) or parse_byline(ln) for ln in lines[headline + 1 : region_first] if ln)


def find_embeds(lines: list[str]) -> tuple[list[Embed], set[int]]:
    """Posts the page prints, found by their signature line ('— Dana Whitlock
    (@ChiefWhitlock) November 13, 2026', 'A post shared by ...'); the post is the lines
    above it up to a blank line. Returns the embeds and the line numbers they cover."""
    embeds: list[Embed] = []
    covered: set[int] = set()
    for i, line in enumerate(lines):
        match = EMBED_SIGNATURE.match(line) or INSTAGRAM_SIGNATURE.match(line)
        if not match:
            continue
        body = []
        for j in range(i - 1, max(-1, i - 1 - EMBED_MAX_LINES), -1):
            if not lines[j] or j in covered:
                break
            body.insert(0, j)
        span = [*body, i]
        text = "\n\n".join(lines[j] for j in span)
        url = _URL.search(text)
        fields = match.groupdict()
        embeds.append(
            Embed(
                text=text,
                author=(fields.get("author") or "").strip() or None,
                handle=fields.get("handle"),
                date=parse_date(fields.get("date") or ""),
                url=url.group(0) if url else None,
            )
        )
        covered.update(span)
    return embeds, covered


def _model_proba(text: str, n_lines: int) -> tuple[list[float], float]:
    """The line classifier's probability that each line is article (blank lines: 0), and
    the probability from which it counts a line as article on this page."""
    kept, before, after = page_lines(text)
    judged = load_line_model().judge(features(kept, before, after), kept)
    out = [0.0] * n_lines
    positions = [i for i, ln in enumerate(text.splitlines()) if ln.strip()]
    for pos, p in zip(positions, judged.proba, strict=True):
        out[pos] = float(p)
    return out, judged.threshold


def _is_date_line(line: str) -> bool:
    """A short line that carries a date: 'Published Nov. 13, 2026 8:12 a.m. ET'."""
    return _line_date(line) is not None


def _line_date(line: str) -> str | None:
    """The date of a date line (`_is_date_line`), None for any other line."""
    return find_date([line]) if len(line.split()) <= DATE_LINE_MAX_WORDS else None


def _next_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + 3)):
        if lines[j]:
            return j
    return None


def _body_range(lines: list[str], kinds: list[str | None], prose: list[bool]) -> tuple[int, int] | None:
    """The longest run of prose lines (by words) whose gaps hold only clutter/short lines."""
    runs: list[tuple[int, int, int]] = []  # start, end, words
    run_start = run_end = None
    gap = 0
    words = 0
    for i, line in enumerate(lines):
        if prose[i]:
            if run_start is None:
                run_start = i
                words = 0
            run_end = i
            words += word_count(line)
            gap = 0
        elif run_start is not None and line and kinds[i] is None:
            gap += 1
            if gap > MAX_BODY_GAP:
                runs.append((run_start, run_end, words))  # type: ignore[arg-type]
                run_start = run_end = None
                gap = 0
    if run_start is not None:
        runs.append((run_start, run_end, words))  # type: ignore[arg-type]
    if not runs:
        return None
    best = max(runs, key=lambda r: r[2])
    return best[0], best[1]


def _title_repeated(lines: list[str], kinds: list[str | None]) -> int | None:
    """A copy made from the page source starts with the document title ('Fire at the
    docks - Port Merrow Ledger'); the line further down that repeats it, less the site
    name, is the headline."""
    first = next((i for i, ln in enumerate(lines) if ln), None)
    if first is None:
        return None
    wanted = {lines[first].lower()} | {
        part.strip().lower() for sep in _TITLE_SEPARATORS for part in lines[first].split(sep)[:1] if sep in lines[first]
    }
    for i in range(first + 1, len(lines)):
        if kinds[i] is None and _is_headline_shaped(lines[i]) and lines[i].lower() in wanted:
            return i
    return None


def _headline_above(lines: list[str], kinds: list[str | None], prose: list[bool], anchor: int) -> int | None:
    """The headline above the byline (or date line): the topmost line of the run of
    headline-shaped or prose lines (headline, standfirst) that ends there."""
    run: list[int] = []
    first = next((i for i, ln in enumerate(lines) if ln), 0)
    in_byline = True  # a name and job title may sit between the headline and the date
    for i in range(anchor - 1, -1, -1):
        line = lines[i]
        if not line:
            continue
        if in_byline and (is_role_line(line) or _is_bare_name(line)):
            continue
        in_byline = False
        if kinds[i] is not None or not (_is_headline_shaped(line) or prose[i]) or _is_date_line(line):
            break
        if i == first and run:
            break  # the page's first line is the masthead, not the headline
        run.append(i)
    return run[-1] if run else None


def _date_above(lines: list[str], kinds: list[str | None], title_idx: int | None) -> str | None:
    """'Andrew King / September 4, 2025 / 5:50 am / <headline>': a byline and date line
    printed just above the headline. Only the few lines that touch it count, so that a
    masthead's today's date further up is never read as the article's."""
    if title_idx is None:
        return None
    return _date_line_above(
        lines, title_idx, DATE_ABOVE_LINES, lambda i: kinds[i] is not None or len(lines[i].split()) > DATE_LINE_WORDS
    )


def _date_above_article(lines: list[str], prose: list[bool], selected: list[bool], title_idx: int | None) -> str | None:
    """A date line a few lines above the article's first kept paragraph ('May 06, 2025',
    'October 11, 2023 by Autumn Huerter'), for pages whose headline was not found above the
    article, so the header window missed it. When the headline is above the article, the
    header window and `_date_above` have looked already, and a date above the headline and
    its menu is a masthead's date of today. The search stops at a line of prose: a date
    beyond another paragraph belongs to something else."""
    first = next((i for i, kept in enumerate(selected) if kept), None)
    if first is None or (title_idx is not None and title_idx < first):
        return None
    return _date_line_above(lines, first, DATE_ABOVE_ARTICLE_LINES, lambda i: prose[i])


def _date_beside_byline(lines: list[str], byline_idx: set[int]) -> str | None:
    """The date printed in the byline or on the line just above or below it ('Published
    August 7, 2023 by Nicole Burke', 'by Aoife Ryan' / 'Oct 22, 2025'): a byline's date is
    the article's, wherever on the page the header window looked."""
    beside = (_next_nonblank(lines, max(byline_idx)), _previous_nonblank(lines, min(byline_idx)))
    for i in (*sorted(byline_idx), *beside):
        found = _line_date(lines[i]) if i is not None else None
        if found is not None:
            return found
    return None


def _date_line_above(lines: list[str], index: int, max_lines: int, stops: Callable[[int], bool]) -> str | None:
    """The date of the nearest date line (`_is_date_line`) among the `max_lines` non-blank
    lines above `index`; None when a line for which `stops` holds comes first."""
    seen = 0
    for i in range(index - 1, -1, -1):
        line = lines[i]
        if not line:
            continue
        seen += 1
        if seen > max_lines or stops(i):
            return None
        found = _line_date(line)
        if found is not None:
            return found
    return None


# At most this many non-blank lines between a date line and the article's first paragraph.
DATE_ABOVE_ARTICLE_LINES = 6
# At most this many non-blank lines between a date line above the headline and the headline.
DATE_ABOVE_LINES = 3
# A date line above the headline is short ('September 4, 2025', 'Travel September 8, 2021').
DATE_LINE_WORDS = 8
# A date line anywhere is at most this long ('Published Nov. 13, 2026 8:12 a.m. ET | Updated ...').
DATE_LINE_MAX_WORDS = 12


_BY_ALONE = re.compile(r"^(by|(article )?(written|posted|words|story|article) by|authors?|von|por|par|di|door):?$", re.I)


def _byline_at(lines: list[str], i: int) -> tuple[list[str], list[int]]:
    """The names of a byline on line `i`, and the lines it takes: 'By' printed on a line of
    its own takes the name on the next line ('By' / 'Matt Eland on Dec. 13, 2025')."""
    if _BY_ALONE.match(lines[i]):
        nxt = _next_nonblank(lines, i)
        if nxt is not None and nxt <= i + 2:
            names = parse_byline(f"By {lines[nxt]}")
            return (names, [i, nxt]) if names else ([], [])
    names = parse_byline(lines[i])
    return (names, [i]) if names else ([], [])


# 'Last Updated on April 8, 2024 by Amanda Brooks', 'Posted on December 20, 2025 by
# Jean-Luc Aufranc (CNXSoft) - 5 Comments': a date line that names its author after 'by'
# ... or two ('Published on December 2nd, 2025 by Chen Zhao and Daryl Fairweather')
_DATED_NAME = rf"[A-Z][\w'’.-]*(?:\s+(?:{BYLINE_NAME_WORD})){{0,3}}"
_DATED_BY = re.compile(rf"\bby\s+(?P<name>{_DATED_NAME}(?:\s+(?:and|&)\s+{_DATED_NAME})?)")
NAME_WORDS = (2, 4)
BYLINE_ABOVE_HEADLINE_LINES = 10
BYLINE_BELOW_FIRST_LINES = 6  # a standfirst kept above the byline
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?$")


def _is_person_name(line: str) -> bool:
    """'Rahul Tyagi', 'Jeffrey A. Slotnick': two to four capitalised words (an initial
    counts) of which the first is a first name in some country's lists. 'Get Started',
    'Written By' and 'Marketing Director' have the shape of a name but no first name."""
    words = line.split()
    return (
        NAME_WORDS[0] <= len(words) <= NAME_WORDS[1]
        and all(w[:1].isupper() and _NAME_WORD.match(w) for w in words)
        and sum(len(w.rstrip(".")) > 1 for w in words) >= 2
        and is_first_name(words[0])
    )


def _unmarked_byline(
    lines: list[str], kinds: list[str | None], lo: int, hi: int, title_idx: int | None,
) -> tuple[list[str], list[int]]:
    """A byline printed without 'By' in lines `lo`..`hi`: 'by <name>' inside a date line, or
    a bare name on the line just above or below a date line ('Rahul Tyagi' / '12 March
    2025'). Many blogs and trade sites print their author so, and a text copy loses the
    markup that said which line it was."""
    for i in range(lo, hi):
        if i == title_idx or not lines[i] or kinds[i] is not None or not _is_date_line(lines[i]):
            continue
        match = _DATED_BY.search(lines[i])
        if match:
            names = parse_byline(f"By {match.group('name')}")
            if names:
                return names, [i]
        for j in (_previous_nonblank(lines, i), _next_nonblank(lines, i)):
            if j is not None and lo <= j < hi and j != title_idx and kinds[j] is None and _is_person_name(lines[j]):
                return [lines[j]], [j]
    return [], []


def _previous_nonblank(lines: list[str], i: int) -> int | None:
    return next((j for j in range(i - 1, max(-1, i - 3), -1) if lines[j]), None)


def _is_bare_name(line: str) -> bool:
    """'Lorna Quayle' on its own line above a job title: a byline without 'By'."""
    words = line.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)


def _spread_blocks(lines: list[str], kinds: list[str | None], prose: list[bool]) -> list[str | None]:
    """Clutter comes in blocks whose lines do not all look like clutter on their own:
    a player prints dozens of bare labels ('Color', 'White'), a poll its question and
    answers, a bio block its later sentences, a caption is the line before its credit,
    and everything after a comment-section header is comments."""
    out = list(kinds)
    for kind in ("player", "widget"):
        marked = [i for i, k in enumerate(kinds) if k == kind]
        for a, b in itertools.pairwise(marked):
            if b - a <= PLAYER_GAP and all(len(lines[j].split()) <= PLAYER_LABEL_WORDS or kinds[j] for j in range(a + 1, b)):
                for j in range(a + 1, b):
                    if lines[j] and out[j] is None:
                        out[j] = kind
    for i, kind in enumerate(kinds):
        if kind == "bio" and not BIO_ADDRESS.match(lines[i]):
            for j in range(i + 1, min(len(lines), i + 1 + BIO_BLOCK_LINES)):
                if not lines[j] or kinds[j] not in (None, "bio"):
                    break  # a blank line or another kind of block ends the bio
                if out[j] is None:
                    out[j] = "bio"
        if kind == "caption" and _CREDIT_LINE.match(lines[i]):
            before = next((j for j in range(i - 1, -1, -1) if lines[j]), None)
            if before is not None and out[before] is None and len(lines[before].split()) <= CAPTION_WORDS:
                out[before] = "caption"
    for i, kind in enumerate(kinds):
        if kind == "related" and not _TEASER_TIME.match(lines[i]):  # a "Most popular" header
            for j in range(i + 1, len(lines)):
                if not lines[j] or prose[j] or len(lines[j].split()) > RELATED_HEADLINE_WORDS:
                    break
                out[j] = out[j] or "related"
    start = _comments_start(lines, kinds, prose)
    if start is not None:
        for j in range(start + 1, len(lines)):
            if out[j] in ("footer", "cookie") or (out[j] == "related" and not _TEASER_TIME.match(lines[j])):
                break
            if lines[j]:
                out[j] = "comment"
    return out


def _comments_start(lines: list[str], kinds: list[str | None], prose: list[bool]) -> int | None:
    """Where the comment section starts: a comment-section header ("Comments", "12
    Comments") once most of the page's prose is above it, or the first comment signature
    ("Jo on May 4, 2024 at 3:12 pm said:") below some prose, from the header just above it.
    A "12 Comments" link under the headline is not where the comments start; a signature
    is, however short the article above it. A thread signed on two lines (a name, then a
    timestamp) starts the comments too, when it comes first."""
    words = [word_count(ln) if p else 0 for ln, p in zip(lines, prose, strict=True)]
    total = max(sum(words), 1)
    seen = 0
    found = None
    for i, kind in enumerate(kinds):
        seen += words[i]
        if kind != "comment":
            continue
        if _COMMENT_HEADER.match(lines[i]) and seen / total >= COMMENTS_AFTER_SHARE:
            found = i
            break
        if seen and COMMENT_SIGNATURE.match(lines[i]):
            found = _comment_header_above(lines, i)
            break
    signed = _signed_thread_start(lines, words)
    return min((i for i in (found, signed) if i is not None), default=None)


def _comment_header_above(lines: list[str], i: int) -> int:
    header = next((j for j in range(i - 1, max(-1, i - COMMENT_HEADER_REACH), -1) if _COMMENT_HEADER.match(lines[j])), None)
    return header if header is not None else i


def _signed_thread_start(lines: list[str], words: list[int]) -> int | None:
    """A comment thread signed in two lines, a name and then a timestamp ("Mark" /
    "December 19, 2025, 10:17 am"): at least THREAD_MIN_SIGNATURES such pairs below
    MIN_ARTICLE_WORDS words of prose open the comments at the first of them. One pair
    alone is an article's byline and date."""
    seen = 0
    starts: list[int] = []
    previous: int | None = None
    for i, line in enumerate(lines):
        seen += words[i]
        if not line:
            continue
        if (
            previous is not None
            and seen >= MIN_ARTICLE_WORDS
            and _COMMENT_STAMP.search(line)
            and len(line.split()) <= STAMP_WORDS
            and find_date([line]) is not None
            and _is_signature_name(lines[previous])
        ):
            starts.append(previous)
        previous = i
    if len(starts) < THREAD_MIN_SIGNATURES:
        return None
    return _comment_header_above(lines, starts[0])


def _is_signature_name(line: str) -> bool:
    return len(line.split()) <= SIGNATURE_NAME_WORDS and not _SENTENCE_END.search(line) and find_date([line]) is None


def _find_headline(lines: list[str], kinds: list[str | None], prose: list[bool], body_start: int) -> int | None:
    """The last headline-shaped content line above the body, skipping byline/date lines
    and at most one standfirst."""
    standfirst_seen = 0
    for i in range(body_start - 1, max(-1, body_start - HEADLINE_WINDOW), -1):
        line = lines[i]
        if not line or kinds[i] is not None:
            continue
        if parse_byline(line) or _is_date_line(line):
            continue
        if prose[i]:
            standfirst_seen += 1
            if standfirst_seen > 1:
                return None
            continue
        if _is_headline_shaped(line):
            return i
    return None
