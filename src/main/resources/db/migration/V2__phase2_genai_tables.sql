-- Phase 2 of the database spec: the GenAI workflow tables and their indexes, the characters
-- updated_at trigger, and the quality-score validation. The spec attaches the validation to three
-- tables; every table with a quality_score gets it here, so the 0..1 rule holds everywhere.

CREATE TABLE characters (
    id SERIAL PRIMARY KEY,
    input_record_id INTEGER NOT NULL REFERENCES input_records(id) ON DELETE CASCADE,
    character_id VARCHAR(100) NOT NULL,
    character_name VARCHAR(100) NOT NULL,
    character_description TEXT NOT NULL,
    consistency_key VARCHAR(100) NOT NULL,
    image_url VARCHAR(500),
    generation_params JSONB,
    quality_score DECIMAL(3,2),
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE character_images (
    id SERIAL PRIMARY KEY,
    character_id INTEGER NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
    scene_id INTEGER,
    image_url VARCHAR(500) NOT NULL,
    image_type VARCHAR(50) DEFAULT 'character',
    generation_params JSONB,
    quality_score DECIMAL(3,2),
    file_size_bytes BIGINT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE keyframes (
    id SERIAL PRIMARY KEY,
    input_record_id INTEGER NOT NULL REFERENCES input_records(id) ON DELETE CASCADE,
    scene_id INTEGER NOT NULL,
    keyframe_id VARCHAR(100) NOT NULL,
    sequence INTEGER NOT NULL,
    keyframe_description TEXT NOT NULL,
    image_url VARCHAR(500),
    timing_seconds INTEGER NOT NULL,
    generation_params JSONB,
    quality_score DECIMAL(3,2),
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE keyframe_images (
    id SERIAL PRIMARY KEY,
    keyframe_id INTEGER NOT NULL REFERENCES keyframes(id) ON DELETE CASCADE,
    image_url VARCHAR(500) NOT NULL,
    image_type VARCHAR(50) DEFAULT 'keyframe',
    generation_params JSONB,
    quality_score DECIMAL(3,2),
    file_size_bytes BIGINT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE video_clips (
    id SERIAL PRIMARY KEY,
    input_record_id INTEGER NOT NULL REFERENCES input_records(id) ON DELETE CASCADE,
    scene_id INTEGER NOT NULL,
    clip_id VARCHAR(100) NOT NULL,
    video_url VARCHAR(500) NOT NULL,
    duration_seconds INTEGER NOT NULL,
    file_size_bytes BIGINT,
    quality_score DECIMAL(3,2),
    generation_params JSONB,
    keyframe_ids INTEGER[],
    character_ids INTEGER[],
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE voiceovers (
    id SERIAL PRIMARY KEY,
    input_record_id INTEGER NOT NULL REFERENCES input_records(id) ON DELETE CASCADE,
    audio_url VARCHAR(500) NOT NULL,
    duration_seconds INTEGER NOT NULL,
    file_size_bytes BIGINT,
    voice_settings JSONB NOT NULL,
    quality_score DECIMAL(3,2),
    language VARCHAR(10) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE final_videos (
    id SERIAL PRIMARY KEY,
    input_record_id INTEGER NOT NULL REFERENCES input_records(id) ON DELETE CASCADE,
    video_url VARCHAR(500) NOT NULL,
    duration_seconds INTEGER NOT NULL,
    file_size_bytes BIGINT,
    quality_score DECIMAL(3,2),
    thumbnail_urls TEXT[],
    composition_data JSONB,
    video_clip_ids INTEGER[],
    voiceover_id INTEGER REFERENCES voiceovers(id),
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    delivered_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX idx_characters_input_record_id ON characters(input_record_id);
CREATE INDEX idx_characters_consistency_key ON characters(consistency_key);
CREATE INDEX idx_character_images_character_id ON character_images(character_id);

CREATE INDEX idx_keyframes_input_record_id ON keyframes(input_record_id);
CREATE INDEX idx_keyframes_scene_id ON keyframes(scene_id);
CREATE INDEX idx_keyframe_images_keyframe_id ON keyframe_images(keyframe_id);

CREATE INDEX idx_video_clips_input_record_id ON video_clips(input_record_id);
CREATE INDEX idx_video_clips_scene_id ON video_clips(scene_id);

CREATE INDEX idx_voiceovers_input_record_id ON voiceovers(input_record_id);
CREATE INDEX idx_voiceovers_language ON voiceovers(language);

CREATE INDEX idx_final_videos_input_record_id ON final_videos(input_record_id);
CREATE INDEX idx_final_videos_delivered_at ON final_videos(delivered_at);

CREATE TRIGGER update_characters_updated_at BEFORE UPDATE ON characters
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE FUNCTION validate_quality_score()
RETURNS TRIGGER AS $$
BEGIN
    IF NEW.quality_score < 0.0 OR NEW.quality_score > 1.0 THEN
        RAISE EXCEPTION 'Quality score must be between 0.0 and 1.0';
    END IF;
    RETURN NEW;
END;
$$ language 'plpgsql';

CREATE TRIGGER validate_character_quality_score BEFORE INSERT OR UPDATE ON characters
    FOR EACH ROW EXECUTE FUNCTION validate_quality_score();

CREATE TRIGGER validate_keyframe_quality_score BEFORE INSERT OR UPDATE ON keyframes
    FOR EACH ROW EXECUTE FUNCTION validate_quality_score();

CREATE TRIGGER validate_video_clip_quality_score BEFORE INSERT OR UPDATE ON video_clips
    FOR EACH ROW EXECUTE FUNCTION validate_quality_score();

-- Beyond the spec's three: the same rule on the other four tables that carry a quality_score.
CREATE TRIGGER validate_character_image_quality_score BEFORE INSERT OR UPDATE ON character_images
    FOR EACH ROW EXECUTE FUNCTION validate_quality_score();

CREATE TRIGGER validate_keyframe_image_quality_score BEFORE INSERT OR UPDATE ON keyframe_images
    FOR EACH ROW EXECUTE FUNCTION validate_quality_score();

CREATE TRIGGER validate_voiceover_quality_score BEFORE INSERT OR UPDATE ON voiceovers
    FOR EACH ROW EXECUTE FUNCTION validate_quality_score();

CREATE TRIGGER validate_final_video_quality_score BEFORE INSERT OR UPDATE ON final_videos
    FOR EACH ROW EXECUTE FUNCTION validate_quality_score();
