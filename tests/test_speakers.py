"""Speakers of quotes: attribution forms beyond '"...," X said' (newsprism/speakers.py)."""

from __future__ import annotations

import pytest

from newsprism.claims import extract_article
from newsprism.dates import parse_iso
from newsprism.models import Article

pytestmark = pytest.mark.models


def _extract(nlp, text, published="2026-11-13T09:00:00"):
    article = Article(id="a1", source="t.txt", text=text, format="text", published=published)
    return extract_article(article, nlp(text), parse_iso(published))


def _speakers(nlp, text, published="2026-11-13T09:00:00"):
    return [e.speaker for e in _extract(nlp, text, published).extractions if e.kind == "quote"]


def test_a_dash_after_the_quote_signs_it(nlp):
    text = (
        "Readers wrote in after the flood.\n\n"
        "\u201cThe river took our whole street and nobody came for two days.\u201d \u2015 Marisol Quintana\n"
        "\u201cWe need the levee fixed before the spring rains come back.\u201d\u2015 Derek Ashworth.\n"
    )
    assert _speakers(nlp, text) == ["Marisol Quintana", "Derek Ashworth"]


def test_a_signature_gives_the_whole_name_on_its_line(nlp):
    # readers' names the parser does not know: it split them, or did not read them as names
    text = (
        "We asked readers what the closure means to them.\n\n"
        "\u201cThe ferry was the only way my mother could reach the clinic.\u201d \u2015 Tamsin N Ruiz Okonkwo\n"
        "\u201cNobody asked the island before the vote.\u201d \u2015 Marisa de la Vega, Port Merrow\n"
        "\u201cIt is a shame and a scandal.\u201d \u2015 just as the mayor warned last year.\n"
    )
    signed = [(e.speaker_as_written, e.speaker) for e in _extract(nlp, text).extractions if e.kind == "quote"]
    assert signed[:2] == [("Tamsin N Ruiz Okonkwo", "Tamsin N Ruiz Okonkwo"), ("Marisa de la Vega", "Marisa de la Vega")]
    assert all(written != "just as the mayor warned last year" for written, _ in signed)


def test_a_sentence_ending_in_a_colon_introduces_the_quote(nlp):
    text = (
        "Fire Chief Dana Whitlock spoke at length about the budget.\n\n"
        "Whitlock continued:\n\n"
        '"The harbour fund has been empty for three years and the piers are falling into the sea."'
    )
    assert _speakers(nlp, text) == ["Dana Whitlock"]


def test_a_participle_takes_the_subject_of_its_verb(nlp):
    text = (
        "At the harbour on Tuesday, Dana Whitlock criticised the council for its delays, "
        'saying, "The piers will not survive another winter like the last one."'
    )
    assert _speakers(nlp, text) == ["Dana Whitlock"]


@pytest.mark.parametrize(
    "text",
    [
        # the parse hangs the name from the date as its appositive and leaves 'said' no subject
        'The ferry company denied the report. In a call with reporters on Dec. 2, Col. Harold P. Wexley, '
        'a spokesman in Kabul, said, "A convoy is a target."',
        "The ferry company denied the report. But in a briefing with reporters on Jan. 4, Col. Harold P. Wexley, "
        "a military spokesman in Kabul, said, ''A convoy is a target. There is no way to hide it.''",
    ],
)
def test_a_name_with_an_appositive_the_parse_hung_elsewhere_is_the_subject(nlp, text):
    assert _speakers(nlp, text) == ["Harold Wexley"]


@pytest.mark.parametrize(
    "text",
    [
        # the parse reads 'Renner ... endorsed Ada Brennan' as what was said: 'said' has no subject
        '"The harbour needs one or two big ideas," said Tobias Renner, who served as harbour master '
        "during the Brennan years yet endorsed Ada Brennan in the primary.",
        "''The harbour needs one or two big ideas that are proportionate to the problems we face,'' said "
        "Tobias Renner, who served as harbour master during the Brennan years yet endorsed Ada Brennan in the primary.",
    ],
)
def test_a_name_after_an_inverted_verb_that_the_parse_made_a_clauses_subject_is_the_speaker(nlp, text):
    (quote,) = [e for e in _extract(nlp, text).extractions if e.kind == "quote"]
    assert quote.speaker == "Tobias Renner"
    assert quote.speaker_as_written == "Tobias Renner, who served as harbour master during the Brennan years"


