-- Units of a project's render that failed for good: the last of their attempts failed (a studio's own worker
-- doesn't retry, so its first), or their workers died running them too often. Kept in the database, not in the
-- memory of the worker that gave up, so that no other worker (nor this one after a restart) queues them again
-- when a sibling unit finishes; queueing the project again (a new render) deletes its rows.
CREATE TABLE render_unit_failures (
    input_record_id INTEGER NOT NULL REFERENCES input_records(id) ON DELETE CASCADE,
    unit            TEXT NOT NULL,
    error_message   TEXT,
    failed_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    PRIMARY KEY (input_record_id, unit)
);

-- As every table under a project (V7).
ALTER TABLE render_unit_failures ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_render_unit_failures ON render_unit_failures
    USING (EXISTS (SELECT 1 FROM input_records p WHERE p.id = render_unit_failures.input_record_id))
    WITH CHECK (EXISTS (SELECT 1 FROM input_records p WHERE p.id = render_unit_failures.input_record_id));
