-- Issue 18: how each scene opens in the final video, from the scene before it in the edit: a cut, a crossfade,
-- a dip to black or a wipe, lasting transition_seconds from the cut (0 for a cut). The first scene's has no
-- scene before it and is not used. Existing scenes take the default, a half-second crossfade.
ALTER TABLE scenes
    ADD COLUMN transition VARCHAR(16) NOT NULL DEFAULT 'crossfade'
        CHECK (transition IN ('cut', 'crossfade', 'dip', 'wipe')),
    ADD COLUMN transition_seconds NUMERIC(5,3) NOT NULL DEFAULT 0.5
        CHECK (transition_seconds >= 0 AND transition_seconds <= 5);
