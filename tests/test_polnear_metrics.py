"""The PolNeAR loader and the claims benchmark's metrics (benchmarks/polnear.py) on small
hand-written brat files and texts; one test reads the real dev split from ../shared."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from polnear import (  # noqa: E402
    Antecedent,
    BratSpan,
    Counts,
    GoldArticle,
    SpeakerTally,
    article_id,
    content_words,
    could_stand_for,
    date_equal,
    greedy_pairs,
    in_fold,
    is_direct_quote,
    load_antecedents,
    load_quantity_date_gold,
    load_split,
    match_token_sets,
    name_key,
    names_someone,
    newsprism_article,
    normalize_unit,
    parse_brat,
    parse_fold,
    score_article,
    score_dates,
    score_quantities,
    source_kind,
    speaker_right,
    speaker_target,
    tokens_in,
    word_tokens,
)

from newsprism.models import DateValue, Extraction, Quantity, Span  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"  # as tests/conftest.py: ../shared
ANTECEDENTS = Path(__file__).resolve().parent / "data" / "polnear_antecedents"
POLNEAR = SHARED / "data" / "polnear"

TEXT = (
    "Harbour plan in trouble\n\n"
    '"We will rebuild the bridge by spring," Mayor Jane Lee said on Monday.\n\n'
    'She added that the plan for the new harbour was "a disaster for the town" and more.\n\n'
    "Officials said the road would reopen. Two city officials declined to comment.\n\n"
    "“Nothing will stop us now,” she said.\n"
)
METADATA = (
    "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\t"
    "trump_count\tclinton_count\tcredit\twire\n"
    'dev\tharbour\tNone\tx1|x2\tcoast-daily\t2016-09-12\tA. Writer\tHarbour "plan"\t0\t0\tNone\tNone\n'
)


def at(phrase: str, text: str = TEXT, after: str = "") -> str:
    """'start end' of the phrase's first occurrence (after `after`), as brat writes a span."""
    start = text.index(phrase, text.index(after) if after else 0)
    return f"{start} {start + len(phrase)}"


def ann_line(tid: str, label: str, phrase: str, after: str = "") -> str:
    return f"{tid}\t{label} {at(phrase, after=after)}\t{phrase}\n"


ANN = (
    ann_line("T1", "Source", "Mayor Jane Lee")
    + ann_line("T2", "Cue", "said")
    + ann_line("T3", "Content", '"We will rebuild the bridge by spring,"')
    + "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    + ann_line("T4", "Source", "She")
    + ann_line("T5", "Cue", "added")
    + ann_line("T6", "Content", 'that the plan for the new harbour was "a disaster for the town" and more')
    + "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n"
    + ann_line("T7", "Source", "Officials")
    + ann_line("T8", "Attribution", "said", after="Officials")
    + ann_line("T9", "Content", "the road would reopen")
    + "E3\tAttribution:T8 Content:T9 Source:T7\n"  # the annotator left the Cue out
    + ann_line("T10", "Source", "she")
    + ann_line("T11", "Cue", "said", after="” she")
    + ann_line("T12", "Content", "“Nothing will stop us now,”")
    + "E4\tAttribution:T11 Content:T12 Cue:T11 Source:T10\n"
    + "#1\tAnnotatorNotes T12\ta note the loader skips\n"
)


@pytest.fixture
def polnear_root(tmp_path: Path) -> Path:
    """A PolNeAR-shaped folder: one dev article with two annotators' files."""
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir(parents=True)
    (tmp_path / "metadata.tsv").write_text(METADATA, encoding="utf-8")
    (tmp_path / "dev" / "text" / "harbour.txt").write_bytes(TEXT.encode("utf-8"))
    (tmp_path / "dev" / "attributions" / "harbour_x1.ann").write_text(ANN, encoding="utf-8")
    # sorts after x1: must be ignored; and a longer name sharing the prefix is another article's
    (tmp_path / "dev" / "attributions" / "harbour_x2.ann").write_text("", encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "harbour_extra_x1.ann").write_text("", encoding="utf-8")
    return tmp_path


