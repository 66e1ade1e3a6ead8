from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.models import Extraction, Span
from newsprism.quotetagger import N_FLAGS, ParagraphInput, apply_tagger, decode, said_fragments

TEXT = 'Okafor said the plan was "a costly mistake" and would fail.\nThe "safe zone" opened on Friday.'
#       0         1         2         3         4         5
#       0123456789012345678901234567890123456789012345678901234567


def _paragraph(pieces: list[tuple[int, int]], marked: set[int]) -> ParagraphInput:
    """Pieces as offsets between the two special pieces; `marked` pieces are inside quotation marks."""
    offsets = [(0, 0), *pieces, (0, 0)]
    flags = np.zeros((len(offsets), N_FLAGS), np.float32)
    for i in marked:
        flags[i + 1, 3] = 1
    return ParagraphInput(list(range(len(offsets))), offsets, flags)


def _probabilities(tags: str) -> np.ndarray:
    """One row per piece from a string of tags ('.' outside, B, I, C), special pieces outside."""
    rows = [[0.9, 0.03, 0.04, 0.03]]
    for tag in tags:
        rows.append({".": [0.9, 0.03, 0.04, 0.03], "B": [0.1, 0.7, 0.1, 0.1], "I": [0.1, 0.1, 0.7, 0.1], "C": [0.1, 0.1, 0.1, 0.7]}[tag])
    rows.append([0.9, 0.03, 0.04, 0.03])
    return np.array(rows)


def _words(text: str) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"\S+", text)]


def test_decode_keeps_runs_that_hold_a_quotation_and_closes_short_gaps():
    words = _words(TEXT.split("\n")[0])  # Okafor said the plan was "a costly mistake" and would fail.
    paragraph = _paragraph(words, marked={5, 6, 7})
    # 'the plan was "a costly' inside, 'mistake"' missed by the tagger, 'and would' inside
    quotes = decode([paragraph], [_probabilities("..BIIII.II.")])
    assert quotes == [[(words[2][0], words[9][1])]]


def test_decode_drops_a_run_without_a_quotation_and_splits_at_a_first_piece():
    words = _words("Okafor said it was over and added that more was to come soon")
    paragraph = _paragraph(words, marked={6, 7, 8})
    assert decode([paragraph], [_probabilities("..BII........")]) == []  # 'it was over': no mark inside
    assert decode([paragraph], [_probabilities(".....IIBI....")]) == [[(words[5][0], words[6][1])], [(words[7][0], words[8][1])]]


def test_decode_joins_a_continuing_stretch_to_the_quote_before():
    words = _words('"We will rebuild," she told the reporters, "before the storms."')
    paragraph = _paragraph(words, marked={0, 1, 2, 7, 8, 9})
    quotes = decode([paragraph], [_probabilities("BII....CII")])
    assert quotes == [[(words[0][0], words[2][1]), (words[7][0], words[9][1])]]


def _quote(start: int, end: int, speaker: str | None = "Okafor") -> Extraction:
    return Extraction(
        article="a", kind="quote", mention=Span(start, end, TEXT[start:end]), sentence=Span(0, 59, TEXT[:59]),
        speaker_as_written=speaker, speaker=speaker, quote=TEXT[start:end],
    )


MISTAKE = (TEXT.index("a costly"), TEXT.index('" and'))
SAFE_ZONE = (TEXT.index("safe zone"), TEXT.index('" opened'))


def test_a_tagged_quote_keeps_the_rules_speaker_and_takes_the_tagged_extent_cut_to_whole_words():
    clause = (TEXT.index("the plan"), TEXT.index("would fail") + 8)  # ends inside 'fail.'
    (quote,) = apply_tagger(TEXT, [_quote(*MISTAKE)], [[clause]], [MISTAKE, SAFE_ZONE], new_quote=lambda s, e: None)
    assert quote.speaker == "Okafor"
    assert quote.focus is not None and quote.focus.text == 'the plan was "a costly mistake" and would fail'
    assert said_fragments(quote) == [(quote.focus.start, quote.focus.end)]


def test_a_tagged_quote_of_only_the_quotation_sets_no_extent():
    marked = (MISTAKE[0] - 1, MISTAKE[1] + 1)  # the marks and the words between them
    (quote,) = apply_tagger(TEXT, [_quote(*MISTAKE)], [[marked]], [MISTAKE], new_quote=lambda s, e: None)
    assert quote.focus is None and said_fragments(quote) == [MISTAKE]


