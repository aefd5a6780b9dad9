-- A render cancelled from any studio or the command line: every worker (a team's, or a studio's own in another
-- process) stops the project's running units when it sees this row (before each unit and on each heartbeat), and
-- nothing more of the project is queued, until the project is queued again, which deletes the row. The engine's
-- table can't carry it: a cancel must also reach a unit that is already running.
CREATE TABLE render_cancellations (
    input_record_id INTEGER PRIMARY KEY REFERENCES input_records(id) ON DELETE CASCADE,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- As every table under a project (V7): a member sees and cancels only renders of their own projects.
ALTER TABLE render_cancellations ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_render_cancellations ON render_cancellations
    USING (EXISTS (SELECT 1 FROM input_records p WHERE p.id = render_cancellations.input_record_id))
    WITH CHECK (EXISTS (SELECT 1 FROM input_records p WHERE p.id = render_cancellations.input_record_id));
