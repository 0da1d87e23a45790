-- 0004: quotes with their speakers, the claims ledger, and contradictions between reports (issue 6).
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,                -- sha256(doc_id, start, end)[:16]
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,               -- order in the document
    sentence INTEGER,                   -- sentences.idx of the quote's start
    kind TEXT NOT NULL,                 -- direct | indirect | mixed
    start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
    speaker_actor_id TEXT,              -- actors.id; NULL when nobody is named (the honest answer)
    speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER,
    speaker_method TEXT NOT NULL,       -- name | role | pronoun | continuation | outlet_relay | none
    mention_text TEXT, mention_start INTEGER, mention_end INTEGER,  -- the words in the attribution ("he")
    channel_actor_id TEXT, channel_text TEXT, channel_start INTEGER, channel_end INTEGER,
    continuation_of TEXT,               -- quotes.id of the quote this one continues
    event_id TEXT,                      -- events.id of the event the quote is about, if any
    confidence REAL NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc_id);
CREATE INDEX quotes_speaker ON quotes(speaker_actor_id);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    quote_id TEXT,                      -- quotes.id when the claim is a quote
    event_id TEXT,                      -- events.id the claim is about
    stance TEXT NOT NULL,               -- asserts | denies | doubts
    text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    claimant TEXT,                      -- JSON {actor_id, name, text, start, end}
    channel TEXT                        -- JSON {actor_id, name, text, start, end}
);
CREATE INDEX claims_doc ON claims(doc_id);
CREATE INDEX claims_event ON claims(event_id);

-- recomputed over the whole database after each annotate run (within and across documents)
CREATE TABLE contradictions (
    event_a TEXT NOT NULL,
    event_b TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- claim_denial | conflicting_figures | conflicting_dates | conflicting_places
    detail TEXT NOT NULL,
    PRIMARY KEY (event_a, event_b, kind)
);
CREATE INDEX contradictions_b ON contradictions(event_b);
