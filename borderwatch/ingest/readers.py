"""Readers: turn input paths into Articles (or Discards with a reason).

Supported: plain text (.txt, .md), HTML (.html, .htm), JSONL (.jsonl, .ndjson), RSS/Atom
feed files (.xml, .rss, .atom), any of them gzip-compressed (.gz), and folders
(recursive). A reader never raises on a bad file: it yields a Discard instead.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from borderwatch.errors import InputNotFound
from borderwatch.ingest.decode import decode_bytes
from borderwatch.records import Article, Discard

DEFAULT_MAX_BYTES = 25 * 1024 * 1024  # one file; larger ones are recorded as oversized

TEXT_EXT = {".txt", ".md", ".text", ".markdown"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".xml", ".rss", ".atom"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | FEED_EXT
JSONL_FIELDS = {"id", "text", "html", "title", "url", "outlet", "author", "published", "language"}
# block and inline tags that mark a "text" as scraped markup ("<p>...</p>" saved as .txt)
MARKUP_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|span|a|strong|em|b|i|blockquote|table|tr|td|article|section)"
                        r"(?:\s[^<>]{0,300})?/?>", re.I)
MARKUP_MIN_TAGS = 3


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_id: str  # file name, or path relative to the folder given


def discover(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[InputFile]:
    """Expand files and folders (recursively, sorted, hidden entries skipped).

    Raises InputNotFound before anything is read when a path does not exist, so a typo
    fails fast instead of after half a batch.
    """
    paths = [Path(p) for p in inputs]
    for p in paths:
        if not p.exists():
            raise InputNotFound(f"no such file or folder: {p}")
    for p in paths:
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    fp = Path(root) / name
                    yield InputFile(fp, fp.relative_to(p).as_posix())
        else:
            yield InputFile(p, p.name)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _kind(name: str, data: bytes) -> str | None:
    ext = Path(name).suffix.lower()
    if ext in TEXT_EXT:
        return "text"
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in FEED_EXT:
        return "feed"
    # No or unknown extension: sniff the first bytes.
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed" if re.search(rb"<(rss|feed|rdf:rdf)\b", data[:4096].lower()) else None
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    if ext == "":
        return "text"
    return None


def read_input(f: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Discard]:
    """Read one file into Articles and Discards. Never raises for bad content."""
    path, sid = f.path, f.source_id

    def discard(reason: str, detail: str, data: bytes | None = None, stage: str = "read") -> Discard:
        return Discard(sid, str(path), stage, reason, detail, size=len(data) if data is not None else None,
                       sha256=_sha(data) if data is not None else None)

    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Discard(sid, str(path), "read", "oversized", f"{size:,} bytes is over the limit of {max_bytes:,} (--max-bytes)", size=size)
            return
        data = path.read_bytes()
    except OSError as e:
        yield Discard(sid, str(path), "read", "unreadable", f"cannot read file: {e.strerror or e}")
        return
    name = path.name
    if name.lower().endswith(".gz"):
        try:
            with gzip.open(path) as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError) as e:
            yield discard("bad_gzip", f"not a readable gzip file: {e}", data)
            return
        if len(data) > max_bytes:
            yield discard("oversized", f"decompressed size is over the limit of {max_bytes:,} bytes", data)
            return
        name = name[:-3]
    kind = _kind(name, data)
    if kind is None:
        yield discard("unsupported_format", f"'{Path(name).suffix or name}' is not a supported input (txt, md, html, jsonl, rss/atom)", data)
        return
    if kind == "jsonl":
        yield from _read_jsonl(f, data, max_bytes)
        return
    dec = decode_bytes(data)
    if dec.text is None:
        yield discard(dec.reason or "undecodable", dec.detail, data, stage="decode")
        return
    raw_meta: dict[str, Any] = {"encoding": dec.encoding, "input_sha256": _sha(data)}
    if kind == "text" and dec.text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        kind = "html"  # a whole page saved under a text name
        dec.repairs.append({"repair": "html_in_text_file"})
    if kind == "text":
        text = _unmarked(dec.text, dec.repairs)
        if Path(name).suffix.lower() in (".md", ".markdown"):
            from borderwatch.clean.markdown import markdown_to_text

            text = markdown_to_text(text)
            dec.repairs.append({"repair": "markdown_to_text"})
        yield Article(sid, text, str(path), "text", metadata=raw_meta, repairs=dec.repairs)
    elif kind == "html":
        yield from _html_article(sid, str(path), dec.text, None, raw_meta, dec.repairs, data)
    else:
        yield from _read_feed(f, data, dec.text)


def _html_article(sid: str, path: str, html: str, url: str | None, meta: dict[str, Any],
                  repairs: list[dict[str, Any]], data: bytes | None, base: Article | None = None) -> Iterator[Article | Discard]:
    from borderwatch.ingest.html import extract_html

    ex = extract_html(html, url=url)
    if ex is None or not ex.text.strip():
        yield Discard(sid, path, "extract", "no_main_text", "no article text found in the HTML",
                      size=len(data) if data is not None else None, sha256=_sha(data) if data is not None else None)
        return
    meta = {**meta, "extractor": ex.method}
    if ex.published:
        meta["published_basis"] = "html_metadata"
    art = base or Article(sid, "", path, "html")
    art.text = ex.text
    art.kind = "html" if base is None else base.kind
    art.title = art.title or ex.title
    art.author = art.author or ex.author
    art.outlet = art.outlet or ex.outlet
    art.url = art.url or ex.url
    art.published = art.published or ex.published
    art.language = art.language or ex.language
    art.metadata = {**art.metadata, **meta}
    art.repairs = [*art.repairs, *repairs]
    yield art


def normalize_published(value: Any) -> tuple[str | None, str | None]:
    """ISO 8601 date/datetime → (``YYYY-MM-DD`` or full ISO string, problem)."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, f"published is not a string: {value!r}"
    s = value.strip()
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        from borderwatch.clean.dates import parse_date

        d = parse_date(s)
        return (d, None) if d else (None, f"published is not a date: {s!r}")
    return (dt.date().isoformat() if len(s) <= 10 else dt.isoformat()), None


