-- The spec's keyframes.scene_id, video_clips.scene_id and character_images.scene_id point at scenes,
-- but the spec has no scenes table. This adds it, the characters-per-scene link, and the keyframe
-- lock flag the storyboard's "approve" sets. Additions only: no spec column changes.

CREATE TABLE scenes (
    id SERIAL PRIMARY KEY,
    input_record_id INTEGER NOT NULL REFERENCES input_records(id) ON DELETE CASCADE,
    scene_number INTEGER NOT NULL,
    -- Order in the edit; starts equal to scene_number and changes when the creator reorders scenes.
    position INTEGER NOT NULL,
    heading TEXT NOT NULL,
    location TEXT,
    time_of_day VARCHAR(50),
    text TEXT NOT NULL,
    duration_seconds NUMERIC(9,3) NOT NULL CHECK (duration_seconds > 0),
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_scenes_input_record_id ON scenes(input_record_id);

CREATE TRIGGER update_scenes_updated_at BEFORE UPDATE ON scenes
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE scene_characters (
    scene_id INTEGER NOT NULL REFERENCES scenes(id) ON DELETE CASCADE,
    character_id INTEGER NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
    PRIMARY KEY (scene_id, character_id)
);

CREATE INDEX idx_scene_characters_character_id ON scene_characters(character_id);

ALTER TABLE keyframes ADD CONSTRAINT fk_keyframes_scene
    FOREIGN KEY (scene_id) REFERENCES scenes(id) ON DELETE CASCADE;
ALTER TABLE video_clips ADD CONSTRAINT fk_video_clips_scene
    FOREIGN KEY (scene_id) REFERENCES scenes(id) ON DELETE CASCADE;
ALTER TABLE character_images ADD CONSTRAINT fk_character_images_scene
    FOREIGN KEY (scene_id) REFERENCES scenes(id) ON DELETE SET NULL;

-- An approved keyframe is never regenerated.
ALTER TABLE keyframes ADD COLUMN locked BOOLEAN NOT NULL DEFAULT FALSE;
