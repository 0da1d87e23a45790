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
from borderwatch.nlp.entities import doc_text
from borderwatch.nlp.truecase import for_parse, restore_text
from borderwatch.store.db import Store, now

NLP_VERSION = "5.2"  # bump when an NLP stage changes what it writes


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
             progress: Callable[[AnnotateReport], None] | None = None, workers: int = 0) -> AnnotateReport:
    """Run the NLP stages on the stored documents that need it (new, or coded with another KB
    or NLP version; all with ``force``), one transaction per document, then recompute the
    contradictions. ``workers``: coding processes (0 = one per core), used only when there are
    at least MIN_DOCS_PER_WORKER documents per process; each runs every per-document stage and
    hands back plain rows, and this process writes them in document order, so the result does
    not depend on the number of workers (docs/BENCHMARKS.md)."""
    import time

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
        rows = [{"id": r["id"], "text": r["text"], "published": r["published"]} for r in todo]
        n_process = _parse_processes(workers, len(rows))
        if n_process > 1:
            import multiprocessing as mp

            batches = [rows[i:i + batch_size] for i in range(0, len(rows), batch_size)]
            with mp.get_context("fork").Pool(n_process, initializer=_init_worker, initargs=(region,)) as pool:
                for coded in pool.imap(_work, batches):  # in order: the same database whatever the workers
                    for c in coded:
                        _store_coded(store, c, khash, report)
                        if progress:
                            progress(report)
        else:
            nlp, index, geocoder, toponym_spans = _stages(region)
            texts = ((for_parse(r["text"], region), r) for r in rows)
            for doc, row in nlp.pipe(texts, batch_size=batch_size, as_tuples=True):
                _store_coded(store, _code_doc(doc, row, index, geocoder, toponym_spans), khash, report)
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
        workers = os.cpu_count() or 1
    return max(1, min(workers, n_docs // MIN_DOCS_PER_WORKER))


@dataclass
class Coded:
    """Everything the NLP stages made of one document, as plain rows (picklable: a worker
    process codes, the main process writes)."""

    doc_id: str
    sentences: list[tuple[int, int]]
    mentions: list[tuple[Any, ...]]
    new_actors: list[tuple[str, str, str, str]]  # id, name, kind, aliases JSON
    places: list[tuple[Any, ...]]
    events: list[dict[str, Any]] | None
    quotes: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    actor_mentions: int
    place_mentions: int
    resolved_places: int


def _code_doc(doc: Any, row: dict[str, Any], index: Any, geocoder: Any, toponym_spans: Any) -> Coded:
    """Run every per-document stage on a parsed document; no database access."""
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
        text = doc_text(doc)
        resolutions = geocoder.resolve_document(text, [(s, e) for s, e, _k in spans], row["published"])
        for (s, e, kind), res in zip(spans, resolutions, strict=True):
            pid = res.place.id if res.place is not None else None
            if res.place is not None:
                places[pid] = res.place
            place_rows.append((s, e, text[s:e], kind, pid, res.score, res.reason))
    by_span = {(m.start, m.end): m for m in actor_mentions}
    events = _events(doc, doc_id, published, actor_mentions, place_rows, places, index)
    quotes, claims = _quotes_claims(doc, doc_id, actor_mentions, events, index, new)
    original = row["text"]
    event_rows = None if events is None else [e.as_row() for e in events]
    recased = doc_text(doc) != original
    if recased:  # lines in capitals were recased for the parse: store the source's words
        event_rows, quotes, claims = (restore_text(x, original) for x in (event_rows, quotes, claims))
        for ev in event_rows or []:
            ds, de = ev["evidence"][0].get("date_start"), ev["evidence"][0].get("date_end")
            if ev["date_text"] and isinstance(ds, int) and isinstance(de, int) and de - ds == len(ev["date_text"]):
                ev["date_text"] = original[ds:de]
    rows = []
    for m in actor_mentions:
        rows.append((doc_id, m.start, m.end, original[m.start:m.end] if recased else m.text, m.label, sent_of(m.start),
                     m.actor_id, None, m.method, m.score, None))
    for s, e, text, kind, pid, score, reason in place_rows:
        if by_span.get((s, e)) is not None:  # "Tajikistan" is both a state actor and a place: one row with both
            rows = [r if (r[1], r[2]) != (s, e) else (*r[:7], pid, r[8], r[9], reason) for r in rows]
        else:
            rows.append((doc_id, s, e, original[s:e] if recased else text, "GPE" if kind != "demonym" else "NORP", sent_of(s), None, pid,
                         f"geo:{kind}", score, reason))
    return Coded(
        doc_id=doc_id, sentences=sents, mentions=rows,
        new_actors=[(na.id, na.name, na.kind, json.dumps(sorted(na.aliases))) for na in new.values()],
        places=[(p.id, p.name, p.lat, p.lon, p.country_code, p.feature, p.precision_km, p.population, p.geonames_id,
                 p.admin1, p.source) for p in places.values()],
        events=event_rows, quotes=quotes, claims=claims,
        actor_mentions=len(actor_mentions), place_mentions=len(place_rows),
        resolved_places=sum(1 for r in place_rows if r[4]))


def _store_coded(store: Store, c: Coded, khash: str, report: AnnotateReport) -> None:
    """Replace one document's annotations with what was coded, in one transaction."""
    doc_id = c.doc_id
    with store.transaction():
        conn = store.conn
        conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
        conn.executemany("INSERT INTO sentences (doc_id, idx, start, end) VALUES (?,?,?,?)",
                         [(doc_id, i, s, e) for i, (s, e) in enumerate(c.sentences)])
        conn.executemany("INSERT INTO actors (id, name, kind, source, aliases) VALUES (?,?,?,'ner',?) "
                         "ON CONFLICT(id) DO NOTHING", c.new_actors)
        conn.executemany("INSERT OR REPLACE INTO places (id, name, lat, lon, country_code, feature, precision_km, "
                         "population, geonames_id, admin1, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)", c.places)
        conn.executemany("INSERT INTO mentions (doc_id, start, end, text, label, sentence, actor_id, place_id, method, "
                         "score, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)", c.mentions)
        if c.events is not None:
            store.insert_events(doc_id, c.events)
        store.insert_quotes_claims(doc_id, c.quotes, c.claims)
        conn.execute("INSERT OR REPLACE INTO annotations (doc_id, nlp_version, kb_hash, annotated_at) VALUES (?,?,?,?)",
                     (doc_id, NLP_VERSION, khash, now()))
    report.documents += 1
    report.mentions += len(c.mentions)
    report.actor_mentions += c.actor_mentions
    report.place_mentions += c.place_mentions
    report.resolved_places += c.resolved_places
    report.new_actors += len(c.new_actors)
    report.events += len(c.events or [])
    report.quotes += len(c.quotes)
    report.claims += len(c.claims)


# -- worker processes ----------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _stages(region: str) -> tuple[Any, Any, Any, Any]:
    from borderwatch.nlp.actors import actor_index
    from borderwatch.nlp.entities import pipeline

    try:
        from borderwatch.nlp.toponyms import toponym_spans
    except ImportError:
        toponym_spans = None
    return pipeline(region), actor_index(region), _geocoder(region), toponym_spans


def _init_worker(region: str) -> None:
    _WORKER["stages"] = _stages(region)
    _WORKER["region"] = region


def _work(batch: list[dict[str, Any]]) -> list[Coded]:
    nlp, index, geocoder, toponym_spans = _WORKER["stages"]
    return [_code_doc(doc, row, index, geocoder, toponym_spans)
            for doc, row in zip(nlp.pipe([for_parse(r["text"], _WORKER["region"]) for r in batch]), batch,
                                strict=True)]


def _quotes_claims(doc: Any, doc_id: str, actor_mentions: list[Any], events: list[Any] | None, index: Any,
                   new: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Quotes of the document with their speakers, and its claims (quotes plus claimed/denied
    events), as table rows; each quote and claim linked to the event it is about."""
    from borderwatch.nlp.claims import claims_for_document
    from borderwatch.nlp.quotes import extract_quotes

    quotes = extract_quotes(doc, actor_mentions)
    names = {aid: a.name for aid, a in index.kb.actors.items()}
    names.update({na.id: na.name for na in new.values()})
    if events:
        from borderwatch.nlp.events import speak_for_themselves

        speak_for_themselves(events, quotes, index.kb.actors, names)
    ev_rows = [e.as_row() for e in events or []]
    claims = claims_for_document(doc_id, doc_text(doc), ev_rows, quotes, names)
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

    cands = []  # every place span; one the geocoder could not resolve may still be where an event happened
    for s, e, text, kind, pid, _score, _reason in place_rows:
        p = places[pid] if pid is not None else None
        cands.append({"start": s, "end": e, "text": text, "place_id": pid, "kind": kind,
                      **{k: getattr(p, k) if p is not None else None
                         for k in ("name", "lat", "lon", "country_code", "precision_km", "feature")}})
    return extract_events(doc, doc_id, published, actor_mentions, cands, index.kb.actors)