def _read_jsonl(f: InputFile, data: bytes, max_bytes: int) -> Iterator[Article | Discard]:
    path = str(f.path)
    dec = decode_bytes(data)
    if dec.text is None:
        yield Discard(f.source_id, path, "decode", dec.reason or "undecodable", dec.detail, size=len(data), sha256=_sha(data))
        return
    for lineno, line in enumerate(dec.text.splitlines(), start=1):
        if line.strip():
            yield from _jsonl_record(f, path, lineno, line)


def _jsonl_record(f: InputFile, path: str, lineno: int, line: str) -> Iterator[Article | Discard]:
    fallback_id = f"{f.source_id}:{lineno}"
    line_bytes = line.encode("utf-8")

    def bad(reason: str, detail: str, sid: str = fallback_id) -> Discard:
        return Discard(sid, path, "parse", reason, f"line {lineno}: {detail}", size=len(line_bytes), sha256=_sha(line_bytes))

    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        yield bad("malformed_jsonl", f"not valid JSON ({e.msg} at column {e.colno})")
        return
    if not isinstance(rec, dict):
        yield bad("malformed_jsonl", f"a JSON {type(rec).__name__}, not an object")
        return
    sid = str(rec["id"]) if rec.get("id") not in (None, "") else fallback_id
    text, html = rec.get("text"), rec.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        yield bad("no_text", "record has no non-empty 'text' or 'html' string", sid)
        return
    published, problem = normalize_published(rec.get("published"))
    meta: dict[str, Any] = {k: v for k, v in rec.items() if k not in JSONL_FIELDS}
    meta["jsonl_line"] = lineno
    meta["input_sha256"] = _sha(line_bytes)
    repairs: list[dict[str, Any]] = []
    if problem:
        meta["published_raw"] = rec.get("published")
        repairs.append({"repair": "published_unparsed", "detail": problem})
    if published:
        meta["published_basis"] = "source"

    def field_(key: str) -> str | None:
        v = rec.get(key)
        return (str(v).strip() or None) if v is not None else None

    art = Article(sid, "", path, "jsonl", title=field_("title"), author=field_("author"), outlet=field_("outlet"),
                  url=field_("url"), published=published, language=field_("language"), metadata=meta, repairs=repairs)
    if isinstance(text, str) and text.strip():
        from borderwatch.ingest.decode import fix_mojibake

        art.text = _unmarked(fix_mojibake(text), art.repairs)
        yield art
    else:
        yield from _html_article(sid, path, str(html), art.url, {}, [], line_bytes, base=art)


