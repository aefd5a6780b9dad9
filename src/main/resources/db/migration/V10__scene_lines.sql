-- Each scene's lines (action and dialogue, in order) as intake broke the story down: every render and export
-- reads these instead of breaking the raw text down again, so narration, the SRT, the burned-in subtitles and
-- the editors' titles come from the same lines. A JSON array of {"kind": "ACTION"|"DIALOGUE", "speaker", "text"}.
-- NULL for scenes stored before this migration: those are still broken down from the stored story.
ALTER TABLE scenes ADD COLUMN lines JSONB;
