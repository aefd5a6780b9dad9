/**
 * The offline engine: works on a fresh machine with no network. Java2D drawings for character sheets and keyframes
 * ({@link ai.cinboard.generation.local.LocalImageEngine}), Ken Burns animatics encoded in-process
 * ({@link ai.cinboard.generation.local.LocalVideoEngine}), espeak-ng voiceover
 * ({@link ai.cinboard.generation.local.EspeakSpeechEngine}) and measured quality scores
 * ({@link ai.cinboard.generation.local.QualityScores}). Everything visual is deterministic for a given request.
 */
package ai.cinboard.generation.local;