def test_rule_quotes_the_tagger_leaves_out_are_dropped_unless_the_rules_decide():
    rules = [_quote(*MISTAKE), _quote(*SAFE_ZONE, speaker="COUNCIL")]
    assert apply_tagger(TEXT, list(rules), [], [MISTAKE, SAFE_ZONE], new_quote=lambda s, e: None) == []
    kept = apply_tagger(TEXT, list(rules), [], [MISTAKE, SAFE_ZONE], lambda s, e: None, rules_decide=lambda q: q.speaker == "COUNCIL")
    assert [q.mention.text for q in kept] == ["safe zone"]


RUN_ON = (
    '"If the port closes, we lose everything," Ellery said. '
    'But the repairs the council can afford, he added, are like "a plaster on a broken leg."'
)


def _rule_quote(text: str, span: tuple[int, int], speaker: str | None, focus: tuple[int, int] | None = None) -> Extraction:
    """A quote the rules read at `span` of `text`, with its speaker and reported clause."""
    start, end = span
    quote = Extraction(
        article="a", kind="quote", mention=Span(start, end, text[start:end]), sentence=Span(0, len(text), text),
        speaker_as_written=speaker, speaker=speaker, quote=text[start:end],
    )
    if focus:
        quote.focus = Span(*focus, text[focus[0] : focus[1]])
    return quote


def test_a_tagged_run_on_into_a_sentence_that_reports_again_is_two_quotes():
    # the tagger ran one speaker's quotation on into the next sentence (B ... C) although that
    # sentence has its own attribution and clause: two quotes, the second with its clause
    first = (1, RUN_ON.index(',"'))
    second = (RUN_ON.index("a plaster"), RUN_ON.index('."') + 1)
    clause = (RUN_ON.index("the repairs"), len(RUN_ON))
    rules = [_rule_quote(RUN_ON, first, "Ellery"), _rule_quote(RUN_ON, second, "Ellery", focus=clause)]
    tagged = [[(0, first[1] + 2), (RUN_ON.index("But"), len(RUN_ON))]]
    quotes = apply_tagger(RUN_ON, rules, tagged, [first, second], new_quote=lambda s, e: None)
    assert [q.quote for q in quotes] == ["If the port closes, we lose everything", "a plaster on a broken leg."]
    assert [q.parts for q in quotes] == [[], []]
    assert quotes[1].focus is not None and quotes[1].focus.text.startswith("the repairs the council can afford, he added, are like")


def test_a_tagged_run_on_from_one_speakers_quotation_into_anothers_is_two_quotes():
    text = '"The delay is deplorable," said Ellery.\nThe council says it is "doing all it can."'
    first = (1, text.index(',"'))
    second = (text.index("doing"), text.index('."') + 1)
    rules = [_rule_quote(text, first, "Ellery"), _rule_quote(text, second, "the council")]
    tagged = [[(0, first[1] + 2), (text.index("it is"), len(text))]]
    quotes = apply_tagger(text, rules, tagged, [first, second], new_quote=lambda s, e: None)
    assert [(q.quote, q.speaker) for q in quotes] == [("The delay is deplorable", "Ellery"), ("doing all it can.", "the council")]


def test_a_run_on_into_a_quotation_the_rules_gave_nobody_stays_one_quote():
    # a rule quote without a speaker is one the rules could not attribute, not another speaker's
    text = '"The delay is deplorable," said Ellery.\n"We are doing all we can."'
    first = (1, text.index(',"'))
    second = (text.index("We are"), text.index('."') + 1)
    rules = [_rule_quote(text, first, "Ellery"), _rule_quote(text, second, None)]
    tagged = [[(0, first[1] + 2), (second[0] - 1, len(text))]]
    (quote,) = apply_tagger(text, rules, tagged, [first, second], new_quote=lambda s, e: None)
    assert quote.speaker == "Ellery"
    assert quote.quote == "The delay is deplorable \u2026 We are doing all we can."


def test_quotations_joined_by_a_few_words_stay_one_quote():
    text = 'Okafor "got an immunity deal," Jordan said, and still "sat in on the interview."'
    first = (text.index("got"), text.index(',"'))
    second = (text.index("sat"), text.index('."') + 1)
    tagged = [[(0, first[1] + 2), (text.index("and still"), len(text))]]
    (quote,) = apply_tagger(text, [_rule_quote(text, first, "Jordan")], tagged, [first, second], new_quote=lambda s, e: None)
    assert quote.quote == "got an immunity deal \u2026 sat in on the interview."


TRANSCRIPT = '"HOST: Will the harbor reopen?\n\n"OKAFOR: It will reopen in May, and the council will pay for it.'


