-- 0005: a document the NLP stages cannot read (not English) is recorded as skipped, with why.
-- status: annotated | skipped
ALTER TABLE annotations ADD COLUMN status TEXT NOT NULL DEFAULT 'annotated';
ALTER TABLE annotations ADD COLUMN reason TEXT;
