/**
 * Story intake, in pipeline order:
 * {@link ai.cinboard.text.StoryDecoder} (bytes to text, UTF-8/UTF-16 only),
 * {@link ai.cinboard.text.InputValidator} (phase validation),
 * {@link ai.cinboard.text.LanguageDetector} (phase language_detection),
 * {@link ai.cinboard.text.translate.Translator} (phase translation; skipped is not failed),
 * {@link ai.cinboard.text.policy.ContentPolicy} (phase content_policy; BLOCK stops the pipeline),
 * {@link ai.cinboard.text.breakdown.SceneBreakdown} or {@link ai.cinboard.text.breakdown.LlmSceneBreakdown}
 * (phase scene_breakdown). Every class here is free of persistence and UI: callers store the results.
 * Failures the user can fix are {@link ai.cinboard.domain.StudioException}s.
 */
package ai.cinboard.text;
