from __future__ import annotations

import pytest

from newsprism.claims import extract_article
from newsprism.dates import parse_iso
from newsprism.models import Article, Embed
from newsprism.quotespans import quote_spans

pytestmark = pytest.mark.models


def _extract(nlp, text, published="2026-11-13T09:00:00"):
    article = Article(id="a1", source="t.txt", text=text, format="text", published=published)
    return extract_article(article, nlp(text), parse_iso(published))


def _the_quote(nlp, text):
    """The one quote of `text`; fails when it has none or several."""
    (quote,) = [e for e in _extract(nlp, text).extractions if e.kind == "quote"]
    return quote


def _quotes(result):
    return [(e.quote, e.speaker_as_written, e.speaker) for e in result.extractions if e.kind == "quote"]


def test_quote_with_explicit_and_inverted_speaker(nlp):
    text = (
        'Mayor Tobias Renner spoke first. "No one should go back until we say it is safe," Renner said.\n\n'
        '"We were lucky the wind turned when it did," said Fire Chief Dana Whitlock.'
    )
    assert _quotes(_extract(nlp, text)) == [
        ("No one should go back until we say it is safe", "Renner", "Tobias Renner"),
        ("We were lucky the wind turned when it did", "Fire Chief Dana Whitlock", "Dana Whitlock"),
    ]


def test_a_rank_abbreviated_before_the_name_stays_with_it(nlp):
    # spaCy reads 'Capt.' as 'Capt' '.' and ends a sentence there unless told otherwise
    text = (
        '"The pier will hold," said Navy Capt. Dana Whitlock, who commands the port.\n\n'
        'Harbour spokesman Lt. Col. Ana Ruiz said the ferries "will run by May."'
    )
    assert [(w, s) for _, w, s in _quotes(_extract(nlp, text))] == [
        ("Navy Capt. Dana Whitlock, who commands the port", "Dana Whitlock"),
        ("Harbour spokesman Lt. Col. Ana Ruiz", "Ana Ruiz"),
    ]


def test_pronoun_speaker_resolves_to_the_person_named_before(nlp):
    text = (
        "Fire Chief Dana Whitlock told reporters that crews had worried about the wind all night.\n\n"
        "\u201cWe were lucky the wind turned when it did,\u201d she said."
    )
    assert _quotes(_extract(nlp, text)) == [("We were lucky the wind turned when it did", "she", "Dana Whitlock")]


def test_a_second_quoted_sentence_in_the_paragraph_goes_on_with_the_first(nlp):
    text = (
        "Gus Tamura, who runs a caf\u00e9 across the road, watched the roof fall. "
        "\u201cIt went up like a torch,\u201d he said, pointing at the smoke above the old mill. "
        "\u201cI have never seen anything like it in my life.\u201d"
    )
    quote = _the_quote(nlp, text)
    assert quote.speaker == "Gus Tamura"
    assert [p.text for p in quote.parts] == ["It went up like a torch", "I have never seen anything like it in my life."]


@pytest.mark.parametrize(
    "text",
    [
        "\u201cIt went up like a torch,\u201d Gus Tamura said. \u201cI have never seen anything like it in my life.\u201d",
        "\u201cIt went up like a torch,\u201d said Gus Tamura, who runs the caf\u00e9. \u201cI have never seen anything like it.\u201d",
        "\u201cHonestly,\u201d Gus Tamura told reporters on Friday, \u201cI have never seen anything like it in my life.\u201d",
        "''It went up like a torch,'' Mr. Tamura said. ''I have never seen anything like it in my life.''",
    ],
)
def test_a_quote_interrupted_by_its_attribution_is_one_quote(nlp, text):
    quote = _the_quote(nlp, text)
    assert quote.speaker == "Gus Tamura" or quote.speaker == "Tamura"
    assert len(quote.parts) == 2
    assert [text[p.start : p.end] for p in quote.parts] == [p.text for p in quote.parts]
    assert quote.quote == " \u2026 ".join(p.text for p in quote.parts)
    assert quote.mention.text == text[quote.mention.start : quote.mention.end]
    assert quote.mention.start == quote.parts[0].start and quote.mention.end == quote.parts[1].end



