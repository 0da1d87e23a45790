"""Publication dates stated in scraped text ("Posted on Jan 19, 2025", "Published 3 October 2021 | 10:42")."""

from __future__ import annotations

import re
from datetime import date

_MONTH = r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?"
# An absolute date with a year: "Jan 19, 2025", "19 January 2025", "2025-01-19", "19.01.2025"
DATE_RE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})\b",
    re.I,
)
_PUBLISH_CUE = re.compile(r"\b(posted|published|(?:last )?updated|last modified|first published)\s*(on|at|:)?\s*", re.I)


def parse_date(text: str) -> str | None:
    """Parse one absolute date phrase to ISO ``YYYY-MM-DD``; None when it holds no full date."""
    m = DATE_RE.search(text)
    if not m:
        return None
    phrase = m.group(0)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}).*", phrase)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat()
        except ValueError:
            return None
    import dateparser

    # DMY for numeric forms: the region's outlets write 19.01.2025 day first.
    parsed = dateparser.parse(
        phrase, languages=["en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True}
    )
    return parsed.date().isoformat() if parsed else None


# "Kabul, 2 June 2025", "DUSHANBE - 14.03.2025": a place of one to three capitalised words
# before the date, as wire and regional outlets head their reports
# (also "ISLAMABAD/KABUL, 14 November 2026", "NAIROBI, Kenya — Thursday 22 October 2026" and
# accented names: "BOGOTÁ, Colombia — Sunday, November 22, 2026")
_PLACE = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+(?:[ -][A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+){0,2}"
_PLACE_LEAD = re.compile(rf"^({_PLACE}(?:\s*/\s*{_PLACE})*(?:,\s*{_PLACE})?)\s*(?:,|\s[-–—])\s*(?=\d|[A-Za-z]{{3}})")


def dateline(line: str) -> str | None:
    """If ``line`` is a publication-date line, return its ISO date."""
    s = line.strip()
    if len(s.split()) > 12 or not DATE_RE.search(s):
        return None
    lead = _PLACE_LEAD.match(s)
    if lead and not DATE_RE.match(s) and not _PUBLISH_CUE.match(s):
        s = s[lead.end():]
    # The whole line must be the date (plus cue, weekday, time, time zone and an "updated ...
    # ago" note), not a sentence that contains one: "February 11, 2026 7:12 AM GMT+5 Updated 2
    # hours ago", "Monday, 21 September 2026", "Wed, 11 Feb 2026 07:12:00 +0500".
    rest = DATE_RE.sub("", _PUBLISH_CUE.sub("", s), count=1)
    rest = _AGENCY.sub("", _AGO.sub("", _ZONE.sub("", rest)))
    rest = re.sub(r"\d{1,2}[:.]\d{2}(?::\d{2})?(\s*[ap]\.?m\.?)?|\b(?:gmt|utc|msk|cet|est|edt|et|ist|am|pm|updated|at)"
                  r"(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b|(?<![\w])[+-]\d{4}\b|" + _WEEKDAY + r"|[|,·•()\-–—:\s]", "", rest,
                  flags=re.I)
    if rest:
        return None
    return parse_date(s)


# the agency or desk a dateline credits after its date: "14 November 2026 (Staff Report) —"
_AGENCY = re.compile(r"\((?:[A-Z][\w&'’.-]*\s*){1,5}\)")
# time zones as stamps print them: "BST", "PKT", "CEST", "MSK", an ISO "Z" or "+00:00" after a clock
_ZONE = re.compile(r"\b(?:[A-Z]{1,4}T|MSK|UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b|(?<=\d)Z\b"
                   r"|(?<=\d)[+-]\d{2}:\d{2}\b")
_WEEKDAY = r"\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?"
# "Updated 2 hours ago", "5 min read"
_AGO = re.compile(r"(?:\b(?:last\s+)?updated\s*:?\s*)?\b\d{1,3}\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)"
                  r"\s+(?:ago|read)\b", re.I)


def published_in(line: str) -> str | None:
    """A publication date stated inside a credit line: "Courtesy: X (Posted on Jan 19, 2025)"."""
    m = _PUBLISH_CUE.search(line)
    if not m:
        return None
    return parse_date(line[m.end() :])


# "DUSHANBE, March 3 2025 —", "Kabul (Wire), 2 June 2025 - ", "TERMEZ, Uzbekistan, 10 April 2025
# (Wire) —": the date of a wire dateline that opens the first paragraph (the paragraph itself is
# story text and stays)
_WIRE_LEAD = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+(?:[ -][A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+){0,2}(?:\s*/\s*[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+(?:[ -][A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+){0,2})*(?:,\s*[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+(?:[ -][A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+)?)?"
    r"(?:\s*\([^)]{1,40}\))?\s*,\s*"
    r"(?P<date>[^—–()]{6,32}?)\s*(?:\([^)]{1,40}\)\s*)?(?:—|–|--|-)\s+\S")


def wire_date_span(text: str) -> tuple[int, int] | None:
    """Character offsets of the date of a wire dateline opening ``text`` ("DUSHANBE, March 3
    2025 — ..."; with or without a year), else None: the filing date, never an event's date."""
    m = _WIRE_LEAD.match(text)
    if m is None or not re.search(rf"\d|\b{_MONTH}", m.group("date"), re.I) or len(m.group("date").split()) > 5:
        m = _DATED_LEAD.match(text)
        if m is None or not DATE_RE.fullmatch(m.group("date").strip()):
            return None
    return m.start("date"), m.end("date")


# "Moscow, 9 May 2025. President ...": a full date closed by a full stop
_DATED_LEAD = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+(?:[ -][A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.]+){0,2}(?:,\s*[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’]+)?\s*,\s*"
                         r"(?P<date>[^.—–()]{6,24}\d{4})\.\s+[A-Z]")


def wire_date(paragraph: str) -> str | None:
    """The ISO date of a wire dateline opening ``paragraph``, when it states a full date ("KABUL,
    2 June 2025 - ...", "Moscow, 9 May 2025. President ...")."""
    m = _WIRE_LEAD.match(paragraph)
    if m is None or not DATE_RE.fullmatch(m.group("date").strip().rstrip(",")):
        m = _DATED_LEAD.match(paragraph)
        if m is None or not DATE_RE.fullmatch(m.group("date").strip()):
            return None
    return parse_date(m.group("date"))


_MONTH_DAY = re.compile(rf"^(?:{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH})$",
                        re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def wire_month_day(paragraph: str) -> tuple[int, int] | None:
    """(month, day) of a wire dateline that opens ``paragraph`` with no year ("DUSHANBE, Nov 3
    (Central Asia Wire) - ..."), else None. Wire copy is filed the day it is dated; the year is
    the reader's to assume (see :func:`assume_year`)."""
    m = _WIRE_LEAD.match(paragraph)
    if m is None:
        return None
    md = _MONTH_DAY.match(m.group("date").strip().rstrip(","))
    if md is None:
        return None
    word = next(w for w in re.findall(r"[A-Za-z]+", md.group(0)) if w.lower()[:3] in _MONTHS and w.lower() != "of")
    month, day = _MONTHS.index(word.lower()[:3]) + 1, int(md.group("d1") or md.group("d2"))
    try:
        date(2000, month, day)  # (a leap year: "Feb 29" is a day)
    except ValueError:
        return None
    return month, day


def assume_year(month: int, day: int, today: date) -> str | None:
    """The latest ``month``/``day`` not after ``today`` (plus a day for time zones), as ISO:
    the year a yearless wire dateline most likely means when the copy is read as it comes."""
    for year in (today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4):
        try:
            d = date(year, month, day)
        except ValueError:
            continue  # 29 February of a common year
        if (d - today).days <= 1:
            return d.isoformat()
    return None
