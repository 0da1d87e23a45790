"""Dates: phrases resolved to intervals anchored on the publication date, with precision,
basis, relation to publication and the cases dateparser gets silently wrong.

All sentences are written for these tests; the publication date is Friday 2021-10-01.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from borderwatch.nlp.dates import DateValue, event_date, find_dates, is_duration, resolve

PUB = date(2021, 10, 1)  # a Friday


def one(text: str, published: date | None = PUB, **kw) -> DateValue:
    got = find_dates(text, published, **kw)
    assert len(got) == 1, [(d.text, d.date) for d in got]
    return got[0]


# ---------------------------------------------------------------------------------------------
# single phrases: (sentence, phrase as written, date, date_end, precision, basis, relation)

CASES = [
    # weekdays: most recent on or before publication
    ("Guards stopped a truck on Monday near the bridge.", "on Monday", "2021-09-27", "2021-09-27", "day",
     "relative_to_published", "past"),
    ("The commander spoke on Wednesday afternoon.", "on Wednesday afternoon", "2021-09-29", "2021-09-29", "day",
     "relative_to_published", "past"),
    ("Shots were heard last Friday.", "last Friday", "2021-09-24", "2021-09-24", "day", "relative_to_published", "past"),
    ("Shots were heard on Friday.", "on Friday", "2021-10-01", "2021-10-01", "day", "relative_to_published", "present"),
    ("The ministers meet next Tuesday.", "next Tuesday", "2021-10-05", "2021-10-05", "day", "relative_to_published",
     "future"),
    # named days and offsets
    ("A patrol was ambushed yesterday.", "yesterday", "2021-09-30", "2021-09-30", "day", "relative_to_published", "past"),
    ("Two days ago the crossing was shut.", "Two days ago", "2021-09-29", "2021-09-29", "day", "relative_to_published",
     "past"),
    ("The day before yesterday a drone was seen.", "The day before yesterday", "2021-09-29", "2021-09-29", "day",
     "relative_to_published", "past"),
    ("The envoy arrived the day before.", "the day before", "2021-09-30", "2021-09-30", "day", "relative_to_published",
     "past"),
    ("Talks resume tomorrow.", "tomorrow", "2021-10-02", "2021-10-02", "day", "relative_to_published", "future"),
    # weeks and months as intervals
    ("Parades were held this week in two provinces.", "this week", "2021-09-27", "2021-10-03", "week",
     "relative_to_published", "present"),
    ("Parades were held last week in two provinces.", "last week", "2021-09-20", "2021-09-26", "week",
     "relative_to_published", "past"),
    ("Exercises will start next week.", "next week", "2021-10-04", "2021-10-10", "week", "relative_to_published",
     "future"),
    ("The report was rejected last month.", "last month", "2021-09-01", "2021-09-30", "month", "relative_to_published",
     "past"),
    ("A second round is planned next month.", "next month", "2021-11-01", "2021-11-30", "month",
     "relative_to_published", "future"),
    ("The road reopened earlier this month.", "earlier this month", "2021-10-01", "2021-10-01", "month",
     "relative_to_published", "present"),
    ("Talks are due later this year.", "later this year", "2021-10-02", "2021-12-31", "year", "relative_to_published",
     "future"),
    # day-month without a year: nearest past occurrence
    ("The president spoke at the assembly on September 23.", "on September 23", "2021-09-23", "2021-09-23", "day",
     "explicit", "past"),
    ("The president spoke on Sept. 23 in New York.", "on Sept. 23", "2021-09-23", "2021-09-23", "day", "explicit",
     "past"),
    ("The president spoke on 23 September in New York.", "on 23 September", "2021-09-23", "2021-09-23", "day",
     "explicit", "past"),
    ("The minister called for talks on December 9.", "on December 9", "2020-12-09", "2020-12-09", "day", "explicit",
     "past"),
    ("Two fighters crossed on April 26 of this year.", "on April 26 of this year", "2021-04-26", "2021-04-26", "day",
     "explicit", "past"),
    ("The group crossed on the night of August 30.", "on the night of August 30", "2021-08-30", "2021-08-30", "day",
     "explicit", "past"),
    ("Fighting flared on the eve of September 23.", "on the eve of September 23", "2021-09-22", "2021-09-22", "day",
     "explicit", "past"),
    # explicit dates
    ("The programme was adopted on November 28, 2024, in Astana.", "on November 28, 2024", "2024-11-28", "2024-11-28",
     "day", "explicit", "future"),
    ("The programme was adopted on 28.11.2024 in Astana.", "on 28.11.2024", "2024-11-28", "2024-11-28", "day",
     "explicit", "future"),
    ("The record is dated 2021-09-15 in the archive.", "2021-09-15", "2021-09-15", "2021-09-15", "day", "explicit",
     "past"),
    ("The record is dated 09/15/2021 in the archive.", "09/15/2021", "2021-09-15", "2021-09-15", "day", "explicit",
     "past"),
    ("Warnings first surfaced in September 2021.", "in September 2021", "2021-09-01", "2021-09-30", "month",
     "explicit", "past"),
    # years and parts of years: the whole year, never the publication day
    ("In 2022 the border stayed closed.", "In 2022", "2022-01-01", "2022-12-31", "year", "explicit", "future"),
    ("The group carried out attacks in 2020.", "in 2020", "2020-01-01", "2020-12-31", "year", "explicit", "past"),
    ("Sobirzoda was promoted in 2018.", "in 2018", "2018-01-01", "2018-12-31", "year", "explicit", "past"),
    ("The leadership changed at the end of last year.", "at the end of last year", "2020-09-01", "2020-12-31",
     "quarter", "relative_to_published", "past"),
    ("Hundreds gathered in mid-2024 near the river.", "in mid-2024", "2024-05-01", "2024-08-31", "quarter", "explicit",
     "future"),
    ("In early October the president flew to Brussels.", "In early October", "2021-10-01", "2021-10-10", "month",
     "explicit", "present"),
    ("Prices rose in late August.", "in late August", "2021-08-21", "2021-08-31", "month", "explicit", "past"),
    ("Output fell in the first half of 2020.", "in the first half of 2020", "2020-01-01", "2020-06-30", "quarter",
     "explicit", "past"),
    ("Output fell in the third quarter of 2020.", "in the third quarter of 2020", "2020-07-01", "2020-09-30",
     "quarter", "explicit", "past"),
    ("Output fell in Q3 2020.", "in Q3 2020", "2020-07-01", "2020-09-30", "quarter", "explicit", "past"),
    ("Fighting eased in the summer of 2020.", "in the summer of 2020", "2020-06-01", "2020-08-31", "quarter",
     "explicit", "past"),
    # decades
    ("The front was founded in the 1990s.", "in the 1990s", "1990-01-01", "1999-12-31", "decade", "explicit", "past"),
    ("It dates to the 90s of the last century.", "the 90s of the last century", "1990-01-01", "1999-12-31", "decade",
     "explicit", "past"),
    ("Refugees fled in the nineties.", "in the nineties", "1990-01-01", "1999-12-31", "decade", "explicit", "past"),
    ("Smuggling grew in the early 2000s.", "in the early 2000s", "2000-01-01", "2003-12-31", "decade", "explicit",
     "past"),
    # background bounds
    ("He had held the post since 2013.", "since 2013", "2013-01-01", "2013-12-31", "year", "explicit", "past"),
    ("Until September 6, the valley held out.", "Until September 6", "2021-09-06", "2021-09-06", "day", "explicit",
     "past"),
    # rolling windows
    ("Shelling intensified in recent days.", "in recent days", "2021-09-24", "2021-10-01", "day",
     "relative_to_published", "past"),
    ("The region changed over the past 20 years.", "over the past 20 years", "2001-10-01", "2021-10-01", "year",
     "relative_to_published", "past"),
    ("Results are expected in the coming weeks.", "in the coming weeks", "2021-10-02", "2021-10-29", "week",
     "relative_to_published", "future"),
    ("The post was recently reinforced.", "recently", "2021-09-01", "2021-10-01", "month", "relative_to_published",
     "past"),
]


@pytest.mark.parametrize("sentence,phrase,start,end,precision,basis,relation", CASES, ids=[c[1] for c in CASES])
def test_phrase_resolution(sentence, phrase, start, end, precision, basis, relation):
    d = one(sentence)
    assert d.text == phrase
    assert sentence[d.start:d.end] == phrase
    assert (d.date, d.date_end, d.precision, d.basis, d.relation) == (start, end, precision, basis, relation), d.note


# ---------------------------------------------------------------------------------------------
# dateparser's silent failures, pinned


def test_decade_is_not_the_base_date():
    d = resolve("the 1990s", PUB)
    assert (d.date, d.date_end, d.precision) == ("1990-01-01", "1999-12-31", "decade")


def test_year_takes_the_whole_year_not_the_base_day():
    d = resolve("in 2022", PUB)
    assert (d.date, d.date_end, d.precision) == ("2022-01-01", "2022-12-31", "year")
    assert "10-01" not in d.date


@pytest.mark.parametrize("sentence", [
    "Officials may close the crossing.",
    "The Taliban may say one thing and do another.",
    "May God protect the border guards, he said.",
    "It may take months, the minister may add.",
])
def test_modal_may_is_never_may(sentence):
    assert find_dates(sentence, PUB) == []


@pytest.mark.parametrize("sentence,phrase,start", [
    ("Clashes broke out on the border in May.", "in May", "2021-05-01"),
    ("Clashes broke out on May 5 near the river.", "on May 5", "2021-05-05"),
    ("Clashes broke out on 5 May near the river.", "on 5 May", "2021-05-05"),
    ("Clashes broke out in May 2020.", "in May 2020", "2020-05-01"),
    ("Clashes broke out by early May.", "by early May", "2021-05-01"),
])
def test_month_may_with_a_dating_word(sentence, phrase, start):
    d = one(sentence)
    assert (d.text, d.date) == (phrase, start)


@pytest.mark.parametrize("phrase,expected", [
    ("a week earlier", ("2021-09-21", "2021-09-27", "week")),
    ("the day before", ("2021-09-30", "2021-09-30", "day")),
    ("April 26 of this year", ("2021-04-26", "2021-04-26", "day")),
    ("earlier this month", ("2021-10-01", "2021-10-01", "month")),
])
def test_phrases_dateparser_misses(phrase, expected):
    d = resolve(phrase, PUB)
    assert (d.date, d.date_end, d.precision) == expected


def test_earlier_this_month_mid_month():
    d = resolve("earlier this month", date(2021, 10, 20))
    assert (d.date, d.date_end, d.relation) == ("2021-10-01", "2021-10-19", "past")


# ---------------------------------------------------------------------------------------------
# year inference for day-month dates


@pytest.mark.parametrize("phrase,published,expected", [
    ("September 23", date(2021, 10, 1), "2021-09-23"),      # a week before
    ("September 30", date(2021, 9, 28), "2021-09-30"),      # a dateline a few days behind
    ("November 15", date(2021, 10, 1), "2021-11-15"),       # < 2 months after: upcoming
    ("December 9", date(2021, 10, 1), "2020-12-09"),        # > 2 months after: last year's
    ("December 28", date(2022, 1, 5), "2021-12-28"),        # across new year
    ("January 3", date(2021, 12, 30), "2022-01-03"),        # early next year, days ahead
    ("February 29", date(2021, 3, 10), "2020-02-29"),       # no such day in 2021: the last leap year
    ("September 31", date(2021, 10, 1), None),              # no such day: unresolved, text kept
])
def test_year_inferred_nearest_past(phrase, published, expected):
    d = resolve(phrase, published)
    assert d.date == expected


def test_future_tense_takes_the_next_occurrence():
    assert resolve("September 23", PUB, tense="future").date == "2022-09-23"
    assert resolve("on Monday", PUB, tense="future").date == "2021-10-04"
    assert resolve("in May", PUB, tense="future").date == "2022-05-01"


def test_past_tense_rolls_back_sooner():
    assert resolve("October 20", PUB).date == "2021-10-20"
    assert resolve("October 20", PUB, tense="past").date == "2020-10-20"
    d = resolve("October 4", PUB, tense="past")  # a lagging dateline: kept, but read as past
    assert (d.date, d.relation) == ("2021-10-04", "past")


def test_weekday_with_date_picks_the_matching_year():
    d = resolve("Monday, September 27", PUB)
    assert d.date == "2021-09-27"
    d = resolve("Sunday, September 27", PUB)  # 2020-09-27 was a Sunday
    assert d.date == "2020-09-27" and "weekday" in d.note


@pytest.mark.parametrize("sentence,future_phrase", [
    ("The talks will be held on Friday in Dushanbe.", "on Friday"),
    ("Officials plan to reopen the bridge on Monday.", "on Monday"),
    ("The delegation is scheduled to arrive on Thursday.", "on Thursday"),
])
def test_future_tense_from_the_clause_without_a_parse(sentence, future_phrase):
    d = one(sentence)
    assert d.text == future_phrase
    assert d.date >= PUB.isoformat()


# ---------------------------------------------------------------------------------------------
# relative to a previous date in the same text


def test_day_before_counts_from_the_previous_date():
    got = find_dates("He spoke in New York on September 23; the day before, he met the envoy.", PUB)
    assert [(d.text, d.date, d.basis) for d in got] == [
        ("on September 23", "2021-09-23", "explicit"),
        ("the day before", "2021-09-22", "relative_to_date"),
    ]
    assert "2021-09-23" in got[1].note


def test_week_earlier_counts_from_the_previous_date():
    got = find_dates("The speech came on September 23, and a week earlier he had said the same at a summit.", PUB)
    assert got[1].text == "a week earlier"
    assert (got[1].date, got[1].date_end, got[1].basis, got[1].precision) == \
        ("2021-09-13", "2021-09-19", "relative_to_date", "week")
    assert got[1].approximate


@pytest.mark.parametrize("phrase,expected", [
    ("the next day", "2021-09-24"),
    ("the following day", "2021-09-24"),
    ("that day", "2021-09-23"),
    ("three days later", "2021-09-26"),
    ("two days earlier", "2021-09-21"),
])
def test_relative_to_previous(phrase, expected):
    prev = resolve("September 23", PUB)
    d = resolve(phrase, PUB, prev)
    assert (d.date, d.basis) == (expected, "relative_to_date")


def test_previous_from_an_earlier_sentence():
    prev = find_dates("Warnings first surfaced in September 2021.", PUB)[-1]
    d = one("By the following September, there were reports of a planned attack.", previous=prev)
    assert (d.date, d.date_end, d.precision, d.basis) == ("2022-09-01", "2022-09-30", "month", "relative_to_date")


@pytest.mark.parametrize("phrase", ["the next day", "the following September", "that year", "three days later"])
def test_narrative_phrases_without_an_anchor_are_refused(phrase):
    d = resolve(phrase, PUB)
    assert d.date is None and d.basis == "unresolved" and d.text == phrase


def test_relative_to_an_undated_event_is_refused():
    got = find_dates("Two days before the attack, guards were reinforced.", PUB)
    assert got[0].date is None and "event" in got[0].note
    d = resolve("two days before the elections", PUB)
    assert d.date is None and d.basis == "unresolved"


def test_ranges():
    d = one("Exercises ran from September 28 to October 2 near Khorog.")
    assert (d.text, d.date, d.date_end) == ("from September 28 to October 2", "2021-09-28", "2021-10-02")
    d = one("Trade grew between 2019 and 2021.")
    assert (d.date, d.date_end, d.precision) == ("2019-01-01", "2021-12-31", "year")
    d = one("Drills were held on September 1-5.")
    assert (d.date, d.date_end) == ("2021-09-01", "2021-09-05")
    d = one("The war of 1992-97 left scars.")
    assert (d.date, d.date_end) == ("1992-01-01", "1997-12-31")


def test_two_dates_joined_by_and_stay_two():
    got = find_dates("Attacks rose in 2019 and 2021.", PUB)
    assert [d.date for d in got] == ["2019-01-01", "2021-01-01"]


# ---------------------------------------------------------------------------------------------
# background / historical


@pytest.mark.parametrize("sentence,background", [
    ("Until September 6, the valley held out.", True),
    ("He had held the post since 2013.", True),
    ("The front was founded in the 1990s.", True),
    ("The group carried out attacks in 2019.", True),         # long before publication
    ("As of September 20, some refugees were living there.", True),
    ("Guards stopped a truck on Monday.", False),
    ("The report was rejected last month.", False),
    ("Exercises will start next week.", False),
    ("The border will stay closed until December 1.", False),  # a future bound is not background
])
def test_background_flag(sentence, background):
    d = one(sentence)
    assert d.background is background, d.note
    if background:
        assert d.relation == "past" and "background" in d.note


# ---------------------------------------------------------------------------------------------
# not dates


@pytest.mark.parametrize("phrase", ["27 years", "for three hours", "a month and a half", "a few months", "24 hours",
                                    "25 years old", "for two weeks", "over three days"])
def test_durations_are_not_dates(phrase):
    assert is_duration(phrase)
    d = resolve(phrase, PUB)
    assert d.date is None and d.precision == "unknown" and d.note == "duration, not a date"


@pytest.mark.parametrize("sentence", [
    "The president has ruled for 27 years.",
    "The delegates met for three hours.",
    "The siege lasted a month and a half.",
    "The video runs 13:31 minutes.",
    "The 201st base held drills with 2000 soldiers.",
    "He is in his 40s and served in their 30s.",
    "The fall of Kabul changed the region.",
    "Jan Kubis briefed the council.",
    "The march began at the square.",
])
def test_no_date_found(sentence):
    assert find_dates(sentence, PUB) == []


@pytest.mark.parametrize("junk", ["", "   ", "!!##", "\x00\x01", "🙂" * 50, "1" * 400, "May " * 300, "31.02.2021",
                                  "September 31", "0.0.0000", "Q5 2020", "99/99/9999"])
def test_garbage_never_crashes(junk):
    for d in find_dates(junk, PUB):
        assert junk[d.start:d.end] == d.text
    d = resolve(junk, PUB)
    assert d.text == junk


def test_unparseable_phrase_keeps_its_text():
    d = resolve("the anniversary of the coup", PUB)
    assert (d.date, d.date_end, d.precision, d.basis) == (None, None, "unknown", "unresolved")
    assert d.text == "the anniversary of the coup" and "world knowledge" in d.note


def test_no_publication_date():
    assert resolve("November 28, 2024", None).date == "2024-11-28"
    assert resolve("in 2022", None).date == "2022-01-01"
    for phrase in ("on Monday", "yesterday", "September 23", "next week"):
        d = resolve(phrase, None)
        assert d.date is None and d.basis == "unresolved", phrase
    assert resolve("two days ago", None).relation == "past"
    assert resolve("next week", None).relation == "future"


# ---------------------------------------------------------------------------------------------
# event_date


def test_event_date_nearest_to_trigger():
    s = "On Monday guards seized heroin, and on Wednesday they detained two couriers."
    dates = find_dates(s, PUB)
    assert event_date(dates, PUB, s.index("seized")).text == "On Monday"
    assert event_date(dates, PUB, s.index("detained")).text == "on Wednesday"
    assert event_date(dates, PUB).text == "On Monday"  # no trigger: the first phrase


def test_event_date_prefers_the_attached_phrase():
    a = DateValue("on Monday", 0, 9, "2021-09-27", "2021-09-27", "day", "relative_to_published", "past", head=40)
    b = DateValue("on Friday", 20, 29, "2021-10-01", "2021-10-01", "day", "relative_to_published", "present", head=10)
    assert event_date([a, b], PUB, trigger_offset=40) is a


def test_event_date_published_fallback():
    d = event_date([], PUB, 5)
    assert (d.date, d.date_end, d.precision, d.basis, d.text) == ("2021-10-01", "2021-10-01", "day",
                                                                  "published_fallback", "")


def test_event_date_no_date_at_all():
    d = event_date([], None, 5)
    assert (d.date, d.basis, d.precision) == (None, "unresolved", "unknown")


def test_event_date_keeps_an_unresolved_phrase_rather_than_falling_back():
    s = "Fighting resumed on the anniversary of the coup."
    dates = [resolve("the anniversary of the coup", PUB)]
    d = event_date(dates, PUB, s.index("resumed"))
    assert d.date is None and d.basis == "unresolved" and d.text == "the anniversary of the coup"


# ---------------------------------------------------------------------------------------------
# with the spaCy parse


@pytest.fixture(scope="module")
def nlp():
    from borderwatch.nlp.spacy_model import load

    return load()


def test_doc_gives_tense_and_head(nlp):
    doc = nlp("Officials said on Friday that the troops will be deployed on Monday.")
    got = find_dates(doc.text, date(2021, 9, 29), doc=doc)  # a Wednesday
    said, monday = got
    assert said.text == "on Friday" and said.date == "2021-09-24"  # "said": past
    assert monday.text == "on Monday" and monday.date == "2021-10-04" and monday.relation == "future"
    assert doc.text[monday.head:].startswith("deployed")
    assert doc.text[said.head:].startswith("said")


def test_doc_span_offsets_are_sentence_relative(nlp):
    doc = nlp("Guards were on alert. Talks resumed in Kabul on Monday after a pause.")
    sent = list(doc.sents)[1]
    got = find_dates(sent.text, PUB, doc=sent)
    assert [(d.text, sent.text[d.start:d.end]) for d in got] == [("on Monday", "on Monday")]
    d = event_date(got, PUB, sent.text.index("resumed"))
    assert d.text == "on Monday"


def test_doc_entity_not_in_the_grammar_is_kept_unresolved(nlp):
    doc = nlp("Clashes erupted during the first days of Ramadan near the border.")
    got = find_dates(doc.text, PUB, doc=doc)
    assert len(got) == 1 and got[0].date is None and "Ramadan" in got[0].text
    assert got[0].basis == "unresolved"


def test_doc_durations_and_frequencies_are_skipped(nlp):
    doc = nlp("The daily patrols have run for three hours every year for 27 years.")
    assert find_dates(doc.text, PUB, doc=doc) == []


def test_speed():
    sentences = [c[0] for c in CASES] * 4
    find_dates(sentences[0], PUB)
    t = time.perf_counter()
    for s in sentences:
        find_dates(s, PUB)
    per = (time.perf_counter() - t) / len(sentences)
    assert per < 0.002, f"{per * 1000:.2f} ms per sentence"


def test_impossible_day_keeps_its_text():
    d = one("The decree was signed on February 30, 2021.")
    assert d.text == "on February 30, 2021" and d.date is None and "no such day" in d.note


def test_past_tense_from_the_parse_rolls_back(nlp):
    doc = nlp("Guards clashed with smugglers on October 20, the agency said.")
    d = find_dates(doc.text, PUB, doc=doc)[0]
    assert d.date == "2020-10-20" and doc.text[d.head:].startswith("clashed")
    doc = nlp("The talks are scheduled to take place on October 20.")
    assert find_dates(doc.text, PUB, doc=doc)[0].date == "2021-10-20"


def test_particle_is_not_a_preposition():
    d = one("Eighteen aircraft had flown in overnight.")
    assert (d.text, d.date) == ("overnight", "2021-09-30")


def test_bare_year_in_a_name_is_not_a_date(nlp):
    doc = nlp("The drills are part of the Combat Brotherhood 2021 programme.")
    assert find_dates(doc.text, PUB, doc=doc) == []


def test_season_used_as_an_adjective_is_not_a_date(nlp):
    doc = nlp("The line will carry surplus summer electricity to Pakistan.")
    assert find_dates(doc.text, PUB, doc=doc) == []


def test_a_decade_gives_later_dates_no_year():
    """With no publication date, "24 September" after "in the 90s" has no year (it is not
    1990-09-24); after "in 2021" it takes that year."""
    from borderwatch.nlp.dates import find_dates

    got = find_dates("In the 90s of the last century the valley was a front line. "
                     "The conference took place on 24 September.", None)
    assert [(v.precision, v.date) for v in got] == [("decade", "1990-01-01"), ("unknown", None)]
    assert "24 September" in got[1].text
    got = find_dates("The clash began in 2021. The conference took place on 24 September.", None)
    assert got[1].date == "2021-09-24"


def test_a_decade_in_an_undated_text_is_background():
    """With no publication date the relation is unknown, but a decade is never the news: it must
    not frame the sentences after it."""
    found = [d for d in find_dates("The civil war of the 1990s still shapes politics here.", None)
             if d.precision == "decade"]
    assert found and all(d.background for d in found)


def test_a_timeline_line_opens_with_its_year_and_that_year_frames_its_months():
    pub = date(2025, 5, 1)
    vals = find_dates("2021 — The Taliban take Kabul in August; Tajikistan mobilises reservists.", pub)
    assert [(v.text, v.date, v.precision) for v in vals] == [("2021", "2021-01-01", "year"),
                                                              ("in August", "2021-08-01", "month")]
    assert [v.text for v in find_dates("Intro.\n- 2018: Gunmen kill four cyclists.", pub)] == ["2018"]
    assert find_dates("2000 soldiers crossed the river.", pub) == []  # a count, not a year
    assert find_dates("Some 2015 — not a timeline.", pub) == []
    # a year stated before a bare month in the same sentence gives it its year; the publication
    # year still counts when no past year was named
    assert find_dates("In 2021 the Taliban took Kabul on 15 August.", pub)[1].date == "2021-08-15"
    assert find_dates("Talks resumed in March.", pub)[0].date == "2025-03-01"


def test_a_timetable_present_points_forward(nlp):
    pub = date(2025, 3, 22)
    for text, want in [("The two sides meet again in Kabul in June.", "2025-06-01"),
                       ("The talks resume on 14 April.", "2025-04-14"),
                       ("Guards opened the crossing in June.", "2024-06-01"),  # past tense: last June
                       ("The Taliban take Kabul in August.", "2024-08-01")]:  # a historical present stays past
        doc = nlp(text)
        assert [v.date for v in find_dates(text, pub, doc=doc)] == [want], text


def test_a_range_of_years_is_a_prison_term_not_a_date():
    assert is_duration("between 7 and 15 years") and is_duration("two to five years") and is_duration("7-15 years")
    assert not is_duration("between 2019 and 2021") and not is_duration("from 7 to 15 May")


def test_overnight_on_a_named_day_is_that_night():
    """ "overnight on Saturday" is Saturday's night, one phrase; "overnight" alone was last night
    and had taken the seizure's date from the named day (a Tuesday for a Saturday)."""
    import datetime as dt

    from borderwatch.nlp.dates import find_dates

    got = find_dates("Guards seized 126 kg of heroin overnight on Saturday, the committee said on Sunday.",
                     dt.date(2025, 7, 2))
    assert [(d.text, d.date) for d in got] == [("overnight on Saturday", "2025-06-28"), ("on Sunday", "2025-06-29")]
    alone = find_dates("Guards clashed with smugglers overnight.", dt.date(2025, 7, 2))
    assert [(d.text, d.date) for d in alone] == [("overnight", "2025-07-01")]