def test_a_sentence_of_its_own_between_two_quotes_makes_them_two_quotes(nlp):
    text = (
        "Gus Tamura runs the caf\u00e9 across the road. When his sister asked about the mill, he laughed and said, "
        "\u201cNobody will ever rebuild that roof.\u201d She was so upset that he had to change his answer: "
        "\u201cOf course they will rebuild it. I was only joking.\u201d"
    )
    quotes = [e for e in _extract(nlp, text).extractions if e.kind == "quote"]
    assert [q.quote for q in quotes] == ["Nobody will ever rebuild that roof.", "Of course they will rebuild it. I was only joking."]
    assert [q.speaker for q in quotes] == ["Gus Tamura", "Gus Tamura"]

def test_a_partial_quote_keeps_the_reported_clause_around_it(nlp):
    text = "Okafor said the harbour plan would \u201cfail miserably\u201d before the winter storms."
    quote = _the_quote(nlp, text)
    assert quote.quote == "fail miserably"
    assert quote.focus is not None and quote.focus.text.startswith("the harbour plan would")
    assert quote.focus.text.rstrip(".").endswith("storms")
    whole = '"We will rebuild the harbour before the winter storms," Okafor said.'
    quote = _the_quote(nlp, whole)
    assert quote.focus is None  # the quote is all that was said


def test_a_reported_clause_that_ends_at_the_quote_keeps_its_closing_mark(nlp):
    # American punctuation puts the comma inside the quote: the clause must not stop at it
    text = 'Fire Chief Dana Whitlock called the harbour plan "reckless," saying it put crews at risk.'
    quote = _the_quote(nlp, text)
    assert quote.quote == "reckless"
    assert quote.focus is not None and quote.focus.text == 'the harbour plan "reckless,"'


def test_an_infinitive_after_a_partial_quote_is_part_of_what_was_said(nlp):
    # 'speak' is a speech verb, but 'for him to speak on ...' is no second report
    text = 'Harbour master Tom Ellery said it would be "improper" for him to speak on the inquiry while it is open.'
    quote = _the_quote(nlp, text)
    assert quote.quote == "improper"
    assert quote.focus is not None and quote.focus.text.startswith('it would be "improper" for him to speak')
    # a participle that reports again still ends the clause
    text = 'Fire Chief Dana Whitlock called the harbour plan "reckless," saying it put crews at risk.'
    quote = _the_quote(nlp, text)
    assert quote.focus is not None and "saying" not in quote.focus.text


def test_an_attribution_set_inside_the_reported_clause(nlp):
    text = (
        "Harbour master Tom Ellery spoke on Monday. "
        "But the repairs the port can pay for, he added, are like \u201ca plaster on a broken leg.\u201d"
    )
    quote = _the_quote(nlp, text)
    assert quote.speaker == "Tom Ellery"
    assert quote.focus is not None
    assert quote.focus.text.startswith("the repairs the port can pay for, he added, are like")
    assert quote.focus.text.endswith("leg.\u201d")
    # the quote tagger starts this one after the attribution; the parse has the subject
    text = "Councillor Ada Brennan was blunt. The money the council has set aside, she said, is \u201cnowhere near enough.\u201d"
    quote = _the_quote(nlp, text)
    assert quote.speaker == "Ada Brennan"
    assert quote.focus is not None
    assert quote.focus.text == "The money the council has set aside, she said, is \u201cnowhere near enough.\u201d"
    text = 'The harbour plan is "a costly mistake," as Okafor put it on Friday.'
    quote = _the_quote(nlp, text)
    assert quote.speaker == "Okafor"
    assert quote.focus is not None and quote.focus.text == 'The harbour plan is "a costly mistake,"'


def test_a_speech_verb_inside_what_was_said_is_no_second_report(nlp):
    # a clause of time limit ('until Haley said ...') and an aspectual 'continue' go on
    # with what was said; a participle that reports again ends it (tested above)
    text = "Okafor said he was \u201ckind of riding the fence\u201d until Haley said she was backing the senator."
    quote = _the_quote(nlp, text)
    assert quote.focus is not None
    assert quote.focus.text == "he was \u201ckind of riding the fence\u201d until Haley said she was backing the senator"
    text = (
        "Whitlock said the harbour staff\u2019s actions were \u201ccompletely unacceptable\u201d and that the "
        "committee would continue to investigate the incident."
    )
    quote = _the_quote(nlp, text)
    assert quote.focus is not None and quote.focus.text.endswith("continue to investigate the incident")


