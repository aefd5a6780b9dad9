-- Render units queued by builds before this one whose kind no longer exists (a whole scene, "12/scene/34", before
-- a scene became its keyframes and its clip): no worker can run them, and each would fail its retries. The
-- project's next render queues its stale units anew, by their fingerprints.
DELETE FROM scheduled_tasks
WHERE (task_name = 'render-unit' OR task_name LIKE 'render-unit@%')
  AND split_part(task_instance, '/', 2) NOT IN ('character', 'voiceover', 'mastering', 'keyframe', 'clip', 'composition');
