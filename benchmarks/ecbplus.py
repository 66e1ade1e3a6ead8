"""ECB+ articles as newsprism Articles, their gold events and topics, and B-cubed scores:
the loader and the metric that `benchmarks/stories.py` prints. Pure functions, no printing.

ECB+ (../shared/data/ecbplus, see its SOURCE.md and README.txt) ships each article as CAT
XML: `<token t_id sentence number>word</token>` elements (tokenised text), then stand-off
annotations that we do not read. A file `<topic>/<topic>_<n>ecb.xml` belongs to the topic's
first seminal event (the original EventCorefBank), `<topic>_<n>ecbplus.xml` to its second,
so the gold event of an article is (topic, sub-corpus): 86 events over 43 topics.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsprism.models import Article

_FILE_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
# Tokens written without a space before them (closing punctuation, clitics) and after them
# (opening brackets, currency signs). The XML keeps no whitespace, so this is how we put it
# back; no detokenizer in our dependencies reads this tokenisation (spaCy's `Doc` needs the
# spaces given, sacremoses is not installed).
_NO_SPACE_BEFORE = re.compile(r"^([,.;:!?%)\]}”]+|'s|'S|’s|n't|N'T|n’t|'re|'ve|'ll|'d|'m|\.\.\.)$")
_NO_SPACE_AFTER = re.compile(r"^[(\[{$£€#“]$")
_QUOTE_PAIRS = {"``": "“", "''": "”"}
_CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}
_WORD_END = re.compile(r"\w$")
_WORD_START = re.compile(r"^\w")
_URL_START = re.compile(r"^https?$", re.I)


@dataclass
class EcbDocument:
    name: str  # "1_10ecbplus"
    topic: int
    subcorpus: str  # "ecb" or "ecbplus"
    url: str | None
    sentences: list[str]

    @property
    def event(self) -> str:
        return f"{self.topic}_{self.subcorpus}"


def detokenize(tokens: Sequence[str]) -> str:
    """One sentence's tokens as text with ordinary spacing. A straight double quote opens
    and closes by turns; an apostrophe before a clitic ("Lohan ’ s") and a hyphen or colon
    between two word tokens ("90 - day"), a colon or point between digits ("4: 59", "6. 1")
    and a thousands comma ("2, 000") are glued to both sides."""
    return detokenize_with_offsets(tokens)[0]


def detokenize_with_offsets(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """`detokenize`'s text and where each token is in it (start, end)."""
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    glue_next = False
    open_quote = False
    for n, raw in enumerate(tokens):
        token = _QUOTE_PAIRS.get(raw, raw)
        before = tokens[n - 1] if n else ""
        after = tokens[n + 1] if n + 1 < len(tokens) else ""
        if token == '"':
            space = not glue_next and not open_quote and bool(out)
            open_quote = not open_quote
            glue_next = open_quote
        else:
            inner = (token in ("’", "'") and after.lower() in _CLITICS) or (
                token in ("-", ":", ".") and _WORD_END.search(before) and _WORD_START.match(after)
                and (token == "-" or (before[-1:].isdigit() and after[:1].isdigit()))
            ) or (token == "," and before.isdigit() and re.fullmatch(r"\d{3}", after) is not None)
            space = bool(out) and not glue_next and not inner and not _NO_SPACE_BEFORE.match(token)
            glue_next = bool(_NO_SPACE_AFTER.match(token)) or bool(inner)
        start = length + (1 if space else 0)
        out.append((" " if space else "") + token)
        length = start + len(token)
        offsets.append((start, length))
    return "".join(out), offsets


def read_document(path: Path) -> EcbDocument:
    match = _FILE_NAME.match(path.name)
    if not match:
        raise ValueError(f"not an ECB+ article file name: {path.name}")
    by_sentence: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        by_sentence.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    sentences = [by_sentence[n] for n in sorted(by_sentence)]
    url = None
    # The 'ecbplus' articles carry the address they were found at as sentence 0 (README.txt);
    # it is the page's address, not its text.
    if sentences and sentences[0] and _URL_START.match(sentences[0][0]):
        url = "".join(sentences.pop(0))
    return EcbDocument(
        name=path.stem,
        topic=int(match.group(1)),
        subcorpus=match.group(3),
        url=url,
        sentences=[detokenize(s) for s in sentences if s],
    )


