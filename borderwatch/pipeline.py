"""The ingest pipeline: read -> clean -> dedup -> store, one transaction per input unit."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from borderwatch import __version__
from borderwatch.clean import dedup
from borderwatch.clean.dates import assume_year
from borderwatch.clean.language import guess_language
from borderwatch.clean.text import clean_text
from borderwatch.ingest.readers import DEFAULT_MAX_BYTES, discover, read_input
from borderwatch.records import Article, Discard, Document
from borderwatch.store.db import DEFAULT_DB, Store

MIN_WORDS = 3  # a "document" of fewer words is recorded as a discard, not stored as news


@dataclass
class IngestReport:
    inputs: int = 0
    articles: int = 0
    documents: int = 0  # new document rows written
    unchanged: int = 0  # inputs already stored with the same content
    exact_duplicates: int = 0
    near_duplicates: int = 0
    superseded: int = 0
    discards: int = 0  # new discard rows
    discards_seen: int = 0  # discards met in this run (new or already recorded)
    discard_reasons: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["discard_reasons"] = dict(self.discard_reasons)
        return d


def doc_id(source_id: str, part: int, raw_hash: str) -> str:
    """Content-hash id: the same input part with the same bytes always gets the same id."""
    return hashlib.sha256(f"{source_id}\0{part}\0{raw_hash}".encode()).hexdigest()[:16]


def _raw_hash(article: Article) -> str:
    h = article.metadata.get("input_sha256")
    return str(h) if h else hashlib.sha256(article.text.encode()).hexdigest()


def documents_from(article: Article, today: date | None = None) -> list[Document] | Discard:
    """Clean one Article into Documents (one per article found in it) or a Discard. ``today``
    (default: the clock, UTC) dates a yearless wire dateline."""
    parts = clean_text(article.text, title=article.title)
    raw = _raw_hash(article)
    docs: list[Document] = []
    for n, part in enumerate(parts):
        if len(part.text.split()) < MIN_WORDS:
            continue
        meta = dict(article.metadata)
        basis = meta.pop("published_basis", None)
        published = article.published
        if published is None and part.published:
            published, basis = part.published, part.published_basis
        if published is None and (md := next((r["month_day"] for r in part.repairs
                                              if r.get("repair") == "wire_dateline_no_year"), None)):
            # a yearless wire dateline: the latest such day up to today (wire copy is read as it comes)
            published = assume_year(int(md[:2]), int(md[3:]), today or datetime.now(UTC).date())
            basis = "text_dateline_year_assumed"
        if len(parts) > 1:
            meta["parts_in_input"] = len(parts)
        docs.append(Document(
            id=doc_id(article.source_id, n, raw), source_id=article.source_id, part=n, text=part.text,
            input_path=article.input_path, kind=article.kind,
            title=part.title or (article.title if n == 0 else None),
            author=(article.author if n == 0 else None) or part.author,
            outlet=article.outlet, url=article.url if n == 0 else None,
            published=published, published_basis=basis if published else None,
            language=article.language or guess_language(part.text),
            metadata=meta,
            repairs=[*article.repairs, *part.repairs],
        ))
    if not docs:
        words = len(article.text.split())
        return Discard(article.source_id, article.input_path, "clean", "no_text_after_cleaning",
                       f"nothing but page furniture or fewer than {MIN_WORDS} words left of {words} words",
                       size=len(article.text.encode()), sha256=raw)
    return docs


ProgressFn = Callable[[IngestReport], None]


@dataclass
class Prepared:
    """What a worker hands the writer for one input unit: its documents, or a discard, or "unchanged"."""

    article: Article | None
    discard: Discard | None = None
    unchanged: bool = False
    docs: list[tuple[Document, dedup.Fingerprint]] = field(default_factory=list)


_worker_store: Store | None = None


def _worker_init(db: str) -> None:
    global _worker_store
    _worker_store = Store(db, readonly=True)


def prepare(f: Any, max_bytes: int, force: bool, store: Store | None = None) -> list[Prepared]:
    """Read, clean and fingerprint one input file: pure CPU work, safe to run in a worker.

    ``store`` (read-only) is used only to skip inputs whose bytes are already stored.
    """
    store = store or _worker_store
    out: list[Prepared] = []
    for item in read_input(f, max_bytes=max_bytes):
        if isinstance(item, Discard):
            out.append(Prepared(None, discard=item))
            continue
        if not force and store is not None and store.has_document(doc_id(item.source_id, 0, _raw_hash(item))):
            out.append(Prepared(item, unchanged=True))
            continue
        result = documents_from(item)
        if isinstance(result, Discard):
            out.append(Prepared(item, discard=result))
            continue
        prepared = Prepared(item)
        for doc in result:
            fp = dedup.fingerprint(doc.text)
            doc.text_hash = fp.text_hash
            prepared.docs.append((doc, fp))
        out.append(prepared)
    return out


def _prepare_star(args: tuple[Any, int, bool]) -> list[Prepared]:
    return prepare(*args)


def ingest(inputs: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str] = DEFAULT_DB, *,
           max_bytes: int = DEFAULT_MAX_BYTES, force: bool = False, progress: ProgressFn | None = None,
           workers: int = 0) -> IngestReport:
    """Ingest files and folders into the database; safe to re-run (idempotent).

    Missing paths raise InputNotFound before anything is written. Reading and cleaning run
    in ``workers`` processes (0 = one per core, up to 4, when there are enough files);
    deduplication and writing stay in this process, in input order, so the result does not
    depend on the number of workers. Each input unit (a file, a JSONL line, a feed item) is
    stored in its own transaction: a killed run leaves whole units only and a re-run
    completes the rest.
    """
    inputs = list(inputs)
    files = list(discover(inputs))  # raises on a missing path before the DB is touched
    if workers <= 0:
        workers = min(os.cpu_count() or 1, 4) if len(files) >= 64 else 1
    report = IngestReport()
    with Store(Path(db)) as store:
        run = store.start_run("ingest", [str(p) for p in inputs], __version__)
        index = dedup.DedupIndex(store.document_text)
        for did, thash, sig in store.signatures():
            index.add(did, thash, sig)
        status = "failed"
        pool = None
        try:
            if workers > 1:
                import multiprocessing as mp

                pool = mp.get_context("spawn").Pool(workers, initializer=_worker_init, initargs=(str(db),))
                results = pool.imap(_prepare_star, ((f, max_bytes, force) for f in files), chunksize=4)
            else:
                results = (prepare(f, max_bytes, force, store) for f in files)
            for prepared in results:
                report.inputs += 1
                for p in prepared:
                    _write(store, index, p, report)
                    if progress:
                        progress(report)
            status = "done"
        finally:
            if pool is not None:
                pool.terminate()
            store.finish_run(run, status, report.as_dict())
    return report


def _store_discard(store: Store, d: Discard, report: IngestReport) -> None:
    report.discards_seen += 1
    report.discard_reasons[d.reason] += 1
    with store.transaction():
        if store.insert_discard(d):
            report.discards += 1


def _write(store: Store, index: dedup.DedupIndex, p: Prepared, report: IngestReport) -> None:
    if p.article is not None:
        report.articles += 1
    if p.discard is not None:
        _store_discard(store, p.discard, report)
        return
    if p.unchanged:
        report.unchanged += 1
        return
    assert p.article is not None
    new_ids = {doc.id for doc, _fp in p.docs}
    # documents this input held before (an edited file): they are replaced, not matched against
    for old_id in store.document_ids_of(p.article.source_id):
        if old_id not in new_ids:
            index.remove(old_id)
    for doc, fp in p.docs:
        match = index.find(fp)
        if match is not None and match.doc_id != doc.id:
            doc.duplicate_of, doc.duplicate_reason = match.doc_id, match.reason
    with store.transaction():
        for doc, fp in p.docs:
            store.insert_document(doc, fp.signature)
        report.superseded += store.remove_stale_parts(p.article.source_id, [doc.part for doc, _fp in p.docs])
    for doc, fp in p.docs:
        report.documents += 1
        if doc.duplicate_of is None:
            index.add(doc.id, doc.text_hash, fp.signature, fp.shingles)
        elif doc.duplicate_reason == "exact":
            report.exact_duplicates += 1
        else:
            report.near_duplicates += 1
