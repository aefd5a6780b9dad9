-- What a worker renders with: its engines, frame and keyframes a scene, as its fingerprints see them. Workers that
-- render differently would each find the others' output stale and render it again, forever; a worker whose
-- identity differs from one online is refused, and a studio queueing for workers unlike itself is told.
ALTER TABLE render_workers ADD COLUMN render_identity TEXT;