@pytest.fixture
def gold(polnear_root: Path) -> GoldArticle:
    return load_split(polnear_root, "dev")[0]


def extraction(kind: str, phrase: str, speaker: str | None = None, written: str | None = None) -> Extraction:
    start = TEXT.index(phrase)
    span = Span(start, start + len(phrase), phrase)
    return Extraction(
        article=article_id("dev", "harbour"), kind=kind, mention=span, sentence=span,  # type: ignore[arg-type]
        speaker=speaker, speaker_as_written=written,
    )


# ---------------------------------------------------------------- loading


def test_the_loader_reads_the_first_annotation_file_and_keeps_the_text_verbatim(gold: GoldArticle):
    assert gold.annotation_file == "harbour_x1.ann"
    assert gold.text == TEXT
    assert [s.label for s in gold.spans].count("Content") == 4
    assert len(gold.spans) == 12 and len(gold.relations) == 4
    for span in gold.spans:
        assert span.text == TEXT[span.start : span.end]
    assert gold.meta.publisher == "coast-daily" and gold.meta.published == "2016-09-12"


def test_relations_link_content_to_source_and_a_missing_role_is_none(gold: GoldArticle):
    first, _, third, _ = gold.relations
    assert first.source is not None and first.source.text == "Mayor Jane Lee"
    assert first.cue is not None and first.cue.text == "said"
    assert [c.text for c in first.contents] == ['"We will rebuild the bridge by spring,"']
    assert third.cue is None and third.source is not None and third.source.text == "Officials"
    content = next(s for s in gold.spans if s.id == "T12")
    assert gold.source_of(content) is not None and gold.source_of(content).text == "she"  # type: ignore[union-attr]


def test_the_article_given_to_newsprism_carries_the_text_date_and_outlet(gold: GoldArticle):
    article = newsprism_article(gold)
    assert article.id == "dev/text/harbour.txt"
    assert article.text == TEXT and article.format == "text"
    assert article.published == "2016-09-12" and article.outlet == "coast-daily"


def test_brat_parsing_reads_discontinuous_spans_content2_and_multiline_texts():
    text = "Ann said: “Go on,” then “stop,”\nand left."
    ann = (
        f"T1\tContent {at('“Go on,”', text)};{at('“stop,”', text)}\t“Go on,” “stop,”\n"
        f"T2\tContent {text.index('then')} {text.index('and') + 3}\tthen “stop,”\n"
        "and\n"  # the rest of T2's text, on a line of its own
        f"T3\tSource {at('Ann', text)}\tAnn\n"
        f"T4\tAttribution-no-source {at('said', text)}\tsaid\n"
        "E1\tAttribution:T4 Content:T1 Content2:T2 Source:T3\n"
    )
    spans, relations = parse_brat(text, ann)
    first = next(s for s in spans if s.id == "T1")
    assert first.fragments == ((10, 18), (24, 31))
    assert first.text == "“Go on,” “stop,”" and first.start == 10 and first.end == 31
    assert next(s for s in spans if s.id == "T4").label == "Attribution-no-source"
    assert [c.id for c in relations[0].contents] == ["T1", "T2"]
    assert relations[0].cue is None


# ---------------------------------------------------------------- tokens and matching


def test_tokens_overlapping_a_span_by_one_character_belong_to_it():
    text = "It's a test, really."
    tokens = word_tokens(text)
    assert tokens == [(0, 2), (3, 4), (5, 6), (7, 11), (13, 19)]
    assert tokens_in(tokens, [(1, 4)]) == {0, 1}
    assert tokens_in(tokens, [(4, 5)]) == frozenset()  # only the space between two words
    assert tokens_in(tokens, [(0, 2), (13, 15)]) == {0, 4}


