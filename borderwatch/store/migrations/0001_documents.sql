-- 0001: documents, discards, near-duplicate signatures, full-text search, run log.
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,            -- content-hash id: sha256(source_id, part, raw input hash)
    source_id TEXT NOT NULL,            -- file name (relative path inside a folder), JSONL id, feed item
    part INTEGER NOT NULL DEFAULT 0,    -- article number inside one input
    title TEXT,
    author TEXT,
    outlet TEXT,
    url TEXT,
    published TEXT,                     -- ISO 8601 date or datetime
    published_basis TEXT,               -- source | html_metadata | text_dateline | text_credit | ...
    language TEXT,
    text TEXT NOT NULL,                 -- cleaned body; every offset points into it
    text_hash TEXT NOT NULL,            -- sha256 of the normalised text (exact-duplicate key)
    kind TEXT NOT NULL,                 -- text | html | jsonl | feed
    input_path TEXT NOT NULL,
    duplicate_of TEXT REFERENCES documents(id) ON DELETE SET NULL,
    duplicate_reason TEXT,
    word_count INTEGER NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',   -- JSON: unknown JSONL keys, encoding, extractor, ...
    repairs TEXT NOT NULL DEFAULT '[]',    -- JSON: every change the cleaner made, with its reason
    ingested_at TEXT NOT NULL,
    UNIQUE (source_id, part)
);
CREATE INDEX documents_text_hash ON documents(text_hash);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

CREATE TABLE discards (
    id TEXT PRIMARY KEY,                -- sha256(source_id, part, reason, input hash): re-runs add nothing
    source_id TEXT NOT NULL,
    part INTEGER,
    input_path TEXT NOT NULL,
    stage TEXT NOT NULL,                -- read | decode | parse | extract | clean
    reason TEXT NOT NULL,               -- code: binary, empty, undecodable, malformed_jsonl, ...
    detail TEXT NOT NULL DEFAULT '',
    size INTEGER,
    sha256 TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX discards_source ON discards(source_id);

CREATE TABLE minhashes (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    num_perm INTEGER NOT NULL,
    hashvalues BLOB NOT NULL            -- num_perm little-endian uint64
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,               -- running | done | failed (a killed run stays "running")
    inputs TEXT NOT NULL DEFAULT '[]',
    counts TEXT NOT NULL DEFAULT '{}',
    version TEXT NOT NULL
);
