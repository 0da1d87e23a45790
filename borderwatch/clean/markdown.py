"""Markdown inputs (.md) to plain text: the text an analyst reads, not its markup.

Headings lose their `#`, emphasis its stars and underscores, links keep their text,
images (alt text and all) go, block quotes and list bullets lose their markers. Line
structure is kept, so the cleaner still sees titles, bylines and furniture as lines.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(?=\S)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")


def markdown_to_text(md: str) -> str:
    out = []
    for line in md.split("\n"):
        if _RULE.match(line):
            out.append("___")  # a separator the boilerplate rules know
            continue
        if _REF_DEF.match(line):
            continue
        m = _HEADING.match(line)
        if m:
            line = m.group(1)
        line = _QUOTE.sub("", line)
        line = _BULLET.sub("", line)
        line = _IMAGE.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _REF_LINK.sub(r"\1", line)
        line = _CODE.sub(r"\1", line)
        line = _STRONG.sub(r"\2", line)
        line = _EM.sub(r"\2", line)
        out.append(line)
    return "\n".join(out)
