"""Typed records that flow through the pipeline.

An :class:`Article` is what a reader produced from one input (a file, a JSONL line,
a feed entry): raw text plus whatever metadata the source stated. Cleaning turns an
Article into one or more :class:`Document` records (an input may hold several
articles) or a :class:`Discard` that says why nothing usable came out of it.
Nothing is dropped silently: every input ends as Documents or Discards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Article:
    """One article-sized unit of raw input, before cleaning."""

    source_id: str  # file name (relative to the input root), or JSONL id / "file.jsonl:LINE"
    text: str  # raw text (for HTML inputs: the extracted main text)
    input_path: str  # where it came from, for provenance
    kind: str  # "text", "html", "jsonl", "feed"
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as stated by the source
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # unknown keys, extractor name, ...
    repairs: list[dict[str, Any]] = field(default_factory=list)  # what the reader changed (encoding, ...)


@dataclass
class Document:
    """A cleaned article, ready to store. Offsets of later annotations point into ``text``."""

    id: str
    source_id: str
    part: int
    text: str
    input_path: str
    kind: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: str | None = None  # "source" (stated by the input), "text" (found in the text), ...
    language: str | None = None
    text_hash: str = ""
    duplicate_of: str | None = None
    duplicate_reason: str | None = None  # "exact" or "near:<jaccard>"
    metadata: dict[str, Any] = field(default_factory=dict)
    repairs: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Discard:
    """An input (or part of one) that yielded no document, with the reason why."""

    source_id: str
    input_path: str
    stage: str  # "read", "decode", "parse", "extract", "clean"
    reason: str  # short machine-friendly code, e.g. "binary", "empty", "malformed_jsonl"
    detail: str = ""  # human sentence
    part: int | None = None
    size: int | None = None
    sha256: str | None = None