def test_a_match_needs_half_of_both_spans_and_is_one_to_one():
    gold = [frozenset(range(10)), frozenset(range(20, 24))]
    predicted = [
        frozenset(range(0, 5)),  # 5 of 10 gold, all its own: a match
        frozenset(range(0, 4)),  # 4 of 10 gold: too little of the gold span
        frozenset(range(20, 22)) | frozenset(range(30, 33)),  # 2 of 4 gold, but 2 of its 5: too little of itself
    ]
    assert match_token_sets(gold, predicted) == [(0, 0)]
    # two predictions that both qualify for one gold span: the one sharing more wins
    assert match_token_sets([frozenset(range(4))], [frozenset({0, 1}), frozenset({0, 1, 2})]) == [(0, 1)]


def test_greedy_pairs_take_the_best_score_first():
    assert greedy_pairs([(0, 0, 2.0), (0, 1, 3.0), (1, 1, 5.0)]) == [(0, 0), (1, 1)]


def test_counts_give_precision_recall_and_f1():
    counts = Counts(tp=2, fp=2, fn=1) + Counts(tp=1, fp=0, fn=2)
    assert (counts.tp, counts.fp, counts.fn) == (3, 2, 3)
    assert counts.precision == pytest.approx(0.6) and counts.recall == pytest.approx(0.5)
    assert counts.f1 == pytest.approx(6 / 11)
    assert Counts().precision is None and Counts().f1 is None
    assert Counts(fp=1, fn=1).f1 == 0.0


def test_direct_quotes_are_content_spans_with_a_quotation_mark():
    def content(text: str) -> BratSpan:
        return BratSpan("T1", "Content", ((0, len(text)),), text)

    assert is_direct_quote(content('the plan was "bad"'))
    assert is_direct_quote(content("“bad”")) and is_direct_quote(content("bad,”"))
    assert is_direct_quote(content("it was ‘bad’")) and is_direct_quote(content("''It was bad,''"))
    assert not is_direct_quote(content("the players' union said it wasn't bad"))


# ---------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Mayor Jane Lee", "name"),
        ("She", "pronoun"),
        ("Officials", "other"),  # opens a sentence and is printed in lower case elsewhere
        ("she", "pronoun"),
    ],
)
def test_source_kinds(gold: GoldArticle, source: str, kind: str):
    span = next(s for s in gold.spans if s.label == "Source" and s.text == source)
    assert source_kind(span, gold.text) == kind


def test_source_kind_of_descriptions_titles_and_sentence_openers():
    text = "Protesters said no. Trump said yes. Mr. Obama said. The Republican nominee said. Protesters rallied."

    def kind(phrase: str) -> str:
        start = text.index(phrase)
        return source_kind(BratSpan("T1", "Source", ((start, start + len(phrase)),), phrase), text)

    assert kind("Trump") == "name"  # opens a sentence but is never printed in lower case
    assert kind("Mr. Obama") == "name"
    assert kind("The Republican nominee") == "other"
    assert source_kind(None, text) == "none"
    assert kind("Protesters") == "name"  # never in lower case in this text, so taken for a name
    lower = text + " Some protesters stayed."
    span = BratSpan("T1", "Source", ((0, 10),), "Protesters")
    assert source_kind(span, lower) == "other"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Mayor Jane Lee", "lee"),
        ("Flynn, a top Trump surrogate,", "flynn"),
        ("Edward Alden of the Council on Foreign Relations in Washington", "alden"),
        ("Clinton’s communications director, Jennifer Palmieri", "palmieri"),
        ("Hillary Clinton’s campaign manager Robby Mook", "mook"),
        ("the Rev. Peter Wherry, of Mayfield Memorial Missionary Baptist Church", "wherry"),
        ("Cummings and Conyers", "cummings"),
        ("Bashar al-Assad", "assad"),
        ("The Trump campaign", "trump"),
        ("White House deputy press secretary Eric Schultz", "schultz"),
        ("David Sandalow of Columbia University's Center on Global Energy Policy", "sandalow"),
        ("NatWest's corporate parent, the Royal Bank of Scotland Group", "bank"),
        ("FBI Director James Comey's", "comey"),
        ("House Speaker Paul D. Ryan (R-Wis.)", "ryan"),
        ("Vice President Joseph R. Biden Jr.", "biden"),
        ("Trump’s", "trump"),
        ("Mrs. Clinton's", "clinton"),
        ("Trump ’s", "trump"),
        ("WALLACE", "wallace"),
        ("the official", None),
        ("the President", None),
        (None, None),
    ],
)
def test_name_key_is_the_last_word_of_the_name_a_source_holds(name: str | None, key: str | None):
    assert name_key(name) == key


