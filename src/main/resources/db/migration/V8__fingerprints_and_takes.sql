-- Iteration (issue 15). Every rendered artefact stores the fingerprint of its inputs: a SHA-256 hex of
-- everything that determines it (text, timing, looks, engine and model, seed and take, upstream
-- fingerprints). An artefact is stale when its stored fingerprint differs from the one computed now, so
-- staleness is derived, never kept by hand. Keyframes and characters keep every take as a
-- keyframe_images / character_images row; `take` on the parent names the current one (1-based).
-- Additions only: no spec column changes.

ALTER TABLE characters ADD COLUMN fingerprint VARCHAR(64);
ALTER TABLE characters ADD COLUMN take INTEGER NOT NULL DEFAULT 1 CHECK (take >= 1);
ALTER TABLE character_images ADD COLUMN fingerprint VARCHAR(64);
ALTER TABLE character_images ADD COLUMN take INTEGER NOT NULL DEFAULT 1 CHECK (take >= 1);
ALTER TABLE keyframes ADD COLUMN fingerprint VARCHAR(64);
ALTER TABLE keyframes ADD COLUMN take INTEGER NOT NULL DEFAULT 1 CHECK (take >= 1);
ALTER TABLE keyframe_images ADD COLUMN fingerprint VARCHAR(64);
ALTER TABLE keyframe_images ADD COLUMN take INTEGER NOT NULL DEFAULT 1 CHECK (take >= 1);
ALTER TABLE video_clips ADD COLUMN fingerprint VARCHAR(64);
ALTER TABLE voiceovers ADD COLUMN fingerprint VARCHAR(64);
ALTER TABLE final_videos ADD COLUMN fingerprint VARCHAR(64);
