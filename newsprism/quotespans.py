"""Where the quotations of a text are: the words between quotation marks.

Hand-written because no maintained library finds quote spans in news text: spaCy has no
quotation component, and the attribution extractors (BBC's citron, textacy's
`direct_quotations`) are unmaintained or only find quotes they can attribute. The rules
are those of news style:

- double quotes, curly or straight, within a paragraph; two apostrophes ('') count as one
  double mark, as in archives typed on keyboards without curly quotes (the NYT's);
- single quotes (curly or straight) at the top level, as headlines and British outlets
  use them; an apostrophe inside or at the end of a word ("don't", "the players' union")
  is not a quotation mark;
- a quote whose paragraph ends before its closing mark, followed by a paragraph that
  opens with a quotation mark, runs on into that paragraph (the convention for quotes of
  several paragraphs); each paragraph gives its own span, the later ones marked as
  continuing the first;
- quotation marks nested inside a quote belong to the outer quote;
- a run of apostrophes after a word and before a space or punctuation ("the word
  'old-school,''' said Slayton") only closes quotes: none of its marks opens one; an
  apostrophe before two digits ("the '80s", "in '16") stands for a century, no mark;
- a closing curly mark that opens a paragraph ('”Fear. I am afraid ...”') is an opening
  mark typed the wrong way round (smart-quote software turns a mark typed after a line
  break into a closing one): nothing can close at the start of a paragraph; likewise an
  opening curly mark right after a word and before a space or punctuation closes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“"
DOUBLE_CLOSE = "”"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
TWO_APOSTROPHES = "''"
# A straight quotation mark opens after these (or at the start of a paragraph).
_OPEN_AFTER = " \t([{—–-/:;“‘\"'"
# A single closing mark must be followed by one of these (or the end of the paragraph).
_CLOSE_BEFORE = " \t.,;:!?)]}—–-”\"'"
# where a quote can open: the scan jumps from one such character to the next instead of
# stepping through every character in Python
_MAYBE_OPENING = re.compile("|".join(map(re.escape, (TWO_APOSTROPHES, DOUBLE_OPEN, DOUBLE_CLOSE, '"', SINGLE_OPEN, "'"))))


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # the first character inside the quotation marks
    end: int  # one past the last character inside them
    continues: bool = False  # the same quote as the span before, carried into a new paragraph


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in `text`, in order, as character spans of the quoted words."""
    spans: list[QuoteSpan] = []
    offset = 0
    carried = False  # the previous paragraph ended inside a quote
    for paragraph in text.split("\n"):
        if paragraph.strip():
            lead = len(paragraph) - len(paragraph.lstrip())
            opens_with_mark = paragraph.lstrip()[:1] in (DOUBLE_OPEN, DOUBLE_CLOSE, '"') or paragraph.lstrip()[:2] == TWO_APOSTROPHES
            found, unclosed = _paragraph_quotes(paragraph, offset)
            mark_width = 2 if paragraph.lstrip()[:2] == TWO_APOSTROPHES else 1
            if found and carried and opens_with_mark and found[0].start == offset + lead + mark_width:
                found[0] = QuoteSpan(found[0].start, found[0].end, continues=True)
            spans += found
            carried = unclosed
        offset += len(paragraph) + 1
    return spans


def _paragraph_quotes(paragraph: str, offset: int) -> tuple[list[QuoteSpan], bool]:
    """The quotes of one paragraph, and whether it ends inside an unclosed double quote."""
    spans: list[QuoteSpan] = []
    i, n = 0, len(paragraph)
    while i < n:
        mark = _MAYBE_OPENING.search(paragraph, i)
        if mark is None:
            break
        i = mark.start()
        ch = paragraph[i]
        if paragraph.startswith(TWO_APOSTROPHES, i) and _can_open(paragraph, i, width=2):
            close = paragraph.find(TWO_APOSTROPHES, i + 3)
            if close == -1:
                spans += _span(paragraph, i + 2, n, offset)
                return spans, True
            spans += _span(paragraph, i + 2, close, offset)
            i = close + 2
            continue
        wrong_way_round = ch == DOUBLE_CLOSE and not paragraph[:i].strip() and _can_open(paragraph, i)
        if ch == DOUBLE_OPEN or wrong_way_round or (ch == '"' and _can_open(paragraph, i)):
            close = _find_double_close(paragraph, i + 1)
            if close is None:  # runs to the end of the paragraph
                spans += _span(paragraph, i + 1, n, offset)
                return spans, True
            spans += _span(paragraph, i + 1, close, offset)
            i = close + 1
            continue
        if ch in (SINGLE_OPEN, "'") and _can_open(paragraph, i):
            close = _find_single_close(paragraph, i + 1)
            if close is not None:
                spans += _span(paragraph, i + 1, close, offset)
                i = close + 1
                continue
        i += 1
    return spans, False