def test_content_words_drop_function_words_and_common_endings():
    assert content_words("residents evacuated") == content_words("resident evacuate") == {"resident", "evacuat"}
    assert content_words("the officials of the city") == {"official", "city"}
    assert content_words(None) == set()


def test_a_pronoun_refers_to_the_nearest_earlier_name_source(gold: GoldArticle):
    she = next(s for s in gold.spans if s.id == "T10")
    target = speaker_target(gold, she)
    assert (target.kind, target.key, target.refers_to) == ("pronoun", "lee", "Mayor Jane Lee")
    # the first Source of an article has no earlier name to refer to
    text = "He said it. Ann Lee agreed."
    first = BratSpan("T1", "Source", ((0, 2),), "He")
    lone = GoldArticle("dev", "x", text, None, [first], [], gold.meta)
    assert speaker_target(lone, first).key is None


def _source(text: str, phrase: str, id: str, after: str = "") -> BratSpan:
    start = text.index(phrase, text.index(after) if after else 0)
    return BratSpan(id, "Source", ((start, start + len(phrase)),), phrase)


def test_a_pronoun_for_a_person_skips_sources_that_only_hold_a_name_as_modifier(gold: GoldArticle):
    text = (
        "Ann Lee called the plan a mistake. Then a Tom Reed tweet said the plan was fine. "
        "She said it was not. The Vermont senator said so too. Tom Reed\u2019s campaign said it was."
    )
    sources = [
        _source(text, "Ann Lee", "T1"),
        _source(text, "a Tom Reed tweet", "T2"),
        _source(text, "She", "T3"),
        _source(text, "The Vermont senator", "T4"),
        _source(text, "Tom Reed\u2019s campaign", "T5"),
    ]
    article = GoldArticle("dev", "x", text, None, sources, [], gold.meta)
    she = speaker_target(article, sources[2])
    assert (she.key, she.refers_to) == ("lee", "Ann Lee")
    # "it" may stand for a thing a name describes: no skipping
    it = BratSpan("T6", "Source", ((text.index("it was."), text.index("it was.") + 2),), "it")
    assert speaker_target(article, it).refers_to == "Tom Reed\u2019s campaign"
    assert [names_someone(s.text) for s in sources if s.id != "T3"] == [True, False, False, False]
    assert names_someone("Clinton\u2019s communications director, Jennifer Palmieri")
    assert names_someone("Mr. Rubio himself")


@pytest.mark.parametrize(
    ("pronoun", "source", "expected"),
    [
        ("she", "Mr. Reed", False),
        ("he", "Mr. Reed", True),
        ("he", "Ms. Lee", False),
        ("she", "Many Republicans", False),
        ("who", "Ann Lee", True),
    ],
)
def test_a_pronoun_for_a_person_agrees_with_a_title_and_is_no_group(pronoun: str, source: str, expected: bool):
    assert could_stand_for(pronoun, source) is expected


# ---------------------------------------------------------------- hand-annotated antecedents

# Two people speak before "she": the heuristic takes the nearer name (Tom Reed), the
# reader knows "she" is Ann Lee.
PANEL_TEXT = (
    "Ann Lee chaired the panel. Tom Reed spoke first and said the port would close. "
    '"We will keep it open," she said. The council said nothing. "Not yet," it said. '
    '"Wait," someone in the hall shouted, and "Sit down," he said.'
)


def panel_article(gold: GoldArticle) -> tuple[GoldArticle, dict[str, BratSpan]]:
    sources = {
        "lee": _source(PANEL_TEXT, "Ann Lee", "T1"),
        "reed": _source(PANEL_TEXT, "Tom Reed", "T2"),
        "she": _source(PANEL_TEXT, "she", "T3"),
        "it": _source(PANEL_TEXT, "it", "T4", after="Not yet"),
        "he": _source(PANEL_TEXT, "he", "T5", after="Sit down"),
    }
    return GoldArticle("dev", "panel", PANEL_TEXT, None, list(sources.values()), [], gold.meta), sources