def test_a_reported_clause_the_parse_splits_in_two_is_one(nlp):
    # the parse reads 'her harbour remark was ...' as a second clause of 'said'
    text = (
        "But Whitlock said the mayor has \u201cenormous respect\u201d for the crews and her harbour "
        "remark was instead an expression of anger at the insurers."
    )
    quote = _the_quote(nlp, text)
    assert quote.focus is not None and quote.focus.text.startswith("the mayor has")
    assert quote.focus.text.endswith("anger at the insurers")
    # after a comma the second 'clause' is the writer's gloss on the report
    text = (
        "The Florida senator sought to calm the crowd, and took a heckler in stride, saying the man would "
        "\u201cnot get thrown out\u201d at his event, a swipe at the recent scuffles at some of Okafor\u2019s rallies."
    )
    quote = _the_quote(nlp, text)
    assert quote.focus is not None and quote.focus.text == "the man would \u201cnot get thrown out\u201d at his event"


def test_scare_quotes_are_not_quotes(nlp):
    assert _quotes(_extract(nlp, 'The council opened a so-called "safe zone" near the harbour on Friday.')) == []


def test_a_partial_quote_with_its_speaker_is_a_quote(nlp):
    assert _quotes(_extract(nlp, 'Officials called the plan "premature" on Friday.')) == [("premature", "Officials", "Officials")]
    got = _quotes(_extract(nlp, 'Senator Ruth Okafor urged lawmakers to act "without delay" on the bill.'))
    assert got == [("without delay", "Senator Ruth Okafor", "Ruth Okafor")]


def test_single_quotes_and_quotes_nested_in_quotes(nlp):
    text = "Ruth Okafor arrived late. 'The vote is a disgrace and we will appeal it,' Okafor said on Friday."
    assert _quotes(_extract(nlp, text)) == [("The vote is a disgrace and we will appeal it", "Okafor", "Ruth Okafor")]
    text = "Ruth Okafor arrived late. \u201cHe told me \u2018never again\u2019 and walked out of the room,\u201d Okafor said."
    assert _quotes(_extract(nlp, text)) == [("He told me \u2018never again\u2019 and walked out of the room", "Okafor", "Ruth Okafor")]


def test_a_quote_of_several_paragraphs_keeps_its_speaker(nlp):
    text = (
        "Fire Chief Dana Whitlock spoke to reporters on Friday morning.\n\n"
        "\u201cThe crews worked through the night and they held the line at the river.\n\n"
        "\u201cWe were lucky the wind turned when it did,\u201d she said."
    )
    quote = _the_quote(nlp, text)
    assert (quote.speaker_as_written, quote.speaker) == ("she", "Dana Whitlock")
    assert [p.text for p in quote.parts] == [
        "The crews worked through the night and they held the line at the river.",
        "We were lucky the wind turned when it did",
    ]


def test_a_paragraph_that_is_only_a_quote_goes_on_with_the_quote_before(nlp):
    text = (
        "\u201cThe crews held the line at the river,\u201d Fire Chief Dana Whitlock said on Friday.\n\n"
        "\u201cWe were lucky the wind turned when it did. Nobody slept.\u201d\n\n"
        "The mill will reopen in May."
    )
    quote = _the_quote(nlp, text)
    assert quote.speaker == "Dana Whitlock" and len(quote.parts) == 2


def test_a_transcript_turn_of_another_speaker_is_a_quote_of_its_own(nlp):
    text = (
        "Partial transcript as follows:\n\n"
        "\u201cWALLACE: Will the harbor reopen this year? And who will pay for the new piers?\n\n"
        "\u201cOKAFOR: The council will pay for them, and the harbor will reopen in May.\u201d"
    )
    got = [e.speaker for e in _extract(nlp, text).extractions if e.kind == "quote"]
    assert got == ["Wallace", "Okafor"]


def test_quote_offsets_point_at_the_quoted_words(nlp):
    text = 'Ann Lee arrived. "The bridge will reopen in spring," Lee said.'
    (e,) = [e for e in _extract(nlp, text).extractions if e.kind == "quote"]
    assert text[e.mention.start : e.mention.end] == e.mention.text == "The bridge will reopen in spring"


def test_quantities_with_what_they_count(nlp):
    text = "About 1,200 residents were evacuated overnight. Two firefighters were treated for minor injuries."
    got = {(e.quantity.number, e.quantity.of, e.quantity.approximate) for e in _extract(nlp, text).extractions if e.kind == "quantity"}
    assert got == {(1200, "resident evacuate", True), (2, "firefighter treat", False)}


def test_clock_times_are_not_quantities(nlp):
    text = "The fire was under control by about 6am on Friday, the department said."
    assert [e for e in _extract(nlp, text).extractions if e.kind == "quantity"] == []


