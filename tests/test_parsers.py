"""Normalizers: numbers, dates, bylines, datelines, outlet names."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.dates import WEEKDAYS, before_publication, publication_moment, resolve
from newsprism.metadata import (
    DAY_FIRST_LANGUAGES,
    MONTH_KEYS,
    find_date,
    outlet_from_lines,
    parse_byline,
    parse_date,
    parse_dateline,
)
from newsprism.namedays import FIXED_DAYS, resolve_holiday
from newsprism.quantities import APPROXIMATION_MARKERS, parse_number, values_agree
from newsprism.quotespans import quote_spans

FRIDAY = date(2026, 11, 13)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 1,200", (1200, None, True)),
        ("2,100", (2100, None, False)),
        ("two", (2, None, False)),
        ("$2.1 billion", (2.1e9, "$", False)),
        ("nearly 40%", (40, "%", True)),
        ("3 percent", (3, "%", False)),
        ("€3bn", (3e9, "€", False)),
        ("a third", (1 / 3, "fraction", False)),
        ("some 60", (60, None, True)),
        ("four-and-a-half", (4.5, None, False)),
        ("three-quarters", (0.75, "fraction", False)),
        ("one-fifth", (0.2, "fraction", False)),
        ("eight of 10", (0.8, "fraction", False)),
        ("two dozen", (24, None, False)),
        ("a million dollars", (1e6, "$", False)),
        ("5 ½ years", (5.5, "year", False)),
        ("61-year-old", (61, "year", False)),
        ("half an hour", (0.5, "hour", False)),
        ("six percentage points", (6, "percentage point", False)),
        ("more than ten points", (10, "percentage point", True)),
        ("twice", (2, "times", False)),
        ("threefold", (3, "times", False)),
        ("45-minute", (45, "minute", False)),
        ("120-acre", (120, "acre", False)),
        ("500-euro", (500, "€", False)),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


def test_words_without_a_number_are_not_a_quantity():
    assert parse_number("several") is None


@given(st.integers(min_value=0, max_value=10**12))
def test_comma_grouped_integers_round_trip(n):
    assert parse_number(f"{n:,}") == (n, None, False)


SPELLED = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
           "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _spell(n: int) -> str:
    if n < 20:
        return SPELLED[n]
    tens, ones = divmod(n, 10)
    return TENS[tens] + (f"-{SPELLED[ones]}" if ones else "")


@given(st.integers(min_value=0, max_value=99), st.sampled_from(["", " years", "-year-old", " percent", " points"]))
def test_spelled_numbers_below_a_hundred_read_with_their_unit(n, unit):
    value, found, approximate = parse_number(_spell(n) + unit)  # type: ignore[misc]
    assert value == n and not approximate
    assert found == {"": None, " years": "year", "-year-old": "year", " percent": "%", " points": "percentage point"}[unit]


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=2, max_value=12))
def test_n_of_m_is_a_share(n, m):
    assert parse_number(f"{n} of {m}") == pytest.approx((n / m, "fraction", False))


@given(st.sampled_from(["about", "nearly", "more than", "at least", "roughly", "some"]), st.integers(1, 10**6))
def test_a_bound_word_makes_any_number_approximate(marker, n):
    assert parse_number(f"{marker} {n:,}") == (n, None, True)


@given(
    st.lists(st.sampled_from([*APPROXIMATION_MARKERS, "well", "mover", "some-", "-over", "15-plus", "plus-", "about5", "5", "people"]), max_size=6),
    st.integers(0, 10**6),
)
def test_approximate_when_some_marker_stands_as_a_word(words, n):
    text = f"{' '.join(words)} {n}"
    one_by_one = any(re.search(rf"(?<![\w-]){re.escape(m)}\b", text) for m in APPROXIMATION_MARKERS)
    assert parse_number(text)[2] == (one_by_one or bool(re.search(r"\d-plus\b", text)))


def test_values_agree_within_stated_approximation_only():
    assert values_agree(1200, True, 1250, False)
    assert not values_agree(1200, True, 2100, False)
    assert not values_agree(1200, False, 1250, False)


@pytest.mark.parametrize(
    ("text", "day", "granularity", "part"),
    [
        ("late Thursday", date(2026, 11, 12), "part_of_day", "late"),
        ("on Friday", FRIDAY, "day", None),
        ("Thursday night", date(2026, 11, 12), "part_of_day", "night"),
        ("last night", date(2026, 11, 12), "part_of_day", "night"),
        ("11:40 p.m. Thursday", date(2026, 11, 12), "time", "11:40 p.m."),
        ("November 12, 2026", date(2026, 11, 12), "day", None),
        ("last month", date(2026, 10, 1), "month", None),
        ("In 2019", date(2019, 1, 1), "year", None),
        ("yesterday", date(2026, 11, 12), "day", None),
    ],
)
def test_resolve_dates_against_publication_day(text, day, granularity, part):
    got = resolve(text, FRIDAY)
    assert got is not None and (got.date, got.granularity, got.part_of_day) == (day, granularity, part)


def test_a_weekday_in_a_sentence_that_looks_ahead_is_the_next_one():
    assert resolve("Monday", FRIDAY, future=True).date == date(2026, 11, 16)
    assert resolve("Friday", FRIDAY, future=True).date == FRIDAY  # today is on or after today
    assert resolve("next Friday", FRIDAY).date == date(2026, 11, 20)
    assert resolve("last Friday", FRIDAY).date == date(2026, 11, 6)


@pytest.mark.parametrize(
    ("text", "day", "granularity"),
    [
        ("three years ago", date(2023, 1, 1), "year"),
        ("Twenty-two years ago", date(2004, 1, 1), "year"),
        ("earlier this year", date(2026, 1, 1), "year"),
        ("last year", date(2025, 1, 1), "year"),
        ("last December", date(2025, 12, 1), "month"),
        ("June of last year", date(2025, 6, 1), "month"),
        ("early-October", date(2026, 10, 1), "month"),
        ("the end of this month", date(2026, 11, 1), "month"),
        # 'N years ago' with the part of the calendar it falls on
        ("seventy-four years ago this week", date(1952, 1, 1), "year"),
        ("Seventy-four years ago this month", date(1952, 11, 1), "month"),
        ("Fifty years ago today", date(1976, 11, 13), "day"),
        ("a year ago", date(2025, 1, 1), "year"),
        ("A decade ago", date(2016, 1, 1), "year"),
        ("a month ago", date(2026, 10, 1), "month"),
    ],
)
def test_relative_dates_keep_their_granularity(text, day, granularity):
    got = resolve(text, FRIDAY)
    assert got is not None and (got.date, got.granularity) == (day, granularity)


def test_calendar_steps_cross_years_and_leap_days():
    assert resolve("fourteen months ago", FRIDAY).date == date(2025, 9, 1)
    assert resolve("last month", date(2027, 1, 15)).date == date(2026, 12, 1)
    assert resolve("next month", date(2026, 12, 31)).date == date(2027, 1, 1)
    assert resolve("A year ago today", date(2024, 2, 29)).date == date(2023, 2, 28)


def test_a_month_without_a_year_follows_the_tense_else_the_nearer_one():
    assert resolve("March 3", FRIDAY, future=False).date == date(2026, 3, 3)
    assert resolve("March 3", FRIDAY, future=True).date == date(2027, 3, 3)
    assert resolve("December 1", FRIDAY, future=None).date == date(2026, 12, 1)
    assert resolve("August", FRIDAY, future=None).date == date(2026, 8, 1)
    assert resolve("Sunday", FRIDAY, future=None).date == date(2026, 11, 15)


@pytest.mark.parametrize(
    "text", ["last week", "this weekend", "the 1990s", "a few years ago", "more than a year ago", "43", "22nd", "this fall"]
)
def test_skipped_time_expressions_name_no_date(text):
    assert resolve(text, FRIDAY) is None


@pytest.mark.parametrize("text", ["18 months", "hours", "three weeks", "recently", "just a day", "five-year"])
def test_durations_are_not_dates(text):
    assert resolve(text, FRIDAY) is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 1, 1)), st.sampled_from(WEEKDAYS))
def test_a_bare_weekday_is_the_latest_such_day_on_or_before_publication(base, weekday):
    got = resolve(weekday.capitalize(), base)
    assert got is not None
    assert got.date.weekday() == WEEKDAYS.index(weekday)
    assert base - timedelta(days=6) <= got.date <= base


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jordan Pike", ["Jordan Pike"]),
        ("By Ines Marlow and Tom Reyes", ["Ines Marlow", "Tom Reyes"]),
        ("Reporting by Amira Haddad; Editing by Tom Quill", ["Amira Haddad"]),
        ("By the time the crews arrived, the roof had gone.", []),
        ("By clicking Continue, you agree to the Ledger's User Agreement, Privacy Policy and Cookie Policy.", []),
        ("Author: Lorna Quayle", ["Lorna Quayle"]),
        ("Article written by: Lorna Quayle", ["Lorna Quayle"]),
        ("Byline", []),
        ("By Jane Doe 2 hours ago", ["Jane Doe"]),  # the names end where the date begins
        ("Von Lisa Borch", ["Lisa Borch"]),  # the same in the languages of European news
        ("Erstellt von Andri Bryner", ["Andri Bryner"]),
        ("Von Christian Thiele, 07 Dezember, 2022", ["Christian Thiele"]),
        ("Text: Jon Nitz", ["Jon Nitz"]),
        ("Por Juliet Jimenez 5 mayo, 2022, 6:12 pm", ["Juliet Jimenez"]),
        ("Par Emmanuelle Ducros le 14.09.2020 à 11h46", ["Emmanuelle Ducros"]),
        ("Von den 27 Mitgliedstaaten haben 20 zugestimmt.", []),  # a sentence, not a byline
        ("Par ailleurs, le gouvernement a tranché.", []),
        ("Door de regen bleef het stil.", []),
        ("Posted by Peter Hale on August 21, 2019", ["Peter Hale"]),  # a date with a month name
        ("By Mara Quill on Dec. 13, 2025", ["Mara Quill"]),
        ("Posted by OrbWeaver on Friday December 19, 2025 @08:00PM", ["OrbWeaver"]),
        ("By Jane Smith May 4, 2020", ["Jane Smith"]),
        ("By Tessa Vane ⋅ Senior Review Analyst ⋅ Updated March 5, 2025", ["Tessa Vane"]),  # a job after a dot
        ("By Tessa Vane • 8 min read", ["Tessa Vane"]),
        ("By: Tessa Vane", ["Tessa Vane"]),
        ("Written by Ines Marlow, Tom Reyes, and Amira Haddad", ["Ines Marlow", "Tom Reyes", "Amira Haddad"]),
        ("Von Lisa Borch, Jan Ole Nitz und Andri Bryner, NDR", ["Lisa Borch", "Jan Ole Nitz", "Andri Bryner", "NDR"]),
        ("Por Juliet Jimenez y Ana Gil", ["Juliet Jimenez", "Ana Gil"]),
    ],
)
def test_parse_byline(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published Nov. 13, 2026 8:12 a.m. ET", "2026-11-13T08:12:00-05:00"),
        ("November 13, 2026 9:45 AM", "2026-11-13T09:45:00"),
        ("Monday, November 9, 2026", "2026-11-09"),
        ("4 May 2024", "2024-05-04"),
        ("19.10.2019 12.09", "2019-10-19"),  # day first with dots, as German pages print it
        ("Lotte Meier 05.10.2019, 15:07 Uhr", "2019-10-05T15:07:00"),
        ("Von Claudia Riedler 19. Oktober 2019 00:04 Uhr", "2019-10-19T00:04:00"),  # month names of
        ("Veröffentlicht am 5. März 2020, 14:09", "2020-03-05T14:09:00"),  # European languages
        ("1er novembre 2023", "2023-11-01"),
        ("Publicado el 4 de mayo de 2022", "2022-05-04"),
        ("19 settembre 2021", "2021-09-19"),
        ("3 maart 2022", "2022-03-03"),
        ("3.14.2019", None),  # no month 14: not a date of this form, and no guess
        ("Version 1.2.2019.3", None),
        ("no date here", None),
    ],
)
def test_parse_date(line, iso):
    assert parse_date(line) == iso


def test_find_date_prefers_published_over_updated():
    assert find_date(["Updated Nov. 14, 2026 1:00 p.m.", "Published Nov. 13, 2026 8:12 a.m."]) == "2026-11-13T08:12:00"


@pytest.mark.parametrize(
    ("line", "place", "agency"),
    [
        ("PORT MERROW, Nov 13 (Meridian Wire) - A fire broke out", "Port Merrow", "Meridian Wire"),
        ("Brussels, May 4, 2024 — Ministers met", "Brussels", None),
        ("The fire, officials said, was out.", None, None),
    ],
)
def test_parse_dateline(line, place, agency):
    assert parse_dateline(line) == (place, agency)


def test_outlet_from_copyright_then_dateline_then_bio():
    assert outlet_from_lines(["News", "\u00a9 2026 Northgate Herald. All rights reserved."]) == "Northgate Herald"
    assert outlet_from_lines(["PORT MERROW, Nov 13 (Meridian Wire) - A fire"]) == "Meridian Wire"
    assert outlet_from_lines(["Jordan Pike is a city reporter for the Northgate Herald."]) == "Northgate Herald"
    assert outlet_from_lines(["Home", "News"]) is None


def test_dates_beyond_the_calendar_name_nothing():
    assert resolve("Friday", date(1, 1, 1)) is None
    assert resolve("in 0", FRIDAY) is None


quote_text = st.text(alphabet=st.sampled_from(list("ab '\"‘’“”,.\n")), max_size=80)


@given(quote_text)
def test_quote_spans_are_ordered_disjoint_and_inside_one_paragraph(text):
    spans = quote_spans(text)
    for span in spans:
        inner = text[span.start : span.end]
        assert 0 <= span.start < span.end <= len(text)
        assert inner == inner.strip() and "\n" not in inner
    for first, second in itertools.pairwise(spans):
        assert first.end <= second.start


def test_apostrophes_are_not_quotation_marks():
    assert quote_spans("The players' union said it wouldn't strike in the ’90s.") == []
    text = "He called the offer 'a good start' and left."
    (span,) = quote_spans(text)
    assert text[span.start : span.end] == "a good start"


def test_a_quote_carried_into_the_next_paragraph_continues():
    text = "“First part of it.\n\n“Second part,” she said.\n\n“A new quote.”"
    assert [(text[s.start : s.end], s.continues) for s in quote_spans(text)] == [
        ("First part of it.", False),
        ("Second part,", True),
        ("A new quote.", False),
    ]


def test_curly_quotes_nest_inside_a_straight_quote():
    text = '"PENCE: He thinks this is an episode of \u201cShark Tank.\u201d But this is America." he said.'
    assert [text[q.start : q.end] for q in quote_spans(text)] == [
        "PENCE: He thinks this is an episode of \u201cShark Tank.\u201d But this is America."
    ]


def test_two_apostrophes_are_a_double_quotation_mark():
    text = "''A museum alone will not do it,'' he said. ''It won't end the violence.''"
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["A museum alone will not do it,", "It won't end the violence."]


def test_three_apostrophes_after_a_word_close_quotes_and_open_none():
    inner = "''I would use the word 'old-school,''' said Gregory W. Slayton. ''Humility is rare.''"
    assert [inner[q.start : q.end] for q in quote_spans(inner)] == ["I would use the word 'old-school,", "Humility is rare."]
    # the double mark that opened the quote left out: the run still closes, and the two
    # marks after the single one open nothing
    typo = "Mr. Slayton called Mr. Bush 'old-school,''' said an aide. ''Humility is something I love,'' he said."
    assert [typo[q.start : q.end] for q in quote_spans(typo)] == ["old-school,", "Humility is something I love,"]


def test_an_apostrophe_for_a_century_opens_no_quote():
    text = "Mr. Cruz grew up in the 1970s and '80s in Houston. A self-described ''geeky kid,'' Mr. Cruz changed his name."
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["geeky kid,"]


@given(st.integers(min_value=2, max_value=999))
def test_one_in_n_is_a_share(m):
    assert parse_number(f"one in {m}") == pytest.approx((1 / m, "fraction", False))


def test_a_number_in_a_year_is_no_share():
    assert parse_number("5 in 2016") == (5, None, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a couple", (2, None, True)), ("a couple dozen", (24, None, True)), ("15-plus years", (15, "year", True))],
)
def test_vague_counts_are_approximate(text, expected):
    assert parse_number(text) == expected


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(sorted(FIXED_DAYS)),
    st.sampled_from([True, False, None]),
)
def test_a_fixed_holiday_falls_on_its_day_on_the_side_the_tense_says(base, name, future):
    found = resolve_holiday(name.title(), base, future)
    assert found is not None and (found.month, found.day) == FIXED_DAYS[name]
    assert abs((found - base).days) <= 366
    if future is True:
        assert found >= base
    elif future is False:
        assert found <= base


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from([True, False, None]))
def test_election_day_is_a_november_tuesday_of_an_even_year(base, future):
    found = resolve_holiday("Election Day", base, future)
    assert found.weekday() == 1 and found.month == 11 and 2 <= found.day <= 8 and found.year % 2 == 0


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_labor_day_is_the_first_monday_of_september(base):
    found = resolve_holiday("Labor Day", base, None)
    assert found.weekday() == 0 and found.month == 9 and found.day <= 7


def test_a_holiday_with_a_year_is_that_years():
    assert resolve_holiday("Election Day 2012", FRIDAY, None) == date(2012, 11, 6)
    assert resolve_holiday("the Ferry Festival", FRIDAY, None) is None


@pytest.mark.parametrize(
    ("text", "day", "granularity"),
    [
        ("the day after Monday", "2026-11-10", "day"),
        ("the morning before Nov. 3", "2026-11-02", "part_of_day"),
        ("mid-September", "2026-09-01", "month"),
        ("9/11", "2001-09-11", "day"),
        ("the end of the year", "2026-01-01", "year"),
        ("7 p.m.", "2026-11-13", "time"),
        ("6 o'clock this afternoon", "2026-11-13", "time"),
        ("Labor Day", "2026-09-07", "day"),
    ],
)
def test_resolve_named_anchored_and_clock_dates(text, day, granularity):
    found = resolve(text, FRIDAY, future=False)
    assert (found.date.isoformat(), found.granularity) == (day, granularity)


@given(st.integers(1, 12), st.integers(0, 59), st.sampled_from(["a.m.", "p.m.", "am", "PM"]), st.integers(0, 23), st.integers(0, 59))
def test_a_bare_clock_time_later_than_publication_is_the_night_before(hour, minute, half, pub_hour, pub_minute):
    words = f"about {hour}:{minute:02d} {half}"
    published = datetime(2026, 11, 13, pub_hour, pub_minute)
    found = before_publication(resolve(words, published.date()), words, published, future=False)
    clock = (hour % 12 + (12 if half.lower().startswith("p") else 0)) * 60 + minute
    expected = published.date() - timedelta(days=1) if clock > pub_hour * 60 + pub_minute else published.date()
    assert (found.date, found.granularity) == (expected, "time")


def test_a_clock_time_keeps_its_day_when_it_names_one_looks_ahead_or_the_hour_of_publication_is_unknown():
    published = publication_moment("2026-11-13T07:05:00-05:00")
    assert published == datetime(2026, 11, 13, 7, 5) and publication_moment("2026-11-13") is None
    friday = date(2026, 11, 13)
    for words, future in (("Friday at 11 p.m.", False), ("11 p.m.", True)):
        assert before_publication(resolve(words, friday, future), words, published, future).date == friday
    assert before_publication(resolve("11 p.m.", friday), "11 p.m.", None, False).date == friday


def test_an_opening_curly_mark_after_a_word_closes_the_quote():
    text = "He called Mexican immigrants \u201ccriminals\u201d and \u201crapists\u201c while calling for a wall and said \u201cthe Hispanics\u201d love him."
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["criminals", "rapists", "the Hispanics"]
    nested = '"She told me, \u201cgo home,\u201d and I did," he said.'  # a mark that opens a word still nests
    assert [nested[q.start : q.end] for q in quote_spans(nested)] == ["She told me, \u201cgo home,\u201d and I did,"]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(DAY_FIRST_LANGUAGES))
@settings(max_examples=60, deadline=None)
def test_a_day_month_year_in_a_european_language_reads_as_that_day(day, language):
    """Every month name dateparser knows for the languages, printed as that language's pages
    print a date."""
    from dateparser.languages.loader import default_loader

    month = default_loader.get_locale(language).info[MONTH_KEYS[day.month - 1]]
    name = max(month, key=len)  # the full name
    printed = f"{day.day} de {name} de {day.year}" if language in ("es", "pt") else f"{day.day}. {name} {day.year}" if language == "de" else f"{day.day} {name} {day.year}"
    assert parse_date(f"{printed}, 10:15") == f"{day.isoformat()}T10:15:00"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.booleans())
def test_a_dotted_day_month_year_reads_as_that_day(day, padded):
    printed = f"{day.day:02d}.{day.month:02d}.{day.year}" if padded else f"{day.day}.{day.month}.{day.year}"
    assert parse_date(f"Aktualisiert {printed}") == day.isoformat()