def antecedent(article: GoldArticle, source: BratSpan, name: str | None, reason: str | None = None) -> Antecedent:
    return Antecedent(article.id, source.start, source.end, source.text, name, reason)


def test_an_annotated_antecedent_replaces_the_heuristic_guess(gold: GoldArticle):
    article, sources = panel_article(gold)
    guessed = speaker_target(article, sources["she"])
    assert (guessed.key, guessed.refers_to, guessed.from_annotation) == ("reed", "Tom Reed", False)
    she = antecedent(article, sources["she"], "Ann Lee")
    annotated = speaker_target(article, sources["she"], {(article.id, she.start, she.end): she})
    assert (annotated.kind, annotated.key, annotated.refers_to, annotated.from_annotation) == (
        "pronoun", "lee", "Ann Lee", True,
    )
    # the annotated name goes through name_key like any Source: its last name word
    council = antecedent(article, sources["it"], "the Harbour Council")
    assert speaker_target(article, sources["it"], {(article.id, council.start, council.end): council}).key == "council"


def test_an_annotated_null_is_unresolved_and_a_source_the_annotation_lacks_is_guessed(gold: GoldArticle):
    article, sources = panel_article(gold)
    nobody = antecedent(article, sources["he"], None, "unnamed")
    she_elsewhere = Antecedent("dev/text/other.txt", sources["she"].start, sources["she"].end, "she", "Ann Lee")
    annotation = {
        (article.id, nobody.start, nobody.end): nobody,
        (she_elsewhere.file, she_elsewhere.start, she_elsewhere.end): she_elsewhere,  # another article's Source
    }
    he = speaker_target(article, sources["he"], annotation)
    assert (he.key, he.refers_to, he.from_annotation) == (None, None, True)
    assert speaker_right(he, extraction("quote", "Harbour plan", speaker="Tom Reed")) is None
    tally = SpeakerTally()
    tally.add(he, None)
    assert (tally.unresolved_pronouns, tally.pronouns_annotated, tally.pronoun_total) == (1, 1, 0)
    # without the annotation the heuristic resolves "he" to the nearest earlier name
    assert speaker_target(article, sources["he"]).key == "reed"
    she = speaker_target(article, sources["she"], annotation)
    assert (she.key, she.from_annotation) == ("reed", False)


def test_the_annotation_scores_the_pronoun_of_a_matched_quote(gold: GoldArticle):
    found = [extraction("quote", "Nothing will stop us now", speaker="Ann Marsh", written="she")]
    she = next(s for s in gold.spans if s.id == "T10")
    assert score_article(gold, found).direct.speakers.pronoun_right == 0  # heuristic: Mayor Jane Lee
    annotation = {(gold.id, she.start, she.end): Antecedent(gold.id, she.start, she.end, "she", "Ann Marsh")}
    direct = score_article(gold, found, annotation).direct
    assert (direct.speakers.pronoun_right, direct.speakers.pronoun_total, direct.speakers.pronouns_annotated) == (1, 1, 1)
    case = next(c for c in direct.cases if c.outcome == "matched")
    assert (case.refers_to, case.refers_to_annotated, case.speaker_right) == ("Ann Marsh", True, True)


