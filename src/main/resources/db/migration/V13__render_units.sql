-- Issue 19: render units run by workers. The queue itself belongs to the job engine, db-scheduler: its one table,
-- as its documentation gives it for PostgreSQL (a one-time task is a row, picked with SELECT ... FOR UPDATE SKIP
-- LOCKED, kept alive by last_heartbeat, and deleted when it completes). The studio never writes it directly.
CREATE TABLE scheduled_tasks (
    task_name            TEXT NOT NULL,
    task_instance        TEXT NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- Which workers are online: each worker keeps its row's last_seen fresh while it runs and deletes it when it stops
-- cleanly. A queued render with no fresh row says that it waits for a worker. Not part of the queue.
CREATE TABLE render_workers (
    name        TEXT PRIMARY KEY,
    host        TEXT NOT NULL,
    concurrency INT NOT NULL CHECK (concurrency > 0),
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
