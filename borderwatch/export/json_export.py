"""Exports per ../shared/design/CONTRACT.md (docs/contract.md): json, jsonl, csv, geojson, plover.

Stages not built yet (events, quotes, claims) export as empty lists, as
the contract asks: a field the system could not fill is empty, never invented.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, TextIO

from borderwatch import __version__
from borderwatch.store.db import Store, now

SCHEMA = "borderwatch/1"
FORMATS = ("json", "jsonl", "csv", "geojson", "plover")
DOC_FIELDS = ("id", "source_id", "part", "title", "author", "outlet", "url", "published", "language", "text", "duplicate_of")
EXTRA_DOC_FIELDS = ("published_basis", "duplicate_reason", "kind", "word_count")


def _documents(store: Store) -> list[dict[str, Any]]:
    out = []
    for d in store.documents(with_text=True):
        rec = {k: d.get(k) for k in DOC_FIELDS}
        rec.update({k: d.get(k) for k in EXTRA_DOC_FIELDS})
        out.append(rec)
    return out


def _discards(store: Store) -> list[dict[str, Any]]:
    return [{"source_id": d["source_id"], "reason": d["reason"], "detail": d["detail"], "stage": d["stage"],
             "part": d["part"], "input_path": d["input_path"]} for d in store.discards()]


def _actors(store: Store) -> list[dict[str, Any]]:
    out = []
    for a in store.actors(with_mentions=True):
        if not a["mentions"]:
            continue
        out.append({"id": a["id"], "name": a["name"], "kind": a["kind"], "sector": a["sector"], "country": a["country"],
                    "aliases": a["aliases"], "source": a["source"], "wikidata": a["wikidata"],
                    "mentions": [{"doc_id": m["doc_id"], "start": m["start"], "end": m["end"], "text": m["text"],
                                  "sentence": m["sentence"], "method": m["method"], "score": m["score"]}
                                 for m in a["mentions"]]})
    return out


def _places(store: Store) -> list[dict[str, Any]]:
    out = []
    for p in store.places(with_mentions=True):
        out.append({"id": p["id"], "name": p["name"], "lat": p["lat"], "lon": p["lon"], "country_code": p["country_code"],
                    "feature": p["feature"], "precision_km": p["precision_km"], "geonames_id": p["geonames_id"],
                    "source": p["source"],
                    "mentions": [{"doc_id": m["doc_id"], "start": m["start"], "end": m["end"], "text": m["text"],
                                  "sentence": m["sentence"], "score": m["score"], "reason": m["reason"]}
                                 for m in p["mentions"]]})
    return out


def export_json(store: Store) -> dict[str, Any]:
    """The whole database as the contract's one JSON object."""
    return {
        "schema": SCHEMA,
        "generator": f"borderwatch {__version__}",
        "exported_at": now(),
        "documents": _documents(store),
        "actors": _actors(store),
        "places": _places(store),
        "events": [],
        "quotes": [],
        "claims": [],
        "discards": _discards(store),
    }


def write_export(store: Store, fmt: str, out: TextIO) -> int:
    """Write ``fmt`` to ``out``; returns the number of records written."""
    if fmt == "json":
        data = export_json(store)
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(data["documents"]) + len(data["discards"])
    if fmt == "jsonl":
        n = 0
        data = export_json(store)
        for kind in ("documents", "actors", "places", "events", "quotes", "claims", "discards"):
            for rec in data[kind]:
                out.write(json.dumps({"type": kind[:-1], **rec}, ensure_ascii=False) + "\n")
                n += 1
        return n
    if fmt == "csv":
        docs = _documents(store)
        fields = [*DOC_FIELDS, *EXTRA_DOC_FIELDS]
        w = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        for d in docs:
            w.writerow(d)
        return len(docs)
    if fmt == "geojson":
        places = _places(store)
        features = [{"type": "Feature", "id": p["id"], "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                     "properties": {"kind": "place", "name": p["name"], "country_code": p["country_code"],
                                    "feature": p["feature"], "precision_km": p["precision_km"],
                                    "mentions": len(p["mentions"]),
                                    "documents": len({m["doc_id"] for m in p["mentions"]})}} for p in places]
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
        return len(features)
    if fmt == "plover":
        return 0  # one PLOVER JSON record a line, once events exist
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def export_to_path(store: Store, fmt: str, path: str | Path) -> int:
    if str(path) == "-":
        import sys

        return write_export(store, fmt, sys.stdout)
    target = Path(path)
    buf = io.StringIO()
    n = write_export(store, fmt, buf)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8", newline="")
    tmp.replace(target)  # atomic: a reader never sees half an export
    return n
