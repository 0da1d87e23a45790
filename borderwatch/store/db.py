"""The one-file store: SQLite in WAL mode with ordered, transactional migrations.

Open it with datasette, sqlite-utils or pandas; docs/schema.md describes every table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from borderwatch.errors import StoreError
from borderwatch.records import Discard, Document

DEFAULT_DB = "borderwatch.db"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every shipped migration, in order."""
    out = []
    for entry in resources.files("borderwatch.store").joinpath("migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            out.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


class Store:
    """A BorderWatch database file. Use as a context manager or call close()."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, create: bool = True, readonly: bool = False):
        self.path = Path(path)
        if not self.path.exists() and (readonly or not create):
            raise StoreError(f"no database at {self.path} (run 'borderwatch ingest' first)")
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file")
        try:
            if readonly:
                _upgrade_if_older(self.path)
                self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True) if self.path.parent != Path("") else None
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
            else:
                self._check_schema()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot use {self.path} as a database: {e}") from e
        except OSError as e:
            raise StoreError(f"cannot open {self.path}: {e.strerror or e}") from e

    # -- lifecycle -------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: all of it lands or none of it (also across kill -9)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _check_schema(self) -> None:
        latest = migrations()[-1][0]
        if self.schema_version() > latest:
            raise StoreError(f"{self.path} has schema {self.schema_version()}, newer than this BorderWatch ({latest})")

    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction, in order."""
        self._check_schema()
        applied = []
        for version, name, sql in migrations():
            if version <= self.schema_version():
                continue
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                # executescript would COMMIT first; run statements one by one instead.
                for stmt in _split_sql(sql):
                    self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version = {version}")
                self.conn.execute("COMMIT")
            except sqlite3.Error as e:
                self.conn.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed: {e}") from e
            applied.append(name)
        return applied

    # -- writes ------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def insert_document(self, doc: Document, signature: np.ndarray | None) -> None:
        """Insert inside the caller's transaction. A newer version of the same input part replaces the old row."""
        c = self.conn
        old = c.execute("SELECT id FROM documents WHERE source_id = ? AND part = ?", (doc.source_id, doc.part)).fetchone()
        if old is not None and old["id"] != doc.id:
            c.execute("UPDATE documents SET duplicate_of = NULL, duplicate_reason = NULL WHERE duplicate_of = ?", (old["id"],))
            c.execute("DELETE FROM documents WHERE id = ?", (old["id"],))
        c.execute(
            """INSERT OR IGNORE INTO documents (id, source_id, part, title, author, outlet, url, published,
               published_basis, language, text, text_hash, kind, input_path, duplicate_of, duplicate_reason,
               word_count, metadata, repairs, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (doc.id, doc.source_id, doc.part, doc.title, doc.author, doc.outlet, doc.url, doc.published,
             doc.published_basis, doc.language, doc.text, doc.text_hash, doc.kind, doc.input_path,
             doc.duplicate_of, doc.duplicate_reason, len(doc.text.split()),
             json.dumps(doc.metadata, ensure_ascii=False, default=str),
             json.dumps(doc.repairs, ensure_ascii=False, default=str), now()),
        )
        if signature is not None:
            c.execute("INSERT OR REPLACE INTO minhashes (doc_id, num_perm, hashvalues) VALUES (?,?,?)",
                      (doc.id, len(signature), signature.astype("<u8").tobytes()))
        # a source that now yields a document is no longer discarded
        c.execute("DELETE FROM discards WHERE source_id = ? AND (part IS NULL OR part = ?)", (doc.source_id, doc.part))

    def document_ids_of(self, source_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE source_id = ?", (source_id,))]

    def remove_stale_parts(self, source_id: str, keep_parts: list[int]) -> int:
        """Drop parts an input no longer holds (it was edited from two articles to one)."""
        marks = ",".join("?" * len(keep_parts)) or "NULL"
        cur = self.conn.execute(f"DELETE FROM documents WHERE source_id = ? AND part NOT IN ({marks})", (source_id, *keep_parts))
        return cur.rowcount

    def insert_discard(self, d: Discard) -> bool:
        import hashlib

        key = hashlib.sha256(f"{d.source_id}\0{d.part}\0{d.reason}\0{d.sha256 or d.detail}".encode()).hexdigest()[:24]
        cur = self.conn.execute(
            """INSERT OR IGNORE INTO discards (id, source_id, part, input_path, stage, reason, detail, size, sha256, created_at)
               VALUES (?,?,?,?,?,?,?,?,?,?)""",
            (key, d.source_id, d.part, d.input_path, d.stage, d.reason, d.detail, d.size, d.sha256, now()),
        )
        return cur.rowcount > 0

    def start_run(self, command: str, inputs: list[str], version: str) -> int:
        cur = self.conn.execute("INSERT INTO runs (command, started_at, status, inputs, version) VALUES (?,?,?,?,?)",
                                (command, now(), "running", json.dumps(inputs), version))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        self.conn.execute("UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                          (now(), status, json.dumps(counts), run_id))

    # -- reads -------------------------------------------------------------------
    def signatures(self) -> Iterator[tuple[str, str, np.ndarray | None]]:
        """(doc_id, text_hash, minhash) of every stored document, oldest first (to seed dedup)."""
        rows = self.conn.execute(
            "SELECT d.id, d.text_hash, m.hashvalues FROM documents d LEFT JOIN minhashes m ON m.doc_id = d.id "
            "WHERE d.duplicate_of IS NULL ORDER BY d.rowid")
        for r in rows:
            sig = np.frombuffer(r["hashvalues"], dtype="<u8").astype(np.uint64) if r["hashvalues"] else None
            yield r["id"], r["text_hash"], sig

    def document_text(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row["text"] if row else None

    def documents(self, *, search: str | None = None, limit: int | None = None, include_duplicates: bool = True,
                  with_text: bool = False) -> list[dict[str, Any]]:
        cols = ("d.id, d.source_id, d.part, d.title, d.author, d.outlet, d.url, d.published, d.published_basis, "
                "d.language, d.kind, d.input_path, d.duplicate_of, d.duplicate_reason, d.word_count, d.ingested_at")
        if with_text:
            cols += ", d.text, d.metadata, d.repairs"
        where, args = [], []
        if not include_duplicates:
            where.append("d.duplicate_of IS NULL")
        if search:
            sql = (f"SELECT {cols}, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet FROM documents_fts "
                   f"JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?")
            args.append(_fts_query(search))
            if where:
                sql += " AND " + " AND ".join(where)
            sql += " ORDER BY rank"
        else:
            sql = f"SELECT {cols} FROM documents d"
            if where:
                sql += " WHERE " + " AND ".join(where)
            sql += " ORDER BY d.rowid"
        if limit:
            sql += f" LIMIT {int(limit)}"
        try:
            rows = self.conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError as e:
            raise StoreError(f"bad search query {search!r}: {e}") from e
        return [_row(r) for r in rows]

    def document(self, key: str) -> dict[str, Any] | None:
        """By id (or a unique id prefix) or by source_id (first part)."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (key,)).fetchone()
        if row is None:
            rows = self.conn.execute("SELECT * FROM documents WHERE id LIKE ? LIMIT 2", (key + "%",)).fetchall()
            if len(rows) == 1:
                row = rows[0]
        if row is None:
            row = self.conn.execute("SELECT * FROM documents WHERE source_id = ? ORDER BY part LIMIT 1", (key,)).fetchone()
        if row is None:
            return None
        d = _row(row)
        d.pop("rowid", None)
        return d

    def discards(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT source_id, part, input_path, stage, reason, detail, size, sha256, created_at FROM discards ORDER BY created_at, source_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql)]

    def actors(self, *, search: str | None = None, limit: int | None = None, with_mentions: bool = False
               ) -> list[dict[str, Any]]:
        """Actors with their mention and document counts, most mentioned first."""
        sql = ("SELECT a.*, COUNT(m.id) AS mentions_n, COUNT(DISTINCT m.doc_id) AS documents_n FROM actors a "
               "LEFT JOIN mentions m ON m.actor_id = a.id")
        args: list[Any] = []
        if search:
            sql += " WHERE a.name LIKE ? OR a.aliases LIKE ? OR a.id = ?"
            args += [f"%{search}%", f"%{search}%", search]
        sql += " GROUP BY a.id HAVING mentions_n > 0 OR a.source = 'kb' ORDER BY mentions_n DESC, a.name"
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = [dict(r) for r in self.conn.execute(sql, args)]
        for r in rows:
            r["aliases"] = json.loads(r["aliases"])
            if with_mentions:
                r["mentions"] = [dict(m) for m in self.conn.execute(
                    "SELECT doc_id, start, end, text, sentence, method, score FROM mentions WHERE actor_id = ? "
                    "ORDER BY doc_id, start", (r["id"],))]
        return rows

    def places(self, *, search: str | None = None, limit: int | None = None, with_mentions: bool = False
               ) -> list[dict[str, Any]]:
        sql = ("SELECT p.*, COUNT(m.id) AS mentions_n, COUNT(DISTINCT m.doc_id) AS documents_n FROM places p "
               "LEFT JOIN mentions m ON m.place_id = p.id")
        args: list[Any] = []
        if search:
            sql += " WHERE p.name LIKE ? OR p.id = ?"
            args += [f"%{search}%", search]
        sql += " GROUP BY p.id ORDER BY mentions_n DESC, p.name"
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = [dict(r) for r in self.conn.execute(sql, args)]
        if with_mentions:
            for r in rows:
                r["mentions"] = [dict(m) for m in self.conn.execute(
                    "SELECT doc_id, start, end, text, sentence, method, score, reason FROM mentions WHERE place_id = ? "
                    "ORDER BY doc_id, start", (r["id"],))]
        return rows

    EVENT_JSON = ("doc_ids", "context", "actor", "recipient", "claimant", "location", "quantities", "evidence")

    def insert_events(self, doc_id: str, events: list[dict[str, Any]]) -> None:
        """Replace one document's events (inside the caller's transaction)."""
        self.conn.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
        if not events:
            return
        cols = list(events[0].keys())
        rows = [tuple(json.dumps(e[c], ensure_ascii=False) if c in self.EVENT_JSON else e[c] for c in cols) for e in events]
        self.conn.executemany(f"INSERT OR REPLACE INTO events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)

    def events(self, *, event_type: str | None = None, actor: str | None = None, place: str | None = None,
               since: str | None = None, until: str | None = None, status: str | None = None,
               doc_id: str | None = None, min_confidence: float | None = None, limit: int | None = None
               ) -> list[dict[str, Any]]:
        """Events with filters; actor and place match ids or names (case-insensitive substring)."""
        where, args = [], []
        if event_type:
            where.append("e.event_type = ?")
            args.append(event_type.upper())
        if status:
            marks = ",".join("?" * len(status.split(",")))
            where.append(f"e.status IN ({marks})")
            args += status.split(",")
        if since:
            where.append("COALESCE(e.date_end, e.date) >= ?")
            args.append(since)
        if until:
            where.append("e.date <= ?")
            args.append(until)
        if doc_id:
            where.append("e.doc_id = ?")
            args.append(doc_id)
        if min_confidence is not None:
            where.append("e.confidence >= ?")
            args.append(min_confidence)
        if actor:
            where.append("(lower(e.actor) LIKE ? OR lower(e.recipient) LIKE ?)")
            args += [f"%{actor.lower()}%", f"%{actor.lower()}%"]
        if place:
            where.append("lower(COALESCE(e.location, '')) LIKE ?")
            args.append(f"%{place.lower()}%")
        sql = "SELECT e.*, substr(d.text, s.start + 1, s.end - s.start) AS sentence_text FROM events e " \
              "JOIN documents d ON d.id = e.doc_id LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.date IS NULL, e.date, e.doc_id, e.sentence"
        if limit:
            sql += f" LIMIT {int(limit)}"
        out = []
        for r in self.conn.execute(sql, args):
            d = dict(r)
            for k in self.EVENT_JSON:
                d[k] = json.loads(d[k]) if d.get(k) else ([] if k != "claimant" and k != "location" else None)
            out.append(d)
        # who said what about each event, and what contradicts it
        said: dict[str, list[dict[str, Any]]] = {}
        for c in self.conn.execute("SELECT id, event_id, stance, claimant, channel, quote_id, text FROM claims "
                                   "WHERE event_id IS NOT NULL"):
            said.setdefault(c["event_id"], []).append(
                {"id": c["id"], "stance": c["stance"], "quote_id": c["quote_id"], "text": c["text"],
                 "claimant": json.loads(c["claimant"]) if c["claimant"] else None,
                 "channel": json.loads(c["channel"]) if c["channel"] else None})
        against: dict[str, list[dict[str, Any]]] = {}
        for c in self.conn.execute("SELECT event_a, event_b, kind, detail FROM contradictions"):
            against.setdefault(c["event_a"], []).append({"event_id": c["event_b"], "kind": c["kind"], "detail": c["detail"]})
            against.setdefault(c["event_b"], []).append({"event_id": c["event_a"], "kind": c["kind"], "detail": c["detail"]})
        for d in out:
            d["claims"] = said.get(d["id"], [])
            d["contradictions"] = against.get(d["id"], [])
        return out

    QUOTE_COLS = ("id", "doc_id", "idx", "sentence", "kind", "start", "end", "text", "cue_start", "cue_end", "cue_text",
                  "speaker_actor_id", "speaker_text", "speaker_start", "speaker_end", "speaker_method", "mention_text",
                  "mention_start", "mention_end", "channel_actor_id", "channel_text", "channel_start", "channel_end",
                  "continuation_of", "event_id", "confidence")
    CLAIM_COLS = ("id", "doc_id", "quote_id", "event_id", "stance", "text", "start", "end", "claimant", "channel")

    def insert_quotes_claims(self, doc_id: str, quotes: list[dict[str, Any]], claims: list[dict[str, Any]]) -> None:
        """Replace one document's quotes and claims (inside the caller's transaction)."""
        self.conn.execute("DELETE FROM quotes WHERE doc_id = ?", (doc_id,))
        self.conn.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
        if quotes:
            self.conn.executemany(
                f"INSERT OR REPLACE INTO quotes ({', '.join(self.QUOTE_COLS)}) VALUES ({', '.join('?' * len(self.QUOTE_COLS))})",
                [tuple(q.get(c) for c in self.QUOTE_COLS) for q in quotes])
        if claims:
            self.conn.executemany(
                f"INSERT OR REPLACE INTO claims ({', '.join(self.CLAIM_COLS)}) VALUES ({', '.join('?' * len(self.CLAIM_COLS))})",
                [tuple(json.dumps(c[k], ensure_ascii=False) if k in ("claimant", "channel") and c[k] is not None
                       else c[k] for k in self.CLAIM_COLS) for c in claims])

    def replace_contradictions(self, rows: list[tuple[str, str, str, str]]) -> None:
        """Replace the contradiction table (inside the caller's transaction)."""
        self.conn.execute("DELETE FROM contradictions")
        self.conn.executemany("INSERT OR IGNORE INTO contradictions (event_a, event_b, kind, detail) VALUES (?,?,?,?)",
                              rows)

    def quotes(self, *, speaker: str | None = None, doc_id: str | None = None, kind: str | None = None,
               search: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Quotes in document order; ``speaker`` matches an actor id, the actor's name or aliases,
        or the speaker's words (case-insensitive substring)."""
        where, args = [], []
        if speaker:
            like = f"%{speaker.lower()}%"
            where.append("(q.speaker_actor_id = ? OR lower(a.name) LIKE ? OR lower(a.aliases) LIKE ? "
                         "OR lower(q.speaker_text) LIKE ?)")
            args += [speaker, like, like, like]
        if doc_id:
            where.append("q.doc_id = ?")
            args.append(doc_id)
        if kind:
            marks = ",".join("?" * len(kind.split(",")))
            where.append(f"q.kind IN ({marks})")
            args += kind.split(",")
        if search:
            where.append("lower(q.text) LIKE ?")
            args.append(f"%{search.lower()}%")
        sql = ("SELECT q.*, a.name AS speaker_name, c.name AS channel_name, d.published, d.title, d.outlet FROM quotes q "
               "JOIN documents d ON d.id = q.doc_id LEFT JOIN actors a ON a.id = q.speaker_actor_id "
               "LEFT JOIN actors c ON c.id = q.channel_actor_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.published IS NULL, d.published, q.doc_id, q.idx"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql, args)]

    def contradictions(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM contradictions ORDER BY event_a, event_b, kind")]

    def claims(self, *, contested: bool = False, stance: str | None = None, event_id: str | None = None,
               claimant: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Claims with what contradicts them: ``contradicts`` lists, for each contradiction of the
        claim's event, the other event and the claims made about it."""
        where, args = [], []
        if stance:
            where.append("c.stance = ?")
            args.append(stance)
        if event_id:
            where.append("c.event_id = ?")
            args.append(event_id)
        if claimant:
            where.append("lower(COALESCE(c.claimant, '')) LIKE ?")
            args.append(f"%{claimant.lower()}%")
        if contested:
            where.append("c.event_id IN (SELECT event_a FROM contradictions UNION SELECT event_b FROM contradictions)")
        sql = ("SELECT c.*, d.published, d.title, d.outlet, e.event_type, e.status AS event_status FROM claims c "
               "JOIN documents d ON d.id = c.doc_id LEFT JOIN events e ON e.id = c.event_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.published IS NULL, d.published, c.doc_id, c.start"
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = [dict(r) for r in self.conn.execute(sql, args)]
        claims_of: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT id, event_id FROM claims WHERE event_id IS NOT NULL"):
            claims_of.setdefault(r["event_id"], []).append(r["id"])
        by_event: dict[str, list[dict[str, Any]]] = {}
        for r in self.conn.execute("SELECT * FROM contradictions"):
            by_event.setdefault(r["event_a"], []).append({"event_id": r["event_b"], "kind": r["kind"], "detail": r["detail"]})
            by_event.setdefault(r["event_b"], []).append({"event_id": r["event_a"], "kind": r["kind"], "detail": r["detail"]})
        for r in rows:
            for k in ("claimant", "channel"):
                r[k] = json.loads(r[k]) if r.get(k) else None
            r["contradicts"] = [{**x, "claim_ids": claims_of.get(x["event_id"], [])}
                                for x in by_event.get(r["event_id"] or "", [])]
        return rows

    def unresolved_places(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT text, COUNT(*) AS n, MIN(reason) AS reason FROM mentions WHERE method LIKE 'geo:%' "
               "AND place_id IS NULL GROUP BY text ORDER BY n DESC")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql)]

    def stats(self) -> dict[str, Any]:
        q = self.conn.execute
        out: dict[str, Any] = {
            "database": str(self.path),
            "schema_version": self.schema_version(),
            "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
            "unique_documents": q("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NULL").fetchone()[0],
            "exact_duplicates": q("SELECT COUNT(*) FROM documents WHERE duplicate_reason = 'exact'").fetchone()[0],
            "near_duplicates": q("SELECT COUNT(*) FROM documents WHERE duplicate_reason LIKE 'near%'").fetchone()[0],
            "words": q("SELECT COALESCE(SUM(word_count), 0) FROM documents").fetchone()[0],
            "discards": q("SELECT COUNT(*) FROM discards").fetchone()[0],
            "discards_by_reason": {r[0]: r[1] for r in q("SELECT reason, COUNT(*) FROM discards GROUP BY reason ORDER BY 2 DESC")},
            "documents_by_kind": {r[0]: r[1] for r in q("SELECT kind, COUNT(*) FROM documents GROUP BY kind ORDER BY 2 DESC")},
            "published_range": list(q("SELECT MIN(published), MAX(published) FROM documents").fetchone()),
            "annotated_documents": q("SELECT COUNT(*) FROM annotations WHERE status = 'annotated'").fetchone()[0],
            "skipped_documents": {r[0]: r[1] for r in q("SELECT reason, COUNT(*) FROM annotations WHERE status = 'skipped' "
                                                      "GROUP BY reason ORDER BY 2 DESC")},
            "actors": q("SELECT COUNT(DISTINCT actor_id) FROM mentions").fetchone()[0],
            "actor_mentions": q("SELECT COUNT(*) FROM mentions WHERE actor_id IS NOT NULL").fetchone()[0],
            "places": q("SELECT COUNT(DISTINCT place_id) FROM mentions").fetchone()[0],
            "place_mentions": q("SELECT COUNT(*) FROM mentions WHERE place_id IS NOT NULL").fetchone()[0],
            "unresolved_place_mentions": q("SELECT COUNT(*) FROM mentions WHERE method LIKE 'geo:%' AND place_id IS NULL").fetchone()[0],
            "events": q("SELECT COUNT(*) FROM events").fetchone()[0],
            "events_by_status": {r[0]: r[1] for r in q("SELECT status, COUNT(*) FROM events GROUP BY status ORDER BY 2 DESC")},
            "events_by_type": {r[0]: r[1] for r in q("SELECT event_type, COUNT(*) FROM events GROUP BY event_type ORDER BY 2 DESC")},
            "quotes": q("SELECT COUNT(*) FROM quotes").fetchone()[0],
            "quotes_with_speaker": q("SELECT COUNT(*) FROM quotes WHERE speaker_text IS NOT NULL").fetchone()[0],
            "claims": q("SELECT COUNT(*) FROM claims").fetchone()[0],
            "contradictions": q("SELECT COUNT(*) FROM contradictions").fetchone()[0],
            "runs": q("SELECT COUNT(*) FROM runs").fetchone()[0],
            "interrupted_runs": q("SELECT COUNT(*) FROM runs WHERE status = 'running'").fetchone()[0],
        }
        return out


def _row(r: sqlite3.Row) -> dict[str, Any]:
    d = dict(r)
    for k in ("metadata", "repairs"):
        if k in d and isinstance(d[k], str):
            d[k] = json.loads(d[k])
    return d


def _fts_query(q: str) -> str:
    """Plain words are matched as words (prefix-free, AND); FTS5 syntax passes through when quoted or uses operators."""
    if any(op in q for op in ('"', " OR ", " AND ", " NOT ", "*", "NEAR(")):
        return q
    words = [w for w in q.replace("'", " ").split() if w]
    return " ".join(f'"{w}"' for w in words)


def _upgrade_if_older(path: Path) -> None:
    """A database written by an older BorderWatch is migrated before a read-only command reads
    it (the migrations only add tables and columns); one that cannot be written says so."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    latest = max(v for v, _n, _s in migrations())
    if version >= latest:
        return
    try:
        Store(path).close()  # read-write open: migrates
    except StoreError as e:
        raise StoreError(f"{path} has schema {version}, older than this BorderWatch ({latest}), and could not be "
                         f"upgraded: {e.message}") from e


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements; CREATE TRIGGER bodies hold semicolons."""
    out, buf, in_trigger = [], [], False
    for line in sql.splitlines():
        stripped = line.strip()
        if stripped.startswith("--") or not stripped:
            continue
        buf.append(line)
        up = stripped.upper()
        if up.startswith("CREATE TRIGGER"):
            in_trigger = True
        if (in_trigger and up == "END;") or (not in_trigger and stripped.endswith(";")):
            out.append("\n".join(buf))
            buf, in_trigger = [], False
    if buf:
        out.append("\n".join(buf))
    return out