def test_a_name_after_an_inverted_verb_that_the_parse_made_its_object_is_the_speaker(nlp):
    # after a paragraph, the parse reads 'recalled Mr. Whitlock' as who was recalled
    text = (
        "The talks went on.\n\n"
        '"Several of us were arguing we have to wait for the moment," recalled Mr. Whitlock.'
    )
    (quote,) = [e for e in _extract(nlp, text).extractions if e.kind == "quote"]
    assert (quote.speaker, quote.speaker_as_written) == ("Whitlock", "Mr. Whitlock")


def test_a_name_in_apposition_to_the_object_is_not_a_participles_subject(nlp):
    text = (
        "Councillor Ada Brennan went on the radio to discuss her remarks about her rival, Tobias Renner, "
        'saying "on his worst day" he would be "a better mayor" than the others.'
    )
    assert _speakers(nlp, text) == ["Ada Brennan"]


def test_a_relative_pronoun_speaks_for_the_person_it_attaches_to(nlp):
    text = (
        "The crowd included the mayor, Tobias Renner, and the baker Gus Tamura, who joked of the new square, "
        '"I have not seen it yet, but I am going to."'
    )
    assert _speakers(nlp, text) == ["Gus Tamura"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # the parse hangs the clause from the first name of the list
            "The ceremony featured celebrities like Oprah Winfrey, Will Smith, Robert DeNiro, Patti LaBelle and "
            "Stevie Wonder, who joked of the museum, ''I haven't seen it yet, but I'm going to.''",
            "Stevie Wonder",
        ),
        (  # from the description set off after the name
            "Obama has had a frosty relationship with McConnell, now the Senate majority leader, who in 2010 said "
            'the GOP\'s most important goal was to make Obama a "one-term president."',
            "McConnell",
        ),
        (  # from no relative clause at all
            "To solve this quandary, they turned to the Chicago Police Department which reported "
            "\u201c2,521 shooting incidents\u201d in the city between January 1 and September 18.",
            "Chicago Police Department",
        ),
    ],
)
def test_a_relative_pronoun_speaks_for_the_noun_right_before_it(nlp, text, speaker):
    assert _speakers(nlp, text) == [speaker]


def test_a_pronoun_continues_a_subject_named_after_the_last_speaker(nlp):
    text = (
        '"We will rebuild the pier by summer," Mayor Tobias Renner said on Monday.\n\n'
        "Later in the week, Gus Tamura made it clear that he had doubts about the plan.\n\n"
        '"Nobody has shown me the money for it yet," he told reporters.'
    )
    assert _speakers(nlp, text) == ["Tobias Renner", "Gus Tamura"]


def test_a_different_first_name_is_a_different_person_of_that_surname(nlp):
    text = (
        '"The harbour will reopen in May," Mr. Gerald Okafor said on Monday.\n\n'
        "In a letter to the paper, Grace Okafor disputed her father's account.\n\n"
        '"The harbour cannot reopen before the dredging is done," she wrote.'
    )
    assert _speakers(nlp, text) == ["Gerald Okafor", "Grace Okafor"]


def test_it_continues_the_organisation_that_spoke_before(nlp):
    text = (
        '"The council has failed the harbour for a decade," the editorial board wrote on Sunday. '
        '"Its members should resign before the spring session," it added.'
    )
    assert _speakers(nlp, text)[-1] == "the editorial board"


def test_a_dateline_is_not_part_of_the_speakers_name(nlp):
    text = (
        "PORT MERROW -- Mayor Renner, opening the new pier on Saturday, said it would "
        '"serve the town for a hundred years, through storms and good summers alike."'
    )
    assert _speakers(nlp, text) == ["Renner"]


def test_a_name_before_a_preposition_is_not_the_subject_of_a_participle(nlp):
    text = (
        '"Keep your hands where we can see them," Dana Whitlock sings to Tobias Renner before asking him, '
        '"Where do we go from here, after all these years?"'
    )
    assert _speakers(nlp, text)[-1] == "Dana Whitlock"


def test_a_known_surname_is_a_subject_where_the_entity_is_missed(nlp):
    text = (
        "Mayor Tobias Renner opened the meeting on Monday.\n\n"
        '"The money is there," said Mr. Gus Tamura, the treasurer.\n\n'
        "After the vote, Renner made it clear he had doubts about the timetable.\n\n"
        '"Summer is optimistic, and everybody in the council knows it," he told reporters.'
    )
    assert _speakers(nlp, text)[-1] == "Tobias Renner"