def test_over_the_weekend_is_the_weekend_just_gone():
    """ "arrived over the weekend" in a Monday paper is the Saturday and Sunday before (it had
    stayed unresolved); in a Saturday paper it is that Saturday, never a day after publication."""
    import datetime as dt

    from borderwatch.nlp.dates import find_dates

    (mon,) = find_dates("The contingent arrived over the weekend.", dt.date(2026, 9, 21))
    assert (mon.date, mon.date_end, mon.relation) == ("2026-09-19", "2026-09-20", "past")
    (sat,) = find_dates("The contingent arrived at the weekend.", dt.date(2026, 9, 26))
    assert (sat.date, sat.date_end) == ("2026-09-26", "2026-09-26")


def test_a_month_of_that_year_takes_the_year_stated_before():
    """ "ISKP has carried out attacks since 2021. In October of that year, a bomber killed dozens":
    October 2021 (it had been read as "In October" of the last year and "of that year" apart)."""
    import datetime as dt

    from borderwatch.nlp.dates import find_dates

    (prev,) = find_dates("The group has carried out attacks since 2021.", dt.date(2026, 5, 15))
    (oct_,) = find_dates("In October of that year, a bomber killed dozens.", dt.date(2026, 5, 15), previous=prev)
    assert (oct_.text, oct_.date, oct_.date_end, oct_.background) == ("In October of that year", "2021-10-01",
                                                                     "2021-10-31", True)
    (may,) = find_dates("in May the following year", dt.date(2026, 5, 15), previous=prev)
    assert may.date == "2022-05-01"


def test_later_in_the_day_is_the_day_told_before():
    """ "Police detained the editor on Monday. ... held a picket later in the day": that Monday
    (it was unresolved, and the picket was marked planned from "later")."""
    import datetime as dt

    (prev,) = find_dates("Police detained the editor on Monday.", dt.date(2026, 11, 12))
    (later,) = find_dates("About 60 supporters held a silent picket later in the day.", dt.date(2026, 11, 12),
                          previous=prev)
    assert (later.text, later.date, later.date_end) == ("later in the day", "2026-11-09", "2026-11-09")
    (morning,) = find_dates("Earlier in the morning shots were heard.", dt.date(2026, 11, 12), previous=prev)
    assert morning.date == "2026-11-09"
