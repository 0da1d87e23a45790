"""Bytes to text: binary sniffing, encoding detection, mojibake repair.

Every outcome is either decoded text plus a list of repairs, or a Discard reason.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

# Magic numbers of formats we do not read: a file starting with one of these is
# binary whatever its extension says.
_MAGIC = {
    b"%PDF": "pdf",
    b"PK\x03\x04": "zip/docx",
    b"\x89PNG": "png",
    b"\xff\xd8\xff": "jpeg",
    b"GIF8": "gif",
    b"\x7fELF": "elf executable",
    b"\xd0\xcf\x11\xe0": "ms-office",
    b"SQLite format 3": "sqlite",
}


@dataclass
class Decoded:
    text: str | None
    encoding: str | None = None
    reason: str | None = None  # discard reason code when text is None
    detail: str = ""
    repairs: list[dict[str, Any]] = field(default_factory=list)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Lead characters of UTF-8-read-as-cp1252/latin-1 damage ("â€™", "Ã©", "Ð¢"): text without
# one of these pairs has no mojibake for ftfy to fix, and ftfy costs about 1 ms per article.
_MOJIBAKE_HINT = re.compile(r"[ÂÃÄÅÐÑØÙâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\xa0-\xbf]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def decode_bytes(data: bytes) -> Decoded:
    """Decode raw bytes of a text-like input.

    Order: BOMs, strict UTF-8, UTF-8 with a few bad bytes replaced (a scraped page with
    one broken byte should not be re-read as cp1252 and mangle every curly quote), then
    charset-normalizer. Finally ftfy repairs mojibake ("Tajikistanâ€™s") without touching
    curly quotes.
    """
    if not data.strip():
        return Decoded(None, reason="empty", detail="the input holds no text")
    head = data[:8192]
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return Decoded(None, reason="binary", detail=f"binary file ({kind} signature)")
    repairs: list[dict[str, Any]] = []
    text: str | None = None
    encoding: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif b"\x00" in head:
        return Decoded(None, reason="binary", detail="binary file (NUL bytes)")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            loose = data.decode("utf-8", errors="replace")
            bad = loose.count("\ufffd")
            multibyte = sum(1 for ch in loose if ord(ch) > 127 and ch != "\ufffd")
            # A handful of invalid bytes inside otherwise valid UTF-8 (with real multibyte
            # characters) is damage, not another encoding.
            if bad <= max(3, len(loose) // 2000) and multibyte > bad:
                text, encoding = loose, "utf-8"
                repairs.append({"repair": "invalid_utf8_bytes", "count": bad})
            else:
                from charset_normalizer import from_bytes

                best = from_bytes(data).best()
                if best is None:
                    return Decoded(None, reason="undecodable", detail="no text encoding fits these bytes")
                text, encoding = str(best), best.encoding
                repairs.append({"repair": "encoding_detected", "encoding": encoding})
    assert text is not None
    if _control_ratio(text) > 0.05:
        return Decoded(None, reason="binary", detail="mostly control characters: not text")
    fixed = fix_mojibake(text)
    if fixed != text:
        repairs.append({"repair": "mojibake", "length_before": len(text), "length_after": len(fixed)})
        text = fixed
    if not text.strip():
        return Decoded(None, reason="empty", detail="the input holds no text after decoding")
    return Decoded(text, encoding=encoding, repairs=repairs)


def fix_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1252 damage; keep curly quotes, widths and line breaks as they are."""
    if text.isascii() or not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy

    return ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        normalization="NFC",
        fix_line_breaks=True,
        explain=False,
    )