def test_the_tagger_stretches_over_turns_the_rules_decide_are_set_aside():
    # PolNeAR's transcripts are unannotated, and on PolNeAR dev (stop 25) the tagger ran one
    # turn into the next and tagged the 'HOST:' before a turn on its own: a second quote of
    # the turn with no speaker
    def turn(label: str, end: str) -> Extraction:
        start = TRANSCRIPT.index(label) + len(label) + 2
        return Extraction(
            article="a", kind="quote", mention=Span(start, TRANSCRIPT.index(end) + len(end), ""),
            sentence=Span(0, 0, ""), speaker_as_written=label, speaker=label.title(),
        )

    host, okafor = turn("HOST", "reopen?"), turn("OKAFOR", "for it.")
    marks = [(1, TRANSCRIPT.index("\n")), (TRANSCRIPT.index("OKAFOR"), len(TRANSCRIPT))]
    tagged = [[(0, 6)], [(TRANSCRIPT.index("reopen?"), TRANSCRIPT.index("May") + 3)]]  # '"HOST:'; 'reopen?' to 'May'
    made = []

    def new_quote(start: int, end: int) -> Extraction:
        made.append((start, end))
        return _quote(start, end, speaker=None)

    got = apply_tagger(TRANSCRIPT, [host, okafor], tagged, marks, new_quote, rules_decide=lambda q: True)
    assert got == [host, okafor] and made == []
    assert said_fragments(okafor) == [(okafor.mention.start, okafor.mention.end)]  # the rules' extent, not the tagger's
    # left to the tagger: a quote made from '"HOST:', and the host's turn runs into Okafor's
    apply_tagger(TRANSCRIPT, [host, okafor], tagged, marks, new_quote)
    assert made and host.mention.end > TRANSCRIPT.index("OKAFOR")


def test_rule_quotes_in_a_paragraph_the_tagger_did_not_read_stay():
    text = "Okafor said: 'We will appeal the ruling on Monday.'"
    rule = Extraction(article="a", kind="quote", mention=Span(13, 49, text[13:49]), sentence=Span(0, len(text), text), speaker="Okafor")
    assert apply_tagger(text, [rule], [], [(13, 49)], new_quote=lambda s, e: None) == [rule]


def test_a_tagged_quote_the_rules_missed_is_made_only_when_new_quote_gives_one():
    tagged = [[(SAFE_ZONE[0] - 1, SAFE_ZONE[1] + 1)]]
    assert apply_tagger(TEXT, [], tagged, [SAFE_ZONE], new_quote=lambda s, e: None) == []
    made = apply_tagger(TEXT, [], tagged, [SAFE_ZONE], new_quote=lambda s, e: _quote(s, e, speaker="the council"))
    assert [(q.mention.text, q.speaker) for q in made] == [("safe zone", "the council")]


def _claims_quotes(nlp, text):
    from newsprism.claims import extract_article
    from newsprism.models import Article

    article = Article(id="a1", source="t.txt", text=text, format="text")
    return [(q.quote, q.speaker_as_written, q.speaker) for q in extract_article(article, nlp(text), None).extractions if q.kind == "quote"]


@pytest.mark.models
def test_the_shipped_tagger_reads_a_reported_quote(nlp):
    text = (
        "Harbour master Tom Ellery spoke to reporters on Monday.\n\n"
        "\u201cWe will rebuild the harbour before the winter storms,\u201d Ellery said. \u201cThe money is there.\u201d"
    )
    assert _claims_quotes(nlp, text) == [
        ("We will rebuild the harbour before the winter storms \u2026 The money is there.", "Ellery", "Tom Ellery")
    ]


@pytest.mark.models
def test_a_quote_the_rules_missed_takes_its_speaker_from_the_possessive_of_a_speech_noun(nlp):
    text = (
        "Fact-checkers looked at Mayor Tobias Renner\u2019s claim that there have been \u201cthousands of break-ins\u201d "
        "in the harbour district this year alone."
    )
    assert _claims_quotes(nlp, text) == [("thousands of break-ins", "Mayor Tobias Renner", "Tobias Renner")]


_ARTICLE_TEXTS = (
    "Harbour master Tom Ellery spoke to reporters on Monday.\n\n"
    "\u201cWe will rebuild the harbour before the winter storms,\u201d Ellery said. \u201cThe money is there.\u201d",
    "Fact-checkers looked at Mayor Tobias Renner\u2019s claim that there have been \u201cthousands of break-ins\u201d "
    "in the harbour district this year alone.",
    "The council met on Tuesday.\n\n\u201cWe were not told,\u201d said councillor Ada Brandt. Nobody else spoke.",
)


def _articles():
    from newsprism.models import Article

    return [Article(id=f"a{i}", source=f"{i}.txt", text=text, format="text") for i, text in enumerate(_ARTICLE_TEXTS)]


@pytest.mark.models
def test_articles_tagged_together_get_the_quotes_each_gets_alone(nlp):
    from newsprism.claims import extract_article, extract_batch

    def quotes(claims):
        return [(q.quote, q.speaker, q.mention.start) for q in claims.extractions if q.kind == "quote"]

    together = extract_batch(_articles(), nlp)
    alone = [extract_article(a, nlp(a.text), None) for a in _articles()]
    assert [quotes(c) for c in together] == [quotes(c) for c in alone]
    assert [len(quotes(c)) for c in together] == [1, 1, 1]