def test_a_verb_that_judges_in_the_speakers_words_attributes_the_quote(nlp):
    text = (
        "Fire Chief Dana Whitlock spoke after the meeting. She characterized the council's plan as "
        '"a little desperate, rushed through without a single engineer in the room."'
    )
    assert _speakers(nlp, text) == ["Dana Whitlock"]


def test_a_quote_right_after_a_reported_statement_continues_its_speaker(nlp):
    text = (
        "Mayor Tobias Renner opened the meeting. The pier may not reopen before the autumn, Renner said. "
        '"The other problem is the money, which the council has still not found for the dredging."'
    )
    assert _speakers(nlp, text) == ["Tobias Renner"]


def test_as_someone_put_it_attributes_the_quote(nlp):
    text = (
        "As Fire Chief Dana Whitlock put it on Monday, the harbour is "
        '"one bad storm away from losing every boat it still has."'
    )
    assert _speakers(nlp, text) == ["Dana Whitlock"]


def test_a_sentence_that_only_holds_the_opening_mark_does_not_attribute_the_quote(nlp):
    # the parser ends the first sentence after the next quote's '' mark; its 'said' is
    # not the quote's attribution, the 'he said' inside the quote's own sentence is
    text = (
        "Like other owners who expect a recovery, Mr. Brandt said he was adding a new dock and a fuel station. "
        "''Without these changes, the marina would be in serious trouble,'' he said of the harbor. "
        "''This is an absolute necessity.''"
    )
    article = Article(id="a1", source="t.txt", text=text, format="text", published="2026-11-13T09:00:00")
    result = extract_article(article, nlp(text), parse_iso(article.published))
    (quote,) = [e for e in result.extractions if e.kind == "quote"]
    assert quote.speaker_as_written == "he" and len(quote.parts) == 2


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a verb before the colon that opens the quote, whatever the verb
        ("Councillor Maria Okafor spoke after the vote. And Mr. Renner gloated: \u201cI told you the harbor plan would pass.\u201d", "Renner"),
        # 'pointed out'
        ("Tobias Renner runs the port. \u201cThe harbor has not made money for years,\u201d Mr. Renner pointed out.", "Tobias Renner"),
        # a long sentence after the quote whose speech verb reports nothing of its own
        (
            "\u201cIt looks like we will not have a very good relationship with the council, who knows?\u201d "
            "Okafor told the Port Merrow Gazette in an interview printed on Monday when asked how ties would fare.",
            "Okafor",
        ),
    ],
)
def test_attributions_beyond_speech_verbs_in_the_quote_sentence(nlp, text, speaker):
    assert _speakers(nlp, text) == [speaker]


def test_a_cue_verb_whose_clause_holds_the_quote_attributes_it(nlp):
    text = "The Port Merrow Gazette checked the figures. Then Okafor ruled that the mayor\u2019s claim was \u201centirely true\u201d after all."
    assert _speakers(nlp, text) == ["Okafor"]


def test_a_paragraph_that_reports_nothing_introduces_whom_the_pronoun_stands_for(nlp):
    text = (
        '"We will rebuild the pier by summer," Daniel Brooks said on Monday.\n\n'
        "The plan has not reached the boatyards, which is something that worries Gus Tamura, "
        "who has moored at the harbour for thirty years.\n\n"
        '"Nobody has shown me the money for it yet," he said.'
    )
    assert _speakers(nlp, text) == ["Daniel Brooks", "Gus Tamura"]


def test_a_description_as_subject_keeps_the_pronoun_with_the_speaker(nlp):
    text = (
        '"We will rebuild the pier by summer," Daniel Brooks said on Monday.\n\n'
        "The new harbour mayor inherited the debts of his predecessor, Gus Tamura.\n\n"
        '"The piers were rotten long before the storm," he said.'
    )
    assert _speakers(nlp, text) == ["Daniel Brooks", "Daniel Brooks"]


def test_the_articles_own_pronouns_tell_a_persons_sex(nlp):
    # 'Hillary' is in a man's list and a woman's list of the census names: only the
    # article says that Hillary Okafor is a 'she', so 'he' is not her
    text = (
        "Hillary Okafor said her plan for the harbour was ready. Hillary Okafor said she would publish it on Friday.\n\n"
        '"The plan will not survive the winter," Daniel Brooks said.\n\n'
        "Hillary Okafor disagreed with the council about it.\n\n"
        '"The council has never read it," he said.'
    )
    assert _speakers(nlp, text)[-1] == "Daniel Brooks"


