"""The bundled demo corpus (samples/) against its manifest, as counts.

samples/ was written by the BorderWatch team with deliberate mess (MANIFEST.yaml lists
every title, byline, date, broken and real hyphen, furniture line and duplicate). It is
not independent gold: it shows what the cleaner does on regional news in many shapes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from borderwatch.errors import DataMissing

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CORPUS_DIRS = ("txt", "html", "jsonl", "feeds")


def ingest_samples(db: Path, samples: Path = SAMPLES) -> tuple[dict[str, list[dict[str, Any]]], Any]:
    """Ingest the corpus folders; return documents grouped by manifest path, in manifest order."""
    from borderwatch.pipeline import ingest
    from borderwatch.store.db import Store

    report = ingest([samples / d for d in CORPUS_DIRS], db=db)
    with Store(db) as s:
        rows = s.documents(with_text=True)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for d in rows:
        rel = Path(d["input_path"]).resolve().relative_to(samples.resolve()).as_posix()
        by_file.setdefault(rel, []).append(d)
    for v in by_file.values():
        v.sort(key=lambda d: (d["metadata"].get("jsonl_line", 0), d["metadata"].get("feed_item", 0), d["part"]))
    return by_file, report


def score(by_file: dict[str, list[dict[str, Any]]], manifest: dict[str, Any]) -> dict[str, Any]:
    c = {k: [0, 0] for k in ("documents", "titles", "authors", "dates", "no_invented_date", "broken_hyphens",
                             "real_hyphens", "furniture", "duplicates")}
    failures: list[str] = []

    def tick(key: str, ok: bool, what: str) -> None:
        c[key][1] += 1
        c[key][0] += ok
        if not ok:
            failures.append(f"{key}: {what}")

    ids: dict[str, dict[str, Any]] = {}
    for path, spec in manifest["files"].items():
        got = by_file.get(path, [])
        for d in got:
            ids.setdefault(path, d)
            ids[f"{path}#{d['source_id']}"] = d
        tick("documents", len(got) == spec["articles"], f"{path}: {len(got)} documents, {spec['articles']} expected")
        for item, d in zip(spec["items"], got, strict=False):
            tick("titles", d["title"] == item["title"], f"{path}: {d['title']!r}")
            if item.get("author"):
                tick("authors", d["author"] == item["author"], f"{path}: {d['author']!r}")
            if item.get("published"):
                tick("dates", (d["published"] or "")[:10] == item["published"], f"{path}: {d['published']!r}")
            else:
                tick("no_invented_date", d["published"] is None, f"{path}: {d['published']!r}")
        text = "\n".join((d["title"] or "") + "\n" + d["text"] for d in got)
        paragraphs = {p.strip() for d in got for p in d["text"].split("\n\n")}
        for broken, fixed in spec.get("broken_hyphens") or []:
            tick("broken_hyphens", broken.replace("\n", "") not in text and fixed in text, f"{path}: {broken!r}")
        for token in spec.get("real_hyphens") or []:
            tick("real_hyphens", token in text, f"{path}: {token!r}")
        for line in spec.get("boilerplate") or []:
            gone = line.strip() not in paragraphs if spec["format"] == "text" else line not in text
            tick("furniture", gone, f"{path}: {line!r}")
    for path, spec in manifest["files"].items():
        for dup in spec.get("duplicates") or []:
            me = ids.get(f"{path}#{dup['id']}") if dup.get("id") else ids.get(path)
            other = ids.get(dup["of"])
            ok = bool(me and other and me["duplicate_of"] == other["id"] and (me["duplicate_reason"] or "").startswith(dup["kind"]))
            tick("duplicates", ok, f"{path}: {dup}")
    flagged = sum(1 for ds in by_file.values() for d in ds if d["duplicate_of"])
    out: dict[str, Any] = {k: f"{a}/{b}" for k, (a, b) in c.items()}
    out["false_duplicates"] = flagged - c["duplicates"][0]
    out["failures"] = failures
    return out


def run(data_dir: Path | None = None, limit: int | None = None, samples: Path = SAMPLES) -> dict[str, Any]:
    manifest_path = samples / "MANIFEST.yaml"
    if not manifest_path.exists():
        raise DataMissing(f"no demo corpus manifest at {manifest_path}")
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        by_file, report = ingest_samples(Path(tmp) / "samples.db", samples)
    out = score(by_file, manifest)
    out["discards"] = report.discards_seen
    return out