def test_dates_resolved_with_the_event_they_date(nlp):
    text = "A fire broke out late Thursday at the warehouse. The blaze, which broke out on Friday, gutted it."
    got = [(e.date.date, e.date.part_of_day, e.date.event) for e in _extract(nlp, text).extractions if e.kind == "date"]
    assert got == [("2026-11-12", "late", "fire break out"), ("2026-11-13", None, "blaze break out")]


def test_sentences_never_cross_a_paragraph_break(nlp):
    text = 'He said: "It is over.\n\nThe next day, 300 people came back to the square.'
    result = _extract(nlp, text)
    assert all("\n\n" not in s.text for s in result.sentences)


def test_a_line_break_ends_a_sentence_and_its_speech_verbs_stay_on_their_line(nlp):
    # text copied from pages that end paragraphs with one line break; the editor's note
    # on the next line does not say who said the quote
    text = (
        "Trump has record low support from black voters.\n"
        "\u201cLook at how much African-American communities are suffering,\u201d Trump said in August. "
        "\u201cWhat the hell do you have to lose?\u201d\n"
        "Editor\u2019s note: Donald Trump regularly incites political violence and is a serial liar who has "
        "repeatedly pledged to ban all Muslims from entering the country."
    )
    result = _extract(nlp, text)
    assert all("\n" not in s.text for s in result.sentences)
    assert [e.speaker for e in result.extractions if e.kind == "quote"] == ["Donald Trump"]


def test_a_description_resolves_to_the_person_the_article_describes_so(nlp):
    text = (
        "Jane Okafor, a conservative blogger, has followed the council for years.\n\n"
        '"The budget hides the real cost of the harbour works," the blogger wrote on Monday.'
    )
    assert _quotes(_extract(nlp, text)) == [("The budget hides the real cost of the harbour works", "the blogger", "Jane Okafor")]


def test_a_handle_resolves_to_the_person_whose_surname_it_spells(nlp):
    text = (
        "Councillor Jane Okafor voted against the plan on Monday.\n\n"
        '"The budget hides the real cost of the harbour works," @JaneOkafor wrote on Monday evening.'
    )
    ((quote, written, speaker),) = _quotes(_extract(nlp, text))
    assert (written, speaker) == ("@JaneOkafor", "Jane Okafor")


def test_a_handle_in_brackets_after_the_name_is_the_same_person(nlp):
    text = (
        "Councillor Jane Okafor voted against the plan on Monday.\n\n"
        '"We will not back down," wrote Okafor (@okafor) on Tuesday.'
    )
    assert _quotes(_extract(nlp, text)) == [("We will not back down", "Okafor (@okafor)", "Jane Okafor")]


def _statements(result):
    return [(e.speaker_as_written, e.speaker, e.focus.text if e.focus else None) for e in result.extractions if e.kind == "statement"]


def test_indirect_speech_is_a_statement_with_its_speaker(nlp):
    text = (
        "Fire Chief Dana Whitlock said the crews had held the line at the river. "
        "The fire started in a paint store, according to Whitlock. "
        "Mayor Tobias Renner asked whether the road could reopen. "
        '"We were lucky," Whitlock said on Friday.'
    )
    result = _extract(nlp, text)
    assert _statements(result) == [
        ("Fire Chief Dana Whitlock", "Dana Whitlock", "the crews had held the line at the river"),
        ("Whitlock", "Dana Whitlock", "The fire started in a paint store"),
    ]
    (statement, *_) = [e for e in result.extractions if e.kind == "statement"]
    assert text[statement.mention.start : statement.mention.end] == statement.mention.text
    assert statement.mention.text.startswith("Fire Chief Dana Whitlock said")


def test_a_transcript_turn_names_its_speaker(nlp):
    text = (
        "Governor Mike Pence spoke to the host on Sunday.\n\n"
        '"WALLACE: Let\u2019s start with the harbour fire and the people still out of their homes tonight.\n\n'
        '"PENCE: Well, look, the crews did what the \u201cmutual aid\u201d plan asked of them, and they did it well."'
    )
    got = _quotes(_extract(nlp, text))
    assert [(q.split(",")[0], w, s) for q, w, s in got] == [
        ("Let\u2019s start with the harbour fire and the people still out of their homes tonight.", "WALLACE", "Wallace"),
        ("Well", "PENCE", "Mike Pence"),
    ]


