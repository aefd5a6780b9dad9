-- Row-level security for team mode: a user sees and changes only their own input records and the rows
-- under them. The studio sets cinboard.user_id for each transaction (set_config(..., true)) when it works
-- on a shared server. Table owners bypass these policies (RLS is enabled, not forced), so the embedded
-- server, migrations, backup, restore and maintenance, which run as the owner, see every row.
-- This is a second line behind the data layer's own ownership checks, not a guard against a client that
-- holds the app role's password: such a client can set cinboard.user_id itself.

-- NULL when no user is set: then no project row is visible to a non-owner.
CREATE FUNCTION cinboard_current_user_id() RETURNS INTEGER
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('cinboard.user_id', true), '')::integer $$;

ALTER TABLE input_records ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_input_records ON input_records
    USING (user_id = cinboard_current_user_id())
    WITH CHECK (user_id = cinboard_current_user_id());

-- Children follow their parent: the EXISTS reads the parent under its own policy. The child's column is
-- qualified because parents have columns of the same name (characters.character_id, keyframes.keyframe_id).
ALTER TABLE processing_statuses ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_processing_statuses ON processing_statuses
    USING (EXISTS (SELECT 1 FROM input_records p WHERE p.id = processing_statuses.input_record_id))
    WITH CHECK (EXISTS (SELECT 1 FROM input_records p WHERE p.id = processing_statuses.input_record_id));

ALTER TABLE scenes ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_scenes ON scenes
    USING (EXISTS (SELECT 1 FROM input_records p WHERE p.id = scenes.input_record_id))
    WITH CHECK (EXISTS (SELECT 1 FROM input_records p WHERE p.id = scenes.input_record_id));

ALTER TABLE characters ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_characters ON characters
    USING (EXISTS (SELECT 1 FROM input_records p WHERE p.id = characters.input_record_id))
    WITH CHECK (EXISTS (SELECT 1 FROM input_records p WHERE p.id = characters.input_record_id));

ALTER TABLE keyframes ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_keyframes ON keyframes
    USING (EXISTS (SELECT 1 FROM input_records p WHERE p.id = keyframes.input_record_id))
    WITH CHECK (EXISTS (SELECT 1 FROM input_records p WHERE p.id = keyframes.input_record_id));

ALTER TABLE video_clips ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_video_clips ON video_clips
    USING (EXISTS (SELECT 1 FROM input_records p WHERE p.id = video_clips.input_record_id))
    WITH CHECK (EXISTS (SELECT 1 FROM input_records p WHERE p.id = video_clips.input_record_id));

ALTER TABLE voiceovers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_voiceovers ON voiceovers
    USING (EXISTS (SELECT 1 FROM input_records p WHERE p.id = voiceovers.input_record_id))
    WITH CHECK (EXISTS (SELECT 1 FROM input_records p WHERE p.id = voiceovers.input_record_id));

ALTER TABLE final_videos ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_final_videos ON final_videos
    USING (EXISTS (SELECT 1 FROM input_records p WHERE p.id = final_videos.input_record_id))
    WITH CHECK (EXISTS (SELECT 1 FROM input_records p WHERE p.id = final_videos.input_record_id));

ALTER TABLE character_images ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_character_images ON character_images
    USING (EXISTS (SELECT 1 FROM characters c WHERE c.id = character_images.character_id))
    WITH CHECK (EXISTS (SELECT 1 FROM characters c WHERE c.id = character_images.character_id));

ALTER TABLE keyframe_images ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_keyframe_images ON keyframe_images
    USING (EXISTS (SELECT 1 FROM keyframes k WHERE k.id = keyframe_images.keyframe_id))
    WITH CHECK (EXISTS (SELECT 1 FROM keyframes k WHERE k.id = keyframe_images.keyframe_id));

ALTER TABLE scene_characters ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_scene_characters ON scene_characters
    USING (EXISTS (SELECT 1 FROM scenes s WHERE s.id = scene_characters.scene_id))
    WITH CHECK (EXISTS (SELECT 1 FROM scenes s WHERE s.id = scene_characters.scene_id));
