-- 0002: actors, places, sentences and entity mentions (issue 4).
CREATE TABLE actors (
    id TEXT PRIMARY KEY,                -- KB id ("rahmon") or "x_<name key>" for actors found by NER
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- person | organisation | state | armed_group | igo | media | group | ethnic_group
    sector TEXT,                        -- PLOVER sector code
    country TEXT,                       -- ISO 3166 alpha-3
    source TEXT NOT NULL,               -- kb | ner
    aliases TEXT NOT NULL DEFAULT '[]', -- JSON: KB aliases, or the surface forms seen
    wikidata TEXT
);
CREATE TABLE places (
    id TEXT PRIMARY KEY,                -- "gn:<geonameid>", "kb:<id>", "cc:<ISO3>"
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT,                  -- ISO 3166 alpha-3
    feature TEXT NOT NULL,
    precision_km REAL NOT NULL,         -- radius the place spans: a province is not a point
    population INTEGER,
    geonames_id INTEGER,
    admin1 TEXT,
    source TEXT NOT NULL
);
CREATE TABLE sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,             -- character offsets into documents.text
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,                -- PERSON, ORG, NORP, GPE, LOC, FAC, ROLE
    sentence INTEGER,                   -- sentences.idx
    actor_id TEXT REFERENCES actors(id),
    place_id TEXT REFERENCES places(id),
    method TEXT NOT NULL,               -- how it was resolved: kb_ruler, alias, translit, coref, role, fuzzy, new, geo:...
    score REAL NOT NULL,
    reason TEXT
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE INDEX mentions_place ON mentions(place_id);
CREATE TABLE annotations (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    nlp_version TEXT NOT NULL,          -- code version of the NLP stages
    kb_hash TEXT NOT NULL,              -- hash of the knowledge base used: a KB edit re-codes the document
    annotated_at TEXT NOT NULL
);
