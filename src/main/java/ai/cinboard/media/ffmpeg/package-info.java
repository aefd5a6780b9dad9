/**
 * In-process FFmpeg (org.bytedeco) encoding, decoding, probing and composition. Depends on the domain layer only.
 *
 * <ul>
 *   <li>{@link ai.cinboard.media.ffmpeg.AnimaticEncoder}: frames (BufferedImage or decoded Frame) plus a WAV or
 *   silence to an H.264 (libopenh264) + AAC MP4 with faststart; refuses output that is not h264/aac.</li>
 *   <li>{@link ai.cinboard.media.ffmpeg.MediaProbe}: codecs, size, fps, duration; optionally a full decode check.</li>
 *   <li>{@link ai.cinboard.media.ffmpeg.FrameExtractor}: frame-accurate frame at a time, for scrubbing.</li>
 *   <li>{@link ai.cinboard.media.ffmpeg.FinalComposer}: scene clips + per-scene voiceover to the final MP4, fitting
 *   scenes to longer voiceovers, with SRT, three thumbnails and an edit list; copies clips that already have the
 *   output's H.264 settings and re-encodes only the rest, optionally with subtitles burned in.</li>
 *   <li>{@link ai.cinboard.media.ffmpeg.PacketMuxer}: joins already-encoded H.264 pieces and one audio track into
 *   an MP4 without decoding; {@link ai.cinboard.media.ffmpeg.SubtitleBurner}: subtitles blended into YUV frames.</li>
 *   <li>{@link ai.cinboard.media.ffmpeg.Wav}: PCM16 WAV read/write, resample, concat, mix, loudness, clipping.</li>
 * </ul>
 */
package ai.cinboard.media.ffmpeg;