def _can_open(paragraph: str, i: int, width: int = 1) -> bool:
    before_ok = i == 0 or paragraph[i - 1] in _OPEN_AFTER
    after = paragraph[i + width : i + width + 1]
    if paragraph[i] == "'" and (_in_closing_run(paragraph, i) or _DROPPED_CENTURY.match(paragraph, i)):
        return False
    return before_ok and after != "" and not after.isspace()


# "the '80s", "in '16": an apostrophe that stands for a century's two digits
_DROPPED_CENTURY = re.compile(r"'\d\ds?\b")


def _in_closing_run(paragraph: str, i: int) -> bool:
    """Whether the apostrophe at `i` is in a run of two or more right after a word and
    before a space, punctuation or the end ("'old-school,''' said"): such a run closes
    quotes. A single quote closes on its first mark, and the two left would otherwise
    open a double quote that runs on to the next mark."""
    start, end = i, i + 1
    while start > 0 and paragraph[start - 1] == "'":
        start -= 1
    while end < len(paragraph) and paragraph[end] == "'":
        end += 1
    if end - start < 2 or start == 0 or paragraph[start - 1].isspace() or paragraph[start - 1] in _OPEN_AFTER:
        return False
    after = paragraph[end : end + 1]
    return after == "" or after in _CLOSE_BEFORE


def _find_double_close(paragraph: str, start: int) -> int | None:
    """The mark that closes a double quote opened just before `start`. A quote opened with
    a straight mark may hold curly ones ('"PENCE: ... an episode of “Shark Tank.” But ..."'):
    a curly pair inside it is nested, not its end."""
    straight = start > 0 and paragraph[start - 1] == '"'
    depth = 0
    for j in range(start, len(paragraph)):
        ch = paragraph[j]
        if ch == DOUBLE_OPEN and not depth and _closes_the_wrong_way_round(paragraph, j):
            return j
        if straight and ch == DOUBLE_OPEN:
            depth += 1
        elif ch == DOUBLE_CLOSE and depth:
            depth -= 1
        elif ch == DOUBLE_CLOSE or (ch == '"' and j > start):
            return j
    return None


def _closes_the_wrong_way_round(paragraph: str, j: int) -> bool:
    """'called Mexican immigrants “rapists“ while ...': an opening curly mark right after
    a word and before a space, punctuation or the end closes the quote (typed the wrong
    way round); one that opens a nested quote is followed by its first word."""
    after = paragraph[j + 1 : j + 2]
    return not paragraph[j - 1].isspace() and paragraph[j - 1] not in _OPEN_AFTER and (after == "" or after in _CLOSE_BEFORE)


def _find_single_close(paragraph: str, start: int) -> int | None:
    """The closing single mark: after a non-space, before a space or punctuation; an
    apostrophe inside a word ("don't") is skipped. A double quote ends the search, since
    a single quote never spans one. A mark that looks possessive ("‘Thousands of
    Shootings’ in Chicago") closes the quote when no other mark does."""
    possessive = None
    for j in range(start + 1, len(paragraph)):
        ch = paragraph[j]
        if ch in (DOUBLE_OPEN, DOUBLE_CLOSE, '"'):
            break
        if ch in (SINGLE_CLOSE, "'") and not paragraph[j - 1].isspace():
            after = paragraph[j + 1 : j + 2]
            if after == "" or after in _CLOSE_BEFORE:
                if paragraph[j - 1] == "s" and after == " " and _looks_possessive(paragraph, start, j):
                    possessive = j if possessive is None else possessive
                    continue
                return j
    return possessive if possessive is not None and paragraph[start - 1] == SINGLE_OPEN else None


def _looks_possessive(paragraph: str, start: int, j: int) -> bool:
    """'the players' union': a plural possessive, not the end of a quote, when the word
    after it is lower-case and the would-be quote has no punctuation before the mark."""
    rest = paragraph[j + 2 : j + 3]
    return rest.islower() and paragraph[j - 2 : j - 1].isalpha() and "," not in paragraph[start:j]


def _span(paragraph: str, start: int, end: int, offset: int) -> list[QuoteSpan]:
    """The span of the quoted words, without the spaces and trailing comma at its edges."""
    inner = paragraph[start:end]
    stripped = inner.strip()
    if not stripped:
        return []
    lead = len(inner) - len(inner.lstrip())
    s = offset + start + lead
    return [QuoteSpan(s, s + len(stripped))]
