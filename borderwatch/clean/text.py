"""Repair scraped article text: normalise, drop boilerplate, rejoin hyphens, split
several articles held in one input, and read title, byline and stated dates.

The cleaner works on lines first (boilerplate and header lines are line-shaped), then on
paragraphs. Every change is recorded in ``repairs`` so an analyst can see what was
removed and why: nothing disappears silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from borderwatch.clean.boilerplate import classify_line
from borderwatch.clean.dates import dateline, published_in, wire_date, wire_month_day
from borderwatch.clean.hyphen import repair_hyphenation

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\u2063\ufeff\u00ad"), None)
# Stands in for removed page furniture between paragraphs, so the splitter can see where
# "Read also" lines, separators and credits were; normalize() strips it from input.
_MARK = "\u2063"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_STRAY_MARK_END = re.compile(r"[.!?…]\s*[“„«‘]$")
_TERMINAL = (".", "!", "?", ":", ";", "”", '"', "’", "'", ")", "»", "…")
# A junk token a scraper glued to a headline: letters/digits/dots holding a digit,
# directly followed by the headline's capital ("c7.730x0Massoud, Taliban ...").
_JUNK_PREFIX = re.compile(r"^(?=[\w.]*\d)([a-z0-9][a-z0-9._]{2,15}?)(?=[A-Z][a-z])")
# ("By Nino Kapanadze in Tbilisi": the name, without where the reporter filed from)
_BYLINE = re.compile(r"^(?:by|written by|author|reporting by)\s*:?\s+(?P<name>[^\d|,]{3,80}?)\s*"
                     r"(?:\s(?:in|from)\s+[A-ZÀ-Þ][^\d|,]{1,40})?(?:[|,(].*)?$", re.I)
# a credit line with no person's name: "Staff and agencies", "Reuters", "Our correspondent"
_STAFF_CREDIT = re.compile(
    r"^(?:(?:staff|agencies|wires?|(?:our )?(?:own |special )?correspondents?|(?:staff |special )?(?:reporter|writer)s?"
    r"|reuters|afp|ap|associated press|agence france-presse|xinhua|tass|ria novosti|interfax|anadolu)"
    r"(?:\s*(?:and|&|/|,)\s*)?){1,3}$", re.I)
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "its", "it", "this", "that", "these", "those", "not", "no", "into", "over", "after", "before", "about", "than", "then", "so", "if"]
)


@dataclass
class CleanPart:
    """One article found in an input, cleaned."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_basis: str | None = None
    repairs: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Line:
    text: str
    removed: str | None = None  # boilerplate reason when dropped


