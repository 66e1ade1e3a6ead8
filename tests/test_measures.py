"""Quantities and dates read from whole sentences (spaCy entities + measures.py), on text
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.claims import extract_article
from newsprism.models import Article

FRIDAY = date(2026, 11, 13)


def _run(nlp, text: str) -> list:
    article = Article(id="a", source="t.txt", text=text, format="text", published=FRIDAY.isoformat())
    return extract_article(article, nlp(text), FRIDAY).extractions


def quantities(nlp, text: str) -> list[tuple[str, float, str | None, bool]]:
    return [(e.focus.text, e.quantity.number, e.quantity.unit, e.quantity.approximate) for e in _run(nlp, text) if e.kind == "quantity"]


def dates(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(e.focus.text, e.date.date, e.date.granularity) for e in _run(nlp, text) if e.kind == "date"]


def test_a_bound_word_stays_outside_the_span_and_marks_the_number_approximate(nlp):
    got = quantities(nlp, "The council said about 1,200 residents were evacuated from the valley.")
    assert got == [("1,200", 1200, None, True)]


def test_the_dollar_sign_and_the_unit_word_belong_to_the_span(nlp):
    got = quantities(nlp, "The port authority spent $640,000 on dredging and raised fees by 12 percentage points.")
    assert ("$640,000", 640000, "$", False) in got
    assert ("12 percentage points", 12, "percentage point", False) in got


def test_numbers_inside_quotation_marks_are_quantities_too(nlp):
    got = quantities(nlp, '"We lost 14 fire engines in one night," the chief told reporters.')
    assert ("14", 14, None, False) in got


def test_a_range_is_one_quantity_a_side_with_the_shared_unit(nlp):
    got = quantities(nlp, "The repairs will take three to four weeks, the ministry said.")
    assert [(t, n, u) for t, n, u, _ in got] == [("three", 3, "week"), ("four weeks", 4, "week")]


def test_durations_and_ages_are_quantities_not_dates(nlp):
    text = "Mayor Lena Ortiz, 58, signed a five-year contract with the 43-year-old engineer."
    got = quantities(nlp, text)
    assert ("58", 58, "year", False) in got
    assert ("five-year", 5, "year", False) in got
    assert ("43-year-old", 43, "year", False) in got
    assert dates(nlp, text) == []


def test_one_as_a_determiner_or_pronoun_is_no_count(nlp):
    text = "One resident said the flood was one of the worst in memory, and one official agreed."
    assert quantities(nlp, text) == []


def test_only_one_counts(nlp):
    assert [q[:2] for q in quantities(nlp, "Only one bridge reopened after the storm.")] == [("one", 1)]


def test_a_place_in_a_contest_is_a_rank(nlp):
    got = quantities(nlp, "The mayor's party took a distant second-place finish in the regional vote.")
    assert ("second-place", 2, "rank", False) in got


def test_week_spans_and_decades_are_skipped(nlp):
    assert dates(nlp, "The council met last week to discuss the housing plans of the 1990s.") == []


def test_years_ago_and_this_year_resolve_to_years(nlp):
    got = dates(nlp, "The bridge opened three years ago and was repaired earlier this year.")
    assert ("three years ago", "2023-01-01", "year") in got
    assert ("earlier this year", "2026-01-01", "year") in got


def test_a_day_range_is_two_dates(nlp):
    got = dates(nlp, "The summit ran on March 17-18 in the capital.")
    assert [(t, d) for t, d, _ in got] == [("March 17", "2026-03-17"), ("18", "2026-03-18")]


def test_a_scheduled_event_takes_the_next_such_day(nlp):
    got = dates(nlp, "The next council vote is scheduled for Dec. 15.")
    assert [(t, d) for t, d, _ in got] == [("Dec. 15", "2026-12-15")]


def test_a_weekday_split_from_its_part_of_day_is_put_back(nlp):
    got = dates(nlp, "Firefighters reached the warehouse on Thursday night.")
    assert got == [("Thursday night", "2026-11-12", "part_of_day")]


@pytest.mark.parametrize("text", ["She spoke in the morning and left in the afternoon.", "Every December the town holds a fair."])
def test_a_part_of_day_alone_or_a_recurring_month_is_no_date(nlp, text):
    assert dates(nlp, text) == []


# --- numbers the small model leaves untagged (numberspans.py) and number phrases read whole


def test_numbers_spacy_leaves_untagged_are_still_read(nlp):
    text = "The ferry's share rose from 40 percent on July 14 to 42 percent after more than 1 million riders paid."
    got = quantities(nlp, text)
    assert ("42 percent", 42, "%", False) in got
    assert ("1 million", 1e6, None, True) in got


def test_a_plain_year_outside_any_entity_is_a_date(nlp):
    got = dates(nlp, "The harbor was run by the port board from 1991 to 2007, under the 1967 Harbor Protocol.")
    assert {(t, d) for t, d, _ in got} >= {("1991", "1991-01-01"), ("2007", "2007-01-01"), ("1967", "1967-01-01")}


@pytest.mark.parametrize(
    "text",
    [
        "Section 1001 can be applied to the ferry contract, the lawyers said.",
        "The class, called Seamanship 301, was cancelled.",
        "The harbor is enemy No. 1 for the fishermen.",
        "The islanders felt half-frozen on the pier, and a 911 caller reported it.",
        "Residents oppose one-sided deals and want a third-party review.",
        "The old five-and-dime on the pier closed.",
        "The ferry has run without a break from Day 1.",
    ],
)
def test_names_codes_and_idioms_are_no_counts(nlp, text):
    assert quantities(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The club hired a couple dozen stewards for the regatta.", ("a couple dozen", 24, None, True)),
        ("A dozen trawlers were tied up at the pier.", ("A dozen", 12, None, False)),
        ("In the harbor towns one in five households owns a boat.", ("one in five", 0.2, "fraction", False)),
        ("Islanders backed the bridge by a margin of 4 to 1.", ("4 to 1", 4, "ratio", False)),
        ("The port spends half of 1 percent of its budget on audits.", ("half of 1 percent", 0.5, "%", False)),
        ("Ferry traffic fell by a third after the storm.", ("a third", 1 / 3, "fraction", False)),
        ("Ferry traffic grew threefold after the bridge closed.", ("threefold", 3, "times", False)),
        ("The captain was fined and given five months' probation.", ("five months'", 5, "month", False)),
    ],
)
def test_number_phrases_read_whole(nlp, text, expected):
    got = quantities(nlp, text)
    assert expected in got
    assert len(got) == 1  # 'half of 1 percent' is not read again as '1 percent'


def test_an_age_phrase_is_an_age_for_each_number(nlp):
    got = quantities(nlp, "The captain retired at the age of 92; the crews are ages 25 to 40.")
    assert [(t, n, u) for t, n, u, _ in got] == [("92", 92, "year"), ("25", 25, "year"), ("40", 40, "year")]


@pytest.mark.parametrize(
    ("text", "word", "rank"),
    [("The port is second only to Rotterdam in tonnage.", "second", 2), ("Second on the list was the harbor master.", "Second", 2)],
)
def test_a_place_on_a_list_is_a_rank(nlp, text, word, rank):
    assert (word, rank, "rank", False) in quantities(nlp, text)


# --- dates: holidays, anchored and relative phrases, direction


def test_holidays_are_dates_of_the_occurrence_the_tense_points_to(nlp):
    got = dates(nlp, "The strike began on Labor Day and the harbor closed on New Year's Eve.")
    assert ("Labor Day", "2026-09-07", "day") in got
    assert ("New Year's Eve", "2025-12-31", "day") in got


def test_slash_dates_are_dates_not_numbers(nlp):
    text = "The 9/11 attacks changed the port; the permit was dated 9/17/16."
    assert {(t, d) for t, d, _ in dates(nlp, text)} == {("9/11", "2001-09-11"), ("9/17/16", "2016-09-17")}
    assert quantities(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry law passed in 2010 and the very next year it was repealed; a year prior it had failed.",
         [("the very next year", "2011-01-01", "year"), ("a year prior", "2009-01-01", "year")]),
        ("The captain first sailed in 1976, when he joined that year's regatta.", [("that year", "1976-01-01", "year")]),
        ("The ferry sank in March, a month later the inquiry opened, and that month the captain quit.",
         [("a month later", "2026-04-01", "month"), ("that month", "2026-04-01", "month")]),
        # the date before it may be in an earlier sentence of the paragraph
        ("The council approved the dredging plan on Tuesday. It had debated the proposal the previous day.",
         [("Tuesday", "2026-11-10", "day"), ("the previous day", "2026-11-09", "day")]),
    ],
)
def test_a_date_told_by_the_date_before_it(nlp, text, expected):
    got = dates(nlp, text)
    assert all(e in got for e in expected), got


def test_the_relative_dates_the_claims_issue_lists_resolve_against_the_publication_day(nlp):
    # published Friday 13 November 2026
    got = [
        (e.focus.text, e.date.date, e.date.granularity, e.date.part_of_day, e.date.event)
        for e in _run(nlp, "The ship sank late Friday. The inquiry opened last month. In 2019, the harbour closed.")
        if e.kind == "date"
    ]
    assert got == [
        ("late Friday", "2026-11-13", "part_of_day", "late", "ship sink"),
        ("last month", "2026-10-01", "month", None, "inquiry open"),
        ("2019", "2019-01-01", "year", None, "harbour close"),
    ]


def offsets(nlp, text: str) -> list[tuple[str, str, str, str | None, str | None]]:
    return [
        (e.focus.text, e.date.date, e.date.granularity, e.date.anchor, e.date.offset)
        for e in _run(nlp, text) if e.kind == "date" and e.date.anchor
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a vague offset keeps the date of the event it counts from, and says how far
        ("Okafor was elected in March 2024. Weeks after her election, she introduced the CLEAR Act.",
         [("Weeks after her election", "2024-03-01", "month", "her election", "weeks after")]),
        # an exact one is counted from that date; the date inside the phrase is not a second date
        ("Three weeks after the March 3 vote, the council reversed course.",
         [("Three weeks after the March 3 vote", "2026-03-24", "day", "the March 3 vote", None)]),
        # the event noun is made from the verb that the article dated ('sank' -> 'the sinking')
        ("The ferry sank on Tuesday. Two days after the sinking, divers found the wreck.",
         [("Two days after the sinking", "2026-11-12", "day", "the sinking", None)]),
        ("Renner was appointed in 2019. A year after his appointment, he quit.",
         [("A year after his appointment", "2020-01-01", "year", "his appointment", None)]),
        # nothing dates the event, 'the next election' is another one, a clause is no event noun
        ("Weeks after her election, Okafor introduced the CLEAR Act.", []),
        ("She was elected in 2022 and resigned weeks before the next election.", []),
        ("The mayor resigned a few weeks after the scandal broke.", []),
        ("The council voted on Tuesday. Members usually lobby a few days before a vote.", []),
        # a range of offsets is no date
        ("The striker had surgery on Monday. He will be out six to eight months after the surgery.", []),
        # the date beside the offset is the offset's own, not the attack's
        ("In an email dated Feb. 12, 2012 - seven months before the attack - the envoy asked for guards.", []),
    ],
)
def test_a_date_told_as_an_offset_from_an_event_the_article_dates(nlp, text, expected):
    assert offsets(nlp, text) == expected


def test_a_date_inside_an_offset_phrase_is_not_a_date_of_its_own(nlp):
    got = dates(nlp, "Three weeks after the March 3 vote, the council reversed course.")
    assert got == [("Three weeks after the March 3 vote", "2026-03-24", "day")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor resigned the day after Monday's vote.", ("the day after Monday", "2026-11-10", "day")),
        ("The dredging will finish by the end of the year.", ("the end of the year", "2026-01-01", "year")),
        ("The harbor master left in mid-September.", ("mid-September", "2026-09-01", "month")),
        ("The council voted on Nov. 3, two days before the deadline.", ("Nov. 3", "2026-11-03", "day")),
        ("The port reported record traffic in the third quarter of 2025.", ("2025", "2025-01-01", "year")),
    ],
)
def test_relative_and_partial_date_phrases(nlp, text, expected):
    assert expected in dates(nlp, text)


def test_a_clock_time_is_a_time_unless_it_is_a_routine(nlp):
    assert dates(nlp, "The ferry sank at 7 p.m. near the pier.") == [("7 p.m.", "2026-11-13", "time")]
    assert dates(nlp, "The ferry runs weekdays from 6:00 a.m. to 9:00 a.m. along the coast.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'since' looks back whatever the main verb's tense
        ("The mayor will speak after a run of wins since their Oct. 13 debate.", ("Oct. 13", "2026-10-13", "day")),
        # an intent verb and a modal look ahead
        ("The union aims to spend $9 million before the November elections.", ("November", "2027-11-01", "month")),
        ("The party could lose the port if the mayor is on the ticket in October.", ("October", "2027-10-01", "month")),
        # a present-tense event with a weekday is scheduled
        ("On Saturday, the harbor towns hold their caucuses with 42 delegates at stake.", ("Saturday", "2026-11-14", "day")),
        # a date that modifies a noun does not take the verb's present tense
        ("A Nov. 2 letter from the port warns that the pier will close.", ("Nov. 2", "2026-11-02", "day")),
    ],
)
def test_the_tense_around_a_date_picks_the_occurrence(nlp, text, expected):
    assert expected in dates(nlp, text)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("The coast guard saw one person on the burning ferry.", True),
        ("The board pardoned the one captain whose license was revoked.", True),
        ("The jury chose three other skippers and one crew.", True),
        ("Some skippers say they will do one thing and then do another.", False),
        ("One skipper said the pier was unsafe.", False),
    ],
)
def test_one_counts_an_object_or_the_only_one_not_a_subject(nlp, text, counted):
    assert (("one", 1, None, False) in [(t.lower(), n, u, a) for t, n, u, a in quantities(nlp, text)]) is counted


def test_a_hyphenated_range_is_one_number_a_side(nlp):
    got = quantities(nlp, "The port found between 600-700 damaged containers on the pier.")
    assert [(t, n) for t, n, _, _ in got] == [("600", 600), ("700", 700)]


def test_two_numbers_joined_by_or_are_both_approximate(nlp):
    got = quantities(nlp, "The storm closed two or three harbors along the coast.")
    assert [(t, n, a) for t, n, _, a in got] == [("two", 2, True), ("three", 3, True)]


def test_a_height_in_feet_and_inches_is_inches(nlp):
    assert ('6\'3"', 75, "inch", False) in quantities(nlp, 'The captain, who is 6\'3", towered over the crew.')


def test_a_weekday_with_a_month_day_picks_the_year_where_they_agree(nlp):
    got = dates(nlp, "The union will strike on Tuesday, Nov. 17, the captain said.")
    assert ("Tuesday, Nov. 17", "2026-11-17", "day") in got


@pytest.mark.parametrize(
    "text",
    [
        "Two captains stand in front of the flooded pier on Wednesday.",  # a caption's present is the moment shown
        "Aside from Wednesday night, the captain appears calm.",
    ],
)
def test_a_present_state_with_a_weekday_is_not_ahead(nlp, text):
    assert [d for _, d, _ in dates(nlp, text)] == ["2026-11-11"]


def test_the_year_alone_is_no_date(nlp):
    assert dates(nlp, "For much of the year, the ferry ran late.") == []


def test_a_year_later_is_the_year_after_the_one_before_it(nlp):
    got = dates(nlp, "The ferry law passed in 2010, and a year later the council repealed it.")
    assert ("a year later", "2011-01-01", "year") in got


def test_a_clock_time_told_in_the_past_by_an_earlier_report_is_the_night_before(nlp):
    text = "The first alarm came in at about 11:40 p.m., the fire department said."
    morning = Article(id="a", source="t.txt", text=text, format="text", published="2026-11-13T07:05:00")
    (found,) = [e.date for e in extract_article(morning, nlp(text), FRIDAY).extractions if e.kind == "date"]
    assert (found.date, found.granularity, found.event) == ("2026-11-12", "time", "alarm come in")
    assert dates(nlp, text) == [("about 11:40 p.m.", "2026-11-13", "time")]  # published with no hour: left alone


def test_a_particle_the_parser_hangs_elsewhere_stays_with_its_verb(nlp):
    text = "Hundreds were evacuated after a fire broke out there late Thursday, officials said."
    (found,) = [e.date for e in _run(nlp, text) if e.kind == "date"]
    assert found.event == "fire break out"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speech day stated in the quote's sentence
        ('The mayor said on Thursday he "signed the harbor order today."', ("today", "2026-11-12", "day")),
        # ... or in the sentence before the quote
        ('The harbor master said on Wednesday that repairs had begun. "We closed the pier tonight," he added.',
         ("tonight", "2026-11-11", "part_of_day")),
        ('In an email sent on Tuesday night, the union wrote: "Our members voted yesterday."',
         ("yesterday", "2026-11-09", "day")),
    ],
)
def test_a_relative_day_in_a_quote_is_told_from_the_day_it_was_said(nlp, text, expected):
    assert expected in dates(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We reopen the pier today," the mayor said.', ("today", "2026-11-13", "day")),
        # the day before names an event, not the statement: the quote is the publication day's
        ('The pier closed on Wednesday. "We reopen it today," the mayor said.', ("today", "2026-11-13", "day")),
    ],
)
def test_a_relative_day_in_a_quote_with_no_speech_day_is_the_publication_day(nlp, text, expected):
    assert expected in dates(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry sank on Wednesday off the cape. Rescuers reached the wreck at 11:30 p.m.", ("11:30 p.m.", "2026-11-11", "time")),
        # after a night, the small hours are the next calendar day
        ("The council meeting ran late Wednesday night. The vote came at 1:15 a.m.", ("1:15 a.m.", "2026-11-12", "time")),
        # a statement made on the publication day is the telling, not the event
        ("The ferry sank on Wednesday. The minister said early Friday that divers arrived at 10 p.m.", ("10 p.m.", "2026-11-11", "time")),
        # a day ahead of publication is an aside
        ("The ferry sank on Wednesday. The inquiry will open on Nov. 20. Divers arrived at 10 p.m.", ("10 p.m.", "2026-11-11", "time")),
    ],
)
def test_a_bare_clock_time_is_on_the_day_of_the_event_told(nlp, text, expected):
    assert expected in dates(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a live blog's header line is the publication day's
        ("The ferry sank on Wednesday.\n\n7 p.m.\n\nRescuers are still searching the cape.", ("7 p.m.", "2026-11-13", "time")),
        # the latest day named is the publication day
        ("The ferry sank on Wednesday. The council met on Friday and voted at 2 p.m.", ("2 p.m.", "2026-11-13", "time")),
    ],
)
def test_a_clock_time_stays_on_the_publication_day(nlp, text, expected):
    assert expected in dates(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The polls in the harbor towns closed at 8 p.m. EST.", "2026-11-13"),
        ("The harbor vote will be shown on Channel 9 at 9 p.m. Eastern.", "2026-11-13"),
    ],
)
def test_a_time_zone_after_a_clock_time_keeps_the_time(nlp, text, expected):
    assert [(d, g) for _, d, g in dates(nlp, text)] == [(expected, "time")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met on the evening of Nov. 4 and the vote came later that night.",
         [("the evening of Nov. 4", "2026-11-04", "part_of_day"), ("later that night", "2026-11-04", "part_of_day")]),
        ("The request was renewed on Nov. 4, the morning of the harbor vote.",
         [("Nov. 4", "2026-11-04", "day"), ("the morning of the harbor vote", "2026-11-04", "part_of_day")]),
    ],
)
def test_a_part_of_day_anchored_to_a_date(nlp, text, expected):
    got = dates(nlp, text)
    assert all(e in got for e in expected), got


def test_date_words_that_are_a_whole_quoted_title_are_no_date(nlp):
    text = "The mayor backed the plan in a Wednesday interview on CBS’s “This Morning,” in which he praised the pier."
    assert dates(nlp, text) == [("Wednesday", "2026-11-11", "day")]


@pytest.mark.parametrize(
    "text",
    [
        "Another 6 a.m. workout at the harbor gym, another town dinner.",
        "The mayor skipped his 6 a.m. swim at the harbor.",
        "And every Friday, from 8 a.m. to noon, the council met in the harbor hall.",
    ],
)
def test_a_clock_time_of_a_slot_or_a_habit_is_no_date(nlp, text):
    assert dates(nlp, text) == []


def test_a_weekday_on_a_noun_takes_the_nearest_day_whatever_the_verb_says(nlp):
    assert dates(nlp, "Critics said Tuesday's ruling will make the harbor vote harder.") == [("Tuesday", "2026-11-10", "day")]


# --- dates of issue 4: days of history, days told by an event, habits


def dates_on(nlp, text: str, published: date) -> list[tuple[str, str, str]]:
    article = Article(id="a", source="t.txt", text=text, format="text", published=published.isoformat())
    return [(e.focus.text, e.date.date, e.date.granularity) for e in extract_article(article, nlp(text), published).extractions if e.kind == "date"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The harbor law was passed after the Sept. 11 attacks.", FRIDAY, ("Sept. 11", "2001-09-11", "day")),
        ("Ferry traffic fell sharply after Sept. 11, the captain recalled.", FRIDAY, ("Sept. 11", "2001-09-11", "day")),
        # close to 11 September, a yearless one can be this year's, unless it names the attacks
        ("The mayor left the Sept. 11 memorial ceremony early.", date(2026, 9, 20), ("Sept. 11", "2026-09-11", "day")),
        ("The mayor spoke of the Sept. 11 attacks at the pier.", date(2026, 9, 20), ("Sept. 11", "2001-09-11", "day")),
        ("The mayor mocked Sept. 11 conspiracy theories at the pier.", date(2026, 9, 20), ("Sept. 11", "2001-09-11", "day")),
    ],
)
def test_a_yearless_sept_11_is_the_day_of_the_attacks(nlp, text, published, expected):
    assert expected in dates_on(nlp, text, published)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The harbor master resigned on Nov. 2, the day before the ferry vote was held.",
         ("the day before the ferry vote was held", "2026-11-02", "day")),
        ("The council met Wednesday — the morning after the mayor won the ferry vote.",
         ("the morning after the mayor won the ferry vote", "2026-11-11", "part_of_day")),
    ],
)
def test_a_day_told_from_an_event_in_apposition_to_a_date_is_that_date(nlp, text, expected):
    assert expected in dates(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry vote was held on Nov. 3 in the harbor towns. The day after the vote, the mayor resigned.",
         ("The day after the vote", "2026-11-04", "day")),
        ("The harbor towns held the Nov. 3 referendum. The mayor conceded the night before the referendum.",
         ("the night before the referendum", "2026-11-02", "part_of_day")),
        # the article dates the event only further down
        ("Voters were angry the morning after the debate. Monday's debate drew crowds to the harbor.",
         ("the morning after the debate", "2026-11-10", "part_of_day")),
        # the date hangs on the event's noun by a preposition, not on a verb
        ("Ratings for the debate on Monday were high. The morning after the debate, the mayor resigned.",
         ("The morning after the debate", "2026-11-10", "part_of_day")),
        # spaCy tags no 'the day' here
        ("The pattern re-emerges in the donations to the harbor fund on June 27, 2014. "
         "The harbor sold the pier for $5,000 the day before the donations were made.",
         ("the day before the donations", "2014-06-26", "day")),
    ],
)
def test_the_day_after_an_event_the_article_dated_earlier(nlp, text, expected):
    assert expected in dates(nlp, text)


def test_the_day_after_an_event_the_article_never_dated_is_no_date(nlp):
    assert dates(nlp, "The day after the vote, the mayor resigned.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quoted "tonight's" names the event the article dated, even when a later day was named since
        ("Wednesday's debate drew crowds to the pier. The mayor toured the harbor on Thursday. "
         "\"Tonight's debate settles it,\" one viewer wrote.", ("Tonight", "2026-11-11", "part_of_day")),
        # a victory speech's "tonight" the morning after the vote the article dated
        ("The harbor towns voted in Thursday's ferry referendum. \"What voters said here tonight is clear,\" the mayor said.",
         ("tonight", "2026-11-12", "part_of_day")),
        # ... also when the article names that day only after the quote
        ("\"I did not come here tonight to argue,\" the mayor said. The mayor spoke Thursday at the harbor.",
         ("tonight", "2026-11-12", "part_of_day")),
    ],
)
def test_a_quoted_tonight_with_no_speech_day_is_the_night_of_the_event_told(nlp, text, expected):
    assert expected in dates(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The harbor office is open daily from 8 a.m. until 10 p.m.",
        "Their days begin at 4:30 a.m. at the harbor.",
        "The day shift starts around 6 a.m. and finishes about 4 p.m., with a break for lunch.",
    ],
)
def test_a_clock_time_of_a_routine_range_or_a_recurring_day_is_no_date(nlp, text):
    assert dates(nlp, text) == []


def test_a_clock_time_on_a_date_is_one_time_of_that_date(nlp):
    text = "The doors opened at 6:30 a.m. on March 19, 2002, to a crowd of shareholders."
    assert dates(nlp, text) == [("6:30 a.m. on March 19, 2002", "2002-03-19", "time")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("___.\n\n8:20 a.m.\n\nHarbor council candidate Jane Doe has ramped up her attacks.", ("8:20 a.m.", "2026-11-13", "time")),
        ("Storms. Floods. Fires.\n\nLabor Day is barely over, and the harbor is quiet again.", ("Labor Day", "2026-09-07", "day")),
        ("The mayor turned 74 on Valentine's Day.", ("Valentine's Day", "2026-02-14", "day")),
    ],
)
def test_date_words_spacy_leaves_untagged_are_read(nlp, text, expected):
    assert expected in dates(nlp, text)


def test_a_holiday_spacy_tags_as_a_place_is_read_once(nlp):
    assert dates(nlp, "A crowd celebrating Bastille Day in the port was hit by a truck.") == [("Bastille Day", "2026-07-14", "day")]


def test_a_weekday_before_a_holiday_is_told_by_the_nearest_holiday(nlp):
    got = dates_on(nlp, "The last ferry debate was held the Saturday before Christmas.", date(2026, 12, 23))
    assert got == [("Saturday before Christmas", "2026-12-19", "day")]


@pytest.mark.parametrize(
    "text",
    [
        # a greeting names no day, tagged by spaCy or not
        "She said: 'Jim, thanks for coming. Merry Christmas.'",
        "Staff wished everyone at the pier a Merry Christmas.",
        # a clock time spaCy misses inside a sentence is looked for only as a line of its own
        "If you wanted to see her event and not stay up past 10 p.m. searching for a replay, you watched CSPAN.",
    ],
)
def test_greetings_and_untagged_clock_times_inside_a_sentence_are_no_dates(nlp, text):
    assert dates(nlp, text) == []


def test_an_amount_and_its_share_in_brackets_measure_the_same_budget(nlp):
    got = quantities_of(nlp, "The port runs on a $2.1 billion operating budget (40% state-funded).")
    assert got == [("$2.1 billion", 2.1e9, "$", "operating budget run"), ("40%", 40, "%", "state-funded operating budget run")]


def test_a_count_of_members_counts_the_member_countries(nlp):
    assert quantities_of(nlp, "The treaty now has 27 member countries.") == [("27", 27, None, "member country have")]


def quantities_of(nlp, text: str) -> list[tuple[str, float, str | None, str]]:
    return [(e.focus.text, e.quantity.number, e.quantity.unit, e.quantity.of) for e in _run(nlp, text) if e.kind == "quantity"]


@pytest.mark.parametrize(
    ("text", "printed", "number", "unit", "of", "approximate"),
    [
        # a share says what it is a share of, and whose that is
        ("Germany paid nearly 40% of the alliance's total spending last year.", "40%", 40, "%", "alliance total spending pay", True),
        # the full name of a measure and its abbreviation are one measure
        ("Poland spends 3 percent of gross domestic product on defence.", "3 percent", 3, "%", "gdp spend", False),
        ("Estonia spends 3% of GDP on defence.", "3%", 3, "%", "gdp spend", False),
        # a hyphenated participle says what kind of share it is
        ("The airline is 51% state-owned.", "51%", 51, "%", "airline state-owned be", False),
        # an amount that counts nothing of its own is told by whose it is
        ("Hillary Clinton won 31 percent in the county.", "31 percent", 31, "%", "hillary clinton win", False),
        # the unit is how, not what, an amount counts
        ("The new poll has a margin of error of three percentage points.", "three percentage points", 3,
         "percentage point", "error have", False),
    ],
)
def test_a_share_is_of_the_whole_it_is_a_part_of(nlp, text, printed, number, unit, of, approximate):
    (found,) = [e for e in _run(nlp, text) if e.kind == "quantity"]
    assert (found.focus.text, found.quantity.number, found.quantity.unit, found.quantity.of, found.quantity.approximate) == (
        printed, number, unit, of, approximate,
    )
