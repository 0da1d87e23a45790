"""The bundled demo corpus against its manifest (samples/MANIFEST.yaml, written with the corpus)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from borderwatch.pipeline import ingest
from borderwatch.store.db import Store
from tests.conftest import SAMPLES

MANIFEST = yaml.safe_load((SAMPLES / "MANIFEST.yaml").read_text())
CORPUS = [SAMPLES / d for d in ("txt", "html", "jsonl", "feeds")]


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, list[dict[str, Any]]]:
    db = tmp_path_factory.mktemp("samples") / "s.db"
    report = ingest(CORPUS, db=db)
    assert report.discards_seen == 0, report.discard_reasons
    with Store(db) as s:
        rows = s.documents(with_text=True)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for d in rows:
        rel = Path(d["input_path"]).resolve().relative_to(SAMPLES.resolve()).as_posix()
        by_file.setdefault(rel, []).append(d)
    for v in by_file.values():
        v.sort(key=lambda d: (d["metadata"].get("jsonl_line", 0), d["metadata"].get("feed_item", 0), d["part"]))
    return by_file


def _join(d: dict[str, Any]) -> str:
    return (d["title"] or "") + "\n" + d["text"]


@pytest.mark.parametrize("path", sorted(MANIFEST["files"]))
def test_file_matches_manifest(docs, path):
    spec = MANIFEST["files"][path]
    got = docs.get(path, [])
    assert len(got) == spec["articles"], [d["title"] for d in got]
    for item, d in zip(spec["items"], got, strict=True):
        assert d["title"] == item["title"]
        if item.get("author"):
            assert d["author"] == item["author"]
        if item.get("published"):
            assert (d["published"] or "")[:10] == item["published"], d["published_basis"]
        else:
            assert d["published"] is None, f"invented date {d['published']} ({d['published_basis']})"
        if item.get("id"):
            assert d["source_id"] == item["id"]
    text = "\n".join(_join(d) for d in got)
    for broken, fixed in spec.get("broken_hyphens") or []:
        assert broken.replace("\n", "") not in text and broken not in text, broken
        assert fixed in text, fixed
    for token in spec.get("real_hyphens") or []:
        assert token in text, token
    paragraphs = {p.strip() for d in got for p in d["text"].split("\n\n")}
    for line in spec.get("boilerplate") or []:
        if spec["format"] == "text":
            assert line.strip() not in paragraphs, line
        else:
            assert line not in text, line


def test_duplicates_flagged(docs):
    by_key: dict[str, dict[str, Any]] = {}
    for path, ds in docs.items():
        for d in ds:
            by_key[path] = by_key.get(path, d)
            by_key[f"{path}#{d['source_id']}"] = d
    expected = 0
    for path, spec in MANIFEST["files"].items():
        for dup in spec.get("duplicates") or []:
            expected += 1
            me = by_key[f"{path}#{dup['id']}"] if dup.get("id") else by_key[path]
            other = by_key[dup["of"]]
            assert me["duplicate_of"] == other["id"], (path, dup)
            assert me["duplicate_reason"].startswith(dup["kind"])
    flagged = sum(1 for ds in docs.values() for d in ds if d["duplicate_of"])
    assert flagged == expected == MANIFEST["summary"]["duplicates"]
