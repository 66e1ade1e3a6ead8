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
