"""PolNeAR attributions and newsprism's claims, side by side: the loader and the metrics
that `benchmarks/claims.py` prints. Pure functions, no printing; the metric definitions
are in that script's docstring, and each function below says what it decides.

PolNeAR (../shared/data/polnear, see its SOURCE.md) ships, per split, `text/<name>.txt`
and brat standoff files `attributions/<name>_<annotator>.ann`. Some articles were
annotated by several annotators (for agreement); we read only the first .ann file by
sorted name, so every article has one gold annotation.
"""

from __future__ import annotations

import csv
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal

from newsprism.models import Article, Extraction
from newsprism.quotetagger import said_fragments  # noqa: F401  (what the scores compare; re-exported)

SPLITS = ("train", "dev", "test")
# Quotation marks that make a Content span a direct quote: double marks, two apostrophes
# (the NYT archive's double mark) and an opening curly single mark. A straight single
# mark is left out: in gold text it cannot be told from an apostrophe.
QUOTE_MARKS = ('"', "“", "”", "''", "‘")
# Two spans match when the word tokens they share cover at least this share of each.
MIN_TOKEN_OVERLAP = 0.5
# Relative tolerance for a predicted number to equal a gold one (float noise only).
NUMBER_TOLERANCE = 1e-6

_WORD = re.compile(r"\w+")
# brat text-bound line: "T12<TAB>Content 10 20;25 30<TAB>text". Labels may hold hyphens
# ("Attribution-no-source"); the text part is ignored (it is re-read from the .txt, and
# it may run over several lines when the span holds a line break).
_TEXT_BOUND = re.compile(r"^(T\d+)\t([\w-]+) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")

SourceKind = Literal["name", "pronoun", "other", "none"]

# A Source made only of these words refers back to someone named earlier.
PRONOUNS = frozenset(
    "he she they i we you it him her them me us his hers its their theirs our ours my mine your yours "
    "who whom whose which that".split()
)
# Capitalised words that do not name anyone on their own: determiners that open a
# sentence, titles ("the President", "Sen.") and the party or nationality adjectives of
# descriptions ("The Republican presidential nominee" is no name to resolve "he" to).
NOT_NAME_WORDS = PRONOUNS | frozenset(
    "the a an this these those some many most all both other another each every any no "
    "republican democratic democrat gop american former retired longtime "
    "mr mrs ms miss dr sir dame rev lt gen col sgt capt gov sen rep st jr sr prof "
    "president vice senator governor mayor minister secretary speaker chairman chairwoman chief judge justice "
    "representative congressman congresswoman spokesman spokeswoman spokesperson officer official "
    "general captain director leader candidate nominee".split()
)
# Lower-case words inside a name ("Bashar al-Assad", "Charles de Gaulle").
NAME_PARTICLES = frozenset("al el bin ibn de del della der di da du la le van von".split())
# Function words left out when two phrases are asked whether they share a content word.
STOPWORDS = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been being has have had "
    "do does did will would can could should may might this that these those it its their his her "
    "they he she we i you who which what than then there here about into over under per "
    "himself herself itself themselves myself ourselves yourself".split()
)
# Endings cut off before comparing content words, so that "residents evacuated" and
# "resident evacuate" share words; a crude stand-in for lemmas, which would need spaCy.
_SUFFIXES = ("ing", "ed", "es", "s", "e")


# ---------------------------------------------------------------- loading