@dataclass(frozen=True)
class ActionMention:
    """An event mention ECB+ annotates (an ACTION_* markable): where its words are in the
    article's text (`newsprism_article`), and the cross-document event it is an instance of
    (a CROSS_DOC_COREF `note`; None when ECB+ links it to none)."""

    start: int
    end: int
    instance: str | None


def action_mentions(path: Path) -> list[ActionMention]:
    """The ACTION_* markables of an article file, placed in the text `read_document` and
    `newsprism_article` make of it (the same sentences, joined by blank lines)."""
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[tuple[str, str]]] = {}
    for token in root.iter("token"):
        by_sentence.setdefault(int(token.get("sentence", "0")), []).append((token.get("t_id", ""), token.text or ""))
    sentences = [by_sentence[n] for n in sorted(by_sentence)]
    if sentences and sentences[0] and _URL_START.match(sentences[0][0][1]):
        sentences.pop(0)
    where: dict[str, tuple[int, int]] = {}
    offset = 0
    for sentence in (s for s in sentences if s):
        text, spans = detokenize_with_offsets([t for _, t in sentence])
        for (t_id, _), (start, end) in zip(sentence, spans, strict=True):
            where[t_id] = (offset + start, offset + end)
        offset += len(text) + 2
    instance: dict[str, str] = {}
    for relation in root.iter("CROSS_DOC_COREF"):
        for source in relation.iter("source"):
            instance[source.get("m_id", "")] = relation.get("note", "")
    out = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        if not markable.tag.startswith("ACTION_"):
            continue
        placed = [where[a.get("t_id", "")] for a in markable.iter("token_anchor") if a.get("t_id", "") in where]
        if placed:
            out.append(ActionMention(min(a for a, _ in placed), max(b for _, b in placed), instance.get(markable.get("m_id", ""))))
    return out


def load_corpus(root: Path) -> list[EcbDocument]:
    """Every article under `root/ECB+`, ordered by topic, sub-corpus and number."""

    def order(path: Path) -> tuple[int, str, int]:
        m = _FILE_NAME.match(path.name)
        assert m
        return int(m.group(1)), m.group(3), int(m.group(2))

    paths = [p for p in (root / "ECB+").glob("*/*.xml") if _FILE_NAME.match(p.name)]
    return [read_document(p) for p in sorted(paths, key=order)]


def url_date(url: str | None) -> str | None:
    """The publication day an address spells (/2013/05/02/), as ISO; htmldate's reading."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    options = Extractor(False, datetime(2100, 1, 1), datetime(1990, 1, 1), False, "%Y-%m-%d")
    return extract_url_date(url, options)


def newsprism_article(doc: EcbDocument) -> Article:
    """The article as the claims and stories stages see it: sentences one per paragraph (the
    corpus gives sentences, not paragraphs), no title, the date its address spells if any
    (most ECB+ articles have none: nothing else in the corpus dates them)."""
    return Article(
        id=doc.name,
        source=f"ecbplus/{doc.topic}/{doc.name}.xml",
        text="\n\n".join(doc.sentences),
        format="text",
        url=doc.url,
        published=url_date(doc.url),
    )


@dataclass
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """B-cubed precision and recall (Bagga & Baldwin 1998) of a clustering: for each item,
    the share of its predicted cluster that shares its gold cluster (precision) and the share
    of its gold cluster that shares its predicted cluster (recall), averaged over the items.
    Both maps give each item's cluster label and must cover the same items."""
    if set(predicted) != set(gold):
        raise ValueError("predicted and gold clusterings must cover the same items")
    if not gold:
        return BCubed(0.0, 0.0)
    pairs: dict[tuple[str, str], int] = {}
    predicted_size: dict[str, int] = {}
    gold_size: dict[str, int] = {}
    for item, label in predicted.items():
        key = (label, gold[item])
        pairs[key] = pairs.get(key, 0) + 1
        predicted_size[label] = predicted_size.get(label, 0) + 1
        gold_size[gold[item]] = gold_size.get(gold[item], 0) + 1
    # every item of a (predicted, gold) cell has that cell's size as its overlap count
    precision = sum(n * n / predicted_size[p] for (p, _), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (_, g), n in pairs.items()) / len(gold)
    return BCubed(precision, recall)