def _unmarked(text: str, repairs: list[dict[str, Any]]) -> str:
    """Plain text that still carries its HTML tags ("<p>...</p>" scraped into a .txt file or a
    JSONL "text" field) loses them, paragraphs kept; the repair is recorded. A text with fewer
    than three tags is left as it is: prose may mention a tag."""
    n = len(MARKUP_TAG.findall(text))
    if n < MARKUP_MIN_TAGS:
        return text
    repairs.append({"repair": "html_markup_removed", "detail": f"{n} tags"})
    import html as _html

    out = html_fragment_text(text)
    # entities left by a text that was escaped twice ("&amp;nbsp;") are decoded once more
    return _html.unescape(out) if "&" in out and re.search(r"&#?\w+;", out) else out


def html_fragment_text(fragment: str) -> str:
    """Text of a small HTML fragment (a feed item's description), paragraphs kept."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk markup
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for br in root.xpath("//br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.xpath("//p|//div|//li|//h1|//h2|//h3|//h4|//blockquote"):
        el.tail = "\n\n" + (el.tail or "")
    return root.text_content()


def _read_feed(f: InputFile, data: bytes, text: str) -> Iterator[Article | Discard]:
    """RSS/Atom: checked for well-formed XML first (feedparser alone accepts almost anything)."""
    from lxml import etree

    path = str(f.path)
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as e:
        yield Discard(f.source_id, path, "parse", "feed_not_xml", f"not well-formed XML: {e}", size=len(data), sha256=_sha(data))
        return
    tag = etree.QName(root).localname.lower() if isinstance(root.tag, str) else ""
    if tag not in ("rss", "feed", "rdf"):
        yield Discard(f.source_id, path, "parse", "unsupported_xml", f"XML root <{tag}> is not an RSS or Atom feed",
                      size=len(data), sha256=_sha(data))
        return
    import feedparser

    parsed = feedparser.parse(data)
    outlet = parsed.feed.get("title") if parsed.get("feed") else None
    if not parsed.entries:
        yield Discard(f.source_id, path, "parse", "empty_feed", "the feed holds no items", size=len(data), sha256=_sha(data))
        return
    for n, e in enumerate(parsed.entries):
        key = e.get("id") or e.get("link") or str(n)
        sid = f"{f.source_id}#{key}"
        body = ""
        if e.get("content"):
            body = max((c.get("value", "") for c in e.content), key=len)
        body = body or e.get("summary", "") or e.get("description", "")
        entry_bytes = json.dumps(e, default=str, sort_keys=True).encode()
        if not body.strip():
            yield Discard(sid, path, "parse", "no_text", f"feed item {n + 1} has no content or summary",
                          size=len(entry_bytes), sha256=_sha(entry_bytes))
            continue
        plain = html_fragment_text(body) if "<" in body else body
        published = None
        when = e.get("published_parsed") or e.get("updated_parsed")
        if when:
            published = datetime(*when[:6]).date().isoformat()
        yield Article(sid, plain, path, "feed", title=e.get("title"), author=e.get("author"), outlet=outlet,
                      url=e.get("link"), published=published,
                      metadata={"feed_item": n, "input_sha256": _sha(entry_bytes),
                                **({"published_basis": "source"} if published else {})})