def test_titles_of_works_in_quotation_marks_are_not_quotes(nlp):
    text = (
        "Museum Opens Its Doors\n\n"
        'The band closed the night with "A Change Is Gonna Come" before the crowd of some 4,000 people left.'
    )
    assert _quotes(_extract(nlp, text)) == []


def test_two_quotes_joined_by_but_are_one_quote(nlp):
    text = 'Okafor said "I respect the council," but "when it comes to the harbour, they have a history of delay."'
    quote = _the_quote(nlp, text)
    assert quote.speaker == "Okafor" and len(quote.parts) == 2


def test_a_pronoun_continues_the_last_named_speaker_it_agrees_with(nlp):
    text = (
        "Councillor Maria Okafor said the harbour plan would fail. She spoke after Mayor Tobias Renner "
        "defended the budget.\n\n"
        "\u201cWe cannot rebuild the harbour on promises alone,\u201d she said.\n\n"
        "\u201cThe money is already in the budget,\u201d he said."
    )
    got = [s for _, _, s in _quotes(_extract(nlp, text))]
    assert got == ["Maria Okafor", "Tobias Renner"]


def test_a_quoted_sentence_after_a_long_attribution_goes_on_with_the_quote(nlp):
    text = (
        "\u201cThe harbour has never burned like this,\u201d said Quentin Marr, who has taught maritime history "
        "at the college in Port Merrow for nearly thirty years. \u201cThere is no plan for the next fire.\u201d"
    )
    quote = _the_quote(nlp, text)
    assert quote.speaker == "Quentin Marr" and len(quote.parts) == 2


def test_a_partial_quote_after_told_keeps_only_the_reported_clause(nlp):
    text = "The president told voters at a rally on Saturday that he would consider it a \u201cpersonal insult\u201d if they stayed home."
    quote = _the_quote(nlp, text)
    assert quote.focus is not None and quote.focus.text.startswith("that he would consider it")


def test_a_long_attribution_glued_to_the_next_opening_mark_still_joins_the_quote(nlp):
    # the parser ends the attribution's sentence after the next paragraph's '' mark, so
    # the second stretch seems to have the first one's verb as its own
    text = (
        "''This is not a budget,'' said Marta Olsen-Reyes, an economist who ran the county finance office "
        "for a decade and now teaches at the state college. ''It is a wish list. Nobody has priced any of it.''"
    )
    quote = _the_quote(nlp, text)
    assert quote.speaker == "Marta Olsen-Reyes" and len(quote.parts) == 2


def test_a_closing_mark_that_opens_a_paragraph_opens_a_quote():
    text = "Readers wrote in.\n\n\u201dThe river took our street and nobody came.\u201d \u2015 Marisol Quintana"
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["The river took our street and nobody came."]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Former Mayor Ellen Vasquez criticized the harbor plan as a \u201ccostly mistake\u201d on Monday.", "costly mistake"),
        ("Senator Paul Okafor praised the new governor as a \u201cserious leader\u201d at the dinner.", "serious leader"),
    ],
)
def test_a_short_quote_under_a_verb_that_judges_is_a_partial_quote(nlp, text, quote):
    found = _the_quote(nlp, text)
    assert found.quote == quote and found.speaker is not None


def test_the_speech_verb_whose_clause_holds_the_quote_attributes_it(nlp):
    text = "Speaking at a rally in Port Merrow, Okafor says he is making \u201ca demand\u201d of the council."
    found = _the_quote(nlp, text)
    assert found.focus is not None and found.focus.text.startswith("he is making")


def test_quotes_joined_by_and_keep_the_reported_clause_around_them(nlp):
    text = "The mayor described the harbor plan as \u201cpathetic\u201d and \u201cdangerous.\u201d"
    found = _the_quote(nlp, text)
    assert len(found.parts) == 2
    assert found.focus is not None and found.focus.text.startswith("the harbor plan as")


def test_a_headline_that_opens_with_a_speaker_attributes_its_rest(nlp):
    text = (
        "Okafor: Harbor Plan Is a \u2018Costly Mistake\u2019 and \u2018Badly Late\u2019\n\n"
        "Councillor Maria Okafor criticised the harbor plan on Monday."
    )
    found = _the_quote(nlp, text)
    assert found.speaker == "Maria Okafor" and len(found.parts) == 2
    assert found.focus is not None and found.focus.text.startswith("Harbor Plan Is")


