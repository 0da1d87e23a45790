"""Date phrases in news text, resolved to intervals anchored on the publication date.

Every date phrase becomes a :class:`DateValue`: the phrase as written with its character
offsets, an interval (``date`` .. ``date_end``, ISO days), the precision of the phrase
(day | week | month | quarter | year | decade | unknown), how it was resolved (``basis``), its
relation to the publication date (past | present | future) and a ``note`` for the evidence.
The design follows NGEC's date resolver (../shared/design/ANCHORS_NGEC_PLOVER.md §1.1): how
exact a date is (``approximate``) is kept apart from its granularity (``precision``), a phrase
that needs world knowledge ("the anniversary of the coup") is refused (``date`` None, text
kept), and the publication date is only a fallback, flagged ``published_fallback``.

Why a grammar of our own rather than dateparser alone (../shared/design/NLP_STACK.md §1e):
dateparser is right on the easy phrases but fails *silently* on the ones border news is full
of. "the 1990s" comes back as the base date, "in 2022" takes the base day (2022-10-01),
``search_dates`` turns the modal "may" into May, and "a week earlier", "the day before",
"April 26 of this year" and "earlier this month" give None. So a regex grammar (below) finds
and resolves the phrases; dateparser is only a guarded fallback for spaCy DATE entities the
grammar does not cover, and it is imported lazily.

Conventions (docs/dates_quantities.md has the full table):

- Offsets are into the ``text`` passed to :func:`find_dates` (a sentence, when called from
  the event stage); the phrase includes the preposition that carries meaning ("until
  September 6", "since 2013", "in 2022", "on the night of August 30").
- A day-month without a year is the nearest past occurrence: it stays in the publication
  year while it is at most FUTURE_SLACK_DAYS after publication (PAST_SLACK_DAYS when the parse
  shows a past-tense verb), else it rolls back a year; with a future-tense verb it is the next
  occurrence. A bare weekday is the most recent one on or before publication, or the next
  one on or after it for a future-tense verb.
- Parts of an interval ("early", "mid-", "the end of") take its first, middle or last third.
- Durations ("27 years", "for three hours", "a month and a half") are not dates:
  :func:`find_dates` skips them and :func:`resolve` returns them with ``date`` None and the
  note "duration, not a date".
- ``background`` marks a date that places its event outside the news window: "since 2013",
  "until September 6" (a state that ended or began earlier), a past decade, or an interval
  that ended more than BACKGROUND_DAYS before publication ("in 2019").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

BACKGROUND_DAYS = 120  # same window as borderwatch.nlp.events._long_before
FUTURE_SLACK_DAYS = 60  # "November 15" read on 2021-10-01 with no tense cue: kept in 2021 (upcoming)
PAST_SLACK_DAYS = 7  # ... with a past-tense verb: only a publication-date lag is tolerated
FUTURE_GRACE_DAYS = 3  # "will meet on September 30" read on 2021-10-01: still this year's

PRECISIONS = ("day", "week", "month", "quarter", "year", "decade", "unknown")
# a previous date that names its year ("in the 90s" does not: "24 September" after it has no year)
YEAR_PRECISE = frozenset({"day", "week", "month", "quarter", "year"})
_PREC_RANK = {p: i for i, p in enumerate(PRECISIONS)}


@dataclass(frozen=True)
class DateValue:
    """One date phrase and what it resolved to.

    The first nine fields are the interface the event stage uses; the last three are extras
    with defaults: ``approximate`` (the interval is a convention, e.g. "a week ago", "early
    October", "recently"), ``background`` (see the module docstring) and ``head`` (char offset,
    in the same text, of the verb the phrase attaches to in the parse, when a doc was given).
    """

    text: str
    start: int
    end: int
    date: str | None
    date_end: str | None
    precision: str
    basis: str
    relation: str
    note: str = ""
    approximate: bool = False
    background: bool = False
    head: int | None = None

    def interval(self) -> tuple[date, date] | None:
        if self.date is None or self.date_end is None:
            return None
        return date.fromisoformat(self.date), date.fromisoformat(self.date_end)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


# ---------------------------------------------------------------------------------------------
# vocabulary

_MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
           "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
           "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
_MON = r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
_MON_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = {"mon": 0, "tues": 1, "wednes": 2, "thurs": 3, "fri": 4, "satur": 5, "sun": 6}
_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
             "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
             "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "couple": 2, "a couple": 2,
             "a couple of": 2, "couple of": 2}
_VAGUE_N = {"few": (2, 4), "a few": (2, 4), "several": (3, 7)}
_NUM = (r"\d{1,3}|a\s+couple(?:\s+of)?|couple\s+of|a\s+few|few|several|an?|one|two|three|four|five|six|seven|eight"
        r"|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty"
        r"|forty|fifty|sixty")
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                 "eighties": 80, "nineties": 90}
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_YEAR = r"(?:1[89]|20)\d\d"

# prepositions kept in the phrase; which of them make a past date background
_PREPS = (r"ever\s+since|since|up\s+until|until|untill|till|til|as\s+of|as\s+early\s+as|as\s+late\s+as|no\s+later\s+than"
          r"|not\s+later\s+than|prior\s+to|dating\s+back\s+to|back\s+in|on|in|at|by|before|after|from|during|through"
          r"|throughout|around|about|circa|between|starting|beginning|over|within|for|of")
_BACKGROUND_PREPS = {"since", "ever since", "until", "up until", "untill", "till", "til", "dating back to", "back in",
                     "as early as", "as of"}
_PARTS = (r"early|mid|middle\s+of|late|end\s+of|beginning\s+of|start\s+of|close\s+of|first\s+half\s+of"
          r"|second\s+half\s+of|latter\s+half\s+of|(?:first|second|third|fourth|last|final)\s+quarter\s+of"
          r"|(?:first|last|final)\s+(?:week|days|months)\s+of|(?:early|small|late)\s+hours\s+of"
          r"|(?:first|last|final)\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+months\s+of"
          r"|night\s+of|morning\s+of|afternoon\s+of|evening\s+of|eve\s+of")
_MONTH_COUNTS = {**{w: i for i, w in enumerate(("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                                 "eleven"), start=2)}, **{str(i): i for i in range(1, 12)}}
_PARTICLE_PREPS = {"in", "at", "of", "for", "over", "within", "around", "about", "circa", "through", "throughout"}
_YEAR_CONTEXT_PREPS = {"in", "since", "ever since", "until", "up until", "untill", "till", "til", "by", "before", "after",
                       "from", "during", "as of", "through", "throughout", "between", "starting", "beginning",
                       "as early as", "as late as", "prior to", "dating back to", "back in", "of", "no later than",
                       "not later than"}
_FUTURE_CUES = re.compile(r"\b(?:will|shall|won't|wo\s+n't|going\s+to|gonna|scheduled|plans?\s+to|planned|planning\s+to"
                          r"|intends?\s+to|expected\s+to|set\s+to|is\s+due|are\s+due|to\s+be\s+held|upcoming)\b|['’]ll\b",
                          re.I)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–!?]|\bthat\b|\bbut\b|\bwhile\b|\bwhereas\b|,\s*(?:and|as|although|though|which|who)\b",
                           re.I)
_DURATION = re.compile(
    r"^(?:(?:for|over|within|in|during|about|around|nearly|almost|some|more\s+than|less\s+than|up\s+to|at\s+least"
    r"|only|just|another|the\s+first|a\s+further|the\s+whole|the\s+entire)\s+)*(?:the\s+)?(?:" + _NUM + r"|\d+(?:[.,]\d+)?"
    r"|many|several|\d+-|\w+-)?[\s-]*(?:and\s+a\s+half\s+)?(?:full\s+|whole\s+|long\s+|short\s+)?(?:hours?|days?|nights?"
    r"|weeks?|fortnights?|months?|years?|decades?|centuries|century|minutes?|seconds?|quarters?)(?:\s+and\s+a\s+half)?"
    r"(?:[\s-]+old|\s+long|\s+running|\s+in\s+a\s+row)?$", re.I)
# "between 7 and 15 years", "two to five years": a range of lengths (a prison term), not a date
_DURATION_RANGE = re.compile(
    r"^(?:(?:for|of|to|over|within)\s+)?(?:between\s+)?(?:" + _NUM + r"|\d+(?:[.,]\d+)?)\s*(?:and|to|or|-|–)\s*(?:"
    + _NUM + r"|\d+(?:[.,]\d+)?)\s+(?:hours?|days?|weeks?|months?|years?|decades?)(?:[\s-]+old|\s+long)?$", re.I)
_NOT_DATES = re.compile(
    r"^(?:the\s+)?(?:daily|weekly|monthly|annual|annually|yearly|quarterly|nightly|now|nowadays|currently|these\s+days"
    r"|time|the\s+time|that\s+time|this\s+time|the\s+past|the\s+future|future|past|the\s+day|the\s+year|the\s+week"
    r"|the\s+month|day|year|week|month|once|twice|every\s+\w+|each\s+\w+|\w+\s+times?|the\s+\w+\s+time|seasonal"
    r"|the\s+age\s+of\s+\d+|\d+\s+years?\s+of\s+age|age\s+\d+|ages?|the\s+era|an?\s+era|the\s+period)$", re.I)
_WORLD_KNOWLEDGE = re.compile(r"\b(?:anniversary|eid|ramadan|nowruz|navruz|christmas|easter|independence\s+day"
                              r"|the\s+(?:first|second|last)\s+day\s+of|holiday|festival|elections?|coup|war|era"
                              r"|soviet|takeover|withdrawal|century|centuries)\b", re.I)


# ---------------------------------------------------------------------------------------------
# calendar helpers


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _week(d: date) -> tuple[date, date]:
    mon = d - timedelta(days=d.weekday())
    return mon, mon + timedelta(days=6)


def _year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), _month_end(y, m)


def _season(name: str, y: int) -> tuple[date, date]:
    """Meteorological seasons, northern hemisphere; "winter of Y" is the winter holding January of Y."""
    if name == "spring":
        return date(y, 3, 1), date(y, 5, 31)
    if name == "summer":
        return date(y, 6, 1), date(y, 8, 31)
    if name in ("autumn", "fall"):
        return date(y, 9, 1), date(y, 11, 30)
    return date(y - 1, 12, 1), _month_end(y, 2)


def _season_year_containing(name: str, d: date) -> int:
    """The Y whose ``_season(name, Y)`` starts most recently on or before ``d``."""
    y = d.year + 1
    while _season(name, y)[0] > d:
        y -= 1
    return y


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _coarser(a: str, b: str) -> str:
    return a if _PREC_RANK.get(a, 6) >= _PREC_RANK.get(b, 6) else b


# ---------------------------------------------------------------------------------------------
# resolution context and result


@dataclass
class _Ctx:
    published: date | None
    previous: tuple[date, date, str] | None  # the latest resolved interval before this phrase
    tense: str | None  # "past" | "future" | None (unknown: read as past for weekdays)
    named_year: int | None = None  # a year stated before this phrase in the same text ("2021 — ... in August")


@dataclass
class _Res:
    s: date | None
    e: date | None
    precision: str
    basis: str
    note: str = ""
    approximate: bool = False
    end: int | None = None  # a handler may shorten the match (a rejected range tail)
    relation: str | None = None  # forced relation (only when the interval cannot tell)


def _unresolved(note: str, relation: str | None = None) -> _Res:
    return _Res(None, None, "unknown", "unresolved", note, relation=relation)


# ---------------------------------------------------------------------------------------------
# year inference


def _infer_year_md(m: int, d: int, ctx: _Ctx) -> tuple[int | None, str]:
    """Year of a day-month written without one ("September 23").

    Nearest past occurrence, because news reports what happened: read on 2021-10-01,
    "September 23" is 2021-09-23 and "December 9" is 2020-12-09. A date a little after
    publication stays in the publication year (the dateline may lag, or the event is upcoming)
    up to FUTURE_SLACK_DAYS, or PAST_SLACK_DAYS when the verb is past tense; a future-tense
    verb ("will meet on January 5") takes the next occurrence instead."""
    p = ctx.published
    if ctx.named_year is not None:
        return ctx.named_year, "year named earlier in the sentence"
    if p is None:
        if ctx.previous is not None:
            return ctx.previous[0].year, "year taken from the previous date (no publication date)"
        return None, "no year and no publication date"
    if ctx.tense == "future":
        for y in (p.year - 1, p.year, p.year + 1, p.year + 2):
            c = _safe_date(y, m, d)
            if c is not None and c >= p - timedelta(days=FUTURE_GRACE_DAYS):
                return y, "year inferred: next occurrence (future tense)"
        return None, "no such day"
    slack = PAST_SLACK_DAYS if ctx.tense == "past" else FUTURE_SLACK_DAYS
    for y in (p.year + 1, p.year, p.year - 1, p.year - 2):
        c = _safe_date(y, m, d)
        if c is not None and c <= p + timedelta(days=slack):
            if y == p.year:
                return y, "year inferred: publication year" + (" (after publication)" if c > p else "")
            return y, "year inferred: " + ("nearest past" if y < p.year else "next year, days after publication")
    return None, "no such day"


def _infer_year_month(m: int, ctx: _Ctx) -> tuple[int | None, str]:
    """Year of a bare month ("in May"): the current or most recent past one; a future-tense
    verb takes the next; with no tense cue, the month right after publication stays upcoming."""
    p = ctx.published
    if ctx.named_year is not None:
        return ctx.named_year, "year named earlier in the sentence"
    if p is None:
        if ctx.previous is not None:
            return ctx.previous[0].year, "year taken from the previous date (no publication date)"
        return None, "no year and no publication date"
    if ctx.tense == "future":
        return (p.year if m >= p.month else p.year + 1), "year inferred: next occurrence (future tense)"
    if m <= p.month:
        if ctx.tense is None and m == 1 and p.month == 12 and p.day >= 15:
            return p.year + 1, "year inferred: next year (upcoming month)"
        return p.year, "year inferred: publication year"
    if ctx.tense is None and date(p.year, m, 1) <= p + timedelta(days=31):
        return p.year, "year inferred: publication year (upcoming month)"
    return p.year - 1, "year inferred: nearest past"


def _two_digit_year(yy: int, ctx: _Ctx) -> int:
    top = (ctx.published.year if ctx.published else 2030) + 1
    return 2000 + yy if 2000 + yy <= top else 1900 + yy


# ---------------------------------------------------------------------------------------------
# atoms: each is a regex plus a check (is this really a date here?) and a handler


@dataclass(frozen=True)
class _Atom:
    name: str
    regex: re.Pattern[str]
    handler: Callable[[re.Match[str], _Ctx, dict[str, str | None]], _Res | None]
    accept: Callable[[re.Match[str], str, dict[str, str | None], bool], bool] | None = None
    takes_the: bool = False  # a bare "the" before it belongs to the phrase ("the 1990s", "the summer of 2021")


def _cap(word: str | None) -> bool:
    return bool(word) and word[0].isupper()


def _mon(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _num(word: str) -> float | None:
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w.isdigit():
        return float(w)
    return float(_NUMWORDS[w]) if w in _NUMWORDS else None


# -- explicit day dates


def _h_iso(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Res(d, d, "day", "explicit", "ISO date") if d else None


def _h_numeric(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """28.11.2024 is day-month-year (the region's sources and Russian style); with slashes a
    number above 12 decides the order, else day first is assumed and noted."""
    a, b, ytxt = int(m["a"]), int(m["b"]), m["y"]
    y = int(ytxt) if len(ytxt) == 4 else _two_digit_year(int(ytxt), ctx)
    note = "day.month.year"
    if m["s"] == "/":
        if a <= 12 < b:
            a, b = b, a
            note = "month/day/year (day > 12)"
        elif a > 12:
            note = "day/month/year (day > 12)"
        else:
            note = "day/month/year assumed (ambiguous)"
    d = _safe_date(y, b, a)
    return _Res(d, d, "day", "explicit", note) if d else None


def _day_range_end(m: re.Match[str], y: int, mon: int, d1: int) -> tuple[date | None, int | None]:
    """Second day of "September 1-5" / "30 to 31 August"; (None, shortened end) when it is not one."""
    if not m["d2"]:
        return None, None
    d2 = int(m["d2"])
    e = _safe_date(y, mon, d2)
    if e is None or d2 <= d1:
        return None, m.end("d1") if "d1" in m.groupdict() and m["d1"] else None
    return e, None


def _md_common(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None], mon: int, day: int) -> _Res | None:
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        y = int(m["y"])
        basis_note = "explicit year"
    elif m["ry"]:
        if ctx.published is None and ctx.previous is None:
            return _unresolved(f"'{m['ry']} year' with no publication date")
        ref = ctx.published or ctx.previous[0]  # type: ignore[index]
        rel = re.sub(r"\s+", " ", m["ry"].lower())
        if rel in ("this",):
            y = ref.year
        elif rel in ("last", "the previous"):
            y = ref.year - 1
        elif rel in ("next", "the following"):
            y = ref.year + 1
        else:  # "that year", "the same year": the previous date's year
            if ctx.previous is None:
                return _unresolved(f"'{rel} year' with no earlier date")
            y = ctx.previous[0].year
        basis_note = f"'{rel} year'"
    else:
        wd = m["wd"] if "wd" in m.groupdict() else None
        yi, basis_note = _infer_year_md(mon, day, ctx)
        if yi is None:
            return _unresolved(basis_note)
        if wd:  # "Monday, September 27": the weekday picks the year when it can
            want = _WEEKDAYS[wd.lower()[:-3]]
            for cand in (yi, yi - 1, yi + 1):
                c = _safe_date(cand, mon, day)
                if c is not None and c.weekday() == want:
                    if cand != yi:
                        basis_note = "year chosen to match the weekday"
                    yi = cand
                    break
        y = yi
    d = _safe_date(y, mon, day)
    if d is None:
        return _unresolved(f"no such day: {y}-{mon:02d}-{day:02d}")
    e, short = _day_range_end(m, y, mon, day)
    res = _Res(d, e or d, "day", "explicit", basis_note, end=short)
    if e is not None:
        res.note = (res.note + "; day range").lstrip("; ")
    return res


def _h_mdy(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    return _md_common(m, ctx, left, _mon(m["mon"]), int(m["d1"]))


def _h_dmy(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    return _md_common(m, ctx, left, _mon(m["mon"]), int(m["d1"]))


def _a_month_word(m: re.Match[str], text: str, left: dict[str, str | None], free: bool) -> bool:
    """Month names must be capitalised ("march", "august" are other words). "May" also needs a
    day, a year or a dating word around it, so the modal verb never becomes May."""
    mon = m["mon"]
    if not _cap(mon):
        return False
    if mon.lower() == "may":
        gd = m.groupdict()
        if gd.get("d1") or gd.get("y") or gd.get("q") or gd.get("ry"):
            return True
        return bool(left.get("prep") or left.get("part"))
    if mon.rstrip(".").lower() in ("mar", "jan", "jun", "jul", "aug", "dec", "sep", "sept", "oct", "nov", "feb", "apr"):
        return bool(m.groupdict().get("d1") or m.groupdict().get("y"))  # "Jan Kubis" is a name
    return True


# -- months, years, decades, seasons


def _h_month_year(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    s, e = _month(int(m["y"]), _mon(m["mon"]))
    return _Res(s, e, "month", "explicit", "month and year")


def _h_month_alone(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    mon = _mon(m["mon"])
    q = re.sub(r"\s+", " ", (m["q"] or "").lower())
    p, prev = ctx.published, ctx.previous
    if m["ry"]:
        rel = re.sub(r"\s+", " ", m["ry"].lower())
        if rel in ("that", "the same", "the following", "the previous"):
            # "in October of that year": the year of the date the text stated before
            if prev is None:
                return _unresolved(f"'{rel} year' with no earlier date")
            y = prev[0].year + {"that": 0, "the same": 0, "the following": 1, "the previous": -1}[rel]
            s, e = _month(y, mon)
            return _Res(s, e, "month", "relative_to_date", f"'{rel} year' after {prev[0].isoformat()}")
        ref = p or (prev[0] if prev else None)
        if ref is None:
            return _unresolved("no publication date")
        y = ref.year + {"this": 0, "last": -1, "next": 1}[rel]
        s, e = _month(y, mon)
        return _Res(s, e, "month", "explicit", f"'{rel} year'")
    if q in ("the following", "the next"):
        if prev is None:
            return _unresolved(f"'{q}' with no earlier date")
        a = prev[0]
        y = a.year if mon > a.month else a.year + 1
        s, e = _month(y, mon)
        return _Res(s, e, "month", "relative_to_date", f"first {m['mon']} after {a.isoformat()}")
    if q in ("the previous", "the preceding") and prev is not None:
        a = prev[0]
        y = a.year if mon < a.month else a.year - 1
        s, e = _month(y, mon)
        return _Res(s, e, "month", "relative_to_date", f"last {m['mon']} before {a.isoformat()}")
    if q in ("that", "the same"):
        if prev is None:
            return _unresolved(f"'{q}' with no earlier date")
        s, e = _month(prev[0].year, mon)
        return _Res(s, e, "month", "relative_to_date", f"year of {prev[0].isoformat()}")
    if p is None:
        y, note = _infer_year_month(mon, ctx)
        if y is None:
            return _unresolved(note)
        s, e = _month(y, mon)
        return _Res(s, e, "month", "explicit", note)
    if q in ("last", "past", "the previous", "the preceding"):
        y = p.year if mon < p.month else p.year - 1
        s, e = _month(y, mon)
        return _Res(s, e, "month", "relative_to_published", "most recent past month of that name")
    if q in ("next", "coming"):
        y = p.year if mon > p.month else p.year + 1
        s, e = _month(y, mon)
        return _Res(s, e, "month", "relative_to_published", "next month of that name")
    if q == "this":
        s, e = _month(p.year, mon)
        return _Res(s, e, "month", "relative_to_published", "publication year")
    y, note = _infer_year_month(mon, ctx)
    s, e = _month(y, mon)  # type: ignore[arg-type]
    return _Res(s, e, "month", "explicit", note)


# a year opening a line of a timeline, then a dash or a colon ("2015 — ...", "- 2021: ...")
_TIMELINE_YEAR = re.compile(r"[ \t]*(?:[-*•·][ \t]+)?(?:1[89]|20)\d\d[ \t]*(?:—|–|-{1,2}|:)[ \t]")


def _a_year(m: re.Match[str], text: str, left: dict[str, str | None], free: bool) -> bool:
    """A bare four-digit number is a year only with a dating word before it ("in 2022",
    "since 2013", "mid-2024", "the year 2013"), or when the caller already knows the phrase
    is a date (spaCy DATE entity, :func:`resolve`): "2000 soldiers" is a count."""
    if not free:
        return True
    prep = (left.get("prep") or "").lower()
    prep = re.sub(r"\s+", " ", prep)
    if prep in _YEAR_CONTEXT_PREPS or left.get("part"):
        return True
    if _TIMELINE_YEAR.match(text, text.rfind("\n", 0, m.start()) + 1) and _TIMELINE_YEAR.match(text, m.start()):
        return True  # "2015 — Militants briefly seize ...": a timeline's entry opens with its year
    before = text[max(0, m.start() - 12):m.start()].lower()
    if re.search(r"\b(?:1[89]|20)\d\d\s*(?:,|and|or|&)\s*$", before):
        return True  # "in 2019 and 2021": the dating word covers the list
    after = text[m.end():m.end() + 6].lower()
    return bool(re.search(r"(?:\byear|\bfiscal|\bsummer|\bwinter|\bspring|\bautumn|\bfall)\s+$", before)
                or re.match(r"\s+year\b|['’]s\b", after))


def _h_year(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    s, e = _year(int(m["y"]))
    return _Res(s, e, "year", "explicit", "year: whole year, not the publication day")


def _a_year_range(m: re.Match[str], text: str, left: dict[str, str | None], free: bool) -> bool:
    """"2019-21", "1992 to 1997", "between 2019 and 2021"; "in 2019 and 2021" are two years."""
    if re.search(r"\sand\s", m.group(0)) and left.get("prep") != "between":
        return False
    y1 = int(m["y"])
    y2 = _range_year2(m)
    return y2 is not None and y1 < y2 <= y1 + 60


def _range_year2(m: re.Match[str]) -> int | None:
    t = m["y2"]
    if len(t) == 4:
        return int(t)
    y1 = int(m["y"])
    y2 = (y1 // 100) * 100 + int(t)
    return y2 if y2 > y1 else None


def _h_year_range(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    y2 = _range_year2(m)
    if y2 is None:
        return None
    return _Res(date(int(m["y"]), 1, 1), date(y2, 12, 31), "year", "explicit", "year range")


def _a_decade(m: re.Match[str], text: str, left: dict[str, str | None], free: bool) -> bool:
    """"the 1990s", "the 90s", "the nineties"; a two-digit or word decade needs "the" (or a
    century) so "in their 40s" (ages) is not a decade."""
    if m["dec"]:
        return True
    return bool(left.get("the") or left.get("part") or m["cent"] or not free)


def _h_decade(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """A decade is its ten years; "the 90s of the last century" is the 1990s, and a bare
    "the 90s" is the most recent such decade not after publication."""
    if m["dec"]:
        y0 = int(m["dec"])
    elif m["dec2"]:
        y0 = _century_base(m, ctx, int(m["dec2"].lstrip("'")))
    else:
        y0 = _century_base(m, ctx, _DECADE_WORDS[m["wdec"].lower()])
    return _Res(date(y0, 1, 1), date(y0 + 9, 12, 31), "decade", "explicit", f"decade {y0}s")


def _century_base(m: re.Match[str], ctx: _Ctx, dd: int) -> int:
    cent = (m["cent"] or "").lower()
    if cent in ("last", "past", "previous", "twentieth", "20th"):
        return 1900 + dd
    if cent in ("this", "current", "twenty-first", "21st"):
        return 2000 + dd
    if cent in ("nineteenth", "19th"):
        return 1800 + dd
    ref = ctx.published.year if ctx.published else 2030
    return 2000 + dd if 2000 + dd <= ref else 1900 + dd


def _a_season(m: re.Match[str], text: str, left: dict[str, str | None], free: bool) -> bool:
    """"fall" is mostly the verb or "the fall of Kabul": a season only with last/this/next or a
    year; other seasons also with a dating word before them ("in summer", "the summer")."""
    if m["q"] or m["y"]:
        return True
    if m["s"].lower() == "fall":
        return False
    return bool(left.get("prep") or left.get("the") or left.get("part") or not free)


def _h_season(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    name = m["s"].lower()
    p = ctx.published
    q = (m["q"] or "").lower()
    if m["y"]:
        s, e = _season(name, int(m["y"]))
        return _Res(s, e, "quarter", "explicit", f"{name} (meteorological)")
    if p is None:
        return _unresolved("season with no year and no publication date")
    y = _season_year_containing(name, p)  # the current or most recent one
    cur_s, cur_e = _season(name, y)
    if q in ("last", "past", "previous"):
        y = y - 1 if cur_e >= p else y
    elif q in ("next", "coming"):
        y = y + 1
    elif (q == "this" or not q) and ctx.tense == "future" and cur_e < p:
        y += 1
    s, e = _season(name, y)
    return _Res(s, e, "quarter", "relative_to_published", f"{q + ' ' if q else ''}{name} (meteorological)")


def _h_quarter(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    k = int(m["qn"])
    y = int(m["y"])
    return _Res(date(y, 3 * k - 2, 1), _month_end(y, 3 * k), "quarter", "explicit", f"Q{k}")


# -- weekdays and named days


def _h_weekday(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """"on Monday" read on Friday 2021-10-01 is 2021-09-27: the most recent Monday on or before
    publication (wire style names days within the past week), or the next one on or after it
    when the verb is future ("will meet on Monday"). "last Monday" is strictly before,
    "next Monday" strictly after, "this Monday" the Monday of the publication week."""
    wd = _WEEKDAYS[m["wd"].lower()[:-3]]
    q = re.sub(r"\s+", " ", (m["q"] or "").lower())
    p, prev = ctx.published, ctx.previous
    if q in ("the following", "the next"):
        if prev is None:
            return _unresolved(f"'{q}' weekday with no earlier date")
        a = prev[0]
        d = a + timedelta(days=(wd - a.weekday()) % 7 or 7)
        return _Res(d, d, "day", "relative_to_date", f"first {m['wd']} after {a.isoformat()}")
    if q in ("the previous", "the preceding") and prev is not None:
        a = prev[0]
        d = a - timedelta(days=(a.weekday() - wd) % 7 or 7)
        return _Res(d, d, "day", "relative_to_date", f"last {m['wd']} before {a.isoformat()}")
    if q in ("that", "the same"):
        if prev is None or prev[2] != "day":
            return _unresolved(f"'{q} {m['wd']}' with no earlier day")
        return _Res(prev[0], prev[0], "day", "relative_to_date", f"same day as {prev[0].isoformat()}")
    if p is None:
        if prev is not None and prev[2] == "day":  # a dated story without a dateline: weekday before the last date
            a = prev[0]
            d = a - timedelta(days=(a.weekday() - wd) % 7)
            return _Res(d, d, "day", "relative_to_date", f"weekday on or before {a.isoformat()}")
        return _unresolved("weekday with no publication date")
    if q in ("last", "past", "the previous", "the preceding"):
        d = p - timedelta(days=(p.weekday() - wd) % 7 or 7)
        note = f"weekday before {p.isoformat()}"
    elif q in ("next", "coming"):
        d = p + timedelta(days=(wd - p.weekday()) % 7 or 7)
        note = f"weekday after {p.isoformat()}"
    elif q == "this":
        d = _week(p)[0] + timedelta(days=wd)
        note = f"weekday in the week of {p.isoformat()}"
    elif ctx.tense == "future":
        d = p + timedelta(days=(wd - p.weekday()) % 7)
        note = f"weekday on or after {p.isoformat()} (future tense)"
    else:
        d = p - timedelta(days=(p.weekday() - wd) % 7)
        note = f"weekday on or before {p.isoformat()}"
    return _Res(d, d, "day", "relative_to_published", note)


def _h_named_day(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    off = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "today": 0, "tomorrow": 1,
           "tonight": 0, "last night": -1, "this morning": 0, "this afternoon": 0, "this evening": 0,
           "overnight": -1}[w]
    if ctx.published is None:
        return _unresolved(f"'{w}' with no publication date")
    d = ctx.published + timedelta(days=off)
    return _Res(d, d, "day", "relative_to_published", f"{w}: {off:+d} day(s) from publication")


# -- relative periods


def _h_rel_period(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """"this week" / "last month" / "next year" are calendar periods around publication
    (weeks Monday–Sunday); "earlier this month" runs from the start of the month to the day
    before publication, "later this year" from the day after to its end. "the past week"
    (with "the") is a rolling window ending on the publication day."""
    p = ctx.published
    q = m["q"].lower()
    unit = m["u"].lower()
    e_ = (m["e"] or "").lower()
    rolling = q in ("past", "last") and m["the_"] is not None
    if p is None:
        return _unresolved(f"'{m.group(0)}' with no publication date",
                           relation="past" if q in ("last", "past", "previous") or e_ == "earlier" else
                           "future" if q in ("next", "coming") else None)
    if unit in _SEASONS:
        return None  # seasons have their own atom
    if rolling or (q == "coming" and m["the_"] is not None):
        span = {"week": 7, "weekend": 3, "month": 30, "year": 365, "quarter": 91, "decade": 3652}[unit]
        if q == "coming":
            return _Res(p + timedelta(days=1), p + timedelta(days=span), _unit_prec(unit), "relative_to_published",
                        f"the coming {unit}: {span} days after publication", approximate=True)
        return _Res(p - timedelta(days=span), p, _unit_prec(unit), "relative_to_published",
                    f"rolling {unit} ending on publication", approximate=True, relation="past")
    shift = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[q]
    if unit in ("week", "weekend"):
        s, e = _week(p + timedelta(days=7 * shift))
        if unit == "weekend":
            s = s + timedelta(days=5)
            if q in ("last", "past", "previous") and p.weekday() == 6:  # a Sunday paper's "last weekend"
                s, e = s - timedelta(days=7), e - timedelta(days=7)
    elif unit == "month":
        first = _add_months(date(p.year, p.month, 1), shift)
        s, e = _month(first.year, first.month)
    elif unit == "quarter":
        qi = (p.month - 1) // 3 + shift
        y, qi = p.year + qi // 4, qi % 4
        s, e = date(y, 3 * qi + 1, 1), _month_end(y, 3 * qi + 3)
    elif unit == "decade":
        y0 = (p.year // 10) * 10 + 10 * shift
        s, e = date(y0, 1, 1), date(y0 + 9, 12, 31)
    else:
        s, e = _year(p.year + shift)
    note = f"{q} {unit}: {s.isoformat()}..{e.isoformat()}"
    if e_ == "earlier":
        e = max(s, p - timedelta(days=1))
        note = f"earlier this {unit}: start of the {unit} to the day before publication"
    elif e_ == "later":
        s = min(e, p + timedelta(days=1))
        note = f"later this {unit}: day after publication to the end of the {unit}"
    return _Res(s, e, _unit_prec(unit), "relative_to_published", note)


def _unit_prec(unit: str) -> str:
    unit = unit.lower().rstrip("s")
    return {"hour": "day", "night": "day", "day": "day", "week": "week", "weekend": "week", "fortnight": "week",
            "month": "month", "quarter": "quarter", "year": "year", "decade": "decade"}.get(unit, "unknown")


def _shifted_unit(anchor: date, unit: str, step: int) -> tuple[date, date, str]:
    """The week, month or year ``step`` units from the one holding ``anchor``."""
    if unit in ("week", "weekend"):
        s, e = _week(anchor + timedelta(days=7 * step))
        return s, e, "week"
    if unit == "month":
        first = _add_months(date(anchor.year, anchor.month, 1), step)
        s, e = _month(first.year, first.month)
        return s, e, "month"
    s, e = _year(anchor.year + step)
    return s, e, "year"


def _h_rel_prev(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """"the next day", "the following week", "that year", "the same day": relative to the
    previous date in the text. Without one, "the previous/preceding X" counts back from
    publication; "the next/following/same X" and "that X" are refused (they narrate from a
    date we do not have)."""
    q = re.sub(r"\s+", " ", m["q"].lower())
    q = "that" if q == "in the" else q  # "later in the day": the day told before
    unit = m["u"].lower()
    unit = "day" if unit in ("night", "morning", "evening", "afternoon") else unit
    prev = ctx.previous
    if prev is None:
        if q in ("the previous", "the preceding", "the prior") and ctx.published is not None:
            a, basis = ctx.published, "relative_to_published"
            prev_s = prev_e = a
            prec0 = "day"
        else:
            return _unresolved(f"'{m.group(0)}' with no earlier date in the text")
    else:
        prev_s, prev_e, prec0 = prev
        basis = "relative_to_date"
    step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1, "the prior": -1,
            "the same": 0, "that": 0}[q]
    anchor = prev_s if step <= 0 else prev_e
    if unit == "day":
        if step == 0:
            s, e, prec = prev_s, prev_e, prec0
        else:
            s, e, prec = prev_s + timedelta(days=step), prev_e + timedelta(days=step), prec0
    else:
        s, e, prec = _shifted_unit(anchor, unit, step)
    return _Res(s, e, prec, basis, f"{q} {unit} relative to {anchor.isoformat()}")


def _n_range(n_txt: str) -> tuple[float, float]:
    w = re.sub(r"\s+", " ", n_txt.lower())
    if w in _VAGUE_N:
        lo, hi = _VAGUE_N[w]
        return float(lo), float(hi)
    n = _num(w)
    return (n, n) if n is not None else (1.0, 1.0)


def _shift(d: date, k: float, unit: str) -> date:
    """``d`` moved by ``k`` units (k may be fractional: "a month and a half")."""
    if unit == "hour":
        return d + timedelta(days=int(k / 24))
    if unit in ("day", "night"):
        return d + timedelta(days=round(k))
    if unit in ("week", "fortnight"):
        return d + timedelta(days=round(k * (14 if unit == "fortnight" else 7)))
    months = k * {"month": 1, "year": 12, "decade": 120}[unit]
    whole = int(months)
    return _add_months(d, whole) + timedelta(days=round((months - whole) * 30))


def _h_offset(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """"two days ago" (from publication), "a week earlier" / "three days later" (from the
    previous date in the text, else publication), "two days before the attack" (refused:
    the attack's date needs world knowledge unless the text gave it).

    Days are exact; weeks get ±3 days and months ±15 days (approximate: "a week ago" is
    loose); years and decades are calendar years and decades ("two years ago" read in 2021
    is 2019)."""
    direction = m["dir"].lower()
    unit = m["u"].lower()
    lo, hi = _n_range(m["n"])
    if m["half"]:
        lo, hi = lo + 0.5, hi + 0.5
    if _refers_to_event(m):
        return _unresolved(f"'{m.group(0).strip()} …': relative to an event not dated in the text")
    sign = 1 if direction in ("later", "after") else -1
    if sign > 0 and ctx.previous is None:
        return _unresolved(f"'{m.group(0).strip()}' with no earlier date in the text", relation="past")
    if direction in ("ago", "back") or ctx.previous is None:
        if ctx.published is None:
            return _unresolved("offset with no publication date", relation="past" if sign < 0 else "future")
        a_s = a_e = ctx.published
        prec0 = "day"
        basis, anchor_note = "relative_to_published", ctx.published.isoformat()
    else:
        a_s, a_e, prec0 = ctx.previous
        basis, anchor_note = "relative_to_date", a_s.isoformat()
    centers = [_shift(a, sign * k, unit) for a in (a_s, a_e) for k in (lo, hi)]
    s0, e0 = min(centers), max(centers)
    approx = lo != hi
    if unit in ("hour", "day", "night"):
        s, e, prec = s0, e0, _coarser("day", prec0)
    elif unit in ("week", "fortnight"):
        s, e, prec, approx = s0 - timedelta(days=3), e0 + timedelta(days=3), _coarser("week", prec0), True
    elif unit == "month":
        s, e, prec, approx = s0 - timedelta(days=15), e0 + timedelta(days=15), _coarser("month", prec0), True
    elif unit == "year":
        s, e, prec = date(s0.year, 1, 1), date(e0.year, 12, 31), "year"
    else:
        s, e, prec, approx = date(s0.year // 10 * 10, 1, 1), date(e0.year // 10 * 10 + 9, 12, 31), "decade", True
    word = "before" if sign < 0 else "after"
    return _Res(s, e, prec, basis, f"{m['n'].lower()} {unit}(s){' and a half' if m['half'] else ''} {word} {anchor_note}",
                approximate=approx)


def _h_rel_before(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """"the day before" / "the week after": one unit from the previous date in the text; with
    none, "the day before" is the day before publication (the reporter's yesterday)."""
    if _refers_to_event(m):
        return _unresolved(f"'{m.group(0).strip()} …': relative to an event not dated in the text")
    sign = -1 if m["dir"].lower() in ("before", "earlier", "prior") else 1
    unit = m["u"].lower()
    prev = ctx.previous
    if prev is None:
        if sign > 0 or ctx.published is None:
            return _unresolved(f"'{m.group(0).strip()}' with no earlier date in the text")
        a_s = a_e = ctx.published
        prec0, basis, anchor = "day", "relative_to_published", ctx.published
    else:
        a_s, a_e, prec0 = prev
        basis, anchor = "relative_to_date", a_s
    if unit in ("day", "night"):
        s, e, prec = a_s + timedelta(days=sign), a_e + timedelta(days=sign), _coarser("day", prec0)
    else:
        s, e, prec = _shifted_unit(a_s, unit, sign)
    return _Res(s, e, prec, basis, f"{unit} {'before' if sign < 0 else 'after'} {anchor.isoformat()}")


_ROLLING_DEFAULT = {"hour": 24, "day": 7, "night": 7, "week": 4, "month": 6, "year": 3, "decade": 1}


def _h_rolling(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """"in recent days", "over the past 20 years", "in the coming weeks": windows ending (or
    starting) at publication. With no number: days = 7, weeks = 4, months = 6, years = 3
    (conventions, so approximate); "the past N units" = N units."""
    p = ctx.published
    q = (m["q"] or "").lower()
    unit = m["u"].lower().rstrip("s")
    future = q in ("coming", "next", "upcoming")
    if p is None:
        return _unresolved("window with no publication date", relation="future" if future else "past")
    n = _n_range(m["n"])[1] if m["n"] else _ROLLING_DEFAULT[unit]
    far = _shift(p, n if future else -n, unit)
    prec = "day" if unit == "hour" else _unit_prec(unit)
    if future:
        return _Res(min(far, p + timedelta(days=1)), far, prec, "relative_to_published",
                    f"window of {(far - p).days} day(s) after publication", approximate=True)
    return _Res(far, p, prec, "relative_to_published", f"window of {(p - far).days} day(s) before publication",
                approximate=True, relation="past")


def _h_recently(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """"recently", "not long ago", "lately": the 30 days before publication (a convention, approximate)."""
    p = ctx.published
    if p is None:
        return _unresolved("'recently' with no publication date", relation="past")
    return _Res(p - timedelta(days=30), p, "month", "relative_to_published", "recently: the 30 days before publication",
                approximate=True, relation="past")


def _a_the_unit(m: re.Match[str], text: str, left: dict[str, str | None], free: bool) -> bool:
    return bool(left.get("part"))


def _h_the_unit(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """"(by) the end of the year / the month": the publication's year or month."""
    p = ctx.published
    if p is None:
        return _unresolved("no publication date")
    unit = m["u"].lower()
    if unit == "year":
        s, e = _year(p.year)
    elif unit == "month":
        s, e = _month(p.year, p.month)
    elif unit == "week":
        s, e = _week(p)
    else:
        y0 = (p.year // 10) * 10
        s, e = date(y0, 1, 1), date(y0 + 9, 12, 31)
    return _Res(s, e, _unit_prec(unit), "relative_to_published", f"the {unit} of publication")


def _h_the_weekend(m: re.Match[str], ctx: _Ctx, left: dict[str, str | None]) -> _Res | None:
    """ "arrived over the weekend": the Saturday and Sunday on or just before publication (news
    reports a weekend gone; a Saturday or Sunday paper's is its own)."""
    p = ctx.published
    if p is None:
        return _unresolved("no publication date", relation="past")
    sat = p - timedelta(days=(p.weekday() - 5) % 7)
    end = min(sat + timedelta(days=1), p)
    return _Res(sat, end, _unit_prec("weekend"), "relative_to_published",
                f"the weekend on or before publication: {sat.isoformat()}..{end.isoformat()}",
                approximate=True, relation="past")


_OBJ = re.compile(r"\s+(?:to\s+)?(?:(?:the|a|an|his|her|their|its|this|that|these|those)\s+\w|(?-i:[A-Z][a-z]))", re.I)


def _refers_to_event(m: re.Match[str]) -> bool:
    """"two days before the attack", "the day after Rahmon's speech": the anchor is an event."""
    return m["dir"].lower() in ("before", "after", "prior") and bool(_OBJ.match(m.string, m.end()))

_ATOMS: list[_Atom] = [
    _Atom("iso", re.compile(r"\b(?P<y>" + _YEAR + r")(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])\b"
                            r"(?![-/.]\d)"), _h_iso),
    _Atom("numeric", re.compile(r"(?<![\d.,/])(?P<a>[0-3]?\d)(?P<s>[./])(?P<b>[0-3]?\d)(?P=s)(?P<y>" + _YEAR + r"|\d\d)\b"
                                r"(?![./]\d)"), _h_numeric),
    _Atom("mdy", re.compile(r"\b(?:(?P<wd>" + _WD + r"),?\s+)?(?P<mon>" + _MON + r")\.?\s+(?:the\s+)?(?P<d1>[0-3]?\d)"
                            r"(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|per\s+cent|:\d|[.,]\d))"
                            r"(?:\s*(?:-|–|—|to|through|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?!(?:in|on|at|of|the|and|or|as"
                            r"|when|after|before|during|near|this|last|next)\b)[a-z%]{2}))?"
                            r"(?:,?\s+(?P<y>" + _YEAR + r")\b|\s+(?:of\s+)?(?P<ry>this|last|next|the\s+same|that"
                            r"|the\s+previous|the\s+following)\s+year\b)?", re.I), _h_mdy, _a_month_word),
    _Atom("dmy", re.compile(r"\b(?:(?P<wd>" + _WD + r"),?\s+)?(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
                            r"(?:\s*(?:-|–|—|to|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<mon>" + _MON
                            + r")\b\.?(?:,?\s+(?P<y>" + _YEAR + r")\b|\s+(?:of\s+)?(?P<ry>this|last|next|the\s+same"
                            r"|that|the\s+previous|the\s+following)\s+year\b)?", re.I), _h_dmy, _a_month_word),
    _Atom("month_year", re.compile(r"\b(?P<mon>" + _MON + r")\.?,?\s+(?:of\s+)?(?P<y>" + _YEAR + r")\b(?![-–]\d)", re.I),
          _h_month_year, _a_month_word),
    _Atom("month", re.compile(r"\b(?:(?P<q>last|this|next|coming|past|the\s+following|the\s+next|the\s+previous"
                              r"|the\s+preceding|the\s+same|that)\s+)?(?P<mon>" + _MON_FULL + r")\b(?!\s*\d)"
                              r"(?:\s+(?:of\s+)?(?P<ry>this|last|next|that|the\s+same|the\s+following|the\s+previous)"
                              r"\s+year\b)?", re.I), _h_month_alone, _a_month_word),
    _Atom("quarter", re.compile(r"\bQ(?P<qn>[1-4])\s*(?P<y>" + _YEAR + r")\b"), _h_quarter),
    _Atom("year_range", re.compile(r"\b(?P<y>" + _YEAR + r")\s*(?:-|–|—|to|and|through|until|till)\s*(?P<y2>" + _YEAR
                                   + r"|\d\d)\b(?!\s*(?:%|percent|[-–/.]\d))", re.I), _h_year_range, _a_year_range),
    _Atom("decade", re.compile(r"(?:(?:\b(?P<dec>(?:1[89]|20)\d0)|(?<![\w'])(?P<dec2>'?\d0))['’]?s|\b(?P<wdec>twenties"
                               r"|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"
                               r"(?:\s+of\s+the\s+(?P<cent>last|past|previous|this|current|twentieth|20th|twenty-first"
                               r"|21st|nineteenth|19th)\s+century)?", re.I), _h_decade, _a_decade, takes_the=True),
    _Atom("year", re.compile(r"\b(?P<y>" + _YEAR + r")\b(?!\s*(?:%|percent|per\s+cent)|[-–/.,]\d|s\b)", re.I),
          _h_year, _a_year),
    _Atom("season", re.compile(r"\b(?:(?P<q>last|this|next|past|coming|previous)\s+)?(?P<s>spring|summer|autumn|fall"
                               r"|winter)\b(?:\s+(?:of\s+)?(?P<y>" + _YEAR + r")\b)?", re.I), _h_season, _a_season,
          takes_the=True),
    _Atom("named_day", re.compile(r"\b(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today"
                                  r"|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|overnight)\b"
                                  r"(?:\s+(?:morning|afternoon|evening|night))?", re.I), _h_named_day),
    _Atom("weekday", re.compile(r"\b(?:(?P<q>last|next|this|coming|past|the\s+following|the\s+next|the\s+previous"
                                r"|the\s+preceding|that|the\s+same)\s+)?(?P<wd>" + _WD + r")\b"
                                r"(?:\s+(?:morning|afternoon|evening|night))?", re.I), _h_weekday,
          lambda m, t, left, free: _cap(m["wd"])),
    _Atom("offset", re.compile(r"\b(?P<n>" + _NUM + r")\s+(?P<u>hour|day|night|week|fortnight|month|year|decade)s?"
                               r"(?P<half>\s+and\s+a\s+half)?\s+(?P<dir>ago|earlier|later|before|after|previously"
                               r"|prior|back)\b", re.I), _h_offset),
    _Atom("rel_before", re.compile(r"\bthe\s+(?P<u>day|night|week|month|year)\s+(?P<dir>before|after|earlier|later|prior)"
                                   r"\b", re.I), _h_rel_before),
    _Atom("rel_prev", re.compile(r"\b(?P<q>the\s+(?:following|next|previous|preceding|same|prior)|that)\s+(?P<u>day|night"
                                 r"|morning|evening|afternoon|week|weekend|month|year)\b", re.I), _h_rel_prev),
    _Atom("same_day", re.compile(r"\b(?:later|earlier)\s+(?P<q>in\s+the)\s+(?P<u>day|morning|evening|afternoon|night)\b",
                                 re.I), _h_rel_prev),
    _Atom("rel_period", re.compile(r"(?P<the_>\bthe\s+)?\b(?:(?P<e>earlier|later)\s+)?(?P<q>this|last|next|past|coming"
                                   r"|current|previous)\s+(?P<u>week|weekend|month|year|quarter|decade)\b", re.I),
          _h_rel_period),
    _Atom("rolling", re.compile(r"\b(?:the\s+)?(?P<q>recent|past|last|previous|coming|next|upcoming)\s+(?:(?P<n>" + _NUM
                                + r")\s+)?(?P<u>hours|days|nights|weeks|months|years|decades)\b", re.I), _h_rolling),
    _Atom("recently", re.compile(r"\b(?:recently|not\s+long\s+ago|lately)\b", re.I), _h_recently),
    _Atom("the_weekend", re.compile(r"\b(?:over|during|at|on)\s+the\s+weekend\b", re.I), _h_the_weekend),
    _Atom("the_unit", re.compile(r"\bthe\s+(?P<u>year|month|week|decade)\b", re.I), _h_the_unit, _a_the_unit),
]


_PREFILTER = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday"
                        r"|today|tomorrow|tonight|night|ago|earlier|later|before|after|week|month|year|decade|recent"
                        r"|lately|spring|summer|autumn|fall|winter|twenties|thirties|forties|fifties|sixties|seventies"
                        r"|eighties|nineties|overnight|past|coming|following|previous|preceding|same|day)", re.I)


# ---------------------------------------------------------------------------------------------
# scanning


@dataclass
class _Cand:
    start: int  # where the phrase starts, its preposition or part ("until", "the end of") included
    end: int
    atom: _Atom | None  # None: a spaCy DATE entity the grammar does not cover
    match: re.Match[str] | None
    left: dict[str, str | None]


_LEFT = re.compile(r"(?:\b(?P<prep>" + _PREPS + r")\s+)?(?:\b(?P<pthe>the\s+)?(?:very\s+)?(?P<part>" + _PARTS
                   + r")(?:\s*-\s*|\s+))?(?:\b(?P<the>the)\s+)?$", re.I)


def _left_context(text: str, start: int, takes_the: bool) -> tuple[int, dict[str, str | None]]:
    """The dating words right before a grammar match, and where the phrase then starts.

    A part ("early", "the end of") and the preposition before it join the phrase; a lone
    "the" joins only decades and seasons ("the 1990s"); a preposition joins unless a lone
    "the" stands between it and the match ("in the September 23 attack" keeps "September 23")."""
    lo = max(0, start - 48)
    window = text[lo:start]
    m = _LEFT.search(window)
    if m is None:
        return start, {}
    gd = {k: (re.sub(r"\s+", " ", v.lower()) if v else None) for k, v in m.groupdict().items()}
    if gd.get("part"):
        first = m.start("prep") if m.group("prep") else m.start("pthe") if m.group("pthe") else m.start("part")
        return lo + first, gd
    if gd.get("the"):
        if not takes_the:
            gd["prep"] = None
            return start, gd
        return lo + (m.start("prep") if m.group("prep") else m.start("the")), gd
    if gd.get("prep"):
        return lo + m.start("prep"), gd
    return start, gd


def _scan(text: str, free: bool) -> list[_Cand]:
    """Non-overlapping grammar matches, longest first (``free``: running text, where bare
    years and lone "May" need a dating word)."""
    found: list[_Cand] = []
    for atom in _ATOMS:
        for m in atom.regex.finditer(text):
            if m.end() <= m.start():
                continue
            st, left = _left_context(text, m.start(), atom.takes_the)
            if atom.name in ("named_day", "weekday", "offset", "rel_before") and left.get("prep") in _PARTICLE_PREPS \
                    and not left.get("part"):
                st, left = m.start(), {**left, "prep": None}  # "had flown in overnight": a particle, not "in"
            if atom.accept is not None and not atom.accept(m, text, left, free):
                continue
            found.append(_Cand(st, m.end(), atom, m, left))
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[_Cand] = []
    for c in found:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


# ---------------------------------------------------------------------------------------------
# parts ("early", "mid-", "the end of") and finishing


def _apply_part(part: str, s: date, e: date, prec: str) -> tuple[date, date, str, str, bool]:
    """Narrow an interval: early/beginning/start = first third, mid/middle = middle third,
    late/end/close = last third (a year: Jan–Apr, May–Aug, Sep–Dec; a month: 1–10, 11–20,
    21–end; a decade: 0–3, 4–6, 7–9). "the eve of" is the day before; "the night of" and the
    like leave a day unchanged."""
    p = part.replace("  ", " ")
    if p.startswith("eve"):
        return s - timedelta(days=1), e - timedelta(days=1), prec, "eve: the day before", False
    if prec == "day" or p.startswith(("night", "morning", "afternoon", "evening", "early hours", "small hours",
                                       "late hours")):
        return s, e, prec, f"{p.replace(' of', '')}", False
    which = ("first" if p.startswith(("early", "beginning", "start", "first")) else
             "middle" if p.startswith(("mid", "middle")) else "last")
    if "half" in p:
        which = "firsthalf" if p.startswith("first") else "secondhalf"
    if "quarter" in p:
        which = "q" + {"first": "1", "second": "2", "third": "3", "fourth": "4", "last": "4", "final": "4"}[p.split()[0]]
    if "week of" in p or "days of" in p:
        which = "firstweek" if p.startswith("first") else "lastweek"
    one_year = prec == "year" and s.year == e.year and (s.month, s.day, e.month, e.day) == (1, 1, 12, 31)
    one_month = prec == "month" and s.year == e.year and s.month == e.month and s.day == 1 and e == _month_end(e.year, e.month)
    decade = prec == "decade" and e.year - s.year == 9
    if which == "firstweek":
        return s, min(e, s + timedelta(days=6)), "week", "first week", False
    if which == "lastweek":
        return max(s, e - timedelta(days=6)), e, "week", "last week", False
    counted = re.match(r"(first|last|final)\s+(\w+)\s+months", p)
    if one_year and counted and _MONTH_COUNTS.get(counted.group(2).lower(), 0):
        # "the first nine months of 2025": January to September
        n = _MONTH_COUNTS[counted.group(2).lower()]
        a, b = (1, n) if counted.group(1) == "first" else (13 - n, 12)
        return date(s.year, a, 1), _month_end(s.year, b), "quarter" if n <= 3 else "year", f"{p}: months {a}-{b}", False
    if one_year:
        y = s.year
        table = {"first": (1, 4), "middle": (5, 8), "last": (9, 12), "firsthalf": (1, 6), "secondhalf": (7, 12),
                 "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12)}
        a, b = table[which]
        return date(y, a, 1), _month_end(y, b), "quarter", f"{p}: months {a}-{b}", which[0] != "q"
    if one_month:
        y, mo = s.year, s.month
        last = e.day
        table = {"first": (1, 10), "middle": (11, 20), "last": (21, last), "firsthalf": (1, 15),
                 "secondhalf": (16, last)}
        if which in table:
            a, b = table[which]
            return date(y, mo, a), date(y, mo, b), "month", f"{p}: days {a}-{b}", True
    if decade:
        y0 = s.year
        table = {"first": (0, 3), "middle": (4, 6), "last": (7, 9), "firsthalf": (0, 4), "secondhalf": (5, 9)}
        if which in table:
            a, b = table[which]
            return date(y0 + a, 1, 1), date(y0 + b, 12, 31), "decade", f"{p}: years {a}-{b}", True
    n = (e - s).days + 1
    thirds = {"first": (0, n // 3), "middle": (n // 3, 2 * n // 3), "last": (2 * n // 3, n),
              "firsthalf": (0, n // 2), "secondhalf": (n // 2, n)}
    a, b = thirds.get(which, (0, n))
    return s + timedelta(days=a), s + timedelta(days=max(a, b - 1)), prec, f"{p}: part of the interval", True


def _relation(s: date | None, e: date | None, published: date | None, forced: str | None) -> str:
    if forced:
        return forced
    if s is None or e is None or published is None:
        return "present"
    if e < published:
        return "past"
    if s > published:
        return "future"
    return "present"


def _finish(text: str, c: _Cand, res: _Res, ctx: _Ctx, head: int | None) -> DateValue:
    start = c.start
    end = res.end if res.end is not None else c.end
    note = res.note
    approx = res.approximate
    s, e, prec = res.s, res.e, res.precision
    left = c.left
    if left.get("part") and s is not None and e is not None:
        s, e, prec, pnote, papprox = _apply_part(left["part"], s, e, prec)
        note = f"{note}; {pnote}".strip("; ")
        approx = approx or papprox
    relation = _relation(s, e, ctx.published, res.relation)
    if res.relation is None and s is not None and ctx.tense == "past" and relation == "future" and ctx.published \
            and s <= ctx.published + timedelta(days=PAST_SLACK_DAYS):
        relation = "past"
        note = f"{note}; past tense: after publication by {(s - ctx.published).days} day(s), read as past".strip("; ")
    prep = (left.get("prep") or "").lower()
    background = False
    if relation == "past":
        if prep in _BACKGROUND_PREPS:
            background = True
            note = f"{note}; background: '{prep}' bounds an earlier state".strip("; ")
        elif prec == "decade":
            background = True
            note = f"{note}; background: a past decade".strip("; ")
        elif ctx.published is not None and e is not None and (ctx.published - e).days > BACKGROUND_DAYS:
            background = True
            note = f"{note}; background: ended more than {BACKGROUND_DAYS} days before publication".strip("; ")
    elif prep in ("since", "ever since") and relation == "present":
        background = True
        note = f"{note}; background: 'since' starts a state".strip("; ")
    elif prec == "decade" and ctx.published is None and res.relation != "future":
        # a decade such as "in the 1990s" in an undated text: a decade is never the news
        background = True
        note = f"{note}; background: a decade, no publication date".strip("; ")
    if ctx.published is None and s is not None:
        note = f"{note}; no publication date: relation unknown".strip("; ")
    return DateValue(text=text[start:end], start=start, end=end, date=s.isoformat() if s else None,
                     date_end=e.isoformat() if e else None, precision=prec, basis=res.basis, relation=relation,
                     note=note, approximate=approx, background=background, head=head)


# ---------------------------------------------------------------------------------------------
# tense


_PLAN_LEMMAS = {"plan", "intend", "expect", "schedule", "set", "due", "aim", "prepare", "hope", "promise", "agree",
                "decide", "vow", "pledge", "threaten",
                # what is asked is still to come: "urged Islamabad to suspend returns until the spring"
                "urge", "ask", "call", "tell", "order", "request", "appeal", "press", "invite", "want", "encourage"}


# verbs that report a statement: their "would" is a reported "will"
_REPORTING_LEMMAS = frozenset({"say", "announce", "confirm", "state", "tell", "add", "declare", "insist", "promise",
                               "pledge", "vow", "warn", "indicate", "report", "write"})
# verbs whose simple present, with a date, is a timetable ("the talks resume on Monday")
_SCHEDULE_LEMMAS = frozenset({"meet", "open", "start", "begin", "resume", "visit", "arrive", "travel", "expire",
                              "convene", "gather", "launch", "reopen", "close", "end", "host", "vote"})


def _tense_from_doc(doc: Any, off: int, s: int, e: int) -> tuple[str | None, int | None]:
    """Tense of the verb the phrase hangs on, and that verb's offset, from the parse."""
    try:
        span = getattr(doc, "doc", doc).char_span(off + s, off + e, alignment_mode="expand")
    except Exception:  # noqa: BLE001 - a misaligned span is not worth failing a document over
        span = None
    if span is None or not len(span):
        return None, None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None, None
    head = tok.idx - off
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in ("will", "shall", "'ll", "’ll", "wo") for c in auxes):
        return "future", head
    if tok.dep_ == "xcomp" and tok.head.lemma_ in _PLAN_LEMMAS:
        return "future", head
    if any(c.lower_ == "would" for c in auxes) and tok.dep_ == "ccomp" and tok.head.lemma_ in _REPORTING_LEMMAS \
            and not _dated_statement(tok.head, tok):
        return "future", head  # "confirmed that its soldiers would leave Mali in December": reported "will"
    if tok.lemma_ in ("schedule", "plan") and tok.tag_ == "VBN":
        return "future", head
    if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
        return "past", head
    if tok.tag_ in ("VBP", "VBZ") and not auxes and tok.lemma_.lower() in _SCHEDULE_LEMMAS:
        return "future", head  # "the two sides meet again in Kabul in June": a timetable's present
    return None, head


def _dated_statement(verb: Any, clause: Any) -> bool:
    """Does the reporting verb carry a month or a year of its own ("said in March that talks would
    resume in May")? Then its "would" looks forward from then, not from the publication."""
    return any(t.lower_ in _MONTHS or (t.like_num and len(t.text) == 4 and t.text.isdigit())
               for c in verb.children if c.i != clause.i and c.dep_ in ("prep", "npadvmod", "advmod")
               for t in c.subtree)


def _tense_from_text(text: str, s: int, e: int) -> str | None:
    """No parse: a future auxiliary in the same clause ("the talks will resume on Monday")."""
    lo = 0
    for b in _CLAUSE_BREAK.finditer(text, 0, s):
        lo = b.end()
    nb = _CLAUSE_BREAK.search(text, e)
    hi = nb.start() if nb else len(text)
    return "future" if _FUTURE_CUES.search(text[lo:s] + " " + text[e:hi]) else None


# ---------------------------------------------------------------------------------------------
# dateparser fallback (lazy, guarded)


@lru_cache(maxsize=32)
def _dateparser(published: date) -> Any:
    from dateparser.date import DateDataParser

    base = datetime(published.year, published.month, published.day, 12, 0)
    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                                                       "RETURN_TIME_AS_PERIOD": True})


_DP_OK = re.compile(r"\b(?:" + _MON + r")\b|" + _WD + r"|\d|\b(?:yesterday|today|tomorrow|ago)\b", re.I)


def _via_dateparser(phrase: str, ctx: _Ctx) -> _Res | None:
    """dateparser on a phrase the grammar did not cover, only when it names a month, a weekday,
    a number or a named day, and never trusted when it just returns the base date (its silent
    failure on "the 1990s") or a lower-case "may"."""
    if ctx.published is None or not _DP_OK.search(phrase) or re.search(r"\bmay\b", phrase):
        return None
    try:
        data = _dateparser(ctx.published).get_date_data(phrase)
    except Exception:  # noqa: BLE001 - dateparser raises on odd input; the phrase then stays unresolved
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    if not 1900 <= d.year <= 2100:
        return None
    if d == ctx.published and not re.search(r"\b(?:today|now|tonight|this)\b", phrase, re.I):
        return None
    period = data.period or "day"
    if period in ("day", "time"):
        s = e = d
        prec = "day"
    elif period == "week":
        s, e = _week(d)
        prec = "week"
    elif period == "month":
        s, e = _month(d.year, d.month)
        prec = "month"
    else:
        s, e = _year(d.year)
        prec = "year"
    basis = "explicit" if re.search(_YEAR, phrase) else "relative_to_published"
    return _Res(s, e, prec, basis, f"dateparser ({period})")


# ---------------------------------------------------------------------------------------------
# public API


def _ctx_prev(v: DateValue | None) -> tuple[date, date, str] | None:
    """The interval later phrases resolve against; a decade or century ("in the 90s") gives
    them no year, so it ends the chain instead."""
    if v is None or v.date is None or v.date_end is None or v.precision not in YEAR_PRECISE:
        return None
    try:
        return date.fromisoformat(v.date), date.fromisoformat(v.date_end), v.precision
    except ValueError:
        return None


def is_duration(phrase: str) -> bool:
    """"27 years", "for three hours", "a month and a half", "25 years old": a length of time, not a date."""
    p = phrase.strip().strip(",.;:")
    if re.search(r"\b(?:ago|earlier|later|before|after|since|until|till|previously|back)\b", p, re.I):
        return False
    return bool(_DURATION.match(p)) or bool(_DURATION_RANGE.match(p)) or bool(re.match(r"^(?:an?\s+)?\w+\s+(?:and\s+a\s+half\s+)?(?:hours?|days?|weeks?"
                                                       r"|months?|years?)\s+and\s+a\s+half$", p, re.I)) \
        or bool(re.match(r"^an?\s+(?:month|year|week|day)\s+and\s+a\s+half$", p, re.I))


def _resolve_cand(text: str, c: _Cand, ctx: _Ctx, head: int | None) -> DateValue | None:
    if c.atom is not None and c.match is not None:
        res = c.atom.handler(c.match, ctx, c.left)
        if res is None:
            return None
        return _finish(text, c, res, ctx, head)
    phrase = text[c.start:c.end]
    res = _via_dateparser(phrase, ctx)
    if res is None:
        why = ("needs world knowledge" if _WORLD_KNOWLEDGE.search(phrase) else "not understood")
        low = phrase.lower()
        rel = ("past" if re.search(r"\b(?:ago|last|past|previous|earlier|recent|former)\b", low) else
               "future" if re.search(r"\b(?:next|coming|upcoming|later|future)\b", low) else None)
        res = _unresolved(f"unresolved: {why}", relation=rel)
    return _finish(text, c, res, ctx, head)


def resolve(phrase: str, published: date | None, previous: DateValue | None = None, *,
            tense: str | None = None) -> DateValue:
    """Resolve one date phrase; the value spans the whole phrase (offsets 0..len(phrase)).

    ``previous`` anchors "the day before", "a week earlier", "the following September";
    ``tense`` ("past" | "future") picks the direction for weekdays and year-less dates.
    A duration comes back with ``date`` None and the note "duration, not a date"; a phrase
    nobody can read comes back unresolved with its text kept. Never raises on garbage."""
    text = phrase if isinstance(phrase, str) else str(phrase)
    ctx = _Ctx(published, _ctx_prev(previous), tense)
    stripped = text.strip()
    if not stripped:
        return DateValue(text, 0, len(text), None, None, "unknown", "unresolved", "present", "empty phrase")
    if is_duration(stripped):
        return DateValue(text, 0, len(text), None, None, "unknown", "unresolved", "present", "duration, not a date")
    vals = _find(text, published, None, previous, tense, free=False)
    core = re.sub(r"[\s,.;:()]+", " ", text).strip()
    if vals:
        best = max(vals, key=lambda v: v.end - v.start)
        rest = (text[:best.start] + " " + text[best.end:]).strip(" ,.;:()")
        if not rest or re.fullmatch(r"(?:on|in|at|the|of|\s)*", rest, re.I) or len(rest) < len(core) / 3:
            if best.start == 0 and best.end == len(text):
                return best
            return replace(best, text=text, start=0, end=len(text),
                           note=f"{best.note}; read from '{best.text}'".strip("; "))
        if best.date is None:  # the grammar knew why it cannot be dated ("two days before the attack")
            return DateValue(text, 0, len(text), None, None, "unknown", "unresolved", best.relation, best.note)
    v = _resolve_cand(text, _Cand(0, len(text), None, None, {}), ctx, None)
    return v if v is not None else DateValue(text, 0, len(text), None, None, "unknown", "unresolved", "present",
                                             "unresolved: not understood")


def find_dates(text: str, published: date | None, doc: Any = None, *, previous: DateValue | None = None,
               tense: str | None = None) -> list[DateValue]:
    """Every date phrase in ``text`` (a sentence or a document), resolved, in text order.

    Offsets are into ``text``. The grammar finds the phrases; when ``doc`` (a spaCy Doc or
    Span whose text is ``text``) is given, its DATE entities the grammar missed are added
    (resolved by dateparser under guards, else kept unresolved), its TIME entities are ignored
    (clock times do not date an event), and the parse gives each phrase its verb's tense and
    offset (``head``). Durations are skipped. "the day before" and the like count from the
    previous date found in the same text, else from ``previous`` (the last date of an earlier
    sentence, if the caller passes it), else from publication. ``tense`` forces one tense for
    all phrases; by default it comes from the parse, or from a future auxiliary in the clause.
    """
    if not isinstance(text, str) or not text:
        return []
    if doc is None and not _PREFILTER.search(text):
        return []
    return _find(text, published, doc, previous, tense, free=True)


def _find(text: str, published: date | None, doc: Any, previous: DateValue | None, tense: str | None,
          free: bool) -> list[DateValue]:
    cands = _scan(text, free=free)
    off = 0
    use_doc = doc is not None and getattr(doc, "text", None) == text
    if use_doc:
        off = getattr(doc, "start_char", 0)
        for ent in getattr(doc, "ents", ()):
            if ent.label_ != "DATE":
                continue
            s, e = ent.start_char - off, ent.end_char - off
            if any(not (e <= c.start or s >= c.end) for c in cands):
                continue
            phrase = text[s:e]
            if is_duration(phrase) or _NOT_DATES.match(phrase.strip()) or re.fullmatch(r"\W*may\W*", phrase, re.I):
                continue
            inner = _scan(phrase, free=False)
            if len(inner) == 1 and inner[0].start == 0 and inner[0].end == len(phrase):
                # the grammar reads it but refused it in context: a bare year in a name ("Combat Brotherhood
                # 2021 programme"), a season used as an adjective ("surplus summer electricity")
                continue
            cands.append(_Cand(s, e, None, None, {}))
        cands.sort(key=lambda c: c.start)
    out: list[DateValue] = []
    preps: list[str] = []
    prev = _ctx_prev(previous)
    named_year: int | None = None
    for c in cands:
        t, head = (None, None)
        if tense is not None:
            t = tense
        elif use_doc:
            t, head = _tense_from_doc(doc, off, c.start, c.end)
        if t is None and tense is None:
            t = _tense_from_text(text, c.start, c.end)
        ctx = _Ctx(published, prev, t, named_year)
        try:
            v = _resolve_cand(text, c, ctx, head)
        except (ValueError, OverflowError, KeyError):  # a date out of range: keep the text, no date
            v = _finish(text, c, _unresolved("unresolved: out of range"), ctx, head)
        if v is None:
            continue
        out.append(v)
        preps.append((c.left.get("prep") or "") if c.atom is not None else "")
        p = _ctx_prev(v)
        if p is not None or v.date is not None:
            prev = p  # a decade ends the chain; an unresolved phrase leaves it as it was
        if v.precision == "year" and v.date and v.basis == "explicit" and (published is None or v.date[:4] < str(published.year)):
            named_year = int(v.date[:4])  # a past year stated outright frames the months after it
    return _merge_ranges(text, _night_of(text, out), preps)


def _night_of(text: str, vals: list[DateValue]) -> list[DateValue]:
    """ "overnight on Saturday", "overnight into Sunday": one night, the day the phrase names (a
    lone "overnight" is last night, which "on Saturday" overrules)."""
    out: list[DateValue] = []
    skip = False
    for i, v in enumerate(vals):
        if skip:
            skip = False
            continue
        nxt = vals[i + 1] if i + 1 < len(vals) else None
        if nxt is not None and v.text.lower() == "overnight" and nxt.date \
                and re.fullmatch(r"\s+(?:on|to|into)?\s*", text[v.end:nxt.start] + " "):
            out.append(replace(nxt, text=text[v.start:nxt.end], start=v.start, note=f"night of: {nxt.note}"))
            skip = True
            continue
        out.append(v)
    return out


_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*$", re.I)


def _merge_ranges(text: str, vals: list[DateValue], preps: list[str]) -> list[DateValue]:
    """"from September 28 to October 2", "between 2019 and 2021": one interval."""
    out: list[DateValue] = []
    i = 0
    while i < len(vals):
        a = vals[i]
        if i + 1 < len(vals):
            b = vals[i + 1]
            gap = text[a.end:b.start]
            sep = _RANGE_SEP.match(gap) if gap.strip() else None
            b_prep = preps[i + 1]
            ok = a.date and b.date and a.date_end and b.date_end and a.date <= b.date_end
            if ok and ((sep and (sep.group(0).strip().lower() != "and" or preps[i] == "between"))
                       or (not gap.strip() and b_prep in ("until", "till", "through", "to") and preps[i] in ("from", "between"))):
                prec = a.precision if _PREC_RANK[a.precision] <= _PREC_RANK[b.precision] else b.precision
                basis = a.basis if a.basis == b.basis else ("explicit" if "explicit" in (a.basis, b.basis) else a.basis)
                rel = ("past" if a.relation == b.relation == "past" else "future" if a.relation == b.relation == "future"
                       else "present")
                out.append(DateValue(text=text[a.start:b.end], start=a.start, end=b.end, date=a.date, date_end=b.date_end,
                                     precision=prec, basis=basis, relation=rel, note=f"range: {a.note} | {b.note}",
                                     approximate=a.approximate or b.approximate, background=a.background and b.background,
                                     head=a.head if a.head is not None else b.head))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def event_date(sentence_dates: list[DateValue], published: date | None, trigger_offset: int | None = None,
               clause_offsets: frozenset[int] | None = None, foreign_offsets: frozenset[int] | None = None
               ) -> DateValue:
    """The date of an event in one sentence.

    The phrase attached to the trigger in the parse (``head`` == ``trigger_offset``) wins;
    then a phrase attached inside the trigger's own clause (``clause_offsets``: the offsets of
    its subtree's tokens, so "reported on Saturday that two were wounded when gunfire broke out
    late on Friday" is Friday, not the day of the report); else the phrase nearest the trigger
    (character distance; with no trigger, the first phrase); a background phrase ("until
    2021") only when no other is left. A phrase attached inside a relative clause or a noun's
    modifier under the trigger (``foreign_offsets``: "promised funds for the programme, which was
    adopted last November") dates that noun, never the event. An unresolved phrase can win: the sentence did state a date, so it stays null
    with its text rather than silently becoming the publication date. With no phrase at all,
    the publication date is the fallback (basis ``published_fallback``, precision day); with
    no publication date either, an unresolved value with ``date`` None."""
    dates = [d for d in sentence_dates if d is not None and not (foreign_offsets and d.head in foreign_offsets)]
    if dates:
        if trigger_offset is None:
            return dates[0]
        attached = [d for d in dates if d.head is not None and d.head == trigger_offset]
        inside = [d for d in dates if d.head is not None and d.head in (clause_offsets or ())]
        pool = attached or inside or dates

        def dist(d: DateValue) -> tuple[bool, int, int]:
            # a background phrase comes last: "the US, Afghanistan's largest donor until 2021, cut
            # aid earlier this year" is this year (the parse hangs both phrases on "cut")
            if d.start <= trigger_offset < d.end:
                return d.background, 0, d.start
            gap = d.start - trigger_offset if d.start >= trigger_offset else trigger_offset - d.end
            return d.background, gap, d.start

        return min(pool, key=dist)
    if published is not None:
        iso = published.isoformat()
        return DateValue(text="", start=0, end=0, date=iso, date_end=iso, precision="day", basis="published_fallback",
                         relation="present", note="no date in the sentence: publication date")
    return DateValue(text="", start=0, end=0, date=None, date_end=None, precision="unknown", basis="unresolved",
                     relation="present", note="no date in the sentence and no publication date")