@pytest.mark.models
def test_an_article_the_tagger_cannot_read_fails_alone(nlp, monkeypatch):
    from newsprism import claims, quotetagger

    real = quotetagger.load_quote_tagger()

    class Choking:
        def quotes(self, articles):
            if any("Renner" in a.text for a in articles):
                raise ValueError("the tagger choked")
            return real.quotes(articles)

    monkeypatch.setattr(claims, "load_quote_tagger", lambda: Choking())
    first, second, third = claims.extract_batch(_articles(), nlp)
    assert second.error == "ValueError('the tagger choked')" and second.extractions == []
    assert first.error is None and [q.speaker for q in first.extractions if q.kind == "quote"] == ["Tom Ellery"]
    assert third.error is None and [q.speaker for q in third.extractions if q.kind == "quote"] == ["Ada Brandt"]


def _word_offsets(text: str) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]


def test_a_long_paragraph_is_cut_into_windows_after_a_sentence_and_outside_quotation_marks():
    from newsprism.quotetagger import MAX_PIECES, _window_ends

    sentence = "The committee reviewed item number {} of the budget."
    quoted = ' "We will rebuild the harbour before the storms, and we will do it with the money we have," she said.'
    text = " ".join(sentence.format(i) for i in range(20)) + quoted * 8
    offsets = _word_offsets(text)
    marks = [(i + 1, text.index('"', i + 1)) for i in range(len(text)) if text.startswith(' "', i)]
    ends = _window_ends(text, offsets, marks)
    starts = [0, *ends[:-1]]
    assert ends[-1] == len(offsets) and all(0 < e - s <= MAX_PIECES - 2 for s, e in zip(starts, ends, strict=True))
    for end in ends[:-1]:
        assert text[offsets[end - 1][0]] in '."' and not any(s <= offsets[end][0] < e for s, e in marks)


@given(st.lists(st.integers(1, 12), min_size=1, max_size=900), st.sets(st.integers(0, 899), max_size=40))
def test_windows_cover_every_piece_and_none_is_too_wide(word_lengths, quoted_words):
    from newsprism.quotetagger import MAX_PIECES, _window_ends

    text = " ".join("w" * n for n in word_lengths)
    offsets = _word_offsets(text)
    marks = [offsets[i] for i in sorted(quoted_words) if i < len(offsets)]
    ends = _window_ends(text, offsets, marks)
    starts = [0, *ends[:-1]]
    assert ends[-1] == len(offsets) and all(0 < e - s <= MAX_PIECES - 2 for s, e in zip(starts, ends, strict=True))


@pytest.mark.models
def test_a_quote_beyond_what_the_encoder_reads_at_once_is_read(nlp):
    """A paragraph of more than `MAX_PIECES` word pieces (a text copy without paragraph
    breaks) is read in windows: the quote at its end was dropped when only its first
    window was read."""
    filler = " ".join(f"The committee reviewed item number {i} of the harbour budget on Tuesday morning." for i in range(30))
    text = "Harbour budget\n" + filler + " \u201cWe will rebuild the harbour before the winter storms,\u201d said harbour master Tom Ellery."
    assert _claims_quotes(nlp, text) == [("We will rebuild the harbour before the winter storms", "harbour master Tom Ellery", "Tom Ellery")]


@pytest.mark.models
def test_work_beside_the_parse_gets_every_chunk_of_finished_claims_in_the_tagger_thread(nlp, monkeypatch):
    import threading

    from newsprism import claims

    monkeypatch.setattr(claims, "TAGGER_ARTICLES", 2)
    articles = [*_articles(), *_articles()]
    seen = []

    def beside(chunk, found):
        seen.append(([a.id for a in chunk], [c.article for c in found], threading.current_thread().name))

    out = claims.extract_batch(articles, nlp, beside=beside)
    assert [ids for ids, _, _ in seen] == [["a0", "a1"], ["a2", "a0"], ["a1", "a2"]]
    assert all(ids == found for ids, found, _ in seen)
    assert all(name.startswith("quote-tagger") for _, _, name in seen)
    assert [c.article for c in out] == [a.id for a in articles]


@pytest.mark.models
def test_what_the_work_beside_the_parse_raises_is_raised_by_the_batch(nlp):
    from newsprism.claims import extract_batch

    def beside(chunk, found):
        raise RuntimeError("the embedder is gone")

    with pytest.raises(RuntimeError, match="the embedder is gone"):
        extract_batch(_articles(), nlp, beside=beside)
