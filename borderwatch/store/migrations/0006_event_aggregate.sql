-- 0006: an event that is a count over a period ("UNAMA recorded 46 civilians killed in the first
-- half of the year", "seized 4.2 tonnes of drugs since January"), not one incident. It keeps its
-- figures and its evidence but weighs nothing in the escalation index (its incidents are, or
-- should be, counted one by one), and it is never taken for the same event as an incident.
ALTER TABLE events ADD COLUMN aggregate INTEGER NOT NULL DEFAULT 0;
