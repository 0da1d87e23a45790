"""Rejoin words broken by line-wrap hyphenation, keep real hyphens.

Scraped copy often keeps the hyphen a print layout put into a wrapped word
("Emo-mali Rahmon", "Kom-mersant", "Nati-ons", "confis-\\ncated"). Real compounds
("anti-Taliban", "combat-ready", "Gorno-Badakhshan", "Su-25") must stay.

The decision is made by evidence, in this order:

1. A right part that starts with a capital letter or a digit is never a wrap break:
   wrapping splits inside a word, so the tail is lower case ("Tajik-Kyrgyz", "Mi-8").
2. The document itself: if the joined form occurs elsewhere in it without a hyphen and
   the hyphenated form does not occur elsewhere, join; if the hyphenated form recurs and
   the joined one does not, keep.
3. A word list (wordfreq's English Zipf frequencies): join when the joined word is a
   known word clearly more frequent than the rarer part ("nations" 4.8 against "nati"
   2.3; "propaganda" 4.2 against "opaganda" 0), keep when both parts are ordinary words
   and the joined form is rarer ("combat"+"ready": joined 0; "counter"+"terrorism":
   joined 2.9 against 4.6). A part that is itself rare (Zipf < 3) and no more common
   than the joined word is taken for a fragment ("spokes-men": 2.84 vs spokesmen 2.70).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# word-hyphen-word, optionally with the line break a wrap leaves after the hyphen.
_BROKEN = re.compile(r"(?<![\w-])([^\W\d_]+)-(\n[ \t]*)?([^\W\d_]+)(?![\w]|-\w)", re.UNICODE)

# How much more frequent (Zipf units) the joined word must be than the rarer part.
JOIN_MARGIN = 0.5
# Below this Zipf value a joined form is not treated as a known word.
MIN_JOINED_ZIPF = 1.0
# The rare-part rule: a part under RARE_PART Zipf, a joined word of at least RARE_JOINED_MIN
# and within RARE_TOLERANCE of that part.
RARE_PART = 3.0
RARE_JOINED_MIN = 2.5
RARE_TOLERANCE = 0.3


@dataclass(frozen=True)
class HyphenDecision:
    start: int
    end: int
    original: str
    replacement: str
    joined: bool
    evidence: str


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def _counts(text: str) -> Counter[str]:
    """Lower-cased counts of the text's words, hyphenated words counted whole ("anti-taliban")."""
    return Counter(_WORD.findall(text.replace("-\n", "-").lower()))


def decide(left: str, right: str, plain: Counter[str], hyph: Counter[str]) -> tuple[bool, str]:
    """Return (join?, evidence) for the pair ``left-right``."""
    if not right[:1].islower():
        return False, "right part capitalised"
    joined = (left + right).lower()
    hyphenated = f"{left}-{right}".lower()
    seen_joined = plain.get(joined, 0)
    # this occurrence itself is counted once in hyph
    seen_hyph = hyph.get(hyphenated, 0) - 1
    if seen_joined and not seen_hyph:
        return True, f"document has '{joined}' x{seen_joined}"
    if seen_hyph > 0 and not seen_joined:
        return False, f"document repeats '{hyphenated}'"
    zj, zl, zr = _zipf(joined), _zipf(left.lower()), _zipf(right.lower())
    if zj >= MIN_JOINED_ZIPF and zj >= min(zl, zr) + JOIN_MARGIN:
        return True, f"wordlist joined {zj:.2f} > parts {zl:.2f}/{zr:.2f}"
    # A rare part (under ~1 per million words) that is no more common than the joined word
    # is a fragment, not a word: "spokes-men" (spokesmen 2.70, spokes 2.84).
    if zj >= RARE_JOINED_MIN and min(zl, zr) < RARE_PART and zj >= min(zl, zr) - RARE_TOLERANCE:
        return True, f"wordlist joined {zj:.2f} ~ rare part {min(zl, zr):.2f}"
    return False, f"wordlist joined {zj:.2f} vs parts {zl:.2f}/{zr:.2f}"


def repair_hyphenation(text: str, context: str | None = None) -> tuple[str, list[HyphenDecision]]:
    """Rejoin wrap-broken words in ``text``.

    ``context`` is the wider text whose vocabulary counts as evidence (the whole input
    file when it holds several articles); defaults to ``text``. Returns the new text and
    every decision taken on a lower-case-tailed hyphen, joined or not, for the record.
    """
    candidates = [m for m in _BROKEN.finditer(text) if m.group(3)[:1].islower()]
    if not candidates:
        return text, []
    counts = _counts(context if context is not None else text)
    plain = hyph = counts
    decisions: list[HyphenDecision] = []
    out: list[str] = []
    pos = 0
    for m in candidates:
        left, brk, right = m.group(1), m.group(2), m.group(3)
        join, evidence = decide(left, right, plain, hyph)
        if brk and not join:
            # a real hyphen at a line end: keep the hyphen, drop the line break
            replacement = f"{left}-{right}"
        else:
            replacement = left + right if join else m.group(0)
        decisions.append(HyphenDecision(m.start(), m.end(), m.group(0), replacement, join, evidence))
        out.append(text[pos : m.start()])
        out.append(replacement)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), decisions
