"""The NLP stage over stored documents: entities -> actors -> places, written with evidence.

Runs on unique documents (duplicates are not processed twice) that have no annotations yet,
or whose annotations were made with another knowledge base or NLP version: editing the KB
and re-running re-codes the stored documents.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from borderwatch.kb.loader import KB, load_kb, region_dir
from borderwatch.store.db import Store, now

NLP_VERSION = "5.1"  # bump when an NLP stage changes what it writes


@dataclass
class AnnotateReport:
    documents: int = 0
    mentions: int = 0
    actor_mentions: int = 0
    place_mentions: int = 0
    resolved_places: int = 0
    new_actors: int = 0
    events: int = 0
    quotes: int = 0
    claims: int = 0
    contradictions: int = 0
    skipped: int = 0  # documents the NLP stages cannot read (not English), recorded in annotations
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def kb_hash(region: str = "tajik_afghan") -> str:
    h = hashlib.sha256()
    for p in sorted(region_dir(region).glob("*.yaml")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def _pub_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _upsert_kb_actors(store: Store, kb: KB) -> None:
    rows = [(a.id, a.name, a.kind, a.sector, a.country, "kb", json.dumps(list(a.aliases), ensure_ascii=False), a.wikidata)
            for a in kb.actors.values()]
    store.conn.executemany(
        "INSERT INTO actors (id, name, kind, sector, country, source, aliases, wikidata) VALUES (?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind, sector=excluded.sector, "
        "country=excluded.country, source=excluded.source, aliases=excluded.aliases, wikidata=excluded.wikidata", rows)


def _geocoder(region: str) -> Any | None:
    try:
        from borderwatch.nlp.geocode import Geocoder
    except ImportError:
        return None
    return Geocoder.shared(region) if hasattr(Geocoder, "shared") else Geocoder()


def annotate(db: str, region: str = "tajik_afghan", *, force: bool = False, batch_size: int = 16,
             progress: Callable[[AnnotateReport], None] | None = None, workers: int = 1) -> AnnotateReport:
    """Run the NLP stages on the stored documents that need it (new, or coded with another KB
    or NLP version; all with ``force``), one transaction per document, then recompute the
    contradictions. ``workers``: spaCy parsing processes (0 = one per core, up to 2), used only
    when there are at least MIN_DOCS_PER_WORKER documents per process; the other stages and all
    writes stay in this process, in document order, so the result does not depend on the number
    of workers. Default 1: measured on 2 cores, a second parsing process did not pay for its
    document serialisation (docs/BENCHMARKS.md)."""
    import time

    from borderwatch.nlp.actors import actor_index
    from borderwatch.nlp.entities import pipeline

    t0 = time.perf_counter()
    report = AnnotateReport()
    kb = load_kb(region)
    khash = kb_hash(region)
    with Store(db) as store:
        with store.transaction():
            _upsert_kb_actors(store, kb)
        where = "" if force else (
            "AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.doc_id = d.id AND a.kb_hash = ? AND a.nlp_version = ?)")
        args = () if force else (khash, NLP_VERSION)
        todo = store.conn.execute(
            f"SELECT d.id, d.text, d.published, d.language FROM documents d WHERE d.duplicate_of IS NULL {where} "
            "ORDER BY d.rowid", args).fetchall()
        todo = _skip_unreadable(store, todo, khash, report)
        if not todo:
            report.contradictions = store.conn.execute("SELECT COUNT(*) FROM contradictions").fetchone()[0]
            return report
        nlp = pipeline(region)
        index = actor_index(region)
        geocoder = _geocoder(region)
        try:
            from borderwatch.nlp.toponyms import toponym_spans
        except ImportError:
            toponym_spans = None
        n_process = _parse_processes(workers, len(todo))
        texts = ((r["text"], i) for i, r in enumerate(todo))
        for doc, i in nlp.pipe(texts, batch_size=batch_size, as_tuples=True, n_process=n_process):
            _write_doc(store, doc, todo[i], index, geocoder, toponym_spans, khash, report)
            if progress:
                progress(report)
        with store.transaction():
            # actors found by NER that no document mentions any more (a KB edit absorbed them)
            store.conn.execute("DELETE FROM actors WHERE source = 'ner' AND id NOT IN "
                               "(SELECT actor_id FROM mentions WHERE actor_id IS NOT NULL)")
            store.conn.execute("DELETE FROM places WHERE id NOT IN (SELECT place_id FROM mentions WHERE place_id IS NOT NULL)")
        report.contradictions = refresh_contradictions(store)
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def english(language: str | None) -> bool:
    """Can the English NLP stages read a document in this language? Unknown Latin-script text
    ("und") is tried; a stated other language or another script is not."""
    if not language:
        return True
    lang = language.lower()
    return lang == "und" or lang == "en" or lang.startswith(("en-", "en_"))


def _skip_unreadable(store: Store, todo: list[Any], khash: str, report: AnnotateReport) -> list[Any]:
    """Record the documents the NLP stages cannot read as skipped, with the reason, and remove
    any annotation rows an earlier run made for them; return the rest."""
    keep = []
    for r in todo:
        if english(r["language"]):
            keep.append(r)
            continue
        with store.transaction():
            c = store.conn
            for table in ("mentions", "sentences", "events", "quotes", "claims"):
                c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (r["id"],))
            c.execute("INSERT OR REPLACE INTO annotations (doc_id, nlp_version, kb_hash, annotated_at, status, reason) "
                      "VALUES (?,?,?,?,?,?)", (r["id"], NLP_VERSION, khash, now(), "skipped",
                                               f"language {r['language']}: the NLP stages read English only"))
        report.skipped += 1
    return keep


MIN_DOCS_PER_WORKER = 40  # below this a second parsing process costs more to start than it saves


def _parse_processes(workers: int, n_docs: int) -> int:
    import os

    if workers <= 0:
        workers = min(2, os.cpu_count() or 1)
    return max(1, min(workers, n_docs // MIN_DOCS_PER_WORKER))


def _write_doc(store: Store, doc: Any, row: Any, index: Any, geocoder: Any, toponym_spans: Any, khash: str,
               report: AnnotateReport) -> None:
    from borderwatch.nlp.actors import resolve_actors

    doc_id = row["id"]
    published = _pub_date(row["published"])
    sents = [(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents]  # trailing blank lines trimmed
    starts = [s for s, _e in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    actor_mentions, new = resolve_actors(doc, index, published)
    place_rows: list[tuple[Any, ...]] = []
    places: dict[str, Any] = {}
    if geocoder is not None and toponym_spans is not None:
        spans = toponym_spans(doc)
        resolutions = geocoder.resolve_document(doc.text, [(s, e) for s, e, _k in spans], row["published"])
        for (s, e, kind), res in zip(spans, resolutions, strict=True):
            pid = res.place.id if res.place is not None else None
            if res.place is not None:
                places[pid] = res.place
            place_rows.append((s, e, doc.text[s:e], kind, pid, res.score, res.reason))
    by_span = {(m.start, m.end): m for m in actor_mentions}
    events = _events(doc, doc_id, published, actor_mentions, place_rows, places, index)
    quotes, claims = _quotes_claims(doc, doc_id, actor_mentions, events, index, new)
    with store.transaction():
        c = store.conn
        c.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        c.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
        c.executemany("INSERT INTO sentences (doc_id, idx, start, end) VALUES (?,?,?,?)",
                      [(doc_id, i, s, e) for i, (s, e) in enumerate(sents)])
        for na in new.values():
            c.execute("INSERT INTO actors (id, name, kind, source, aliases) VALUES (?,?,?,?,?) "
                      "ON CONFLICT(id) DO NOTHING", (na.id, na.name, na.kind, "ner", json.dumps(sorted(na.aliases))))
        for p in places.values():
            c.execute("INSERT OR REPLACE INTO places (id, name, lat, lon, country_code, feature, precision_km, population, "
                      "geonames_id, admin1, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                      (p.id, p.name, p.lat, p.lon, p.country_code, p.feature, p.precision_km, p.population,
                       p.geonames_id, p.admin1, p.source))
        rows = []
        for m in actor_mentions:
            rows.append((doc_id, m.start, m.end, m.text, m.label, sent_of(m.start), m.actor_id, None, m.method, m.score, None))
        for s, e, text, kind, pid, score, reason in place_rows:
            am = by_span.get((s, e))
            if am is not None:  # "Tajikistan" is both a state actor and a place: one row with both
                rows = [r if (r[1], r[2]) != (s, e) else (*r[:7], pid, r[8], r[9], reason) for r in rows]
            else:
                rows.append((doc_id, s, e, text, "GPE" if kind != "demonym" else "NORP", sent_of(s), None, pid,
                             f"geo:{kind}", score, reason))
        c.executemany("INSERT INTO mentions (doc_id, start, end, text, label, sentence, actor_id, place_id, method, score, "
                      "reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        if events is not None:
            store.insert_events(doc_id, [e.as_row() for e in events])
        store.insert_quotes_claims(doc_id, quotes, claims)
        c.execute("INSERT OR REPLACE INTO annotations (doc_id, nlp_version, kb_hash, annotated_at) VALUES (?,?,?,?)",
                  (doc_id, NLP_VERSION, khash, now()))
    report.documents += 1
    report.mentions += len(rows)
    report.actor_mentions += len(actor_mentions)
    report.place_mentions += len(place_rows)
    report.resolved_places += sum(1 for r in place_rows if r[4])
    report.new_actors += len(new)
    report.events += len(events or [])
    report.quotes += len(quotes)
    report.claims += len(claims)


def _quotes_claims(doc: Any, doc_id: str, actor_mentions: list[Any], events: list[Any] | None, index: Any,
                   new: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Quotes of the document with their speakers, and its claims (quotes plus claimed/denied
    events), as table rows; each quote and claim linked to the event it is about."""
    from borderwatch.nlp.claims import claims_for_document
    from borderwatch.nlp.quotes import extract_quotes

    quotes = extract_quotes(doc, actor_mentions)
    names = {aid: a.name for aid, a in index.kb.actors.items()}
    names.update({na.id: na.name for na in new.values()})
    ev_rows = [e.as_row() for e in events or []]
    claims = claims_for_document(doc_id, doc.text, ev_rows, quotes, names)
    qids = [hashlib.sha256(f"{doc_id}\0{q.start}\0{q.end}".encode()).hexdigest()[:16] for q in quotes]
    event_of = {c.quote_index: c.event_id for c in claims if c.quote_index is not None}
    qrows = []
    for i, q in enumerate(quotes):
        cue, sp, mention, ch = q.cue, q.speaker, q.speaker_mention, q.channel
        qrows.append({
            "id": qids[i], "doc_id": doc_id, "idx": i, "sentence": q.sentence, "kind": q.kind, "start": q.start,
            "end": q.end, "text": q.text,
            "cue_start": cue[0] if cue else None, "cue_end": cue[1] if cue else None, "cue_text": cue[2] if cue else None,
            "speaker_actor_id": q.speaker_actor_id, "speaker_text": sp[2] if sp else None,
            "speaker_start": sp[0] if sp else None, "speaker_end": sp[1] if sp else None,
            "speaker_method": q.speaker_method,
            "mention_text": mention[2] if mention else None, "mention_start": mention[0] if mention else None,
            "mention_end": mention[1] if mention else None,
            "channel_actor_id": q.channel_actor_id, "channel_text": ch[2] if ch else None,
            "channel_start": ch[0] if ch else None, "channel_end": ch[1] if ch else None,
            "continuation_of": qids[q.continuation_of] if q.continuation_of is not None else None,
            "event_id": event_of.get(i), "confidence": q.confidence,
        })
    crows = [{"id": c.id, "doc_id": doc_id, "quote_id": qids[c.quote_index] if c.quote_index is not None else None,
              "event_id": c.event_id, "stance": c.stance, "text": c.text, "start": c.start, "end": c.end,
              "claimant": c.claimant, "channel": c.channel} for c in claims]
    return qrows, crows


def refresh_contradictions(store: Store) -> int:
    """Recompute contradictions between reports over the whole database (within and across
    documents): a claim and its denial, conflicting figures, dates or places."""
    from borderwatch.nlp.claims import find_contradictions

    rows = find_contradictions(store.events())
    with store.transaction():
        store.replace_contradictions(rows)
    return len(rows)


def _events(doc: Any, doc_id: str, published: date | None, actor_mentions: list[Any], place_rows: list[Any],
            places: dict[str, Any], index: Any) -> list[Any] | None:
    """Events of the document, or None when the event stage's modules are not installed."""
    import importlib.util

    if not all(importlib.util.find_spec(f"borderwatch.nlp.{m}") for m in ("event_type", "dates", "quantities")):
        return None
    from borderwatch.nlp.events import extract_events

    resolved = []
    for s, e, text, kind, pid, _score, _reason in place_rows:
        if pid is None:
            continue
        p = places[pid]
        resolved.append({"start": s, "end": e, "text": text, "place_id": pid, "name": p.name, "lat": p.lat,
                         "lon": p.lon, "country_code": p.country_code, "precision_km": p.precision_km, "kind": kind})
    return extract_events(doc, doc_id, published, actor_mentions, resolved, index.kb.actors)