def test_a_label_opening_a_headline_is_no_speaker(nlp):
    text = "The Latest: Harbor Plan Called a \u2018Costly Mistake\u2019 by the Council\n\nThe council met on Monday."
    assert all(e.speaker != "The Latest" for e in _extract(nlp, text).extractions if e.kind == "quote")


def test_a_curly_single_quote_closes_on_a_mark_that_looks_possessive_when_nothing_else_closes_it():
    text = "Okafor Says Harbor Plan Is \u2018Years of Delays\u2019 in the Making"
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["Years of Delays"]


def test_a_second_report_joined_to_the_reported_clause_is_left_out_of_it(nlp):
    text = (
        'The ministry said it was "firmly opposed" to the new levy and warned the council to refrain '
        "from further steps that would raise costs."
    )
    found = _the_quote(nlp, text)
    assert found.focus is not None and found.focus.text == 'it was "firmly opposed" to the new levy'


def test_a_participle_that_reports_the_quote_bounds_its_clause(nlp):
    text = (
        "Senator Paul Okafor criticized the harbor accord adopted after two weeks of talks, saying the deal "
        "goes \u201cnowhere near far enough.\u201d"
    )
    found = _the_quote(nlp, text)
    assert found.speaker == "Paul Okafor"
    assert found.focus is not None and found.focus.text.startswith("the deal goes")


def test_according_to_attributes_a_quote_and_bounds_what_was_said(nlp):
    text = 'According to Maria Okafor, the harbor plan is "a costly mistake that nobody asked for."'
    found = _the_quote(nlp, text)
    assert found.speaker == "Maria Okafor"
    assert found.focus is not None and found.focus.text.startswith("the harbor plan is")


def test_a_short_quote_that_nothing_attributes_is_a_slogan_not_a_quote(nlp):
    text = "Protesters outside the town hall carried signs reading \u201cDefeat the Harbor Plan Now\u201d and \u201cno more toll bridges, please.\u201d"
    assert [e for e in _extract(nlp, text).extractions if e.kind == "quote"] == []


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        (
            "Councillor Maria Okafor described the harbor plan as a \u201ccostly mistake\u201d during a town hall in Port Merrow.",
            "the harbor plan as a \u201ccostly mistake\u201d",
        ),
        (
            "Mayor Tobias Renner described the ferry contract as a \u201cgift to insiders\u201d Wednesday on the morning show.",
            "the ferry contract as a \u201cgift to insiders\u201d",
        ),
        (
            "Councillor Maria Okafor likened the plan to \u201cpaving the sea\u201d \u2014 a charge that stung the mayor.",
            "the plan to \u201cpaving the sea\u201d",
        ),
        (
            "Senator Maria Okafor described the harbour plan as a \u201ccrazy system\u201d on Tuesday.",
            "the harbour plan as a \u201ccrazy system\u201d",
        ),
    ],
)
def test_the_occasion_of_a_judgement_is_left_out_of_what_was_said(nlp, text, focus):
    found = _the_quote(nlp, text)
    assert found.focus is not None and found.focus.text == focus


def test_words_that_complete_a_judgement_stay_in_what_was_said(nlp):
    text = "Mayor Tobias Renner called the ferry contract \u201ca gift\u201d for the insiders who wrote it."
    found = _the_quote(nlp, text)
    assert found.focus is not None and found.focus.text.endswith("who wrote it")
    text = (
        "Councillor Ruth Okafor, who has long viewed the mayor as \u201cdirectly responsible\u201d for the flooding "
        "due to his failure to repair the sea wall, said nothing on Friday."
    )
    found = _the_quote(nlp, text)
    assert found.focus is not None and found.focus.text.startswith("the mayor as")
    assert found.focus.text.endswith("repair the sea wall")
    # an aside after a comma is the writer's
    text = (
        "Councillor Ruth Okafor, who has long viewed the mayor as \u201ca landlubber,\u201d which is what islanders "
        "call people who never sailed, said nothing on Friday."
    )
    found = _the_quote(nlp, text)
    assert found.focus is not None and found.focus.text == "the mayor as \u201ca landlubber,\u201d"


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        (
            "Councillor Maria Okafor believes that the harbor plan will fail within a year.",
            ("Councillor Maria Okafor", "Maria Okafor", "that the harbor plan will fail within a year"),
        ),
        (
            "The audit found that the port had lost money for six years.",
            ("The audit", "The audit", "that the port had lost money for six years"),
        ),
    ],
)
def test_a_verb_of_belief_or_finding_with_a_clause_is_a_statement(nlp, text, statement):
    assert _statements(_extract(nlp, text)) == [statement]


