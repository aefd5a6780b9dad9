package ai.cinboard.service.playback;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What playback runs on: the sound output and the clock (nanoseconds) that moves the playhead. The studio uses the
 * sound card and {@link System#nanoTime}; tests inject a counting sink and a clock they advance themselves.
 */
public record PlaybackDevices(AudioOutput audio, LongSupplier clock) {
    public PlaybackDevices {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(clock, "clock");
    }

    public static PlaybackDevices standard() {
        return new PlaybackDevices(new JavaSoundOutput(), System::nanoTime);
    }
}
