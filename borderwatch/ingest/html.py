"""Main text and metadata from a news HTML page: a trafilatura/readability agreement cascade.

Why two extractors
------------------
On the Zyte article-extraction benchmark (181 pages, its own 4-shingle metric, see
``borderwatch/eval/scoring.py`` and ``docs/eval_zyte.md``) trafilatura 2.3.1 and
readability-lxml 0.9 are level (F1 0.960 and 0.955) but fail on *different* pages:
trafilatura keeps headlines, decks, newsletter boxes and, on one page, a whole menu;
readability keeps captions and "Citation:" footers. Picking the better of the two per page
would score 0.977, so their agreement carries information neither has alone.

The cascade (``combine``)
-------------------------
Both extractors run on every page; their outputs are split into paragraphs (lines).
A paragraph of one text is *supported* by the other text when at least half of its
lower-cased 4-token shingles occur in the other text (shorter paragraphs use their full
token tuple). Then, in order:

1. one extractor returns nothing -> the other one (``trafilatura-only``/``readability-only``);
2. the two texts are essentially disjoint (each supports < 50% of the other) -> they found
   different blocks and nothing can arbitrate; keep trafilatura, the stronger single
   system (``trafilatura``). On the benchmark this happens on 1 page (readability picked a
   block with zero overlap with the gold text; trafilatura in fast mode was right);
3. trafilatura's text is >= 90% inside readability's and readability's is at least twice as
   long -> trafilatura stopped early (typically at an inline ad or embed) and readability
   has the whole article (``readability``). Fires on 2/181 pages (recall 0.35 and 0.45 ->
   1.00 and 0.98). The even half of the benchmark, used to choose parameters, only bounds
   the ratio from below: at ratios 1.39-1.69 readability was the worse text (3 pages), so
   "twice as long" is a round value above them;
4. otherwise (``agree``, 178/181 pages) keep trafilatura's paragraphs, in its order, that
   readability supports, and drop the page title if it is the first paragraph (the title
   has its own field, and none of the 181 gold texts starts with it). Paragraphs only one
   extractor keeps are dropped: on the even half only 33 of 106 trafilatura-only and 18 of
   155 readability-only paragraphs were in the gold text, and keeping the long ones did not
   help there (trafilatura-only >= 30/50/80 tokens: F1 0.9754/0.9760/0.9750;
   readability-only >= 50/80: 0.9746/0.9756; neither: 0.9762).

Result (``docs/eval_zyte.md``): F1 0.974 +- 0.003 on all pages (trafilatura 0.960,
readability 0.955; paired difference to trafilatura +0.014 +- 0.004) and 0.971 on the odd half
not used to pick parameters (0.955 / 0.947). Rules 2 and 3 fire only on odd pages, which
were seen in a first error analysis; without them the odd half scores 0.959.

Settings and speed
------------------
* trafilatura runs with ``fast=True`` (no internal readability/justext fallback, since we run
  readability ourselves) and ``include_comments=False`` (reader comments are not the
  article; the default keeps them and costs 1.4 points of precision, BASELINES.md).
  ``fast=True`` alone is slightly better than the default on the benchmark (0.962 vs 0.960;
  trafilatura's own fallback picked the wrong block on the page of rule 2) and a third
  faster. Inside the cascade, ``favor_precision`` scored +0.001 +- 0.002 on the even half
  (noise), -0.018 on the odd half, and is slower: not used.
* readability-lxml's own HTML cleaner spends ~40% of its time rewriting javascript links,
  which cannot change the text; ``_TextReadability`` uses the same cleaner settings with
  ``javascript=False``. Output was identical on 181/181 pages, 12 instead of 18 ms/page.
* htmldate looks for dates in markup only (see :func:`_date_params`).
* Whole call: 31-39 ms/page on the benchmark (2 cores shared with other jobs), metadata
  included; about twice trafilatura alone (15-19 ms) in the same runs.

Never raises: any failure of an extractor degrades to the other one, any other failure
returns ``None``. Heavy imports happen on first call.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

__all__ = ["HtmlExtraction", "combine", "extract_html"]

# --- cascade parameters (each explained in the module docstring) -------------------------
SUPPORT_MIN = 0.5  # a paragraph is supported when >= half of its shingles are in the other text
DISJOINT_BELOW = 0.5  # both texts support less than this of each other -> disjoint
TRUNCATION_COVERAGE = 0.9  # trafilatura's text (nearly) all inside readability's ...
TRUNCATION_RATIO = 2.0  # ... and readability's at least twice as long -> trafilatura truncated
SHINGLE = 4  # the benchmark's shingle size

# --- input guards ---------------------------------------------------------------------------
# News pages are 20 KB-1.5 MB on the benchmark (median 115 KB). Anything beyond 5 M characters
# is cut there: lxml copes with truncated markup, and readability's time grows with page size.
MAX_HTML_CHARS = 5_000_000
# Share of control characters / U+FFFD above which the input is binary garbage, not HTML.
MAX_JUNK_SHARE = 0.05

_WORD_RE = re.compile(r"\w+")
_CTRL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # lxml refuses these in text
_JUNK_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LANG_RE = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*[\"'\s>]", re.I)


@dataclass
class HtmlExtraction:
    """Main text and metadata of one page."""

    text: str  # main text, paragraphs separated by "\n\n"
    title: str | None
    author: str | None
    published: str | None  # ISO date YYYY-MM-DD if found (trafilatura/htmldate metadata)
    outlet: str | None  # sitename
    url: str | None  # canonical URL if found, else the URL passed in
    method: str  # "agree", "trafilatura", "readability", "trafilatura-only", "readability-only"
    language: str | None = None  # primary subtag of <html lang=...>, as stated by the page


# ------------------------------------------------------------------------------------------
# Pure combination logic (no HTML, easy to test and to re-run on cached extractor outputs)
# ------------------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def _paragraphs(text: str | None) -> list[str]:
    """Non-empty lines that contain at least one word, stripped."""
    return [p.strip() for p in (text or "").splitlines() if _WORD_RE.search(p)]


class _ShingleIndex:
    """The 1..4-token shingles of a token sequence, so that any token run's support can be
    looked up (shorter shingle sets are built only when a short paragraph needs them)."""

    def __init__(self, toks: list[str]):
        self._toks = toks
        self._sets: dict[int, set[tuple[str, ...]]] = {}

    def __len__(self) -> int:
        return len(self._toks)

    def _grams(self, n: int) -> set[tuple[str, ...]]:
        if n not in self._sets:
            t = self._toks
            self._sets[n] = set(zip(*(t[i:] for i in range(n)), strict=False))
        return self._sets[n]

    def support(self, toks: list[str]) -> float:
        """Share of the shingles of ``toks`` found in this index (1.0 for no tokens)."""
        n = min(SHINGLE, len(toks))
        if n == 0:
            return 1.0
        grams = self._grams(n)
        own = list(zip(*(toks[i:] for i in range(n)), strict=False))
        return sum(1 for g in own if g in grams) / len(own)


def combine(traf_text: str | None, read_text: str | None, title: str | None = None) -> tuple[str, str]:
    """Combine trafilatura's and readability's texts; returns ``(text, method)``.

    ``text`` has paragraphs separated by blank lines and is ``""`` when both inputs are
    empty. See the module docstring for the rules and the figures behind them.
    """
    paras, method = _choose(_paragraphs(traf_text), _paragraphs(read_text))
    if paras and title and _tokens(paras[0]) == _tokens(title):
        paras = paras[1:]  # the headline has its own field; the gold texts never start with it
    return "\n\n".join(paras), method


def _choose(a_paras: list[str], b_paras: list[str]) -> tuple[list[str], str]:
    """Rules 1-4 of the module docstring on trafilatura (a) and readability (b) paragraphs."""
    if not a_paras or not b_paras:
        if a_paras:
            return a_paras, "trafilatura-only"
        return b_paras, ("readability-only" if b_paras else "none")
    a_toks = [_tokens(p) for p in a_paras]
    a_all = [t for toks in a_toks for t in toks]
    b_all = _tokens("\n".join(b_paras))
    a_idx, b_idx = _ShingleIndex(a_all), _ShingleIndex(b_all)
    a_in_b, b_in_a = b_idx.support(a_all), a_idx.support(b_all)
    if a_in_b < DISJOINT_BELOW and b_in_a < DISJOINT_BELOW:
        return a_paras, "trafilatura"
    if a_in_b >= TRUNCATION_COVERAGE and len(b_idx) >= TRUNCATION_RATIO * len(a_idx):
        return b_paras, "readability"
    kept = [p for p, toks in zip(a_paras, a_toks, strict=True) if b_idx.support(toks) >= SUPPORT_MIN]
    return kept, "agree"


# ------------------------------------------------------------------------------------------
# Extractors (lazy heavy imports)
# ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _readability_class() -> Any:
    """readability.Document with a text-preserving, faster HTML cleaner (see module docstring)."""
    from lxml_html_clean import Cleaner
    from readability import Document
    from readability.htmls import build_doc
    from readability.readability import REGEXES

    # Same settings as readability.cleaners.html_cleaner except javascript=False: that option
    # only strips on* attributes and javascript: URLs, which never reach the extracted text.
    cleaner = Cleaner(
        scripts=True,
        javascript=False,
        comments=True,
        style=True,
        links=True,
        meta=False,
        add_nofollow=False,
        page_structure=False,
        processing_instructions=True,
        embedded=False,
        frames=False,
        forms=False,
        annoying_tags=False,
        remove_tags=None,
        remove_unknown_tags=False,
        safe_attrs_only=False,
    )

    class _TextReadability(Document):  # type: ignore[misc, valid-type]
        def _parse(self, html_input: Any) -> Any:
            doc, self.encoding = build_doc(html_input)
            for elem in doc.xpath("//*[@hidden]"):
                elem.drop_tree()
            for elem in doc.xpath("//*[@style]"):
                if REGEXES["displayNoneRe"].search(elem.get("style")):
                    elem.drop_tree()
            return cleaner.clean_html(doc)

    return _TextReadability


@lru_cache(maxsize=1)
def _quiet_library_loggers() -> None:
    """Give readability's logger a NullHandler (trafilatura and htmldate ship one).

    Without it, ``log.exception`` inside readability reaches Python's last-resort handler and
    prints to stderr. A NullHandler does not stop propagation to handlers an application sets.
    """
    logging.getLogger("readability").addHandler(logging.NullHandler())


def readability_text(html: str) -> str | None:
    """readability-lxml 0.9 ``summary(html_partial=True)`` rendered by html-text, as the benchmark
    does; ``None`` on failure."""
    try:
        import html_text

        doc = _readability_class()(html)
        return html_text.extract_text(doc.summary(html_partial=True)) or None
    except Exception:
        return None


def _date_params() -> dict[str, Any]:
    """htmldate settings: dates from markup only (meta tags, <time>, JSON-LD, URL).

    htmldate's "extensive search" guesses from free text; on the bundled sample page whose
    only date is "since August 2021" in the body it invents 2021-01-01. A wrong publication
    date is worse than none for an early-warning timeline (dates are re-derived from the text
    later, with their basis). On the benchmark it changes 2 of 181 pages (blogs without any
    dated markup) and no text.
    """
    return {"original_date": True, "extensive_search": False, "max_date": date.today().isoformat()}


def _trafilatura(html: str, url: str | None) -> tuple[str | None, dict[str, Any]]:
    """trafilatura text (fast mode, no comments) and metadata; never raises."""
    meta: dict[str, Any] = {}
    text: str | None = None
    try:
        import trafilatura
    except Exception:  # e.g. lxml_html_clean missing (NLP_STACK.md pitfall 6): readability alone
        return None, meta
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            fast=True,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=_date_params(),
        )
    except Exception:
        doc = None
    if doc is None:
        # No text: still try for metadata (title etc. of a page readability may rescue).
        try:
            doc = trafilatura.extract_metadata(html, default_url=url, date_config=_date_params())
        except Exception:
            doc = None
    else:
        text = getattr(doc, "text", None)
    if doc is not None:
        for key in ("title", "author", "date", "sitename", "url"):
            value = getattr(doc, key, None)
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
    return text, meta


def _looks_like_markup_or_text(html: str) -> bool:
    sample = html[:100_000]
    if not sample.strip():
        return False
    return len(_JUNK_RE.findall(sample)) <= MAX_JUNK_SHARE * len(sample)


def _language(html: str) -> str | None:
    m = _LANG_RE.search(html[:20_000])
    return m.group(1).lower() if m else None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction | None:
    """Main text and metadata of a news page, or ``None`` when no main text can be found.

    Never raises and never prints: empty, binary or non-HTML input, truncated markup and
    extractor crashes all end in ``None`` (or in the other extractor's result). Pages over
    ``MAX_HTML_CHARS`` characters are cut there first. ``bytes`` are decoded as UTF-8 with
    replacement, although callers should pass text decoded with the page's charset.
    """
    try:
        return _extract(html, url)
    except Exception:
        return None


def _extract(html: str | bytes, url: str | None) -> HtmlExtraction | None:
    if isinstance(html, bytes | bytearray):
        html = bytes(html).decode("utf-8", errors="replace")
    if not isinstance(html, str) or not _looks_like_markup_or_text(html):
        return None
    html = html[:MAX_HTML_CHARS]
    # lxml refuses NUL and most C0 controls; the few stray ones the guard lets through go.
    html = _CTRL_RE.sub(" ", html)
    _quiet_library_loggers()

    traf_text, meta = _trafilatura(html, url)
    read_text = readability_text(html)
    title = meta.get("title")
    text, method = combine(traf_text, read_text, title)
    if not _WORD_RE.search(text):
        return None
    pub = meta.get("date")
    return HtmlExtraction(
        text=text,
        title=title,
        author=meta.get("author"),
        published=pub[:10] if pub and _DATE_RE.match(pub) else None,
        outlet=meta.get("sitename"),
        url=meta.get("url") or url,
        method=method,
        language=_language(html),
    )