def test_a_verb_of_finding_without_a_clause_is_no_statement(nlp):
    assert _statements(_extract(nlp, "Councillor Maria Okafor found a buyer for the old ferry last week.")) == []


def test_a_short_quoted_sentence_with_its_speaker_is_no_title(nlp):
    text = "She ran to the car and repeatedly says, \u201cDon't you do it,\u201d until the doors close."
    assert [q for q, _, _ in _quotes(_extract(nlp, text))] == ["Don't you do it"]


def test_a_title_of_short_words_is_still_a_title(nlp):
    text = "Renner Speaks Out\n\nMayor Tobias Renner spoke on the \u201cMorning Joe\u201d show on Monday."
    assert _quotes(_extract(nlp, text)) == []


def test_an_attribution_set_off_inside_the_sentence_reports_the_rest(nlp):
    text = "The new harbor, Mayor Tobias Renner said, would bring ferries back to Port Merrow by May."
    assert _statements(_extract(nlp, text)) == [
        ("Mayor Tobias Renner", "Tobias Renner", "The new harbor, Mayor Tobias Renner said, would bring ferries back to Port Merrow by May"),
    ]


def test_a_parenthetical_attribution_of_almost_nothing_is_no_statement(nlp):
    assert _statements(_extract(nlp, "Yes, Renner said.")) == []


def test_a_nickname_in_quotation_marks_leaves_its_sentence_to_the_statement_reader(nlp):
    text = "Harbor saved\n\nMayor Tobias Renner said the ferry captain nicknamed \u201cCaptain Thunder\u201d had saved the harbor."
    assert _quotes(_extract(nlp, text)) == []
    assert [s[1] for s in _statements(_extract(nlp, text))] == ["Tobias Renner"]


def test_a_sentence_inside_a_long_quote_is_no_statement_of_its_own(nlp):
    text = (
        "\u201cWe were lucky. My neighbor said the wind would turn, and it did. "
        "We will rebuild the old mill by spring,\u201d Councillor Maria Okafor said."
    )
    assert _statements(_extract(nlp, text)) == []


def test_a_quote_that_judges_an_object_as_something_is_said_of_that_object(nlp):
    text = "Daniel Brooks openly admires the old harbour master as a \u201ctrue seaman,\u201d comparing him favourably to the mayor."
    quote = _the_quote(nlp, text)
    assert quote.focus is not None and quote.focus.text.startswith("the old harbour master as a \u201ctrue seaman")


def test_one_word_of_the_reported_clause_outside_the_quote_is_part_of_what_was_said(nlp):
    text = "At the rally in Des Moines, Okafor told supporters that \u201cas a nation, we have to do better.\u201d"
    quote = _the_quote(nlp, text)
    assert quote.focus is not None and quote.focus.text == "that \u201cas a nation, we have to do better.\u201d"


def test_a_printed_post_is_a_quote_of_its_author_as_the_article_names_them(nlp):
    """A post the page prints ('... pic.twitter.com/...' above '— Marsh (@HelenMarshSC)
    March 3, 2026') is its author's words, though it has no quotation marks; a quotation
    inside it is the post's, not another quote."""
    from newsprism.clean import clean_item
    from newsprism.models import RawItem

    page = "\n".join([
        "Saltmere Courier",
        "",
        "Harbour board approves east channel dredging",
        "",
        "The harbour authority in Saltmere approved a plan on Tuesday to dredge the east channel, ending a dispute that had idled two ferry routes for most of the summer.",
        "",
        "Board chair Helen Marsh said the work would begin in March and take about nine weeks, during which smaller boats would use the west channel.",
        "",
        "Crews will be on the east channel from March. \u201cSmall boats use the west channel,\u201d as we said at the vote. pic.twitter.com/Ab12Cd",
        "\u2014 Marsh (@HelenMarshSC) March 3, 2026",
        "",
        "Fishing crews who use the channel had asked for the work to wait until after the spring season, and the board agreed to review the schedule in February.",
    ])
    article = clean_item(RawItem(source="p.txt", format="text", content=page))
    assert isinstance(article, Article) and len(article.embeds) == 1
    found = extract_article(article, nlp(article.text), parse_iso("2026-03-03")).extractions
    (post,) = [e for e in found if e.kind == "quote"]
    assert (post.speaker_as_written, post.speaker) == ("Marsh", "Helen Marsh")
    assert post.quote == "Crews will be on the east channel from March. \u201cSmall boats use the west channel,\u201d as we said at the vote."
    assert article.text[post.mention.start : post.mention.end] == post.mention.text
    assert post.mention.text.startswith("Crews will be") and post.mention.text.endswith("pic.twitter.com/Ab12Cd")