def test_a_first_name_named_alone_tells_the_persons_sex(nlp):
    # a feature names its subject by first name only: 'Melanie' is no surname, so the
    # census lists say she is no 'he'
    text = (
        "Trump went on about the rigged system and our own struggling citizens.\n\n"
        '"We will win again," Trump said.\n\n'
        "Melanie watched from the couch, nodding along until the last words of the speech.\n\n"
        '"I love you," he said.'
    )
    assert _speakers(nlp, text)[-1] == "Trump"


def test_spokesman_beside_a_name_does_not_make_her_a_he(nlp):
    # outlets write 'spokesman' for women too; 'Hope' is in both census lists
    text = (
        "Marisol Quintana said the group had been set up by volunteers in Ohio.\n\n"
        '"We raise no money for anyone," she said.\n\n'
        "Trump spokesman Hope Hicks confirmed that the group was created independently from the campaign. "
        '"They are not affiliated with the campaign," she said.'
    )
    assert _speakers(nlp, text)[-1] == "Hope Hicks"


def test_the_verb_a_colon_ends_introduces_the_quote(nlp):
    text = "At the harbour on Friday, Daniel Brooks turned to the fishermen again: \u201cThe pier will be ready before the summer season.\u201d"
    assert _speakers(nlp, text) == ["Daniel Brooks"]


def test_a_speech_verb_before_the_name_and_a_colon_introduces_the_quote(nlp):
    text = (
        "Gus Tamura has run the harbour cafe for thirty years.\n\n"
        "Stated Tamura:\n\n"
        "\u201cNobody has shown me the money for the new pier, and nobody will before the vote.\u201d\n\n"
        "Continued Tamura: \u201cThe council should stop promising what it cannot pay for.\u201d"
    )
    assert _speakers(nlp, text) == ["Gus Tamura", "Gus Tamura"]


@pytest.mark.parametrize("verb", ["barked", "snapped", "yelled", "repeated"])
def test_verbs_of_manner_attribute_a_short_quote(nlp, verb):
    text = f"\u201cGo back to your boats!\u201d Daniel Brooks {verb} at the fishermen on the pier."
    assert _speakers(nlp, text) == ["Daniel Brooks"]


def test_a_cracked_joke_and_thanks_attribute_the_quote(nlp):
    text = "At the debate on Monday, Ada Brennan cracked, \u201cI am a planner, but a planner who gets the pier built.\u201d"
    assert _speakers(nlp, text) == ["Ada Brennan"]
    text = "Gus Tamura thanked the council for \u201cstepping in when the harbour board would not.\u201d"
    assert _speakers(nlp, text) == ["Gus Tamura"]


@pytest.mark.parametrize("verb", ["groused", "bemoaned"])
def test_a_complaint_attributes_the_quote_in_its_clause(nlp, verb):
    text = f"On Monday, Gus Tamura {verb} to a crowd at the pier that the council \u201cdoes not treat the harbour properly.\u201d"
    assert _speakers(nlp, text) == ["Gus Tamura"]


def test_a_name_label_before_the_colon_gives_the_speaker_of_a_newsletter_quote(nlp):
    text = (
        "Harbour polls agree on one thing.\n\n"
        "Pollsters agree - Carl Bialik: \u201cThe harbour vote is closer than the council thinks, and the polls show it.\u201d\n\n"
        "More from Bialik: \u201cTurnout in the old town will decide it.\u201d\n\n"
        "A second view - Dana Whitlock and Gus Tamura: \u201cNobody has polled the fishing families yet.\u201d"
    )
    assert _speakers(nlp, text) == ["Carl Bialik", "Carl Bialik", "Dana Whitlock and Gus Tamura"]


def test_a_headline_label_keeps_the_speakers_name_without_the_title(nlp):
    text = "Dr. Ada Brennan: Gus Tamura \u2018Not Fit To Serve As Mayor\u2019.\n\nThe councillor said so on Monday."
    assert _speakers(nlp, text) == ["Ada Brennan"]


@pytest.mark.parametrize("verb", ["shot back", "fired back"])
def test_a_phrasal_speech_verb_attributes_the_quote(nlp, verb):
    text = (
        "\u201cLook at all these boat owners here,\u201d Dana Whitlock said, looking over at Tamura.\n\n"
        f"\u201cThey are all here because the council promised them a new pier,\u201d Gus Tamura {verb} with a laugh."
    )
    assert _speakers(nlp, text) == ["Dana Whitlock", "Gus Tamura"]