def test_antecedents_load_by_article_and_source_offsets(tmp_path: Path):
    path = tmp_path / "dev.jsonl"
    rows = [
        {"split": "dev", "file": "dev/text/panel.txt", "source": {"start": 104, "end": 107, "text": "she"},
         "antecedent": "Ann Lee", "reason": None},
        {"split": "dev", "file": "dev/text/panel.txt", "source": {"start": 180, "end": 182, "text": "he"},
         "antecedent": None, "reason": "unnamed", "note": "a man in the hall"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    loaded = load_antecedents(path)
    assert loaded[("dev/text/panel.txt", 104, 107)] == Antecedent("dev/text/panel.txt", 104, 107, "she", "Ann Lee")
    assert loaded[("dev/text/panel.txt", 180, 182)].reason == "unnamed"
    assert load_antecedents(tmp_path / "absent.jsonl") == {} and load_antecedents(None) == {}
    path.write_text(json.dumps(rows[0]) + "\n" + '{"file": "dev/text/panel.txt"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="dev.jsonl:2"):
        load_antecedents(path)


# ---------------------------------------------------------------- whole-article scores


def predictions() -> list[Extraction]:
    return [
        extraction("quote", "We will rebuild the bridge by spring", speaker="Jane Lee", written="Mayor Jane Lee"),
        extraction("quote", "a disaster for the town", speaker="Jane Lee", written="She"),  # partial only
        extraction("statement", "the road would reopen", written="Officials"),
        extraction("quote", "Harbour plan in trouble"),  # no gold
        extraction("quote", "Nothing will stop us now", speaker="Donald Trump", written="she"),  # wrong speaker
        extraction("quantity", "Two city officials"),  # neither quote nor statement: not scored here
    ]


def test_direct_quote_scores(gold: GoldArticle):
    direct = score_article(gold, predictions()).direct
    assert (direct.counts.tp, direct.counts.fp, direct.counts.fn) == (2, 2, 1)
    assert direct.counts.f1 == pytest.approx(4 / 7)
    coverage = direct.coverage
    assert (coverage.gold_found, coverage.gold, coverage.predicted_inside, coverage.predicted) == (3, 3, 3, 4)
    speakers = direct.speakers
    assert (speakers.name_right, speakers.name_total) == (1, 1)
    assert (speakers.pronoun_right, speakers.pronoun_total) == (0, 1)
    assert speakers.other_total == 0 and speakers.unresolved_pronouns == 0 and speakers.without_source == 0
    assert speakers.accuracy("name") == 1.0 and speakers.accuracy("other") is None
    missed = [c for c in direct.cases if c.outcome == "missed"]
    assert len(missed) == 1 and missed[0].partly_found and missed[0].source == "She"
    wrong = next(c for c in direct.cases if c.outcome == "matched" and not c.speaker_right)
    assert (wrong.refers_to, wrong.predicted_speaker) == ("Mayor Jane Lee", "Donald Trump")


def test_all_attribution_scores_count_statements_and_descriptions(gold: GoldArticle):
    every = score_article(gold, predictions()).attributions
    assert (every.counts.tp, every.counts.fp, every.counts.fn) == (3, 2, 1)
    speakers = every.speakers
    assert (speakers.name_right, speakers.name_total) == (1, 1)
    assert (speakers.pronoun_right, speakers.pronoun_total) == (0, 1)
    # "Officials" (as written) shares a content word with the gold "Officials"
    assert (speakers.other_right, speakers.other_total) == (1, 1)


def test_a_missing_speaker_is_wrong_and_a_sourceless_quote_is_counted_apart(gold: GoldArticle):
    found = [
        extraction("quote", "We will rebuild the bridge by spring"),
        extraction("statement", "the road would reopen", written="Officials"),
    ]
    score = score_article(gold, found)
    assert (score.direct.speakers.name_right, score.direct.speakers.name_total) == (0, 1)
    # drop the Source of the "road" relation: the match is counted, its speaker not scored
    gold.relations[2] = type(gold.relations[2])("E3", gold.relations[2].contents, None, None)
    speakers = score_article(gold, found).attributions.speakers
    assert speakers.without_source == 1 and speakers.other_total == 0


# ---------------------------------------------------------------- quantities and dates

QD_TEXT = (
    "Poll results.\n\n"
    "Some 40% of voters back the plan, and the campaign raised $2 million while 12 people quit.\n\n"
    "Turnout was 3 times higher in September than on Sept. 12, 2016.\n\n"
    "An unannotated sentence says 7 and 2016.\n"
)
FILE = "dev/text/poll.txt"


def qd_span(phrase: str) -> dict[str, int | str]:
    start = QD_TEXT.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def sentence_of(phrase: str) -> dict[str, int]:
    start = QD_TEXT.index(phrase)
    return {"start": start, "end": start + len(phrase)}


def write_qd_gold(path: Path) -> None:
    rows = [
        {
            "file": FILE, "published": "2016-09-20",
            "sentence": sentence_of("Some 40% of voters back the plan, and the campaign raised $2 million while 12 people quit."),
            "quantities": [
                qd_span("40%") | {"number": 40, "unit": "percent", "of": "voters back", "approximate": True},
                qd_span("$2 million") | {"number": 2e6, "unit": "$", "of": "campaign raise", "approximate": False},
                qd_span("12 people") | {"number": 12, "unit": None, "of": "people quit", "approximate": False},
            ],
            "dates": [],
        },
        {
            "file": FILE, "published": "2016-09-20",
            "sentence": sentence_of("Turnout was 3 times higher in September than on Sept. 12, 2016."),
            "quantities": [],
            "dates": [
                qd_span("September") | {"value": "2016-09", "granularity": "month", "part_of_day": None, "event": "turnout"},
                qd_span("Sept. 12, 2016") | {"value": "2016-09-12", "granularity": "day", "part_of_day": None, "event": "turnout"},
            ],
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")


def number(phrase: str, value: float, unit: str | None, of: str, occurrence: int = 0) -> Extraction:
    start = QD_TEXT.index(phrase) if not occurrence else QD_TEXT.rindex(phrase)
    focus = Span(start, start + len(phrase), phrase)
    return Extraction(
        article=FILE, kind="quantity", mention=Span(0, len(QD_TEXT), QD_TEXT), sentence=focus,
        quantity=Quantity(number=value, unit=unit, of=of), focus=focus,
    )


def when(phrase: str, value: str, occurrence: int = 0) -> Extraction:
    start = QD_TEXT.index(phrase) if not occurrence else QD_TEXT.rindex(phrase)
    focus = Span(start, start + len(phrase), phrase)
    return Extraction(
        article=FILE, kind="date", mention=focus, sentence=focus, focus=focus,
        date=DateValue(date=value, granularity="day"),
    )


def test_the_quantity_date_gold_loads_into_dataclasses(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    write_qd_gold(path)
    sentences = load_quantity_date_gold(path)
    assert len(sentences) == 2
    assert sentences[0].quantities[1].number == 2e6 and sentences[0].quantities[2].unit is None
    assert sentences[1].dates[0].value == "2016-09" and sentences[1].dates[0].granularity == "month"
    path.write_text('{"file": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="gold.jsonl:1"):
        load_quantity_date_gold(path)


def test_quantities_match_on_overlap_number_and_unit(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    write_qd_gold(path)
    sentences = load_quantity_date_gold(path)
    found = [
        number("40%", 40.0, "%", "voter back"),  # match; `of` shares "voter"/"back"
        number("$2 million", 2_000_000.000001, "$", "ad spend"),  # match within tolerance; `of` does not agree
        number("12 people", 12.0, "%", "people quit"),  # wrong unit: a false positive, and 12 is missed
        number("3 times", 3.0, None, "turnout"),  # not in the gold: a false positive
        number("7", 7.0, None, "sentence say", occurrence=1),  # outside the annotated sentences: not scored
        when("September", "2016-09-01"),  # a date: not a quantity
    ]
    score = score_quantities(sentences, found)
    assert (score.counts.tp, score.counts.fp, score.counts.fn) == (2, 2, 1)
    assert score.of_agree == 1 and score.of_share == 0.5


def test_dates_match_at_the_gold_granularity(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    write_qd_gold(path)
    sentences = load_quantity_date_gold(path)
    found = [
        when("September", "2016-09-30"),  # month granularity: the day does not matter
        when("Sept. 12, 2016", "2016-09-13"),  # a day off: false positive, and the gold date missed
        when("2016", "2016-01-01", occurrence=1),  # outside the annotated sentences
    ]
    counts = score_dates(sentences, found)
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)


@pytest.mark.parametrize(
    ("unit", "normal"),
    [(None, None), ("", None), ("%", "percent"), ("Percent", "percent"), ("$", "usd"), ("USD", "usd"), ("dollars", "usd"), ("km", "km")],
)
def test_units_are_normalised(unit: str | None, normal: str | None):
    assert normalize_unit(unit) == normal


def test_date_equality_compares_the_gold_granularity():
    assert date_equal("2016-09-30", "2016", "year")
    assert date_equal("2016-09-30", "2016-09", "month") and not date_equal("2016-10-01", "2016-09", "month")
    assert date_equal("2016-09-12", "2016-09-12", "part_of_day") and not date_equal("2016-09-13", "2016-09-12", "day")


# ---------------------------------------------------------------- the real dev split


@pytest.mark.shared
def test_the_real_dev_split_loads():
    if not POLNEAR.exists():
        pytest.skip(f"PolNeAR is read from {POLNEAR}, which is not here (../shared is absent)")
    golds = load_split(POLNEAR, "dev")
    assert len(golds) == 84
    assert all(g.annotation_file is not None and g.meta.published for g in golds)
    contents = [c for g in golds for c in g.spans_labelled("Content")]
    assert len(contents) == 2195
    assert sum(is_direct_quote(c) for c in contents) == 727  # 627 double, 86 '' (NYT), 14 ‘
    assert sum(len(g.relations) for g in golds) == 2193
    for g in golds:
        for span in g.spans:
            assert span.text == " ".join(g.text[a:b] for a, b in span.fragments)
            assert 0 <= span.start < span.end <= len(g.text)


@pytest.mark.shared
def test_folds_deal_the_split_round_robin_and_together_hold_it_once():
    if not POLNEAR.exists():
        pytest.skip(f"PolNeAR is read from {POLNEAR}, which is not here (../shared is absent)")
    names = [g.name for g in load_split(POLNEAR, "dev")]
    folds = [[g.name for g in load_split(POLNEAR, "dev", fold=(k, 3))] for k in range(3)]
    assert [len(f) for f in folds] == [28, 28, 28]
    assert sorted(n for f in folds for n in f) == names
    assert folds[1][:2] == [names[1], names[4]]
    assert [g.name for g in load_split(POLNEAR, "dev", limit=2, fold=(1, 3))] == folds[1][:2]


@pytest.mark.parametrize("value", ["2/2", "-1/2", "1", "a/b"])
def test_a_fold_outside_its_count_is_refused(value: str):
    with pytest.raises(ValueError):
        parse_fold(value)


@given(st.integers(1, 12).flatmap(lambda n: st.tuples(st.integers(0, n - 1), st.just(n))), st.integers(0, 2000))
def test_a_fold_parses_back_and_every_index_is_in_exactly_one_fold(fold: tuple[int, int], index: int):
    k, n = fold
    assert parse_fold(f"{k}/{n}") == fold
    assert [in_fold(index, (j, n)) for j in range(n)].count(True) == 1


@pytest.mark.shared
@pytest.mark.parametrize("split", ["test", "dev"])
def test_the_antecedent_files_hold_every_pronoun_source_of_a_direct_quote(split: str):
    """The hand annotation covers exactly the pronoun Sources of direct quotes of the
    split's first .ann files, at their offsets, each with a name or a reason."""
    if not POLNEAR.exists():
        pytest.skip(f"PolNeAR is read from {POLNEAR}, which is not here (../shared is absent)")
    annotation = load_antecedents(ANTECEDENTS / f"{split}.jsonl")
    expected = set()
    for article in load_split(POLNEAR, split):
        for content in article.spans_labelled("Content"):
            source = article.source_of(content)
            if is_direct_quote(content) and source_kind(source, article.text) == "pronoun":
                assert source is not None
                expected.add((article.id, source.start, source.end))
                assert annotation[(article.id, source.start, source.end)].source == source.text
    assert set(annotation) == expected
    for item in annotation.values():
        assert (item.antecedent is None) == (item.reason in ("unnamed", "group", "thing"))
        assert item.antecedent is None or name_key(item.antecedent) is not None
