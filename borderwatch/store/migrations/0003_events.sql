-- 0003: PLOVER events with their evidence (issue 5).
CREATE TABLE events (
    id TEXT PRIMARY KEY,                -- sha256(doc_id, sentence, trigger offset, type)[:16]
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc_ids TEXT NOT NULL DEFAULT '[]', -- JSON: every document reporting the event once reports are merged
    sentence INTEGER NOT NULL,          -- sentences.idx
    event_type TEXT NOT NULL,           -- one of the 16 PLOVER types
    mode TEXT,
    context TEXT NOT NULL DEFAULT '[]', -- JSON list of PLOVER contexts
    status TEXT NOT NULL,               -- occurred | claimed | denied | threatened | planned | hypothetical | historical | negated
    status_cue TEXT,
    actor TEXT NOT NULL DEFAULT '[]',   -- JSON list of {id, name, country, sector, text, start, end}
    recipient TEXT NOT NULL DEFAULT '[]',
    claimant TEXT,                      -- JSON {id, name, text, start, end} for claimed/denied events
    date TEXT, date_end TEXT, date_precision TEXT NOT NULL DEFAULT 'unknown', date_text TEXT, date_basis TEXT,
    location TEXT,                      -- JSON {place_id, name, lat, lon, country_code, precision_km, basis, text, start, end}
    dead INTEGER, injured INTEGER, arrested INTEGER,
    quantities TEXT NOT NULL DEFAULT '[]',
    trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT,
    evidence TEXT NOT NULL DEFAULT '[]', -- JSON list of {doc_id, sentence, start, end}
    confidence REAL NOT NULL,
    weight REAL NOT NULL,               -- signed contribution to the escalation index (-10..10)
    coder TEXT NOT NULL                 -- model and rule versions that coded it
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_status ON events(status);
