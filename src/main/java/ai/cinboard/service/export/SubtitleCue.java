package ai.cinboard.service.export;

import java.util.Objects;

/**
 * A timed line of voiceover or dialogue, in milliseconds from the start of the edit (end exclusive).
 * The pipeline writes its real timings into {@code final_videos.composition_data} under "cues", as a list
 * of objects {@code {"start": seconds, "end": seconds, "text": "...", "speaker": "..."}}.
 */
public record SubtitleCue(long startMillis, long endMillis, String text) {
    public SubtitleCue {
        Objects.requireNonNull(text, "text");
        if (startMillis < 0 || endMillis < startMillis) {
            throw new IllegalArgumentException("bad cue times " + startMillis + " - " + endMillis);
        }
    }
}
