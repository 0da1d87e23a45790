"""A cheap language tag for inputs that do not state one.

English is recognised by its function words (news prose has 35-50% of them); other
Latin-script text gets "und" and non-Latin scripts "und-Cyrl"/"und-Arab", so nothing
pretends to know more than it does.
"""

from __future__ import annotations

import re
import unicodedata

_EN = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "by", "it", "at", "from", "his", "he", "are", "be", "has", "have", "an", "this", "were", "which", "not", "but", "had", "its", "or", "their", "they", "who", "been", "said", "will", "after", "would", "also", "more", "than", "one", "over"]
)


def guess_language(text: str) -> str:
    sample = text[:5000]
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if not words:
        return "und"
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) >= 0.6:
        share = sum(1 for w in words if w in _EN) / len(words)
        return "en" if share >= 0.15 else "und"
    scripts: dict[str, int] = {}
    for ch in sample:
        if ch.isalpha() and not ch.isascii():
            name = unicodedata.name(ch, "")
            key = "Cyrl" if "CYRILLIC" in name else "Arab" if "ARABIC" in name else "other"
            scripts[key] = scripts.get(key, 0) + 1
    top = max(scripts, key=lambda k: scripts[k]) if scripts else "other"
    return f"und-{top}" if top != "other" else "und"
