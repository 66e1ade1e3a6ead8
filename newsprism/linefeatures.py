"""Features of each line of a plain-text page copy, for the line classifier in
`linemodel.py`. A line is judged by what it looks like (length, punctuation, stop
words, clutter patterns) and by where it sits (how much prose surrounds it, whether it
lies inside the page's main run of prose), since the same short line ("Advertisement",
a subheading) is clutter in one place and article in another."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from .clutter import CLUTTER_PATTERNS, clutter_kind

STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been has have had it its this that "
    "these those he she they we you i his her their our your not no said says will would could should can may "
    "who which what when where after before over into about than then there here also more most".split()
)
CLUTTER_KINDS = [*CLUTTER_PATTERNS, "bio"]
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』]*$")
_MENU = re.compile(r"\s[|>»›·•/]\s|\s{3,}")
_BULLET = re.compile(r"^([•·▪◦*–-]|\d{1,2}[.)])\s")
_LINKISH = re.compile(r"https?://|www\.|\S+@\S+\.\w+|(^|\s)@\w+")
_DATEISH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}:\d{2}\b|\bago\b|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)
_WORD = re.compile(r"\w+", re.UNICODE)
# Chinese, Japanese and Korean run words together without spaces.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CJK_CHARS_PER_WORD = 2


def word_count(line: str) -> int:
    """Words in a line; in CJK text, where words are not spaced, every two characters count
    as one (roughly a Japanese or Chinese word), so a paragraph of Japanese is as long as
    the same paragraph in English."""
    cjk = len(_CJK.findall(line))
    if not cjk:
        return len(_WORD.findall(line))
    return len(_WORD.findall(_CJK.sub(" ", line))) + (cjk + CJK_CHARS_PER_WORD - 1) // CJK_CHARS_PER_WORD

PROSE_WORDS = 10
WINDOWS = (2, 5, 12)
SHAPE_WINDOWS = (2, 5)

FEATURE_NAMES: list[str] = [
    "log_words", "log_chars", "sentence_end", "colon_end", "alpha_share", "digit_share", "upper_share",
    "titlecase_share", "stopword_share", "mean_word_len", "comma_rate", "menu_separators", "bullet",
    "linkish", "dateish", "repeated_in_page", "is_prose", "blank_before", "blank_after",
    *[f"clutter_{k}" for k in CLUTTER_KINDS],
    "prev_log_words", "next_log_words", "prev_prose", "next_prose",
    *[f"prose_density_{w}" for w in WINDOWS],
    *[f"mean_log_words_{w}" for w in WINDOWS],
    "position", "prose_before_share", "prose_after_share", "in_main_run", "log_dist_main_run",
    "log_dist_prose", "main_run_share",
    "leading_title_words", "end_markers_above", "end_markers_below", "comment_above", "related_above",
    "log_dist_end_marker_above",
    *[f"headline_density_{w}" for w in SHAPE_WINDOWS], *[f"stamp_density_{w}" for w in SHAPE_WINDOWS],
]
# Clutter that sits where an article ends: once lines like these have gone by below the
# article's prose, what follows is more likely comments, teasers or the footer.
END_KINDS = frozenset({"comment", "related", "share", "navigation", "footer", "bio", "promo", "newsletter"})
# Title case keeps these short words lower-case ("Death Of U of M-Dearborn").
_TITLE_SMALL = frozenset("a an and as at but by for in of on or the to vs via".split())


def _leading_title_words(line: str) -> int:
    """How many words a line opens with in title case: a teaser prints its headline and
    summary on one line ("Customers Leave Without Paying $690 Bill At Troy Steakhouse A
    party of six ..."), a sentence of prose rarely opens with more than a name."""
    count = 0
    for word in line.split():
        if word[:1].isupper() or word[:1].isdigit() or word[:1] in "$£€\"'“‘(" or word.lower() in _TITLE_SMALL:
            count += 1
        else:
            break
    return count


def _line_features(line: str, counts: Counter[str], kind: str | None) -> list[float]:
    words = _WORD.findall(line)
    n = word_count(line)
    letters = [c for c in line if c.isalpha()]
    return [
        math.log1p(n),
        math.log1p(len(line)),
        float(bool(_SENTENCE_END.search(line))),
        float(line.endswith(":")),
        len(letters) / max(len(line), 1),
        sum(c.isdigit() for c in line) / max(len(line), 1),
        sum(c.isupper() for c in letters) / max(len(letters), 1),
        sum(w[:1].isupper() for w in words) / max(n, 1),
        sum(w.lower() in STOPWORDS for w in words) / max(n, 1),
        sum(len(w) for w in words) / max(n, 1),
        line.count(",") / max(n, 1),
        float(bool(_MENU.search(line))),
        float(bool(_BULLET.match(line))),
        float(bool(_LINKISH.search(line))),
        float(bool(_DATEISH.search(line))),
        float(counts[line] > 1),
        float(n >= PROSE_WORDS and bool(_SENTENCE_END.search(line))),
        0.0,
        0.0,
        *[float(kind == k) for k in CLUTTER_KINDS],
    ]


def page_lines(text: str) -> tuple[list[str], list[bool], list[bool]]:
    """Non-blank stripped lines, and for each whether a blank line comes before/after it."""
    raw = text.splitlines()
    lines: list[str] = []
    blank_before: list[bool] = []
    blank = True
    for ln in raw:
        s = ln.strip()
        if not s:
            blank = True
            continue
        lines.append(s)
        blank_before.append(blank)
        blank = False
    blank_after = blank_before[1:] + [True]
    return lines, blank_before, blank_after


def features(lines: list[str], blank_before: list[bool], blank_after: list[bool]) -> np.ndarray:
    """One row of FEATURE_NAMES per line."""
    if not lines:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    counts = Counter(lines)
    kinds = [clutter_kind(ln) for ln in lines]
    own = np.array([_line_features(ln, counts, k) for ln, k in zip(lines, kinds, strict=True)], dtype=np.float32)
    own[:, FEATURE_NAMES.index("blank_before")] = blank_before
    own[:, FEATURE_NAMES.index("blank_after")] = blank_after
    n = len(lines)
    log_words = own[:, 0]
    prose = own[:, FEATURE_NAMES.index("is_prose")]
    idx = np.arange(n)
    prev_w = np.concatenate([[0.0], log_words[:-1]])
    next_w = np.concatenate([log_words[1:], [0.0]])
    prev_p = np.concatenate([[0.0], prose[:-1]])
    next_p = np.concatenate([prose[1:], [0.0]])
    cum_p = np.concatenate([[0.0], np.cumsum(prose)])
    cum_w = np.concatenate([[0.0], np.cumsum(log_words)])
    density, mean_words = [], []
    for w in WINDOWS:
        lo, hi = np.maximum(idx - w, 0), np.minimum(idx + w + 1, n)
        density.append((cum_p[hi] - cum_p[lo]) / (hi - lo))
        mean_words.append((cum_w[hi] - cum_w[lo]) / (hi - lo))
    total_p = max(cum_p[-1], 1.0)
    start, end = _main_run(prose, log_words)
    in_run = (idx >= start) & (idx <= end)
    dist_run = np.where(in_run, 0, np.where(idx < start, start - idx, idx - end))
    prose_idx = np.flatnonzero(prose)
    if len(prose_idx):
        nearest = np.abs(idx[:, None] - prose_idx[None, :]).min(axis=1)
    else:
        nearest = np.full(n, n)
    run_share = (cum_p[end + 1] - cum_p[start]) / total_p
    end_marks = _end_marker_features(lines, kinds, prose)
    shapes = _shape_densities(lines, own)
    context = np.stack(
        [
            prev_w, next_w, prev_p, next_p, *density, *mean_words,
            idx / max(n - 1, 1), cum_p[idx] / total_p, (total_p - cum_p[idx + 1]) / total_p,
            in_run.astype(np.float32), np.log1p(dist_run), np.log1p(nearest), np.full(n, run_share),
            *end_marks, *shapes,
        ],
        axis=1,
    ).astype(np.float32)
    return np.concatenate([own, context], axis=1)


def _end_marker_features(lines: list[str], kinds: list[str | None], prose: np.ndarray) -> list[np.ndarray]:
    """Where a line sits relative to end-of-article clutter: how many such lines lie above
    it (counted from the first prose line on, so a masthead's share bar does not count)
    and below it, how many of those above are comment or related-list lines, and how far
    the nearest one above is."""
    n = len(lines)
    first_prose = int(np.argmax(prose)) if prose.any() else n
    after_start = np.arange(n) >= first_prose
    is_end = np.array([k in END_KINDS for k in kinds]) & after_start
    is_comment = np.array([k == "comment" for k in kinds]) & after_start
    is_related = np.array([k == "related" for k in kinds]) & after_start
    above = _count_above(is_end)
    below = is_end[::-1].cumsum()[::-1] - is_end
    comment_above = _count_above(is_comment)
    related_above = _count_above(is_related)
    last, dist = -1, np.full(n, float(n))
    for i in range(n):
        if last >= 0:
            dist[i] = i - last
        if is_end[i]:
            last = i
    leading = np.array([_leading_title_words(ln) for ln in lines], dtype=np.float32)
    return [np.log1p(leading), np.log1p(above), np.log1p(below), np.log1p(comment_above), np.log1p(related_above), np.log1p(dist)]


def _count_above(flags: np.ndarray) -> np.ndarray:
    """For each line, how many lines strictly above it are flagged."""
    return np.concatenate([[0], np.cumsum(flags)[:-1]])


# The main run: the stretch of lines with the most prose, allowing this many non-prose
# lines between two prose lines.
MAX_RUN_GAP = 6


def _main_run(prose: np.ndarray, log_words: np.ndarray) -> tuple[int, int]:
    best = (0, -1, 0.0)
    start, last, score, gap = None, None, 0.0, 0
    for i, p in enumerate(prose):
        if p:
            if start is None:
                start, score = i, 0.0
            last, gap = i, 0
            score += float(log_words[i])
        elif start is not None:
            gap += 1
            if gap > MAX_RUN_GAP:
                if score > best[2]:
                    best = (start, last, score)  # type: ignore[assignment]
                start, gap = None, 0
    if start is not None and score > best[2]:
        best = (start, last, score)  # type: ignore[assignment]
    return (best[0], best[1]) if best[1] >= 0 else (0, len(prose) - 1)


# A teaser list prints headline after headline, each with a time stamp or a date.
_STAMP = re.compile(r"\b\d+ ?(seconds?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|years?) ago\b|^(just now|yesterday)$", re.I)


def _shape_densities(lines: list[str], own: np.ndarray) -> list[np.ndarray]:
    """How many of the lines around a line (itself included) are headline-shaped (short, in
    title case, not ending like a sentence) and how many are time stamps or short date
    lines: teaser and related lists are runs of both."""
    n = len(lines)
    words = np.array([word_count(ln) for ln in lines])
    titlecase = own[:, FEATURE_NAMES.index("titlecase_share")]
    sentence = own[:, FEATURE_NAMES.index("sentence_end")]
    dateish = own[:, FEATURE_NAMES.index("dateish")]
    headline = ((words >= 3) & (words <= 16) & (titlecase >= 0.6) & (sentence == 0)).astype(np.float32)
    stamp = np.array([bool(_STAMP.search(ln)) for ln in lines], dtype=np.float32)
    stamp = np.maximum(stamp, ((dateish > 0) & (words <= 8)).astype(np.float32))
    idx = np.arange(n)
    out = []
    for flags in (headline, stamp):
        cum = np.concatenate([[0.0], np.cumsum(flags)])
        for w in SHAPE_WINDOWS:
            lo, hi = np.maximum(idx - w, 0), np.minimum(idx + w + 1, n)
            out.append((cum[hi] - cum[lo]) / (hi - lo))
    return out
