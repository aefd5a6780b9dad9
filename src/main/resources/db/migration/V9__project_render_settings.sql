-- Issue 18: a project's own composition settings, kept so a re-render makes the same final mix.
-- JSONB with snake_case keys: loudness_target (LUFS, -14 / -16 / -23), music_url (a media-store URL of the
-- music bed, absent for none) and music_name (the file name the user picked). Row-level security and deletion
-- follow input_records itself.
ALTER TABLE input_records ADD COLUMN render_settings JSONB NOT NULL DEFAULT '{}'::jsonb;