def test_a_printed_post_and_a_quotation_of_it_are_one_quote_of_one_speaker(nlp, bow_embedder):
    from newsprism.crosscheck import crosscheck_story
    from newsprism.models import Story

    printed = Article(
        id="a1", source="a1.txt", format="text", outlet="Saltmere Courier", published="2026-03-03",
        text="Dredging approved\n\nBoard chair Helen Marsh said the work would begin in March.\n\n"
        "Crews will be on the east channel from March. Thank you for your patience.\n\n"
        "\u2014 Marsh (@HelenMarshSC) March 3, 2026",
    )
    start = printed.text.index("Crews")
    printed.embeds = [Embed(text=printed.text[start:], author="Marsh", handle="@HelenMarshSC", date="2026-03-03", start=start, end=len(printed.text))]
    quoting = Article(
        id="a2", source="a2.txt", format="text", outlet="Harbour Wire", published="2026-03-03",
        text="East channel to close\n\n\u201cCrews will be on the east channel from March. Thank you for your patience,\u201d "
        "Helen Marsh, the board chair, wrote on X.",
    )
    claims = [extract_article(a, nlp(a.text), parse_iso(a.published)) for a in (printed, quoting)]
    story = crosscheck_story(Story(id="s1", headline="", articles=["a1", "a2"]), [printed, quoting], claims, bow_embedder)
    (quote,) = [c for c in story.claims if c.kind == "quote"]
    assert quote.speaker == "Helen Marsh"
    assert quote.status == "corroborated" and sorted(m.article for m in quote.mentions) == ["a1", "a2"]
    assert sorted((m.article, m.speaker) for m in quote.mentions) == [("a1", "Marsh"), ("a2", "Helen Marsh, the board chair,")]  # each mention keeps its words


def test_an_article_in_another_language_is_read_for_its_sentences_but_not_for_claims(nlp, tmp_path, bow_embedder):
    """The claims stage reads English; a German article keeps its sentences (for copies
    and rewrites) and says in its anomalies why it has no claims."""
    from newsprism import analyze
    from newsprism.claims import extract_batch

    german = Article(
        id="de1", source="de.txt", format="text", language="de",
        text="Brand im Hafen\n\n\u201eWir hatten Gl\u00fcck\u201c, sagte Feuerwehrchefin Dana Whitlock am Freitag. Rund 1200 Menschen mussten ihre Wohnungen verlassen.",
    )
    english = Article(
        id="en1", source="en.txt", format="text", language="en-US",
        text='Harbour fire\n\n"We were lucky," Fire Chief Dana Whitlock said on Friday.',
    )
    read_de, read_en = extract_batch([german, english], nlp)
    assert read_de.unread_language == "de" and read_de.extractions == [] and read_de.entities == []
    assert read_de.sentences[-1].text == "Rund 1200 Menschen mussten ihre Wohnungen verlassen."
    assert read_en.unread_language is None and [e.quote for e in read_en.extractions if e.kind == "quote"] == ["We were lucky"]

    (tmp_path / "de.txt").write_text(
        "Brand im Hafen\n\nRund 1200 Menschen mussten in der Nacht zum Freitag ihre Wohnungen im Hafenviertel verlassen, "
        "nachdem in einer Lagerhalle f\u00fcr Farben ein Feuer ausgebrochen war. Die Feuerwehr war mit 60 Einsatzkr\u00e4ften "
        "und 14 Fahrzeugen vor Ort und hatte den Brand erst am fr\u00fchen Morgen unter Kontrolle.\n\n"
        "Zwei Feuerwehrleute wurden leicht verletzt. Die Schulen im Viertel blieben am Freitag geschlossen, und die Stra\u00dfe "
        "am Hafen war bis zum Mittag f\u00fcr den Verkehr gesperrt. Die Ursache des Feuers ist noch unklar, teilte die Stadt mit.",
        encoding="utf-8",
    )
    report = analyze([tmp_path / "de.txt"], nlp=nlp, embedder=bow_embedder)
    (article,) = report.articles
    assert article.language == "de"
    assert [a.kind for a in article.anomalies] == ["claims_not_read"] and "'de'" in article.anomalies[0].explanation
    assert not any(c for s in report.stories for c in s.claims)