def test_a_bare_surname_is_the_person_of_that_surname_named_most(nlp):
    # 'Margaret Okafor' is the longer name, but the article is about her father, and the
    # bare 'Okafor' (and with it the 'he' that continues it) is him
    text = (
        "Margaret Okafor opened the harbour meeting on Monday and handed the floor to her father.\n\n"
        "Gerald Okafor has fished from the port for forty years. Gerald Okafor now chairs the boat owners' association.\n\n"
        "Mayor Tobias Renner presented his plan for the pier on Friday.\n\n"
        "On Monday, Okafor criticised the plan.\n\n"
        '"The council has never set foot on a trawler," he said.'
    )
    assert _speakers(nlp, text) == ["Gerald Okafor"]


def test_a_known_surname_the_parse_missed_as_a_person_is_what_the_pronoun_continues(nlp):
    # spaCy reads the bare 'Tamura' as an organisation; the article names Gus Tamura, so
    # the subject 'Tamura' is him, and later than Tobias Renner
    text = (
        "The council said the pier would cost four million pounds.\n\n"
        "Gus Tamura runs the harbour cafe. Tobias Renner wants the pier rebuilt. "
        'At the meeting with Tobias Renner on Monday, Tamura fought back. "Nobody has shown me the money for it," he said.'
    )
    assert _speakers(nlp, text) == ["Gus Tamura"]


def test_a_sentences_own_subject_goes_before_a_subject_inside_a_clause(nlp):
    # Renner is the subject of 'will find' inside what Tamura doubts; 'he' continues Tamura
    text = (
        "The council said the pier would cost four million pounds.\n\n"
        "Gus Tamura has run the harbour cafe for thirty years, and he doubts that Tobias Renner will find the money. "
        '"Nobody has shown me the money for the pier," he said.'
    )
    assert _speakers(nlp, text) == ["Gus Tamura"]


def test_a_compound_surname_named_shorter_counts_for_the_full_name(nlp):
    # 'Guadalupe Ferreira Costa' named twice by his compound surname alone: that is still him,
    # so the canonical name stays the full one, not the shorter form the article uses more
    text = (
        "Economy minister Guadalupe Ferreira Costa flew to Brussels on Monday.\n\n"
        "Ferreira Costa met the trade commissioner for two hours. Ferreira Costa left without a statement.\n\n"
        '"We are close to a text both sides can sign," Costa said later.'
    )
    assert _speakers(nlp, text) == ["Guadalupe Ferreira Costa"]


_OKAFOR_QUOTE = '"We have waited long enough for the council to act," said Jane Okafor, the author of '


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (_OKAFOR_QUOTE + '"Seven Quiet Rivers," a memoir of the port.', "We have waited long enough for the council to act"),
        (
            _OKAFOR_QUOTE + '"Seven Quiet Rivers." "Nobody listens to the boat owners any more."',
            "We have waited long enough for the council to act … Nobody listens to the boat owners any more.",
        ),
    ],
)
def test_a_title_inside_the_attribution_is_no_part_of_the_quote(nlp, text, quote):
    text = "The harbour council met on Monday.\n\n" + text
    article = Article(id="a1", source="t.txt", text=text, format="text", published="2026-11-13T09:00:00")
    result = extract_article(article, nlp(text), parse_iso("2026-11-13T09:00:00"))
    quotes = [(e.quote, e.speaker) for e in result.extractions if e.kind == "quote"]
    assert quotes == [(quote, "Jane Okafor")]


def test_a_nickname_quoted_before_a_full_name_does_not_become_the_persons_name(nlp):
    """'Crooked Hillary Clinton' inside a quote is 'Hillary Clinton' with a word before
    it, not a fuller name for her: a name that opens with a first name is not the tail
    of a compound surname."""
    from newsprism.people import People

    text = (
        "Trump mocks debate\n\nDonald Trump spoke to supporters in Michigan on Friday. Hillary Clinton was campaigning in Florida.\n\n"
        "Trump said the microphone had been faulty. He says, \u201cWorking that microphone was a lot more difficult than working Crooked Hillary Clinton.\u201d\n\n"
        "Hillary Clinton told reporters she was not worried."
    )
    assert People.of(nlp(text)).names["clinton"] == "Hillary Clinton"


def test_whoever_issues_a_statement_saying_something_says_it(nlp):
    """'issued a statement saying "..."': the speech verb hangs from the statement, and
    the statement from the verb whose subject issued it."""
    text = (
        "Harbour board splits over dredging\n\n"
        "On Saturday, Ada Brennan issued a statement saying \u201cthe board cannot wait another season for the east channel.\u201d"
    )
    assert _speakers(nlp, text) == ["Ada Brennan"]