@dataclass(frozen=True)
class BratSpan:
    """One text-bound annotation; `fragments` are (start, end) offsets into the .txt,
    several when brat marks a discontinuous span (in the order the file lists them,
    which is not always the order of the text)."""

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str  # the fragments' text, joined by a space

    @property
    def start(self) -> int:
        return min(a for a, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(b for _, b in self.fragments)


@dataclass(frozen=True)
class Relation:
    """One attribution relation (brat event); a role the annotator left empty is None."""

    id: str
    contents: tuple[BratSpan, ...]  # "Content" and, rarely, "Content2"
    source: BratSpan | None
    cue: BratSpan | None


@dataclass(frozen=True)
class ArticleMeta:
    split: str
    name: str
    publisher: str | None
    published: str | None


@dataclass
class GoldArticle:
    split: str
    name: str
    text: str
    annotation_file: str | None  # the .ann read (None when the article has none)
    spans: list[BratSpan]
    relations: list[Relation]
    meta: ArticleMeta

    @property
    def id(self) -> str:
        return article_id(self.split, self.name)

    def spans_labelled(self, label: str) -> list[BratSpan]:
        return [s for s in self.spans if s.label == label]

    def source_of(self, content: BratSpan) -> BratSpan | None:
        """The Source of the (first, by event id) relation that holds this Content."""
        for relation in self.relations:
            if any(c.id == content.id for c in relation.contents):
                return relation.source
        return None


def article_id(split: str, name: str) -> str:
    """The article's path under the PolNeAR folder, as the quantity/date gold file names it."""
    return f"{split}/text/{name}.txt"


def _none_if_missing(value: str | None) -> str | None:
    return None if value in (None, "", "None") else value


def read_metadata(root: Path) -> dict[tuple[str, str], ArticleMeta]:
    """metadata.tsv rows keyed by (split, file name)."""
    out = {}
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = (row["compartment"], row["filename"])
            out[key] = ArticleMeta(
                split=row["compartment"],
                name=row["filename"],
                publisher=_none_if_missing(row.get("publisher")),
                published=_none_if_missing(row.get("publication_date")),
            )
    return out


def read_text(path: Path) -> str:
    """The file's characters exactly (no newline translation), so brat offsets line up."""
    return path.read_bytes().decode("utf-8")


def parse_brat(text: str, ann: str) -> tuple[list[BratSpan], list[Relation]]:
    """Text-bound spans and attribution relations of one .ann file. Notes (#), other
    lines and continuation lines of a multi-line span text are skipped."""
    spans: dict[str, BratSpan] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        bound = _TEXT_BOUND.match(line)
        if bound:
            fragments = tuple(
                (int(a), int(b)) for a, b in (part.split() for part in bound.group(3).split(";"))
            )
            span_text = " ".join(text[a:b] for a, b in fragments)
            spans[bound.group(1)] = BratSpan(bound.group(1), bound.group(2), fragments, span_text)
            continue
        event = _EVENT.match(line)
        if event:
            roles = [tuple(part.split(":", 1)) for part in event.group(2).split() if ":" in part]
            events.append((event.group(1), roles))  # type: ignore[arg-type]
    relations = []
    for event_id, roles in events:
        by_role: dict[str, list[BratSpan]] = {}
        for role, target in roles:
            if target in spans:
                by_role.setdefault(role.rstrip("0123456789"), []).append(spans[target])
        relations.append(
            Relation(
                id=event_id,
                contents=tuple(by_role.get("Content", [])),
                source=(by_role.get("Source") or [None])[0],
                cue=(by_role.get("Cue") or [None])[0],
            )
        )
    ordered = sorted(spans.values(), key=lambda s: (s.start, s.end, s.id))
    return ordered, sorted(relations, key=lambda r: int(r.id[1:]))


def annotation_files(root: Path, split: str, name: str) -> list[Path]:
    """The article's .ann files, sorted by name; the annotator id holds no underscore,
    which keeps one article's files apart from a longer name that shares its prefix."""
    folder = root / split / "attributions"
    return sorted(p for p in folder.glob(f"{name}_*.ann") if "_" not in p.stem[len(name) + 1 :])


def load_article(root: Path, split: str, name: str, metadata: dict[tuple[str, str], ArticleMeta]) -> GoldArticle:
    text = read_text(root / split / "text" / f"{name}.txt")
    anns = annotation_files(root, split, name)
    spans, relations = parse_brat(text, read_text(anns[0])) if anns else ([], [])
    meta = metadata.get((split, name), ArticleMeta(split, name, None, None))
    return GoldArticle(split, name, text, anns[0].name if anns else None, spans, relations, meta)


def parse_fold(value: str) -> tuple[int, int]:
    """'K/N' -> (K, N), 0 <= K < N: fold K of the split's articles dealt into N folds."""
    k, _, n = value.partition("/")
    fold = (int(k), int(n))
    if not 0 <= fold[0] < fold[1]:
        raise ValueError(f"fold {value!r}: want K/N with 0 <= K < N")
    return fold


def in_fold(index: int, fold: tuple[int, int]) -> bool:
    """Whether the article at `index` (by file name) is in `fold`: dealt round-robin, so
    each fold takes articles from every part of the alphabet (the file names group outlets)."""
    return index % fold[1] == fold[0]


def load_split(root: Path, split: str, limit: int | None = None, fold: tuple[int, int] | None = None) -> list[GoldArticle]:
    """The split's articles, by file name; `fold` keeps those in one fold (`in_fold`), then
    `limit` keeps the first N."""
    names = sorted(p.stem for p in (root / split / "text").glob("*.txt"))
    names = [n for i, n in enumerate(names) if fold is None or in_fold(i, fold)][:limit]
    metadata = read_metadata(root)
    return [load_article(root, split, name, metadata) for name in names]


def newsprism_article(gold: GoldArticle) -> Article:
    """The article as newsprism's claims stage takes it: the .txt verbatim, so gold
    offsets are offsets into `Article.text`."""
    return Article(
        id=gold.id,
        source=gold.id,
        text=gold.text,
        format="text",
        outlet=gold.meta.publisher,
        published=gold.meta.published,
    )


# ---------------------------------------------------------------- tokens and matching


def word_tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `\\w+` token of the article."""
    return [m.span() for m in _WORD.finditer(text)]


def tokens_in(tokens: Sequence[tuple[int, int]], fragments: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Indexes of the tokens that overlap any fragment by at least one character (a span
    that starts inside a word still holds that word)."""
    starts = [t[0] for t in tokens]
    ends = [t[1] for t in tokens]
    found: set[int] = set()
    for start, end in fragments:
        first = bisect_right(ends, start)  # first token ending after `start`
        last = bisect_left(starts, end)  # tokens before this start before `end`
        found.update(range(first, last))
    return frozenset(found)


def greedy_pairs(candidates: Iterable[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) pairs from (gold, predicted, score) candidates, taking
    the highest score first (ties: earlier gold, then earlier prediction)."""
    taken_gold: set[int] = set()
    taken_predicted: set[int] = set()
    pairs = []
    for gold, predicted, _ in sorted(candidates, key=lambda c: (-c[2], c[0], c[1])):
        if gold in taken_gold or predicted in taken_predicted:
            continue
        taken_gold.add(gold)
        taken_predicted.add(predicted)
        pairs.append((gold, predicted))
    return sorted(pairs)


def match_token_sets(gold: Sequence[frozenset[int]], predicted: Sequence[frozenset[int]]) -> list[tuple[int, int]]:
    """Gold/predicted index pairs whose shared tokens cover at least half of both spans'
    tokens, matched one-to-one by most shared tokens."""
    candidates = []
    for g, gold_tokens in enumerate(gold):
        for p, predicted_tokens in enumerate(predicted):
            shared = len(gold_tokens & predicted_tokens)
            if (
                shared
                and shared >= MIN_TOKEN_OVERLAP * len(gold_tokens)
                and shared >= MIN_TOKEN_OVERLAP * len(predicted_tokens)
            ):
                candidates.append((g, p, float(shared)))
    return greedy_pairs(candidates)


def mostly_inside(inner: frozenset[int], outer: frozenset[int]) -> bool:
    """At least half of `inner`'s tokens lie inside `outer` (the partial-match test)."""
    return bool(inner) and len(inner & outer) >= MIN_TOKEN_OVERLAP * len(inner)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


# ---------------------------------------------------------------- speakers


def _is_sentence_start(text: str, position: int) -> bool:
    """Whether the word at `position` opens a sentence; the full stop of a title or an
    initial ("Mr. Obama", "Paul D. Ryan") does not end one."""
    before = text[:position].rstrip(" \t\"“‘'(")
    if not before or before.endswith(("\n", "!", "?", ":")):
        return True
    if not before.endswith("."):
        return False
    previous = _WORD.findall(before[-12:])
    return not previous or not (previous[-1].lower() in NOT_NAME_WORDS or len(previous[-1]) == 1)


def source_kind(source: BratSpan | None, article_text: str) -> SourceKind:
    """"pronoun" when every word of the Source is a pronoun; "name" when it holds a
    capitalised word that is neither a pronoun, a determiner nor a title. A capitalised
    word that opens a sentence counts only if the article never prints it in lower case
    ("Protesters said" is no name; "Trump said" is)."""
    if source is None:
        return "none"
    words = [(m.group(), a + m.start()) for a, b in source.fragments for m in _WORD.finditer(article_text[a:b])]
    if not words:
        return "other"
    if all(w.lower() in PRONOUNS for w, _ in words):
        return "pronoun"
    for word, position in words:
        if not word[0].isupper() or word.lower() in NOT_NAME_WORDS:
            continue
        if _is_sentence_start(article_text, position) and re.search(rf"\b{re.escape(word.lower())}\b", article_text):
            continue
        return "name"
    return "other"


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and word.lower() not in NOT_NAME_WORDS


@dataclass(frozen=True)
class _NameRun:
    words: tuple[str, ...]
    possessive: bool = False  # "Clinton’s" in "Clinton’s communications director"
    modifier: bool = False  # "White House" in "White House deputy press secretary Eric Schultz"


def _describes(word: str) -> bool:
    """A word that, right after a name, makes the name a modifier of a description: a
    title ("House Speaker") or a lower-case content word ("Trump campaign")."""
    return word.lower() in NOT_NAME_WORDS - PRONOUNS or (word.islower() and word not in STOPWORDS)


def _name_runs(text: str) -> list[_NameRun]:
    """Runs of capitalised name words, joined only by spaces, full stops ("Paul D. Ryan"),
    hyphens, apostrophes ("O'Neill") and particles ("Bashar al-Assad"); a comma, a
    lower-case word or a title ends a run."""
    runs: list[_NameRun] = []
    current: list[str] = []
    matches = list(_WORD.finditer(text))
    previous_end = 0
    for i, match in enumerate(matches):
        word, gap = match.group(), text[previous_end : match.start()]
        previous_end = match.end()
        joined = bool(current) and not gap.strip(" .-'’\u00a0")
        if _is_name_word(word) and (joined or not current):
            current.append(word)
            continue
        following = matches[i + 1].group() if i + 1 < len(matches) else ""
        if joined and word.lower() in NAME_PARTICLES and following and _is_name_word(following):
            continue  # "al" in "Bashar al-Assad" keeps the run going
        if current:
            possessive = word == "s" and gap in ("'", "’")
            modifier = not possessive and not gap.strip() and _describes(word)
            runs.append(_NameRun(tuple(current), possessive, modifier))
        current = [word] if _is_name_word(word) else []
    if current:
        runs.append(_NameRun(tuple(current)))
    return runs


def _chosen_run(text: str) -> _NameRun | None:
    """The first run that heads the phrase; else the first possessive ("FBI Director
    James Comey's", "Trump’s"); else the first modifier ("The Trump campaign")."""
    runs = _name_runs(text)
    return (
        next((r for r in runs if not r.possessive and not r.modifier), None)
        or next((r for r in runs if r.possessive), None)
        or next(iter(runs), None)
    )


def _name_run(name: str) -> _NameRun | None:
    """The run of capitalised words `name_key` compares (see there)."""
    head = re.split(r"[,(]", name, maxsplit=1)[0]
    head_run = _chosen_run(head)
    if head_run is not None and not head_run.possessive and not head_run.modifier:
        return head_run
    return _chosen_run(name)


def name_key(name: str | None) -> str | None:
    """The word a name is compared on: the last word of the name a Source holds, lower-
    cased. The name is the first run of capitalised non-title words that is neither a
    possessive nor a modifier of a description, looked for before the first comma or
    parenthesis first ("Sen. Bernie Sanders (Vt.), who lost to Clinton," -> sanders;
    "Flynn, a top Trump surrogate," -> flynn; "Edward Alden of the Council on Foreign
    Relations" -> alden; "Clinton’s communications director, Jennifer Palmieri" ->
    palmieri; "White House deputy press secretary Eric Schultz" -> schultz). A canonical
    name such as "Jennifer Palmieri" is one run, so this is its last capitalised word."""
    if not name:
        return None
    run = _name_run(name)
    return run.words[-1].lower() if run is not None else None


def names_someone(name: str) -> bool:
    """Whether the name a Source holds heads it, rather than describing something else:
    "Jennifer Palmieri" and "Clinton’s communications director, Jennifer Palmieri" name
    someone; "a Donald Trump tweet", "Gary Johnson’s doctor" and "European leaders" hold
    a name only as a modifier or a possessive."""
    run = _name_run(name)
    return run is not None and not run.possessive and not run.modifier


def content_words(text: str | None) -> set[str]:
    """Lower-cased words of a phrase without function words, with common endings cut."""
    out = set()
    for word in _WORD.findall((text or "").lower()):
        if word in STOPWORDS:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return out


@dataclass(frozen=True)
class SpeakerTarget:
    """What a gold Source asks of a predicted speaker: `key` is the name word to share
    (for a pronoun, that of the name it refers to; None when it cannot be resolved).
    `from_annotation`: a pronoun's antecedent was read from the hand annotation, not
    guessed."""

    kind: SourceKind
    source: str | None
    key: str | None
    refers_to: str | None = None
    from_annotation: bool = False


@dataclass(frozen=True)
class Antecedent:
    """One line of tests/data/polnear_antecedents/<split>.jsonl: the name a pronoun
    Source stands for, or None with the `reason` it has none ("unnamed", "group",
    "thing")."""

    file: str  # the article id, "test/text/<name>.txt"
    start: int
    end: int
    source: str
    antecedent: str | None
    reason: str | None = None


# (article id, Source start, Source end) -> the hand-annotated antecedent
Antecedents = Mapping[tuple[str, int, int], Antecedent]


def load_antecedents(path: Path | None) -> dict[tuple[str, int, int], Antecedent]:
    """The hand-annotated antecedents, keyed by article and Source offsets; an absent
    file (or None) gives none, so every pronoun falls back to the heuristic. A malformed
    line raises ValueError naming it."""
    if path is None or not path.exists():
        return {}
    out = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            source = row["source"]
            item = Antecedent(
                row["file"], int(source["start"]), int(source["end"]), source["text"], row["antecedent"],
                row.get("reason"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: {exc!r}") from exc
        out[(item.file, item.start, item.end)] = item
    return out


# Pronouns that stand for a person: a Source that holds a name only as a modifier or a
# possessive ("a Donald Trump tweet", "Gary Johnson’s doctor") is not what they refer
# to. "it", "they" and "which" may stand for such a thing ("Donald Trump’s campaign").
PERSON_PRONOUNS = frozenset("he she him her his hers i me my mine who whom whose".split())
# "he" cannot stand for a Source the article calls "Mrs." or "Ms.", nor "she" for a "Mr.";
# and neither for a group a quantifier opens ("many Americans", "Some Republicans").
OTHER_SEX_TITLES = {"he": {"mrs", "ms", "miss"}, "him": {"mrs", "ms", "miss"}, "his": {"mrs", "ms", "miss"},
                    "she": {"mr"}, "her": {"mr"}, "hers": {"mr"}}
GROUP_QUANTIFIERS = frozenset("many some most both all several few other others".split())


def could_stand_for(pronoun: str, source: str) -> bool:
    """Whether a pronoun for a person can refer to a Source that names someone: not a
    Source whose name only describes something else (`names_someone`), nor one whose
    title gives the other sex, nor a group."""
    words = [w.lower() for w in _WORD.findall(source)]
    if not words or words[0] in GROUP_QUANTIFIERS:
        return False
    return names_someone(source) and not OTHER_SEX_TITLES.get(pronoun.lower(), set()) & set(words)


def speaker_target(
    gold: GoldArticle, source: BratSpan | None, antecedents: Antecedents | None = None
) -> SpeakerTarget:
    """A pronoun refers to the name the hand annotation gives it (`antecedents`, keyed by
    article and Source offsets; an annotated null leaves it unresolved); a pronoun the
    annotation lacks refers to the nearest Source of the article that starts before it
    and is a name (an approximation of coreference that needs no model), and a pronoun
    for a person skips Sources whose name does not head them."""
    kind = source_kind(source, gold.text)
    if source is None:
        return SpeakerTarget("none", None, None)
    if kind == "name":
        return SpeakerTarget(kind, source.text, name_key(source.text))
    if kind == "pronoun":
        annotated = (antecedents or {}).get((gold.id, source.start, source.end))
        if annotated is not None:
            return SpeakerTarget(
                kind, source.text, name_key(annotated.antecedent), annotated.antecedent, from_annotation=True
            )
        personal = all(w.lower() in PERSON_PRONOUNS for w in _WORD.findall(source.text))
        earlier = [
            s for s in gold.spans_labelled("Source")
            if s.start < source.start and source_kind(s, gold.text) == "name"
            and (not personal or could_stand_for(source.text.strip(), s.text))
        ]
        antecedent = max(earlier, key=lambda s: s.start, default=None)
        if antecedent is None:
            return SpeakerTarget(kind, source.text, None)
        return SpeakerTarget(kind, source.text, name_key(antecedent.text), antecedent.text)
    return SpeakerTarget(kind, source.text, None)


def speaker_right(target: SpeakerTarget, predicted: Extraction) -> bool | None:
    """Whether the predicted speaker is the gold one; None when it cannot be scored (no
    gold Source, or an unresolvable pronoun). A missing prediction is wrong. Names (and
    resolved pronouns) match on `name_key`; a description ("the official") matches when
    the predicted speaker, canonical or as written, shares a content word with it."""
    if target.kind == "none" or (target.kind != "other" and target.key is None):
        return None
    if target.kind == "other":
        words = content_words(predicted.speaker) | content_words(predicted.speaker_as_written)
        return bool(words & content_words(target.source))
    return predicted.speaker is not None and name_key(predicted.speaker) == target.key


@dataclass
class SpeakerTally:
    name_right: int = 0
    name_total: int = 0
    pronoun_right: int = 0
    pronoun_total: int = 0
    other_right: int = 0
    other_total: int = 0
    unresolved_pronouns: int = 0  # matched quotes whose pronoun Source has no name to stand for
    without_source: int = 0  # matched quotes whose relation has no Source
    pronouns_annotated: int = 0  # matched quotes whose pronoun's target is the hand annotation's

    def add(self, target: SpeakerTarget, right: bool | None) -> None:
        if target.kind == "pronoun" and target.from_annotation:
            self.pronouns_annotated += 1
        if target.kind == "none":
            self.without_source += 1
        elif right is None:
            self.unresolved_pronouns += 1
        else:
            setattr(self, f"{target.kind}_total", getattr(self, f"{target.kind}_total") + 1)
            setattr(self, f"{target.kind}_right", getattr(self, f"{target.kind}_right") + int(right))

    def accuracy(self, kind: Literal["name", "pronoun", "other"]) -> float | None:
        total = getattr(self, f"{kind}_total")
        return getattr(self, f"{kind}_right") / total if total else None

    def __add__(self, other: SpeakerTally) -> SpeakerTally:
        return SpeakerTally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


# ---------------------------------------------------------------- attributions


def said_text(article_text: str, extraction: Extraction) -> str:
    return " … ".join(article_text[s:e] for s, e in said_fragments(extraction))


def is_direct_quote(content: BratSpan) -> bool:
    return any(mark in content.text for mark in QUOTE_MARKS)


@dataclass
class Coverage:
    """The partial-match view: gold spans that hold most of some predicted quote, and
    predicted quotes that lie mostly inside some gold span (many-to-many)."""

    gold_found: int = 0
    gold: int = 0
    predicted_inside: int = 0
    predicted: int = 0

    @property
    def recall(self) -> float | None:
        return self.gold_found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.predicted_inside / self.predicted if self.predicted else None

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass
class QuoteCase:
    """One gold or predicted span and what became of it, for reading failures."""

    article: str
    outcome: Literal["matched", "missed", "spurious"]
    gold: str | None = None
    predicted: str | None = None
    gold_start: int | None = None
    predicted_start: int | None = None
    source: str | None = None
    source_kind: SourceKind | None = None
    refers_to: str | None = None
    refers_to_annotated: bool = False  # `refers_to` is the hand annotation's, not a guess
    predicted_speaker: str | None = None
    predicted_speaker_as_written: str | None = None
    speaker_right: bool | None = None
    partly_found: bool | None = None  # missed gold: some prediction lies mostly inside it


@dataclass
class AttributionScore:
    counts: Counts = field(default_factory=Counts)
    coverage: Coverage = field(default_factory=Coverage)
    speakers: SpeakerTally = field(default_factory=SpeakerTally)
    cases: list[QuoteCase] = field(default_factory=list)

    def __add__(self, other: AttributionScore) -> AttributionScore:
        return AttributionScore(
            self.counts + other.counts,
            self.coverage + other.coverage,
            self.speakers + other.speakers,
            self.cases + other.cases,
        )


def score_attributions(
    gold: GoldArticle,
    contents: Sequence[BratSpan],
    predicted: Sequence[Extraction],
    antecedents: Antecedents | None = None,
) -> AttributionScore:
    """Gold Content spans against predicted mentions in one article: one-to-one token
    matches (counts), the partial-match coverage, and speakers of the matched pairs
    (pronoun Sources resolved by `antecedents` where it has them, see `speaker_target`)."""
    tokens = word_tokens(gold.text)
    # several quotes of one reported clause ('she wanted to speak "directly to white
    # people" and let them know that "this is not who we are"') say one thing: the clause
    first_of_each: dict[tuple[tuple[int, int], ...], Extraction] = {}
    for e in predicted:
        first_of_each.setdefault(tuple(said_fragments(e)), e)
    predicted = list(first_of_each.values())
    gold_tokens = [tokens_in(tokens, c.fragments) for c in contents]
    predicted_tokens = [tokens_in(tokens, said_fragments(e)) for e in predicted]
    pairs = match_token_sets(gold_tokens, predicted_tokens)
    score = AttributionScore(Counts(len(pairs), len(predicted) - len(pairs), len(contents) - len(pairs)))
    found = [any(mostly_inside(p, g) for p in predicted_tokens) for g in gold_tokens]
    score.coverage = Coverage(
        gold_found=sum(found),
        gold=len(contents),
        predicted_inside=sum(any(mostly_inside(p, g) for g in gold_tokens) for p in predicted_tokens),
        predicted=len(predicted),
    )
    for g, p in pairs:
        content, extraction = contents[g], predicted[p]
        target = speaker_target(gold, gold.source_of(content), antecedents)
        right = speaker_right(target, extraction)
        score.speakers.add(target, right)
        score.cases.append(
            QuoteCase(
                gold.id, "matched", content.text, said_text(gold.text, extraction), content.start, said_fragments(extraction)[0][0],
                target.source, target.kind, target.refers_to, target.from_annotation, extraction.speaker,
                extraction.speaker_as_written, right,
            )
        )
    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    for g, content in enumerate(contents):
        if g not in matched_gold:
            target = speaker_target(gold, gold.source_of(content), antecedents)
            score.cases.append(
                QuoteCase(
                    gold.id, "missed", gold=content.text, gold_start=content.start, source=target.source,
                    source_kind=target.kind, refers_to=target.refers_to, refers_to_annotated=target.from_annotation,
                    partly_found=found[g],
                )
            )
    for p, extraction in enumerate(predicted):
        if p not in matched_predicted:
            score.cases.append(
                QuoteCase(
                    gold.id, "spurious", predicted=said_text(gold.text, extraction), predicted_start=said_fragments(extraction)[0][0],
                    predicted_speaker=extraction.speaker, predicted_speaker_as_written=extraction.speaker_as_written,
                )
            )
    return score


@dataclass
class ArticleScore:
    direct: AttributionScore  # Content spans with a quotation mark vs "quote" extractions
    attributions: AttributionScore  # every Content span vs "quote" and "statement" extractions


def score_article(
    gold: GoldArticle, extractions: Sequence[Extraction], antecedents: Antecedents | None = None
) -> ArticleScore:
    contents = gold.spans_labelled("Content")
    quotes = [e for e in extractions if e.kind == "quote"]
    said = [e for e in extractions if e.kind in ("quote", "statement")]
    return ArticleScore(
        direct=score_attributions(gold, [c for c in contents if is_direct_quote(c)], quotes, antecedents),
        attributions=score_attributions(gold, contents, said, antecedents),
    )


# ---------------------------------------------------------------- quantities and dates


@dataclass(frozen=True)
class GoldQuantity:
    start: int
    end: int
    text: str
    number: float
    unit: str | None
    of: str
    approximate: bool


@dataclass(frozen=True)
class GoldDate:
    start: int
    end: int
    text: str
    value: str
    granularity: str
    part_of_day: str | None
    event: str


@dataclass(frozen=True)
class GoldSentence:
    file: str  # "dev/text/<name>.txt", the article id
    published: str
    start: int
    end: int
    quantities: tuple[GoldQuantity, ...]
    dates: tuple[GoldDate, ...]


def load_quantity_date_gold(path: Path) -> list[GoldSentence]:
    """The hand-annotated sentences, one JSON object a line; a malformed line raises
    ValueError naming it (a gold file must not be read half-way)."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(
                GoldSentence(
                    file=row["file"],
                    published=row["published"],
                    start=row["sentence"]["start"],
                    end=row["sentence"]["end"],
                    quantities=tuple(
                        GoldQuantity(
                            q["start"], q["end"], q["text"], float(q["number"]), q.get("unit"), q.get("of", ""),
                            bool(q.get("approximate", False)),
                        )
                        for q in row.get("quantities", [])
                    ),
                    dates=tuple(
                        GoldDate(
                            d["start"], d["end"], d["text"], d["value"], d["granularity"], d.get("part_of_day"),
                            d.get("event", ""),
                        )
                        for d in row.get("dates", [])
                    ),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: {exc!r}") from exc
    return out


# Unit spellings that mean the same unit; anything else is compared lower-cased as is.
_UNIT_ALIASES = {
    "%": "percent", "per cent": "percent", "pct": "percent", "percent": "percent",
    "$": "usd", "usd": "usd", "us$": "usd", "dollar": "usd", "dollars": "usd",
    "€": "eur", "eur": "eur", "euro": "eur", "euros": "eur", "£": "gbp", "gbp": "gbp",
}


def normalize_unit(unit: str | None) -> str | None:
    if unit is None or not unit.strip():
        return None
    lowered = unit.strip().lower()
    return _UNIT_ALIASES.get(lowered, lowered)


def anchor(extraction: Extraction) -> tuple[int, int]:
    """The words a quantity or date stands on: `focus`, else `mention`."""
    span = extraction.focus or extraction.mention
    return span.start, span.end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def in_annotated_sentences(
    sentences: Sequence[GoldSentence], extractions: Sequence[Extraction], kind: str
) -> list[Extraction]:
    """Extractions of `kind` whose anchor starts inside an annotated sentence (the others
    are outside what was annotated and not scored)."""
    return [
        e for e in extractions
        if e.kind == kind and any(s.start <= anchor(e)[0] < s.end for s in sentences)
    ]


def numbers_equal(a: float, b: float) -> bool:
    return abs(a - b) <= NUMBER_TOLERANCE * max(abs(a), abs(b), 1e-12)


@dataclass
class QuantityScore:
    counts: Counts = field(default_factory=Counts)
    of_agree: int = 0  # matched quantities whose `of` shares a content word with the gold's

    @property
    def of_share(self) -> float | None:
        return self.of_agree / self.counts.tp if self.counts.tp else None

    def __add__(self, other: QuantityScore) -> QuantityScore:
        return QuantityScore(self.counts + other.counts, self.of_agree + other.of_agree)


def score_quantities(sentences: Sequence[GoldSentence], extractions: Sequence[Extraction]) -> QuantityScore:
    """One article's annotated sentences: a predicted quantity matches a gold one when
    their spans overlap, the numbers are equal and the units agree (`normalize_unit`)."""
    gold = [q for s in sentences for q in s.quantities]
    predicted = [e for e in in_annotated_sentences(sentences, extractions, "quantity") if e.quantity is not None]
    candidates = [
        (g, p, float(_overlap((q.start, q.end), anchor(e))))
        for g, q in enumerate(gold)
        for p, e in enumerate(predicted)
        if _overlap((q.start, q.end), anchor(e))
        and numbers_equal(q.number, e.quantity.number)  # type: ignore[union-attr]
        and normalize_unit(q.unit) == normalize_unit(e.quantity.unit)  # type: ignore[union-attr]
    ]
    pairs = greedy_pairs(candidates)
    agree = sum(
        bool(content_words(gold[g].of) & content_words(predicted[p].quantity.of))  # type: ignore[union-attr]
        for g, p in pairs
    )
    return QuantityScore(Counts(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs)), agree)


# Characters of an ISO date compared at each gold granularity.
_DATE_PREFIX = {"year": 4, "month": 7}


def date_equal(predicted: str, gold: str, granularity: str) -> bool:
    length = min(_DATE_PREFIX.get(granularity, 10), len(gold))
    return predicted[:length] == gold[:length]


def score_dates(sentences: Sequence[GoldSentence], extractions: Sequence[Extraction]) -> Counts:
    """A predicted date matches a gold one when the spans overlap and the date equals the
    gold value at the gold granularity (year: YYYY, month: YYYY-MM, else YYYY-MM-DD)."""
    gold = [d for s in sentences for d in s.dates]
    predicted = [e for e in in_annotated_sentences(sentences, extractions, "date") if e.date is not None]
    candidates = [
        (g, p, float(_overlap((d.start, d.end), anchor(e))))
        for g, d in enumerate(gold)
        for p, e in enumerate(predicted)
        if _overlap((d.start, d.end), anchor(e)) and date_equal(e.date.date, d.value, d.granularity)  # type: ignore[union-attr]
    ]
    pairs = greedy_pairs(candidates)
    return Counts(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
