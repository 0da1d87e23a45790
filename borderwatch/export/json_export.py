"""Exports per ../shared/design/CONTRACT.md (docs/contract.md): json, jsonl, csv, geojson, plover.

Every stage of the contract is filled: documents, actors, places, events, quotes, claims
and discards. A field the system could not fill is null or empty, never invented.
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


def _actor_obj(a: dict[str, Any] | None) -> dict[str, Any] | None:
    if not a:
        return None
    return {"id": a.get("id"), "name": a.get("name") or a.get("text"), "country": a.get("country"),
            "sector": a.get("sector"), "text": a.get("text"), "start": a.get("start"), "end": a.get("end")}


def _events(store: Store) -> list[dict[str, Any]]:
    out = []
    for e in store.events():
        loc = e["location"]
        out.append({
            "id": e["id"], "doc_id": e["doc_id"], "doc_ids": e["doc_ids"] or [e["doc_id"]],
            "event_type": e["event_type"], "mode": e["mode"], "context": e["context"], "status": e["status"],
            "status_cue": e["status_cue"],
            "actor": _actor_obj(e["actor"][0] if e["actor"] else None),
            "recipient": _actor_obj(e["recipient"][0] if e["recipient"] else None),
            "actors": [_actor_obj(a) for a in e["actor"]], "recipients": [_actor_obj(a) for a in e["recipient"]],
            "claimant": e["claimant"],
            "date": e["date"], "date_end": e["date_end"], "date_precision": e["date_precision"],
            "date_text": e["date_text"], "date_basis": e["date_basis"],
            "location": None if not loc else {k: loc.get(k) for k in ("place_id", "name", "lat", "lon", "country_code",
                                                                      "precision_km", "basis", "text", "start", "end",
                                                                      "coordinates_from", "score", "also")},
            "size": {"dead": e["dead"], "injured": e["injured"], "arrested": e["arrested"]},
            "quantities": e["quantities"],
            "aggregate": bool(e.get("aggregate")),  # a count over a period, not one incident
            "trigger": {"text": e["trigger_text"], "start": e["trigger_start"], "end": e["trigger_end"]},
            "evidence": [{**ev, "sentence_index": ev.get("sentence"), "sentence": e["sentence_text"]} for ev in e["evidence"]],
            "confidence": e["confidence"], "weight": e["weight"], "coder": e["coder"],
            "claims": [c["id"] for c in e["claims"]], "contradictions": e["contradictions"],
        })
    return out


def _span(text: Any, start: Any, end: Any) -> dict[str, Any] | None:
    return None if text is None else {"text": text, "start": start, "end": end}


def _quotes(store: Store) -> list[dict[str, Any]]:
    out = []
    for q in store.quotes():
        speaker = None
        if q["speaker_text"] is not None or q["speaker_actor_id"]:
            speaker = {"actor_id": q["speaker_actor_id"], "name": q["speaker_name"] or q["speaker_text"],
                       "text": q["speaker_text"], "start": q["speaker_start"], "end": q["speaker_end"],
                       "method": q["speaker_method"],
                       "mention": _span(q["mention_text"], q["mention_start"], q["mention_end"])}
        channel = None
        if q["channel_text"] is not None:
            channel = {"actor_id": q["channel_actor_id"], "name": q["channel_name"] or q["channel_text"],
                       "text": q["channel_text"], "start": q["channel_start"], "end": q["channel_end"]}
        out.append({"id": q["id"], "doc_id": q["doc_id"], "text": q["text"], "start": q["start"], "end": q["end"],
                    "kind": q["kind"], "cue": _span(q["cue_text"], q["cue_start"], q["cue_end"]), "speaker": speaker,
                    "channel": channel, "continuation_of": q["continuation_of"], "event_id": q["event_id"],
                    "sentence_index": q["sentence"], "confidence": q["confidence"]})
    return out


def _claims(store: Store) -> list[dict[str, Any]]:
    out = []
    for c in store.claims():
        out.append({"id": c["id"], "doc_id": c["doc_id"], "doc_ids": [c["doc_id"]], "claimant": c["claimant"],
                    "channel": c["channel"], "text": c["text"], "start": c["start"], "end": c["end"],
                    "stance": c["stance"], "event_id": c["event_id"], "quote_id": c["quote_id"],
                    "contradicts": c["contradicts"]})
    return out


def plover_records(store: Store) -> list[dict[str, Any]]:
    """Events as PLOVER JSON records (the manual's field names)."""
    from borderwatch.ontology import plover

    onto = plover()
    docs = {d["id"]: d for d in store.documents()}
    out = []
    for e in _events(store):
        d = docs.get(e["doc_id"], {})

        def ent(a: dict[str, Any]) -> dict[str, Any]:
            return {"entity_text": a["text"], "code": a["country"], "sector": a["sector"], "identifier_text": a["name"],
                    "identifier_id": a["id"]}

        loc = e["location"]
        out.append({
            "id": e["id"], "date": e["date"], "enddate": e["date_end"], "has_event": True,
            "actor": [ent(a) for a in e["actors"]], "recipient": [ent(a) for a in e["recipients"]],
            "event": [e["event_type"]], "mode": [e["mode"]] if e["mode"] else [], "context": e["context"],
            "quad_code": onto.types[e["event_type"]].quad, "event_scale": e["weight"],
            "event_loc": None if not loc else {"extracted_place": loc["text"], "resolved_place": loc["name"],
                                               "geonameid": int(loc["place_id"][3:]) if (loc["place_id"] or "").startswith("gn:") else None,
                                               "lat": loc["lat"], "lon": loc["lon"], "country_code": loc["country_code"]},
            "event_text": [e["trigger"]["text"]],
            "text": e["evidence"][0]["sentence"] if e["evidence"] else None,
            "text_info": {"sequence": e["evidence"][0]["sentence_index"] if e["evidence"] else None,
                          "start": e["evidence"][0]["start"] if e["evidence"] else None,
                          "end": e["evidence"][0]["end"] if e["evidence"] else None, "text_story": e["doc_id"]},
            "size": e["size"],
            "cite_info": {"url": d.get("url"), "title": d.get("title"), "publication": d.get("outlet"),
                          "language": d.get("language"), "coder": e["coder"], "codebook": "PLOVER 2.0"},
            "coder": e["coder"], "comment": f"status: {e['status']}" + (f" ({e['status_cue']})" if e["status_cue"] else ""),
        })
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
        "events": _events(store),
        "quotes": _quotes(store),
        "claims": _claims(store),
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
        events = [e for e in _events(store) if e["location"] and e["location"].get("lat") is not None]
        places = _places(store)
        features = [{"type": "Feature", "id": p["id"], "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                     "properties": {"kind": "place", "name": p["name"], "country_code": p["country_code"],
                                    "feature": p["feature"], "precision_km": p["precision_km"],
                                    "mentions": len(p["mentions"]),
                                    "documents": len({m["doc_id"] for m in p["mentions"]})}} for p in places]
        features += [{"type": "Feature", "id": e["id"],
                      "geometry": {"type": "Point", "coordinates": [e["location"]["lon"], e["location"]["lat"]]},
                      "properties": {"kind": "event", "event_type": e["event_type"], "mode": e["mode"],
                                     "status": e["status"], "date": e["date"], "actor": (e["actor"] or {}).get("name"),
                                     "recipient": (e["recipient"] or {}).get("name"), "place": e["location"]["name"],
                                     "precision_km": e["location"]["precision_km"],
                                     "location_basis": e["location"]["basis"], "weight": e["weight"],
                                     "sentence": e["evidence"][0]["sentence"] if e["evidence"] else None}}
                     for e in events]
        # an event in several places ("clashes in Ishkashim, Wakhan and Zebak"): one point for each
        # other resolved place too, pointing back at the event
        features += [{"type": "Feature", "id": f"{e['id']}#{k}",
                      "geometry": {"type": "Point", "coordinates": [a["lon"], a["lat"]]},
                      "properties": {"kind": "event_also", "event_id": e["id"], "event_type": e["event_type"],
                                     "status": e["status"], "date": e["date"], "place": a.get("name"),
                                     "precision_km": a.get("precision_km"), "text": a.get("text")}}
                     for e in events for k, a in enumerate(e["location"].get("also") or [], 1)
                     if a.get("lat") is not None]
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
        return len(features)
    if fmt == "plover":
        recs = plover_records(store)
        for r in recs:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return len(recs)
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