def normalize(text: str) -> str:
    """NFC, Unix newlines, plain spaces, no zero-width characters, no trailing blanks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.translate(_ZERO_WIDTH)
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
    return "\n".join(lines)


def _key(s: str) -> str:
    """Comparison key: letters and digits only, lower case."""
    return re.sub(r"[\W_]+", " ", s.casefold()).strip()


def _words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", s)


def is_title_like(s: str, max_words: int = 25) -> bool:
    """A short line that does not end like a sentence (a question or exclamation may)."""
    w = _words(s)
    if not (1 <= len(w) <= max_words) or len(s) > 220:
        return False
    return not s.rstrip().endswith((".", ",", ";", ":", "”", '"')) or len(w) <= 14 and s.endswith(".") and len(w) >= 5


def is_title_case(s: str) -> bool:
    w = [x for x in _words(s) if x.lower() not in _STOP]
    return len(_words(s)) >= 3 and bool(w) and sum(1 for x in w if x[:1].isupper() or x[:1].isdigit()) / len(w) >= 0.75


def _is_name(s: str) -> bool:
    """A bare byline: 2-4 capitalised words that are not ordinary vocabulary."""
    from borderwatch.clean.hyphen import _zipf

    w = s.split()
    if not 2 <= len(w) <= 4 or s.endswith(_TERMINAL):
        return False
    if not all(re.fullmatch(r"[A-Z][\w'’.-]*", x) for x in w):
        return False
    # "Kirill Krivosheev" yes; "Border Security" no (common words)
    common = sum(1 for x in w if _zipf(x.lower()) >= 4.6 and x.lower() not in {"john", "david", "mark", "james"})
    return common == 0


def _name_and_outlet(s: str) -> str | None:
    """A byline of a bare name and the outlet or role after a comma ("Rahim Nazarov, Asia Security
    Monitor", "Jane Doe, Staff Reporter"): the name, else None."""
    name, sep, rest = s.partition(",")
    words = rest.split()
    if not sep or not 1 <= len(words) <= 5 or s.endswith(_TERMINAL) or any(ch.isdigit() for ch in rest):
        return None
    if not _is_name(name.strip()) or not all(re.fullmatch(r"[A-Z][\w'’.&-]*|of|the|for|and", w) for w in words):
        return None
    return name.strip()


def _cohesion(a: list[str], b: list[str]) -> float:
    def bag(ps: list[str]) -> set[str]:
        return {w.lower() for p in ps for w in _words(p) if len(w) > 3 and w.lower() not in _STOP}

    x, y = bag(a), bag(b)
    return len(x & y) / max(1, min(len(x), len(y)))


_CLOSERS = "”\"’')»"


def _ends_sentence(line: str) -> bool:
    """Does the line end a sentence? A closing quote or bracket ends one only after a full stop or
    the like inside it ('... we will leave."'); 'Dushanbe "had no involvement whatsoever"' at a
    wrap goes on. "... their internal problems. “": a sentence end with a stray mark is an end too."""
    if _STRAY_MARK_END.search(line) is not None:
        return True
    if not line.endswith(_TERMINAL):
        return False
    core = line.rstrip(_CLOSERS)
    return core == line or core.endswith(_TERMINAL)


def _paragraphs(lines: list[str]) -> list[str]:
    """Assemble kept lines into paragraphs.

    Blank lines always separate paragraphs. Inside a block a line break is a wrap (join
    with a space) when the line does not end like a sentence and either the next line
    starts in lower case or the line is about as long as the block's wrap width; otherwise
    it is a paragraph break (one-paragraph-per-line scrapes).
    """
    paras: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        width = max(len(x) for x in block)
        cur = block[0]
        for nxt in block[1:]:
            last = cur.split("\n")[-1]
            header = _BYLINE.match(nxt) or dateline(nxt) or dateline(last) or _BYLINE.match(last) or _is_name(nxt)
            # "... their internal problems. “": a sentence end with a stray mark is an end too
            ended = _ends_sentence(cur)
            wrap = not header and not ended and (
                nxt[:1].islower() or (len(block) >= 3 and len(last) >= 0.8 * width and width >= 60)
            )
            if wrap:
                cur = f"{cur} {nxt}"
            else:
                paras.append(cur)
                cur = nxt
        paras.append(cur)
        block.clear()

    for ln in lines:
        if ln:
            block.append(ln)
        else:
            flush()
    flush()
    return paras


def _strip_junk(title: str, repairs: list[dict[str, Any]]) -> str:
    m = _JUNK_PREFIX.match(title)
    if m:
        repairs.append({"repair": "junk_prefix", "token": m.group(1), "line": title})
        return title[m.end() :]
    return title


def _split_points(paras: list[str], marks: set[int]) -> list[int]:
    """Indexes of paragraphs that open a new article (a headline after a finished one).

    A candidate must look like a headline, follow at least 120 words of body and be
    followed by body text. Evidence, each worth points: a junk token glued to it (2, the
    scraper joined two pages), a byline or date line right after it (2), Title Case (1),
    removed page furniture just before it (1: "Read also", a separator, a credit), and
    little vocabulary shared between the text before and after (1).
    Two points are needed: a Title Case sub-heading alone does not split an article.
    """
    points: list[int] = []
    words_since = 0
    for i, p in enumerate(paras):
        n = len(_words(p))
        if i > 0 and words_since >= 120 and is_title_like(p, 20) and n >= 3:
            after = paras[i + 1 : i + 8]
            body_after = sum(len(_words(x)) for x in after)
            if body_after >= 60:
                score = 0
                if _JUNK_PREFIX.match(p):
                    score += 2
                nxt = paras[i + 1] if i + 1 < len(paras) else ""
                if _BYLINE.match(nxt) or _is_name(nxt) or dateline(nxt):
                    score += 2
                if is_title_case(_JUNK_PREFIX.sub("", p)):
                    score += 1
                if i in marks:
                    score += 1
                start = points[-1] if points else 0
                if _cohesion(paras[start:i], after) < 0.12:
                    score += 1
                if score >= 2:
                    points.append(i)
                    words_since = 0
                    continue
        words_since += n
    return points


def _header(
    paras: list[str], known_title: str | None, is_first: bool, repairs: list[dict[str, Any]]
) -> tuple[str | None, str | None, str | None, list[str]]:
    """Read section label, title, repeated title, byline and date lines at an article's top."""
    title = known_title
    author: str | None = None
    published: str | None = None
    i = 0
    # Section label: a 1-3 word line directly above the headline ("ASIA", "Central Asia").
    # ("Earthquake hits Gorno-Badakhshan" over "Published: 5 April 2025" is the headline itself)
    if not known_title and len(paras) > 2 and len(_words(paras[0])) <= 3 and is_title_like(paras[1]) \
            and not paras[0].endswith(_TERMINAL) and not _header_line(paras[1]):
        repairs.append({"repair": "boilerplate", "reason": "section_label", "line": paras[0]})
        i = 1
    if title is None and i < len(paras) and is_title_like(paras[i]) and len(paras) - i > 1:
        title = _strip_junk(paras[i], repairs)
        i += 1
    elif title is not None and i < len(paras) and _key(_strip_junk(paras[i], [])) == _key(title):
        repairs.append({"repair": "repeated_title", "line": paras[i]})
        i += 1
    # Up to four more header lines: repeated title, byline, date.
    for _ in range(4):
        if i >= len(paras):
            break
        p = paras[i]
        meta = _meta_line(p)
        if title and _key(p) == _key(title):
            repairs.append({"repair": "repeated_title", "line": p})
        elif meta is not None:
            m_author, m_date = meta
            author = author or m_author
            published = published or m_date
            repairs.append({"repair": "byline", "line": p, **({"date": m_date} if m_date else {})})
        elif (m := _BYLINE.match(p)) and len(p.split()) <= 12:
            author = author or m.group("name").strip()
            repairs.append({"repair": "byline", "line": p})
        elif _is_name(p) and author is None:
            author = p
            repairs.append({"repair": "byline", "line": p})
        elif _STAFF_CREDIT.match(p) and author is None:
            author = p  # "Staff and agencies", "Reuters", "Our correspondent"
            repairs.append({"repair": "byline", "line": p})
        elif (named := _name_and_outlet(p)) is not None and author is None:
            author = named  # "Rahim Nazarov, Asia Security Monitor"
            repairs.append({"repair": "byline", "line": p})
        elif (d := dateline(p)) is not None:
            published = published or d
            repairs.append({"repair": "dateline", "line": p, "date": d})
        else:
            break
        i += 1
    if published is None and i < len(paras) and (d := wire_date(paras[i])) is not None:
        published = d  # the story's own wire dateline: the paragraph stays, its date is the publication's
        repairs.append({"repair": "wire_dateline_date", "line": paras[i][:80], "date": d})
    elif published is None and i < len(paras) and (md := wire_month_day(paras[i])) is not None:
        # "DUSHANBE, Nov 3 (Wire) - ...": the day is stated, the year is not; the ingest assumes it
        repairs.append({"repair": "wire_dateline_no_year", "line": paras[i][:80],
                        "month_day": f"{md[0]:02d}-{md[1]:02d}"})
    return title, author, published, paras[i:]


def _header_line(p: str) -> bool:
    """Is ``p`` a byline or date line of an article's header?"""
    return _meta_line(p) is not None or dateline(p) is not None or (
        _BYLINE.match(p) is not None and len(p.split()) <= 12)


def _meta_line(p: str) -> tuple[str | None, str | None] | None:
    """A header line of '|'-separated parts: outlet, byline, date ("Pamir Dispatch | By X | 7 September 2021").

    Returns (author, date) when every part is one of those and a byline or a date is there.
    """
    parts = [x.strip() for x in re.split(r"\s[|•·]\s", p) if x.strip()]
    if len(parts) < 2 or len(p.split()) > 20:
        return None
    author = date_ = None
    unknown = 0
    for x in parts:
        if (m := _BYLINE.match(x)) is not None:
            author = author or m.group("name").strip()
        elif (d := dateline(x)) is not None:
            date_ = date_ or d
        elif len(x.split()) <= 4 and not x.endswith(_TERMINAL):
            unknown += 1  # an outlet or section name
        else:
            return None
    if (author or date_) and unknown <= 1:
        return author, date_
    return None


def _drop_repeats(paras: list[str], title: str | None, repairs: list[dict[str, Any]]) -> list[str]:
    """Drop repeated paragraphs and pull quotes (a short paragraph repeated inside a longer one).

    The later copy is kept: teasers and pull quotes stand before the paragraph they repeat.
    """
    keys = [_key(p) for p in paras]
    keep: list[str] = []
    for i, (p, k) in enumerate(zip(paras, keys, strict=True)):
        if not k:
            continue
        later = keys[i + 1 :]
        if k in later:
            repairs.append({"repair": "repeated_paragraph", "line": p})
            continue
        if len(k.split()) >= 8 and any(k in other and len(other) > len(k) for j, other in enumerate(keys) if j != i):
            repairs.append({"repair": "pull_quote", "line": p})
            continue
        if title and k == _key(title) and i > 0:
            repairs.append({"repair": "repeated_title", "line": p})
            continue
        keep.append(p)
    return keep


def clean_text(raw: str, title: str | None = None, vocabulary: str | None = None) -> list[CleanPart]:
    """Clean one input's text into one or more articles.

    ``title`` is a title the source already stated (HTML metadata, JSONL field): it is not
    searched for again, only removed from the body when repeated there. ``vocabulary`` is
    extra text whose words count as evidence for hyphen repair.
    """
    text = normalize(raw)
    file_repairs: list[dict[str, Any]] = []
    # 1. Lines: boilerplate and publication-date lines out, their positions kept as marks.
    lines: list[_Line] = []
    zone: str | None = None  # inside a "related"/"comments" box: short lines are its items
    stated_dates: list[str] = []
    for raw_line in text.split("\n"):
        reason = classify_line(raw_line)
        if reason is None and zone and raw_line and len(raw_line.split()) <= 14 and not raw_line.endswith((".", "”", '"')):
            reason = f"{zone}_item"
        elif reason is None and raw_line and len(raw_line.split()) > 14:
            zone = None
        if reason in ("related", "comments"):
            zone = reason
        if reason:
            if reason == "credit" and (d := published_in(raw_line)):
                stated_dates.append(d)
            file_repairs.append({"repair": "boilerplate", "reason": reason, "line": raw_line})
            lines.append(_Line(raw_line, removed=reason))
        else:
            lines.append(_Line(raw_line))
    # 2. Hyphenation over the kept text (a wrap hyphen may sit at a line end).
    kept_text = "\n".join(
        f"\n{_MARK}\n" if ln.removed in ("read_also", "separator", "credit") else ("" if ln.removed else ln.text)
        for ln in lines
    )
    repaired, decisions = repair_hyphenation(kept_text, context=kept_text + ("\n" + vocabulary if vocabulary else ""))
    for d in decisions:
        if d.joined:
            file_repairs.append({"repair": "hyphen_joined", "from": d.original, "to": d.replacement, "evidence": d.evidence})
        elif "\n" in d.original:
            file_repairs.append({"repair": "hyphen_line_break", "from": d.original, "to": d.replacement, "evidence": d.evidence})
    # 3. Paragraphs, with split marks.
    paras_raw = _paragraphs(repaired.split("\n"))
    paras: list[str] = []
    marks: set[int] = set()
    for p in paras_raw:
        if p == _MARK:
            marks.add(len(paras))
            continue
        paras.append(p.replace(_MARK, "").strip())
    paras = [p for p in paras if p]
    if not paras:
        return []
    # 4. Articles.
    cuts = _split_points(paras, marks) if len(paras) > 3 else []
    bounds = [0, *cuts, len(paras)]
    parts: list[CleanPart] = []
    for n, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        repairs: list[dict[str, Any]] = list(file_repairs) if n == 0 else []
        if n > 0:
            repairs.append({"repair": "split", "at_paragraph": a, "line": paras[a]})
        t, author, published, body = _header(paras[a:b], title if n == 0 else None, n == 0, repairs)
        body = _drop_repeats(body, t, repairs)
        if not body:
            continue
        part = CleanPart(text="\n\n".join(body), title=t, author=author, published=published, repairs=repairs)
        if published:
            part.published_basis = "text_dateline"
        parts.append(part)
    # A date stated in a credit at the very end ("Posted on Jan 19, 2025") dates the last
    # article; earlier articles of the same input get it only as a marked fallback.
    if stated_dates and parts:
        for k, part in enumerate(parts):
            if part.published is None:
                part.published = stated_dates[-1]
                part.published_basis = "text_credit" if k == len(parts) - 1 else "text_credit_same_input"
    for part in parts:
        if part.published is None and part.title and (iso := title_date(part.title)) is not None:
            part.published, part.published_basis = iso, "text_title"
    return parts


# a title that ends in the date (or date range) it covers: "Weekly security digest, 10-16 August
# 2026", "Border report - 3 May 2026"
_TITLE_DATE = re.compile(r"(?:,|\s[-–—|]|:)\s*(?:\d{1,2}\s*[-–]\s*)?(?P<date>\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|"
                         r"[A-Za-z]{3,9}\.?\s+(?:\d{1,2}\s*[-–]\s*)?\d{1,2},?\s+\d{4})\s*\)?$")


def title_date(title: str) -> str | None:
    """The date a title ends in, the last day of a range ("10-16 August 2026" -> 2026-08-16), as
    the publication date of a document that states none: a digest or report names its period
    there. A date inside the title ("Remembering 9 September 1991 ...") is not taken."""
    from borderwatch.clean.dates import parse_date

    m = _TITLE_DATE.search(title)
    if m is None:
        return None
    d = m.group("date")
    d = re.sub(r"([A-Za-z]{3,9}\.?\s+)\d{1,2}\s*[-–]\s*(\d{1,2})", r"\1\2", d)  # "August 10-16, 2026"
    return parse_date(d)
